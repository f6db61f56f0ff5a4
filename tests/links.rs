//! Web links in the detail: a source's address on a line of its own, shortened in the
//! middle rather than cut; Tab focuses it and the footer shows it whole; `o` and `y` ask
//! for it to be opened or copied; drawn as a terminal hyperlink (OSC 8) only when it is
//! a well-formed web address.

use chrono::{TimeZone, Utc};
use parley::app::document::Target;
use parley::app::filter::{FilterKind, FilterValue};
use parley::app::{App, Focus, Request};
use parley::data::load_bundled;
use parley::model::timeline::{Status, Timeline};
use parley::ui::{Theme, render};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Modifier;

mod common;
use common::{keys, press, screen};

const SIZES: [(u16, u16); 3] = [(120, 40), (80, 24), (50, 15)];
const XINHUA: &str = "https://en.people.cn/n3/2025/1206/c90000-20399221.html";
const LONG: &str = "https://example.org/reports/2025/12/05/miami-talks-second-day-readout-and-next-steps?lang=en#summary";

/// Friday 5 December 2025, 17:00 in Miami: as of the article.
fn now() -> i64 {
    Utc.with_ymd_and_hms(2025, 12, 5, 22, 0, 0)
        .single()
        .expect("valid")
        .timestamp()
}

fn fixture() -> Timeline {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/links/links.json"
    );
    let text = std::fs::read_to_string(path).expect("fixture");
    parley::data::native::load_str("links.json", &text).unwrap_or_else(|e| panic!("{e}"))
}

fn buffer(app: &App) -> Buffer {
    let mut terminal =
        Terminal::new(TestBackend::new(app.size.0, app.size.1)).expect("test terminal");
    terminal
        .draw(|f| render(app, &Theme::plain(), f))
        .expect("draws");
    terminal.backend().buffer().clone()
}

/// The Thursday meeting's detail with the Xinhua source's address focused.
fn thursday_with_the_source_focused(size: (u16, u16)) -> App {
    let mut app = App::new(load_bundled().expect("bundled"), None, now(), size);
    let e = app.timeline.event_by_id("miami-thursday").expect("event");
    press(&mut app, KeyCode::Home);
    while app.subject() != Some(Target::Event(e)) {
        press(&mut app, KeyCode::Down);
    }
    for _ in 0..50 {
        press(&mut app, KeyCode::Tab);
        if app.focused_address().is_some() {
            break;
        }
    }
    app
}

#[test]
fn a_source_link_focused() {
    for size in SIZES {
        let app = thursday_with_the_source_focused(size);
        assert_eq!(app.nav.focus, Focus::Detail);
        assert_eq!(app.focused_address().as_deref(), Some(XINHUA));
        let shown = screen(&app);
        // On its own line: the whole address where the pane is wide enough, else
        // shortened in the middle; the footer shows it whole where it fits.
        let lines: Vec<&str> = shown.lines().collect();
        let footer = lines.last().expect("footer");
        if size.0 >= 100 {
            assert!(footer.contains(XINHUA), "{footer}");
        } else if size.0 >= 80 {
            assert!(footer.contains("https://en.people.cn/"), "{footer}");
        } else {
            assert!(
                footer.contains("https://") && footer.contains('…'),
                "{footer}"
            );
        }
        assert!(
            lines
                .iter()
                .any(|l| l.contains("│     https://en.people.cn/")),
            "{shown}"
        );
        // The focused link is drawn reversed, all of it and nothing else on its line.
        let buf = buffer(&app);
        let y = (0..buf.area.height)
            .find(|&y| row(&buf, y).contains("│     https://en.people.cn/"))
            .expect("the address's line");
        let reversed: String = (0..buf.area.width)
            .filter(|&x| buf[(x, y)].modifier.contains(Modifier::REVERSED))
            .map(|x| buf[(x, y)].symbol())
            .collect();
        assert!(
            reversed.starts_with("https://en.people.cn/") && reversed.ends_with(".html"),
            "{reversed}"
        );
        insta::assert_snapshot!(format!("{}x{}_source_link_focused", size.0, size.1), shown);
    }
}

