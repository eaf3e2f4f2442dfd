//! The search over designs (MODEL.md "The best mix" and "The best mix, with time and the grid"). Every
//! candidate is evaluated by the real model.
//!
//! - Business mixes: every combination of the halls' choices, the conversion month (when a hall is converted)
//!   and the new pods' business model. Halls that are identical (same data, same existing flag, same open
//!   choices) are interchangeable, so only how many of them take each choice matters: this symmetry is exact
//!   and shrinks four identical halls from 256 combinations to 35. The mixes are counted, never listed, before
//!   the search decides how to search.
//! - Exact search: every mix x every number of new pods x every cooling option x every substation option,
//!   each design checked against the full-build constraints first and simulated when it passes.
//! - Heuristic (when the exact space exceeds `EXACT_LIMIT` designs): per mix and cooling option, the largest
//!   number of pods each substation option allows is found by bisection on the full-build constraints (they
//!   grow with every pod); each number is given the smallest substation that carries it (a bigger one adds
//!   cost and nothing else); the numbers evaluated are the ends of each substation tier (the objective is close
//!   to linear in the number of pods inside a tier), then a hill climb by one pod from the best. Budget and
//!   boundary limits, which also grow with every pod, are met by bisecting down.
//! - When there are more than `LISTED_MIX_LIMIT` mixes (many distinct halls), the mixes are not all searched:
//!   a local search over the classes' counts starts from the current choices, screens each move (one hall of a
//!   class, or all of the class's halls on one choice, to another choice) with the pods, cooling and
//!   substation of the best design so far (one simulation per conversion month), takes every move that
//!   improves the objective, sweeps until none does (at most `MAX_SWEEPS`), then runs the per-mix heuristic
//!   above on the best `REFINED_MIXES` mixes screened. Memory grows with the designs simulated, not with the
//!   size of the space.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;
use serde::Serialize;

use super::design::{Built, ConversionTiming, Design, DesignKey, HallChoice, SUBSTATION_SIZES_MVA, Space};
use super::full_build::{self, Violation};
use super::objective::{Figures, Objective, Score, mirr_annual};
use crate::model::catalog::{self, GpuPreset};
use crate::model::component::{BusinessModel, ComponentId, CoolingType};
use crate::model::evaluation::{CapexClass, Evaluation, Kpis};
use crate::model::financing;
use crate::model::risk::draw::DrawInputs;
use crate::model::risk::run::draw_evaluation;
use crate::model::risk::{RiskSettings, percentile};
use crate::model::scenario::Scenario;
use crate::model::simulate::{Shocks, evaluate, evaluate_with};

/// Above this many designs the heuristic runs instead of the exact enumeration.
pub const EXACT_LIMIT: u64 = 20_000;
/// Above this many business mixes they are not listed: the local search over the halls' classes runs.
pub const LISTED_MIX_LIMIT: u64 = 256;
/// Sweeps of the local search at most.
pub const MAX_SWEEPS: usize = 6;
/// Mixes of the local search that get the full per-mix heuristic at the end.
pub const REFINED_MIXES: usize = 4;
/// Monte Carlo draws per shortlisted design for the P10 objective (MODEL.md: at least 200).
pub const MIN_P10_DRAWS: u32 = 200;
/// Designs per business mix on the P10 shortlist (the three best by NPV).
pub const P10_SHORTLIST_PER_MIX: usize = 3;
/// Draws that screen a long P10 shortlist; the `P10_FINALISTS` best by their screened P10 get the full run,
/// which reuses the screening draws (the same draw indices).
pub const P10_SCREEN_DRAWS: u32 = 40;
pub const P10_FINALISTS: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SearchMode {
    /// Exact when the space has at most `EXACT_LIMIT` designs, else the heuristic.
    #[default]
    Auto,
    Exact,
    Heuristic,
}

/// What the planner asks of the search.
#[derive(Debug, Clone)]
pub struct Settings {
    pub objective: Objective,
    /// Bound on the capex the budget counts (every purchase within the horizon except hardware refreshes);
    /// `None`: the scenario's `capital_budget_usd`.
    pub budget_usd: Option<f64>,
    /// The GPU system of new pods and retrofits (default GB200 NVL72).
    pub system: &'static GpuPreset,
    /// Size of a new pod in systems (default 100).
    pub pod_systems: u32,
    /// At most this many new pods (the boundary and the grid usually bind first).
    pub max_new_pods: u32,
    pub allow_substation: bool,
    /// Sizes of the new substation tried (MVA); `SUBSTATION_SIZES_MVA` by default.
    pub substation_sizes_mva: Vec<u32>,
    /// Cooling plant types the new plant may be (all four by default).
    pub cooling_types: Vec<CoolingType>,
    /// Halls whose choices are restricted (e.g. "keep hall A mining"); a hall not listed has every choice open.
    pub hall_choices: Vec<(ComponentId, Vec<HallChoice>)>,
    pub mode: SearchMode,
    /// Monte Carlo draws per design for the P10 objective (at least `MIN_P10_DRAWS`).
    pub p10_draws: u32,
    /// How many distinct designs to return.
    pub top: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            objective: Objective::Npv,
            budget_usd: None,
            system: &catalog::GPU_SYSTEMS[2],
            pod_systems: 100,
            max_new_pods: 100,
            allow_substation: true,
            substation_sizes_mva: SUBSTATION_SIZES_MVA.to_vec(),
            cooling_types: CoolingType::ALL.to_vec(),
            hall_choices: Vec::new(),
            mode: SearchMode::Auto,
            p10_draws: MIN_P10_DRAWS,
            top: 5,
        }
    }
}

