//! docs/file-format.md stays true: its complete example loads and shows every field Powerplot writes, and its
//! tables list every numeric field with the range validation enforces.

use powerplot::model::fields::{
    ASIC_HALL_FIELDS, ASSUMPTION_FIELDS, COMPONENT_FIELDS, COOLING_PLANT_FIELDS, GAS_TURBINE_FIELDS, GPU_POD_FIELDS,
    NumField, SUBSTATION_FIELDS,
};
use powerplot::model::risk::RISK_FIELDS;
use powerplot::project_file::{parse_project, to_ron_string};

const DOC: &str = include_str!("../../docs/file-format.md");

fn complete_example() -> &'static str {
    let start = DOC.find("```ron\n").expect("a RON example") + "```ron\n".len();
    let end = start + DOC[start..].find("```").expect("the example ends");
    &DOC[start..end]
}

/// The text of the section under `heading`, up to the next heading.
fn section(heading: &str) -> &'static str {
    let start = DOC.find(&format!("\n{heading}\n")).unwrap_or_else(|| panic!("no section {heading}"));
    let rest = &DOC[start + heading.len() + 2..];
    &rest[..rest.find("\n#").unwrap_or(rest.len())]
}

fn check_table<T>(heading: &str, table: &[NumField<T>]) {
    let text = section(heading);
    for f in table {
        let row = text.lines().find(|l| l.starts_with(&format!("| `{}`", f.key)));
        let row = row.unwrap_or_else(|| panic!("{heading}: no row for `{}`", f.key));
        assert!(row.contains(&f.range_text()), "{heading}: `{}` should say {:?}: {row}", f.key, f.range_text());
    }
}

#[test]
fn the_complete_example_loads_and_shows_every_field() {
    let project = parse_project(complete_example(), "docs/file-format.md").unwrap_or_else(|e| panic!("{e}"));
    let kinds: Vec<_> = project.scenarios[0].components.iter().map(|c| c.tag()).collect();
    assert_eq!(kinds.len(), 5, "one component of each kind");
    for line in to_ron_string(&project).lines() {
        if let Some((key, _)) = line.trim_start().split_once(':')
            && key.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        {
            assert!(complete_example().contains(&format!("{key}:")), "the example lacks `{key}`");
        }
    }
}

#[test]
fn the_shortest_file_loads() {
    let shortest = r#"(version: 1, name: "Empty site", scenarios: [(name: "Base case")])"#;
    assert!(DOC.contains(shortest));
    assert!(parse_project(shortest, "shortest").is_ok());
}

#[test]
fn every_numeric_field_is_documented_with_its_range() {
    check_table("### Assumptions", ASSUMPTION_FIELDS);
    check_table("### Risk", RISK_FIELDS);
    check_table("### Component", COMPONENT_FIELDS);
    check_table("### `AsicHall` (mining load)", ASIC_HALL_FIELDS);
    check_table("### `GpuPod` (AI/HPC load)", GPU_POD_FIELDS);
    check_table("### `Substation` (grid connection)", SUBSTATION_FIELDS);
    check_table("### `CoolingPlant` (heat rejection)", COOLING_PLANT_FIELDS);
    check_table("### `GasTurbine` (on-site generation)", GAS_TURBINE_FIELDS);
}
