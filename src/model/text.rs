//! How text from a file is shown: the one rule for the viewer, `parley print` and the
//! messages of `parley check` (see "How text is shown" in docs/format.md).
//!
//! The data keeps every character as written; only what is shown goes through here.
//! Letters, marks and legitimate joiners are shown as they are. Whatever could drive
//! a terminal (C0 and C1 controls, the start of every escape sequence), reorder a line
//! (bidi controls), break it (line and paragraph separators) or hide from a reader and
//! make the terminal and parley disagree on its width (noncharacters, tags, soft
//! hyphens, fillers, stray variation selectors, other invisible format characters) is
//! shown as a visible `\u{..}` escape instead.

use std::borrow::Cow;

/// Zero width non-joiner and joiner: shown between two visible characters (Persian and
/// Indic words, emoji sequences), escaped at an edge or next to space.
const ZWNJ: char = '\u{200C}';
const ZWJ: char = '\u{200D}';

/// Characters that reorder text or hide it and are never shown as they are: bidi
/// embeddings, overrides, isolates and marks, the Arabic letter mark, line and
/// paragraph separators, the soft hyphen, Hangul fillers, the Mongolian vowel
/// separator, zero width space, word joiner and invisible operators, deprecated format
/// characters, a stray BOM, interlinear annotations, tags, shorthand and musical
/// format controls, and the unassigned default-ignorable code points.
fn is_hidden(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180E}'
            | '\u{200B}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFFB}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E00FF}'
            | '\u{E01F0}'..='\u{E0FFF}'
    ) || is_noncharacter(c)
}

/// The 66 code points Unicode promises never to assign.
fn is_noncharacter(c: char) -> bool {
    matches!(c, '\u{FDD0}'..='\u{FDEF}') || u32::from(c) & 0xFFFE == 0xFFFE
}

/// Variation selectors: text or emoji style (VS15, VS16), and the standardised and
/// ideographic variants of a letter.
fn is_variation_selector(c: char) -> bool {
    matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}')
}

/// Characters that may be drawn as emoji, and so take VS15 or VS16 after them.
fn is_emoji_base(c: char) -> bool {
    matches!(
        c,
        '#' | '*'
            | '0'..='9'
            | '\u{A9}'
            | '\u{AE}'
            | '\u{203C}'
            | '\u{2049}'
            | '\u{2122}'
            | '\u{2139}'
            | '\u{2194}'..='\u{21AA}'
            | '\u{231A}'..='\u{23FF}'
            | '\u{24C2}'
            | '\u{25AA}'..='\u{25FE}'
            | '\u{2600}'..='\u{27BF}'
            | '\u{2934}'
            | '\u{2935}'
            | '\u{2B05}'..='\u{2B55}'
            | '\u{3030}'
            | '\u{303D}'
            | '\u{3297}'
            | '\u{3299}'
            | '\u{1F000}'..='\u{1FAFF}'
    )
}

/// A character a joiner may stand next to: anything visible, or a variation selector
/// (an emoji sequence such as ❤️‍🔥 joins after one).
fn joins(c: Option<char>) -> bool {
    c.is_some_and(|c| {
        !(c.is_whitespace() || c.is_control() || is_hidden(c) || c == ZWNJ || c == ZWJ)
    })
}

/// How one character is shown, given the characters either side of it.
#[derive(Debug, PartialEq, Eq)]
enum Shown {
    /// As it is.
    Itself,
    /// As a space (a tab; a line break where the text is one line).
    Space,
    /// Not at all (the carriage return of a CRLF line break).
    Nothing,
    /// As a visible `\u{..}` escape.
    Escape,
}