/// Shared with a window: how far the search got, and a flag to stop it.
#[derive(Debug, Default)]
pub struct Progress {
    pub done: AtomicUsize,
    pub total: AtomicUsize,
    pub evaluated: AtomicUsize,
    pub cancel: AtomicBool,
}

impl Progress {
    pub fn fraction(&self) -> f32 {
        let total = self.total.load(Ordering::Relaxed);
        if total == 0 { 0.0 } else { (self.done.load(Ordering::Relaxed) as f32 / total as f32).min(1.0) }
    }

    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// One evaluated design.
#[derive(Debug, Clone, Serialize)]
pub struct Candidate {
    pub design: Design,
    pub figures: Figures,
    pub score: Score,
    #[serde(skip)]
    pub kpis: Kpis,
    /// Every purchase within the horizon except hardware refreshes (what the budget bounds).
    pub budget_capex_usd: f64,
    /// The first constraint the design breaks (the current design is a candidate whatever its warnings).
    pub violation: Option<Violation>,
    /// What the design changes, in words (filled for the designs returned).
    pub changes: Vec<String>,
    /// The design's scenario (filled for the designs returned).
    #[serde(skip)]
    pub scenario: Option<Scenario>,
}

/// A point of the "designs tried" plot.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Tried {
    pub npv_usd: f64,
    pub budget_capex_usd: f64,
    pub feasible: bool,
}

/// Designs rejected, each under the first constraint it breaks (MODEL.md order: grid, firm grid, cooling,
/// firm cooling, water, budget, boundary).
#[derive(Debug, Default)]
struct Rejections([AtomicUsize; 7]);

impl Rejections {
    fn add(&self, v: Violation) {
        self.0[v as usize].fetch_add(1, Ordering::Relaxed);
    }

    fn counts(&self) -> Vec<(Violation, usize)> {
        Violation::ALL.into_iter().map(|v| (v, self.0[v as usize].load(Ordering::Relaxed))).collect()
    }
}

#[derive(Debug, Clone)]
pub struct OptimizeResult {
    pub objective: Objective,
    /// `Exact` or `Heuristic`: what ran.
    pub mode: SearchMode,
    /// Designs in the whole space (mixes x pods x cooling x substation); saturates at `u64::MAX`.
    pub space_size: u64,
    /// Designs simulated.
    pub evaluated: usize,
    pub tried: Vec<Tried>,
    /// The best distinct designs, best first.
    pub best: Vec<Candidate>,
    /// The scenario as drawn, always evaluated.
    pub current: Candidate,
    /// Designs checked and rejected, by the first constraint each breaks (every constraint listed, in order).
    pub rejected: Vec<(Violation, usize)>,
    /// The budget the search applied (the setting, or the scenario's `capital_budget_usd`).
    pub budget_usd: Option<f64>,
    pub cancelled: bool,
}

impl OptimizeResult {
    /// Whether the current design is the only one that passes (so the rejections explain the answer).
    pub fn only_current(&self) -> bool {
        self.best.iter().all(|c| c.design.current)
    }

    /// Why nothing but the current design passed, in words ("1,203 designs rejected: 800 by the grid, ...").
    pub fn rejection_summary(&self) -> Option<String> {
        if !self.only_current() {
            return None;
        }
        let total: usize = self.rejected.iter().map(|r| r.1).sum();
        if total == 0 {
            return Some(
                "No other design to try: no hall can change and no new pod fits the site's power, boundary \
                 or pod limit."
                    .to_string(),
            );
        }
        let parts: Vec<String> =
            self.rejected.iter().filter(|r| r.1 > 0).map(|(v, n)| format!("{n} by {}", v.short_label())).collect();
        Some(format!(
            "No design but the current one passes: {total} designs rejected, each under the first limit it breaks: \
             {}.",
            parts.join(", ")
        ))
    }
}

/// Cooling options of a new plant: its type, and whether it replaces the current plants.
type CoolingOption = Option<(CoolingType, bool)>;

/// A business mix: the halls' choices, when conversions start, and the new pods' business model.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Mix {
    halls: Vec<HallChoice>,
    timing: ConversionTiming,
    business: BusinessModel,
}

/// Everything a mix search needs, shared read-only by the worker threads.
struct Ctx<'a> {
    space: Space,
    settings: &'a Settings,
    /// The objective the design search ranks by (P10 ranks a shortlist found by NPV).
    ranking: Objective,
    budget_usd: Option<f64>,
    n_cap: u32,
    substations: Vec<Option<u32>>,
    coolings: Vec<CoolingOption>,
    /// Classes of interchangeable halls (indices into `space.halls`), in order of first appearance.
    classes: Vec<Vec<usize>>,
    progress: &'a Progress,
    rejected: Rejections,
    tried: Mutex<Vec<Tried>>,
}

