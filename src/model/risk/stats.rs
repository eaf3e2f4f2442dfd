//! Percentiles, means and their standard errors, the fan of cumulative cash flow and the NPV histogram
//! (MODEL.md "Risk (Monte Carlo)", Results).

use serde::Serialize;

/// Pq as MODEL.md defines it: the value at 1-based position ceil(q x N) of the N sorted values, so that q of
/// the draws are at or below it. `percent` is q in whole percent (10, 50, 90), which keeps ceil(q x N) exact
/// (0.1 x 30 is 3.0000000000000004 in floating point). `None` for an empty sample.
pub fn percentile(sorted: &[f64], percent: u32) -> Option<f64> {
    percentile_position(sorted.len(), percent).map(|k| sorted[k - 1])
}

/// The 1-based position ceil(percent x n / 100), at least 1; `None` when n is 0.
pub fn percentile_position(n: usize, percent: u32) -> Option<usize> {
    if n == 0 {
        return None;
    }
    let k = (percent as usize * n).div_ceil(100);
    Some(k.clamp(1, n))
}

/// The figures reported for one result: P10, P50, P90, the mean and the Monte Carlo standard error of the
/// mean (sample standard deviation / sqrt(N)). A figure that does not exist is `None` (JSON null).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Spread {
    pub p10: Option<f64>,
    pub p50: Option<f64>,
    pub p90: Option<f64>,
    pub mean: Option<f64>,
    pub std_error: Option<f64>,
    /// How many draws have the figure.
    pub count: u32,
    /// Too few draws have the figure for its percentiles to mean anything (fewer than
    /// `min_draws_with_figure` of the run's draws): every figure above is then `None`.
    pub withheld: bool,
}

/// The fewest draws that must have a figure before its percentiles are shown: max(100, 5 % of the draws). Below
/// that, a P50 of a few draws (say the one draw of 2,000 whose equity IRR exists) would pass for the run's.
pub fn min_draws_with_figure(total: usize) -> usize {
    (total * 5).div_ceil(100).max(100)
}

impl Spread {
    /// Over every value (sorted here).
    pub fn of(mut values: Vec<f64>) -> Spread {
        values.sort_by(f64::total_cmp);
        let (mean, std_error) = mean_and_error(&values);
        Spread {
            p10: percentile(&values, 10),
            p50: percentile(&values, 50),
            p90: percentile(&values, 90),
            mean,
            std_error,
            count: values.len() as u32,
            withheld: false,
        }
    }

    /// Over the `values` that `total` draws have (a figure some draws lack, such as an equity IRR): withheld
    /// when fewer than `min_draws_with_figure(total)` have it.
    pub fn of_draws(values: Vec<f64>, total: usize) -> Spread {
        if values.len() < min_draws_with_figure(total) {
            return Spread { count: values.len() as u32, withheld: true, ..Spread::default() };
        }
        Spread::of(values)
    }

    /// Over `total` draws of which only `values` have a value and the rest rank above every one of them (a
    /// payback that never comes): a percentile that falls among the rest is `None` ("beyond the horizon");
    /// the mean and its error are over `values`.
    pub fn with_missing_on_top(mut values: Vec<f64>, total: usize) -> Spread {
        values.sort_by(f64::total_cmp);
        let (mean, std_error) = mean_and_error(&values);
        let at = |percent| percentile_position(total, percent).and_then(|k| values.get(k - 1).copied());
        Spread { p10: at(10), p50: at(50), p90: at(90), mean, std_error, count: values.len() as u32, withheld: false }
    }
}

/// Mean and standard error of the mean; the error needs at least two values. Summed in the given order, so the
/// result does not depend on how the draws were shared out between threads.
fn mean_and_error(values: &[f64]) -> (Option<f64>, Option<f64>) {
    let n = values.len();
    if n == 0 {
        return (None, None);
    }
    let mean = values.iter().sum::<f64>() / n as f64;
    if n < 2 {
        return (Some(mean), None);
    }
    let var = values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (n - 1) as f64;
    (Some(mean), Some((var / n as f64).sqrt()))
}

/// Per month: P10, P50 and P90 of the cumulative cash flow over the draws (each month separately), and the
/// base case's.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fan {
    pub p10: Vec<f64>,
    pub p50: Vec<f64>,
    pub p90: Vec<f64>,
    pub base: Vec<f64>,
}

impl Fan {
    /// `paths[i]` is draw i's cumulative cash flow less the base case's (all as long as `base`). A constant
    /// shift keeps the order, so each percentile is the base plus the percentile of the differences.
    pub fn of(paths: &[&[f32]], base: Vec<f64>) -> Fan {
        let months = base.len();
        let mut fan = Fan {
            p10: Vec::with_capacity(months),
            p50: Vec::with_capacity(months),
            p90: Vec::with_capacity(months),
            base,
        };
        let mut column = Vec::with_capacity(paths.len());
        for m in 0..months {
            column.clear();
            column.extend(paths.iter().map(|p| p.get(m).map_or(0.0, |&v| v as f64)));
            column.sort_by(f64::total_cmp);
            let b = fan.base[m];
            fan.p10.push(b + percentile(&column, 10).unwrap_or(0.0));
            fan.p50.push(b + percentile(&column, 50).unwrap_or(0.0));
            fan.p90.push(b + percentile(&column, 90).unwrap_or(0.0));
        }
        fan
    }
}

/// NPV histogram: `counts[k]` draws fall in [low + k x width, low + (k + 1) x width) (the last bin includes its
/// upper edge).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Histogram {
    pub low: f64,
    pub width: f64,
    pub counts: Vec<u32>,
}

pub const HISTOGRAM_BINS: usize = 40;

impl Histogram {
    pub fn of(values: &[f64], bins: usize) -> Histogram {
        let low = values.iter().copied().fold(f64::INFINITY, f64::min);
        let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if values.is_empty() || !low.is_finite() || !high.is_finite() {
            return Histogram::default();
        }
        // A sample with a single value gets one bin around it.
        if high <= low || bins == 0 {
            return Histogram { low, width: low.abs().max(1.0) * 1e-3, counts: vec![values.len() as u32] };
        }
        let width = (high - low) / bins as f64;
        let mut counts = vec![0u32; bins];
        for v in values {
            let k = (((v - low) / width) as usize).min(bins - 1);
            counts[k] += 1;
        }
        Histogram { low, width, counts }
    }

    /// The centre of each bin with its count.
    pub fn bars(&self) -> impl Iterator<Item = (f64, u32)> + '_ {
        self.counts.iter().enumerate().map(|(k, &n)| (self.low + (k as f64 + 0.5) * self.width, n))
    }
}
