//! Phase 4: month by month, which loads run and how much of each is served, and what that earns and costs
//! (MODEL.md steps 3-8 and "Flexible mining"). AI loads are served first in listed order, then mining loads
//! most profitable first; a mining load that would lose money is switched off before dispatch.

use super::super::assumptions::Assumptions;
use super::super::evaluation::{MonthlySeries, Shortfall};
use super::capacity::Capacity;
use super::fleets::{Earning, Load};
use super::{DAYS_PER_MONTH, HOURS_PER_MONTH, Prices};

/// What one load did over the horizon, and in the record month.
#[derive(Debug, Clone, Default)]
pub struct LoadOutcome {
    pub months_switched_off: u32,
    pub revenue: f64,
    pub energy_cost: f64,
    pub water_cost: f64,
    /// In the record month: served fraction and what limited it, or `None` when it did not run.
    pub served_at_record: Option<f64>,
    pub shortfall_at_record: Option<Shortfall>,
    pub switched_off_at_record: bool,
    /// The first run of at least `WAITING_MONTHS` months in which the load was online, not retired and not
    /// switched off, yet got no power or cooling: (first month, months).
    pub first_wait: Option<(usize, usize)>,
    /// Runs of months a mining load was switched off for economics: (first month, months).
    pub off_runs: Vec<(usize, usize)>,
}

/// Idle months in a row that make a load "waiting for power" (MODEL.md third layer).
pub const WAITING_MONTHS: usize = 6;

/// Per-load state carried from month to month.
struct Running {
    /// Facility power at full service, MW (changes when the online supplies' ratios change).
    demand: f64,
    /// Index into the load's mining fleets of the fleet running now.
    fleet: usize,
    /// Colocation lease escalation factor of the current lease year.
    escalation: f64,
    /// GPU-hour price factor (1 - decline)^(m/12) of this month.
    price_factor: f64,
    served: f64,
    off: bool,
}

pub struct Dispatch {
    pub series: MonthlySeries,
    pub outcomes: Vec<LoadOutcome>,
}

