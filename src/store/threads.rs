//! Sharing work between two threads, for large loads only.

/// From how many events ordering and indexing is shared between two threads.
pub const PARALLEL_FROM: usize = 20_000;

/// Runs `a` and `b`, side by side on two threads when `big` (and there is a second
/// core), else one after the other.
pub fn join<A: Send, B: Send>(
    big: bool,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if !big || cores < 2 {
        return (a(), b());
    }
    std::thread::scope(|scope| {
        let other = scope.spawn(b);
        let first = a();
        match other.join() {
            Ok(second) => (first, second),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}
