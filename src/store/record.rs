//! The compact event record: offsets into shared text and flat lists, read through
//! its methods.

use super::lists::ListRange;
use super::offset;
use super::text::{Text, TextRange};
#[cfg(doc)]
use super::{lists::EventLists, text::EventText, text::TextChunks};
use crate::model::entities::{EventKind, PartyIx, PersonIx, PlaceIx, SourceIx, Status};
use crate::model::time::EventTime;
#[cfg(doc)]
use crate::model::timeline::Timeline;

/// An attributed statement: who characterised what, according to which source. Its
/// words are kept with the event's text ([`Event::said`], [`Event::speaker`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Claim {
    /// The speaker when the dataset knows them.
    pub person: Option<PersonIx>,
    /// How the source describes the speaker ("a U.S. official"); empty when `person` says it.
    pub speaker: TextRange,
    pub party: Option<PartyIx>,
    pub text: TextRange,
    pub source: SourceIx,
}

/// A meeting, call, statement or other event. Its strings lie one after another in a
/// chunk shared with other events (`TextChunks`), read through the methods.
#[derive(Clone, Debug)]
pub struct Event {
    pub(super) text: Text,
    pub(super) id: TextRange,
    pub(super) title: TextRange,
    pub(super) summary: TextRange,
    /// The outcomes, one after another, each behind its length.
    pub(super) outcomes: TextRange,
    /// The phrase as reported ("concluded early Wednesday").
    pub(super) reported: TextRange,
    pub kind: EventKind,
    pub status: Status,
    pub time: EventTime,
    pub place: Option<PlaceIx>,
    /// The event's lists, in the timeline's `EventLists`: read them with
    /// [`Timeline::attendees`] and its siblings.
    pub attendees: ListRange,
    pub topics: ListRange,
    pub claims: ListRange,
    pub relations: ListRange,
    pub sources: ListRange,
}

impl Event {
    /// Moves the event's lists on by `by` (the lengths of lists put before the ones
    /// it was read into).
    pub fn shift(&mut self, by: [usize; 5]) {
        let [a, t, c, r, s] = by.map(offset);
        self.attendees.start += a;
        self.topics.start += t;
        self.claims.start += c;
        self.relations.start += r;
        self.sources.start += s;
    }

    /// One of the event's strings.
    fn words(&self, r: TextRange) -> &str {
        let chunk = self.text.chunk.get();
        debug_assert!(
            chunk.is_some(),
            "an event's strings are read before sealing"
        );
        let start = self.text.start as usize;
        chunk
            .and_then(|c| c.get(start + r.start as usize..start + r.end as usize))
            .unwrap_or_default()
    }

    pub fn id(&self) -> &str {
        self.words(self.id)
    }

    pub fn title(&self) -> &str {
        self.words(self.title)
    }

    pub fn summary(&self) -> &str {
        self.words(self.summary)
    }

    /// What came of the event, each outcome as written.
    pub fn outcomes(&self) -> impl Iterator<Item = &str> + Clone + '_ {
        let all = (!self.outcomes.is_absent()).then(|| self.words(self.outcomes));
        all.into_iter().flat_map(super::text::outcomes)
    }

    pub fn has_outcomes(&self) -> bool {
        !self.outcomes.is_absent()
    }

    /// The event's time in the words it was reported in.
    pub fn reported(&self) -> Option<&str> {
        (!self.reported.is_absent()).then(|| self.words(self.reported))
    }

    /// What a claim of this event says.
    pub fn said(&self, claim: &Claim) -> &str {
        self.words(claim.text)
    }

    /// How a claim's source describes its speaker; empty when the claim names a person.
    pub fn speaker(&self, claim: &Claim) -> &str {
        self.words(claim.speaker)
    }
}

#[cfg(test)]
mod compact {
    use std::mem::size_of;

    use super::{Claim, Event};
    use crate::model::entities::{Attendance, PlaceIx};

    /// What a million events cost in memory follows from these.
    #[test]
    fn an_absent_index_takes_no_room() {
        assert_eq!(size_of::<Option<PlaceIx>>(), size_of::<PlaceIx>());
        assert_eq!(size_of::<Attendance>(), 8);
        assert!(size_of::<Claim>() <= 28, "{}", size_of::<Claim>());
        // 192: a time's two points carry their 400-year cycles for years beyond the
        // calendar (`TimePoint::cycles`).
        assert!(size_of::<Event>() <= 192, "{}", size_of::<Event>());
    }
}
