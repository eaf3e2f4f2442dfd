//! The monthly simulation of MODEL.md in named phases: online months, capacity, the loads' fleets (purchases
//! and refresh decisions), dispatch month by month, then money (capex, cash flow) and the KPIs. Risk and the
//! optimizer call it with drawn or proposed inputs through `evaluate_with`.

mod capacity;
mod clamp;
mod dispatch;
mod fleets;

use super::assumptions::Assumptions;
use super::component::{Component, ComponentKind};
use super::evaluation::{CapexClass, CapexItem, ComponentResult, Evaluation, LoadState, PlantWater};
use super::finance;
use super::kpis;
use super::scenario::Scenario;
use super::warnings;

pub const HOURS_PER_MONTH: f64 = 730.0;
pub const DAYS_PER_MONTH: f64 = 365.0 / 12.0;
pub const GAL_PER_M3: f64 = 264.172;
/// Upper bound on the simulated months whatever a file says (40 years, the validated maximum).
const MAX_MONTHS: usize = 480;

/// Drawn price paths for Monte Carlo: per-month multipliers on hashprice(m) and on every GPU-hour price. An
/// empty slice (or a month past its end) means 1.
#[derive(Debug, Clone, Copy, Default)]
pub struct Shocks<'a> {
    pub hashprice_factor: &'a [f64],
    pub gpu_price_factor: &'a [f64],
}

impl Shocks<'static> {
    pub const NONE: Shocks<'static> = Shocks { hashprice_factor: &[], gpu_price_factor: &[] };
}

/// The month's market prices that every load shares.
pub struct Prices {
    /// Hashprice, $ per PH/s per day, with halvings and any drawn path.
    pub hashprice: Vec<f64>,
    gpu_factor: Vec<f64>,
}

impl Prices {
    fn new(a: &Assumptions, n: usize, shocks: &Shocks) -> Prices {
        let mut hashprice = hashprice_series(a, n);
        for (h, f) in hashprice.iter_mut().zip(shocks.hashprice_factor) {
            *h *= f;
        }
        Prices { hashprice, gpu_factor: shocks.gpu_price_factor.to_vec() }
    }

