//! The time axis: lanes of bars over a horizontal axis in the display zone. What is
//! known for certain is solid; what the reports leave uncertain is shaded.

use super::text::Width;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders};

use super::Theme;
use super::text::fit;
use crate::app::axis::{self, AxisLayout, Bar, Grouping, LaneKey};
use crate::app::{App, Focus, layout};
use crate::model::time::large_number;
use crate::model::timeline::Status;

use crate::app::axis::glyph::{CLUSTER, INSTANT, LEFT_EDGE, NOW, PARTIAL, TICK, UNCERTAIN, solid};

/// "6 days", "12 h", "3 months".
fn span_label(seconds: i64) -> String {
    let hours = seconds as f64 / 3600.0;
    let days = hours / 24.0;
    if hours < 48.0 {
        format!("{} h", hours.round() as i64)
    } else if days < 60.0 {
        format!("{} days", days.round() as i64)
    } else if days < 730.0 {
        format!("{} months", (days / 30.4).round() as i64)
    } else if days < 365.0 * 100_000.0 {
        format!("{} years", (days / 365.0).round() as i64)
    } else {
        format!("{} years", large_number((days / 365.2425).round() as i128))
    }
}

fn overlap(a: i64, b: i64, c: i64, d: i64) -> i64 {
    (b.min(d) - a.max(c)).max(0)
}

/// The glyph for one cell `[c8, c8 + 8)` of a bar.
fn glyph(bar: &Bar, c8: i64) -> char {
    let total = overlap(bar.from, bar.to, c8, c8 + 8);
    let certain = overlap(bar.certain_from, bar.certain_to, c8, c8 + 8);
    let fill = if certain * 2 >= total && certain > 0 {
        solid(bar.status)
    } else {
        UNCERTAIN
    };
    if total >= 8 {
        return fill;
    }
    let starts_here = bar.from > c8;
    let ends_here = bar.to < c8 + 8;
    match (starts_here, ends_here) {
        // The bar's right edge: a left-aligned part block, when that part is certain.
        (false, true) if fill != UNCERTAIN => PARTIAL[total.clamp(1, 7) as usize],
        // The left edge: only a half block is right-aligned.
        (true, false) if fill != UNCERTAIN && bar.from - c8 >= 4 => LEFT_EDGE,
        _ => fill,
    }
}

fn put(buf: &mut Buffer, area: Rect, col: i64, row: usize, ch: char, style: Style) {
    if col < 0 || col >= i64::from(area.width) || row >= usize::from(area.height) {
        return;
    }
    let (x, y) = (area.x + col as u16, area.y + row as u16);
    if let Some(cell) = buf.cell_mut((x, y)) {
        cell.set_char(ch).set_style(style);
    }
}

