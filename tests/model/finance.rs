//! NPV, IRR and payback against independently computed values.
//!
//! The reference NPVs and IRRs below came from numpy-financial 1.0.0 (numpy 2.4.6, Python 3.11.7) with:
//!
//! ```python
//! import numpy as np, numpy_financial as npf
//! r_m = 1.10 ** (1.0 / 12.0) - 1.0          # MODEL.md's monthly rate for 10 %/yr
//! def realistic():                          # the 120-month series of `realistic()` below
//!     cf = []
//!     for m in range(120):
//!         v = 0
//!         if m == 0: v -= 120_000_000
//!         if m < 15: v -= 150_000
//!         else: v += 4_800_000 - 10_000 * (m - 15) - 1_250_000
//!         if m in (15, 75): v -= 60_000_000
//!         cf.append(v)
//!     return cf
//! for cf in ([-100, 39, 59, 55, 20], [-100, 0, 0, 74], [-100, 100, 0, -7], [-5, 10.5, 1, -8, 1],
//!            [-3_350_000] + [150_000] * 119, realistic()):
//!     cf = np.array(cf, dtype=float)
//!     print(repr(npf.npv(r_m, cf)), repr(npf.npv(0.05, cf)), repr(npf.irr(cf)))
//! ```
//!
//! numpy-financial's `npv(rate, values)` discounts `values[0]` by (1 + rate)^0, as MODEL.md does, and its
//! `irr` returns the root closest to zero. Its IRRs were also polished with Newton's method in 60-digit
//! decimal arithmetic: they agree to better than 5e-14, so the 1e-9 tolerance here tests our code, not theirs.

use crate::support as model_support;

use model_support::*;
use powerplot::model::evaluate;
use powerplot::model::finance::{irr_annual, irr_monthly, monthly_rate, npv, payback_months};

/// MODEL.md: "These must agree with numpy-financial's npv and irr on the same monthly series to 1e-9 relative."
#[track_caller]
fn agrees(actual: f64, reference: f64) {
    assert_close(actual, reference, 1e-9);
}

struct Reference {
    flows: Vec<f64>,
    npv_monthly_10pct_a_year: f64,
    npv_at_5pct: f64,
    irr_monthly: f64,
}

fn references() -> Vec<(&'static str, Reference)> {
    vec![
        (
            "numpy-financial's documentation example",
            Reference {
                flows: vec![-100.0, 39.0, 59.0, 55.0, 20.0],
                npv_monthly_10pct_a_year: 69.84121768053525,
                npv_at_5pct: 54.6227137869509,
                irr_monthly: 0.28094842115996066,
            },
        ),
        (
            "a loss: negative IRR",
            Reference {
                flows: vec![-100.0, 0.0, 0.0, 74.0],
                npv_monthly_10pct_a_year: -27.742397363953017,
                npv_at_5pct: -36.076017708670776,
                irr_monthly: -0.0954958303489728,
            },
        ),
        (
            "two sign changes, roots -0.679 and -0.0833: the one closest to zero",
            Reference {
                flows: vec![-100.0, 100.0, 0.0, -7.0],
                npv_monthly_10pct_a_year: -7.626284283035084,
                npv_at_5pct: -10.808767951625091,
                irr_monthly: -0.08329966618493256,
            },
        ),
        (
            "three roots -0.870, 0.0886 and 0.710: the one closest to zero",
            Reference {
                flows: vec![-5.0, 10.5, 1.0, -8.0, 1.0],
                npv_monthly_10pct_a_year: -0.441729033355848,
                npv_at_5pct: -0.18096883500187655,
                irr_monthly: 0.08859833852775534,
            },
        ),
        (
            "a 1 MW colocation pod: $3.35M net out at month 0, then $150,000 a month",
            Reference {
                flows: colo_pod_flows(),
                npv_monthly_10pct_a_year: 8150593.819925727,
                npv_at_5pct: -359028.0647538591,
                irr_monthly: 0.044525104538338134,
            },
        ),
        (
            "120-month AI build with a hardware refresh at month 75",
            Reference {
                flows: realistic(),
                npv_monthly_10pct_a_year: -11558508.30463887,
                npv_at_5pct: -118339789.63863684,
                irr_monthly: 0.006580358055420454,
            },
        ),
    ]
}

fn colo_pod_flows() -> Vec<f64> {
    let mut v = vec![-3_350_000.0];
    v.extend(std::iter::repeat_n(150_000.0, 119));
    v
}

