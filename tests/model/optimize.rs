//! The best mix (MODEL.md "The best mix (optimizer)"): on a small site whose whole design space this test
//! enumerates itself, the optimizer's best equals the enumerated best for every objective, by exact search and
//! by the heuristic; every design returned meets every constraint; hand-worked sizing, placement and MIRR.
//!
//! MIRR against numpy-financial 1.0 (`pip install numpy-financial`):
//! ```python
//! >>> import numpy_financial as npf
//! >>> npf.mirr([-100.0, 30.0, -20.0, 80.0, 60.0], 0.01, 0.008)
//! np.float64(0.09406431441237917)
//! ```

use powerplot::model::assumptions::Redundancy;
use powerplot::model::catalog::{GPU_SYSTEMS, MINERS};
use powerplot::model::evaluation::CapexClass;
use powerplot::model::optimize::design::{
    ConversionTiming, Design, HallChoice, SUBSTATION_SIZES_MVA, Space, plant_size,
};
use powerplot::model::optimize::objective::mirr_annual;
use powerplot::model::optimize::placement::{Placer, footprint};
use powerplot::model::optimize::{Candidate, Objective, Progress, SearchMode, Settings, optimize};
use powerplot::model::{
    BusinessModel, Component, ComponentKind, CoolingType, KindTag, Rect, Scenario, Substation, evaluate, financing,
};

fn hall(id: u64, name: &str, rect: Rect, miners: u32, preset: usize) -> Component {
    let mut c = Component::new(id, KindTag::AsicHall, name, rect.x, rect.y);
    c.rect = rect;
    c.existing = true;
    if let ComponentKind::AsicHall(h) = &mut c.kind {
        h.apply_preset(&MINERS[preset]);
        h.miner_count = miners;
    }
    c
}

/// A 500 x 300 m site on an existing 40 MVA substation (38 MW; firm at N+1: one 19 MW transformer), with an
/// air-cooled hall A (3,000 S21: 10.5 MW) and a hydro hall B (2,000 S21+ Hydro: 9.57 MW) that has no plant yet
/// (so the current design breaks the cooling constraint and is still a candidate), a water allowance of
/// 300 m3/day and 70 % debt.
fn small_site() -> Scenario {
    let mut s = Scenario::new("Small site");
    s.boundary = Rect::new(0.0, 0.0, 500.0, 300.0);
    s.assumptions.water_limit_m3_per_day = Some(300.0);
    s.assumptions.debt_share = 0.7;
    // An approval above any new substation, so no design waits for a grid request here (the tests of the
    // queue and the expected NPV are below).
    s.assumptions.interconnection_mva = Some(1_000.0);
    let mut sub = Component::new(1, KindTag::Substation, "S1", 10.0, 10.0);
    sub.rect = Rect::new(10.0, 10.0, 40.0, 30.0);
    sub.existing = true;
    sub.kind = ComponentKind::Substation(Substation { capacity_mva: 40.0, ..Substation::default() });
    s.components.push(sub);
    s.components.push(hall(2, "Hall A", Rect::new(60.0, 10.0, 100.0, 40.0), 3_000, 0));
    s.components.push(hall(3, "Hall B", Rect::new(60.0, 60.0, 100.0, 40.0), 2_000, 2));
    s
}

fn small_settings(objective: Objective, mode: SearchMode) -> Settings {
    Settings {
        objective,
        budget_usd: Some(250e6),
        pod_systems: 40, // 40 x 132 kW = 5.28 MW of IT per new pod
        max_new_pods: 3,
        // Two cooling types (one drinks water against the 300 m3/day allowance, one does not) keep the
        // enumeration, with its three conversion months, quick in a debug build.
        cooling_types: vec![CoolingType::DryCooler, CoolingType::EvaporativeTower],
        mode,
        ..Settings::default()
    }
}

/// Firm power at the asked redundancy, by hand: each transformer and turbine is a unit.
fn firm_power(s: &Scenario) -> f64 {
    let mut units = Vec::new();
    for c in &s.components {
        match &c.kind {
            ComponentKind::Substation(x) => {
                for _ in 0..x.transformers {
                    units.push(x.capacity_mva * x.power_factor / x.transformers as f64);
                }
            }
            ComponentKind::GasTurbine(t) => units.push(t.capacity_mw),
            _ => {}
        }
    }
    firm_of(&units, s.assumptions.ai_power_redundancy)
}

