//! `update`: the only place the viewer's state changes.

use unicode_width::UnicodeWidthStr;

use super::document::Target;
use super::filter::{self, FilterKind};
use super::keymap::Mode;
use super::rows::{self, ListRow};
use super::search::{event_matches, person_matches, place_matches, topic_matches};
use super::{Action, App, FilterMenu, Focus, View, axis, detail, layout, view_index};
use crate::model::timeline::{EventIx, PlaceIx, Timeline, TopicIx};
use crate::watch::Reload;

/// Lines the mouse wheel moves.
const WHEEL: usize = 3;

pub(super) fn update(app: &mut App, action: Action) {
    if !matches!(action, Action::Resize(..) | Action::Clock(_)) {
        app.status = None;
    }
    update_inner(app, action);
    // Whatever changed (zone, data, size), the detail's scroll stays within it.
    if app.detail_scroll > 0 {
        clamp_detail_scroll(app);
    }
    if app.view == View::Axis {
        let panned = matches!(
            action,
            Action::Pan(_) | Action::ScrollUp(..) | Action::ScrollDown(..)
        );
        settle_axis(app, panned && app.mode() == Mode::Axis);
    }
}

fn update_inner(app: &mut App, action: Action) {
    match action {
        Action::Quit => app.quit = true,
        Action::Suspend => app.suspend = true,
        Action::Clock(now) => {
            app.now = now;
        }
        Action::Resize(w, h) => {
            app.size = (w, h);
            rows::scroll_into_view(app);
            clamp_detail_scroll(app);
        }
        _ => match app.mode() {
            Mode::Axis => axis_mode(app, action),
            Mode::Help => help(app, action),
            Mode::Problems => problems(app, action),
            Mode::Filters => filter_menu(app, action),
            Mode::Search => search_typing(app, action),
            Mode::Normal => normal(app, action),
        },
    }
}

fn help(app: &mut App, action: Action) {
    let Some(scroll) = app.help.as_mut() else {
        return;
    };
    match action {
        Action::Up | Action::ScrollUp(..) => *scroll = scroll.saturating_sub(1),
        Action::Down | Action::ScrollDown(..) => {
            *scroll = (*scroll + 1).min(super::keymap::BINDINGS.len())
        }
        Action::HelpToggle | Action::Clear | Action::Click(..) => app.help = None,
        _ => {}
    }
}

fn axis_mode(app: &mut App, action: Action) {
    match action {
        Action::Pan(quarters) => app.axis.pan(i64::from(quarters)),
        Action::ScrollUp(..) => app.axis.pan(-1),
        Action::ScrollDown(..) => app.axis.pan(1),
        Action::ZoomIn | Action::ZoomOut => {
            let anchor = app
                .event_at(app.cursors[0].sel)
                .map_or(app.axis.start + app.axis.span / 2, |e| {
                    app.timeline.event(e).time.bounds.start_earliest
                });
            app.axis.zoom(action == Action::ZoomOut, anchor);
        }
        Action::Fit => fit_axis(app),
        Action::CycleLanes => {
            app.axis.grouping = app.axis.grouping.next();
            app.axis.row_top = 0;
            app.status = Some(format!("lanes {}", app.axis.grouping.title()));
        }
        Action::Click(x, y) if axis_click(app, x, y) => {}
        other => normal(app, other),
    }
}

/// Shows every event that passes the filters.
fn fit_axis(app: &mut App) {
    let tl = &app.timeline;
    let n = app.shown_len();
    let bounds = |k: usize| app.event_at(k).map(|e| tl.event(e).time.bounds);
    let (Some(first), Some(last)) = (bounds(0), bounds(n.saturating_sub(1))) else {
        return;
    };
    let mut end = last.end_latest.unwrap_or(last.start_latest);
    // Events are ordered by start; one that started earlier may end later.
    if n <= 100_000 {
        for k in 0..n {
            if let Some(b) = bounds(k) {
                end = end.max(b.end_latest.unwrap_or(b.start_latest));
            }
        }
    }
    app.axis.fit(first.start_earliest, end);
}

