//! TimelineJS 2 files (`{"timeline": {"date": [...], "era": [...]}}`), read into the
//! TimelineJS 3 types: each `date` a slide, `"2011,12,10"` a date's parts, `tag` its
//! group, `asset` its media. Paths of problems and notes are given back in the file's
//! own words (`timeline.date[3].startDate`).

use serde::Deserialize;
use serde_json::Value;

use super::{RawDate, RawEra, RawMedia, RawSlide, RawText, RawTimeline};

#[derive(Debug, Deserialize)]
pub struct RawFile {
    pub timeline: RawTimeline2,
}

#[derive(Debug, Deserialize)]
pub struct RawTimeline2 {
    pub headline: Option<String>,
    pub text: Option<String>,
    pub asset: Option<RawAsset>,
    #[serde(default)]
    pub date: Vec<RawDate2>,
    pub era: Option<Vec<RawDate2>>,
}

#[derive(Debug, Deserialize)]
pub struct RawDate2 {
    #[serde(rename = "startDate")]
    pub start_date: Option<Value>,
    #[serde(rename = "endDate")]
    pub end_date: Option<Value>,
    pub headline: Option<String>,
    pub text: Option<String>,
    pub tag: Option<Value>,
    pub asset: Option<RawAsset>,
}

#[derive(Debug, Deserialize)]
pub struct RawAsset {
    pub media: Option<String>,
    pub credit: Option<String>,
    pub caption: Option<String>,
}

/// Whether a text is a TimelineJS 2 file: its top level holds a `timeline` object.
pub fn is_v2(text: &str) -> bool {
    crate::data::locate::find(text, "timeline")
        .is_some_and(|at| text.as_bytes().get(at) == Some(&b'{'))
}

/// `"2011,12,10"` (or `"2011"`, `"2011,12"`, `"2011,12,10,14,30"`, or a number) as a
/// date's parts; each part is then checked as a TimelineJS 3 part is.
fn date(v: &Option<Value>) -> Option<RawDate> {
    let parts: Vec<Value> = match v.as_ref()? {
        Value::String(s) if s.trim().is_empty() => return None,
        Value::String(s) => s.split(',').map(|p| Value::from(p.trim())).collect(),
        Value::Null => return None,
        other => vec![other.clone()],
    };
    let part = |i: usize| parts.get(i).cloned();
    Some(RawDate {
        year: part(0),
        month: part(1),
        day: part(2),
        hour: part(3),
        minute: part(4),
        second: part(5),
        millisecond: None,
        display_date: None,
        format: None,
        other: serde_json::Map::new(),
    })
}

fn media(a: &Option<RawAsset>) -> Option<RawMedia> {
    a.as_ref().map(|a| RawMedia {
        url: a.media.clone(),
        caption: a.caption.clone(),
        credit: a.credit.clone(),
        title: None,
        link: None,
    })
}

fn text(headline: &Option<String>, text: &Option<String>) -> Option<RawText> {
    Some(RawText {
        headline: headline.clone(),
        text: text.clone(),
    })
}

/// The file as TimelineJS 3 would have it.
pub fn to_v3(file: RawFile) -> RawTimeline {
    let t = file.timeline;
    let title = RawSlide {
        start_date: None,
        end_date: None,
        text: text(&t.headline, &t.text),
        media: media(&t.asset),
        group: None,
        display_date: None,
        unique_id: None,
        other: serde_json::Map::new(),
    };
    let events = t
        .date
        .iter()
        .map(|d| RawSlide {
            start_date: date(&d.start_date).map(Box::new),
            end_date: date(&d.end_date).map(Box::new),
            text: text(&d.headline, &d.text),
            media: media(&d.asset),
            group: d.tag.clone(),
            display_date: None,
            unique_id: None,
            other: serde_json::Map::new(),
        })
        .collect();
    let eras = t.era.map(|eras| {
        eras.iter()
            .map(|e| RawEra {
                start_date: date(&e.start_date),
                end_date: date(&e.end_date),
                text: text(&e.headline, &e.text),
            })
            .collect()
    });
    RawTimeline {
        title: Some(title),
        events,
        eras,
        scale: None,
    }
}

/// A TimelineJS 3 path as the TimelineJS 2 file spells it.
pub fn path_in_v2(path: &str) -> String {
    let (list, rest) = if let Some(rest) = path.strip_prefix("events[") {
        ("timeline.date[", rest)
    } else if let Some(rest) = path.strip_prefix("eras[") {
        ("timeline.era[", rest)
    } else {
        return if path.is_empty() {
            "timeline".into()
        } else {
            format!("timeline.{path}")
        };
    };
    let Some((n, field)) = rest.split_once(']') else {
        return path.to_string();
    };
    // A date's parts are all in one string: the problem is with that string.
    let field = match field {
        f if f.starts_with(".start_date") => ".startDate",
        f if f.starts_with(".end_date") => ".endDate",
        ".text.headline" => ".headline",
        ".text.text" | ".text" => ".text",
        ".group" => ".tag",
        f if f.starts_with(".media") => ".asset",
        ".unique_id" => "",
        f => f,
    };
    format!("{list}{n}]{field}")
}
