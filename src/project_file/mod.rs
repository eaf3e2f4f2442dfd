//! Reading and writing project files (RON).

use std::path::Path;

use thiserror::Error;

use crate::model::{Project, ValidationError, validate_project};

#[derive(Debug, Error)]
pub enum LoadError {
    #[error("cannot read {path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{origin}: not a valid project file at line {line}, column {column}: {message}")]
    Syntax { origin: String, line: usize, column: usize, message: String },
    #[error("{origin}: {}", .errors.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; "))]
    Invalid { origin: String, errors: Vec<ValidationError> },
}

#[derive(Debug, Error)]
pub enum SaveError {
    #[error("cannot save {path}: {source}")]
    Io { path: String, source: std::io::Error },
}

pub fn parse_project(text: &str, origin: &str) -> Result<Project, LoadError> {
    let project: Project = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::UNWRAP_VARIANT_NEWTYPES)
        .from_str(text)
        .map_err(|e| LoadError::Syntax {
            origin: origin.to_string(),
            line: e.span.start.line,
            column: e.span.start.col,
            message: e.code.to_string(),
        })?;
    validate_project(&project).map_err(|errors| LoadError::Invalid { origin: origin.to_string(), errors })?;
    Ok(project)
}

pub fn load_project(path: &Path) -> Result<Project, LoadError> {
    let text = std::fs::read_to_string(path)
        .map_err(|source| LoadError::Io { path: path.display().to_string(), source })?;
    parse_project(&text, &path.display().to_string())
}

pub fn to_ron_string(project: &Project) -> String {
    let config = ron::ser::PrettyConfig::new().struct_names(false).extensions(ron::extensions::Extensions::UNWRAP_VARIANT_NEWTYPES);
    ron::ser::to_string_pretty(project, config).unwrap_or_default()
}

pub fn save_project(path: &Path, project: &Project) -> Result<(), SaveError> {
    std::fs::write(path, to_ron_string(project)).map_err(|source| SaveError::Io { path: path.display().to_string(), source })
}
