//! The equipment catalog (issue 23): the built-in list is dated, sourced and covers the families planners
//! compare; the presets MODEL.md names keep their values; a user's file adds entries or is refused by line.

use powerplot::model::HallCooling;
use powerplot::model::catalog::{GPU_SYSTEMS, MINERS};
use powerplot::model::equipment::Catalog;

#[test]
fn the_built_in_catalog_is_dated_and_every_entry_has_a_source() {
    let c = Catalog::built_in();
    assert!(c.date.len() == 7 && c.date.starts_with("20"), "dated as YYYY-MM: {}", c.date);
    assert!(
        c.miners.len() >= 12 && c.gpu_systems.len() >= 8,
        "{} miners, {} systems",
        c.miners.len(),
        c.gpu_systems.len()
    );
    let known = ["th_s", "kw", "usd_per_th_s", "price_usd", "gpu_hour_usd"];
    for (name, source, estimates) in c
        .miners
        .iter()
        .map(|m| (&m.name, &m.source, &m.estimates))
        .chain(c.gpu_systems.iter().map(|g| (&g.name, &g.source, &g.estimates)))
    {
        assert!(source.len() > 20, "{name} names its source");
        assert!(estimates.iter().all(|e| known.contains(&e.as_str())), "{name}: estimates name fields: {estimates:?}");
    }
    // A price with no public source is marked as an estimate.
    for m in c.miners.iter().filter(|m| m.usd_per_th_s.is_some()) {
        assert!(m.estimates.iter().any(|e| e == "usd_per_th_s") || m.source.contains('$'), "{}", m.name);
    }
}

#[test]
fn the_catalog_lists_the_families_planners_compare() {
    let c = Catalog::built_in();
    let miner = |name: &str| c.miners.iter().any(|m| m.name == name);
    let system = |name: &str| c.gpu_systems.iter().any(|g| g.name.starts_with(name));
    for name in [
        "Antminer S21",
        "Antminer S21 XP",
        "Antminer S21 Hydro",
        "Whatsminer M60S",
        "Whatsminer M66S",
        "Avalon A15 Pro",
    ] {
        assert!(miner(name), "{name}");
    }
    assert!(c.miners.iter().any(|m| m.name.starts_with("Antminer S21") && m.cooling == HallCooling::Hydro));
    for name in
        ["HGX H100", "HGX H200", "HGX B200", "HGX B300", "GB200 NVL72", "GB300 NVL72", "AMD MI300X", "AMD MI355X"]
    {
        assert!(system(name), "{name}");
    }
}

#[test]
fn the_presets_model_md_names_keep_their_values() {
    let c = Catalog::built_in();
    for p in &MINERS {
        let e = c.miners.iter().find(|m| m.name == p.name).unwrap_or_else(|| panic!("{}", p.name));
        assert_eq!((e.th_s, e.kw, e.cooling), (p.th_s, p.kw, p.cooling), "{}", p.name);
        assert_eq!(e.usd_per_th_s, None, "{}: picking it leaves the hall's price as before", p.name);
    }
    for p in &GPU_SYSTEMS {
        let e = c.gpu_systems.iter().find(|g| g.name == p.name).unwrap_or_else(|| panic!("{}", p.name));
        assert_eq!(
            (e.gpus, e.kw, e.price_usd, e.gpu_hour_usd),
            (p.gpus, p.kw, p.price_usd, p.gpu_hour_usd),
            "{}",
            p.name
        );
    }
}

#[test]
fn a_broken_catalog_is_refused_with_its_line() {
    let text = "(\n    miners: [\n        (name: \"Mine\", th_s: 100.0, kw: 3.0, cooling: Air, source: \"mine\"),\n        (name: \"Oops\" th_s: 1.0),\n    ],\n)\n";
    let e = Catalog::parse(text).expect_err("a missing comma");
    assert_eq!(e.line, 4, "{e}");
    let text = "(miners: [\n(name: \"Zero\", th_s: 0.0, kw: 3.0, cooling: Air, source: \"mine\"),\n])";
    let e = Catalog::parse(text).expect_err("zero hash rate");
    assert_eq!(e.line, 2, "{e}");
    assert!(e.message.contains("Zero"), "{e}");
}

#[test]
fn the_documented_user_catalog_reads() {
    let doc = include_str!("../../docs/file-format.md");
    let section = &doc[doc.find("## Equipment catalog").expect("the section")..];
    let start = section.find("```ron\n").expect("an example") + "```ron\n".len();
    let example = &section[start..start + section[start..].find("```").expect("its end")];
    let user = Catalog::parse(example).unwrap_or_else(|e| panic!("{e}"));
    let all = Catalog::built_in().with_user(&user);
    assert_eq!(all.miners.last().map(|m| (m.name.as_str(), m.user)), Some(("Our S21 XP batch", true)));
    assert_eq!(all.gpu_systems.len(), Catalog::built_in().gpu_systems.len() + 1);
}
