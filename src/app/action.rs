//! Everything the viewer can be asked to do: the closed set of messages `update` takes.

use crate::model::time::Instant;
use crate::watch::Reload;

/// The main views, switched with the number keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum View {
    Timeline,
    People,
    Topics,
    Places,
    /// The time axis: events as bars in lanes.
    Axis,
}

impl View {
    pub const ALL: [View; 5] = [
        View::Timeline,
        View::People,
        View::Topics,
        View::Places,
        View::Axis,
    ];

    pub fn title(self) -> &'static str {
        match self {
            View::Timeline => "Timeline",
            View::People => "People",
            View::Topics => "Topics",
            View::Places => "Places",
            View::Axis => "Axis",
        }
    }

    /// Views whose items are events (they share one selection).
    pub fn shows_events(self) -> bool {
        matches!(self, View::Timeline | View::Axis)
    }
}

/// Not `Copy`: a reload's outcome carries the new timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Quit,
    Suspend,
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    PrevDay,
    NextDay,
    /// Tab: list, then each link of the detail, then back to the list.
    FocusNext,
    FocusPrev,
    /// Enter: open the selection's detail, or follow the focused link.
    Follow,
    /// Backspace: the screen before this one, as it was.
    Back,
    /// Esc or ← in the detail: back to the list.
    CloseDetail,
    /// `o` in the detail: open the focused web link in the browser.
    OpenLink,
    /// `y` in the detail: copy the focused web link (OSC 52).
    CopyLink,
    Show(View),
    SearchStart,
    SearchInput(char),
    SearchDeleteChar,
    SearchConfirm,
    SearchNext,
    SearchPrev,
    /// `:`: open the jump prompt (typed with `SearchInput`, `SearchDeleteChar`).
    JumpStart,
    /// Tab in the jump prompt: complete an event id.
    JumpComplete,
    /// Enter in the jump prompt: go to the date, time or event id typed.
    JumpConfirm,
    /// `.`: the first event from the now line on.
    JumpNow,
    /// `x`: list only the events near the selection (±6 h, ±1 day, ±3 days, off).
    CycleWindow,
    /// `t`: show or hide the rows that mark days without events.
    GapsToggle,
    FiltersOpen,
    FilterToggle,
    FilterCategoryNext,
    FilterCategoryPrev,
    FiltersClose,
    /// Esc: close the detail, else clear the search, else the filters.
    Clear,
    CycleZone,
    HelpToggle,
    /// Show or hide every problem of a file that failed to reload.
    ProblemsToggle,
    /// Show or hide what the last reload changed.
    ChangesToggle,
    /// Show or hide every disagreement between the sources.
    DisputesToggle,
    /// Set the knowledge cursor (`--as-of`), or take it away.
    KnownAt(Option<Instant>),
    /// Move the knowledge cursor to the previous publication (from none: the last).
    KnownEarlier,
    /// Move the knowledge cursor to the next publication (past the last: none, so
    /// that everything counts).
    KnownLater,
    /// Time axis: move by quarters of the visible span (negative: earlier).
    Pan(i8),
    ZoomIn,
    ZoomOut,
    /// Time axis: show every event.
    Fit,
    /// Time axis: lanes by side, by place, by participant.
    CycleLanes,
    Resize(u16, u16),
    /// The clock moved on (seconds since the epoch): the "now" line follows it.
    Clock(i64),
    /// Nothing happened: carry on with work under way (a search of a long list).
    Continue,
    Click(u16, u16),
    ScrollUp(u16, u16),
    ScrollDown(u16, u16),
    /// The watched file was loaded again: new data (the user's place kept by id), a
    /// broken file (kept out, with a note) or no file.
    Reloaded(Reload),
}
