//! Scenarios side by side: a table of the key KPIs with the best value of each row marked, and every
//! scenario's cumulative cash flow on one plot. Shown as a window, in presentation mode and in exports.

use egui::{Color32, RichText};
use egui_plot::{HLine, Legend, Line, Plot, PlotPoints};

use super::PowerplotApp;
use super::dashboard::plots::axes;
use crate::comparison::{self, CompareRow};
use crate::model::{Evaluation, Project};

#[derive(Default)]
pub struct CompareState {
    pub open: bool,
}

/// A colour per scenario, the same in the table, the plots and presentation mode; strong enough to read
/// on a projector in both themes.
pub fn scenario_color(index: usize, dark: bool) -> Color32 {
    const DARK: [Color32; 6] = [
        Color32::from_rgb(90, 170, 255),
        Color32::from_rgb(255, 166, 60),
        Color32::from_rgb(80, 210, 140),
        Color32::from_rgb(240, 110, 200),
        Color32::from_rgb(235, 225, 90),
        Color32::from_rgb(170, 140, 255),
    ];
    const LIGHT: [Color32; 6] = [
        Color32::from_rgb(20, 90, 200),
        Color32::from_rgb(200, 95, 0),
        Color32::from_rgb(0, 135, 70),
        Color32::from_rgb(180, 30, 130),
        Color32::from_rgb(140, 120, 0),
        Color32::from_rgb(100, 60, 200),
    ];
    if dark { DARK[index % DARK.len()] } else { LIGHT[index % LIGHT.len()] }
}

/// Follows the best value of a row on screen (the bundled font has no star glyph).
pub const BEST_SUFFIX: &str = "(best)";

/// The fill behind a best value: a green tint that keeps the text readable in both themes.
fn best_fill(dark: bool) -> Color32 {
    if dark { Color32::from_rgb(24, 90, 50) } else { Color32::from_rgb(190, 240, 200) }
}

/// The comparison table at `text_size` points. Returns the index of a scenario whose name was clicked.
pub fn show_table(
    ui: &mut egui::Ui,
    project: &Project,
    evaluations: &[Evaluation],
    active: usize,
    text_size: f32,
) -> Option<usize> {
    let dark = ui.visuals().dark_mode;
    let kpis: Vec<_> = evaluations.iter().map(|e| &e.kpis).collect();
    let mut clicked = None;
    let text = |s: String| RichText::new(s).size(text_size);
    egui::Grid::new("compare_table").striped(true).spacing(egui::vec2(text_size * 1.2, text_size * 0.45)).show(
        ui,
        |ui| {
            ui.label(text(String::new()));
            for (i, s) in project.scenarios.iter().enumerate().take(kpis.len()) {
                let mut name = text(s.name.clone()).strong().color(scenario_color(i, dark));
                if i == active {
                    name = name.underline();
                }
                if ui
                    .add(egui::Label::new(name).sense(egui::Sense::click()))
                    .on_hover_text("Show this scenario")
                    .clicked()
                {
                    clicked = Some(i);
                }
            }
            ui.end_row();
            for row in comparison::rows() {
                row_cells(ui, &row, &kpis, text_size, dark);
                ui.end_row();
            }
        },
    );
    ui.label(
        RichText::new("The best value of each row is highlighted (hover a row name for its rule). Pre-tax, unlevered, nominal US dollars.")
            .size(text_size * 0.8)
            .weak(),
    );
    clicked
}

fn row_cells(ui: &mut egui::Ui, row: &CompareRow, kpis: &[&crate::model::Kpis], text_size: f32, dark: bool) {
    ui.label(RichText::new(row.label).size(text_size)).on_hover_text(row.better.describe());
    let best = row.best(kpis);
    for (i, k) in kpis.iter().enumerate() {
        let value = (row.text)(k);
        if best.contains(&i) {
            egui::Frame::new()
                .fill(best_fill(dark))
                .inner_margin(egui::Margin::symmetric(4, 0))
                .corner_radius(3.0)
                .show(ui, |ui| {
                    let color = if dark { Color32::WHITE } else { Color32::BLACK };
                    ui.label(RichText::new(format!("{value} {BEST_SUFFIX}")).size(text_size).strong().color(color))
                        .on_hover_text(format!("Best: {}", row.better.describe()));
                });
        } else {
            ui.label(RichText::new(value).size(text_size));
        }
    }
}

