//! The PDF deck, written by `powerplot export --pdf` and read back with a PDF reader (lopdf): its pages, and
//! as real text each scenario's name, NPV as its slide shows it, its risk line and every caveat.

use lopdf::Document;

use powerplot::model::{Project, evaluate};
use powerplot::outputs::caveats::scenario_caveats;
use powerplot::outputs::format;

use crate::support::headless_powerplot;

/// The demo's scenarios (an ambiguous IRR, a covenant breach, fleets that stop) and the greenfield example's
/// (a grid request: "if approved"), 100 draws each.
fn project() -> Project {
    let mut project = powerplot::model::demo::demo_project();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let greenfield =
        powerplot::project_file::load_project(&root.join("saves/greenfield_ai_campus.ron")).expect("loads");
    project.scenarios.extend(greenfield.scenarios);
    for s in &mut project.scenarios {
        s.assumptions.risk.draws = 100;
    }
    project
}

/// Text with every run of whitespace removed: a caveat wraps over lines on the page.
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_deck_holds_every_scenario_page_with_its_npv_risk_line_and_caveats_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let project = project();
    let file = dir.path().join("pack.ron");
    powerplot::project_file::save_project(&file, &project).expect("saved");
    let out = dir.path().join("deck.pdf");
    let status = headless_powerplot().arg("export").arg(&file).arg("--pdf").arg(&out).status().expect("runs");
    assert!(status.success());

    let pdf = Document::load(&out).expect("a PDF");
    let pages = pdf.get_pages();
    let n = project.scenarios.len();
    // Cover, one page per scenario, the comparison, then the assumptions appendix (one page or more).
    assert!(pages.len() > n + 2, "{} pages for {n} scenarios", pages.len());
    let text = |page: u32| pdf.extract_text(&[page]).unwrap_or_else(|e| panic!("page {page}: {e}"));
    let cover = text(1);
    assert!(cover.contains(&project.name), "{cover}");

    let mut seen_if_approved = false;
    for (i, s) in project.scenarios.iter().enumerate() {
        let page = text(2 + i as u32);
        let flat = squeezed(&page);
        let e = evaluate(s);
        let f = powerplot::model::financing::evaluate(s, &e);
        assert!(flat.contains(&squeezed(&s.name)), "page {}: {page}", 2 + i);
        assert!(flat.contains(&squeezed(&format::money(e.kpis.npv_usd))), "{}: NPV on {page}", s.name);
        assert!(flat.contains(&squeezed("Risk: NPV P10")) && flat.contains("(100draws"), "{}: {page}", s.name);
        let caveats = scenario_caveats(s, &e, &f, None);
        for c in &caveats {
            assert!(flat.contains(&squeezed(&c.text)), "{}: caveat missing: {}\n{page}", s.name, c.text);
        }
        seen_if_approved |= caveats.iter().any(|c| c.text.contains("if approved"));
    }
    let all = squeezed(&(1..=pages.len() as u32).map(text).collect::<String>());
    assert!(seen_if_approved, "a scenario with a grid request says \"if approved\"");
    for caveat in ["more than one rate fits", "covenant", "if approved", "the base case is optimistic"] {
        assert!(all.contains(&squeezed(caveat)), "the deck says {caveat:?}");
    }
    let comparison = text(2 + n as u32);
    assert!(comparison.contains("Scenarios compared"), "{comparison}");
    let appendix = text(3 + n as u32);
    assert!(appendix.contains("assumptions and their sources") && appendix.contains("miners pay"), "{appendix}");
}

#[test]
fn the_exported_report_carries_every_scenarios_risk_line_from_a_run_made_for_the_export() {
    let dir = tempfile::tempdir().unwrap();
    let mut project = powerplot::model::demo::demo_project();
    for s in &mut project.scenarios {
        s.assumptions.risk.draws = 100;
    }
    let file = dir.path().join("demo.ron");
    powerplot::project_file::save_project(&file, &project).expect("saved");
    let out = dir.path().join("report");
    let status = headless_powerplot()
        .arg("export")
        .arg(&file)
        .arg("--report")
        .arg(&out)
        .args(["--scale", "0.25"])
        .status()
        .expect("runs");
    assert!(status.success());
    let text = std::fs::read_to_string(out.join("report.md")).expect("report.md");
    let lines: Vec<&str> =
        text.lines().filter(|l| l.starts_with("Risk (Monte Carlo, pre-tax NPV): NPV P10 ")).collect();
    assert_eq!(lines.len(), project.scenarios.len(), "one risk line per scenario");
    for line in &lines {
        assert!(line.contains(" · P50 ") && line.contains(" · P90 ") && line.contains("(100 draws"), "{line}");
    }
    // The demo's Hybrid lies above the P75 of its draws: its line says so.
    assert!(lines.iter().any(|l| l.contains("the base case is optimistic")), "{lines:?}");
}
