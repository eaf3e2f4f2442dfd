//! Recovery copies: what the autosaver writes while a project has unsaved changes, and what the next start
//! finds when the app did not close cleanly.
//!
//! A copy is a RON record holding the project (as in a project file), the time it was written and the path
//! of the file it belongs to, if any. Each session writes its own copy, named by its first write time and
//! process id, so two windows never overwrite each other's.
//!
//! A copy belongs to its window while that window runs: beside `autosave-....ron` the window keeps
//! `autosave-....lock` open and locked. The lock goes when the window's process ends, however it ends, so a
//! copy whose lock can be taken was left by a window that is gone, and only such copies are offered for
//! recovery or removed when the planner declines them.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::atomic::{self, Backup};
use super::errors::SaveError;
use super::format::{self, ProjectFileOut, ProjectFileV1};
use super::limits::{self, MAX_FILE_BYTES};
use crate::model::{Project, validate_project};

const COPY_PREFIX: &str = "autosave-";
const COPY_EXTENSION: &str = "ron";
const LOCK_EXTENSION: &str = "lock";

/// Tells apart the copies of several documents autosaved by one process in the same millisecond.
static NEXT_COPY: AtomicU64 = AtomicU64::new(0);

/// The folder that holds recovery copies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoveryDir {
    path: PathBuf,
}

/// A recovery copy found on start.
#[derive(Debug, Clone, PartialEq)]
pub struct Recovered {
    pub project: Project,
    /// When the copy was written.
    pub saved_at: SystemTime,
    /// The project file the copy belongs to; `None` for a project never saved.
    pub original: Option<PathBuf>,
    /// The copy itself.
    pub file: PathBuf,
}

#[derive(Serialize)]
struct CopyOut<'a> {
    original: Option<&'a str>,
    saved_at_unix_ms: u64,
    project: ProjectFileOut<'a>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CopyIn {
    original: Option<String>,
    saved_at_unix_ms: u64,
    project: ProjectFileV1,
}

impl RecoveryDir {
    /// `recovery` in the user's data folder (`~/.local/share/powerplot/recovery` on Linux,
    /// `%APPDATA%\Powerplot\data\recovery` on Windows, `~/Library/Application Support/Powerplot/recovery` on
    /// macOS). `None` when the system reports no home folder.
    pub fn user_default() -> Option<RecoveryDir> {
        let dirs = directories::ProjectDirs::from("", "", "Powerplot")?;
        Some(RecoveryDir::at(dirs.data_dir().join("recovery")))
    }

    /// A recovery folder at `path` (tests use a temporary one).
    pub fn at(path: impl Into<PathBuf>) -> RecoveryDir {
        RecoveryDir { path: path.into() }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The most recently written copy left by a window that is gone and that can still be read. Copies of
    /// running windows are theirs; copies that cannot be read (damaged, or from another version of Powerplot)
    /// are passed over and left in place.
    pub fn newest(&self) -> Option<Recovered> {
        let entries = fs::read_dir(&self.path).ok()?;
        entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| is_copy(p) && !owned_by_running_window(p))
            .filter_map(|p| read_copy(&p))
            .max_by(|a, b| a.saved_at.cmp(&b.saved_at).then_with(|| a.file.cmp(&b.file)))
    }

