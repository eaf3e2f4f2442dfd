//! KPI cards: one headline figure per card with a second line of context, red when the site falls short.
//! `cards` is pure (tests read it); `show_cards` lays the cards out in a grid that fits the space given.

use crate::format;
use crate::model::{Kpis, Scenario};

/// How a card's figure reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Normal,
    /// The site cannot deliver what the layout asks for (a negative headroom).
    Short,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    pub title: &'static str,
    pub value: String,
    pub detail: String,
    pub tone: Tone,
    /// What the figure means, as the card's tooltip.
    pub explanation: &'static str,
}

/// Large counts kept short for a card: 950, 12.3k, 1.23M.
pub fn compact(v: f64) -> String {
    let a = v.abs();
    if a >= 1e6 {
        format!("{:.2}M", v / 1e6)
    } else if a >= 1e4 {
        format!("{:.1}k", v / 1e3)
    } else {
        format::count(v)
    }
}

fn signed_mw(mw: f64) -> String {
    if mw > 0.0 { format!("+{}", format::power_mw(mw)) } else { format::power_mw(mw) }
}

fn month_and_date(scenario: &Scenario, month: Option<u32>) -> (String, String) {
    match month {
        None => ("never".to_string(), "no revenue within the horizon".to_string()),
        Some(m) => {
            let when = scenario.assumptions.start.plus_months(m).to_string();
            let value = if m == 1 { "1 month".to_string() } else { format!("{m} months") };
            (value, if m == 0 { format!("{when}, from the start") } else { when })
        }
    }
}

/// The dashboard's cards for a scenario's KPIs, in reading order.
pub fn cards(scenario: &Scenario, k: &Kpis) -> Vec<Card> {
    let a = &scenario.assumptions;
    let premium_share = if k.capex_total_usd > 0.0 { k.capex_ai_premium_usd / k.capex_total_usd } else { 0.0 };
    let short = |headroom: f64| if headroom < -1e-9 { Tone::Short } else { Tone::Normal };
    let supply = if k.generation_capacity_mw > 0.0 { "grid + generation" } else { "grid" };
    let (first_revenue, first_revenue_date) = month_and_date(scenario, k.first_revenue_month);
    let (full_power, full_power_date) = month_and_date(scenario, Some(k.full_power_month));
    vec![
        Card {
            title: "Total capex",
            value: format::money(k.capex_total_usd),
            detail: format!("mining build: {}", format::money(k.capex_as_mining_build_usd())),
            tone: Tone::Normal,
            explanation: "Every dollar spent over the horizon, hardware refreshes included. Beside it, the same site priced as a mining build: everything except the AI build premium.",
        },
        Card {
            title: "AI build premium",
            value: format::money(k.capex_ai_premium_usd),
            detail: format!("{} of capex", format::percent(premium_share)),
            tone: Tone::Normal,
            explanation: "What AI-grade facilities cost above a mining facility of the same MW: mining facility capex per MW x (AI build premium - 1) for every new or retrofitted GPU pod.",
        },
        Card {
            title: "IT load",
            value: format::power_mw(k.it_load_mw),
            detail: format!("mining {} · AI {}", format::power_mw(k.it_load_mining_mw), format::power_mw(k.it_load_ai_mw)),
            tone: Tone::Normal,
            explanation: "Power of the miners and GPU systems themselves at full build: count x rated kW.",
        },
        Card {
            title: "Facility power · PUE",
            value: format!("{} · {}", format::power_mw(k.facility_power_mw), k.pue.map_or("n/a".into(), |p| format!("{p:.2}"))),
            detail: format!("as much as {} homes", compact(k.households_power)),
            tone: Tone::Normal,
            explanation: "IT plus overhead, cooling-plant power and substation losses at full build. PUE = facility / IT. Homes: facility MW x 8,760 hours / the household power use (EIA: 10,700 kWh a year).",
        },
        Card {
            title: "Grid headroom",
            value: signed_mw(k.grid_headroom_mw),
            detail: format!("{} {}", format::power_mw(k.grid_capacity_mw + k.generation_capacity_mw), supply),
            tone: short(k.grid_headroom_mw),
            explanation: "Grid capacity (MVA x power factor) plus turbines, minus the full build's facility power. Negative: the site cannot power everything on the plan; AI loads are served first and mining is curtailed.",
        },
        Card {
            title: "Cooling headroom",
            value: format!("{:+.1} MW_th", k.cooling_headroom_mw),
            detail: format!("{:.0} MW_th of plants", k.cooling_capacity_mw),
            tone: short(k.cooling_headroom_mw),
            explanation: "Cooling-plant capacity minus the heat of the loads that need a plant (GPU pods, hydro and immersion halls). Air-cooled halls need none.",
        },
        Card {
            title: "Water per day",
            value: format!("{} m3", compact(k.water_m3_per_day)),
            detail: format!("{} gal · {} homes", compact(k.water_gal_per_day), compact(k.households_water)),
            tone: Tone::Normal,
            explanation: "At full build: plant-cooled IT x uptime x 24 h x the plants' water use per kWh of heat. 1 m3 = 264.172 US gallons; homes at 300 gallons a day (EPA WaterSense).",
        },
        Card {
            title: "Revenue, 1st full year",
            value: k.annual_revenue_usd.map_or("n/a".into(), format::money),
            detail: format!("EBITDA {}", k.annual_ebitda_usd.map_or("n/a".into(), format::money)),
            tone: Tone::Normal,
            explanation: "The 12 months from the month of full power (n/a when that year ends beyond the horizon). EBITDA = revenue - opex (energy, water, fixed O&M), before capex.",
        },
        Card {
            title: "Payback",
            value: format::months(k.payback_months, "not in horizon"),
            detail: format!("discounted: {}", format::months(k.discounted_payback_months, "not in horizon")),
            tone: Tone::Normal,
            explanation: "When the cumulative cash flow turns positive for good (a later hardware refresh can push it back below zero). Discounted: the same on cash flows discounted at the discount rate.",
        },
        Card {
            title: "NPV · IRR",
            value: format!("{} · {}", format::money(k.npv_usd), k.irr.map_or("n/a".into(), format::percent)),
            detail: format!("at {} · pre-tax, unlevered, nominal", format::percent(a.discount_rate)),
            tone: Tone::Normal,
            explanation: "NPV: the monthly cash flows discounted at the discount rate, month 0 undiscounted. IRR: the yearly rate that makes NPV zero. Pre-tax, unlevered (no debt), nominal dollars, no terminal value.",
        },
        Card {
            title: "Time to first revenue",
            value: first_revenue,
            detail: first_revenue_date,
            tone: Tone::Normal,
            explanation: "Months from the project start to the first month with revenue.",
        },
        Card {
            title: "Time to full power",
            value: full_power,
            detail: full_power_date,
            tone: Tone::Normal,
            explanation: "Months until the last part is online: lead times, plus permitting when the site's permits are not in hand. Existing parts are online from the start.",
        },
    ]
}

