//! The search over designs (MODEL.md "The best mix"). Every candidate is evaluated by the real model.
//!
//! - Business mixes: every combination of the halls' choices and the new pods' business model. Halls that are
//!   identical (same data, same existing flag, same open choices) are interchangeable, so only how many of them
//!   take each choice matters: this symmetry is exact and shrinks four identical halls from 256 combinations
//!   to 35.
//! - Exact search: every mix x every number of new pods x every cooling type x every substation option, each
//!   design checked against the full-build constraints first and simulated when it passes.
//! - Heuristic (when the exact space exceeds `EXACT_LIMIT` designs): per mix and cooling type, the largest
//!   number of pods each substation option allows is found by bisection on the full-build constraints (they
//!   grow with every pod); each number is given the smallest substation that carries it (a bigger one adds
//!   cost and nothing else); the numbers evaluated are the ends of each substation tier (the objective is close
//!   to linear in the number of pods inside a tier: each pod adds the same revenue and cost, with one kink where
//!   the pods outrun the power that is online before the new substation), then a hill climb by one pod from
//!   the best. Budget and boundary limits, which also grow with every pod, are met by bisecting down.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;
use serde::Serialize;

use super::design::{Built, Design, HallChoice, SUBSTATION_SIZES_MVA, Space};
use super::full_build::{self, Violation};
use super::objective::{Figures, Objective, Score, mirr_annual};
use crate::model::catalog::{self, GpuPreset};
use crate::model::component::{BusinessModel, ComponentId, CoolingType};
use crate::model::evaluation::{Evaluation, Kpis};
use crate::model::financing;
use crate::model::risk::{self, RiskSettings};
use crate::model::scenario::Scenario;
use crate::model::simulate::evaluate;

/// Above this many designs the heuristic runs instead of the exact enumeration.
pub const EXACT_LIMIT: u64 = 20_000;
/// Monte Carlo draws per shortlisted design for the P10 objective (MODEL.md: at least 200).
pub const MIN_P10_DRAWS: u32 = 200;
/// Designs per business mix on the P10 shortlist (the three best by NPV).
pub const P10_SHORTLIST_PER_MIX: usize = 3;

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
    /// Bound on the initial investment (all capex up to and including the full-power month).
    pub budget_usd: Option<f64>,
    /// The GPU system of new pods and retrofits (default GB200 NVL72).
    pub system: &'static GpuPreset,
    /// Size of a new pod in systems (default 100).
    pub pod_systems: u32,
    /// At most this many new pods (the boundary and the grid usually bind first).
    pub max_new_pods: u32,
    pub allow_substation: bool,
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
        if total == 0 { 0.0 } else { self.done.load(Ordering::Relaxed) as f32 / total as f32 }
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
    /// All capex up to and including the full-power month (what the budget bounds).
    pub initial_capex_usd: f64,
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
    pub initial_capex_usd: f64,
    pub feasible: bool,
}

#[derive(Debug, Clone)]
pub struct OptimizeResult {
    pub objective: Objective,
    /// `Exact` or `Heuristic`: what ran.
    pub mode: SearchMode,
    /// Designs in the whole space (mixes x pods x cooling x substation).
    pub space_size: u64,
    /// Designs simulated.
    pub evaluated: usize,
    pub tried: Vec<Tried>,
    /// The best distinct designs, best first.
    pub best: Vec<Candidate>,
    /// The scenario as drawn, always evaluated.
    pub current: Candidate,
    pub cancelled: bool,
}

