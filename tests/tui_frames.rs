//! Full frames of the viewer, drawn into a `TestBackend` with a fixed clock and zone,
//! at 120x40, 80x24 and 50x15; and key sequences driven through `update`.

use chrono::{TimeZone, Utc};
use parley::app::document::Target;
use parley::app::keymap::Keymap;
use parley::app::{Action, App, Focus, View};
use parley::data::load_bundled;
use parley::model::timeline::Timeline;
use parley::ui::{Theme, render};
use pretty_assertions::assert_eq;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

mod common;
use common::{keys, press};

const SIZES: [(u16, u16); 3] = [(120, 40), (80, 24), (50, 15)];

/// Friday 5 December 2025, 17:00 in Miami: as of the article.
fn now() -> i64 {
    Utc.with_ymd_and_hms(2025, 12, 5, 22, 0, 0)
        .single()
        .expect("valid")
        .timestamp()
}

fn timeline() -> Timeline {
    load_bundled().unwrap_or_else(|e| panic!("{e}"))
}

fn app(size: (u16, u16)) -> App {
    App::new(timeline(), None, now(), size)
}

fn draw(app: &App) -> Terminal<TestBackend> {
    let mut terminal =
        Terminal::new(TestBackend::new(app.size.0, app.size.1)).expect("test terminal");
    terminal
        .draw(|f| render(app, &Theme::plain(), f))
        .expect("draws");
    terminal
}

