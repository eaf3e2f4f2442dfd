//! Cumulative cash flow, simple and discounted, with the payback points marked and the halvings shown, in
//! one of three views: the project's (pre-tax, unlevered), after tax (unlevered), or the owners' (equity,
//! with the scenario's debt; MODEL.md "Financing and tax").
//! The cumulative sum through month m is drawn at the end of that month (x = m + 1), starting from zero at
//! x = 0, so the line crosses zero exactly at the payback month the KPIs report.

use egui_plot::{HLine, Line, LineStyle, MarkerShape, PlotPoints, Points, Text, VLine};

use super::{PlotView, Swatch, axes, palette, show_key};
use crate::model::financing::Financing;
use crate::model::{Evaluation, Scenario, YearMonth, finance};
use crate::outputs::format;

/// Whose cash flow the plot shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CashFlowView {
    /// Revenue - opex - capex: pre-tax, no debt.
    #[default]
    Project,
    /// The project's cash flow less the tax it would pay without debt.
    AfterTax,
    /// The owners' cash: the capex not borrowed, debt service and tax with interest deducted.
    Equity,
}

impl CashFlowView {
    pub const ALL: [CashFlowView; 3] = [CashFlowView::Project, CashFlowView::AfterTax, CashFlowView::Equity];

    /// The switch's label.
    pub fn label(self) -> &'static str {
        match self {
            CashFlowView::Project => "Project (pre-tax)",
            CashFlowView::AfterTax => "After tax",
            CashFlowView::Equity => "Equity",
        }
    }

    /// What the view counts, for the axis and the switch's tooltip.
    pub fn describe(self) -> &'static str {
        match self {
            CashFlowView::Project => "pre-tax, unlevered",
            CashFlowView::AfterTax => "after tax, unlevered",
            CashFlowView::Equity => "to the owners, after tax and debt service",
        }
    }
}

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

/// The plot's points in `view`: the project view reads the simulation's cumulative series; the after-tax
/// and equity views sum the financing view's monthly series the same way (paybacks as the KPIs define them).
pub fn cash_flow_data_in(
    scenario: &Scenario,
    evaluation: &Evaluation,
    financing: &Financing,
    view: CashFlowView,
) -> CashFlowData {
    let flows = match view {
        CashFlowView::Project => return cash_flow_data(scenario, evaluation),
        CashFlowView::AfterTax => &financing.series.cash_flow_after_tax,
        CashFlowView::Equity => &financing.series.cash_flow_equity,
    };
    let r = finance::monthly_rate(scenario.assumptions.discount_rate);
    let discounted: Vec<f64> = flows.iter().enumerate().map(|(m, v)| v / (1.0 + r).powi(m as i32)).collect();
    let cumulative = |v: &[f64]| {
        v.iter()
            .scan(0.0, |sum, x| {
                *sum += x;
                Some(*sum)
            })
            .collect::<Vec<f64>>()
    };
    CashFlowData {
        simple: cumulative_points(&cumulative(flows)),
        discounted: cumulative_points(&cumulative(&discounted)),
        payback_months: finance::payback_months(flows),
        discounted_payback_months: finance::payback_months(&discounted),
        ..cash_flow_data(scenario, evaluation)
    }
}

fn payback_text(label: &str, start: YearMonth, months: Option<f64>) -> String {
    match months {
        Some(m) => format!("{label}: {} ({})", format::months(Some(m), ""), axes::calendar(start, m)),
        None => format!("{label}: not within the horizon"),
    }
}

/// The project (pre-tax) view.
pub fn show_cash_flow(ui: &mut egui::Ui, scenario: &Scenario, evaluation: &Evaluation, view: PlotView) {
    show_cash_flow_data(ui, scenario, &cash_flow_data(scenario, evaluation), CashFlowView::Project, view);
}

/// The plot in `cash_view`.
pub fn show_cash_flow_in(
    ui: &mut egui::Ui,
    scenario: &Scenario,
    evaluation: &Evaluation,
    financing: &Financing,
    cash_view: CashFlowView,
    view: PlotView,
) {
    let data = cash_flow_data_in(scenario, evaluation, financing, cash_view);
    show_cash_flow_data(ui, scenario, &data, cash_view, view);
}

fn show_cash_flow_data(
    ui: &mut egui::Ui,
    scenario: &Scenario,
    data: &CashFlowData,
    cash_view: CashFlowView,
    view: PlotView,
) {
    if scenario.components.is_empty() {
        ui.label("Nothing built, nothing earned: add parts from the palette to see the cash flow.");
        return;
    }
    let start = scenario.assumptions.start;
    let reference = palette::reference(ui);
    let title = match cash_view {
        CashFlowView::Project => "Cumulative cash flow (pre-tax)",
        CashFlowView::AfterTax => "Cumulative cash flow after tax",
        CashFlowView::Equity => "Cumulative equity cash flow",
    };
    let mut key = vec![
        (title.to_string(), palette::SIMPLE, Swatch::Line),
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
    let axis = format!("Cumulative cash flow, $ ({}, nominal)", cash_view.describe());
    let plot = axes::money_y(axes::calendar_x(plot, start), &axis);
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

/// One line above the plot in `cash_view`: the view, then both paybacks in words.
pub fn payback_caption_in(
    scenario: &Scenario,
    evaluation: &Evaluation,
    financing: &Financing,
    cash_view: CashFlowView,
) -> String {
    if cash_view == CashFlowView::Project {
        return payback_caption(scenario, evaluation);
    }
    let data = cash_flow_data_in(scenario, evaluation, financing, cash_view);
    let start = scenario.assumptions.start;
    let debt = if cash_view == CashFlowView::Equity && financing.has_debt() {
        " (debt left is repaid at the horizon's end)"
    } else {
        ""
    };
    format!(
        "{}{debt} · {} · {}",
        cash_view.label(),
        payback_text("Payback", start, data.payback_months),
        payback_text("discounted", start, data.discounted_payback_months)
    )
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
