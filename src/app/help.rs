//! The help: the key table, then a legend of every mark drawn on screen, written from
//! the same constants the drawing uses so the two cannot drift.

use super::axis::glyph;
use super::keymap::{self, Binding, Mode};
use crate::model::describe::{APPROX, status_mark};
use crate::model::timeline::Status;

/// The help box at its largest, in columns and rows, borders included.
pub const BOX: (u16, u16) = (72, 60);

/// The rows of help text a screen `height` rows tall shows at once.
pub fn rows(height: u16) -> usize {
    let h = BOX.1.min(height.saturating_sub(2)).max(1);
    usize::from(h.saturating_sub(2)).max(1)
}

/// The furthest the help scrolls on a screen `height` rows tall.
pub fn max_scroll(table: &[Binding], height: u16) -> usize {
    lines(table).len().saturating_sub(rows(height))
}

/// The help as lines, each with whether it is a heading; the view fits them to its width.
pub fn lines(table: &[Binding]) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for mode in Mode::ALL {
        if !out.is_empty() {
            out.push((String::new(), false));
        }
        out.push((mode.title().to_string(), true));
        for b in table.iter().filter(|b| b.mode == mode) {
            let keys = keymap::keys_label(b);
            let pad = 18usize.saturating_sub(keys.chars().count());
            out.push((format!("  {keys}{} {}", " ".repeat(pad), b.help), false));
        }
    }
    out.push((String::new(), false));
    out.extend(legend());
    out
}

/// Every mark and shade drawn in the lists, the detail and on the time axis.
pub fn legend() -> Vec<(String, bool)> {
    let mut out = vec![("Marks in the lists and the detail".to_string(), true)];
    let mark = |m: &str, what: &str| (format!("  {m:<4} {what}"), false);
    for s in Status::ALL {
        out.push(mark(status_mark(*s), s.keyword()));
    }
    out.push(mark(APPROX, "about: a time or a length known only roughly"));
    out.push((String::new(), false));
    out.push(("Marks on the time axis".to_string(), true));
    // Statuses drawn with the same fill share a line: "█ held or ongoing".
    let mut fills: Vec<(char, Vec<&str>)> = Vec::new();
    for s in Status::ALL {
        let c = glyph::solid(*s);
        match fills.iter_mut().find(|(f, _)| *f == c) {
            Some((_, names)) => names.push(s.keyword()),
            None => fills.push((c, vec![s.keyword()])),
        }
    }
    for (c, names) in fills {
        let names = match names.split_last() {
            Some((last, [])) => last.to_string(),
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => continue,
        };
        out.push(mark(&c.to_string(), &names));
    }
    out.push(mark(
        &glyph::UNCERTAIN.to_string(),
        "any status, where the reports leave the time uncertain",
    ));
    let edges: String = std::iter::once(glyph::LEFT_EDGE)
        .chain(glyph::PARTIAL.iter().copied().filter(|c| *c != ' '))
        .collect();
    out.push(mark(&edges, "a bar's edge, to an eighth of a column"));
    out.push(mark(
        &glyph::INSTANT.to_string(),
        "an instant, or a time too short to draw at this zoom",
    ));
    out.push(mark(
        &format!("{}N", glyph::CLUSTER),
        "N more events here than there is room for",
    ));
    out.push(mark(&glyph::TICK.to_string(), "a tick of the time scale"));
    out.push(mark(
        &glyph::NOW.to_string(),
        "now, or the dataset's as-of when earlier (labelled)",
    ));
    out
}

/// The axis's own one-line key to its main marks, for its border when there is room.
pub fn axis_legend() -> String {
    format!(
        "{} held {} planned {} uncertain {} instant {}N more {} now",
        glyph::solid(Status::Held),
        glyph::solid(Status::Scheduled),
        glyph::UNCERTAIN,
        glyph::INSTANT,
        glyph::CLUSTER,
        glyph::NOW,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn legend_text() -> String {
        legend()
            .into_iter()
            .map(|(l, _)| l)
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn every_mark_drawn_is_in_the_legend() {
        let text = legend_text();
        for s in Status::ALL {
            assert!(text.contains(status_mark(*s)), "{s:?} mark");
            assert!(text.contains(glyph::solid(*s)), "{s:?} fill");
            assert!(text.contains(s.keyword()), "{s:?} name");
        }
        let mut marks = vec![
            glyph::UNCERTAIN,
            glyph::LEFT_EDGE,
            glyph::INSTANT,
            glyph::TICK,
            glyph::NOW,
        ];
        marks.extend(glyph::PARTIAL.iter().filter(|c| **c != ' '));
        for c in marks {
            assert!(text.contains(c), "{c}");
        }
        assert!(text.contains(APPROX));
        assert!(text.contains(&format!("{}N", glyph::CLUSTER)));
    }

    #[test]
    fn the_axis_legend_uses_the_axis_marks() {
        let line = axis_legend();
        for c in [
            glyph::solid(Status::Held),
            glyph::solid(Status::Scheduled),
            glyph::UNCERTAIN,
            glyph::INSTANT,
            glyph::NOW,
        ] {
            assert!(line.contains(c), "{c}");
        }
        assert!(line.contains(&format!("{}N", glyph::CLUSTER)));
    }

    #[test]
    fn the_help_ends_with_the_legend() {
        let all = lines(keymap::BINDINGS);
        let legend = legend();
        assert_eq!(all[all.len() - legend.len()..], legend[..]);
        assert!(all.len() > legend.len() + keymap::BINDINGS.len());
    }

    #[test]
    fn the_help_scrolls_no_further_than_its_last_page() {
        for height in [10u16, 24, 40, 80] {
            let max = max_scroll(keymap::BINDINGS, height);
            assert_eq!(
                max + rows(height),
                lines(keymap::BINDINGS).len().max(rows(height))
            );
        }
    }
}
