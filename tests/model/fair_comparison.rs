//! MODEL.md's fair-comparison rules worked by hand: miners switch off when they lose money, mining runs in merit
//! order, a refresh must pay for itself and buys a more efficient fleet, curtailment credits, transmission
//! charges, firm capacity at N, N+1 and 2N, and footprint density. The support builders use round numbers: a
//! test hall is 1,000 miners of 5 kW and 100 TH/s (5 MW, 100 PH/s) with overhead 0.05 and uptime 0.97; on a
//! lossless substation it draws 5.25 MW. `plain_site` has hashprice $100, no decline, no halvings, no pool fee.

use crate::support::*;
use powerplot::model::finance::irr_monthly;
use powerplot::model::footprint::size_to_capacity;
use powerplot::model::{LoadState, Redundancy, WarningKind, YearMonth, evaluate};

const HOURS: f64 = 730.0;
const DAYS: f64 = 365.0 / 12.0;

/// Full-service revenue of a test hall at $100 (no fee): 100 PH/s x $100 x 30.4167 days = $304,166.67.
const HALL_REVENUE: f64 = 100.0 * 100.0 * DAYS;
/// Its energy at full service without uptime: 5.25 MW x 730 h x $45 = $172,462.50.
const HALL_ENERGY_COST: f64 = 5.25 * HOURS * 45.0;

#[test]
fn a_hall_switches_off_at_the_halving_and_its_refresh_is_skipped() {
    // A halving in July 2027 (month 6) halves the revenue to $152,083.33, below the $172,462.50 of power:
    // from month 6 the hall is off (no power, no revenue, no water). At month 48 its fleet's next life would earn
    // nothing (every month's margin is below zero, counted as 0), so it is not bought again and the hall stops.
    // No efficiency gain: a refreshed fleet would earn no more than this one.
    let mut s = scenario_with(vec![existing(substation(1, 100.0)), existing(hall(2, 1000))]);
    s.assumptions.halvings = vec![YearMonth::new(2027, 7)];
    s.assumptions.miner_efficiency_gain = 0.0;
    let e = evaluate(&s);
    // Before the halving the hall earns more than its power ($304,166.67 against $172,462.50).
    close(e.series.revenue_mining[5], HALL_REVENUE * 0.97);
    close(e.series.energy_cost[5], HALL_ENERGY_COST * 0.97);
    assert_eq!(e.series.revenue[6], 0.0);
    assert_eq!(e.series.energy_cost[6], 0.0);
    assert_eq!(e.series.it_mining_mw[6], 0.0);
    close(e.series.it_mining_off_mw[6], 5.0);
    assert_eq!(e.series.it_unserved_mw[6], 0.0, "switched off for economics, not for lack of capacity");
    let hall = &e.components[1];
    assert_eq!(hall.months_switched_off, 42, "months 6 to 47");
    assert_eq!(hall.stopped_month, Some(48));
    assert!(hall.refresh_declined);
    // The record month is the full-power month, 0 on an existing site: the hall still ran then.
    assert_eq!(hall.state, LoadState::Running);
    assert_eq!(e.series.capex.iter().sum::<f64>(), 0.0, "no fleet bought at month 48");
    assert_eq!(e.series.it_mining_off_mw[48], 0.0, "a stopped hall is not 'switched off', it is gone");
    let kinds: Vec<_> = e.warnings.iter().map(|w| w.kind).collect();
    assert!(kinds.contains(&WarningKind::MiningSwitchedOff) && kinds.contains(&WarningKind::FleetStopped));
}

