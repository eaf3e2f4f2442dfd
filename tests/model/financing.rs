//! The after-tax and equity view (MODEL.md "Financing and tax"): debt tranches amortized by hand and against
//! numpy-financial, MACRS with and without bonus depreciation, losses carried forward and capped at 80 %, DSCR
//! by year and the covenant warning, the identity "no debt, no tax -> every after-tax and equity figure equals
//! its pre-tax twin", and the equity and after-tax IRRs against numpy-financial's irr.
//!
//! The reference figures of `realistic()` came from numpy-financial 1.0.0 (numpy 2.4.6, Python 3.11.7), which
//! recomputes the whole case independently:
//!
//! ```python
//! import numpy as np, numpy_financial as npf
//! n = 120
//! r = 1.08 ** (1 / 12) - 1                       # monthly debt rate for 8 %/yr
//! rev = [3_000_000.0 if m >= 6 else 0.0 for m in range(n)]
//! opex = [500_000.0] * n
//! capex = [0.0] * n; capex[0] = 100_000_000.0; capex[6] = 20_000_000.0
//! # Depreciation with bonus: 60M 15-year and 20M 5-year at month 6 (online), 40M 39-year from month 6.
//! dep = [0.0] * n; dep[6] += 80_000_000.0
//! for m in range(6, n): dep[m] += 40_000_000.0 / 468
//! # Debt: 75 % of each month's capex; interest only through max(draw + 12, full power 6), then 48 level payments.
//! interest = [0.0] * n; principal = [0.0] * n
//! for d, io_end, amount in ((0, 12, 75_000_000.0), (6, 18, 15_000_000.0)):
//!     pmt = -npf.pmt(r, 48, amount)
//!     bal = amount
//!     for m in range(d + 1, d + 61):
//!         i = bal * r
//!         p = 0.0 if m <= io_end else pmt - i
//!         if m == d + 60: p = bal
//!         interest[m] += i; principal[m] += p; bal -= p
//! ds = [interest[m] + principal[m] for m in range(n)]
//! def tax(ti):
//!     out = [0.0] * n; carried = 0.0
//!     for y in range(10):
//!         t = sum(ti[12 * y:12 * y + 12])
//!         if t > 0:
//!             used = min(carried, 0.8 * t); carried -= used; tx = 0.21 * (t - used)
//!         else:
//!             carried -= t; tx = 0.0
//!         for m in range(12 * y, 12 * y + 12): out[m] = tx / 12
//!     return out
//! tax_u = tax([rev[m] - opex[m] - dep[m] for m in range(n)])
//! tax_l = tax([rev[m] - opex[m] - interest[m] - dep[m] for m in range(n)])
//! cf = [rev[m] - opex[m] - capex[m] for m in range(n)]
//! cf_at = [cf[m] - tax_u[m] for m in range(n)]
//! cf_eq = [rev[m] - opex[m] - 0.25 * capex[m] - ds[m] - tax_l[m] for m in range(n)]
//! rm = 1.10 ** (1 / 12) - 1
//! for name, s in (("after-tax", cf_at), ("equity", cf_eq)):
//!     print(name, repr(npf.npv(rm, s)), repr(npf.irr(s)))
//! print("pmt 75M", repr(-npf.pmt(r, 48, 75_000_000.0)), "pmt 15M", repr(-npf.pmt(r, 48, 15_000_000.0)))
//! print("tax levered", repr(sum(tax_l)), "unlevered", repr(sum(tax_u)))
//! print("peak equity", repr(-min(np.cumsum(cf_eq))))
//! dscr = [(sum(rev[12*y:12*y+12]) - sum(opex[12*y:12*y+12]) - sum(tax_l[12*y:12*y+12])) / sum(ds[12*y:12*y+12])
//!         for y in range(1, 6)]
//! print("dscr years 1-5", dscr)
//! print("first payment", repr(npf.ipmt(r, 1, 48, -75_000_000.0)), repr(npf.ppmt(r, 1, 48, -75_000_000.0)))
//! ```
//! Output:
//! ```text
//! after-tax 35340517.98866272 0.013366806850544588
//! equity 42838887.400632486 0.021791566433684073
//! pmt 75M 1821157.0750253936 pmt 15M 364231.4150050788
//! tax levered 35785892.145390265 unlevered 40373846.1538462
//! peak equity 33395313.549501553
//! dscr years 1-5 [1.262554284882923, 1.1054479437568103, 1.1027191713523763, 1.05468943323233, 5.475307370847703]
//! first payment 482552.25825026 1338604.8167751364
//! ```
//! A small tranche at 1 % a month (3 payments) from the same tools: `-npf.pmt(0.01, 3, 1000)` =
//! 340.0221114814678.

