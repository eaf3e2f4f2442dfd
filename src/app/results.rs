//! Evaluations of every scenario, recomputed only when the document's revision moves (not every frame).

use crate::model::{Evaluation, Project, evaluate};

#[derive(Default)]
pub struct Results {
    revision: Option<u64>,
    evaluations: Vec<Evaluation>,
}

impl Results {
    /// Re-evaluates when `revision` differs from the last one seen. Returns true when it recomputed.
    pub fn refresh(&mut self, project: &Project, revision: u64) -> bool {
        if self.revision == Some(revision) && self.evaluations.len() == project.scenarios.len() {
            return false;
        }
        self.evaluations = project.scenarios.iter().map(evaluate).collect();
        self.revision = Some(revision);
        true
    }

    /// The evaluation of scenario `index` (an empty one before the first refresh).
    pub fn get(&self, index: usize) -> Option<&Evaluation> {
        self.evaluations.get(index)
    }

    pub fn all(&self) -> &[Evaluation] {
        &self.evaluations
    }

    pub fn revision(&self) -> Option<u64> {
        self.revision
    }
}
