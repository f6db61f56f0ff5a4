//! Command-line definitions.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use chrono_tz::Tz;
use clap::builder::Styles;
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use clap_complete::Shell;

use crate::data::Format;
use crate::data::export::ExportFormat;
use crate::data::export::markdown::Flavor;
use crate::model::text::clean_text;
use crate::model::time::parse_date;

#[derive(Debug, Parser)]
#[command(
    name = "parley",
    version,
    about = "A terminal timeline viewer for diplomatic negotiations",
    long_about = "A terminal timeline viewer for diplomatic negotiations.\n\n\
                  Without a FILE, parley opens its bundled dataset: the US-Ukraine talks \
                  in Miami, December 2025.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Dataset to open (parley's JSON format or TimelineJS); the bundled Miami talks when
    /// omitted
    pub file: Option<PathBuf>,

    /// Display time zone, an IANA name such as Europe/Moscow or UTC (it changes how
    /// times are shown, never when they are)
    #[arg(long, value_name = "ZONE", value_parser = parse_zone)]
    pub tz: Option<Tz>,

    /// Zone the times of a file without zones (TimelineJS) are read in; UTC when omitted
    #[arg(long, value_name = "ZONE", value_parser = parse_zone)]
    pub zone_of_file: Option<Tz>,

    /// Format of FILE; told from its shape when omitted
    #[arg(
        long,
        value_enum,
        value_name = "FORMAT",
        visible_alias = "input-format"
    )]
    pub format: Option<InputFormat>,

    /// Open as the story stood at MOMENT: only sources published by then count (a date,
    /// or a date and time, in the dataset's zone: 2025-12-04, "2025-12-04 09:00");
    /// < and > step through the publications
    #[arg(long, value_name = "MOMENT", value_parser = parse_moment)]
    pub as_of: Option<String>,

    /// Config file (default: $XDG_CONFIG_HOME/parley/config.toml)
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Start with the default settings, ignoring any config file
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The formats parley reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// parley's own JSON format
    Native,
    /// TimelineJS3 (Knight Lab) JSON
    #[value(name = "timelinejs")]
    TimelineJs,
}

impl From<InputFormat> for Format {
    fn from(f: InputFormat) -> Format {
        match f {
            InputFormat::Native => Format::Native,
            InputFormat::TimelineJs => Format::TimelineJs,
        }
    }
}

/// The formats parley exports to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// iCalendar (RFC 5545), for calendar applications
    Ics,
    /// A Markdown briefing, grouped by day, with its sources
    #[value(alias = "markdown")]
    Md,
    /// parley's own JSON format, normalised
    Json,
}

/// The ways `diff` writes its report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Plain text, a line per event and an indented line per change
    Text,
    /// A Markdown report
    #[value(alias = "markdown")]
    Md,
    /// JSON, for programs
    Json,
}

/// The Markdown a briefing is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum MarkdownFlavor {
    /// CommonMark, for any renderer: sources as a numbered list, cited by number
    #[value(name = "commonmark")]
    CommonMark,
    /// GitHub Flavored Markdown: sources as footnotes
    Gfm,
}

impl From<MarkdownFlavor> for Flavor {
    fn from(f: MarkdownFlavor) -> Flavor {
        match f {
            MarkdownFlavor::CommonMark => Flavor::CommonMark,
            MarkdownFlavor::Gfm => Flavor::Gfm,
        }
    }
}

