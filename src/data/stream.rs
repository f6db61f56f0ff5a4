//! Reading a native dataset file a window at a time, so that a large file is never held
//! whole in memory: the members before `events` are parsed as one small object, then
//! each event is parsed, checked and kept as soon as it is read. When the events are
//! many, a second thread reads the later half of them or so (see `events`).
//!
//! This is the fast road for sound files only. At the first thing it does not expect
//! (a syntax error, a problem, members after `events`, a file that is not UTF-8), it
//! gives up and the caller reads the file whole, which reports every problem with its
//! line and column exactly as before: both roads give the same timeline or the same
//! errors. Why it gave up is counted ([`super::handovers`], by [`GiveUpReason`]).
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
    Base, Builder, EventIds, FileStr, MAX_STRING_BYTES, Part, RawDataset, RawEvent, RawStr,
    overlong_string,
};
use super::scan::{self, Scan, Spare};
use super::zones::ZoneReadings;
use crate::model::text::{clean_line, is_blank};
use crate::model::timeline::Timeline;
use crate::store::give_back_freed_memory;

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

/// The part of the file in memory and where reading has got to.
struct Window<'p> {
    file: File,
    buf: Vec<u8>,
    /// The file offset of `buf[0]`.
    start: u64,
    /// `buf[pos..len]` is read but not yet parsed.
    pos: usize,
    len: usize,
    /// `buf[valid_from..valid]` is known to be UTF-8; what follows, up to `len`, is the
    /// start of a character the window's end cut short.
    valid_from: usize,
    valid: usize,
    /// How many bytes may still be stepped over at the start, as the rest of a
    /// character a window opened in the middle of the file begins inside.
    lead: usize,
    eof: bool,
    progress: Progress,
    report: &'p mut dyn FnMut(Progress),
    /// A second thread's reading, counted in the progress reported.
    helper: Option<&'p Helper>,
    /// Lists to read the next event into.
    spare: Spare,
    /// The readings of local times this thread has looked up, kept for later events.
    readings: ZoneReadings,
}

