//! The command line's arguments: the window on a file, or one of the headless commands.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "powerplot",
    version,
    about = "Plan a mining site's conversion to AI/HPC: capex, power, water, payback"
)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A project file to open in the window (the embedded demo site when omitted).
    pub file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Print every scenario's KPIs as a table (or JSON); the embedded demo project when FILE is omitted.
    Report {
        file: Option<PathBuf>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Validate project files: exit 0 when all are valid, 2 with one line per problem otherwise.
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Run the Monte Carlo risk of each scenario (or one) and print P10/P50/P90 of NPV, equity IRR, payback, full
    /// power and first-year EBITDA as a table (or JSON); the file's own draws and seed unless given.
    Risk {
        file: PathBuf,
        /// Only this scenario.
        #[arg(long)]
        scenario: Option<String>,
        /// Draws per scenario (100 to 100,000).
        #[arg(long)]
        draws: Option<u32>,
        /// Seed of the random streams.
        #[arg(long)]
        seed: Option<u64>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Export a scenario's monthly series (CSV), site plan or plots (PNG), or every scenario as a Markdown report,
    /// slides (PNG), an Excel workbook or a PDF deck.
    /// Pictures are drawn in software: no window or graphics adapter is needed.
    #[command(group(clap::ArgGroup::new("output").required(true).multiple(true).args(["csv", "png", "plots", "report", "slides", "xlsx", "pdf"])))]
    Export {
        file: PathBuf,
        /// Write the monthly series as CSV to this path.
        #[arg(long)]
        csv: Option<PathBuf>,
        /// Draw the scenario's site plan to this PNG file.
        #[arg(long)]
        png: Option<PathBuf>,
        /// Write every dashboard plot of the scenario (capex, power, water, cash flow, timeline, sensitivity) as
        /// its own PNG (1200x520 points) into this folder.
        #[arg(long)]
        plots: Option<PathBuf>,
        /// Write report.md with every scenario's KPIs, assumptions and pictures into this folder.
        #[arg(long)]
        report: Option<PathBuf>,
        /// Write one presentation slide per scenario (PNG, 1366x768 points) into this folder.
        #[arg(long)]
        slides: Option<PathBuf>,
        /// Write the Excel model of every scenario (KPIs with live NPV, IRR and payback formulas, assumptions,
        /// components, monthly series) to this .xlsx file.
        #[arg(long)]
        xlsx: Option<PathBuf>,
        /// Write the investor deck (cover, one page per scenario, comparison, assumptions) to this PDF file.
        #[arg(long)]
        pdf: Option<PathBuf>,

        /// Pixels per point of the pictures: 1 gives a 1200x720 site plan, 2 (the default) 2400x1440.
        #[arg(long, default_value_t = 2.0, value_parser = super::parse_scale)]
        scale: f32,
        /// Draw the pictures in the dark theme (light by default).
        #[arg(long)]
        dark: bool,
        /// The scenario of the CSV, the PNG and the plots, by name or by number (1 is the first; the first when
        /// omitted). Scenarios that share a name are told apart by number.
        #[arg(long)]
        scenario: Option<String>,
    },
    /// Find the best mix for a scenario: which halls to keep, convert or remove, how many new GPU pods, which
    /// cooling plant and whether a new substation pays (MODEL.md "The best mix").
    Optimize(super::optimize::OptimizeArgs),
}
