//! The one key table: it maps keys to actions, and it also writes the help overlay and
//! the footer hints, so they cannot drift from what the keys do.

use std::borrow::Cow;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::{Action, View};

/// What the keyboard is talking to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// The detail has the keyboard; keys it does not bind work as when browsing.
    Detail,
    /// The time axis has the keyboard; keys it does not bind work as when browsing.
    Axis,
    Search,
    /// Typing a date, a time or an event id to jump to.
    Jump,
    Filters,
    /// Typing part of a name to narrow the filter menu's values.
    FilterFind,
    Problems,
    /// The list of what the last reload changed is open.
    Changes,
    /// The list of every disagreement between the sources is open.
    Disputes,
    Help,
}

impl Mode {
    pub const ALL: [Mode; 11] = [
        Mode::Normal,
        Mode::Detail,
        Mode::Axis,
        Mode::Search,
        Mode::Jump,
        Mode::Filters,
        Mode::FilterFind,
        Mode::Problems,
        Mode::Changes,
        Mode::Disputes,
        Mode::Help,
    ];

    /// Where keys a mode does not bind are looked up next.
    pub fn fallback(self) -> Option<Mode> {
        match self {
            Mode::Axis | Mode::Detail => Some(Mode::Normal),
            _ => None,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Mode::Normal => "Browsing",
            Mode::Detail => "In the detail (other keys as when browsing)",
            Mode::Axis => "On the time axis (other keys as when browsing)",
            Mode::Search => "Typing a search",
            Mode::Jump => "Typing where to jump: a date, a time or an event id",
            Mode::Filters => "Filter menu",
            Mode::FilterFind => "Narrowing the filter menu: typing part of a name",
            Mode::Problems => "Notes and problems of the file",
            Mode::Changes => "What the last reload changed",
            Mode::Disputes => "Where the sources disagree",
            Mode::Help => "Help",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn key(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

#[derive(Clone, Debug)]
pub struct Binding {
    pub mode: Mode,
    /// The keys; the user's config can replace them.
    pub keys: Cow<'static, [Key]>,
    pub action: Action,
    /// What it does, for the help overlay.
    pub help: &'static str,
    /// A short word for the footer, for the keys worth showing there.
    pub hint: Option<&'static str>,
}

const fn bind(
    mode: Mode,
    keys: &'static [Key],
    action: Action,
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        mode,
        keys: Cow::Borrowed(keys),
        action,
        help,
        hint,
    }
}

use Mode::{
    Axis, Changes, Detail, Disputes, FilterFind, Filters, Help, Jump, Normal, Problems, Search,
};

#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    bind(Normal, &[key(KeyCode::Up), ch('k')], Action::Up, "previous item, or scroll the detail up", Some("move")),
    bind(Normal, &[key(KeyCode::Down), ch('j')], Action::Down, "next item, or scroll the detail down", None),
    bind(Normal, &[key(KeyCode::PageUp), ctrl('b')], Action::PageUp, "page up", None),
    bind(Normal, &[key(KeyCode::PageDown), ctrl('f')], Action::PageDown, "page down", None),
    bind(Normal, &[key(KeyCode::Home), ch('g')], Action::Home, "first item", None),
    bind(Normal, &[key(KeyCode::End), ch('G')], Action::End, "last item", None),
    bind(Normal, &[ch('[')], Action::PrevDay, "previous day", None),
    bind(Normal, &[ch(']')], Action::NextDay, "next day", Some("day")),
    bind(Normal, &[key(KeyCode::Tab)], Action::FocusNext, "next pane or link", Some("links")),
    bind(Normal, &[key(KeyCode::BackTab)], Action::FocusPrev, "previous pane or link", None),
    bind(Normal, &[key(KeyCode::Enter), key(KeyCode::Right), ch('l')], Action::Follow, "open the detail, or follow the focused link", Some("open")),
    bind(Normal, &[key(KeyCode::Backspace)], Action::Back, "back to the previous screen, as it was", Some("back")),
    bind(Normal, &[ch('1')], Action::Show(View::Timeline), "timeline view", None),
    bind(Normal, &[ch('2')], Action::Show(View::People), "people view", None),
    bind(Normal, &[ch('3')], Action::Show(View::Topics), "topics view", None),
    bind(Normal, &[ch('4')], Action::Show(View::Places), "places view", None),
    bind(Normal, &[ch('5')], Action::Show(View::Axis), "time axis view", Some("views")),
    bind(Normal, &[ch('/')], Action::SearchStart, "search", Some("search")),
    bind(Normal, &[ch('n')], Action::SearchNext, "next match", None),
    bind(Normal, &[ch('N')], Action::SearchPrev, "previous match", None),
    bind(Normal, &[ch(':')], Action::JumpStart, "jump to a date, a time or an event id", None),
    bind(Normal, &[ch('.')], Action::JumpNow, "jump to now (or the as-of, when earlier)", None),
    bind(Normal, &[ch('x')], Action::CycleWindow, "context window: ±6 h, ±1 day, ±3 days, off", None),
    bind(Normal, &[ch('t')], Action::GapsToggle, "show or hide the days without events", None),
    bind(Normal, &[ch('f')], Action::FiltersOpen, "filters", Some("filter")),
    bind(Normal, &[key(KeyCode::Esc)], Action::Clear, "clear the search, the window, then the filters", None),
    bind(Detail, &[key(KeyCode::Esc), key(KeyCode::Left), ch('h')], Action::CloseDetail, "close the detail, back to the list", Some("close")),
    bind(Detail, &[ch('o')], Action::OpenLink, "open the focused web link in the browser", None),
    bind(Detail, &[ch('y')], Action::CopyLink, "copy the focused web link (to the clipboard, through the terminal)", None),
    bind(Normal, &[ch('z')], Action::CycleZone, "next display time zone", Some("zone")),
    bind(Normal, &[ch('!')], Action::ProblemsToggle, "the file's notes and a failed reload's problems", None),
    bind(Normal, &[ch('<')], Action::KnownEarlier, "time travel: what was known at the previous publication", None),
    bind(Normal, &[ch('>')], Action::KnownLater, "time travel: the next publication (past the last, everything)", None),
    bind(Normal, &[ch('D')], Action::DisputesToggle, "where the sources disagree: every other account and contradiction", None),
    bind(Normal, &[ch('C')], Action::ChangesToggle, "what the last reload changed (rows marked Δ until visited)", None),
    bind(Normal, &[ch('?')], Action::HelpToggle, "this help", Some("help")),
    bind(Normal, &[ch('q'), ctrl('c')], Action::Quit, "quit", Some("quit")),
    bind(Normal, &[ctrl('z')], Action::Suspend, "suspend (fg resumes)", None),
    bind(Axis, &[key(KeyCode::Left), ch('h')], Action::Pan(-1), "earlier in time", Some("pan")),
    bind(Axis, &[key(KeyCode::Right), ch('l')], Action::Pan(1), "later in time", None),
    bind(Axis, &[key(KeyCode::Up), ch('k')], Action::Up, "previous event in time", None),
    bind(Axis, &[key(KeyCode::Down), ch('j')], Action::Down, "next event in time", None),
    bind(Axis, &[ch('+'), ch('=')], Action::ZoomIn, "zoom in, around the selection", Some("zoom")),
    bind(Axis, &[ch('-')], Action::ZoomOut, "zoom out, around the selection", None),
    bind(Axis, &[ch('0')], Action::Fit, "fit every event", Some("fit")),
    bind(Axis, &[ch('L')], Action::CycleLanes, "lanes by side, place, participant or topic", Some("lanes")),
    bind(Axis, &[key(KeyCode::Enter)], Action::Follow, "open the detail, or follow the focused link", Some("open")),
    bind(Search, &[key(KeyCode::Enter)], Action::SearchConfirm, "keep the search and browse its matches", Some("done")),
    bind(Search, &[key(KeyCode::Esc)], Action::Clear, "cancel the search", Some("cancel")),
    bind(Search, &[key(KeyCode::Backspace)], Action::SearchDeleteChar, "delete a character", None),
    bind(Search, &[key(KeyCode::Down)], Action::SearchNext, "next match", Some("next")),
    bind(Search, &[key(KeyCode::Up)], Action::SearchPrev, "previous match", None),
    bind(Search, &[ctrl('c')], Action::Quit, "quit", None),
    bind(Jump, &[key(KeyCode::Enter)], Action::JumpConfirm, "go to the first event at or after that moment, or to that event", Some("jump")),
    bind(Jump, &[key(KeyCode::Tab)], Action::JumpComplete, "complete an event id (again: the next one)", Some("complete")),
    bind(Jump, &[key(KeyCode::Esc)], Action::Clear, "cancel", Some("cancel")),
    bind(Jump, &[key(KeyCode::Backspace)], Action::SearchDeleteChar, "delete a character", None),
    bind(Jump, &[ctrl('c')], Action::Quit, "quit", None),
    bind(Filters, &[key(KeyCode::Up), ch('k')], Action::Up, "previous value", Some("move")),
    bind(Filters, &[key(KeyCode::Down), ch('j')], Action::Down, "next value", None),
    bind(Filters, &[ch(' '), key(KeyCode::Enter)], Action::FilterToggle, "turn the value on or off", Some("toggle")),
    bind(Filters, &[key(KeyCode::Tab), key(KeyCode::Right), ch('l')], Action::FilterCategoryNext, "next kind of filter", Some("kind")),
    bind(Filters, &[key(KeyCode::BackTab), key(KeyCode::Left), ch('h')], Action::FilterCategoryPrev, "previous kind of filter", None),
    bind(Filters, &[ch('/')], Action::SearchStart, "narrow the list to the values whose name holds what you type", Some("narrow")),
    bind(Filters, &[key(KeyCode::Esc)], Action::Clear, "list every value again when narrowed, else close the menu", Some("close")),
    bind(Filters, &[ch('f'), ch('q')], Action::FiltersClose, "close the menu (filters stay on)", None),
    bind(Filters, &[ctrl('c')], Action::Quit, "quit", None),
    bind(FilterFind, &[key(KeyCode::Up)], Action::Up, "previous value listed", Some("move")),
    bind(FilterFind, &[key(KeyCode::Down)], Action::Down, "next value listed", None),
    bind(FilterFind, &[key(KeyCode::Enter)], Action::FilterToggle, "turn the value on or off; the list stays narrowed", Some("toggle")),
    bind(FilterFind, &[key(KeyCode::Esc)], Action::Clear, "list every value again", Some("cancel")),
    bind(FilterFind, &[key(KeyCode::Backspace)], Action::SearchDeleteChar, "delete a character (none left: stop typing)", Some("widen")),
    bind(FilterFind, &[ctrl('c')], Action::Quit, "quit", None),
    bind(Problems, &[key(KeyCode::Up), ch('k')], Action::Up, "scroll up", Some("scroll")),
    bind(Problems, &[key(KeyCode::Down), ch('j')], Action::Down, "scroll down", None),
    bind(Problems, &[key(KeyCode::Esc), ch('!'), ch('q')], Action::ProblemsToggle, "close the list", Some("close")),
    bind(Problems, &[ctrl('c')], Action::Quit, "quit", None),
    bind(Changes, &[key(KeyCode::Up), ch('k')], Action::Up, "scroll up", Some("scroll")),
    bind(Changes, &[key(KeyCode::Down), ch('j')], Action::Down, "scroll down", None),
    bind(Changes, &[key(KeyCode::Esc), ch('C'), ch('q')], Action::ChangesToggle, "close the list", Some("close")),
    bind(Changes, &[ctrl('c')], Action::Quit, "quit", None),
    bind(Disputes, &[key(KeyCode::Up), ch('k')], Action::Up, "scroll up", Some("scroll")),
    bind(Disputes, &[key(KeyCode::Down), ch('j')], Action::Down, "scroll down", None),
    bind(Disputes, &[key(KeyCode::PageUp)], Action::PageUp, "page up", None),
    bind(Disputes, &[key(KeyCode::PageDown), ch(' ')], Action::PageDown, "page down", Some("page")),
    bind(Disputes, &[key(KeyCode::Esc), ch('D'), ch('q')], Action::DisputesToggle, "close the list", Some("close")),
    bind(Disputes, &[ctrl('c')], Action::Quit, "quit", None),
    bind(Help, &[key(KeyCode::Up), ch('k')], Action::Up, "scroll up", Some("scroll")),
    bind(Help, &[key(KeyCode::Down), ch('j')], Action::Down, "scroll down", None),
    bind(Help, &[key(KeyCode::PageUp), ctrl('b')], Action::PageUp, "page up", None),
    bind(Help, &[key(KeyCode::PageDown), ctrl('f'), ch(' ')], Action::PageDown, "page down", Some("page")),
    bind(Help, &[key(KeyCode::Home), ch('g')], Action::Home, "top", None),
    bind(Help, &[key(KeyCode::End), ch('G')], Action::End, "bottom: the marks drawn on screen", None),
    bind(Help, &[key(KeyCode::Esc), ch('?'), ch('q')], Action::HelpToggle, "close the help", Some("close")),
    bind(Help, &[ctrl('c')], Action::Quit, "quit", None),
];

/// Shift is part of the character for letters and symbols, and implied by BackTab.
fn normalise(ev: &KeyEvent) -> Key {
    let mut mods = ev.modifiers;
    if matches!(ev.code, KeyCode::Char(_) | KeyCode::BackTab) {
        mods.remove(KeyModifiers::SHIFT);
    }
    Key {
        code: ev.code,
        mods,
    }
}

/// The action for a key press in a mode; releases and repeats do nothing.
pub fn action_for(mode: Mode, ev: &KeyEvent) -> Option<Action> {
    action_in(BINDINGS, mode, ev)
}

/// The same with a given key table.
pub fn action_in(table: &[Binding], mode: Mode, ev: &KeyEvent) -> Option<Action> {
    if ev.kind != KeyEventKind::Press {
        return None;
    }
    let pressed = normalise(ev);
    let lookup = |m: Mode| {
        table
            .iter()
            .filter(|b| b.mode == m)
            .find(|b| b.keys.contains(&pressed))
            .map(|b| b.action.clone())
    };
    let bound = lookup(mode).or_else(|| mode.fallback().and_then(lookup));
    match (bound, mode, pressed.code) {
        (Some(a), _, _) => Some(a),
        (None, Mode::Search | Mode::Jump | Mode::FilterFind, KeyCode::Char(c))
            if !pressed
                .mods
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(Action::SearchInput(c))
        }
        _ => None,
    }
}

/// How a key is written in the help and the footer.
pub fn label(k: &Key) -> String {
    let base = match k.code {
        KeyCode::Up => "↑".to_string(),
        KeyCode::Down => "↓".to_string(),
        KeyCode::Left => "←".to_string(),
        KeyCode::Right => "→".to_string(),
        KeyCode::PageUp => "PgUp".to_string(),
        KeyCode::PageDown => "PgDn".to_string(),
        KeyCode::Home => "Home".to_string(),
        KeyCode::End => "End".to_string(),
        KeyCode::Tab => "Tab".to_string(),
        KeyCode::BackTab => "Shift-Tab".to_string(),
        KeyCode::Enter => "Enter".to_string(),
        KeyCode::Backspace => "Backspace".to_string(),
        KeyCode::Esc => "Esc".to_string(),
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        other => format!("{other:?}"),
    };
    if k.mods.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{}", base.to_uppercase())
    } else {
        base
    }
}

