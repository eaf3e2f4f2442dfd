//! Saving is atomic: whatever fails, the old file stays whole, the previous version is kept as NAME.ron.bak
//! (never replaced by a broken one), no temporary file is left behind, and leftovers of killed saves are
//! removed by the next save. Special files (named pipes) are never opened.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use powerplot::model::demo::demo_project;
use powerplot::model::{Project, Scenario};
use powerplot::project_file::{
    SaveError, WriteSteps, backup_path, load_project, save_project, save_project_with, save_project_with_steps,
    to_ron_string, write_file_atomically,
};
#[cfg(unix)]
use std::os::unix::fs::FileTypeExt;

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

/// Steps whose hard link is not supported (as on FAT or some network shares), so the backup is copied
/// through `write`; the `fail_on`-th write (1-based) finds the disk full halfway.
fn save_failing_write(path: &Path, project: &Project, fail_on: usize) -> Result<(), SaveError> {
    let mut calls = 0;
    let mut write = |file: &mut fs::File, bytes: &[u8]| {
        calls += 1;
        if calls == fail_on { fail_halfway(file, bytes) } else { file.write_all(bytes) }
    };
    let no_links = |_: &Path, _: &Path| Err(io::Error::new(io::ErrorKind::Unsupported, "no hard links here"));
    let mut steps = WriteSteps { write: &mut write, link: &no_links };
    save_project_with_steps(path, project, &mut steps).map(|_| ())
}

#[test]
fn a_full_disk_while_copying_the_backup_keeps_the_old_backup_and_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.ron");
    save_project(&path, &small_project("First")).unwrap();
    save_project(&path, &demo_project()).unwrap();
    let (old, old_bak) = (fs::read(&path).unwrap(), fs::read(backup_path(&path)).unwrap());

    // The new content (write 1) fits; copying the old file to the backup (write 2) fills the disk.
    let err = save_failing_write(&path, &small_project("Third"), 2).unwrap_err();
    assert!(matches!(err, SaveError::Backup { .. }), "{err:?}");
    assert_eq!(fs::read(&path).unwrap(), old, "the file changed");
    assert_eq!(fs::read(backup_path(&path)).unwrap(), old_bak, "the good backup was replaced");
    assert_eq!(load_project(&backup_path(&path)).unwrap().name, "First");
    assert_eq!(names(dir.path()), ["demo.ron", "demo.ron.bak"], "a temporary file was left behind");
}

#[test]
fn a_full_disk_while_making_the_first_backup_leaves_no_broken_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.ron");
    save_project(&path, &demo_project()).unwrap();
    let old = fs::read(&path).unwrap();
    assert!(save_failing_write(&path, &small_project("Second"), 2).is_err());
    assert_eq!(fs::read(&path).unwrap(), old);
    assert_eq!(names(dir.path()), ["demo.ron"], "no backup at all rather than a broken one");
}

#[test]
fn without_hard_links_the_backup_is_a_complete_copy() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("site.ron");
    save_project(&path, &small_project("First")).unwrap();
    save_failing_write(&path, &small_project("Second"), usize::MAX).unwrap();
    assert_eq!(load_project(&path).unwrap().name, "Second");
    assert_eq!(load_project(&backup_path(&path)).unwrap().name, "First");
    assert_eq!(names(dir.path()), ["site.ron", "site.ron.bak"]);
}

#[test]
fn temporary_files_left_by_killed_saves_are_removed_by_the_next_save_and_live_ones_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("site.ron");
    save_project(&path, &small_project("First")).unwrap();
    // What a save killed mid-way leaves (its process, 4000000000, is gone: nobody holds the files).
    for stale in [".site.ron.4000000000.0.tmp", ".site.ron.4000000000.1.tmp", ".site.ron.bak.4000000000.0.tmp"] {
        fs::write(dir.path().join(stale), "half a project").unwrap();
    }
    // A save running right now in another process holds its temporary file locked.
    let live = dir.path().join(".site.ron.4000000001.0.tmp");
    let held = fs::File::create(&live).unwrap();
    held.lock().unwrap();
    fs::write(dir.path().join(".other.ron.4000000000.0.tmp"), "another file's").unwrap();

    save_project(&path, &small_project("Second")).unwrap();
    assert_eq!(
        names(dir.path()),
        [".other.ron.4000000000.0.tmp", ".site.ron.4000000001.0.tmp", "site.ron", "site.ron.bak"],
        "the dead saves' files are gone; the running save's and other files' stay"
    );
    drop(held);
    save_project(&path, &small_project("Third")).unwrap();
    assert!(!live.exists(), "once its save is gone, its file is removed too");
}

/// Runs `f` on another thread and fails the test if it does not return within ten seconds (it blocked).
#[cfg(unix)]
fn within_seconds<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = send.send(f());
    });
    receive.recv_timeout(std::time::Duration::from_secs(10)).expect("it blocked on the named pipe")
}

#[cfg(unix)]
fn named_pipe(dir: &Path, name: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    let made = std::process::Command::new("mkfifo").arg(&path).status().expect("mkfifo runs");
    assert!(made.success());
    path
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_neither_read_nor_written_and_nothing_blocks() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = named_pipe(dir.path(), "p.ron");
    let opened = pipe.clone();
    let err = within_seconds(move || load_project(&opened)).unwrap_err();
    assert!(err.to_string().contains("p.ron is not a Powerplot project: it is a named pipe (FIFO)"), "{err}");
    let saved = pipe.clone();
    let err = within_seconds(move || save_project(&saved, &small_project("First"))).unwrap_err();
    assert!(err.to_string().contains("named pipe"), "{err}");
    assert!(fs::symlink_metadata(&pipe).unwrap().file_type().is_fifo(), "the pipe is left as it was");
    let written = pipe.clone();
    let err = within_seconds(move || write_file_atomically(&written, b"month,revenue\n")).unwrap_err();
    assert!(err.to_string().contains("named pipe"), "{err}");
}
