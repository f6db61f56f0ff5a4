//! The orders of a timeline's events: by id, and by time (begun early while a second
//! thread reads on).

use std::cmp::{Ordering, Reverse};

use super::events::Stored;
use crate::model::time::Instant;
#[cfg(doc)]
use crate::model::timeline::chronological;

/// Event positions in id order, each with the first eight bytes of its id as a number:
/// comparing those settles most comparisons without following a pointer to the id.
pub struct IdOrder(Vec<(u64, u32)>);

impl IdOrder {
    /// The order of `events` by id; `prefixes` holds each one's [`id_prefix`], taken
    /// as it was read (the events' texts are no longer in the cache by now).
    pub fn new(events: &Stored, prefixes: &[u64]) -> IdOrder {
        debug_assert_eq!(events.len(), prefixes.len());
        let mut keys: Vec<(u64, u32)> = prefixes
            .iter()
            .enumerate()
            .map(|(i, &prefix)| (prefix, i as u32))
            .collect();
        // Ids alike in their first eight bytes are rare: compared whole out of the loop.
        #[cold]
        #[inline(never)]
        fn whole(events: &Stored, a: u32, b: u32) -> Ordering {
            events[a as usize].id().cmp(events[b as usize].id())
        }
        keys.sort_unstable_by(|a, b| match a.0.cmp(&b.0) {
            Ordering::Equal => whole(events, a.1, b.1),
            unlike => unlike,
        });
        IdOrder(keys)
    }

    /// The position of the event with each of these ids. The ids are taken in the order
    /// of their first eight bytes and looked for in one pass along the id order, rather
    /// than each by a search of its own: a search of a million ids misses the cache at
    /// most of its twenty steps.
    pub fn find_each(&self, events: &Stored, ids: &[&str]) -> Vec<Option<u32>> {
        let mut wanted: Vec<(u64, u32)> = ids
            .iter()
            .enumerate()
            .map(|(k, id)| (id_prefix(id), k as u32))
            .collect();
        wanted.sort_unstable();
        let mut found = vec![None; ids.len()];
        let mut at = 0;
        for (prefix, k) in wanted {
            while self.0.get(at).is_some_and(|&(p, _)| p < prefix) {
                at += 1;
            }
            // The ids sharing these eight bytes, in id order.
            let rest = &self.0[at..];
            let alike = &rest[..leading(rest, |&(p, _)| p == prefix)];
            let id = ids[k as usize];
            // Compared whole: an id as kept may hold NUL, so a short id's prefix
            // does not tell it from a longer one ending in NULs.
            found[k as usize] = alike
                .binary_search_by(|&(_, i)| (*events[i as usize].id()).cmp(id))
                .ok()
                .map(|j| alike[j].1);
        }
        found
    }

    /// Whether two events share an id.
    pub fn has_duplicates(&self, events: &Stored) -> bool {
        self.0.windows(2).any(|w| {
            w[0].0 == w[1].0 && events[w[0].1 as usize].id() == events[w[1].1 as usize].id()
        })
    }

    /// The positions, in id order.
    pub fn positions(self) -> Vec<u32> {
        self.0.into_iter().map(|(_, i)| i).collect()
    }
}

/// How many of the first items are `like` (which holds of a prefix of `items`): found
/// by steps that double, then a binary search, so a short run costs a few looks rather
/// than a search of everything after it.
fn leading<T>(items: &[T], like: impl Fn(&T) -> bool) -> usize {
    let mut end = 1;
    while end < items.len() && like(&items[end - 1]) {
        end *= 2;
    }
    let from = end / 2;
    let end = end.min(items.len());
    from + items[from..end].partition_point(like)
}

/// The first eight bytes of an id, as a number that orders as the bytes do: ids are
/// sorted by these and compared whole only where they are alike.
pub fn id_prefix(id: &str) -> u64 {
    let mut bytes = [0u8; 8];
    let n = id.len().min(8);
    bytes[..n].copy_from_slice(&id.as_bytes()[..n]);
    u64::from_be_bytes(bytes)
}

/// What orders an event by [`chronological`], with its position: nominal start,
/// latest start (latest first), earliest start, [`id_prefix`], position.
type TimeKey = (Instant, Reverse<Instant>, Instant, u64, u32);

/// The [`TimeKey`]s of the events from `from` on, sorted chronologically; the first
/// eight bytes of each id break most ties without following a pointer.
fn sorted_time_keys(events: &Stored, prefixes: &[u64], from: usize) -> Vec<TimeKey> {
    debug_assert_eq!(events.len(), prefixes.len());
    // Made to measure: the events, in runs, do not tell their number as they are read.
    let mut keys: Vec<TimeKey> = Vec::with_capacity(events.len().saturating_sub(from));
    keys.extend(
        events
            .iter()
            .zip(prefixes)
            .enumerate()
            .skip(from)
            .map(|(i, (e, &prefix))| {
                let b = &e.time.bounds;
                (
                    e.time.nominal_start(),
                    Reverse(b.start_latest),
                    b.start_earliest,
                    prefix,
                    i as u32,
                )
            }),
    );
    keys.sort_unstable_by(|a, b| by_time(events, a, b));
    keys
}

