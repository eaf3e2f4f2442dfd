//! KPI cards: one headline figure per card with a second line of context, red when the site falls short.
//! `cards` is pure (tests read it); `show_cards` lays the cards out in a grid that fits the space given.

use crate::model::firm;
use crate::model::{ComponentKind, Kpis, Redundancy, Scenario};
use crate::outputs::format;

/// How a card's figure reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Normal,
    /// The site cannot deliver what the layout asks for (a negative headroom).
    Short,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    pub title: String,
    pub value: String,
    pub detail: String,
    pub tone: Tone,
    /// What the figure means, as the card's tooltip.
    pub explanation: &'static str,
    /// Takes two columns (NPV and IRR with their conventions).
    pub wide: bool,
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

/// MW without a unit, whole at zero and above 10 MW: "0", "4.2", "219".
fn short_mw(mw: f64) -> String {
    if mw == 0.0 || mw.abs() >= 10.0 { format!("{mw:.0}") } else { format!("{mw:.1}") }
}

fn signed_mw(mw: f64) -> String {
    if mw > 0.0 { format!("+{}", format::power_mw(mw)) } else { format::power_mw(mw) }
}

fn month_label(m: u32) -> String {
    if m == 1 { "1 month".to_string() } else { format!("{m} months") }
}

/// The dashboard's cards for a scenario's KPIs, in reading order.
pub fn cards(scenario: &Scenario, k: &Kpis) -> Vec<Card> {
    let a = &scenario.assumptions;
    // With nothing spent there is nothing to pay back: "0 months" would read as an instant payback.
    let nothing_invested = k.capex_total_usd <= 0.0;
    let premium_share = if k.capex_total_usd > 0.0 { k.capex_ai_premium_usd / k.capex_total_usd } else { 0.0 };
    let short = |headroom: f64| if headroom < -1e-9 { Tone::Short } else { Tone::Normal };
    let supply = if k.generation_capacity_mw > 0.0 { "grid + gen." } else { "grid" };
    // What sets the full-power month, named so that a small part that moves the first full year is no mystery.
    let set_by = k.full_power_set_by.and_then(|id| scenario.component(id)).map(|c| c.name.as_str());
    let full_power_date = match set_by {
        Some(name) => format!("full power {}, set by {name}", format::model_month(a.start, k.full_power_month)),
        None => format!("full power {}", format::model_month(a.start, k.full_power_month)),
    };
    let (timing, dates) = match k.first_revenue_month {
        None if scenario.components.is_empty() => ("n/a".to_string(), "no parts on the site".to_string()),
        Some(m) => (format!("{m} · {}", month_label(k.full_power_month)), full_power_date),
        None => (format!("never · {}", month_label(k.full_power_month)), format!("no revenue · {full_power_date}")),
    };
    let if_approved = if k.npv_expected_usd.is_some() { " · if approved" } else { "" };
    let card = |title: &str, value: String, detail: String, tone: Tone, explanation: &'static str| Card {
        title: title.to_string(),
        value,
        detail,
        tone,
        explanation,
        wide: false,
    };
    // The headline figures first (NPV and IRR, payback, capex, power, water), so that a small screen shows them
    // without scrolling; the context follows.
    vec![
        Card {
            wide: true,
            ..card(
                "NPV · IRR",
                match k.irr {
                    None => format!("{} · IRR n/a", format::money(k.npv_usd)),
                    Some(_) => format!("{} · {}", format::money(k.npv_usd), format::irr(k.irr, k.irr_ambiguous)),
                },
                format!(
                    "pre-tax, unlevered, nominal · discount rate {}{if_approved}",
                    format::percent(a.discount_rate)
                ),
                Tone::Normal,
                "NPV: the monthly cash flows discounted at the discount rate, month 0 undiscounted. IRR: the yearly rate that makes NPV zero; marked ambiguous when it cannot be read as a return: the cash flow changes sign more than once (hardware refreshes, halvings), so another rate may fit too, or it earns before it spends. Pre-tax, unlevered (no debt), nominal dollars, no terminal value.",
            )
        },
        card(
            "Payback",
            if nothing_invested { "n/a".to_string() } else { format::months(k.payback_months, "none in horizon") },
            if nothing_invested {
                "nothing invested".to_string()
            } else {
                format!("discounted: {}", format::months(k.discounted_payback_months, "none"))
            },
            Tone::Normal,
            "When the cumulative cash flow turns positive for good (a later hardware refresh can push it back below zero). Discounted: the same on cash flows discounted at the discount rate.",
        ),
        card(
            "Total capex",
            format::money(k.capex_total_usd),
            format!("mining build {}", format::money(k.capex_as_mining_build_usd())),
            Tone::Normal,
            "Every dollar spent over the horizon, hardware refreshes included. Beside it, the same site priced as a mining build: everything except the AI build premium.",
        ),
        card(
            "Facility power · PUE",
            format!(
                "{} · {}",
                format::power_mw(k.facility_power_mw),
                k.pue.map_or("n/a".into(), |p| format!("{p:.2}"))
            ),
            format!("as much as {} homes", compact(k.households_power)),
            Tone::Normal,
            "IT plus overhead, cooling-plant power and substation losses at full build. PUE = facility / IT. Homes: facility MW x 8,760 hours / the household power use (EIA: 10,700 kWh a year).",
        ),
        card(
            "Water per day",
            format!("{} m3", compact(k.water_m3_per_day)),
            format!("{} gal · {} homes", compact(k.water_gal_per_day), compact(k.households_water)),
            Tone::Normal,
            "At full build: plant-cooled IT x uptime x 24 h x the plants' water use per kWh of heat. 1 m3 = 264.172 US gallons; homes at 300 gallons a day (EPA WaterSense).",
        ),
        card(
            "AI build premium",
            format::money(k.capex_ai_premium_usd),
            format!("{} of capex", format::percent(premium_share)),
            Tone::Normal,
            "What AI-grade facilities cost above a mining facility of the same MW: mining facility capex per MW x (AI build premium - 1) for every new or retrofitted GPU pod.",
        ),
        card(
            "IT load",
            format::power_mw(k.it_load_mw),
            format!("mining {} · AI {} MW", short_mw(k.it_load_mining_mw), short_mw(k.it_load_ai_mw)),
            Tone::Normal,
            "Power of the miners and GPU systems themselves at full build: count x rated kW.",
        ),
        card(
            "Grid headroom",
            signed_mw(k.grid_headroom_mw),
            format!("of {} {supply}", format::power_mw(k.grid_capacity_mw + k.generation_capacity_mw)),
            short(k.grid_headroom_mw),
            "Grid capacity (MVA x power factor) plus turbines, minus the full build's facility power. Negative: the site cannot power everything on the plan; AI loads are served first and mining is curtailed.",
        ),
        card(
            "Cooling headroom",
            format!("{:+.1} MW_th", k.cooling_headroom_mw),
            format!("of {:.0} MW_th of plants", k.cooling_capacity_mw),
            short(k.cooling_headroom_mw),
            "Cooling-plant capacity minus the heat of the loads that need a plant (GPU pods, hydro and immersion halls). Air-cooled halls need none.",
        ),
        Card {
            wide: true,
            ..card(
                &format!("Revenue · EBITDA, {}", format::first_full_year(a.start, k.full_power_month)),
                format!(
                    "{} · {}",
                    k.annual_revenue_usd.map_or("n/a".into(), format::money),
                    k.annual_ebitda_usd.map_or("n/a".into(), format::money)
                ),
                "first full year: the 12 months from full power".to_string(),
                Tone::Normal,
                "The 12 months from the month of full power, named in the title (n/a when that year ends beyond the horizon): moving full power by a few months can move the counted year past a halving. EBITDA = revenue - opex (energy, water, fixed O&M), before capex.",
            )
        },
        card(
            "First revenue · full power",
            timing,
            dates,
            Tone::Normal,
            "Months from the project start to the first month with revenue, and until the last part is online (lead times, plus permitting when the site's permits are not in hand; existing parts are online from the start).",
        ),
    ]
}

