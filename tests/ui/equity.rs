//! The equity view in the window (MODEL.md "Financing and tax"): the inspector's Financing group sets a
//! preset in one undo step, and the dashboard's equity cards follow it.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use powerplot::app::PowerplotApp;
use powerplot::app::dashboard::cards::Tone;
use powerplot::app::dashboard::equity;
use powerplot::app::dashboard::plots::cashflow::{CashFlowView, cash_flow_data_in, payback_caption_in};
use powerplot::app::dashboard::plots::dscr::dscr_data;
use powerplot::model::demo::demo_project;
use powerplot::model::financing::presets::{ALL_EQUITY, PROJECT_FINANCE};
use powerplot::model::{evaluate, financing};
use powerplot::outputs::format;

use crate::dashboard::harness;

const STAY_MINING: usize = 0;
const FULL_AI: usize = 2;

fn open_financing(h: &mut Harness<'_, PowerplotApp>) {
    // The site assumptions above are long: fold them so the Financing group is in view.
    h.get_by_label("Site assumptions").click();
    h.run();
    h.get_by_label("Financing and tax").click();
    h.run();
}

fn equity_figures(h: &Harness<'_, PowerplotApp>) -> financing::FinancingKpis {
    let s = h.state().doc.scenario();
    financing::evaluate(s, &evaluate(s)).kpis
}

#[test]
fn a_financing_preset_changes_the_equity_cards_in_one_undo_step() {
    let mut h = harness(STAY_MINING);
    let before = h.state().doc.project.clone();
    let all_equity = equity_figures(&h);
    // All equity: no DSCR, and the owners' NPV is the after-tax NPV.
    assert!(h.query_by_label("no debt service").is_some());
    assert_eq!(all_equity.equity_npv_usd, all_equity.after_tax_npv_usd);
    assert!(h.query_by_label_contains("Equity view · 21.0 % tax · all equity").is_some());

    open_financing(&mut h);
    assert!(h.query_by_label("Debt share").is_some(), "the group lists its fields");
    h.get_by_label(PROJECT_FINANCE.label).click();
    h.run();

    let a = &h.state().doc.scenario().assumptions;
    assert_eq!((a.debt_share, a.debt_rate, a.debt_tenor_years), (0.8, 0.0775, 5.0));
    let levered = equity_figures(&h);
    let dscr = levered.min_dscr.expect("a DSCR once the scenario borrows");
    assert!(h.query_by_label(&format::dscr(dscr)).is_some(), "the DSCR card shows {dscr:.2}x");
    assert!(h.query_by_label("no debt service").is_none());
    assert!(h.query_by_label_contains("Equity view · 21.0 % tax · 80.0 % debt at 7.75 %, 5 years").is_some());
    // Borrowing cuts the owners' cheque: the peak equity card shows the new, smaller figure.
    assert!(levered.peak_equity_usd < all_equity.peak_equity_usd);
    assert!(h.query_by_label(&format::money(levered.peak_equity_usd)).is_some());
    assert!(h.query_by_label(&format::money(all_equity.peak_equity_usd)).is_none());

    assert_eq!(h.state().doc.undo_label(), Some("Edit assumptions"));
    assert!(h.state_mut().doc.undo());
    h.run();
    assert_eq!(h.state().doc.project, before, "one undo step takes the whole preset back");
    assert!(!h.state().doc.can_undo());
    assert!(h.query_by_label("no debt service").is_some());
    assert!(h.query_by_label(&format::money(all_equity.peak_equity_usd)).is_some());
}

#[test]
fn all_equity_preset_removes_the_debt_and_keeps_the_tax() {
    let mut h = harness(FULL_AI);
    open_financing(&mut h);
    h.get_by_label(ALL_EQUITY.label).click();
    h.run();
    let a = &h.state().doc.scenario().assumptions;
    assert_eq!(a.debt_share, 0.0);
    assert_eq!(a.tax_rate, 0.21, "tax is kept");
    let k = equity_figures(&h);
    assert!(k.min_dscr.is_none() && k.first_covenant_breach_year.is_none());
    assert!(h.query_by_label("no debt service").is_some());
}