fn chart(app: &App) -> Option<axis::Geometry> {
    layout::areas(app.size.0, app.size.1, Focus::List)
        .list_inner()
        .map(axis::geometry)
}

/// After any action on the time axis: place it the first time, keep the selected
/// event on screen (or, after a pan, select an event that is), and scroll the lanes.
fn settle_axis(app: &mut App, panned: bool) {
    if !app.axis_placed {
        app.axis_placed = true;
        let span = app.timeline.span().map_or(0, |(a, b)| b - a);
        if span > 0 && span <= 62 * 86_400 {
            fit_axis(app);
        } else {
            app.axis.span = 7 * 86_400;
        }
    }
    let Some(g) = chart(app) else { return };
    let width = g.body.width.max(1);
    let selected = app.event_at(app.cursors[0].sel);
    let in_window = |app: &App, e: EventIx| {
        let b = &app.timeline.event(e).time.bounds;
        let last = b.end_latest.unwrap_or(b.start_latest).max(b.start_latest);
        b.start_earliest < app.axis.end() && last >= app.axis.start
    };
    match selected {
        Some(e) if panned && !in_window(app, e) => {
            let middle = app.axis.start + app.axis.span / 2;
            let nearest = axis::visible_events(app, &app.axis)
                .into_iter()
                .min_by_key(|x| (app.timeline.event(*x).time.bounds.start_earliest - middle).abs());
            if let Some(k) = nearest.and_then(|x| app.position_of(x)) {
                app.cursors[0].sel = k;
                reset_detail(app);
            }
        }
        Some(e) if !panned => {
            let b = app.timeline.event(e).time.bounds;
            let last = b.end_latest.unwrap_or(b.start_latest).max(b.start_latest);
            // At least a little of it, and its start when it is short enough.
            app.axis
                .reveal(b.start_earliest, last.min(b.start_earliest + app.axis.span));
        }
        _ => {}
    }
    let lay = axis::layout(app, &app.axis, width);
    let rows = usize::from(g.body.height).max(1);
    let selected = app.event_at(app.cursors[0].sel);
    if let Some(bar) = lay.bars.iter().find(|b| Some(b.event) == selected) {
        if bar.row < app.axis.row_top {
            app.axis.row_top = bar.row;
        } else if bar.row >= app.axis.row_top + rows {
            app.axis.row_top = bar.row + 1 - rows;
        }
    }
    app.axis.row_top = app.axis.row_top.min(lay.total_rows.saturating_sub(rows));
    rows::scroll_into_view_of(app, View::Timeline);
}

/// A click on a bar selects its event; `false` when the click was not on the chart.
fn axis_click(app: &mut App, x: u16, y: u16) -> bool {
    let Some(g) = chart(app) else { return false };
    let b = g.body;
    if !(x >= b.x && x < b.x + b.width && y >= b.y && y < b.y + b.height) {
        return false;
    }
    let row = usize::from(y - b.y) + app.axis.row_top;
    let col = i64::from(x - b.x);
    let lay = axis::layout(app, &app.axis, b.width);
    let hit = lay
        .bars
        .iter()
        .filter(|bar| {
            bar.row == row && bar.from.div_euclid(8) <= col && bar.to.div_euclid(8) >= col
        })
        .min_by_key(|bar| bar.to - bar.from)
        .map(|bar| bar.event);
    app.focus = Focus::List;
    if let Some(k) = hit.and_then(|e| app.position_of(e)) {
        select(app, k);
    }
    true
}

fn problems(app: &mut App, action: Action) {
    let Some(scroll) = app.problems_view.as_mut() else {
        return;
    };
    match action {
        Action::Up | Action::ScrollUp(..) => *scroll = scroll.saturating_sub(1),
        Action::Down | Action::ScrollDown(..) => *scroll = (*scroll + 1).min(app.problems.len()),
        Action::ProblemsToggle | Action::Clear | Action::Click(..) => app.problems_view = None,
        _ => {}
    }
}

