//! Events' strings, written one event after another into chunks many events share.

use std::sync::{Arc, OnceLock};

use super::offset;

/// Where one of an event's strings lies in the event's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TextRange {
    pub(super) start: u32,
    pub(super) end: u32,
}

impl TextRange {
    /// No string at all (a string that is there, if empty, starts where it ends).
    pub const ABSENT: TextRange = TextRange {
        start: u32::MAX,
        end: 0,
    };

    pub(super) fn is_absent(self) -> bool {
        self.start > self.end
    }
}

/// What ends the length written in front of each of an event's outcomes: an outcome
/// holds any character, so none can separate them.
const LENGTH_END: char = ':';

/// An event's outcomes as [`EventText::push_outcomes`] wrote them, each behind its
/// length in bytes.
pub(super) fn outcomes(mut written: &str) -> impl Iterator<Item = &str> + Clone {
    std::iter::from_fn(move || {
        let (length, rest) = written.split_once(LENGTH_END)?;
        let length = length.parse::<usize>().ok()?.min(rest.len());
        let (outcome, rest) = rest.split_at_checked(length)?;
        written = rest;
        Some(outcome)
    })
}

/// A chunk of events' strings: written by [`TextChunks`], read once sealed.
type Chunk = Arc<OnceLock<String>>;

/// How many bytes of strings a chunk holds before the next event starts another (an
/// event with more has a chunk of its own).
const CHUNK_BYTES: usize = 1 << 20;

/// How far past an event's strings a chunk's pages are mapped in advance: enough for
/// the system to map many pages at a time, little enough that the last chunk of a
/// reading part (which is sealed part full) keeps few pages it never uses.
const MAP_AHEAD: usize = 64 << 10;

/// Events' strings, written one event after another into chunks that many events
/// share: a million events are a few hundred allocations, not a million. An event's
/// strings are readable once its chunk is sealed ([`TextChunks::seal`]).
#[derive(Debug, Default)]
pub struct TextChunks {
    /// The chunk being written, and what is written of it.
    chunk: Chunk,
    written: String,
    /// How much of `written`'s buffer has been mapped ([`super::memory::prefault`]).
    mapped: usize,
}

impl TextChunks {
    /// Starts an event's strings, about `bytes` long: in this chunk if they fit.
    pub fn begin(&mut self, bytes: usize) -> EventText {
        if !self.written.is_empty() && self.written.len() + bytes > CHUNK_BYTES {
            self.seal();
        }
        if self.written.capacity() == 0 {
            self.written.reserve(bytes.max(CHUNK_BYTES));
            self.mapped = 0;
        }
        let start = self.written.len();
        if start + bytes > self.mapped {
            let to = start + bytes + MAP_AHEAD;
            super::memory::prefault(&mut self.written, self.mapped, to);
            self.mapped = to;
        }
        EventText {
            written: std::mem::take(&mut self.written),
            chunk: self.chunk.clone(),
            start,
        }
    }

    /// Ends an event's strings: where the event finds them.
    pub fn end(&mut self, text: EventText) -> Text {
        self.written = text.written;
        Text {
            chunk: text.chunk,
            start: offset(text.start),
        }
    }

    /// Makes what is written readable, and starts a new chunk.
    pub fn seal(&mut self) {
        // Each chunk is sealed once: a new one is started right after.
        let _ = self.chunk.set(std::mem::take(&mut self.written));
        self.chunk = Chunk::default();
    }
}

/// One event's strings being written, for [`TextChunks::end`].
pub struct EventText {
    written: String,
    chunk: Chunk,
    start: usize,
}

impl EventText {
    /// Adds a string; where it lies, for the event's fields.
    pub fn push(&mut self, s: &str) -> TextRange {
        let start = self.written.len();
        self.written.push_str(s);
        self.since(start)
    }

    /// What was written since `start` (a length of `written`), in the event's terms.
    fn since(&self, start: usize) -> TextRange {
        TextRange {
            start: offset(start - self.start),
            end: offset(self.written.len() - self.start),
        }
    }

    /// Adds the event's outcomes one after another, each behind its length: where
    /// they lie, or [`TextRange::ABSENT`] when there are none.
    pub fn push_outcomes<S: AsRef<str>>(
        &mut self,
        outcomes: impl IntoIterator<Item = S>,
    ) -> TextRange {
        use std::fmt::Write;
        let start = self.written.len();
        let mut any = false;
        for o in outcomes {
            let o = o.as_ref();
            // Writing to a String cannot fail.
            let _ = write!(self.written, "{}{LENGTH_END}", o.len());
            self.written.push_str(o);
            any = true;
        }
        if any {
            self.since(start)
        } else {
            TextRange::ABSENT
        }
    }
}

/// Where an event's strings lie: in a chunk shared with the events written with it.
#[derive(Clone, Debug)]
pub struct Text {
    pub(super) chunk: Chunk,
    pub(super) start: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whatever an outcome holds (digits, the colon after a length, controls), each
    /// reads back whole.
    #[test]
    fn outcomes_read_back_whatever_they_hold() {
        let cases: [&[&str]; 4] = [
            &["a"],
            &["", ""],
            &["12:34", ":", "9", "\u{1e}x\u{1e}"],
            &["Встреча 👨\u{200D}👩", "محمد\u{200C}جواد", "\0"],
        ];
        for outcomes in cases {
            let mut chunks = TextChunks::default();
            let mut text = chunks.begin(64);
            let range = text.push_outcomes(outcomes.iter());
            let start = text.start;
            let written = text.written[start..].to_string();
            chunks.end(text);
            let slice = &written[range.start as usize..range.end as usize];
            let read: Vec<&str> = super::outcomes(slice).collect();
            assert_eq!(read, outcomes);
        }
    }
}
