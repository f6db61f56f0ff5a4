//! The lanes of the time axis (by side, place, participant or topic) and the bars placed in
//! them, laid out once per change and kept.

use super::labels::{Label, MIN_TITLE, place_labels};
use super::{Axis, Grouping, eighths};
use crate::app::App;
use crate::app::document::Width;
use crate::model::accounts::{Field, Told};
use crate::model::time::Instant;
use crate::model::timeline::{EventIx, PartyIx, PersonIx, PlaceIx, Status, TopicIx};

/// A lane: a side, a place or a person, or the events with none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LaneKey {
    Side(Option<PartyIx>),
    Place(Option<PlaceIx>),
    Person(PersonIx),
    Topic(Option<TopicIx>),
    /// Events without named participants, in the participant grouping.
    Nobody,
}

/// A bar (or a mark) placed in the chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bar {
    pub event: EventIx,
    /// Row within the chart body (0 is the first lane row on screen).
    pub row: usize,
    /// In eighths of a column: the earliest start, the latest start, the earliest end,
    /// the latest end (equal to the latest start when the end is not known).
    pub from: i64,
    pub certain_from: i64,
    pub certain_to: i64,
    pub to: i64,
    pub status: Status,
}

/// A lane on screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lane {
    pub key: LaneKey,
    pub label: String,
    /// First row (chart body coordinates) and number of rows.
    pub row: usize,
    pub rows: usize,
    /// Events of the lane in the window.
    pub count: usize,
    /// Too many events to draw as bars: how many cover each column, drawn as shades in
    /// one row (a heat strip).
    pub heat: Option<Vec<u32>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AxisLayout {
    pub lanes: Vec<Lane>,
    pub bars: Vec<Bar>,
    /// Where each bar's title or key number goes, by row then column.
    pub labels: Vec<Label>,
    /// Total body rows of all lanes (may exceed what is shown).
    pub total_rows: usize,
    /// The counts from which a heat strip's column takes the next darker shade: the
    /// quartiles of all strips' columns, so that a busy background (events that span
    /// the whole window) still shows where it is busier.
    pub heat_levels: [u32; 3],
}

/// A layout kept from the last change, with what it was made from: drawing the axis
/// again (a tick of the clock, a search step) does not lay out thousands of events
/// again, and a new selection only redraws it over the heat strips and places labels.
#[derive(Clone, Debug, PartialEq)]
pub struct KeptLayout {
    made_from: LayoutInputs,
    selected: Option<EventIx>,
    /// The lanes and bars without the selection over the heat strips, nor labels.
    base: AxisLayout,
    pub layout: AxisLayout,
}

/// What a layout is made from, besides the selection: the window, the grouping, the
/// width and the filters.
type LayoutInputs = (
    Instant,
    i64,
    Grouping,
    u16,
    Vec<crate::app::filter::FilterValue>,
);

impl KeptLayout {
    fn inputs(app: &App, width: u16) -> LayoutInputs {
        (
            app.axis.window.start,
            app.axis.window.span,
            app.axis.window.grouping,
            width,
            app.filters.active.on.clone(),
        )
    }

    /// The app's axis laid out at `width`.
    pub fn new(app: &App, width: u16) -> KeptLayout {
        let base = base_layout(app, &app.axis.window, width);
        let selected = app.event_at(app.nav.cursors[0].sel);
        KeptLayout {
            made_from: KeptLayout::inputs(app, width),
            selected,
            layout: with_selection(&base, app, &app.axis.window, width, selected),
            base,
        }
    }

    /// Whether it was made from what the app shows now, at this width.
    pub fn fits(&self, app: &App, width: u16) -> bool {
        self.made_from == KeptLayout::inputs(app, width)
            && self.selected == app.event_at(app.nav.cursors[0].sel)
    }

