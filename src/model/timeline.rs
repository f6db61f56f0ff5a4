//! The validated, chronological timeline: entities referenced by index, events in a
//! fixed order, and the indexes a viewer needs (who attended what, who met whom).

use std::cmp::Ordering;
use std::num::NonZeroU32;
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use chrono_tz::Tz;

pub use super::events::{Events, Stored};
use super::time::{EventTime, Instant};

/// Index types hold their position plus one, so that an `Option` of one takes no more
/// room than the index (a million events' places, attendances and claims).
macro_rules! index_type {
    ($(#[$doc:meta] $name:ident),* $(,)?) => {$(
        #[$doc]
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(NonZeroU32);

        impl $name {
            /// The item at position `i`; no list holds `u32::MAX` items.
            pub const fn new(i: u32) -> $name {
                match NonZeroU32::new(i.wrapping_add(1)) {
                    Some(n) => $name(n),
                    None => $name(NonZeroU32::MAX),
                }
            }

            pub fn get(self) -> usize {
                self.index() as usize
            }

            pub const fn index(self) -> u32 {
                self.0.get() - 1
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_tuple(stringify!($name)).field(&self.index()).finish()
            }
        }
    )*};
}

index_type! {
    /// A delegation or government, by position in [`Timeline::parties`].
    PartyIx,
    /// A person, by position in [`Timeline::participants`].
    PersonIx,
    /// A place, by position in [`Timeline::places`].
    PlaceIx,
    /// A topic, by position in [`Timeline::topics`].
    TopicIx,
    /// A source, by position in [`Timeline::sources`].
    SourceIx,
    /// An event, by chronological position in [`Timeline::events`].
    EventIx,
    /// An attendance role ("head of delegation"), stored once in [`Timeline::roles`].
    RoleIx,
}

/// A side in the negotiation: a delegation or a government.
#[derive(Clone, Debug, PartialEq)]
pub struct Party {
    pub id: Box<str>,
    pub name: Box<str>,
    /// A colour hint for viewers ("blue", "#0057b7").
    pub colour: Option<Box<str>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Participant {
    pub id: Box<str>,
    pub name: Box<str>,
    /// Title or office: "Secretary of the National Security and Defence Council".
    pub role: Box<str>,
    pub party: Option<PartyIx>,
    pub note: Box<str>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub id: Box<str>,
    pub name: Box<str>,
    pub zone: Tz,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Topic {
    pub id: Box<str>,
    pub name: Box<str>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SourceKind {
    Outlet,
    Agency,
    OfficialStatement,
    NamedOfficial,
    UnnamedOfficial,
    Document,
    Reference,
}

impl SourceKind {
    pub const ALL: [SourceKind; 7] = [
        SourceKind::Outlet,
        SourceKind::Agency,
        SourceKind::OfficialStatement,
        SourceKind::NamedOfficial,
        SourceKind::UnnamedOfficial,
        SourceKind::Document,
        SourceKind::Reference,
    ];

    pub fn keyword(self) -> &'static str {
        match self {
            SourceKind::Outlet => "outlet",
            SourceKind::Agency => "agency",
            SourceKind::OfficialStatement => "official-statement",
            SourceKind::NamedOfficial => "named-official",
            SourceKind::UnnamedOfficial => "unnamed-official",
            SourceKind::Document => "document",
            SourceKind::Reference => "reference",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SourceKind::Outlet => "news outlet",
            SourceKind::Agency => "news agency",
            SourceKind::OfficialStatement => "official statement",
            SourceKind::NamedOfficial => "named official",
            SourceKind::UnnamedOfficial => "unnamed official",
            SourceKind::Document => "document",
            SourceKind::Reference => "reference",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub id: Box<str>,
    pub name: Box<str>,
    pub kind: SourceKind,
    pub url: Option<Box<str>>,
    pub published: Option<NaiveDate>,
}

/// Keyword tables shared by the format reader and the viewers.
macro_rules! keyword_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $kw:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            pub fn keyword(self) -> &'static str {
                match self { $($name::$variant => $kw),* }
            }

            pub fn parse(word: &str) -> Option<$name> {
                match word { $($kw => Some($name::$variant),)* _ => None }
            }

            /// "a, b or c", for error messages.
            pub fn expected() -> String {
                let words: Vec<&str> = Self::ALL.iter().map(|k| k.keyword()).collect();
                match words.split_last() {
                    Some((last, [])) => (*last).to_string(),
                    Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
                    None => String::new(),
                }
            }
        }
    };
}

