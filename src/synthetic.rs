//! A realistic synthetic dataset in the native format, deterministic for a seed: a
//! dozen sides with hundreds of participants, places in several time zones (some with
//! daylight saving), every time precision the format supports, claims and sources, and
//! summaries of realistic length. It feeds the benchmarks and the tests at scale
//! (`cargo run --release --example generate -- --events N --seed S > big.json`).

use std::io::{self, Write};

/// A small, fast, deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

pub const SIDES: usize = 12;
pub const PEOPLE_PER_SIDE: usize = 50;
const ZONES: [&str; 12] = [
    "Europe/Moscow",
    "America/New_York",
    "Europe/Berlin",
    "Asia/Tokyo",
    "Europe/Kyiv",
    "Asia/Kolkata",
    "America/Sao_Paulo",
    "Australia/Sydney",
    "Europe/London",
    "Africa/Cairo",
    "Asia/Dubai",
    "America/Los_Angeles",
];
const CITIES: [&str; 12] = [
    "Moscow",
    "Miami",
    "Berlin",
    "Tokyo",
    "Kyiv",
    "New Delhi",
    "Brasília",
    "Sydney",
    "London",
    "Cairo",
    "Abu Dhabi",
    "Los Angeles",
];
const VENUES: [&str; 2] = ["ministry", "residence"];
const SYLLABLES: [&str; 24] = [
    "an", "ber", "cho", "dmi", "el", "fa", "gor", "han", "iv", "jas", "ko", "lin", "mar", "nov",
    "ol", "pet", "ra", "sen", "tor", "u", "vik", "wen", "yan", "zo",
];
const ROLES: [&str; 8] = [
    "head of delegation",
    "envoy",
    "adviser",
    "host",
    "foreign minister",
    "defence official",
    "note taker",
    "mediator",
];
const KINDS: [&str; 6] = [
    "meeting",
    "session",
    "talks",
    "call",
    "briefing",
    "statement",
];
const WORDS: [&str; 40] = [
    "delegation",
    "framework",
    "ceasefire",
    "guarantees",
    "security",
    "territory",
    "withdrawal",
    "prisoners",
    "exchange",
    "grain",
    "corridor",
    "sanctions",
    "energy",
    "talks",
    "proposal",
    "draft",
    "text",
    "envoy",
    "readout",
    "officials",
    "said",
    "agreed",
    "discussed",
    "continued",
    "constructive",
    "difficult",
    "lengthy",
    "progress",
    "positions",
    "gaps",
    "narrow",
    "the",
    "a",
    "of",
    "on",
    "and",
    "with",
    "further",
    "next",
    "round",
];

fn word(rng: &mut Rng, syllables: usize) -> String {
    let mut s: String = (0..syllables)
        .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
        .collect();
    if let Some(first) = s.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    s
}

fn name(rng: &mut Rng) -> String {
    let (a, b) = (2 + rng.below(2), 2 + rng.below(3));
    let first = word(rng, a);
    format!("{first} {}", word(rng, b))
}

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::with_capacity(words * 8);
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(WORDS[rng.below(WORDS.len())]);
    }
    if let Some(first) = s.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    s.push('.');
    s
}

