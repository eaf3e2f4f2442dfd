//! A drawing or aerial image laid under a scenario's site plan, and its calibration into site metres.
//!
//! The image's pixel (`px`, `py`) (x right, y down, as in any image file) lands on the site at
//! `origin + metres_per_pixel * R(rotation) * (px, py)`, where `R` turns clockwise on the plan (the site's y axis
//! points down the screen, so the usual rotation matrix turns clockwise as drawn). The project keeps only the
//! file's path and these few numbers, never the pixels.

use serde::{Deserialize, Serialize};

use super::geometry::Rect;

/// Valid ranges, checked on load and on every edit.
pub const METRES_PER_PIXEL_RANGE: (f64, f64) = (1.0e-4, 1000.0);
pub const ORIGIN_RANGE: (f64, f64) = (-1.0e6, 1.0e6);
pub const ROTATION_RANGE: (f64, f64) = (-360.0, 360.0);
pub const OPACITY_RANGE: (f64, f64) = (0.0, 1.0);
pub const MAX_PATH_CHARS: usize = 1024;
/// Opacity of a newly imported image: the parts on top stay easy to read.
pub const DEFAULT_OPACITY: f64 = 0.6;
/// Two calibration points closer than this (image pixels) cannot give a scale.
pub const MIN_CALIBRATION_PIXELS: f64 = 1.0;

/// A point on the site in metres.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SitePoint {
    pub x: f64,
    pub y: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Underlay {
    /// The image file (PNG or JPEG), relative to the project file's folder; an absolute path is accepted.
    pub path: String,
    /// Where the image's top-left pixel lies on the site, in metres.
    #[serde(default)]
    pub origin: SitePoint,
    /// Site metres one image pixel spans.
    #[serde(default = "default_metres_per_pixel")]
    pub metres_per_pixel: f64,
    /// Degrees, clockwise on the plan, about the origin.
    #[serde(default)]
    pub rotation_deg: f64,
    /// 0 (invisible) to 1 (opaque).
    #[serde(default = "default_opacity")]
    pub opacity: f64,
    #[serde(default = "visible_by_default")]
    pub visible: bool,
    /// A locked underlay cannot be moved, rotated or calibrated by accident.
    #[serde(default)]
    pub locked: bool,
}

fn default_metres_per_pixel() -> f64 {
    1.0
}

fn default_opacity() -> f64 {
    DEFAULT_OPACITY
}

fn visible_by_default() -> bool {
    true
}

/// Why two points and a distance cannot calibrate an image.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CalibrationError {
    #[error("the two points are the same pixel; click two points far apart on the image")]
    PointsTooClose,
    #[error("the distance must be a positive number of metres, not {0}")]
    BadDistance(f64),
    #[error("{0:.6} m per pixel is outside {min} to {max}", min = METRES_PER_PIXEL_RANGE.0, max = METRES_PER_PIXEL_RANGE.1)]
    OutOfRange(f64),
}

/// Metres per pixel from two image points (pixels) that lie `distance_m` apart on the site.
pub fn metres_per_pixel(a_px: (f64, f64), b_px: (f64, f64), distance_m: f64) -> Result<f64, CalibrationError> {
    if !(distance_m.is_finite() && distance_m > 0.0) {
        return Err(CalibrationError::BadDistance(distance_m));
    }
    let pixels = (b_px.0 - a_px.0).hypot(b_px.1 - a_px.1);
    if pixels.is_nan() || pixels < MIN_CALIBRATION_PIXELS {
        return Err(CalibrationError::PointsTooClose);
    }
    let mpp = distance_m / pixels;
    let (lo, hi) = METRES_PER_PIXEL_RANGE;
    if (lo..=hi).contains(&mpp) { Ok(mpp) } else { Err(CalibrationError::OutOfRange(mpp)) }
}