/// All keys of a binding: "↑ k".
pub fn keys_label(b: &Binding) -> String {
    b.keys.iter().map(label).collect::<Vec<_>>().join(" ")
}

/// Footer hints for a mode: "↑↓ move", "/ search", "f filter", ...
pub fn hints(table: &[Binding], mode: Mode) -> Vec<(String, &'static str)> {
    hint_items(table, mode)
        .into_iter()
        .map(|(k, h, _)| (k, h))
        .collect()
}

/// Whether a hint keeps its place in the footer at every width: how to get help and
/// how to leave (quit, or close what is open) are what a newcomer must always find.
pub fn essential(action: &Action) -> bool {
    matches!(
        action,
        Action::HelpToggle
            | Action::Quit
            | Action::FiltersClose
            | Action::ProblemsToggle
            | Action::ChangesToggle
            | Action::DisputesToggle
            | Action::Clear
            | Action::CloseDetail
    )
}

/// The footer line of a mode, at most `width` columns: `lead` (a note to say first),
/// then the hints in table order, with the essential ones ([`essential`]) moved to the
/// end. When it does not fit, other hints go first, from the end; then the lead; the
/// essential hints go last, cut only when there is no room even for them alone.
pub fn footer_line(table: &[Binding], mode: Mode, lead: &str, width: usize) -> String {
    use super::document::Width;
    let items = hint_items(table, mode);
    let word = |(k, h, _): &(String, &'static str, Action)| format!("{k} {h}");
    let last: Vec<String> = items.iter().filter(|i| essential(&i.2)).map(word).collect();
    let others: Vec<String> = items
        .iter()
        .filter(|i| !essential(&i.2))
        .map(word)
        .collect();
    let line = |lead: &str, n: usize| {
        let kept: Vec<&str> = others[..n]
            .iter()
            .chain(&last)
            .map(String::as_str)
            .collect();
        format!(" {lead}{}", kept.join(" · "))
    };
    for n in (0..=others.len()).rev() {
        let l = line(lead, n);
        if l.width() <= width {
            return l;
        }
    }
    let bare = line("", 0);
    if bare.width() <= width {
        return bare;
    }
    // Not even the essential hints fit: as much of them as there is room for.
    let mut out = String::new();
    for c in bare.chars() {
        let mut next = out.clone();
        next.push(c);
        if next.width() > width {
            break;
        }
        out = next;
    }
    out
}

/// The hints with the action each one stands for.
fn hint_items(table: &[Binding], mode: Mode) -> Vec<(String, &'static str, Action)> {
    let first_key = |action: Action| {
        let in_mode = |m: Mode| table.iter().find(|b| b.mode == m && b.action == action);
        in_mode(mode)
            .or_else(|| mode.fallback().and_then(in_mode))
            .and_then(|b| b.keys.first())
            .map(label)
            .unwrap_or_default()
    };
    let own: Vec<&Binding> = table.iter().filter(|b| b.mode == mode).collect();
    // A mode that falls back to another also shows that one's hints for keys it
    // leaves alone.
    let inherited = mode.fallback().into_iter().flat_map(|m| {
        table.iter().filter(move |b| b.mode == m).filter(|b| {
            !table.iter().any(|o| {
                o.mode == mode
                    && (o.action == b.action || b.keys.iter().any(|k| o.keys.contains(k)))
            })
        })
    });
    own.into_iter()
        .chain(inherited)
        .filter_map(|b| {
            let hint = b.hint?;
            let mut keys = b.keys.first().map(label).unwrap_or_default();
            // Up is shown with its partner: "↑↓ move".
            if b.action == Action::Up {
                keys.push_str(&first_key(Action::Down));
            }
            Some((keys, hint, b.action.clone()))
        })
        .collect()
}

/// The hints of a mode on one line: "↑↓ move · Enter open · / search".
pub fn hint_line(table: &[Binding], mode: Mode) -> String {
    hints(table, mode)
        .into_iter()
        .map(|(k, h)| format!("{k} {h}"))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The key table in use: the defaults, with the user's keys where the config gives
/// them.
#[derive(Clone, Debug)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap {
            bindings: BINDINGS.to_vec(),
        }
    }
}

