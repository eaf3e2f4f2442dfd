//! The scenario's site-wide assumptions: prices, discounting, permitting, start month, halvings, the water
//! allowance and the site boundary (debt and tax have their own group, `financing`).

use egui::Ui;

use super::{Action, PowerplotApp, field, record};
use crate::app::edit::EditCommand;
use crate::model::fields::{self, NumField};
use crate::model::{Assumptions, Rect, Redundancy, YearMonth};

const YEAR: NumField<YearMonth> = NumField {
    key: "year",
    label: "Year",
    unit: "",
    min: 1970.0,
    max: 2200.0,
    integer: true,
    source: "A calendar year",
    get: |m| m.year as f64,
    set: |m, v| m.year = v as i32,
};

const MONTH: NumField<YearMonth> = NumField {
    key: "month",
    label: "Month",
    unit: "",
    min: 1.0,
    max: 12.0,
    integer: true,
    source: "1 = January .. 12 = December",
    get: |m| m.month as f64,
    set: |m, v| m.month = v as u32,
};

const WATER_LIMIT: NumField<Assumptions> = NumField {
    key: "water_limit_m3_per_day",
    label: "Water allowance",
    unit: "m3/day",
    min: fields::WATER_LIMIT_RANGE.0,
    max: fields::WATER_LIMIT_RANGE.1,
    integer: false,
    source: "The site's water right or well capacity; full-build water above it is a warning. None by default.",
    get: |a| a.water_limit_m3_per_day.unwrap_or(0.0),
    set: |a, v| a.water_limit_m3_per_day = Some(v),
};

const CAPITAL_BUDGET: NumField<Assumptions> = NumField {
    key: "capital_budget_usd",
    label: "Capital budget (best mix)",
    unit: "USD",
    min: fields::CAPITAL_BUDGET_RANGE.0,
    max: fields::CAPITAL_BUDGET_RANGE.1,
    integer: false,
    source: "What the best mix may spend: every purchase within the horizon except hardware refreshes and \
             replacement parts. None by default; the \"Find the best mix\" window edits it too.",
    get: |a| a.capital_budget_usd.unwrap_or(0.0),
    set: |a, v| a.capital_budget_usd = Some(v),
};

const BOUNDARY: [NumField<Rect>; 2] = [
    NumField {
        key: "boundary.w",
        label: "Site width",
        unit: "m",
        min: 1.0,
        max: 1.0e6,
        integer: false,
        source: "1,000 x 600 m by default",
        get: |r| r.w,
        set: |r, v| r.w = v,
    },
    NumField {
        key: "boundary.h",
        label: "Site depth",
        unit: "m",
        min: 1.0,
        max: 1.0e6,
        integer: false,
        source: "1,000 x 600 m by default",
        get: |r| r.h,
        set: |r, v| r.h = v,
    },
];

/// Months between halvings, used to propose the next one.
const HALVING_INTERVAL_MONTHS: u32 = 48;

