//! The Risk group of the inspector: draws, seed, and each uncertain input's switch and spread, every figure
//! with its source in a tooltip (MODEL.md "Risk (Monte Carlo)").

use egui::{Grid, Ui};

use super::{Action, PowerplotApp, field, record};
use crate::app::edit::EditCommand;
use crate::model::Assumptions;
use crate::model::risk::{RISK_FIELDS, RiskSettings};

/// The inputs with a switch: label, tooltip, the field-key prefix of their spread, and the switch itself.
type Switch = (&'static str, &'static str, &'static str, fn(&mut RiskSettings) -> &mut bool);

const SWITCHES: [Switch; 7] = [
    ("Hashprice path", "A mean-reverting walk of the log-hashprice around its base path", "hashprice.", |r| {
        &mut r.hashprice.on
    }),
    ("GPU-hour prices", "One walk for every GPU-hour price", "gpu_price.", |r| &mut r.gpu_price.on),
    (
        "Colocation lease",
        "One draw per scenario, on every new colocation pod (an existing lease is signed)",
        "lease.",
        |r| &mut r.lease.on,
    ),
    ("Power price", "One draw of the grid power price (turbines keep their own price)", "power_price.", |r| {
        &mut r.power_price.on
    }),
    ("AI build premium", "One draw per scenario, never below 1", "ai_premium.", |r| &mut r.ai_premium.on),
    ("Schedule", "Each new part's lead time and the permitting months (one switch)", "schedule.", |r| {
        &mut r.schedule.on
    }),
    ("GPU utilization", "One quantile applied to each GPU-cloud pod's own triangle", "utilization.", |r| {
        &mut r.utilization.on
    }),
];

pub fn show(app: &mut PowerplotApp, ui: &mut Ui, actions: &mut Vec<Action>) {
    let scenario = app.doc.active;
    let s = app.doc.scenario();
    let a = s.assumptions.clone();
    let what = format!("Risk settings of \"{}\"", s.name);
    let set =
        |risk: RiskSettings| EditCommand::SetAssumptions { scenario, assumptions: Assumptions { risk, ..a.clone() } };
    let r = &a.risk;
    ui.label(
        egui::RichText::new("Each input is drawn in every run, switched on or not, so scenarios share their luck.")
            .small(),
    );
    Grid::new("risk_fields").num_columns(2).striped(true).spacing([8.0, 4.0]).show(ui, |ui| {
        // One row per field whose key passes `keep`, each edit a whole new settings record.
        let rows = |ui: &mut Ui, actions: &mut Vec<Action>, keep: &dyn Fn(&str) -> bool| {
            for f in RISK_FIELDS.iter().filter(|f| keep(f.key)) {
                let outcome = field::num_row(ui, f, (f.get)(r), false);
                ui.end_row();
                record(outcome, &what, actions, |v| {
                    let mut next = r.clone();
                    (f.set)(&mut next, v);
                    set(next)
                });
            }
        };
        rows(ui, actions, &|key| !key.contains('.'));
        for (label, tip, prefix, switch) in SWITCHES {
            let mut next = r.clone();
            let on = *switch(&mut next);
            let mut v = on;
            let name = ui.label(egui::RichText::new(label).strong()).on_hover_text(tip);
            if ui.checkbox(&mut v, "on").labelled_by(name.id).on_hover_text(tip).changed() {
                *switch(&mut next) = v;
                actions.push(Action::Edit(set(next)));
            }
            ui.end_row();
            if !on {
                continue;
            }
            rows(ui, actions, &|key| key.starts_with(prefix));
        }
    });
    if ui.small_button("Switch every input on").clicked() {
        let mut next = r.clone();
        next.set_all(true);
        actions.push(Action::Edit(set(next)));
    }
}
