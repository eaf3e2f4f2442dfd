//! The `powerplot` binary: opens the window, or runs a headless command (report, check, export).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use powerplot::model::{Project, demo::demo_project};
use powerplot::project_file;
use powerplot::report;

#[derive(Parser)]
#[command(name = "powerplot", version, about = "Plan a mining site's conversion to AI/HPC: capex, power, water, payback")]
#[command(args_conflicts_with_subcommands = true)]
struct Cli {
    /// A project file to open in the window (the embedded demo site when omitted).
    file: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Print every scenario's KPIs as a table (or JSON); the embedded demo project when FILE is omitted.
    Report {
        file: Option<PathBuf>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Validate project files: exit 0 when all are valid, 2 with one line per problem otherwise.
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Export the monthly series of a scenario.
    Export {
        file: PathBuf,
        /// Write the monthly series as CSV to this path.
        #[arg(long)]
        csv: PathBuf,
        /// The scenario to export (the first one when omitted).
        #[arg(long)]
        scenario: Option<String>,
    },
}

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
        Some(Command::Report { file, json }) => run_report(file.as_deref(), json),
        Some(Command::Check { files }) => run_check(&files),
        Some(Command::Export { file, csv, scenario }) => run_export(&file, &csv, scenario.as_deref()),
    }
}

fn load(file: Option<&Path>) -> Result<Project, String> {
    match file {
        None => Ok(demo_project()),
        Some(path) => project_file::load_project(path).map_err(|e| e.to_string()),
    }
}

fn run_report(file: Option<&Path>, json: bool) -> ExitCode {
    let project = match load(file) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("powerplot: {e}");
            return ExitCode::from(2);
        }
    };
    let evaluations = report::evaluate_all(&project);
    if json {
        println!("{}", report::json(&project, &evaluations));
    } else {
        print!("{}", report::table(&project, &evaluations));
    }
    ExitCode::SUCCESS
}

fn run_check(files: &[PathBuf]) -> ExitCode {
    let mut ok = true;
    for path in files {
        match project_file::load_project(path) {
            Ok(p) => println!("{}: ok ({} scenarios)", path.display(), p.scenarios.len()),
            Err(e) => {
                ok = false;
                for line in e.to_string().lines() {
                    println!("{line}");
                }
            }
        }
    }
    if ok { ExitCode::SUCCESS } else { ExitCode::from(2) }
}

fn run_export(file: &Path, out: &Path, scenario: Option<&str>) -> ExitCode {
    let project = match load(Some(file)) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("powerplot: {e}");
            return ExitCode::from(2);
        }
    };
    let chosen = match scenario {
        None => project.scenarios.first(),
        Some(name) => project.scenarios.iter().find(|s| s.name == name),
    };
    let Some(s) = chosen else {
        let names: Vec<&str> = project.scenarios.iter().map(|s| s.name.as_str()).collect();
        eprintln!("powerplot: no scenario named \"{}\"; the project has: {}", scenario.unwrap_or(""), names.join(", "));
        return ExitCode::from(2);
    };
    let csv = report::csv(s, &powerplot::model::evaluate(s));
    match std::fs::write(out, csv) {
        Ok(()) => {
            eprintln!("wrote {} months of \"{}\" to {}", s.assumptions.horizon_months(), s.name, out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("powerplot: cannot write {}: {e}", out.display());
            ExitCode::FAILURE
        }
    }
}
