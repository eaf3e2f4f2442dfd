//! Files as a user meets them, driven through the real app without a GPU: the unsaved marker, Save through
//! the in-app dialog, the question before unsaved changes are lost, broken files, recent files, dropped files.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use powerplot::app::PowerplotApp;
use powerplot::app::edit::EditCommand;
use powerplot::app::file_ops::GuardedAction;
use powerplot::app::prefs::{Prefs, RECENT_LIMIT};
use powerplot::model::demo::demo_project;
use powerplot::project_file::{self, RecoveryDir};

fn harness(app: PowerplotApp) -> Harness<'static, PowerplotApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_ui_state(|ui, app: &mut PowerplotApp| app.ui_root(ui), app);
    h.run();
    h
}

/// An edit a user could make: renaming the project.
fn make_an_edit(h: &mut Harness<'_, PowerplotApp>) {
    assert!(h.state_mut().edit(EditCommand::RenameProject { name: "Edited site".into() }));
    h.run();
}

fn ctrl(h: &mut Harness<'_, PowerplotApp>, key: egui::Key) {
    h.key_press_modifiers(egui::Modifiers::COMMAND, key);
    h.run();
}

fn shows(h: &Harness<'_, PowerplotApp>, text: &str) -> bool {
    h.query_by_label_contains(text).is_some()
}

/// A project file with the demo project, saved in `dir`.
fn saved_demo(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    project_file::save_project(&path, &demo_project()).expect("the temp folder is writable");
    path
}

/// Types `path` into the in-app dialog's path field and presses its confirm button.
fn choose_in_app(h: &mut Harness<'_, PowerplotApp>, path: &Path, button: &str) {
    h.get_by_role_and_label(Role::TextInput, "Path").set_text_value_accesskit(&path.display().to_string());
    h.run();
    h.get_by_label(button).click();
    h.run();
}

#[test]
fn the_unsaved_marker_appears_after_an_edit_and_clears_after_save_through_the_in_app_dialog() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness(PowerplotApp::new(demo_project(), None));
    assert!(!h.state().title().contains('●'), "{}", h.state().title());

    make_an_edit(&mut h);
    assert!(h.state().title().starts_with("● Untitled"), "{}", h.state().title());

    ctrl(&mut h, egui::Key::S);
    assert!(shows(&h, "Save project as"), "a never-saved project asks where to save it");
    let target = dir.path().join("my site");
    choose_in_app(&mut h, &target, "Save");

    let saved = dir.path().join("my site.ron");
    assert!(!shows(&h, "Save project as"), "the dialog closed");
    assert!(!h.state().doc.is_dirty());
    assert!(h.state().title().starts_with("my site.ron — Edited site"), "{}", h.state().title());
    assert_eq!(project_file::load_project(&saved).expect("saved file loads"), h.state().doc.project);
    assert_eq!(h.state().files.recent.paths().first(), Some(&saved));

    make_an_edit_again(&mut h);
    ctrl(&mut h, egui::Key::S);
    assert!(!shows(&h, "Save project as"), "a project with a file saves to it without asking");
    assert!(!h.state().doc.is_dirty());
    assert_eq!(project_file::load_project(&saved).expect("saved file loads").name, "Renamed again");
}

fn make_an_edit_again(h: &mut Harness<'_, PowerplotApp>) {
    assert!(h.state_mut().edit(EditCommand::RenameProject { name: "Renamed again".into() }));
    h.run();
    assert!(h.state().title().starts_with('●'));
}

#[test]
fn the_in_app_dialog_refuses_a_folder_that_does_not_exist_and_stays_open() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness(PowerplotApp::new(demo_project(), None));
    make_an_edit(&mut h);
    ctrl(&mut h, egui::Key::S);
    choose_in_app(&mut h, &dir.path().join("missing").join("site.ron"), "Save");
    assert!(shows(&h, "does not exist"));
    assert!(shows(&h, "Save project as"));
    assert!(h.state().doc.is_dirty());

    h.get_by_role_and_label(Role::TextInput, "Path")
        .set_text_value_accesskit(&dir.path().join("site").display().to_string());
    h.run();
    assert!(!shows(&h, "does not exist"), "the complaint goes once the path is changed");
    h.get_by_label("Save").click();
    h.run();
    assert_eq!(h.state().doc.path.as_deref(), Some(dir.path().join("site.ron").as_path()), "the extension is added");
    assert!(!h.state().doc.is_dirty());
}

