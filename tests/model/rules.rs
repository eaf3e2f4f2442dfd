//! One small site per rule of MODEL.md's monthly simulation and results, with the expected numbers worked by
//! hand in the comments. Builders in `model_support` use round numbers: a miner is 5 kW and 100 TH/s at
//! $10/TH (1,000 miners = 5 MW, 100 PH/s, $1M), a GPU system is 100 kW with 8 GPUs (10 systems = 1 MW), a
//! substation is lossless with power factor 1 unless a test says otherwise.

use crate::support as model_support;

use model_support::*;
use powerplot::model::{CoolingType, HallCooling, Shortfall, WarningKind, YearMonth, evaluate};

const HOURS: f64 = 730.0;
const DAYS: f64 = 365.0 / 12.0;

// ---------------------------------------------------------------------------------------------------------
// 1. Online months
// ---------------------------------------------------------------------------------------------------------

#[test]
fn existing_parts_are_online_at_once_and_new_parts_after_their_lead_time() {
    let s = scenario_with(vec![
        existing(substation(1, 100.0)),
        hall(2, 1000),                          // default lead time 6
        colo_pod(3, 10),                        // 15
        substation(4, 50.0),                    // 36
        plant(5, CoolingType::DryCooler, 20.0), // 12
        turbine(6, 30.0, 35.0),                 // 12
        existing(lead(hall(7, 1000), 6)),       // existing ignores its lead time
    ]);
    let e = evaluate(&s);
    let months: Vec<u32> = e.components.iter().map(|c| c.online_month).collect();
    assert_eq!(months, vec![0, 6, 15, 36, 12, 12, 0]);
    assert_eq!(e.kpis.full_power_month, 36, "full power is the latest online month");
}

#[test]
fn without_permits_in_hand_every_new_part_also_waits_for_permitting() {
    let mut s = scenario_with(vec![
        existing(substation(1, 100.0)),
        hall(2, 1000),
        colo_pod(3, 10),
        substation(4, 50.0),
        plant(5, CoolingType::DryCooler, 20.0),
        turbine(6, 30.0, 35.0),
    ]);
    s.assumptions.permits_in_hand = false;
    s.assumptions.permitting_months = 36;
    let e = evaluate(&s);
    let months: Vec<u32> = e.components.iter().map(|c| c.online_month).collect();
    // 0 (existing), 6 + 36, 15 + 36, 36 + 36, 12 + 36, 12 + 36.
    assert_eq!(months, vec![0, 42, 51, 72, 48, 48]);
}

#[test]
fn a_retrofit_pod_reuses_the_halls_permits() {
    let mut retrofit = lead(colo_pod(2, 10), 12);
    pod_mut(&mut retrofit).retrofit = true;
    let mut s = scenario_with(vec![existing(substation(1, 100.0)), retrofit, colo_pod(3, 10)]);
    s.assumptions.permits_in_hand = false;
    s.assumptions.permitting_months = 36;
    let e = evaluate(&s);
    assert_eq!(e.components[1].online_month, 12, "retrofit: its 12-month lead time, no permitting");
    assert_eq!(e.components[2].online_month, 51, "greenfield pod: 15 + 36");
}

#[test]
fn a_load_draws_nothing_and_earns_nothing_before_it_is_online() {
    // Power and cooling are ready at month 0; the new hall (lead 6) is not.
    let s = scenario_with(vec![existing(substation(1, 100.0)), hall(2, 1000)]);
    let e = evaluate(&s);
    for m in 0..6 {
        assert_eq!(e.series.it_mining_mw[m], 0.0, "month {m}");
        assert_eq!(e.series.revenue[m], 0.0, "month {m}");
        assert_eq!(e.series.energy_cost[m], 0.0, "month {m}");
    }
    close(e.series.it_mining_mw[6], 5.0); // 1,000 x 5 kW / 1000
    assert!(e.series.revenue[6] > 0.0);
}

// ---------------------------------------------------------------------------------------------------------
// 2. Capacity
// ---------------------------------------------------------------------------------------------------------

#[test]
fn grid_capacity_is_mva_times_power_factor_of_the_online_substations() {
    let s = scenario_with(vec![
        existing(substation_with(1, 100.0, 0.95, 0.0)), // 95 MW from month 0
        substation_with(2, 50.0, 0.9, 0.0),             // +45 MW from month 36
        turbine(3, 30.0, 35.0),                         // 30 MW from month 12
    ]);
    let e = evaluate(&s);
    close(e.series.grid_capacity_mw[0], 95.0);
    close(e.series.grid_capacity_mw[35], 95.0);
    close(e.series.grid_capacity_mw[36], 140.0); // 95 + 50 x 0.9
    assert_eq!(e.series.generation_capacity_mw[11], 0.0);
    close(e.series.generation_capacity_mw[12], 30.0);
    close(e.kpis.grid_capacity_mw, 140.0);
    close(e.kpis.generation_capacity_mw, 30.0);
}

#[test]
fn a_load_waits_for_its_substation() {
    // The hall is ready at month 6 but the only substation comes at month 36: nothing is served before.
    let s = scenario_with(vec![substation(1, 100.0), hall(2, 1000)]);
    let e = evaluate(&s);
    assert_eq!(e.series.it_mining_mw[35], 0.0);
    close(e.series.it_mining_mw[36], 5.0);
}

