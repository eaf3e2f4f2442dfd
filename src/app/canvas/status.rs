//! The warnings strip above the canvas: one chip per kind of problem with its count ("3 overlaps",
//! "1 outside the boundary", "Power deficit"), the full messages on hover, and a list of every warning.
//! Clicking a chip or a listed warning selects the parts concerned. The strip is always one line high, so the
//! canvas does not jump when a drag creates or clears a warning, and no banner covers the parts.

use std::collections::BTreeSet;

use egui::{Color32, RichText, Ui};

use super::draw::{CAUTION, PROBLEM};
use crate::app::PowerplotApp;
use crate::model::{ComponentId, Evaluation, Scenario, Warning, WarningKind};

/// One chip: a kind of warning, how many, what they say and which parts they name.
pub struct Chip {
    /// `WarningKind::severity`: the chips are listed most serious first.
    pub severity: u8,
    pub text: String,
    pub problem: bool,
    pub messages: Vec<String>,
    pub parts: BTreeSet<ComponentId>,
}

/// "overlap" / "overlaps" and the like, and whether the kind means the layout does not work as drawn.
fn describe(kind: WarningKind) -> (&'static str, &'static str, bool) {
    use WarningKind as K;
    match kind {
        K::PowerDeficit => ("power deficit", "power deficit", true),
        K::CoolingDeficit => ("cooling deficit", "cooling deficit", true),
        K::WaterLimit => ("water above the allowance", "water above the allowance", true),
        K::UnservedLoad => ("load not fully served", "loads not fully served", true),
        K::OutsideBoundary => ("outside the boundary", "outside the boundary", true),
        K::Overlap => ("overlap", "overlaps", false),
        K::PermitRisk => ("permit risk", "permit risks", false),
        K::BeyondHorizon => ("online after the horizon", "online after the horizon", false),
        K::AmbiguousIrr => ("ambiguous IRR", "ambiguous IRR", false),
        K::DscrCovenant => ("debt covenant breached", "debt covenant breaches", true),
        K::FirmPower => ("firm power short", "firm power short", true),
        K::FirmCooling => ("firm cooling short", "firm cooling short", true),
        K::FootprintDensity => ("footprint too small", "footprints too small", false),
        K::MiningSwitchedOff => ("hall off when unprofitable", "halls off when unprofitable", false),
        K::FleetStopped => ("fleet stops", "fleets stop", false),
        K::InterconnectionRequest => ("needs a grid request", "need grid requests", false),
        K::ExistingAboveApproval => ("existing MVA above the approval", "existing MVA above the approval", false),
        K::NeverOnline => ("never runs", "never run", true),
        K::WaitingForPower => ("load waiting for power", "loads waiting for power", true),
    }
}

/// The chips for a scenario, most serious first. Parts outside the boundary are checked live (as the canvas
/// outlines them), so dragging a part off the site counts at once.
pub fn chips(s: &Scenario, evaluation: Option<&Evaluation>) -> Vec<Chip> {
    let mut by_kind: Vec<(WarningKind, Vec<&Warning>)> = Vec::new();
    for w in evaluation.iter().flat_map(|e| e.warnings.iter()).filter(|w| w.kind != WarningKind::OutsideBoundary) {
        match by_kind.iter_mut().find(|(k, _)| *k == w.kind) {
            Some((_, list)) => list.push(w),
            None => by_kind.push((w.kind, vec![w])),
        }
    }
    let mut out: Vec<Chip> = by_kind
        .into_iter()
        .map(|(kind, list)| {
            let (one, many, problem) = describe(kind);
            // A site-wide warning is one fact ("Power deficit"); part warnings are counted ("3 overlaps").
            let text = match list.as_slice() {
                [w] if w.components.is_empty() => capitalized(one),
                [_] => format!("1 {one}"),
                _ => format!("{} {many}", list.len()),
            };
            Chip {
                severity: kind.severity(),
                text,
                problem,
                messages: list.iter().map(|w| w.message.clone()).collect(),
                parts: list.iter().flat_map(|w| w.components.iter().copied()).collect(),
            }
        })
        .collect();
    let outside: Vec<_> = s.components.iter().filter(|c| !c.rect.inside(&s.boundary)).collect();
    if !outside.is_empty() {
        let (_, noun, _) = describe(WarningKind::OutsideBoundary);
        out.push(Chip {
            severity: WarningKind::OutsideBoundary.severity(),
            text: format!("{} {noun}", outside.len()),
            problem: true,
            messages: outside.iter().map(|c| format!("{} extends outside the site boundary", c.name)).collect(),
            parts: outside.iter().map(|c| c.id).collect(),
        });
    }
    out.sort_by_key(|c| (std::cmp::Reverse(c.severity), !c.problem));
    out
}

fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// At most this many messages in a chip's tooltip; the rest are counted.
const MAX_TOOLTIP_LINES: usize = 12;

pub fn show(app: &mut PowerplotApp, ui: &mut Ui) {
    let chips = chips(app.doc.scenario(), app.results.get(app.doc.active));
    let mut select: Option<BTreeSet<ComponentId>> = None;
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 6.0;
        if chips.is_empty() {
            ui.weak("No warnings");
            return;
        }
        let total: usize = chips.iter().map(|c| c.messages.len()).sum();
        ui.menu_button(format!("Warnings ({total})"), |ui| {
            egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
                for chip in &chips {
                    for m in &chip.messages {
                        let color = if chip.problem { PROBLEM } else { CAUTION };
                        if ui.add(egui::Button::new(RichText::new(m).color(color)).wrap()).clicked() {
                            select = Some(chip.parts.clone());
                            ui.close();
                        }
                    }
                }
            });
        });
        for chip in &chips {
            let (fill, text) =
                if chip.problem { (PROBLEM, Color32::WHITE) } else { (CAUTION.gamma_multiply(0.85), Color32::BLACK) };
            let button = egui::Button::new(RichText::new(chip.text.as_str()).color(text).small()).fill(fill);
            let mut tip: Vec<&str> = chip.messages.iter().take(MAX_TOOLTIP_LINES).map(String::as_str).collect();
            let more = chip.messages.len().saturating_sub(MAX_TOOLTIP_LINES);
            let more_text = format!("… and {more} more");
            if more > 0 {
                tip.push(&more_text);
            }
            let hint = if chip.parts.is_empty() { "" } else { "\n\nClick to select the parts concerned." };
            if ui.add(button).on_hover_text(format!("{}{hint}", tip.join("\n"))).clicked() && !chip.parts.is_empty() {
                select = Some(chip.parts.clone());
            }
        }
    });
    if let Some(parts) = select.filter(|p| !p.is_empty()) {
        app.doc.selection = parts;
    }
}
