//! Headless outputs of the command line: the KPI table, the JSON report and the monthly CSV.

use std::fmt::Write as _;

use serde::Serialize;

use crate::model::financing::{self, Financing, FinancingKpis};
use crate::model::{Assumptions, ComponentKind, Evaluation, Kpis, Project, Scenario, Warning, YearMonth, evaluate};
use crate::outputs::format;

#[derive(Serialize)]
struct JsonReport<'a> {
    project: &'a str,
    scenarios: Vec<JsonScenario<'a>>,
}

#[derive(Serialize)]
struct JsonScenario<'a> {
    name: &'a str,
    kpis: JsonKpis<'a>,
    warnings: Vec<&'a str>,
    components: Vec<JsonComponent<'a>>,
}

/// The simulation's KPIs and the financing view's beside them in one object (MODEL.md "Financing and tax").
#[derive(Serialize)]
struct JsonKpis<'a> {
    #[serde(flatten)]
    base: &'a Kpis,
    #[serde(flatten)]
    financing: &'a FinancingKpis,
    /// "YYYY-MM": the month in which the first project year below the DSCR covenant starts.
    first_covenant_breach_month: Option<String>,
}

/// What each part did: when it came online, how much of it ran at full power, and whether it switched off or
/// stopped (MODEL.md "Miners switch off when they lose money", "A refresh must pay for itself").
#[derive(Serialize)]
struct JsonComponent<'a> {
    id: u64,
    name: &'a str,
    kind: String,
    build_start_month: u32,
    online_month: u32,
    /// The effective retirement (a converted hall's is its conversion's start).
    retire_month: Option<u32>,
    converts: Option<u64>,
    served_fraction: Option<f64>,
    months_switched_off: u32,
    stopped_month: Option<u32>,
    /// Substations only: whether it waits for a large-load request, and its MVA beyond the approval.
    #[serde(skip_serializing_if = "Option::is_none")]
    needs_request: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mva_beyond_approval: Option<f64>,
}

/// Every scenario evaluated, in order.
pub fn evaluate_all(project: &Project) -> Vec<Evaluation> {
    project.scenarios.iter().map(evaluate).collect()
}

/// The financing view of every scenario, in order.
pub fn financing_all(project: &Project, evaluations: &[Evaluation]) -> Vec<Financing> {
    project.scenarios.iter().zip(evaluations).map(|(s, e)| financing::evaluate(s, e)).collect()
}

/// The month in which the first project year below the DSCR covenant starts.
pub fn covenant_breach_month(a: &Assumptions, f: &FinancingKpis) -> Option<YearMonth> {
    f.first_covenant_breach_project_year.map(|y| a.start.plus_months(12 * y))
}

/// A scenario's warnings: the simulation's, then the financing view's (the DSCR covenant).
pub fn all_warnings<'a>(e: &'a Evaluation, f: &'a Financing) -> Vec<&'a Warning> {
    e.warnings.iter().chain(&f.warnings).collect()
}

