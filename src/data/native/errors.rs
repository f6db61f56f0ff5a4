//! How the native format's problems are worded and placed: JSON errors in the
//! reader's words, and problems given as JSON paths put at line:column.

use serde::de::DeserializeOwned;

use super::RawDataset;
use crate::data::locate;
use crate::data::{LoadError, Problem};
use crate::model::text::clean_line;

/// Problems given as (JSON path, message), placed at line:column in `source` and put in
/// file order.
pub fn located(name: &str, source: &str, problems: Vec<(String, String)>) -> LoadError {
    let mut locator = locate::Locator::new(source);
    let offsets: Vec<usize> = problems
        .iter()
        .map(|(path, _)| locator.offset_of(path))
        .collect();
    drop(locator);
    let places = locate::line_columns(source, &offsets);
    let offsets = offsets.into_iter().map(|at| at as u64).collect();
    placed(name, problems, offsets, places)
}

/// Problems given as (JSON path, message), each with its byte offset and its line and
/// column, put in file order.
pub(in crate::data) fn placed(
    name: &str,
    problems: Vec<(String, String)>,
    offsets: Vec<u64>,
    places: Vec<(usize, usize)>,
) -> LoadError {
    let mut problems: Vec<(u64, Problem)> = problems
        .into_iter()
        .zip(offsets.into_iter().zip(places))
        .map(|((path, message), (at, (line, column)))| {
            let problem = Problem {
                line,
                column,
                path: clean_line(&path).into_owned(),
                message: clean_line(&message).into_owned(),
            };
            (at, problem)
        })
        .collect();
    problems.sort_by_key(|(at, _)| *at);
    LoadError {
        file: clean_line(name).into_owned(),
        problems: problems.into_iter().map(|(_, p)| p).collect(),
    }
}

/// The longest string a dataset may hold, in characters as decoded (an escape such as
/// `\u0436` is one): a book's worth of text. Longer ones are a sign of a broken or
/// hostile file.
pub const MAX_STRING_CHARS: usize = 16 << 20;

/// Whether a decoded string is longer than [`MAX_STRING_CHARS`]: counted only when its
/// bytes (at least one per character) are more.
pub(in crate::data) fn too_long(s: &str) -> bool {
    s.len() > MAX_STRING_CHARS && s.chars().count() > MAX_STRING_CHARS
}

/// Byte offset and length in characters (as decoded) of the first string of JSON
/// `text` longer than [`MAX_STRING_CHARS`].
pub(in crate::data) fn overlong_string(text: &str) -> Option<(usize, usize)> {
    overlong_string_over(text, MAX_STRING_CHARS)
}

/// [`overlong_string`] for a limit of `limit` characters.
pub(in crate::data) fn overlong_string_over(text: &str, limit: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'"' {
            let start = i;
            let mut chars = 0usize;
            i += 1;
            while i < bytes.len() && bytes[i] != b'"' {
                match bytes[i] {
                    b'\\' if bytes.get(i + 1) == Some(&b'u') => {
                        // `\uXXXX` is one character; the second half of a surrogate pair
                        // adds none.
                        let low = matches!(bytes.get(i + 2), Some(b'd' | b'D'))
                            && matches!(bytes.get(i + 3), Some(b'c'..=b'f' | b'C'..=b'F'));
                        chars += usize::from(!low);
                        i += 6;
                    }
                    b'\\' => {
                        chars += 1;
                        i += 2;
                    }
                    b => {
                        // Each character counted at its first byte.
                        chars += usize::from(b & 0xC0 != 0x80);
                        i += 1;
                    }
                }
            }
            if chars > limit {
                return Some((start, chars));
            }
        }
        i += 1;
    }
    None
}

/// Said of a string over [`MAX_STRING_CHARS`], `len` characters long.
pub(in crate::data) fn overlong_message(len: usize) -> String {
    format!(
        "a string of {len} characters; parley accepts strings of up to {} MiB \
         ({MAX_STRING_CHARS} characters)",
        MAX_STRING_CHARS >> 20
    )
}

/// What a format expects of a file, for the messages of [`parse_json`].
pub struct Shape {
    /// Said of an empty file: "is empty (expected ...)".
    pub empty: &'static str,
    /// What the top of the file should look like.
    pub top: &'static str,
    /// Rust type names in serde's messages, and the words a reader knows them by.
    pub names: &'static [(&'static str, &'static str)],
}

