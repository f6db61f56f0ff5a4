use std::process::ExitCode;

use parley::cli;

fn main() -> ExitCode {
    if let Err(e) = color_eyre::install() {
        eprintln!("parley: cannot install the error reporter: {e}");
    }
    match cli::parse() {
        Ok(cli) => parley::commands::run(cli),
        Err(code) => code,
    }
}
