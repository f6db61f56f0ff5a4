//! What several test files share.

use parley::app::App;
use parley::model::timeline::Timeline;
use parley::ui::{Theme, render};
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers,
};
use ratatui::{Terminal, backend::TestBackend};

/// The bundled dataset with the Kremlin meeting reported as Moscow's Tuesday, a date
/// without a time: seen from New York, that day began on Monday evening.
#[allow(dead_code)]
pub fn kremlin_as_moscow_day() -> Timeline {
    let mut doc: serde_json::Value = serde_json::from_str(parley::data::BUNDLED).expect("JSON");
    for e in doc["events"].as_array_mut().expect("events") {
        if e["id"] == "kremlin-putin" {
            e["time"] = serde_json::json!({ "start": "2025-12-02", "zone": "Europe/Moscow" });
        }
    }
    parley::data::native::load_str("moscow-day.json", &doc.to_string())
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The app's screen as text, drawn without colour at the app's size.
#[allow(dead_code)]
pub fn screen(app: &App) -> String {
    let mut terminal =
        Terminal::new(TestBackend::new(app.size.0, app.size.1)).expect("test terminal");
    terminal
        .draw(|f| render(app, &Theme::plain(), f))
        .expect("draws");
    terminal.backend().to_string()
}

/// Presses a key as the terminal would send it.
#[allow(dead_code)]
pub fn press(app: &mut App, code: KeyCode) {
    let ev = Event::Key(KeyEvent {
        code,
        modifiers: KeyModifiers::NONE,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    });
    if let Some(action) = app.action_for(&ev) {
        app.update(action);
    }
}

/// Presses keys as the terminal would send them.
#[allow(dead_code)]
pub fn keys(app: &mut App, keys: &str) {
    for c in keys.chars() {
        press(app, KeyCode::Char(c));
    }
}