fn screen(app: &App) -> String {
    let terminal = draw(app);
    // The test backend cannot print a buffer with no columns.
    if app.size.0 == 0 {
        return String::new();
    }
    terminal.backend().to_string()
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

fn name(size: (u16, u16), what: &str) -> String {
    format!("{}x{}_{what}", size.0, size.1)
}

/// On a narrow screen the detail is its own page: Enter opens it.
fn open_detail(app: &mut App) {
    if app.size.0 < parley::app::layout::WIDE {
        press(app, KeyCode::Enter);
        assert_eq!(app.nav.focus, Focus::Detail);
    }
}

#[test]
fn first_screen() {
    for size in SIZES {
        let app = app(size);
        insta::assert_snapshot!(name(size, "first_screen"), draw(&app).backend());
    }
}

#[test]
fn each_bundled_event() {
    let ids: Vec<String> = timeline()
        .events
        .iter()
        .map(|e| e.id().to_string())
        .collect();
    for size in SIZES {
        for id in &ids {
            let mut app = app(size);
            select_event(&mut app, id);
            open_detail(&mut app);
            insta::assert_snapshot!(name(size, &format!("event_{id}")), draw(&app).backend());
        }
    }
}

#[test]
fn people_view_on_umerov() {
    for size in SIZES {
        let mut app = app(size);
        keys(&mut app, "2");
        let umerov = app.timeline.person_by_id("umerov").expect("umerov");
        while app.subject() != Some(Target::Person(umerov)) {
            press(&mut app, KeyCode::Down);
        }
        open_detail(&mut app);
        insta::assert_snapshot!(name(size, "people_umerov"), draw(&app).backend());
    }
}

#[test]
fn a_search() {
    for size in SIZES {
        let mut app = app(size);
        keys(&mut app, "g/hnatov");
        insta::assert_snapshot!(name(size, "search_typing"), draw(&app).backend());
        press(&mut app, KeyCode::Enter);
        insta::assert_snapshot!(name(size, "search_kept"), draw(&app).backend());
    }
}

#[test]
fn an_active_filter() {
    for size in SIZES {
        let mut app = app(size);
        // Side: United States, Ukraine, Russia; pick Russia.
        keys(&mut app, "fjj ");
        insta::assert_snapshot!(name(size, "filter_menu"), draw(&app).backend());
        press(&mut app, KeyCode::Esc);
        insta::assert_snapshot!(name(size, "filter_side_russia"), draw(&app).backend());
    }
}

/// The names of the values the filter menu lists.
fn listed(app: &App) -> Vec<String> {
    let menu = app.filters.menu.as_ref().expect("the menu is open");
    let values = parley::app::filter::values(&app.timeline, menu.kind());
    menu.listed
        .iter()
        .map(|i| values[*i].name(&app.timeline))
        .collect()
}

/// The names of a kind's values holding `part`, in any case, found here by hand.
fn names_holding(app: &App, kind: usize, part: &str) -> Vec<String> {
    let kind = parley::app::filter::FilterKind::ALL[kind];
    parley::app::filter::values(&app.timeline, kind)
        .iter()
        .map(|v| v.name(&app.timeline))
        .filter(|n| n.to_lowercase().contains(&part.to_lowercase()))
        .collect()
}

/// In the filter menu, `/` narrows the list to the values whose name holds what is
/// typed; Backspace widens it; Enter turns the value under the cursor on and leaves the
/// list narrowed; Esc lists every value again, then closes.
#[test]
fn the_filter_menu_narrows_as_you_type() {
    let mut app = app((120, 40));
    keys(&mut app, "f");
    press(&mut app, KeyCode::Tab);
    let everyone = listed(&app);
    assert!(everyone.len() > 3, "{everyone:?}");
    keys(&mut app, "/UMEr");
    assert_eq!(listed(&app), ["Rustem Umerov"]);
    let shown = screen(&app);
    assert!(
        shown.contains(&format!("/UMEr█  1 of {} values", everyone.len())),
        "{shown}"
    );
    // Keys that move or close the menu are text while typing.
    keys(&mut app, "q");
    assert!(listed(&app).is_empty());
    assert!(screen(&app).contains("no value holds “UMErq”"));
    // Backspace widens, down to every value; once more stops typing.
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    assert_eq!(listed(&app), names_holding(&app, 1, "UMe"));
    for _ in 0..3 {
        press(&mut app, KeyCode::Backspace);
    }
    assert_eq!(listed(&app), everyone);
    assert!(app.filters.menu.as_ref().is_some_and(|m| m.typing));
    press(&mut app, KeyCode::Backspace);
    assert!(app.filters.menu.as_ref().is_some_and(|m| !m.typing));
    // ↓ moves within the narrowed list; Enter turns that value on.
    keys(&mut app, "/ov");
    let ov = names_holding(&app, 1, "ov");
    assert!(ov.len() > 1, "{ov:?}");
    assert_eq!(listed(&app), ov);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    let chosen = app
        .timeline
        .participants
        .iter()
        .position(|p| p.name as &str == ov[1])
        .expect("a participant");
    let person = parley::model::timeline::PersonIx::new(chosen as u32);
    assert_eq!(app.shown_len(), app.timeline.events_of(person).len());
    assert!(app.shown_len() < app.timeline.events.len());
    let menu = app.filters.menu.clone().expect("still open");
    assert!(!menu.typing);
    assert_eq!(menu.narrow, "ov");
    assert!(screen(&app).contains(&format!("[x] {}", ov[1])));
    // Space turns it off again, on the narrowed list.
    keys(&mut app, " ");
    assert_eq!(app.shown_len(), app.timeline.events.len());
    // Esc lists every value again, keeping the cursor on the same value; Esc closes.
    press(&mut app, KeyCode::Esc);
    assert_eq!(listed(&app), everyone);
    let menu = app.filters.menu.clone().expect("still open");
    assert_eq!(
        menu.selected(&app.timeline).map(|v| v.name(&app.timeline)),
        Some(ov[1].clone())
    );
    press(&mut app, KeyCode::Esc);
    assert!(app.filters.menu.is_none());
}

/// Each value's count is the events it would leave with the other kinds' filters on:
/// turning a side on changes the participants' counts, not the sides'.
#[test]
fn filter_counts_follow_the_other_filters() {
    let mut app = app((120, 40));
    keys(&mut app, "f");
    let sides_before = app.filters.menu.as_ref().expect("open").counts.clone();
    press(&mut app, KeyCode::Tab);
    let people_before = app.filters.menu.as_ref().expect("open").counts.clone();
    let tl = &app.timeline;
    let all: Vec<usize> = (0..tl.participants.len() as u32)
        .map(|p| {
            tl.events_of(parley::model::timeline::PersonIx::new(p))
                .len()
        })
        .collect();
    assert_eq!(people_before, all);
    press(&mut app, KeyCode::BackTab);
    keys(&mut app, "/rus");
    assert_eq!(listed(&app), ["Russia"]);
    press(&mut app, KeyCode::Enter);
    // The sides' own counts do not depend on which side is on.
    assert_eq!(
        app.filters.menu.as_ref().expect("open").counts,
        sides_before
    );
    press(&mut app, KeyCode::Tab);
    let people_after = app.filters.menu.as_ref().expect("open").counts.clone();
    assert_ne!(people_after, people_before);
    // By hand: each person's events that have someone from Russia.
    let tl = &app.timeline;
    let russia = (0..tl.parties.len() as u32)
        .map(parley::model::timeline::PartyIx::new)
        .find(|p| tl.party(*p).name.as_ref() as &str == "Russia")
        .expect("Russia");
    let by_hand: Vec<usize> = (0..tl.participants.len() as u32)
        .map(|p| {
            tl.events_of(parley::model::timeline::PersonIx::new(p))
                .filter(|e| {
                    tl.attendees(tl.event(*e))
                        .iter()
                        .any(|a| tl.person(a.person).party == Some(russia))
                })
                .count()
        })
        .collect();
    assert_eq!(people_after, by_hand);
    assert!(by_hand.contains(&0) && by_hand.iter().any(|n| *n > 0));
}

/// The narrowed filter menu with its counts, under a side filter; then the people of
/// the events that filter leaves.
#[test]
fn a_narrowed_filter_menu_and_the_people_it_leaves() {
    for size in SIZES {
        let mut app = app(size);
        keys(&mut app, "f/rus");
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Tab);
        keys(&mut app, "/r");
        insta::assert_snapshot!(name(size, "filter_narrowed"), draw(&app).backend());
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Esc);
        keys(&mut app, "2");
        insta::assert_snapshot!(name(size, "people_filtered"), draw(&app).backend());
    }
}

