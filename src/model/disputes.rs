//! Other accounts of an event in words, for the agenda, the briefing, the calendar and
//! the detail: what each source says of a part, when it said it, and how it is ranked.
//! The words are as written in the file; callers show them through
//! [`crate::model::text`]'s rule.

use super::accounts::{Account, EventAccounts, Rank, StatusStep, Told};
use super::describe;
use super::timeline::{Event, EventIx, SourceIx, Timeline};

/// "AiF via news.mail.ru (3 Dec)": a source with the day or moment it was published.
pub fn source_label(tl: &Timeline, source: SourceIx) -> String {
    let s = tl.source(source);
    match s.published {
        Some(p) => format!("{} ({})", s.name, p.label()),
        None => s.name.to_string(),
    }
}

/// What an account says of its part, in words: "Tue 2 Dec ~19:35" (in the event's own
/// zone, so that accounts compare), "Kremlin, Moscow", "briefing", "held", a list.
pub fn told(tl: &Timeline, ev: &Event, account: &Account) -> String {
    match &account.told {
        Told::Time(t) => {
            // The event with this account's time, described as the event's own is.
            let mut alt = ev.clone();
            alt.time = t.clone();
            describe::when_line(&alt, tl.local_zone(ev))
        }
        Told::Place(p) => tl.place(*p).name.to_string(),
        Told::Participants(named) => named
            .iter()
            .map(|n| match &n.role {
                Some(r) => format!("{} ({r})", tl.person(n.person).name),
                None => tl.person(n.person).name.to_string(),
            })
            .collect::<Vec<_>>()
            .join(", "),
        Told::Kind(k) => describe::kind_name(*k).to_lowercase(),
        Told::Status(s) => s.keyword().to_string(),
        Told::Outcomes(o) => o.join("; "),
        Told::Claim { text, .. } => format!("\"{text}\""),
    }
}

/// The part an account gives, as a line starts with it: "time", "claim tone".
pub fn part(acc: &EventAccounts, account: &Account) -> String {
    match &account.told {
        Told::Claim { claim, .. } => match acc.claim(*claim).and_then(|c| c.id.as_deref()) {
            Some(id) => format!("claim {id}"),
            None => "claim".to_string(),
        },
        t => t.field().keyword().to_string(),
    }
}

/// One line per account: `time: Tue 2 Dec ~19:35 — AiF via news.mail.ru (3 Dec) · "about
/// 19:35 Moscow time"`, with its rank when it is not normal.
pub fn account_line(tl: &Timeline, ev: &Event, acc: &EventAccounts, account: &Account) -> String {
    let mut line = format!(
        "{}: {} — {}",
        part(acc, account),
        told(tl, ev, account),
        source_label(tl, account.source)
    );
    if let Some(r) = &account.reported {
        line.push_str(&format!(" · \"{r}\""));
    }
    if account.rank != Rank::Normal {
        line.push_str(&format!(" [{}]", account.rank.keyword()));
    }
    line
}

/// "status: expected — AP via UNN (4 Dec) → held — Axios (5 Dec)".
pub fn history_line(tl: &Timeline, steps: &[StatusStep]) -> Option<String> {
    if steps.is_empty() {
        return None;
    }
    let words: Vec<String> = steps
        .iter()
        .map(|s| {
            let mut w = format!("{} — {}", s.status.keyword(), source_label(tl, s.source));
            if let Some(r) = &s.reported {
                w.push_str(&format!(" · \"{r}\""));
            }
            w
        })
        .collect();
    Some(format!("status: {}", words.join(" → ")))
}

/// Every line the event's other accounts take: its status history, then one line per
/// account; none for an event without.
pub fn lines(tl: &Timeline, ix: EventIx) -> Vec<String> {
    let Some(acc) = tl.accounts_of(ix) else {
        return Vec::new();
    };
    let ev = tl.event(ix);
    let mut out: Vec<String> = history_line(tl, &acc.status_history).into_iter().collect();
    out.extend(acc.accounts.iter().map(|a| account_line(tl, ev, acc, a)));
    out
}

/// Whether the event has other accounts of any of its parts.
pub fn is_disputed(tl: &Timeline, ix: EventIx) -> bool {
    tl.accounts_of(ix).is_some_and(|a| !a.accounts.is_empty())
}

/// The most events [`report`] words; the rest are counted.
pub const REPORT_EVENTS: usize = 500;

/// Every disagreement in the dataset, event by event in time order: a line naming the
/// event ("kremlin-putin · Tue 2 Dec 2025 ~11:40 · Witkoff and Kushner meet Putin"),
/// then its status history and other accounts, then the claims that contradict others,
/// indented. The first [`REPORT_EVENTS`] events are worded, the rest counted.
pub fn report(tl: &Timeline) -> Vec<String> {
    let mut out = Vec::new();
    let mut events = 0;
    for (ix, acc) in tl.accounts.iter() {
        let contradictions: Vec<String> = acc
            .claims
            .iter()
            .flat_map(|c| c.contradicts.iter().map(move |&k| (c.claim, k)))
            .filter_map(|(a, b)| {
                let ev = tl.event(*ix);
                let claims = tl.claims(ev);
                let (a, b) = (claims.get(a as usize)?, claims.get(b as usize)?);
                Some(format!(
                    "claim: \"{}\" ({}) contradicts \"{}\" ({})",
                    ev.said(a),
                    tl.source(a.source).id,
                    ev.said(b),
                    tl.source(b.source).id
                ))
            })
            .collect();
        if acc.accounts.is_empty() && contradictions.is_empty() {
            continue;
        }
        events += 1;
        if events > REPORT_EVENTS {
            continue;
        }
        let ev = tl.event(*ix);
        out.push(format!(
            "{} · {} · {}",
            ev.id(),
            describe::full_start_line(ev, tl.meta.zone),
            ev.title()
        ));
        for line in lines(tl, *ix).into_iter().chain(contradictions) {
            out.push(format!("    {line}"));
        }
    }
    if events > REPORT_EVENTS {
        out.push(format!(
            "… and {} more events with accounts that disagree",
            describe::thousands(events - REPORT_EVENTS)
        ));
    }
    out
}
