//! One history and one meaning of Back, driven by keys and the mouse through `update`,
//! in both layouts: at 120 columns the detail sits beside the list, at 80 it is a page.

use chrono::{TimeZone, Utc};
use parley::app::document::Target;
use parley::app::layout::{self, WIDE};
use parley::app::{Action, App, Focus, View};
use parley::data::load_bundled;
use pretty_assertions::assert_eq;
use ratatui::crossterm::event::KeyCode;

mod common;
use common::{keys, press, screen};

const LAYOUTS: [(u16, u16); 2] = [(120, 40), (80, 24)];

/// Friday 5 December 2025, 17:00 in Miami: as of the article.
fn app(size: (u16, u16)) -> App {
    let now = Utc
        .with_ymd_and_hms(2025, 12, 5, 22, 0, 0)
        .single()
        .expect("valid")
        .timestamp();
    App::new(
        load_bundled().unwrap_or_else(|e| panic!("{e}")),
        None,
        now,
        size,
    )
}

fn select_event(app: &mut App, id: &str) {
    let e = app.timeline.event_by_id(id).expect("event exists");
    let k = app.position_of(e).expect("shown");
    press(app, KeyCode::Home);
    for _ in 0..k {
        press(app, KeyCode::Down);
    }
    assert_eq!(app.subject(), Some(Target::Event(e)));
}

/// The screen as Backspace would restore it, but for the scroll of lists and detail.
fn at(app: &App) -> (View, Option<Target>, Focus) {
    let l = app.location();
    (l.view, l.subject, l.focus)
}

fn witkoff(app: &App) -> Target {
    Target::Person(app.timeline.person_by_id("witkoff").expect("witkoff"))
}

/// The sequence of the report: people, timeline, first event, open it, back.
#[test]
fn back_after_opening_a_detail_returns_to_the_list() {
    for size in LAYOUTS {
        let mut app = app(size);
        let start = at(&app);
        keys(&mut app, "21g");
        let first = app.event_at(0).map(Target::Event);
        press(&mut app, KeyCode::Enter);
        assert_eq!(at(&app), (View::Timeline, first, Focus::Detail), "{size:?}");
        press(&mut app, KeyCode::Backspace);
        assert_eq!(at(&app), (View::Timeline, first, Focus::List), "{size:?}");
        let text = screen(&app);
        assert!(!text.contains("Special envoy"), "{size:?}:\n{text}");
        // Then the views, in the order they were left.
        press(&mut app, KeyCode::Backspace);
        assert_eq!(app.nav.view, View::People, "{size:?}");
        assert_eq!(app.nav.focus, Focus::List, "{size:?}");
        press(&mut app, KeyCode::Backspace);
        assert_eq!(at(&app), start, "{size:?}");
        press(&mut app, KeyCode::Backspace);
        assert_eq!(at(&app), start, "{size:?}");
        assert_eq!(app.status.as_deref(), Some("nothing to go back to"));
    }
}

/// Below 100 columns the list and the detail page are different screens: the list is
/// what the symptom sequence must show, not a person's page.
#[test]
fn on_a_narrow_screen_back_shows_the_list_page() {
    let mut app = app((80, 24));
    keys(&mut app, "21g");
    press(&mut app, KeyCode::Enter);
    assert!(layout::areas(80, 24, app.nav.focus).list.is_none());
    press(&mut app, KeyCode::Backspace);
    let areas = layout::areas(80, 24, app.nav.focus);
    assert!(areas.list.is_some() && areas.detail.is_none());
    let text = screen(&app);
    assert!(!text.contains("Person"), "{text}");
    assert!(text.contains("Timeline"), "{text}");
}

