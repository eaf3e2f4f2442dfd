//! Scenarios side by side: a table of the key KPIs with the best value of each row marked, and every
//! scenario's cumulative cash flow on one plot. Shown as a window, in presentation mode and in exports.

use egui::{Color32, RichText};
use egui_plot::{HLine, Legend, Line, Plot, PlotPoints};

use super::PowerplotApp;
use super::dashboard::plots::axes;
use super::dashboard::plots::palette;
use super::edit::EditCommand;
use super::risk_run::{RiskRuns, RunKey};
use crate::model::financing::Financing;
use crate::model::warnings::by_severity;
use crate::model::{Evaluation, Project, Scenario};
use crate::outputs::comparison::{self, CompareRow, Compared, Mark};
use crate::outputs::format;
use crate::outputs::risk as risk_report;

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
/// Follows each of the values that share the best of a row.
pub const TIE_SUFFIX: &str = "(tie)";
/// Follows a value left out of the ranking because its scenario breaks a site limit.
pub const NOT_RANKED_SUFFIX: &str = "(over a limit)";

/// The fill behind a best value: a green tint that keeps the text readable in both themes.
fn best_fill(dark: bool) -> Color32 {
    if dark { Color32::from_rgb(24, 90, 50) } else { Color32::from_rgb(190, 240, 200) }
}

/// What the comparison table asks of the document: show a scenario, or give every scenario one
/// scenario's value of an assumption.
#[derive(Debug, Clone, PartialEq)]
pub enum TableAction {
    Show(usize),
    ApplyEverywhere { key: String, from: usize },
}

/// The comparison table at `text_size` points, then the assumptions that differ between the scenarios.
pub fn show_table(
    ui: &mut egui::Ui,
    project: &Project,
    evaluations: &[Evaluation],
    financings: &[Financing],
    active: usize,
    text_size: f32,
) -> Option<TableAction> {
    let dark = ui.visuals().dark_mode;
    let compared = Compared::all(&project.scenarios, evaluations, financings);
    let evals: Vec<&Evaluation> = compared.iter().map(|c| c.evaluation).collect();
    let scenarios = &project.scenarios[..evals.len()];
    let mut action = None;
    let text = |s: String| RichText::new(s).size(text_size);
    egui::Grid::new("compare_table").striped(true).spacing(egui::vec2(text_size * 1.2, text_size * 0.45)).show(
        ui,
        |ui| {
            ui.label(text(String::new()));
            for (i, s) in scenarios.iter().enumerate() {
                let mut name = text(s.name.clone()).strong().color(scenario_color(i, dark));
                if i == active {
                    name = name.underline();
                }
                if ui
                    .add(egui::Label::new(name).sense(egui::Sense::click()))
                    .on_hover_text("Show this scenario")
                    .clicked()
                {
                    action = Some(TableAction::Show(i));
                }
            }
            ui.end_row();
            for row in comparison::rows() {
                row_cells(ui, &row, &compared, text_size, dark);
                ui.end_row();
            }
            ui.label(text("Site limits".into())).on_hover_text(
                "Power, cooling and water the full build needs beyond what the site has. A scenario over a limit is never marked best: its figures count on what the site cannot deliver.",
            );
            for e in &evals {
                let t = text(comparison::limits_text(e));
                ui.label(if comparison::breaks_limit(e) { t.color(palette::WARNING).strong() } else { t });
            }
            ui.end_row();
            ui.label(text("Warnings".into())).on_hover_text("How many warnings, and the most serious kinds");
            for c in &compared {
                let tip = comparison::warnings_text(c);
                let warnings = comparison::warnings(c);
                ui.label(text(tip.clone())).on_hover_ui(|ui| {
                    for w in by_severity(&warnings) {
                        ui.label(&w.message);
                    }
                });
            }
            ui.end_row();
        },
    );
    ui.label(
        RichText::new(
            "Only rows where more or less is better by nature are ranked (hover a row name for its rule; Help lists them all); payback and capex per MW only between scenarios of one business model; a scenario over a site limit is never ranked. Nominal US dollars; NPV and IRR pre-tax and unlevered, the after-tax and equity rows with each scenario's tax and debt.",
        )
        .size(text_size * 0.8)
        .weak(),
    );
    if let Some(a) = assumption_diff(ui, scenarios, text_size) {
        action = Some(a);
    }
    action
}

fn row_cells(ui: &mut egui::Ui, row: &CompareRow, compared: &[Compared], text_size: f32, dark: bool) {
    let rule = row.rule(compared);
    ui.label(RichText::new(row.label).size(text_size)).on_hover_text(format!("{}: {}", rule, row.why));
    for (c, mark) in compared.iter().zip(row.marks(compared)) {
        let e = c.evaluation;
        let value = (row.text)(c);
        match mark {
            Mark::Best | Mark::Tie => {
                let (suffix, tip) = match mark {
                    Mark::Best => (BEST_SUFFIX, format!("Best: {rule}")),
                    _ => (TIE_SUFFIX, format!("Tied for best: {rule}")),
                };
                egui::Frame::new()
                    .fill(best_fill(dark))
                    .inner_margin(egui::Margin::symmetric(4, 0))
                    .corner_radius(3.0)
                    .show(ui, |ui| {
                        let color = if dark { Color32::WHITE } else { Color32::BLACK };
                        ui.label(RichText::new(format!("{value} {suffix}")).size(text_size).strong().color(color))
                            .on_hover_text(tip);
                    });
            }
            Mark::NotRanked => {
                ui.label(RichText::new(format!("{value} {NOT_RANKED_SUFFIX}")).size(text_size).weak()).on_hover_text(
                    format!("Not ranked: the scenario breaks a site limit ({})", comparison::limits_text(e)),
                );
            }
            Mark::None => {
                ui.label(RichText::new(value).size(text_size));
            }
        }
    }
}

