//! A map from ids to numbers, for the registry's ids: a few hundred of them, looked
//! up a dozen times for every event read (people, their roles, places, topics,
//! sources).
//!
//! An id of up to 24 bytes (most ids, and roles such as "head of delegation") is
//! packed into three words, which are hashed and compared as numbers: no string is
//! hashed byte by byte, no comparison calls out. Looked up as strings, the ids took
//! about 90 instructions a lookup, a thirteenth of all those of a load. Longer ids
//! are looked up as strings.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// The longest id kept packed.
const PACKED: usize = 24;

type FastState = foldhash::fast::RandomState;

#[derive(Clone, Default)]
pub(super) struct IdMap {
    packed: HashMap<Packed, u32, FastState>,
    /// Ids longer than [`PACKED`].
    long: HashMap<Box<str>, u32, FastState>,
}

/// An id's bytes, the rest zero, and its length: equal if and only if the ids are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Packed {
    words: [u64; 3],
    len: u8,
}

impl Hash for Packed {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let [a, b, c] = self.words;
        state.write_u64(a);
        state.write_u64(b ^ c.rotate_left(32) ^ u64::from(self.len));
    }
}

impl IdMap {
    #[inline]
    pub(super) fn get(&self, id: &str) -> Option<u32> {
        match pack(id.as_bytes()) {
            Some(key) => self.packed.get(&key).copied(),
            None => self.get_long(id),
        }
    }

    #[cold]
    #[inline(never)]
    fn get_long(&self, id: &str) -> Option<u32> {
        self.long.get(id).copied()
    }

    /// Adds `id` with `value`, unless it is there already: then its value.
    pub(super) fn insert(&mut self, id: &str, value: u32) -> Option<u32> {
        match pack(id.as_bytes()) {
            Some(key) => match self.packed.entry(key) {
                std::collections::hash_map::Entry::Occupied(old) => Some(*old.get()),
                std::collections::hash_map::Entry::Vacant(new) => {
                    new.insert(value);
                    None
                }
            },
            None => match self.long.get(id) {
                Some(&old) => Some(old),
                None => {
                    self.long.insert(id.into(), value);
                    None
                }
            },
        }
    }

    /// Every id, with its value, in no particular order.
    pub(super) fn iter(&self) -> impl Iterator<Item = (String, u32)> + '_ {
        let packed = self.packed.iter().map(|(key, &v)| {
            let bytes: Vec<u8> = key.words.iter().flat_map(|w| w.to_le_bytes()).collect();
            let id = String::from_utf8_lossy(&bytes[..usize::from(key.len)]).into_owned();
            (id, v)
        });
        packed.chain(self.long.iter().map(|(id, &v)| (id.to_string(), v)))
    }

    pub(super) fn clear(&mut self) {
        self.packed.clear();
        self.long.clear();
    }
}

/// An id of up to [`PACKED`] bytes, packed; `None` for a longer one. Each word is put
/// together from loads that may overlap, rather than byte by byte.
#[inline(always)]
fn pack(b: &[u8]) -> Option<Packed> {
    let n = b.len();
    let word = |b: &[u8]| -> u64 {
        // Up to eight bytes.
        let n = b.len();
        if n >= 4 {
            let first = u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
            let last = u64::from(u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]));
            first | last << ((n - 4) * 8)
        } else if n > 0 {
            u64::from(b[0])
                | u64::from(b[n / 2]) << (n / 2 * 8)
                | u64::from(b[n - 1]) << ((n - 1) * 8)
        } else {
            0
        }
    };
    let whole = |b: &[u8]| u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]);
    let words = match n {
        0..=8 => [word(b), 0, 0],
        9..=16 => [whole(b), word(&b[8..]), 0],
        17..=PACKED => [whole(b), whole(&b[8..]), word(&b[16..])],
        _ => return None,
    };
    Some(Packed {
        words,
        len: n as u8,
    })
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use proptest::prelude::*;

    use super::{IdMap, pack};

    /// Ids of every length up to past the packed ones, alike but for one byte, with
    /// NULs and characters of several bytes among them.
    fn ids() -> Vec<String> {
        let mut ids = Vec::new();
        for n in 0..=28 {
            let base: String = "abcdefghijklmnopqrstuvwxyz0123456789"
                .chars()
                .take(n)
                .collect();
            ids.push(base.clone());
            ids.push(format!("{base}\0"));
            ids.push(format!("\0{base}"));
            for at in 0..n {
                let mut b = base.clone().into_bytes();
                b[at] = b'Z';
                ids.push(String::from_utf8(b).expect("ASCII"));
            }
            ids.push(format!("{base}é"));
        }
        ids.push("участник-7".into());
        ids
    }

    #[test]
    fn ids_alike_are_packed_apart() {
        let ids = ids();
        for a in &ids {
            for b in &ids {
                if a.len() == b.len() && a.len() <= 24 {
                    assert_eq!(
                        pack(a.as_bytes()) == pack(b.as_bytes()),
                        a == b,
                        "{a:?} {b:?}"
                    );
                }
            }
        }
        assert_eq!(pack(&[7; 25]), None);
        assert!(pack(&[7; 24]).is_some());
    }

    #[test]
    fn each_id_finds_its_own_value() {
        let ids = ids();
        let mut map = IdMap::default();
        for (i, id) in ids.iter().enumerate() {
            let before = ids[..i].iter().position(|k| k == id).map(|k| k as u32);
            assert_eq!(map.insert(id, i as u32), before, "{id:?}");
        }
        for id in &ids {
            let first = ids.iter().position(|k| k == id).map(|k| k as u32);
            assert_eq!(map.get(id), first, "{id:?}");
        }
        for absent in [
            "abcdefghijklmnopqrstuvwxyzzz",
            "zz",
            "abcdefghijklmnoZZ",
            "abcdefgZZ",
            "\0\0",
        ] {
            assert_eq!(map.get(absent), None, "{absent:?}");
        }
        let mut listed: Vec<String> = map.iter().map(|(id, _)| id).collect();
        listed.sort();
        let mut distinct = ids.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(listed, distinct);
        map.clear();
        assert_eq!(map.iter().count(), 0);
        assert_eq!(map.get(&ids[3]), None);
        assert_eq!(IdMap::default().get("a"), None);
    }

    proptest! {
        /// The map answers as a general one does, for any ids.
        #[test]
        fn the_map_answers_as_a_hash_map_does(
            ids in proptest::collection::vec("[a-c\\x00é]{0,26}", 0..300),
            asked in proptest::collection::vec("[a-c\\x00é]{0,26}", 0..50),
        ) {
            let mut map = IdMap::default();
            let mut expected = HashMap::new();
            for (i, id) in ids.iter().enumerate() {
                let old = expected.get(id.as_str()).copied();
                prop_assert_eq!(map.insert(id, i as u32), old);
                expected.entry(id.as_str()).or_insert(i as u32);
            }
            for id in ids.iter().chain(&asked) {
                prop_assert_eq!(map.get(id), expected.get(id.as_str()).copied());
            }
            prop_assert_eq!(map.iter().count(), expected.len());
        }
    }
}
