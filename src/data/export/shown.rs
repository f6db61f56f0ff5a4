//! The timeline as it is shown, for the exports that are read rather than loaded: a
//! calendar and a briefing carry text as the viewer shows it ([`crate::model::text`]'s
//! rule), while the JSON export keeps every character as written.

use std::borrow::Cow;

use super::json;
use crate::data::native::{RawDataset, validate};
use crate::model::text::{clean_line, clean_text};
use crate::model::timeline::Timeline;

/// `tl` with every string as shown; `tl` itself when nothing in it changes (or, should
/// shown ids collide, when the shown copy would not be a dataset: the writers drop
/// control characters in any case).
pub fn shown(tl: &Timeline) -> Cow<'_, Timeline> {
    if !any_changes(tl) {
        return Cow::Borrowed(tl);
    }
    let mut raw = json::to_raw(tl);
    if !neutralise(&mut raw) {
        return Cow::Borrowed(tl);
    }
    match validate(raw) {
        Ok(shown) => Cow::Owned(shown),
        Err(_) => Cow::Borrowed(tl),
    }
}

/// Whether any string of `tl` is shown other than as it is: looked at in place, so
/// that the usual dataset is not copied.
fn any_changes(tl: &Timeline) -> bool {
    let line = |s: &str| matches!(clean_line(s), Cow::Owned(_));
    let text = |s: &str| matches!(clean_text(s), Cow::Owned(_));
    let m = &tl.meta;
    line(&m.title)
        || text(&m.description)
        || tl.parties.iter().any(|p| line(&p.id) || line(&p.name))
        || tl
            .participants
            .iter()
            .any(|p| line(p.id) || line(p.name) || line(p.role) || text(p.note))
        || tl.places.iter().any(|p| line(&p.id) || line(&p.name))
        || tl.topics.iter().any(|t| line(&t.id) || line(&t.name))
        || tl
            .sources
            .iter()
            .any(|s| line(&s.id) || line(&s.name) || s.url.as_deref().is_some_and(line))
        || tl.roles.iter().any(|r| line(r))
        || tl.events.iter().any(|e| {
            line(e.id())
                || line(e.title())
                || text(e.summary())
                || e.reported().is_some_and(text)
                || e.outcomes().any(text)
                || tl
                    .claims(e)
                    .iter()
                    .any(|c| line(e.speaker(c)) || text(e.said(c)))
        })
}

/// [`clean_line`] or [`clean_text`].
type Clean = fn(&str) -> Cow<'_, str>;

/// Shows every string of `raw` by the rule; whether any changed.
fn neutralise(raw: &mut RawDataset) -> bool {
    let mut changed = false;
    let mut show = |s: &mut String, clean: Clean| {
        if let Cow::Owned(shown) = clean(s) {
            *s = shown;
            changed = true;
        }
    };
    let (line, text): (Clean, Clean) = (clean_line, clean_text);
    show(&mut raw.title, line);
    show(&mut raw.description, text);
    for p in &mut raw.parties {
        show(&mut p.id, line);
        show(&mut p.name, line);
    }
    for p in &mut raw.participants {
        show(&mut p.id, line);
        show(&mut p.name, line);
        show(&mut p.role, line);
        show(&mut p.note, text);
        p.party.iter_mut().for_each(|s| show(s, line));
    }
    for p in &mut raw.places {
        show(&mut p.id, line);
        show(&mut p.name, line);
    }
    for t in &mut raw.topics {
        show(&mut t.id, line);
        show(&mut t.name, line);
    }
    for s in &mut raw.sources {
        show(&mut s.id, line);
        show(&mut s.name, line);
        s.url.iter_mut().for_each(|u| show(u, line));
    }
    for e in &mut raw.events {
        show(&mut e.id, line);
        show(&mut e.title, line);
        show(&mut e.summary, text);
        e.time.reported.iter_mut().for_each(|r| show(r, text));
        e.place.iter_mut().for_each(|p| show(p, line));
        for a in &mut e.participants {
            show(&mut a.person, line);
            a.role.iter_mut().for_each(|r| show(r, line));
        }
        e.topics.iter_mut().for_each(|t| show(t, line));
        e.outcomes.iter_mut().for_each(|o| show(o, text));
        for c in &mut e.claims {
            c.person.iter_mut().for_each(|p| show(p, line));
            c.speaker.iter_mut().for_each(|s| show(s, line));
            c.party.iter_mut().for_each(|p| show(p, line));
            show(&mut c.text, text);
            show(&mut c.source, line);
        }
        e.relations
            .iter_mut()
            .for_each(|r| show(&mut r.event, line));
        e.sources.iter_mut().for_each(|s| show(s, line));
    }
    changed
}