/// The name of an action in the config file: `quit`, `zoom_in`, `show_people`.
pub fn action_name(action: &Action) -> Option<&'static str> {
    Some(match action {
        Action::Quit => "quit",
        Action::Suspend => "suspend",
        Action::Up => "up",
        Action::Down => "down",
        Action::PageUp => "page_up",
        Action::PageDown => "page_down",
        Action::Home => "first",
        Action::End => "last",
        Action::PrevDay => "previous_day",
        Action::NextDay => "next_day",
        Action::FocusNext => "next_link",
        Action::FocusPrev => "previous_link",
        Action::Follow => "open",
        Action::Back => "back",
        Action::CloseDetail => "close_detail",
        Action::OpenLink => "open_link",
        Action::CopyLink => "copy_link",
        Action::Show(View::Timeline) => "show_timeline",
        Action::Show(View::People) => "show_people",
        Action::Show(View::Topics) => "show_topics",
        Action::Show(View::Places) => "show_places",
        Action::Show(View::Axis) => "show_axis",
        Action::SearchStart => "search",
        Action::SearchNext => "next_match",
        Action::SearchPrev => "previous_match",
        Action::JumpStart => "jump",
        Action::JumpNow => "jump_now",
        Action::GapsToggle => "gaps",
        Action::CycleWindow => "context",
        Action::FiltersOpen => "filters",
        Action::Clear => "clear",
        Action::CycleZone => "next_zone",
        Action::HelpToggle => "help",
        Action::ProblemsToggle => "problems",
        Action::ChangesToggle => "changes",
        Action::DisputesToggle => "disputes",
        Action::KnownEarlier => "earlier_reporting",
        Action::KnownLater => "later_reporting",
        Action::Pan(-1) => "pan_left",
        Action::Pan(1) => "pan_right",
        Action::ZoomIn => "zoom_in",
        Action::ZoomOut => "zoom_out",
        Action::Fit => "fit",
        Action::CycleLanes => "lanes",
        _ => return None,
    })
}

