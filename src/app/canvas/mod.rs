//! The site canvas.

use super::PowerplotApp;
use super::commands::UiCommand;
use super::edit::EditCommand;
use crate::model::KindTag;

#[derive(Default)]
pub struct CanvasState {
    /// A palette kind waiting for a click on the canvas.
    pub armed: Option<KindTag>,
}

pub fn execute(app: &mut PowerplotApp, _ctx: &egui::Context, cmd: UiCommand) {
    let scenario = app.doc.active;
    let ids: Vec<u64> = app.doc.selection.iter().copied().collect();
    match cmd {
        UiCommand::Delete if !ids.is_empty() => {
            app.edit(EditCommand::RemoveComponents { scenario, ids });
        }
        UiCommand::SelectAll => app.doc.selection = app.doc.scenario().components.iter().map(|c| c.id).collect(),
        UiCommand::ClearSelection => app.doc.selection.clear(),
        _ => {}
    }
}

pub fn show(app: &mut PowerplotApp, ui: &mut egui::Ui) {
    let (rect, _) = ui.allocate_exact_size(ui.available_size(), egui::Sense::click_and_drag());
    let s = app.doc.scenario();
    let scale = (rect.width() / s.boundary.w as f32).min(rect.height() / s.boundary.h as f32) * 0.95;
    let to_screen = |x: f64, y: f64| rect.min + egui::vec2(x as f32 * scale, y as f32 * scale);
    let painter = ui.painter_at(rect);
    let b = s.boundary;
    painter.rect_stroke(
        egui::Rect::from_min_max(to_screen(b.x, b.y), to_screen(b.right(), b.bottom())),
        0.0,
        egui::Stroke::new(1.5, egui::Color32::GRAY),
        egui::StrokeKind::Inside,
    );
    for c in &s.components {
        let r = egui::Rect::from_min_max(to_screen(c.rect.x, c.rect.y), to_screen(c.rect.right(), c.rect.bottom()));
        painter.rect_filled(r, 2.0, egui::Color32::from_rgb(70, 110, 160));
        painter.text(r.center(), egui::Align2::CENTER_CENTER, &c.name, egui::FontId::proportional(11.0), egui::Color32::WHITE);
    }
}
