//! The viewer's state and its rules: one `App`, changed only by `update` with an
//! [`Action`]; the `ui` module draws it without changing it.

pub mod action;
pub mod axis;
pub mod changes;
pub mod detail;
mod disputed;
pub mod document;
pub mod filter;
pub mod help;
pub mod jump;
pub mod keymap;
pub mod layout;
pub mod navigation;
pub mod rows;
pub mod search;
mod update;

use chrono_tz::Tz;
use ratatui::crossterm::event::{Event as TermEvent, KeyModifiers, MouseButton, MouseEventKind};

pub use action::{Action, View};
use document::Target;
pub use filter::{FilterMenu, Filtering};
use keymap::Mode;
pub use navigation::{Cursor, Focus, Location, Navigation};
use search::Search;

use crate::model::knowledge;
use crate::model::time::Instant;
use crate::model::timeline::{AsOf, EventIx, PersonIx, PlaceIx, Status, Timeline, TopicIx};

/// A box open over the views. At most one is shown and takes the keys: the first of
/// help, problems, filter menu that is open (see [`App::overlay`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlay {
    /// The help, scrolled by so many lines.
    Help(usize),
    /// Every problem of the last failed reload, scrolled by so many lines.
    Problems(usize),
    /// What the last reload changed, scrolled by so many lines.
    Changes(usize),
    /// Every disagreement between the sources, scrolled by so many lines.
    Disputes(usize),
    /// The filter menu ([`Filtering::menu`]), narrowing its values as typed when
    /// `finding`.
    Filters { finding: bool },
}

/// What `update` asks the event loop to do outside the viewer, with a web address
/// checked by [`crate::model::link::web_address`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Request {
    /// Open it in the browser.
    Open(String),
    /// Put it on the clipboard (OSC 52).
    Copy(String),
}

/// What the viewer knows about its file beyond the data: a lasting note and the
/// problems of the last reload that failed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileStatus {
    /// A lasting note about the file (a check under way, a failed reload, a deleted
    /// file).
    pub note: Option<String>,
    /// A changed file is being read and checked.
    pub checking: bool,
    /// Every problem of the last failed reload, one line each.
    pub problems: Vec<String>,
    /// Scroll offset of the problems list while it is open.
    pub problems_view: Option<usize>,
}

/// The viewer's state. The data and what is derived from it, the display zone, the
/// clock and the terminal's size sit at the top; what the user does is grouped by
/// concern: where they are ([`Navigation`]), what they search ([`Search`]), the filters
/// ([`Filtering`]), the time axis ([`axis::TimeAxis`]) and the file's health ([`FileStatus`]).
pub struct App {
    pub timeline: Timeline,
    /// People grouped by side, as the people list shows them.
    pub people_order: Vec<PersonIx>,
    /// The longest stretch any event covers, in seconds: how far back the axis looks
    /// for events that began before its window.
    pub longest: i64,
    /// Display zones `z` cycles through: the dataset's, each place's, UTC.
    pub zones: Vec<Tz>,
    pub zone: usize,
    /// The clock, for the "now" line; fixed in tests.
    pub now: Instant,
    /// Terminal size, from the last resize.
    pub size: (u16, u16),
    pub nav: Navigation,
    pub search: Search,
    /// Rows that mark the days without events between two events (`t`).
    pub gaps: bool,
    /// The jump prompt (`:`) while it is open.
    pub jump: Option<jump::Prompt>,
    pub filters: Filtering,
    pub axis: axis::TimeAxis,
    pub file: FileStatus,
    /// What the last reload changed, while marks are left or the list is wanted.
    pub changes: Option<changes::Changes>,
    /// The disputes list while it is open: its scroll and its lines, found when opened.
    pub disputes: Option<(usize, Vec<String>)>,
    /// The knowledge cursor: only sources published by then count (time travel).
    pub known_at: Option<Instant>,
    /// Every moment a source was published, in order: the cursor's steps.
    pub publications: Vec<Instant>,
    /// When each event became known ([`knowledge::first_known`]), found at the first
    /// step of time travel.
    pub first_known: Option<Vec<Instant>>,
    /// Scroll offset of the help overlay while it is open.
    pub help: Option<usize>,
    /// The keys in use.
    pub keymap: keymap::Keymap,
    /// A one-off message for the footer.
    pub status: Option<String>,
    /// Web links are drawn as terminal hyperlinks (OSC 8).
    pub hyperlinks: bool,
    /// What the event loop is to do next outside the viewer.
    pub request: Option<Request>,
    pub quit: bool,
    pub suspend: bool,
}

