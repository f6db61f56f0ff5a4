//! Finding every problem of a native file a window at a time, once the fast road has
//! met one: each event is checked and dropped, its place in the file kept. Its
//! problems are placed in its text while the window holds it; those of the registry and
//! those only every event shows, afterwards from the places kept. Lines and columns come
//! from one sweep of the file at the end. A broken file thus takes no more memory than a
//! sound one of its size, and time in proportion to it.
//!
//! Anything this reader does not follow (a syntax error, members after the events, a
//! file that changes while it is read) it leaves, as the fast road does, to the readers
//! of the whole file, which word it.

use std::io::{BufRead, BufReader};

use super::*;
use crate::data::LoadError;
use crate::data::locate::{self, LineColumn, Locator};
use crate::data::native::placed;

/// What checking a file found.
pub(in crate::data) enum Checked {
    /// Its problems, placed.
    Problems(LoadError),
    /// None: the file is sound as the whole-file reader reads it.
    Sound,
    /// Something the window reader does not follow, found at this place of the file.
    GaveUp(Option<Fault>),
}

/// Where the window reader met what it does not follow: for a syntax or shape error,
/// the part of the file to read again alone for the whole-file reader's wording.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(in crate::data) struct Fault {
    pub(in crate::data) within: Within,
    /// How much of the file had been read: the fault lies before.
    pub(in crate::data) read: u64,
}

/// The part of the file a fault is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(in crate::data) enum Within {
    /// The members before the events, from the start of the text.
    Head { from: u64 },
    /// The events from `index` on: `at` is just after the `[` (`first`) or just after
    /// the event before.
    Events { at: u64, index: usize, first: bool },
    /// After the events.
    After,
}

/// Problems as (JSON path, message).
type Problems = Vec<(String, String)>;

/// Where the parts of the file a problem's path can point into are.
struct Layout {
    /// Where the text starts (after a byte order mark).
    from: u64,
    /// The members before `events` lie in `from..head_end`.
    head_end: u64,
    /// Where each event starts, and then where the last one ends.
    events: Vec<u64>,
    /// The problems found in an event, placed while its text was at hand: (the
    /// problem's position in the list, its offset in the file), in the order found.
    placed: Vec<(usize, u64)>,
}

/// Every problem of the native file at `path`, named `name` in messages.
pub(in crate::data) fn check(
    path: &Path,
    name: &str,
    progress: &mut dyn FnMut(Progress),
) -> Checked {
    crate::store::fresh_heap_for_rereading();
    check_in_windows(path, name, WINDOW, progress)
}

/// [`check`], reading `size` bytes at a time.
pub(super) fn check_in_windows(
    path: &Path,
    name: &str,
    size: usize,
    progress: &mut dyn FnMut(Progress),
) -> Checked {
    let stamp = |path: &Path| {
        std::fs::metadata(path)
            .ok()
            .map(|m| (m.len(), m.modified().ok()))
    };
    let Some(before) = stamp(path) else {
        return Checked::GaveUp(None);
    };
    let mut report = |p: Progress| {
        progress(Progress {
            rereading: true,
            ..p
        })
    };
    let Ok(mut w) = Window::open(path, 0, size, &mut report, None) else {
        return Checked::GaveUp(None);
    };
    let mut within = Within::Head { from: 0 };
    let found = read(&mut w, &mut within);
    let read = w.start + w.len as u64;
    drop(w);
    let (problems, layout) = match found {
        Ok(Some(found)) => found,
        Ok(None) => return Checked::Sound,
        Err(_) if stamp(path) != Some(before) => return Checked::GaveUp(None),
        Err(_) => return Checked::GaveUp(Some(Fault { within, read })),
    };
    let error = place(path, name, &layout, problems);
    if stamp(path) != Some(before) {
        return Checked::GaveUp(None);
    }
    error.map_or(Checked::GaveUp(None), Checked::Problems)
}