/// The approved interconnection (MODEL.md third layer): approved MVA, MVA beyond it, NPV per approved MW, and
/// where a substation needs a request, the expected NPV beside the NPV if approved.
pub fn grid_cards(scenario: &Scenario, k: &Kpis) -> Vec<Card> {
    let a = &scenario.assumptions;
    let per_mw =
        k.npv_per_approved_mw.map_or("n/a".to_string(), |v| format!("NPV {} per approved MW", format::money(v)));
    let (detail, tone) = if k.mva_beyond_approval > 0.0 {
        (format!("{:.0} MVA beyond: needs a request", k.mva_beyond_approval), Tone::Short)
    } else {
        (per_mw, Tone::Normal)
    };
    let mut out = vec![Card {
        title: "Approved grid".to_string(),
        value: format!("{:.0} MVA", k.interconnection_mva),
        detail,
        tone,
        explanation: "What the utility has approved for the site: it energizes that much without a new large-load request (by default the existing substations' MVA). A new substation beyond it waits for the queue (interconnection_queue_months) and may be refused. NPV per approved MW = NPV / (approved MVA x 0.95): investors value miners by their approved megawatts.",
        wide: false,
    }];
    if let (Some(expected), Some(refused)) = (k.npv_expected_usd, k.npv_if_refused_usd) {
        let p = a.interconnection_approval_probability;
        let detail = if refused > k.npv_usd {
            format!("refused is worth more ({}): the expansion does not pay within the horizon", format::money(refused))
        } else {
            format!(
                "{} if approved ({}), {} if refused",
                format::money(k.npv_usd),
                format::percent(p),
                format::money(refused)
            )
        };
        out.push(Card {
            title: "Expected NPV (grid odds)".to_string(),
            value: format::money(expected),
            detail,
            tone: Tone::Normal,
            explanation: "p x NPV if approved + (1 - p) x NPV if refused, with p the approval probability. The refused run builds no substation that needs a request and starts no load after the refusal is known; loads started before it stand idle. With no exit multiple, an expansion that comes online late rarely pays within the horizon, so the refused run can be worth more: set an exit multiple to value the years after it.",
            wide: true,
        });
    }
    out
}