use crate::support as model_support;

use model_support::*;
use powerplot::model::financing::debt::{self, DebtTerms};
use powerplot::model::financing::depreciation::{self, Depreciable, DepreciationClass};
use powerplot::model::financing::{self, Input, tax};
use powerplot::model::{Assumptions, WarningKind, evaluate};
use proptest::prelude::*;

/// Assumptions of the hand-worked cases: 2027-01 start, 10 % discount rate, 8 % debt for 5 years with 12
/// months interest only, 21 % tax, bonus depreciation, no exit, 1.35x covenant.
fn terms(debt_share: f64) -> Assumptions {
    Assumptions { debt_share, ..Assumptions::default() }
}

/// A debt rate whose monthly rate is exactly 1 %: (1.01)^12 - 1.
fn one_percent_a_month() -> f64 {
    1.01f64.powi(12) - 1.0
}

#[test]
fn one_tranche_amortized_by_hand() {
    // $1,000 drawn in month 0 at 1 % a month, no interest-only period, 3-month tenor: payments in months 1-3.
    // Level payment 1000 x 0.01 / (1 - 1.01^-3) = 340.02211148 (numpy-financial: -pmt(0.01, 3, 1000)).
    // Month 1: interest 1000 x 1 % = 10, principal 330.0221, balance 669.9779.
    // Month 2: interest 6.699779, principal 333.3223, balance 336.6556.
    // Month 3: interest 3.366556, principal 336.6556 (the rest), balance 0.
    let mut capex = vec![0.0; 6];
    capex[0] = 1000.0;
    let t = DebtTerms { share: 1.0, rate: one_percent_a_month(), tenor_months: 3, interest_only_months: 0 };
    let s = debt::schedule(&capex, 0, &t);
    close(s.draws[0], 1000.0);
    assert_eq!(s.debt_service[0], 0.0, "service starts the month after the draw");
    for m in 1..=3 {
        assert_close(s.debt_service[m], 340.0221114814678, 1e-12);
    }
    assert_close(s.interest[1], 10.0, 1e-12);
    assert_close(s.interest[2], 6.699778885185322, 1e-12);
    assert_close(s.interest[3], 3.3665555592224967, 1e-12);
    assert_close(s.principal[1], 330.0221114814678, 1e-12);
    assert_close(s.balance[1], 669.9778885185322, 1e-12);
    assert_close(s.balance[2], 336.6555559222497, 1e-12);
    assert_eq!(s.balance[3], 0.0);
    assert_close(s.principal.iter().sum(), 1000.0, 1e-12);
    assert!(s.debt_service[4..].iter().all(|&v| v == 0.0));
    assert!(s.forced_repayment.iter().all(|&v| v == 0.0));
}

#[test]
fn level_payment_agrees_with_numpy_financial_pmt() {
    let r = 1.08f64.powf(1.0 / 12.0) - 1.0;
    assert_close(debt::level_payment(75_000_000.0, r, 48), 1821157.0750253936, 1e-12);
    assert_close(debt::level_payment(15_000_000.0, r, 48), 364231.4150050788, 1e-12);
    // No interest: equal slices.
    close(debt::level_payment(1200.0, 0.0, 12), 100.0);
}

#[test]
fn interest_only_lasts_until_full_power_when_that_is_later() {
    // Draw $1,200 in month 0, 2 months interest only, but full power only in month 4: interest only in months
    // 1-4, then 2 level payments in months 5-6 (tenor 6 months), at 0 % so 600 each.
    let mut capex = vec![0.0; 12];
    capex[0] = 1200.0;
    let t = DebtTerms { share: 1.0, rate: 0.0, tenor_months: 6, interest_only_months: 2 };
    let s = debt::schedule(&capex, 4, &t);
    assert_eq!(&s.principal[..7], &[0.0, 0.0, 0.0, 0.0, 0.0, 600.0, 600.0]);
    // Full power after the tenor: still one payment, the month after interest only ends.
    let s = debt::schedule(&capex, 9, &t);
    assert_eq!(s.principal[10], 1200.0);
    assert_close(s.principal.iter().sum(), 1200.0, 1e-12);
}

