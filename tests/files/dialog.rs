//! Files as the window shows them: the in-app open dialog lists the folder it shows, and a notice about a
//! broken file fits the window however long its message.

use std::path::Path;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use powerplot::app::PowerplotApp;
use powerplot::model::demo::demo_project;
use powerplot::project_file;

fn window(app: PowerplotApp) -> Harness<'static, PowerplotApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 720.0))
        .build_ui_state(|ui, app: &mut PowerplotApp| app.ui_root(ui), app);
    h.run();
    h
}

fn save(path: &Path, name: &str) {
    let mut project = demo_project();
    project.name = name.to_string();
    project_file::save_project(path, &project).expect("saved");
}

#[test]
fn the_open_dialog_lists_the_project_files_and_folders_of_its_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    save(&dir.path().join("alpha.ron"), "Alpha");
    save(&dir.path().join("beta.ron"), "Beta");
    std::fs::write(dir.path().join("notes.txt"), "not a project").expect("write");
    std::fs::create_dir(dir.path().join("older")).expect("folder");
    save(&dir.path().join("older").join("gamma.ron"), "Gamma");

    let mut h = window(PowerplotApp::new(demo_project(), Some(dir.path().join("alpha.ron"))));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    h.run();
    assert!(h.query_by_label("alpha.ron").is_some() && h.query_by_label("beta.ron").is_some());
    assert!(h.query_by_label_contains("notes.txt").is_none(), "only project files are listed");
    let older = format!("older{}", std::path::MAIN_SEPARATOR);
    h.get_by_label(&older).click();
    h.run();
    assert!(h.query_by_label("gamma.ron").is_some(), "a click on a folder shows its files");
    h.get_by_label("gamma.ron").click();
    h.run();
    h.get_by_label("Open").click();
    h.run();
    assert_eq!(h.state().doc.project.name, "Gamma");
}

#[test]
fn a_notice_with_a_huge_message_fits_the_window() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("long.ron");
    // Many problems, each quoting a long (but allowed) name: the message is long even when capped.
    let mut project = demo_project();
    for s in &mut project.scenarios {
        for c in &mut s.components {
            c.name = "N".repeat(200);
            c.lead_time_months = 10_000;
        }
    }
    std::fs::write(&path, project_file::to_ron_string(&project)).expect("write");
    // The smallest window the app allows.
    let mut h = Harness::builder()
        .with_size(egui::vec2(900.0, 560.0))
        .build_ui_state(|ui, app: &mut PowerplotApp| app.ui_root(ui), PowerplotApp::open_startup(Some(path)));
    h.run();
    assert!(h.query_by_label("Cannot open the file").is_some());
    let ok = h.get_by_label("OK").rect();
    assert!(ok.max.y <= 560.0 && ok.min.y >= 0.0, "the OK button is on screen: {ok:?}");
}
