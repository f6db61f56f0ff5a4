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
    let checked = parley::commands::settings(Some(&bad), false);
    assert_eq!(checked.problems.len(), 1, "{:?}", checked.problems);
    assert!(checked.config.zone.is_none());
    let ignored = parley::commands::settings(Some(&bad), true);
    assert!(ignored.problems.is_empty());
    // On the command line the two cannot be combined.
    assert_cmd::Command::cargo_bin("parley")
        .expect("binary")
        .args(["--no-config", "--config"])
        .arg(&bad)
        .assert()
        .code(2);
}

fn keys_of(c: &config::Config, action: &Action) -> Vec<String> {
    c.keymap
        .keys_of(Mode::Normal, action)
        .iter()
        .map(parley::app::keymap::label)
        .collect()
}

/// Problems of a config, each checked to name the file and a line.
fn check_text(text: &str) -> (config::Config, Vec<String>) {
    let checked = config::check("config.toml", text);
    for p in &checked.problems {
        let mut parts = p.splitn(4, ':');
        assert_eq!(parts.next(), Some("config.toml"), "{p}");
        for what in ["line", "column"] {
            let n = parts.next().and_then(|n| n.parse::<usize>().ok());
            assert!(n.is_some_and(|n| n > 0), "no {what} in {p}");
        }
    }
    (checked.config, checked.problems)
}

#[test]
fn overlapping_bindings_are_refused_and_keep_their_defaults() {
    let (c, problems) = check_text("[keys]\nup = \"q\"\ndown = \"q\"\nquit = \"q\"\n");
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(
        problems[0].starts_with("config.toml:3:8: 'q' is given to both 'up' and 'down'"),
        "{problems:#?}"
    );
    assert!(
        problems[1].starts_with("config.toml:4:8: 'q' is given to 'up', 'down' and 'quit'"),
        "{problems:#?}"
    );
    assert_eq!(keys_of(&c, &Action::Quit), ["q", "Ctrl-C"]);
    assert_eq!(keys_of(&c, &Action::Up), ["↑", "k"]);
    assert_eq!(keys_of(&c, &Action::Down), ["↓", "j"]);
    assert_eq!(
        c.keymap.action_for(Mode::Normal, &press('q')),
        Some(Action::Quit)
    );
}

/// Actions in different modes may share a key, as the defaults do (h: back, or pan
/// on the axis).
#[test]
fn a_key_shared_by_actions_of_different_modes_is_no_conflict() {
    let (c, problems) = check_text("[keys]\nback = \"x\"\npan_left = \"x\"\n");
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(
        c.keymap.action_for(Mode::Normal, &press('x')),
        Some(Action::Back)
    );
    assert_eq!(
        c.keymap.action_for(Mode::Axis, &press('x')),
        Some(Action::Pan(-1))
    );
}

#[test]
fn keys_that_leave_quit_or_help_unreachable_are_refused() {
    let (c, problems) = check_text("[keys]\nhelp = [\"q\", \"Ctrl-C\"]\n");
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].starts_with(
            "config.toml:2:8: the keys of 'help' leave 'quit' without a key: 'help' keeps its default keys"
        ),
        "{problems:#?}"
    );
    assert_eq!(keys_of(&c, &Action::Quit), ["q", "Ctrl-C"]);
    assert_eq!(keys_of(&c, &Action::HelpToggle), ["?"]);

    let (c, problems) = check_text("[keys]\nquit = \"?\"\n");
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].contains("leave 'help' without a key"),
        "{problems:#?}"
    );
    assert_eq!(keys_of(&c, &Action::HelpToggle), ["?"]);

    // Taking help's key is fine when help gets another one, whatever the order.
    let (c, problems) = check_text("[keys]\nquit = \"?\"\nhelp = \"H\"\n");
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(keys_of(&c, &Action::Quit), ["?"]);
    assert_eq!(keys_of(&c, &Action::HelpToggle), ["H"]);
}

/// Dropping an entry gives its action back its default keys, which another entry may
/// have taken: that one is dropped in turn.
#[test]
fn dropping_an_entry_checks_the_defaults_it_gives_back() {
    let (c, problems) = check_text("[keys]\nhelp = [\"q\", \"Ctrl-C\"]\nsearch = \"?\"\n");
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(problems[0].contains("'help' leave 'quit'"), "{problems:#?}");
    assert!(
        problems[1].contains("'search' leave 'help'"),
        "{problems:#?}"
    );
    assert_eq!(keys_of(&c, &Action::Quit), ["q", "Ctrl-C"]);
    assert_eq!(keys_of(&c, &Action::HelpToggle), ["?"]);
    assert_eq!(keys_of(&c, &Action::SearchStart), ["/"]);
}

#[test]
fn keys_that_are_not_keys_are_refused() {
    for key in [
        "F0", "F99", "F13", "\\u0001", "\\u001b", "\\u007f", "\\u200b", "\\u202e", "\\u0301",
        "Ctrl-1", "",
    ] {
        let text = format!("[keys]\nquit = [\"Ctrl-C\", \"{key}\"]\n");
        let (c, problems) = check_text(&text);
        assert_eq!(problems.len(), 1, "{key}: {problems:#?}");
        assert!(
            problems[0].starts_with("config.toml:2:19: '"),
            "{key}: {problems:#?}"
        );
        assert!(problems[0].contains("is not a key"), "{key}: {problems:#?}");
        assert!(
            problems[0].chars().all(|c| !c.is_control()),
            "a control character reached the message: {problems:?}"
        );
        assert_eq!(keys_of(&c, &Action::Quit), ["q", "Ctrl-C"], "{key}");
    }
    for key in ["F1", "F12", "é", "Space", "Ctrl-x", "日"] {
        let (_, problems) = check_text(&format!("[keys]\nquit = \"{key}\"\n"));
        assert!(problems.is_empty(), "{key}: {problems:#?}");
    }
}