#[test]
fn a_failed_save_says_so_and_keeps_the_document_unsaved() {
    let dir = tempfile::tempdir().expect("temp dir");
    // A path whose "folder" is a file: no file system lets anyone write there, root included.
    let blocker = dir.path().join("not a folder");
    std::fs::write(&blocker, "x").expect("write");
    let mut h = harness(PowerplotApp::new(demo_project(), Some(blocker.join("site.ron"))));
    make_an_edit(&mut h);
    ctrl(&mut h, egui::Key::S);
    assert!(shows(&h, "The project was not saved"));
    assert!(h.state().doc.is_dirty());
    assert!(h.state().title().starts_with('●'));
}

#[test]
fn new_with_unsaved_changes_asks_first_and_cancel_keeps_the_document() {
    let mut h = harness(PowerplotApp::new(demo_project(), None));
    make_an_edit(&mut h);
    let before = h.state().doc.project.clone();

    ctrl(&mut h, egui::Key::N);
    assert!(shows(&h, "Unsaved changes"));
    h.get_by_label("Cancel").click();
    h.run();
    assert!(!shows(&h, "Unsaved changes"));
    assert_eq!(h.state().doc.project, before);
    assert!(h.state().doc.is_dirty());

    ctrl(&mut h, egui::Key::N);
    h.get_by_label("Discard").click();
    h.run();
    assert_eq!(h.state().doc.project.name, "Untitled site");
    assert_eq!(h.state().doc.scenario().components.len(), 0);
    assert!(!h.state().doc.is_dirty());
}

#[test]
fn new_without_changes_does_not_ask() {
    let mut h = harness(PowerplotApp::new(demo_project(), None));
    ctrl(&mut h, egui::Key::N);
    assert!(!shows(&h, "Unsaved changes"));
    assert_eq!(h.state().doc.project.name, "Untitled site");
}

#[test]
fn save_in_the_question_saves_then_goes_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = saved_demo(dir.path(), "site.ron");
    let mut h = harness(PowerplotApp::new(demo_project(), Some(path.clone())));
    make_an_edit(&mut h);
    ctrl(&mut h, egui::Key::N);
    h.get_by_label("Save").click();
    h.run();
    assert_eq!(project_file::load_project(&path).expect("loads").name, "Edited site");
    assert_eq!(h.state().doc.project.name, "Untitled site", "then the new project was started");
}

#[test]
fn quit_with_unsaved_changes_asks_and_closes_only_after_discard() {
    let mut h = harness(PowerplotApp::new(demo_project(), None));
    make_an_edit(&mut h);
    ctrl(&mut h, egui::Key::Q);
    assert!(shows(&h, "before quitting"));
    assert!(!h.state().files.close_confirmed());
    h.get_by_label("Discard").click();
    h.step();
    assert!(h.state().files.close_confirmed());
    assert!(sent_close(&h));
}

#[test]
fn closing_the_window_with_unsaved_changes_is_cancelled_and_asks() {
    let mut h = harness(PowerplotApp::new(demo_project(), None));
    make_an_edit(&mut h);
    h.input_mut().viewports.entry(egui::ViewportId::ROOT).or_default().events.push(egui::ViewportEvent::Close);
    h.step();
    let commands = &h.output().viewport_output[&egui::ViewportId::ROOT].commands;
    assert!(commands.contains(&egui::ViewportCommand::CancelClose), "{commands:?}");
    h.run();
    assert!(shows(&h, "before quitting"));
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().doc.is_dirty(), "still open with the changes");
}

fn sent_close(h: &Harness<'_, PowerplotApp>) -> bool {
    h.output().viewport_output[&egui::ViewportId::ROOT].commands.contains(&egui::ViewportCommand::Close)
}

#[test]
fn opening_a_broken_file_shows_the_loaders_message_and_keeps_the_document() {
    let dir = tempfile::tempdir().expect("temp dir");
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "(name: \"Half a site\", scenarios: [(name: \"x\", ").expect("write");
    let mut h = harness(PowerplotApp::new(demo_project(), None));
    make_an_edit(&mut h);
    let before = h.state().doc.project.clone();
    let expected = project_file::load_project(&broken).expect_err("broken").to_string();

    ctrl(&mut h, egui::Key::O);
    h.get_by_label("Discard").click();
    h.run();
    assert!(shows(&h, "Open project"));
    choose_in_app(&mut h, &broken, "Open");

    assert!(shows(&h, "Cannot open the file"));
    assert!(h.query_by_label(&expected).is_some(), "the loader's own message: {expected}");
    assert_eq!(h.state().doc.project, before, "the open document is untouched");
    h.get_by_label("OK").click();
    h.run();
    assert!(!shows(&h, "Cannot open the file"));
}

