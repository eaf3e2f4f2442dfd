//! Every change to the document is an `EditCommand`, applied by `apply` alone. That one function is what
//! gives undo/redo, dirty tracking and validation of each edit.

use crate::model::validate::{MAX_COMPONENTS_TOTAL, total_components};
use crate::model::{
    Assumptions, Component, ComponentId, ComponentKind, Project, Rect, Scenario, Underlay, validate_scenario,
};

#[derive(Debug, Clone, PartialEq)]
pub enum EditCommand {
    /// Add components (a palette drop, a paste, a duplicate) to a scenario.
    AddComponents {
        scenario: usize,
        components: Vec<Component>,
    },
    RemoveComponents {
        scenario: usize,
        ids: Vec<ComponentId>,
    },
    /// Move components by an offset in metres.
    MoveComponents {
        scenario: usize,
        ids: Vec<ComponentId>,
        dx: f64,
        dy: f64,
    },
    SetRect {
        scenario: usize,
        id: ComponentId,
        rect: Rect,
    },
    /// Turn components 90 degrees about their own centres.
    RotateComponents {
        scenario: usize,
        ids: Vec<ComponentId>,
    },
    /// New footprints for several parts at once ("Size to capacity").
    SizeToCapacity {
        scenario: usize,
        rects: Vec<(ComponentId, Rect)>,
    },
    /// Lock parts on the canvas (or unlock them).
    SetLocked {
        scenario: usize,
        ids: Vec<ComponentId>,
        locked: bool,
    },
    /// Replace a component by an edited copy with the same id (inspector edits).
    ReplaceComponent {
        scenario: usize,
        component: Component,
    },
    /// Replace several components at once (an edit of a multi-selection's shared field).
    ReplaceComponents {
        scenario: usize,
        components: Vec<Component>,
    },
    SetAssumptions {
        scenario: usize,
        assumptions: Assumptions,
    },
    SetBoundary {
        scenario: usize,
        boundary: Rect,
    },
    /// Every scenario's assumptions at once, one per scenario in order (Compare > "apply this value to all
    /// scenarios"): one undo step for the whole project.
    SetAllAssumptions {
        assumptions: Vec<Assumptions>,
    },
    /// Set, change or remove (`None`) a scenario's underlay image; `change` names the step for the Edit menu.
    SetUnderlay {
        scenario: usize,
        underlay: Option<Underlay>,
        change: UnderlayChange,
    },
    RenameProject {
        name: String,
    },
    InsertScenario {
        index: usize,
        scenario: Scenario,
    },
    RemoveScenario {
        index: usize,
    },
    RenameScenario {
        index: usize,
        name: String,
    },
    MoveScenario {
        from: usize,
        to: usize,
    },
}

/// What a `SetUnderlay` does, for the undo label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnderlayChange {
    Import,
    Locate,
    Calibrate,
    Move,
    Rotate,
    Opacity,
    ShowHide,
    Lock,
    Remove,
}

impl UnderlayChange {
    pub fn label(self) -> &'static str {
        match self {
            UnderlayChange::Import => "Import underlay",
            UnderlayChange::Locate => "Locate underlay image",
            UnderlayChange::Calibrate => "Calibrate underlay",
            UnderlayChange::Move => "Move underlay",
            UnderlayChange::Rotate => "Rotate underlay",
            UnderlayChange::Opacity => "Underlay opacity",
            UnderlayChange::ShowHide => "Show or hide underlay",
            UnderlayChange::Lock => "Lock or unlock underlay",
            UnderlayChange::Remove => "Remove underlay",
        }
    }
}

impl EditCommand {
    /// Short label for the Edit menu ("Undo Move").
    pub fn label(&self) -> &'static str {
        match self {
            EditCommand::AddComponents { .. } => "Add",
            EditCommand::RemoveComponents { .. } => "Delete",
            EditCommand::MoveComponents { .. } => "Move",
            EditCommand::SetRect { .. } => "Resize",
            EditCommand::RotateComponents { .. } => "Rotate",
            EditCommand::SizeToCapacity { .. } => "Size to capacity",
            EditCommand::SetLocked { locked: true, .. } => "Lock",
            EditCommand::SetLocked { locked: false, .. } => "Unlock",
            EditCommand::ReplaceComponent { .. } | EditCommand::ReplaceComponents { .. } => "Edit",
            EditCommand::SetAssumptions { .. } => "Edit assumptions",
            EditCommand::SetBoundary { .. } => "Edit site boundary",
            EditCommand::SetAllAssumptions { .. } => "Apply to all scenarios",
            EditCommand::SetUnderlay { change, .. } => change.label(),
            EditCommand::RenameProject { .. } => "Rename project",
            EditCommand::InsertScenario { .. } => "Add scenario",
            EditCommand::RemoveScenario { .. } => "Delete scenario",
            EditCommand::RenameScenario { .. } => "Rename scenario",
            EditCommand::MoveScenario { .. } => "Reorder scenarios",
        }
    }
}

