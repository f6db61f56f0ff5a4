//! Writing an export to the OUT of `-o`: through to whatever OUT is, never destroying it.
//!
//! `-` is standard output. A device, FIFO or socket is opened and written directly. A
//! regular file (through any symlinks, which are kept) is replaced in one step: written
//! beside it under a short temporary name, synced, then renamed over it. Parley refuses
//! to write over its input, over a file with other hard links (unless forced, which
//! writes it in place), and over an existing file that is not its own earlier output
//! (unless forced); a file that already holds exactly the export is left as it is. The
//! temporary file is removed on an error and on SIGINT, SIGTERM or SIGHUP.

use std::fmt;
use std::fs::{self, Metadata, OpenOptions, Permissions};
use std::io::{self, Read, Write};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

use crate::model::text::clean_line;

/// How many bytes of an existing OUT are read to recognise an earlier export.
pub const HEAD: usize = 64 * 1024;

/// Symlinks followed before giving up, as the kernel does (`ELOOP`).
const MAX_LINKS: usize = 40;

/// Set, the writer stops for good once the temporary file is written: lets a test send
/// a real signal at that moment, without racing the rename.
pub const HOLD_VAR: &str = "PARLEY_TEST_HOLD_EXPORT";

/// What a write may overwrite.
pub struct Rules<'a> {
    /// The file the export was read from: never written over.
    pub input: Option<&'a Path>,
    /// Replace an existing file that is not an earlier export, and write a hard-linked
    /// file in place.
    pub force: bool,
    /// Whether the first bytes (up to [`HEAD`]) of an existing file are an earlier export
    /// that may be replaced.
    pub earlier: &'a dyn Fn(&[u8]) -> bool,
}

/// Why OUT was not written.
#[derive(Debug)]
pub enum WriteError {
    /// OUT is the input file.
    SameAsInput { out: PathBuf, input: PathBuf },
    /// OUT exists and is not an earlier export; `--force` replaces it.
    NotOurs(PathBuf),
    /// OUT has other hard links, which a replacement would split.
    HardLinked(PathBuf, u64),
    /// Reading or writing failed.
    Io(PathBuf, io::Error),
}

fn shown(path: &Path) -> String {
    clean_line(&path.display().to_string()).into_owned()
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::SameAsInput { out, input } => write!(
                f,
                "parley: will not write {}: it is the input file {}",
                shown(out),
                shown(input)
            ),
            WriteError::NotOurs(out) => write!(
                f,
                "parley: {} exists and is not an earlier parley export of this format; \
                 --force replaces it",
                shown(out)
            ),
            WriteError::HardLinked(out, n) => write!(
                f,
                "parley: {} has {n} hard links, which replacing it would split; \
                 --force writes it in place, changing every link",
                shown(out)
            ),
            WriteError::Io(out, e) => write!(f, "parley: cannot write {}: {e}", shown(out)),
        }
    }
}

impl std::error::Error for WriteError {}

