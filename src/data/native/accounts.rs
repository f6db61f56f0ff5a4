//! The checks of version 2's parts of an event: its other accounts, its status
//! history, and its claims' ids, subjects and contradictions.

use super::format::{FileStr, RawAccount, RawEvent};
use super::read::{Base, Part};
use crate::data::zones::ZoneReadings;
use crate::model::accounts::{
    About, Account, ClaimLinks, EventAccounts, Field, Named, Rank, StatusStep, Told,
};
use crate::model::text::clean_line;
use crate::model::timeline::{EventKind, PersonIx, PlaceIx, SourceIx, Status, TopicIx};

impl Part {
    /// The event's accounts, status history and claim links, each problem reported
    /// with its place; `status` and `place` are the event's own as read.
    pub(super) fn accounts<S: FileStr>(
        &mut self,
        base: &Base,
        i: usize,
        e: &RawEvent<S>,
        status: Option<Status>,
        place: Option<PlaceIx>,
        readings: &mut ZoneReadings,
    ) -> EventAccounts {
        let linked = e
            .claims
            .iter()
            .any(|c| c.id.is_some() || c.about.is_some() || !c.contradicts.is_empty());
        if e.accounts.is_empty() && e.status_history.is_empty() && !linked {
            return EventAccounts::default();
        }
        if base.version_1 {
            let what = if !e.accounts.is_empty() {
                "accounts"
            } else if !e.status_history.is_empty() {
                "status_history"
            } else {
                "claims"
            };
            self.checker.report(
                format!("events[{i}].{what}"),
                format!(
                    "{} are part of format version 2 (the file says \"parley\": 1; write \
                     \"parley\": 2)",
                    if linked && what == "claims" {
                        "claim ids, 'about' and 'contradicts'"
                    } else {
                        "accounts and status histories"
                    }
                ),
            );
        }
        let mut out = EventAccounts::default();
        self.history(base, i, e, status, &mut out);
        self.claim_links(base, i, e, &mut out);
        for (j, a) in e.accounts.iter().enumerate() {
            if let Some(account) = self.account(base, i, j, e, a, place, readings) {
                out.accounts.push(account);
            }
        }
        out
    }

    fn source(&mut self, base: &Base, id: &str, at: impl FnOnce() -> String) -> Option<SourceIx> {
        self.checker
            .reference(&base.sources, "source", id, at)
            .map(SourceIx::new)
    }

    fn status_word(&mut self, word: &str, at: impl FnOnce() -> String) -> Option<Status> {
        Status::parse(word).or_else(|| {
            self.checker.report(
                at(),
                format!(
                    "unknown status '{}' (expected {})",
                    clean_line(word),
                    Status::expected()
                ),
            );
            None
        })
    }

    fn history<S: FileStr>(
        &mut self,
        base: &Base,
        i: usize,
        e: &RawEvent<S>,
        status: Option<Status>,
        out: &mut EventAccounts,
    ) {
        let at = |j: usize, f: &str| format!("events[{i}].status_history[{j}].{f}");
        for (j, step) in e.status_history.iter().enumerate() {
            let word = self.status_word(step.status.as_ref(), || at(j, "status"));
            let source = self.source(base, step.source.as_ref(), || at(j, "source"));
            if let (Some(status), Some(source)) = (word, source) {
                out.status_history.push(StatusStep {
                    status,
                    source,
                    reported: step.reported.as_ref().map(|r| r.as_ref().into()),
                });
            }
        }
        let last = e.status_history.len().checked_sub(1);
        if let (Some(j), Some(last), Some(status)) = (last, out.status_history.last(), status)
            && last.status != status
        {
            self.checker.report(
                at(j, "status"),
                format!(
                    "the history ends '{}' but the event's status is '{}' (the last step \
                     is the status as of the dataset)",
                    last.status.keyword(),
                    status.keyword()
                ),
            );
        }
    }

