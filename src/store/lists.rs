//! Every event's lists (attendance, topics, claims, relations, sources), one flat list
//! of each kind, and where an event's items lie in them.

use super::offset;
use super::record::{Claim, Event};
use crate::model::entities::{Attendance, Relation, SourceIx, TopicIx};

/// Where an event's items lie in one of the flat lists of `EventLists`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ListRange {
    pub(super) start: u32,
    len: u32,
}

impl ListRange {
    /// The items from `start` up to `end`.
    fn between(start: usize, end: usize) -> ListRange {
        ListRange {
            start: offset(start),
            len: offset(end.saturating_sub(start)),
        }
    }

    pub fn len(self) -> usize {
        self.len as usize
    }

    pub fn is_empty(self) -> bool {
        self.len == 0
    }

    #[inline]
    pub(super) fn get<T>(self, items: &[T]) -> &[T] {
        let start = self.start as usize;
        items
            .get(start..start + self.len as usize)
            .unwrap_or_default()
    }
}

/// Every event's lists, one flat list of each kind: a million events are then a few
/// large allocations instead of millions of small ones.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventLists {
    pub attendance: Vec<Attendance>,
    pub topics: Vec<TopicIx>,
    pub claims: Vec<Claim>,
    pub relations: Vec<Relation>,
    pub sources: Vec<SourceIx>,
}

impl EventLists {
    /// How long each list is, for [`Event::shift`] (the lists put before another's).
    pub fn lengths(&self) -> [usize; 5] {
        [
            self.attendance.len(),
            self.topics.len(),
            self.claims.len(),
            self.relations.len(),
            self.sources.len(),
        ]
    }

    /// Appends `later`'s lists to these.
    pub fn extend(&mut self, later: EventLists) {
        self.attendance.extend(later.attendance);
        self.topics.extend(later.topics);
        self.claims.extend(later.claims);
        self.relations.extend(later.relations);
        self.sources.extend(later.sources);
    }

    /// The items of one list from `first` to its end.
    pub fn range<T>(&self, first: usize, list: impl Fn(&EventLists) -> &Vec<T>) -> ListRange {
        ListRange::between(first, list(self).len())
    }
}

/// Appends a slice of `items` to a flat list; where they lie.
#[inline]
pub(super) fn append_copied<T: Copy>(list: &mut Vec<T>, items: &[T]) -> ListRange {
    let start = list.len();
    // An event's lists are a few items: written in place after one check of the room,
    // rather than by a call to memcpy.
    list.extend(items.iter().copied());
    ListRange::between(start, list.len())
}

/// Appends `items` to a flat list; where they lie.
pub fn append<T>(list: &mut Vec<T>, items: impl IntoIterator<Item = T>) -> ListRange {
    let start = list.len();
    list.extend(items);
    ListRange::between(start, list.len())
}

impl EventLists {
    /// Who was at an event, and the part they played.
    #[inline]
    pub fn attendees(&self, ev: &Event) -> &[Attendance] {
        ev.attendees.get(&self.attendance)
    }

    /// What an event was about.
    #[inline]
    pub fn topics(&self, ev: &Event) -> &[TopicIx] {
        ev.topics.get(&self.topics)
    }

    /// Who said what about an event.
    #[inline]
    pub fn claims(&self, ev: &Event) -> &[Claim] {
        ev.claims.get(&self.claims)
    }

    /// How an event bears on others.
    #[inline]
    pub fn relations(&self, ev: &Event) -> &[Relation] {
        ev.relations.get(&self.relations)
    }

    /// Where the information about an event comes from.
    #[inline]
    pub fn sources(&self, ev: &Event) -> &[SourceIx] {
        ev.sources.get(&self.sources)
    }
}
