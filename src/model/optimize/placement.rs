//! Greedy placement of a design's new parts (MODEL.md "The best mix", Precisely): footprints from typical
//! densities (pods sized to capacity at 12 kW/m2, plants 50 m2 per MW_th, substations 40 m2 per MVA, each with
//! its kind's default aspect), positions scanned from the boundary's top-left corner in 10 m steps, row by row,
//! keeping 10 m clear of every other part.

use crate::model::component::{Component, ComponentKind};
use crate::model::footprint;
use crate::model::geometry::Rect;

pub const STEP_M: f64 = 10.0;
pub const CLEARANCE_M: f64 = 10.0;
pub const PLANT_M2_PER_MW_TH: f64 = 50.0;
pub const SUBSTATION_M2_PER_MVA: f64 = 40.0;
/// Floating-point slack on edges, in metres.
const SLACK_M: f64 = 1e-6;

/// Width and height of a new part: a pod as "Size to capacity" gives (12 kW/m2, the aspect of its default
/// rectangle); plants and substations from their area rule with their kind's default aspect.
pub fn footprint(c: &Component) -> (f64, f64) {
    if let Some(r) = footprint::size_to_capacity(c) {
        return (r.w, r.h);
    }
    let area = match &c.kind {
        ComponentKind::CoolingPlant(p) => p.capacity_mw_th * PLANT_M2_PER_MW_TH,
        ComponentKind::Substation(s) => s.capacity_mva * SUBSTATION_M2_PER_MVA,
        _ => c.rect.area(),
    };
    let (dw, dh) = c.tag().default_size_m();
    let aspect = dw / dh;
    let w = (area.max(1.0) * aspect).sqrt();
    (w, area.max(1.0) / w)
}

/// Places rectangles one after another; each takes the first free spot of the scan.
pub struct Placer {
    boundary: Rect,
    occupied: Vec<Rect>,
    /// The last size placed and the scan position where it went: the next part of the same size cannot fit
    /// anywhere earlier (only more parts were added since), so its scan resumes there.
    resume: Option<((f64, f64), usize, usize)>,
}

impl Placer {
    pub fn new(boundary: Rect, occupied: impl Iterator<Item = Rect>) -> Self {
        Placer { boundary, occupied: occupied.collect(), resume: None }
    }

    /// The first free `w` x `h` spot, now occupied; `None` when none is left.
    pub fn place(&mut self, w: f64, h: f64) -> Option<Rect> {
        let b = self.boundary;
        let (mut row, mut col) = match self.resume {
            Some((size, row, col)) if size == (w, h) => (row, col),
            _ => (0, 0),
        };
        loop {
            let y = b.y + row as f64 * STEP_M;
            if y + h > b.bottom() + SLACK_M {
                return None;
            }
            let x = b.x + col as f64 * STEP_M;
            if x + w > b.right() + SLACK_M {
                row += 1;
                col = 0;
                continue;
            }
            let spot = Rect::new(x, y, w, h);
            let blocker = self.occupied.iter().find(|o| {
                Rect::new(o.x - CLEARANCE_M, o.y - CLEARANCE_M, o.w + 2.0 * CLEARANCE_M, o.h + 2.0 * CLEARANCE_M)
                    .overlaps(&spot)
            });
            match blocker {
                // Jump past the blocker (and its clearance) to the next grid column instead of stepping 10 m.
                Some(o) => {
                    let clear_x = o.right() + CLEARANCE_M - b.x;
                    col = ((clear_x / STEP_M) - SLACK_M).ceil().max(col as f64 + 1.0) as usize;
                }
                None => {
                    self.occupied.push(spot);
                    self.resume = Some(((w, h), row, col));
                    return Some(spot);
                }
            }
        }
    }
}
