//! What qualifies a scenario's figures, as one list that every exported surface shows beside them (the deck's
//! slide pages, the workbook's Summary): the warnings most serious first (an ambiguous IRR, a limit the plan
//! breaks, a covenant the debt breaches, a grid request "if approved"), then the figures' conditions (the
//! expected NPV where the base case assumes an approval). A new caveat is one more push here.

use crate::model::financing::Financing;
use crate::model::risk::RiskResult;
use crate::model::warnings::by_severity;
use crate::model::{Evaluation, Scenario, Warning};
use crate::outputs::format;
use crate::outputs::report::all_warnings;
use crate::outputs::risk::optimism_line;

/// One line that qualifies the figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Caveat {
    pub text: String,
    /// It breaks a site limit (power, cooling, water): shown in the warning colour.
    pub serious: bool,
}

/// Every caveat of a scenario, most serious first; with its Monte Carlo result, the optimistic base case
/// (MODEL.md "Risk honesty") where its NPV lies above the P75 of its own draws.
pub fn scenario_caveats(s: &Scenario, e: &Evaluation, f: &Financing, risk: Option<&RiskResult>) -> Vec<Caveat> {
    let warnings: Vec<Warning> = all_warnings(e, f).into_iter().cloned().collect();
    let mut out: Vec<Caveat> = by_severity(&warnings)
        .into_iter()
        .map(|w| Caveat { text: w.message.clone(), serious: w.kind.breaks_limit() })
        .collect();
    let k = &e.kpis;
    if let (Some(expected), Some(refused)) = (k.npv_expected_usd, k.npv_if_refused_usd) {
        out.push(Caveat {
            text: format!(
                "NPV {} is the figure if approved; expected NPV at the {} approval odds {} ({} if refused)",
                format::money(k.npv_usd),
                format::percent(s.assumptions.interconnection_approval_probability),
                format::money(expected),
                format::money(refused)
            ),
            serious: false,
        });
    }
    if let Some(line) = risk.and_then(optimism_line) {
        out.push(Caveat { text: line, serious: false });
    }
    out
}
