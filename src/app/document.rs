//! The project being edited: its file path, revision and saved state, the active scenario and selection,
//! and the undo history. Changes come only through `Document::apply`.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::model::{ComponentId, Project, Scenario};

use super::edit::{self, EditCommand};

/// Revisions are numbered across every document of the process, so a document opened in place of another
/// never shows a result (tags, risk figures, the tornado) cached for the other's revision of the same number.
static LAST_REVISION: AtomicU64 = AtomicU64::new(0);

fn fresh_revision() -> u64 {
    LAST_REVISION.fetch_add(1, Ordering::Relaxed) + 1
}

/// Undo steps kept; older ones are dropped.
pub const UNDO_LIMIT: usize = 500;

#[derive(Debug, Clone)]
struct Snapshot {
    project: Project,
    active: usize,
    selection: BTreeSet<ComponentId>,
    content: u64,
    label: &'static str,
}

#[derive(Debug, Clone)]
pub struct Document {
    pub project: Project,
    /// The file this project was loaded from or last saved to.
    pub path: Option<PathBuf>,
    /// A fresh number at every change, undo and redo, never shared with another document; results are
    /// recomputed when it moves.
    pub revision: u64,
    /// Which state of the project this is: a fresh number for every change, brought back by undo and redo,
    /// so that undoing back to the saved state clears the unsaved marker.
    content: u64,
    last_content: u64,
    /// The content last saved (`None`: not saved in its file, such as restored recovery work).
    saved_content: Option<u64>,
    /// Index of the scenario shown on the canvas.
    pub active: usize,
    /// Selected components of the active scenario.
    pub selection: BTreeSet<ComponentId>,
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
    /// Set while the user is mid-gesture (a drag, a slider movement): the whole gesture is one undo step.
    gesture_open: bool,
    gesture_recorded: bool,
}

impl Document {
    pub fn new(project: Project, path: Option<PathBuf>) -> Self {
        Document {
            project,
            path,
            revision: fresh_revision(),
            content: 0,
            last_content: 0,
            saved_content: Some(0),
            active: 0,
            selection: BTreeSet::new(),
            undo: Vec::new(),
            redo: Vec::new(),
            gesture_open: false,
            gesture_recorded: false,
        }
    }

    pub fn is_dirty(&self) -> bool {
        self.saved_content != Some(self.content)
    }

    /// Marks the current state as saved to `path`.
    pub fn mark_saved(&mut self, path: PathBuf) {
        self.path = Some(path);
        self.saved_content = Some(self.content);
    }

    /// Marks the project as not saved in its file (work restored from a recovery copy).
    pub fn mark_unsaved(&mut self) {
        self.saved_content = None;
    }

    /// File name for the title bar ("Untitled" for a project never saved).
    pub fn display_name(&self) -> String {
        self.path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Untitled".to_string())
    }

    pub fn scenario(&self) -> &Scenario {
        let i = self.active.min(self.project.scenarios.len().saturating_sub(1));
        &self.project.scenarios[i]
    }

    /// Applies an edit. Returns the validation message when refused; the document is then unchanged.
    pub fn apply(&mut self, cmd: EditCommand) -> Result<(), String> {
        let before = self.snapshot(cmd.label());
        edit::apply(&mut self.project, &cmd)?;
        if !(self.gesture_open && self.gesture_recorded) {
            self.undo.push(before);
            if self.undo.len() > UNDO_LIMIT {
                self.undo.remove(0);
            }
            self.gesture_recorded = self.gesture_open;
        }
        self.redo.clear();
        self.after_change(&cmd);
        Ok(())
    }

    /// Starts a gesture: edits until `end_gesture` form a single undo step.
    pub fn begin_gesture(&mut self) {
        self.gesture_open = true;
        self.gesture_recorded = false;
    }

    pub fn end_gesture(&mut self) {
        self.gesture_open = false;
        self.gesture_recorded = false;
    }

    pub fn in_gesture(&self) -> bool {
        self.gesture_open
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn undo_label(&self) -> Option<&'static str> {
        self.undo.last().map(|s| s.label)
    }

    pub fn redo_label(&self) -> Option<&'static str> {
        self.redo.last().map(|s| s.label)
    }

    pub fn undo(&mut self) -> bool {
        self.end_gesture();
        let Some(prev) = self.undo.pop() else { return false };
        let current = self.snapshot(prev.label);
        self.restore(prev);
        self.redo.push(current);
        true
    }

    pub fn redo(&mut self) -> bool {
        self.end_gesture();
        let Some(next) = self.redo.pop() else { return false };
        let current = self.snapshot(next.label);
        self.restore(next);
        self.undo.push(current);
        true
    }

    pub fn set_active(&mut self, index: usize) {
        if index < self.project.scenarios.len() && index != self.active {
            self.active = index;
            self.selection.clear();
        }
    }

    fn snapshot(&self, label: &'static str) -> Snapshot {
        Snapshot {
            project: self.project.clone(),
            active: self.active,
            selection: self.selection.clone(),
            content: self.content,
            label,
        }
    }

    fn restore(&mut self, s: Snapshot) {
        self.project = s.project;
        self.active = s.active.min(self.project.scenarios.len().saturating_sub(1));
        self.selection = s.selection;
        self.content = s.content;
        self.revision = fresh_revision();
    }

    /// Keeps the active scenario and the selection meaningful after an edit.
    fn after_change(&mut self, cmd: &EditCommand) {
        self.revision = fresh_revision();
        self.last_content += 1;
        self.content = self.last_content;
        match cmd {
            EditCommand::AddComponents { components, .. } => {
                self.selection = components.iter().map(|c| c.id).collect();
            }
            EditCommand::InsertScenario { index, .. } => {
                self.active = *index;
                self.selection.clear();
            }
            EditCommand::MoveScenario { to, .. } => self.active = *to,
            _ => {}
        }
        let n = self.project.scenarios.len();
        if self.active >= n {
            self.active = n - 1;
        }
        let scenario = &self.project.scenarios[self.active];
        self.selection.retain(|id| scenario.component(*id).is_some());
    }
}
