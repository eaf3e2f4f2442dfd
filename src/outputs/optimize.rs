//! Headless outputs of `powerplot optimize`: the table of the best designs, their JSON, and the project with
//! the best design added as a new scenario (`--save`). The window's Apply uses `design_scenario` too.

use std::fmt::Write as _;

use serde::Serialize;

use crate::model::optimize::{Candidate, Objective, OptimizeResult};
use crate::model::validate::{MAX_NAME_CHARS, MAX_SCENARIOS};
use crate::model::{Project, Scenario};
use crate::outputs::format;

/// The objective's value of a design in words ("$812.4M", "23.1 %", "month 12").
pub fn objective_value(objective: Objective, c: &Candidate) -> String {
    match c.score.value(objective) {
        None => "n/a".to_string(),
        Some(v) => match objective {
            Objective::EquityIrr => format::percent(v),
            Objective::TimeToPower => format!("month {v:.0}"),
            _ => format::money(v),
        },
    }
}

/// A design's scenario, named for the project it joins: "Stay mining: best mix 1 (NPV)", shortened so the
/// name stays within `MAX_NAME_CHARS` (the base scenario's name loses its end, the suffix stays).
pub fn design_scenario(
    project: &Project,
    base: &Scenario,
    c: &Candidate,
    rank: usize,
    objective: Objective,
) -> Scenario {
    let mut s = c.scenario.clone().unwrap_or_else(|| base.clone());
    let short = objective.label().split(" (").next().unwrap_or("best");
    let suffix = format!(": best mix {} ({short})", rank + 1);
    // Room for the suffix and a " 99" that `unique_scenario_name` may add.
    let room = MAX_NAME_CHARS.saturating_sub(suffix.chars().count() + 4);
    let stem: String = base.name.chars().take(room).collect();
    s.name = project.unique_scenario_name(&format!("{}{suffix}", stem.trim_end()));
    s
}

/// Why `--save` cannot add a design.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddDesignError {
    #[error("nothing to save: no design meets the constraints")]
    NoDesign,
    #[error(
        "cannot add the best mix: the project already has {0} scenarios, the most a project file holds \
         ({MAX_SCENARIOS}); delete a scenario or save the design from a copy of the project"
    )]
    TooManyScenarios(usize),
}

/// The project with the best design added after the scenario it came from.
pub fn with_best(project: &Project, index: usize, result: &OptimizeResult) -> Result<Project, AddDesignError> {
    let best = result.best.first().ok_or(AddDesignError::NoDesign)?;
    let base = project.scenarios.get(index).ok_or(AddDesignError::NoDesign)?;
    if project.scenarios.len() >= MAX_SCENARIOS {
        return Err(AddDesignError::TooManyScenarios(project.scenarios.len()));
    }
    let s = design_scenario(project, base, best, 0, result.objective);
    let mut out = project.clone();
    out.scenarios.insert(index + 1, s);
    Ok(out)
}

/// The best designs as a readable table, one block per design.
pub fn table(base: &Scenario, result: &OptimizeResult) -> String {
    let mut out = String::new();
    let how = match result.mode {
        crate::model::optimize::SearchMode::Exact => "exact enumeration",
        _ => "heuristic search",
    };
    let _ = writeln!(
        out,
        "Best mix for \"{}\" by {} ({how}: {} designs simulated of {} in the space){}",
        base.name,
        result.objective.label(),
        result.evaluated,
        result.space_size,
        if result.cancelled { " - cancelled, partial results" } else { "" }
    );
    let _ = writeln!(
        out,
        "Capital budget: {}",
        result.budget_usd.map_or("none".to_string(), |b| format!(
            "{} (every purchase within the horizon except hardware refreshes)",
            format::money(b)
        ))
    );
    let _ = writeln!(out, "Current design: {}", line(result.objective, &result.current));
    if let Some(v) = result.current.violation {
        let _ = writeln!(out, "  (the current design breaks a constraint: {})", v.label());
    }
    for (i, c) in result.best.iter().enumerate() {
        let _ = writeln!(out);
        let marker = if c.design.current { " (the current design)" } else { "" };
        let _ = writeln!(out, "{}. {}{marker}", i + 1, line(result.objective, c));
        for change in &c.changes {
            let _ = writeln!(out, "   - {change}");
        }
    }
    if result.best.is_empty() {
        let _ = writeln!(out, "\nNo design meets the constraints.");
    }
    if let Some(why) = result.rejection_summary() {
        let _ = writeln!(out, "\n{why}");
    }
    if let Some(why) = no_pay_reason(result) {
        let _ = writeln!(out, "\n{why}");
    }
    out
}

