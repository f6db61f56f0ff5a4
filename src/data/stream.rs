//! Reading a native dataset file a window at a time, so that a large file is never held
//! whole in memory: the members before `events` are parsed as one small object, then
//! each event is parsed, checked and kept as soon as it is read. When the events are
//! many, a second thread reads the later half of them or so (see `events`).
//!
//! This is the fast road for sound files only. At the first thing it does not expect
//! (a syntax error, a problem, members after `events`, a file that is not UTF-8), it
//! gives up and the caller reads the file whole, which reports every problem with its
//! line and column exactly as before: both roads give the same timeline or the same
//! errors.
//!
//! An event in the form tools commonly write is read by `scan`, with no serde and no
//! allocation of its own; any other by `serde_json`, with its strings borrowed from the
//! window.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Sender};

use serde::Deserialize;
use serde::de::{DeserializeOwned, IgnoredAny};

use super::native::{
    Base, Builder, EventIds, FileStr, MAX_STRING_BYTES, Part, RawDataset, RawEvent, RawStr,
    overlong_string,
};
use super::scan::{self, Scan, Spare};
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
struct GiveUp;

impl From<io::Error> for GiveUp {
    fn from(_: io::Error) -> GiveUp {
        GiveUp
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
    let helper = Helper::default();
    let stamp = |path: &Path| {
        std::fs::metadata(path)
            .ok()
            .map(|m| (m.len(), m.modified().ok()))
    };
    let before = stamp(path)?;
    let mut window = Window::open(path, 0, size, progress, Some(&helper)).ok()?;
    let timeline = dataset(&mut window, path, split_from).ok()?;
    // Read a window at a time, a file written meanwhile could mix two versions.
    (stamp(path) == Some(before)).then_some(timeline)
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
                return Err(GiveUp);
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
            Err(_) => return Err(GiveUp),
        }
        self.report();
        Ok(true)
    }

    /// What is read but not yet parsed, up to the last whole character.
    fn text(&self) -> Result<&str, GiveUp> {
        let (from, to) = (self.pos, self.valid);
        if from < self.valid_from || from > to || (from < to && is_continuation(self.buf[from])) {
            return Err(GiveUp);
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
            Err(GiveUp)
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
    /// by it; any other, by serde.
    fn event(&mut self, i: usize, part: &mut Part, base: &Base) -> Result<(), GiveUp> {
        let mut spare = std::mem::take(&mut self.spare);
        let read = self.event_with(i, part, base, &mut spare);
        self.spare = spare;
        read
    }

    /// [`Window::event`], with the spare lists held apart from the window: the event
    /// read into them borrows the window's text.
    fn event_with(
        &mut self,
        i: usize,
        part: &mut Part,
        base: &Base,
        spare: &mut Spare,
    ) -> Result<(), GiveUp> {
        self.peek()?;
        // Once the scan leaves the event to serde, serde reads it to the end.
        let mut serde_only = false;
        loop {
            let at_end = self.at_end();
            let text = self.text()?;
            if !serde_only {
                let mut event = spare.event();
                let scanned = scan::event(text, &mut event);
                if let Scan::Read(length) = scanned {
                    let kept = keep(i, part, base, &event);
                    spare.keep(event);
                    kept?;
                    self.pos += length;
                    return Ok(());
                }
                spare.keep(event);
                if scanned == Scan::More && !at_end {
                    self.fill()?;
                    continue;
                }
                serde_only = true;
            }
            let Some((event, length)) = first_value::<RawEvent<RawStr<'_>>>(text, at_end)? else {
                self.fill()?;
                continue;
            };
            keep(i, part, base, &event)?;
            self.pos += length;
            return Ok(());
        }
    }

    /// The text of the value that starts here, as written.
    fn raw(&mut self) -> Result<&str, GiveUp> {
        let (IgnoredAny, length) = self.parse()?;
        let start = self.pos;
        self.pos += length;
        std::str::from_utf8(&self.buf[start..start + length]).map_err(|_| GiveUp)
    }
}

/// Checks `event` and adds it to `part` at position `i`.
fn keep<S: FileStr>(
    i: usize,
    part: &mut Part,
    base: &Base,
    event: &RawEvent<S>,
) -> Result<(), GiveUp> {
    // An id the viewer would show differently from the file: let the whole-file
    // reader compare ids as written.
    let id = event.id.as_ref();
    if is_blank(id) || clean_line(id).len() != id.len() {
        return Err(GiveUp);
    }
    part.event(base, i, event);
    if part.failed() {
        return Err(GiveUp);
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
        Some(Err(e)) if !e.is_eof() => Err(GiveUp),
        _ if eof => Err(GiveUp),
        _ => Ok(None),
    }
}

