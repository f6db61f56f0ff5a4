//! TimelineJS3 (Knight Lab) JSON import.
//!
//! The file is read into its own types, checked part by part (every date part, as a
//! number or a string), and turned into the native format's types, which then go
//! through the native validation: a TimelineJS file gets the same problems, in the same
//! form (`file:line:column: json.path: message`), pointing into the TimelineJS text.
//!
//! How the format maps onto parley's:
//! - the title slide's headline and text are the dataset's title and description;
//! - each event slide is an event: `unique_id` its id (a stable id is made from its
//!   date and headline when missing), the headline its title, the text its summary,
//!   `display_date` the phrase as reported; TimelineJS has no kinds or statuses, so
//!   every slide is a held event (kind `event`, shown without "held · meeting");
//! - a date's precision is the finest part given: year and month make a month, an hour
//!   is that clock time (`hour: 18` is 18:00), midnight alone is the date, milliseconds
//!   are dropped;
//! - `group` (as plain text) becomes a topic, and so does each era, given to the events
//!   that start in it;
//! - media become sources named by their credit (else caption or title), and so do the
//!   targets of links in the text; a quotation carried as media HTML joins the text;
//! - times have no zone: they are read in the zone given (`--zone-of-file`), else UTC;
//! - what is renamed, ignored or dropped on the way is noted (see `notes`).

use std::collections::{HashMap, HashSet};

use chrono_tz::Tz;
use serde::Deserialize;
use serde_json::Value;

use super::LoadError;
use super::html::{self, Plain};
use super::native::{self, RawDataset, RawEvent, RawTime, RawTopic, Shape};
use crate::model::time::describe_point;
use crate::model::timeline::Timeline;

mod dates;
mod names;
mod notes;
mod v2;

use dates::{Importer, scalar};
use names::{Ids, Sources, fallback_title, id_date, slug};
use notes::{group_name, note_date_keys, note_slide_keys, placed_notes, quotation, unique_ids};