/// Under a filter, the people, topics and places views list only what occurs in the
/// events it leaves, counted among those events, and say so in their title.
#[test]
fn people_topics_and_places_honour_the_filters() {
    let mut app = app((120, 40));
    let all_people = app.list_len(View::People);
    keys(&mut app, "f/rus");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    let tl = &app.timeline;
    let shown: Vec<_> = (0..app.shown_len())
        .filter_map(|k| app.event_at(k))
        .collect();
    assert!(!shown.is_empty() && shown.len() < tl.events.len());
    let topics = shown
        .iter()
        .flat_map(|e| tl.event_topics(tl.event(*e)).to_vec())
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let places = shown
        .iter()
        .filter_map(|e| tl.event(*e).place)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    keys(&mut app, "2");
    let mut listed_people = Vec::new();
    for k in 0..app.list_len(View::People) {
        press(&mut app, KeyCode::Home);
        for _ in 0..k {
            press(&mut app, KeyCode::Down);
        }
        match app.subject() {
            Some(Target::Person(p)) => listed_people.push(p),
            other => panic!("{other:?}"),
        }
    }
    let tl = &app.timeline;
    let mut by_hand: Vec<_> = shown
        .iter()
        .flat_map(|e| tl.attendees(tl.event(*e)).iter().map(|a| a.person))
        .collect();
    by_hand.sort();
    by_hand.dedup();
    let mut got = listed_people.clone();
    got.sort();
    assert_eq!(got, by_hand);
    assert!(listed_people.len() < all_people);
    for p in &listed_people {
        let n = shown
            .iter()
            .filter(|e| tl.attendees(tl.event(**e)).iter().any(|a| a.person == *p))
            .count();
        assert_eq!(app.events_shown(Target::Person(*p)), n);
    }
    let text = screen(&app);
    assert!(
        text.contains(&format!(
            "People ({} of {all_people}) · filtered by side: Russia",
            listed_people.len()
        )),
        "{text}"
    );
    keys(&mut app, "3");
    assert_eq!(app.list_len(View::Topics), topics);
    assert!(topics < app.timeline.topics.len());
    keys(&mut app, "4");
    assert_eq!(app.list_len(View::Places), places);
    // Esc clears the filters: everyone is back.
    keys(&mut app, "2");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.list_len(View::People), all_people);
}

/// A link to someone the filters leave out of the people list clears them, and says so.
#[test]
fn a_link_to_someone_filtered_out_clears_the_filters() {
    let mut app = app((120, 40));
    keys(&mut app, "f/rus");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    keys(&mut app, "2");
    let witkoff = app.timeline.person_by_id("witkoff").expect("witkoff");
    let umerov = app.timeline.person_by_id("umerov").expect("umerov");
    assert!(app.position_in_list(Target::Person(umerov)).is_none());
    press(&mut app, KeyCode::Home);
    while app.subject() != Some(Target::Person(witkoff)) {
        press(&mut app, KeyCode::Down);
    }
    let width = parley::app::layout::detail_size(120, 40).0;
    for _ in 0..40 {
        press(&mut app, KeyCode::Tab);
        let doc = parley::app::detail::document(&app, width);
        let focused = app
            .nav
            .link
            .and_then(|l| doc.links.get(l))
            .map(|l| l.target);
        if focused == Some(Target::Person(umerov)) {
            break;
        }
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.subject(), Some(Target::Person(umerov)));
    assert!(app.filters.active.is_empty());
    assert_eq!(
        app.status.as_deref(),
        Some("filters cleared to show that person")
    );
}

