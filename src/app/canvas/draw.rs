//! Painting the site: ground and boundary, grid, each part's footprint with its icon, name and MW, the
//! existing/new distinction, warnings, the selection with its handles, and previews of what a drag will do.

use egui::{Align2, Color32, CornerRadius, FontId, Painter, Pos2, Rect, Shape, Stroke, StrokeKind, pos2, vec2};

use crate::app::icons::{self, Icons};
use crate::model::{Component, KindTag, Scenario};

use super::CanvasState;
use super::grid::{self, GridColors};
use super::handles::{self, HANDLE_SIZE};
use super::labels;
use super::lod;
use super::marks::{Idle, Severity};

/// Below this footprint size (screen points) names and figures are not drawn: they would be unreadable.
const MIN_LABEL_WIDTH: f32 = 46.0;
const MIN_LABEL_HEIGHT: f32 = 15.0;
const MIN_ICON_SIDE: f32 = 16.0;
const MAX_ICON_SIDE: f32 = 28.0;
const MIN_TEXT_BESIDE_ICON: f32 = 60.0;
/// A name squeezed beside its figure keeps at least this much room (five or six letters and "…"); where
/// that and the figure do not both fit, the name keeps the room and the figure is left to the tooltip.
const MIN_NAME_WIDTH: f32 = 44.0;
/// Width and height of the warning triangle.
const GLYPH_SIZE: egui::Vec2 = vec2(16.0, 14.0);
/// Parts at least this tall (screen points) carry badges (EXISTING, OFF) below their name.
const MIN_BADGE_HEIGHT: f32 = 30.0;
/// Width and height of the padlock drawn on a locked part.
const LOCK_SIZE: egui::Vec2 = vec2(9.0, 12.0);

pub const PROBLEM: Color32 = Color32::from_rgb(235, 64, 52);
pub const CAUTION: Color32 = Color32::from_rgb(255, 196, 0);
/// Loads standing idle (switched off because they would lose money, or stopped): grey, not alarming.
pub const IDLE: Color32 = Color32::from_rgb(190, 190, 200);

pub struct Theme {
    background: Color32,
    ground: Color32,
    boundary: Color32,
    grid: GridColors,
    text: Color32,
    selection: Color32,
}

impl Theme {
    pub fn new(dark: bool) -> Theme {
        if dark {
            Theme {
                background: Color32::from_rgb(24, 26, 30),
                ground: Color32::from_rgb(36, 40, 36),
                boundary: Color32::from_rgb(170, 190, 160),
                grid: GridColors {
                    minor: Color32::from_white_alpha(10),
                    major: Color32::from_white_alpha(26),
                    label: Color32::from_white_alpha(110),
                },
                text: Color32::from_rgb(240, 240, 240),
                selection: Color32::from_rgb(90, 200, 255),
            }
        } else {
            Theme {
                background: Color32::from_rgb(232, 234, 238),
                ground: Color32::from_rgb(244, 247, 240),
                boundary: Color32::from_rgb(70, 100, 60),
                grid: GridColors {
                    minor: Color32::from_black_alpha(14),
                    major: Color32::from_black_alpha(34),
                    label: Color32::from_black_alpha(130),
                },
                text: Color32::from_rgb(20, 20, 24),
                selection: Color32::from_rgb(0, 120, 215),
            }
        }
    }
}

pub fn severity_color(s: Severity) -> Color32 {
    match s {
        Severity::Problem => PROBLEM,
        Severity::Caution => CAUTION,
    }
}

/// The ground of the site, the grid and the boundary with its size.
pub fn site(painter: &Painter, state: &CanvasState, scenario: &Scenario, theme: &Theme) {
    let view = &state.view;
    painter.rect_filled(view.rect, 0.0, theme.background);
    let b = view.rect_to_screen(&scenario.boundary);
    painter.rect_filled(b, 0.0, theme.ground);
    crate::app::underlay::paint::scenario_underlay(painter, scenario, |x, y| view.world_to_screen(x, y));
    if state.show_grid {
        grid::draw(painter, view, &theme.grid);
    }
    painter.rect_stroke(b, 0.0, Stroke::new(2.0, theme.boundary), StrokeKind::Outside);
    let caption = format!("Site boundary {:.0} × {:.0} m", scenario.boundary.w, scenario.boundary.h);
    painter.text(
        b.left_bottom() + vec2(0.0, 4.0),
        Align2::LEFT_TOP,
        caption,
        FontId::proportional(11.0),
        theme.boundary,
    );
}