/// Following a link and coming back restores the detail as it was: scrolled, with the
/// same link focused.
#[test]
fn back_from_a_link_restores_the_detail_and_its_link() {
    for size in LAYOUTS {
        let mut app = app(size);
        select_event(&mut app, "kremlin-putin");
        let kremlin = app.subject();
        press(&mut app, KeyCode::Enter);
        // Tab to Witkoff's link, low in the detail.
        let (w, _) = layout::detail_size(size.0, size.1);
        let focused = |app: &App| {
            let doc = parley::app::detail::document(app, w);
            app.nav
                .link
                .and_then(|l| doc.links.get(l))
                .map(|l| l.target)
        };
        while focused(&app) != Some(witkoff(&app)) {
            press(&mut app, KeyCode::Tab);
            assert_eq!(app.nav.focus, Focus::Detail, "{size:?}: Witkoff is a link");
        }
        assert_eq!(app.nav.focus, Focus::Detail, "{size:?}");
        assert_eq!(app.subject(), kremlin, "{size:?}");
        let before = app.location();
        press(&mut app, KeyCode::Enter);
        assert_eq!(at(&app), (View::People, Some(witkoff(&app)), Focus::Detail));
        assert!(screen(&app).contains("Special envoy of President Trump"));
        press(&mut app, KeyCode::Backspace);
        assert_eq!(app.location(), before, "{size:?}");
        press(&mut app, KeyCode::Backspace);
        assert_eq!(at(&app), (View::Timeline, kremlin, Focus::List), "{size:?}");
        // The last link to another screen (a web address opens the browser instead),
        // far down the detail: its scroll comes back too.
        press(&mut app, KeyCode::BackTab);
        while matches!(focused(&app), Some(parley::app::document::Target::Web(_))) {
            press(&mut app, KeyCode::BackTab);
        }
        let before = app.location();
        if size.0 < WIDE {
            assert!(
                before.detail_scroll > 0,
                "the last link is below the first page"
            );
        }
        press(&mut app, KeyCode::Enter);
        assert!(!app.location().same_screen(&before), "{size:?}");
        press(&mut app, KeyCode::Backspace);
        assert_eq!(app.location(), before, "{size:?}");
    }
}

/// Switching views from a detail remembers the detail.
#[test]
fn back_after_switching_views_from_a_detail_reopens_it() {
    for size in LAYOUTS {
        let mut app = app(size);
        select_event(&mut app, "miami-thursday");
        press(&mut app, KeyCode::Enter);
        let detail = app.location();
        keys(&mut app, "3");
        assert_eq!((app.nav.view, app.nav.focus), (View::Topics, Focus::List));
        press(&mut app, KeyCode::Backspace);
        assert_eq!(app.location(), detail, "{size:?}");
    }
}

#[test]
fn esc_closes_the_detail_and_is_shown_there() {
    for size in LAYOUTS {
        let mut app = app(size);
        let list = app.location();
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.nav.focus, Focus::Detail);
        let footer = screen(&app).lines().last().unwrap_or_default().to_string();
        assert!(footer.contains("Esc close"), "{size:?}: {footer}");
        press(&mut app, KeyCode::Esc);
        // Closing what was just opened is going back: nothing is left to go back to.
        assert_eq!(app.location(), list, "{size:?}");
        assert!(app.nav.history.is_empty(), "{size:?}");
        let footer = screen(&app).lines().last().unwrap_or_default().to_string();
        assert!(!footer.contains("Esc close"), "{size:?}: {footer}");
    }
}

/// A detail reached by a link closes to its own list; Backspace then reopens it.
#[test]
fn esc_on_a_followed_detail_closes_to_its_list() {
    for size in LAYOUTS {
        let mut app = app(size);
        select_event(&mut app, "kremlin-putin");
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Enter);
        let followed = app.location();
        assert_eq!(followed.focus, Focus::Detail);
        assert_ne!(followed.view, View::Timeline);
        press(&mut app, KeyCode::Esc);
        assert_eq!(
            at(&app),
            (followed.view, followed.subject, Focus::List),
            "{size:?}"
        );
        press(&mut app, KeyCode::Backspace);
        assert_eq!(at(&app), (followed.view, followed.subject, Focus::Detail));
        press(&mut app, KeyCode::Backspace);
        assert_eq!(app.nav.view, View::Timeline, "{size:?}");
        assert_eq!(app.nav.focus, Focus::Detail, "{size:?}");
    }
}