/// Width of one card; the grid fits as many columns as the space allows.
pub const CARD_WIDTH: f32 = 128.0;
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
        .inner_margin(egui::Margin::symmetric(6, 5))
        .show(ui, |ui| {
            ui.set_width(width - 12.0);
            ui.vertical(|ui| {
                ui.spacing_mut().item_spacing.y = 0.0;
                ui.add(egui::Label::new(egui::RichText::new(&card.title).small().weak()).truncate());
                ui.add(
                    egui::Label::new(egui::RichText::new(&card.value).size(16.0).strong().color(value_color))
                        .truncate(),
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
    // Rows filled left to right; a wide card that does not fit the rest of a row starts the next one.
    let mut rows: Vec<Vec<&Card>> = Vec::new();
    let mut used = columns;
    for card in cards {
        let span = if card.wide { 2.min(columns) } else { 1 };
        if used + span > columns {
            rows.push(Vec::new());
            used = 0;
        }
        used += span;
        if let Some(row) = rows.last_mut() {
            row.push(card);
        }
    }
    for row in rows {
        ui.horizontal(|ui| {
            for card in row {
                let span = if card.wide { 2.min(columns) } else { 1 };
                show_card(ui, card, card_width * span as f32 + GAP * (span - 1) as f32);
            }
        });
    }
}

/// Firm grid and cooling headroom at the redundancy the AI load asks for (MODEL.md "Firm capacity"), shown
/// when the site has AI load: red when negative, naming the redundancy and the unit assumed to fail. Titled as
/// counting the AI load only, since the figure can read far above the site's headroom (which counts mining).
pub fn firm_cards(scenario: &Scenario, k: &Kpis) -> Vec<Card> {
    if k.it_load_ai_mw <= 0.0 {
        return Vec::new();
    }
    let a = &scenario.assumptions;
    let short = |headroom: f64| if headroom < -1e-9 { Tone::Short } else { Tone::Normal };
    // What the redundancy leaves out, naming the unit assumed to fail at N+1.
    let basis = |f: &firm::Firm, r: Redundancy| -> String {
        match (r, f.failed) {
            (Redundancy::N, _) => format!("N: every unit of {:.0} MW counts", f.total_mw),
            (Redundancy::TwoN, _) => format!("2N: half of {:.0} MW", f.total_mw),
            (Redundancy::NPlus1, Some(u)) => {
                let unit = match scenario.component(u.component) {
                    Some(c) if matches!(c.kind, ComponentKind::Substation(_)) => format!("one {} transformer", c.name),
                    Some(c) if matches!(c.kind, ComponentKind::CoolingPlant(_)) => format!("one {} unit", c.name),
                    Some(c) => c.name.clone(),
                    None => "the largest unit".to_string(),
                };
                // The figure first: a narrow card cuts the end of the line, which should be the name.
                format!("N+1: {:.1} MW out, {unit}", u.mw)
            }
            (Redundancy::NPlus1, None) => "N+1: no units on the site".to_string(),
        }
    };
    let power = firm::firm_power(scenario);
    let cooling = firm::firm_cooling(scenario);
    vec![
        Card {
            title: format!("Firm grid for the AI load only ({})", a.ai_power_redundancy.label()),
            value: signed_mw(k.firm_grid_headroom_mw),
            detail: basis(&power, a.ai_power_redundancy),
            tone: short(k.firm_grid_headroom_mw),
            explanation: "Counts only the AI load, so it can read well above the site's grid headroom, which counts mining too. Firm grid and turbine capacity at the redundancy the AI tenant asks for, minus the AI loads' facility power at full build. N+1: all but the largest transformer or turbine; 2N: half the pool. Negative: the AI load is not covered if that unit fails. Mining runs fine on N.",
            wide: true,
        },
        Card {
            title: format!("Firm cooling for the AI heat only ({})", a.ai_cooling_redundancy.label()),
            value: format!("{:+.1} MW_th", k.firm_cooling_headroom_mw),
            detail: basis(&cooling, a.ai_cooling_redundancy),
            tone: short(k.firm_cooling_headroom_mw),
            explanation: "Counts only the AI heat. Firm cooling-plant capacity at the redundancy the AI tenant asks for, minus the AI loads' heat at full build. N+1: all but the largest cooling unit. Negative: the AI heat is not covered if that unit fails.",
            wide: true,
        },
    ]
}
