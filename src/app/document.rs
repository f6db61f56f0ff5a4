//! The detail pane as a document: lines of tagged text, wrapped to a width, with the
//! links it holds. The view styles the tags; `update` uses the links for Tab, Enter
//! and mouse clicks, so both agree on where each link is.
//!
//! Text is shown through [`crate::model::text`]'s rule and measured as drawn. A
//! paragraph without links (a summary, an outcome, a quote) is only counted when the
//! document is made, and laid out when one of its lines is drawn: a detail of many
//! megabytes costs one pass to count its lines, and each frame what is on screen.

use ratatui::buffer::CellWidth;
use ratatui::style::Style;
use ratatui::text::Span;

use std::borrow::Cow;

use crate::model::link::web_address;
use crate::model::text::{clean_line, clean_text};
use crate::model::timeline::{EventIx, PartyIx, PersonIx, PlaceIx, Status, TopicIx};

/// Columns a string takes as drawn (after [`clean_line`]).
pub trait Width {
    fn width(&self) -> usize;
}

impl Width for str {
    fn width(&self) -> usize {
        drawn_width(&clean_line(self))
    }
}

impl Width for String {
    fn width(&self) -> usize {
        self.as_str().width()
    }
}

/// Columns of text already shown by the rule: the sum of its graphemes' cells, as
/// the buffer counts them (it skips what is zero wide).
pub fn drawn_width(shown: &str) -> usize {
    if shown.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return shown.len();
    }
    let span = Span::raw(shown);
    span.styled_graphemes(Style::new())
        .map(|g| usize::from(g.symbol.cell_width()))
        .sum()
}

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
    /// A web address: index into [`Document::addresses`]. Never a subject of the detail.
    Web(u32),
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

/// One line of a document: laid out, or line `k` of a paragraph laid out when drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
enum DocLine {
    Laid(Vec<Seg>),
    Later { para: u32, k: u32 },
}

/// A paragraph without links, kept to be laid out when one of its lines is drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Deferred {
    indent: usize,
    parts: Vec<(String, Tag, Option<usize>)>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    lines: Vec<DocLine>,
    deferred: Vec<Deferred>,
    pub links: Vec<Link>,
    /// The web addresses its links lead to, checked by [`web_address`] and ready to hand
    /// on (printable ASCII only).
    pub addresses: Vec<String>,
    width: usize,
}

/// Text being assembled into one wrapped paragraph.
#[derive(Default)]
pub struct Para {
    parts: Vec<(String, Tag, Option<Target>)>,
}

/// `text` as shown on one line, without a copy when it is shown as it is.
fn shown(text: String) -> String {
    match clean_line(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(shown) => shown,
    }
}

impl Para {
    pub fn new() -> Para {
        Para::default()
    }

    pub fn text(mut self, text: impl Into<String>, tag: Tag) -> Para {
        self.parts.push((shown(text.into()), tag, None));
        self
    }

    /// Adds another paragraph's text after this one's.
    pub fn then(mut self, other: Para) -> Para {
        self.parts.extend(other.parts);
        self
    }

    pub fn link(mut self, text: impl Into<String>, target: Target) -> Para {
        self.parts
            .push((shown(text.into()), Tag::Link, Some(target)));
        self
    }
}

/// Splits text into words with their following spaces, so wrapping keeps spacing; text
/// that starts with spaces gives them as a word of their own. With `whole`, the text is
/// one piece. Nothing is collected: a long paragraph is counted in one pass.
fn words(text: &str, whole: bool) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = if whole {
            rest.len()
        } else {
            let bytes = rest.as_bytes();
            let word = bytes.iter().position(|&b| b == b' ').unwrap_or(bytes.len());
            word + bytes[word..]
                .iter()
                .position(|&b| b != b' ')
                .unwrap_or(bytes.len() - word)
        };
        let (piece, after) = rest.split_at(end);
        rest = after;
        Some(piece)
    })
}

