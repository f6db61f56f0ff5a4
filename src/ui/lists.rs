//! The left pane: the timeline, or the people, topics or places list.

use super::text::Width;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::Theme;
use super::text::{fit, pad};
use crate::app::document::Target;
use crate::app::rows::{self, ListRow};
use crate::app::{App, Focus, View, layout};
use crate::model::describe::{self, DISPUTED_MARK, SIDE_MARK, status_mark};
use crate::model::disputes;
use crate::model::time::display::calendar_length;
use crate::model::time::{clock, short_day_with_year, to_local};
use crate::model::timeline::Event;

/// Columns of the time in a timeline row ("small hours" is the longest).
const TIME: usize = 11;

/// Columns a timeline row's title keeps before its sides and length give way.
const MIN_TITLE: usize = 20;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let focused = app.nav.focus == Focus::List;
    let view = app.nav.view;
    let title = match (view, &app.filters.listed) {
        // People, topics and places of the events shown only: say which, and why.
        (View::People | View::Topics | View::Places, Some(_)) => {
            let all = match view {
                View::People => app.people_order.len(),
                View::Topics => app.timeline.topics.len(),
                _ => app.timeline.places.len(),
            };
            let why = [
                app.filters.active.describe(&app.timeline),
                app.filters
                    .window
                    .map(|w| format!("{} window", w.label()))
                    .unwrap_or_default(),
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
            format!(
                " {} ({} of {}) · filtered by {why} ",
                view.title(),
                describe::thousands(app.list_len(view)),
                describe::thousands(all),
            )
        }
        _ => format!(
            " {} ({}) ",
            view.title(),
            describe::thousands(app.list_len(view))
        ),
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(focused))
        .title(Span::styled(title, theme.title()));
    let inner = layout::inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let sel = app.cursor().sel;
    let visible = rows::visible(app, app.nav.view, usize::from(inner.height));
    // Each event row's time, worked out once: the time column is as wide as the
    // widest time on screen.
    let times: Vec<Option<String>> = visible
        .iter()
        .map(|r| match (r, app.nav.view) {
            (ListRow::Item(k), View::Timeline | View::Axis) => app
                .event_at(*k)
                .map(|e| describe::row_time(app.timeline.event(e), app.zone())),
            _ => None,
        })
        .collect();
    let time_width = times.iter().flatten().map(|t| t.width()).max().unwrap_or(0);
    let lines: Vec<Line> = visible
        .into_iter()
        .zip(times)
        .map(|(row, time)| match row {
            ListRow::Heading(h) => Line::from(Span::styled(
                pad(&format!(" {}", h.label()), width),
                theme.day(),
            )),
            ListRow::Now => {
                let label = match (app.known_label(), app.as_of_line()) {
                    (Some(known), _) => {
                        format!("── {} ", known.split(" · ").next().unwrap_or(&known))
                    }
                    (None, Some(as_of)) => format!("── as of {} ", as_of.label()),
                    (None, None) => {
                        let now = to_local(app.now, app.zone());
                        format!(
                            "── now · {} {} ",
                            short_day_with_year(now.date()),
                            clock(&now)
                        )
                    }
                };
                let fill = "─".repeat(width.saturating_sub(label.width()));
                Line::from(Span::styled(
                    fit(&format!("{label}{fill}"), width),
                    theme.now(),
                ))
            }
            ListRow::Gap { from, to } => {
                let label = format!("— {} —", calendar_length(from, to));
                let left = width.saturating_sub(label.width()) / 2;
                Line::from(Span::styled(
                    fit(&format!("{}{label}", " ".repeat(left)), width),
                    theme.dim(),
                ))
            }
            ListRow::Side(side) => {
                let name = describe::side_name(&app.timeline, side);
                Line::from(Span::styled(
                    fit(&format!(" {SIDE_MARK} {name}"), width),
                    theme.side(&app.timeline, side),
                ))
            }
            ListRow::Item(k) => {
                let line = match app.nav.view {
                    View::Timeline | View::Axis => {
                        let time = time.unwrap_or_default();
                        event_row(app, theme, k, width, &time, time_width)
                    }
                    View::People => person_row(app, theme, k, width),
                    View::Topics => topic_row(app, theme, k, width),
                    View::Places => place_row(app, theme, k, width),
                };
                if k == sel {
                    let style = if focused {
                        theme.selected()
                    } else {
                        theme
                            .selected()
                            .remove_modifier(ratatui::style::Modifier::BOLD)
                    };
                    line.patch_style(style)
                } else {
                    line
                }
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Fills a row to the full width so a selected row is highlighted edge to edge.
fn full(spans: Vec<Span<'static>>, width: usize) -> Line<'static> {
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    let mut spans = spans;
    spans.push(Span::raw(" ".repeat(width.saturating_sub(used))));
    Line::from(spans)
}

fn match_style(app: &App, theme: &Theme, k: usize, base: Style) -> Style {
    if app.is_match(k) {
        base.patch(theme.search_match())
    } else {
        base
    }
}

/// " ~11:40      ● Witkoff and Kushner meet Putin      ~5 h · Kremlin, Moscow", with
/// its `time` ([`describe::row_time`]).
fn event_row(
    app: &App,
    theme: &Theme,
    k: usize,
    width: usize,
    time: &str,
    time_width: usize,
) -> Line<'static> {
    let Some(e) = app.event_at(k) else {
        return Line::default();
    };
    let tl = &app.timeline;
    let ev = tl.event(e);
    // The gutter holds the mark of a row a reload added or changed, until visited.
    let changed = app.changes.as_ref().is_some_and(|c| c.marks(tl, e));
    let gutter = if changed {
        crate::app::changes::MARK
    } else {
        " "
    };
    let left = format!("{gutter}{} ", pad(time, time_width.min(TIME)));
    // As known at the knowledge cursor, when one is set.
    let status = app.status_of(e);
    let mark = format!("{} ", status_mark(status));
    let duration = describe::duration(ev);
    let place = ev.place.map(|p| tl.place(p).name.to_string());
    let room = width.saturating_sub(left.width() + mark.width());
    // The sides present, " ■ ■" (letters without colour), go before the length when the
    // title keeps at least MIN_TITLE columns beside them; the place gives way first.
    let sides = side_marks(app, theme, ev);
    let sides_w: usize = sides.iter().map(|s| s.content.width()).sum();
    let (sides, room) = if room >= MIN_TITLE + sides_w {
        (sides, room - sides_w)
    } else {
        (Vec::new(), room)
    };
    // Accounts that disagree, " ≠", before the sides, where the title keeps its room.
    let disputed = format!(" {DISPUTED_MARK}");
    let (disputed, room) = if disputes::is_disputed(tl, e) && room >= MIN_TITLE + disputed.width() {
        let w = disputed.width();
        (Some(disputed), room - w)
    } else {
        (None, room)
    };
    // A huge title (a 16 MiB headline) is not measured whole: it fills the row anyway.
    let title_w = if ev.title().len() > room.saturating_mul(4).saturating_add(64) {
        room.saturating_add(1)
    } else {
        ev.title().width()
    };
    // The title comes first; then the duration; the place where there is room.
    let both = match (&duration, &place) {
        (Some(d), Some(p)) => format!("  {d} · {p} "),
        (Some(d), None) => format!("  {d} "),
        (None, Some(p)) => format!("  {p} "),
        (None, None) => String::new(),
    };
    let short = duration
        .as_ref()
        .map(|d| format!("  {d} "))
        .unwrap_or_default();
    let right = if title_w + both.width() <= room {
        both
    } else if room >= MIN_TITLE + short.width() {
        short
    } else {
        String::new()
    };
    let title = pad(ev.title(), room.saturating_sub(right.width()));
    let mut spans = vec![
        Span::raw(left),
        Span::styled(mark, theme.status(status)),
        Span::styled(title, match_style(app, theme, k, theme.event_title(status))),
    ];
    if let Some(d) = disputed {
        spans.push(Span::styled(d, theme.dim()));
    }
    spans.extend(sides);
    spans.push(Span::styled(right, theme.dim()));
    full(spans, width)
}

/// One " ■" per side present, in the side's colour; without colour, the side's letter.
fn side_marks(app: &App, theme: &Theme, ev: &Event) -> Vec<Span<'static>> {
    let tl = &app.timeline;
    describe::sides_present(tl, ev)
        .into_iter()
        .map(|p| {
            let mark = if theme.colour {
                SIDE_MARK.to_string()
            } else {
                describe::side_letter(tl, p)
            };
            Span::styled(format!(" {mark}"), theme.side(tl, Some(p)))
        })
        .collect()
}

fn person_row(app: &App, theme: &Theme, k: usize, width: usize) -> Line<'static> {
    let Some(p) = app.people_listed().get(k) else {
        return Line::default();
    };
    let tl = &app.timeline;
    let person = tl.person(*p);
    let name = format!("   {}", person.name);
    let count = app.events_shown(Target::Person(*p));
    let right = format!("  {count} ");
    let room = width.saturating_sub(right.width());
    let name = fit(&name, room);
    let role = fit(
        &format!("  {}", person.role),
        room.saturating_sub(name.width()),
    );
    let gap = width.saturating_sub(name.width() + role.width() + right.width());
    full(
        vec![
            Span::styled(name, match_style(app, theme, k, Style::new())),
            Span::styled(role, theme.dim()),
            Span::raw(" ".repeat(gap)),
            Span::styled(right, theme.dim()),
        ],
        width,
    )
}

fn topic_row(app: &App, theme: &Theme, k: usize, width: usize) -> Line<'static> {
    let tl = &app.timeline;
    let Some(t) = app.topic_at(k) else {
        return Line::default();
    };
    let topic = tl.topic(t);
    let count = format!("  {} ", app.events_shown(Target::Topic(t)));
    let name = fit(
        &format!(" {}", topic.name),
        width.saturating_sub(count.width()),
    );
    let gap = width.saturating_sub(name.width() + count.width());
    full(
        vec![
            Span::styled(name, match_style(app, theme, k, Style::new())),
            Span::raw(" ".repeat(gap)),
            Span::styled(count, theme.dim()),
        ],
        width,
    )
}

fn place_row(app: &App, theme: &Theme, k: usize, width: usize) -> Line<'static> {
    let tl = &app.timeline;
    let Some(p) = app.place_at(k) else {
        return Line::default();
    };
    let place = tl.place(p);
    let right = format!(
        "  {} · {} ",
        place.zone.name(),
        app.events_shown(Target::Place(p))
    );
    let right = fit(&right, width / 2);
    let name = fit(
        &format!(" {}", place.name),
        width.saturating_sub(right.width()),
    );
    let gap = width.saturating_sub(name.width() + right.width());
    full(
        vec![
            Span::styled(name, match_style(app, theme, k, Style::new())),
            Span::raw(" ".repeat(gap)),
            Span::styled(right, theme.dim()),
        ],
        width,
    )
}
