//! Neutralising text from files so that it can never drive a terminal.
//!
//! Control characters (C0, DEL, C1: the start of every escape sequence), bidirectional
//! overrides and invisible zero-width characters are replaced by a visible `\u{..}`
//! escape, so a reader sees that the file is odd and nothing reaches the terminal raw.

use std::borrow::Cow;

/// Characters that reorder text or hide it: bidi embeddings, overrides and isolates,
/// direction marks, zero-width spaces and joiners, the word joiner and a stray BOM.
fn is_invisible_trick(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{061C}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
    )
}

fn is_emoji_like(c: char) -> bool {
    matches!(c, '\u{1F000}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}' | '\u{FE0F}')
}

fn needs_escape(c: char, prev: Option<char>, next: Option<char>, multiline: bool) -> bool {
    match c {
        '\n' => !multiline,
        // A zero-width joiner between emoji builds one picture (a family, a flag).
        '\u{200D}' => !(prev.is_some_and(is_emoji_like) && next.is_some_and(is_emoji_like)),
        c if c.is_control() => true,
        c => is_invisible_trick(c),
    }
}

/// Printable ASCII (and line breaks where allowed) needs no look at each character.
/// Checked a block at a time without stopping early inside it, which the compiler turns
/// into vector instructions: most of a dataset's text is like this. What is left over
/// after the last whole block is checked as a block that overlaps the one before, so
/// that a short string (an id, a name, a title) is one or two looks, not one per byte.
fn plain_ascii(text: &str, multiline: bool) -> bool {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let plain = |block: &[u8]| {
        block.iter().fold(true, |all, &b| {
            all & ((0x20..0x7f).contains(&b) | (multiline & (b == b'\n')))
        })
    };
    match n {
        32.. => bytes.chunks_exact(32).all(plain) && plain(&bytes[n - 32..]),
        16.. => plain(&bytes[..16]) && plain(&bytes[n - 16..]),
        8.. => plain(&bytes[..8]) && plain(&bytes[n - 8..]),
        _ => plain(bytes),
    }
}

fn clean(text: &str, multiline: bool) -> Cow<'_, str> {
    let mut chars = text.chars().peekable();
    let mut prev = None;
    if plain_ascii(text, multiline) {
        return Cow::Borrowed(text);
    }
    let suspicious =
        |c: char| (c.is_control() && !(multiline && c == '\n')) || is_invisible_trick(c);
    if !text.chars().any(suspicious) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        match c {
            '\t' => out.push(' '),
            '\r' if next == Some('\n') => {}
            '\n' if !multiline => out.push(' '),
            c if needs_escape(c, prev, next, multiline) => {
                out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
            }
            c => out.push(c),
        }
        prev = Some(c);
    }
    Cow::Owned(out)
}

/// Whether `text` is empty or white space only, as `text.trim().is_empty()` tells: at
/// once when it starts with an ASCII character that is not white space, as nearly every
/// id and title does, without the trim's look at characters from both ends.
pub fn is_blank(text: &str) -> bool {
    match text.as_bytes().first() {
        Some(&b) if b.is_ascii() && !char::from(b).is_whitespace() => false,
        _ => text.trim().is_empty(),
    }
}

/// For names, ids, titles: one line; tabs and line breaks become spaces.
pub fn clean_line(text: &str) -> Cow<'_, str> {
    clean(text, false)
}

/// For summaries and statements: line breaks are kept, tabs become spaces.
pub fn clean_text(text: &str) -> Cow<'_, str> {
    clean(text, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every length, and every place in it, whichever blocks and overlaps that takes.
    #[test]
    fn plain_ascii_is_told_apart_in_any_position() {
        for len in 1..=100 {
            let plain = "a".repeat(len);
            assert!(super::plain_ascii(&plain, false), "length {len}");
            for at in 0..len {
                for bad in ['\u{1b}', '\u{7f}', '\t', '\u{0}', 'é'] {
                    let mut s = plain.clone();
                    s.replace_range(at..at + 1, &bad.to_string());
                    assert!(!super::plain_ascii(&s, true), "{bad:?} at {at} of {len}");
                }
                let mut s = plain.clone();
                s.replace_range(at..at + 1, "\n");
                assert!(super::plain_ascii(&s, true), "line break at {at} of {len}");
                assert!(
                    !super::plain_ascii(&s, false),
                    "line break at {at} of {len}"
                );
            }
        }
        assert!(super::plain_ascii("", false));
        assert!(super::plain_ascii(" ~", false));
    }

    /// As the standard library's trim tells, whatever the first character.
    #[test]
    fn blank_is_what_trims_to_nothing() {
        let starts = (0u8..0x80)
            .map(char::from)
            .chain(['\u{a0}', '\u{2003}', 'é']);
        for first in starts {
            for rest in ["", " ", "x", " \u{3000}", "\u{b}"] {
                let text = format!("{first}{rest}");
                assert_eq!(is_blank(&text), text.trim().is_empty(), "{text:?}");
            }
        }
        assert!(is_blank(""));
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(clean_line("Rustem Umerov"), Cow::Borrowed(_)));
        assert!(matches!(clean_text("Line one\nline two"), Cow::Borrowed(_)));
        assert!(matches!(clean_line("Умєров 乌梅罗夫"), Cow::Borrowed(_)));
    }

    #[test]
    fn escape_sequences_are_made_visible() {
        assert_eq!(clean_line("a\u{1b}[31mred"), "a\\u{1b}[31mred");
        assert_eq!(
            clean_line("osc\u{1b}]0;title\u{7}"),
            "osc\\u{1b}]0;title\\u{7}"
        );
        assert_eq!(clean_line("c1\u{9b}2J"), "c1\\u{9b}2J");
        assert_eq!(clean_line("del\u{7f}"), "del\\u{7f}");
    }

    #[test]
    fn bidi_and_zero_width_are_made_visible() {
        assert_eq!(clean_line("abc\u{202E}fed"), "abc\\u{202e}fed");
        assert_eq!(clean_line("x\u{2066}y\u{2069}"), "x\\u{2066}y\\u{2069}");
        assert_eq!(clean_line("Wit\u{200B}koff"), "Wit\\u{200b}koff");
        assert_eq!(clean_line("a\u{200D}b"), "a\\u{200d}b");
    }

    #[test]
    fn emoji_joiners_survive() {
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
        assert_eq!(clean_line(family), family);
    }

    #[test]
    fn line_breaks_depend_on_the_field() {
        assert_eq!(clean_line("two\nlines\tand tab"), "two lines and tab");
        assert_eq!(clean_text("two\r\nlines\tand tab"), "two\nlines and tab");
    }
}
