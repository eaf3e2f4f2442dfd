//! A project holds named scenarios; a scenario is one site layout with its assumptions.

use serde::{Deserialize, Serialize};

use super::assumptions::Assumptions;
use super::component::{Component, ComponentId};
use super::geometry::Rect;
use super::underlay::Underlay;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    pub name: String,
    pub scenarios: Vec<Scenario>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub name: String,
    #[serde(default)]
    pub assumptions: Assumptions,
    /// The site boundary in metres.
    #[serde(default = "default_boundary")]
    pub boundary: Rect,
    #[serde(default)]
    pub components: Vec<Component>,
    /// An image of the real site under the plan (not written when there is none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub underlay: Option<Underlay>,
}

pub fn default_boundary() -> Rect {
    Rect::new(0.0, 0.0, 1000.0, 600.0)
}

impl Scenario {
    pub fn new(name: impl Into<String>) -> Self {
        Scenario {
            name: name.into(),
            assumptions: Assumptions::default(),
            boundary: default_boundary(),
            components: Vec::new(),
            underlay: None,
        }
    }

    pub fn component(&self, id: ComponentId) -> Option<&Component> {
        self.components.iter().find(|c| c.id == id)
    }

    pub fn component_mut(&mut self, id: ComponentId) -> Option<&mut Component> {
        self.components.iter_mut().find(|c| c.id == id)
    }

    /// An id not used by any component of this scenario.
    pub fn next_id(&self) -> ComponentId {
        self.components.iter().map(|c| c.id).max().map_or(1, |m| m + 1)
    }
}

impl Default for Project {
    fn default() -> Self {
        Project { name: "Untitled site".to_string(), scenarios: vec![Scenario::new("Base case")] }
    }
}

impl Project {
    /// A name not used by any scenario: `base`, else `base 2`, `base 3`, …
    pub fn unique_scenario_name(&self, base: &str) -> String {
        let taken = |name: &str| self.scenarios.iter().any(|s| s.name == name);
        if !taken(base) {
            return base.to_string();
        }
        (2..).map(|n| format!("{base} {n}")).find(|name| !taken(name)).unwrap_or_else(|| base.to_string())
    }
}
