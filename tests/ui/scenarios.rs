//! Scenarios as a user meets them, driven through the real app without a GPU: tabs (duplicate, rename,
//! reorder, delete with undo), the comparison table, and presentation mode.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use powerplot::app::PowerplotApp;
use powerplot::app::edit::EditCommand;
use powerplot::model::demo::demo_project;
use powerplot::model::{Project, Scenario, evaluate};
use powerplot::outputs::format;

fn harness(project: Project) -> Harness<'static, PowerplotApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_ui_state(|ui, app: &mut PowerplotApp| app.ui_root(ui), PowerplotApp::new(project, None));
    h.run();
    h
}

fn names(h: &Harness<'_, PowerplotApp>) -> Vec<String> {
    h.state().doc.project.scenarios.iter().map(|s| s.name.clone()).collect()
}

fn menu(h: &mut Harness<'_, PowerplotApp>, menu: &str, item: &str) {
    h.get_by_label(menu).click();
    h.run();
    h.get_by_label(item).click();
    h.run();
}

fn key(h: &mut Harness<'_, PowerplotApp>, key: egui::Key) {
    h.key_press(key);
    h.run();
}

fn shows(h: &Harness<'_, PowerplotApp>, text: &str) -> bool {
    h.query_all_by_label_contains(text).next().is_some()
}

#[test]
fn a_duplicated_scenario_is_edited_without_touching_the_original() {
    let mut h = harness(demo_project());
    let original = h.state().doc.project.scenarios[1].clone();
    h.get_by_label("Hybrid").click();
    h.run();
    menu(&mut h, "Scenario", "Duplicate scenario");

    assert_eq!(names(&h), ["Stay mining", "Hybrid", "Hybrid (copy)", "Full AI", "Phased hybrid"]);
    assert_eq!(h.state().doc.active, 2, "the copy is shown, ready to edit");
    let copy = h.state().doc.project.scenarios[2].clone();
    assert_eq!(
        (copy.components.clone(), copy.assumptions.clone()),
        (original.components.clone(), original.assumptions.clone())
    );

    // Edit the copy's layout and assumptions.
    let mut assumptions = copy.assumptions.clone();
    assumptions.power_price_usd_per_mwh = 70.0;
    assert!(h.state_mut().edit(EditCommand::SetAssumptions { scenario: 2, assumptions }));
    let ids: Vec<u64> = copy.components.iter().take(2).map(|c| c.id).collect();
    assert!(h.state_mut().edit(EditCommand::RemoveComponents { scenario: 2, ids }));
    h.run();

    assert_eq!(h.state().doc.project.scenarios[1], original, "the original scenario is unchanged");
    let edited = &h.state().doc.project.scenarios[2];
    assert_eq!(edited.components.len(), original.components.len() - 2);
    assert_eq!(edited.assumptions.power_price_usd_per_mwh, 70.0);
    let (before, after) = (&h.state().results.all()[1].kpis, &h.state().results.all()[2].kpis);
    assert_ne!(before.npv_usd, after.npv_usd, "each scenario has its own results");
}

#[test]
fn the_tab_strip_duplicates_renames_and_reorders_with_one_undo_step_each() {
    let mut h = harness(demo_project());
    h.get_by_label("Duplicate").click();
    h.run();
    assert_eq!(names(&h), ["Stay mining", "Stay mining (copy)", "Hybrid", "Full AI", "Phased hybrid"]);

    // Rename from the tab's context menu.
    h.get_by_label("Stay mining (copy)").click_secondary();
    h.run();
    h.get_by_label("Rename…").click();
    h.run();
    h.get_by_role(Role::TextInput).set_text_value_accesskit("More halls");
    h.run();
    key(&mut h, egui::Key::Enter);
    assert_eq!(names(&h), ["Stay mining", "More halls", "Hybrid", "Full AI", "Phased hybrid"]);

    menu(&mut h, "Scenario", "Move scenario right");
    assert_eq!(names(&h), ["Stay mining", "Hybrid", "More halls", "Full AI", "Phased hybrid"]);
    assert_eq!(h.state().doc.active, 2, "the moved scenario stays shown");

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(names(&h), ["Stay mining", "More halls", "Hybrid", "Full AI", "Phased hybrid"], "undo puts it back");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(names(&h)[1], "Stay mining (copy)", "undo restores the old name");
}

