//! The checks of a dataset's ids: duplicates, references to unknown ones (with the
//! known ones as a hint), relations between events, and attendance roles.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::OnceLock;

use chrono_tz::Tz;
use hashbrown::HashTable;

use crate::model::text::{clean_line, is_blank};
use crate::model::timeline::{EventIx, Relation, RelationKind, RoleIx};
use crate::store::Ids;

/// Ids seen so far of one kind, for duplicates and references.
///
/// The ids are kept one after another in one string rather than one allocation each:
/// a registry may hold a million people.
#[derive(Default)]
pub(in crate::data) struct IdTable {
    /// Every id recorded, one after another.
    text: String,
    entries: Vec<Entry>,
    /// Indexes into `entries`, by the hash of their id.
    table: HashTable<u32>,
    hasher: foldhash::fast::RandomState,
    /// The known ids as a hint, worded once for every unknown reference.
    hint: OnceLock<String>,
}

/// A recorded id: where it ends in [`IdTable::text`], the position it was recorded
/// at, and its hash, kept so that the table grows without reading every id again (in
/// what would be padding).
#[derive(Clone, Copy)]
struct Entry {
    end: usize,
    position: u32,
    hash: u32,
}

/// The table's hash of an id's kept hash: spread to the top bits, which the table
/// compares first, as well as the bottom ones, which place it.
fn wide(hash: u32) -> u64 {
    u64::from(hash).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

impl IdTable {
    fn hash(&self, id: &str) -> u32 {
        // The top bits of a 64-bit hash are its best mixed.
        (self.hasher.hash_one(id) >> 32) as u32
    }

    pub(super) fn get(&self, id: &str) -> Option<u32> {
        let hash = self.hash(id);
        let IdTable { text, entries, .. } = self;
        self.table
            .find(wide(hash), |&k| {
                entries[k as usize].hash == hash && entry_id(text, entries, k) == id
            })
            .map(|&k| entries[k as usize].position)
    }

    /// Records `id` at `position`, or gives the position it was recorded at before.
    fn insert(&mut self, id: &str, position: u32) -> Result<(), u32> {
        let hash = self.hash(id);
        let IdTable {
            text,
            entries,
            table,
            ..
        } = self;
        let entry = table.entry(
            wide(hash),
            |&k| entries[k as usize].hash == hash && entry_id(text, entries, k) == id,
            |&k| wide(entries[k as usize].hash),
        );
        match entry {
            hashbrown::hash_table::Entry::Occupied(found) => {
                Err(entries[*found.get() as usize].position)
            }
            hashbrown::hash_table::Entry::Vacant(slot) => {
                slot.insert(entries.len() as u32);
                text.push_str(id);
                entries.push(Entry {
                    end: text.len(),
                    position,
                    hash,
                });
                Ok(())
            }
        }
    }

    /// The position `id` was recorded at, recording it at the next one if it is new:
    /// for a set of distinct strings, numbered as they come.
    pub(super) fn intern(&mut self, id: &str) -> u32 {
        let next = self.entries.len() as u32;
        match self.insert(id, next) {
            Ok(()) => next,
            Err(first) => first,
        }
    }

    /// The id recorded at `position` by [`IdTable::intern`] (where positions are the
    /// order of recording).
    pub(super) fn interned(&self, position: u32) -> &str {
        entry_id(&self.text, &self.entries, position)
    }

    /// How many ids are recorded.
    pub(super) fn len(&self) -> usize {
        self.entries.len()
    }

    pub(super) fn reserve(&mut self, n: usize) {
        self.entries.reserve(n);
        let IdTable { entries, table, .. } = self;
        table.reserve(n, |&k| wide(entries[k as usize].hash));
    }

    /// The recorded ids, in the order they were recorded.
    fn ids(&self) -> impl Iterator<Item = &str> {
        (0..self.entries.len() as u32).map(|k| entry_id(&self.text, &self.entries, k))
    }
}

/// The id of entry `k` of an [`IdTable`].
fn entry_id<'a>(text: &'a str, entries: &[Entry], k: u32) -> &'a str {
    let k = k as usize;
    let start = if k == 0 { 0 } else { entries[k - 1].end };
    &text[start..entries[k].end]
}

#[derive(Default)]
pub(super) struct Checker {
    pub(super) problems: Vec<(String, String)>,
}

/// A list of known ids for "expected one of" hints, shortened when long.
pub(super) fn known(table: &IdTable) -> &str {
    table.hint.get_or_init(|| hint(table))
}