keyword_enum! {
    /// What sort of event it was.
    EventKind {
        Meeting => "meeting",
        Session => "session",
        Talks => "talks",
        Call => "call",
        Statement => "statement",
        Briefing => "briefing",
        PressConference => "press-conference",
        Interview => "interview",
        Visit => "visit",
        Summit => "summit",
        Announcement => "announcement",
    }
}

keyword_enum! {
    /// Whether it happened, as of the dataset.
    Status {
        Held => "held",
        Ongoing => "ongoing",
        Scheduled => "scheduled",
        Expected => "expected",
        Postponed => "postponed",
        Cancelled => "cancelled",
    }
}

keyword_enum! {
    /// How one event bears on another.
    RelationKind {
        Follows => "follows",
        Continues => "continues",
        BriefsOn => "briefs-on",
        Precedes => "precedes",
        Responds => "responds-to",
    }
}

impl Status {
    /// Still to come (or not to come at all), rather than history.
    pub fn is_future(self) -> bool {
        matches!(
            self,
            Status::Scheduled | Status::Expected | Status::Postponed
        )
    }
}

impl RelationKind {
    /// How the relation reads from the target's side.
    pub fn inverse_label(self) -> &'static str {
        match self {
            RelationKind::Follows => "followed by",
            RelationKind::Continues => "continued by",
            RelationKind::BriefsOn => "briefed on in",
            RelationKind::Precedes => "preceded by",
            RelationKind::Responds => "answered by",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RelationKind::Follows => "follows",
            RelationKind::Continues => "continues",
            RelationKind::BriefsOn => "briefs on",
            RelationKind::Precedes => "precedes",
            RelationKind::Responds => "responds to",
        }
    }
}

/// A person at an event, with the part they played there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attendance {
    pub person: PersonIx,
    pub role: Option<RoleIx>,
}

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

/// A position or length as stored: 32 bits, saturated.
fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Where one of an event's strings lies in the event's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TextRange {
    start: u32,
    end: u32,
}

impl TextRange {
    /// No string at all (a string that is there, if empty, starts where it ends).
    pub const ABSENT: TextRange = TextRange {
        start: u32::MAX,
        end: 0,
    };

    fn is_absent(self) -> bool {
        self.start > self.end
    }
}

/// What goes between an event's outcomes in its text: a control character, which
/// cleaned text never holds (see [`crate::model::text`]).
const OUTCOME_SEPARATOR: char = '\u{1e}';

/// A chunk of events' strings: written by [`TextChunks`], read once sealed.
type Chunk = Arc<OnceLock<String>>;

/// How many bytes of strings a chunk holds before the next event starts another (an
/// event with more has a chunk of its own).
const CHUNK_BYTES: usize = 1 << 20;

/// How far past an event's strings a chunk's pages are mapped in advance: enough for
/// the system to map many pages at a time, little enough that the last chunk of a
/// reading part (which is sealed part full) keeps few pages it never uses.
const MAP_AHEAD: usize = 64 << 10;

/// Events' strings, written one event after another into chunks that many events
/// share: a million events are a few hundred allocations, not a million. An event's
/// strings are readable once its chunk is sealed ([`TextChunks::seal`]).
#[derive(Debug, Default)]
pub struct TextChunks {
    /// The chunk being written, and what is written of it.
    chunk: Chunk,
    written: String,
    /// How much of `written`'s buffer has been mapped ([`crate::memory::prefault`]).
    mapped: usize,
}

impl TextChunks {
    /// Starts an event's strings, about `bytes` long: in this chunk if they fit.
    pub fn begin(&mut self, bytes: usize) -> EventText {
        if !self.written.is_empty() && self.written.len() + bytes > CHUNK_BYTES {
            self.seal();
        }
        if self.written.capacity() == 0 {
            self.written.reserve(bytes.max(CHUNK_BYTES));
            self.mapped = 0;
        }
        let start = self.written.len();
        if start + bytes > self.mapped {
            let to = start + bytes + MAP_AHEAD;
            crate::memory::prefault(&mut self.written, self.mapped, to);
            self.mapped = to;
        }
        EventText {
            written: std::mem::take(&mut self.written),
            chunk: self.chunk.clone(),
            start,
        }
    }

    /// Ends an event's strings: where the event finds them.
    pub fn end(&mut self, text: EventText) -> Text {
        self.written = text.written;
        Text {
            chunk: text.chunk,
            start: offset(text.start),
        }
    }