#[test]
fn turbines_alone_can_power_a_site_without_a_grid_connection() {
    // 10 MW turbine, 2 MW hall (400 miners), overhead 0.05: 2.1 MW, all from the turbine at $35/MWh.
    let s = scenario_with(vec![existing(turbine(1, 10.0, 35.0)), existing(hall(2, 400))]);
    let e = evaluate(&s);
    close(e.series.facility_mw[0], 2.1);
    assert_eq!(e.series.grid_draw_mw[0], 0.0);
    // 2.1 MW x 0.97 uptime x 730 h = 1,487.01 MWh x $35 = $52,045.35.
    close(e.series.energy_cost[0], 2.1 * 0.97 * HOURS * 35.0);
    close(e.series.energy_cost[0], 52_045.35);
}

// ---------------------------------------------------------------------------------------------------------
// 3-4. Demand and dispatch
// ---------------------------------------------------------------------------------------------------------

#[test]
fn cooling_capacity_limits_the_served_fraction_of_plant_cooled_loads() {
    // A 10 MW colocation pod (100 systems x 100 kW) and a 6 MW_th dry cooler (parasitic 0.04).
    // Power is ample (100 MW); heat 10 MW_th > 6 MW_th, so s = 6 / 10 = 0.6.
    let s = scenario_with(vec![
        existing(substation(1, 100.0)),
        existing(colo_pod(2, 100)),
        existing(plant(3, CoolingType::DryCooler, 6.0)),
    ]);
    let e = evaluate(&s);
    let pod = &e.components[1];
    close(pod.served_fraction.unwrap(), 0.6);
    assert_eq!(pod.shortfall, Some(Shortfall::Cooling));
    close(e.series.it_ai_mw[0], 6.0);
    // f = 1 + 0.08 + 0.04 = 1.12; served power = 0.6 x 10 x 1.12 = 6.72 MW.
    close(e.series.facility_mw[0], 6.72);
    close(e.series.overhead_mw[0], 0.48); // 6 MW x 0.08
    close(e.series.cooling_mw[0], 0.24); // 6 MW x 0.04
    // Rent on the served 6,000 kW: 6,000 x $150 = $900,000.
    close(e.series.revenue_colocation[0], 900_000.0);
    assert!(has_warning(&e, WarningKind::UnservedLoad, Some(2)));
    assert!(has_warning(&e, WarningKind::CoolingDeficit, None));
}

#[test]
fn an_air_cooled_hall_needs_no_cooling_plant() {
    let s = scenario_with(vec![existing(substation(1, 100.0)), existing(hall(2, 1000))]);
    let e = evaluate(&s);
    close(e.components[1].served_fraction.unwrap(), 1.0);
    close(e.kpis.cooling_headroom_mw, 0.0);
    assert!(!has_warning(&e, WarningKind::CoolingDeficit, None));
}

#[test]
fn a_hydro_hall_without_a_plant_is_not_served() {
    let s = scenario_with(vec![
        existing(substation(1, 100.0)),
        existing(with_cooling(hall(2, 1000), HallCooling::Hydro, 0.03)),
    ]);
    let e = evaluate(&s);
    assert_eq!(e.components[1].served_fraction, Some(0.0));
    assert_eq!(e.components[1].shortfall, Some(Shortfall::Cooling));
    assert_eq!(e.series.revenue[0], 0.0);
    close(e.kpis.cooling_headroom_mw, -5.0);
}

#[test]
fn ai_is_served_first_and_the_mining_hall_is_curtailed() {
    // 10 MW of grid. The hall is listed first but is the flexible load.
    // Pod: 6 MW IT, f = 1 + 0.08 + 0.03 (adiabatic) = 1.11 -> 6.66 MW, fully served.
    // Hall: 6 MW IT (1,200 miners), f = 1.05 -> 6.3 MW wanted, 10 - 6.66 = 3.34 MW left: s = 3.34 / 6.3.
    let s = scenario_with(vec![
        existing(hall(1, 1200)),
        existing(substation(2, 10.0)),
        existing(colo_pod(3, 60)),
        existing(plant(4, CoolingType::AdiabaticDryCooler, 10.0)),
    ]);
    let e = evaluate(&s);
    let s_hall = 3.34 / 6.3; // 0.530159
    close(e.components[2].served_fraction.unwrap(), 1.0);
    close(e.components[0].served_fraction.unwrap(), s_hall);
    assert_eq!(e.components[0].shortfall, Some(Shortfall::Power));
    close(e.series.it_ai_mw[0], 6.0);
    close(e.series.it_mining_mw[0], 6.0 * s_hall); // 3.18 MW
    close(e.series.facility_mw[0], 10.0); // every MW of the grid is used
    // Hall: 120 PH/s x s x 0.97 uptime x (1 - 0 fee) x $100 x 30.4167 days.
    close(e.series.revenue_mining[0], 120.0 * s_hall * 0.97 * 100.0 * DAYS);
    assert!(has_warning(&e, WarningKind::UnservedLoad, Some(1)));
    assert!(!has_warning(&e, WarningKind::UnservedLoad, Some(3)));
    assert!(has_warning(&e, WarningKind::PowerDeficit, None));
}

#[test]
fn ai_loads_are_served_in_the_order_they_are_listed() {
    // 10 MW grid, a 5 MW hall listed first, then two 6 MW pods with no overhead and an ideal plant (f = 1).
    // Pod 2 gets 6 MW, pod 3 the remaining 4 MW (s = 4/6), the hall nothing.
    let mut p2 = existing(colo_pod(2, 60));
    pod_mut(&mut p2).overhead = 0.0;
    let mut p3 = existing(colo_pod(3, 60));
    pod_mut(&mut p3).overhead = 0.0;
    let s = scenario_with(vec![
        existing(hall(1, 1000)),
        p2,
        p3,
        existing(substation(4, 10.0)),
        existing(ideal_plant(5, 20.0)),
    ]);
    let e = evaluate(&s);
    close(e.components[1].served_fraction.unwrap(), 1.0);
    close(e.components[2].served_fraction.unwrap(), 4.0 / 6.0);
    assert_eq!(e.components[0].served_fraction, Some(0.0));
    assert_eq!(e.series.revenue_mining[0], 0.0);
}

