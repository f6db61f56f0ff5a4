//! The terminal: entering and leaving it cleanly (on exit, error, panic and every
//! terminating signal a program can catch), suspending on Ctrl-Z or SIGTSTP, taking the
//! terminal back on SIGCONT, and the event loop that feeds `update`.

use std::io::{self, Stdout, Write, stdout};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, TryRecvError};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use libc::c_int;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event as TermEvent,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use signal_hook::consts::{
    SIGALRM, SIGCONT, SIGHUP, SIGINT, SIGPROF, SIGQUIT, SIGTERM, SIGTSTP, SIGUSR1, SIGUSR2,
    SIGVTALRM, SIGXCPU, SIGXFSZ,
};

use crate::app::keymap::Keymap;
use crate::app::{Action, App, Request};
use crate::data::stream::Progress;
use crate::data::{self, LoadError, LoadOptions};
use crate::model::timeline::Timeline;
use crate::ui::{self, Theme};
use crate::watch::Reloader;

pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// How often the loop wakes without input, to notice signals and the clock.
const TICK: Duration = Duration::from_millis(100);

/// The signals that end parley once the terminal is restored, with status 128 + n.
/// SIGPIPE is not among them: Rust ignores it, so a closed pipe is a write error
/// instead. SIGKILL and SIGSTOP cannot be caught; SIGSEGV, SIGBUS and the like are
/// faults, not requests.
pub const TERMINATING: [c_int; 11] = [
    SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU,
    SIGXFSZ,
];

/// What signals asked for, noted by their handlers and acted on by the loops.
struct Signals {
    /// The terminating signal received, or 0.
    stop: Arc<AtomicUsize>,
    /// SIGTSTP from outside (Ctrl-Z itself arrives as a key in raw mode).
    suspend: Arc<AtomicBool>,
    /// SIGCONT: whoever stopped parley, the terminal may have been changed meanwhile.
    resumed: Arc<AtomicBool>,
}

impl Signals {
    fn register() -> io::Result<Signals> {
        let signals = Signals {
            stop: Arc::new(AtomicUsize::new(0)),
            suspend: Arc::new(AtomicBool::new(false)),
            resumed: Arc::new(AtomicBool::new(false)),
        };
        for signal in TERMINATING {
            let n = usize::try_from(signal).unwrap_or(0);
            signal_hook::flag::register_usize(signal, Arc::clone(&signals.stop), n)?;
        }
        signal_hook::flag::register(SIGTSTP, Arc::clone(&signals.suspend))?;
        signal_hook::flag::register(SIGCONT, Arc::clone(&signals.resumed))?;
        Ok(signals)
    }

    /// The terminating signal received, if any.
    fn stopped(&self) -> Option<c_int> {
        match self.stop.load(Ordering::Relaxed) {
            0 => None,
            n => c_int::try_from(n).ok(),
        }
    }
}

/// Raw mode, the alternate screen and mouse reporting; on failure, nothing is left on.
///
/// The screen is cleared with a plain escape sequence: ratatui's `clear` asks the
/// terminal for the cursor position, and a terminal that never answers would stall
/// start-up.
pub fn enter(mouse: bool) -> io::Result<Term> {
    let entered = enable_raw_mode()
        .and_then(|()| execute!(stdout(), EnterAlternateScreen, Clear(ClearType::All)))
        .and_then(|()| {
            if mouse {
                execute!(stdout(), EnableMouseCapture)
            } else {
                Ok(())
            }
        })
        .and_then(|()| Terminal::new(CrosstermBackend::new(stdout())));
    if entered.is_err() {
        leave();
    }
    entered
}

/// Puts the terminal back as it was; safe to call more than once.
pub fn leave() {
    let _ = execute!(stdout(), DisableMouseCapture, LeaveAlternateScreen, Show);
    let _ = disable_raw_mode();
}

/// Restores the terminal before the previous hook (color-eyre's) reports the panic, so
/// the report lands on the normal screen.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        leave();
        previous(info);
    }));
}

/// What the viewer opens with: a dataset in hand, or a large file still loading.
pub enum Start {
    Ready(Box<App>),
    Loading(Loading),
}

/// A file loading on its own thread, and the viewer it becomes.
pub struct Loading {
    /// The file as the user named it.
    pub file: String,
    progress: Arc<Mutex<Progress>>,
    done: mpsc::Receiver<Result<App, LoadError>>,
    /// The keys in use: the loading screen stops and suspends on them.
    keymap: Keymap,
}

impl Loading {
    /// Starts loading `path`; `app` makes the viewer from the timeline, on the same
    /// thread, so that the event loop has nothing left to do but draw. `keymap` is the
    /// key table the viewer will use, read by the loading screen too.
    pub fn spawn(
        path: PathBuf,
        options: LoadOptions,
        keymap: Keymap,
        app: impl FnOnce(Timeline) -> App + Send + 'static,
    ) -> Loading {
        let file = crate::model::text::clean_line(&path.display().to_string()).into_owned();
        let progress = Arc::new(Mutex::new(Progress::default()));
        let (tx, done) = mpsc::channel();
        let shared = Arc::clone(&progress);
        std::thread::spawn(move || {
            let loaded = data::load_file_watching(&path, options, &mut |p| {
                *shared.lock().unwrap_or_else(PoisonError::into_inner) = p;
            });
            let _ = tx.send(loaded.map(app));
        });
        Loading {
            file,
            progress,
            done,
            keymap,
        }
    }
}

