//! Files written in an older format. Each older format keeps its own frozen reader and one step up to the next
//! version; `read_older` chains the steps to the current version. This is the only place that knows old formats.
//!
//! When version 2 arrives: `ProjectFileV1` moves here as an older shape, `v1_to_v2` is added, and
//! `read_older` gains `Some(1) => parse::<ProjectFileV1>(text).map(v1_to_v2)` (and runs `v1_to_v2` after
//! `v0_to_v1`). Each step gets its own test in tests/files/migrations.rs.

use serde::Deserialize;

use super::format::{self, ProjectFileV1, ScenarioRecord};
use super::limits;

/// Version 0: what Powerplot wrote before files had a version, a bare project record
/// `(name: "...", scenarios: [...])` with the same scenario shape as version 1.
#[derive(Deserialize)]
#[serde(rename = "Project", deny_unknown_fields)]
struct ProjectFileV0 {
    name: String,
    #[serde(deserialize_with = "limits::scenarios")]
    scenarios: Vec<ScenarioRecord>,
}

fn v0_to_v1(old: ProjectFileV0) -> ProjectFileV1 {
    ProjectFileV1 { version: 1, name: old.name, scenarios: old.scenarios }
}

/// Reads a file of an older `version` (`None`: the file has no `version` field) and upgrades it to the
/// current shape. `None` when no Powerplot ever wrote that version.
pub(super) fn read_older(version: Option<u64>, text: &str) -> Option<Result<ProjectFileV1, ron::error::SpannedError>> {
    match version {
        None => Some(format::parse::<ProjectFileV0>(text).map(v0_to_v1)),
        Some(_) => None,
    }
}
