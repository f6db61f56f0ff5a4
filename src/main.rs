use std::process::ExitCode;

use clap::Parser;
use parley::cli::Cli;

// A large dataset is millions of small strings and lists: mimalloc keeps them closer
// together and frees them faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    if let Err(e) = color_eyre::install() {
        eprintln!("parley: cannot install the error reporter: {e}");
    }
    let cli = Cli::parse();
    parley::commands::run(cli)
}
