//! The eight resize handles around a single selected part, and the footprint a handle drag produces.

use egui::{CursorIcon, Pos2, pos2};

use crate::model::Rect;

use super::grid;

/// Side of a handle square on screen, in points; the grab area is a little larger.
pub const HANDLE_SIZE: f32 = 8.0;
pub const GRAB_RADIUS: f32 = 7.0;
/// Smallest footprint side a resize leaves, in metres.
pub const MIN_SIDE_M: f64 = 1.0;

/// Which edges a handle moves: -1 the left/top edge, 1 the right/bottom edge, 0 neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Handle {
    pub hx: i8,
    pub hy: i8,
}

pub const ALL: [Handle; 8] = [
    Handle { hx: -1, hy: -1 },
    Handle { hx: 0, hy: -1 },
    Handle { hx: 1, hy: -1 },
    Handle { hx: 1, hy: 0 },
    Handle { hx: 1, hy: 1 },
    Handle { hx: 0, hy: 1 },
    Handle { hx: -1, hy: 1 },
    Handle { hx: -1, hy: 0 },
];

impl Handle {
    /// Where this handle sits on a footprint drawn at `r` (screen).
    pub fn position(self, r: egui::Rect) -> Pos2 {
        let x = match self.hx {
            -1 => r.left(),
            0 => r.center().x,
            _ => r.right(),
        };
        let y = match self.hy {
            -1 => r.top(),
            0 => r.center().y,
            _ => r.bottom(),
        };
        pos2(x, y)
    }

    pub fn cursor(self) -> CursorIcon {
        match (self.hx, self.hy) {
            (0, _) => CursorIcon::ResizeVertical,
            (_, 0) => CursorIcon::ResizeHorizontal,
            (a, b) if a == b => CursorIcon::ResizeNwSe,
            _ => CursorIcon::ResizeNeSw,
        }
    }
}

/// The handle of a footprint drawn at `r` within grabbing distance of `pointer`.
pub fn hit(r: egui::Rect, pointer: Pos2) -> Option<Handle> {
    ALL.into_iter().find(|h| h.position(r).distance(pointer) <= GRAB_RADIUS)
}

/// `start` with the edges of `handle` moved by (`dx`, `dy`) metres, snapped to `snap` metres when given;
/// no side shrinks below `MIN_SIDE_M` and the opposite edges stay put.
pub fn resized(start: &Rect, handle: Handle, dx: f64, dy: f64, snap: Option<f64>) -> Rect {
    let fit = |v: f64| snap.map_or(v, |step| grid::snap(v, step));
    let (mut left, mut right, mut top, mut bottom) = (start.x, start.right(), start.y, start.bottom());
    match handle.hx {
        -1 => left = fit(start.x + dx).min(right - MIN_SIDE_M),
        1 => right = fit(start.right() + dx).max(left + MIN_SIDE_M),
        _ => {}
    }
    match handle.hy {
        -1 => top = fit(start.y + dy).min(bottom - MIN_SIDE_M),
        1 => bottom = fit(start.bottom() + dy).max(top + MIN_SIDE_M),
        _ => {}
    }
    Rect::new(left, top, right - left, bottom - top)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corner_handle_moves_two_edges() {
        let r = Rect::new(100.0, 50.0, 60.0, 40.0);
        let out = resized(&r, Handle { hx: 1, hy: 1 }, 23.0, 7.0, Some(10.0));
        assert_eq!(out, Rect::new(100.0, 50.0, 80.0, 50.0), "right edge snaps to 180, bottom to 100");
        let out = resized(&r, Handle { hx: -1, hy: 0 }, -12.0, 99.0, None);
        assert_eq!(out, Rect::new(88.0, 50.0, 72.0, 40.0), "a side handle ignores the other axis");
    }

    #[test]
    fn a_footprint_never_turns_inside_out() {
        let r = Rect::new(0.0, 0.0, 20.0, 20.0);
        let out = resized(&r, Handle { hx: 1, hy: -1 }, -500.0, 500.0, None);
        assert_eq!((out.w, out.h), (MIN_SIDE_M, MIN_SIDE_M));
        assert_eq!((out.x, out.bottom()), (0.0, 20.0));
    }
}