#[test]
fn substation_losses_raise_the_power_drawn() {
    // 10 MW hall (2,000 miners), overhead 0.05, behind a 1 % loss substation: 10 x 1.05 / 0.99 MW.
    let s = scenario_with(vec![existing(substation_with(1, 100.0, 1.0, 0.01)), existing(hall(2, 2000))]);
    let e = evaluate(&s);
    let facility = 10.0 * 1.05 / 0.99; // 10.60606 MW
    close(e.series.facility_mw[0], facility);
    close(e.series.losses_mw[0], facility - 10.5); // 0.10606 MW
    close(e.kpis.facility_power_mw, facility);
    close(e.kpis.pue.unwrap(), 1.05 / 0.99); // 1.060606
    // Energy = 10.60606 MW x 0.97 x 730 h = 7,510.1515 MWh at $45 = $337,956.82.
    close(e.series.energy_cost[0], facility * 0.97 * HOURS * 45.0);
    close(e.series.energy_cost[0], 337_956.818_181_818_2);
}

#[test]
fn the_loss_ratio_is_weighted_by_substation_capacity() {
    // 100 MW at 1 % and 300 MW at 3 %: L = (100 x 0.01 + 300 x 0.03) / 400 = 10 / 400 = 0.025.
    let big = existing(substation_with(2, 300.0, 1.0, 0.03));
    let s = scenario_with(vec![existing(substation_with(1, 100.0, 1.0, 0.01)), big, existing(hall(3, 2000))]);
    let e = evaluate(&s);
    close(e.series.facility_mw[0], 10.5 / 0.975); // 10.76923 MW
    close(e.kpis.facility_power_mw, 10.5 / 0.975);
}

// ---------------------------------------------------------------------------------------------------------
// 5. Energy
// ---------------------------------------------------------------------------------------------------------

#[test]
fn energy_is_paid_at_the_grid_price_first_then_at_the_turbines_weighted_price() {
    // 10 MW grid, turbines 4 MW at $30 and 6 MW at $40 (weighted (120 + 240) / 10 = $36/MWh).
    // A 15 MW hall (3,000 miners) with no overhead and uptime 1: served power 15 MW.
    // Grid share = 10 / 15. Energy = 15 x 730 = 10,950 MWh:
    //   grid 7,300 MWh x $45 = $328,500; turbines 3,650 MWh x $36 = $131,400; total $459,900.
    let mut h = existing(with_cooling(hall(3, 3000), HallCooling::Air, 0.0));
    hall_mut(&mut h).uptime = 1.0;
    let s = scenario_with(vec![
        existing(substation(1, 10.0)),
        existing(turbine(2, 4.0, 30.0)),
        h,
        existing(turbine(4, 6.0, 40.0)),
    ]);
    let e = evaluate(&s);
    close(e.series.facility_mw[0], 15.0);
    close(e.series.grid_draw_mw[0], 10.0);
    close(e.series.energy_cost[0], 459_900.0);
}

#[test]
fn a_colocation_tenant_pays_its_own_power() {
    // A 5 MW hall (f 1.05, uptime 0.97) and a 10 MW colocation pod (f 1.11) with an adiabatic plant.
    // Only the hall's energy is ours: 5 x 1.05 x 0.97 x 730 = 3,717.525 MWh x $45 = $167,288.625.
    let parts = |pod| {
        vec![
            existing(substation(1, 100.0)),
            existing(hall(2, 1000)),
            existing(pod),
            existing(plant(4, CoolingType::AdiabaticDryCooler, 20.0)),
        ]
    };
    let e = evaluate(&scenario_with(parts(colo_pod(3, 100))));
    close(e.series.energy_cost[0], 167_288.625);
    close(e.series.opex[0], 167_288.625); // no water price, no fixed O&M in the plain site
    // The pod's power still counts in every power figure: 5.25 + 10 x 1.11 = 16.35 MW.
    close(e.series.facility_mw[0], 16.35);

    // The same pod as a GPU cloud pays its energy too: (3,717.525 + 11.1 x 0.99 x 730) x $45
    // = (3,717.525 + 8,021.97) x 45 = 11,739.495 x 45 = $528,277.275.
    let e = evaluate(&scenario_with(parts(cloud_pod(3, 100))));
    close(e.series.energy_cost[0], 528_277.275);
}

// ---------------------------------------------------------------------------------------------------------
// 6. Water
// ---------------------------------------------------------------------------------------------------------

#[test]
fn water_follows_the_served_plant_cooled_heat() {
    // A 10 MW pod (uptime 0.99) on a 20 MW_th evaporative tower (1.8 m3/MWh_th); the air-cooled hall uses none.
    // m3 = 10 x 0.99 x 730 x 1.8 = 13,008.6 m3 a month; at $2/m3 = $26,017.20.
    let mut s = scenario_with(vec![
        existing(substation(1, 100.0)),
        existing(hall(2, 1000)),
        existing(colo_pod(3, 100)),
        existing(plant(4, CoolingType::EvaporativeTower, 20.0)),
    ]);
    s.assumptions.water_price_usd_per_m3 = 2.0;
    let e = evaluate(&s);
    close(e.series.water_m3[0], 13_008.6);
    close(e.series.water_cost[0], 26_017.2);
    close(e.plant_water[0].m3[0], 13_008.6);
    // Full build: 10 x 0.99 x 24 x 1.8 = 427.68 m3/day = 427.68 x 264.172 = 112,981.08096 gal/day,
    // or 112,981.08096 / 300 = 376.6036 households.
    close(e.kpis.water_m3_per_day, 427.68);
    close(e.kpis.water_gal_per_day, 112_981.080_96);
    close(e.kpis.households_water, 376.603_603_2);
}

