//! The menu bar: File, Edit, View, Help. Each item runs a `UiCommand`, shown with its shortcut.

use super::PowerplotApp;
use super::canvas;
use super::commands::UiCommand;
use super::export;
use super::file_ops;
use super::prefs::{self, RecentFiles};

/// A menu button for `cmd`, greyed out when `enabled` is false.
pub fn item(app: &mut PowerplotApp, ui: &mut egui::Ui, cmd: UiCommand, enabled: bool) {
    item_labelled(app, ui, cmd, cmd.label().to_string(), enabled);
}

/// A menu button for `cmd` under its own `label` ("Undo Move").
pub fn item_labelled(app: &mut PowerplotApp, ui: &mut egui::Ui, cmd: UiCommand, label: String, enabled: bool) {
    let mut button = egui::Button::new(label);
    if let Some(s) = cmd.menu_shortcut() {
        button = button.shortcut_text(ui.ctx().format_shortcut(&s));
    }
    if ui.add_enabled(enabled, button).clicked() {
        app.execute(&ui.ctx().clone(), cmd);
        ui.close();
    }
}

/// A check box for `cmd`, ticked when `on`, with its shortcut on the right like a menu button's.
fn toggle_item(app: &mut PowerplotApp, ui: &mut egui::Ui, cmd: UiCommand, on: bool) {
    let shortcut = cmd.shortcuts().first().map(|s| egui::RichText::new(ui.ctx().format_shortcut(s)).weak());
    let mut checked = on;
    let check = egui::Checkbox::new(&mut checked, (cmd.label(), egui::Atom::grow(), shortcut.unwrap_or_default()));
    if ui.add(check).changed() {
        app.execute(&ui.ctx().clone(), cmd);
    }
}

pub fn menu_bar(app: &mut PowerplotApp, ui: &mut egui::Ui) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| file_menu(app, ui));
        ui.menu_button("Edit", |ui| {
            // "Undo Move": the menu says what the step will take back.
            let undo = app.doc.undo_label().map(|what| format!("Undo {what}"));
            let redo = app.doc.redo_label().map(|what| format!("Redo {what}"));
            let (can_undo, can_redo) = (undo.is_some(), redo.is_some());
            item_labelled(app, ui, UiCommand::Undo, undo.unwrap_or_else(|| "Undo".into()), can_undo);
            item_labelled(app, ui, UiCommand::Redo, redo.unwrap_or_else(|| "Redo".into()), can_redo);
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
            ui.separator();
            let lock = canvas::lock_label(app);
            item_labelled(app, ui, UiCommand::ToggleLock, lock.to_string(), any);
            let sizable = canvas::can_size_to_capacity(app);
            item(app, ui, UiCommand::SizeToCapacity, sizable);
        });
        ui.menu_button("View", |ui| {
            item(app, ui, UiCommand::FitSite, true);
            item(app, ui, UiCommand::ZoomIn, true);
            item(app, ui, UiCommand::ZoomOut, true);
            for (cmd, on) in [(UiCommand::ToggleGrid, app.canvas.show_grid), (UiCommand::ToggleSnap, app.canvas.snap)] {
                toggle_item(app, ui, cmd, on);
            }
            ui.separator();
            item(app, ui, UiCommand::UnderlayWindow, true);
            let measuring = matches!(app.underlay.tool, super::underlay::Tool::Measure { .. });
            toggle_item(app, ui, UiCommand::Measure, measuring);
            ui.separator();
            let mut dark = app.dark_mode;
            if ui.checkbox(&mut dark, UiCommand::ToggleTheme.label()).changed() {
                app.execute(&ui.ctx().clone(), UiCommand::ToggleTheme);
            }
            ui.menu_button("UI scale", |ui| ui_scale_menu(app, ui));
            ui.separator();
            item(app, ui, UiCommand::Presentation, true);
        });
        ui.menu_button("Scenario", |ui| {
            let count = app.doc.project.scenarios.len();
            let active = app.doc.active;
            item(app, ui, UiCommand::NewScenario, true);
            item(app, ui, UiCommand::DuplicateScenario, true);
            item(app, ui, UiCommand::RenameScenario, true);
            item(app, ui, UiCommand::DeleteScenario, count > 1);
            ui.separator();
            item(app, ui, UiCommand::MoveScenarioLeft, active > 0);
            item(app, ui, UiCommand::MoveScenarioRight, active + 1 < count);
            item(app, ui, UiCommand::PreviousScenario, count > 1);
            item(app, ui, UiCommand::NextScenario, count > 1);
            ui.separator();
            item(app, ui, UiCommand::CompareScenarios, true);
            item(app, ui, UiCommand::FindBestMix, true);
        });
        ui.menu_button("Help", |ui| {
            item(app, ui, UiCommand::Help, true);
            item(app, ui, UiCommand::Shortcuts, true);
        });
    });
}

