//! Bad input: every out-of-range value is refused with a message naming the scenario, the component (or the
//! assumptions), the field, the value and the valid range; and `evaluate` on such a scenario still neither
//! panics nor returns NaN or infinity (MODEL.md "Validation").

use crate::support as model_support;

use model_support::*;
use powerplot::model::{
    Project, Scenario, ValidationError, demo::demo_project, evaluate, validate_project, validate_scenario,
};
use powerplot::project_file::{parse_project, save_project};

fn one_error(s: &Scenario) -> ValidationError {
    let errors = validate_scenario(s);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    errors.into_iter().next().unwrap()
}

/// A scenario named "Hybrid" with a substation and a hall named "Hall A" (id 2) and a pod named "Pod B" (id 3).
fn hybrid() -> Scenario {
    let mut s = site();
    s.name = "Hybrid".to_string();
    let mut h = hall(2, 1000);
    h.name = "Hall A".to_string();
    let mut p = colo_pod(3, 10);
    p.name = "Pod B".to_string();
    s.components = vec![existing(substation(1, 100.0)), h, p, existing(ideal_plant(4, 10.0))];
    s
}

/// The project file text of `project`, as `save_project` writes it.
fn saved_text(project: &Project) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("site.ron");
    save_project(&path, project).expect("save");
    std::fs::read_to_string(&path).expect("read back")
}

fn project_of(s: Scenario) -> Project {
    Project { name: "Bad input".to_string(), scenarios: vec![s] }
}

#[test]
fn the_demo_project_and_the_default_project_are_valid() {
    assert_eq!(validate_project(&demo_project()), Ok(()));
    assert_eq!(validate_project(&Project::default()), Ok(()));
    assert!(validate_scenario(&hybrid()).is_empty());
}

fn negative_miner_count_file() -> (String, usize) {
    let text = saved_text(&project_of(hybrid()));
    let needle = "miner_count: 1000";
    assert!(text.contains(needle), "the saved file should hold `{needle}`:\n{text}");
    let bad = text.replacen(needle, "miner_count: -5", 1);
    let line = bad.lines().position(|l| l.contains("miner_count: -5")).unwrap() + 1;
    (bad, line)
}

#[test]
fn a_negative_miner_count_in_a_file_is_refused_with_file_and_line() {
    let (bad, line) = negative_miner_count_file();
    let err = parse_project(&bad, "bad.ron").expect_err("a negative count must be refused").to_string();
    assert!(err.contains("bad.ron"), "the error should name the file: {err}");
    assert!(err.contains(&format!("line {line}")), "the error should give line {line}: {err}");
}

#[test]
fn a_negative_miner_count_in_a_file_is_refused_naming_the_field() {
    let (bad, _) = negative_miner_count_file();
    let err = parse_project(&bad, "bad.ron").expect_err("a negative count must be refused").to_string();
    assert!(err.contains("miner_count"), "the error should name the field: {err}");
}

#[test]
fn a_negative_system_count_in_a_file_is_refused() {
    let text = saved_text(&project_of(hybrid()));
    let needle = "system_count: 10,";
    assert!(text.contains(needle), "{text}");
    let bad = text.replacen(needle, "system_count: -1,", 1);
    let line = bad.lines().position(|l| l.contains("system_count: -1")).unwrap() + 1;
    let err = parse_project(&bad, "bad.ron").expect_err("refused").to_string();
    assert!(err.contains(&format!("line {line}")), "{err}");
    assert!(err.contains("system_count"), "the error should name the field: {err}");
}

#[test]
fn a_nan_in_a_file_is_refused_naming_component_field_and_range() {
    let text = saved_text(&project_of(hybrid()));
    let needle = "miner_kw: 5.0";
    assert!(text.contains(needle), "{text}");
    let bad = text.replacen(needle, "miner_kw: NaN", 1);
    let err = parse_project(&bad, "bad.ron").expect_err("NaN must be refused").to_string();
    for part in ["Hybrid", "Hall A", "miner_kw", "0 to 1000"] {
        assert!(err.contains(part), "the error should mention {part:?}: {err}");
    }
}

