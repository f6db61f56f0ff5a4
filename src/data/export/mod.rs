//! Writing a timeline out: iCalendar, a Markdown briefing, or the native JSON format.
//!
//! Exports read only the model, and build the whole output in memory, so that a file is
//! written in one go or not at all.

pub mod diff;
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

/// Whether `head`, the first bytes of an existing file, is an earlier export in `format`
/// that a new one may replace without `--force`.
///
/// iCalendar: the calendar header with parley's `PRODID`. Markdown: a `# ` title, then
/// the `*Times in ZONE · N events*` line that only the briefing's header writes (text
/// from the data has its `*` escaped). JSON: never, since parley's JSON export is a
/// dataset like any other and cannot be told from the user's own.
pub fn is_earlier_export(format: ExportFormat, head: &[u8]) -> bool {
    match format {
        ExportFormat::Ics => {
            head.starts_with(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//parley//")
        }
        ExportFormat::Markdown => {
            head.starts_with(b"# ")
                && head.split(|&b| b == b'\n').any(|line| {
                    line.starts_with(b"*Times in ")
                        && (line.ends_with(" event*".as_bytes())
                            || line.ends_with(" events*".as_bytes()))
                })
        }
        ExportFormat::Json => false,
    }
}

/// What an export needs besides the timeline.
#[derive(Clone, Copy, Debug)]
pub struct ExportOptions {
    /// The zone a briefing is written in.
    pub zone: Tz,
    /// When the export is made: an iCalendar file's DTSTAMP.
    pub stamp: Instant,
    /// The Markdown a briefing is written in.
    pub flavor: markdown::Flavor,
}

/// The export, whole.
pub fn export(tl: &Timeline, format: ExportFormat, options: &ExportOptions) -> String {
    match format {
        ExportFormat::Ics => ics::write(tl, options.stamp),
        ExportFormat::Markdown => markdown::write_as(tl, options.zone, options.flavor),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn earlier_exports_are_told_by_their_header() {
        let ics = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//parley//parley-tui 0.1.0//EN\r\n";
        assert!(is_earlier_export(ExportFormat::Ics, ics));
        assert!(!is_earlier_export(
            ExportFormat::Ics,
            b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Other//EN\r\n"
        ));
        let md = "# Talks\n\nAbout them.\n\n*Times in UTC · 1 event*\n\n## Day\n";
        assert!(is_earlier_export(ExportFormat::Markdown, md.as_bytes()));
        assert!(!is_earlier_export(
            ExportFormat::Markdown,
            b"# Notes\n\nmine\n"
        ));
        assert!(!is_earlier_export(ExportFormat::Markdown, ics));
        assert!(!is_earlier_export(ExportFormat::Ics, md.as_bytes()));
        assert!(!is_earlier_export(
            ExportFormat::Json,
            b"{\n  \"parley\": 1,\n  \"title\": \"x\"\n}\n"
        ));
    }
}