fn hint(table: &IdTable) -> String {
    const SHOWN: usize = 8;
    // The first few in order, kept as they come: a registry of a million people is
    // not sorted (nor copied) to name eight of them.
    let mut first: Vec<&str> = Vec::with_capacity(SHOWN + 1);
    for id in table.ids() {
        if first.len() == SHOWN && first.last().is_some_and(|&last| id >= last) {
            continue;
        }
        let at = first.partition_point(|&k| k < id);
        first.insert(at, id);
        first.truncate(SHOWN);
    }
    if first.is_empty() {
        return "none are defined".into();
    }
    let shown: Vec<String> = first.iter().map(|i| format!("'{i}'")).collect();
    if table.len() > SHOWN {
        format!("known: {}, ... ({} in all)", shown.join(", "), table.len())
    } else {
        format!("known: {}", shown.join(", "))
    }
}

/// A string of the file kept as written (it is neutralised only where it is shown).
pub(super) fn kept(s: &str) -> Box<str> {
    s.into()
}

impl Checker {
    pub(super) fn report(&mut self, path: String, message: impl Into<String>) {
        self.problems.push((path, message.into()));
    }

    pub(super) fn zone(&mut self, path: impl FnOnce() -> String, name: &str) -> Option<Tz> {
        match name.parse::<Tz>() {
            Ok(tz) => Some(tz),
            Err(_) => {
                self.report(
                    path(),
                    format!(
                        "unknown time zone '{}' (expected an IANA zone such as \
                         Europe/Moscow or America/New_York)",
                        clean_line(name)
                    ),
                );
                None
            }
        }
    }

    /// Records ids of one kind, reporting empty and duplicate ones.
    pub(super) fn ids<'a>(&mut self, section: &str, ids: impl Iterator<Item = &'a str>) -> IdTable {
        let mut table = IdTable::default();
        table.reserve(ids.size_hint().0);
        for (i, id) in ids.enumerate() {
            self.id(&mut table, section, i, id);
        }
        table
    }

    /// Records the id of item `i` of a section, reporting an empty or a duplicate one.
    pub(super) fn id(&mut self, table: &mut IdTable, section: &str, i: usize, id: &str) {
        if is_blank(id) {
            self.report(
                format!("{section}[{i}].id"),
                "empty id (expected a short name such as 'umerov')",
            );
            return;
        }
        if let Err(first) = table.insert(id, i as u32) {
            self.report(
                format!("{section}[{i}].id"),
                format!(
                    "duplicate id '{}' (already used by {section}[{first}])",
                    clean_line(id)
                ),
            );
        }
    }

    /// Each of an event's ids looked up in `table`, an unknown one reported at `at(j)`:
    /// the known ones.
    pub(super) fn references<'a, S: AsRef<str>>(
        &'a mut self,
        table: &'a IdTable,
        what: &'a str,
        ids: &'a [S],
        at: impl Fn(usize) -> String + 'a,
    ) -> impl Iterator<Item = u32> + 'a {
        ids.iter()
            .enumerate()
            .filter_map(move |(j, id)| self.reference(table, what, id.as_ref(), || at(j)))
    }

    pub(super) fn reference(
        &mut self,
        table: &IdTable,
        what: &str,
        id: &str,
        path: impl FnOnce() -> String,
    ) -> Option<u32> {
        let found = table.get(id);
        if found.is_none() {
            self.report(
                path(),
                format!("unknown {what} '{}' ({})", clean_line(id), known(table)),
            );
        }
        found
    }
}

/// Every event's id, for relations to point at.
pub(in crate::data) enum EventIds {
    /// The ids as the file writes them, with their positions (the whole-file reader).
    AsWritten(IdTable),
    /// Not yet checked for duplicates (the streaming reader, which leaves any problem
    /// to the checking reader to word).
    Unchecked,
}

/// A relation as written, resolved once every event's id is known (it may point
/// forward in the file).
pub(super) struct PendingRelation {
    /// The event's position among the part's events; `None` when the event was not built.
    pub(super) event: Option<u32>,
    /// The event's and the relation's positions in the file.
    pub(super) file: u32,
    pub(super) slot: u32,
    pub(super) kind: Option<RelationKind>,
    pub(super) target: String,
}

/// The events in id order, and each relation's event and target (positions in the
/// file), checking that ids are unique (unless `ids` already did) and that every target
/// is known.
pub(super) fn resolve(
    events: Option<&Ids<'_>>,
    ids: EventIds,
    relations: Vec<PendingRelation>,
    checker: &mut Checker,
) -> Vec<(u32, Relation)> {
    if matches!(ids, EventIds::Unchecked) && events.is_some_and(|e| e.has_duplicates()) {
        checker.report("events".into(), "two events have the same id");
    }
    let found = match &ids {
        EventIds::AsWritten(_) => Vec::new(),
        EventIds::Unchecked => {
            let targets: Vec<&str> = relations.iter().map(|r| r.target.as_str()).collect();
            events.map_or_else(Vec::new, |e| e.find_each(&targets))
        }
    };
    let mut resolved: Vec<(u32, Relation)> = Vec::new();
    for (k, r) in relations.iter().enumerate() {
        let at = || format!("events[{}].relations[{}].event", r.file, r.slot);
        let target = match &ids {
            EventIds::AsWritten(table) => checker.reference(table, "event", &r.target, at),
            // Its caller words no problem itself: the checking reader does.
            EventIds::Unchecked => found.get(k).copied().flatten().or_else(|| {
                checker.report(at(), "unknown event");
                None
            }),
        };
        if target == Some(r.file) {
            checker.report(at(), "an event cannot relate to itself");
        }
        if let (Some(event), Some(kind), Some(t)) = (r.event, r.kind, target) {
            resolved.push((
                event,
                Relation {
                    kind,
                    target: EventIx::new(t),
                },
            ));
        }
    }
    resolved
}

