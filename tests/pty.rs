//! Runs the real `parley` binary in a pseudo-terminal and checks terminal hygiene: it
//! draws, reacts to keys, and on every way out (q, Ctrl-C, each terminating signal,
//! Ctrl-Z, SIGTSTP) gives the terminal back: main screen, visible cursor, no mouse
//! reporting, cooked mode.
//!
//! Every wait is bounded: the screen is polled with short sleeps up to `TIMEOUT`, and a
//! failure prints what the screen showed at that moment.
#![cfg(unix)]

use std::io::{ErrorKind, Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

const TITLE: &str = "US-Ukraine talks in Miami, December 2025";
const ROWS: u16 = 30;
const COLS: u16 = 100;
const TIMEOUT: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(20);

const ENTER_ALT: &[u8] = b"\x1b[?1049h";
const LEAVE_ALT: &[u8] = b"\x1b[?1049l";
const HIDE_CURSOR: &[u8] = b"\x1b[?25l";
const SHOW_CURSOR: &[u8] = b"\x1b[?25h";
/// The private modes crossterm's `EnableMouseCapture` sets.
const MOUSE_MODES: [u16; 5] = [1000, 1002, 1003, 1015, 1006];

/// A program running in a pseudo-terminal, with everything it wrote kept.
struct Pty {
    master: Box<dyn MasterPty + Send>,
    /// Shared with the reader thread, which answers the program's cursor queries.
    writer: Arc<Mutex<Option<Box<dyn Write + Send>>>>,
    child: Box<dyn Child + Send + Sync>,
    /// Filled by the reader thread.
    term: Arc<Mutex<Term>>,
    reader: Option<JoinHandle<()>>,
    /// The slave's termios before the program started.
    initial: Flags,
}

/// What the terminal has received, raw and as a screen.
struct Term {
    bytes: Vec<u8>,
    parser: vt100::Parser,
    /// How much of `bytes` the parser has seen.
    fed: usize,
    /// Where to look for the next cursor position query.
    scan: usize,
}

/// A terminal's cursor position query (DSR 6); the answer is `ESC [ row ; col R`.
const CURSOR_QUERY: &[u8] = b"\x1b[6n";

impl Term {
    /// Takes in a chunk of output; returns the answers owed to cursor queries in it,
    /// each computed where the query stood in the stream, as a terminal would.
    fn receive(&mut self, chunk: &[u8]) -> Vec<u8> {
        self.bytes.extend_from_slice(chunk);
        let mut answers = Vec::new();
        while let Some(at) = find(&self.bytes[self.scan..], CURSOR_QUERY) {
            let end = self.scan + at + CURSOR_QUERY.len();
            self.parser.process(&self.bytes[self.fed..end]);
            self.fed = end;
            self.scan = end;
            let (row, col) = self.parser.screen().cursor_position();
            answers.extend_from_slice(format!("\x1b[{};{}R", row + 1, col + 1).as_bytes());
        }
        self.parser.process(&self.bytes[self.fed..]);
        self.fed = self.bytes.len();
        // A query cut in two by the read is found when its end arrives.
        self.scan = self
            .scan
            .max(self.bytes.len().saturating_sub(CURSOR_QUERY.len() - 1));
        answers
    }
}

/// The four termios flag words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Flags {
    input: libc::tcflag_t,
    output: libc::tcflag_t,
    control: libc::tcflag_t,
    local: libc::tcflag_t,
}

