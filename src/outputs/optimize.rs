//! Headless outputs of `powerplot optimize`: the table of the best designs, their JSON, and the project with
//! the best design added as a new scenario (`--save`). The window's Apply uses `design_scenario` too.

use std::fmt::Write as _;

use serde::Serialize;

use crate::model::optimize::{Candidate, Objective, OptimizeResult};
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

/// A design's scenario, named for the project it joins: "Stay mining: best mix 1 (NPV)".
pub fn design_scenario(
    project: &Project,
    base: &Scenario,
    c: &Candidate,
    rank: usize,
    objective: Objective,
) -> Scenario {
    let mut s = c.scenario.clone().unwrap_or_else(|| base.clone());
    let short = objective.label().split(" (").next().unwrap_or("best");
    s.name = project.unique_scenario_name(&format!("{}: best mix {} ({short})", base.name, rank + 1));
    s
}

/// The project with the best design added after the scenario it came from (`None` when nothing was found).
pub fn with_best(project: &Project, index: usize, result: &OptimizeResult) -> Option<Project> {
    let best = result.best.first()?;
    let base = project.scenarios.get(index)?;
    let s = design_scenario(project, base, best, 0, result.objective);
    let mut out = project.clone();
    out.scenarios.insert(index + 1, s);
    Some(out)
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
    out
}

fn line(objective: Objective, c: &Candidate) -> String {
    let k = &c.kpis;
    format!(
        "{} = {} | NPV {} | initial capex {} | IT {} (AI {}) | water {:.0} m3/day | full power month {}",
        objective.name(),
        objective_value(objective, c),
        format::money(c.figures.npv_usd),
        format::money(c.initial_capex_usd),
        format::power_mw(k.it_load_mw),
        format::power_mw(k.it_load_ai_mw),
        k.water_m3_per_day,
        k.full_power_month
    )
}

#[derive(Serialize)]
struct JsonDesign<'a> {
    rank: usize,
    current: bool,
    objective_value: Option<f64>,
    npv_usd: f64,
    equity_npv_usd: Option<f64>,
    equity_mirr: Option<f64>,
    p10_npv_usd: Option<f64>,
    first_ai_revenue_month: Option<u32>,
    initial_capex_usd: f64,
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
    current: JsonDesign<'a>,
    best: Vec<JsonDesign<'a>>,
}

fn json_design<'a>(objective: Objective, rank: usize, c: &'a Candidate) -> JsonDesign<'a> {
    JsonDesign {
        rank,
        current: c.design.current,
        objective_value: c.score.value(objective),
        npv_usd: c.figures.npv_usd,
        equity_npv_usd: c.figures.equity_npv_usd,
        equity_mirr: c.figures.equity_mirr,
        p10_npv_usd: c.figures.p10_npv_usd,
        first_ai_revenue_month: c.figures.first_ai_revenue_month,
        initial_capex_usd: c.initial_capex_usd,
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

/// `{"scenario", "objective", "search", "space_size", "evaluated", "cancelled", "current": {...}, "best": [...]}`.
pub fn json(base: &Scenario, result: &OptimizeResult) -> String {
    let o = result.objective;
    let report = JsonResult {
        scenario: &base.name,
        objective: o,
        search: result.mode,
        space_size: result.space_size,
        evaluated: result.evaluated,
        cancelled: result.cancelled,
        current: json_design(o, 0, &result.current),
        best: result.best.iter().enumerate().map(|(i, c)| json_design(o, i + 1, c)).collect(),
    };
    serde_json::to_string_pretty(&report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
