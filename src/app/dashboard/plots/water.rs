//! Water per day over the horizon, stacked by cooling-plant type, with the household equivalent on a second
//! axis and the site's water allowance when it has one.

use egui_plot::{AxisHints, HLine, HPlacement, LineStyle};

use super::stack::{Band, draw_band, month_under, stack};
use super::{PlotView, Swatch, axes, palette, show_key};
use crate::model::simulate::{DAYS_PER_MONTH, GAL_PER_M3};
use crate::model::{ComponentKind, CoolingType, Evaluation, Scenario};
use crate::outputs::format;

#[derive(Debug, Clone, PartialEq)]
pub struct WaterData {
    /// m3 per day per month, one band per cooling-plant type present (its plants' shares summed).
    pub bands: Vec<Band>,
    /// Households using the same water: m3/day x this.
    pub households_per_m3_day: f64,
    pub limit_m3_per_day: Option<f64>,
}

/// The label of a group of plants: the plant's name when alone, else the type and the count.
fn group_name(cooling_type: CoolingType, names: &[&str]) -> String {
    match names {
        [one] => format!("{one} ({})", cooling_type.label().to_lowercase()),
        _ => format!("{} ×{}", cooling_type.label(), names.len()),
    }
}

/// The water plot's points: `Evaluation::plant_water` (m3 per month) divided by the days in a month.
pub fn water_data(scenario: &Scenario, evaluation: &Evaluation) -> WaterData {
    let months = evaluation.series.len();
    let mut groups: Vec<(CoolingType, Vec<&str>, Vec<f64>)> = Vec::new();
    for pw in &evaluation.plant_water {
        let Some(c) = scenario.component(pw.id) else { continue };
        let ComponentKind::CoolingPlant(plant) = &c.kind else { continue };
        let index = match groups.iter().position(|(t, _, _)| *t == plant.cooling_type) {
            Some(i) => i,
            None => {
                groups.push((plant.cooling_type, Vec::new(), vec![0.0; months]));
                groups.len() - 1
            }
        };
        let (_, names, per_day) = &mut groups[index];
        names.push(&c.name);
        for (d, m3) in per_day.iter_mut().zip(&pw.m3) {
            *d += m3 / DAYS_PER_MONTH;
        }
    }
    let a = &scenario.assumptions;
    WaterData {
        bands: stack(groups.into_iter().map(|(t, names, per_day)| (group_name(t, &names), per_day)).collect()),
        households_per_m3_day: GAL_PER_M3 / a.household_water_gal_per_day.max(1.0),
        limit_m3_per_day: a.water_limit_m3_per_day,
    }
}

fn month_summary(scenario: &Scenario, data: &WaterData, m: usize) -> String {
    let mut text = axes::calendar(scenario.assumptions.start, m as f64).to_string();
    for band in data.bands.iter().rev() {
        if let Some(v) = band.values.get(m) {
            text.push_str(&format!("\n{}: {} m3/day", band.name, format::count(*v)));
        }
    }
    let total = data.bands.last().and_then(|b| b.upper.get(m)).copied().unwrap_or(0.0);
    text.push_str(&format!(
        "\nTotal: {} m3/day = {} US gal/day\nas much as {} households",
        format::count(total),
        format::count(total * GAL_PER_M3),
        format::count(total * data.households_per_m3_day)
    ));
    text
}

pub fn show_water(ui: &mut egui::Ui, scenario: &Scenario, evaluation: &Evaluation, view: PlotView) {
    let data = water_data(scenario, evaluation);
    if data.bands.is_empty() {
        ui.label("No cooling plants: this site uses no process water (air-cooled miners need none).");
        return;
    }
    let mut key: Vec<(String, egui::Color32, Swatch)> = data
        .bands
        .iter()
        .enumerate()
        .map(|(i, b)| (b.name.clone(), palette::SERIES[i % palette::SERIES.len()], Swatch::Area))
        .collect();
    if data.limit_m3_per_day.is_some() {
        key.push(("Site water allowance".to_string(), palette::WARNING, Swatch::Dashed));
    }
    show_key(ui, &key);
    let data = &data;
    let months = evaluation.series.len();
    let per_household = data.households_per_m3_day;
    let plot = view
        .plot("water")
        .include_y(0.0)
        .custom_y_axes(vec![
            AxisHints::new_y().label("m3 per day").formatter(|mark, _| format::count(mark.value)),
            AxisHints::new_y()
                .label("households (same water)")
                .placement(HPlacement::Right)
                .formatter(move |mark, _| format::count(mark.value * per_household)),
        ])
        .label_formatter(|pos| {
            let x = match pos {
                egui_plot::HoverPosition::NearDataPoint { position, .. } => position.x,
                egui_plot::HoverPosition::Elsewhere { position } => position.x,
            };
            month_under(x, months).map(|m| month_summary(scenario, data, m))
        });
    axes::calendar_x(plot, scenario.assumptions.start).show(ui, |plot_ui| {
        for (i, band) in data.bands.iter().enumerate() {
            draw_band(plot_ui, band, palette::SERIES[i % palette::SERIES.len()]);
        }
        if let Some(limit) = data.limit_m3_per_day {
            plot_ui.hline(
                HLine::new("Site water allowance", limit).color(palette::WARNING).style(LineStyle::dashed_loose()),
            );
        }
    });
}
