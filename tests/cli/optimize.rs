//! `powerplot optimize` as a user runs it: the table, the JSON, `--save` writing a normal project file that
//! `report` reads, and clear refusals of bad arguments.

use std::path::{Path, PathBuf};

use powerplot::model::{Component, ComponentKind, KindTag, Project, Rect, Scenario, Substation};

use crate::support::headless_powerplot;

/// One existing 10.5 MW hall on an existing 40 MVA substation, saved to `dir`.
fn small_site(dir: &Path) -> PathBuf {
    let mut s = Scenario::new("Small site");
    s.boundary = Rect::new(0.0, 0.0, 500.0, 300.0);
    let mut sub = Component::new(1, KindTag::Substation, "S1", 10.0, 10.0);
    sub.existing = true;
    sub.kind = ComponentKind::Substation(Substation { capacity_mva: 40.0, ..Substation::default() });
    s.components.push(sub);
    let mut hall = Component::new(2, KindTag::AsicHall, "Hall A", 80.0, 10.0);
    hall.existing = true;
    if let ComponentKind::AsicHall(h) = &mut hall.kind {
        h.miner_count = 3_000;
    }
    s.components.push(hall);
    let path = dir.join("small.ron");
    let project = Project { name: "Small".into(), scenarios: vec![s] };
    powerplot::project_file::save_project(&path, &project).expect("saved");
    path
}

#[test]
fn json_lists_the_best_distinct_designs_and_the_current_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = small_site(dir.path());
    let out = headless_powerplot().arg("optimize").arg(&file).args(["--json", "--top", "3"]).output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["objective"], "npv");
    assert_eq!(v["search"], "exact", "a one-hall site is enumerated");
    let best = v["best"].as_array().expect("best");
    assert!(!best.is_empty() && best.len() <= 3);
    let npv = |d: &serde_json::Value| d["npv_usd"].as_f64().expect("npv");
    assert!(npv(&best[0]) >= npv(&v["current"]), "the best is at least as good as the current design");
    for pair in best.windows(2) {
        assert!(npv(&pair[0]) >= npv(&pair[1]), "ranked best first");
    }
    assert!(best[0]["changes"].as_array().is_some_and(|c| !c.is_empty()), "each design says what it changes");
}

#[test]
fn save_writes_a_project_with_the_best_design_that_report_reads() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = small_site(dir.path());
    let saved = dir.path().join("best.ron");
    let out = headless_powerplot()
        .arg("optimize")
        .arg(&file)
        .args(["--objective", "time_to_power", "--save"])
        .arg(&saved)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("Best mix for \"Small site\""), "{table}");
    let project = powerplot::project_file::load_project(&saved).expect("a normal project file");
    assert_eq!(project.scenarios.len(), 2);
    assert_eq!(project.scenarios[1].name, "Small site: best mix 1 (Earliest AI revenue with NPV > 0)");
    let report = headless_powerplot().arg("report").arg(&saved).output().expect("runs");
    assert!(report.status.success());
    assert!(String::from_utf8_lossy(&report.stdout).contains("best mix 1"));
}

