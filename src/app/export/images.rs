//! The pictures of the exports, drawn offscreen at any scale: a scenario's site plan, the comparison of
//! cash flows, and a presentation slide.

use egui::{ColorImage, vec2};

use super::offscreen;
use crate::app::compare;
use crate::app::presentation::{self, site_plan};
use crate::app::underlay::loader::UnderlayImages;
use crate::app::underlay::paint::register_images;
use crate::model::{Evaluation, Project, Scenario};

/// Points of a site plan image (scaled by the export scale into pixels).
pub const SITE_PLAN_SIZE: egui::Vec2 = vec2(1200.0, 720.0);
/// Points of a plot image.
pub const PLOT_SIZE: egui::Vec2 = vec2(1200.0, 520.0);
/// Points of a slide: the presentation layout's design size.
pub const SLIDE_SIZE: egui::Vec2 = vec2(1366.0, 768.0);

/// The site plan of `scenario` with its name (over its underlay image, when `underlays` has it), `scale`
/// pixels per point.
pub fn site_plan(
    scenario: &Scenario,
    evaluation: Option<&Evaluation>,
    underlays: &UnderlayImages,
    dark: bool,
    scale: f32,
) -> ColorImage {
    offscreen::render(SITE_PLAN_SIZE, scale, dark, |ui| {
        register_images(ui.ctx(), underlays);
        ui.label(egui::RichText::new(&scenario.name).size(22.0).strong());
        let rect = ui.available_rect_before_wrap();
        site_plan::paint(ui.painter(), rect, scenario, evaluation, dark, 14.0);
    })
}

/// Every scenario's cumulative cash flow on one plot.
pub fn cash_flow_comparison(
    project: &Project,
    evaluations: &[Evaluation],
    active: usize,
    dark: bool,
    scale: f32,
) -> ColorImage {
    offscreen::render(PLOT_SIZE, scale, dark, |ui| {
        ui.label(egui::RichText::new("Cumulative cash flow").size(20.0).strong());
        let height = ui.available_height();
        compare::show_cash_flow_plot(ui, project, evaluations, active, height);
    })
}

/// Scenario `index`'s presentation slide, with `risk` (its risk line) under the cards.
pub fn slide(
    project: &Project,
    evaluations: &[Evaluation],
    underlays: &UnderlayImages,
    risk: Option<&str>,
    index: usize,
    dark: bool,
    scale: f32,
) -> ColorImage {
    offscreen::render(SLIDE_SIZE, scale, dark, |ui| {
        register_images(ui.ctx(), underlays);
        presentation::slide(ui, project, evaluations, risk, index, 1.0, false)
    })
}