#[test]
fn debt_still_owed_at_the_horizon_is_repaid_in_its_last_month() {
    // $1,000 at 1 % a month over 10 years, but the horizon is 4 months: months 1-3 pay interest of 10 (12
    // months interest only), month 3 also repays the 1,000. A tranche drawn in the last month is repaid there.
    let mut capex = vec![0.0; 4];
    capex[0] = 1000.0;
    capex[3] = 500.0;
    let t = DebtTerms { share: 1.0, rate: one_percent_a_month(), tenor_months: 120, interest_only_months: 12 };
    let s = debt::schedule(&capex, 0, &t);
    assert_close(s.interest[3], 10.0, 1e-12);
    close(s.forced_repayment[3], 1500.0);
    close(s.debt_service[3], 1510.0);
    assert_eq!(s.balance[3], 0.0);
}

#[test]
fn macrs_without_bonus_follows_the_half_year_tables() {
    // 5-year, $1,200 in service in month 0: 20 % in year 0 = 240 / 12 = 20 a month; 32 % = 32 a month in
    // year 1; ... 5.76 % = 5.76 a month in year 5; nothing after month 71; the whole 1,200 over six years.
    let items = [Depreciable { in_service_month: 0, usd: 1200.0, class: DepreciationClass::FiveYear }];
    let d = depreciation::schedule(&items, false, 96);
    close(d[0], 20.0);
    close(d[11], 20.0);
    close(d[12], 32.0);
    close(d[24], 19.2);
    close(d[36], 11.52);
    close(d[48], 11.52);
    close(d[71], 5.76);
    assert_eq!(d[72], 0.0);
    close(d.iter().sum(), 1200.0);
    // 15-year, $1,200 in service in month 3: 5 % = 5 a month in months 3-14, 9.5 in months 15-26, and the
    // last 2.95 % in months 183-194; over 16 years the table adds up to 100 %.
    let items = [Depreciable { in_service_month: 3, usd: 1200.0, class: DepreciationClass::FifteenYear }];
    let d = depreciation::schedule(&items, false, 240);
    assert_eq!(d[2], 0.0);
    close(d[3], 5.0);
    close(d[15], 9.5);
    close(d[183], 2.95);
    assert_eq!(d[195], 0.0);
    close(d.iter().sum(), 1200.0);
    // Left at the horizon's end is not written off: a 24-month horizon deducts 20 % + 32 % of the 5-year item.
    let items = [Depreciable { in_service_month: 0, usd: 1200.0, class: DepreciationClass::FiveYear }];
    close(depreciation::schedule(&items, false, 24).iter().sum(), 1200.0 * 0.52);
}

#[test]
fn bonus_depreciation_deducts_short_lives_at_once_and_the_building_over_39_years() {
    let items = [
        Depreciable { in_service_month: 2, usd: 1000.0, class: DepreciationClass::FiveYear },
        Depreciable { in_service_month: 5, usd: 3000.0, class: DepreciationClass::FifteenYear },
        Depreciable { in_service_month: 5, usd: 4680.0, class: DepreciationClass::ThirtyNineYear },
    ];
    let d = depreciation::schedule(&items, true, 120);
    // 5- and 15-year in full when placed in service; the building 4,680 / 468 = 10 a month from month 5.
    close(d[2], 1000.0);
    close(d[5], 3000.0 + 10.0);
    close(d[6], 10.0);
    assert_eq!(d[4], 0.0);
    // The horizon holds 115 of the building's 468 months: 1,150 of 4,680.
    close(d.iter().sum(), 1000.0 + 3000.0 + 1150.0);
    // Placed in service after the horizon: nothing.
    let late = [Depreciable { in_service_month: 200, usd: 1.0, class: DepreciationClass::FiveYear }];
    assert!(depreciation::schedule(&late, true, 120).iter().all(|&v| v == 0.0));
}

#[test]
fn a_loss_is_carried_forward_and_offsets_at_most_80_percent() {
    // Year 0 loses 1,200; year 1 earns 1,000: the carried loss may offset 800 of it, so 200 is taxed at 21 %
    // = 42 (3.5 a month); 400 is carried on. Year 2 earns 1,000: 400 offsets, 600 taxed = 126.
    let mut ti = vec![-100.0; 12];
    ti.extend(vec![1000.0 / 12.0; 12]);
    ti.extend(vec![1000.0 / 12.0; 12]);
    let (years, monthly) = tax::by_year(&ti, 0.21);
    assert_eq!(years[0].tax, 0.0);
    close(years[0].loss_carried, 1200.0);
    close(years[1].loss_used, 800.0);
    close(years[1].tax, 42.0);
    close(years[1].loss_carried, 400.0);
    close(monthly[12], 3.5);
    close(years[2].loss_used, 400.0);
    close(years[2].tax, 126.0);
    // A short last year pays its tax over its own months: 5 months earning 100 -> 105 tax, 21 a month.
    let (years, monthly) = tax::by_year(&[100.0; 5], 0.21);
    close(years[0].tax, 105.0);
    close(monthly[4], 21.0);
}

