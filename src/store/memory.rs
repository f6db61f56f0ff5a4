//! Two requests to the system about memory, for loading a large file: take pages in
//! bulk, and give freed ones back. Both only change how fast a load runs and how much
//! memory it holds, never what it reads; where the system has no such request (or an
//! older kernel refuses it), they do nothing.

/// Maps, in one request, the pages that hold bytes `from..to` of `buf`'s buffer (its
/// capacity, written or not), before they are written.
///
/// Otherwise the system maps each 4 KiB page at its first write, one fault at a time:
/// a million events' strings are a hundred thousand faults, about 6 % of the load's
/// time (BENCHMARKS.md). Nothing is written: the bytes stay as they are.
pub fn prefault(buf: &mut String, from: usize, to: usize) {
    let to = to.min(buf.capacity());
    if from >= to {
        return;
    }
    #[cfg(target_os = "linux")]
    {
        let page = page_size();
        let base = buf.as_mut_ptr() as usize;
        // Whole pages, outward: each holds some of the buffer, so it is mapped and
        // writable, and a page shared with a neighbouring allocation is only mapped
        // sooner.
        let start = (base + from) / page * page;
        let end = (base + to).div_ceil(page) * page;
        // SAFETY: MADV_POPULATE_WRITE (Linux 5.14) faults the pages in as a write
        // would, without writing; every page in the range holds part of `buf`, which is
        // borrowed mutably, so no other code is using the buffer meanwhile. An older
        // kernel answers EINVAL, and the pages are mapped at their first write as before.
        unsafe {
            libc::madvise(
                start as *mut libc::c_void,
                end - start,
                libc::MADV_POPULATE_WRITE,
            );
        }
    }
}

#[cfg(target_os = "linux")]
fn page_size() -> usize {
    // SAFETY: sysconf takes no pointer; glibc and musl answer from the process's
    // auxiliary vector.
    let size = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    usize::try_from(size)
        .ok()
        .filter(|&s| s > 0)
        .unwrap_or(4096)
}

/// Hands memory freed so far back to the system, between the steps of a large load.
/// The C library keeps freed blocks for reuse, and the blocks a step has just freed
/// (the lists of the second reading thread's runs, once copied, the keys of the
/// ordering) would otherwise stay in memory while the next step takes more. The two
/// calls of a load took a million events' peak from 765 to 735 MiB, in 1–2 ms each.
pub fn give_back_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: takes no pointer, and may be called at any time from any thread.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Readies the heap for a file read a second time, after a load gave up (to find its
/// problems): what the first reading freed goes back to the system, and large blocks
/// are again mapped on their own. The C library raises the size it maps blocks from as
/// large ones are freed (up to 32 MiB), so without this the second reading's growing
/// lists would be made inside the heap, where each copy they leave behind as they grow
/// stays in memory: a million people's registry took about 20 MB more read again than
/// the first time, and the check of a file with one unknown person among a million
/// peaked above its valid load (221 MB against 207.5 MB; 199 MB with this).
pub fn fresh_heap_for_rereading() {
    give_back_freed_memory();
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: takes no pointer; the threshold set is glibc's own starting one.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 << 10);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Prefaulting leaves what is written, and the room for more, as they were.
    #[test]
    fn prefaulting_changes_no_byte() {
        let mut s = String::with_capacity(3 << 20);
        s.push_str("already written");
        let cap = s.capacity();
        prefault(&mut s, 0, cap);
        prefault(&mut s, 5, 4);
        prefault(&mut s, cap, cap + 10);
        prefault(&mut s, 100, usize::MAX);
        assert_eq!(s, "already written");
        assert_eq!(s.capacity(), cap);
        s.push_str(&"x".repeat(cap - s.len()));
        assert_eq!(s.len(), cap);
        assert!(s.ends_with("xxx"));
    }
}