#[test]
fn switching_off_never_earns_less_than_running_at_a_loss() {
    // The same hall after the halving: running would lose 0.97 x (152,083.33 - 172,462.50) = $19,767.80 a month.
    let mut s = scenario_with(vec![existing(substation(1, 100.0)), existing(hall(2, 1000))]);
    s.assumptions.halvings = vec![YearMonth::new(2027, 7)];
    s.assumptions.horizon_years = 3;
    let e = evaluate(&s);
    let running_at_a_loss = 0.97 * (HALL_REVENUE / 2.0 - HALL_ENERGY_COST);
    close(running_at_a_loss, -19_767.791_666_666_66);
    assert!(e.series.cash_flow[6] >= running_at_a_loss, "off: {}", e.series.cash_flow[6]);
    assert_eq!(e.series.cash_flow[6], 0.0);
}

#[test]
fn a_more_efficient_hall_listed_second_is_served_first_under_a_power_limit() {
    // Hall 2: 100 TH/s miners; hall 3: 150 TH/s miners at the same 5 kW (more PH/s per MW). 6 MW of grid:
    // hall 3 takes its 5.25 MW, hall 2 gets the remaining 0.75 MW: 0.75 / 5.25 = 1/7 served.
    let mut efficient = existing(hall(3, 1000));
    hall_mut(&mut efficient).miner_th_s = 150.0;
    let s = scenario_with(vec![existing(substation(1, 6.0)), existing(hall(2, 1000)), efficient]);
    let e = evaluate(&s);
    close(e.components[2].served_fraction.unwrap(), 1.0);
    close(e.components[1].served_fraction.unwrap(), 1.0 / 7.0);
    // Revenue: (150 + 100 / 7) PH/s x 0.97 x $100 x 30.4167.
    close(e.series.revenue_mining[0], (150.0 + 100.0 / 7.0) * 0.97 * 100.0 * DAYS);
    close(e.series.it_unserved_mw[0], 5.0 * 6.0 / 7.0);
}

#[test]
fn a_refresh_is_bought_only_when_its_next_life_repays_it() {
    // Margin at full service with uptime: 0.97 x (304,166.67 - 172,462.50) = $127,753.04 a month. Its present
    // value over the next 48 months at 10 %/yr (r_m = 1.1^(1/12) - 1): x (1 - 1.1^-4) / (1 - 1.1^(-1/12))
    // = x 40.0688 = $5,118,911 (numpy: 127753.04 * (1 - v**48) / (1 - v)). With no efficiency gain a fleet at
    // $50/TH ($5.0M) is bought again at month 48; at $52/TH ($5.2M) it is not, and the hall stops. The $50 fleet
    // is not bought a third time at month 96: only 24 months remain, worth 127,753.04 x 21.94 = $2.80M.
    let pv = 127_753.041_666_666_7 * 40.068_800_230_528_04;
    close(pv, 5_118_911.105_383_993);
    let run = |usd_per_th: f64| {
        let mut h = existing(hall(2, 1000));
        hall_mut(&mut h).miner_price_usd_per_th = usd_per_th;
        let mut s = scenario_with(vec![existing(substation(1, 100.0)), h]);
        s.assumptions.miner_efficiency_gain = 0.0;
        evaluate(&s)
    };
    let bought = run(50.0);
    close(bought.series.capex[48], 5_000_000.0);
    assert_eq!(bought.series.capex[96], 0.0);
    assert_eq!(bought.components[1].stopped_month, Some(96));
    let skipped = run(52.0);
    assert_eq!(skipped.series.capex[48], 0.0);
    assert_eq!(skipped.components[1].stopped_month, Some(48));
    assert_eq!(skipped.series.revenue[48], 0.0);
    close(skipped.series.revenue[47], HALL_REVENUE * 0.97);
}

#[test]
fn a_refreshed_fleet_has_more_hashrate_for_the_same_power_and_price() {
    // Gain 10 %/yr: the fleet bought at month 48 has 100 x 0.9^-4 = 152.416 PH/s at the same 5 MW and $1M.
    let mut h = existing(hall(2, 1000));
    hall_mut(&mut h).miner_price_usd_per_th = 10.0;
    let s = scenario_with(vec![existing(substation(1, 100.0)), h]);
    let e = evaluate(&s);
    close(e.series.capex[48], 1_000_000.0);
    let ph_s = 100.0 * 0.9f64.powf(-4.0);
    close(ph_s, 152.415_790_275_873_4);
    close(e.series.revenue_mining[48], ph_s * 0.97 * 100.0 * DAYS);
    close(e.series.it_mining_mw[48], 5.0);
    close(e.series.energy_cost[48], 5.25 * 0.97 * HOURS * 45.0);
}