/// The case of the module header: $100M at month 0 (60M 15-year, 40M building) and $20M of 5-year hardware at
/// month 6, online in month 6; $3M revenue a month from month 6, $0.5M opex every month; 75 % debt.
struct Realistic {
    revenue: Vec<f64>,
    opex: Vec<f64>,
    capex: Vec<f64>,
    items: Vec<Depreciable>,
}

fn realistic() -> Realistic {
    let n = 120;
    let mut capex = vec![0.0; n];
    capex[0] = 100_000_000.0;
    capex[6] = 20_000_000.0;
    Realistic {
        revenue: (0..n).map(|m| if m >= 6 { 3_000_000.0 } else { 0.0 }).collect(),
        opex: vec![500_000.0; n],
        capex,
        items: vec![
            Depreciable { in_service_month: 6, usd: 60_000_000.0, class: DepreciationClass::FifteenYear },
            Depreciable { in_service_month: 6, usd: 40_000_000.0, class: DepreciationClass::ThirtyNineYear },
            Depreciable { in_service_month: 6, usd: 20_000_000.0, class: DepreciationClass::FiveYear },
        ],
    }
}

fn realistic_financing(a: &Assumptions) -> financing::Financing {
    let r = realistic();
    let input =
        Input { revenue: &r.revenue, opex: &r.opex, capex: &r.capex, full_power_month: 6, depreciable: &r.items };
    financing::compute(&input, a)
}

#[test]
fn equity_and_after_tax_figures_agree_with_numpy_financial() {
    let f = realistic_financing(&terms(0.75));
    let k = &f.kpis;
    // MODEL.md: agree with numpy-financial's npv and irr on the same monthly series to 1e-9 relative.
    assert_close(k.after_tax_npv_usd, 35340517.98866272, 1e-9);
    assert_close(k.equity_npv_usd, 42838887.400632486, 1e-9);
    let annual = |m: f64| (1.0 + m).powi(12) - 1.0;
    assert_close(k.after_tax_irr.unwrap(), annual(0.013366806850544588), 1e-9);
    assert_close(k.equity_irr.unwrap(), annual(0.021791566433684073), 1e-9);
    assert_close(k.total_tax_usd, 35785892.145390265, 1e-9);
    assert_close(k.tax_shield_usd, 40373846.1538462 - 35785892.145390265, 1e-9);
    assert_close(k.peak_equity_usd, 33395313.549501553, 1e-9);
    // The first payment of the $75M tranche (month 13): numpy-financial's ipmt and ppmt.
    let d = &f.series.debt;
    let r = 1.08f64.powf(1.0 / 12.0) - 1.0;
    // Month 13 also carries the 15M tranche's interest-only payment.
    assert_close(d.interest[13], 482552.25825026 + 15_000_000.0 * r, 1e-9);
    assert_close(d.principal[13], 1338604.8167751364, 1e-9);
    // Equity multiple: positive equity flows over the negative ones, by the series itself.
    let eq = &f.series.cash_flow_equity;
    let pos: f64 = eq.iter().filter(|v| **v > 0.0).sum();
    let neg: f64 = eq.iter().filter(|v| **v < 0.0).sum();
    assert_close(k.equity_multiple.unwrap(), pos / -neg, 1e-12);
    // Month 60 pays the first tranche's last instalment, the second's, and year 5's tax (no more interest or
    // bonus depreciation to deduct): the one negative equity month after the build (numpy: -191,110), so the
    // equity flow changes sign three times and its IRR is marked ambiguous; the after-tax flow is not.
    assert!(eq[60] < 0.0 && eq[59] > 0.0 && eq[61] > 0.0);
    assert!(k.equity_irr_ambiguous);
    assert!(!k.after_tax_irr_ambiguous);
}

