use std::process::ExitCode;

use clap::Parser;
use parley::cli::Cli;

fn main() -> ExitCode {
    if let Err(e) = color_eyre::install() {
        eprintln!("parley: cannot install the error reporter: {e}");
    }
    let cli = Cli::parse();
    parley::commands::run(cli)
}
