//! Runs the draws in parallel (rayon) and reduces them in draw order, so the results are the same bit for bit
//! on any number of threads.

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use rayon::prelude::*;

use super::draw::{DrawInputs, apply, sample};
use super::settings::{RiskInput, RiskSettings};
use super::stats::{Fan, HISTOGRAM_BINS, Histogram, Spread, percentile, percentile_position};
use crate::model::evaluation::Evaluation;
use crate::model::financing;
use crate::model::scenario::Scenario;
use crate::model::simulate::{self, Shocks};

/// Shared between a run and whoever watches it: draws done so far, and a request to stop.
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicU32,
    cancel: AtomicBool,
}

impl Progress {
    pub fn done(&self) -> u32 {
        self.done.load(Ordering::Relaxed)
    }

    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// What one draw contributes to the results.
#[derive(Debug, Clone, PartialEq)]
pub struct DrawOutcome {
    pub npv: f64,
    /// Equity IRR when it exists and is not ambiguous.
    pub equity_irr: Option<f64>,
    pub payback_months: Option<f64>,
    /// None when the draw never reaches full power (its grid request was refused).
    pub full_power_month: Option<u32>,
    /// The draw's grid requests were approved (true where none is needed).
    pub approved: bool,
    pub annual_ebitda: Option<f64>,
    /// Cumulative cash flow by month less the base case's, kept in f32 for the fan (100,000 draws of 40 years
    /// stay under 200 MB; a draw equal to the base case is exactly 0).
    pub cumulative_vs_base: Vec<f32>,
}

impl DrawOutcome {
    pub fn of(s: &Scenario, e: &Evaluation, base: &Evaluation) -> DrawOutcome {
        let k = &e.kpis;
        DrawOutcome {
            npv: k.npv_usd,
            equity_irr: equity_irr(s, e),
            payback_months: k.payback_months,
            full_power_month: (!k.grid_refused).then_some(k.full_power_month),
            approved: !k.grid_refused,
            annual_ebitda: k.annual_ebitda_usd,
            cumulative_vs_base: (e.series.cumulative_cash_flow.iter())
                .zip(&base.series.cumulative_cash_flow)
                .map(|(v, b)| (v - b) as f32)
                .collect(),
        }
    }
}

/// The equity IRR of a draw (MODEL.md "Financing and tax", on the draw's own series), left out (None) when it
/// does not exist or is ambiguous.
fn equity_irr(s: &Scenario, e: &Evaluation) -> Option<f64> {
    let k = financing::evaluate_reading(s, e, financing::Irrs::PlainEquityOnly).kpis;
    k.equity_irr.filter(|_| !k.equity_irr_ambiguous)
}

/// The risk results of one scenario (MODEL.md "Risk (Monte Carlo)", Results).
#[derive(Debug, Clone, PartialEq)]
pub struct RiskResult {
    pub draws: u32,
    pub seed: u64,
    pub npv: Spread,
    pub equity_irr: Spread,
    /// Share of draws whose equity IRR does not exist or is ambiguous (left out of `equity_irr`).
    pub equity_irr_none_share: f64,
    pub payback_months: Spread,
    pub payback_never_share: f64,
    /// Time to full power; a draw whose grid request is refused never gets there (ranked above all).
    pub full_power_month: Spread,
    /// Share of draws whose grid requests were approved; none when no substation needs a request.
    pub approval_share: Option<f64>,
    pub annual_ebitda: Spread,
    /// Share of draws whose first full-power year does not fit the horizon.
    pub annual_ebitda_none_share: f64,
    pub prob_npv_negative: f64,
    pub fan: Fan,
    pub histogram: Histogram,
    /// The base case (no draw) for comparison.
    pub base_npv: f64,
    /// How many draws' NPV is below the base case's.
    pub draws_below_base: u32,
    /// Set when the base case's NPV lies above the P75 of the draws (the base case is optimistic): what skews
    /// the draws down most.
    pub optimism: Option<Optimism>,
}

/// Why the draws fall short of an optimistic base case.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Optimism {
    /// The input whose switch-off, on the same draws, moves P50 NPV most towards the base case, with the P50
    /// it gives and the P50 with every input on (both over the first `SKEW_DRAWS` draws). `None` when no
    /// switch-off moves P50 up.
    pub skew: Option<(RiskInput, f64, f64)>,
}

/// Draws over which the skewing input is found: the run's first ones (common random numbers), re-run once
/// per input that is on. Enough to rank the inputs; the run's own figures come from all its draws.
pub const SKEW_DRAWS: u32 = 500;

impl RiskResult {
    /// Share of draws whose NPV is below the base case's.
    pub fn below_base_share(&self) -> f64 {
        if self.draws == 0 { 0.0 } else { f64::from(self.draws_below_base) / f64::from(self.draws) }
    }

    /// The base case's NPV lies above the P75 of the draws (at least ceil(0.75 N) draws are below it).
    pub fn base_is_optimistic(&self) -> bool {
        percentile_position(self.draws as usize, 75).is_some_and(|k| self.draws_below_base as usize >= k)
    }
}

/// Runs `s.assumptions.risk`; `None` when cancelled through `progress`.
pub fn run(s: &Scenario, progress: &Progress) -> Option<RiskResult> {
    run_with(s, &s.assumptions.risk, progress)
}