/// Everything needed to paint one frame's parts.
pub struct PartsPass<'a> {
    pub painter: &'a Painter,
    pub theme: &'a Theme,
    pub icons: &'a Icons,
}

/// Every part in view: those a few points across as blocks in one mesh under the rest, the others in full;
/// a part too small for its label gets it beside it, in a callout (`callouts`).
pub fn parts(
    pass: &PartsPass,
    state: &mut CanvasState,
    scenario: &Scenario,
    selection: &std::collections::BTreeSet<u64>,
) {
    let visible = state.view.rect.expand(8.0);
    let blocks_at = pass.painter.add(Shape::Noop);
    let mut blocks = state.blocks.begin(pass.theme.selection);
    let mut in_view = Vec::new();
    let mut unlabelled = Vec::new();
    for c in &scenario.components {
        let r = state.view.rect_to_screen(&c.rect);
        if !visible.intersects(r) {
            continue;
        }
        let severity = state.marks.severity_of(c, &scenario.boundary);
        let selected = selection.contains(&c.id);
        if lod::is_block(r) {
            blocks.add(c, r, severity, selected);
        } else {
            if !part(pass, c, r, severity, selected, state.marks.idle_of(c.id)) {
                unlabelled.push((c, r));
            }
        }
        in_view.push(r);
    }
    if let Some(shape) = state.blocks.blocks_shape() {
        pass.painter.set(blocks_at, shape);
    }
    if let Some(shape) = state.blocks.rings_shape() {
        pass.painter.add(shape);
    }
    callouts(pass, &unlabelled, &in_view);
}

/// Whether part `c` drawn at `r` carries its name inside: there is room for a readable start of it.
fn is_labelled(painter: &Painter, c: &Component, r: Rect) -> bool {
    r.height() >= MIN_LABEL_HEIGHT
        && r.width() >= MIN_LABEL_WIDTH
        && r.width() - 8.0 >= labels::whole_name_width(painter, c).min(MIN_NAME_WIDTH)
}

/// Callouts on a canvas with more small parts than this would cover the site: the tooltip names them.
const MAX_CALLOUTS: usize = 40;

/// The name and figure of each part too small to hold them ("Pod C · 39.6 MW"), on a plate beside the part
/// with a leader line: below, above, right or left, the first place that covers no part, no other callout
/// and stays on the canvas. None where no such place exists (the tooltip has it), and none at all when the
/// view holds many such parts (a large site seen whole).
fn callouts(pass: &PartsPass, unlabelled: &[(&Component, Rect)], in_view: &[Rect]) {
    if unlabelled.is_empty() || unlabelled.len() > MAX_CALLOUTS {
        return;
    }
    let painter = pass.painter;
    let canvas = painter.clip_rect();
    let mut taken: Vec<Rect> = Vec::new();
    for (c, r) in unlabelled {
        let text = format!("{} · {}", c.name, labels::figure_text(c));
        let galley = labels::callout(painter, text);
        let plate = galley.size() + vec2(8.0, 4.0);
        let gap = 6.0;
        let places = [
            Rect::from_min_size(pos2(r.center().x - plate.x / 2.0, r.bottom() + gap), plate),
            Rect::from_min_size(pos2(r.center().x - plate.x / 2.0, r.top() - gap - plate.y), plate),
            Rect::from_min_size(pos2(r.right() + gap, r.center().y - plate.y / 2.0), plate),
            Rect::from_min_size(pos2(r.left() - gap - plate.x, r.center().y - plate.y / 2.0), plate),
        ];
        let free = |p: &Rect| {
            canvas.contains_rect(*p)
                && !in_view.iter().any(|o| o.intersects(*p))
                && !taken.iter().any(|t| t.expand(2.0).intersects(*p))
        };
        let Some(place) = places.into_iter().find(free) else { continue };
        let anchor = pos2(place.center().x.clamp(r.left(), r.right()), place.center().y.clamp(r.top(), r.bottom()));
        let edge = pos2(anchor.x.clamp(place.left(), place.right()), anchor.y.clamp(place.top(), place.bottom()));
        painter.line_segment([anchor, edge], Stroke::new(1.0, pass.theme.text.gamma_multiply(0.7)));
        painter.rect(
            place,
            2.0,
            pass.theme.background.gamma_multiply(0.9),
            Stroke::new(1.0, icons::kind_color(c.tag())),
            StrokeKind::Inside,
        );
        painter.galley(place.min + vec2(4.0, 2.0), galley, pass.theme.text);
        taken.push(place);
    }
}