impl Underlay {
    /// A new underlay for the image at `path`, `size_px` pixels, stretched across `boundary`'s width with its
    /// top-left corner on the boundary's: a first guess, to be calibrated.
    pub fn fitted_to(path: impl Into<String>, size_px: [u32; 2], boundary: &Rect) -> Underlay {
        let (lo, hi) = METRES_PER_PIXEL_RANGE;
        let mpp = (boundary.w / f64::from(size_px[0].max(1))).clamp(lo, hi);
        Underlay {
            path: path.into(),
            origin: SitePoint { x: boundary.x, y: boundary.y },
            metres_per_pixel: mpp,
            rotation_deg: 0.0,
            opacity: DEFAULT_OPACITY,
            visible: true,
            locked: false,
        }
    }

    fn sin_cos(&self) -> (f64, f64) {
        self.rotation_deg.to_radians().sin_cos()
    }

    /// Where image pixel (`px`, `py`) lies on the site, in metres.
    pub fn image_to_site(&self, px: f64, py: f64) -> (f64, f64) {
        let (s, c) = self.sin_cos();
        let (x, y) = (px * self.metres_per_pixel, py * self.metres_per_pixel);
        (self.origin.x + x * c - y * s, self.origin.y + x * s + y * c)
    }

    /// The image pixel under the site point (`x`, `y`) metres (may lie outside the image).
    pub fn site_to_image(&self, x: f64, y: f64) -> (f64, f64) {
        let (s, c) = self.sin_cos();
        let (dx, dy) = (x - self.origin.x, y - self.origin.y);
        ((dx * c + dy * s) / self.metres_per_pixel, (-dx * s + dy * c) / self.metres_per_pixel)
    }

    /// The image's corners on the site: top-left, top-right, bottom-right, bottom-left.
    pub fn corners(&self, size_px: [u32; 2]) -> [(f64, f64); 4] {
        let (w, h) = (f64::from(size_px[0]), f64::from(size_px[1]));
        [self.image_to_site(0.0, 0.0), self.image_to_site(w, 0.0), self.image_to_site(w, h), self.image_to_site(0.0, h)]
    }

    /// The axis-aligned box around the image on the site.
    pub fn extent(&self, size_px: [u32; 2]) -> Rect {
        let corners = self.corners(size_px);
        let xs = corners.map(|p| p.0);
        let ys = corners.map(|p| p.1);
        let (x0, x1) =
            (xs.iter().copied().fold(f64::INFINITY, f64::min), xs.iter().copied().fold(f64::NEG_INFINITY, f64::max));
        let (y0, y1) =
            (ys.iter().copied().fold(f64::INFINITY, f64::min), ys.iter().copied().fold(f64::NEG_INFINITY, f64::max));
        Rect::new(x0, y0, x1 - x0, y1 - y0)
    }

    /// The same image moved so that image pixel `pivot_px` stays where it is on the site while `change` alters
    /// the scale or the rotation.
    fn keeping(&self, pivot_px: (f64, f64), change: impl FnOnce(&mut Underlay)) -> Underlay {
        let fixed = self.image_to_site(pivot_px.0, pivot_px.1);
        let mut next = self.clone();
        change(&mut next);
        let moved = next.image_to_site(pivot_px.0, pivot_px.1);
        next.origin = SitePoint { x: next.origin.x + fixed.0 - moved.0, y: next.origin.y + fixed.1 - moved.1 };
        next
    }

    /// Turned to `rotation_deg` about image pixel `pivot_px` (the image's centre, so it turns in place).
    pub fn rotated_about(&self, pivot_px: (f64, f64), rotation_deg: f64) -> Underlay {
        self.keeping(pivot_px, |u| u.rotation_deg = rotation_deg)
    }

    /// Calibrated from two image points `distance_m` apart on the site; the first point stays where it was.
    pub fn calibrated(
        &self,
        a_px: (f64, f64),
        b_px: (f64, f64),
        distance_m: f64,
    ) -> Result<Underlay, CalibrationError> {
        let mpp = metres_per_pixel(a_px, b_px, distance_m)?;
        Ok(self.keeping(a_px, |u| u.metres_per_pixel = mpp))
    }

