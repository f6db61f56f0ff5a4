//! Incremental search: what counts as a match for each kind of item.

use crate::model::timeline::{Event, Participant, Place, Timeline, Topic};

/// How many items a search checks before the screen is drawn again: a few
/// milliseconds over a large dataset, so that keys are never kept waiting by a long
/// list. A list this short is searched at once.
pub const STEP: usize = 4096;

/// The part of the list a search has still to check: from `origin` (where the search
/// began) to the end of the list, then from its start back to `origin`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pending {
    pub origin: usize,
    /// The next position to check.
    pub next: usize,
    /// Past the end of the list and on from its start.
    pub wrapped: bool,
}

impl Pending {
    /// How many of `len` items have been checked.
    pub fn checked(&self, len: usize) -> usize {
        if self.wrapped {
            len.saturating_sub(self.origin) + self.next
        } else {
            self.next.saturating_sub(self.origin)
        }
    }
}

/// A search being typed or kept.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    /// Keys go to the query while true.
    pub typing: bool,
    /// Positions of the matches found in the current list, ascending.
    pub hits: Vec<usize>,
    /// What is left to check; `None` once the whole list has been.
    pub pending: Option<Pending>,
    /// The query changed and the selection has yet to move to its first match.
    pub landing: bool,
    /// The matches (and what was left to check) of each shorter query typed on the
    /// way, for Backspace.
    pub earlier: Vec<(Vec<usize>, Option<Pending>)>,
}

impl Search {
    pub fn is_active(&self) -> bool {
        !self.query.is_empty()
    }

    /// How many items of the current list match.
    pub fn matches(&self) -> usize {
        self.hits.len()
    }

    pub fn needle(&self) -> String {
        self.query.to_lowercase()
    }
}

/// Case-insensitive containment without allocating for ASCII text.
pub fn contains(haystack: &str, needle_lower: &str) -> bool {
    if needle_lower.is_empty() {
        return true;
    }
    if haystack.is_ascii() && needle_lower.is_ascii() {
        let (h, n) = (haystack.as_bytes(), needle_lower.as_bytes());
        return h.len() >= n.len() && h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n));
    }
    haystack.to_lowercase().contains(needle_lower)
}

/// An event matches on its title, people, place, topics, or any of its text.
pub fn event_matches(tl: &Timeline, ev: &Event, needle: &str) -> bool {
    contains(ev.title(), needle)
        || tl.attendees(ev).iter().any(|a| {
            let p = tl.person(a.person);
            contains(&p.name, needle) || a.role.is_some_and(|r| contains(tl.role(r), needle))
        })
        || ev
            .place
            .is_some_and(|p| contains(&tl.place(p).name, needle))
        || tl
            .event_topics(ev)
            .iter()
            .any(|t| contains(&tl.topic(*t).name, needle))
        || contains(ev.summary(), needle)
        || ev.outcomes().any(|o| contains(o, needle))
        || tl
            .claims(ev)
            .iter()
            .any(|c| contains(ev.said(c), needle) || contains(ev.speaker(c), needle))
        || ev.reported().is_some_and(|r| contains(r, needle))
        || contains(ev.kind.keyword(), needle)
}

pub fn person_matches(tl: &Timeline, p: &Participant, needle: &str) -> bool {
    contains(&p.name, needle)
        || contains(&p.role, needle)
        || contains(&p.note, needle)
        || p.party.is_some_and(|s| contains(&tl.party(s).name, needle))
}

pub fn topic_matches(t: &Topic, needle: &str) -> bool {
    contains(&t.name, needle) || contains(&t.id, needle)
}

pub fn place_matches(p: &Place, needle: &str) -> bool {
    contains(&p.name, needle) || contains(p.zone.name(), needle)
}

#[cfg(test)]
mod tests {
    use super::contains;

    #[test]
    fn case_insensitive() {
        assert!(contains("Rustem Umerov", "umerov"));
        assert!(contains("Рустем Умєров", "умєров"));
        assert!(!contains("Witkoff", "umerov"));
        assert!(contains("anything", ""));
    }
}