/// Paints one part; returns whether its name is drawn inside it.
fn part(
    pass: &PartsPass,
    c: &Component,
    r: Rect,
    severity: Option<Severity>,
    selected: bool,
    idle: Option<&Idle>,
) -> bool {
    let painter = pass.painter;
    let color = icons::kind_color(c.tag());
    // Rounded corners only where a label fits: at smaller sizes they cannot be seen, and square ones are
    // several times cheaper to tessellate when thousands of parts are in view.
    let labelled = is_labelled(painter, c, r);
    let radius = if labelled { CornerRadius::same(2) } else { CornerRadius::ZERO };
    let outline = Stroke::new(1.5, color);
    if c.existing {
        painter.rect(r, radius, color.gamma_multiply(0.55), outline, StrokeKind::Inside);
    } else if has_dashes(r) {
        painter.rect_filled(r, radius, color.gamma_multiply(0.22));
        outline_dashed(painter, r, outline);
    } else {
        painter.rect(r, radius, color.gamma_multiply(0.22), outline, StrokeKind::Inside);
    }
    if idle.is_some_and(|i| i.now) {
        hatch(painter, r, IDLE.gamma_multiply(0.55));
    }
    if selected {
        painter.rect_stroke(r.expand(1.5), radius, Stroke::new(2.0, pass.theme.selection), StrokeKind::Outside);
    }
    if let Some(sev) = severity {
        let stroke = Stroke::new(2.5, severity_color(sev));
        painter.rect_stroke(r.expand(if selected { 4.0 } else { 1.0 }), radius, stroke, StrokeKind::Outside);
    }

    let icon_side = (r.height() - 8.0).min(r.width() - 8.0).min(MAX_ICON_SIDE);
    let text = labelled.then(|| TextFit::new(painter, c, r));
    // What a label keeps, in order: the name, then its figure, then the icon.
    let room_for_text =
        text.as_ref().is_none_or(|t| r.width() - icon_side - 13.0 >= t.needed.max(MIN_TEXT_BESIDE_ICON));
    let mut text_left = r.left() + 4.0;
    if icon_side >= MIN_ICON_SIDE
        && room_for_text
        && let Some(tex) = pass.icons.texture(c.tag())
    {
        let icon = Rect::from_min_size(r.min + vec2(4.0, 4.0), vec2(icon_side, icon_side));
        painter.image(tex, icon, Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0)), Color32::WHITE);
        text_left = icon.right() + 5.0;
    }
    if let Some(TextFit { figure, row, stacked, readable, .. }) = text {
        let clip = painter.with_clip_rect(r.shrink(1.0).intersect(painter.clip_rect()));
        let top = r.top() + 3.0;
        // Two lines of name when the figure still fits below them; the tag sits in the bottom right corner.
        let rows = if r.height() >= 2.0 * row + figure.size().y + 6.0 { 2 } else { 1 };
        let width = r.right() - 4.0 - text_left;
        // The name gives way to a figure beside it (ending in "…") only while a readable start stays; on a
        // part narrower than that the figure is left to the tooltip.
        let name_room = width - figure.size().x - 6.0;
        let name_width = if stacked || name_room < readable { width } else { name_room };
        let name = labels::name(painter, c, name_width, rows);
        clip.galley(pos2(text_left, top), name.clone(), pass.theme.text);
        // A figure that cannot fit whole is left to the tooltip: a cut number reads as a different number.
        let beside = name.size().x + 6.0;
        let mut free_from = text_left;
        let figure_width = figure.size().x;
        if stacked && figure_width <= width {
            clip.galley(pos2(text_left, top + name.size().y), figure, pass.theme.text);
            free_from = text_left + figure_width + 3.0;
        } else if !stacked && beside + figure_width <= width {
            clip.galley(pos2(text_left + beside, top + 1.0), figure, pass.theme.text);
            free_from = text_left + beside + figure_width + 3.0;
        }
        badges(painter, &clip, c, r, free_from, idle, pass.theme.text);
    } else if c.locked && r.width() >= 2.0 * LOCK_SIZE.x && r.height() >= 2.0 * LOCK_SIZE.y {
        padlock(painter, pos2(r.right() - 4.0 - LOCK_SIZE.x, r.bottom() - 3.0), pass.theme.text);
    }
    // On a part smaller than the glyph the coloured outline says it alone: glyphs of neighbouring small
    // parts would pile up into a blur.
    if let Some(sev) = severity
        && r.width() >= GLYPH_SIZE.x
        && r.height() >= GLYPH_SIZE.y
    {
        warning_glyph(painter, pos2(r.right() - 2.0, r.top() + 2.0), severity_color(sev));
    }
    labelled
}

