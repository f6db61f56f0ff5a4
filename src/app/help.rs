//! The help: the key table, then a legend of every mark drawn on screen, written from
//! the same constants the drawing uses so the two cannot drift.

use super::axis::glyph;
use super::document::Width;
use super::keymap::{self, Binding, Mode};
use crate::model::describe::{APPROX, DISPUTED_MARK, SIDE_MARK, status_mark};
use crate::model::timeline::Status;

/// The help box at its largest, in columns and rows, borders included.
pub const BOX: (u16, u16) = (72, 60);

/// The rows of help text a screen `height` rows tall shows at once.
pub fn rows(height: u16) -> usize {
    let h = BOX.1.min(height.saturating_sub(2)).max(1);
    usize::from(h.saturating_sub(2)).max(1)
}

/// The columns of help text a screen `width` columns wide shows.
pub fn columns(width: u16) -> usize {
    let w = BOX.0.min(width.saturating_sub(2)).max(1);
    usize::from(w.saturating_sub(2)).max(1)
}

/// The furthest the help scrolls on a screen of `size` (columns, rows).
pub fn max_scroll(table: &[Binding], size: (u16, u16)) -> usize {
    lines(table, columns(size.0))
        .len()
        .saturating_sub(rows(size.1))
}

/// The help as lines of at most `width` columns where words allow, each with whether
/// it is a heading: the key table, then the legend.
pub fn lines(table: &[Binding], width: usize) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for mode in Mode::ALL {
        if !out.is_empty() {
            out.push((String::new(), false));
        }
        out.push((mode.title().to_string(), true));
        for b in table.iter().filter(|b| b.mode == mode) {
            let keys = keymap::keys_label(b);
            let pad = 18usize.saturating_sub(keys.width());
            entry(
                &mut out,
                format!("  {keys}{}", " ".repeat(pad)),
                b.help,
                width,
            );
        }
    }
    out.push((String::new(), false));
    for (lead, what) in legend() {
        match what {
            Some(what) => entry(&mut out, lead, &what, width),
            None => out.push((lead, true)),
        }
    }
    out
}

/// One entry, its words wrapped under the start of its description.
fn entry(out: &mut Vec<(String, bool)>, lead: String, what: &str, width: usize) {
    let indent = lead.width() + 1;
    let room = width.saturating_sub(indent);
    // Too narrow to wrap usefully: one line, which the view cuts.
    if room < 12 {
        out.push((format!("{lead} {what}"), false));
        return;
    }
    let mut line = String::new();
    let mut first = true;
    for word in what.split(' ') {
        if !line.is_empty() && line.width() + 1 + word.width() > room {
            let head = if first {
                lead.clone()
            } else {
                " ".repeat(indent - 1)
            };
            out.push((format!("{head} {line}"), false));
            first = false;
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    let head = if first { lead } else { " ".repeat(indent - 1) };
    out.push((format!("{head} {line}"), false));
}

/// Every mark and shade drawn in the lists, the detail and on the time axis: a heading
/// (with no description) or a mark with what it means.
pub fn legend() -> Vec<(String, Option<String>)> {
    let heading = |h: &str| (h.to_string(), None);
    let mark = |m: &str, what: &str| (format!("  {m:<4}"), Some(what.to_string()));
    let mut out = vec![heading("Marks in the lists and the detail")];
    out.push(mark(
        DISPUTED_MARK,
        "in a row: sources disagree on a part of the event (the detail gives each account)",
    ));
    for s in Status::ALL {
        out.push(mark(status_mark(*s), s.keyword()));
    }
    out.push(mark(APPROX, "about: a time or a length known only roughly"));
    out.push(mark(
        SIDE_MARK,
        "a side in its colour, one per side present in a row (without colour: its first letter, or its id where two share one)",
    ));
    out.push(mark(
        super::changes::MARK,
        "added or changed by the last reload, until selected",
    ));
    out.push((String::new(), None));
    out.push(heading("Marks on the time axis"));
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
        "any status, where the time is uncertain or disputed",
    ));
    let edges: String = std::iter::once(glyph::LEFT_EDGE)
        .chain(glyph::PARTIAL.iter().copied().filter(|c| *c != ' '))
        .collect();
    out.push(mark(&edges, "a bar's edge, to an eighth of a column"));
    out.push(mark(
        &glyph::INSTANT.to_string(),
        "an instant, or a time too short to draw at this zoom",
    ));
    let heat: String = glyph::HEAT.iter().collect();
    out.push(mark(
        &heat,
        "a lane too busy for bars: events per column, fewest to most",
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
        "{} held {} planned {} uncertain {} instant {} busy {} now",
        glyph::solid(Status::Held),
        glyph::solid(Status::Scheduled),
        glyph::UNCERTAIN,
        glyph::INSTANT,
        glyph::HEAT.iter().collect::<String>(),
        glyph::NOW,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn legend_text() -> String {
        legend()
            .into_iter()
            .map(|(l, what)| format!("{l} {}", what.unwrap_or_default()))
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
        assert!(text.contains(SIDE_MARK));
        assert!(text.contains(crate::app::changes::MARK));
        assert!(text.contains(&glyph::HEAT.iter().collect::<String>()));
        assert!(text.contains(DISPUTED_MARK));
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
        assert!(line.contains(&glyph::HEAT.iter().collect::<String>()));
    }

    #[test]
    fn the_help_ends_with_the_legend() {
        let all = lines(keymap::BINDINGS, 200);
        let legend = legend();
        assert_eq!(
            all.len(),
            legend.len() + 1 + keymap::BINDINGS.len() + 2 * Mode::ALL.len() - 1
        );
        let last = all.last().map(|l| l.0.trim()).unwrap_or_default();
        assert!(last.starts_with(glyph::NOW), "{last}");
        let now = legend[legend.len() - 1].1.clone().unwrap_or_default();
        assert!(last.ends_with(&now), "{last}");
    }

    #[test]
    fn help_lines_wrap_to_the_box() {
        for width in [34usize, 46, 70] {
            let all = lines(keymap::BINDINGS, width);
            for (l, _) in all.iter().filter(|(_, heading)| !heading) {
                // Only a single word longer than the room may overflow; headings are cut.
                assert!(
                    l.width() <= width || !l.trim().contains(' '),
                    "{width}: {l}"
                );
            }
            let words = |ls: &[(String, bool)]| {
                ls.iter()
                    .flat_map(|(l, _)| l.split_whitespace().map(str::to_string).collect::<Vec<_>>())
                    .collect::<Vec<_>>()
            };
            assert_eq!(
                words(&all),
                words(&lines(keymap::BINDINGS, 500)),
                "{width}: no word lost"
            );
        }
    }

    #[test]
    fn the_help_scrolls_no_further_than_its_last_page() {
        for size in [(50u16, 10u16), (80, 24), (120, 40), (200, 80)] {
            let max = max_scroll(keymap::BINDINGS, size);
            let len = lines(keymap::BINDINGS, columns(size.0)).len();
            assert_eq!(max + rows(size.1), len.max(rows(size.1)), "{size:?}");
        }
    }
}
