//! Debt service cover by project year (MODEL.md "Financing and tax", rule 5): one bar per operating year with
//! debt service, red below the covenant, the covenant as a dashed line, and the interest-only construction
//! years shaded (no DSCR is computed there: the plant is not yet at full power).

use egui_plot::{Bar, BarChart, HLine, LineStyle, PlotPoint, Span, Text};

use super::{PlotView, Swatch, axes, palette, show_key};
use crate::model::Scenario;
use crate::model::financing::{self, Financing};
use crate::outputs::format;

/// One project year's bar.
#[derive(Debug, Clone, PartialEq)]
pub struct DscrBar {
    /// Middle of the project year, in months from the start.
    pub x: f64,
    /// Months in the year (the last may be shorter).
    pub months: f64,
    pub dscr: f64,
    pub below_covenant: bool,
    /// The project year by its months, "Jan 2030 - Dec 2030".
    pub label: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DscrData {
    pub bars: Vec<DscrBar>,
    /// Months in the horizon (the x axis spans all of them, so the build years show).
    pub months: f64,
    /// Months (from, to) of the construction years that pay interest only and have no DSCR.
    pub interest_only: Vec<(f64, f64)>,
    pub covenant: f64,
    pub has_debt: bool,
}

/// The bars of the financing view's years.
pub fn dscr_data(scenario: &Scenario, f: &Financing) -> DscrData {
    let a = &scenario.assumptions;
    let mut bars = Vec::new();
    let mut interest_only = Vec::new();
    for y in &f.years {
        let (from, months) = (f64::from(y.first_month), f64::from(y.months));
        match y.dscr {
            Some(d) => bars.push(DscrBar {
                x: from + months / 2.0,
                months,
                dscr: d,
                below_covenant: d < a.dscr_covenant,
                label: financing::project_year_label(a.start, y),
            }),
            // Debt outstanding before full power: the construction years, interest only.
            None if y.interest > 0.0 && y.principal <= 0.0 => interest_only.push((from, from + months)),
            None => {}
        }
    }
    let months = f.years.iter().map(|y| f64::from(y.first_month + y.months)).fold(0.0, f64::max);
    DscrData { bars, months, interest_only, covenant: a.dscr_covenant, has_debt: f.has_debt() }
}

/// One line above the plot: the minimum and the first breach, in words.
pub fn dscr_caption(scenario: &Scenario, f: &Financing) -> String {
    let a = &scenario.assumptions;
    let k = &f.kpis;
    let Some(min) = k.min_dscr else {
        return if f.has_debt() {
            format!("{}: no operating year with scheduled debt service", scenario.name)
        } else {
            format!("{}: all equity, no debt to cover (pick a preset under Financing and tax)", scenario.name)
        };
    };
    let year = |y: Option<u32>| y.and_then(|y| f.years.get(y as usize));
    match year(k.first_covenant_breach_project_year) {
        Some(b) => format!(
            "Min DSCR {} · below the {} covenant from {}",
            format::dscr(min),
            format::dscr(a.dscr_covenant),
            financing::project_year_label(a.start, b)
        ),
        None => format!("Min DSCR {} · covenant {} met every year", format::dscr(min), format::dscr(a.dscr_covenant)),
    }
}

pub fn show_dscr(ui: &mut egui::Ui, scenario: &Scenario, f: &Financing, view: PlotView) {
    let data = dscr_data(scenario, f);
    if !data.has_debt {
        ui.label("All equity: no debt service to cover. Set a debt share (inspector, Financing and tax) to see it.");
        return;
    }
    let start = scenario.assumptions.start;
    let covenant_color = palette::WARNING;
    let reference = palette::reference(ui);
    let mut key = vec![
        ("DSCR by project year".to_string(), palette::SIMPLE, Swatch::Area),
        ("below covenant".to_string(), covenant_color, Swatch::Area),
        (format!("covenant {}", format::dscr(data.covenant)), covenant_color, Swatch::Dashed),
    ];
    if !data.interest_only.is_empty() {
        key.push(("interest only, building: no DSCR".to_string(), palette::SWITCHED_OFF, Swatch::Area));
    }
    show_key(ui, &key);
    let labels: Vec<(f64, f64, String)> =
        data.bars.iter().map(|b| (b.x, b.months, format!("{}\nDSCR {}", b.label, format::dscr(b.dscr)))).collect();
    // A year whose debt is nearly repaid covers it many times over: drawn up to `cap` (its figure on top),
    // so the years near the covenant stay readable.
    let cap = (data.covenant * 4.0).max(4.0);
    let plot = view
        .plot("dscr")
        .include_y(0.0)
        .include_y(data.covenant * 1.5)
        .include_x(0.0)
        .include_x(data.months)
        .label_formatter(move |pos| {
            let p = match pos {
                egui_plot::HoverPosition::NearDataPoint { position, .. } => *position,
                egui_plot::HoverPosition::Elsewhere { position } => *position,
            };
            let year = labels.iter().find(|(x, m, _)| (p.x - x).abs() <= m / 2.0).map(|(_, _, l)| l.as_str());
            Some(match year {
                Some(label) => label.to_string(),
                None => format!("{}\n{}", axes::calendar(start, p.x), format::dscr(p.y)),
            })
        });
    let plot = axes::calendar_x(plot, start).y_axis_label("Debt service cover, x (after tax)");
    plot.show(ui, |plot_ui| {
        for (from, to) in &data.interest_only {
            plot_ui.span(
                Span::new("Interest only (building): no DSCR", *from..=*to)
                    .fill(palette::SWITCHED_OFF.gamma_multiply(0.2))
                    .border_color(palette::SWITCHED_OFF),
            );
        }
        let bars: Vec<Bar> = data
            .bars
            .iter()
            .map(|b| {
                let color = if b.below_covenant { covenant_color } else { palette::SIMPLE };
                Bar::new(b.x, b.dscr.min(cap))
                    .width(b.months * 0.8)
                    .fill(palette::fill(color))
                    .stroke(egui::Stroke::new(1.0, color))
                    .name(&b.label)
            })
            .collect();
        plot_ui.bar_chart(BarChart::new("DSCR", bars));
        for b in &data.bars {
            let color = if b.below_covenant { covenant_color } else { reference };
            plot_ui.text(
                Text::new("", PlotPoint::new(b.x, b.dscr.min(cap)), format::dscr(b.dscr))
                    .color(color)
                    .anchor(egui::Align2::CENTER_BOTTOM),
            );
        }
        plot_ui.hline(
            HLine::new(format!("Covenant {}", format::dscr(data.covenant)), data.covenant)
                .color(covenant_color)
                .style(LineStyle::dashed_loose()),
        );
    });
}
