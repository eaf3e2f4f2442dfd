//! `powerplot optimize FILE [--scenario NAME] [--objective ...] [--budget USD] [--top N] [--json] [--save OUT]`.

use std::path::PathBuf;
use std::process::ExitCode;

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
    /// Capital budget in USD: all capex up to and including the full-power month.
    #[arg(long, value_parser = parse_budget)]
    budget: Option<f64>,
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

fn parse_budget(text: &str) -> Result<f64, String> {
    let v: f64 = text.replace(['_', ','], "").parse().map_err(|_| format!("\"{text}\" is not an amount in USD"))?;
    if v.is_finite() && v >= 0.0 { Ok(v) } else { Err(format!("{text} must be a non-negative amount in USD")) }
}

fn parse_search(text: &str) -> Result<SearchMode, String> {
    match text {
        "auto" => Ok(SearchMode::Auto),
        "exact" => Ok(SearchMode::Exact),
        "heuristic" => Ok(SearchMode::Heuristic),
        _ => Err(format!("\"{text}\" is not a search; choose auto, exact or heuristic")),
    }
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
    let settings = Settings {
        objective: args.objective,
        budget_usd: args.budget,
        top: args.top as usize,
        mode: args.search,
        ..Settings::default()
    };
    let result = optimize::optimize(base, &settings, &Progress::default());
    if args.json {
        println!("{}", optimize_report::json(base, &result));
    } else {
        print!("{}", super::shown_lines(&optimize_report::table(base, &result)));
    }
    if let Some(out) = &args.save {
        let Some(saved) = optimize_report::with_best(&project, index, &result) else {
            eprintln!("powerplot: nothing to save: no design meets the constraints");
            return ExitCode::FAILURE;
        };
        if let Err(e) = project_file::save_project(out, &saved) {
            eprintln!("powerplot: {}", super::shown(&e.to_string()));
            return ExitCode::FAILURE;
        }
        let name = super::shown(&saved.scenarios[index + 1].name);
        eprintln!("wrote {} with \"{name}\" added", super::path_shown(out));
    }
    ExitCode::SUCCESS
}