    /// Takes back the strings of an event that is not kept.
    pub fn discard(&mut self, text: EventText) {
        self.written = text.written;
        self.written.truncate(text.start);
    }

    /// Makes what is written readable, and starts a new chunk.
    pub fn seal(&mut self) {
        // Each chunk is sealed once: a new one is started right after.
        let _ = self.chunk.set(std::mem::take(&mut self.written));
        self.chunk = Chunk::default();
    }
}

/// One event's strings being written, for [`TextChunks::end`].
pub struct EventText {
    written: String,
    chunk: Chunk,
    start: usize,
}

impl EventText {
    /// Adds a string; where it lies, for the event's fields.
    pub fn push(&mut self, s: &str) -> TextRange {
        let start = self.written.len();
        self.written.push_str(s);
        self.since(start)
    }

    /// What was written since `start` (a length of `written`), in the event's terms.
    fn since(&self, start: usize) -> TextRange {
        TextRange {
            start: offset(start - self.start),
            end: offset(self.written.len() - self.start),
        }
    }

    /// Adds the event's outcomes, each cleaned of control characters, one after
    /// another: where they lie, or [`TextRange::ABSENT`] when there are none.
    pub fn push_outcomes<S: AsRef<str>>(
        &mut self,
        outcomes: impl IntoIterator<Item = S>,
    ) -> TextRange {
        let start = self.written.len();
        let mut any = false;
        for o in outcomes {
            let o = o.as_ref();
            debug_assert!(!o.contains(OUTCOME_SEPARATOR), "an outcome is not cleaned");
            if any {
                self.written.push(OUTCOME_SEPARATOR);
            }
            self.written.push_str(o);
            any = true;
        }
        if any {
            self.since(start)
        } else {
            TextRange::ABSENT
        }
    }
}

/// Where an event's strings lie: in a chunk shared with the events written with it.
#[derive(Clone, Debug)]
pub struct Text {
    chunk: Chunk,
    start: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Relation {
    pub kind: RelationKind,
    pub target: EventIx,
}

/// A meeting, call, statement or other event. Its strings lie one after another in a
/// chunk shared with other events ([`TextChunks`]), read through the methods.
#[derive(Clone, Debug)]
pub struct Event {
    text: Text,
    id: TextRange,
    title: TextRange,
    summary: TextRange,
    /// The outcomes, one after another ([`OUTCOME_SEPARATOR`] between them).
    outcomes: TextRange,
    /// The phrase as reported ("concluded early Wednesday").
    reported: TextRange,
    pub kind: EventKind,
    pub status: Status,
    pub time: EventTime,
    pub place: Option<PlaceIx>,
    /// The event's lists, in the timeline's [`EventLists`]: read them with
    /// [`Timeline::attendees`] and its siblings.
    pub attendees: ListRange,
    pub topics: ListRange,
    pub claims: ListRange,
    pub relations: ListRange,
    pub sources: ListRange,
}

/// Where an event's items lie in one of the flat lists of [`EventLists`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ListRange {
    start: u32,
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

