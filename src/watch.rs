//! Live reload: watch a dataset file and load it again, off the UI thread, when it
//! settles after a change.
//!
//! The folder is watched rather than the file, so editors that save by writing a new
//! file and renaming it over the old one are seen, and so is a file that is deleted and
//! later comes back.
//!
//! Each settled change starts its own load at once, even while an earlier one still
//! runs (a large broken file can take a while to check): every load carries a
//! generation, and only the newest one's result is reported, so a slow check can never
//! hold back the next save. Stale loads cannot be stopped, so at most a few run at
//! once.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread;
use std::time::{Duration, Instant};

use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use crate::data::{self, LoadError, LoadOptions};
use crate::model::timeline::Timeline;

/// Quiet time after the last change before reloading: editors write in bursts.
pub const SETTLE: Duration = Duration::from_millis(150);

/// Loads at once, stale ones included (they cannot be stopped, only ignored): each may
/// hold a whole file, so a newer change waits for a free one beyond this.
const MAX_LOADS: usize = 3;

/// What a reload found; `update` takes it as [`Action::Reloaded`](crate::app::Action).
#[derive(Clone, Debug)]
pub enum Reload {
    /// The file changed and is being read and checked; what it holds follows.
    Checking,
    /// Shared, so that an action carrying it is cheap to clone.
    Loaded(Arc<Timeline>),
    Invalid(LoadError),
    Missing,
}

/// Two reloads are equal when they found the same: the same loaded timeline (not an
/// equal one: a timeline is not compared field by field), the same problems, or both
/// no file.
impl PartialEq for Reload {
    fn eq(&self, other: &Reload) -> bool {
        match (self, other) {
            (Reload::Loaded(a), Reload::Loaded(b)) => Arc::ptr_eq(a, b),
            (Reload::Invalid(a), Reload::Invalid(b)) => a == b,
            (Reload::Missing, Reload::Missing) | (Reload::Checking, Reload::Checking) => true,
            _ => false,
        }
    }
}

impl Eq for Reload {}

pub struct Reloader {
    path: PathBuf,
    options: LoadOptions,
    name: OsString,
    _watcher: RecommendedWatcher,
    changes: Receiver<notify::Result<notify::Event>>,
    /// When the last change was seen, while waiting for the file to settle.
    pending: Option<Instant>,
    /// The generation of the newest load started; results of older ones are stale.
    generation: u64,
    /// Loads report here with their generation.
    results: Receiver<(u64, Reload)>,
    sender: Sender<(u64, Reload)>,
    /// Loads under way, stale ones included.
    running: Arc<AtomicUsize>,
    /// The newest change waits for a load to end before it starts.
    queued: bool,
    missing: bool,
}

impl Reloader {
    /// Watches a file whose format is told from its shape.
    pub fn new(path: &Path) -> notify::Result<Reloader> {
        Reloader::with_options(path, LoadOptions::default())
    }

    /// Watches a file read as the options say (its format, the zone of TimelineJS times).
    pub fn with_options(path: &Path, options: LoadOptions) -> notify::Result<Reloader> {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let folder = absolute
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let name = absolute.file_name().map(OsString::from).unwrap_or_default();
        let (tx, changes) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(move |event| {
            let _ = tx.send(event);
        })?;
        watcher.watch(&folder, RecursiveMode::NonRecursive)?;
        let (sender, results) = mpsc::channel();
        Ok(Reloader {
            path: path.to_path_buf(),
            options,
            name,
            _watcher: watcher,
            changes,
            pending: None,
            generation: 0,
            results,
            sender,
            running: Arc::new(AtomicUsize::new(0)),
            queued: false,
            missing: false,
        })
    }

    /// A change to the watched file. Opening and reading it is not one (closing it after
    /// writing is): a reload reads the file, and would otherwise set off the next
    /// reload, forever.
    fn concerns_file(&self, event: &notify::Event) -> bool {
        use notify::event::{AccessKind, AccessMode, EventKind};
        let read_only = matches!(event.kind, EventKind::Access(kind)
            if kind != AccessKind::Close(AccessMode::Write));
        !read_only
            && event
                .paths
                .iter()
                .any(|p| p.file_name().is_some_and(|n| n == self.name))
    }

