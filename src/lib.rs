//! Powerplot: plan a Bitcoin-mining site's conversion to AI/HPC compute and see what it costs, draws and earns.

pub mod app;
pub mod comparison;
pub mod format;
pub mod model;
pub mod optimize_report;
pub mod project_file;
pub mod report;
pub mod report_financing;
pub mod report_markdown;
pub mod report_risk;
pub mod risk_cli;