    fn get<T>(self, items: &[T]) -> &[T] {
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
    /// How long each list is, to go back to with [`EventLists::truncate`].
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

    pub fn truncate(&mut self, lengths: [usize; 5]) {
        let [a, t, c, r, s] = lengths;
        self.attendance.truncate(a);
        self.topics.truncate(t);
        self.claims.truncate(c);
        self.relations.truncate(r);
        self.sources.truncate(s);
    }

    /// The items of one list from `first` to its end.
    pub fn range<T>(&self, first: usize, list: impl Fn(&EventLists) -> &Vec<T>) -> ListRange {
        ListRange::between(first, list(self).len())
    }
}

/// Appends `items` to a flat list; where they lie.
pub fn append<T>(list: &mut Vec<T>, items: impl IntoIterator<Item = T>) -> ListRange {
    let start = list.len();
    list.extend(items);
    ListRange::between(start, list.len())
}

/// An event's strings, for [`Event::new`].
pub struct EventStrings {
    pub text: Text,
    pub id: TextRange,
    pub title: TextRange,
    pub summary: TextRange,
    /// From [`EventText::push_outcomes`].
    pub outcomes: TextRange,
    /// [`TextRange::ABSENT`] when the time was not reported in words.
    pub reported: TextRange,
}

impl Event {
    /// An event of these strings, kind, status and time; its place and lists (public
    /// fields) are set by the caller.
    pub fn new(strings: EventStrings, kind: EventKind, status: Status, time: EventTime) -> Event {
        Event {
            text: strings.text,
            id: strings.id,
            title: strings.title,
            summary: strings.summary,
            outcomes: strings.outcomes,
            reported: strings.reported,
            kind,
            status,
            time,
            place: None,
            attendees: ListRange::default(),
            topics: ListRange::default(),
            claims: ListRange::default(),
            relations: ListRange::default(),
            sources: ListRange::default(),
        }
    }

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
    pub fn outcomes(&self) -> impl Iterator<Item = &str> + '_ {
        let all = (!self.outcomes.is_absent()).then(|| self.words(self.outcomes));
        all.into_iter().flat_map(|s| s.split(OUTCOME_SEPARATOR))
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

/// What the indexes read of an event: a seventh of its size. The indexes are built
/// from a compact copy in time order, rather than by following the order to each event
/// in every pass.
struct Indexed {
    attendees: ListRange,
    topics: ListRange,
    relations: ListRange,
    place: Option<PlaceIx>,
}

impl Indexed {
    fn of(e: &Event) -> Indexed {
        Indexed {
            attendees: e.attendees,
            topics: e.topics,
            relations: e.relations,
            place: e.place,
        }
    }
}

/// The keys of three indexes, counted ([`MultiIndex::count`]).
struct Counts {
    people: Vec<u32>,
    topics: Vec<u32>,
    incoming: Vec<u32>,
}

/// Lists per key stored flat: `items[offsets[k]..offsets[k + 1]]` belong to key `k`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MultiIndex {
    offsets: Vec<u32>,
    items: Vec<u32>,
}

impl MultiIndex {
    /// Builds from `(key, item)` pairs; items keep their order within a key.
    fn build(keys: usize, pairs: impl Iterator<Item = (usize, u32)> + Clone) -> MultiIndex {
        let offsets = Self::count(keys, pairs.clone().map(|(k, _)| k));
        Self::fill(offsets, pairs).expect("the pairs counted")
    }

    /// [`MultiIndex::build`] with the keys counted beforehand, by [`MultiIndex::count`]
    /// (from a list that holds them in any order, which may be quicker to go through
    /// than the pairs); if they are not the pairs' keys, counted again from the pairs.
    fn build_counted(
        offsets: Vec<u32>,
        pairs: impl Iterator<Item = (usize, u32)> + Clone,
    ) -> MultiIndex {
        let keys = offsets.len().saturating_sub(1);
        Self::fill(offsets, pairs.clone()).unwrap_or_else(|| Self::build(keys, pairs))
    }

    /// Where each of `keys` keys' items will start, counted from every pair's key:
    /// `offsets[k]..offsets[k + 1]` for key `k`.
    fn count(keys: usize, all: impl Iterator<Item = usize>) -> Vec<u32> {
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

    fn get(&self, key: usize) -> &[u32] {
        match (self.offsets.get(key), self.offsets.get(key + 1)) {
            (Some(&a), Some(&b)) => &self.items[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// Someone a person met, and at how many events.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Encounter {
    pub person: PersonIx,
    pub times: usize,
}

/// The dataset's own description.
#[derive(Clone, Debug, PartialEq)]
pub struct Meta {
    pub title: Box<str>,
    pub description: Box<str>,
    /// The zone times are shown in unless the user picks another.
    pub zone: Tz,
}

/// Everything except events, as validated from a file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Registry {
    pub parties: Vec<Party>,
    pub participants: Vec<Participant>,
    pub places: Vec<Place>,
    pub topics: Vec<Topic>,
    pub sources: Vec<Source>,
    pub roles: Vec<Box<str>>,
}

/// A validated dataset in chronological order with its indexes.
#[derive(Clone, Debug)]
pub struct Timeline {
    pub meta: Meta,
    pub parties: Vec<Party>,
    pub participants: Vec<Participant>,
    pub places: Vec<Place>,
    pub topics: Vec<Topic>,
    pub sources: Vec<Source>,
    pub roles: Vec<Box<str>>,
    /// Chronological by [`chronological`].
    pub events: Events,
    lists: EventLists,
    by_id: Vec<u32>,
    person_events: MultiIndex,
    party_people: MultiIndex,
    topic_events: MultiIndex,
    place_events: MultiIndex,
    incoming: MultiIndex,
}

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
    /// most of its twenty steps. An id shorter than eight bytes (and with no NUL) is
    /// settled by those bytes alone, without a look at the event's own.
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
            found[k as usize] = if whole_in_prefix(id) {
                alike.first().map(|&(_, i)| i)
            } else {
                alike
                    .binary_search_by(|&(_, i)| (*events[i as usize].id()).cmp(id))
                    .ok()
                    .map(|j| alike[j].1)
            };
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

/// Whether an event's id is `id` as soon as their [`id_prefix`]es are equal: when `id`
/// is shorter than eight bytes and has no NUL. The prefix then ends in a zero byte
/// that an event's id can only match by ending there too, since an id as kept has no
/// NUL (`clean_line` writes control characters out as escapes).
fn whole_in_prefix(id: &str) -> bool {
    id.len() < 8 && !id.as_bytes().contains(&0)
}

/// What orders an event by [`chronological`], with its position: earliest and latest
/// start, [`id_prefix`], position.
type TimeKey = (Instant, Instant, u64, u32);

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
                (b.start_earliest, b.start_latest, prefix, i as u32)
            }),
    );
    keys.sort_unstable_by(|a, b| by_time(events, a, b));
    keys
}

