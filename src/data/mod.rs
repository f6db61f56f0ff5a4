//! Reading and writing datasets: the native JSON format and its validation problems,
//! TimelineJS import, the exports and the native format's JSON Schema.

pub mod export;
mod handovers;
pub mod html;
pub mod locate;
pub mod native;
mod parts;
mod scan;
pub mod schema;
pub mod stream;
pub mod template;
pub mod timelinejs;
mod zones;

use std::collections::HashMap;
use std::fmt;
use std::io::{self, ErrorKind};
use std::path::Path;

use chrono_tz::Tz;

use crate::model::describe::{count, thousands};
use crate::model::text::clean_line;
use crate::model::timeline::Timeline;
pub use handovers::{GiveUpReason, Handovers, ScanReason, debug_print_handovers, handovers};

/// The file formats parley reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// parley's own JSON format (docs/format.md).
    Native,
    /// TimelineJS3 (Knight Lab) JSON.
    TimelineJs,
}

impl Format {
    /// The format a text is written in, told from its shape: a TimelineJS file has a
    /// title slide (an object), eras, a scale or events with a `start_date`; anything
    /// else, broken files included, is read (and reported on) as the native format.
    pub fn detect(text: &str) -> Format {
        let has = |path: &str| locate::find(text, path).is_some();
        if has("parley") || has("zone") {
            return Format::Native;
        }
        let title_is_a_slide =
            locate::find(text, "title").is_some_and(|at| text.as_bytes().get(at) == Some(&b'{'));
        let slides = (0..4).any(|i| has(&format!("events[{i}].start_date")));
        // A TimelineJS 2 file keeps everything in a `timeline` object.
        let version_2 =
            locate::find(text, "timeline").is_some_and(|at| text.as_bytes().get(at) == Some(&b'{'));
        if title_is_a_slide || slides || version_2 || has("eras") || has("scale") {
            Format::TimelineJs
        } else {
            Format::Native
        }
    }
}

/// How to read a file: its format (`None`: tell from its shape) and the zone for times
/// written without one (TimelineJS has no zones; `None`: UTC).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LoadOptions {
    pub format: Option<Format>,
    pub zone: Option<Tz>,
}

/// Reads and validates a dataset held in memory, in the format the options say or
/// detected; `name` is used in messages.
pub fn load_str_with(name: &str, text: &str, options: LoadOptions) -> Result<Timeline, LoadError> {
    match options.format.unwrap_or_else(|| Format::detect(text)) {
        Format::Native => native::load_str(name, text),
        Format::TimelineJs => timelinejs::load_str(name, text, options.zone),
    }
}

/// Reads and validates a dataset file as the options say.
pub fn load_file_with(path: &Path, options: LoadOptions) -> Result<Timeline, LoadError> {
    load_file_watching(path, options, &mut |_| {})
}

/// [`load_file_with`], telling `progress` how far it has read.
pub fn load_file_watching(
    path: &Path,
    options: LoadOptions,
    progress: &mut dyn FnMut(stream::Progress),
) -> Result<Timeline, LoadError> {
    // A sound native file is read a window at a time; so is one with problems, for
    // them all, placed. Anything else is read whole.
    let streamable = options.format != Some(Format::TimelineJs)
        && std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() <= MAX_FILE_BYTES);
    let name = path.display().to_string();
    if streamable {
        let mut last = stream::Progress::default();
        let why = match stream::load_or_why(path, &mut |p| {
            last = p;
            progress(p);
        }) {
            Ok(timeline) => return Ok(timeline),
            Err(why) => why,
        };
        progress(stream::Progress {
            rereading: true,
            ..last
        });
        // A file with problems, or a syntax error, is checked a window at a time.
        let fault = match why {
            GiveUpReason::Problem
            | GiveUpReason::SecondHalf
            | GiveUpReason::Id
            | GiveUpReason::Syntax => match stream::check(path, &name, progress) {
                stream::Checked::Problems(e) => return Err(e),
                stream::Checked::Sound => None,
                stream::Checked::GaveUp(fault) => Some(fault),
            },
            GiveUpReason::NotUtf8 | GiveUpReason::TooLong => Some(None),
            _ => None,
        };
        if let Some(fault) = fault {
            // What the whole-file reader finds before parsing, found without holding the
            // file: a file broken at its first byte, or one huge string, is reported so.
            if let Some(e) = stream::precheck(path, &name) {
                return Err(e);
            }
            // A syntax error, from the part of a native file where it is.
            let native = options.format == Some(Format::Native) || stream::surely_native(path);
            // One only the end of the dataset shows, from the whole file parsed as it
            // streams by.
            if let Some(fault) = fault.filter(|_| native)
                && let Some(e) = stream::fault_error(path, &name, fault)
                    .or_else(|| stream::streamed_error(path, &name))
            {
                return Err(e);
            }
        }
    }
    let text = read_text(path)?;
    load_str_with(&name, &text, options)
}