#[test]
fn a_covenant_breach_is_red_and_names_the_project_year() {
    let h = harness(FULL_AI);
    let s = h.state().doc.scenario().clone();
    let f = financing::evaluate(&s, &evaluate(&s));
    let cards = equity::cards(&s, &f);
    let dscr = cards.iter().find(|c| c.title.starts_with("Min debt service cover")).expect("DSCR card");
    // The demo's Full AI repays $728M in the 24 months after full power (January 2030): 1.08x that year.
    assert_eq!(dscr.tone, Tone::Short);
    assert_eq!(dscr.detail, "below 1.35x from Jan 2030 - Dec 2030");
    assert_eq!(dscr.value, "0.87x");
    let irr = cards.iter().find(|c| c.title.starts_with("Equity IRR")).expect("equity IRR card");
    assert_eq!(irr.title, "Equity IRR · ambiguous", "the owners put cash in again in 2031");
    assert!(h.query_by_label("below 1.35x from Jan 2030 - Dec 2030").is_some(), "shown on the dashboard");
}

#[test]
fn dscr_plot_has_a_bar_per_operating_year_and_shades_the_interest_only_build() {
    let s = demo_project().scenarios[FULL_AI].clone();
    let f = financing::evaluate(&s, &evaluate(&s));
    let data = dscr_data(&s, &f);
    // Full power in January 2030 (month 36): 2027-2029 pay interest only and have no DSCR.
    assert_eq!(data.interest_only, vec![(0.0, 12.0), (12.0, 24.0), (24.0, 36.0)]);
    let labels: Vec<&str> = data.bars.iter().map(|b| b.label.as_str()).collect();
    assert_eq!(labels, ["Jan 2030 - Dec 2030", "Jan 2031 - Dec 2031", "Jan 2032 - Dec 2032"]);
    assert_eq!(data.bars.iter().map(|b| b.below_covenant).collect::<Vec<_>>(), [true, true, false]);
    // By hand: $727.968M (80 % of $909.96M) at r = 1.0775^(1/12) - 1 repaid in 24 level payments from
    // February 2030; 2031 pays 12 of them, 12 x $32.754M = $393.05M.
    let r = 1.0775f64.powf(1.0 / 12.0) - 1.0;
    let principal = 0.8 * 909.96e6;
    let payment = principal * r / (1.0 - (1.0 + r).powi(-24));
    assert!((payment - 32.754_165e6).abs() < 1.0, "{payment}");
    let y = &f.years[4];
    assert!((y.scheduled_debt_service() - 12.0 * payment).abs() < 1e-3, "{}", y.scheduled_debt_service());
    let by_hand = (y.revenue - y.opex - y.tax_levered.tax) / (12.0 * payment);
    assert!((data.bars[1].dscr - by_hand).abs() < 1e-9 && (by_hand - 0.8745).abs() < 1e-3, "{by_hand}");
    // Stay mining has no debt: nothing to draw.
    let stay = demo_project().scenarios[STAY_MINING].clone();
    let none = dscr_data(&stay, &financing::evaluate(&stay, &evaluate(&stay)));
    assert!(!none.has_debt && none.bars.is_empty() && none.interest_only.is_empty());
}

#[test]
fn the_cash_flow_plot_switches_between_project_after_tax_and_equity() {
    let mut h = harness(FULL_AI);
    h.get_by_label("Cash flow").click();
    h.run();
    let s = h.state().doc.scenario().clone();
    let e = evaluate(&s);
    let f = financing::evaluate(&s, &e);
    for view in CashFlowView::ALL {
        h.get_by_label(view.label()).click();
        h.run();
        assert_eq!(h.state().dashboard.cash_view, view);
        let caption = payback_caption_in(&s, &e, &f, view);
        assert!(h.query_by_label_contains(&caption).is_some(), "{caption}");
        let data = cash_flow_data_in(&s, &e, &f, view);
        let flows = match view {
            CashFlowView::Project => &e.series.cash_flow,
            CashFlowView::AfterTax => &f.series.cash_flow_after_tax,
            CashFlowView::Equity => &f.series.cash_flow_equity,
        };
        let total: f64 = flows.iter().sum();
        let last = data.simple.last().expect("points")[1];
        assert!((last - total).abs() <= 1e-6 * total.abs().max(1.0), "{view:?}: {last} vs {total}");
    }
    // The owners put in only the unborrowed 20 % of the first month's capex, and pay its opex.
    let equity = cash_flow_data_in(&s, &e, &f, CashFlowView::Equity);
    let first = -0.2 * e.series.capex[0] - e.series.opex[0] + e.series.revenue[0];
    assert!((equity.simple[1][1] - first).abs() < 1e-3, "{} vs {first}", equity.simple[1][1]);
    assert!(payback_caption_in(&s, &e, &f, CashFlowView::Equity).starts_with("Equity (debt left is repaid"));
    h.get_by_label("DSCR").click();
    h.run();
    assert!(h.query_by_label_contains("below the 1.35x covenant from Jan 2030 - Dec 2030").is_some());
}

