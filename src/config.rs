//! The user's config file: `$XDG_CONFIG_HOME/parley/config.toml` (or `--config FILE`).
//!
//! ```toml
//! zone = "Europe/Kyiv"          # default display zone
//! mouse = false                 # leave the mouse to the terminal
//! hyperlinks = "auto"           # web links as terminal hyperlinks: auto, on or off
//!
//! [theme]
//! base = "light"                # or "dark"
//! sides = { us = "blue", ua = "#0057b7" }
//!
//! [keys]
//! quit = ["Q", "Ctrl-C"]
//! show_axis = "a"
//! ```
//!
//! A wrong entry is a problem naming the file, line and column, and the default is used
//! for that entry alone; a file that cannot be read or parsed at all gives the defaults
//! for everything.

use std::io::{self, Read};
use std::ops::Range;
use std::path::{Path, PathBuf};

use chrono_tz::Tz;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::app::Action;
use crate::app::keymap::{self, Key, Keymap, Mode, parse_key};
use crate::model::text::clean_line;

/// What the config asks for.
#[derive(Clone, Debug)]
pub struct Config {
    pub zone: Option<Tz>,
    pub mouse: bool,
    pub hyperlinks: Hyperlinks,
    pub light: bool,
    /// Colour hints per side id, over the dataset's.
    pub sides: Vec<(String, String)>,
    pub keymap: Keymap,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            zone: None,
            mouse: true,
            hyperlinks: Hyperlinks::Auto,
            light: false,
            sides: Vec::new(),
            keymap: Keymap::default(),
        }
    }
}

/// Whether web links are drawn as terminal hyperlinks (OSC 8).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Hyperlinks {
    /// On unless the terminal is known not to take them (see [`Hyperlinks::on_for`]).
    #[default]
    Auto,
    On,
    Off,
}

impl Hyperlinks {
    /// Whether to draw hyperlinks on a terminal of type `term` ($TERM). Automatically
    /// only where $TERM names a terminal that parses escape sequences in full: not when
    /// it is unset or `dumb`, nor the Linux console (`linux`) or Emacs's `eterm`, which
    /// show an escape they do not know as text.
    pub fn on_for(self, term: Option<&str>) -> bool {
        match self {
            Hyperlinks::On => true,
            Hyperlinks::Off => false,
            Hyperlinks::Auto => term.is_some_and(|t| {
                !(t.is_empty() || t == "dumb" || t.starts_with("linux") || t.starts_with("eterm"))
            }),
        }
    }
}

/// Where the config is looked for when `--config` is not given.
pub fn default_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("parley").join("config.toml"))
}

/// Config files larger than this are refused unread: a config is a few hundred bytes.
pub const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// Reads a config file. A missing file is the defaults unless it was asked for by name.
pub fn load(path: &Path, named: bool) -> Result<Config, String> {
    let name = clean_line(&path.display().to_string()).into_owned();
    let text = match read_text(path) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::NotFound && !named => {
            return Ok(Config::default());
        }
        Err(e) => return Err(format!("{name}: cannot read the config: {e}")),
    };
    parse(&name, &text)
}

/// The text of a config file, read only if it is a regular file of at most
/// [`MAX_CONFIG_BYTES`]: a device such as /dev/zero would be read forever, and a FIFO
/// would block the open. The type is checked before opening and again on the open
/// file (it may have been replaced in between), and the read is bounded all the same.
fn read_text(path: &Path) -> io::Result<String> {
    use std::os::unix::fs::OpenOptionsExt;
    let regular = |meta: &std::fs::Metadata| {
        if !meta.is_file() {
            return Err(io::Error::other("not a regular file"));
        }
        if meta.len() > MAX_CONFIG_BYTES {
            return Err(too_large());
        }
        Ok(())
    };
    regular(&std::fs::metadata(path)?)?;
    // Non-blocking, so that a FIFO swapped in after the check cannot hold the open.
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)?;
    regular(&file.metadata()?)?;
    let mut bytes = Vec::new();
    file.take(MAX_CONFIG_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_CONFIG_BYTES {
        return Err(too_large());
    }
    String::from_utf8(bytes).map_err(|_| io::Error::other("not UTF-8 text"))
}