/// [`chronological`] for two keys of `events`.
#[inline(always)]
fn by_time(events: &Stored, a: &TimeKey, b: &TimeKey) -> Ordering {
    match (a.0, a.1, a.2, a.3).cmp(&(b.0, b.1, b.2, b.3)) {
        Ordering::Equal => tie_by_id(events, a, b),
        unlike => unlike,
    }
}

/// [`by_time`] for keys alike but for the ids past their first eight bytes: rare, and
/// kept out of the sort's loop.
#[cold]
#[inline(never)]
fn tie_by_id(events: &Stored, a: &TimeKey, b: &TimeKey) -> Ordering {
    events[a.4 as usize]
        .id()
        .cmp(events[b.4 as usize].id())
        .then(a.4.cmp(&b.4))
}

/// The first events of a list still being read, already in chronological order: work
/// done ahead, while a reading thread would otherwise wait for the other. Events are
/// only ever added after these, so they keep their positions.
#[derive(Default)]
pub struct EarlyOrder(Vec<TimeKey>);

impl EarlyOrder {
    /// All of `events` so far, in order.
    pub fn of(events: &Stored, prefixes: &[u64]) -> EarlyOrder {
        EarlyOrder(sorted_time_keys(events, prefixes, 0))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Event positions in chronological order (see [`chronological`]). The events `early`
/// has put in order are merged with the rest, once those are sorted.
pub fn chronological_order(events: &Stored, prefixes: &[u64], early: EarlyOrder) -> Vec<u32> {
    let EarlyOrder(early) = early;
    let later = sorted_time_keys(events, prefixes, early.len());
    if early.is_empty() {
        return later.into_iter().map(|k| k.4).collect();
    }
    let mut order = Vec::with_capacity(events.len());
    let (mut a, mut b) = (early.iter().peekable(), later.iter().peekable());
    while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
        if by_time(events, x, y).is_le() {
            order.push(x.4);
            a.next();
        } else {
            order.push(y.4);
            b.next();
        }
    }
    order.extend(a.chain(b).map(|k| k.4));
    order
}

#[cfg(test)]
mod ids {
    use super::{EarlyOrder, IdOrder, Stored, chronological_order, id_prefix, leading};
    use crate::data::{BUNDLED, native::load_str};
    use crate::model::timeline::chronological;
    use crate::store::Event;

    /// Each event's id prefix, as the reader takes them.
    fn prefixes(events: &[Event]) -> Vec<u64> {
        events.iter().map(|e| id_prefix(e.id())).collect()
    }

    /// The positions `0..n` sorted by `key` (ties by position): a permutation by its
    /// making, whatever the key.
    fn permutation<K: Ord>(n: usize, key: impl Fn(u32) -> K) -> Vec<u32> {
        let mut order: Vec<u32> = (0..n as u32).collect();
        order.sort_by_key(|&i| (key(i), i));
        order
    }

    /// Events put in order early, wherever the early ones end, are merged with the rest
    /// into the order a single sort gives; the rest may be stored in runs.
    #[test]
    fn an_order_begun_early_is_the_order() {
        let tl = load_str("s.json", &crate::synthetic::dataset(500, 7)).expect("valid");
        let n = tl.events.len();
        // Out of order, as a file may list them: scattered by a permutation.
        let scattered = permutation(n, |i| i * 7919 % 1009);
        let events: Vec<Event> = scattered
            .iter()
            .map(|&i| tl.events[i as usize].clone())
            .collect();
        let prefixes = prefixes(&events);
        let stored = Stored::from(events.clone());
        let whole = chronological_order(&stored, &prefixes, EarlyOrder::default());
        let ordered: Vec<&str> = whole.iter().map(|&i| events[i as usize].id()).collect();
        let expected: Vec<&str> = tl.events.iter().map(|e| e.id()).collect();
        assert_eq!(ordered, expected);
        for k in [0, 1, 2, 3, n / 3, n / 2, n - 2, n - 1, n] {
            let mut split = Stored::from(events[..k].to_vec());
            let early = EarlyOrder::of(&split, &prefixes[..k]);
            assert_eq!(early.is_empty(), k == 0);
            for run in events[k..].chunks(16) {
                split.push_run(run.to_vec());
            }
            assert_eq!(
                chronological_order(&split, &prefixes, early),
                whole,
                "{k} early"
            );
        }
    }

