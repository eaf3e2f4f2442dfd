//! The domain: site components, scenarios, assumptions, the catalog of presets, validation and the monthly
//! simulation. Knows nothing of egui, files or clocks.

pub mod assumptions;
pub mod catalog;
pub mod component;
pub mod demo;
pub mod equipment;
pub mod evaluation;
pub mod fields;
pub mod finance;
pub mod financing;
pub mod firm;
pub mod footprint;
pub mod geometry;
pub mod idle;
pub mod interconnection;
pub mod kind_defaults;
pub mod kpis;
pub mod optimize;
pub mod risk;
pub mod scenario;
pub mod schedule;
pub mod sensitivity;
pub mod simulate;
pub mod underlay;
pub mod validate;
pub mod warnings;

pub use assumptions::{Assumptions, Redundancy, YearMonth};
pub use component::{
    AsicHall, BusinessModel, Component, ComponentId, ComponentKind, CoolingPlant, CoolingType, GasTurbine, GpuPod,
    HallCooling, KindTag, Substation,
};
pub use evaluation::{
    CapexClass, CapexItem, ComponentResult, Evaluation, Kpis, LoadState, MonthlySeries, Shortfall, Warning, WarningFix,
    WarningKind,
};
pub use geometry::Rect;
pub use scenario::{Project, Scenario};
pub use simulate::{Shocks, evaluate, evaluate_with};
pub use underlay::{SitePoint, Underlay};
pub use validate::{ValidationError, validate_project, validate_scenario};
