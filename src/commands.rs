//! What each command does, given parsed arguments; returns the process exit code.

use std::fs::{self, OpenOptions};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono_tz::Tz;
use clap::CommandFactory;

use crate::agenda::{self, Days, day_with_year};
use crate::app::App;
use crate::cli::{Cli, Command, DiffFormat, InputFormat, OutputFormat};
use crate::config::{self, Config};
use crate::data::export::markdown::Flavor;
use crate::data::export::{self, ExportFormat, ExportOptions};
use crate::data::{self, LoadError, LoadOptions, schema, template};
use crate::model::describe;
use crate::model::diff as model_diff;
use crate::model::text::clean_line;
use crate::model::time::Instant;
use crate::model::timeline::{AsOf, Timeline};
use crate::output;
use crate::tui;
use crate::ui::Theme;
use crate::watch::Reloader;

/// How to read the files named on the command line: `zone_of_file` is the zone of
/// times written without one; the display zone has no say in it.
fn options(format: Option<InputFormat>, zone_of_file: Option<Tz>) -> LoadOptions {
    LoadOptions {
        format: format.map(Into::into),
        zone: zone_of_file,
    }
}

/// Runs the command line; errors are already reported when this returns.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Some(Command::Check {
            files,
            format,
            tz,
            zone_of_file,
            all,
            strict,
        }) => check_with(
            &files,
            options(format, zone_of_file),
            Checking { all, strict, tz },
        ),
        Some(Command::Print {
            file,
            tz,
            zone_of_file,
            from,
            to,
            width,
            format,
        }) => print(
            file.as_deref(),
            tz,
            Days { from, to },
            options(format, zone_of_file),
            width,
        ),
        Some(Command::Export {
            file,
            format,
            output,
            force,
            input_format,
            tz,
            flavor,
            zone_of_file,
        }) => export(
            file.as_deref(),
            format,
            flavor.into(),
            output.as_deref(),
            force,
            tz,
            options(input_format, zone_of_file),
        ),
        Some(Command::Diff {
            old,
            new,
            format,
            input_format,
            zone_of_file,
        }) => diff(&old, &new, format, options(input_format, zone_of_file)),
        Some(Command::Upgrade {
            file,
            output,
            force,
        }) => export(
            Some(&file),
            Some(OutputFormat::Json),
            Flavor::CommonMark,
            output.as_deref(),
            force,
            None,
            options(None, None),
        ),
        Some(Command::Schema) => {
            emit(|out| out.write_all(schema::dataset_schema_text().as_bytes()))
        }
        Some(Command::New { file, tz }) => new(file.as_deref(), tz.unwrap_or(Tz::UTC)),
        Some(Command::Completions { shell }) => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "parley", &mut script);
            emit(|out| out.write_all(&script))
        }
        Some(Command::Man { dir }) => man(dir.as_deref()),
        None => {
            let checked = settings(cli.config.as_deref(), cli.no_config);
            warn_about_config(&checked.problems);
            let config = checked.config;
            let tz = cli.tz.or(config.zone);
            let note = config_note(&checked.problems);
            view(
                cli.file.as_deref(),
                cli.as_of,
                tz,
                options(cli.format, cli.zone_of_file),
                config,
                note,
            )
        }
    }
}

