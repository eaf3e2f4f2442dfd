//! Monte Carlo risk (MODEL.md "Risk (Monte Carlo)"): the uncertain inputs drawn many times, the whole model run
//! on each draw, and the spread of the results. Pure: no egui, files or clocks; reproducible from (seed, draws)
//! on any number of threads.

pub mod distributions;
pub mod draw;
pub mod rng;
pub mod run;
pub mod settings;
pub mod stats;

pub use run::{DrawOutcome, Optimism, Progress, RiskResult, SKEW_DRAWS, run, run_with};
pub use settings::{
    RISK_FIELDS, RiskInput, RiskSettings, ScheduleInput, Triangle, TriangleInput, UtilizationInput, WalkInput,
};
pub use stats::{Fan, Histogram, Spread, min_draws_with_figure, percentile};
