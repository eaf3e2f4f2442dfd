//! The planner's view of one part: what it costs (capex split into the mining-grade base, the AI premium and
//! hardware), what cooling and water it needs, what share of the site's revenue it brings and at what margin,
//! when it comes online, and why it is curtailed, switched off or stopped. Pure (`facts`) so tests read the
//! same lines the panel shows.

use egui::{Grid, RichText, Ui};

use crate::app::idle_story;
use crate::model::{CapexClass, Component, ComponentKind, Evaluation, Scenario, YearMonth};
use crate::outputs::format;

/// US gallons in a cubic metre (MODEL.md units).
const GAL_PER_M3: f64 = 264.172;
const HOURS_PER_DAY: f64 = 24.0;

/// One labelled line of the economics grid.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    pub label: &'static str,
    pub value: String,
    /// What the figure counts, as the row's tooltip.
    pub tip: &'static str,
}

/// Why the part is idle or limited, shown in red below the figures: an idle hall's one-line story, else what
/// limits it at full build.
pub fn problem(s: &Scenario, e: &Evaluation, c: &Component) -> Option<String> {
    let r = e.component(c.id)?;
    idle_story::story(s, e, c).or_else(|| idle_story::state_line(r, |_| false))
}

/// "Apr 2028".
fn calendar(start: YearMonth, month: u32) -> String {
    const NAMES: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let ym = start.plus_months(month);
    let name = NAMES.get(ym.month.wrapping_sub(1) as usize).copied().unwrap_or("?");
    format!("{name} {}", ym.year)
}

/// Capex of the part over the horizon by class, from the evaluation's capex items.
fn capex_by_class(e: &Evaluation, c: &Component) -> [(CapexClass, f64); 7] {
    let mut out = [
        (CapexClass::FacilityBase, 0.0),
        (CapexClass::AiPremium, 0.0),
        (CapexClass::RetrofitFitOut, 0.0),
        (CapexClass::ItHardware, 0.0),
        (CapexClass::Substation, 0.0),
        (CapexClass::Cooling, 0.0),
        (CapexClass::Generation, 0.0),
    ];
    for item in e.capex_items.iter().filter(|i| i.component == c.id) {
        if let Some(slot) = out.iter_mut().find(|(class, _)| *class == item.class) {
            slot.1 += item.usd;
        }
    }
    out
}

/// Litres per kWh of heat of the site's plants, weighted by capacity (what a MW_th of load costs in water).
fn site_water_ratio(s: &Scenario) -> Option<f64> {
    let (mut capacity, mut weighted) = (0.0, 0.0);
    for c in &s.components {
        if let ComponentKind::CoolingPlant(p) = &c.kind {
            capacity += p.capacity_mw_th;
            weighted += p.capacity_mw_th * p.water_l_per_kwh;
        }
    }
    (capacity > 0.0).then(|| weighted / capacity)
}

fn water_text(m3_per_day: f64) -> String {
    format!("{} m3/day ({} US gal/day)", format::count(m3_per_day), format::count(m3_per_day * GAL_PER_M3))
}

