//! The screen shown while a large file loads: how far it has got, and how to stop.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{LineGauge, Paragraph};

use super::Theme;
use super::text::fit;
use crate::app::keymap::Keymap;
use crate::data::stream::Progress;
use crate::model::describe;

/// Draws the progress of loading `file`, and the keys that stop it.
pub fn render(file: &str, progress: Progress, keymap: &Keymap, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    let width = usize::from(area.width);
    let ratio = if progress.total == 0 {
        0.0
    } else {
        (progress.read as f64 / progress.total as f64).clamp(0.0, 1.0)
    };
    let doing = if progress.rereading {
        "Reading the file again, whole"
    } else {
        "Loading"
    };
    let title = Line::from(vec![
        Span::styled(format!(" {doing} "), theme.title()),
        Span::raw(fit(file, width.saturating_sub(doing.len() + 3))),
    ]);
    let detail = format!(
        " {} of {} · {}",
        megabytes(progress.read),
        megabytes(progress.total),
        describe::count(progress.events as usize, "event", "events")
    );
    let hint = format!(" {}", keymap.loading_hint());
    // Centred when there is room, from the top when there is not.
    let lines = 4u16;
    let top = area.y + area.height.saturating_sub(lines) / 2;
    let row = |i: u16| Rect::new(area.x, top + i, area.width, 1).intersection(area);
    frame.render_widget(Paragraph::new(title), row(0));
    let bar = row(1);
    let gauge_area = Rect::new(bar.x + 1, bar.y, bar.width.saturating_sub(2), bar.height);
    frame.render_widget(
        LineGauge::default()
            .ratio(ratio)
            .filled_symbol("█")
            .unfilled_symbol("░")
            .filled_style(theme.title())
            .unfilled_style(theme.dim()),
        gauge_area,
    );
    frame.render_widget(Paragraph::new(fit(&detail, width)), row(2));
    frame.render_widget(
        Paragraph::new(Span::styled(fit(&hint, width), theme.dim())),
        row(3),
    );
}

/// "88.8 MB".
fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_in_megabytes() {
        assert_eq!(megabytes(88_828_486), "88.8 MB");
    }
}