pub(in crate::data) const NATIVE: Shape = Shape {
    empty: "is empty (expected a JSON object with a title, a zone and events)",
    top: r#"a JSON object ({ "title": ..., "zone": ..., "events": [...] })"#,
    names: &[
        ("struct RawDataset", "a dataset object"),
        ("struct RawParty", "a party object"),
        ("struct RawParticipant", "a participant object"),
        ("struct RawPlace", "a place object"),
        ("struct RawTopic", "a topic object"),
        ("struct RawSource", "a source object"),
        ("struct RawEvent", "an event object"),
        ("struct RawTime", "a time object ({ \"start\": ... })"),
        (
            "struct RawAttendance",
            "an attendance object ({ \"person\": ... })",
        ),
        ("struct RawClaim", "a claim object"),
        ("struct RawRelation", "a relation object"),
        // An editor's field: not one to suggest for a misspelt name.
        ("`$schema`, ", ""),
    ],
};

/// JSON text to the format's types; a syntax or shape error is reported with its place.
pub fn parse(name: &str, text: &str) -> Result<RawDataset, LoadError> {
    parse_json(name, text, &NATIVE)
}

/// JSON text to a format's types `T`: refuses overlong strings, empty files and tops
/// that are not objects, and reports a syntax or shape error with its place and path.
pub fn parse_json<T: DeserializeOwned>(
    name: &str,
    text: &str,
    shape: &Shape,
) -> Result<T, LoadError> {
    if let Some((at, len)) = overlong_string(text) {
        return Err(LoadError::at(name, text, at, overlong_message(len)));
    }
    if text.trim().is_empty() {
        return Err(LoadError::whole_file(name, shape.empty));
    }
    let body = text.trim_start();
    if !body.starts_with('{') {
        let word = |w: &str| {
            body.strip_prefix(w)
                .is_some_and(|rest| rest.trim().is_empty())
        };
        let found = match body.chars().next() {
            Some('[') => "an array",
            Some('"') => "a string",
            Some('0'..='9' | '-') => "a number",
            _ if word("true") || word("false") => "a boolean",
            _ if word("null") => "null",
            _ => "something that is not JSON",
        };
        let at = text.len() - text.trim_start().len();
        return Err(LoadError::at(
            name,
            text,
            at,
            format!("expected {} at the top, found {found}", shape.top),
        ));
    }
    match serde_json::from_str::<T>(text) {
        Ok(raw) => Ok(raw),
        Err(first) => {
            // Only on failure: a second pass that knows the JSON path of the fault.
            let mut de = serde_json::Deserializer::from_str(text);
            let path = match serde_path_to_error::deserialize::<_, T>(&mut de) {
                Err(e) => e.path().to_string(),
                Ok(_) => String::new(),
            };
            Err(json_error(name, &first, &path, shape))
        }
    }
}

/// A JSON error as a problem: at serde's place and path (as serde_path_to_error writes
/// it), worded for a reader.
pub(in crate::data) fn json_error(
    name: &str,
    error: &serde_json::Error,
    path: &str,
    shape: &Shape,
) -> LoadError {
    // serde_path_to_error writes an unknown step as "?"; "." is the root.
    let path = path
        .split('.')
        .filter(|step| !step.is_empty() && *step != "?")
        .collect::<Vec<_>>()
        .join(".");
    LoadError {
        file: clean_line(name).into_owned(),
        problems: vec![Problem {
            line: error.line(),
            column: error.column(),
            path: clean_line(&path).into_owned(),
            message: clean_line(&serde_message(error, shape.names)).into_owned(),
        }],
    }
}

/// serde_json's message without its own " at line L column C" suffix.
pub(super) fn serde_message(e: &serde_json::Error, names: &[(&str, &str)]) -> String {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let mut msg = full.strip_suffix(&suffix).unwrap_or(&full).to_string();
    // Name the format's objects as a reader knows them, not by their Rust types.
    for (raw, plain) in names {
        msg = msg.replace(raw, plain);
    }
    match e.classify() {
        serde_json::error::Category::Eof => format!("{msg} (the file ends too early)"),
        serde_json::error::Category::Syntax => format!("{msg} (not valid JSON)"),
        _ => msg,
    }
}