/// Finds the best designs for `base`. Pure and deterministic: the same inputs give the same result on any
/// number of threads (results are collected in enumeration order, ties broken by that order).
pub fn optimize(base: &Scenario, settings: &Settings, progress: &Progress) -> OptimizeResult {
    let restrictions = &settings.hall_choices;
    let open = |id: ComponentId| restrictions.iter().find(|(h, _)| *h == id).map(|(_, c)| c.clone());
    let space = Space::new(base, settings.system, settings.pod_systems, &open);
    let ranking = if settings.objective == Objective::P10Npv { Objective::Npv } else { settings.objective };
    let mut substations = vec![None];
    if settings.allow_substation {
        let mut sizes = settings.substation_sizes_mva.clone();
        sizes.sort_unstable();
        sizes.dedup();
        substations.extend(sizes.into_iter().filter(|&s| s > 0).map(Some));
    }
    let mut coolings: Vec<CoolingOption> = settings.cooling_types.iter().map(|&t| Some((t, false))).collect();
    // Replacing working plants only relaxes the water limit (and changes running costs a little): tried where
    // the site has plants and a water allowance.
    if space.has_plants && base.assumptions.water_limit_m3_per_day.is_some() {
        coolings.extend(settings.cooling_types.iter().map(|&t| Some((t, true))));
    }
    if coolings.is_empty() {
        coolings.push(None);
    }
    let n_cap = pod_cap(&space, settings, &substations);
    let classes = hall_classes(&space);
    let ctx = Ctx {
        space,
        settings,
        ranking,
        budget_usd: settings.budget_usd.or(base.assumptions.capital_budget_usd),
        n_cap,
        substations,
        coolings,
        classes,
        progress,
        rejected: Rejections::default(),
        tried: Mutex::new(Vec::new()),
    };

    let hall_mixes = count_hall_mixes(&ctx);
    let mixes_count = hall_mixes.saturating_mul(if n_cap > 0 { 2 } else { 1 });
    let per_mix = (1 + 2 * n_cap as u64) * ctx.coolings.len() as u64 * ctx.substations.len() as u64;
    let space_size = hall_mixes.saturating_mul(per_mix);
    let listed = mixes_count <= LISTED_MIX_LIMIT;
    let mode = match settings.mode {
        SearchMode::Exact if listed => SearchMode::Exact,
        SearchMode::Auto if listed && space_size <= EXACT_LIMIT => SearchMode::Exact,
        _ => SearchMode::Heuristic,
    };
    progress.done.store(0, Ordering::Relaxed);

    let current = assess(&ctx, &ctx.space.current_design());
    let per_mix_results: Vec<Vec<Candidate>> = if listed {
        let mixes = list_mixes(&ctx);
        progress.total.store(mixes.len() + 1, Ordering::Relaxed);
        progress.done.store(1, Ordering::Relaxed);
        mixes
            .par_iter()
            .map(|mix| {
                if progress.cancelled() {
                    return Vec::new();
                }
                let found = match mode {
                    SearchMode::Exact => exact_mix(&ctx, mix),
                    _ => heuristic_mix(&ctx, mix, &ctx.coolings),
                };
                progress.done.fetch_add(1, Ordering::Relaxed);
                found
            })
            .collect()
    } else {
        local_search(&ctx)
    };
    let cancelled = progress.cancelled();

    let mut tried = std::mem::take(&mut *ctx.tried.lock().unwrap_or_else(|e| e.into_inner()));
    tried.push(Tried {
        npv_usd: current.figures.npv_usd,
        budget_capex_usd: current.budget_capex_usd,
        feasible: current.violation.is_none(),
    });
    let evaluated = progress.evaluated.load(Ordering::Relaxed);
    let pool = if settings.objective == Objective::P10Npv {
        p10_shortlist(&ctx, &per_mix_results, &current)
    } else {
        let mut pool: Vec<Candidate> =
            per_mix_results.into_iter().flatten().filter(|c| c.violation.is_none()).collect();
        pool.push(current.clone());
        pool
    };
    let mut best = top_distinct(pool, settings.top.max(1));
    for c in &mut best {
        let built = ctx.space.build(&c.design, true);
        let e = evaluate(&built.scenario);
        if c.figures.equity_npv_usd.is_none() {
            equity_figures(&built.scenario, &e, &mut c.figures);
        }
        c.kpis = e.kpis;
        c.changes = ctx.space.describe(&c.design, &built);
        c.scenario = Some(built.scenario);
    }
    let mut current = current;
    let e = evaluate(base);
    if current.figures.equity_npv_usd.is_none() {
        equity_figures(base, &e, &mut current.figures);
    }
    current.kpis = e.kpis;
    current.changes = ctx.space.describe(&current.design, &ctx.space.build(&current.design, false));
    progress.done.store(progress.total.load(Ordering::Relaxed), Ordering::Relaxed);
    OptimizeResult {
        objective: settings.objective,
        mode,
        space_size,
        evaluated,
        tried,
        best,
        current,
        rejected: ctx.rejected.counts(),
        budget_usd: ctx.budget_usd,
        cancelled,
    }
}

/// An upper bound on new pods: what all grid, turbine and the largest new substation could power, what the
/// boundary's free area could hold, and the planner's cap.
fn pod_cap(space: &Space, settings: &Settings, substations: &[Option<u32>]) -> u32 {
    let pod_mw = space.pod_it_mw();
    if pod_mw <= 0.0 || settings.max_new_pods == 0 {
        return 0;
    }
    let fb = full_build::full_build(&space.base);
    let largest_new = substations.iter().flatten().max().copied().unwrap_or(0) as f64 * 0.95;
    // Removing every hall frees its power for pods.
    let mining_mw = fb.facility_mw - fb.ai_facility_mw;
    let by_power = (fb.capacity_mw + largest_new + mining_mw.max(0.0)) / pod_mw;
    // GPU pods are sized at 12 kW/m2 (model::footprint).
    let pod_area = pod_mw * 1000.0 / 12.0;
    let by_area = space.base.boundary.area() / pod_area;
    (by_power.min(by_area).floor().max(0.0) as u32).min(settings.max_new_pods)
}

