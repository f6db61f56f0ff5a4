//! Any bytes as a dataset file, read a window at a time (in one thread and split
//! between two) and read whole: when the window reader gives a timeline, the whole-file
//! reader gives the same one.
#![no_main]

use std::io::Write;

use libfuzzer_sys::fuzz_target;
use parley::data::{decode, native, stream};

fuzz_target!(|data: &[u8]| {
    let path = std::env::temp_dir().join(format!("parley-fuzz-stream-{}.json", std::process::id()));
    let Ok(mut file) = std::fs::File::create(&path) else {
        return;
    };
    if file.write_all(data).is_err() {
        return;
    }
    drop(file);
    let one = stream::load(&path, &mut |_| {});
    let two = stream::load_split_from(&path, 1, &mut |_| {});
    assert!(one == two, "one thread and two disagree");
    if let Some(tl) = one {
        let text = decode("fuzz.json", data.to_vec()).expect("streamed, so UTF-8");
        let whole = native::load_str("fuzz.json", &text).expect("streamed, so valid");
        assert!(tl == whole, "the window reader and the whole-file reader disagree");
    }
});
