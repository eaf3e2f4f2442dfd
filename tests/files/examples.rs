//! The example projects in saves/: each loads, validates, survives a save and reload unchanged, evaluates to
//! the story it tells, and saves/demo.ron stays the built-in demo project.

use std::path::{Path, PathBuf};

use powerplot::model::demo::{DEMO_STORY, demo_project};
use powerplot::model::{Evaluation, Project, WarningKind, evaluate};
use powerplot::project_file::{load_project, save_project, to_ron_string};

fn saves() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("saves")
}

fn load_example(name: &str) -> Project {
    let path = saves().join(name);
    load_project(&path).unwrap_or_else(|e| panic!("{e}"))
}

fn scenario_eval(project: &Project, scenario: &str) -> Evaluation {
    let s = project.scenarios.iter().find(|s| s.name == scenario).unwrap_or_else(|| panic!("no scenario {scenario:?}"));
    evaluate(s)
}

fn example_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(saves())
        .expect("saves/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
}

#[test]
fn there_are_a_demo_and_four_stories() {
    let names: Vec<String> =
        example_files().iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert!(names.len() >= 5, "{names:?}");
    assert!(names.contains(&"demo.ron".to_string()));
}

#[test]
fn every_example_loads_round_trips_and_evaluates() {
    let dir = tempfile::tempdir().unwrap();
    for path in example_files() {
        let project = load_project(&path).unwrap_or_else(|e| panic!("{e}"));
        let copy = dir.path().join(path.file_name().unwrap());
        save_project(&copy, &project).unwrap();
        let again = load_project(&copy).unwrap();
        assert_eq!(again, project, "{} changed in a save and reload", path.display());
        assert_eq!(to_ron_string(&again), to_ron_string(&project));
        for scenario in &project.scenarios {
            let k = evaluate(scenario).kpis;
            assert!(k.it_load_mw > 0.0, "{}: {} has no load", path.display(), scenario.name);
            assert!(k.capex_total_usd.is_finite() && k.npv_usd.is_finite());
            assert!(k.grid_headroom_mw >= 0.0, "{}: {} lacks power", path.display(), scenario.name);
        }
    }
}

#[test]
fn demo_file_is_the_built_in_demo() {
    assert_eq!(
        load_example("demo.ron"),
        demo_project(),
        "run: cargo test --test files regenerate_demo_file -- --ignored"
    );
}

/// Rewrites saves/demo.ron from `demo_project()` when the demo changes.
#[test]
#[ignore = "writes saves/demo.ron"]
fn regenerate_demo_file() {
    std::fs::write(saves().join("demo.ron"), demo_file_text()).unwrap();
}

/// saves/demo.ron as it should read: the file's first line, the demo's story, then the project.
fn demo_file_text() -> String {
    let text = to_ron_string(&demo_project());
    let (first_line, rest) = text.split_once('\n').unwrap();
    format!("{first_line}\n{DEMO_STORY}{rest}")
}

#[test]
fn demo_file_tells_its_story_like_the_other_saves() {
    let text = std::fs::read_to_string(saves().join("demo.ron")).unwrap();
    let header: String =
        demo_file_text().lines().take_while(|l| l.starts_with("//")).map(|l| format!("{l}\n")).collect();
    assert!(header.contains("// Story: the built-in demo."));
    assert!(text.starts_with(&header), "run: cargo test --test files regenerate_demo_file -- --ignored");
}

#[test]
fn texas_site_is_a_miner_with_spare_interconnect() {
    let p = load_example("texas_air_cooled_mining.ron");
    let today = scenario_eval(&p, "As built: mining only").kpis;
    assert_eq!(today.it_load_ai_mw, 0.0);
    assert_eq!(today.gpus, 0.0);
    assert!((today.it_load_mining_mw - 294.0).abs() < 1e-6, "{}", today.it_load_mining_mw);
    assert!(today.grid_headroom_mw > 60.0, "{}", today.grid_headroom_mw);
    assert_eq!(today.full_power_month, 0);
    assert_eq!(today.first_revenue_month, Some(0));
    let filled = scenario_eval(&p, "Fill the spare interconnect with S21 XPs").kpis;
    assert!(filled.grid_headroom_mw > 0.0 && filled.grid_headroom_mw < 10.0, "{}", filled.grid_headroom_mw);
    assert!(filled.hashrate_ph_s > today.hashrate_ph_s);
}

