//! Writes a synthetic dataset in the native format to stdout:
//! `cargo run --release --example generate -- --events 100000 --seed 1 > big.json`
//! (`--accounts` for other sources' accounts on a tenth of the events)

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::Parser;

#[derive(Parser)]
#[command(about = "Write a synthetic parley dataset to stdout")]
struct Args {
    /// Number of events
    #[arg(long, default_value_t = 10_000)]
    events: usize,
    /// Seed: the same seed gives the same file
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Give every tenth event other sources' accounts of its time and place
    #[arg(long)]
    accounts: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let mut out = BufWriter::with_capacity(1 << 20, io::stdout().lock());
    match parley::synthetic::write_with(&mut out, args.events, args.seed, args.accounts)
        .and_then(|()| out.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("generate: {e}");
            ExitCode::FAILURE
        }
    }
}
