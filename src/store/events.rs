//! A timeline's events, read in chronological order but kept where the file had them.
//!
//! Putting the events themselves in order would move every one of them: a million
//! events of 192 bytes are 192 MB to copy, about 75 ms of a load of 1.2 s, for nothing
//! a reader needs. Instead the order is a list of positions, and each event is found
//! through it. Nor are the events read by a second thread copied after the first
//! thread's: they stay in the runs it handed them over in ([`Stored`]).

use std::fmt;
use std::ops::{Index, IndexMut};

use super::record::Event;

/// Events in chronological order: `events[k]` is the `k`th. They are stored in the
/// order they were read, with the position of each in time order.
#[derive(Clone, Default)]
pub struct Events {
    stored: Stored,
    /// `order[k]` is where the `k`th event in time order is stored.
    order: Vec<u32>,
}

/// Events in the order they were read, by position: a list, then the runs a second
/// reading thread handed over, kept as they came rather than copied onto the list.
#[derive(Clone, Default)]
pub struct Stored {
    head: Vec<Event>,
    /// Runs of `1 << shift` events each, but for the last, which may be shorter: the
    /// run and the place in it of a position are told by a shift and a mask.
    runs: Vec<Vec<Event>>,
    shift: u32,
}

impl Stored {
    pub fn len(&self) -> usize {
        let whole = self.runs.len().saturating_sub(1) << self.shift;
        self.head.len() + whole + self.runs.last().map_or(0, Vec::len)
    }

    pub fn is_empty(&self) -> bool {
        self.head.is_empty() && self.runs.is_empty()
    }

    /// Makes room in the list for `more` events.
    pub fn reserve(&mut self, more: usize) {
        self.head.reserve(more);
    }

    pub fn push(&mut self, event: Event) {
        match self.runs.last_mut() {
            None => self.head.push(event),
            Some(last) if last.len() < 1 << self.shift => last.push(event),
            Some(_) => {
                let mut run = Vec::with_capacity(1 << self.shift);
                run.push(event);
                self.runs.push(run);
            }
        }
    }

    /// Adds `run`'s events after these, keeping the run as it is when it is as long as
    /// the runs before it (the first sets their length, a power of two).
    pub fn push_run(&mut self, run: Vec<Event>) {
        let whole = |len: usize| len.is_power_of_two() && len > 1;
        let keep = match self.runs.last() {
            None => whole(run.len()),
            Some(last) => last.len() == 1 << self.shift && run.len() <= last.len(),
        };
        if !keep || run.is_empty() {
            run.into_iter().for_each(|e| self.push(e));
            return;
        }
        if self.runs.is_empty() {
            self.shift = run.len().trailing_zeros();
        }
        self.runs.push(run);
    }

    pub fn get(&self, i: usize) -> Option<&Event> {
        match i.checked_sub(self.head.len()) {
            None => self.head.get(i),
            Some(j) => self
                .runs
                .get(j >> self.shift)
                .and_then(|run| run.get(j & ((1 << self.shift) - 1))),
        }
    }

    pub fn get_mut(&mut self, i: usize) -> Option<&mut Event> {
        match i.checked_sub(self.head.len()) {
            None => self.head.get_mut(i),
            Some(j) => self
                .runs
                .get_mut(j >> self.shift)
                .and_then(|run| run.get_mut(j & ((1 << self.shift) - 1))),
        }
    }

    /// Adds `later`'s events after these: its list as a run, then its runs.
    pub fn append(&mut self, later: Stored) {
        self.push_run(later.head);
        later.runs.into_iter().for_each(|run| self.push_run(run));
    }

    /// The events in the order they were read.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Event> + Clone {
        self.head.iter().chain(self.runs.iter().flatten())
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut Event> {
        self.head.iter_mut().chain(self.runs.iter_mut().flatten())
    }
}

impl From<Vec<Event>> for Stored {
    fn from(head: Vec<Event>) -> Stored {
        Stored {
            head,
            ..Stored::default()
        }
    }
}

impl Index<usize> for Stored {
    type Output = Event;