/// A realistic monthly series for a greenfield AI build: $120M of facility at month 0, $150k a month of
/// fixed costs while it is built, $60M of GPUs at month 15 and again at 75, then a declining margin.
fn realistic() -> Vec<f64> {
    (0..120i64)
        .map(|m| {
            let mut v = 0i64;
            if m == 0 {
                v -= 120_000_000;
            }
            if m < 15 {
                v -= 150_000;
            } else {
                v += 4_800_000 - 10_000 * (m - 15) - 1_250_000;
            }
            if m == 15 || m == 75 {
                v -= 60_000_000;
            }
            v as f64
        })
        .collect()
}

#[test]
fn npv_matches_numpy_financial() {
    let r_m = monthly_rate(0.10);
    for (name, r) in references() {
        agrees(npv(r_m, &r.flows), r.npv_monthly_10pct_a_year);
        agrees(npv(0.05, &r.flows), r.npv_at_5pct);
        assert!(npv(0.05, &r.flows).is_finite(), "{name}");
    }
}

#[test]
fn irr_matches_numpy_financial() {
    for (name, r) in references() {
        let irr = irr_monthly(&r.flows).unwrap_or_else(|| panic!("{name}: no IRR"));
        assert_close(irr, r.irr_monthly, 1e-9);
        // At the IRR the NPV is zero (relative to the size of the flows).
        let scale: f64 = r.flows.iter().map(|c| c.abs()).sum();
        assert!(npv(irr, &r.flows).abs() <= 1e-9 * scale, "{name}");
    }
}

#[test]
fn the_annual_irr_compounds_the_monthly_irr() {
    // numpy: (1 + 0.006580358055420454) ** 12 - 1 = 0.08188579413240515
    assert_close(irr_annual(&realistic()).unwrap(), 0.08188579413240515, 1e-9);
    // (1 + 0.044525104538338134) ** 12 - 1 = 0.6866562867096742
    assert_close(irr_annual(&colo_pod_flows()).unwrap(), 0.6866562867096742, 1e-9);
}

#[test]
fn the_monthly_discount_rate_compounds_to_the_annual_rate() {
    // Python: 1.10 ** (1.0 / 12.0) - 1.0 = 0.007974140428903764
    assert_close(monthly_rate(0.10), 0.007974140428903764, 1e-12);
    assert_eq!(monthly_rate(0.0), 0.0);
}

#[test]
fn month_zero_is_not_discounted() {
    assert_eq!(npv(0.5, &[-100.0]), -100.0);
    // -100 + 150 / 1.5 = 0.
    assert!(npv(0.5, &[-100.0, 150.0]).abs() < 1e-12);
}

#[test]
fn no_irr_when_the_flows_never_change_sign() {
    assert_eq!(irr_monthly(&[100.0, 50.0, 0.0]), None);
    assert_eq!(irr_monthly(&[-100.0, -50.0]), None);
    assert_eq!(irr_monthly(&[0.0; 12]), None);
    assert_eq!(irr_monthly(&[]), None);
}

#[test]
fn no_irr_when_no_root_exists() {
    // -1 + x - x^2 = 0 with x = 1 / (1 + r) has no real solution (discriminant 1 - 4 < 0);
    // numpy-financial returns nan for it.
    assert_eq!(irr_monthly(&[-1.0, 1.0, -1.0]), None);
    assert_eq!(irr_annual(&[-1.0, 1.0, -1.0]), None);
}

// ---------------------------------------------------------------------------------------------------------
// Payback, worked by hand with MODEL.md's rule: the last m with S(m-1) < 0 <= S(m), payback =
// m + (-S(m-1)) / CF(m); none when S ends below zero; 0 when S never goes below zero.
// ---------------------------------------------------------------------------------------------------------

#[test]
fn payback_interpolates_inside_the_month_of_recovery() {
    // S = -100, -60, -20, +20: recovered in month 3, 3 + 20 / 40 = 3.5.
    assert_eq!(payback_months(&[-100.0, 40.0, 40.0, 40.0]), Some(3.5));
}

#[test]
fn a_hardware_refresh_that_pushes_the_cumulative_cash_below_zero_delays_payback() {
    // S = -100, -40, +20 (first recovered in month 2), -30 after a refresh, -10, +30.
    // Last crossing: month 5, 5 + 10 / 40 = 5.25 (the first crossing would flatter: 2 + 40/60 = 2.67).
    assert_eq!(payback_months(&[-100.0, 60.0, 60.0, -50.0, 20.0, 40.0]), Some(5.25));
}

#[test]
fn a_refresh_that_is_never_recovered_means_no_payback() {
    // S = -100, -40, +20, -30: ends below zero.
    assert_eq!(payback_months(&[-100.0, 60.0, 60.0, -50.0]), None);
    assert_eq!(payback_months(&[-100.0, 10.0]), None);
}

