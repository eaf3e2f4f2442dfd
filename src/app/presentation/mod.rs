//! Presentation mode (F5 to enter, Escape to leave): full screen, no editing chrome, large type sized from
//! the window, one scenario at a time with its site plan, headline KPIs and the cash flows of every
//! scenario. Left/Right (or a clicker's Page Up/Down) step through the scenarios.

pub mod site_plan;

use egui::{Key, Modifiers, RichText, UiBuilder};

use super::PowerplotApp;
use super::compare;
use super::dashboard::plots::palette;
use super::risk_run::{RunKey, RunState};
use super::scenario_tabs;
use crate::model::financing::{self, Financing};
use crate::model::risk::RiskResult;
use crate::model::warnings::by_severity;
use crate::model::{Evaluation, Project, Scenario, Warning};
use crate::outputs::format;
use crate::outputs::slide as slide_cards;
pub use crate::outputs::slide::households;

/// The layout is designed at this size (points) and scaled with the window from there.
const DESIGN_SIZE: egui::Vec2 = egui::vec2(1366.0, 768.0);

#[derive(Default)]
pub struct PresentationState {
    pub active: bool,
    /// Scale of the last slide drawn: when it changes, the plot's axes must be measured again.
    last_scale: Option<f32>,
}

pub fn enter(app: &mut PowerplotApp, ctx: &egui::Context) {
    app.presentation.active = true;
    ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
}

pub fn leave(app: &mut PowerplotApp, ctx: &egui::Context) {
    app.presentation.active = false;
    app.presentation.last_scale = None;
    ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
}

pub fn toggle(app: &mut PowerplotApp, ctx: &egui::Context) {
    if app.presentation.active { leave(app, ctx) } else { enter(app, ctx) }
}

/// The scale of type and spacing for a window of `size` points: 1 at 1366x768, larger on big screens.
pub fn scale_for(size: egui::Vec2) -> f32 {
    (size.x / DESIGN_SIZE.x).min(size.y / DESIGN_SIZE.y).clamp(0.6, 4.0)
}

fn handle_keys(app: &mut PowerplotApp, ctx: &egui::Context) {
    let (leave_now, step) = ctx.input_mut(|i| {
        let leave = i.consume_key(Modifiers::NONE, Key::Escape) || i.consume_key(Modifiers::NONE, Key::F5);
        let next = i.consume_key(Modifiers::NONE, Key::ArrowRight) || i.consume_key(Modifiers::NONE, Key::PageDown);
        let previous = i.consume_key(Modifiers::NONE, Key::ArrowLeft) || i.consume_key(Modifiers::NONE, Key::PageUp);
        (leave, next as isize - previous as isize)
    });
    if leave_now {
        leave(app, ctx);
    } else if step != 0 {
        scenario_tabs::step_active(app, step);
    }
}

/// The whole window in presentation mode.
pub fn show(app: &mut PowerplotApp, ui: &mut egui::Ui) {
    let ctx = ui.ctx().clone();
    handle_keys(app, &ctx);
    app.results.refresh(&app.doc.project, app.doc.revision);
    let s = scale_for(ui.available_size());
    let frame = egui::Frame::central_panel(ui.style()).inner_margin(16.0 * s);
    let index = app.doc.active;
    let risk_key = RunKey { scenario: index, revision: app.doc.revision };
    // Every slide shows its risk line: a run starts for the slide shown when none is cached.
    app.risk.want(app.doc.scenario(), risk_key);
    let risk_line = match app.risk.state(risk_key) {
        RunState::Running { done, draws } => Some(format!(
            "Risk: running the Monte Carlo, {} of {} draws…",
            format::count(f64::from(done)),
            format::count(f64::from(draws))
        )),
        _ => app.risk.result(risk_key).map(|r| slide_risk_line(r)),
    };
    egui::CentralPanel::default()
        .frame(frame)
        .show(ui, |ui| slide(ui, &app.doc.project, app.results.all(), risk_line.as_deref(), index, s, true));
    remeasure_after_scale_change(app, &ctx, s);
}

