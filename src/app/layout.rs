//! Where each pane goes for a terminal size. Both the view (to draw) and `update` (to
//! page, scroll and hit-test clicks) use this one function.

use ratatui::layout::{Margin, Rect};

use super::Focus;

/// Smallest terminal parley draws in; below it says so instead.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;
/// From this width the list and the detail sit side by side.
pub const WIDE: u16 = 100;
/// Rows of the header: title line and views line.
pub const HEADER: u16 = 2;
/// Columns the detail keeps, with its border, when the two panes sit side by side.
pub const DETAIL_MIN: u16 = 48;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    /// The list pane with its border; absent when a narrow screen shows the detail.
    pub list: Option<Rect>,
    pub detail: Option<Rect>,
    pub footer: Rect,
    pub too_small: bool,
}

impl Areas {
    /// The list's rows inside its border.
    pub fn list_inner(&self) -> Option<Rect> {
        self.list.map(inner)
    }

    /// The detail's text: inside its border, with a column of padding each side.
    pub fn detail_inner(&self) -> Option<Rect> {
        self.detail.map(detail_text)
    }
}

pub fn inner(r: Rect) -> Rect {
    r.inner(Margin::new(1, 1))
}

/// Where the detail's text goes in its pane: a column of padding inside each side of
/// the border, so that text never touches it.
pub fn detail_text(r: Rect) -> Rect {
    r.inner(Margin::new(2, 1))
}

/// The list's columns when the panes sit side by side: three fifths of the width, so
/// that titles keep their room, but never so many that the detail has fewer than
/// [`DETAIL_MIN`], and never less than half.
pub fn list_width(width: u16) -> u16 {
    ((u32::from(width) * 3 / 5) as u16)
        .min(width.saturating_sub(DETAIL_MIN))
        .max(width / 2)
}

pub fn areas(width: u16, height: u16, focus: Focus) -> Areas {
    if width < MIN_WIDTH || height < MIN_HEIGHT {
        return Areas {
            header: Rect::default(),
            list: None,
            detail: None,
            footer: Rect::default(),
            too_small: true,
        };
    }
    let header = Rect::new(0, 0, width, HEADER);
    let footer = Rect::new(0, height - 1, width, 1);
    let body = Rect::new(0, HEADER, width, height - HEADER - 1);
    let (list, detail) = if width >= WIDE {
        let left = list_width(width);
        (
            Some(Rect::new(0, body.y, left, body.height)),
            Some(Rect::new(left, body.y, width - left, body.height)),
        )
    } else {
        match focus {
            Focus::List => (Some(body), None),
            Focus::Detail => (None, Some(body)),
        }
    };
    Areas {
        header,
        list,
        detail,
        footer,
        too_small: false,
    }
}

/// Rows available to a list at a terminal size (at least one).
pub fn list_height(width: u16, height: u16) -> usize {
    areas(width, height, Focus::List)
        .list_inner()
        .map_or(1, |r| usize::from(r.height).max(1))
}

/// Columns and rows of the detail pane's text at a terminal size.
pub fn detail_size(width: u16, height: u16) -> (u16, usize) {
    areas(width, height, Focus::Detail)
        .detail_inner()
        .map_or((1, 1), |r| (r.width.max(1), usize::from(r.height).max(1)))
}

/// The view tabs on the header's second line: each view with its first and last+1 column.
pub fn view_tabs() -> Vec<(super::View, u16, u16)> {
    let mut x = 1u16;
    super::View::ALL
        .iter()
        .enumerate()
        .map(|(i, v)| {
            // " 1 Timeline " with a space each side.
            let w = (tab_label(i, *v).len() + 2) as u16;
            let tab = (*v, x, x + w);
            x += w;
            tab
        })
        .collect()
}

/// The label of a view tab: "1 Timeline".
pub fn tab_label(i: usize, view: super::View) -> String {
    format!("{} {}", i + 1, view.title())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Side by side, the list has three fifths and the detail at least its minimum.
    #[test]
    fn the_list_gets_room_and_the_detail_keeps_its_minimum() {
        for w in WIDE..=400 {
            let a = areas(w, 40, Focus::List);
            let (list, detail) = (a.list.expect("list"), a.detail.expect("detail"));
            assert_eq!(list.width + detail.width, w);
            assert!(list.width >= w / 2, "{w}: list {}", list.width);
            assert!(list.width <= w * 3 / 5 + 1, "{w}: list {}", list.width);
            assert!(detail.width >= DETAIL_MIN, "{w}: detail {}", detail.width);
        }
        assert_eq!(areas(120, 40, Focus::List).list.map(|r| r.width), Some(72));
        let text = areas(120, 40, Focus::List).detail_inner().expect("detail");
        assert_eq!((text.x, text.width), (74, 44));
    }
}
