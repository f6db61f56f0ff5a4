//! The right pane: the document for the selected meeting, person, topic or place.

use ratatui::Frame;
use ratatui::layout::Margin;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState,
};

use super::Theme;
use super::text::{self, Width};
use crate::app::document::Target;
use crate::app::{App, Focus, detail, layout};
use crate::model::describe;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let focused = app.nav.focus == Focus::Detail;
    let inner = layout::detail_text(area);
    let doc = detail::document(app, inner.width);
    let height = usize::from(inner.height);
    let kind = match app.subject() {
        Some(Target::Event(e)) => describe::kind_name(app.timeline.event(e).kind),
        Some(Target::Person(_)) => "Person",
        Some(Target::Topic(_)) => "Topic",
        Some(Target::Place(_)) => "Place",
        Some(Target::Web(_)) | None => "Detail",
    };
    let mut block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(focused))
        .title(Span::styled(format!(" {kind} "), theme.title()));
    if doc.len() > height {
        let last = (app.nav.detail_scroll + height).min(doc.len());
        let mut at = format!(" line {last} of {} ", doc.len());
        // A narrow pane keeps room for its corners: the short form there.
        if at.len() + 4 > usize::from(area.width) {
            at = format!(" {last}/{} ", doc.len());
        }
        block = block.title_bottom(Line::from(Span::styled(at, theme.dim())).right_aligned());
    }
    frame.render_widget(block, area);
    if doc.len() > height {
        // On the right border, between the corners: where the page is in the text.
        let mut state = ScrollbarState::new(doc.len() - height + 1)
            .position(app.nav.detail_scroll)
            .viewport_content_length(height);
        let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .track_symbol(Some("│"))
            .thumb_symbol("┃")
            .style(theme.border(focused));
        frame.render_stateful_widget(bar, area.inner(Margin::new(0, 1)), &mut state);
    }
    let shown = doc.lines_from(app.nav.detail_scroll, height);
    let lines: Vec<Line> = shown
        .iter()
        .map(|segs| {
            Line::from(
                segs.iter()
                    .map(|s| {
                        let style = match s.link {
                            Some(l) if focused && app.nav.link == Some(l) => theme.focused_link(),
                            _ => theme.tag(&app.timeline, s.tag),
                        };
                        Span::styled(s.text.clone(), style)
                    })
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
    // Each web link, as drawn, becomes a terminal hyperlink to its checked address; not
    // under an overlay, whose cells the link's first cell would write over.
    if app.hyperlinks && app.overlay().is_none() {
        for (segs, y) in shown.iter().zip(inner.y..inner.bottom()) {
            let mut x = usize::from(inner.x);
            for s in segs.iter() {
                let w = s.text.width();
                let address = s
                    .link
                    .and_then(|l| doc.links.get(l))
                    .and_then(|l| doc.address(l.target));
                if let Some(address) = address
                    && x + w <= usize::from(inner.right())
                {
                    text::hyperlink(frame.buffer_mut(), (x as u16, y), &s.text, address);
                }
                x += w;
            }
        }
    }
}