/// How far Backspace can go.
const HISTORY_LIMIT: usize = 200;

impl App {
    pub fn new(timeline: Timeline, zone: Option<Tz>, now: Instant, size: (u16, u16)) -> App {
        let (zones, zone) = zones_for(&timeline, zone);
        let people_order = people_order_for(&timeline);
        let mut app = App {
            timeline,
            people_order,
            longest: 0,
            zones,
            zone,
            now,
            size,
            nav: Navigation::default(),
            search: Search::default(),
            gaps: false,
            jump: None,
            filters: Filtering::default(),
            axis: axis::TimeAxis::default(),
            file: FileStatus::default(),
            changes: None,
            known_at: None,
            first_known: None,
            disputes: None,
            publications: Vec::new(),
            help: None,
            keymap: keymap::Keymap::default(),
            status: None,
            hyperlinks: false,
            request: None,
            quit: false,
            suspend: false,
        };
        app.longest = longest_event(&app.timeline);
        app.publications = knowledge::publications(&app.timeline);
        app.select_first_upcoming();
        app
    }

    /// Starts on the first event not yet begun (the latest one if all are past).
    fn select_first_upcoming(&mut self) {
        let n = self.shown_len();
        let k = (0..n)
            .find(|&k| {
                self.event_at(k)
                    .is_some_and(|e| self.timeline.event(e).time.nominal_start() > self.now_line())
            })
            .unwrap_or(n.saturating_sub(1));
        self.nav.cursors[0].sel = k;
        rows::scroll_into_view(self);
    }

    /// Where the now line stands: the knowledge cursor when one is set; else the clock,
    /// or the dataset's as-of when that is earlier, so that what was still expected then
    /// is not shown as past.
    pub fn now_line(&self) -> Instant {
        if let Some(at) = self.known_at {
            return at.min(self.now);
        }
        self.as_of_line().map_or(self.now, |a| a.instant)
    }

    /// The knowledge cursor in words: "known at Thu 4 Dec 2025 00:00 · 9 of 19 sources".
    pub fn known_label(&self) -> Option<String> {
        self.known_labels().into_iter().next()
    }

    /// [`App::known_label`], then shorter ways to say it for narrower places: without
    /// the sources, without the year.
    pub fn known_labels(&self) -> Vec<String> {
        use crate::model::time::{clock, short_day, short_day_with_year, to_local};
        let Some(at) = self.known_at else {
            return Vec::new();
        };
        let local = to_local(at, self.zone());
        let when = format!("{} {}", short_day_with_year(local.date()), clock(&local));
        vec![
            format!(
                "known at {when} · {} of {} sources",
                knowledge::sources_counting(&self.timeline, at),
                self.timeline.sources.len()
            ),
            format!("known at {when}"),
            format!("known at {} {}", short_day(local.date()), clock(&local)),
        ]
    }

    /// The event's status as known at the knowledge cursor (its own without one).
    pub fn status_of(&self, e: EventIx) -> Status {
        match self.known_at {
            Some(at) => knowledge::status_at(&self.timeline, e, at),
            None => self.timeline.event(e).status,
        }
    }

    /// The dataset's as-of when the now line stands at it rather than at the clock.
    pub fn as_of_line(&self) -> Option<AsOf> {
        self.timeline.meta.as_of.filter(|a| a.instant < self.now)
    }

