//! Fitting text into columns by the width it is drawn at. Text from a file is shown
//! through [`crate::model::text`]'s rule, and measured as drawn: each grapheme as the
//! buffer places it (wide CJK characters count two, an emoji sequence joined by ZWJ
//! one picture two columns wide), so that what parley lays out is what it draws.

use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption, CellWidth};
use ratatui::style::Style;
use ratatui::text::Span;

pub use crate::app::document::Width;
use crate::app::document::drawn_width;
use crate::model::text::{clean_line, never_shown_raw};

/// The text as shown on one line, cut to `width` columns, ending in "…" when cut.
pub fn fit(text: &str, width: usize) -> String {
    // Only the start of a huge text (a 16 MiB headline) can show: measure that alone.
    let room = width.saturating_mul(16).saturating_add(64);
    if text.len() > room {
        let mut cut = room;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let start = fit_whole(&text[..cut], width);
        if start.ends_with('…') {
            return start;
        }
        let mut start = fit_whole(&text[..cut], width.saturating_sub(1));
        start.push('…');
        return start;
    }
    fit_whole(text, width)
}

fn fit_whole(text: &str, width: usize) -> String {
    let shown = clean_line(text);
    if drawn_width(&shown) <= width {
        return shown.into_owned();
    }
    if width == 0 {
        return String::new();
    }
    let span = Span::raw(shown.as_ref());
    let mut out = String::new();
    let mut used = 0;
    for g in span.styled_graphemes(Style::new()) {
        let w = usize::from(g.symbol.cell_width());
        if used + w > width - 1 {
            break;
        }
        out.push_str(g.symbol);
        used += w;
    }
    out.push('…');
    out
}

/// Makes `text`, drawn from cell `at` on, a terminal hyperlink (OSC 8) to `address`: the
/// first cell writes the whole link and stands for its width, so the cells after it
/// are not written again. Nothing is done unless the address is printable ASCII and the
/// text holds no control character: neither can then end the escape or start another.
pub fn hyperlink(buf: &mut Buffer, at: (u16, u16), text: &str, address: &str) {
    let safe_address = !address.is_empty() && address.bytes().all(|b| (0x21..0x7f).contains(&b));
    let safe_text = !text.chars().any(never_shown_raw);
    let width = u16::try_from(drawn_width(text))
        .ok()
        .and_then(NonZeroU16::new);
    let (Some(width), true, true) = (width, safe_address, safe_text) else {
        return;
    };
    if let Some(cell) = buf.cell_mut(at) {
        cell.set_symbol(&format!("\x1b]8;;{address}\x1b\\{text}\x1b]8;;\x1b\\"))
            .set_diff_option(CellDiffOption::ForcedWidth(width));
    }
}

/// The text as shown, cut or padded with spaces to exactly `width` columns.
pub fn pad(text: &str, width: usize) -> String {
    let mut s = fit(text, width);
    let w = drawn_width(&s);
    s.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_by_display_width() {
        assert_eq!(fit("Witkoff", 10), "Witkoff");
        assert_eq!(fit("Witkoff and Kushner", 10), "Witkoff a…");
        assert_eq!(fit("乌梅罗夫", 5), "乌梅…");
        assert_eq!(pad("乌梅", 6), "乌梅  ");
        assert_eq!(fit("abc", 0), "");
    }

    #[test]
    fn measures_what_is_drawn() {
        // Shown as an escape, and as wide as the escape.
        assert_eq!(fit("a\u{202E}b", 20), "a\\u{202e}b");
        assert_eq!("a\u{202E}b".width(), 10);
        // One picture, two columns: cut whole, never inside.
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
        assert_eq!(family.width(), 2);
        assert_eq!(pad(family, 4), format!("{family}  "));
        assert_eq!(fit(&format!("{family}{family}x"), 4), format!("{family}…"));
        // Combining marks take no column of their own.
        assert_eq!("Zoe\u{308}".width(), 3);
    }
}
