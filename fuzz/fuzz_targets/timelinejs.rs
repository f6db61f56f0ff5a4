//! Any bytes as a TimelineJS file: decoding, parsing, HTML conversion and validation must
//! never panic and problems always say where; what loads must print, export without a
//! raw control character, and come back unchanged from its JSON export.
#![no_main]

use libfuzzer_sys::fuzz_target;
use parley::agenda::{self, Days};
use parley::data::export::{ExportFormat, ExportOptions, export, markdown::Flavor};
use parley::data::{decode, native, timelinejs};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = decode("fuzz.json", data.to_vec()) else {
        return;
    };
    for zone in [None, Some(chrono_tz::America::New_York)] {
        match timelinejs::load_str("fuzz.json", &text, zone) {
            Ok(tl) => {
                let mut out = Vec::new();
                let _ = agenda::write(&mut out, &tl, tl.meta.zone, Days::default());
                let options = ExportOptions {
                    zone: tl.meta.zone,
                    stamp: 1_764_979_200,
                    flavor: Flavor::default(),
                };
                for format in [
                    ExportFormat::Ics,
                    ExportFormat::Markdown,
                    ExportFormat::Json,
                ] {
                    let written = export(&tl, format, &options);
                    assert!(
                        !written
                            .chars()
                            .any(|c| c.is_control() && c != '\n' && c != '\r'),
                        "a control character in the {format:?} export"
                    );
                }
                let json = export(&tl, ExportFormat::Json, &options);
                match native::load_str("export.json", &json) {
                    Ok(again) => assert!(again == tl, "the JSON export reads back differently"),
                    Err(e) => panic!("the JSON export does not load: {e}\n{json}"),
                }
            }
            Err(e) => {
                assert!(!e.problems.is_empty());
                for p in &e.problems {
                    assert!(p.line >= 1 || p.path.is_empty(), "{p:?}");
                }
                let shown = e.to_string();
                assert!(
                    !shown.contains('\u{1b}'),
                    "an escape reached an error message"
                );
            }
        }
    }
});
