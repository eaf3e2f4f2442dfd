//! MODEL.md third layer, worked by hand: phasing (build start, retirement, conversion, vintage, escalation),
//! existing halls as installed, and the approved interconnection (requests, queue, upgrade, expected NPV).

use crate::support::*;
use powerplot::model::schedule;
use powerplot::model::{
    CapexClass, ComponentKind, HallCooling, LoadState, Shocks, WarningKind, evaluate, evaluate_with,
};

fn start(mut c: powerplot::model::Component, month: u32) -> powerplot::model::Component {
    c.build_start_month = month;
    c
}

fn retire(mut c: powerplot::model::Component, month: u32) -> powerplot::model::Component {
    c.retire_month = Some(month);
    c
}

/// A retrofit colocation pod of 1 MW that converts hall `hall`.
fn conversion(id: u64, hall: u64, build_start: u32) -> powerplot::model::Component {
    let mut pod = start(lead(colo_pod(id, 10), 12), build_start);
    let p = pod_mut(&mut pod);
    p.retrofit = true;
    p.converts = Some(hall);
    pod
}

#[test]
fn a_hall_converted_at_month_12_mines_until_then_and_its_pod_follows_a_lead_time_later() {
    let s = scenario_with(vec![
        existing(substation(1, 100.0)),
        existing(hall(2, 1000)),
        conversion(3, 2, 12),
        existing(ideal_plant(4, 50.0)),
    ]);
    let e = evaluate(&s);
    // The hall mines months 0-11 (5 MW) and is gone from month 12, when the conversion starts.
    close(e.series.it_mining_mw[11], 5.0);
    assert_eq!(e.series.it_mining_mw[12], 0.0);
    assert_eq!(e.component(2).unwrap().retire_month, Some(12));
    // The pod comes online at 12 + 12 = 24: 1,000 kW at $150 a month.
    assert_eq!(e.component(3).unwrap().online_month, 24);
    assert_eq!(e.series.it_ai_mw[23], 0.0);
    close(e.series.revenue_colocation[24], 150_000.0);
    // Its capex: only the premium (1 MW x $350k x 9 = $3.15M; the hall's 5 MW of installed IT covers the
    // pod's 1 MW), spent in month 12 and escalated by 1.03^(12/12).
    close(e.series.capex[12], 3_244_500.0);
    close(e.series.capex[0], 0.0);
    // A pod and the hall it converts share their ground without an overlap warning, and the hall is not
    // "never online".
    assert!(!e.warnings.iter().any(|w| w.kind == WarningKind::NeverOnline));
}

#[test]
fn a_substation_within_the_approval_waits_its_lead_time_and_one_beyond_it_the_queue_too() {
    let mut s = scenario_with(vec![existing(substation(1, 100.0)), substation(2, 50.0), substation(3, 100.0)]);
    s.assumptions.interconnection_mva = Some(150.0);
    let e = evaluate(&s);
    let online: Vec<u32> = e.components.iter().map(|c| c.online_month).collect();
    // 100 + 50 fits the 150 MVA approved: 36 months. 100 + 50 + 100 does not: 48 months of queue + 36.
    assert_eq!(online, [0, 36, 84]);
    close(e.kpis.interconnection_mva, 150.0);
    close(e.kpis.mva_beyond_approval, 100.0);
    let request: Vec<_> = e.warnings.iter().filter(|w| w.kind == WarningKind::InterconnectionRequest).collect();
    assert_eq!(request.len(), 1);
    assert_eq!(request[0].components, [3]);
    assert!(request[0].message.contains("Jan 2034"), "{}", request[0].message);

    // Without permits in hand (24 months), the permits and the queue run side by side: the substation within
    // the approval waits 24 + 36 = 60, the one beyond max(48, 24) + 36 = 84.
    s.assumptions.permits_in_hand = false;
    s.assumptions.permitting_months = 24;
    let online: Vec<u32> = evaluate(&s).components.iter().map(|c| c.online_month).collect();
    assert_eq!(online, [0, 60, 84]);
    s.assumptions.permitting_months = 60;
    let online: Vec<u32> = evaluate(&s).components.iter().map(|c| c.online_month).collect();
    assert_eq!(online, [0, 96, 96]);
}

#[test]
fn a_queued_substation_pays_its_network_upgrade_escalated_in_its_construction_month() {
    // 100 MVA approved (the existing substation); a new 50 MVA one at PF 0.95 requested in month 6 is wholly
    // beyond it: built from month 6 + 48 = 54, online at 54 + 36 = 90.
    let mut s = scenario_with(vec![existing(substation(1, 100.0)), start(substation_with(2, 50.0, 0.95, 0.0), 6)]);
    s.assumptions.interconnection_mva = None;
    s.assumptions.network_upgrade_usd_per_kw = 200.0;
    let e = evaluate(&s);
    assert_eq!(e.component(2).unwrap().online_month, 90);
    // $15M of substation + $200/kW x 50 MVA x 0.95 x 1,000 = $9.5M of upgrade, x 1.03^(54/12) = 1.142267.
    close(e.series.capex[54], 27_985_533.827_202_66);
    close(e.kpis.capex_substation_usd, 27_985_533.827_202_66);
    assert_eq!(e.series.capex.iter().filter(|&&k| k != 0.0).count(), 1);
}

