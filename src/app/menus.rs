//! The menu bar: File, Edit, View, Help. Each item runs a `UiCommand`, shown with its shortcut.

use super::PowerplotApp;
use super::commands::UiCommand;

/// A menu button for `cmd`, greyed out when `enabled` is false.
pub fn item(app: &mut PowerplotApp, ui: &mut egui::Ui, cmd: UiCommand, enabled: bool) {
    let mut button = egui::Button::new(cmd.label());
    if let Some(s) = cmd.shortcuts().first() {
        button = button.shortcut_text(ui.ctx().format_shortcut(s));
    }
    if ui.add_enabled(enabled, button).clicked() {
        app.execute(&ui.ctx().clone(), cmd);
        ui.close();
    }
}

pub fn menu_bar(app: &mut PowerplotApp, ui: &mut egui::Ui) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            item(app, ui, UiCommand::Quit, true);
        });
        ui.menu_button("Edit", |ui| {
            let (undo, redo) = (app.doc.can_undo(), app.doc.can_redo());
            item(app, ui, UiCommand::Undo, undo);
            item(app, ui, UiCommand::Redo, redo);
            ui.separator();
            let any = !app.doc.selection.is_empty();
            item(app, ui, UiCommand::Cut, any);
            item(app, ui, UiCommand::Copy, any);
            item(app, ui, UiCommand::Paste, true);
            item(app, ui, UiCommand::Duplicate, any);
            item(app, ui, UiCommand::Delete, any);
            ui.separator();
            item(app, ui, UiCommand::SelectAll, true);
            item(app, ui, UiCommand::Rotate, any);
        });
        ui.menu_button("View", |ui| {
            item(app, ui, UiCommand::FitSite, true);
            item(app, ui, UiCommand::ZoomIn, true);
            item(app, ui, UiCommand::ZoomOut, true);
            ui.separator();
            let mut dark = app.dark_mode;
            if ui.checkbox(&mut dark, UiCommand::ToggleTheme.label()).changed() {
                app.execute(&ui.ctx().clone(), UiCommand::ToggleTheme);
            }
        });
        ui.menu_button("Help", |ui| {
            item(app, ui, UiCommand::Help, true);
        });
    });
}