/// The dataset bundled with parley: the Miami talks of December 2025.
pub const BUNDLED: &str = include_str!("../../assets/miami-talks-2025.json");
pub const BUNDLED_NAME: &str = "miami-talks-2025.json (bundled)";

/// One thing wrong with a file, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// 1-based; 0 when the problem is with the file as a whole.
    pub line: usize,
    pub column: usize,
    /// JSON path of the value at fault (`events[3].time.start`), empty for the file.
    pub path: String,
    /// What is wrong and what was expected.
    pub message: String,
}

/// Why a file could not be loaded: every problem found, in file order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    /// The file as the user named it.
    pub file: String,
    pub problems: Vec<Problem>,
}

impl LoadError {
    /// One problem at a byte offset of the file's text.
    pub fn at(file: &str, text: &str, offset: usize, message: impl Into<String>) -> LoadError {
        let (line, column) = locate::line_column(text, offset);
        LoadError::at_place(file, line, column, message)
    }

    /// One problem at a line and column.
    pub fn at_place(
        file: &str,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> LoadError {
        LoadError {
            file: clean_line(file).into_owned(),
            problems: vec![Problem {
                line,
                column,
                path: String::new(),
                message: clean_line(&message.into()).into_owned(),
            }],
        }
    }

    /// A problem with the file as a whole (missing, unreadable, not text).
    pub fn whole_file(file: &str, message: impl Into<String>) -> LoadError {
        LoadError {
            file: clean_line(file).into_owned(),
            problems: vec![Problem {
                line: 0,
                column: 0,
                path: String::new(),
                message: clean_line(&message.into()).into_owned(),
            }],
        }
    }
}

/// A file's notes as its problems, for `check --strict`.
pub fn notes_as_problems(file: &str, notes: Vec<crate::model::note::Note>) -> LoadError {
    LoadError {
        file: file.to_string(),
        problems: notes
            .into_iter()
            .map(|n| Problem {
                line: n.line,
                column: n.column,
                path: n.path,
                message: n.message,
            })
            .collect(),
    }
}

/// How many problems of one kind a report shows; the rest are counted.
pub const SHOWN_PER_KIND: usize = 100;

impl Problem {
    /// What kind of problem this is, the same for every problem its message words
    /// alike: the message without what it quotes, its numbers and its explanations
    /// ("unknown status 'hled' (expected ...)" is of the kind "unknown status").
    pub fn kind(&self) -> String {
        kind_of(&self.message)
    }
}

pub(crate) fn kind_of(message: &str) -> String {
    let head = message.split([';', ':', ',']).next().unwrap_or(message);
    // What it quotes stands as `…`; what it explains in brackets goes.
    let mut plain = String::with_capacity(head.len());
    let (mut quote, mut depth) = (None, 0usize);
    for c in head.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if matches!(c, '\'' | '`' | '"') => {
                quote = Some(c);
                if depth == 0 {
                    plain.push_str(" … ");
                }
            }
            None if c == '(' => depth += 1,
            None if c == ')' => depth = depth.saturating_sub(1),
            None if depth == 0 => plain.push(c),
            None => {}
        }
    }
    let words: Vec<&str> = plain
        .split_whitespace()
        .filter(|w| !w.chars().any(|c| c.is_ascii_digit()))
        .collect();
    let mut words = &words[..];
    while let [first, rest @ ..] = words
        && *first == "…"
    {
        words = rest;
    }
    while let [rest @ .., last] = words
        && *last == "…"
    {
        words = rest;
    }
    if words.is_empty() {
        "other".into()
    } else {
        words.join(" ")
    }
}

impl LoadError {
    /// Writes the problems one a line, as [`fmt::Display`] does, then how many there
    /// are. With `per_kind`, only the first so many of each kind are written, and the
    /// rest counted by kind.
    pub fn write_report(&self, out: &mut dyn io::Write, per_kind: Option<usize>) -> io::Result<()> {
        self.write_counted(out, per_kind, ("problem", "problems"), &[])
    }

    /// [`LoadError::write_report`], calling each entry `noun` (singular, plural), with
    /// `more` of some kinds (kind, how many) counted and not among the problems: a valid
    /// file's notes are reported as its problems would be.
    pub fn write_counted(
        &self,
        out: &mut dyn io::Write,
        per_kind: Option<usize>,
        noun: (&str, &str),
        more: &[(String, usize)],
    ) -> io::Result<()> {
        let cap = per_kind.unwrap_or(usize::MAX);
        // Each kind's number of problems, in the order the kinds first appear.
        let mut kinds: Vec<(String, usize)> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for p in &self.problems {
            let seen = if cap == usize::MAX {
                0
            } else {
                let k = *index.entry(p.kind()).or_insert_with_key(|kind| {
                    kinds.push((kind.clone(), 0));
                    kinds.len() - 1
                });
                kinds[k].1 += 1;
                kinds[k].1
            };
            if seen <= cap {
                self.write_problem(out, p)?;
            }
        }
        for (kind, n) in more {
            match index.get(kind) {
                Some(&k) => kinds[k].1 += n,
                None => {
                    index.insert(kind.clone(), kinds.len());
                    kinds.push((kind.clone(), cap.saturating_add(*n)));
                }
            }
        }
        let mut hidden = 0;
        for (kind, n) in &kinds {
            if let Some(more) = n.checked_sub(cap).filter(|&m| m > 0) {
                hidden += more;
                writeln!(
                    out,
                    "{}: … and {} of the kind `{kind}`",
                    self.file,
                    count(
                        more,
                        &format!("more {}", noun.0),
                        &format!("more {}", noun.1)
                    )
                )?;
            }
        }
        let total = self.problems.len() + more.iter().map(|(_, n)| n).sum::<usize>();
        if hidden > 0 {
            writeln!(
                out,
                "{}: {} ({} shown; `parley check --all` lists every one)",
                self.file,
                count(total, noun.0, noun.1),
                thousands(total - hidden)
            )?;
        } else if total > 1 {
            writeln!(out, "{}: {}", self.file, count(total, noun.0, noun.1))?;
        }
        Ok(())
    }