fn too_large() -> io::Error {
    io::Error::other(format!(
        "larger than {} KiB, too large for a config",
        MAX_CONFIG_BYTES >> 10
    ))
}

/// Reads config text strictly: every problem is an error, one line each, naming the
/// file, line and column.
pub fn parse(name: &str, text: &str) -> Result<Config, String> {
    let checked = check(name, text);
    if checked.problems.is_empty() {
        Ok(checked.config)
    } else {
        Err(checked.problems.join("\n"))
    }
}

/// A config as read: what it asks for, with the defaults for whatever it got wrong, and
/// what it got wrong.
#[derive(Clone, Debug, Default)]
pub struct Checked {
    pub config: Config,
    /// One line each: `config.toml:3:8: 'F99' is not a key (...)`.
    pub problems: Vec<String>,
}

/// Reads a config file leniently: a missing default file is the defaults; a file that
/// cannot be read or parsed is the defaults and one problem; otherwise each wrong entry
/// is a problem and keeps its default.
pub fn read(path: &Path, named: bool) -> Checked {
    let name = clean_line(&path.display().to_string()).into_owned();
    match read_text(path) {
        Ok(text) => check(&name, &text),
        Err(e) if e.kind() == io::ErrorKind::NotFound && !named => Checked::default(),
        Err(e) => Checked {
            config: Config::default(),
            problems: vec![format!("{name}: cannot read the config: {e}")],
        },
    }
}

/// At most this many problems are listed; a count stands for the rest.
const PROBLEMS_SHOWN: usize = 20;

/// Reads config text, keeping the defaults for each entry that is wrong.
pub fn check(name: &str, text: &str) -> Checked {
    let lines = LineIndex::new(text);
    let mut problems = Problems {
        name,
        lines: &lines,
        list: Vec::new(),
    };
    let mut config = Config::default();
    let table = match DeTable::parse(text) {
        Ok(table) => table.into_inner(),
        Err(e) => {
            let msg = e.message().trim().to_string();
            match e.span() {
                Some(span) => problems.add(span, &msg),
                None => problems
                    .list
                    .push((0, format!("{name}: {}", clean_line(&msg)))),
            }
            return problems.done(Config::default());
        }
    };
    for (key, value) in &table {
        match key.get_ref().as_ref() {
            "zone" => match value.get_ref() {
                DeValue::String(zone) => match zone.parse::<Tz>() {
                    Ok(tz) => config.zone = Some(tz),
                    Err(_) => problems.add(
                        value.span(),
                        &format!(
                            "unknown time zone '{zone}' (expected an IANA zone such as Europe/Moscow)"
                        ),
                    ),
                },
                other => problems.wrong_type(value.span(), "zone", "a time zone name", other),
            },
            "mouse" => match value.get_ref() {
                DeValue::Boolean(on) => config.mouse = *on,
                other => problems.wrong_type(value.span(), "mouse", "true or false", other),
            },
            "hyperlinks" => match value.get_ref() {
                DeValue::String(h) => match h.as_ref() {
                    "auto" => config.hyperlinks = Hyperlinks::Auto,
                    "on" => config.hyperlinks = Hyperlinks::On,
                    "off" => config.hyperlinks = Hyperlinks::Off,
                    other => problems.add(
                        value.span(),
                        &format!("unknown hyperlinks setting '{other}' (expected auto, on or off)"),
                    ),
                },
                other => problems.wrong_type(value.span(), "hyperlinks", "auto, on or off", other),
            },
            "theme" => match value.get_ref() {
                DeValue::Table(theme) => read_theme(theme, &mut config, &mut problems),
                other => problems.wrong_type(value.span(), "theme", "a table", other),
            },
            "keys" => match value.get_ref() {
                DeValue::Table(keys) => config.keymap = read_keys(keys, &mut problems),
                other => problems.wrong_type(value.span(), "keys", "a table", other),
            },
            other => problems.add(
                key.span(),
                &format!("unknown field `{other}`, expected one of `zone`, `mouse`, `hyperlinks`, `theme`, `keys`"),
            ),
        }
    }
    problems.done(config)
}

