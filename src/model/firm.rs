//! Firm capacity (MODEL.md "Firm capacity"): what the power and cooling pools still deliver at the
//! redundancy the AI load asks for. N counts every unit, N+1 all but the largest, 2N half of the pool.

use super::assumptions::Redundancy;
use super::component::{Component, ComponentId, ComponentKind};
use super::scenario::Scenario;

/// One unit of a pool: a substation's transformer, a turbine, or a cooling plant's cooler.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Unit {
    pub component: ComponentId,
    pub mw: f64,
    /// How many such units the component has (transformers or coolers; 1 for a turbine).
    pub of: u32,
}

/// A pool's firm capacity and, for N+1, the unit assumed to fail.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Firm {
    pub mw: f64,
    pub total_mw: f64,
    pub failed: Option<Unit>,
}

/// Firm capacity of a pool of units at `r`. Every unit of a component has the same size, so the largest
/// unit is found among components; ties keep the first listed.
pub fn firm(units: impl Iterator<Item = Unit>, r: Redundancy) -> Firm {
    let mut total = 0.0;
    let mut largest: Option<Unit> = None;
    for u in units {
        total += u.mw * u.of as f64;
        if u.of > 0 && largest.is_none_or(|l| u.mw > l.mw) {
            largest = Some(u);
        }
    }
    match r {
        Redundancy::N => Firm { mw: total, total_mw: total, failed: None },
        Redundancy::NPlus1 => Firm { mw: total - largest.map_or(0.0, |u| u.mw), total_mw: total, failed: largest },
        Redundancy::TwoN => Firm { mw: total / 2.0, total_mw: total, failed: None },
    }
}

/// The power pool of the full build: each substation's transformers (usable MW shared evenly) and each turbine.
pub fn power_units(s: &Scenario) -> impl Iterator<Item = Unit> + '_ {
    power_units_of(s.components.iter())
}

fn power_units_of<'a>(components: impl Iterator<Item = &'a Component> + 'a) -> impl Iterator<Item = Unit> + 'a {
    components.filter_map(|c| match &c.kind {
        ComponentKind::Substation(x) => {
            let of = x.transformers.max(1);
            Some(Unit { component: c.id, mw: x.usable_mw() / of as f64, of })
        }
        ComponentKind::GasTurbine(x) => Some(Unit { component: c.id, mw: x.capacity_mw, of: 1 }),
        _ => None,
    })
}

/// The cooling pool of the full build: each plant's units (MW_th shared evenly).
pub fn cooling_units(s: &Scenario) -> impl Iterator<Item = Unit> + '_ {
    cooling_units_of(s.components.iter())
}

fn cooling_units_of<'a>(components: impl Iterator<Item = &'a Component> + 'a) -> impl Iterator<Item = Unit> + 'a {
    components.filter_map(|c| match &c.kind {
        ComponentKind::CoolingPlant(x) => {
            let of = x.units.max(1);
            Some(Unit { component: c.id, mw: x.capacity_mw_th / of as f64, of })
        }
        _ => None,
    })
}

pub fn firm_power(s: &Scenario) -> Firm {
    firm(power_units(s), s.assumptions.ai_power_redundancy)
}

pub fn firm_cooling(s: &Scenario) -> Firm {
    firm(cooling_units(s), s.assumptions.ai_cooling_redundancy)
}

/// Firm power of the parts marked in `in_build` (the full build of a phased scenario).
pub fn firm_power_in(s: &Scenario, in_build: &[bool]) -> Firm {
    let parts = s.components.iter().zip(in_build).filter(|(_, b)| **b).map(|(c, _)| c);
    firm(power_units_of(parts), s.assumptions.ai_power_redundancy)
}

/// Firm cooling of the parts marked in `in_build`.
pub fn firm_cooling_in(s: &Scenario, in_build: &[bool]) -> Firm {
    let parts = s.components.iter().zip(in_build).filter(|(_, b)| **b).map(|(c, _)| c);
    firm(cooling_units_of(parts), s.assumptions.ai_cooling_redundancy)
}
