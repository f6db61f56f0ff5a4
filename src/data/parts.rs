//! Where the parts of chosen events are written in a native file (`events[i].relations[j]`,
//! `events[i].participants[j]`), found in one streaming pass: a window of the file and
//! one event's positions are held at a time, never the whole text.
//!
//! The file has loaded already, so it is valid JSON; anything else only places less.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// A member of an event whose list elements are placed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum List {
    Relations,
    Participants,
    StatusHistory,
}

impl List {
    /// The member's name in the format.
    pub fn name(self) -> &'static str {
        match self {
            List::Relations => "relations",
            List::Participants => "participants",
            List::StatusHistory => "status_history",
        }
    }
}

/// Where an element of one of an event's lists is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Placed {
    /// The event's index in the file's `events`.
    pub event: usize,
    pub list: List,
    /// The element's index in that list.
    pub element: usize,
    /// 1-based; the column in characters.
    pub line: usize,
    pub column: usize,
}

/// The longest id compared: a longer one is never among those wanted here.
const MAX_ID: usize = 4096;

/// What a key names, as far as the walk cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Key {
    Events,
    Id,
    List(List),
    Other,
}

#[derive(Clone, Copy, Debug)]
enum Frame {
    Object { key: Key, expect_key: bool },
    Array { index: usize },
}

/// The walk's state between windows of the file.
struct Walk<'w> {
    wanted: &'w HashMap<&'w str, Vec<(List, usize)>>,
    stack: Vec<Frame>,
    line: usize,
    column: usize,
    in_string: bool,
    escaped: bool,
    in_scalar: bool,
    /// The bytes of the string being read, when it is a key or an id that matters.
    capture: Option<Vec<u8>>,
    capturing_key: bool,
    /// The event being read: its index, its id once read, its lists' elements.
    event: Option<(usize, Option<String>, Vec<Placed>)>,
    found: HashMap<String, Vec<Placed>>,
}

impl Walk<'_> {
    /// Whether the frames so far are `{"events": [` and, deeper, that event.
    fn in_events(&self) -> bool {
        matches!(
            self.stack.first(),
            Some(Frame::Object {
                key: Key::Events,
                ..
            })
        ) && matches!(self.stack.get(1), Some(Frame::Array { .. }))
    }

    fn value_starts(&mut self, is_string: bool) {
        let depth = self.stack.len();
        if depth < 2 || !self.in_events() {
            return;
        }
        match (
            depth,
            self.stack.get(1),
            self.stack.get(2),
            self.stack.get(3),
        ) {
            (2, Some(&Frame::Array { index }), _, _) => {
                self.event = Some((index, None, Vec::new()))
            }
            (3, _, Some(Frame::Object { key: Key::Id, .. }), _) if is_string => {
                self.capture = Some(Vec::new());
                self.capturing_key = false;
            }
            (
                4,
                _,
                Some(&Frame::Object {
                    key: Key::List(list),
                    ..
                }),
                Some(&Frame::Array { index }),
            ) => {
                let (line, column) = (self.line, self.column);
                if let Some((event, _, parts)) = &mut self.event {
                    parts.push(Placed {
                        event: *event,
                        list,
                        element: index,
                        line,
                        column,
                    });
                }
            }
            _ => {}
        }
    }

    fn string_ends(&mut self) {
        let Some(bytes) = self.capture.take() else {
            return;
        };
        let text = decode(&bytes);
        if self.capturing_key {
            let depth = self.stack.len();
            let key = match (depth, text.as_deref()) {
                (1, Some("events")) => Key::Events,
                (3, Some("id")) => Key::Id,
                (3, Some("relations")) => Key::List(List::Relations),
                (3, Some("participants")) => Key::List(List::Participants),
                (3, Some("status_history")) => Key::List(List::StatusHistory),
                _ => Key::Other,
            };
            if let Some(Frame::Object { key: k, .. }) = self.stack.last_mut() {
                *k = key;
            }
        } else if let (Some((_, id, _)), Some(text)) = (&mut self.event, text) {
            *id = Some(text);
        }
    }

    fn closes(&mut self) {
        let closed = self.stack.pop();
        if self.stack.len() == 2
            && self.in_events()
            && matches!(closed, Some(Frame::Object { .. }))
            && let Some((_, Some(id), mut parts)) = self.event.take()
            && let Some(asked) = self.wanted.get(id.as_str())
        {
            parts.retain(|p| asked.contains(&(p.list, p.element)));
            self.found.insert(id, parts);
        }
    }

    fn byte(&mut self, b: u8) {
        if self.in_string {
            if self.escaped {
                self.escaped = false;
            } else if b == b'\\' {
                self.escaped = true;
            } else if b == b'"' {
                self.in_string = false;
                self.string_ends();
                return;
            }
            if let Some(c) = &mut self.capture {
                if c.len() < MAX_ID {
                    c.push(b);
                } else {
                    // Too long to be wanted: read no further.
                    self.capture = None;
                }
            }
            return;
        }
        match b {
            b' ' | b'\t' | b'\n' | b'\r' => self.in_scalar = false,
            b'"' => {
                self.in_scalar = false;
                self.in_string = true;
                match self.stack.last() {
                    Some(Frame::Object {
                        expect_key: true, ..
                    }) => {
                        let depth = self.stack.len();
                        if let Some(Frame::Object { key, .. }) = self.stack.last_mut() {
                            *key = Key::Other;
                        }
                        self.capturing_key = true;
                        self.capture = (depth == 1 || depth == 3).then(Vec::new);
                    }
                    _ => self.value_starts(true),
                }
            }
            b'{' | b'[' => {
                self.in_scalar = false;
                self.value_starts(false);
                self.stack.push(if b == b'{' {
                    Frame::Object {
                        key: Key::Other,
                        expect_key: true,
                    }
                } else {
                    Frame::Array { index: 0 }
                });
            }
            b'}' | b']' => {
                self.in_scalar = false;
                self.closes();
            }
            b':' => {
                self.in_scalar = false;
                if let Some(Frame::Object { expect_key, .. }) = self.stack.last_mut() {
                    *expect_key = false;
                }
            }
            b',' => {
                self.in_scalar = false;
                match self.stack.last_mut() {
                    Some(Frame::Object { expect_key, .. }) => *expect_key = true,
                    Some(Frame::Array { index }) => *index += 1,
                    None => {}
                }
            }
            _ => {
                if !self.in_scalar {
                    self.in_scalar = true;
                    self.value_starts(false);
                }
            }
        }
    }
}