#[test]
fn deleting_a_scenario_can_be_undone_and_the_last_one_is_kept() {
    let mut h = harness(demo_project());
    h.get_by_label("Hybrid").click();
    h.run();
    menu(&mut h, "Scenario", "Delete scenario");
    assert_eq!(names(&h), ["Stay mining", "Full AI", "Phased hybrid"]);
    assert_eq!(h.state().doc.scenario().name, "Full AI", "the neighbour is shown");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(names(&h), ["Stay mining", "Hybrid", "Full AI", "Phased hybrid"]);
    assert_eq!(h.state().doc.scenario().name, "Hybrid");

    let mut single = harness(Project { name: "One".into(), scenarios: vec![Scenario::new("Only")] });
    single.get_by_label("Scenario").click();
    single.run();
    assert!(single.get_by_label("Delete scenario").accesskit_node().is_disabled(), "the menu item is greyed out");
    single.state_mut().execute(&egui::Context::default(), powerplot::app::commands::UiCommand::DeleteScenario);
    single.run();
    assert_eq!(names(&single), ["Only"]);
    assert!(shows(&single, "at least one scenario"), "the refusal is explained");
}

#[test]
fn the_comparison_table_lists_every_scenario_and_marks_the_best_npv() {
    let mut h = harness(demo_project());
    h.get_by_label("Compare").click();
    h.run();
    assert!(shows(&h, "Compare scenarios"));
    let project = demo_project();
    let npvs: Vec<f64> = project.scenarios.iter().map(|s| evaluate(s).kpis.npv_usd).collect();
    let best = npvs.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1)).map(|(i, _)| i).expect("three scenarios");
    assert_eq!(project.scenarios[best].name, "Full AI");
    for (i, npv) in npvs.iter().enumerate() {
        let marked = format!("{} (best)", format::money(*npv));
        assert_eq!(h.query_by_label(&marked).is_some(), i == best, "NPV of scenario {i}: {marked}");
        if i != best {
            assert!(h.query_by_label(&format::money(*npv)).is_some(), "the other NPVs are shown unmarked");
        }
    }
    // Making the hybrid far more valuable moves the mark.
    let mut hybrid = h.state().doc.project.scenarios[1].assumptions.clone();
    hybrid.discount_rate = 0.0;
    hybrid.horizon_years = 30;
    assert!(h.state_mut().edit(EditCommand::SetAssumptions { scenario: 1, assumptions: hybrid }));
    h.run();
    let hybrid_npv = h.state().results.all()[1].kpis.npv_usd;
    assert!(h.query_by_label(&format!("{} (best)", format::money(hybrid_npv))).is_some());
    assert!(h.query_by_label(&format!("{} (best)", format::money(npvs[best]))).is_none());
}

#[test]
fn presentation_mode_hides_the_editor_and_steps_through_scenarios() {
    let mut h = harness(demo_project());
    assert!(shows(&h, "File"));
    key(&mut h, egui::Key::F5);
    assert!(h.state().presentation.active);
    assert!(h.query_by_label("File").is_none(), "no menu bar in presentation mode");
    assert!(shows(&h, "Scenario 1 of 4"));
    assert!(shows(&h, "Stay mining"));

    key(&mut h, egui::Key::ArrowRight);
    assert_eq!(h.state().doc.scenario().name, "Hybrid");
    assert!(shows(&h, "Scenario 2 of 4"));
    let npv = format::money(h.state().results.all()[1].kpis.npv_usd);
    assert!(h.query_by_label(&npv).is_some(), "the headline NPV {npv} of the shown scenario");

    key(&mut h, egui::Key::ArrowLeft);
    key(&mut h, egui::Key::ArrowLeft);
    assert_eq!(h.state().doc.scenario().name, "Phased hybrid", "Left from the first wraps to the last");
    let everything = h.state().doc.scenario().components.iter().map(|c| c.id).collect();
    h.state_mut().doc.selection = everything;
    let revision = h.state().doc.revision;
    key(&mut h, egui::Key::Delete);
    assert_eq!(h.state().doc.revision, revision, "editing keys do nothing while presenting");

    key(&mut h, egui::Key::Escape);
    assert!(!h.state().presentation.active);
    assert!(shows(&h, "File"), "the editor is back");
    assert_eq!(h.state().doc.scenario().name, "Phased hybrid", "the scenario shown last stays active");
}
