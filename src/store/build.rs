//! From the events as read to a [`Timeline`]: ordered, renumbered and indexed.

use super::events::{Events, Stored};
use super::index::{
    Counts, Indexed, Indexes, MultiIndex, event_indexes, incoming_index, people_indexes,
};
use super::lists::EventLists;
use super::order::IdOrder;
use super::threads::{PARALLEL_FROM, join};
use crate::model::entities::{EventIx, Meta, Registry};
use crate::model::timeline::Timeline;

/// Orders events and builds the indexes. Relation targets in `events` refer to
/// positions in the given (file) order and are rewritten to chronological ones;
/// `by_id` lists those positions in id order, and `order` chronologically (see
/// [`super::order::chronological_order`]): both are orderings of these very events, which stay
/// where they are ([`Events`]).
pub(crate) fn assemble(
    meta: Meta,
    registry: Registry,
    events: Stored,
    mut lists: EventLists,
    by_id: IdOrder,
    order: Vec<u32>,
) -> Timeline {
    let big = events.len() >= PARALLEL_FROM;
    // Each event's new position, with the relations and the order by id renumbered
    // by it, and the keys of three indexes counted from the flat lists, beside the
    // copy of what the indexes need.
    let ((by_id, counts), indexed) = join(
        big,
        || {
            let mut new_position = vec![0u32; events.len()];
            for (new, &old) in order.iter().enumerate() {
                new_position[old as usize] = new as u32;
            }
            for r in &mut lists.relations {
                r.target = EventIx::new(new_position[r.target.get()]);
            }
            let by_id = by_id
                .positions()
                .into_iter()
                .map(|i| new_position[i as usize])
                .collect::<Vec<u32>>();
            let counts = Counts {
                people: MultiIndex::count(
                    registry.participants.len(),
                    lists.attendance.iter().map(|a| a.person.get()),
                ),
                topics: MultiIndex::count(
                    registry.topics.len(),
                    lists.topics.iter().map(|t| t.get()),
                ),
                incoming: MultiIndex::count(
                    events.len(),
                    lists.relations.iter().map(|r| r.target.get()),
                ),
            };
            (by_id, counts)
        },
        // What the indexes need of each event, in time order.
        || -> Vec<Indexed> {
            order
                .iter()
                .map(|&old| Indexed::of(&events[old as usize]))
                .collect()
        },
    );
    // The people's index, the longest, beside the others.
    let Counts {
        people,
        topics,
        incoming,
    } = counts;
    let ((incoming, (topic_events, place_events)), (person_events, party_people)) = join(
        big,
        || {
            (
                incoming_index(incoming, &indexed, &lists),
                event_indexes(topics, &registry, &indexed, &lists),
            )
        },
        || people_indexes(people, &registry, &indexed, &lists),
    );
    drop(indexed);
    Timeline::from_store(
        meta,
        registry,
        Events::new(events, order),
        lists,
        Indexes {
            by_id,
            person_events,
            party_people,
            topic_events,
            place_events,
            incoming,
        },
    )
}