/// Runs the given settings on `s`; `None` when cancelled through `progress`.
pub fn run_with(s: &Scenario, settings: &RiskSettings, progress: &Progress) -> Option<RiskResult> {
    let base = simulate::evaluate(s);
    let outcomes: Vec<DrawOutcome> = (0..settings.draws)
        .into_par_iter()
        .with_min_len(8)
        .map_init(
            || (s.clone(), DrawInputs::default()),
            |(work, inputs), i| {
                if progress.is_cancelled() {
                    return None;
                }
                let outcome = evaluate_draw(settings, s, &base, i as u64, work, inputs);
                progress.done.fetch_add(1, Ordering::Relaxed);
                Some(outcome)
            },
        )
        .collect::<Option<Vec<_>>>()?;
    let mut result = summarize(settings, &outcomes, &base);
    if result.base_is_optimistic() {
        result.optimism = Some(Optimism { skew: skewing_input(s, settings, &base, &outcomes, progress)? });
    }
    Some(result)
}

/// The input whose switch-off moves P50 NPV up most, over the first `SKEW_DRAWS` draws (MODEL.md leaves the
/// attribution open: see docs/model-notes.md). `None` inside when none moves it up; `None` outside when cancelled.
fn skewing_input(
    s: &Scenario,
    settings: &RiskSettings,
    base: &Evaluation,
    outcomes: &[DrawOutcome],
    progress: &Progress,
) -> Option<Option<(RiskInput, f64, f64)>> {
    let m = (SKEW_DRAWS as usize).min(outcomes.len());
    let p50 = |mut npvs: Vec<f64>| {
        npvs.sort_by(f64::total_cmp);
        percentile(&npvs, 50).unwrap_or(f64::NAN)
    };
    let with_all = p50(outcomes[..m].iter().map(|o| o.npv).collect());
    let mut best: Option<(RiskInput, f64, f64)> = None;
    for input in RiskInput::ALL.into_iter().filter(|&i| settings.is_on(i)) {
        let mut off = settings.clone();
        *off.switch(input) = false;
        let npvs = (0..m as u32)
            .into_par_iter()
            .with_min_len(8)
            .map_init(
                || (s.clone(), DrawInputs::default()),
                |(work, inputs), i| {
                    (!progress.is_cancelled()).then(|| evaluate_draw(&off, s, base, u64::from(i), work, inputs).npv)
                },
            )
            .collect::<Option<Vec<f64>>>()?;
        let without = p50(npvs);
        if without > with_all && best.is_none_or(|(_, b, _)| without > b) {
            best = Some((input, without, with_all));
        }
    }
    Some(best)
}

/// Draw `index`: sample its inputs, write them into `work` (a reusable copy of `base`) and run the model.
pub fn evaluate_draw(
    settings: &RiskSettings,
    base: &Scenario,
    base_evaluation: &Evaluation,
    index: u64,
    work: &mut Scenario,
    inputs: &mut DrawInputs,
) -> DrawOutcome {
    let e = draw_evaluation(settings, base, base_evaluation.series.len(), index, work, inputs);
    DrawOutcome::of(work, &e, base_evaluation)
}

/// Draw `index` of a scenario of `months` months, evaluated: its inputs sampled into `inputs`, written into
/// `work` (a reusable copy of `base`) and the model run without the IRRs no draw reads. The Monte Carlo and
/// the best mix's P10 objective both draw through here, so a design is judged on the Risk tab's luck.
pub fn draw_evaluation(
    settings: &RiskSettings,
    base: &Scenario,
    months: usize,
    index: u64,
    work: &mut Scenario,
    inputs: &mut DrawInputs,
) -> Evaluation {
    sample(settings, base, months, index, inputs);
    apply(settings, base, inputs, work);
    let shocks = Shocks {
        hashprice_factor: &inputs.hashprice_factor,
        gpu_price_factor: &inputs.gpu_price_factor,
        grid_refused: !inputs.approved,
        skip_irr: true,
    };
    simulate::evaluate_with(work, &shocks)
}

/// Reduces the outcomes in draw order.
pub fn summarize(settings: &RiskSettings, outcomes: &[DrawOutcome], base: &Evaluation) -> RiskResult {
    let n = outcomes.len();
    let share = |count: usize| if n == 0 { 0.0 } else { count as f64 / n as f64 };
    let npvs: Vec<f64> = outcomes.iter().map(|o| o.npv).collect();
    let irrs: Vec<f64> = outcomes.iter().filter_map(|o| o.equity_irr).collect();
    let paybacks: Vec<f64> = outcomes.iter().filter_map(|o| o.payback_months).collect();
    let ebitda: Vec<f64> = outcomes.iter().filter_map(|o| o.annual_ebitda).collect();
    let paths: Vec<&[f32]> = outcomes.iter().map(|o| o.cumulative_vs_base.as_slice()).collect();
    RiskResult {
        draws: n as u32,
        seed: settings.seed,
        equity_irr_none_share: share(n - irrs.len()),
        equity_irr: Spread::of_draws(irrs, n),
        payback_never_share: share(n - paybacks.len()),
        payback_months: Spread::with_missing_on_top(paybacks, n),
        full_power_month: Spread::with_missing_on_top(
            outcomes.iter().filter_map(|o| o.full_power_month.map(f64::from)).collect(),
            n,
        ),
        approval_share: base.schedule.grid.any_request().then(|| share(outcomes.iter().filter(|o| o.approved).count())),
        annual_ebitda_none_share: share(n - ebitda.len()),
        annual_ebitda: Spread::of_draws(ebitda, n),
        prob_npv_negative: share(npvs.iter().filter(|v| **v < 0.0).count()),
        draws_below_base: npvs.iter().filter(|v| **v < base.kpis.npv_usd).count() as u32,
        optimism: None,
        histogram: Histogram::of(&npvs, HISTOGRAM_BINS),
        npv: Spread::of(npvs),
        fan: Fan::of(&paths, base.series.cumulative_cash_flow.clone()),
        base_npv: base.kpis.npv_usd,
    }
}
