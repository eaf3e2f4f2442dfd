//! The monthly simulation of MODEL.md: online months, capacity, AI-first dispatch, energy, water, revenue,
//! opex, capex and cash flow, then the KPIs.

use super::assumptions::Assumptions;
use super::component::{BusinessModel, Component, ComponentKind};
use super::evaluation::{ComponentResult, Evaluation, MonthlySeries, PlantWater, Shortfall};
use super::fields::{self, NumField};
use super::finance;
use super::kpis;
use super::scenario::Scenario;
use super::warnings;

pub const HOURS_PER_MONTH: f64 = 730.0;
pub const DAYS_PER_MONTH: f64 = 365.0 / 12.0;
pub const GAL_PER_M3: f64 = 264.172;
/// Upper bound on the simulated months whatever a file says (40 years, the validated maximum).
const MAX_MONTHS: usize = 480;

/// How a load earns money, with the per-load figures the monthly loop needs.
enum Earning {
    Mining { ph_s: f64 },
    Colocation { kw: f64, lease: f64, escalator: f64 },
    GpuCloud { gpu_hours_per_month: f64, price: f64, monthly_decline: f64 },
}

struct Load {
    index: usize,
    it_mw: f64,
    overhead: f64,
    needs_plant: bool,
    uptime: f64,
    online: usize,
    /// First month without working hardware (the horizon when hardware is refreshed).
    end: usize,
    is_ai: bool,
    earning: Earning,
}

/// Month a component comes online: 0 if existing, else its lead time plus permitting when permits are not in
/// hand (a retrofit reuses the hall's permits).
pub fn online_month(c: &Component, a: &Assumptions) -> u32 {
    if c.existing {
        return 0;
    }
    let retrofit = matches!(&c.kind, ComponentKind::GpuPod(p) if p.retrofit);
    let permitting = if a.permits_in_hand || retrofit { 0 } else { a.permitting_months };
    c.lead_time_months.saturating_add(permitting)
}

fn life_months(years: f64) -> usize {
    let m = (years * 12.0).round();
    if m.is_finite() && m >= 1.0 { m.min(1.0e6) as usize } else { 1 }
}

/// Monthly capacity of the online supplies, with the capacity-weighted ratios of MODEL.md step 2.
struct Capacity {
    grid_mw: Vec<f64>,
    turbine_mw: Vec<f64>,
    turbine_cost: Vec<f64>,
    loss_ratio: Vec<f64>,
    cooling_mw: Vec<f64>,
    parasitic: Vec<f64>,
    water_ratio: Vec<f64>,
}

