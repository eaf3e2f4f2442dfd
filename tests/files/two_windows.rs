//! Two windows on one project file, driven as two app instances: a save never silently replaces what the
//! other window saved (the window asks: reload, overwrite or save as), and a window's recovery copy is its
//! own while it runs (another window neither offers nor removes it).

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use powerplot::app::PowerplotApp;
use powerplot::app::edit::EditCommand;
use powerplot::model::demo::demo_project;
use powerplot::project_file::{self, RecoveryDir, backup_path};

fn window(app: PowerplotApp) -> Harness<'static, PowerplotApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_ui_state(|ui, app: &mut PowerplotApp| app.ui_root(ui), app);
    h.run();
    h
}

/// A window opened on `path` as `powerplot path` opens it.
fn open(path: &Path) -> Harness<'static, PowerplotApp> {
    window(PowerplotApp::open_startup(Some(path.to_path_buf())))
}

fn rename_and_save(h: &mut Harness<'_, PowerplotApp>, name: &str) {
    assert!(h.state_mut().edit(EditCommand::RenameProject { name: name.into() }));
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
}

fn on_disk(path: &Path) -> String {
    project_file::load_project(path).expect("the file loads").name
}

fn shows(h: &Harness<'_, PowerplotApp>, text: &str) -> bool {
    h.query_by_label_contains(text).is_some()
}

fn saved_demo(dir: &Path) -> PathBuf {
    let path = dir.join("site.ron");
    project_file::save_project(&path, &demo_project()).expect("saved");
    path
}

#[test]
fn a_save_over_another_windows_save_asks_and_overwrite_keeps_the_other_version_as_bak() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = saved_demo(dir.path());
    let (mut a, mut b) = (open(&path), open(&path));

    rename_and_save(&mut a, "A's work");
    assert_eq!(on_disk(&path), "A's work");
    assert!(!shows(&a, "changed on disk"), "nobody else saved: no question");

    rename_and_save(&mut b, "B's work");
    assert!(shows(&b, "The file changed on disk"), "B opened the file before A saved it");
    assert_eq!(on_disk(&path), "A's work", "A's save is not replaced without asking");
    assert!(b.state().doc.is_dirty(), "B's work is not saved yet");

    b.get_by_label("Overwrite").click();
    b.run();
    assert_eq!(on_disk(&path), "B's work");
    assert_eq!(project_file::load_project(&backup_path(&path)).expect("bak").name, "A's work");
    assert!(!b.state().doc.is_dirty());

    // A saves again: B saved in between, so A is asked too, and reloading gives A the file as B left it.
    rename_and_save(&mut a, "A's second edit");
    assert!(shows(&a, "The file changed on disk"));
    assert_eq!(on_disk(&path), "B's work");
    a.get_by_label("Reload site.ron").click();
    a.run();
    assert_eq!(a.state().doc.project.name, "B's work");
    assert!(!a.state().doc.is_dirty());

    // After the reload A knows the file as it is: the next save goes through without a question.
    rename_and_save(&mut a, "A after reload");
    assert!(!shows(&a, "The file changed on disk"));
    assert_eq!(on_disk(&path), "A after reload");
}

#[test]
fn save_as_from_the_question_keeps_both_versions_and_cancel_keeps_the_work_unsaved() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = saved_demo(dir.path());
    let (mut a, mut b) = (open(&path), open(&path));
    rename_and_save(&mut a, "A's work");
    rename_and_save(&mut b, "B's work");
    b.get_by_label("Cancel").click();
    b.run();
    assert!(!shows(&b, "The file changed on disk"));
    assert!(b.state().doc.is_dirty());
    assert_eq!(on_disk(&path), "A's work");

    b.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    b.run();
    b.get_by_label("Save as…").click();
    b.run();
    let other = dir.path().join("site B.ron");
    b.get_by_role_and_label(egui::accesskit::Role::TextInput, "Path")
        .set_text_value_accesskit(&other.display().to_string());
    b.run();
    b.get_by_label("Save").click();
    b.run();
    assert_eq!(on_disk(&path), "A's work");
    assert_eq!(on_disk(&other), "B's work");
    assert!(!b.state().doc.is_dirty());
}

#[test]
fn a_file_deleted_meanwhile_is_simply_saved_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = saved_demo(dir.path());
    let mut a = open(&path);
    std::fs::remove_file(&path).expect("removed");
    rename_and_save(&mut a, "Still here");
    assert!(!shows(&a, "The file changed on disk"));
    assert_eq!(on_disk(&path), "Still here");
}

fn recovery_copies(dir: &Path) -> Vec<PathBuf> {
    let mut copies: Vec<PathBuf> =
        std::fs::read_dir(dir).map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
    copies.retain(|p| p.extension().is_some_and(|e| e == "ron"));
    copies
}

/// A window on `file` with unsaved edits, autosaved into `recovery`.
fn editing_window(recovery: &Path, file: &Path, name: &str) -> Harness<'static, PowerplotApp> {
    let app = PowerplotApp::new(demo_project(), Some(file.to_path_buf())).with_recovery(RecoveryDir::at(recovery));
    let mut h = window(app);
    assert!(h.state_mut().edit(EditCommand::RenameProject { name: name.into() }));
    h.run();
    assert!(h.state().files.recovery.copy_path().is_some_and(Path::is_file), "autosaved");
    h
}

#[test]
fn a_running_windows_recovery_copy_is_not_offered_to_a_second_window() {
    let data = tempfile::tempdir().expect("temp dir");
    let recovery = data.path().join("recovery");
    let file = saved_demo(data.path());
    let first = editing_window(&recovery, &file, "Live edits");

    let second = window(PowerplotApp::new(demo_project(), None).with_recovery(RecoveryDir::at(&recovery)));
    assert!(!shows(&second, "Restore unsaved work?"), "the first window is still running");
    assert!(second.state().files.recovery.offer().is_none());
    assert_eq!(recovery_copies(&recovery).len(), 1, "the first window's copy is still there");
    drop(second);

    // The first window crashes: now its copy is offered, restored exactly.
    drop(first);
    let mut third = window(PowerplotApp::new(demo_project(), None).with_recovery(RecoveryDir::at(&recovery)));
    assert!(shows(&third, "Restore unsaved work?"));
    third.get_by_label("Restore").click();
    third.run();
    assert_eq!(third.state().doc.project.name, "Live edits");
}

#[test]
fn discarding_a_crashed_windows_copy_leaves_a_running_windows_copy() {
    let data = tempfile::tempdir().expect("temp dir");
    let recovery = data.path().join("recovery");
    let file = saved_demo(data.path());
    drop(editing_window(&recovery, &file, "Crashed edits"));
    let running = editing_window(&recovery, &file, "Running edits");
    let live_copy = running.state().files.recovery.copy_path().expect("copy").to_path_buf();
    assert_eq!(recovery_copies(&recovery).len(), 2);

    let mut h = window(PowerplotApp::new(demo_project(), None).with_recovery(RecoveryDir::at(&recovery)));
    let offered = h.state().files.recovery.offer().expect("the crashed window's copy is offered");
    assert_eq!(offered.project.name, "Crashed edits");
    h.get_by_label("Discard recovery copy").click();
    h.run();
    assert_eq!(recovery_copies(&recovery), vec![live_copy], "only the crashed window's copy is removed");
    drop(running);
}
