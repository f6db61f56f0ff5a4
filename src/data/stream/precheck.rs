//! What the whole-file reader finds before it parses any JSON, found a piece of the
//! file at a time: text that is not UTF-8, a string over the limit, an empty file, a
//! top that is not an object. A file wrong at its first byte, or holding one string of
//! a gibibyte, is thus reported with no more memory than a piece of it.

use std::io::{BufRead, BufReader};

use super::*;
use crate::data::native::{MAX_STRING_CHARS, NATIVE, Shape, overlong_message};
use crate::data::{LoadError, NOT_UTF8, UTF16};

/// How much of the file is looked at a time.
const PIECE: usize = 1 << 20;

/// The lengths of the strings of a text read a piece at a time, counted as
/// [`overlong_string`] counts them: characters as decoded (`\n` and `\u0436` are one
/// each, the second half of a surrogate pair none).
pub(super) struct Strings {
    /// The longest string allowed, in characters.
    limit: u64,
    /// The offset of the open string's quote.
    open: Option<u64>,
    /// Its length so far.
    length: u64,
    /// Where the last piece ended inside an escape.
    escape: Escape,
    /// The first string over the limit: its quote's offset and its whole length.
    pub(super) too_long: Option<(u64, u64)>,
}

/// How far into an escape the last piece ended.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Escape {
    None,
    /// Just after the backslash.
    Backslash,
    /// In `\uXXXX`, `seen` hex digits read; `low` while they can still make it the
    /// second half of a surrogate pair (`DC00`-`DFFF`).
    Unicode {
        seen: u8,
        low: bool,
    },
}

impl Default for Strings {
    fn default() -> Strings {
        Strings::over(MAX_STRING_CHARS)
    }
}

impl Strings {
    /// Counts against a limit of `limit` characters.
    pub(super) fn over(limit: usize) -> Strings {
        Strings {
            limit: limit as u64,
            open: None,
            length: 0,
            escape: Escape::None,
            too_long: None,
        }
    }

    /// Reads `bytes`, which start at `offset`.
    pub(super) fn read(&mut self, offset: u64, bytes: &[u8]) {
        let mut i = 0;
        while i < bytes.len() {
            let Some(start) = self.open else {
                if self.too_long.is_some() {
                    return;
                }
                match memchr::memchr(b'"', &bytes[i..]) {
                    Some(k) => {
                        self.open = Some(offset + (i + k) as u64);
                        self.length = 0;
                        i += k + 1;
                        continue;
                    }
                    None => return,
                }
            };
            match self.escape {
                Escape::Backslash => {
                    if bytes[i] == b'u' {
                        self.escape = Escape::Unicode { seen: 0, low: true };
                    } else {
                        self.escape = Escape::None;
                        self.length += 1;
                    }
                    i += 1;
                    continue;
                }
                Escape::Unicode { seen, low } => {
                    let b = bytes[i];
                    let low = low
                        && match seen {
                            0 => matches!(b, b'd' | b'D'),
                            1 => matches!(b, b'c'..=b'f' | b'C'..=b'F'),
                            _ => true,
                        };
                    self.escape = if seen == 3 {
                        self.length += u64::from(!low);
                        Escape::None
                    } else {
                        Escape::Unicode {
                            seen: seen + 1,
                            low,
                        }
                    };
                    i += 1;
                    continue;
                }
                Escape::None => {}
            }
            let (k, end) = match memchr::memchr2(b'"', b'\\', &bytes[i..]) {
                Some(k) => (k, Some(bytes[i + k])),
                None => (bytes.len() - i, None),
            };
            // Each character counted at its first byte.
            self.length += bytes[i..i + k]
                .iter()
                .filter(|&&b| b & 0xC0 != 0x80)
                .count() as u64;
            i += k;
            match end {
                Some(b'"') => {
                    i += 1;
                    self.close(start);
                }
                Some(_) => {
                    i += 1;
                    self.escape = Escape::Backslash;
                }
                None => {}
            }
        }
    }

    fn close(&mut self, start: u64) {
        self.open = None;
        self.escape = Escape::None;
        if self.length > self.limit {
            self.too_long = Some((start, self.length));
        }
    }

    /// Whether a string read so far is over the limit, the one still open included.
    pub(super) fn over_limit(&self) -> bool {
        self.too_long.is_some() || (self.open.is_some() && self.length > self.limit)
    }

    /// At the end of the text: a string still open ends there.
    pub(super) fn end(&mut self) {
        if let Some(start) = self.open {
            // An escape cut short by the end counts as one character, as in
            // `overlong_string`, unless it is plainly a pair's second half.
            self.length += match self.escape {
                Escape::None => 0,
                Escape::Backslash => 1,
                Escape::Unicode { seen, low } => u64::from(seen < 2 || !low),
            };
            self.close(start);
        }
    }
}

