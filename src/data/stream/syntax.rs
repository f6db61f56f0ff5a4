//! A syntax or shape error worded and placed as the whole-file reader words and places
//! it, from the part of the file where the window reader met it (the members before the
//! events, or the event at fault) read again alone: an error near the end of a large
//! file is reported with no more memory than a window of it.

use std::io::{BufReader, Read};

use serde::Deserialize;
use serde::de::{IgnoredAny, SeqAccess, Visitor};

use super::*;
use crate::data::native::{
    NATIVE, RawParticipant, RawParty, RawPlace, RawSource, RawTopic, json_error,
};
use crate::data::{LoadError, locate};

/// The dataset as [`RawDataset`] reads it (the same members, defaults and wording), its
/// events parsed and dropped one by one.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "struct RawDataset")]
#[allow(dead_code)]
struct Outline {
    #[serde(rename = "$schema", default)]
    schema: Option<String>,
    #[serde(default)]
    parley: Option<u32>,
    title: String,
    #[serde(default)]
    description: String,
    zone: String,
    #[serde(default)]
    as_of: Option<String>,
    #[serde(default)]
    parties: Vec<RawParty>,
    #[serde(default)]
    participants: Vec<RawParticipant>,
    #[serde(default)]
    places: Vec<RawPlace>,
    #[serde(default)]
    topics: Vec<RawTopic>,
    #[serde(default)]
    sources: Vec<RawSource>,
    #[serde(default)]
    events: Dropped,
}

/// A list of events, each parsed as the whole-file reader parses it, then dropped.
#[derive(Default)]
struct Dropped;

impl<'de> Deserialize<'de> for Dropped {
    fn deserialize<D: serde::Deserializer<'de>>(de: D) -> Result<Dropped, D::Error> {
        struct Events;
        impl<'de> Visitor<'de> for Events {
            type Value = Dropped;
            // As serde words a list it expected.
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a sequence")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Dropped, A::Error> {
                while seq.next_element::<RawEvent>()?.is_some() {}
                Ok(Dropped)
            }
        }
        de.deserialize_seq(Events)
    }
}

/// The events from one on, after a list's start: `[`, or with `SKIP`, `[0` standing for
/// the events before. Parsed as the whole-file reader parses them, for its error.
struct Tail<const SKIP: bool>;

impl<'de, const SKIP: bool> Deserialize<'de> for Tail<SKIP> {
    fn deserialize<D: serde::Deserializer<'de>>(de: D) -> Result<Tail<SKIP>, D::Error> {
        struct Events<const SKIP: bool>;
        impl<'de, const SKIP: bool> Visitor<'de> for Events<SKIP> {
            type Value = Tail<SKIP>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a sequence")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tail<SKIP>, A::Error> {
                if SKIP {
                    seq.next_element::<IgnoredAny>()?;
                }
                while seq.next_element::<RawEvent>()?.is_some() {}
                Ok(Tail)
            }
        }
        de.deserialize_seq(Events::<SKIP>)
    }
}

/// How much of the start of a file is looked at to tell it is a native one.
const LOOK: u64 = 16 << 20;

/// Whether [`crate::data::Format::detect`] surely takes the file for a native one:
/// its start has a top-level `parley` or `zone`, which the detection would find in the
/// whole file too, at the same place.
pub(in crate::data) fn surely_native(path: &Path) -> bool {
    let Ok(file) = File::open(path) else {
        return false;
    };
    let mut start = Vec::new();
    if file.take(LOOK).read_to_end(&mut start).is_err() {
        return false;
    }
    let text = match std::str::from_utf8(&start) {
        Ok(text) => text,
        Err(e) => std::str::from_utf8(&start[..e.valid_up_to()]).unwrap_or_default(),
    };
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    locate::find(text, "parley").is_some() || locate::find(text, "zone").is_some()
}