/// Classes of interchangeable halls (same data, existing flag, lead time and open choices).
fn hall_classes(space: &Space) -> Vec<Vec<usize>> {
    let mut classes: Vec<Vec<usize>> = Vec::new();
    for (k, &(index, _)) in space.halls.iter().enumerate() {
        let c = &space.base.components[index];
        let same = classes.iter_mut().find(|class| {
            let first = class[0];
            let o = &space.base.components[space.halls[first].0];
            o.kind == c.kind
                && o.existing == c.existing
                && o.lead_time_months == c.lead_time_months
                && o.retire_month == c.retire_month
                && space.open[first] == space.open[k]
        });
        match same {
            Some(class) => class.push(k),
            None => classes.push(vec![k]),
        }
    }
    classes
}

/// Multisets of `len` picks from `choices`: C(len + choices - 1, choices - 1), saturating.
fn multiset_count(len: usize, choices: usize) -> u64 {
    if choices == 0 {
        return 0;
    }
    let (n, k) = ((len + choices - 1) as u128, (choices - 1) as u128);
    let mut c: u128 = 1;
    for i in 0..k {
        c = c * (n - i) / (i + 1);
        if c > u64::MAX as u128 {
            return u64::MAX;
        }
    }
    c as u64
}

/// The number of hall mixes (times conversion timings where a hall converts), counted without listing them.
fn count_hall_mixes(ctx: &Ctx) -> u64 {
    // Mixes without a conversion: the classes' multisets over their choices that are not retrofits.
    let (mut all, mut without) = (1u64, 1u64);
    for class in &ctx.classes {
        let open = &ctx.space.open[class[0]];
        let plain = open.iter().filter(|c| !is_retrofit(**c)).count();
        all = all.saturating_mul(multiset_count(class.len(), open.len()));
        without = without.saturating_mul(multiset_count(class.len(), plain));
    }
    let converting = all.saturating_sub(without);
    without.saturating_add(converting.saturating_mul(ctx.space.timings.len().max(1) as u64))
}

fn is_retrofit(c: HallChoice) -> bool {
    matches!(c, HallChoice::Colocation | HallChoice::GpuCloud)
}

/// Every mix, for a space small enough to list (`LISTED_MIX_LIMIT`).
fn list_mixes(ctx: &Ctx) -> Vec<Mix> {
    let space = &ctx.space;
    let mut halls: Vec<Vec<HallChoice>> = vec![vec![HallChoice::Keep; space.halls.len()]];
    for class in &ctx.classes {
        let choices = &space.open[class[0]];
        let multisets = multisets(class.len(), choices.len());
        let mut next = Vec::with_capacity(halls.len() * multisets.len());
        for mix in &halls {
            for m in &multisets {
                let mut mix = mix.clone();
                for (&hall, &choice) in class.iter().zip(m) {
                    mix[hall] = choices[choice];
                }
                next.push(mix);
            }
        }
        halls = next;
    }
    let models: &[BusinessModel] = if ctx.n_cap > 0 { &BusinessModel::ALL } else { &[BusinessModel::Colocation] };
    let mut out = Vec::new();
    for h in halls {
        for timing in timings_of(ctx, &h) {
            for &business in models {
                out.push(Mix { halls: h.clone(), timing, business });
            }
        }
    }
    out
}

/// The conversion timings a hall mix distinguishes (only month 0 when no hall converts).
fn timings_of(ctx: &Ctx, halls: &[HallChoice]) -> Vec<ConversionTiming> {
    if halls.iter().any(|c| is_retrofit(*c)) && !ctx.space.timings.is_empty() {
        ctx.space.timings.clone()
    } else {
        vec![ConversionTiming::Now]
    }
}

/// Non-decreasing sequences of `len` indices below `choices`: the multisets of `len` picks.
fn multisets(len: usize, choices: usize) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new()];
    for _ in 0..len {
        out = out
            .into_iter()
            .flat_map(|seq: Vec<usize>| {
                let from = seq.last().copied().unwrap_or(0);
                (from..choices).map(move |c| {
                    let mut s = seq.clone();
                    s.push(c);
                    s
                })
            })
            .collect();
    }
    out
}

fn design(mix: &Mix, n: u32, cooling: CoolingOption, sub: Option<u32>) -> Design {
    let converts = mix.halls.iter().any(|c| is_retrofit(*c));
    Design {
        current: false,
        halls: mix.halls.clone(),
        conversion: if converts { mix.timing } else { ConversionTiming::Now },
        new_pods: n,
        pod_business: if n == 0 { BusinessModel::Colocation } else { mix.business },
        cooling: cooling.map(|c| c.0),
        replace_plants: cooling.is_some_and(|c| c.1),
        substation_mva: sub,
    }
}

