//! The live dashboard, driven through the real app without a GPU: cards that follow edits, plots whose
//! points are the simulation's monthly arrays, a tornado with the right signs that is computed once per
//! revision, plot views that survive edits until reset, the Help window, and no repaint loop while idle.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use powerplot::app::PowerplotApp;
use powerplot::app::dashboard::cards::{Tone, cards};
use powerplot::app::dashboard::plots::capex::{AI_PREMIUM, capex_data};
use powerplot::app::dashboard::plots::cashflow::cash_flow_data;
use powerplot::app::dashboard::plots::power::power_data;
use powerplot::app::dashboard::plots::timeline::timeline_data;
use powerplot::app::dashboard::plots::water::water_data;
use powerplot::app::dashboard::plots::{PlotKind, PlotView};
use powerplot::app::edit::EditCommand;
use powerplot::model::demo::demo_project;
use powerplot::model::sensitivity::{Driver, tornado};
use powerplot::model::simulate::DAYS_PER_MONTH;
use powerplot::model::{ComponentKind, Evaluation, Scenario, evaluate};
use powerplot::outputs::format;

const STAY_MINING: usize = 0;
const HYBRID: usize = 1;
const FULL_AI: usize = 2;

fn scenario(index: usize) -> Scenario {
    demo_project().scenarios[index].clone()
}

/// The app on the demo with scenario `active` shown, at 1366x768.
pub(crate) fn harness(active: usize) -> Harness<'static, PowerplotApp> {
    let mut app = PowerplotApp::new(demo_project(), None);
    app.doc.set_active(active);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_ui_state(|ui, app: &mut PowerplotApp| app.ui_root(ui), app);
    h.run();
    h
}

fn shows(h: &Harness<'_, PowerplotApp>, text: &str) -> bool {
    h.query_by_label(text).is_some()
}

fn shows_part(h: &Harness<'_, PowerplotApp>, text: &str) -> bool {
    h.query_by_label_contains(text).is_some()
}

fn active_scenario(h: &Harness<'_, PowerplotApp>) -> Scenario {
    h.state().doc.scenario().clone()
}

fn set_assumptions(h: &mut Harness<'_, PowerplotApp>, change: impl FnOnce(&mut powerplot::model::Assumptions)) {
    let index = h.state().doc.active;
    let mut assumptions = active_scenario(h).assumptions;
    change(&mut assumptions);
    assert!(h.state_mut().edit(EditCommand::SetAssumptions { scenario: index, assumptions }));
    h.run();
}

fn open_tab(h: &mut Harness<'_, PowerplotApp>, kind: PlotKind) {
    h.get_by_label(kind.label()).click();
    h.run();
    assert_eq!(h.state().dashboard.plot, kind);
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs()))
}

#[test]
fn capex_premium_and_npv_cards_follow_an_edit() {
    let mut h = harness(HYBRID);
    let before = evaluate(&active_scenario(&h)).kpis;
    assert!(shows(&h, &format::money(before.capex_total_usd)));
    assert!(shows(&h, &format::money(before.capex_ai_premium_usd)));

    set_assumptions(&mut h, |a| a.ai_build_premium = 15.0);

    let after = evaluate(&active_scenario(&h)).kpis;
    assert!(after.capex_total_usd > before.capex_total_usd);
    assert!(shows(&h, &format::money(after.capex_total_usd)), "the capex card shows the new total");
    assert!(!shows(&h, &format::money(before.capex_total_usd)), "the old total is gone");
    assert!(shows(&h, &format::money(after.capex_ai_premium_usd)));
    let share = after.capex_ai_premium_usd / after.capex_total_usd;
    assert!(shows(&h, &format!("{} of capex", format::percent(share))));
    let ambiguous = if after.irr_ambiguous { " (ambiguous)" } else { "" };
    let npv =
        format!("{} · {}{ambiguous}", format::money(after.npv_usd), after.irr.map_or("n/a".into(), format::percent));
    assert!(shows(&h, &npv), "the NPV card shows {npv}");
    assert!(shows_part(&h, "pre-tax, unlevered, nominal"));
}

