//! Live reload: watch a dataset file and load it again, off the UI thread, when it
//! settles after a change.
//!
//! The folder is watched rather than the file, so editors that save by writing a new
//! file and renaming it over the old one are seen, and so is a file that is deleted and
//! later comes back.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::thread;
use std::time::{Duration, Instant};

use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use crate::data::{self, LoadError, LoadOptions};
use crate::model::timeline::Timeline;

/// Quiet time after the last change before reloading: editors write in bursts.
pub const SETTLE: Duration = Duration::from_millis(150);

/// What a reload found; `update` takes it as [`Action::Reloaded`](crate::app::Action).
#[derive(Clone, Debug)]
pub enum Reload {
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
            (Reload::Missing, Reload::Missing) => true,
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
    /// A load running on another thread.
    loading: Option<Receiver<Reload>>,
    /// A change arrived while loading: load again after.
    again: bool,
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
        Ok(Reloader {
            path: path.to_path_buf(),
            options,
            name,
            _watcher: watcher,
            changes,
            pending: None,
            loading: None,
            again: false,
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

    /// Call often (every tick): returns what a finished reload found, if any.
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
        if let Some(rx) = &self.loading {
            match rx.try_recv() {
                Ok(result) => {
                    self.loading = None;
                    if self.again {
                        self.again = false;
                        self.pending = Some(Instant::now());
                    }
                    return Some(result);
                }
                Err(TryRecvError::Empty) => {
                    if self.pending.take().is_some() {
                        self.again = true;
                    }
                    return None;
                }
                Err(TryRecvError::Disconnected) => self.loading = None,
            }
        }
        let settled = self.pending.is_some_and(|t| t.elapsed() >= SETTLE);
        if !settled {
            return None;
        }
        self.pending = None;
        if !self.path.exists() {
            // Report a disappearance once; the watch goes on for its return.
            let first = !self.missing;
            self.missing = true;
            return first.then_some(Reload::Missing);
        }
        self.missing = false;
        let (tx, rx) = mpsc::channel();
        let path = self.path.clone();
        let options = self.options;
        thread::spawn(move || {
            let result = match data::load_file_with(&path, options) {
                Ok(tl) => Reload::Loaded(Arc::new(tl)),
                Err(e) => Reload::Invalid(e),
            };
            let _ = tx.send(result);
        });
        self.loading = Some(rx);
        None
    }
}