#[test]
fn the_kremlin_meeting_in_each_zone() {
    for size in SIZES {
        let mut app = app(size);
        select_event(&mut app, "kremlin-putin");
        let zones: Vec<String> = app
            .zones
            .iter()
            .map(|z| z.name().replace('/', "_"))
            .collect();
        assert_eq!(zones, ["America_New_York", "Europe_Moscow", "UTC"]);
        for zone in zones {
            let mut shown = App::new(timeline(), None, now(), size);
            select_event(&mut shown, "kremlin-putin");
            while shown.zone().name().replace('/', "_") != zone {
                keys(&mut shown, "z");
            }
            select_event(&mut shown, "kremlin-putin");
            open_detail(&mut shown);
            insta::assert_snapshot!(
                name(size, &format!("kremlin_{zone}")),
                draw(&shown).backend()
            );
        }
        keys(&mut app, "z");
    }
}

/// The label after the meeting's local time is not cut between its words, at whatever
/// width the detail pane has.
#[test]
fn the_local_time_label_stays_whole() {
    for width in 40..=140 {
        let mut app = app((width, 30));
        select_event(&mut app, "kremlin-putin");
        open_detail(&mut app);
        let text = screen(&app);
        assert!(text.contains("local"), "at {width} columns:\n{text}");
        for (i, row) in text.lines().enumerate() {
            let row = row.trim_end_matches(['│', '"', ' ']);
            assert!(
                !row.ends_with("local"),
                "cut after 'local' at {width} columns, row {i}:\n{text}"
            );
        }
    }
}

/// The bottom line of the screen, where the footer is drawn.
fn footer(app: &App) -> String {
    let screen = screen(app);
    let last = screen.lines().last().unwrap_or_default();
    last.to_string()
}

#[test]
fn the_footer_always_offers_help_and_quit() {
    for size in SIZES {
        let mut app = app(size);
        let browsing = footer(&app);
        keys(&mut app, "5");
        let axis = footer(&app);
        for line in [&browsing, &axis] {
            assert!(line.contains("? help · q quit"), "{size:?}: {line}");
        }
        insta::assert_snapshot!(name(size, "footer"), format!("{browsing}\n{axis}"));
    }
}

#[test]
fn the_help_overlay() {
    for size in SIZES {
        let mut app = app(size);
        keys(&mut app, "?");
        insta::assert_snapshot!(name(size, "help"), draw(&app).backend());
    }
}

#[test]
fn the_help_pages_to_the_legend_and_back() {
    for size in SIZES {
        let mut app = app(size);
        keys(&mut app, "?");
        let top = screen(&app);
        assert!(top.contains("Browsing"), "{size:?}");
        press(&mut app, KeyCode::PageDown);
        let second = screen(&app);
        assert_ne!(second, top, "{size:?}: PgDn moves");
        press(&mut app, KeyCode::End);
        let bottom = screen(&app);
        for mark in ["░", "◆", "░▒▓█", "│"] {
            assert!(bottom.contains(mark), "{size:?}: {mark} at the end");
        }
        if size.1 >= 24 {
            assert!(
                bottom.contains("◐ "),
                "{size:?}: status marks on the last page\n{bottom}"
            );
        }
        insta::assert_snapshot!(name(size, "help_legend"), bottom);
        // One key back up moves at once: End stops at the last page as drawn.
        press(&mut app, KeyCode::Up);
        assert_ne!(screen(&app), bottom, "{size:?}: ↑ after End moves");
        press(&mut app, KeyCode::End);
        press(&mut app, KeyCode::PageDown);
        assert_eq!(screen(&app), bottom, "{size:?}: no page past the end");
        press(&mut app, KeyCode::Home);
        assert_eq!(screen(&app), top, "{size:?}: Home");
        press(&mut app, KeyCode::PageDown);
        press(&mut app, KeyCode::PageUp);
        assert_eq!(screen(&app), top, "{size:?}: PgUp undoes PgDn");
    }
}

