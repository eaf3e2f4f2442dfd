//! Model tests: hand-worked rules, finance against numpy-financial, properties, scale and validation.
//! One crate for the area, so CI links egui once for all of them.

mod catalog;
mod fair_comparison;
mod finance;
mod financing;
mod idle;
mod optimize;
mod phasing;
mod properties;
mod risk;
mod rules;
mod scale;
mod support;
mod validation;