type SharedWriter = Arc<Mutex<Option<Box<dyn Write + Send>>>>;

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Pty {
    /// `parley` with no arguments: the bundled dataset in the viewer.
    fn parley() -> Self {
        Self::spawn(base_command(env!("CARGO_BIN_EXE_parley")), true)
    }

    /// `parley FILE`.
    fn parley_on(file: &std::path::Path) -> Self {
        let mut cmd = base_command(env!("CARGO_BIN_EXE_parley"));
        cmd.arg(file);
        Self::spawn(cmd, true)
    }

    /// Runs `cmd` in a fresh pty; `answer_queries` makes the terminal reply to cursor
    /// position queries as real terminals do.
    fn spawn(cmd: CommandBuilder, answer_queries: bool) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let master = pair.master;
        let initial = flags_of(master.as_ref());
        let child = pair.slave.spawn_command(cmd).expect("spawn in the pty");
        // Only the child keeps the slave open, so reads end when it exits.
        drop(pair.slave);

        let rows = NonZeroU16::new(ROWS).expect("rows");
        let cols = NonZeroU16::new(COLS).expect("cols");
        let term = Arc::new(Mutex::new(Term {
            bytes: Vec::new(),
            parser: vt100::Parser::new(rows, cols, 0),
            fed: 0,
            scan: 0,
        }));
        let writer: SharedWriter =
            Arc::new(Mutex::new(Some(master.take_writer().expect("pty writer"))));
        let mut source = master.try_clone_reader().expect("pty reader");
        let (sink, replies) = (Arc::clone(&term), Arc::clone(&writer));
        let reader = thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match source.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => {
                        let answers = lock(&sink).receive(&buf[..n]);
                        if answer_queries
                            && !answers.is_empty()
                            && let Some(w) = lock(&replies).as_mut()
                        {
                            let _ = w.write_all(&answers).and_then(|()| w.flush());
                        }
                    }
                    Err(e) if e.kind() == ErrorKind::Interrupted => {}
                    // EIO once the slave side is closed.
                    Err(_) => break,
                }
            }
        });
        Self {
            master,
            writer,
            child,
            term,
            reader: Some(reader),
            initial,
        }
    }

    /// Everything the program has written so far.
    fn raw_output(&self) -> Vec<u8> {
        lock(&self.term).bytes.clone()
    }

    fn screen_text(&self) -> String {
        lock(&self.term).parser.screen().contents()
    }

    /// Polls until `pred` holds for the screen; panics with the screen if it never does.
    fn wait_until(&self, what: &str, pred: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if pred(lock(&self.term).parser.screen()) {
                return;
            }
            if Instant::now() >= deadline {
                panic!(
                    "timed out after {TIMEOUT:?} waiting for {what}; screen:\n{}\n\
                     last output: {}",
                    self.screen_text(),
                    tail(&self.raw_output()),
                );
            }
            thread::sleep(POLL);
        }
    }

    fn wait_for(&self, text: &str) {
        self.wait_until(&format!("{text:?} on screen"), |s| {
            s.contents().contains(text)
        });
    }

    fn wait_gone(&self, text: &str) {
        self.wait_until(&format!("{text:?} to leave the screen"), |s| {
            !s.contents().contains(text)
        });
    }

    /// The viewer's first frame: title and timeline on the alternate screen.
    fn wait_first_frame(&self) {
        self.wait_until("the first frame", |s| {
            let text = s.contents();
            s.alternate_screen() && text.contains(TITLE) && text.contains("Timeline (6)")
        });
    }

    fn send(&self, bytes: &[u8]) {
        let mut writer = lock(&self.writer);
        let writer = writer.as_mut().expect("writer still open");
        writer.write_all(bytes).expect("write to the pty");
        writer.flush().expect("flush the pty");
    }

    fn pid(&self) -> libc::pid_t {
        let pid = self.child.process_id().expect("child pid");
        libc::pid_t::try_from(pid).expect("pid fits pid_t")
    }

    fn signal(&self, sig: libc::c_int) {
        // SAFETY: kill(2) with a pid we spawned and have not yet reaped.
        let rc = unsafe { libc::kill(self.pid(), sig) };
        assert_eq!(rc, 0, "kill({sig}): {}", std::io::Error::last_os_error());
    }

    /// The slave's termios as it is now.
    fn flags(&self) -> Flags {
        flags_of(self.master.as_ref())
    }

    /// Waits for the child to exit, then for the reader to drain everything it wrote.
    fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + TIMEOUT;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                break status;
            }
            if Instant::now() >= deadline {
                panic!(
                    "child still running after {TIMEOUT:?}; screen:\n{}\nlast output: {}",
                    self.screen_text(),
                    tail(&self.raw_output()),
                );
            }
            thread::sleep(POLL);
        };
        // The slave is closed now; the reader sees EIO once it has read everything.
        let deadline = Instant::now() + TIMEOUT;
        while self.reader.as_ref().is_some_and(|r| !r.is_finished()) {
            assert!(
                Instant::now() < deadline,
                "pty reader did not reach the end of output within {TIMEOUT:?}"
            );
            thread::sleep(POLL);
        }
        if let Some(reader) = self.reader.take() {
            reader.join().expect("reader thread");
        }
        *lock(&self.writer) = None;
        status
    }

    /// Exited with status 0.
    fn assert_success(&self, status: &ExitStatus) {
        assert!(
            status.success(),
            "parley exited with {status:?}; screen:\n{}\nlast output: {}",
            self.screen_text(),
            tail(&self.raw_output()),
        );
    }

    /// Exits with status 0, the terminal given back as it was.
    fn assert_clean_exit(&mut self) {
        let status = self.wait_exit();
        self.assert_success(&status);
        self.assert_restored();
        self.assert_cooked();
    }

    /// Raw mode is on: no line editing, no echo.
    fn assert_raw(&self) {
        let local = self.flags().local;
        assert_eq!(local & libc::ICANON, 0, "ICANON still set while running");
        assert_eq!(local & libc::ECHO, 0, "ECHO still set while running");
    }

    /// Cooked again, and exactly as before the program started.
    fn assert_cooked(&self) {
        let now = self.flags();
        assert_ne!(now.local & libc::ICANON, 0, "ICANON not restored: {now:?}");
        assert_ne!(now.local & libc::ECHO, 0, "ECHO not restored: {now:?}");
        assert_eq!(now, self.initial, "termios differs from before the run");
    }

    /// The terminal state after the program's output: the bytes order and what a
    /// terminal emulator makes of them.
    fn assert_restored(&self) {
        assert_restore_sequences(&self.raw_output());
        let term = lock(&self.term);
        let screen = term.parser.screen();
        let (alt, hidden, mouse) = (
            screen.alternate_screen(),
            screen.hide_cursor(),
            screen.mouse_protocol_mode(),
        );
        drop(term);
        assert!(!alt, "still on the alternate screen");
        assert!(!hidden, "cursor left hidden");
        assert_eq!(
            mouse,
            vt100::MouseProtocolMode::None,
            "mouse reporting left on"
        );
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        // A failed test must not leave the child behind.
        if let Ok(None) = self.child.try_wait() {
            if let Some(pid) = self.child.process_id()
                && let Ok(pid) = libc::pid_t::try_from(pid)
            {
                // SAFETY: kill(2) on our own unreaped child.
                unsafe {
                    libc::kill(pid, libc::SIGKILL);
                }
            }
            let _ = self.child.wait();
        }
        // The reader thread ends by itself at EIO; it is not joined here.
    }
}

