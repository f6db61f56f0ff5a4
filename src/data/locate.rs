//! Finding where a JSON path points in the text of a file, to report line:column.
//!
//! Only runs when something is wrong, so the fast path (serde straight into the
//! format's types) never pays for positions. Many problems are placed by one
//! [`Locator`] and one [`line_columns`] sweep, so that placing them all costs about one
//! reading of the file, not one per problem.

use std::collections::HashMap;

/// One step of a JSON path: `events[3].time.start` is `events`, `3`, `time`, `start`.
#[derive(Debug, PartialEq, Eq)]
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

fn steps(path: &str) -> Vec<Step<'_>> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, mut rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            out.push(Step::Key(key));
        }
        while let Some(inner) = rest.strip_prefix('[') {
            let Some(close) = inner.find(']') else { break };
            if let Ok(n) = inner[..close].parse() {
                out.push(Step::Index(n));
            }
            rest = &inner[close + 1..];
        }
    }
    out
}

struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// Skips a string starting at its opening quote; returns its raw contents.
    fn string(&mut self) -> Option<&'a [u8]> {
        if self.peek() != Some(b'"') {
            return None;
        }
        self.pos += 1;
        let start = self.pos;
        let bytes: &'a [u8] = self.bytes;
        loop {
            self.pos += memchr::memchr2(b'"', b'\\', bytes.get(self.pos..)?)?;
            if bytes[self.pos] == b'"' {
                let s = &bytes[start..self.pos];
                self.pos += 1;
                return Some(s);
            }
            self.pos += 2;
        }
    }

    /// Skips one value of any depth without recursion.
    fn skip_value(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            self.skip_ws();
            match self.peek()? {
                b'"' => {
                    self.string()?;
                }
                b'{' | b'[' => {
                    depth += 1;
                    self.pos += 1;
                    continue;
                }
                b'}' | b']' => {
                    depth = depth.checked_sub(1)?;
                    self.pos += 1;
                }
                b',' | b':' => {
                    self.pos += 1;
                    continue;
                }
                _ => {
                    while !matches!(
                        self.peek(),
                        None | Some(b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t')
                    ) {
                        self.pos += 1;
                    }
                }
            }
            if depth == 0 {
                return Some(());
            }
        }
    }

    /// Moves into the member `key` of the object here.
    fn enter_key(&mut self, key: &str) -> Option<()> {
        self.skip_ws();
        if self.peek()? != b'{' {
            return None;
        }
        self.pos += 1;
        loop {
            self.skip_ws();
            let name = self.string()?;
            let found = name == key.as_bytes();
            self.skip_ws();
            if self.peek()? != b':' {
                return None;
            }
            self.pos += 1;
            self.skip_ws();
            if found {
                return Some(());
            }
            self.skip_value()?;
            self.skip_ws();
            if self.peek()? != b',' {
                return None;
            }
            self.pos += 1;
        }
    }

    /// Moves into element `n` of the array here.
    fn enter_index(&mut self, n: usize) -> Option<()> {
        self.skip_ws();
        if self.peek()? != b'[' {
            return None;
        }
        self.pos += 1;
        for _ in 0..n {
            self.skip_value()?;
            self.skip_ws();
            if self.peek()? != b',' {
                return None;
            }
            self.pos += 1;
        }
        self.skip_ws();
        Some(())
    }
}

/// What a container holds, indexed the first time a path enters it.
enum Container<'a> {
    /// Where each element starts (after white space); one more entry after a
    /// trailing comma, or the closing bracket of an empty array, as [`Cursor`] finds.
    Array(Vec<usize>),
    /// Each member's value offset by its name as written; the first of a repeated name.
    Object(HashMap<&'a [u8], usize, foldhash::fast::RandomState>),
}

