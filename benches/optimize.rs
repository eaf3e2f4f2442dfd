//! The best mix (MODEL.md "The best mix, with time and the grid"), targets on this 2-core machine:
//! - the demo's Hybrid, NPV objective with the conversion timings: under 2 s;
//! - the demo's Hybrid, P10 objective (200 draws on each finalist): under 20 s;
//! - 12 distinct existing halls (a space too large to list): a heuristic answer under 10 s;
//! - a 1,000-part site (`tests/model/support/large_site.rs`): under a minute. Criterion needs at least ten
//!   samples, so this one runs once and prints its time, designs simulated and the size of the space.
//!
//! The throughput figure is designs simulated per second.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use powerplot::model::catalog::MINERS;
use powerplot::model::demo::demo_project;
use powerplot::model::optimize::{Objective, Progress, Settings, optimize};
use powerplot::model::{Component, ComponentKind, KindTag, Rect, Scenario, Substation};

#[path = "../tests/model/support/large_site.rs"]
#[allow(dead_code)] // `large_project` is for the scale tests
mod large_site;

/// 12 existing air-cooled halls of different sizes (so no two are interchangeable) on a 250 MVA substation.
fn twelve_halls() -> Scenario {
    let mut s = Scenario::new("12 distinct halls");
    s.boundary = Rect::new(0.0, 0.0, 1_500.0, 1_000.0);
    let mut sub = Component::new(1, KindTag::Substation, "Main substation", 10.0, 10.0);
    sub.rect = Rect::new(10.0, 10.0, 120.0, 90.0);
    sub.existing = true;
    sub.kind = ComponentKind::Substation(Substation { capacity_mva: 250.0, ..Substation::default() });
    s.components.push(sub);
    for i in 0..12u64 {
        let mut c = Component::new(2 + i, KindTag::AsicHall, format!("Hall {}", i + 1), 0.0, 0.0);
        c.rect = Rect::new(150.0 + (i % 4) as f64 * 240.0, 10.0 + (i / 4) as f64 * 90.0, 220.0, 60.0);
        c.existing = true;
        if let ComponentKind::AsicHall(h) = &mut c.kind {
            h.apply_preset(&MINERS[0]);
            h.miner_count = 2_000 + 250 * i as u32;
        }
        s.components.push(c);
    }
    s
}

fn bench_optimize(c: &mut Criterion) {
    let project = demo_project();
    let hybrid = project.scenarios.iter().find(|s| s.name == "Hybrid").expect("the demo's Hybrid");
    let mut group = c.benchmark_group("optimize");
    group.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(10));
    let twelve = twelve_halls();
    for (objective, s) in [(Objective::Npv, hybrid), (Objective::P10Npv, hybrid), (Objective::Npv, &twelve)] {
        let settings = Settings { objective, ..Settings::default() };
        let designs = optimize(s, &settings, &Progress::default()).evaluated;
        // Elements = designs simulated, so criterion reports designs per second.
        group.throughput(Throughput::Elements(designs as u64));
        let id = BenchmarkId::new(objective.name(), &s.name);
        group.bench_with_input(id, s, |b, s| b.iter(|| optimize(black_box(s), &settings, &Progress::default())));
    }
    group.finish();
}

/// One run of the 1,000-part site, timed (see the module documentation).
fn large_site_once(_: &mut Criterion) {
    let site = large_site::large_site(1_000);
    let start = Instant::now();
    let r = optimize(&site, &Settings::default(), &Progress::default());
    println!(
        "optimize/npv/1000 parts: {:.1} s, {} designs simulated of {} in the space, best NPV {:.0}",
        start.elapsed().as_secs_f64(),
        r.evaluated,
        r.space_size,
        r.best.first().map_or(f64::NAN, |b| b.figures.npv_usd)
    );
}

criterion_group!(benches, bench_optimize, large_site_once);
criterion_main!(benches);
