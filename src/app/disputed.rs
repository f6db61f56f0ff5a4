//! The detail's "Accounts" section: each disputed part of a meeting with what every
//! source says of it, side by side, and when each said it.

use super::document::{Document, Para, Tag};
use crate::model::accounts::{Account, EventAccounts, Field, Rank, Told};
use crate::model::describe;
use crate::model::disputes;
use crate::model::time::Instant;
use crate::model::timeline::{Event, EventIx, SourceIx, Timeline};

/// Width of the part's name in front of its accounts ("time", "claim").
const PART: usize = 9;

/// What the event's own fields say of `field` (the dataset's account), in the words an
/// account of it is given in; for a claim, the claim's words.
fn own(tl: &Timeline, ev: &Event, acc: &EventAccounts, account: &Account) -> String {
    match &account.told {
        Told::Time(_) => describe::when_line(ev, tl.local_zone(ev)),
        Told::Place(_) => ev
            .place
            .map_or_else(|| "no place".to_string(), |p| tl.place(p).name.to_string()),
        Told::Kind(_) => describe::kind_name(ev.kind).to_lowercase(),
        Told::Status(_) => ev.status.keyword().to_string(),
        Told::Outcomes(_) => ev.outcomes().collect::<Vec<_>>().join("; "),
        // The people the accounts name, with the part the dataset gives them.
        Told::Participants(_) => {
            let named: Vec<_> = acc
                .of(Field::Participants)
                .flat_map(|a| match &a.told {
                    Told::Participants(n) => n.iter().map(|n| n.person).collect(),
                    _ => Vec::new(),
                })
                .collect();
            tl.attendees(ev)
                .iter()
                .filter(|a| named.contains(&a.person))
                .map(|a| match a.role {
                    Some(r) => format!("{} ({})", tl.person(a.person).name, tl.role(r)),
                    None => tl.person(a.person).name.to_string(),
                })
                .collect::<Vec<_>>()
                .join(", ")
        }
        Told::Claim { claim, .. } => tl
            .claims(ev)
            .get(*claim as usize)
            .map(|c| format!("\"{}\"", ev.said(c)))
            .unwrap_or_default(),
    }
}

/// Who gives the event's own account: the dataset (its sources are listed below), or
/// for a claim, the claim's source.
fn own_sources(tl: &Timeline, ev: &Event, account: &Account) -> String {
    if let Told::Claim { claim, .. } = &account.told
        && let Some(c) = tl.claims(ev).get(*claim as usize)
    {
        return disputes::source_label(tl, c.source);
    }
    "the dataset".to_string()
}

/// The part's name as the section shows it, within its column.
fn label(part: Field) -> &'static str {
    match part {
        Field::Participants => "who",
        other => other.keyword(),
    }
}

/// One account's line: what it says, then who said it and when, then its words.
fn line(part: &str, says: String, who: String, reported: Option<&str>, rank: Rank) -> Para {
    let mut p = Para::new()
        .text(format!("  {part:<w$}", w = PART - 2), Tag::Label)
        .text(says, Tag::Plain)
        .text(format!("  {who}"), Tag::Dim);
    if let Some(r) = reported {
        p = p.text(format!(" “{r}”"), Tag::Quote);
    }
    if rank != Rank::Normal {
        p = p.text(format!(" [{}]", rank.keyword()), Tag::Dim);
    }
    p
}

/// The "Accounts" section of event `e`: nothing when no source disputes any part. With
/// a knowledge cursor `known`, only what the sources out by then said.
pub fn section(doc: &mut Document, tl: &Timeline, e: EventIx, known: Option<Instant>) {
    let Some(acc) = tl.accounts_of(e) else {
        return;
    };
    let counts = |s: SourceIx| known.is_none_or(|at| tl.counts_by(s, at));
    let steps: Vec<_> = acc
        .status_history
        .iter()
        .filter(|s| counts(s.source))
        .collect();
    let accounts: Vec<&Account> = acc.accounts.iter().filter(|a| counts(a.source)).collect();
    if accounts.is_empty() && steps.is_empty() {
        return;
    }
    let ev = tl.event(e);
    doc.heading("Accounts");
    if !steps.is_empty() {
        for (k, step) in steps.into_iter().enumerate() {
            let part = if k == 0 { "status" } else { "" };
            doc.para(
                PART,
                line(
                    part,
                    format!(
                        "{} {}",
                        describe::status_mark(step.status),
                        step.status.keyword()
                    ),
                    disputes::source_label(tl, step.source),
                    step.reported.as_deref(),
                    Rank::Normal,
                ),
            );
        }
    }
    // Each disputed part: the dataset's own account first, then every other.
    let mut parts: Vec<String> = Vec::new();
    for &a in &accounts {
        let name = label(a.told.field());
        let part = disputes::part(acc, a);
        if parts.contains(&part) {
            continue;
        }
        let same: Vec<&Account> = accounts
            .iter()
            .copied()
            .filter(|b| disputes::part(acc, b) == part)
            .collect();
        let own_rank = if same.iter().any(|b| b.rank == Rank::Preferred) {
            Rank::Normal
        } else {
            Rank::Preferred
        };
        doc.para(
            PART,
            line(
                name,
                own(tl, ev, acc, a),
                own_sources(tl, ev, a),
                None,
                // Marked preferred only when some other account is ranked.
                if same.iter().any(|b| b.rank != Rank::Normal) {
                    own_rank
                } else {
                    Rank::Normal
                },
            ),
        );
        for b in same {
            doc.para(
                PART,
                line(
                    "",
                    disputes::told(tl, ev, b),
                    disputes::source_label(tl, b.source),
                    b.reported.as_deref(),
                    b.rank,
                ),
            );
        }
        parts.push(part);
    }
}