/// The file's problems as (path, message), and where its parts are; `None` if it has
/// none.
fn read(w: &mut Window<'_>, within: &mut Within) -> Result<Option<(Problems, Layout)>, GiveUp> {
    while w.len - w.pos < 3 && w.fill()? {}
    let start = &w.buf[w.pos..w.len];
    if start.starts_with(&[0xFF, 0xFE]) || start.starts_with(&[0xFE, 0xFF]) {
        return Err(GiveUp(GiveUpReason::NotUtf8));
    }
    if start.starts_with(&[0xEF, 0xBB, 0xBF]) {
        w.pos += 3;
    }
    let from = w.offset();
    *within = Within::Head { from };
    w.expect(b'{')?;
    let mut head = String::from("{");
    let mut people = None;
    let mut layout = None;
    let mut part = None;
    if w.peek()? == Some(b'}') {
        w.pos += 1;
    } else {
        loop {
            if w.peek()? != Some(b'"') {
                return Err(GiveUp(GiveUpReason::Syntax));
            }
            let head_end = w.offset();
            let key: String = w.value()?;
            if too_long(&key) {
                return Err(GiveUp(GiveUpReason::TooLong));
            }
            w.expect(b':')?;
            if part.is_some() {
                return Err(GiveUp(GiveUpReason::AfterEvents));
            }
            if key == "events" {
                let Builder { base, part: read } =
                    registry(std::mem::take(&mut head), people.take())?;
                let mut read = read.checking();
                let mut placed = Vec::new();
                let events = events(w, &mut read, &base, within, &mut placed)?;
                *within = Within::After;
                part = Some(read);
                layout = Some(Layout {
                    from,
                    head_end,
                    events,
                    placed,
                });
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
    let part = match part {
        Some(part) => part,
        None => registry(std::mem::take(&mut head), people)?.part.checking(),
    };
    let layout = layout.unwrap_or(Layout {
        from,
        head_end: w.offset(),
        events: Vec::new(),
        placed: Vec::new(),
    });
    let problems = part.problems();
    Ok((!problems.is_empty()).then_some((problems, layout)))
}

/// The registry from the members read so far, whatever its problems.
fn registry(mut head: String, people: Option<PeopleRead>) -> Result<Builder, GiveUp> {
    if overlong_string(&head).is_some() {
        return Err(GiveUp(GiveUpReason::TooLong));
    }
    head.push('}');
    let raw: RawDataset = serde_json::from_str(&head).map_err(|_| GiveUp(GiveUpReason::Syntax))?;
    Ok(Builder::new(raw, people))
}

/// Checks each event of the `events` array: where each starts, then where the last
/// ends. The problems found in an event are placed in its text, still in the window,
/// into `placed`.
fn events(
    w: &mut Window<'_>,
    part: &mut Part,
    base: &Base,
    within: &mut Within,
    placed: &mut Vec<(usize, u64)>,
) -> Result<Vec<u64>, GiveUp> {
    let mut starts = Vec::new();
    w.expect(b'[')?;
    *within = Within::Events {
        at: w.offset(),
        index: 0,
        first: true,
    };
    if w.peek()? == Some(b']') {
        w.pos += 1;
        starts.push(w.offset());
        return Ok(starts);
    }
    for i in 0.. {
        w.peek()?;
        let start = w.offset();
        starts.push(start);
        let before = part.problem_count();
        w.event(i, part, base)?;
        if part.problem_count() > before {
            // The event's text is still in the window, from where it began (reading
            // more moves what is kept to the window's start).
            let from = start
                .checked_sub(w.start)
                .and_then(|d| usize::try_from(d).ok())
                .unwrap_or(usize::MAX);
            let text = w.buf.get(from..w.pos).unwrap_or_default();
            let text = std::str::from_utf8(text).unwrap_or_default();
            // One problem: a walk to it, which stops there. More: the event indexed
            // once as the walks go.
            let mut locator = (part.problem_count() - before > 1).then(|| Locator::new(text));
            for (k, path) in part.problem_paths(before).enumerate() {
                if let Some((_, inner)) = in_event(path).filter(|&(j, _)| j == i) {
                    let at = match &mut locator {
                        Some(locator) => locator.offset_of(inner),
                        None => locate::offset_of(text, inner),
                    };
                    placed.push((before + k, start + at as u64));
                }
            }
        }
        w.progress.events += 1;
        *within = Within::Events {
            at: w.offset(),
            index: i + 1,
            first: false,
        };
        match w.peek()? {
            Some(b',') => w.pos += 1,
            Some(b']') => {
                starts.push(w.offset());
                w.pos += 1;
                return Ok(starts);
            }
            _ => return Err(GiveUp(GiveUpReason::Syntax)),
        }
    }
    Ok(starts)
}

/// `events[12].time.start` as event 12 and `time.start`.
fn in_event(path: &str) -> Option<(usize, &str)> {
    let rest = path.strip_prefix("events[")?;
    let close = rest.find(']')?;
    let i = rest[..close].parse().ok()?;
    let inner = &rest[close + 1..];
    Some((i, inner.strip_prefix('.').unwrap_or(inner)))
}

/// The problems placed: each path not placed yet found in the part of the file it
/// points into (read again, that part alone), then every line and column in one sweep
/// of the file.
fn place(path: &Path, name: &str, layout: &Layout, problems: Problems) -> io::Result<LoadError> {
    let mut file = File::open(path)?;
    // The file read again in runs of at least this much, the parts wanted cut from them:
    // events next to each other are read in one go.
    const RUN: u64 = 4 << 20;
    let end = layout.events.last().copied().unwrap_or(layout.head_end);
    let (mut run, mut run_from) = (Vec::new(), 0u64);
    let mut part_text = |from: u64, to: u64| -> io::Result<String> {
        let to = to.max(from);
        if from < run_from || to > run_from + run.len() as u64 {
            run.clear();
            run_from = from;
            file.seek(SeekFrom::Start(from))?;
            let want = (to - from).max(RUN.min(end.saturating_sub(from)));
            (&mut file).take(want).read_to_end(&mut run)?;
        }
        let start = usize::try_from(from - run_from).unwrap_or(usize::MAX);
        let stop = usize::try_from(to - run_from).unwrap_or(usize::MAX);
        // A part cut inside a character is placed at its start.
        Ok(run
            .get(start..stop.min(run.len()))
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or_default()
            .to_string())
    };
    let mut offsets = vec![None; problems.len()];
    for &(k, at) in &layout.placed {
        if let Some(offset) = offsets.get_mut(k) {
            *offset = Some(at);
        }
    }
    // The problems of each event together, the registry's first.
    let mut order: Vec<(usize, usize)> = problems
        .iter()
        .enumerate()
        .filter(|&(k, _)| offsets[k].is_none())
        .map(|(k, (path, _))| (in_event(path).map_or(0, |(i, _)| i + 1), k))
        .collect();
    order.sort_unstable();
    let mut at = 0;
    while at < order.len() {
        let group = order[at].0;
        let next = order[at..]
            .iter()
            .position(|&(g, _)| g != group)
            .map_or(order.len(), |n| at + n);
        let (from, to) = match group {
            0 => (layout.from, layout.head_end),
            i => match (layout.events.get(i - 1), layout.events.get(i)) {
                (Some(&from), Some(&to)) => (from, to),
                _ => (layout.from, layout.from),
            },
        };
        let text = part_text(from, to)?;
        let mut locator = Locator::new(&text);
        for &(_, k) in &order[at..next] {
            let path = &problems[k].0;
            let inner = match group {
                0 => path.as_str(),
                _ => in_event(path).map_or("", |(_, inner)| inner),
            };
            offsets[k] = Some(from + locator.offset_of(inner) as u64);
        }
        at = next;
    }
    let offsets: Vec<u64> = offsets
        .into_iter()
        .map(|o| o.unwrap_or(layout.from))
        .collect();
    let places = sweep(&mut file, layout.from, &offsets)?;
    Ok(placed(name, problems, offsets, places))
}

/// The line and column of each offset, in one reading of the file from `from`.
pub(super) fn sweep(
    file: &mut File,
    from: u64,
    offsets: &[u64],
) -> io::Result<Vec<(usize, usize)>> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&k| offsets[k]);
    let mut places = vec![(0, 0); offsets.len()];
    file.seek(SeekFrom::Start(from))?;
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let (mut here, mut at) = (LineColumn::default(), from);
    for k in order {
        let to = offsets[k].max(from);
        while at < to {
            let chunk = reader.fill_buf()?;
            if chunk.is_empty() {
                break;
            }
            let n = chunk
                .len()
                .min(usize::try_from(to - at).unwrap_or(usize::MAX));
            here.advance(&chunk[..n]);
            reader.consume(n);
            at += n as u64;
        }
        places[k] = (here.line, here.column);
    }
    Ok(places)
}