impl<'p> Window<'p> {
    /// A window of `size` bytes on `path`, from `offset`.
    fn open(
        path: &Path,
        offset: u64,
        size: usize,
        report: &'p mut dyn FnMut(Progress),
        helper: Option<&'p Helper>,
    ) -> Result<Window<'p>, GiveUp> {
        let mut file = File::open(path)?;
        let total = file.metadata()?.len();
        file.seek(SeekFrom::Start(offset))?;
        Ok(Window {
            file,
            buf: vec![0; size.min(total.saturating_sub(offset) as usize + 1).max(1)],
            start: offset,
            pos: 0,
            len: 0,
            valid_from: 0,
            valid: 0,
            lead: if offset > 0 { 3 } else { 0 },
            eof: false,
            progress: Progress {
                total,
                ..Progress::default()
            },
            report,
            helper,
            spare: Spare::default(),
            readings: ZoneReadings::default(),
        })
    }

    /// The file offset of the next byte to parse.
    fn offset(&self) -> u64 {
        self.start + self.pos as u64
    }

    fn report(&mut self) {
        let mut progress = self.progress;
        if let Some(h) = self.helper {
            progress.read += h.read.load(Ordering::Relaxed);
            progress.events += h.events.load(Ordering::Relaxed);
        }
        (self.report)(progress);
    }

    /// Steps to the next place that looks like the start of an element of an array of
    /// objects (`}`, `,`, `{` with only white space between) and returns its offset;
    /// `None` within the next mebibyte. Whether it is one is for the first thread to
    /// find out, by reading up to it.
    fn boundary(&mut self) -> Option<u64> {
        let space = |b: &u8| matches!(b, b' ' | b'\n' | b'\r' | b'\t');
        let limit = self.start + (1 << 20);
        loop {
            let rest = &self.buf[self.pos..self.len];
            let mut short = None;
            for (k, _) in rest.iter().enumerate().filter(|(_, b)| **b == b'}') {
                let after = &rest[k + 1..];
                let comma = after.iter().position(|b| !space(b));
                let Some(c) = comma else {
                    short = Some(k);
                    break;
                };
                if after[c] != b',' {
                    continue;
                }
                let brace = after[c + 1..].iter().position(|b| !space(b));
                match brace {
                    Some(b) if after[c + 1 + b] == b'{' => {
                        self.pos += k + 1 + c + 1 + b;
                        return Some(self.offset());
                    }
                    Some(_) => continue,
                    None => {
                        short = Some(k);
                        break;
                    }
                }
            }
            // Keep a match cut short by the window's end, and a character, and read on.
            self.pos = short.map_or(self.valid, |k| self.pos + k);
            if self.offset() > limit || !self.fill().ok()? {
                return None;
            }
        }
    }

    /// Reads more of the file, keeping what is not yet parsed; false at the end.
    fn fill(&mut self) -> Result<bool, GiveUp> {
        if self.eof {
            return Ok(false);
        }
        if self.pos > 0 {
            self.buf.copy_within(self.pos..self.len, 0);
            self.len -= self.pos;
            self.valid = self.valid.saturating_sub(self.pos);
            self.valid_from = 0;
            self.start += self.pos as u64;
            self.pos = 0;
        }
        if self.len == self.buf.len() {
            // One value larger than the window: make room for it.
            self.buf.resize(self.buf.len() * 2, 0);
        }
        let n = loop {
            match self.file.read(&mut self.buf[self.len..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e.into()),
            }
        };
        if n == 0 {
            self.eof = true;
            if self.valid < self.len {
                // The file ends inside a character: it is not UTF-8.
                return Err(GiveUp(GiveUpReason::NotUtf8));
            }
            return Ok(false);
        }
        self.len += n;
        self.progress.read += n as u64;
        if self.lead > 0 {
            // Nothing is parsed before the first whole character.
            while self.lead > 0 && self.valid < self.len && is_continuation(self.buf[self.valid]) {
                self.valid += 1;
                self.lead -= 1;
            }
            if self.valid < self.len {
                self.lead = 0;
            }
            self.pos = self.valid;
            self.valid_from = self.valid;
        }
        // UTF-8 is checked here, once per read, rather than string by string.
        match std::str::from_utf8(&self.buf[self.valid..self.len]) {
            Ok(_) => self.valid = self.len,
            Err(e) if e.error_len().is_none() => self.valid += e.valid_up_to(),
            Err(_) => return Err(GiveUp(GiveUpReason::NotUtf8)),
        }
        self.report();
        Ok(true)
    }

    /// What is read but not yet parsed, up to the last whole character.
    fn text(&self) -> Result<&str, GiveUp> {
        let (from, to) = (self.pos, self.valid);
        if from < self.valid_from || from > to || (from < to && is_continuation(self.buf[from])) {
            return Err(GiveUp(GiveUpReason::NotUtf8));
        }
        // SAFETY: `buf[valid_from..valid]` was checked to be UTF-8 when it was read,
        // and `from` lies within it at the start of a character, so `buf[from..to]` is
        // UTF-8 as well.
        Ok(unsafe { std::str::from_utf8_unchecked(&self.buf[from..to]) })
    }

    /// Whether the window holds everything left of the file (no character cut short).
    fn at_end(&self) -> bool {
        self.eof && self.valid == self.len
    }

    /// The next byte that is not white space, reading more as needed.
    fn peek(&mut self) -> Result<Option<u8>, GiveUp> {
        loop {
            let rest = &self.buf[self.pos..self.len];
            match rest
                .iter()
                .position(|b| !matches!(b, b' ' | b'\n' | b'\r' | b'\t'))
            {
                Some(k) => {
                    self.pos += k;
                    return Ok(Some(self.buf[self.pos]));
                }
                None => {
                    self.pos = self.len;
                    if !self.fill()? {
                        return Ok(None);
                    }
                }
            }
        }
    }

    /// Steps over `byte`, the next one that is not white space.
    fn expect(&mut self, byte: u8) -> Result<(), GiveUp> {
        if self.peek()? == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(GiveUp(GiveUpReason::Syntax))
        }
    }

    /// The JSON value that starts here, parsed as `T`, and its length.
    fn parse<T: DeserializeOwned>(&mut self) -> Result<(T, usize), GiveUp> {
        self.peek()?;
        loop {
            match first_value(self.text()?, self.at_end())? {
                Some(found) => return Ok(found),
                None => {
                    self.fill()?;
                }
            }
        }
    }

    /// The value that starts here, parsed as `T`.
    fn value<T: DeserializeOwned>(&mut self) -> Result<T, GiveUp> {
        let (value, length) = self.parse()?;
        self.pos += length;
        Ok(value)
    }

    /// Parses the event that starts here, its strings borrowed from the window, and
    /// adds it to `part` at position `i`. An event in the form [`scan`] reads is read
    /// by it; any other, by serde, and why is returned, for the caller to count.
    fn event(
        &mut self,
        i: usize,
        part: &mut Part,
        base: &Base,
    ) -> Result<Option<ScanReason>, GiveUp> {
        let mut spare = std::mem::take(&mut self.spare);
        let mut readings = std::mem::take(&mut self.readings);
        let read = self.event_with(i, part, base, &mut spare, &mut readings);
        self.spare = spare;
        self.readings = readings;
        read
    }

    /// [`Window::event`], with the spare lists and the kept readings held apart from
    /// the window: the event read into them borrows the window's text.
    fn event_with(
        &mut self,
        i: usize,
        part: &mut Part,
        base: &Base,
        spare: &mut Spare,
        readings: &mut ZoneReadings,
    ) -> Result<Option<ScanReason>, GiveUp> {
        self.peek()?;
        // Once the scan leaves the event to serde (and why), serde reads it to the end.
        let mut serde_only = None;
        loop {
            let at_end = self.at_end();
            let text = self.text()?;
            if serde_only.is_none() {
                let mut event = spare.event();
                let scanned = scan::event(text, &mut event);
                if let Scan::Read(length) = scanned {
                    let kept = keep(i, part, base, &event, readings);
                    spare.keep(event);
                    kept?;
                    self.pos += length;
                    return Ok(None);
                }
                spare.keep(event);
                serde_only = match scanned {
                    Scan::More if !at_end => {
                        self.fill()?;
                        continue;
                    }
                    Scan::Other(why) => Some(why),
                    // The text ends inside the event: serde says what is wrong.
                    _ => Some(ScanReason::Syntax),
                };
            }
            let Some((event, length)) = first_value::<RawEvent<RawStr<'_>>>(text, at_end)? else {
                self.fill()?;
                continue;
            };
            keep(i, part, base, &event, readings)?;
            self.pos += length;
            return Ok(serde_only);
        }
    }

    /// The text of the value that starts here, as written.
    fn raw(&mut self) -> Result<&str, GiveUp> {
        let (IgnoredAny, length) = self.parse()?;
        let start = self.pos;
        self.pos += length;
        std::str::from_utf8(&self.buf[start..start + length])
            .map_err(|_| GiveUp(GiveUpReason::NotUtf8))
    }
}

