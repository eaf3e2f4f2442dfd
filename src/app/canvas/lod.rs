//! Level of detail for large sites. A part only a few points across on screen (a 10,000-part site fitted
//! in view) is drawn as one plain block: no outline, icon, label or tag, which could not be read at that
//! size anyway. All blocks of a frame go into one mesh, and their selection and warning rings into a
//! second one drawn on top, instead of several shapes per part; both meshes keep their buffers from frame
//! to frame. A ring is never smaller than `MIN_RING_SIDE`, so a warning stays visible at any zoom.

use std::sync::Arc;

use egui::{Color32, Mesh, Rect, Shape, pos2, vec2};

use crate::app::icons;
use crate::model::Component;

use super::draw::severity_color;
use super::marks::Severity;

/// A part whose shorter side on screen is below this many points is drawn as a block.
const BLOCK_BELOW: f32 = 6.0;
/// Opacity of a planned (new) part's block; an existing part's block is solid, as its outline and fill
/// look at that size.
const NEW_BLOCK_OPACITY: f32 = 0.7;
/// Smallest side of a selection or warning ring, in points.
const MIN_RING_SIDE: f32 = 8.0;
/// Ring widths and gaps, as the selection and warning outlines of a full-size part.
const SELECTION_WIDTH: f32 = 2.0;
const SELECTION_GAP: f32 = 1.5;
const WARNING_WIDTH: f32 = 2.5;
const WARNING_GAP: f32 = 1.0;
const WARNING_GAP_SELECTED: f32 = 4.0;

/// Whether a part drawn at `r` (screen) is small enough to be a block.
pub fn is_block(r: Rect) -> bool {
    r.width().min(r.height()) < BLOCK_BELOW
}

/// The two meshes of the blocks, kept across frames so their buffers are reused.
#[derive(Default)]
pub struct BlockMeshes {
    blocks: Arc<Mesh>,
    rings: Arc<Mesh>,
}

/// The blocks of one frame being collected.
pub struct BlockPass<'a> {
    blocks: &'a mut Mesh,
    rings: &'a mut Mesh,
    selection_color: Color32,
}

impl BlockMeshes {
    /// Empties both meshes for a new frame. Last frame's shapes have been painted and dropped by now, so
    /// the buffers are this state's alone; should a painter still hold them, fresh ones are started.
    pub fn begin(&mut self, selection_color: Color32) -> BlockPass<'_> {
        BlockPass { blocks: reuse(&mut self.blocks), rings: reuse(&mut self.rings), selection_color }
    }

    /// The blocks, to paint under the parts drawn in full; `None` when there are none.
    pub fn blocks_shape(&self) -> Option<Shape> {
        shape(&self.blocks)
    }

    /// The selection and warning rings, to paint over every part; `None` when there are none.
    pub fn rings_shape(&self) -> Option<Shape> {
        shape(&self.rings)
    }
}

fn shape(mesh: &Arc<Mesh>) -> Option<Shape> {
    (!mesh.is_empty()).then(|| Shape::Mesh(Arc::clone(mesh)))
}

fn reuse(mesh: &mut Arc<Mesh>) -> &mut Mesh {
    if Arc::get_mut(mesh).is_none() {
        *mesh = Arc::default();
    }
    let mesh = Arc::make_mut(mesh);
    mesh.clear();
    mesh
}

impl BlockPass<'_> {
    /// Adds part `c`, drawn at `r`, with its selection and warning rings.
    pub fn add(&mut self, c: &Component, r: Rect, severity: Option<Severity>, selected: bool) {
        let color = icons::kind_color(c.tag());
        let fill = if c.existing { color } else { color.gamma_multiply(NEW_BLOCK_OPACITY) };
        self.blocks.add_colored_rect(r, fill);
        if selected {
            ring(self.rings, r.expand(SELECTION_GAP), SELECTION_WIDTH, self.selection_color);
        }
        if let Some(sev) = severity {
            let gap = if selected { WARNING_GAP_SELECTED } else { WARNING_GAP };
            ring(self.rings, r.expand(gap), WARNING_WIDTH, severity_color(sev));
        }
    }
}

