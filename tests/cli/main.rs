//! Command-line and export tests: the built binary run headless, plot and report exports.

mod commands;
mod deck;
mod export_plots;
mod export_report;
mod financing;
mod hostile;
mod optimize;
mod report_caveats;
mod risk;
mod support;
mod underlay_export;
mod workbook;
