//! Reading a native dataset file a window at a time, so that a large file is never held
//! whole in memory: the members before `events` are parsed as one small object (but
//! `participants`, read a person at a time), then each event is parsed, checked and
//! kept as soon as it is read. When the events are many, a second thread reads the
//! later half of them or so (see `events`).
//!
//! This is the fast road for sound files only. At the first thing it does not expect
//! (a syntax error, a problem, members after `events`, a file that is not UTF-8), it
//! gives up. A file with problems is then read again a window at a time for them all
//! (`check`), each placed at its line and column as the whole-file reader places it;
//! anything else is read whole by the caller: every road gives the same timeline or the
//! same errors. Why it gave up is counted ([`super::handovers`], by [`GiveUpReason`]).
//!
//! An event in the form tools commonly write is read by `scan`, with no serde and no
//! allocation of its own; any other by `serde_json`, with its strings borrowed from the
//! window. serde's is the grammar, `scan` a pre-check of it; each event it hands over
//! is counted, by [`ScanReason`].

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Sender};

use serde::Deserialize;
use serde::de::{DeserializeOwned, IgnoredAny};

use super::handovers::{self, GiveUpReason, ScanReason};
use super::native::{
    Base, Builder, EventIds, FileStr, Part, PeopleRead, RawDataset, RawEvent, RawParticipant,
    RawStr, overlong_string, too_long,
};
use super::scan::{self, Scan, Spare};
use super::zones::ZoneReadings;
use crate::model::text::{clean_line, is_blank};
use crate::model::timeline::Timeline;
use crate::store::give_back_freed_memory;
pub(in crate::data) use check::{Checked, Fault, Within, check};
pub(in crate::data) use precheck::precheck;
pub(in crate::data) use syntax::{fault_error, streamed_error, surely_native};
use window::Window;

mod check;
mod precheck;
mod syntax;
mod window;

/// How much of the file is read at a time.
const WINDOW: usize = 4 << 20;

/// Events taking less of the file than this are read by one thread; more, and a second
/// thread reads the rest from near the middle, where there is a second core for it.
const SPLIT_FROM: u64 = 16 << 20;

/// Where in the events the second thread starts, in hundredths: a little before the
/// middle, because the first thread, once at the meeting place, still has its own
/// events to order and the second one's to add to its own. Starting at 48 rather than
/// 50 was faster (a million events: 1.55 s against 1.63 s, medians of 11 alternated),
/// and 49 no faster. With the ordering done there too, 46 and 44 were no faster
/// either.
const SECOND_FROM_PERCENT: u64 = 48;

/// The second thread hands its events over in runs of this many, which the first
/// thread adds to its own once it has read its half, while the second reads on (short
/// runs in the unit tests, to merge many). A power of two: the events are kept in
/// their runs, not copied (`store::Stored`).
const RUN: usize = if cfg!(test) { 16 } else { 8192 };
const _: () = assert!(RUN.is_power_of_two());

/// How the two threads of a split read meet: where the second began (a file offset),
/// whether to stop, and how far it has got.
struct Helper {
    boundary: AtomicU64,
    stop: AtomicBool,
    read: AtomicU64,
    events: AtomicU64,
}

/// [`Helper::boundary`] before the second thread has looked, and when it found none.
const UNKNOWN: u64 = u64::MAX;
const NONE: u64 = u64::MAX - 1;

impl Default for Helper {
    fn default() -> Helper {
        Helper {
            boundary: AtomicU64::new(UNKNOWN),
            stop: AtomicBool::new(false),
            read: AtomicU64::new(0),
            events: AtomicU64::new(0),
        }
    }
}

/// How far a load has come: bytes read of the file's size.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub read: u64,
    pub total: u64,
    /// Events read so far.
    pub events: u64,
    /// The file is being read again, whole: for its problems, or because it is written
    /// in a way the window reader does not follow.
    pub rereading: bool,
}

/// Why the fast road was left; the file is then read whole.
#[derive(Debug)]
struct GiveUp(GiveUpReason);

impl From<io::Error> for GiveUp {
    fn from(_: io::Error) -> GiveUp {
        GiveUp(GiveUpReason::Unreadable)
    }
}

/// The timeline in a native dataset file, or `None` when the file needs reading whole
/// (for its errors, or because it is written in a way this reader does not follow).
pub fn load(path: &Path, progress: &mut dyn FnMut(Progress)) -> Option<Timeline> {
    load_in_windows(path, WINDOW, SPLIT_FROM, progress)
}