/// The full-build constraints alone (no simulation, no placement); a design that breaks one is counted
/// under it when `count` is set.
fn physically_feasible(ctx: &Ctx, d: &Design, count: bool) -> bool {
    let built = ctx.space.build(d, false);
    match full_build::violation(&built.scenario) {
        None => true,
        Some(v) => {
            if count {
                ctx.rejected.add(v);
            }
            false
        }
    }
}

/// Builds, places, simulates and scores a design.
fn assess(ctx: &Ctx, d: &Design) -> Candidate {
    let built = ctx.space.build(d, true);
    let e = evaluate_for_search(&built.scenario);
    ctx.progress.evaluated.fetch_add(1, Ordering::Relaxed);
    let c = candidate(ctx, d.clone(), &built, &e);
    if !d.current {
        if let Some(v) = c.violation {
            ctx.rejected.add(v);
        }
        if let Ok(mut tried) = ctx.tried.lock() {
            tried.push(Tried {
                npv_usd: c.figures.npv_usd,
                budget_capex_usd: c.budget_capex_usd,
                feasible: c.violation.is_none(),
            });
        }
    }
    c
}

/// `evaluate` without the project IRR (no objective reads it, and its root search is much of an evaluation's
/// time); the designs returned are evaluated in full at the end.
fn evaluate_for_search(s: &Scenario) -> Evaluation {
    let mut e = evaluate_with(s, &Shocks { skip_irr: true, ..Shocks::NONE });
    if e.schedule.grid.any_request() {
        let refused = evaluate_with(s, &Shocks { grid_refused: true, skip_irr: true, ..Shocks::NONE });
        let p = s.assumptions.interconnection_approval_probability.clamp(0.0, 1.0);
        e.kpis.npv_if_refused_usd = Some(refused.kpis.npv_usd);
        e.kpis.npv_expected_usd = Some(p * e.kpis.npv_usd + (1.0 - p) * refused.kpis.npv_usd);
    }
    e
}

/// What the capital budget counts (MODEL.md "The best mix, with time and the grid"): every purchase within
/// the horizon except hardware refreshes (a component's hardware bought after its first purchase).
pub fn budget_capex(e: &Evaluation, horizon_months: usize) -> f64 {
    let mut first_hardware: HashMap<ComponentId, u32> = HashMap::new();
    for item in e.capex_items.iter().filter(|i| i.class == CapexClass::ItHardware) {
        let m = first_hardware.entry(item.component).or_insert(item.month);
        *m = (*m).min(item.month);
    }
    e.capex_items
        .iter()
        .filter(|i| (i.month as usize) < horizon_months)
        .filter(|i| i.class != CapexClass::ItHardware || first_hardware.get(&i.component) == Some(&i.month))
        .map(|i| i.usd)
        .sum()
}

fn candidate(ctx: &Ctx, mut design: Design, built: &Built, e: &Evaluation) -> Candidate {
    let s = &built.scenario;
    if built.plant_mw_th == 0.0 {
        // No plant was needed: every cooling option builds the same scenario.
        design.cooling = None;
        design.replace_plants = false;
    }
    let budget_capex_usd = budget_capex(e, s.assumptions.horizon_months());
    let violation = full_build::violation(s)
        .or_else(|| ctx.budget_usd.filter(|&b| budget_capex_usd > b * (1.0 + 1e-12) + 1e-6).map(|_| Violation::Budget))
        .or_else(|| (!built.placed).then_some(Violation::Boundary));
    let mut figures = figures(e);
    if matches!(ctx.ranking, Objective::EquityNpv | Objective::EquityIrr) {
        equity_figures(s, e, &mut figures);
    }
    let score = Score::of(ctx.ranking, &figures);
    Candidate {
        design,
        figures,
        score,
        kpis: e.kpis.clone(),
        budget_capex_usd,
        violation,
        changes: Vec::new(),
        scenario: None,
    }
}

/// The objectives' inputs from an evaluation (the equity figures are added by `equity_figures` where needed).
fn figures(e: &Evaluation) -> Figures {
    let first_ai = e
        .series
        .revenue_colocation
        .iter()
        .zip(&e.series.revenue_gpu_cloud)
        .position(|(c, g)| c + g > 0.0)
        .map(|m| m as u32);
    Figures {
        npv_usd: e.kpis.npv_usd,
        npv_expected_usd: e.kpis.npv_expected_usd,
        equity_npv_usd: None,
        equity_mirr: None,
        p10_npv_usd: None,
        first_ai_revenue_month: first_ai,
        has_ai: e.kpis.it_load_ai_mw > 0.0,
    }
}

/// The equity figures from the financing view.
fn equity_figures(s: &Scenario, e: &Evaluation, f: &mut Figures) {
    let equity = financing::evaluate(s, e);
    let a = &s.assumptions;
    f.equity_npv_usd = Some(equity.kpis.equity_npv_usd);
    f.equity_mirr = mirr_annual(&equity.series.cash_flow_equity, a.debt_rate, a.discount_rate);
}

/// Every design of one mix: every number of pods, cooling option and substation option.
fn exact_mix(ctx: &Ctx, mix: &Mix) -> Vec<Candidate> {
    let mut out = Vec::new();
    let first = if mix.business == BusinessModel::Colocation { 0 } else { 1 };
    for n in first..=ctx.n_cap {
        let mut any = false;
        for &cooling in &ctx.coolings {
            for &sub in &ctx.substations {
                let d = design(mix, n, cooling, sub);
                if physically_feasible(ctx, &d, true) {
                    any = true;
                    out.push(assess(ctx, &d));
                }
            }
        }
        // The full-build constraints only tighten with more pods.
        if !any && n > 0 {
            break;
        }
    }
    dedup_designs(out)
}

