//! Incremental search: what counts as a match for each kind of item, and how a search
//! steps through the current list (a few thousand items per frame) and moves the
//! selection to its matches.

use super::update::select;
use super::{Action, App, View};
use crate::model::timeline::{Event, Participant, Place, Timeline, Topic};

/// How many items a search checks before the screen is drawn again: a few
/// milliseconds over a large dataset, so that keys are never kept waiting by a long
/// list. A list this short is searched at once.
pub const STEP: usize = 4096;

/// The part of the list a search has still to check: from `origin` (where the search
/// began) to the end of the list, then from its start back to `origin`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pending {
    pub origin: usize,
    /// The next position to check.
    pub next: usize,
    /// Past the end of the list and on from its start.
    pub wrapped: bool,
}

impl Pending {
    /// How many of `len` items have been checked.
    pub fn checked(&self, len: usize) -> usize {
        if self.wrapped {
            len.saturating_sub(self.origin) + self.next
        } else {
            self.next.saturating_sub(self.origin)
        }
    }
}

/// A search being typed or kept.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    /// Keys go to the query while true.
    pub typing: bool,
    /// Positions of the matches found in the current list, ascending.
    pub hits: Vec<usize>,
    /// What is left to check; `None` once the whole list has been.
    pub pending: Option<Pending>,
    /// The query changed and the selection has yet to move to its first match.
    pub landing: bool,
    /// The matches (and what was left to check) of each shorter query typed on the
    /// way, for Backspace.
    pub earlier: Vec<(Vec<usize>, Option<Pending>)>,
    /// The selection when the search began: typing searches onwards from it.
    pub origin: usize,
}

impl Search {
    pub fn is_active(&self) -> bool {
        !self.query.is_empty()
    }

    /// How many items of the current list match.
    pub fn matches(&self) -> usize {
        self.hits.len()
    }

    pub fn needle(&self) -> String {
        self.query.to_lowercase()
    }
}

/// Case-insensitive containment without allocating for ASCII text.
pub fn contains(haystack: &str, needle_lower: &str) -> bool {
    if needle_lower.is_empty() {
        return true;
    }
    if haystack.is_ascii() && needle_lower.is_ascii() {
        let (h, n) = (haystack.as_bytes(), needle_lower.as_bytes());
        return h.len() >= n.len() && h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n));
    }
    haystack.to_lowercase().contains(needle_lower)
}

/// An event matches on its title, people, place, topics, or any of its text.
pub fn event_matches(tl: &Timeline, ev: &Event, needle: &str) -> bool {
    contains(ev.title(), needle)
        || tl.attendees(ev).iter().any(|a| {
            let p = tl.person(a.person);
            contains(p.name, needle) || a.role.is_some_and(|r| contains(tl.role(r), needle))
        })
        || ev
            .place
            .is_some_and(|p| contains(&tl.place(p).name, needle))
        || tl
            .event_topics(ev)
            .iter()
            .any(|t| contains(&tl.topic(*t).name, needle))
        || contains(ev.summary(), needle)
        || ev.outcomes().any(|o| contains(o, needle))
        || tl
            .claims(ev)
            .iter()
            .any(|c| contains(ev.said(c), needle) || contains(ev.speaker(c), needle))
        || ev.reported().is_some_and(|r| contains(r, needle))
        || contains(ev.kind.keyword(), needle)
}

pub fn person_matches(tl: &Timeline, p: Participant<'_>, needle: &str) -> bool {
    contains(p.name, needle)
        || contains(p.role, needle)
        || contains(p.note, needle)
        || p.party.is_some_and(|s| contains(&tl.party(s).name, needle))
}

pub fn topic_matches(t: &Topic, needle: &str) -> bool {
    contains(&t.name, needle) || contains(&t.id, needle)
}

pub fn place_matches(p: &Place, needle: &str) -> bool {
    contains(&p.name, needle) || contains(p.zone.name(), needle)
}

/// Starts a search from the selection: keys go to the query from now on.
pub(super) fn start(app: &mut App) {
    app.search.query.clear();
    app.search.typing = true;
    app.search.origin = app.cursor().sel;
}

fn item_matches(app: &App, k: usize, needle: &str) -> bool {
    let tl = &app.timeline;
    match app.nav.view {
        View::Timeline | View::Axis => app
            .event_at(k)
            .is_some_and(|e| event_matches(tl, tl.event(e), needle)),
        View::People => app
            .people_listed()
            .get(k)
            .is_some_and(|p| person_matches(tl, tl.person(*p), needle)),
        View::Topics => app
            .topic_at(k)
            .is_some_and(|t| topic_matches(tl.topic(t), needle)),
        View::Places => app
            .place_at(k)
            .is_some_and(|p| place_matches(tl.place(p), needle)),
    }
}

/// Whether item `k` of the current list matches the search (for highlighting).
pub(super) fn is_match(app: &App, k: usize) -> bool {
    app.search.is_active() && app.search.hits.binary_search(&k).is_ok()
}

/// Starts looking for the query's matches in the current list, from the selection
/// (where the search began, while it is typed).
pub(super) fn recount(app: &mut App) {
    app.search.hits.clear();
    app.search.pending = None;
    if !app.search.is_active() {
        return;
    }
    // Matches of shorter queries were for the list as it was.
    app.search.earlier.clear();
    let len = app.list_len(app.nav.view);
    let origin = if app.search.typing {
        app.search.origin
    } else {
        app.cursor().sel
    };
    let origin = origin.min(len);
    app.search.pending = Some(Pending {
        origin,
        next: origin,
        wrapped: false,
    });
    more(app);
}

