//! Invariants that hold for every site a planner can draw: capex splits add up, more miners never lower the
//! IT load, a dearer power price never raises NPV, a higher AI premium never lowers capex, dispatch never
//! exceeds capacity, every number is finite, and `evaluate` never panics, whatever the input.

use crate::support as model_support;

use model_support::*;
use powerplot::model::fields::{self, MAX_COUNT, MAX_PRICE};
use powerplot::model::sensitivity::{Driver, tornado};
use powerplot::model::{
    AsicHall, Assumptions, BusinessModel, Component, ComponentKind, CoolingPlant, CoolingType, GasTurbine, GpuPod,
    HallCooling, Rect, Scenario, Substation, YearMonth, evaluate, validate_scenario,
};
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------------------------
// Strategies: every field anywhere in its valid range, with the edges and typical values weighted in.
// ---------------------------------------------------------------------------------------------------------

/// A value in [0, max]: often a typical size, sometimes zero or the largest accepted.
fn amount(typical: f64, max: f64) -> impl Strategy<Value = f64> {
    prop_oneof![4 => 0.0..=typical, 1 => Just(0.0), 1 => 0.0..=max, 1 => Just(max)]
}

fn fraction() -> impl Strategy<Value = f64> {
    prop_oneof![4 => 0.0..=1.0f64, 1 => Just(0.0), 1 => Just(1.0)]
}

fn count() -> impl Strategy<Value = u32> {
    prop_oneof![4 => 0u32..=20_000, 1 => Just(0u32), 1 => 0u32..=MAX_COUNT as u32, 1 => Just(MAX_COUNT as u32)]
}

fn hall_kind() -> impl Strategy<Value = ComponentKind> {
    (
        count(),
        amount(400.0, 100_000.0),
        amount(6.0, 1_000.0),
        amount(20.0, 10_000.0),
        0.5..=40.0f64,
        prop::sample::select(HallCooling::ALL.to_vec()),
        fraction(),
        fraction(),
    )
        .prop_map(|(miner_count, miner_th_s, miner_kw, price, life, cooling, overhead, uptime)| {
            ComponentKind::AsicHall(AsicHall {
                miner_count,
                miner_th_s,
                miner_kw,
                miner_price_usd_per_th: price,
                miner_life_years: life,
                cooling,
                overhead,
                uptime,
                ..AsicHall::default()
            })
        })
}

fn pod_kind() -> impl Strategy<Value = ComponentKind> {
    (
        (count(), 1u32..=1_000, amount(150.0, 10_000.0), amount(4.0e6, MAX_PRICE)),
        (prop::sample::select(BusinessModel::ALL.to_vec()), amount(200.0, 100_000.0), fraction()),
        (amount(5.0, 1_000.0), fraction(), fraction(), 0.5..=40.0f64, fraction(), fraction(), any::<bool>()),
    )
        .prop_map(
            |(
                (system_count, gpus_per_system, system_kw, system_price_usd),
                (business, lease, escalator),
                (gpu_hour, decline, utilization, life, overhead, uptime, retrofit),
            )| {
                ComponentKind::GpuPod(GpuPod {
                    system_count,
                    gpus_per_system,
                    system_kw,
                    system_price_usd,
                    business,
                    lease_usd_per_kw_month: lease,
                    lease_escalator: escalator,
                    gpu_hour_price_usd: gpu_hour,
                    gpu_price_decline: decline,
                    utilization,
                    life_years: life,
                    overhead,
                    uptime,
                    retrofit,
                    ..GpuPod::default()
                })
            },
        )
}

fn substation_kind() -> impl Strategy<Value = ComponentKind> {
    (amount(300.0, 100_000.0), 0.01..=1.0f64, 0.0..=0.5f64, amount(1.0e6, MAX_PRICE), 1..=20u32).prop_map(
        |(mva, pf, loss, capex, transformers)| {
            ComponentKind::Substation(Substation {
                capacity_mva: mva,
                power_factor: pf,
                loss_ratio: loss,
                capex_usd_per_mva: capex,
                transformers,
            })
        },
    )
}

