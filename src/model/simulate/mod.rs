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
use super::schedule::{self, Schedule};
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
    /// The grid requests are refused (a risk draw, or the refused run of the expected NPV).
    pub grid_refused: bool,
    /// Leave the project IRR out (`None`): a risk draw and the refused run read none, and its root search is
    /// most of an evaluation's time.
    pub skip_irr: bool,
}

impl Shocks<'static> {
    pub const NONE: Shocks<'static> =
        Shocks { hashprice_factor: &[], gpu_price_factor: &[], grid_refused: false, skip_irr: false };
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

/// Hashprice per month: decline compounded monthly, halved from each halving's month on.
pub fn hashprice_series(a: &Assumptions, n: usize) -> Vec<f64> {
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

/// Facility capex split into the mining-grade base and the AI premium, for one component, before escalation.
/// An existing hall pays the base on its IT above the installed IT (a bigger hall is a build); a retrofit pays
/// the premium, and the base too on its IT above the installed IT of the hall it converts
/// (`converted_it_mw`, 0 without a conversion: the planner removed the hall, its shell is reused whole).
pub fn facility_capex(c: &Component, a: &Assumptions, converted_it_mw: Option<f64>) -> (f64, f64) {
    let base_per_mw = a.mining_facility_capex_usd_per_mw;
    match &c.kind {
        ComponentKind::AsicHall(h) if c.existing => ((h.it_mw() - h.installed().it_mw()).max(0.0) * base_per_mw, 0.0),
        _ if c.existing => (0.0, 0.0),
        ComponentKind::AsicHall(h) => (h.it_mw() * base_per_mw, 0.0),
        ComponentKind::GpuPod(p) => {
            let base = p.it_mw() * base_per_mw;
            let premium = base * (a.ai_build_premium - 1.0).max(0.0);
            match (p.retrofit, converted_it_mw) {
                (true, Some(installed)) => ((p.it_mw() - installed).max(0.0) * base_per_mw, premium),
                (true, None) => (0.0, premium),
                (false, _) => (base, premium),
            }
        }
        _ => (0.0, 0.0),
    }
}

/// Capex of a new supply (substation, cooling plant, turbine), before escalation.
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

/// The installed IT of the hall a retrofit pod converts, when it names one.
fn converted_it_mw(s: &Scenario, c: &Component) -> Option<f64> {
    let ComponentKind::GpuPod(p) = &c.kind else { return None };
    match &s.component(p.converts?)?.kind {
        ComponentKind::AsicHall(h) => Some(h.installed().it_mw()),
        _ => None,
    }
}

/// Facility, substation (with the network upgrade beyond the approval), cooling and turbine capex: spent in
/// the part's construction month, escalated by `capex_escalation` from the start, placed in service when the
/// part comes online. Capex at or after the horizon's end is outside the plan; a part that never runs is
/// never placed in service (its in-service month is the horizon).
fn build_capex(s: &Scenario, i: usize, schedule: &Schedule, n: usize, items: &mut Vec<CapexItem>) {
    let (c, a, part) = (&s.components[i], &s.assumptions, &schedule.parts[i]);
    if part.cancelled || part.construction as usize >= n {
        return;
    }
    let (base, premium) = facility_capex(c, a, converted_it_mw(s, c));
    let retrofit = matches!(&c.kind, ComponentKind::GpuPod(p) if p.retrofit);
    let supply_class = match &c.kind {
        ComponentKind::Substation(_) => CapexClass::Substation,
        ComponentKind::CoolingPlant(_) => CapexClass::Cooling,
        _ => CapexClass::Generation,
    };
    let upgrade = match (&c.kind, schedule.grid.requests.get(i).copied().flatten()) {
        (ComponentKind::Substation(x), Some(r)) => {
            a.network_upgrade_usd_per_kw * r.mva_beyond * x.power_factor * 1000.0
        }
        _ => 0.0,
    };
    let premium_class = if retrofit { CapexClass::RetrofitFitOut } else { CapexClass::AiPremium };
    let month = part.construction;
    let escalation = escalation_factor(a, month);
    let in_service_month = if part.runs() { part.online } else { n as u32 };
    for (usd, class) in
        [(base, CapexClass::FacilityBase), (premium, premium_class), (supply_capex(c) + upgrade, supply_class)]
    {
        if usd > 0.0 {
            items.push(CapexItem { component: c.id, month, in_service_month, usd: usd * escalation, class });
        }
    }
}

/// (1 + capex_escalation)^(month / 12): what building in `month` costs against building at the start.
pub fn escalation_factor(a: &Assumptions, month: u32) -> f64 {
    (1.0 + a.capex_escalation.max(0.0)).powf(f64::from(month) / 12.0)
}

/// Runs the monthly simulation of a scenario and computes its KPIs and warnings. Expects a validated
/// scenario; with any input it returns finite numbers and never panics: a value outside its valid range
/// (NaN included) is taken as the nearest valid value.
pub fn evaluate(s: &Scenario) -> Evaluation {
    let mut e = evaluate_with(s, &Shocks::NONE);
    // Rule 6: where a substation needs a request, the NPV assumes approval; the expected NPV weighs in the
    // refused run (base prices and months).
    if e.schedule.grid.any_request() {
        let refused = evaluate_with(s, &Shocks { grid_refused: true, skip_irr: true, ..Shocks::NONE });
        let p = s.assumptions.interconnection_approval_probability.clamp(0.0, 1.0);
        e.kpis.npv_if_refused_usd = Some(refused.kpis.npv_usd);
        e.kpis.npv_expected_usd = Some(p * e.kpis.npv_usd + (1.0 - p) * refused.kpis.npv_usd);
    }
    e
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

    // Phase 1 and 2: the schedule (when each part builds, is online and retires) and the capacity online.
    let schedule = schedule::of(s, shocks.grid_refused);
    let cap = capacity::monthly(s, &schedule.parts, n);
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
        build_capex(s, i, &schedule, n, &mut items);
        loads.extend(fleets::load(c, i, &schedule.parts[i], &ctx, &mut items));
    }

    // Phase 4: dispatch, month by month.
    let full_power_month = schedule.full_power_month;
    let record = (full_power_month as usize).min(n - 1);
    let dispatch::Dispatch { mut series, outcomes } = dispatch::run(a, &cap, &prices, &loads, n, record);

    // Phase 5: money. Fixed O&M runs on the non-hardware capex spent so far on parts not retired.
    let mut totals = kpis::CapexTotals::default();
    let mut capex = vec![0.0; n];
    let mut upkept = vec![0.0; n + 1];
    let retire_of: std::collections::HashMap<u64, Option<u32>> =
        s.components.iter().zip(&schedule.parts).map(|(c, p)| (c.id, p.retire)).collect();
    for item in &items {
        capex[item.month as usize] += item.usd;
        totals.add(item.class, item.usd);
        if item.class != CapexClass::ItHardware {
            let retire = retire_of.get(&item.component).copied().flatten().map_or(n, |r| (r as usize).min(n));
            if retire > item.month as usize {
                upkept[item.month as usize] += item.usd;
                upkept[retire] -= item.usd;
            }
        }
    }
    let mut basis = 0.0;
    for (m, &k) in capex.iter().enumerate() {
        basis += upkept[m];
        let fixed_om_month = a.fixed_om * basis.max(0.0) / 12.0;
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

    let plant_water = plant_water(s, &schedule, &cap.cooling_mw, &series.water_m3);
    let components = component_results(s, &schedule, &loads, &outcomes, &items, record);
    let kpis = kpis::compute(s, &series, &totals, &schedule, r_m, !shocks.skip_irr);
    let warnings = warnings::collect(s, &kpis, &components, &schedule, &series);
    Evaluation { series, plant_water, kpis, components, warnings, capex_items: items, schedule }
}

fn component_results(
    s: &Scenario,
    schedule: &Schedule,
    loads: &[fleets::Load],
    outcomes: &[dispatch::LoadOutcome],
    items: &[CapexItem],
    record: usize,
) -> Vec<ComponentResult> {
    let mut results: Vec<ComponentResult> = s
        .components
        .iter()
        .zip(&schedule.parts)
        .map(|(c, part)| ComponentResult {
            id: c.id,
            online_month: part.online,
            build_start_month: part.build_start,
            retire_month: part.retire,
            cancelled: part.cancelled,
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
            first_wait: None,
            off_runs: Vec::new(),
            mining: false,
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
        r.first_wait = o.first_wait.map(|(m, len)| (m as u32, len as u32));
        r.off_runs = o.off_runs.iter().map(|&(m, len)| (m as u32, len as u32)).collect();
        r.mining = load.is_mining();
        r.revenue_usd = o.revenue;
        r.energy_cost_usd = o.energy_cost;
        r.water_cost_usd = o.water_cost;
        let retired = schedule.parts[load.index].retire.is_some_and(|m| record >= m as usize);
        r.state = if retired {
            LoadState::Retired
        } else if record < load.online {
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
fn plant_water(s: &Scenario, schedule: &Schedule, cooling_mw: &[f64], water: &[f64]) -> Vec<PlantWater> {
    s.components
        .iter()
        .zip(&schedule.parts)
        .filter_map(|(c, part)| match &c.kind {
            ComponentKind::CoolingPlant(p) => Some(PlantWater {
                id: c.id,
                m3: (0..water.len())
                    .map(|m| {
                        if part.active(m as u32) && cooling_mw[m] > 0.0 {
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
