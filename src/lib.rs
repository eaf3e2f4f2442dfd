//! Powerplot: plan a Bitcoin-mining site's conversion to AI/HPC compute and see what it costs, draws and earns.
//!
//! `model` is the domain (no window code); `project_file` reads and writes project files; `outputs` are the
//! reports, tables and exports that the window and the command line share; `cli` runs the headless commands;
//! `app` is the window.

pub mod app;
pub mod cli;
pub mod model;
pub mod outputs;
pub mod project_file;
