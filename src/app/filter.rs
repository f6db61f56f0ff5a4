//! Filters over events: several kinds at once; values of one kind widen, kinds narrow.

use crate::model::timeline::{EventIx, PartyIx, PersonIx, PlaceIx, Status, Timeline, TopicIx};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilterKind {
    Side,
    Participant,
    Topic,
    Status,
    Place,
}

impl FilterKind {
    pub const ALL: [FilterKind; 5] = [
        FilterKind::Side,
        FilterKind::Participant,
        FilterKind::Topic,
        FilterKind::Status,
        FilterKind::Place,
    ];

    pub fn title(self) -> &'static str {
        match self {
            FilterKind::Side => "side",
            FilterKind::Participant => "participant",
            FilterKind::Topic => "topic",
            FilterKind::Status => "status",
            FilterKind::Place => "place",
        }
    }
}

/// One value a filter can take; the index is into the timeline's tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilterValue {
    Side(PartyIx),
    Participant(PersonIx),
    Topic(TopicIx),
    Status(Status),
    Place(PlaceIx),
}

impl FilterValue {
    pub fn kind(self) -> FilterKind {
        match self {
            FilterValue::Side(_) => FilterKind::Side,
            FilterValue::Participant(_) => FilterKind::Participant,
            FilterValue::Topic(_) => FilterKind::Topic,
            FilterValue::Status(_) => FilterKind::Status,
            FilterValue::Place(_) => FilterKind::Place,
        }
    }

    pub fn name(self, tl: &Timeline) -> String {
        match self {
            FilterValue::Side(p) => tl.party(p).name.to_string(),
            FilterValue::Participant(p) => tl.person(p).name.to_string(),
            FilterValue::Topic(t) => tl.topic(t).name.to_string(),
            FilterValue::Status(s) => s.keyword().to_string(),
            FilterValue::Place(p) => tl.place(p).name.to_string(),
        }
    }
}

/// The positions in [`values`] of those whose name holds `typed`, in any case.
pub fn matching(tl: &Timeline, kind: FilterKind, typed: &str) -> Vec<usize> {
    let typed = typed.to_lowercase();
    values(tl, kind)
        .iter()
        .enumerate()
        .filter(|(_, v)| typed.is_empty() || v.name(tl).to_lowercase().contains(&typed))
        .map(|(i, _)| i)
        .collect()
}

/// Every value of a kind, in the dataset's order.
pub fn values(tl: &Timeline, kind: FilterKind) -> Vec<FilterValue> {
    let n = |len: usize| 0..len as u32;
    match kind {
        FilterKind::Side => n(tl.parties.len())
            .map(|i| FilterValue::Side(PartyIx::new(i)))
            .collect(),
        FilterKind::Participant => n(tl.participants.len())
            .map(|i| FilterValue::Participant(PersonIx::new(i)))
            .collect(),
        FilterKind::Topic => n(tl.topics.len())
            .map(|i| FilterValue::Topic(TopicIx::new(i)))
            .collect(),
        FilterKind::Status => Status::ALL
            .iter()
            .map(|s| FilterValue::Status(*s))
            .collect(),
        FilterKind::Place => n(tl.places.len())
            .map(|i| FilterValue::Place(PlaceIx::new(i)))
            .collect(),
    }
}

/// The filter menu while it is open: a kind's values, narrowed to those whose name
/// holds what is typed after `/`, each with the events it would leave.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FilterMenu {
    /// Index into [`FilterKind::ALL`].
    pub kind: usize,
    /// A position in [`FilterMenu::listed`].
    pub cursor: usize,
    /// What narrows the list (typed after `/`); empty: every value.
    pub narrow: String,
    /// Keys go to `narrow`.
    pub typing: bool,
    /// Positions in [`values`] of the values listed, found once per key.
    pub listed: Vec<usize>,
    /// Per value of the kind, in [`values`]' order: the events that pass the other
    /// kinds' filters (and the context window) and have it ([`facet_counts`]). Found
    /// when the menu opens and when the filters or the kind change, never per frame.
    pub counts: Vec<usize>,
}

