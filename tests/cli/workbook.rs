//! The Excel workbook, written by `powerplot export --xlsx` and read back with calamine: every sheet, every
//! scenario's KPIs as `report --json` gives them, the live formulas, and the monthly cash flow as the CSV has it.

use std::collections::HashMap;
use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use serde_json::Value;

use crate::support::headless_powerplot;

/// The demo saved with 100 draws a scenario (the export runs the Monte Carlo), exported to a workbook.
fn exported(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let mut project = powerplot::model::demo::demo_project();
    for s in &mut project.scenarios {
        s.assumptions.risk.draws = 100;
    }
    let file = dir.join("demo.ron");
    powerplot::project_file::save_project(&file, &project).expect("saved");
    let out = dir.join("model.xlsx");
    let status = headless_powerplot().arg("export").arg(&file).arg("--xlsx").arg(&out).status().expect("runs");
    assert!(status.success());
    (file, out)
}

/// Summary rows by their `report --json` key: one value per scenario.
fn summary_rows(book: &mut Xlsx<std::io::BufReader<std::fs::File>>) -> HashMap<String, Vec<Data>> {
    let range = book.worksheet_range("Summary").expect("a Summary sheet");
    let mut rows = HashMap::new();
    for row in range.rows() {
        if let Some(Data::String(key)) = row.get(1) {
            rows.insert(key.clone(), row.iter().skip(2).cloned().collect());
        }
    }
    rows
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1e-300)
}

#[test]
fn the_workbook_holds_every_sheet_and_the_kpis_of_report_json() {
    let dir = tempfile::tempdir().unwrap();
    let (file, out) = exported(dir.path());
    let json = headless_powerplot().arg("report").arg(&file).arg("--json").output().expect("runs");
    let report: Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let scenarios = report["scenarios"].as_array().expect("scenarios");

    let mut book: Xlsx<_> = open_workbook(&out).expect("opens");
    let names = book.sheet_names();
    assert_eq!(&names[..3], ["Summary", "Assumptions", "Components"]);
    assert_eq!(names.len(), 3 + scenarios.len(), "one sheet per scenario: {names:?}");
    for (i, s) in scenarios.iter().enumerate() {
        assert!(names[3 + i].starts_with(&format!("{} ", i + 1)), "{names:?}");
        assert!(names[3 + i].contains(&s["name"].as_str().unwrap()[..4]), "{names:?}");
    }

    let rows = summary_rows(&mut book);
    let mut checked = 0;
    for (i, s) in scenarios.iter().enumerate() {
        for (key, expected) in s["kpis"].as_object().unwrap() {
            let row = rows.get(key).unwrap_or_else(|| panic!("no Summary row for {key}"));
            match (expected, &row[i]) {
                (Value::Number(n), Data::Float(v)) => {
                    let n = n.as_f64().unwrap();
                    assert!(close(n, *v), "{key} of scenario {i}: {v} in the workbook, {n} in report --json");
                    checked += 1;
                }
                (Value::Null, Data::String(t)) => assert_eq!(t, "n/a", "{key}"),
                (Value::Bool(b), Data::String(t)) => assert_eq!(t.starts_with("AMBIGUOUS") || t == "yes", *b, "{key}"),
                (Value::String(a), Data::String(b)) => assert_eq!(a, b, "{key}"),
                (e, got) => panic!("{key} of scenario {i}: {got:?} in the workbook, {e} in report --json"),
            }
        }
    }
    assert!(checked > 100, "{checked} numbers compared");
    // Risk percentiles from a run made for the export with the file's 100 draws.
    for (draws, p50) in rows["risk.draws"].iter().zip(&rows["risk.npv_usd.p50"]).take(scenarios.len()) {
        assert_eq!(*draws, Data::Float(100.0));
        assert!(matches!(p50, Data::Float(_)), "{p50:?}");
    }

    let assumptions = book.worksheet_range("Assumptions").unwrap();
    let power = assumptions.rows().find(|r| r.get(1) == Some(&Data::String("power_price_usd_per_mwh".into())));
    let power = power.expect("the power price is listed");
    assert_eq!(power[2], Data::String("$/MWh".into()));
    assert_eq!(power[4], Data::Float(45.0));
    assert!(power.last().unwrap().to_string().contains("miners pay"), "its source: {power:?}");
    let components = book.worksheet_range("Components").unwrap();
    let parts: usize = powerplot::model::demo::demo_project().scenarios.iter().map(|s| s.components.len()).sum();
    assert_eq!(components.rows().skip(3).filter(|r| r[0] != Data::Empty).count(), parts);
}

