//! The planner's own miners and GPU systems: `catalog.ron` in the user's config folder, in the format of the
//! built-in `assets/catalog.ron`, added after the built-in entries. A missing file is no catalog; a broken one
//! is reported with its line and ignored, never fatal.

use std::path::{Path, PathBuf};

use super::PowerplotApp;
use crate::model::equipment::Catalog;

/// Larger than any list of equipment a planner would type; a bigger file is not read.
const MAX_BYTES: u64 = 4 * 1024 * 1024;

/// `catalog.ron` in the user's config folder (`~/.config/powerplot/catalog.ron` on Linux,
/// `%APPDATA%\Powerplot\config\catalog.ron` on Windows, `~/Library/Application Support/Powerplot/catalog.ron`
/// on macOS); `None` when the system reports no home folder.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "Powerplot").map(|d| d.config_dir().join("catalog.ron"))
}

/// The user's catalog at `path`: `Ok(None)` when there is no such file, else its entries or why it was not read.
pub fn load(path: &Path) -> Result<Option<Catalog>, String> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    // A FIFO or device would block the read: only regular files are read.
    if !meta.is_file() {
        return Err(format!("{}: not a regular file", path.display()));
    }
    if meta.len() > MAX_BYTES {
        return Err(format!(
            "{}: {} bytes, more than the {} MB a catalog may have",
            path.display(),
            meta.len(),
            MAX_BYTES >> 20
        ));
    }
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Catalog::parse(&text).map(Some).map_err(|e| format!("{}, {e}", path.display()))
}

impl PowerplotApp {
    /// Adds the entries of the user's catalog at `path` to the preset lists; a broken file is reported (with
    /// its line) and the built-in catalog is used alone.
    pub fn with_user_catalog(mut self, path: &Path) -> Self {
        match load(path) {
            Ok(Some(user)) => self.catalog = Catalog::built_in().with_user(&user),
            Ok(None) => {}
            Err(e) => self.notify(
                "Your equipment catalog was not read",
                format!("{e}\nThe built-in miners and GPU systems are offered; fix the file and restart to add yours."),
            ),
        }
        self
    }
}
