//! Axes shared by the plots: months of the horizon shown as calendar years and months, and money ticks
//! that keep one unit ($k, $M or $B) along an axis.

use std::ops::RangeInclusive;

use egui_plot::{GridInput, GridMark};

use crate::model::YearMonth;

/// Month steps a calendar axis may use, finest first: months, quarters, half-years, years, and multi-year.
const MONTH_STEPS: [f64; 8] = [1.0, 3.0, 6.0, 12.0, 24.0, 60.0, 120.0, 240.0];

/// Grid marks at whole calendar periods after `start`, years on Januaries. `base_step_size` is the plot's
/// smallest grid step (8 px in months); the finest marks are at least that far apart and the coarsest at
/// least eight times that (64 px), wide enough for a tick label.
pub fn month_marks(start: YearMonth, input: &GridInput) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo || input.base_step_size.is_nan() || input.base_step_size <= 0.0 {
        return Vec::new();
    }
    let last = MONTH_STEPS.len() - 1;
    let fine = MONTH_STEPS.iter().position(|&s| s >= input.base_step_size).unwrap_or(last);
    let coarse = MONTH_STEPS.iter().position(|&s| s >= 8.0 * input.base_step_size).unwrap_or(last).max(fine);
    // Each step divides the next, so a mark's step is the same from either side: with both 24 and 60 months,
    // the labels of 2031 (24) and 2032 (60) were drawn on top of each other.
    let mut steps: Vec<f64> = Vec::new();
    for &s in MONTH_STEPS[fine..=coarse].iter().rev() {
        if steps.last().is_none_or(|&coarser| (coarser / s).fract() == 0.0) {
            steps.push(s);
        }
    }
    steps.reverse();
    let finest = steps[0];
    // Calendar month index from January of year 0, so that multiples of 12 fall on Januaries.
    let offset = start.month as f64 - 1.0;
    let mut marks = Vec::new();
    let mut k = ((lo + offset) / finest).ceil();
    while k * finest - offset <= hi && marks.len() < 2000 {
        let calendar = k * finest;
        let step = steps.iter().rev().find(|&&s| (calendar / s).fract().abs() < 1e-9).copied().unwrap_or(finest);
        marks.push(GridMark { value: calendar - offset, step_size: step });
        k += 1.0;
    }
    marks
}

/// Value grid marks at 1, 2 and 5 times a power of ten: the finest at least `base_step_size` apart (8 px),
/// the coarsest at least `label_factor` times that (3 for a y axis, whose labels need 24 px; 8 for an x
/// axis, whose labels need 64 px), so that a small plot still gets several labelled ticks where egui_plot's
/// powers of ten would label only one.
pub fn nice_marks(input: &GridInput, label_factor: f64) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo || input.base_step_size.is_nan() || input.base_step_size <= 0.0 {
        return Vec::new();
    }
    let nice_at_least = |v: f64| {
        let p = 10f64.powf(v.log10().floor());
        [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * p).find(|s| *s >= v).unwrap_or(10.0 * p)
    };
    let fine = nice_at_least(input.base_step_size);
    let coarse = nice_at_least(label_factor * input.base_step_size);
    if (hi - lo) / fine > 2000.0 {
        return Vec::new();
    }
    let mut marks = Vec::new();
    let mut k = (lo / fine).ceil();
    while k * fine <= hi {
        // `+ 0.0` turns -0 into 0, so the zero tick never reads "-0".
        let value = k * fine + 0.0;
        let on_coarse = ((value / coarse).round() * coarse - value).abs() < fine * 1e-6;
        marks.push(GridMark { value, step_size: if on_coarse { coarse } else { fine } });
        k += 1.0;
    }
    marks
}

/// The calendar month `months` after `start` (rounded down, clamped at the start).
pub fn calendar(start: YearMonth, months: f64) -> YearMonth {
    let m = if months.is_finite() { months.floor().clamp(0.0, 100_000.0) } else { 0.0 };
    start.plus_months(m as u32)
}

/// A tick label: the year on Januaries at yearly steps or coarser, else the calendar month.
pub fn month_tick(start: YearMonth, mark: GridMark) -> String {
    let ym = calendar(start, mark.value.round());
    if mark.step_size >= 12.0 { ym.year.to_string() } else { ym.to_string() }
}

