//! Range checks for a whole project. Every problem names where it is (scenario, component, field), the value
//! and the valid range, so a planner can fix a file or an edit without guessing.

use thiserror::Error;

use super::assumptions::Redundancy;
use super::assumptions::{Assumptions, YearMonth};
use super::component::{Component, ComponentKind};
use super::fields::{self, NumField};
use super::scenario::{Project, Scenario};
use super::underlay::{self, Underlay};

/// Limits that keep a project's size sane; a file beyond them is refused rather than slowing the app down.
pub const MAX_SCENARIOS: usize = 64;
pub const MAX_COMPONENTS_PER_SCENARIO: usize = 20_000;
/// Components in all scenarios together: about 25 MiB of RON, so any project that validates can be saved
/// under the file size cap and opened again.
pub const MAX_COMPONENTS_TOTAL: usize = 30_000;
pub const MAX_NAME_CHARS: usize = 200;
pub const MAX_HALVINGS: usize = 20;

#[derive(Debug, Clone, PartialEq, Error)]
#[error("{location}: {field} is {value}, must be {range}")]
pub struct ValidationError {
    /// "scenario \"Hybrid\", component \"Hall A\"" or "scenario \"Hybrid\", assumptions".
    pub location: String,
    pub field: String,
    pub value: String,
    pub range: String,
}

