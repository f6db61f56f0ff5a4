//! What each command does, given parsed arguments; returns the process exit code.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono_tz::Tz;

use crate::agenda::{self, Days, day_with_year};
use crate::app::App;
use crate::cli::{Cli, Command};
use crate::data::{self, LoadError};
use crate::model::text::clean_line;
use crate::model::timeline::Timeline;
use crate::tui;
use crate::ui::Theme;
use crate::watch::Reloader;

/// Runs the command line; errors are already reported when this returns.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Some(Command::Check { files }) => check(&files),
        Some(Command::Print { file, tz, from, to }) => {
            print(file.as_deref(), tz, Days { from, to })
        }
        None => view(cli.file.as_deref(), cli.tz),
    }
}

/// The dataset named on the command line, or the bundled one.
pub fn open(file: Option<&Path>) -> Result<Timeline, LoadError> {
    match file {
        Some(path) => data::load_file(path),
        None => data::load_bundled(),
    }
}

fn report(err: &LoadError) {
    let mut stderr = io::stderr().lock();
    let _ = writeln!(stderr, "{err}");
    if err.problems.len() > 1 {
        let _ = writeln!(stderr, "{}: {} problems", err.file, err.problems.len());
    }
}

/// Writes to stdout; a closed pipe (`parley print | head`) is not an error.
fn emit(f: impl FnOnce(&mut io::StdoutLock<'_>) -> io::Result<()>) -> ExitCode {
    let mut out = io::stdout().lock();
    match f(&mut out).and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(io::stderr(), "parley: cannot write output: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The interactive viewer; when output is not a terminal, the agenda instead.
fn view(file: Option<&Path>, tz: Option<Tz>) -> ExitCode {
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return print(file, tz, Days::default());
    }
    let timeline = match open(file) {
        Ok(tl) => tl,
        Err(e) => {
            report(&e);
            return ExitCode::FAILURE;
        }
    };
    let (w, h) = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
    let clock = || chrono::Utc::now().timestamp();
    let app = App::new(timeline, tz, clock(), (w, h));
    // A file that cannot be watched is still shown; it just does not reload.
    let watch = file.and_then(|f| Reloader::new(f).ok());
    match tui::run(app, Theme::from_env(), clock, watch) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(io::stderr(), "parley: {e}");
            ExitCode::FAILURE
        }
    }
}

fn print(file: Option<&Path>, tz: Option<Tz>, days: Days) -> ExitCode {
    match open(file) {
        Ok(tl) => {
            let zone = tz.unwrap_or(tl.meta.zone);
            emit(|out| agenda::write(out, &tl, zone, days))
        }
        Err(e) => {
            report(&e);
            ExitCode::FAILURE
        }
    }
}

/// One line per valid file, every problem of the others; fails if any file does.
pub fn check(files: &[PathBuf]) -> ExitCode {
    let mut all_valid = true;
    for path in files {
        match data::load_file(path) {
            Ok(tl) => {
                let summary = summary(&tl);
                let name = clean_line(&path.display().to_string()).into_owned();
                if emit(|out| writeln!(out, "{name}: ok, {summary}")) != ExitCode::SUCCESS {
                    return ExitCode::FAILURE;
                }
            }
            Err(e) => {
                all_valid = false;
                report(&e);
            }
        }
    }
    if all_valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// "5 events, 7 participants, Tue 2 Dec 2025 to Sat 6 Dec 2025 (America/New_York)".
pub fn summary(tl: &Timeline) -> String {
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let mut out = format!(
        "{}, {}",
        plural(tl.events.len(), "event", "events"),
        plural(tl.participants.len(), "participant", "participants")
    );
    if let Some((first, last)) = tl.span() {
        let zone = tl.meta.zone;
        out.push_str(&format!(
            ", {} to {} ({})",
            day_with_year(first, zone),
            day_with_year(last.saturating_sub(1).max(first), zone),
            zone.name()
        ));
    }
    out
}
