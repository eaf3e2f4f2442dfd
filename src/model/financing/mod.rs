//! The after-tax and equity view of MODEL.md "Financing and tax": debt tranches, depreciation, tax with
//! losses carried forward, the optional exit, and the after-tax unlevered and equity cash flows with their
//! KPIs. Reads an evaluation's monthly series and never changes them.

pub mod debt;
pub mod depreciation;
pub mod presets;
pub mod tax;

use serde::Serialize;

use super::assumptions::{Assumptions, YearMonth};
use super::evaluation::{CapexClass, Evaluation, Warning, WarningKind};
use super::finance;
use super::scenario::Scenario;
pub use debt::{DebtSchedule, DebtTerms};
pub use depreciation::{Depreciable, DepreciationClass};
pub use tax::TaxYear;

/// The assumption fields of the financing view (file keys), in the order the inspector and the report list them.
pub const FIELD_KEYS: [&str; 8] = [
    "debt_share",
    "debt_rate",
    "debt_tenor_years",
    "interest_only_months",
    "tax_rate",
    "building_share",
    "dscr_covenant",
    "exit_multiple",
];

/// What the financing computation reads: the base simulation's monthly series (all the same length) and the
/// capex placed in service, by class.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub revenue: &'a [f64],
    pub opex: &'a [f64],
    pub capex: &'a [f64],
    pub full_power_month: u32,
    pub depreciable: &'a [Depreciable],
}

/// Monthly series of the financing view, one value per month of the horizon.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FinancingSeries {
    pub debt: DebtSchedule,
    pub depreciation: Vec<f64>,
    /// Tax with interest deducted (what the owners pay).
    pub tax_levered: Vec<f64>,
    /// Tax of the same project with no debt.
    pub tax_unlevered: Vec<f64>,
    /// Sale value added in the last month (zero elsewhere; all zero without an exit multiple).
    pub exit: Vec<f64>,
    /// The pre-tax unlevered cash flow plus the exit, for comparison with the two views below.
    pub cash_flow_pre_tax: Vec<f64>,
    pub cash_flow_after_tax: Vec<f64>,
    pub cash_flow_equity: Vec<f64>,
}

/// Headline figures of the financing view. Serialized with the JSON report's names; `None` is null.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FinancingKpis {
    pub after_tax_npv_usd: f64,
    pub after_tax_irr: Option<f64>,
    #[serde(skip)]
    pub after_tax_irr_ambiguous: bool,
    pub equity_npv_usd: f64,
    pub equity_irr: Option<f64>,
    pub equity_irr_ambiguous: bool,
    pub equity_multiple: Option<f64>,
    pub peak_equity_usd: f64,
    pub total_tax_usd: f64,
    pub tax_shield_usd: f64,
    pub min_dscr: Option<f64>,
    /// Calendar year in which the first project year below the covenant starts.
    pub first_covenant_breach_year: Option<i32>,
    /// Project year (0-based) of the minimum DSCR.
    #[serde(skip)]
    pub min_dscr_project_year: Option<u32>,
    /// Project year (0-based) of the first covenant breach.
    #[serde(skip)]
    pub first_covenant_breach_project_year: Option<u32>,
    /// Pre-tax unlevered NPV with the exit added (the base NPV when there is no exit).
    #[serde(skip)]
    pub pre_tax_npv_usd: f64,
    #[serde(skip)]
    pub exit_value_usd: f64,
    #[serde(skip)]
    pub total_tax_unlevered_usd: f64,
    /// Debt drawn over the horizon.
    #[serde(skip)]
    pub debt_drawn_usd: f64,
    #[serde(skip)]
    pub interest_usd: f64,
    /// Principal still owed at the horizon's end, repaid in its last month.
    #[serde(skip)]
    pub forced_repayment_usd: f64,
}