/// Attendance roles, each stored once.
#[derive(Default)]
pub(super) struct RoleTable {
    pub(super) names: Vec<Box<str>>,
    pub(super) index: HashMap<Box<str>, RoleIx, foldhash::fast::RandomState>,
}

impl RoleTable {
    /// Puts the roles in name order, so that the timeline does not depend on the order
    /// of the file's events (an export and a reimport give the same timeline): the new
    /// number of each role, for [`crate::store::Builder::renumber_roles`].
    pub(super) fn sort(&mut self) -> Vec<RoleIx> {
        let mut order: Vec<usize> = (0..self.names.len()).collect();
        order.sort_by(|&a, &b| self.names[a].cmp(&self.names[b]));
        let mut new_ix = vec![RoleIx::new(0); self.names.len()];
        for (new, &old) in order.iter().enumerate() {
            new_ix[old] = RoleIx::new(new as u32);
        }
        let mut slots: Vec<Option<Box<str>>> = self.names.drain(..).map(Some).collect();
        self.names = order.iter().filter_map(|&i| slots[i].take()).collect();
        self.index.clear();
        new_ix
    }

    pub(super) fn intern(&mut self, role: &str) -> RoleIx {
        if let Some(&ix) = self.index.get(role) {
            return ix;
        }
        let ix = RoleIx::new(self.names.len() as u32);
        let boxed: Box<str> = role.into();
        self.names.push(boxed.clone());
        self.index.insert(boxed, ix);
        ix
    }
}

#[cfg(test)]
mod tests {
    use super::{IdTable, known};

    fn table(ids: &[&str]) -> IdTable {
        let mut t = IdTable::default();
        for id in ids {
            t.intern(id);
        }
        t
    }

    #[test]
    fn the_hint_names_the_first_ids_in_order_and_counts_the_rest() {
        assert_eq!(known(&table(&[])), "none are defined");
        assert_eq!(known(&table(&["b", "a"])), "known: 'a', 'b'");
        let many: Vec<String> = (0..1000).rev().map(|i| format!("p{i:04}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(
            known(&table(&many)),
            "known: 'p0000', 'p0001', 'p0002', 'p0003', 'p0004', 'p0005', 'p0006', \
             'p0007', ... (1000 in all)"
        );
        // Out of order, and the smallest last.
        let mixed = table(&["k", "c", "z", "a", "y", "d", "b", "x", "e", "w", "f", "0"]);
        assert_eq!(
            known(&mixed),
            "known: '0', 'a', 'b', 'c', 'd', 'e', 'f', 'k', ... (12 in all)"
        );
        let eight = table(&["h", "g", "f", "e", "d", "c", "b", "a"]);
        assert_eq!(
            known(&eight),
            "known: 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'"
        );
    }

    /// Grown many times over from empty, the table finds every id by its kept hash.
    #[test]
    fn ids_are_found_after_the_table_grows() {
        let mut t = IdTable::default();
        for i in 0..100_000u32 {
            assert_eq!(t.insert(&format!("p{i}"), i * 2), Ok(()));
        }
        assert_eq!(
            t.insert("p77", 5),
            Err(154),
            "a duplicate gives the first position"
        );
        for i in (0..100_000u32).step_by(997) {
            assert_eq!(t.get(&format!("p{i}")), Some(i * 2));
        }
        assert_eq!(t.get("p100000"), None);
        assert_eq!(t.get(""), None);
        let mut reserved = IdTable::default();
        reserved.insert("a", 0).expect("new");
        reserved.reserve(50_000);
        assert_eq!((reserved.get("a"), reserved.len()), (Some(0), 1));
    }

    #[test]
    fn interning_numbers_distinct_strings_as_they_come() {
        let mut t = IdTable::default();
        assert_eq!(t.intern("us"), 0);
        assert_eq!(t.intern("ua"), 1);
        assert_eq!(t.intern("us"), 0);
        assert_eq!((t.len(), t.interned(1)), (2, "ua"));
        assert_eq!(t.get("ua"), Some(1));
    }
}