fn normal(app: &mut App, action: Action) {
    match action {
        Action::Up => step(app, -1),
        Action::Down => step(app, 1),
        Action::PageUp => step(app, -(page(app) as isize)),
        Action::PageDown => step(app, page(app) as isize),
        Action::Home => match app.focus {
            Focus::List => select(app, 0),
            Focus::Detail => app.detail_scroll = 0,
        },
        Action::End => match app.focus {
            Focus::List => select(app, app.list_len(app.view).saturating_sub(1)),
            Focus::Detail => {
                app.detail_scroll = usize::MAX;
                clamp_detail_scroll(app);
            }
        },
        Action::PrevDay => day_jump(app, false),
        Action::NextDay => day_jump(app, true),
        Action::FocusNext => focus_step(app, true),
        Action::FocusPrev => focus_step(app, false),
        Action::Follow => match (app.focus, app.link) {
            (Focus::Detail, Some(l)) => {
                let (w, _) = detail_size(app);
                if let Some(link) = detail::document(app, w).links.get(l) {
                    follow(app, link.target);
                }
            }
            _ => {
                app.focus = Focus::Detail;
                focus_link(app, first_link(app));
            }
        },
        Action::Back => back(app),
        Action::Show(view) if view != app.view => {
            app.remember();
            app.view = view;
            app.focus = Focus::List;
            reset_detail(app);
            rows::scroll_into_view(app);
            recount_search(app);
        }
        Action::SearchStart => {
            app.search.query.clear();
            app.search.typing = true;
            app.search.matches = 0;
            app.search_origin = app.cursor().sel;
        }
        Action::SearchNext => search_step(app, true),
        Action::SearchPrev => search_step(app, false),
        Action::FiltersOpen => app.filter_menu = Some(FilterMenu::default()),
        Action::Clear => {
            if app.search.is_active() {
                app.search = Default::default();
            } else if !app.filters.is_empty() {
                app.filters.on.clear();
                refilter(app);
                app.status = Some("filters cleared".into());
            } else if app.focus == Focus::Detail {
                app.focus = Focus::List;
                app.link = None;
            }
        }
        Action::CycleZone => {
            app.zone = (app.zone + 1) % app.zones.len().max(1);
            app.status = Some(format!("times in {}", app.zone().name()));
            rows::scroll_into_view(app);
        }
        Action::HelpToggle => app.help = Some(0),
        Action::ProblemsToggle => {
            if app.problems.is_empty() {
                app.status = Some("no problems: the file loaded cleanly".into());
            } else {
                app.problems_view = Some(0);
            }
        }
        Action::Click(x, y) => click(app, x, y),
        Action::ScrollUp(x, y) => wheel(app, x, y, false),
        Action::ScrollDown(x, y) => wheel(app, x, y, true),
        _ => {}
    }
}

