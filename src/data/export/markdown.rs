//! A Markdown briefing: the timeline chronologically, grouped by day in the display zone,
//! each event with its time at its real precision, participants by side, claims, and
//! the sources: by default a numbered list cited by number (`[1]`), which any CommonMark
//! renderer shows as written; in the GFM flavor, footnotes (`[^1]`).
//!
//! Text from the file is escaped, so that nothing in it can become markup: no heading,
//! link, image, HTML or emphasis that the dataset did not ask for, and no GFM autolink
//! (bare URLs, `www.` hosts, e-mail addresses) either.

use std::fmt::Write as _;

use chrono_tz::Tz;

use crate::model::describe::{self, attendee, attendees_by_side, side_name};
use crate::model::disputes;
use crate::model::text::clean_line;
use crate::model::time::long_day;
use crate::model::timeline::{Event, SourceIx, Status, Timeline};

/// Escapes Markdown's punctuation in running text, and block markers at a line start.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            // A character reference (`&copy;`) would be decoded by a renderer.
            '&' if next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '#') => {
                out.push_str("\\&");
            }
            // GFM links bare `scheme://` addresses, `www.` hosts and e-mail addresses
            // (`mailto:` and `xmpp:` ones too): an escape breaks each pattern.
            ':' if chars.get(i + 1..i + 3) == Some(&['/', '/']) => out.push_str("\\:"),
            '@' => out.push_str("\\@"),
            '.' if after_www(&chars[..i]) => out.push_str("\\."),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    // At the start, these would open a heading, a list, a quote or a rule.
    let starts_block = out.starts_with(['#', '-', '+', '=', '!'])
        || out
            .find(|c: char| !c.is_ascii_digit())
            .is_some_and(|i| i > 0 && matches!(out.as_bytes().get(i), Some(b'.' | b')')));
    if starts_block {
        let at = out.find(|c: char| !c.is_ascii_digit()).unwrap_or(0);
        out.insert(at, '\\');
    }
    out
}

/// Whether `before` ends with a `www` that starts a word, as GFM's `www.` links do.
fn after_www(before: &[char]) -> bool {
    let Some(start) = before.len().checked_sub(3) else {
        return false;
    };
    before[start..].iter().all(|c| c.eq_ignore_ascii_case(&'w'))
        && start
            .checked_sub(1)
            .and_then(|i| before.get(i))
            .is_none_or(|c| !c.is_alphanumeric())
}

/// Each line of a multi-line text, escaped and as its own paragraph.
fn paragraphs(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(escape)
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Which Markdown the briefing is written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Flavor {
    /// CommonMark alone: sources as a numbered list, cited by number (`[1]`).
    #[default]
    CommonMark,
    /// GitHub Flavored Markdown: sources as footnotes (`[^1]`).
    Gfm,
}

/// Sources, numbered in the order they are first cited.
struct Notes {
    order: Vec<SourceIx>,
    flavor: Flavor,
}

impl Notes {
    /// The citation of `s`: `[1]` (no link: the briefing defines no link references,
    /// and text from the file has its brackets escaped) or `[^1]`.
    fn cite(&mut self, s: SourceIx) -> String {
        let n = match self.order.iter().position(|&x| x == s) {
            Some(i) => i + 1,
            None => {
                self.order.push(s);
                self.order.len()
            }
        };
        match self.flavor {
            Flavor::CommonMark => format!("[{n}]"),
            Flavor::Gfm => format!("[^{n}]"),
        }
    }

    /// What stands between a text and its citation: a footnote mark sits on the text.
    fn gap(&self) -> &'static str {
        match self.flavor {
            Flavor::CommonMark => " ",
            Flavor::Gfm => "",
        }
    }

    /// The sources cited, as a numbered list or as footnote definitions.
    fn write(&self, out: &mut String, tl: &Timeline) {
        if self.order.is_empty() {
            return;
        }
        match self.flavor {
            Flavor::CommonMark => out.push_str("## Sources\n\n"),
            Flavor::Gfm => out.push_str("---\n\n"),
        }
        for (i, s) in self.order.iter().enumerate() {
            let src = tl.source(*s);
            let mark = match self.flavor {
                Flavor::CommonMark => format!("{}.", i + 1),
                Flavor::Gfm => format!("[^{}]:", i + 1),
            };
            let mut line = format!("{mark} {} ({}", escape(&src.name), src.kind.label());
            if let Some(d) = src.published.map(|p| p.date) {
                let _ = write!(line, ", published {}", long_day(d));
            }
            line.push(')');
            if let Some(u) = &src.url {
                if safe_link(u) {
                    let _ = write!(line, " <{u}>");
                } else {
                    let _ = write!(line, " {}", escape(u));
                }
            }
            let _ = writeln!(out, "{line}");
        }
    }
}

