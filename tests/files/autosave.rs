//! Autosave and recovery with injected times: copies are written at most once per interval while there are
//! unsaved changes, removed on a clean save or close, and the newest one is found on the next start.

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use powerplot::model::demo::demo_project;
use powerplot::model::{Project, Scenario};
use powerplot::project_file::{AutosaveInput, AutosaveStatus, Autosaver, Recovered, RecoveryDir};

const INTERVAL: Duration = Duration::from_secs(30);

fn at(seconds: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_800_000_000 + seconds)
}

fn project(name: &str) -> Project {
    Project { name: name.to_string(), scenarios: vec![Scenario::new("Base case")] }
}

fn dirty<'a>(project: &'a Project, revision: u64, path: Option<&'a Path>) -> AutosaveInput<'a> {
    AutosaveInput { project, path, revision, dirty: true }
}

fn clean(project: &Project) -> AutosaveInput<'_> {
    AutosaveInput { project, path: None, revision: 0, dirty: false }
}

#[test]
fn nothing_is_written_without_unsaved_changes() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = RecoveryDir::at(dir.path().join("recovery"));
    let mut saver = Autosaver::new(recovery.clone(), INTERVAL);
    assert_eq!(saver.update(at(0), clean(&demo_project())).unwrap(), AutosaveStatus::Clean);
    assert!(!recovery.path().exists());
    assert_eq!(recovery.newest(), None);
}

#[test]
fn a_change_is_written_at_once_and_then_at_most_once_per_interval() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = RecoveryDir::at(dir.path());
    let mut saver = Autosaver::new(recovery.clone(), INTERVAL);
    let original = dir.path().join("site.ron");

    let first = project("First edit");
    assert_eq!(saver.update(at(0), dirty(&first, 1, Some(&original))).unwrap(), AutosaveStatus::Wrote);
    assert_eq!(saver.update(at(5), dirty(&first, 1, Some(&original))).unwrap(), AutosaveStatus::UpToDate);

    let second = project("Second edit");
    assert_eq!(
        saver.update(at(10), dirty(&second, 2, Some(&original))).unwrap(),
        AutosaveStatus::Waiting(Duration::from_secs(20))
    );
    let copy = saver.copy_path().unwrap().to_path_buf();
    assert_eq!(Recovered::read(&copy).unwrap().project, first, "not written before the interval is over");
    assert_eq!(saver.update(at(30), dirty(&second, 2, Some(&original))).unwrap(), AutosaveStatus::Wrote);
    assert_eq!(recovery.newest(), None, "a running window's copy is its own, never offered");

    let copy_path = saver.copy_path().map(Path::to_path_buf);
    drop(saver); // the window is gone (as after a crash): its copy is offered
    let found = recovery.newest().unwrap();
    assert_eq!(found.project, second);
    assert_eq!(found.saved_at, at(30));
    assert_eq!(found.original.as_deref(), Some(original.as_path()));
    assert_eq!(Some(found.file), copy_path);
    let copies = fs::read_dir(dir.path()).unwrap().filter(|e| e.as_ref().unwrap().path().extension().unwrap() == "ron");
    assert_eq!(copies.count(), 1, "one session keeps one copy");
}

#[test]
fn a_clean_save_removes_the_copy() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = RecoveryDir::at(dir.path());
    let mut saver = Autosaver::new(recovery.clone(), INTERVAL);
    let p = demo_project();
    saver.update(at(0), dirty(&p, 1, None)).unwrap();
    let copy = saver.copy_path().unwrap().to_path_buf();
    assert!(copy.is_file());
    assert_eq!(saver.update(at(1), clean(&p)).unwrap(), AutosaveStatus::Clean);
    assert!(!copy.exists());
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0, "the copy and its lock are gone");
    assert_eq!(saver.copy_path(), None);
}