/// Everything a mix search needs, shared read-only by the worker threads.
struct Ctx<'a> {
    space: Space,
    settings: &'a Settings,
    /// The objective the design search ranks by (P10 ranks a shortlist found by NPV).
    ranking: Objective,
    n_cap: u32,
    substations: Vec<Option<u32>>,
    coolings: Vec<Option<CoolingType>>,
    progress: &'a Progress,
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
        substations.extend(SUBSTATION_SIZES_MVA.iter().map(|&s| Some(s)));
    }
    let n_cap = pod_cap(&space, settings);
    let ctx = Ctx {
        space,
        settings,
        ranking,
        n_cap,
        substations,
        coolings: if settings.cooling_types.is_empty() {
            vec![None]
        } else {
            settings.cooling_types.iter().map(|&t| Some(t)).collect()
        },
        progress,
    };

    let mixes = business_mixes(&ctx);
    let per_mix = (1 + 2 * n_cap as u64) * ctx.coolings.len() as u64 * ctx.substations.len() as u64;
    let hall_mixes = mixes.len() as u64 / if n_cap > 0 { 2 } else { 1 };
    let space_size = hall_mixes * per_mix;
    let mode = match settings.mode {
        SearchMode::Auto if space_size <= EXACT_LIMIT => SearchMode::Exact,
        SearchMode::Auto => SearchMode::Heuristic,
        m => m,
    };
    progress.total.store(mixes.len() + 1, Ordering::Relaxed);
    progress.done.store(0, Ordering::Relaxed);

    let current = assess(&ctx, &ctx.space.current_design());
    progress.done.fetch_add(1, Ordering::Relaxed);
    let per_mix_results: Vec<Vec<Candidate>> = mixes
        .par_iter()
        .map(|(halls, business)| {
            if progress.cancelled() {
                return Vec::new();
            }
            let found = match mode {
                SearchMode::Exact => exact_mix(&ctx, halls, *business),
                _ => heuristic_mix(&ctx, halls, *business),
            };
            progress.done.fetch_add(1, Ordering::Relaxed);
            found
        })
        .collect();
    let cancelled = progress.cancelled();

    let mut tried: Vec<Tried> = Vec::new();
    let mut pool: Vec<Candidate> = Vec::new();
    for c in per_mix_results.iter().flatten().chain(std::iter::once(&current)) {
        tried.push(Tried {
            npv_usd: c.figures.npv_usd,
            initial_capex_usd: c.initial_capex_usd,
            feasible: c.violation.is_none(),
        });
    }
    let evaluated = tried.len();
    if settings.objective == Objective::P10Npv {
        pool = p10_shortlist(&ctx, &per_mix_results, &current);
    } else {
        pool.extend(per_mix_results.into_iter().flatten().filter(|c| c.violation.is_none()));
        pool.push(current.clone());
    }
    let mut best = top_distinct(pool, settings.top.max(1));
    for c in &mut best {
        let built = ctx.space.build(&c.design, true);
        c.changes = ctx.space.describe(&c.design, &built);
        c.scenario = Some(built.scenario);
    }
    let mut current = current;
    current.changes = ctx.space.describe(&current.design, &ctx.space.build(&current.design, false));
    OptimizeResult { objective: settings.objective, mode, space_size, evaluated, tried, best, current, cancelled }
}

/// An upper bound on new pods: what all grid, turbine and the largest new substation could power, what the
/// boundary's free area could hold, and the planner's cap.
fn pod_cap(space: &Space, settings: &Settings) -> u32 {
    let pod_mw = space.pod_it_mw();
    if pod_mw <= 0.0 || settings.max_new_pods == 0 {
        return 0;
    }
    let fb = full_build::full_build(&space.base);
    let largest_new = if settings.allow_substation {
        SUBSTATION_SIZES_MVA.iter().max().copied().unwrap_or(0) as f64 * 0.95
    } else {
        0.0
    };
    // Removing every hall frees its power for pods.
    let mining_mw = fb.facility_mw - fb.ai_facility_mw;
    let by_power = (fb.capacity_mw + largest_new + mining_mw.max(0.0)) / pod_mw;
    // GPU pods are sized at 12 kW/m2 (model::footprint).
    let pod_area = pod_mw * 1000.0 / 12.0;
    let by_area = space.base.boundary.area() / pod_area;
    (by_power.min(by_area).floor().max(0.0) as u32).min(settings.max_new_pods)
}

