//! What investors see, as the app shows it: a slide carries the IRR's ambiguity mark and the scenario's
//! warnings (most serious first) and names the 12 months its first-year EBITDA counts; the dashboard card
//! names them too; the comparison never marks a scenario that breaks a site limit best, marks shared best
//! values as ties, and lists the assumptions that differ, with "apply to all" as one undo step.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use powerplot::app::PowerplotApp;
use powerplot::app::compare::{BEST_SUFFIX, NOT_RANKED_SUFFIX, TIE_SUFFIX};
use powerplot::model::demo::demo_project;
use powerplot::model::warnings::by_severity;
use powerplot::model::{Component, KindTag, Project, Rect, Scenario, WarningKind, evaluate};
use powerplot::outputs::format;
use powerplot::project_file::load_project;

fn harness(project: Project) -> Harness<'static, PowerplotApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_ui_state(|ui, app: &mut PowerplotApp| app.ui_root(ui), PowerplotApp::new(project, None));
    h.run();
    h
}

fn shows(h: &Harness<'_, PowerplotApp>, text: &str) -> bool {
    h.query_all_by_label_contains(text).next().is_some()
}

fn key(h: &mut Harness<'_, PowerplotApp>, key: egui::Key) {
    h.key_press(key);
    h.run();
}

fn example(name: &str) -> Project {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("saves").join(name);
    load_project(&path).unwrap_or_else(|e| panic!("{e}"))
}

fn open_compare(h: &mut Harness<'_, PowerplotApp>) {
    h.state_mut().compare.open = true;
    h.run();
    assert!(shows(h, "Compare scenarios"));
}

/// A site with an existing substation and one new hall of miners that takes 15 months to build.
fn one_new_hall() -> Project {
    let mut s = Scenario::new("One new hall");
    let mut sub = Component::new(1, KindTag::Substation, "Substation", 40.0, 40.0);
    sub.existing = true;
    s.components.push(sub);
    let mut hall = Component::new(2, KindTag::AsicHall, "Hall A", 300.0, 60.0);
    hall.lead_time_months = 15;
    hall.rect = Rect::new(300.0, 60.0, 220.0, 60.0);
    s.components.push(hall);
    Project { name: "First year".into(), scenarios: vec![s] }
}

#[test]
fn a_slide_marks_an_ambiguous_irr_and_says_why() {
    // The first scenario, in the demo or the water-limited example, whose cash flow changes sign more than
    // once (hardware refreshes, halvings): its IRR is ambiguous.
    let (project, index) = [demo_project(), example("water_limited_dry_coolers.ron")]
        .into_iter()
        .find_map(|p| {
            let i = p.scenarios.iter().position(|s| evaluate(s).kpis.irr_ambiguous)?;
            Some((p, i))
        })
        .expect("an example with an ambiguous IRR");
    let mut h = harness(project);
    key(&mut h, egui::Key::F5);
    for _ in 0..index {
        key(&mut h, egui::Key::ArrowRight);
    }
    assert_eq!(h.state().doc.active, index);
    let e = &h.state().results.all()[index];
    // Issue 23: an ambiguous IRR is never a headline; the card says so in words and gives the figure small,
    // with its reason.
    let irr = format::percent(e.kpis.irr.expect("an IRR"));
    assert!(h.query_by_label("no single rate").is_some(), "the IRR card's headline");
    assert!(shows(&h, &format!("{irr} fits, as may other rates: read NPV")), "{irr} in the note");
    assert!(h.query_by_label(&format::irr(e.kpis.irr, true)).is_none());
    assert!(shows(&h, "Caveats, most serious first"));
    assert!(shows(&h, "IRR can mislead here"), "the ambiguity's warning travels with the slide");
    // Under the site plan (1000 x 600 m in a column about 720 points wide: about 430 points tall below the
    // 90-point header), not where the plan is painted over it.
    let heading = h.get_by_label("Caveats, most serious first").rect();
    assert!(heading.top() > 768.0 * 0.6 && heading.bottom() < 768.0, "caveats at {heading:?}");
}

#[test]
fn a_slide_lists_the_limit_it_breaks_first() {
    let project = example("water_limited_dry_coolers.ron");
    let towers = evaluate(&project.scenarios[0]);
    assert!(towers.warnings.iter().any(|w| w.kind == WarningKind::WaterLimit));
    let mut h = harness(project);
    key(&mut h, egui::Key::F5);
    assert_eq!(h.state().doc.scenario().name, "Evaporative towers");
    let first = by_severity(&towers.warnings)[0];
    assert_eq!(first.kind.severity(), 3, "a broken limit is the most serious kind");
    assert!(first.message.contains("above the site's allowance"), "{}", first.message);
    assert!(shows(&h, &format!("• {}", first.message)), "the slide shows: {}", first.message);
}