#[test]
fn left_never_switches_views_in_a_list() {
    for size in LAYOUTS {
        let mut app = app(size);
        keys(&mut app, "234");
        for _ in 0..4 {
            press(&mut app, KeyCode::Left);
            keys(&mut app, "h");
            assert_eq!((app.nav.view, app.nav.focus), (View::Places, Focus::List));
        }
        // In the detail it closes it, and no further.
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Left);
        assert_eq!((app.nav.view, app.nav.focus), (View::Places, Focus::List));
        press(&mut app, KeyCode::Left);
        assert_eq!((app.nav.view, app.nav.focus), (View::Places, Focus::List));
        // On the axis it pans.
        keys(&mut app, "5");
        let window = app.axis.window.start;
        press(&mut app, KeyCode::Left);
        assert_eq!(app.nav.view, View::Axis, "{size:?}");
        assert!(app.axis.window.start < window, "{size:?}");
    }
}

/// Tab through every link and back to the list leaves the history as it was.
#[test]
fn tabbing_round_the_links_leaves_no_trace() {
    for size in LAYOUTS {
        let mut app = app(size);
        select_event(&mut app, "kremlin-putin");
        let history = app.nav.history.clone();
        press(&mut app, KeyCode::Tab);
        assert_eq!(app.nav.focus, Focus::Detail);
        let mut n = 0;
        while app.nav.focus == Focus::Detail {
            press(&mut app, KeyCode::Tab);
            n += 1;
            assert!(n < 100, "Tab comes back to the list");
        }
        assert!(n > 1, "{size:?}: the meeting has links");
        assert_eq!(app.nav.history, history, "{size:?}");
    }
}

fn centre(r: Option<ratatui::layout::Rect>) -> (u16, u16) {
    let r = r.expect("pane shown");
    (r.x + r.width / 2, r.y + r.height / 2)
}

/// The wheel scrolls the pane under the pointer, on the timeline and on the axis.
#[test]
fn the_wheel_scrolls_what_is_under_the_pointer() {
    for view in ["1", "5"] {
        let mut app = app((120, 40));
        keys(&mut app, view);
        select_event(&mut app, "kremlin-putin");
        let sel = app.cursor().sel;
        let window = app.axis.window;
        let areas = layout::areas(120, 40, app.nav.focus);
        let (x, y) = centre(areas.detail);
        app.update(Action::ScrollDown(x, y));
        assert!(app.nav.detail_scroll > 0, "view {view}");
        assert_eq!(app.cursor().sel, sel, "view {view}");
        assert_eq!(app.axis.window, window, "view {view}");
        app.update(Action::ScrollUp(x, y));
        assert_eq!(app.nav.detail_scroll, 0, "view {view}");
        let (x, y) = centre(areas.list);
        app.update(Action::ScrollDown(x, y));
        assert!(
            app.cursor().sel != sel || app.axis.window != window,
            "view {view}: the wheel over the list moves it"
        );
    }
    // The detail page below 100 columns.
    let mut app = app((80, 24));
    select_event(&mut app, "kremlin-putin");
    const { assert!(80 < WIDE) };
    press(&mut app, KeyCode::Enter);
    let sel = app.cursor().sel;
    let (x, y) = centre(layout::areas(80, 24, app.nav.focus).detail);
    app.update(Action::ScrollDown(x, y));
    assert!(app.nav.detail_scroll > 0);
    assert_eq!(app.cursor().sel, sel);
}

/// Ctrl+wheel zooms the axis only over the chart; over the detail it scrolls that.
#[test]
fn ctrl_wheel_zooms_only_over_the_axis() {
    use ratatui::crossterm::event::{Event, KeyModifiers, MouseEvent, MouseEventKind};
    let mut app = app((120, 40));
    keys(&mut app, "5");
    let wheel = |(column, row): (u16, u16)| {
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::ScrollDown,
            column,
            row,
            modifiers: KeyModifiers::CONTROL,
        })
    };
    let areas = layout::areas(120, 40, app.nav.focus);
    assert_eq!(
        app.action_for(&wheel(centre(areas.list))),
        Some(Action::ZoomOut)
    );
    let (x, y) = centre(areas.detail);
    assert_eq!(
        app.action_for(&wheel((x, y))),
        Some(Action::ScrollDown(x, y))
    );
}
