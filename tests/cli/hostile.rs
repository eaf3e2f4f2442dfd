//! Hostile files and names on the command line: special files never block, names cannot forge terminal output
//! or flood it, export file names stay unique and short whatever the scenarios are called, an export that
//! stops says what it left, and scenarios sharing a name are picked by number.

use crate::support as cli_support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use powerplot::model::demo::demo_project;
use powerplot::model::{Project, Scenario};
use powerplot::project_file::save_project;

/// Runs `command`, failing the test if it has not finished after two minutes (it blocked; exports of several
/// slides take seconds even on a loaded machine).
fn finishes(mut command: Command) -> Output {
    let mut child = command
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let deadline = Instant::now() + Duration::from_secs(120);
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the command blocked");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

fn run(args: &[&std::ffi::OsStr]) -> Output {
    let mut command = cli_support::headless_powerplot();
    command.args(args);
    finishes(command)
}

/// `powerplot export FILE --scale 0.25` with each `(flag, folder)` of `outputs` and `more` arguments.
fn export(file: &Path, outputs: &[(&str, &Path)], more: &[&str]) -> Output {
    let mut command = cli_support::headless_powerplot();
    command.arg("export").arg(file).args(["--scale", "0.25"]).args(more);
    for (flag, folder) in outputs {
        command.arg(flag).arg(folder);
    }
    finishes(command)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The demo with its first scenario's first component renamed to `name`.
fn demo_with_component_name(dir: &Path, name: &str) -> PathBuf {
    let mut project = demo_project();
    project.scenarios[0].components[0].name = name.to_string();
    let path = dir.join("named.ron");
    save_project(&path, &project).expect("saved");
    path
}

fn with_scenarios(dir: &Path, names: &[&str]) -> PathBuf {
    let template = demo_project().scenarios.into_iter().find(|s| s.name == "Full AI").expect("Full AI");
    let scenarios = names.iter().map(|n| Scenario { name: n.to_string(), ..template.clone() }).collect();
    let path = dir.join("names.ron");
    save_project(&path, &Project { name: "Odd names".into(), scenarios }).expect("saved");
    path
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[cfg(unix)]
#[test]
fn check_and_report_of_a_named_pipe_say_what_it_is_and_do_not_block() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pipe = dir.path().join("p.ron");
    assert!(Command::new("mkfifo").arg(&pipe).status().expect("mkfifo").success());
    let out = run(&["check".as_ref(), pipe.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stdout).contains("p.ron is not a Powerplot project: it is a named pipe (FIFO)"), "{out:?}");
    let out = run(&["report".as_ref(), pipe.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("named pipe"), "{out:?}");
}

#[test]
fn control_characters_in_names_reach_the_terminal_escaped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = demo_with_component_name(dir.path(), "Hall \u{1b}[31mRED\u{1b}[0m\u{7}");
    let mut project = powerplot::project_file::load_project(&path).expect("loads");
    project.scenarios[0].name = "Stay \u{1b}]0;owned\u{7}mining".into();
    save_project(&path, &project).expect("saved");

    let table = run(&["report".as_ref(), path.as_os_str()]);
    assert!(table.status.success(), "{table:?}");
    let table = text(&table.stdout);
    assert!(!table.contains('\u{1b}') && !table.contains('\u{7}'), "raw control characters in:\n{table}");
    assert!(table.contains("Stay \\u{1b}]0;owned"), "the name is shown, escaped: {table}");

    let json = run(&["report".as_ref(), "--json".as_ref(), path.as_os_str()]);
    assert!(!text(&json.stdout).contains('\u{1b}'), "JSON escapes them itself");
}

#[test]
fn a_name_holding_a_line_break_cannot_forge_an_ok_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fake = format!("x\n{}: ok (3 scenarios)\n", dir.path().join("named.ron").display());
    let path = demo_with_component_name(dir.path(), &fake);
    // Make the file one `check` refuses: a negative lead time beside the forged name.
    let broken = std::fs::read_to_string(&path).expect("read").replacen("lead_time_months: ", "lead_time_months: -", 1);
    std::fs::write(&path, broken).expect("write");
    let out = run(&["check".as_ref(), path.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    let stdout = text(&out.stdout);
    assert_eq!(stdout.lines().count(), 1, "one line per problem file:\n{stdout}");
    assert!(!stdout.lines().any(|l| l.ends_with(": ok (3 scenarios)")), "a forged ok line:\n{stdout}");
}

#[test]
fn a_huge_name_does_not_flood_check() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = demo_with_component_name(dir.path(), "Hall A");
    let huge = std::fs::read_to_string(&path).expect("read").replacen(
        "\"Hall A\"",
        &format!("\"{}\"", "n".repeat(5_000_000)),
        1,
    );
    std::fs::write(&path, huge).expect("write");
    let out = run(&["check".as_ref(), path.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.len() < 2_000, "check printed {} bytes", out.stdout.len());
    assert!(text(&out.stdout).contains("(5,000,000 characters)"), "{}", text(&out.stdout));
}

#[test]
fn scenarios_whose_names_make_the_same_file_stem_get_files_of_their_own() {
    let dir = tempfile::tempdir().expect("temp dir");
    let names = ["Full AI", "full ai", "", "!!!", "..", "/"];
    let path = with_scenarios(dir.path(), &names);
    let (slides, report) = (dir.path().join("slides"), dir.path().join("report"));
    let out = export(&path, &[("--slides", &slides), ("--report", &report)], &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        files_in(&slides),
        [
            "slide-1-full-ai.png",
            "slide-2-full-ai.png",
            "slide-3-scenario.png",
            "slide-4-scenario.png",
            "slide-5-scenario.png",
            "slide-6-scenario.png"
        ]
    );
    let sites: Vec<String> = files_in(&report).into_iter().filter(|n| n.starts_with("site-")).collect();
    assert_eq!(sites.len(), names.len(), "one site plan per scenario: {sites:?}");

    // The same project exported again gives the same names (links in an earlier report stay right).
    let again = export(&path, &[("--slides", &slides)], &[]);
    assert!(again.status.success());
    assert_eq!(files_in(&slides).len(), names.len());
}

#[test]
fn a_long_name_of_wide_characters_exports_with_short_file_names() {
    let dir = tempfile::tempdir().expect("temp dir");
    let long = "é".repeat(200); // 200 characters (the limit), 400 bytes
    let path = with_scenarios(dir.path(), &[&long]);
    let (slides, report, plots) = (dir.path().join("s"), dir.path().join("r"), dir.path().join("p"));
    let out = export(&path, &[("--slides", &slides), ("--report", &report), ("--plots", &plots)], &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    for folder in [&slides, &report, &plots] {
        for name in files_in(folder) {
            assert!(name.len() <= 100, "{name} is {} bytes", name.len());
        }
    }
    assert_eq!(files_in(&plots).len(), powerplot::app::dashboard::plots::PlotKind::ALL.len(), "one file per plot");
}

#[test]
fn an_export_that_stops_says_which_files_it_left() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = with_scenarios(dir.path(), &["One", "Two", "Three"]);
    let slides = dir.path().join("slides");
    // A folder where the second slide should go makes writing it fail.
    std::fs::create_dir_all(slides.join("slide-2-two.png")).expect("folder");
    let out = export(&path, &[("--slides", &slides)], &[]);
    assert!(!out.status.success());
    let stderr = text(&out.stderr);
    assert!(stderr.contains("slide-2-two.png"), "{stderr}");
    assert!(stderr.contains("1 file was written before is complete") && stderr.contains("slide-1-one.png"), "{stderr}");
    assert_eq!(files_in(&slides), ["slide-1-one.png", "slide-2-two.png"], "no cut-off or temporary file is left");
}

#[test]
fn scenarios_sharing_a_name_are_picked_by_number() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = with_scenarios(dir.path(), &["Same", "Other", "Same"]);
    let check = run(&["check".as_ref(), path.as_os_str()]);
    assert!(check.status.success());
    assert!(text(&check.stdout).contains("scenarios 1, 3 are all named \"Same\""), "{}", text(&check.stdout));

    let csv = dir.path().join("third.csv");
    let by_name = export(&path, &[("--csv", &csv)], &["--scenario", "Same"]);
    assert_eq!(by_name.status.code(), Some(2));
    assert!(
        text(&by_name.stderr).contains("2 scenarios are named \"Same\" (numbers 1, 3)"),
        "{}",
        text(&by_name.stderr)
    );
    assert!(!csv.exists());

    let by_number = export(&path, &[("--csv", &csv)], &["--scenario", "3"]);
    assert!(by_number.status.success(), "{}", text(&by_number.stderr));
    assert!(csv.is_file());
    let unknown = export(&path, &[("--csv", &csv)], &["--scenario", "9"]);
    assert!(
        text(&unknown.stderr).contains("the project has: Same (1), Other (2), Same (3)"),
        "{}",
        text(&unknown.stderr)
    );
}