#[test]
fn npv_irr_and_payback_are_live_formulas_beside_powerplots_figures() {
    let dir = tempfile::tempdir().unwrap();
    let (_, out) = exported(dir.path());
    let mut book: Xlsx<_> = open_workbook(&out).expect("opens");
    let values = summary_rows(&mut book);
    let formulas = book.worksheet_formula("Summary").expect("formulas");
    let keys = book.worksheet_range("Summary").unwrap();
    let row_of = |key: &str| {
        keys.rows().position(|r| r.get(1) == Some(&Data::String(key.into()))).expect("row") as u32
            + keys.start().unwrap().0
    };
    for key in ["npv_usd", "irr", "payback_months", "discounted_payback_months", "after_tax_npv_usd", "equity_npv_usd"]
    {
        let live = format!("{key}:formula");
        let row = row_of(&live);
        let first = formulas.get_value((row, 2)).cloned().unwrap_or_default();
        let function = match key {
            "npv_usd" | "after_tax_npv_usd" | "equity_npv_usd" => "NPV(",
            "irr" => "IRR(",
            _ => "MAX(",
        };
        assert!(first.contains(function), "{live}: {first}");
        assert!(first.contains("'1 "), "{live} reads the first scenario's sheet: {first}");
        for (i, (v, cached)) in values[key].iter().zip(&values[&live]).enumerate() {
            if let (Data::Float(v), Data::Float(c)) = (v, cached) {
                assert!(close(*v, *c), "{live} of scenario {i}: cached {c}, computed {v}");
            }
        }
    }
    // The IRR is annualized as MODEL.md does, from Powerplot's own monthly root as the guess.
    let irr = formulas.get_value((row_of("irr:formula"), 2)).cloned().unwrap_or_default();
    assert!(irr.starts_with("(1+IRR(") && irr.ends_with("))^12-1"), "{irr}");
}

#[test]
fn each_scenario_sheet_holds_the_cash_flow_of_the_csv_export() {
    let dir = tempfile::tempdir().unwrap();
    let (file, out) = exported(dir.path());
    let mut book: Xlsx<_> = open_workbook(&out).expect("opens");
    let names = book.sheet_names();
    let project = powerplot::model::demo::demo_project();
    for i in 0..project.scenarios.len() {
        let csv_path = dir.path().join(format!("{i}.csv"));
        let status = headless_powerplot()
            .args(["export"])
            .arg(&file)
            .arg("--csv")
            .arg(&csv_path)
            .args(["--scenario", &(i + 1).to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let csv = std::fs::read_to_string(&csv_path).unwrap();
        let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
        let column = |name: &str| header.iter().position(|h| *h == name).unwrap();
        let sheet = book.worksheet_range(&names[3 + i]).unwrap();
        let heading = sheet.rows().find(|r| r.first() == Some(&Data::String("Month".into()))).expect("header row");
        let at = |title: &str| heading.iter().position(|h| h.to_string().starts_with(title)).expect(title);
        let (cf, equity) = (at("Cash flow, pre-tax"), at("Cash flow to equity"));
        let months: Vec<&[Data]> =
            sheet.rows().skip_while(|r| r.first() != Some(&Data::String("Month".into()))).skip(1).collect();
        let lines: Vec<&str> = csv.lines().skip(1).collect();
        assert_eq!(months.len(), lines.len(), "{}", names[3 + i]);
        for (row, line) in months.iter().zip(lines) {
            let fields: Vec<&str> = line.split(',').collect();
            for (col, name) in [(cf, "cash_flow_usd"), (equity, "cash_flow_equity_usd")] {
                let expected: f64 = fields[column(name)].parse().unwrap();
                let Data::Float(got) = row[col] else { panic!("{name}: {:?}", row[col]) };
                assert!((got - expected).abs() <= 0.005 + 1e-12 * expected.abs(), "{name}: {got} vs {expected}");
            }
        }
    }
}
