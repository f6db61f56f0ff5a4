//! Any text as a time expression or a duration, read in several zones and combined
//! into an event time, then described: never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use parley::model::describe::interval;
use parley::model::time::{EventTime, Span, TimePoint};

const ZONES: [chrono_tz::Tz; 4] = [
    chrono_tz::America::New_York,
    chrono_tz::Europe::Moscow,
    chrono_tz::Pacific::Apia,
    chrono_tz::America::Santiago,
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut parts = text.splitn(3, '|');
    let start = parts.next().unwrap_or_default();
    let end = parts.next();
    let duration = parts.next();
    let _ = Span::parse(text);
    let Ok(start) = TimePoint::parse(start) else {
        return;
    };
    let end = end.and_then(|e| TimePoint::parse(e).ok());
    let duration = duration.and_then(|d| Span::parse(d).ok());
    for zone in ZONES {
        if let Ok((lo, hi)) = start.bounds(zone) {
            for shown in ZONES {
                let _ = interval(lo, hi, shown, Some(&start));
            }
        }
        if let Ok(t) = EventTime::new(zone, start, end, duration) {
            let b = t.bounds;
            assert!(b.start_earliest <= b.start_latest);
            if let Some(hi) = b.end_latest() {
                assert!(b.end_earliest <= hi, "end bounds inverted");
                let _ = interval(b.end_earliest, hi, zone, None);
            }
        }
    }
});