impl From<OutputFormat> for ExportFormat {
    fn from(f: OutputFormat) -> ExportFormat {
        match f {
            OutputFormat::Ics => ExportFormat::Ics,
            OutputFormat::Md => ExportFormat::Markdown,
            OutputFormat::Json => ExportFormat::Json,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate dataset files: a summary line for each valid one, the problems of the
    /// others (the first 100 of each kind, and how many more, unless --all)
    Check {
        /// Files to validate
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Format of the files; told from each file's shape when omitted
        #[arg(
            long,
            value_enum,
            value_name = "FORMAT",
            visible_alias = "input-format"
        )]
        format: Option<InputFormat>,
        /// Zone the summary's days are given in; the dataset's when omitted
        #[arg(long, value_name = "ZONE", value_parser = parse_zone)]
        tz: Option<Tz>,
        /// Zone the times of a file without zones (TimelineJS) are read in; UTC when
        /// omitted. --tz only changes how they are shown
        #[arg(long, value_name = "ZONE", value_parser = parse_zone)]
        zone_of_file: Option<Tz>,
        /// List every problem (by default, the first 100 of each kind, and how many more)
        #[arg(long)]
        all: bool,
        /// Treat the import's notes (what it renamed, ignored or dropped) as problems
        #[arg(long)]
        strict: bool,
    },
    /// Print the chronological agenda as plain text
    Print {
        /// Dataset to print; the bundled Miami talks when omitted
        file: Option<PathBuf>,
        /// Display time zone, an IANA name such as Europe/Moscow or UTC (it changes how
        /// times are shown, never when they are)
        #[arg(long, value_name = "ZONE", value_parser = parse_zone)]
        tz: Option<Tz>,
        /// Zone the times of a file without zones (TimelineJS) are read in; UTC when
        /// omitted. --tz only changes how they are shown
        #[arg(long, value_name = "ZONE", value_parser = parse_zone)]
        zone_of_file: Option<Tz>,
        /// First day to print (YYYY-MM-DD, in the display zone)
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        from: Option<NaiveDate>,
        /// Last day to print (YYYY-MM-DD, in the display zone)
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        to: Option<NaiveDate>,
        /// Wrap lines at N columns; 0 does not wrap. When omitted, lines wrap to the
        /// terminal's width if output is a terminal, and do not wrap otherwise
        #[arg(long, value_name = "N")]
        width: Option<usize>,
        /// Format of FILE; told from its shape when omitted
        #[arg(
            long,
            value_enum,
            value_name = "FORMAT",
            visible_alias = "input-format"
        )]
        format: Option<InputFormat>,
    },
    /// Export a dataset as iCalendar, a Markdown briefing or normalised JSON
    #[command(
        long_about = "Export a dataset as iCalendar, a Markdown briefing or normalised JSON.\n\n\
        OUT is never destroyed. parley refuses to write over FILE (or whatever OUT's \
        symlinks lead to, if that is FILE). An existing non-empty OUT is replaced only if it \
        is an earlier export in the same format: an iCalendar file whose header carries \
        parley's PRODID (-//parley//), or a Markdown briefing starting with a '# ' title \
        and parley's '*Times in ZONE · N events*' line. A JSON file is a dataset, so an \
        existing one is never taken for an earlier export. Anything else needs --force \
        (a file that already holds exactly this export is left as it is). \
        A file with other hard links is refused, or with --force written in place. A \
        symlink is followed and kept; a device or FIFO is written directly; - is standard \
        output. Interrupted or failing, parley leaves OUT as it was and no temporary file \
        behind."
    )]
    Export {
        /// Dataset to export; the bundled Miami talks when omitted
        file: Option<PathBuf>,
        /// What to write; told from OUT's extension (.ics, .md, .json) when omitted
        #[arg(long, value_enum, value_name = "FORMAT")]
        format: Option<OutputFormat>,
        /// Where to write: a file (replaced in one step, through symlinks), a device or
        /// FIFO (written directly), or - for standard output, which is also the default
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Replace an existing OUT that is not an earlier export in this format (any
        /// non-empty JSON file counts as a dataset), and write a hard-linked OUT in place
        #[arg(long)]
        force: bool,
        /// Format of FILE; told from its shape when omitted
        #[arg(long, value_enum, value_name = "FORMAT")]
        input_format: Option<InputFormat>,
        /// Zone of the Markdown briefing (it changes how times are shown, never when
        /// they are)
        #[arg(long, value_name = "ZONE", value_parser = parse_zone)]
        tz: Option<Tz>,
        /// Markdown flavor of the briefing: commonmark (sources as a numbered list, cited
        /// by number) or gfm (sources as footnotes)
        #[arg(long, value_enum, value_name = "FLAVOR", default_value = "commonmark")]
        flavor: MarkdownFlavor,
        /// Zone the times of a file without zones (TimelineJS) are read in; UTC when
        /// omitted. --tz only changes how they are shown
        #[arg(long, value_name = "ZONE", value_parser = parse_zone)]
        zone_of_file: Option<Tz>,
    },
    /// What changed between two versions of a dataset: events added, removed, and the
    /// fields changed in each, matched by event id. Exit status 0 when nothing changed,
    /// 1 when something did, 2 when a file cannot be read
    Diff {
        /// The earlier version
        old: PathBuf,
        /// The later version
        new: PathBuf,
        /// How to write the changes
        #[arg(long, value_enum, value_name = "FORMAT", default_value = "text")]
        format: DiffFormat,
        /// Format of OLD and NEW; told from each file's shape when omitted
        #[arg(long, value_enum, value_name = "FORMAT")]
        input_format: Option<InputFormat>,
        /// Zone the times of a file without zones (TimelineJS) are read in; UTC when
        /// omitted
        #[arg(long, value_name = "ZONE", value_parser = parse_zone)]
        zone_of_file: Option<Tz>,
    },
    /// Write a dataset in the current format version (2), as the JSON export does
    #[command(
        long_about = "Write a dataset in the current format version (2), as the JSON export \
        does: the same timeline, normalised, with \"parley\": 2. A version 1 file needs no \
        other change. OUT follows the export's rules: it is never destroyed, never FILE, and \
        an existing non-empty OUT is replaced only with --force; - or no OUT is standard \
        output."
    )]
    Upgrade {
        /// Dataset to upgrade
        file: PathBuf,
        /// Where to write: a file (replaced in one step, through symlinks), a device or
        /// FIFO, or - for standard output, which is also the default
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Replace an existing non-empty OUT, and write a hard-linked OUT in place
        #[arg(long)]
        force: bool,
    },
    /// Print the JSON Schema of parley's format, for editors' completion and validation
    Schema,
    /// Start a dataset from a template
    New {
        /// File to create (never overwritten); standard output when omitted
        file: Option<PathBuf>,
        /// The dataset's zone, an IANA name; UTC when omitted
        #[arg(long, value_name = "ZONE", value_parser = parse_zone)]
        tz: Option<Tz>,
    },
    /// Print a shell completion script
    Completions {
        /// The shell to complete in
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the manual page (roff), or write one page per command into a folder
    Man {
        /// Folder to write parley.1, parley-check.1, ... into
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

/// The command line; on a usage error (or `--help`, `--version`), the exit code after
/// clap's message. An error message quotes the arguments, so it is written as plain text
/// and neutralised like any text from a file: an escape sequence in an argument is shown,
/// never sent to the terminal.
pub fn parse() -> Result<Cli, ExitCode> {
    Cli::try_parse().map_err(|err| {
        let code = u8::try_from(err.exit_code()).unwrap_or(2);
        if err.use_stderr() {
            // Parsed again without clap's styling, the message's only escape sequences
            // are the arguments' own, which plain rendering would silently drop.
            let plain = Cli::command()
                .styles(Styles::plain())
                .try_get_matches()
                .err()
                .unwrap_or(err);
            let text = plain.render().ansi().to_string();
            let _ = io::stderr().write_all(clean_text(&text).as_bytes());
        } else {
            // Help and version: parley's own text, never an argument.
            let _ = err.print();
        }
        ExitCode::from(code)
    })
}

fn parse_zone(s: &str) -> Result<Tz, String> {
    s.parse::<Tz>().map_err(|_| {
        format!("unknown time zone '{s}' (expected an IANA zone such as Europe/Moscow, America/New_York or UTC)")
    })
}

/// A time expression, read later in the dataset's zone.
fn parse_moment(s: &str) -> Result<String, String> {
    crate::model::time::TimePoint::parse(s)
        .map(|_| s.to_string())
        .map_err(|e| e.0)
}

fn parse_day(s: &str) -> Result<NaiveDate, String> {
    parse_date(s).map_err(|e| e.0)
}
