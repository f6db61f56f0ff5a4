//! Reading datasets from files: the native JSON format and its validation problems.

pub mod locate;
pub mod native;

use std::fmt;
use std::io::ErrorKind;
use std::path::Path;

use crate::model::text::clean_line;
use crate::model::timeline::Timeline;

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

impl fmt::Display for Problem {
    /// "12:5: events[3].time.start: what is wrong", or just the message for a file.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: ", self.line, self.column)?;
        }
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)
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

/// Reads and validates a dataset file.
pub fn load_file(path: &Path) -> Result<Timeline, LoadError> {
    let name = path.display().to_string();
    let text = read_text(path)?;
    native::load_str(&name, &text)
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

/// Bytes to text: UTF-8, with or without a byte-order mark.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<String, LoadError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(LoadError::whole_file(
            name,
            "is UTF-16 text; parley reads UTF-8 (save the file as UTF-8)",
        ));
    }
    let bytes = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        let (line, column) = locate::line_column(&text, valid);
        LoadError {
            file: clean_line(name).into_owned(),
            problems: vec![Problem {
                line,
                column,
                path: String::new(),
                message: "not UTF-8 text (expected a JSON file in UTF-8)".into(),
            }],
        }
    })
}