/// egui_plot sizes the cash-flow plot's axes from the tick labels it measured in the previous pass, so the
/// first pass after the type size changes (on entering, or when the window resizes) lays them out for the
/// old size: titles over tick labels, labels past the plot's edge. Run the pass again, laid out from this
/// pass's measurements. Only a pass drawn visibly measures: once a discard is requested, egui_plot skips its
/// axes as invisible, which is why the request comes after the slide, and why a pass another widget already
/// had discarded does not count.
fn remeasure_after_scale_change(app: &mut PowerplotApp, ctx: &egui::Context, s: f32) {
    if app.presentation.last_scale == Some(s) {
        return;
    }
    if !ctx.will_discard() {
        app.presentation.last_scale = Some(s);
    }
    ctx.request_discard("presentation scale changed");
    if !ctx.will_discard() {
        // Out of passes for this frame: the next frame is laid out from this one.
        ctx.request_repaint();
    }
}

/// Scenario `index`'s slide at scale `s` (1 at 1366x768). Also drawn offscreen for the slide exports, which
/// leave out the keys (`live` false): they mean nothing on an exported picture. `risk` is the P10/P50/P90 line
/// shown under NPV when the scenario has risk results.
pub fn slide(
    ui: &mut egui::Ui,
    project: &Project,
    evaluations: &[Evaluation],
    risk: Option<&str>,
    index: usize,
    s: f32,
    live: bool,
) {
    let Some(scenario) = project.scenarios.get(index) else { return };
    let evaluation = evaluations.get(index);
    let financing = evaluation.map(|e| financing::evaluate(scenario, e));
    let dark = ui.visuals().dark_mode;
    header(ui, project, scenario, index, s, live);
    ui.add_space(10.0 * s);

    let body = ui.available_rect_before_wrap();
    let gap = 16.0 * s;
    let left = body.with_max_x(body.left() + body.width() * 0.54);
    let right = body.with_min_x(left.right() + gap);
    // The caveats go under the site plan (which rarely needs the column's full height), laid out from the
    // bottom up so the plan takes what they leave.
    let caveats_top = evaluation.zip(financing.as_ref()).map_or(left.bottom(), |(e, f)| {
        ui.scope_builder(UiBuilder::new().max_rect(left).layout(egui::Layout::bottom_up(egui::Align::LEFT)), |ui| {
            caveats(ui, e, f, s)
        })
        .inner
    });
    let plan = left.with_max_y((caveats_top - gap).max(left.top() + left.height() * 0.5));
    site_plan::paint(ui.painter(), plan, scenario, evaluation, dark, 13.0 * s);
    ui.scope_builder(UiBuilder::new().max_rect(right), |ui| {
        if let Some((e, f)) = evaluation.zip(financing.as_ref()) {
            kpi_cards(ui, scenario, e, f, risk, s);
        }
        ui.add_space(8.0 * s);
        ui.label(RichText::new("Cumulative cash flow, every scenario").size(15.0 * s).strong());
        let height = ui.available_height().max(80.0 * s);
        ui.style_mut().text_styles.insert(egui::TextStyle::Body, egui::FontId::proportional(13.0 * s));
        ui.style_mut().text_styles.insert(egui::TextStyle::Small, egui::FontId::proportional(11.0 * s));
        compare::show_cash_flow_plot(ui, project, evaluations, index, height);
    });
    ui.advance_cursor_after_rect(body);
}

fn header(ui: &mut egui::Ui, project: &Project, scenario: &Scenario, index: usize, s: f32, live: bool) {
    let count = project.scenarios.len();
    let color = compare::scenario_color(index, ui.visuals().dark_mode);
    ui.horizontal(|ui| {
        ui.label(RichText::new(&scenario.name).size(34.0 * s).strong().color(color));
        ui.add_space(12.0 * s);
        // Full text colour, not the weak grey: a projector washes out low contrast.
        ui.label(RichText::new(&project.name).size(18.0 * s).color(ui.visuals().text_color()));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if live {
                ui.label(RichText::new("Left/Right: scenario · Esc: leave").size(12.0 * s).weak());
                ui.add_space(12.0 * s);
            }
            ui.label(RichText::new(format!("Scenario {} of {count}", index + 1)).size(16.0 * s));
        });
    });
}

