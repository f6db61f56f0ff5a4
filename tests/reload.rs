//! Live reload with real file writes: a valid change reloads and keeps the user's place;
//! a half-written file keeps the last good data and says why; a deleted file is kept
//! and picked up again when it returns; a rename-over save is seen; a check under way
//! says so and never holds back the next save.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use parley::app::document::Target;
use parley::app::{Action, App, View};
use parley::data::{BUNDLED, load_file};
use parley::watch::{Reload, Reloader};

mod common;
use common::screen;

fn now() -> i64 {
    Utc.with_ymd_and_hms(2025, 12, 5, 22, 0, 0)
        .single()
        .expect("valid")
        .timestamp()
}

/// Polls the reloader until it reports, for at most ten seconds (a hang guard, not a
/// timing claim: the watcher usually answers within a few hundred milliseconds).
fn next_report(reloader: &mut Reloader) -> Reload {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Some(outcome) = reloader.poll() {
            return outcome;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("no reload within ten seconds");
}

/// What the next reload found, past the notices that a check has started.
fn next_outcome(reloader: &mut Reloader) -> Reload {
    loop {
        match next_report(reloader) {
            Reload::Checking => {}
            outcome => return outcome,
        }
    }
}

struct Setup {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
    app: App,
    reloader: Reloader,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("talks.json");
    fs::write(&path, BUNDLED).expect("write");
    let tl = load_file(&path).expect("valid");
    let app = App::new(tl, None, now(), (120, 40));
    let reloader = Reloader::new(&path).expect("watch");
    Setup {
        _dir: dir,
        path,
        app,
        reloader,
    }
}

fn select(app: &mut App, id: &str) {
    let e = app.timeline.event_by_id(id).expect("event");
    let k = app.position_of(e).expect("shown");
    app.update(Action::Home);
    for _ in 0..k {
        app.update(Action::Down);
    }
}

fn save(path: &Path, text: &str) {
    fs::write(path, text).expect("write");
}

#[test]
fn a_valid_change_reloads_and_keeps_the_selection_view_and_filters() {
    let mut s = setup();
    select(&mut s.app, "miami-friday");
    // Filter to the Ukrainian side, then look at the selection.
    s.app.update(Action::FiltersOpen);
    s.app.update(Action::Down);
    s.app.update(Action::FilterToggle);
    s.app.update(Action::FiltersClose);
    let before = s.app.shown_len();
    // Thursday, Friday and the weekend in Miami, the joint statement, Saturday's call.
    assert_eq!(before, 5);
    // Insert an earlier event (shifting every index) and retitle the selected one.
    let changed = BUNDLED
        .replace(
            "Second day in Miami: readout of the Putin meeting and new U.S. ideas",
            "Second day in Miami (retitled)",
        )
        .replace(
            r#""events": ["#,
            r#""events": [
    { "id": "early-call", "title": "An early call", "kind": "call", "status": "held",
      "time": { "start": "2025-12-01T09:00" }, "participants": [{ "person": "umerov" }] },"#,
        );
    save(&s.path, &changed);
    let outcome = next_outcome(&mut s.reloader);
    assert!(matches!(outcome, Reload::Loaded(_)), "{outcome:?}");
    s.app.update(Action::Reloaded(outcome));
    // One event added and one retitled: the footer says so and where to see them.
    assert_eq!(
        s.app.status.as_deref(),
        Some("reloaded: 1 added, 0 removed, 1 changed · C lists them")
    );
    assert_eq!(s.app.timeline.events.len(), 7);
    assert_eq!(
        s.app.shown_len(),
        6,
        "the filter survived and applies to the new event"
    );
    let friday = s.app.timeline.event_by_id("miami-friday").expect("friday");
    assert_eq!(
        s.app.subject(),
        Some(Target::Event(friday)),
        "the selection follows the id"
    );
    let text = screen(&s.app);
    assert!(text.contains("Second day in Miami (retitled)"), "{text}");
    assert!(text.contains("An early call"), "{text}");
    assert!(text.contains("filter side: Ukraine"), "{text}");
    assert!(text.contains("reloaded"), "{text}");
}

#[test]
fn a_write_in_two_halves_keeps_the_last_good_data_then_recovers() {
    let mut s = setup();
    s.app.update(Action::Show(View::People));
    let half = BUNDLED.len() / 2;
    save(&s.path, &BUNDLED[..half]);
    let outcome = next_outcome(&mut s.reloader);
    assert!(matches!(outcome, Reload::Invalid(_)), "{outcome:?}");
    s.app.update(Action::Reloaded(outcome));
    assert_eq!(s.app.timeline.events.len(), 6, "the last good data stays");
    assert_eq!(s.app.nav.view, View::People);
    let note = s.app.file.note.clone().expect("a note about the file");
    assert!(
        note.contains("talks.json:") && note.contains("the file ends too early"),
        "{note}"
    );
    assert!(note.contains("showing the last good version"), "{note}");
    let text = screen(&s.app);
    assert!(text.contains("Rustem Umerov"), "{text}");
    assert!(text.contains("the file ends too early"), "{text}");
    // The full list on a key.
    s.app.update(Action::ProblemsToggle);
    assert!(screen(&s.app).contains("1 problem · showing the last good version"));
    s.app.update(Action::ProblemsToggle);
    // The second half arrives: back to normal by itself.
    save(&s.path, BUNDLED);
    let outcome = next_outcome(&mut s.reloader);
    assert!(matches!(outcome, Reload::Loaded(_)), "{outcome:?}");
    s.app.update(Action::Reloaded(outcome));
    assert_eq!(s.app.file.note, None);
    assert!(s.app.file.problems.is_empty());
    assert_eq!(s.app.nav.view, View::People);
}

#[test]
fn a_rename_over_save_is_seen() {
    let mut s = setup();
    let tmp = s.path.with_file_name(".talks.json.swp");
    fs::write(
        &tmp,
        BUNDLED.replace("US-Ukraine talks in Miami", "Renamed talks"),
    )
    .expect("write");
    fs::rename(&tmp, &s.path).expect("rename");
    let outcome = next_outcome(&mut s.reloader);
    assert!(matches!(outcome, Reload::Loaded(_)), "{outcome:?}");
    s.app.update(Action::Reloaded(outcome));
    assert!(s.app.timeline.meta.title.starts_with("Renamed talks"));
    assert!(screen(&s.app).contains("Renamed talks"));
}

#[test]
fn a_deleted_file_is_kept_and_picked_up_when_it_returns() {
    let mut s = setup();
    select(&mut s.app, "kremlin-putin");
    fs::remove_file(&s.path).expect("remove");
    let outcome = next_outcome(&mut s.reloader);
    assert!(matches!(outcome, Reload::Missing), "{outcome:?}");
    s.app.update(Action::Reloaded(outcome));
    assert_eq!(s.app.timeline.events.len(), 6);
    let text = screen(&s.app);
    assert!(text.contains("the file is gone"), "{text}");
    assert!(text.contains("Witkoff and Kushner meet Putin"), "{text}");
    fs::write(
        &s.path,
        BUNDLED.replace("meet Putin", "meet the Russian president"),
    )
    .expect("write");
    let outcome = next_outcome(&mut s.reloader);
    assert!(matches!(outcome, Reload::Loaded(_)), "{outcome:?}");
    s.app.update(Action::Reloaded(outcome));
    assert_eq!(s.app.file.note, None);
    let kremlin = s
        .app
        .timeline
        .event_by_id("kremlin-putin")
        .expect("kremlin");
    assert_eq!(s.app.subject(), Some(Target::Event(kremlin)));
    assert!(screen(&s.app).contains("meet the Russian"));
}

#[test]
fn a_reload_that_removes_the_selected_event_keeps_a_valid_selection() {
    let mut s = setup();
    s.app.update(Action::End);
    let without_weekend = {
        let start = BUNDLED
            .find(
                r#"    {
      "id": "miami-weekend""#,
            )
            .expect("weekend");
        let end = BUNDLED.rfind("  ]\n}").expect("end of events");
        let mut text = BUNDLED[..start]
            .trim_end()
            .trim_end_matches(',')
            .to_string();
        text.push('\n');
        text.push_str(&BUNDLED[end..]);
        text
    };
    save(&s.path, &without_weekend);
    let outcome = next_outcome(&mut s.reloader);
    assert!(matches!(outcome, Reload::Loaded(_)), "{outcome:?}");
    s.app.update(Action::Reloaded(outcome));
    assert_eq!(s.app.timeline.events.len(), 4);
    assert!(s.app.cursor().sel < 4);
    assert!(s.app.subject().is_some());
    screen(&s.app);
}

#[test]
fn reading_the_file_is_not_a_change() {
    let mut s = setup();
    save(&s.path, &BUNDLED.replace("Miami", "Miami Beach"));
    assert!(matches!(next_outcome(&mut s.reloader), Reload::Loaded(_)));
    // The reload read the file; other programs read it too. Neither is a change: a
    // reload that saw its own reading would start another, forever.
    for _ in 0..3 {
        fs::read(&s.path).expect("read");
    }
    let quiet_until = Instant::now() + Duration::from_millis(800);
    while Instant::now() < quiet_until {
        assert!(
            s.reloader.poll().is_none(),
            "reloaded a file nobody changed"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A reload is an action like any other: fed to `update` (no watcher, no file), new data
/// replaces the timeline, a broken file leaves a note and the data, and a missing one
/// says so.
#[test]
fn a_reload_is_an_action_fed_to_update() {
    use parley::data::{LoadOptions, load_str_with};
    use std::sync::Arc;
    let load = |text: &str| load_str_with("talks.json", text, LoadOptions::default());
    let mut app = App::new(load(BUNDLED).expect("valid"), None, now(), (120, 40));
    let retitled =
        load(&BUNDLED.replace("US-Ukraine talks in Miami", "Renamed talks")).expect("valid");
    app.update(Action::Reloaded(Reload::Loaded(Arc::new(retitled))));
    assert!(app.timeline.meta.title.starts_with("Renamed talks"));
    assert_eq!(
        app.status.as_deref(),
        Some("reloaded: 0 added, 0 removed, 0 changed, 1 dataset field · C lists them")
    );

    let broken = load(&BUNDLED[..BUNDLED.len() / 2]).expect_err("cut short");
    app.update(Action::Reloaded(Reload::Invalid(broken)));
    assert!(app.timeline.meta.title.starts_with("Renamed talks"));
    let note = app.file.note.clone().expect("a note about the file");
    assert!(note.contains("the file ends too early"), "{note}");
    assert!(screen(&app).contains("the file ends too early"));

    app.update(Action::Reloaded(Reload::Missing));
    assert!(screen(&app).contains("the file is gone"));
    assert_eq!(app.timeline.events.len(), 6);
}

/// A change is announced as a check under way before its result; the viewer says so
/// until the result comes.
#[test]
fn a_change_is_checked_then_reported() {
    let mut s = setup();
    save(&s.path, &BUNDLED.replace("Miami", "Miami Beach"));
    assert_eq!(next_report(&mut s.reloader), Reload::Checking);
    s.app.update(Action::Reloaded(Reload::Checking));
    assert!(s.app.file.checking);
    assert!(screen(&s.app).contains("checking the changed file…"));
    let outcome = next_outcome(&mut s.reloader);
    assert!(matches!(outcome, Reload::Loaded(_)), "{outcome:?}");
    s.app.update(Action::Reloaded(outcome));
    assert!(!s.app.file.checking);
    assert_eq!(s.app.file.note, None);
    assert!(!screen(&s.app).contains("checking"));
}

/// The check's note, fed to `update`: it replaces a failed reload's note (saying the
/// last good version is still shown) and gives way to whatever the check finds.
#[test]
fn checking_is_shown_until_the_result_comes() {
    use parley::data::{LoadOptions, load_str_with};
    use std::sync::Arc;
    let load = |text: &str| load_str_with("talks.json", text, LoadOptions::default());
    let mut app = App::new(load(BUNDLED).expect("valid"), None, now(), (120, 40));
    app.status = Some("an earlier message".into());
    app.update(Action::Reloaded(Reload::Checking));
    assert!(app.file.checking);
    assert_eq!(app.file.note.as_deref(), Some("checking the changed file…"));
    assert_eq!(app.status, None, "the footer shows the check");
    assert!(screen(&app).contains("checking the changed file…"));

    let broken = load(&BUNDLED[..BUNDLED.len() / 2]).expect_err("cut short");
    app.update(Action::Reloaded(Reload::Invalid(broken)));
    assert!(!app.file.checking);
    assert!(screen(&app).contains("the file ends too early"));

    app.update(Action::Reloaded(Reload::Checking));
    assert_eq!(
        app.file.note.as_deref(),
        Some("checking the changed file… · showing the last good version")
    );
    app.update(Action::Reloaded(Reload::Loaded(Arc::new(
        load(BUNDLED).expect("valid"),
    ))));
    assert!(!app.file.checking);
    assert_eq!(app.file.note, None);
    assert_eq!(app.status.as_deref(), Some("reloaded"));
}

/// A broken save followed at once by a good one: whatever the broken one's check
/// reports meanwhile, the good one is picked up and shown last.
#[test]
fn a_broken_save_followed_by_a_good_one_shows_the_good_one() {
    let mut s = setup();
    save(&s.path, &BUNDLED[..BUNDLED.len() / 2]);
    assert_eq!(next_report(&mut s.reloader), Reload::Checking);
    let good = BUNDLED.replace("US-Ukraine talks in Miami", "Good save");
    save(&s.path, &good);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        assert!(Instant::now() < deadline, "the good save was never shown");
        let outcome = next_report(&mut s.reloader);
        let loaded = matches!(outcome, Reload::Loaded(_));
        s.app.update(Action::Reloaded(outcome));
        if loaded {
            break;
        }
    }
    assert!(s.app.timeline.meta.title.starts_with("Good save"));
    assert_eq!(s.app.file.note, None);
    assert!(!s.app.file.checking);
    // The broken save's result never comes after it (a busy machine may deliver the
    // good save's events in two bursts, and so load it twice: that is no harm).
    let quiet_until = Instant::now() + Duration::from_millis(500);
    while Instant::now() < quiet_until {
        if let Some(outcome) = s.reloader.poll() {
            assert!(
                !matches!(outcome, Reload::Invalid(_)),
                "a stale result after the good save: {outcome:?}"
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// FILE is a symlink to a file in another folder.
struct Linked {
    dir: tempfile::TempDir,
    link: std::path::PathBuf,
    target: std::path::PathBuf,
    reloader: Reloader,
}

fn linked() -> Linked {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir(dir.path().join("data")).expect("mkdir");
    let target = dir.path().join("data").join("real.json");
    fs::write(&target, BUNDLED).expect("write");
    let link = dir.path().join("talks.json");
    std::os::unix::fs::symlink("data/real.json", &link).expect("symlink");
    let reloader = Reloader::new(&link).expect("watch");
    Linked {
        dir,
        link,
        target,
        reloader,
    }
}

fn title_of(outcome: &Reload) -> String {
    match outcome {
        Reload::Loaded(tl) => tl.meta.title.to_string(),
        other => panic!("not loaded: {other:?}"),
    }
}

#[test]
fn an_edit_through_a_symlink_reloads() {
    let mut l = linked();
    save(
        &l.link,
        &BUNDLED.replace("US-Ukraine talks in Miami", "Through the link"),
    );
    assert!(title_of(&next_outcome(&mut l.reloader)).starts_with("Through the link"));
    save(
        &l.target,
        &BUNDLED.replace("US-Ukraine talks in Miami", "Saved to the target"),
    );
    assert!(title_of(&next_outcome(&mut l.reloader)).starts_with("Saved to the target"));
}

/// `touch` on the target changes only its times: that is a change too.
#[test]
fn touching_a_symlinks_target_reloads() {
    let mut l = linked();
    let file = fs::File::options()
        .write(true)
        .open(&l.target)
        .expect("open");
    let later = std::time::SystemTime::now() + Duration::from_secs(60);
    file.set_modified(later).expect("set the time");
    drop(file);
    assert!(matches!(next_outcome(&mut l.reloader), Reload::Loaded(_)));
}

/// A link pointed at a file in a third folder: that file is loaded and then watched.
#[test]
fn a_symlink_pointed_elsewhere_is_followed() {
    let mut l = linked();
    let other_dir = l.dir.path().join("other");
    fs::create_dir(&other_dir).expect("mkdir");
    let other = other_dir.join("next.json");
    fs::write(
        &other,
        BUNDLED.replace("US-Ukraine talks in Miami", "The other file"),
    )
    .expect("write");
    // Replaced the way tools do it: a new link renamed over the old one.
    let fresh = l.dir.path().join(".talks.json.new");
    std::os::unix::fs::symlink(&other, &fresh).expect("symlink");
    fs::rename(&fresh, &l.link).expect("rename");
    assert!(title_of(&next_outcome(&mut l.reloader)).starts_with("The other file"));
    save(
        &other,
        &BUNDLED.replace("US-Ukraine talks in Miami", "The other file, edited"),
    );
    assert!(title_of(&next_outcome(&mut l.reloader)).starts_with("The other file, edited"));
}
