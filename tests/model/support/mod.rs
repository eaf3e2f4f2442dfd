//! Small sites for the model tests: builders with round numbers so expectations can be worked by hand, a tidy
//! layout so parts never overlap unless a test wants them to, and float comparison helpers.
#![allow(dead_code)]

pub mod large_site;

use powerplot::model::{
    AsicHall, BusinessModel, Component, ComponentKind, CoolingPlant, CoolingType, Evaluation, GasTurbine, GpuPod,
    HallCooling, KindTag, Rect, Scenario, Substation, WarningKind,
};

/// A scenario with the default assumptions and no parts.
pub fn site() -> Scenario {
    Scenario::new("Test site")
}

/// A scenario whose assumptions remove everything a test does not look at: no hashprice decline, no halvings,
/// no pool fee, no fixed O&M, free water, permits in hand. Hashprice is $100 per PH/s per day so the test halls
/// (50 J/TH) earn more than their power and keep running: 100 PH/s x $100 x 30.42 days = $304k a month against
/// 5.30 MW x 730 h x $45 = $174k. The utility has approved far more than any test substation, so no
/// substation waits for a grid request (the interconnection tests set their own approval).
pub fn plain_site() -> Scenario {
    let mut s = site();
    let a = &mut s.assumptions;
    a.interconnection_mva = Some(100_000.0);
    a.hashprice_usd_per_ph_day = 100.0;
    a.hashprice_decline = 0.0;
    a.halvings.clear();
    a.pool_fee = 0.0;
    a.fixed_om = 0.0;
    a.water_price_usd_per_m3 = 0.0;
    s
}

/// Parts are laid out on a 10 x 10 grid of 100 m x 60 m cells inside the default 1,000 x 600 m boundary.
fn cell(id: u64) -> Rect {
    let i = (id % 100) as f64;
    Rect::new((i % 10.0) * 100.0, (i / 10.0).floor() * 60.0, 90.0, 50.0)
}

fn part(id: u64, tag: KindTag, kind: ComponentKind) -> Component {
    let mut c = Component::new(id, tag, format!("{} {id}", tag.label()), 0.0, 0.0);
    c.rect = cell(id);
    c.kind = kind;
    c
}

pub fn existing(mut c: Component) -> Component {
    c.existing = true;
    c
}

pub fn lead(mut c: Component, months: u32) -> Component {
    c.lead_time_months = months;
    c
}

/// An air-cooled hall of `count` miners of 5 kW and 100 TH/s each (so 1,000 miners = 5 MW and 100 PH/s) at
/// $10 per TH/s ($1,000 a miner), overhead 0.05, uptime 0.97, new with a 6-month lead time.
pub fn hall(id: u64, count: u32) -> Component {
    part(
        id,
        KindTag::AsicHall,
        ComponentKind::AsicHall(AsicHall {
            miner_th_s: 100.0,
            miner_kw: 5.0,
            miner_count: count,
            miner_price_usd_per_th: 10.0,
            ..AsicHall::default()
        }),
    )
}

pub fn hall_mut(c: &mut Component) -> &mut AsicHall {
    match &mut c.kind {
        ComponentKind::AsicHall(h) => h,
        _ => panic!("not a hall"),
    }
}

pub fn pod_mut(c: &mut Component) -> &mut GpuPod {
    match &mut c.kind {
        ComponentKind::GpuPod(p) => p,
        _ => panic!("not a pod"),
    }
}

/// A colocation pod of `systems` systems of 100 kW and 8 GPUs each (10 systems = 1 MW), default lease
/// ($150/kW-month, +3 %/yr), overhead 0.08, uptime 0.99, new with a 15-month lead time.
pub fn colo_pod(id: u64, systems: u32) -> Component {
    part(
        id,
        KindTag::GpuPod,
        ComponentKind::GpuPod(GpuPod {
            system_kw: 100.0,
            gpus_per_system: 8,
            system_count: systems,
            business: BusinessModel::Colocation,
            ..GpuPod::default()
        }),
    )
}