impl FilterMenu {
    pub fn kind(&self) -> FilterKind {
        FilterKind::ALL[self.kind % FilterKind::ALL.len()]
    }

    /// Lists the values whose name holds `narrow` again, the cursor on the first.
    pub fn relist(&mut self, tl: &Timeline) {
        self.listed = matching(tl, self.kind(), &self.narrow);
        self.cursor = 0;
    }

    /// The value under the cursor.
    pub fn selected(&self, tl: &Timeline) -> Option<FilterValue> {
        let i = *self.listed.get(self.cursor)?;
        values(tl, self.kind()).get(i).copied()
    }
}

/// For each value of `kind`, in [`values`]' order: how many events have it among those
/// that `pass` (every event when `None`). With `pass` the events passing the other
/// kinds' filters, that is how many events each value would leave if it were the only
/// one of its kind on. Through the indexes: the work is the size of the kind's index,
/// once, whatever the number of values.
pub fn facet_counts(tl: &Timeline, kind: FilterKind, pass: Option<&[bool]>) -> Vec<usize> {
    let ok = |e: EventIx| pass.is_none_or(|p| p.get(e.get()).copied().unwrap_or(false));
    // A person's or a topic's events are in time order: one event listed twice is
    // counted once.
    let count = |events: &mut dyn Iterator<Item = EventIx>| {
        let mut last = None;
        let mut n = 0;
        for e in events {
            if last != Some(e) && ok(e) {
                n += 1;
            }
            last = Some(e);
        }
        n
    };
    match kind {
        FilterKind::Participant => (0..tl.participants.len() as u32)
            .map(|p| count(&mut tl.events_of(PersonIx::new(p))))
            .collect(),
        FilterKind::Topic => (0..tl.topics.len() as u32)
            .map(|t| count(&mut tl.events_on(TopicIx::new(t))))
            .collect(),
        FilterKind::Place => (0..tl.places.len() as u32)
            .map(|p| count(&mut tl.events_at(PlaceIx::new(p))))
            .collect(),
        FilterKind::Status => {
            let mut counts = vec![0; Status::ALL.len()];
            for (i, e) in tl.events.iter().enumerate() {
                if ok(EventIx::new(i as u32))
                    && let Some(k) = Status::ALL.iter().position(|s| *s == e.status)
                {
                    counts[k] += 1;
                }
            }
            counts
        }
        FilterKind::Side => {
            // The side each event was last counted for: an event with two people of a
            // side counts once.
            let mut counted = vec![u32::MAX; tl.events.len()];
            (0..tl.parties.len() as u32)
                .map(|side| {
                    let mut n = 0;
                    for person in tl.people_of(PartyIx::new(side)) {
                        for e in tl.events_of(person) {
                            if counted[e.get()] != side && ok(e) {
                                counted[e.get()] = side;
                                n += 1;
                            }
                        }
                    }
                    n
                })
                .collect()
        }
    }
}

/// The filters: those on, the events they leave, and the menu that sets them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filtering {
    pub active: Filters,
    /// Events passing the filters, chronological; `None` when no filter is on.
    pub shown: Option<Vec<EventIx>>,
    /// The context window (`x`): only events near a moment are listed.
    pub window: Option<super::jump::Window>,
    /// The filter menu, while it is open.
    pub menu: Option<FilterMenu>,
    /// The people, topics and places of the events shown; `None` when every event is.
    pub listed: Option<Listed>,
}

/// The people, topics and places that occur in the events the filters leave, each list
/// in its view's order, with how many of those events each has.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Listed {
    pub people: Vec<PersonIx>,
    pub topics: Vec<TopicIx>,
    pub places: Vec<PlaceIx>,
    /// Events shown per person, topic and place, by index.
    pub per_person: Vec<u32>,
    pub per_topic: Vec<u32>,
    pub per_place: Vec<u32>,
}

