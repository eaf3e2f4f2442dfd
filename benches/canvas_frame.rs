//! Frame time of the whole app (menus, palette, canvas, inspector, dashboard) on a large site in a headless
//! egui context: layout and painting (`Context::run_ui`) plus tessellation, as the GPU backend would need
//! each frame. On 1,000 parts three cases: the whole site fitted in view, zoomed in so parts show icons and
//! labels, and a frame of dragging a part (one move edit per frame); target under 4 ms in release. On
//! 10,000 parts the fitted view (every part a few points wide, target under 8 ms), the view zoomed in just
//! far enough that parts are drawn in full, and a drag in the fitted view. On 1,000 parts over an 8,000 x 8,000
//! pixel underlay image, the fitted view (the image is one textured mesh, so the target stays 4 ms); the time
//! to decode and shrink that image on its loading thread is printed once.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Event, Modifiers, PointerButton, Pos2, RawInput, Rect, vec2};
use powerplot::app::PowerplotApp;

#[path = "../tests/model/support/large_site.rs"]
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

/// The app on a site of `parts` parts after a few frames (fitted, evaluated, textures loaded).
fn warmed_up(parts: usize) -> (egui::Context, PowerplotApp) {
    let ctx = egui::Context::default();
    let project = large_site::large_project(parts);
    let mut app = PowerplotApp::new(project, None);
    for _ in 0..3 {
        frame(&ctx, &mut app, Vec::new());
    }
    (ctx, app)
}

/// Presses the pointer on part `index` and moves it far enough for the drag to start; returns where the
/// pointer is.
fn grab_part(ctx: &egui::Context, app: &mut PowerplotApp, index: usize) -> Pos2 {
    let part = app.doc.scenario().components[index].rect;
    let grab = app.canvas.world_to_screen(part.x + part.w / 2.0, part.y + part.h / 2.0);
    let press =
        Event::PointerButton { pos: grab, button: PointerButton::Primary, pressed: true, modifiers: Modifiers::NONE };
    frame(ctx, app, vec![Event::PointerMoved(grab), press]);
    let moved = grab + vec2(10.0, 0.0);
    frame(ctx, app, vec![Event::PointerMoved(moved)]);
    assert!(app.doc.in_gesture(), "the benchmark is dragging a part");
    moved
}

/// One frame of a drag: the pointer moves `offset` points away from `grab` and back, frame by frame.
fn drag_frame(ctx: &egui::Context, app: &mut PowerplotApp, grab: Pos2, step: &mut u32, offset: f32) -> usize {
    *step += 1;
    let d = if step.is_multiple_of(2) { 0.0 } else { offset };
    frame(ctx, app, vec![Event::PointerMoved(grab + vec2(d, d))])
}

fn bench_canvas(c: &mut Criterion) {
    let mut group = c.benchmark_group("canvas_frame_1000_parts");
    group.warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(4));

    let (ctx, mut app) = warmed_up(1_000);
    group.bench_function("whole_site_in_view", |b| b.iter(|| black_box(frame(&ctx, &mut app, Vec::new()))));

    let (ctx, mut app) = warmed_up(1_000);
    let centre = app.canvas.view.rect.center();
    app.canvas.view.zoom_about(centre, 8.0);
    frame(&ctx, &mut app, Vec::new());
    group.bench_function("zoomed_in_with_labels", |b| b.iter(|| black_box(frame(&ctx, &mut app, Vec::new()))));

    let (ctx, mut app) = warmed_up(1_000);
    let centre = app.canvas.view.rect.center();
    app.canvas.view.zoom_about(centre, 4.0);
    frame(&ctx, &mut app, Vec::new());
    let grab = grab_part(&ctx, &mut app, 450);
    let mut step = 0u32;
    group
        .bench_function("dragging_a_part", |b| b.iter(|| black_box(drag_frame(&ctx, &mut app, grab, &mut step, 40.0))));
    assert!(app.doc.in_gesture(), "the drag lasted the whole benchmark");
    group.finish();

    let mut group = c.benchmark_group("canvas_frame_10000_parts");
    group.warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(4));

    let (ctx, mut app) = warmed_up(10_000);
    group.bench_function("whole_site_in_view", |b| b.iter(|| black_box(frame(&ctx, &mut app, Vec::new()))));

    // The heaviest view: zoomed in just far enough that parts are drawn in full (7 points tall), with a
    // quarter of the site still in view.
    let (ctx, mut app) = warmed_up(10_000);
    let centre = app.canvas.view.rect.center();
    let part_height_m = app.doc.scenario().components[0].rect.h as f32;
    app.canvas.view.zoom_about(centre, 7.0 / (part_height_m * app.canvas.view.scale));
    frame(&ctx, &mut app, Vec::new());
    group.bench_function("parts_just_above_block_size", |b| b.iter(|| black_box(frame(&ctx, &mut app, Vec::new()))));

    // In the fitted view a part is a few points wide: move far enough to cross a grid step.
    let (ctx, mut app) = warmed_up(10_000);
    let grab = grab_part(&ctx, &mut app, 5_050);
    let mut step = 0u32;
    group.bench_function("dragging_a_part_fitted", |b| {
        b.iter(|| black_box(drag_frame(&ctx, &mut app, grab, &mut step, 30.0)))
    });
    assert!(app.doc.in_gesture(), "the drag lasted the whole benchmark");
    group.finish();
}

/// An 8,000 x 8,000 pixel aerial-sized JPEG (a pattern, so it does not compress to nothing) in `dir`.
fn large_aerial(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("aerial-8000.jpg");
    let picture = image::RgbImage::from_fn(8000, 8000, |x, y| {
        image::Rgb([(x / 31) as u8, (y / 31) as u8, ((x ^ y) & 0xff) as u8])
    });
    picture.save(&path).expect("the temp folder is writable");
    path
}

fn bench_underlay(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let aerial = large_aerial(dir.path());
    let started = std::time::Instant::now();
    let loaded = powerplot::app::underlay::loader::load(&aerial, powerplot::app::underlay::loader::MAX_TEXTURE_SIDE);
    let loaded = loaded.expect("the aerial loads");
    eprintln!(
        "underlay: 8000x8000 JPEG decoded and shrunk to {}x{} in {:.2} s (off the UI thread)",
        loaded.image.size[0],
        loaded.image.size[1],
        started.elapsed().as_secs_f64()
    );

    let mut group = c.benchmark_group("canvas_frame_1000_parts_8000px_underlay");
    group.warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(4));
    let (ctx, mut app) = warmed_up(1_000);
    let pick = powerplot::app::underlay::Pick::Import;
    assert!(powerplot::app::underlay::image_chosen(&mut app, pick, &aerial), "imported");
    let started = std::time::Instant::now();
    frame(&ctx, &mut app, Vec::new());
    while app.underlay.is_loading() {
        assert!(started.elapsed() < Duration::from_secs(120), "the aerial never loaded");
        std::thread::sleep(Duration::from_millis(20));
        frame(&ctx, &mut app, Vec::new());
    }
    frame(&ctx, &mut app, Vec::new());
    group.bench_function("whole_site_in_view", |b| b.iter(|| black_box(frame(&ctx, &mut app, Vec::new()))));
    group.finish();
}

criterion_group!(benches, bench_canvas, bench_underlay);
criterion_main!(benches);
