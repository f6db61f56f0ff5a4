//! Drawing: every function here reads the `App` and writes into the frame, nothing else.

mod axis;
mod detail;
mod lists;
pub mod loading;
mod overlay;
pub mod text;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use text::Width;

use crate::app::Action;
use crate::app::document::shorten_address;
use crate::app::keymap::{self, Mode};
use crate::app::{App, Overlay, layout};
use crate::model::describe::{self, thousands};
use crate::model::text::clean_line;
use text::fit;
pub use theme::Theme;

/// Draws the whole screen.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    let areas = layout::areas(area.width, area.height, app.nav.focus);
    if areas.too_small {
        too_small(frame, area);
        return;
    }
    header(app, theme, frame, areas.header);
    if let Some(r) = areas.list {
        if app.nav.view == crate::app::View::Axis {
            axis::render(app, theme, frame, r);
        } else {
            lists::render(app, theme, frame, r);
        }
    }
    if let Some(r) = areas.detail {
        detail::render(app, theme, frame, r);
    }
    footer(app, theme, frame, areas.footer);
    match app.overlay() {
        Some(Overlay::Help(scroll)) => overlay::help(app, theme, frame, area, scroll),
        Some(Overlay::Problems(scroll)) => overlay::problems(app, theme, frame, area, scroll),
        Some(Overlay::Changes(scroll)) => overlay::changes(app, theme, frame, area, scroll),
        Some(Overlay::Disputes(scroll)) => overlay::disputes(app, theme, frame, area, scroll),
        Some(Overlay::Filters { .. }) => {
            if let Some(menu) = &app.filters.menu {
                overlay::filters(app, theme, frame, area, menu)
            }
        }
        None => {}
    }
}

fn too_small(frame: &mut Frame, area: Rect) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let msg = format!(
        "Terminal too small: {}×{}. parley needs at least {}×{}.",
        area.width,
        area.height,
        layout::MIN_WIDTH,
        layout::MIN_HEIGHT
    );
    let y = area.height.saturating_sub(2) / 2;
    let rect = Rect::new(area.x, area.y + y, area.width, area.height - y);
    frame.render_widget(
        Paragraph::new(msg)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        rect,
    );
}

fn header(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let width = usize::from(area.width);
    let count = match (app.shown_len(), app.timeline.events.len()) {
        (a, b) if a == b => describe::count(b, "event", "events"),
        // Filters or the context window hide the rest.
        (a, b) => format!("{} of {} shown", thousands(a), thousands(b)),
    };
    let notes = match app.timeline.notes.len() {
        0 => String::new(),
        n => format!("{} · ", describe::count(n, "note", "notes")),
    };
    // Where the views line has no room for the context window, the top line names it.
    let tabs_end = layout::view_tabs().last().map_or(0, |t| usize::from(t.2));
    let why = match app.filters.window {
        Some(w) if width < tabs_end + 15 => format!("{} · ", w.label()),
        _ => String::new(),
    };
    let right = format!("{notes}{why}{count} · {} ", app.zone().name());
    let title_room = width.saturating_sub(right.width() + 2);
    let title = fit(&app.timeline.meta.title, title_room);
    let gap = width.saturating_sub(1 + title.width() + right.width());
    let top = Line::from(vec![
        Span::raw(" "),
        Span::styled(title, theme.title()),
        Span::raw(" ".repeat(gap)),
        Span::styled(right, theme.dim()),
    ]);
    let mut tabs: Vec<Span> = Vec::new();
    let mut used = 0usize;
    for (i, (view, start, _)) in layout::view_tabs().into_iter().enumerate() {
        let pad = usize::from(start).saturating_sub(used);
        tabs.push(Span::raw(" ".repeat(pad)));
        let label = format!(" {} ", layout::tab_label(i, view));
        used = usize::from(start) + label.width();
        let style = if view == app.nav.view {
            theme.selected()
        } else {
            theme.dim()
        };
        tabs.push(Span::styled(label, style));
    }
    let mut extra = Vec::new();
    if let Some(w) = app.filters.window {
        // The day only: the selection's start may be as vague as "evening".
        let day = crate::model::time::to_local(w.center, app.zone()).date();
        extra.push(format!(
            "{} around {}",
            w.label(),
            crate::model::time::short_day(day)
        ));
    }
    if !app.filters.active.is_empty() {
        extra.push(format!(
            "filter {}",
            app.filters.active.describe(&app.timeline)
        ));
    }
    if app.search.is_active() && !app.search.typing {
        let searching = app
            .search_progress()
            .map(|pct| format!(", searching {pct}%"))
            .unwrap_or_default();
        extra.push(format!(
            "search “{}”: {} found{searching}",
            app.search.query,
            thousands(app.search.matches())
        ));
    }
    if !extra.is_empty() {
        let room = width.saturating_sub(used + 3);
        tabs.push(Span::raw("   "));
        tabs.push(Span::styled(fit(&extra.join(" · "), room), theme.title()));
        used += 3 + fit(&extra.join(" · "), room).width();
    }
    // The knowledge cursor, else what the dataset is written as of, at the right, where
    // there is room for all of it.
    // The cursor says how many sources count where there is room, else only when.
    let known = app.known_labels();
    let right = match known.is_empty() {
        false => known,
        true => app
            .timeline
            .meta
            .as_of
            .map(|a| vec![format!("as of {}", a.label())])
            .unwrap_or_default(),
    };
    let fits = right
        .into_iter()
        .map(|r| format!("{r} "))
        .find(|text| used + 3 + text.width() <= width);
    if let Some(text) = fits {
        {
            tabs.push(Span::raw(" ".repeat(width - used - text.width())));
            tabs.push(Span::styled(text, theme.dim()));
        }
    }
    frame.render_widget(Paragraph::new(vec![top, Line::from(tabs)]), area);
}

