//! The "Find the best mix" window: choices, progress, the results table and the plot of designs tried.

use egui::{Color32, RichText};
use egui_plot::{Legend, MarkerShape, Plot, Points, Text};

use super::{Finished, OptimizeState, apply, cancel, set_budget, start};
use crate::app::PowerplotApp;
use crate::model::catalog::GPU_SYSTEMS;
use crate::model::optimize::{HallChoice, Objective, search::EXACT_LIMIT};
use crate::model::{ComponentKind, Scenario};
use crate::outputs::format;
use crate::outputs::optimize as optimize_report;

/// What the window asks of the app this frame.
enum Action {
    Start,
    Cancel,
    Apply(usize),
    /// The scenario's capital budget changed (USD, `None`: no budget).
    SetBudget(Option<f64>),
}

pub fn window(app: &mut PowerplotApp, ctx: &egui::Context) {
    super::poll(app, ctx);
    if !app.optimize.open {
        return;
    }
    let mut open = true;
    let mut action = None;
    let scenario = app.doc.scenario().clone();
    let revision = app.doc.revision;
    let active = app.doc.active;
    egui::Window::new("Find the best mix").open(&mut open).default_size(egui::vec2(900.0, 720.0)).resizable(true).show(
        ctx,
        |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                action = contents(ui, &mut app.optimize, &scenario, active, revision);
            });
        },
    );
    app.optimize.open = open;
    match action {
        Some(Action::Start) => start(app),
        Some(Action::Cancel) => cancel(app),
        Some(Action::Apply(rank)) => apply(app, rank),
        Some(Action::SetBudget(budget)) => set_budget(app, budget),
        None => {}
    }
}

fn contents(
    ui: &mut egui::Ui,
    state: &mut OptimizeState,
    scenario: &Scenario,
    active: usize,
    revision: u64,
) -> Option<Action> {
    let mut action = None;
    ui.label(format!(
        "Which halls to keep mining, convert or remove, how many new GPU pods, which cooling plant and whether a \
         new substation pays, for \"{}\". Every design is evaluated by the full model.",
        scenario.name
    ));
    ui.add_space(4.0);
    if let Some(budget) = choices(ui, state, scenario) {
        action = Some(Action::SetBudget(budget));
    }
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        if let Some(run) = &state.run {
            ui.add(egui::ProgressBar::new(run.progress.fraction()).desired_width(260.0).show_percentage());
            ui.label(format!(
                "{} designs evaluated",
                run.progress.evaluated.load(std::sync::atomic::Ordering::Relaxed)
            ));
            if ui.button("Cancel").clicked() {
                action = Some(Action::Cancel);
            }
        } else if ui.button(RichText::new("Search").strong()).clicked() {
            action = Some(Action::Start);
        }
    });
    if let Some(finished) = &state.finished {
        ui.separator();
        if finished.scenario != active || finished.revision != revision {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                "The document changed since this search: search again to see designs for it. Apply still adds \
                 the design as it was found.",
            );
        }
        if let Some(rank) = results_table(ui, finished, &mut state.selected) {
            action = Some(Action::Apply(rank));
        }
        ui.add_space(6.0);
        tried_plot(ui, finished, state.selected);
    }
    action
}