    /// Call often (every tick): returns [`Reload::Checking`] when a load starts, then
    /// what the newest load found.
    pub fn poll(&mut self) -> Option<Reload> {
        loop {
            match self.changes.try_recv() {
                Ok(Ok(event)) if self.concerns_file(&event) => {
                    self.pending = Some(Instant::now());
                }
                Ok(_) => {}
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => break,
            }
        }
        let mut started = false;
        if self.pending.is_some_and(|t| t.elapsed() >= SETTLE) {
            self.pending = None;
            // Whatever runs now is stale: only what follows this change counts.
            self.generation += 1;
            self.queued = false;
            if !self.path.exists() {
                // Report a disappearance once; the watch goes on for its return.
                let first = !self.missing;
                self.missing = true;
                return first.then_some(Reload::Missing);
            }
            self.missing = false;
            self.queued = true;
            started = true;
        }
        if self.queued && self.running.load(Ordering::Relaxed) < MAX_LOADS {
            self.queued = false;
            self.start(self.generation);
        }
        if started {
            return Some(Reload::Checking);
        }
        self.newest_result()
    }

    /// Loads the file on its own thread, reporting as `generation`.
    fn start(&self, generation: u64) {
        let tx = self.sender.clone();
        let path = self.path.clone();
        let options = self.options;
        let running = Arc::clone(&self.running);
        running.fetch_add(1, Ordering::Relaxed);
        thread::spawn(move || {
            let result = match data::load_file_with(&path, options) {
                Ok(tl) => Reload::Loaded(Arc::new(tl)),
                Err(e) => Reload::Invalid(e),
            };
            running.fetch_sub(1, Ordering::Relaxed);
            let _ = tx.send((generation, result));
        });
    }

    /// The result of the newest load if it has come; older ones are dropped unread.
    fn newest_result(&mut self) -> Option<Reload> {
        let mut newest = None;
        while let Ok((generation, result)) = self.results.try_recv() {
            if generation == self.generation {
                newest = Some(result);
            }
        }
        newest
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stale result (from a load an newer change overtook) is dropped, whichever
    /// order the two finish in.
    #[test]
    fn only_the_newest_generation_is_reported() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("talks.json");
        std::fs::write(&path, crate::data::BUNDLED).expect("write");
        let mut reloader = Reloader::new(&path).expect("watch");
        let good = crate::data::load_bundled().expect("valid");
        let broken = crate::data::load_str_with("talks.json", "{", LoadOptions::default())
            .expect_err("broken");
        reloader.generation = 2;
        for order in [[1, 2], [2, 1]] {
            for generation in order {
                let result = if generation == 1 {
                    Reload::Invalid(broken.clone())
                } else {
                    Reload::Loaded(Arc::new(good.clone()))
                };
                reloader.sender.send((generation, result)).expect("send");
            }
            assert!(
                matches!(reloader.newest_result(), Some(Reload::Loaded(_))),
                "{order:?}"
            );
        }
        reloader
            .sender
            .send((1, Reload::Invalid(broken)))
            .expect("send");
        assert_eq!(reloader.newest_result(), None, "a stale result alone");
    }

    /// With every load slot taken by stale loads, a change is announced at once and
    /// starts as soon as one ends.
    #[test]
    fn a_change_waits_for_a_free_load_then_starts() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("talks.json");
        std::fs::write(&path, crate::data::BUNDLED).expect("write");
        let mut reloader = Reloader::new(&path).expect("watch");
        reloader.running.store(MAX_LOADS, Ordering::Relaxed);
        let settled = Instant::now()
            .checked_sub(SETTLE)
            .expect("a clock past SETTLE");
        reloader.pending = Some(settled);
        assert_eq!(reloader.poll(), Some(Reload::Checking));
        assert!(reloader.queued, "no slot: waiting");
        assert_eq!(reloader.poll(), None);
        reloader.running.store(MAX_LOADS - 1, Ordering::Relaxed);
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            assert!(Instant::now() < deadline, "the queued load never reported");
            match reloader.poll() {
                Some(Reload::Loaded(_)) => break,
                None => thread::sleep(Duration::from_millis(10)),
                Some(other) => panic!("{other:?}"),
            }
        }
        assert!(!reloader.queued);
    }
}
