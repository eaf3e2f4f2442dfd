//! Phase 2: the monthly capacity of the online supplies, with the capacity-weighted ratios of MODEL.md step 2.

use super::super::component::ComponentKind;
use super::super::scenario::Scenario;
use super::super::schedule::PartTime;

pub struct Capacity {
    pub grid_mw: Vec<f64>,
    pub turbine_mw: Vec<f64>,
    /// Turbines' capacity-weighted energy price, $/MWh.
    pub turbine_cost: Vec<f64>,
    /// Substations' capacity-weighted loss ratio L(m).
    pub loss_ratio: Vec<f64>,
    pub cooling_mw: Vec<f64>,
    /// Plants' capacity-weighted parasitic ratio p(m).
    pub parasitic: Vec<f64>,
    /// Plants' capacity-weighted water ratio w(m), m3 per MWh_th.
    pub water_ratio: Vec<f64>,
}

impl Capacity {
    /// Facility power per MW of IT of a load in month `m`: (1 + overhead + p(m) if plant-cooled) / (1 - L(m)).
    pub fn power_per_it_mw(&self, m: usize, overhead: f64, needs_plant: bool) -> f64 {
        (1.0 + overhead + if needs_plant { self.parasitic[m] } else { 0.0 }) / (1.0 - self.loss_ratio[m])
    }

    /// The energy price of the switch-off rule: the grid price when the site has grid capacity that month, else
    /// the turbines' price, else the grid price.
    pub fn switch_off_price(&self, m: usize, power_price: f64) -> f64 {
        if self.grid_mw[m] <= 0.0 && self.turbine_mw[m] > 0.0 { self.turbine_cost[m] } else { power_price }
    }
}

pub fn monthly(s: &Scenario, parts: &[PartTime], n: usize) -> Capacity {
    // Deltas at each online month (and back out at retirement), then running sums: O(components + months).
    let mut d = vec![[0.0f64; 7]; n];
    for (c, part) in s.components.iter().zip(parts) {
        if !part.runs() {
            continue;
        }
        let delta = match &c.kind {
            ComponentKind::Substation(x) => {
                let mw = x.usable_mw();
                [mw, mw * x.loss_ratio, 0.0, 0.0, 0.0, 0.0, 0.0]
            }
            ComponentKind::GasTurbine(x) => {
                [0.0, 0.0, x.capacity_mw, x.capacity_mw * x.energy_cost_usd_per_mwh, 0.0, 0.0, 0.0]
            }
            ComponentKind::CoolingPlant(x) => [
                0.0,
                0.0,
                0.0,
                0.0,
                x.capacity_mw_th,
                x.capacity_mw_th * x.parasitic_ratio,
                x.capacity_mw_th * x.water_l_per_kwh,
            ],
            _ => continue,
        };
        if let Some(slot) = d.get_mut(part.online as usize) {
            slot.iter_mut().zip(&delta).for_each(|(v, x)| *v += x);
        }
        if let Some(slot) = part.retire.and_then(|r| d.get_mut(r as usize)) {
            slot.iter_mut().zip(&delta).for_each(|(v, x)| *v -= x);
        }
    }
    let mut cap = Capacity {
        grid_mw: Vec::with_capacity(n),
        turbine_mw: Vec::with_capacity(n),
        turbine_cost: Vec::with_capacity(n),
        loss_ratio: Vec::with_capacity(n),
        cooling_mw: Vec::with_capacity(n),
        parasitic: Vec::with_capacity(n),
        water_ratio: Vec::with_capacity(n),
    };
    let mut acc = [0.0f64; 7];
    for delta in &d {
        for (a, x) in acc.iter_mut().zip(delta) {
            *a += x;
            // A retirement takes back exactly what came online; clear the rounding it leaves.
            if a.abs() < 1e-9 {
                *a = 0.0;
            }
        }
        let ratio = |num: f64, den: f64| if den > 0.0 { num / den } else { 0.0 };
        cap.grid_mw.push(acc[0]);
        cap.loss_ratio.push(ratio(acc[1], acc[0]).clamp(0.0, 0.99));
        cap.turbine_mw.push(acc[2]);
        cap.turbine_cost.push(ratio(acc[3], acc[2]));
        cap.cooling_mw.push(acc[4]);
        cap.parasitic.push(ratio(acc[5], acc[4]));
        cap.water_ratio.push(ratio(acc[6], acc[4]));
    }
    cap
}