fn base_command(program: &str) -> CommandBuilder {
    let mut cmd = CommandBuilder::new(program);
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("NO_COLOR");
    cmd.cwd(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn flags_of(master: &dyn MasterPty) -> Flags {
    let t = master.get_termios().expect("termios of the pty");
    Flags {
        input: t.input_flags.bits(),
        output: t.output_flags.bits(),
        control: t.control_flags.bits(),
        local: t.local_flags.bits(),
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// The end of the output, escaped, for failure messages.
fn tail(bytes: &[u8]) -> String {
    let start = bytes.len().saturating_sub(600);
    String::from_utf8_lossy(&bytes[start..])
        .escape_debug()
        .to_string()
}

/// Each thing the program turned on is turned off after it was last turned on.
fn assert_restore_sequences(out: &[u8]) {
    let context = || tail(out);
    let enter = rfind(out, ENTER_ALT)
        .unwrap_or_else(|| panic!("never entered the alternate screen: {}", context()));
    let leave = rfind(out, LEAVE_ALT)
        .unwrap_or_else(|| panic!("never left the alternate screen: {}", context()));
    assert!(
        enter < leave,
        "alternate screen entered at {enter} after it was last left at {leave}: {}",
        context()
    );

    let show =
        rfind(out, SHOW_CURSOR).unwrap_or_else(|| panic!("cursor never shown: {}", context()));
    if let Some(hide) = rfind(out, HIDE_CURSOR) {
        assert!(
            hide < show,
            "cursor hidden at {hide} after it was last shown at {show}: {}",
            context()
        );
    }

    assert!(
        rfind(out, b"\x1b[?1000h").is_some(),
        "mouse capture was never enabled: {}",
        context()
    );
    for mode in MOUSE_MODES {
        let on = format!("\x1b[?{mode}h");
        let off = format!("\x1b[?{mode}l");
        if let Some(on_at) = rfind(out, on.as_bytes()) {
            let off_at = rfind(out, off.as_bytes());
            assert!(
                off_at.is_some_and(|off_at| on_at < off_at),
                "mouse mode ?{mode} enabled at {on_at}, last disabled at {off_at:?}: {}",
                context()
            );
        }
    }
}

#[test]
fn starts_draws_reacts_and_quits() {
    let mut pty = Pty::parley();
    pty.wait_first_frame();
    pty.assert_raw();

    pty.send(b"2");
    pty.wait_for("People (9)");
    pty.send(b"?");
    pty.wait_for(" Keys ");
    // Esc alone, so it is not read as Alt with the next key.
    pty.send(b"\x1b");
    pty.wait_gone(" Keys ");
    pty.send(b"1");
    pty.wait_for("Timeline (6)");

    pty.send(b"q");
    pty.assert_clean_exit();
}

#[test]
fn ctrl_c_quits_and_restores() {
    let mut pty = Pty::parley();
    pty.wait_first_frame();
    pty.assert_raw();

    pty.send(b"\x03");
    pty.assert_clean_exit();
}

/// A terminating signal from outside: the terminal is given back and parley exits with
/// 128 + n, as a shell reports a process the signal ended.
fn signal_restores(sig: libc::c_int) {
    let mut pty = Pty::parley();
    pty.wait_first_frame();
    pty.assert_raw();

    pty.signal(sig);
    let status = pty.wait_exit();
    assert_eq!(
        (status.exit_code(), status.signal()),
        (128 + u32::try_from(sig).expect("positive"), None),
        "signal {sig}: exited with {status:?}; last output: {}",
        tail(&pty.raw_output())
    );
    pty.assert_restored();
    pty.assert_cooked();
}

#[test]
fn sigterm_restores() {
    signal_restores(libc::SIGTERM);
}

#[test]
fn sighup_restores() {
    signal_restores(libc::SIGHUP);
}

#[test]
fn sigint_restores() {
    signal_restores(libc::SIGINT);
}

#[test]
fn sigquit_restores() {
    signal_restores(libc::SIGQUIT);
}

#[test]
fn sigusr1_and_sigusr2_restore() {
    signal_restores(libc::SIGUSR1);
    signal_restores(libc::SIGUSR2);
}

#[test]
fn sigalrm_and_the_other_timers_restore() {
    for sig in [libc::SIGALRM, libc::SIGVTALRM, libc::SIGPROF] {
        signal_restores(sig);
    }
}

#[test]
fn resource_limit_signals_restore() {
    signal_restores(libc::SIGXCPU);
    signal_restores(libc::SIGXFSZ);
}

/// The loading screen of a large file honours the same signals.
#[test]
fn a_signal_during_a_large_load_restores() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("large.json");
    std::fs::write(&path, large_dataset()).expect("write");
    for sig in [libc::SIGINT, libc::SIGTERM] {
        let mut pty = Pty::parley_on(&path);
        pty.wait_until("the progress screen or the timeline", |s| {
            s.alternate_screen()
                && (s.contents().contains("Loading") || s.contents().contains("Timeline"))
        });
        pty.signal(sig);
        let status = pty.wait_exit();
        assert_eq!(
            status.exit_code(),
            128 + u32::try_from(sig).expect("positive"),
            "{status:?}"
        );
        pty.assert_restored();
        pty.assert_cooked();
    }
}

/// A terminal that never answers queries (some minimal terminals, serial lines, odd
/// multiplexers): parley asks it nothing, so it starts, draws, and quits cleanly.
#[test]
fn a_terminal_that_answers_no_queries_still_works() {
    let mut pty = Pty::spawn(base_command(env!("CARGO_BIN_EXE_parley")), false);
    pty.wait_first_frame();
    pty.assert_raw();
    pty.send(b"2");
    pty.wait_for("People (9)");
    pty.send(b"q");
    let status = pty.wait_exit();
    assert!(
        status.success(),
        "exit status {status:?}; output: {}",
        tail(&pty.raw_output())
    );
    pty.assert_restored();
    pty.assert_cooked();
}

/// Ctrl-Z needs a job-control shell: the pty's session leader has no parent in its
/// session, so a stop signal sent to it directly is discarded (orphaned process group).
/// An interactive bash owns the pty here, runs parley as a foreground job, and `fg`
/// resumes it.
#[test]
fn ctrl_z_suspends_and_fg_resumes() {
    let bash = "/bin/bash";
    if !std::path::Path::new(bash).exists() {
        eprintln!("skipping: no {bash}");
        return;
    }
    let mut cmd = base_command(bash);
    cmd.args([
        "--norc",
        "--noprofile",
        "--noediting",
        "+o",
        "history",
        "-i",
    ]);
    cmd.env("PS1", "pty$ ");
    cmd.env_remove("PROMPT_COMMAND");
    let mut pty = Pty::spawn(cmd, true);
    pty.wait_for("pty$ ");

    let parley = env!("CARGO_BIN_EXE_parley").replace('\'', r"'\''");
    pty.send(format!("'{parley}'\r").as_bytes());
    pty.wait_first_frame();
    pty.assert_raw();

    pty.send(b"\x1a");
    pty.wait_until("bash to report parley stopped", |s| {
        !s.alternate_screen() && s.contents().contains("Stopped")
    });
    // bash puts its own tty modes back when a job stops, so only the bytes say
    // whether parley itself let go of the terminal.
    assert_restore_sequences(&pty.raw_output());
    let before_fg = pty.raw_output().len();

    pty.send(b"fg\r");
    pty.wait_until("parley to redraw after fg", |s| {
        s.alternate_screen() && s.contents().contains(TITLE)
    });
    let resumed = pty.raw_output();
    assert!(
        rfind(&resumed, ENTER_ALT).is_some_and(|at| at >= before_fg),
        "fg did not re-enter the alternate screen: {}",
        tail(&resumed)
    );
    pty.assert_raw();
    // Still responsive after resuming.
    pty.send(b"2");
    pty.wait_for("People (9)");

    pty.send(b"q");
    pty.wait_until("the shell prompt after quitting", |s| !s.alternate_screen());
    assert_restore_sequences(&pty.raw_output());
    pty.send(b"echo \"parley-status=$?\"\r");
    pty.wait_for("parley-status=0");
    pty.assert_cooked();

    pty.send(b"exit\r");
    let status = pty.wait_exit();
    assert!(status.success(), "bash exited with {status:?}");
    pty.assert_restored();
}

/// An interactive bash owning a fresh pty, ready at its prompt.
fn job_control_shell() -> Option<Pty> {
    let bash = "/bin/bash";
    if !std::path::Path::new(bash).exists() {
        eprintln!("skipping: no {bash}");
        return None;
    }
    let mut cmd = base_command(bash);
    cmd.args([
        "--norc",
        "--noprofile",
        "--noediting",
        "+o",
        "history",
        "-i",
    ]);
    cmd.env("PS1", "pty$ ");
    cmd.env_remove("PROMPT_COMMAND");
    let pty = Pty::spawn(cmd, true);
    pty.wait_for("pty$ ");
    Some(pty)
}

/// The pid of the child of `parent` running `name`, from /proc.
fn child_named(parent: libc::pid_t, name: &str) -> Option<libc::pid_t> {
    std::fs::read_dir("/proc")
        .ok()?
        .flatten()
        .find_map(|entry| {
            let pid: libc::pid_t = entry.file_name().to_str()?.parse().ok()?;
            let (comm, state_and_ppid) = proc_stat(pid)?;
            let ppid: libc::pid_t = state_and_ppid.split(' ').nth(1)?.parse().ok()?;
            (ppid == parent && comm == name).then_some(pid)
        })
}

/// A process's name and what follows it in /proc/PID/stat ("T 1234 ...").
fn proc_stat(pid: libc::pid_t) -> Option<(String, String)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let open = stat.find('(')?;
    let close = stat.rfind(')')?;
    Some((
        stat.get(open + 1..close)?.to_string(),
        stat.get(close + 2..)?.to_string(),
    ))
}

/// Whether the process is stopped (state T).
fn is_stopped(pid: libc::pid_t) -> bool {
    proc_stat(pid).is_some_and(|(_, rest)| rest.starts_with('T'))
}

/// A stop signal from outside (not Ctrl-Z) while parley runs as a shell's foreground
/// job, then `fg`: after SIGTSTP parley gives the terminal back before it stops; after
/// SIGSTOP, which it cannot catch, it still takes the terminal back on SIGCONT. Either
/// way it resumes in raw mode on the alternate screen with the mouse on and a full
/// frame, and quits with status 0.
fn external_stop_then_fg(sig: libc::c_int) {
    if !std::path::Path::new("/proc/self/stat").exists() {
        eprintln!("skipping: no /proc");
        return;
    }
    let Some(mut pty) = job_control_shell() else {
        return;
    };
    let parley = env!("CARGO_BIN_EXE_parley").replace('\'', r"'\''");
    pty.send(format!("'{parley}'\r").as_bytes());
    pty.wait_first_frame();
    pty.assert_raw();
    let deadline = Instant::now() + TIMEOUT;
    let pid = loop {
        if let Some(pid) = child_named(pty.pid(), "parley") {
            break pid;
        }
        assert!(Instant::now() < deadline, "parley not found under bash");
        thread::sleep(POLL);
    };

    let before_stop = pty.raw_output().len();
    // SAFETY: kill(2) on a process of this test's own pty.
    assert_eq!(unsafe { libc::kill(pid, sig) }, 0, "kill({sig})");
    // After SIGSTOP the alternate screen is still on: parley had no say.
    pty.wait_until("bash to report parley stopped", |s| {
        (sig == libc::SIGSTOP || !s.alternate_screen()) && s.contents().contains("Stopped")
    });
    assert!(is_stopped(pid), "parley is not stopped");
    if sig == libc::SIGTSTP {
        // bash puts its own tty modes back when a job stops, so only the bytes say
        // whether parley itself let go of the terminal before stopping.
        let out = pty.raw_output();
        assert_restore_sequences(&out);
        assert!(
            rfind(&out, LEAVE_ALT).is_some_and(|at| at >= before_stop),
            "parley did not leave the alternate screen on SIGTSTP: {}",
            tail(&out)
        );
    }
    let before_fg = pty.raw_output().len();

    pty.send(b"fg\r");
    pty.wait_until("parley to redraw after fg", |s| {
        s.alternate_screen()
            && s.contents().contains(TITLE)
            && s.contents().contains("Timeline (6)")
    });
    let resumed = pty.raw_output();
    let after = &resumed[before_fg..];
    assert!(
        find(after, ENTER_ALT).is_some(),
        "fg did not re-enter the alternate screen: {}",
        tail(&resumed)
    );
    assert!(
        find(after, b"\x1b[?1000h").is_some(),
        "fg did not turn the mouse back on: {}",
        tail(&resumed)
    );
    assert!(
        find(after, TITLE.as_bytes()).is_some(),
        "the frame after fg was not drawn in full: {}",
        tail(&resumed)
    );
    pty.assert_raw();
    // Keys act, and are not echoed as typed text.
    pty.send(b"2");
    pty.wait_for("People (9)");
    assert!(!pty.screen_text().contains("fg2"), "{}", pty.screen_text());

    pty.send(b"q");
    pty.wait_until("the shell prompt after quitting", |s| !s.alternate_screen());
    assert_restore_sequences(&pty.raw_output());
    pty.send(b"echo \"parley-status=$?\"\r");
    pty.wait_for("parley-status=0");
    pty.assert_cooked();

    pty.send(b"exit\r");
    let status = pty.wait_exit();
    assert!(status.success(), "bash exited with {status:?}");
}

#[test]
fn an_external_sigtstp_suspends_and_fg_resumes() {
    external_stop_then_fg(libc::SIGTSTP);
}

#[test]
fn sigcont_after_sigstop_takes_the_terminal_back() {
    external_stop_then_fg(libc::SIGSTOP);
}

/// A panic after the first frame: the terminal comes back first, then the report is
/// printed on the normal screen where the user can read it.
#[test]
fn a_panic_restores_the_terminal_and_prints_a_readable_report() {
    let mut cmd = base_command(env!("CARGO_BIN_EXE_parley"));
    cmd.env("PARLEY_TEST_PANIC", "1");
    cmd.env("RUST_BACKTRACE", "0");
    let mut pty = Pty::spawn(cmd, true);
    let status = pty.wait_exit();
    assert!(!status.success(), "a panic is a failure");
    pty.assert_restored();
    pty.assert_cooked();
    let out = pty.raw_output();
    let report = find(&out, b"panicking on purpose").expect("the panic message was printed");
    let left = rfind(&out, LEAVE_ALT).expect("left the alternate screen");
    assert!(
        left < report,
        "the report came after leaving the alternate screen"
    );
    let screen = pty.screen_text();
    assert!(
        screen.contains("The application panicked"),
        "color-eyre's report is on screen:\n{screen}"
    );
    assert!(screen.contains("PARLEY_TEST_PANIC is set"), "{screen}");
}

/// A bad file is refused before the terminal is touched: one message, no half-drawn
/// screen.
#[test]
fn a_bad_file_never_touches_the_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bad.json");
    std::fs::write(&path, "{\"title\": \"x\", \"zone\": \"Mars/Base\"}").expect("write");
    let mut pty = Pty::parley_on(&path);
    let status = pty.wait_exit();
    assert!(!status.success());
    let out = pty.raw_output();
    assert!(
        find(&out, ENTER_ALT).is_none(),
        "entered the alternate screen: {}",
        tail(&out)
    );
    assert!(
        find(&out, b"\x1b[?1000h").is_none(),
        "turned on the mouse: {}",
        tail(&out)
    );
    let screen = pty.screen_text();
    assert!(screen.contains("unknown time zone 'Mars/Base'"), "{screen}");
    pty.assert_cooked();
}

/// Escape sequences inside a dataset are drawn as visible text, never sent raw.
#[test]
fn escapes_in_a_file_never_reach_the_terminal() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile/injection.json");
    let mut pty = Pty::parley_on(&path);
    pty.wait_for("PWNED-TITLE");
    for keys in [&b"2"[..], b"3", b"4", b"1"] {
        pty.send(keys);
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    pty.send(b"q");
    let status = pty.wait_exit();
    pty.assert_success(&status);
    let out = pty.raw_output();
    for bad in [
        &b"\x1b]0;PWNED"[..],
        b"\x1b]8;;evil",
        b"\x1b[31mRED",
        "\u{202e}".as_bytes(),
        "\u{9b}".as_bytes(),
        b"\x07",
    ] {
        assert!(
            find(&out, bad).is_none(),
            "{bad:?} reached the terminal: {}",
            tail(&out)
        );
    }
}

/// A dataset large enough to load behind the progress screen.
fn large_dataset() -> String {
    let text = parley::synthetic::dataset(12_000, 3);
    assert!(text.len() as u64 >= parley::commands::PROGRESS_FROM_BYTES);
    text
}

#[test]
fn a_large_file_shows_its_progress_then_its_timeline() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("large.json");
    std::fs::write(&path, large_dataset()).expect("write");
    let mut pty = Pty::parley_on(&path);
    pty.wait_for("Timeline (12,000)");
    let out = pty.raw_output();
    let loading = find(&out, b"Loading").expect("the progress screen was drawn");
    let timeline = find(&out, b"Timeline (12,000)").expect("the timeline was drawn");
    assert!(loading < timeline, "progress after the timeline");
    assert!(find(&out, b"stop and quit").is_some(), "{}", tail(&out));
    pty.send(b"q");
    pty.assert_clean_exit();
}