    /// Removes every copy left by windows that are gone: the planner has restored one or declined, so none
    /// should be offered again. Copies of running windows stay.
    pub fn clear(&self) -> Result<(), SaveError> {
        let entries = match fs::read_dir(&self.path) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(source) => return Err(SaveError::Io { path: self.path.display().to_string(), source }),
        };
        atomic::remove_stale_temps_in(&self.path);
        for path in entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| is_copy(p)) {
            if !owned_by_running_window(&path) {
                remove_copy(&path)?;
                remove_copy(&lock_path(&path))?;
            }
        }
        Ok(())
    }

    /// Takes ownership of the copy about to be written at `file`: creates and locks its lock file, held
    /// until the returned file is dropped (or the process ends).
    pub(super) fn lock_copy(&self, file: &Path) -> Result<fs::File, SaveError> {
        let lock = lock_path(file);
        let io_error = |source| SaveError::Io { path: lock.display().to_string(), source };
        fs::create_dir_all(&self.path).map_err(io_error)?;
        let handle = fs::OpenOptions::new().write(true).create(true).truncate(false).open(&lock).map_err(io_error)?;
        // A folder without locks (some network shares) still gets autosaves; its copies then look like a
        // crashed window's to other windows, which offer rather than lose them.
        let _ = handle.try_lock();
        Ok(handle)
    }

    /// A file name for a new session's copy.
    pub(super) fn new_copy_path(&self, now: SystemTime) -> PathBuf {
        let n = NEXT_COPY.fetch_add(1, Ordering::Relaxed);
        let name = format!("{COPY_PREFIX}{}-{}-{n}.{COPY_EXTENSION}", unix_ms(now), std::process::id());
        self.path.join(name)
    }

    /// Writes a copy of `project` to `file` (atomically, so a crash mid-write keeps the previous copy).
    pub(super) fn write_copy(
        &self,
        file: &Path,
        project: &Project,
        original: Option<&Path>,
        now: SystemTime,
    ) -> Result<(), SaveError> {
        let path = file.display().to_string();
        fs::create_dir_all(&self.path).map_err(|source| SaveError::Io { path: path.clone(), source })?;
        let original = original.map(|p| p.to_string_lossy());
        let copy = CopyOut {
            original: original.as_deref(),
            saved_at_unix_ms: unix_ms(now),
            project: ProjectFileOut::new(project),
        };
        let text =
            format::write(&copy).map_err(|e| SaveError::Format { path: path.clone(), message: e.to_string() })?;
        if text.len() as u64 > MAX_FILE_BYTES {
            return Err(SaveError::TooLarge { path, size: text.len() as u64, limit: MAX_FILE_BYTES });
        }
        let mut write = |file: &mut fs::File, bytes: &[u8]| io::Write::write_all(file, bytes);
        let mut steps = atomic::WriteSteps { write: &mut write, link: &|a, b| fs::hard_link(a, b) };
        atomic::replace_file(file, text.as_bytes(), Backup::Skip, &mut steps)
    }
}

pub(super) fn remove_copy(file: &Path) -> Result<(), SaveError> {
    match fs::remove_file(file) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(SaveError::Io { path: file.display().to_string(), source }),
    }
}

/// `autosave-...-0.ron` -> `autosave-...-0.lock`.
pub(super) fn lock_path(copy: &Path) -> PathBuf {
    copy.with_extension(LOCK_EXTENSION)
}

/// The window that wrote `copy` still runs: it holds the copy's lock. A copy without a lock file was left by
/// a window that is gone (or by a version of Powerplot without locks).
fn owned_by_running_window(copy: &Path) -> bool {
    let Ok(lock) = fs::File::open(lock_path(copy)) else { return false };
    match lock.try_lock() {
        Ok(()) => false,
        Err(fs::TryLockError::WouldBlock) => true,
        // A folder without locks (some network shares): offer the copy rather than lose it.
        Err(fs::TryLockError::Error(_)) => false,
    }
}

fn is_copy(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    name.starts_with(COPY_PREFIX) && path.extension().is_some_and(|e| e == COPY_EXTENSION)
}

impl Recovered {
    /// The recovery copy at `file`, if it can be read.
    pub fn read(file: &Path) -> Option<Recovered> {
        read_copy(file)
    }
}

fn read_copy(file: &Path) -> Option<Recovered> {
    let bytes = limits::read_capped(file).ok()?;
    let text = std::str::from_utf8(&bytes).ok()?;
    let copy: CopyIn = format::parse(text).ok()?;
    if copy.project.version != format::CURRENT_VERSION {
        return None;
    }
    let saved_at = UNIX_EPOCH.checked_add(Duration::from_millis(copy.saved_at_unix_ms))?;
    let project = copy.project.into_project();
    validate_project(&project).ok()?;
    Some(Recovered { project, saved_at, original: copy.original.map(PathBuf::from), file: file.to_path_buf() })
}

fn unix_ms(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH).map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}
