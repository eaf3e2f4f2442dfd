//! The selected part(s): name, existing or new, lead time, position and size, and the kind's own fields.
//! With several parts selected the shared fields are shown and an edit sets the value on all of them.

use egui::Ui;

use super::economics;
use super::kinds;
use super::{Action, PowerplotApp, field, record};
use crate::app::commands::UiCommand;
use crate::app::edit::EditCommand;
use crate::model::equipment::Catalog;
use crate::model::fields::{self, NumField};
use crate::model::footprint;
use crate::model::{Component, ComponentKind};
use crate::outputs::format;

/// The selected parts (copies) and how an edit of them becomes one command.
pub struct Targets<'a> {
    pub scenario: usize,
    pub parts: &'a [Component],
    /// Names the parts in refusal messages.
    pub what: &'a str,
    /// The miners and GPU systems the preset lists offer (built-in and the user's).
    pub catalog: &'a Catalog,
}

impl Targets<'_> {
    /// The command replacing every target by a copy changed by `change`.
    pub fn replace(&self, change: impl Fn(&mut Component)) -> EditCommand {
        let components: Vec<Component> = self
            .parts
            .iter()
            .cloned()
            .map(|mut c| {
                change(&mut c);
                c
            })
            .collect();
        match <[Component; 1]>::try_from(components) {
            Ok([component]) => EditCommand::ReplaceComponent { scenario: self.scenario, component },
            Err(components) => EditCommand::ReplaceComponents { scenario: self.scenario, components },
        }
    }

    /// One row per field of `table` that the targets have (through `get`), written through `get_mut`.
    pub fn table<T: 'static>(
        &self,
        ui: &mut Ui,
        table: &'static [NumField<T>],
        get: fn(&Component) -> Option<&T>,
        get_mut: fn(&mut Component) -> Option<&mut T>,
        actions: &mut Vec<Action>,
    ) {
        for f in table {
            let mut values = self.parts.iter().filter_map(get).map(|k| (f.get)(k));
            let Some(first) = values.next() else { continue };
            let mixed = values.any(|v| v != first);
            let outcome = field::num_row(ui, f, first, mixed);
            ui.end_row();
            record(outcome, self.what, actions, |v| {
                self.replace(move |c| {
                    if let Some(k) = get_mut(c) {
                        (f.set)(k, v);
                    }
                })
            });
        }
    }

    /// A checkbox row for a flag every target has; shows "indeterminate" when they differ.
    pub fn flag(&self, ui: &mut Ui, label: &str, tip: &str, get: impl Fn(&Component) -> Option<bool>) -> Option<bool> {
        let values: Vec<bool> = self.parts.iter().filter_map(&get).collect();
        let first = *values.first()?;
        let mixed = values.iter().any(|v| *v != first);
        let label = ui.label(label).on_hover_text(tip);
        let mut v = first && !mixed;
        let checkbox = ui.add(egui::Checkbox::new(&mut v, "").indeterminate(mixed)).labelled_by(label.id);
        let changed = checkbox.on_hover_text(tip).changed();
        ui.end_row();
        changed.then_some(v)
    }
}

fn whole(c: &Component) -> Option<&Component> {
    Some(c)
}

fn whole_mut(c: &mut Component) -> Option<&mut Component> {
    Some(c)
}

/// "ASIC hall · 42.0 MW IT · 2,400 PH/s".
fn summary(c: &Component) -> String {
    let kind = c.tag().label();
    match &c.kind {
        ComponentKind::AsicHall(h) => {
            format!("{kind} · {} IT · {} PH/s", format::power_mw(h.it_mw()), format::count(h.hashrate_ph_s()))
        }
        ComponentKind::GpuPod(p) => {
            format!("{kind} · {} IT · {} GPUs", format::power_mw(p.it_mw()), format::count(p.gpus()))
        }
        ComponentKind::Substation(s) => format!("{kind} · {} usable", format::power_mw(s.usable_mw())),
        ComponentKind::CoolingPlant(p) => format!("{kind} · {:.0} MW_th", p.capacity_mw_th),
        ComponentKind::GasTurbine(t) => format!("{kind} · {}", format::power_mw(t.capacity_mw)),
    }
}

