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
use crate::model::text::{clean_line, shorten_middle};
use crate::model::time::large_number;
use crate::model::timeline::Status;

use crate::app::axis::glyph::{INSTANT, LEFT_EDGE, NOW, PARTIAL, TICK, UNCERTAIN, solid};

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
    heat_strips(app, theme, buf, &g, &lay);
    let selected = app.event_at(app.nav.cursors[0].sel);
    for bar in &lay.bars {
        if bar.row < top || bar.row >= top + rows {
            continue;
        }
        let row = bar.row - top;
        let mut style = bar_style(app, theme, bar, &lay);
        if Some(bar.event) == selected {
            style = style.add_modifier(Modifier::BOLD);
            // Over a heat strip's shades only the selection's own colours tell it apart.
            if lay
                .lanes
                .iter()
                .any(|l| l.row == bar.row && l.heat.is_some())
            {
                style = theme.selected();
            }
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
    titles(app, theme, buf, &g, &lay, selected);
    let legend_rows = rows.saturating_sub(lay.total_rows.saturating_sub(top));
    key_legend(app, theme, buf, &g, &lay, legend_rows, area);
}

/// Each heat strip's columns shaded by how many events cover them.
fn heat_strips(app: &App, theme: &Theme, buf: &mut Buffer, g: &axis::Geometry, lay: &AxisLayout) {
    let top = app.axis.window.row_top;
    let rows = usize::from(g.body.height);
    for lane in &lay.lanes {
        let Some(counts) = &lane.heat else { continue };
        if lane.row < top || lane.row >= top + rows {
            continue;
        }
        let style = lane_style(app, theme, lane.key).remove_modifier(Modifier::BOLD);
        for (col, &n) in counts.iter().enumerate() {
            if let Some(ch) = axis::glyph::heat(n, lay.heat_levels) {
                put(buf, g.body, col as i64, lane.row - top, ch, style);
            }
        }
    }
}

/// The titles of the keyed bars on screen, "1 Thursday session · 2 …": in the rows
/// below the lanes when there are any, else in the bottom border.
fn key_legend(
    app: &App,
    theme: &Theme,
    buf: &mut Buffer,
    g: &axis::Geometry,
    lay: &AxisLayout,
    free_rows: usize,
    area: Rect,
) {
    let top = app.axis.window.row_top;
    let rows = usize::from(g.body.height);
    let focused = app.nav.focus == Focus::List;
    let mut keys: Vec<(usize, crate::model::timeline::EventIx)> = lay
        .labels
        .iter()
        .filter(|l| l.row >= top && l.row < top + rows)
        .filter_map(|l| Some((l.key?, l.event)))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let entries: Vec<String> = keys
        .iter()
        .map(|(key, e)| format!("{key} {}", clean_line(app.timeline.event(*e).title())))
        .collect();
    if entries.is_empty() {
        return;
    }
    // Below the lanes, after a blank row when there is room for one.
    let (x, width, lines, y) = if free_rows > 0 {
        let gap = usize::from(free_rows > 1);
        let y = g.body.y + (rows - free_rows + gap) as u16;
        (
            g.labels.x,
            usize::from(g.labels.width + g.body.width),
            free_rows - gap,
            y,
        )
    } else {
        let y = area.y + area.height.saturating_sub(1);
        (area.x + 2, usize::from(area.width.saturating_sub(4)), 1, y)
    };
    let border = (free_rows == 0).then(|| theme.border(focused));
    let mut line = String::new();
    let mut row = 0;
    let sep = " · ";
    for entry in &entries {
        let need = entry.width() + if line.is_empty() { 0 } else { sep.width() };
        if !line.is_empty() && line.width() + need > width {
            if row + 1 >= lines {
                line.push_str(sep);
                line.push('…');
                break;
            }
            draw_line(buf, (x, y + row as u16, width), &line, theme.dim(), border);
            line.clear();
            row += 1;
        }
        if !line.is_empty() {
            line.push_str(sep);
        }
        line.push_str(entry);
    }
    draw_line(buf, (x, y + row as u16, width), &line, theme.dim(), border);
}

/// One line of the key at `(x, y, width)`; in the bottom border (`border`, its style)
/// the rest of the border is drawn again over the marks' key.
fn draw_line(
    buf: &mut Buffer,
    (x, y, width): (u16, u16, usize),
    text: &str,
    style: Style,
    border: Option<Style>,
) {
    let Some(border) = border else {
        buf.set_stringn(x, y, fit(text, width), width, style);
        return;
    };
    for cx in x.saturating_sub(1)..x + width as u16 {
        if let Some(cell) = buf.cell_mut((cx, y)) {
            cell.set_char('─').set_style(border);
        }
    }
    let text = format!(" {} ", fit(text, width.saturating_sub(2)));
    buf.set_stringn(x, y, &text, width, style);
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
        let style = lane_style(app, theme, lane.key);
        let (x, y) = (g.labels.x, g.labels.y + row as u16);
        if lane.heat.is_some() {
            // A heat strip's name makes room for how many events it holds.
            let count = short_count(lane.count);
            let name_w = width.saturating_sub(count.width() + 1);
            let name = shorten_middle(&lane.label, name_w);
            buf.set_string(x, y, &name, style);
            let cx = x + (width.saturating_sub(count.width())) as u16;
            buf.set_stringn(cx, y, &count, width, theme.dim());
        } else {
            buf.set_string(x, y, shorten_middle(&lane.label, width), style);
        }
    }
}

