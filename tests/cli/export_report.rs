//! The Markdown report and the software-drawn pictures, from the library and from the command line.

use crate::support as cli_support;

use powerplot::app::export::{images, report};
use powerplot::model::demo::demo_project;
use powerplot::model::evaluate;
use powerplot::outputs::format;
use powerplot::outputs::markdown::{self as report_markdown, ReportImages};

#[test]
fn the_report_holds_every_scenarios_kpis_as_evaluate_gives_them() {
    let project = demo_project();
    let evaluations: Vec<_> = project.scenarios.iter().map(evaluate).collect();
    let text = report_markdown::markdown(&project, &evaluations, &ReportImages::default());
    for (s, e) in project.scenarios.iter().zip(&evaluations) {
        let k = &e.kpis;
        let section = text.split(&format!(": {}\n", s.name)).nth(1).expect("a section per scenario");
        let section = section.split("\n## ").next().unwrap_or(section);
        for (label, value) in [
            ("Capex total", format::money(k.capex_total_usd)),
            ("· AI build premium", format::money(k.capex_ai_premium_usd)),
            ("IT load", format::power_mw(k.it_load_mw)),
            ("NPV (pre-tax, unlevered)", format::money(k.npv_usd)),
            (
                "IRR",
                match k.irr {
                    None => "n/a".into(),
                    Some(r) if k.irr_ambiguous => format!("{} (ambiguous)", format::percent(r)),
                    Some(r) => format::percent(r),
                },
            ),
            ("Payback", format::months(k.payback_months, "not within horizon")),
            ("Water per day", format::water(k.water_m3_per_day, k.water_gal_per_day)),
        ] {
            let row = format!("| {label} | {value} |");
            assert!(section.contains(&row), "{}: missing {row}", s.name);
        }
        assert!(section.contains("| Power price | 45 $/MWh | $45/MWh; miners pay"), "assumptions carry their sources");
    }
    let best_npv = evaluations.iter().map(|e| e.kpis.npv_usd).fold(f64::MIN, f64::max);
    assert!(text.contains(&format!("**{}** ★", format::money(best_npv))), "the comparison marks the best NPV");
}

#[test]
fn a_written_report_links_pictures_that_exist() {
    let dir = tempfile::tempdir().expect("temp dir");
    let project = demo_project();
    let evaluations: Vec<_> = project.scenarios.iter().map(evaluate).collect();
    let written = report::write_report(&project, &evaluations, &Default::default(), &[], dir.path(), 0.5, false)
        .expect("report written");
    let text = std::fs::read_to_string(&written.markdown).expect("report.md");
    assert_eq!(written.images.len(), 1 + project.scenarios.len());
    for path in &written.images {
        let name = path.file_name().and_then(|n| n.to_str()).expect("file name");
        assert!(text.contains(&format!("]({name})")), "report links {name}");
        let picture = image::open(path).expect("a readable PNG");
        assert!(
            picture.width() >= 500 && picture.height() >= 200,
            "{name} is {}x{}",
            picture.width(),
            picture.height()
        );
    }
}

/// Counts pixels of `image` within a small distance of `color`.
fn pixels_near(image: &image::RgbaImage, color: egui::Color32) -> usize {
    let [r, g, b, _] = color.to_array();
    image
        .pixels()
        .filter(|p| {
            (p[0] as i32 - r as i32).abs() + (p[1] as i32 - g as i32).abs() + (p[2] as i32 - b as i32).abs() < 12
        })
        .count()
}

#[test]
fn the_command_line_draws_the_site_plan_without_a_window() {
    let dir = tempfile::tempdir().expect("temp dir");
    let project_path = cli_support::saved_demo(dir.path());
    let png = dir.path().join("full-ai.png");
    let out = cli_support::headless_powerplot()
        .arg("export")
        .arg(&project_path)
        .arg("--png")
        .arg(&png)
        .args(["--scenario", "Full AI", "--scale", "1"])
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let picture = image::open(&png).expect("a PNG").to_rgba8();
    assert_eq!((picture.width(), picture.height()), (images::SITE_PLAN_SIZE.x as u32, images::SITE_PLAN_SIZE.y as u32));
    let gpu =
        pixels_near(&picture, powerplot::app::presentation::site_plan::kind_color(powerplot::model::KindTag::GpuPod));
    let hall =
        pixels_near(&picture, powerplot::app::presentation::site_plan::kind_color(powerplot::model::KindTag::AsicHall));
    assert!(gpu > 5_000, "the GPU pods are drawn ({gpu} pixels)");
    assert!(hall < 1_000, "Full AI has no mining hall, only the legend swatch ({hall} pixels)");

    let refused = cli_support::headless_powerplot().arg("export").arg(&project_path).output().expect("run");
    assert!(!refused.status.success(), "export needs --csv, --png or --report");
}
