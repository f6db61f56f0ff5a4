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
        .filter(|(_, v)| v.name(tl).to_lowercase().contains(&typed))
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

/// The filter menu while it is open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FilterMenu {
    /// Index into [`FilterKind::ALL`].
    pub kind: usize,
    pub cursor: usize,
}

impl FilterMenu {
    pub fn kind(&self) -> FilterKind {
        FilterKind::ALL[self.kind % FilterKind::ALL.len()]
    }
}

/// What is typed to find a value in the filter menu, and the positions of the values
/// whose name holds it (see [`matching`]), found once per key.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FilterFind {
    pub typed: String,
    pub found: Vec<usize>,
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
    /// Finding a value in the filter menu, while it is typed.
    pub find: Option<FilterFind>,
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
        let n = tl.events.len();
        let mut passed: Option<Vec<bool>> = None;
        for kind in FilterKind::ALL {
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
        match passed {
            None => (0..n as u32).map(EventIx::new).collect(),
            Some(p) => p
                .iter()
                .enumerate()
                .filter(|(_, ok)| **ok)
                .map(|(i, _)| EventIx::new(i as u32))
                .collect(),
        }
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
}
