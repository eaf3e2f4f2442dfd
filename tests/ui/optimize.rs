//! "Find the best mix…" as a planner uses it: open it from the Scenario menu, search on a worker thread, apply
//! the best design (a new scenario, shown at once), and undo that with one Ctrl+Z.

use std::time::{Duration, Instant};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use powerplot::app::PowerplotApp;
use powerplot::model::{Component, ComponentKind, KindTag, Project, Rect, Scenario, Substation};

/// One existing 10.5 MW hall on an existing 40 MVA substation: a space small enough to enumerate.
fn small_project() -> Project {
    let mut s = Scenario::new("Small site");
    s.boundary = Rect::new(0.0, 0.0, 500.0, 300.0);
    let mut sub = Component::new(1, KindTag::Substation, "S1", 10.0, 10.0);
    sub.existing = true;
    sub.kind = ComponentKind::Substation(Substation { capacity_mva: 40.0, ..Substation::default() });
    s.components.push(sub);
    let mut hall = Component::new(2, KindTag::AsicHall, "Hall A", 80.0, 10.0);
    hall.existing = true;
    if let ComponentKind::AsicHall(h) = &mut hall.kind {
        h.miner_count = 3_000;
    }
    s.components.push(hall);
    Project { name: "Small".into(), scenarios: vec![s] }
}

fn harness(project: Project) -> Harness<'static, PowerplotApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 900.0))
        .build_ui_state(|ui, app: &mut PowerplotApp| app.ui_root(ui), PowerplotApp::new(project, None));
    h.run();
    h
}

#[test]
fn applying_the_best_mix_adds_a_scenario_that_one_ctrl_z_removes() {
    let mut h = harness(small_project());
    h.get_by_label("Scenario").click();
    h.run();
    // The menu item, and the dashboard's button of the same name behind the menu: either opens the window.
    h.get_all_by_label("Find the best mix…").next().expect("the menu item").click();
    h.run();
    assert!(h.state().optimize.open);
    h.get_by_label("Search").click();
    h.run();
    assert!(h.state().optimize.running(), "the search runs on a worker thread");
    let started = Instant::now();
    while h.state().optimize.running() {
        assert!(started.elapsed() < Duration::from_secs(300), "the search finishes");
        std::thread::sleep(Duration::from_millis(50));
        h.run();
    }
    h.run();
    let best = h.state().optimize.finished.as_ref().expect("a result").result.best.len();
    assert!(best >= 2, "several distinct designs are listed ({best})");

    let before = h.state().doc.project.scenarios.clone();
    h.get_all_by_label("Apply").next().expect("an Apply button per design").click();
    h.run();
    let doc = &h.state().doc;
    assert_eq!(doc.project.scenarios.len(), 2, "the design is added as a new scenario");
    assert_eq!(doc.active, 1, "and shown");
    assert_eq!(doc.project.scenarios[0], before[0], "the scenario searched is untouched");
    assert!(doc.project.scenarios[1].name.starts_with("Small site: best mix 1"), "{}", doc.project.scenarios[1].name);

    // Close the window so the canvas has the keyboard, then undo.
    h.key_press(Key::Escape);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().doc.project.scenarios, before, "one Ctrl+Z removes the applied design");
}

#[test]
fn the_window_edits_the_scenarios_capital_budget_as_one_undoable_edit() {
    let mut h = harness(small_project());
    h.state_mut().optimize.open = true;
    h.run();
    assert_eq!(h.state().doc.scenario().assumptions.capital_budget_usd, None);
    h.get_by_label("at most").click();
    h.run();
    assert_eq!(h.state().doc.scenario().assumptions.capital_budget_usd, Some(1.0e9), "a budget, saved with the file");
    assert_eq!(h.state().optimize.settings().budget_usd, None, "the search reads the scenario's budget");
    h.state_mut().optimize.open = false;
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().doc.scenario().assumptions.capital_budget_usd, None, "one Ctrl+Z removes it");
}
