//! The best mix (MODEL.md "The best mix (optimizer)"): which halls to keep mining, convert or remove, how many
//! new GPU pods to add and how, which cooling plant and whether a new substation pays, found by evaluating
//! candidate designs with the real model.
//!
//! - `design`: the decision variables and how a design turns into a scenario (retrofits, new parts, sizing).
//! - `placement`: greedy placement of new parts inside the boundary.
//! - `full_build`: the full-build figures the constraints read (power, firm capacity, cooling, water).
//! - `objective`: what is maximised, and the score that ranks designs.
//! - `search`: exact enumeration where the space is small, the documented heuristic where it is not.
//!
//! Pure: no egui, no files, no clock. Progress and cancellation go through `Progress` (atomics), so a
//! worker thread can run the search while a window shows how far it got.

pub mod design;
pub mod full_build;
pub mod objective;
pub mod placement;
pub mod search;

pub use design::{ConversionTiming, Design, HallChoice};
pub use objective::{Objective, Score};
pub use search::{Candidate, OptimizeResult, Progress, SearchMode, Settings, optimize};
