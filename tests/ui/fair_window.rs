//! The fair comparison in the window (issue 10) and the planner's view of a part (issue 14): idle loads on
//! the canvas with their reason, idle power in the power plot, stopped fleets on the timeline, the firm
//! capacity cards, Size to capacity, and a part's own economics in the inspector.

use egui::vec2;
use egui_kittest::kittest::Queryable;
use powerplot::app::dashboard::cards::{Tone, firm_cards};
use powerplot::app::dashboard::plots::power::{SWITCHED_OFF, UNSERVED, power_data};
use powerplot::app::dashboard::plots::timeline::timeline_data;
use powerplot::app::inspector::economics::facts;
use powerplot::model::demo::demo_project;
use powerplot::model::{Component, KindTag, LoadState, Project, Redundancy, evaluate};

use crate::canvas::{HALL_A, click_world, harness, part, undo};
use crate::layout::painted;

/// The demo with Stay mining's hashprice at $5/PH/day: no hall earns its power. Hall A: 2,400 PH/s x 0.98 x
/// $5 x 30.4167 days = $357,700 a month against 42 MW x 1.05 / 0.99 x 730 h x $45 = $1,463,300 of energy.
fn unprofitable_mining() -> Project {
    let mut p = demo_project();
    p.scenarios[0].assumptions.hashprice_usd_per_ph_day = 5.0;
    p
}

fn hover_world(h: &mut egui_kittest::Harness<'_, powerplot::app::PowerplotApp>, x: f64, y: f64) {
    let at = h.state().canvas.world_to_screen(x, y);
    h.hover_at(at);
    h.run();
}

#[test]
fn a_hall_switched_off_for_economics_is_drawn_off_and_its_tooltip_says_why() {
    let project = unprofitable_mining();
    let e = evaluate(&project.scenarios[0]);
    let hall = e.component(HALL_A).expect("Hall A");
    assert_eq!(hall.state, LoadState::SwitchedOff, "the record month finds it switched off");
    let texts = painted(project.clone(), 0, vec2(1366.0, 768.0));
    assert!(texts.iter().any(|t| t.text == "OFF"), "the canvas tags the idle hall");

    let mut h = harness(project);
    hover_world(&mut h, 370.0, 90.0);
    // Hall A from the start (Jan 2027): 2,400 PH/s x 0.98 x $5 x 30.4167 days = $357,700 over 42 MW x 1.05 /
    // 0.99 x 730 h = 32,518 MWh: $11/MWh against $45/MWh.
    let why = "Off from Jan 2027 (power price): revenue $11/MWh below power $45/MWh";
    assert_eq!(h.query_all_by_label_contains(why).count(), 1, "the hover names the reason once: {why}");
    assert!(h.query_all_by_label_contains("power and water").next().is_none(), "an air-cooled hall pays no water");
}

#[test]
fn a_fleet_that_stops_shows_on_the_timeline_and_in_the_tooltip() {
    let project = demo_project();
    let s = &project.scenarios[0];
    let e = evaluate(s);
    let stopped = e.component(HALL_A).and_then(|r| r.stopped_month).expect("Stay mining's Hall A stops");
    let rows = timeline_data(s, &e);
    let row = rows.rows.iter().find(|r| r.ids.contains(&HALL_A)).expect("a row for Hall A");
    assert_eq!(row.stopped_month, Some(stopped));
    let when = s.assumptions.start.plus_months(stopped);

    let mut h = harness(project);
    hover_world(&mut h, 370.0, 90.0);
    let text = format!("stops for good {} (refresh does not pay)", powerplot::outputs::format::calendar_month(when));
    assert_eq!(h.query_all_by_label_contains(&text).count(), 1, "the hover says {text} once");
    assert!(h.query_all_by_label_contains("not be bought again").next().is_none(), "the warning is not repeated");
}

