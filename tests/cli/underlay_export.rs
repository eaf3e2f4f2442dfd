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

/// A JPEG cut short (an interrupted copy) is drawn as far as it goes and the export says the image is partial.
#[test]
fn export_png_with_a_truncated_jpeg_draws_it_and_says_it_is_partial() {
    let dir = tempfile::tempdir().expect("temp dir");
    let png = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves").join("underlay_site_plan.png");
    let mut bytes = Vec::new();
    image::open(&png)
        .expect("the example image")
        .to_rgb8()
        .write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Jpeg)
        .expect("encoded");
    std::fs::write(dir.path().join("aerial.jpg"), &bytes[..bytes.len() / 2]).expect("written");
    let cut = variant(dir.path(), "path: \"underlay_site_plan.png\"", "path: \"aerial.jpg\"");
    let (picture, stderr) = export_png(&cut, &dir.path().join("plan.png"));
    assert!(stderr.contains("partial") && stderr.contains("aerial.jpg") && stderr.contains("cut short"), "{stderr}");
    assert!(picture.pixels().filter(|px| **px == HALL_FILL).count() > 10_000, "the plan is drawn");
}

/// An underlay path naming a FIFO is refused at once, as a project file that is one is: the export does
/// not wait for a writer.
#[cfg(unix)]
#[test]
fn export_png_with_a_fifo_underlay_refuses_it_and_finishes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("aerial.png");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo").success());
    let file = variant(dir.path(), "path: \"underlay_site_plan.png\"", "path: \"aerial.png\"");
    let out = dir.path().join("plan.png");
    let mut child = cli_support::headless_powerplot()
        .args(["export", &file.display().to_string(), "--png", &out.display().to_string(), "--scale", "1"])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let started = std::time::Instant::now();
    while child.try_wait().expect("waits").is_none() {
        if started.elapsed() > std::time::Duration::from_secs(60) {
            let _ = child.kill();
            panic!("the export blocks on the FIFO");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let output = child.wait_with_output().expect("output");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("not a regular file") && stderr.contains("aerial.png"), "{stderr}");
    assert!(out.exists(), "the plan is still drawn");
}