#[test]
fn water_and_parasitic_ratios_are_weighted_by_plant_capacity() {
    // 20 MW_th tower (w 1.8, p 0.06) + 20 MW_th dry cooler (w 0.02, p 0.04): w = 0.91, p = 0.05.
    // 10 MW pod: water 10 x 0.99 x 730 x 0.91 = 6,576.57 m3, split half and half between the plants.
    // Power 10 x (1 + 0.08 + 0.05) = 11.3 MW.
    let s = scenario_with(vec![
        existing(substation(1, 100.0)),
        existing(colo_pod(2, 100)),
        existing(plant(3, CoolingType::EvaporativeTower, 20.0)),
        existing(plant(4, CoolingType::DryCooler, 20.0)),
    ]);
    let e = evaluate(&s);
    close(e.series.water_m3[0], 6_576.57);
    close(e.plant_water[0].m3[0], 6_576.57 / 2.0);
    close(e.plant_water[1].m3[0], 6_576.57 / 2.0);
    close(e.series.facility_mw[0], 11.3);
    close(e.kpis.facility_power_mw, 11.3);
    close(e.kpis.water_m3_per_day, 10.0 * 0.99 * 24.0 * 0.91); // 216.216
}

#[test]
fn a_hydro_hall_uses_plant_water_at_its_own_uptime() {
    // 5 MW hydro hall (uptime 0.97) on a 10 MW_th tower: 5 x 0.97 x 730 x 1.8 = 6,372.9 m3 a month.
    let s = scenario_with(vec![
        existing(substation(1, 100.0)),
        existing(with_cooling(hall(2, 1000), HallCooling::Hydro, 0.03)),
        existing(plant(3, CoolingType::EvaporativeTower, 10.0)),
    ]);
    let e = evaluate(&s);
    close(e.series.water_m3[0], 6_372.9);
    // f = 1 + 0.03 + 0.06 = 1.09 -> 5.45 MW.
    close(e.series.facility_mw[0], 5.45);
}

// ---------------------------------------------------------------------------------------------------------
// 7. Revenue
// ---------------------------------------------------------------------------------------------------------

#[test]
fn mining_revenue_declines_monthly_and_halves_at_each_halving() {
    // Default assumptions: $40/PH/day, -10 %/yr, pool fee 0.02, halvings 2028-04 (month 15) and 2032-04 (63).
    // 100 PH/s x 0.97 x 0.98 x $40 x 365/12 = 95.06 x 40 x 30.41667 = $115,656.333 in month 0.
    // Free power, so the hall never switches off, and no efficiency gain, so the month-48 refresh buys the same
    // fleet: its revenue shows the whole hashprice path.
    let mut s = site();
    s.assumptions.power_price_usd_per_mwh = 0.0;
    s.assumptions.miner_efficiency_gain = 0.0;
    let mut hall = existing(hall(2, 1000));
    // Miners at $1 per TH/s ($100k a fleet), so buying the fleet again at month 48 pays for itself.
    hall_mut(&mut hall).miner_price_usd_per_th = 1.0;
    s.components = vec![existing(substation(1, 100.0)), hall];
    assert_eq!(s.assumptions.halvings, vec![YearMonth::new(2028, 4), YearMonth::new(2032, 4)]);
    let e = evaluate(&s);
    let month0 = 115_656.333_333_333_3;
    let r = &e.series.revenue_mining;
    close(r[0], month0);
    close(r[12], month0 * 0.9); // one year of decline
    close(r[14], month0 * 0.9f64.powf(14.0 / 12.0)); // before the halving
    close(r[15], month0 * 0.9f64.powf(15.0 / 12.0) * 0.5); // the halving month
    close(r[62], month0 * 0.9f64.powf(62.0 / 12.0) * 0.5);
    close(r[63], month0 * 0.9f64.powf(63.0 / 12.0) * 0.25);
    close(r[119], month0 * 0.9f64.powf(119.0 / 12.0) * 0.25);
}

#[test]
fn colocation_rent_escalates_once_a_year_from_the_pods_start() {
    // 1 MW pod = 1,000 kW x $150 = $150,000 a month in its first lease year, x 1.03 = $154,500 in its second,
    // x 1.03^2 = $159,135 in its third. Uptime does not reduce rent.
    let s = scenario_with(vec![
        existing(substation(1, 100.0)),
        existing(colo_pod(2, 10)),
        existing(ideal_plant(3, 10.0)),
        lead(colo_pod(4, 10), 18),
    ]);
    let e = evaluate(&s);
    let r = &e.series.revenue_colocation;
    close(r[0], 150_000.0);
    close(r[11], 150_000.0);
    close(r[12], 154_500.0);
    close(r[17], 154_500.0);
    // Month 18: the second pod's lease starts at its own year-0 rate: 154,500 + 150,000.
    close(r[18], 304_500.0);
    // Month 24: the first pod in its year 2 ($159,135), the second still in its year 0.
    close(r[24], 159_135.0 + 150_000.0);
    // Month 30: the second pod's first escalation (floor((30 - 18) / 12) = 1).
    close(r[30], 159_135.0 + 154_500.0);
}

