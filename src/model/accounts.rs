//! What each source says: the moment a source was published, the alternative accounts
//! of an event's time, place, participants, kind, status, outcomes and claims, its
//! status history, and what its claims are about and contradict.
//!
//! An event's own fields are the dataset's account, attributed to the event's sources;
//! the accounts here are the others. They are kept beside the events, in one list
//! sorted by event ([`Accounts`]): an event with none costs nothing.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, Offset, TimeZone};
use chrono_tz::Tz;

use super::entities::{EventIx, EventKind, PersonIx, PlaceIx, SourceIx, Status, TopicIx};
use super::time::{EventTime, Instant, TimeError, parse_date};

/// When a source was published: a day, or a moment with the offset it was given in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Published {
    /// The day in the source's own calendar.
    pub date: NaiveDate,
    /// The moment, when the source gives one.
    pub at: Option<DateTime<FixedOffset>>,
}

impl Published {
    /// Reads `2025-12-06`, `2025-12-06T00:21Z` or `2025-12-05T19:21-05:00` (seconds
    /// allowed); the error says what was expected.
    pub fn parse(text: &str) -> Result<Published, TimeError> {
        let t = text.trim();
        let Some((day, clock)) = t.split_once('T') else {
            return parse_date(t).map(|date| Published { date, at: None });
        };
        let bad = || {
            TimeError(format!(
                "'{}' is not a publication moment (expected YYYY-MM-DD, or a date and time \
                 with its zone such as 2025-12-06T00:21Z or 2025-12-05T19:21-05:00)",
                crate::model::text::clean_line(text)
            ))
        };
        let date = parse_date(day).map_err(|_| bad())?;
        let (time, offset) = if let Some(time) = clock.strip_suffix('Z') {
            (time, 0)
        } else {
            let sign_at = clock.rfind(['+', '-']).ok_or_else(bad)?;
            let (time, zone) = clock.split_at(sign_at);
            let sign = if zone.starts_with('-') { -1 } else { 1 };
            let (h, m) = zone[1..].split_once(':').ok_or_else(bad)?;
            let digits = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit());
            if !digits(h) || !digits(m) {
                return Err(bad());
            }
            let (h, m): (i32, i32) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
            if h > 23 || m > 59 {
                return Err(bad());
            }
            (time, sign * (h * 3600 + m * 60))
        };
        let clock_ok = |s: &str| {
            s.len() >= 5 && s.bytes().all(|b| b.is_ascii_digit() || b == b':') && s.len() <= 8
        };
        if !clock_ok(time) {
            return Err(bad());
        }
        let time = NaiveTime::parse_from_str(time, "%H:%M:%S")
            .or_else(|_| NaiveTime::parse_from_str(time, "%H:%M"))
            .map_err(|_| bad())?;
        let offset = FixedOffset::east_opt(offset).ok_or_else(bad)?;
        let at = offset
            .from_local_datetime(&date.and_time(time))
            .single()
            .ok_or_else(bad)?;
        Ok(Published { date, at: Some(at) })
    }

    /// The canonical form: `2025-12-06`, `2025-12-06T00:21Z`, `2025-12-05T19:21-05:00`.
    pub fn text(&self) -> String {
        let Some(at) = self.at else {
            return self.date.format("%Y-%m-%d").to_string();
        };
        let clock = if at.format("%S").to_string() == "00" {
            at.format("%Y-%m-%dT%H:%M").to_string()
        } else {
            at.format("%Y-%m-%dT%H:%M:%S").to_string()
        };
        if at.offset().fix().local_minus_utc() == 0 {
            format!("{clock}Z")
        } else {
            format!("{clock}{}", at.format("%:z"))
        }
    }

    /// From when the source counts: its moment, or the start of its day in `zone`
    /// (the dataset's), so that a day's reports count all that day.
    pub fn instant(&self, zone: Tz) -> Instant {
        match self.at {
            Some(at) => at.timestamp(),
            None => zone
                .from_local_datetime(&self.date.and_time(NaiveTime::MIN))
                .earliest()
                .map_or_else(
                    || self.date.and_time(NaiveTime::MIN).and_utc().timestamp(),
                    |d| d.timestamp(),
                ),
        }
    }

    /// "3 Dec", or "6 Dec 00:21 UTC" / "5 Dec 19:21 UTC-05:00" with its moment.
    pub fn label(&self) -> String {
        let day = self.date.format("%-d %b").to_string();
        match self.clock() {
            None => day,
            Some(clock) => format!("{day} {clock}"),
        }
    }

    /// "00:21 UTC", "19:21 UTC-05:00": the moment's time with its offset, if it has one.
    pub fn clock(&self) -> Option<String> {
        let at = self.at?;
        let zone = if at.offset().local_minus_utc() == 0 {
            "UTC".to_string()
        } else {
            format!("UTC{}", at.format("%:z"))
        };
        Some(format!("{} {zone}", at.format("%H:%M")))
    }
}

super::entities::keyword_enum! {
    /// How far the dataset trusts an account, as Wikidata ranks statements.
    Rank {
        Preferred => "preferred",
        Normal => "normal",
        Deprecated => "deprecated",
    }
}

super::entities::keyword_enum! {
    /// The part of an event an account gives, or a claim is about.
    Field {
        Time => "time",
        Place => "place",
        Participants => "participants",
        Kind => "kind",
        Status => "status",
        Outcomes => "outcomes",
        Claim => "claim",
    }
}

/// A person as an account names them, with the part it says they played.
#[derive(Clone, Debug, PartialEq)]
pub struct Named {
    pub person: PersonIx,
    pub role: Option<Box<str>>,
}

