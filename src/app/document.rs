//! The detail pane as a document: lines of tagged text, already wrapped to a width, with
//! the links it holds. The view styles the tags; `update` uses the links for Tab, Enter
//! and mouse clicks, so both agree on where each link is.

use unicode_width::UnicodeWidthStr;

use crate::model::timeline::{EventIx, PartyIx, PersonIx, PlaceIx, Status, TopicIx};

/// What a piece of text is, for styling.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tag {
    Plain,
    Title,
    Heading,
    Label,
    Dim,
    Quote,
    Side(Option<PartyIx>),
    Status(Status),
    Link,
}

/// Where a link leads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Event(EventIx),
    Person(PersonIx),
    Topic(TopicIx),
    Place(PlaceIx),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seg {
    pub text: String,
    pub tag: Tag,
    /// Index into [`Document::links`].
    pub link: Option<usize>,
}

/// A link and the line it starts on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Link {
    pub target: Target,
    pub line: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    pub lines: Vec<Vec<Seg>>,
    pub links: Vec<Link>,
    width: usize,
}

/// Text being assembled into one wrapped paragraph.
#[derive(Default)]
pub struct Para {
    parts: Vec<(String, Tag, Option<Target>)>,
}

impl Para {
    pub fn new() -> Para {
        Para::default()
    }

    pub fn text(mut self, text: impl Into<String>, tag: Tag) -> Para {
        self.parts.push((text.into(), tag, None));
        self
    }

    /// Adds another paragraph's text after this one's.
    pub fn then(mut self, other: Para) -> Para {
        self.parts.extend(other.parts);
        self
    }

    pub fn link(mut self, text: impl Into<String>, target: Target) -> Para {
        self.parts.push((text.into(), Tag::Link, Some(target)));
        self
    }
}

/// Splits text into words with their following spaces, so wrapping keeps spacing.
fn words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_space = false;
    for (i, c) in text.char_indices() {
        if c == ' ' {
            in_space = true;
        } else if in_space {
            out.push(&text[start..i]);
            start = i;
            in_space = false;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// Cuts a word that is wider than a whole line into pieces that fit.
fn split_to_width(word: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in word.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if cur.width() + w > width && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        cur.push(c);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Ends the line being built and starts the next with the continuation indent;
/// returns the columns now used.
fn wrap(lines: &mut Vec<Vec<Seg>>, line: &mut Vec<Seg>, indent: usize) -> usize {
    lines.push(std::mem::take(line));
    line.push(Seg {
        text: " ".repeat(indent),
        tag: Tag::Plain,
        link: None,
    });
    indent
}

impl Document {
    pub fn new(width: u16) -> Document {
        Document {
            lines: Vec::new(),
            links: Vec::new(),
            width: usize::from(width).max(1),
        }
    }

    pub fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(Vec::new());
        }
    }

    pub fn heading(&mut self, text: &str) {
        self.blank();
        self.para(0, Para::new().text(text, Tag::Heading));
    }

    /// Adds a paragraph wrapped at the document's width; continuation lines are
    /// indented by `indent` columns. A link is one unit: it moves to the next line whole.
    pub fn para(&mut self, indent: usize, para: Para) {
        let indent = indent.min(self.width.saturating_sub(1) / 2);
        let mut line: Vec<Seg> = Vec::new();
        let mut used = 0usize;
        let first_line = self.lines.len();
        for (text, tag, target) in para.parts {
            let link = target.map(|t| {
                self.links.push(Link {
                    target: t,
                    line: self.lines.len(),
                });
                self.links.len() - 1
            });
            let pieces: Vec<String> = if link.is_some() && text.width() + indent <= self.width {
                vec![text]
            } else {
                words(&text).into_iter().map(str::to_string).collect()
            };
            let mut first_piece = true;
            for piece in pieces {
                let w = piece.width();
                if used > 0 && used + w.min(piece.trim_end().width()) > self.width {
                    used = wrap(&mut self.lines, &mut line, indent);
                    if first_piece
                        && let Some(l) = link
                        && let Some(entry) = self.links.get_mut(l)
                    {
                        entry.line = self.lines.len();
                    }
                }
                let room = self.width.saturating_sub(used).max(1);
                let chunks = if w > room && used <= indent {
                    split_to_width(&piece, room)
                } else {
                    vec![piece]
                };
                let count = chunks.len();
                first_piece = false;
                for (i, chunk) in chunks.into_iter().enumerate() {
                    used += chunk.width();
                    line.push(Seg {
                        text: chunk,
                        tag,
                        link,
                    });
                    if i + 1 < count {
                        used = wrap(&mut self.lines, &mut line, indent);
                    }
                }
            }
        }
        if !line.is_empty() || self.lines.len() == first_line {
            self.lines.push(line);
        }
    }

    /// A line of text that may contain line breaks (a summary), each part wrapped.
    pub fn text_block(&mut self, indent: usize, text: &str, tag: Tag) {
        for part in text.split('\n') {
            self.para(
                indent,
                Para::new().text(format!("{}{part}", " ".repeat(indent)), tag),
            );
        }
    }

    pub fn width(&self) -> usize {
        self.width
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(d: &Document) -> Vec<String> {
        d.lines
            .iter()
            .map(|l| l.iter().map(|s| s.text.as_str()).collect::<String>())
            .collect()
    }

    #[test]
    fn wraps_at_words_with_indent() {
        let mut d = Document::new(20);
        d.para(
            2,
            Para::new().text("The quick brown fox jumps over the lazy dog", Tag::Plain),
        );
        assert_eq!(
            texts(&d),
            ["The quick brown fox ", "  jumps over the ", "  lazy dog"]
        );
        for l in texts(&d) {
            assert!(l.trim_end().width() <= 20);
        }
    }

    #[test]
    fn links_move_whole_and_record_their_line() {
        let mut d = Document::new(20);
        d.para(
            0,
            Para::new()
                .text("Met with ", Tag::Plain)
                .link("Steve Witkoff", Target::Person(PersonIx::new(0))),
        );
        assert_eq!(texts(&d), ["Met with ", "Steve Witkoff"]);
        assert_eq!(
            d.links,
            [Link {
                target: Target::Person(PersonIx::new(0)),
                line: 1
            }]
        );
    }

    #[test]
    fn words_longer_than_the_line_are_cut() {
        let mut d = Document::new(5);
        d.para(0, Para::new().text("abcdefghijkl", Tag::Plain));
        assert_eq!(texts(&d), ["abcde", "fghij", "kl"]);
        let mut d = Document::new(4);
        d.para(0, Para::new().text("乌梅罗夫", Tag::Plain));
        assert_eq!(texts(&d), ["乌梅", "罗夫"]);
    }
}