    /// Made to fit what the app shows now: only the selection's part again when only
    /// the selection changed.
    pub fn refresh(kept: &mut Option<KeptLayout>, app: &App, width: u16) {
        match kept {
            Some(k) if k.made_from == KeptLayout::inputs(app, width) => {
                let selected = app.event_at(app.nav.cursors[0].sel);
                if k.selected != selected {
                    k.layout = with_selection(&k.base, app, &app.axis.window, width, selected);
                    k.selected = selected;
                }
            }
            _ => *kept = Some(KeptLayout::new(app, width)),
        }
    }

    /// The kept layout if it fits, else a new one.
    pub fn or_new<'a>(
        kept: Option<&'a KeptLayout>,
        app: &App,
        width: u16,
    ) -> std::borrow::Cow<'a, AxisLayout> {
        match kept {
            Some(k) if k.fits(app, width) => std::borrow::Cow::Borrowed(&k.layout),
            _ => std::borrow::Cow::Owned(layout(app, &app.axis.window, width)),
        }
    }
}

/// Sub-rows a lane may stack before it becomes a heat strip.
pub const MAX_STACK: usize = 4;

/// Events that may show in the window, in chronological order: those starting in it
/// and those that began earlier and last into it.
pub fn visible_events(app: &App, axis: &Axis) -> Vec<EventIx> {
    let n = app.shown_len();
    let tl = &app.timeline;
    let start_of = |k: usize| {
        app.event_at(k)
            .map_or(Instant::MAX, |e| tl.event(e).time.nominal_start())
    };
    // Events are in order of their nominal start, which is within `reach` of their
    // earliest: past this position none may start in the window.
    let reach = app.longest;
    let (mut lo, mut hi) = (0usize, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if start_of(mid) < axis.end().saturating_add(reach) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    let end = lo;
    let mut out = Vec::new();
    let mut k = end;
    while k > 0 {
        k -= 1;
        let Some(e) = app.event_at(k) else { break };
        let time = &tl.event(e).time;
        if time.nominal_start() < axis.start.saturating_sub(reach) {
            break;
        }
        let b = &time.bounds;
        let last = b.last();
        if last >= axis.start && b.start_earliest < axis.end() {
            out.push(e);
        }
    }
    out.reverse();
    out
}

/// Where each lane is in a list of lanes, found without searching it.
struct LaneIndex {
    /// By party, place or person index; the last slot for "none".
    by_index: Vec<Option<usize>>,
    none: Option<usize>,
}

impl LaneIndex {
    fn new(keys: &[LaneKey]) -> LaneIndex {
        let mut index = LaneIndex {
            by_index: Vec::new(),
            none: None,
        };
        for (i, key) in keys.iter().enumerate() {
            match LaneIndex::slot(*key) {
                Some(k) => {
                    if index.by_index.len() <= k {
                        index.by_index.resize(k + 1, None);
                    }
                    index.by_index[k] = Some(i);
                }
                None => index.none = Some(i),
            }
        }
        index
    }

    fn slot(key: LaneKey) -> Option<usize> {
        match key {
            LaneKey::Side(p) => p.map(|p| p.get()),
            LaneKey::Place(p) => p.map(|p| p.get()),
            LaneKey::Person(p) => Some(p.get()),
            LaneKey::Topic(t) => t.map(|t| t.get()),
            LaneKey::Nobody => None,
        }
    }

    fn get(&self, key: LaneKey) -> Option<usize> {
        match LaneIndex::slot(key) {
            Some(k) => self.by_index.get(k).copied().flatten(),
            None => self.none,
        }
    }
}

/// The lanes an event belongs to under a grouping, into `out` (cleared first).
fn lanes_of(app: &App, e: EventIx, grouping: Grouping, out: &mut Vec<LaneKey>) {
    let tl = &app.timeline;
    let ev = tl.event(e);
    out.clear();
    match grouping {
        Grouping::Side => {
            for a in tl.attendees(ev).iter() {
                let side = LaneKey::Side(tl.person(a.person).party);
                if !out.contains(&side) {
                    out.push(side);
                }
            }
            if out.is_empty() {
                out.push(LaneKey::Side(None));
            }
        }
        Grouping::Place => out.push(LaneKey::Place(ev.place)),
        Grouping::Participant if ev.attendees.is_empty() => out.push(LaneKey::Nobody),
        Grouping::Participant => {
            out.extend(tl.attendees(ev).iter().map(|a| LaneKey::Person(a.person)));
        }
        Grouping::Topic => {
            out.extend(tl.event_topics(ev).iter().map(|t| LaneKey::Topic(Some(*t))));
            if out.is_empty() {
                out.push(LaneKey::Topic(None));
            }
        }
    }
}

fn lane_label(app: &App, key: LaneKey) -> String {
    let tl = &app.timeline;
    match key {
        LaneKey::Side(Some(p)) => tl.party(p).name.to_string(),
        LaneKey::Side(None) => "no side".into(),
        LaneKey::Place(Some(p)) => tl.place(p).name.to_string(),
        LaneKey::Place(None) => "no place".into(),
        LaneKey::Person(p) => tl.person(p).name.to_string(),
        LaneKey::Topic(Some(t)) => tl.topic(t).name.to_string(),
        LaneKey::Topic(None) => "no topic".into(),
        LaneKey::Nobody => "no one named".into(),
    }
}

/// Every lane of a grouping, in the dataset's order.
fn all_lanes(app: &App, grouping: Grouping) -> Vec<LaneKey> {
    let tl = &app.timeline;
    match grouping {
        Grouping::Side => (0..tl.parties.len() as u32)
            .map(|i| LaneKey::Side(Some(PartyIx::new(i))))
            .chain([LaneKey::Side(None)])
            .collect(),
        Grouping::Place => (0..tl.places.len() as u32)
            .map(|i| LaneKey::Place(Some(PlaceIx::new(i))))
            .chain([LaneKey::Place(None)])
            .collect(),
        Grouping::Participant => app
            .people_order
            .iter()
            .map(|p| LaneKey::Person(*p))
            .chain([LaneKey::Nobody])
            .collect(),
        Grouping::Topic => (0..tl.topics.len() as u32)
            .map(|i| LaneKey::Topic(Some(TopicIx::new(i))))
            .chain([LaneKey::Topic(None)])
            .collect(),
    }
}

/// Lays out the lanes and bars of the window for a chart of `width` columns (after the
/// lane labels), the selection and the labels. Only events in the window are looked at.
pub fn layout(app: &App, axis: &Axis, width: u16) -> AxisLayout {
    let selected = app.event_at(app.nav.cursors[0].sel);
    with_selection(&base_layout(app, axis, width), app, axis, width, selected)
}

/// `base` with the selection drawn over the heat strips it is in, and every label.
fn with_selection(
    base: &AxisLayout,
    app: &App,
    axis: &Axis,
    width: u16,
    selected: Option<EventIx>,
) -> AxisLayout {
    let mut out = base.clone();
    if let Some(e) = selected {
        let mut keys = Vec::new();
        lanes_of(app, e, axis.grouping, &mut keys);
        for lane in out.lanes.iter().filter(|l| l.heat.is_some()) {
            if keys.contains(&lane.key) {
                out.bars.push(bar_of(app, e, axis, width, lane.row));
            }
        }
    }
    place_labels(app, &mut out, width);
    out
}

/// The lanes and bars of the window, without the selection or labels.
fn base_layout(app: &App, axis: &Axis, width: u16) -> AxisLayout {
    let events = visible_events(app, axis);
    let tl = &app.timeline;
    let keys = all_lanes(app, axis.grouping);
    let lane_of = LaneIndex::new(&keys);
    // Per lane: its events, in order.
    let mut per_lane: Vec<Vec<EventIx>> = vec![Vec::new(); keys.len()];
    let mut lanes = Vec::new();
    for &e in &events {
        lanes_of(app, e, axis.grouping, &mut lanes);
        for key in &lanes {
            if let Some(i) = lane_of.get(*key) {
                per_lane[i].push(e);
            }
        }
    }
    let mut out = AxisLayout::default();
    for (i, key) in keys.iter().enumerate() {
        let lane_events = &per_lane[i];
        // Lanes without events here are left out when they have no events at all, and
        // "no side" / "no place" lanes only appear when used.
        let has_any = match key {
            LaneKey::Side(None) | LaneKey::Place(None) | LaneKey::Topic(None) | LaneKey::Nobody => {
                !lane_events.is_empty()
            }
            LaneKey::Topic(Some(t)) => tl.events_on(*t).len() > 0,
            LaneKey::Side(Some(p)) => tl
                .people_of(*p)
                .any(|person| tl.events_of(person).len() > 0),
            LaneKey::Place(Some(p)) => tl.events_at(*p).len() > 0,
            LaneKey::Person(p) => tl.events_of(*p).len() > 0,
        };
        if !has_any {
            continue;
        }
        let first_row = out.total_rows;
        // More events than a bar every three columns, or than rows to stack them: a
        // heat strip, not bars.
        let stacked = if lane_events.len() * 3 > usize::from(width).max(1) {
            None
        } else {
            stack(app, lane_events, axis, width, first_row)
        };
        let (rows, heat_counts) = match stacked {
            Some((bars, rows)) => {
                out.bars.extend(bars);
                (rows, None)
            }
            None => (1, Some(heat(app, lane_events, axis, width))),
        };
        out.lanes.push(Lane {
            key: *key,
            label: lane_label(app, *key),
            row: first_row,
            rows,
            count: lane_events.len(),
            heat: heat_counts,
        });
        out.total_rows += rows;
    }
    out.heat_levels = quartiles(&out.lanes);
    out
}

/// The quartiles of the strips' columns that hold any event.
fn quartiles(lanes: &[Lane]) -> [u32; 3] {
    let mut all: Vec<u32> = lanes
        .iter()
        .filter_map(|l| l.heat.as_ref())
        .flatten()
        .copied()
        .filter(|&n| n > 0)
        .collect();
    if all.is_empty() {
        return [1; 3];
    }
    all.sort_unstable();
    [1, 2, 3].map(|q| all[all.len() * q / 4])
}

/// The bars of a lane's events stacked in at most [`MAX_STACK`] rows from `first_row`,
/// and the rows used; `None` when they do not fit. Each event goes to the first row with
/// room for it and its title before it, else the first with room for the bar alone
/// (one blank column apart).
fn stack(
    app: &App,
    events: &[EventIx],
    axis: &Axis,
    width: u16,
    first_row: usize,
) -> Option<(Vec<Bar>, usize)> {
    let mut row_ends: Vec<i64> = Vec::new();
    let mut bars = Vec::with_capacity(events.len());
    for &e in events {
        let bar = bar_of(app, e, axis, width, 0);
        let start_col = bar.from.div_euclid(8);
        let end_col = bar.to.div_euclid(8) + 1;
        let title = (app.timeline.event(e).title().width() as i64).min(MIN_TITLE);
        // Columns the bar shows its title on, between its edge cells.
        let inside = (bar.to - 1).div_euclid(8) - start_col - 1;
        let need = if inside >= title { 0 } else { title + 2 };
        let s = row_ends
            .iter()
            .position(|&end| end.saturating_add(need) < start_col)
            .or_else(|| {
                (row_ends.len() < MAX_STACK).then(|| {
                    row_ends.push(i64::MIN);
                    row_ends.len() - 1
                })
            })
            .or_else(|| row_ends.iter().position(|&end| end < start_col))?;
        row_ends[s] = end_col;
        bars.push(Bar {
            row: first_row + s,
            ..bar
        });
    }
    Some((bars, row_ends.len().max(1)))
}

/// An event of lane `key` drawn over column `col` (the shortest there), for a click on
/// a heat strip: looked up only then, among the events in the window.
pub fn event_in_strip(
    app: &App,
    axis: &Axis,
    key: LaneKey,
    width: u16,
    col: i64,
) -> Option<EventIx> {
    let mut lanes = Vec::new();
    visible_events(app, axis)
        .into_iter()
        .filter_map(|e| {
            let bar = bar_of(app, e, axis, width, 0);
            let (first, last) = super::bar_columns(bar.from, bar.to);
            if col < first || col > last {
                return None;
            }
            lanes_of(app, e, axis.grouping, &mut lanes);
            lanes.contains(&key).then_some((bar.to - bar.from, e))
        })
        .min_by_key(|(length, _)| *length)
        .map(|(_, e)| e)
}

/// How many of `events` cover each of the `width` columns.
fn heat(app: &App, events: &[EventIx], axis: &Axis, width: u16) -> Vec<u32> {
    let w = i64::from(width);
    // Starts and ends as differences, summed once: linear in events plus columns.
    let mut diff = vec![0i64; usize::from(width) + 1];
    for &e in events {
        let bar = bar_of(app, e, axis, width, 0);
        let first = bar.from.div_euclid(8).clamp(0, w);
        let last = if bar.to - bar.from < 4 {
            bar.from.div_euclid(8)
        } else {
            (bar.to - 1).div_euclid(8)
        }
        .clamp(-1, w - 1);
        if last < first {
            continue;
        }
        diff[first as usize] += 1;
        diff[last as usize + 1] -= 1;
    }
    let mut running = 0i64;
    diff[..usize::from(width)]
        .iter()
        .map(|d| {
            running += d;
            running.max(0) as u32
        })
        .collect()
}

/// The bar of event `e`: from the earliest start any account allows to the latest end,
/// solid only where every account (the event's own and each other account of its time,
/// as known at the knowledge cursor) has it certainly going on, shaded where only some
/// do or none is sure.
fn bar_of(app: &App, e: EventIx, axis: &Axis, width: u16, row: usize) -> Bar {
    let tl = &app.timeline;
    let ev = tl.event(e);
    let x = |t: Instant| eighths(t, axis, width);
    let counts = |s| app.known_at.is_none_or(|at| tl.counts_by(s, at));
    let others = tl.accounts_of(e).into_iter().flat_map(|a| {
        a.of(Field::Time).filter_map(move |acc| match &acc.told {
            Told::Time(t) if counts(acc.source) => Some(t.bounds),
            _ => None,
        })
    });
    let mut all = std::iter::once(ev.time.bounds).chain(others);
    let first = all.next().unwrap_or(ev.time.bounds);
    // Starts from every account; ends from those that give one (an account of the start
    // alone says nothing of the end).
    let (mut lo, mut sure_from) = (first.start_earliest, first.start_latest);
    let mut ends: Option<(Instant, Instant)> = first
        .end_latest()
        .map(|hi| (first.end_earliest.max(first.start_latest), hi));
    for b in all {
        lo = lo.min(b.start_earliest);
        sure_from = sure_from.max(b.start_latest);
        if let Some(hi) = b.end_latest() {
            let sure = b.end_earliest.max(b.start_latest);
            ends = Some(match ends {
                Some((s, h)) => (s.min(sure), h.max(hi)),
                None => (sure, hi),
            });
        }
    }
    let (certain_to, to) = match ends {
        Some((sure_to, hi)) => (x(sure_to.max(sure_from)), x(hi.max(sure_from))),
        None => (x(sure_from), x(sure_from)),
    };
    Bar {
        event: e,
        row,
        from: x(lo),
        certain_from: x(sure_from),
        certain_to,
        to,
        status: app.status_of(e),
    }
}
