//! The time axis: which stretch of time is on screen, how instants map to columns (in
//! eighths of a column, for the block characters that draw bar edges), the tick marks
//! of the display zone, and the lanes with their bars. Pure geometry: the view draws
//! an [`AxisLayout`] and `update` hit-tests clicks against the same one.

use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use chrono_tz::Tz;

use super::App;
use crate::model::time::{Instant, PartOfDay, to_local};
use crate::model::timeline::{EventIx, PartyIx, PersonIx, PlaceIx, Status};

/// How events are sorted into lanes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grouping {
    Side,
    Place,
    Participant,
}

impl Grouping {
    pub fn next(self) -> Grouping {
        match self {
            Grouping::Side => Grouping::Place,
            Grouping::Place => Grouping::Participant,
            Grouping::Participant => Grouping::Side,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Grouping::Side => "by side",
            Grouping::Place => "by place",
            Grouping::Participant => "by participant",
        }
    }
}

/// The visible stretch of time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Axis {
    /// The instant at the left edge of the chart.
    pub start: Instant,
    /// Seconds from the left edge to the right edge.
    pub span: i64,
    pub grouping: Grouping,
    /// The first lane row on screen, when lanes do not all fit.
    pub row_top: usize,
}

/// Zoom steps, narrowest first: an hour up to ten years.
pub const SPANS: [i64; 16] = [
    3600,
    3 * 3600,
    6 * 3600,
    12 * 3600,
    86_400,
    2 * 86_400,
    4 * 86_400,
    7 * 86_400,
    14 * 86_400,
    30 * 86_400,
    91 * 86_400,
    182 * 86_400,
    365 * 86_400,
    2 * 365 * 86_400,
    5 * 365 * 86_400,
    10 * 365 * 86_400,
];

impl Default for Axis {
    fn default() -> Axis {
        Axis {
            start: 0,
            span: 7 * 86_400,
            grouping: Grouping::Side,
            row_top: 0,
        }
    }
}

impl Axis {
    pub fn end(&self) -> Instant {
        self.start.saturating_add(self.span)
    }

    /// The next wider (`out`) or narrower zoom step, keeping `anchor` where it is on
    /// screen.
    pub fn zoom(&mut self, out: bool, anchor: Instant) {
        let span = if out {
            SPANS
                .iter()
                .copied()
                .find(|&s| s > self.span)
                .unwrap_or(self.span)
        } else {
            SPANS
                .iter()
                .rev()
                .copied()
                .find(|&s| s < self.span)
                .unwrap_or(self.span)
        };
        let fraction = if self.span > 0 {
            ((anchor - self.start) as f64 / self.span as f64).clamp(0.0, 1.0)
        } else {
            0.5
        };
        self.start = anchor - (fraction * span as f64) as i64;
        self.span = span;
    }

    /// Moves by a fraction of the visible span (negative: back in time).
    pub fn pan(&mut self, quarters: i64) {
        self.start = self.start.saturating_add(self.span / 4 * quarters);
    }

    /// Shows `[from, to]` with a small margin each side.
    pub fn fit(&mut self, from: Instant, to: Instant) {
        let length = (to - from).max(3600);
        let margin = length / 20 + 1;
        self.start = from - margin;
        self.span = length + 2 * margin;
    }

    /// Puts `[from, to]` on screen if it is not: centred, zooming out when it is longer
    /// than the view.
    pub fn reveal(&mut self, from: Instant, to: Instant) {
        // The right edge itself is just off the chart.
        if from >= self.start && to < self.end() {
            return;
        }
        while to - from > self.span && self.span < SPANS[SPANS.len() - 1] {
            self.zoom(true, from);
        }
        let middle = from + (to - from) / 2;
        self.start = middle - self.span / 2;
    }
}