/// Opens an overlay by its state, as the keys would in some order.
fn open(app: &mut App, overlay: &str) {
    match overlay {
        "help" => app.help = Some(0),
        "problems" => {
            app.file.problems = vec!["talks.json:3:1: expected a value".into()];
            app.file.problems_view = Some(0);
        }
        _ => app.filters.menu = Some(Default::default()),
    }
}

/// Text only that overlay's box shows.
fn marker(overlay: &str) -> &'static str {
    match overlay {
        "help" => "┌ Keys",
        "problems" => "showing the last good version",
        _ => "┌ Filters",
    }
}

/// With two overlays open, the one drawn is the one that takes the keys: Esc closes it
/// and shows the other, whichever was opened first.
#[test]
fn the_overlay_drawn_takes_the_keys() {
    for (upper, lower) in [
        ("help", "problems"),
        ("help", "filters"),
        ("problems", "filters"),
    ] {
        for upper_first in [true, false] {
            let mut app = app((80, 24));
            let order = if upper_first {
                [upper, lower]
            } else {
                [lower, upper]
            };
            for o in order {
                open(&mut app, o);
            }
            let text = screen(&app);
            assert!(
                text.contains(marker(upper)),
                "{upper} over {lower}:\n{text}"
            );
            assert!(
                !text.contains(marker(lower)),
                "{upper} over {lower}:\n{text}"
            );
            press(&mut app, KeyCode::Esc);
            let text = screen(&app);
            assert!(!text.contains(marker(upper)), "Esc closed {upper}:\n{text}");
            assert!(text.contains(marker(lower)), "{lower} left:\n{text}");
        }
    }
}

#[test]
fn a_terminal_too_small() {
    let app = app((39, 11));
    insta::assert_snapshot!("39x11_too_small", draw(&app).backend());
    for size in [(0, 0), (1, 1), (0, 40), (120, 0), (39, 40), (120, 11)] {
        let app = App::new(timeline(), None, now(), size);
        let text = screen(&app);
        if size.0 >= 30 && size.1 >= 3 {
            assert!(text.contains("too small"), "{size:?}:\n{text}");
        }
    }
}

#[test]
fn follow_a_link_to_a_participant_and_come_back() {
    let mut app = app((120, 40));
    select_event(&mut app, "kremlin-putin");
    let kremlin = app.subject();
    // Tab: the place, then Putin (first of the Russian side? no: sides in dataset order).
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.nav.focus, Focus::Detail);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    let witkoff = app.timeline.person_by_id("witkoff").expect("witkoff");
    assert_eq!(app.nav.view, View::People);
    assert_eq!(app.subject(), Some(Target::Person(witkoff)));
    let text = screen(&app);
    assert!(text.contains("Special envoy of President Trump"), "{text}");
    assert!(text.contains("Meetings (5)"), "{text}");
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.nav.view, View::Timeline);
    assert_eq!(app.subject(), kremlin);
    assert!(screen(&app).contains("Witkoff and Kushner meet Putin"));
    // Then to the list the detail was opened from.
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.nav.focus, Focus::List);
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.status.as_deref(), Some("nothing to go back to"));
}

#[test]
fn search_then_clear() {
    let mut app = app((120, 40));
    select_event(&mut app, "kremlin-putin");
    let origin = app.subject();
    keys(&mut app, "/umerov");
    // Thursday, the joint statement, Friday, the weekend and Saturday's call.
    assert_eq!(app.search.matches(), 5);
    let thursday = app
        .timeline
        .event_by_id("miami-thursday")
        .map(Target::Event);
    assert_eq!(app.subject(), thursday, "typing jumps to the first match");
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "n");
    assert_eq!(
        app.subject(),
        app.timeline
            .event_by_id("state-department-saturday")
            .map(Target::Event)
    );
    keys(&mut app, "N");
    assert_eq!(app.subject(), thursday);
    assert!(screen(&app).contains("search “umerov”: 5 found"));
    press(&mut app, KeyCode::Esc);
    assert!(!app.search.is_active());
    assert!(!screen(&app).contains("search “umerov”"));
    // Esc while typing gives the selection back.
    keys(&mut app, "/hnatov");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.subject(), thursday);
    let _ = origin;
}

