//! Cumulative cash flow, simple and discounted, with the payback points marked and the halvings shown.
//! The cumulative sum through month m is drawn at the end of that month (x = m + 1), starting from zero at
//! x = 0, so the line crosses zero exactly at the payback month the KPIs report.

use egui_plot::{HLine, Line, LineStyle, MarkerShape, PlotPoints, Points, Text, VLine};

use super::{PlotView, Swatch, axes, palette, show_key};
use crate::format;
use crate::model::{Evaluation, Scenario, YearMonth};

#[derive(Debug, Clone, PartialEq)]
pub struct CashFlowData {
    /// (x in months, cumulative cash flow in $), starting with (0, 0).
    pub simple: Vec<[f64; 2]>,
    pub discounted: Vec<[f64; 2]>,
    pub payback_months: Option<f64>,
    pub discounted_payback_months: Option<f64>,
    /// Halvings inside the horizon: the month they take effect and their calendar month.
    pub halvings: Vec<(f64, YearMonth)>,
}

fn cumulative_points(values: &[f64]) -> Vec<[f64; 2]> {
    std::iter::once([0.0, 0.0]).chain(values.iter().enumerate().map(|(m, v)| [m as f64 + 1.0, *v])).collect()
}

/// The cash-flow plot's points from the simulation's cumulative series and the payback KPIs.
pub fn cash_flow_data(scenario: &Scenario, evaluation: &Evaluation) -> CashFlowData {
    let s = &evaluation.series;
    let a = &scenario.assumptions;
    let months = s.len() as i64;
    CashFlowData {
        simple: cumulative_points(&s.cumulative_cash_flow),
        discounted: cumulative_points(&s.discounted_cumulative_cash_flow),
        payback_months: evaluation.kpis.payback_months,
        discounted_payback_months: evaluation.kpis.discounted_payback_months,
        halvings: a
            .halvings
            .iter()
            .map(|h| (h.months_since(a.start), *h))
            .filter(|(m, _)| (0..months).contains(m))
            .map(|(m, h)| (m as f64, h))
            .collect(),
    }
}

fn payback_text(label: &str, start: YearMonth, months: Option<f64>) -> String {
    match months {
        Some(m) => format!("{label}: {} ({})", format::months(Some(m), ""), axes::calendar(start, m)),
        None => format!("{label}: not within the horizon"),
    }
}

pub fn show_cash_flow(ui: &mut egui::Ui, scenario: &Scenario, evaluation: &Evaluation, view: PlotView) {
    if scenario.components.is_empty() {
        ui.label("Nothing built, nothing earned: add parts from the palette to see the cash flow.");
        return;
    }
    let data = cash_flow_data(scenario, evaluation);
    let data = &data;
    let start = scenario.assumptions.start;
    let reference = palette::reference(ui);
    let mut key = vec![
        ("Cumulative cash flow".to_string(), palette::SIMPLE, Swatch::Line),
        ("discounted".to_string(), palette::DISCOUNTED, Swatch::Line),
    ];
    if data.payback_months.is_some() || data.discounted_payback_months.is_some() {
        key.push(("payback".to_string(), reference, Swatch::Marker));
    }
    if !data.halvings.is_empty() {
        key.push(("Bitcoin halving".to_string(), palette::HALVING, Swatch::Dashed));
    }
    show_key(ui, &key);
    let plot = view.plot("cash_flow").include_y(0.0).label_formatter(move |pos| {
        let (name, p) = match pos {
            egui_plot::HoverPosition::NearDataPoint { plot_name, position, .. } => (*plot_name, *position),
            egui_plot::HoverPosition::Elsewhere { position } => ("", *position),
        };
        let when = axes::calendar(start, p.x);
        Some(if name.is_empty() {
            format!("{when}\n{}", format::money(p.y))
        } else {
            format!("{name}\nend of {}: {}", axes::calendar(start, (p.x - 1.0).max(0.0)), format::money(p.y))
        })
    });
    let plot = axes::money_y(axes::calendar_x(plot, start), "Cumulative cash flow, $ (nominal)");
    plot.show(ui, |plot_ui| {
        plot_ui.hline(HLine::new("", 0.0).color(reference.gamma_multiply(0.5)).width(1.0));
        let top = data.simple.iter().chain(&data.discounted).map(|p| p[1]).fold(0.0, f64::max);
        for (x, h) in &data.halvings {
            plot_ui.vline(VLine::new("Bitcoin halving", *x).color(palette::HALVING).style(LineStyle::dashed_dense()));
            plot_ui.text(
                Text::new("", egui_plot::PlotPoint::new(*x, top), format!(" halving {h}"))
                    .color(palette::HALVING)
                    .anchor(egui::Align2::LEFT_TOP),
            );
        }
        plot_ui.line(
            Line::new("Cumulative", data.simple.iter().copied().collect::<PlotPoints<'_>>())
                .color(palette::SIMPLE)
                .width(2.0),
        );
        plot_ui.line(
            Line::new("Discounted cumulative", data.discounted.iter().copied().collect::<PlotPoints<'_>>())
                .color(palette::DISCOUNTED)
                .width(2.0),
        );
        for (name, months, color) in [
            ("Payback", data.payback_months, palette::SIMPLE),
            ("Discounted payback", data.discounted_payback_months, palette::DISCOUNTED),
        ] {
            if let Some(m) = months {
                plot_ui.points(
                    Points::new(payback_text(name, start, Some(m)), vec![[m, 0.0]])
                        .shape(MarkerShape::Diamond)
                        .radius(6.0)
                        .filled(true)
                        .color(color),
                );
            }
        }
    });
}

/// One line under the plot: both paybacks in words (also when they never happen).
pub fn payback_caption(scenario: &Scenario, evaluation: &Evaluation) -> String {
    if evaluation.kpis.capex_total_usd <= 0.0 {
        return format!("{}: nothing invested, so no payback", scenario.name);
    }
    let start = scenario.assumptions.start;
    format!(
        "{} · {}",
        payback_text("Payback", start, evaluation.kpis.payback_months),
        payback_text("discounted", start, evaluation.kpis.discounted_payback_months)
    )
}
