//! Window tests driven headless through egui_kittest, and the document's undo and dirty state.

mod canvas;
mod canvas_view;
mod dashboard;
mod document;
mod equity;
mod fair_window;
mod files;
mod layout;
mod lock;
mod menus_and_keys;
#[path = "../model/support/mod.rs"]
mod model_support;
mod optimize;
mod phasing;
mod presentation;
mod qa;
mod risk;
mod scenarios;
mod shortcuts;
mod surfaces;
mod underlay;
