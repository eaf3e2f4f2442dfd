//! The best mix on the demo site (MODEL.md "The best mix"): targets on this 2-core machine, the NPV objective
//! under 2 s and the P10 objective (200 draws on each shortlisted design) under 20 s per demo scenario; the
//! throughput figure is designs simulated per second.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use powerplot::model::demo::demo_project;
use powerplot::model::optimize::{Objective, Progress, Settings, optimize};

fn bench_optimize(c: &mut Criterion) {
    let project = demo_project();
    let mut group = c.benchmark_group("optimize");
    group.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(10));
    for objective in [Objective::Npv, Objective::P10Npv] {
        for s in &project.scenarios {
            let settings = Settings { objective, ..Settings::default() };
            let designs = optimize(s, &settings, &Progress::default()).evaluated;
            // Elements = designs simulated, so criterion reports designs per second.
            group.throughput(Throughput::Elements(designs as u64));
            let id = BenchmarkId::new(objective.name(), &s.name);
            group.bench_with_input(id, s, |b, s| b.iter(|| optimize(black_box(s), &settings, &Progress::default())));
        }
    }
    group.finish();
}

criterion_group!(benches, bench_optimize);
criterion_main!(benches);