/// Designs that build the same scenario (e.g. a cooling type when no plant is needed) are kept once.
fn dedup_designs(mut found: Vec<Candidate>) -> Vec<Candidate> {
    let mut seen: Vec<Design> = Vec::new();
    found.retain(|c| {
        let new = !seen.contains(&c.design);
        if new {
            seen.push(c.design.clone());
        }
        new
    });
    found
}

/// The heuristic search of one mix over the given cooling options (see the module documentation).
fn heuristic_mix(ctx: &Ctx, mix: &Mix, coolings: &[CoolingOption]) -> Vec<Candidate> {
    let mut all: Vec<Candidate> = Vec::new();
    let first = if mix.business == BusinessModel::Colocation { 0 } else { 1 };
    if first > ctx.n_cap {
        return all;
    }
    for &cooling in coolings {
        if ctx.progress.cancelled() {
            break;
        }
        // Substation tiers: (smallest n needing this option, largest n it carries, option).
        let mut tiers: Vec<(u32, u32, Option<u32>)> = Vec::new();
        for &sub in &ctx.substations {
            let feasible = |n: u32, count: bool| physically_feasible(ctx, &design(mix, n, cooling, sub), count);
            let Some(hi) = largest_true(first, ctx.n_cap, feasible) else { continue };
            let lo = tiers.last().map_or(first, |t| t.1 + 1);
            if hi >= lo {
                tiers.push((lo, hi, sub));
            }
        }
        let tier_of = |n: u32| tiers.iter().find(|t| t.0 <= n && n <= t.1).copied();
        let mut seen: HashMap<u32, usize> = HashMap::new();
        let mut local: Vec<Candidate> = Vec::new();
        let mut visit = |n: u32, local: &mut Vec<Candidate>| -> Option<usize> {
            if let Some(&i) = seen.get(&n) {
                return Some(i);
            }
            let t = tier_of(n)?;
            let c = assess(ctx, &design(mix, n, cooling, t.2));
            local.push(c);
            seen.insert(n, local.len() - 1);
            Some(local.len() - 1)
        };
        let mut best: Option<usize> = None;
        let better = |local: &Vec<Candidate>, i: usize, best: Option<usize>| {
            local[i].violation.is_none() && best.is_none_or(|b| local[i].score > local[b].score)
        };
        for &(lo, hi, _) in &tiers.clone() {
            for n in [lo, hi] {
                let Some(mut i) = visit(n, &mut local) else { continue };
                if matches!(local[i].violation, Some(Violation::Budget | Violation::Boundary)) && n > lo {
                    // Budget and boundary tighten with every pod: the largest n of the tier that meets them.
                    let mut ok = |m: u32, local: &mut Vec<Candidate>| {
                        visit(m, local).is_some_and(|j| {
                            !matches!(local[j].violation, Some(Violation::Budget | Violation::Boundary))
                        })
                    };
                    let mut good = None;
                    let (mut a, mut b) = (lo, n);
                    while a < b {
                        let mid = a + (b - a) / 2;
                        if ok(mid, &mut local) {
                            good = Some(mid);
                            a = mid + 1;
                        } else {
                            b = mid;
                        }
                    }
                    if let Some(g) = good
                        && let Some(j) = visit(g, &mut local)
                    {
                        i = j;
                    }
                }
                if better(&local, i, best) {
                    best = Some(i);
                }
            }
        }
        // Hill climb by one pod at a time from the best found.
        if let Some(mut b) = best {
            for step in [1i64, -1] {
                loop {
                    let n = local[b].design.new_pods as i64 + step;
                    if n < first as i64 || n > ctx.n_cap as i64 {
                        break;
                    }
                    match visit(n as u32, &mut local) {
                        Some(i) if better(&local, i, Some(b)) => b = i,
                        _ => break,
                    }
                }
            }
        }
        all.extend(local);
    }
    dedup_designs(all)
}

/// The largest n in [lo, hi] where `f` holds, for an `f` that holds up to some n and fails beyond it. The
/// probes that fail are counted as rejected designs (`f`'s second argument).
fn largest_true(lo: u32, hi: u32, f: impl Fn(u32, bool) -> bool) -> Option<u32> {
    if !f(lo, true) {
        return None;
    }
    if f(hi, true) {
        return Some(hi);
    }
    let (mut good, mut bad) = (lo, hi);
    while bad - good > 1 {
        let mid = good + (bad - good) / 2;
        if f(mid, true) { good = mid } else { bad = mid }
    }
    Some(good)
}