fn capacity(s: &Scenario, online: &[u32], n: usize) -> Capacity {
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

/// Hashprice per month: decline compounded monthly, halved from each halving's month on.
fn hashprice_series(a: &Assumptions, n: usize) -> Vec<f64> {
    let monthly = (1.0 - a.hashprice_decline).max(0.0).powf(1.0 / 12.0);
    let halving_months: Vec<i64> = a.halvings.iter().map(|h| h.months_since(a.start)).collect();
    let mut factor = 1.0;
    (0..n)
        .map(|m| {
            let halvings = halving_months.iter().filter(|&&h| h <= m as i64).count() as i32;
            let v = a.hashprice_usd_per_ph_day * factor * 0.5f64.powi(halvings);
            factor *= monthly;
            v
        })
        .collect()
}

/// Facility capex split into the mining-grade base and the AI premium, for one component.
pub fn facility_capex(c: &Component, a: &Assumptions) -> (f64, f64) {
    if c.existing {
        return (0.0, 0.0);
    }
    let base_per_mw = a.mining_facility_capex_usd_per_mw;
    match &c.kind {
        ComponentKind::AsicHall(h) => (h.it_mw() * base_per_mw, 0.0),
        ComponentKind::GpuPod(p) => {
            let base = p.it_mw() * base_per_mw;
            let premium = base * (a.ai_build_premium - 1.0).max(0.0);
            if p.retrofit { (0.0, premium) } else { (base, premium) }
        }
        _ => (0.0, 0.0),
    }
}

/// Capex of a new supply (substation, cooling plant, turbine), spent at month 0.
pub fn supply_capex(c: &Component) -> f64 {
    if c.existing {
        return 0.0;
    }
    match &c.kind {
        ComponentKind::Substation(s) => s.capacity_mva * s.capex_usd_per_mva,
        ComponentKind::CoolingPlant(p) => p.capacity_mw_th * p.capex_usd_per_mw_th,
        ComponentKind::GasTurbine(t) => t.capacity_mw * t.capex_usd_per_mw,
        _ => 0.0,
    }
}

/// Runs the monthly simulation of a scenario and computes its KPIs and warnings. Expects a validated
/// scenario; with any input it returns finite numbers and never panics: a value outside its valid range
/// (NaN included) is taken as the nearest valid value.
pub fn evaluate(s: &Scenario) -> Evaluation {
    let clamped;
    let s = if in_valid_ranges(s) {
        s
    } else {
        clamped = clamped_to_valid_ranges(s);
        &clamped
    };
    let a = &s.assumptions;
    let n = a.horizon_months().clamp(1, MAX_MONTHS);
    let online: Vec<u32> = s.components.iter().map(|c| online_month(c, a)).collect();
    let cap = capacity(s, &online, n);
    let hashprice = hashprice_series(a, n);

    let mut capex = vec![0.0; n];
    let mut totals = kpis::CapexTotals::default();
    let mut loads: Vec<Load> = Vec::new();
    for (i, c) in s.components.iter().enumerate() {
        let (base, premium) = facility_capex(c, a);
        totals.facility_base += base;
        totals.ai_premium += premium;
        let supply = supply_capex(c);
        match &c.kind {
            ComponentKind::Substation(_) => totals.substation += supply,
            ComponentKind::CoolingPlant(_) => totals.cooling += supply,
            ComponentKind::GasTurbine(_) => totals.generation += supply,
            _ => {}
        }
        capex[0] += base + premium + supply;

        let on = online[i] as usize;
        let (hardware_usd, life, earning, is_ai, overhead, needs_plant, uptime) = match &c.kind {
            ComponentKind::AsicHall(h) => (
                h.fleet_price_usd(),
                life_months(h.miner_life_years),
                Earning::Mining { ph_s: h.hashrate_ph_s() },
                false,
                h.overhead,
                h.cooling.needs_plant(),
                h.uptime,
            ),
            ComponentKind::GpuPod(p) => {
                let earning = match p.business {
                    BusinessModel::Colocation => Earning::Colocation {
                        kw: p.it_mw() * 1000.0,
                        lease: p.lease_usd_per_kw_month,
                        escalator: p.lease_escalator,
                    },
                    BusinessModel::GpuCloud => Earning::GpuCloud {
                        gpu_hours_per_month: p.gpus() * p.uptime * p.utilization * HOURS_PER_MONTH,
                        price: p.gpu_hour_price_usd,
                        monthly_decline: (1.0 - p.gpu_price_decline).max(0.0).powf(1.0 / 12.0),
                    },
                };
                (p.owned_hardware_usd(), life_months(p.life_years), earning, true, p.overhead, true, p.uptime)
            }
            _ => continue,
        };
        // Hardware is bought when the load comes online (existing hardware counts as new at month 0 and costs
        // nothing then) and again every life-time while refresh is on. A colocation pod carries no hardware of
        // ours (the tenant owns and replaces its GPUs), so its lease never wears out.
        let wears_out = !a.refresh_hardware && !matches!(earning, Earning::Colocation { .. });
        let end = if wears_out { on.saturating_add(life).min(n) } else { n };
        let mut t = if c.existing { on + life } else { on };
        while t < end {
            capex[t] += hardware_usd;
            totals.it_hardware += hardware_usd;
            if !a.refresh_hardware {
                break;
            }
            t += life;
        }
        loads.push(Load { index: i, it_mw: c.it_mw(), overhead, needs_plant, uptime, online: on, end, is_ai, earning });
    }
    // AI loads first in listed order, then mining: mining is the flexible load that is curtailed.
    loads.sort_by_key(|l| !l.is_ai);

    let non_hardware_capex = totals.non_hardware();
    let fixed_om_month = a.fixed_om * non_hardware_capex / 12.0;
    let full_power_month = online.iter().copied().max().unwrap_or(0);
    let record_month = (full_power_month as usize).min(n - 1);

    let mut series = MonthlySeries::default();
    let mut served_at_record = vec![None; s.components.len()];
    let mut shortfall_at_record = vec![None; s.components.len()];
    let mut running_factor: Vec<f64> = vec![1.0; loads.len()];
    // Per-load figures that change only when the set of online supplies does (power demand) or once a year
    // (rent escalation), kept between months so the inner loop does no division or power per load.
    let mut demand: Vec<f64> = vec![0.0; loads.len()];
    let mut escalation: Vec<f64> = vec![1.0; loads.len()];
    let mut total_water_by_month = Vec::with_capacity(n);

    for m in 0..n {
        let (g, t) = (cap.grid_mw[m], cap.turbine_mw[m]);
        let loss = cap.loss_ratio[m];
        let p = cap.parasitic[m];
        let w = cap.water_ratio[m];
        let mut power_left = g + t;
        let mut cooling_left = cap.cooling_mw[m];
        let (mut served_power, mut billed_energy, mut water) = (0.0, 0.0, 0.0);
        let (mut it_mining, mut it_ai, mut overhead_mw, mut cooling_mw) = (0.0, 0.0, 0.0, 0.0);
        let (mut rev_mining, mut rev_colo, mut rev_cloud) = (0.0, 0.0, 0.0);

        // `!=` is also true for NaN, so a ratio that is not a number is never carried over.
        if m == 0 || loss != cap.loss_ratio[m - 1] || p != cap.parasitic[m - 1] {
            for (d, load) in demand.iter_mut().zip(&loads) {
                let f = 1.0 + load.overhead + if load.needs_plant { p } else { 0.0 };
                *d = load.it_mw * f / (1.0 - loss);
            }
        }
        if m % 12 == 0 {
            let year_index = (m / 12) as i32;
            for (e, load) in escalation.iter_mut().zip(&loads) {
                if let Earning::Colocation { escalator, .. } = load.earning {
                    *e = (1.0 + escalator).powi(year_index);
                }
            }
        }

        for (k, load) in loads.iter().enumerate() {
            if let Earning::GpuCloud { monthly_decline, .. } = load.earning
                && m > 0
            {
                running_factor[k] *= monthly_decline;
            }
            if m < load.online || m >= load.end {
                if m == record_month {
                    served_at_record[load.index] = Some(0.0);
                    shortfall_at_record[load.index] = None;
                }
                continue;
            }
            let demand = demand[k];
            let heat = if load.needs_plant { load.it_mw } else { 0.0 };
            let mut served = 1.0;
            let mut limit = None;
            if demand > 0.0 && power_left < demand {
                served = (power_left / demand).max(0.0);
                limit = Some(Shortfall::Power);
            }
            if heat > 0.0 && cooling_left < heat * served {
                served = (cooling_left / heat).max(0.0);
                limit = Some(Shortfall::Cooling);
            }
            power_left -= served * demand;
            cooling_left -= served * heat;
            if m == record_month {
                served_at_record[load.index] = Some(served);
                shortfall_at_record[load.index] = limit;
            }
            if served <= 0.0 {
                continue;
            }
            let power = served * demand;
            let it = served * load.it_mw;
            served_power += power;
            overhead_mw += it * load.overhead;
            if load.needs_plant {
                cooling_mw += it * p;
                water += it * load.uptime * HOURS_PER_MONTH * w;
            }
            let energy = power * load.uptime * HOURS_PER_MONTH;
            match load.earning {
                Earning::Mining { ph_s } => {
                    it_mining += it;
                    billed_energy += energy;
                    rev_mining += ph_s * served * load.uptime * (1.0 - a.pool_fee) * hashprice[m] * DAYS_PER_MONTH;
                }
                Earning::Colocation { kw, lease, .. } => {
                    // Triple net: the tenant pays this energy, so it is neither our revenue nor our cost.
                    it_ai += it;
                    rev_colo += kw * served * lease * escalation[k];
                }
                Earning::GpuCloud { gpu_hours_per_month, price, .. } => {
                    it_ai += it;
                    billed_energy += energy;
                    rev_cloud += gpu_hours_per_month * served * price * running_factor[k];
                }
            }
        }

        let grid_share = if served_power > 0.0 { (g / served_power).min(1.0) } else { 1.0 };
        let energy_price = grid_share * a.power_price_usd_per_mwh + (1.0 - grid_share) * cap.turbine_cost[m];
        let energy_cost = billed_energy * energy_price;
        let water_cost = water * a.water_price_usd_per_m3;
        let revenue = rev_mining + rev_colo + rev_cloud;
        let opex = energy_cost + water_cost + fixed_om_month;
        let it_total = it_mining + it_ai;

        series.revenue.push(revenue);
        series.revenue_mining.push(rev_mining);
        series.revenue_colocation.push(rev_colo);
        series.revenue_gpu_cloud.push(rev_cloud);
        series.energy_cost.push(energy_cost);
        series.water_cost.push(water_cost);
        series.fixed_om.push(fixed_om_month);
        series.opex.push(opex);
        series.capex.push(capex[m]);
        series.cash_flow.push(revenue - opex - capex[m]);
        series.it_mining_mw.push(it_mining);
        series.it_ai_mw.push(it_ai);
        series.overhead_mw.push(overhead_mw);
        series.cooling_mw.push(cooling_mw);
        series.losses_mw.push((served_power - it_total - overhead_mw - cooling_mw).max(0.0));
        series.facility_mw.push(served_power);
        series.grid_capacity_mw.push(g);
        series.generation_capacity_mw.push(t);
        series.grid_draw_mw.push(served_power * grid_share);
        series.water_m3.push(water);
        total_water_by_month.push(water);
    }

    let r_m = finance::monthly_rate(a.discount_rate);
    let mut cumulative = 0.0;
    let mut discounted = 0.0;
    let mut factor = 1.0;
    for cf in &series.cash_flow {
        cumulative += cf;
        discounted += cf * factor;
        factor /= 1.0 + r_m;
        series.cumulative_cash_flow.push(cumulative);
        series.discounted_cumulative_cash_flow.push(discounted);
    }

    let plant_water = plant_water(s, &online, &cap.cooling_mw, &total_water_by_month);
    let components: Vec<ComponentResult> = s
        .components
        .iter()
        .enumerate()
        .map(|(i, c)| ComponentResult {
            id: c.id,
            online_month: online[i],
            served_fraction: served_at_record[i],
            shortfall: shortfall_at_record[i],
        })
        .collect();
    let kpis = kpis::compute(s, &series, &totals, full_power_month, r_m);
    let warnings = warnings::collect(s, &kpis, &components, &series.cash_flow);
    Evaluation { series, plant_water, kpis, components, warnings }
}

/// Each online plant's share of the month's water, by its share of the online cooling capacity.
fn plant_water(s: &Scenario, online: &[u32], cooling_mw: &[f64], water: &[f64]) -> Vec<PlantWater> {
    s.components
        .iter()
        .zip(online)
        .filter_map(|(c, &on)| match &c.kind {
            ComponentKind::CoolingPlant(p) => Some(PlantWater {
                id: c.id,
                m3: (0..water.len())
                    .map(|m| {
                        if m >= on as usize && cooling_mw[m] > 0.0 {
                            water[m] * p.capacity_mw_th / cooling_mw[m]
                        } else {
                            0.0
                        }
                    })
                    .collect(),
            }),
            _ => None,
        })
        .collect()
}

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
fn in_valid_ranges(s: &Scenario) -> bool {
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
fn clamped_to_valid_ranges(s: &Scenario) -> Scenario {
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