pub fn show(app: &mut PowerplotApp, ui: &mut Ui, actions: &mut Vec<Action>) {
    let scenario = app.doc.active;
    let s = app.doc.scenario();
    let a = s.assumptions.clone();
    let boundary = s.boundary;
    let what = format!("Assumptions of \"{}\"", s.name);
    let set = |a: Assumptions| EditCommand::SetAssumptions { scenario, assumptions: a };

    field::grid("assumption_fields").show(ui, |ui| {
        for f in fields::ASSUMPTION_FIELDS.iter().filter(|f| !super::financing::KEYS.contains(&f.key)) {
            let outcome = field::num_row(ui, f, (f.get)(&a), false);
            ui.end_row();
            record(outcome, &what, actions, |v| {
                let mut next = a.clone();
                (f.set)(&mut next, v);
                set(next)
            });
            if f.key == "ai_build_premium" {
                premium_checks(ui, &a, actions, &set);
                ui.end_row();
            }
        }
        ui.label("Start").on_hover_text("Month 0 of the simulation; 2027-01 by default");
        ui.horizontal(|ui| {
            year_month(ui, a.start, &what, actions, |m| {
                let mut next = a.clone();
                next.start = m;
                set(next)
            })
        });
        ui.end_row();
        for (label, tip, value, flip) in [
            ("Permits in hand", "Off adds the permitting time to every new part's lead time", a.permits_in_hand, 0),
            (
                "Refresh hardware",
                "Replace miners and GPUs at the end of their life at the same price",
                a.refresh_hardware,
                1,
            ),
        ] {
            let label = ui.label(label).on_hover_text(tip);
            let mut v = value;
            if ui.checkbox(&mut v, "").labelled_by(label.id).on_hover_text(tip).changed() {
                let mut next = a.clone();
                if flip == 0 {
                    next.permits_in_hand = v
                } else {
                    next.refresh_hardware = v
                }
                actions.push(Action::Edit(set(next)));
            }
            ui.end_row();
        }
        flexibility_and_firm_capacity(ui, &a, actions, &set);
        let mut limited = a.water_limit_m3_per_day.is_some();
        let label = ui.label("Limit water use").on_hover_text(WATER_LIMIT.source);
        if ui.checkbox(&mut limited, "").labelled_by(label.id).changed() {
            let mut next = a.clone();
            next.water_limit_m3_per_day = limited.then_some(1_000.0);
            actions.push(Action::Edit(set(next)));
        }
        ui.end_row();
        if a.water_limit_m3_per_day.is_some() {
            let outcome = field::num_row(ui, &WATER_LIMIT, (WATER_LIMIT.get)(&a), false);
            ui.end_row();
            record(outcome, &what, actions, |v| {
                let mut next = a.clone();
                (WATER_LIMIT.set)(&mut next, v);
                set(next)
            });
        }
        let mut budgeted = a.capital_budget_usd.is_some();
        let label = ui.label("Capital budget").on_hover_text(CAPITAL_BUDGET.source);
        if ui.checkbox(&mut budgeted, "").labelled_by(label.id).changed() {
            let mut next = a.clone();
            next.capital_budget_usd = budgeted.then_some(1.0e9);
            actions.push(Action::Edit(set(next)));
        }
        ui.end_row();
        if a.capital_budget_usd.is_some() {
            let outcome = field::num_row(ui, &CAPITAL_BUDGET, (CAPITAL_BUDGET.get)(&a), false);
            ui.end_row();
            record(outcome, &what, actions, |v| {
                let mut next = a.clone();
                (CAPITAL_BUDGET.set)(&mut next, v);
                set(next)
            });
        }
        for f in &BOUNDARY {
            let outcome = field::num_row(ui, f, (f.get)(&boundary), false);
            ui.end_row();
            record(outcome, &what, actions, |v| {
                let mut next = boundary;
                (f.set)(&mut next, v);
                EditCommand::SetBoundary { scenario, boundary: next }
            });
        }
    });
    halvings(ui, &a, &what, actions, &set);
}

/// Under the AI build premium: the facility capex per MW of IT it gives, and the market checks of MODEL.md as
/// presets with the $/MW each gives, so a plan's premium reads against recent deals.
fn premium_checks(ui: &mut Ui, a: &Assumptions, actions: &mut Vec<Action>, set: &impl Fn(Assumptions) -> EditCommand) {
    let base = a.mining_facility_capex_usd_per_mw;
    ui.label("");
    ui.vertical(|ui| {
        ui.label(format!("= {}/MW of IT", crate::outputs::format::money(a.ai_build_premium * base)))
            .on_hover_text("AI build premium x mining facility capex per MW of IT");
        ui.weak("Market checks:");
        for check in fields::PREMIUM_MARKET_CHECKS {
            let text = crate::outputs::format::premium(check.multiple, base);
            let tip = format!("{}: {}. Sets the premium to {}x.", check.label, check.source, check.multiple);
            let chosen = (a.ai_build_premium - check.multiple).abs() < 1e-9;
            if ui.selectable_label(chosen, text).on_hover_text(tip).clicked() && !chosen {
                let mut next = a.clone();
                next.ai_build_premium = check.multiple;
                actions.push(Action::Edit(set(next)));
            }
        }
    });
}

/// Year and month side by side; each can be dragged or typed.
fn year_month(
    ui: &mut Ui,
    value: YearMonth,
    what: &str,
    actions: &mut Vec<Action>,
    edit: impl Fn(YearMonth) -> EditCommand,
) {
    for f in [&YEAR, &MONTH] {
        ui.push_id(f.key, |ui| {
            let outcome = field::num_row(ui, f, (f.get)(&value), false);
            record(outcome, what, actions, |v| {
                let mut next = value;
                (f.set)(&mut next, v);
                edit(next)
            });
        });
    }
}

