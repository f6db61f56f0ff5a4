//! Incremental search: what counts as a match for each kind of item.

use crate::model::timeline::{Event, Participant, Place, Timeline, Topic};

/// A search being typed or kept.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    /// Keys go to the query while true.
    pub typing: bool,
    /// Positions of the matches in the current list, ascending.
    pub hits: Vec<usize>,
    /// The matches of each shorter query typed on the way, for Backspace.
    pub earlier: Vec<Vec<usize>>,
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
    contains(&ev.title, needle)
        || ev.attendees.iter().any(|a| {
            let p = tl.person(a.person);
            contains(&p.name, needle) || a.role.is_some_and(|r| contains(tl.role(r), needle))
        })
        || ev
            .place
            .is_some_and(|p| contains(&tl.place(p).name, needle))
        || ev
            .topics
            .iter()
            .any(|t| contains(&tl.topic(*t).name, needle))
        || contains(&ev.summary, needle)
        || ev.outcomes.iter().any(|o| contains(o, needle))
        || ev
            .claims
            .iter()
            .any(|c| contains(&c.text, needle) || contains(&c.speaker, needle))
        || ev
            .time
            .reported
            .as_deref()
            .is_some_and(|r| contains(r, needle))
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