/// Objective, budget, system and pod size, substation, and the choices open for each hall. Returns the new
/// capital budget when the planner changed it (an edit of the scenario's assumption).
fn choices(ui: &mut egui::Ui, state: &mut OptimizeState, scenario: &Scenario) -> Option<Option<f64>> {
    let enabled = !state.running();
    let mut budget_edit = None;
    ui.add_enabled_ui(enabled, |ui| {
        egui::Grid::new("best_mix_choices").num_columns(2).spacing(egui::vec2(12.0, 4.0)).show(ui, |ui| {
            let label = ui.label("Objective");
            let combo = egui::ComboBox::from_id_salt("best_mix_objective").selected_text(state.objective.label());
            let shown = combo.show_ui(ui, |ui| {
                for o in Objective::ALL {
                    ui.selectable_value(&mut state.objective, o, o.label());
                }
            });
            shown.response.labelled_by(label.id);
            ui.end_row();
            ui.label("Capital budget");
            ui.horizontal(|ui| {
                let budget = scenario.assumptions.capital_budget_usd;
                let mut use_budget = budget.is_some();
                let mut musd = budget.unwrap_or(1.0e9) / 1e6;
                let hover = "Every purchase within the horizon except hardware refreshes and replacement parts; \
                             saved with the scenario (its capital_budget_usd assumption)";
                if ui.checkbox(&mut use_budget, "at most").on_hover_text(hover).changed() {
                    budget_edit = Some(use_budget.then_some(musd * 1e6));
                }
                let drag = ui.add_enabled(
                    use_budget,
                    egui::DragValue::new(&mut musd).range(0.0..=10_000_000.0).speed(10.0).prefix("$").suffix("M"),
                );
                if drag.changed() && use_budget {
                    budget_edit = Some(Some(musd * 1e6));
                }
            });
            ui.end_row();
            let label = ui.label("New pods");
            ui.horizontal(|ui| {
                let name = GPU_SYSTEMS.get(state.system).map_or("", |p| p.name);
                let shown = egui::ComboBox::from_id_salt("best_mix_system").selected_text(name).show_ui(ui, |ui| {
                    for (i, p) in GPU_SYSTEMS.iter().enumerate() {
                        ui.selectable_value(&mut state.system, i, p.name);
                    }
                });
                shown.response.labelled_by(label.id);
                ui.add(egui::DragValue::new(&mut state.pod_systems).range(1..=10_000).suffix(" systems a pod"));
            });
            ui.end_row();
            ui.label("Substation");
            ui.checkbox(&mut state.allow_substation, "try a new substation of 50, 100, 200 or 400 MVA");
            ui.end_row();
        });
        hall_choices(ui, state, scenario);
    });
    budget_edit
}

fn hall_choices(ui: &mut egui::Ui, state: &mut OptimizeState, scenario: &Scenario) {
    let halls: Vec<(u64, String, bool)> = scenario
        .components
        .iter()
        .filter(|c| matches!(c.kind, ComponentKind::AsicHall(_)))
        .map(|c| (c.id, c.name.clone(), c.existing))
        .collect();
    if halls.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(format!("Choices open for each hall ({})", halls.len())).default_open(true).show(
        ui,
        |ui| {
            egui::Grid::new("best_mix_halls").striped(true).show(ui, |ui| {
                ui.label("");
                for c in HallChoice::ALL {
                    ui.strong(c.label());
                }
                ui.end_row();
                for (id, name, existing) in halls {
                    let i = match state.hall_open.iter().position(|(h, _)| *h == id) {
                        Some(i) => i,
                        None => {
                            state.hall_open.push((id, [true; 4]));
                            state.hall_open.len() - 1
                        }
                    };
                    let label = ui.label(&name);
                    for (k, c) in HallChoice::ALL.into_iter().enumerate() {
                        let open = &mut state.hall_open[i].1[k];
                        let allowed = c.open_to(existing);
                        ui.add_enabled(allowed, egui::Checkbox::without_text(open))
                            .labelled_by(label.id)
                            .on_hover_text(format!("{name}: {}", c.label()))
                            .on_disabled_hover_text(
                                "Only existing halls can be retrofitted: a new hall is either built or not",
                            );
                    }
                    ui.end_row();
                }
            });
        },
    );
}

