//! Writing a timeline out: iCalendar, a Markdown briefing, or the native JSON format.
//!
//! Exports read only the model, and build the whole output in memory, so that a file is
//! written in one go or not at all.

pub mod ics;
pub mod json;
pub mod markdown;
mod shown;

use std::path::Path;

use chrono_tz::Tz;

use crate::model::time::Instant;
use crate::model::timeline::Timeline;

/// What to export to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// iCalendar (RFC 5545).
    Ics,
    /// A Markdown briefing.
    Markdown,
    /// parley's own JSON format, normalised.
    Json,
}

impl ExportFormat {
    /// The format a file name asks for by its extension (`talks.ics`).
    pub fn from_path(path: &Path) -> Option<ExportFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "ics" | "ical" | "ifb" | "icalendar" => Some(ExportFormat::Ics),
            "md" | "markdown" => Some(ExportFormat::Markdown),
            "json" => Some(ExportFormat::Json),
            _ => None,
        }
    }
}

/// What an export needs besides the timeline.
#[derive(Clone, Copy, Debug)]
pub struct ExportOptions {
    /// The zone a briefing is written in.
    pub zone: Tz,
    /// When the export is made: an iCalendar file's DTSTAMP.
    pub stamp: Instant,
}

/// The export, whole.
pub fn export(tl: &Timeline, format: ExportFormat, options: &ExportOptions) -> String {
    match format {
        ExportFormat::Ics => ics::write(tl, options.stamp),
        ExportFormat::Markdown => markdown::write(tl, options.zone),
        ExportFormat::Json => json::write(tl),
    }
}

/// Lower-case letters and digits joined by single hyphens: "us-ukraine-talks".
pub(crate) fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}
