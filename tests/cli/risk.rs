//! `powerplot risk`: the JSON of issue 12 with every key, reproducible from (seed, draws), and clear refusals.

use serde_json::Value;

use crate::support::{headless_powerplot, saved_demo};

fn risk_json(args: &[&str]) -> Value {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = saved_demo(dir.path());
    let out = headless_powerplot().arg("risk").arg(&file).args(args).arg("--json").output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v.as_object().expect("an object").keys().map(String::as_str).collect();
    k.sort_unstable();
    k
}

#[test]
fn json_has_every_key_of_the_issue() {
    let doc = risk_json(&["--scenario", "Full AI", "--draws", "100", "--seed", "7"]);
    assert_eq!(keys(&doc), ["project", "scenarios"]);
    assert_eq!(doc["project"], "Permian Basin site");
    let scenarios = doc["scenarios"].as_array().expect("a list");
    assert_eq!(scenarios.len(), 1, "only the chosen scenario");
    let s = &scenarios[0];
    assert_eq!(
        keys(s),
        [
            "annual_ebitda_usd",
            "approval_share",
            "base_case_optimistic",
            "base_npv_usd",
            "below_base_share",
            "draws",
            "equity_irr",
            "full_power_month",
            "name",
            "npv_usd",
            "payback_months",
            "prob_npv_negative",
            "seed",
            "skewing_input"
        ]
    );
    assert_eq!((s["name"].as_str(), s["draws"].as_u64(), s["seed"].as_u64()), (Some("Full AI"), Some(100), Some(7)));
    let with = |extra: &'static str| {
        let mut k = vec!["draws_with_figure", "mean", "p10", "p50", "p90", "std_error", "withheld", extra];
        k.retain(|k| !k.is_empty());
        k.sort_unstable();
        k
    };
    assert_eq!(keys(&s["npv_usd"]), with(""));
    assert_eq!(keys(&s["full_power_month"]), with(""));
    assert_eq!(keys(&s["equity_irr"]), with("none_share"));
    assert_eq!(keys(&s["annual_ebitda_usd"]), with("none_share"));
    assert_eq!(keys(&s["payback_months"]), with("never_share"));
    let npv = &s["npv_usd"];
    let (p10, p50, p90) = (npv["p10"].as_f64().unwrap(), npv["p50"].as_f64().unwrap(), npv["p90"].as_f64().unwrap());
    assert!(p10 <= p50 && p50 <= p90, "{npv}");
    let p = s["prob_npv_negative"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&p));
}

#[test]
fn the_same_seed_gives_the_same_json_and_every_scenario_by_default() {
    let a = risk_json(&["--draws", "100"]);
    assert_eq!(a, risk_json(&["--draws", "100"]));
    let names: Vec<&str> = a["scenarios"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Stay mining", "Hybrid", "Full AI", "Phased hybrid"]);
    // A percentile that does not exist is null: the all-mining scenario never pays back within the horizon.
    let stay = &a["scenarios"][0]["payback_months"];
    if stay["never_share"].as_f64() == Some(1.0) {
        assert!(stay["p10"].is_null() && stay["mean"].is_null(), "{stay}");
    }
}

#[test]
fn bad_requests_are_refused_with_a_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = saved_demo(dir.path());
    let run = |args: &[&str]| headless_powerplot().arg("risk").arg(&file).args(args).output().expect("runs");
    let out = run(&["--draws", "10"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--draws is 10, must be 100 to 100000"));
    let out = run(&["--scenario", "Nope"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no scenario named \"Nope\"; the project has: Stay mining (1), Hybrid (2), Full AI (3)"),
        "{err}"
    );
    // A seed a project file cannot store is refused, not silently run.
    let out = run(&["--seed", "1000000001"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--seed is 1000000001, must be 0 to 1000000000"));
    let out = headless_powerplot().args(["risk", "missing.ron"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_table_names_each_end_and_the_run() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = saved_demo(dir.path());
    let out = headless_powerplot().arg("risk").arg(&file).args(["--scenario", "Hybrid", "--draws", "100"]).output();
    let out = out.expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("Hybrid: 100 draws, seed 1; mean NPV"), "{text}");
    assert!(text.contains("P10") && text.contains("Equity IRR") && text.contains("P(NPV < 0)"), "{text}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("ran 100 draws of \"Hybrid\""));
}

#[test]
fn a_scenario_is_picked_by_number_and_a_shared_name_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = saved_demo(dir.path());
    let by_number = risk_json_of(&file, &["--scenario", "2", "--draws", "100"]);
    assert_eq!(by_number["scenarios"][0]["name"], "Hybrid");

    // Two scenarios share a name (one with a control character in another's): a name picks none of them.
    let mut project = powerplot::project_file::load_project(&file).expect("loads");
    project.scenarios[2].name = "Hybrid".into();
    project.scenarios[3].name = "Phased\u{1b}[31m".into();
    powerplot::project_file::save_project(&file, &project).expect("saves");
    let out = headless_powerplot().arg("risk").arg(&file).args(["--scenario", "Hybrid"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("2 scenarios are named \"Hybrid\" (numbers 2, 3)"), "{err}");
    let out = headless_powerplot().arg("risk").arg(&file).args(["--scenario", "4", "--draws", "100"]).output();
    let err = String::from_utf8_lossy(&out.expect("runs").stderr).into_owned();
    assert!(err.contains("ran 100 draws of \"Phased\\u{1b}[31m\""), "the name is escaped on stderr: {err}");
    assert!(!err.contains('\u{1b}'), "{err:?}");
}

#[test]
fn the_table_says_when_the_base_case_is_optimistic_and_withholds_thin_percentiles() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = saved_demo(dir.path());
    let out = headless_powerplot().arg("risk").arg(&file).args(["--draws", "200"]).output().expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    // Hybrid's base case ($570.5M) lies above nearly every draw; Stay mining's below its P50.
    let hybrid = text.split("\n\n").find(|t| t.starts_with("Hybrid:")).expect("the Hybrid table");
    assert!(hybrid.contains("Base case NPV $570.5M (no draw)"), "{hybrid}");
    assert!(hybrid.contains("the base case is optimistic. Mean of the draws $"), "{hybrid}");
    assert!(hybrid.contains("skews it most (P50 $"), "{hybrid}");
    let stay = text.split("\n\n").find(|t| t.starts_with("Stay mining:")).expect("the Stay mining table");
    assert!(!stay.contains("optimistic"), "{stay}");
    // Full AI's equity IRR exists in almost no draw: no percentile, and the reason.
    let full = text.split("\n\n").find(|t| t.starts_with("Full AI:")).expect("the Full AI table");
    assert!(full.contains("Equity IRR: n/a (only "), "{full}");
    assert!(full.contains(" of 200 draws ha"), "{full}");
}

fn risk_json_of(file: &std::path::Path, args: &[&str]) -> Value {
    let out = headless_powerplot().arg("risk").arg(file).args(args).arg("--json").output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}
