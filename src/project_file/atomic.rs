//! Replacing a file so that a crash or an error at any step leaves the old file and its backup whole: the new
//! content goes to a temporary file in the same folder (so the final rename stays on one file system), is
//! flushed and synced to disk, and only then renamed over the target, which is atomic on the file systems
//! desktops use. The previous version becomes `NAME.bak` the same way: a second name for the old file (a hard
//! link, or a complete copy where links are not supported) is made under a temporary name and renamed over the
//! old backup, so a good backup is never replaced by a broken one.
//!
//! A temporary file is locked by the process writing it for as long as it exists. Temporary files nobody holds
//! (left by a process killed mid-save) are removed by the next save into the same folder.

use std::ffi::OsString;
use std::fs::{self, File, Metadata, OpenOptions};
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

/// The steps of a save that touch the disk and can fail on their own (a full disk, a file system without hard
/// links). `save_project` uses the real ones; tests replace them to check that every failure leaves the file
/// and its backup whole.
pub struct WriteSteps<'a> {
    /// Writes bytes into a newly created file: the temporary file, and the backup when it has to be copied.
    pub write: &'a mut dyn FnMut(&mut File, &[u8]) -> io::Result<()>,
    /// Gives an existing file a second name without copying it (`std::fs::hard_link`).
    pub link: &'a dyn Fn(&Path, &Path) -> io::Result<()>,
}

/// Where the previous version of `path` is kept: `site.ron` -> `site.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    PathBuf::from(name)
}

/// What a path is when it is neither a regular file nor a folder ("a named pipe (FIFO)"), for messages; `None`
/// for files and folders. Such paths are never opened for reading or writing: a FIFO would block forever.
pub fn special_kind(meta: &Metadata) -> Option<&'static str> {
    let kind = meta.file_type();
    if kind.is_file() || kind.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("a named pipe (FIFO), not a file");
        }
        if kind.is_socket() {
            return Some("a socket, not a file");
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Some("a device, not a file");
        }
    }
    Some("not a regular file")
}

/// Refuses a path that exists and is neither a regular file nor a folder (before anything opens it).
pub fn refuse_special(path: &Path) -> io::Result<()> {
    match fs::metadata(path) {
        Ok(meta) => match special_kind(&meta) {
            Some(kind) => Err(io::Error::new(io::ErrorKind::InvalidInput, format!("it is {kind}"))),
            None => Ok(()),
        },
        Err(_) => Ok(()),
    }
}

/// Writes `bytes` to `path` through a temporary file renamed into place, so a failure never leaves a cut-off
/// file (exports use it: a picture or table is either complete or not there).
pub fn write_file_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut write = |file: &mut File, bytes: &[u8]| file.write_all(bytes);
    let mut steps = WriteSteps { write: &mut write, link: &|a, b| fs::hard_link(a, b) };
    replace_file(path, bytes, Backup::Skip, &mut steps).map_err(|e| match e {
        SaveError::Io { source, .. } | SaveError::Backup { source, .. } => source,
        other => io::Error::other(other.to_string()),
    })
}

/// Writes `bytes` to `target` atomically, keeping the old file as the backup when asked.
pub(super) fn replace_file(
    target: &Path,
    bytes: &[u8],
    backup: Backup,
    steps: &mut WriteSteps,
) -> Result<(), SaveError> {
    let io_error = |source| SaveError::Io { path: target.display().to_string(), source };
    // Saving through a symbolic link updates the file it points to rather than replacing the link.
    let target = match fs::symlink_metadata(target) {
        Ok(meta) if meta.file_type().is_symlink() => fs::canonicalize(target).map_err(io_error)?,
        _ => target.to_path_buf(),
    };
    let old = fs::metadata(&target).ok();
    if let Some(kind) = old.as_ref().and_then(special_kind) {
        return Err(io_error(io::Error::new(io::ErrorKind::InvalidInput, format!("it is {kind}"))));
    }
    remove_stale_temps(&target);
    // The temporary file stays open (and locked) until it has been renamed: that tells other processes' clean-up
    // that it is in use.
    let (mut file, temp) = create_temp(&target).map_err(io_error)?;
    let written = (steps.write)(&mut file, bytes)
        .and_then(|()| file.flush())
        .and_then(|()| match &old {
            Some(meta) => file.set_permissions(meta.permissions()),
            None => Ok(()),
        })
        .and_then(|()| file.sync_all());
    written.map_err(io_error)?;
    if backup == Backup::Keep && old.as_ref().is_some_and(Metadata::is_file) {
        let bak = backup_path(&target);
        keep_backup(&target, &bak, steps).map_err(|source| SaveError::Backup {
            path: target.display().to_string(),
            backup: bak.display().to_string(),
            source,
        })?;
    }
    fs::rename(&temp.path, &target).map_err(io_error)?;
    temp.keep();
    drop(file);
    sync_folder(&target);
    Ok(())
}