/// Warnings shown on a slide at most; the rest are counted and listed in the report.
const SLIDE_WARNINGS: usize = 3;

/// The scenario's most serious warnings under the site plan, so a caveat travels with the figures it
/// qualifies (the IRR's ambiguity, a limit the plan breaks, a covenant the debt breaches). Laid out in a
/// bottom-up `ui`; returns the top of what it drew (the bottom of `ui` when there is nothing to say).
fn caveats(ui: &mut egui::Ui, e: &Evaluation, f: &Financing, s: f32) -> f32 {
    let warnings: Vec<Warning> = e.warnings.iter().chain(&f.warnings).cloned().collect();
    let sorted = by_severity(&warnings);
    if sorted.is_empty() {
        return ui.max_rect().bottom();
    }
    let text_color = ui.visuals().text_color();
    let fill = ui.visuals().faint_bg_color;
    // The `ui` is bottom-up, so the lines are added from the last to the first.
    let response = egui::Frame::new().fill(fill).corner_radius(6.0 * s).inner_margin(8.0 * s).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.spacing_mut().item_spacing.y = 2.0 * s;
        if sorted.len() > SLIDE_WARNINGS {
            let more = sorted.len() - SLIDE_WARNINGS;
            let noun = if more == 1 { "warning" } else { "warnings" };
            ui.label(RichText::new(format!("+ {more} more {noun} in the report")).size(12.0 * s).color(text_color));
        }
        for w in sorted.iter().take(SLIDE_WARNINGS).rev() {
            let color = if w.kind.breaks_limit() { palette::WARNING } else { text_color };
            ui.label(RichText::new(format!("• {}", w.message)).size(12.0 * s).color(color));
        }
        ui.label(RichText::new("Caveats, most serious first").size(13.0 * s).strong().color(text_color));
    });
    response.response.rect.top()
}

fn kpi_cards(ui: &mut egui::Ui, scenario: &Scenario, e: &Evaluation, f: &Financing, risk: Option<&str>, s: f32) {
    let gap = 8.0 * s;
    let width = (ui.available_width() - gap) / 2.0;
    let fill = ui.visuals().faint_bg_color;
    for pair in slide_cards::cards(scenario, e, f).chunks(2) {
        ui.horizontal(|ui| {
            ui.spacing_mut().item_spacing.x = gap;
            for card in pair {
                egui::Frame::new().fill(fill).corner_radius(6.0 * s).inner_margin(8.0 * s).show(ui, |ui| {
                    ui.vertical(|ui| {
                        ui.set_width(width - 16.0 * s);
                        ui.spacing_mut().item_spacing.y = 1.0 * s;
                        ui.label(RichText::new(&card.title).size(13.0 * s).color(ui.visuals().text_color()));
                        ui.label(RichText::new(&card.value).size(26.0 * s).strong());
                        ui.add(egui::Label::new(RichText::new(&card.note).size(12.0 * s)).truncate());
                    });
                });
            }
        });
        ui.add_space(gap - ui.spacing().item_spacing.y);
    }
    // Its own full-width line, wrapped rather than cut, so it reads whole from 1280 to 1920 pixels.
    if let Some(line) = risk {
        ui.add(egui::Label::new(RichText::new(line).size(13.0 * s).strong().color(ui.visuals().text_color())).wrap());
    }
}

/// The line under a slide's cards: "Risk: NPV P10 … · P50 … · P90 … (2,000 draws, P(NPV < 0) 3.0 %)", and where
/// the base case lies above the P75 of its draws, that it is optimistic.
pub fn slide_risk_line(r: &RiskResult) -> String {
    format!("Risk: {}", slide_cards::risk_summary(r))
}
