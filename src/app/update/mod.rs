//! `update`: the only place the viewer's state changes.

use crate::app::document::Width;

use super::document::Target;
use super::filter::{self, FilterKind};
use super::keymap::Mode;
use super::rows::{self, ListRow};
use super::search;
use super::{Action, App, FilterMenu, Focus, View, detail, layout, view_index};
use crate::model::timeline::{EventIx, Timeline};
use crate::watch::Reload;

mod filters;
pub(super) mod jumps;
mod mouse;
mod on_axis;
mod reload;

use filters::{filter_find, filter_menu, refilter};
use mouse::{click, contains, wheel};
use on_axis::{axis_mode, settle_axis};

pub(super) fn update(app: &mut App, action: Action) {
    if !matches!(
        action,
        Action::Resize(..) | Action::Clock(_) | Action::Continue | Action::Reloaded(_)
    ) {
        app.status = None;
    }
    let panned = matches!(
        action,
        Action::Pan(_) | Action::ScrollUp(..) | Action::ScrollDown(..)
    );
    let resized = matches!(action, Action::Resize(..));
    let by_user = !matches!(
        action,
        Action::Resize(..) | Action::Clock(_) | Action::Continue | Action::Reloaded(_)
    );
    update_inner(app, action);
    // A row a reload changed is visited once the user selects it (its detail is shown
    // beside the list, or opens on Enter); a reload itself visits nothing.
    if by_user
        && let Some(Target::Event(e)) = app.subject()
        && let Some(changes) = app.changes.as_mut()
    {
        changes.visit(&app.timeline, e);
    }
    keep_detail(app);
    // The focused link stays in sight at the new size (its line moves as text rewraps).
    if resized && app.nav.focus == Focus::Detail && app.nav.link.is_some() {
        focus_link(app, app.nav.link);
    }
    // Whatever changed (zone, data, size), the detail's scroll stays within it.
    if app.nav.detail_scroll > 0 {
        clamp_detail_scroll(app);
    }
    if app.nav.view == View::Axis {
        settle_axis(app, panned && app.mode() == Mode::Axis);
    }
}

/// Builds the detail document again if what it is made from changed: at the width the
/// detail has when shown, so that scrolling and clamping on a narrow screen (where the
/// list hides it) find it kept too.
fn keep_detail(app: &mut App) {
    let areas = layout::areas(app.size.0, app.size.1, Focus::Detail);
    if let Some(inner) = areas.detail_inner()
        && !app
            .nav
            .detail_doc
            .as_ref()
            .is_some_and(|d| d.fits(app, inner.width))
    {
        app.nav.detail_doc = Some(detail::KeptDocument::new(app, inner.width));
    }
}

fn update_inner(app: &mut App, action: Action) {
    match action {
        Action::Quit => app.quit = true,
        Action::Suspend => app.suspend = true,
        Action::Clock(now) => {
            app.now = now;
        }
        Action::Continue => search::more(app),
        Action::Reloaded(outcome) => reload::reloaded(app, outcome),
        Action::KnownAt(at) => travel_to(app, at),
        Action::Resize(w, h) => {
            // The detail's scroll is clamped once its document is laid out at the new
            // width (in `update`).
            app.size = (w, h);
            rows::scroll_into_view(app);
        }
        _ => match app.mode() {
            Mode::Axis => axis_mode(app, action),
            Mode::Help => help(app, action),
            Mode::Problems => problems(app, action),
            Mode::Changes => changes(app, action),
            Mode::Disputes => disputes(app, action),
            Mode::Filters => filter_menu(app, action),
            Mode::FilterFind => filter_find(app, action),
            Mode::Search => search::typing(app, action),
            Mode::Jump => jumps::typing(app, action),
            Mode::Normal | Mode::Detail => normal(app, action),
        },
    }
}

fn help(app: &mut App, action: Action) {
    let Some(scroll) = app.help.as_mut() else {
        return;
    };
    // Clamped to the last page as drawn, so a key back up moves at once.
    let last = super::help::max_scroll(&app.keymap.bindings, app.size);
    let page = super::help::rows(app.size.1).saturating_sub(1).max(1);
    match action {
        Action::Up | Action::ScrollUp(..) => *scroll = scroll.saturating_sub(1),
        Action::Down | Action::ScrollDown(..) => *scroll = (*scroll + 1).min(last),
        Action::PageUp => *scroll = scroll.saturating_sub(page),
        Action::PageDown => *scroll = (*scroll + page).min(last),
        Action::Home => *scroll = 0,
        Action::End => *scroll = last,
        Action::HelpToggle | Action::Clear | Action::Click(..) => app.help = None,
        _ => {}
    }
}