/// The whole file: `{ members..., "events": [...] }`, with `events` last.
fn dataset(w: &mut Window<'_>, path: &Path, split_from: u64) -> Result<Timeline, GiveUp> {
    while w.len - w.pos < 3 && w.fill()? {}
    let start = &w.buf[w.pos..w.len];
    if start.starts_with(&[0xFF, 0xFE]) || start.starts_with(&[0xFE, 0xFF]) {
        return Err(GiveUp);
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
                return Err(GiveUp);
            }
            let key: String = w.value()?;
            if key.len() > MAX_STRING_BYTES {
                return Err(GiveUp);
            }
            w.expect(b':')?;
            if builder.is_some() {
                // Anything after the events (or a second `events`): read it whole.
                return Err(GiveUp);
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
                head.push_str(&serde_json::to_string(&key).map_err(|_| GiveUp)?);
                head.push(':');
                head.push_str(w.raw()?);
            }
            match w.peek()? {
                Some(b',') => w.pos += 1,
                Some(b'}') => {
                    w.pos += 1;
                    break;
                }
                _ => return Err(GiveUp),
            }
        }
    }
    if w.peek()?.is_some() {
        return Err(GiveUp);
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
        return Err(GiveUp);
    }
    let mut head = head.to_string();
    head.push('}');
    let raw: RawDataset = serde_json::from_str(&head).map_err(|_| GiveUp)?;
    let builder = Builder::new(raw);
    if builder.failed() {
        return Err(GiveUp);
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
                    _ => Err(GiveUp),
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
        w.event(i, part, base)?;
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
            _ => return Err(GiveUp),
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
            if w.event(0, &mut part, base).is_ok() {
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
            w.event(part.len(), &mut part, base).ok()?;
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
    builder.finish(EventIds::Unchecked).map_err(|_| GiveUp)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;
    use crate::data::{BUNDLED, native};

    fn file(text: &str) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().expect("a temporary file");
        f.write_all(text.as_bytes()).expect("written");
        f
    }

    fn streamed(text: &str, window: usize) -> Option<Timeline> {
        let f = file(text);
        load_in_windows(f.path(), window, SPLIT_FROM, &mut |_| {})
    }

    #[test]
    fn the_bundled_dataset_reads_the_same_in_any_window() {
        let whole = native::load_str("b", BUNDLED).expect("the bundled dataset loads");
        for window in [1, 7, 64, 1000, 1 << 20] {
            let timeline = streamed(BUNDLED, window);
            assert_eq!(timeline.as_ref(), Some(&whole), "window of {window} bytes");
        }
    }

    /// Split between two threads anywhere (a window of a few bytes puts the second
    /// thread's start in every kind of place), the events read the same.
    #[test]
    fn two_threads_read_what_one_reads() {
        let text = crate::synthetic::dataset(300, 4);
        let f = file(&text);
        let whole = native::load_str("s", &text).expect("valid");
        for split_from in [1, 1000, 50_000] {
            for window in [5, 4096] {
                let split = load_in_windows(f.path(), window, split_from, &mut |_| {});
                assert!(
                    split.as_ref() == Some(&whole),
                    "split from {split_from}, window {window}"
                );
            }
        }
        let bundled = native::load_str("b", BUNDLED).expect("valid");
        let f = file(BUNDLED);
        for split_from in [1, 100, 10_000] {
            let split = load_in_windows(f.path(), 64, split_from, &mut |_| {});
            assert!(
                split.as_ref() == Some(&bundled),
                "bundled, split from {split_from}"
            );
        }
    }

    /// A fault in the second half is found whether or not the second thread read it.
    #[test]
    fn a_fault_in_the_second_half_is_not_missed() {
        let text = crate::synthetic::dataset(200, 6);
        let at = text.rfind("\"status\": \"").expect("a status") + "\"status\": \"".len();
        let broken = format!("{}x{}", &text[..at], &text[at + 1..]);
        let f = file(&broken);
        assert!(load_in_windows(f.path(), 4096, 1, &mut |_| {}).is_none());
        // Something after the events, which the second thread reads.
        let trailing = format!("{} x", text.trim_end());
        let f = file(&trailing);
        assert!(load_in_windows(f.path(), 4096, 1, &mut |_| {}).is_none());
    }

    /// A dataset whose events are full of characters of two, three and four bytes, and
    /// its first part (the members before `events`). `pad` shifts what follows the first
    /// event's title by as many bytes.
    fn multibyte(pad: usize) -> (String, String) {
        let mut doc: serde_json::Value = serde_json::from_str(BUNDLED).expect("JSON");
        let mut events = doc["events"].take();
        doc.as_object_mut().expect("object").remove("events");
        let head = serde_json::to_string_pretty(&doc).expect("JSON");
        let head = head.strip_suffix('}').expect("an object").to_string();
        for (i, e) in events
            .as_array_mut()
            .expect("events")
            .iter_mut()
            .enumerate()
        {
            e["summary"] = format!("Київ — Genève {}", "ґé🕊—".repeat(i % 7 + 40)).into();
        }
        events[0]["title"] = format!("Talks{}", "x".repeat(pad)).into();
        // `events` last, as the window reader expects.
        let events = serde_json::to_string_pretty(&events).expect("JSON");
        (format!("{head},\n\"events\": {events}}}"), head)
    }

    /// Characters cut short by a window's end read as the whole-file reader reads them,
    /// with one thread and with two.
    #[test]
    fn characters_cut_by_a_window_read_as_whole() {
        for pad in 0..4 {
            let (text, _) = multibyte(pad);
            let whole = native::load_str("u", &text).expect("valid");
            let f = file(&text);
            for window in [1, 2, 3, 5, 4096] {
                for split_from in [u64::MAX, 1] {
                    let read = load_in_windows(f.path(), window, split_from, &mut |_| {});
                    assert!(
                        read.as_ref() == Some(&whole),
                        "pad {pad}, window {window}, split from {split_from}"
                    );
                }
            }
        }
    }

    /// The second thread, started inside a character, finds the first event after it
    /// and reads every event from there on.
    #[test]
    fn the_second_thread_may_start_inside_a_character() {
        let (text, head) = multibyte(0);
        let f = file(&text);
        let Builder { base, .. } = registry(&head).expect("the registry");
        // Where the events begin: `{` at the array's indentation.
        let starts: Vec<usize> = text.match_indices("\n  {").map(|(k, _)| k + 3).collect();
        let last = *starts.last().expect("events");
        let inside: Vec<usize> = (starts[0]..last)
            .filter(|&k| !text.is_char_boundary(k))
            .step_by(13)
            .collect();
        assert!(inside.len() > 50, "{}", inside.len());
        for from in inside {
            let helper = Helper::default();
            let (runs, handed) = mpsc::channel();
            second_half(f.path(), from as u64, &base, &helper, runs)
                .unwrap_or_else(|| panic!("gave up from {from}"));
            let first = starts.iter().find(|&&k| k > from).expect("an event after");
            let read: usize = handed.iter().map(|run| run.len()).sum();
            assert_eq!(
                read,
                starts.iter().filter(|&&k| k > from).count(),
                "from {from}"
            );
            assert_eq!(helper.boundary.load(Ordering::Relaxed), *first as u64);
        }
    }

    /// However little each read brings, a window opened inside a character starts
    /// at the next one.
    #[test]
    fn a_window_opened_inside_a_character_starts_at_the_next_one() {
        let text = "[\"🕊ж\", \"é\"]";
        let f = file(text);
        for size in [1, 2, 3, 64] {
            for at in 1..text.len() {
                let mut report = |_: Progress| {};
                let mut w = Window::open(f.path(), at as u64, size, &mut report, None)
                    .expect("the file opens");
                while w.fill().expect("UTF-8") {}
                let next = (at..=text.len())
                    .find(|&k| text.is_char_boundary(k))
                    .expect("the end is a boundary");
                assert_eq!(w.offset(), next as u64, "from {at}, {size} bytes at a time");
                assert_eq!(w.text().expect("text"), &text[next..]);
            }
        }
    }

    /// A file that ends inside a character is refused, not waited on.
    #[test]
    fn a_file_that_ends_inside_a_character_is_left_to_the_whole_file_reader() {
        let (text, _) = multibyte(0);
        let mut cut = text.trim_end().as_bytes().to_vec();
        cut.extend_from_slice("🕊".as_bytes().get(..2).expect("a four-byte character"));
        let inside_a_string = [&text.as_bytes()[..text.len() / 2], &[0xC3]].concat();
        for bytes in [cut, inside_a_string] {
            let mut f = tempfile::NamedTempFile::new().expect("a temporary file");
            f.write_all(&bytes).expect("written");
            for window in [1, 3, 4096] {
                for split_from in [u64::MAX, 1] {
                    assert!(load_in_windows(f.path(), window, split_from, &mut |_| {}).is_none());
                }
            }
        }
    }

    #[test]
    fn progress_reaches_the_whole_file() {
        let f = file(BUNDLED);
        let mut last = Progress::default();
        let mut calls = 0;
        load_in_windows(f.path(), 256, SPLIT_FROM, &mut |p| {
            assert!(p.read >= last.read && p.events >= last.events);
            last = p;
            calls += 1;
        })
        .expect("the bundled dataset loads");
        assert_eq!(last.read, BUNDLED.len() as u64);
        assert_eq!(last.total, BUNDLED.len() as u64);
        assert!(
            calls > 10,
            "{calls} reports for a file read 256 bytes at a time"
        );
    }

    /// Files the streaming reader leaves to the whole-file one, which reports on them.
    #[test]
    fn it_gives_up_on_what_it_does_not_expect() {
        let sound = r#"{"title": "t", "zone": "UTC", "events": [
            {"id": "a", "title": "A", "kind": "call", "status": "held", "time": {"start": "2025-12-02"}}
        ]}"#;
        assert!(streamed(sound, 16).is_some());
        let cases = [
            // members after the events
            r#"{"events": [], "title": "t", "zone": "UTC"}"#,
            r#"{"title": "t", "zone": "UTC", "events": [], "parties": []}"#,
            // two event lists
            r#"{"title": "t", "zone": "UTC", "events": [], "events": []}"#,
            // trailing commas and text after the end
            r#"{"title": "t", "zone": "UTC", "events": [],}"#,
            r#"{"title": "t", "zone": "UTC", "events": [{"id": "a", "title": "A", "kind": "call", "status": "held", "time": {"start": "2025"}},]}"#,
            r#"{"title": "t", "zone": "UTC"} x"#,
            // a problem
            r#"{"title": "t", "zone": "UTC", "events": [{"id": "a", "title": "A", "kind": "walk", "status": "held", "time": {"start": "2025"}}]}"#,
            r#"{"title": "t", "zone": "Nowhere/Town"}"#,
            // duplicate ids, a relation to nothing and to itself
            r#"{"title": "t", "zone": "UTC", "events": [{"id": "a", "title": "A", "kind": "call", "status": "held", "time": {"start": "2025"}}, {"id": "a", "title": "B", "kind": "call", "status": "held", "time": {"start": "2025"}}]}"#,
            r#"{"title": "t", "zone": "UTC", "events": [{"id": "a", "title": "A", "kind": "call", "status": "held", "time": {"start": "2025"}, "relations": [{"kind": "follows", "event": "b"}]}]}"#,
            r#"{"title": "t", "zone": "UTC", "events": [{"id": "a", "title": "A", "kind": "call", "status": "held", "time": {"start": "2025"}, "relations": [{"kind": "follows", "event": "a"}]}]}"#,
            // an id with a control character
            "{\"title\": \"t\", \"zone\": \"UTC\", \"events\": [{\"id\": \"a\\u0007\", \"title\": \"A\", \"kind\": \"call\", \"status\": \"held\", \"time\": {\"start\": \"2025\"}}]}",
            // not JSON, not an object, UTF-16
            "",
            "[]",
            "\u{FEFF}",
        ];
        for case in cases {
            for window in [3, 1 << 16] {
                assert!(streamed(case, window).is_none(), "window {window}: {case}");
            }
        }
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(sound.bytes().flat_map(|b| [b, 0]))
            .collect();
        let mut f = tempfile::NamedTempFile::new().expect("a temporary file");
        f.write_all(&utf16).expect("written");
        assert!(load_in_windows(f.path(), 64, SPLIT_FROM, &mut |_| {}).is_none());
    }

    #[test]
    fn a_string_too_long_as_written_is_left_to_the_whole_file_reader() {
        let event = |summary: &str| {
            format!(
                r#"{{"title": "t", "zone": "UTC", "events": [{{"id": "a", "title": "A", "kind": "call", "status": "held", "time": {{"start": "2025"}}, "summary": "{summary}"}}]}}"#
            )
        };
        let long = "x".repeat(MAX_STRING_BYTES + 1);
        assert!(streamed(&event(&long), 1 << 12).is_none());
        // Shorter once its escapes are read, but too long as written.
        let escaped = "\\n".repeat(MAX_STRING_BYTES / 2 + 1);
        assert!(streamed(&event(&escaped), 1 << 12).is_none());
        let fine = "x".repeat(MAX_STRING_BYTES);
        assert!(streamed(&event(&fine), 1 << 12).is_some());
    }

    #[test]
    fn a_byte_order_mark_and_escapes_read_as_the_whole_file_reader_reads_them() {
        let text = "\u{FEFF}{\"title\": \"caf\\u00e9\", \"zone\": \"UTC\", \"parley\": 1, \"events\": [{\"id\": \"a\", \"title\": \"\\\"A\\\"\", \"kind\": \"call\", \"status\": \"held\", \"time\": {\"start\": \"2025\"}}]}";
        let whole = crate::data::decode("x", text.as_bytes().to_vec())
            .ok()
            .and_then(|t| native::load_str("x", &t).ok())
            .expect("the whole-file reader reads it");
        for window in [2, 5, 1 << 10] {
            assert_eq!(
                streamed(text, window).as_ref(),
                Some(&whole),
                "window {window}"
            );
        }
        assert_eq!(&*whole.meta.title, "café");
        assert_eq!(whole.events[0].title(), "\"A\"");
    }
}