/// [`load`], saying why it gave up.
pub(in crate::data) fn load_or_why(
    path: &Path,
    progress: &mut dyn FnMut(Progress),
) -> Result<Timeline, GiveUpReason> {
    read_in_windows(path, WINDOW, SPLIT_FROM, progress).map_err(|GiveUp(why)| {
        handovers::read_whole(why);
        why
    })
}

/// [`load`], splitting the reading of events between two threads from `split_from`
/// bytes of events on (the tests split small files, to exercise the split).
pub fn load_split_from(
    path: &Path,
    split_from: u64,
    progress: &mut dyn FnMut(Progress),
) -> Option<Timeline> {
    load_in_windows(path, WINDOW, split_from, progress)
}

fn load_in_windows(
    path: &Path,
    size: usize,
    split_from: u64,
    progress: &mut dyn FnMut(Progress),
) -> Option<Timeline> {
    read_in_windows(path, size, split_from, progress)
        .map_err(|GiveUp(why)| handovers::read_whole(why))
        .ok()
}

/// [`load_in_windows`], saying why it gave up.
fn read_in_windows(
    path: &Path,
    size: usize,
    split_from: u64,
    progress: &mut dyn FnMut(Progress),
) -> Result<Timeline, GiveUp> {
    let helper = Helper::default();
    let stamp = |path: &Path| {
        std::fs::metadata(path)
            .ok()
            .map(|m| (m.len(), m.modified().ok()))
    };
    let before = stamp(path).ok_or(GiveUp(GiveUpReason::Unreadable))?;
    let mut window = Window::open(path, 0, size, progress, Some(&helper))?;
    let timeline = dataset(&mut window, path, split_from)?;
    // Read a window at a time, a file written meanwhile could mix two versions.
    if stamp(path) != Some(before) {
        return Err(GiveUp(GiveUpReason::Changed));
    }
    Ok(timeline)
}

/// The whole file: `{ members..., "events": [...] }`, with `events` last.
fn dataset(w: &mut Window<'_>, path: &Path, split_from: u64) -> Result<Timeline, GiveUp> {
    while w.len - w.pos < 3 && w.fill()? {}
    let start = &w.buf[w.pos..w.len];
    if start.starts_with(&[0xFF, 0xFE]) || start.starts_with(&[0xFE, 0xFF]) {
        return Err(GiveUp(GiveUpReason::NotUtf8));
    }
    if start.starts_with(&[0xEF, 0xBB, 0xBF]) {
        w.pos += 3;
    }
    w.expect(b'{')?;
    // The members before `events`, as one JSON object for the registry.
    let mut head = String::from("{");
    let mut people = None;
    let mut builder: Option<Builder> = None;
    if w.peek()? == Some(b'}') {
        w.pos += 1;
    } else {
        loop {
            if w.peek()? != Some(b'"') {
                return Err(GiveUp(GiveUpReason::Syntax));
            }
            let key: String = w.value()?;
            if too_long(&key) {
                return Err(GiveUp(GiveUpReason::TooLong));
            }
            w.expect(b':')?;
            if builder.is_some() {
                // Anything after the events (or a second `events`): read it whole.
                return Err(GiveUp(GiveUpReason::AfterEvents));
            }
            if key == "events" {
                let registry = registry(std::mem::take(&mut head), people.take())?;
                let (read, to_the_end) = events(w, registry, path, split_from)?;
                if to_the_end {
                    // The second thread read the rest of the file, and it was sound.
                    return finish(read);
                }
                builder = Some(read);
            } else {
                member(&mut head, &mut people, &key, w)?;
            }
            if end_of_member(w)? {
                break;
            }
        }
    }
    if w.peek()?.is_some() {
        return Err(GiveUp(GiveUpReason::Syntax));
    }
    let builder = match builder {
        Some(b) => b,
        None => registry(head, people)?,
    };
    finish(builder)
}

