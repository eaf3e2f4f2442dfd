//! Every dashboard plot as its own PNG at the chosen export scale: from the library, from File > Export in
//! the app, and from the command line.

use crate::support as cli_support;

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use powerplot::app::PowerplotApp;
use powerplot::app::dashboard::plots::PlotKind;
use powerplot::app::export::{self, images::PLOT_SIZE, plots};
use powerplot::app::prefs::Prefs;
use powerplot::model::demo::demo_project;
use powerplot::model::{Project, Scenario, evaluate};

fn harness(app: PowerplotApp) -> Harness<'static, PowerplotApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_ui_state(|ui, app: &mut PowerplotApp| app.ui_root(ui), app);
    h.run();
    h
}

fn pngs_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(dir).map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "png"));
    files.sort();
    files
}

/// Share of the picture's pixels that differ from its top-left (background) pixel.
fn drawn_share(picture: &image::RgbaImage) -> f64 {
    let background = *picture.get_pixel(0, 0);
    let drawn = picture.pixels().filter(|p| **p != background).count();
    drawn as f64 / (picture.width() * picture.height()) as f64
}

/// Asserts `files` are one drawn plot each, `scale` pixels per point, all different.
fn assert_plot_pictures(files: &[PathBuf], scale: f32) {
    assert_eq!(files.len(), PlotKind::ALL.len(), "one file per plot: {files:?}");
    let mut pictures = Vec::new();
    for path in files {
        let picture = image::open(path).expect("a readable PNG").to_rgba8();
        let expected = ((PLOT_SIZE.x * scale) as u32, (PLOT_SIZE.y * scale) as u32);
        assert_eq!(picture.dimensions(), expected, "{} at {scale}x", path.display());
        let share = drawn_share(&picture);
        assert!(share > 0.02, "{} is nearly blank ({:.1} % drawn)", path.display(), share * 100.0);
        pictures.push(picture);
    }
    for (i, a) in pictures.iter().enumerate() {
        for b in &pictures[i + 1..] {
            assert!(a.as_raw() != b.as_raw(), "two plot files hold the same picture");
        }
    }
}

/// The demo's scenario with something on every plot.
fn full_ai(project: &Project) -> &Scenario {
    project.scenarios.iter().find(|s| s.name == "Full AI").expect("the demo has Full AI")
}

#[test]
fn every_plot_of_a_scenario_is_written_as_its_own_png_at_the_scale_asked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let project = demo_project();
    let scenario = full_ai(&project);
    let number = project.scenarios.iter().position(|s| s.name == "Full AI").expect("Full AI") + 1;
    let evaluation = evaluate(scenario);
    let written = plots::write_plots(scenario, number, &evaluation, dir.path(), false, 1.0).expect("plots written");
    assert_eq!(written, pngs_in(dir.path()));
    for kind in PlotKind::ALL {
        assert!(
            written.iter().any(|p| p.ends_with(plots::plot_file_name(number, scenario, kind))),
            "{} has a file",
            kind.label()
        );
    }
    assert_plot_pictures(&written, 1.0);
}

#[test]
fn the_export_scale_chosen_in_the_menu_sizes_the_plots_and_is_remembered() {
    let dir = tempfile::tempdir().expect("temp dir");
    let project_path = dir.path().join("site.ron");
    let mut h = harness(PowerplotApp::new(demo_project(), Some(project_path)));
    // A scenario with something on every plot (Stay mining has no cooling plant, so no water).
    let index = h.state().doc.project.scenarios.iter().position(|s| s.name == "Full AI").expect("Full AI");
    h.state_mut().doc.set_active(index);
    h.run();
    assert_eq!(h.state().export.scale, export::DEFAULT_EXPORT_SCALE);

    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export").hover();
    h.run();
    h.get_by_label("Export scale (2x)").hover();
    h.run();
    h.get_by_label("1x").click();
    h.run();
    assert_eq!(h.state().export.scale, 1.0);
    assert_eq!(h.state().prefs().export_scale, 1.0, "the scale is kept for the next run");

    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export").hover();
    h.run();
    h.get_by_label("Plots as PNG (one file each)…").click();
    h.run();
    let plots_dir = std::path::absolute(dir.path().join("site export").join("plots")).expect("absolute");
    let files = pngs_in(&plots_dir);
    assert_plot_pictures(&files, 1.0);
    let notice =
        format!("{} plots (1x, 1200x520 pixels each) written to {}.", PlotKind::ALL.len(), plots_dir.display());
    assert!(h.query_by_label_contains(&notice).is_some(), "the notice names the full path: {notice}");
    let scenario = h.state().doc.scenario().name.clone();
    let stem = export::report::scenario_stem(index + 1, &scenario);
    assert!(
        files
            .iter()
            .all(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(&format!("{stem}-")))),
        "files are named after the active scenario: {files:?}"
    );

    // A larger scale gives larger pictures of the same plots.
    h.state_mut().export.scale = 2.0;
    h.state_mut().notices.clear();
    h.run();
    let ctx = h.ctx.clone();
    h.state_mut().execute(&ctx, powerplot::app::commands::UiCommand::ExportPlotsPng);
    h.run();
    assert_plot_pictures(&pngs_in(&plots_dir), 2.0);
}

#[test]
fn a_saved_export_scale_comes_back_and_an_odd_one_snaps_to_an_offered_scale() {
    let app = PowerplotApp::new(demo_project(), None).with_prefs(Prefs { export_scale: 3.0, ..Prefs::default() });
    assert_eq!(app.export.scale, 3.0);
    let app = PowerplotApp::new(demo_project(), None).with_prefs(Prefs { export_scale: 40.0, ..Prefs::default() });
    assert_eq!(app.export.scale, 3.0, "a hand-edited scale is brought into the offered ones");
    let app = PowerplotApp::new(demo_project(), None).with_prefs(Prefs { export_scale: f32::NAN, ..Prefs::default() });
    assert_eq!(app.export.scale, export::DEFAULT_EXPORT_SCALE);
}

#[test]
fn the_command_line_writes_the_plots_of_the_chosen_scenario() {
    let dir = tempfile::tempdir().expect("temp dir");
    let project_path = cli_support::saved_demo(dir.path());
    let out_dir = dir.path().join("plots");
    let out = cli_support::headless_powerplot()
        .arg("export")
        .arg(&project_path)
        .arg("--plots")
        .arg(&out_dir)
        .args(["--scenario", "Full AI", "--scale", "1"])
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let files = pngs_in(&out_dir);
    let number = demo_project().scenarios.iter().position(|s| s.name == "Full AI").expect("Full AI") + 1;
    let stem = format!("{number}-full-ai-");
    assert!(files.iter().all(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(&stem))));
    assert_plot_pictures(&files, 1.0);
}
