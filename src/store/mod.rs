//! The compact representation of a timeline's events, and how a loader fills it.
//!
//! A million events are kept in a few large allocations: each event is a record of
//! offsets ([`Event`]) into text chunks many events share and into one flat list of
//! each kind ([`EventLists`]); they stay where they were read, found through their
//! time order ([`Events`]). Loading is shared between two threads and asks the system
//! for memory in bulk ([`memory`]). None of this changes what a timeline says, only
//! how fast it loads and how much memory it holds.

mod build;
pub mod events;
mod index;
mod lists;
pub mod memory;
mod order;
mod record;
mod text;
mod threads;

pub(crate) use build::assemble;
pub use events::{Events, Stored};
pub use index::Indexes;
pub use lists::{EventLists, ListRange, append};
pub use order::{EarlyOrder, IdOrder, chronological_order, id_prefix};
pub use record::{Claim, Event, EventStrings};
pub use text::{EventText, Text, TextChunks, TextRange};
pub use threads::{PARALLEL_FROM, join};

/// A position or length as stored: 32 bits, saturated.
fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
