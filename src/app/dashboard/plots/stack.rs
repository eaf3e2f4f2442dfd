//! Stacked monthly series, drawn as steps: month m holds its value from x = m to x = m + 1, so a part that
//! comes online in month 36 starts exactly at that month's gridline.

use egui_plot::{FilledArea, Line, PlotPoints, PlotUi};

/// One band of a stacked plot: its own monthly values and where it sits in the stack.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    pub name: String,
    pub values: Vec<f64>,
    /// The stack below this band, per month.
    pub lower: Vec<f64>,
    /// `lower + values`, per month.
    pub upper: Vec<f64>,
}

/// Stacks `series` bottom first. All series must have the same length (the horizon in months).
pub fn stack(series: Vec<(String, Vec<f64>)>) -> Vec<Band> {
    let months = series.first().map_or(0, |(_, v)| v.len());
    let mut below = vec![0.0; months];
    series
        .into_iter()
        .map(|(name, values)| {
            let lower = below.clone();
            let upper: Vec<f64> = lower.iter().zip(&values).map(|(l, v)| l + v.max(0.0)).collect();
            below.clone_from(&upper);
            Band { name, values, lower, upper }
        })
        .collect()
}

/// The x and y of a step line through monthly `values`.
pub fn steps(values: &[f64]) -> (Vec<f64>, Vec<f64>) {
    let mut xs = Vec::with_capacity(values.len() * 2);
    let mut ys = Vec::with_capacity(values.len() * 2);
    for (m, v) in values.iter().enumerate() {
        xs.extend([m as f64, m as f64 + 1.0]);
        ys.extend([*v, *v]);
    }
    (xs, ys)
}

/// Draws `band` as a filled step area with its top edge as a line (the legend entry).
pub fn draw_band(plot_ui: &mut PlotUi<'_>, band: &Band, color: egui::Color32) {
    let (xs, lower) = steps(&band.lower);
    let (_, upper) = steps(&band.upper);
    plot_ui.add(
        FilledArea::new(band.name.clone(), &xs, &lower, &upper)
            .fill_color(super::palette::fill(color))
            .allow_hover(false),
    );
    let edge: PlotPoints<'_> = xs.iter().zip(&upper).map(|(x, y)| [*x, *y]).collect();
    plot_ui.line(Line::new(band.name.clone(), edge).color(color).width(1.0));
}

/// Draws `band` as power left idle: a faint fill with a dashed top edge, so it reads as what is not drawn.
pub fn draw_idle_band(plot_ui: &mut PlotUi<'_>, band: &Band, color: egui::Color32) {
    let (xs, lower) = steps(&band.lower);
    let (_, upper) = steps(&band.upper);
    plot_ui.add(
        FilledArea::new(band.name.clone(), &xs, &lower, &upper)
            .fill_color(color.gamma_multiply(0.25))
            .allow_hover(false),
    );
    let edge: PlotPoints<'_> = xs.iter().zip(&upper).map(|(x, y)| [*x, *y]).collect();
    plot_ui
        .line(Line::new(band.name.clone(), edge).color(color).width(1.0).style(egui_plot::LineStyle::dashed_dense()));
}

/// Draws monthly `values` as a step line.
pub fn step_line<'a>(name: impl Into<String>, values: &[f64]) -> Line<'a> {
    let (xs, ys) = steps(values);
    Line::new(name, xs.iter().zip(&ys).map(|(x, y)| [*x, *y]).collect::<PlotPoints<'_>>())
}

/// The month a step plot shows at `x` (month m spans m..m+1).
pub fn month_under(x: f64, months: usize) -> Option<usize> {
    super::axes::month_at(x.floor(), months)
}
