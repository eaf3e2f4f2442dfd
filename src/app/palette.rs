//! The palette of component kinds on the left.

use super::PowerplotApp;
use crate::model::KindTag;

pub fn show(app: &mut PowerplotApp, ui: &mut egui::Ui) {
    ui.heading("Add");
    for tag in KindTag::ALL {
        if ui.button(tag.label()).clicked() {
            app.canvas.armed = Some(tag);
        }
    }
}
