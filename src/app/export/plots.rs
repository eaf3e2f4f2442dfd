//! Every dashboard plot of one scenario as its own PNG, drawn offscreen (so the dashboard's tab, size and
//! zoom on screen do not matter), with the scenario's name and what the plot answers above it.

use std::path::{Path, PathBuf};

use egui::ColorImage;

use super::images::PLOT_SIZE;
use super::{ExportError, offscreen, png, report};
use crate::app::dashboard::plots::tornado::TornadoData;
use crate::app::dashboard::plots::{self, PlotKind, PlotView};
use crate::model::financing;
use crate::model::{Evaluation, Scenario};

/// The line under a plot's title: the dashboard's caption where it says more than the tab's tooltip.
fn caption(kind: PlotKind, scenario: &Scenario, evaluation: &Evaluation) -> String {
    match kind {
        PlotKind::CashFlow => plots::cashflow::payback_caption(scenario, evaluation),
        PlotKind::Timeline => plots::timeline::critical_path_caption(scenario, evaluation),
        PlotKind::Dscr => plots::dscr::dscr_caption(scenario, &financing::evaluate(scenario, evaluation)),
        _ => kind.question().to_string(),
    }
}

/// Plot `kind` of `scenario` on a `PLOT_SIZE` picture at `scale` pixels per point. `sensitivity` is only
/// read for the sensitivity plot.
pub fn plot_image(
    kind: PlotKind,
    scenario: &Scenario,
    evaluation: &Evaluation,
    sensitivity: &TornadoData,
    dark: bool,
    scale: f32,
) -> ColorImage {
    let title = format!("{}: {}", scenario.name, kind.label());
    let caption = caption(kind, scenario, evaluation);
    offscreen::render(PLOT_SIZE, scale, dark, |ui| {
        ui.label(egui::RichText::new(&title).size(20.0).strong());
        ui.label(&caption);
        ui.add_space(4.0);
        let view = PlotView::new(("export", kind.label()));
        match kind {
            PlotKind::Capex => plots::capex::show_capex(ui, evaluation, view),
            PlotKind::Power => plots::power::show_power(ui, scenario, evaluation, view),
            PlotKind::Water => plots::water::show_water(ui, scenario, evaluation, view),
            PlotKind::CashFlow => plots::cashflow::show_cash_flow(ui, scenario, evaluation, view),
            PlotKind::Dscr => plots::dscr::show_dscr(ui, scenario, &financing::evaluate(scenario, evaluation), view),
            PlotKind::Timeline => {
                plots::timeline::show_timeline(ui, scenario, evaluation, view);
            }
            PlotKind::Sensitivity => plots::tornado::show_tornado(ui, scenario, sensitivity, view),
        }
    })
}

/// The file of plot `kind` of scenario `number` (1-based): "<number>-<scenario>-<n>-<plot>.png", plots
/// numbered in the dashboard's tab order. Unique within a project whatever the scenarios are called.
pub fn plot_file_name(number: usize, scenario: &Scenario, kind: PlotKind) -> String {
    let n = PlotKind::ALL.iter().position(|k| *k == kind).unwrap_or(0) + 1;
    format!("{}-{n}-{}.png", report::scenario_stem(number, &scenario.name), report::slug(kind.label()))
}

/// Writes every dashboard plot of `scenario` (number `number` in its project, 1-based) into `dir` (created
/// when missing); returns the files written. On a failure the error lists the plots already written.
pub fn write_plots(
    scenario: &Scenario,
    number: usize,
    evaluation: &Evaluation,
    dir: &Path,
    dark: bool,
    scale: f32,
) -> Result<Vec<PathBuf>, ExportError> {
    std::fs::create_dir_all(dir).map_err(|source| ExportError::Write { path: dir.to_path_buf(), source })?;
    let sensitivity = TornadoData::of(scenario);
    let mut paths = Vec::new();
    for kind in PlotKind::ALL {
        let path = dir.join(plot_file_name(number, scenario, kind));
        if let Err(e) = png::save(&plot_image(kind, scenario, evaluation, &sensitivity, dark, scale), &path) {
            return Err(ExportError::incomplete(e, paths));
        }
        paths.push(path);
    }
    Ok(paths)
}
