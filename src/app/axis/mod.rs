//! The time axis: which stretch of time is on screen, how instants map to columns (in
//! eighths of a column, for the block characters that draw bar edges), the tick marks
//! of the display zone ([`ticks()`]), and the lanes with their bars ([`layout`]). Pure
//! geometry: the view draws an [`AxisLayout`] and `update` hit-tests clicks against the
//! same one.

mod labels;
mod lanes;
mod ticks;

pub use labels::{Label, MIN_TITLE, bar_columns};
pub use lanes::{
    AxisLayout, Bar, KeptLayout, Lane, LaneKey, MAX_STACK, event_in_strip, layout, visible_events,
};
pub use ticks::{Tick, ticks};

use crate::model::time::Instant;

/// The characters the axis is drawn with, shared with the help's legend so the two
/// cannot drift.
pub mod glyph {
    use crate::model::timeline::Status;

    /// Left-aligned eighth blocks, one to seven eighths: a bar's right edge.
    pub const PARTIAL: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    /// A bar's left edge, from the middle of a column.
    pub const LEFT_EDGE: char = '▐';
    /// The part of a bar the reports leave uncertain.
    pub const UNCERTAIN: char = '░';
    /// An instant, or a time known to within a few minutes at the zoom shown.
    pub const INSTANT: char = '◆';
    /// A tick of the time scale, down the lanes.
    pub const TICK: char = '┆';
    /// The now line (or the as-of line), down the lanes.
    pub const NOW: char = '│';
    /// A lane with too many events for bars: how many cover a column, fewest to most.
    pub const HEAT: [char; 4] = ['░', '▒', '▓', '█'];

    /// The shade of a heat strip's column with `count` events: one darker for each of
    /// `levels` (ascending) it reaches; `None` for an empty column.
    pub fn heat(count: u32, levels: [u32; 3]) -> Option<char> {
        if count == 0 {
            return None;
        }
        HEAT.get(levels.iter().filter(|&&l| count >= l).count())
            .copied()
    }

    /// The fill of what is known of a bar, by status.
    pub fn solid(status: Status) -> char {
        match status {
            Status::Held | Status::Ongoing => '█',
            Status::Scheduled | Status::Expected | Status::Postponed => '▓',
            Status::Cancelled => '╌',
        }
    }
}

/// How events are sorted into lanes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grouping {
    Side,
    Place,
    Participant,
    /// A TimelineJS `group` (and era) is a topic: a file without sides has lanes by it.
    Topic,
}

impl Grouping {
    pub fn next(self) -> Grouping {
        match self {
            Grouping::Side => Grouping::Place,
            Grouping::Place => Grouping::Participant,
            Grouping::Participant => Grouping::Topic,
            Grouping::Topic => Grouping::Side,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Grouping::Side => "by side",
            Grouping::Place => "by place",
            Grouping::Participant => "by participant",
            Grouping::Topic => "by topic",
        }
    }
}

/// The time axis as the viewer keeps it: its window, whether it has been placed since
/// the data was loaded, and its last layout.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TimeAxis {
    /// The stretch of time on screen and the lanes.
    pub window: Axis,
    /// Whether the axis has been placed since the data was loaded.
    pub placed: bool,
    /// The layout as of the last change (dropped when the data is replaced).
    pub layout: Option<KeptLayout>,
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

/// Zoom steps, narrowest first: an hour up to twenty billion years (the age of the
/// universe fits), by 2, 5 and 10 past ten years.
pub const SPANS: [i64; 44] = [
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
    20 * 365 * 86_400,
    50 * 365 * 86_400,
    100 * 365 * 86_400,
    200 * 365 * 86_400,
    500 * 365 * 86_400,
    1_000 * 365 * 86_400,
    2_000 * 365 * 86_400,
    5_000 * 365 * 86_400,
    10_000 * 365 * 86_400,
    20_000 * 365 * 86_400,
    50_000 * 365 * 86_400,
    100_000 * 365 * 86_400,
    200_000 * 365 * 86_400,
    500_000 * 365 * 86_400,
    1_000_000 * 365 * 86_400,
    2_000_000 * 365 * 86_400,
    5_000_000 * 365 * 86_400,
    10_000_000 * 365 * 86_400,
    20_000_000 * 365 * 86_400,
    50_000_000 * 365 * 86_400,
    100_000_000 * 365 * 86_400,
    200_000_000 * 365 * 86_400,
    500_000_000 * 365 * 86_400,
    1_000_000_000 * 365 * 86_400,
    2_000_000_000 * 365 * 86_400,
    5_000_000_000 * 365 * 86_400,
    10_000_000_000 * 365 * 86_400,
    20_000_000_000 * 365 * 86_400,
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

/// Columns of the lane labels for a chart pane of `width` columns: a fifth.
pub fn label_width(width: u16) -> u16 {
    (width / 5).max(6).min(width / 2)
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
    use chrono_tz::America::New_York;

    /// A window of `span` seconds from `start`, for the tests of the axis and its ticks.
    pub(super) fn window(start: Instant, span: i64) -> Axis {
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
    fn zoom_reaches_from_an_hour_to_the_age_of_the_universe_with_ticks_at_each_step() {
        let anchor = 1_764_700_000;
        let mut a = window(anchor - 1800, 3600);
        let mut spans = vec![a.span];
        loop {
            a.zoom(true, anchor);
            if a.span == spans[spans.len() - 1] {
                break;
            }
            spans.push(a.span);
            for width in [39, 63, 118] {
                assert!(
                    !ticks(&a, New_York, width).is_empty(),
                    "{} s at {width}",
                    a.span
                );
            }
        }
        assert_eq!(spans.len(), SPANS.len());
        assert!(a.span / 31_556_952 > 13_800_000_000, "{}", a.span);
    }

    #[test]
    fn heat_shades_darken_by_quartile() {
        let levels = [3, 10, 40];
        let shades: String = [1, 2, 3, 9, 10, 39, 40, 500]
            .into_iter()
            .filter_map(|n| glyph::heat(n, levels))
            .collect();
        assert_eq!(shades, "░░▒▒▓▓██");
        assert_eq!(glyph::heat(0, levels), None);
        // All columns alike: all the darkest.
        assert_eq!(glyph::heat(7, [7, 7, 7]), Some('█'));
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
}
