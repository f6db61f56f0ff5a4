//! The jump prompt (`:`) and `.` driven by key presses on the bundled dataset, with a
//! fixed clock; and the prompt as drawn at 80x24.

use chrono::{TimeZone, Utc};
use parley::app::document::Target;
use parley::app::keymap::Mode;
use parley::app::{App, View};
use parley::data::load_bundled;
use ratatui::crossterm::event::KeyCode;

mod common;
use common::{keys, press, screen};

/// Friday 5 December 2025, 17:00 in Miami.
fn friday() -> i64 {
    Utc.with_ymd_and_hms(2025, 12, 5, 22, 0, 0)
        .single()
        .expect("valid")
        .timestamp()
}

fn app_at(now: i64) -> App {
    App::new(
        load_bundled().unwrap_or_else(|e| panic!("{e}")),
        None,
        now,
        (80, 24),
    )
}

fn app() -> App {
    app_at(friday())
}

/// Opens the prompt, types, presses Enter.
fn jump(app: &mut App, text: &str) {
    keys(app, ":");
    assert_eq!(app.mode(), Mode::Jump);
    keys(app, text);
    press(app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Normal, "Enter closes the prompt");
}

fn selected(app: &App) -> String {
    match app.subject() {
        Some(Target::Event(e)) => app.timeline.event(e).id().to_string(),
        other => format!("{other:?}"),
    }
}

#[test]
fn thursday_selects_the_thursday_meeting() {
    let mut app = app();
    keys(&mut app, "g");
    assert_eq!(selected(&app), "kremlin-putin");
    jump(&mut app, "thursday");
    assert_eq!(selected(&app), "miami-thursday");
    let status = app.status.clone().unwrap_or_default();
    assert!(status.contains("Thu 4 Dec 2025 00:00"), "{status}");
    // Back returns to where the jump began.
    press(&mut app, KeyCode::Backspace);
    assert_eq!(selected(&app), "kremlin-putin");
}

#[test]
fn each_form_lands_on_the_first_event_at_or_after() {
    for (text, id) in [
        ("2025-12-04", "miami-thursday"),
        ("dec 4", "miami-thursday"),
        ("4 Dec", "miami-thursday"),
        ("2025-12-02", "kremlin-putin"),
        ("tue", "kremlin-putin"),
        ("2025-12-03", "miami-thursday"),
        ("saturday", "miami-weekend"),
        ("now", "miami-weekend"),
        ("miami-friday", "miami-friday"),
    ] {
        let mut app = app();
        keys(&mut app, "g");
        jump(&mut app, text);
        assert_eq!(selected(&app), id, "{text}");
    }
    // The as-of, the end of Saturday, is after every event's start: nothing to go to.
    let mut app = app();
    keys(&mut app, "g");
    jump(&mut app, "as-of");
    assert_eq!(selected(&app), "kremlin-putin");
    let status = app.status.clone().unwrap_or_default();
    assert!(status.starts_with("no event at or after"), "{status}");
}

/// `14:00` is read on the selected event's day: past the Kremlin meeting's start
/// (Tuesday 11:40 in New York), the next event is Thursday's.
#[test]
fn a_time_is_on_the_selected_day() {
    let mut app = app();
    keys(&mut app, "g");
    jump(&mut app, "11:00");
    assert_eq!(selected(&app), "kremlin-putin");
    keys(&mut app, "g");
    jump(&mut app, "14:00");
    assert_eq!(selected(&app), "miami-thursday");
}

#[test]
fn nothing_after_says_so_and_stays() {
    let mut app = app();
    keys(&mut app, "g");
    jump(&mut app, "2026-01-01");
    assert_eq!(selected(&app), "kremlin-putin");
    let status = app.status.clone().unwrap_or_default();
    assert!(status.starts_with("no event at or after"), "{status}");
    jump(&mut app, "kremlin\u{7}x");
    assert_eq!(selected(&app), "kremlin-putin");
    let status = app.status.clone().unwrap_or_default();
    assert!(status.starts_with("not a date"), "{status}");
    assert!(!status.contains('\u{7}'), "{status:?}");
}

#[test]
fn esc_cancels() {
    let mut app = app();
    keys(&mut app, "g:thursday");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Normal);
    assert!(app.jump.is_none());
    assert_eq!(selected(&app), "kremlin-putin");
}

