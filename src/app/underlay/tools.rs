//! Canvas tools of the underlay: calibrate (click two points of the image, then type their distance), move
//! (drag the image), and measure (click points: the length of the path and, from three points, the area of
//! the polygon, in metres and feet). While a tool is on, a primary click is the tool's; dragging elsewhere
//! pans, and the wheel zooms as usual. Escape ends the tool.

use egui::{
    Align2, Color32, CursorIcon, FontId, Painter, PointerButton, Pos2, Response, Shape, Stroke, Ui, pos2, vec2,
};

use crate::app::PowerplotApp;
use crate::app::edit::UnderlayChange;
use crate::model::geometry::{METRES_PER_FOOT, path_length, polygon_area};
use crate::outputs::format;

/// Square metres in an acre (the international acre: 43,560 square feet of 0.3048 m).
const M2_PER_ACRE: f64 = 4_046.856_422_4;

#[derive(Debug, Clone, Default, PartialEq)]
pub enum Tool {
    #[default]
    None,
    /// Points clicked on the image, in image pixels (two at most), and the distance typed for them.
    Calibrate { points: Vec<(f64, f64)>, distance_m: f64 },
    /// Dragging the image; `last` is the site point under the pointer at the last frame.
    Move { last: Option<(f64, f64)> },
    /// Points clicked on the site, in metres.
    Measure { points: Vec<(f64, f64)> },
}

impl Tool {
    pub fn is_active(&self) -> bool {
        *self != Tool::None
    }
}

/// Handles the pointer on the canvas while a tool is on. Returns false (and does nothing) when none is.
pub fn handle(app: &mut PowerplotApp, ui: &Ui, response: &Response) -> bool {
    if !app.underlay.tool.is_active() {
        return false;
    }
    let pointer = ui.input(|i| i.pointer.interact_pos());
    if let Tool::Move { last } = &app.underlay.tool {
        let last = *last;
        move_drag(app, ui, response, pointer, last);
        return true;
    }
    if response.dragged_by(PointerButton::Primary) {
        app.canvas.view.pan(response.drag_delta());
    }
    if response.clicked_by(PointerButton::Primary)
        && let Some(p) = response.interact_pointer_pos()
    {
        let (x, y) = app.canvas.screen_to_world(p);
        let image_point = super::active(app).map(|(u, _)| u.site_to_image(x, y));
        match &mut app.underlay.tool {
            Tool::Calibrate { points, .. } => {
                if let Some(px) = image_point {
                    if points.len() >= 2 {
                        points.clear();
                    }
                    points.push(px);
                }
            }
            Tool::Measure { points } => points.push((x, y)),
            Tool::Move { .. } | Tool::None => {}
        }
    }
    if response.hovered() {
        ui.ctx().set_cursor_icon(CursorIcon::Crosshair);
    }
    true
}

/// Dragging with the move tool moves the image (one undo step per drag).
fn move_drag(app: &mut PowerplotApp, ui: &Ui, response: &Response, pointer: Option<Pos2>, last: Option<(f64, f64)>) {
    let movable = super::active(app).is_some_and(|(u, _)| !u.locked);
    if response.hovered() && movable {
        ui.ctx().set_cursor_icon(if last.is_some() { CursorIcon::Grabbing } else { CursorIcon::Move });
    }
    if response.drag_started_by(PointerButton::Primary) && movable {
        let origin = ui.input(|i| i.pointer.press_origin()).or(pointer);
        if let Some(origin) = origin {
            app.doc.begin_gesture();
            app.underlay.tool = Tool::Move { last: Some(app.canvas.screen_to_world(origin)) };
        }
    }
    let dragging = response.dragged_by(PointerButton::Primary);
    match (last, pointer) {
        (Some(from), Some(p)) if dragging => {
            let to = app.canvas.screen_to_world(p);
            let (dx, dy) = (to.0 - from.0, to.1 - from.1);
            if (dx != 0.0 || dy != 0.0)
                && let Some((u, _)) = super::active(app)
            {
                let moved = u.moved(dx, dy);
                super::set(app, Some(moved), UnderlayChange::Move);
            }
            app.underlay.tool = Tool::Move { last: Some(to) };
        }
        (Some(_), _) if !dragging => {
            app.doc.end_gesture();
            app.underlay.tool = Tool::Move { last: None };
        }
        _ => {}
    }
}

/// Ends the tool in use (Escape, or another tool chosen).
pub fn stop(app: &mut PowerplotApp) {
    if matches!(app.underlay.tool, Tool::Move { last: Some(_) }) {
        app.doc.end_gesture();
    }
    app.underlay.tool = Tool::None;
}

/// Turns the measuring tool on or off.
pub fn toggle_measure(app: &mut PowerplotApp) {
    if matches!(app.underlay.tool, Tool::Measure { .. }) {
        stop(app);
    } else {
        stop(app);
        app.underlay.tool = Tool::Measure { points: Vec::new() };
    }
}

/// `v` with `decimals` decimals and thousands separators: 13,283.5.
fn grouped(v: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, v.abs());
    let (whole, fraction) = text.split_once('.').map_or((text.as_str(), ""), |(w, f)| (w, f));
    let whole = format::count(whole.parse::<f64>().unwrap_or(0.0));
    let sign = if v < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') { "-" } else { "" };
    if fraction.is_empty() { format!("{sign}{whole}") } else { format!("{sign}{whole}.{fraction}") }
}

