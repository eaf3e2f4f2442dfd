//! When a single part builds, comes online and retires, as calendar months with the month number beside; the
//! hall it converts or the pod that converts it; an existing hall's fleet purchase; the one-click fix of a
//! load waiting for power; and "Convert to AI…" for an existing hall (MODEL.md third layer).

use egui::Ui;

use super::{Action, PowerplotApp};
use crate::app::edit::EditCommand;
use crate::model::catalog;
use crate::model::fields;
use crate::model::{
    BusinessModel, Component, ComponentKind, Evaluation, GpuPod, KindTag, Scenario, WarningFix, WarningKind, YearMonth,
};
use crate::outputs::format;

/// What the "Convert to AI…" form holds between frames.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ConvertDraft {
    pub hall: u64,
    pub system: usize,
    pub business: BusinessModel,
    pub start_month: u32,
}

fn month(start: YearMonth, m: u32) -> String {
    format!("{} (month {m})", format::model_month(start, m))
}

pub fn show(app: &mut PowerplotApp, ui: &mut Ui, c: &Component, actions: &mut Vec<Action>) {
    let s = app.doc.scenario();
    let start = s.assumptions.start;
    let scenario = app.doc.active;
    let e = app.results.get(scenario);
    let r = e.and_then(|e| e.component(c.id));
    ui.add_space(4.0);
    ui.strong("Timing");
    if c.existing {
        ui.label("Existing: online from the start");
    } else {
        ui.label(format!("Build starts {}", month(start, c.build_start_month)));
    }
    if let Some(r) = r {
        if r.cancelled {
            ui.weak("Not built in this run");
        } else if !c.existing {
            ui.label(format!("Online {}", month(start, r.online_month)));
        }
        if let Some(request) = e
            .and_then(|e| e.schedule.grid.requests.iter().zip(&s.components).find(|(_, p)| p.id == c.id))
            .and_then(|(q, _)| *q)
        {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!(
                    "Needs a grid request: {:.0} MVA beyond the approval; online only if approved",
                    request.mva_beyond
                ),
            );
        }
    }
    retire_row(ui, s, c, r.and_then(|r| r.retire_month), actions, scenario);
    conversion_rows(ui, s, c, actions, scenario);
    if let (ComponentKind::AsicHall(h), true) = (&c.kind, c.existing) {
        let usd = h.fleet_change_usd();
        if usd > 0.0 {
            let i = h.installed();
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!(
                    "Fleet purchase in month 0: {} (installed: {} × {})",
                    format::money(usd),
                    format::count(f64::from(i.count)),
                    i.model
                ),
            );
        }
    }
    if let Some(e) = e {
        waiting_fix(ui, s, e, c, actions, scenario);
    }
    if matches!(c.kind, ComponentKind::AsicHall(_)) {
        convert_form(app, ui, c, actions);
    }
}

fn retire_row(
    ui: &mut Ui,
    s: &Scenario,
    c: &Component,
    effective: Option<u32>,
    actions: &mut Vec<Action>,
    scenario: usize,
) {
    let start = s.assumptions.start;
    ui.horizontal(|ui| {
        let mut retires = c.retire_month.is_some();
        let tip = "From this month on the part is gone: no power, capacity, revenue or upkeep";
        if ui.checkbox(&mut retires, "Retires").on_hover_text(tip).changed() {
            let mut next = c.clone();
            next.retire_month = retires.then(|| effective.unwrap_or(60).max(1));
            actions.push(Action::Edit(EditCommand::ReplaceComponent { scenario, component: next }));
        }
        if let Some(m) = c.retire_month {
            let (lo, hi) = fields::RETIRE_MONTH_RANGE;
            let mut v = m;
            let response = ui.add(egui::DragValue::new(&mut v).range(lo as u32..=hi as u32).suffix(" mo"));
            if response.drag_started() {
                actions.push(Action::BeginGesture);
            }
            if v != m {
                let mut next = c.clone();
                next.retire_month = Some(v);
                actions.push(Action::Edit(EditCommand::ReplaceComponent { scenario, component: next }));
            }
            if response.drag_stopped() {
                actions.push(Action::EndGesture);
            }
            ui.weak(format::model_month(start, m));
        }
    });
    if let Some(m) = effective.filter(|m| c.retire_month != Some(*m)) {
        ui.label(format!("Stops mining {}: its conversion starts", month(start, m)));
    }
}

/// The hall a retrofit converts (chosen among the existing halls), or the pod that converts this hall.
fn conversion_rows(ui: &mut Ui, s: &Scenario, c: &Component, actions: &mut Vec<Action>, scenario: usize) {
    match &c.kind {
        ComponentKind::GpuPod(p) if p.retrofit => {
            let name = |id: Option<u64>| {
                id.and_then(|id| s.component(id)).map_or("none (the hall was removed)".to_string(), |h| h.name.clone())
            };
            let taken: Vec<u64> = s
                .components
                .iter()
                .filter(|o| o.id != c.id)
                .filter_map(|o| match &o.kind {
                    ComponentKind::GpuPod(q) => q.converts,
                    _ => None,
                })
                .collect();
            ui.horizontal(|ui| {
                let combo = egui::ComboBox::from_label("Converts").selected_text(name(p.converts));
                let shown = combo.show_ui(ui, |ui| {
                    let halls = s.components.iter().filter(|h| {
                        h.existing && matches!(h.kind, ComponentKind::AsicHall(_)) && !taken.contains(&h.id)
                    });
                    for choice in std::iter::once(None).chain(halls.map(|h| Some(h.id))) {
                        if ui.selectable_label(p.converts == choice, name(choice)).clicked() && p.converts != choice {
                            let mut next = c.clone();
                            if let ComponentKind::GpuPod(q) = &mut next.kind {
                                q.converts = choice;
                            }
                            actions.push(Action::Edit(EditCommand::ReplaceComponent { scenario, component: next }));
                        }
                    }
                });
                shown.response.on_hover_text(
                    "The existing hall this retrofit converts: it mines until the pod's build starts, then retires",
                );
            });
        }
        ComponentKind::AsicHall(_) => {
            let by =
                s.components.iter().find(|o| matches!(&o.kind, ComponentKind::GpuPod(q) if q.converts == Some(c.id)));
            if let Some(pod) = by {
                ui.label(format!(
                    "Converted to {} from {}",
                    pod.name,
                    month(s.assumptions.start, pod.build_start_month)
                ));
            }
        }
        _ => {}
    }
}

