//! The default Markdown briefing under a plain CommonMark renderer (comrak with no
//! extension): no footnote syntax left literal, the sources a numbered list of links, and
//! every citation a number in that list.

use comrak::{Options, markdown_to_html};
use parley::data;
use parley::data::export::markdown::{self, Flavor};
use parley::data::native::load_str;
use parley::model::timeline::Timeline;
use serde_json::json;

fn bundled() -> Timeline {
    data::load_bundled().unwrap_or_else(|e| panic!("{e}"))
}

/// The text between `open` and the next `close` after it, each time it occurs.
fn between<'a>(text: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    text.split(open)
        .skip(1)
        .filter_map(|rest| rest.split(close).next())
        .collect()
}

/// The numbers cited as `[n]` in `text`.
fn citations(text: &str) -> Vec<usize> {
    between(text, "[", "]")
        .into_iter()
        .filter_map(|n| n.parse().ok())
        .collect()
}

/// Two events citing three sources, two with web addresses and one without.
fn linked() -> Timeline {
    let data = json!({
        "title": "Linked", "zone": "UTC",
        "participants": [{ "id": "p", "name": "P" }],
        "sources": [
            { "id": "a", "name": "Report A", "kind": "outlet", "url": "https://a.example/report" },
            { "id": "b", "name": "Readout B", "kind": "official-statement", "url": "http://b.example/readout?x=1" },
            { "id": "c", "name": "Notes C", "kind": "outlet" },
        ],
        "events": [
            { "id": "e1", "title": "First", "kind": "meeting", "status": "held",
              "time": { "start": "2025-12-01" }, "sources": ["b", "a"],
              "claims": [{ "person": "p", "text": "Said so.", "source": "a" }] },
            { "id": "e2", "title": "Second", "kind": "meeting", "status": "held",
              "time": { "start": "2025-12-02" }, "sources": ["c"] },
        ],
    });
    load_str("linked.json", &data.to_string()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_default_briefing_needs_no_extension() {
    check(&bundled());
    check(&linked());
}

fn check(tl: &Timeline) {
    let md = markdown::write(tl, tl.meta.zone);
    assert_eq!(md, markdown::write_as(tl, tl.meta.zone, Flavor::CommonMark));
    let html = markdown_to_html(&md, &Options::default());
    assert!(
        !html.contains("[^"),
        "a footnote mark left literal:\n{html}"
    );
    assert!(!md.contains("[^"), "{md}");

    // The sources: one ordered list at the end, each item a link.
    let (body, sources) = html
        .rsplit_once("<h2>Sources</h2>")
        .unwrap_or_else(|| panic!("no Sources heading:\n{html}"));
    let lists = between(sources, "<ol>", "</ol>");
    assert_eq!(lists.len(), 1, "{sources}");
    let items = between(lists[0], "<li>", "</li>");
    let cited_sources = tl
        .events
        .iter()
        .flat_map(|ev| {
            tl.event_sources(ev)
                .iter()
                .copied()
                .chain(tl.claims(ev).iter().map(|c| c.source))
                .collect::<Vec<_>>()
        })
        .collect::<std::collections::BTreeSet<_>>();
    assert_eq!(items.len(), cited_sources.len(), "{sources}");
    // Each source is an item, a link where it has an address.
    for s in &cited_sources {
        let src = tl.source(*s);
        let item = items
            .iter()
            .find(|i| i.starts_with(&*src.name))
            .unwrap_or_else(|| panic!("{} not listed: {items:?}", src.name));
        match src.url.as_deref() {
            Some(url) => {
                let href = format!("href=\"{}\"", url.replace('&', "&amp;"));
                assert!(item.contains(&href), "{item} has no link to {url}");
            }
            None => assert!(!item.contains("<a "), "{item}"),
        }
    }

    // Every citation in the text is a number in that list, and every number is cited.
    let cited = citations(body);
    assert!(!cited.is_empty(), "{body}");
    assert!(
        cited.iter().all(|&n| (1..=items.len()).contains(&n)),
        "{cited:?} against {} sources",
        items.len()
    );
    for n in 1..=items.len() {
        assert!(cited.contains(&n), "source {n} is never cited");
    }
    // Numbered in the order first cited.
    let mut first_seen: Vec<usize> = Vec::new();
    for n in cited {
        if !first_seen.contains(&n) {
            first_seen.push(n);
        }
    }
    assert_eq!(first_seen, (1..=items.len()).collect::<Vec<_>>());
}

#[test]
fn the_gfm_flavor_keeps_footnotes() {
    let tl = bundled();
    let md = markdown::write_as(&tl, tl.meta.zone, Flavor::Gfm);
    assert!(md.contains("[^1]: "), "{md}");
    assert!(!md.contains("## Sources"), "{md}");
}

#[test]
fn the_command_writes_commonmark_unless_asked_for_gfm() {
    let run = |args: &[&str]| {
        let out = assert_cmd::Command::cargo_bin("parley")
            .expect("the parley binary is built")
            .args(["export", "--format", "md"])
            .args(args)
            .output()
            .expect("runs");
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    let plain = run(&[]);
    assert!(plain.contains("\n## Sources\n\n1. "), "{plain}");
    assert!(!plain.contains("[^"), "{plain}");
    assert_eq!(plain, run(&["--flavor", "commonmark"]));
    let gfm = run(&["--flavor", "gfm"]);
    assert!(gfm.contains("\n[^1]: "), "{gfm}");
}
