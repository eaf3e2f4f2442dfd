//! The equity view in the window (MODEL.md "Financing and tax"): the inspector's Financing group sets a
//! preset in one undo step, and the dashboard's equity cards follow it.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use powerplot::app::PowerplotApp;
use powerplot::app::dashboard::cards::Tone;
use powerplot::app::dashboard::equity;
use powerplot::format;
use powerplot::model::demo::demo_project;
use powerplot::model::financing::presets::{ALL_EQUITY, PROJECT_FINANCE};
use powerplot::model::{evaluate, financing};

const STAY_MINING: usize = 0;
const FULL_AI: usize = 2;

fn harness(active: usize) -> Harness<'static, PowerplotApp> {
    let mut app = PowerplotApp::new(demo_project(), None);
    app.doc.set_active(active);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_ui_state(|ui, app: &mut PowerplotApp| app.ui_root(ui), app);
    h.run();
    h
}

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
