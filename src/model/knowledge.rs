//! What was known at a moment: only the sources published by then count. An event is
//! known once one of its dated sources (or of its status history's) is out, its status
//! is the last step of its history whose source is out, and a claim counts once its
//! source is out.

use super::entities::{SourceIx, Status};
use super::time::Instant;
use super::timeline::{Claim, EventIx, Timeline};

/// Every moment a source was published, in order, each once: the steps of time travel.
pub fn publications(tl: &Timeline) -> Vec<Instant> {
    let mut at: Vec<Instant> = tl
        .sources
        .iter()
        .filter_map(|s| s.published.map(|p| p.instant(tl.meta.zone)))
        .collect();
    at.sort_unstable();
    at.dedup();
    at
}

/// How many of the dataset's sources count at `at`, undated ones included.
pub fn sources_counting(tl: &Timeline, at: Instant) -> usize {
    (0..tl.sources.len())
        .filter(|&i| tl.counts_by(SourceIx::new(i as u32), at))
        .count()
}

/// Whether anything said of the event had been published by `at`. An event whose
/// sources are all undated is always known: nothing says when it became so.
pub fn event_known(tl: &Timeline, ix: EventIx, at: Instant) -> bool {
    let ev = tl.event(ix);
    let steps = tl
        .accounts_of(ix)
        .map(|a| &a.status_history[..])
        .unwrap_or_default();
    let sources = tl
        .event_sources(ev)
        .iter()
        .copied()
        .chain(steps.iter().map(|s| s.source));
    let mut dated = sources
        .filter(|&s| tl.source(s).published.is_some())
        .peekable();
    if dated.peek().is_none() {
        return true;
    }
    dated.any(|s| tl.counts_by(s, at))
}

/// The event's status as known at `at`: the last step of its history whose source
/// counts, else its own.
pub fn status_at(tl: &Timeline, ix: EventIx, at: Instant) -> Status {
    tl.accounts_of(ix)
        .and_then(|a| a.status_known(|s| tl.counts_by(s, at)))
        .unwrap_or(tl.event(ix).status)
}

/// For each event, the moment it became known: its earliest dated source's (or its
/// status history's), or the earliest instant for an event with no dated source. One
/// pass, so that each step of time travel is a comparison per event.
pub fn first_known(tl: &Timeline) -> Vec<Instant> {
    let zone = tl.meta.zone;
    let at: Vec<Option<Instant>> = tl
        .sources
        .iter()
        .map(|s| s.published.map(|p| p.instant(zone)))
        .collect();
    let mut first: Vec<Instant> = tl
        .events
        .iter()
        .map(|ev| {
            tl.event_sources(ev)
                .iter()
                .filter_map(|s| at[s.get()])
                .min()
                .unwrap_or(Instant::MAX)
        })
        .collect();
    for (ix, acc) in tl.accounts.iter() {
        for step in &acc.status_history {
            if let Some(t) = at[step.source.get()] {
                first[ix.get()] = first[ix.get()].min(t);
            }
        }
    }
    for f in &mut first {
        if *f == Instant::MAX {
            *f = Instant::MIN;
        }
    }
    first
}

/// Whether a claim's source was out by `at`.
pub fn claim_known(tl: &Timeline, claim: &Claim, at: Instant) -> bool {
    tl.counts_by(claim.source, at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load_bundled;
    use crate::model::accounts::Published;

    fn moment(tl: &Timeline, text: &str) -> Instant {
        Published::parse(text)
            .expect("a moment")
            .instant(tl.meta.zone)
    }

    #[test]
    fn the_week_unfolds_as_it_was_reported() {
        let tl = load_bundled().expect("bundled");
        let id = |id: &str| tl.event_by_id(id).expect(id);
        let (thursday, weekend) = (id("miami-thursday"), id("miami-weekend"));
        let wednesday = moment(&tl, "2025-12-03T12:00-05:00");
        assert!(event_known(&tl, id("kremlin-putin"), wednesday));
        assert!(!event_known(&tl, thursday, wednesday));
        assert!(!event_known(&tl, weekend, wednesday));
        let thursday_morning = moment(&tl, "2025-12-04T09:00-05:00");
        assert!(event_known(&tl, thursday, thursday_morning));
        assert_eq!(status_at(&tl, thursday, thursday_morning), Status::Expected);
        let friday = moment(&tl, "2025-12-05T09:00-05:00");
        assert_eq!(status_at(&tl, thursday, friday), Status::Held);
        assert!(event_known(&tl, weekend, friday));
        assert_eq!(status_at(&tl, weekend, friday), Status::Expected);
        assert!(!event_known(&tl, id("zelensky-call"), friday));
        let saturday = moment(&tl, "2025-12-06T12:00-05:00");
        assert!(event_known(&tl, id("zelensky-call"), saturday));
    }

    #[test]
    fn first_known_agrees_with_event_known_at_every_step() {
        let tl = load_bundled().expect("bundled");
        let first = first_known(&tl);
        for at in publications(&tl) {
            assert_eq!(first.len(), tl.events.len());
            for (i, &known) in first.iter().enumerate() {
                let ix = EventIx::new(i as u32);
                assert_eq!(
                    known <= at,
                    event_known(&tl, ix, at),
                    "{}",
                    tl.event(ix).id()
                );
            }
        }
    }

    #[test]
    fn publications_are_the_steps_in_order() {
        let tl = load_bundled().expect("bundled");
        let steps = publications(&tl);
        assert!(steps.windows(2).all(|w| w[0] < w[1]));
        // Sputnik's item at 00:21 GMT on the 6th is Friday evening in Miami: a step of
        // its own between Friday's and Saturday's.
        let sputnik = moment(&tl, "2025-12-06T00:21Z");
        let k = steps.iter().position(|&s| s == sputnik).expect("a step");
        assert_eq!(steps[k - 1], moment(&tl, "2025-12-05T00:00-05:00"));
        assert_eq!(steps[k + 1], moment(&tl, "2025-12-06T00:00-05:00"));
        assert!(sources_counting(&tl, steps[0]) < sources_counting(&tl, sputnik));
    }
}