/// [`chronological`] for two keys of `events`.
#[inline(always)]
fn by_time(events: &Stored, a: &TimeKey, b: &TimeKey) -> Ordering {
    match (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)) {
        Ordering::Equal => tie_by_id(events, a, b),
        unlike => unlike,
    }
}

/// [`by_time`] for keys alike but for the ids past their first eight bytes: rare, and
/// kept out of the sort's loop.
#[cold]
#[inline(never)]
fn tie_by_id(events: &Stored, a: &TimeKey, b: &TimeKey) -> Ordering {
    events[a.3 as usize]
        .id()
        .cmp(events[b.3 as usize].id())
        .then(a.3.cmp(&b.3))
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
        return later.into_iter().map(|k| k.3).collect();
    }
    let mut order = Vec::with_capacity(events.len());
    let (mut a, mut b) = (early.iter().peekable(), later.iter().peekable());
    while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
        if by_time(events, x, y).is_le() {
            order.push(x.3);
            a.next();
        } else {
            order.push(y.3);
            b.next();
        }
    }
    order.extend(a.chain(b).map(|k| k.3));
    order
}

/// From how many events ordering and indexing is shared between two threads.
pub const PARALLEL_FROM: usize = 20_000;

/// Runs `a` and `b`, side by side on two threads when `big` (and there is a second
/// core), else one after the other.
pub fn join<A: Send, B: Send>(
    big: bool,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if !big || cores < 2 {
        return (a(), b());
    }
    std::thread::scope(|scope| {
        let other = scope.spawn(b);
        let first = a();
        match other.join() {
            Ok(second) => (first, second),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

/// The order of events: earliest possible start, then latest possible start (the
/// better-known of two events that may start together comes first), then id.
///
/// With unique ids this is a total order, so the timeline is the same whatever order
/// the file lists its events in.
pub fn chronological(a: &Event, b: &Event) -> Ordering {
    let (x, y) = (&a.time.bounds, &b.time.bounds);
    x.start_earliest
        .cmp(&y.start_earliest)
        .then(x.start_latest.cmp(&y.start_latest))
        .then_with(|| a.id().cmp(b.id()))
}

/// Two timelines are equal when they say the same: the same entities and events, in
/// the same order, whatever the layout of their flat lists (it follows the order of
/// the file they were read from).
impl PartialEq for Timeline {
    fn eq(&self, other: &Timeline) -> bool {
        self.meta == other.meta
            && self.parties == other.parties
            && self.participants == other.participants
            && self.places == other.places
            && self.topics == other.topics
            && self.sources == other.sources
            && self.roles == other.roles
            && self.same_events(other)
    }
}

impl Timeline {
    /// Orders events and builds the indexes. Relation targets in `events` refer to
    /// positions in the given (file) order and are rewritten to chronological ones;
    /// `by_id` lists those positions in id order, and `order` chronologically (see
    /// [`chronological_order`]): both are orderings of these very events, which stay
    /// where they are ([`Events`]).
    pub(crate) fn assemble(
        meta: Meta,
        registry: Registry,
        events: Stored,
        mut lists: EventLists,
        by_id: IdOrder,
        order: Vec<u32>,
    ) -> Timeline {
        let big = events.len() >= PARALLEL_FROM;
        // Each event's new position, with the relations and the order by id renumbered
        // by it, and the keys of three indexes counted from the flat lists, beside the
        // copy of what the indexes need.
        let ((by_id, counts), indexed) = join(
            big,
            || {
                let mut new_position = vec![0u32; events.len()];
                for (new, &old) in order.iter().enumerate() {
                    new_position[old as usize] = new as u32;
                }
                for r in &mut lists.relations {
                    r.target = EventIx::new(new_position[r.target.get()]);
                }
                let by_id = by_id
                    .positions()
                    .into_iter()
                    .map(|i| new_position[i as usize])
                    .collect::<Vec<u32>>();
                let counts = Counts {
                    people: MultiIndex::count(
                        registry.participants.len(),
                        lists.attendance.iter().map(|a| a.person.get()),
                    ),
                    topics: MultiIndex::count(
                        registry.topics.len(),
                        lists.topics.iter().map(|t| t.get()),
                    ),
                    incoming: MultiIndex::count(
                        events.len(),
                        lists.relations.iter().map(|r| r.target.get()),
                    ),
                };
                (by_id, counts)
            },
            // What the indexes need of each event, in time order.
            || -> Vec<Indexed> {
                order
                    .iter()
                    .map(|&old| Indexed::of(&events[old as usize]))
                    .collect()
            },
        );
        // The people's index, the longest, beside the others.
        let Counts {
            people,
            topics,
            incoming,
        } = counts;
        let ((incoming, (topic_events, place_events)), (person_events, party_people)) = join(
            big,
            || {
                (
                    Self::incoming_index(incoming, &indexed, &lists),
                    Self::event_indexes(topics, &registry, &indexed, &lists),
                )
            },
            || Self::people_indexes(people, &registry, &indexed, &lists),
        );
        drop(indexed);
        Timeline {
            meta,
            parties: registry.parties,
            participants: registry.participants,
            places: registry.places,
            topics: registry.topics,
            sources: registry.sources,
            roles: registry.roles,
            events: Events::new(events, order),
            lists,
            by_id,
            person_events,
            party_people,
            topic_events,
            place_events,
            incoming,
        }
    }

    /// Each person's events (their keys counted in `people`), and each party's people.
    fn people_indexes(
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
    fn event_indexes(
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
    fn incoming_index(incoming: Vec<u32>, events: &[Indexed], lists: &EventLists) -> MultiIndex {
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

    pub fn event(&self, ix: EventIx) -> &Event {
        &self.events[ix.get()]
    }

    /// Whether the events here say what `other`'s say, one by one.
    pub fn same_events(&self, other: &Timeline) -> bool {
        self.events.len() == other.events.len()
            && self
                .events
                .iter()
                .zip(&other.events)
                .all(|(a, b)| self.same_event(a, other, b))
    }

    /// Whether `a` here says what `b` says in `other`.
    fn same_event(&self, a: &Event, other: &Timeline, b: &Event) -> bool {
        // A claim's words are ranges into its own event's text: compare what they say.
        fn claim<'e>(
            e: &'e Event,
            c: &Claim,
        ) -> (
            Option<PersonIx>,
            Option<PartyIx>,
            SourceIx,
            &'e str,
            &'e str,
        ) {
            (c.person, c.party, c.source, e.said(c), e.speaker(c))
        }
        let (x, y) = (self.claims(a), other.claims(b));
        let claims_alike =
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| claim(a, p) == claim(b, q));
        a.id() == b.id()
            && a.title() == b.title()
            && a.summary() == b.summary()
            && a.outcomes().eq(b.outcomes())
            && a.reported() == b.reported()
            && (a.kind, a.status, &a.time, a.place) == (b.kind, b.status, &b.time, b.place)
            && self.attendees(a) == other.attendees(b)
            && self.event_topics(a) == other.event_topics(b)
            && self.relations(a) == other.relations(b)
            && self.event_sources(a) == other.event_sources(b)
            && claims_alike
    }

    /// Who was at an event, and the part they played.
    pub fn attendees(&self, ev: &Event) -> &[Attendance] {
        ev.attendees.get(&self.lists.attendance)
    }

    /// What an event was about.
    pub fn event_topics(&self, ev: &Event) -> &[TopicIx] {
        ev.topics.get(&self.lists.topics)
    }

    /// Who said what about an event.
    pub fn claims(&self, ev: &Event) -> &[Claim] {
        ev.claims.get(&self.lists.claims)
    }

    /// How an event bears on others.
    pub fn relations(&self, ev: &Event) -> &[Relation] {
        ev.relations.get(&self.lists.relations)
    }

    /// Where the information about an event comes from.
    pub fn event_sources(&self, ev: &Event) -> &[SourceIx] {
        ev.sources.get(&self.lists.sources)
    }

    pub fn person(&self, ix: PersonIx) -> &Participant {
        &self.participants[ix.get()]
    }

    pub fn party(&self, ix: PartyIx) -> &Party {
        &self.parties[ix.get()]
    }

    pub fn place(&self, ix: PlaceIx) -> &Place {
        &self.places[ix.get()]
    }

    pub fn topic(&self, ix: TopicIx) -> &Topic {
        &self.topics[ix.get()]
    }

    pub fn source(&self, ix: SourceIx) -> &Source {
        &self.sources[ix.get()]
    }

    pub fn role(&self, ix: RoleIx) -> &str {
        self.roles.get(ix.get()).map_or("", |r| r)
    }

    pub fn event_by_id(&self, id: &str) -> Option<EventIx> {
        self.by_id
            .binary_search_by(|&i| self.events[i as usize].id().cmp(id))
            .ok()
            .map(|pos| EventIx::new(self.by_id[pos]))
    }

    pub fn person_by_id(&self, id: &str) -> Option<PersonIx> {
        self.participants
            .iter()
            .position(|p| &*p.id == id)
            .map(|i| PersonIx::new(i as u32))
    }

    pub fn party_by_id(&self, id: &str) -> Option<PartyIx> {
        self.parties
            .iter()
            .position(|p| &*p.id == id)
            .map(|i| PartyIx::new(i as u32))
    }

    pub fn topic_by_id(&self, id: &str) -> Option<TopicIx> {
        self.topics
            .iter()
            .position(|p| &*p.id == id)
            .map(|i| TopicIx::new(i as u32))
    }

    pub fn place_by_id(&self, id: &str) -> Option<PlaceIx> {
        self.places
            .iter()
            .position(|p| &*p.id == id)
            .map(|i| PlaceIx::new(i as u32))
    }

    /// Events a person attended, chronological.
    pub fn events_of(&self, person: PersonIx) -> impl ExactSizeIterator<Item = EventIx> + '_ {
        self.person_events
            .get(person.get())
            .iter()
            .map(|&i| EventIx::new(i))
    }

    /// Members of a side, in file order.
    pub fn people_of(&self, party: PartyIx) -> impl ExactSizeIterator<Item = PersonIx> + '_ {
        self.party_people
            .get(party.get())
            .iter()
            .map(|&i| PersonIx::new(i))
    }

    /// People with no side, in file order.
    pub fn people_without_party(&self) -> impl Iterator<Item = PersonIx> + '_ {
        self.participants
            .iter()
            .enumerate()
            .filter(|(_, p)| p.party.is_none())
            .map(|(i, _)| PersonIx::new(i as u32))
    }

    pub fn events_on(&self, topic: TopicIx) -> impl ExactSizeIterator<Item = EventIx> + '_ {
        self.topic_events
            .get(topic.get())
            .iter()
            .map(|&i| EventIx::new(i))
    }

    pub fn events_at(&self, place: PlaceIx) -> impl ExactSizeIterator<Item = EventIx> + '_ {
        self.place_events
            .get(place.get())
            .iter()
            .map(|&i| EventIx::new(i))
    }

    /// Whom a person met (attended the same event as), most often first, then by name.
    pub fn met(&self, person: PersonIx) -> Vec<Encounter> {
        let mut times = vec![0usize; self.participants.len()];
        for ev in self.events_of(person) {
            for a in self.attendees(self.event(ev)) {
                if a.person != person {
                    times[a.person.get()] += 1;
                }
            }
        }
        let mut out: Vec<Encounter> = times
            .into_iter()
            .enumerate()
            .filter(|&(_, n)| n > 0)
            .map(|(i, times)| Encounter {
                person: PersonIx::new(i as u32),
                times,
            })
            .collect();
        out.sort_by(|a, b| {
            b.times
                .cmp(&a.times)
                .then_with(|| self.person(a.person).name.cmp(&self.person(b.person).name))
        });
        out
    }

    /// Topics of the events a person attended, most frequent first, each with a count.
    pub fn topics_of(&self, person: PersonIx) -> Vec<(TopicIx, usize)> {
        let mut counts = vec![0usize; self.topics.len()];
        for ev in self.events_of(person) {
            for t in self.event_topics(self.event(ev)) {
                counts[t.get()] += 1;
            }
        }
        let mut out: Vec<(TopicIx, usize)> = counts
            .into_iter()
            .enumerate()
            .filter(|&(_, n)| n > 0)
            .map(|(i, n)| (TopicIx::new(i as u32), n))
            .collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }

    /// Events that point at this one, with the relation as read from here.
    pub fn related_to(&self, ev: EventIx) -> Vec<(RelationKind, EventIx)> {
        let mut out = Vec::new();
        let mut sources = self.incoming.get(ev.get()).to_vec();
        sources.dedup();
        for i in sources {
            for r in self
                .relations(&self.events[i as usize])
                .iter()
                .filter(|r| r.target == ev)
            {
                out.push((r.kind, EventIx::new(i)));
            }
        }
        out
    }

    /// Earliest possible start and latest known end (or start) over all events.
    pub fn span(&self) -> Option<(Instant, Instant)> {
        let first = self.events.first()?.time.bounds.start_earliest;
        let last = self
            .events
            .unordered()
            .map(|e| {
                e.time
                    .bounds
                    .end_latest()
                    .unwrap_or(e.time.bounds.start_latest)
            })
            .max()?;
        Some((first, last))
    }

    /// The zone of an event's place, else the dataset's.
    pub fn local_zone(&self, ev: &Event) -> Tz {
        ev.place.map_or(ev.time.zone, |p| self.place(p).zone)
    }
}

