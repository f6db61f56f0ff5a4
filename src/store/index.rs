//! The indexes a viewer needs (who attended what, what was about a topic, what points
//! at an event), each a flat list per key.

use super::lists::{EventLists, ListRange};
use super::record::Event;
use crate::model::entities::{EventIx, PartyIx, PersonIx, PlaceIx, Registry, TopicIx};

/// What the indexes read of an event: a seventh of its size. The indexes are built
/// from a compact copy in time order, rather than by following the order to each event
/// in every pass.
pub(super) struct Indexed {
    attendees: ListRange,
    topics: ListRange,
    relations: ListRange,
    place: Option<PlaceIx>,
}

impl Indexed {
    pub(super) fn of(e: &Event) -> Indexed {
        Indexed {
            attendees: e.attendees,
            topics: e.topics,
            relations: e.relations,
            place: e.place,
        }
    }
}

/// The keys of three indexes, counted ([`MultiIndex::count`]).
pub(super) struct Counts {
    pub(super) people: Vec<u32>,
    pub(super) topics: Vec<u32>,
    pub(super) incoming: Vec<u32>,
}

/// Lists per key stored flat: `items[offsets[k]..offsets[k + 1]]` belong to key `k`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MultiIndex {
    offsets: Vec<u32>,
    items: Vec<u32>,
}

impl MultiIndex {
    /// Builds from `(key, item)` pairs; items keep their order within a key.
    pub(super) fn build(
        keys: usize,
        pairs: impl Iterator<Item = (usize, u32)> + Clone,
    ) -> MultiIndex {
        let offsets = Self::count(keys, pairs.clone().map(|(k, _)| k));
        Self::fill(offsets, pairs).expect("the pairs counted")
    }

    /// [`MultiIndex::build`] with the keys counted beforehand, by [`MultiIndex::count`]
    /// (from a list that holds them in any order, which may be quicker to go through
    /// than the pairs); if they are not the pairs' keys, counted again from the pairs.
    pub(super) fn build_counted(
        offsets: Vec<u32>,
        pairs: impl Iterator<Item = (usize, u32)> + Clone,
    ) -> MultiIndex {
        let keys = offsets.len().saturating_sub(1);
        Self::fill(offsets, pairs.clone()).unwrap_or_else(|| Self::build(keys, pairs))
    }

    /// Where each of `keys` keys' items will start, counted from every pair's key:
    /// `offsets[k]..offsets[k + 1]` for key `k`.
    pub(super) fn count(keys: usize, all: impl Iterator<Item = usize>) -> Vec<u32> {
        let mut offsets = vec![0u32; keys + 1];
        for k in all {
            offsets[k + 1] += 1;
        }
        for k in 0..keys {
            offsets[k + 1] += offsets[k];
        }
        offsets
    }

    /// The index of `pairs`, their keys counted in `offsets`; `None` if those are not
    /// the counts of these pairs' keys.
    fn fill(offsets: Vec<u32>, pairs: impl Iterator<Item = (usize, u32)>) -> Option<MultiIndex> {
        let mut items = vec![0u32; offsets.last().map_or(0, |&n| n as usize)];
        let mut fill = offsets.clone();
        let ends = offsets.get(1..).unwrap_or_default();
        for (k, item) in pairs {
            let (at, end) = (fill.get_mut(k)?, *ends.get(k)?);
            if *at >= end {
                return None;
            }
            items[*at as usize] = item;
            *at += 1;
        }
        // Every key's items, and none more.
        (fill.get(..ends.len())? == ends).then_some(MultiIndex { offsets, items })
    }