#[test]
fn a_site_that_never_loses_money_pays_back_at_once() {
    // S = 0, 10, 5, 8: never below zero.
    assert_eq!(payback_months(&[0.0, 10.0, -5.0, 3.0]), Some(0.0));
}

#[test]
fn payback_counts_a_dip_after_early_profits() {
    // S = 10, -20, +20: 2 + 20 / 40 = 2.5.
    assert_eq!(payback_months(&[10.0, -30.0, 40.0]), Some(2.5));
}

#[test]
fn the_realistic_build_pays_back_only_after_its_gpu_refresh_is_recovered() {
    // Cumulative: -178.7M after the first GPUs (month 15); first above zero in month 70 (S = +1.15M);
    // the refresh at month 75 (CF = -57.05M) takes it to -44.0M; S(90) = -0.95M, CF(91) = +2.79M,
    // so payback = 91 + 950,000 / 2,790,000 = 91.3405 months.
    close(payback_months(&realistic()).unwrap(), 91.0 + 950_000.0 / 2_790_000.0);
}

#[test]
fn discounted_payback_is_the_same_rule_on_the_discounted_flows() {
    // At 10 % a month: -100, 60 / 1.1 = 54.545, 60 / 1.21 = 49.587 -> S = -100, -45.455, +4.132.
    // Payback = 2 + 45.455 / 49.587 = 2 + (50 / 1.1) / (60 / 1.21) = 2 + 60.5 / 66 = 2.916667.
    let discounted: Vec<f64> =
        [-100.0, 60.0, 60.0].iter().enumerate().map(|(m, c)| c / 1.1f64.powi(m as i32)).collect();
    close(payback_months(&discounted).unwrap(), 2.0 + 60.5 / 66.0);
}

// ---------------------------------------------------------------------------------------------------------
// The KPIs of a whole evaluation
// ---------------------------------------------------------------------------------------------------------

/// A new 1 MW colocation pod online at month 0 with no escalator: capex $350k base + $3.15M premium at
/// month 0, rent $150,000 a month, no energy (triple net), no fixed O&M or water in the plain site.
fn colo_pod_site() -> powerplot::model::Scenario {
    let mut pod = lead(colo_pod(2, 10), 0);
    pod_mut(&mut pod).lease_escalator = 0.0;
    scenario_with(vec![existing(substation(1, 10.0)), pod, existing(ideal_plant(3, 10.0))])
}

#[test]
fn evaluated_npv_irr_and_payback_match_numpy_financial() {
    let e = evaluate(&colo_pod_site());
    assert_eq!(e.series.cash_flow, colo_pod_flows());
    let k = &e.kpis;
    agrees(k.npv_usd, 8150593.819925727);
    agrees(k.irr.unwrap(), 0.6866562867096742);
    // Simple payback by hand: S(m) = -3.5M + 150k x (m + 1), so S(22) = -50,000 < 0 <= S(23) = +100,000
    // and payback = 23 + 50,000 / 150,000 = 23.3333 months.
    close(k.payback_months.unwrap(), 23.0 + 1.0 / 3.0);
    // Discounted payback from the MODEL.md rule applied in Python to cf / (1 + r_m)^m.
    agrees(k.discounted_payback_months.unwrap(), 25.693694302436526);
    let last = *e.series.discounted_cumulative_cash_flow.last().unwrap();
    agrees(last, k.npv_usd);
    agrees(*e.series.cumulative_cash_flow.last().unwrap(), -3_350_000.0 + 119.0 * 150_000.0);
}

#[test]
fn a_higher_discount_rate_lowers_the_npv_of_a_paying_project() {
    let mut s = colo_pod_site();
    let low = evaluate(&s).kpis.npv_usd;
    s.assumptions.discount_rate = 0.20;
    let high = evaluate(&s).kpis.npv_usd;
    assert!(high < low, "{high} should be below {low}");
    // At a zero rate NPV is the plain sum: -3.35M + 119 x 150k = $14.5M.
    s.assumptions.discount_rate = 0.0;
    close(evaluate(&s).kpis.npv_usd, 14_500_000.0);
}

#[test]
fn a_project_that_never_earns_has_no_irr_and_no_payback() {
    // A pod with no power: capex only.
    let s = scenario_with(vec![colo_pod(1, 10)]);
    let k = evaluate(&s).kpis;
    assert_eq!(k.irr, None);
    assert_eq!(k.payback_months, None);
    assert_eq!(k.discounted_payback_months, None);
    close(k.npv_usd, -3_500_000.0);
}
