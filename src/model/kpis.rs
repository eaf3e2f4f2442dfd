//! Full-build figures and finance KPIs from the monthly series (MODEL.md "Results").

use super::component::ComponentKind;
use super::evaluation::{CapexClass, Kpis, MonthlySeries};
use super::finance;
use super::firm;
use super::interconnection::APPROVED_POWER_FACTOR;
use super::scenario::Scenario;
use super::schedule::Schedule;
use super::simulate::GAL_PER_M3;

/// Capex summed over the horizon, by category.
#[derive(Debug, Clone, Default)]
pub struct CapexTotals {
    pub facility_base: f64,
    pub ai_premium: f64,
    pub it_hardware: f64,
    pub substation: f64,
    pub cooling: f64,
    pub generation: f64,
}

impl CapexTotals {
    pub fn add(&mut self, class: CapexClass, usd: f64) {
        match class {
            CapexClass::ItHardware => self.it_hardware += usd,
            CapexClass::FacilityBase => self.facility_base += usd,
            CapexClass::AiPremium | CapexClass::RetrofitFitOut => self.ai_premium += usd,
            CapexClass::Substation => self.substation += usd,
            CapexClass::Cooling => self.cooling += usd,
            CapexClass::Generation => self.generation += usd,
        }
    }

    pub fn non_hardware(&self) -> f64 {
        self.facility_base + self.ai_premium + self.substation + self.cooling + self.generation
    }

    pub fn total(&self) -> f64 {
        self.non_hardware() + self.it_hardware
    }
}

/// `irr`: solve for the project IRR (else `None`).
pub fn compute(
    s: &Scenario,
    series: &MonthlySeries,
    capex: &CapexTotals,
    schedule: &Schedule,
    r_m: f64,
    irr: bool,
) -> Kpis {
    let a = &s.assumptions;
    let full_power_month = schedule.full_power_month;
    // Every full-build figure counts the parts online at the full-power month and not retired by it.
    let in_build = schedule.in_full_build();
    let full_build = || s.components.iter().zip(&in_build).filter(|(_, b)| **b).map(|(c, _)| c);
    let (mut grid, mut grid_loss, mut turbines, mut cooling, mut cooling_parasitic, mut cooling_water) =
        (0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
    for c in full_build() {
        match &c.kind {
            ComponentKind::Substation(x) => {
                grid += x.usable_mw();
                grid_loss += x.usable_mw() * x.loss_ratio;
            }
            ComponentKind::GasTurbine(x) => turbines += x.capacity_mw,
            ComponentKind::CoolingPlant(x) => {
                cooling += x.capacity_mw_th;
                cooling_parasitic += x.capacity_mw_th * x.parasitic_ratio;
                cooling_water += x.capacity_mw_th * x.water_l_per_kwh;
            }
            _ => {}
        }
    }
    let ratio = |num: f64, den: f64| if den > 0.0 { num / den } else { 0.0 };
    let loss = ratio(grid_loss, grid).clamp(0.0, 0.99);
    let p = ratio(cooling_parasitic, cooling);
    let w = ratio(cooling_water, cooling);

    let (mut it_mining, mut it_ai, mut facility, mut plant_it, mut water_day, mut hashrate, mut gpus) =
        (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
    let mut ai_facility = 0.0;
    for c in full_build() {
        let (overhead, needs_plant, uptime) = match &c.kind {
            ComponentKind::AsicHall(h) => {
                it_mining += h.it_mw();
                hashrate += h.hashrate_ph_s();
                (h.overhead, h.cooling.needs_plant(), h.uptime)
            }
            ComponentKind::GpuPod(g) => {
                it_ai += g.it_mw();
                gpus += g.gpus();
                (g.overhead, true, g.uptime)
            }
            _ => continue,
        };
        let it = c.it_mw();
        let power = it * (1.0 + overhead + if needs_plant { p } else { 0.0 }) / (1.0 - loss);
        facility += power;
        if matches!(c.kind, ComponentKind::GpuPod(_)) {
            ai_facility += power;
        }
        if needs_plant {
            plant_it += it;
            water_day += it * uptime * 24.0 * w;
        }
    }
    let it_load = it_mining + it_ai;
    let water_gal = water_day * GAL_PER_M3;

    let n = series.len();
    let start = full_power_month as usize;
    let year = |v: &[f64]| if start + 12 <= n { Some(v[start..start + 12].iter().sum::<f64>()) } else { None };
    let annual_revenue = year(&series.revenue);
    let annual_opex = year(&series.opex);

    let discounted: Vec<f64> = {
        let mut factor = 1.0;
        series
            .cash_flow
            .iter()
            .map(|cf| {
                let v = cf * factor;
                factor /= 1.0 + r_m;
                v
            })
            .collect()
    };

    let irr = if irr { finance::irr_annual(&series.cash_flow) } else { None };
    let npv: f64 = discounted.iter().sum();
    let approved = schedule.grid.interconnection_mva;
    Kpis {
        capex_total_usd: capex.total(),
        capex_facility_base_usd: capex.facility_base,
        capex_ai_premium_usd: capex.ai_premium,
        capex_it_hardware_usd: capex.it_hardware,
        capex_substation_usd: capex.substation,
        capex_cooling_usd: capex.cooling,
        capex_generation_usd: capex.generation,
        it_load_mw: it_load,
        it_load_mining_mw: it_mining,
        it_load_ai_mw: it_ai,
        facility_power_mw: facility,
        pue: if it_load > 0.0 { Some(facility / it_load) } else { None },
        grid_capacity_mw: grid,
        generation_capacity_mw: turbines,
        grid_headroom_mw: grid + turbines - facility,
        cooling_capacity_mw: cooling,
        cooling_headroom_mw: cooling - plant_it,
        water_m3_per_day: water_day,
        water_gal_per_day: water_gal,
        households_power: facility * 8_760_000.0 / a.household_power_kwh_per_year.max(1.0),
        households_water: water_gal / a.household_water_gal_per_day.max(1.0),
        hashrate_ph_s: hashrate,
        gpus,
        annual_revenue_usd: annual_revenue,
        annual_opex_usd: annual_opex,
        annual_ebitda_usd: annual_revenue.zip(annual_opex).map(|(r, o)| r - o),
        npv_usd: npv,
        irr,
        irr_ambiguous: irr.is_some() && finance::irr_can_mislead(&series.cash_flow),
        payback_months: finance::payback_months(&series.cash_flow),
        discounted_payback_months: finance::payback_months(&discounted),
        first_revenue_month: series.revenue.iter().position(|&r| r > 0.0).map(|m| m as u32),
        full_power_month,
        firm_grid_headroom_mw: firm::firm_power_in(s, &in_build).mw - ai_facility,
        // Every GPU pod is plant-cooled: its heat is its IT power.
        firm_cooling_headroom_mw: firm::firm_cooling_in(s, &in_build).mw - it_ai,
        revenue_curtailment_usd: series.revenue_curtailment.iter().sum(),
        transmission_charge_usd: series.transmission_charge.iter().sum(),
        full_power_set_by: schedule.full_power_set_by,
        interconnection_mva: approved,
        mva_beyond_approval: schedule.grid.mva_beyond(),
        npv_per_approved_mw: (approved > 0.0).then(|| npv / (approved * APPROVED_POWER_FACTOR)),
        npv_expected_usd: None,
        npv_if_refused_usd: None,
        grid_refused: schedule.refused_at.is_some(),
    }
}