    pub fn zone(&self) -> Tz {
        self.zones
            .get(self.zone)
            .copied()
            .unwrap_or(self.timeline.meta.zone)
    }

    /// The overlay that is drawn and takes the keys, if any is open: the one place
    /// their precedence is written.
    pub fn overlay(&self) -> Option<Overlay> {
        if let Some(scroll) = self.help {
            Some(Overlay::Help(scroll))
        } else if let Some(scroll) = self.file.problems_view {
            Some(Overlay::Problems(scroll))
        } else if let Some(scroll) = self.changes.as_ref().and_then(|c| c.view) {
            Some(Overlay::Changes(scroll))
        } else if let Some((scroll, _)) = &self.disputes {
            Some(Overlay::Disputes(*scroll))
        } else {
            self.filters.menu.as_ref().map(|menu| Overlay::Filters {
                finding: menu.typing,
            })
        }
    }

    pub fn mode(&self) -> Mode {
        match self.overlay() {
            Some(Overlay::Help(_)) => Mode::Help,
            Some(Overlay::Problems(_)) => Mode::Problems,
            Some(Overlay::Changes(_)) => Mode::Changes,
            Some(Overlay::Disputes(_)) => Mode::Disputes,
            Some(Overlay::Filters { finding: true, .. }) => Mode::FilterFind,
            Some(Overlay::Filters { finding: false, .. }) => Mode::Filters,
            None if self.jump.is_some() => Mode::Jump,
            None if self.search.typing => Mode::Search,
            None if self.nav.focus == Focus::Detail => Mode::Detail,
            None if self.nav.view == View::Axis && self.nav.focus == Focus::List => Mode::Axis,
            None => Mode::Normal,
        }
    }

    pub fn cursor(&self) -> Cursor {
        self.nav.cursors[view_index(self.nav.view)]
    }

    pub fn cursor_mut(&mut self) -> &mut Cursor {
        &mut self.nav.cursors[view_index(self.nav.view)]
    }

    /// Work is under way between frames (a search of a long list): the event loop
    /// sends [`Action::Continue`] while no key is waiting.
    pub fn busy(&self) -> bool {
        self.search.pending.is_some()
    }

    /// How far a search under way has got, in percent.
    pub fn search_progress(&self) -> Option<usize> {
        let len = self.list_len(self.nav.view).max(1);
        self.search
            .pending
            .map(|p| (p.checked(len) * 100 / len).min(99))
    }

    /// Number of events in the timeline list.
    pub fn shown_len(&self) -> usize {
        self.filters
            .shown
            .as_ref()
            .map_or(self.timeline.events.len(), Vec::len)
    }

    /// The event at a position of the timeline list.
    pub fn event_at(&self, k: usize) -> Option<EventIx> {
        match &self.filters.shown {
            Some(v) => v.get(k).copied(),
            None => (k < self.timeline.events.len()).then_some(EventIx::new(k as u32)),
        }
    }

    /// Position of an event in the timeline list, if it passes the filters.
    pub fn position_of(&self, ev: EventIx) -> Option<usize> {
        match &self.filters.shown {
            Some(v) => v.binary_search(&ev).ok(),
            None => (ev.get() < self.timeline.events.len()).then_some(ev.get()),
        }
    }

    /// Number of items in a view's list.
    pub fn list_len(&self, view: View) -> usize {
        match view {
            View::Timeline | View::Axis => self.shown_len(),
            View::People => self.people_listed().len(),
            View::Topics => self
                .filters
                .listed
                .as_ref()
                .map_or(self.timeline.topics.len(), |l| l.topics.len()),
            View::Places => self
                .filters
                .listed
                .as_ref()
                .map_or(self.timeline.places.len(), |l| l.places.len()),
        }
    }

    /// The people list: everyone by side, or those in the events the filters leave.
    pub fn people_listed(&self) -> &[PersonIx] {
        self.filters
            .listed
            .as_ref()
            .map_or(&self.people_order, |l| &l.people)
    }

