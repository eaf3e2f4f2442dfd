//! `powerplot optimize FILE [--scenario NAME] [--objective ...] [--budget USD] [--system NAME] [--pod-systems N]
//! [--substation-mva 50,100] [--top N] [--json] [--save OUT]`: the window's choices on the command line.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::model::catalog::{self, GpuPreset};
use crate::model::fields;
use crate::model::optimize::{self, Objective, Progress, SearchMode, Settings};
use crate::outputs::optimize as optimize_report;
use crate::project_file;

#[derive(clap::Args)]
pub struct OptimizeArgs {
    file: PathBuf,
    /// The scenario to start from, by name or number (the first one when omitted).
    #[arg(long)]
    scenario: Option<String>,
    /// What to maximise: npv, equity_npv, equity_irr (as MIRR), p10_npv, or time_to_power (the earliest first
    /// AI revenue among designs with NPV > 0).
    #[arg(long, default_value = "npv", value_parser = parse_objective)]
    objective: Objective,
    /// Capital budget in USD: every purchase within the horizon except hardware refreshes (the scenario's
    /// `capital_budget_usd` when omitted; "none" for no budget). Saved with the design by --save.
    #[arg(long, value_parser = parse_budget)]
    budget: Option<Budget>,
    /// The GPU system of new pods and retrofits, by catalog name (default "GB200 NVL72 rack").
    #[arg(long, value_parser = parse_system)]
    system: Option<&'static GpuPreset>,
    /// Systems in one new pod.
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pod_systems: u32,
    /// Sizes of a new substation to try, MVA, comma-separated; "none" tries no new substation.
    #[arg(long, default_value = "50,100,200,400", value_parser = parse_sizes)]
    substation_mva: SubstationSizes,
    /// How many distinct designs to show.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=50))]
    top: u32,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// Write the project with the best design added as a new scenario to this file.
    #[arg(long)]
    save: Option<PathBuf>,
    /// exact, heuristic or auto (exact when the space is small enough).
    #[arg(long, default_value = "auto", value_parser = parse_search)]
    search: SearchMode,
}

fn parse_objective(text: &str) -> Result<Objective, String> {
    Objective::from_name(text).ok_or_else(|| {
        let names: Vec<&str> = Objective::ALL.iter().map(|o| o.name()).collect();
        format!("\"{text}\" is not an objective; choose one of {}", names.join(", "))
    })
}

/// `--budget`: an amount, or none.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Budget {
    None,
    Usd(f64),
}

fn parse_budget(text: &str) -> Result<Budget, String> {
    if text.eq_ignore_ascii_case("none") {
        return Ok(Budget::None);
    }
    let v: f64 = text.replace(['_', ','], "").parse().map_err(|_| format!("\"{text}\" is not an amount in USD"))?;
    let (lo, hi) = fields::CAPITAL_BUDGET_RANGE;
    if v.is_finite() && (lo..=hi).contains(&v) {
        Ok(Budget::Usd(v))
    } else {
        Err(format!("{text} must be an amount in USD from {lo} to {hi:e}"))
    }
}

fn parse_system(text: &str) -> Result<&'static GpuPreset, String> {
    let wanted = text.trim().to_lowercase();
    catalog::GPU_SYSTEMS.iter().find(|p| p.name.to_lowercase() == wanted).ok_or_else(|| {
        let names: Vec<String> = catalog::GPU_SYSTEMS.iter().map(|p| format!("\"{}\"", p.name)).collect();
        format!("\"{text}\" is not a GPU system; choose one of {}", names.join(", "))
    })
}

/// `--substation-mva`: the sizes to try (empty: no new substation).
#[derive(Debug, Clone, PartialEq)]
struct SubstationSizes(Vec<u32>);

