//! The site's approved interconnection (MODEL.md third layer, "The approved interconnection"): which new
//! substations fit within what the utility has approved and which need a new large-load request.

use super::component::ComponentKind;
use super::fields;
use super::scenario::Scenario;

/// Usable MW per approved MVA in `npv_per_approved_mw` (MODEL.md rule 4).
pub const APPROVED_POWER_FACTOR: f64 = 0.95;

/// A new substation beyond the approval: it waits for the queue, and its MVA beyond the approval pays the
/// network upgrade charge.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Request {
    pub mva_beyond: f64,
}

/// The approval and, per component in the scenario's order, the request each new substation needs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GridApproval {
    /// The effective approved MVA: the assumption, or every existing substation's MVA (retired or not).
    pub interconnection_mva: f64,
    /// MVA of the existing substations (above the approval is a warning, not a cap).
    pub existing_mva: f64,
    /// `Some` for a new substation that needs a request, `None` for every other component.
    pub requests: Vec<Option<Request>>,
}

impl GridApproval {
    /// The sum of the substations' MVA beyond the approval.
    pub fn mva_beyond(&self) -> f64 {
        self.requests.iter().flatten().map(|r| r.mva_beyond).sum()
    }

    pub fn any_request(&self) -> bool {
        self.requests.iter().any(Option::is_some)
    }
}

/// Rule 1: new substations are taken in list order; one is within the approval when the existing
/// substations not retired before its build start, the new ones before it and itself fit the approval.
pub fn approval(s: &Scenario) -> GridApproval {
    let (lo, hi) = fields::INTERCONNECTION_MVA_RANGE;
    let mva = |c: &super::component::Component| match &c.kind {
        ComponentKind::Substation(x) if x.capacity_mva.is_finite() => x.capacity_mva.max(0.0),
        _ => 0.0,
    };
    let existing: Vec<(f64, Option<u32>)> =
        s.components.iter().filter(|c| c.existing).map(|c| (mva(c), c.retire_month)).filter(|e| e.0 > 0.0).collect();
    let existing_mva: f64 = existing.iter().map(|e| e.0).sum();
    let approved = match s.assumptions.interconnection_mva {
        Some(v) if v.is_finite() => v.clamp(lo, hi),
        Some(_) => lo,
        None => existing_mva,
    };
    let mut new_before = 0.0;
    let requests = s
        .components
        .iter()
        .map(|c| {
            if c.existing || !matches!(c.kind, ComponentKind::Substation(_)) {
                return None;
            }
            let start = c.build_start_month;
            let existing_standing: f64 = existing.iter().filter(|e| e.1.is_none_or(|r| r > start)).map(|e| e.0).sum();
            let own = mva(c);
            let running = existing_standing + new_before + own;
            new_before += own;
            (running > approved + 1e-9).then(|| Request { mva_beyond: own.min(running - approved) })
        })
        .collect();
    GridApproval { interconnection_mva: approved, existing_mva, requests }
}