    /// The topic at a position of the topics list.
    pub fn topic_at(&self, k: usize) -> Option<TopicIx> {
        match &self.filters.listed {
            Some(l) => l.topics.get(k).copied(),
            None => (k < self.timeline.topics.len()).then_some(TopicIx::new(k as u32)),
        }
    }

    /// The place at a position of the places list.
    pub fn place_at(&self, k: usize) -> Option<PlaceIx> {
        match &self.filters.listed {
            Some(l) => l.places.get(k).copied(),
            None => (k < self.timeline.places.len()).then_some(PlaceIx::new(k as u32)),
        }
    }

    /// Where a person, topic or place is in its view's list, if listed; and where an
    /// event is in the timeline.
    pub fn position_in_list(&self, target: Target) -> Option<usize> {
        match target {
            Target::Event(e) => self.position_of(e),
            Target::Person(p) => self.people_listed().iter().position(|x| *x == p),
            Target::Topic(t) => match &self.filters.listed {
                Some(l) => l.topics.binary_search(&t).ok(),
                None => (t.get() < self.timeline.topics.len()).then_some(t.get()),
            },
            Target::Place(p) => match &self.filters.listed {
                Some(l) => l.places.binary_search(&p).ok(),
                None => (p.get() < self.timeline.places.len()).then_some(p.get()),
            },
            Target::Web(_) => None,
        }
    }

    /// The events shown that a person, topic or place has: all of its events when no
    /// filter hides any.
    pub fn events_shown(&self, target: Target) -> usize {
        let tl = &self.timeline;
        let l = self.filters.listed.as_ref();
        let get = |v: Option<&Vec<u32>>, i: usize| v.and_then(|v| v.get(i)).map(|n| *n as usize);
        match target {
            Target::Event(e) => usize::from(self.position_of(e).is_some()),
            Target::Person(p) => {
                get(l.map(|l| &l.per_person), p.get()).unwrap_or_else(|| tl.events_of(p).len())
            }
            Target::Topic(t) => {
                get(l.map(|l| &l.per_topic), t.get()).unwrap_or_else(|| tl.events_on(t).len())
            }
            Target::Place(p) => {
                get(l.map(|l| &l.per_place), p.get()).unwrap_or_else(|| tl.events_at(p).len())
            }
            Target::Web(_) => 0,
        }
    }

    /// What the detail pane shows: the selected item of the current view.
    pub fn subject(&self) -> Option<Target> {
        self.subject_of(self.nav.view)
    }

    fn subject_of(&self, view: View) -> Option<Target> {
        let sel = self.nav.cursors[view_index(view)].sel;
        match view {
            View::Timeline | View::Axis => self.event_at(sel).map(Target::Event),
            View::People => self.people_listed().get(sel).map(|p| Target::Person(*p)),
            View::Topics => self.topic_at(sel).map(Target::Topic),
            View::Places => self.place_at(sel).map(Target::Place),
        }
    }

    /// The screen shown now, as Backspace would come back to it.
    pub fn location(&self) -> Location {
        Location {
            view: self.nav.view,
            subject: self.subject(),
            focus: self.nav.focus,
            top: self.cursor().top,
            detail_scroll: self.nav.detail_scroll,
            link: self.nav.link,
        }
    }

    /// Adds the screen shown now to the history, before leaving it.
    fn remember(&mut self) {
        let here = self.location();
        match self.nav.history.last_mut() {
            Some(last) if last.same_screen(&here) => *last = here,
            _ => self.nav.history.push(here),
        }
        if self.nav.history.len() > HISTORY_LIMIT {
            self.nav.history.remove(0);
        }
    }