#[test]
fn dscr_by_year_and_the_covenant_warning() {
    let f = realistic_financing(&terms(0.75));
    // Full power in month 6: the operating years start at ceil(6 / 12) = 1; year 0 has debt service but no DSCR.
    assert_eq!(f.years[0].dscr, None);
    let expected = [1.262554284882923, 1.1054479437568103, 1.1027191713523763, 1.05468943323233, 5.475307370847703];
    for (y, want) in expected.iter().enumerate() {
        assert_close(f.years[y + 1].dscr.unwrap(), *want, 1e-9);
    }
    // Both tranches are repaid by month 66: no debt service and no DSCR from year 6 on.
    assert!(f.years[6..].iter().all(|y| y.dscr.is_none()));
    let k = &f.kpis;
    assert_close(k.min_dscr.unwrap(), 1.05468943323233, 1e-9);
    assert_eq!(k.min_dscr_project_year, Some(4));
    // Year 1 (Jan - Dec 2028) is the first below 1.35x.
    assert_eq!(k.first_covenant_breach_project_year, Some(1));
    assert_eq!(k.first_covenant_breach_year, Some(2028));
    assert_eq!(f.warnings.len(), 1);
    let w = &f.warnings[0];
    assert_eq!(w.kind, WarningKind::DscrCovenant);
    assert!(w.message.contains("Jan 2028 - Dec 2028"), "{}", w.message);
    assert!(w.message.contains("1.26x") && w.message.contains("1.35x"), "{}", w.message);

    // A covenant of 1.0x is met in every year: no warning, the same minimum.
    let f = realistic_financing(&Assumptions { dscr_covenant: 1.0, ..terms(0.75) });
    assert!(f.warnings.is_empty());
    assert_eq!(f.kpis.first_covenant_breach_year, None);
    // A project year named by its months when the start is not January: Apr 2029 - Mar 2030 for year 2.
    let start = powerplot::model::YearMonth::new(2027, 4);
    assert_eq!(financing::project_year_label(start, &f.years[2]), "Apr 2029 - Mar 2030");
}

#[test]
fn the_exit_is_added_untaxed_to_every_view_and_repays_the_debt_left() {
    // Exit at 10x the last 12 months' EBITDA (12 x 2.5M = 30M): 300M in month 119, in the pre-tax, after-tax
    // and equity flows alike.
    let base = realistic_financing(&terms(0.75));
    let f = realistic_financing(&Assumptions { exit_multiple: 10.0, ..terms(0.75) });
    close(f.kpis.exit_value_usd, 300_000_000.0);
    close(f.series.cash_flow_pre_tax[119], 2_500_000.0 + 300_000_000.0);
    close(f.series.cash_flow_after_tax[119] - base.series.cash_flow_after_tax[119], 300_000_000.0);
    close(f.series.cash_flow_equity[119] - base.series.cash_flow_equity[119], 300_000_000.0);
    close(f.kpis.total_tax_usd, base.kpis.total_tax_usd);
    // A 15-year tenor leaves debt at the horizon: repaid in month 119, out of the equity flow.
    let long = realistic_financing(&Assumptions { debt_tenor_years: 15.0, ..terms(0.75) });
    assert!(long.kpis.forced_repayment_usd > 0.0);
    let last = long.years.last().unwrap();
    close(last.forced_repayment, long.kpis.forced_repayment_usd);
    assert_eq!(last.balance, 0.0);
}

#[test]
fn all_equity_without_tax_is_the_pre_tax_view() {
    // The same case with no debt and no tax: every after-tax and equity flow is the pre-tax cash flow.
    let f = realistic_financing(&Assumptions { tax_rate: 0.0, ..terms(0.0) });
    let r = realistic();
    for m in 0..120 {
        let cf = r.revenue[m] - r.opex[m] - r.capex[m];
        assert_eq!(f.series.cash_flow_after_tax[m], cf);
        assert_eq!(f.series.cash_flow_equity[m], cf);
    }
    assert_eq!(f.kpis.min_dscr, None);
    assert_eq!(f.kpis.total_tax_usd, 0.0);
    assert!(!f.has_debt());
}

