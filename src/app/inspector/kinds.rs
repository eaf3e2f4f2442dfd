//! The kind-specific part of the inspector: presets and choices (miner, GPU system, cooling type, hall
//! cooling, business model, retrofit) and the numeric fields of each kind. A preset fills the fields, which
//! stay editable.

use egui::Ui;

use super::Action;
use super::component::Targets;
use crate::model::catalog;
use crate::model::fields;
use crate::model::{
    AsicHall, BusinessModel, Component, ComponentKind, CoolingPlant, CoolingType, GasTurbine, GpuPod, HallCooling,
    KindTag, Substation,
};

/// Lead time of a GPU pod that reuses a mining hall's shell and permits (MODEL.md).
const RETROFIT_LEAD_TIME_MONTHS: u32 = 12;

macro_rules! projection {
    ($get:ident, $get_mut:ident, $variant:ident, $t:ty) => {
        fn $get(c: &Component) -> Option<&$t> {
            match &c.kind {
                ComponentKind::$variant(k) => Some(k),
                _ => None,
            }
        }
        fn $get_mut(c: &mut Component) -> Option<&mut $t> {
            match &mut c.kind {
                ComponentKind::$variant(k) => Some(k),
                _ => None,
            }
        }
    };
}

projection!(hall, hall_mut, AsicHall, AsicHall);
projection!(pod, pod_mut, GpuPod, GpuPod);
projection!(substation, substation_mut, Substation, Substation);
projection!(plant, plant_mut, CoolingPlant, CoolingPlant);
projection!(turbine, turbine_mut, GasTurbine, GasTurbine);

/// A drop-down row; returns the index of the option picked this frame.
fn choice<S: AsRef<str>>(ui: &mut Ui, label: &str, tip: &str, current: &str, options: &[(&str, S)]) -> Option<usize> {
    let label_id = ui.label(label).on_hover_text(tip).id;
    let mut picked = None;
    let combo = egui::ComboBox::from_id_salt(("inspector_choice", label))
        .selected_text(current)
        .width(super::field::MAX_COLUMN_WIDTH);
    let shown = combo.show_ui(ui, |ui| {
        for (i, (name, source)) in options.iter().enumerate() {
            if ui.selectable_label(*name == current, *name).on_hover_text(source.as_ref()).clicked() {
                picked = Some(i);
            }
        }
    });
    shown.response.labelled_by(label_id);
    ui.end_row();
    picked
}

/// The value shared by every target, or "(differs)".
fn shared<T: PartialEq>(
    targets: &Targets,
    get: impl Fn(&Component) -> Option<T>,
    show: impl Fn(&T) -> String,
) -> String {
    let mut values = targets.parts.iter().filter_map(get);
    match values.next() {
        Some(first) if values.all(|v| v == first) => show(&first),
        Some(_) => "(differs)".to_string(),
        None => String::new(),
    }
}

pub fn rows(ui: &mut Ui, t: &Targets, actions: &mut Vec<Action>) {
    let Some(first) = t.parts.first() else { return };
    match first.tag() {
        KindTag::AsicHall => asic_hall(ui, t, actions),
        KindTag::GpuPod => gpu_pod(ui, t, actions),
        KindTag::Substation => t.table(ui, fields::SUBSTATION_FIELDS, substation, substation_mut, actions),
        KindTag::CoolingPlant => cooling_plant(ui, t, actions),
        KindTag::GasTurbine => t.table(ui, fields::GAS_TURBINE_FIELDS, turbine, turbine_mut, actions),
    }
}

/// Notes below the fields, wrapped to the panel's width.
pub fn notes(ui: &mut Ui, t: &Targets) {
    if t.parts.iter().any(|c| c.tag() == KindTag::GasTurbine && !c.existing) {
        ui.weak("Permit risk: on-site turbines need air permits; mobile turbines used to skip permits have drawn regulator action.");
    }
}