pub fn show(app: &mut PowerplotApp, ui: &mut Ui, actions: &mut Vec<Action>) {
    let s = app.doc.scenario();
    let parts: Vec<Component> = s.components.iter().filter(|c| app.doc.selection.contains(&c.id)).cloned().collect();
    if parts.is_empty() {
        ui.label(format!("{} parts on this site.", s.components.len()));
        ui.weak("Click a part on the canvas (Shift-click or drag a box for several) or add one from the palette.");
        return;
    }
    let what = match parts.as_slice() {
        [one] => one.name.clone(),
        many => format!("{} selected parts", many.len()),
    };
    let catalog = app.catalog.clone();
    let targets = Targets { scenario: app.doc.active, parts: &parts, what: &what, catalog: &catalog };
    match parts.as_slice() {
        [one] => {
            name_row(app, ui, one, actions);
            ui.label(summary(one));
            if let Some(e) = app.results.get(app.doc.active) {
                economics::show(ui, app.doc.scenario(), e, one);
            }
        }
        many => {
            ui.strong(format!("{} parts selected", many.len()));
            ui.weak("Editing a field sets it on all of them.");
        }
    }
    let same_kind = parts.iter().all(|c| c.tag() == parts[0].tag());
    field::grid("component_fields").show(ui, |ui| {
        let tip = "Already built and energized: no facility capex, online at month 0";
        if let Some(v) = targets.flag(ui, "Existing", tip, |c| Some(c.existing)) {
            actions.push(Action::Edit(targets.replace(move |c| c.existing = v)));
        }
        let tip = "Locked parts cannot be dragged, resized, nudged, rotated or deleted on the canvas (a permitted substation that must not move by accident). These fields still edit it.";
        if let Some(locked) = targets.flag(ui, "Locked", tip, |c| Some(c.locked)) {
            let ids = targets.parts.iter().map(|c| c.id).collect();
            actions.push(Action::Edit(EditCommand::SetLocked { scenario: targets.scenario, ids, locked }));
        }
        targets.table(ui, fields::COMPONENT_FIELDS, whole, whole_mut, actions);
        if same_kind {
            kinds::rows(ui, &targets, actions);
        }
    });
    size_to_capacity_row(app, ui, &parts, actions);
    if let [one] = parts.as_slice() {
        super::timing::show(app, ui, one, actions);
    }
    if same_kind {
        kinds::notes(ui, &targets);
    } else {
        ui.weak("The parts are of different kinds: only their common fields are shown.");
    }
}

/// "Size to capacity" for selected loads, with the density it would bring them to.
fn size_to_capacity_row(app: &PowerplotApp, ui: &mut Ui, parts: &[Component], actions: &mut Vec<Action>) {
    let Some(first) = parts.iter().find(|c| c.is_load()) else { return };
    let typical = footprint::typical_density_kw_per_m2(first).unwrap_or(0.0);
    let now = footprint::density_kw_per_m2(first).unwrap_or(0.0);
    let tip = "Resize the footprint to hold its IT at a typical density (air-cooled hall 2.5 kW/m2, hydro or immersion hall 5, GPU pod 12), same centre and shape. One undo step.";
    ui.horizontal_wrapped(|ui| {
        let enabled = crate::app::canvas::can_size_to_capacity(app);
        if ui.add_enabled(enabled, egui::Button::new(UiCommand::SizeToCapacity.label())).on_hover_text(tip).clicked() {
            actions.push(Action::Run(UiCommand::SizeToCapacity));
        }
        if parts.len() == 1 {
            ui.weak(format!("{now:.1} kW/m2 now, {typical:.1} typical"));
        }
    });
}

/// The name of a single part, committed when the field loses focus (Enter or a click elsewhere).
fn name_row(app: &mut PowerplotApp, ui: &mut Ui, c: &Component, actions: &mut Vec<Action>) {
    let draft = match &mut app.inspector.name_draft {
        Some((id, text)) if *id == c.id => text,
        slot => &mut slot.insert((c.id, c.name.clone())).1,
    };
    let response = ui.add(egui::TextEdit::singleline(draft).hint_text("Name").desired_width(f32::INFINITY));
    if response.lost_focus() {
        let name = draft.trim().to_string();
        if name.is_empty() {
            actions.push(Action::Refuse(format!("{}: a name cannot be empty", c.name)));
            *draft = c.name.clone();
        } else if name != c.name {
            let scenario = app.doc.active;
            let mut renamed = c.clone();
            renamed.name = name;
            actions.push(Action::Edit(EditCommand::ReplaceComponent { scenario, component: renamed }));
        }
    } else if !response.has_focus() && *draft != c.name {
        // Undo, redo or another edit changed the name: show the current one.
        *draft = c.name.clone();
    }
}