#[test]
fn gpu_cloud_revenue_follows_gpu_hours_and_the_price_decline() {
    // 10 systems x 8 = 80 GPUs x 0.99 uptime x 0.80 utilization x 730 h = 46,252.8 GPU-hours x $2.00
    // = $92,505.60 in month 0; -10 %/yr compounded monthly.
    let s =
        scenario_with(vec![existing(substation(1, 100.0)), existing(cloud_pod(2, 10)), existing(ideal_plant(3, 10.0))]);
    let e = evaluate(&s);
    let r = &e.series.revenue_gpu_cloud;
    close(r[0], 92_505.6);
    close(r[6], 92_505.6 * 0.9f64.sqrt()); // 87,758.40
    close(r[12], 83_255.04);
    close(r[24], 74_929.536);
    assert_eq!(e.series.revenue_colocation[0], 0.0);
}

#[test]
fn gpu_cloud_revenue_scales_with_the_served_fraction() {
    // 1 MW cloud pod on a 0.5 MW_th plant: s = 0.5, revenue half of $92,505.60.
    let s =
        scenario_with(vec![existing(substation(1, 100.0)), existing(cloud_pod(2, 10)), existing(ideal_plant(3, 0.5))]);
    let e = evaluate(&s);
    close(e.series.revenue_gpu_cloud[0], 46_252.8);
}

// ---------------------------------------------------------------------------------------------------------
// 8. Opex
// ---------------------------------------------------------------------------------------------------------

#[test]
fn fixed_om_is_a_yearly_share_of_the_non_hardware_capex() {
    // New 10 MW hall: facility 10 x $350k = $3.5M (its $2M of miners is hardware, excluded);
    // new 20 MVA substation: $6M. Fixed O&M = 0.02 x $9.5M / 12 = $15,833.33 every month from month 0.
    let mut s = scenario_with(vec![substation(1, 20.0), hall(2, 2000)]);
    s.assumptions.fixed_om = 0.02;
    let e = evaluate(&s);
    for m in [0, 5, 36, 119] {
        close(e.series.fixed_om[m], 15_833.333_333_333_334);
    }
    close(e.series.opex[0], 15_833.333_333_333_334);
}

#[test]
fn opex_is_energy_plus_water_plus_fixed_om() {
    let mut s = scenario_with(vec![
        existing(substation(1, 100.0)),
        hall(2, 1000),
        existing(cloud_pod(3, 10)),
        existing(plant(4, CoolingType::EvaporativeTower, 10.0)),
    ]);
    s.assumptions.fixed_om = 0.02;
    s.assumptions.water_price_usd_per_m3 = 2.0;
    let e = evaluate(&s);
    for m in 0..e.series.len() {
        let sum = e.series.energy_cost[m] + e.series.water_cost[m] + e.series.fixed_om[m];
        close(e.series.opex[m], sum);
        close(e.series.cash_flow[m], e.series.revenue[m] - e.series.opex[m] - e.series.capex[m]);
    }
}

// ---------------------------------------------------------------------------------------------------------
// 9. Capex timing
// ---------------------------------------------------------------------------------------------------------

#[test]
fn facility_and_supply_capex_is_spent_at_month_zero() {
    // Colocation pod 10 MW: $3.5M base + $31.5M premium; substation 20 MVA x $300k = $6M; adiabatic plant
    // 20 MW_th x $450k = $9M; turbine 30 MW x $1.5M = $45M. All at month 0: $95M, though none is online yet.
    let s = scenario_with(vec![
        colo_pod(1, 100),
        substation(2, 20.0),
        plant(3, CoolingType::AdiabaticDryCooler, 20.0),
        turbine(4, 30.0, 35.0),
    ]);
    let e = evaluate(&s);
    close(e.series.capex[0], 95_000_000.0);
    assert!(e.series.capex[1..].iter().all(|&c| c == 0.0), "colocation buys no hardware");
    close(e.kpis.capex_substation_usd, 6_000_000.0);
    close(e.kpis.capex_cooling_usd, 9_000_000.0);
    close(e.kpis.capex_generation_usd, 45_000_000.0);
    close(e.kpis.capex_total_usd, 95_000_000.0);
}

#[test]
fn miners_are_bought_when_the_hall_comes_online_and_again_every_life() {
    // 1,000 miners x 100 TH/s x $10 = $1M at month 6, then every 48 months: 54 and 102 (150 is past 120).
    let s = scenario_with(vec![existing(substation(1, 100.0)), hall(2, 1000)]);
    let e = evaluate(&s);
    close(e.series.capex[0], 1_750_000.0); // facility: 5 MW x $350k
    for m in 1..120 {
        let expected = if [6, 54, 102].contains(&m) { 1_000_000.0 } else { 0.0 };
        assert_eq!(e.series.capex[m], expected, "month {m}");
    }
    close(e.kpis.capex_it_hardware_usd, 3_000_000.0);
}

#[test]
fn without_hardware_refresh_a_hall_stops_when_its_miners_wear_out() {
    // Bought at month 6 only; it runs months 6..53 and stops at 6 + 48 = 54.
    let mut s = scenario_with(vec![existing(substation(1, 100.0)), hall(2, 1000)]);
    s.assumptions.refresh_hardware = false;
    let e = evaluate(&s);
    assert_eq!(e.series.capex[6], 1_000_000.0);
    assert!(e.series.capex[7..].iter().all(|&c| c == 0.0));
    close(e.series.it_mining_mw[53], 5.0);
    assert_eq!(e.series.it_mining_mw[54], 0.0);
    assert!(e.series.revenue_mining[53] > 0.0);
    assert_eq!(e.series.revenue_mining[54], 0.0);
    assert_eq!(e.series.energy_cost[54], 0.0);
    assert_eq!(e.series.facility_mw[54], 0.0);
    close(e.kpis.capex_it_hardware_usd, 1_000_000.0);
}