fn problems(app: &mut App, action: Action) {
    let Some(scroll) = app.file.problems_view.as_mut() else {
        return;
    };
    match action {
        Action::Up | Action::ScrollUp(..) => *scroll = scroll.saturating_sub(1),
        Action::Down | Action::ScrollDown(..) => {
            *scroll = (*scroll + 1).min(app.file.problems.len() + app.timeline.notes.len())
        }
        Action::ProblemsToggle | Action::Clear | Action::Click(..) => app.file.problems_view = None,
        _ => {}
    }
}

/// Moves the knowledge cursor one publication on (`later`) or back, and shows what was
/// known then: the events, their statuses, the claims.
fn travel(app: &mut App, later: bool) {
    let steps = &app.publications;
    if steps.is_empty() {
        app.status = Some("no source of this dataset says when it was published".into());
        return;
    }
    let at = match (app.known_at, later) {
        (None, false) => steps.last().copied(),
        (None, true) => None,
        (Some(at), true) => steps.iter().copied().find(|&s| s > at),
        (Some(at), false) => steps.iter().rev().copied().find(|&s| s < at).or(Some(at)),
    };
    travel_to(app, at);
    app.status = Some(match app.known_at {
        Some(_) => "time travel: < earlier reporting · > later".into(),
        None => "everything reported counts again".into(),
    });
}

/// Sets the knowledge cursor and shows what was known then.
fn travel_to(app: &mut App, at: Option<crate::model::time::Instant>) {
    app.known_at = at;
    refilter(app);
    search::recount(app);
    rows::scroll_into_view(app);
}

fn disputes(app: &mut App, action: Action) {
    let page = usize::from(app.size.1.saturating_sub(6)).max(1);
    let size = app.size;
    let Some((scroll, lines)) = app.disputes.as_mut() else {
        return;
    };
    let last = super::document::lines_box_last(lines, size);
    match action {
        Action::Up | Action::ScrollUp(..) => *scroll = scroll.saturating_sub(1),
        Action::Down | Action::ScrollDown(..) => *scroll = (*scroll + 1).min(last),
        Action::PageUp => *scroll = scroll.saturating_sub(page),
        Action::PageDown => *scroll = (*scroll + page).min(last),
        Action::DisputesToggle | Action::Clear | Action::Click(..) => app.disputes = None,
        _ => {}
    }
}

fn changes(app: &mut App, action: Action) {
    let size = app.size;
    let Some(changes) = app.changes.as_mut() else {
        return;
    };
    let last = super::document::lines_box_last(&changes.lines, size);
    let Some(scroll) = changes.view.as_mut() else {
        return;
    };
    match action {
        Action::Up | Action::ScrollUp(..) => *scroll = scroll.saturating_sub(1),
        Action::Down | Action::ScrollDown(..) => *scroll = (*scroll + 1).min(last),
        Action::ChangesToggle | Action::Clear | Action::Click(..) => changes.view = None,
        _ => {}
    }
}

