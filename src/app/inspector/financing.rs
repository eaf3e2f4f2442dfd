//! The scenario's Financing group (MODEL.md "Financing and tax"): presets for typical debt structures, then
//! debt, tax, depreciation, the covenant and the exit, each with its unit, range and source.

use egui::Ui;

use super::{Action, PowerplotApp, field, record};
use crate::app::edit::EditCommand;
use crate::model::Assumptions;
use crate::model::fields;
use crate::model::financing::presets::PRESETS;

/// The assumption fields shown here rather than with the site's assumptions, in display order.
pub use crate::model::financing::FIELD_KEYS as KEYS;

const BONUS_TIP: &str = "100 % bonus depreciation: 5- and 15-year property (hardware, substations, cooling, \
     fit-out) is deducted in full when placed in service. The July 2025 tax law made it permanent for property \
     acquired after 19 January 2025. Off: MACRS half-year tables. On by default.";

pub fn show(app: &mut PowerplotApp, ui: &mut Ui, actions: &mut Vec<Action>) {
    let scenario = app.doc.active;
    let s = app.doc.scenario();
    let a = s.assumptions.clone();
    let what = format!("Financing of \"{}\"", s.name);
    let set = |a: Assumptions| EditCommand::SetAssumptions { scenario, assumptions: a };

    ui.horizontal_wrapped(|ui| {
        ui.weak("Presets:");
        for preset in &PRESETS {
            let chosen = preset.is_applied(&a);
            if ui.selectable_label(chosen, preset.label).on_hover_text(preset.source).clicked() && !chosen {
                actions.push(Action::Edit(set(preset.applied(&a))));
            }
        }
    });
    field::grid("financing_fields").show(ui, |ui| {
        for key in KEYS {
            let Some(f) = fields::ASSUMPTION_FIELDS.iter().find(|f| f.key == key) else { continue };
            let outcome = field::num_row(ui, f, (f.get)(&a), false);
            ui.end_row();
            record(outcome, &what, actions, |v| {
                let mut next = a.clone();
                (f.set)(&mut next, v);
                set(next)
            });
            if key == "building_share" {
                let label = ui.label("Bonus depreciation").on_hover_text(BONUS_TIP);
                let mut on = a.bonus_depreciation;
                if ui.checkbox(&mut on, "").labelled_by(label.id).on_hover_text(BONUS_TIP).changed() {
                    let mut next = a.clone();
                    next.bonus_depreciation = on;
                    actions.push(Action::Edit(set(next)));
                }
                ui.end_row();
            }
        }
    });
    ui.weak("Debt: interest only until the later of the interest-only months and full power, then level payments to the tenor's end; whatever is owed at the horizon's end is repaid then.");
}
