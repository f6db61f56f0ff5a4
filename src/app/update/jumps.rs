//! The jump prompt (`:`) and `.`: where they move the selection.

use super::{normal, select, show};
use crate::app::document::Target;
use crate::app::jump::{self, Context, Prompt};
use crate::app::{Action, App, Focus, View};
use crate::model::describe::thousands;
use crate::model::time::Instant;
use crate::model::time::display::short_day_with_year;
use crate::model::time::zone::to_local;
use crate::model::timeline::EventIx;

pub(super) fn start(app: &mut App) {
    app.jump = Some(Prompt::default());
}

/// Keys while the prompt is open.
pub(super) fn typing(app: &mut App, action: Action) {
    let Some(prompt) = app.jump.as_mut() else {
        return;
    };
    match action {
        Action::SearchInput(c) => {
            prompt.text.push(c);
            prompt.candidates = None;
            prompt.cycle = None;
        }
        Action::SearchDeleteChar => {
            prompt.text.pop();
            prompt.candidates = None;
            prompt.cycle = None;
        }
        Action::JumpComplete => complete(app),
        Action::JumpConfirm => {
            let text = prompt.text.clone();
            app.jump = None;
            go(app, &text);
        }
        Action::Clear => app.jump = None,
        _ => {}
    }
}

/// Tab: the longest part all ids starting with the text share; when that adds
/// nothing, each of those ids in turn.
fn complete(app: &mut App) {
    let tl = &app.timeline;
    let Some(prompt) = app.jump.as_mut() else {
        return;
    };
    let id = |e: EventIx| tl.event(e).id().to_string();
    if let Some((typed, turn)) = prompt.cycle.clone() {
        let count = tl.events_with_id_prefix(&typed).len();
        let next = (turn + 1) % count.max(1);
        if let Some(e) = tl.events_with_id_prefix(&typed).nth(next) {
            prompt.text = id(e);
            prompt.cycle = Some((typed, next));
        }
        prompt.candidates = Some(count);
        return;
    }
    let typed = prompt.text.trim().to_string();
    let mut ids = tl.events_with_id_prefix(&typed);
    prompt.candidates = Some(ids.len());
    let (Some(first), last) = (ids.next(), ids.last()) else {
        return;
    };
    let first = id(first);
    let shared = match last {
        Some(last) => jump::common_prefix(&first, &id(last)).to_string(),
        None => first.clone(),
    };
    if shared.len() > typed.len() {
        prompt.text = shared;
    } else {
        prompt.text = first;
        prompt.cycle = Some((typed, 0));
    }
}

/// What the prompt's text is read against: the selected event's day, the dataset's
/// days, the clock and the as-of, in the display zone.
pub fn context(app: &App) -> Context {
    let zone = app.zone();
    let selected = app
        .event_at(app.nav.cursors[0].sel)
        .map(|e| app.timeline.event(e).time.nominal_start());
    let span = app
        .timeline
        .span()
        .map(|(a, b)| (jump::day_in(a, zone), jump::day_in(b, zone)));
    Context {
        zone,
        reference: jump::day_in(selected.unwrap_or(app.now_line()), zone),
        span,
        now: app.now,
        as_of: app.timeline.meta.as_of.map(|a| a.instant),
    }
}

/// An instant as the prompt's messages give it: "Thu 4 Dec 2025 00:00".
fn moment_label(app: &App, t: Instant) -> String {
    let local = to_local(t, app.zone());
    format!(
        "{} {}",
        short_day_with_year(local.date()),
        local.format("%H:%M")
    )
}

/// Enter: an event id as typed, else a date or time, else an id the text begins.
fn go(app: &mut App, text: &str) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    if let Some(e) = app.timeline.event_by_id(text) {
        to_event(app, e);
        return;
    }
    match jump::parse(text) {
        Ok(wanted) => match jump::resolve(wanted, &context(app)) {
            Ok(t) => to_moment(app, t),
            Err(msg) => app.status = Some(msg),
        },
        Err(msg) => {
            let (count, first) = {
                let mut ids = app.timeline.events_with_id_prefix(text);
                (ids.len(), ids.next())
            };
            match (count, first) {
                (1, Some(e)) => to_event(app, e),
                (0, _) | (_, None) => app.status = Some(msg),
                (n, Some(_)) => {
                    app.status = Some(format!(
                        "{} event ids start with “{}”: Tab completes",
                        thousands(n),
                        crate::model::text::clean_line(text)
                    ))
                }
            }
        }
    }
}

fn to_event(app: &mut App, e: EventIx) {
    app.remember();
    show(app, Target::Event(e));
    app.nav.focus = Focus::List;
}

/// Shows the events (the timeline, from a view of people, topics or places).
fn events_view(app: &mut App) {
    if !app.nav.view.shows_events() {
        normal(app, Action::Show(View::Timeline));
    } else {
        app.remember();
    }
}

/// The first position of the list whose event starts at or after `t` (`strictly`:
/// after it), by its start as reported.
fn first_from(app: &App, t: Instant, strictly: bool) -> usize {
    let before = |k: usize| {
        app.event_at(k).is_some_and(|e| {
            let s = app.timeline.event(e).time.nominal_start();
            s < t || (strictly && s == t)
        })
    };
    let (mut lo, mut hi) = (0, app.shown_len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if before(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// Selects the first event at or after a moment.
fn to_moment(app: &mut App, t: Instant) {
    let label = moment_label(app, t);
    let k = first_from(app, t, false);
    if k >= app.shown_len() {
        app.status = Some(format!("no event at or after {label}"));
        return;
    }
    events_view(app);
    select(app, k);
    app.status = Some(format!("first event at or after {label}"));
}

/// `.`: the first event not yet begun at the now line (the latest when all have), as
/// when the viewer starts.
pub(super) fn now(app: &mut App) {
    let t = app.now_line();
    let len = app.shown_len();
    if len == 0 {
        app.status = Some("no event to jump to".into());
        return;
    }
    let k = first_from(app, t, true).min(len - 1);
    events_view(app);
    select(app, k);
    app.status = Some(match app.as_of_line() {
        Some(a) => format!("as of {}: the dataset's as-of, before the clock", a.label()),
        None => format!("now: {}", moment_label(app, t)),
    });
}

/// What the prompt's text would do, for the footer while it is typed.
pub fn preview(app: &App) -> String {
    let Some(prompt) = &app.jump else {
        return String::new();
    };
    let text = prompt.text.trim();
    if text.is_empty() {
        return "a date (2025-12-04, dec 4, thursday), a time (14:00), now, as-of or an event id"
            .into();
    }
    if let Some((typed, turn)) = &prompt.cycle {
        let count = app.timeline.events_with_id_prefix(typed).len();
        return format!("event id {} of {}", thousands(turn + 1), thousands(count));
    }
    if app.timeline.event_by_id(text).is_some() {
        let count = app.timeline.events_with_id_prefix(text).len();
        return match count {
            1 => "→ this event".into(),
            n => format!("→ this event · {} ids start so", thousands(n)),
        };
    }
    match jump::parse(text).and_then(|w| jump::resolve(w, &context(app))) {
        Ok(t) => format!("→ {}", moment_label(app, t)),
        Err(msg) => match app.timeline.events_with_id_prefix(text).len() {
            0 if prompt.candidates.is_some() => "no event id starts so".into(),
            0 => msg,
            1 => "1 event id starts so".into(),
            n => format!("{} event ids start so", thousands(n)),
        },
    }
}
