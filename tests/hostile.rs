//! Hostile and broken input: every file of the corpus gets one clear message naming it
//! (with line:column where the content is at fault) and a non-zero exit from `check`,
//! `print` and the viewer's loader; nothing panics or hangs; nothing in a file reaches
//! the terminal raw.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use parley::commands::open;
use parley::ui::{Theme, render};
use pretty_assertions::assert_eq;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A hang guard, not a timing claim.
const GUARD: Duration = Duration::from_secs(60);

fn parley() -> Command {
    let mut c = Command::cargo_bin("parley").expect("the parley binary is built");
    c.timeout(GUARD);
    c
}

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/hostile")
        .join(name)
}

/// Runs `check` and `print` on the file and the viewer's loader in-process; all must
/// fail with the same message, and that message is returned.
fn refused(path: &Path) -> String {
    let mut messages = Vec::new();
    for cmd in ["check", "print"] {
        let out = parley().arg(cmd).arg(path).output().expect("parley runs");
        let stderr = String::from_utf8(out.stderr).expect("UTF-8 messages");
        assert_eq!(
            out.status.code(),
            Some(1),
            "{cmd} {}: {stderr}",
            path.display()
        );
        assert!(out.stdout.is_empty(), "{cmd} printed to stdout");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(
            !stderr.contains('\u{1b}'),
            "an escape reached the terminal: {stderr:?}"
        );
        messages.push(stderr);
    }
    assert_eq!(messages[0], messages[1], "check and print say the same");
    let loader = open(Some(path)).expect_err("the viewer's loader refuses it too");
    let mut shown = loader.to_string();
    shown.push('\n');
    if loader.problems.len() > 1 {
        shown.push_str(&format!(
            "{}: {} problems\n",
            loader.file,
            loader.problems.len()
        ));
    }
    assert_eq!(shown, messages[0], "the viewer's loader says the same");
    messages.remove(0)
}

fn one_line(path: &Path, rest: &str) {
    let message = refused(path);
    assert_eq!(
        message,
        format!("{}{rest}\n", path.display()),
        "{}",
        path.display()
    );
}

#[test]
fn empty_and_blank_files() {
    for name in ["empty.json", "whitespace.json"] {
        one_line(
            &corpus(name),
            ": is empty (expected a JSON object with a title, a zone and events)",
        );
    }
}

#[test]
fn truncated_file() {
    one_line(
        &corpus("truncated.json"),
        ":19:118: participants[7]: EOF while parsing a string (the file ends too early)",
    );
}

#[test]
fn wrong_top_level_types_and_yaml() {
    let expected = r#"expected a JSON object ({ "title": ..., "zone": ..., "events": [...] }) at the top, found"#;
    one_line(
        &corpus("top-level-array.json"),
        &format!(":1:1: {expected} an array"),
    );
    one_line(
        &corpus("top-level-string.json"),
        &format!(":1:1: {expected} a string"),
    );
    one_line(
        &corpus("yaml.json"),
        &format!(":1:1: {expected} something that is not JSON"),
    );
}

#[test]
fn random_bytes_utf16_and_a_bom() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Deterministic noise: a linear congruential generator.
    let mut x: u32 = 0x2025_1205;
    let noise: Vec<u8> = (0..4096)
        .map(|_| {
            x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (x >> 24) as u8
        })
        .collect();
    let random = dir.path().join("random.bin");
    fs::write(&random, &noise).expect("write");
    let message = refused(&random);
    assert!(
        message.starts_with(&format!("{}:1:", random.display())),
        "{message}"
    );
    assert!(
        message.ends_with(": not UTF-8 text (expected a JSON file in UTF-8)\n"),
        "{message}"
    );

    let utf16 = dir.path().join("utf16.json");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(
        parley::data::BUNDLED
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    fs::write(&utf16, bytes).expect("write");
    one_line(
        &utf16,
        ": is UTF-16 text; parley reads UTF-8 (save the file as UTF-8)",
    );

    // A UTF-8 byte-order mark is still UTF-8: the file loads.
    let bom = dir.path().join("bom.json");
    fs::write(&bom, format!("\u{feff}{}", parley::data::BUNDLED)).expect("write");
    parley().arg("check").arg(&bom).assert().code(0);
}