/// How a part's label is laid out: its figure below the name when there is height for it, else beside it,
/// and the width the text needs to show a readable start of the name and the whole figure.
struct TextFit {
    figure: std::sync::Arc<egui::Galley>,
    row: f32,
    stacked: bool,
    /// The name's width, or `MIN_NAME_WIDTH` of it when longer.
    readable: f32,
    needed: f32,
}

impl TextFit {
    fn new(painter: &Painter, c: &Component, r: Rect) -> TextFit {
        let figure = labels::figure(painter, c);
        let row = labels::name_row_height(painter);
        let stacked = r.height() >= row + figure.size().y + 6.0;
        let readable = labels::whole_name_width(painter, c).min(MIN_NAME_WIDTH);
        let needed = if stacked { readable.max(figure.size().x) } else { readable + 6.0 + figure.size().x };
        TextFit { figure, row, stacked, readable, needed }
    }
}

/// Along the bottom right of a labelled part, right to left: the padlock of a locked part, then the idle tag
/// ("OFF", "to 2031"; the tooltip says why) or else the EXISTING badge, each only where it fits right of
/// `free_from` (the end of the MW figure), so none covers a label.
fn badges(
    painter: &Painter,
    clip: &Painter,
    c: &Component,
    r: Rect,
    free_from: f32,
    idle: Option<&Idle>,
    text_color: Color32,
) {
    let mut right = r.right() - 4.0;
    if c.locked && r.height() >= 2.0 * LOCK_SIZE.y && right - LOCK_SIZE.x >= free_from {
        padlock(painter, pos2(right - LOCK_SIZE.x, r.bottom() - 3.0), text_color);
        right -= LOCK_SIZE.x + 6.0;
    }
    // Below the name row only: on a shorter part the hatching and the tooltip tell the same.
    if r.height() < MIN_BADGE_HEIGHT {
        return;
    }
    // One badge: an idle load's tag says more than EXISTING, which the solid fill shows as well.
    let badge = match idle {
        Some(idle) => Some((labels::idle_tag(painter, &idle.tag), IDLE, Color32::BLACK)),
        None if c.existing => Some((labels::existing_tag(painter), icons::kind_color(c.tag()), Color32::WHITE)),
        None => None,
    };
    if let Some((tag, fill, text)) = badge {
        let at = pos2(right - tag.size().x - 2.0, r.bottom() - tag.size().y - 4.0);
        if at.x - 2.0 >= free_from {
            clip.rect_filled(Rect::from_min_size(at, tag.size()).expand2(vec2(3.0, 1.0)), 2.0, fill);
            clip.galley(at, tag, text);
        }
    }
}

