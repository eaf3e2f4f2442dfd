//! Full-build figures the constraints read, computed straight from a scenario (no monthly simulation), so the
//! search can bound the number of new pods cheaply: facility power against grid + turbines, AI power against
//! the firm capacity at the asked redundancy (`model::firm`), plant-cooled heat against the plants,
//! and water against the site's allowance. Same formulas as the KPIs (capacity-weighted p, w and L over all
//! plants and substations).

use crate::model::component::{Component, ComponentKind};
use crate::model::scenario::Scenario;
use crate::model::{firm, schedule};

/// The full-build demand and supply of a scenario.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct FullBuild {
    pub facility_mw: f64,
    pub ai_facility_mw: f64,
    /// IT power of the AI loads.
    pub ai_it_mw: f64,
    /// Grid (MVA x PF) plus turbines.
    pub capacity_mw: f64,
    /// The firm part of `capacity_mw` at the asked AI power redundancy.
    pub firm_power_mw: f64,
    /// Heat of every plant-cooled load (AI pods, hydro and immersion halls).
    pub plant_heat_mw: f64,
    pub ai_heat_mw: f64,
    pub cooling_mw: f64,
    pub firm_cooling_mw: f64,
    pub water_m3_per_day: f64,
}

/// Heat a load sends to the cooling plants at full build (MW_th); 0 for air-cooled halls and supplies.
pub fn plant_heat_mw(c: &Component) -> f64 {
    match &c.kind {
        ComponentKind::AsicHall(h) if h.cooling.needs_plant() => h.it_mw(),
        ComponentKind::GpuPod(p) => p.it_mw(),
        _ => 0.0,
    }
}

/// The parts online at the full-power month and not retired by it (MODEL.md "Phasing": every full-build figure
/// counts those): a converted hall, a replaced plant and a part retired early are left out.
pub fn full_build(s: &Scenario) -> FullBuild {
    full_build_of(s, &schedule::of(s, false).in_full_build())
}

/// The full build if the grid refuses the site's requests (MODEL.md rule 5): the parts a refusal does not
/// cancel, at the latest month one of them comes online. `None` when no substation needs a request.
pub fn refused_build(s: &Scenario) -> Option<FullBuild> {
    let sched = schedule::of(s, true);
    sched.refused_at?;
    let month = sched.parts.iter().filter(|p| p.runs()).map(|p| p.online).max().unwrap_or(0);
    let in_build: Vec<bool> = sched.parts.iter().map(|p| p.active(month)).collect();
    Some(full_build_of(s, &in_build))
}

/// The first constraint a design breaks at full build: if approved, and where a substation waits for a grid
/// request also if refused (the loads started before the grid's answer must be carried without it).
pub fn violation(s: &Scenario) -> Option<Violation> {
    let limit = s.assumptions.water_limit_m3_per_day;
    physical_violation(&full_build(s), limit).or_else(|| refused_build(s).and_then(|fb| physical_violation(&fb, limit)))
}

fn full_build_of(s: &Scenario, in_build: &[bool]) -> FullBuild {
    let in_build = in_build.to_vec();
    let parts = || s.components.iter().zip(&in_build).filter(|(_, b)| **b).map(|(c, _)| c);
    let (mut grid, mut grid_loss, mut turbines, mut cooling, mut parasitic, mut water) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
    for c in parts() {
        match &c.kind {
            ComponentKind::Substation(x) => {
                grid += x.usable_mw();
                grid_loss += x.usable_mw() * x.loss_ratio;
            }
            ComponentKind::GasTurbine(t) => turbines += t.capacity_mw,
            ComponentKind::CoolingPlant(p) => {
                cooling += p.capacity_mw_th;
                parasitic += p.capacity_mw_th * p.parasitic_ratio;
                water += p.capacity_mw_th * p.water_l_per_kwh;
            }
            _ => {}
        }
    }
    let ratio = |num: f64, den: f64| if den > 0.0 { num / den } else { 0.0 };
    let loss = ratio(grid_loss, grid).clamp(0.0, 0.99);
    let p = ratio(parasitic, cooling);
    let w = ratio(water, cooling);
    let mut out = FullBuild {
        capacity_mw: grid + turbines,
        firm_power_mw: firm::firm_power_in(s, &in_build).mw,
        cooling_mw: cooling,
        firm_cooling_mw: firm::firm_cooling_in(s, &in_build).mw,
        ..FullBuild::default()
    };
    for c in parts() {
        let (overhead, uptime, ai) = match &c.kind {
            ComponentKind::AsicHall(h) => (h.overhead, h.uptime, false),
            ComponentKind::GpuPod(g) => (g.overhead, g.uptime, true),
            _ => continue,
        };
        let heat = plant_heat_mw(c);
        let plant = if heat > 0.0 { p } else { 0.0 };
        let facility = c.it_mw() * (1.0 + overhead + plant) / (1.0 - loss);
        out.facility_mw += facility;
        out.plant_heat_mw += heat;
        out.water_m3_per_day += heat * uptime * 24.0 * w;
        if ai {
            out.ai_facility_mw += facility;
            out.ai_it_mw += c.it_mw();
            out.ai_heat_mw += heat;
        }
    }
    out
}

/// Why a design breaks a constraint (MODEL.md: full-build power, firm power for AI, cooling, firm cooling for
/// AI, the water limit, the capital budget, the boundary).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Violation {
    Power,
    FirmPower,
    Cooling,
    FirmCooling,
    Water,
    Budget,
    Boundary,
}

impl Violation {
    /// In MODEL.md's order: grid, firm grid, cooling, firm cooling, water, budget, boundary.
    pub const ALL: [Violation; 7] = [
        Violation::Power,
        Violation::FirmPower,
        Violation::Cooling,
        Violation::FirmCooling,
        Violation::Water,
        Violation::Budget,
        Violation::Boundary,
    ];

    /// A few words for counts ("12 by the grid").
    pub fn short_label(self) -> &'static str {
        match self {
            Violation::Power => "the grid",
            Violation::FirmPower => "the firm grid",
            Violation::Cooling => "cooling",
            Violation::FirmCooling => "firm cooling",
            Violation::Water => "the water limit",
            Violation::Budget => "the capital budget",
            Violation::Boundary => "the boundary",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Violation::Power => "full-build power above grid + turbines",
            Violation::FirmPower => "AI power above the firm capacity",
            Violation::Cooling => "heat above the cooling capacity",
            Violation::FirmCooling => "AI heat above the firm cooling",
            Violation::Water => "water above the site's allowance",
            Violation::Budget => "capex above the capital budget",
            Violation::Boundary => "new parts do not fit inside the boundary",
        }
    }
}

/// Tolerance on MW comparisons (rounding in sums of many parts).
const EPS_MW: f64 = 1e-6;

/// The first physical constraint (power, cooling, water) a full build breaks, if any.
pub fn physical_violation(fb: &FullBuild, water_limit_m3_per_day: Option<f64>) -> Option<Violation> {
    if fb.facility_mw > fb.capacity_mw + EPS_MW {
        return Some(Violation::Power);
    }
    if fb.ai_facility_mw > fb.firm_power_mw + EPS_MW {
        return Some(Violation::FirmPower);
    }
    if fb.plant_heat_mw > fb.cooling_mw + EPS_MW {
        return Some(Violation::Cooling);
    }
    if fb.ai_heat_mw > fb.firm_cooling_mw + EPS_MW {
        return Some(Violation::FirmCooling);
    }
    if let Some(limit) = water_limit_m3_per_day
        && fb.water_m3_per_day > limit + 1e-6
    {
        return Some(Violation::Water);
    }
    None
}