    fn index(&self, i: usize) -> &Event {
        match self.get(i) {
            Some(e) => e,
            None => panic!("event {i} of {}", self.len()),
        }
    }
}

impl IndexMut<usize> for Stored {
    fn index_mut(&mut self, i: usize) -> &mut Event {
        let len = self.len();
        match self.get_mut(i) {
            Some(e) => e,
            None => panic!("event {i} of {len}"),
        }
    }
}

impl Events {
    /// `stored`, read in the order of `order`, which lists each of its positions once.
    ///
    /// # Panics
    ///
    /// If `order` is not as long as `stored`, or (in a debug build) lists a position
    /// twice or one beyond the events. A position beyond them would otherwise panic at
    /// the first look at that event.
    pub(crate) fn new(stored: Stored, order: Vec<u32>) -> Events {
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
        self.order.get(k).and_then(|&i| self.stored.get(i as usize))
    }

    pub fn first(&self) -> Option<&Event> {
        self.get(0)
    }

    /// The events in the order they are stored, for what does not depend on the order
    /// (the greatest or the least of something): a pass in this order reads memory
    /// straight through, where one in time order looks each event up.
    pub fn unordered(&self) -> impl Iterator<Item = &Event> {
        self.stored.iter()
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
    stored: &'a Stored,
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
    use super::{Events, Stored};
    use crate::data::{BUNDLED, native::load_str};
    use crate::store::Event;

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
        let events = Events::new(stored.clone().into(), order);
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
        let mut unordered: Vec<&str> = events.unordered().map(Event::id).collect();
        let mut all = ids.clone();
        unordered.sort_unstable();
        all.sort_unstable();
        assert_eq!(unordered, all, "each event once");
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

    /// However the events come (a list, then runs as long as the first, or of other
    /// lengths, or empty, then single events), each is found at its position as read.
    #[test]
    fn stored_events_are_found_where_they_were_read() {
        let tl = load_str("s.json", &crate::synthetic::dataset(120, 3)).expect("valid");
        let all: Vec<Event> = tl.events.iter().cloned().collect();
        let ids: Vec<&str> = all.iter().map(Event::id).collect();
        let ways: [&[usize]; 7] = [
            &[],
            &[16, 16, 16, 5],
            &[3, 16],
            &[16, 5, 16, 16],
            &[16, 0, 16],
            &[8, 8, 16, 1],
            &[1, 2],
        ];
        for head in [0, 1, 17] {
            for runs in ways {
                let mut stored = Stored::from(all[..head].to_vec());
                let mut at = head;
                for &len in runs {
                    stored.push_run(all[at..at + len].to_vec());
                    at += len;
                }
                for e in &all[at..at + 4] {
                    stored.push(e.clone());
                }
                let n = at + 4;
                let case = format!("{head} then {runs:?}");
                assert_eq!(stored.len(), n, "{case}");
                assert!(
                    stored.iter().map(Event::id).eq(ids[..n].iter().copied()),
                    "{case}"
                );
                for (i, id) in ids[..n].iter().enumerate() {
                    assert_eq!(stored[i].id(), *id, "{case}: {i}");
                }
                assert!(stored.get(n).is_none(), "{case}");
                let mut more = Stored::from(all[n..n + 20].to_vec());
                more.push_run(all[n + 20..n + 36].to_vec());
                stored.append(more);
                assert!(
                    stored
                        .iter()
                        .map(Event::id)
                        .eq(ids[..n + 36].iter().copied()),
                    "{case}"
                );
                for (i, id) in ids[..n + 36].iter().enumerate() {
                    assert_eq!(stored.get_mut(i).map(|e| e.id()), Some(*id), "{case}: {i}");
                }
            }
        }
        assert!(Stored::default().is_empty());
        assert!(!Stored::from(all[..1].to_vec()).is_empty());
    }

    #[test]
    #[should_panic(expected = "a place in time for every event")]
    fn an_order_too_short_is_refused() {
        let (stored, mut order) = scattered();
        order.pop();
        Events::new(stored.into(), order);
    }
}