    /// The drawn multiplier on GPU-hour prices in month `m` (1 without a drawn path).
    pub fn gpu_factor(&self, m: usize) -> f64 {
        self.gpu_factor.get(m).copied().unwrap_or(1.0)
    }
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

/// Facility, substation, cooling and turbine capex: spent at month 0, placed in service when the part is online.
fn build_capex(c: &Component, a: &Assumptions, online: u32, items: &mut Vec<CapexItem>) {
    let (base, premium) = facility_capex(c, a);
    let retrofit = matches!(&c.kind, ComponentKind::GpuPod(p) if p.retrofit);
    let supply_class = match &c.kind {
        ComponentKind::Substation(_) => CapexClass::Substation,
        ComponentKind::CoolingPlant(_) => CapexClass::Cooling,
        _ => CapexClass::Generation,
    };
    let premium_class = if retrofit { CapexClass::RetrofitFitOut } else { CapexClass::AiPremium };
    for (usd, class) in [(base, CapexClass::FacilityBase), (premium, premium_class), (supply_capex(c), supply_class)] {
        if usd > 0.0 {
            items.push(CapexItem { component: c.id, month: 0, in_service_month: online, usd, class });
        }
    }
}

/// Runs the monthly simulation of a scenario and computes its KPIs and warnings. Expects a validated
/// scenario; with any input it returns finite numbers and never panics: a value outside its valid range
/// (NaN included) is taken as the nearest valid value.
pub fn evaluate(s: &Scenario) -> Evaluation {
    evaluate_with(s, &Shocks::NONE)
}

/// `evaluate` with drawn price paths (Monte Carlo). Every rule (switch-off, the refresh test, dispatch) sees them.
pub fn evaluate_with(s: &Scenario, shocks: &Shocks) -> Evaluation {
    let clamped;
    let s = if clamp::in_valid_ranges(s) {
        s
    } else {
        clamped = clamp::clamped_to_valid_ranges(s);
        &clamped
    };
    let a = &s.assumptions;
    let n = a.horizon_months().clamp(1, MAX_MONTHS);

    // Phase 1 and 2: when each part is online, and the capacity online each month.
    let online: Vec<u32> = s.components.iter().map(|c| online_month(c, a)).collect();
    let cap = capacity::monthly(s, &online, n);
    let prices = Prices::new(a, n, shocks);

    // Phase 3: the build and the loads' fleets, with every capex payment.
    let mut items = Vec::new();
    let ctx = fleets::Context {
        a,
        cap: &cap,
        prices: &prices,
        n,
        step: 1.0 / (1.0 + finance::monthly_rate(a.discount_rate)),
    };
    let mut loads = Vec::new();
    for (i, c) in s.components.iter().enumerate() {
        build_capex(c, a, online[i], &mut items);
        loads.extend(fleets::load(c, i, online[i], &ctx, &mut items));
    }

    // Phase 4: dispatch, month by month.
    let full_power_month = online.iter().copied().max().unwrap_or(0);
    let record = (full_power_month as usize).min(n - 1);
    let dispatch::Dispatch { mut series, outcomes } = dispatch::run(a, &cap, &prices, &loads, n, record);

    // Phase 5: money.
    let mut totals = kpis::CapexTotals::default();
    let mut capex = vec![0.0; n];
    for item in &items {
        capex[item.month as usize] += item.usd;
        totals.add(item.class, item.usd);
    }
    let fixed_om_month = a.fixed_om * totals.non_hardware() / 12.0;
    for (m, &k) in capex.iter().enumerate() {
        let opex = series.energy_cost[m] + series.water_cost[m] + series.transmission_charge[m] + fixed_om_month;
        series.fixed_om.push(fixed_om_month);
        series.opex.push(opex);
        series.capex.push(k);
        series.cash_flow.push(series.revenue[m] - opex - k);
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

    let plant_water = plant_water(s, &online, &cap.cooling_mw, &series.water_m3);
    let components = component_results(s, &online, &loads, &outcomes, &items, record);
    let kpis = kpis::compute(s, &series, &totals, full_power_month, r_m);
    let warnings = warnings::collect(s, &kpis, &components, &series.cash_flow);
    Evaluation { series, plant_water, kpis, components, warnings, capex_items: items }
}

fn component_results(
    s: &Scenario,
    online: &[u32],
    loads: &[fleets::Load],
    outcomes: &[dispatch::LoadOutcome],
    items: &[CapexItem],
    record: usize,
) -> Vec<ComponentResult> {
    let mut results: Vec<ComponentResult> = s
        .components
        .iter()
        .zip(online)
        .map(|(c, &on)| ComponentResult {
            id: c.id,
            online_month: on,
            served_fraction: None,
            shortfall: None,
            months_switched_off: 0,
            stopped_month: None,
            state: LoadState::Supply,
            revenue_usd: 0.0,
            energy_cost_usd: 0.0,
            water_cost_usd: 0.0,
            capex_usd: 0.0,
            hardware_capex_usd: 0.0,
            refresh_declined: false,
        })
        .collect();
    // Items are listed component by component, so one pass with a moving index is enough; a lookup by id
    // keeps it correct whatever the order.
    let index: std::collections::HashMap<u64, usize> =
        s.components.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
    for item in items {
        if let Some(r) = index.get(&item.component).map(|&i| &mut results[i]) {
            r.capex_usd += item.usd;
            if item.class == CapexClass::ItHardware {
                r.hardware_capex_usd += item.usd;
            }
        }
    }
    for (load, o) in loads.iter().zip(outcomes) {
        let r = &mut results[load.index];
        r.served_fraction = o.served_at_record;
        r.shortfall = o.shortfall_at_record;
        r.months_switched_off = o.months_switched_off;
        r.stopped_month = load.stopped.map(|m| m as u32);
        r.refresh_declined = load.refresh_declined;
        r.revenue_usd = o.revenue;
        r.energy_cost_usd = o.energy_cost;
        r.water_cost_usd = o.water_cost;
        r.state = if record < load.online {
            LoadState::NotOnline
        } else if load.stopped.is_some_and(|m| record >= m) {
            LoadState::Stopped
        } else if o.switched_off_at_record {
            LoadState::SwitchedOff
        } else if let Some(shortfall) = o.shortfall_at_record {
            LoadState::Limited(shortfall)
        } else {
            LoadState::Running
        };
    }
    results
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
