//! Replacing a file so that a crash or an error at any step leaves the old file whole: the new content goes to
//! a temporary file in the same folder (so the final rename stays on one file system), is flushed and synced
//! to disk, and only then renamed over the target, which is atomic on the file systems desktops use.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::errors::SaveError;

/// Attempts at finding an unused temporary name before giving up.
const TEMP_NAME_ATTEMPTS: u32 = 100;

/// Whether to keep the file being replaced as `NAME.bak`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Backup {
    Keep,
    Skip,
}

/// Where the previous version of `path` is kept: `site.ron` -> `site.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    PathBuf::from(name)
}

/// Writes `bytes` to `target` atomically. `write` puts the bytes into the open temporary file; tests pass one
/// that fails to check that the old file survives.
pub(super) fn replace_file(
    target: &Path,
    bytes: &[u8],
    backup: Backup,
    write: impl FnOnce(&mut File, &[u8]) -> io::Result<()>,
) -> Result<(), SaveError> {
    let io_error = |source| SaveError::Io { path: target.display().to_string(), source };
    // Saving through a symbolic link updates the file it points to rather than replacing the link.
    let target = match fs::symlink_metadata(target) {
        Ok(meta) if meta.file_type().is_symlink() => fs::canonicalize(target).map_err(io_error)?,
        _ => target.to_path_buf(),
    };
    let old = fs::metadata(&target).ok();
    let (mut file, temp) = create_temp(&target).map_err(io_error)?;
    let written = write(&mut file, bytes)
        .and_then(|()| file.flush())
        .and_then(|()| match &old {
            Some(meta) => file.set_permissions(meta.permissions()),
            None => Ok(()),
        })
        .and_then(|()| file.sync_all());
    drop(file);
    written.map_err(io_error)?;
    if backup == Backup::Keep && old.as_ref().is_some_and(|m| m.is_file()) {
        let bak = backup_path(&target);
        fs::copy(&target, &bak).map_err(|source| SaveError::Backup {
            path: target.display().to_string(),
            backup: bak.display().to_string(),
            source,
        })?;
    }
    fs::rename(&temp.path, &target).map_err(io_error)?;
    temp.keep();
    sync_folder(&target);
    Ok(())
}

/// A temporary file that is removed unless `keep` is called, so every early return cleans up after itself.
struct TempPath {
    path: PathBuf,
    remove_on_drop: bool,
}

impl TempPath {
    /// The file was renamed into place: nothing left to remove.
    fn keep(mut self) {
        self.remove_on_drop = false;
    }
}

impl Drop for TempPath {
    fn drop(&mut self) {
        if self.remove_on_drop {
            // Best effort: the temporary name is hidden and unique, a leftover harms nothing.
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// `.site.ron.<pid>.<n>.tmp` beside the target, created exclusively so two saves never share one.
fn create_temp(target: &Path) -> io::Result<(File, TempPath)> {
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name =
        target.file_name().ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path has no file name"))?;
    for n in 0..TEMP_NAME_ATTEMPTS {
        let mut temp_name = std::ffi::OsString::from(".");
        temp_name.push(name);
        temp_name.push(format!(".{}.{n}.tmp", std::process::id()));
        let path = folder.join(temp_name);
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(file) => return Ok((file, TempPath { path, remove_on_drop: true })),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(io::ErrorKind::AlreadyExists, "no free name for a temporary file beside it"))
}

/// Makes the rename itself durable. Best effort: some file systems refuse to sync a folder, and the new file
/// is already complete on disk either way.
fn sync_folder(target: &Path) {
    #[cfg(unix)]
    if let Some(folder) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        let _ = File::open(folder).and_then(|f| f.sync_all());
    }
    #[cfg(not(unix))]
    let _ = target;
}
