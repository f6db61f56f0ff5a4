//! Taking in a reloaded file while keeping the user's place (by id, not index).

use std::sync::Arc;

use super::*;

/// A target by id, which survives a reload; an index does not.
enum TargetId {
    Event(String),
    Person(String),
    Topic(String),
    Place(String),
}

/// None for a web address, which is never a subject.
fn target_id(tl: &Timeline, t: Target) -> Option<TargetId> {
    Some(match t {
        Target::Event(e) => TargetId::Event(tl.event(e).id().to_string()),
        Target::Person(p) => TargetId::Person(tl.person(p).id.to_string()),
        Target::Topic(x) => TargetId::Topic(tl.topic(x).id.to_string()),
        Target::Place(p) => TargetId::Place(tl.place(p).id.to_string()),
        Target::Web(_) => return None,
    })
}

fn find_target(tl: &Timeline, id: &TargetId) -> Option<Target> {
    match id {
        TargetId::Event(id) => tl.event_by_id(id).map(Target::Event),
        TargetId::Person(id) => tl.person_by_id(id).map(Target::Person),
        TargetId::Topic(id) => tl.topic_by_id(id).map(Target::Topic),
        TargetId::Place(id) => tl.place_by_id(id).map(Target::Place),
    }
}

/// A filter value by id, likewise.
enum FilterId {
    Side(String),
    Participant(String),
    Topic(String),
    Status(crate::model::timeline::Status),
    Place(String),
}

fn filter_id(tl: &Timeline, v: filter::FilterValue) -> FilterId {
    use filter::FilterValue as F;
    match v {
        F::Side(p) => FilterId::Side(tl.party(p).id.to_string()),
        F::Participant(p) => FilterId::Participant(tl.person(p).id.to_string()),
        F::Topic(t) => FilterId::Topic(tl.topic(t).id.to_string()),
        F::Status(s) => FilterId::Status(s),
        F::Place(p) => FilterId::Place(tl.place(p).id.to_string()),
    }
}

fn find_filter(tl: &Timeline, id: &FilterId) -> Option<filter::FilterValue> {
    use filter::FilterValue as F;
    match id {
        FilterId::Side(id) => tl.party_by_id(id).map(F::Side),
        FilterId::Participant(id) => tl.person_by_id(id).map(F::Participant),
        FilterId::Topic(id) => tl.topic_by_id(id).map(F::Topic),
        FilterId::Status(s) => Some(F::Status(*s)),
        FilterId::Place(id) => tl.place_by_id(id).map(F::Place),
    }
}

/// Takes what a reload of the file found: new data keeps the view, the selection
/// (by id), the filters and the scroll; a broken or missing file keeps the old data;
/// a check under way says so until its result comes.
pub(super) fn reloaded(app: &mut App, outcome: Reload) {
    app.file.checking = matches!(outcome, Reload::Checking);
    match outcome {
        Reload::Checking => {
            // Until the check ends, what is shown is the last version that loaded.
            let shown = if app.file.problems.is_empty() {
                ""
            } else {
                " · showing the last good version"
            };
            app.file.note = Some(format!("checking the changed file…{shown}"));
            app.status = None;
        }
        Reload::Loaded(timeline) => {
            // The action held the only reference: no copy is made.
            let timeline = Arc::try_unwrap(timeline).unwrap_or_else(|shared| (*shared).clone());
            replace_timeline(app, timeline);
            app.file.problems.clear();
            app.file.problems_view = None;
            app.file.note = None;
            app.status = Some(match &app.changes {
                Some(c) if !c.lines.is_empty() => {
                    let key = app
                        .keymap
                        .keys_of(Mode::Normal, &Action::ChangesToggle)
                        .first()
                        .map(|k| format!(" · {} lists them", super::super::keymap::label(k)))
                        .unwrap_or_default();
                    format!("reloaded: {}{key}", c.summary)
                }
                _ => "reloaded".into(),
            });
        }
        Reload::Invalid(err) => {
            app.file.problems = err.to_string().lines().map(str::to_string).collect();
            let first = app.file.problems.first().cloned().unwrap_or_default();
            let more = match app.file.problems.len() {
                1 => String::new(),
                n => format!(" (and {} more: ! lists them)", n - 1),
            };
            app.file.note = Some(format!("{first}{more} · showing the last good version"));
            app.status = None;
        }
        Reload::Missing => {
            app.file.note = Some(
                "the file is gone · showing the last loaded version until it comes back".into(),
            );
            app.status = None;
        }
    }
}

/// Swaps in a new timeline, carrying over everything the user set up by id.
fn replace_timeline(app: &mut App, timeline: Timeline) {
    app.axis.layout = None;
    app.nav.detail_doc = None;
    let old = &app.timeline;
    let selected: Vec<Option<TargetId>> = View::ALL
        .iter()
        .map(|v| app.subject_of(*v).and_then(|t| target_id(old, t)))
        .collect();
    let history: Vec<(crate::app::Location, Option<TargetId>)> = app
        .nav
        .history
        .iter()
        .map(|l| (*l, l.subject.and_then(|t| target_id(old, t))))
        .collect();
    let filters: Vec<FilterId> = app
        .filters
        .active
        .on
        .iter()
        .map(|v| filter_id(old, *v))
        .collect();
    let zone = app.zone();
    let was_custom_zone = !old.places.iter().any(|p| p.zone == zone)
        && zone != old.meta.zone
        && zone != chrono_tz::Tz::UTC;

    app.changes = super::super::changes::after_reload(old, &timeline, app.changes.take());
    app.timeline = timeline;
    app.longest = crate::app::longest_event(&app.timeline);
    app.publications = crate::model::knowledge::publications(&app.timeline);
    app.first_known = None;
    let tl = &app.timeline;
    let (zones, _) = crate::app::zones_for(tl, was_custom_zone.then_some(zone));
    app.zone = zones.iter().position(|z| *z == zone).unwrap_or(0);
    app.zones = zones;
    app.people_order = crate::app::people_order_for(tl);
    app.filters.active.on = filters.iter().filter_map(|f| find_filter(tl, f)).collect();
    app.nav.history = history
        .iter()
        .filter_map(|(loc, id)| match id {
            Some(id) => find_target(&app.timeline, id).map(|t| crate::app::Location {
                subject: Some(t),
                ..*loc
            }),
            None => Some(*loc),
        })
        .collect();
    let current_view = app.nav.view;
    // The filter menu lists the new file's values, all of them.
    if let Some(menu) = app.filters.menu.as_mut() {
        menu.narrow.clear();
        menu.typing = false;
        menu.relist(&app.timeline);
    }
    refilter(app);
    for (i, view) in View::ALL.iter().enumerate() {
        // The axis shares the timeline's selection.
        if *view == View::Axis {
            continue;
        }
        let len = app.list_len(*view);
        let found = selected[i]
            .as_ref()
            .and_then(|id| find_target(&app.timeline, id));
        let sel = found.and_then(|t| app.position_in_list(t));
        let c = &mut app.nav.cursors[view_index(*view)];
        c.sel = sel.unwrap_or(c.sel).min(len.saturating_sub(1));
        c.top = c.top.min(c.sel);
        app.nav.view = *view;
        rows::scroll_into_view(app);
    }
    app.nav.view = current_view;
    let (w, _) = detail_size(app);
    let links = detail::document(app, w).links.len();
    if app.nav.link.is_some_and(|l| l >= links) {
        app.nav.link = None;
    }
    clamp_detail_scroll(app);
    search::recount(app);
}
