//! Why the fast readers handed over to the general ones, counted.
//!
//! Each fast reader is a pre-check of a grammar read in full by another reader, and
//! leaves to it whatever it does not read itself:
//! - the time pre-check ([`TimePoint::parse_plain`]) to the time grammar
//!   ([`TimePoint::parse_general`]);
//! - the event scan (`scan`) to serde, with a [`ScanReason`];
//! - the windowed reader ([`super::stream`]) to the whole-file reader, with a
//!   [`GiveUpReason`].
//!
//! Each hand-over adds one to a relaxed atomic counter, on the hand-over's branch only;
//! [`handovers`] reads them all (for the whole process, from its start). A sound file
//! in the form tools write hands over nothing; `examples/measure.rs` prints the counts,
//! and so does `parley check` with `PARLEY_DEBUG_HANDOVERS=1`.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::model::time::{TimeError, TimePoint};

/// Why the event scan left an event to serde.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScanReason {
    /// A key the format does not have, or one written with an escape.
    UnknownKey,
    /// A key given twice in one object.
    RepeatedKey,
    /// A key the object needs is missing.
    MissingKey,
    /// A value of another type than the scan reads there: `null`, a number, ...
    OtherType,
    /// An escape that is not one, or half a surrogate pair.
    Escape,
    /// A control character inside a string.
    ControlCharacter,
    /// A string longer than the streaming reader takes.
    TooLong,
    /// JSON written wrong: a missing comma, colon or bracket.
    Syntax,
}

impl ScanReason {
    pub const ALL: [ScanReason; 8] = [
        ScanReason::UnknownKey,
        ScanReason::RepeatedKey,
        ScanReason::MissingKey,
        ScanReason::OtherType,
        ScanReason::Escape,
        ScanReason::ControlCharacter,
        ScanReason::TooLong,
        ScanReason::Syntax,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ScanReason::UnknownKey => "unknown key",
            ScanReason::RepeatedKey => "repeated key",
            ScanReason::MissingKey => "missing key",
            ScanReason::OtherType => "value of another type",
            ScanReason::Escape => "escape form",
            ScanReason::ControlCharacter => "control character",
            ScanReason::TooLong => "string too long",
            ScanReason::Syntax => "syntax",
        }
    }
}

/// Why the windowed reader gave up and let the whole-file reader read the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GiveUpReason {
    /// The file could not be opened or read.
    Unreadable,
    /// The file changed while it was read.
    Changed,
    /// Not UTF-8 (a byte order mark of UTF-16 included).
    NotUtf8,
    /// A syntax error, or a value the format does not allow there.
    Syntax,
    /// A problem with the data (an unknown reference, a bad time, a duplicate id, a
    /// member before the events missing or of another type...).
    Problem,
    /// An id the viewer would show otherwise than it is written.
    Id,
    /// Members after `events`, or a second `events`.
    AfterEvents,
    /// A string longer than the streaming reader takes.
    TooLong,
    /// The second thread's half of the events was not sound.
    SecondHalf,
}

impl GiveUpReason {
    pub const ALL: [GiveUpReason; 9] = [
        GiveUpReason::Unreadable,
        GiveUpReason::Changed,
        GiveUpReason::NotUtf8,
        GiveUpReason::Syntax,
        GiveUpReason::Problem,
        GiveUpReason::Id,
        GiveUpReason::AfterEvents,
        GiveUpReason::TooLong,
        GiveUpReason::SecondHalf,
    ];

    pub fn label(self) -> &'static str {
        match self {
            GiveUpReason::Unreadable => "unreadable",
            GiveUpReason::Changed => "changed while read",
            GiveUpReason::NotUtf8 => "not UTF-8",
            GiveUpReason::Syntax => "syntax error or unexpected value",
            GiveUpReason::Problem => "a problem in the data",
            GiveUpReason::Id => "an id shown otherwise",
            GiveUpReason::AfterEvents => "members after events",
            GiveUpReason::TooLong => "string too long",
            GiveUpReason::SecondHalf => "second thread's half not sound",
        }
    }
}

const SCANS: usize = ScanReason::ALL.len();
const GIVE_UPS: usize = GiveUpReason::ALL.len();