fn read_theme(theme: &DeTable<'_>, config: &mut Config, problems: &mut Problems<'_>) {
    for (key, value) in theme {
        match key.get_ref().as_ref() {
            "base" => match value.get_ref() {
                DeValue::String(base) => match base.as_ref() {
                    "light" => config.light = true,
                    "dark" => config.light = false,
                    other => problems.add(
                        value.span(),
                        &format!("unknown theme '{other}' (expected dark or light)"),
                    ),
                },
                other => problems.wrong_type(value.span(), "theme.base", "dark or light", other),
            },
            "sides" => match value.get_ref() {
                DeValue::Table(sides) => {
                    for (side, colour) in sides {
                        let side_name = side.get_ref();
                        match colour.get_ref() {
                            DeValue::String(c) if crate::ui::theme::named(c).is_some() => {
                                config.sides.push((side_name.to_string(), c.to_string()));
                            }
                            DeValue::String(c) => problems.add(
                                colour.span(),
                                &format!(
                                    "unknown colour '{c}' for side '{side_name}' (expected blue, yellow, gold, red, green, magenta, purple, cyan, teal, gray, grey or #rrggbb)"
                                ),
                            ),
                            other => problems.wrong_type(
                                colour.span(),
                                &format!("theme.sides.{side_name}"),
                                "a colour name",
                                other,
                            ),
                        }
                    }
                }
                other => problems.wrong_type(value.span(), "theme.sides", "a table", other),
            },
            other => problems.add(
                key.span(),
                &format!("unknown field `{other}`, expected `base` or `sides`"),
            ),
        }
    }
}

/// One `[keys]` entry that survived the checks so far.
struct Entry {
    name: String,
    keys: Vec<(Key, Range<usize>)>,
    span: Range<usize>,
    modes: Vec<Mode>,
}

/// The key table the `[keys]` entries ask for. A wrong entry (an unknown action, a
/// key that is not one, a key given to two actions of one mode, or keys that leave
/// quit or help without one) is a problem, and its action keeps its default keys.
fn read_keys(keys: &DeTable<'_>, problems: &mut Problems<'_>) -> Keymap {
    let mut entries: Vec<Entry> = Vec::new();
    for (action, value) in keys {
        let name = action.get_ref().to_string();
        let modes = keymap::config_modes(&name);
        if modes.is_empty() {
            problems.add(
                value.span(),
                &format!(
                    "unknown action '{name}' (expected one of {})",
                    keymap::config_actions().join(", ")
                ),
            );
            continue;
        }
        let items: Vec<&Spanned<DeValue<'_>>> = match value.get_ref() {
            DeValue::Array(list) => list.iter().collect(),
            _ => vec![value],
        };
        let mut parsed = Vec::new();
        let mut good = true;
        for item in items {
            let result = match item.get_ref() {
                DeValue::String(k) => parse_key(k),
                _ => Err(format!(
                    "the keys of '{name}' must be strings, such as \"Q\" or [\"Q\", \"Ctrl-C\"]"
                )),
            };
            match result {
                Ok(k) if parsed.iter().any(|(p, _)| *p == k) => {}
                Ok(k) => parsed.push((k, item.span())),
                Err(e) => {
                    problems.add(item.span(), &e);
                    good = false;
                }
            }
        }
        if good && parsed.is_empty() {
            problems.add(value.span(), &format!("no keys for '{name}'"));
            good = false;
        }
        if good {
            entries.push(Entry {
                name,
                keys: parsed,
                span: value.span(),
                modes,
            });
        }
    }
    // In the order written, so that a conflict is reported where it is made.
    entries.sort_by_key(|e| e.span.start);

    // A key given to two actions that share a mode: neither gets the user's keys.
    let mut conflicting = vec![false; entries.len()];
    for j in 0..entries.len() {
        for &(key, ref at) in &entries[j].keys {
            let earlier: Vec<usize> = (0..j)
                .filter(|&i| {
                    entries[i]
                        .modes
                        .iter()
                        .any(|m| entries[j].modes.contains(m))
                        && entries[i].keys.iter().any(|(k, _)| *k == key)
                })
                .collect();
            if earlier.is_empty() {
                continue;
            }
            let names: Vec<String> = earlier
                .iter()
                .chain(std::iter::once(&j))
                .map(|&i| format!("'{}'", entries[i].name))
                .collect();
            let Some((last, others)) = names.split_last() else {
                continue;
            };
            let both = if others.len() == 1 { "both " } else { "" };
            problems.add(
                at.clone(),
                &format!(
                    "'{}' is given to {both}{} and {last}: each keeps its default keys",
                    keymap::label(&key),
                    others.join(", "),
                ),
            );
            conflicting[j] = true;
            for i in earlier {
                conflicting[i] = true;
            }
        }
    }
    let mut kept: Vec<Entry> = entries
        .into_iter()
        .zip(conflicting)
        .filter_map(|(e, c)| (!c).then_some(e))
        .collect();

    // Keys that leave quit or help with none: the entries that took them are dropped,
    // until every required action has a key (dropping only gives keys back, but an
    // action given back its defaults may find them taken in turn).
    loop {
        let map = apply(&kept);
        let Some((action, taken)) = keymap::REQUIRED.iter().find_map(|action| {
            map.keys_of(Mode::Normal, action)
                .is_empty()
                .then(|| (action, takers(&kept, action)))
        }) else {
            return map;
        };
        let required = keymap::action_name(action).unwrap_or("quit");
        if taken.is_empty() {
            // Cannot happen with the default table; the defaults are safe.
            return Keymap::default();
        }
        for &i in taken.iter().rev() {
            let e = kept.remove(i);
            problems.add(
                e.span.clone(),
                &format!(
                    "the keys of '{}' leave '{required}' without a key: '{}' keeps its default keys",
                    e.name, e.name
                ),
            );
        }
    }
}

