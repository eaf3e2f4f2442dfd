//! What can go wrong opening or saving a project, in words a planner can act on. Every message names the file.

use std::io;

use thiserror::Error;

use super::text::{cap_quoted, thousands};
use crate::model::ValidationError;

/// Out-of-range values listed in one message; the rest are counted (all of them stay in `errors`).
const LISTED_PROBLEMS: usize = 10;

#[derive(Debug, Error)]
pub enum LoadError {
    #[error("cannot read {path}: {source}")]
    Io { path: String, source: io::Error },
    #[error("{origin} is {}, larger than the {} a project file may be", size_of(*size, *limit), size_of(*limit, *size))]
    TooLarge { origin: String, size: u64, limit: u64 },
    #[error("{origin} is not a Powerplot project: {}", cap_quoted(reason))]
    NotAProject { origin: String, reason: String },
    #[error(
        "{origin} was saved by a newer version of Powerplot (file format version {found}; this version reads \
         versions up to {supported}). Update Powerplot to open it."
    )]
    NewerVersion { origin: String, found: u64, supported: u32 },
    #[error("{origin}: `version: {found}` is not a Powerplot file format version (the first is 1)")]
    UnknownVersion { origin: String, found: u64 },
    #[error("{origin}, line {line}, column {column}: {}", cap_quoted(message))]
    Syntax { origin: String, line: usize, column: usize, message: String },
    #[error("{origin}: {}", list_problems(errors))]
    Invalid { origin: String, errors: Vec<ValidationError> },
}

#[derive(Debug, Error)]
pub enum SaveError {
    #[error("cannot save {path}: {source}")]
    Io { path: String, source: io::Error },
    #[error(
        "cannot save {path}: keeping the previous version as {backup} failed ({source}); the file was left as it was"
    )]
    Backup { path: String, backup: String, source: io::Error },
    #[error(
        "cannot save {path}: the project would make a file of {}, above the {} Powerplot can open; remove \
         scenarios or components first",
        size_of(*size, *limit),
        size_of(*limit, *size)
    )]
    TooLarge { path: String, size: u64, limit: u64 },
    #[error(
        "{path} was changed on disk since this window opened or saved it (by another window or program); it was \
         not overwritten"
    )]
    ChangedOnDisk { path: String },
    #[error("cannot save {path}: the project could not be written as RON ({message})")]
    Format { path: String, message: String },
}

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

/// `bytes` in MiB, or to the byte ("33,554,433 bytes") when MiB would not tell it from `other`.
fn size_of(bytes: u64, other: u64) -> String {
    if mib(bytes) == mib(other) {
        format!("{} bytes", thousands(usize::try_from(bytes).unwrap_or(usize::MAX)))
    } else {
        mib(bytes)
    }
}

fn list_problems(errors: &[ValidationError]) -> String {
    let shown: Vec<String> =
        errors.iter().take(LISTED_PROBLEMS).map(|e| cap_quoted(&e.to_string()).into_owned()).collect();
    let mut text = format!(
        "{} value{} out of range: {}",
        errors.len(),
        if errors.len() == 1 { " is" } else { "s are" },
        shown.join("; ")
    );
    if errors.len() > LISTED_PROBLEMS {
        text.push_str(&format!("; and {} more", errors.len() - LISTED_PROBLEMS));
    }
    text
}
