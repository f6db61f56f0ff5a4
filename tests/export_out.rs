//! `parley export -o OUT` for each kind of OUT, in a temporary folder: a new file, an
//! earlier export, a foreign file, the input itself, a symlink, a hard link, a FIFO,
//! standard output, a long name, and a signal while the temporary file is written.

use std::fs;
use std::os::unix::fs::{FileTypeExt, MetadataExt, symlink};
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use assert_cmd::Command;
use assert_cmd::cargo::CommandCargoExt;
use predicates::prelude::*;
use pretty_assertions::assert_eq;

const BUNDLED: &str = "assets/miami-talks-2025.json";

/// Saturday 6 December 2025, 00:00 UTC.
const STAMP: &str = "1764979200";

fn parley() -> Command {
    let mut c = Command::cargo_bin("parley").expect("the parley binary is built");
    c.env("SOURCE_DATE_EPOCH", STAMP);
    c
}

/// What `parley export --format FORMAT` prints.
fn exported(format: &str) -> Vec<u8> {
    let out = parley()
        .args(["export", "--format", format])
        .output()
        .expect("runs");
    assert!(out.status.success());
    out.stdout
}

/// The folder's entries, sorted; a temporary file left behind would show here.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_new_file_then_the_same_export_again() {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("talks.ics");
    for _ in 0..2 {
        parley()
            .args(["export", "-o"])
            .arg(&out)
            .assert()
            .code(0)
            .stdout("")
            .stderr("");
        assert_eq!(fs::read(&out).expect("written"), exported("ics"));
    }
    let md = dir.path().join("briefing.md");
    for tz in ["UTC", "Europe/Moscow"] {
        parley()
            .args(["export", "--tz", tz, "-o"])
            .arg(&md)
            .assert()
            .code(0);
    }
    let briefing = fs::read_to_string(&md).expect("written");
    assert!(briefing.contains("*Times in Europe/Moscow · 6 events*"));
    // A JSON file is a dataset, but one holding exactly the export needs no replacing.
    let json = dir.path().join("talks.json");
    for _ in 0..2 {
        parley().args(["export", "-o"]).arg(&json).assert().code(0);
    }
    assert_eq!(fs::read(&json).expect("written"), exported("json"));
    assert_eq!(
        names(dir.path()),
        ["briefing.md", "talks.ics", "talks.json"]
    );
}

#[test]
fn a_foreign_file_is_replaced_only_with_force() {
    let dir = tempfile::tempdir().expect("dir");
    for (name, text) in [
        ("notes.md", "# My notes\n\nNot a briefing.\n"),
        (
            "cal.ics",
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//other//EN\r\n",
        ),
        ("export.json", "{\"parley\": 1}"),
    ] {
        let out = dir.path().join(name);
        fs::write(&out, text).expect("write");
        parley()
            .args(["export", "-o"])
            .arg(&out)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(name).and(predicate::str::contains("--force")));
        assert_eq!(fs::read_to_string(&out).expect("kept"), text);
        parley()
            .args(["export", "--force", "-o"])
            .arg(&out)
            .assert()
            .code(0);
        assert_ne!(fs::read_to_string(&out).expect("replaced"), text);
    }
    assert_eq!(names(dir.path()), ["cal.ics", "export.json", "notes.md"]);
}

#[test]
fn the_input_is_never_written_over() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data.json");
    let original = fs::read(BUNDLED).expect("bundled");
    fs::write(&data, &original).expect("write");
    let link = dir.path().join("alias.json");
    symlink("data.json", &link).expect("symlink");
    for (format, out) in [("md", &data), ("json", &data), ("json", &link)] {
        parley()
            .args(["export", "--force", "--format", format])
            .arg(&data)
            .arg("-o")
            .arg(out)
            .assert()
            .code(1)
            .stderr(predicate::str::contains("input file"));
    }
    assert_eq!(fs::read(&data).expect("kept"), original);
}

