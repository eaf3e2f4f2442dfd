//! Frame time of the whole app (menus, palette, canvas, inspector, dashboard) on a 1,000-part site in a
//! headless egui context: layout and painting (`Context::run_ui`) plus tessellation, as the GPU backend
//! would need each frame. Three cases: the whole site fitted in view, zoomed in so parts show icons and
//! labels, and a frame of dragging a part (one move edit per frame). Target: under 4 ms in release.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Event, Modifiers, PointerButton, Pos2, RawInput, Rect, vec2};
use powerplot::app::PowerplotApp;

#[path = "../tests/model_support/large_site.rs"]
#[allow(dead_code)] // `large_project` is for the scale tests
mod large_site;

const SCREEN: Rect = Rect { min: Pos2::ZERO, max: Pos2 { x: 1366.0, y: 768.0 } };

fn input(events: Vec<Event>) -> RawInput {
    RawInput { screen_rect: Some(SCREEN), events, ..Default::default() }
}

/// One frame: layout, painting and tessellation.
fn frame(ctx: &egui::Context, app: &mut PowerplotApp, events: Vec<Event>) -> usize {
    let output = ctx.run_ui(input(events), |ui| app.ui_root(ui));
    ctx.tessellate(output.shapes, output.pixels_per_point).len()
}

/// The app on a 1,000-part site after a few frames (fitted, evaluated, textures loaded).
fn warmed_up() -> (egui::Context, PowerplotApp) {
    let ctx = egui::Context::default();
    let project = large_site::large_project(1_000);
    let mut app = PowerplotApp::new(project, None);
    for _ in 0..3 {
        frame(&ctx, &mut app, Vec::new());
    }
    (ctx, app)
}

fn bench_canvas(c: &mut Criterion) {
    let mut group = c.benchmark_group("canvas_frame_1000_parts");
    group.warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(4));

    let (ctx, mut app) = warmed_up();
    group.bench_function("whole_site_in_view", |b| b.iter(|| black_box(frame(&ctx, &mut app, Vec::new()))));

    let (ctx, mut app) = warmed_up();
    let centre = app.canvas.view.rect.center();
    app.canvas.view.zoom_about(centre, 8.0);
    frame(&ctx, &mut app, Vec::new());
    group.bench_function("zoomed_in_with_labels", |b| b.iter(|| black_box(frame(&ctx, &mut app, Vec::new()))));

    let (ctx, mut app) = warmed_up();
    let centre = app.canvas.view.rect.center();
    app.canvas.view.zoom_about(centre, 4.0);
    frame(&ctx, &mut app, Vec::new());
    let part = app.doc.scenario().components[450].rect;
    let grab = app.canvas.world_to_screen(part.x + part.w / 2.0, part.y + part.h / 2.0);
    let press = Event::PointerButton { pos: grab, button: PointerButton::Primary, pressed: true, modifiers: Modifiers::NONE };
    frame(&ctx, &mut app, vec![Event::PointerMoved(grab), press]);
    let mut step = 0u32;
    group.bench_function("dragging_a_part", |b| {
        b.iter(|| {
            step += 1;
            let offset = if step.is_multiple_of(2) { 0.0 } else { 40.0 };
            black_box(frame(&ctx, &mut app, vec![Event::PointerMoved(grab + vec2(offset, offset))]))
        })
    });
    assert!(app.doc.in_gesture(), "the benchmark was dragging a part");
    group.finish();
}

criterion_group!(benches, bench_canvas);
criterion_main!(benches);
