//! `powerplot export FILE --png OUT` draws the underlay image under the parts, as on screen: checked on the
//! example saves/underlay_site_plan.ron by comparing its picture with the same plan with the image hidden.
//! A missing image still gives the plan, and says which image it left out.

use crate::support as cli_support;

use std::path::{Path, PathBuf};

/// The fill of an ASIC hall on the site plan (presentation::site_plan::kind_color).
const HALL_FILL: image::Rgba<u8> = image::Rgba([196, 120, 20, 255]);

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("saves").join("underlay_site_plan.ron")
}

/// Runs `export FILE --png OUT --scale 1` and reads the picture; returns it with the command's stderr.
fn export_png(file: &Path, out: &Path) -> (image::RgbaImage, String) {
    let output = cli_support::headless_powerplot()
        .args(["export", &file.display().to_string(), "--png", &out.display().to_string(), "--scale", "1"])
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{stderr}");
    (image::open(out).expect("a PNG").to_rgba8(), stderr)
}

/// The example with its underlay line `from` replaced by `to`, saved in `dir` (without the image).
fn variant(dir: &Path, from: &str, to: &str) -> PathBuf {
    let text = std::fs::read_to_string(example()).expect("the example");
    assert!(text.contains(from), "the example has {from}");
    let path = dir.join("variant.ron");
    std::fs::write(&path, text.replace(from, to)).expect("written");
    path
}

#[test]
fn export_png_of_the_example_draws_the_underlay_under_the_parts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (with, stderr) = export_png(&example(), &dir.path().join("with.png"));
    assert!(!stderr.contains("without this underlay"), "{stderr}");
    let hidden = variant(dir.path(), "visible: true", "visible: false");
    let (without, _) = export_png(&hidden, &dir.path().join("without.png"));
    assert_eq!(with.dimensions(), (1200, 720));
    assert_eq!(with.dimensions(), without.dimensions());

    // The image shows: roads, roofs, fields and trees change most of the picture.
    let changed = with.pixels().zip(without.pixels()).filter(|(a, b)| a != b).count();
    let share = changed as f64 / (1200.0 * 720.0);
    assert!(share > 0.5, "only {:.0} % of the picture shows the underlay", share * 100.0);

    // Under the parts: the three halls keep their full colour over the image.
    let hall_pixels = |p: &image::RgbaImage| p.pixels().filter(|px| **px == HALL_FILL).count();
    let (on_image, on_ground) = (hall_pixels(&with), hall_pixels(&without));
    assert!(on_ground > 10_000, "{on_ground} hall pixels");
    assert_eq!(on_image, on_ground, "the halls are drawn over the image, not under it");
}

#[test]
fn export_png_with_a_missing_image_draws_the_plan_and_names_the_image() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = variant(dir.path(), "path: \"underlay_site_plan.png\"", "path: \"gone/aerial.png\"");
    let (picture, stderr) = export_png(&missing, &dir.path().join("plan.png"));
    assert!(stderr.contains("gone/aerial.png"), "{stderr}");
    assert!(picture.pixels().filter(|px| **px == HALL_FILL).count() > 10_000, "the plan is still drawn");
}