/// Reads the member `key` of the registry: the participants a person at a time, any
/// other kept as written in `head`, the text the rest of the registry is read from.
fn member(
    head: &mut String,
    people: &mut Option<PeopleRead>,
    key: &str,
    w: &mut Window<'_>,
) -> Result<(), GiveUp> {
    if key != "participants" {
        return keep_member(head, key, w);
    }
    if people.is_some() {
        // serde refuses a member given twice.
        return Err(GiveUp(GiveUpReason::Syntax));
    }
    let mut read = PeopleRead::default();
    w.expect(b'[')?;
    if w.peek()? == Some(b']') {
        w.pos += 1;
    } else {
        loop {
            w.person(&mut read)?;
            match w.peek()? {
                Some(b',') => w.pos += 1,
                Some(b']') => {
                    w.pos += 1;
                    break;
                }
                _ => return Err(GiveUp(GiveUpReason::Syntax)),
            }
        }
    }
    *people = Some(read);
    Ok(())
}

/// Keeps the member `key`, as written, in the text the registry is read from.
fn keep_member(head: &mut String, key: &str, w: &mut Window<'_>) -> Result<(), GiveUp> {
    if head.len() > 1 {
        head.push(',');
    }
    head.push_str(&serde_json::to_string(key).map_err(|_| GiveUp(GiveUpReason::Syntax))?);
    head.push(':');
    head.push_str(w.raw()?);
    Ok(())
}

/// Moves past what ends a member of the top object: true past its closing `}`.
fn end_of_member(w: &mut Window<'_>) -> Result<bool, GiveUp> {
    match w.peek()? {
        Some(b',') => {
            w.pos += 1;
            Ok(false)
        }
        Some(b'}') => {
            w.pos += 1;
            Ok(true)
        }
        _ => Err(GiveUp(GiveUpReason::Syntax)),
    }
}

/// The registry from the members read so far.
fn registry(mut head: String, people: Option<PeopleRead>) -> Result<Builder, GiveUp> {
    if overlong_string(&head).is_some() {
        return Err(GiveUp(GiveUpReason::TooLong));
    }
    head.push('}');
    // The members were read as JSON already: what serde refuses here is their shape.
    let raw: RawDataset = serde_json::from_str(&head).map_err(|_| GiveUp(GiveUpReason::Problem))?;
    let builder = Builder::new(raw, people);
    if builder.failed() {
        return Err(GiveUp(GiveUpReason::Problem));
    }
    Ok(builder)
}

/// The `events` array, each event checked as soon as it is read; true when a second
/// thread read the rest of the file.
///
/// With much to read, a second thread starts near the middle of the file, finds the first
/// place after it where an event parses, and reads from there to the end. The first
/// thread reads from the start until it reaches that place. Reaching it exactly where
/// an event begins proves it an element of the array, and the second thread's events
/// follow the first's (taken in runs as the second thread hands them over, while it
/// reads on); passing it shows it was inside something else (a string that looks like
/// events), and the first thread reads on alone. Either way the events, and their
/// order, are those one reader would have read.
fn events(
    w: &mut Window<'_>,
    builder: Builder,
    path: &Path,
    split_from: u64,
) -> Result<(Builder, bool), GiveUp> {
    w.expect(b'[')?;
    if w.peek()? == Some(b']') {
        w.pos += 1;
        return Ok((builder, false));
    }
    let Builder { base, mut part } = builder;
    let begin = w.offset();
    let span = w.progress.total.saturating_sub(begin);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let Some(helper) = w.helper.filter(|_| span >= split_from && cores > 1) else {
        read_events(w, &mut part, &base, None)?;
        return Ok((Builder { base, part }, false));
    };
    let (runs, handed) = mpsc::channel();
    std::thread::scope(|scope| {
        let second = scope.spawn(|| {
            second_half(
                path,
                begin + span * SECOND_FROM_PERCENT / 100,
                &base,
                helper,
                runs,
            )
        });
        let outcome = read_events(w, &mut part, &base, Some(helper));
        match outcome {
            Ok(Stop::Met) => {
                // The second thread reads on for a while (20–140 ms at a million
                // events, in traces): time to put this thread's events in order ahead of
                // the rest.
                // (Always in the unit tests, whose split reads must cover it.)
                if cfg!(test) || !second.is_finished() {
                    part.order_early();
                }
                // The second thread's events, as it hands them over.
                for run in handed {
                    part.append(run);
                }
                give_back_freed_memory();
                match second.join() {
                    Ok(Some(())) => Ok(true),
                    // The second half has a fault: the whole-file reader tells which.
                    _ => Err(GiveUp(GiveUpReason::SecondHalf)),
                }
            }
            Ok(Stop::End) => {
                helper.stop.store(true, Ordering::Relaxed);
                Ok(false)
            }
            Err(e) => {
                helper.stop.store(true, Ordering::Relaxed);
                Err(e)
            }
        }
    })
    .map(|to_the_end| (Builder { base, part }, to_the_end))
}

