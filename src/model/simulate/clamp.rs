//! Inputs outside their valid ranges (an unvalidated file, NaN) are moved to the nearest valid value, so the
//! simulation never sees them.

use super::super::component::ComponentKind;
use super::super::fields::{self, NumField};
use super::super::scenario::Scenario;

fn table_in_range<T>(item: &T, table: &[NumField<T>]) -> bool {
    table.iter().all(|f| f.in_range((f.get)(item)))
}

fn clamp_table<T>(item: &mut T, table: &[NumField<T>]) {
    for f in table {
        let v = (f.get)(item);
        if !f.in_range(v) {
            let v = if v.is_nan() { f.min } else { v.clamp(f.min, f.max) };
            (f.set)(item, if f.integer { v.round() } else { v });
        }
    }
}

/// True when every numeric field lies in the range `validate` accepts (the usual case, checked without a copy).
pub(super) fn in_valid_ranges(s: &Scenario) -> bool {
    table_in_range(&s.assumptions, fields::ASSUMPTION_FIELDS)
        && s.components.iter().all(|c| {
            table_in_range(c, fields::COMPONENT_FIELDS)
                && match &c.kind {
                    ComponentKind::AsicHall(h) => table_in_range(h, fields::ASIC_HALL_FIELDS),
                    ComponentKind::GpuPod(p) => table_in_range(p, fields::GPU_POD_FIELDS),
                    ComponentKind::Substation(x) => table_in_range(x, fields::SUBSTATION_FIELDS),
                    ComponentKind::CoolingPlant(x) => table_in_range(x, fields::COOLING_PLANT_FIELDS),
                    ComponentKind::GasTurbine(x) => table_in_range(x, fields::GAS_TURBINE_FIELDS),
                }
        })
}

/// A copy of an unvalidated scenario with every out-of-range value moved to the nearest valid one.
pub(super) fn clamped_to_valid_ranges(s: &Scenario) -> Scenario {
    let mut s = s.clone();
    clamp_table(&mut s.assumptions, fields::ASSUMPTION_FIELDS);
    for c in &mut s.components {
        clamp_table(c, fields::COMPONENT_FIELDS);
        match &mut c.kind {
            ComponentKind::AsicHall(h) => clamp_table(h, fields::ASIC_HALL_FIELDS),
            ComponentKind::GpuPod(p) => clamp_table(p, fields::GPU_POD_FIELDS),
            ComponentKind::Substation(x) => clamp_table(x, fields::SUBSTATION_FIELDS),
            ComponentKind::CoolingPlant(x) => clamp_table(x, fields::COOLING_PLANT_FIELDS),
            ComponentKind::GasTurbine(x) => clamp_table(x, fields::GAS_TURBINE_FIELDS),
        }
    }
    s
}