/// Writes `bytes` to `out` as the module documentation says.
pub fn write(out: &Path, bytes: &[u8], rules: &Rules<'_>) -> Result<(), WriteError> {
    let io_err = |e| WriteError::Io(out.to_path_buf(), e);
    if out.as_os_str() == "-" {
        return to_stdout(bytes).map_err(io_err);
    }
    let meta = match fs::metadata(out) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            // A new file, or the missing target of a dangling symlink.
            let target = resolve(out).map_err(io_err)?;
            return replace(&target, bytes, None).map_err(io_err);
        }
        Err(e) => return Err(io_err(e)),
    };
    if let Some(input) = rules.input
        && fs::metadata(input).is_ok_and(|m| same_file(&m, &meta))
    {
        return Err(WriteError::SameAsInput {
            out: out.to_path_buf(),
            input: input.to_path_buf(),
        });
    }
    if meta.is_dir() {
        return Err(io_err(io::Error::other("it is a directory")));
    }
    if !meta.is_file() {
        // Opened by its own name: `/dev/stdout` leads to a pipe no path names.
        return direct(out, bytes).map_err(io_err);
    }
    let target = fs::canonicalize(out).map_err(io_err)?;
    if meta.len() == bytes.len() as u64 && fs::read(&target).is_ok_and(|old| old == bytes) {
        // Already what it would become: nothing to replace (re-running an export).
        return Ok(());
    }
    if meta.len() > 0 && !rules.force && !(rules.earlier)(&head(&target).map_err(io_err)?) {
        return Err(WriteError::NotOurs(out.to_path_buf()));
    }
    if meta.nlink() > 1 {
        if !rules.force {
            return Err(WriteError::HardLinked(out.to_path_buf(), meta.nlink()));
        }
        return in_place(&target, bytes).map_err(io_err);
    }
    replace(&target, bytes, Some(&meta)).map_err(io_err)
}

fn same_file(a: &Metadata, b: &Metadata) -> bool {
    a.dev() == b.dev() && a.ino() == b.ino()
}

/// The path at the end of `path`'s symlinks; it need not exist (a dangling link names
/// the file to create).
pub fn resolve(path: &Path) -> io::Result<PathBuf> {
    let mut at = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => {
                let link = fs::read_link(&at)?;
                at = match at.parent() {
                    Some(dir) if link.is_relative() => dir.join(link),
                    _ => link,
                };
            }
            Ok(_) => return Ok(at),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(at),
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// The first [`HEAD`] bytes of a file.
fn head(path: &Path) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    fs::File::open(path)?
        .take(HEAD as u64)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Standard output; a closed pipe (`parley export -o - | head`) is not an error.
fn to_stdout(bytes: &[u8]) -> io::Result<()> {
    let mut out = io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// A device, FIFO or socket: opened as it is and written.
fn direct(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = OpenOptions::new().write(true).open(path)?;
    file.write_all(bytes)?;
    file.flush()
}

/// A hard-linked file, rewritten so that every name sees the new content.
fn in_place(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = OpenOptions::new().write(true).truncate(true).open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// The temporary file being written, removed by the signal watcher if one comes.
static PENDING: Mutex<Option<PathBuf>> = Mutex::new(None);

fn pending() -> std::sync::MutexGuard<'static, Option<PathBuf>> {
    PENDING.lock().unwrap_or_else(|e| e.into_inner())
}

/// From now on SIGINT, SIGTERM and SIGHUP remove the temporary file being written, if
/// any, and end the process with 128 + the signal's number. Installed once.
pub fn clean_up_on_signals() -> io::Result<()> {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    if INSTALLED.get().is_some() {
        return Ok(());
    }
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])?;
    std::thread::Builder::new()
        .name("export-signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let temp = pending();
                if let Some(path) = temp.as_ref() {
                    let _ = fs::remove_file(path);
                }
                std::process::exit(128 + signal);
            }
        })?;
    let _ = INSTALLED.set(());
    Ok(())
}