/// A money tick in the unit of the axis's largest value, with as many decimals as the tick step needs.
pub fn money_tick(value: f64, step: f64, range: &RangeInclusive<f64>) -> String {
    let largest = range.start().abs().max(range.end().abs());
    let (unit, suffix) = if largest >= 1e9 {
        (1e9, "B")
    } else if largest >= 1e6 {
        (1e6, "M")
    } else if largest >= 1e3 {
        (1e3, "k")
    } else {
        (1.0, "")
    };
    let step_in_unit = (step / unit).abs();
    let decimals = if step_in_unit > 0.0 && step_in_unit < 1.0 { (-step_in_unit.log10()).ceil() as usize } else { 0 };
    let sign = if value < 0.0 { "-" } else { "" };
    format!("{sign}${:.*}{suffix}", decimals.min(3), (value / unit).abs())
}

/// The month index under the cursor's x position, within `0..months`.
pub fn month_at(x: f64, months: usize) -> Option<usize> {
    if months == 0 || !x.is_finite() {
        return None;
    }
    Some(x.round().clamp(0.0, (months - 1) as f64) as usize)
}

/// A calendar x axis for monthly plots: year and month ticks, labelled "Calendar month".
pub fn calendar_x<'a>(plot: egui_plot::Plot<'a>, start: YearMonth) -> egui_plot::Plot<'a> {
    plot.x_axis_label("Calendar month")
        .x_grid_spacer(move |input| month_marks(start, &input))
        .x_axis_formatter(move |mark, _range| month_tick(start, mark))
}

/// A y axis in dollars with one unit along it.
pub fn money_y<'a>(plot: egui_plot::Plot<'a>, label: &str) -> egui_plot::Plot<'a> {
    plot.y_axis_label(label.to_string()).y_axis_formatter(|mark, range| money_tick(mark.value, mark.step_size, range))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yearly_marks_fall_on_januaries() {
        let start = YearMonth::new(2027, 4);
        let marks = month_marks(start, &GridInput { bounds: (0.0, 40.0), base_step_size: 10.0 });
        let years: Vec<String> = marks.iter().filter(|m| m.step_size >= 12.0).map(|m| month_tick(start, *m)).collect();
        assert_eq!(years, ["2028", "2029", "2030"]);
        assert!(marks.iter().all(|m| calendar(start, m.value).month == 1));
        // A narrow plot: quarter lines, and labels only every few years.
        let narrow = month_marks(start, &GridInput { bounds: (0.0, 120.0), base_step_size: 3.0 });
        assert!(narrow.iter().any(|m| m.step_size == 3.0));
        assert!(narrow.iter().any(|m| m.step_size == 24.0));
    }

    #[test]
    fn each_month_step_divides_the_next_so_labels_never_collide() {
        let start = YearMonth::new(2027, 1);
        for base in [0.5, 1.0, 2.0, 3.5, 6.5, 9.0, 20.0] {
            let marks = month_marks(start, &GridInput { bounds: (0.0, 120.0), base_step_size: base });
            let mut steps: Vec<f64> = marks.iter().map(|m| m.step_size).collect();
            steps.sort_by(f64::total_cmp);
            steps.dedup();
            for pair in steps.windows(2) {
                assert_eq!((pair[1] / pair[0]).fract(), 0.0, "base {base}: steps {steps:?}");
            }
        }
    }

    #[test]
    fn value_marks_use_one_two_five_steps() {
        let marks = nice_marks(&GridInput { bounds: (-2.0e8, 1.2e9), base_step_size: 4.0e7 }, 3.0);
        let labelled: Vec<f64> = marks.iter().filter(|m| m.step_size == 2.0e8).map(|m| m.value).collect();
        assert_eq!(labelled.first(), Some(&-2.0e8));
        assert_eq!(labelled.len(), 8);
        assert!(marks.iter().any(|m| m.step_size == 5.0e7));
    }

    #[test]
    fn money_ticks_keep_the_axis_unit() {
        let range = 0.0..=2.0e9;
        assert_eq!(money_tick(5.0e8, 5.0e8, &range), "$0.5B");
        assert_eq!(money_tick(1.0e9, 5.0e8, &range), "$1.0B");
        assert_eq!(money_tick(-2.0e7, 1.0e7, &(-5.0e7..=5.0e7)), "-$20M");
    }
}