/// The best designs with their KPIs and changes; returns the rank whose Apply was clicked.
fn results_table(ui: &mut egui::Ui, finished: &Finished, selected: &mut Option<usize>) -> Option<usize> {
    let r = &finished.result;
    let how = if r.mode == crate::model::optimize::SearchMode::Exact {
        "exact: every design enumerated".to_string()
    } else {
        format!("heuristic: the space of {} designs is above {EXACT_LIMIT}", r.space_size)
    };
    ui.label(format!(
        "{} designs evaluated ({how}){}",
        r.evaluated,
        if r.cancelled { "; cancelled, so these are the best found so far" } else { "" }
    ));
    // Each figure once: the objective's own column only when it is not the NPV.
    let own = r.objective != crate::model::optimize::Objective::Npv;
    let objective_part = |c: &crate::model::optimize::Candidate| {
        if own {
            format!(
                "{} {} · ",
                optimize_report::objective_name(r.objective),
                optimize_report::objective_value(r.objective, c)
            )
        } else {
            String::new()
        }
    };
    ui.label(format!(
        "Current design: {}{} · capex the budget counts {}{}",
        objective_part(&r.current),
        optimize_report::npv_text(&r.current),
        format::money(r.current.budget_capex_usd),
        r.current.violation.map(|v| format!(" · breaks a limit: {}", v.label())).unwrap_or_default()
    ));
    for why in [r.rejection_summary(), optimize_report::no_pay_reason(r)].into_iter().flatten() {
        ui.colored_label(ui.visuals().warn_fg_color, why);
    }
    if r.best.is_empty() {
        ui.label("No design meets the constraints.");
        return None;
    }
    let mut applied = None;
    egui::Grid::new("best_mix_results").striped(true).spacing(egui::vec2(10.0, 6.0)).show(ui, |ui| {
        let headers = [
            "#",
            r.objective.label(),
            "NPV (expected, if approved)",
            "Capex (budget)",
            "IT (AI)",
            "Water m3/day",
            "Full power",
            "What changes",
            "",
        ];
        for (i, h) in headers.into_iter().enumerate() {
            if i != 1 || own {
                ui.strong(h);
            }
        }
        ui.end_row();
        for (i, c) in r.best.iter().enumerate() {
            let k = &c.kpis;
            let rank = ui.selectable_label(*selected == Some(i), format!("{}", i + 1));
            if rank.clicked() {
                *selected = if *selected == Some(i) { None } else { Some(i) };
            }
            if own {
                ui.label(optimize_report::objective_value(r.objective, c));
            }
            ui.label(match c.figures.npv_expected_usd {
                Some(expected) => {
                    format!("{} (if approved {})", format::money(expected), format::money(c.figures.npv_usd))
                }
                None => format::money(c.figures.npv_usd),
            });
            ui.label(format::money(c.budget_capex_usd));
            ui.label(format!("{} ({})", format::power_mw(k.it_load_mw), format::power_mw(k.it_load_ai_mw)));
            ui.label(format!("{:.0}", k.water_m3_per_day));
            ui.label(format!("month {}", k.full_power_month));
            ui.vertical(|ui| {
                ui.set_max_width(300.0);
                for change in &c.changes {
                    ui.add(egui::Label::new(change).wrap());
                }
            });
            if ui.button("Apply").on_hover_text("Add this design as a new scenario (Ctrl+Z undoes it)").clicked() {
                applied = Some(i);
            }
            ui.end_row();
        }
    });
    applied
}

/// NPV against initial capex of every design tried; the best five highlighted and numbered.
fn tried_plot(ui: &mut egui::Ui, finished: &Finished, selected: Option<usize>) {
    let r = &finished.result;
    let dark = ui.visuals().dark_mode;
    let grey = if dark { Color32::from_gray(120) } else { Color32::from_gray(150) };
    let red = if dark { Color32::from_rgb(200, 90, 90) } else { Color32::from_rgb(210, 120, 120) };
    let best = if dark { Color32::from_rgb(90, 200, 255) } else { Color32::from_rgb(20, 90, 200) };
    let current = if dark { Color32::from_rgb(255, 170, 60) } else { Color32::from_rgb(200, 95, 0) };
    let point = |npv: f64, capex: f64| [capex / 1e6, npv / 1e6];
    let feasible: Vec<[f64; 2]> =
        r.tried.iter().filter(|t| t.feasible).map(|t| point(t.npv_usd, t.budget_capex_usd)).collect();
    let infeasible: Vec<[f64; 2]> =
        r.tried.iter().filter(|t| !t.feasible).map(|t| point(t.npv_usd, t.budget_capex_usd)).collect();
    ui.strong("Designs tried: NPV (if approved) against the capex the budget counts");
    Plot::new("best_mix_tried")
        .height(ui.available_height().max(260.0))
        .legend(Legend::default().position(egui_plot::Corner::LeftTop))
        .x_axis_label("capex the budget counts, $M")
        .y_axis_label("NPV, $M")
        .show(ui, |plot| {
            plot.points(Points::new("breaks a limit", infeasible).color(red).radius(1.5));
            plot.points(Points::new("meets every limit", feasible).color(grey).radius(2.0));
            plot.points(
                Points::new("current design", vec![point(r.current.figures.npv_usd, r.current.budget_capex_usd)])
                    .shape(MarkerShape::Square)
                    .color(current)
                    .radius(6.0),
            );
            for (i, c) in r.best.iter().enumerate() {
                let p = point(c.figures.npv_usd, c.budget_capex_usd);
                let radius = if selected == Some(i) { 9.0 } else { 6.0 };
                plot.points(
                    Points::new(if i == 0 { "best five" } else { "" }, vec![p])
                        .shape(MarkerShape::Diamond)
                        .color(best)
                        .radius(radius),
                );
                plot.text(
                    Text::new("", p.into(), RichText::new(format!("  {}", i + 1)).strong())
                        .anchor(egui::Align2::LEFT_BOTTOM)
                        .color(best),
                );
            }
        });
}
