//! The underlay as a planner uses it, driven through the real app without a GPU: calibrating from two
//! clicked points and a typed distance, a moved and turned underlay kept through save and load (a few
//! hundred bytes of file), a missing image that still lets the project open and says how to find it, and
//! undo of every underlay change.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::accesskit::Role;
use egui::{Event, Modifiers, PointerButton, Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use powerplot::app::PowerplotApp;
use powerplot::app::edit::UnderlayChange;
use powerplot::app::underlay::{self, Pick, Tool};
use powerplot::model::{Project, Rect, Scenario, SitePoint, Underlay};
use powerplot::project_file::{load_project, save_project};

fn harness(app: PowerplotApp) -> Harness<'static, PowerplotApp> {
    let mut h = Harness::builder()
        .with_size(vec2(1366.0, 768.0))
        // A finished image load takes a few frames to settle (texture upload, window layout).
        .with_max_steps(16)
        .build_ui_state(|ui, app: &mut PowerplotApp| app.ui_root(ui), app);
    h.run();
    h
}

/// A 1000 x 600 pixel PNG at `dir/name`.
fn image_file(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    image::RgbImage::from_pixel(1000, 600, image::Rgb([120, 150, 90])).save(&path).expect("image written");
    path
}

/// A one-scenario project on a 1000 x 600 m site with no parts.
fn empty_site() -> Project {
    let mut s = Scenario::new("Base case");
    s.boundary = Rect::new(0.0, 0.0, 1000.0, 600.0);
    Project { name: "Underlay site".into(), scenarios: vec![s] }
}

/// Runs frames until the background loads are done.
fn settle(h: &mut Harness<'_, PowerplotApp>) {
    let start = Instant::now();
    while h.state().underlay.is_loading() {
        assert!(start.elapsed() < Duration::from_secs(30), "the image never loaded");
        std::thread::sleep(Duration::from_millis(10));
        // The window shows a spinner while loading, which repaints: one frame at a time.
        h.step();
    }
    h.run();
}

fn current(h: &Harness<'_, PowerplotApp>) -> Option<Underlay> {
    h.state().doc.scenario().underlay.clone()
}

fn press(h: &mut Harness<'_, PowerplotApp>, at: Pos2, pressed: bool) {
    h.event(Event::PointerButton { pos: at, button: PointerButton::Primary, pressed, modifiers: Modifiers::NONE });
    h.run();
}

fn click_world(h: &mut Harness<'_, PowerplotApp>, x: f64, y: f64) {
    let at = h.state().canvas.world_to_screen(x, y);
    h.hover_at(at);
    h.run();
    press(h, at, true);
    press(h, at, false);
}

fn drag_world(h: &mut Harness<'_, PowerplotApp>, from: (f64, f64), to: (f64, f64)) {
    let a = h.state().canvas.world_to_screen(from.0, from.1);
    let b = h.state().canvas.world_to_screen(to.0, to.1);
    h.hover_at(a);
    h.run();
    press(h, a, true);
    for i in 1..=8 {
        h.hover_at(a + (b - a) * (i as f32 / 8.0));
        h.run();
    }
    press(h, b, false);
}

/// The app on `empty_site` with `aerial.png` imported as the underlay and loaded.
fn with_underlay(dir: &Path) -> Harness<'static, PowerplotApp> {
    let path = image_file(dir, "aerial.png");
    let mut h = harness(PowerplotApp::new(empty_site(), None));
    assert!(underlay::image_chosen(h.state_mut(), Pick::Import, &path));
    settle(&mut h);
    h
}

/// Clicks "Calibrate…", then two points of the image, types `distance_m` and applies it.
fn calibrate(h: &mut Harness<'_, PowerplotApp>, a: (f64, f64), b: (f64, f64), distance_m: f64) {
    h.get_by_label("Calibrate…").click();
    h.run();
    click_world(h, a.0, a.1);
    click_world(h, b.0, b.1);
    assert!(matches!(&h.state().underlay.tool, Tool::Calibrate { points, .. } if points.len() == 2), "two points");
    h.get_by_role_and_label(Role::SpinButton, "Real distance").set_value_accesskit(distance_m);
    h.run();
    h.get_by_label("Apply calibration").click();
    h.run();
}