/// Where an instant falls, in eighths of a column from the chart's left edge.
pub fn eighths(t: Instant, axis: &Axis, width: u16) -> i64 {
    if axis.span <= 0 {
        return 0;
    }
    // In 64 bits when nothing overflows (every realistic date): a chart has
    // thousands of bars, and 128-bit division is slow.
    if let Some(scaled) = t
        .checked_sub(axis.start)
        .and_then(|offset| offset.checked_mul(i64::from(width) * 8))
    {
        return scaled
            .div_euclid(axis.span)
            .clamp(i64::MIN / 2, i64::MAX / 2);
    }
    let offset = i128::from(t) - i128::from(axis.start);
    let scaled = offset * i128::from(width) * 8;
    let e = scaled.div_euclid(i128::from(axis.span));
    e.clamp(i128::from(i64::MIN / 2), i128::from(i64::MAX / 2)) as i64
}

/// The column an instant falls in (may be off the chart, left or right).
pub fn column(t: Instant, axis: &Axis, width: u16) -> i64 {
    eighths(t, axis, width).div_euclid(8)
}

/// A tick on the axis: its column and its label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tick {
    pub column: u16,
    pub label: String,
}

/// Tick steps, finest first, with how they are labelled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Minutes(u32),
    Hours(u32),
    Parts,
    Days(u32),
    Weeks,
    Months(u32),
    Years(u32),
}

const STEPS: [Step; 17] = [
    Step::Minutes(5),
    Step::Minutes(15),
    Step::Minutes(30),
    Step::Hours(1),
    Step::Hours(2),
    Step::Hours(3),
    Step::Parts,
    Step::Hours(12),
    Step::Days(1),
    Step::Days(2),
    Step::Weeks,
    Step::Months(1),
    Step::Months(3),
    Step::Months(6),
    Step::Years(1),
    Step::Years(5),
    Step::Years(10),
];

impl Step {
    /// Rough length, to choose a step.
    fn seconds(self) -> i64 {
        match self {
            Step::Minutes(m) => i64::from(m) * 60,
            Step::Hours(h) => i64::from(h) * 3600,
            Step::Parts => 6 * 3600,
            Step::Days(d) => i64::from(d) * 86_400,
            Step::Weeks => 7 * 86_400,
            Step::Months(m) => i64::from(m) * 30 * 86_400,
            Step::Years(y) => i64::from(y) * 365 * 86_400,
        }
    }

    /// Columns a label of this step needs, with a gap.
    fn label_width(self) -> i64 {
        match self {
            Step::Minutes(_) | Step::Hours(_) => 7,
            Step::Parts => 11,
            Step::Days(_) => 7,
            Step::Weeks => 11,
            Step::Months(_) => 10,
            Step::Years(_) => 6,
        }
    }

    /// The first local boundary of this step at or before `t`.
    fn floor(self, t: NaiveDateTime) -> NaiveDateTime {
        let day = t.date().and_time(NaiveTime::MIN);
        let secs = i64::from(t.num_seconds_from_midnight());
        match self {
            Step::Minutes(m) => {
                day + chrono::Duration::seconds(secs / (i64::from(m) * 60) * i64::from(m) * 60)
            }
            Step::Hours(h) => {
                day + chrono::Duration::seconds(secs / (i64::from(h) * 3600) * i64::from(h) * 3600)
            }
            Step::Parts => day + chrono::Duration::seconds(secs / (6 * 3600) * 6 * 3600),
            Step::Days(_) => day,
            Step::Weeks => day - Days::new(u64::from(t.weekday().num_days_from_monday())),
            Step::Months(m) => {
                let month0 = (t.month0() / m) * m;
                NaiveDate::from_ymd_opt(t.year(), month0 + 1, 1)
                    .unwrap_or(t.date())
                    .and_time(NaiveTime::MIN)
            }
            Step::Years(y) => {
                let year = t.year().div_euclid(y as i32) * y as i32;
                NaiveDate::from_ymd_opt(year, 1, 1)
                    .unwrap_or(t.date())
                    .and_time(NaiveTime::MIN)
            }
        }
    }

    fn advance(self, t: NaiveDateTime) -> NaiveDateTime {
        match self {
            Step::Minutes(m) => t + chrono::Duration::minutes(i64::from(m)),
            Step::Hours(h) => t + chrono::Duration::hours(i64::from(h)),
            Step::Parts => t + chrono::Duration::hours(6),
            Step::Days(d) => t + Days::new(u64::from(d)),
            Step::Weeks => t + Days::new(7),
            Step::Months(m) => t + Months::new(m),
            Step::Years(y) => t + Months::new(12 * y),
        }
    }

