//! Running the built `powerplot` binary as CI does: no display, no GPU.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The binary with the display variables removed, so a command that needed a window would fail here.
pub fn headless_powerplot() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_powerplot"));
    command.env_remove("DISPLAY").env_remove("WAYLAND_DISPLAY");
    command
}

/// The demo project saved as `demo.ron` in `dir`.
pub fn saved_demo(dir: &Path) -> PathBuf {
    let path = dir.join("demo.ron");
    powerplot::project_file::save_project(&path, &powerplot::model::demo::demo_project()).expect("demo saved");
    path
}
