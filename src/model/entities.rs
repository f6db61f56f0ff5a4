//! The dataset's entities (parties, people, places, topics, sources), the words a
//! dataset may use for kinds, statuses and relations, and the indexes that name them.

use std::num::NonZeroU32;

use chrono_tz::Tz;

use super::time::{Instant, Precision, TimeError, TimePoint, short_day};

#[cfg(doc)]
use super::timeline::Timeline;

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

/// A person in the registry, as [`People`] gives them out (and takes them in).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Participant<'a> {
    pub id: &'a str,
    pub name: &'a str,
    /// Title or office: "Secretary of the National Security and Defence Council".
    pub role: &'a str,
    pub party: Option<PartyIx>,
    pub note: &'a str,
}

/// The registry's people, their text one after another in one string rather than four
/// allocations each: a registry may hold a million people.
#[derive(Clone, Default)]
pub struct People {
    text: String,
    rows: Vec<PersonRow>,
}

/// Where a person's id, name, role and note lie in [`People::text`]: from `start`, one
/// after another, each ending at its `ends` (counted from `start`).
#[derive(Clone, Copy)]
struct PersonRow {
    start: usize,
    ends: [u32; 4],
    party: Option<PartyIx>,
}

impl People {
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The person at `i`, in the order they were added (panics past the end, as a
    /// slice does).
    pub fn get(&self, i: usize) -> Participant<'_> {
        let row = self.rows[i];
        let at = |k: usize| {
            let from = if k == 0 { 0 } else { row.ends[k - 1] as usize };
            &self.text[row.start + from..row.start + row.ends[k] as usize]
        };
        Participant {
            id: at(0),
            name: at(1),
            role: at(2),
            party: row.party,
            note: at(3),
        }
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = Participant<'_>> + Clone + '_ {
        (0..self.rows.len()).map(|i| self.get(i))
    }

    pub fn reserve(&mut self, people: usize) {
        self.rows.reserve(people);
    }

    /// Adds `p` after the people added so far.
    pub fn push(&mut self, p: Participant<'_>) {
        let start = self.text.len();
        let mut ends = [0; 4];
        for (k, part) in [p.id, p.name, p.role, p.note].into_iter().enumerate() {
            self.text.push_str(part);
            // Four strings within the format's limit each (16 MiB characters, at most
            // 64 MiB of UTF-8) are far from 4 GiB together.
            ends[k] = u32::try_from(self.text.len() - start).expect("a person's text under 4 GiB");
        }
        self.rows.push(PersonRow {
            start,
            ends,
            party: p.party,
        });
    }

    /// Sets the side of the person at `i`.
    pub fn set_party(&mut self, i: usize, party: PartyIx) {
        self.rows[i].party = Some(party);
    }
}

impl<'a> FromIterator<Participant<'a>> for People {
    fn from_iter<I: IntoIterator<Item = Participant<'a>>>(people: I) -> People {
        let mut out = People::default();
        for p in people {
            out.push(p);
        }
        out
    }
}

/// Equal when they hold the same people in the same order, however their text was laid
/// out.
impl PartialEq for People {
    fn eq(&self, other: &People) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl std::fmt::Debug for People {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
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
    /// When it was published: a day, or a moment with its zone.
    pub published: Option<super::accounts::Published>,
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
pub(super) use keyword_enum;

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
        // Something that happened, no negotiation: a birth, a death, a TimelineJS slide.
        Event => "event",
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

    /// It took place, or is taking place: those present have met.
    pub fn has_happened(self) -> bool {
        matches!(self, Status::Held | Status::Ongoing)
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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Relation {
    pub kind: RelationKind,
    pub target: EventIx,
}

/// Someone a person met, at how many events held, and at how many still to come.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Encounter {
    pub person: PersonIx,
    /// Events held (or under way) where both were present.
    pub times: usize,
    /// Events not held yet (scheduled, expected, postponed) that both are to attend.
    pub to_come: usize,
}

/// The dataset's own description.
#[derive(Clone, Debug, PartialEq)]
pub struct Meta {
    pub title: Box<str>,
    pub description: Box<str>,
    /// The zone times are shown in unless the user picks another.
    pub zone: Tz,
    /// The moment the dataset's reporting ends, when it declares one.
    pub as_of: Option<AsOf>,
}

/// The moment a dataset is written as of: what it reports is known up to here.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AsOf {
    /// As written, read in the dataset's zone.
    pub point: TimePoint,
    /// The latest instant the point allows: the last second of a day, a part of a day,
    /// a month or a year; the minute itself for a clock time.
    pub instant: Instant,
}

impl AsOf {
    /// Reads `text` in `zone`; the error says what is wrong.
    pub fn parse(text: &str, zone: Tz) -> Result<AsOf, TimeError> {
        let point = TimePoint::parse(text)?;
        let (earliest, latest) = point.bounds(zone)?;
        // Bounds of a span end at its exclusive end: one second before is still in it.
        let exact = matches!(point.precision, Precision::Minute | Precision::Second);
        let instant = if exact {
            latest
        } else {
            (latest - 1).max(earliest)
        };
        Ok(AsOf { point, instant })
    }

    /// "Fri 5 Dec 2025", "Fri 5 Dec 2025 evening", "Fri 5 Dec 2025 18:00",
    /// "December 2025", "2025": as precise as written, in the dataset's zone.
    pub fn label(&self) -> String {
        let p = &self.point;
        let day = format!("{} {}", short_day(p.date), p.date.format("%Y"));
        let body = match p.precision {
            Precision::Year => p.date.format("%Y").to_string(),
            Precision::Month => p.date.format("%B %Y").to_string(),
            Precision::Day => day,
            Precision::Part(part) => format!("{day} {}", part.label()),
            Precision::Minute | Precision::Second => {
                format!("{day} {:02}:{:02}", p.seconds / 3600, p.seconds % 3600 / 60)
            }
        };
        if p.tolerance == 0 {
            body
        } else {
            format!("~{body}")
        }
    }
}

/// Everything except events, as validated from a file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Registry {
    pub parties: Vec<Party>,
    pub participants: People,
    pub places: Vec<Place>,
    pub topics: Vec<Topic>,
    pub sources: Vec<Source>,
    pub roles: Vec<Box<str>>,
}

#[cfg(test)]
mod compact {
    use super::{Participant, PartyIx, People, PlaceIx, RoleIx};

    #[test]
    fn people_give_back_what_they_were_given() {
        let given = [
            Participant {
                id: "umerov",
                name: "Rustem Umerov",
                role: "Secretary of the National Security and Defence Council",
                party: Some(PartyIx::new(1)),
                note: "",
            },
            Participant {
                id: "",
                name: "",
                role: "",
                party: None,
                note: "",
            },
            Participant {
                id: "m",
                name: "محمد\u{200c}جواد",
                role: "",
                party: Some(PartyIx::new(0)),
                note: "a note",
            },
        ];
        let mut people: People = given.iter().copied().collect();
        assert_eq!(people.len(), 3);
        assert!(people.iter().eq(given.iter().copied()));
        people.set_party(1, PartyIx::new(2));
        assert_eq!(people.get(1).party, Some(PartyIx::new(2)));
        assert_eq!(people.get(2), given[2]);
        // Equal by what they hold, however their text was laid out.
        let mut other = People::default();
        other.reserve(100);
        for p in people.iter() {
            other.push(p);
        }
        assert_eq!(other, people);
        other.set_party(0, PartyIx::new(0));
        assert_ne!(other, people);
        assert!(People::default().is_empty());
    }

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
}