/// Why the answer does not pay, when its best design has a negative (expected) NPV: the horizon, the
/// full-power month and the part that sets it, and the grid's odds where a request waits.
pub fn no_pay_reason(result: &OptimizeResult) -> Option<String> {
    let best = result.best.first()?;
    let npv = best.figures.npv_expected_usd.unwrap_or(best.figures.npv_usd);
    if npv >= 0.0 {
        return None;
    }
    let s = best.scenario.as_ref()?;
    let k = &best.kpis;
    let set_by = k.full_power_set_by.and_then(|id| s.component(id)).map(|c| format!(" (set by \"{}\")", c.name));
    let mut why = format!(
        "No design pays within the {}-year horizon: the best found has {} and reaches full power only in month \
         {}{}.",
        s.assumptions.horizon_years,
        npv_text(best),
        k.full_power_month,
        set_by.unwrap_or_default()
    );
    let a = &s.assumptions;
    if !a.permits_in_hand {
        why.push_str(&format!(" Permits are still to come ({} months before building starts).", a.permitting_months));
    }
    if k.mva_beyond_approval > 0.0 {
        why.push_str(&format!(
            " {:.0} MVA waits for a grid request ({} months in the queue, approval odds {:.0} %).",
            k.mva_beyond_approval,
            a.interconnection_queue_months,
            a.interconnection_approval_probability * 100.0
        ));
    }
    if a.exit_multiple == 0.0 {
        why.push_str(" With no exit multiple, the years after the horizon count for nothing.");
    }
    Some(why)
}

/// NPV in words: the expected value over the grid approval with the figure if approved beside it, or the NPV
/// alone where no substation waits for a request.
pub fn npv_text(c: &Candidate) -> String {
    match c.figures.npv_expected_usd {
        Some(expected) => {
            format!("expected NPV {} (if approved {})", format::money(expected), format::money(c.figures.npv_usd))
        }
        None => format!("NPV {}", format::money(c.figures.npv_usd)),
    }
}

/// One design's figures, each once: the objective first (unless it is the NPV, shown in the NPV column).
fn line(objective: Objective, c: &Candidate) -> String {
    let k = &c.kpis;
    let mut parts = Vec::new();
    if objective != Objective::Npv {
        parts.push(format!("{} = {}", objective_name(objective), objective_value(objective, c)));
    }
    parts.push(npv_text(c));
    parts.push(format!("capex the budget counts {}", format::money(c.budget_capex_usd)));
    parts.push(format!("IT {} (AI {})", format::power_mw(k.it_load_mw), format::power_mw(k.it_load_ai_mw)));
    parts.push(format!("water {:.0} m3/day", k.water_m3_per_day));
    parts.push(format!("full power month {}", k.full_power_month));
    if k.mva_beyond_approval > 0.0 {
        parts.push(format!("{:.0} MVA beyond the approved interconnection", k.mva_beyond_approval));
    }
    parts.join(" | ")
}

/// The objective's name in a table: the equity MIRR is named as the best mix's ranking figure, so a reader
/// does not take it for the Risk tab's equity IRR percentiles or the base-case equity IRR.
pub fn objective_name(objective: Objective) -> &'static str {
    match objective {
        Objective::EquityIrr => "equity MIRR (best-mix ranking)",
        Objective::EquityNpv => "equity NPV",
        Objective::P10Npv => "P10 NPV",
        Objective::TimeToPower => "first AI revenue",
        Objective::Npv => "NPV",
    }
}

