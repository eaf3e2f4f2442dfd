//! A hall's idle months told in one line, as the canvas tooltip and the inspector show it:
//! "Off from Apr 2028 (halving): revenue $40/MWh below power $45/MWh; stops for good Jan 2031 (refresh does not
//! pay)". The figures come from `model::idle`; this module only words them.

use crate::model::idle::{self, SwitchOff};
use crate::model::{Component, ComponentResult, Evaluation, LoadState, Scenario, WarningKind};
use crate::outputs::format;

/// The line for `c`, or `None` when it is never switched off and never stops.
pub fn story(s: &Scenario, e: &Evaluation, c: &Component) -> Option<String> {
    let r = e.component(c.id)?;
    let start = s.assumptions.start;
    let off = (r.months_switched_off > 0).then(|| idle::first_switch_off(s, e, c.id)).flatten().map(|o| {
        format!("off from {} ({}): {}", format::model_month(start, o.first_month), o.cause.label(), figures(&o))
    });
    let stop = r.stopped_month.map(|m| format!("stops for good {} ({})", format::model_month(start, m), stop_cause(r)));
    let line = match (off, stop) {
        (Some(off), Some(stop)) => format!("{off}; {stop}"),
        (Some(one), None) | (None, Some(one)) => one,
        (None, None) => return None,
    };
    Some(capitalized(&line))
}

/// "revenue $40/MWh below power $45/MWh" ("power and water" for a hall that needs a cooling plant). Whole
/// dollars, or cents when whole dollars would read as equal.
fn figures(o: &SwitchOff) -> String {
    let (revenue, cost) = (o.revenue_usd_per_mwh, o.power_usd_per_mwh);
    let decimals = if revenue.round() < cost.round() { 0 } else { 2 };
    let what = if o.includes_water { "power and water" } else { "power" };
    format!("revenue ${revenue:.decimals$}/MWh below {what} ${cost:.decimals$}/MWh")
}

fn stop_cause(r: &ComponentResult) -> &'static str {
    if r.refresh_declined { "refresh does not pay" } else { "hardware refresh is off" }
}

/// What the part is doing at full build when it is not running in full, unless a line already says it: the
/// story tells an idle hall's months, and the warnings tell a load not served or online after the horizon.
pub fn state_line(r: &ComponentResult, warned: impl Fn(WarningKind) -> bool) -> Option<String> {
    let covered = match r.state {
        LoadState::SwitchedOff | LoadState::Stopped => true,
        LoadState::Limited(_) => warned(WarningKind::UnservedLoad),
        LoadState::NotOnline => warned(WarningKind::BeyondHorizon),
        _ => false,
    };
    if covered { None } else { r.reason() }
}

/// Warnings said by the story (so a tooltip does not say them twice).
pub fn told_by_story(kind: WarningKind) -> bool {
    matches!(kind, WarningKind::MiningSwitchedOff | WarningKind::FleetStopped)
}

fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|f| f.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