#[test]
fn hybrid_keeps_mining_and_adds_a_colocation_tenant() {
    let p = load_example("hybrid_colocation_retrofit.ron");
    let mining = scenario_eval(&p, "Mining today").kpis;
    let hybrid = scenario_eval(&p, "Hybrid: halls D-F to AI colocation");
    let k = &hybrid.kpis;
    assert_eq!(mining.it_load_ai_mw, 0.0);
    assert!(k.it_load_mining_mw > 100.0 && k.it_load_ai_mw > 100.0, "{k:?}");
    assert!(k.capex_ai_premium_usd > 0.0);
    assert_eq!(k.full_power_month, 12);
    assert!(k.cooling_headroom_mw >= 0.0);
    assert!(k.npv_usd > mining.npv_usd, "hybrid {} vs mining {}", k.npv_usd, mining.npv_usd);
    // The layout works as drawn: the only notes are about mining switching off after the halving and its
    // fleets not being bought again (and an IRR that can mislead).
    use powerplot::model::WarningKind::{AmbiguousIrr, FleetStopped, MiningSwitchedOff};
    let layout_warnings: Vec<_> =
        hybrid.warnings.iter().filter(|w| !matches!(w.kind, AmbiguousIrr | MiningSwitchedOff | FleetStopped)).collect();
    assert!(layout_warnings.is_empty(), "{layout_warnings:?}");
}

#[test]
fn greenfield_waits_for_permits_and_a_substation() {
    let p = load_example("greenfield_ai_campus.ron");
    let pending = scenario_eval(&p, "Greenfield, permits still to come").kpis;
    let permitted = scenario_eval(&p, "Same campus with permits in hand").kpis;
    assert!(pending.full_power_month >= 36);
    // No approval on bare land: the 48-month queue (with the 36 months of permits beside it), then 36 to build.
    assert_eq!(pending.full_power_month, 84, "48 months of queue, then 36 for the substation");
    assert_eq!(permitted.full_power_month, 36);
    assert!(pending.first_revenue_month > permitted.first_revenue_month);
    assert!(pending.npv_usd < permitted.npv_usd);
}

#[test]
fn water_allowance_leaves_only_dry_coolers() {
    let p = load_example("water_limited_dry_coolers.ron");
    let over = |name: &str| scenario_eval(&p, name).warnings.iter().any(|w| w.kind == WarningKind::WaterLimit);
    assert!(over("Evaporative towers"));
    assert!(over("Adiabatic dry coolers"));
    assert!(!over("Dry coolers"));
    let dry = scenario_eval(&p, "Dry coolers").kpis;
    let limit = p.scenarios[2].assumptions.water_limit_m3_per_day.unwrap();
    assert!(dry.water_m3_per_day < limit, "{} m3/day", dry.water_m3_per_day);
}

#[test]
fn texas_flexibility_pays_and_the_hybrid_earns_most_per_dollar() {
    let p = load_example("texas_flexible_hybrid.ron");
    let flat = scenario_eval(&p, "Mining, run flat out").kpis;
    let flexible = scenario_eval(&p, "Mining, flexible").kpis;
    assert!(flat.transmission_charge_usd > 0.0 && flat.revenue_curtailment_usd == 0.0);
    assert!(flexible.transmission_charge_usd == 0.0 && flexible.revenue_curtailment_usd > 0.0);
    assert!(flexible.npv_usd > 1.5 * flat.npv_usd, "{} vs {}", flexible.npv_usd, flat.npv_usd);
    let hybrid = scenario_eval(&p, "Hybrid: halls C-D to AI colocation");
    let full = scenario_eval(&p, "Full AI colocation");
    let per_dollar = |k: &powerplot::model::Kpis| k.npv_usd / k.capex_total_usd;
    assert!(per_dollar(&hybrid.kpis) > per_dollar(&full.kpis));
    assert!(hybrid.kpis.firm_grid_headroom_mw > 0.0);
    assert!(full.warnings.iter().any(|w| w.kind == powerplot::model::WarningKind::FirmPower));
}