/// A count in at most four columns: "412", "9876", "12k", "1.2M".
fn short_count(n: usize) -> String {
    match n {
        0..=9_999 => n.to_string(),
        10_000..=999_999 => format!("{}k", n / 1000),
        _ => format!("{:.1}M", n as f64 / 1e6),
    }
}

fn lane_style(app: &App, theme: &Theme, key: LaneKey) -> Style {
    match (app.axis.window.grouping, key) {
        (Grouping::Side, LaneKey::Side(s)) => theme.side(&app.timeline, s),
        _ => theme.title(),
    }
}

/// Each bar's title (or key number) where the layout placed it: on the bar, reversed
/// in its colours, or just before it.
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
    for label in &lay.labels {
        if label.row < top || label.row >= top + rows {
            continue;
        }
        let row = label.row - top;
        let Some(bar) = lay.bars.get(label.bar) else {
            continue;
        };
        let bar_style = bar_style(app, theme, bar, lay);
        let style = if Some(label.event) == selected {
            theme.selected()
        } else if label.on_bar {
            bar_style.add_modifier(Modifier::REVERSED)
        } else {
            bar_style.remove_modifier(Modifier::ITALIC | Modifier::DIM)
        };
        let text = match label.key {
            Some(k) => k.to_string(),
            None => fit(app.timeline.event(bar.event).title(), label.width),
        };
        write(buf, g.body, label.column, row, &text, label.width, style);
    }
}

/// Text in at most `width` columns, in exactly `style`: a tick or strip under it
/// leaves nothing of its own (no dimmed letters).
fn write(
    buf: &mut Buffer,
    area: Rect,
    col: i64,
    row: usize,
    text: &str,
    width: usize,
    style: Style,
) {
    if col < 0 || col >= i64::from(area.width) || row >= usize::from(area.height) || text.is_empty()
    {
        return;
    }
    let room = (usize::from(area.width) - col as usize).min(width);
    let (x, y) = (area.x + col as u16, area.y + row as u16);
    for i in 0..room as u16 {
        if let Some(cell) = buf.cell_mut((x + i, y)) {
            cell.reset();
        }
    }
    buf.set_stringn(x, y, text, room, style);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::timeline::EventIx;

    #[test]
    fn counts_fit_in_four_columns() {
        assert_eq!(short_count(412), "412");
        assert_eq!(short_count(9_876), "9876");
        assert_eq!(short_count(12_345), "12k");
        assert_eq!(short_count(1_234_567), "1.2M");
    }

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
