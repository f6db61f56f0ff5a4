//! The Markdown briefing under GitHub's renderer (comrak with the GFM extensions): text
//! from the data never becomes a link, and footnotes stay footnotes, whatever bare URLs,
//! `www.` hosts and e-mail addresses the text holds.

use comrak::{Options, markdown_to_html};
use parley::data::export::markdown::{self, Flavor};
use parley::data::native::load_str;
use serde_json::json;

/// Text a GFM renderer would link if it were written as it is.
const LINKY: [&str; 12] = [
    "See https://example.org/a?b=c for the text",
    "http://example.org",
    "ftp://files.example.org/readout.pdf",
    "www.example.org",
    "WWW.Example.org/path",
    "(www.example.org)",
    "*www.example.org*",
    "write to press@example.org",
    "mailto:press@example.org",
    "xmpp:envoy@example.org/talks",
    "HTTPS://EXAMPLE.ORG",
    "a.b-c_d+e@mfa.example.gov.ua.",
];

/// GFM as GitHub renders it: autolinks, footnotes, strikethrough, tables, task lists.
fn gfm() -> Options<'static> {
    let mut options = Options::default();
    options.extension.autolink = true;
    options.extension.footnotes = true;
    options.extension.strikethrough = true;
    options.extension.table = true;
    options.extension.tasklist = true;
    options
}

/// Every `href` in the HTML, in order.
fn hrefs(html: &str) -> Vec<&str> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect()
}

/// A dataset with the linky text in every place the briefing writes text, each claim
/// cited to a source whose URL is the one intended link.
fn dataset() -> String {
    let events: Vec<_> = LINKY
        .iter()
        .enumerate()
        .map(|(i, text)| {
            json!({
                "id": format!("e{i}"),
                "title": text,
                "kind": "meeting",
                "status": "held",
                "time": {"start": format!("2025-12-{:02}", i + 1)},
                "summary": text,
                "outcomes": [text],
                "participants": [{"person": "p"}],
                "claims": [{"person": "p", "text": text, "source": "s"}],
                "sources": ["s"],
            })
        })
        .collect();
    json!({
        "parley": 1,
        "title": "Links www.example.org and press@example.org",
        "description": LINKY.join("\n"),
        "zone": "UTC",
        "parties": [{"id": "a", "name": "Side http://a.example"}],
        "participants": [{"id": "p", "name": "Envoy envoy@example.org", "role": "www.role.org", "party": "a"}],
        "places": [],
        "topics": [],
        "sources": [{"id": "s", "name": "Report at www.news.example", "kind": "outlet",
                     "url": "https://news.example/report"}],
        "events": events,
    })
    .to_string()
}

#[test]
fn the_only_links_are_sources_and_footnotes() {
    let tl = load_str("linky.json", &dataset()).unwrap_or_else(|e| panic!("{e}"));
    let md = markdown::write_as(&tl, chrono_tz::UTC, Flavor::Gfm);
    let html = markdown_to_html(&md, &gfm());
    let links = hrefs(&html);
    let footnote_refs = links.iter().filter(|h| h.starts_with("#fn-")).count();
    let backrefs = links.iter().filter(|h| h.starts_with("#fnref-")).count();
    let others: Vec<&&str> = links
        .iter()
        .filter(|h| !h.starts_with("#fn-") && !h.starts_with("#fnref-"))
        .collect();
    // Each event cites the one source twice: in a claim and under Sources.
    assert_eq!(footnote_refs, 2 * LINKY.len(), "{html}");
    assert!(backrefs >= 1, "{html}");
    assert_eq!(others, [&"https://news.example/report"], "{md}");
    // The text is all there, escapes and all read back as written.
    for text in LINKY {
        assert!(html.contains(text), "{text} missing from {html}");
    }
}

#[test]
fn a_footnote_right_after_a_bare_address_stays_a_footnote() {
    for text in LINKY {
        let data = json!({
            "parley": 1, "title": "t", "zone": "UTC",
            "parties": [], "participants": [{"id": "p", "name": "P"}], "places": [], "topics": [],
            "sources": [{"id": "s", "name": "S", "kind": "outlet"}],
            "events": [{"id": "e", "title": "E", "kind": "meeting", "status": "held",
                        "time": {"start": "2025-12-01"},
                        "claims": [{"person": "p", "text": text, "source": "s"}]}],
        });
        let tl = load_str("one.json", &data.to_string()).unwrap_or_else(|e| panic!("{e}"));
        let html = markdown_to_html(
            &markdown::write_as(&tl, chrono_tz::UTC, Flavor::Gfm),
            &gfm(),
        );
        assert_eq!(hrefs(&html), ["#fn-1", "#fnref-1"], "{text}: {html}");
    }
}
