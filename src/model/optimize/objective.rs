//! What the planner maximises (MODEL.md "The best mix", Objectives) and the score that ranks designs.

use std::cmp::Ordering;

use serde::Serialize;

use crate::model::finance;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Objective {
    /// Pre-tax unlevered NPV; where a new substation needs a grid request, its expected value over the
    /// approval (MODEL.md "The approved interconnection", rule 6).
    #[default]
    Npv,
    /// After-tax equity NPV.
    EquityNpv,
    /// Equity MIRR (finance rate = debt rate, reinvestment rate = discount rate): always exists and is unique,
    /// where the equity IRR of a brownfield site is often ambiguous.
    EquityIrr,
    /// P10 of NPV from a Monte Carlo on a shortlist (a risk-averse choice).
    P10Npv,
    /// The earliest first AI revenue among designs with AI load and NPV > 0 (ties by NPV).
    TimeToPower,
}

impl Objective {
    pub const ALL: [Objective; 5] =
        [Objective::Npv, Objective::EquityNpv, Objective::EquityIrr, Objective::P10Npv, Objective::TimeToPower];

    /// The command-line name.
    pub fn name(self) -> &'static str {
        match self {
            Objective::Npv => "npv",
            Objective::EquityNpv => "equity_npv",
            Objective::EquityIrr => "equity_irr",
            Objective::P10Npv => "p10_npv",
            Objective::TimeToPower => "time_to_power",
        }
    }

    pub fn from_name(name: &str) -> Option<Objective> {
        Objective::ALL.into_iter().find(|o| o.name() == name)
    }

    pub fn label(self) -> &'static str {
        match self {
            Objective::Npv => "NPV (pre-tax, unlevered; expected where a grid request waits)",
            Objective::EquityNpv => "Equity NPV (after tax)",
            Objective::EquityIrr => "Equity MIRR (best-mix ranking)",
            Objective::P10Npv => "P10 NPV (risk-averse)",
            Objective::TimeToPower => "Earliest AI revenue with NPV > 0",
        }
    }
}

/// The figures of one evaluated design that the objectives read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Figures {
    /// NPV, if approved where a new substation needs a grid request.
    pub npv_usd: f64,
    /// p x NPV(approved) + (1 - p) x NPV(refused); `None` when no substation needs a request.
    pub npv_expected_usd: Option<f64>,
    pub equity_npv_usd: Option<f64>,
    /// Annualized equity MIRR (finance rate the debt rate, reinvestment at the discount rate): the best mix's
    /// ranking figure, not the Risk tab's equity IRR percentiles nor the base-case equity IRR.
    pub equity_mirr: Option<f64>,
    pub p10_npv_usd: Option<f64>,
    pub first_ai_revenue_month: Option<u32>,
    pub has_ai: bool,
}

/// Ranks designs: a design that meets the objective's condition beats one that does not, then the larger
/// `primary` wins, then the larger `secondary` (NPV, as the tie-break of every objective).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Score {
    pub qualifies: bool,
    pub primary: f64,
    pub secondary: f64,
}

impl Score {
    pub fn of(objective: Objective, f: &Figures) -> Score {
        let npv = f.npv_usd;
        let (qualifies, primary) = match objective {
            Objective::Npv => (true, f.npv_expected_usd.unwrap_or(npv)),
            Objective::EquityNpv => (f.equity_npv_usd.is_some(), f.equity_npv_usd.unwrap_or(f64::NEG_INFINITY)),
            Objective::EquityIrr => (f.equity_mirr.is_some(), f.equity_mirr.unwrap_or(f64::NEG_INFINITY)),
            Objective::P10Npv => (f.p10_npv_usd.is_some(), f.p10_npv_usd.unwrap_or(f64::NEG_INFINITY)),
            Objective::TimeToPower => match f.first_ai_revenue_month {
                // Earlier is better: the month negated.
                Some(m) if f.has_ai && npv > 0.0 => (true, -(m as f64)),
                _ => (false, f64::NEG_INFINITY),
            },
        };
        Score { qualifies, primary, secondary: npv }
    }

    /// The objective's own value for display (NPV in USD, MIRR as a fraction, month for time to power).
    pub fn value(&self, objective: Objective) -> Option<f64> {
        if !self.qualifies {
            return None;
        }
        Some(if objective == Objective::TimeToPower { -self.primary } else { self.primary })
    }
}

impl Eq for Score {}

impl PartialOrd for Score {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Score {
    fn cmp(&self, other: &Self) -> Ordering {
        self.qualifies
            .cmp(&other.qualifies)
            .then(self.primary.total_cmp(&other.primary))
            .then(self.secondary.total_cmp(&other.secondary))
    }
}

/// Modified IRR of a monthly series, annualized: negative flows discounted to month 0 at the monthly finance
/// rate, positive flows compounded to the last month at the monthly reinvestment rate (numpy-financial `mirr`
/// on the monthly series, then (1 + m)^12 - 1). `None` without both a positive and a negative flow.
pub fn mirr_annual(flows: &[f64], finance_rate_annual: f64, reinvest_rate_annual: f64) -> Option<f64> {
    let n = flows.len();
    let positives: Vec<f64> = flows.iter().map(|&v| v.max(0.0)).collect();
    let negatives: Vec<f64> = flows.iter().map(|&v| v.min(0.0)).collect();
    if n < 2 || !flows.iter().any(|&v| v > 0.0) || !flows.iter().any(|&v| v < 0.0) {
        return None;
    }
    let f = finance::monthly_rate(finance_rate_annual);
    let r = finance::monthly_rate(reinvest_rate_annual);
    let numer = finance::npv(r, &positives).abs();
    let denom = finance::npv(f, &negatives).abs();
    let monthly = (numer / denom).powf(1.0 / (n - 1) as f64) * (1.0 + r) - 1.0;
    let annual = (1.0 + monthly).powi(12) - 1.0;
    annual.is_finite().then_some(annual)
}
