//! The filter menu: choosing values, narrowing them by name, counting what each would
//! leave; and the events the filters leave.

use super::*;
use crate::model::knowledge;

pub(super) fn filter_menu(app: &mut App, action: Action) {
    let Some(menu) = app.filters.menu.as_mut() else {
        return;
    };
    let last = menu.listed.len().saturating_sub(1);
    match action {
        Action::Up | Action::ScrollUp(..) => menu.cursor = menu.cursor.saturating_sub(1),
        Action::Down | Action::ScrollDown(..) => menu.cursor = (menu.cursor + 1).min(last),
        Action::FilterCategoryNext | Action::FilterCategoryPrev => {
            let n = FilterKind::ALL.len();
            let by = if action == Action::FilterCategoryNext {
                1
            } else {
                n - 1
            };
            menu.kind = (menu.kind + by) % n;
            menu.narrow.clear();
            menu.relist(&app.timeline);
            recount_menu(app);
        }
        Action::FilterToggle => toggle_selected(app),
        Action::SearchStart => menu.typing = true,
        // Esc lets the whole list back first, then closes.
        Action::Clear if !menu.narrow.is_empty() => {
            let selected = menu.listed.get(menu.cursor).copied();
            menu.narrow.clear();
            menu.relist(&app.timeline);
            menu.cursor = selected.unwrap_or(0);
        }
        Action::FiltersClose | Action::Clear | Action::Click(..) => app.filters.menu = None,
        _ => {}
    }
}

/// Typing after `/` in the filter menu: only the values whose name holds the text (in
/// any case) are listed, the cursor on the first; Backspace lets more back.
pub(super) fn filter_find(app: &mut App, action: Action) {
    let Some(menu) = app.filters.menu.as_mut() else {
        return;
    };
    let last = menu.listed.len().saturating_sub(1);
    match action {
        Action::SearchInput(c) => {
            menu.narrow.push(c);
            menu.relist(&app.timeline);
        }
        Action::SearchDeleteChar => {
            if menu.narrow.pop().is_none() {
                menu.typing = false;
            }
            menu.relist(&app.timeline);
        }
        Action::Up | Action::ScrollUp(..) => menu.cursor = menu.cursor.saturating_sub(1),
        Action::Down | Action::ScrollDown(..) => menu.cursor = (menu.cursor + 1).min(last),
        // Enter turns the value on or off and ends the typing; the list stays narrowed.
        Action::FilterToggle => {
            menu.typing = false;
            toggle_selected(app);
        }
        Action::Clear => {
            menu.typing = false;
            menu.narrow.clear();
            menu.relist(&app.timeline);
        }
        _ => {}
    }
}

/// Turns the value under the menu's cursor on or off.
fn toggle_selected(app: &mut App) {
    let Some(v) = app
        .filters
        .menu
        .as_ref()
        .and_then(|m| m.selected(&app.timeline))
    else {
        return;
    };
    app.filters.active.toggle(v);
    refilter(app);
    search::recount(app);
}

/// Whether an event falls in the context window.
fn in_window(w: super::super::jump::Window, ev: &crate::model::timeline::Event) -> bool {
    let start = ev.time.nominal_start();
    w.holds(start, ev.time.nominal_end().unwrap_or(start).max(start))
}

/// Counts anew, for each value of the menu's kind, the events it would leave with the
/// other kinds' filters and the context window as they are.
pub(super) fn recount_menu(app: &mut App) {
    let Some(menu) = app.filters.menu.as_mut() else {
        return;
    };
    let tl = &app.timeline;
    let mut pass = app.filters.active.passing(tl, Some(menu.kind()));
    if let Some(w) = app.filters.window {
        let pass = pass.get_or_insert_with(|| vec![true; tl.events.len()]);
        for (flag, e) in pass.iter_mut().zip(&tl.events) {
            *flag &= in_window(w, e);
        }
    }
    menu.counts = filter::facet_counts(tl, menu.kind(), pass.as_deref());
}

/// Recomputes the shown events after the filters change, keeping the selected event
/// (or the nearest one after it) selected. The caller starts the search again, once
/// the selection is where it wants it.
pub(super) fn refilter(app: &mut App) {
    let current = app.event_at(app.nav.cursors[0].sel);
    let subject = app.subject();
    app.filters.shown = if app.filters.active.is_empty() && app.filters.window.is_none() {
        None
    } else if let Some(w) = app.filters.window {
        let tl = &app.timeline;
        let holds = |e: &EventIx| in_window(w, tl.event(*e));
        Some(if app.filters.active.is_empty() {
            (0..tl.events.len() as u32)
                .map(EventIx::new)
                .filter(holds)
                .collect()
        } else {
            let mut v = app.filters.active.events(tl);
            v.retain(holds);
            v
        })
    } else {
        Some(app.filters.active.events(&app.timeline))
    };
    let subjects = [View::People, View::Topics, View::Places].map(|v| app.subject_of(v));
    app.filters.listed = app
        .filters
        .shown
        .as_ref()
        .map(|shown| filter::Listed::of(&app.timeline, &app.people_order, shown));
    // The people, topics and places lists keep their selection when it is still listed.
    for (view, subject) in [View::People, View::Topics, View::Places]
        .into_iter()
        .zip(subjects)
    {
        let at = subject.and_then(|t| app.position_in_list(t));
        let c = &mut app.nav.cursors[view_index(view)];
        c.sel = at.unwrap_or(c.sel);
        rows::scroll_into_view_of(app, view);
    }
    recount_menu(app);
    // Time travel hides what no source published by the cursor had reported.
    if let Some(at) = app.known_at {
        let tl = &app.timeline;
        let first = app
            .first_known
            .get_or_insert_with(|| knowledge::first_known(tl));
        let known = |e: &EventIx| first[e.get()] <= at;
        app.filters.shown = Some(match app.filters.shown.take() {
            Some(mut v) => {
                v.retain(known);
                v
            }
            None => (0..tl.events.len() as u32)
                .map(EventIx::new)
                .filter(known)
                .collect(),
        });
    }
    let sel = match (current, &app.filters.shown) {
        (Some(e), Some(v)) => v.partition_point(|x| *x < e),
        (Some(e), None) => e.get(),
        (None, _) => 0,
    };
    app.nav.cursors[0].sel = sel.min(app.shown_len().saturating_sub(1));
    app.nav.cursors[0].top = app.nav.cursors[0].top.min(app.nav.cursors[0].sel);
    // A person's, topic's or place's detail does not depend on the filters, but the
    // filters may take that subject off its list: another detail, from its top.
    if app.nav.view.shows_events() || app.subject() != subject {
        reset_detail(app);
    }
    let view = app.nav.view;
    app.nav.view = View::Timeline;
    rows::scroll_into_view(app);
    app.nav.view = view;
}
