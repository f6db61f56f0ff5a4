//! Boxes drawn over the panes: the help (from the key table) and the filter menu.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::Theme;
use super::text::{Width, fit, pad};
use crate::app::filter::{self, FilterKind};
use crate::app::help;
use crate::app::keymap::Mode;
use crate::app::{App, FilterMenu};
use crate::model::describe;

/// A box of at most `w`×`h` in the middle of `area`.
fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width.saturating_sub(2)).max(1);
    let h = h.min(area.height.saturating_sub(2)).max(1);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

pub fn help(app: &App, theme: &Theme, frame: &mut Frame, area: Rect, scroll: usize) {
    let rect = centered(area, help::BOX.0, help::BOX.1);
    let inner_w = usize::from(rect.width.saturating_sub(2));
    let inner_h = usize::from(rect.height.saturating_sub(2));
    let all = help::lines(&app.keymap.bindings, inner_w);
    let scroll = scroll.min(all.len().saturating_sub(inner_h));
    let lines: Vec<Line> = all
        .into_iter()
        .skip(scroll)
        .take(inner_h)
        .map(|(text, heading)| {
            let text = fit(&text, inner_w);
            let style = if heading {
                theme.heading()
            } else {
                ratatui::style::Style::new()
            };
            Line::from(Span::styled(text, style))
        })
        .collect();
    frame.render_widget(Clear, rect);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(Span::styled(" Keys and marks ", theme.title()))
        .title_bottom(
            Line::from(Span::styled(
                format!(" {} ", app.keymap.hint_line(Mode::Help)),
                theme.dim(),
            ))
            .right_aligned(),
        );
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

/// The filter menu: the kinds as tabs, what narrows the list, then each value listed
/// with its mark and, right-aligned, the events it would leave (dim when none).
pub fn filters(app: &App, theme: &Theme, frame: &mut Frame, area: Rect, menu: &FilterMenu) {
    let tl = &app.timeline;
    let values = filter::values(tl, menu.kind());
    // As tall as the kind's values need, so that narrowing does not move the box.
    let rect = centered(area, 60, (values.len() + 4).clamp(7, 20) as u16);
    let inner_w = usize::from(rect.width.saturating_sub(2));
    let inner_h = usize::from(rect.height.saturating_sub(2));
    let mut lines = Vec::new();
    let tabs: Vec<Span> = FilterKind::ALL
        .iter()
        .map(|k| {
            let style = if *k == menu.kind() {
                theme.selected()
            } else {
                theme.dim()
            };
            Span::styled(format!(" {} ", k.title()), style)
        })
        .collect();
    lines.push(Line::from(tabs));
    let counts: Vec<String> = menu
        .listed
        .iter()
        .map(|i| {
            menu.counts
                .get(*i)
                .map_or(String::new(), |n| describe::thousands(*n))
        })
        .collect();
    let count_w = counts.iter().map(|c| c.width()).max().unwrap_or(0).max(6);
    let narrowing = match (menu.typing, menu.narrow.is_empty()) {
        // Where the narrowing will show, the key that starts it.
        (false, true) => " / to narrow by name".to_string(),
        (typing, _) => format!(
            " /{}{}  {} of {}",
            menu.narrow,
            if typing { "█" } else { "" },
            describe::thousands(menu.listed.len()),
            describe::count(values.len(), "value", "values"),
        ),
    };
    let narrowing = fit(&narrowing, inner_w.saturating_sub(count_w + 1));
    let gap = inner_w.saturating_sub(narrowing.width() + count_w + 1);
    let narrowing_style = if menu.typing || !menu.narrow.is_empty() {
        ratatui::style::Style::new()
    } else {
        theme.dim()
    };
    lines.push(Line::from(vec![
        Span::styled(narrowing, narrowing_style),
        Span::raw(" ".repeat(gap)),
        Span::styled(format!("{:>count_w$} ", "events"), theme.dim()),
    ]));
    let room = inner_h.saturating_sub(2).max(1);
    let top = menu.cursor.saturating_sub(room - 1);
    if menu.listed.is_empty() && !menu.narrow.is_empty() {
        lines.push(Line::from(Span::styled(
            fit(&format!(" no value holds “{}”", menu.narrow), inner_w),
            theme.dim(),
        )));
    }
    for (row, (i, count)) in menu
        .listed
        .iter()
        .zip(&counts)
        .enumerate()
        .skip(top)
        .take(room)
    {
        let Some(v) = values.get(*i) else {
            continue;
        };
        let mark = if app.filters.active.contains(*v) {
            "[x]"
        } else {
            "[ ]"
        };
        let right = format!(" {count:>count_w$} ");
        let name = pad(
            &format!(" {mark} {}", v.name(tl)),
            inner_w.saturating_sub(right.width()),
        );
        let none = menu.counts.get(*i) == Some(&0);
        let style = if row == menu.cursor {
            theme.selected()
        } else if none {
            theme.dim()
        } else {
            ratatui::style::Style::new()
        };
        lines.push(Line::from(vec![
            Span::styled(name, style),
            Span::styled(
                right,
                if row == menu.cursor {
                    style
                } else {
                    theme.dim()
                },
            ),
        ]));
    }
    frame.render_widget(Clear, rect);
    let mode = if menu.typing {
        Mode::FilterFind
    } else {
        Mode::Filters
    };
    // Within the bottom border, corners kept: the footer's rule drops hints to fit.
    let footer = format!(
        "{} ",
        app.keymap.footer_line(mode, "", inner_w.saturating_sub(2))
    );
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(Span::styled(" Filters ", theme.title()))
        .title_bottom(Line::from(Span::styled(footer, theme.dim())).right_aligned());
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

/// Every problem of the file that failed to reload, then the notes of the load shown,
/// wrapped to the box.
pub fn problems(app: &App, theme: &Theme, frame: &mut Frame, area: Rect, scroll: usize) {
    use crate::app::document::{Document, Para, Tag};
    let width = area.width.saturating_sub(4).min(100);
    let mut doc = Document::new(width.saturating_sub(2).max(1));
    for p in &app.file.problems {
        doc.para(2, Para::new().text(p.clone(), Tag::Plain));
    }
    if !app.timeline.notes.is_empty() && !app.file.problems.is_empty() {
        doc.para(
            0,
            Para::new().text("Notes on the version shown:", Tag::Plain),
        );
    }
    for n in &app.timeline.notes {
        doc.para(2, Para::new().text(n.to_string(), Tag::Plain));
    }
    let rect = centered(area, width, (doc.len() + 2).min(30) as u16);
    let inner_h = usize::from(rect.height.saturating_sub(2));
    let scroll = scroll.min(doc.len().saturating_sub(inner_h));
    let lines: Vec<Line> = doc
        .lines_from(scroll, inner_h)
        .iter()
        .map(|l| {
            Line::from(
                l.iter()
                    .map(|s| Span::raw(s.text.clone()))
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    frame.render_widget(Clear, rect);
    let notes = describe::count(app.timeline.notes.len(), "note", "notes");
    let title = match app.file.problems.len() {
        0 => format!(" {notes} on the import "),
        n => format!(
            " {} · showing the last good version ({notes}) ",
            describe::count(n, "problem", "problems")
        ),
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(Span::styled(title, theme.title()))
        .title_bottom(
            Line::from(Span::styled(
                format!(" {} ", app.keymap.hint_line(Mode::Problems)),
                theme.dim(),
            ))
            .right_aligned(),
        );
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

/// What the last reload changed, as `parley diff` words it, scrolled by `scroll` lines.
pub fn changes(app: &App, theme: &Theme, frame: &mut Frame, area: Rect, scroll: usize) {
    let Some(changes) = &app.changes else {
        return;
    };
    let title = format!(" Last reload: {} ", changes.summary);
    lines_box(
        app,
        theme,
        frame,
        area,
        (&title, Mode::Changes),
        &changes.lines,
        scroll,
    );
}

/// Every disagreement between the sources, scrolled by `scroll` lines.
pub fn disputes(app: &App, theme: &Theme, frame: &mut Frame, area: Rect, scroll: usize) {
    let Some((_, lines)) = &app.disputes else {
        return;
    };
    let events = lines.iter().filter(|l| !l.starts_with(' ')).count();
    let title = format!(
        " Where the sources disagree: {} ",
        describe::count(events, "event", "events")
    );
    lines_box(
        app,
        theme,
        frame,
        area,
        (&title, Mode::Disputes),
        lines,
        scroll,
    );
}

/// A box of text lines, each wrapped to the box (a line's continuation under its text,
/// past its leading spaces), scrolled by `scroll` rows; titled, with the keys of `mode`
/// at its foot. Lines naming an event (not indented, not `+`/`-`) stand out.
fn lines_box(
    app: &App,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    (title, mode): (&str, Mode),
    text: &[String],
    scroll: usize,
) {
    use crate::app::document::{Tag, lines_box_size, lines_document};
    let (width, _) = lines_box_size(0, (area.width, area.height));
    let doc = lines_document(text, width);
    let (_, inner_h) = lines_box_size(doc.len(), (area.width, area.height));
    let rect = centered(area, width, (inner_h + 2) as u16);
    let scroll = scroll.min(doc.len().saturating_sub(inner_h));
    let lines: Vec<Line> = doc
        .lines_from(scroll, inner_h)
        .iter()
        .map(|segs| {
            Line::from(
                segs.iter()
                    .map(|seg| {
                        let style = match seg.tag {
                            Tag::Title => theme.title(),
                            Tag::Dim => theme.dim(),
                            _ => ratatui::style::Style::default(),
                        };
                        Span::styled(seg.text.clone(), style)
                    })
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    frame.render_widget(Clear, rect);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(Span::styled(title.to_string(), theme.title()))
        .title_bottom(
            Line::from(Span::styled(
                format!(" {} ", app.keymap.hint_line(mode)),
                theme.dim(),
            ))
            .right_aligned(),
        );
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