/// How a session ended.
#[derive(Debug)]
pub enum Ended {
    /// The user quit.
    Quit,
    /// A terminating signal asked parley to stop: the process exits with 128 + n.
    Signalled(c_int),
    /// The file that was loading could not be read.
    Failed(LoadError),
}

/// Runs the viewer until the user quits or a signal asks it to stop; with a `watch`,
/// the file is reloaded when it changes.
pub fn run(
    start: Start,
    theme: Theme,
    clock: impl Fn() -> i64,
    mut watch: Option<Reloader>,
    mouse: bool,
) -> color_eyre::Result<Ended> {
    let signals = Signals::register()?;
    install_panic_hook();
    watchdog(Arc::clone(&signals.stop));
    let mut terminal = enter(mouse)?;
    let mut app = match start {
        Start::Ready(app) => *app,
        Start::Loading(loading) => match wait(&mut terminal, &loading, &theme, &signals, mouse) {
            Ok(Ok(Ok(app))) => app,
            Ok(Ok(Err(problems))) => {
                leave();
                return Ok(Ended::Failed(problems));
            }
            Ok(Err(ended)) => {
                leave();
                return Ok(ended);
            }
            Err(e) => {
                leave();
                return match signals.stopped() {
                    Some(signal) => Ok(Ended::Signalled(signal)),
                    None => Err(e),
                };
            }
        },
    };
    let result = event_loop(
        &mut terminal,
        &mut app,
        &theme,
        &signals,
        &clock,
        &mut watch,
        mouse,
    );
    leave();
    // The process ends next: freeing a million events one by one would only keep the
    // shell waiting.
    std::mem::forget(app);
    // A read the signal cut short is no error of its own: the signal is what ended it.
    match (result, signals.stopped()) {
        (Err(_), Some(signal)) => Ok(Ended::Signalled(signal)),
        (result, _) => result,
    }
}

/// Shows the progress of a load until it ends (`Ok`) or the user or a signal stops it
/// (`Err`, how it ended). Input is read all along: a large file never holds the
/// terminal hostage.
fn wait(
    terminal: &mut Term,
    loading: &Loading,
    theme: &Theme,
    signals: &Signals,
    mouse: bool,
) -> color_eyre::Result<Result<Result<App, LoadError>, Ended>> {
    // Drawn every 50 ms; checked every 2 ms, so the timeline follows the load closely.
    let mut redraw = true;
    let mut checks = 0u32;
    loop {
        if redraw || checks.is_multiple_of(25) {
            let progress = *loading
                .progress
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            terminal.draw(|frame| {
                ui::loading::render(&loading.file, progress, &loading.keymap, theme, frame);
            })?;
        }
        checks = checks.wrapping_add(1);
        redraw = event::poll(Duration::from_millis(2))?;
        if redraw && let TermEvent::Key(key) = event::read()? {
            match loading.keymap.loading_action(&key) {
                Some(Action::Quit) => return Ok(Err(Ended::Quit)),
                Some(Action::Suspend) => suspend(terminal, signals, mouse)?,
                _ => {}
            }
        }
        if let Some(signal) = signals.stopped() {
            return Ok(Err(Ended::Signalled(signal)));
        }
        redraw |= take_job_control(terminal, signals, mouse)?;
        match loading.done.try_recv() {
            Ok(loaded) => return Ok(Ok(loaded)),
            Err(TryRecvError::Empty) => {}
            Err(TryRecvError::Disconnected) => {
                return Err(color_eyre::eyre::eyre!(
                    "loading {} stopped without a result",
                    loading.file
                ));
            }
        }
    }
}

fn event_loop(
    terminal: &mut Term,
    app: &mut App,
    theme: &Theme,
    signals: &Signals,
    clock: &impl Fn() -> i64,
    watch: &mut Option<Reloader>,
    mouse: bool,
) -> color_eyre::Result<Ended> {
    // For the tests of terminal restoration: a panic once the first frame is up.
    let panic_on_purpose = std::env::var_os("PARLEY_TEST_PANIC").is_some();
    loop {
        let size = terminal.size()?;
        if (size.width, size.height) != app.size {
            app.update(Action::Resize(size.width, size.height));
        }
        terminal.draw(|frame| ui::render(app, theme, frame))?;
        if panic_on_purpose {
            panic!("PARLEY_TEST_PANIC is set: panicking on purpose");
        }
        // Wait for input, waking to notice a signal, a reload or the clock.
        loop {
            if let Some(signal) = signals.stopped() {
                return Ok(Ended::Signalled(signal));
            }
            if take_job_control(terminal, signals, mouse)? {
                break;
            }
            // Work under way goes on a step per frame while no key is waiting.
            if app.busy() {
                if !event::poll(Duration::ZERO)? {
                    app.update(Action::Continue);
                }
                break;
            }
            if event::poll(TICK)? {
                break;
            }
            if let Some(outcome) = watch.as_mut().and_then(Reloader::poll) {
                app.update(Action::Reloaded(outcome));
                break;
            }
            let now = clock();
            if now / 60 != app.now / 60 {
                app.update(Action::Clock(now));
                break;
            }
        }
        // Everything already waiting is handled before the next frame.
        while event::poll(Duration::ZERO)? {
            let ev = event::read()?;
            if let Some(action) = app.action_for(&ev) {
                app.update(action);
            }
            if let Some(request) = app.request.take() {
                carry_out(terminal, app, request);
            }
            if app.quit {
                return Ok(Ended::Quit);
            }
            if app.suspend {
                app.suspend = false;
                suspend(terminal, signals, mouse)?;
            }
        }
    }
}