#[test]
fn curtailment_earns_a_credit_and_a_gpu_cloud_pays_the_peak_transmission_charge() {
    // Curtailment 5 % of hours at $230/MWh: the hall's energy 5.25 MW x 0.97 x 730 h = 3,717.525 MWh, of which
    // 5 % = 185.87625 MWh is curtailed: credit $42,751.54; mining revenue $304,166.67 x 0.97 x 0.95
    // = $280,289.58; energy bought 3,531.64875 MWh x $45 = $158,924.19. Dispatch is unchanged (5 MW served).
    // Transmission $120/kW-year on a 1 MW GPU-cloud pod on an ideal plant (1.08 MW, all from the grid):
    // $10 x 1,080 kW = $10,800 a month; the colocation pod's tenant pays its own; mining avoids the peaks.
    let mut s = scenario_with(vec![
        existing(substation(1, 100.0)),
        existing(hall(2, 1000)),
        existing(cloud_pod(3, 10)),
        existing(colo_pod(4, 10)),
        existing(ideal_plant(5, 10.0)),
    ]);
    s.assumptions.curtailment_share = 0.05;
    s.assumptions.transmission_charge_usd_per_kw_year = 120.0;
    let e = evaluate(&s);
    close(e.series.revenue_curtailment[0], 42_751.537_5);
    close(e.series.revenue_mining[0], 280_289.583_333_333_4);
    close(e.series.it_mining_mw[0], 5.0);
    close(e.series.transmission_charge[0], 10_800.0);
    let pod_energy = 1.08 * 0.99 * HOURS;
    close(e.series.energy_cost[0], (3_531.648_75 + pod_energy) * 45.0);
    close(e.kpis.revenue_curtailment_usd, 42_751.537_5 * 120.0);
    // The pod's GPUs are not bought again at month 60 ($2/GPU-hour falling 10 %/yr no longer repays $2M), so it
    // pays the charge for 60 months.
    assert_eq!(e.components[2].stopped_month, Some(60));
    close(e.kpis.transmission_charge_usd, 10_800.0 * 60.0);
    // Mining that cannot avoid the peaks pays on its 5.25 MW too: $10 x 5,250 kW = $52,500 more.
    s.assumptions.mining_avoids_peaks = false;
    close(evaluate(&s).series.transmission_charge[0], 10_800.0 + 52_500.0);
}

