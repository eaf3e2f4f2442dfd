//! Capex by category as stacked bars: this design beside the same site priced as a mining build. The AI
//! premium is the top segment of the first bar, so the gap between the two bars is the premium itself.

use egui_plot::{Bar, BarChart, GridMark, PlotPoint, Text};

use super::{PlotView, Swatch, axes, palette, show_key};
use crate::model::{Evaluation, Kpis};
use crate::outputs::format;

pub const THIS_DESIGN: &str = "This design";
pub const MINING_BUILD: &str = "As a mining build";
pub const AI_PREMIUM: &str = "AI build premium";

/// One capex category in both bars, in US dollars over the whole horizon (refreshes included).
#[derive(Debug, Clone, PartialEq)]
pub struct CapexSegment {
    pub category: &'static str,
    pub this_design: f64,
    pub mining_build: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CapexData {
    /// Bottom first; the AI premium last (on top), zero in the mining-build bar.
    pub segments: Vec<CapexSegment>,
    pub total: f64,
    pub mining_build_total: f64,
}

/// The capex plot's bars from the KPIs' capex split.
pub fn capex_data(kpis: &Kpis) -> CapexData {
    let same = |category, usd: f64| CapexSegment { category, this_design: usd, mining_build: usd };
    CapexData {
        segments: vec![
            same("IT hardware (incl. refreshes)", kpis.capex_it_hardware_usd),
            same("Facility (mining-grade base)", kpis.capex_facility_base_usd),
            same("Substations", kpis.capex_substation_usd),
            same("Cooling plants", kpis.capex_cooling_usd),
            same("Generation", kpis.capex_generation_usd),
            CapexSegment { category: AI_PREMIUM, this_design: kpis.capex_ai_premium_usd, mining_build: 0.0 },
        ],
        total: kpis.capex_total_usd,
        mining_build_total: kpis.capex_as_mining_build_usd(),
    }
}

/// "AI build premium $706.9M (77.7 % of capex)".
pub fn premium_text(premium: f64, total: f64) -> String {
    let share = if total > 0.0 { premium / total } else { 0.0 };
    format!("{AI_PREMIUM} {} ({} of capex)", format::money(premium), format::percent(share))
}

fn color(category: &str) -> egui::Color32 {
    match category {
        AI_PREMIUM => palette::AI_PREMIUM,
        "IT hardware (incl. refreshes)" => palette::IT_HARDWARE,
        "Facility (mining-grade base)" => palette::FACILITY_BASE,
        "Substations" => palette::SUBSTATION,
        "Cooling plants" => palette::COOLING,
        _ => palette::GENERATION,
    }
}

pub fn show_capex(ui: &mut egui::Ui, evaluation: &Evaluation, view: PlotView) {
    let data = capex_data(&evaluation.kpis);
    if data.total <= 0.0 {
        ui.label("Nothing to build yet: add parts from the palette to see their capex.");
        return;
    }
    let totals = [data.total, data.mining_build_total];
    // The premium's figure rides in its key entry rather than beside its bar segment, where it ran into the
    // mining-build bar and its label whenever the premium was small.
    let key: Vec<(String, egui::Color32, Swatch)> = data
        .segments
        .iter()
        .filter(|s| s.this_design > 0.0 || s.mining_build > 0.0)
        .map(|s| {
            let name =
                if s.category == AI_PREMIUM { premium_text(s.this_design, data.total) } else { s.category.to_string() };
            (name, color(s.category), Swatch::Area)
        })
        .collect();
    show_key(ui, &key);
    let reference = palette::reference(ui);
    // The bars' names sit on the x axis, one tick each, and only the totals above the bars: two short
    // figures a bar apart cannot run into each other as two-line captions did on a narrow dashboard.
    let plot = view
        .plot("capex")
        .x_grid_spacer(|_| vec![GridMark { value: 0.0, step_size: 1.0 }, GridMark { value: 1.0, step_size: 1.0 }])
        .x_axis_formatter(|mark, _| match mark.value.round() as i64 {
            0 => THIS_DESIGN.to_string(),
            1 => MINING_BUILD.to_string(),
            _ => String::new(),
        })
        .show_axes([true, true])
        .include_x(-0.6)
        .include_x(1.9)
        .include_y(0.0)
        .include_y(data.total * 1.2)
        .show_x(false)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false);
    axes::money_y(plot, "Capex over the horizon, $").show(ui, |plot_ui| {
        let mut charts: Vec<BarChart> = Vec::new();
        for segment in &data.segments {
            let category = segment.category;
            let (fill, stroke) = (palette::fill(color(category)), egui::Stroke::new(1.0, color(category)));
            let bars = vec![
                Bar::new(0.0, segment.this_design).name(THIS_DESIGN).fill(fill).stroke(stroke),
                Bar::new(1.0, segment.mining_build).name(MINING_BUILD).fill(fill).stroke(stroke),
            ];
            let chart = BarChart::new(category, bars).color(color(category)).width(0.6).element_formatter(Box::new(
                move |bar, _| {
                    let total = totals[bar.argument.round().clamp(0.0, 1.0) as usize];
                    let share = if total > 0.0 { bar.value / total } else { 0.0 };
                    format!("{category}\n{}: {} ({} of it)", bar.name, format::money(bar.value), format::percent(share))
                },
            ));
            let chart = chart.stack_on(&charts.iter().collect::<Vec<_>>());
            charts.push(chart);
        }
        for chart in charts {
            plot_ui.bar_chart(chart);
        }
        for (x, total) in [0.0, 1.0].into_iter().zip(totals) {
            plot_ui.text(
                Text::new("", PlotPoint::new(x, total), format::money(total))
                    .color(reference)
                    .anchor(egui::Align2::CENTER_BOTTOM),
            );
        }
    });
}
