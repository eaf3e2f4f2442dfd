//! The headline figures of a scenario's slide, shared by the presentation (live and exported as PNG) and the
//! PDF deck: what each card says, so the two show the same numbers in the same words.

use crate::model::financing::{self, Financing};
use crate::model::{Evaluation, Scenario};
use crate::outputs::format;

/// A headline figure: what it is, the number, and a line of context.
pub struct Card {
    pub title: String,
    pub value: String,
    pub note: String,
}

/// "≈ 1,234 households", "≈ 1 household", or "under 1 household" below one: "≈ 0" would read as none at all.
pub fn households(n: f64) -> String {
    if n < 1.0 {
        "under 1 household".to_string()
    } else if n.round() == 1.0 {
        "≈ 1 household".to_string()
    } else {
        format!("≈ {} households", format::count(n))
    }
}

/// An IRR for a headline: the figure, or in words when it is ambiguous (the figure goes to the note, small,
/// with its reason: the cash flow changes sign more than once, so other rates may fit too; the caveats
/// under the site plan say why at length).
fn irr_card(title: &str, irr: Option<f64>, ambiguous: bool, plain_note: String) -> Card {
    match irr {
        Some(r) if ambiguous => Card {
            title: title.to_string(),
            value: "no single rate".to_string(),
            note: format!("{} fits, as may other rates: read NPV", format::percent(r)),
        },
        _ => Card { title: title.to_string(), value: format::irr(irr, false), note: plain_note },
    }
}

pub fn cards(scenario: &Scenario, e: &Evaluation, f: &Financing) -> Vec<Card> {
    let k = &e.kpis;
    let a = &scenario.assumptions;
    let card = |title: &str, value: String, note: String| Card { title: title.to_string(), value, note };
    let first_year = format::first_full_year(a.start, k.full_power_month);
    let water_note = if k.households_water < 1.0 {
        format!("{} gal", format::count(k.water_gal_per_day))
    } else {
        format!("{} gal · {}", format::count(k.water_gal_per_day), households(k.households_water))
    };
    let mut cards = vec![
        card(
            "Capex",
            format::money(k.capex_total_usd),
            format!(
                "AI build premium {} ({})",
                format::money(k.capex_ai_premium_usd),
                format::premium(a.ai_build_premium, a.mining_facility_capex_usd_per_mw)
            ),
        ),
        card(
            "IT load",
            format::power_mw(k.it_load_mw),
            format!("mining {} · AI {}", format::power_mw(k.it_load_mining_mw), format::power_mw(k.it_load_ai_mw)),
        ),
        card("Facility power", format::power_mw(k.facility_power_mw), households(k.households_power)),
        card("Water per day", format!("{} m3", format::count(k.water_m3_per_day)), water_note),
        card(
            "NPV",
            format::money(k.npv_usd),
            format!(
                "at {} a year · payback {}",
                format::percent(a.discount_rate),
                format::months(k.payback_months, "beyond horizon")
            ),
        ),
        irr_card("IRR", k.irr, k.irr_ambiguous, "pre-tax, unlevered, nominal".to_string()),
    ];
    // With debt, what the owners make and whether the debt is covered, beside NPV.
    if f.has_debt() {
        let fk = &f.kpis;
        cards.push(irr_card(
            "Equity IRR",
            fk.equity_irr,
            fk.equity_irr_ambiguous,
            format!(
                "equity NPV {} · {} debt, after tax",
                format::money(fk.equity_npv_usd),
                format::percent(a.debt_share)
            ),
        ));
        let breach = fk.first_covenant_breach_project_year.and_then(|y| f.years.get(y as usize));
        cards.push(card(
            "Min debt service cover",
            fk.min_dscr.map_or("n/a".into(), format::dscr),
            match breach {
                Some(y) => format!(
                    "below the {} covenant from {}",
                    format::dscr(a.dscr_covenant),
                    financing::project_year_label(a.start, y)
                ),
                None => format!("covenant {} met every year", format::dscr(a.dscr_covenant)),
            },
        ));
    }
    cards.push(Card {
        title: format!("EBITDA, {first_year}"),
        value: k.annual_ebitda_usd.map_or("n/a".into(), format::money),
        note: match k.annual_revenue_usd {
            Some(r) => format!("revenue {} in the first full year", format::money(r)),
            None => "the first full year ends beyond the horizon".to_string(),
        },
    });
    cards.push(card(
        "First revenue",
        k.first_revenue_month.map_or("never".into(), |m| format::model_month(a.start, m)),
        format!("full power {}", format::model_month(a.start, k.full_power_month)),
    ));
    cards
}

/// The P10/P50/P90 NPV line and, where the base case lies above the P75 of its draws, that it is optimistic:
/// what every slide, the deck and the report show beside the base-case NPV.
pub fn risk_summary(r: &crate::model::risk::RiskResult) -> String {
    let line = crate::outputs::risk::npv_line(r);
    match crate::outputs::risk::optimism_line(r) {
        Some(optimism) => format!("{line}. {optimism}"),
        None => line,
    }
}
