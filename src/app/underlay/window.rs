//! The Underlay window (View > Underlay…): the image and its state, the calibration (metres per pixel) and
//! how to redo it, position, rotation, opacity, show/hide, lock, replace and remove. Every change is an
//! undoable edit; dragging a value is one undo step.

use egui::{DragValue, RichText, Slider, Ui};

use super::tools::Tool;
use super::{Pick, UnderlayState};
use crate::app::PowerplotApp;
use crate::app::edit::UnderlayChange;
use crate::model::geometry::METRES_PER_FOOT;
use crate::model::{SitePoint, Underlay};

pub fn show(app: &mut PowerplotApp, ctx: &egui::Context) {
    if !app.underlay.window_open {
        return;
    }
    // A dragged value whose row went away mid-drag never reports the end of the drag.
    if app.underlay.dragging && !ctx.input(|i| i.pointer.any_down()) {
        app.underlay.dragging = false;
        app.doc.end_gesture();
    }
    let mut open = true;
    egui::Window::new("Underlay")
        .open(&mut open)
        .default_pos(app.canvas.view.rect.left_top() + egui::vec2(12.0, 12.0))
        .default_width(300.0)
        .resizable(false)
        .show(ctx, |ui| contents(app, ui));
    if !open {
        app.underlay.window_open = false;
        if matches!(app.underlay.tool, Tool::Calibrate { .. } | Tool::Move { .. }) {
            super::tools::stop(app);
        }
    }
}

fn contents(app: &mut PowerplotApp, ui: &mut Ui) {
    let ctx = ui.ctx().clone();
    let Some((u, full_path)) = super::active(app).map(|(u, p)| (u.clone(), p)) else {
        ui.label("This scenario has no underlay. Import an aerial photo or a drawing of the site (PNG or JPEG) to plan over the real ground, or drop one on the window.");
        if ui.button("Import image…").clicked() {
            super::ask_for_image(app, &ctx, Pick::Import);
        }
        return;
    };
    ui.label(RichText::new(&u.path).monospace()).on_hover_text(full_path.display().to_string());
    let size = app.underlay.image(&full_path).map(|i| i.size_px);
    if let Some(message) = app.underlay.failure(&full_path) {
        ui.colored_label(ui.visuals().error_fg_color, format!("The underlay image cannot be shown: {message}"));
        ui.label("The plan and its figures are unaffected. Find the image to show it again; the calibration is kept.");
        if ui.button("Locate image…").clicked() {
            super::ask_for_image(app, &ctx, Pick::Locate);
        }
    } else if let Some([w, h]) = size {
        ui.weak(format!("{w} × {h} pixels"));
        if let Some(warning) = app.underlay.image(&full_path).and_then(|i| i.warning.clone()) {
            ui.colored_label(ui.visuals().warn_fg_color, format!("Partial image: {warning}"));
        }
    } else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Loading the image…");
        });
    }
    ui.separator();
    calibration(app, ui, &u, size);
    ui.separator();
    placement(app, ui, &u, size);
    ui.separator();
    appearance(app, ui, &u);
    ui.separator();
    ui.horizontal(|ui| {
        if ui.button("Replace image…").clicked() {
            super::ask_for_image(app, &ctx, Pick::Import);
        }
        if ui.button("Remove underlay").clicked() {
            super::tools::stop(app);
            super::set(app, None, UnderlayChange::Remove);
        }
    });
}

fn calibration(app: &mut PowerplotApp, ui: &mut Ui, u: &Underlay, size: Option<[u32; 2]>) {
    let mpp = u.metres_per_pixel;
    ui.label(format!("Scale: {mpp:.4} m per pixel ({:.4} ft)", mpp / METRES_PER_FOOT));
    if let Some([w, h]) = size {
        let (wm, hm) = (f64::from(w) * mpp, f64::from(h) * mpp);
        ui.weak(format!("The image covers {wm:.0} × {hm:.0} m"));
    }
    let editable = !u.locked;
    let calibrating = matches!(app.underlay.tool, Tool::Calibrate { .. });
    if !calibrating {
        if ui.add_enabled(editable, egui::Button::new("Calibrate…")).on_hover_text(
            "Click two points of the image whose real distance you know (a fence line, a road, a building), then type that distance.",
        ).clicked() {
            super::tools::stop(app);
            app.underlay.tool = Tool::Calibrate { points: Vec::new(), distance_m: 100.0 };
        }
        return;
    }
    let Tool::Calibrate { points, distance_m } = &mut app.underlay.tool else { return };
    let mut apply = None;
    let mut cancel = false;
    match points.len() {
        0 => {
            ui.label(RichText::new("Click the first point on the image.").strong());
        }
        1 => {
            ui.label(RichText::new("Click the second point on the image.").strong());
        }
        _ => {
            let pixels = (points[1].0 - points[0].0).hypot(points[1].1 - points[0].1);
            ui.label(format!("The points are {pixels:.1} pixels apart."));
            ui.horizontal(|ui| {
                let label = ui.label("Real distance");
                let drag = DragValue::new(distance_m).range(0.01..=100_000.0).speed(0.5).suffix(" m");
                ui.add(drag).labelled_by(label.id);
                ui.weak(format!("({:.1} ft)", *distance_m / METRES_PER_FOOT));
            });
            if ui.button("Apply calibration").clicked() {
                apply = Some((points[0], points[1], *distance_m));
            }
        }
    }
    if ui.button("Cancel calibration").clicked() {
        cancel = true;
    }
    if let Some((a, b, d)) = apply {
        match u.calibrated(a, b, d) {
            Ok(calibrated) => {
                super::set(app, Some(calibrated), UnderlayChange::Calibrate);
                cancel = true;
            }
            Err(e) => app.notify("The calibration was not applied", format!("The calibration was not applied: {e}.")),
        }
    }
    if cancel {
        super::tools::stop(app);
    }
}