fn parse_sizes(text: &str) -> Result<SubstationSizes, String> {
    if text.trim().eq_ignore_ascii_case("none") {
        return Ok(SubstationSizes(Vec::new()));
    }
    let mut sizes = Vec::new();
    for part in text.split(',') {
        let v: u32 = part.trim().parse().map_err(|_| format!("\"{}\" is not a size in whole MVA", part.trim()))?;
        if !(1..=5_000).contains(&v) {
            return Err(format!("{v} MVA is out of range: a new substation is 1 to 5,000 MVA"));
        }
        sizes.push(v);
    }
    if sizes.len() > 8 {
        return Err("at most 8 substation sizes".to_string());
    }
    Ok(SubstationSizes(sizes))
}

fn parse_search(text: &str) -> Result<SearchMode, String> {
    match text {
        "auto" => Ok(SearchMode::Auto),
        "exact" => Ok(SearchMode::Exact),
        "heuristic" => Ok(SearchMode::Heuristic),
        _ => Err(format!("\"{text}\" is not a search; choose auto, exact or heuristic")),
    }
}

/// Runs the search; on a terminal, shows how far it got on stderr (a large site takes a while).
fn search_with_progress(base: &crate::model::Scenario, settings: &Settings) -> optimize::OptimizeResult {
    use std::io::IsTerminal;
    use std::sync::atomic::{AtomicBool, Ordering};
    let progress = Progress::default();
    if !std::io::stderr().is_terminal() {
        return optimize::optimize(base, settings, &progress);
    }
    let done = AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            while !done.load(Ordering::Relaxed) {
                std::thread::sleep(std::time::Duration::from_millis(500));
                let simulated = progress.evaluated.load(Ordering::Relaxed);
                eprint!("\rsearching: {:3.0} % ({simulated} designs simulated)", progress.fraction() * 100.0);
            }
            eprint!("\r{:60}\r", "");
        });
        let result = optimize::optimize(base, settings, &progress);
        done.store(true, Ordering::Relaxed);
        result
    })
}

pub fn run(args: &OptimizeArgs) -> ExitCode {
    let project = match project_file::load_project(&args.file) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("powerplot: {}", super::shown(&e.to_string()));
            return ExitCode::from(2);
        }
    };
    let index = match super::pick_scenario(&project, args.scenario.as_deref()) {
        Ok((i, _)) => i,
        Err(e) => {
            eprintln!("powerplot: {e}");
            return ExitCode::from(2);
        }
    };
    let Some(base) = project.scenarios.get(index) else {
        eprintln!("powerplot: the project has no scenario");
        return ExitCode::from(2);
    };
    // The budget is a scenario assumption: --budget sets it on the scenario searched (and saved).
    let mut base = base.clone();
    match args.budget {
        Some(Budget::None) => base.assumptions.capital_budget_usd = None,
        Some(Budget::Usd(v)) => base.assumptions.capital_budget_usd = Some(v),
        None => {}
    }
    let mut project = project;
    project.scenarios[index] = base.clone();
    let base = &base;
    let settings = Settings {
        objective: args.objective,
        system: args.system.unwrap_or(Settings::default().system),
        pod_systems: args.pod_systems,
        allow_substation: !args.substation_mva.0.is_empty(),
        substation_sizes_mva: args.substation_mva.0.clone(),
        top: args.top as usize,
        mode: args.search,
        ..Settings::default()
    };
    let result = search_with_progress(base, &settings);
    if args.json {
        println!("{}", optimize_report::json(base, &result));
    } else {
        print!("{}", super::shown_lines(&optimize_report::table(base, &result)));
    }
    if let Some(out) = &args.save {
        let mut saved = match optimize_report::with_best(&project, index, &result) {
            Ok(saved) => saved,
            Err(e) => {
                eprintln!("powerplot: {e}");
                return ExitCode::FAILURE;
            }
        };
        // Relative underlay paths name the images from the new file's folder.
        project_file::underlay_paths::rename_for(&mut saved, Some(&args.file), out);
        if let Err(e) = project_file::save_project(out, &saved) {
            eprintln!("powerplot: {}", super::shown(&e.to_string()));
            return ExitCode::FAILURE;
        }
        let name = super::shown(&saved.scenarios[index + 1].name);
        eprintln!("wrote {} with \"{name}\" added", super::path_shown(out));
    }
    ExitCode::SUCCESS
}