fn is_blank(buf: &Buffer, area: Rect, col: i64, row: usize) -> bool {
    if col < 0 || col >= i64::from(area.width) || row >= usize::from(area.height) {
        return false;
    }
    buf.cell((area.x + col as u16, area.y + row as u16))
        .is_some_and(|c| {
            let s = c.symbol();
            s == " " || s.chars().eq([TICK]) || s.chars().eq([NOW])
        })
}

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let focused = app.nav.focus == Focus::List;
    let title = format!(
        " Axis · {} · {} ",
        app.axis.window.grouping.title(),
        span_label(app.axis.window.span)
    );
    let mut block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(focused))
        .title(Span::styled(title, theme.title()));
    // A key to the marks in the bottom border, when it fits whole with a corner to spare.
    let legend = format!(" {} ", crate::app::help::axis_legend());
    if legend.width() + 4 <= usize::from(area.width) {
        block = block.title_bottom(Span::styled(legend, theme.dim()));
    }
    frame.render_widget(block, area);
    let inner = layout::inner(area);
    if inner.width < 4 || inner.height < 2 {
        return;
    }
    let g = axis::geometry(inner);
    let lay = axis::KeptLayout::or_new(app.axis.layout.as_ref(), app, g.body.width);
    let buf = frame.buffer_mut();
    let top = app.axis.window.row_top;
    let rows = usize::from(g.body.height);
    // Grid and "now" lines run down as far as there are lanes.
    let used = lay
        .total_rows
        .saturating_sub(top)
        .clamp(1, rows.max(1))
        .min(rows);

    let ticks = axis::ticks(&app.axis.window, app.zone(), g.body.width);
    for t in &ticks {
        buf.set_string(g.ticks.x + t.column, g.ticks.y, &t.label, theme.dim());
        for r in 0..used {
            put(buf, g.body, i64::from(t.column), r, TICK, theme.dim());
        }
    }
    let now = axis::column(app.now_line(), &app.axis.window, g.body.width);
    for r in 0..used {
        put(buf, g.body, now, r, NOW, theme.now());
    }
    // The label where it does not cover a tick's: the as-of with its date when there
    // is room, else shorter.
    let labels = match app.as_of_line() {
        Some(as_of) => vec![format!("as of {}", as_of.label()), "as of".to_string()],
        None => vec!["now".to_string()],
    };
    let fits = |label: &str| {
        let len = label.chars().count() as i64;
        now >= 0
            && now + len < i64::from(g.ticks.width)
            && ticks.iter().all(|t| {
                let (a, b) = (
                    i64::from(t.column),
                    i64::from(t.column) + t.label.chars().count() as i64,
                );
                now + len < a || now > b
            })
    };
    if let Some(label) = labels.iter().find(|l| fits(l)) {
        buf.set_string(g.ticks.x + now as u16, g.ticks.y, label, theme.now());
    }

    lanes(app, theme, buf, &g, &lay);
    let selected = app.event_at(app.nav.cursors[0].sel);
    for bar in &lay.bars {
        if bar.row < top || bar.row >= top + rows {
            continue;
        }
        let row = bar.row - top;
        let mut style = bar_style(app, theme, bar, &lay);
        if Some(bar.event) == selected {
            style = style.add_modifier(Modifier::BOLD);
        }
        if bar.to - bar.from < 4 {
            // An instant, or a time known to within a few minutes at this zoom.
            put(buf, g.body, bar.from.div_euclid(8), row, INSTANT, style);
            continue;
        }
        let (first, last) = (bar.from.div_euclid(8), (bar.to - 1).div_euclid(8));
        for col in first.max(0)..=last.min(i64::from(g.body.width)) {
            put(buf, g.body, col, row, glyph(bar, col * 8), style);
        }
    }
    for c in &lay.clusters {
        if c.row >= top && c.row < top + rows {
            let text = format!("{CLUSTER}{}", c.count);
            for (i, ch) in text.chars().enumerate() {
                put(
                    buf,
                    g.body,
                    c.column + i as i64,
                    c.row - top,
                    ch,
                    theme.title(),
                );
            }
        }
    }
    titles(app, theme, buf, &g, &lay, selected);
}

/// The colour of a bar: its lane's side, or the side of its first participant.
fn bar_style(app: &App, theme: &Theme, bar: &Bar, lay: &AxisLayout) -> Style {
    let tl = &app.timeline;
    let side = match lay
        .lanes
        .iter()
        .find(|l| bar.row >= l.row && bar.row < l.row + l.rows)
    {
        Some(l) => match l.key {
            LaneKey::Side(s) => s,
            _ => tl
                .attendees(tl.event(bar.event))
                .first()
                .and_then(|a| tl.person(a.person).party),
        },
        None => None,
    };
    let base = theme.side(tl, side).remove_modifier(Modifier::BOLD);
    match bar.status {
        s if s.is_future() => base.add_modifier(Modifier::ITALIC),
        Status::Cancelled => base.add_modifier(Modifier::DIM),
        _ => base,
    }
}

fn lanes(app: &App, theme: &Theme, buf: &mut Buffer, g: &axis::Geometry, lay: &AxisLayout) {
    let top = app.axis.window.row_top;
    let rows = usize::from(g.body.height);
    let width = usize::from(g.labels.width.saturating_sub(1));
    for lane in &lay.lanes {
        let (start, end) = (lane.row, lane.row + lane.rows);
        if end <= top || start >= top + rows {
            continue;
        }
        let row = start.max(top) - top;
        let style = match (app.axis.window.grouping, lane.key) {
            (Grouping::Side, LaneKey::Side(s)) => theme.side(&app.timeline, s),
            _ => theme.title(),
        };
        buf.set_string(
            g.labels.x,
            g.labels.y + row as u16,
            fit(&lane.label, width),
            style,
        );
    }
}