#[test]
fn deep_nesting() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("deep.json");
    let depth = 200_000;
    let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    // Where a string belongs, the first bracket is already wrong: nothing recurses.
    fs::write(&path, format!("{{\"title\": {nested}}}")).expect("write");
    one_line(
        &path,
        ":1:10: title: invalid type: sequence, expected a string",
    );
    let expected = r#"expected a JSON object ({ "title": ..., "zone": ..., "events": [...] }) at the top, found"#;
    fs::write(&path, &nested).expect("write");
    one_line(&path, &format!(":1:1: {expected} an array"));
    // Objects nested as deep: the first unknown field stops the reading.
    let objects = format!("{}{}", "{\"a\":".repeat(depth), "}".repeat(depth));
    fs::write(&path, objects).expect("write");
    one_line(
        &path,
        ":1:4: a: unknown field `a`, expected one of `parley`, `title`, `description`, `zone`, `as_of`, `parties`, `participants`, `places`, `topics`, `sources`, `events`",
    );
}

#[test]
fn a_32_mib_string() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("huge-string.json");
    let huge = "a".repeat(32 << 20);
    fs::write(
        &path,
        format!("{{\n  \"title\": \"t\",\n  \"description\": \"{huge}\"\n}}"),
    )
    .expect("write");
    one_line(
        &path,
        ":3:18: a string of 33554432 characters; parley accepts strings of up to 16 MiB (16777216 characters)",
    );
}

#[test]
fn every_invalid_time_form() {
    let path = corpus("invalid-times.json");
    let expected: Vec<String> = fs::read_to_string(corpus("invalid-times.expected"))
        .expect("expected messages")
        .lines()
        .map(str::to_string)
        .collect();
    let message = refused(&path);
    let lines: Vec<&str> = message.lines().collect();
    assert_eq!(lines.len(), expected.len() + 1, "{message}");
    let name = path.display().to_string();
    for (line, want) in lines.iter().zip(&expected) {
        assert!(line.starts_with(&format!("{name}:")), "{line}");
        assert!(line.contains(": events["), "{line}");
        assert!(
            line.ends_with(want.as_str()),
            "{line}\n  should end with\n{want}"
        );
    }
    assert_eq!(
        lines[expected.len()],
        format!("{name}: {} problems", expected.len())
    );
}

#[test]
fn dangling_references_and_duplicate_ids() {
    let path = corpus("dangling.json");
    let n = path.display();
    assert_eq!(
        refused(&path),
        format!(
            "{n}:5:73: participants[0].party: unknown party 'usa' (known: 'us')\n\
             {n}:13:16: events[0].place: unknown place 'miami' (none are defined)\n\
             {n}:14:36: events[0].participants[0].person: unknown participant 'umerov' (known: 'witkoff')\n\
             {n}:15:18: events[0].topics[0]: unknown topic 'peace' (none are defined)\n\
             {n}:16:76: events[0].claims[0].source: unknown source 'axios' (none are defined)\n\
             {n}:17:51: events[0].relations[0].event: unknown event 'b' (known: 'a')\n\
             {n}: 6 problems\n"
        )
    );
    let path = corpus("duplicates.json");
    let n = path.display();
    assert_eq!(
        refused(&path),
        format!(
            "{n}:4:64: parties[1].id: duplicate id 'us' (already used by parties[0])\n\
             {n}:5:68: participants[1].id: duplicate id 'w' (already used by participants[0])\n\
             {n}:6:82: places[1].id: duplicate id 'm' (already used by places[0])\n\
             {n}:9:13: events[1].id: duplicate id 'a' (already used by events[0])\n\
             {n}: 4 problems\n"
        )
    );
}

