//! A scenario's schedule (MODEL.md third layer, "Phasing"): when each part starts building, spends its capex,
//! comes online and retires, which substations wait for a grid request, and the full-power month. Months are
//! computed here and only here; capacity, fleets, dispatch, money, risk and the window read them.

use super::assumptions::Assumptions;
use super::component::{Component, ComponentId, ComponentKind};
use super::interconnection::{self, GridApproval};
use super::scenario::Scenario;

/// The months of one part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartTime {
    /// When construction starts (0 for existing parts).
    pub build_start: u32,
    /// When its capex is spent: the build start, or for a substation that needs a grid request the build
    /// start plus the wait for the approval (and the permits).
    pub construction: u32,
    pub online: u32,
    /// From this month on the part is gone: its own retirement or its conversion's start, the earlier.
    pub retire: Option<u32>,
    /// The pod that converts this hall (and retires it when the pod's build starts).
    pub converted_by: Option<ComponentId>,
    /// Not built at all: a refused grid request, or a load started after the refusal was known.
    pub cancelled: bool,
}

impl PartTime {
    /// Online and not retired in month `m`.
    pub fn active(&self, m: u32) -> bool {
        !self.cancelled && m >= self.online && self.retire.is_none_or(|r| m < r)
    }

    /// It runs for at least a month: built, and not retired at or before it comes online.
    pub fn runs(&self) -> bool {
        !self.cancelled && self.retire.is_none_or(|r| r > self.online)
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Schedule {
    /// One entry per component, in the scenario's order.
    pub parts: Vec<PartTime>,
    pub grid: GridApproval,
    /// The latest online month of the parts that run, replacements left out (0 when there are none).
    pub full_power_month: u32,
    /// The part whose online month sets the full-power month.
    pub full_power_set_by: Option<ComponentId>,
    /// In a refused draw: the month the refusal is known (the earliest request plus its queue).
    pub refused_at: Option<u32>,
}

impl Schedule {
    /// The parts of the full build: online at the full-power month and not retired by it.
    pub fn in_full_build(&self) -> Vec<bool> {
        self.parts.iter().map(|p| p.active(self.full_power_month)).collect()
    }
}

/// Permitting months on top of a new part's lead time (a retrofit reuses its hall's permits).
pub fn permitting_months(c: &Component, a: &Assumptions) -> u32 {
    let retrofit = matches!(&c.kind, ComponentKind::GpuPod(p) if p.retrofit);
    if a.permits_in_hand || retrofit { 0 } else { a.permitting_months }
}

/// The schedule of `s` with every grid request approved, or (`refused`) a refused draw's: no substation
/// that needs a request is built, nor any new load whose build starts at or after the refusal is known.
pub fn of(s: &Scenario, refused: bool) -> Schedule {
    let a = &s.assumptions;
    let grid = interconnection::approval(s);
    let mut parts: Vec<PartTime> = s
        .components
        .iter()
        .zip(&grid.requests)
        .map(|(c, request)| {
            if c.existing {
                return PartTime {
                    build_start: 0,
                    construction: 0,
                    online: 0,
                    retire: c.retire_month,
                    converted_by: None,
                    cancelled: false,
                };
            }
            let start = c.build_start_month;
            let permits = permitting_months(c, a);
            // Rule 2: the request and the permits run side by side, then the substation is built.
            let wait = if request.is_some() { a.interconnection_queue_months.max(permits) } else { 0 };
            let construction = start.saturating_add(wait);
            let lead = if request.is_some() { c.lead_time_months } else { c.lead_time_months.saturating_add(permits) };
            PartTime {
                build_start: start,
                construction,
                online: construction.saturating_add(lead),
                retire: c.retire_month,
                converted_by: None,
                cancelled: false,
            }
        })
        .collect();

    let (full_power_month, full_power_set_by) = full_power(s, &parts);
    let refused_at = if refused { refuse(s, &grid, &mut parts) } else { None };
    apply_conversions(s, &mut parts);
    Schedule { parts, grid, full_power_month, full_power_set_by, refused_at }
}

/// A hall converted by a pod retires at the earlier of its own retirement and the pod's build start (an
/// existing pod: month 0). A cancelled pod converts nothing.
fn apply_conversions(s: &Scenario, parts: &mut [PartTime]) {
    let index: std::collections::HashMap<ComponentId, usize> =
        s.components.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
    for (i, c) in s.components.iter().enumerate() {
        let ComponentKind::GpuPod(p) = &c.kind else { continue };
        let (Some(hall), false) = (p.converts, parts[i].cancelled) else { continue };
        let Some(&h) = index.get(&hall) else { continue };
        if !matches!(s.components[h].kind, ComponentKind::AsicHall(_)) {
            continue;
        }
        let gutted = if c.existing { 0 } else { parts[i].build_start };
        let part = &mut parts[h];
        part.retire = Some(part.retire.map_or(gutted, |r| r.min(gutted)));
        part.converted_by = Some(c.id);
    }
}

/// Rule 5 for a refused draw: the requests are not built, and nobody starts a load for power just refused.
fn refuse(s: &Scenario, grid: &GridApproval, parts: &mut [PartTime]) -> Option<u32> {
    let a = &s.assumptions;
    let decision = (s.components.iter().zip(&grid.requests))
        .filter(|(_, r)| r.is_some())
        .map(|(c, _)| c.build_start_month.saturating_add(a.interconnection_queue_months))
        .min()?;
    for ((c, request), part) in s.components.iter().zip(&grid.requests).zip(parts.iter_mut()) {
        let late_load = c.is_load() && !c.existing && c.build_start_month >= decision;
        if request.is_some() || late_load {
            part.cancelled = true;
        }
    }
    Some(decision)
}

/// The full-power month and the part that sets it: the latest online month of the parts that run (with
/// conversions applied), leaving out replacements (a supply online at or after the retirement of another of
/// its kind, no bigger, and for a plant of the same cooling type).
fn full_power(s: &Scenario, parts: &[PartTime]) -> (u32, Option<ComponentId>) {
    let mut with_conversions = parts.to_vec();
    apply_conversions(s, &mut with_conversions);
    let retired_supplies: Vec<(usize, u32)> = s
        .components
        .iter()
        .zip(&with_conversions)
        .enumerate()
        .filter(|(_, (c, p))| !c.is_load() && !p.cancelled)
        .filter_map(|(i, (_, p))| p.retire.map(|r| (i, r)))
        .collect();
    let replaces = |i: usize| {
        let (c, p) = (&s.components[i], &with_conversions[i]);
        retired_supplies.iter().any(|&(j, r)| j != i && p.online >= r && no_bigger_same_kind(c, &s.components[j]))
    };
    let mut best: (u32, Option<ComponentId>) = (0, None);
    for (i, (c, p)) in s.components.iter().zip(&with_conversions).enumerate() {
        if !p.runs() || (!c.is_load() && !retired_supplies.is_empty() && replaces(i)) {
            continue;
        }
        // Ties keep the first listed; a site online at month 0 has nothing that sets it.
        if p.online > best.0 {
            best = (p.online, Some(c.id));
        }
    }
    best
}

/// `c` could replace `old`: the same kind, no more capacity, and for a plant the same cooling type.
fn no_bigger_same_kind(c: &Component, old: &Component) -> bool {
    match (&c.kind, &old.kind) {
        (ComponentKind::Substation(x), ComponentKind::Substation(o)) => x.capacity_mva <= o.capacity_mva,
        (ComponentKind::GasTurbine(x), ComponentKind::GasTurbine(o)) => x.capacity_mw <= o.capacity_mw,
        (ComponentKind::CoolingPlant(x), ComponentKind::CoolingPlant(o)) => {
            x.cooling_type == o.cooling_type && x.capacity_mw_th <= o.capacity_mw_th
        }
        _ => false,
    }
}