/// The rule: how `c` is shown between `prev` and `next`.
fn shown(c: char, prev: Option<char>, next: Option<char>, multiline: bool) -> Shown {
    match c {
        '\t' => Shown::Space,
        '\r' if next == Some('\n') => Shown::Nothing,
        '\n' if multiline => Shown::Itself,
        '\n' => Shown::Space,
        c if c.is_control() || is_hidden(c) => Shown::Escape,
        ZWNJ | ZWJ if joins(prev) && joins(next) => Shown::Itself,
        ZWNJ | ZWJ => Shown::Escape,
        '\u{FE0E}' | '\u{FE0F}' if prev.is_some_and(is_emoji_base) => Shown::Itself,
        '\u{FE0E}' | '\u{FE0F}' => Shown::Escape,
        c if is_variation_selector(c) => {
            if prev.is_some_and(|p| p.is_alphanumeric() || is_emoji_base(p)) {
                Shown::Itself
            } else {
                Shown::Escape
            }
        }
        _ => Shown::Itself,
    }
}

/// Whether `c` is shown as an escape wherever it stands: a control character or one
/// of the hidden ones. A file written for a terminal's reader (the JSON export) writes
/// these as escapes of its own format.
pub fn never_shown_raw(c: char) -> bool {
    // Below the soft hyphen only controls are escaped: most text is told at once.
    if c < '\u{AD}' {
        return c.is_control();
    }
    c.is_control() || is_hidden(c)
}

/// Whether `c` may be shown other than as it is, in some context.
fn may_change(c: char, multiline: bool) -> bool {
    if c < '\u{AD}' {
        return c.is_control() && !(multiline && c == '\n');
    }
    c.is_control() || is_hidden(c) || c == ZWNJ || c == ZWJ || is_variation_selector(c)
}

/// Printable ASCII (and line breaks where allowed) needs no look at each character.
/// Checked a block at a time without stopping early inside it, which the compiler turns
/// into vector instructions: most of a dataset's text is like this. What is left over
/// after the last whole block is checked as a block that overlaps the one before, so
/// that a short string (an id, a name, a title) is one or two looks, not one per byte.
fn plain_ascii(text: &str, multiline: bool) -> bool {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let plain = |block: &[u8]| plain_block(block, multiline);
    match n {
        32.. => bytes.chunks_exact(32).all(plain) && plain(&bytes[n - 32..]),
        16.. => plain(&bytes[..16]) && plain(&bytes[n - 16..]),
        8.. => plain(&bytes[..8]) && plain(&bytes[n - 8..]),
        _ => plain(bytes),
    }
}

/// Whether every byte of `block` is printable ASCII (or a line break where allowed),
/// without stopping early: the compiler turns it into vector instructions.
fn plain_block(block: &[u8], multiline: bool) -> bool {
    block.iter().fold(true, |all, &b| {
        all & ((0x20..0x7f).contains(&b) | (multiline & (b == b'\n')))
    })
}

/// Whether any character of `text` may be shown otherwise than as itself: a block of 32
/// bytes of printable ASCII is stepped over at once, any other block a character at a
/// time, so that text with a few other characters (a bullet, an accented name) costs
/// little more than plain ASCII, and text in another script no more than before.
fn any_may_change(text: &str, multiline: bool) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes
            .get(i..i + 32)
            .is_some_and(|block| plain_block(block, multiline))
        {
            i += 32;
            continue;
        }
        let end = (i + 32).min(bytes.len());
        while i < end {
            let b = bytes[i];
            if (0x20..0x7f).contains(&b) || (multiline && b == b'\n') {
                i += 1;
                continue;
            }
            // `i` is always at the start of a character: it moves by whole characters.
            let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                return false;
            };
            if may_change(c, multiline) {
                return true;
            }
            i += c.len_utf8();
        }
    }
    false
}

/// `text` as it is shown: the one place the rule is applied.
fn clean(text: &str, multiline: bool) -> Cow<'_, str> {
    if plain_ascii(text, multiline) || !any_may_change(text, multiline) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    let mut prev = None;
    while let Some(c) = chars.next() {
        match shown(c, prev, chars.peek().copied(), multiline) {
            Shown::Itself => out.push(c),
            Shown::Space => out.push(' '),
            Shown::Nothing => {}
            Shown::Escape => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
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

/// For names, ids, titles and messages, as shown: one line; tabs and line breaks
/// become spaces.
pub fn clean_line(text: &str) -> Cow<'_, str> {
    clean(text, false)
}

/// For summaries and statements, as shown: line breaks are kept, tabs become spaces.
pub fn clean_text(text: &str) -> Cow<'_, str> {
    clean(text, true)
}

