//! The dashboard (the window's bottom panel): KPI cards on the left, one plot at a time on the right with
//! tabs to pick it. Figures come from the cached evaluation of the active scenario, recomputed only when
//! the document changes.

pub mod cards;
pub mod equity;
pub mod plots;
pub mod risk;

use egui::{Align, Layout};

use super::PowerplotApp;
use super::document::Document;
use crate::model::financing::Financing;
use crate::model::{Evaluation, Scenario};
use plots::cashflow::CashFlowView;
use plots::{PlotKind, PlotView, tornado::TornadoCache};

#[derive(Debug, Default)]
pub struct DashboardState {
    /// The plot shown beside the cards.
    pub plot: PlotKind,
    /// Whose cash flow the cash-flow plot shows.
    pub cash_view: CashFlowView,
    pub tornado: TornadoCache,
    /// The Risk tab is open (it takes the whole dashboard: its own cards and plots).
    pub show_risk: bool,
    pub risk_chart: risk::RiskChart,
}

/// Share of the dashboard's width the cards may take; the plot gets the rest.
const CARDS_SHARE: f32 = 0.5;

pub fn show(app: &mut PowerplotApp, ui: &mut egui::Ui) {
    let PowerplotApp { doc, results, dashboard, show_help, risk: risk_runs, optimize, .. } = app;
    // An edit late in a frame (after the results were refreshed) needs one more frame to show; this is a
    // single repaint, not a loop: the next frame refreshes the results and the revisions match again.
    if results.revision() != Some(doc.revision) && !doc.in_gesture() {
        ui.ctx().request_repaint();
    }
    if dashboard.show_risk {
        tabs(ui, dashboard);
        risk::show(ui, risk_runs, &mut dashboard.risk_chart, doc);
        return;
    }
    let Some(evaluation) = results.get(doc.active) else { return };
    let scenario = doc.scenario();
    let mut cards = cards::cards(scenario, &evaluation.kpis);
    // The base case against its own Monte Carlo, once a run of this revision exists (the Risk tab, an export).
    let key = crate::app::risk_run::RunKey { scenario: doc.active, revision: doc.revision };
    cards.extend(risk_runs.result(key).and_then(|r| risk::optimism_card(r)));
    cards.extend(cards::firm_cards(scenario, &evaluation.kpis));
    let equity = results.financing(doc.active).map(|f| (equity::heading(scenario, f), equity::cards(scenario, f)));
    cards.extend(cards::grid_cards(scenario, &evaluation.kpis));

    let full = ui.available_rect_before_wrap();
    let columns = cards::columns_for(full.width() * CARDS_SHARE).clamp(2, 6);
    let cards_width = columns as f32 * (cards::CARD_WIDTH + 4.0) - 4.0;
    ui.horizontal_top(|ui| {
        ui.allocate_ui_with_layout(egui::vec2(cards_width + 8.0, full.height()), Layout::top_down(Align::Min), |ui| {
            egui::ScrollArea::vertical().id_salt("kpi_cards").auto_shrink([true, false]).show(ui, |ui| {
                cards::show_cards(ui, &cards, cards_width);
                if let Some((heading, equity_cards)) = &equity {
                    ui.add_space(6.0);
                    ui.add(egui::Label::new(egui::RichText::new(heading).small().strong()).truncate());
                    cards::show_cards(ui, equity_cards, cards_width);
                }
            });
        });
        ui.separator();
        let financing = results.financing(doc.active);
        ui.vertical(|ui| plot_area(ui, dashboard, doc, evaluation, financing, show_help, &mut optimize.open)).inner
    })
    .inner
    // A span dragged on the Timeline moves that part's build start: one edit, one undo step.
    .and_then(|(id, month)| {
        let scenario = app.doc.active;
        let mut part = app.doc.scenario().component(id)?.clone();
        part.build_start_month = month;
        Some(app.edit(crate::app::edit::EditCommand::ReplaceComponent { scenario, component: part }))
    });
}

