//! The filter menu: choosing values, finding one by name, and the events they leave.

use super::*;

pub(super) fn filter_menu(app: &mut App, action: Action) {
    let Some(mut menu) = app.filters.menu else {
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
                app.filters.active.toggle(*v);
                refilter(app);
                search::recount(app);
            }
        }
        Action::SearchStart => app.filters.find = Some(FilterFind::default()),
        Action::FiltersClose | Action::Clear | Action::Click(..) => {
            app.filters.menu = None;
            return;
        }
        _ => {}
    }
    app.filters.menu = Some(menu);
}

/// Typing in the filter menu: the cursor goes to the first value whose name holds what
/// is typed (in any case), and ↓ ↑ to the next and previous ones.
pub(super) fn filter_find(app: &mut App, action: Action) {
    let (Some(mut menu), Some(mut find)) = (app.filters.menu, app.filters.find.take()) else {
        return;
    };
    let find_again = |find: &mut FilterFind| {
        find.found = filter::matching(&app.timeline, menu.kind(), &find.typed);
        find.found
            .first()
            .copied()
            .filter(|_| !find.typed.is_empty())
    };
    let next = match action {
        Action::SearchInput(c) => {
            find.typed.push(c);
            find_again(&mut find)
        }
        Action::SearchDeleteChar => {
            find.typed.pop();
            find_again(&mut find)
        }
        Action::SearchNext => {
            let after = find.found.iter().find(|&&i| i > menu.cursor);
            after.or(find.found.first()).copied()
        }
        Action::SearchPrev => {
            let before = find.found.iter().rev().find(|&&i| i < menu.cursor);
            before.or(find.found.last()).copied()
        }
        // Done or not, the cursor stays where finding took it.
        Action::SearchConfirm | Action::Clear => return,
        _ => None,
    };
    menu.cursor = next.unwrap_or(menu.cursor);
    app.filters.menu = Some(menu);
    app.filters.find = Some(find);
}

/// Recomputes the shown events after the filters change, keeping the selected event
/// (or the nearest one after it) selected. The caller starts the search again, once
/// the selection is where it wants it.
pub(super) fn refilter(app: &mut App) {
    let current = app.event_at(app.nav.cursors[0].sel);
    app.filters.shown = if app.filters.active.is_empty() && app.filters.window.is_none() {
        None
    } else if let Some(w) = app.filters.window {
        let tl = &app.timeline;
        let holds = |e: &EventIx| {
            let t = &tl.event(*e).time;
            let start = t.nominal_start();
            w.holds(start, t.nominal_end().unwrap_or(start).max(start))
        };
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
    let sel = match (current, &app.filters.shown) {
        (Some(e), Some(v)) => v.partition_point(|x| *x < e),
        (Some(e), None) => e.get(),
        (None, _) => 0,
    };
    app.nav.cursors[0].sel = sel.min(app.shown_len().saturating_sub(1));
    app.nav.cursors[0].top = app.nav.cursors[0].top.min(app.nav.cursors[0].sel);
    if app.nav.view.shows_events() {
        reset_detail(app);
    }
    let view = app.nav.view;
    app.nav.view = View::Timeline;
    rows::scroll_into_view(app);
    app.nav.view = view;
}