impl Listed {
    /// One pass over the events `shown`; people keep the order of `people_order`.
    pub fn of(tl: &Timeline, people_order: &[PersonIx], shown: &[EventIx]) -> Listed {
        let mut per_person = vec![0u32; tl.participants.len()];
        let mut per_topic = vec![0u32; tl.topics.len()];
        let mut per_place = vec![0u32; tl.places.len()];
        for &e in shown {
            let ev = tl.event(e);
            for a in tl.attendees(ev) {
                per_person[a.person.get()] += 1;
            }
            for t in tl.event_topics(ev) {
                per_topic[t.get()] += 1;
            }
            if let Some(p) = ev.place {
                per_place[p.get()] += 1;
            }
        }
        let present = |counts: &[u32]| {
            counts
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .map(|(i, _)| i as u32)
                .collect::<Vec<u32>>()
        };
        Listed {
            people: people_order
                .iter()
                .copied()
                .filter(|p| per_person[p.get()] > 0)
                .collect(),
            topics: present(&per_topic).into_iter().map(TopicIx::new).collect(),
            places: present(&per_place).into_iter().map(PlaceIx::new).collect(),
            per_person,
            per_topic,
            per_place,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filters {
    pub on: Vec<FilterValue>,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        self.on.is_empty()
    }

    pub fn contains(&self, v: FilterValue) -> bool {
        self.on.contains(&v)
    }

    pub fn toggle(&mut self, v: FilterValue) {
        match self.on.iter().position(|x| *x == v) {
            Some(i) => {
                self.on.remove(i);
            }
            None => self.on.push(v),
        }
    }

    /// The events that pass, in order: those that have, for every kind in use, one of
    /// that kind's values. Found through the timeline's indexes (who
    /// attended what, what is on a topic, what happened where), so that only the
    /// events a filter names are visited: a side over a million events takes a few
    /// milliseconds, not a pass over every event.
    pub fn events(&self, tl: &Timeline) -> Vec<EventIx> {
        match self.passing(tl, None) {
            None => (0..tl.events.len() as u32).map(EventIx::new).collect(),
            Some(p) => p
                .iter()
                .enumerate()
                .filter(|(_, ok)| **ok)
                .map(|(i, _)| EventIx::new(i as u32))
                .collect(),
        }
    }

    /// Per event, whether it passes the filters of every kind but `except`; `None` when
    /// no such filter is on (every event passes).
    pub fn passing(&self, tl: &Timeline, except: Option<FilterKind>) -> Option<Vec<bool>> {
        let n = tl.events.len();
        let mut passed: Option<Vec<bool>> = None;
        for kind in FilterKind::ALL {
            if Some(kind) == except {
                continue;
            }
            let wanted: Vec<FilterValue> = self
                .on
                .iter()
                .copied()
                .filter(|v| v.kind() == kind)
                .collect();
            if wanted.is_empty() {
                continue;
            }
            let mut has = vec![false; n];
            for v in wanted {
                let mut mark = |events: &mut dyn Iterator<Item = EventIx>| {
                    for e in events {
                        has[e.get()] = true;
                    }
                };
                match v {
                    FilterValue::Side(p) => {
                        for person in tl.people_of(p) {
                            mark(&mut tl.events_of(person));
                        }
                    }
                    FilterValue::Participant(p) => mark(&mut tl.events_of(p)),
                    FilterValue::Topic(t) => mark(&mut tl.events_on(t)),
                    FilterValue::Place(p) => mark(&mut tl.events_at(p)),
                    FilterValue::Status(s) => {
                        for (flag, e) in has.iter_mut().zip(&tl.events) {
                            *flag |= e.status == s;
                        }
                    }
                }
            }
            match passed.as_mut() {
                None => passed = Some(has),
                Some(p) => p.iter_mut().zip(has).for_each(|(a, b)| *a &= b),
            }
        }
        passed
    }

    /// "side: Ukraine · status: held, expected".
    pub fn describe(&self, tl: &Timeline) -> String {
        FilterKind::ALL
            .into_iter()
            .filter_map(|kind| {
                let names: Vec<String> = self
                    .on
                    .iter()
                    .filter(|v| v.kind() == kind)
                    .map(|v| v.name(tl))
                    .collect();
                (!names.is_empty()).then(|| format!("{}: {}", kind.title(), names.join(", ")))
            })
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::native::load_str;
    use crate::model::timeline::Event;

    /// The rule, event by event: for every kind in use, one of that kind's values.
    fn accepts(filters: &Filters, tl: &Timeline, ev: &Event) -> bool {
        FilterKind::ALL.into_iter().all(|kind| {
            let mut wanted = filters.on.iter().filter(|v| v.kind() == kind).peekable();
            wanted.peek().is_none() || wanted.any(|v| has(tl, ev, *v))
        })
    }

    fn has(tl: &Timeline, ev: &Event, v: FilterValue) -> bool {
        match v {
            FilterValue::Side(p) => tl
                .attendees(ev)
                .iter()
                .any(|a| tl.person(a.person).party == Some(p)),
            FilterValue::Participant(p) => tl.attendees(ev).iter().any(|a| a.person == p),
            FilterValue::Topic(t) => tl.event_topics(ev).contains(&t),
            FilterValue::Status(s) => ev.status == s,
            FilterValue::Place(p) => ev.place == Some(p),
        }
    }

    /// Through the indexes or event by event, the same events pass.
    #[test]
    fn the_indexes_give_what_the_rule_gives() {
        let tl = load_str("s.json", &crate::synthetic::dataset(1_500, 5)).expect("valid");
        let all: Vec<FilterValue> = FilterKind::ALL
            .into_iter()
            .flat_map(|k| values(&tl, k))
            .collect();
        // A fixed walk through combinations: one value, two of a kind, several kinds.
        let mut seed = 17u64;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        let mut nonempty = 0;
        for round in 0..200 {
            let mut filters = Filters::default();
            for _ in 0..1 + round % 4 {
                filters.toggle(all[next(all.len())]);
            }
            let by_rule: Vec<EventIx> = (0..tl.events.len() as u32)
                .map(EventIx::new)
                .filter(|e| accepts(&filters, &tl, tl.event(*e)))
                .collect();
            assert_eq!(filters.events(&tl), by_rule, "{}", filters.describe(&tl));
            nonempty += usize::from(!by_rule.is_empty());
        }
        assert!(
            nonempty > 50,
            "only {nonempty} combinations let anything through"
        );
        assert_eq!(Filters::default().events(&tl).len(), tl.events.len());
    }

    /// Each value's count is what the rule counts: the events passing the other kinds'
    /// filters with that value on in place of its kind's.
    #[test]
    fn facet_counts_are_what_the_rule_counts() {
        let tl = load_str("s.json", &crate::synthetic::dataset(1_200, 7)).expect("valid");
        let all: Vec<FilterValue> = FilterKind::ALL
            .into_iter()
            .flat_map(|k| values(&tl, k))
            .collect();
        let mut seed = 5u64;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        let mut some_zero_some_not = (false, false);
        for round in 0..24 {
            let mut filters = Filters::default();
            for _ in 0..round % 4 {
                filters.toggle(all[next(all.len())]);
            }
            for kind in FilterKind::ALL {
                let pass = filters.passing(&tl, Some(kind));
                let counts = facet_counts(&tl, kind, pass.as_deref());
                let kind_values = values(&tl, kind);
                assert_eq!(counts.len(), kind_values.len());
                // By the rule: the other kinds' filters accept it, and it has the value.
                let others = Filters {
                    on: filters
                        .on
                        .iter()
                        .copied()
                        .filter(|x| x.kind() != kind)
                        .collect(),
                };
                let events: Vec<_> = tl
                    .events
                    .iter()
                    .filter(|e| accepts(&others, &tl, e))
                    .collect();
                for (v, count) in kind_values.iter().zip(&counts) {
                    let by_rule = events.iter().filter(|e| has(&tl, e, *v)).count();
                    assert_eq!(
                        *count,
                        by_rule,
                        "{} under {}",
                        v.name(&tl),
                        filters.describe(&tl)
                    );
                    if by_rule == 0 {
                        some_zero_some_not.0 = true;
                    } else {
                        some_zero_some_not.1 = true;
                    }
                }
            }
        }
        assert_eq!(some_zero_some_not, (true, true));
    }
}
