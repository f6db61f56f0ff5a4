//! Boxes drawn over the panes: the help (from the key table) and the filter menu.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::Theme;
use super::text::{fit, pad};
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

pub fn filters(app: &App, theme: &Theme, frame: &mut Frame, area: Rect, menu: FilterMenu) {
    let rect = centered(area, 60, 20);
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
    lines.push(Line::default());
    let values = filter::values(&app.timeline, menu.kind());
    let room = inner_h.saturating_sub(2).max(1);
    let top = menu.cursor.saturating_sub(room - 1);
    for (i, v) in values.iter().enumerate().skip(top).take(room) {
        let mark = if app.filters.active.contains(*v) {
            "[x]"
        } else {
            "[ ]"
        };
        let text = pad(&format!(" {mark} {}", v.name(&app.timeline)), inner_w);
        let style = if i == menu.cursor {
            theme.selected()
        } else {
            ratatui::style::Style::new()
        };
        lines.push(Line::from(Span::styled(text, style)));
    }
    frame.render_widget(Clear, rect);
    let footer = match &app.filters.find {
        Some(find) => {
            let found = match find.found.len() {
                _ if find.typed.is_empty() => String::new(),
                0 => "no match · ".to_string(),
                n => format!("{} found · ", describe::thousands(n)),
            };
            format!(
                " /{}█  {found}{} ",
                find.typed,
                app.keymap.hint_line(Mode::FilterFind)
            )
        }
        None => format!(" {} ", app.keymap.hint_line(Mode::Filters)),
    };
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
