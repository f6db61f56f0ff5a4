//! Live reload: watch a dataset file and load it again, off the UI thread, when it
//! settles after a change.
//!
//! The folder is watched rather than the file, so editors that save by writing a new
//! file and renaming it over the old one are seen, and so is a file that is deleted and
//! later comes back. A file that is a symlink is followed: the folders of the link, of
//! each link it leads through and of the target are watched, and a change to any of
//! them concerns the file (a link pointed elsewhere is followed to its new target).
//!
//! Each settled change starts its own load at once, even while an earlier one still
//! runs (a large broken file can take a while to check): every load carries a
//! generation, and only the newest one's result is reported, so a slow check can never
//! hold back the next save. Stale loads cannot be stopped, so at most a few run at
//! once.

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
    /// The file, then each link it leads through to its target, folder by folder
    /// resolved: a change to any of them is a change to the file.
    files: Vec<PathBuf>,
    /// The folders watched: those of `files`.
    folders: Vec<PathBuf>,
    watcher: RecommendedWatcher,
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
        let (tx, changes) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(move |event| {
            let _ = tx.send(event);
        })?;
        let files = chain(path);
        let folders = folders_of(&files);
        for folder in &folders {
            watcher.watch(folder, RecursiveMode::NonRecursive)?;
        }
        let (sender, results) = mpsc::channel();
        Ok(Reloader {
            path: path.to_path_buf(),
            options,
            files,
            folders,
            watcher,
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
        !read_only && event.paths.iter().any(|p| self.files.contains(p))
    }

    /// Follows the file's links again (one may point elsewhere now) and watches the
    /// folders that come with them; those no longer needed are let go.
    fn follow_links(&mut self) {
        let files = chain(&self.path);
        if files == self.files {
            return;
        }
        let folders = folders_of(&files);
        for folder in &folders {
            if !self.folders.contains(folder) {
                // A folder that cannot be watched leaves the others at work.
                let _ = self.watcher.watch(folder, RecursiveMode::NonRecursive);
            }
        }
        for folder in &self.folders {
            if !folders.contains(folder) {
                let _ = self.watcher.unwatch(folder);
            }
        }
        self.files = files;
        self.folders = folders;
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
            self.follow_links();
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

/// Links followed at most, as the kernel does: a loop ends there.
const MAX_LINKS: usize = 40;

/// `path`, then each link target it leads to, each in its folder resolved, so that the
/// names match those the watcher reports.
fn chain(path: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = Vec::new();
    let mut current = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    for _ in 0..MAX_LINKS {
        let folder = current
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let folder = std::fs::canonicalize(&folder).unwrap_or(folder);
        let here = match current.file_name() {
            Some(name) => folder.join(name),
            None => folder.clone(),
        };
        if files.contains(&here) {
            break;
        }
        files.push(here.clone());
        match std::fs::read_link(&here) {
            // A relative target is relative to the link's folder.
            Ok(target) => current = folder.join(target),
            Err(_) => break,
        }
    }
    files
}

/// The folders of `files`, each once.
fn folders_of(files: &[PathBuf]) -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = Vec::new();
    for file in files {
        let folder = file
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        if !folders.contains(&folder) {
            folders.push(folder);
        }
    }
    folders
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

    /// A link chain is followed to its end; a loop stops at the first repeat.
    #[test]
    fn links_are_followed_and_loops_end() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = std::fs::canonicalize(dir.path()).expect("canonical");
        std::fs::create_dir(root.join("sub")).expect("mkdir");
        std::fs::write(root.join("sub/real.json"), "{}").expect("write");
        std::os::unix::fs::symlink("real.json", root.join("sub/mid.json")).expect("link");
        std::os::unix::fs::symlink("sub/mid.json", root.join("top.json")).expect("link");
        assert_eq!(
            chain(&root.join("top.json")),
            vec![
                root.join("top.json"),
                root.join("sub/mid.json"),
                root.join("sub/real.json")
            ]
        );
        std::os::unix::fs::symlink("b", root.join("a")).expect("link");
        std::os::unix::fs::symlink("a", root.join("b")).expect("link");
        assert_eq!(chain(&root.join("a")), vec![root.join("a"), root.join("b")]);
    }
}