#[test]
fn the_focused_link_stays_in_sight_when_the_terminal_is_resized() {
    let mut app = thursday_with_the_source_focused((120, 40));
    for (w, h) in [(80, 24), (50, 15), (120, 40)] {
        app.update(parley::app::Action::Resize(w, h));
        assert_eq!(app.focused_address().as_deref(), Some(XINHUA));
        assert!(screen(&app).contains("│     https://"), "{w}x{h}");
    }
}

#[test]
fn tab_reaches_the_address_and_o_and_y_ask_for_it() {
    let mut app = App::new(fixture(), None, now(), (100, 30));
    press(&mut app, KeyCode::Tab);
    // Only the well-formed addresses are links: the one in the summary, then the
    // source's.
    assert_eq!(
        app.focused_address().as_deref(),
        Some("https://example.org/summary")
    );
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focused_address().as_deref(), Some(LONG));
    keys(&mut app, "o");
    assert_eq!(app.request, Some(Request::Open(LONG.into())));
    app.request = None;
    keys(&mut app, "y");
    assert_eq!(app.request, Some(Request::Copy(LONG.into())));
    app.request = None;
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.request, Some(Request::Open(LONG.into())));
    // Past the last link, Tab leaves the detail: the refused addresses are no links.
    app.request = None;
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.nav.focus, Focus::List);
    keys(&mut app, "o");
    assert_eq!(app.request, None);
}

#[test]
fn o_without_a_web_link_focused_says_so() {
    let mut app = App::new(load_bundled().expect("bundled"), None, now(), (120, 40));
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.nav.focus, Focus::Detail);
    assert!(app.focused_address().is_none());
    keys(&mut app, "o");
    assert_eq!(app.request, None);
    assert_eq!(
        app.status.as_deref(),
        Some("the focused link is not a web address")
    );
}

/// The symbols of every cell of a row, joined.
fn row(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

#[test]
fn only_well_formed_addresses_become_hyperlinks() {
    let mut app = App::new(fixture(), None, now(), (100, 30));
    app.hyperlinks = true;
    let buf = buffer(&app);
    let mut links = Vec::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            if cell.symbol().contains('\x1b') {
                links.push((cell.symbol().to_string(), cell.diff_option));
            }
        }
    }
    let osc8 = |address: &str, text: &str| format!("\x1b]8;;{address}\x1b\\{text}\x1b]8;;\x1b\\");
    let summary = "https://example.org/summary";
    // The long one is shortened on screen and links to the whole address.
    let (long, long_width) = links
        .iter()
        .find(|(s, _)| s.starts_with(&format!("\x1b]8;;{LONG}\x1b\\")))
        .map(|(s, d)| (s.clone(), *d))
        .unwrap_or_else(|| panic!("no hyperlink to {LONG}: {links:?}"));
    let shown = long
        .strip_prefix(&format!("\x1b]8;;{LONG}\x1b\\"))
        .and_then(|s| s.strip_suffix("\x1b]8;;\x1b\\"))
        .expect("one link");
    assert!(
        shown.starts_with("https://example.org/") && shown.contains('…'),
        "{shown}"
    );
    assert_eq!(
        long_width,
        CellDiffOption::ForcedWidth(
            std::num::NonZeroU16::new(shown.chars().count() as u16).expect("wide")
        )
    );
    assert!(
        links.iter().any(|(s, _)| *s == osc8(summary, summary)),
        "{links:?}"
    );
    assert_eq!(links.len(), 2, "{links:?}");
    // The hostile and reversed addresses are shown by the rule for text, as text.
    let text: String = (0..buf.area.height).map(|y| row(&buf, y)).collect();
    assert!(text.contains("\\u{1b}]8;;https://ev"), "{text}");
    assert!(!text.contains("\x1b]8;;https://evil"), "{text}");
    assert!(!text.contains('\u{202e}'), "{text}");
    assert!(!text.contains('\u{7}'), "{text}");
}

