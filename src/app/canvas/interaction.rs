//! Pointer and keyboard on the canvas: zoom about the cursor, pan, place parts from the palette, select
//! (click, shift-click, marquee), move and resize by dragging (one undo step per drag), nudge with arrows.

use egui::{CursorIcon, Key, Modifiers, PointerButton, Pos2, Response, Ui};

use crate::app::PowerplotApp;
use crate::app::edit::EditCommand;
use crate::model::{ComponentId, KindTag, Rect, Scenario};

use super::handles::{self, Handle};
use super::{grid, ops};

/// A wheel notch (about 50 points of scroll) zooms by about 16 %.
const WHEEL_ZOOM_PER_POINT: f32 = 0.003;

/// What a primary-button drag on the canvas is doing.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Drag {
    #[default]
    Idle,
    Pan,
    /// Moving the selection; `anchor` is the top-left of the part grabbed, `applied` the offset already sent.
    Move {
        ids: Vec<ComponentId>,
        origin: (f64, f64),
        anchor: (f64, f64),
        applied: (f64, f64),
    },
    Resize {
        id: ComponentId,
        handle: Handle,
        origin: (f64, f64),
        start: Rect,
    },
    /// Rubber-band selection between two world points.
    Marquee {
        start: (f64, f64),
        end: (f64, f64),
        additive: bool,
    },
}

/// The topmost part under the world point (drawn last = on top).
pub fn part_at(s: &Scenario, x: f64, y: f64) -> Option<ComponentId> {
    s.components
        .iter()
        .rev()
        .find(|c| x >= c.rect.x && x <= c.rect.right() && y >= c.rect.y && y <= c.rect.bottom())
        .map(|c| c.id)
}

/// The handle under `pointer` when exactly one part is selected (a locked part has none).
fn handle_at(app: &PowerplotApp, pointer: Pos2) -> Option<(ComponentId, Handle)> {
    let id = single_selection(app)?;
    let c = app.doc.scenario().component(id).filter(|c| !c.locked)?;
    handles::hit(app.canvas.view.rect_to_screen(&c.rect), pointer).map(|h| (id, h))
}

pub fn single_selection(app: &PowerplotApp) -> Option<ComponentId> {
    let mut it = app.doc.selection.iter();
    match (it.next(), it.next()) {
        (Some(id), None) => Some(*id),
        _ => None,
    }
}

/// The snapping step in metres, or `None` when snapping is off.
fn snap_step(app: &PowerplotApp) -> Option<f64> {
    app.canvas.snap.then(|| grid::step_m(app.canvas.view.scale))
}

pub fn handle(app: &mut PowerplotApp, ui: &Ui, response: &Response) {
    zoom_and_scroll(app, ui, response);
    keyboard(app, ui);
    if crate::app::underlay::tools::handle(app, ui, response) {
        return;
    }

    if let Some(tag) = response.dnd_release_payload::<KindTag>() {
        if let Some(p) = ui.input(|i| i.pointer.interact_pos()) {
            let (x, y) = app.canvas.view.screen_to_world(p);
            ops::place(app, *tag, x, y);
            app.canvas.armed = None;
        }
        return;
    }

    let space = ui.input(|i| i.key_down(Key::Space));
    let shift = ui.input(|i| i.modifiers.shift);
    let pointer = ui.input(|i| i.pointer.interact_pos());

    let panning_button = response.dragged_by(PointerButton::Middle) || response.dragged_by(PointerButton::Secondary);
    if panning_button || (response.dragged_by(PointerButton::Primary) && app.canvas.drag == Drag::Pan) {
        app.canvas.view.pan(response.drag_delta());
        ui.ctx().set_cursor_icon(CursorIcon::Grabbing);
    }

    if response.drag_started_by(PointerButton::Primary) {
        let origin = ui.input(|i| i.pointer.press_origin()).or(pointer);
        if let Some(origin) = origin {
            if space { app.canvas.drag = Drag::Pan } else { start_drag(app, origin, shift) }
        }
    }
    if response.dragged_by(PointerButton::Primary) {
        if let Some(p) = pointer {
            continue_drag(app, p);
        }
    } else if app.canvas.drag != Drag::Idle {
        finish_drag(app);
    }

    if response.clicked_by(PointerButton::Primary)
        && let Some(p) = response.interact_pointer_pos()
    {
        click(app, p, shift);
    }
    set_cursor(app, ui, response);
}

fn zoom_and_scroll(app: &mut PowerplotApp, ui: &Ui, response: &Response) {
    let Some(at) = response.hover_pos() else { return };
    let (scroll, pinch) = ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta()));
    let factor = pinch * (scroll.y * WHEEL_ZOOM_PER_POINT).exp();
    if factor != 1.0 {
        app.canvas.view.zoom_about(at, factor);
    }
    if scroll.x != 0.0 {
        app.canvas.view.pan(egui::vec2(scroll.x, 0.0));
    }
}

/// Arrow keys nudge the selection by 1 m, with Shift by 10 m (unless a text field has the keyboard).
fn keyboard(app: &mut PowerplotApp, ui: &Ui) {
    if ui.ctx().egui_wants_keyboard_input() || app.doc.selection.is_empty() {
        return;
    }
    let (mut dx, mut dy) = (0.0, 0.0);
    ui.input_mut(|i| {
        for (key, ux, uy) in [
            (Key::ArrowLeft, -1.0, 0.0),
            (Key::ArrowRight, 1.0, 0.0),
            (Key::ArrowUp, 0.0, -1.0),
            (Key::ArrowDown, 0.0, 1.0),
        ] {
            let big = i.count_and_consume_key(Modifiers::SHIFT, key) as f64 * 10.0;
            let small = i.count_and_consume_key(Modifiers::NONE, key) as f64;
            dx += ux * (big + small);
            dy += uy * (big + small);
        }
    });
    ops::nudge(app, dx, dy);
}