#[test]
fn a_retired_plant_takes_its_cooling_with_it() {
    let s = scenario_with(vec![
        existing(substation(1, 100.0)),
        existing(with_cooling(hall(2, 1000), HallCooling::Hydro, 0.03)),
        retire(existing(ideal_plant(3, 20.0)), 24),
    ]);
    let e = evaluate(&s);
    close(e.series.it_mining_mw[23], 5.0);
    assert_eq!(e.series.it_mining_mw[24], 0.0);
    close(e.series.it_unserved_mw[24], 5.0);
}

#[test]
fn the_refresh_test_counts_only_the_months_before_retirement() {
    // The refreshed fleet (152.4 PH/s after 4 years of 10 % gains) earns $282,401 a month over its power. Its
    // $1M price is repaid by 5 months before retirement ($1.39M at 10 %/yr) but not by 3 ($0.84M).
    let fleet = |retire_at: u32| {
        let s = scenario_with(vec![existing(substation(1, 100.0)), retire(existing(hall(2, 1000)), retire_at)]);
        evaluate(&s)
    };
    let kept = fleet(53);
    assert_eq!(kept.component(2).unwrap().stopped_month, None);
    close(kept.series.capex[48], 1_000_000.0);
    let declined = fleet(51);
    assert_eq!(declined.component(2).unwrap().stopped_month, Some(48));
    assert!(declined.component(2).unwrap().refresh_declined);
    // A boundary at retirement is no refresh at all, and no failed one.
    let gone = fleet(48);
    assert_eq!(gone.component(2).unwrap().stopped_month, None);
    assert!(!gone.warnings.iter().any(|w| w.kind == WarningKind::FleetStopped));
    assert_eq!(gone.series.capex[48], 0.0);
}

#[test]
fn the_full_build_leaves_out_a_hall_retired_before_full_power() {
    let s = scenario_with(vec![
        existing(substation(1, 100.0)),
        retire(existing(hall(2, 1000)), 12),
        lead(hall(3, 2000), 24),
    ]);
    let e = evaluate(&s);
    assert_eq!(e.kpis.full_power_month, 24);
    assert_eq!(e.kpis.full_power_set_by, Some(3));
    close(e.kpis.it_load_mw, 10.0);
    close(e.kpis.hashrate_ph_s, 200.0);
    assert_eq!(e.component(2).unwrap().state, LoadState::Retired);
}

#[test]
fn an_existing_hall_with_a_new_miner_buys_its_fleet_in_month_zero() {
    let mut changed = existing(hall(2, 1000));
    hall_mut(&mut changed).record_installed();
    let h = hall_mut(&mut changed);
    h.miner_model = "Faster miner".to_string();
    h.miner_th_s = 150.0;
    let e = evaluate(&scenario_with(vec![existing(substation(1, 100.0)), changed.clone()]));
    // The whole fleet: 1,000 x 150 TH/s x $10, as hardware.
    close(e.series.capex[0], 1_500_000.0);
    assert!(e.capex_items.iter().any(|i| i.month == 0 && i.usd == 1_500_000.0 && i.class == CapexClass::ItHardware));

    // Only more miners of the installed model: the 200 extra ($200k) and the facility for their 1 MW ($350k).
    let mut bigger = existing(hall(2, 1000));
    hall_mut(&mut bigger).record_installed();
    hall_mut(&mut bigger).miner_count = 1200;
    let e = evaluate(&scenario_with(vec![existing(substation(1, 100.0)), bigger]));
    close(e.series.capex[0], 550_000.0);
    close(e.kpis.capex_facility_base_usd, 350_000.0);
}

#[test]
fn hardware_bought_late_is_of_its_time() {
    // A hall started in month 24 is online at 30 with miners of 100 / 0.9^2.5 = 130.13 TH/s: it mines
    // 130.13 PH/s x 0.97 x $100 x 30.4167 days = $383,952 in its first month.
    let s = scenario_with(vec![existing(substation(1, 100.0)), start(hall(2, 1000), 24)]);
    let e = evaluate(&s);
    assert_eq!(e.component(2).unwrap().online_month, 30);
    close(e.series.revenue_mining[30], 383_952.128_114_751_25);
    // A GPU-cloud pod started at 24 is online at 39 and buys its 10 systems at $2M x 0.9^(39/12).
    let s = scenario_with(vec![
        existing(substation(1, 100.0)),
        existing(ideal_plant(2, 50.0)),
        start(cloud_pod(3, 10), 24),
    ]);
    let e = evaluate(&s);
    close(e.series.capex[39], 1_420_097.462_288_082_8);
}

