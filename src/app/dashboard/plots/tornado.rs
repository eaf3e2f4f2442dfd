//! NPV sensitivity as a tornado chart: each driver 20 % lower and higher with everything else fixed, widest
//! bar on top. The 13 evaluations behind it are cached per document revision and scenario.

use egui_plot::{Bar, BarChart, GridMark, PlotItem as _, VLine};

use super::{PlotView, Swatch, axes, palette, show_key};
use crate::model::sensitivity::{Driver, TornadoBar, tornado};
use crate::model::{BusinessModel, ComponentKind, Scenario};
use crate::outputs::format;

/// The share each driver is moved down and up.
pub const SWING: f64 = 0.20;
pub const LOWER: &str = "Driver 20 % lower";
pub const HIGHER: &str = "Driver 20 % higher";

#[derive(Debug, Clone, PartialEq)]
pub struct TornadoData {
    pub base_npv: f64,
    /// Widest first.
    pub bars: Vec<TornadoBar>,
}

impl TornadoData {
    /// NPV at base and at ±`SWING` on each driver (13 evaluations of the scenario).
    pub fn of(scenario: &Scenario) -> Self {
        let (base_npv, bars) = tornado(scenario, SWING);
        TornadoData { base_npv, bars }
    }
}

/// The tornado of one scenario at one document revision, kept until either changes.
#[derive(Debug, Default)]
pub struct TornadoCache {
    key: Option<(u64, usize)>,
    data: Option<TornadoData>,
    /// How many times the tornado was computed (each time runs 13 evaluations).
    pub computations: u64,
}

impl TornadoCache {
    /// The tornado of scenario `index` at `revision`. Mid-gesture (a drag) the last tornado of the same
    /// scenario is kept, so a drag does not run 13 evaluations a frame.
    pub fn get(&mut self, scenario: &Scenario, index: usize, revision: u64, in_gesture: bool) -> &TornadoData {
        let same_scenario = self.key.is_some_and(|(_, i)| i == index);
        let fresh = self.data.is_some() && (self.key == Some((revision, index)) || (in_gesture && same_scenario));
        if !fresh {
            self.key = Some((revision, index));
            self.computations += 1;
            self.data = Some(TornadoData::of(scenario));
        }
        self.data.get_or_insert_with(|| TornadoData { base_npv: 0.0, bars: Vec::new() })
    }
}

/// The driver's name for this site: the AI price is a lease, a GPU-hour price, or both.
pub fn driver_label(driver: Driver, scenario: &Scenario) -> &'static str {
    if driver != Driver::AiPrice {
        return driver.label();
    }
    let models: Vec<BusinessModel> = scenario
        .components
        .iter()
        .filter_map(|c| match &c.kind {
            ComponentKind::GpuPod(p) => Some(p.business),
            _ => None,
        })
        .collect();
    let colocation = models.contains(&BusinessModel::Colocation);
    let cloud = models.contains(&BusinessModel::GpuCloud);
    match (colocation, cloud) {
        (true, false) => "Colocation lease",
        (false, true) => "GPU-hour price",
        _ => "Lease / GPU-hour price",
    }
}

pub fn show_tornado(ui: &mut egui::Ui, scenario: &Scenario, data: &TornadoData, view: PlotView) {
    if scenario.components.is_empty() {
        ui.label("No parts on the site yet: with nothing built, no driver moves NPV.");
        return;
    }
    let labels: Vec<&'static str> = data.bars.iter().map(|b| driver_label(b.driver, scenario)).collect();
    let rows = labels.len();
    let base = data.base_npv;
    let axis_labels = labels.clone();
    let reference = palette::reference(ui);
    show_key(
        ui,
        &[
            (LOWER.to_string(), palette::LOWER, Swatch::Area),
            (HIGHER.to_string(), palette::HIGHER, Swatch::Area),
            (format!("NPV as planned: {}", format::money(base)), reference, Swatch::Line),
        ],
    );
    let plot = view
        .plot("tornado")
        .x_axis_label("NPV, $ (pre-tax, unlevered, nominal)")
        .x_axis_formatter(|mark, range| axes::money_tick(mark.value, mark.step_size, range))
        .x_grid_spacer(|input| axes::nice_marks(&input, 8.0))
        .y_grid_spacer(move |_| (0..rows).map(|i| GridMark { value: -(i as f64), step_size: 1.0 }).collect())
        .y_axis_formatter(move |mark, _| {
            let i = (-mark.value).round();
            if i >= 0.0 {
                axis_labels.get(i as usize).map(|s| s.to_string()).unwrap_or_default()
            } else {
                String::new()
            }
        })
        .include_y(0.6)
        .include_y(-(rows as f64) + 0.4)
        .include_x(base)
        .show_y(false);
    plot.show(ui, |plot_ui| {
        let side = |name: &str, color, npv: &dyn Fn(&TornadoBar) -> f64| {
            let bars: Vec<Bar> = data
                .bars
                .iter()
                .zip(&labels)
                .enumerate()
                .map(|(i, (b, label))| Bar::new(-(i as f64), npv(b) - base).base_offset(base).name(label))
                .collect();
            BarChart::new(name, bars).horizontal().width(0.6).color(color).element_formatter(Box::new(
                move |bar, chart| {
                    let change = bar.value;
                    let sign = if change >= 0.0 { "+" } else { "" };
                    format!(
                        "{}, {}\nNPV {} ({sign}{})",
                        bar.name,
                        chart.name().to_lowercase().replace("driver ", ""),
                        format::money(base + change),
                        format::money(change)
                    )
                },
            ))
        };
        plot_ui.bar_chart(side(LOWER, palette::LOWER, &|b| b.npv_low));
        plot_ui.bar_chart(side(HIGHER, palette::HIGHER, &|b| b.npv_high));
        plot_ui.vline(VLine::new(format!("NPV as planned: {}", format::money(base)), base).color(reference).width(1.5));
    });
}
