//! After a live reload, the rows it added or changed carry a mark until visited, the
//! footer counts them, and `C` lists what changed, field by field.

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use parley::app::{Action, App};
use parley::data::native::load_str;
use parley::model::timeline::Timeline;
use parley::watch::Reload;
use ratatui::crossterm::event::KeyCode;

mod common;
use common::{keys, press, screen};

fn version(name: &str) -> Timeline {
    let path = format!("{}/tests/fixtures/diff/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("fixture");
    load_str(name, &text).unwrap_or_else(|e| panic!("{e}"))
}

/// The Thursday-morning version open, then Friday's saved over it.
fn reloaded(size: (u16, u16)) -> App {
    let now = Utc
        .with_ymd_and_hms(2025, 12, 5, 15, 0, 0)
        .single()
        .expect("a time")
        .timestamp();
    let mut app = App::new(version("old.json"), None, now, size);
    app.update(Action::Reloaded(Reload::Loaded(Arc::new(version(
        "new.json",
    )))));
    app
}

/// The rows of the list that carry the changed mark, by their first words.
fn marked(screen: &str) -> Vec<String> {
    screen
        .lines()
        .filter_map(|l| l.trim_start_matches(['"', '│', '┃']).strip_prefix('Δ'))
        .filter_map(|rest| rest.split_once(['●', '◌', '○', '◐', '◇', '✕']))
        .map(|(_, title)| {
            title
                .split_whitespace()
                .take(2)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

#[test]
fn rows_the_reload_touched_are_marked_until_selected() {
    let mut app = reloaded((120, 40));
    let shown = screen(&app);
    // Added (Saturday) and changed (Thursday, Friday); not the unchanged or the removed.
    assert_eq!(
        marked(&shown),
        ["Envoy meets", "Second day", "Talks to"],
        "{shown}"
    );
    assert!(
        shown.contains("reloaded: 1 added, 1 removed, 2 changed, 1 dataset field · C lists them"),
        "{shown}"
    );
    // The reload kept the selection where it was (Friday's row), unvisited; `g` selects
    // Thursday's, which visits it.
    keys(&mut app, "g");
    let shown = screen(&app);
    assert_eq!(marked(&shown), ["Second day", "Talks to"], "{shown}");
    assert!(shown.contains("C Δ 2 changed"), "{shown}");
}

#[test]
fn c_lists_the_changes_and_closes() {
    for size in [(120, 40), (80, 24), (50, 15)] {
        let mut app = reloaded(size);
        keys(&mut app, "C");
        let shown = screen(&app);
        assert!(shown.contains("Last reload: 1 added"), "{shown}");
        // Lines wrap in the box; at 50 columns the status line is further down.
        if size.1 >= 24 {
            assert!(shown.contains("status: expected ⇒ held"), "{shown}");
        }
        insta::assert_snapshot!(format!("{}x{}_changes", size.0, size.1), shown);
        press(&mut app, KeyCode::Esc);
        assert!(!screen(&app).contains("Last reload: 1 added"));
    }
}

#[test]
fn without_a_reload_c_says_there_is_nothing_to_list() {
    let mut app = App::new(version("old.json"), None, 0, (80, 24));
    keys(&mut app, "C");
    let shown = screen(&app);
    assert!(shown.contains("no changes"), "{shown}");
    assert!(!shown.contains('Δ'), "{shown}");
}