/// `parley diff`: both versions read side by side, then the report on stdout. Exit
/// status as diff(1) gives it: 0 for no changes, 1 for changes, 2 for trouble.
fn diff(old: &Path, new: &Path, format: DiffFormat, options: LoadOptions) -> ExitCode {
    let (old_tl, new_tl) = std::thread::scope(|s| {
        let later = s.spawn(|| data::load_file_with(new, options));
        let earlier = data::load_file_with(old, options);
        (earlier, later.join())
    });
    let new_tl = new_tl.unwrap_or_else(|_| {
        Err(LoadError::whole_file(
            &new.display().to_string(),
            "reading the file stopped unexpectedly",
        ))
    });
    let (old_tl, new_tl) = match (old_tl, new_tl) {
        (Ok(a), Ok(b)) => (a, b),
        (a, b) => {
            for err in [a.err(), b.err()].into_iter().flatten() {
                report(&err);
            }
            return ExitCode::from(2);
        }
    };
    let changes = model_diff::diff(&old_tl, &new_tl);
    let (old_name, new_name) = (old.display().to_string(), new.display().to_string());
    let versions = export::diff::Versions {
        old: &old_tl,
        new: &new_tl,
        old_name: &old_name,
        new_name: &new_name,
    };
    let report = match format {
        DiffFormat::Text => export::diff::text(&versions, &changes),
        DiffFormat::Md => export::diff::markdown(&versions, &changes),
        DiffFormat::Json => export::diff::json(&versions, &changes),
    };
    let written = emit(|out| out.write_all(report.as_bytes()));
    // Freeing two large timelines only keeps the shell waiting: the process ends next.
    std::mem::forget((old_tl, new_tl));
    if written != ExitCode::SUCCESS {
        ExitCode::from(2)
    } else if changes.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The dataset named on the command line, or the bundled one.
pub fn open(file: Option<&Path>) -> Result<Timeline, LoadError> {
    open_with(file, LoadOptions::default())
}

/// The dataset named on the command line, read as the options say, or the bundled one.
pub fn open_with(file: Option<&Path>, options: LoadOptions) -> Result<Timeline, LoadError> {
    match file {
        Some(path) => data::load_file_with(path, options),
        None => data::load_bundled(),
    }
}

/// The problems on stderr: with `all`, every one; else the first
/// [`data::SHOWN_PER_KIND`] of each kind and a count of the rest.
fn report_with(err: &LoadError, all: bool) {
    let per_kind = (!all).then_some(data::SHOWN_PER_KIND);
    let mut stderr = io::BufWriter::new(io::stderr().lock());
    let _ = err.write_report(&mut stderr, per_kind);
    let _ = stderr.flush();
}

fn report(err: &LoadError) {
    report_with(err, false);
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

/// The user's settings: the named config, else the default one if it exists. What the
/// config got wrong is listed, and the defaults stand in for it; a config that cannot
/// be read at all is one problem, and the defaults for everything.
pub fn settings(named: Option<&Path>, ignore: bool) -> config::Checked {
    if ignore {
        return config::Checked::default();
    }
    match (named, config::default_path()) {
        (Some(path), _) => config::read(path, true),
        (None, Some(path)) => config::read(&path, false),
        (None, None) => config::Checked::default(),
    }
}

/// Lists the config's problems on stderr, before the terminal is taken: they are there
/// to read when the viewer ends.
fn warn_about_config(problems: &[String]) {
    if problems.is_empty() {
        return;
    }
    let mut stderr = io::stderr().lock();
    for p in problems {
        let _ = writeln!(stderr, "{p}");
    }
    let _ = writeln!(
        stderr,
        "parley: started with the defaults for what the config got wrong (--no-config ignores it)"
    );
}

/// The viewer's first footer message when the config had problems.
fn config_note(problems: &[String]) -> Option<String> {
    let first = problems.first()?;
    let more = match problems.len() {
        1 => String::new(),
        n => format!(" (and {} more, listed on quitting)", n - 1),
    };
    Some(format!("{first}{more} · using the defaults for it"))
}

/// The interactive viewer; when output is not a terminal, the agenda instead.
fn view(
    file: Option<&Path>,
    as_of: Option<String>,
    tz: Option<Tz>,
    options: LoadOptions,
    config: Config,
    note: Option<String>,
) -> ExitCode {
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return print(file, tz, Days::default(), options, None);
    }
    let (w, h) = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
    let clock = || chrono::Utc::now().timestamp();
    let keymap = config.keymap;
    let keys = keymap.clone();
    let term = std::env::var("TERM").ok();
    let hyperlinks = config.hyperlinks.on_for(term.as_deref());
    let app = move |timeline: Timeline| {
        // The moment is read in the dataset's own zone, once it is loaded.
        let known = as_of.map(|text| AsOf::parse(&text, timeline.meta.zone));
        let mut app = App::new(timeline, tz, clock(), (w, h));
        app.keymap = keymap;
        app.hyperlinks = hyperlinks;
        match known {
            Some(Ok(at)) => app.update(crate::app::Action::KnownAt(Some(at.instant))),
            Some(Err(e)) => app.status = Some(format!("--as-of: {}", e.0)),
            None => {}
        }
        if note.is_some() {
            app.status = note;
        }
        app
    };
    // A large file loads behind a progress screen; a small one (or one with errors,
    // which are quick to find in a small file) before the terminal is touched.
    let start = match file {
        Some(path) if loads_slowly(path) => {
            tui::Start::Loading(tui::Loading::spawn(path.to_path_buf(), options, keys, app))
        }
        _ => match open_with(file, options) {
            Ok(tl) => tui::Start::Ready(Box::new(app(tl))),
            Err(e) => {
                report(&e);
                return ExitCode::FAILURE;
            }
        },
    };
    let theme = Theme {
        light: config.light,
        sides: config.sides,
        ..Theme::from_env()
    };
    // A file that cannot be watched is still shown; it just does not reload.
    let watch = file.and_then(|f| Reloader::with_options(f, options).ok());
    match tui::run(start, theme, clock, watch, config.mouse) {
        Ok(tui::Ended::Quit) => ExitCode::SUCCESS,
        Ok(tui::Ended::Signalled(signal)) => {
            ExitCode::from(u8::try_from(tui::exit_status(signal)).unwrap_or(u8::MAX))
        }
        Ok(tui::Ended::Failed(e)) => {
            report(&e);
            ExitCode::FAILURE
        }
        Err(e) => {
            let _ = writeln!(io::stderr(), "parley: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Files from this size on load behind a progress screen (about a tenth of a second).
pub const PROGRESS_FROM_BYTES: u64 = 8 << 20;

fn loads_slowly(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() >= PROGRESS_FROM_BYTES)
}

/// The agenda, wrapped at `width` columns (0: not wrapped); when `width` is not given,
/// at the terminal's width if stdout is one.
fn print(
    file: Option<&Path>,
    tz: Option<Tz>,
    days: Days,
    options: LoadOptions,
    width: Option<usize>,
) -> ExitCode {
    let width = match width {
        Some(0) => None,
        Some(n) => Some(n),
        None if io::stdout().is_terminal() => ratatui::crossterm::terminal::size()
            .ok()
            .map(|(w, _)| usize::from(w))
            .filter(|&w| w > 0),
        None => None,
    };
    match open_with(file, options) {
        Ok(tl) => {
            let zone = tz.unwrap_or(tl.meta.zone);
            emit(|out| agenda::write_wrapped(out, &tl, zone, days, width))
        }
        Err(e) => {
            report(&e);
            ExitCode::FAILURE
        }
    }
}

/// One line per valid file, every problem of the others; fails if any file does.
pub fn check(files: &[PathBuf]) -> ExitCode {
    check_with(files, LoadOptions::default(), Checking::default())
}

/// How `check` reports: `all` problems (else the first of each kind), and with
/// `strict` the import's notes as problems.
#[derive(Clone, Copy, Debug, Default)]
pub struct Checking {
    pub all: bool,
    pub strict: bool,
    /// The zone of the summary's days (the dataset's when `None`).
    pub tz: Option<Tz>,
}

/// [`check`], reading the files as the options say. A valid file's notes follow its
/// `ok` line; with `strict` they are its problems instead. For the command line: the
/// last file's timeline is not freed, as the process ends next.
pub fn check_with(files: &[PathBuf], options: LoadOptions, how: Checking) -> ExitCode {
    let mut all_valid = true;
    for (n, path) in files.iter().enumerate() {
        match data::load_file_with(path, options) {
            Ok(mut tl) => {
                let name = clean_line(&path.display().to_string()).into_owned();
                let mut notes = std::mem::take(&mut tl.notes);
                let per_kind = (!how.all).then_some(data::SHOWN_PER_KIND);
                let warnings = data::native::consistency_notes(&tl, Some(path), per_kind);
                notes.extend(warnings.notes);
                if how.strict && !notes.is_empty() {
                    all_valid = false;
                    let problems = data::notes_as_problems(&name, notes);
                    let mut stderr = io::BufWriter::new(io::stderr().lock());
                    let counted = ("problem", "problems");
                    let _ = problems.write_counted(&mut stderr, per_kind, counted, &warnings.more);
                    let _ = stderr.flush();
                    continue;
                }
                let summary = summary_in(&tl, how.tz.unwrap_or(tl.meta.zone));
                if n + 1 == files.len() {
                    // The process ends next: freeing a million events one by one would
                    // only keep the shell waiting.
                    std::mem::forget(tl);
                }
                let written = emit(|out| {
                    writeln!(out, "{name}: ok, {summary}")?;
                    data::notes_as_problems(&name, notes).write_counted(
                        out,
                        per_kind,
                        ("note", "notes"),
                        &warnings.more,
                    )
                });
                if written != ExitCode::SUCCESS {
                    return ExitCode::FAILURE;
                }
            }
            Err(e) => {
                all_valid = false;
                report_with(&e, how.all);
            }
        }
    }
    data::debug_print_handovers();
    if all_valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// "5 events, 7 participants, Tue 2 Dec 2025 to Sat 6 Dec 2025 (America/New_York)".
pub fn summary(tl: &Timeline) -> String {
    summary_in(tl, tl.meta.zone)
}

/// [`summary`] with its days in `zone`.
pub fn summary_in(tl: &Timeline, zone: Tz) -> String {
    let mut out = format!(
        "{}, {}",
        describe::count(tl.events.len(), "event", "events"),
        describe::count(tl.participants.len(), "participant", "participants")
    );
    if let Some((first, last)) = tl.span() {
        out.push_str(&format!(
            ", {} to {} ({})",
            day_with_year(first, zone),
            day_with_year(last.saturating_sub(1).max(first), zone),
            zone.name()
        ));
    }
    out
}

/// A usage error about a subcommand, said the way clap says its own; exit status 2.
fn usage_error(subcommand: &str, message: &str) -> ExitCode {
    let mut cli = Cli::command();
    cli.build();
    let err = match cli.find_subcommand_mut(subcommand) {
        Some(sub) => sub.error(clap::error::ErrorKind::MissingRequiredArgument, message),
        None => cli.error(clap::error::ErrorKind::MissingRequiredArgument, message),
    };
    let _ = err.print();
    ExitCode::from(2)
}

/// When an export is made: `SOURCE_DATE_EPOCH` when set (reproducible output), else now.
fn export_stamp() -> Instant {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or_else(|| chrono::Utc::now().timestamp())
}

fn export(
    file: Option<&Path>,
    format: Option<OutputFormat>,
    flavor: Flavor,
    output: Option<&Path>,
    force: bool,
    tz: Option<Tz>,
    options: LoadOptions,
) -> ExitCode {
    let format = match format.map(ExportFormat::from) {
        Some(f) => f,
        None => match output.and_then(ExportFormat::from_path) {
            Some(f) => f,
            None => {
                return usage_error(
                    "export",
                    "say what to export to: --format ics, md or json (or an OUT ending in \
                     .ics, .md or .json)",
                );
            }
        },
    };
    let tl = match open_with(file, options) {
        Ok(tl) => tl,
        Err(e) => {
            report(&e);
            return ExitCode::FAILURE;
        }
    };
    let settings = ExportOptions {
        zone: tz.unwrap_or(tl.meta.zone),
        stamp: export_stamp(),
        flavor,
    };
    let text = export::export(&tl, format, &settings);
    if format == ExportFormat::Ics {
        let left_out = export::ics::skipped(&tl);
        if left_out > 0 {
            let events = describe::count(left_out, "event", "events");
            let _ = writeln!(
                io::stderr(),
                "parley: {events} left out of the calendar: dates outside years 0001 to 9999, \
                 which iCalendar cannot write"
            );
        }
    }
    let Some(path) = output else {
        return emit(|out| out.write_all(text.as_bytes()));
    };
    if let Err(e) = output::clean_up_on_signals() {
        let _ = writeln!(io::stderr(), "parley: cannot watch for signals: {e}");
        return ExitCode::FAILURE;
    }
    let earlier = |head: &[u8]| export::is_earlier_export(format, head);
    let rules = output::Rules {
        input: file,
        force,
        earlier: &earlier,
    };
    match output::write(path, text.as_bytes(), &rules) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(io::stderr(), "{e}");
            ExitCode::FAILURE
        }
    }
}

/// Writes the template to a new file (never over an existing one), or to stdout.
fn new(file: Option<&Path>, zone: Tz) -> ExitCode {
    let today = chrono::Utc::now().with_timezone(&zone).date_naive();
    let text = template::new_dataset(zone, today);
    let Some(path) = file else {
        return emit(|out| out.write_all(text.as_bytes()));
    };
    let name = clean_line(&path.display().to_string()).into_owned();
    let created = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .and_then(|mut f| f.write_all(text.as_bytes()));
    match created {
        Ok(()) => {
            let _ = writeln!(
                io::stderr(),
                "{name}: a new dataset; edit it, then `parley check {name}`"
            );
            write_schema_beside(path);
            ExitCode::SUCCESS
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            let _ = writeln!(
                io::stderr(),
                "{name}: already exists; parley new does not overwrite files"
            );
            ExitCode::FAILURE
        }
        Err(e) => {
            let _ = fs::remove_file(path);
            let _ = writeln!(io::stderr(), "parley: cannot write {name}: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The schema the new dataset's `$schema` names, written beside it unless a file of
/// that name is there already; failing that, a note says how to make it.
fn write_schema_beside(dataset: &Path) {
    let dir = dataset.parent().unwrap_or(Path::new(""));
    let path = dir.join(template::SCHEMA_FILE);
    let name = clean_line(&path.display().to_string()).into_owned();
    let written = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .and_then(|mut f| f.write_all(schema::dataset_schema_text().as_bytes()));
    match written {
        Ok(()) => {
            let _ = writeln!(io::stderr(), "{name}: its schema, for editors");
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
        Err(e) => {
            let _ = fs::remove_file(&path);
            let _ = writeln!(
                io::stderr(),
                "parley: cannot write {name} ({e}); `parley schema > {name}` makes it"
            );
        }
    }
}

/// The manual page on stdout, or every command's page written into `dir`.
fn man(dir: Option<&Path>) -> ExitCode {
    match dir {
        None => {
            let mut page = Vec::new();
            match clap_mangen::Man::new(Cli::command()).render(&mut page) {
                Ok(()) => emit(|out| out.write_all(&page)),
                Err(e) => {
                    let _ = writeln!(io::stderr(), "parley: cannot write the manual: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Some(dir) => match clap_mangen::generate_to(Cli::command(), dir) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                let name = clean_line(&dir.display().to_string()).into_owned();
                let _ = writeln!(io::stderr(), "parley: cannot write pages into {name}: {e}");
                ExitCode::FAILURE
            }
        },
    }
}