/// The tabs, a one-line caption with the view buttons, and the chosen plot.
fn plot_area(
    ui: &mut egui::Ui,
    state: &mut DashboardState,
    doc: &Document,
    evaluation: &Evaluation,
    financing: Option<&Financing>,
    show_help: &mut bool,
    best_mix_open: &mut bool,
) -> Option<(crate::model::ComponentId, u32)> {
    let scenario = doc.scenario();
    tabs(ui, state);
    let tornado = match state.plot {
        PlotKind::Sensitivity => Some(state.tornado.get(scenario, doc.active, doc.revision, doc.in_gesture())),
        _ => None,
    };
    let text = match (state.plot, tornado) {
        (PlotKind::Sensitivity, Some(data)) => sensitivity_caption(scenario, data),
        (PlotKind::CashFlow, _) => match financing {
            Some(f) => plots::cashflow::payback_caption_in(scenario, evaluation, f, state.cash_view),
            None => plots::cashflow::payback_caption(scenario, evaluation),
        },
        (PlotKind::Dscr, _) => financing.map_or(String::new(), |f| plots::dscr::dscr_caption(scenario, f)),
        (PlotKind::Timeline, _) => plots::timeline::critical_path_caption(scenario, evaluation),
        (PlotKind::Power, _) => format!("{}: power served each month, against the capacity online", scenario.name),
        (PlotKind::Water, _) => format!("{}: water per day by cooling plant", scenario.name),
        _ => format!("{}: capex beside the same site priced as a mining build", scenario.name),
    };
    let mut reset = false;
    ui.horizontal(|ui| {
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if ui.small_button("?").on_hover_text("How is this computed? (F1)").clicked() {
                *show_help = !*show_help;
            }
            if ui.small_button("Find the best mix…").on_hover_text("Search the designs this site allows").clicked() {
                *best_mix_open = true;
            }
            reset = ui
                .small_button("Reset view")
                .on_hover_text("Fit the plot to its data again (or double-click the plot)")
                .clicked();
            ui.with_layout(Layout::left_to_right(Align::Center), |ui| {
                ui.add(egui::Label::new(egui::RichText::new(&text).small()).truncate()).on_hover_text(&text);
            });
        });
    });
    if state.plot == PlotKind::CashFlow {
        cash_view_switch(ui, &mut state.cash_view);
    }
    let view = PlotView::new(("dashboard", doc.active)).with_reset(reset);
    match (state.plot, tornado) {
        (PlotKind::Capex, _) => plots::capex::show_capex(ui, evaluation, view),
        (PlotKind::Power, _) => plots::power::show_power(ui, scenario, evaluation, view),
        (PlotKind::Water, _) => plots::water::show_water(ui, scenario, evaluation, view),
        (PlotKind::CashFlow, _) => match financing {
            // Each view keeps its own zoom: the equity line sits far from the project's.
            Some(f) => {
                let view = PlotView::new(("dashboard", doc.active, state.cash_view.label())).with_reset(reset);
                plots::cashflow::show_cash_flow_in(ui, scenario, evaluation, f, state.cash_view, view)
            }
            None => plots::cashflow::show_cash_flow(ui, scenario, evaluation, view),
        },
        (PlotKind::Dscr, _) => {
            if let Some(f) = financing {
                plots::dscr::show_dscr(ui, scenario, f, view)
            }
        }
        (PlotKind::Timeline, _) => return plots::timeline::show_timeline(ui, scenario, evaluation, view),
        (PlotKind::Sensitivity, Some(data)) => plots::tornado::show_tornado(ui, scenario, data, view),
        (PlotKind::Sensitivity, None) => {}
    }
    None
}

/// Project (pre-tax), after-tax or equity cash flow, above the cash-flow plot.
fn cash_view_switch(ui: &mut egui::Ui, current: &mut CashFlowView) {
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 2.0;
        ui.weak("View:");
        for v in CashFlowView::ALL {
            let tip = format!("Cumulative cash flow {}", v.describe());
            if ui.selectable_label(*current == v, v.label()).on_hover_text(tip).clicked() {
                *current = v;
            }
        }
    });
}

/// The plot tabs and the Risk tab. Wrapped, so a narrow dashboard never widens the plot past the panel's edge.
fn tabs(ui: &mut egui::Ui, state: &mut DashboardState) {
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 1.0;
        ui.spacing_mut().button_padding.x = 3.0;
        for kind in PlotKind::ALL {
            let selected = !state.show_risk && state.plot == kind;
            if ui.selectable_label(selected, kind.label()).on_hover_text(kind.question()).clicked() {
                state.plot = kind;
                state.show_risk = false;
            }
        }
        ui.separator();
        let tip = "How bad can it get? P10/P50/P90 of NPV, equity IRR, payback and more over many draws of the \
                   uncertain inputs (Monte Carlo)";
        if ui.selectable_label(state.show_risk, "Risk").on_hover_text(tip).clicked() {
            state.show_risk = true;
        }
    });
}

fn sensitivity_caption(scenario: &Scenario, data: &plots::tornado::TornadoData) -> String {
    if scenario.components.is_empty() {
        return format!("{}: no parts on the site yet", scenario.name);
    }
    let widest = data.bars.first().map(|b| plots::tornado::driver_label(b.driver, scenario)).unwrap_or("none");
    format!("NPV with each driver 20 % lower or higher; {widest} moves it most")
}
