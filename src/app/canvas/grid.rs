//! The metre grid: a step chosen from 1-2-5 metres so lines stay 20 to 50 points apart at any zoom, stronger
//! labelled lines every few steps, and snapping to the same step.

use egui::{Align2, Color32, FontId, Painter, Stroke, pos2};

use super::view::View;

/// Closest spacing of grid lines on screen, in points.
const MIN_LINE_SPACING: f32 = 20.0;
/// Closest spacing of labelled lines on screen, in points.
const MIN_LABEL_SPACING: f32 = 90.0;

/// The smallest 1-2-5 step (at least 1 m) that puts lines at least `min_points` apart at `scale`.
fn nice_step(scale: f32, min_points: f32) -> f64 {
    let mut step = 1.0_f64;
    loop {
        for m in [1.0, 2.0, 5.0] {
            let s = step * m;
            if s * scale as f64 >= min_points as f64 || s >= 1.0e7 {
                return s;
            }
        }
        step *= 10.0;
    }
}

/// The grid step in metres at `scale` (screen points per metre); also the snapping step.
pub fn step_m(scale: f32) -> f64 {
    nice_step(scale, MIN_LINE_SPACING)
}

/// Rounds `v` to the nearest multiple of `step`.
pub fn snap(v: f64, step: f64) -> f64 {
    (v / step).round() * step
}

pub struct GridColors {
    pub minor: Color32,
    pub major: Color32,
    pub label: Color32,
}

pub fn draw(painter: &Painter, view: &View, colors: &GridColors) {
    let step = step_m(view.scale);
    let label_step = nice_step(view.scale, MIN_LABEL_SPACING).max(step);
    let visible = view.visible_world();
    let area = view.rect;
    let font = FontId::proportional(10.0);

    let first = (visible.x / step).floor() as i64;
    let last = (visible.right() / step).ceil() as i64;
    for i in first..=last {
        let x = i as f64 * step;
        let major = is_multiple(x, label_step);
        let sx = view.world_to_screen(x, 0.0).x;
        let stroke = Stroke::new(1.0, if major { colors.major } else { colors.minor });
        painter.line_segment([pos2(sx, area.top()), pos2(sx, area.bottom())], stroke);
        if major {
            painter.text(pos2(sx + 3.0, area.top() + 2.0), Align2::LEFT_TOP, metres(x), font.clone(), colors.label);
        }
    }
    let first = (visible.y / step).floor() as i64;
    let last = (visible.bottom() / step).ceil() as i64;
    for i in first..=last {
        let y = i as f64 * step;
        let major = is_multiple(y, label_step);
        let sy = view.world_to_screen(0.0, y).y;
        let stroke = Stroke::new(1.0, if major { colors.major } else { colors.minor });
        painter.line_segment([pos2(area.left(), sy), pos2(area.right(), sy)], stroke);
        if major && i != 0 {
            painter.text(pos2(area.left() + 3.0, sy + 2.0), Align2::LEFT_TOP, metres(y), font.clone(), colors.label);
        }
    }
}

fn is_multiple(v: f64, step: f64) -> bool {
    let r = (v / step).round();
    (v - r * step).abs() < step * 1e-6
}

fn metres(v: f64) -> String {
    if v.abs() >= 10_000.0 { format!("{:.0} km", v / 1000.0) } else { format!("{v:.0} m") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_stay_twenty_to_fifty_points_apart() {
        for scale in [0.01_f32, 0.3, 0.7, 1.0, 3.3, 12.0, 40.0] {
            let step = step_m(scale);
            let px = step * scale as f64;
            assert!((20.0..=50.0).contains(&px), "scale {scale}: step {step} m is {px} points");
        }
        assert_eq!(step_m(100.0), 1.0, "never finer than a metre");
    }

    #[test]
    fn snapping_rounds_to_the_step() {
        assert_eq!(snap(123.0, 10.0), 120.0);
        assert_eq!(snap(-7.0, 5.0), -5.0);
        assert_eq!(snap(48.0, 50.0), 50.0);
    }
}