/// A GPU-cloud pod of `systems` systems of 100 kW, 8 GPUs and $200,000 each, $2.00 per GPU-hour, 10 %/yr
/// decline, utilization 0.80, uptime 0.99, life 5 years.
pub fn cloud_pod(id: u64, systems: u32) -> Component {
    part(
        id,
        KindTag::GpuPod,
        ComponentKind::GpuPod(GpuPod {
            system_kw: 100.0,
            gpus_per_system: 8,
            system_price_usd: 200_000.0,
            system_count: systems,
            business: BusinessModel::GpuCloud,
            gpu_hour_price_usd: 2.0,
            ..GpuPod::default()
        }),
    )
}

/// A lossless substation with power factor 1, so `mva` MVA = `mva` MW, at the default $300,000 per MVA.
pub fn substation(id: u64, mva: f64) -> Component {
    part(
        id,
        KindTag::Substation,
        ComponentKind::Substation(Substation {
            capacity_mva: mva,
            power_factor: 1.0,
            loss_ratio: 0.0,
            ..Substation::default()
        }),
    )
}

pub fn substation_with(id: u64, mva: f64, power_factor: f64, loss_ratio: f64) -> Component {
    part(
        id,
        KindTag::Substation,
        ComponentKind::Substation(Substation { capacity_mva: mva, power_factor, loss_ratio, ..Substation::default() }),
    )
}

pub fn plant(id: u64, cooling_type: CoolingType, mw_th: f64) -> Component {
    part(id, KindTag::CoolingPlant, ComponentKind::CoolingPlant(CoolingPlant::of_type(cooling_type, mw_th)))
}

/// A cooling plant with no parasitic power and no water: only its capacity matters.
pub fn ideal_plant(id: u64, mw_th: f64) -> Component {
    let mut c = plant(id, CoolingType::DryCooler, mw_th);
    if let ComponentKind::CoolingPlant(p) = &mut c.kind {
        p.parasitic_ratio = 0.0;
        p.water_l_per_kwh = 0.0;
    }
    c
}

pub fn turbine(id: u64, mw: f64, usd_per_mwh: f64) -> Component {
    part(
        id,
        KindTag::GasTurbine,
        ComponentKind::GasTurbine(GasTurbine {
            capacity_mw: mw,
            energy_cost_usd_per_mwh: usd_per_mwh,
            ..GasTurbine::default()
        }),
    )
}

pub fn with_cooling(mut c: Component, cooling: HallCooling, overhead: f64) -> Component {
    let h = hall_mut(&mut c);
    h.cooling = cooling;
    h.overhead = overhead;
    c
}

pub fn scenario_with(parts: Vec<Component>) -> Scenario {
    let mut s = plain_site();
    s.components = parts;
    s
}

/// Asserts `actual` is within `rel` relative (or 1e-9 absolute near zero) of `expected`.
#[track_caller]
pub fn assert_close(actual: f64, expected: f64, rel: f64) {
    let tol = if expected == 0.0 { 1e-9 } else { rel * expected.abs() };
    assert!(
        (actual - expected).abs() <= tol,
        "expected {expected}, got {actual} (difference {}, allowed {tol})",
        actual - expected
    );
}

/// Hand-worked figures are compared to 1e-9 relative: tight enough to catch a wrong rule, loose enough for
/// the order of floating-point sums.
#[track_caller]
pub fn close(actual: f64, expected: f64) {
    assert_close(actual, expected, 1e-9);
}

pub fn kinds(e: &Evaluation) -> Vec<WarningKind> {
    e.warnings.iter().map(|w| w.kind).collect()
}

pub fn has_warning(e: &Evaluation, kind: WarningKind, id: Option<u64>) -> bool {
    e.warnings.iter().any(|w| w.kind == kind && id.is_none_or(|id| w.components.contains(&id)))
}