#[test]
fn tab_completes_an_id() {
    let mut app = app();
    keys(&mut app, ":kremlin");
    press(&mut app, KeyCode::Tab);
    let prompt = app.jump.clone().expect("open");
    assert_eq!(prompt.text, "kremlin-putin");
    assert_eq!(prompt.candidates, Some(1));
    press(&mut app, KeyCode::Enter);
    assert_eq!(selected(&app), "kremlin-putin");

    // Shared part first, then each id in turn.
    keys(&mut app, ":mia");
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.jump.as_ref().map(|p| p.text.as_str()), Some("miami-"));
    assert_eq!(app.jump.as_ref().and_then(|p| p.candidates), Some(3));
    press(&mut app, KeyCode::Tab);
    assert_eq!(
        app.jump.as_ref().map(|p| p.text.as_str()),
        Some("miami-friday")
    );
    press(&mut app, KeyCode::Tab);
    assert_eq!(
        app.jump.as_ref().map(|p| p.text.as_str()),
        Some("miami-thursday")
    );
    press(&mut app, KeyCode::Enter);
    assert_eq!(selected(&app), "miami-thursday");
}

/// From another view, a jump shows the timeline.
#[test]
fn a_jump_from_people_shows_the_timeline() {
    let mut app = app();
    keys(&mut app, "2");
    assert_eq!(app.nav.view, View::People);
    jump(&mut app, "kremlin-putin");
    assert_eq!(app.nav.view, View::Timeline);
    assert_eq!(selected(&app), "kremlin-putin");
    keys(&mut app, "2");
    jump(&mut app, "thu");
    assert_eq!(app.nav.view, View::Timeline);
    assert_eq!(selected(&app), "miami-thursday");
}

/// `.` goes to the first event after the now line: the clock, or the as-of when the
/// clock is later.
#[test]
fn dot_jumps_to_now_or_as_of() {
    let mut app = app();
    keys(&mut app, "g.");
    assert_eq!(selected(&app), "miami-weekend");
    let status = app.status.clone().unwrap_or_default();
    assert!(status.starts_with("now: Fri 5 Dec 2025 17:00"), "{status}");
    let at = |y, m, d, h| {
        Utc.with_ymd_and_hms(y, m, d, h, 0, 0)
            .single()
            .expect("valid")
            .timestamp()
    };
    // A year later: the line stands at the as-of, and says so.
    // Every event has begun by the end of Saturday: the latest is selected.
    let mut app = app_at(at(2026, 12, 3, 16));
    keys(&mut app, "g.");
    assert_eq!(selected(&app), "zelensky-call");
    let status = app.status.clone().unwrap_or_default();
    assert!(status.starts_with("as of Sat 6 Dec 2025"), "{status}");
    // On Wednesday at noon in New York, Thursday's meeting is next.
    let mut app = app_at(at(2025, 12, 3, 17));
    keys(&mut app, "G.");
    assert_eq!(selected(&app), "miami-thursday");
    let status = app.status.clone().unwrap_or_default();
    assert!(status.starts_with("now: Wed 3 Dec 2025 12:00"), "{status}");
}

#[test]
fn the_prompt_at_80x24() {
    let mut app = app();
    keys(&mut app, ":thu");
    insta::assert_snapshot!("80x24_jump_prompt", screen(&app));
    press(&mut app, KeyCode::Esc);
    keys(&mut app, ":mia");
    press(&mut app, KeyCode::Tab);
    insta::assert_snapshot!("80x24_jump_prompt_completed", screen(&app));
}

/// At the other sizes, the footer keeps the prompt and what it means first.
#[test]
fn the_prompt_wide_and_narrow() {
    for size in [(120, 40), (50, 15)] {
        let mut app = app();
        app.update(parley::app::Action::Resize(size.0, size.1));
        keys(&mut app, ":dec 4 14:00");
        let text = screen(&app);
        let footer = text.lines().last().unwrap_or_default();
        assert!(
            footer.contains(":dec 4 14:00█  → Thu 4 Dec 2025 14:00"),
            "{text}"
        );
        insta::assert_snapshot!(format!("{}x{}_jump_prompt", size.0, size.1), text);
    }
}