/// The syntax or shape error the whole-file reader would report on the native file at
/// `path`, found by reading again alone the part of the file where the window reader
/// met its `fault`; `None` when that part does not show it (the whole-file reader
/// then says what is wrong).
pub(in crate::data) fn fault_error(path: &Path, name: &str, fault: Fault) -> Option<LoadError> {
    let mut file = File::open(path).ok()?;
    let size = file.metadata().ok()?.len();
    // Where the window reader stopped, and a little more: serde may look a byte ahead.
    let to = fault.read.saturating_add(16).min(size);
    let mut text = |at: u64| -> Option<String> {
        file.seek(SeekFrom::Start(at)).ok()?;
        let mut bytes = Vec::new();
        (&file)
            .take(to.saturating_sub(at))
            .read_to_end(&mut bytes)
            .ok()?;
        let valid = match std::str::from_utf8(&bytes) {
            Ok(_) => bytes.len(),
            Err(e) => e.valid_up_to(),
        };
        bytes.truncate(valid);
        String::from_utf8(bytes).ok()
    };
    // An error at the end of the part read may be where the part ends, not the file.
    let conclusive = |e: &serde_json::Error| !e.is_eof() || to == size;
    match fault.within {
        Within::Head { from } => {
            let head = text(from)?;
            let mut de = serde_json::Deserializer::from_str(&head);
            let e = serde_path_to_error::deserialize::<_, Outline>(&mut de).err()?;
            conclusive(e.inner())
                .then(|| json_error(name, e.inner(), &e.path().to_string(), &NATIVE))
        }
        Within::Events { at, index, first } => {
            let lead = if first { "[" } else { "[0" };
            let tail = format!("{lead}{}", text(at)?);
            let mut de = serde_json::Deserializer::from_str(&tail);
            let e = if first {
                serde_path_to_error::deserialize::<_, Tail<false>>(&mut de).err()?
            } else {
                serde_path_to_error::deserialize::<_, Tail<true>>(&mut de).err()?
            };
            let error = e.inner();
            if !conclusive(error) {
                return None;
            }
            let from = if file_starts_with_bom(&mut file) {
                3
            } else {
                0
            };
            let (line, column) = serde_place(&mut file, from, at).ok()?;
            let (line, column) = if error.line() == 1 {
                (line, column + error.column().checked_sub(lead.len())?)
            } else {
                (line + error.line() - 1, error.column())
            };
            // The tail's `[k]` is the file's `events[index + k]` (less the stand-in).
            let skip = usize::from(!first);
            let path = e.path().to_string();
            let path = match path.strip_prefix('[').and_then(|p| p.split_once(']')) {
                Some((k, rest)) => {
                    let k: usize = k.parse().ok()?;
                    format!("events[{}]{rest}", (index + k).checked_sub(skip)?)
                }
                None => "events".to_string(),
            };
            let mut placed = json_error(name, error, &path, &NATIVE);
            let problem = placed.problems.first_mut()?;
            (problem.line, problem.column) = (line, column);
            Some(placed)
        }
        Within::After => None,
    }
}

/// The syntax or shape error the whole-file reader would report on the native file at
/// `path`, found by parsing the whole file as it streams by, each event dropped once
/// parsed: for an error only the end of the dataset shows (a required member missing,
/// the file cut short) with no more memory than a buffer; `None` if it parses, or if
/// its error is one this reader may place differently.
pub(in crate::data) fn streamed_error(path: &Path, name: &str) -> Option<LoadError> {
    let mut file = File::open(path).ok()?;
    // The whole-file reader's places count from after a byte order mark.
    let from = if file_starts_with_bom(&mut file) {
        3
    } else {
        0
    };
    file.seek(SeekFrom::Start(from)).ok()?;
    let mut de = serde_json::Deserializer::from_reader(BufReader::with_capacity(1 << 20, file));
    let (error, path) = match serde_path_to_error::deserialize::<_, Outline>(&mut de) {
        Ok(_) => (de.end().err()?, String::new()),
        Err(e) => {
            let path = e.path().to_string();
            (e.into_inner(), path)
        }
    };
    // Read from a stream, serde places an error one byte on when it had looked ahead;
    // the end of the file, and a member found missing at an object's `}`, it places
    // as the whole-file reader does (and a read failing is not the file's to report).
    let missing = error.is_data() && error.to_string().starts_with("missing field `");
    (error.is_eof() || missing).then(|| json_error(name, &error, &path, &NATIVE))
}

fn file_starts_with_bom(file: &mut File) -> bool {
    let mut first = Vec::with_capacity(3);
    file.seek(SeekFrom::Start(0)).is_ok()
        && file.take(3).read_to_end(&mut first).is_ok()
        && first == [0xEF, 0xBB, 0xBF]
}

/// serde's line and column (in bytes) of an offset of the file, the text starting at
/// `from`.
fn serde_place(file: &mut File, from: u64, offset: u64) -> io::Result<(usize, usize)> {
    file.seek(SeekFrom::Start(from))?;
    let mut reader = BufReader::with_capacity(1 << 20, file).take(offset.saturating_sub(from));
    let (mut line, mut column) = (1, 0);
    let mut buf = vec![0; 1 << 20];
    loop {
        let n = reader.read(&mut buf)?;
        if n == 0 {
            return Ok((line, column));
        }
        let piece = &buf[..n];
        match memchr::memrchr(b'\n', piece) {
            Some(last) => {
                line += memchr::memchr_iter(b'\n', piece).count();
                column = n - last - 1;
            }
            None => column += n,
        }
    }
}
