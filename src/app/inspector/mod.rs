//! The inspector on the right: fields of the selection and the scenario's assumptions.

use super::PowerplotApp;

pub fn show(app: &mut PowerplotApp, ui: &mut egui::Ui) {
    ui.heading("Inspector");
    let s = app.doc.scenario();
    ui.label(format!("{} components", s.components.len()));
}
