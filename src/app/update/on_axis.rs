//! Actions on the time axis: zoom, pan, fit, lanes, clicks, and keeping the selection
//! on screen.

use super::*;
use crate::app::axis;

pub(super) fn axis_mode(app: &mut App, action: Action) {
    match action {
        Action::Pan(quarters) => app.axis.window.pan(i64::from(quarters)),
        // The wheel pans the chart under the pointer; over the detail it scrolls that.
        Action::ScrollUp(x, y) if over_chart(app, x, y) => app.axis.window.pan(-1),
        Action::ScrollDown(x, y) if over_chart(app, x, y) => app.axis.window.pan(1),
        Action::ZoomIn | Action::ZoomOut => {
            let anchor = app
                .event_at(app.nav.cursors[0].sel)
                .map_or(app.axis.window.start + app.axis.window.span / 2, |e| {
                    app.timeline.event(e).time.bounds.start_earliest
                });
            app.axis.window.zoom(action == Action::ZoomOut, anchor);
        }
        Action::Fit => fit_axis(app),
        Action::CycleLanes => {
            app.axis.window.grouping = app.axis.window.grouping.next();
            app.axis.window.row_top = 0;
            app.status = Some(format!("lanes {}", app.axis.window.grouping.title()));
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
    let mut end = last.end_latest().unwrap_or(last.start_latest);
    // Events are ordered by start; one that started earlier may end later.
    if n <= 100_000 {
        for k in 0..n {
            if let Some(b) = bounds(k) {
                end = end.max(b.end_latest().unwrap_or(b.start_latest));
            }
        }
    }
    app.axis.window.fit(first.start_earliest, end);
}

fn over_chart(app: &App, x: u16, y: u16) -> bool {
    contains(
        layout::areas(app.size.0, app.size.1, Focus::List).list,
        x,
        y,
    )
}

fn chart(app: &App) -> Option<axis::Geometry> {
    layout::areas(app.size.0, app.size.1, Focus::List)
        .list_inner()
        .map(axis::geometry)
}

/// After any action on the time axis: place it the first time, keep the selected
/// event on screen (or, after a pan, select an event that is), and scroll the lanes.
pub(super) fn settle_axis(app: &mut App, panned: bool) {
    if !app.axis.placed {
        app.axis.placed = true;
        // Without sides, lanes by side say nothing: a file of groups (TimelineJS) gets
        // lanes by topic.
        let tl = &app.timeline;
        if app.axis.window.grouping == axis::Grouping::Side
            && tl.parties.is_empty()
            && !tl.topics.is_empty()
        {
            app.axis.window.grouping = axis::Grouping::Topic;
        }
        let span = app.timeline.span().map_or(0, |(a, b)| b - a);
        if span > 0 && span <= 62 * 86_400 {
            fit_axis(app);
        } else {
            app.axis.window.span = 7 * 86_400;
        }
    }
    let Some(g) = chart(app) else { return };
    let width = g.body.width.max(1);
    let selected = app.event_at(app.nav.cursors[0].sel);
    let in_window = |app: &App, e: EventIx| {
        let b = &app.timeline.event(e).time.bounds;
        let last = b.last();
        b.start_earliest < app.axis.window.end() && last >= app.axis.window.start
    };
    match selected {
        Some(e) if panned && !in_window(app, e) => {
            let middle = app.axis.window.start + app.axis.window.span / 2;
            let nearest = axis::visible_events(app, &app.axis.window)
                .into_iter()
                .min_by_key(|x| (app.timeline.event(*x).time.bounds.start_earliest - middle).abs());
            if let Some(k) = nearest.and_then(|x| app.position_of(x)) {
                app.nav.cursors[0].sel = k;
                reset_detail(app);
            }
        }
        Some(e) if !panned => {
            let b = app.timeline.event(e).time.bounds;
            let last = b.last();
            // At least a little of it, and its start when it is short enough.
            app.axis.window.reveal(
                b.start_earliest,
                last.min(b.start_earliest + app.axis.window.span),
            );
        }
        _ => {}
    }
    // Laid out again only when something it is made from changed.
    let mut kept = app.axis.layout.take();
    axis::KeptLayout::refresh(&mut kept, app, width);
    app.axis.layout = kept;
    let rows = usize::from(g.body.height).max(1);
    let selected = app.event_at(app.nav.cursors[0].sel);
    let (selected_row, total_rows) = app.axis.layout.as_ref().map_or((None, 0), |k| {
        let bar = k.layout.bars.iter().find(|b| Some(b.event) == selected);
        (bar.map(|b| b.row), k.layout.total_rows)
    });
    if let Some(row) = selected_row {
        if row < app.axis.window.row_top {
            app.axis.window.row_top = row;
        } else if row >= app.axis.window.row_top + rows {
            app.axis.window.row_top = row + 1 - rows;
        }
    }
    app.axis.window.row_top = app.axis.window.row_top.min(total_rows.saturating_sub(rows));
    rows::scroll_into_view_of(app, View::Timeline);
}

/// A click on a bar selects its event; `false` when the click was not on the chart.
fn axis_click(app: &mut App, x: u16, y: u16) -> bool {
    let Some(g) = chart(app) else { return false };
    let b = g.body;
    if !contains(Some(b), x, y) {
        return false;
    }
    let row = usize::from(y - b.y) + app.axis.window.row_top;
    let col = i64::from(x - b.x);
    let lay = axis::KeptLayout::or_new(app.axis.layout.as_ref(), app, b.width);
    let hit = lay
        .bars
        .iter()
        .filter(|bar| {
            bar.row == row && bar.from.div_euclid(8) <= col && bar.to.div_euclid(8) >= col
        })
        .min_by_key(|bar| bar.to - bar.from)
        .map(|bar| bar.event)
        .or_else(|| {
            // A heat strip: an event of that lane over the column.
            let lane = lay
                .lanes
                .iter()
                .find(|l| l.row == row && l.heat.is_some())?;
            axis::event_in_strip(app, &app.axis.window, lane.key, b.width, col)
        });
    app.nav.focus = Focus::List;
    if let Some(k) = hit.and_then(|e| app.position_of(e)) {
        select(app, k);
    }
    true
}