/// A longer query only matches where the shorter one did: look only there, and in
/// what the shorter one had still to check.
fn narrow(app: &mut App) {
    let needle = app.search.needle();
    let mut hits = std::mem::take(&mut app.search.hits);
    hits.retain(|&k| item_matches(app, k, &needle));
    app.search.hits = hits;
    more(app);
}

/// Checks up to [`STEP`] more items of a search still under way, then moves
/// the selection to the first match if it is waiting for one.
pub(super) fn more(app: &mut App) {
    let Some(mut p) = app.search.pending else {
        land(app);
        return;
    };
    let len = app.list_len(app.nav.view);
    let needle = app.search.needle();
    let mut budget = STEP;
    while budget > 0 {
        let end = if p.wrapped { p.origin.min(len) } else { len };
        if p.next >= end {
            if p.wrapped {
                app.search.pending = None;
                land(app);
                return;
            }
            p.wrapped = true;
            p.next = 0;
            continue;
        }
        let stop = (p.next + budget).min(end);
        let found: Vec<usize> = (p.next..stop)
            .filter(|&k| item_matches(app, k, &needle))
            .collect();
        let hits = &mut app.search.hits;
        let at = hits.partition_point(|&k| k < p.next);
        hits.splice(at..at, found);
        budget -= stop - p.next;
        p.next = stop;
    }
    app.search.pending = Some(p);
    land(app);
}

/// After the query changes: the first match from where the search began, as soon as
/// it is known; where the search began if there is none.
fn land(app: &mut App) {
    if !app.search.landing {
        return;
    }
    let origin = app.search.origin;
    let hits = &app.search.hits;
    let after = hits.get(hits.partition_point(|&k| k < origin)).copied();
    let target = match (after, app.search.pending) {
        (Some(k), _) => Some(k),
        // Nothing after the origin: the first match from the top, once the search
        // has come round to the top.
        (None, Some(p)) if p.wrapped => hits.first().copied(),
        (None, Some(_)) => None,
        (None, None) => Some(hits.first().copied().unwrap_or(origin)),
    };
    if let Some(k) = target {
        app.search.landing = false;
        select(app, k);
    }
}

/// The next match from `from` (inclusive) in a direction, wrapping around.
fn find_match(app: &App, from: usize, forward: bool) -> Option<usize> {
    let hits = &app.search.hits;
    if !app.search.is_active() || hits.is_empty() {
        return None;
    }
    let at = hits.partition_point(|&k| k < from);
    if forward {
        hits.get(at).or(hits.first()).copied()
    } else if hits.get(at) == Some(&from) {
        Some(from)
    } else {
        at.checked_sub(1)
            .and_then(|i| hits.get(i))
            .or(hits.last())
            .copied()
    }
}

pub(super) fn step(app: &mut App, forward: bool) {
    if !app.search.is_active() {
        app.status = Some("no search: / starts one".into());
        return;
    }
    let len = app.list_len(app.nav.view).max(1);
    let sel = app.cursor().sel;
    let from = if forward {
        (sel + 1) % len
    } else {
        (sel + len - 1) % len
    };
    match find_match(app, from, forward) {
        Some(k) => {
            // Past the last match onwards, or the first backwards, comes round again.
            let wrapped = if forward { k <= sel } else { k >= sel };
            select(app, k);
            app.status = Some(where_in_matches(&app.search, k, forward, wrapped));
        }
        None => app.status = Some(format!("no match for “{}”", app.search.query)),
    }
}

/// Which match `k` is, of how many (so far, while the search goes on), and whether
/// the step came round from the other end.
fn where_in_matches(search: &Search, k: usize, forward: bool, wrapped: bool) -> String {
    let nth = search.hits.partition_point(|&h| h < k) + 1;
    let so_far = if search.pending.is_some() {
        " found so far"
    } else {
        ""
    };
    let round = match (wrapped, forward) {
        (false, _) => "",
        (true, true) => " · wrapped to the top",
        (true, false) => " · wrapped to the bottom",
    };
    format!("match {nth} of {}{so_far}{round}", search.matches())
}

pub(super) fn typing(app: &mut App, action: Action) {
    match action {
        Action::SearchInput(c) => {
            let narrows = app.search.is_active();
            let kept = (app.search.hits.clone(), app.search.pending);
            app.search.earlier.push(kept);
            app.search.query.push(c);
            app.search.landing = true;
            if narrows {
                narrow(app);
            } else {
                recount(app);
            }
        }
        Action::SearchDeleteChar => {
            app.search.query.pop();
            app.search.landing = true;
            // The shorter query's matches were kept: no need to look again.
            match app.search.earlier.pop() {
                Some((hits, pending)) if app.search.is_active() => {
                    app.search.hits = hits;
                    app.search.pending = pending;
                    more(app);
                }
                _ => {
                    recount(app);
                    if !app.search.is_active() {
                        app.search.landing = false;
                        let origin = app.search.origin;
                        select(app, origin);
                    }
                }
            }
        }
        Action::SearchConfirm => {
            app.search.typing = false;
            if app.search.is_active() && app.search.matches() == 0 && !app.busy() {
                app.status = Some(format!("no match for “{}”", app.search.query));
            }
        }
        Action::Clear => {
            let origin = app.search.origin;
            app.search = Default::default();
            select(app, origin);
        }
        Action::SearchNext => step(app, true),
        Action::SearchPrev => step(app, false),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::contains;

    #[test]
    fn case_insensitive() {
        assert!(contains("Rustem Umerov", "umerov"));
        assert!(contains("Рустем Умєров", "умєров"));
        assert!(!contains("Witkoff", "umerov"));
        assert!(contains("anything", ""));
    }
}
