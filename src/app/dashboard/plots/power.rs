//! Power over the horizon: served IT (mining, AI), overhead, cooling and losses stacked, against the grid
//! plus generation capacity, so a deficit shows in the month it happens.

use egui_plot::{HLine, LineStyle};

use super::stack::{Band, draw_band, draw_idle_band, month_under, stack, step_line};
use super::{PlotView, Swatch, axes, palette, show_key};
use crate::model::{Evaluation, Scenario};
use crate::outputs::format;

pub const MINING: &str = "Mining IT";
pub const AI: &str = "AI IT";
pub const OVERHEAD: &str = "Overhead";
pub const COOLING: &str = "Cooling plants";
pub const LOSSES: &str = "Substation losses";
/// IT MW of mining switched off for the month because it would lose money (economic curtailment).
pub const SWITCHED_OFF: &str = "Mining switched off (loses money)";
/// IT MW of online loads not served for lack of power or cooling.
pub const UNSERVED: &str = "Not served (no capacity)";

#[derive(Debug, Clone, PartialEq)]
pub struct PowerData {
    /// Bottom first: mining IT, AI IT, overhead, cooling, losses (MW per month).
    pub bands: Vec<Band>,
    /// Stacked above the served power, IT MW left idle: mining switched off because it would lose money,
    /// then load not served for lack of power or cooling. Kept apart, as their causes are different.
    pub idle: Vec<Band>,
    /// Grid plus generation capacity online, MW per month.
    pub capacity_mw: Vec<f64>,
    /// What the full build asks for (every part online, every load served), MW.
    pub full_build_mw: f64,
    pub has_generation: bool,
}

/// The power plot's points, straight from the simulation's monthly arrays.
pub fn power_data(scenario: &Scenario, evaluation: &Evaluation) -> PowerData {
    let s = &evaluation.series;
    let bands = stack(vec![
        (MINING.to_string(), s.it_mining_mw.clone()),
        (AI.to_string(), s.it_ai_mw.clone()),
        (OVERHEAD.to_string(), s.overhead_mw.clone()),
        (COOLING.to_string(), s.cooling_mw.clone()),
        (LOSSES.to_string(), s.losses_mw.clone()),
    ]);
    let served = bands.last().map_or_else(|| vec![0.0; s.len()], |b| b.upper.clone());
    let idle = stack(vec![
        (SWITCHED_OFF.to_string(), s.it_mining_off_mw.clone()),
        (UNSERVED.to_string(), s.it_unserved_mw.clone()),
    ])
    .into_iter()
    .map(|mut b| {
        for (m, base) in served.iter().enumerate() {
            if let (Some(l), Some(u)) = (b.lower.get_mut(m), b.upper.get_mut(m)) {
                *l += base;
                *u += base;
            }
        }
        b
    })
    .collect();
    let capacity_mw = s.grid_capacity_mw.iter().zip(&s.generation_capacity_mw).map(|(g, t)| g + t).collect();
    let has_generation =
        scenario.components.iter().any(|c| matches!(c.kind, crate::model::ComponentKind::GasTurbine(_)));
    PowerData { bands, idle, capacity_mw, full_build_mw: evaluation.kpis.facility_power_mw, has_generation }
}

fn band_color(name: &str) -> egui::Color32 {
    match name {
        MINING => palette::MINING,
        AI => palette::AI,
        OVERHEAD => palette::OVERHEAD,
        COOLING => palette::COOLING,
        SWITCHED_OFF => palette::SWITCHED_OFF,
        UNSERVED => palette::WARNING,
        _ => palette::LOSSES,
    }
}

/// The hover text for month `m`: calendar month, each band, the total and the capacity.
fn month_summary(scenario: &Scenario, data: &PowerData, m: usize) -> String {
    let mut text = axes::calendar(scenario.assumptions.start, m as f64).to_string();
    for band in data.bands.iter().rev() {
        if let Some(v) = band.values.get(m) {
            text.push_str(&format!("\n{}: {}", band.name, format::power_mw(*v)));
        }
    }
    for band in &data.idle {
        if let Some(v) = band.values.get(m).filter(|v| **v > 0.0) {
            text.push_str(&format!("\n{}: {} IT", band.name, format::power_mw(*v)));
        }
    }
    let total = data.bands.last().and_then(|b| b.upper.get(m)).copied().unwrap_or(0.0);
    let capacity = data.capacity_mw.get(m).copied().unwrap_or(0.0);
    text.push_str(&format!("\nServed in total: {}\nCapacity: {}", format::power_mw(total), format::power_mw(capacity)));
    text
}

pub fn show_power(ui: &mut egui::Ui, scenario: &Scenario, evaluation: &Evaluation, view: PlotView) {
    if scenario.components.is_empty() {
        ui.label("No parts on the site yet: add parts from the palette to see the power they draw.");
        return;
    }
    let data = power_data(scenario, evaluation);
    let months = evaluation.series.len();
    let capacity_name = if data.has_generation { "Grid + generation capacity" } else { "Grid capacity" };
    let reference = palette::reference(ui);
    let mut key: Vec<(String, egui::Color32, Swatch)> =
        data.bands.iter().map(|b| (b.name.clone(), band_color(&b.name), Swatch::Area)).collect();
    for band in data.idle.iter().filter(|b| b.values.iter().any(|v| *v > 0.0)) {
        key.push((band.name.clone(), band_color(&band.name), Swatch::Idle));
    }
    key.push((capacity_name.to_string(), reference, Swatch::Line));
    key.push(("Full-build demand".to_string(), palette::WARNING, Swatch::Dashed));
    show_key(ui, &key);
    let data = &data;
    let plot = view.plot("power").y_axis_label("MW (electrical)").include_y(0.0).label_formatter(|pos| {
        let x = match pos {
            egui_plot::HoverPosition::NearDataPoint { position, .. } => position.x,
            egui_plot::HoverPosition::Elsewhere { position } => position.x,
        };
        month_under(x, months).map(|m| month_summary(scenario, data, m))
    });
    axes::calendar_x(plot, scenario.assumptions.start).show(ui, |plot_ui| {
        for band in &data.bands {
            draw_band(plot_ui, band, band_color(&band.name));
        }
        for band in data.idle.iter().filter(|b| b.values.iter().any(|v| *v > 0.0)) {
            draw_idle_band(plot_ui, band, band_color(&band.name));
        }
        plot_ui.line(step_line(capacity_name, &data.capacity_mw).color(reference).width(2.0));
        plot_ui.hline(
            HLine::new("Full-build demand", data.full_build_mw)
                .color(palette::WARNING)
                .style(LineStyle::dashed_loose())
                .width(1.0),
        );
    });
}
