//! The autosaver: keeps a recovery copy of a document with unsaved changes, written at most once per interval,
//! and removes it once the document is saved or closed. The window calls `update` after edits and when the
//! returned wait is over; the time is a parameter, so tests need no sleeping.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::errors::SaveError;
use super::recovery::{self, RecoveryDir};
use crate::model::Project;

/// What the autosaver needs to know about the open document.
#[derive(Debug, Clone, Copy)]
pub struct AutosaveInput<'a> {
    pub project: &'a Project,
    /// The project file, if the document has been saved or opened from one.
    pub path: Option<&'a Path>,
    /// Any number that changes with every edit (the document's revision counter).
    pub revision: u64,
    /// The document differs from its file (or was never saved).
    pub dirty: bool,
}

/// What `update` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AutosaveStatus {
    /// No unsaved changes; any recovery copy has been removed.
    Clean,
    /// The recovery copy already holds this revision.
    UpToDate,
    /// A recovery copy of this revision was just written.
    Wrote,
    /// Changes are waiting; call `update` again after this long.
    Waiting(Duration),
}

#[derive(Debug)]
pub struct Autosaver {
    dir: RecoveryDir,
    interval: Duration,
    /// This session's copy, once written.
    copy: Option<PathBuf>,
    /// The copy's lock, held while this session runs so no other window offers or removes the copy.
    lock: Option<std::fs::File>,
    last_attempt: Option<SystemTime>,
    saved_revision: Option<u64>,
}

impl Autosaver {
    /// Writes copies into `dir`, at most once every `interval`.
    pub fn new(dir: RecoveryDir, interval: Duration) -> Self {
        Autosaver { dir, interval, copy: None, lock: None, last_attempt: None, saved_revision: None }
    }

    /// Writes a recovery copy when the document has changes not yet in one and `interval` has passed since
    /// the last attempt (a clock that went backwards counts as passed). A failed write is retried only after
    /// another interval, so a full disk is not hammered every frame.
    pub fn update(&mut self, now: SystemTime, doc: AutosaveInput) -> Result<AutosaveStatus, SaveError> {
        if !doc.dirty {
            self.discard()?;
            return Ok(AutosaveStatus::Clean);
        }
        if self.saved_revision == Some(doc.revision) {
            return Ok(AutosaveStatus::UpToDate);
        }
        let waited = self.last_attempt.map(|t| now.duration_since(t).unwrap_or(self.interval));
        if let Some(waited) = waited.filter(|w| *w < self.interval) {
            return Ok(AutosaveStatus::Waiting(self.interval - waited));
        }
        self.last_attempt = Some(now);
        let copy = self.copy.get_or_insert_with(|| self.dir.new_copy_path(now));
        if self.lock.is_none() {
            self.lock = Some(self.dir.lock_copy(copy)?);
        }
        self.dir.write_copy(copy, doc.project, doc.path, now)?;
        self.saved_revision = Some(doc.revision);
        Ok(AutosaveStatus::Wrote)
    }

    /// Removes this session's copy: call it after a clean save and when the document is closed.
    pub fn discard(&mut self) -> Result<(), SaveError> {
        if let Some(copy) = &self.copy {
            recovery::remove_copy(copy)?;
            if self.lock.take().is_some() {
                recovery::remove_copy(&recovery::lock_path(copy))?;
            }
        }
        self.copy = None;
        self.saved_revision = None;
        Ok(())
    }

    /// This session's copy, if one has been written.
    pub fn copy_path(&self) -> Option<&Path> {
        self.copy.as_deref()
    }
}
