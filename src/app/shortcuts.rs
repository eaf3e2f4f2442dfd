//! The keyboard-shortcuts window (Help > Keyboard shortcuts, Ctrl+/): every command's keys, read from
//! `UiCommand` so the list cannot drift from what the keys do, then the canvas's pointer and arrow gestures.

use egui::{Grid, RichText};

use super::PowerplotApp;
use super::commands::UiCommand;

pub const TITLE: &str = "Keyboard shortcuts";

/// The commands listed, grouped as in the menus.
const GROUPS: [(&str, &[UiCommand]); 4] = [
    ("File", &[UiCommand::New, UiCommand::Open, UiCommand::Save, UiCommand::SaveAs, UiCommand::Quit]),
    (
        "Edit",
        &[
            UiCommand::Undo,
            UiCommand::Redo,
            UiCommand::Cut,
            UiCommand::Copy,
            UiCommand::Paste,
            UiCommand::Duplicate,
            UiCommand::Delete,
            UiCommand::SelectAll,
            UiCommand::ClearSelection,
            UiCommand::Rotate,
            UiCommand::ToggleLock,
        ],
    ),
    (
        "View",
        &[
            UiCommand::FitSite,
            UiCommand::ZoomIn,
            UiCommand::ZoomOut,
            UiCommand::ToggleGrid,
            UiCommand::ToggleSnap,
            UiCommand::Measure,
            UiCommand::Presentation,
            UiCommand::PreviousScenario,
            UiCommand::NextScenario,
        ],
    ),
    ("Help", &[UiCommand::Help, UiCommand::Shortcuts]),
];

/// What the pointer and the arrow keys do on the canvas.
pub const CANVAS: [(&str, &str); 9] = [
    ("Arrow keys", "Move the selection by 1 m"),
    ("Shift + arrow keys", "Move the selection by 10 m"),
    ("Click", "Select a part"),
    ("Shift + click", "Add a part to the selection or take it out"),
    ("Drag on empty ground", "Select the parts in a box"),
    ("Drag a part or a handle", "Move it, or resize it (one undo step)"),
    ("Mouse wheel", "Zoom about the pointer"),
    ("Right or middle drag, Space + drag", "Pan"),
    ("Right click a part", "Lock, rotate, duplicate or delete it"),
];

/// Every shortcut of `cmd` as the platform writes it ("Ctrl+Y or Ctrl+Shift+Z").
pub fn keys_text(ctx: &egui::Context, cmd: UiCommand) -> String {
    let mut keys: Vec<String> = cmd.menu_shortcut().iter().map(|s| ctx.format_shortcut(s)).collect();
    for s in cmd.shortcuts() {
        let text = ctx.format_shortcut(&s);
        if !keys.contains(&text) {
            keys.push(text);
        }
    }
    keys.join(" or ")
}

pub fn show(app: &mut PowerplotApp, ctx: &egui::Context) {
    let mut open = app.show_shortcuts;
    egui::Window::new(TITLE).open(&mut open).resizable(true).default_width(460.0).show(ctx, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            for (menu, commands) in GROUPS {
                ui.strong(menu);
                Grid::new(("shortcuts", menu)).num_columns(2).striped(true).min_col_width(180.0).show(ui, |ui| {
                    for &cmd in commands {
                        ui.label(cmd.label());
                        ui.label(RichText::new(keys_text(ctx, cmd)).monospace());
                        ui.end_row();
                    }
                });
                ui.add_space(6.0);
            }
            ui.strong("Canvas");
            Grid::new("shortcuts_canvas").num_columns(2).striped(true).min_col_width(180.0).show(ui, |ui| {
                for (keys, what) in CANVAS {
                    ui.label(what);
                    ui.label(RichText::new(keys).monospace());
                    ui.end_row();
                }
            });
            ui.add_space(4.0);
            ui.weak(
                "Keys that edit the site give way to a text field being typed in (Delete, arrows, Ctrl+Z, Ctrl+A).",
            );
        });
    });
    app.show_shortcuts = open;
}
