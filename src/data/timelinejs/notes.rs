//! Notes on a TimelineJS import (what was ignored, renamed or dropped, and why), and
//! what a slide's media says: the quotation it carries, the group as shown.

use std::collections::HashMap;
use std::fmt::Display;

use super::{RawDate, RawMedia, RawSlide};
use crate::data::html;
use crate::data::native;
use crate::model::note::Note;

/// Notes given as (JSON path, message), placed at line:column in `text`, in file order.
pub(super) fn placed_notes(name: &str, text: &str, notes: Vec<(String, String)>) -> Vec<Note> {
    if notes.is_empty() {
        return Vec::new();
    }
    native::located(name, text, notes)
        .problems
        .into_iter()
        .map(|p| Note {
            line: p.line,
            column: p.column,
            path: p.path,
            message: p.message,
        })
        .collect()
}

/// Notes on the keys of a date that TimelineJS does not read there (a `thumbnail`
/// copied into a date): ignored, as TimelineJS ignores them.
pub(super) fn note_date_keys(notes: &mut Vec<(String, String)>, path: &dyn Display, d: &RawDate) {
    for key in d.other.keys() {
        notes.push((
            format!("{path}.{}", json_key(key)),
            format!("ignored `{key}`: TimelineJS does not read it in a date"),
        ));
    }
}

/// Notes on a slide's keys parley does not read.
pub(super) fn note_slide_keys(
    notes: &mut Vec<(String, String)>,
    path: &dyn Display,
    slide: &RawSlide,
) {
    for key in slide.other.keys() {
        let why = match key.as_str() {
            "background" => "dropped the background: parley shows no slide backgrounds".to_string(),
            // A display setting: nothing shown is lost.
            "autolink" => continue,
            _ => format!("ignored `{key}`: TimelineJS does not read it in a slide"),
        };
        notes.push((format!("{path}.{}", json_key(key)), why));
    }
}

/// A key as a step of a JSON path: plain when it is a word, quoted otherwise.
fn json_key(key: &str) -> String {
    if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        key.to_string()
    } else {
        format!("[{}]", serde_json::Value::from(key))
    }
}

/// Gives each slide the id TimelineJS gives it: a given id already used by an earlier
/// slide becomes `id-N`, N one more than the ids `id` and `id-M` already taken
/// (TimelineJS's `ensureUniqueKey`). The renamings are noted.
pub(super) fn unique_ids(given: &mut [Option<String>], notes: &mut Vec<(String, String)>) {
    let mut first: HashMap<String, usize> = HashMap::new();
    // How many taken ids are `root` or `root-N`, by root.
    let mut family: HashMap<String, usize> = HashMap::new();
    let root_of = |id: &str| -> String {
        match id.rsplit_once('-') {
            Some((root, n))
                if !root.is_empty() && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) =>
            {
                root.to_string()
            }
            _ => id.to_string(),
        }
    };
    for (i, slot) in given.iter_mut().enumerate() {
        let Some(id) = slot.clone() else { continue };
        let id = if let Some(&j) = first.get(&id) {
            let similar = family.get(&id).copied().unwrap_or(0);
            let mut candidate = format!("{id}-{}", similar + 1);
            let mut counter = similar;
            while first.contains_key(&candidate) {
                candidate = format!("{id}-{counter}");
                counter += 1;
            }
            notes.push((
                format!("events[{i}].unique_id"),
                format!(
                    "renamed '{id}' to '{candidate}': events[{j}] already has that id (TimelineJS renames it so)"
                ),
            ));
            *slot = Some(candidate.clone());
            candidate
        } else {
            id
        };
        *family.entry(root_of(&id)).or_insert(0) += 1;
        first.insert(id, i);
    }
}

/// The quotation a slide's media carries as HTML in its `url` (a blockquote, an
/// embedded post): its words in quotation marks, then its attribution from the credit
/// (or the embed's own) and its caption, and its links.
pub(super) fn quotation(m: &RawMedia) -> Option<(String, Vec<html::Link>)> {
    let url = m.url.as_deref()?.trim();
    if !url.starts_with('<') {
        return None;
    }
    let quoted = html::to_plain(url);
    if quoted.text.trim().is_empty() {
        return None;
    }
    let credit = html::to_plain(m.credit.as_deref().unwrap_or("")).one_line();
    let mut lines: Vec<&str> = quoted.text.lines().collect();
    // An embed's last line is often its own attribution ("— Name (@handle) date").
    let own = lines
        .last()
        .filter(|l| lines.len() > 1 && (l.starts_with('—') || l.starts_with('-')))
        .map(|l| l.trim_start_matches(['—', '-', ' ']).to_string());
    if own.is_some() {
        lines.pop();
    }
    let words = lines.join("\n");
    let by = match (credit.trim(), own) {
        ("", Some(own)) => own,
        ("", None) => String::new(),
        (credit, _) => credit.to_string(),
    };
    let mut text = format!("“{}”", words.trim().trim_matches(['“', '”', '"']));
    if !by.is_empty() {
        text.push_str(&format!("\n— {by}"));
    }
    // TimelineJS shows the caption under the quotation: it says when and to whom.
    let caption = html::to_plain(m.caption.as_deref().unwrap_or("")).one_line();
    if !caption.trim().is_empty() && caption.trim() != by {
        text.push_str(&format!("\n{}", caption.trim()));
    }
    Some((text, quoted.links))
}

/// A group as TimelineJS shows it: plain text (TimelineJS strips its markup).
pub(super) fn group_name(g: &str) -> String {
    html::to_plain(g).one_line().trim().to_string()
}