fn normal(app: &mut App, action: Action) {
    match action {
        Action::Up => step(app, -1),
        Action::Down => step(app, 1),
        Action::PageUp => step(app, -(page(app) as isize)),
        Action::PageDown => step(app, page(app) as isize),
        Action::Home => match app.nav.focus {
            Focus::List => select(app, 0),
            Focus::Detail => app.nav.detail_scroll = 0,
        },
        Action::End => match app.nav.focus {
            Focus::List => select(app, app.list_len(app.nav.view).saturating_sub(1)),
            Focus::Detail => {
                app.nav.detail_scroll = usize::MAX;
                clamp_detail_scroll(app);
            }
        },
        Action::PrevDay => day_jump(app, false),
        Action::NextDay => day_jump(app, true),
        Action::FocusNext => focus_step(app, true),
        Action::FocusPrev => focus_step(app, false),
        Action::Follow => match (app.nav.focus, app.nav.link) {
            (Focus::Detail, Some(l)) => {
                let (w, _) = detail_size(app);
                if let Some(link) = detail::document(app, w).links.get(l) {
                    follow(app, link.target);
                }
            }
            _ => {
                let link = first_link(app);
                open_detail(app, link);
            }
        },
        Action::Back => back(app),
        Action::CloseDetail => close_detail(app),
        Action::OpenLink => hand_on(app, super::Request::Open),
        Action::CopyLink => hand_on(app, super::Request::Copy),
        Action::Show(view) if view != app.nav.view => {
            app.remember();
            app.nav.view = view;
            app.nav.focus = Focus::List;
            reset_detail(app);
            rows::scroll_into_view(app);
            search::recount(app);
        }
        Action::SearchStart => search::start(app),
        Action::JumpStart => jumps::start(app),
        Action::JumpNow => jumps::now(app),
        Action::CycleWindow => {
            let center = app
                .event_at(app.nav.cursors[0].sel)
                .map(|e| app.timeline.event(e).time.nominal_start());
            match center {
                Some(c) => {
                    app.filters.window = super::jump::Window::next(app.filters.window, c);
                    refilter(app);
                    search::recount(app);
                    app.status = Some(match app.filters.window {
                        Some(w) => format!("only events {} around the selection", w.label()),
                        None => "context window off".into(),
                    });
                }
                None => app.status = Some("no event selected to look around".into()),
            }
        }
        Action::GapsToggle => {
            app.gaps = !app.gaps;
            app.status = Some(
                if app.gaps {
                    "days without events shown"
                } else {
                    "days without events hidden"
                }
                .into(),
            );
            rows::scroll_into_view(app);
        }
        Action::SearchNext => search::step(app, true),
        Action::SearchPrev => search::step(app, false),
        Action::FiltersOpen => {
            let mut menu = FilterMenu::default();
            menu.relist(&app.timeline);
            app.filters.menu = Some(menu);
            filters::recount_menu(app);
        }
        Action::Clear => {
            if app.nav.focus == Focus::Detail {
                close_detail(app);
            } else if app.search.is_active() {
                app.search = Default::default();
            } else if app.filters.window.is_some() {
                app.filters.window = None;
                refilter(app);
                search::recount(app);
                app.status = Some("context window off".into());
            } else if !app.filters.active.is_empty() {
                app.filters.active.on.clear();
                refilter(app);
                search::recount(app);
                app.status = Some("filters cleared".into());
            }
        }
        Action::CycleZone => {
            app.zone = (app.zone + 1) % app.zones.len().max(1);
            app.status = Some(format!("times in {}", app.zone().name()));
            rows::scroll_into_view(app);
        }
        Action::HelpToggle => app.help = Some(0),
        Action::ProblemsToggle => {
            if app.file.problems.is_empty() && app.timeline.notes.is_empty() {
                app.status = Some("no notes and no problems: the file loaded cleanly".into());
            } else {
                app.file.problems_view = Some(0);
            }
        }
        Action::KnownEarlier | Action::KnownLater => {
            travel(app, action == Action::KnownLater);
        }
        Action::DisputesToggle => {
            let lines = crate::model::disputes::report(&app.timeline);
            if lines.is_empty() {
                app.status = Some("no disagreement: no source gives another account".into());
            } else {
                app.disputes = Some((0, lines));
            }
        }
        Action::ChangesToggle => match app.changes.as_mut() {
            Some(c) if !c.lines.is_empty() => c.view = Some(0),
            _ => {
                app.status = Some("no changes: the file has not changed since it was opened".into())
            }
        },
        Action::Click(x, y) => click(app, x, y),
        Action::ScrollUp(x, y) => wheel(app, x, y, false),
        Action::ScrollDown(x, y) => wheel(app, x, y, true),
        _ => {}
    }
}

fn page(app: &App) -> usize {
    match app.nav.focus {
        Focus::List => layout::list_height(app.size.0, app.size.1)
            .saturating_sub(1)
            .max(1),
        Focus::Detail => detail_size(app).1.saturating_sub(1).max(1),
    }
}

fn detail_size(app: &App) -> (u16, usize) {
    layout::detail_size(app.size.0, app.size.1)
}