#[test]
fn opening_a_file_replaces_the_document_and_its_title() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut project = demo_project();
    project.name = "Other site".into();
    let path = dir.path().join("other.ron");
    project_file::save_project(&path, &project).expect("write");
    let mut h = harness(PowerplotApp::new(demo_project(), None));
    ctrl(&mut h, egui::Key::O);
    choose_in_app(&mut h, &path, "Open");
    assert_eq!(h.state().doc.project, project);
    assert_eq!(h.state().doc.path.as_deref(), Some(path.as_path()));
    assert!(h.state().title().starts_with("other.ron — Other site"), "{}", h.state().title());
}

#[test]
fn the_recent_list_puts_the_latest_first_and_drops_missing_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let a = saved_demo(dir.path(), "a.ron");
    let b = saved_demo(dir.path(), "b.ron");
    let gone = dir.path().join("gone.ron");
    let prefs = Prefs { recent_files: vec![b.clone(), gone.clone(), a.clone()], ..Prefs::default() };
    let mut h = harness(PowerplotApp::new(demo_project(), None).with_prefs(prefs));
    assert_eq!(h.state().files.recent.paths(), [b.clone(), a.clone()], "a missing file is dropped at start");

    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Open Recent").hover();
    h.run();
    h.get_by_label("a.ron").click();
    h.run();
    assert_eq!(h.state().doc.path.as_deref(), Some(a.as_path()));
    assert_eq!(h.state().files.recent.paths(), [a.clone(), b.clone()], "the file opened moves to the top");

    std::fs::remove_file(&b).expect("remove");
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Open Recent").hover();
    h.run();
    assert!(h.query_by_label("b.ron").is_none(), "a file deleted since is not offered");
    assert_eq!(h.state().prefs().recent_files, [a]);
}

#[test]
fn the_recent_list_keeps_at_most_ten_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness(PowerplotApp::new(demo_project(), None));
    for i in 0..RECENT_LIMIT + 2 {
        let path = saved_demo(dir.path(), &format!("site{i}.ron"));
        let ctx = h.ctx.clone();
        assert!(powerplot::app::file_ops::open_path(h.state_mut(), &ctx, &path));
    }
    let recent = h.state().files.recent.paths();
    assert_eq!(recent.len(), RECENT_LIMIT);
    assert_eq!(recent[0], dir.path().join(format!("site{}.ron", RECENT_LIMIT + 1)));
}

#[derive(Debug)]
pub(crate) struct Dropped(pub(crate) PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_dropped_ron_file_opens_after_asking_about_unsaved_changes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = saved_demo(dir.path(), "dropped.ron");
    let mut h = harness(PowerplotApp::new(demo_project(), None));
    make_an_edit(&mut h);
    h.input_mut().dropped_files.push(Arc::new(Dropped(path.clone())));
    h.run();
    assert!(shows(&h, "before opening another project"));
    assert_eq!(h.state().files.pending_question(), Some(&GuardedAction::OpenPath(path.clone())));
    assert_eq!(h.state().doc.path, None, "nothing replaced before the answer");
    h.get_by_label("Discard").click();
    h.run();
    assert_eq!(h.state().doc.path.as_deref(), Some(path.as_path()));
    assert_eq!(h.state().doc.project, demo_project());
}

#[test]
fn a_dropped_file_that_is_not_a_project_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    // (A dropped PNG or JPEG becomes the underlay: tests/ui/underlay.rs.)
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "not a project").expect("write");
    let mut h = harness(PowerplotApp::new(demo_project(), None));
    h.input_mut().dropped_files.push(Arc::new(Dropped(path)));
    h.run();
    assert!(shows(&h, "is not a Powerplot project"));
    assert_eq!(h.state().doc.path, None);
}

#[test]
fn preferences_round_trip_through_the_app() {
    let prefs = Prefs { dark_mode: false, ui_scale: 1.25, show_grid: false, snap_to_grid: false, ..Prefs::default() };
    let mut h = harness(PowerplotApp::new(demo_project(), None).with_prefs(prefs.clone()));
    assert_eq!(h.state().prefs(), prefs);
    assert!(!h.state().canvas.show_grid && !h.state().canvas.snap, "grid and snap settings reach the canvas");
    assert_eq!(h.ctx.zoom_factor(), 1.25, "the UI scale is applied");
    assert!(!h.ctx.global_style().visuals.dark_mode, "the light theme is applied");
    h.state_mut().dark_mode = true;
    assert!(h.state().prefs().dark_mode);
    h.run();

    let odd = Prefs { ui_scale: 9.0, ..Prefs::default() };
    let app = PowerplotApp::new(demo_project(), None).with_prefs(odd);
    assert_eq!(app.ui_scale, 1.5, "an out-of-range scale from a hand-edited file is clamped");
}