/// One project year (months 12y .. 12y+11, the last possibly shorter) of the debt and tax schedules.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FinancingYear {
    pub year: u32,
    pub first_month: u32,
    pub months: u32,
    pub revenue: f64,
    pub opex: f64,
    pub draws: f64,
    pub interest: f64,
    /// Scheduled principal (the forced repayment at the horizon's end left out).
    pub principal: f64,
    pub forced_repayment: f64,
    /// Balance owed at the year's end.
    pub balance: f64,
    pub depreciation: f64,
    pub tax_levered: TaxYear,
    pub tax_unlevered: TaxYear,
    /// (revenue - opex - levered tax) / scheduled debt service, in operating years with debt service.
    pub dscr: Option<f64>,
}

impl FinancingYear {
    /// Interest + scheduled principal (what the DSCR divides by).
    pub fn scheduled_debt_service(&self) -> f64 {
        self.interest + self.principal
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Financing {
    pub series: FinancingSeries,
    pub years: Vec<FinancingYear>,
    pub kpis: FinancingKpis,
    /// The DSCR covenant warning (empty when every operating year covers its debt service).
    pub warnings: Vec<Warning>,
}

impl Financing {
    /// True when the scenario borrows anything.
    pub fn has_debt(&self) -> bool {
        self.kpis.debt_drawn_usd > 0.0
    }
}

/// The financing view of an evaluated scenario.
pub fn evaluate(s: &Scenario, e: &Evaluation) -> Financing {
    evaluate_reading(s, e, Irrs::Both)
}

/// Which IRRs to solve for (each is a root search over the whole series: most of a risk draw's time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Irrs {
    Both,
    /// The equity IRR only, and only where it cannot mislead (`finance::irr_can_mislead`): a risk draw reads
    /// no after-tax IRR and leaves an ambiguous equity IRR out. The others are left `None`.
    PlainEquityOnly,
}

/// The financing view with only the IRRs asked for.
pub fn evaluate_reading(s: &Scenario, e: &Evaluation, irrs: Irrs) -> Financing {
    let a = &s.assumptions;
    let items = depreciable_items(s, e);
    let input = Input {
        revenue: &e.series.revenue,
        opex: &e.series.opex,
        capex: &e.series.capex,
        full_power_month: e.kpis.full_power_month,
        depreciable: &items,
    };
    compute_reading(&input, a, irrs)
}

/// What is placed in service when, by class, read from the evaluation's capex items: facility capex (base
/// and AI premium) split into its building share (39-year) and the rest (15-year), a retrofit pod's premium
/// all 15-year fit-out, supplies 15-year, in the component's online month; IT hardware 5-year in the month it
/// is bought. Existing components carry none but what is bought for them during the plan; a part that never
/// runs is never placed in service within the plan.
pub fn depreciable_items(s: &Scenario, e: &Evaluation) -> Vec<Depreciable> {
    let building = s.assumptions.building_share.clamp(0.0, 1.0);
    let mut items = Vec::with_capacity(e.capex_items.len() + 8);
    for item in &e.capex_items {
        let at = |usd: f64, class| Depreciable { in_service_month: item.in_service_month, usd, class };
        match item.class {
            CapexClass::ItHardware => items.push(at(item.usd, DepreciationClass::FiveYear)),
            CapexClass::FacilityBase | CapexClass::AiPremium => {
                items.push(at(item.usd * building, DepreciationClass::ThirtyNineYear));
                items.push(at(item.usd * (1.0 - building), DepreciationClass::FifteenYear));
            }
            CapexClass::RetrofitFitOut | CapexClass::Substation | CapexClass::Cooling | CapexClass::Generation => {
                items.push(at(item.usd, DepreciationClass::FifteenYear))
            }
        }
    }
    items
}

/// The debt terms of the assumptions.
pub fn debt_terms(a: &Assumptions) -> DebtTerms {
    DebtTerms {
        share: a.debt_share.clamp(0.0, 1.0),
        rate: a.debt_rate.max(0.0),
        tenor_months: debt::tenor_months(a.debt_tenor_years),
        interest_only_months: a.interest_only_months,
    }
}

/// Debt, depreciation, tax, exit and cash flows of MODEL.md "Financing and tax" on the given series.
pub fn compute(input: &Input, a: &Assumptions) -> Financing {
    compute_reading(input, a, Irrs::Both)
}

fn compute_reading(input: &Input, a: &Assumptions, irrs: Irrs) -> Financing {
    let n = input.revenue.len().min(input.opex.len()).min(input.capex.len());
    let (revenue, opex, capex) = (&input.revenue[..n], &input.opex[..n], &input.capex[..n]);
    let rate = if a.tax_rate.is_finite() { a.tax_rate.max(0.0) } else { 0.0 };
    let share = a.debt_share.clamp(0.0, 1.0);

    let debt = debt::schedule(capex, input.full_power_month, &debt_terms(a));
    let depreciation = depreciation::schedule(input.depreciable, a.bonus_depreciation, n);
    let ebitda: Vec<f64> = (0..n).map(|m| revenue[m] - opex[m]).collect();
    let ti_unlevered: Vec<f64> = (0..n).map(|m| ebitda[m] - depreciation[m]).collect();
    let ti_levered: Vec<f64> = (0..n).map(|m| ebitda[m] - debt.interest[m] - depreciation[m]).collect();
    let (tax_years_unlevered, tax_unlevered) = tax::by_year(&ti_unlevered, rate);
    let (tax_years_levered, tax_levered) = tax::by_year(&ti_levered, rate);

    let mut exit = vec![0.0; n];
    if a.exit_multiple > 0.0 && n > 0 {
        let last_year: f64 = ebitda[n.saturating_sub(12)..].iter().sum();
        exit[n - 1] = a.exit_multiple * last_year;
    }
    let cash_flow_pre_tax: Vec<f64> = (0..n).map(|m| revenue[m] - opex[m] - capex[m] + exit[m]).collect();
    let cash_flow_after_tax: Vec<f64> = (0..n).map(|m| cash_flow_pre_tax[m] - tax_unlevered[m]).collect();
    let cash_flow_equity: Vec<f64> = (0..n)
        .map(|m| revenue[m] - opex[m] - (1.0 - share) * capex[m] - debt.debt_service[m] - tax_levered[m] + exit[m])
        .collect();

    let first_operating_year = input.full_power_month.div_ceil(12);
    let mut years = Vec::with_capacity(n.div_ceil(12));
    for (y, (tl, tu)) in tax_years_levered.iter().zip(&tax_years_unlevered).enumerate() {
        let r = 12 * y..(12 * y + 12).min(n);
        let sum = |v: &[f64]| v[r.clone()].iter().sum::<f64>();
        let forced = sum(&debt.forced_repayment);
        let mut row = FinancingYear {
            year: y as u32,
            first_month: r.start as u32,
            months: r.len() as u32,
            revenue: sum(revenue),
            opex: sum(opex),
            draws: sum(&debt.draws),
            interest: sum(&debt.interest),
            principal: sum(&debt.principal) - forced,
            forced_repayment: forced,
            balance: debt.balance[r.end - 1],
            depreciation: sum(&depreciation),
            tax_levered: *tl,
            tax_unlevered: *tu,
            dscr: None,
        };
        let service = row.scheduled_debt_service();
        if y as u32 >= first_operating_year && service > 0.0 {
            row.dscr = Some((row.revenue - row.opex - sum(&tax_levered)) / service);
        }
        years.push(row);
    }

    let flows = Flows { pre_tax: &cash_flow_pre_tax, after_tax: &cash_flow_after_tax, equity: &cash_flow_equity };
    let kpis = kpis(a, &years, &debt, &flows, &exit, irrs);
    let kpis = FinancingKpis {
        total_tax_usd: tax_levered.iter().sum(),
        total_tax_unlevered_usd: tax_unlevered.iter().sum(),
        tax_shield_usd: tax_unlevered.iter().sum::<f64>() - tax_levered.iter().sum::<f64>(),
        ..kpis
    };
    let warnings = covenant_warning(a, &years, &kpis).into_iter().collect();
    Financing {
        series: FinancingSeries {
            debt,
            depreciation,
            tax_levered,
            tax_unlevered,
            exit,
            cash_flow_pre_tax,
            cash_flow_after_tax,
            cash_flow_equity,
        },
        years,
        kpis,
        warnings,
    }
}

/// The three cash flows the KPIs read.
struct Flows<'a> {
    pre_tax: &'a [f64],
    after_tax: &'a [f64],
    equity: &'a [f64],
}