/// The text as shown on one line, cut to at most `width` columns by taking out its
/// middle ("Deleg…on 12"): the end of a name (a number, a surname) often tells it
/// from its neighbours. Widths are display widths; a combining mark stays with its base.
pub fn shorten_middle(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let shown = clean_line(text);
    // Characters grouped with the zero-width marks that follow them, with their width.
    let mut clusters: Vec<(&str, usize)> = Vec::new();
    let mut start = 0;
    for (i, c) in shown.char_indices() {
        let w = c.width().unwrap_or(0);
        if i > 0 && w > 0 {
            clusters.push((&shown[start..i], 0));
            start = i;
        }
    }
    clusters.push((&shown[start..], 0));
    for cluster in &mut clusters {
        cluster.1 = cluster.0.chars().map(|c| c.width().unwrap_or(0)).sum();
    }
    let total: usize = clusters.iter().map(|c| c.1).sum();
    if total <= width {
        return shown.into_owned();
    }
    if width == 0 {
        return String::new();
    }
    let room = width - 1;
    let mut head_room = room / 2;
    let mut tail_room = room - head_room;
    let mut head = 0;
    while head < clusters.len() && clusters[head].1 <= head_room {
        head_room -= clusters[head].1;
        head += 1;
    }
    // What the head could not use (a wide character at the cut) goes to the tail.
    tail_room += head_room;
    let mut tail = clusters.len();
    while tail > head && clusters[tail - 1].1 <= tail_room {
        tail_room -= clusters[tail - 1].1;
        tail -= 1;
    }
    // No space next to the ellipsis: "Deleg…Kyiv", not "Deleg… Kyiv".
    while tail < clusters.len() && clusters[tail].0 == " " {
        tail += 1;
    }
    while head > 0 && clusters[head - 1].0 == " " {
        head -= 1;
    }
    let mut out: String = clusters[..head].iter().map(|c| c.0).collect();
    out.push('…');
    out.extend(clusters[tail..].iter().map(|c| c.0));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_look_agrees_with_one_at_each_character() {
        let odd = [
            "\u{1b}",
            "\u{7f}",
            "\t",
            "\n",
            "é",
            "•",
            "\u{200c}",
            "\u{200d}",
            "\u{202e}",
            "\u{2028}",
            "\u{fe0f}",
            "\u{ad}",
            "\u{e0041}",
            "\u{fffe}",
            "ж",
            "👩\u{200d}💻",
        ];
        for a in odd {
            for b in odd {
                // Long enough for whole blocks of ASCII, and blocks that end inside a
                // character of another script.
                let long = "plain words between ".repeat(3);
                for text in [
                    a.to_string(),
                    format!("x{a} y{b}z"),
                    format!("• {a}{b}"),
                    format!("{a}  • {b}"),
                    format!("{long}{a}{long}{b}"),
                    format!("жжжжжжжжжжжжжжжжжжжжжж{a}{long}{b}ж"),
                ] {
                    for multiline in [false, true] {
                        assert_eq!(
                            super::any_may_change(&text, multiline),
                            text.chars().any(|c| super::may_change(c, multiline)),
                            "{text:?}, multiline {multiline}"
                        );
                    }
                }
            }
        }
    }

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
        // A joiner at an edge or next to a space joins nothing.
        assert_eq!(clean_line("a\u{200D} b"), "a\\u{200d} b");
        assert_eq!(clean_line("\u{200C}ab"), "\\u{200c}ab");
        assert_eq!(clean_line("ab\u{200C}"), "ab\\u{200c}");
    }

    /// Each class the rule escapes, one character of each.
    #[test]
    fn every_hidden_class_is_escaped() {
        let hidden = [
            '\u{0}',
            '\u{1b}',
            '\u{7f}',
            '\u{85}',
            '\u{9b}', // C0, DEL, C1
            '\u{202A}',
            '\u{202B}',
            '\u{202C}',
            '\u{202D}',
            '\u{202E}', // embeddings
            '\u{2066}',
            '\u{2067}',
            '\u{2068}',
            '\u{2069}', // isolates
            '\u{200E}',
            '\u{200F}',
            '\u{061C}', // marks
            '\u{2028}',
            '\u{2029}', // separators
            '\u{FDD0}',
            '\u{FDEF}',
            '\u{FFFE}',
            '\u{FFFF}',
            '\u{1FFFE}',
            '\u{10FFFF}',
            '\u{E0001}',
            '\u{E0041}',
            '\u{E007F}', // tags
            '\u{00AD}',  // soft hyphen
            '\u{115F}',
            '\u{1160}',
            '\u{3164}',
            '\u{FFA0}', // Hangul fillers
            '\u{180E}',
            '\u{200B}',
            '\u{2060}',
            '\u{2061}',
            '\u{2064}',
            '\u{FEFF}',
            '\u{FFF9}',
            '\u{1BCA0}',
            '\u{1D173}',
        ];
        for c in hidden {
            let text = format!("a{c}b");
            let want = format!("a\\u{{{:x}}}b", u32::from(c));
            assert_eq!(clean_line(&text), want, "{c:?}");
            assert_eq!(clean_text(&text), want, "{c:?}");
        }
    }

    #[test]
    fn joiners_and_marks_in_words_are_text() {
        let persian = "\u{645}\u{62D}\u{645}\u{62F}\u{200C}\u{62C}\u{648}\u{627}\u{62F}";
        assert_eq!(clean_line(persian), persian);
        let hindi = "\u{915}\u{94D}\u{200D}\u{937}";
        assert_eq!(clean_line(hindi), hindi);
        let combining = "Zoe\u{308} n\u{303}o\u{301}";
        assert!(matches!(clean_line(combining), Cow::Borrowed(_)));
        let keycap = "1\u{FE0F}\u{20E3}";
        assert_eq!(clean_line(keycap), keycap);
        let heart_on_fire = "\u{2764}\u{FE0F}\u{200D}\u{1F525}";
        assert_eq!(clean_line(heart_on_fire), heart_on_fire);
        let skin = "\u{1F469}\u{1F3FD}\u{200D}\u{1F4BB}";
        assert_eq!(clean_line(skin), skin);
        let variant = "\u{845B}\u{E0100}";
        assert_eq!(clean_line(variant), variant);
    }

    #[test]
    fn stray_variation_selectors_are_escaped() {
        assert_eq!(clean_line("a\u{FE0F}"), "a\\u{fe0f}");
        assert_eq!(clean_line("\u{FE0E}x"), "\\u{fe0e}x");
        assert_eq!(clean_line(" \u{FE00}"), " \\u{fe00}");
        assert_eq!(clean_line("\u{E0100}"), "\\u{e0100}");
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

    #[test]
    fn shortens_in_the_middle_by_display_width() {
        assert_eq!(shorten_middle("Delegation 12", 20), "Delegation 12");
        assert_eq!(shorten_middle("Delegation 12", 13), "Delegation 12");
        assert_eq!(shorten_middle("Delegation 12", 10), "Dele…on 12");
        assert_eq!(shorten_middle("United States", 9), "Unit…ates");
        assert_eq!(shorten_middle("Delegation Kyiv", 11), "Deleg…Kyiv");
        assert_eq!(shorten_middle("abc", 1), "…");
        assert_eq!(shorten_middle("abc", 0), "");
        // Wide characters count two; a cut never splits one.
        let s = shorten_middle("乌梅罗夫乌梅罗夫", 7);
        assert_eq!(s, "乌…罗夫");
        // A combining accent stays with its letter.
        let s = shorten_middle("e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}", 3);
        assert_eq!(s, "e\u{301}…e\u{301}");
        // A control character is shown as its escape, and measured as drawn.
        assert!(shorten_middle("a\u{1b}b", 40).contains("\\u{1b}"));
        for w in 0..12 {
            let s = shorten_middle("Witkoff and Kushner meet Putin", w);
            let width: usize = s
                .chars()
                .map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0))
                .sum();
            assert!(width <= w, "{w}: {s}");
            if w > 0 {
                assert!(s.starts_with('W') || w < 3, "{w}: {s}");
                assert!(s.ends_with('n') || w < 2, "{w}: {s}");
            }
        }
    }
}