    #[inline]
    pub(super) fn get(&self, key: usize) -> &[u32] {
        match (self.offsets.get(key), self.offsets.get(key + 1)) {
            (Some(&a), Some(&b)) => &self.items[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// A timeline's indexes: its events in id order, each person's, topic's and place's
/// events in time order, each party's people, and each event's incoming relations.
#[derive(Clone, Debug, Default)]
pub struct Indexes {
    pub(super) by_id: Vec<u32>,
    pub(super) person_events: MultiIndex,
    pub(super) party_people: MultiIndex,
    pub(super) topic_events: MultiIndex,
    pub(super) place_events: MultiIndex,
    pub(super) incoming: MultiIndex,
}

impl Indexes {
    /// Events' chronological positions, in id order.
    #[inline]
    pub fn by_id(&self) -> &[u32] {
        &self.by_id
    }

    /// A person's events, chronological.
    #[inline]
    pub fn events_of(&self, person: PersonIx) -> &[u32] {
        self.person_events.get(person.get())
    }

    /// A party's people, in file order.
    #[inline]
    pub fn people_of(&self, party: PartyIx) -> &[u32] {
        self.party_people.get(party.get())
    }

    /// A topic's events, chronological.
    #[inline]
    pub fn events_on(&self, topic: TopicIx) -> &[u32] {
        self.topic_events.get(topic.get())
    }

    /// A place's events, chronological.
    #[inline]
    pub fn events_at(&self, place: PlaceIx) -> &[u32] {
        self.place_events.get(place.get())
    }

    /// The events with a relation to `ev`, chronological (once for each relation).
    #[inline]
    pub fn incoming(&self, ev: EventIx) -> &[u32] {
        self.incoming.get(ev.get())
    }
}

/// Each person's events (their keys counted in `people`), and each party's people.
pub(super) fn people_indexes(
    people: Vec<u32>,
    registry: &Registry,
    events: &[Indexed],
    lists: &EventLists,
) -> (MultiIndex, MultiIndex) {
    let attendance = events.iter().enumerate().flat_map(|(i, e)| {
        e.attendees
            .get(&lists.attendance)
            .iter()
            .map(move |a| (a.person.get(), i as u32))
    });
    let person_events = MultiIndex::build_counted(people, attendance);
    let party_people = MultiIndex::build(
        registry.parties.len(),
        registry
            .participants
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.party.map(|party| (party.get(), i as u32))),
    );
    (person_events, party_people)
}

/// Each topic's events (their keys counted in `topics`) and each place's.
pub(super) fn event_indexes(
    topics: Vec<u32>,
    registry: &Registry,
    events: &[Indexed],
    lists: &EventLists,
) -> (MultiIndex, MultiIndex) {
    let topic_events = MultiIndex::build_counted(
        topics,
        events.iter().enumerate().flat_map(|(i, e)| {
            e.topics
                .get(&lists.topics)
                .iter()
                .map(move |t| (t.get(), i as u32))
        }),
    );
    let place_events = MultiIndex::build(
        registry.places.len(),
        events
            .iter()
            .enumerate()
            .filter_map(|(i, e)| e.place.map(|p| (p.get(), i as u32))),
    );
    (topic_events, place_events)
}

/// Each event's incoming relations (their targets counted in `incoming`).
pub(super) fn incoming_index(
    incoming: Vec<u32>,
    events: &[Indexed],
    lists: &EventLists,
) -> MultiIndex {
    MultiIndex::build_counted(
        incoming,
        events.iter().enumerate().flat_map(|(i, e)| {
            e.relations
                .get(&lists.relations)
                .iter()
                .map(move |r| (r.target.get(), i as u32))
        }),
    )
}

#[cfg(test)]
mod multi_index {
    use super::MultiIndex;

    /// Pairs over five keys, some with none, in an order that is not the keys'.
    fn pairs() -> Vec<(usize, u32)> {
        vec![
            (3, 0),
            (0, 1),
            (3, 2),
            (4, 3),
            (0, 4),
            (3, 5),
            (1, 6),
            (4, 7),
        ]
    }

    #[test]
    fn items_keep_their_order_within_a_key() {
        let index = MultiIndex::build(5, pairs().into_iter());
        assert_eq!(index.get(0), [1, 4]);
        assert_eq!(index.get(1), [6]);
        assert!(index.get(2).is_empty());
        assert_eq!(index.get(3), [0, 2, 5]);
        assert_eq!(index.get(4), [3, 7]);
        assert!(index.get(5).is_empty(), "no such key");
    }

    /// Keys counted from a list that holds them in another order give the same index;
    /// counts that are not the pairs' (a key too many or too few, a key missing, or
    /// counted for fewer keys) are counted again rather than trusted.
    #[test]
    fn keys_counted_beforehand_give_the_same_index() {
        let whole = MultiIndex::build(5, pairs().into_iter());
        let mut keys: Vec<usize> = pairs().iter().map(|&(k, _)| k).collect();
        keys.sort_unstable();
        let counted = MultiIndex::count(5, keys.iter().copied());
        assert_eq!(
            MultiIndex::build_counted(counted, pairs().into_iter()),
            whole
        );
        let wrong = [
            vec![3, 0, 3, 4, 0, 3, 1, 4, 4],
            vec![3, 0, 3, 4, 0, 3, 1],
            vec![3, 0, 3, 4, 0, 3, 2, 4],
            vec![3, 0, 3, 4, 0, 3, 1, 4, 1, 1],
        ];
        for keys in wrong {
            let counted = MultiIndex::count(5, keys.iter().copied());
            assert!(MultiIndex::fill(counted.clone(), pairs().into_iter()).is_none());
            assert_eq!(
                MultiIndex::build_counted(counted, pairs().into_iter()),
                whole,
                "{keys:?}"
            );
        }
        let fewer_keys = MultiIndex::count(4, [0, 1, 2].into_iter());
        assert!(MultiIndex::fill(fewer_keys, pairs().into_iter()).is_none());
    }
}