fn firm_cooling(s: &Scenario) -> f64 {
    let mut units = Vec::new();
    for c in &s.components {
        if let ComponentKind::CoolingPlant(p) = &c.kind {
            for _ in 0..p.units {
                units.push(p.capacity_mw_th / p.units as f64);
            }
        }
    }
    firm_of(&units, s.assumptions.ai_cooling_redundancy)
}

fn firm_of(units: &[f64], r: Redundancy) -> f64 {
    let total: f64 = units.iter().sum();
    match r {
        Redundancy::N => total,
        Redundancy::NPlus1 => total - units.iter().cloned().fold(0.0, f64::max),
        Redundancy::TwoN => total / 2.0,
    }
}

/// Every constraint of MODEL.md checked on a design's scenario, independently of the optimizer's own checks.
fn constraint_problems(s: &Scenario, budget: Option<f64>, added: &[u64]) -> Vec<String> {
    let e = evaluate(s);
    let k = &e.kpis;
    let mut out = Vec::new();
    if k.grid_headroom_mw < -1e-6 {
        out.push(format!("power: headroom {}", k.grid_headroom_mw));
    }
    if k.cooling_headroom_mw < -1e-6 {
        out.push(format!("cooling: headroom {}", k.cooling_headroom_mw));
    }
    // AI facility power and heat at full build: the capacity-weighted loss and parasitic ratios.
    let (mut grid, mut loss, mut cool, mut par) = (0.0, 0.0, 0.0, 0.0);
    for c in &s.components {
        match &c.kind {
            ComponentKind::Substation(x) => {
                grid += x.usable_mw();
                loss += x.usable_mw() * x.loss_ratio;
            }
            ComponentKind::CoolingPlant(p) => {
                cool += p.capacity_mw_th;
                par += p.capacity_mw_th * p.parasitic_ratio;
            }
            _ => {}
        }
    }
    let (l, p) = (if grid > 0.0 { loss / grid } else { 0.0 }, if cool > 0.0 { par / cool } else { 0.0 });
    let (mut ai_power, mut ai_heat) = (0.0, 0.0);
    for c in &s.components {
        if let ComponentKind::GpuPod(g) = &c.kind {
            ai_power += g.it_mw() * (1.0 + g.overhead + p) / (1.0 - l);
            ai_heat += g.it_mw();
        }
    }
    if ai_power > firm_power(s) + 1e-6 {
        out.push(format!("firm power: AI needs {ai_power} MW, firm {}", firm_power(s)));
    }
    if ai_heat > firm_cooling(s) + 1e-6 {
        out.push(format!("firm cooling: AI heat {ai_heat} MW_th, firm {}", firm_cooling(s)));
    }
    if let Some(limit) = s.assumptions.water_limit_m3_per_day
        && k.water_m3_per_day > limit + 1e-6
    {
        out.push(format!("water: {} m3/day", k.water_m3_per_day));
    }
    // The budget counts every purchase within the horizon except hardware refreshes (a part's hardware
    // bought after its first purchase).
    let horizon = s.assumptions.horizon_months() as u32;
    let mut first_hardware = std::collections::HashMap::new();
    for i in e.capex_items.iter().filter(|i| i.class == CapexClass::ItHardware) {
        let m = first_hardware.entry(i.component).or_insert(i.month);
        *m = (*m).min(i.month);
    }
    let counted: f64 = (e.capex_items.iter())
        .filter(|i| i.month < horizon)
        .filter(|i| i.class != CapexClass::ItHardware || first_hardware[&i.component] == i.month)
        .map(|i| i.usd)
        .sum();
    if let Some(b) = budget
        && counted > b + 1e-6
    {
        out.push(format!("budget: {counted}"));
    }
    for c in s.components.iter().filter(|c| added.contains(&c.id)) {
        if !c.rect.inside(&s.boundary) {
            out.push(format!("{} is outside the boundary", c.name));
        }
        // A pod and the hall it converts share their ground (MODEL.md "Phasing").
        let converts =
            |a: &Component, b: &Component| matches!(&a.kind, ComponentKind::GpuPod(p) if p.converts == Some(b.id));
        for o in s.components.iter().filter(|o| o.id != c.id && !converts(c, o) && !converts(o, c)) {
            if c.rect.overlaps(&o.rect) {
                out.push(format!("{} overlaps {}", c.name, o.name));
            }
        }
    }
    out
}