    fn label(self, t: NaiveDateTime) -> String {
        let midnight = t.num_seconds_from_midnight() == 0;
        match self {
            Step::Minutes(_) | Step::Hours(_) if midnight => t.format("%a %-d").to_string(),
            Step::Minutes(_) | Step::Hours(_) => t.format("%H:%M").to_string(),
            Step::Parts if midnight => t.format("%a %-d").to_string(),
            Step::Parts => PartOfDay::containing(
                t.num_seconds_from_midnight(),
                t.num_seconds_from_midnight() + 1,
            )
            .map_or_else(|| t.format("%H:%M").to_string(), |p| p.label().to_string()),
            Step::Days(_) => t.format("%a %-d").to_string(),
            Step::Weeks => t.format("%-d %b").to_string(),
            Step::Months(_) if t.month() == 1 => t.format("%b %Y").to_string(),
            Step::Months(_) => t.format("%b").to_string(),
            Step::Years(_) => t.format("%Y").to_string(),
        }
    }
}

/// Ticks at local boundaries of the display zone, spaced so that labels never overlap.
pub fn ticks(axis: &Axis, zone: Tz, width: u16) -> Vec<Tick> {
    if width == 0 || axis.span <= 0 {
        return Vec::new();
    }
    let step = STEPS
        .iter()
        .copied()
        .find(|s| {
            s.seconds() as i128 * i128::from(width)
                >= s.label_width() as i128 * i128::from(axis.span)
        })
        .unwrap_or(Step::Years(10));
    let mut local = step.floor(to_local(axis.start, zone));
    let mut out: Vec<Tick> = Vec::new();
    let mut last_end = i64::MIN;
    for _ in 0..400 {
        let next = step.advance(local);
        // A local time the clocks skip gets no tick.
        let Some(t) = resolve(local, zone) else {
            if next <= local {
                break;
            }
            local = next;
            continue;
        };
        let col = column(t, axis, width);
        if col >= i64::from(width) {
            break;
        }
        let label = step.label(local);
        let label_w = label.chars().count() as i64;
        if col >= 0 && col > last_end && col + label_w <= i64::from(width) {
            out.push(Tick {
                column: col as u16,
                label,
            });
            last_end = col + label_w;
        }
        if next <= local {
            break;
        }
        local = next;
    }
    out
}

/// A local time to an instant (the first, when the clocks go back); `None` for a time
/// the clocks skip.
fn resolve(local: NaiveDateTime, zone: Tz) -> Option<Instant> {
    use chrono::TimeZone;
    match zone.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) => Some(t.timestamp()),
        chrono::LocalResult::Ambiguous(a, _) => Some(a.timestamp()),
        chrono::LocalResult::None => None,
    }
}

/// A lane: a side, a place or a person, or the events with none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LaneKey {
    Side(Option<PartyIx>),
    Place(Option<PlaceIx>),
    Person(PersonIx),
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
}

/// More events overlapping than rows to stack them: drawn as a count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cluster {
    pub row: usize,
    pub column: i64,
    pub count: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AxisLayout {
    pub lanes: Vec<Lane>,
    pub bars: Vec<Bar>,
    pub clusters: Vec<Cluster>,
    /// Total body rows of all lanes (may exceed what is shown).
    pub total_rows: usize,
}

/// A layout kept from the last change, with what it was made from: drawing the axis
/// again (a tick of the clock, a search step) does not lay out thousands of events again.
#[derive(Clone, Debug, PartialEq)]
pub struct KeptLayout {
    made_from: LayoutInputs,
    pub layout: AxisLayout,
}

/// What a layout is made from: the window, the grouping, the width, the selection (it
/// is never hidden in a cluster) and the filters.
type LayoutInputs = (
    Instant,
    i64,
    Grouping,
    u16,
    Option<EventIx>,
    Vec<super::filter::FilterValue>,
);

