//! Handing a web address on: to the browser, or to the clipboard through the terminal
//! (OSC 52). Only addresses checked by [`crate::model::link::web_address`] come here, and
//! each is checked again to be printable ASCII: it is never part of a command line read
//! by a shell, and never ends or starts an escape sequence.

use std::ffi::OsString;
use std::process::{Command, Stdio};

use base64::Engine;

/// Whether an address is fit to hand on: printable ASCII, no space.
fn printable(address: &str) -> bool {
    !address.is_empty() && address.bytes().all(|b| (0x21..0x7f).contains(&b))
}

/// The browser command: the first entry of `$BROWSER` (entries are separated by `:`),
/// split at spaces into a program and its arguments, else the platform's opener.
pub fn opener(browser: Option<OsString>) -> Vec<OsString> {
    let from_env = browser.and_then(|b| b.into_string().ok()).and_then(|b| {
        b.split(':')
            .map(str::trim)
            .find(|e| !e.is_empty())
            .map(|e| e.split_whitespace().map(OsString::from).collect::<Vec<_>>())
    });
    from_env.unwrap_or_else(|| {
        let platform = if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        };
        vec![OsString::from(platform)]
    })
}

/// Opens `address` with the browser command (see [`opener`]): the address is one
/// argument of its own (in place of an argument `%s`, else the last), no shell is run,
/// the browser's input and output go nowhere, and parley does not wait for it. The
/// program's name, or why it could not be started.
pub fn open(address: &str) -> Result<String, String> {
    if !printable(address) {
        return Err("not a web address".into());
    }
    let command = opener(std::env::var_os("BROWSER"));
    let Some((program, args)) = command.split_first() else {
        return Err("no browser command".into());
    };
    let name = crate::model::text::clean_line(&program.to_string_lossy()).into_owned();
    let mut cmd = Command::new(program);
    let mut placed = false;
    for arg in args {
        if arg == "%s" {
            cmd.arg(address);
            placed = true;
        } else {
            cmd.arg(arg);
        }
    }
    if !placed {
        cmd.arg(address);
    }
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    // Its own process group: keys meant for parley never signal it.
    std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
    match cmd.spawn() {
        Ok(mut child) => {
            // Reaped when it ends, so that no zombie is left while parley runs.
            std::thread::spawn(move || {
                let _ = child.wait();
            });
            Ok(name)
        }
        Err(e) => Err(format!("{name}: {e}")),
    }
}

/// The escape sequence that asks the terminal to put `address` on the clipboard (OSC 52,
/// its text in base64), or None for an address unfit to hand on.
pub fn copy_sequence(address: &str) -> Option<String> {
    printable(address).then(|| {
        let encoded = base64::engine::general_purpose::STANDARD.encode(address);
        format!("\x1b]52;c;{encoded}\x1b\\")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browser_is_the_first_entry_of_browser_split_at_spaces() {
        let os = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            opener(Some("firefox --new-tab:chromium".into())),
            os(&["firefox", "--new-tab"])
        );
        assert_eq!(opener(Some(":lynx".into())), os(&["lynx"]));
        let platform = if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        };
        assert_eq!(opener(None), os(&[platform]));
        assert_eq!(opener(Some("".into())), os(&[platform]));
    }

    #[test]
    fn the_clipboard_gets_the_address_in_base64() {
        assert_eq!(
            copy_sequence("https://example.org/a").as_deref(),
            Some("\x1b]52;c;aHR0cHM6Ly9leGFtcGxlLm9yZy9h\x1b\\")
        );
        assert_eq!(copy_sequence("https://example.org/\x1b"), None);
        assert_eq!(copy_sequence("https://example.org/a b"), None);
        assert_eq!(copy_sequence(""), None);
    }

    #[test]
    fn an_unfit_address_is_never_opened() {
        assert!(open("https://example.org/\u{7}").is_err());
        assert!(open("https://example.org/é").is_err());
    }
}