fn page(app: &App) -> usize {
    match app.focus {
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
    match app.focus {
        Focus::List => {
            let sel = app.cursor().sel;
            select(app, sel.saturating_add_signed(by));
        }
        Focus::Detail => {
            app.detail_scroll = app.detail_scroll.saturating_add_signed(by);
            clamp_detail_scroll(app);
            // A focused link that scrolled away loses the focus.
            let (w, h) = detail_size(app);
            let doc = detail::document(app, w);
            if let Some(l) = app.link.and_then(|l| doc.links.get(l))
                && (l.line < app.detail_scroll || l.line >= app.detail_scroll + h)
            {
                app.link = None;
            }
        }
    }
}

/// Selects an item of the current list (clamped) and shows its detail from the top.
fn select(app: &mut App, sel: usize) {
    let len = app.list_len(app.view);
    let sel = sel.min(len.saturating_sub(1));
    if app.cursor().sel != sel {
        app.cursor_mut().sel = sel;
        reset_detail(app);
    }
    rows::scroll_into_view(app);
}

fn reset_detail(app: &mut App) {
    app.detail_scroll = 0;
    app.link = None;
}

fn clamp_detail_scroll(app: &mut App) {
    let (w, h) = detail_size(app);
    let lines = detail::document(app, w).lines.len();
    app.detail_scroll = app.detail_scroll.min(lines.saturating_sub(h));
}

fn day_jump(app: &mut App, forward: bool) {
    if !app.view.shows_events() {
        return;
    }
    let zone = app.zone();
    let day = |app: &App, k: usize| {
        app.event_at(k)
            .map(|e| crate::model::describe::start(app.timeline.event(e), zone).date)
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
    app.link = link;
    let (w, h) = detail_size(app);
    let doc = detail::document(app, w);
    if let Some(l) = link.and_then(|l| doc.links.get(l)) {
        if l.line < app.detail_scroll {
            app.detail_scroll = l.line;
        } else if l.line >= app.detail_scroll + h {
            app.detail_scroll = l.line + 1 - h;
        }
    }
}

/// Tab and Shift-Tab: the list, then each link of the detail in turn.
fn focus_step(app: &mut App, forward: bool) {
    let (w, _) = detail_size(app);
    let links = detail::document(app, w).links.len();
    match (app.focus, app.link, forward) {
        (Focus::List, _, true) => {
            app.focus = Focus::Detail;
            focus_link(app, (links > 0).then_some(0));
        }
        (Focus::List, _, false) => {
            app.focus = Focus::Detail;
            focus_link(app, links.checked_sub(1));
        }
        (Focus::Detail, Some(l), true) if l + 1 < links => focus_link(app, Some(l + 1)),
        (Focus::Detail, Some(l), false) if l > 0 => focus_link(app, Some(l - 1)),
        (Focus::Detail, None, true) if links > 0 => focus_link(app, Some(0)),
        (Focus::Detail, ..) => {
            app.focus = Focus::List;
            app.link = None;
        }
    }
}

/// Shows a link's target in its view, remembering where we were.
fn follow(app: &mut App, target: Target) {
    app.remember();
    show(app, target);
    app.focus = Focus::Detail;
}

/// Selects a target in its own view.
fn show(app: &mut App, target: Target) {
    let (view, sel) = match target {
        Target::Event(e) => {
            if app.position_of(e).is_none() {
                app.filters.on.clear();
                refilter(app);
                app.status = Some("filters cleared to show that event".into());
            }
            let view = if app.view == View::Axis {
                View::Axis
            } else {
                View::Timeline
            };
            (view, app.position_of(e).unwrap_or(0))
        }
        Target::Person(p) => (
            View::People,
            app.people_order.iter().position(|x| *x == p).unwrap_or(0),
        ),
        Target::Topic(TopicIx(t)) => (View::Topics, t as usize),
        Target::Place(PlaceIx(p)) => (View::Places, p as usize),
    };
    app.view = view;
    app.cursors[view_index(view)].sel = sel;
    reset_detail(app);
    rows::scroll_into_view(app);
    recount_search(app);
}

fn back(app: &mut App) {
    match app.history.pop() {
        Some(loc) => {
            match loc.subject {
                Some(t) => show(app, t),
                None => {
                    app.view = loc.view;
                    reset_detail(app);
                }
            }
            app.view = loc.view;
        }
        // With nowhere left to go, back leaves the detail for the list.
        None if app.focus == Focus::Detail => {
            app.focus = Focus::List;
            app.link = None;
        }
        None => app.status = Some("nothing to go back to".into()),
    }
}

fn item_matches(app: &App, k: usize, needle: &str) -> bool {
    let tl = &app.timeline;
    match app.view {
        View::Timeline | View::Axis => app
            .event_at(k)
            .is_some_and(|e| event_matches(tl, tl.event(e), needle)),
        View::People => app
            .people_order
            .get(k)
            .is_some_and(|p| person_matches(tl, tl.person(*p), needle)),
        View::Topics => tl.topics.get(k).is_some_and(|t| topic_matches(t, needle)),
        View::Places => tl.places.get(k).is_some_and(|p| place_matches(p, needle)),
    }
}

/// Whether item `k` of the current list matches the search (for highlighting).
pub fn is_match(app: &App, k: usize) -> bool {
    app.search.is_active() && item_matches(app, k, &app.search.needle())
}

fn recount_search(app: &mut App) {
    if !app.search.is_active() {
        return;
    }
    let needle = app.search.needle();
    app.search.matches = (0..app.list_len(app.view))
        .filter(|&k| item_matches(app, k, &needle))
        .count();
}

/// The next match from `from` (inclusive) in a direction, wrapping around.
fn find_match(app: &App, from: usize, forward: bool) -> Option<usize> {
    let len = app.list_len(app.view);
    if len == 0 || !app.search.is_active() {
        return None;
    }
    let needle = app.search.needle();
    let from = from.min(len - 1);
    (0..len)
        .map(|i| {
            if forward {
                (from + i) % len
            } else {
                (from + len - i) % len
            }
        })
        .find(|&k| item_matches(app, k, &needle))
}

fn search_step(app: &mut App, forward: bool) {
    if !app.search.is_active() {
        app.status = Some("no search: / starts one".into());
        return;
    }
    let len = app.list_len(app.view).max(1);
    let sel = app.cursor().sel;
    let from = if forward {
        (sel + 1) % len
    } else {
        (sel + len - 1) % len
    };
    match find_match(app, from, forward) {
        Some(k) => select(app, k),
        None => app.status = Some(format!("no match for “{}”", app.search.query)),
    }
}

fn search_typing(app: &mut App, action: Action) {
    match action {
        Action::SearchInput(c) => {
            app.search.query.push(c);
            search_refresh(app);
        }
        Action::SearchDeleteChar => {
            app.search.query.pop();
            search_refresh(app);
        }
        Action::SearchConfirm => {
            app.search.typing = false;
            if app.search.is_active() && app.search.matches == 0 {
                app.status = Some(format!("no match for “{}”", app.search.query));
            }
        }
        Action::Clear => {
            app.search = Default::default();
            let origin = app.search_origin;
            select(app, origin);
        }
        Action::SearchNext => search_step(app, true),
        Action::SearchPrev => search_step(app, false),
        _ => {}
    }
}

/// After the query changes: count matches and jump to the first from where it began.
fn search_refresh(app: &mut App) {
    recount_search(app);
    let origin = app.search_origin;
    match find_match(app, origin, true) {
        Some(k) => select(app, k),
        None => select(app, origin),
    }
}

fn filter_menu(app: &mut App, action: Action) {
    let Some(mut menu) = app.filter_menu else {
        return;
    };
    let values = filter::values(&app.timeline, menu.kind());
    match action {
        Action::Up | Action::ScrollUp(..) => menu.cursor = menu.cursor.saturating_sub(1),
        Action::Down | Action::ScrollDown(..) => {
            menu.cursor = (menu.cursor + 1).min(values.len().saturating_sub(1));
        }
        Action::FilterCategoryNext => {
            menu.kind = (menu.kind + 1) % FilterKind::ALL.len();
            menu.cursor = 0;
        }
        Action::FilterCategoryPrev => {
            menu.kind = (menu.kind + FilterKind::ALL.len() - 1) % FilterKind::ALL.len();
            menu.cursor = 0;
        }
        Action::FilterToggle => {
            if let Some(v) = values.get(menu.cursor) {
                app.filters.toggle(*v);
                refilter(app);
            }
        }
        Action::FiltersClose | Action::Clear | Action::Click(..) => {
            app.filter_menu = None;
            return;
        }
        _ => {}
    }
    app.filter_menu = Some(menu);
}

/// Recomputes the shown events after the filters change, keeping the selected event
/// (or the nearest one after it) selected.
fn refilter(app: &mut App) {
    let current = app.event_at(app.cursors[0].sel);
    app.shown = if app.filters.is_empty() {
        None
    } else {
        let tl = &app.timeline;
        Some(
            (0..tl.events.len() as u32)
                .map(EventIx)
                .filter(|e| app.filters.accepts(tl, tl.event(*e)))
                .collect(),
        )
    };
    let sel = match (current, &app.shown) {
        (Some(e), Some(v)) => v.partition_point(|x| *x < e),
        (Some(e), None) => e.get(),
        (None, _) => 0,
    };
    app.cursors[0].sel = sel.min(app.shown_len().saturating_sub(1));
    app.cursors[0].top = app.cursors[0].top.min(app.cursors[0].sel);
    if app.view.shows_events() {
        reset_detail(app);
    }
    let view = app.view;
    app.view = View::Timeline;
    rows::scroll_into_view(app);
    app.view = view;
    recount_search(app);
}

fn contains(r: Option<ratatui::layout::Rect>, x: u16, y: u16) -> bool {
    r.is_some_and(|r| x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height)
}

fn click(app: &mut App, x: u16, y: u16) {
    let areas = layout::areas(app.size.0, app.size.1, app.focus);
    if areas.too_small {
        return;
    }
    if y == areas.header.y + 1 {
        if let Some((view, ..)) = layout::view_tabs()
            .into_iter()
            .find(|(_, a, b)| x >= *a && x < *b)
        {
            normal(app, Action::Show(view));
        }
        return;
    }
    if contains(areas.list_inner(), x, y) {
        let inner = areas.list_inner().unwrap_or_default();
        let visible = rows::visible(app, app.view, usize::from(inner.height));
        app.focus = Focus::List;
        app.link = None;
        if let Some(ListRow::Item(k)) = visible.get(usize::from(y - inner.y)) {
            select(app, *k);
        }
        return;
    }
    if contains(areas.detail_inner(), x, y) {
        let inner = areas.detail_inner().unwrap_or_default();
        let doc = detail::document(app, inner.width);
        let line = usize::from(y - inner.y) + app.detail_scroll;
        app.focus = Focus::Detail;
        let mut col = inner.x;
        for seg in doc.lines.get(line).into_iter().flatten() {
            let w = seg.text.width() as u16;
            if x >= col && x < col + w {
                if let Some(link) = seg.link.and_then(|l| doc.links.get(l)) {
                    follow(app, link.target);
                }
                return;
            }
            col += w;
        }
    }
}

fn wheel(app: &mut App, x: u16, y: u16, down: bool) {
    let areas = layout::areas(app.size.0, app.size.1, app.focus);
    let by = if down {
        WHEEL as isize
    } else {
        -(WHEEL as isize)
    };
    if contains(areas.detail, x, y) {
        app.detail_scroll = app.detail_scroll.saturating_add_signed(by);
        clamp_detail_scroll(app);
    } else if contains(areas.list, x, y) {
        let sel = app.cursor().sel;
        select(app, sel.saturating_add_signed(by));
    }
}

/// A target as kind and id, which survive a reload; indices do not.
fn target_id(tl: &Timeline, t: Target) -> (u8, String) {
    match t {
        Target::Event(e) => (0, tl.event(e).id.to_string()),
        Target::Person(p) => (1, tl.person(p).id.to_string()),
        Target::Topic(x) => (2, tl.topic(x).id.to_string()),
        Target::Place(p) => (3, tl.place(p).id.to_string()),
    }
}

fn find_target(tl: &Timeline, (kind, id): &(u8, String)) -> Option<Target> {
    match kind {
        0 => tl.event_by_id(id).map(Target::Event),
        1 => tl.person_by_id(id).map(Target::Person),
        2 => tl.topic_by_id(id).map(Target::Topic),
        _ => tl.place_by_id(id).map(Target::Place),
    }
}

fn filter_id(tl: &Timeline, v: filter::FilterValue) -> (u8, String) {
    use filter::FilterValue as F;
    match v {
        F::Side(p) => (0, tl.party(p).id.to_string()),
        F::Participant(p) => (1, tl.person(p).id.to_string()),
        F::Topic(t) => (2, tl.topic(t).id.to_string()),
        F::Status(s) => (3, s.keyword().to_string()),
        F::Place(p) => (4, tl.place(p).id.to_string()),
    }
}

fn find_filter(tl: &Timeline, (kind, id): &(u8, String)) -> Option<filter::FilterValue> {
    use filter::FilterValue as F;
    match kind {
        0 => tl.party_by_id(id).map(F::Side),
        1 => tl.person_by_id(id).map(F::Participant),
        2 => tl.topic_by_id(id).map(F::Topic),
        3 => crate::model::timeline::Status::parse(id).map(F::Status),
        _ => tl.place_by_id(id).map(F::Place),
    }
}

pub(super) fn reloaded(app: &mut App, outcome: Reload) {
    match outcome {
        Reload::Loaded(timeline) => {
            replace_timeline(app, *timeline);
            app.problems.clear();
            app.problems_view = None;
            app.file_note = None;
            app.status = Some("reloaded".into());
        }
        Reload::Invalid(err) => {
            app.problems = err.to_string().lines().map(str::to_string).collect();
            let first = app.problems.first().cloned().unwrap_or_default();
            let more = match app.problems.len() {
                1 => String::new(),
                n => format!(" (and {} more: ! lists them)", n - 1),
            };
            app.file_note = Some(format!("{first}{more} · showing the last good version"));
            app.status = None;
        }
        Reload::Missing => {
            app.file_note = Some(
                "the file is gone · showing the last loaded version until it comes back".into(),
            );
            app.status = None;
        }
    }
}

/// Swaps in a new timeline, carrying over everything the user set up by id.
fn replace_timeline(app: &mut App, timeline: Timeline) {
    let old = &app.timeline;
    let selected: Vec<Option<(u8, String)>> = View::ALL
        .iter()
        .map(|v| app.subject_of(*v).map(|t| target_id(old, t)))
        .collect();
    let history: Vec<(View, Option<(u8, String)>)> = app
        .history
        .iter()
        .map(|l| (l.view, l.subject.map(|t| target_id(old, t))))
        .collect();
    let filters: Vec<(u8, String)> = app.filters.on.iter().map(|v| filter_id(old, *v)).collect();
    let zone = app.zone();
    let was_custom_zone = !old.places.iter().any(|p| p.zone == zone)
        && zone != old.meta.zone
        && zone != chrono_tz::Tz::UTC;

    app.timeline = timeline;
    app.longest = super::longest_event(&app.timeline);
    let tl = &app.timeline;
    let (zones, _) = super::zones_for(tl, was_custom_zone.then_some(zone));
    app.zone = zones.iter().position(|z| *z == zone).unwrap_or(0);
    app.zones = zones;
    app.people_order = super::people_order_for(tl);
    app.filters.on = filters.iter().filter_map(|f| find_filter(tl, f)).collect();
    app.history = history
        .iter()
        .filter_map(|(view, id)| match id {
            Some(id) => find_target(&app.timeline, id).map(|t| super::Location {
                view: *view,
                subject: Some(t),
            }),
            None => Some(super::Location {
                view: *view,
                subject: None,
            }),
        })
        .collect();
    let current_view = app.view;
    refilter(app);
    for (i, view) in View::ALL.iter().enumerate() {
        // The axis shares the timeline's selection.
        if *view == View::Axis {
            continue;
        }
        let len = app.list_len(*view);
        let found = selected[i]
            .as_ref()
            .and_then(|id| find_target(&app.timeline, id));
        let sel = match found {
            Some(Target::Event(e)) => app.position_of(e),
            Some(Target::Person(p)) => app.people_order.iter().position(|x| *x == p),
            Some(Target::Topic(TopicIx(t))) => Some(t as usize),
            Some(Target::Place(PlaceIx(p))) => Some(p as usize),
            None => None,
        };
        let c = &mut app.cursors[view_index(*view)];
        c.sel = sel.unwrap_or(c.sel).min(len.saturating_sub(1));
        c.top = c.top.min(c.sel);
        app.view = *view;
        rows::scroll_into_view(app);
    }
    app.view = current_view;
    let (w, _) = detail_size(app);
    let links = detail::document(app, w).links.len();
    if app.link.is_some_and(|l| l >= links) {
        app.link = None;
    }
    clamp_detail_scroll(app);
    recount_search(app);
}
