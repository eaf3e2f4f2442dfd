//! The dashboard: KPI cards and plots of the active scenario.

use super::PowerplotApp;
use crate::report;

#[derive(Default)]
pub struct DashboardState {}

pub fn show(app: &mut PowerplotApp, ui: &mut egui::Ui) {
    let Some(e) = app.results.get(app.doc.active) else { return };
    egui::ScrollArea::vertical().show(ui, |ui| {
        egui::Grid::new("kpis").striped(true).show(ui, |ui| {
            for (label, f) in report::kpi_rows() {
                ui.label(label);
                ui.label(f(&e.kpis));
                ui.end_row();
            }
        });
    });
}

pub fn help_window(app: &mut PowerplotApp, ctx: &egui::Context) {
    egui::Window::new("How is this computed?").open(&mut app.show_help).show(ctx, |ui| {
        ui.label("See MODEL.md");
    });
}