/// The demo's Stay mining hall A in the hover: the halving named as the cause, with the figures that month,
/// and each fact said once (the warnings it carries are told by that one line).
#[test]
fn the_hover_names_the_halving_as_the_cause_and_says_it_once() {
    let project = demo_project();
    let s = &project.scenarios[0];
    let e = evaluate(s);
    let off = powerplot::model::idle::first_switch_off(s, &e, HALL_A).expect("Hall A switches off");
    assert_eq!(s.assumptions.start.plus_months(off.first_month), powerplot::model::YearMonth::new(2028, 4));
    let mut h = harness(project.clone());
    hover_world(&mut h, 370.0, 90.0);
    let expected = format!(
        "Off from Apr 2028 (halving): revenue ${:.0}/MWh below power ${:.0}/MWh; stops for good Jan 2031",
        off.revenue_usd_per_mwh, off.power_usd_per_mwh
    );
    assert_eq!(h.query_all_by_label_contains(&expected).count(), 1, "the hover says once: {expected}");
    for w in e.warnings_for(HALL_A) {
        assert!(h.query_all_by_label_contains(&w.message).next().is_none(), "said by the story: {}", w.message);
    }
}

/// A file opened in place of the demo (same scenario count, a fresh undo history) shows its own tags on the
/// very first frame, not the tags cached for the demo.
#[test]
fn hall_tags_are_right_on_the_first_frame_after_a_file_opens() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("unprofitable.ron");
    powerplot::project_file::save_project(&path, &unprofitable_mining()).expect("write");
    let mut h = harness(demo_project());
    assert!(texts(&h).iter().any(|t| t == "to 2031"), "the demo's halls stop in 2031");
    let ctx = h.ctx.clone();
    assert!(powerplot::app::file_ops::open_path(h.state_mut(), &ctx, &path));
    h.step();
    let tags = texts(&h);
    assert!(tags.iter().any(|t| t == "OFF"), "the opened file's halls are off from the start: {tags:?}");
    assert!(!tags.iter().any(|t| t == "to 2031"), "no tag left over from the demo");
}

#[test]
fn the_power_plot_keeps_mining_switched_off_apart_from_load_not_served() {
    // A 60 MW hall more than the 250 MVA connection can carry: some load goes unserved for lack of power,
    // while the halls also switch off after the halving because they would lose money.
    let mut s = demo_project().scenarios[0].clone();
    let mut big = Component::new(s.next_id(), KindTag::AsicHall, "Hall F", 600.0, 60.0);
    if let powerplot::model::ComponentKind::AsicHall(hall) = &mut big.kind {
        hall.miner_count = 17_000;
    }
    s.components.push(big);
    let e = evaluate(&s);
    let data = power_data(&s, &e);
    let off = data.idle.iter().find(|b| b.name == SWITCHED_OFF).expect("switched-off band");
    let unserved = data.idle.iter().find(|b| b.name == UNSERVED).expect("unserved band");
    assert_eq!(off.values, e.series.it_mining_off_mw);
    assert_eq!(unserved.values, e.series.it_unserved_mw);
    assert!(off.values.iter().any(|v| *v > 0.0) && unserved.values.iter().any(|v| *v > 0.0), "both occur");
    let served = data.bands.last().expect("served bands");
    for m in 0..e.series.len() {
        // Idle power sits on top of what is served: switched off first, then not served.
        assert_eq!(unserved.lower[m], off.upper[m]);
        assert!((off.lower[m] - served.upper[m]).abs() < 1e-9);
    }
}

#[test]
fn the_firm_cards_name_the_redundancy_and_the_unit_out_and_turn_red_when_short() {
    let mut s = demo_project().scenarios[2].clone();
    let k = evaluate(&s).kpis;
    let cards = firm_cards(&s, &k);
    assert_eq!(cards.len(), 2);
    // Full AI: 250 + 150 MVA x 0.95 = 380 MW in four transformers; at N+1 the largest (250 x 0.95 / 2 =
    // 118.75 MW) is out: 261.25 MW firm.
    assert_eq!(cards[0].title, "Firm grid for the AI load only (N+1)");
    assert!(cards[0].detail.contains("118.8 MW out, one Main substation (250 MVA) transformer"), "{}", cards[0].detail);
    assert!((k.firm_grid_headroom_mw - (261.25 - k.facility_power_mw)).abs() < 1e-6);
    assert_eq!(cards[0].tone, Tone::Normal);
    // Six 50 MW_th plants of 4 units: 300 - 12.5 = 287.5 MW_th firm at N+1.
    assert_eq!(cards[1].title, "Firm cooling for the AI heat only (N+1)");
    assert!(cards[1].detail.contains("12.5 MW out, one Adiabatic coolers 1 unit"), "{}", cards[1].detail);

    // 2N: half of 380 MW = 190 MW, below the AI load's 251.6 MW.
    s.assumptions.ai_power_redundancy = Redundancy::TwoN;
    let k = evaluate(&s).kpis;
    let cards = firm_cards(&s, &k);
    assert_eq!(cards[0].title, "Firm grid for the AI load only (2N)");
    assert!(cards[0].detail.contains("half of 380 MW"), "{}", cards[0].detail);
    assert!(k.firm_grid_headroom_mw < 0.0);
    assert_eq!(cards[0].tone, Tone::Short, "red when negative");

    let mining = demo_project().scenarios[0].clone();
    assert!(firm_cards(&mining, &evaluate(&mining).kpis).is_empty(), "no AI load: mining runs fine on N");
}

