//! One test per format migration. Version 0 is the unversioned bare project record Powerplot wrote before
//! files carried a `version`; it is upgraded to version 1 on load.

use powerplot::model::demo::demo_project;
use powerplot::project_file::{CURRENT_VERSION, LoadError, load_project, parse_project, save_project};

/// A version 0 file as the first saver wrote it: no `version`, kinds with unwrapped variants.
const V0_FILE: &str = r#"#![enable(unwrap_variant_newtypes)]
(
    name: "Old site",
    scenarios: [
        (
            name: "Base case",
            components: [
                (
                    id: 1,
                    name: "Substation",
                    rect: (x: 40.0, y: 60.0, w: 50.0, h: 40.0),
                    existing: true,
                    lead_time_months: 36,
                    kind: Substation(capacity_mva: 100.0, power_factor: 0.95, loss_ratio: 0.01, capex_usd_per_mva: 300000.0),
                ),
                (
                    id: 2,
                    name: "Hall A",
                    rect: (x: 200.0, y: 60.0, w: 120.0, h: 40.0),
                    existing: true,
                    lead_time_months: 6,
                    kind: AsicHall(miner_model: "Antminer S21", miner_th_s: 200.0, miner_kw: 3.5, miner_count: 1000, miner_price_usd_per_th: 15.0, miner_life_years: 4.0, cooling: Air, overhead: 0.05, uptime: 0.97),
                ),
            ],
        ),
    ],
)
"#;

#[test]
fn version_0_file_is_read_as_version_1() {
    let p = parse_project(V0_FILE, "old.ron").unwrap();
    assert_eq!(p.name, "Old site");
    assert_eq!(p.scenarios[0].components.len(), 2);
    assert_eq!(p.scenarios[0].components[1].it_mw(), 3.5);
}

#[test]
fn version_0_as_the_first_saver_wrote_the_demo_reads_back_the_demo() {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .extensions(ron::extensions::Extensions::UNWRAP_VARIANT_NEWTYPES);
    let v0 = ron::ser::to_string_pretty(&demo_project(), config).unwrap();
    assert!(!v0.contains("version"));
    assert_eq!(parse_project(&v0, "demo v0").unwrap(), demo_project());
}

#[test]
fn a_version_0_file_is_saved_as_the_current_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.ron");
    std::fs::write(&path, V0_FILE).unwrap();
    let p = load_project(&path).unwrap();
    save_project(&path, &p).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(&format!("version: {CURRENT_VERSION},")), "{text}");
    assert_eq!(load_project(&path).unwrap(), p);
    assert_eq!(std::fs::read_to_string(dir.path().join("old.ron.bak")).unwrap(), V0_FILE, "the old file is kept");
}

#[test]
fn a_mistake_in_a_version_0_file_is_reported_in_its_own_terms() {
    let err = parse_project(
        &V0_FILE.replace(
            "existing: true,\n                    lead_time_months: 6",
            "existng: true,\n                    lead_time_months: 6",
        ),
        "old.ron",
    )
    .unwrap_err();
    let LoadError::Syntax { line, message, .. } = &err else { panic!("{err:?}") };
    assert_eq!(*line, 20, "{err}");
    assert!(message.contains("existng"), "{err}");
}
