//! The canvas camera: which world point (metres) sits at the centre of the canvas and how many screen points
//! one metre takes. Painting and hit-testing go through `world_to_screen` / `screen_to_world`.

use egui::emath::TSTransform;
use egui::{Pos2, Vec2, pos2, vec2};

use crate::model::Rect as SiteRect;

/// Closest and farthest zoom, in screen points per metre.
pub const MIN_SCALE: f32 = 0.002;
pub const MAX_SCALE: f32 = 200.0;
/// Share of the canvas left as margin around the site when fitting, and the least margin in points (room
/// for the boundary's caption under the site on a short canvas).
const FIT_MARGIN: f32 = 0.06;
const MIN_FIT_MARGIN: f32 = 20.0;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    /// The world point (metres) at the centre of the canvas.
    pub center: Pos2,
    /// Screen points per metre.
    pub scale: f32,
    /// The canvas area on screen, as of the last frame.
    pub rect: egui::Rect,
}

impl Default for View {
    fn default() -> Self {
        View { center: pos2(500.0, 300.0), scale: 1.0, rect: egui::Rect::from_min_size(Pos2::ZERO, vec2(800.0, 600.0)) }
    }
}

impl View {
    /// Maps world metres to screen points.
    pub fn transform(&self) -> TSTransform {
        TSTransform::new(self.rect.center().to_vec2() - self.center.to_vec2() * self.scale, self.scale)
    }

    pub fn world_to_screen(&self, x: f64, y: f64) -> Pos2 {
        self.transform().mul_pos(pos2(x as f32, y as f32))
    }

    pub fn screen_to_world(&self, p: Pos2) -> (f64, f64) {
        let w = self.transform().inverse().mul_pos(p);
        (w.x as f64, w.y as f64)
    }

    pub fn rect_to_screen(&self, r: &SiteRect) -> egui::Rect {
        egui::Rect::from_min_max(self.world_to_screen(r.x, r.y), self.world_to_screen(r.right(), r.bottom()))
    }

    /// The part of the world that is visible, in metres.
    pub fn visible_world(&self) -> SiteRect {
        let (x0, y0) = self.screen_to_world(self.rect.min);
        let (x1, y1) = self.screen_to_world(self.rect.max);
        SiteRect::new(x0, y0, x1 - x0, y1 - y0)
    }

    /// Zooms so `bounds` fills the canvas with a small margin, centred.
    pub fn fit(&mut self, bounds: &SiteRect) {
        let margin = (self.rect.size() * FIT_MARGIN).max(Vec2::splat(MIN_FIT_MARGIN));
        let usable = (self.rect.size() - 2.0 * margin).max(Vec2::splat(1.0));
        let (w, h) = (bounds.w.max(1.0) as f32, bounds.h.max(1.0) as f32);
        self.scale = (usable.x / w).min(usable.y / h).clamp(MIN_SCALE, MAX_SCALE);
        let (cx, cy) = bounds.center();
        self.center = pos2(cx as f32, cy as f32);
    }

    /// Multiplies the zoom by `factor`, keeping the world point under `screen_pos` where it is.
    pub fn zoom_about(&mut self, screen_pos: Pos2, factor: f32) {
        if !factor.is_finite() || factor <= 0.0 {
            return;
        }
        let (wx, wy) = self.screen_to_world(screen_pos);
        self.scale = (self.scale * factor).clamp(MIN_SCALE, MAX_SCALE);
        let offset = (screen_pos - self.rect.center()) / self.scale;
        self.center = pos2(wx as f32, wy as f32) - offset;
    }

    /// Moves the view with the pointer: `screen_delta` in screen points.
    pub fn pan(&mut self, screen_delta: Vec2) {
        self.center -= screen_delta / self.scale;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view() -> View {
        View {
            center: pos2(500.0, 300.0),
            scale: 2.0,
            rect: egui::Rect::from_min_size(pos2(100.0, 50.0), vec2(800.0, 400.0)),
        }
    }

    #[test]
    fn world_and_screen_round_trip() {
        let v = view();
        assert_eq!(v.world_to_screen(500.0, 300.0), pos2(500.0, 250.0));
        let (x, y) = v.screen_to_world(v.world_to_screen(123.0, 45.0));
        assert!((x - 123.0).abs() < 1e-3 && (y - 45.0).abs() < 1e-3);
    }

    #[test]
    fn zoom_keeps_the_point_under_the_cursor() {
        let mut v = view();
        let cursor = pos2(300.0, 120.0);
        let before = v.screen_to_world(cursor);
        v.zoom_about(cursor, 2.5);
        let after = v.screen_to_world(cursor);
        assert!((before.0 - after.0).abs() < 1e-3 && (before.1 - after.1).abs() < 1e-3);
        assert_eq!(v.scale, 5.0);
    }

    #[test]
    fn fit_shows_the_whole_site() {
        let mut v = view();
        let site = SiteRect::new(0.0, 0.0, 1000.0, 600.0);
        v.fit(&site);
        let shown = v.rect_to_screen(&site);
        assert!(v.rect.contains_rect(shown), "{shown:?} inside {:?}", v.rect);
        assert!(shown.height() > v.rect.height() * 0.8, "the site fills the canvas height");
    }

    #[test]
    fn fit_on_a_short_canvas_leaves_room_for_the_caption_under_the_site() {
        let mut v = view();
        v.rect = egui::Rect::from_min_size(pos2(0.0, 0.0), vec2(400.0, 150.0));
        let site = SiteRect::new(0.0, 0.0, 1000.0, 600.0);
        v.fit(&site);
        let shown = v.rect_to_screen(&site);
        assert!(v.rect.bottom() - shown.bottom() >= MIN_FIT_MARGIN - 1e-3, "{shown:?} in {:?}", v.rect);
    }
}