#[derive(Serialize)]
struct JsonDesign<'a> {
    rank: usize,
    current: bool,
    objective_value: Option<f64>,
    npv_usd: f64,
    npv_expected_usd: Option<f64>,
    equity_npv_usd: Option<f64>,
    /// The best mix's ranking figure (not the Risk tab's equity IRR nor the base-case equity IRR).
    equity_mirr_best_mix_ranking: Option<f64>,
    p10_npv_usd: Option<f64>,
    first_ai_revenue_month: Option<u32>,
    budget_capex_usd: f64,
    mva_beyond_approval: f64,
    it_load_mw: f64,
    it_load_ai_mw: f64,
    it_load_mining_mw: f64,
    facility_power_mw: f64,
    water_m3_per_day: f64,
    full_power_month: u32,
    violation: Option<&'a str>,
    changes: &'a [String],
    design: &'a crate::model::optimize::Design,
}

#[derive(Serialize)]
struct JsonResult<'a> {
    scenario: &'a str,
    objective: Objective,
    search: crate::model::optimize::SearchMode,
    space_size: u64,
    evaluated: usize,
    cancelled: bool,
    capital_budget_usd: Option<f64>,
    /// Designs rejected, by the first constraint each breaks.
    rejected: Vec<(&'static str, usize)>,
    /// Why only the current design passed (none when another design did).
    only_current_reason: Option<String>,
    /// Why the best design does not pay (none when it does).
    no_pay_reason: Option<String>,
    current: JsonDesign<'a>,
    best: Vec<JsonDesign<'a>>,
}

fn json_design<'a>(objective: Objective, rank: usize, c: &'a Candidate) -> JsonDesign<'a> {
    JsonDesign {
        rank,
        current: c.design.current,
        objective_value: c.score.value(objective),
        npv_usd: c.figures.npv_usd,
        npv_expected_usd: c.figures.npv_expected_usd,
        equity_npv_usd: c.figures.equity_npv_usd,
        equity_mirr_best_mix_ranking: c.figures.equity_mirr,
        p10_npv_usd: c.figures.p10_npv_usd,
        first_ai_revenue_month: c.figures.first_ai_revenue_month,
        budget_capex_usd: c.budget_capex_usd,
        mva_beyond_approval: c.kpis.mva_beyond_approval,
        it_load_mw: c.kpis.it_load_mw,
        it_load_ai_mw: c.kpis.it_load_ai_mw,
        it_load_mining_mw: c.kpis.it_load_mining_mw,
        facility_power_mw: c.kpis.facility_power_mw,
        water_m3_per_day: c.kpis.water_m3_per_day,
        full_power_month: c.kpis.full_power_month,
        violation: c.violation.map(|v| v.label()),
        changes: &c.changes,
        design: &c.design,
    }
}

/// `{"scenario", "objective", "search", "space_size", "evaluated", "cancelled", "capital_budget_usd",
/// "rejected", "only_current_reason", "current": {...}, "best": [...]}`.
pub fn json(base: &Scenario, result: &OptimizeResult) -> String {
    let o = result.objective;
    let report = JsonResult {
        scenario: &base.name,
        objective: o,
        search: result.mode,
        space_size: result.space_size,
        evaluated: result.evaluated,
        cancelled: result.cancelled,
        capital_budget_usd: result.budget_usd,
        rejected: result.rejected.iter().map(|(v, n)| (v.short_label(), *n)).collect(),
        only_current_reason: result.rejection_summary(),
        no_pay_reason: no_pay_reason(result),
        current: json_design(o, 0, &result.current),
        best: result.best.iter().enumerate().map(|(i, c)| json_design(o, i + 1, c)).collect(),
    };
    serde_json::to_string_pretty(&report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