/// "123.4 m (404.9 ft)".
pub fn distance_text(m: f64) -> String {
    format!("{} m ({} ft)", grouped(m, 1), grouped(m / METRES_PER_FOOT, 1))
}

/// "1,234 m² (13,283 ft², 0.30 acres)".
pub fn area_text(m2: f64) -> String {
    let ft2 = m2 / (METRES_PER_FOOT * METRES_PER_FOOT);
    format!("{} m² ({} ft², {:.2} acres)", grouped(m2, 0), grouped(ft2, 0), m2 / M2_PER_ACRE)
}

/// What the measuring tool reads for `points`: the path's length and, from three points, the enclosed area.
pub fn measure_readout(points: &[(f64, f64)]) -> Vec<String> {
    match points.len() {
        0 => vec!["Click points on the canvas to measure".into()],
        1 => vec!["Click the next point".into()],
        _ => {
            let mut lines = vec![format!("Distance {}", distance_text(path_length(points)))];
            if points.len() >= 3 {
                lines.push(format!("Area {}", area_text(polygon_area(points))));
            }
            lines
        }
    }
}

const TOOL_COLOR: Color32 = Color32::from_rgb(255, 140, 0);

/// Draws what the tool in use has picked: calibration points, the measured path and its readout.
pub fn paint(app: &PowerplotApp, painter: &Painter, hover: Option<Pos2>) {
    let view = &app.canvas.view;
    let stroke = Stroke::new(2.0, TOOL_COLOR);
    match &app.underlay.tool {
        Tool::Calibrate { points, .. } => {
            let Some((u, _)) = super::active(app) else { return };
            let screen: Vec<Pos2> = points
                .iter()
                .map(|p| {
                    let (x, y) = u.image_to_site(p.0, p.1);
                    view.world_to_screen(x, y)
                })
                .collect();
            if let [a, b] = screen[..] {
                painter.line_segment([a, b], stroke);
            }
            for (i, p) in screen.iter().enumerate() {
                marker(painter, *p, &format!("{}", i + 1));
            }
        }
        Tool::Measure { points } => {
            let screen: Vec<Pos2> = points.iter().map(|p| view.world_to_screen(p.0, p.1)).collect();
            if screen.len() >= 3 {
                painter.add(Shape::convex_polygon(screen.clone(), TOOL_COLOR.gamma_multiply(0.12), Stroke::NONE));
                painter.extend(Shape::dashed_line(&[screen[screen.len() - 1], screen[0]], stroke, 6.0, 4.0));
            }
            painter.add(Shape::line(screen.clone(), stroke));
            for p in &screen {
                painter.circle_filled(*p, 3.5, TOOL_COLOR);
            }
            let anchor = screen.last().copied().or(hover).unwrap_or(view.rect.center());
            readout(painter, anchor, &measure_readout(points));
        }
        Tool::Move { .. } | Tool::None => {}
    }
}

fn marker(painter: &Painter, at: Pos2, text: &str) {
    painter.circle(at, 7.0, TOOL_COLOR.gamma_multiply(0.5), Stroke::new(2.0, TOOL_COLOR));
    painter.text(at + vec2(9.0, -9.0), Align2::LEFT_BOTTOM, text, FontId::proportional(13.0), TOOL_COLOR);
}

/// The tool's lines of text on a dark plate beside `at`.
fn readout(painter: &Painter, at: Pos2, lines: &[String]) {
    let galley = painter.layout(lines.join("\n"), FontId::proportional(13.0), Color32::WHITE, 420.0);
    // Below and right of the point, or flipped to the other side where the canvas ends.
    let size = galley.size();
    let area = painter.clip_rect();
    let x = if at.x + 17.0 + size.x > area.right() { at.x - 12.0 - size.x } else { at.x + 12.0 };
    let y = if at.y + 17.0 + size.y > area.bottom() { at.y - 12.0 - size.y } else { at.y + 12.0 };
    let top_left = pos2(x, y);
    let plate = egui::Rect::from_min_size(top_left, size).expand(5.0);
    painter.rect_filled(plate, 4.0, Color32::from_black_alpha(190));
    painter.galley(top_left, galley, Color32::WHITE);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readouts_in_metres_feet_and_acres() {
        // 50 m / 0.3048 = 164.04 ft.
        assert_eq!(distance_text(50.0), "50.0 m (164.0 ft)");
        // A 100 x 100 m square: 10,000 m2 = 107,639 ft2 (10,000 / 0.09290304) = 2.47 acres (10,000 / 4,046.86).
        assert_eq!(area_text(10_000.0), "10,000 m² (107,639 ft², 2.47 acres)");
        let square = [(0.0, 0.0), (100.0, 0.0), (100.0, 100.0), (0.0, 100.0)];
        assert_eq!(
            measure_readout(&square),
            vec!["Distance 300.0 m (984.3 ft)".to_string(), "Area 10,000 m² (107,639 ft², 2.47 acres)".to_string()]
        );
        assert_eq!(grouped(1234.56, 1), "1,234.6");
    }
}
