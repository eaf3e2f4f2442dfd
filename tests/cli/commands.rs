//! The command line as a user runs it: report (table and JSON), check and export.

use std::path::PathBuf;
use std::process::Command;

fn powerplot() -> Command {
    Command::new(env!("CARGO_BIN_EXE_powerplot"))
}

fn write_temp(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("temp file");
    path
}

const KPI_KEYS: [&str; 29] = [
    "capex_total_usd",
    "capex_facility_base_usd",
    "capex_ai_premium_usd",
    "capex_it_hardware_usd",
    "capex_substation_usd",
    "capex_cooling_usd",
    "capex_generation_usd",
    "it_load_mw",
    "it_load_mining_mw",
    "it_load_ai_mw",
    "facility_power_mw",
    "pue",
    "grid_capacity_mw",
    "grid_headroom_mw",
    "cooling_capacity_mw",
    "cooling_headroom_mw",
    "water_m3_per_day",
    "water_gal_per_day",
    "households_power",
    "households_water",
    "annual_revenue_usd",
    "annual_opex_usd",
    "annual_ebitda_usd",
    "npv_usd",
    "irr",
    "payback_months",
    "discounted_payback_months",
    "first_revenue_month",
    "full_power_month",
];

#[test]
fn report_json_of_the_demo_has_every_scenario_and_kpi() {
    let out = powerplot().args(["report", "--json"]).output().expect("run");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let demo = powerplot::model::demo::demo_project();
    assert_eq!(v["project"], demo.name.as_str());
    let scenarios = v["scenarios"].as_array().expect("scenarios array");
    assert_eq!(scenarios.len(), demo.scenarios.len());
    for (json, scenario) in scenarios.iter().zip(&demo.scenarios) {
        assert_eq!(json["name"], scenario.name.as_str());
        for key in KPI_KEYS {
            assert!(json["kpis"].get(key).is_some(), "{} lacks {key}", scenario.name);
        }
        let e = powerplot::model::evaluate(scenario);
        let npv = json["kpis"]["npv_usd"].as_f64().expect("npv is a number");
        assert!((npv - e.kpis.npv_usd).abs() <= 1e-6 * e.kpis.npv_usd.abs().max(1.0));
        assert!(json["warnings"].is_array());
    }
}

#[test]
fn missing_figures_are_null_not_made_up() {
    let dir = tempfile::tempdir().expect("tempdir");
    // An empty site: no IT load, so PUE does not exist; nothing is ever earned, so no payback or IRR.
    let path = write_temp(&dir, "empty.ron", "(name: \"Empty\", scenarios: [(name: \"Nothing yet\")])");
    let out = powerplot().args(["report"]).arg(&path).arg("--json").output().expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let k = &v["scenarios"][0]["kpis"];
    assert!(k["pue"].is_null());
    assert!(k["irr"].is_null());
    assert!(k["first_revenue_month"].is_null());
    assert_eq!(k["capex_total_usd"].as_f64(), Some(0.0));
}

#[test]
fn report_table_lists_scenarios_side_by_side() {
    let out = powerplot().arg("report").output().expect("run");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for s in powerplot::model::demo::demo_project().scenarios {
        assert!(text.contains(&s.name), "table lacks {}", s.name);
    }
    assert!(text.contains("AI build premium") && text.contains("NPV"));
}

#[test]
fn check_passes_good_files_and_names_each_problem() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = dir.path().join("good.ron");
    powerplot::project_file::save_project(&good, &powerplot::model::demo::demo_project()).expect("save");
    let ok = powerplot().arg("check").arg(&good).output().expect("run");
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stdout));

    let broken = write_temp(&dir, "broken.ron", "(name: \"Oops\", scenarios: [");
    let bad = powerplot().arg("check").arg(&good).arg(&broken).output().expect("run");
    assert_eq!(bad.status.code(), Some(2));
    let text = String::from_utf8_lossy(&bad.stdout);
    assert!(text.contains("broken.ron"), "{text}");
}

#[test]
fn export_csv_writes_one_row_per_month() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = dir.path().join("demo.ron");
    powerplot::project_file::save_project(&project, &powerplot::model::demo::demo_project()).expect("save");
    let csv = dir.path().join("hybrid.csv");
    let out = powerplot()
        .arg("export")
        .arg(&project)
        .arg("--csv")
        .arg(&csv)
        .args(["--scenario", "Hybrid"])
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&csv).expect("csv written");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], powerplot::outputs::report::CSV_HEADER);
    assert_eq!(lines.len(), 1 + 120, "header plus 10 years of months");
    assert!(lines[1].starts_with("0,2027-01,"));
    assert!(lines[120].starts_with("119,2036-12,"));

    let unknown = powerplot()
        .arg("export")
        .arg(&project)
        .arg("--csv")
        .arg(&csv)
        .args(["--scenario", "Nope"])
        .output()
        .expect("run");
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("Hybrid"), "lists the scenarios that exist");
}
