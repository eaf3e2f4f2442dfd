//! A read-only drawing of a scenario's site plan: ground, metre grid, boundary, every component as a
//! coloured footprint with its name and MW, warnings outlined, a legend and a scale bar. Used by presentation
//! mode and by the PNG exports (on screen or offscreen), so it takes only a painter and a rectangle.

use egui::text::{LayoutJob, TextFormat, TextWrapping};
use egui::{Align, Align2, Color32, FontId, Pos2, Rect, Stroke, StrokeKind, pos2, vec2};

use crate::model::{Evaluation, KindTag, Scenario};
use crate::outputs::format;

/// Colours of the drawing for one theme.
pub struct PlanColors {
    pub ground: Color32,
    pub grid: Color32,
    pub boundary: Color32,
    pub text: Color32,
    pub warning: Color32,
}

impl PlanColors {
    pub fn for_theme(dark: bool) -> Self {
        if dark {
            PlanColors {
                ground: Color32::from_rgb(28, 33, 38),
                grid: Color32::from_rgb(48, 55, 62),
                boundary: Color32::from_rgb(200, 205, 210),
                text: Color32::from_rgb(240, 240, 240),
                warning: Color32::from_rgb(255, 90, 80),
            }
        } else {
            PlanColors {
                ground: Color32::from_rgb(244, 242, 235),
                grid: Color32::from_rgb(218, 215, 205),
                boundary: Color32::from_rgb(60, 60, 60),
                text: Color32::from_rgb(20, 20, 20),
                warning: Color32::from_rgb(210, 30, 30),
            }
        }
    }
}

/// The fill of a component kind; dark enough for white labels and light enough to tell apart on a projector.
pub fn kind_color(tag: KindTag) -> Color32 {
    match tag {
        KindTag::AsicHall => Color32::from_rgb(196, 120, 20),
        KindTag::GpuPod => Color32::from_rgb(110, 70, 200),
        KindTag::Substation => Color32::from_rgb(60, 110, 170),
        KindTag::CoolingPlant => Color32::from_rgb(20, 140, 150),
        KindTag::GasTurbine => Color32::from_rgb(150, 70, 60),
    }
}

/// Grid spacing in metres that keeps lines at least `min_px` apart at `px_per_m`.
fn grid_step(px_per_m: f32, min_px: f32) -> f64 {
    [10.0, 25.0, 50.0, 100.0, 250.0, 500.0, 1000.0, 2500.0, 5000.0]
        .into_iter()
        .find(|step| (*step as f32) * px_per_m >= min_px)
        .unwrap_or(10_000.0)
}

/// Paints `scenario` into `rect`. `text_size` is the size of component labels in points; `evaluation`
/// (when given) outlines the components that carry warnings.
pub fn paint(
    painter: &egui::Painter,
    rect: Rect,
    scenario: &Scenario,
    evaluation: Option<&Evaluation>,
    dark: bool,
    text_size: f32,
) {
    let colors = PlanColors::for_theme(dark);
    painter.rect_filled(rect, 4.0, colors.ground);
    let legend_h = text_size * 2.2;
    let area = rect.shrink(text_size).with_max_y(rect.bottom() - legend_h);

    let b = scenario.boundary;
    let (mut min_x, mut min_y, mut max_x, mut max_y) = (b.x, b.y, b.right(), b.bottom());
    for c in &scenario.components {
        min_x = min_x.min(c.rect.x);
        min_y = min_y.min(c.rect.y);
        max_x = max_x.max(c.rect.right());
        max_y = max_y.max(c.rect.bottom());
    }
    let (world_w, world_h) = ((max_x - min_x).max(1.0) as f32, (max_y - min_y).max(1.0) as f32);
    let scale = (area.width() / world_w).min(area.height() / world_h).max(1e-6);
    let offset = area.center() - vec2(world_w * scale, world_h * scale) / 2.0;
    let to_screen = |x: f64, y: f64| pos2(offset.x + (x - min_x) as f32 * scale, offset.y + (y - min_y) as f32 * scale);
    let screen_rect =
        |r: &crate::model::Rect| Rect::from_min_max(to_screen(r.x, r.y), to_screen(r.right(), r.bottom()));

    let site = screen_rect(&b);
    // The underlay image fills the drawing down to the legend, not under it.
    let plan_clip = rect.with_max_y(rect.bottom() - legend_h).intersect(painter.clip_rect());
    crate::app::underlay::paint::scenario_underlay(&painter.with_clip_rect(plan_clip), scenario, to_screen);
    let step = grid_step(scale, text_size * 2.5);
    let grid_stroke = Stroke::new(1.0, colors.grid);
    let mut x = (b.x / step).ceil() * step;
    while x <= b.right() {
        painter.vline(to_screen(x, 0.0).x, site.y_range(), grid_stroke);
        x += step;
    }
    let mut y = (b.y / step).ceil() * step;
    while y <= b.bottom() {
        painter.hline(site.x_range(), to_screen(0.0, y).y, grid_stroke);
        y += step;
    }
    painter.rect_stroke(site, 0.0, Stroke::new(text_size * 0.15, colors.boundary), StrokeKind::Middle);

    let flagged = |id| evaluation.is_some_and(|e| e.warnings_for(id).next().is_some());
    for c in &scenario.components {
        let r = screen_rect(&c.rect);
        let fill = kind_color(c.tag());
        painter.rect_filled(r, 2.0, fill);
        if !c.existing {
            hatch(painter, r, text_size * 0.7);
        }
        let outline = if flagged(c.id) {
            Stroke::new(text_size * 0.2, colors.warning)
        } else {
            Stroke::new(1.0, fill.linear_multiply(1.4))
        };
        painter.rect_stroke(r, 2.0, outline, StrokeKind::Outside);
        label(painter, r, &c.name, &mw_text(c), text_size);
    }

    legend(painter, rect, legend_h, text_size, &colors);
    scale_bar(painter, rect, step, scale, text_size, &colors);
}