/// Titles inside bars that are wide enough, else just after them where there is room.
fn titles(
    app: &App,
    theme: &Theme,
    buf: &mut Buffer,
    g: &axis::Geometry,
    lay: &AxisLayout,
    selected: Option<crate::model::timeline::EventIx>,
) {
    let top = app.axis.window.row_top;
    let rows = usize::from(g.body.height);
    let width = i64::from(g.body.width);
    // Draw the selection's title last so nothing covers it.
    let mut order: Vec<&Bar> = lay.bars.iter().collect();
    order.sort_by_key(|b| Some(b.event) == selected);
    for bar in order {
        if bar.row < top || bar.row >= top + rows {
            continue;
        }
        let row = bar.row - top;
        let title = app.timeline.event(bar.event).title();
        let is_selected = Some(bar.event) == selected;
        let style = if is_selected {
            theme.selected()
        } else {
            bar_style(app, theme, bar, lay).add_modifier(Modifier::REVERSED)
        };
        let (first, last) = (bar.from.div_euclid(8) + 1, (bar.to - 1).div_euclid(8) - 1);
        let inside = last - first + 1;
        let tw = title.width() as i64;
        if inside >= tw.min(12) && inside >= 4 {
            let text = fit(title, inside as usize);
            let x = first.max(0);
            let room = (width - x).max(0) as usize;
            write(buf, g.body, x, row, &fit(&text, room), style);
            continue;
        }
        // Beside: from two columns after the bar to the next thing in the row.
        let x = (bar.to.div_euclid(8) + 2).max(0);
        let mut free = 0i64;
        while x + free < width
            && free < tw
            && is_blank(buf, g.body, x + free, row)
            && is_blank(buf, g.body, x + free + 1, row)
        {
            free += 1;
        }
        if free >= tw.min(8) || (is_selected && free >= 3) {
            let style = if is_selected {
                theme.selected()
            } else {
                Style::new()
            };
            write(buf, g.body, x, row, &fit(title, free as usize), style);
        }
    }
}

fn write(buf: &mut Buffer, area: Rect, col: i64, row: usize, text: &str, style: Style) {
    if col < 0 || col >= i64::from(area.width) || row >= usize::from(area.height) || text.is_empty()
    {
        return;
    }
    let room = usize::from(area.width) - col as usize;
    buf.set_stringn(area.x + col as u16, area.y + row as u16, text, room, style);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::timeline::EventIx;

    #[test]
    fn spans_from_hours_to_aeons() {
        const YEAR: i64 = 31_556_952;
        assert_eq!(span_label(6 * 3600), "6 h");
        assert_eq!(span_label(300 * YEAR), "300 years");
        assert_eq!(span_label(2_500_000 * YEAR), "2.5 million years");
        assert_eq!(span_label(13_800_000_000 * YEAR), "13.8 billion years");
    }

    fn bar(from: i64, certain_from: i64, certain_to: i64, to: i64) -> Bar {
        Bar {
            event: EventIx::new(0),
            row: 0,
            from,
            certain_from,
            certain_to,
            to,
            status: Status::Held,
        }
    }

    fn cells(b: &Bar) -> String {
        let (first, last) = (b.from.div_euclid(8), (b.to - 1).div_euclid(8));
        (first..=last).map(|c| glyph(b, c * 8)).collect()
    }

    #[test]
    fn eighth_blocks_make_the_right_edge_precise() {
        for (to, last) in [
            (17, '▏'),
            (18, '▎'),
            (19, '▍'),
            (20, '▌'),
            (21, '▋'),
            (22, '▊'),
            (23, '▉'),
            (24, '█'),
        ] {
            let b = bar(0, 0, to, to);
            assert_eq!(cells(&b), format!("██{last}"), "ending at eighth {to}");
        }
    }

    #[test]
    fn the_left_edge_has_a_half_block() {
        assert_eq!(cells(&bar(5, 5, 24, 24)), "▐██");
        assert_eq!(cells(&bar(3, 3, 24, 24)), "███");
    }

    #[test]
    fn uncertainty_is_shaded() {
        // Start known within the first two columns, end within the last two.
        let b = bar(0, 16, 40, 56);
        assert_eq!(cells(&b), "░░███░░");
        // Nothing certain at all: an evening with no known length.
        assert_eq!(cells(&bar(0, 32, 32, 32)), "░░░░");
    }

    #[test]
    fn expected_and_cancelled_read_differently() {
        let mut b = bar(0, 0, 16, 16);
        b.status = Status::Expected;
        assert_eq!(cells(&b), "▓▓");
        b.status = Status::Cancelled;
        assert_eq!(cells(&b), "╌╌");
    }
}
