//! The command line: exit codes, messages, and the agenda as printed.

use std::fs;

use assert_cmd::Command;
use predicates::prelude::*;
use pretty_assertions::assert_eq;

const BUNDLED: &str = "assets/miami-talks-2025.json";

fn parley() -> Command {
    Command::cargo_bin("parley").expect("the parley binary is built")
}

fn stdout_of(args: &[&str]) -> String {
    let out = parley().args(args).output().expect("parley runs");
    assert!(
        out.status.success(),
        "parley {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn check_a_valid_file() {
    parley()
        .args(["check", BUNDLED])
        .assert()
        .code(0)
        .stdout(format!(
            "{BUNDLED}: ok, 6 events, 9 participants, Tue 2 Dec 2025 to Sun 7 Dec 2025 (America/New_York)\n"
        ));
}

#[test]
fn check_reports_every_problem_and_fails() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("bad.json");
    let text = fs::read_to_string(BUNDLED)
        .expect("bundled file")
        .replace(r#""place": "kremlin""#, r#""place": "red-square""#)
        .replace("2025-12-04 evening", "2025-12-04 teatime");
    fs::write(&bad, text).expect("write");
    let out = parley()
        .args(["check", BUNDLED])
        .arg(&bad)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stdout.starts_with(&format!("{BUNDLED}: ok")), "{stdout}");
    let lines: Vec<&str> = stderr.lines().collect();
    let name = bad.display().to_string();
    assert_eq!(lines.len(), 3, "{stderr}");
    assert!(
        lines[0].starts_with(&format!("{name}:"))
            && lines[0].contains(": events[0].place: unknown place 'red-square'"),
        "{stderr}"
    );
    assert!(
        lines[1].contains("events[1].time.start: 'teatime' is not a part of the day"),
        "{stderr}"
    );
    assert_eq!(lines[2], format!("{name}: 2 problems"));
}

#[test]
fn unreadable_inputs_get_one_clear_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("missing.json");
    let binary = dir.path().join("latin1.json");
    fs::write(&binary, b"{\"title\": \"caf\xe9\"}").expect("write");
    let utf16 = dir.path().join("utf16.json");
    fs::write(&utf16, b"\xff\xfe{\0}\0").expect("write");
    let cases = [
        (
            missing.clone(),
            format!("{}: no such file\n", missing.display()),
        ),
        (
            dir.path().to_path_buf(),
            format!(
                "{}: is a directory, not a dataset file\n",
                dir.path().display()
            ),
        ),
        (
            binary.clone(),
            format!(
                "{}:1:15: not UTF-8 text (expected a JSON file in UTF-8)\n",
                binary.display()
            ),
        ),
        (
            utf16.clone(),
            format!(
                "{}: is UTF-16 text; parley reads UTF-8 (save the file as UTF-8)\n",
                utf16.display()
            ),
        ),
    ];
    for (path, message) in cases {
        for cmd in [&["check"][..], &["print"][..]] {
            parley()
                .args(cmd)
                .arg(&path)
                .assert()
                .code(1)
                .stdout("")
                .stderr(message.clone());
        }
    }
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bom.json");
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend(fs::read(BUNDLED).expect("bundled"));
    fs::write(&path, bytes).expect("write");
    parley().arg("check").arg(&path).assert().code(0);
}

