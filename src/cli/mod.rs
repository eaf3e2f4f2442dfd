//! The headless commands (report, check, risk, export, optimize): they read project files and write the outputs
//! of `crate::outputs`. Pictures are drawn by the same painter as the window, off screen (`crate::app::export`).

mod args;
pub mod optimize;
pub mod risk;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub use args::{Cli, Command};

use crate::app::export;
use crate::app::underlay::loader::UnderlayImages;
use crate::model::risk::RiskResult;
use crate::model::{Project, Scenario, demo::demo_project};
use crate::outputs::report;
use crate::project_file::{self, for_terminal};

/// Runs one headless command and returns the process's exit code.
pub fn run(command: Command) -> ExitCode {
    match command {
        Command::Report { file, json } => run_report(file.as_deref(), json),
        Command::Check { files } => run_check(&files),
        Command::Risk { file, scenario, draws, seed, json } => {
            run_risk(&file, &risk::RiskOptions { scenario, draws, seed, json })
        }
        Command::Export { file, csv, png, plots, report, slides, xlsx, pdf, scale, dark, scenario } => {
            let outputs = ExportOutputs { csv, png, plots, report, slides, xlsx, pdf, scale, dark };
            run_export(&file, &outputs, scenario.as_deref())
        }
        Command::Optimize(args) => optimize::run(&args),
    }
}

/// `text` as printed to a terminal: control characters escaped, so a name cannot forge lines or colours.
pub(crate) fn shown(text: &str) -> String {
    for_terminal(text).into_owned()
}

/// Printed text of several lines: each line's control characters escaped, the line breaks kept.
pub(crate) fn shown_lines(text: &str) -> String {
    text.split('\n').map(shown).collect::<Vec<_>>().join("\n")
}

pub(crate) fn path_shown(path: &Path) -> String {
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

fn run_risk(file: &Path, options: &risk::RiskOptions) -> ExitCode {
    let outcome = load(Some(file)).and_then(|project| risk::run(&project, options));
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
pub(crate) fn pick_scenario<'a>(project: &'a Project, wanted: Option<&str>) -> Result<(usize, &'a Scenario), String> {
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
    xlsx: Option<PathBuf>,
    pdf: Option<PathBuf>,
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
    let pictures =
        outputs.png.is_some() || outputs.report.is_some() || outputs.slides.is_some() || outputs.pdf.is_some();
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
        let csv = report::csv(s, &crate::model::evaluate(s));
        match project_file::write_file_atomically(out, csv.as_bytes()) {
            Ok(()) => {
                eprintln!("wrote {} months of \"{name}\" to {}", s.assumptions.horizon_months(), path_shown(out))
            }
            Err(e) => failed(&format!("cannot write {}: {e}", out.display())),
        }
    }
    if let Some(out) = &outputs.png {
        let image =
            export::images::site_plan(s, Some(&crate::model::evaluate(s)), &underlays, outputs.dark, outputs.scale);
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
        let evaluation = crate::model::evaluate(s);
        match export::plots::write_plots(s, index + 1, &evaluation, dir, outputs.dark, outputs.scale) {
            Ok(paths) => eprintln!("wrote {} plots of \"{name}\" to {}", paths.len(), path_shown(dir)),
            Err(e) => failed(&e),
        }
    }
    // Every scenario's risk line (slides, report) and percentiles (workbook, deck), from runs made for the export.
    let wants_risk = [&outputs.report, &outputs.slides, &outputs.xlsx, &outputs.pdf].iter().any(|o| o.is_some());
    let risk = if wants_risk { risk_for_export(&project) } else { Vec::new() };
    let risk: Vec<Option<&RiskResult>> = risk.iter().map(Option::as_ref).collect();
    if let Some(dir) = &outputs.report {
        let evaluations = report::evaluate_all(&project);
        let lines: Vec<Option<String>> = risk.iter().map(|r| r.map(crate::outputs::slide::risk_summary)).collect();
        match export::report::write_report(&project, &evaluations, &underlays, &lines, dir, outputs.scale, outputs.dark)
        {
            Ok(written) => {
                eprintln!("wrote {} and {} pictures", path_shown(&written.markdown), written.images.len())
            }
            Err(e) => failed(&e),
        }
    }
    if let Some(dir) = &outputs.slides {
        let evaluations = report::evaluate_all(&project);
        let lines: Vec<Option<String>> =
            risk.iter().map(|r| r.map(crate::app::presentation::slide_risk_line)).collect();
        match export::write_slides(&project, &evaluations, &underlays, &lines, dir, outputs.dark, outputs.scale) {
            Ok(paths) => eprintln!("wrote {} slides to {}", paths.len(), path_shown(dir)),
            Err(e) => failed(&e),
        }
    }
    if outputs.xlsx.is_some() || outputs.pdf.is_some() {
        let evaluations = report::evaluate_all(&project);
        let cover = export::pack::cover_info(Some(file));
        if let Some(out) = &outputs.xlsx {
            match export::pack::write_workbook(&project, &evaluations, &risk, &cover, out) {
                Ok(bytes) => eprintln!(
                    "wrote the workbook of {} scenarios ({} kB) to {}",
                    project.scenarios.len(),
                    bytes.div_ceil(1024),
                    path_shown(out)
                ),
                Err(e) => failed(&e),
            }
        }
        if let Some(out) = &outputs.pdf {
            match export::pack::write_deck(&project, &evaluations, &risk, &underlays, &cover, out) {
                Ok(bytes) => eprintln!(
                    "wrote the deck of {} scenarios ({} kB) to {}",
                    project.scenarios.len(),
                    bytes.div_ceil(1024),
                    path_shown(out)
                ),
                Err(e) => failed(&e),
            }
        }
    }
    if ok { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

/// Each scenario's Monte Carlo, run for an export with the scenario's own draws and seed (a progress bar on
/// stderr for long runs). A scenario whose run fails has no risk figures.
fn risk_for_export(project: &Project) -> Vec<Option<RiskResult>> {
    project.scenarios.iter().map(|s| risk::run_with_progress_bar(s, &s.assumptions.risk).ok()).collect()
}