/// Replaces the regular file `path` (or creates it) in one step; `old` is what is there.
fn replace(path: &Path, bytes: &[u8], old: Option<&Metadata>) -> io::Result<()> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // A new file gets the usual 0666 less the umask; a replaced one keeps its mode.
    let mode = old.map_or(0o666, |m| m.permissions().mode() & 0o7777);
    let mut temp = tempfile::Builder::new()
        .prefix(".parley-")
        .suffix(".tmp")
        .rand_bytes(6)
        .permissions(Permissions::from_mode(mode))
        .tempfile_in(folder)?;
    *pending() = Some(temp.path().to_path_buf());
    let written = (|| {
        if let Some(old) = old {
            // The owner where allowed (as root), then exactly the old mode, which the
            // umask may have narrowed at creation.
            let _ = std::os::unix::fs::fchown(temp.as_file(), Some(old.uid()), Some(old.gid()));
            fs::set_permissions(temp.path(), Permissions::from_mode(mode))?;
        }
        temp.write_all(bytes)?;
        temp.as_file().sync_all()?;
        if std::env::var_os(HOLD_VAR).is_some() {
            loop {
                std::thread::park();
            }
        }
        Ok(())
    })();
    let mut guard = pending();
    let result = written.and_then(|()| temp.persist(path).map(drop).map_err(|e| e.error));
    *guard = None;
    drop(guard);
    if result.is_ok()
        && let Ok(dir) = fs::File::open(folder)
    {
        // The rename is durable once the folder is synced; failing that is no error.
        let _ = dir.sync_all();
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::{FileTypeExt, symlink};

    fn starts_ours(head: &[u8]) -> bool {
        head.starts_with(b"OURS")
    }

    fn rules<'a>(input: Option<&'a Path>, force: bool) -> Rules<'a> {
        Rules {
            input,
            force,
            earlier: &starts_ours,
        }
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_new_file_is_created_with_no_temporary_left() {
        let dir = tempfile::tempdir().expect("dir");
        let out = dir.path().join("new.ics");
        write(&out, b"OURS new", &rules(None, false)).expect("written");
        assert_eq!(fs::read(&out).expect("read"), b"OURS new");
        assert_eq!(names(dir.path()), ["new.ics"]);
    }

    #[test]
    fn an_earlier_output_or_an_empty_file_is_replaced_keeping_its_mode() {
        let dir = tempfile::tempdir().expect("dir");
        let out = dir.path().join("old.ics");
        fs::write(&out, b"OURS old").expect("write");
        fs::set_permissions(&out, Permissions::from_mode(0o640)).expect("chmod");
        write(&out, b"OURS new", &rules(None, false)).expect("written");
        assert_eq!(fs::read(&out).expect("read"), b"OURS new");
        let mode = fs::metadata(&out).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        let empty = dir.path().join("empty.ics");
        fs::write(&empty, b"").expect("write");
        write(&empty, b"OURS", &rules(None, false)).expect("written");
        assert_eq!(fs::read(&empty).expect("read"), b"OURS");
    }

    #[test]
    fn a_foreign_file_needs_force() {
        let dir = tempfile::tempdir().expect("dir");
        let out = dir.path().join("notes.md");
        fs::write(&out, b"my notes").expect("write");
        let err = write(&out, b"OURS", &rules(None, false)).expect_err("refused");
        assert!(matches!(err, WriteError::NotOurs(_)));
        let message = err.to_string();
        assert!(
            message.contains("notes.md") && message.contains("--force"),
            "{message}"
        );
        assert_eq!(fs::read(&out).expect("kept"), b"my notes");
        write(&out, b"OURS", &rules(None, true)).expect("forced");
        assert_eq!(fs::read(&out).expect("read"), b"OURS");
        assert_eq!(names(dir.path()), ["notes.md"]);
    }

    #[test]
    fn the_same_content_again_is_no_change() {
        let dir = tempfile::tempdir().expect("dir");
        let out = dir.path().join("talks.json");
        fs::write(&out, b"{}").expect("write");
        let before = fs::metadata(&out).expect("meta").ino();
        // Not an earlier export by its head, yet already what it would become.
        write(&out, b"{}", &rules(None, false)).expect("nothing to do");
        assert_eq!(fs::metadata(&out).expect("meta").ino(), before);
        assert!(write(&out, b"{ }", &rules(None, false)).is_err());
    }

    #[test]
    fn the_input_is_never_written_over_even_forced() {
        let dir = tempfile::tempdir().expect("dir");
        let data = dir.path().join("data.json");
        fs::write(&data, b"OURS data").expect("write");
        let link = dir.path().join("link.json");
        symlink(&data, &link).expect("symlink");
        let err = write(&link, b"OURS", &rules(Some(&data), true)).expect_err("refused");
        assert!(matches!(err, WriteError::SameAsInput { .. }), "{err}");
        assert_eq!(fs::read(&data).expect("kept"), b"OURS data");
    }

    #[test]
    fn a_symlink_is_kept_and_its_target_replaced() {
        let dir = tempfile::tempdir().expect("dir");
        fs::create_dir(dir.path().join("real")).expect("mkdir");
        let target = dir.path().join("real/talks.ics");
        fs::write(&target, b"OURS old").expect("write");
        let link = dir.path().join("talks.ics");
        symlink("real/talks.ics", &link).expect("symlink");
        write(&link, b"OURS new", &rules(None, false)).expect("written");
        assert!(
            fs::symlink_metadata(&link)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&target).expect("read"), b"OURS new");
        assert_eq!(names(&dir.path().join("real")), ["talks.ics"]);
    }

    #[test]
    fn a_dangling_symlink_creates_its_target() {
        let dir = tempfile::tempdir().expect("dir");
        let link = dir.path().join("talks.ics");
        symlink("made.ics", &link).expect("symlink");
        write(&link, b"OURS", &rules(None, false)).expect("written");
        assert_eq!(
            fs::read(dir.path().join("made.ics")).expect("read"),
            b"OURS"
        );
    }

    #[test]
    fn a_hard_link_is_refused_or_written_in_place_when_forced() {
        let dir = tempfile::tempdir().expect("dir");
        let out = dir.path().join("a.ics");
        let other = dir.path().join("b.ics");
        fs::write(&out, b"OURS old").expect("write");
        fs::hard_link(&out, &other).expect("link");
        let err = write(&out, b"OURS new", &rules(None, false)).expect_err("refused");
        assert!(matches!(err, WriteError::HardLinked(_, 2)), "{err}");
        assert_eq!(fs::read(&other).expect("kept"), b"OURS old");
        write(&out, b"OURS new", &rules(None, true)).expect("in place");
        assert_eq!(fs::read(&other).expect("read"), b"OURS new");
        assert_eq!(fs::metadata(&out).expect("meta").nlink(), 2);
    }

    #[test]
    fn an_error_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().expect("dir");
        // A folder in the way: the rename over it fails after the temporary is written.
        let out = dir.path().join("busy");
        fs::create_dir(&out).expect("mkdir");
        fs::write(out.join("inside"), b"x").expect("write");
        assert!(replace(&out, b"OURS", None).is_err());
        assert!(write(&out, b"OURS", &rules(None, true)).is_err());
        let missing = dir.path().join("no/such/folder/out.ics");
        let err = write(&missing, b"OURS", &rules(None, false)).expect_err("no folder");
        assert!(err.to_string().contains("out.ics"), "{err}");
        assert_eq!(names(dir.path()), ["busy"]);
        assert!(pending().is_none());
    }

    #[test]
    fn a_long_name_fits_beside_its_temporary() {
        let dir = tempfile::tempdir().expect("dir");
        let out = dir.path().join(format!("{}.ics", "n".repeat(246)));
        write(&out, b"OURS", &rules(None, false)).expect("written");
        assert_eq!(fs::read(&out).expect("read"), b"OURS");
        write(&out, b"OURS again", &rules(None, false)).expect("replaced");
        assert_eq!(fs::read(&out).expect("read"), b"OURS again");
    }

    #[test]
    fn a_fifo_is_written_directly() {
        let dir = tempfile::tempdir().expect("dir");
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo runs");
        assert!(made.success());
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read(fifo))
        };
        write(&fifo, b"OURS piped", &rules(None, false)).expect("written");
        let got = reader.join().expect("reader").expect("read");
        assert_eq!(got, b"OURS piped");
        assert!(
            fs::symlink_metadata(&fifo)
                .expect("meta")
                .file_type()
                .is_fifo()
        );
    }
}