fn kpis(
    a: &Assumptions,
    years: &[FinancingYear],
    debt: &DebtSchedule,
    flows: &Flows,
    exit: &[f64],
    irrs: Irrs,
) -> FinancingKpis {
    let Flows { pre_tax, after_tax, equity } = *flows;
    let r_m = finance::monthly_rate(a.discount_rate);
    let after_tax_irr = if irrs == Irrs::Both { finance::irr_annual(after_tax) } else { None };
    let equity_irr = match irrs {
        Irrs::PlainEquityOnly if finance::irr_can_mislead(equity) => None,
        _ => finance::irr_annual(equity),
    };
    let positive: f64 = equity.iter().filter(|v| **v > 0.0).sum();
    let negative: f64 = equity.iter().filter(|v| **v < 0.0).sum();
    let mut cumulative = 0.0;
    let mut lowest = 0.0f64;
    for v in equity {
        cumulative += v;
        lowest = lowest.min(cumulative);
    }
    let mut min_dscr: Option<(u32, f64)> = None;
    let mut breach = None;
    for y in years {
        let Some(d) = y.dscr else { continue };
        if min_dscr.is_none_or(|(_, m)| d < m) {
            min_dscr = Some((y.year, d));
        }
        if breach.is_none() && d < a.dscr_covenant {
            breach = Some(y.year);
        }
    }
    FinancingKpis {
        after_tax_npv_usd: finance::npv(r_m, after_tax),
        after_tax_irr,
        after_tax_irr_ambiguous: after_tax_irr.is_some() && finance::irr_can_mislead(after_tax),
        equity_npv_usd: finance::npv(r_m, equity),
        equity_irr,
        equity_irr_ambiguous: equity_irr.is_some() && finance::irr_can_mislead(equity),
        equity_multiple: (negative < 0.0).then(|| positive / -negative),
        peak_equity_usd: -lowest,
        min_dscr: min_dscr.map(|(_, d)| d),
        min_dscr_project_year: min_dscr.map(|(y, _)| y),
        first_covenant_breach_project_year: breach,
        first_covenant_breach_year: breach.map(|y| a.start.plus_months(12 * y).year),
        pre_tax_npv_usd: finance::npv(r_m, pre_tax),
        exit_value_usd: exit.iter().sum(),
        debt_drawn_usd: debt.draws.iter().sum(),
        interest_usd: debt.interest.iter().sum(),
        forced_repayment_usd: debt.forced_repayment.iter().sum(),
        ..FinancingKpis::default()
    }
}

/// The project year `year` by its calendar months, e.g. "Apr 2029 - Mar 2030" (the last year may be shorter).
pub fn project_year_label(start: YearMonth, year: &FinancingYear) -> String {
    let first = start.plus_months(year.first_month);
    let last = start.plus_months(year.first_month + year.months.max(1) - 1);
    format!("{} - {}", month_label(first), month_label(last))
}

fn month_label(ym: YearMonth) -> String {
    const NAMES: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let name = NAMES.get(ym.month.wrapping_sub(1) as usize).copied().unwrap_or("?");
    format!("{name} {}", ym.year)
}

fn covenant_warning(a: &Assumptions, years: &[FinancingYear], k: &FinancingKpis) -> Option<Warning> {
    let year = years.get(k.first_covenant_breach_project_year? as usize)?;
    let dscr = year.dscr?;
    Some(Warning {
        fix: None,
        kind: WarningKind::DscrCovenant,
        components: Vec::new(),
        message: format!(
            "Debt service cover of {dscr:.2}x in {} is below the {:.2}x covenant (lenders trap cash below it)",
            project_year_label(a.start, year),
            a.dscr_covenant
        ),
    })
}