fn plant_kind() -> impl Strategy<Value = ComponentKind> {
    (
        prop::sample::select(CoolingType::ALL.to_vec()),
        amount(100.0, 100_000.0),
        prop::option::of((fraction(), 0.0..=10.0f64)),
    )
        .prop_map(|(t, mw_th, custom)| {
            let mut p = CoolingPlant::of_type(t, mw_th);
            if let Some((parasitic, water)) = custom {
                p.parasitic_ratio = parasitic;
                p.water_l_per_kwh = water;
            }
            ComponentKind::CoolingPlant(p)
        })
}

fn turbine_kind() -> impl Strategy<Value = ComponentKind> {
    (amount(100.0, 100_000.0), amount(2.0e6, MAX_PRICE), amount(100.0, 100_000.0)).prop_map(|(mw, capex, cost)| {
        ComponentKind::GasTurbine(GasTurbine {
            capacity_mw: mw,
            capex_usd_per_mw: capex,
            energy_cost_usd_per_mwh: cost,
        })
    })
}

fn component_kind() -> impl Strategy<Value = ComponentKind> {
    prop_oneof![3 => hall_kind(), 3 => pod_kind(), 2 => substation_kind(), 2 => plant_kind(), 1 => turbine_kind()]
}

/// Existing or new, with a lead time anywhere in 0-240 months (mostly the short ones a planner uses).
fn component_setup() -> impl Strategy<Value = (ComponentKind, bool, u32)> {
    (component_kind(), any::<bool>(), prop_oneof![3 => 0u32..=48, 1 => 0u32..=240])
}

fn assumptions() -> impl Strategy<Value = Assumptions> {
    (
        (prop_oneof![3 => 1u32..=15, 1 => 1u32..=40], fraction(), amount(100.0, 10_000.0), amount(5.0, 1_000.0)),
        (amount(60.0, 100_000.0), fraction(), fraction(), 1.0..=100.0f64, amount(1.0e6, MAX_PRICE)),
        (any::<bool>(), 0u32..=240, fraction(), any::<bool>(), 1.0..=1.0e6f64, 1.0..=1.0e6f64),
        (prop::option::of(0.0..=1.0e9f64), prop::collection::vec((2020i32..=2060, 1u32..=12), 0..=4)),
    )
        .prop_map(
            |(
                (horizon_years, discount_rate, power, water),
                (hashprice, hashprice_decline, pool_fee, ai_build_premium, mining_capex),
                (permits_in_hand, permitting_months, fixed_om, refresh_hardware, household_kwh, household_gal),
                (water_limit, halvings),
            )| Assumptions {
                horizon_years,
                discount_rate,
                power_price_usd_per_mwh: power,
                water_price_usd_per_m3: water,
                hashprice_usd_per_ph_day: hashprice,
                hashprice_decline,
                halvings: halvings.into_iter().map(|(y, m)| YearMonth::new(y, m)).collect(),
                pool_fee,
                ai_build_premium,
                mining_facility_capex_usd_per_mw: mining_capex,
                permits_in_hand,
                permitting_months,
                fixed_om,
                refresh_hardware,
                household_power_kwh_per_year: household_kwh,
                household_water_gal_per_day: household_gal,
                water_limit_m3_per_day: water_limit,
                ..Assumptions::default()
            },
        )
}

/// Builds a scenario from generated parts, laid out on a grid of 100 m cells.
fn build(assumptions: Assumptions, parts: Vec<(ComponentKind, bool, u32)>) -> Scenario {
    let mut s = Scenario::new("Generated");
    s.assumptions = assumptions;
    for (i, (kind, is_existing, lead_time)) in parts.into_iter().enumerate() {
        let tag = kind.tag();
        let mut c = Component::new(i as u64 + 1, tag, format!("{} {}", tag.label(), i + 1), 0.0, 0.0);
        c.rect = Rect::new((i % 10) as f64 * 100.0, (i / 10) as f64 * 60.0, 90.0, 50.0);
        c.kind = kind;
        c.existing = is_existing;
        c.lead_time_months = lead_time;
        s.components.push(c);
    }
    s
}

