//! HTML fragments (TimelineJS headlines and texts) to clean plain text.
//!
//! Tags are removed; paragraphs, line breaks, headings and list items become lines (a
//! list item starts with "• "); character references are decoded (named, decimal and
//! hexadecimal, as HTML5 defines them); the targets of links are kept aside as
//! references. Scripts, styles and comments are dropped with their content. What comes
//! out is text, never markup: it is made safe for the terminal later, like any text
//! from a file.

/// A link found in the HTML: the words it was on and where it points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub label: String,
    pub href: String,
}

/// Plain text and the links that were in the HTML, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plain {
    /// Lines joined by `\n`, without blank lines or surrounding spaces.
    pub text: String,
    pub links: Vec<Link>,
}

impl Plain {
    /// The text on one line, for headlines.
    pub fn one_line(&self) -> String {
        self.text.replace('\n', " ")
    }
}

/// Tags after which text continues on a new line.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "br"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "pre"
            | "hr"
            | "table"
            | "tr"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "aside"
            | "nav"
            | "figure"
            | "figcaption"
            | "address"
            | "main"
    )
}

/// Collects text as lines, collapsing whitespace as HTML does.
#[derive(Default)]
struct Writer {
    lines: Vec<String>,
    line: String,
    space: bool,
    /// The label of the link being read, and its target.
    link: Option<(String, String)>,
    links: Vec<Link>,
}

impl Writer {
    fn text(&mut self, s: &str) {
        for c in s.chars() {
            if c.is_whitespace() {
                self.space = true;
                continue;
            }
            if self.space && !self.line.is_empty() && !self.line.ends_with(' ') {
                self.line.push(' ');
                if let Some((label, _)) = self.link.as_mut()
                    && !label.is_empty()
                {
                    label.push(' ');
                }
            }
            self.space = false;
            self.line.push(c);
            if let Some((label, _)) = self.link.as_mut() {
                label.push(c);
            }
        }
    }

    fn break_line(&mut self) {
        let line = self.line.trim_end();
        if !line.is_empty() && line != "•" {
            self.lines.push(line.to_string());
        }
        self.line.clear();
        self.space = false;
    }

    fn open_link(&mut self, href: Option<String>) {
        self.close_link();
        if let Some(href) = href {
            self.link = Some((String::new(), href));
        }
    }

    fn close_link(&mut self) {
        if let Some((label, href)) = self.link.take() {
            let href = href.trim().to_string();
            let scheme = href.split(':').next().unwrap_or_default();
            if href.is_empty() || scheme.eq_ignore_ascii_case("javascript") {
                return;
            }
            self.links.push(Link {
                label: label.trim().to_string(),
                href,
            });
        }
    }

    fn finish(mut self) -> Plain {
        self.close_link();
        self.break_line();
        Plain {
            text: self.lines.join("\n"),
            links: self.links,
        }
    }
}

/// Decodes character references: `&amp;`, `&eacute;`, `&#233;`, `&#xE9;`.
pub fn decode_entities(s: &str) -> String {
    htmlize::unescape(s).replace('\u{a0}', " ")
}

/// A tag as read: its lower-case name, whether it closes, and its `href`.
struct Tag {
    name: String,
    closing: bool,
    href: Option<String>,
}

/// Reads the tag starting at `bytes[at] == b'<'`; returns it and the offset after it,
/// or `None` when what follows is not a tag (a lone `<` in text).
fn read_tag(html: &str, at: usize) -> Option<(Tag, usize)> {
    let bytes = html.as_bytes();
    let mut i = at + 1;
    let closing = bytes.get(i) == Some(&b'/');
    if closing {
        i += 1;
    }
    let start = i;
    while bytes.get(i).is_some_and(|b| b.is_ascii_alphanumeric()) {
        i += 1;
    }
    if i == start || !bytes[start].is_ascii_alphabetic() {
        return None;
    }
    let name = html[start..i].to_ascii_lowercase();
    let mut href = None;
    // Attributes: name, name=value, name="value", name='value'.
    loop {
        while bytes
            .get(i)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'/')
        {
            i += 1;
        }
        match bytes.get(i) {
            None => {
                return Some((
                    Tag {
                        name,
                        closing,
                        href,
                    },
                    i,
                ));
            }
            Some(b'>') => {
                return Some((
                    Tag {
                        name,
                        closing,
                        href,
                    },
                    i + 1,
                ));
            }
            Some(_) => {}
        }
        let attr_start = i;
        while bytes
            .get(i)
            .is_some_and(|b| !(b.is_ascii_whitespace() || matches!(b, b'=' | b'>' | b'/')))
        {
            i += 1;
        }
        let attr = html[attr_start..i].to_ascii_lowercase();
        while bytes.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
            i += 1;
        }
        if bytes.get(i) != Some(&b'=') {
            if i == attr_start {
                i += 1;
            }
            continue;
        }
        i += 1;
        while bytes.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
            i += 1;
        }
        let value = match bytes.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                let from = i + 1;
                let to = html[from..]
                    .find(q as char)
                    .map_or(html.len(), |n| from + n);
                i = (to + 1).min(html.len());
                &html[from..to]
            }
            _ => {
                let from = i;
                while bytes
                    .get(i)
                    .is_some_and(|b| !(b.is_ascii_whitespace() || *b == b'>'))
                {
                    i += 1;
                }
                &html[from..i]
            }
        };
        if attr == "href" {
            href = Some(htmlize::unescape_attribute(value).replace('\u{a0}', " "));
        }
    }
}

