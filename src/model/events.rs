//! A timeline's events, read in chronological order but kept where the file had them.
//!
//! Putting the events themselves in order would move every one of them: a million
//! events of 184 bytes are 184 MB to copy, about 75 ms of a load of 1.2 s, for nothing
//! a reader needs. Instead the order is a list of positions, and each event is found
//! through it.

use std::fmt;
use std::ops::Index;

use super::timeline::Event;

/// Events in chronological order: `events[k]` is the `k`th. They are stored in the
/// order they were read, with the position of each in time order.
#[derive(Clone, Default)]
pub struct Events {
    stored: Vec<Event>,
    /// `order[k]` is where the `k`th event in time order is stored.
    order: Vec<u32>,
}

impl Events {
    /// `stored`, read in the order of `order`, which lists each of its positions once.
    ///
    /// # Panics
    ///
    /// If `order` is not as long as `stored`, or (in a debug build) lists a position
    /// twice or one beyond the events. A position beyond them would otherwise panic at
    /// the first look at that event.
    pub(crate) fn new(stored: Vec<Event>, order: Vec<u32>) -> Events {
        assert_eq!(order.len(), stored.len(), "a place in time for every event");
        debug_assert!(
            {
                let mut seen = vec![false; stored.len()];
                order.iter().all(|&i| {
                    seen.get_mut(i as usize)
                        .is_some_and(|s| !std::mem::replace(s, true))
                })
            },
            "each position once"
        );
        Events { stored, order }
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The `k`th event in time order.
    pub fn get(&self, k: usize) -> Option<&Event> {
        self.order.get(k).map(|&i| &self.stored[i as usize])
    }

    pub fn first(&self) -> Option<&Event> {
        self.get(0)
    }

    /// The events in time order.
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            stored: &self.stored,
            order: self.order.iter(),
        }
    }
}

impl Index<usize> for Events {
    type Output = Event;

    fn index(&self, k: usize) -> &Event {
        &self.stored[self.order[k] as usize]
    }
}

impl<'a> IntoIterator for &'a Events {
    type Item = &'a Event;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// The events, as [`Events::iter`] gives them.
#[derive(Clone)]
pub struct Iter<'a> {
    stored: &'a [Event],
    order: std::slice::Iter<'a, u32>,
}

impl<'a> Iterator for Iter<'a> {
    type Item = &'a Event;

    fn next(&mut self) -> Option<&'a Event> {
        self.order.next().map(|&i| &self.stored[i as usize])
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.order.size_hint()
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.order.next_back().map(|&i| &self.stored[i as usize])
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl fmt::Debug for Events {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::Events;
    use crate::data::{BUNDLED, native::load_str};
    use crate::model::timeline::Event;

    /// The bundled events, as stored, and an order of them that is not the stored one.
    fn scattered() -> (Vec<Event>, Vec<u32>) {
        let tl = load_str("b.json", BUNDLED).expect("valid");
        let stored: Vec<Event> = tl.events.iter().cloned().collect();
        let n = stored.len() as u32;
        // Backwards, from the third from the end.
        let order = (0..n).map(|k| (n + 1 - k) % n).collect();
        (stored, order)
    }

    fn order_of(events: &Events) -> impl Iterator<Item = &Event> {
        (0..events.len()).map(|k| &events[k])
    }

    #[test]
    fn events_are_read_in_the_order_given() {
        let (stored, order) = scattered();
        let ids: Vec<&str> = order.iter().map(|&i| stored[i as usize].id()).collect();
        let events = Events::new(stored.clone(), order);
        assert_eq!(events.len(), ids.len());
        assert!(!events.is_empty());
        assert!(events.iter().map(Event::id).eq(ids.iter().copied()));
        assert!(
            events
                .iter()
                .rev()
                .map(Event::id)
                .eq(ids.iter().rev().copied())
        );
        assert!((&events).into_iter().map(Event::id).eq(ids.iter().copied()));
        assert_eq!(events.iter().len(), ids.len());
        for (k, id) in ids.iter().enumerate() {
            assert_eq!(events[k].id(), *id);
            assert_eq!(events.get(k).map(Event::id), Some(*id));
        }
        assert_eq!(events.first().map(Event::id), ids.first().copied());
        assert!(events.get(ids.len()).is_none());
        let in_order: Vec<&Event> = order_of(&events).collect();
        assert_eq!(format!("{events:?}"), format!("{in_order:?}"));
        assert!(Events::default().is_empty());
    }

    #[test]
    #[should_panic(expected = "a place in time for every event")]
    fn an_order_too_short_is_refused() {
        let (stored, mut order) = scattered();
        order.pop();
        Events::new(stored, order);
    }
}
