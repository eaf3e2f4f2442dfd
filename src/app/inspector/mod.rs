//! The inspector on the right: every field of the selected part(s) and of the scenario's assumptions, with
//! units, valid ranges and the source of each default. Edits are collected while drawing and applied after,
//! each through `PowerplotApp::edit`; a drag of a value is one gesture, so one undo step.

mod assumptions;
mod component;
pub mod economics;
mod field;
mod financing;
mod kinds;
mod risk;
pub mod timing;

use std::collections::BTreeSet;

use super::PowerplotApp;
use super::commands::UiCommand;
use super::edit::EditCommand;
use crate::model::ComponentId;

#[derive(Default)]
pub struct InspectorState {
    /// Why the last typed value was refused; cleared by the next accepted edit.
    pub message: Option<String>,
    /// The name being typed for a part, committed when the field loses focus.
    name_draft: Option<(ComponentId, String)>,
    /// A value drag of the inspector holds the document's gesture open.
    dragging: bool,
    /// The scenario and parts shown last: a new selection starts at the top, where its header is.
    shown: Option<(usize, BTreeSet<ComponentId>)>,
    /// The open "Convert to AI…" form of a hall.
    pub convert: Option<timing::ConvertDraft>,
}

/// Something the user did in the inspector, applied once the panel is drawn.
#[expect(clippy::large_enum_variant, reason = "a few actions a frame at most, applied at once")]
pub enum Action {
    BeginGesture,
    EndGesture,
    Edit(EditCommand),
    /// A command of the menus (Size to capacity), run as if picked there.
    Run(UiCommand),
    Refuse(String),
}

pub fn show(app: &mut PowerplotApp, ui: &mut egui::Ui) {
    // A dragged value whose row disappeared mid-drag never reports the drag's end: close the gesture once
    // the button is up, so the model recomputes again.
    if app.inspector.dragging && !ui.input(|i| i.pointer.any_down()) {
        app.inspector.dragging = false;
        app.doc.end_gesture();
    }
    ui.add_space(4.0);
    ui.heading("Inspector");
    message(app, ui);
    let mut actions = Vec::new();
    let shown = (app.doc.active, app.doc.selection.clone());
    let new_selection = !shown.1.is_empty() && app.inspector.shown.as_ref() != Some(&shown);
    app.inspector.shown = Some(shown);
    let mut scroll = egui::ScrollArea::vertical().auto_shrink([false, false]);
    if new_selection {
        scroll = scroll.vertical_scroll_offset(0.0);
    }
    scroll.show(ui, |ui| {
        component::show(app, ui, &mut actions);
        ui.add_space(6.0);
        ui.separator();
        egui::CollapsingHeader::new("Site assumptions").default_open(true).show(ui, |ui| {
            assumptions::show(app, ui, &mut actions);
        });
        egui::CollapsingHeader::new("Financing and tax").default_open(false).show(ui, |ui| {
            financing::show(app, ui, &mut actions);
        });
        egui::CollapsingHeader::new("Risk (Monte Carlo)").default_open(false).show(ui, |ui| {
            risk::show(app, ui, &mut actions);
        });
    });
    apply(app, ui.ctx(), actions);
}

/// Why the last typed value was refused, in a strip along the panel's bottom edge: shown above the fields
/// it would push them down, under the pointer that was about to click one.
fn message(app: &mut PowerplotApp, ui: &mut egui::Ui) {
    let Some(message) = app.inspector.message.clone() else { return };
    let mut dismiss = false;
    egui::Panel::bottom("inspector_message").resizable(false).show(ui, |ui| {
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(ui.visuals().error_fg_color, format!("Not changed: {message}"));
            dismiss = ui.small_button("OK").clicked();
        });
    });
    if dismiss {
        app.inspector.message = None;
    }
}

fn apply(app: &mut PowerplotApp, ctx: &egui::Context, actions: Vec<Action>) {
    for action in actions {
        match action {
            Action::BeginGesture => {
                app.inspector.dragging = true;
                app.doc.begin_gesture();
            }
            Action::EndGesture => {
                app.inspector.dragging = false;
                app.doc.end_gesture();
            }
            Action::Edit(cmd) => {
                if app.edit(cmd) {
                    app.inspector.message = None;
                }
                ctx.request_repaint();
            }
            Action::Run(cmd) => app.execute(ctx, cmd),
            Action::Refuse(message) => app.inspector.message = Some(message),
        }
    }
}

/// Turns a row's outcome into actions; `what` names the thing edited in a refusal ("GPU pod 2").
fn record(outcome: field::RowOutcome, what: &str, actions: &mut Vec<Action>, edit: impl FnOnce(f64) -> EditCommand) {
    if outcome.drag_started {
        actions.push(Action::BeginGesture);
    }
    if let Some(v) = outcome.value {
        actions.push(Action::Edit(edit(v)));
    }
    if outcome.drag_stopped {
        actions.push(Action::EndGesture);
    }
    if let Some(reason) = outcome.refused {
        actions.push(Action::Refuse(format!("{what}: {reason}")));
    }
}
