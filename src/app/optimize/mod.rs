//! "Find the best mix…": the optimizer's window. The planner picks the objective, the capital budget, the GPU
//! system and pod size, and which choices are open for each hall; the search runs on a worker thread (progress,
//! Cancel) while the window stays responsive; the best five designs are listed with their KPIs and what each
//! changes, beside a plot of every design tried; Apply adds a design as a new scenario in one undoable edit.

mod window;

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::thread::JoinHandle;

use super::PowerplotApp;
use super::edit::EditCommand;
use crate::model::ComponentId;
use crate::model::optimize::{HallChoice, Objective, OptimizeResult, Progress, Settings};
use crate::outputs::optimize as optimize_report;

pub use window::window;

/// How the search works, for the Help window (MODEL.md "The best mix").
pub const HELP: [(&str, &str); 7] = [
    (
        "What it changes",
        "Each ASIC hall is kept mining, converted into a colocation or a GPU-cloud pod of the chosen system (an \
         existing hall only: its IT power rounded down to whole systems, in the hall's shell, 12 months) or \
         removed. Conversions start together at month 0, at the first halving or at month 24 (each is tried); \
         the hall mines until then. New pods of the chosen system and size, all colocation or all GPU cloud \
         (both are tried), each started just in time for the firm power and cooling it needs. One new cooling \
         plant of each of the four types is tried, sized to the plant-cooled heat the current plants cannot \
         carry; on a site with a water allowance, also one that replaces the current plants. A new substation \
         of 50, 100, 200 or 400 MVA (2 transformers) is tried.",
    ),
    (
        "The grid",
        "A new substation beyond the approved interconnection waits for the grid request (the queue, then its \
         lead time), and the NPV objective ranks its expected NPV over the approval odds, with the NPV if \
         approved beside it. Such a design must also meet every limit if the request is refused.",
    ),
    (
        "Limits every design must meet",
        "Full-build power within grid + turbines, and the AI load within the firm capacity at the asked \
         redundancy; the heat within the cooling plants, and the AI heat within their firm capacity; water \
         within the site's allowance; the capital budget (the scenario's, set here: every purchase within the \
         horizon except hardware refreshes); every new part inside the boundary without overlap. The current \
         design is always a candidate, whatever its warnings. When no other design passes, the designs \
         rejected are counted by the first limit each breaks.",
    ),
    (
        "Objectives",
        "NPV (expected where a grid request waits); equity NPV (after tax, with the scenario's debt); equity \
         MIRR (best-mix ranking: finance rate the debt rate, reinvestment at the discount rate; not the Risk \
         tab's equity IRR percentiles nor the base-case equity IRR); P10 NPV from 200 Monte Carlo draws on the \
         finalists of the three best designs by NPV of every business mix; the earliest first AI revenue among \
         designs with NPV > 0 (ties by NPV).",
    ),
    (
        "Exact or heuristic",
        "Identical halls are interchangeable, so only how many take each choice matters. Up to 20,000 designs \
         the search enumerates them all. Above, for each mix of hall choices, pod model and cooling type, it \
         finds by bisection the most pods each substation size carries, tries the ends of each size's range and \
         climbs one pod at a time from the best. With more than 256 mixes (many distinct halls) it moves one \
         class of halls at a time from the current choices while the objective improves.",
    ),
    (
        "The five designs shown",
        "They differ from each other in at least one hall's choice, the conversion month or the number of new \
         pods; of designs that differ only in cooling or substation the best is kept. Apply adds a design as a \
         new scenario (Ctrl+Z removes it).",
    ),
    (
        "The plot",
        "Every design simulated: NPV (if approved) against the capex the budget counts; grey meets every limit, \
         red breaks one; the current design is the square, the best five the numbered diamonds.",
    ),
];

/// A search running on its worker thread.
pub struct Run {
    pub progress: Arc<Progress>,
    handle: JoinHandle<OptimizeResult>,
    scenario: usize,
    revision: u64,
}

/// A finished search and the document it was run on.
pub struct Finished {
    pub result: OptimizeResult,
    pub scenario: usize,
    pub revision: u64,
}