    /// The action a terminal event asks for, in the current mode.
    pub fn action_for(&self, event: &TermEvent) -> Option<Action> {
        match event {
            TermEvent::Key(k) => self.keymap.action_for(self.mode(), k),
            TermEvent::Resize(w, h) => Some(Action::Resize(*w, *h)),
            TermEvent::Mouse(m) => {
                // Ctrl+wheel zooms the time axis when over it.
                let zooms = self.nav.view == View::Axis
                    && m.modifiers.contains(KeyModifiers::CONTROL)
                    && layout::areas(self.size.0, self.size.1, self.nav.focus)
                        .list
                        .is_some_and(|r| r.contains((m.column, m.row).into()));
                mouse_action(m.kind, m.column, m.row, zooms)
            }
            _ => None,
        }
    }

    pub fn update(&mut self, action: Action) {
        update::update(self, action);
    }

    /// What the jump prompt's text would do: "→ Thu 4 Dec 2025 00:00".
    pub fn jump_preview(&self) -> String {
        update::jumps::preview(self)
    }

    /// The web address of the detail's focused link, if it leads to one: what `o` opens
    /// and `y` copies.
    pub fn focused_address(&self) -> Option<String> {
        let link = self.nav.link.filter(|_| self.nav.focus == Focus::Detail)?;
        let (w, _) = layout::detail_size(self.size.0, self.size.1);
        let doc = detail::document(self, w);
        let target = doc.links.get(link)?.target;
        doc.address(target).map(str::to_string)
    }

    /// Whether item `k` of the current list matches the search.
    pub fn is_match(&self, k: usize) -> bool {
        search::is_match(self, k)
    }
}

/// Display zones `z` cycles through: the dataset's, each place's, UTC; `preferred` (from
/// `--tz`) is selected, added first if it is none of those.
pub fn zones_for(timeline: &Timeline, preferred: Option<Tz>) -> (Vec<Tz>, usize) {
    let mut zones = vec![timeline.meta.zone];
    for p in &timeline.places {
        if !zones.contains(&p.zone) {
            zones.push(p.zone);
        }
    }
    if !zones.contains(&Tz::UTC) {
        zones.push(Tz::UTC);
    }
    let zone = match preferred {
        Some(z) => zones.iter().position(|x| *x == z).unwrap_or_else(|| {
            zones.insert(0, z);
            0
        }),
        None => 0,
    };
    (zones, zone)
}

/// People grouped by side in the dataset's order, people without a side last.
pub fn people_order_for(timeline: &Timeline) -> Vec<PersonIx> {
    let mut order = Vec::with_capacity(timeline.participants.len());
    for p in 0..timeline.parties.len() {
        order.extend(timeline.people_of(crate::model::timeline::PartyIx::new(p as u32)));
    }
    order.extend(timeline.people_without_party());
    order
}

/// The longest stretch from an event's earliest start to its latest known instant (never
/// less than a start's tolerance: its latest start is past its nominal one).
pub fn longest_event(timeline: &Timeline) -> i64 {
    timeline
        .events
        .unordered()
        .map(|e| {
            let b = &e.time.bounds;
            b.last() - b.start_earliest
        })
        .max()
        .unwrap_or(0)
}

/// What a mouse event asks for; the wheel zooms instead when `zooms`.
fn mouse_action(kind: MouseEventKind, x: u16, y: u16, zooms: bool) -> Option<Action> {
    match kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(x, y)),
        MouseEventKind::ScrollUp if zooms => Some(Action::ZoomIn),
        MouseEventKind::ScrollDown if zooms => Some(Action::ZoomOut),
        MouseEventKind::ScrollLeft => Some(Action::Pan(-1)),
        MouseEventKind::ScrollRight => Some(Action::Pan(1)),
        MouseEventKind::ScrollUp => Some(Action::ScrollUp(x, y)),
        MouseEventKind::ScrollDown => Some(Action::ScrollDown(x, y)),
        _ => None,
    }
}

/// The cursor a view uses; the axis shares the timeline's selection.
pub fn view_index(view: View) -> usize {
    match view {
        View::Timeline | View::Axis => 0,
        View::People => 1,
        View::Topics => 2,
        View::Places => 3,
    }
}