#[test]
fn calibrating_from_two_clicked_points_and_a_distance_gives_metres_per_pixel() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = with_underlay(dir.path());
    let u = current(&h).expect("imported");
    // Imported across the 1000 m boundary: 1000 m / 1000 px = 1 m per pixel, top-left on the site's corner.
    assert_eq!(u.metres_per_pixel, 1.0);
    assert_eq!(u.origin, SitePoint { x: 0.0, y: 0.0 });
    assert!(h.query_by_label_contains("1.0000 m per pixel").is_some());

    // (500, 150) to (800, 550) m at 1 m per pixel: 300 px across and 400 down, 500 px apart. Typed as
    // 250 m: 250 / 500 = 0.5 m per pixel. The first point stays where it was on the site.
    calibrate(&mut h, (500.0, 150.0), (800.0, 550.0), 250.0);
    let u = current(&h).expect("still there");
    assert!((u.metres_per_pixel - 0.5).abs() < 1e-3, "{}", u.metres_per_pixel);
    let (x, y) = u.image_to_site(500.0, 150.0);
    assert!((x - 500.0).abs() < 1.0 && (y - 150.0).abs() < 1.0, "the first point moved to ({x}, {y})");
    assert_eq!(h.state().underlay.tool, Tool::None, "the tool ends once applied");
    assert!(h.query_by_label_contains("0.5000 m per pixel").is_some(), "the window shows the new scale");

    // The calibration can be redone (on points clear of the Underlay window, at the canvas's top left).
    let (ax, ay) = u.image_to_site(900.0, 300.0);
    let (bx, by) = u.image_to_site(900.0, 500.0);
    calibrate(&mut h, (ax, ay), (bx, by), 50.0);
    // 200 px apart, 50 m: 0.25 m per pixel.
    assert!((current(&h).expect("there").metres_per_pixel - 0.25).abs() < 1e-3);
}

#[test]
fn a_rotated_moved_underlay_survives_save_and_load_in_a_few_hundred_bytes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = with_underlay(dir.path());
    h.get_by_role_and_label(Role::SpinButton, "Rotation").set_value_accesskit(12.5);
    h.run();
    h.get_by_role_and_label(Role::SpinButton, "Top-left x").set_value_accesskit(-35.0);
    h.run();
    let u = current(&h).expect("there");
    assert_eq!(u.rotation_deg, 12.5);
    assert_eq!(u.origin.x, -35.0);
    // Turned about the image's centre, pixel (500, 300), which stayed at (500, 300) m; then moved in x only.
    let (_, cy) = u.image_to_site(500.0, 300.0);
    assert!((cy - 300.0).abs() < 1e-6, "{cy}");

    let without = dir.path().join("without.ron");
    let mut bare = h.state().doc.project.clone();
    bare.scenarios[0].underlay = None;
    save_project(&without, &bare).expect("saved");
    // The project is saved in a folder of its own: the image is named from there.
    let folder = dir.path().join("plans");
    std::fs::create_dir(&folder).expect("folder");
    let file = folder.join("site.ron");
    assert!(powerplot::app::file_ops::save_to(h.state_mut(), &file));
    let loaded = load_project(&file).expect("loads");
    let kept = loaded.scenarios[0].underlay.clone().expect("kept");
    assert_eq!(kept.path, "../aerial.png");
    assert_eq!(Underlay { path: u.path.clone(), ..kept }, u, "every number kept exactly");

    let growth = std::fs::metadata(&file).expect("file").len() - std::fs::metadata(&without).expect("file").len();
    eprintln!("an underlay adds {growth} bytes to the project file");
    assert!(growth < 400, "{growth} bytes");

    // Opened again, the image is found from the project's folder.
    let mut h = harness(PowerplotApp::open_startup(Some(file)));
    settle(&mut h);
    let full = underlay::resolve(h.state().doc.path.as_deref(), "../aerial.png");
    assert_eq!(h.state().underlay.image(&full).map(|i| i.size_px), Some([1000, 600]));
}

