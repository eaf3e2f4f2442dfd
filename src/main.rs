//! The `powerplot` binary: opens the window, or runs a headless command (`powerplot::cli`).

use std::process::ExitCode;

use clap::Parser;

use powerplot::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        None => match powerplot::app::run(cli.file) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("powerplot: cannot open the window: {e}");
                ExitCode::FAILURE
            }
        },
        Some(command) => powerplot::cli::run(command),
    }
}
