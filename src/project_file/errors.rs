//! What can go wrong opening or saving a project, in words a planner can act on. Every message names the file.

use std::io;

use thiserror::Error;

use crate::model::ValidationError;

/// Out-of-range values listed in one message; the rest are counted (all of them stay in `errors`).
const LISTED_PROBLEMS: usize = 10;

#[derive(Debug, Error)]
pub enum LoadError {
    #[error("cannot read {path}: {source}")]
    Io { path: String, source: io::Error },
    #[error("{origin} is {}, larger than the {} a project file may be", mib(*size), mib(*limit))]
    TooLarge { origin: String, size: u64, limit: u64 },
    #[error("{origin} is not a Powerplot project: {reason}")]
    NotAProject { origin: String, reason: String },
    #[error(
        "{origin} was saved by a newer version of Powerplot (file format version {found}; this version reads \
         versions up to {supported}). Update Powerplot to open it."
    )]
    NewerVersion { origin: String, found: u64, supported: u32 },
    #[error("{origin}: `version: {found}` is not a Powerplot file format version (the first is 1)")]
    UnknownVersion { origin: String, found: u64 },
    #[error("{origin}, line {line}, column {column}: {message}")]
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
        mib(*size),
        mib(*limit)
    )]
    TooLarge { path: String, size: u64, limit: u64 },
    #[error("cannot save {path}: the project could not be written as RON ({message})")]
    Format { path: String, message: String },
}

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

fn list_problems(errors: &[ValidationError]) -> String {
    let shown: Vec<String> = errors.iter().take(LISTED_PROBLEMS).map(|e| e.to_string()).collect();
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
