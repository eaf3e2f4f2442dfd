//! Full-build figures the constraints read, computed straight from a scenario (no monthly simulation), so the
//! search can bound the number of new pods cheaply: facility power against grid + turbines, AI power against
//! the firm capacity at the asked redundancy (`model::firm`), plant-cooled heat against the plants,
//! and water against the site's allowance. Same formulas as the KPIs (capacity-weighted p, w and L over all
//! plants and substations).

use crate::model::component::{Component, ComponentKind};
use crate::model::firm;
use crate::model::scenario::Scenario;

/// The full-build demand and supply of a scenario.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct FullBuild {
    pub facility_mw: f64,
    pub ai_facility_mw: f64,
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

pub fn full_build(s: &Scenario) -> FullBuild {
    let (mut grid, mut grid_loss, mut turbines, mut cooling, mut parasitic, mut water) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
    for c in &s.components {
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
        firm_power_mw: firm::firm_power(s).mw,
        cooling_mw: cooling,
        firm_cooling_mw: firm::firm_cooling(s).mw,
        ..FullBuild::default()
    };
    for c in &s.components {
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
    pub fn label(self) -> &'static str {
        match self {
            Violation::Power => "full-build power above grid + turbines",
            Violation::FirmPower => "AI power above the firm capacity",
            Violation::Cooling => "heat above the cooling capacity",
            Violation::FirmCooling => "AI heat above the firm cooling",
            Violation::Water => "water above the site's allowance",
            Violation::Budget => "initial capex above the budget",
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
