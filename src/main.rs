//! The `powerplot` binary: opens the window, or runs a headless command (report, check, export).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use powerplot::app::export;
use powerplot::app::underlay::loader::UnderlayImages;
use powerplot::model::{Project, Scenario, demo::demo_project};
use powerplot::project_file::{self, for_terminal};
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
        /// The scenario of the CSV, the PNG and the plots, by name or by number (1 is the first; the first when
        /// omitted). Scenarios that share a name are told apart by number.
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

/// `text` as printed to a terminal: control characters escaped, so a name cannot forge lines or colours.
fn shown(text: &str) -> String {
    for_terminal(text).into_owned()
}

/// Printed text of several lines: each line's control characters escaped, the line breaks kept.
fn shown_lines(text: &str) -> String {
    text.split('\n').map(shown).collect::<Vec<_>>().join("\n")
}

fn path_shown(path: &Path) -> String {
    shown(&path.display().to_string())
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
            eprintln!("powerplot: {}", shown(&e));
            return ExitCode::from(2);
        }
    };
    if json {
        // JSON escapes control characters itself.
        let evaluations = report::evaluate_all(&project);
        println!("{}", report::json(&project, &evaluations));
    } else {
        // Names reach the table (and the warnings under it) escaped; they do not change any figure.
        let project = names_for_terminal(project);
        let evaluations = report::evaluate_all(&project);
        print!("{}", report::table(&project, &evaluations));
    }
    ExitCode::SUCCESS
}

fn run_risk(file: &Path, options: &powerplot::risk_cli::RiskOptions) -> ExitCode {
    let outcome = load(Some(file)).and_then(|project| powerplot::risk_cli::run(&project, options));
    match outcome {
        Ok(out) => {
            print!("{}", shown_lines(&out));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("powerplot: {}", shown(&e));
            ExitCode::from(2)
        }
    }
}

/// The project with every name escaped for a terminal.
fn names_for_terminal(mut project: Project) -> Project {
    let escape = |name: &mut String| {
        if let std::borrow::Cow::Owned(safe) = for_terminal(name) {
            *name = safe;
        }
    };
    escape(&mut project.name);
    for s in &mut project.scenarios {
        escape(&mut s.name);
        for c in &mut s.components {
            escape(&mut c.name);
        }
    }
    project
}

fn run_check(files: &[PathBuf]) -> ExitCode {
    let mut ok = true;
    for path in files {
        match project_file::load_project(path) {
            Ok(p) => {
                let note = shared_names(&p.scenarios)
                    .iter()
                    .map(|(name, numbers)| {
                        format!(
                            "; scenarios {} are all named \"{}\": export picks them by number (--scenario {})",
                            numbers.iter().map(usize::to_string).collect::<Vec<_>>().join(", "),
                            shown(&project_file::cap_quoted(name)),
                            numbers[0]
                        )
                    })
                    .collect::<String>();
                println!("{}: ok ({} scenarios{note})", path_shown(path), p.scenarios.len());
            }
            Err(e) => {
                ok = false;
                // One line per file: line breaks in the message (or in a name quoted by it) are escaped.
                println!("{}", shown(&e.to_string()));
            }
        }
    }
    if ok { ExitCode::SUCCESS } else { ExitCode::from(2) }
}

/// Names used by more than one scenario, with the scenarios' numbers (1-based), in order of first use.
fn shared_names(scenarios: &[Scenario]) -> Vec<(String, Vec<usize>)> {
    let mut shared: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, s) in scenarios.iter().enumerate() {
        match shared.iter_mut().find(|(name, _)| *name == s.name) {
            Some((_, numbers)) => numbers.push(i + 1),
            None => shared.push((s.name.clone(), vec![i + 1])),
        }
    }
    shared.retain(|(_, numbers)| numbers.len() > 1);
    shared
}

