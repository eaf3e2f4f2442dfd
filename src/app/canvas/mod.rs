//! The site canvas: the site drawn in metres with a grid, every part as its footprint, and direct
//! manipulation (place, select, move, resize, rotate, copy and paste). Zoom, pan and the drag in progress
//! are view state, not saved.

mod context;
mod draw;
mod grid;
mod handles;
mod interaction;
mod labels;
mod lod;
mod marks;
mod naming;
mod ops;
pub mod status;
mod view;

use egui::{Pos2, Sense};

use super::PowerplotApp;
use super::commands::UiCommand;
use super::icons::Icons;
use super::idle_story;
use crate::model::{Component, KindTag, Rect, WarningKind};

pub use interaction::Drag;
pub use view::View;

/// Zoom step of the Zoom in / Zoom out commands.
const ZOOM_STEP: f32 = 1.25;

pub struct CanvasState {
    /// A palette kind waiting for a click on the canvas.
    pub armed: Option<KindTag>,
    pub view: View,
    pub show_grid: bool,
    pub snap: bool,
    /// The pixels per point the view was last fitted at (on first show). A UI-scale change resizes every
    /// panel, so the view is fitted again rather than leaving the site half off the canvas.
    fitted_at: Option<f32>,
    pub drag: Drag,
    /// Parts copied with Copy or Cut, pasted when the system clipboard holds none.
    clipboard: Vec<Component>,
    /// Pastes since the last copy: each lands a little further away.
    paste_count: u32,
    marks: marks::Marks,
    /// Buffers of the parts drawn as blocks, reused every frame.
    blocks: lod::BlockMeshes,
}

impl Default for CanvasState {
    fn default() -> Self {
        CanvasState {
            armed: None,
            view: View::default(),
            show_grid: true,
            snap: true,
            fitted_at: None,
            drag: Drag::Idle,
            clipboard: Vec::new(),
            paste_count: 0,
            marks: marks::Marks::default(),
            blocks: lod::BlockMeshes::default(),
        }
    }
}

impl CanvasState {
    /// Where the world point (`x`, `y`) metres is drawn on screen, as of the last frame.
    pub fn world_to_screen(&self, x: f64, y: f64) -> Pos2 {
        self.view.world_to_screen(x, y)
    }

    /// The world point in metres under the screen point `p`, as of the last frame.
    pub fn screen_to_world(&self, p: Pos2) -> (f64, f64) {
        self.view.screen_to_world(p)
    }

    /// The grid step in metres at the current zoom, which is also the snapping step.
    pub fn grid_step_m(&self) -> f64 {
        grid::step_m(self.view.scale)
    }
}

/// The boundary together with every part, so a part dragged off the site is still in view after a fit.
fn site_extent(app: &PowerplotApp) -> Rect {
    let s = app.doc.scenario();
    let b = s.boundary;
    let (mut x0, mut y0, mut x1, mut y1) = (b.x, b.y, b.right(), b.bottom());
    for c in &s.components {
        x0 = x0.min(c.rect.x);
        y0 = y0.min(c.rect.y);
        x1 = x1.max(c.rect.right());
        y1 = y1.max(c.rect.bottom());
    }
    Rect::new(x0, y0, x1 - x0, y1 - y0)
}

/// The Edit menu's and context menu's wording of the lock command for the current selection.
pub fn lock_label(app: &PowerplotApp) -> &'static str {
    if ops::lock_would_lock(app) || app.doc.selection.is_empty() { "Lock" } else { "Unlock" }
}

/// Whether "Size to capacity" would change a selected part (an unlocked load not at its typical density).
pub fn can_size_to_capacity(app: &PowerplotApp) -> bool {
    !ops::capacity_footprints(app).is_empty()
}

/// Runs the canvas commands (editing the selection, view and grid toggles); other commands are ignored.
pub fn execute(app: &mut PowerplotApp, ctx: &egui::Context, cmd: UiCommand) {
    match cmd {
        UiCommand::Delete => ops::delete(app),
        UiCommand::SelectAll => app.doc.selection = app.doc.scenario().components.iter().map(|c| c.id).collect(),
        UiCommand::ClearSelection => {
            app.doc.selection.clear();
            app.canvas.armed = None;
            crate::app::underlay::tools::stop(app);
        }
        UiCommand::Rotate => ops::rotate(app),
        UiCommand::ToggleLock => ops::toggle_lock(app),
        UiCommand::SizeToCapacity => ops::size_to_capacity(app),
        UiCommand::Copy => ops::copy(app, ctx),
        UiCommand::Cut => ops::cut(app, ctx),
        UiCommand::Paste => ops::paste(app, ctx),
        UiCommand::Duplicate => ops::duplicate(app),
        UiCommand::FitSite => {
            let extent = site_extent(app);
            app.canvas.view.fit(&extent);
        }
        UiCommand::ZoomIn => {
            let c = app.canvas.view.rect.center();
            app.canvas.view.zoom_about(c, ZOOM_STEP);
        }
        UiCommand::ZoomOut => {
            let c = app.canvas.view.rect.center();
            app.canvas.view.zoom_about(c, 1.0 / ZOOM_STEP);
        }
        UiCommand::ToggleGrid => app.canvas.show_grid = !app.canvas.show_grid,
        UiCommand::ToggleSnap => app.canvas.snap = !app.canvas.snap,
        _ => {}
    }
    ctx.request_repaint();
}