/// Where a run of events stopped.
enum Stop {
    /// At the end of the array.
    End,
    /// At the place the second thread began.
    Met,
}

/// Reads events to the end of the array or, with a `helper`, to where the second
/// thread began (if it began where an event does).
fn read_events(
    w: &mut Window<'_>,
    part: &mut Part,
    base: &Base,
    mut helper: Option<&Helper>,
) -> Result<Stop, GiveUp> {
    let first = w.offset();
    for i in 0.. {
        w.peek()?;
        if let Some(h) = helper {
            match h.boundary.load(Ordering::Acquire) {
                UNKNOWN => {}
                NONE => helper = None,
                at if w.offset() == at => return Ok(Stop::Met),
                at if w.offset() > at => {
                    // Not where an event begins: read on alone.
                    h.stop.store(true, Ordering::Relaxed);
                    helper = None;
                }
                _ => {}
            }
        }
        if let Some(why) = w.event(i, part, base)? {
            handovers::scanned_by_serde(why);
        }
        w.progress.events += 1;
        if i == 999 {
            // Room for as many events again as the first thousand suggest, and some.
            let read = w.offset() - first;
            let left = w.progress.total.saturating_sub(w.offset());
            part.reserve(left as f64 / read.max(1) as f64 * 1.125);
        }
        match w.peek()? {
            Some(b',') => w.pos += 1,
            Some(b']') => {
                w.pos += 1;
                return Ok(Stop::End);
            }
            _ => return Err(GiveUp(GiveUpReason::Syntax)),
        }
    }
    Ok(Stop::End)
}

/// The second thread: from `from`, finds where an event begins, tells the first thread,
/// and reads from there to the end of the file, handing its events over in runs as it
/// goes; `None` if anything is not as expected.
fn second_half(
    path: &Path,
    from: u64,
    base: &Base,
    helper: &Helper,
    runs: Sender<Part>,
) -> Option<()> {
    let mut report = |p: Progress| {
        helper.read.store(p.read, Ordering::Relaxed);
        helper.events.store(p.events, Ordering::Relaxed);
    };
    let mut read = || -> Option<()> {
        let mut w = Window::open(path, from, WINDOW, &mut report, None).ok()?;
        let mut part = Part::default();
        // The first place after `from` where an event begins: `}, {` is also where
        // the objects of an event's lists meet, and those are not events.
        loop {
            let at = w.boundary()?;
            // Only the event found is counted, not the tries at other places.
            if let Ok(handed) = w.event(0, &mut part, base) {
                if let Some(why) = handed {
                    handovers::scanned_by_serde(why);
                }
                helper.boundary.store(at, Ordering::Release);
                break;
            }
            if part.failed() || w.offset() > from + (1 << 20) {
                return None;
            }
            w.pos = usize::try_from(at + 1 - w.start).ok()?;
        }
        loop {
            if helper.stop.load(Ordering::Relaxed) {
                return None;
            }
            match w.peek().ok()? {
                Some(b',') => w.pos += 1,
                Some(b']') => {
                    w.pos += 1;
                    break;
                }
                _ => return None,
            }
            if part.len() == RUN {
                runs.send(std::mem::take(&mut part)).ok()?;
            }
            if let Some(why) = w.event(part.len(), &mut part, base).ok()? {
                handovers::scanned_by_serde(why);
            }
            w.progress.events += 1;
        }
        // The end of the dataset, and nothing after it.
        w.expect(b'}').ok()?;
        if w.peek().ok()?.is_some() {
            return None;
        }
        runs.send(part).ok()
    };
    let outcome = read();
    // However it ended, the first thread must not wait for a boundary.
    let _ = helper
        .boundary
        .compare_exchange(UNKNOWN, NONE, Ordering::AcqRel, Ordering::Relaxed);
    outcome
}

/// Duplicate ids and relations, with every event read: event positions are the file's.
fn finish(builder: Builder) -> Result<Timeline, GiveUp> {
    builder
        .finish(EventIds::Unchecked)
        .map_err(|_| GiveUp(GiveUpReason::Problem))
}

#[cfg(test)]
mod tests;