    fn claim_links<S: FileStr>(
        &mut self,
        base: &Base,
        i: usize,
        e: &RawEvent<S>,
        out: &mut EventAccounts,
    ) {
        let at = |j: usize, f: &str| format!("events[{i}].claims[{j}].{f}");
        let ids: Vec<Option<&str>> = e
            .claims
            .iter()
            .map(|c| c.id.as_ref().map(AsRef::as_ref))
            .collect();
        for (j, id) in ids.iter().enumerate() {
            if let Some(id) = id {
                if crate::model::text::is_blank(id) {
                    self.checker.report(at(j, "id"), "empty claim id");
                } else if let Some(first) = ids[..j].iter().position(|x| x == &Some(*id)) {
                    self.checker.report(
                        at(j, "id"),
                        format!(
                            "duplicate claim id '{}' (already used by claims[{first}])",
                            clean_line(id)
                        ),
                    );
                }
            }
        }
        let known = || {
            let named: Vec<String> = ids.iter().flatten().map(|i| format!("'{i}'")).collect();
            if named.is_empty() {
                "no claim of this event has an id".to_string()
            } else {
                format!("known: {}", named.join(", "))
            }
        };
        for (j, c) in e.claims.iter().enumerate() {
            let about = c.about.as_ref().and_then(|a| {
                let a = a.as_ref();
                if let Some(topic) = a.strip_prefix("topic:") {
                    return self
                        .checker
                        .reference(&base.topics, "topic", topic, || at(j, "about"))
                        .map(|t| About::Topic(TopicIx::new(t)));
                }
                match Field::parse(a) {
                    Some(f) if f != Field::Claim => Some(About::Field(f)),
                    _ => {
                        self.checker.report(
                            at(j, "about"),
                            format!(
                                "unknown subject '{}' (expected time, place, participants, \
                                 kind, status, outcomes or topic:ID)",
                                clean_line(a)
                            ),
                        );
                        None
                    }
                }
            });
            let mut contradicts = Vec::new();
            for (k, other) in c.contradicts.iter().enumerate() {
                let other = other.as_ref();
                let path = || format!("events[{i}].claims[{j}].contradicts[{k}]");
                match ids.iter().position(|x| x == &Some(other)) {
                    Some(p) if p == j => {
                        self.checker
                            .report(path(), "a claim cannot contradict itself");
                    }
                    Some(p) => contradicts.push(p as u32),
                    None => self.checker.report(
                        path(),
                        format!("unknown claim '{}' ({})", clean_line(other), known()),
                    ),
                }
            }
            let id = c.id.as_ref().map(|x| x.as_ref().into());
            if id.is_some() || about.is_some() || !contradicts.is_empty() {
                out.claims.push(ClaimLinks {
                    claim: j as u32,
                    id,
                    about,
                    contradicts,
                });
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn account<S: FileStr>(
        &mut self,
        base: &Base,
        i: usize,
        j: usize,
        e: &RawEvent<S>,
        a: &RawAccount<S>,
        place: Option<PlaceIx>,
        readings: &mut ZoneReadings,
    ) -> Option<Account> {
        let at = |f: &str| format!("events[{i}].accounts[{j}].{f}");
        let field = Field::parse(a.of.as_ref());
        if field.is_none() {
            self.checker.report(
                at("of"),
                format!(
                    "unknown part '{}' (expected {})",
                    clean_line(a.of.as_ref()),
                    Field::expected()
                ),
            );
        }
        let source = self.source(base, a.source.as_ref(), || at("source"));
        let rank = match &a.rank {
            None => Some(Rank::Normal),
            Some(r) => Rank::parse(r.as_ref()).or_else(|| {
                self.checker.report(
                    at("rank"),
                    format!(
                        "unknown rank '{}' (expected {})",
                        clean_line(r.as_ref()),
                        Rank::expected()
                    ),
                );
                None
            }),
        };
        // Each part's own member, present for the part `of` names and for no other.
        let members: [(Field, &str, bool); 7] = [
            (Field::Time, "time", a.time.is_some()),
            (Field::Place, "place", a.place.is_some()),
            (
                Field::Participants,
                "participants",
                a.participants.is_some(),
            ),
            (Field::Kind, "kind", a.kind.is_some()),
            (Field::Status, "status", a.status.is_some()),
            (Field::Outcomes, "outcomes", a.outcomes.is_some()),
            (Field::Claim, "text", a.text.is_some()),
        ];
        let field = field?;
        let mut sound = true;
        for (f, name, present) in members {
            if f == field && !present {
                self.checker.report(
                    format!("events[{i}].accounts[{j}]"),
                    format!(
                        "an account of '{}' needs '{name}': what the source says of it",
                        field.keyword()
                    ),
                );
                sound = false;
            } else if f != field && present {
                self.checker.report(
                    at(name),
                    format!(
                        "'{name}' in an account of '{}' (an account gives one part; write \
                         another account for it)",
                        field.keyword()
                    ),
                );
                sound = false;
            }
        }
        if field != Field::Claim && a.claim.is_some() {
            self.checker.report(
                at("claim"),
                format!(
                    "'claim' in an account of '{}' (only an account of a claim names one)",
                    field.keyword()
                ),
            );
            sound = false;
        }
        if !sound {
            return None;
        }
        let told = match field {
            Field::Time => {
                let t = a.time.as_ref()?;
                if t.reported.is_some() {
                    self.checker.report(
                        at("time.reported"),
                        "an account's phrase as reported is its own 'reported', beside 'time'",
                    );
                    return None;
                }
                let zone = match t.zone.as_ref().map(AsRef::as_ref) {
                    Some(z) => self.checker.zone(|| at("time.zone"), z),
                    None => {
                        Some(place.map_or(base.meta.zone, |p| base.registry.places[p.get()].zone))
                    }
                };
                Told::Time(self.time(|f| at(&format!("time.{f}")), t, zone, readings)?)
            }
            Field::Place => {
                let p = a.place.as_ref()?;
                let p = self
                    .checker
                    .reference(&base.places, "place", p.as_ref(), || at("place"))?;
                Told::Place(PlaceIx::new(p))
            }
            Field::Participants => {
                let mut named = Vec::new();
                for (k, b) in a.participants.as_ref()?.iter().enumerate() {
                    let person = self.checker.reference(
                        &base.people,
                        "participant",
                        b.person.as_ref(),
                        || at(&format!("participants[{k}].person")),
                    );
                    if let Some(person) = person {
                        named.push(Named {
                            person: PersonIx::new(person),
                            role: b.role.as_ref().map(|r| r.as_ref().into()),
                        });
                    }
                }
                Told::Participants(named)
            }
            Field::Kind => {
                let k = a.kind.as_ref()?.as_ref();
                Told::Kind(EventKind::parse(k).or_else(|| {
                    self.checker.report(
                        at("kind"),
                        format!(
                            "unknown event kind '{}' (expected {})",
                            clean_line(k),
                            EventKind::expected()
                        ),
                    );
                    None
                })?)
            }
            Field::Status => {
                let s = a.status.as_ref()?.as_ref();
                Told::Status(self.status_word(s, || at("status"))?)
            }
            Field::Outcomes => Told::Outcomes(
                a.outcomes
                    .as_ref()?
                    .iter()
                    .map(|o| o.as_ref().into())
                    .collect(),
            ),
            Field::Claim => {
                let Some(id) = a.claim.as_ref() else {
                    self.checker.report(
                        format!("events[{i}].accounts[{j}]"),
                        "an account of 'claim' needs 'claim': the id of the claim it words \
                         otherwise",
                    );
                    return None;
                };
                let id = id.as_ref();
                let found = e
                    .claims
                    .iter()
                    .position(|c| c.id.as_ref().is_some_and(|x| x.as_ref() == id));
                let Some(claim) = found else {
                    self.checker.report(
                        at("claim"),
                        format!(
                            "unknown claim '{}' among the event's claims",
                            clean_line(id)
                        ),
                    );
                    return None;
                };
                Told::Claim {
                    claim: claim as u32,
                    text: a.text.as_ref()?.as_ref().into(),
                }
            }
        };
        Some(Account {
            told,
            source: source?,
            reported: a.reported.as_ref().map(|r| r.as_ref().into()),
            rank: rank?,
        })
    }
}