#[cfg(test)]
mod equality {
    use crate::data::{BUNDLED, native::load_str};

    fn with_events(edit: impl FnOnce(&mut Vec<serde_json::Value>)) -> super::Timeline {
        let mut doc: serde_json::Value = serde_json::from_str(BUNDLED).expect("JSON");
        let events = doc
            .get_mut("events")
            .and_then(|e| e.as_array_mut())
            .expect("events");
        edit(events);
        load_str("edited.json", &doc.to_string()).expect("valid")
    }

    /// Equal whatever order the file lists its events in (the flat lists are then laid
    /// out differently), different when one word of one claim differs.
    #[test]
    fn timelines_are_equal_when_they_say_the_same() {
        let bundled = with_events(|_| {});
        assert_eq!(bundled, with_events(|e| e.reverse()));
        let edited = with_events(|events| {
            let claim = events
                .iter_mut()
                .find_map(|e| e.get_mut("claims").and_then(|c| c.get_mut(0)))
                .expect("a claim");
            claim["text"] = "something else".into();
        });
        assert_ne!(bundled, edited);
        assert!(!bundled.same_events(&edited));
        let dropped = with_events(|events| {
            if let Some(e) = events.iter_mut().find(|e| e.get("participants").is_some()) {
                e["participants"].as_array_mut().expect("list").pop();
            }
        });
        assert_ne!(bundled, dropped);
    }
}

