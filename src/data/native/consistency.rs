//! The timeline's inconsistencies as notes, placed in the file they were read from.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

use crate::data::locate::{Locator, line_columns};
use crate::model::consistency::{Inconsistency, Part, inconsistencies};
use crate::model::note::Note;
use crate::model::text::clean_line;
use crate::model::timeline::Timeline;

/// Only the events' ids, in file order: where each event was written.
#[derive(Deserialize)]
struct Ids {
    #[serde(default)]
    events: Vec<IdOnly>,
}

#[derive(Deserialize)]
struct IdOnly {
    id: Box<str>,
}

/// Notes for what in `tl` cannot all be true. `read` gives the native file `tl` was
/// read from, to give each note its line and column; without it (or for a file of
/// another format) the notes name the event instead.
pub fn consistency_notes(tl: &Timeline, read: impl FnOnce() -> Option<String>) -> Vec<Note> {
    let found = inconsistencies(tl);
    if found.is_empty() {
        return Vec::new();
    }
    // Read again only when there is something to place: a consistent file pays nothing.
    let text = read();
    let text = text.as_deref();
    let written = text.and_then(|t| serde_json::from_str::<Ids>(t).ok());
    let mut index: HashMap<&str, usize> = HashMap::new();
    if let Some(ids) = &written {
        let wanted: HashSet<&str> = found.iter().map(|f| tl.event(f.event).id()).collect();
        for (i, e) in ids.events.iter().enumerate() {
            if let Some(&id) = wanted.get(&*e.id) {
                index.entry(id).or_insert(i);
            }
        }
    }
    let mut notes: Vec<Note> = found
        .iter()
        .map(
            |Inconsistency {
                 event,
                 part,
                 message,
             }| {
                let id = tl.event(*event).id();
                let (field, n) = match part {
                    Part::Relation(n) => ("relations", n),
                    Part::Attendance(n) => ("participants", n),
                };
                match index.get(id) {
                    Some(i) => Note {
                        line: 0,
                        column: 0,
                        path: format!("events[{i}].{field}[{n}]"),
                        message: message.clone(),
                    },
                    None => Note {
                        line: 0,
                        column: 0,
                        path: String::new(),
                        message: format!("event {}: {message}", clean_line(id)),
                    },
                }
            },
        )
        .collect();
    if let Some(text) = text.filter(|_| written.is_some()) {
        let mut locator = Locator::new(text);
        let offsets: Vec<usize> = notes.iter().map(|n| locator.offset_of(&n.path)).collect();
        for (note, (line, column)) in notes.iter_mut().zip(line_columns(text, &offsets)) {
            (note.line, note.column) = (line, column);
        }
        // As the file reads, top to bottom.
        notes.sort_by_key(|n| (n.line, n.column));
    }
    notes
}