/// Objectives in the order of `Values`.
const OBJECTIVES: [Objective; 5] =
    [Objective::Npv, Objective::EquityNpv, Objective::EquityIrr, Objective::TimeToPower, Objective::P10Npv];

/// One enumerated design: each objective's value (`None` when the design does not qualify) and its NPV.
struct Values {
    by_objective: [Option<f64>; 5],
    npv: f64,
}

/// The objectives' values of a scenario, computed here from the model, the financing view and the risk run.
fn values_of(s: &Scenario, with_p10: bool) -> Values {
    let e = evaluate(s);
    let npv = e.kpis.npv_usd;
    let f = financing::evaluate(s, &e);
    let first_ai = (0..e.series.len())
        .find(|&m| e.series.revenue_colocation[m] + e.series.revenue_gpu_cloud[m] > 0.0)
        .map(|m| -(m as f64));
    let p10 = with_p10.then(|| {
        let mut risk = s.assumptions.risk.clone();
        risk.draws = 200;
        powerplot::model::risk::run_with(s, &risk, &Default::default()).and_then(|r| r.npv.p10)
    });
    Values {
        by_objective: [
            Some(npv),
            Some(f.kpis.equity_npv_usd),
            mirr_annual(&f.series.cash_flow_equity, s.assumptions.debt_rate, s.assumptions.discount_rate),
            first_ai.filter(|_| e.kpis.it_load_ai_mw > 0.0 && npv > 0.0),
            p10.flatten(),
        ],
        npv,
    }
}

