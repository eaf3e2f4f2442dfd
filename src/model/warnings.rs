//! Warnings a planner sees on the canvas and in reports: unserved loads, capacity deficits, water above the
//! site's allowance, parts outside the boundary or on top of each other, and the permit risk of turbines.

use super::component::ComponentKind;
use super::evaluation::{ComponentResult, Kpis, MonthlySeries, Shortfall, Warning, WarningFix, WarningKind};
use super::firm::{self, Firm};
use super::footprint;
use super::geometry::Rect;
use super::scenario::Scenario;
use super::schedule::Schedule;

/// Overlap checks stop after this many pairs so a pathological layout cannot stall the model.
const MAX_OVERLAP_WARNINGS: usize = 500;
/// Pair comparisons allowed in one sweep (a column of parts stacked at one x would otherwise be quadratic).
const MAX_OVERLAP_CHECKS: usize = 5_000_000;

pub fn collect(
    s: &Scenario,
    k: &Kpis,
    results: &[ComponentResult],
    schedule: &Schedule,
    series: &MonthlySeries,
) -> Vec<Warning> {
    let cash_flow = &series.cash_flow;
    let horizon = cash_flow.len();
    let mut out = Vec::new();
    if k.irr_ambiguous {
        let changes = super::finance::sign_changes(cash_flow);
        let why = if changes > 1 {
            format!("changes sign {changes} times (hardware refreshes, halvings), so more than one rate fits it")
        } else {
            "earns before it spends, so a higher discount rate raises its NPV".to_string()
        };
        out.push(site(
            WarningKind::AmbiguousIrr,
            format!("IRR can mislead here: the cash flow {why}; read NPV and payback first"),
        ));
    }
    if k.grid_headroom_mw < -1e-9 {
        out.push(site(
            WarningKind::PowerDeficit,
            format!(
                "Power deficit: the full build needs {:.1} MW but grid and turbines supply {:.1} MW ({:.1} MW short)",
                k.facility_power_mw,
                k.grid_capacity_mw + k.generation_capacity_mw,
                -k.grid_headroom_mw
            ),
        ));
    }
    if k.cooling_headroom_mw < -1e-9 {
        out.push(site(
            WarningKind::CoolingDeficit,
            format!(
                "Cooling deficit: plant-cooled loads make {:.1} MW_th of heat but the plants reject {:.1} MW_th",
                k.cooling_capacity_mw - k.cooling_headroom_mw,
                k.cooling_capacity_mw
            ),
        ));
    }
    firm_warnings(s, k, &mut out);
    if let Some(limit) = s.assumptions.water_limit_m3_per_day
        && k.water_m3_per_day > limit
    {
        out.push(site(
            WarningKind::WaterLimit,
            format!(
                "Water use of {:.0} m3/day is above the site's allowance of {:.0} m3/day",
                k.water_m3_per_day, limit
            ),
        ));
    }
    for (c, r) in s.components.iter().zip(results) {
        if let (Some(served), Some(shortfall)) = (r.served_fraction, r.shortfall)
            && c.is_load()
            && c.it_mw() > 0.0
            && served < 1.0 - 1e-9
        {
            let what = match shortfall {
                Shortfall::Cooling => "cooling capacity",
                Shortfall::Power => "grid and generation capacity",
            };
            out.push(one(
                WarningKind::UnservedLoad,
                c.id,
                format!("{}: only {:.0} % served at full build, short of {what}", c.name, served * 100.0),
            ));
        }
        if r.online_month as usize >= horizon && !r.cancelled {
            out.push(one(
                WarningKind::BeyondHorizon,
                c.id,
                format!("{} comes online in month {}, after the {}-month horizon", c.name, r.online_month, horizon),
            ));
        }
        if matches!(c.kind, ComponentKind::GasTurbine(_)) && !c.existing {
            out.push(one(
                WarningKind::PermitRisk,
                c.id,
                format!("{}: on-site turbines need air permits; mobile turbines used to skip permits have drawn regulator action", c.name),
            ));
        }
        fleet_warnings(s, c, r, horizon, &mut out);
        if let (Some(density), Some(max)) =
            (footprint::density_kw_per_m2(c), footprint::max_density_kw_per_m2(c, &s.assumptions))
            && density > max
        {
            out.push(one(
                WarningKind::FootprintDensity,
                c.id,
                format!(
                    "{}: {density:.0} kW/m2 of IT on its footprint, above the plausible {max:.0} kW/m2; is it drawn too small? (Size to capacity fixes it)",
                    c.name
                ),
            ));
        }
        if !c.rect.inside(&s.boundary) {
            out.push(one(WarningKind::OutsideBoundary, c.id, format!("{} extends outside the site boundary", c.name)));
        }
    }
    grid_warnings(s, schedule, &mut out);
    phasing_warnings(s, results, schedule, &mut out);
    overlaps(s, &mut out);
    out
}