/// A JSON string's content as written between its quotes, decoded.
fn decode(raw: &[u8]) -> Option<String> {
    if !raw.contains(&b'\\') {
        return String::from_utf8(raw.to_vec()).ok();
    }
    let mut quoted = Vec::with_capacity(raw.len() + 2);
    quoted.push(b'"');
    quoted.extend_from_slice(raw);
    quoted.push(b'"');
    serde_json::from_slice(&quoted).ok()
}

/// The places of the elements `wanted` asks for (by event id, which list and which
/// element), by event id; what is not found is left out.
pub fn place_parts(
    path: &Path,
    wanted: &HashMap<&str, Vec<(List, usize)>>,
) -> io::Result<HashMap<String, Vec<Placed>>> {
    let mut file = File::open(path)?;
    let mut walk = Walk {
        wanted,
        stack: Vec::new(),
        line: 1,
        column: 1,
        in_string: false,
        escaped: false,
        in_scalar: false,
        capture: None,
        capturing_key: false,
        event: None,
        found: HashMap::new(),
    };
    let mut window = vec![0u8; 1 << 20];
    let mut first = true;
    loop {
        let n = match file.read(&mut window) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let mut bytes = &window[..n];
        if first {
            // Columns are counted after a byte-order mark, as the loader reads the text.
            bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            first = false;
        }
        for &b in bytes {
            walk.byte(b);
            if b == b'\n' {
                walk.line += 1;
                walk.column = 1;
            } else if b & 0xC0 != 0x80 {
                walk.column += 1;
            }
        }
        if walk.found.len() == wanted.len() {
            break;
        }
    }
    Ok(walk.found)
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::io::Write;

    use super::{List, place_parts};
    use crate::data::locate::{line_column, offset_of};

    #[test]
    fn places_agree_with_the_whole_text_locator() {
        let text = "\u{feff}{\"title\": \"é \\\" [x]\", \"events\": [\n  {\"id\": \"a\", \"relations\": [{\"kind\": \"follows\", \"event\": \"b\"}]},\n  {\"relations\": [1, {\"x\": [2]}, \"r\"], \"id\": \"b\\u00e9\",\n   \"participants\": [ {\"person\": \"p\"},{\"person\": \"q\"} ]},\n  {\"id\": \"c\", \"participants\": [{\"person\": \"p\"}]}\n]}";
        let mut file = tempfile::NamedTempFile::new().expect("temp file");
        file.write_all(text.as_bytes()).expect("written");
        let every = |n: usize, list| (0..n).map(move |k| (list, k));
        let b_parts = every(3, List::Relations).chain(every(2, List::Participants));
        let wanted: HashMap<&str, Vec<(List, usize)>> = [
            ("bé", b_parts.collect()),
            ("a", vec![(List::Relations, 0), (List::Relations, 7)]),
        ]
        .into();
        let found = place_parts(file.path(), &wanted).expect("read");
        assert_eq!(found.len(), 2);
        let body = text.trim_start_matches('\u{feff}');
        for (id, i) in [("a", 0), ("bé", 1)] {
            for p in &found[id] {
                assert_eq!(p.event, i);
                let at = offset_of(
                    body,
                    &format!("events[{i}].{}[{}]", p.list.name(), p.element),
                );
                assert_eq!((p.line, p.column), line_column(body, at), "{id} {p:?}");
            }
        }
        assert_eq!(found["a"].len(), 1, "a has no eighth relation");
        assert_eq!(found["bé"].len(), 5, "three relations, two participants");
        assert!(!found.contains_key("c"), "not wanted");
    }
}
