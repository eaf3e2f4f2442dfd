//! Preferences kept between runs: theme, UI scale, canvas grid and snap, recent files, export scale. eframe stores them
//! (`App::save`); the window's size and position are persisted by eframe itself (`persist_window`).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{PowerplotApp, export};

/// The key under which eframe's storage keeps the preferences.
pub const STORAGE_KEY: &str = "powerplot_prefs";
/// Recent files remembered; older ones drop off.
pub const RECENT_LIMIT: usize = 10;
/// The UI scale a user can choose (View > UI scale).
pub const UI_SCALE_RANGE: std::ops::RangeInclusive<f32> = 0.8..=1.5;

/// Missing fields take their defaults, so preferences written by an older version still load.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub dark_mode: bool,
    pub ui_scale: f32,
    /// The canvas's metre grid is drawn.
    pub show_grid: bool,
    /// Moved and resized parts snap to the grid.
    pub snap_to_grid: bool,
    /// Most recent first.
    pub recent_files: Vec<PathBuf>,
    /// File > Export > Export scale.
    pub export_scale: f32,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            dark_mode: true,
            ui_scale: 1.0,
            show_grid: true,
            snap_to_grid: true,
            recent_files: Vec::new(),
            export_scale: export::DEFAULT_EXPORT_SCALE,
        }
    }
}

/// A scale inside `UI_SCALE_RANGE` (a hand-edited or corrupt value falls back to 1.0).
pub fn clamp_ui_scale(scale: f32) -> f32 {
    if scale.is_finite() { scale.clamp(*UI_SCALE_RANGE.start(), *UI_SCALE_RANGE.end()) } else { 1.0 }
}

/// The recent-files list: most recent first, no duplicates, at most `RECENT_LIMIT`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RecentFiles {
    paths: Vec<PathBuf>,
}

impl RecentFiles {
    /// The list from saved preferences, without files that no longer exist.
    pub fn from_saved(paths: Vec<PathBuf>) -> Self {
        let mut recent = RecentFiles::default();
        for path in paths.into_iter().rev() {
            recent.add(&path);
        }
        recent.drop_missing();
        recent
    }

    /// Puts `path` at the top (made absolute so the list still works from another folder).
    pub fn add(&mut self, path: &Path) {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        self.paths.retain(|p| *p != path);
        self.paths.insert(0, path);
        self.paths.truncate(RECENT_LIMIT);
    }

    /// Forgets files that have been deleted or moved since.
    pub fn drop_missing(&mut self) {
        self.paths.retain(|p| p.is_file());
    }

    pub fn remove(&mut self, path: &Path) {
        self.paths.retain(|p| p != path);
    }

    pub fn paths(&self) -> &[PathBuf] {
        &self.paths
    }
}

impl PowerplotApp {
    /// Applies saved preferences (at start-up; tests pass their own). The open document joins the recent list.
    pub fn with_prefs(mut self, prefs: Prefs) -> Self {
        self.dark_mode = prefs.dark_mode;
        self.ui_scale = clamp_ui_scale(prefs.ui_scale);
        self.canvas.show_grid = prefs.show_grid;
        self.canvas.snap = prefs.snap_to_grid;
        self.files.recent = RecentFiles::from_saved(prefs.recent_files);
        self.export.scale = export::clamp_export_scale(prefs.export_scale);
        if let Some(path) = &self.doc.path {
            self.files.recent.add(path);
        }
        self
    }

    /// The preferences to keep for the next run (written by `eframe::App::save`).
    pub fn prefs(&self) -> Prefs {
        Prefs {
            dark_mode: self.dark_mode,
            ui_scale: self.ui_scale,
            show_grid: self.canvas.show_grid,
            snap_to_grid: self.canvas.snap,
            recent_files: self.files.recent.paths().to_vec(),
            export_scale: self.export.scale,
        }
    }
}
