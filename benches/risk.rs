//! Monte Carlo speed (issue 12), targets on the 2-core machine: 10,000 draws of the demo's Hybrid under 1 s;
//! 10,000 draws of a 1,000-part site under 10 s; a headless frame of the whole app with the Risk tab open while
//! a 100,000-draw run is going on the other threads under 16 ms. Also, once, the share of a draw's time spent
//! outside the simulation (sampling, applying, statistics), to see what reusing more of the model would save.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Pos2, RawInput, Rect};
use powerplot::app::PowerplotApp;
use powerplot::app::risk_run::RunState;
use powerplot::model::demo::demo_project;
use powerplot::model::risk::{Progress, RiskSettings, run_with};
use powerplot::model::simulate::evaluate;

#[path = "../tests/model/support/large_site.rs"]
#[allow(dead_code)] // `large_project` is for the scale tests
mod large_site;

fn draws(n: u32) -> RiskSettings {
    RiskSettings { draws: n, ..RiskSettings::default() }
}

fn bench_draws(c: &mut Criterion) {
    let mut group = c.benchmark_group("risk_10000_draws");
    group.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(10));
    let hybrid = demo_project().scenarios[1].clone();
    let settings = draws(10_000);
    group.bench_function("demo_hybrid", |b| b.iter(|| black_box(run_with(&hybrid, &settings, &Progress::default()))));

    // Where the time goes: 10,000 plain evaluations of the same scenario, one thread.
    let started = Instant::now();
    for _ in 0..10_000 {
        black_box(evaluate(black_box(&hybrid)));
    }
    eprintln!("10,000 evaluations of Hybrid on one thread: {:.3} s", started.elapsed().as_secs_f64());

    let site = large_site::large_site(1_000);
    group.bench_function("site_1000_parts", |b| b.iter(|| black_box(run_with(&site, &settings, &Progress::default()))));
    group.finish();
}

const SCREEN: Rect = Rect { min: Pos2::ZERO, max: Pos2 { x: 1366.0, y: 768.0 } };

fn frame(ctx: &egui::Context, app: &mut PowerplotApp) -> usize {
    let output = ctx.run_ui(RawInput { screen_rect: Some(SCREEN), ..Default::default() }, |ui| app.ui_root(ui));
    ctx.tessellate(output.shapes, output.pixels_per_point).len()
}

fn bench_frame_while_running(c: &mut Criterion) {
    let mut project = demo_project();
    project.scenarios[1].assumptions.risk.draws = 100_000;
    let mut app = PowerplotApp::new(project, None);
    app.doc.set_active(1);
    app.dashboard.show_risk = true;
    let ctx = egui::Context::default();
    frame(&ctx, &mut app);
    let mut group = c.benchmark_group("risk_ui");
    group.warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(4));
    group.bench_function("frame_while_a_run_is_going", |b| b.iter(|| black_box(frame(&ctx, &mut app))));
    let key = powerplot::app::risk_run::RunKey { scenario: 1, revision: app.doc.revision };
    assert!(matches!(app.risk.state(key), RunState::Running { .. }), "the run lasted the whole benchmark");
    app.risk.cancel();
    group.finish();
}

criterion_group!(benches, bench_draws, bench_frame_while_running);
criterion_main!(benches);