/// Rule 1 and 3 of the approved interconnection: existing substations above the approval, and each new
/// substation that needs a large-load request, with the MVA beyond and the month it comes online.
fn grid_warnings(s: &Scenario, schedule: &Schedule, out: &mut Vec<Warning>) {
    let (a, grid) = (&s.assumptions, &schedule.grid);
    if grid.existing_mva > grid.interconnection_mva + 1e-9 {
        out.push(site(
            WarningKind::ExistingAboveApproval,
            format!(
                "The existing substations hold {:.0} MVA, above the approved interconnection of {:.0} MVA",
                grid.existing_mva, grid.interconnection_mva
            ),
        ));
    }
    for ((c, request), part) in s.components.iter().zip(&grid.requests).zip(&schedule.parts) {
        let Some(request) = request else { continue };
        out.push(one(
            WarningKind::InterconnectionRequest,
            c.id,
            format!(
                "{} needs a new large-load request: {:.0} MVA beyond the approved {:.0} MVA; after the {}-month queue it comes online in {} (month {}), if approved ({:.0} % likely)",
                c.name,
                request.mva_beyond,
                grid.interconnection_mva,
                a.interconnection_queue_months,
                a.start.plus_months(part.online).name(),
                part.online,
                a.interconnection_approval_probability * 100.0
            ),
        ));
    }
}

/// Parts that never run, and loads waiting for power with the build start that would bring them online
/// with the supply they wait for.
fn phasing_warnings(s: &Scenario, results: &[ComponentResult], schedule: &Schedule, out: &mut Vec<Warning>) {
    let a = &s.assumptions;
    // The full build's supplies by online month (ties in list order), searched once per waiting load.
    let in_build = schedule.in_full_build();
    let mut supplies: Vec<(u32, usize)> = (s.components.iter().zip(&schedule.parts).zip(&in_build).enumerate())
        .filter(|(_, ((p, _), b))| **b && !p.is_load())
        .map(|(i, ((_, t), _))| (t.online, i))
        .collect();
    supplies.sort_unstable();
    for ((c, r), part) in s.components.iter().zip(results).zip(&schedule.parts) {
        if !part.cancelled && !part.runs() && part.converted_by.is_none() {
            out.push(one(
                WarningKind::NeverOnline,
                c.id,
                format!(
                    "{} never runs: it retires in {} (month {}), at or before it comes online in month {}",
                    c.name,
                    a.start.plus_months(part.retire.unwrap_or(0)).name(),
                    part.retire.unwrap_or(0),
                    part.online
                ),
            ));
        }
        let Some((first, months)) = r.first_wait else { continue };
        if !r.served_fraction.is_some_and(|f| f > 0.0) {
            continue;
        }
        let last = first + months - 1;
        // The supply it waits for: of the full build's supplies not yet online in the run's last month, the
        // first to come online.
        let next = supplies.partition_point(|&(online, _)| online <= last);
        let awaited = supplies.get(next).map(|&(online, i)| (&s.components[i], online));
        let (what, fix) = match awaited {
            Some((supply, online)) if !c.existing => {
                let lead = c.lead_time_months.saturating_add(super::schedule::permitting_months(c, a));
                let start = online.saturating_sub(lead);
                (
                    format!(
                        "{} comes online in {}; start building in {} (month {start})",
                        supply.name,
                        a.start.plus_months(online).name(),
                        a.start.plus_months(start).name()
                    ),
                    Some(WarningFix::SetBuildStart { component: c.id, month: start }),
                )
            }
            Some((supply, online)) => {
                (format!("{} comes online in {}", supply.name, a.start.plus_months(online).name()), None)
            }
            None => ("no supply of the full build comes online later".to_string(), None),
        };
        out.push(Warning {
            kind: WarningKind::WaitingForPower,
            components: vec![c.id],
            message: format!(
                "{} stands idle {months} months from {}, ready but without power or cooling: {what}",
                c.name,
                a.start.plus_months(first).name()
            ),
            fix,
        });
    }
}

