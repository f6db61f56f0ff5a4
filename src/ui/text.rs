//! Fitting text into columns by display width (wide CJK characters count two).

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The text cut to `width` columns, ending in "…" when cut.
pub fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// The text cut or padded with spaces to exactly `width` columns.
pub fn pad(text: &str, width: usize) -> String {
    let mut s = fit(text, width);
    let w = s.width();
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
}
