//! `powerplot risk FILE [--scenario NAME] [--draws N] [--seed S] [--json]`: runs each chosen scenario's Monte
//! Carlo with a progress bar on stderr (when stderr is a terminal and the run takes a while).

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use crate::model::risk::settings::{MAX_DRAWS, MIN_DRAWS, RiskSettings, SEED_MAX};
use crate::model::risk::{Progress, RiskResult, run_with};
use crate::model::{Project, Scenario};
use crate::outputs::risk as risk_report;

/// What the command was asked for beyond the file.
#[derive(Debug, Clone, Default)]
pub struct RiskOptions {
    pub scenario: Option<String>,
    pub draws: Option<u32>,
    pub seed: Option<u64>,
    pub json: bool,
}

/// Runs the command on a loaded project and returns what goes to stdout, or a message for stderr.
pub fn run(project: &Project, options: &RiskOptions) -> Result<String, String> {
    if let Some(d) = options.draws
        && !(MIN_DRAWS..=MAX_DRAWS).contains(&d)
    {
        return Err(format!("--draws is {d}, must be {MIN_DRAWS} to {MAX_DRAWS}"));
    }
    if let Some(seed) = options.seed
        && seed as f64 > SEED_MAX
    {
        return Err(format!("--seed is {seed}, must be 0 to {SEED_MAX:.0} (what a project file can store)"));
    }
    // By name when exactly one scenario has it, else by number, as `export --scenario` picks.
    let chosen: Vec<&Scenario> = match options.scenario.as_deref() {
        None => project.scenarios.iter().collect(),
        Some(wanted) => vec![super::pick_scenario(project, Some(wanted))?.1],
    };
    let mut results: Vec<(&str, RiskResult)> = Vec::new();
    for s in chosen {
        let mut settings = s.assumptions.risk.clone();
        if let Some(d) = options.draws {
            settings.draws = d;
        }
        if let Some(seed) = options.seed {
            settings.seed = seed;
        }
        results.push((s.name.as_str(), run_with_progress_bar(s, &settings)?));
    }
    Ok(if options.json {
        let refs: Vec<(&str, &RiskResult)> = results.iter().map(|(n, r)| (*n, r)).collect();
        format!("{}\n", risk_report::json(&project.name, &refs))
    } else {
        results.iter().map(|(n, r)| risk_report::table(n, r)).collect::<Vec<_>>().join("\n")
    })
}

/// Runs one scenario; a watcher thread draws the bar while the draws run on rayon's threads.
pub(crate) fn run_with_progress_bar(s: &Scenario, settings: &RiskSettings) -> Result<RiskResult, String> {
    let progress = Arc::new(Progress::default());
    let finished = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let show = std::io::stderr().is_terminal();
    let watcher = {
        let (progress, finished) = (Arc::clone(&progress), Arc::clone(&finished));
        let (name, total) = (super::shown(&s.name), settings.draws);
        thread::spawn(move || {
            let mut drawn = false;
            // Only runs longer than half a second get a bar; the watcher ends when the run is marked done.
            while !finished.load(Ordering::Relaxed) {
                thread::sleep(Duration::from_millis(100));
                if show && started.elapsed() > Duration::from_millis(500) {
                    eprint!("\r{}", bar(&name, progress.done(), total));
                    drawn = true;
                }
            }
            if drawn {
                eprintln!("\r{}", bar(&name, total, total));
            }
        })
    };
    let result = run_with(s, settings, &progress);
    finished.store(true, Ordering::Relaxed);
    let _ = watcher.join();
    eprintln!(
        "ran {} draws of \"{}\" in {:.1} s (seed {})",
        settings.draws,
        super::shown(&s.name),
        started.elapsed().as_secs_f64(),
        settings.seed
    );
    result.ok_or_else(|| format!("the run of \"{}\" was cancelled", super::shown(&s.name)))
}

/// "Hybrid  [##########----------]  50 %  1,000 / 2,000 draws".
pub fn bar(name: &str, done: u32, total: u32) -> String {
    const WIDTH: usize = 30;
    let fraction = if total == 0 { 1.0 } else { (done as f64 / total as f64).clamp(0.0, 1.0) };
    let filled = (fraction * WIDTH as f64).round() as usize;
    format!(
        "{name}  [{}{}] {:>3.0} %  {done} / {total} draws",
        "#".repeat(filled),
        "-".repeat(WIDTH - filled),
        fraction * 100.0
    )
}
