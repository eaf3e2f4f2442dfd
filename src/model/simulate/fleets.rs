//! Phase 3: the loads and their fleets. A new load's first fleet is bought when it comes online (an existing
//! load's counts as new at month 0 and costs nothing then); at each life boundary the fleet is bought again only
//! if it pays for itself (MODEL.md "A refresh must pay for itself"), and a refreshed mining fleet is more
//! efficient (`miner_efficiency_gain`). Otherwise, or when refresh is off, the load stops for good.

use super::super::assumptions::Assumptions;
use super::super::component::{BusinessModel, Component, ComponentId, ComponentKind};
use super::super::evaluation::{CapexClass, CapexItem};
use super::super::schedule::PartTime;
use super::capacity::Capacity;
use super::{DAYS_PER_MONTH, HOURS_PER_MONTH, Prices};

/// How a load earns money.
pub enum Earning {
    /// `ph_s` of the fleet the planner specified (refreshed fleets are in `Load::fleets`).
    Mining {
        ph_s: f64,
    },
    Colocation {
        kw: f64,
        lease: f64,
        escalator: f64,
    },
    /// GPU-hours sold per month at full service, and the price at month 0 before its decline.
    GpuCloud {
        gpu_hours_per_month: f64,
        price: f64,
        monthly_decline: f64,
    },
}

pub struct Load {
    /// Index of the component in the scenario.
    pub index: usize,
    pub it_mw: f64,
    pub overhead: f64,
    pub needs_plant: bool,
    pub uptime: f64,
    pub online: usize,
    /// First month without working hardware: the month it stops, or the horizon.
    pub end: usize,
    /// The month its fleet stopped for good (within the horizon).
    pub stopped: Option<usize>,
    /// True when the stop is the refresh test's verdict (false: refresh is off).
    pub refresh_declined: bool,
    pub is_ai: bool,
    pub earning: Earning,
    /// Mining fleets in purchase order: (first month, PH/s). Empty for other loads.
    pub fleets: Vec<(usize, f64)>,
}

impl Load {
    pub fn is_mining(&self) -> bool {
        matches!(self.earning, Earning::Mining { .. })
    }
}

/// Whole months from years, rounding half away from zero (MODEL.md step 1); at least one month.
pub fn life_months(years: f64) -> usize {
    let m = (years * 12.0).round();
    if m.is_finite() && m >= 1.0 { m.min(1.0e6) as usize } else { 1 }
}

/// Everything the refresh test needs that is the same for every load.
pub struct Context<'a> {
    pub a: &'a Assumptions,
    pub cap: &'a Capacity,
    pub prices: &'a Prices,
    pub n: usize,
    /// Monthly discount factor 1 / (1 + r_m).
    pub step: f64,
}

