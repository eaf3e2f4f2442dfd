//! The financing view on the command line (MODEL.md "Financing and tax"): the JSON report's after-tax and
//! equity keys, the CSV's debt and tax columns, the table's rows, and the rule that with no debt and no tax
//! every after-tax and equity figure is its pre-tax twin.

use std::path::Path;

use super::support::headless_powerplot;
use powerplot::model::Project;
use powerplot::project_file::{load_project, save_project};

/// The financing keys `report --json` adds to each scenario's `kpis`.
const FINANCING_KEYS: [&str; 12] = [
    "after_tax_npv_usd",
    "after_tax_irr",
    "equity_npv_usd",
    "equity_irr",
    "equity_irr_ambiguous",
    "equity_multiple",
    "peak_equity_usd",
    "total_tax_usd",
    "tax_shield_usd",
    "min_dscr",
    "first_covenant_breach_year",
    "first_covenant_breach_month",
];

const FINANCING_COLUMNS: [&str; 8] = [
    "interest_usd",
    "principal_usd",
    "debt_service_usd",
    "depreciation_usd",
    "tax_unlevered_usd",
    "tax_levered_usd",
    "cash_flow_after_tax_usd",
    "cash_flow_equity_usd",
];

fn report_json(path: Option<&Path>) -> serde_json::Value {
    let mut command = headless_powerplot();
    command.arg("report");
    if let Some(p) = path {
        command.arg(p);
    }
    let out = command.arg("--json").output().expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

fn scenario<'a>(v: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    v["scenarios"].as_array().expect("scenarios").iter().find(|s| s["name"] == name).expect("scenario in report")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

#[test]
fn demo_report_json_has_the_equity_view_with_debt_on_the_ai_scenarios() {
    let v = report_json(None);
    for s in v["scenarios"].as_array().expect("scenarios") {
        for key in FINANCING_KEYS {
            assert!(s["kpis"].get(key).is_some(), "{} lacks {key}", s["name"]);
        }
    }
    // Stay mining is all equity: no debt service, so no DSCR and no breach; the tax it pays makes its
    // after-tax NPV lower than its pre-tax NPV.
    let stay = &scenario(&v, "Stay mining")["kpis"];
    assert!(stay["min_dscr"].is_null() && stay["first_covenant_breach_year"].is_null());
    assert!(stay["first_covenant_breach_month"].is_null());
    assert_eq!(stay["tax_shield_usd"].as_f64(), Some(0.0), "no interest, no interest tax shield");
    assert!(stay["after_tax_npv_usd"].as_f64().unwrap() < stay["npv_usd"].as_f64().unwrap());
    // The AI scenarios borrow 80 %: a DSCR exists, interest shields tax, and the equity IRR is above the
    // unlevered after-tax IRR (borrowing at 7.75 % a project that earns more).
    for name in ["Hybrid", "Full AI"] {
        let k = &scenario(&v, name)["kpis"];
        let dscr = k["min_dscr"].as_f64().unwrap_or_else(|| panic!("{name} has a DSCR"));
        assert!(dscr > 0.0, "{name}: {dscr}");
        assert!(k["tax_shield_usd"].as_f64().unwrap() > 0.0, "{name}");
        assert!(k["peak_equity_usd"].as_f64().unwrap() < k["capex_total_usd"].as_f64().unwrap(), "{name}");
        let (equity, unlevered) = (k["equity_irr"].as_f64().unwrap(), k["after_tax_irr"].as_f64().unwrap());
        assert!(equity > unlevered, "{name}: equity IRR {equity} vs after-tax {unlevered}");
        // The breach month is "YYYY-MM" of the breach year, or both are null.
        match (k["first_covenant_breach_year"].as_i64(), k["first_covenant_breach_month"].as_str()) {
            (None, None) => {}
            (Some(year), Some(month)) => {
                assert_eq!(month.len(), 7, "{month}");
                assert_eq!(&month[..5], format!("{year}-"), "{name}");
                assert!(dscr < 1.35, "{name}: a breach means the minimum is below the covenant");
            }
            other => panic!("{name}: breach year and month disagree: {other:?}"),
        }
    }
}

/// The demo's story (saves/demo.ron) tells these: Hybrid's debt is covered every year, Full AI's notes
/// breach the 1.35x covenant in the project year from January 2030 and its minimum cover is below 1x.
#[test]
fn demo_story_financing_findings_hold() {
    let v = report_json(None);
    let hybrid = &scenario(&v, "Hybrid")["kpis"];
    assert!(hybrid["min_dscr"].as_f64().unwrap() > 1.35 && hybrid["first_covenant_breach_year"].is_null());
    let full = &scenario(&v, "Full AI")["kpis"];
    assert_eq!(full["first_covenant_breach_year"].as_i64(), Some(2030));
    assert_eq!(full["first_covenant_breach_month"].as_str(), Some("2030-01"));
    assert!(full["min_dscr"].as_f64().unwrap() < 1.0);
    assert_eq!(full["equity_irr_ambiguous"], true, "the owners put cash in again to repay the notes");
}

#[test]
fn report_table_has_the_financing_rows_and_names_the_breach_by_its_months() {
    let out = headless_powerplot().arg("report").output().expect("run");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for row in ["After-tax NPV (unlevered)", "Equity NPV", "Equity IRR", "Min DSCR", "Interest tax shield"] {
        assert!(text.contains(row), "table lacks {row}:\n{text}");
    }
    let breach = text.lines().find(|l| l.starts_with("First covenant breach")).expect("breach row");
    // Stay mining's column says none; a breach reads as a project year by its months ("Jan 2030 - Dec 2030").
    assert!(breach.contains("none"), "{breach}");
    let v = report_json(None);
    if let Some(year) = scenario(&v, "Full AI")["kpis"]["first_covenant_breach_year"].as_i64() {
        assert!(breach.contains(&format!("{year} - ")), "{breach}");
        assert!(text.contains("Debt service cover of"), "the covenant warning is listed:\n{text}");
    }
}

#[test]
fn csv_has_debt_and_tax_columns_that_add_up_to_the_equity_cash_flow() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = super::support::saved_demo(dir.path());
    let csv = dir.path().join("full_ai.csv");
    let out = headless_powerplot()
        .arg("export")
        .arg(&project)
        .arg("--csv")
        .arg(&csv)
        .args(["--scenario", "Full AI"])
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&csv).expect("csv written");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap_or_else(|| panic!("no column {name}"));
    for name in FINANCING_COLUMNS {
        col(name);
    }
    let share = load_project(&project).unwrap().scenarios[2].assumptions.debt_share;
    assert!(share > 0.0, "the demo's Full AI borrows");
    let (mut interest, mut tax_saved) = (0.0, 0.0);
    for line in lines {
        let row: Vec<f64> = line.split(',').skip(2).map(|v| v.parse().expect("number")).collect();
        let get = |name: &str| row[col(name) - 2];
        // Each column is rounded to cents, so the sums agree to a few cents.
        let equity = get("revenue_usd")
            - get("opex_usd")
            - (1.0 - share) * get("capex_usd")
            - get("debt_service_usd")
            - get("tax_levered_usd");
        assert!((equity - get("cash_flow_equity_usd")).abs() < 0.05, "{line}");
        let after_tax = get("cash_flow_usd") - get("tax_unlevered_usd");
        assert!((after_tax - get("cash_flow_after_tax_usd")).abs() < 0.05, "{line}");
        assert!((get("interest_usd") + get("principal_usd") - get("debt_service_usd")).abs() < 0.05, "{line}");
        interest += get("interest_usd");
        tax_saved += get("tax_unlevered_usd") - get("tax_levered_usd");
    }
    assert!(interest > 0.0 && tax_saved > 0.0, "debt costs interest and shields tax");
}