/// Checks `event` and adds it to `part` at position `i`.
#[inline]
fn keep<S: FileStr>(
    i: usize,
    part: &mut Part,
    base: &Base,
    event: &RawEvent<S>,
    readings: &mut ZoneReadings,
) -> Result<(), GiveUp> {
    // An id the viewer would show differently from the file: let the whole-file
    // reader compare ids as written.
    let id = event.id.as_ref();
    if is_blank(id) || clean_line(id).len() != id.len() {
        return Err(GiveUp(GiveUpReason::Id));
    }
    part.event(base, i, event, readings);
    if part.failed() {
        return Err(GiveUp(GiveUpReason::Problem));
    }
    Ok(())
}

/// Whether `b` continues a character rather than starting one.
fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

/// The JSON value at the start of `bytes` (after white space) and its length; `None`
/// when more of the file is needed to tell (the window ends inside it, or right after
/// it, where a number could go on).
fn first_value<'a, T: Deserialize<'a>>(
    bytes: &'a str,
    eof: bool,
) -> Result<Option<(T, usize)>, GiveUp> {
    let mut values = serde_json::Deserializer::from_str(bytes).into_iter::<T>();
    match values.next() {
        Some(Ok(value)) if values.byte_offset() < bytes.len() || eof => {
            Ok(Some((value, values.byte_offset())))
        }
        Some(Err(e)) if !e.is_eof() => Err(GiveUp(GiveUpReason::Syntax)),
        _ if eof => Err(GiveUp(GiveUpReason::Syntax)),
        _ => Ok(None),
    }
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
    let mut builder: Option<Builder> = None;
    if w.peek()? == Some(b'}') {
        w.pos += 1;
    } else {
        loop {
            if w.peek()? != Some(b'"') {
                return Err(GiveUp(GiveUpReason::Syntax));
            }
            let key: String = w.value()?;
            if key.len() > MAX_STRING_BYTES {
                return Err(GiveUp(GiveUpReason::TooLong));
            }
            w.expect(b':')?;
            if builder.is_some() {
                // Anything after the events (or a second `events`): read it whole.
                return Err(GiveUp(GiveUpReason::AfterEvents));
            }
            if key == "events" {
                let (read, to_the_end) = events(w, registry(&head)?, path, split_from)?;
                if to_the_end {
                    // The second thread read the rest of the file, and it was sound.
                    return finish(read);
                }
                builder = Some(read);
            } else {
                if head.len() > 1 {
                    head.push(',');
                }
                head.push_str(
                    &serde_json::to_string(&key).map_err(|_| GiveUp(GiveUpReason::Syntax))?,
                );
                head.push(':');
                head.push_str(w.raw()?);
            }
            match w.peek()? {
                Some(b',') => w.pos += 1,
                Some(b'}') => {
                    w.pos += 1;
                    break;
                }
                _ => return Err(GiveUp(GiveUpReason::Syntax)),
            }
        }
    }
    if w.peek()?.is_some() {
        return Err(GiveUp(GiveUpReason::Syntax));
    }
    let builder = match builder {
        Some(b) => b,
        None => registry(&head)?,
    };
    finish(builder)
}

/// The registry from the members read so far.
fn registry(head: &str) -> Result<Builder, GiveUp> {
    if overlong_string(head).is_some() {
        return Err(GiveUp(GiveUpReason::TooLong));
    }
    let mut head = head.to_string();
    head.push('}');
    // The members were read as JSON already: what serde refuses here is their shape.
    let raw: RawDataset = serde_json::from_str(&head).map_err(|_| GiveUp(GiveUpReason::Problem))?;
    let builder = Builder::new(raw);
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
