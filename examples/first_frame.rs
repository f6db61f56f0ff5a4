//! Time to first frame of the real binary in a pseudo-terminal: how long after start
//! the screen is taken (the progress screen, for a large file) and the timeline drawn.
//! `cargo build --release && cargo run --release --example first_frame -- big100k.json`

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use clap::Parser;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

#[derive(Parser)]
#[command(about = "Time parley's first frames in a pseudo-terminal")]
struct Args {
    /// The dataset to open
    file: PathBuf,
    /// How many times to start parley
    #[arg(long, default_value_t = 5)]
    runs: u32,
    /// The parley binary
    #[arg(long, default_value = "target/release/parley")]
    parley: PathBuf,
}

const ENTER_ALT: &[u8] = b"\x1b[?1049h";
const TIMELINE: &[u8] = b"Timeline (";

fn find(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// One start: (screen taken, timeline drawn), since the program was started.
fn run(args: &Args) -> Result<(Duration, Duration), String> {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 50,
            cols: 200,
            pixel_width: 0,
            pixel_height: 0,
        })
        .map_err(|e| e.to_string())?;
    let absolute = |p: &PathBuf| std::path::absolute(p).unwrap_or_else(|_| p.clone());
    let mut cmd = CommandBuilder::new(absolute(&args.parley));
    cmd.arg(absolute(&args.file));
    if let Ok(dir) = std::env::current_dir() {
        cmd.cwd(dir);
    }
    cmd.env("TERM", "xterm-256color");
    let start = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).map_err(|e| e.to_string())?;
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().map_err(|e| e.to_string())?;
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 1 << 16];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send((Instant::now(), buf[..n].to_vec())).is_err() {
                break;
            }
        }
    });
    let mut seen = Vec::new();
    let mut entered = None;
    let deadline = start + Duration::from_secs(120);
    let drawn = loop {
        let (at, chunk) = rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .map_err(|_| "no timeline within two minutes".to_string())?;
        seen.extend_from_slice(&chunk);
        if entered.is_none() && find(&seen, ENTER_ALT) {
            entered = Some(at - start);
        }
        if find(&seen, TIMELINE) {
            break at - start;
        }
    };
    let _ = pair.master.take_writer().map(|mut w| w.write_all(b"q"));
    let _ = child.kill();
    let _ = child.wait();
    Ok((entered.unwrap_or(drawn), drawn))
}

fn main() -> ExitCode {
    let args = Args::parse();
    let mut drawn = Vec::new();
    for i in 1..=args.runs {
        match run(&args) {
            Ok((entered, timeline)) => {
                println!(
                    "run {i}: screen taken after {entered:.1?}, timeline after {timeline:.1?}"
                );
                drawn.push(timeline);
            }
            Err(e) => {
                eprintln!("first_frame: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    drawn.sort();
    if let (Some(min), Some(median)) = (drawn.first(), drawn.get(drawn.len() / 2)) {
        println!("timeline drawn: fastest {min:.1?}, median {median:.1?}");
    }
    ExitCode::SUCCESS
}