/// Diagonal lines across `r`: the load stands idle (switched off or stopped).
fn hatch(painter: &Painter, r: Rect, color: Color32) {
    const SPACING: f32 = 8.0;
    let clip = painter.with_clip_rect(r.intersect(painter.clip_rect()));
    let stroke = Stroke::new(1.0, color);
    let mut offset = 0.0;
    while offset < r.width() + r.height() {
        let from = pos2(r.left() + offset, r.top());
        clip.line_segment([from, from + vec2(-r.height(), r.height())], stroke);
        offset += SPACING;
    }
}

/// A small padlock, its bottom left corner at `at`: the part is locked on the canvas.
fn padlock(painter: &Painter, at: Pos2, color: Color32) {
    let body = Rect::from_min_size(pos2(at.x, at.y - LOCK_SIZE.y * 0.6), vec2(LOCK_SIZE.x, LOCK_SIZE.y * 0.6));
    let radius = LOCK_SIZE.x * 0.3;
    let centre = pos2(body.center().x, body.top());
    let shackle: Vec<Pos2> = (0..=8)
        .map(|i| {
            let a = std::f32::consts::PI * i as f32 / 8.0;
            pos2(centre.x - radius * a.cos(), centre.y - radius * 1.2 * a.sin())
        })
        .collect();
    painter.add(Shape::line(shackle, Stroke::new(1.5, color)));
    painter.rect_filled(body, 1.0, color);
}

/// Whether a planned part drawn at `r` is large enough for its outline to be dashed.
fn has_dashes(r: Rect) -> bool {
    r.width() + r.height() >= 40.0
}

/// New (planned) parts get a dashed outline, as on a site plan; tiny ones a plain line.
fn outline_dashed(painter: &Painter, r: Rect, stroke: Stroke) {
    if !has_dashes(r) {
        painter.rect_stroke(r, 0.0, stroke, StrokeKind::Inside);
        return;
    }
    let r = r.shrink(stroke.width / 2.0);
    let corners = [r.left_top(), r.right_top(), r.right_bottom(), r.left_bottom(), r.left_top()];
    painter.extend(Shape::dashed_line(&corners, stroke, 7.0, 4.0));
}

/// A filled warning triangle with an exclamation mark, its top right corner at `at`.
fn warning_glyph(painter: &Painter, at: Pos2, color: Color32) {
    let (w, h) = (GLYPH_SIZE.x, GLYPH_SIZE.y);
    let apex = pos2(at.x - w / 2.0, at.y - h / 2.0);
    let points = vec![apex, pos2(at.x, at.y + h / 2.0), pos2(at.x - w, at.y + h / 2.0)];
    painter.add(Shape::convex_polygon(points, color, Stroke::new(1.0, Color32::BLACK)));
    painter.text(pos2(apex.x, at.y + 1.5), Align2::CENTER_CENTER, "!", FontId::proportional(10.0), Color32::BLACK);
}

/// Handles around the single selected part.
pub fn handles(painter: &Painter, r: Rect, theme: &Theme) {
    for h in handles::ALL {
        let square = Rect::from_center_size(h.position(r), vec2(HANDLE_SIZE, HANDLE_SIZE));
        painter.rect_filled(square, 1.0, Color32::WHITE);
        painter.rect_stroke(square, 1.0, Stroke::new(1.5, theme.selection), StrokeKind::Inside);
    }
}

pub fn marquee(painter: &Painter, r: Rect, theme: &Theme) {
    painter.rect_filled(r, 0.0, theme.selection.gamma_multiply(0.12));
    painter.rect_stroke(r, 0.0, Stroke::new(1.0, theme.selection), StrokeKind::Inside);
}

/// Where a part from the palette would land.
pub fn ghost(painter: &Painter, state: &CanvasState, tag: KindTag, r: &crate::model::Rect) {
    let sr = state.view.rect_to_screen(r);
    let color = icons::kind_color(tag);
    painter.rect_filled(sr, 2.0, color.gamma_multiply(0.35));
    outline_dashed(painter, sr, Stroke::new(1.5, color));
}
