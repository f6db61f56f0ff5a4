//! What a live reload changed: the events added or changed carry a mark in the lists
//! until visited, and the changes overlay lists what changed, field by field.

use std::collections::HashSet;

use crate::data::export::diff::{Versions, summary, text};
use crate::model::diff::{Diff, diff};
use crate::model::timeline::{EventIx, Timeline};

/// The mark of a row a reload added or changed, until it is visited.
pub const MARK: &str = "Δ";

/// The most events the overlay words; the rest are counted.
const MAX_EVENTS: usize = 500;

/// The changes of the last reload that changed anything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// "1 added, 1 removed, 2 changed".
    pub summary: String,
    /// The changes as `parley diff` words them, one line each, cleaned for the screen.
    pub lines: Vec<String>,
    /// Events added or changed, by their ids, not visited since: an id survives the
    /// next reload, an index does not.
    pub unvisited: HashSet<Box<str>>,
    /// Scroll offset of the overlay while it is open.
    pub view: Option<usize>,
}

impl Changes {
    /// Whether the event carries the changed mark.
    pub fn marks(&self, tl: &Timeline, ev: EventIx) -> bool {
        !self.unvisited.is_empty() && self.unvisited.contains(tl.event(ev).id())
    }

    /// The event has been seen: its mark goes.
    pub fn visit(&mut self, tl: &Timeline, ev: EventIx) {
        if !self.unvisited.is_empty() {
            self.unvisited.remove(tl.event(ev).id());
        }
    }
}

/// The changes from `old` to `new`, with the marks not yet visited in `before` kept
/// where their events still are; none when nothing changed and no mark is left.
pub fn after_reload(old: &Timeline, new: &Timeline, before: Option<Changes>) -> Option<Changes> {
    let d = diff(old, new);
    let mut unvisited: HashSet<Box<str>> = before
        .map(|b| b.unvisited)
        .unwrap_or_default()
        .into_iter()
        .filter(|id| new.event_by_id(id).is_some())
        .collect();
    let touched = d.added.iter().chain(d.changed.iter().map(|c| &c.new));
    unvisited.extend(touched.map(|&ix| Box::from(new.event(ix).id())));
    if d.is_empty() {
        return (!unvisited.is_empty()).then(|| Changes {
            summary: "no changes in the last reload".into(),
            unvisited,
            ..Changes::default()
        });
    }
    let versions = Versions {
        old,
        new,
        old_name: "",
        new_name: "",
    };
    // Worded for at most so many events: a reload that touches a million is listed in
    // part, not built whole in memory.
    let mut room = MAX_EVENTS;
    let mut take = |len: usize| {
        let n = len.min(room);
        room -= n;
        n
    };
    let (added, removed, changed) = (
        take(d.added.len()),
        take(d.removed.len()),
        take(d.changed.len()),
    );
    let listed = Diff {
        added: d.added[..added].to_vec(),
        removed: d.removed[..removed].to_vec(),
        changed: d.changed[..changed].to_vec(),
        dataset: d.dataset.clone(),
    };
    let report = text(&versions, &listed);
    // The report's first line names the files and repeats the summary.
    let mut lines: Vec<String> = report.lines().skip(1).map(str::to_string).collect();
    let unlisted = d.added.len() + d.removed.len() + d.changed.len()
        - (listed.added.len() + listed.removed.len() + listed.changed.len());
    if unlisted > 0 {
        lines.push(format!(
            "… and {} more events (parley diff lists them all)",
            crate::model::describe::thousands(unlisted)
        ));
    }
    Some(Changes {
        summary: summary(&d),
        lines,
        unvisited,
        view: None,
    })
}

#[cfg(test)]
mod tests {
    use super::after_reload;
    use crate::data::native::load_str;
    use crate::model::timeline::{EventIx, Timeline};

    fn versions() -> (Timeline, Timeline) {
        let old = include_str!("../../tests/fixtures/diff/old.json");
        let new = include_str!("../../tests/fixtures/diff/new.json");
        (
            load_str("old.json", old).expect("loads"),
            load_str("new.json", new).expect("loads"),
        )
    }

    fn marked(tl: &Timeline, changes: &super::Changes) -> Vec<String> {
        (0..tl.events.len())
            .map(|i| EventIx::new(i as u32))
            .filter(|&ix| changes.marks(tl, ix))
            .map(|ix| tl.event(ix).id().to_string())
            .collect()
    }

    #[test]
    fn events_added_or_changed_are_marked_until_visited() {
        let (old, new) = versions();
        let mut changes = after_reload(&old, &new, None).expect("changes");
        assert_eq!(marked(&new, &changes), ["thursday", "friday", "saturday"]);
        assert_eq!(
            changes.summary,
            "1 added, 1 removed, 2 changed, 1 dataset field"
        );
        assert!(
            changes
                .lines
                .iter()
                .any(|l| l == "    status: expected ⇒ held"),
            "{:?}",
            changes.lines
        );
        let thursday = new.event_by_id("thursday").expect("there");
        changes.visit(&new, thursday);
        assert_eq!(marked(&new, &changes), ["friday", "saturday"]);
    }

    #[test]
    fn a_reload_touching_many_events_is_listed_in_part_and_marked_whole() {
        let text = crate::synthetic::dataset(700, 3);
        let old = load_str("old.json", &text).expect("loads");
        let new = load_str(
            "new.json",
            &text.replace("\"title\": \"", "\"title\": \"New: "),
        )
        .expect("loads");
        let changes = after_reload(&old, &new, None).expect("changes");
        assert_eq!(changes.unvisited.len(), 700);
        let events = changes.lines.iter().filter(|l| l.starts_with('~')).count();
        assert_eq!(events, 500);
        assert_eq!(
            changes.lines.last().map(String::as_str),
            Some("… and 200 more events (parley diff lists them all)")
        );
    }

    #[test]
    fn marks_not_visited_outlive_the_next_reload() {
        let (old, new) = versions();
        let first = after_reload(&old, &new, None);
        // The same file again: nothing changed, yet the marks stay until visited.
        let second = after_reload(&new, &new.clone(), first).expect("the marks are kept");
        assert_eq!(marked(&new, &second), ["thursday", "friday", "saturday"]);
        assert!(second.lines.is_empty());
        assert!(after_reload(&new, &new.clone(), None).is_none());
        // Back to the old version: what it lacks loses its mark.
        let back = after_reload(&new, &old, Some(second)).expect("changes");
        assert!(!back.unvisited.contains("saturday"));
    }
}