#[test]
fn export_monthly_csv_writes_the_active_scenarios_series() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness(PowerplotApp::new(demo_project(), None));
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export").hover();
    h.run();
    h.get_by_label("Export monthly CSV…").click();
    h.run();
    let out = dir.path().join("series.csv");
    choose_in_app(&mut h, &out, "Export");
    let text = std::fs::read_to_string(&out).expect("the CSV was written");
    assert!(text.starts_with(powerplot::outputs::report::CSV_HEADER));
    let months = demo_project().scenarios[0].assumptions.horizon_months();
    assert_eq!(text.lines().count(), months as usize + 1);
    assert!(shows(&h, "Exported"));
}

/// The recovery copies in `dir` (not the `.lock` files a running window keeps beside its copy).
fn copies_in(dir: &Path) -> Vec<PathBuf> {
    let files: Vec<PathBuf> =
        std::fs::read_dir(dir).map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
    files.into_iter().filter(|p| p.extension().is_some_and(|e| e == "ron")).collect()
}

/// A session that edits a saved project and then crashes (its harness is dropped without closing), leaving
/// its recovery copy behind. Returns the project as it was when it crashed.
fn crash_with_unsaved_work(recovery: &Path, file: &Path) -> powerplot::model::Project {
    let app = PowerplotApp::new(demo_project(), Some(file.to_path_buf())).with_recovery(RecoveryDir::at(recovery));
    let mut h = harness(app);
    assert!(h.state().files.recovery.offer().is_none(), "a clean folder offers nothing");
    // Two edits in one frame: the first autosave (written at once; later ones at most every interval) holds both.
    let scenario = h.state().doc.active;
    let ids: Vec<u64> = h.state().doc.scenario().components.iter().take(2).map(|c| c.id).collect();
    assert!(h.state_mut().edit(EditCommand::RenameProject { name: "Edited site".into() }));
    assert!(h.state_mut().edit(EditCommand::MoveComponents { scenario, ids, dx: 12.5, dy: -3.0 }));
    h.run();
    assert!(h.state().files.recovery.copy_path().is_some_and(Path::is_file), "autosaved while unsaved");
    h.state().doc.project.clone()
}

#[test]
fn after_a_crash_the_next_start_offers_the_recovery_copy_and_restores_the_exact_document() {
    let data = tempfile::tempdir().expect("temp dir");
    let recovery = data.path().join("recovery");
    let file = saved_demo(data.path(), "site.ron");
    let crashed = crash_with_unsaved_work(&recovery, &file);
    assert_eq!(copies_in(&recovery).len(), 1);

    let app = PowerplotApp::new(demo_project(), None).with_recovery(RecoveryDir::at(&recovery));
    let mut h = harness(app);
    assert!(shows(&h, "Restore unsaved work?"));
    assert!(shows(&h, "less than a minute ago"), "it says when the copy was saved");
    assert!(shows(&h, &file.display().to_string()), "and which file it belongs to");
    h.get_by_label("Restore").click();
    h.run();

    assert!(!shows(&h, "Restore unsaved work?"));
    assert_eq!(h.state().doc.project, crashed, "the exact document");
    assert_eq!(h.state().doc.path.as_deref(), Some(file.as_path()));
    assert!(h.state().doc.is_dirty(), "restored work is not in its file yet");
    assert!(h.state().title().starts_with("● site.ron"), "{}", h.state().title());
    let copies = copies_in(&recovery);
    assert_eq!(copies.len(), 1, "the old copy is gone, this session keeps its own: {copies:?}");
    assert_eq!(Some(copies[0].as_path()), h.state().files.recovery.copy_path());

    ctrl(&mut h, egui::Key::S);
    assert!(copies_in(&recovery).is_empty(), "a clean save removes the recovery copy");
    assert_eq!(project_file::load_project(&file).expect("loads"), crashed);
}

