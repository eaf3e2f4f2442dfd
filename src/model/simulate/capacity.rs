//! Phase 2: the monthly capacity of the online supplies, with the capacity-weighted ratios of MODEL.md step 2.

use super::super::component::ComponentKind;
use super::super::scenario::Scenario;

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

pub fn monthly(s: &Scenario, online: &[u32], n: usize) -> Capacity {
    // Deltas at each online month, then running sums: O(components + months).
    let mut d = vec![[0.0f64; 7]; n];
    for (c, &on) in s.components.iter().zip(online) {
        let Some(slot) = d.get_mut(on as usize) else { continue };
        match &c.kind {
            ComponentKind::Substation(x) => {
                let mw = x.usable_mw();
                slot[0] += mw;
                slot[1] += mw * x.loss_ratio;
            }
            ComponentKind::GasTurbine(x) => {
                slot[2] += x.capacity_mw;
                slot[3] += x.capacity_mw * x.energy_cost_usd_per_mwh;
            }
            ComponentKind::CoolingPlant(x) => {
                slot[4] += x.capacity_mw_th;
                slot[5] += x.capacity_mw_th * x.parasitic_ratio;
                slot[6] += x.capacity_mw_th * x.water_l_per_kwh;
            }
            _ => {}
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
