//! The `powerplot` binary: opens the window, or runs a headless command (report, check, export).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use powerplot::app::export;
use powerplot::app::underlay::loader::UnderlayImages;
use powerplot::model::{Project, demo::demo_project};
use powerplot::project_file;
use powerplot::report;

mod optimize_cli;

#[derive(Parser)]
#[command(
    name = "powerplot",
    version,
    about = "Plan a mining site's conversion to AI/HPC: capex, power, water, payback"
)]
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
    /// Run the Monte Carlo risk of each scenario (or one) and print P10/P50/P90 of NPV, equity IRR, payback, full
    /// power and first-year EBITDA as a table (or JSON); the file's own draws and seed unless given.
    Risk {
        file: PathBuf,
        /// Only this scenario.
        #[arg(long)]
        scenario: Option<String>,
        /// Draws per scenario (100 to 100,000).
        #[arg(long)]
        draws: Option<u32>,
        /// Seed of the random streams.
        #[arg(long)]
        seed: Option<u64>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Export a scenario's monthly series (CSV), site plan or plots (PNG), or a Markdown report of every scenario.
    /// Pictures are drawn in software: no window or graphics adapter is needed.
    #[command(group(clap::ArgGroup::new("output").required(true).multiple(true).args(["csv", "png", "plots", "report", "slides"])))]
    Export {
        file: PathBuf,
        /// Write the monthly series as CSV to this path.
        #[arg(long)]
        csv: Option<PathBuf>,
        /// Draw the scenario's site plan to this PNG file.
        #[arg(long)]
        png: Option<PathBuf>,
        /// Write every dashboard plot of the scenario (capex, power, water, cash flow, timeline, sensitivity) as
        /// its own PNG (1200x520 points) into this folder.
        #[arg(long)]
        plots: Option<PathBuf>,
        /// Write report.md with every scenario's KPIs, assumptions and pictures into this folder.
        #[arg(long)]
        report: Option<PathBuf>,
        /// Write one presentation slide per scenario (PNG, 1366x768 points) into this folder.
        #[arg(long)]
        slides: Option<PathBuf>,
        /// Pixels per point of the pictures: 1 gives a 1200x720 site plan, 2 (the default) 2400x1440.
        #[arg(long, default_value_t = 2.0, value_parser = parse_scale)]
        scale: f32,
        /// Draw the pictures in the dark theme (light by default).
        #[arg(long)]
        dark: bool,
        /// The scenario of the CSV and the PNG (the first one when omitted).
        #[arg(long)]
        scenario: Option<String>,
    },
    /// Find the best mix for a scenario: which halls to keep, convert or remove, how many new GPU pods, which
    /// cooling plant and whether a new substation pays (MODEL.md "The best mix").
    Optimize(optimize_cli::OptimizeArgs),
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
        Some(Command::Risk { file, scenario, draws, seed, json }) => {
            run_risk(&file, &powerplot::risk_cli::RiskOptions { scenario, draws, seed, json })
        }
        Some(Command::Export { file, csv, png, plots, report, slides, scale, dark, scenario }) => {
            let outputs = ExportOutputs { csv, png, plots, report, slides, scale, dark };
            run_export(&file, &outputs, scenario.as_deref())
        }
        Some(Command::Optimize(args)) => optimize_cli::run(&args),
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

fn run_risk(file: &Path, options: &powerplot::risk_cli::RiskOptions) -> ExitCode {
    let outcome = load(Some(file)).and_then(|project| powerplot::risk_cli::run(&project, options));
    match outcome {
        Ok(out) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("powerplot: {e}");
            ExitCode::from(2)
        }
    }
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

fn parse_scale(text: &str) -> Result<f32, String> {
    let scale: f32 = text.parse().map_err(|_| format!("\"{text}\" is not a number"))?;
    if (0.25..=8.0).contains(&scale) { Ok(scale) } else { Err(format!("{scale} is outside 0.25 to 8")) }
}

/// What `export` writes.
struct ExportOutputs {
    csv: Option<PathBuf>,
    png: Option<PathBuf>,
    plots: Option<PathBuf>,
    report: Option<PathBuf>,
    slides: Option<PathBuf>,
    scale: f32,
    dark: bool,
}

fn run_export(file: &Path, outputs: &ExportOutputs, scenario: Option<&str>) -> ExitCode {
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
    let mut ok = true;
    let pictures = outputs.png.is_some() || outputs.report.is_some() || outputs.slides.is_some();
    let (underlays, unreadable) =
        if pictures { UnderlayImages::load_for(&project, Some(file)) } else { (UnderlayImages::default(), Vec::new()) };
    for problem in unreadable {
        eprintln!("powerplot: the pictures are drawn without this underlay image: {problem}");
    }
    if let Some(out) = &outputs.csv {
        let csv = report::csv(s, &powerplot::model::evaluate(s));
        match std::fs::write(out, csv) {
            Ok(()) => {
                eprintln!("wrote {} months of \"{}\" to {}", s.assumptions.horizon_months(), s.name, out.display())
            }
            Err(e) => {
                eprintln!("powerplot: cannot write {}: {e}", out.display());
                ok = false;
            }
        }
    }
    if let Some(out) = &outputs.png {
        let image =
            export::images::site_plan(s, Some(&powerplot::model::evaluate(s)), &underlays, outputs.dark, outputs.scale);
        match export::png::save(&image, out) {
            Ok(()) => eprintln!(
                "wrote the site plan of \"{}\" ({}x{} pixels) to {}",
                s.name,
                image.size[0],
                image.size[1],
                out.display()
            ),
            Err(e) => {
                eprintln!("powerplot: {e}");
                ok = false;
            }
        }
    }
    if let Some(dir) = &outputs.plots {
        match export::plots::write_plots(s, &powerplot::model::evaluate(s), dir, outputs.dark, outputs.scale) {
            Ok(paths) => eprintln!("wrote {} plots of \"{}\" to {}", paths.len(), s.name, dir.display()),
            Err(e) => {
                eprintln!("powerplot: {e}");
                ok = false;
            }
        }
    }
    if let Some(dir) = &outputs.report {
        let evaluations = report::evaluate_all(&project);
        match export::report::write_report(&project, &evaluations, &underlays, &[], dir, outputs.scale, outputs.dark) {
            Ok(written) => eprintln!("wrote {} and {} pictures", written.markdown.display(), written.images.len()),
            Err(e) => {
                eprintln!("powerplot: {e}");
                ok = false;
            }
        }
    }
    if let Some(dir) = &outputs.slides {
        let evaluations = report::evaluate_all(&project);
        match export::write_slides(&project, &evaluations, &underlays, dir, outputs.dark, outputs.scale) {
            Ok(paths) => eprintln!("wrote {} slides to {}", paths.len(), dir.display()),
            Err(e) => {
                eprintln!("powerplot: {e}");
                ok = false;
            }
        }
    }
    if ok { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}