#[test]
fn firm_capacity_at_n_n_plus_1_and_2n() {
    // Substation 100 MVA x 0.95 = 95 MW on 2 transformers of 47.5 MW, a 30 MW turbine: N = 125 MW,
    // N+1 = 125 - 47.5 = 77.5 MW, 2N = 62.5 MW. AI load: a 60 MW colocation pod on an ideal plant
    // (600 systems x 100 kW), 60 x 1.08 = 64.8 MW of facility power. Cooling: 80 MW_th in 4 units of 20:
    // N 80, N+1 60 MW_th against 60 MW_th of AI heat.
    let mut sub = existing(substation_with(1, 100.0, 0.95, 0.0));
    if let powerplot::model::ComponentKind::Substation(x) = &mut sub.kind {
        x.transformers = 2;
    }
    let s0 = scenario_with(vec![
        sub,
        existing(turbine(2, 30.0, 35.0)),
        existing(colo_pod(3, 600)),
        existing(ideal_plant(4, 80.0)),
    ]);
    let headroom = |r: Redundancy| {
        let mut s = s0.clone();
        s.assumptions.ai_power_redundancy = r;
        evaluate(&s)
    };
    close(headroom(Redundancy::N).kpis.firm_grid_headroom_mw, 125.0 - 64.8);
    let n1 = headroom(Redundancy::NPlus1);
    close(n1.kpis.firm_grid_headroom_mw, 77.5 - 64.8);
    close(n1.kpis.firm_cooling_headroom_mw, 0.0);
    let two_n = headroom(Redundancy::TwoN);
    close(two_n.kpis.firm_grid_headroom_mw, 62.5 - 64.8);
    let w = two_n.warnings.iter().find(|w| w.kind == WarningKind::FirmPower).expect("a firm power warning");
    assert!(w.message.contains("2N") && w.message.contains("2.3 MW"), "{}", w.message);
    // At N+1 with one transformer of 95 MW, that transformer is the unit that fails: 125 - 95 = 30 MW firm.
    let mut one = s0.clone();
    if let powerplot::model::ComponentKind::Substation(x) = &mut one.components[0].kind {
        x.transformers = 1;
    }
    let e = evaluate(&one);
    close(e.kpis.firm_grid_headroom_mw, 30.0 - 64.8);
    let w = e.warnings.iter().find(|w| w.kind == WarningKind::FirmPower).expect("a firm power warning");
    assert!(w.message.contains("N+1") && w.message.contains("Substation 1 (95.0 MW) out"), "{}", w.message);
}

#[test]
fn a_footprint_drawn_far_too_small_is_a_warning_and_size_to_capacity_fixes_it() {
    // 1,000 S21 (3.5 kW) = 3.5 MW of IT. On 10 x 10 m: 35 kW/m2, below the 40 kW/m2 of an air hall: fine.
    // On 9 x 9 m: 43.2 kW/m2: a warning naming the density and the maximum.
    let mut h = existing(hall(2, 1000));
    hall_mut(&mut h).miner_kw = 3.5;
    h.rect.w = 10.0;
    h.rect.h = 10.0;
    let mut s = scenario_with(vec![existing(substation(1, 100.0)), h]);
    assert!(!evaluate(&s).warnings.iter().any(|w| w.kind == WarningKind::FootprintDensity));
    s.components[1].rect.w = 9.0;
    s.components[1].rect.h = 9.0;
    let e = evaluate(&s);
    let w = e.warnings.iter().find(|w| w.kind == WarningKind::FootprintDensity).expect("density warning");
    assert!(w.message.contains("43 kW/m2") && w.message.contains("40 kW/m2"), "{}", w.message);
    // Size to capacity: 3,500 kW / 2.5 kW/m2 = 1,400 m2, square like the part, about its old centre.
    let r = size_to_capacity(&s.components[1]).expect("a load");
    close(r.w * r.h, 1_400.0);
    close(r.w, 1_400f64.sqrt());
    close(r.x + r.w / 2.0, s.components[1].rect.x + 4.5);
}

#[test]
fn irr_finds_roots_that_numpy_financial_finds_near_minus_100_percent() {
    // numpy-financial 1.0.0: npf.irr([-1, 0.004]) = -0.996; npf.irr([-1, 0.02] + [0] * 198) = -0.98 (the
    // zeros made the old scan's NPV overflow to NaN near -99 %); npf.irr([-1, 0.5] + [0.001] * 198)
    // = -0.008060728932179906.
    close(irr_monthly(&[-1.0, 0.004]).unwrap(), -0.996);
    let mut flows = vec![-1.0, 0.02];
    flows.extend(std::iter::repeat_n(0.0, 198));
    close(irr_monthly(&flows).unwrap(), -0.98);
    let mut flows = vec![-1.0, 0.5];
    flows.extend(std::iter::repeat_n(0.001, 198));
    assert_close(irr_monthly(&flows).unwrap(), -0.008_060_728_932_179_906, 1e-9);
}
