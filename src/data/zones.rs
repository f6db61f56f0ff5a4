//! The readings of local times a loader has looked up, kept for the events after: many
//! events of a file share their readings (a day's midnight, the start of an evening),
//! and looking one up in a zone's transitions costs a search (keeping them saved about
//! 2.7 % of the instructions of a load). Each reading thread owns one [`ZoneReadings`].

use chrono::NaiveDateTime;
use chrono_tz::Tz;

use crate::model::time::{Instant, Readings, look_up};

type Slot = Option<(Tz, NaiveDateTime, Option<(Instant, Instant)>)>;

const SLOTS: usize = 1 << 10;

/// The last readings looked up, a slot for each, the slot chosen by the reading. What is
/// kept is what the lookup gives, so a reading found here is the same as one looked up.
#[derive(Default)]
pub(crate) struct ZoneReadings {
    /// Empty until the first reading: an unused cache costs no allocation, and taking
    /// one out of its owner for a while costs nothing.
    kept: Vec<Slot>,
}

impl Readings for ZoneReadings {
    fn readings(&mut self, zone: Tz, local: NaiveDateTime) -> Option<(Instant, Instant)> {
        if self.kept.is_empty() {
            self.kept = vec![None; SLOTS];
        }
        let seconds = local.and_utc().timestamp().cast_unsigned();
        let mixed = (seconds ^ (u64::from(zone as u32) << 40)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let slot = (mixed >> (64 - SLOTS.trailing_zeros())) as usize;
        let kept = &mut self.kept[slot];
        match *kept {
            Some((z, l, found)) if z == zone && l == local => found,
            _ => {
                let found = look_up(zone, local);
                *kept = Some((zone, local, found));
                found
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reading kept from before gives what a lookup gives: over more readings than
    /// there are slots (so that slots are shared and taken over), in zones with and
    /// without daylight saving, across their changes (gaps and repeated hours).
    #[test]
    fn kept_readings_are_the_readings() {
        use chrono::NaiveDate;
        let zones: [chrono_tz::Tz; 4] = [
            chrono_tz::America::New_York,
            chrono_tz::Europe::Moscow,
            chrono_tz::Australia::Lord_Howe,
            chrono_tz::UTC,
        ];
        let start = NaiveDate::from_ymd_opt(2025, 3, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .expect("a date");
        let (mut gaps, mut repeats) = (0, 0);
        let mut kept_readings = ZoneReadings::default();
        // Twice: the second time, other readings have taken many of the slots.
        for round in 0..2 {
            for zone in zones {
                // Every half hour for 300 days: the spring and autumn changes of both
                // hemispheres, and Lord Howe's half-hour ones.
                for step in 0..300 * 48 {
                    let local = start + chrono::Duration::minutes(30 * step);
                    let kept = kept_readings.readings(zone, local);
                    let looked_up = look_up(zone, local);
                    assert_eq!(kept, looked_up, "{zone} {local} (round {round})");
                    // Now found where it was kept.
                    assert_eq!(
                        kept_readings.readings(zone, local),
                        kept,
                        "{zone} {local} again"
                    );
                    match kept {
                        None => gaps += 1,
                        Some((a, b)) if a != b => repeats += 1,
                        _ => {}
                    }
                }
            }
        }
        assert!(gaps > 0 && repeats > 0, "{gaps} gaps, {repeats} repeats");
    }
}