/// `{"project": NAME, "scenarios": [{"name", "kpis", "warnings", "components"}]}`; absent figures are null.
/// `kpis` holds the pre-tax unlevered figures and the after-tax and equity ones of the financing view.
pub fn json(project: &Project, evaluations: &[Evaluation]) -> String {
    let financings = financing_all(project, evaluations);
    let report = JsonReport {
        project: &project.name,
        scenarios: project
            .scenarios
            .iter()
            .zip(evaluations)
            .zip(&financings)
            .map(|((s, e), f)| JsonScenario {
                name: &s.name,
                kpis: JsonKpis {
                    base: &e.kpis,
                    financing: &f.kpis,
                    first_covenant_breach_month: covenant_breach_month(&s.assumptions, &f.kpis).map(|m| m.to_string()),
                },
                warnings: all_warnings(e, f).into_iter().map(|w: &Warning| w.message.as_str()).collect(),
                components: s
                    .components
                    .iter()
                    .zip(&e.components)
                    .zip(&e.schedule.grid.requests)
                    .map(|((c, r), request)| {
                        let substation = matches!(c.kind, ComponentKind::Substation(_));
                        JsonComponent {
                            id: c.id,
                            name: &c.name,
                            kind: format!("{:?}", c.tag()),
                            build_start_month: r.build_start_month,
                            online_month: r.online_month,
                            retire_month: r.retire_month,
                            converts: match &c.kind {
                                ComponentKind::GpuPod(p) => p.converts,
                                _ => None,
                            },
                            served_fraction: r.served_fraction,
                            months_switched_off: r.months_switched_off,
                            stopped_month: r.stopped_month,
                            needs_request: substation.then_some(request.is_some()),
                            mva_beyond_approval: substation.then(|| request.map_or(0.0, |q| q.mva_beyond)),
                        }
                    })
                    .collect(),
            })
            .collect(),
    };
    serde_json::to_string_pretty(&report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// A row of the readable table: its label and how the KPIs show in it, given the plan's start month (for
/// calendar months).
pub type KpiRow = (&'static str, fn(&Kpis, YearMonth) -> String);

/// Rows of the readable table: label and one formatter over the KPIs and the start month.
pub fn kpi_rows() -> Vec<KpiRow> {
    vec![
        ("Capex total", |k, _| format::money(k.capex_total_usd)),
        ("  facility (mining-grade base)", |k, _| format::money(k.capex_facility_base_usd)),
        ("  AI build premium", |k, _| format::money(k.capex_ai_premium_usd)),
        ("  IT hardware (incl. refreshes)", |k, _| format::money(k.capex_it_hardware_usd)),
        ("  substations", |k, _| format::money(k.capex_substation_usd)),
        ("  cooling", |k, _| format::money(k.capex_cooling_usd)),
        ("  generation", |k, _| format::money(k.capex_generation_usd)),
        ("IT load", |k, _| format::power_mw(k.it_load_mw)),
        ("  mining", |k, _| format::power_mw(k.it_load_mining_mw)),
        ("  AI", |k, _| format::power_mw(k.it_load_ai_mw)),
        ("Facility power", |k, _| format::power_mw(k.facility_power_mw)),
        ("PUE", |k, _| k.pue.map_or("n/a".into(), |p| format!("{p:.3}"))),
        ("Grid capacity", |k, _| format::power_mw(k.grid_capacity_mw)),
        ("Grid headroom (incl. turbines)", |k, _| format::power_mw(k.grid_headroom_mw)),
        ("Cooling capacity", |k, _| format!("{:.1} MW_th", k.cooling_capacity_mw)),
        ("Cooling headroom", |k, _| format!("{:.1} MW_th", k.cooling_headroom_mw)),
        ("Firm grid headroom (AI redundancy)", |k, _| format::power_mw(k.firm_grid_headroom_mw)),
        ("Firm cooling headroom (AI redundancy)", |k, _| format!("{:.1} MW_th", k.firm_cooling_headroom_mw)),
        ("Curtailment credits (horizon)", |k, _| format::money(k.revenue_curtailment_usd)),
        ("Transmission charges (horizon)", |k, _| format::money(k.transmission_charge_usd)),
        ("Water per day", |k, _| format::water(k.water_m3_per_day, k.water_gal_per_day)),
        ("Households (power)", |k, _| format::count(k.households_power)),
        ("Households (water)", |k, _| format::count(k.households_water)),
        ("First full year (months counted)", |k, start| format::first_full_year(start, k.full_power_month)),
        ("First full year revenue", |k, _| k.annual_revenue_usd.map_or("n/a".into(), format::money)),
        ("First full year opex", |k, _| k.annual_opex_usd.map_or("n/a".into(), format::money)),
        ("First full year EBITDA", |k, _| k.annual_ebitda_usd.map_or("n/a".into(), format::money)),
        ("NPV (pre-tax, unlevered)", |k, _| format::money(k.npv_usd)),
        ("IRR", |k, _| format::irr(k.irr, k.irr_ambiguous)),
        ("Payback", |k, _| format::months(k.payback_months, "not within horizon")),
        ("Discounted payback", |k, _| format::months(k.discounted_payback_months, "not within horizon")),
        ("First revenue", |k, start| k.first_revenue_month.map_or("never".into(), |m| format::model_month(start, m))),
        ("Full power", |k, start| format::model_month(start, k.full_power_month)),
        ("Approved interconnection", |k, _| format!("{:.0} MVA", k.interconnection_mva)),
        ("MVA beyond the approval", |k, _| format!("{:.0} MVA", k.mva_beyond_approval)),
        ("NPV per approved MW", |k, _| k.npv_per_approved_mw.map_or("n/a".into(), format::money)),
        ("Expected NPV (grid odds)", |k, _| k.npv_expected_usd.map_or("n/a (no request)".into(), format::money)),
    ]
}

/// A row of the table's financing part: its label and how the financing view shows in it.
pub type FinancingRow = (&'static str, fn(&Financing, &Assumptions) -> String);

/// Rows of the table's financing part (MODEL.md "Financing and tax"), the JSON report's figures in words.
pub fn financing_rows() -> Vec<FinancingRow> {
    vec![
        ("Debt share", |_, a| format::percent(a.debt_share)),
        ("Debt drawn", |f, _| format::money(f.kpis.debt_drawn_usd)),
        ("After-tax NPV (unlevered)", |f, _| format::money(f.kpis.after_tax_npv_usd)),
        ("After-tax IRR (unlevered)", |f, _| format::irr(f.kpis.after_tax_irr, f.kpis.after_tax_irr_ambiguous)),
        ("Equity NPV", |f, _| format::money(f.kpis.equity_npv_usd)),
        ("Equity IRR", |f, _| format::irr(f.kpis.equity_irr, f.kpis.equity_irr_ambiguous)),
        ("Equity multiple", |f, _| f.kpis.equity_multiple.map_or("n/a".into(), format::multiple)),
        ("Peak equity", |f, _| format::money(f.kpis.peak_equity_usd)),
        ("Total tax (with debt)", |f, _| format::money(f.kpis.total_tax_usd)),
        ("Interest tax shield", |f, _| format::money(f.kpis.tax_shield_usd)),
        ("Min DSCR", |f, _| f.kpis.min_dscr.map_or("no debt service".into(), format::dscr)),
        ("First covenant breach", |f, a| {
            let year = f.kpis.first_covenant_breach_project_year.and_then(|y| f.years.get(y as usize));
            year.map_or("none".into(), |y| financing::project_year_label(a.start, y))
        }),
    ]
}

/// The KPIs of every scenario side by side, then each scenario's warnings.
pub fn table(project: &Project, evaluations: &[Evaluation]) -> String {
    let financings = financing_all(project, evaluations);
    let mut out = String::new();
    let _ = writeln!(out, "Project: {}\n", project.name);
    let width = 32;
    let col = 24;
    let _ = write!(out, "{:width$}", "");
    for s in &project.scenarios {
        let _ = write!(out, "{:>col$}", truncate(&s.name, col - 1));
    }
    out.push('\n');
    for (label, f) in kpi_rows() {
        let _ = write!(out, "{label:width$}");
        for (s, e) in project.scenarios.iter().zip(evaluations) {
            let _ = write!(out, "{:>col$}", f(&e.kpis, s.assumptions.start));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "\nAfter tax and with debt (equity: debt left is repaid at the horizon's end)");
    for (label, f) in financing_rows() {
        let _ = write!(out, "{label:width$}");
        for (s, fin) in project.scenarios.iter().zip(&financings) {
            let _ = write!(out, "{:>col$}", truncate(&f(fin, &s.assumptions), col - 1));
        }
        out.push('\n');
    }
    for ((s, e), f) in project.scenarios.iter().zip(evaluations).zip(&financings) {
        let warnings: Vec<Warning> = all_warnings(e, f).into_iter().cloned().collect();
        if warnings.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\nWarnings in \"{}\", most serious first:", s.name);
        for w in crate::model::warnings::by_severity(&warnings) {
            let _ = writeln!(out, "  - {}", w.message);
        }
    }
    out.push_str(
        "\nNominal US dollars. Figures above the financing rows are pre-tax and unlevered; after-tax figures use the \
         scenario's tax rate and depreciation, equity figures its debt.\n",
    );
    out
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max { s.to_string() } else { s.chars().take(max - 1).chain(['…']).collect() }
}

pub const CSV_HEADER: &str = "month,calendar_month,revenue_usd,opex_usd,capex_usd,cash_flow_usd,cumulative_cash_flow_usd,discounted_cumulative_cash_flow_usd,it_served_mw,facility_mw,grid_capacity_mw,generation_capacity_mw,grid_draw_mw,water_m3,revenue_mining_usd,revenue_colocation_usd,revenue_gpu_cloud_usd,revenue_curtailment_usd,energy_cost_usd,water_cost_usd,fixed_om_usd,transmission_charge_usd,it_mining_mw,it_ai_mw,interest_usd,principal_usd,debt_service_usd,depreciation_usd,tax_unlevered_usd,tax_levered_usd,cash_flow_after_tax_usd,cash_flow_equity_usd";

/// The monthly series of one scenario as CSV, the financing view's last (principal includes the repayment
/// forced at the horizon's end).
pub fn csv(scenario: &Scenario, evaluation: &Evaluation) -> String {
    let s = &evaluation.series;
    let f = financing::evaluate(scenario, evaluation);
    let (fs, debt) = (&f.series, &f.series.debt);
    let mut out = String::with_capacity(s.len() * 160);
    out.push_str(CSV_HEADER);
    out.push('\n');
    for m in 0..s.len() {
        let _ = writeln!(
            out,
            "{m},{},{:.2},{:.2},{:.2},{:.2},{:.2},{:.2},{:.4},{:.4},{:.4},{:.4},{:.4},{:.2},{:.2},{:.2},{:.2},{:.2},{:.2},{:.2},{:.2},{:.2},{:.4},{:.4},{:.2},{:.2},{:.2},{:.2},{:.2},{:.2},{:.2},{:.2}",
            scenario.assumptions.start.plus_months(m as u32),
            s.revenue[m],
            s.opex[m],
            s.capex[m],
            s.cash_flow[m],
            s.cumulative_cash_flow[m],
            s.discounted_cumulative_cash_flow[m],
            s.it_mining_mw[m] + s.it_ai_mw[m],
            s.facility_mw[m],
            s.grid_capacity_mw[m],
            s.generation_capacity_mw[m],
            s.grid_draw_mw[m],
            s.water_m3[m],
            s.revenue_mining[m],
            s.revenue_colocation[m],
            s.revenue_gpu_cloud[m],
            s.revenue_curtailment[m],
            s.energy_cost[m],
            s.water_cost[m],
            s.fixed_om[m],
            s.transmission_charge[m],
            s.it_mining_mw[m],
            s.it_ai_mw[m],
            debt.interest[m],
            debt.principal[m],
            debt.debt_service[m],
            fs.depreciation[m],
            fs.tax_unlevered[m],
            fs.tax_levered[m],
            fs.cash_flow_after_tax[m],
            fs.cash_flow_equity[m],
        );
    }
    out
}
