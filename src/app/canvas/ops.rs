//! What the canvas does to the document: place a part, delete, rotate, nudge, copy, cut, paste and
//! duplicate. Each goes through `PowerplotApp::edit`, so each is one undo step.

use crate::app::PowerplotApp;
use crate::app::edit::EditCommand;
use crate::model::{Component, ComponentId, KindTag, Rect, footprint};

use super::grid;
use super::naming::Names;

/// How far a paste or duplicate lands from the originals, in metres (per paste in a row).
const PASTE_OFFSET_M: f64 = 10.0;
/// Clipboard text longer than this is not read as components.
const MAX_CLIPBOARD_BYTES: usize = 8 * 1024 * 1024;

fn selected_ids(app: &PowerplotApp) -> Vec<ComponentId> {
    app.doc.selection.iter().copied().collect()
}

/// The selected parts that are not locked: the ones a move, nudge, rotation or delete may touch.
pub fn unlocked_selection(app: &PowerplotApp) -> Vec<ComponentId> {
    let s = app.doc.scenario();
    app.doc.selection.iter().copied().filter(|id| s.component(*id).is_some_and(|c| !c.locked)).collect()
}

/// Says which selected parts `verb` ("deleted", "rotated") left alone because they are locked.
fn report_locked(app: &mut PowerplotApp, verb: &str) {
    let s = app.doc.scenario();
    let names: Vec<&str> = s
        .components
        .iter()
        .filter(|c| c.locked && app.doc.selection.contains(&c.id))
        .map(|c| c.name.as_str())
        .collect();
    let text = match names.as_slice() {
        [] => return,
        [one] => format!("\"{one}\" is locked and was not {verb}. Unlock it first"),
        [first, rest @ ..] => {
            format!("\"{first}\" and {} more locked parts were not {verb}. Unlock them first", rest.len())
        }
    };
    app.notify("Locked parts kept", format!("{text}: right-click on the canvas, or untick Locked in the inspector."));
}

/// The footprints "Size to capacity" gives the selected loads: each load's IT at its kind's typical density
/// (MODEL.md step 11), same centre and aspect. Locked parts and supplies are left out.
pub fn capacity_footprints(app: &PowerplotApp) -> Vec<(ComponentId, Rect)> {
    let s = app.doc.scenario();
    s.components
        .iter()
        .filter(|c| app.doc.selection.contains(&c.id) && !c.locked)
        .filter_map(|c| footprint::size_to_capacity(c).filter(|r| *r != c.rect).map(|r| (c.id, r)))
        .collect()
}

/// Resizes the selected loads to their footprint at a typical density, in one undo step.
pub fn size_to_capacity(app: &mut PowerplotApp) {
    report_locked(app, "resized");
    let rects = capacity_footprints(app);
    if !rects.is_empty() {
        let scenario = app.doc.active;
        app.edit(EditCommand::SizeToCapacity { scenario, rects });
    }
}

/// Locks every selected part, or unlocks them all when every one is locked already (one undo step).
pub fn toggle_lock(app: &mut PowerplotApp) {
    let ids = selected_ids(app);
    if ids.is_empty() {
        return;
    }
    let locked = lock_would_lock(app);
    let scenario = app.doc.active;
    app.edit(EditCommand::SetLocked { scenario, ids, locked });
}

/// True when the lock command would lock the selection (some part of it is unlocked).
pub fn lock_would_lock(app: &PowerplotApp) -> bool {
    let s = app.doc.scenario();
    app.doc.selection.iter().any(|id| s.component(*id).is_some_and(|c| !c.locked))
}

/// Adds a new part of `tag` centred on the world point `(x, y)` (snapped when snapping is on).
pub fn place(app: &mut PowerplotApp, tag: KindTag, x: f64, y: f64) {
    let s = app.doc.scenario();
    let (w, h) = tag.default_size_m();
    let (mut left, mut top) = (x - w / 2.0, y - h / 2.0);
    if app.canvas.snap {
        let step = grid::step_m(app.canvas.view.scale);
        left = grid::snap(left, step);
        top = grid::snap(top, step);
    }
    let name = Names::of(s).for_new(s, tag);
    let component = Component::new(s.next_id(), tag, name, left, top);
    let scenario = app.doc.active;
    app.edit(EditCommand::AddComponents { scenario, components: vec![component] });
}