/// `t` marks the days without events: Wednesday, between the Kremlin meeting (Tuesday
/// in New York) and Thursday's meeting; the days that follow each other get none.
#[test]
fn t_shows_the_days_without_events() {
    use parley::app::rows::{ListRow, visible};
    let mut app = app();
    let gaps = |app: &App| -> Vec<ListRow> {
        visible(app, View::Timeline, 20)
            .into_iter()
            .filter(|r| matches!(r, ListRow::Gap { .. }))
            .collect()
    };
    keys(&mut app, "g");
    assert!(gaps(&app).is_empty());
    keys(&mut app, "t");
    let wednesday = chrono::NaiveDate::from_ymd_opt(2025, 12, 3).expect("valid");
    assert_eq!(
        gaps(&app),
        vec![ListRow::Gap {
            from: wednesday,
            to: wednesday.succ_opt().expect("valid"),
        }]
    );
    let text = screen(&app);
    let row = |needle: &str| {
        text.lines()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{needle}:\n{text}"))
    };
    assert!(row("meet Putin") < row("— 1 day —"), "{text}");
    assert!(row("— 1 day —") < row("Thursday 4 December"), "{text}");
    insta::assert_snapshot!("80x24_gap_rows", text);
    keys(&mut app, "t");
    assert!(gaps(&app).is_empty());
    assert!(!screen(&app).contains("— 1 day —"));
}

/// `x` lists only the events near the selection, says so in the header, widens on each
/// press and goes off after ±3 days; Esc turns it off too.
#[test]
fn x_cycles_a_context_window() {
    let mut app = app();
    jump(&mut app, "thursday");
    let shown = |app: &App| -> Vec<String> {
        (0..app.shown_len())
            .filter_map(|k| app.event_at(k))
            .map(|e| app.timeline.event(e).id().to_string())
            .collect()
    };
    keys(&mut app, "x");
    let six_hours = shown(&app);
    assert!(six_hours.contains(&"miami-thursday".to_string()));
    assert!(!six_hours.contains(&"kremlin-putin".to_string()));
    assert_eq!(selected(&app), "miami-thursday");
    let text = screen(&app);
    assert!(
        text.lines()
            .nth(1)
            .is_some_and(|l| l.contains("±6 h around Thu 4 Dec")),
        "{text}"
    );
    insta::assert_snapshot!("80x24_context_window", text);
    keys(&mut app, "x");
    let one_day = shown(&app);
    assert!(one_day.len() >= six_hours.len());
    assert!(screen(&app).contains("±1 day around"));
    keys(&mut app, "x");
    let three_days = shown(&app);
    assert!(three_days.contains(&"kremlin-putin".to_string()));
    assert!(three_days.len() >= one_day.len());
    keys(&mut app, "x");
    assert!(app.filters.window.is_none());
    assert_eq!(app.shown_len(), app.timeline.events.len());
    assert_eq!(selected(&app), "miami-thursday");
    keys(&mut app, "x");
    press(&mut app, KeyCode::Esc);
    assert!(app.filters.window.is_none());
    assert_eq!(app.shown_len(), app.timeline.events.len());
    // A jump to an event outside the window turns it off.
    keys(&mut app, "x");
    jump(&mut app, "kremlin-putin");
    assert_eq!(selected(&app), "kremlin-putin");
    assert!(app.filters.window.is_none());
}

/// Gap rows (`t`) and the context window's header (`x`) at the wide and the smallest
/// sizes; 80x24 is drawn above.
#[test]
fn gap_rows_and_the_context_window_wide_and_narrow() {
    for (w, h) in [(120, 40), (50, 15)] {
        let mut app = app();
        app.update(parley::app::Action::Resize(w, h));
        keys(&mut app, "gt");
        let text = screen(&app);
        assert!(text.contains("— 1 day —"), "{text}");
        insta::assert_snapshot!(format!("{w}x{h}_gap_rows"), text);
        keys(&mut app, "t");
        jump(&mut app, "thursday");
        keys(&mut app, "x");
        let text = screen(&app);
        assert!(text.lines().take(2).any(|l| l.contains("±6 h")), "{text}");
        insta::assert_snapshot!(format!("{w}x{h}_context_window"), text);
    }
}