/// Firm power and cooling short of the AI load at the redundancy asked for, naming the unit that would fail.
fn firm_warnings(s: &Scenario, k: &Kpis, out: &mut Vec<Warning>) {
    let a = &s.assumptions;
    let unit_text = |f: &Firm, what: &str| match f.failed {
        Some(u) => {
            let name = s.components.iter().find(|c| c.id == u.component).map_or("a unit", |c| c.name.as_str());
            if u.of > 1 {
                format!(" with one of {name}'s {} {what} ({:.1} MW) out", u.of, u.mw)
            } else {
                format!(" with {name} ({:.1} MW) out", u.mw)
            }
        }
        None => String::new(),
    };
    if k.it_load_ai_mw > 0.0 && k.firm_grid_headroom_mw < -1e-9 {
        let f = firm::firm_power(s);
        out.push(site(
            WarningKind::FirmPower,
            format!(
                "Firm power at {}: {:.1} MW of grid and turbines{} carry {:.1} MW less than the AI load needs",
                a.ai_power_redundancy.label(),
                f.mw,
                unit_text(&f, "transformers"),
                -k.firm_grid_headroom_mw
            ),
        ));
    }
    if k.it_load_ai_mw > 0.0 && k.firm_cooling_headroom_mw < -1e-9 {
        let f = firm::firm_cooling(s);
        out.push(site(
            WarningKind::FirmCooling,
            format!(
                "Firm cooling at {}: {:.1} MW_th of plants{} reject {:.1} MW_th less than the AI heat",
                a.ai_cooling_redundancy.label(),
                f.mw,
                unit_text(&f, "units"),
                -k.firm_cooling_headroom_mw
            ),
        ));
    }
}

/// Mining loads switched off for economics, and fleets that stop for good, with calendar months.
fn fleet_warnings(
    s: &Scenario,
    c: &super::component::Component,
    r: &ComponentResult,
    horizon: usize,
    out: &mut Vec<Warning>,
) {
    let start = s.assumptions.start;
    if r.months_switched_off > 0 {
        out.push(one(
            WarningKind::MiningSwitchedOff,
            c.id,
            format!(
                "{} is switched off in {} of {horizon} months: its mining revenue does not cover its power then",
                c.name, r.months_switched_off
            ),
        ));
    }
    if let Some(m) = r.stopped_month {
        let why = if r.refresh_declined {
            "buying its fleet again would not pay for itself"
        } else {
            "its hardware reached its life and hardware refresh is off"
        };
        out.push(one(
            WarningKind::FleetStopped,
            c.id,
            format!("{} stops in {} (month {m}): {why}", c.name, start.plus_months(m)),
        ));
    }
}

/// Sweep along x so a spread-out layout costs about O(n log n) rather than comparing every pair.
fn overlaps(s: &Scenario, out: &mut Vec<Warning>) {
    let c = &s.components;
    let mut order: Vec<usize> = (0..c.len()).collect();
    order.sort_by(|&i, &j| c[i].rect.x.total_cmp(&c[j].rect.x));
    // The rectangles side by side in sweep order, so the inner loop reads memory in sequence.
    let rects: Vec<(Rect, usize)> = order.iter().map(|&i| (c[i].rect, i)).collect();
    // A retrofit pod and the hall it converts share their ground (MODEL.md third layer).
    let conversions: std::collections::HashSet<(u64, u64)> = c
        .iter()
        .filter_map(|p| match &p.kind {
            ComponentKind::GpuPod(g) => g.converts.map(|h| (p.id.min(h), p.id.max(h))),
            _ => None,
        })
        .collect();
    let (mut found, mut checks) = (0, 0);
    for (pos, &(a, i)) in rects.iter().enumerate() {
        for &(b, j) in &rects[pos + 1..] {
            if b.x >= a.right() {
                break;
            }
            checks += 1;
            if checks > MAX_OVERLAP_CHECKS {
                return;
            }
            let pair = (c[i].id.min(c[j].id), c[i].id.max(c[j].id));
            if a.overlaps(&b) && !conversions.contains(&pair) {
                out.push(Warning {
                    fix: None,
                    kind: WarningKind::Overlap,
                    components: vec![c[i].id, c[j].id],
                    message: format!("{} overlaps {}", c[i].name, c[j].name),
                });
                found += 1;
                if found >= MAX_OVERLAP_WARNINGS {
                    return;
                }
            }
        }
    }
}