/// Finds many paths in one text: each object and array a path enters is indexed once,
/// so that finding every problem of a file costs about one walk of the file, however
/// many problems there are.
pub struct Locator<'a> {
    bytes: &'a [u8],
    /// By the offset of their opening brace or bracket.
    containers: HashMap<usize, Container<'a>, foldhash::fast::RandomState>,
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Locator<'a> {
        Locator {
            bytes: text.as_bytes(),
            containers: HashMap::default(),
        }
    }

    /// Byte offset of the value at `path`, or of the deepest part of it that exists:
    /// the same as [`offset_of`].
    pub fn offset_of(&mut self, path: &str) -> usize {
        let mut c = Cursor {
            bytes: self.bytes,
            pos: 0,
        };
        c.skip_ws();
        let mut found = c.pos;
        for step in steps(path) {
            let next = match step {
                Step::Key(k) => self.member(found, k),
                Step::Index(n) => self.element(found, n),
            };
            match next {
                Some(at) => found = at,
                None => break,
            }
        }
        found
    }

    fn member(&mut self, at: usize, key: &str) -> Option<usize> {
        let bytes = self.bytes;
        let index = self.containers.entry(at).or_insert_with(|| {
            let mut members = HashMap::default();
            let mut c = Cursor { bytes, pos: at };
            // The members up to the end of the object, or up to whatever breaks it.
            let _ = (|| -> Option<()> {
                if c.peek()? != b'{' {
                    return None;
                }
                c.pos += 1;
                loop {
                    c.skip_ws();
                    let name = c.string()?;
                    c.skip_ws();
                    if c.peek()? != b':' {
                        return None;
                    }
                    c.pos += 1;
                    c.skip_ws();
                    members.entry(name).or_insert(c.pos);
                    c.skip_value()?;
                    c.skip_ws();
                    if c.peek()? != b',' {
                        return None;
                    }
                    c.pos += 1;
                }
            })();
            Container::Object(members)
        });
        match index {
            Container::Object(members) => members.get(key.as_bytes()).copied(),
            Container::Array(_) => None,
        }
    }

    fn element(&mut self, at: usize, n: usize) -> Option<usize> {
        let bytes = self.bytes;
        let index = self.containers.entry(at).or_insert_with(|| {
            let mut starts = Vec::new();
            let mut c = Cursor { bytes, pos: at };
            let _ = (|| -> Option<()> {
                if c.peek()? != b'[' {
                    return None;
                }
                c.pos += 1;
                c.skip_ws();
                starts.push(c.pos);
                loop {
                    c.skip_value()?;
                    c.skip_ws();
                    if c.peek()? != b',' {
                        return None;
                    }
                    c.pos += 1;
                    c.skip_ws();
                    starts.push(c.pos);
                }
            })();
            Container::Array(starts)
        });
        match index {
            Container::Array(starts) => starts.get(n).copied(),
            Container::Object(_) => None,
        }
    }
}

/// Byte offset of the value at `path`, or of the deepest part of it that exists.
pub fn offset_of(text: &str, path: &str) -> usize {
    let mut c = Cursor {
        bytes: text.as_bytes(),
        pos: 0,
    };
    c.skip_ws();
    let mut found = c.pos;
    for step in steps(path) {
        let ok = match step {
            Step::Key(k) => c.enter_key(k),
            Step::Index(n) => c.enter_index(n),
        };
        if ok.is_none() {
            break;
        }
        found = c.pos;
    }
    found
}

/// Byte offset of the value at `path`, if the whole path exists.
pub fn find(text: &str, path: &str) -> Option<usize> {
    let steps = steps(path);
    // Keys are compared as written, so each is in the text in quotes: a search (many
    // times faster than a walk) tells most absent ones, as telling a format asks.
    let absent = |key: &str| {
        let quoted = format!("\"{key}\"");
        memchr::memmem::find(text.as_bytes(), quoted.as_bytes()).is_none()
    };
    if steps.iter().any(|s| matches!(s, Step::Key(k) if absent(k))) {
        return None;
    }
    let mut c = Cursor {
        bytes: text.as_bytes(),
        pos: 0,
    };
    c.skip_ws();
    for step in steps {
        match step {
            Step::Key(k) => c.enter_key(k)?,
            Step::Index(n) => {
                c.enter_index(n)?;
                // `[]` has no element 0.
                if c.peek() == Some(b']') {
                    return None;
                }
            }
        }
    }
    Some(c.pos)
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// A line and column reached by reading a text from its start, a piece at a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineColumn {
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
}

impl Default for LineColumn {
    fn default() -> LineColumn {
        LineColumn { line: 1, column: 1 }
    }
}

impl LineColumn {
    /// Moves past `bytes`, the next piece of the text (pieces may split a character).
    pub fn advance(&mut self, bytes: &[u8]) {
        let chars = |b: &[u8]| b.iter().filter(|&&b| b & 0xC0 != 0x80).count();
        match memchr::memrchr(b'\n', bytes) {
            Some(last) => {
                self.line += memchr::memchr_iter(b'\n', bytes).count();
                self.column = 1 + chars(&bytes[last + 1..]);
            }
            None => self.column += chars(bytes),
        }
    }
}