pub fn show(app: &mut PowerplotApp, ui: &mut egui::Ui) {
    status::show(app, ui);
    let (rect, response) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
    app.canvas.view.rect = rect;
    let pixels_per_point = ui.ctx().pixels_per_point();
    if app.canvas.fitted_at != Some(pixels_per_point) {
        let extent = site_extent(app);
        app.canvas.view.fit(&extent);
        app.canvas.fitted_at = Some(pixels_per_point);
    }
    let revision_before = app.doc.revision;
    interaction::handle(app, ui, &response);
    if app.doc.revision != revision_before {
        ui.ctx().request_repaint();
    }

    let evaluation = app.results.get(app.doc.active);
    let start = app.doc.scenario().assumptions.start;
    let key = app.results.revision().map(|r| (r, app.doc.active));
    app.canvas.marks.refresh(evaluation, key, start);

    let painter = ui.painter_at(rect);
    let theme = draw::Theme::new(ui.visuals().dark_mode);
    let scenario = app.doc.scenario();
    draw::site(&painter, &app.canvas, scenario, &theme);
    let icons = Icons::get(ui.ctx());
    let pass = draw::PartsPass { painter: &painter, theme: &theme, icons: &icons };
    draw::parts(&pass, &mut app.canvas, scenario, &app.doc.selection);
    overlays(app, ui, &painter, &theme, &response);
    crate::app::underlay::tools::paint(app, &painter, response.hover_pos());
    context::show(app, &response);
    hover_tooltip(app, &response);
}

/// Handles of a single selection, the marquee, and the footprint a palette part would take.
fn overlays(
    app: &PowerplotApp,
    ui: &egui::Ui,
    painter: &egui::Painter,
    theme: &draw::Theme,
    response: &egui::Response,
) {
    let selected = interaction::single_selection(app).and_then(|id| app.doc.scenario().component(id));
    if let Some(c) = selected.filter(|c| !c.locked) {
        draw::handles(painter, app.canvas.view.rect_to_screen(&c.rect), theme);
    }
    if let Drag::Marquee { start, end, .. } = app.canvas.drag {
        let r = egui::Rect::from_two_pos(
            app.canvas.world_to_screen(start.0, start.1),
            app.canvas.world_to_screen(end.0, end.1),
        );
        draw::marquee(painter, r, theme);
    }
    let carried = response.dnd_hover_payload::<KindTag>().map(|t| *t).or(app.canvas.armed);
    if let (Some(tag), Some(p)) = (carried, response.hover_pos().or(ui.input(|i| i.pointer.hover_pos()))) {
        if !app.canvas.view.rect.contains(p) {
            return;
        }
        let (x, y) = app.canvas.screen_to_world(p);
        let (w, h) = tag.default_size_m();
        draw::ghost(painter, &app.canvas, tag, &Rect::new(x - w / 2.0, y - h / 2.0, w, h));
    }
}

/// Name, figures and warnings of the part under the pointer.
fn hover_tooltip(app: &PowerplotApp, response: &egui::Response) {
    if app.canvas.drag != Drag::Idle {
        return;
    }
    let Some(p) = response.hover_pos() else { return };
    let (x, y) = app.canvas.screen_to_world(p);
    let s = app.doc.scenario();
    let Some(c) = interaction::part_at(s, x, y).and_then(|id| s.component(id)) else { return };
    let evaluation = app.results.get(app.doc.active);
    response.clone().on_hover_ui_at_pointer(|ui| {
        ui.strong(&c.name);
        let status = if c.existing { "existing" } else { "new" };
        ui.label(format!("{} · {} · {status}", c.tag().label(), labels::figure_text(c)));
        ui.label(format!("{:.0} × {:.0} m at ({:.0}, {:.0})", c.rect.w, c.rect.h, c.rect.x, c.rect.y));
        if c.locked {
            ui.weak("Locked: it cannot be moved, resized or deleted here (right-click to unlock)");
        }
        if let Some((e, r)) = evaluation.and_then(|e| e.component(c.id).map(|r| (e, r))) {
            ui.label(format!(
                "Online in month {} ({})",
                r.online_month,
                s.assumptions.start.plus_months(r.online_month)
            ));
            let warned = |kind| e.warnings_for(c.id).any(|w| w.kind == kind);
            if let Some(served) = r.served_fraction.filter(|_| !warned(WarningKind::UnservedLoad)) {
                ui.label(format!("Served at full build: {:.0} %", served * 100.0));
            }
            // Why it is idle or limited, and when: the canvas draws it hatched or tagged. Each said once.
            if let Some(why) = idle_story::state_line(r, warned) {
                ui.colored_label(ui.visuals().warn_fg_color, why);
            }
            if let Some(story) = idle_story::story(s, e, c) {
                ui.colored_label(ui.visuals().warn_fg_color, story);
            }
            if r.months_switched_off > 0 {
                ui.weak(format!("Off in {} of {} months", r.months_switched_off, s.assumptions.horizon_months()));
            }
        }
        for reason in marks::reasons(c, &s.boundary, evaluation) {
            ui.colored_label(draw::PROBLEM, reason);
        }
    });
}