impl WarningKind {
    /// How serious the warning is for someone reading the figures: 3 the plan breaks a site limit (power,
    /// cooling, water), so the figures assume what the site cannot deliver; 2 part of the plan earns less or
    /// later than drawn, or its debt breaks the lender's covenant; 1 the figures hold but need a caveat (IRR, permits, the boundary); 0 layout notes.
    /// Slides, the report and the comparison list warnings in this order, one definition for all of them.
    pub fn severity(self) -> u8 {
        match self {
            WarningKind::PowerDeficit | WarningKind::CoolingDeficit | WarningKind::WaterLimit => 3,
            WarningKind::UnservedLoad
            | WarningKind::BeyondHorizon
            | WarningKind::DscrCovenant
            | WarningKind::FirmPower
            | WarningKind::FirmCooling
            | WarningKind::NeverOnline
            | WarningKind::WaitingForPower => 2,
            WarningKind::AmbiguousIrr
            | WarningKind::PermitRisk
            | WarningKind::OutsideBoundary
            | WarningKind::MiningSwitchedOff
            | WarningKind::FleetStopped
            | WarningKind::InterconnectionRequest
            | WarningKind::ExistingAboveApproval => 1,
            WarningKind::Overlap | WarningKind::FootprintDensity => 0,
        }
    }

    /// The plan asks more of the site than it has (power, cooling or water): figures that count on it are
    /// not achievable, so such a scenario is never marked best in a comparison.
    pub fn breaks_limit(self) -> bool {
        self.severity() == 3
    }

    /// A few words naming the warning, for a table cell.
    pub fn title(self) -> &'static str {
        match self {
            WarningKind::PowerDeficit => "power deficit",
            WarningKind::CoolingDeficit => "cooling deficit",
            WarningKind::WaterLimit => "water above allowance",
            WarningKind::UnservedLoad => "load not served",
            WarningKind::BeyondHorizon => "online after horizon",
            WarningKind::AmbiguousIrr => "ambiguous IRR",
            WarningKind::PermitRisk => "turbine permits",
            WarningKind::OutsideBoundary => "outside boundary",
            WarningKind::Overlap => "overlapping parts",
            WarningKind::DscrCovenant => "DSCR below covenant",
            WarningKind::FirmPower => "firm power short",
            WarningKind::FirmCooling => "firm cooling short",
            WarningKind::FootprintDensity => "footprint too small",
            WarningKind::MiningSwitchedOff => "mining switched off",
            WarningKind::FleetStopped => "fleet stops",
            WarningKind::InterconnectionRequest => "needs a grid request",
            WarningKind::ExistingAboveApproval => "above the approval",
            WarningKind::NeverOnline => "never runs",
            WarningKind::WaitingForPower => "waiting for power",
        }
    }
}

/// `warnings` most serious first; warnings of equal severity keep the model's order.
pub fn by_severity(warnings: &[Warning]) -> Vec<&Warning> {
    let mut sorted: Vec<&Warning> = warnings.iter().collect();
    sorted.sort_by_key(|w| std::cmp::Reverse(w.kind.severity()));
    sorted
}

fn site(kind: WarningKind, message: String) -> Warning {
    Warning { kind, components: Vec::new(), message, fix: None }
}

fn one(kind: WarningKind, id: u64, message: String) -> Warning {
    Warning { kind, components: vec![id], message, fix: None }
}

#[cfg(test)]
mod tests {
    use crate::model::demo::demo_project;
    use crate::model::{WarningKind, evaluate};

    fn has_irr_warning(name: &str) -> bool {
        let project = demo_project();
        let s = project.scenarios.iter().find(|s| s.name == name).expect("demo scenario");
        evaluate(s).warnings.iter().any(|w| w.kind == WarningKind::AmbiguousIrr)
    }

    #[test]
    fn irr_is_flagged_only_where_it_can_mislead() {
        // Stay mining: the halls switch off after the halving and the cash flow turns negative again (fixed O&M).
        assert!(has_irr_warning("Stay mining"));
        // Full AI: spend first, then earn: one sign change, a plain IRR.
        assert!(!has_irr_warning("Full AI"));
    }
}