#[test]
fn stepping_through_matches_says_which_and_when_it_wraps() {
    let mut app = app((120, 40));
    keys(&mut app, "/miami");
    press(&mut app, KeyCode::Enter);
    let hits = app.search.hits.clone();
    let n = hits.len();
    assert!(n >= 2, "the bundled dataset mentions Miami more than once");
    press(&mut app, KeyCode::Home);
    keys(&mut app, "n");
    // Home is at or before the first match: `n` lands on it, or on the second.
    let mut at = hits
        .iter()
        .position(|&k| k == app.cursor().sel)
        .expect("on a match");
    for _ in 0..n {
        let status = app.status.clone().expect("a step says where it is");
        assert!(
            status.starts_with(&format!("match {} of {n}", at + 1)),
            "{status}"
        );
        assert!(screen(&app).contains(&status), "the footer shows it");
        keys(&mut app, "n");
        let was = at;
        at = (at + 1) % n;
        assert_eq!(app.cursor().sel, hits[at]);
        let wrapped = app
            .status
            .as_deref()
            .unwrap_or("")
            .ends_with("wrapped to the top");
        assert_eq!(wrapped, was == n - 1, "wraps only from the last match");
    }
    // Back from the first match comes round to the last.
    while at != 0 {
        keys(&mut app, "N");
        at -= 1;
    }
    keys(&mut app, "N");
    assert_eq!(
        app.status.as_deref(),
        Some(format!("match {n} of {n} · wrapped to the bottom").as_str())
    );
    assert_eq!(app.cursor().sel, hits[n - 1]);
}

#[test]
fn filter_by_side() {
    let mut app = app((120, 40));
    keys(&mut app, "fj ");
    press(&mut app, KeyCode::Esc);
    // Thursday, Friday and the weekend in Miami, the joint statement, Saturday's call.
    assert_eq!(app.shown_len(), 5, "Ukraine took part in five events");
    let text = screen(&app);
    assert!(text.contains("5 of 6 shown"), "{text}");
    assert!(text.contains("filter side: Ukraine"), "{text}");
    assert!(!text.contains("meet Putin"), "{text}");
    // Esc clears the filter.
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.shown_len(), 6);
    assert!(screen(&app).contains("6 events"));
}

#[test]
fn days_and_ends() {
    let mut app = app((120, 40));
    press(&mut app, KeyCode::Home);
    keys(&mut app, "]");
    assert_eq!(
        app.subject(),
        app.timeline
            .event_by_id("miami-thursday")
            .map(Target::Event)
    );
    keys(&mut app, "]]");
    assert_eq!(
        app.subject(),
        app.timeline.event_by_id("miami-weekend").map(Target::Event)
    );
    // Back to Friday's first row: the statement, dated to the day only.
    keys(&mut app, "[");
    assert_eq!(
        app.subject(),
        app.timeline
            .event_by_id("state-department-saturday")
            .map(Target::Event)
    );
    keys(&mut app, "G");
    assert_eq!(
        app.subject(),
        app.timeline.event_by_id("zelensky-call").map(Target::Event)
    );
}

#[test]
fn the_now_line_separates_past_from_future() {
    let app = app((120, 40));
    let text = screen(&app);
    let row = |needle: &str| {
        text.lines()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{needle}:\n{text}"))
    };
    let now = row("── now · Fri 5 Dec 2025 17:00");
    let friday = row("● Second day in Miami");
    let statement = row("● State Department: talks");
    let weekend = row("◌ Talks continue into the");
    assert!(statement < now && friday < now && now < weekend, "{text}");
    assert!(
        !text.contains("── as of"),
        "the clock is earlier than as_of:\n{text}"
    );
}

/// A clock a year after the dataset's as-of: the now line stands at the as-of.
fn a_year_later() -> i64 {
    Utc.with_ymd_and_hms(2026, 12, 3, 16, 0, 0)
        .single()
        .expect("valid")
        .timestamp()
}

#[test]
fn a_later_clock_puts_the_now_line_at_as_of() {
    let app = App::new(timeline(), None, a_year_later(), (120, 40));
    let as_of = app.timeline.meta.as_of.expect("as_of").instant;
    assert_eq!(app.now_line(), as_of);
    let text = screen(&app);
    let row = |needle: &str| {
        text.lines()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{needle}:\n{text}"))
    };
    let line = row("── as of Sat 6 Dec 2025 ──");
    // Saturday's events began before the end of Saturday, the as-of.
    assert!(row("● Second day in Miami") < line, "{text}");
    assert!(row("◌ Talks continue into the") < line, "{text}");
    assert!(row("● Zelensky's call") < line, "{text}");
    assert!(!text.contains("── now"), "{text}");
    // Every event has begun as of then: the viewer starts on the latest.
    assert_eq!(
        app.subject(),
        app.timeline.event_by_id("zelensky-call").map(Target::Event)
    );
    // The axis labels its line the same way.
    let mut app = app;
    app.update(Action::Show(View::Axis));
    assert!(screen(&app).contains("as of"), "{}", screen(&app));
}