/// A JSON string literal (the generator's own text needs no escaping beyond quotes).
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// A time of the event numbered `i` of `n`, spread over two years from 2024.
fn time(rng: &mut Rng, i: usize, n: usize) -> String {
    let day = (i as u64 * 730 / n.max(1) as u64) as i64;
    let date = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default()
        + chrono::Duration::days(day);
    let d = date.format("%Y-%m-%d");
    let (h, m) = (7 + rng.below(14), rng.below(12) * 5);
    let start = match rng.below(100) {
        0..=29 => format!("{d}T{h:02}:{m:02}"),
        30..=44 => format!("~{d}T{h:02}:{m:02}"),
        45..=64 => format!(
            "{d} {}",
            ["morning", "afternoon", "evening", "small-hours", "night"][rng.below(5)]
        ),
        65..=84 => d.to_string(),
        85..=89 => date.format("%Y-%m").to_string(),
        _ => {
            let end = date + chrono::Duration::days(1 + rng.below(2) as i64);
            return format!(
                r#"{{ "start": "{d}", "end": "{}" }}"#,
                end.format("%Y-%m-%d")
            );
        }
    };
    let duration = match rng.below(6) {
        0 => Some("2h"),
        1 => Some("~5h"),
        2 => Some("lengthy"),
        3 => Some("90m"),
        _ => None,
    };
    let reported = if rng.chance(20) {
        format!(
            r#", "reported": "{}""#,
            [
                "early in the day",
                "late on the day",
                "a two-hour session",
                "talks that ran long"
            ][rng.below(4)]
        )
    } else {
        String::new()
    };
    match duration {
        Some(dur) if !start.ends_with(|c: char| c.is_ascii_digit()) || start.contains('T') => {
            format!(r#"{{ "start": "{start}", "duration": "{dur}"{reported} }}"#)
        }
        _ => format!(r#"{{ "start": "{start}"{reported} }}"#),
    }
}

/// Writes a dataset of `events` events.
pub fn write(out: &mut impl Write, events: usize, seed: u64) -> io::Result<()> {
    write_with(out, events, seed, false)
}

/// [`write()`], with `accounts` another source's account of the time and of the place of
/// every tenth event (format version 2); the rest of the file is the same.
pub fn write_with(
    out: &mut impl Write,
    events: usize,
    seed: u64,
    accounts: bool,
) -> io::Result<()> {
    let mut rng = Rng::new(seed);
    writeln!(out, "{{")?;
    writeln!(out, r#"  "parley": {},"#, if accounts { 2 } else { 1 })?;
    writeln!(
        out,
        r#"  "title": "Synthetic negotiations, {events} events (seed {seed})","#
    )?;
    writeln!(
        out,
        r#"  "description": "Generated for benchmarks and tests.","#
    )?;
    writeln!(out, r#"  "zone": "Europe/Berlin","#)?;
    writeln!(out, r#"  "parties": ["#)?;
    for (s, city) in CITIES.iter().enumerate().take(SIDES) {
        let sep = if s + 1 < SIDES { "," } else { "" };
        writeln!(
            out,
            r#"    {{ "id": "side{s}", "name": "Delegation {city}" }}{sep}"#
        )?;
    }
    writeln!(out, "  ],")?;
    writeln!(out, r#"  "participants": ["#)?;
    let people = SIDES * PEOPLE_PER_SIDE;
    for p in 0..people {
        let sep = if p + 1 < people { "," } else { "" };
        // One participant the benchmarks search for.
        let who = if p == 7 {
            "Rustem Umerov".to_string()
        } else {
            name(&mut rng)
        };
        writeln!(
            out,
            r#"    {{ "id": "p{p}", "name": {}, "role": "{}", "party": "side{}", "note": {} }}{sep}"#,
            q(&who),
            rng.pick(&ROLES),
            p % SIDES,
            q(&sentence(&mut rng, 8))
        )?;
    }
    writeln!(out, "  ],")?;
    writeln!(out, r#"  "places": ["#)?;
    let places = CITIES.len() * VENUES.len();
    for pl in 0..places {
        let sep = if pl + 1 < places { "," } else { "" };
        let c = pl % CITIES.len();
        writeln!(
            out,
            r#"    {{ "id": "pl{pl}", "name": "{} {}", "zone": "{}" }}{sep}"#,
            CITIES[c],
            VENUES[pl / CITIES.len()],
            ZONES[c]
        )?;
    }
    writeln!(out, "  ],")?;
    writeln!(out, r#"  "topics": ["#)?;
    for t in 0..40 {
        let sep = if t + 1 < 40 { "," } else { "" };
        writeln!(
            out,
            r#"    {{ "id": "t{t}", "name": "{} {}" }}{sep}"#,
            WORDS[t % 17 + 1],
            t
        )?;
    }
    writeln!(out, "  ],")?;
    writeln!(out, r#"  "sources": ["#)?;
    let kinds = [
        "outlet",
        "agency",
        "official-statement",
        "unnamed-official",
        "named-official",
    ];
    for s in 0..200 {
        let sep = if s + 1 < 200 { "," } else { "" };
        writeln!(
            out,
            r#"    {{ "id": "s{s}", "name": "Source {s}", "kind": "{}", "published": "2025-0{}-1{}" }}{sep}"#,
            kinds[s % kinds.len()],
            1 + s % 9,
            s % 10
        )?;
    }
    writeln!(out, "  ],")?;
    writeln!(out, r#"  "events": ["#)?;
    let statuses = [
        "held",
        "held",
        "held",
        "held",
        "held",
        "expected",
        "scheduled",
        "cancelled",
        "postponed",
        "ongoing",
    ];
    for i in 0..events {
        let side = rng.below(SIDES);
        let count = 2 + rng.below(5);
        let mut attendees: Vec<usize> = Vec::with_capacity(count);
        while attendees.len() < count {
            // Mostly two sides meeting; sometimes a mediator from a third.
            let s = if attendees.len().is_multiple_of(2) {
                side
            } else {
                (side + 1 + rng.below(2)) % SIDES
            };
            let p = s + SIDES * rng.below(PEOPLE_PER_SIDE);
            if !attendees.contains(&p) {
                attendees.push(p);
            }
        }
        let participants: Vec<String> = attendees
            .iter()
            .map(|p| format!(r#"{{ "person": "p{p}", "role": "{}" }}"#, rng.pick(&ROLES)))
            .collect();
        let topics: Vec<String> = (0..1 + rng.below(3))
            .map(|_| format!(r#""t{}""#, rng.below(40)))
            .collect();
        let source = rng.below(200);
        let claims = if rng.chance(60) {
            format!(
                r#", "claims": [{{ "speaker": "An official", "party": "side{side}", "text": {}, "source": "s{source}" }}]"#,
                q(&sentence(&mut rng, 12))
            )
        } else {
            String::new()
        };
        let relations = if i > 0 && rng.chance(20) {
            format!(
                r#", "relations": [{{ "kind": "follows", "event": "e{}" }}]"#,
                i - 1 - rng.below(i.min(5))
            )
        } else {
            String::new()
        };
        let sentences = 2 + rng.below(3);
        let mut summary = Vec::with_capacity(sentences);
        for _ in 0..sentences {
            let words = 10 + rng.below(10);
            summary.push(sentence(&mut rng, words));
        }
        let summary = summary.join(" ");
        // Derived from the position, not drawn: the other events stay as they are.
        let others = if accounts && i % 10 == 0 {
            format!(
                r#", "accounts": [{{ "of": "time", "time": {{ "start": "2025-06-{:02}T1{}:00" }}, "source": "s{}", "reported": "as another outlet has it" }}, {{ "of": "place", "place": "pl{}", "source": "s{}", "rank": "deprecated" }}]"#,
                1 + i % 28,
                (i / 10) % 10,
                (i * 7) % 200,
                (i / 10) % places,
                (i * 13) % 200
            )
        } else {
            String::new()
        };
        let sep = if i + 1 < events { "," } else { "" };
        writeln!(
            out,
            r#"    {{ "id": "e{i}", "title": {}, "kind": "{}", "status": "{}", "time": {}, "place": "pl{}", "participants": [{}], "topics": [{}], "summary": {}{claims}{relations}, "sources": ["s{source}"]{others} }}{sep}"#,
            q(&format!(
                "{} {} on {}",
                CITIES[side],
                rng.pick(&KINDS),
                WORDS[rng.below(17) + 1]
            )),
            rng.pick(&KINDS),
            statuses[rng.below(statuses.len())],
            time(&mut rng, i, events),
            rng.below(places),
            participants.join(", "),
            topics.join(", "),
            q(&summary),
        )?;
    }
    writeln!(out, "  ]")?;
    writeln!(out, "}}")?;
    Ok(())
}

/// The dataset as a string (for tests and benchmarks at small sizes).
pub fn dataset(events: usize, seed: u64) -> String {
    let mut out = Vec::with_capacity(events * 600 + 100_000);
    // Writing into memory cannot fail.
    let _ = write(&mut out, events, seed);
    String::from_utf8(out).unwrap_or_default()
}