/// Cuts a word that is wider than a whole line into pieces that fit, between
/// graphemes (an emoji sequence or a letter with its marks stays whole).
fn split_to_width(word: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut used = 0;
    let span = Span::raw(word);
    for g in span.styled_graphemes(Style::new()) {
        let w = usize::from(g.symbol.cell_width());
        if used + w > width && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
            used = 0;
        }
        cur.push_str(g.symbol);
        used += w;
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Whether shown text starts as a web address does.
fn looks_like_address(text: &str) -> bool {
    let head = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    head.starts_with("http://") || head.starts_with("https://")
}

/// `text` in at most `width` columns: whole when it fits, else its start and its end
/// with "…" between, cut at a `/` where there is one, so that an address keeps its host
/// and its last part: `https://www.axios.com/2025/…/witkoff-kushner`.
pub fn shorten_address(text: &str, width: usize) -> String {
    if drawn_width(text) <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let span = Span::raw(text);
    let gs: Vec<(&str, usize)> = span
        .styled_graphemes(Style::new())
        .map(|g| (g.symbol, usize::from(g.symbol.cell_width())))
        .collect();
    let budget = width - 1;
    let widths = |r: &[(&str, usize)]| r.iter().map(|g| g.1).sum::<usize>();
    // The scheme and host with the `/` after them stay whole when they leave room.
    let mut at = 0;
    let offsets: Vec<usize> = gs
        .iter()
        .map(|g| {
            at += g.0.len();
            at - g.0.len()
        })
        .collect();
    let host_end = text
        .find("://")
        .and_then(|i| text[i + 3..].find('/').map(|j| i + j + 4));
    let host = host_end
        .and_then(|b| offsets.iter().position(|&o| o >= b))
        .filter(|&k| widths(&gs[..k]) + 8 <= budget)
        .unwrap_or(0);
    // The end takes the room left (half of it without a host), from a `/` within it.
    let mut room = if host > 0 {
        budget - widths(&gs[..host])
    } else {
        budget / 2
    };
    let mut tail = gs.len();
    while tail > host && gs[tail - 1].1 <= room {
        tail -= 1;
        room -= gs[tail].1;
    }
    if let Some(k) = (tail..gs.len().saturating_sub(1)).find(|&k| gs[k].0 == "/") {
        tail = k;
    }
    // The start takes the rest, back to a `/` past the host.
    let mut room = budget - widths(&gs[tail..]);
    let mut head = 0;
    while head < tail && gs[head].1 <= room {
        room -= gs[head].1;
        head += 1;
    }
    if host > 0
        && let Some(k) = (host - 1..head).rev().find(|&k| gs[k].0 == "/")
    {
        head = k + 1;
    }
    let mut out: String = gs[..head].iter().map(|g| g.0).collect();
    out.push('…');
    out.extend(gs[tail..].iter().map(|g| g.0));
    out
}

/// Adds text to the line: to its last segment when that has the same tag and link, so
/// that a line is a few segments rather than one per word.
fn push_seg(line: &mut Vec<Seg>, text: &str, tag: Tag, link: Option<usize>) {
    match line.last_mut() {
        Some(last) if last.tag == tag && last.link == link => last.text.push_str(text),
        _ => line.push(Seg {
            text: text.to_string(),
            tag,
            link,
        }),
    }
}

/// One paragraph being laid out: its lines are kept only when `out` is given, else
/// only counted.
struct Layout<'a> {
    width: usize,
    indent: usize,
    used: usize,
    wraps: usize,
    line: Vec<Seg>,
    out: Option<&'a mut Vec<Vec<Seg>>>,
}

impl Layout<'_> {
    /// Ends the line being built and starts the next with the continuation indent.
    fn wrap(&mut self) {
        self.wraps += 1;
        self.used = self.indent;
        if let Some(out) = self.out.as_deref_mut() {
            out.push(std::mem::take(&mut self.line));
            self.line.push(Seg {
                text: " ".repeat(self.indent),
                tag: Tag::Plain,
                link: None,
            });
        }
    }

    fn push(&mut self, text: &str, w: usize, tag: Tag, link: Option<usize>) {
        self.used += w;
        if self.out.is_some() {
            push_seg(&mut self.line, text, tag, link);
        }
    }

    /// Whether a piece `w` columns wide goes to a new line: only past the indent (a new
    /// line would give no more room), and not for the spaces after a word, which may
    /// hang past the edge (`word` gives its width without them, asked only when the
    /// piece does not fit).
    fn breaks_before(&self, w: usize, word: impl FnOnce() -> usize) -> bool {
        self.used > self.indent
            && self.used + w > self.width
            && self.used + w.min(word()) > self.width
    }

    /// The room a piece `w` columns wide is cut to: the room left (a column at least),
    /// when the piece is wider and the line holds nothing but its indent.
    fn cut_to(&self, w: usize) -> Option<usize> {
        let room = self.width.saturating_sub(self.used).max(1);
        (w > room && self.used <= self.indent).then_some(room)
    }
}