/// The actions every key table must reach from browsing: without them there is no way
/// out and no way to learn the keys.
pub const REQUIRED: [Action; 2] = [Action::Quit, Action::HelpToggle];

/// Whether a lone character can be a key: one a keyboard types and the screen shows
/// as itself (not a control, an invisible, a space other than Space or a mark that
/// combines with another).
fn typeable(c: char) -> bool {
    use unicode_width::UnicodeWidthChar;
    let mut text = [0u8; 4];
    let text = c.encode_utf8(&mut text);
    let spacing = c.is_whitespace() && c != ' ';
    !spacing && matches!(c.width(), Some(1 | 2)) && crate::model::text::clean_line(text) == *text
}

/// Reads a key as the config writes it: `j`, `G`, `Ctrl-C`, `Up`, `PgDn`, `Enter`,
/// `Esc`, `Tab`, `Shift-Tab`, `Backspace`, `Home`, `End`, `Space`, `F5`.
pub fn parse_key(text: &str) -> Result<Key, String> {
    let (ctrl, rest) = match text
        .strip_prefix("Ctrl-")
        .or_else(|| text.strip_prefix("ctrl-"))
    {
        Some(r) => (true, r),
        None => (false, text),
    };
    let function = rest
        .strip_prefix('F')
        .filter(|n| n.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|n| n.parse::<u8>().ok())
        .filter(|n| (1..=12).contains(n));
    let mut chars = rest.chars();
    let single = match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    };
    let code = match rest {
        "Up" | "up" => KeyCode::Up,
        "Down" | "down" => KeyCode::Down,
        "Left" | "left" => KeyCode::Left,
        "Right" | "right" => KeyCode::Right,
        "PgUp" | "PageUp" => KeyCode::PageUp,
        "PgDn" | "PageDown" => KeyCode::PageDown,
        "Home" => KeyCode::Home,
        "End" => KeyCode::End,
        "Tab" => KeyCode::Tab,
        "Shift-Tab" | "BackTab" => KeyCode::BackTab,
        "Enter" => KeyCode::Enter,
        "Backspace" => KeyCode::Backspace,
        "Esc" | "Escape" => KeyCode::Esc,
        "Space" => KeyCode::Char(' '),
        _ if function.is_some() => KeyCode::F(function.unwrap_or(1)),
        // A terminal sends Ctrl with a letter only.
        _ if ctrl && single.is_some_and(|c| c.is_ascii_alphabetic()) => {
            KeyCode::Char(single.unwrap_or('c').to_ascii_lowercase())
        }
        _ if !ctrl && single.is_some_and(typeable) => KeyCode::Char(single.unwrap_or(' ')),
        _ => {
            let shown = crate::model::text::clean_line(text);
            return Err(format!(
                "'{shown}' is not a key (expected a character, Ctrl-X with a letter X, Up, Down, Left, Right, PgUp, PgDn, Home, End, Tab, Shift-Tab, Enter, Backspace, Esc, Space or F1-F12)"
            ));
        }
    };
    Ok(Key {
        code,
        mods: if ctrl {
            KeyModifiers::CONTROL
        } else {
            KeyModifiers::NONE
        },
    })
}

