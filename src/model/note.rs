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
        if self.line > 0 {
            write!(f, "{}:{}: ", self.line, self.column)?;
        }
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)
    }
}