/// Up/Down: the list's selection, or the detail's scroll when it has the focus.
fn step(app: &mut App, by: isize) {
    match app.nav.focus {
        Focus::List => {
            let sel = app.cursor().sel;
            select(app, sel.saturating_add_signed(by));
        }
        Focus::Detail => {
            app.nav.detail_scroll = app.nav.detail_scroll.saturating_add_signed(by);
            clamp_detail_scroll(app);
            // A focused link that scrolled away loses the focus.
            let (w, h) = detail_size(app);
            let doc = detail::document(app, w);
            if let Some(l) = app.nav.link.and_then(|l| doc.links.get(l))
                && (l.line < app.nav.detail_scroll || l.line >= app.nav.detail_scroll + h)
            {
                app.nav.link = None;
            }
        }
    }
}

/// Selects an item of the current list (clamped) and shows its detail from the top.
pub(super) fn select(app: &mut App, sel: usize) {
    let len = app.list_len(app.nav.view);
    let sel = sel.min(len.saturating_sub(1));
    if app.cursor().sel != sel {
        app.cursor_mut().sel = sel;
        reset_detail(app);
    }
    rows::scroll_into_view(app);
}

fn reset_detail(app: &mut App) {
    app.nav.detail_scroll = 0;
    app.nav.link = None;
}

fn clamp_detail_scroll(app: &mut App) {
    // Too small a screen shows no detail: the kept one is the bound, rather than one
    // laid out a column wide.
    if layout::areas(app.size.0, app.size.1, Focus::Detail).too_small {
        let lines = app.nav.detail_doc.as_ref().and_then(|d| d.len_for(app));
        let lines = lines.unwrap_or(0);
        app.nav.detail_scroll = app.nav.detail_scroll.min(lines);
        return;
    }
    let (w, h) = detail_size(app);
    let lines = detail::document(app, w).len();
    app.nav.detail_scroll = app.nav.detail_scroll.min(lines.saturating_sub(h));
}

fn day_jump(app: &mut App, forward: bool) {
    if !app.nav.view.shows_events() {
        return;
    }
    let zone = app.zone();
    // By the headers the list shows: a year's or a month's counts as one day here.
    let day = |app: &App, k: usize| {
        app.event_at(k)
            .map(|e| crate::model::describe::heading(app.timeline.event(e), zone))
    };
    let sel = app.cursor().sel;
    let Some(today) = day(app, sel) else { return };
    let len = app.shown_len();
    let target = if forward {
        (sel + 1..len).find(|&k| day(app, k) != Some(today))
    } else {
        // The first event of this day, or of the day before when already there.
        let first_today = (0..sel)
            .rev()
            .take_while(|&k| day(app, k) == Some(today))
            .last();
        match first_today {
            Some(k) => Some(k),
            None if sel > 0 => {
                let before = day(app, sel - 1);
                let start = (0..sel).rev().take_while(|&k| day(app, k) == before).last();
                start.or(Some(sel - 1))
            }
            None => None,
        }
    };
    match target {
        Some(k) => select(app, k),
        None => {
            app.status = Some(
                if forward {
                    "no later day"
                } else {
                    "no earlier day"
                }
                .into(),
            )
        }
    }
}

fn first_link(app: &App) -> Option<usize> {
    let (w, _) = detail_size(app);
    (!detail::document(app, w).links.is_empty()).then_some(0)
}

/// Focuses a link of the detail and scrolls it into sight.
fn focus_link(app: &mut App, link: Option<usize>) {
    app.nav.link = link;
    let (w, h) = detail_size(app);
    let doc = detail::document(app, w);
    if let Some(l) = link.and_then(|l| doc.links.get(l)) {
        if l.line < app.nav.detail_scroll {
            app.nav.detail_scroll = l.line;
        } else if l.line >= app.nav.detail_scroll + h {
            app.nav.detail_scroll = l.line + 1 - h;
        }
    }
}

/// Tab and Shift-Tab: the list, then each link of the detail in turn.
fn focus_step(app: &mut App, forward: bool) {
    let (w, _) = detail_size(app);
    let links = detail::document(app, w).links.len();
    match (app.nav.focus, app.nav.link, forward) {
        (Focus::List, _, true) => open_detail(app, (links > 0).then_some(0)),
        (Focus::List, _, false) => open_detail(app, links.checked_sub(1)),
        (Focus::Detail, Some(l), true) if l + 1 < links => focus_link(app, Some(l + 1)),
        (Focus::Detail, Some(l), false) if l > 0 => focus_link(app, Some(l - 1)),
        (Focus::Detail, None, true) if links > 0 => focus_link(app, Some(0)),
        (Focus::Detail, ..) => close_detail(app),
    }
}