#[test]
fn a_missing_image_opens_the_project_with_the_path_and_a_way_to_locate_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut project = empty_site();
    let mut u = Underlay::fitted_to("aerials/site.png", [1000, 600], &project.scenarios[0].boundary);
    u.rotation_deg = 7.0;
    project.scenarios[0].underlay = Some(u.clone());
    let file = dir.path().join("site.ron");
    save_project(&file, &project).expect("saved");

    let mut h = harness(PowerplotApp::open_startup(Some(file.clone())));
    settle(&mut h);
    assert_eq!(h.state().doc.project.name, "Underlay site", "the project opened");
    assert!(h.state().notices.is_empty(), "no dialog stands in the way");
    assert!(h.query_by_label_contains("The underlay image cannot be shown").is_some());
    assert!(h.query_all_by_label_contains("aerials/site.png").next().is_some(), "the message names the path");

    // Locate image…: the in-app dialog takes the path of the image where it really is.
    let found = image_file(dir.path(), "moved.png");
    h.get_by_label("Locate image…").click();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Path").set_text_value_accesskit(&found.display().to_string());
    h.run();
    h.get_by_label("Use image").click();
    h.run();
    settle(&mut h);
    let located = current(&h).expect("kept");
    assert_eq!(located.path, "moved.png", "named from the project's folder");
    assert_eq!(located.rotation_deg, 7.0, "the calibration is kept");
    assert!(h.query_by_label_contains("The underlay image cannot be shown").is_none());
    assert_eq!(h.state().doc.undo_label(), Some(UnderlayChange::Locate.label()));
}

#[test]
fn undo_covers_every_underlay_change() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = with_underlay(dir.path());
    let mut states = vec![None, current(&h)];
    let mut labels = vec![UnderlayChange::Import.label()];
    let mut step = |h: &mut Harness<'_, PowerplotApp>, change: UnderlayChange| {
        let now = current(h);
        assert_ne!(Some(&now), states.last(), "{} changed the underlay", change.label());
        assert_eq!(h.state().doc.undo_label(), Some(change.label()));
        states.push(now);
        labels.push(change.label());
    };

    calibrate(&mut h, (500.0, 150.0), (800.0, 550.0), 250.0);
    step(&mut h, UnderlayChange::Calibrate);
    h.get_by_label("Move on the canvas").click();
    h.run();
    drag_world(&mut h, (600.0, 300.0), (650.0, 330.0));
    step(&mut h, UnderlayChange::Move);
    h.get_by_label("Done moving").click();
    h.run();
    h.get_by_role_and_label(Role::SpinButton, "Rotation").set_value_accesskit(-20.0);
    h.run();
    step(&mut h, UnderlayChange::Rotate);
    h.get_by_role_and_label(Role::Slider, "Opacity").set_value_accesskit(0.3);
    h.run();
    step(&mut h, UnderlayChange::Opacity);
    h.get_by_label("Show").click();
    h.run();
    step(&mut h, UnderlayChange::ShowHide);
    h.get_by_label("Lock").click();
    h.run();
    step(&mut h, UnderlayChange::Lock);
    assert!(h.get_by_label("Calibrate…").accesskit_node().is_disabled(), "a locked underlay cannot be calibrated");
    h.get_by_label("Remove underlay").click();
    h.run();
    step(&mut h, UnderlayChange::Remove);

    let moved = states[3].clone().expect("moved");
    let calibrated = states[2].clone().expect("calibrated");
    // The drag went 50 m right and 30 m down, as one undo step.
    assert!((moved.origin.x - calibrated.origin.x - 50.0).abs() < 0.5, "{:?}", moved.origin);
    assert!((moved.origin.y - calibrated.origin.y - 30.0).abs() < 0.5, "{:?}", moved.origin);

    let last = states.len() - 1;
    for i in (0..last).rev() {
        assert_eq!(h.state().doc.undo_label(), Some(labels[i]));
        assert!(h.state_mut().doc.undo());
        h.run();
        assert_eq!(current(&h), states[i], "undo of {}", labels[i]);
    }
    assert!(!h.state().doc.can_undo());
    assert!(h.state_mut().doc.redo());
    assert_eq!(current(&h), states[1], "redo brings the import back");
}