/// The modes in which the config gives an action its keys (browsing, the detail, the
/// axis).
pub fn config_modes(name: &str) -> Vec<Mode> {
    let mut modes = Vec::new();
    for b in BINDINGS {
        if matches!(b.mode, Mode::Normal | Mode::Detail | Mode::Axis)
            && action_name(&b.action) == Some(name)
            && !modes.contains(&b.mode)
        {
            modes.push(b.mode);
        }
    }
    modes
}

/// The actions a config can give keys to, each named once.
pub fn config_actions() -> Vec<&'static str> {
    let mut names: Vec<&str> = Vec::new();
    for b in BINDINGS
        .iter()
        .filter(|b| matches!(b.mode, Mode::Normal | Mode::Detail | Mode::Axis))
    {
        if let Some(n) = action_name(&b.action)
            && !names.contains(&n)
        {
            names.push(n);
        }
    }
    names
}

impl Keymap {
    /// The defaults with some actions' keys replaced (in browsing, the detail and on the
    /// axis).
    pub fn with_keys(overrides: &[(String, Vec<Key>)]) -> Result<Keymap, String> {
        let mut map = Keymap::default();
        for (name, keys) in overrides {
            let mut found = false;
            for b in map.bindings.iter_mut() {
                if matches!(b.mode, Mode::Normal | Mode::Detail | Mode::Axis)
                    && action_name(&b.action) == Some(name.as_str())
                {
                    b.keys = Cow::Owned(keys.clone());
                    found = true;
                }
            }
            if !found {
                return Err(format!(
                    "unknown action '{name}' (expected one of {})",
                    config_actions().join(", ")
                ));
            }
            // A key the user took for this action leaves the other actions of its modes.
            let modes = config_modes(name);
            for b in map.bindings.iter_mut() {
                if modes.contains(&b.mode) && action_name(&b.action) != Some(name.as_str()) {
                    let kept: Vec<Key> = b
                        .keys
                        .iter()
                        .filter(|k| !keys.contains(k))
                        .copied()
                        .collect();
                    if kept.len() != b.keys.len() {
                        b.keys = Cow::Owned(kept);
                    }
                }
            }
        }
        Ok(map)
    }