/// Deletes the selected parts that are not locked; the locked ones stay, and a message says so.
pub fn delete(app: &mut PowerplotApp) {
    report_locked(app, "deleted");
    let ids = unlocked_selection(app);
    if !ids.is_empty() {
        let scenario = app.doc.active;
        app.edit(EditCommand::RemoveComponents { scenario, ids });
    }
}

pub fn rotate(app: &mut PowerplotApp) {
    report_locked(app, "rotated");
    let ids = unlocked_selection(app);
    if !ids.is_empty() {
        let scenario = app.doc.active;
        app.edit(EditCommand::RotateComponents { scenario, ids });
    }
}

/// Moves the unlocked parts of the selection; locked ones stay put without a message (arrow keys repeat).
pub fn nudge(app: &mut PowerplotApp, dx: f64, dy: f64) {
    let ids = unlocked_selection(app);
    if !ids.is_empty() && (dx != 0.0 || dy != 0.0) {
        let scenario = app.doc.active;
        app.edit(EditCommand::MoveComponents { scenario, ids, dx, dy });
    }
}

fn selected_components(app: &PowerplotApp) -> Vec<Component> {
    let s = app.doc.scenario();
    s.components.iter().filter(|c| app.doc.selection.contains(&c.id)).cloned().collect()
}

/// Copies the selection to the app's clipboard and, as RON text, to the system clipboard.
pub fn copy(app: &mut PowerplotApp, ctx: &egui::Context) {
    let parts = selected_components(app);
    if parts.is_empty() {
        return;
    }
    if let Ok(text) = ron::to_string(&parts) {
        ctx.copy_text(text);
    }
    app.canvas.clipboard = parts;
    app.canvas.paste_count = 0;
}

pub fn cut(app: &mut PowerplotApp, ctx: &egui::Context) {
    copy(app, ctx);
    delete(app);
}

/// Pastes the parts of a Ctrl+V this frame (RON text from the system clipboard, so parts travel between
/// windows), else the app's own clipboard.
pub fn paste(app: &mut PowerplotApp, ctx: &egui::Context) {
    let from_system = ctx.input(|i| {
        i.events.iter().find_map(|e| match e {
            egui::Event::Paste(text) if text.len() <= MAX_CLIPBOARD_BYTES => {
                ron::from_str::<Vec<Component>>(text).ok().filter(|parts| !parts.is_empty())
            }
            _ => None,
        })
    });
    let parts = match from_system {
        Some(parts) => parts,
        None => app.canvas.clipboard.clone(),
    };
    if parts.is_empty() {
        return;
    }
    app.canvas.paste_count += 1;
    let offset = PASTE_OFFSET_M * app.canvas.paste_count as f64;
    add_copies(app, parts, offset);
}

pub fn duplicate(app: &mut PowerplotApp) {
    let parts = selected_components(app);
    if !parts.is_empty() {
        add_copies(app, parts, PASTE_OFFSET_M);
    }
}

/// Adds `parts` with fresh ids and names, moved by `offset` metres right and down; they become the selection.
fn add_copies(app: &mut PowerplotApp, parts: Vec<Component>, offset: f64) {
    let s = app.doc.scenario();
    let mut next = s.next_id();
    let mut names = Names::of(s);
    let components = parts
        .into_iter()
        .map(|mut c| {
            c.id = next;
            next += 1;
            c.name = names.for_copy(&c.name);
            // A copy is a new part in a new place: it is free to move.
            c.locked = false;
            c.rect = c.rect.translated(offset, offset);
            c
        })
        .collect();
    let scenario = app.doc.active;
    app.edit(EditCommand::AddComponents { scenario, components });
}