#[test]
fn bad_arguments_are_refused_with_the_choices() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = small_site(dir.path());
    let out = headless_powerplot().arg("optimize").arg(&file).args(["--objective", "irr"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("\"irr\" is not an objective") && err.contains("equity_irr"), "{err}");
    let out = headless_powerplot().arg("optimize").arg(&file).args(["--scenario", "Nope"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no scenario named \"Nope\"; the project has: Small site"));
    let out = headless_powerplot().arg("optimize").arg(&file).args(["--budget", "lots"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("\"lots\" is not an amount in USD"));
}

fn run(args: &[&str], file: &Path) -> std::process::Output {
    headless_powerplot().arg("optimize").arg(file).args(args).output().expect("runs")
}

#[test]
fn the_window_choices_are_on_the_command_line_and_each_kpi_prints_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = small_site(dir.path());
    let args = [
        "--system",
        "HGX H100 8-GPU",
        "--pod-systems",
        "400",
        "--substation-mva",
        "50",
        "--budget",
        "2e9",
        "--search",
        "heuristic",
    ];
    let out = run(&[&args[..], &["--json"]].concat(), &file);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["capital_budget_usd"], 2e9, "--budget sets the scenario's budget");
    for d in v["best"].as_array().expect("best") {
        let sub = &d["design"]["substation_mva"];
        assert!(sub.is_null() || sub == 50, "only the sizes asked for: {sub}");
        for change in d["changes"].as_array().expect("changes") {
            let change = change.as_str().expect("text");
            if change.contains("new") && change.contains("pod") {
                assert!(change.contains("of 400 x HGX H100 8-GPU"), "{change}");
            }
        }
    }
    let out = run(&args, &file);
    assert!(out.status.success());
    let table = String::from_utf8_lossy(&out.stdout);
    for line in table.lines().filter(|l| l.starts_with("1. ") || l.starts_with("Current design")) {
        assert_eq!(line.matches("NPV").count(), 1, "the NPV once: {line}");
        assert_eq!(line.matches("capex").count(), 1, "the capex once: {line}");
    }
    let out = run(&["--objective", "equity_irr"], &file);
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("equity MIRR (best-mix ranking) = "), "named apart from the equity IRR: {table}");
    let out = run(&["--system", "H200"], &file);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("\"H200\" is not a GPU system; choose one of"));
    let out = run(&["--substation-mva", "50,big"], &file);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("\"big\" is not a size in whole MVA"));
}

fn check(file: &Path) -> std::process::Output {
    headless_powerplot().arg("check").arg(file).output().expect("runs")
}

#[test]
fn save_writes_a_file_that_check_accepts_with_a_long_name_and_an_underlay_from_another_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = small_site(dir.path());
    let mut project = powerplot::project_file::load_project(&file).expect("loads");
    // A 200-character name (the limit) and an underlay beside the project file.
    project.scenarios[0].name = "S".repeat(200);
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/saves/underlay_site_plan.png"), dir.path().join("plan.png"))
        .expect("image copied");
    project.scenarios[0].underlay =
        Some(powerplot::model::Underlay::fitted_to("plan.png", [100, 100], &project.scenarios[0].boundary));
    powerplot::project_file::save_project(&file, &project).expect("saved");
    std::fs::create_dir(dir.path().join("elsewhere")).expect("folder");
    let saved = dir.path().join("elsewhere").join("best.ron");
    let out = run(&["--save", saved.to_str().expect("utf-8")], &file);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let c = check(&saved);
    assert!(c.status.success(), "check: {}", String::from_utf8_lossy(&c.stdout));
    let p = powerplot::project_file::load_project(&saved).expect("loads");
    let added = &p.scenarios[1];
    assert!(added.name.chars().count() <= 200, "shortened to the limit: {}", added.name);
    assert!(added.name.ends_with(": best mix 1 (NPV)"), "{}", added.name);
    assert_eq!(added.underlay.as_ref().expect("underlay").path, "../plan.png");
    assert_eq!(p.scenarios[0].underlay.as_ref().expect("underlay").path, "../plan.png");
}

#[test]
fn save_refuses_a_65th_scenario_with_a_clear_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = small_site(dir.path());
    let mut project = powerplot::project_file::load_project(&file).expect("loads");
    let first = project.scenarios[0].clone();
    project.scenarios = (0..64).map(|i| Scenario { name: format!("{} {i}", first.name), ..first.clone() }).collect();
    powerplot::project_file::save_project(&file, &project).expect("saved");
    let saved = dir.path().join("best.ron");
    let out = run(&["--save", saved.to_str().expect("utf-8")], &file);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("already has 64 scenarios, the most a project file holds (64)"), "{err}");
    assert!(!saved.exists(), "nothing written");
}