/// Begins or ends the undo step of a dragged value.
fn track_drag(state: &mut UnderlayState, doc: &mut crate::app::document::Document, r: &egui::Response) {
    if r.drag_started() {
        state.dragging = true;
        doc.begin_gesture();
    }
    if r.drag_stopped() {
        state.dragging = false;
        doc.end_gesture();
    }
}

fn placement(app: &mut PowerplotApp, ui: &mut Ui, u: &Underlay, size: Option<[u32; 2]>) {
    let editable = !u.locked;
    let mut origin = u.origin;
    let mut rotation = u.rotation_deg;
    let mut moved = false;
    let mut turned = false;
    egui::Grid::new("underlay_placement").num_columns(2).show(ui, |ui| {
        let tip = "Where the image's top-left pixel lies on the site, in metres";
        for (v, name) in [(&mut origin.x, "Top-left x"), (&mut origin.y, "Top-left y")] {
            let label = ui.label(name).on_hover_text(tip);
            let drag = DragValue::new(v).range(-1.0e6..=1.0e6).speed(0.5).suffix(" m");
            let r = ui.add_enabled(editable, drag).labelled_by(label.id);
            track_drag(&mut app.underlay, &mut app.doc, &r);
            moved |= r.changed();
            ui.end_row();
        }
        let label = ui.label("Rotation").on_hover_text("Clockwise, about the image's centre");
        let drag = DragValue::new(&mut rotation).range(-180.0..=180.0).speed(0.2).suffix("°");
        let r = ui.add_enabled(editable, drag).labelled_by(label.id);
        track_drag(&mut app.underlay, &mut app.doc, &r);
        turned = r.changed();
        ui.end_row();
    });
    if moved {
        super::set(
            app,
            Some(Underlay { origin: SitePoint { x: origin.x, y: origin.y }, ..u.clone() }),
            UnderlayChange::Move,
        );
    } else if turned {
        let pivot = size.map_or((0.0, 0.0), |[w, h]| (f64::from(w) / 2.0, f64::from(h) / 2.0));
        super::set(app, Some(u.rotated_about(pivot, rotation)), UnderlayChange::Rotate);
    }
    let moving = matches!(app.underlay.tool, Tool::Move { .. });
    let label = if moving { "Done moving" } else { "Move on the canvas" };
    if ui
        .add_enabled(editable, egui::Button::selectable(moving, label))
        .on_hover_text("Drag the image on the canvas")
        .clicked()
    {
        super::tools::stop(app);
        if !moving {
            app.underlay.tool = Tool::Move { last: None };
        }
    }
}

fn appearance(app: &mut PowerplotApp, ui: &mut Ui, u: &Underlay) {
    let mut opacity = u.opacity;
    let label = ui.label("Opacity");
    let r = ui.add(Slider::new(&mut opacity, 0.0..=1.0).fixed_decimals(2)).labelled_by(label.id);
    track_drag(&mut app.underlay, &mut app.doc, &r);
    if r.changed() {
        super::set(app, Some(Underlay { opacity, ..u.clone() }), UnderlayChange::Opacity);
    }
    let (mut visible, mut locked) = (u.visible, u.locked);
    ui.horizontal(|ui| {
        if ui.checkbox(&mut visible, "Show").changed() {
            super::set(app, Some(Underlay { visible, ..u.clone() }), UnderlayChange::ShowHide);
        }
        if ui
            .checkbox(&mut locked, "Lock")
            .on_hover_text("A locked underlay cannot be moved, turned or calibrated")
            .changed()
        {
            if locked {
                super::tools::stop(app);
            }
            super::set(app, Some(Underlay { locked, ..u.clone() }), UnderlayChange::Lock);
        }
    });
}
