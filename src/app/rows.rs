//! The rows of each list, laid out only for what is on screen: the timeline walks from
//! its top event and stops when the pane is full, whatever the size of the dataset.

use super::{App, View, layout, view_index};
use crate::model::describe::{self, Heading};
use crate::model::time::zone::local_date;
use crate::model::timeline::{EventIx, PartyIx};
use chrono::{Days, NaiveDate};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListRow {
    /// A year's, a month's or a day's header in the display zone (see
    /// [`describe::heading`]).
    Heading(Heading),
    /// The line between past and future.
    Now,
    /// Whole days without an event between two events (from the first empty day to
    /// the next event's, exclusive), shown when gap rows are on (`t`).
    Gap { from: NaiveDate, to: NaiveDate },
    /// A side's header in the people list.
    Side(Option<PartyIx>),
    /// An item: a position in the timeline list, or an index in the view's list.
    Item(usize),
}

fn heading_of(app: &App, ev: EventIx) -> Heading {
    describe::heading(app.timeline.event(ev), app.zone())
}

/// The days with no event between two consecutive events, in the display zone: from
/// the day after the first ends (its start, without an end) to the day the next begins.
fn gap(app: &App, before: EventIx, after: EventIx) -> Option<ListRow> {
    let zone = app.zone();
    let a = &app.timeline.event(before).time;
    let end = a.nominal_end().unwrap_or(a.nominal_start());
    let from = local_date(end, zone).checked_add_days(Days::new(1))?;
    let to = local_date(app.timeline.event(after).time.nominal_start(), zone);
    (to > from).then_some(ListRow::Gap { from, to })
}

fn started(app: &App, ev: EventIx) -> bool {
    app.timeline.event(ev).time.nominal_start() <= app.now_line()
}

/// Up to `height` timeline rows starting at event position `top`. The first row is the
/// header of the top event, so its year, month or day is always in sight.
pub fn timeline_rows(app: &App, top: usize, height: usize) -> Vec<ListRow> {
    let mut rows = Vec::with_capacity(height);
    let mut prev: Option<EventIx> = top.checked_sub(1).and_then(|k| app.event_at(k));
    let mut k = top;
    while rows.len() < height {
        let Some(ev) = app.event_at(k) else {
            if prev.is_some_and(|p| started(app, p)) && rows.len() < height {
                rows.push(ListRow::Now);
            }
            break;
        };
        let day = heading_of(app, ev);
        let now_here = !started(app, ev) && prev.map_or(k == 0, |p| started(app, p));
        if k == top {
            if now_here && k == 0 {
                rows.push(ListRow::Now);
            }
            rows.push(ListRow::Heading(day));
            if now_here && k > 0 {
                rows.push(ListRow::Now);
            }
        } else {
            if app.gaps
                && let Some(g) = prev.and_then(|p| gap(app, p, ev))
            {
                rows.push(g);
            }
            if now_here {
                rows.push(ListRow::Now);
            }
            if prev.is_some_and(|p| heading_of(app, p) != day) {
                rows.push(ListRow::Heading(day));
            }
        }
        rows.push(ListRow::Item(k));
        prev = Some(ev);
        k += 1;
    }
    rows.truncate(height);
    rows
}

/// All rows of the people list: each side's header, then its people.
pub fn people_rows(app: &App) -> Vec<ListRow> {
    let people = app.people_listed();
    let mut rows = Vec::with_capacity(people.len() + app.timeline.parties.len() + 1);
    let mut current: Option<Option<PartyIx>> = None;
    for (i, p) in people.iter().enumerate() {
        let side = app.timeline.person(*p).party;
        if current != Some(side) {
            rows.push(ListRow::Side(side));
            current = Some(side);
        }
        rows.push(ListRow::Item(i));
    }
    rows
}

/// The rows of a view's list that fit in `height`, from its scroll position.
pub fn visible(app: &App, view: View, height: usize) -> Vec<ListRow> {
    let c = app.nav.cursors[view_index(view)];
    match view {
        View::Timeline | View::Axis => timeline_rows(app, c.top, height),
        View::People => people_rows(app)
            .into_iter()
            .skip(c.top)
            .take(height)
            .collect(),
        View::Topics | View::Places => (c.top..app.list_len(view))
            .take(height)
            .map(ListRow::Item)
            .collect(),
    }
}

/// Moves the current view's scroll position so that its selection is on screen.
pub fn scroll_into_view(app: &mut App) {
    scroll_into_view_of(app, app.nav.view);
}

/// The same for a given view's list.
pub fn scroll_into_view_of(app: &mut App, view: View) {
    let height = layout::list_height(app.size.0, app.size.1);
    let len = app.list_len(view);
    let c = &mut app.nav.cursors[view_index(view)];
    c.sel = c.sel.min(len.saturating_sub(1));
    match view {
        View::Timeline | View::Axis => {
            let (sel, top) = (c.sel, c.top);
            let shows = |top: usize| timeline_rows(app, top, height).contains(&ListRow::Item(sel));
            let mut new_top = top.min(sel);
            if !shows(new_top) {
                // The selection goes at the bottom: the lowest top that still shows it.
                new_top = sel;
                while new_top > 0 && shows(new_top - 1) {
                    new_top -= 1;
                }
            }
            app.nav.cursors[view_index(view)].top = new_top;
        }
        View::People => {
            let rows = people_rows(app);
            let at = rows
                .iter()
                .position(|r| *r == ListRow::Item(app.nav.cursors[view_index(view)].sel))
                .unwrap_or(0);
            // Keep the side's header in view with its first person.
            let want = if at > 0 && matches!(rows[at - 1], ListRow::Side(_)) {
                at - 1
            } else {
                at
            };
            let c = &mut app.nav.cursors[view_index(view)];
            if want < c.top {
                c.top = want;
            } else if at >= c.top + height {
                c.top = at + 1 - height;
            }
        }
        View::Topics | View::Places => {
            if c.sel < c.top {
                c.top = c.sel;
            } else if c.sel >= c.top + height {
                c.top = c.sel + 1 - height;
            }
        }
    }
}