/// "Start building in Jan 2029" for a load the model finds waiting for power: one undoable edit.
fn waiting_fix(ui: &mut Ui, s: &Scenario, e: &Evaluation, c: &Component, actions: &mut Vec<Action>, scenario: usize) {
    for w in e.warnings_for(c.id).filter(|w| w.kind == WarningKind::WaitingForPower) {
        ui.colored_label(ui.visuals().warn_fg_color, &w.message);
        if let Some(WarningFix::SetBuildStart { month: m, .. }) = w.fix {
            let label = format!("Start building in {}", format::model_month(s.assumptions.start, m));
            if ui.button(label).on_hover_text("Moves the build start so it comes online with its power").clicked() {
                let mut next = c.clone();
                next.build_start_month = m;
                actions.push(Action::Edit(EditCommand::ReplaceComponent { scenario, component: next }));
            }
        }
    }
}

/// A retrofit pod of the chosen GPU system over an existing hall, sized as the optimizer sizes a retrofit: the
/// hall's IT rounded down to whole systems.
pub fn conversion_pod(s: &Scenario, hall: &Component, draft: &ConvertDraft) -> Option<Component> {
    let ComponentKind::AsicHall(h) = &hall.kind else { return None };
    let preset = catalog::GPU_SYSTEMS.get(draft.system)?;
    let systems = (h.it_mw() * 1000.0 / preset.kw).floor().max(0.0) as u32;
    let mut pod = GpuPod { system_count: systems, business: draft.business, retrofit: true, ..GpuPod::default() };
    pod.apply_preset(preset);
    pod.converts = Some(hall.id);
    let mut c =
        Component::new(s.next_id(), KindTag::GpuPod, format!("AI pod ({})", hall.name), hall.rect.x, hall.rect.y);
    c.rect = hall.rect;
    c.lead_time_months = 12;
    c.build_start_month = draft.start_month;
    c.kind = ComponentKind::GpuPod(pod);
    Some(c)
}

fn convert_form(app: &mut PowerplotApp, ui: &mut Ui, c: &Component, actions: &mut Vec<Action>) {
    let s = app.doc.scenario();
    let converted =
        s.components.iter().any(|o| matches!(&o.kind, ComponentKind::GpuPod(q) if q.converts == Some(c.id)));
    if converted {
        return;
    }
    if !c.existing {
        ui.weak("Convert to AI: only an existing hall can be converted (mark it existing first)");
        return;
    }
    let open = app.inspector.convert.is_some_and(|d| d.hall == c.id);
    if !open {
        if ui.button("Convert to AI…").on_hover_text("Add a retrofit GPU pod that converts this hall").clicked() {
            app.inspector.convert =
                Some(ConvertDraft { hall: c.id, system: 2, business: BusinessModel::Colocation, start_month: 0 });
        }
        return;
    }
    let Some(mut draft) = app.inspector.convert else { return };
    let start = s.assumptions.start;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.strong(format!("Convert {} to AI", c.name));
        egui::ComboBox::from_label("GPU system")
            .selected_text(catalog::GPU_SYSTEMS.get(draft.system).map_or("?", |p| p.name))
            .show_ui(ui, |ui| {
                for (i, p) in catalog::GPU_SYSTEMS.iter().enumerate() {
                    ui.selectable_value(&mut draft.system, i, p.name);
                }
            });
        ui.horizontal(|ui| {
            for b in BusinessModel::ALL {
                ui.radio_value(&mut draft.business, b, b.label());
            }
        });
        ui.horizontal(|ui| {
            ui.label("Conversion starts");
            ui.add(egui::DragValue::new(&mut draft.start_month).range(0..=240).suffix(" mo"));
            ui.weak(format::model_month(start, draft.start_month));
        });
        let pod = conversion_pod(s, c, &draft);
        if let Some(p) = &pod {
            ui.weak(format!(
                "{} mines until {}; the pod ({} IT) comes online {}",
                c.name,
                format::model_month(start, draft.start_month),
                format::power_mw(p.it_mw()),
                format::model_month(start, draft.start_month + p.lead_time_months)
            ));
        }
        ui.horizontal(|ui| {
            if ui.button("Convert").clicked()
                && let Some(p) = pod
            {
                actions
                    .push(Action::Edit(EditCommand::AddComponents { scenario: app.doc.active, components: vec![p] }));
                app.inspector.convert = None;
                return;
            }
            if ui.button("Cancel").clicked() {
                app.inspector.convert = None;
                return;
            }
            app.inspector.convert = Some(draft);
        });
    });
}
