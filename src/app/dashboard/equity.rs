//! The equity view's cards (MODEL.md "Financing and tax"): after-tax NPV, equity NPV and IRR, peak equity,
//! equity multiple and the minimum debt service cover, in their own group under the headline cards. Each
//! says which view it shows: after tax without debt, or the owners' cash with the scenario's debt.

use super::cards::{Card, Tone};
use crate::model::Scenario;
use crate::model::financing::{self, Financing};
use crate::outputs::format;

/// The group's heading: tax and debt in one line ("After tax and with debt · 21 % tax · 80 % debt at 7.75 %").
pub fn heading(scenario: &Scenario, f: &Financing) -> String {
    let a = &scenario.assumptions;
    let debt = if f.has_debt() {
        // The rate to the basis point: 7.75 %, not 7.8 %.
        let rate = format!("{} %", format::number((a.debt_rate * 1e4).round() / 100.0));
        format!("{} debt at {rate}, {} years", format::percent(a.debt_share), format::number(a.debt_tenor_years))
    } else {
        "all equity".to_string()
    };
    format!("Equity view · {} tax · {debt}", format::percent(a.tax_rate))
}

/// The equity cards of a scenario, in reading order.
pub fn cards(scenario: &Scenario, f: &Financing) -> Vec<Card> {
    let a = &scenario.assumptions;
    let k = &f.kpis;
    let debt = if f.has_debt() { format!("{} debt", format::percent(a.debt_share)) } else { "no debt".to_string() };
    let card = |title: String, value: String, detail: String, tone: Tone, explanation: &'static str| Card {
        title,
        value,
        detail,
        tone,
        explanation,
        wide: false,
    };
    let (dscr_value, dscr_detail, dscr_tone) = match k.min_dscr {
        None => ("n/a".to_string(), "no debt service".to_string(), Tone::Normal),
        Some(d) => {
            let year = |y: Option<u32>| y.and_then(|y| f.years.get(y as usize));
            match year(k.first_covenant_breach_project_year) {
                Some(breach) => (
                    format::dscr(d),
                    format!(
                        "below {} from {}",
                        format::dscr(a.dscr_covenant),
                        financing::project_year_label(a.start, breach)
                    ),
                    Tone::Short,
                ),
                None => (
                    format::dscr(d),
                    match year(k.min_dscr_project_year) {
                        Some(y) => format!(
                            "{} · covenant {}",
                            financing::project_year_label(a.start, y),
                            format::dscr(a.dscr_covenant)
                        ),
                        None => format!("covenant {}", format::dscr(a.dscr_covenant)),
                    },
                    Tone::Normal,
                ),
            }
        }
    };
    vec![
        card(
            "After-tax NPV".to_string(),
            format::money(k.after_tax_npv_usd),
            format!("IRR {} · no debt", format::irr(k.after_tax_irr, k.after_tax_irr_ambiguous)),
            Tone::Normal,
            "The project's cash flow after tax, without debt (unlevered): revenue - opex - capex - the tax the project would pay on its own, discounted at the discount rate. Tax per project year on revenue - opex - depreciation, losses carried forward (80 % cap).",
        ),
        card(
            "Equity NPV".to_string(),
            format::money(k.equity_npv_usd),
            format!("owners' cash · {debt}"),
            Tone::Normal,
            "The owners' cash flow: revenue - opex - the capex not borrowed - debt service - tax with interest deducted, discounted at the discount rate. Debt still owed at the horizon's end is repaid in its last month.",
        ),
        card(
            if k.equity_irr_ambiguous { "Equity IRR · ambiguous" } else { "Equity IRR" }.to_string(),
            k.equity_irr.map_or("n/a".into(), format::percent),
            if k.equity_irr_ambiguous { "owners pay in again".to_string() } else { format!("owners' cash · {debt}") },
            Tone::Normal,
            "The yearly rate that makes the equity NPV zero. Ambiguous when the owners' cash flow changes sign more than once (they put cash in again, e.g. to repay notes or refresh hardware) or earns before it spends: another rate may fit too, so read the equity NPV first.",
        ),
        card(
            "Peak equity".to_string(),
            format::money(k.peak_equity_usd),
            "most the owners put in".to_string(),
            Tone::Normal,
            "The deepest the owners' cumulative cash flow goes below zero: the most cash they have in the project at any time (the equity cheque, plus any later top-up).",
        ),
        card(
            "Equity multiple".to_string(),
            k.equity_multiple.map_or("n/a".into(), format::multiple),
            "cash back per $ put in".to_string(),
            Tone::Normal,
            "The owners' positive cash flows over the horizon divided by their negative ones (undiscounted). n/a when the owners never put cash in.",
        ),
        Card {
            wide: true,
            ..card(
                "Min debt service cover (DSCR)".to_string(),
                dscr_value,
                dscr_detail,
                dscr_tone,
                "The lowest, over the operating project years with debt service, of (revenue - opex - tax) / (interest + scheduled principal). Red below the covenant (lenders trap cash below it), naming the first such project year by its months. The construction years, interest only, have no DSCR; the repayment forced at the horizon's end is left out.",
            )
        },
    ]
}
