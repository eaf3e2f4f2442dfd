//! What Powerplot writes for people to read, shared by the window and the command line: the KPI table and JSON,
//! the CSV of monthly series, the Markdown report, the comparison of scenarios, the risk and best-mix tables, and
//! the number formats they all use. Nothing here knows of the window.

pub mod caveats;
pub mod comparison;
pub mod deck;
pub mod financing;
pub mod format;
pub mod markdown;
pub mod optimize;
pub mod report;
pub mod risk;
pub mod slide;
pub mod workbook;