/// An address a renderer may link: web and mail only, nothing that breaks out of `<>`.
fn safe_link(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:"))
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '\\' | '`'))
}

fn write_event(out: &mut String, tl: &Timeline, ev: &Event, zone: Tz, notes: &mut Notes) {
    let _ = writeln!(
        out,
        "### {} · {}\n",
        escape(&describe::listed(ev, zone).text),
        escape(ev.title())
    );
    let mut facts = Vec::new();
    if describe::says_status(ev) {
        facts.push(format!(
            "- **Status:** {} ({})",
            ev.status.keyword(),
            ev.kind.keyword()
        ));
    }
    let mut when = describe::when_line(ev, zone);
    if ev.status == Status::Ongoing && !when.ends_with("ongoing") {
        when.push_str(" (ongoing)");
    }
    let told_in = describe::told_in(ev, zone);
    facts.push(format!(
        "- **When:** {} ({})",
        escape(&when),
        told_in.name()
    ));
    if let Some((local, line)) = describe::local_when(tl, ev, zone) {
        facts.push(format!(
            "- **Local time:** {} ({})",
            escape(&line),
            local.name()
        ));
    }
    if let Some(phrase) = ev.reported() {
        facts.push(format!("- **As reported:** “{}”", escape(phrase)));
    }
    if let Some(d) = describe::duration(ev) {
        facts.push(format!("- **Length:** {}", escape(&d)));
    }
    if let Some(p) = ev.place {
        facts.push(format!("- **Where:** {}", escape(&tl.place(p).name)));
    }
    if !ev.topics.is_empty() {
        let names: Vec<String> = tl
            .event_topics(ev)
            .iter()
            .map(|t| escape(&tl.topic(*t).name))
            .collect();
        facts.push(format!("- **Topics:** {}", names.join(", ")));
    }
    let _ = writeln!(out, "{}\n", facts.join("\n"));

    let sides = attendees_by_side(tl, ev);
    if !sides.is_empty() {
        let _ = writeln!(out, "**Participants**\n");
        for (party, people) in sides {
            let names: Vec<String> = people.iter().map(|a| escape(&attendee(tl, a))).collect();
            let _ = writeln!(
                out,
                "- *{}:* {}",
                escape(side_name(tl, party)),
                names.join(", ")
            );
        }
        out.push('\n');
    }
    if !ev.summary().is_empty() {
        let _ = writeln!(out, "{}\n", paragraphs(ev.summary()));
    }
    if ev.has_outcomes() {
        let _ = writeln!(out, "**Outcomes**\n");
        for o in ev.outcomes() {
            let _ = writeln!(out, "- {}", escape(&o.replace('\n', " ")));
        }
        out.push('\n');
    }
    if !ev.claims.is_empty() {
        let _ = writeln!(out, "**Claims**\n");
        let links = tl.event_by_id(ev.id()).and_then(|ix| tl.accounts_of(ix));
        for (j, c) in tl.claims(ev).iter().enumerate() {
            let speaker = c.person.map_or(ev.speaker(c), |p| tl.person(p).name);
            // The event's claims this one contradicts, in their words.
            let against: Vec<String> = links
                .and_then(|l| l.claim(j as u32))
                .map(|l| {
                    l.contradicts
                        .iter()
                        .filter_map(|&k| tl.claims(ev).get(k as usize))
                        .map(|o| format!("“{}”", escape(&ev.said(o).replace('\n', " "))))
                        .collect()
                })
                .unwrap_or_default();
            let against = if against.is_empty() {
                String::new()
            } else {
                format!(" (contradicts {})", against.join(", "))
            };
            let side = c
                .party
                .map(|p| format!(" ({})", escape(&tl.party(p).name)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "- {}{side}: {}{against}{}{}",
                escape(speaker),
                escape(&ev.said(c).replace('\n', " ")),
                notes.gap(),
                notes.cite(c.source)
            );
        }
        out.push('\n');
    }
    if let Some(acc) = tl.event_by_id(ev.id()).and_then(|ix| tl.accounts_of(ix))
        && !(acc.accounts.is_empty() && acc.status_history.is_empty())
    {
        let _ = writeln!(out, "**Other accounts**\n");
        if let Some(line) = disputes::history_line(tl, &acc.status_history) {
            let _ = writeln!(out, "- {}", escape(&clean_line(&line)));
        }
        for a in &acc.accounts {
            let line = disputes::account_line(tl, ev, acc, a);
            let _ = writeln!(
                out,
                "- {}{}{}",
                escape(&clean_line(&line)),
                notes.gap(),
                notes.cite(a.source)
            );
        }
        out.push('\n');
    }
    let mut related: Vec<String> = tl
        .relations(ev)
        .iter()
        .map(|r| {
            format!(
                "{} *{}*",
                r.kind.label(),
                escape(tl.event(r.target).title())
            )
        })
        .collect();
    if let Some(ix) = tl.event_by_id(ev.id()) {
        related.extend(
            tl.related_to(ix)
                .into_iter()
                .map(|(k, e)| format!("{} *{}*", k.inverse_label(), escape(tl.event(e).title()))),
        );
    }
    if !related.is_empty() {
        let _ = writeln!(out, "**Related:** {}\n", related.join("; "));
    }
    if !ev.sources.is_empty() {
        let cited: Vec<String> = tl
            .event_sources(ev)
            .iter()
            .map(|s| notes.cite(*s))
            .collect();
        let _ = writeln!(out, "**Sources:** {}\n", cited.join(" "));
    }
}

/// The briefing, with times in `zone`, for any CommonMark renderer.
pub fn write(tl: &Timeline, zone: Tz) -> String {
    write_as(tl, zone, Flavor::CommonMark)
}

/// The briefing, with times in `zone`, in `flavor`.
pub fn write_as(tl: &Timeline, zone: Tz, flavor: Flavor) -> String {
    let shown = super::shown::shown(tl);
    let tl = &*shown;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(&tl.meta.title));
    if !tl.meta.description.is_empty() {
        let _ = writeln!(out, "{}\n", paragraphs(&tl.meta.description));
    }
    let count = describe::count(tl.events.len(), "event", "events");
    let _ = writeln!(out, "*Times in {} · {count}*\n", zone.name());
    if let Some(as_of) = tl.meta.as_of {
        let _ = writeln!(out, "*As of {}*\n", as_of.label());
    }
    let mut notes = Notes {
        order: Vec::new(),
        flavor,
    };
    let mut current: Option<describe::Heading> = None;
    for ev in &tl.events {
        // A year's, a month's or a day's header, as the viewer lists them.
        let heading = describe::heading(ev, zone);
        if current != Some(heading) {
            let _ = writeln!(out, "## {}\n", heading.label());
            current = Some(heading);
        }
        write_event(&mut out, tl, ev, zone, &mut notes);
    }
    notes.write(&mut out, tl);
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_stays_text() {
        assert_eq!(
            escape("*bold* [x](y) <b> a|b ~5 h"),
            "\\*bold\\* \\[x\\](y) \\<b\\> a\\|b \\~5 h"
        );
        assert_eq!(escape("# not a heading"), "\\# not a heading");
        assert_eq!(escape("1. not a list"), "1\\. not a list");
        assert_eq!(escape("- no"), "\\- no");
        assert_eq!(escape("AT&T &amp; 2025"), "AT\\&T \\&amp; 2025");
        assert_eq!(escape("U.S.-backed 19:40"), "U.S.-backed 19:40");
    }

    #[test]
    fn bare_addresses_are_broken_for_gfm() {
        assert_eq!(escape("https://a.org"), "https\\://a.org");
        assert_eq!(escape("see www.a.org"), "see www\\.a.org");
        assert_eq!(escape("(WWW.a.org)"), "(WWW\\.a.org)");
        assert_eq!(escape("awww.a.org"), "awww.a.org");
        assert_eq!(escape("press@a.org"), "press\\@a.org");
        assert_eq!(escape("time 19:40, ratio 3:2"), "time 19:40, ratio 3:2");
    }

    #[test]
    fn only_web_and_mail_links_are_linked() {
        assert!(safe_link("https://example.org/a?b=c"));
        assert!(!safe_link("javascript:alert(1)"));
        assert!(!safe_link("https://example.org/> <script>"));
    }
}