/// Builds the load of component `index` with its fleet plan; hardware purchases go to `items`. A load runs
/// from its online month until its retirement; one that never runs (cancelled, or retired at or before it
/// comes online) buys nothing.
pub fn load(c: &Component, index: usize, part: &PartTime, ctx: &Context, items: &mut Vec<CapexItem>) -> Option<Load> {
    let a = ctx.a;
    let on = if part.runs() { part.online as usize } else { ctx.n };
    let retire = part.retire.map_or(ctx.n, |r| (r as usize).min(ctx.n));
    let mut price_of_system = 0.0;
    let mut system_decline = 0.0;
    let (price, life, earning, is_ai, overhead, needs_plant, uptime) = match &c.kind {
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
            price_of_system = p.owned_hardware_usd();
            system_decline = p.gpu_price_decline.clamp(0.0, 1.0);
            (price_of_system, life_months(p.life_years), earning, true, p.overhead, true, p.uptime)
        }
        _ => return None,
    };
    let mining_ph_s = match earning {
        Earning::Mining { ph_s } => ph_s,
        _ => 0.0,
    };
    let mut load = Load {
        index,
        it_mw: c.it_mw(),
        overhead,
        needs_plant,
        uptime,
        online: on,
        end: retire.max(on).min(ctx.n),
        stopped: None,
        refresh_declined: false,
        is_ai,
        earning,
        fleets: Vec::new(),
    };
    // A colocation pod carries no hardware of ours (the tenant owns and replaces its GPUs): its lease runs on.
    if matches!(load.earning, Earning::Colocation { .. }) || on >= ctx.n {
        return Some(load);
    }
    // Vintage: hardware bought in month t is of its time. A GPU system costs its price x (1 - the pod's
    // decline)^(t/12); a mining fleet has the same count, kW and price, TH/s x (1 - gain)^(-t/12).
    let price_at = |t: usize| {
        if price_of_system > 0.0 { price_of_system * (1.0 - system_decline).powf(t as f64 / 12.0) } else { price }
    };
    let ph_s_at = |t: usize| mining_ph_s * (1.0 - a.miner_efficiency_gain).max(1e-9).powf(-(t as f64) / 12.0);
    let buy = |items: &mut Vec<CapexItem>, month: usize, usd: f64| {
        if usd > 0.0 {
            items.push(hardware(c.id, month, usd));
        }
    };
    match &c.kind {
        // An existing hall's fleet is sunk as installed; a different or larger fleet is bought in month 0.
        ComponentKind::AsicHall(h) if c.existing => buy(items, on, h.fleet_change_usd()),
        _ if c.existing => {}
        _ => buy(items, on, price_at(on)),
    }
    let first_ph_s = ph_s_at(on);
    if load.is_mining() {
        load.fleets.push((on, first_ph_s));
    }
    let mut t = on + life;
    while t < ctx.n {
        // A refresh at or after retirement is not bought, and is not a failed refresh.
        if t >= retire {
            break;
        }
        if !a.refresh_hardware {
            load.stopped = Some(t);
            break;
        }
        let ph_s = ph_s_at(t);
        let price = price_at(t);
        if refresh_value(&load, ph_s, t, life.min(retire - t), ctx) < price {
            load.stopped = Some(t);
            load.refresh_declined = true;
            break;
        }
        buy(items, t, price);
        if load.is_mining() {
            load.fleets.push((t, ph_s));
        }
        t += life;
    }
    if let Some(stop) = load.stopped {
        load.end = load.end.min(stop);
    }
    Some(load)
}

fn hardware(component: ComponentId, month: usize, usd: f64) -> CapexItem {
    let month = month as u32;
    CapexItem { component, month, in_service_month: month, usd, class: CapexClass::ItHardware }
}

/// Present value at the refresh month `t` of the fleet's monthly operating margins over its next life (or to
/// the horizon), each month max(0, revenue - energy - water) for this load alone at full service.
fn refresh_value(load: &Load, ph_s: f64, t: usize, life: usize, ctx: &Context) -> f64 {
    let (a, cap, prices) = (ctx.a, ctx.cap, ctx.prices);
    let end = (t + life).min(ctx.n);
    let mut factor = 1.0;
    let mut pv = 0.0;
    for m in t..end {
        let energy = load.it_mw
            * cap.power_per_it_mw(m, load.overhead, load.needs_plant)
            * load.uptime
            * HOURS_PER_MONTH
            * cap.switch_off_price(m, a.power_price_usd_per_mwh);
        let water = if load.needs_plant {
            load.it_mw * load.uptime * HOURS_PER_MONTH * cap.water_ratio[m] * a.water_price_usd_per_m3
        } else {
            0.0
        };
        let revenue = match load.earning {
            Earning::Mining { .. } => ph_s * load.uptime * (1.0 - a.pool_fee) * prices.hashprice[m] * DAYS_PER_MONTH,
            Earning::GpuCloud { gpu_hours_per_month, price, monthly_decline } => {
                gpu_hours_per_month * price * monthly_decline.powi(m as i32) * prices.gpu_factor(m)
            }
            Earning::Colocation { .. } => 0.0,
        };
        pv += (revenue - energy - water).max(0.0) * factor;
        factor *= ctx.step;
    }
    pv
}