/// The assumptions that differ between the scenarios, each value labelled as its scenario's, with a button
/// that gives every scenario that value (one undo step).
fn assumption_diff(ui: &mut egui::Ui, scenarios: &[Scenario], text_size: f32) -> Option<TableAction> {
    let diffs = comparison::assumption_diffs(scenarios);
    if scenarios.len() < 2 {
        return None;
    }
    ui.add_space(text_size * 0.6);
    ui.label(RichText::new("Assumptions that differ between the scenarios").size(text_size).strong());
    if diffs.is_empty() {
        ui.label(RichText::new("None: every scenario assumes the same.").size(text_size * 0.9));
        return None;
    }
    ui.label(
        RichText::new("Each scenario keeps its own site assumptions; a difference here moves the figures above.")
            .size(text_size * 0.8)
            .weak(),
    );
    let dark = ui.visuals().dark_mode;
    let mut action = None;
    egui::Grid::new("compare_assumptions").striped(true).spacing(egui::vec2(text_size * 1.2, text_size * 0.3)).show(
        ui,
        |ui| {
            ui.label(RichText::new("Assumption").size(text_size).weak());
            for (i, s) in scenarios.iter().enumerate() {
                ui.label(RichText::new(format!("{}'s", s.name)).size(text_size).color(scenario_color(i, dark)));
            }
            ui.end_row();
            for d in &diffs {
                ui.label(RichText::new(&d.label).size(text_size));
                for (i, (s, value)) in scenarios.iter().zip(&d.values).enumerate() {
                    ui.horizontal(|ui| {
                        ui.label(RichText::new(value).size(text_size));
                        let button = ui.small_button("to all").on_hover_text(format!(
                            "Apply this value ({value}, {}'s) to all scenarios; one undo step",
                            s.name
                        ));
                        if button.clicked() {
                            action = Some(TableAction::ApplyEverywhere { key: d.key.clone(), from: i });
                        }
                    });
                }
                ui.end_row();
            }
        },
    );
    action
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
/// Each scenario's base-case NPV against its own Monte Carlo draws, one line each: the optimistic-base-case
/// caveat, the draws' P50 and mean, or that the run is under way.
pub fn risk_lines(project: &Project, runs: &RiskRuns, revision: u64) -> Vec<String> {
    let draws_of = |i: usize| runs.result(RunKey { scenario: i, revision });
    (project.scenarios.iter().enumerate())
        .map(|(i, s)| match draws_of(i) {
            Some(r) => match risk_report::optimism_line(r) {
                Some(line) => format!("{}: {line}", s.name),
                None => format!(
                    "{}: base case NPV {} within its draws (above {} of them; P50 {}, mean {}).",
                    s.name,
                    format::money(r.base_npv),
                    format::percent(r.below_base_share()),
                    r.npv.p50.map_or("n/a".into(), format::money),
                    r.npv.mean.map_or("n/a".into(), format::money)
                ),
            },
            None => format!("{}: risk draws running…", s.name),
        })
        .collect()
}

/// While the window is open, runs each scenario's risk in turn (never cancelling a run of another view), so
/// every base-case NPV here can be read against its draws.
fn run_missing_risk(app: &mut PowerplotApp) {
    app.risk.poll();
    if app.risk.is_running() {
        return;
    }
    let revision = app.doc.revision;
    let missing =
        (0..app.doc.project.scenarios.len()).find(|&i| app.risk.result(RunKey { scenario: i, revision }).is_none());
    if let Some(i) = missing {
        app.risk.want(&app.doc.project.scenarios[i], RunKey { scenario: i, revision });
    }
}

pub fn window(app: &mut PowerplotApp, ctx: &egui::Context) {
    let mut open = app.compare.open;
    let mut chosen = None;
    if open {
        run_missing_risk(app);
    }
    let risk = risk_lines(&app.doc.project, &app.risk, app.doc.revision);
    egui::Window::new("Compare scenarios").open(&mut open).default_size(egui::vec2(760.0, 660.0)).resizable(true).show(
        ctx,
        |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                chosen =
                    show_table(ui, &app.doc.project, app.results.all(), app.results.financings(), app.doc.active, 14.0);
                ui.add_space(6.0);
                ui.strong("Base case against its risk draws")
                    .on_hover_text("Each scenario's Monte Carlo with its own draws and seed (the Risk tab's settings). A base case above the P75 of its draws is optimistic: the uncertain inputs are skewed against it.");
                for line in &risk {
                    let optimistic = line.contains("the base case is optimistic");
                    let t = RichText::new(line).size(13.0);
                    ui.add(egui::Label::new(if optimistic { t.color(palette::WARNING) } else { t }).wrap());
                }
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
    match chosen {
        Some(TableAction::Show(i)) => app.doc.set_active(i),
        Some(TableAction::ApplyEverywhere { key, from }) => {
            match comparison::with_value_everywhere(&app.doc.project.scenarios, &key, from) {
                Some(assumptions) => {
                    app.edit(EditCommand::SetAllAssumptions { assumptions });
                }
                None => app.notify("Change refused", format!("No assumption {key} in scenario {}", from + 1)),
            }
        }
        None => {}
    }
}
