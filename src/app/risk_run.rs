//! The Monte Carlo run behind the Risk tab: a worker thread (rayon inside) with a progress counter and a
//! cancel flag. A run belongs to one scenario at one document revision; when the document changes, the old run
//! is cancelled and a new one starts, and results are kept by (scenario, revision) like the dashboard's.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::thread;

use crate::model::Scenario;
use crate::model::risk::{Progress, RiskResult, run};

/// Which scenario at which revision a run or a result is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunKey {
    pub scenario: usize,
    pub revision: u64,
}

struct Job {
    key: RunKey,
    draws: u32,
    progress: Arc<Progress>,
    done: Receiver<Option<RiskResult>>,
}

/// Where a scenario's risk figures stand.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RunState {
    /// Nothing asked for yet.
    Idle,
    /// `done` of `draws` draws finished.
    Running {
        done: u32,
        draws: u32,
    },
    Ready,
}

#[derive(Default)]
pub struct RiskRuns {
    job: Option<Job>,
    /// The latest result of each scenario, with the revision it was computed at.
    results: Vec<Option<(u64, Arc<RiskResult>)>>,
}

impl RiskRuns {
    /// Makes sure scenario `index` at `revision` has a result or a run under way; cancels a run for anything
    /// else. Call each frame the figures are wanted (the Risk tab is open).
    pub fn want(&mut self, scenario: &Scenario, key: RunKey) {
        self.poll();
        if self.result(key).is_some() {
            return;
        }
        if self.job.as_ref().is_some_and(|j| j.key == key) {
            return;
        }
        self.cancel();
        let progress = Arc::new(Progress::default());
        let (send, done) = channel();
        let (s, watcher) = (scenario.clone(), Arc::clone(&progress));
        let started = thread::Builder::new()
            .name("powerplot-risk".into())
            .spawn(move || {
                // The window may be gone when a long run ends: nothing to tell then.
                let _ = send.send(run(&s, &watcher));
            })
            .is_ok();
        if started {
            self.job = Some(Job { key, draws: scenario.assumptions.risk.draws, progress, done });
        }
    }

    /// Collects a finished run.
    pub fn poll(&mut self) {
        let Some(job) = &self.job else { return };
        match job.done.try_recv() {
            Ok(result) => {
                let key = job.key;
                self.job = None;
                if let Some(result) = result {
                    if self.results.len() <= key.scenario {
                        self.results.resize(key.scenario + 1, None);
                    }
                    self.results[key.scenario] = Some((key.revision, Arc::new(result)));
                }
            }
            Err(TryRecvError::Empty) => {}
            Err(TryRecvError::Disconnected) => self.job = None,
        }
    }

    /// Stops the run under way, if any (its thread ends after the draws in flight).
    pub fn cancel(&mut self) {
        if let Some(job) = self.job.take() {
            job.progress.cancel();
        }
    }

    /// The result for exactly this scenario and revision.
    pub fn result(&self, key: RunKey) -> Option<&Arc<RiskResult>> {
        match self.results.get(key.scenario) {
            Some(Some((revision, r))) if *revision == key.revision => Some(r),
            _ => None,
        }
    }

    pub fn state(&self, key: RunKey) -> RunState {
        if self.result(key).is_some() {
            return RunState::Ready;
        }
        match &self.job {
            Some(j) if j.key == key => RunState::Running { done: j.progress.done(), draws: j.draws },
            _ => RunState::Idle,
        }
    }

    /// True while a run is going (the window repaints then, and only then, to show its progress).
    pub fn is_running(&self) -> bool {
        self.job.is_some()
    }
}