#[test]
fn power_price_edit_changes_the_npv_card() {
    let mut h = harness(STAY_MINING);
    let before = evaluate(&active_scenario(&h)).kpis.npv_usd;
    set_assumptions(&mut h, |a| a.power_price_usd_per_mwh = 60.0);
    let after = evaluate(&active_scenario(&h)).kpis.npv_usd;
    assert!(after < before);
    assert!(shows_part(&h, &format!("{} · ", format::money(after))));
    assert!(!shows_part(&h, &format!("{} · ", format::money(before))));
}

#[test]
fn headroom_cards_turn_short_when_the_grid_is_too_small() {
    let mut s = scenario(STAY_MINING);
    let card = |s: &Scenario, title: &str| {
        cards(s, &evaluate(s).kpis).into_iter().find(|c| c.title == title).expect("the card exists")
    };
    assert_eq!(card(&s, "Grid headroom").tone, Tone::Normal);
    for c in &mut s.components {
        if let ComponentKind::Substation(x) = &mut c.kind {
            x.capacity_mva = 150.0;
        }
    }
    let grid = card(&s, "Grid headroom");
    assert_eq!(grid.tone, Tone::Short);
    assert!(grid.value.starts_with('-'), "a deficit reads as a negative headroom: {}", grid.value);

    let mut h = harness(STAY_MINING);
    let index = h.state().doc.active;
    let mut substation = active_scenario(&h).components[0].clone();
    if let ComponentKind::Substation(x) = &mut substation.kind {
        x.capacity_mva = 150.0;
    }
    assert!(h.state_mut().edit(EditCommand::ReplaceComponent { scenario: index, component: substation }));
    h.run();
    assert!(shows(&h, &format::power_mw(evaluate(&active_scenario(&h)).kpis.grid_headroom_mw)));
}

#[test]
fn tornado_signs_follow_the_economics() {
    let (_, bars) = tornado(&scenario(STAY_MINING), 0.2);
    let bar = |d: Driver| bars.iter().find(|b| b.driver == d).expect("every driver has a bar").clone();
    let power = bar(Driver::PowerPrice);
    assert!(power.npv_high < power.npv_low, "a higher power price lowers NPV");
    let hashprice = bar(Driver::Hashprice);
    assert!(hashprice.npv_high > hashprice.npv_low, "a higher hashprice raises a mining site's NPV");
    let capex = bar(Driver::Capex);
    assert!(capex.npv_high < capex.npv_low, "dearer capex lowers NPV");
    assert!(bars.windows(2).all(|w| w[0].spread() >= w[1].spread()), "widest bar first");

    let (_, ai) = tornado(&scenario(FULL_AI), 0.2);
    let lease = ai.iter().find(|b| b.driver == Driver::AiPrice).expect("AI price bar");
    assert!(lease.npv_high > lease.npv_low, "a higher colocation lease raises NPV");
    let premium = ai.iter().find(|b| b.driver == Driver::AiBuildPremium).expect("premium bar");
    assert!(premium.npv_high < premium.npv_low, "a higher AI build premium lowers NPV");
}

#[test]
fn tornado_is_computed_once_per_revision() {
    let mut h = harness(STAY_MINING);
    assert_eq!(h.state().dashboard.tornado.computations, 0, "not computed until the tab is shown");
    open_tab(&mut h, PlotKind::Sensitivity);
    assert_eq!(h.state().dashboard.tornado.computations, 1);
    assert!(shows_part(&h, "20 % lower or higher"));
    h.run_steps(5);
    assert_eq!(h.state().dashboard.tornado.computations, 1, "idle frames reuse the cached tornado");
    set_assumptions(&mut h, |a| a.hashprice_usd_per_ph_day = 50.0);
    assert_eq!(h.state().dashboard.tornado.computations, 2, "an edit recomputes it once");
}

