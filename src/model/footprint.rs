//! Footprints (MODEL.md step 11): a part's IT density against the plausible maximum of its kind, and the
//! "Size to capacity" rectangle at a typical density.

use super::assumptions::Assumptions;
use super::component::{Component, ComponentKind};
use super::geometry::Rect;

/// Typical IT density used by "Size to capacity", kW per m2: air hall 2.5, hydro or immersion hall 5, GPU pod 12.
pub fn typical_density_kw_per_m2(c: &Component) -> Option<f64> {
    match &c.kind {
        ComponentKind::AsicHall(h) => Some(if h.cooling.needs_plant() { 5.0 } else { 2.5 }),
        ComponentKind::GpuPod(_) => Some(12.0),
        _ => None,
    }
}

/// The scenario's plausible maximum IT density for a load, kW per m2.
pub fn max_density_kw_per_m2(c: &Component, a: &Assumptions) -> Option<f64> {
    match &c.kind {
        ComponentKind::AsicHall(h) if h.cooling.needs_plant() => Some(a.max_density_hall_liquid_kw_per_m2),
        ComponentKind::AsicHall(_) => Some(a.max_density_hall_air_kw_per_m2),
        ComponentKind::GpuPod(_) => Some(a.max_density_gpu_pod_kw_per_m2),
        _ => None,
    }
}

/// IT kW per m2 of the part's rectangle (loads only).
pub fn density_kw_per_m2(c: &Component) -> Option<f64> {
    let area = c.rect.area();
    (c.is_load() && area > 0.0).then(|| c.it_mw() * 1000.0 / area)
}

/// The rectangle that holds the part's IT at the typical density: same centre and aspect ratio. `None` for
/// supplies and for a load without IT power.
pub fn size_to_capacity(c: &Component) -> Option<Rect> {
    let density = typical_density_kw_per_m2(c)?;
    let area = c.it_mw() * 1000.0 / density;
    if !(area > 0.0 && area.is_finite()) || c.rect.w <= 0.0 || c.rect.h <= 0.0 {
        return None;
    }
    let aspect = c.rect.w / c.rect.h;
    // At least a metre each way, the smallest footprint the file format accepts.
    let w = (area * aspect).sqrt().max(1.0);
    let h = (area / aspect).sqrt().max(1.0);
    let (cx, cy) = c.rect.center();
    Some(Rect::new(cx - w / 2.0, cy - h / 2.0, w, h))
}
