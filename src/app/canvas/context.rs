//! The canvas's context menu (right click): what can be done to the part under the pointer, or to the
//! selection it belongs to. Right-clicking a part outside the selection selects it first, as file managers do.

use egui::Response;

use super::{interaction, lock_label};
use crate::app::PowerplotApp;
use crate::app::commands::UiCommand;
use crate::app::menus;

pub fn show(app: &mut PowerplotApp, response: &Response) {
    if response.secondary_clicked()
        && let Some(p) = response.interact_pointer_pos()
    {
        let (x, y) = app.canvas.view.screen_to_world(p);
        match interaction::part_at(app.doc.scenario(), x, y) {
            Some(id) if !app.doc.selection.contains(&id) => {
                app.doc.selection.clear();
                app.doc.selection.insert(id);
            }
            Some(_) => {}
            None => app.doc.selection.clear(),
        }
    }
    response.context_menu(|ui| {
        if app.doc.selection.is_empty() {
            menus::item(app, ui, UiCommand::Paste, true);
            menus::item(app, ui, UiCommand::SelectAll, true);
            menus::item(app, ui, UiCommand::FitSite, true);
            return;
        }
        let lock = lock_label(app);
        menus::item_labelled(app, ui, UiCommand::ToggleLock, lock.to_string(), true);
        ui.separator();
        let movable = !super::ops::unlocked_selection(app).is_empty();
        menus::item(app, ui, UiCommand::Rotate, movable);
        let sizable = super::can_size_to_capacity(app);
        menus::item(app, ui, UiCommand::SizeToCapacity, sizable);
        menus::item(app, ui, UiCommand::Duplicate, true);
        menus::item(app, ui, UiCommand::Copy, true);
        menus::item(app, ui, UiCommand::Delete, movable);
    });
}
