//! The mouse: clicks on tabs, rows and links, and the wheel over the panes.

use super::*;

/// Lines the mouse wheel moves.
const WHEEL: usize = 3;

pub(super) fn contains(r: Option<ratatui::layout::Rect>, x: u16, y: u16) -> bool {
    r.is_some_and(|r| x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height)
}

pub(super) fn click(app: &mut App, x: u16, y: u16) {
    let areas = layout::areas(app.size.0, app.size.1, app.nav.focus);
    if areas.too_small {
        return;
    }
    if y == areas.header.y + 1 {
        if let Some((view, ..)) = layout::view_tabs()
            .into_iter()
            .find(|(_, a, b)| x >= *a && x < *b)
        {
            normal(app, Action::Show(view));
        }
        return;
    }
    if contains(areas.list_inner(), x, y) {
        let inner = areas.list_inner().unwrap_or_default();
        close_detail(app);
        let visible = rows::visible(app, app.nav.view, usize::from(inner.height));
        if let Some(ListRow::Item(k)) = visible.get(usize::from(y - inner.y)) {
            select(app, *k);
        }
        return;
    }
    if contains(areas.detail_inner(), x, y) {
        let inner = areas.detail_inner().unwrap_or_default();
        let line = usize::from(y - inner.y) + app.nav.detail_scroll;
        // Only the clicked line's link is looked up: the document may be long.
        let target = {
            let doc = detail::document(app, inner.width);
            let mut col = inner.x;
            let mut found = None;
            for seg in doc.line(line).iter().flat_map(|l| l.iter()) {
                let w = seg.text.width() as u16;
                if x >= col && x < col + w {
                    found = seg
                        .link
                        .and_then(|l| doc.links.get(l).map(|link| (l, link.target)));
                    break;
                }
                col += w;
            }
            found
        };
        match target {
            // A click only focuses a web link: a browser opens on a key, never by chance.
            Some((l, Target::Web(_))) => {
                open_detail(app, Some(l));
                let key = |a: Action| {
                    let keys = app.keymap.keys_of(Mode::Detail, &a);
                    keys.first()
                        .map(crate::app::keymap::label)
                        .unwrap_or_default()
                };
                app.status = Some(format!(
                    "{} opens the link in the browser, {} copies it",
                    key(Action::OpenLink),
                    key(Action::CopyLink)
                ));
            }
            Some((_, target)) => follow(app, target),
            None => open_detail(app, app.nav.link),
        }
    }
}

pub(super) fn wheel(app: &mut App, x: u16, y: u16, down: bool) {
    let areas = layout::areas(app.size.0, app.size.1, app.nav.focus);
    let by = if down {
        WHEEL as isize
    } else {
        -(WHEEL as isize)
    };
    if contains(areas.detail, x, y) {
        app.nav.detail_scroll = app.nav.detail_scroll.saturating_add_signed(by);
        clamp_detail_scroll(app);
    } else if contains(areas.list, x, y) {
        let sel = app.cursor().sel;
        select(app, sel.saturating_add_signed(by));
    }
}