#[test]
fn existing_miners_cost_nothing_at_the_start_and_are_replaced_after_one_life() {
    let s = scenario_with(vec![existing(substation(1, 100.0)), existing(hall(2, 1000))]);
    let e = evaluate(&s);
    assert_eq!(e.series.capex[0], 0.0);
    for m in 1..120 {
        let expected = if m == 48 || m == 96 { 1_000_000.0 } else { 0.0 };
        assert_eq!(e.series.capex[m], expected, "month {m}");
    }
    close(e.kpis.capex_it_hardware_usd, 2_000_000.0);
    assert_eq!(e.kpis.capex_facility_base_usd, 0.0);
}

#[test]
fn existing_miners_without_refresh_run_out_after_one_life() {
    let mut s = scenario_with(vec![existing(substation(1, 100.0)), existing(hall(2, 1000))]);
    s.assumptions.refresh_hardware = false;
    let e = evaluate(&s);
    assert!(e.series.capex.iter().all(|&c| c == 0.0));
    close(e.series.it_mining_mw[47], 5.0);
    assert_eq!(e.series.it_mining_mw[48], 0.0);
    assert_eq!(e.series.revenue[48], 0.0);
}

#[test]
fn gpu_cloud_systems_are_bought_at_online_and_refreshed_after_five_years() {
    // 10 systems x $200,000 = $2M at month 15 and 15 + 60 = 75 (135 is past the horizon). At $4 a GPU-hour
    // with no decline the refresh pays: 80 GPUs x 0.99 x 0.8 x 730 h x $4 = $185k a month against about
    // 1.08 MW x 0.99 x 730 h x $45 = $35k of power, $150k of margin for the 45 months left, far above $2M.
    let mut pod = cloud_pod(2, 10);
    pod_mut(&mut pod).gpu_hour_price_usd = 4.0;
    pod_mut(&mut pod).gpu_price_decline = 0.0;
    let s = scenario_with(vec![existing(substation(1, 100.0)), pod, existing(ideal_plant(3, 10.0))]);
    let e = evaluate(&s);
    close(e.series.capex[0], 3_500_000.0); // 1 MW: $350k base + $3.15M premium
    close(e.series.capex[15], 2_000_000.0);
    close(e.series.capex[75], 2_000_000.0);
    close(e.kpis.capex_it_hardware_usd, 4_000_000.0);
    close(e.kpis.capex_total_usd, 7_500_000.0);
}

#[test]
fn a_colocation_lease_continues_without_hardware_refresh() {
    // The tenant owns and replaces its GPUs; with refresh off only *our* hardware wears out. MODEL.md:
    // "Colocation pods carry no hardware of ours."
    let mut s =
        scenario_with(vec![existing(substation(1, 100.0)), existing(colo_pod(2, 10)), existing(ideal_plant(3, 10.0))]);
    s.assumptions.refresh_hardware = false;
    let e = evaluate(&s);
    // Year 7 (months 84..95): 150,000 x 1.03^7 = $184,481.08.
    close(e.series.revenue_colocation[90], 150_000.0 * 1.03f64.powi(7));
    close(e.series.it_ai_mw[119], 1.0);
}

// ---------------------------------------------------------------------------------------------------------
// Capex split: base and AI premium
// ---------------------------------------------------------------------------------------------------------

#[test]
fn a_greenfield_ai_pod_costs_ten_times_a_mining_hall_split_into_base_and_premium() {
    // 10 MW pod: base 10 x $350k = $3.5M, premium $3.5M x (10 - 1) = $31.5M.
    let e = evaluate(&scenario_with(vec![colo_pod(1, 100)]));
    close(e.kpis.capex_facility_base_usd, 3_500_000.0);
    close(e.kpis.capex_ai_premium_usd, 31_500_000.0);
    close(e.kpis.capex_as_mining_build_usd(), 3_500_000.0);
    // The same MW as a mining hall: base only.
    let e = evaluate(&scenario_with(vec![hall(1, 2000)]));
    close(e.kpis.capex_facility_base_usd, 3_500_000.0);
    assert_eq!(e.kpis.capex_ai_premium_usd, 0.0);
}

#[test]
fn a_retrofit_pays_only_the_ai_premium() {
    let mut pod = colo_pod(1, 100);
    pod_mut(&mut pod).retrofit = true;
    let e = evaluate(&scenario_with(vec![pod]));
    assert_eq!(e.kpis.capex_facility_base_usd, 0.0);
    close(e.kpis.capex_ai_premium_usd, 31_500_000.0);
}

#[test]
fn with_a_premium_of_one_an_ai_pod_costs_the_same_as_a_mining_hall() {
    let mut s = scenario_with(vec![colo_pod(1, 100)]);
    s.assumptions.ai_build_premium = 1.0;
    let e = evaluate(&s);
    close(e.kpis.capex_facility_base_usd, 3_500_000.0);
    assert_eq!(e.kpis.capex_ai_premium_usd, 0.0);
}

#[test]
fn an_existing_pod_or_hall_has_no_facility_capex() {
    let e = evaluate(&scenario_with(vec![
        existing(colo_pod(1, 100)),
        existing(hall(2, 1000)),
        existing(substation(3, 50.0)),
    ]));
    assert_eq!(e.kpis.capex_facility_base_usd, 0.0);
    assert_eq!(e.kpis.capex_ai_premium_usd, 0.0);
    assert_eq!(e.kpis.capex_substation_usd, 0.0);
}

// ---------------------------------------------------------------------------------------------------------
// Full-build KPIs
// ---------------------------------------------------------------------------------------------------------