/// Gives the detail the keyboard (below 100 columns: shows the detail page),
/// remembering the list.
fn open_detail(app: &mut App, link: Option<usize>) {
    if app.nav.focus != Focus::Detail {
        app.remember();
        app.nav.focus = Focus::Detail;
    }
    focus_link(app, link);
}

/// Back from the detail to the list: the same as Backspace when the list is the screen
/// before, else remembering the detail.
fn close_detail(app: &mut App) {
    if app.nav.focus != Focus::Detail {
        return;
    }
    let mut list = app.location();
    list.focus = Focus::List;
    if app.nav.history.last().is_some_and(|l| l.same_screen(&list)) {
        back(app);
    } else {
        app.remember();
        app.nav.focus = Focus::List;
        app.nav.link = None;
    }
}

/// `o` and `y`: asks the event loop to hand the focused web address on.
fn hand_on(app: &mut App, request: fn(String) -> super::Request) {
    match app.focused_address() {
        Some(address) => app.request = Some(request(address)),
        None if app.nav.link.is_some() => {
            app.status = Some("the focused link is not a web address".into());
        }
        None => app.status = Some("no link focused: Tab moves through the links".into()),
    }
}

/// Shows a link's target in its view, remembering where we were; a web address is
/// opened in the browser instead.
fn follow(app: &mut App, target: Target) {
    if let Target::Web(_) = target {
        hand_on(app, super::Request::Open);
        return;
    }
    app.remember();
    show(app, target);
    app.nav.focus = Focus::Detail;
}

fn noun(target: Target) -> &'static str {
    match target {
        Target::Event(_) => "event",
        Target::Person(_) => "person",
        Target::Topic(_) => "topic",
        Target::Place(_) => "place",
        Target::Web(_) => "link",
    }
}

/// Selects a target in its own view, clearing the filters if they hide it.
fn show(app: &mut App, target: Target) {
    if matches!(target, Target::Web(_)) {
        return;
    }
    if app.position_in_list(target).is_none() {
        app.filters.active.on.clear();
        app.filters.window = None;
        refilter(app);
        app.status = Some(format!("filters cleared to show that {}", noun(target)));
    }
    let view = match target {
        Target::Event(_) if app.nav.view == View::Axis => View::Axis,
        Target::Event(_) => View::Timeline,
        Target::Person(_) => View::People,
        Target::Topic(_) => View::Topics,
        Target::Place(_) => View::Places,
        Target::Web(_) => return,
    };
    let sel = app.position_in_list(target).unwrap_or(0);
    app.nav.view = view;
    app.nav.cursors[view_index(view)].sel = sel;
    reset_detail(app);
    rows::scroll_into_view(app);
    search::recount(app);
}

/// Backspace: the screen before this one, as it was (entries for the screen already
/// shown are passed over).
fn back(app: &mut App) {
    let here = app.location();
    while let Some(loc) = app.nav.history.pop() {
        if !loc.same_screen(&here) {
            restore(app, loc);
            return;
        }
    }
    if app.nav.focus == Focus::Detail {
        // With nowhere left to go (the history was dropped by a reload), back leaves
        // the detail for the list.
        app.nav.focus = Focus::List;
        app.nav.link = None;
    } else {
        app.status = Some("nothing to go back to".into());
    }
}

/// Shows a remembered screen: its view and selection, its list's scroll, the focus and
/// the detail's scroll and link.
fn restore(app: &mut App, loc: super::Location) {
    if let Some(t) = loc.subject {
        show(app, t);
    }
    app.nav.view = loc.view;
    app.cursor_mut().top = loc.top;
    app.nav.focus = loc.focus;
    rows::scroll_into_view(app);
    let (w, _) = detail_size(app);
    let links = detail::document(app, w).links.len();
    app.nav.link = loc.link.filter(|l| *l < links);
    app.nav.detail_scroll = loc.detail_scroll;
    clamp_detail_scroll(app);
    search::recount(app);
}