fn footer(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let width = usize::from(area.width);
    let line = if app.mode() == Mode::Search {
        let matches = match (app.search.matches(), app.search_progress()) {
            (n, Some(pct)) => format!("{} found, searching {pct}%", thousands(n)),
            (0, None) if app.search.is_active() => "no match".to_string(),
            (n, None) => describe::count(n, "match", "matches"),
        };
        let hint = app.keymap.hint_line(Mode::Search);
        Line::from(vec![
            Span::styled("/", theme.title()),
            Span::raw(fit(&app.search.query, width.saturating_sub(30))),
            Span::styled("█", theme.dim()),
            Span::styled(format!("  {matches}  "), theme.title()),
            Span::styled(
                fit(&hint, width.saturating_sub(app.search.query.width() + 16)),
                theme.dim(),
            ),
        ])
    } else if let Some(prompt) = app.jump.as_ref().filter(|_| app.mode() == Mode::Jump) {
        jump_prompt(app, theme, &prompt.text, width)
    } else if let Some(msg) = &app.status {
        Line::from(Span::styled(fit(&format!(" {msg}"), width), theme.title()))
    } else if let Some(note) = &app.file.note {
        Line::from(Span::styled(
            fit(&format!(" {note}"), width),
            theme.warning(),
        ))
    } else {
        // A file with notes says so first, with the key (from the table) that lists them.
        let notes = match (app.mode(), app.timeline.notes.len()) {
            (Mode::Normal | Mode::Detail | Mode::Axis, n) if n > 0 => app
                .keymap
                .keys_of(Mode::Normal, &Action::ProblemsToggle)
                .first()
                .map(|k| {
                    format!(
                        "{} {} · ",
                        keymap::label(k),
                        describe::count(n, "note", "notes")
                    )
                })
                .unwrap_or_default(),
            _ => String::new(),
        };
        // Then rows a reload changed and not yet visited, likewise.
        let changed = match (app.mode(), app.changes.as_ref()) {
            (Mode::Normal | Mode::Detail | Mode::Axis, Some(c)) if !c.unvisited.is_empty() => app
                .keymap
                .keys_of(Mode::Normal, &Action::ChangesToggle)
                .first()
                .map(|k| {
                    format!(
                        "{} {} {} changed · ",
                        keymap::label(k),
                        crate::app::changes::MARK,
                        thousands(c.unvisited.len())
                    )
                })
                .unwrap_or_default(),
            _ => String::new(),
        };
        let notes = format!("{notes}{changed}");
        let lead = format!(
            "{notes}{}",
            focused_link(app, width.saturating_sub(notes.width()))
        );
        Line::from(Span::styled(
            app.keymap.footer_line(app.mode(), &lead, width),
            theme.dim(),
        ))
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// The focused web link for the footer, whole where it fits, with its keys when they fit
/// too: "https://… · o open · y copy · ". Sized to leave room for the essential hints.
fn focused_link(app: &App, width: usize) -> String {
    let Some(address) = app.focused_address().filter(|_| app.mode() == Mode::Detail) else {
        return String::new();
    };
    let key = |action: Action| {
        let keys = app.keymap.keys_of(Mode::Detail, &action);
        keys.first().map(keymap::label).unwrap_or_default()
    };
    let keys = format!(
        " · {} open · {} copy · ",
        key(Action::OpenLink),
        key(Action::CopyLink)
    );
    let room = width.saturating_sub(app.keymap.essentials_width(Mode::Detail) + 1);
    let address = clean_line(&address);
    if address.width() + keys.width() <= room {
        return format!("{address}{keys}");
    }
    format!("{} · ", shorten_address(&address, room.saturating_sub(3)))
}

/// The jump prompt: `:` and the text, what it would do, then the keys.
fn jump_prompt<'a>(app: &App, theme: &Theme, text: &str, width: usize) -> Line<'a> {
    let text = fit(
        &crate::model::text::clean_line(text),
        width.saturating_sub(12),
    );
    let preview = fit(&app.jump_preview(), width.saturating_sub(text.width() + 6));
    let used = text.width() + preview.width() + 6;
    let hint = fit(
        &app.keymap.hint_line(Mode::Jump),
        width.saturating_sub(used),
    );
    Line::from(vec![
        Span::styled(":", theme.title()),
        Span::raw(text),
        Span::styled("█", theme.dim()),
        Span::styled(format!("  {preview}  "), theme.title()),
        Span::styled(hint, theme.dim()),
    ])
}
