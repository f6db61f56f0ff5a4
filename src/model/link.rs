//! Which strings from a file are web addresses parley may hand on: to the terminal as a
//! hyperlink, to the browser, to the clipboard. Only a strict few are; everything else
//! is shown as text (through [`crate::model::text`]'s rule) and never linked.
//!
//! An address is taken only if it is `http://` or `https://`, names a host, and holds
//! no character the text rule would escape (controls, bidi controls, invisible ones) and
//! no white space. What parley hands on is then written in printable ASCII alone: other
//! characters of the path, query and fragment are percent-encoded, so that nothing in it
//! can end or start an escape sequence.

use super::text::never_shown_raw;

/// Addresses longer than this are not linked: terminals cap the address of a hyperlink
/// (VTE at 2083 bytes), and no source needs more.
pub const MAX_ADDRESS: usize = 2048;

/// The address to hand on for `raw`, if it is a well-formed web address.
pub fn web_address(raw: &str) -> Option<String> {
    if raw.len() > MAX_ADDRESS
        || raw
            .chars()
            .any(|c| never_shown_raw(c) || c.is_whitespace() || invisible_joiner(c))
    {
        return None;
    }
    let scheme_end = raw.find("://")?;
    let scheme = &raw[..scheme_end];
    if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
        return None;
    }
    let rest = &raw[scheme_end + 3..];
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(host_end);
    if !authority_ok(authority) {
        return None;
    }
    let mut out = String::with_capacity(raw.len() + 8);
    out.push_str(&scheme.to_ascii_lowercase());
    out.push_str("://");
    out.push_str(authority);
    let bytes = tail.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            // A percent sign starts an escape of two hex digits, or the address is not one.
            let hex = bytes.get(i + 1..i + 3)?;
            if !hex.iter().all(u8::is_ascii_hexdigit) {
                return None;
            }
            out.push('%');
            out.extend(hex.iter().map(|&h| char::from(h)));
            i += 3;
            continue;
        }
        if allowed(b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
        i += 1;
    }
    debug_assert!(out.bytes().all(|b| (0x21..0x7f).contains(&b)));
    out.bytes()
        .all(|b| (0x21..0x7f).contains(&b))
        .then_some(out)
}

/// Joiners and variation selectors: shown between letters, never part of an address.
fn invisible_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}')
}

/// A host name or address, with an optional port; no user name (`https://bank@evil`
/// reads as the bank's address and is not).
fn authority_ok(authority: &str) -> bool {
    let port_ok = |p: &str| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit());
    // An IPv6 address: `[2001:db8::1]:8080`.
    if let Some(v6) = authority.strip_prefix('[') {
        let Some((addr, after)) = v6.split_once(']') else {
            return false;
        };
        let addr_ok = !addr.is_empty()
            && addr
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.');
        return addr_ok && (after.is_empty() || after.strip_prefix(':').is_some_and(port_ok));
    }
    let (host, port_fine) = match authority.rsplit_once(':') {
        Some((host, port)) => (host, port_ok(port)),
        None => (authority, true),
    };
    port_fine
        && !host.is_empty()
        && host.len() <= 253
        && !host.starts_with(['.', '-'])
        && !host.contains("..")
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
}

/// Bytes RFC 3986 allows as they are in a path, query or fragment: unreserved, the
/// delimiters, and `/ ? # : @`.
fn allowed(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/?#".contains(&b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_web_addresses_are_taken_as_written() {
        for url in [
            "https://www.axios.com/2025/12/05/witkoff-kushner-ukraine-miami",
            "http://example.org",
            "https://example.org/a?b=c&d=e#f",
            "https://en.people.cn/n3/2025/1206/c90000-20399221.html",
            "https://example.org:8443/x",
            "https://[2001:db8::1]:8080/x",
            "https://example.org/a%20b",
        ] {
            assert_eq!(web_address(url).as_deref(), Some(url), "{url}");
        }
        // The scheme is written in lower case.
        assert_eq!(
            web_address("HTTPS://example.org/").as_deref(),
            Some("https://example.org/")
        );
    }

    #[test]
    fn other_characters_are_percent_encoded() {
        assert_eq!(
            web_address("https://ru.wikipedia.org/wiki/Умеров").as_deref(),
            Some("https://ru.wikipedia.org/wiki/%D0%A3%D0%BC%D0%B5%D1%80%D0%BE%D0%B2")
        );
        assert_eq!(
            web_address("https://example.org/a\"b<c>{d}|e^`").as_deref(),
            Some("https://example.org/a%22b%3Cc%3E%7Bd%7D%7Ce%5E%60")
        );
    }

    #[test]
    fn anything_that_could_drive_a_terminal_is_refused() {
        for url in [
            "https://example.org/\u{1b}]8;;https://evil.example/\u{7}",
            "https://example.org/\u{1b}[31m",
            "https://example.org/\u{7}",
            "https://example.org/\u{9b}31m",
            "https://example.org/\u{9d}8;;x",
            "https://example.org/\u{7f}",
            "https://example.org/\u{0}",
            "https://example.org/\t",
            "https://example.org/a\nb",
            "https://example.org/\u{202e}gnp.exe",
            "https://example.org/\u{2066}x",
            "https://example.org/\u{200b}",
            "https://example.org/\u{200d}",
            "https://example.org/\u{feff}",
            "https://example.org/\u{2028}",
            "https://example.org/a b",
            "https://example.org/\u{a0}",
            "\u{1b}https://example.org/",
            " https://example.org/",
        ] {
            assert_eq!(web_address(url), None, "{url:?}");
        }
    }

    #[test]
    fn only_web_addresses_with_a_host_are_taken() {
        for url in [
            "",
            "example.org",
            "javascript:alert(1)",
            "file:///etc/passwd",
            "ftp://example.org/",
            "mailto:someone@example.org",
            "data:text/html,hi",
            "https://",
            "https:///path",
            "https://user@example.org/",
            "https://bank.example@evil.example/",
            "https://exa_mple.org/",
            "https://exämple.org/",
            "https://example.org:99999999/",
            "https://example.org:x/",
            "https://[zz]/",
            "https://example.org/%zz",
            "https://example.org/%4",
            "https://.example.org/",
            "https://example..org/",
        ] {
            assert_eq!(web_address(url), None, "{url:?}");
        }
        let long = format!("https://example.org/{}", "a".repeat(MAX_ADDRESS));
        assert_eq!(web_address(&long), None);
    }

    /// Whatever the input, what is handed on is printable ASCII.
    #[test]
    fn what_is_handed_on_is_printable_ascii() {
        let pieces = [
            "a", "/", "%41", "é", "Ж", "乌", "😀", "?", "#", "~", "\\", "[", "]",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let url = format!("https://example.org/{a}{b}{c}");
                    if let Some(out) = web_address(&url) {
                        assert!(out.bytes().all(|b| (0x21..0x7f).contains(&b)), "{out}");
                    }
                }
            }
        }
    }
}