#[test]
fn usage_errors_exit_2() {
    parley()
        .arg("check")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("required"));
    parley()
        .args(["print", "--tz", "Mars/Olympus"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown time zone 'Mars/Olympus'"));
    parley()
        .args(["print", "--from", "2025-02-30"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("2025-02-30 is not a date"));
    parley().arg("--no-such-flag").assert().code(2);
}

#[test]
fn print_the_bundled_dataset_in_miami_time() {
    let out = stdout_of(&["print"]);
    assert_eq!(
        out,
        stdout_of(&["print", BUNDLED]),
        "no FILE means the bundled dataset"
    );
    insta::assert_snapshot!("print_new_york", out);
}

#[test]
fn print_the_bundled_dataset_in_moscow_time() {
    insta::assert_snapshot!(
        "print_moscow",
        stdout_of(&["print", "--tz", "Europe/Moscow"])
    );
}

#[test]
fn print_a_range_of_days() {
    let out = stdout_of(&["print", "--from", "2025-12-04", "--to", "2025-12-04"]);
    assert!(
        out.contains("Times in America/New_York · 1 event · as of Sat 6 Dec 2025\n"),
        "{out}"
    );
    assert!(out.contains("Thursday 4 December 2025"));
    // Only Thursday's header (a source's name may still say "Friday 5 December").
    let headers: Vec<&str> = out
        .lines()
        .skip(2)
        .filter(|l| l.ends_with(" 2025") && !l.starts_with(' '))
        .collect();
    assert_eq!(headers, ["Thursday 4 December 2025"], "{out}");
}

#[test]
fn hostile_text_never_reaches_the_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("hostile.json");
    let text = fs::read_to_string(BUNDLED)
        .expect("bundled")
        .replace(
            "Witkoff and Kushner meet Putin",
            r"Witkoff \u001b]0;owned\u0007 meets \u001b[2J\u202e Putin \u009b31m",
        )
        .replace(
            r#""name": "Kremlin, Moscow""#,
            r#""name": "Kremlin\r\u001bc""#,
        );
    fs::write(&path, text).expect("write");
    let out = parley().arg("print").arg(&path).output().expect("runs");
    assert!(out.status.success());
    let bytes = out.stdout;
    for bad in [
        &[0x1b][..],
        &[0x07],
        &[0x0d],
        "\u{202e}".as_bytes(),
        "\u{9b}".as_bytes(),
    ] {
        assert!(
            !bytes.windows(bad.len()).any(|w| w == bad),
            "{bad:?} reached the output"
        );
    }
    let text = String::from_utf8(bytes).expect("UTF-8");
    assert!(
        text.contains(r"Witkoff \u{1b}]0;owned\u{7} meets \u{1b}[2J\u{202e} Putin \u{9b}31m"),
        "{text}"
    );
}

#[test]
fn without_a_terminal_parley_prints_the_agenda() {
    // The viewer needs a terminal; piped or redirected, `parley` prints the agenda.
    assert_eq!(stdout_of(&[]), stdout_of(&["print"]));
}

/// An escape sequence in an argument that clap quotes back: shown, never sent. Colour is
/// forced, as on a terminal, where clap would otherwise write it raw.
#[test]
fn clap_messages_never_echo_an_escape_sequence() {
    let red = "\u{1b}[31mX";
    let unknown = format!("--{red}");
    let cases: [&[&str]; 5] = [
        &["--tz", red],
        &["print", "--from", red],
        &["print", "--tz", red],
        &["export", "--format", red],
        &[&unknown],
    ];
    for args in cases {
        let out = parley()
            .args(args)
            .env("CLICOLOR_FORCE", "1")
            .env_remove("NO_COLOR")
            .output()
            .expect("parley runs");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!out.stderr.contains(&0x1b), "{args:?}: {:?}", out.stderr);
        let text = String::from_utf8_lossy(&out.stderr);
        assert!(text.contains("\\u{1b}[31mX"), "{args:?}: {text}");
        assert!(text.starts_with("error: "), "{args:?}: {text}");
    }
    // Help is parley's own text, still written to standard output with status 0.
    parley()
        .args(["export", "--help"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("--force"));
}

/// Every line of `out` fits `width` columns as drawn.
fn assert_fits(out: &str, width: usize) {
    for line in out.lines() {
        let w = parley::app::document::drawn_width(line);
        assert!(w <= width, "{w} columns: {line:?}\n{out}");
    }
}

#[test]
fn print_wraps_at_the_width_asked_and_loses_nothing() {
    let whole = stdout_of(&["print"]);
    let wrapped = stdout_of(&["print", "--width", "40"]);
    assert!(
        whole.lines().any(|l| l.chars().count() > 40),
        "the bundled agenda has lines to wrap"
    );
    assert_fits(&wrapped, 40);
    let words = |s: &str| s.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
    assert_eq!(words(&wrapped), words(&whole));
    // A continuation starts under the text it continues: a detail line's under the
    // detail, an event row's under the title.
    let continued = wrapped
        .lines()
        .skip_while(|l| !l.starts_with("  evening"))
        .nth(1)
        .expect("the Thursday meeting's title goes on");
    assert_eq!(continued, format!("{:16}the Ukrainian delegation", ""));
    assert!(
        wrapped
            .lines()
            .any(|l| l == format!("{:16}small hours", "")),
        "{wrapped}"
    );
}

#[test]
fn print_wraps_wide_characters_by_their_drawn_width() {
    let wide = "tests/data/wide.json";
    let whole = stdout_of(&["print", wide]);
    for width in [24, 30, 41] {
        let wrapped = stdout_of(&["print", wide, "--width", &width.to_string()]);
        assert_fits(&wrapped, width);
        let letters = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        assert_eq!(letters(&wrapped), letters(&whole), "at {width}");
    }
}

#[test]
fn print_does_not_wrap_when_not_asked_and_not_on_a_terminal() {
    let whole = stdout_of(&["print"]);
    assert_eq!(stdout_of(&["print", "--width", "0"]), whole);
    let mut agenda = Vec::new();
    let tl = parley::data::load_file(std::path::Path::new(BUNDLED)).expect("bundled loads");
    parley::agenda::write(&mut agenda, &tl, tl.meta.zone, Default::default()).expect("writes");
    assert_eq!(String::from_utf8(agenda).expect("UTF-8"), whole);
    // Wide enough, nothing changes.
    assert_eq!(stdout_of(&["print", "--width", "1000"]), whole);
}