fn check_power(s: &Scenario, e: &Evaluation) {
    let data = power_data(s, e);
    let series = &e.series;
    let expected = [&series.it_mining_mw, &series.it_ai_mw, &series.overhead_mw, &series.cooling_mw, &series.losses_mw];
    assert_eq!(data.bands.len(), expected.len());
    for (band, values) in data.bands.iter().zip(expected) {
        assert_eq!(&band.values, values, "{} is the simulation's array", band.name);
        for ((upper, lower), value) in band.upper.iter().zip(&band.lower).zip(values.iter()) {
            assert!(close(upper - lower, *value));
        }
    }
    let top = data.bands.last().expect("five bands");
    for m in 0..series.len() {
        assert!(close(top.upper[m], series.facility_mw[m]), "the stack reaches the served facility power in month {m}");
        assert!(close(data.capacity_mw[m], series.grid_capacity_mw[m] + series.generation_capacity_mw[m]));
    }
    assert!(close(data.full_build_mw, e.kpis.facility_power_mw));
}

#[test]
fn power_plot_points_are_the_monthly_series() {
    for s in demo_project().scenarios {
        let e = evaluate(&s);
        check_power(&s, &e);
    }
}

#[test]
fn water_plot_points_are_the_monthly_series() {
    let s = scenario(FULL_AI);
    let e = evaluate(&s);
    let data = water_data(&s, &e);
    assert_eq!(data.bands.len(), 1, "six adiabatic plants share one band");
    assert!(data.bands[0].name.contains("×6"));
    let top = data.bands.last().expect("a band");
    for m in 0..e.series.len() {
        assert!(close(top.upper[m], e.series.water_m3[m] / DAYS_PER_MONTH), "month {m}");
    }
    let last = e.series.len() - 1;
    assert!(close(top.upper[last], e.kpis.water_m3_per_day), "at full build the plot meets the card");
    assert!(close(data.households_per_m3_day * e.kpis.water_m3_per_day, e.kpis.households_water));
    assert!(water_data(&scenario(STAY_MINING), &evaluate(&scenario(STAY_MINING))).bands.is_empty());
}

#[test]
fn cash_flow_points_are_the_cumulative_series_and_paybacks() {
    let s = scenario(HYBRID);
    let e = evaluate(&s);
    let data = cash_flow_data(&s, &e);
    assert_eq!(data.simple[0], [0.0, 0.0]);
    for m in 0..e.series.len() {
        assert_eq!(data.simple[m + 1], [m as f64 + 1.0, e.series.cumulative_cash_flow[m]]);
        assert_eq!(data.discounted[m + 1], [m as f64 + 1.0, e.series.discounted_cumulative_cash_flow[m]]);
    }
    let payback = data.payback_months.expect("the hybrid pays back");
    assert_eq!(Some(payback), e.kpis.payback_months);
    // The marker sits where the drawn line crosses zero.
    let i = payback.floor() as usize;
    let (a, b) = (data.simple[i], data.simple[i + 1]);
    let at = a[1] + (b[1] - a[1]) * (payback - a[0]);
    assert!(at.abs() < 1e-6 * e.kpis.capex_total_usd, "line at the payback marker: {at}");
    let halvings: Vec<f64> = data.halvings.iter().map(|(m, _)| *m).collect();
    assert_eq!(halvings, [15.0, 63.0], "2028-04 and 2032-04 from a 2027-01 start");
}

#[test]
fn capex_bars_add_up_and_show_the_premium() {
    for s in demo_project().scenarios {
        let k = evaluate(&s).kpis;
        let data = capex_data(&k);
        let this: f64 = data.segments.iter().map(|x| x.this_design).sum();
        let mining: f64 = data.segments.iter().map(|x| x.mining_build).sum();
        assert!(close(this, k.capex_total_usd));
        assert!(close(mining, k.capex_as_mining_build_usd()));
        let premium = data.segments.last().expect("segments");
        assert_eq!(premium.category, AI_PREMIUM);
        assert!(close(premium.this_design, k.capex_ai_premium_usd));
        assert!(close(this - mining, k.capex_ai_premium_usd), "the gap between the bars is the premium");
    }
}

