//! Which parts carry a warning and how serious it is, indexed once per evaluation rather than every frame.
//! Parts outside the boundary are checked live, so dragging a part out (or back in) shows at once.

use std::collections::HashMap;

use crate::app::idle_story;
use crate::model::{Component, ComponentId, ComponentResult, Evaluation, LoadState, Rect, WarningKind, YearMonth};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Worth knowing (overlap, permit risk, online after the horizon): amber.
    Caution,
    /// The layout does not work as drawn (load not served, part off the site): red.
    Problem,
}

fn severity(kind: WarningKind) -> Option<Severity> {
    match kind {
        WarningKind::UnservedLoad | WarningKind::OutsideBoundary => Some(Severity::Problem),
        WarningKind::Overlap
        | WarningKind::PermitRisk
        | WarningKind::BeyondHorizon
        | WarningKind::FootprintDensity
        | WarningKind::InterconnectionRequest
        | WarningKind::WaitingForPower
        | WarningKind::NeverOnline => Some(Severity::Caution),
        // A switched-off or stopped load is drawn idle, not as a fault of the layout.
        WarningKind::MiningSwitchedOff | WarningKind::FleetStopped => None,
        WarningKind::FirmPower
        | WarningKind::FirmCooling
        | WarningKind::PowerDeficit
        | WarningKind::CoolingDeficit
        | WarningKind::WaterLimit
        | WarningKind::AmbiguousIrr
        | WarningKind::DscrCovenant
        | WarningKind::ExistingAboveApproval => None,
    }
}

/// A load that stands idle in some months: switched off because it would lose money, or stopped because its
/// fleet was not bought again.
#[derive(Debug, Clone, PartialEq)]
pub struct Idle {
    /// Idle at full build (the record month), drawn hatched; otherwise only the tag says when.
    pub now: bool,
    /// The short tag drawn on the part ("OFF", "STOPPED", "to 2031" for a fleet that stops then, "off 37 mo");
    /// the tooltip says why and gives the month.
    pub tag: String,
}

impl Idle {
    fn of(r: &ComponentResult, start: YearMonth) -> Option<Idle> {
        let (now, tag) = match (r.state, r.stopped_month) {
            // A hall converted to AI (or retired) mines until then; a phased load says when it is online.
            (state, _) if r.retire_month.is_some() && r.served_fraction.is_some() => {
                let until = start.plus_months(r.retire_month.unwrap_or(0)).name();
                let what = if r.mining { "mining" } else { "running" };
                (state == LoadState::Retired, format!("{what} until {until}"))
            }
            (LoadState::Running, None) if r.build_start_month > 0 && r.months_switched_off == 0 => {
                (false, format!("online {}", start.plus_months(r.online_month).name()))
            }
            (LoadState::SwitchedOff, _) => (true, "OFF".to_string()),
            (LoadState::Stopped, _) => (true, "STOPPED".to_string()),
            (_, Some(m)) => (false, format!("to {}", start.plus_months(m).year)),
            _ if r.months_switched_off > 0 => (false, format!("off {} mo", r.months_switched_off)),
            _ => return None,
        };
        Some(Idle { now, tag })
    }
}

#[derive(Default)]
pub struct Marks {
    /// The revision and scenario indexed: switching scenarios keeps the revision, and another scenario's
    /// parts can share ids with this one's.
    key: Option<(u64, usize)>,
    by_id: HashMap<ComponentId, Severity>,
    idle: HashMap<ComponentId, Idle>,
}

impl Marks {
    /// Re-indexes `evaluation` when it belongs to a revision or scenario not seen yet.
    pub fn refresh(&mut self, evaluation: Option<&Evaluation>, key: Option<(u64, usize)>, start: YearMonth) {
        if self.key == key && key.is_some() {
            return;
        }
        self.key = key;
        self.by_id.clear();
        self.idle.clear();
        for r in evaluation.iter().flat_map(|e| e.components.iter()) {
            if let Some(idle) = Idle::of(r, start) {
                self.idle.insert(r.id, idle);
            }
        }
        for w in evaluation.iter().flat_map(|e| e.warnings.iter()) {
            // The boundary is checked live in `severity_of`.
            if w.kind == WarningKind::OutsideBoundary {
                continue;
            }
            let Some(sev) = severity(w.kind) else { continue };
            for id in &w.components {
                let entry = self.by_id.entry(*id).or_insert(sev);
                *entry = (*entry).max(sev);
            }
        }
    }

    pub fn idle_of(&self, id: ComponentId) -> Option<&Idle> {
        self.idle.get(&id)
    }

    pub fn severity_of(&self, c: &Component, boundary: &Rect) -> Option<Severity> {
        let outside = (!c.rect.inside(boundary)).then_some(Severity::Problem);
        self.by_id.get(&c.id).copied().max(outside)
    }
}

/// The reasons shown when hovering `c`: the evaluation's warnings about it plus the live boundary check. An idle
/// hall's warnings are left to its one-line story.
pub fn reasons(c: &Component, boundary: &Rect, evaluation: Option<&Evaluation>) -> Vec<String> {
    let mut out: Vec<String> = evaluation
        .into_iter()
        .flat_map(|e| e.warnings_for(c.id))
        .filter(|w| w.kind != WarningKind::OutsideBoundary && !idle_story::told_by_story(w.kind))
        .map(|w| w.message.clone())
        .collect();
    if !c.rect.inside(boundary) {
        out.push(format!("{} extends outside the site boundary", c.name));
    }
    out
}
