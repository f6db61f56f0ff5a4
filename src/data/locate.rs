//! Finding where a JSON path points in the text of a file, to report line:column.
//!
//! Only runs when something is wrong, so the fast path (serde straight into the
//! format's types) never pays for positions.

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

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// Skips a string starting at its opening quote; returns its raw contents.
    fn string(&mut self) -> Option<&[u8]> {
        if self.peek() != Some(b'"') {
            return None;
        }
        self.pos += 1;
        let start = self.pos;
        while let Some(b) = self.peek() {
            match b {
                b'\\' => self.pos += 2,
                b'"' => {
                    let s = &self.bytes[start..self.pos];
                    self.pos += 1;
                    return Some(s);
                }
                _ => self.pos += 1,
            }
        }
        None
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
    let mut c = Cursor {
        bytes: text.as_bytes(),
        pos: 0,
    };
    c.skip_ws();
    for step in steps(path) {
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
    }

    #[test]
    fn falls_back_to_the_deepest_existing_part() {
        let at = offset_of(DOC, "events[1].place");
        assert_eq!(line_column(DOC, at), (5, 5));
        let at = offset_of(DOC, "events[7]");
        assert_eq!(line_column(DOC, at), (3, 13));
    }
}