pub fn run(a: &Assumptions, cap: &Capacity, prices: &Prices, loads: &[Load], n: usize, record: usize) -> Dispatch {
    let mut series = MonthlySeries::default();
    let mut outcomes = vec![LoadOutcome::default(); loads.len()];
    let mut state: Vec<Running> = loads
        .iter()
        .map(|_| Running { demand: 0.0, fleet: 0, escalation: 1.0, price_factor: 1.0, served: 0.0, off: false })
        .collect();
    // AI loads in listed order; mining loads follow in merit order, re-sorted only when a key can change.
    let ai: Vec<usize> = (0..loads.len()).filter(|&k| loads[k].is_ai).collect();
    let mut mining: Vec<usize> = (0..loads.len()).filter(|&k| !loads[k].is_ai).collect();
    let curtail = a.curtailment_share;
    let mut wait_start: Vec<Option<usize>> = vec![None; loads.len()];
    let mut off_start: Vec<Option<usize>> = vec![None; loads.len()];

    for m in 0..n {
        let (g, t) = (cap.grid_mw[m], cap.turbine_mw[m]);
        let (p, w) = (cap.parasitic[m], cap.water_ratio[m]);
        let ratios_changed = m == 0 || cap.loss_ratio[m] != cap.loss_ratio[m - 1] || p != cap.parasitic[m - 1];
        let mut fleets_changed = false;
        for (load, st) in loads.iter().zip(state.iter_mut()) {
            if ratios_changed {
                st.demand = load.it_mw * cap.power_per_it_mw(m, load.overhead, load.needs_plant);
            }
            while st.fleet + 1 < load.fleets.len() && load.fleets[st.fleet + 1].0 <= m {
                st.fleet += 1;
                fleets_changed = true;
            }
            match load.earning {
                Earning::Colocation { escalator, .. } if m >= load.online && (m - load.online) % 12 == 0 => {
                    // A lease escalates from its start: year k of the lease pays (1 + escalator)^k.
                    st.escalation = (1.0 + escalator).powi(((m - load.online) / 12) as i32);
                }
                Earning::GpuCloud { monthly_decline, .. } if m > 0 => st.price_factor *= monthly_decline,
                _ => {}
            }
        }
        if m == 0 || ratios_changed || fleets_changed {
            // Revenue per MWh of facility energy is PH/s / demand times what every mining load shares this month.
            mining
                .sort_by(|&i, &j| merit(&loads[j], &state[j]).total_cmp(&merit(&loads[i], &state[i])).then(i.cmp(&j)));
        }

        // Dispatch: the served fraction of every load, AI first.
        let switch_price = cap.switch_off_price(m, a.power_price_usd_per_mwh);
        let mut power_left = g + t;
        let mut cooling_left = cap.cooling_mw[m];
        let mut served_power = 0.0;
        for &k in ai.iter().chain(&mining) {
            let (load, st) = (&loads[k], &mut state[k]);
            st.served = 0.0;
            st.off = false;
            let has_hardware = m >= load.online && m < load.end;
            let mut limit = None;
            if has_hardware {
                if let Earning::Mining { .. } = load.earning {
                    // Miners switch off when they lose money: full-service revenue against energy and water.
                    let ph_s = load.fleets[st.fleet].1;
                    let revenue = ph_s * (1.0 - a.pool_fee) * prices.hashprice[m] * DAYS_PER_MONTH;
                    let mut cost = st.demand * HOURS_PER_MONTH * switch_price;
                    if load.needs_plant {
                        cost += load.it_mw * HOURS_PER_MONTH * w * a.water_price_usd_per_m3;
                    }
                    st.off = revenue < cost;
                }
                if !st.off {
                    let heat = if load.needs_plant { load.it_mw } else { 0.0 };
                    let mut served = 1.0;
                    if st.demand > 0.0 && power_left < st.demand {
                        served = (power_left / st.demand).max(0.0);
                        limit = Some(Shortfall::Power);
                    }
                    if heat > 0.0 && cooling_left < heat * served {
                        served = (cooling_left / heat).max(0.0);
                        limit = Some(Shortfall::Cooling);
                    }
                    power_left -= served * st.demand;
                    cooling_left -= served * heat;
                    served_power += served * st.demand;
                    st.served = served;
                }
            }
            if st.off {
                outcomes[k].months_switched_off += 1;
                off_start[k].get_or_insert(m);
            } else if let Some(first) = off_start[k].take() {
                outcomes[k].off_runs.push((first, m - first));
            }
            if has_hardware && !st.off && st.served <= 0.0 && load.it_mw > 0.0 {
                wait_start[k].get_or_insert(m);
            } else {
                close_wait(k, &mut wait_start[k], m, &mut outcomes);
            }
            if m == record {
                let o = &mut outcomes[k];
                o.served_at_record = Some(st.served);
                o.shortfall_at_record = limit;
                o.switched_off_at_record = st.off;
            }
        }

        // Money: the grid serves first; the rest of the energy is paid at the turbines' price.
        let grid_share = if served_power > 0.0 { (g / served_power).min(1.0) } else { 1.0 };
        let energy_price = grid_share * a.power_price_usd_per_mwh + (1.0 - grid_share) * cap.turbine_cost[m];
        let mut month = Month::default();
        for (k, load) in loads.iter().enumerate() {
            let st = &state[k];
            if st.off {
                month.it_mining_off += load.it_mw;
            }
            let running = m >= load.online && m < load.end && !st.off;
            if running {
                month.it_unserved += load.it_mw * (1.0 - st.served);
            }
            if st.served <= 0.0 {
                continue;
            }
            let power = st.served * st.demand;
            let it = st.served * load.it_mw;
            month.served_power += power;
            month.overhead += it * load.overhead;
            if load.needs_plant {
                month.cooling += it * p;
            }
            // Curtailment is hours, not capacity: it scales a mining load's energy, water and revenue only.
            let hours = if load.is_mining() { 1.0 - curtail } else { 1.0 };
            let energy = power * load.uptime * HOURS_PER_MONTH;
            let water = if load.needs_plant { it * load.uptime * HOURS_PER_MONTH * w * hours } else { 0.0 };
            month.water += water;
            let water_cost = water * a.water_price_usd_per_m3;
            let (revenue, energy_cost) = match load.earning {
                Earning::Mining { .. } => {
                    month.it_mining += it;
                    let ph_s = load.fleets[st.fleet].1;
                    let mined = ph_s * st.served * hours * load.uptime * (1.0 - a.pool_fee) * prices.hashprice[m];
                    let credit = energy * curtail * a.curtailment_value_usd_per_mwh;
                    month.rev_mining += mined * DAYS_PER_MONTH;
                    month.rev_curtailment += credit;
                    if !a.mining_avoids_peaks {
                        month.peak_power += power;
                    }
                    (mined * DAYS_PER_MONTH + credit, energy * hours * energy_price)
                }
                Earning::Colocation { kw, lease, .. } => {
                    // Triple net: the tenant pays this energy, so it is neither our revenue nor our cost.
                    month.it_ai += it;
                    let rent = kw * st.served * lease * st.escalation;
                    month.rev_colo += rent;
                    (rent, 0.0)
                }
                Earning::GpuCloud { gpu_hours_per_month, price, .. } => {
                    month.it_ai += it;
                    let rent = gpu_hours_per_month * st.served * price * st.price_factor * prices.gpu_factor(m);
                    month.rev_cloud += rent;
                    month.peak_power += power;
                    (rent, energy * energy_price)
                }
            };
            month.energy_cost += energy_cost;
            month.water_cost += water_cost;
            let o = &mut outcomes[k];
            o.revenue += revenue;
            o.energy_cost += energy_cost;
            o.water_cost += water_cost;
        }
        // Peak transmission charge: $/kW-year / 12 on the grid-drawn kW of loads that cannot avoid the peaks.
        let transmission = a.transmission_charge_usd_per_kw_year / 12.0 * month.peak_power * grid_share * 1000.0;
        month.push(&mut series, g, t, grid_share, transmission);
    }
    for (k, start) in wait_start.iter_mut().enumerate() {
        close_wait(k, start, n, &mut outcomes);
    }
    for (k, start) in off_start.iter().enumerate() {
        if let Some(first) = start {
            outcomes[k].off_runs.push((*first, n - first));
        }
    }
    Dispatch { series, outcomes }
}