#[test]
fn a_large_broken_file_is_reported_once_the_terminal_is_given_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("broken.json");
    let text = large_dataset();
    let at = text.rfind("\"status\": \"").expect("an event status");
    let broken = format!("{}\"status\": \"hold\"{}", &text[..at], {
        let rest = &text[at + "\"status\": \"".len()..];
        &rest[rest.find('"').expect("end of the status") + 1..]
    });
    std::fs::write(&path, broken).expect("write");
    let mut pty = Pty::parley_on(&path);
    let status = pty.wait_exit();
    assert!(!status.success());
    pty.assert_restored();
    pty.assert_cooked();
    let screen = pty.screen_text();
    assert!(
        screen.contains("events[11999].status: unknown status 'hold'"),
        "{screen}"
    );
}

#[test]
fn print_on_a_terminal_wraps_to_its_width() {
    let mut cmd = base_command(env!("CARGO_BIN_EXE_parley"));
    cmd.arg("print");
    let mut pty = Pty::spawn(cmd, true);
    let status = pty.wait_exit();
    pty.assert_success(&status);
    let out = String::from_utf8(pty.raw_output()).expect("UTF-8");
    let whole = std::process::Command::new(env!("CARGO_BIN_EXE_parley"))
        .arg("print")
        .output()
        .expect("runs");
    let whole = String::from_utf8(whole.stdout).expect("UTF-8");
    assert!(
        whole.lines().any(|l| l.chars().count() > usize::from(COLS)),
        "the bundled agenda has lines wider than the terminal"
    );
    for line in out.split("\r\n") {
        let w = parley::app::document::drawn_width(line);
        assert!(w <= usize::from(COLS), "{w} columns: {line:?}");
    }
    let words = |s: &str| s.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
    assert_eq!(words(&out), words(&whole));
}