fn halvings(
    ui: &mut Ui,
    a: &Assumptions,
    what: &str,
    actions: &mut Vec<Action>,
    set: &impl Fn(Assumptions) -> EditCommand,
) {
    ui.add_space(4.0);
    ui.label("Bitcoin halvings").on_hover_text(
        "Each halves the hashprice from its month on. The 2028 one is expected at block 1,050,000 in April 2028; 2032 is an estimate.",
    );
    let mut remove = None;
    for (i, h) in a.halvings.iter().enumerate() {
        ui.push_id(("halving", i), |ui| {
            ui.horizontal(|ui| {
                year_month(ui, *h, what, actions, |m| {
                    let mut next = a.clone();
                    next.halvings[i] = m;
                    set(next)
                });
                if ui.small_button("Remove").clicked() {
                    remove = Some(i);
                }
            });
        });
    }
    if let Some(i) = remove {
        let mut next = a.clone();
        next.halvings.remove(i);
        actions.push(Action::Edit(set(next)));
    }
    if ui.button("Add halving").clicked() {
        let mut next = a.clone();
        let last = next.halvings.iter().max().copied().unwrap_or(next.start);
        next.halvings.push(last.plus_months(HALVING_INTERVAL_MONTHS));
        actions.push(Action::Edit(set(next)));
    }
}

/// Grid rows for "Flexible mining" and "Firm capacity" (MODEL.md): whether mining avoids the peak hours that
/// set transmission charges, and the redundancy the AI load asks of power and cooling.
fn flexibility_and_firm_capacity(
    ui: &mut Ui,
    a: &Assumptions,
    actions: &mut Vec<Action>,
    set: &impl Fn(Assumptions) -> EditCommand,
) {
    let tip = "Mining switches off in the grid's peak hours (ERCOT's four coincident peaks), so it pays no peak transmission charge; an AI tenant cannot. On by default.";
    let label = ui.label("Mining avoids peaks").on_hover_text(tip);
    let mut avoids = a.mining_avoids_peaks;
    if ui.checkbox(&mut avoids, "").labelled_by(label.id).on_hover_text(tip).changed() {
        let mut next = a.clone();
        next.mining_avoids_peaks = avoids;
        actions.push(Action::Edit(set(next)));
    }
    ui.end_row();
    let power = "Firm power the AI load asks for. N: every transformer and turbine counts; N+1: the largest one may fail (Uptime Tier III, concurrently maintainable); 2N: half the pool (two independent paths). N+1 by default; mining runs fine on N.";
    if let Some(r) = redundancy_row(ui, "AI power redundancy", power, a.ai_power_redundancy, &Redundancy::ALL) {
        let mut next = a.clone();
        next.ai_power_redundancy = r;
        actions.push(Action::Edit(set(next)));
    }
    let cooling = "Firm cooling the AI load asks for. N: every cooling unit counts; N+1: the largest unit may fail. N+1 by default.";
    let choices = [Redundancy::N, Redundancy::NPlus1];
    if let Some(r) = redundancy_row(ui, "AI cooling redundancy", cooling, a.ai_cooling_redundancy, &choices) {
        let mut next = a.clone();
        next.ai_cooling_redundancy = r;
        actions.push(Action::Edit(set(next)));
    }
}

/// A drop-down of redundancies; returns the one picked this frame when it differs from `current`.
fn redundancy_row(
    ui: &mut Ui,
    label: &str,
    tip: &str,
    current: Redundancy,
    choices: &[Redundancy],
) -> Option<Redundancy> {
    let label_id = ui.label(label).on_hover_text(tip).id;
    let mut picked = current;
    egui::ComboBox::from_id_salt(("redundancy", label))
        .selected_text(current.label())
        .show_ui(ui, |ui| {
            for r in choices {
                ui.selectable_value(&mut picked, *r, r.label());
            }
        })
        .response
        .labelled_by(label_id)
        .on_hover_text(tip);
    ui.end_row();
    (picked != current).then_some(picked)
}