/// Makes `bak` a complete second copy of `target`: a hard link (no space needed) or, where the file system has
/// none, a copy written through `steps.write`, in both cases under a temporary name renamed over the old backup
/// only once complete.
fn keep_backup(target: &Path, bak: &Path, steps: &mut WriteSteps) -> io::Result<()> {
    let mut linked = None;
    for n in 0..TEMP_NAME_ATTEMPTS {
        let path = temp_name(bak, n)?;
        match (steps.link)(target, &path) {
            Ok(()) => {
                linked = Some(TempPath { path, remove_on_drop: true });
                break;
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(_) => break,
        }
    }
    let (temp, _open) = match linked {
        Some(temp) => (temp, None),
        None => {
            let old = fs::read(target)?;
            let (mut file, temp) = create_temp(bak)?;
            (steps.write)(&mut file, &old).and_then(|()| file.flush()).and_then(|()| file.sync_all())?;
            (temp, Some(file))
        }
    };
    fs::rename(&temp.path, bak)?;
    temp.keep();
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
            // Best effort: the temporary name is hidden and unique, and the next save removes a leftover.
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// `.site.ron.<pid>.<n>.tmp` beside `target`.
fn temp_name(target: &Path, n: u32) -> io::Result<PathBuf> {
    let name =
        target.file_name().ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path has no file name"))?;
    let mut temp_name = OsString::from(".");
    temp_name.push(name);
    temp_name.push(format!(".{}.{n}.tmp", std::process::id()));
    Ok(folder_of(target).join(temp_name))
}

fn folder_of(target: &Path) -> &Path {
    match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// A new temporary file beside `target`, created exclusively (so two saves never share one) and locked.
fn create_temp(target: &Path) -> io::Result<(File, TempPath)> {
    for n in 0..TEMP_NAME_ATTEMPTS {
        let path = temp_name(target, n)?;
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(file) => {
                // A file system without locks still saves; its leftovers are then never taken for stale.
                let _ = file.try_lock();
                return Ok((file, TempPath { path, remove_on_drop: true }));
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(io::ErrorKind::AlreadyExists, "no free name for a temporary file beside it"))
}

/// The process id in a temporary name of `target` or of its backup (`.site.ron.<pid>.<n>.tmp`,
/// `.site.ron.bak.<pid>.<n>.tmp`), with whether it is a backup's.
fn temp_owner(file_name: &str, target_name: &str) -> Option<(u32, bool)> {
    let rest = file_name.strip_prefix('.')?.strip_prefix(target_name)?.strip_suffix(".tmp")?;
    let (rest, is_backup) = match rest.strip_prefix(".bak") {
        Some(r) => (r, true),
        None => (rest, false),
    };
    let (pid, n) = rest.strip_prefix('.')?.split_once('.')?;
    n.parse::<u32>().ok()?;
    Some((pid.parse().ok()?, is_backup))
}

/// Removes the temporary files of `target` (and of its backup) that no running save holds: leftovers of a
/// process killed mid-save.
pub(super) fn remove_stale_temps(target: &Path) {
    let Some(target_name) = target.file_name().and_then(|n| n.to_str()) else { return };
    remove_stale_temps_where(folder_of(target), |name| temp_owner(name, target_name));
}

/// Removes every stale temporary file in `folder`, whatever file it was for (the recovery folder, which
/// only Powerplot writes: each autosave copy has a name of its own, so no later save of the same name would
/// find a killed autosave's leftover).
pub(super) fn remove_stale_temps_in(folder: &Path) {
    remove_stale_temps_where(folder, |name| {
        let rest = name.strip_prefix('.')?.strip_suffix(".tmp")?;
        let (rest, n) = rest.rsplit_once('.')?;
        let (rest, pid) = rest.rsplit_once('.')?;
        n.parse::<u32>().ok()?;
        Some((pid.parse().ok()?, rest.ends_with(".bak")))
    });
}

/// A process is saving while one of its temporary files is locked; its backup's temporary name (a link to the
/// old file, not lockable on its own) goes with it. `owner` tells the process id in a temporary file's name
/// and whether it is a backup's (`None`: not a temporary file to consider).
fn remove_stale_temps_where(folder: &Path, owner: impl Fn(&str) -> Option<(u32, bool)>) {
    let Ok(entries) = fs::read_dir(folder) else { return };
    let mut temps: Vec<(u32, bool, PathBuf)> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name();
            let (pid, is_backup) = owner(name.to_str()?)?;
            Some((pid, is_backup, e.path()))
        })
        .collect();
    // Content files first, so a process found saving protects its backup's temporary name too.
    temps.sort_by_key(|(pid, is_backup, _)| (*pid, *is_backup));
    let mut busy = Vec::new();
    for (pid, is_backup, path) in temps {
        if busy.contains(&pid) {
            continue;
        }
        if !is_backup && in_use(&path) {
            busy.push(pid);
            continue;
        }
        if is_backup && pid == std::process::id() {
            // This process's own backup names are removed by the save that made them.
            continue;
        }
        let _ = fs::remove_file(&path);
    }
}

/// Someone holds a lock on the file (a save in progress), or it cannot be checked.
fn in_use(path: &Path) -> bool {
    match File::open(path) {
        Ok(file) => match file.try_lock() {
            Ok(()) => false,
            Err(fs::TryLockError::WouldBlock) => true,
            Err(fs::TryLockError::Error(_)) => true,
        },
        Err(_) => true,
    }
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

#[cfg(test)]
mod tests {
    use super::temp_owner;

    #[test]
    fn temporary_names_tell_their_process() {
        assert_eq!(temp_owner(".site.ron.4242.0.tmp", "site.ron"), Some((4242, false)));
        assert_eq!(temp_owner(".site.ron.bak.17.3.tmp", "site.ron"), Some((17, true)));
        assert_eq!(temp_owner(".site.ron.x.0.tmp", "site.ron"), None);
        assert_eq!(temp_owner(".other.ron.1.0.tmp", "site.ron"), None);
        assert_eq!(temp_owner("site.ron.bak", "site.ron"), None);
    }
}
