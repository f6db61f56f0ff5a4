//! Where the user is: the view, which pane has the keyboard, each list's selection and
//! scroll, the detail's scroll and focused link, and the way back.

use super::View;
use super::detail::KeptDocument;
use super::document::Target;

/// Which pane has the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    List,
    Detail,
}

/// Selection and scroll of one list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cursor {
    /// The selected item (an event position in the shown list, a person, a topic...).
    pub sel: usize,
    /// The first event (timeline) or row (other lists) on screen.
    pub top: usize,
}

/// A screen to come back to with Backspace: the view, its selection, and whether the
/// detail had the keyboard (below 100 columns: whether the detail page was shown).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Location {
    pub view: View,
    pub subject: Option<Target>,
    pub focus: Focus,
    /// The list's first row on screen.
    pub top: usize,
    pub detail_scroll: usize,
    /// The focused link of the detail.
    pub link: Option<usize>,
}

impl Location {
    /// The same screen, perhaps scrolled or with another link focused.
    pub fn same_screen(&self, other: &Location) -> bool {
        self.view == other.view && self.subject == other.subject && self.focus == other.focus
    }
}

/// Where the user is and how they got there.
#[derive(Clone, Debug, PartialEq)]
pub struct Navigation {
    pub view: View,
    pub focus: Focus,
    /// One per view, in [`View::ALL`] order (the axis shares the timeline's).
    pub cursors: [Cursor; 4],
    pub detail_scroll: usize,
    /// The focused link of the detail pane.
    pub link: Option<usize>,
    /// Screens to come back to with Backspace, the latest last: opening a detail,
    /// following a link and switching views each add the screen they leave.
    pub history: Vec<Location>,
    /// The detail pane's document as of the last change (dropped when the data is
    /// replaced).
    pub detail_doc: Option<KeptDocument>,
}

impl Default for Navigation {
    fn default() -> Navigation {
        Navigation {
            view: View::Timeline,
            focus: Focus::List,
            cursors: [Cursor::default(); 4],
            detail_scroll: 0,
            link: None,
            history: Vec::new(),
            detail_doc: None,
        }
    }
}