#[test]
fn an_earlier_clock_keeps_the_now_line() {
    let app = app((120, 40));
    assert_eq!(app.now_line(), now());
    assert!(app.as_of_line().is_none());
}

#[test]
fn the_header_says_as_of() {
    let text = screen(&app((80, 24)));
    let header: Vec<&str> = text.lines().take(2).collect();
    assert!(header[1].contains("as of Sat 6 Dec 2025"), "{text}");
}

#[test]
fn mouse_click_selects_and_follows() {
    let mut app = app((120, 40));
    let text = screen(&app);
    // Click the Thursday row in the list.
    let row = 1 + text
        .lines()
        .position(|l| l.contains("Thursday 4 December 2025"))
        .expect("row") as u16;
    app.update(Action::Click(10, row));
    assert_eq!(
        app.subject(),
        app.timeline
            .event_by_id("miami-thursday")
            .map(Target::Event)
    );
    // Click the place link in the detail.
    let text = screen(&app);
    let (row, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("Where"))
        .expect("where");
    let col = line
        .find("Miami, Florida")
        .map(|b| line[..b].chars().count())
        .expect("link") as u16;
    app.update(Action::Click(col + 1, row as u16));
    assert_eq!(app.nav.view, View::Places);
    assert!(screen(&app).contains("Events (3)"));
}

#[test]
fn resizing_keeps_the_selection_visible() {
    let mut app = app((120, 40));
    keys(&mut app, "G");
    for (w, h) in [(50, 15), (40, 12), (120, 12), (200, 60), (80, 24)] {
        app.update(Action::Resize(w, h));
        let text = screen(&app);
        assert!(text.contains("Talks continue"), "{w}x{h}:\n{text}");
    }
}

