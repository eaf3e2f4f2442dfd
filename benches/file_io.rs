//! Load and save of a 10,000-component project (about 9 MiB of RON), from and to a real file, plus the text
//! conversion alone so disk time can be told apart. Target: under 100 ms each in release.
//! Saving includes the temporary file, fsync, the .bak copy and the rename.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use powerplot::project_file::{load_project, parse_project, save_project, to_ron_string};

#[path = "../tests/model/support/large_site.rs"]
#[allow(dead_code)] // `large_site` is for the evaluation bench
mod large_site;

const COMPONENTS: usize = 10_000;

fn bench_file_io(c: &mut Criterion) {
    let project = large_site::large_project(COMPONENTS);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("large.ron");
    save_project(&path, &project).expect("the large project saves");
    assert_eq!(load_project(&path).expect("the large project loads"), project);
    let text = to_ron_string(&project);
    eprintln!("{COMPONENTS} components: {:.1} MiB of RON", text.len() as f64 / (1024.0 * 1024.0));

    let mut group = c.benchmark_group("file_io_10000_components");
    group.sample_size(20).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(8));
    group.bench_function("load", |b| b.iter(|| load_project(black_box(&path))));
    group.bench_function("save", |b| b.iter(|| save_project(black_box(&path), black_box(&project))));
    group.bench_function("parse_text", |b| b.iter(|| parse_project(black_box(&text), "bench")));
    group.bench_function("write_text", |b| b.iter(|| to_ron_string(black_box(&project))));
    group.finish();
}

criterion_group!(benches, bench_file_io);
criterion_main!(benches);