/// The first of the problems the whole-file reader finds before parsing, in the order
/// it looks for them; `None` if there is none (or the file cannot be read: the
/// whole-file reader says why).
pub(in crate::data) fn precheck(path: &Path, name: &str) -> Option<LoadError> {
    precheck_in_pieces(path, name, &NATIVE, PIECE)
        .ok()
        .flatten()
}

/// [`precheck`] for a format of this `shape`, reading `piece` bytes at a time.
pub(super) fn precheck_in_pieces(
    path: &Path,
    name: &str,
    shape: &Shape,
    piece: usize,
) -> io::Result<Option<LoadError>> {
    let mut file = File::open(path)?;
    let mut first = Vec::with_capacity(3);
    (&mut file).take(3).read_to_end(&mut first)?;
    if first.starts_with(&[0xFF, 0xFE]) || first.starts_with(&[0xFE, 0xFF]) {
        return Ok(Some(LoadError::whole_file(name, UTF16)));
    }
    let from: u64 = if first.starts_with(&[0xEF, 0xBB, 0xBF]) {
        3
    } else {
        0
    };
    file.seek(SeekFrom::Start(from))?;
    let mut reader = BufReader::with_capacity(piece, &mut file);
    let mut at = from;
    // Bytes of a character cut short by the end of a piece.
    let mut carry: Vec<u8> = Vec::new();
    let mut not_utf8 = None;
    let mut strings = Strings::default();
    // The first character that is not white space, and where the last one ends.
    let mut first_char: Option<(u64, char)> = None;
    let mut body = [0u8; 5];
    let mut body_len = 0;
    let mut last_end = from;
    let mut piece = Vec::with_capacity(piece + 4);
    loop {
        let bytes = reader.fill_buf()?;
        if bytes.is_empty() {
            break;
        }
        let n = bytes.len();
        piece.clear();
        piece.extend_from_slice(&carry);
        piece.extend_from_slice(bytes);
        reader.consume(n);
        let piece_at = at - carry.len() as u64;
        at += n as u64;
        carry.clear();
        let valid = match std::str::from_utf8(&piece) {
            Ok(text) => text,
            Err(e) => {
                let up_to = e.valid_up_to();
                if e.error_len().is_some() {
                    not_utf8 = Some(piece_at + up_to as u64);
                    break;
                }
                carry.extend_from_slice(&piece[up_to..]);
                std::str::from_utf8(&piece[..up_to]).unwrap_or_default()
            }
        };
        strings.read(piece_at, valid.as_bytes());
        if first_char.is_none()
            && let Some((k, c)) = valid.char_indices().find(|(_, c)| !c.is_whitespace())
        {
            first_char = Some((piece_at + k as u64, c));
        }
        if let Some((start, _)) = first_char
            && body_len < body.len()
        {
            let skip = start.saturating_sub(piece_at) as usize;
            for &b in valid
                .as_bytes()
                .iter()
                .skip(skip)
                .take(body.len() - body_len)
            {
                body[body_len] = b;
                body_len += 1;
            }
        }
        let trimmed = valid.trim_end();
        if !trimmed.is_empty() {
            last_end = piece_at + trimmed.len() as u64;
        }
    }
    if not_utf8.is_none() && !carry.is_empty() {
        // The file ends inside a character.
        not_utf8 = Some(at - carry.len() as u64);
    }
    let place = |file: &mut File, offset: u64| -> io::Result<(usize, usize)> {
        Ok(check::sweep(file, from, &[offset])?
            .first()
            .copied()
            .unwrap_or((1, 1)))
    };
    if let Some(offset) = not_utf8 {
        let (line, column) = place(&mut file, offset)?;
        return Ok(Some(LoadError::at_place(name, line, column, NOT_UTF8)));
    }
    strings.end();
    if let Some((offset, length)) = strings.too_long {
        let (line, column) = place(&mut file, offset)?;
        let message = overlong_message(usize::try_from(length).unwrap_or(usize::MAX));
        return Ok(Some(LoadError::at_place(name, line, column, message)));
    }
    let Some((start, c)) = first_char else {
        return Ok(Some(LoadError::whole_file(name, shape.empty)));
    };
    if c == '{' {
        return Ok(None);
    }
    let body = &body[..body_len];
    let word = |w: &str| body.starts_with(w.as_bytes()) && last_end == start + w.len() as u64;
    let found = match c {
        '[' => "an array",
        '"' => "a string",
        '0'..='9' | '-' => "a number",
        _ if word("true") || word("false") => "a boolean",
        _ if word("null") => "null",
        _ => "something that is not JSON",
    };
    let (line, column) = place(&mut file, start)?;
    Ok(Some(LoadError::at_place(
        name,
        line,
        column,
        format!("expected {} at the top, found {found}", shape.top),
    )))
}