/// The dataset of web links: one well-formed long address, one in the summary, and
/// addresses holding escapes, a bidi override, or another scheme.
const LINKS: &str = "tests/fixtures/links/links.json";
const LONG_ADDRESS: &str = "https://example.org/reports/2025/12/05/miami-talks-second-day-readout-and-next-steps?lang=en#summary";

/// `parley --no-config` on the links dataset, with `BROWSER` as given.
fn parley_on_links(browser: Option<&str>) -> Pty {
    let mut cmd = base_command(env!("CARGO_BIN_EXE_parley"));
    cmd.arg("--no-config");
    cmd.arg(LINKS);
    match browser {
        Some(b) => cmd.env("BROWSER", b),
        None => cmd.env_remove("BROWSER"),
    }
    let pty = Pty::spawn(cmd, true);
    pty.wait_for("A report with a long address");
    pty
}

/// Polls until the raw output holds `needle`; panics with the output if it never does.
fn wait_output(pty: &Pty, needle: &[u8]) {
    let deadline = Instant::now() + TIMEOUT;
    while find(&pty.raw_output(), needle).is_none() {
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {:?}: {}",
            String::from_utf8_lossy(needle),
            tail(&pty.raw_output())
        );
        thread::sleep(POLL);
    }
}

#[test]
fn only_well_formed_web_addresses_become_hyperlinks() {
    let mut pty = parley_on_links(None);
    let open = format!("\x1b]8;;{LONG_ADDRESS}\x1b\\");
    wait_output(&pty, open.as_bytes());
    wait_output(&pty, b"\x1b]8;;https://example.org/summary\x1b\\");
    // Drawn as the text it stands for, shortened in the middle, and closed after it.
    let out = pty.raw_output();
    let at = find(&out, open.as_bytes()).expect("found") + open.len();
    let close = find(&out[at..], b"\x1b]8;;\x1b\\").expect("the link is closed");
    let text = String::from_utf8_lossy(&out[at..at + close]).to_string();
    assert!(text.starts_with("https://example.org/"), "{text}");
    assert!(text.contains('…'), "{text}");
    // Every hyperlink opened leads to one of the two well-formed addresses.
    let long = format!("{LONG_ADDRESS}\x1b\\");
    let mut rest = &out[..];
    while let Some(i) = find(rest, b"\x1b]8;;") {
        rest = &rest[i + 5..];
        let ok = [
            long.as_bytes(),
            b"https://example.org/summary\x1b\\",
            b"\x1b\\",
        ]
        .iter()
        .any(|a| rest.starts_with(a));
        assert!(ok, "a hyperlink to {}", tail(&rest[..rest.len().min(80)]));
    }
    for bad in [
        &b"evil.example/\x1b"[..],
        b"\x1b]8;;https://evil",
        "\u{202e}".as_bytes(),
        b"\x07",
        b"\x1b]8;;javascript",
    ] {
        assert!(find(&out, bad).is_none(), "{bad:?} reached the terminal");
    }
    // The refused addresses are shown as text by the rule, and nothing is garbled.
    let screen = pty.screen_text();
    assert!(screen.contains("\\u{1b}]8;;https://ev"), "{screen}");
    assert!(
        screen.contains("https://example.org/\\u{202e}gnp.exe"),
        "{screen}"
    );
    assert!(screen.contains(&text), "{screen}");
    pty.send(b"q");
    pty.assert_clean_exit();
}

