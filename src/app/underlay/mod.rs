//! The underlay: an aerial image or drawing of the real site under the canvas. Import (File or View menu, or
//! a PNG/JPEG dropped on the window), calibrate from two clicked points and their real distance, move, turn,
//! fade, hide and lock it (each an undoable edit), and a measuring tool for distances and areas. Images load
//! on threads of their own; the project keeps only the path and the calibration.

pub mod loader;
pub mod paint;
pub mod tools;
pub mod window;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::PowerplotApp;
use super::edit::{EditCommand, UnderlayChange};
use super::file_dialog::{DialogPurpose, DialogRequest};
use crate::model::Underlay;

use loader::{LoadedImage, Loader, UnderlayImages};
use paint::{Registry, UnderlayTexture};
pub use tools::Tool;

/// What a chosen image file is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// A new underlay, calibrated across the site boundary to begin with.
    Import,
    /// The same underlay's image found elsewhere: the calibration is kept.
    Locate,
}

/// Underlay view state: loaded images, the tool in use, the controls window. Nothing here is saved.
#[derive(Default)]
pub struct UnderlayState {
    pub window_open: bool,
    pub tool: Tool,
    /// Images by their full path on disk.
    images: HashMap<PathBuf, LoadedImage>,
    textures: HashMap<PathBuf, UnderlayTexture>,
    /// Why an image could not be read, by full path.
    failures: HashMap<PathBuf, String>,
    loading: HashSet<PathBuf>,
    loader: Loader,
    /// The dialog open for an image file is for this.
    pick: Option<Pick>,
    /// A slider or field of the window is being dragged: one undo step.
    dragging: bool,
}

impl UnderlayState {
    /// Images are still being read.
    pub fn is_loading(&self) -> bool {
        !self.loading.is_empty()
    }

    /// Why the image at `path` (full path) could not be read, once a load failed.
    pub fn failure(&self, path: &Path) -> Option<&str> {
        self.failures.get(path).map(String::as_str)
    }

    /// The loaded image at `path` (full path).
    pub fn image(&self, path: &Path) -> Option<&LoadedImage> {
        self.images.get(path)
    }
}

pub use crate::project_file::underlay_paths::{resolve, stored_path};

/// The underlay of the active scenario and its image's full path.
pub fn active(app: &PowerplotApp) -> Option<(&Underlay, PathBuf)> {
    let u = app.doc.scenario().underlay.as_ref()?;
    Some((u, resolve(app.doc.path.as_deref(), &u.path)))
}

/// The file's pixel size of the active underlay's image, once loaded.
pub fn active_size(app: &PowerplotApp) -> Option<[u32; 2]> {
    let (_, path) = active(app)?;
    app.underlay.images.get(&path).map(|i| i.size_px)
}

/// Runs once a frame before the panels: takes dropped images, collects finished loads, starts loads of the
/// images the project names, and hands the textures to the drawing code.
pub fn update(app: &mut PowerplotApp, ctx: &egui::Context) {
    take_dropped_images(app, ctx);
    for (path, result) in app.underlay.loader.finished() {
        app.underlay.loading.remove(&path);
        match result {
            Ok(image) => {
                if image.warning.is_some() {
                    // The warning is in the underlay window, beside the picture.
                    app.underlay.window_open = true;
                }
                let name = format!("underlay {}", path.display());
                let texture = ctx.load_texture(name, image.image.clone(), paint::TEXTURE_OPTIONS);
                app.underlay.textures.insert(path.clone(), UnderlayTexture { texture, size_px: image.size_px });
                app.underlay.images.insert(path, image);
            }
            Err(message) => {
                app.underlay.failures.insert(path, message);
                // The message and the way to find the image are in the underlay window.
                app.underlay.window_open = true;
            }
        }
    }
    let max_side = ctx.input(|i| i.max_texture_side).min(loader::MAX_TEXTURE_SIDE);
    let mut registry = HashMap::new();
    for u in app.doc.project.scenarios.iter().filter_map(|s| s.underlay.as_ref()) {
        let path = resolve(app.doc.path.as_deref(), &u.path);
        if let Some(t) = app.underlay.textures.get(&path) {
            registry.insert(u.path.clone(), t.clone());
        } else if !app.underlay.failures.contains_key(&path) && app.underlay.loading.insert(path.clone()) {
            app.underlay.loader.start(ctx, path, max_side);
        }
    }
    let known = Registry::get(ctx);
    if known.len() != registry.len() || registry.keys().any(|k| known.texture(k).is_none()) {
        Registry::set(ctx, registry);
    }
}

/// The images of the project's underlays, for the exports.
pub fn export_images(app: &PowerplotApp) -> UnderlayImages {
    let mut images = UnderlayImages::default();
    for u in app.doc.project.scenarios.iter().filter_map(|s| s.underlay.as_ref()) {
        if let Some(image) = app.underlay.images.get(&resolve(app.doc.path.as_deref(), &u.path)) {
            images.insert(&u.path, image.clone());
        }
    }
    images
}