/// A frame of `width` points just outside `inner` (grown about its centre to `MIN_RING_SIDE` when
/// smaller), as four bars.
fn ring(mesh: &mut Mesh, inner: Rect, width: f32, color: Color32) {
    let least = MIN_RING_SIDE - 2.0 * width;
    let inner = Rect::from_center_size(inner.center(), vec2(inner.width().max(least), inner.height().max(least)));
    let outer = inner.expand(width);
    mesh.add_colored_rect(Rect::from_min_max(outer.min, pos2(outer.max.x, inner.min.y)), color);
    mesh.add_colored_rect(Rect::from_min_max(pos2(outer.min.x, inner.max.y), outer.max), color);
    mesh.add_colored_rect(Rect::from_min_max(pos2(outer.min.x, inner.min.y), pos2(inner.min.x, inner.max.y)), color);
    mesh.add_colored_rect(Rect::from_min_max(pos2(inner.max.x, inner.min.y), pos2(outer.max.x, inner.max.y)), color);
}

#[cfg(test)]
mod tests {
    use egui::Pos2;

    use super::*;

    #[test]
    fn a_ring_around_a_speck_is_still_a_visible_frame() {
        let mut mesh = Mesh::default();
        ring(&mut mesh, Rect::from_center_size(pos2(50.0, 50.0), vec2(0.2, 0.1)), 2.5, Color32::RED);
        let bounds = mesh.calc_bounds();
        assert!(bounds.width() >= MIN_RING_SIDE && bounds.height() >= MIN_RING_SIDE, "{bounds:?}");
        assert_eq!(bounds.center(), pos2(50.0, 50.0));
        assert_eq!(mesh.vertices.len(), 16, "four bars");
    }

    #[test]
    fn a_ring_hugs_a_part_big_enough_to_see() {
        let mut mesh = Mesh::default();
        let part = Rect::from_min_size(pos2(10.0, 10.0), vec2(40.0, 5.0));
        ring(&mut mesh, part, 2.0, Color32::RED);
        assert_eq!(mesh.calc_bounds(), Rect::from_min_size(pos2(8.0, 8.0), vec2(44.0, 9.0)));
    }

    fn one_block(meshes: &mut BlockMeshes) {
        let mut pass = meshes.begin(Color32::BLUE);
        let part = Component::new(1, crate::model::KindTag::AsicHall, "Hall", 0.0, 0.0);
        pass.add(&part, Rect::from_min_size(pos2(10.0, 10.0), vec2(5.0, 3.0)), Some(Severity::Problem), false);
    }

    #[test]
    fn the_buffers_are_reused_once_last_frames_shapes_are_gone() {
        let mut meshes = BlockMeshes::default();
        one_block(&mut meshes);
        let buffer = meshes.blocks.vertices.as_ptr();
        drop(meshes.blocks_shape());
        one_block(&mut meshes);
        assert_eq!(meshes.blocks.vertices.as_ptr(), buffer, "no new allocation");
        assert_eq!(meshes.blocks.vertices.len(), 4, "last frame's block was cleared");
        assert_eq!(meshes.rings.vertices.len(), 16, "one warning ring");
    }

    #[test]
    fn a_mesh_still_being_painted_is_left_alone() {
        let mut meshes = BlockMeshes::default();
        one_block(&mut meshes);
        let held = meshes.blocks_shape();
        meshes.begin(Color32::BLUE);
        let Some(Shape::Mesh(mesh)) = held else { panic!("a mesh shape") };
        assert_eq!(mesh.vertices.len(), 4, "the painted block is intact");
        assert!(meshes.blocks.is_empty());
    }

    #[test]
    fn only_parts_a_few_points_across_are_blocks() {
        assert!(is_block(Rect::from_min_size(Pos2::ZERO, vec2(5.7, 3.2))));
        assert!(is_block(Rect::from_min_size(Pos2::ZERO, vec2(400.0, 4.0))), "a long thin part");
        assert!(!is_block(Rect::from_min_size(Pos2::ZERO, vec2(12.0, 7.0))));
    }
}