#[test]
fn unknown_colours_are_refused_and_the_others_kept() {
    let (c, problems) = check_text(
        "[theme]\nsides = { us = \"blu\", ua = \"#0057b7\", ru = \"#12345\", eu = 3 }\n",
    );
    assert_eq!(c.sides, vec![("ua".to_string(), "#0057b7".to_string())]);
    assert_eq!(problems.len(), 3, "{problems:#?}");
    let all = problems.join("\n");
    assert!(
        all.contains("config.toml:2:16: unknown colour 'blu' for side 'us'"),
        "{all}"
    );
    assert!(
        all.contains("unknown colour '#12345' for side 'ru'"),
        "{all}"
    );
    assert!(
        all.contains("theme.sides.eu must be a colour name, not an integer"),
        "{all}"
    );
}

/// What is right is used, what is wrong keeps its default.
#[test]
fn a_config_with_bad_entries_keeps_the_good_ones() {
    let (c, problems) = check_text(
        "zone = \"Mars/Base\"\nmouse = false\n[theme]\nbase = \"light\"\n[keys]\nshow_axis = \"a\"\nquit = \"F99\"\n",
    );
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(
        problems[0].starts_with("config.toml:1:8: unknown time zone"),
        "{problems:#?}"
    );
    assert!(
        problems[1].starts_with("config.toml:7:8: 'F99' is not a key"),
        "{problems:#?}"
    );
    assert_eq!(c.zone, None);
    assert!(!c.mouse);
    assert!(c.light);
    assert_eq!(keys_of(&c, &Action::Quit), ["q", "Ctrl-C"]);
    assert_eq!(
        c.keymap.action_for(Mode::Normal, &press('a')),
        Some(Action::Show(parley::app::View::Axis))
    );
}

/// A config that cannot be parsed at all is the defaults, with one problem.
#[test]
fn an_unparsable_config_is_the_defaults() {
    let (c, problems) = check_text("mouse = false\n[keys\n");
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(problems[0].starts_with("config.toml:2:"), "{problems:#?}");
    assert!(c.mouse, "nothing of a broken file is used");
}

/// Many problems are listed up to a cap, with a count of the rest.
#[test]
fn many_problems_are_capped() {
    let mut text = String::from("[theme.sides]\n");
    for i in 0..1000 {
        text.push_str(&format!("s{i} = \"nope\"\n"));
    }
    let (_, problems) = {
        let checked = config::check("config.toml", &text);
        (checked.config, checked.problems)
    };
    assert_eq!(problems.len(), 21, "{problems:#?}");
    assert_eq!(problems[20], "config.toml: and 980 more problems");
}

/// The viewer starts (here as the agenda, stdout not being a terminal) with the
/// defaults for what was wrong, and says so on stderr.
#[test]
fn parley_starts_with_a_bad_config_and_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("config.toml");
    std::fs::write(&bad, "[keys]\nup = \"q\"\nquit = \"q\"\n").expect("write");
    let out = assert_cmd::Command::cargo_bin("parley")
        .expect("binary")
        .arg("--config")
        .arg(&bad)
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .expect("run");
    assert!(out.status.success(), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("config.toml:3:8: 'q' is given to both"),
        "{stderr}"
    );
    assert!(stderr.contains("started with the defaults"), "{stderr}");
    assert!(!out.stdout.is_empty(), "the agenda was printed");
}

#[test]
fn parley_starts_with_the_defaults_when_the_config_is_a_fifo() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("config.toml");
    mkfifo(&fifo);
    let out = assert_cmd::Command::cargo_bin("parley")
        .expect("binary")
        .arg("--config")
        .arg(&fifo)
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .expect("run");
    assert!(out.status.success(), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("cannot read the config: not a regular file"),
        "{stderr}"
    );
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

#[test]
fn hyperlinks_are_on_where_the_terminal_takes_them_unless_the_config_says() {
    use config::Hyperlinks;
    for (text, want) in [
        ("", Hyperlinks::Auto),
        ("hyperlinks = \"auto\"\n", Hyperlinks::Auto),
        ("hyperlinks = \"on\"\n", Hyperlinks::On),
        ("hyperlinks = \"off\"\n", Hyperlinks::Off),
    ] {
        let (c, problems) = check_text(text);
        assert_eq!(problems, Vec::<String>::new());
        assert_eq!(c.hyperlinks, want, "{text}");
    }
    for text in ["hyperlinks = \"yes\"\n", "hyperlinks = true\n"] {
        let (c, problems) = check_text(text);
        assert_eq!(problems.len(), 1, "{text}");
        assert!(problems[0].contains("auto, on or off"), "{}", problems[0]);
        assert_eq!(c.hyperlinks, Hyperlinks::Auto);
    }
    for term in [
        "xterm-256color",
        "tmux-256color",
        "screen",
        "alacritty",
        "xterm-kitty",
    ] {
        assert!(Hyperlinks::Auto.on_for(Some(term)), "{term}");
        assert!(!Hyperlinks::Off.on_for(Some(term)), "{term}");
    }
    for term in [
        None,
        Some(""),
        Some("dumb"),
        Some("linux"),
        Some("eterm-color"),
    ] {
        assert!(!Hyperlinks::Auto.on_for(term), "{term:?}");
        assert!(Hyperlinks::On.on_for(term), "{term:?}");
    }
}