#[test]
fn measuring_a_distance_and_an_area_on_the_canvas() {
    let mut h = harness(PowerplotApp::new(empty_site(), None));
    h.key_press(egui::Key::M);
    h.run();
    // Three corners of a 300 x 400 m right triangle: path 300 + 400 = 700 m (2,296.6 ft), area 60,000 m2.
    click_world(&mut h, 500.0, 100.0);
    click_world(&mut h, 800.0, 100.0);
    click_world(&mut h, 800.0, 500.0);
    let Tool::Measure { points } = &h.state().underlay.tool else { panic!("measuring") };
    let lines = underlay::tools::measure_readout(points);
    assert!(lines[0].starts_with("Distance 700.0 m (2,296.6 ft)"), "{lines:?}");
    assert!(lines[1].starts_with("Area 60,000 m²"), "{lines:?}");
    assert!(h.state().doc.scenario().components.is_empty() && !h.state().doc.can_undo(), "measuring edits nothing");
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(h.state().underlay.tool, Tool::None);
}

#[test]
fn a_jpeg_dropped_on_the_window_becomes_the_underlay() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("aerial.jpg");
    image::RgbImage::from_pixel(800, 400, image::Rgb([90, 120, 60])).save(&path).expect("JPEG written");
    let mut h = harness(PowerplotApp::new(empty_site(), None));
    h.input_mut().dropped_files.push(std::sync::Arc::new(crate::files::Dropped(path.clone())));
    h.run();
    settle(&mut h);
    assert!(h.state().notices.is_empty(), "{:?}", h.state().notices);
    let u = current(&h).expect("imported");
    // 1000 m of boundary over 800 px: 1.25 m per pixel to begin with.
    assert_eq!(u.metres_per_pixel, 1.25);
    assert_eq!(h.state().doc.undo_label(), Some(UnderlayChange::Import.label()));
    let full = underlay::resolve(None, &u.path);
    assert_eq!(h.state().underlay.image(&full).map(|i| i.size_px), Some([800, 400]), "the JPEG decoded");

    // A file named .png that is not an image is refused with its name, and the underlay stays as it was.
    let broken = dir.path().join("photo.png");
    std::fs::write(&broken, "not an image").expect("written");
    h.input_mut().dropped_files.push(std::sync::Arc::new(crate::files::Dropped(broken)));
    h.run();
    let notice = h.state().notices.first().expect("a message").clone();
    assert_eq!(notice.title, "The image was not used");
    assert!(notice.text.contains("photo.png") && notice.text.contains("not a PNG or JPEG"), "{}", notice.text);
    assert_eq!(current(&h), Some(u));
}

/// A FIFO picked as the underlay is refused at once with a message, as a project file that is one is; the
/// document keeps no underlay and no loading thread is left waiting.
#[cfg(unix)]
#[test]
fn a_fifo_picked_as_the_underlay_is_refused_at_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("aerial.png");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo").success());
    let mut h = harness(PowerplotApp::new(empty_site(), None));
    let started = Instant::now();
    assert!(!underlay::image_chosen(h.state_mut(), Pick::Import, &fifo));
    assert!(started.elapsed() < Duration::from_secs(5));
    h.run();
    assert!(h.query_by_label_contains("not a regular file").is_some(), "the notice says why");
    assert!(current(&h).is_none());
    assert!(!h.state().underlay.is_loading());
}

/// A JPEG cut short is drawn, and the underlay window says the picture is partial.
#[test]
fn a_truncated_jpeg_underlay_is_drawn_with_a_partial_warning() {
    let dir = tempfile::tempdir().expect("temp dir");
    let whole = dir.path().join("whole.jpg");
    image::RgbImage::from_fn(400, 300, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 80]))
        .save(&whole)
        .expect("jpeg");
    let bytes = std::fs::read(&whole).expect("read");
    let cut = dir.path().join("cut.jpg");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).expect("written");
    let mut h = harness(PowerplotApp::new(empty_site(), None));
    assert!(underlay::image_chosen(h.state_mut(), Pick::Import, &cut));
    settle(&mut h);
    assert!(h.query_by_label_contains("Partial image").is_some(), "the window says the picture is partial");
    assert!(h.query_by_label_contains("400 × 300 pixels").is_some(), "and draws it");
}