/// MODEL.md: with `debt_share` 0 and `tax_rate` 0 every after-tax and equity figure equals its pre-tax
/// unlevered twin. Every example in saves/, written with those two set, read back through `report --json`.
#[test]
fn with_no_debt_and_no_tax_every_example_equity_figure_is_its_pre_tax_twin() {
    let dir = tempfile::tempdir().expect("tempdir");
    let saves = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves");
    let mut examples = 0;
    for entry in std::fs::read_dir(&saves).expect("saves/") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "ron") {
            continue;
        }
        let mut project: Project = load_project(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for s in &mut project.scenarios {
            s.assumptions.debt_share = 0.0;
            s.assumptions.tax_rate = 0.0;
            // The exit is added to every view alike; its twin is the NPV with it, so compare without one.
            s.assumptions.exit_multiple = 0.0;
        }
        let out_path = dir.path().join(path.file_name().expect("name"));
        save_project(&out_path, &project).expect("saved");
        let v = report_json(Some(&out_path));
        for s in v["scenarios"].as_array().expect("scenarios") {
            let (k, name) = (&s["kpis"], format!("{}: {}", path.display(), s["name"]));
            let npv = k["npv_usd"].as_f64().expect("npv");
            for key in ["after_tax_npv_usd", "equity_npv_usd"] {
                let v = k[key].as_f64().unwrap_or_else(|| panic!("{name}: {key}"));
                assert!(close(v, npv), "{name}: {key} {v} vs NPV {npv}");
            }
            for key in ["after_tax_irr", "equity_irr"] {
                match (k[key].as_f64(), k["irr"].as_f64()) {
                    (None, None) => {}
                    (Some(a), Some(b)) => assert!(close(a, b), "{name}: {key} {a} vs IRR {b}"),
                    other => panic!("{name}: {key} and IRR disagree: {other:?}"),
                }
            }
            assert_eq!(k["equity_irr_ambiguous"], k["irr_ambiguous"], "{name}");
            assert_eq!(k["total_tax_usd"].as_f64(), Some(0.0), "{name}");
            assert_eq!(k["tax_shield_usd"].as_f64(), Some(0.0), "{name}");
            assert!(k["min_dscr"].is_null(), "{name}: no debt, no DSCR");
            assert!(k["first_covenant_breach_year"].is_null() && k["first_covenant_breach_month"].is_null());
        }
        examples += 1;
    }
    assert!(examples >= 6, "every example checked ({examples})");
}