pub(crate) fn scenario() -> impl Strategy<Value = Scenario> {
    (assumptions(), prop::collection::vec(component_setup(), 0..=24)).prop_map(|(a, parts)| build(a, parts))
}

/// A scenario in which a dearer grid can only cost money. Two rules of MODEL.md can make a dearer grid *raise*
/// NPV, on purpose: a refresh is judged on the fleet alone, ignoring capacity limits, so a dearer grid can
/// decline a refresh of a fleet that could not have run anyway (see `a_refresh_is_judged_on_the_fleet_alone`
/// in rules.rs); and dispatch ranks miners by PH/s per MW while the switch-off test also counts water, so a
/// dearer grid can switch off a water-cooled miner and hand its power to an air-cooled one that earns more
/// net. The switch-off test also prices energy at the grid's price whenever the site has a grid, so a miner that
/// runs partly on dearer turbine power can lose money until a dearer grid switches it off; capping the turbines'
/// price at the grid's is not enough, because the tornado moves the grid price by ±20 % and a turbine at the
/// base grid price is dearer than the cheap end (a local run found such a case). Without refreshes, with free water and
/// without turbines, none of these can happen.
fn scenario_priced_monotone() -> impl Strategy<Value = Scenario> {
    scenario().prop_map(|mut s| {
        s.assumptions.refresh_hardware = false;
        s.assumptions.water_price_usd_per_m3 = 0.0;
        s.components.retain(|c| !matches!(c.kind, ComponentKind::GasTurbine(_)));
        s
    })
}

/// A valid scenario with at least one ASIC hall.
fn scenario_with_a_hall() -> impl Strategy<Value = (Scenario, usize)> {
    (
        assumptions(),
        (hall_kind(), any::<bool>(), 0u32..=60),
        prop::collection::vec(component_setup(), 0..=16),
        any::<prop::sample::Index>(),
    )
        .prop_map(|(a, hall, mut parts, at)| {
            let i = at.index(parts.len() + 1);
            parts.insert(i, hall);
            (build(a, parts), i)
        })
}

/// The sum of |CF| over the horizon: the scale of the rounding error of any sum of the series.
fn cash_scale(s: &Scenario) -> f64 {
    evaluate(s).series.cash_flow.iter().map(|c| c.abs()).sum::<f64>().max(1.0)
}