#[test]
fn the_selected_row_is_highlighted() {
    use ratatui::style::Modifier;
    let mut app = app((120, 40));
    select_event(&mut app, "miami-thursday");
    let terminal = draw(&app);
    let buf = terminal.backend().buffer();
    let row = (0..buf.area.height)
        .find(|&y| {
            let line: String = (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect();
            line.contains("● Witkoff and Kushner meet the Uk")
        })
        .expect("the Thursday row");
    for x in 1..59 {
        assert!(
            buf[(x, row)].modifier.contains(Modifier::REVERSED),
            "column {x} of the selected row"
        );
    }
    let other = row - 2;
    assert!(!buf[(5, other)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn no_color_still_marks_status_and_selection() {
    // Without colour, the selection is reversed and an expected event is in italics.
    use ratatui::style::{Color, Modifier};
    let mut app = app((120, 40));
    select_event(&mut app, "miami-weekend");
    let terminal = draw(&app);
    let buf = terminal.backend().buffer();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            assert!(
                cell.fg == Color::Reset && cell.bg == Color::Reset,
                "colour at {x},{y}"
            );
        }
    }
    let row = (0..buf.area.height)
        .find(|&y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
                .contains("◌ Talks continue")
        })
        .expect("weekend row");
    assert!(
        buf[(12, row)]
            .modifier
            .contains(Modifier::ITALIC | Modifier::REVERSED)
    );
}

#[test]
fn the_progress_of_a_large_file() {
    use parley::data::stream::Progress;
    let progress = Progress {
        read: 38_200_000,
        total: 88_828_486,
        events: 41_200,
        rereading: false,
    };
    let mut terminal = Terminal::new(TestBackend::new(80, 12)).expect("test terminal");
    terminal
        .draw(|f| {
            parley::ui::loading::render(
                "big.json",
                progress,
                &Keymap::default(),
                &Theme::plain(),
                f,
            )
        })
        .expect("draws");
    insta::assert_snapshot!(terminal.backend());
    // Rereading for the problems says so; and no size is too small to draw.
    let rereading = Progress {
        rereading: true,
        ..progress
    };
    for (w, h) in [(0, 0), (1, 1), (12, 2), (30, 3), (200, 60)] {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
        terminal
            .draw(|f| {
                parley::ui::loading::render(
                    "big.json",
                    rereading,
                    &Keymap::default(),
                    &Theme::plain(),
                    f,
                )
            })
            .expect("draws");
        if w >= 80 {
            let text = format!("{:?}", terminal.backend());
            assert!(text.contains("Reading the file again, whole"));
        }
    }
}

/// The loading screen's keys come from the key table: a rebound quit key is the one
/// it shows.
#[test]
fn the_loading_screen_shows_rebound_keys() {
    use parley::app::keymap::parse_key;
    use parley::data::stream::Progress;
    let keymap =
        Keymap::with_keys(&[("quit".into(), vec![parse_key("x").expect("a key")])]).expect("valid");
    let mut terminal = Terminal::new(TestBackend::new(80, 12)).expect("test terminal");
    terminal
        .draw(|f| {
            let progress = Progress::default();
            parley::ui::loading::render("big.json", progress, &keymap, &Theme::plain(), f)
        })
        .expect("draws");
    let text = terminal.backend().to_string();
    assert!(text.contains(" x or Esc: stop and quit"), "{text}");
    assert!(!text.contains("q or Esc"), "{text}");
}

/// A day reported in Moscow, seen from New York (where it began the evening before):
/// the meeting's "When" and a participant's list of meetings tell it as Moscow's day,
/// which is why it stands among the evening before's events here.
#[test]
fn a_day_reported_elsewhere_is_told_in_its_own_zone() {
    let tl = common::kremlin_as_moscow_day();
    for (zone, told_in_moscow) in [("America/New_York", true), ("Europe/Moscow", false)] {
        let mut app = App::new(tl.clone(), None, now(), (120, 40));
        for _ in 0..app.zones.len() {
            if app.zone().name() != zone {
                keys(&mut app, "z");
            }
        }
        assert_eq!(app.zone().name(), zone);
        select_event(&mut app, "kremlin-putin");
        let text = screen(&app);
        // The meeting's own "When" names Moscow either way.
        assert!(
            text.contains("Tue 2 Dec 2025 all day  Moscow"),
            "{zone}:\n{text}"
        );
        // The place, then Witkoff.
        press(&mut app, KeyCode::Tab);
        press(&mut app, KeyCode::Tab);
        press(&mut app, KeyCode::Enter);
        let witkoff = app.timeline.person_by_id("witkoff").expect("witkoff");
        assert_eq!(app.subject(), Some(Target::Person(witkoff)));
        let text = screen(&app);
        let meeting = text
            .lines()
            .find(|l| l.contains("● Tue 2 Dec all day"))
            .unwrap_or_else(|| panic!("{zone}: the meeting is listed:\n{text}"));
        assert_eq!(
            meeting.contains(" (Moscow)"),
            told_in_moscow,
            "{zone}: {meeting}"
        );
    }
}

/// The list pane's cells on the row showing `title`: (symbol, foreground) per column.
fn row_cells(
    terminal: &Terminal<TestBackend>,
    title: &str,
) -> Vec<(String, ratatui::style::Color)> {
    let buf = terminal.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            // The list pane: up to its right border, the first `│` after the left one.
            let row: Vec<_> = (0..buf.area.width)
                .map(|x| (buf[(x, y)].symbol().to_string(), buf[(x, y)].fg))
                .collect();
            let end = row
                .iter()
                .skip(1)
                .position(|(s, _)| s == "│")
                .map_or(row.len(), |i| i + 1);
            row[..end].to_vec()
        })
        .find(|row| {
            row.iter()
                .map(|(s, _)| s.as_str())
                .collect::<String>()
                .contains(title)
        })
        .expect("the row is in the list")
}

#[test]
fn a_row_shows_the_sides_present_in_their_colours() {
    use ratatui::style::Color;
    let mut app = app((120, 40));
    select_event(&mut app, "kremlin-putin");
    let colour = Theme {
        colour: true,
        ..Theme::default()
    };
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test terminal");
    terminal.draw(|f| render(&app, &colour, f)).expect("draws");
    let cells = row_cells(&terminal, "Witkoff and Kushner");
    let marks: Vec<Color> = cells
        .iter()
        .filter(|(s, _)| s == "■")
        .map(|(_, fg)| *fg)
        .collect();
    // The dataset colours the United States blue and Russia red; no Ukrainian attended.
    assert_eq!(marks, vec![Color::Blue, Color::Red]);

    let terminal = draw(&app);
    let cells = row_cells(&terminal, "Witkoff and Kushner");
    let text: String = cells.iter().map(|(s, _)| s.as_str()).collect();
    assert!(!text.contains('■'), "{text}");
    // Ukraine's name also starts with U, so the United States shows its id.
    assert!(text.contains(" US R  "), "{text}");
}