fn file_menu(app: &mut PowerplotApp, ui: &mut egui::Ui) {
    item(app, ui, UiCommand::New, true);
    item(app, ui, UiCommand::Open, true);
    ui.menu_button("Open Recent", |ui| recent_menu(app, ui));
    ui.separator();
    item(app, ui, UiCommand::Save, true);
    item(app, ui, UiCommand::SaveAs, true);
    ui.separator();
    item(app, ui, UiCommand::ImportUnderlay, true);
    ui.separator();
    // Every export format goes in this submenu.
    ui.menu_button("Export", |ui| {
        item(app, ui, UiCommand::ExportCsv, true);
        item(app, ui, UiCommand::ExportWorkbook, true);
        item(app, ui, UiCommand::ExportDeck, true);
        item(app, ui, UiCommand::ExportReport, true);
        ui.separator();
        item(app, ui, UiCommand::ExportWindowPng, true);
        item(app, ui, UiCommand::ExportCanvasPng, true);
        item(app, ui, UiCommand::ExportDashboardPng, true);
        ui.separator();
        item(app, ui, UiCommand::ExportSitePlanScaledPng, true);
        item(app, ui, UiCommand::ExportPlotsPng, true);
        item(app, ui, UiCommand::ExportSlidesPng, true);
        ui.menu_button(format!("Export scale ({}x)", app.export.scale), |ui| export_scale_menu(app, ui));
    });
    ui.separator();
    item(app, ui, UiCommand::Quit, true);
}

fn recent_menu(app: &mut PowerplotApp, ui: &mut egui::Ui) {
    app.files.recent.drop_missing();
    let recent = app.files.recent.paths().to_vec();
    if recent.is_empty() {
        ui.add_enabled(false, egui::Button::new("No recent files"));
        return;
    }
    for path in recent {
        let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        if ui.button(name).on_hover_text(path.display().to_string()).clicked() {
            file_ops::request(app, &ui.ctx().clone(), file_ops::GuardedAction::OpenPath(path));
            ui.close();
        }
    }
    ui.separator();
    if ui.button("Clear recent files").clicked() {
        app.files.recent = RecentFiles::default();
        ui.close();
    }
}

/// File > Export > Export scale: pixels per point of the whole-site plan, plots, slides and report pictures.
fn export_scale_menu(app: &mut PowerplotApp, ui: &mut egui::Ui) {
    for scale in export::EXPORT_SCALES {
        if ui.radio(app.export.scale == scale, format!("{scale}x")).clicked() {
            app.export.scale = scale;
            ui.close();
        }
    }
}

/// The UI scales offered in View > UI scale (within `prefs::UI_SCALE_RANGE`).
const UI_SCALES: [f32; 6] = [0.8, 0.9, 1.0, 1.1, 1.25, 1.5];

fn ui_scale_menu(app: &mut PowerplotApp, ui: &mut egui::Ui) {
    for scale in UI_SCALES {
        let label = format!("{:.0}%", scale * 100.0);
        if ui.radio((app.ui_scale - scale).abs() < 0.01, label).clicked() {
            app.ui_scale = prefs::clamp_ui_scale(scale);
            ui.close();
        }
    }
}