#[test]
fn closing_discards_the_copy() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = RecoveryDir::at(dir.path());
    let mut saver = Autosaver::new(recovery.clone(), INTERVAL);
    let p = project("Unsaved");
    saver.update(at(0), dirty(&p, 1, None)).unwrap();
    saver.discard().unwrap();
    assert_eq!(recovery.newest(), None);
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0, "the copy and its lock are gone");
    saver.discard().unwrap();
}

#[test]
fn the_newest_copy_of_several_sessions_is_found_and_damaged_ones_are_passed_over() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = RecoveryDir::at(dir.path());
    let (older, newer) = (project("Older session"), project("Newer session"));
    let mut late = Autosaver::new(recovery.clone(), INTERVAL);
    late.update(at(600), dirty(&newer, 1, None)).unwrap();
    let mut early = Autosaver::new(recovery.clone(), INTERVAL);
    early.update(at(60), dirty(&older, 1, None)).unwrap();
    drop((late, early)); // both windows crashed
    fs::write(dir.path().join("autosave-9999999999999-1-0.ron"), "(not a copy").unwrap();
    fs::write(dir.path().join("notes.txt"), "not ours").unwrap();

    let found = recovery.newest().unwrap();
    assert_eq!(found.project, newer);
    assert_eq!(found.saved_at, at(600));
    assert_eq!(found.original, None);
}

#[test]
fn clearing_removes_every_copy_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = RecoveryDir::at(dir.path());
    for (i, name) in ["One", "Two"].iter().enumerate() {
        let p = project(name);
        Autosaver::new(recovery.clone(), INTERVAL).update(at(i as u64), dirty(&p, 1, None)).unwrap();
    }
    fs::write(dir.path().join("notes.txt"), "not ours").unwrap();
    recovery.clear().unwrap();
    assert_eq!(recovery.newest(), None);
    assert!(dir.path().join("notes.txt").exists());
    RecoveryDir::at(dir.path().join("never created")).clear().unwrap();
}

#[test]
fn a_failed_write_is_reported_and_retried_after_the_interval() {
    let dir = tempfile::tempdir().unwrap();
    let blocked = dir.path().join("recovery");
    fs::write(&blocked, "a file where the folder should be").unwrap();
    let mut saver = Autosaver::new(RecoveryDir::at(&blocked), INTERVAL);
    let p = project("Unsaved");
    let err = saver.update(at(0), dirty(&p, 1, None)).unwrap_err();
    assert!(err.to_string().contains("recovery"), "{err}");
    assert!(matches!(saver.update(at(1), dirty(&p, 1, None)).unwrap(), AutosaveStatus::Waiting(_)));
    assert!(saver.update(at(31), dirty(&p, 1, None)).is_err());
}

#[test]
fn a_clock_that_goes_back_does_not_block_autosave() {
    let dir = tempfile::tempdir().unwrap();
    let mut saver = Autosaver::new(RecoveryDir::at(dir.path()), INTERVAL);
    let (a, b) = (project("A"), project("B"));
    saver.update(at(1000), dirty(&a, 1, None)).unwrap();
    assert_eq!(saver.update(at(10), dirty(&b, 2, None)).unwrap(), AutosaveStatus::Wrote);
}

#[test]
fn the_default_folder_is_in_the_user_data_folder() {
    if let Some(dir) = RecoveryDir::user_default() {
        assert!(dir.path().ends_with("recovery"), "{}", dir.path().display());
        assert!(dir.path().to_string_lossy().to_lowercase().contains("powerplot"), "{}", dir.path().display());
    }
}

#[test]
fn an_autosave_killed_mid_write_leaves_nothing_after_the_next_answer() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = RecoveryDir::at(dir.path());
    // A window killed while writing its copy (process 4000000000 is gone) left the temporary file.
    let leftover = dir.path().join(".autosave-1800000000000-4000000000-0.ron.4000000000.0.tmp");
    fs::write(&leftover, "half a copy").unwrap();
    fs::write(dir.path().join("notes.txt"), "not ours").unwrap();
    recovery.clear().unwrap();
    assert!(!leftover.exists());
    assert!(dir.path().join("notes.txt").exists());
}