/// Every design of the site: each hall's open choices, both pod models, 0 to `max_new_pods` pods, the cooling
/// types and the substation options of `settings`; the feasible ones and the current design, with their values.
fn enumerate(base: &Scenario, settings: &Settings, with_p10: bool) -> Vec<Values> {
    let space = Space::new(base, settings.system, settings.pod_systems, &|_| None);
    let mut out = vec![values_of(&space.build(&space.current_design(), true).scenario, with_p10)];
    let mut subs: Vec<Option<u32>> = vec![None];
    if settings.allow_substation {
        subs.extend(SUBSTATION_SIZES_MVA.iter().map(|&s| Some(s)));
    }
    let mut mixes: Vec<Vec<HallChoice>> = vec![vec![]];
    for _ in &space.halls {
        mixes = mixes.into_iter().flat_map(|m| HallChoice::ALL.map(|c| [m.clone(), vec![c]].concat())).collect();
    }
    for halls in &mixes {
        // The conversion month matters only where a hall converts (0, the April 2028 halving, 24).
        let converts = halls.iter().any(|c| matches!(c, HallChoice::Colocation | HallChoice::GpuCloud));
        let timings: &[ConversionTiming] = if converts { &ConversionTiming::ALL } else { &[ConversionTiming::Now] };
        for &conversion in timings {
            for business in BusinessModel::ALL {
                for n in 0..=settings.max_new_pods {
                    for &cooling in &settings.cooling_types {
                        for &sub in &subs {
                            let d = Design {
                                current: false,
                                halls: halls.clone(),
                                conversion,
                                new_pods: n,
                                pod_business: business,
                                cooling: Some(cooling),
                                replace_plants: false,
                                substation_mva: sub,
                            };
                            let built = space.build(&d, true);
                            if built.placed
                                && constraint_problems(&built.scenario, settings.budget_usd, &built.added).is_empty()
                            {
                                out.push(values_of(&built.scenario, with_p10));
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

/// The best value of objective `k` (a qualifying design beats one that does not; ties by NPV).
fn best_of(all: &[Values], k: usize) -> (Option<f64>, f64) {
    let mut best: (Option<f64>, f64) = (None, f64::NEG_INFINITY);
    for x in all {
        let v = x.by_objective[k];
        let better = match (v, best.0) {
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (Some(a), Some(b)) => a > b || (a == b && x.npv > best.1),
            (None, None) => x.npv > best.1,
        };
        if better {
            best = (v, x.npv);
        }
    }
    best
}

fn value_of(objective: Objective, c: &Candidate) -> (Option<f64>, f64) {
    let v = c.score.value(objective).map(|v| if objective == Objective::TimeToPower { -v } else { v });
    (v, c.figures.npv_usd)
}

fn assert_close(a: f64, b: f64, what: &str) {
    assert!((a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0), "{what}: {a} vs {b}");
}

#[test]
fn best_equals_the_enumerated_best_for_every_objective_exact_and_heuristic() {
    let base = small_site();
    let all = enumerate(&base, &small_settings(Objective::Npv, SearchMode::Exact), false);
    assert!(all.len() > 50, "the small site has a real choice ({} feasible designs)", all.len());
    for (k, objective) in OBJECTIVES.into_iter().enumerate().take(4) {
        let (want, want_npv) = best_of(&all, k);
        for mode in [SearchMode::Exact, SearchMode::Heuristic] {
            let r = optimize(&base, &small_settings(objective, mode), &Progress::default());
            assert_eq!(r.mode, mode);
            let (got, got_npv) = value_of(objective, &r.best[0]);
            let what = format!("{} by {mode:?}", objective.name());
            match (got, want) {
                (Some(g), Some(w)) => assert_close(g, w, &what),
                _ => assert_eq!(got.is_some(), want.is_some(), "{what}"),
            }
            assert_close(got_npv, want_npv, &format!("{what} (NPV tie-break)"));
        }
    }
}

#[test]
fn p10_best_equals_the_enumerated_best_on_a_one_hall_site() {
    // One hall, one cooling type, no substation option, at most one new pod: 4 x (1 + 2 x 1) designs, each
    // with 200 draws.
    let mut base = small_site();
    base.components.retain(|c| c.id != 3);
    let settings = Settings {
        allow_substation: false,
        max_new_pods: 1,
        cooling_types: vec![CoolingType::AdiabaticDryCooler],
        ..small_settings(Objective::P10Npv, SearchMode::Exact)
    };
    let all = enumerate(&base, &settings, true);
    let (want, _) = best_of(&all, 4);
    let r = optimize(&base, &settings, &Progress::default());
    let (got, _) = value_of(Objective::P10Npv, &r.best[0]);
    assert_close(got.expect("a P10"), want.expect("a P10"), "p10_npv");
    assert!(r.best[0].figures.p10_npv_usd.expect("P10") < r.best[0].figures.npv_usd, "P10 lies below the base NPV");
}

#[test]
fn every_design_returned_meets_every_constraint() {
    let base = small_site();
    for objective in [Objective::Npv, Objective::EquityIrr, Objective::TimeToPower] {
        for mode in [SearchMode::Exact, SearchMode::Heuristic] {
            let settings = small_settings(objective, mode);
            let r = optimize(&base, &settings, &Progress::default());
            assert!(!r.best.is_empty());
            for c in &r.best {
                let s = c.scenario.as_ref().expect("the scenario of a returned design");
                let added: Vec<u64> =
                    s.components.iter().filter(|x| base.component(x.id).is_none()).map(|x| x.id).collect();
                if c.design.current {
                    assert!(c.violation.is_some(), "the current design lacks cooling for hall B, yet is a candidate");
                    continue;
                }
                let problems = constraint_problems(s, settings.budget_usd, &added);
                assert!(problems.is_empty(), "{}: {:?}: {problems:?}", objective.name(), c.changes);
            }
            let keys: Vec<_> = r.best.iter().map(|c| c.design.key()).collect();
            for (i, k) in keys.iter().enumerate() {
                assert!(!keys[i + 1..].contains(k), "the designs shown differ in a hall's choice or the pod count");
            }
        }
    }
}

#[test]
fn the_demo_designs_meet_every_constraint_and_beat_the_current_design() {
    let project = powerplot::model::demo::demo_project();
    let base = &project.scenarios[0];
    let settings = Settings { budget_usd: Some(3e9), ..Settings::default() };
    let r = optimize(base, &settings, &Progress::default());
    assert_eq!(r.mode, SearchMode::Heuristic, "the demo's space is too large to enumerate");
    assert_eq!(r.best.len(), 5);
    for c in &r.best {
        let s = c.scenario.as_ref().expect("scenario");
        let added: Vec<u64> = s.components.iter().filter(|x| base.component(x.id).is_none()).map(|x| x.id).collect();
        let problems = constraint_problems(s, settings.budget_usd, &added);
        assert!(problems.is_empty(), "{:?}: {problems:?}", c.changes);
        assert!(c.budget_capex_usd <= 3e9);
        assert!(c.figures.npv_usd >= r.current.figures.npv_usd);
    }
}

#[test]
fn a_new_plant_is_the_uncovered_heat_rounded_up_with_a_fifth_unit_at_n_plus_1() {
    // 39.6 MW_th -> 40 MW_th in 4 units of 10; N+1 adds a fifth: 50 MW_th in 5 units.
    assert_eq!(plant_size(39.6, Redundancy::NPlus1), (50.0, 5));
    assert_eq!(plant_size(39.6, Redundancy::N), (40.0, 4));
    assert_eq!(plant_size(40.0, Redundancy::NPlus1), (50.0, 5), "a whole MW_th is not rounded up again");
}

#[test]
fn retrofits_keep_the_hall_rectangle_and_round_down_to_whole_systems() {
    let base = small_site();
    let space = Space::new(&base, &GPU_SYSTEMS[2], 40, &|_| None);
    let d = Design {
        current: false,
        halls: vec![HallChoice::Colocation, HallChoice::Remove],
        conversion: ConversionTiming::FirstHalving,
        new_pods: 1,
        pod_business: BusinessModel::GpuCloud,
        cooling: Some(CoolingType::DryCooler),
        replace_plants: false,
        substation_mva: None,
    };
    let built = space.build(&d, true);
    let s = &built.scenario;
    // Hall A: 10.5 MW / 132 kW = 79.5 -> 79 racks, colocation, retrofit, 12 months, in the hall's rectangle;
    // the pod converts the hall, which mines until the conversion starts at the April 2028 halving (month 15).
    assert!(s.component(2).is_some(), "hall A stays, mining until its conversion starts");
    let a = s.components.iter().find(|c| c.name == "Hall A -> colocation retrofit").expect("hall A's pod");
    let ComponentKind::GpuPod(p) = &a.kind else { panic!("hall A's pod is a pod") };
    assert_eq!((p.system_count, p.business, p.retrofit, p.converts), (79, BusinessModel::Colocation, true, Some(2)));
    assert_eq!((a.rect, a.lead_time_months, a.existing), (Rect::new(60.0, 10.0, 100.0, 40.0), 12, false));
    assert_eq!(a.build_start_month, 15);
    assert!(s.component(3).is_none(), "hall B removed");
    // AI heat 79 x 0.132 + 40 x 0.132 = 15.708 MW_th, no plant yet -> 16 MW_th, N+1: 20 MW_th in 5 units.
    let plant = s.components.iter().find_map(|c| match &c.kind {
        ComponentKind::CoolingPlant(p) => Some(p.clone()),
        _ => None,
    });
    let plant = plant.expect("a new plant");
    assert_eq!((plant.capacity_mw_th, plant.units, plant.cooling_type), (20.0, 5, CoolingType::DryCooler));
    assert!(built.placed);
}

#[test]
fn placement_scans_from_the_top_left_in_10_m_steps_with_10_m_clearance() {
    // A 100 x 100 m site with a part at (0, 0, 25, 25): a 20 x 20 part cannot start before x = 40 on the first
    // row (25 + 10 clearance = 35, next 10 m step 40); a second one goes to x = 70 (40 + 20 + 10). A third does
    // not fit on row 0 (70 + 20 + 10 = 100, and 100 + 20 > 100), nor on rows y = 10 and 20 (within 10 m of the
    // parts above); on row y = 30 x = 0 is within 10 m of the first part (25 + 10 = 35 > 30), x = 40 is clear
    // (10 m below the part at (40, 0) and 10 m left of the one at (70, 0)).
    let mut placer = Placer::new(Rect::new(0.0, 0.0, 100.0, 100.0), std::iter::once(Rect::new(0.0, 0.0, 25.0, 25.0)));
    assert_eq!(placer.place(20.0, 20.0), Some(Rect::new(40.0, 0.0, 20.0, 20.0)));
    assert_eq!(placer.place(20.0, 20.0), Some(Rect::new(70.0, 0.0, 20.0, 20.0)));
    assert_eq!(placer.place(20.0, 20.0), Some(Rect::new(40.0, 30.0, 20.0, 20.0)));
    assert_eq!(placer.place(200.0, 20.0), None, "wider than the site");
}

#[test]
fn footprints_follow_the_density_rules() {
    // 100 GB200 racks = 13.2 MW = 1,100 m2 at 12 kW/m2, aspect 3:2 -> about 40.6 x 27.1 m.
    let mut pod = Component::new(9, KindTag::GpuPod, "p", 0.0, 0.0);
    if let ComponentKind::GpuPod(p) = &mut pod.kind {
        p.apply_preset(&GPU_SYSTEMS[2]);
        p.system_count = 100;
    }
    let (w, h) = footprint(&pod);
    assert_close(w * h, 1_100.0, "pod area");
    assert_close(w / h, 1.5, "pod aspect");
    // A 100 MVA substation: 4,000 m2.
    let sub = Component::new(9, KindTag::Substation, "s", 0.0, 0.0);
    let (w, h) = footprint(&sub);
    assert_close(w * h, 4_000.0, "substation area");
}

#[test]
fn mirr_matches_numpy_financial() {
    // Monthly finance rate 1 %, reinvestment 0.8 %: npf.mirr = 0.09406431441237917 a month.
    let finance = 1.01f64.powi(12) - 1.0;
    let reinvest = 1.008f64.powi(12) - 1.0;
    let got = mirr_annual(&[-100.0, 30.0, -20.0, 80.0, 60.0], finance, reinvest).expect("mirr");
    assert_close(got, 1.094_064_314_412_379_2f64.powi(12) - 1.0, "annualized MIRR");
    assert_eq!(mirr_annual(&[10.0, 20.0], finance, reinvest), None, "no negative flow: no MIRR");
}

/// A 600 x 400 m site on an existing 40 MVA substation (two transformers: 38 MW, firm 19 MW at N+1) with one
/// existing air-cooled hall of 3,000 S21 (10.5 MW) and no cooling plant. `approved` is the approved
/// interconnection (MVA).
fn grid_site(approved: Option<f64>) -> Scenario {
    let mut s = Scenario::new("Grid site");
    s.boundary = Rect::new(0.0, 0.0, 600.0, 400.0);
    s.assumptions.interconnection_mva = approved;
    let mut sub = Component::new(1, KindTag::Substation, "S1", 10.0, 10.0);
    sub.rect = Rect::new(10.0, 10.0, 40.0, 30.0);
    sub.existing = true;
    sub.kind = ComponentKind::Substation(Substation { capacity_mva: 40.0, ..Substation::default() });
    s.components.push(sub);
    s.components.push(hall(2, "Hall A", Rect::new(60.0, 10.0, 100.0, 40.0), 3_000, 0));
    s
}

/// New pods of 100 GB200 racks (13.2 MW), at most 4, one cooling type: a small space.
fn grid_settings() -> Settings {
    Settings {
        max_new_pods: 4,
        cooling_types: vec![CoolingType::DryCooler],
        hall_choices: vec![(2, vec![HallChoice::Keep])],
        ..Settings::default()
    }
}

#[test]
fn with_spare_approved_mva_the_best_design_stays_within_the_approval() {
    // Approved 100 MVA against 40 built: a 50 MVA substation fits within it (no queue), a 100 MVA one would
    // wait 48 months for a request with even odds.
    let r = optimize(&grid_site(Some(100.0)), &grid_settings(), &Progress::default());
    let best = &r.best[0];
    assert!(best.design.new_pods > 0, "AI pods pay here: {:?}", best.changes);
    assert_eq!(best.kpis.mva_beyond_approval, 0.0, "{:?}", best.changes);
    assert_eq!(best.figures.npv_expected_usd, None, "nothing waits for a request");
    assert_eq!(best.design.substation_mva, Some(50));
}

#[test]
fn an_expansion_beyond_the_approval_pays_only_when_its_queue_is_short() {
    // Nothing approved beyond the 40 MVA built. A new substation waits the queue, then its 36 months.
    let mut short = grid_site(None);
    short.assumptions.interconnection_queue_months = 0;
    let r = optimize(&short, &grid_settings(), &Progress::default());
    let best = &r.best[0];
    assert!(best.kpis.mva_beyond_approval > 0.0, "a short queue: the expansion pays ({:?})", best.changes);
    let expected = best.figures.npv_expected_usd.expect("ranked on the expected NPV");
    // Rule 6 by hand: p x NPV(approved) + (1 - p) x NPV(refused), p = 0.5.
    let refused = best.kpis.npv_if_refused_usd.expect("the refused run");
    assert_close(expected, 0.5 * best.figures.npv_usd + 0.5 * refused, "expected NPV");
    assert!(best.changes.iter().any(|c| c.contains("waits for the grid request")), "{:?}", best.changes);

    let mut long = grid_site(None);
    long.assumptions.interconnection_queue_months = 96;
    let r = optimize(&long, &grid_settings(), &Progress::default());
    let best = &r.best[0];
    assert_eq!(best.kpis.mva_beyond_approval, 0.0, "an 8-year queue: no expansion pays ({:?})", best.changes);
}

#[test]
fn a_conversion_timed_at_the_halving_beats_one_at_once_where_mining_pays_until_then() {
    // Hashprice at $150/PH/day: hall A's 600 PH/s earn about $2.7M a month before the April 2028 halving
    // (month 15) and half that after it, while its GB200 colocation retrofit earns less than the first and
    // more than the second. Hall A may only be converted; the timing is the search's choice.
    let mut s = grid_site(Some(100.0));
    s.assumptions.hashprice_usd_per_ph_day = 150.0;
    let settings = Settings {
        max_new_pods: 0,
        allow_substation: false,
        cooling_types: vec![CoolingType::DryCooler],
        hall_choices: vec![(2, vec![HallChoice::Colocation])],
        mode: SearchMode::Exact,
        ..Settings::default()
    };
    let r = optimize(&s, &settings, &Progress::default());
    let by_timing = |t: ConversionTiming| {
        r.best.iter().find(|c| !c.design.current && c.design.conversion == t).map(|c| c.figures.npv_usd)
    };
    let halving = by_timing(ConversionTiming::FirstHalving).expect("the halving timing");
    let now = by_timing(ConversionTiming::Now).expect("the immediate timing");
    assert!(halving > now, "halving {halving} vs at once {now}");
    let best = r.best.iter().find(|c| !c.design.current).expect("a conversion");
    assert_eq!(best.design.conversion, ConversionTiming::FirstHalving);
    let pod = best.scenario.as_ref().and_then(|s| s.components.iter().find(|c| c.name.contains("retrofit")));
    assert_eq!(pod.map(|p| p.build_start_month), Some(15), "hall A mines until April 2028");
}

#[test]
fn new_pods_start_just_in_time_for_the_power_and_cooling_they_need() {
    // By hand. Existing: 40 MVA in two transformers (38 MW; firm 19 MW at N+1), no plant, no hall choice.
    // Design: two new colocation pods of 100 GB200 racks (13.2 MW IT each), a new dry cooler and a new 50 MVA
    // substation (within a 100 MVA approval, so no queue).
    // - The plant: 26.4 MW_th of AI heat -> 27 MW_th, 33.75 at N+1 in 5 units; earliest online month 12.
    // - Substation: starts at 0, online at 36. With it firm power is 38 + 47.5 - 23.75 = 61.75 MW.
    // - Pod 1 needs 13.2 MW x (1 + 0.1 overhead + 0.04 plant) / (1 - 0.01 loss) = 15.2 MW <= 19 MW of firm power
    //   at month 0 and 13.2 MW_th <= firm cooling from month 12 (the plant's 27 MW_th firm): online 12 at the
    //   earliest, so it starts at max(0, 12 - 15) = 0 and comes online at 15.
    // - Pods 1 + 2 need 30.4 MW > 19: they wait for the substation (month 36): pod 2 starts at 36 - 15 = 21.
    // - The plant is online when the first load it cools is (pod 1, month 15): it starts at 15 - 12 = 3.
    let base = grid_site(Some(100.0));
    let space = Space::new(&base, &GPU_SYSTEMS[2], 100, &|_| None);
    let d = Design {
        current: false,
        halls: vec![HallChoice::Keep],
        conversion: ConversionTiming::Now,
        new_pods: 2,
        pod_business: BusinessModel::Colocation,
        cooling: Some(CoolingType::DryCooler),
        replace_plants: false,
        substation_mva: Some(50),
    };
    let built = space.build(&d, true);
    let start =
        |name: &str| built.scenario.components.iter().find(|c| c.name.starts_with(name)).map(|c| c.build_start_month);
    assert_eq!(start("New substation"), Some(0));
    assert_eq!(start("New AI pod 1"), Some(0));
    assert_eq!(start("New AI pod 2"), Some(21));
    assert_eq!(start("New dry cooler"), Some(3));
    let e = evaluate(&built.scenario);
    assert_eq!(e.kpis.full_power_month, 36, "pod 2 and the substation online together");
}

#[test]
fn the_water_limited_example_swaps_its_towers_for_dry_coolers() {
    let text = include_str!("../../saves/water_limited_dry_coolers.ron");
    let project = powerplot::project_file::parse_project(text, "water_limited_dry_coolers.ron").expect("loads");
    let towers = &project.scenarios[0];
    let settings =
        Settings { max_new_pods: 1, allow_substation: false, mode: SearchMode::Heuristic, ..Settings::default() };
    let r = optimize(towers, &settings, &Progress::default());
    assert_eq!(r.current.violation, Some(powerplot::model::optimize::full_build::Violation::FirmCooling));
    let best = &r.best[0];
    assert!(best.design.replace_plants, "{:?}", best.changes);
    assert_eq!(best.design.cooling, Some(CoolingType::DryCooler));
    let limit = towers.assumptions.water_limit_m3_per_day.expect("a limit");
    assert!(best.kpis.water_m3_per_day <= limit, "{} m3/day", best.kpis.water_m3_per_day);
    let s = best.scenario.as_ref().expect("scenario");
    assert!(s.components.iter().all(|c| !c.name.contains("tower") || c.retire_month.is_some()), "towers gone");
}

#[test]
fn the_greenfield_example_gets_a_reason() {
    let text = include_str!("../../saves/greenfield_ai_campus.ron");
    let project = powerplot::project_file::parse_project(text, "greenfield_ai_campus.ron").expect("loads");
    let settings = Settings { max_new_pods: 2, cooling_types: vec![CoolingType::DryCooler], ..Settings::default() };
    let r = optimize(&project.scenarios[0], &settings, &Progress::default());
    assert!(!r.best.is_empty(), "the current design is always an answer");
    let why = r.rejection_summary().expect("only the current design passes: the rejections are counted");
    let total: usize = r.rejected.iter().map(|x| x.1).sum();
    assert!(total > 0 && why.contains(&format!("{total} designs rejected")), "{why}");
    let reason = powerplot::outputs::optimize::no_pay_reason(&r).expect("it does not pay, and says why");
    assert!(reason.contains("month 84") && reason.contains("grid request"), "{reason}");
}

#[test]
fn twelve_distinct_halls_are_searched_without_listing_their_mixes() {
    // 12 existing halls of different sizes: 4^12 x 3 timings x 2 pod models mixes, far too many to list; the
    // local search over the halls' classes simulates a bounded number of designs.
    let mut s = small_site();
    s.components.retain(|c| c.tag() != KindTag::AsicHall);
    s.boundary = Rect::new(0.0, 0.0, 1_000.0, 600.0);
    for i in 0..12u64 {
        let rect = Rect::new(60.0 + (i % 4) as f64 * 120.0, 10.0 + (i / 4) as f64 * 60.0, 100.0, 40.0);
        s.components.push(hall(10 + i, &format!("Hall {i}"), rect, 500 + 50 * i as u32, 0));
    }
    let settings = Settings {
        max_new_pods: 1,
        pod_systems: 40,
        allow_substation: false,
        cooling_types: vec![CoolingType::DryCooler],
        ..Settings::default()
    };
    let progress = Progress::default();
    let r = optimize(&s, &settings, &progress);
    assert_eq!(r.mode, SearchMode::Heuristic);
    assert!(r.space_size > 1_000_000, "{} designs in the space", r.space_size);
    assert!(r.evaluated < 3_000, "{} designs simulated", r.evaluated);
    assert_eq!(r.tried.len(), r.evaluated, "one point per design simulated, nothing else kept");
    assert!(!r.best.is_empty() && r.best[0].violation.is_none());
    assert!(r.best[0].score >= r.current.score);
    assert_eq!(progress.fraction(), 1.0);
}
