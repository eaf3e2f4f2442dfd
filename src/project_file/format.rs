//! The shape of a version 1 project file and the RON settings used to read and write it.
//! docs/file-format.md describes the same thing for planners; keep them together.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::limits;
use crate::model::scenario::default_boundary;
use crate::model::{Assumptions, Component, Project, Rect, Scenario, Underlay};

/// The format version this build writes, and the newest it reads.
pub const CURRENT_VERSION: u32 = 1;

/// First line of every saved file, for someone who opens it in a text editor.
const FILE_COMMENT: &str =
    "// Powerplot project file. The format is described in docs/file-format.md of the Powerplot sources.\n";

/// `implicit_some` lets a file say `water_limit_m3_per_day: 500.0` instead of `Some(500.0)`;
/// `unwrap_variant_newtypes` lets it say `kind: AsicHall(miner_count: 1000)` instead of `AsicHall((...))`.
/// Both are on by default, so hand-written files need no `#![enable(...)]` line.
fn extensions() -> ron::extensions::Extensions {
    ron::extensions::Extensions::IMPLICIT_SOME | ron::extensions::Extensions::UNWRAP_VARIANT_NEWTYPES
}

pub(super) fn parse<T: DeserializeOwned>(text: &str) -> Result<T, ron::error::SpannedError> {
    ron::Options::default()
        .with_default_extension(extensions())
        .with_recursion_limit(limits::MAX_NESTING)
        .from_str(text)
}

/// A project file as read. Scenarios are read as `ScenarioRecord`s so their component lists are bounded
/// while parsing (the model's `Scenario` has no such bound).
#[derive(Deserialize)]
#[serde(rename = "Project", deny_unknown_fields)]
pub(super) struct ProjectFileV1 {
    pub version: u32,
    pub name: String,
    #[serde(deserialize_with = "limits::scenarios")]
    pub scenarios: Vec<ScenarioRecord>,
}

/// Mirrors `model::Scenario` field for field, with the same defaults.
#[derive(Deserialize)]
#[serde(rename = "Scenario", deny_unknown_fields)]
pub(super) struct ScenarioRecord {
    name: String,
    #[serde(default)]
    assumptions: Assumptions,
    #[serde(default = "default_boundary")]
    boundary: Rect,
    #[serde(default, deserialize_with = "limits::components")]
    components: Vec<Component>,
    #[serde(default)]
    underlay: Option<Underlay>,
}

impl ProjectFileV1 {
    pub fn into_project(self) -> Project {
        let scenarios = self
            .scenarios
            .into_iter()
            .map(|s| Scenario {
                name: s.name,
                assumptions: s.assumptions,
                boundary: s.boundary,
                components: s.components,
                underlay: s.underlay,
            })
            .collect();
        Project { name: self.name, scenarios }
    }
}

/// A project file as written: the model's project with the format version in front.
#[derive(Serialize)]
pub(super) struct ProjectFileOut<'a> {
    version: u32,
    name: &'a str,
    scenarios: &'a [Scenario],
}

impl<'a> ProjectFileOut<'a> {
    pub fn new(project: &'a Project) -> Self {
        ProjectFileOut { version: CURRENT_VERSION, name: &project.name, scenarios: &project.scenarios }
    }
}

/// Pretty RON with the extensions line, readable and diff-friendly, starting with `FILE_COMMENT`.
pub(super) fn write<T: Serialize>(value: &T) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new().struct_names(false).extensions(extensions());
    let body = ron::Options::default().with_recursion_limit(limits::MAX_NESTING).to_string_pretty(value, config)?;
    Ok(format!("{FILE_COMMENT}{body}\n"))
}