pub struct OptimizeState {
    pub open: bool,
    pub objective: Objective,
    /// Index into `catalog::GPU_SYSTEMS`.
    pub system: usize,
    pub pod_systems: u32,
    pub allow_substation: bool,
    /// Per hall: which of keep / colocation / GPU cloud / remove may be chosen (all when not listed).
    pub hall_open: Vec<(ComponentId, [bool; 4])>,
    pub run: Option<Run>,
    pub finished: Option<Finished>,
    /// Index of the highlighted design in the results (hovered or clicked), for the plot.
    pub selected: Option<usize>,
}

impl Default for OptimizeState {
    fn default() -> Self {
        let s = Settings::default();
        OptimizeState {
            open: false,
            objective: s.objective,
            system: 2,
            pod_systems: s.pod_systems,
            allow_substation: s.allow_substation,
            hall_open: Vec::new(),
            run: None,
            finished: None,
            selected: None,
        }
    }
}

impl OptimizeState {
    pub fn running(&self) -> bool {
        self.run.is_some()
    }

    /// The settings the window's choices make.
    pub fn settings(&self) -> Settings {
        let system =
            crate::model::catalog::GPU_SYSTEMS.get(self.system).unwrap_or(&crate::model::catalog::GPU_SYSTEMS[2]);
        Settings {
            objective: self.objective,
            // The budget is the scenario's `capital_budget_usd`, which the window edits.
            budget_usd: None,
            system,
            pod_systems: self.pod_systems,
            allow_substation: self.allow_substation,
            hall_choices: self
                .hall_open
                .iter()
                .map(|(id, open)| {
                    (*id, HallChoice::ALL.into_iter().zip(open).filter(|(_, o)| **o).map(|(c, _)| c).collect())
                })
                .collect(),
            ..Settings::default()
        }
    }
}

/// Starts a search of the active scenario on a worker thread (a running one is cancelled first).
pub fn start(app: &mut PowerplotApp) {
    cancel(app);
    let state = &mut app.optimize;
    let scenario = app.doc.scenario().clone();
    let settings = state.settings();
    let progress = Arc::new(Progress::default());
    let worker_progress = Arc::clone(&progress);
    let handle = std::thread::spawn(move || crate::model::optimize::optimize(&scenario, &settings, &worker_progress));
    state.run = Some(Run { progress, handle, scenario: app.doc.active, revision: app.doc.revision });
    state.selected = None;
}

/// Asks a running search to stop; its partial result still arrives (marked cancelled).
pub fn cancel(app: &mut PowerplotApp) {
    if let Some(run) = &app.optimize.run {
        run.progress.cancel.store(true, Ordering::Relaxed);
    }
}

/// Collects a search that has finished; keeps the window repainting while one runs.
pub fn poll(app: &mut PowerplotApp, ctx: &egui::Context) {
    let Some(run) = &app.optimize.run else { return };
    if !run.handle.is_finished() {
        ctx.request_repaint_after(std::time::Duration::from_millis(100));
        return;
    }
    let Some(run) = app.optimize.run.take() else { return };
    match run.handle.join() {
        Ok(result) => {
            app.optimize.finished = Some(Finished { result, scenario: run.scenario, revision: run.revision });
        }
        Err(_) => app.notify("Search failed", "The search stopped unexpectedly; the document is unchanged."),
    }
}

/// Sets the active scenario's capital budget (`None`: no budget) in one undoable edit.
pub fn set_budget(app: &mut PowerplotApp, budget_usd: Option<f64>) {
    let scenario = app.doc.active;
    let mut assumptions = app.doc.scenario().assumptions.clone();
    if assumptions.capital_budget_usd == budget_usd {
        return;
    }
    assumptions.capital_budget_usd = budget_usd;
    app.edit(EditCommand::SetAssumptions { scenario, assumptions });
}

/// Adds design `rank` of the finished search as a new scenario after the one it came from, in one undoable
/// edit, and shows it.
pub fn apply(app: &mut PowerplotApp, rank: usize) {
    let Some(finished) = &app.optimize.finished else { return };
    let Some(candidate) = finished.result.best.get(rank) else { return };
    let index = finished.scenario.min(app.doc.project.scenarios.len().saturating_sub(1));
    let Some(base) = app.doc.project.scenarios.get(index) else { return };
    let scenario = optimize_report::design_scenario(&app.doc.project, base, candidate, rank, finished.result.objective);
    if app.edit(EditCommand::InsertScenario { index: index + 1, scenario }) {
        app.doc.set_active(index + 1);
    }
}
