//! The config file: keys, theme, zone and mouse; bad configs name the line; the help
//! overlay and footer show the user's keys.

use parley::app::keymap::Mode;
use parley::app::{Action, App};
use parley::config::{self, parse};
use parley::data::load_bundled;
use parley::ui::{Theme, render};
use pretty_assertions::assert_eq;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};

fn press(c: char) -> KeyEvent {
    KeyEvent {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::NONE,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    }
}

const GOOD: &str = r##"
zone = "Europe/Kyiv"
mouse = false

[theme]
base = "light"
sides = { ua = "#0057b7" }

[keys]
quit = ["Q", "Ctrl-C"]
show_axis = "a"
"##;

#[test]
fn a_config_sets_keys_zone_theme_and_mouse() {
    let c = parse("config.toml", GOOD).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(c.zone.map(|z| z.name()), Some("Europe/Kyiv"));
    assert!(!c.mouse);
    assert!(c.light);
    assert_eq!(c.sides, vec![("ua".to_string(), "#0057b7".to_string())]);
    assert_eq!(
        c.keymap.action_for(Mode::Normal, &press('Q')),
        Some(Action::Quit)
    );
    assert_eq!(
        c.keymap.action_for(Mode::Normal, &press('q')),
        None,
        "q is no longer quit"
    );
    assert_eq!(
        c.keymap.action_for(Mode::Normal, &press('a')),
        Some(Action::Show(parley::app::View::Axis))
    );
    assert_eq!(
        c.keymap.action_for(Mode::Axis, &press('a')),
        Some(Action::Show(parley::app::View::Axis))
    );
}

#[test]
fn the_help_and_footer_show_the_users_keys() {
    let c = parse("config.toml", GOOD).unwrap_or_else(|e| panic!("{e}"));
    let mut app = App::new(
        load_bundled().unwrap_or_else(|e| panic!("{e}")),
        None,
        0,
        (120, 40),
    );
    app.keymap = c.keymap;
    let draw = |app: &App| {
        let mut t = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        t.draw(|f| render(app, &Theme::plain(), f)).expect("draw");
        t.backend().to_string()
    };
    assert!(draw(&app).contains("Q quit"), "{}", draw(&app));
    app.update(Action::HelpToggle);
    for _ in 0..8 {
        app.update(Action::Down);
    }
    let help = draw(&app);
    assert!(help.contains("a                  time axis view"), "{help}");
    for _ in 0..12 {
        app.update(Action::Down);
    }
    let help = draw(&app);
    assert!(help.contains("Q Ctrl-C"), "{help}");
}

/// The actions a config may name are listed once each.
#[test]
fn an_unknown_action_lists_each_action_once() {
    let err = config::parse("config.toml", "[keys]\nquti = \"Q\"\n").expect_err("unknown");
    let list = err
        .split("expected one of ")
        .nth(1)
        .and_then(|l| l.strip_suffix(')'))
        .expect("a list");
    let names: Vec<&str> = list.split(", ").collect();
    for name in ["quit", "up", "zoom_in", "show_axis"] {
        assert_eq!(
            names.iter().filter(|n| **n == name).count(),
            1,
            "{name}: {err}"
        );
    }
}

#[test]
fn bad_configs_name_the_line() {
    let cases = [
        (
            "zone = \"Mars/Base\"\n",
            "config.toml:1:8: unknown time zone 'Mars/Base' (expected an IANA zone such as Europe/Moscow)",
        ),
        (
            "[keys]\nquti = \"Q\"\n",
            "config.toml:2:8: unknown action 'quti' (expected one of",
        ),
        (
            "[keys]\nquit = \"Hyper-Q\"\n",
            "config.toml:2:8: 'Hyper-Q' is not a key",
        ),
        (
            "[theme]\nbase = \"sepia\"\n",
            "config.toml:2:8: unknown theme 'sepia' (expected dark or light)",
        ),
        ("mouse = maybe\n", "config.toml:1:9: "),
        ("colour = true\n", "config.toml:1:1: unknown field `colour`"),
    ];
    for (text, expected) in cases {
        let err = parse("config.toml", text).expect_err(text);
        assert!(
            err.starts_with(expected),
            "{text:?}\n  got: {err}\n  expected: {expected}"
        );
    }
}

#[test]
fn a_missing_default_config_is_the_defaults_but_a_named_one_is_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("none.toml");
    assert!(config::load(&missing, false).is_ok());
    let err = config::load(&missing, true).expect_err("named and missing");
    assert!(err.contains("cannot read the config"), "{err}");
}

#[test]
fn no_config_starts_with_the_defaults() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "zone = 3\n").expect("write");
    assert!(parley::commands::settings(Some(&bad), false).is_err());
    assert!(parley::commands::settings(None, true).is_ok());
    // On the command line the two cannot be combined.
    assert_cmd::Command::cargo_bin("parley")
        .expect("binary")
        .args(["--no-config", "--config"])
        .arg(&bad)
        .assert()
        .code(2);
}

/// Runs `f` on another thread and fails, rather than hangs, if it does not return.
fn within_ten_seconds<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(std::time::Duration::from_secs(10))
        .expect("finished within ten seconds (a hang guard, not a timing claim)")
}

fn mkfifo(path: &std::path::Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("run mkfifo");
    assert!(status.success(), "mkfifo failed");
}

#[test]
fn a_fifo_config_is_refused_without_blocking() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("config.toml");
    mkfifo(&fifo);
    let err = within_ten_seconds(move || config::load(&fifo, true)).expect_err("a FIFO");
    assert!(
        err.contains("config.toml: cannot read the config: not a regular file"),
        "{err}"
    );
}

#[test]
fn a_directory_config_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let err = config::load(dir.path(), true).expect_err("a directory");
    assert!(err.contains("not a regular file"), "{err}");
    // Not even as the default config, which may be missing but not wrong.
    assert!(config::load(dir.path(), false).is_err());
}

/// A file over the limit stands for endless ones such as /dev/zero: refused unread.
#[test]
fn a_config_over_the_size_limit_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let big = dir.path().join("big.toml");
    let line = "# a comment that makes the file large\n";
    let text =
        line.repeat(usize::try_from(config::MAX_CONFIG_BYTES).expect("fits") / line.len() + 1);
    std::fs::write(&big, text).expect("write");
    let err = config::load(&big, true).expect_err("too large");
    assert!(err.contains("too large for a config"), "{err}");
    // Exactly at the limit is still read.
    let at_limit = dir.path().join("at-limit.toml");
    let mut text = "#".repeat(usize::try_from(config::MAX_CONFIG_BYTES).expect("fits") - 1);
    text.push('\n');
    std::fs::write(&at_limit, text).expect("write");
    assert!(config::load(&at_limit, true).is_ok());
}

#[test]
fn a_config_that_is_not_utf8_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("latin1.toml");
    std::fs::write(&path, b"zone = \"Europe/Z\xfcrich\"\n").expect("write");
    let err = config::load(&path, true).expect_err("not UTF-8");
    assert!(err.contains("not UTF-8"), "{err}");
}

/// A config reached through a symlink is read as its target.
#[test]
fn a_symlinked_config_is_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("real.toml");
    std::fs::write(&target, "mouse = false\n").expect("write");
    let link = dir.path().join("config.toml");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    assert!(!config::load(&link, true).expect("read").mouse);
}
