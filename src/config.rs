//! The user's config file: `$XDG_CONFIG_HOME/parley/config.toml` (or `--config FILE`).
//!
//! ```toml
//! zone = "Europe/Kyiv"          # default display zone
//! mouse = false                 # leave the mouse to the terminal
//!
//! [theme]
//! base = "light"                # or "dark"
//! sides = { us = "blue", ua = "#0057b7" }
//!
//! [keys]
//! quit = ["Q", "Ctrl-C"]
//! show_axis = "a"
//! ```

use std::collections::BTreeMap;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use chrono_tz::Tz;
use serde::Deserialize;
use toml::Spanned;

use crate::app::keymap::{Key, Keymap, parse_key};
use crate::data::locate::line_column;
use crate::model::text::clean_line;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    zone: Option<Spanned<String>>,
    mouse: Option<bool>,
    #[serde(default)]
    theme: ThemeFile,
    #[serde(default)]
    keys: BTreeMap<String, Spanned<KeyList>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    base: Option<Spanned<String>>,
    #[serde(default)]
    sides: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum KeyList {
    One(String),
    Many(Vec<String>),
}

/// What the config asks for.
#[derive(Clone, Debug)]
pub struct Config {
    pub zone: Option<Tz>,
    pub mouse: bool,
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
            light: false,
            sides: Vec::new(),
            keymap: Keymap::default(),
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

/// Reads config text; errors name the file, line and column.
pub fn parse(name: &str, text: &str) -> Result<Config, String> {
    let at = |span: std::ops::Range<usize>, msg: String| {
        let (line, column) = line_column(text, span.start);
        format!("{name}:{line}:{column}: {}", clean_line(&msg))
    };
    let file: ConfigFile = toml::from_str(text).map_err(|e| {
        let msg = e.message().trim().to_string();
        match e.span() {
            Some(span) => at(span, msg),
            None => format!("{name}: {}", clean_line(&msg)),
        }
    })?;
    let mut config = Config::default();
    if let Some(zone) = &file.zone {
        config.zone = Some(zone.get_ref().parse::<Tz>().map_err(|_| {
            at(
                zone.span(),
                format!(
                    "unknown time zone '{}' (expected an IANA zone such as Europe/Moscow)",
                    zone.get_ref()
                ),
            )
        })?);
    }
    config.mouse = file.mouse.unwrap_or(true);
    if let Some(base) = &file.theme.base {
        config.light = match base.get_ref().as_str() {
            "light" => true,
            "dark" => false,
            other => {
                return Err(at(
                    base.span(),
                    format!("unknown theme '{other}' (expected dark or light)"),
                ));
            }
        };
    }
    config.sides = file.theme.sides.into_iter().collect();
    let mut overrides: Vec<(String, Vec<Key>)> = Vec::new();
    for (action, keys) in &file.keys {
        let list = match keys.get_ref() {
            KeyList::One(k) => vec![k.clone()],
            KeyList::Many(ks) => ks.clone(),
        };
        let parsed = list
            .iter()
            .map(|k| parse_key(k))
            .collect::<Result<Vec<Key>, String>>()
            .map_err(|e| at(keys.span(), e))?;
        if parsed.is_empty() {
            return Err(at(keys.span(), format!("no keys for '{action}'")));
        }
        overrides.push((action.clone(), parsed));
        config.keymap = Keymap::with_keys(&overrides).map_err(|e| at(keys.span(), e))?;
    }
    Ok(config)
}