/// Lays out a paragraph at `width` columns, continuation lines indented by `indent`:
/// its lines go to `out` when given. A link is one unit: it moves to the next line
/// whole; `link_line` is told the line (from the paragraph's first) each link starts
/// on. How many lines the paragraph takes.
fn lay_out(
    width: usize,
    indent: usize,
    parts: &[(String, Tag, Option<usize>)],
    out: Option<&mut Vec<Vec<Seg>>>,
    mut link_line: impl FnMut(usize, usize),
) -> usize {
    let mut lay = Layout {
        width,
        indent,
        used: 0,
        wraps: 0,
        line: Vec::new(),
        out,
    };
    for (text, tag, link) in parts {
        let (tag, link) = (*tag, *link);
        if lay.out.is_none() && link.is_none() {
            count_words(&mut lay, text);
            continue;
        }
        if let Some(l) = link {
            link_line(l, lay.wraps);
        }
        // An address too wide for a line is shortened in the middle, never cut in two:
        // the terminal would no longer see it as one.
        let short;
        let text = if link.is_some() && looks_like_address(text) && text.width() + indent > width {
            short = shorten_address(text, width.saturating_sub(indent).max(1));
            &short
        } else {
            text
        };
        let whole = link.is_some() && text.width() + indent <= width;
        let mut first_piece = true;
        for piece in words(text, whole) {
            let w = drawn_width(piece);
            if lay.breaks_before(w, || drawn_width(piece.trim_end())) {
                lay.wrap();
                if first_piece && let Some(l) = link {
                    link_line(l, lay.wraps);
                }
            }
            first_piece = false;
            if let Some(room) = lay.cut_to(w) {
                let chunks = split_to_width(piece, room);
                let count = chunks.len();
                for (i, chunk) in chunks.into_iter().enumerate() {
                    lay.push(&chunk, drawn_width(&chunk), tag, link);
                    if i + 1 < count {
                        lay.wrap();
                    }
                }
            } else {
                lay.push(piece, w, tag, link);
            }
        }
    }
    if let Some(out) = lay.out {
        out.push(lay.line);
    }
    lay.wraps + 1
}

/// [`lay_out`]'s rule for text without a link, only counted: each word found and
/// measured in one pass, a word of printable ASCII as its length in bytes (what
/// [`drawn_width`] gives it), and cut, when wider than a line, into pieces of the
/// room there is (as [`split_to_width`] cuts it). Where a line breaks is
/// [`Layout::breaks_before`] and [`Layout::cut_to`], as in [`lay_out`]. A long detail
/// is counted whole when it is opened; this is most of that cost.
fn count_words(lay: &mut Layout<'_>, text: &str) {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // A word and the spaces after it (spaces alone at the start), as `words` splits.
        let mut end = at;
        let mut printable = true;
        while end < bytes.len() && bytes[end] != b' ' {
            printable &= (0x20..0x7f).contains(&bytes[end]);
            end += 1;
        }
        let word_end = end;
        while end < bytes.len() && bytes[end] == b' ' {
            end += 1;
        }
        let piece = &text[at..end];
        let word = word_end - at;
        at = end;
        let w = if printable {
            piece.len()
        } else {
            drawn_width(piece)
        };
        let word_width = || {
            if printable {
                word
            } else {
                drawn_width(piece.trim_end())
            }
        };
        if lay.breaks_before(w, word_width) {
            lay.wrap();
        }
        let Some(room) = lay.cut_to(w) else {
            lay.used += w;
            continue;
        };
        let pieces: Vec<usize> = if printable {
            let n = w.div_ceil(room);
            (0..n)
                .map(|k| if k + 1 < n { room } else { w - room * (n - 1) })
                .collect()
        } else {
            split_to_width(piece, room)
                .iter()
                .map(|c| drawn_width(c))
                .collect()
        };
        for (k, cw) in pieces.iter().enumerate() {
            lay.used += cw;
            if k + 1 < pieces.len() {
                lay.wrap();
            }
        }
    }
}

/// Plain text already shown by the rule, wrapped at `width` columns as the detail pane
/// wraps it: between words, a word cut only when wider than a line; continuation lines
/// start with `indent` spaces. No line ends in a space.
pub fn wrap_plain(text: &str, width: usize, indent: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let parts = [(text.to_owned(), Tag::Plain, None)];
    lay_out(
        width,
        indent.min(width / 2),
        &parts,
        Some(&mut lines),
        |_, _| {},
    );
    lines
        .into_iter()
        .map(|segs| {
            let mut line: String = segs.into_iter().map(|s| s.text).collect();
            line.truncate(line.trim_end().len());
            line
        })
        .collect()
}