/// Every scenario's cumulative cash flow ($M against calendar year) on one plot; the active scenario is
/// drawn thicker.
pub fn show_cash_flow_plot(
    ui: &mut egui::Ui,
    project: &Project,
    evaluations: &[Evaluation],
    active: usize,
    height: f32,
) {
    let dark = ui.visuals().dark_mode;
    let axis_color = ui.visuals().weak_text_color();
    let text_size = ui.style().text_styles.get(&egui::TextStyle::Body).map_or(14.0, |f| f.size);
    // egui_plot's grid spacing (8 to 300 pt) and the label factors below suit egui's default text size. With
    // larger type (a presentation slide on a big screen) the spacing grows with it: otherwise labelled ticks
    // fall closer together than their labels are tall or wide, and egui_plot leaves every label out.
    let default_size = egui::style::default_text_styles().get(&egui::TextStyle::Body).map_or(text_size, |f| f.size);
    let spacing_scale = (text_size / default_size).max(1.0);
    Plot::new("compare_cash_flow")
        .height(height)
        .grid_spacing(egui::Rangef::new(8.0 * spacing_scale, 300.0 * spacing_scale))
        .legend(Legend::default().position(egui_plot::Corner::LeftTop))
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .x_axis_label("year")
        .y_axis_label("cumulative cash flow, $M")
        .y_grid_spacer(|input| axes::nice_marks(&input, 3.0))
        .y_axis_formatter(|mark, _| format!("{:.0}", mark.value))
        // Whole years only: a label on a half-year mark would round to the wrong year.
        .x_grid_spacer(|input| axes::nice_marks(&input, 8.0))
        .x_axis_formatter(|mark, _| if mark.step_size >= 1.0 { format!("{:.0}", mark.value) } else { String::new() })
        .show(ui, |plot| {
            plot.hline(HLine::new("", 0.0).color(axis_color).width(1.0));
            for (i, (s, e)) in project.scenarios.iter().zip(evaluations).enumerate() {
                let start = s.assumptions.start;
                let year0 = start.year as f64 + (start.month as f64 - 1.0) / 12.0;
                let points: Vec<[f64; 2]> = e
                    .series
                    .cumulative_cash_flow
                    .iter()
                    .enumerate()
                    .map(|(m, v)| [year0 + (m as f64 + 1.0) / 12.0, v / 1e6])
                    .collect();
                let width = if i == active { text_size * 0.25 } else { text_size * 0.12 };
                plot.line(
                    Line::new(s.name.clone(), PlotPoints::from(points)).color(scenario_color(i, dark)).width(width),
                );
            }
        });
}

/// The shortest cash-flow plot in the comparison window, in points: room for its y-axis title.
const MIN_PLOT_HEIGHT: f32 = 220.0;

/// The comparison window (Scenario > Compare scenarios).
pub fn window(app: &mut PowerplotApp, ctx: &egui::Context) {
    let mut open = app.compare.open;
    let mut chosen = None;
    egui::Window::new("Compare scenarios").open(&mut open).default_size(egui::vec2(760.0, 660.0)).resizable(true).show(
        ctx,
        |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                chosen = show_table(ui, &app.doc.project, app.results.all(), app.doc.active, 14.0);
                ui.add_space(8.0);
                ui.strong("Cumulative cash flow");
                // The plot takes the rest of the window, so its axis title (centred on the plot) is not cut
                // off by the bottom edge; a window too small for `MIN_PLOT_HEIGHT` scrolls instead.
                let height = ui.available_height().max(MIN_PLOT_HEIGHT);
                show_cash_flow_plot(ui, &app.doc.project, app.results.all(), app.doc.active, height);
            });
        },
    );
    app.compare.open = open;
    if let Some(i) = chosen {
        app.doc.set_active(i);
    }
}