/// Ends load `k`'s idle run (if any) before month `m`, keeping it when it is the first long enough.
fn close_wait(k: usize, start: &mut Option<usize>, m: usize, outcomes: &mut [LoadOutcome]) {
    if let Some(first) = start.take()
        && m - first >= WAITING_MONTHS
        && outcomes[k].first_wait.is_none()
    {
        outcomes[k].first_wait = Some((first, m - first));
    }
}

/// Merit key of a mining load: PH/s per MW of facility power of the fleet running now (higher runs first).
fn merit(load: &Load, st: &Running) -> f64 {
    let ph_s = load.fleets.get(st.fleet).map_or(0.0, |f| f.1);
    if st.demand > 0.0 { ph_s / st.demand } else { f64::INFINITY }
}

/// One month's sums over the loads.
#[derive(Default)]
struct Month {
    served_power: f64,
    overhead: f64,
    cooling: f64,
    water: f64,
    it_mining: f64,
    it_ai: f64,
    it_mining_off: f64,
    it_unserved: f64,
    rev_mining: f64,
    rev_colo: f64,
    rev_cloud: f64,
    rev_curtailment: f64,
    energy_cost: f64,
    water_cost: f64,
    /// Facility MW of loads that pay the peak transmission charge.
    peak_power: f64,
}

impl Month {
    fn push(&self, series: &mut MonthlySeries, g: f64, t: f64, grid_share: f64, transmission: f64) {
        let revenue = self.rev_mining + self.rev_colo + self.rev_cloud + self.rev_curtailment;
        let it_total = self.it_mining + self.it_ai;
        series.revenue.push(revenue);
        series.revenue_mining.push(self.rev_mining);
        series.revenue_colocation.push(self.rev_colo);
        series.revenue_gpu_cloud.push(self.rev_cloud);
        series.revenue_curtailment.push(self.rev_curtailment);
        series.energy_cost.push(self.energy_cost);
        series.water_cost.push(self.water_cost);
        series.transmission_charge.push(transmission);
        series.it_mining_mw.push(self.it_mining);
        series.it_ai_mw.push(self.it_ai);
        series.it_mining_off_mw.push(self.it_mining_off);
        series.it_unserved_mw.push(self.it_unserved);
        series.overhead_mw.push(self.overhead);
        series.cooling_mw.push(self.cooling);
        series.losses_mw.push((self.served_power - it_total - self.overhead - self.cooling).max(0.0));
        series.facility_mw.push(self.served_power);
        series.grid_capacity_mw.push(g);
        series.generation_capacity_mw.push(t);
        series.grid_draw_mw.push(self.served_power * grid_share);
        series.water_m3.push(self.water);
    }
}