/// Every number in the evaluation: series, plant water and KPIs.
pub fn all_numbers(e: &Evaluation) -> Vec<(String, f64)> {
    let s = &e.series;
    let mut out = Vec::new();
    let named: [(&str, &Vec<f64>); 23] = [
        ("revenue", &s.revenue),
        ("revenue_mining", &s.revenue_mining),
        ("revenue_colocation", &s.revenue_colocation),
        ("revenue_gpu_cloud", &s.revenue_gpu_cloud),
        ("opex", &s.opex),
        ("energy_cost", &s.energy_cost),
        ("water_cost", &s.water_cost),
        ("fixed_om", &s.fixed_om),
        ("capex", &s.capex),
        ("cash_flow", &s.cash_flow),
        ("cumulative_cash_flow", &s.cumulative_cash_flow),
        ("discounted_cumulative_cash_flow", &s.discounted_cumulative_cash_flow),
        ("it_mining_mw", &s.it_mining_mw),
        ("it_ai_mw", &s.it_ai_mw),
        ("overhead_mw", &s.overhead_mw),
        ("cooling_mw", &s.cooling_mw),
        ("losses_mw", &s.losses_mw),
        ("facility_mw", &s.facility_mw),
        ("grid_capacity_mw", &s.grid_capacity_mw),
        ("generation_capacity_mw", &s.generation_capacity_mw),
        ("grid_draw_mw", &s.grid_draw_mw),
        ("water_m3", &s.water_m3),
        ("revenue", &s.revenue),
    ];
    for (name, v) in named {
        for (m, x) in v.iter().enumerate() {
            out.push((format!("series.{name}[{m}]"), *x));
        }
    }
    for p in &e.plant_water {
        for (m, x) in p.m3.iter().enumerate() {
            out.push((format!("plant_water[{}][{m}]", p.id), *x));
        }
    }
    for c in &e.components {
        if let Some(f) = c.served_fraction {
            out.push((format!("served_fraction[{}]", c.id), f));
        }
    }
    let k = serde_json::to_value(&e.kpis).expect("KPIs serialize");
    if let serde_json::Value::Object(map) = k {
        for (key, v) in map {
            match v {
                serde_json::Value::Number(n) => out.push((format!("kpis.{key}"), n.as_f64().unwrap_or(f64::NAN))),
                serde_json::Value::Null | serde_json::Value::Bool(_) => {}
                other => out.push((format!("kpis.{key} = {other}"), f64::NAN)),
            }
        }
    }
    // serde_json turns NaN and infinity into null, so check the optional KPIs directly too.
    let kp = &e.kpis;
    for (name, v) in [
        ("npv_usd", Some(kp.npv_usd)),
        ("capex_total_usd", Some(kp.capex_total_usd)),
        ("facility_power_mw", Some(kp.facility_power_mw)),
        ("households_power", Some(kp.households_power)),
        ("households_water", Some(kp.households_water)),
        ("water_m3_per_day", Some(kp.water_m3_per_day)),
        ("grid_headroom_mw", Some(kp.grid_headroom_mw)),
        ("cooling_headroom_mw", Some(kp.cooling_headroom_mw)),
        ("pue", kp.pue),
        ("irr", kp.irr),
        ("payback_months", kp.payback_months),
        ("discounted_payback_months", kp.discounted_payback_months),
        ("annual_revenue_usd", kp.annual_revenue_usd),
        ("annual_opex_usd", kp.annual_opex_usd),
        ("annual_ebitda_usd", kp.annual_ebitda_usd),
    ] {
        if let Some(v) = v {
            out.push((format!("kpis.{name}"), v));
        }
    }
    out
}

/// Panics naming the first number that is NaN or infinite.
#[track_caller]
pub fn assert_all_finite(e: &Evaluation) {
    if let Some((name, v)) = all_numbers(e).into_iter().find(|(_, v)| !v.is_finite()) {
        panic!("{name} is {v}");
    }
}