#[cfg(test)]
mod ids {
    use super::{EarlyOrder, Event, IdOrder, Stored, chronological_order, id_prefix, leading};
    use crate::data::{BUNDLED, native::load_str};

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
        assert!(
            list.windows(2)
                .all(|w| super::chronological(&w[0], &w[1]).is_lt())
        );

        let mut twins = list.clone();
        twins.push(list[3].clone());
        let prefixes = prefixes(&twins);
        let twins = Stored::from(twins);
        assert!(IdOrder::new(&twins, &prefixes).has_duplicates(&twins));
    }
}

#[cfg(test)]
mod compact {
    use std::mem::size_of;

    use super::{Attendance, Claim, Event, PlaceIx, RoleIx};

    #[test]
    fn an_index_keeps_its_position_and_order() {
        for i in [0, 1, 41, u32::MAX - 1] {
            assert_eq!(PlaceIx::new(i).index(), i);
            assert_eq!(PlaceIx::new(i).get(), i as usize);
        }
        assert!(PlaceIx::new(0) < PlaceIx::new(1));
        assert!(PlaceIx::new(1) < PlaceIx::new(u32::MAX - 1));
        assert_eq!(format!("{:?}", Some(RoleIx::new(3))), "Some(RoleIx(3))");
    }

    /// What a million events cost in memory follows from these.
    #[test]
    fn an_absent_index_takes_no_room() {
        assert_eq!(size_of::<Option<PlaceIx>>(), size_of::<PlaceIx>());
        assert_eq!(size_of::<Attendance>(), 8);
        assert!(size_of::<Claim>() <= 28, "{}", size_of::<Claim>());
        assert!(size_of::<Event>() <= 184, "{}", size_of::<Event>());
    }
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
