//! The document's edit, undo and redo rules, without a window.

use powerplot::app::document::{Document, UNDO_LIMIT};
use powerplot::app::edit::EditCommand;
use powerplot::model::demo::demo_project;
use powerplot::model::{Component, ComponentKind, KindTag};

/// The history must keep at least 200 steps (issue 4); checked when the tests compile.
const _: () = assert!(UNDO_LIMIT >= 200);

fn doc() -> Document {
    Document::new(demo_project(), None)
}

fn new_hall(d: &Document, x: f64) -> Component {
    Component::new(d.scenario().next_id(), KindTag::AsicHall, "New hall", x, 500.0)
}

#[test]
fn an_edit_marks_dirty_and_undo_restores_the_exact_project() {
    let mut d = doc();
    let before = d.project.clone();
    assert!(!d.is_dirty());
    let hall = new_hall(&d, 10.0);
    d.apply(EditCommand::AddComponents { scenario: 0, components: vec![hall.clone()] }).expect("valid edit");
    assert!(d.is_dirty());
    assert_eq!(d.selection.iter().copied().collect::<Vec<_>>(), vec![hall.id], "a new part is selected");
    assert!(d.undo());
    assert_eq!(d.project, before);
    assert!(d.redo());
    assert!(d.scenario().component(hall.id).is_some());
}

#[test]
fn a_refused_edit_changes_nothing_and_names_the_problem() {
    let mut d = doc();
    let before = d.project.clone();
    let mut c = d.scenario().components[1].clone();
    if let ComponentKind::AsicHall(h) = &mut c.kind {
        h.uptime = 1.5;
    }
    let err = d.apply(EditCommand::ReplaceComponent { scenario: 0, component: c }).expect_err("out of range");
    assert!(err.contains("uptime") && err.contains("1.5") && err.contains("0 to 1"), "{err}");
    assert_eq!(d.project, before);
    assert!(!d.is_dirty());
    assert!(!d.can_undo());
}

#[test]
fn a_whole_drag_is_one_undo_step() {
    let mut d = doc();
    let id = d.scenario().components[1].id;
    let start = d.scenario().component(id).expect("part").rect;
    d.begin_gesture();
    for _ in 0..30 {
        d.apply(EditCommand::MoveComponents { scenario: 0, ids: vec![id], dx: 1.0, dy: 0.5 }).expect("move");
    }
    d.end_gesture();
    assert_eq!(d.scenario().component(id).expect("part").rect.x, start.x + 30.0);
    assert!(d.undo());
    assert_eq!(d.scenario().component(id).expect("part").rect, start);
    assert!(!d.can_undo(), "the drag was a single step");
}

#[test]
fn history_keeps_at_least_200_steps() {
    let mut d = doc();
    let id = d.scenario().components[1].id;
    let start = d.scenario().component(id).expect("part").rect;
    for _ in 0..250 {
        d.apply(EditCommand::MoveComponents { scenario: 0, ids: vec![id], dx: 1.0, dy: 0.0 }).expect("move");
    }
    let mut steps = 0;
    while d.undo() {
        steps += 1;
    }
    assert_eq!(steps, 250);
    assert_eq!(d.scenario().component(id).expect("part").rect, start);
}

#[test]
fn undo_restores_the_selection_of_the_time() {
    let mut d = doc();
    let ids: Vec<u64> = d.scenario().components.iter().take(2).map(|c| c.id).collect();
    d.selection = ids.iter().copied().collect();
    d.apply(EditCommand::RemoveComponents { scenario: 0, ids: ids.clone() }).expect("delete");
    assert!(d.selection.is_empty());
    d.undo();
    assert_eq!(d.selection.iter().copied().collect::<Vec<_>>(), ids);
}

#[test]
fn saving_clears_dirty_and_a_new_edit_sets_it_again() {
    let mut d = doc();
    d.apply(EditCommand::RenameProject { name: "Renamed".into() }).expect("rename");
    d.mark_saved("/tmp/site.ron".into());
    assert!(!d.is_dirty());
    assert_eq!(d.display_name(), "site.ron");
    d.undo();
    assert!(d.is_dirty(), "undoing past the save makes the document differ from the file");
}

#[test]
fn the_last_scenario_cannot_be_deleted() {
    let mut d = Document::new(powerplot::model::Project::default(), None);
    assert!(d.apply(EditCommand::RemoveScenario { index: 0 }).is_err());
    assert_eq!(d.project.scenarios.len(), 1);
}

#[test]
fn a_project_cannot_grow_past_what_a_file_can_hold() {
    use powerplot::model::Scenario;
    use powerplot::model::validate::{MAX_COMPONENTS_PER_SCENARIO, MAX_COMPONENTS_TOTAL};
    let plants = |from: u64, n: usize| -> Vec<Component> {
        (from..from + n as u64)
            .map(|id| Component::new(id, KindTag::CoolingPlant, format!("Plant {id}"), 0.0, 0.0))
            .collect()
    };
    let mut d = Document::new(powerplot::model::Project::default(), None);
    d.apply(EditCommand::AddComponents { scenario: 0, components: plants(1, MAX_COMPONENTS_PER_SCENARIO) })
        .expect("a full scenario is fine");
    let mut second = Scenario::new("Second");
    second.components = plants(1, MAX_COMPONENTS_TOTAL - MAX_COMPONENTS_PER_SCENARIO);
    d.apply(EditCommand::InsertScenario { index: 1, scenario: second }).expect("up to the total cap is fine");
    let err = d
        .apply(EditCommand::AddComponents { scenario: 1, components: plants(1_000_000, 1) })
        .expect_err("one part over the total cap");
    assert!(err.contains(&MAX_COMPONENTS_TOTAL.to_string()), "{err}");
    assert_eq!(powerplot::model::validate::total_components(&d.project), MAX_COMPONENTS_TOTAL);
}
