//! The large sites the benchmark uses are valid, realistic and evaluate to finite numbers; a 10,000-part
//! project survives a save and load; and an ignored test writes one to disk for timing `powerplot report`.

use crate::support as model_support;

use model_support::large_site::{large_project, large_site};
use model_support::*;
use powerplot::model::{WarningKind, evaluate, validate_project};
use powerplot::project_file::{load_project, save_project};

#[test]
fn the_benchmark_sites_are_valid_and_tidy() {
    for n in [10, 100, 1_000, 10_000] {
        let project = large_project(n);
        assert_eq!(validate_project(&project), Ok(()), "{n} parts");
        let e = evaluate(&project.scenarios[0]);
        assert_eq!(e.components.len(), n);
        assert_all_finite(&e);
        let untidy: Vec<_> = e
            .warnings
            .iter()
            .filter(|w| matches!(w.kind, WarningKind::Overlap | WarningKind::OutsideBoundary))
            .collect();
        assert!(untidy.is_empty(), "{n} parts: {untidy:?}");
    }
}

#[test]
fn the_benchmark_site_curtails_mining_until_its_new_substations_arrive() {
    // 100 parts: 5 existing 40 MVA substations (190 MW) until month 36, then 10 (380 MW) plus 5 turbines.
    // Hashprice held flat, so no miner switches off for economics and only capacity limits mining.
    let mut site = large_site(100);
    site.assumptions.halvings.clear();
    site.assumptions.hashprice_decline = 0.0;
    let e = evaluate(&site);
    let k = &e.kpis;
    assert!(k.grid_headroom_mw > 0.0, "the full build fits: {}", k.grid_headroom_mw);
    let s = &e.series;
    assert!(s.it_mining_mw[20] < s.it_mining_mw[40], "{} vs {}", s.it_mining_mw[20], s.it_mining_mw[40]);
    assert!(s.it_unserved_mw[20] > 0.0 && s.it_mining_off_mw[20] == 0.0, "curtailed for capacity, not economics");
    assert!(s.it_ai_mw[20] > 0.0 && s.revenue_colocation[20] > 0.0 && s.revenue_gpu_cloud[20] > 0.0);
    assert!(s.grid_draw_mw[20] < s.facility_mw[20], "turbines carry part of the load before month 36");
    assert!(k.capex_ai_premium_usd > 0.0 && k.capex_generation_usd > 0.0 && k.capex_it_hardware_usd > 0.0);
}

#[test]
fn a_ten_thousand_part_project_survives_a_save_and_load() {
    let project = large_project(10_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.ron");
    save_project(&path, &project).expect("save");
    let loaded = load_project(&path).expect("load");
    assert_eq!(loaded, project);
}

/// Writes the 10,000-part project that `powerplot report --json` is timed on (to `POWERPLOT_BIG_RON`, or
/// /tmp/big.ron): `cargo test --release --test model_scale -- --ignored`.
#[test]
#[ignore = "writes a file outside the test's own directory; run on demand to time `powerplot report`"]
fn write_the_big_project_for_timing_the_report() {
    let path = std::env::var("POWERPLOT_BIG_RON").unwrap_or_else(|_| "/tmp/big.ron".to_string());
    save_project(std::path::Path::new(&path), &large_project(10_000)).expect("save");
}
