//! Scenarios as tabs above the canvas: click to switch, double-click to rename, drag to reorder, and a
//! context menu (and the Scenario menu) to add, duplicate, move and delete. Every change is an `EditCommand`,
//! so each one is a single undo step.

use super::PowerplotApp;
use super::commands::UiCommand;
use super::edit::EditCommand;
use crate::model::Scenario;

/// View state of the tab strip (not saved).
#[derive(Default)]
pub struct ScenarioTabsState {
    /// The tab being renamed and the text typed so far.
    renaming: Option<(usize, String)>,
}

/// What a tab carries while it is dragged onto another tab.
struct TabDrag(usize);

/// Adds an empty scenario after the active one, with the active one's site boundary and assumptions.
pub fn add_scenario(app: &mut PowerplotApp) {
    let current = app.doc.scenario();
    let mut scenario = Scenario::new(app.doc.project.unique_scenario_name("New scenario"));
    scenario.boundary = current.boundary;
    scenario.assumptions = current.assumptions.clone();
    let index = app.doc.active + 1;
    app.edit(EditCommand::InsertScenario { index, scenario });
}

/// Copies scenario `index` (layout and assumptions) and puts the copy right after it: the usual way to
/// start a variant.
pub fn duplicate_scenario(app: &mut PowerplotApp, index: usize) {
    let Some(original) = app.doc.project.scenarios.get(index) else { return };
    let mut copy = original.clone();
    copy.name = app.doc.project.unique_scenario_name(&format!("{} (copy)", original.name));
    app.edit(EditCommand::InsertScenario { index: index + 1, scenario: copy });
}

/// Deletes scenario `index` (refused, with a message, for the last one). The tab shown afterwards is the
/// one that was active, or its neighbour when the active one went.
pub fn delete_scenario(app: &mut PowerplotApp, index: usize) {
    let active = app.doc.active;
    if !app.edit(EditCommand::RemoveScenario { index }) {
        return;
    }
    let n = app.doc.project.scenarios.len();
    let next = if index < active { active - 1 } else { active.min(n - 1) };
    app.doc.set_active(next);
    if index == active {
        app.doc.selection.clear();
    }
}

/// Moves scenario `from` to position `to` (clamped to the ends).
pub fn move_scenario(app: &mut PowerplotApp, from: usize, to: usize) {
    let last = app.doc.project.scenarios.len().saturating_sub(1);
    let to = to.min(last);
    if from != to {
        app.edit(EditCommand::MoveScenario { from, to });
    }
}

fn rename_scenario(app: &mut PowerplotApp, index: usize, name: String) {
    let name = name.trim().to_string();
    let unchanged = app.doc.project.scenarios.get(index).is_none_or(|s| s.name == name);
    if !unchanged {
        app.edit(EditCommand::RenameScenario { index, name });
    }
}

/// Steps the active scenario by `step` (wrapping at both ends).
pub fn step_active(app: &mut PowerplotApp, step: isize) {
    let n = app.doc.project.scenarios.len() as isize;
    if n > 0 {
        let next = (app.doc.active as isize + step).rem_euclid(n) as usize;
        app.doc.set_active(next);
    }
}

/// Runs the scenario commands of the menus and shortcuts.
pub fn execute(app: &mut PowerplotApp, cmd: UiCommand) {
    let active = app.doc.active;
    match cmd {
        UiCommand::NewScenario => add_scenario(app),
        UiCommand::DuplicateScenario => duplicate_scenario(app, active),
        UiCommand::RenameScenario => {
            app.scenario_tabs.renaming = Some((active, app.doc.scenario().name.clone()));
        }
        UiCommand::DeleteScenario => delete_scenario(app, active),
        UiCommand::MoveScenarioLeft => move_scenario(app, active, active.saturating_sub(1)),
        UiCommand::MoveScenarioRight => move_scenario(app, active, active + 1),
        UiCommand::NextScenario => step_active(app, 1),
        UiCommand::PreviousScenario => step_active(app, -1),
        _ => {}
    }
}