/// Does what `update` asked for outside the viewer, and says how it went in the footer.
fn carry_out(terminal: &mut Term, app: &mut App, request: Request) {
    app.status = Some(match request {
        Request::Open(address) => match crate::browser::open(&address) {
            Ok(program) => format!("opening with {program}: {address}"),
            Err(e) => format!("cannot open the link: {e}"),
        },
        Request::Copy(address) => match crate::browser::copy_sequence(&address) {
            Some(seq) => {
                let backend = terminal.backend_mut();
                match backend
                    .write_all(seq.as_bytes())
                    .and_then(|()| backend.flush())
                {
                    Ok(()) => format!("copied {address}"),
                    Err(e) => format!("cannot copy the link: {e}"),
                }
            }
            None => "cannot copy the link: not a web address".into(),
        },
    });
}

/// Watches from outside the event loop, which can be stuck inside the terminal library
/// once the terminal is gone: when the terminal hangs up (its window was closed) parley
/// exits; when a stop signal is not acted on within a second, it restores the terminal
/// and exits with 128 + the signal.
fn watchdog(stop: Arc<AtomicUsize>) {
    std::thread::spawn(move || {
        let mut asked: Option<std::time::Instant> = None;
        loop {
            std::thread::sleep(Duration::from_millis(200));
            if terminal_hung_up() {
                leave();
                std::process::exit(129);
            }
            let signal = stop.load(Ordering::Relaxed);
            if signal != 0 {
                let since = *asked.get_or_insert_with(std::time::Instant::now);
                if since.elapsed() > Duration::from_secs(1) {
                    leave();
                    std::process::exit(exit_status(c_int::try_from(signal).unwrap_or(0)));
                }
            }
        }
    });
}

/// Whether the terminal on standard input has hung up.
fn terminal_hung_up() -> bool {
    let mut fd = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd, no timeout.
    let ready = unsafe { libc::poll(&mut fd, 1, 0) };
    ready > 0 && fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

/// The status a process ended by `signal` exits with, as shells report it: 128 + n.
pub fn exit_status(signal: c_int) -> i32 {
    128 + signal
}

/// Acts on SIGTSTP and SIGCONT from outside; true when the screen was taken back and
/// needs a full frame.
fn take_job_control(terminal: &mut Term, signals: &Signals, mouse: bool) -> io::Result<bool> {
    if signals.suspend.swap(false, Ordering::Relaxed) {
        suspend(terminal, signals, mouse)?;
        return Ok(true);
    }
    if signals.resumed.swap(false, Ordering::Relaxed) {
        // Stopped by SIGSTOP, which cannot be caught: the shell may have put its own
        // modes back meanwhile, so raw mode is set again from scratch.
        let _ = disable_raw_mode();
        *terminal = enter(mouse)?;
        return Ok(true);
    }
    Ok(false)
}

/// Ctrl-Z or SIGTSTP: give the terminal back, stop until `fg`, then take it again; the
/// new terminal has no previous frame, so the next one is drawn in full.
fn suspend(terminal: &mut Term, signals: &Signals, mouse: bool) -> io::Result<()> {
    leave();
    stop_process()?;
    // The SIGCONT that woke parley is this resumption, already handled here.
    signals.resumed.store(false, Ordering::Relaxed);
    *terminal = enter(mouse)?;
    Ok(())
}

/// Stops the process as SIGTSTP does by default, then puts parley's handler back. The
/// default action is used, not SIGSTOP: in an orphaned process group (parley run
/// directly as a session leader) the kernel discards it, where nothing could resume a
/// stopped parley.
fn stop_process() -> io::Result<()> {
    // SAFETY: sigaction with zeroed, fully initialised structs; the previous action is
    // restored right after the stop.
    unsafe {
        let mut default: libc::sigaction = std::mem::zeroed();
        default.sa_sigaction = libc::SIG_DFL;
        libc::sigemptyset(&mut default.sa_mask);
        let mut previous: libc::sigaction = std::mem::zeroed();
        if libc::sigaction(SIGTSTP, &default, &mut previous) != 0 {
            return Err(io::Error::last_os_error());
        }
        let raised = signal_hook::low_level::raise(SIGTSTP);
        libc::sigaction(SIGTSTP, &previous, std::ptr::null_mut());
        raised
    }
}