#[test]
fn no_hyperlinks_under_an_overlay() {
    let mut app = App::new(fixture(), None, now(), (100, 30));
    app.hyperlinks = true;
    let escapes = |app: &App| {
        let buf = buffer(app);
        (0..buf.area.height)
            .filter(|&y| row(&buf, y).contains('\x1b'))
            .count()
    };
    assert_eq!(escapes(&app), 2);
    keys(&mut app, "?");
    assert_eq!(escapes(&app), 0);
    keys(&mut app, "?");
    keys(&mut app, "f");
    assert_eq!(escapes(&app), 0);
}

#[test]
fn no_hyperlinks_when_they_are_off() {
    let app = App::new(fixture(), None, now(), (100, 30));
    assert!(!app.hyperlinks);
    let buf = buffer(&app);
    for y in 0..buf.area.height {
        assert!(!row(&buf, y).contains('\x1b'), "{}", row(&buf, y));
    }
}

/// The target of the detail's focused link, as drawn now.
fn focused_target(app: &App) -> Option<Target> {
    let (w, _) = parley::app::layout::detail_size(app.size.0, app.size.1);
    let doc = parley::app::detail::document(app, w);
    let link = app.nav.link?;
    assert!(
        link < doc.links.len(),
        "focused link {link} of {}",
        doc.links.len()
    );
    Some(doc.links[link].target)
}

/// Filters that take the place off the list change the detail: the focused link stays
/// on its event while the place's detail still links it, and is dropped when not.
#[test]
fn filters_keep_a_places_focused_link_on_its_event_or_drop_it() {
    use parley::app::{Action, View};
    let mut app = App::new(load_bundled().expect("bundled"), None, now(), (120, 40));
    app.update(Action::Show(View::Places));
    let miami = app.timeline.place_by_id("miami").expect("place");
    let kremlin = app.timeline.place_by_id("kremlin").expect("place");
    for _ in 0..app.timeline.places.len() {
        if app.subject() != Some(Target::Place(miami)) {
            app.update(Action::Down);
        }
    }
    assert_eq!(app.subject(), Some(Target::Place(miami)));
    app.update(Action::FocusNext);
    let mut last = None;
    for _ in 0..20 {
        match focused_target(&app) {
            Some(Target::Event(e)) => last = Some(e),
            _ => break,
        }
        app.update(Action::FocusNext);
    }
    let e = last.expect("Miami's detail links its events");
    app.update(Action::FocusPrev);
    assert_eq!(focused_target(&app), Some(Target::Event(e)));
    app.update(Action::FiltersOpen);
    for _ in FilterKind::ALL {
        if app.filters.menu.as_ref().map(|m| m.kind()) != Some(FilterKind::Place) {
            app.update(Action::FilterCategoryNext);
        }
    }
    let choose = |app: &mut App, value: FilterValue| {
        let menu = app.filters.menu.as_mut().expect("menu open");
        menu.cursor = (0..menu.listed.len())
            .find(|&k| {
                menu.cursor = k;
                menu.selected(&app.timeline) == Some(value)
            })
            .unwrap_or_else(|| panic!("{value:?} is listed"));
        app.update(Action::FilterToggle);
    };
    // Only Miami's events: the place stays, and so does the link.
    choose(&mut app, FilterValue::Place(miami));
    assert_eq!(app.subject(), Some(Target::Place(miami)));
    assert_eq!(focused_target(&app), Some(Target::Event(e)));
    // Only the Kremlin's: Miami leaves the list, and its event's link the detail.
    choose(&mut app, FilterValue::Place(kremlin));
    choose(&mut app, FilterValue::Place(miami));
    assert_eq!(app.subject(), Some(Target::Place(kremlin)));
    assert_eq!(focused_target(&app), None);
    // With nothing listed, no detail and no link: the Kremlin meeting was held.
    app.update(Action::FiltersClose);
    app.update(Action::FocusNext);
    assert!(matches!(focused_target(&app), Some(Target::Event(_))));
    app.update(Action::FiltersOpen);
    for _ in FilterKind::ALL {
        if app.filters.menu.as_ref().map(|m| m.kind()) != Some(FilterKind::Status) {
            app.update(Action::FilterCategoryNext);
        }
    }
    choose(&mut app, FilterValue::Status(Status::Expected));
    assert_eq!(app.subject(), None);
    assert_eq!(focused_target(&app), None);
}