/// Applies `cmd` to `project`. On error the project is left exactly as it was and the message says why,
/// naming the field, the value and the valid range when a value is out of range.
pub fn apply(project: &mut Project, cmd: &EditCommand) -> Result<(), String> {
    let touched = match cmd {
        EditCommand::RenameProject { name } => {
            if name.trim().is_empty() {
                return Err("The project name cannot be empty".into());
            }
            project.name = name.clone();
            return Ok(());
        }
        EditCommand::InsertScenario { index, scenario } => {
            if *index > project.scenarios.len() {
                return Err(format!("No scenario position {index}"));
            }
            if project.scenarios.len() >= crate::model::validate::MAX_SCENARIOS {
                return Err(format!("A project holds at most {} scenarios", crate::model::validate::MAX_SCENARIOS));
            }
            if let Some(e) = validate_scenario(scenario).into_iter().next() {
                return Err(format!("{}: {} is {}, must be {}", e.location, e.field, e.value, e.range));
            }
            check_total(total_components(project) + scenario.components.len())?;
            project.scenarios.insert(*index, scenario.clone());
            return Ok(());
        }
        EditCommand::RemoveScenario { index } => {
            if project.scenarios.len() <= 1 {
                return Err("A project needs at least one scenario".into());
            }
            if *index >= project.scenarios.len() {
                return Err(format!("No scenario number {index}"));
            }
            project.scenarios.remove(*index);
            return Ok(());
        }
        EditCommand::SetAllAssumptions { assumptions } => {
            if assumptions.len() != project.scenarios.len() {
                return Err(format!(
                    "{} sets of assumptions for {} scenarios",
                    assumptions.len(),
                    project.scenarios.len()
                ));
            }
            let mut next = project.scenarios.clone();
            for (s, a) in next.iter_mut().zip(assumptions) {
                s.assumptions = a.clone();
                if let Some(e) = validate_scenario(s).into_iter().next() {
                    return Err(format!("{}: {} is {}, must be {}", e.location, e.field, e.value, e.range));
                }
            }
            project.scenarios = next;
            return Ok(());
        }
        EditCommand::MoveScenario { from, to } => {
            let n = project.scenarios.len();
            if *from >= n || *to >= n {
                return Err("No such scenario position".into());
            }
            let s = project.scenarios.remove(*from);
            project.scenarios.insert(*to, s);
            return Ok(());
        }
        _ => scenario_index(cmd),
    };
    let Some(original) = project.scenarios.get(touched) else {
        return Err(format!("No scenario number {touched}"));
    };
    let mut s = original.clone();
    apply_to_scenario(&mut s, cmd)?;
    if let Some(e) = validate_scenario(&s).into_iter().next() {
        return Err(format!("{}: {} is {}, must be {}", e.location, e.field, e.value, e.range));
    }
    if s.components.len() > original.components.len() {
        check_total(total_components(project) - original.components.len() + s.components.len())?;
    }
    project.scenarios[touched] = s;
    Ok(())
}

/// Refuses a project that would hold more components than a project file can carry.
fn check_total(total: usize) -> Result<(), String> {
    if total > MAX_COMPONENTS_TOTAL {
        Err(format!(
            "A project holds at most {MAX_COMPONENTS_TOTAL} components in all scenarios; this change would make {total}"
        ))
    } else {
        Ok(())
    }
}