fn start_drag(app: &mut PowerplotApp, origin: Pos2, shift: bool) {
    let (wx, wy) = app.canvas.view.screen_to_world(origin);
    if let Some((id, handle)) = handle_at(app, origin) {
        let Some(c) = app.doc.scenario().component(id) else { return };
        let start = c.rect;
        app.doc.begin_gesture();
        app.canvas.drag = Drag::Resize { id, handle, origin: (wx, wy), start };
        return;
    }
    match part_at(app.doc.scenario(), wx, wy) {
        Some(id) => {
            if !app.doc.selection.contains(&id) {
                if !shift {
                    app.doc.selection.clear();
                }
                app.doc.selection.insert(id);
            }
            // A locked part stays put when grabbed, and does not move with the rest of a selection.
            let Some(c) = app.doc.scenario().component(id).filter(|c| !c.locked) else { return };
            let anchor = (c.rect.x, c.rect.y);
            let ids = ops::unlocked_selection(app);
            app.doc.begin_gesture();
            app.canvas.drag = Drag::Move { ids, origin: (wx, wy), anchor, applied: (0.0, 0.0) };
        }
        None => app.canvas.drag = Drag::Marquee { start: (wx, wy), end: (wx, wy), additive: shift },
    }
}

fn continue_drag(app: &mut PowerplotApp, pointer: Pos2) {
    let (px, py) = app.canvas.view.screen_to_world(pointer);
    let snap = snap_step(app);
    let scenario = app.doc.active;
    let cmd = match &mut app.canvas.drag {
        Drag::Move { ids, origin, anchor, applied } => {
            let fit = |v: f64| match snap {
                Some(step) => grid::snap(v, step),
                None => (v * 10.0).round() / 10.0,
            };
            let target = (fit(anchor.0 + px - origin.0), fit(anchor.1 + py - origin.1));
            let desired = (target.0 - anchor.0, target.1 - anchor.1);
            let (dx, dy) = (desired.0 - applied.0, desired.1 - applied.1);
            *applied = desired;
            (dx != 0.0 || dy != 0.0).then(|| EditCommand::MoveComponents { scenario, ids: ids.clone(), dx, dy })
        }
        Drag::Resize { id, handle, origin, start } => {
            let rect = handles::resized(start, *handle, px - origin.0, py - origin.1, snap);
            let changed = app.doc.scenario().component(*id).is_some_and(|c| c.rect != rect);
            changed.then_some(EditCommand::SetRect { scenario, id: *id, rect })
        }
        Drag::Marquee { end, .. } => {
            *end = (px, py);
            None
        }
        Drag::Pan | Drag::Idle => None,
    };
    if let Some(cmd) = cmd {
        app.edit(cmd);
    }
}

fn finish_drag(app: &mut PowerplotApp) {
    match std::mem::take(&mut app.canvas.drag) {
        Drag::Move { .. } | Drag::Resize { .. } => app.doc.end_gesture(),
        Drag::Marquee { start, end, additive } => {
            let area =
                Rect::new(start.0.min(end.0), start.1.min(end.1), (start.0 - end.0).abs(), (start.1 - end.1).abs());
            if !additive {
                app.doc.selection.clear();
            }
            let hits: Vec<ComponentId> =
                app.doc.scenario().components.iter().filter(|c| c.rect.overlaps(&area)).map(|c| c.id).collect();
            app.doc.selection.extend(hits);
        }
        Drag::Pan | Drag::Idle => {}
    }
}

fn click(app: &mut PowerplotApp, at: Pos2, shift: bool) {
    let (wx, wy) = app.canvas.view.screen_to_world(at);
    if let Some(tag) = app.canvas.armed {
        ops::place(app, tag, wx, wy);
        // Shift keeps the palette tool for placing several parts in a row.
        if !shift {
            app.canvas.armed = None;
        }
        return;
    }
    match part_at(app.doc.scenario(), wx, wy) {
        Some(id) if shift => toggle(&mut app.doc.selection, id),
        Some(id) => {
            app.doc.selection.clear();
            app.doc.selection.insert(id);
        }
        None if !shift => app.doc.selection.clear(),
        None => {}
    }
}

/// Shift-click adds a part to the selection or takes it out.
fn toggle(selection: &mut std::collections::BTreeSet<ComponentId>, id: ComponentId) {
    if !selection.remove(&id) {
        selection.insert(id);
    }
}

fn set_cursor(app: &PowerplotApp, ui: &Ui, response: &Response) {
    let Some(p) = response.hover_pos() else { return };
    let icon = match &app.canvas.drag {
        Drag::Pan => CursorIcon::Grabbing,
        Drag::Move { .. } => CursorIcon::Grabbing,
        Drag::Resize { handle, .. } => handle.cursor(),
        Drag::Marquee { .. } => CursorIcon::Crosshair,
        Drag::Idle if app.canvas.armed.is_some() => CursorIcon::Crosshair,
        Drag::Idle => {
            if let Some((_, h)) = handle_at(app, p) {
                h.cursor()
            } else {
                let (wx, wy) = app.canvas.view.screen_to_world(p);
                let s = app.doc.scenario();
                match part_at(s, wx, wy).and_then(|id| s.component(id)) {
                    Some(c) if c.locked => CursorIcon::Default,
                    Some(_) => CursorIcon::Grab,
                    None => CursorIcon::Default,
                }
            }
        }
    };
    ui.ctx().set_cursor_icon(icon);
}
