//! Canvas geometry in site metres. The y axis points down the canvas (south), as on a site plan drawn on screen.

use serde::{Deserialize, Serialize};

/// An axis-aligned rectangle in metres: `x`, `y` is the top-left corner.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub const fn new(x: f64, y: f64, w: f64, h: f64) -> Self {
        Self { x, y, w, h }
    }

    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }

    pub fn area(&self) -> f64 {
        self.w * self.h
    }

    pub fn center(&self) -> (f64, f64) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    /// True when the two rectangles share some area (touching edges do not count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right() && other.x < self.right() && self.y < other.bottom() && other.y < self.bottom()
    }

    /// True when `self` lies wholly inside `outer` (edges may touch).
    pub fn inside(&self, outer: &Rect) -> bool {
        self.x >= outer.x && self.y >= outer.y && self.right() <= outer.right() && self.bottom() <= outer.bottom()
    }

    /// The rectangle turned by 90 degrees about its centre.
    pub fn rotated_90(&self) -> Rect {
        let (cx, cy) = self.center();
        Rect::new(cx - self.h / 2.0, cy - self.w / 2.0, self.h, self.w)
    }

    pub fn translated(&self, dx: f64, dy: f64) -> Rect {
        Rect::new(self.x + dx, self.y + dy, self.w, self.h)
    }
}

impl Default for Rect {
    fn default() -> Self {
        Rect::new(0.0, 0.0, 60.0, 40.0)
    }
}

/// Metres in a foot (international foot, exact by definition).
pub const METRES_PER_FOOT: f64 = 0.3048;

/// The length of the path through `points` in metres.
pub fn path_length(points: &[(f64, f64)]) -> f64 {
    points.windows(2).map(|w| (w[1].0 - w[0].0).hypot(w[1].1 - w[0].1)).sum()
}

/// The area enclosed by the polygon through `points` (closed back to the first), in square metres
/// (the shoelace formula; the sign of the winding is dropped).
pub fn polygon_area(points: &[(f64, f64)]) -> f64 {
    if points.len() < 3 {
        return 0.0;
    }
    let n = points.len();
    let twice: f64 = (0..n).map(|i| points[i].0 * points[(i + 1) % n].1 - points[(i + 1) % n].0 * points[i].1).sum();
    twice.abs() / 2.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_length_and_polygon_area_by_hand() {
        // A 30 x 40 m right triangle: legs 30 + 40, hypotenuse 50; area 30 * 40 / 2 = 600 m2.
        let tri = [(0.0, 0.0), (30.0, 0.0), (30.0, 40.0)];
        assert_eq!(path_length(&tri), 70.0);
        assert_eq!(path_length(&[(0.0, 0.0), (30.0, 40.0)]), 50.0);
        assert_eq!(polygon_area(&tri), 600.0);
        // The same triangle wound the other way has the same area.
        assert_eq!(polygon_area(&[(30.0, 40.0), (30.0, 0.0), (0.0, 0.0)]), 600.0);
        assert_eq!(polygon_area(&tri[..2]), 0.0);
        // 100 m is 328.08 ft (100 / 0.3048).
        assert!((100.0 / METRES_PER_FOOT - 328.084).abs() < 1e-3);
    }

    #[test]
    fn overlap_needs_shared_area() {
        let a = Rect::new(0.0, 0.0, 10.0, 10.0);
        assert!(a.overlaps(&Rect::new(5.0, 5.0, 10.0, 10.0)));
        assert!(!a.overlaps(&Rect::new(10.0, 0.0, 10.0, 10.0)), "touching edges are not an overlap");
        assert!(!a.overlaps(&Rect::new(0.0, 20.0, 10.0, 10.0)));
    }

    #[test]
    fn rotation_keeps_centre_and_swaps_sides() {
        let r = Rect::new(0.0, 0.0, 40.0, 10.0).rotated_90();
        assert_eq!(r, Rect::new(15.0, -15.0, 10.0, 40.0));
        assert_eq!(r.center(), (20.0, 5.0));
    }

    #[test]
    fn inside_allows_touching_edges() {
        let site = Rect::new(0.0, 0.0, 100.0, 100.0);
        assert!(Rect::new(0.0, 0.0, 100.0, 100.0).inside(&site));
        assert!(!Rect::new(90.0, 0.0, 20.0, 10.0).inside(&site));
    }
}