/// The Markdown report's financing section: figures, assumptions with sources, debt and tax by year.
#[test]
fn markdown_report_has_a_financing_section_per_scenario() {
    use powerplot::outputs::markdown::{ReportImages, markdown};
    let project = powerplot::model::demo::demo_project();
    let evaluations: Vec<_> = project.scenarios.iter().map(powerplot::model::evaluate).collect();
    let text = markdown(&project, &evaluations, &ReportImages::default());
    assert_eq!(text.matches("### Financing and tax").count(), project.scenarios.len());
    let full_ai = &text[text.find("## Scenario 3: Full AI").expect("Full AI section")..];
    let section = &full_ai[full_ai.find("### Financing and tax").unwrap()..full_ai.find("### Components").unwrap()];
    for needle in [
        "80.0 % of capex borrowed ($728.0M in all)",
        "| Debt rate | 7.75 % per year | 8 % a year: TeraWulf 7.75 %",
        "| Project year | Debt drawn | Interest | Principal | Balance at end | Taxable income | Loss used | Tax | DSCR |",
        "| Jan 2027 - Dec 2027 | $728.0M | $50.0M | $0 | $728.0M |",
        "| building, interest only |",
        "**0.87x** (below 1.35x)",
        "| First covenant breach | Jan 2030 - Dec 2030 |",
    ] {
        assert!(section.contains(needle), "lacks {needle}:\n{section}");
    }
    assert!(full_ai.contains("Debt service cover of 1.08x in Jan 2030 - Dec 2030"), "the warning is listed");
    let stay = &text[text.find("## Scenario 1: Stay mining").unwrap()..text.find("## Scenario 2").unwrap()];
    assert!(stay.contains("all equity: no debt") && stay.contains("| Min DSCR | no debt service |"));
    // Comparing fairly: payback is not ranked across business models, and the report says why.
    assert!(text.contains("Here the scenarios follow different business models, so Capex per MW of IT and Payback"));
}
