//! The file reader that reads a window at a time against the one that reads the text
//! whole: whatever the bytes, when the first gives a timeline the second gives the
//! same one, and when it gives up the second has the last word (with its messages).

use std::io::Write;

use parley::data::native::load_str;
use parley::data::{self, BUNDLED, stream};
use parley::synthetic;
use proptest::prelude::*;

/// Reads `bytes` both ways; the fast reader's answer, checked against the other's.
fn both(bytes: &[u8]) -> Option<parley::model::timeline::Timeline> {
    let mut f = tempfile::NamedTempFile::new().expect("a temporary file");
    f.write_all(bytes).expect("written");
    let streamed = stream::load(f.path(), &mut |_| {});
    // And split between two threads at every size: the same answer.
    let split = stream::load_split_from(f.path(), 1, &mut |_| {});
    assert!(split == streamed, "one thread and two disagree");
    if let Some(tl) = &streamed {
        let text =
            data::decode("x", bytes.to_vec()).unwrap_or_else(|e| panic!("streamed, but: {e}"));
        let whole = load_str("x", &text).unwrap_or_else(|e| panic!("streamed, but: {e}"));
        assert!(*tl == whole, "the two readers disagree");
    }
    streamed
}

/// A small valid dataset to damage: the bundled one and a generated one.
fn sources() -> Vec<Vec<u8>> {
    vec![
        BUNDLED.as_bytes().to_vec(),
        synthetic::dataset(40, 9).into_bytes(),
    ]
}

#[test]
fn sound_files_take_the_fast_road() {
    for source in sources() {
        assert!(both(&source).is_some(), "a sound file was read whole");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// One byte changed, removed or added anywhere: both readers agree, or the fast
    /// one steps aside.
    #[test]
    fn damaged_files_read_the_same_or_are_left_to_the_whole_reader(
        which in 0usize..2,
        at in any::<prop::sample::Index>(),
        edit in 0u8..3,
        byte in prop::sample::select(vec![b'"', b'\\', b',', b'{', b'}', b'[', b']', b':', b' ', b'a', b'0', b'\n', 0xC3, 0x07]),
    ) {
        let mut bytes = sources().swap_remove(which);
        let i = at.index(bytes.len());
        match edit {
            0 => bytes[i] = byte,
            1 => { bytes.remove(i); }
            _ => bytes.insert(i, byte),
        }
        both(&bytes);
    }
}