fn asic_hall(ui: &mut Ui, t: &Targets, actions: &mut Vec<Action>) {
    let miners = &t.catalog.miners;
    let options: Vec<(&str, String)> = miners.iter().map(|m| (m.name.as_str(), m.tooltip())).collect();
    let current = shared(t, |c| hall(c).map(|h| h.miner_model.clone()), |m| m.clone());
    let tip = "Picking a model fills hashrate and power per miner (its cooling, and its price when the catalog gives one); every field stays editable. Your own models go in your catalog file";
    if let Some(entry) = choice(ui, "Miner model", tip, &current, &options).and_then(|i| miners.get(i)) {
        actions.push(Action::Edit(t.replace(|c| {
            if let Some(h) = hall_mut(c) {
                entry.apply_to(h);
            }
        })));
    }
    let options: Vec<(&str, &str)> = HallCooling::ALL
        .iter()
        .map(|k| {
            (
                k.label(),
                if k.needs_plant() { "Needs cooling-plant capacity" } else { "The miners' own fans; no plant needed" },
            )
        })
        .collect();
    let current = shared(t, |c| hall(c).map(|h| h.cooling), |k| k.label().to_string());
    let tip = "Air: own fans, no plant. Hydro and immersion need cooling-plant capacity. Sets the hall overhead to its default (air 0.05, hydro 0.03, immersion 0.02)";
    if let Some(i) = choice(ui, "Hall cooling", tip, &current, &options) {
        let cooling = HallCooling::ALL[i];
        actions.push(Action::Edit(t.replace(move |c| {
            if let Some(h) = hall_mut(c) {
                h.cooling = cooling;
                h.overhead = cooling.default_overhead();
            }
        })));
    }
    t.table(ui, fields::ASIC_HALL_FIELDS, hall, hall_mut, actions);
}

fn gpu_pod(ui: &mut Ui, t: &Targets, actions: &mut Vec<Action>) {
    let systems = &t.catalog.gpu_systems;
    let options: Vec<(&str, String)> = systems.iter().map(|g| (g.name.as_str(), g.tooltip())).collect();
    let current = shared(t, |c| pod(c).map(|p| p.system_model.clone()), |m| m.clone());
    let tip = "Picking a system fills GPUs, power, price and GPU-hour price; every field stays editable. Your own systems go in your catalog file";
    if let Some(entry) = choice(ui, "GPU system", tip, &current, &options).and_then(|i| systems.get(i)) {
        actions.push(Action::Edit(t.replace(|c| {
            if let Some(p) = pod_mut(c) {
                entry.apply_to(p);
            }
        })));
    }
    let options: Vec<(&str, &str)> = BusinessModel::ALL
        .iter()
        .map(|b| match b {
            BusinessModel::Colocation => {
                (b.label(), "Lease the powered shell per kW of IT; the tenant owns the GPUs and pays its power")
            }
            BusinessModel::GpuCloud => (b.label(), "Own the GPUs and rent GPU-hours"),
        })
        .collect();
    let current = shared(t, |c| pod(c).map(|p| p.business), |b| b.label().to_string());
    if let Some(i) = choice(ui, "Business model", "How the pod earns money", &current, &options) {
        let business = BusinessModel::ALL[i];
        actions.push(Action::Edit(t.replace(move |c| {
            if let Some(p) = pod_mut(c) {
                p.business = business;
            }
        })));
    }
    let tip = "Reuses an existing mining hall's shell, power distribution and permits: only the AI premium part of the facility capex is spent, and the lead time defaults to 12 months";
    if let Some(on) = t.flag(ui, "Retrofit of a mining hall", tip, |c| pod(c).map(|p| p.retrofit)) {
        actions.push(Action::Edit(t.replace(move |c| {
            if let Some(p) = pod_mut(c) {
                p.retrofit = on;
            }
            c.lead_time_months =
                if on { RETROFIT_LEAD_TIME_MONTHS } else { KindTag::GpuPod.default_lead_time_months() };
        })));
    }
    t.table(ui, fields::GPU_POD_FIELDS, pod, pod_mut, actions);
}

fn cooling_plant(ui: &mut Ui, t: &Targets, actions: &mut Vec<Action>) {
    let options: Vec<(&str, &str)> = catalog::COOLING.iter().map(|p| (p.name, p.source)).collect();
    let current = shared(t, |c| plant(c).map(|p| p.cooling_type), |k| k.label().to_string());
    let tip = "Picking a type fills parasitic power, water use and capex; every field stays editable";
    if let Some(i) = choice(ui, "Cooling type", tip, &current, &options) {
        let kind: CoolingType = catalog::COOLING[i].cooling_type;
        actions.push(Action::Edit(t.replace(move |c| {
            if let Some(p) = plant_mut(c) {
                p.apply_type(kind);
            }
        })));
    }
    t.table(ui, fields::COOLING_PLANT_FIELDS, plant, plant_mut, actions);
}
