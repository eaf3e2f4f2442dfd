//! The palette of component kinds on the left: click a kind then click the canvas, or drag it onto the
//! canvas. Each row shows the kind's icon and colour.

use egui::{Color32, CursorIcon, DragAndDrop, Rect, Role, Sense, Stroke, StrokeKind, WidgetInfo, pos2, vec2};

use super::PowerplotApp;
use super::icons::{self, Icons};
use crate::model::KindTag;

const ROW_HEIGHT: f32 = 40.0;
const ICON_SIDE: f32 = 30.0;

pub fn show(app: &mut PowerplotApp, ui: &mut egui::Ui) {
    ui.add_space(4.0);
    ui.heading("Add");
    ui.label(egui::RichText::new("Click, then click the site, or drag onto it").small().weak());
    ui.add_space(4.0);
    let icons = Icons::get(ui.ctx());
    for tag in KindTag::ALL {
        row(app, ui, &icons, tag);
    }
    if let Some(tag) = app.canvas.armed {
        ui.add_space(8.0);
        ui.label(
            egui::RichText::new(format!("Placing: {}. Esc cancels, Shift-click places several.", tag.label())).small(),
        );
    }
    if let Some(tag) = DragAndDrop::payload::<KindTag>(ui.ctx()) {
        drag_preview(ui, &icons, *tag);
    }
}

fn row(app: &mut PowerplotApp, ui: &mut egui::Ui, icons: &Icons, tag: KindTag) {
    let width = ui.available_width();
    let (rect, response) = ui.allocate_exact_size(vec2(width, ROW_HEIGHT), Sense::click_and_drag());
    response.widget_info(|| WidgetInfo::labeled(Role::Button, true, tag.label()));
    let armed = app.canvas.armed == Some(tag);
    let visuals = ui.style().interact_selectable(&response, armed);
    let painter = ui.painter();
    painter.rect(rect.shrink(1.0), 4.0, visuals.weak_bg_fill, visuals.bg_stroke, StrokeKind::Inside);
    if armed {
        painter.rect_stroke(rect.shrink(1.0), 4.0, Stroke::new(2.0, icons::kind_color(tag)), StrokeKind::Inside);
    }
    let icon = Rect::from_min_size(rect.min + vec2(6.0, (ROW_HEIGHT - ICON_SIDE) / 2.0), vec2(ICON_SIDE, ICON_SIDE));
    if let Some(tex) = icons.texture(tag) {
        painter.image(tex, icon, Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0)), Color32::WHITE);
    }
    painter.text(
        pos2(icon.right() + 8.0, rect.center().y),
        egui::Align2::LEFT_CENTER,
        tag.label(),
        egui::TextStyle::Button.resolve(ui.style()),
        visuals.text_color(),
    );
    let (w, h) = tag.default_size_m();
    let response = response.on_hover_text(format!("{}: {w:.0} × {h:.0} m, new build", tag.label()));
    if response.hovered() {
        ui.ctx().set_cursor_icon(CursorIcon::Grab);
    }
    if response.drag_started() {
        DragAndDrop::set_payload(ui.ctx(), tag);
        app.canvas.armed = None;
    }
    if response.clicked() {
        app.canvas.armed = if armed { None } else { Some(tag) };
    }
}

/// The icon follows the pointer while a kind is dragged out of the palette.
fn drag_preview(ui: &egui::Ui, icons: &Icons, tag: KindTag) {
    let Some(p) = ui.ctx().pointer_hover_pos() else { return };
    let layer = egui::LayerId::new(egui::Order::Tooltip, egui::Id::unique("palette_drag_preview"));
    let painter = ui.ctx().layer_painter(layer);
    if let Some(tex) = icons.texture(tag) {
        let r = Rect::from_center_size(p + vec2(18.0, 18.0), vec2(ICON_SIDE, ICON_SIDE));
        painter.image(tex, r, Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0)), Color32::from_white_alpha(220));
    }
}