/// The local search over the halls' classes for spaces with too many mixes to list (module documentation).
/// Returns the designs simulated, grouped by mix.
fn local_search(ctx: &Ctx) -> Vec<Vec<Candidate>> {
    let space = &ctx.space;
    let classes = &ctx.classes;
    // Per class, how many of its halls take each of its open choices; the start is the current design (every
    // hall kept, or its first open choice).
    let mut counts: Vec<Vec<u32>> = classes
        .iter()
        .map(|class| {
            let open = &space.open[class[0]];
            let start = open.iter().position(|c| *c == HallChoice::Keep).unwrap_or(0);
            let mut v = vec![0; open.len()];
            v[start] = class.len() as u32;
            v
        })
        .collect();
    let halls_of = |counts: &[Vec<u32>]| -> Vec<HallChoice> {
        let mut halls = vec![HallChoice::Keep; space.halls.len()];
        for (class, count) in classes.iter().zip(counts) {
            let open = &space.open[class[0]];
            let mut members = class.iter();
            for (choice, &n) in open.iter().zip(count) {
                for &hall in members.by_ref().take(n as usize) {
                    halls[hall] = *choice;
                }
            }
        }
        halls
    };
    let moves_per_sweep: usize = counts.iter().map(|c| c.len() * c.len().saturating_sub(1) * 2).sum::<usize>().max(1);
    let businesses: &[BusinessModel] = if ctx.n_cap > 0 { &BusinessModel::ALL } else { &[BusinessModel::Colocation] };
    let full_mix_runs = (businesses.len() * ctx.space.timings.len().max(1)) * (1 + REFINED_MIXES);
    ctx.progress.total.store(1 + full_mix_runs + moves_per_sweep * MAX_SWEEPS, Ordering::Relaxed);

    let mut found: Vec<Vec<Candidate>> = Vec::new();
    // The start mix gets the full per-mix search: its best design sets the pods, cooling and substation the
    // moves are screened with.
    let full = |halls: &[HallChoice], found: &mut Vec<Vec<Candidate>>| -> Option<Candidate> {
        let mixes: Vec<Mix> = timings_of(ctx, halls)
            .into_iter()
            .flat_map(|timing| businesses.iter().map(move |&business| (timing, business)))
            .map(|(timing, business)| Mix { halls: halls.to_vec(), timing, business })
            .collect();
        let results: Vec<Vec<Candidate>> = mixes
            .par_iter()
            .map(|m| {
                let r = heuristic_mix(ctx, m, &ctx.coolings);
                ctx.progress.done.fetch_add(1, Ordering::Relaxed);
                r
            })
            .collect();
        let best = results.iter().flatten().filter(|c| c.violation.is_none()).max_by_key(|c| c.score).cloned();
        found.extend(results);
        best
    };
    let mut incumbent = full(&halls_of(&counts), &mut found);
    let mut screened: Vec<(Score, Vec<HallChoice>)> = Vec::new();
    // The screened designs count as one group (the P10 shortlist takes its three best, not three of each).
    let mut screened_designs: Vec<Candidate> = Vec::new();
    for _sweep in 0..MAX_SWEEPS {
        if ctx.progress.cancelled() {
            break;
        }
        let mut improved = false;
        for k in 0..classes.len() {
            let choices = counts[k].len();
            let mut moves: Vec<Vec<u32>> = Vec::new();
            for from in 0..choices {
                for to in 0..choices {
                    let have = counts[k][from];
                    if from == to || have == 0 {
                        continue;
                    }
                    let mut steps = vec![1, have];
                    steps.dedup();
                    for step in steps {
                        let mut c = counts[k].clone();
                        c[from] -= step;
                        c[to] += step;
                        moves.push(c);
                    }
                }
            }
            let trials: Vec<(Vec<u32>, Option<Candidate>)> = moves
                .into_par_iter()
                .map(|c| {
                    let mut all = counts.clone();
                    all[k] = c.clone();
                    let r = screen(ctx, &halls_of(&all), incumbent.as_ref());
                    ctx.progress.done.fetch_add(1, Ordering::Relaxed);
                    (c, r)
                })
                .collect();
            for (c, r) in trials {
                let Some(r) = r else { continue };
                let mut all = counts.clone();
                all[k] = c.clone();
                screened.push((r.score, halls_of(&all)));
                let better = incumbent.as_ref().is_none_or(|i| r.score > i.score);
                screened_designs.push(r.clone());
                if better {
                    incumbent = Some(r);
                    counts[k] = c;
                    improved = true;
                }
            }
        }
        if !improved {
            break;
        }
    }
    // The full per-mix search on the best mixes screened (the incumbent's first).
    screened.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut refined: Vec<Vec<HallChoice>> = Vec::new();
    if let Some(i) = &incumbent {
        refined.push(i.design.halls.clone());
    }
    for (_, halls) in screened {
        if refined.len() >= REFINED_MIXES {
            break;
        }
        if !refined.contains(&halls) {
            refined.push(halls);
        }
    }
    for halls in refined {
        if ctx.progress.cancelled() {
            break;
        }
        full(&halls, &mut found);
    }
    found.push(screened_designs);
    found
}

