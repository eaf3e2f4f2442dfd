//! The key KPIs of several scenarios side by side, and which scenario is best on each row. Shared by the
//! comparison window, presentation mode and the Markdown report, so "best" is defined once.

use crate::format;
use crate::model::Kpis;

/// Marks the best value of a row, on screen and in the report.
pub const BEST_MARK: &str = "★";

/// Which end of a row wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Better {
    Lower,
    Higher,
}

impl Better {
    pub fn describe(self) -> &'static str {
        match self {
            Better::Lower => "lowest is best",
            Better::Higher => "highest is best",
        }
    }
}

/// One row of the comparison: its label, the number compared (`None`: the figure does not exist, which
/// never wins), how it is shown, and which end wins.
pub struct CompareRow {
    pub label: &'static str,
    pub value: fn(&Kpis) -> Option<f64>,
    pub text: fn(&Kpis) -> String,
    pub better: Better,
}

fn months_text(m: Option<u32>, none: &str) -> String {
    m.map_or(none.to_string(), |m| format!("{m} months"))
}

/// The rows of the comparison table, in display order.
pub fn rows() -> Vec<CompareRow> {
    vec![
        CompareRow {
            label: "Capex total",
            value: |k| Some(k.capex_total_usd),
            text: |k| format::money(k.capex_total_usd),
            better: Better::Lower,
        },
        CompareRow {
            label: "AI build premium",
            value: |k| Some(k.capex_ai_premium_usd),
            text: |k| format::money(k.capex_ai_premium_usd),
            better: Better::Lower,
        },
        CompareRow {
            label: "IT load",
            value: |k| Some(k.it_load_mw),
            text: |k| format::power_mw(k.it_load_mw),
            better: Better::Higher,
        },
        CompareRow {
            label: "Facility power",
            value: |k| Some(k.facility_power_mw),
            text: |k| format::power_mw(k.facility_power_mw),
            better: Better::Lower,
        },
        CompareRow {
            label: "Water per day",
            value: |k| Some(k.water_m3_per_day),
            text: |k| format!("{} m3 ({} gal)", format::count(k.water_m3_per_day), format::count(k.water_gal_per_day)),
            better: Better::Lower,
        },
        CompareRow {
            label: "First full year EBITDA",
            value: |k| k.annual_ebitda_usd,
            text: |k| k.annual_ebitda_usd.map_or("n/a".into(), format::money),
            better: Better::Higher,
        },
        CompareRow {
            label: "NPV",
            value: |k| Some(k.npv_usd),
            text: |k| format::money(k.npv_usd),
            better: Better::Higher,
        },
        CompareRow {
            label: "IRR",
            // An IRR that cannot be read as a return never wins the row.
            value: |k| k.irr.filter(|_| !k.irr_ambiguous),
            text: |k| format::irr(k.irr, k.irr_ambiguous),
            better: Better::Higher,
        },
        CompareRow {
            label: "Payback",
            value: |k| k.payback_months,
            text: |k| format::months(k.payback_months, "not within horizon"),
            better: Better::Lower,
        },
        CompareRow {
            label: "Months to first revenue",
            value: |k| k.first_revenue_month.map(f64::from),
            text: |k| months_text(k.first_revenue_month, "never"),
            better: Better::Lower,
        },
        CompareRow {
            label: "Months to full power",
            value: |k| Some(f64::from(k.full_power_month)),
            text: |k| months_text(Some(k.full_power_month), "never"),
            better: Better::Lower,
        },
    ]
}

impl CompareRow {
    /// Indices of the scenarios that win this row. Empty when there is nothing to choose between (fewer
    /// than two scenarios with the figure, or all of them equal), so a highlight always means something.
    pub fn best(&self, kpis: &[&Kpis]) -> Vec<usize> {
        let values: Vec<Option<f64>> = kpis.iter().map(|k| (self.value)(k).filter(|v| v.is_finite())).collect();
        let present: Vec<f64> = values.iter().flatten().copied().collect();
        let Some(best) = present.iter().copied().reduce(|a, b| match self.better {
            Better::Lower => a.min(b),
            Better::Higher => a.max(b),
        }) else {
            return Vec::new();
        };
        let tolerance = 1e-9 * best.abs().max(1.0);
        let winners: Vec<usize> = values
            .iter()
            .enumerate()
            .filter(|(_, v)| v.is_some_and(|v| (v - best).abs() <= tolerance))
            .map(|(i, _)| i)
            .collect();
        if winners.len() == values.len() || (kpis.len() < 2) { Vec::new() } else { winners }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(label: &str) -> CompareRow {
        rows().into_iter().find(|r| r.label == label).expect("row exists")
    }

    #[test]
    fn an_ambiguous_irr_never_wins() {
        let plain = Kpis { irr: Some(0.30), ..Kpis::default() };
        let ambiguous = Kpis { irr: Some(0.45), irr_ambiguous: true, ..Kpis::default() };
        let irr = row("IRR");
        assert_eq!(irr.best(&[&plain, &ambiguous]), vec![0]);
        assert_eq!((irr.text)(&ambiguous), "45.0 % (ambiguous)");
    }

    #[test]
    fn highest_npv_and_lowest_capex_win() {
        let a = Kpis { npv_usd: 5.0e6, capex_total_usd: 9.0e6, ..Kpis::default() };
        let b = Kpis { npv_usd: 7.0e6, capex_total_usd: 8.0e6, ..Kpis::default() };
        let c = Kpis { npv_usd: -1.0e6, capex_total_usd: 12.0e6, ..Kpis::default() };
        assert_eq!(row("NPV").best(&[&a, &b, &c]), vec![1]);
        assert_eq!(row("Capex total").best(&[&a, &b, &c]), vec![1]);
    }

    #[test]
    fn a_missing_figure_never_wins_and_ties_mark_nothing() {
        let never = Kpis { payback_months: None, ..Kpis::default() };
        let slow = Kpis { payback_months: Some(60.0), ..Kpis::default() };
        assert_eq!(row("Payback").best(&[&never, &slow]), vec![1]);
        let same = Kpis::default();
        assert!(row("NPV").best(&[&same, &same]).is_empty());
        assert!(row("NPV").best(&[&same]).is_empty());
    }
}