fn scenario_index(cmd: &EditCommand) -> usize {
    match cmd {
        EditCommand::AddComponents { scenario, .. }
        | EditCommand::RemoveComponents { scenario, .. }
        | EditCommand::MoveComponents { scenario, .. }
        | EditCommand::SetRect { scenario, .. }
        | EditCommand::RotateComponents { scenario, .. }
        | EditCommand::SetLocked { scenario, .. }
        | EditCommand::SizeToCapacity { scenario, .. }
        | EditCommand::ReplaceComponent { scenario, .. }
        | EditCommand::ReplaceComponents { scenario, .. }
        | EditCommand::SetAssumptions { scenario, .. }
        | EditCommand::SetBoundary { scenario, .. }
        | EditCommand::SetUnderlay { scenario, .. } => *scenario,
        EditCommand::InsertScenario { index, .. }
        | EditCommand::RemoveScenario { index }
        | EditCommand::RenameScenario { index, .. } => *index,
        EditCommand::MoveScenario { from, .. } => *from,
        EditCommand::RenameProject { .. } | EditCommand::SetAllAssumptions { .. } => 0,
    }
}

fn apply_to_scenario(s: &mut Scenario, cmd: &EditCommand) -> Result<(), String> {
    match cmd {
        EditCommand::AddComponents { components, .. } => {
            for c in components {
                if s.component(c.id).is_some() {
                    return Err(format!("A component with id {} already exists", c.id));
                }
                s.components.push(c.clone());
            }
        }
        EditCommand::RemoveComponents { ids, .. } => s.components.retain(|c| !ids.contains(&c.id)),
        EditCommand::MoveComponents { ids, dx, dy, .. } => {
            for c in s.components.iter_mut().filter(|c| ids.contains(&c.id)) {
                c.rect = c.rect.translated(*dx, *dy);
            }
        }
        EditCommand::SetRect { id, rect, .. } => {
            let c = s.component_mut(*id).ok_or_else(|| format!("No component with id {id}"))?;
            c.rect = *rect;
        }
        EditCommand::RotateComponents { ids, .. } => {
            for c in s.components.iter_mut().filter(|c| ids.contains(&c.id)) {
                c.rect = c.rect.rotated_90();
            }
        }
        EditCommand::SizeToCapacity { rects, .. } => {
            for (id, rect) in rects {
                s.component_mut(*id).ok_or_else(|| format!("No component with id {id}"))?.rect = *rect;
            }
        }
        EditCommand::SetLocked { ids, locked, .. } => {
            for c in s.components.iter_mut().filter(|c| ids.contains(&c.id)) {
                c.locked = *locked;
            }
        }
        EditCommand::ReplaceComponent { component, .. } => replace(s, component)?,
        EditCommand::ReplaceComponents { components, .. } => {
            for c in components {
                replace(s, c)?;
            }
        }
        EditCommand::SetAssumptions { assumptions, .. } => s.assumptions = assumptions.clone(),
        EditCommand::SetBoundary { boundary, .. } => s.boundary = *boundary,
        EditCommand::SetUnderlay { underlay, .. } => s.underlay = underlay.clone(),
        EditCommand::RenameScenario { name, .. } => {
            if name.trim().is_empty() {
                return Err("A scenario name cannot be empty".into());
            }
            s.name = name.clone();
        }
        EditCommand::RenameProject { .. }
        | EditCommand::SetAllAssumptions { .. }
        | EditCommand::InsertScenario { .. }
        | EditCommand::RemoveScenario { .. }
        | EditCommand::MoveScenario { .. } => {}
    }
    Ok(())
}

fn replace(s: &mut Scenario, component: &Component) -> Result<(), String> {
    let slot = s.component_mut(component.id).ok_or_else(|| format!("No component with id {}", component.id))?;
    let mut next = component.clone();
    keep_installed_fleet(slot, &mut next);
    *slot = next;
    Ok(())
}

/// An existing hall's installed fleet is what it held before its first edit (MODEL.md "Existing parts as
/// installed"): recorded then, so a new miner model or a larger count shows as a purchase. A hall marked
/// existing records what it specifies.
fn keep_installed_fleet(old: &Component, next: &mut Component) {
    let (ComponentKind::AsicHall(before), ComponentKind::AsicHall(after)) = (&old.kind, &mut next.kind) else {
        return;
    };
    if !next.existing || after.installed_miner_model.is_some() {
        return;
    }
    if old.existing {
        let recorded = before.installed();
        after.installed_miner_model = Some(recorded.model);
        after.installed_miner_count = Some(recorded.count);
        after.installed_miner_th_s = Some(recorded.th_s);
        after.installed_miner_kw = Some(recorded.kw);
    } else {
        after.record_installed();
    }
}