/// Tab to the summary's address, then to the source's, which the footer then shows.
fn focus_the_long_address(pty: &Pty) {
    pty.send(b"\t");
    pty.wait_for("https://example.org/summary · o open");
    pty.send(b"\t");
    pty.wait_until("the source's address in the footer", |s| {
        let text = s.contents();
        text.lines()
            .last()
            .is_some_and(|l| l.starts_with(" https://example.org/") && l.contains("#summary · "))
    });
}

/// A browser that writes how many arguments it was given, then each on a line.
fn recording_browser(dir: &std::path::Path) -> (String, std::path::PathBuf) {
    let script = dir.join("browser.sh");
    let record = dir.join("argv");
    std::fs::write(
        &script,
        format!("printf '%s\\n' \"$#\" \"$@\" > '{}'\n", record.display()),
    )
    .expect("write the script");
    // Run by sh, so the script is never executed while a test elsewhere forks.
    (format!("/bin/sh {}", script.display()), record)
}

#[test]
fn o_opens_the_focused_address_as_one_argument() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (browser, record) = recording_browser(dir.path());
    let mut pty = parley_on_links(Some(&browser));
    // The summary's address, then the source's.
    focus_the_long_address(&pty);
    pty.send(b"o");
    pty.wait_for("opening with /bin/sh");
    let deadline = Instant::now() + TIMEOUT;
    let argv = loop {
        if let Ok(text) = std::fs::read_to_string(&record)
            && text.ends_with('\n')
        {
            break text;
        }
        assert!(Instant::now() < deadline, "the browser never ran");
        thread::sleep(POLL);
    };
    assert_eq!(argv, format!("1\n{LONG_ADDRESS}\n"));
    pty.send(b"q");
    pty.assert_clean_exit();
}

#[test]
fn y_copies_the_focused_address_with_osc_52() {
    use base64::Engine;
    let mut pty = parley_on_links(None);
    focus_the_long_address(&pty);
    pty.send(b"y");
    let encoded = base64::engine::general_purpose::STANDARD.encode(LONG_ADDRESS);
    wait_output(&pty, format!("\x1b]52;c;{encoded}\x1b\\").as_bytes());
    pty.wait_for("copied https://example.org/");
    pty.send(b"q");
    pty.assert_clean_exit();
}

#[test]
fn a_browser_that_cannot_start_is_reported_in_the_footer() {
    let mut pty = parley_on_links(Some("/nonexistent/browser"));
    focus_the_long_address(&pty);
    pty.send(b"o");
    pty.wait_for("cannot open the link: /nonexistent/browser:");
    // The viewer carries on.
    pty.send(b"\x1b");
    pty.wait_for("Tab links");
    pty.send(b"q");
    pty.assert_clean_exit();
}