    /// Events are listed at the time reported, not at the earliest their tolerance
    /// allows; at one reported instant, the one that may begin later comes first (a
    /// month before its first day).
    #[test]
    fn the_reported_time_orders_events() {
        let mut doc: serde_json::Value = serde_json::from_str(BUNDLED).expect("JSON");
        let events = doc["events"].as_array_mut().expect("events");
        events.truncate(1);
        events.resize(6, events[0].clone());
        let starts = [
            "~2025-12-02T14:05",
            "2025-12-02T13:55",
            "2025-12-02T14:05",
            "~2025-12-02",
            "2025-12",
            "2025-12-01",
        ];
        for (i, (e, start)) in events.iter_mut().zip(starts).enumerate() {
            e["id"] = format!("e{i}").into();
            e.as_object_mut().expect("event").remove("relations");
            e["time"] = serde_json::json!({ "start": start, "zone": "UTC" });
        }
        let tl = load_str("order.json", &doc.to_string()).expect("valid");
        let ids: Vec<&str> = tl.events.iter().map(|e| e.id()).collect();
        // `~2025-12-02` is reported at its midnight, though it may begin a day earlier.
        assert_eq!(ids, ["e4", "e5", "e3", "e1", "e0", "e2"]);
        let list: Vec<Event> = tl.events.iter().cloned().collect();
        let stored = Stored::from(list.clone());
        let order = chronological_order(&stored, &prefixes(&list), EarlyOrder::default());
        assert_eq!(order, [0, 1, 2, 3, 4, 5]);
        assert!(list.windows(2).all(|w| chronological(&w[0], &w[1]).is_lt()));
    }

    /// However long the run and the list, the run's length is found.
    #[test]
    fn leading_counts_the_run_at_the_start() {
        for len in 0..70 {
            for run in 0..=len {
                let items: Vec<bool> = (0..len).map(|i| i < run).collect();
                assert_eq!(leading(&items, |&b| b), run, "{run} of {len}");
            }
        }
    }

    /// Ids that share their first eight bytes, or are shorter than eight, are still
    /// told apart and found.
    #[test]
    fn ids_alike_in_their_first_eight_bytes_are_told_apart() {
        let mut doc: serde_json::Value = serde_json::from_str(BUNDLED).expect("JSON");
        let events = doc["events"].as_array_mut().expect("events");
        let names = [
            "round-of-talks-2",
            "round-of-talks-10",
            "round-of",
            "r",
            "round-of-talks-1",
        ];
        for (e, name) in events.iter_mut().zip(names.iter().cycle().enumerate()) {
            e["id"] = format!("{}{}", name.1, "-x".repeat(name.0 / names.len())).into();
            e.as_object_mut().expect("event").remove("relations");
            // All at one time: ids alone order them.
            e["time"] = serde_json::json!({ "start": "2025-12-02", "zone": "UTC" });
        }
        let tl = load_str("ids.json", &doc.to_string()).expect("valid");
        let list: Vec<Event> = tl.events.iter().cloned().collect();
        let events = Stored::from(list.clone());
        let order = IdOrder::new(&events, &prefixes(&list));
        assert!(!order.has_duplicates(&events));
        let missing = [
            "round-of-talks-3",
            "round-of-",
            "",
            "round-of-talks-1-x-x-x-x-x-x-x",
            "~",
            // Alike in their first eight bytes to "r" or "round-of", which are there.
            "r\u{0}",
            "r\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}",
            "round-o",
            "round-of\u{0}",
        ];
        // Each id asked for once, twice, and mixed with ids that are not there.
        let known: Vec<&str> = tl.events.iter().map(|e| e.id()).collect();
        let asked: Vec<&str> = known
            .iter()
            .rev()
            .chain(&missing)
            .chain(&known)
            .copied()
            .collect();
        let found = order.find_each(&events, &asked);
        for (id, at) in asked.iter().zip(&found) {
            let expected = known.iter().position(|k| k == id).map(|i| i as u32);
            assert_eq!(*at, expected, "{id}");
        }
        assert_eq!(order.find_each(&events, &[]), []);
        let positions = order.positions();
        let ids: Vec<&str> = positions.iter().map(|&i| events[i as usize].id()).collect();
        assert!(ids.is_sorted(), "{ids:?}");

        // All at one time: the timeline is in id order too.
        assert!(known.is_sorted(), "{known:?}");
        assert!(list.windows(2).all(|w| chronological(&w[0], &w[1]).is_lt()));

        let mut twins = list.clone();
        twins.push(list[3].clone());
        let prefixes = prefixes(&twins);
        let twins = Stored::from(twins);
        assert!(IdOrder::new(&twins, &prefixes).has_duplicates(&twins));
    }
}