#[test]
fn a_nan_power_per_miner_names_scenario_component_field_value_and_range() {
    let mut s = hybrid();
    hall_mut(&mut s.components[1]).miner_kw = f64::NAN;
    let e = one_error(&s);
    assert_eq!(e.location, "scenario \"Hybrid\", component \"Hall A\"");
    assert_eq!(e.field, "miner_kw");
    assert_eq!(e.value, "not a number");
    assert_eq!(e.range, "0 to 1000");
    assert_eq!(e.to_string(), "scenario \"Hybrid\", component \"Hall A\": miner_kw is not a number, must be 0 to 1000");
}

#[test]
fn an_ai_premium_below_one_is_refused() {
    let mut s = hybrid();
    s.assumptions.ai_build_premium = 0.5;
    let e = one_error(&s);
    assert_eq!(e.location, "scenario \"Hybrid\", assumptions");
    assert_eq!(e.field, "ai_build_premium");
    assert_eq!(e.value, "0.5");
    assert_eq!(e.range, "1 to 100");
}

#[test]
fn a_zero_year_horizon_is_refused() {
    let mut s = hybrid();
    s.assumptions.horizon_years = 0;
    let e = one_error(&s);
    assert_eq!(e.location, "scenario \"Hybrid\", assumptions");
    assert_eq!(e.field, "horizon_years");
    assert_eq!(e.value, "0");
    assert_eq!(e.range, "1 to 40 (whole number)");
}

#[test]
fn a_million_year_lead_time_is_refused() {
    let mut s = hybrid();
    s.components[2].lead_time_months = 12_000_000;
    let e = one_error(&s);
    assert_eq!(e.location, "scenario \"Hybrid\", component \"Pod B\"");
    assert_eq!(e.field, "lead_time_months");
    assert_eq!(e.value, "12000000");
    assert_eq!(e.range, "0 to 240 (whole number)");
}

#[test]
fn fractions_above_one_and_negative_prices_are_refused() {
    let mut s = hybrid();
    hall_mut(&mut s.components[1]).uptime = 1.5;
    pod_mut(&mut s.components[2]).lease_usd_per_kw_month = -150.0;
    s.assumptions.discount_rate = -0.1;
    let errors = validate_scenario(&s);
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, vec!["discount_rate", "uptime", "lease_usd_per_kw_month"], "{errors:#?}");
    assert_eq!(errors[1].value, "1.5");
    assert_eq!(errors[1].range, "0 to 1");
    assert_eq!(errors[2].location, "scenario \"Hybrid\", component \"Pod B\"");
}

#[test]
fn infinity_is_refused() {
    let mut s = hybrid();
    s.assumptions.power_price_usd_per_mwh = f64::INFINITY;
    let e = one_error(&s);
    assert_eq!(e.field, "power_price_usd_per_mwh");
    assert_eq!(e.value, "inf");
}

#[test]
fn every_problem_in_a_project_is_reported_not_just_the_first() {
    let mut a = hybrid();
    a.assumptions.horizon_years = 0;
    let mut b = hybrid();
    b.name = "Full AI".to_string();
    b.components[2].lead_time_months = 12_000_000;
    let errors = validate_project(&Project { name: "Two".to_string(), scenarios: vec![a, b] }).unwrap_err();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(errors[0].location.contains("Hybrid"));
    assert!(errors[1].location.contains("Full AI"));
}

#[test]
fn a_bad_halving_month_and_duplicate_ids_are_refused() {
    let mut s = hybrid();
    s.assumptions.halvings.push(powerplot::model::YearMonth::new(2030, 13));
    s.components[3].id = 2;
    let errors = validate_scenario(&s);
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert!(fields.contains(&"halvings"), "{errors:#?}");
    assert!(fields.contains(&"id"), "{errors:#?}");
}

