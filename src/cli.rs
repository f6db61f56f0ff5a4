//! Command-line definitions.

use std::path::PathBuf;

use chrono::NaiveDate;
use chrono_tz::Tz;
use clap::{Parser, Subcommand};

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
    /// Dataset to open (parley's JSON format); the bundled Miami talks when omitted
    pub file: Option<PathBuf>,

    /// Display time zone, an IANA name such as Europe/Moscow or UTC
    #[arg(long, value_name = "ZONE", value_parser = parse_zone)]
    pub tz: Option<Tz>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate dataset files: a summary line for each valid one, every problem otherwise
    Check {
        /// Files to validate
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Print the chronological agenda as plain text
    Print {
        /// Dataset to print; the bundled Miami talks when omitted
        file: Option<PathBuf>,
        /// Display time zone, an IANA name such as Europe/Moscow or UTC
        #[arg(long, value_name = "ZONE", value_parser = parse_zone)]
        tz: Option<Tz>,
        /// First day to print (YYYY-MM-DD, in the display zone)
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        from: Option<NaiveDate>,
        /// Last day to print (YYYY-MM-DD, in the display zone)
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        to: Option<NaiveDate>,
    },
}

fn parse_zone(s: &str) -> Result<Tz, String> {
    s.parse::<Tz>().map_err(|_| {
        format!("unknown time zone '{s}' (expected an IANA zone such as Europe/Moscow, America/New_York or UTC)")
    })
}

fn parse_day(s: &str) -> Result<NaiveDate, String> {
    parse_date(s).map_err(|e| e.0)
}