#[test]
fn the_expected_npv_weighs_the_refused_run_by_the_odds_and_npv_per_approved_mw_uses_the_approval() {
    let mut s = scenario_with(vec![
        existing(substation(1, 100.0)),
        existing(ideal_plant(2, 200.0)),
        lead(colo_pod(3, 100), 15),
        substation(4, 100.0),
        start(lead(colo_pod(5, 500), 15), 60),
    ]);
    s.assumptions.interconnection_mva = None; // the existing 100 MVA
    s.assumptions.interconnection_approval_probability = 0.3;
    let e = evaluate(&s);
    let refused = evaluate_with(&s, &Shocks { grid_refused: true, ..Shocks::NONE });
    // The refused run builds neither the substation nor the pod started after the refusal (month 48).
    assert_eq!(refused.kpis.capex_substation_usd, 0.0);
    assert!(refused.component(5).unwrap().cancelled && !refused.component(3).unwrap().cancelled);
    let expected = 0.3 * e.kpis.npv_usd + 0.7 * refused.kpis.npv_usd;
    close(e.kpis.npv_expected_usd.unwrap(), expected);
    close(e.kpis.npv_if_refused_usd.unwrap(), refused.kpis.npv_usd);
    // NPV per approved MW: the approval is the existing 100 MVA, x 0.95.
    close(e.kpis.npv_per_approved_mw.unwrap(), e.kpis.npv_usd / 95.0);
    // Without a request there is no expected NPV.
    s.components.truncate(3);
    assert_eq!(evaluate(&s).kpis.npv_expected_usd, None);
}

#[test]
fn a_refused_draw_cancels_loads_started_after_the_decision_and_keeps_a_cancelled_conversions_hall_mining() {
    let s = scenario_with(vec![
        existing(substation(1, 100.0)),
        existing(hall(2, 1000)),
        start(substation(3, 100.0), 10),
        start(colo_pod(4, 10), 57),
        start(colo_pod(5, 10), 58),
        conversion(6, 2, 60),
    ]);
    let mut s = s;
    s.assumptions.interconnection_mva = None; // the existing 100 MVA: the new substation needs a request
    let refused = schedule::of(&s, true);
    // The decision is known at the request's build start + its queue: 10 + 48 = 58.
    assert_eq!(refused.refused_at, Some(58));
    let cancelled: Vec<bool> = refused.parts.iter().map(|p| p.cancelled).collect();
    assert_eq!(cancelled, [false, false, true, false, true, true]);
    assert_eq!(refused.parts[1].retire, None, "the cancelled conversion leaves its hall mining");
    let approved = schedule::of(&s, false);
    assert_eq!(approved.parts[1].retire, Some(60));
    // The refused draw never reaches full power.
    let e = evaluate_with(&s, &Shocks { grid_refused: true, ..Shocks::NONE });
    assert!(e.kpis.grid_refused);
}

#[test]
fn a_load_waiting_for_its_substation_is_told_when_to_start() {
    // The hall is ready at month 6; the 100 MVA approved substation comes at 36. Start it at 36 - 6 = 30.
    let mut s = scenario_with(vec![substation(1, 100.0), hall(2, 1000)]);
    s.assumptions.interconnection_mva = Some(100.0);
    let e = evaluate(&s);
    let w = e.warnings.iter().find(|w| w.kind == WarningKind::WaitingForPower).expect("waiting warning");
    assert_eq!(w.components, [2]);
    assert_eq!(w.fix, Some(powerplot::model::WarningFix::SetBuildStart { component: 2, month: 30 }));
    assert!(w.message.contains("30 months"), "{}", w.message);
    // Applying the fix removes the warning.
    let ComponentKind::AsicHall(_) = s.components[1].kind else { panic!("a hall") };
    s.components[1].build_start_month = 30;
    assert!(!evaluate(&s).warnings.iter().any(|w| w.kind == WarningKind::WaitingForPower));
}

#[test]
fn converts_must_name_an_existing_hall_of_the_scenario_on_a_retrofit_pod_and_only_once() {
    let errors = |parts| {
        powerplot::model::validate_scenario(&scenario_with(parts)).into_iter().filter(|e| e.field == "converts").count()
    };
    assert_eq!(errors(vec![existing(hall(2, 1000)), conversion(3, 2, 0)]), 0, "a valid conversion");
    assert_eq!(errors(vec![conversion(3, 9, 0)]), 1, "no component 9");
    assert_eq!(errors(vec![hall(2, 1000), conversion(3, 2, 0)]), 1, "a new hall cannot be converted");
    let mut plain = conversion(3, 2, 0);
    pod_mut(&mut plain).retrofit = false;
    assert_eq!(errors(vec![existing(hall(2, 1000)), plain]), 1, "only a retrofit converts");
    assert_eq!(
        errors(vec![existing(hall(2, 1000)), conversion(3, 2, 0), conversion(4, 2, 0)]),
        1,
        "no hall is named by two pods"
    );
}
