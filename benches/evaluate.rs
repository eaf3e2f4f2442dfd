//! Model evaluation time at 10, 100, 1,000 and 10,000 parts over the default 120-month horizon, on a
//! realistic mix of halls, pods of both business models, substations, cooling plants and turbines
//! (see `tests/model/support/large_site.rs`). Targets on a 2-core laptop-class machine: 1,000 parts under
//! 1 ms, 10,000 under 10 ms, so the dashboard can recompute on every edit. `evaluate_and_financing/1000` adds the
//! financing view (debt at 80 %, tax, depreciation; MODEL.md "Financing and tax") that the dashboard computes
//! with every evaluation: goal under 1 ms together.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use powerplot::model::evaluate;
use powerplot::model::financing::{self, presets::PROJECT_FINANCE};

#[path = "../tests/model/support/large_site.rs"]
#[allow(dead_code)] // `large_project` is for the scale tests
mod large_site;

fn bench_evaluate(c: &mut Criterion) {
    let mut group = c.benchmark_group("evaluate");
    group.warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(4));
    for n in [10usize, 100, 1_000, 10_000] {
        let site = large_site::large_site(n);
        assert_eq!(site.assumptions.horizon_months(), 120);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &site, |b, s| b.iter(|| evaluate(black_box(s))));
    }
    group.finish();
}

fn bench_evaluate_and_financing(c: &mut Criterion) {
    let mut group = c.benchmark_group("evaluate_and_financing");
    group.warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(4));
    let mut site = large_site::large_site(1_000);
    site.assumptions = PROJECT_FINANCE.applied(&site.assumptions);
    let check = financing::evaluate(&site, &evaluate(&site));
    assert!(check.has_debt() && check.kpis.total_tax_usd > 0.0, "the bench borrows and pays tax");
    group.bench_with_input(BenchmarkId::from_parameter(1_000), &site, |b, s| {
        b.iter(|| {
            let e = evaluate(black_box(s));
            financing::evaluate(s, &e)
        })
    });
    group.finish();
}

criterion_group!(benches, bench_evaluate, bench_evaluate_and_financing);
criterion_main!(benches);