/// The figures shown for `c` in scenario `s`, given its evaluation.
pub fn facts(s: &Scenario, e: &Evaluation, c: &Component) -> Vec<Fact> {
    let Some(r) = e.component(c.id) else { return Vec::new() };
    let mut out = Vec::new();
    let start = s.assumptions.start;
    let horizon = s.assumptions.horizon_months() as u32;
    let online = if c.existing {
        "existing: online from the start".to_string()
    } else if r.online_month >= horizon {
        format!("{} (month {}), after the horizon", calendar(start, r.online_month), r.online_month)
    } else {
        format!("{} (month {})", calendar(start, r.online_month), r.online_month)
    };
    out.push(Fact {
        label: "Online",
        value: online,
        tip: "Lead time after the project start, plus permitting when the site's permits are not in hand",
    });

    let capex = capex_by_class(e, c);
    let class = |k: CapexClass| capex.iter().find(|(x, _)| *x == k).map_or(0.0, |(_, v)| *v);
    let total: f64 = capex.iter().map(|(_, v)| v).sum();
    let mut split = Vec::new();
    for (name, usd) in [
        ("base", class(CapexClass::FacilityBase)),
        ("AI premium", class(CapexClass::AiPremium) + class(CapexClass::RetrofitFitOut)),
        ("hardware", class(CapexClass::ItHardware)),
    ] {
        if usd > 0.0 {
            split.push(format!("{name} {}", format::money(usd)));
        }
    }
    let capex_text = if split.is_empty() || split.len() == 1 && !c.is_load() {
        format::money(total)
    } else {
        format!("{} = {}", format::money(total), split.join(" + "))
    };
    out.push(Fact {
        label: "Capex",
        value: if total > 0.0 { capex_text } else { "none (existing, nothing bought in the plan)".into() },
        tip: "Over the horizon: the facility at mining-grade cost (base), what an AI-grade build costs above it (AI premium; a retrofit's fit-out), and the miners or GPUs bought, refreshes included",
    });

    if c.is_load() {
        let needs_plant = match &c.kind {
            ComponentKind::AsicHall(h) => h.cooling.needs_plant(),
            _ => true,
        };
        let uptime = match &c.kind {
            ComponentKind::AsicHall(h) => h.uptime,
            ComponentKind::GpuPod(p) => p.uptime,
            _ => 1.0,
        };
        let cooling = if needs_plant {
            let heat = c.it_mw();
            // m3/day = MW_th x uptime x 24 h x L/kWh (= m3/MWh).
            let water = site_water_ratio(s).map(|w| water_text(heat * uptime * HOURS_PER_DAY * w));
            format!("{heat:.1} MW_th · {}", water.unwrap_or_else(|| "no cooling plant on the site".into()))
        } else {
            "its own fans: no plant, no water".to_string()
        };
        out.push(Fact {
            label: "Cooling",
            value: cooling,
            tip: "Heat for the cooling plants at full service, and the water it takes at the plants' capacity-weighted water use (1 m3 = 264.172 US gal)",
        });
        let site_revenue: f64 = e.series.revenue.iter().sum();
        let share = if site_revenue > 0.0 { r.revenue_usd / site_revenue } else { 0.0 };
        out.push(Fact {
            label: "Revenue",
            value: format!("{} · {} of the site's", format::money(r.revenue_usd), format::percent(share)),
            tip: "Its revenue over the horizon (curtailment credits included) and its share of the site's",
        });
        let margin = r.revenue_usd - r.energy_cost_usd - r.water_cost_usd;
        let margin_share = if r.revenue_usd > 0.0 {
            format!(" ({} of revenue)", format::percent(margin / r.revenue_usd))
        } else {
            String::new()
        };
        out.push(Fact {
            label: "Margin",
            value: format!("{}{margin_share}", format::money(margin)),
            tip: "Revenue minus the energy and water it pays for, over the horizon (before fixed O&M and capex). A colocation tenant pays its own power",
        });
        if r.months_switched_off > 0 {
            out.push(Fact {
                label: "Switched off",
                value: format!("{} of {horizon} months", r.months_switched_off),
                tip: "Months its mining revenue did not cover its power (and water, when a plant cools it), so it stood idle",
            });
        }
        if let Some(m) = r.stopped_month {
            out.push(Fact {
                label: "Stops",
                value: format!("{} (month {m})", calendar(start, m)),
                tip: "Its fleet reached the end of its life and was not bought again",
            });
        }
    } else if let ComponentKind::CoolingPlant(_) = &c.kind
        && let Some(pw) = e.plant_water.iter().find(|p| p.id == c.id)
    {
        let month = (e.kpis.full_power_month as usize).min(pw.m3.len().saturating_sub(1));
        let m3_per_day = pw.m3.get(month).copied().unwrap_or(0.0) / (365.0 / 12.0);
        out.push(Fact {
            label: "Water",
            value: water_text(m3_per_day),
            tip: "Its share of the site's plant-cooled water in the month of full power",
        });
    }
    out
}

pub fn show(ui: &mut Ui, s: &Scenario, e: &Evaluation, c: &Component) {
    let facts = facts(s, e, c);
    if facts.is_empty() {
        return;
    }
    ui.add_space(4.0);
    Grid::new("part_economics").num_columns(2).spacing([8.0, 2.0]).show(ui, |ui| {
        for f in &facts {
            ui.label(RichText::new(f.label).weak()).on_hover_text(f.tip);
            ui.add(egui::Label::new(&f.value).wrap()).on_hover_text(f.tip);
            ui.end_row();
        }
    });
    if let Some(why) = problem(s, e, c) {
        ui.colored_label(ui.visuals().warn_fg_color, why);
    }
}