/// The default table with the entries' keys.
fn apply(entries: &[Entry]) -> Keymap {
    let overrides: Vec<(String, Vec<Key>)> = entries
        .iter()
        .map(|e| (e.name.clone(), e.keys.iter().map(|(k, _)| *k).collect()))
        .collect();
    // Every name was checked: an error here would be a bug, and the defaults are safe.
    Keymap::with_keys(&overrides).unwrap_or_default()
}

/// The entries that took a default key of `action` while browsing.
fn takers(entries: &[Entry], action: &Action) -> Vec<usize> {
    let defaults = Keymap::default().keys_of(Mode::Normal, action);
    entries
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            e.modes.contains(&Mode::Normal) && e.keys.iter().any(|(k, _)| defaults.contains(k))
        })
        .map(|(i, _)| i)
        .collect()
}

/// The problems found so far, each with its place in the file.
struct Problems<'a> {
    name: &'a str,
    lines: &'a LineIndex<'a>,
    /// Each with its offset, to be listed in the order of the file.
    list: Vec<(usize, String)>,
}

impl Problems<'_> {
    fn add(&mut self, span: Range<usize>, msg: &str) {
        let (line, column) = self.lines.line_column(span.start);
        let text = format!("{}:{line}:{column}: {}", self.name, clean_line(msg));
        self.list.push((span.start, text));
    }

    fn wrong_type(&mut self, span: Range<usize>, what: &str, expected: &str, got: &DeValue<'_>) {
        let got = match got {
            DeValue::String(_) => "a string",
            DeValue::Integer(_) => "an integer",
            DeValue::Float(_) => "a number",
            DeValue::Boolean(_) => "true or false",
            DeValue::Datetime(_) => "a date",
            DeValue::Array(_) => "a list",
            DeValue::Table(_) => "a table",
        };
        self.add(span, &format!("{what} must be {expected}, not {got}"));
    }

    fn done(mut self, config: Config) -> Checked {
        self.list.sort_by_key(|(at, _)| *at);
        let mut problems: Vec<String> = self.list.into_iter().map(|(_, p)| p).collect();
        if problems.len() > PROBLEMS_SHOWN {
            let more = problems.len() - PROBLEMS_SHOWN;
            problems.truncate(PROBLEMS_SHOWN);
            problems.push(format!("{}: and {more} more problems", self.name));
        }
        Checked { config, problems }
    }
}

/// Where each line starts, so that every problem's position is found in log time.
struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl LineIndex<'_> {
    fn new(text: &str) -> LineIndex<'_> {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    /// One-based line and column (in characters) of a byte offset.
    fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |before| before.chars().count() + 1);
        (line, column)
    }
}