#[test]
fn size_to_capacity_resizes_a_hall_to_its_typical_density_in_one_undo_step() {
    let mut h = harness(demo_project());
    click_world(&mut h, 370.0, 90.0);
    let before = part(&h, HALL_A).expect("Hall A").rect;
    h.get_by_label("Size to capacity").click();
    h.run();
    let after = part(&h, HALL_A).expect("Hall A").rect;
    // 42 MW of air-cooled IT at 2.5 kW/m2 = 16,800 m2, kept at 220:60: w = sqrt(16,800 x 220/60) = 248.2 m,
    // h = sqrt(16,800 x 60/220) = 67.7 m, about the same centre (370, 90).
    assert!((after.w * after.h - 16_800.0).abs() < 1e-6, "{after:?}");
    assert!((after.w - 248.19).abs() < 0.01 && (after.h - 67.69).abs() < 0.01, "{after:?}");
    assert!((after.center().0 - 370.0).abs() < 1e-9 && (after.center().1 - 90.0).abs() < 1e-9);
    assert_eq!(h.state().doc.undo_label(), Some("Size to capacity"));
    undo(&mut h);
    assert_eq!(part(&h, HALL_A).expect("Hall A").rect, before, "one undo puts it back");
}

#[test]
fn the_inspector_shows_a_retrofit_pods_economics() {
    let project = demo_project();
    let s = &project.scenarios[1];
    let e = evaluate(s);
    let pod = s.component(4).expect("AI pod C");
    let lines = facts(s, &e, pod);
    let get = |label: &str| lines.iter().find(|f| f.label == label).map(|f| f.value.clone()).unwrap_or_default();
    // A retrofit of 300 GB200 racks (39.6 MW): only the premium, 39.6 MW x $350k x (10 - 1) = $124.7M;
    // colocation, so no hardware of ours.
    assert_eq!(get("Capex"), "$124.7M = AI premium $124.7M");
    assert_eq!(get("Online"), "Jan 2028 (month 12)");
    // 39.6 MW_th x 0.99 uptime x 24 h x 0.25 L/kWh (adiabatic coolers) = 235.2 m3/day = 62,140 US gal/day.
    assert_eq!(get("Cooling"), "39.6 MW_th · 235 m3/day (62,140 US gal/day)");
    let r = e.component(4).expect("result");
    let site: f64 = e.series.revenue.iter().sum();
    assert!(get("Revenue").contains(&powerplot::outputs::format::percent(r.revenue_usd / site)), "{}", get("Revenue"));
    assert!(get("Margin").contains("of revenue"));

    let mut h = harness(project);
    h.state_mut().doc.set_active(1);
    h.run();
    click_world(&mut h, 370.0, 270.0);
    assert!(h.query_by_label("$124.7M = AI premium $124.7M").is_some(), "the panel shows the split");
}

/// The texts painted in the harness's last frame.
fn texts(h: &egui_kittest::Harness<'_, powerplot::app::PowerplotApp>) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack: Vec<egui::Shape> = h.output().shapes.iter().map(|c| c.shape.clone()).collect();
    while let Some(shape) = stack.pop() {
        match shape {
            egui::Shape::Text(t) => out.push(t.galley.text().to_string()),
            egui::Shape::Vec(shapes) => stack.extend(shapes),
            _ => {}
        }
    }
    out
}

#[test]
fn switching_scenarios_drops_the_last_scenarios_marks_from_parts_with_the_same_ids() {
    let mut h = harness(demo_project());
    assert!(texts(&h).iter().any(|t| t == "to 2031"), "Stay mining's halls stop in 2031");
    // Full AI's pods carry the ids of Stay mining's halls (2 to 5), and the document's revision is the same.
    h.state_mut().doc.set_active(2);
    h.run();
    assert!(!texts(&h).iter().any(|t| t == "to 2031"), "no hall's tag on Full AI's pods");
}