/// The line and column of each byte offset of `text`, in one sweep of the text.
pub fn line_columns(text: &str, offsets: &[usize]) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&k| offsets[k]);
    let mut out = vec![(0, 0); offsets.len()];
    let (mut here, mut at) = (LineColumn::default(), 0);
    for k in order {
        let to = offsets[k].min(text.len());
        here.advance(&text.as_bytes()[at..to]);
        at = to;
        out[k] = (here.line, here.column);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"{
  "title": "x",
  "events": [
    {"id": "a", "time": {"start": "2025"}},
    {"id": "b", "nested": [[1, {"k": "]"}]], "time": {"start": "bad"}}
  ]
}"#;

    #[test]
    fn parses_paths() {
        assert_eq!(
            steps("events[3].time.start"),
            vec![
                Step::Key("events"),
                Step::Index(3),
                Step::Key("time"),
                Step::Key("start")
            ]
        );
    }

    #[test]
    fn finds_nested_values() {
        let at = offset_of(DOC, "events[1].time.start");
        assert_eq!(line_column(DOC, at), (5, 64));
        assert_eq!(&DOC[at..at + 5], "\"bad\"");
    }

    #[test]
    fn finds_only_whole_paths() {
        assert_eq!(find(DOC, "events[0].time.start"), DOC.find("\"2025\""));
        assert_eq!(find(DOC, "events[1].place"), None);
        assert_eq!(find(DOC, "events[2]"), None);
        assert_eq!(find("[1, 2]", "events"), None);
        assert_eq!(find(r#"{"events": []}"#, "events[0]"), None);
        // Keys are matched as written, in the text or not: a key in a value, or one
        // written with an escape, is not the key.
        assert_eq!(find(r#"{"a": "\"zone\"", "b": {"zone": 1}}"#, "zone"), None);
        assert_eq!(find(r#"{"\u007aone": "UTC"}"#, "zone"), None);
        assert_eq!(find(r#"{"x": 1, "zone": "UTC"}"#, "zone"), Some(17));
        assert_eq!(find(r#"{"x": {"zone": 2}, "zone": 3}"#, "x.zone"), Some(15));
    }

    #[test]
    fn the_locator_finds_what_offset_of_finds() {
        let paths = [
            "events[1].time.start",
            "events[0].time.start",
            "events[1].place",
            "events[7]",
            "events[1].nested[0][1].k",
            "title",
            "nowhere.at.all",
            "",
            "title[0]",
            "events.x",
        ];
        let mut locator = Locator::new(DOC);
        for path in paths {
            assert_eq!(locator.offset_of(path), offset_of(DOC, path), "{path}");
        }
        for doc in [
            "[]",
            "{}",
            "{\"a\": []}",
            "{\"a\": [1, ]}",
            "{\"a\" 1}",
            "",
            "{\"a\": [[], {\"b\": 2",
        ] {
            let mut locator = Locator::new(doc);
            for path in ["a", "a[0]", "a[1]", "a[1].b", "a[0][0]", "b"] {
                assert_eq!(
                    locator.offset_of(path),
                    offset_of(doc, path),
                    "{doc} {path}"
                );
            }
        }
    }

    #[test]
    fn one_sweep_gives_the_lines_and_columns_of_each_offset() {
        let text = "ab\né\n\nxyz";
        let offsets: Vec<usize> = (0..=text.len()).rev().collect();
        let swept = line_columns(text, &offsets);
        for (k, &at) in offsets.iter().enumerate() {
            let mut one = LineColumn::default();
            one.advance(&text.as_bytes()[..at]);
            assert_eq!(swept[k], (one.line, one.column), "{at}");
            if text.is_char_boundary(at) {
                assert_eq!(swept[k], line_column(text, at), "{at}");
            }
        }
    }

    #[test]
    fn falls_back_to_the_deepest_existing_part() {
        let at = offset_of(DOC, "events[1].place");
        assert_eq!(line_column(DOC, at), (5, 5));
        let at = offset_of(DOC, "events[7]");
        assert_eq!(line_column(DOC, at), (3, 13));
    }
}
