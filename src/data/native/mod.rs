//! The native JSON format: its types as they appear in a file (`format.rs`), the
//! wording and placing of problems (`errors.rs`), the checks of ids, references and
//! roles (`check.rs`), and the reader that checks each event into the store
//! (`read.rs`), collecting every problem with its place.

mod accounts;
mod check;
mod consistency;
mod errors;
mod format;
mod read;

pub(super) use check::EventIds;
pub use consistency::consistency_notes;
#[cfg(test)]
pub(super) use errors::overlong_string_over;
pub use errors::{MAX_STRING_CHARS, Shape, located, parse, parse_json};
pub(super) use errors::{NATIVE, json_error, overlong_message, overlong_string, placed, too_long};
pub use format::*;
pub(super) use read::{Base, Builder, Part, PeopleRead};

use super::LoadError;
use super::zones::ZoneReadings;
use crate::model::timeline::Timeline;

/// Parses and validates a dataset held in memory; `name` is used in messages.
pub fn load_str(name: &str, text: &str) -> Result<Timeline, LoadError> {
    let raw = parse(name, text)?;
    validate(raw).map_err(|problems| located(name, text, problems))
}

/// Validates a dataset as read; on failure, every problem as (JSON path, message).
pub fn validate(mut raw: RawDataset) -> Result<Timeline, Vec<(String, String)>> {
    let events = std::mem::take(&mut raw.events);
    let mut builder = Builder::new(raw, None);
    let ids = builder
        .part
        .checker
        .ids("events", events.iter().map(|e| e.id.as_str()));
    let mut readings = ZoneReadings::default();
    for (i, e) in events.iter().enumerate() {
        builder.event(i, e, &mut readings);
    }
    builder.finish(EventIds::AsWritten(ids))
}