/// PNG and JPEG files dropped on the window become the active scenario's underlay (the first one, if several);
/// other files are left for the project side.
fn take_dropped_images(app: &mut PowerplotApp, ctx: &egui::Context) {
    let images: Vec<PathBuf> = ctx.input_mut(|i| {
        let (images, rest) =
            std::mem::take(&mut i.raw.dropped_files).into_iter().partition(|f| is_image_file(f.path()));
        i.raw.dropped_files = rest;
        images.iter().map(|f| f.path().to_path_buf()).collect::<Vec<_>>()
    });
    if let Some(path) = images.first() {
        image_chosen(app, Pick::Import, path);
    }
}

/// A PNG or JPEG file, by its extension.
pub fn is_image_file(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        let e = e.to_ascii_lowercase();
        e == "png" || e == "jpg" || e == "jpeg"
    })
}

/// Opens the file dialog for an image (a new underlay, or the missing image of this one).
pub fn ask_for_image(app: &mut PowerplotApp, ctx: &egui::Context, pick: Pick) {
    if app.files.dialogs.is_open() {
        return;
    }
    let folder = app
        .doc
        .path
        .as_deref()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_default();
    let folder = std::path::absolute(&folder).unwrap_or(folder);
    app.underlay.pick = Some(pick);
    app.files
        .dialogs
        .start(ctx, DialogRequest { purpose: DialogPurpose::UnderlayImage, folder, file_name: String::new() });
}

/// The file dialog chose `path` for an image.
pub fn dialog_answered(app: &mut PowerplotApp, path: &Path) {
    let pick = app.underlay.pick.take().unwrap_or(Pick::Import);
    image_chosen(app, pick, path);
}

/// Makes the image at `path` the active scenario's underlay (`Import`), or points the underlay at it
/// keeping the calibration (`Locate`). An unreadable file is refused with a message and changes nothing.
pub fn image_chosen(app: &mut PowerplotApp, pick: Pick, path: &Path) -> bool {
    let size = match loader::dimensions(path) {
        Ok(size) => size,
        Err(message) => {
            app.notify("The image was not used", message);
            return false;
        }
    };
    let full = resolve(None, &path.to_string_lossy());
    // Read it again: it may have been fixed since a failed load.
    app.underlay.failures.remove(&full);
    app.underlay.images.remove(&full);
    app.underlay.textures.remove(&full);
    let stored = stored_path(app.doc.path.as_deref(), &full);
    let scenario = app.doc.active;
    let (underlay, change) = match (pick, app.doc.scenario().underlay.clone()) {
        (Pick::Locate, Some(u)) => (Underlay { path: stored, ..u }, UnderlayChange::Locate),
        _ => (Underlay::fitted_to(stored, size, &app.doc.scenario().boundary), UnderlayChange::Import),
    };
    app.underlay.window_open = true;
    app.edit(EditCommand::SetUnderlay { scenario, underlay: Some(underlay), change })
}

/// Before the project is written to `new_file`: names every underlay image from the new file's folder, so
/// a Save As into another folder (or the first save of a new project) still finds the images. The image
/// is the same file, so this is not an edit of its own.
pub fn rename_paths_for(app: &mut PowerplotApp, new_file: &Path) {
    let old_file = app.doc.path.clone();
    for u in app.doc.project.scenarios.iter_mut().filter_map(|s| s.underlay.as_mut()) {
        let full = resolve(old_file.as_deref(), &u.path);
        let renamed = stored_path(Some(new_file), &full);
        if renamed != u.path {
            u.path = renamed;
        }
    }
}

/// Applies an underlay change to the active scenario.
pub fn set(app: &mut PowerplotApp, underlay: Option<Underlay>, change: UnderlayChange) -> bool {
    let scenario = app.doc.active;
    app.edit(EditCommand::SetUnderlay { scenario, underlay, change })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_stored_relative_to_the_project_folder() {
        let project = Path::new("/sites/texas/plan.ron");
        assert_eq!(stored_path(Some(project), Path::new("/sites/texas/aerial.png")), "aerial.png");
        assert_eq!(stored_path(Some(project), Path::new("/sites/texas/img/a.jpg")), "img/a.jpg");
        assert_eq!(stored_path(Some(project), Path::new("/sites/shared/a.jpg")), "../shared/a.jpg");
        assert_eq!(stored_path(None, Path::new("/sites/shared/a.jpg")), "/sites/shared/a.jpg");
        assert_eq!(resolve(Some(project), "../shared/a.jpg"), PathBuf::from("/sites/texas/../shared/a.jpg"));
        assert_eq!(resolve(Some(project), "/abs/a.png"), PathBuf::from("/abs/a.png"));
    }
}