#[test]
fn full_build_power_pue_headroom_and_water() {
    // Substation 100 MVA x 0.95 = 95 MW, 1 % losses (new, online at 36: full build ignores timing).
    // Hall 20 MW (4,000 miners), air, f 1.05 -> 21 MW; pod 10 MW, f 1 + 0.08 + 0.03 = 1.11 -> 11.1 MW.
    // Facility = 32.1 / 0.99 = 32.4242 MW; PUE = 32.4242 / 30 = 1.080808.
    let s = scenario_with(vec![
        substation_with(1, 100.0, 0.95, 0.01),
        hall(2, 4000),
        colo_pod(3, 100),
        plant(4, CoolingType::AdiabaticDryCooler, 20.0),
    ]);
    let k = evaluate(&s).kpis;
    let facility = 32.1 / 0.99;
    close(k.it_load_mw, 30.0);
    close(k.it_load_mining_mw, 20.0);
    close(k.it_load_ai_mw, 10.0);
    close(k.facility_power_mw, facility);
    close(k.pue.unwrap(), facility / 30.0);
    close(k.grid_capacity_mw, 95.0);
    close(k.grid_headroom_mw, 95.0 - facility); // 62.5758 MW
    close(k.cooling_capacity_mw, 20.0);
    close(k.cooling_headroom_mw, 10.0); // only the pod needs the plant
    // Water: 10 x 0.99 x 24 x 0.25 = 59.4 m3/day = 15,691.8168 gal/day = 52.306 households.
    close(k.water_m3_per_day, 59.4);
    close(k.water_gal_per_day, 15_691.816_8);
    close(k.households_water, 52.306_056);
    close(k.hashrate_ph_s, 400.0);
    close(k.gpus, 800.0);
    // 32.4242 MW x 8,760,000 / 10,700 = 26,545.47 households.
    close(k.households_power, facility * 8_760_000.0 / 10_700.0);
}

#[test]
fn a_hundred_megawatts_draws_the_power_of_about_82_thousand_households() {
    // 100 MW continuous = 876,000 MWh a year = 876,000,000 kWh / 10,700 kWh = 81,869.16 households.
    let h = with_cooling(hall(1, 20_000), HallCooling::Air, 0.0);
    let k = evaluate(&scenario_with(vec![h])).kpis;
    close(k.facility_power_mw, 100.0);
    close(k.households_power, 81_869.158_878_504_67);
}

#[test]
fn an_empty_site_has_no_pue_and_no_nan() {
    let e = evaluate(&plain_site());
    assert_eq!(e.kpis.pue, None);
    assert_eq!(e.kpis.it_load_mw, 0.0);
    assert_eq!(e.kpis.npv_usd, 0.0);
    assert_eq!(e.kpis.first_revenue_month, None);
    assert_eq!(e.kpis.irr, None);
    assert_eq!(e.kpis.payback_months, Some(0.0));
    assert_eq!(e.series.len(), 120);
    assert_all_finite(&e);
    assert!(e.warnings.is_empty(), "{:?}", e.warnings);
}

// ---------------------------------------------------------------------------------------------------------
// Annual figures and timing KPIs
// ---------------------------------------------------------------------------------------------------------

#[test]
fn annual_revenue_opex_and_ebitda_are_the_year_from_full_power() {
    // A 1 MW colocation pod online at month 6: full power month 6.
    // Revenue months 6..17: its first lease year, 12 x $150,000 = $1,800,000 (the lease escalates from its start).
    // Opex: fixed O&M only (tenant pays power): 0.02 x $3.5M (pod facility) / 12 = $5,833.33 a month,
    // $70,000 a year. EBITDA = $1,730,000.
    let mut s =
        scenario_with(vec![existing(substation(1, 100.0)), lead(colo_pod(2, 10), 6), existing(ideal_plant(3, 10.0))]);
    s.assumptions.fixed_om = 0.02;
    let k = evaluate(&s).kpis;
    assert_eq!(k.full_power_month, 6);
    close(k.annual_revenue_usd.unwrap(), 1_800_000.0);
    close(k.annual_opex_usd.unwrap(), 70_000.0);
    close(k.annual_ebitda_usd.unwrap(), 1_730_000.0);
}

#[test]
fn annual_figures_are_absent_when_the_full_power_year_does_not_fit() {
    // Full power at month 12 in a 2-year horizon: months 12..23 fit exactly.
    let mut s =
        scenario_with(vec![existing(substation(1, 100.0)), lead(colo_pod(2, 10), 12), existing(ideal_plant(3, 10.0))]);
    s.assumptions.horizon_years = 2;
    let k = evaluate(&s).kpis;
    close(k.annual_revenue_usd.unwrap(), 12.0 * 150_000.0); // the pod's first lease year
    // One month later it no longer fits.
    s.components[1].lead_time_months = 13;
    let k = evaluate(&s).kpis;
    assert_eq!(k.annual_revenue_usd, None);
    assert_eq!(k.annual_opex_usd, None);
    assert_eq!(k.annual_ebitda_usd, None);
}

#[test]
fn first_revenue_comes_when_the_first_load_is_served() {
    let s = scenario_with(vec![existing(substation(1, 100.0)), lead(hall(2, 1000), 9), hall(3, 1000)]);
    let k = evaluate(&s).kpis;
    assert_eq!(k.first_revenue_month, Some(6));
    assert_eq!(k.full_power_month, 9);
    // A hall with no power never earns.
    let k = evaluate(&scenario_with(vec![hall(1, 1000)])).kpis;
    assert_eq!(k.first_revenue_month, None);
}

// ---------------------------------------------------------------------------------------------------------
// Warnings
// ---------------------------------------------------------------------------------------------------------