#[test]
fn timeline_rows_show_online_months_and_what_permitting_costs() {
    let mut s = scenario(FULL_AI);
    s.assumptions.permits_in_hand = false;
    let e = evaluate(&s);
    let data = timeline_data(&s, &e);
    let mut seen = Vec::new();
    for row in &data.rows {
        for id in &row.ids {
            let c = s.component(*id).expect("a row names real parts");
            assert_eq!(row.online_month, e.component(*id).expect("a result").online_month);
            assert_eq!(row.permitting_months + row.lead_months, row.online_month);
            let retrofit = matches!(&c.kind, ComponentKind::GpuPod(p) if p.retrofit);
            let expected = if c.existing || retrofit { 0 } else { s.assumptions.permitting_months };
            assert_eq!(row.permitting_months, expected, "{}", c.name);
            seen.push(*id);
        }
    }
    seen.sort_unstable();
    let mut all: Vec<u64> = s.components.iter().map(|c| c.id).collect();
    all.sort_unstable();
    assert_eq!(seen, all, "every part is on exactly one row");
    assert!(data.rows.len() < s.components.len(), "identical parts share a row");
    assert_eq!(data.full_power_month, 36 + 36, "the new substation: 36 months of permitting, then 36 of lead time");
}

#[test]
fn every_plot_tab_draws_and_the_app_is_idle_afterwards() {
    for active in [STAY_MINING, HYBRID, FULL_AI] {
        let mut h = harness(active);
        for kind in PlotKind::ALL {
            open_tab(&mut h, kind);
            assert_eq!(h.run(), 1, "{:?} settles: no repaint is requested while nothing happens", kind);
        }
    }
}

#[test]
fn a_panned_plot_keeps_its_view_through_edits_until_reset() {
    let mut h = harness(STAY_MINING);
    open_tab(&mut h, PlotKind::Power);
    let id = PlotView::new(("dashboard", STAY_MINING)).plot_id("power");
    let ctx = h.ctx.clone();
    let memory = || egui_plot::PlotMemory::load(&ctx, id).expect("the power plot has drawn");
    let frame = *memory().transform().frame();
    assert!(memory().auto_bounds.x, "a fresh plot fits its data");

    let from = frame.center();
    h.event(egui::Event::PointerMoved(from));
    h.event(egui::Event::PointerButton {
        pos: from,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Default::default(),
    });
    h.step();
    for dx in [20.0, 40.0, 80.0] {
        h.event(egui::Event::PointerMoved(from + egui::vec2(dx, 0.0)));
        h.step();
    }
    let to = from + egui::vec2(80.0, 0.0);
    h.event(egui::Event::PointerButton {
        pos: to,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Default::default(),
    });
    h.run();
    let panned = *memory().bounds();
    assert!(!memory().auto_bounds.x, "dragging the plot pans it");

    set_assumptions(&mut h, |a| a.power_price_usd_per_mwh = 55.0);
    assert_eq!(*memory().bounds(), panned, "an edit keeps the user's view");

    h.get_by_label("Reset view").click();
    h.run();
    assert!(memory().auto_bounds.x, "Reset view fits the data again");
}

#[test]
fn help_window_opens_with_f1_and_explains_the_rules() {
    let mut h = harness(STAY_MINING);
    assert!(!shows_part(&h, "Grid and turbines form one pool"));
    h.key_press(egui::Key::F1);
    h.run();
    assert!(h.state().show_help);
    assert!(shows(&h, "How is this computed?"));
    assert!(shows_part(&h, "Grid and turbines form one pool"));
    assert!(shows_part(&h, "pre-tax, unlevered (no debt), in nominal dollars"));
    h.key_press(egui::Key::F1);
    h.run();
    assert!(!h.state().show_help);
}

#[test]
fn an_empty_site_draws_every_tab_without_made_up_numbers() {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_ui_state(|ui, app: &mut PowerplotApp| app.ui_root(ui), PowerplotApp::new(Default::default(), None));
    h.run();
    assert!(shows_part(&h, "0.0 MW · n/a"), "an empty site has no PUE");
    for kind in PlotKind::ALL {
        open_tab(&mut h, kind);
    }
    open_tab(&mut h, PlotKind::Capex);
    assert!(shows_part(&h, "Nothing to build yet"));
}