#[test]
fn a_directory_and_a_missing_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    one_line(dir.path(), ": is a directory, not a dataset file");
    one_line(&dir.path().join("nope.json"), ": no such file");
}

#[test]
fn a_file_without_read_permission() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().expect("temp dir");
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).expect("chmod dir");
    let path = dir.path().join("secret.json");
    fs::write(&path, parley::data::BUNDLED).expect("write");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).expect("chmod file");
    // Root reads anything: run parley as nobody then.
    let root = unsafe { libc::geteuid() } == 0;
    for cmd in ["check", "print"] {
        let mut std_cmd = std::process::Command::new(env!("CARGO_BIN_EXE_parley"));
        std_cmd.arg(cmd).arg(&path);
        if root {
            std_cmd.uid(65534).gid(65534);
        }
        let mut c = Command::from_std(std_cmd);
        c.timeout(GUARD);
        c.assert().code(1).stdout("").stderr(format!(
            "{}: permission denied: cannot read it\n",
            path.display()
        ));
    }
}

fn symbols(terminal: &Terminal<TestBackend>) -> String {
    let buf = terminal.backend().buffer();
    buf.content().iter().map(|c| c.symbol()).collect()
}

fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}')
}

#[test]
fn escape_sequences_never_reach_the_screen_in_any_view() {
    use parley::app::{Action, App, View};
    let tl =
        parley::data::load_file(&corpus("injection.json")).expect("the hostile file is valid JSON");
    let mut app = App::new(tl, None, 1_764_972_000, (120, 40));
    let steps: Vec<Vec<Action>> = vec![
        vec![],
        vec![Action::FocusNext, Action::FocusNext],
        vec![Action::Show(View::People)],
        vec![Action::Show(View::Topics)],
        vec![Action::Show(View::Places)],
        vec![
            Action::Show(View::Timeline),
            Action::FiltersOpen,
            Action::FilterCategoryNext,
        ],
        vec![Action::FiltersClose, Action::HelpToggle],
    ];
    for actions in steps {
        for a in actions {
            app.update(a);
        }
        for (w, h) in [(120, 40), (80, 24), (50, 15)] {
            app.update(Action::Resize(w, h));
            let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
            terminal
                .draw(|f| render(&app, &Theme::from_env(), f))
                .expect("draw");
            let text = symbols(&terminal);
            assert!(
                !text.chars().any(is_unsafe),
                "unsafe character on screen:\n{}",
                terminal.backend()
            );
        }
    }
    // The escapes are shown, so the reader sees the file is odd.
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    app.update(Action::HelpToggle);
    app.update(Action::Show(View::Timeline));
    app.update(Action::Resize(120, 40));
    terminal
        .draw(|f| render(&app, &Theme::from_env(), f))
        .expect("draw");
    assert!(
        symbols(&terminal).contains(r"\u{1b}]0;PWNED-TITLE\u{7}"),
        "{}",
        terminal.backend()
    );
}

#[test]
fn escape_sequences_never_reach_print_or_check() {
    let out = parley()
        .arg("print")
        .arg(corpus("injection.json"))
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(!text.chars().any(|c| is_unsafe(c) && c != '\n'), "{text:?}");
    assert!(
        text.contains(r"Meeting \u{1b}]0;PWNED-TITLE\u{7}"),
        "{text}"
    );
    let message = refused(&corpus("injection-errors.json"));
    assert!(
        !message.chars().any(|c| is_unsafe(c) && c != '\n'),
        "{message:?}"
    );
    assert!(
        message.contains(r"unknown time zone 'Mars/\u{1b}]0;PWNED\u{7}'"),
        "{message}"
    );
    assert!(
        message.contains(r"unknown place 'nowhere\u{202e}'"),
        "{message}"
    );
}

#[test]
fn a_device_is_not_a_dataset() {
    one_line(
        Path::new("/dev/zero"),
        ": is not a regular file (a device, a pipe or a socket); give parley a dataset file",
    );
}