/// What an account says of its field.
#[derive(Clone, Debug, PartialEq)]
pub enum Told {
    Time(EventTime),
    Place(PlaceIx),
    Participants(Vec<Named>),
    Kind(EventKind),
    Status(Status),
    Outcomes(Vec<Box<str>>),
    /// Another wording of the event's claim at this position among its claims.
    Claim {
        claim: u32,
        text: Box<str>,
    },
}

impl Told {
    pub fn field(&self) -> Field {
        match self {
            Told::Time(_) => Field::Time,
            Told::Place(_) => Field::Place,
            Told::Participants(_) => Field::Participants,
            Told::Kind(_) => Field::Kind,
            Told::Status(_) => Field::Status,
            Told::Outcomes(_) => Field::Outcomes,
            Told::Claim { .. } => Field::Claim,
        }
    }
}

/// One source's account of a part of an event, other than the event's own.
#[derive(Clone, Debug, PartialEq)]
pub struct Account {
    pub told: Told,
    pub source: SourceIx,
    /// The quote or phrase as the source reports it.
    pub reported: Option<Box<str>>,
    pub rank: Rank,
}

/// A step of an event's status history: what a source reported of it.
#[derive(Clone, Debug, PartialEq)]
pub struct StatusStep {
    pub status: Status,
    pub source: SourceIx,
    pub reported: Option<Box<str>>,
}

/// What a claim is about: a part of its event, or a topic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum About {
    Field(Field),
    Topic(TopicIx),
}

/// A claim's id, what it is about and the claims of its event it contradicts.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimLinks {
    /// The claim's position among its event's claims.
    pub claim: u32,
    pub id: Option<Box<str>>,
    pub about: Option<About>,
    /// Positions among the event's claims.
    pub contradicts: Vec<u32>,
}

/// Everything an event's sources say beside its own fields.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventAccounts {
    pub accounts: Vec<Account>,
    pub status_history: Vec<StatusStep>,
    pub claims: Vec<ClaimLinks>,
}

impl EventAccounts {
    pub fn is_empty(&self) -> bool {
        self.accounts.is_empty() && self.status_history.is_empty() && self.claims.is_empty()
    }

    /// The alternative accounts of `field`.
    pub fn of(&self, field: Field) -> impl Iterator<Item = &Account> + '_ {
        self.accounts
            .iter()
            .filter(move |a| a.told.field() == field)
    }

    /// The account preferred for `field`: the first ranked `preferred`; `None` when
    /// it is the event's own.
    pub fn preferred(&self, field: Field) -> Option<&Account> {
        self.of(field).find(|a| a.rank == Rank::Preferred)
    }

    /// The fields with alternative accounts, in the order of [`Field::ALL`].
    pub fn disputed(&self) -> impl Iterator<Item = Field> + '_ {
        Field::ALL
            .iter()
            .copied()
            .filter(|f| self.of(*f).next().is_some())
    }

    /// The status as known when only the sources `counts` says were out counted: the
    /// last step of the history whose source counts; `None` when none does (or there
    /// is no history: the event's own status is then the only one).
    pub fn status_known(&self, counts: impl Fn(SourceIx) -> bool) -> Option<Status> {
        self.status_history
            .iter()
            .rev()
            .find(|s| counts(s.source))
            .map(|s| s.status)
    }

    /// The links of the claim at position `claim`, if it has any.
    pub fn claim(&self, claim: u32) -> Option<&ClaimLinks> {
        self.claims.iter().find(|c| c.claim == claim)
    }
}

/// Every event's accounts, sorted by event: found by a binary search.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Accounts {
    entries: Vec<(EventIx, EventAccounts)>,
}

impl Accounts {
    /// From entries in any order, each event at most once.
    pub fn new(mut entries: Vec<(EventIx, EventAccounts)>) -> Accounts {
        entries.retain(|(_, a)| !a.is_empty());
        entries.sort_unstable_by_key(|(ix, _)| *ix);
        Accounts { entries }
    }

    /// The event's accounts, if it has any.
    pub fn get(&self, ix: EventIx) -> Option<&EventAccounts> {
        self.entries
            .binary_search_by_key(&ix, |(e, _)| *e)
            .ok()
            .map(|k| &self.entries[k].1)
    }

    /// Every event with accounts, in time order.
    pub fn iter(&self) -> impl Iterator<Item = &(EventIx, EventAccounts)> {
        self.entries.iter()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_publication_is_a_day_or_a_moment_with_its_zone() {
        let day = Published::parse("2025-12-03").expect("a day");
        assert_eq!((day.at, day.text()), (None, "2025-12-03".to_string()));
        let utc = Published::parse("2025-12-06T00:21Z").expect("a moment");
        let local = Published::parse("2025-12-05T19:21-05:00").expect("a moment");
        assert_eq!(utc.at, local.at, "the same instant");
        assert_eq!(utc.text(), "2025-12-06T00:21Z");
        assert_eq!(local.text(), "2025-12-05T19:21-05:00");
        assert_eq!(local.date.to_string(), "2025-12-05");
        assert_eq!(utc.label(), "6 Dec 00:21 UTC");
        assert_eq!(
            Published::parse("2025-12-05T19:21:30+03:00")
                .expect("seconds")
                .text(),
            "2025-12-05T19:21:30+03:00"
        );
        for bad in [
            "2025-12-06T00:21",
            "2025-12-06T25:00Z",
            "2025-12-06T00:21+5",
            "2025-12-06 00:21Z",
            "06/12/2025",
            "2025-12-06Tnoon",
        ] {
            assert!(Published::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_day_counts_from_its_start_in_the_dataset_zone() {
        let day = Published::parse("2025-12-05").expect("a day");
        let ny: Tz = "America/New_York".parse().expect("zone");
        let moment = Published::parse("2025-12-05T00:00-05:00").expect("a moment");
        assert_eq!(day.instant(ny), moment.instant(ny));
    }
}
