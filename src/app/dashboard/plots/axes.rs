//! Axes shared by the plots: months of the horizon shown as calendar years and months, and money ticks
//! that keep one unit ($k, $M or $B) along an axis.

use std::ops::RangeInclusive;

use egui_plot::{GridInput, GridMark};

use crate::model::YearMonth;

/// Month steps a calendar axis may use, finest first: months, quarters, half-years, years, and multi-year.
const MONTH_STEPS: [f64; 8] = [1.0, 3.0, 6.0, 12.0, 24.0, 60.0, 120.0, 240.0];

/// Grid marks at whole calendar periods after `start`: the finest step at least as wide as egui_plot asks
/// for, and the next two coarser ones (so years stand out from quarters). Years fall on Januaries.
pub fn month_marks(start: YearMonth, input: &GridInput) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo {
        return Vec::new();
    }
    let first = MONTH_STEPS.iter().position(|&s| s >= input.base_step_size).unwrap_or(MONTH_STEPS.len() - 1);
    let steps: Vec<f64> = MONTH_STEPS[first..].iter().take(3).copied().collect();
    // Month index of the calendar month, counted from January of year 0, so that multiples fall on Januaries.
    let offset = start.month as f64 - 1.0;
    let Some(&finest) = steps.first() else { return Vec::new() };
    let mut marks = Vec::new();
    let mut k = ((lo + offset) / finest).ceil();
    while k * finest - offset <= hi && marks.len() < 1000 {
        let calendar = k * finest;
        let step = steps.iter().rev().find(|&&s| (calendar / s).fract().abs() < 1e-9).copied().unwrap_or(finest);
        marks.push(GridMark { value: calendar - offset, step_size: step });
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
        let years: Vec<String> =
            marks.iter().filter(|m| m.step_size >= 12.0).map(|m| month_tick(start, *m)).collect();
        assert_eq!(years, ["2028", "2029", "2030"]);
        assert!(marks.iter().all(|m| calendar(start, m.value).month == 1));
    }

    #[test]
    fn money_ticks_keep_the_axis_unit() {
        let range = 0.0..=2.0e9;
        assert_eq!(money_tick(5.0e8, 5.0e8, &range), "$0.5B");
        assert_eq!(money_tick(1.0e9, 5.0e8, &range), "$1.0B");
        assert_eq!(money_tick(-2.0e7, 1.0e7, &(-5.0e7..=5.0e7)), "-$20M");
    }
}