/// Width of one card; the grid fits as many columns as the space allows.
pub const CARD_WIDTH: f32 = 148.0;
const GAP: f32 = 4.0;

/// Columns of cards that fit in `width`.
pub fn columns_for(width: f32) -> usize {
    (((width + GAP) / (CARD_WIDTH + GAP)).floor() as usize).clamp(1, 12)
}

fn show_card(ui: &mut egui::Ui, card: &Card, width: f32) {
    let visuals = ui.visuals();
    let (stroke, value_color) = match card.tone {
        Tone::Normal => (visuals.widgets.noninteractive.bg_stroke, visuals.strong_text_color()),
        Tone::Short => (egui::Stroke::new(1.5, super::plots::palette::WARNING), super::plots::palette::WARNING),
    };
    egui::Frame::new()
        .fill(visuals.faint_bg_color)
        .stroke(stroke)
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(6, 3))
        .show(ui, |ui| {
            ui.set_width(width - 12.0);
            ui.vertical(|ui| {
                ui.spacing_mut().item_spacing.y = 0.0;
                ui.add(egui::Label::new(egui::RichText::new(card.title).small().weak()).truncate());
                ui.add(
                    egui::Label::new(egui::RichText::new(&card.value).size(15.0).strong().color(value_color)).truncate(),
                );
                ui.add(egui::Label::new(egui::RichText::new(&card.detail).small()).truncate());
            });
        })
        .response
        .on_hover_text(card.explanation);
}

/// The cards in a grid of `columns`, each `CARD_WIDTH` wide (or wider, to fill `width`).
pub fn show_cards(ui: &mut egui::Ui, cards: &[Card], width: f32) {
    let columns = columns_for(width);
    let card_width = ((width + GAP) / columns as f32 - GAP).max(CARD_WIDTH);
    ui.spacing_mut().item_spacing = egui::vec2(GAP, GAP);
    for row in cards.chunks(columns) {
        ui.horizontal(|ui| {
            for card in row {
                show_card(ui, card, card_width);
            }
        });
    }
}
