//! What the canvas shows at every zoom and UI scale: a 10,000-part site fitted in view still marks the
//! part that sticks out of the boundary, a UI-scale change leaves the whole site on the canvas, and the
//! View menu names the Grid and Snap shortcuts.

use crate::model_support;

use egui::epaint::Primitive;
use egui::{Color32, Rect, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use model_support::large_site::large_project;
use powerplot::app::PowerplotApp;
use powerplot::model::demo::demo_project;
use powerplot::model::{ComponentId, Project};

/// The red of a part that does not work as drawn (off the site, load not served).
const PROBLEM_RED: Color32 = Color32::from_rgb(235, 64, 52);

fn harness(project: Project) -> Harness<'static, PowerplotApp> {
    let mut h = Harness::builder()
        .with_size(vec2(1366.0, 768.0))
        // A UI-scale change re-lays out the panels, and their scroll areas settle over a few frames.
        .with_max_steps(8)
        .build_ui_state(|ui, app: &mut PowerplotApp| app.ui_root(ui), PowerplotApp::new(project, None));
    h.run();
    h
}

fn screen_rect(h: &Harness<'_, PowerplotApp>, id: ComponentId) -> Rect {
    let c = h.state().doc.scenario().component(id).expect("part").rect;
    let a = h.state().canvas.world_to_screen(c.x, c.y);
    let b = h.state().canvas.world_to_screen(c.right(), c.bottom());
    Rect::from_two_pos(a, b)
}

/// How many vertices of the last frame's triangles in `colour` lie inside `area`.
fn vertices_coloured(h: &Harness<'_, PowerplotApp>, colour: Color32, area: Rect) -> usize {
    let output = h.output();
    let primitives = h.ctx.tessellate(output.shapes.clone(), output.pixels_per_point);
    primitives
        .iter()
        .filter_map(|p| match &p.primitive {
            Primitive::Mesh(mesh) => Some(mesh),
            Primitive::Callback(_) => None,
        })
        .flat_map(|mesh| &mesh.vertices)
        .filter(|v| v.color == colour && area.contains(v.pos))
        .count()
}

#[test]
fn a_part_off_a_ten_thousand_part_site_is_still_marked_when_the_site_is_fitted() {
    let mut project = large_project(10_000);
    let site = &mut project.scenarios[0];
    // The last part of the first row sticks 60 m out of the right edge of the site.
    let stray = site.components[99].id;
    site.components[99].rect.x += 60.0;
    let h = harness(project);

    let s = h.state().doc.scenario();
    let e = h.state().results.get(0).expect("evaluated");
    // A part two rows below: the ring around the stray part is taller than a row and reaches the next one.
    let neighbour = s.components[299].id;
    // (It is a hall that switches off after the halving; that is drawn as idle, not as a problem mark.)
    let problems = e.warnings_for(neighbour).filter(|w| {
        !matches!(
            w.kind,
            powerplot::model::WarningKind::MiningSwitchedOff | powerplot::model::WarningKind::FleetStopped
        )
    });
    assert_eq!(problems.count(), 0, "the part two rows below is fine");
    let (stray_at, neighbour_at) = (screen_rect(&h, stray), screen_rect(&h, neighbour));
    assert!(stray_at.height() < 6.0, "fitted, a part is a few points tall: {stray_at:?}");

    let red_on_stray = vertices_coloured(&h, PROBLEM_RED, stray_at.expand(6.0));
    assert!(red_on_stray > 0, "the part off the site has a red mark around it");
    assert_eq!(vertices_coloured(&h, PROBLEM_RED, neighbour_at), 0, "a part without a problem has no red mark");
}

#[test]
fn the_whole_site_stays_on_the_canvas_after_a_ui_scale_change() {
    let mut h = harness(demo_project());
    let canvas_width_before = h.state().canvas.view.rect.width();
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("UI scale").click();
    h.run();
    h.get_by_label("150%").click();
    h.run();

    assert_eq!(h.state().ui_scale, 1.5);
    let view = h.state().canvas.view;
    assert!(view.rect.width() < canvas_width_before * 0.8, "bigger panels left a narrower canvas: {:?}", view.rect);
    let boundary = h.state().doc.scenario().boundary;
    let site = Rect::from_two_pos(
        view.world_to_screen(boundary.x, boundary.y),
        view.world_to_screen(boundary.right(), boundary.bottom()),
    );
    assert!(view.rect.contains_rect(site), "the site {site:?} is inside the canvas {:?}", view.rect);
    assert!(site.width() > view.rect.width() * 0.6 || site.height() > view.rect.height() * 0.6, "and fills most of it");
}

#[test]
fn the_view_menu_shows_the_grid_and_snap_keys_and_its_grid_item_toggles_the_grid() {
    let mut h = harness(demo_project());
    h.get_by_label("View").click();
    h.run();
    assert!(h.query_by_label("Grid G").is_some(), "Grid with its key");
    assert!(h.query_by_label("Snap to grid S").is_some(), "Snap to grid with its key");
    h.get_by_label("Grid G").click();
    h.run();
    assert!(!h.state().canvas.show_grid);
}