impl Document {
    pub fn new(width: u16) -> Document {
        Document {
            lines: Vec::new(),
            deferred: Vec::new(),
            links: Vec::new(),
            addresses: Vec::new(),
            width: usize::from(width).max(1),
        }
    }

    /// How many lines the document has.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Up to `n` lines from line `from`: each paragraph among them laid out once.
    pub fn lines_from(&self, from: usize, n: usize) -> Vec<Cow<'_, [Seg]>> {
        let mut out = Vec::new();
        let mut laid: Option<(u32, Vec<Vec<Seg>>)> = None;
        for line in self.lines.get(from..).unwrap_or_default().iter().take(n) {
            match line {
                DocLine::Laid(segs) => out.push(Cow::Borrowed(segs.as_slice())),
                DocLine::Later { para, k } => {
                    if laid.as_ref().is_none_or(|(p, _)| p != para) {
                        laid = Some((*para, self.lay_out_deferred(*para)));
                    }
                    let segs = laid
                        .as_ref()
                        .and_then(|(_, lines)| lines.get(*k as usize))
                        .cloned()
                        .unwrap_or_default();
                    out.push(Cow::Owned(segs));
                }
            }
        }
        out
    }

    /// Line `i`, laid out.
    pub fn line(&self, i: usize) -> Option<Cow<'_, [Seg]>> {
        self.lines_from(i, 1).pop()
    }

    fn lay_out_deferred(&self, para: u32) -> Vec<Vec<Seg>> {
        let mut lines = Vec::new();
        if let Some(d) = self.deferred.get(para as usize) {
            lay_out(self.width, d.indent, &d.parts, Some(&mut lines), |_, _| {});
        }
        lines
    }

    pub fn blank(&mut self) {
        if self
            .lines
            .last()
            .is_some_and(|l| !matches!(l, DocLine::Laid(segs) if segs.is_empty()))
        {
            self.lines.push(DocLine::Laid(Vec::new()));
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
        let first = self.lines.len();
        // Links need their lines now; an empty paragraph is an empty line, which
        // `blank` must see as one.
        let lay_now = para.parts.iter().any(|(_, _, target)| target.is_some())
            || para.parts.iter().all(|(text, _, _)| text.is_empty());
        let parts: Vec<(String, Tag, Option<usize>)> = para
            .parts
            .into_iter()
            .map(|(text, tag, target)| {
                let link = target.map(|target| {
                    self.links.push(Link {
                        target,
                        line: first,
                    });
                    self.links.len() - 1
                });
                (text, tag, link)
            })
            .collect();
        if lay_now {
            let mut out = Vec::new();
            let links = &mut self.links;
            lay_out(self.width, indent, &parts, Some(&mut out), |l, at| {
                if let Some(link) = links.get_mut(l) {
                    link.line = first + at;
                }
            });
            self.lines.extend(out.into_iter().map(DocLine::Laid));
        } else {
            let count = lay_out(self.width, indent, &parts, None, |_, _| {});
            let para = self.deferred.len() as u32;
            self.deferred.push(Deferred { indent, parts });
            self.lines
                .extend((0..count as u32).map(|k| DocLine::Later { para, k }));
        }
    }

    /// A line of text that may contain line breaks (a summary), each part wrapped.
    /// Web addresses in it are links (see [`web_address`]).
    pub fn text_block(&mut self, indent: usize, text: &str, tag: Tag) {
        for part in clean_text(text).split('\n') {
            let lead = " ".repeat(indent);
            let para = if memchr::memmem::find(part.as_bytes(), b"http").is_some() {
                self.with_addresses(Para::new().text(lead, tag), part, tag)
            } else {
                Para::new().text(format!("{lead}{part}"), tag)
            };
            self.para(indent, para);
        }
    }

    /// `text` added to `para`, each well-formed web address in it a link.
    fn with_addresses(&mut self, mut para: Para, text: &str, tag: Tag) -> Para {
        let mut plain = String::new();
        for (i, word) in text.split(' ').enumerate() {
            if i > 0 {
                plain.push(' ');
            }
            let address = if looks_like_address(word) {
                // Punctuation after an address ends the sentence, not the address.
                let core =
                    word.trim_end_matches(['.', ',', ';', ':', '!', '?', '"', '\'', '”', '’', '»']);
                let core = if core.ends_with(')') && !core.contains('(') {
                    &core[..core.len() - 1]
                } else {
                    core
                };
                web_address(core).map(|a| (core, a))
            } else {
                None
            };
            match address {
                Some((core, a)) => {
                    if !plain.is_empty() {
                        para = para.text(std::mem::take(&mut plain), tag);
                    }
                    let target = self.web(a);
                    para = para.link(core.to_string(), target);
                    plain.push_str(&word[core.len()..]);
                }
                None => plain.push_str(word),
            }
        }
        if !plain.is_empty() {
            para = para.text(plain, tag);
        }
        para
    }

    pub fn width(&self) -> usize {
        self.width
    }

    /// A link target for a checked web address (see [`web_address`]).
    pub fn web(&mut self, address: String) -> Target {
        self.addresses.push(address);
        Target::Web((self.addresses.len() - 1) as u32)
    }

    /// The address a link leads to, if it leads to one.
    pub fn address(&self, target: Target) -> Option<&str> {
        match target {
            Target::Web(i) => self.addresses.get(i as usize).map(String::as_str),
            _ => None,
        }
    }
}