/// Offset just past the first `needle` (ASCII, lower case) at or after `from`, ignoring
/// case; the end of the text when there is none.
fn skip_past(html: &str, from: usize, needle: &str) -> usize {
    let hay = html.as_bytes();
    let n = needle.as_bytes();
    (from..hay.len().saturating_sub(n.len() - 1))
        .find(|&i| hay[i..i + n.len()].eq_ignore_ascii_case(n))
        .map_or(hay.len(), |i| i + n.len())
}

/// Converts an HTML fragment to plain text and its links.
pub fn to_plain(html: &str) -> Plain {
    let bytes = html.as_bytes();
    let mut out = Writer::default();
    let mut text_from = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        let rest = &html[i..];
        let after = if rest.starts_with("<!--") {
            Some(skip_past(html, i + 4, "-->"))
        } else if rest.starts_with("<!") || rest.starts_with("<?") {
            Some(skip_past(html, i + 2, ">"))
        } else {
            None
        };
        let (tag, next) = match after {
            Some(next) => (None, next),
            None => match read_tag(html, i) {
                Some((tag, next)) => (Some(tag), next),
                None => {
                    i += 1;
                    continue;
                }
            },
        };
        out.text(&decode_entities(&html[text_from..i]));
        i = next;
        text_from = next;
        let Some(tag) = tag else { continue };
        match (tag.name.as_str(), tag.closing) {
            ("script" | "style" | "template" | "noscript", false) => {
                let close = format!("</{}", tag.name);
                i = skip_past(html, i, &close);
                i = skip_past(html, i, ">");
                text_from = i;
            }
            ("a", false) => out.open_link(tag.href),
            ("a", true) => out.close_link(),
            ("li", false) => {
                out.break_line();
                out.line.push_str("• ");
            }
            ("td" | "th", _) => out.space = true,
            (name, _) if is_block(name) => out.break_line(),
            _ => {}
        }
    }
    out.text(&decode_entities(&html[text_from..]));
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        to_plain(html).text
    }

    #[test]
    fn paragraphs_and_breaks_become_lines() {
        assert_eq!(
            text("<p>One  two\n three</p><p>Four<br>five<br/>six</p>"),
            "One two three\nFour\nfive\nsix"
        );
        assert_eq!(text("  plain   text  "), "plain text");
        assert_eq!(text("<h2>Title</h2>body"), "Title\nbody");
    }

    #[test]
    fn list_items_become_lines() {
        assert_eq!(
            text(
                "<p>Agenda:</p><ul><li>ceasefire</li><li> <b>guarantees</b> </li><li></li></ul>after"
            ),
            "Agenda:\n• ceasefire\n• guarantees\nafter"
        );
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(
            text("caf&eacute; &amp; &lt;b&gt; &#233;&#xE9;&#XE9; &quot;q&quot; &hellip;&nbsp;x"),
            "café & <b> ééé \"q\" … x"
        );
        assert_eq!(text("AT&T &unknown; &"), "AT&T &unknown; &");
        assert_eq!(text("&#0; &#x110000;"), "\u{fffd} \u{fffd}");
    }

    #[test]
    fn links_are_kept_as_references() {
        let plain = to_plain(
            r#"Read <a href="https://example.org/a?x=1&amp;y=2" target=_blank>the <i>statement</i></a>, <a href='javascript:alert(1)'>this</a> and <A HREF=https://example.org/b>b</A>."#,
        );
        assert_eq!(plain.text, "Read the statement, this and b.");
        assert_eq!(
            plain.links,
            vec![
                Link {
                    label: "the statement".into(),
                    href: "https://example.org/a?x=1&y=2".into()
                },
                Link {
                    label: "b".into(),
                    href: "https://example.org/b".into()
                },
            ]
        );
    }

    #[test]
    fn scripts_comments_and_broken_markup() {
        assert_eq!(
            text("a<script>alert('<p>x</p>')</script>b<!-- <p>hidden</p> -->c<style>p{}</STYLE>d"),
            "abcd"
        );
        assert_eq!(text("1 < 2 and 3 > 2"), "1 < 2 and 3 > 2");
        assert_eq!(text("x <b"), "x");
        assert_eq!(text("<p class=\"a>b\">y</p>"), "y");
        assert_eq!(text("<"), "<");
        assert_eq!(text("<!--"), "");
    }

    #[test]
    fn headlines_read_on_one_line() {
        assert_eq!(to_plain("Talks<br>resume").one_line(), "Talks resume");
    }
}
