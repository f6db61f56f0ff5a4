//! Where each bar's title goes: on the bar when it fits there, else just before it, in
//! the space between the bar and the one before it; when neither has room, a number
//! keyed in a legend. A label never leaves its own space, so it cannot cover another
//! bar or another bar's label, and it never follows its bar, where it would read as
//! the next event's.

use super::lanes::AxisLayout;
use crate::app::App;
use crate::app::document::Width;
use crate::model::timeline::EventIx;

/// Fewer columns than this (or than the whole title) and a title says too little: a
/// key number instead.
pub const MIN_TITLE: i64 = 8;

/// A bar's title, or its key number, placed in the chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label {
    pub event: EventIx,
    /// The bar's place in the layout's bars.
    pub bar: usize,
    pub row: usize,
    /// First column and columns taken, within the chart.
    pub column: i64,
    pub width: usize,
    /// Drawn on the bar (in its colours, reversed) rather than before it.
    pub on_bar: bool,
    /// The number keyed in the legend when there is no room for the title.
    pub key: Option<usize>,
}

/// The columns a bar is drawn on, first and last.
pub fn bar_columns(from: i64, to: i64) -> (i64, i64) {
    let first = from.div_euclid(8);
    if to - from < 4 {
        // An instant: one mark, where it starts.
        return (first, first);
    }
    (first, (to - 1).div_euclid(8).max(first))
}

fn digits(n: usize) -> i64 {
    n.to_string().len() as i64
}

/// Places a label for every bar of `lay` in a chart `width` columns wide, numbering in
/// reading order (by row, then column) those that get a key.
pub fn place_labels(app: &App, lay: &mut AxisLayout, width: u16) {
    let width = i64::from(width);
    let heat_rows: Vec<usize> = lay
        .lanes
        .iter()
        .filter(|l| l.heat.is_some())
        .map(|l| l.row)
        .collect();
    let mut order: Vec<usize> = (0..lay.bars.len()).collect();
    order.sort_by_key(|&i| (lay.bars[i].row, lay.bars[i].from));
    let mut labels = Vec::with_capacity(order.len());
    let mut keys = 0usize;
    let mut keyed: std::collections::HashMap<EventIx, usize> = std::collections::HashMap::new();
    let mut row = usize::MAX;
    // The last column taken in this row so far.
    let mut taken = i64::MIN;
    for i in order {
        let bar = lay.bars[i];
        if bar.row != row {
            row = bar.row;
            taken = i64::MIN;
        }
        let (first, last) = bar_columns(bar.from, bar.to);
        if last < 0 || first >= width {
            taken = taken.max(last);
            continue;
        }
        // Before the bar: from a blank column after what comes before, to a blank
        // column before the bar.
        let lo = taken.saturating_add(2).max(0);
        let before = first - 1 - lo;
        // On the bar: between its edge cells, on screen.
        let (on_from, on_to) = ((first + 1).max(0), (last - 1).min(width - 1));
        let on = on_to - on_from + 1;
        let tw = (app.timeline.event(bar.event).title().width() as i64).max(1);
        let in_heat = heat_rows.contains(&row);
        let mut label = Label {
            event: bar.event,
            bar: i,
            row,
            column: 0,
            width: 0,
            on_bar: false,
            key: None,
        };
        let title_room = tw.min(MIN_TITLE);
        if !in_heat && (on >= tw || (on >= title_room && on >= before)) {
            label.on_bar = true;
            label.column = on_from;
            label.width = on.min(tw) as usize;
        } else if !in_heat && before >= title_room {
            let w = before.min(tw);
            label.column = first - 1 - w;
            label.width = w as usize;
        } else {
            // An event in two lanes keeps one number.
            let key = *keyed.entry(bar.event).or_insert_with(|| {
                keys += 1;
                keys
            });
            let d = digits(key);
            label.key = Some(key);
            if !in_heat && before >= d {
                label.column = first - 1 - d;
                label.width = d as usize;
            } else {
                // On the bar itself, from its first column on screen; a two-digit key on
                // a one-column mark takes the blank column after it too.
                let start = first.max(0);
                let end = (start + d - 1).min(last.max(start) + 1).min(width - 1);
                label.on_bar = true;
                label.column = start;
                label.width = (end - start + 1).max(1) as usize;
            }
        }
        taken = taken.max(last).max(label.column + label.width as i64 - 1);
        labels.push(label);
    }
    lay.labels = labels;
}