fn config() -> ProptestConfig {
    ProptestConfig { cases: 256, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn generated_scenarios_are_valid(s in scenario()) {
        let errors = validate_scenario(&s);
        prop_assert!(errors.is_empty(), "{:?}", errors);
    }

    #[test]
    fn capex_categories_add_up_to_the_total_and_to_the_monthly_capex(s in scenario()) {
        let e = evaluate(&s);
        let k = &e.kpis;
        let categories = k.capex_facility_base_usd + k.capex_ai_premium_usd + k.capex_it_hardware_usd
            + k.capex_substation_usd + k.capex_cooling_usd + k.capex_generation_usd;
        let monthly: f64 = e.series.capex.iter().sum();
        let tol = 1e-9 * k.capex_total_usd.abs().max(1.0);
        prop_assert!((categories - k.capex_total_usd).abs() <= tol, "categories {} vs total {}", categories, k.capex_total_usd);
        prop_assert!((monthly - k.capex_total_usd).abs() <= tol, "monthly {} vs total {}", monthly, k.capex_total_usd);
        prop_assert!(e.series.capex.iter().all(|&c| c >= 0.0));
    }

    #[test]
    fn firm_headroom_at_n_plus_1_is_never_above_n_nor_2n_above_n(s in scenario()) {
        let at = |power: powerplot::model::Redundancy, cooling: powerplot::model::Redundancy| {
            let mut t = s.clone();
            t.assumptions.ai_power_redundancy = power;
            t.assumptions.ai_cooling_redundancy = cooling;
            evaluate(&t).kpis
        };
        use powerplot::model::Redundancy::{N, NPlus1, TwoN};
        let (n, n1, two_n) = (at(N, N), at(NPlus1, NPlus1), at(TwoN, N));
        prop_assert!(n1.firm_grid_headroom_mw <= n.firm_grid_headroom_mw + 1e-9);
        prop_assert!(two_n.firm_grid_headroom_mw <= n.firm_grid_headroom_mw + 1e-9);
        prop_assert!(n1.firm_cooling_headroom_mw <= n.firm_cooling_headroom_mw + 1e-9);
        // At N every unit counts: firm supply is the whole pool of grid and turbines.
        let supply = n.grid_capacity_mw + n.generation_capacity_mw;
        let ai_power = supply - n.firm_grid_headroom_mw;
        prop_assert!(ai_power >= -1e-6 && ai_power <= n.facility_power_mw + 1e-6, "{} of {}", ai_power, n.facility_power_mw);
    }

    #[test]
    fn more_miners_never_lower_the_it_load((s, hall) in scenario_with_a_hall(), extra in 1u32..=100_000) {
        let before = evaluate(&s).kpis;
        let mut more = s.clone();
        let h = hall_mut(&mut more.components[hall]);
        h.miner_count = h.miner_count.saturating_add(extra).min(MAX_COUNT as u32);
        let after = evaluate(&more).kpis;
        prop_assert!(after.it_load_mw >= before.it_load_mw, "{} < {}", after.it_load_mw, before.it_load_mw);
        prop_assert!(after.it_load_mining_mw >= before.it_load_mining_mw);
        prop_assert!(after.hashrate_ph_s >= before.hashrate_ph_s);
        prop_assert!(after.facility_power_mw >= before.facility_power_mw);
    }

    #[test]
    fn a_higher_power_price_never_raises_npv(s in scenario_priced_monotone(), dearer in 0.0..=1.0f64) {
        let mut high = s.clone();
        let p = s.assumptions.power_price_usd_per_mwh;
        high.assumptions.power_price_usd_per_mwh = p + (10_000.0 - p) * dearer;
        let (low_npv, high_npv) = (evaluate(&s).kpis.npv_usd, evaluate(&high).kpis.npv_usd);
        prop_assert!(high_npv <= low_npv + 1e-9 * cash_scale(&high), "{} > {}", high_npv, low_npv);
    }

    #[test]
    fn a_higher_ai_premium_never_lowers_capex(s in scenario(), higher in 0.0..=1.0f64) {
        let mut more = s.clone();
        let p = s.assumptions.ai_build_premium;
        more.assumptions.ai_build_premium = p + (100.0 - p) * higher;
        let (low, high) = (evaluate(&s).kpis, evaluate(&more).kpis);
        prop_assert!(high.capex_total_usd >= low.capex_total_usd, "{} < {}", high.capex_total_usd, low.capex_total_usd);
        prop_assert!(high.capex_ai_premium_usd >= low.capex_ai_premium_usd);
        prop_assert_eq!(high.capex_facility_base_usd, low.capex_facility_base_usd);
    }

    #[test]
    fn every_number_is_finite_for_any_valid_scenario(s in scenario()) {
        let e = evaluate(&s);
        if let Some((name, v)) = all_numbers(&e).into_iter().find(|(_, v)| !v.is_finite()) {
            prop_assert!(false, "{} is {}", name, v);
        }
        prop_assert_eq!(e.series.len(), s.assumptions.horizon_months());
        prop_assert_eq!(e.components.len(), s.components.len());
    }

    #[test]
    fn dispatch_never_exceeds_the_online_capacity(s in scenario()) {
        let e = evaluate(&s);
        let sr = &e.series;
        let k = &e.kpis;
        for m in 0..sr.len() {
            let supply = sr.grid_capacity_mw[m] + sr.generation_capacity_mw[m];
            prop_assert!(sr.facility_mw[m] <= supply * (1.0 + 1e-9) + 1e-9, "month {}: {} MW served from {} MW", m, sr.facility_mw[m], supply);
            prop_assert!(sr.grid_draw_mw[m] <= sr.grid_capacity_mw[m] * (1.0 + 1e-9) + 1e-9);
            let it = sr.it_mining_mw[m] + sr.it_ai_mw[m];
            prop_assert!(it <= k.it_load_mw * (1.0 + 1e-9) + 1e-9, "month {}: {} MW of IT from a {} MW build", m, it, k.it_load_mw);
            prop_assert!(sr.revenue[m] >= 0.0 && sr.opex[m] >= 0.0 && sr.water_m3[m] >= 0.0);
        }
        for c in &e.components {
            if let Some(f) = c.served_fraction {
                prop_assert!((0.0..=1.0).contains(&f), "served fraction {}", f);
            }
        }
    }

    #[test]
    fn a_dearer_power_price_never_widens_the_tornado_the_wrong_way(s in scenario_priced_monotone()) {
        let (_, bars) = tornado(&s, 0.2);
        prop_assert_eq!(bars.len(), Driver::ALL.len());
        let power = bars.iter().find(|b| b.driver == Driver::PowerPrice).unwrap();
        prop_assert!(power.npv_high <= power.npv_low + 1e-9 * cash_scale(&s));
        prop_assert!(bars.windows(2).all(|w| w[0].spread() >= w[1].spread()), "widest bar first");
    }
}

// ---------------------------------------------------------------------------------------------------------
// Anything at all: values outside every range, NaN and infinity
// ---------------------------------------------------------------------------------------------------------

/// Overwrites numeric fields chosen by `pokes` (which part, which field, what value) through the field
/// tables the inspector uses, so any field can receive any f64, NaN and infinity included.
fn poke(s: &mut Scenario, pokes: &[(prop::sample::Index, prop::sample::Index, f64)]) {
    for (which, field, v) in pokes {
        let n = s.components.len();
        let i = which.index(n + 1);
        if i == n {
            let f = field.get(fields::ASSUMPTION_FIELDS);
            (f.set)(&mut s.assumptions, *v);
            continue;
        }
        let c = &mut s.components[i];
        if field.index(4) == 0 {
            let f = field.get(fields::COMPONENT_FIELDS);
            (f.set)(c, *v);
            continue;
        }
        match &mut c.kind {
            ComponentKind::AsicHall(h) => (field.get(fields::ASIC_HALL_FIELDS).set)(h, *v),
            ComponentKind::GpuPod(p) => (field.get(fields::GPU_POD_FIELDS).set)(p, *v),
            ComponentKind::Substation(x) => (field.get(fields::SUBSTATION_FIELDS).set)(x, *v),
            ComponentKind::CoolingPlant(x) => (field.get(fields::COOLING_PLANT_FIELDS).set)(x, *v),
            ComponentKind::GasTurbine(x) => (field.get(fields::GAS_TURBINE_FIELDS).set)(x, *v),
        }
    }
}

fn wild_value() -> impl Strategy<Value = f64> {
    prop_oneof![
        proptest::num::f64::ANY,
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(f64::MAX),
        Just(-1.0),
        Just(1.0e300),
        Just(4.0e9),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn evaluate_never_panics_and_stays_finite_whatever_the_input(
        s in scenario(),
        pokes in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), wild_value()), 1..=12),
        water_limit in prop::option::of(wild_value()),
        start in (any::<i32>(), any::<u32>()),
    ) {
        let mut s = s;
        poke(&mut s, &pokes);
        s.assumptions.water_limit_m3_per_day = water_limit;
        s.assumptions.start = YearMonth::new(start.0, start.1);
        let e = evaluate(&s);
        if let Some((name, v)) = all_numbers(&e).into_iter().find(|(_, v)| !v.is_finite()) {
            prop_assert!(false, "{} is {}", name, v);
        }
    }
}
