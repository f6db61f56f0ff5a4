//! What several test files share.

use parley::model::timeline::Timeline;

/// The bundled dataset with the Kremlin meeting reported as Moscow's Tuesday, a date
/// without a time: seen from New York, that day began on Monday evening.
pub fn kremlin_as_moscow_day() -> Timeline {
    let mut doc: serde_json::Value = serde_json::from_str(parley::data::BUNDLED).expect("JSON");
    for e in doc["events"].as_array_mut().expect("events") {
        if e["id"] == "kremlin-putin" {
            e["time"] = serde_json::json!({ "start": "2025-12-02", "zone": "Europe/Moscow" });
        }
    }
    parley::data::native::load_str("moscow-day.json", &doc.to_string())
        .unwrap_or_else(|e| panic!("{e}"))
}
