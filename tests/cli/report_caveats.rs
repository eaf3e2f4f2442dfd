//! The Markdown report carries the caveats a slide carries: the IRR's ambiguity mark, each scenario's
//! warnings most serious first, the 12 months its first-year figures count, the premium's $/MW, a fair
//! comparison (no best for a scenario over a site limit, the assumptions that differ) and a pointer to a
//! model document a reader can open.

use powerplot::model::demo::demo_project;
use powerplot::model::warnings::by_severity;
use powerplot::model::{Evaluation, Project, evaluate};
use powerplot::outputs::format;
use powerplot::outputs::markdown::{self as report_markdown, ReportImages};
use powerplot::project_file::load_project;

fn report(project: &Project) -> (String, Vec<Evaluation>) {
    let evaluations: Vec<_> = project.scenarios.iter().map(evaluate).collect();
    (report_markdown::markdown(project, &evaluations, &ReportImages::default()), evaluations)
}

fn section<'a>(text: &'a str, scenario: &str) -> &'a str {
    let rest = text.split(&format!(": {scenario}\n")).nth(1).expect("a section per scenario");
    rest.split("\n## ").next().unwrap_or(rest)
}

fn water_limited() -> Project {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/water_limited_dry_coolers.ron");
    load_project(&path).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn warnings_are_listed_most_serious_first_and_the_irr_keeps_its_mark() {
    let project = water_limited();
    let (text, evaluations) = report(&project);
    let towers = section(&text, "Evaporative towers");
    let listed: Vec<&str> = towers
        .split("### Warnings, most serious first\n\n")
        .nth(1)
        .expect("a warnings list")
        .lines()
        .take_while(|l| l.starts_with("- "))
        .collect();
    // The report escapes Markdown characters ("MW_th" is written "MW\\_th").
    let expected: Vec<String> = by_severity(&evaluations[0].warnings)
        .iter()
        .map(|w| format!("- {}", w.message.replace('|', "\\|").replace('*', "\\*").replace('_', "\\_")))
        .collect();

    assert_eq!(listed, expected);
    assert!(listed[0].contains("above the site's allowance"), "the broken water limit comes first: {listed:?}");

    // Every scenario whose IRR is ambiguous keeps the mark in its key figures.
    let mut checked = 0;
    for project in [demo_project(), water_limited()] {
        let (text, evaluations) = report(&project);
        for (s, e) in project.scenarios.iter().zip(&evaluations).filter(|(_, e)| e.kpis.irr_ambiguous) {
            checked += 1;
            let row = format!("| IRR | {} |", format::irr(e.kpis.irr, true));
            assert!(row.contains("(ambiguous)") && section(&text, &s.name).contains(&row), "{}: {row}", s.name);
        }
    }
    assert!(checked > 0, "an example with an ambiguous IRR");
}

#[test]
fn first_year_figures_name_their_months_and_timing_is_in_calendar_months() {
    let project = demo_project();
    let (text, evaluations) = report(&project);
    for (s, e) in project.scenarios.iter().zip(&evaluations) {
        let k = &e.kpis;
        let span = format::first_full_year(s.assumptions.start, k.full_power_month);
        assert!(section(&text, &s.name).contains(&format!("| First full year (months counted) | {span} |")));
        let full = format::model_month(s.assumptions.start, k.full_power_month);
        assert!(section(&text, &s.name).contains(&format!("| Full power | {full} |")));
    }
    // Stay mining's fifth hall waits for its lead time; the demo starts in January 2027.
    assert!(!text.contains("| month "), "no table cell counts model months");
}

#[test]
fn the_comparison_is_fair_and_lists_the_assumptions_that_differ() {
    // The example's allowance raised from 378.5 to 500 m3/day: the adiabatic coolers (470) now fit, the
    // evaporative towers (3,387) still do not.
    let mut project = water_limited();
    for s in &mut project.scenarios {
        s.assumptions.water_limit_m3_per_day = Some(500.0);
    }
    let (text, _) = report(&project);
    let comparison = text.split("## Scenario 1").next().expect("the comparison comes first");
    let row = |label: &str| -> Vec<String> {
        let line = comparison.lines().find(|l| l.starts_with(&format!("| {label} |"))).expect("a row");
        line.split('|').map(|c| c.trim().to_string()).filter(|c| !c.is_empty()).collect()
    };
    // Capex per MW of IT: towers $378.5M / 138.7 MW = $2.73M, adiabatic $392.0M / 138.7 = $2.83M, dry
    // $383.0M / 138.7 = $2.76M. The towers are cheapest but over the allowance: not ranked; the dry coolers
    // win among the other two.
    let capex = row("Capex per MW of IT");
    assert!(capex[1].ends_with('†') && !capex[1].contains('★'), "{capex:?}");
    assert!(!capex[2].contains('★'), "{capex:?}");
    assert!(capex[3].ends_with('★'), "{capex:?}");
    assert_eq!(row("Site limits")[1..], ["water above allowance", "within limits", "within limits"]);
    assert!(!row("Capex total").iter().any(|c| c.contains('★')), "capex alone is not ranked");

    // With the example's own allowance only the dry coolers fit: nothing is left to rank them against.
    let (text, _) = report(&water_limited());
    let comparison = text.split("## Scenario 1").next().expect("the comparison comes first");
    assert!(!comparison.contains("** ★"), "no best among one scenario within the limits");

    let mut demo = demo_project();
    demo.scenarios[2].assumptions.discount_rate = 0.12;
    let (text, _) = report(&demo);
    assert!(text.contains("### Assumptions that differ between the scenarios"));
    assert!(text.contains("| Assumption | Stay mining's | Hybrid's | Full AI's |"));
    assert!(text.contains("| Discount rate | 10 % per year | 10 % per year | 12 % per year |"));
}

#[test]
fn rates_are_percentages_and_the_premium_shows_its_dollars_per_mw() {
    let (text, _) = report(&demo_project());
    assert!(text.contains("| Discount rate | 10 % per year |"));
    assert!(text.contains("| Pool fee | 2 % |"));
    assert!(text.contains("| Fixed O&M | 2 % of non-hardware capex per year |"));
    // 10 x $350,000 per MW of mining build = $3.5M per MW of IT.
    assert!(text.contains("| AI build premium | 10x = $3.5M/MW of IT | 10x: the seed's figure"));
    assert!(text.contains("about 25x ($8-11M/MW: TeraWulf, Cipher)"));
    assert!(text.contains("docs/MODEL.md"), "the pointer to the model names a document a reader can open");
}