    pub fn action_for(&self, mode: Mode, ev: &KeyEvent) -> Option<Action> {
        action_in(&self.bindings, mode, ev)
    }

    /// The keys an action has in a mode.
    pub fn keys_of(&self, mode: Mode, action: &Action) -> Vec<Key> {
        self.bindings
            .iter()
            .filter(|b| b.mode == mode && b.action == *action)
            .flat_map(|b| b.keys.iter().copied())
            .collect()
    }

    pub fn hint_line(&self, mode: Mode) -> String {
        hint_line(&self.bindings, mode)
    }

    /// Columns the footer's essential hints take in a mode, with the space before them.
    pub fn essentials_width(&self, mode: Mode) -> usize {
        use super::document::Width;
        let words: Vec<String> = hint_items(&self.bindings, mode)
            .into_iter()
            .filter(|i| essential(&i.2))
            .map(|(k, h, _)| format!("{k} {h}"))
            .collect();
        format!(" {}", words.join(" · ")).width()
    }

    /// The footer of a mode fitted to `width`: see [`footer_line`].
    pub fn footer_line(&self, mode: Mode, lead: &str, width: usize) -> String {
        footer_line(&self.bindings, mode, lead, width)
    }

    /// What a key does while a large file loads, before there is a viewer: the browsing
    /// keys that quit or clear (Esc) stop the load, and suspend suspends. Ctrl-C
    /// always stops, as in every mode that takes typed text.
    pub fn loading_action(&self, ev: &KeyEvent) -> Option<Action> {
        match self.action_for(Mode::Normal, ev) {
            Some(Action::Quit | Action::Clear) => Some(Action::Quit),
            Some(Action::Suspend) => Some(Action::Suspend),
            _ if ev.kind == KeyEventKind::Press && normalise(ev) == ctrl('c') => Some(Action::Quit),
            _ => None,
        }
    }