    /// Moved by (`dx`, `dy`) metres.
    pub fn moved(&self, dx: f64, dy: f64) -> Underlay {
        Underlay { origin: SitePoint { x: self.origin.x + dx, y: self.origin.y + dy }, ..self.clone() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: (f64, f64), b: (f64, f64)) -> bool {
        (a.0 - b.0).abs() < 1e-9 && (a.1 - b.1).abs() < 1e-9
    }

    fn underlay() -> Underlay {
        Underlay::fitted_to("site.png", [2000, 1000], &Rect::new(0.0, 0.0, 1000.0, 600.0))
    }

    #[test]
    fn a_3_4_5_triangle_of_500_pixels_over_250_m_is_half_a_metre_per_pixel() {
        // (100, 100) to (400, 500): 300 across and 400 down, sqrt(300^2 + 400^2) = 500 px; 250 m / 500 px = 0.5.
        assert_eq!(metres_per_pixel((100.0, 100.0), (400.0, 500.0), 250.0), Ok(0.5));
    }

    #[test]
    fn bad_calibrations_are_refused() {
        assert_eq!(metres_per_pixel((5.0, 5.0), (5.0, 5.0), 10.0), Err(CalibrationError::PointsTooClose));
        assert_eq!(metres_per_pixel((0.0, 0.0), (10.0, 0.0), 0.0), Err(CalibrationError::BadDistance(0.0)));
        assert!(metres_per_pixel((0.0, 0.0), (10.0, 0.0), f64::NAN).is_err());
        // 1e5 m over 10 px is 1e4 m per pixel: beyond 1000.
        assert_eq!(metres_per_pixel((0.0, 0.0), (10.0, 0.0), 1.0e5), Err(CalibrationError::OutOfRange(1.0e4)));
    }

    #[test]
    fn fitted_spans_the_boundary_width() {
        // 1000 m of boundary over 2000 px: 0.5 m per pixel, top-left on the boundary's corner.
        let u = underlay();
        assert_eq!(u.metres_per_pixel, 0.5);
        assert!(close(u.image_to_site(2000.0, 0.0), (1000.0, 0.0)));
    }

    #[test]
    fn rotation_turns_clockwise_on_the_plan_and_round_trips() {
        let mut u = underlay();
        u.rotation_deg = 90.0;
        // Pixel (100, 0) is 50 m right of the origin unturned; turned 90 degrees clockwise it lies 50 m down.
        assert!(close(u.image_to_site(100.0, 0.0), (0.0, 50.0)));
        u.rotation_deg = 33.0;
        u.origin = SitePoint { x: 12.5, y: -40.0 };
        let (x, y) = u.image_to_site(321.0, 654.0);
        assert!(close(u.site_to_image(x, y), (321.0, 654.0)));
    }

    #[test]
    fn rotating_about_the_centre_keeps_the_centre_in_place() {
        let u = underlay();
        let before = u.image_to_site(1000.0, 500.0);
        let turned = u.rotated_about((1000.0, 500.0), 30.0);
        assert_eq!(turned.rotation_deg, 30.0);
        assert!(close(turned.image_to_site(1000.0, 500.0), before));
    }

    #[test]
    fn calibrating_keeps_the_first_point_and_scales_the_second() {
        let u = underlay().moved(10.0, 20.0);
        let a = u.image_to_site(100.0, 100.0);
        let c = u.calibrated((100.0, 100.0), (400.0, 500.0), 1000.0).expect("valid");
        // 1000 m over 500 px = 2 m per pixel.
        assert_eq!(c.metres_per_pixel, 2.0);
        assert!(close(c.image_to_site(100.0, 100.0), a));
        let b = c.image_to_site(400.0, 500.0);
        assert!(((b.0 - a.0).hypot(b.1 - a.1) - 1000.0).abs() < 1e-9);
    }

    #[test]
    fn extent_of_a_square_turned_45_degrees() {
        let mut u = underlay();
        u.metres_per_pixel = 1.0;
        u.rotation_deg = 45.0;
        // A 100 px square turned 45 degrees about its top-left corner spans 100 * sqrt(2) across.
        let e = u.extent([100, 100]);
        assert!((e.w - 100.0 * 2f64.sqrt()).abs() < 1e-9 && (e.h - 100.0 * 2f64.sqrt()).abs() < 1e-9);
    }
}