/// Diagonal stripes over a footprint: a new build, as against one already standing.
fn hatch(painter: &egui::Painter, r: Rect, spacing: f32) {
    let clipped = painter.with_clip_rect(r.intersect(painter.clip_rect()));
    let stroke = Stroke::new(spacing * 0.25, Color32::from_white_alpha(38));
    let mut x = r.left() - r.height();
    while x < r.right() {
        clipped.line_segment([pos2(x, r.bottom()), pos2(x + r.height(), r.top())], stroke);
        x += spacing;
    }
}

fn mw_text(c: &crate::model::Component) -> String {
    let mw = c.label_mw();
    match c.tag() {
        KindTag::CoolingPlant => format!("{mw:.0} MW_th"),
        _ => format::power_mw(mw),
    }
}

/// Name and MW centred in the footprint. The name shrinks a little, then wraps onto a second line or ends in
/// "…"; the MW goes below when there is room. Nothing is drawn on a footprint too small to read.
fn label(painter: &egui::Painter, r: Rect, name: &str, mw: &str, text_size: f32) {
    let min_size = text_size * 0.8;
    let width = r.width() - text_size * 0.5;
    if r.height() < min_size * 1.3 || width < min_size * 3.0 {
        return;
    }
    let mut size = text_size;
    while size > min_size
        && painter.layout_no_wrap(name.to_string(), FontId::proportional(size), Color32::WHITE).size().x > width
    {
        size = (size * 0.9).max(min_size);
    }
    let row = painter.fonts_mut(|f| f.row_height(&FontId::proportional(size)));
    let figure = painter.layout_no_wrap(mw.to_string(), FontId::proportional(size * 0.9), Color32::WHITE);
    let with_figure = r.height() >= row + figure.size().y + 4.0 && figure.size().x <= width;
    let room = r.height() - 4.0 - if with_figure { figure.size().y } else { 0.0 };
    let rows = ((room / row).floor() as usize).clamp(1, 2);
    let mut job =
        LayoutJob::single_section(name.to_string(), TextFormat::simple(FontId::proportional(size), Color32::WHITE));
    job.halign = Align::Center;
    job.wrap =
        TextWrapping { max_width: width, max_rows: rows, break_anywhere: false, overflow_character: Some('…') };
    let name = painter.layout_job(job);
    let block = name.size().y + if with_figure { figure.size().y } else { 0.0 };
    let top = r.center().y - block / 2.0;
    painter.galley(pos2(r.center().x, top) - vec2(name.rect.center().x, name.rect.top()), name.clone(), Color32::WHITE);
    if with_figure {
        painter.galley(pos2(r.center().x - figure.size().x / 2.0, top + name.size().y), figure, Color32::WHITE);
    }
}

fn legend(painter: &egui::Painter, rect: Rect, legend_h: f32, text_size: f32, colors: &PlanColors) {
    let mut x = rect.left() + text_size;
    let y = rect.bottom() - legend_h / 2.0;
    let swatch = text_size * 0.9;
    for tag in KindTag::ALL {
        let r = Rect::from_center_size(pos2(x + swatch / 2.0, y), vec2(swatch, swatch));
        painter.rect_filled(r, 2.0, kind_color(tag));
        let g = painter.text(
            pos2(x + swatch * 1.4, y),
            Align2::LEFT_CENTER,
            tag.label(),
            FontId::proportional(text_size * 0.85),
            colors.text,
        );
        x = g.right() + text_size * 1.2;
    }
    let r = Rect::from_center_size(pos2(x + swatch / 2.0, y), vec2(swatch, swatch));
    painter.rect_filled(r, 2.0, Color32::GRAY);
    hatch(painter, r, swatch * 0.45);
    let g = painter.text(
        pos2(x + swatch * 1.4, y),
        Align2::LEFT_CENTER,
        "new build",
        FontId::proportional(text_size * 0.85),
        colors.text,
    );
    x = g.right() + text_size * 1.2;
    let r = Rect::from_center_size(pos2(x + swatch / 2.0, y), vec2(swatch, swatch));
    painter.rect_stroke(r, 2.0, Stroke::new(text_size * 0.2, colors.warning), StrokeKind::Inside);
    painter.text(
        pos2(x + swatch * 1.4, y),
        Align2::LEFT_CENTER,
        "has a warning",
        FontId::proportional(text_size * 0.85),
        colors.text,
    );
}

fn scale_bar(painter: &egui::Painter, rect: Rect, step: f64, scale: f32, text_size: f32, colors: &PlanColors) {
    let len = step as f32 * scale;
    let right = rect.right() - text_size;
    let y = rect.bottom() - text_size * 1.1;
    let start = Pos2::new(right - len, y);
    let stroke = Stroke::new(text_size * 0.15, colors.text);
    painter.line_segment([start, pos2(right, y)], stroke);
    painter.line_segment([start - vec2(0.0, text_size * 0.3), start + vec2(0.0, text_size * 0.3)], stroke);
    painter.line_segment([pos2(right, y - text_size * 0.3), pos2(right, y + text_size * 0.3)], stroke);
    let label = format!("{step:.0} m grid");
    painter.text(
        pos2(right - len / 2.0, y - text_size * 0.5),
        Align2::CENTER_BOTTOM,
        label,
        FontId::proportional(text_size * 0.8),
        colors.text,
    );
}