static TIME: AtomicU64 = AtomicU64::new(0);
static SCAN: [AtomicU64; SCANS] = [const { AtomicU64::new(0) }; SCANS];
static STREAM: [AtomicU64; GIVE_UPS] = [const { AtomicU64::new(0) }; GIVE_UPS];

/// How many times each fast reader has handed over, and why, since the process began.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Handovers {
    /// Times read by the grammar after the pre-check left them.
    pub time: u64,
    /// Events read by serde after the scan left them, by [`ScanReason`] (in the order
    /// of [`ScanReason::ALL`]).
    pub scan: [u64; SCANS],
    /// Files read whole after the windowed reader gave up, by [`GiveUpReason`] (in the
    /// order of [`GiveUpReason::ALL`]).
    pub stream: [u64; GIVE_UPS],
}

impl Handovers {
    /// Events the scan left to serde for `reason`.
    pub fn scan(&self, reason: ScanReason) -> u64 {
        self.scan[reason as usize]
    }

    /// Files the windowed reader left to the whole-file reader for `reason`.
    pub fn stream(&self, reason: GiveUpReason) -> u64 {
        self.stream[reason as usize]
    }

    /// Every hand-over, of any reader.
    pub fn total(&self) -> u64 {
        self.time + self.scan.iter().sum::<u64>() + self.stream.iter().sum::<u64>()
    }

    /// The hand-overs since `earlier` was read.
    pub fn since(&self, earlier: &Handovers) -> Handovers {
        Handovers {
            time: self.time - earlier.time,
            scan: std::array::from_fn(|i| self.scan[i] - earlier.scan[i]),
            stream: std::array::from_fn(|i| self.stream[i] - earlier.stream[i]),
        }
    }
}

impl fmt::Display for Handovers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |counts: &[(&str, u64)]| {
            let named: Vec<String> = counts
                .iter()
                .filter(|(_, n)| *n > 0)
                .map(|(what, n)| format!("{n} {what}"))
                .collect();
            if named.is_empty() {
                "none".to_string()
            } else {
                named.join(", ")
            }
        };
        let scan: Vec<(&str, u64)> = ScanReason::ALL
            .iter()
            .map(|r| (r.label(), self.scan(*r)))
            .collect();
        let stream: Vec<(&str, u64)> = GiveUpReason::ALL
            .iter()
            .map(|r| (r.label(), self.stream(*r)))
            .collect();
        writeln!(f, "hand-overs: time pre-check to grammar: {}", self.time)?;
        writeln!(f, "hand-overs: event scan to serde: {}", list(&scan))?;
        write!(
            f,
            "hand-overs: windowed to whole-file reader: {}",
            list(&stream)
        )
    }
}

/// The hand-overs counted so far in this process.
pub fn handovers() -> Handovers {
    let load = |c: &AtomicU64| c.load(Ordering::Relaxed);
    Handovers {
        time: load(&TIME),
        scan: std::array::from_fn(|i| load(&SCAN[i])),
        stream: std::array::from_fn(|i| load(&STREAM[i])),
    }
}

/// Prints the hand-overs to standard error when `PARLEY_DEBUG_HANDOVERS` is set (and
/// not `0`).
pub fn debug_print_handovers() {
    if std::env::var_os("PARLEY_DEBUG_HANDOVERS").is_some_and(|v| v != "0") {
        eprintln!("{}", handovers());
    }
}

pub(super) fn scanned_by_serde(reason: ScanReason) {
    SCAN[reason as usize].fetch_add(1, Ordering::Relaxed);
}

pub(super) fn read_whole(reason: GiveUpReason) {
    STREAM[reason as usize].fetch_add(1, Ordering::Relaxed);
}

/// [`TimePoint::parse`], counting the times the pre-check leaves to the grammar.
pub(super) fn parse_point(text: &str) -> Result<TimePoint, TimeError> {
    match TimePoint::parse_plain(text) {
        Some(point) => Ok(point),
        None => {
            TIME.fetch_add(1, Ordering::Relaxed);
            TimePoint::parse_general(text)
        }
    }
}
