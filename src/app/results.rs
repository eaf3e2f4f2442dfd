//! Evaluations of every scenario and their financing view, recomputed only when the document's revision
//! moves (not every frame).

use crate::model::financing::{self, Financing};
use crate::model::{Evaluation, Project, evaluate};

#[derive(Default)]
pub struct Results {
    revision: Option<u64>,
    evaluations: Vec<Evaluation>,
    financings: Vec<Financing>,
}

impl Results {
    /// Re-evaluates when `revision` differs from the last one seen. Returns true when it recomputed.
    pub fn refresh(&mut self, project: &Project, revision: u64) -> bool {
        if self.revision == Some(revision) && self.evaluations.len() == project.scenarios.len() {
            return false;
        }
        self.evaluations = project.scenarios.iter().map(evaluate).collect();
        self.financings =
            project.scenarios.iter().zip(&self.evaluations).map(|(s, e)| financing::evaluate(s, e)).collect();
        self.revision = Some(revision);
        true
    }

    /// The evaluation of scenario `index` (an empty one before the first refresh).
    pub fn get(&self, index: usize) -> Option<&Evaluation> {
        self.evaluations.get(index)
    }

    /// The after-tax and equity view of scenario `index` (MODEL.md "Financing and tax").
    pub fn financing(&self, index: usize) -> Option<&Financing> {
        self.financings.get(index)
    }

    pub fn financings(&self) -> &[Financing] {
        &self.financings
    }

    pub fn all(&self) -> &[Evaluation] {
        &self.evaluations
    }

    pub fn revision(&self) -> Option<u64> {
        self.revision
    }
}
