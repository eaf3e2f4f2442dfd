//! Saving is atomic: whatever fails, the old file stays whole, the previous version is kept as NAME.ron.bak,
//! and no temporary file is left behind.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use powerplot::model::demo::demo_project;
use powerplot::model::{Project, Scenario};
use powerplot::project_file::{SaveError, backup_path, load_project, save_project, save_project_with, to_ron_string};

fn small_project(name: &str) -> Project {
    Project { name: name.to_string(), scenarios: vec![Scenario::new("Base case")] }
}

/// Every file in `dir`, by name.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

/// A write that gets halfway and then finds the disk full.
fn fail_halfway(file: &mut fs::File, bytes: &[u8]) -> io::Result<()> {
    file.write_all(&bytes[..bytes.len() / 2])?;
    Err(io::Error::other("no space left on device"))
}

#[test]
fn a_first_save_creates_the_file_and_no_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("site.ron");
    save_project(&path, &demo_project()).unwrap();
    assert_eq!(load_project(&path).unwrap(), demo_project());
    assert_eq!(names(dir.path()), ["site.ron"]);
}

#[test]
fn saving_over_a_file_keeps_the_previous_version_as_bak() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("site.ron");
    save_project(&path, &small_project("First")).unwrap();
    save_project(&path, &small_project("Second")).unwrap();
    assert_eq!(load_project(&path).unwrap().name, "Second");
    assert_eq!(backup_path(&path), dir.path().join("site.ron.bak"));
    assert_eq!(load_project(&backup_path(&path)).unwrap().name, "First");
    assert_eq!(names(dir.path()), ["site.ron", "site.ron.bak"]);
}

#[test]
fn a_failed_write_leaves_the_old_file_and_backup_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("site.ron");
    save_project(&path, &small_project("First")).unwrap();
    save_project(&path, &small_project("Second")).unwrap();
    let (old, old_bak) = (fs::read(&path).unwrap(), fs::read(backup_path(&path)).unwrap());

    let err = save_project_with(&path, &demo_project(), fail_halfway).unwrap_err();
    assert!(matches!(err, SaveError::Io { .. }), "{err:?}");
    let text = err.to_string();
    assert!(text.contains("site.ron") && text.contains("no space left"), "{text}");
    assert_eq!(fs::read(&path).unwrap(), old, "the old file changed");
    assert_eq!(fs::read(backup_path(&path)).unwrap(), old_bak, "the backup changed");
    assert_eq!(names(dir.path()), ["site.ron", "site.ron.bak"], "a temporary file was left behind");
}

#[test]
fn a_failed_first_save_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("site.ron");
    assert!(save_project_with(&path, &demo_project(), fail_halfway).is_err());
    assert!(names(dir.path()).is_empty());
}

#[test]
fn a_failed_backup_stops_the_save_before_the_file_changes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("site.ron");
    save_project(&path, &small_project("First")).unwrap();
    let old = fs::read(&path).unwrap();
    // A folder where the backup should go makes copying the old file there fail.
    fs::create_dir(backup_path(&path)).unwrap();
    fs::write(backup_path(&path).join("keep.txt"), "x").unwrap();

    let err = save_project(&path, &small_project("Second")).unwrap_err();
    assert!(matches!(err, SaveError::Backup { .. }), "{err:?}");
    assert!(err.to_string().contains("site.ron.bak"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), old);
    assert_eq!(names(dir.path()), ["site.ron", "site.ron.bak"]);
}

#[test]
fn a_failed_rename_leaves_the_target_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("site.ron");
    fs::create_dir(&target).unwrap();
    fs::write(target.join("inside.txt"), "x").unwrap();
    assert!(matches!(save_project(&target, &demo_project()), Err(SaveError::Io { .. })));
    assert_eq!(names(dir.path()), ["site.ron"]);
    assert_eq!(names(&target), ["inside.txt"]);
}

#[test]
fn the_file_on_disk_is_exactly_to_ron_string() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("site.ron");
    save_project(&path, &demo_project()).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), to_ron_string(&demo_project()));
}

#[test]
fn a_project_too_large_to_open_again_is_not_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("site.ron");
    let huge = small_project(&"x".repeat(33 * 1024 * 1024));
    let err = save_project(&path, &huge).unwrap_err();
    assert!(matches!(err, SaveError::TooLarge { .. }), "{err:?}");
    assert!(names(dir.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn saving_through_a_link_updates_the_linked_file() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.ron");
    let link = dir.path().join("link.ron");
    save_project(&real, &small_project("First")).unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    save_project(&link, &small_project("Second")).unwrap();
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert_eq!(load_project(&real).unwrap().name, "Second");
}

#[cfg(unix)]
#[test]
fn saving_keeps_the_file_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("site.ron");
    save_project(&path, &small_project("First")).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    save_project(&path, &small_project("Second")).unwrap();
    assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
}
