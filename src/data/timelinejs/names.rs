//! Names the TimelineJS format leaves out: ids for slides without one, the sources made
//! from media and links, the title of a file without a title slide.

use std::collections::{HashMap, HashSet};

use super::RawMedia;
use crate::data::html;
use crate::data::native::RawSource;
use crate::model::time::{Precision, TimePoint, year_expression};

/// Ids made from names: lower case letters and digits joined by single hyphens, at
/// most `max` characters, cut between words where it can.
pub(super) fn slug(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut count = 0;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if count >= max {
                if let Some(cut) = out.rfind('-') {
                    out.truncate(cut);
                }
                break;
            }
            for lower in c.to_lowercase() {
                out.push(lower);
                count += 1;
            }
        } else if !out.is_empty() && !out.ends_with('-') {
            if count >= max {
                break;
            }
            out.push('-');
            count += 1;
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Hands out ids that are not taken yet: `base`, `base-2`, `base-3`, ...
#[derive(Default)]
pub(super) struct Ids {
    taken: HashSet<String>,
    /// The next number to try after each base: ten thousand slides with one headline
    /// then cost ten thousand tries, not fifty million.
    next: HashMap<String, u32>,
}

impl Ids {
    /// Hands out ids other than `given`.
    pub(super) fn taking(given: impl IntoIterator<Item = String>) -> Ids {
        Ids {
            taken: given.into_iter().collect(),
            next: HashMap::new(),
        }
    }

    pub(super) fn fresh(&mut self, base: &str) -> String {
        if self.taken.insert(base.to_string()) {
            return base.to_string();
        }
        let n = self.next.entry(base.to_string()).or_insert(2);
        loop {
            let id = format!("{base}-{n}");
            *n += 1;
            if self.taken.insert(id.clone()) {
                return id;
            }
        }
    }
}

/// The sources of the dataset, one per distinct name and address.
#[derive(Default)]
pub(super) struct Sources {
    pub(super) list: Vec<RawSource>,
    by_key: HashMap<(String, Option<String>), String>,
    ids: Ids,
}

impl Sources {
    fn add(&mut self, name: &str, url: Option<&str>) -> Option<String> {
        let name = name.trim();
        let url = url.map(str::trim).filter(|u| !u.is_empty());
        let name = if name.is_empty() { url? } else { name };
        let key = (name.to_string(), url.map(str::to_string));
        if let Some(id) = self.by_key.get(&key) {
            return Some(id.clone());
        }
        let base = slug(name, 40);
        let id = self
            .ids
            .fresh(if base.is_empty() { "source" } else { &base });
        self.list.push(RawSource {
            id: id.clone(),
            name: name.to_string(),
            kind: "reference".into(),
            url: url.map(str::to_string),
            published: None,
        });
        self.by_key.insert(key, id.clone());
        Some(id)
    }

    /// The slide's media (credit and caption, with its address) and the links of its
    /// text; their ids.
    pub(super) fn of_slide(
        &mut self,
        media: Option<&RawMedia>,
        links: &[html::Link],
    ) -> Vec<String> {
        let mut ids = Vec::new();
        if let Some(m) = media {
            let plain = |s: &Option<String>| html::to_plain(s.as_deref().unwrap_or("")).one_line();
            // The credit is the source's own name, wherever the address points; without
            // one, the caption or the title describes it.
            let name = [plain(&m.credit), plain(&m.caption), plain(&m.title)]
                .into_iter()
                .find(|s| !s.is_empty())
                .unwrap_or_default();
            // The media's address (`//host/...` is https, as a browser reads it), else
            // the link in its credit (a quotation's article).
            let credit_link = html::to_plain(m.credit.as_deref().unwrap_or(""))
                .links
                .first()
                .map(|l| l.href.clone());
            let url = [m.url.as_deref(), m.link.as_deref(), credit_link.as_deref()]
                .into_iter()
                .flatten()
                .map(|u| match u.trim() {
                    u if u.starts_with("//") => format!("https:{u}"),
                    u => u.to_string(),
                })
                .find(|u| u.starts_with("https://") || u.starts_with("http://"));
            if let Some(id) = self.add(&name, url.as_deref()) {
                ids.push(id);
            }
        }
        for link in links {
            let name = if link.label.is_empty() || link.label == link.href {
                &link.href
            } else {
                &link.label
            };
            if let Some(id) = self.add(name, Some(&link.href))
                && !ids.contains(&id)
            {
                ids.push(id);
            }
        }
        ids
    }
}

/// "2025-12-04", "2025-12" or "2025": the date part of a generated id.
pub(super) fn id_date(p: &TimePoint) -> String {
    let year = year_expression(p.year());
    match p.precision {
        Precision::Year => year,
        Precision::Month => format!("{year}-{}", p.date.format("%m")),
        _ => format!("{year}-{}", p.date.format("%m-%d")),
    }
}

/// The title of a file without one: its name without folders and extension.
pub(super) fn fallback_title(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = base.rsplit_once('.').map_or(base, |(stem, _)| stem);
    if stem.trim().is_empty() {
        "TimelineJS timeline".into()
    } else {
        stem.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Witkoff meets Umerov!", 48), "witkoff-meets-umerov");
        assert_eq!(slug("  --  ", 48), "");
        assert_eq!(slug("Умеров, Kyiv", 48), "умеров-kyiv");
        assert_eq!(slug("abcdef", 3), "abc");
        assert_eq!(slug("the envoys at the Kremlin", 20), "the-envoys-at-the");
    }

    #[test]
    fn fresh_ids_skip_what_is_taken() {
        let mut ids = Ids::taking(["a-3".to_string()]);
        let got: Vec<String> = (0..4).map(|_| ids.fresh("a")).collect();
        assert_eq!(got, ["a", "a-2", "a-4", "a-5"]);
        assert_eq!(ids.fresh("a-2"), "a-2-2");
        assert_eq!(ids.fresh("b"), "b");
    }
}