/// Lines of text as a document for a box `width` columns wide inside its border: each
/// wrapped under its own text past its leading spaces; lines naming an event (not
/// indented) as titles, `+` added as titles, `-` withdrawn and `…` counts dimmed.
pub fn lines_document(text: &[String], width: u16) -> Document {
    let mut doc = Document::new(width.saturating_sub(2).max(1));
    for l in text {
        let indent = l.len() - l.trim_start().len();
        let tag = match l.chars().next() {
            Some('-') | Some('…') => Tag::Dim,
            Some(' ') | None => Tag::Plain,
            Some(_) => Tag::Title,
        };
        doc.para(indent + 2, Para::new().text(l.clone(), tag));
    }
    doc
}

/// The width of a box of lines on a screen `size` wide, and the rows it shows.
pub fn lines_box_size(doc_len: usize, size: (u16, u16)) -> (u16, usize) {
    let width = size.0.saturating_sub(4).min(100);
    let rows = (doc_len + 2).min(usize::from(size.1.saturating_sub(2)));
    (width, rows.saturating_sub(2))
}

/// The last scroll offset of a box of `text` on a screen of `size`.
pub fn lines_box_last(text: &[String], size: (u16, u16)) -> usize {
    let (width, _) = lines_box_size(0, size);
    let doc = lines_document(text, width);
    let (_, rows) = lines_box_size(doc.len(), size);
    doc.len().saturating_sub(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(d: &Document) -> Vec<String> {
        d.lines_from(0, d.len())
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
    fn plain_text_wraps_under_its_indent() {
        assert_eq!(
            wrap_plain("  at 10:00 the quick brown fox", 14, 5),
            ["  at 10:00 the", "     quick", "     brown fox"]
        );
        // A URL moves whole; only one wider than the line is cut.
        let url = "see https://example.org/a/b";
        assert_eq!(wrap_plain(url, 25, 2), ["see", "  https://example.org/a/b"]);
        assert_eq!(
            wrap_plain(url, 12, 2),
            ["see", "  https://ex", "  ample.org/", "  a/b"]
        );
        assert_eq!(wrap_plain("乌梅罗夫 会谈", 6, 0), ["乌梅罗", "夫", "会谈"]);
        assert_eq!(wrap_plain("", 10, 2), [""]);
    }

    #[test]
    fn addresses_are_shortened_in_the_middle() {
        let url = "https://www.axios.com/2025/12/05/witkoff-kushner";
        assert_eq!(shorten_address(url, 80), url);
        assert_eq!(
            shorten_address(url, 44),
            "https://www.axios.com/…/05/witkoff-kushner"
        );
        assert_eq!(
            shorten_address(url, 40),
            "https://www.axios.com/…/witkoff-kushner"
        );
        assert_eq!(shorten_address(url, 30), "https://www.axi…itkoff-kushner");
        for width in 0..url.len() {
            let short = shorten_address(url, width);
            assert!(short.width() <= width, "{width}: {short}");
            assert!(width == 0 || short.contains('…'), "{width}: {short}");
            let (head, tail) = short.split_once('…').unwrap_or((&short, ""));
            assert!(
                url.starts_with(head) && url.ends_with(tail),
                "{width}: {short}"
            );
        }
        // Wide characters are kept whole.
        let wide = "https://example.org/乌梅罗夫乌梅罗夫乌梅罗夫";
        for width in 1..30 {
            let short = shorten_address(wide, width);
            assert!(short.width() <= width, "{width}: {short}");
        }
    }

    #[test]
    fn a_long_address_is_one_shortened_link_on_its_own_line() {
        let url = "https://www.axios.com/2025/12/05/witkoff-kushner-ukraine-talks-miami";
        let mut d = Document::new(40);
        let target = d.web(url.to_string());
        d.para(4, Para::new().text("    ", Tag::Plain).link(url, target));
        let lines = texts(&d);
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert_eq!(lines[0].width(), 40);
        assert!(
            lines[0].starts_with("    https://www.axios.com/"),
            "{lines:?}"
        );
        assert!(lines[0].ends_with("/…e-talks-miami"), "{lines:?}");
        assert_eq!(d.address(d.links[0].target), Some(url));
    }

    #[test]
    fn addresses_in_text_become_links() {
        let mut d = Document::new(60);
        d.text_block(
            2,
            "Read https://example.org/report. Not \u{1b}https://x.org/\u{7}, nor ftp://x.org/.",
            Tag::Plain,
        );
        assert_eq!(d.addresses, ["https://example.org/report"]);
        assert_eq!(d.links.len(), 1);
        assert_eq!(
            texts(&d),
            [
                "  Read https://example.org/report. Not ",
                "  \\u{1b}https://x.org/\\u{7}, nor ftp://x.org/."
            ]
        );
    }

    /// Words of every kind: spaces leading and doubled, wider than a line, not ASCII
    /// (wide, joined, combining, a dash), an address.
    const WORDS: [&str; 13] = [
        "a",
        "bb",
        "quick",
        "",
        " ",
        "  ",
        "supercalifragilistic",
        "乌梅罗夫",
        "café",
        "👩‍👩‍👧",
        "x\u{301}y",
        "—",
        "https://example.org/a/b",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// Counting a paragraph gives the lines laying it out gives, at every width.
        #[test]
        fn counting_agrees_with_laying_out(
            words in proptest::collection::vec((0..WORDS.len(), 0..3usize), 0..12),
            width in 1..31usize,
            indent_share in 0.0..1.0f64,
            bullet: bool,
        ) {
            let text: String = words
                .iter()
                .map(|&(w, spaces)| format!("{}{}", WORDS[w], " ".repeat(spaces)))
                .collect();
            let mut parts = vec![(text.clone(), Tag::Plain, None)];
            if bullet {
                parts.insert(0, ("  • ".to_string(), Tag::Dim, None));
            }
            let indent = (indent_share * (width / 2 + 1) as f64) as usize;
            let counted = lay_out(width, indent, &parts, None, |_, _| {});
            let mut lines = Vec::new();
            let laid = lay_out(width, indent, &parts, Some(&mut lines), |_, _| {});
            proptest::prop_assert_eq!(counted, laid, "width {}, indent {}: {:?}", width, indent, text);
            proptest::prop_assert_eq!(laid, lines.len());
        }
    }

    #[test]
    fn words_keep_their_following_spaces() {
        let pieces: Vec<&str> = words("  • a  b c ", false).collect();
        assert_eq!(pieces, ["  ", "• ", "a  ", "b ", "c "]);
        assert_eq!(words("", false).count(), 0);
        assert_eq!(words("one word ", true).collect::<Vec<_>>(), ["one word "]);
    }

    #[test]
    fn words_longer_than_the_line_are_cut() {
        let mut d = Document::new(5);
        d.para(0, Para::new().text("abcdefghijkl", Tag::Plain));
        assert_eq!(texts(&d), ["abcde", "fghij", "kl"]);
        let mut d = Document::new(4);
        d.para(0, Para::new().text("乌梅罗夫", Tag::Plain));
        assert_eq!(texts(&d), ["乌梅", "罗夫"]);
        // After no more than the indent, a new line would give no more room: no line
        // is left holding the indent alone.
        let mut d = Document::new(12);
        d.para(
            4,
            Para::new()
                .text("    ", Tag::Plain)
                .text("https://example.org/", Tag::Dim),
        );
        assert_eq!(texts(&d), ["    https://", "    example.", "    org/"]);
    }
}