fn shows(h: &Harness<'_, PowerplotApp>, text: &str) -> bool {
    h.query_all_by_label_contains(text).next().is_some()
}

#[test]
fn compare_ranks_equity_rows_but_not_payback_across_business_models() {
    use powerplot::app::compare::BEST_SUFFIX;
    let mut h = harness(STAY_MINING);
    h.state_mut().compare.open = true;
    h.run();
    let project = demo_project();
    let k: Vec<_> = project.scenarios.iter().map(|s| evaluate(s).kpis).collect();
    // Issue 23: Stay mining pays back in 12 months and costs $340k per MW, but that says nothing against an AI
    // conversion: neither row marks a best between mining only, mining and AI, and AI only.
    let payback = format::months(k[STAY_MINING].payback_months, "");
    assert!(shows(&h, &payback), "the payback is shown: {payback}");
    assert!(!shows(&h, &format!("{payback} {BEST_SUFFIX}")), "but not ranked");
    let per_mw = format::money(k[STAY_MINING].capex_total_usd / k[STAY_MINING].it_load_mw);
    assert!(shows(&h, &per_mw) && !shows(&h, &format!("{per_mw} {BEST_SUFFIX}")));
    // The equity rows are ranked: Hybrid's equity IRR wins (Full AI's is ambiguous and cannot), Full AI's
    // equity NPV wins, and Hybrid has the best debt service cover.
    let f: Vec<_> = project.scenarios.iter().map(|s| financing::evaluate(s, &evaluate(s)).kpis).collect();
    let equity_irr = format::percent(f[1].equity_irr.expect("Hybrid's equity IRR"));
    assert!(shows(&h, &format!("{equity_irr} {BEST_SUFFIX}")), "{equity_irr}");
    assert!(shows(&h, &format!("{} {BEST_SUFFIX}", format::money(f[2].equity_npv_usd))));
    assert!(shows(&h, &format!("{} {BEST_SUFFIX}", format::dscr(f[1].min_dscr.expect("Hybrid's DSCR")))));
    assert!(shows(&h, "0.87x (below 1.35x)"), "Full AI's breach is named in its cell");
    assert!(shows(&h, "n/a (no debt)"), "Stay mining has no debt to cover");
    let title = powerplot::model::WarningKind::DscrCovenant.title();
    assert!(shows(&h, &format!("1: {title}")), "Full AI's warnings cell counts the covenant");
}

#[test]
fn slides_show_equity_beside_npv_and_an_ambiguous_irr_small() {
    let mut h = harness(STAY_MINING);
    h.key_press(egui::Key::F5);
    h.run();
    // Stay mining's IRR (-31.2 %) is ambiguous: the headline says so in words, the figure goes to the note.
    let irr = evaluate(&demo_project().scenarios[STAY_MINING]).kpis.irr.expect("an IRR");
    let irr = format::percent(irr);
    assert_eq!(irr, "-31.2 %");
    assert!(shows(&h, "no single rate"));
    assert!(shows(&h, &format!("{irr} fits, as may other rates: read NPV")));
    assert!(h.query_by_label(&format!("{irr} (ambiguous)")).is_none(), "never as a headline");
    assert!(!shows(&h, "Equity IRR"), "an all-equity scenario shows no equity cards");
    // Full AI borrows: equity IRR (ambiguous) and the covenant breach beside NPV.
    h.key_press(egui::Key::ArrowRight);
    h.run();
    h.key_press(egui::Key::ArrowRight);
    h.run();
    assert!(shows(&h, "Equity IRR") && shows(&h, "Min debt service cover"));
    assert!(shows(&h, "0.87x") && shows(&h, "below the 1.35x covenant from Jan 2030 - Dec 2030"));
    assert!(shows(&h, "Debt service cover of 1.08x in Jan 2030 - Dec 2030"), "the covenant is a caveat");
}

#[test]
fn slides_say_under_one_household_rather_than_none() {
    use powerplot::app::presentation::households;
    assert_eq!(households(0.4), "under 1 household");
    assert_eq!(households(0.0), "under 1 household");
    assert_eq!(households(1.0), "≈ 1 household");
    assert_eq!(households(12_345.0), "≈ 12,345 households");
    // Stay mining's air-cooled halls use no water: its slide leaves the water households out.
    let mut h = harness(STAY_MINING);
    h.key_press(egui::Key::F5);
    h.run();
    assert!(!shows(&h, "≈ 0 households") && !shows(&h, "under 1 household"));
}