#[test]
fn slides_and_the_dashboard_name_the_first_full_year_in_calendar_months() {
    let project = one_new_hall();
    let k = evaluate(&project.scenarios[0]).kpis;
    // The hall is online after its 15-month lead time (permits in hand), so full power is month 15: from a
    // January 2027 start that is April 2028, and the counted year runs Apr 2028 - Mar 2029.
    assert_eq!(k.full_power_month, 15);
    let mut h = harness(project);
    assert!(shows(&h, "Revenue · EBITDA, Apr 2028 - Mar 2029"), "the dashboard card names the 12 months");
    key(&mut h, egui::Key::F5);
    assert!(shows(&h, "EBITDA, Apr 2028 - Mar 2029"), "the slide names the 12 months");
    assert!(shows(&h, "full power Apr 2028"), "calendar months, not month numbers");
    assert!(!shows(&h, "month 0"), "no slide says month 0");
}

#[test]
fn the_towers_that_break_the_water_allowance_are_never_marked_best() {
    // The example's allowance raised from 378.5 to 500 m3/day: the adiabatic coolers (470) fit, the
    // evaporative towers (3,387) do not.
    let mut project = example("water_limited_dry_coolers.ron");
    for s in &mut project.scenarios {
        s.assumptions.water_limit_m3_per_day = Some(500.0);
    }
    let evaluations: Vec<_> = project.scenarios.iter().map(evaluate).collect();
    let mut h = harness(project);
    open_compare(&mut h);
    let per_mw = |i: usize| evaluations[i].kpis.capex_total_usd / evaluations[i].kpis.it_load_mw;
    // Towers $2.73M per MW of IT, adiabatic $2.83M, dry $2.76M: the towers look cheapest but break the
    // allowance, so they are not ranked and the dry coolers are the best of the other two.
    assert!(per_mw(0) < per_mw(2) && per_mw(2) < per_mw(1));
    assert!(h.query_by_label(&format!("{} {NOT_RANKED_SUFFIX}", format::money(per_mw(0)))).is_some());
    assert!(h.query_by_label(&format!("{} {BEST_SUFFIX}", format::money(per_mw(2)))).is_some());
    assert!(shows(&h, "water above allowance"), "the site-limits row names the broken limit");
    assert!(h.query_by_label("Warnings").is_some(), "a warnings row");
}

#[test]
fn equal_best_values_are_marked_as_ties() {
    let mut project = demo_project();
    let mut twin = project.scenarios[2].clone();
    twin.name = "Full AI twin".into();
    project.scenarios.push(twin);
    let npv = evaluate(&project.scenarios[2]).kpis.npv_usd;
    let mut h = harness(project);
    open_compare(&mut h);
    let tied = format!("{} {TIE_SUFFIX}", format::money(npv));
    assert_eq!(h.query_all_by_label(&tied).count(), 2, "both copies of the best NPV read {tied}");
    assert!(h.query_by_label(&format!("{} {BEST_SUFFIX}", format::money(npv))).is_none());
}

#[test]
fn differing_assumptions_are_listed_and_applied_to_all_in_one_undo_step() {
    let mut project = demo_project();
    // The demo's AI scenarios borrow and Stay mining does not: make the financing alike, so the power price
    // is the one assumption that differs.
    let same = project.scenarios[0].assumptions.clone();
    for s in &mut project.scenarios {
        s.assumptions = same.clone();
    }
    project.scenarios[1].assumptions.power_price_usd_per_mwh = 30.0;
    let mut h = harness(project);
    open_compare(&mut h);
    assert!(shows(&h, "Assumptions that differ between the scenarios"));
    assert!(h.query_by_label("Hybrid's").is_some(), "values are labelled as the scenario's");
    assert!(h.query_by_label("30 $/MWh").is_some() && h.query_all_by_label("45 $/MWh").count() == 3);
    // One "to all" button per scenario's value: the second is the hybrid's 30 $/MWh.
    let buttons: Vec<_> = h.query_all_by_label("to all").collect();
    assert_eq!(buttons.len(), 4, "one assumption differs, one button per scenario");
    // The table is long (the equity rows): bring the button into view first.
    buttons[1].scroll_to_me();
    h.run();
    h.query_all_by_label("to all").nth(1).expect("the button").click();
    h.run();
    let prices: Vec<f64> =
        h.state().doc.project.scenarios.iter().map(|s| s.assumptions.power_price_usd_per_mwh).collect();
    assert_eq!(prices, [30.0, 30.0, 30.0, 30.0]);
    assert!(shows(&h, "None: every scenario assumes the same."));
    assert_eq!(h.state().doc.undo_label(), Some("Apply to all scenarios"));
    h.state_mut().doc.undo();
    h.run();
    let prices: Vec<f64> =
        h.state().doc.project.scenarios.iter().map(|s| s.assumptions.power_price_usd_per_mwh).collect();
    assert_eq!(prices, [45.0, 30.0, 45.0, 45.0], "one undo brings every scenario back");
}