#[test]
fn a_scenario_is_financed_from_its_evaluation() {
    // A new 1,000-miner hall (5 MW: $1.75M of facility at $350k/MW, $1M of miners) and a new substation.
    // Everything the plan spends is placed in service in some class.
    let mut s = scenario_with(vec![hall(1, 1000), substation(2, 10.0)]);
    s.assumptions.debt_share = 0.8;
    let e = evaluate(&s);
    let items = financing::depreciable_items(&s, &e);
    let placed: f64 = items.iter().map(|i| i.usd).sum();
    close(placed, e.kpis.capex_total_usd);
    // The building share (0.5) of the hall's facility capex is 39-year, in service when the hall comes online.
    let hall_online = e.components[0].online_month;
    let building: Vec<_> = items.iter().filter(|i| i.class == DepreciationClass::ThirtyNineYear).collect();
    assert_eq!(building.len(), 1);
    close(building[0].usd, 0.5 * e.kpis.capex_facility_base_usd);
    assert_eq!(building[0].in_service_month, hall_online);
    let f = financing::evaluate(&s, &e);
    close(f.series.debt.draws.iter().sum(), 0.8 * e.kpis.capex_total_usd);
    assert!(f.has_debt());
    assert_eq!(f.series.cash_flow_equity.len(), e.series.len());
}

fn identity_config() -> ProptestConfig {
    ProptestConfig { cases: 128, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(identity_config())]

    /// MODEL.md: with `debt_share` 0 and `tax_rate` 0, every after-tax and equity figure equals its pre-tax
    /// unlevered twin, whatever the other financing terms.
    #[test]
    fn no_debt_and_no_tax_is_the_pre_tax_view(
        s in crate::properties::scenario(),
        rate in 0.0..=0.5f64,
        tenor in 0.5..=40.0f64,
        io in 0u32..=240,
        bonus in any::<bool>(),
        building in 0.0..=1.0f64,
    ) {
        let mut s = s;
        let a = &mut s.assumptions;
        (a.debt_share, a.tax_rate, a.exit_multiple) = (0.0, 0.0, 0.0);
        (a.debt_rate, a.debt_tenor_years, a.interest_only_months, a.bonus_depreciation, a.building_share) =
            (rate, tenor, io, bonus, building);
        let e = evaluate(&s);
        let f = financing::evaluate(&s, &e);
        let k = &e.kpis;
        let scale = e.series.cash_flow.iter().map(|c| c.abs()).sum::<f64>().max(1.0);
        for (m, cf) in e.series.cash_flow.iter().enumerate() {
            prop_assert_eq!(f.series.cash_flow_after_tax[m], *cf);
            prop_assert_eq!(f.series.cash_flow_equity[m], *cf);
        }
        prop_assert!((f.kpis.after_tax_npv_usd - k.npv_usd).abs() <= 1e-9 * scale);
        prop_assert!((f.kpis.equity_npv_usd - k.npv_usd).abs() <= 1e-9 * scale);
        prop_assert_eq!(f.kpis.after_tax_irr, k.irr);
        prop_assert_eq!(f.kpis.equity_irr, k.irr);
        prop_assert_eq!(f.kpis.equity_irr_ambiguous, k.irr_ambiguous);
        prop_assert_eq!(f.kpis.after_tax_irr_ambiguous, k.irr_ambiguous);
        prop_assert_eq!(f.kpis.total_tax_usd, 0.0);
        prop_assert_eq!(f.kpis.tax_shield_usd, 0.0);
        prop_assert_eq!(f.kpis.min_dscr, None);
        prop_assert!(f.warnings.is_empty());
        // Peak equity is the deepest the pre-tax cumulative cash flow goes.
        let lowest = e.series.cumulative_cash_flow.iter().fold(0.0f64, |l, c| l.min(*c));
        prop_assert!((f.kpis.peak_equity_usd + lowest).abs() <= 1e-9 * scale);
    }

    /// Every dollar of capex is placed in service in some class, and debt draws are the debt share of it.
    #[test]
    fn depreciable_items_add_up_to_the_capex(s in crate::properties::scenario(), share in 0.0..=0.95f64) {
        let mut s = s;
        s.assumptions.debt_share = share;
        let e = evaluate(&s);
        let items = financing::depreciable_items(&s, &e);
        let total = e.kpis.capex_total_usd;
        let placed: f64 = items.iter().map(|i| i.usd).sum();
        prop_assert!((placed - total).abs() <= 1e-6 * total.max(1.0), "{} vs {}", placed, total);
        let f = financing::evaluate(&s, &e);
        let drawn: f64 = f.series.debt.draws.iter().sum();
        prop_assert!((drawn - share * total).abs() <= 1e-9 * total.max(1.0));
        let repaid: f64 = f.series.debt.principal.iter().sum();
        prop_assert!((repaid - drawn).abs() <= 1e-6 * drawn.max(1.0), "repaid {} of {}", repaid, drawn);
        prop_assert!(f.series.cash_flow_equity.iter().all(|v| v.is_finite()));
        prop_assert!(f.kpis.min_dscr.is_none_or(f64::is_finite));
    }
}