/// Every combination of the halls' choices (identical halls counted by multiset) and the new pods' model.
fn business_mixes(ctx: &Ctx) -> Vec<(Vec<HallChoice>, BusinessModel)> {
    let space = &ctx.space;
    // Classes of interchangeable halls, in order of first appearance.
    let mut classes: Vec<Vec<usize>> = Vec::new();
    for (k, &(index, _)) in space.halls.iter().enumerate() {
        let c = &space.base.components[index];
        let same = classes.iter_mut().find(|class| {
            let first = class[0];
            let o = &space.base.components[space.halls[first].0];
            o.kind == c.kind
                && o.existing == c.existing
                && o.lead_time_months == c.lead_time_months
                && space.open[first] == space.open[k]
        });
        match same {
            Some(class) => class.push(k),
            None => classes.push(vec![k]),
        }
    }
    let mut mixes: Vec<Vec<HallChoice>> = vec![vec![HallChoice::Keep; space.halls.len()]];
    for class in &classes {
        let choices = &space.open[class[0]];
        let multisets = multisets(class.len(), choices.len());
        let mut next = Vec::with_capacity(mixes.len() * multisets.len());
        for mix in &mixes {
            for m in &multisets {
                let mut mix = mix.clone();
                for (&hall, &choice) in class.iter().zip(m) {
                    mix[hall] = choices[choice];
                }
                next.push(mix);
            }
        }
        mixes = next;
    }
    let models: &[BusinessModel] = if ctx.n_cap > 0 { &BusinessModel::ALL } else { &[BusinessModel::Colocation] };
    mixes.into_iter().flat_map(|m| models.iter().map(move |&b| (m.clone(), b))).collect()
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

fn design(
    halls: &[HallChoice],
    business: BusinessModel,
    n: u32,
    cooling: Option<CoolingType>,
    sub: Option<u32>,
) -> Design {
    Design {
        current: false,
        halls: halls.to_vec(),
        new_pods: n,
        pod_business: if n == 0 { BusinessModel::Colocation } else { business },
        cooling,
        substation_mva: sub,
    }
}

/// The full-build constraints alone (no simulation, no placement).
fn physically_feasible(ctx: &Ctx, d: &Design) -> bool {
    let built = ctx.space.build(d, false);
    let fb = full_build::full_build(&built.scenario);
    full_build::physical_violation(&fb, built.scenario.assumptions.water_limit_m3_per_day).is_none()
}

/// Builds, places, simulates and scores a design.
fn assess(ctx: &Ctx, d: &Design) -> Candidate {
    let built = ctx.space.build(d, true);
    let e = evaluate(&built.scenario);
    ctx.progress.evaluated.fetch_add(1, Ordering::Relaxed);
    candidate(ctx, d.clone(), &built, &e)
}

fn candidate(ctx: &Ctx, mut design: Design, built: &Built, e: &Evaluation) -> Candidate {
    let s = &built.scenario;
    if built.plant_mw_th == 0.0 {
        // No plant was needed: every cooling type builds the same scenario.
        design.cooling = None;
    }
    let fb = full_build::full_build(s);
    let last = e.series.capex.len().saturating_sub(1);
    let through = (e.kpis.full_power_month as usize).min(last);
    let initial_capex_usd: f64 = e.series.capex.iter().take(through + 1).sum();
    let violation = full_build::physical_violation(&fb, s.assumptions.water_limit_m3_per_day)
        .or_else(|| {
            ctx.settings.budget_usd.filter(|&b| initial_capex_usd > b * (1.0 + 1e-12) + 1e-6).map(|_| Violation::Budget)
        })
        .or_else(|| (!built.placed).then_some(Violation::Boundary));
    let figures = figures(s, e);
    let score = Score::of(ctx.ranking, &figures);
    Candidate {
        design,
        figures,
        score,
        kpis: e.kpis.clone(),
        initial_capex_usd,
        violation,
        changes: Vec::new(),
        scenario: None,
    }
}

/// The objectives' inputs from an evaluation (equity figures from the financing view).
fn figures(s: &Scenario, e: &Evaluation) -> Figures {
    let first_ai = e
        .series
        .revenue_colocation
        .iter()
        .zip(&e.series.revenue_gpu_cloud)
        .position(|(c, g)| c + g > 0.0)
        .map(|m| m as u32);
    let equity = financing::evaluate(s, e);
    let a = &s.assumptions;
    Figures {
        npv_usd: e.kpis.npv_usd,
        equity_npv_usd: Some(equity.kpis.equity_npv_usd),
        equity_mirr: mirr_annual(&equity.series.cash_flow_equity, a.debt_rate, a.discount_rate),
        p10_npv_usd: None,
        first_ai_revenue_month: first_ai,
        has_ai: e.kpis.it_load_ai_mw > 0.0,
    }
}

/// Every design of one mix: every number of pods, cooling type and substation option.
fn exact_mix(ctx: &Ctx, halls: &[HallChoice], business: BusinessModel) -> Vec<Candidate> {
    let mut out = Vec::new();
    let first = if business == BusinessModel::Colocation { 0 } else { 1 };
    for n in first..=ctx.n_cap {
        let mut any = false;
        for &cooling in &ctx.coolings {
            for &sub in &ctx.substations {
                let d = design(halls, business, n, cooling, sub);
                if physically_feasible(ctx, &d) {
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

/// The heuristic search of one mix (see the module documentation).
fn heuristic_mix(ctx: &Ctx, halls: &[HallChoice], business: BusinessModel) -> Vec<Candidate> {
    let mut all: Vec<Candidate> = Vec::new();
    let first = if business == BusinessModel::Colocation { 0 } else { 1 };
    if first > ctx.n_cap {
        return all;
    }
    for &cooling in &ctx.coolings {
        // Substation tiers: (smallest n needing this option, largest n it carries, option).
        let mut tiers: Vec<(u32, u32, Option<u32>)> = Vec::new();
        for &sub in &ctx.substations {
            let feasible = |n: u32| physically_feasible(ctx, &design(halls, business, n, cooling, sub));
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
            let c = assess(ctx, &design(halls, business, n, cooling, t.2));
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

/// The largest n in [lo, hi] where `f` holds, for an `f` that holds up to some n and fails beyond it.
fn largest_true(lo: u32, hi: u32, f: impl Fn(u32) -> bool) -> Option<u32> {
    if !f(lo) {
        return None;
    }
    if f(hi) {
        return Some(hi);
    }
    let (mut good, mut bad) = (lo, hi);
    while bad - good > 1 {
        let mid = good + (bad - good) / 2;
        if f(mid) { good = mid } else { bad = mid }
    }
    Some(good)
}

/// The best design per distinct key (hall choices, number of new pods), best first.
fn top_distinct(mut pool: Vec<Candidate>, top: usize) -> Vec<Candidate> {
    // Stable: equal scores keep enumeration order.
    pool.sort_by_key(|c| std::cmp::Reverse(c.score));
    let mut keys = Vec::new();
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

/// The P10 objective: the three best designs by NPV of every business mix, each run through a Monte Carlo of
/// `p10_draws` draws, ranked by P10 NPV. The current design is always on the list.
fn p10_shortlist(ctx: &Ctx, per_mix: &[Vec<Candidate>], current: &Candidate) -> Vec<Candidate> {
    let mut shortlist: Vec<Candidate> = Vec::new();
    for found in per_mix {
        let feasible: Vec<Candidate> = found.iter().filter(|c| c.violation.is_none()).cloned().collect();
        shortlist.extend(top_distinct(feasible, P10_SHORTLIST_PER_MIX));
    }
    shortlist.push(current.clone());
    let draws = ctx.settings.p10_draws.max(MIN_P10_DRAWS);
    ctx.progress.total.fetch_add(shortlist.len(), Ordering::Relaxed);
    shortlist
        .into_par_iter()
        .map(|mut c| {
            if ctx.progress.cancelled() {
                return c;
            }
            let built = ctx.space.build(&c.design, true);
            c.figures.p10_npv_usd = p10_npv(&built.scenario, draws);
            c.score = Score::of(Objective::P10Npv, &c.figures);
            ctx.progress.done.fetch_add(1, Ordering::Relaxed);
            c
        })
        .collect()
}

/// P10 of NPV over `draws` Monte Carlo draws of the scenario's own risk settings and seed (MODEL.md "Risk"), so
/// every design is judged on the same luck.
fn p10_npv(s: &Scenario, draws: u32) -> Option<f64> {
    let settings = RiskSettings { draws, ..s.assumptions.risk.clone() };
    risk::run_with(s, &settings, &risk::Progress::default()).and_then(|r| r.npv.p10)
}