/// What a click on the tab strip does to the app, run once the strip is drawn.
type TabAction = Box<dyn FnOnce(&mut PowerplotApp)>;

/// The tab strip. Put it above the canvas.
pub fn show(app: &mut PowerplotApp, ui: &mut egui::Ui) {
    let mut action: Option<TabAction> = None;
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 2.0;
        let count = app.doc.project.scenarios.len();
        for index in 0..count {
            if let Some((renaming, text)) = &mut app.scenario_tabs.renaming
                && *renaming == index
            {
                let label = ui.label("Name:");
                let edit = ui
                    .add(egui::TextEdit::singleline(text).desired_width(160.0).id_salt(("rename_tab", index)))
                    .labelled_by(label.id);
                edit.request_focus();
                let cancel = ui.input(|i| i.key_pressed(egui::Key::Escape));
                if cancel {
                    app.scenario_tabs.renaming = None;
                } else if edit.lost_focus() || ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    let name = std::mem::take(text);
                    app.scenario_tabs.renaming = None;
                    action = Some(Box::new(move |app| rename_scenario(app, index, name)));
                }
                continue;
            }
            let name = app.doc.project.scenarios[index].name.clone();
            let selected = index == app.doc.active;
            let tab = ui
                .add(
                    egui::Button::selectable(selected, egui::RichText::new(&name).strong())
                        .sense(egui::Sense::click_and_drag()),
                )
                .on_hover_text("Click to show · double-click to rename · drag to reorder · right-click for more");
            tab.dnd_set_drag_payload(TabDrag(index));
            if let Some(dragged) = tab.dnd_release_payload::<TabDrag>() {
                let from = dragged.0;
                action = Some(Box::new(move |app| move_scenario(app, from, index)));
            } else if tab.dnd_hover_payload::<TabDrag>().is_some_and(|d| d.0 != index) {
                let x = if tab.dnd_hover_payload::<TabDrag>().is_some_and(|d| d.0 > index) {
                    tab.rect.left()
                } else {
                    tab.rect.right()
                };
                ui.painter().vline(x, tab.rect.y_range(), ui.visuals().selection.stroke);
            }
            if tab.double_clicked() {
                app.scenario_tabs.renaming = Some((index, name.clone()));
            } else if tab.clicked() {
                app.doc.set_active(index);
            }
            tab.context_menu(|ui| {
                if ui.button("Rename…").clicked() {
                    app.scenario_tabs.renaming = Some((index, name.clone()));
                    ui.close();
                }
                if ui.button("Duplicate").clicked() {
                    action = Some(Box::new(move |app| duplicate_scenario(app, index)));
                    ui.close();
                }
                ui.separator();
                if ui.add_enabled(index > 0, egui::Button::new("Move left")).clicked() {
                    action = Some(Box::new(move |app| move_scenario(app, index, index - 1)));
                    ui.close();
                }
                if ui.add_enabled(index + 1 < count, egui::Button::new("Move right")).clicked() {
                    action = Some(Box::new(move |app| move_scenario(app, index, index + 1)));
                    ui.close();
                }
                ui.separator();
                let delete = ui
                    .add_enabled(count > 1, egui::Button::new("Delete scenario"))
                    .on_disabled_hover_text("A project needs at least one scenario");
                if delete.clicked() {
                    action = Some(Box::new(move |app| delete_scenario(app, index)));
                    ui.close();
                }
            });
        }
        ui.add_space(6.0);
        if ui.button("+ New").on_hover_text("Add an empty scenario").clicked() {
            action = Some(Box::new(add_scenario));
        }
        if ui.button("Duplicate").on_hover_text("Copy this scenario to start a variant").clicked() {
            action = Some(Box::new(|app| duplicate_scenario(app, app.doc.active)));
        }
        if ui.button("Compare").on_hover_text(UiCommand::CompareScenarios.label()).clicked() {
            action = Some(Box::new(|app| app.compare.open = !app.compare.open));
        }
    });
    if let Some(run) = action {
        run(app);
    }
}
