//! Any bytes as a dataset file: decoding, parsing, validation, and then describing
//! every event and printing the agenda must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use parley::agenda::{self, Days};
use parley::data::{decode, native};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = decode("fuzz.json", data.to_vec()) else {
        return;
    };
    match native::load_str("fuzz.json", &text) {
        Ok(tl) => {
            let mut out = Vec::new();
            for zone in [tl.meta.zone, chrono_tz::UTC, chrono_tz::Pacific::Kiritimati] {
                let _ = agenda::write(&mut out, &tl, zone, Days::default());
            }
            for e in 0..tl.events.len() {
                let _ = tl.related_to(parley::model::timeline::EventIx::new(e as u32));
            }
            for p in 0..tl.participants.len() {
                let _ = tl.met(parley::model::timeline::PersonIx::new(p as u32));
            }
        }
        Err(e) => {
            let shown = e.to_string();
            assert!(!shown.contains('\u{1b}'), "an escape reached an error message");
        }
    }
});