#[test]
fn a_balanced_site_has_no_warnings() {
    let s = scenario_with(vec![
        existing(substation(1, 100.0)),
        existing(hall(2, 1000)),
        existing(colo_pod(3, 100)),
        existing(plant(4, CoolingType::AdiabaticDryCooler, 20.0)),
    ]);
    let e = evaluate(&s);
    assert!(e.warnings.is_empty(), "{:?}", e.warnings);
}

#[test]
fn a_power_deficit_is_flagged_with_the_shortfall() {
    // 15 MW hall x 1.05 = 15.75 MW on a 10 MW substation: 5.75 MW short (shown as 5.8).
    let s = scenario_with(vec![existing(substation(1, 10.0)), existing(hall(2, 3000))]);
    let e = evaluate(&s);
    close(e.kpis.grid_headroom_mw, -5.75);
    let w = e.warnings.iter().find(|w| w.kind == WarningKind::PowerDeficit).expect("power deficit");
    assert!(w.message.contains("5.8 MW short"), "{}", w.message);
    let unserved = e.warnings.iter().find(|w| w.kind == WarningKind::UnservedLoad).expect("unserved load");
    assert_eq!(unserved.components, vec![2]);
    // 10 / 15.75 = 63.5 % served.
    assert!(unserved.message.contains("63 %") || unserved.message.contains("63%"), "{}", unserved.message);
}

#[test]
fn turbines_count_towards_power_headroom() {
    let s =
        scenario_with(vec![existing(substation(1, 10.0)), existing(turbine(2, 6.0, 35.0)), existing(hall(3, 3000))]);
    let e = evaluate(&s);
    close(e.kpis.grid_headroom_mw, 0.25); // 10 + 6 - 15.75
    assert!(!has_warning(&e, WarningKind::PowerDeficit, None));
    assert!(!has_warning(&e, WarningKind::UnservedLoad, None));
}

#[test]
fn a_cooling_deficit_is_flagged() {
    let s = scenario_with(vec![
        existing(substation(1, 100.0)),
        existing(colo_pod(2, 100)),
        existing(plant(3, CoolingType::DryCooler, 6.0)),
    ]);
    let e = evaluate(&s);
    close(e.kpis.cooling_headroom_mw, -4.0);
    assert!(has_warning(&e, WarningKind::CoolingDeficit, None));
}

#[test]
fn a_part_outside_the_site_boundary_is_flagged_not_refused() {
    let mut h = existing(hall(2, 1000));
    h.rect.x = 950.0; // 950 + 90 > 1,000
    let s = scenario_with(vec![existing(substation(1, 100.0)), h]);
    let e = evaluate(&s);
    assert_eq!(kinds(&e), vec![WarningKind::OutsideBoundary]);
    assert_eq!(e.warnings[0].components, vec![2]);
    assert!(e.kpis.annual_revenue_usd.is_some(), "the part is still simulated");
}

#[test]
fn overlapping_parts_are_flagged_once_per_pair() {
    let mut b = existing(hall(2, 1000));
    b.rect = existing(substation(1, 100.0)).rect.translated(10.0, 10.0);
    let mut touching = existing(hall(3, 1000));
    touching.rect = existing(substation(1, 100.0)).rect.translated(-90.0, 0.0); // shares only an edge
    let s = scenario_with(vec![existing(substation(1, 100.0)), b, touching]);
    let e = evaluate(&s);
    let overlaps: Vec<_> = e.warnings.iter().filter(|w| w.kind == WarningKind::Overlap).collect();
    assert_eq!(overlaps.len(), 1, "{overlaps:?}");
    let mut ids = overlaps[0].components.clone();
    ids.sort();
    assert_eq!(ids, vec![1, 2]);
}

#[test]
fn water_above_the_site_allowance_is_flagged() {
    // Full-build water 427.68 m3/day (10 MW pod on an evaporative tower, see above).
    let mut s = scenario_with(vec![
        existing(substation(1, 100.0)),
        existing(colo_pod(2, 100)),
        existing(plant(3, CoolingType::EvaporativeTower, 20.0)),
    ]);
    s.assumptions.water_limit_m3_per_day = Some(400.0);
    assert!(has_warning(&evaluate(&s), WarningKind::WaterLimit, None));
    s.assumptions.water_limit_m3_per_day = Some(430.0);
    assert!(!has_warning(&evaluate(&s), WarningKind::WaterLimit, None));
    s.assumptions.water_limit_m3_per_day = None;
    assert!(!has_warning(&evaluate(&s), WarningKind::WaterLimit, None));
}

#[test]
fn a_new_gas_turbine_carries_a_permit_risk_note() {
    let s = scenario_with(vec![turbine(1, 30.0, 35.0), existing(turbine(2, 30.0, 35.0))]);
    let e = evaluate(&s);
    assert!(has_warning(&e, WarningKind::PermitRisk, Some(1)));
    let w = e.warnings.iter().find(|w| w.kind == WarningKind::PermitRisk).unwrap();
    assert!(w.message.to_lowercase().contains("permit"), "{}", w.message);
}

#[test]
fn a_part_that_comes_online_after_the_horizon_is_flagged() {
    let s = scenario_with(vec![existing(substation(1, 100.0)), lead(hall(2, 1000), 240)]);
    let e = evaluate(&s);
    assert!(has_warning(&e, WarningKind::BeyondHorizon, Some(2)));
    assert_eq!(e.kpis.full_power_month, 240);
    assert_eq!(e.kpis.annual_revenue_usd, None);
    assert!(e.series.revenue.iter().all(|&r| r == 0.0));
}
