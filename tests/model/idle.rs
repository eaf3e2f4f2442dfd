//! Why a hall stands idle (issue 23): the first month off, its cause and its figures per MWh, worked by hand on
//! the support's test hall (100 PH/s drawing 5.25 MW on a lossless substation), and the months found agree with
//! the months the simulation switched off.

use crate::support::*;
use powerplot::model::demo::demo_project;
use powerplot::model::idle::{OffCause, first_switch_off, switched_off_months};
use powerplot::model::{ComponentKind, Scenario, YearMonth, evaluate};

/// 5.25 MW x 730 h of facility energy a month.
const HALL_MWH: f64 = 5.25 * 730.0;
const DAYS: f64 = 365.0 / 12.0;

#[test]
fn a_hall_off_from_a_halving_month_names_the_halving_and_its_figures() {
    let mut s = scenario_with(vec![existing(substation(1, 100.0)), existing(hall(2, 1000))]);
    s.assumptions.halvings = vec![YearMonth::new(2027, 7)];
    s.assumptions.miner_efficiency_gain = 0.0;
    let e = evaluate(&s);
    let off = first_switch_off(&s, &e, 2).expect("the hall switches off");
    assert_eq!(off.first_month, 6, "July 2027");
    assert_eq!(off.cause, OffCause::Halving);
    // After the halving: 100 PH/s x $50 x 30.4167 days = $152,083 over 3,832.5 MWh = $39.68/MWh, below $45.
    close(off.revenue_usd_per_mwh, 100.0 * 50.0 * DAYS / HALL_MWH);
    close(off.power_usd_per_mwh, 45.0);
    assert!(!off.includes_water, "an air-cooled hall pays no water");
}

#[test]
fn a_hall_off_from_its_first_month_names_the_power_price() {
    let mut s = scenario_with(vec![existing(substation(1, 100.0)), existing(hall(2, 1000))]);
    // $40/PH/day: $121,667 a month, $31.75/MWh, below $45 from month 0.
    s.assumptions.hashprice_usd_per_ph_day = 40.0;
    let e = evaluate(&s);
    let off = first_switch_off(&s, &e, 2).expect("off");
    assert_eq!((off.first_month, off.cause), (0, OffCause::PowerPrice));
    close(off.revenue_usd_per_mwh, 100.0 * 40.0 * DAYS / HALL_MWH);
}

#[test]
fn a_hall_off_after_a_slow_decline_names_the_hashprice() {
    let mut s = scenario_with(vec![existing(substation(1, 100.0)), existing(hall(2, 1000))]);
    // Revenue starts at $79.37/MWh and falls 30 % a year: it crosses $45 (0.567 of the start) in month 20
    // (0.7^(19/12) = 0.569, 0.7^(20/12) = 0.552), at $79.37 x 0.552 = $43.80/MWh.
    s.assumptions.hashprice_decline = 0.3;
    s.assumptions.miner_efficiency_gain = 0.0;
    let e = evaluate(&s);
    let off = first_switch_off(&s, &e, 2).expect("off");
    assert_eq!((off.first_month, off.cause), (20, OffCause::HashpriceDecline));
    close(off.revenue_usd_per_mwh, 100.0 * 100.0 * DAYS / HALL_MWH * 0.7f64.powf(20.0 / 12.0));
}

#[test]
fn a_plant_cooled_hall_counts_its_water_in_the_cost() {
    let mut s = scenario_with(vec![
        existing(substation(1, 100.0)),
        existing(plant(3, powerplot::model::CoolingType::EvaporativeTower, 50.0)),
        existing(with_cooling(hall(2, 1000), powerplot::model::HallCooling::Hydro, 0.05)),
    ]);
    s.assumptions.hashprice_usd_per_ph_day = 40.0;
    s.assumptions.water_price_usd_per_m3 = 2.0;
    let e = evaluate(&s);
    let off = first_switch_off(&s, &e, 2).expect("off");
    assert!(off.includes_water);
    assert!(off.power_usd_per_mwh > 45.0, "power plus water costs more than power: {off:?}");
}

/// Every hall of the demo and of the demo at other prices: the months found are the simulation's.
#[test]
fn the_months_found_are_the_months_the_simulation_switched_off() {
    let mut cases: Vec<Scenario> = demo_project().scenarios;
    for (hashprice, decline, power) in [(5.0, 0.1, 45.0), (30.0, 0.3, 60.0), (55.0, 0.2, 35.0)] {
        for base in demo_project().scenarios {
            let mut s = base;
            s.assumptions.hashprice_usd_per_ph_day = hashprice;
            s.assumptions.hashprice_decline = decline;
            s.assumptions.power_price_usd_per_mwh = power;
            cases.push(s);
        }
    }
    let mut halls_off = 0;
    for s in &cases {
        let e = evaluate(s);
        for c in s.components.iter().filter(|c| matches!(c.kind, ComponentKind::AsicHall(_))) {
            let r = e.component(c.id).expect("result");
            let months = switched_off_months(s, &e, c.id);
            assert_eq!(months.len() as u32, r.months_switched_off, "{} in {}", c.name, s.name);
            assert_eq!(first_switch_off(s, &e, c.id).map(|o| o.first_month), months.first().copied());
            halls_off += usize::from(!months.is_empty());
        }
    }
    assert!(halls_off >= 4, "the cases switch halls off ({halls_off})");
}