// ---------------------------------------------------------------------------------------------------------
// `evaluate` on scenarios that never passed validation
// ---------------------------------------------------------------------------------------------------------

#[test]
fn evaluate_survives_a_zero_year_horizon() {
    let mut s = hybrid();
    s.assumptions.horizon_years = 0;
    let e = evaluate(&s);
    assert!(!e.series.is_empty(), "the horizon is clamped to at least one month");
    assert_all_finite(&e);
}

#[test]
fn evaluate_survives_a_million_year_lead_time() {
    let mut s = hybrid();
    s.components[2].lead_time_months = 12_000_000;
    s.assumptions.permits_in_hand = false;
    let e = evaluate(&s);
    assert_eq!(e.series.len(), 120);
    assert!(e.series.it_ai_mw.iter().all(|&x| x == 0.0), "the pod never comes online");
    assert_eq!(e.kpis.annual_revenue_usd, None);
    assert_all_finite(&e);
}

#[test]
fn evaluate_survives_the_largest_lead_time_a_file_can_hold() {
    let mut s = hybrid();
    for c in &mut s.components {
        c.lead_time_months = u32::MAX;
    }
    s.assumptions.permits_in_hand = false;
    s.assumptions.permitting_months = u32::MAX;
    s.assumptions.horizon_years = u32::MAX;
    assert_all_finite(&evaluate(&s));
}

#[test]
fn evaluate_survives_nan_everywhere() {
    let mut s = hybrid();
    hall_mut(&mut s.components[1]).miner_kw = f64::NAN;
    hall_mut(&mut s.components[1]).miner_th_s = f64::NAN;
    pod_mut(&mut s.components[2]).system_kw = f64::NAN;
    pod_mut(&mut s.components[2]).lease_usd_per_kw_month = f64::NAN;
    let a = &mut s.assumptions;
    a.power_price_usd_per_mwh = f64::NAN;
    a.hashprice_usd_per_ph_day = f64::NAN;
    a.discount_rate = f64::NAN;
    a.ai_build_premium = f64::NAN;
    a.fixed_om = f64::NAN;
    a.water_limit_m3_per_day = Some(f64::NAN);
    assert_all_finite(&evaluate(&s));
}

#[test]
fn evaluate_survives_a_premium_below_one_and_a_negative_discount_rate() {
    let mut s = hybrid();
    s.assumptions.ai_build_premium = 0.5;
    s.assumptions.discount_rate = -1.0;
    let e = evaluate(&s);
    assert_all_finite(&e);
    assert!(e.kpis.capex_ai_premium_usd >= 0.0, "a premium below 1 never makes AI capex negative");
}

#[test]
fn evaluate_survives_huge_and_infinite_values() {
    let mut s = hybrid();
    hall_mut(&mut s.components[1]).miner_count = u32::MAX;
    hall_mut(&mut s.components[1]).miner_kw = 1.0e300;
    hall_mut(&mut s.components[1]).miner_price_usd_per_th = f64::INFINITY;
    pod_mut(&mut s.components[2]).system_count = u32::MAX;
    pod_mut(&mut s.components[2]).system_kw = f64::MAX;
    pod_mut(&mut s.components[2]).life_years = 0.0;
    s.assumptions.power_price_usd_per_mwh = -f64::INFINITY;
    s.assumptions.mining_facility_capex_usd_per_mw = 1.0e308;
    assert_all_finite(&evaluate(&s));
}

#[test]
fn evaluate_leaves_a_valid_scenario_exactly_as_validation_sees_it() {
    // Values at the edges of their ranges are valid and must be used as they are.
    let mut s = hybrid();
    s.assumptions.discount_rate = 1.0;
    s.assumptions.ai_build_premium = 1.0;
    s.components[2].lead_time_months = 240;
    assert!(validate_scenario(&s).is_empty());
    let e = evaluate(&s);
    assert_eq!(e.components[2].online_month, 240);
    assert_eq!(e.kpis.capex_ai_premium_usd, 0.0);
    assert_all_finite(&e);
}