pub fn validate_project(project: &Project) -> Result<(), Vec<ValidationError>> {
    let mut errors = Vec::new();
    check_name("project", "name", &project.name, &mut errors);
    if project.scenarios.is_empty() {
        errors.push(err("project", "scenarios", "0 scenarios", "at least 1 scenario"));
    }
    if project.scenarios.len() > MAX_SCENARIOS {
        errors.push(err(
            "project",
            "scenarios",
            &format!("{} scenarios", project.scenarios.len()),
            &format!("at most {MAX_SCENARIOS}"),
        ));
    }
    let total = total_components(project);
    if total > MAX_COMPONENTS_TOTAL {
        errors.push(err(
            "project",
            "components",
            &format!("{total} components in all scenarios"),
            &format!("at most {MAX_COMPONENTS_TOTAL}"),
        ));
    }
    for scenario in &project.scenarios {
        errors.extend(validate_scenario(scenario));
    }
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

pub fn validate_scenario(scenario: &Scenario) -> Vec<ValidationError> {
    let mut errors = Vec::new();
    let here = format!("scenario \"{}\"", scenario.name);
    check_name(&here, "name", &scenario.name, &mut errors);
    validate_assumptions(&scenario.assumptions, &format!("{here}, assumptions"), &mut errors);
    let b = &scenario.boundary;
    for (key, v) in [("boundary.x", b.x), ("boundary.y", b.y)] {
        check_value(&format!("{here}, site boundary"), key, v, -1.0e6, 1.0e6, &mut errors);
    }
    for (key, v) in [("boundary.w", b.w), ("boundary.h", b.h)] {
        check_value(&format!("{here}, site boundary"), key, v, 1.0, 1.0e6, &mut errors);
    }
    if let Some(u) = &scenario.underlay {
        validate_underlay(u, &format!("{here}, underlay"), &mut errors);
    }
    if scenario.components.len() > MAX_COMPONENTS_PER_SCENARIO {
        errors.push(err(
            &here,
            "components",
            &format!("{} components", scenario.components.len()),
            &format!("at most {MAX_COMPONENTS_PER_SCENARIO}"),
        ));
        return errors;
    }
    let mut ids: Vec<u64> = scenario.components.iter().map(|c| c.id).collect();
    ids.sort_unstable();
    if let Some(w) = ids.windows(2).find(|w| w[0] == w[1]) {
        errors.push(err(&here, "id", &w[0].to_string(), "unique within the scenario"));
    }
    // The location text is built only for a component with a problem: dragging a part on a large site
    // re-validates every component each frame.
    let mut found = Vec::new();
    for c in &scenario.components {
        validate_component(c, "", &mut found);
        validate_conversion(scenario, c, &mut found);
        if !found.is_empty() {
            let location = format!("{here}, component \"{}\"", c.name);
            errors.extend(found.drain(..).map(|e| ValidationError { location: location.clone(), ..e }));
        }
    }
    errors
}

pub fn total_components(project: &Project) -> usize {
    project.scenarios.iter().map(|s| s.components.len()).sum()
}

/// Checks one value against a field table entry; used by the inspector before it commits an edit.
pub fn check_field<T>(field: &NumField<T>, value: f64) -> Result<(), String> {
    if field.in_range(value) {
        Ok(())
    } else {
        Err(format!("{} is {}, must be {}", field.label, show(value), field.range_text()))
    }
}

fn validate_assumptions(a: &Assumptions, here: &str, errors: &mut Vec<ValidationError>) {
    check_table(a, fields::ASSUMPTION_FIELDS, here, errors);
    check_month(here, "start", a.start, errors);
    if a.halvings.len() > MAX_HALVINGS {
        errors.push(err(here, "halvings", &format!("{} dates", a.halvings.len()), &format!("at most {MAX_HALVINGS}")));
    }
    for h in &a.halvings {
        check_month(here, "halvings", *h, errors);
    }
    if let Some(limit) = a.water_limit_m3_per_day {
        let (lo, hi) = fields::WATER_LIMIT_RANGE;
        check_value(here, "water_limit_m3_per_day", limit, lo, hi, errors);
    }
    if let Some(budget) = a.capital_budget_usd {
        let (lo, hi) = fields::CAPITAL_BUDGET_RANGE;
        check_value(here, "capital_budget_usd", budget, lo, hi, errors);
    }
    if let Some(mva) = a.interconnection_mva {
        let (lo, hi) = fields::INTERCONNECTION_MVA_RANGE;
        check_value(here, "interconnection_mva", mva, lo, hi, errors);
    }
    errors.extend(a.risk.validation_errors(here));
    if a.ai_cooling_redundancy == Redundancy::TwoN {
        errors.push(err(here, "ai_cooling_redundancy", "TwoN", "N or NPlus1 (cooling is not built twice)"));
    }
}

fn validate_underlay(u: &Underlay, here: &str, errors: &mut Vec<ValidationError>) {
    let n = u.path.chars().count();
    if n == 0 || n > underlay::MAX_PATH_CHARS {
        errors.push(err(
            here,
            "path",
            &format!("{n} characters long"),
            &format!("1 to {} characters", underlay::MAX_PATH_CHARS),
        ));
    }
    let (lo, hi) = underlay::ORIGIN_RANGE;
    check_value(here, "origin.x", u.origin.x, lo, hi, errors);
    check_value(here, "origin.y", u.origin.y, lo, hi, errors);
    let (lo, hi) = underlay::METRES_PER_PIXEL_RANGE;
    check_value(here, "metres_per_pixel", u.metres_per_pixel, lo, hi, errors);
    let (lo, hi) = underlay::ROTATION_RANGE;
    check_value(here, "rotation_deg", u.rotation_deg, lo, hi, errors);
    let (lo, hi) = underlay::OPACITY_RANGE;
    check_value(here, "opacity", u.opacity, lo, hi, errors);
}

/// MODEL.md "Precisely (phasing)": `converts` names an existing ASIC hall of the same scenario, only on a
/// retrofit pod, and no hall is named by two pods.
fn validate_conversion(s: &Scenario, c: &Component, errors: &mut Vec<ValidationError>) {
    let ComponentKind::GpuPod(p) = &c.kind else { return };
    let Some(hall) = p.converts else { return };
    let value = hall.to_string();
    if !p.retrofit {
        errors.push(err("", "converts", &value, "set only on a retrofit pod (retrofit: true)"));
    }
    match s.component(hall) {
        Some(h) if matches!(h.kind, ComponentKind::AsicHall(_)) && h.existing => {}
        Some(h) => errors.push(err(
            "",
            "converts",
            &format!("{value} ({})", h.name),
            "the id of an existing ASIC hall of this scenario",
        )),
        None => errors.push(err("", "converts", &value, "the id of an existing ASIC hall of this scenario")),
    }
    let first = s.components.iter().find(|o| matches!(&o.kind, ComponentKind::GpuPod(q) if q.converts == Some(hall)));
    if first.is_some_and(|o| o.id != c.id) {
        errors.push(err("", "converts", &value, "a hall no other pod converts"));
    }
}

fn validate_component(c: &Component, here: &str, errors: &mut Vec<ValidationError>) {
    check_name(here, "name", &c.name, errors);
    check_table(c, fields::COMPONENT_FIELDS, here, errors);
    if let Some(r) = c.retire_month {
        let (lo, hi) = fields::RETIRE_MONTH_RANGE;
        check_value(here, "retire_month", f64::from(r), lo, hi, errors);
    }
    match &c.kind {
        ComponentKind::AsicHall(h) => {
            check_name(here, "miner_model", &h.miner_model, errors);
            check_table(h, fields::ASIC_HALL_FIELDS, here, errors);
            if let Some(model) = &h.installed_miner_model {
                check_name(here, "installed_miner_model", model, errors);
            }
            let installed = [
                ("installed_miner_count", h.installed_miner_count.map(f64::from), "miner_count"),
                ("installed_miner_th_s", h.installed_miner_th_s, "miner_th_s"),
                ("installed_miner_kw", h.installed_miner_kw, "miner_kw"),
            ];
            for (key, value, like) in installed {
                let range = fields::ASIC_HALL_FIELDS.iter().find(|f| f.key == like);
                if let (Some(v), Some(f)) = (value, range) {
                    check_value(here, key, v, f.min, f.max, errors);
                }
            }
        }
        ComponentKind::GpuPod(p) => {
            check_name(here, "system_model", &p.system_model, errors);
            check_table(p, fields::GPU_POD_FIELDS, here, errors)
        }
        ComponentKind::Substation(s) => check_table(s, fields::SUBSTATION_FIELDS, here, errors),
        ComponentKind::CoolingPlant(p) => check_table(p, fields::COOLING_PLANT_FIELDS, here, errors),
        ComponentKind::GasTurbine(t) => check_table(t, fields::GAS_TURBINE_FIELDS, here, errors),
    }
}

fn check_table<T>(item: &T, table: &[NumField<T>], here: &str, errors: &mut Vec<ValidationError>) {
    for f in table {
        let v = (f.get)(item);
        if !f.in_range(v) {
            errors.push(err(here, f.key, &show(v), &f.range_text()));
        }
    }
}

fn check_value(here: &str, key: &str, v: f64, min: f64, max: f64, errors: &mut Vec<ValidationError>) {
    if !(v.is_finite() && v >= min && v <= max) {
        errors.push(err(here, key, &show(v), &format!("{min} to {max}")));
    }
}

fn check_month(here: &str, key: &str, ym: YearMonth, errors: &mut Vec<ValidationError>) {
    if !(1970..=2200).contains(&ym.year) || !(1..=12).contains(&ym.month) {
        errors.push(err(
            here,
            key,
            &format!("year {} month {}", ym.year, ym.month),
            "a year 1970 to 2200 and a month 1 to 12",
        ));
    }
}

fn check_name(here: &str, key: &str, name: &str, errors: &mut Vec<ValidationError>) {
    let n = name.chars().count();
    if n > MAX_NAME_CHARS {
        errors.push(err(here, key, &format!("{n} characters long"), &format!("at most {MAX_NAME_CHARS} characters")));
    }
}

fn show(v: f64) -> String {
    if v.is_nan() { "not a number".to_string() } else { format!("{v}") }
}

fn err(location: &str, field: &str, value: &str, range: &str) -> ValidationError {
    ValidationError {
        location: location.to_string(),
        field: field.to_string(),
        value: value.to_string(),
        range: range.to_string(),
    }
}