    /// The loading screen's hint, from the keys [`Keymap::loading_action`] stops on:
    /// "q or Esc: stop and quit".
    pub fn loading_hint(&self) -> String {
        let first_key = |action: Action| {
            self.bindings
                .iter()
                .find(|b| b.mode == Mode::Normal && b.action == action)
                .and_then(|b| b.keys.first())
                .map(label)
        };
        let keys: Vec<String> = [first_key(Action::Quit), first_key(Action::Clear)]
            .into_iter()
            .flatten()
            .collect();
        let keys = if keys.is_empty() {
            label(&ctrl('c'))
        } else {
            keys.join(" or ")
        };
        format!("{keys}: stop and quit")
    }
}

/// The key tables for the README, one per mode, in Markdown.
pub fn markdown() -> String {
    let mut out = String::new();
    for mode in Mode::ALL {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&format!(
            "**{}**\n\n| keys | action |\n|---|---|\n",
            mode.title()
        ));
        for b in BINDINGS.iter().filter(|b| b.mode == mode) {
            let keys: Vec<String> = b.keys.iter().map(|k| format!("`{}`", label(k))).collect();
            out.push_str(&format!("| {} | {} |\n", keys.join(" "), b.help));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventState;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers: mods,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        }
    }

    #[test]
    fn keys_map_to_actions_by_mode() {
        let j = press(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(action_for(Mode::Normal, &j), Some(Action::Down));
        assert_eq!(action_for(Mode::Search, &j), Some(Action::SearchInput('j')));
        let g = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(action_for(Mode::Normal, &g), Some(Action::End));
        let back = press(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(action_for(Mode::Normal, &back), Some(Action::FocusPrev));
        let c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for mode in Mode::ALL {
            assert_eq!(action_for(mode, &c), Some(Action::Quit), "{mode:?}");
        }
    }

    #[test]
    fn the_footer_keeps_help_and_quit_last_at_every_width() {
        use crate::app::document::Width;
        let essentials = " ? help · q quit";
        for mode in [Mode::Normal, Mode::Axis] {
            let full = footer_line(BINDINGS, mode, "! 3 notes · ", 1000);
            for width in 20..=200 {
                for lead in ["", "! 3 notes · "] {
                    let line = footer_line(BINDINGS, mode, lead, width);
                    assert!(line.width() <= width, "{mode:?} at {width}: {line}");
                    if width >= essentials.width() {
                        assert!(
                            line.ends_with("? help · q quit"),
                            "{mode:?} at {width}: {line}"
                        );
                    }
                    // Hints are dropped from the end, never from the middle.
                    let kept = line.trim_end_matches("? help · q quit");
                    let kept = kept.strip_prefix(' ').unwrap_or(kept);
                    let without_lead = kept.strip_prefix(lead).unwrap_or(kept);
                    assert!(
                        full.trim_start()
                            .strip_prefix("! 3 notes · ")
                            .unwrap_or("")
                            .starts_with(without_lead),
                        "{mode:?} at {width}: {line}"
                    );
                }
            }
            assert!(full.contains("/ search"), "{full}");
        }
        // Too narrow even for the essential hints: cut to the width, not past it.
        assert_eq!(footer_line(BINDINGS, Mode::Normal, "", 8), " ? help ");
    }

    #[test]
    fn only_presses_act() {
        let mut j = press(KeyCode::Char('j'), KeyModifiers::NONE);
        j.kind = KeyEventKind::Release;
        assert_eq!(action_for(Mode::Normal, &j), None);
        j.kind = KeyEventKind::Repeat;
        assert_eq!(action_for(Mode::Normal, &j), None);
    }

    #[test]
    fn the_readme_lists_the_keys_as_they_are() {
        let readme = include_str!("../../README.md");
        assert!(
            readme.contains(&markdown()),
            "README.md's key tables differ from the key map; paste this:\n{}",
            markdown()
        );
    }

    #[test]
    fn the_loading_screen_follows_rebound_keys() {
        let default = Keymap::default();
        assert_eq!(default.loading_hint(), "q or Esc: stop and quit");
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        let x = press(KeyCode::Char('x'), KeyModifiers::NONE);
        let esc = press(KeyCode::Esc, KeyModifiers::NONE);
        let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        let ctrl_z = press(KeyCode::Char('z'), KeyModifiers::CONTROL);
        assert_eq!(default.loading_action(&q), Some(Action::Quit));
        assert_eq!(default.loading_action(&esc), Some(Action::Quit));
        assert_eq!(default.loading_action(&ctrl_z), Some(Action::Suspend));
        assert_eq!(default.loading_action(&x), None);
        let rebound = Keymap::with_keys(&[("quit".into(), vec![ch('x')])]).expect("valid");
        assert_eq!(rebound.loading_hint(), "x or Esc: stop and quit");
        assert_eq!(rebound.loading_action(&x), Some(Action::Quit));
        assert_eq!(rebound.loading_action(&q), None);
        assert_eq!(rebound.loading_action(&ctrl_c), Some(Action::Quit));
    }

    /// A key taken by an action of the axis leaves the detail's actions alone.
    #[test]
    fn a_taken_key_leaves_only_the_actions_of_the_same_modes() {
        let map = Keymap::with_keys(&[("zoom_in".into(), vec![ch('h')])]).expect("valid");
        let h = press(KeyCode::Char('h'), KeyModifiers::NONE);
        assert_eq!(map.action_for(Mode::Axis, &h), Some(Action::ZoomIn));
        assert_eq!(map.action_for(Mode::Detail, &h), Some(Action::CloseDetail));
        assert_eq!(
            map.keys_of(Mode::Axis, &Action::Pan(-1)),
            vec![key(KeyCode::Left)]
        );
    }

    #[test]
    fn keys_a_terminal_cannot_send_are_refused() {
        for text in [
            "F0", "F13", "F99", "\u{1}", "\u{1b}", "\u{7f}", "\u{85}", "\u{200b}", "\u{2028}",
            "\u{301}", "Ctrl-1", "Ctrl-é", "ab", "",
        ] {
            assert!(parse_key(text).is_err(), "{text:?}");
        }
        assert_eq!(parse_key("F12"), Ok(key(KeyCode::F(12))));
        assert_eq!(parse_key("Ctrl-X"), Ok(ctrl('x')));
        assert_eq!(parse_key("é"), Ok(ch('é')));
        assert_eq!(parse_key("F"), Ok(ch('F')));
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                if a.mode == b.mode {
                    for k in a.keys.iter() {
                        assert!(
                            !b.keys.contains(k),
                            "{} bound to both '{}' and '{}'",
                            label(k),
                            a.help,
                            b.help
                        );
                    }
                }
            }
        }
    }
}
