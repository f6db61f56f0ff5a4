//! Notes on a load: what an import renamed, ignored or dropped, and why. A file with
//! notes still loads; `parley check --strict` treats them as problems.

use std::fmt;

/// One thing an import changed or left out, and where in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// 1-based; 0 when the note is about the file as a whole.
    pub line: usize,
    pub column: usize,
    /// JSON path of the value concerned (`events[3].start_date.thumbnail`), empty for
    /// the file.
    pub path: String,
    /// What was done and why, already cleaned for the terminal.
    pub message: String,
}

impl fmt::Display for Note {
    /// `12:5: events[3].unique_id: what was done`, as problems are written.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_placed(f, self.line, self.column, &self.path, &self.message)
    }
}

/// `12:5: events[3].time.start: message`: a line and column when known (`line` 0 for
/// none), a JSON path when there is one, then the message; notes and problems alike.
pub fn write_placed(
    f: &mut fmt::Formatter<'_>,
    line: usize,
    column: usize,
    path: &str,
    message: &str,
) -> fmt::Result {
    if line > 0 {
        write!(f, "{line}:{column}: ")?;
    }
    if !path.is_empty() {
        write!(f, "{path}: ")?;
    }
    f.write_str(message)
}
