//! The timeline's inconsistencies as notes, placed in the file they were read from.

use std::collections::HashMap;
use std::path::Path;

use crate::data::parts::{List, place_parts};
use crate::model::consistency::{Inconsistency, Part, inconsistencies};
use crate::model::note::Note;
use crate::model::text::clean_line;
use crate::model::timeline::Timeline;

/// The warnings of a consistent reading: the notes to show, and how many more of each
/// kind were counted and not worded.
#[derive(Debug, Default)]
pub struct Warnings {
    pub notes: Vec<Note>,
    /// (kind, how many more), as [`crate::data::Problem::kind`] names a kind.
    pub more: Vec<(String, usize)>,
}

/// Notes for what in `tl` cannot all be true: with `per_kind`, only the first so many of
/// each kind are worded and placed, the rest counted. `file` is the native file `tl` was
/// read from, read again (a window at a time) to give each note its line and column,
/// only when there is something to place; a note it cannot place names its event.
pub fn consistency_notes(tl: &Timeline, file: Option<&Path>, per_kind: Option<usize>) -> Warnings {
    let found = inconsistencies(tl);
    if found.is_empty() {
        return Warnings::default();
    }
    let cap = per_kind.unwrap_or(usize::MAX);
    // Each kind's count, in the order the kinds first appear.
    let mut kinds: Vec<(&'static str, usize)> = Vec::new();
    let mut shown: Vec<&Inconsistency> = Vec::new();
    for f in &found {
        let k = match kinds.iter().position(|(kind, ..)| *kind == f.kind()) {
            Some(k) => k,
            None => {
                kinds.push((f.kind(), 0));
                kinds.len() - 1
            }
        };
        kinds[k].1 += 1;
        if kinds[k].1 <= cap {
            shown.push(f);
        }
    }
    let mut wanted: HashMap<&str, Vec<(List, usize)>> = HashMap::new();
    for f in &shown {
        wanted
            .entry(tl.event(f.event).id())
            .or_default()
            .push(list_of(f.part));
    }
    let placed = file
        .and_then(|path| place_parts(path, &wanted).ok())
        .unwrap_or_default();
    let mut notes: Vec<Note> = shown
        .iter()
        .map(|f| {
            let id = tl.event(f.event).id();
            let message = f.message(tl);
            let (list, n) = list_of(f.part);
            let at = placed
                .get(id)
                .and_then(|parts| parts.iter().find(|p| p.list == list && p.element == n));
            match at {
                Some(p) => Note {
                    line: p.line,
                    column: p.column,
                    path: format!("events[{}].{}[{n}]", p.event, list.name()),
                    message,
                },
                None => Note {
                    line: 0,
                    column: 0,
                    path: String::new(),
                    message: format!("event '{}': {message}", clean_line(id)),
                },
            }
        })
        .collect();
    // The kind as a report names it: from the words of its first warning.
    let mut more = Vec::new();
    for &(kind, n) in kinds.iter().filter(|(_, n)| *n > cap) {
        if let Some(first) = shown.iter().find(|f| f.kind() == kind) {
            more.push((crate::data::kind_of(&first.message(tl)), n - cap));
        }
    }
    // As the file reads, top to bottom; those without a place first, as a file's are.
    notes.sort_by_key(|n| (n.line, n.column));
    Warnings { notes, more }
}

fn list_of(part: Part) -> (List, usize) {
    match part {
        Part::Relation(n) => (List::Relations, n),
        Part::Attendance(n) => (List::Participants, n),
        Part::StatusStep(n) => (List::StatusHistory, n),
    }
}