/// The scenario `--scenario` names: by its name when exactly one scenario has it, else by number (1-based).
fn pick_scenario<'a>(project: &'a Project, wanted: Option<&str>) -> Result<(usize, &'a Scenario), String> {
    let Some(wanted) = wanted else {
        return project.scenarios.first().map(|s| (0, s)).ok_or_else(|| "the project has no scenario".to_string());
    };
    let named: Vec<usize> = (0..project.scenarios.len()).filter(|&i| project.scenarios[i].name == wanted).collect();
    match named.as_slice() {
        [i] => return Ok((*i, &project.scenarios[*i])),
        [_, _, ..] => {
            let numbers: Vec<String> = named.iter().map(|i| (i + 1).to_string()).collect();
            return Err(format!(
                "{} scenarios are named \"{}\" (numbers {}); pick one by number, such as --scenario {}",
                named.len(),
                shown(&project_file::cap_quoted(wanted)),
                numbers.join(", "),
                numbers[0]
            ));
        }
        [] => {}
    }
    if let Ok(n) = wanted.trim().parse::<usize>()
        && (1..=project.scenarios.len()).contains(&n)
    {
        return Ok((n - 1, &project.scenarios[n - 1]));
    }
    let list: Vec<String> =
        project.scenarios.iter().enumerate().map(|(i, s)| format!("{} ({})", shown(&s.name), i + 1)).collect();
    Err(format!(
        "no scenario named \"{}\"; the project has: {} (give a name or a number)",
        shown(&project_file::cap_quoted(wanted)),
        list.join(", ")
    ))
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
            eprintln!("powerplot: {}", shown(&e));
            return ExitCode::from(2);
        }
    };
    let (index, s) = match pick_scenario(&project, scenario) {
        Ok(picked) => picked,
        Err(e) => {
            eprintln!("powerplot: {e}");
            return ExitCode::from(2);
        }
    };
    let name = shown(&s.name);
    let mut ok = true;
    let pictures = outputs.png.is_some() || outputs.report.is_some() || outputs.slides.is_some();
    let (underlays, unreadable) =
        if pictures { UnderlayImages::load_for(&project, Some(file)) } else { (UnderlayImages::default(), Vec::new()) };
    for problem in unreadable {
        eprintln!("powerplot: the pictures are drawn without this underlay image: {}", shown(&problem.to_string()));
    }
    for warning in underlays.iter().filter_map(|(_, image)| image.warning.as_ref()) {
        eprintln!("powerplot: warning: the underlay image is partial: {}", shown(warning));
    }
    let mut failed = |e: &dyn std::fmt::Display| {
        eprintln!("powerplot: {}", shown(&e.to_string()));
        ok = false;
    };
    if let Some(out) = &outputs.csv {
        let csv = report::csv(s, &powerplot::model::evaluate(s));
        match project_file::write_file_atomically(out, csv.as_bytes()) {
            Ok(()) => {
                eprintln!("wrote {} months of \"{name}\" to {}", s.assumptions.horizon_months(), path_shown(out))
            }
            Err(e) => failed(&format!("cannot write {}: {e}", out.display())),
        }
    }
    if let Some(out) = &outputs.png {
        let image =
            export::images::site_plan(s, Some(&powerplot::model::evaluate(s)), &underlays, outputs.dark, outputs.scale);
        match export::png::save(&image, out) {
            Ok(()) => eprintln!(
                "wrote the site plan of \"{name}\" ({}x{} pixels) to {}",
                image.size[0],
                image.size[1],
                path_shown(out)
            ),
            Err(e) => failed(&e),
        }
    }
    if let Some(dir) = &outputs.plots {
        let evaluation = powerplot::model::evaluate(s);
        match export::plots::write_plots(s, index + 1, &evaluation, dir, outputs.dark, outputs.scale) {
            Ok(paths) => eprintln!("wrote {} plots of \"{name}\" to {}", paths.len(), path_shown(dir)),
            Err(e) => failed(&e),
        }
    }
    if let Some(dir) = &outputs.report {
        let evaluations = report::evaluate_all(&project);
        match export::report::write_report(&project, &evaluations, &underlays, &[], dir, outputs.scale, outputs.dark) {
            Ok(written) => {
                eprintln!("wrote {} and {} pictures", path_shown(&written.markdown), written.images.len())
            }
            Err(e) => failed(&e),
        }
    }
    if let Some(dir) = &outputs.slides {
        let evaluations = report::evaluate_all(&project);
        match export::write_slides(&project, &evaluations, &underlays, dir, outputs.dark, outputs.scale) {
            Ok(paths) => eprintln!("wrote {} slides to {}", paths.len(), path_shown(dir)),
            Err(e) => failed(&e),
        }
    }
    if ok { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}