/// Screens a hall mix with the incumbent's pods, business, cooling and substation (fewer pods, or the
/// smallest substation that carries them, when the mix cannot take as many): the best feasible design over
/// the conversion timings, one simulation each.
fn screen(ctx: &Ctx, halls: &[HallChoice], incumbent: Option<&Candidate>) -> Option<Candidate> {
    let (n, business, cooling) = incumbent.map_or((0, BusinessModel::Colocation, ctx.coolings[0]), |c| {
        let cooling = match (c.design.cooling, ctx.coolings[0]) {
            (Some(t), _) => Some((t, c.design.replace_plants)),
            (None, first) => first,
        };
        (c.design.new_pods, c.design.pod_business, cooling)
    });
    let mut best: Option<Candidate> = None;
    for timing in timings_of(ctx, halls) {
        let mix = Mix { halls: halls.to_vec(), timing, business };
        let mut chosen: Option<(u32, Option<u32>)> = None;
        for &sub in &ctx.substations {
            let feasible = |m: u32, _: bool| physically_feasible(ctx, &design(&mix, m, cooling, sub), false);
            if let Some(hi) = largest_true(0, n, feasible)
                && chosen.is_none_or(|c| hi > c.0)
            {
                chosen = Some((hi, sub));
                if hi == n {
                    break;
                }
            }
        }
        let Some((m, sub)) = chosen else { continue };
        let c = assess(ctx, &design(&mix, m, cooling, sub));
        if c.violation.is_none() && best.as_ref().is_none_or(|b| c.score > b.score) {
            best = Some(c);
        }
    }
    best
}

/// The best design per distinct key (hall choices, conversion month, number of new pods), best first.
fn top_distinct(mut pool: Vec<Candidate>, top: usize) -> Vec<Candidate> {
    // Stable: equal scores keep enumeration order.
    pool.sort_by_key(|c| std::cmp::Reverse(c.score));
    let mut keys: Vec<DesignKey> = Vec::new();
    let mut out = Vec::new();
    for c in pool {
        let key = c.design.key();
        if keys.contains(&key) {
            continue;
        }
        keys.push(key);
        out.push(c);
        if out.len() == top {
            break;
        }
    }
    out
}

/// The P10 objective: the three best designs by NPV of every business mix (and the current design), each
/// run through a Monte Carlo of `p10_draws` draws, ranked by P10 NPV. A long shortlist is screened first on
/// its first `P10_SCREEN_DRAWS` draws; the `P10_FINALISTS` best by that P10 (and the current design) get the
/// remaining draws, the screening draws reused.
fn p10_shortlist(ctx: &Ctx, per_mix: &[Vec<Candidate>], current: &Candidate) -> Vec<Candidate> {
    let mut shortlist: Vec<Candidate> = Vec::new();
    for found in per_mix {
        let feasible: Vec<Candidate> = found.iter().filter(|c| c.violation.is_none()).cloned().collect();
        for c in top_distinct(feasible, P10_SHORTLIST_PER_MIX) {
            if !shortlist.iter().any(|s| s.design == c.design) {
                shortlist.push(c);
            }
        }
    }
    shortlist.push(current.clone());
    let draws = ctx.settings.p10_draws.max(MIN_P10_DRAWS);
    let screen = shortlist.len() > P10_FINALISTS + 1 && draws > P10_SCREEN_DRAWS;
    let first = if screen { P10_SCREEN_DRAWS } else { draws };
    ctx.progress.total.fetch_add(shortlist.len() + if screen { P10_FINALISTS + 1 } else { 0 }, Ordering::Relaxed);
    let mut runs: Vec<(Candidate, Scenario, Vec<f64>)> = shortlist
        .into_iter()
        .map(|c| {
            let built = ctx.space.build(&c.design, true);
            let npvs = if ctx.progress.cancelled() { Vec::new() } else { npv_draws(&built.scenario, 0..first) };
            ctx.progress.done.fetch_add(1, Ordering::Relaxed);
            (c, built.scenario, npvs)
        })
        .collect();
    if screen {
        let p10 = |npvs: &[f64]| p10_of(npvs).unwrap_or(f64::NEG_INFINITY);
        let mut order: Vec<usize> = (0..runs.len()).collect();
        order.sort_by(|&a, &b| p10(&runs[b].2).total_cmp(&p10(&runs[a].2)).then(a.cmp(&b)));
        let keep: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&i| runs[i].0.design.current)
            .chain(order.iter().copied().filter(|&i| !runs[i].0.design.current).take(P10_FINALISTS))
            .collect();
        let mut kept = Vec::new();
        for (i, mut run) in runs.into_iter().enumerate() {
            if !keep.contains(&i) {
                continue;
            }
            if !ctx.progress.cancelled() {
                run.2.extend(npv_draws(&run.1, first..draws));
            }
            ctx.progress.done.fetch_add(1, Ordering::Relaxed);
            kept.push(run);
        }
        runs = kept;
    }
    runs.into_iter()
        .map(|(mut c, _, npvs)| {
            c.figures.p10_npv_usd = if npvs.len() == draws as usize { p10_of(&npvs) } else { None };
            c.score = Score::of(Objective::P10Npv, &c.figures);
            c
        })
        .collect()
}

fn p10_of(npvs: &[f64]) -> Option<f64> {
    let mut sorted = npvs.to_vec();
    sorted.sort_by(f64::total_cmp);
    percentile(&sorted, 10)
}

/// NPV of draws `range` of the scenario's own risk settings and seed (MODEL.md "Risk"), so every design is
/// judged on the same luck; the same draws as the Risk tab's (draw i's inputs come from the seed and i only).
fn npv_draws(s: &Scenario, range: std::ops::Range<u32>) -> Vec<f64> {
    let settings: &RiskSettings = &s.assumptions.risk;
    let months = s.assumptions.horizon_months();
    range
        .into_par_iter()
        .with_min_len(8)
        .map_init(
            || (s.clone(), DrawInputs::default()),
            |(work, inputs), i| draw_evaluation(settings, s, months, u64::from(i), work, inputs).kpis.npv_usd,
        )
        .collect()
}