    fn write_problem(&self, out: &mut dyn io::Write, p: &Problem) -> io::Result<()> {
        if p.line > 0 {
            writeln!(out, "{}:{p}", self.file)
        } else {
            writeln!(out, "{}: {p}", self.file)
        }
    }
}

impl fmt::Display for Problem {
    /// `12:5: events[3].time.start: what is wrong`, or just the message for a file.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::model::note::write_placed(f, self.line, self.column, &self.path, &self.message)
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            if p.line > 0 {
                write!(f, "{}:{p}", self.file)?;
            } else {
                write!(f, "{}: {p}", self.file)?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

/// Reads and validates a dataset file, in the format its shape shows.
pub fn load_file(path: &Path) -> Result<Timeline, LoadError> {
    load_file_with(path, LoadOptions::default())
}

/// The bundled dataset.
pub fn load_bundled() -> Result<Timeline, LoadError> {
    native::load_str(BUNDLED_NAME, BUNDLED)
}

/// Files larger than this are refused before reading: 4 GiB.
pub const MAX_FILE_BYTES: u64 = 4 << 30;

/// A file's contents as UTF-8 text, or one clear problem naming the file.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let name = path.display().to_string();
    if path.is_dir() {
        return Err(LoadError::whole_file(
            &name,
            "is a directory, not a dataset file",
        ));
    }
    if let Ok(meta) = std::fs::metadata(path) {
        if !meta.is_file() {
            return Err(LoadError::whole_file(
                &name,
                "is not a regular file (a device, a pipe or a socket); give parley a dataset file",
            ));
        }
        if meta.len() > MAX_FILE_BYTES {
            return Err(LoadError::whole_file(
                &name,
                format!("is {} bytes; parley reads files of up to 4 GiB", meta.len()),
            ));
        }
    }
    let bytes = std::fs::read(path).map_err(|e| {
        let why = match e.kind() {
            ErrorKind::NotFound => "no such file".to_string(),
            ErrorKind::PermissionDenied => "permission denied: cannot read it".to_string(),
            _ => format!("cannot read it: {e}"),
        };
        LoadError::whole_file(&name, why)
    })?;
    decode(&name, bytes)
}

/// Said of a file starting with a UTF-16 byte order mark.
pub(crate) const UTF16: &str = "is UTF-16 text; parley reads UTF-8 (save the file as UTF-8)";

/// Said where a file stops being UTF-8.
pub(crate) const NOT_UTF8: &str = "not UTF-8 text (expected a JSON file in UTF-8)";

/// Bytes to text: UTF-8, with or without a byte-order mark.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<String, LoadError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(LoadError::whole_file(name, UTF16));
    }
    let bytes = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        LoadError::at(name, &text, valid, NOT_UTF8)
    })
}

#[cfg(test)]
mod kind_tests {
    use super::kind_of;

    #[test]
    fn a_kind_is_the_wording_without_what_it_quotes() {
        for (message, kind) in [
            (
                "unknown status 'hled' (expected held or ongoing)",
                "unknown status",
            ),
            ("unknown status 'x y' (expected held)", "unknown status"),
            (
                "2025-02-30 is not a date (that month has no day 30)",
                "is not a date",
            ),
            (
                "'teatime' is not a part of the day (expected one of a, b)",
                "is not a part of the day",
            ),
            (
                "the end (2025-12-03) is before the start (2025-12-04)",
                "the end is before the start",
            ),
            (
                "duplicate id 'a' (already used by events[0])",
                "duplicate id",
            ),
            (
                "'five hours' is not a duration; expected a duration",
                "is not a duration",
            ),
            (
                r#"a claim needs a 'person' (a participant id) or a 'speaker' (e.g. "x")"#,
                "a claim needs a … or a",
            ),
            (
                "unknown field `x`, expected one of `a`, `b`",
                "unknown field",
            ),
            ("empty title", "empty title"),
            ("(", "other"),
        ] {
            assert_eq!(kind_of(message), kind, "{message}");
        }
    }
}
