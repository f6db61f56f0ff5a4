//! The compact representation of a timeline's events, and how a loader fills it.
//!
//! A million events are kept in a few large allocations: each event is a record of
//! offsets ([`Event`]) into text chunks many events share and into one flat list of
//! each kind (`EventLists`); they stay where they were read, found through their
//! time order ([`Events`]). Loading is shared between two threads and asks the system
//! for memory in bulk (`memory.rs`). None of this changes what a timeline says, only
//! how fast it loads and how much memory it holds.

mod build;
mod events;
mod index;
mod lists;
mod memory;
mod order;
mod record;
mod text;
mod threads;

pub use build::{Builder, DraftClaim, DraftEvent, Ids};
pub use events::Events;
pub(crate) use index::Indexes;
pub(crate) use lists::EventLists;
pub use lists::ListRange;
pub(crate) use memory::{fresh_heap_for_rereading, give_back_freed_memory};
pub use record::{Claim, Event};
pub use text::TextRange;
pub use threads::PARALLEL_FROM;

/// A position or length as stored: 32 bits, saturated.
fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
