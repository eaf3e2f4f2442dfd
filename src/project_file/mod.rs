//! Reading and writing project files (RON): format version and migrations, size and sanity limits, atomic
//! save with a backup, autosave and recovery. Every bad input becomes a typed error naming the file.
//! The format is described for planners in docs/file-format.md.

mod atomic;
mod autosave;
mod decode;
mod errors;
mod format;
mod limits;
mod migrate;
mod recovery;

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

pub use atomic::backup_path;
pub use autosave::{AutosaveInput, AutosaveStatus, Autosaver};
pub use errors::{LoadError, SaveError};
pub use format::CURRENT_VERSION;
pub use limits::MAX_FILE_BYTES;
pub use recovery::{Recovered, RecoveryDir};

use crate::model::Project;

/// Reads a project from `text` (a file's content, a dropped file, the clipboard); `origin` names it in errors.
/// Older format versions are upgraded; the project is validated before it is returned.
pub fn parse_project(text: &str, origin: &str) -> Result<Project, LoadError> {
    decode::decode(text, origin)
}

/// Reads and validates the project file at `path` (at most `MAX_FILE_BYTES`).
pub fn load_project(path: &Path) -> Result<Project, LoadError> {
    let origin = path.display().to_string();
    let bytes = limits::read_capped(path)?;
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        LoadError::NotAProject {
            origin: origin.clone(),
            reason: format!("it is not UTF-8 text (the first bad byte is on line {line})"),
        }
    })?;
    parse_project(text, &origin)
}

/// The text `save_project` writes.
pub fn to_ron_string(project: &Project) -> String {
    // A project has a fixed nesting depth and fixed field names, the two things RON serialization can
    // reject, so no project content can make this fail.
    format::write(&format::ProjectFileOut::new(project)).expect("RON serialization of a project cannot fail")
}

/// Saves atomically: a crash or an error at any point leaves the old file whole. The previous version is
/// kept as `NAME.ron.bak` (see `backup_path`).
pub fn save_project(path: &Path, project: &Project) -> Result<(), SaveError> {
    save_project_with(path, project, |file, bytes| file.write_all(bytes))
}

/// `save_project` with the write into the temporary file supplied by the caller, so a test can make it fail.
pub fn save_project_with(
    path: &Path,
    project: &Project,
    write: impl FnOnce(&mut File, &[u8]) -> io::Result<()>,
) -> Result<(), SaveError> {
    let path_text = path.display().to_string();
    let text = format::write(&format::ProjectFileOut::new(project))
        .map_err(|e| SaveError::Format { path: path_text.clone(), message: e.to_string() })?;
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(SaveError::TooLarge { path: path_text, size: text.len() as u64, limit: MAX_FILE_BYTES });
    }
    atomic::replace_file(path, text.as_bytes(), atomic::Backup::Keep, write)
}