/// A TimelineJS file. Fields TimelineJS ignores (`background`, `autolink`, anything
/// else) are ignored here too, except in dates, where a misspelt part would silently
/// change the precision.
#[derive(Debug, Deserialize)]
pub struct RawTimeline {
    pub title: Option<RawSlide>,
    pub events: Vec<RawSlide>,
    pub eras: Option<Vec<RawEra>>,
    pub scale: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct RawSlide {
    /// Boxed: a date takes more room than the rest of a slide, and many slides have
    /// no end.
    pub start_date: Option<Box<RawDate>>,
    pub end_date: Option<Box<RawDate>>,
    pub text: Option<RawText>,
    pub media: Option<RawMedia>,
    pub group: Option<Value>,
    pub display_date: Option<String>,
    pub unique_id: Option<Value>,
    /// Keys parley does not read (`background`, `autolink`, ...): each gets a note.
    #[serde(flatten)]
    pub other: serde_json::Map<String, Value>,
}

/// A date: every part a number or a string of digits (spreadsheets give strings).
/// Other keys are ignored, as TimelineJS ignores them, with a note each.
#[derive(Debug, Deserialize)]
pub struct RawDate {
    pub year: Option<Value>,
    pub month: Option<Value>,
    pub day: Option<Value>,
    pub hour: Option<Value>,
    pub minute: Option<Value>,
    pub second: Option<Value>,
    pub millisecond: Option<Value>,
    pub display_date: Option<String>,
    pub format: Option<String>,
    #[serde(flatten)]
    pub other: serde_json::Map<String, Value>,
}

#[derive(Debug, Deserialize)]
pub struct RawText {
    pub headline: Option<String>,
    pub text: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct RawMedia {
    pub url: Option<String>,
    pub caption: Option<String>,
    pub credit: Option<String>,
    pub title: Option<String>,
    pub link: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct RawEra {
    pub start_date: Option<RawDate>,
    pub end_date: Option<RawDate>,
    pub text: Option<RawText>,
}

const TIMELINEJS: Shape = Shape {
    empty: "is empty (expected a TimelineJS object with events)",
    top: r#"a TimelineJS object ({ "title": ..., "events": [...] })"#,
    names: &[
        ("struct RawTimeline", "a TimelineJS object"),
        ("struct RawSlide", "a slide object"),
        ("struct RawDate", "a date object ({ \"year\": ... })"),
        (
            "struct RawText",
            "a text object ({ \"headline\": ..., \"text\": ... })",
        ),
        ("struct RawMedia", "a media object ({ \"url\": ... })"),
        ("struct RawEra", "an era object"),
    ],
};

const TIMELINEJS2: Shape = Shape {
    empty: "is empty (expected a TimelineJS object with events)",
    top: r#"a TimelineJS 2 object ({ "timeline": { "date": [...] } })"#,
    names: &[
        ("struct RawFile", "a TimelineJS 2 object"),
        (
            "struct RawTimeline2",
            "a TimelineJS 2 timeline ({ \"date\": [...] })",
        ),
        (
            "struct RawDate2",
            "a TimelineJS 2 date ({ \"startDate\": \"2011,12,10\", ... })",
        ),
        ("struct RawAsset", "an asset object ({ \"media\": ... })"),
    ],
};

/// Every slide is imported as this kind and status: TimelineJS has neither, and a
/// slide is something that happened, not a negotiation.
pub const KIND: &str = "event";
pub const STATUS: &str = "held";

/// Parses, converts and validates a TimelineJS file held in memory; times are read in
/// `zone` (UTC when `None`). `name` is used in messages.
pub fn load_str(name: &str, text: &str, zone: Option<Tz>) -> Result<Timeline, LoadError> {
    // A TimelineJS 2 file is read as the TimelineJS 3 file it would be.
    let old = v2::is_v2(text) && crate::data::locate::find(text, "events").is_none();
    let raw: RawTimeline = if old {
        v2::to_v3(native::parse_json(name, text, &TIMELINEJS2)?)
    } else {
        native::parse_json(name, text, &TIMELINEJS)?
    };
    let in_file = |found: Vec<(String, String)>| -> Vec<(String, String)> {
        if old {
            found
                .into_iter()
                .map(|(path, message)| (v2::path_in_v2(&path), message))
                .collect()
        } else {
            found
        }
    };
    let (dataset, mut problems, broken, notes) = convert(name, &raw, zone.unwrap_or(Tz::UTC));
    // Converted, the slides are not needed while the events are checked.
    drop(raw);
    match native::validate(dataset) {
        Ok(mut timeline) if problems.is_empty() => {
            timeline.notes = placed_notes(name, text, in_file(notes));
            return Ok(timeline);
        }
        Ok(_) => {}
        Err(found) => {
            for (path, message) in found {
                if let Some(path) = timelinejs_path(&path, &broken) {
                    problems.push((path, message));
                }
            }
        }
    }
    Err(native::located(name, text, in_file(problems)))
}

/// Where in a slide (`events[i]` and a field), written out only when something is
/// reported there: most slides have nothing to report.
struct At(usize, &'static str);

impl std::fmt::Display for At {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "events[{}]{}", self.0, self.1)
    }
}

/// Where a problem the native validation found lies in the TimelineJS file; `None` for
/// problems of events whose dates were already reported (`broken`).
fn timelinejs_path(path: &str, broken: &HashSet<usize>) -> Option<String> {
    let Some(rest) = path.strip_prefix("events[") else {
        return Some(String::new());
    };
    let (n, field) = rest.split_once(']')?;
    let i: usize = n.parse().ok()?;
    let field = match field {
        ".id" => ".unique_id",
        ".title" => ".text.headline",
        ".time.start" | ".time.duration" if broken.contains(&i) => return None,
        ".time.end" if broken.contains(&i) => return None,
        ".time.start" | ".time.duration" => ".start_date",
        ".time.end" => ".end_date",
        _ => "",
    };
    Some(format!("events[{i}]{field}"))
}

fn text_of(t: Option<&RawText>) -> (Plain, Plain) {
    let headline = html::to_plain(t.and_then(|t| t.headline.as_deref()).unwrap_or(""));
    let body = html::to_plain(t.and_then(|t| t.text.as_deref()).unwrap_or(""));
    (headline, body)
}

type Found = (
    RawDataset,
    Vec<(String, String)>,
    HashSet<usize>,
    Vec<(String, String)>,
);

/// The TimelineJS file as a native dataset, the problems found on the way, the events
/// whose dates could not be read, and the notes on what was renamed, ignored or dropped.
fn convert(name: &str, raw: &RawTimeline, zone: Tz) -> Found {
    let mut im = Importer {
        problems: Vec::new(),
    };
    let mut notes: Vec<(String, String)> = Vec::new();
    match raw.scale.as_deref().map(str::trim) {
        // Years of every scale are read alike; the scale changes nothing here.
        None | Some("" | "human" | "cosmological") => {}
        Some(other) => im.report(
            "scale".into(),
            format!("unknown scale '{other}' (expected human or cosmological)"),
        ),
    }
    let mut sources = Sources::default();

    let (title, description) = match &raw.title {
        Some(slide) => {
            let (headline, body) = text_of(slide.text.as_ref());
            let links: Vec<html::Link> =
                headline.links.iter().chain(&body.links).cloned().collect();
            sources.of_slide(slide.media.as_ref(), &links);
            (headline.one_line(), body.text)
        }
        None => (String::new(), String::new()),
    };
    let title = if title.trim().is_empty() {
        fallback_title(name)
    } else {
        title
    };

    // Topics: each group, then each era.
    let mut topic_ids = Ids::default();
    let mut topics: Vec<RawTopic> = Vec::new();
    let mut group_topic: HashMap<String, String> = HashMap::new();
    for (i, slide) in raw.events.iter().enumerate() {
        match scalar(slide.group.as_ref()) {
            Ok(Some(g)) if !group_name(&g).is_empty() => {
                let g = group_name(&g);
                if let std::collections::hash_map::Entry::Vacant(slot) = group_topic.entry(g) {
                    let base = slug(slot.key(), 40);
                    let id = topic_ids.fresh(if base.is_empty() { "group" } else { &base });
                    topics.push(RawTopic {
                        id: id.clone(),
                        name: slot.key().clone(),
                    });
                    slot.insert(id);
                }
            }
            Ok(_) => {}
            Err(message) => im.report(format!("events[{i}].group"), message),
        }
    }
    let mut eras: Vec<(String, i64, i64)> = Vec::new();
    for (i, era) in raw.eras.iter().flatten().enumerate() {
        let at = format!("eras[{i}]");
        for (part, d) in [("start_date", &era.start_date), ("end_date", &era.end_date)] {
            if let Some(d) = d {
                note_date_keys(&mut notes, &format!("{at}.{part}"), d);
            }
        }
        let start = match &era.start_date {
            Some(d) => im.date(&format!("{at}.start_date"), d),
            None => {
                im.report(
                    at.clone(),
                    "the era has no start_date (expected { \"start_date\": { \"year\": 2025, ... } })",
                );
                None
            }
        };
        let end = match &era.end_date {
            Some(d) => im.date(&format!("{at}.end_date"), d),
            None => {
                im.report(
                    at.clone(),
                    "the era has no end_date (expected { \"end_date\": { \"year\": 2025, ... } })",
                );
                None
            }
        };
        let (Some(start), Some(end)) = (start, end) else {
            continue;
        };
        let bounds = start.bounds(zone).and_then(|s| Ok((s, end.bounds(zone)?)));
        let ((lo, _), (_, hi)) = match bounds {
            Ok(b) => b,
            Err(e) => {
                im.report(format!("{at}.start_date"), e.0);
                continue;
            }
        };
        if hi < lo {
            im.report(
                format!("{at}.end_date"),
                format!(
                    "the end ({}) is before the start ({})",
                    describe_point(&end),
                    describe_point(&start)
                ),
            );
            continue;
        }
        let (headline, _) = text_of(era.text.as_ref());
        let name = match headline.one_line() {
            n if n.trim().is_empty() => format!("Era {}", i + 1),
            n => n,
        };
        let base = slug(&name, 40);
        let id = topic_ids.fresh(if base.is_empty() { "era" } else { &base });
        notes.push((
            at.clone(),
            format!(
                "the era '{name}' is a topic of the events that start in it; its span is not drawn"
            ),
        ));
        topics.push(RawTopic {
            id: id.clone(),
            name,
        });
        eras.push((id, lo, hi));
    }

    // Ids given in the file are kept, a repeated one renamed as TimelineJS renames it;
    // missing ones are made from the date and headline.
    let mut given: Vec<Option<String>> = raw
        .events
        .iter()
        .enumerate()
        .map(|(i, slide)| match scalar(slide.unique_id.as_ref()) {
            Ok(id) => id.filter(|id| !id.trim().is_empty()),
            Err(message) => {
                im.report(format!("events[{i}].unique_id"), message);
                None
            }
        })
        .collect();
    unique_ids(&mut given, &mut notes);
    let mut event_ids = Ids::taking(given.iter().flatten().cloned());

    let mut broken = HashSet::new();
    let mut events = Vec::with_capacity(raw.events.len());
    for (i, slide) in raw.events.iter().enumerate() {
        let at = At(i, "");
        note_slide_keys(&mut notes, &at, slide);
        for (part, d) in [
            (".start_date", &slide.start_date),
            (".end_date", &slide.end_date),
        ] {
            if let Some(d) = d {
                note_date_keys(&mut notes, &At(i, part), d);
            }
        }
        let start = match &slide.start_date {
            Some(d) => im.date(&At(i, ".start_date"), d),
            None => {
                im.report(
                    at.to_string(),
                    "the event has no start_date (expected { \"start_date\": { \"year\": 2025, ... } })",
                );
                None
            }
        };
        let end_date = slide.end_date.as_ref().filter(|d| !Importer::is_blank(d));
        let (mut end, end_ok) = match end_date {
            Some(d) => {
                let end = im.date(&At(i, ".end_date"), d);
                (end, end.is_some())
            }
            None => (None, true),
        };
        // TimelineJS shows a slide whose end is before its start at its start.
        if let (Some(s), Some(e)) = (&start, &end)
            && let (Ok((lo, _)), Ok((_, hi))) = (s.bounds(zone), e.bounds(zone))
            && hi <= lo
            && describe_point(s) != describe_point(e)
        {
            notes.push((
                format!("{at}.end_date"),
                format!(
                    "dropped the end ({}): it is before the start ({}); TimelineJS shows the slide at its start",
                    describe_point(e),
                    describe_point(s)
                ),
            ));
            end = None;
        }
        if start.is_none() || !end_ok {
            broken.insert(i);
        }
        let (headline, mut body) = text_of(slide.text.as_ref());
        let quote = slide.media.as_ref().and_then(quotation);
        if let Some((quote, links)) = quote {
            if !body.text.is_empty() {
                body.text.push('\n');
            }
            body.text.push_str(&quote);
            body.links.extend(links);
        }
        let links: Vec<html::Link> = headline.links.iter().chain(&body.links).cloned().collect();
        let event_sources = sources.of_slide(slide.media.as_ref(), &links);
        let reported = slide
            .display_date
            .clone()
            .filter(|s| !s.trim().is_empty())
            .or_else(|| {
                let parts: Vec<&str> = [slide.start_date.as_ref(), end_date]
                    .into_iter()
                    .flatten()
                    .filter_map(|d| d.display_date.as_deref())
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect();
                (!parts.is_empty()).then(|| parts.join(" – "))
            })
            .map(|s| html::to_plain(&s).one_line());
        let title = [
            headline.one_line(),
            body.text.lines().next().unwrap_or("").to_string(),
            slide
                .media
                .as_ref()
                .map(|m| {
                    html::to_plain(m.caption.as_deref().or(m.title.as_deref()).unwrap_or(""))
                        .one_line()
                })
                .unwrap_or_default(),
            reported.clone().unwrap_or_default(),
        ]
        .into_iter()
        .find(|t| !t.trim().is_empty())
        .unwrap_or_else(|| "Untitled".into());
        let id = match &given[i] {
            Some(id) => id.clone(),
            None => {
                let date = start
                    .as_ref()
                    .map(id_date)
                    .unwrap_or_else(|| "event".into());
                let words = slug(&title, 48);
                let base = if words.is_empty() {
                    date
                } else {
                    format!("{date}-{words}")
                };
                event_ids.fresh(&base)
            }
        };
        let mut topics = Vec::new();
        if let Ok(Some(g)) = scalar(slide.group.as_ref())
            && let Some(id) = group_topic.get(&group_name(&g))
        {
            topics.push(id.clone());
        }
        if let Some(lo) = start.and_then(|s| s.bounds(zone).ok()).map(|(lo, _)| lo) {
            for (id, era_lo, era_hi) in &eras {
                if *era_lo <= lo && lo < *era_hi && !topics.contains(id) {
                    topics.push(id.clone());
                }
            }
        }
        // An event whose dates could not be read still takes part in the checks of
        // ids; a placeholder time keeps it from adding problems of its own.
        let (start_text, end_text) = match (start, broken.contains(&i)) {
            (Some(s), false) => (describe_point(&s), end.as_ref().map(describe_point)),
            _ => ("2000".to_string(), None),
        };
        events.push(RawEvent {
            id,
            title,
            kind: KIND.into(),
            status: STATUS.into(),
            status_history: Vec::new(),
            time: RawTime {
                start: start_text,
                end: end_text,
                duration: None,
                zone: None,
                reported,
            },
            place: None,
            participants: Vec::new(),
            topics,
            summary: body.text,
            outcomes: Vec::new(),
            claims: Vec::new(),
            relations: Vec::new(),
            sources: event_sources,
            accounts: Vec::new(),
        });
    }

    let dataset = RawDataset {
        schema: None,
        parley: None,
        title,
        description,
        zone: zone.name().to_string(),
        as_of: None,
        parties: Vec::new(),
        participants: Vec::new(),
        places: Vec::new(),
        topics,
        sources: sources.list,
        events,
    };
    (dataset, im.problems, broken, notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_back() {
        let none = HashSet::new();
        assert_eq!(
            timelinejs_path("events[3].id", &none).as_deref(),
            Some("events[3].unique_id")
        );
        assert_eq!(
            timelinejs_path("events[0].time.end", &none).as_deref(),
            Some("events[0].end_date")
        );
        assert_eq!(
            timelinejs_path("events[0].time.end", &HashSet::from([0])),
            None
        );
        assert_eq!(timelinejs_path("zone", &none).as_deref(), Some(""));
    }
}
