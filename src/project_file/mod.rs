//! Reading and writing project files (RON): format version and migrations, size and sanity limits, atomic
//! save with a backup, autosave and recovery. Every bad input becomes a typed error naming the file.
//! The format is described for planners in docs/file-format.md.

mod atomic;
mod autosave;
mod context;
mod decode;
mod errors;
mod format;
mod limits;
mod migrate;
mod recovery;
mod stamp;
mod text;
pub mod underlay_paths;

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

pub use atomic::{WriteSteps, backup_path, refuse_special, special_kind, write_file_atomically};
pub use autosave::{AutosaveInput, AutosaveStatus, Autosaver};
pub use errors::{LoadError, SaveError};
pub use format::CURRENT_VERSION;
pub use limits::MAX_FILE_BYTES;
pub use recovery::{Recovered, RecoveryDir};
pub use stamp::DiskStamp;
pub use text::{cap_quoted, for_terminal};

use crate::model::Project;

/// Reads a project from `text` (a file's content, a dropped file, the clipboard); `origin` names it in errors.
/// Older format versions are upgraded; the project is validated before it is returned.
pub fn parse_project(text: &str, origin: &str) -> Result<Project, LoadError> {
    decode::decode(text, origin)
}

/// Reads and validates the project file at `path` (at most `MAX_FILE_BYTES`).
pub fn load_project(path: &Path) -> Result<Project, LoadError> {
    load_project_stamped(path).map(|(project, _)| project)
}

/// `load_project`, with the stamp of the bytes read: a later save compares it with the file on disk to notice
/// that another window or program changed the file meanwhile (`save_project_if_unchanged`).
pub fn load_project_stamped(path: &Path) -> Result<(Project, DiskStamp), LoadError> {
    let origin = path.display().to_string();
    let bytes = limits::read_capped(path)?;
    let stamp = DiskStamp::of(&bytes);
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        LoadError::NotAProject {
            origin: origin.clone(),
            reason: format!("it is not UTF-8 text (the first bad byte is on line {line})"),
        }
    })?;
    Ok((parse_project(text, &origin)?, stamp))
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

/// `save_project` with the writes into new files supplied by the caller, so a test can make them fail.
pub fn save_project_with(
    path: &Path,
    project: &Project,
    mut write: impl FnMut(&mut File, &[u8]) -> io::Result<()>,
) -> Result<(), SaveError> {
    let mut steps = WriteSteps { write: &mut write, link: &|a, b| std::fs::hard_link(a, b) };
    save_project_with_steps(path, project, &mut steps).map(|_| ())
}

/// `save_project` with every failing step supplied by the caller; returns the stamp of what was written.
pub fn save_project_with_steps(path: &Path, project: &Project, steps: &mut WriteSteps) -> Result<DiskStamp, SaveError> {
    let path_text = path.display().to_string();
    let text = format::write(&format::ProjectFileOut::new(project))
        .map_err(|e| SaveError::Format { path: path_text.clone(), message: e.to_string() })?;
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(SaveError::TooLarge { path: path_text, size: text.len() as u64, limit: MAX_FILE_BYTES });
    }
    atomic::replace_file(path, text.as_bytes(), atomic::Backup::Keep, steps)?;
    Ok(DiskStamp::of(text.as_bytes()))
}

/// Saves only if the file on disk is still the one this window loaded or last saved (`known`; `None` for a
/// file it never read, such as a Save As target, which the dialog has already asked about). A file changed
/// meanwhile by another window or program is left alone: `SaveError::ChangedOnDisk`. A file deleted
/// meanwhile is written again. Returns the stamp of the file now on disk.
pub fn save_project_if_unchanged(
    path: &Path,
    project: &Project,
    known: Option<&DiskStamp>,
) -> Result<DiskStamp, SaveError> {
    if let Some(known) = known
        && let Some(now) =
            DiskStamp::read(path).map_err(|source| SaveError::Io { path: path.display().to_string(), source })?
        && now != *known
    {
        return Err(SaveError::ChangedOnDisk { path: path.display().to_string() });
    }
    let mut write = |file: &mut File, bytes: &[u8]| file.write_all(bytes);
    let mut steps = WriteSteps { write: &mut write, link: &|a, b| std::fs::hard_link(a, b) };
    save_project_with_steps(path, project, &mut steps)
}
