//! Project-file tests: atomic saving, autosave and recovery, the documented format, errors, the examples in
//! saves/, migrations and hostile input.

mod atomic;
mod autosave;
mod dialog;
mod docs;
mod errors;
mod examples;
mod migrations;
mod robustness;
mod two_windows;
