//! Filters over events: several kinds at once; values of one kind widen, kinds narrow.

use crate::model::timeline::{Event, PartyIx, PersonIx, PlaceIx, Status, Timeline, TopicIx};

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

/// Every value of a kind, in the dataset's order.
pub fn values(tl: &Timeline, kind: FilterKind) -> Vec<FilterValue> {
    let n = |len: usize| 0..len as u32;
    match kind {
        FilterKind::Side => n(tl.parties.len())
            .map(|i| FilterValue::Side(PartyIx(i)))
            .collect(),
        FilterKind::Participant => n(tl.participants.len())
            .map(|i| FilterValue::Participant(PersonIx(i)))
            .collect(),
        FilterKind::Topic => n(tl.topics.len())
            .map(|i| FilterValue::Topic(TopicIx(i)))
            .collect(),
        FilterKind::Status => Status::ALL
            .iter()
            .map(|s| FilterValue::Status(*s))
            .collect(),
        FilterKind::Place => n(tl.places.len())
            .map(|i| FilterValue::Place(PlaceIx(i)))
            .collect(),
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

    /// An event passes when, for every kind in use, it has one of that kind's values.
    pub fn accepts(&self, tl: &Timeline, ev: &Event) -> bool {
        FilterKind::ALL.into_iter().all(|kind| {
            let mut wanted = self.on.iter().filter(|v| v.kind() == kind).peekable();
            wanted.peek().is_none() || wanted.any(|v| has(tl, ev, *v))
        })
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

fn has(tl: &Timeline, ev: &Event, v: FilterValue) -> bool {
    match v {
        FilterValue::Side(p) => ev
            .attendees
            .iter()
            .any(|a| tl.person(a.person).party == Some(p)),
        FilterValue::Participant(p) => ev.attendees.iter().any(|a| a.person == p),
        FilterValue::Topic(t) => ev.topics.contains(&t),
        FilterValue::Status(s) => ev.status == s,
        FilterValue::Place(p) => ev.place == Some(p),
    }
}