#[test]
fn the_bundled_export_does_not_replace_a_dataset() {
    let dir = tempfile::tempdir().expect("dir");
    let mine = b"{\n  \"parley\": 1,\n  \"title\": \"Mine\",\n  \"events\": []\n}\n";
    fs::write(dir.path().join("talks.json"), mine).expect("write");
    parley()
        .current_dir(dir.path())
        .args(["export", "-o", "talks.json"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("talks.json").and(predicate::str::contains("--force")));
    assert_eq!(fs::read(dir.path().join("talks.json")).expect("kept"), mine);
}

#[test]
fn a_symlink_is_followed_and_kept() {
    let dir = tempfile::tempdir().expect("dir");
    fs::create_dir(dir.path().join("real")).expect("mkdir");
    let target = dir.path().join("real/talks.ics");
    fs::write(&target, "").expect("write");
    let link = dir.path().join("talks.ics");
    symlink("real/talks.ics", &link).expect("symlink");
    parley().args(["export", "-o"]).arg(&link).assert().code(0);
    assert!(
        fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read(&target).expect("target"), exported("ics"));
    assert_eq!(names(&dir.path().join("real")), ["talks.ics"]);
}

#[test]
fn a_hard_link_is_refused_unless_forced_then_written_in_place() {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("talks.ics");
    let other = dir.path().join("other.ics");
    fs::write(&out, "").expect("write");
    fs::hard_link(&out, &other).expect("hard link");
    parley()
        .args(["export", "-o"])
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("hard links").and(predicate::str::contains("--force")));
    assert_eq!(fs::read(&other).expect("kept"), b"");
    parley()
        .args(["export", "--force", "-o"])
        .arg(&out)
        .assert()
        .code(0);
    assert_eq!(fs::read(&other).expect("other"), exported("ics"));
    assert_eq!(fs::metadata(&out).expect("meta").nlink(), 2);
}

#[test]
fn a_fifo_is_written_directly() {
    let dir = tempfile::tempdir().expect("dir");
    let fifo = dir.path().join("pipe.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read(fifo))
    };
    parley().args(["export", "-o"]).arg(&fifo).assert().code(0);
    let got = reader.join().expect("reader").expect("read");
    assert_eq!(got, exported("md"));
    assert!(fs::metadata(&fifo).expect("meta").file_type().is_fifo());
    assert_eq!(names(dir.path()), ["pipe.md"]);
}

#[test]
fn a_dash_is_standard_output() {
    let dir = tempfile::tempdir().expect("dir");
    parley()
        .current_dir(dir.path())
        .args(["export", "--format", "json", "-o", "-"])
        .assert()
        .code(0)
        .stdout(String::from_utf8(exported("json")).expect("UTF-8"));
    assert!(names(dir.path()).is_empty());
}

#[test]
fn a_long_name_works() {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join(format!("{}.ics", "n".repeat(246)));
    for _ in 0..2 {
        parley().args(["export", "-o"]).arg(&out).assert().code(0);
    }
    assert_eq!(fs::read(&out).expect("written"), exported("ics"));
    assert_eq!(names(dir.path()).len(), 1);
}

#[test]
fn a_missing_folder_fails_naming_out() {
    let dir = tempfile::tempdir().expect("dir");
    parley()
        .args(["export", "-o"])
        .arg(dir.path().join("nowhere/talks.ics"))
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("cannot write").and(predicate::str::contains("talks.ics")),
        );
    assert!(names(dir.path()).is_empty());
}

/// Starts an export held once its temporary file is written, sends `signal`, and checks
/// the exit status and that nothing but OUT's old content is left.
fn interrupted(signal: libc::c_int) {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("talks.ics");
    fs::write(&out, "").expect("write");
    let mut child = std::process::Command::cargo_bin("parley")
        .expect("binary")
        .args(["export", "-o"])
        .arg(&out)
        .env(parley::output::HOLD_VAR, "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawns");
    // Waits for the temporary file; a bound only so that a broken build fails, not hangs.
    let mut seen = false;
    for _ in 0..6000 {
        if names(dir.path()).iter().any(|n| n.starts_with(".parley-")) {
            seen = true;
            break;
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("parley ended before the signal: {status}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(seen, "no temporary file appeared");
    let pid = libc::pid_t::try_from(child.id()).expect("pid");
    // SAFETY: kill(2) with a child's pid and a signal number has no memory effects.
    assert_eq!(unsafe { libc::kill(pid, signal) }, 0);
    let status = child.wait().expect("waits");
    assert_eq!(status.code(), Some(128 + signal));
    assert_eq!(names(dir.path()), ["talks.ics"]);
    assert_eq!(fs::read(&out).expect("kept"), b"");
}

#[test]
fn ctrl_c_during_an_export_leaves_no_temporary_file() {
    interrupted(libc::SIGINT);
}

#[test]
fn sigterm_during_an_export_leaves_no_temporary_file() {
    interrupted(libc::SIGTERM);
}