impl KeptLayout {
    fn inputs(app: &App, width: u16) -> LayoutInputs {
        (
            app.axis.start,
            app.axis.span,
            app.axis.grouping,
            width,
            app.event_at(app.cursors[0].sel),
            app.filters.on.clone(),
        )
    }

    /// The app's axis laid out at `width`.
    pub fn new(app: &App, width: u16) -> KeptLayout {
        KeptLayout {
            made_from: KeptLayout::inputs(app, width),
            layout: layout(app, &app.axis, width),
        }
    }

    /// Whether it was made from what the app shows now, at this width.
    pub fn fits(&self, app: &App, width: u16) -> bool {
        self.made_from == KeptLayout::inputs(app, width)
    }

    /// The kept layout if it fits, else a new one.
    pub fn or_new<'a>(
        kept: Option<&'a KeptLayout>,
        app: &App,
        width: u16,
    ) -> std::borrow::Cow<'a, AxisLayout> {
        match kept {
            Some(k) if k.fits(app, width) => std::borrow::Cow::Borrowed(&k.layout),
            _ => std::borrow::Cow::Owned(layout(app, &app.axis, width)),
        }
    }
}

/// Sub-rows a lane may stack before overlapping events become a cluster count.
pub const MAX_STACK: usize = 3;

/// Events that may show in the window, in chronological order: those starting in it
/// and those that began earlier and last into it.
pub fn visible_events(app: &App, axis: &Axis) -> Vec<EventIx> {
    let n = app.shown_len();
    let tl = &app.timeline;
    let start_of = |k: usize| {
        app.event_at(k)
            .map_or(Instant::MAX, |e| tl.event(e).time.bounds.start_earliest)
    };
    // The first position starting after the window's end.
    let (mut lo, mut hi) = (0usize, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if start_of(mid) < axis.end() {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    let end = lo;
    let reach = app.longest;
    let mut out = Vec::new();
    let mut k = end;
    while k > 0 {
        k -= 1;
        let Some(e) = app.event_at(k) else { break };
        let b = &tl.event(e).time.bounds;
        if b.start_earliest < axis.start.saturating_sub(reach) {
            break;
        }
        let last = b.last();
        if last >= axis.start {
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
    }
}

/// Lays out the lanes and bars of the window for a chart of `width` columns (after the
/// lane labels). Only events in the window are looked at.
pub fn layout(app: &App, axis: &Axis, width: u16) -> AxisLayout {
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
    let selected = app.event_at(app.cursors[0].sel);
    for (i, key) in keys.iter().enumerate() {
        let lane_events = &per_lane[i];
        // Lanes without events here are left out when they have no events at all, and
        // "no side" / "no place" lanes only appear when used.
        let has_any = match key {
            LaneKey::Side(None) | LaneKey::Place(None) | LaneKey::Nobody => !lane_events.is_empty(),
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
        // Greedy stacking: each event goes to the first sub-row free at its start.
        let mut row_ends: Vec<i64> = Vec::new();
        let mut overflow: Vec<(i64, EventIx)> = Vec::new();
        for &e in lane_events {
            let bar = bar_of(app, e, axis, width, 0);
            // A bar's label needs room too; a gap of one column keeps bars apart.
            let start_col = bar.from.div_euclid(8);
            let end_col = bar.to.div_euclid(8) + 1;
            let slot = row_ends.iter().position(|&end| end < start_col);
            let slot = match slot {
                Some(s) => Some(s),
                None if row_ends.len() < MAX_STACK => {
                    row_ends.push(i64::MIN);
                    Some(row_ends.len() - 1)
                }
                None => None,
            };
            match slot {
                Some(s) => {
                    row_ends[s] = end_col;
                    out.bars.push(Bar {
                        row: first_row + s,
                        ..bar
                    });
                }
                None if Some(e) == selected => {
                    // The selection is never hidden in a cluster: it takes the last row.
                    let s = MAX_STACK - 1;
                    out.bars
                        .retain(|b| !(b.row == first_row + s && b.to.div_euclid(8) >= start_col));
                    row_ends[s] = end_col;
                    out.bars.push(Bar {
                        row: first_row + s,
                        ..bar
                    });
                }
                None => overflow.push((start_col, e)),
            }
        }
        let rows = row_ends.len().max(1);
        // Overflow comes in column order and clusters are more than two columns apart,
        // so only the lane's last cluster can be near enough to join.
        for (col, _) in &overflow {
            match out
                .clusters
                .last_mut()
                .filter(|c| c.row == first_row + rows - 1 && (c.column - col).abs() <= 2)
            {
                Some(c) => c.count += 1,
                None => out.clusters.push(Cluster {
                    row: first_row + rows - 1,
                    column: *col,
                    count: 1,
                }),
            }
        }
        out.lanes.push(Lane {
            key: *key,
            label: lane_label(app, *key),
            row: first_row,
            rows,
        });
        out.total_rows += rows;
    }
    out
}

fn bar_of(app: &App, e: EventIx, axis: &Axis, width: u16, row: usize) -> Bar {
    let ev = app.timeline.event(e);
    let b = &ev.time.bounds;
    let x = |t: Instant| eighths(t, axis, width);
    let (certain_to, to) = match b.end_latest() {
        Some(end) => (x(b.end_earliest.max(b.start_latest)), x(end)),
        None => (x(b.start_latest), x(b.start_latest)),
    };
    Bar {
        event: e,
        row,
        from: x(b.start_earliest),
        certain_from: x(b.start_latest),
        certain_to,
        to,
        status: ev.status,
    }
}

/// Columns of the lane labels for a chart pane of `width` columns.
pub fn label_width(width: u16) -> u16 {
    (width / 5).clamp(6, 18).min(width / 2)
}

/// Where the parts of the chart go inside its pane.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Geometry {
    /// Lane labels, left.
    pub labels: ratatui::layout::Rect,
    /// The tick labels, one row above the chart.
    pub ticks: ratatui::layout::Rect,
    /// The lanes' rows.
    pub body: ratatui::layout::Rect,
}

pub fn geometry(inner: ratatui::layout::Rect) -> Geometry {
    use ratatui::layout::Rect;
    let lw = label_width(inner.width);
    let chart_w = inner.width.saturating_sub(lw);
    let body_h = inner.height.saturating_sub(1);
    Geometry {
        labels: Rect::new(inner.x, inner.y + 1.min(inner.height), lw, body_h),
        ticks: Rect::new(inner.x + lw, inner.y, chart_w, 1.min(inner.height)),
        body: Rect::new(inner.x + lw, inner.y + 1.min(inner.height), chart_w, body_h),
    }
}

/// Whether a bar shows on screen: some of it within the columns, its row within the
/// rows shown.
pub fn bar_on_screen(bar: &Bar, axis: &Axis, g: &Geometry) -> bool {
    let w = i64::from(g.body.width) * 8;
    let rows = usize::from(g.body.height);
    let within_columns = bar.to >= 0 && bar.from < w.max(1);
    within_columns && bar.row >= axis.row_top && bar.row < axis.row_top + rows.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use chrono_tz::America::New_York;
    use chrono_tz::Europe::Moscow;

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> Instant {
        chrono::Utc
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .single()
            .map_or(0, |t| t.timestamp())
    }

    fn window(start: Instant, span: i64) -> Axis {
        Axis {
            start,
            span,
            ..Axis::default()
        }
    }

    #[test]
    fn boundaries_map_to_the_edges() {
        let a = window(1_000_000, 8 * 3600);
        assert_eq!(eighths(a.start, &a, 80), 0);
        assert_eq!(eighths(a.end(), &a, 80), 640);
        assert_eq!(eighths(a.start + 4 * 3600, &a, 80), 320);
        assert_eq!(
            column(a.end(), &a, 80),
            80,
            "the right edge is just off the chart"
        );
        assert_eq!(
            column(a.start - 1, &a, 80),
            -1,
            "before the window is off to the left"
        );
    }

    #[test]
    fn rounding_is_down_to_the_eighth() {
        // One column an hour: an eighth is 7.5 minutes.
        let a = window(0, 8 * 3600);
        assert_eq!(eighths(7 * 60, &a, 8), 0);
        assert_eq!(eighths(7 * 60 + 30, &a, 8), 1);
        assert_eq!(eighths(3600 - 1, &a, 8), 7);
        assert_eq!(eighths(3600, &a, 8), 8);
        assert_eq!(eighths(-1, &a, 8), -1);
    }

    #[test]
    fn huge_and_degenerate_windows_do_not_overflow() {
        let a = window(i64::MIN / 4, i64::MAX / 2);
        let _ = eighths(i64::MAX / 4, &a, u16::MAX);
        let zero = window(0, 0);
        assert_eq!(eighths(100, &zero, 80), 0);
        assert!(ticks(&zero, New_York, 80).is_empty());
        assert!(ticks(&a, New_York, 0).is_empty());
    }

    #[test]
    fn zoom_keeps_the_anchor_in_place() {
        let mut a = window(0, 7 * 86_400);
        let anchor = 2 * 86_400;
        let before = eighths(anchor, &a, 100);
        a.zoom(false, anchor);
        assert_eq!(a.span, 4 * 86_400);
        assert!((eighths(anchor, &a, 100) - before).abs() <= 1);
        a.zoom(true, anchor);
        a.zoom(true, anchor);
        assert_eq!(a.span, 14 * 86_400);
        assert!((eighths(anchor, &a, 100) - before).abs() <= 1);
    }

    #[test]
    fn ticks_adapt_to_the_zoom_and_never_overlap() {
        let start = utc(2025, 12, 2, 5, 0);
        // The window starts at midnight in New York.
        for (span, expect) in [
            (3600, "00:15"),
            (12 * 3600, "03:00"),
            (2 * 86_400, "afternoon"),
            (7 * 86_400, "Wed 3"),
            (91 * 86_400, "Jan 2026"),
            (10 * 365 * 86_400, "2030"),
        ] {
            let a = window(start, span);
            let t = ticks(&a, New_York, 100);
            assert!(t.iter().any(|t| t.label == expect), "{span}: {t:?}");
            for pair in t.windows(2) {
                let end = pair[0].column as usize + pair[0].label.chars().count();
                assert!(end < pair[1].column as usize, "overlap at {span}: {pair:?}");
            }
            assert!(
                t.iter()
                    .all(|t| (t.column as usize) + t.label.chars().count() <= 100)
            );
        }
        let parts = ticks(&window(start, 2 * 86_400), New_York, 100);
        assert!(parts.iter().any(|t| t.label == "evening"), "{parts:?}");
    }

    #[test]
    fn hourly_ticks_across_a_daylight_saving_change() {
        // New York skips 02:00 on 9 March 2025; the axis stays linear in real time.
        let start = utc(2025, 3, 9, 5, 0);
        let a = window(start, 6 * 3600);
        let t = ticks(&a, New_York, 60);
        let labels: Vec<&str> = t.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(
            labels,
            ["Sun 9", "01:00", "03:00", "04:00", "05:00", "06:00"]
        );
        let cols: Vec<u16> = t.iter().map(|t| t.column).collect();
        // 00:00, 01:00 and 03:00 are one real hour apart: equal spacing.
        assert_eq!(cols, [0, 10, 20, 30, 40, 50]);
    }

    #[test]
    fn the_kremlin_meeting_crosses_midnight_in_moscow_not_in_miami() {
        // ~19:40 Moscow (16:40 UTC) for about five hours: to about 00:40 Moscow.
        let (from, to) = (utc(2025, 12, 2, 16, 25), utc(2025, 12, 2, 22, 25));
        let a = window(utc(2025, 12, 2, 12, 0), 86_400);
        let width = 96;
        let (c0, c1) = (column(from, &a, width), column(to, &a, width));
        let inside = |zone: Tz| {
            ticks(&a, zone, width)
                .into_iter()
                .filter(|t| i64::from(t.column) > c0 && i64::from(t.column) < c1)
                .map(|t| t.label)
                .collect::<Vec<_>>()
        };
        assert!(
            inside(Moscow).contains(&"Wed 3".to_string()),
            "{:?}",
            inside(Moscow)
        );
        assert!(
            inside(New_York).iter().all(|l| !l.starts_with("Wed")),
            "{:?}",
            inside(New_York)
        );
    }
}