#[test]
fn declining_the_recovery_copy_keeps_the_document_and_is_not_asked_again() {
    let data = tempfile::tempdir().expect("temp dir");
    let recovery = data.path().join("recovery");
    let file = saved_demo(data.path(), "site.ron");
    crash_with_unsaved_work(&recovery, &file);

    let mut h = harness(PowerplotApp::new(demo_project(), None).with_recovery(RecoveryDir::at(&recovery)));
    h.get_by_label("Discard recovery copy").click();
    h.run();
    assert_eq!(h.state().doc.project, demo_project());
    assert_eq!(h.state().doc.path, None);
    assert!(copies_in(&recovery).is_empty());

    let h = harness(PowerplotApp::new(demo_project(), None).with_recovery(RecoveryDir::at(&recovery)));
    assert!(!shows(&h, "Restore unsaved work?"));
}

#[test]
fn quitting_without_saving_removes_the_recovery_copy() {
    let data = tempfile::tempdir().expect("temp dir");
    let recovery = data.path().join("recovery");
    let mut h = harness(PowerplotApp::new(demo_project(), None).with_recovery(RecoveryDir::at(&recovery)));
    make_an_edit(&mut h);
    assert_eq!(copies_in(&recovery).len(), 1);
    ctrl(&mut h, egui::Key::Q);
    h.get_by_label("Discard").click();
    h.run();
    assert!(copies_in(&recovery).is_empty(), "closing on purpose is not a crash");
}

#[test]
fn keys_pressed_under_the_question_do_not_touch_the_document_and_escape_cancels_it() {
    let mut h = harness(PowerplotApp::new(demo_project(), None));
    make_an_edit(&mut h);
    ctrl(&mut h, egui::Key::A);
    assert!(!h.state().doc.selection.is_empty(), "every part selected");
    let before = h.state().doc.project.clone();
    ctrl(&mut h, egui::Key::N);
    assert!(shows(&h, "Unsaved changes"));
    h.key_press(egui::Key::Delete);
    h.run();
    assert_eq!(h.state().doc.project, before, "Delete behind the dialog must not remove the selected parts");
    ctrl(&mut h, egui::Key::Z);
    assert_eq!(h.state().doc.project, before, "Ctrl+Z behind the dialog must not undo");
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(!shows(&h, "Unsaved changes"), "Escape answers Cancel");
    assert_eq!(h.state().doc.project, before);
}

#[test]
fn an_opened_site_is_fitted_in_the_view() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut big = demo_project();
    for s in &mut big.scenarios {
        s.boundary = powerplot::model::Rect::new(0.0, 0.0, 4000.0, 2500.0);
    }
    let path = dir.path().join("big.ron");
    project_file::save_project(&path, &big).expect("write");
    let mut h = harness(PowerplotApp::new(demo_project(), None));
    let far_corner_visible = |h: &Harness<'_, PowerplotApp>| {
        let canvas = &h.state().canvas;
        canvas.view.rect.expand(1.0).contains(canvas.world_to_screen(4000.0, 2500.0))
    };
    assert!(!far_corner_visible(&h), "the demo site's view does not reach 4 km");
    ctrl(&mut h, egui::Key::O);
    choose_in_app(&mut h, &path, "Open");
    assert!(far_corner_visible(&h), "the whole new site is in view");
}

#[test]
fn a_failing_autosave_is_reported_once_not_after_every_edit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let blocker = dir.path().join("not a folder");
    std::fs::write(&blocker, "x").expect("write");
    let app = PowerplotApp::new(demo_project(), None).with_recovery(RecoveryDir::at(blocker.join("recovery")));
    let mut h = harness(app);
    make_an_edit(&mut h);
    assert!(shows(&h, "Autosave failed"));
    h.get_by_label("OK").click();
    h.run();
    make_an_edit_again(&mut h);
    assert!(!shows(&h, "Autosave failed"), "one notice per failure, not one per edit");
    assert!(h.state().notices.is_empty());
}

#[test]
fn ctrl_shift_s_asks_for_a_new_file_even_when_the_project_has_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = saved_demo(dir.path(), "site.ron");
    let mut h = harness(PowerplotApp::new(demo_project(), Some(path.clone())));
    make_an_edit(&mut h);
    h.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, egui::Key::S);
    h.run();
    assert!(shows(&h, "Save project as"));
    assert!(h.state().doc.is_dirty(), "nothing saved before a file is chosen");
    choose_in_app(&mut h, &dir.path().join("copy.ron"), "Save");
    assert_eq!(h.state().doc.path.as_deref(), Some(dir.path().join("copy.ron").as_path()));
    assert_eq!(project_file::load_project(&path).expect("loads"), demo_project(), "the old file is untouched");
}
