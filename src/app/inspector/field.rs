//! One numeric row of the inspector: the field's label (its source and valid range in a tooltip) and a
//! value that can be dragged or typed. A dragged value stays inside the range; a typed value outside it
//! is refused with a message naming the field, the value and the range.

use egui::{DragValue, Response, Ui};

use crate::model::fields::NumField;
use crate::model::validate;
use crate::outputs::format;

/// What the user did to a row this frame.
#[derive(Debug, Default)]
pub struct RowOutcome {
    /// A new valid value to commit.
    pub value: Option<f64>,
    /// A typed value that was refused, with the reason.
    pub refused: Option<String>,
    pub drag_started: bool,
    pub drag_stopped: bool,
}

/// Widest column of an inspector grid, points: a label column and a value column of this width keep the panel
/// at about 320 points, so the dashboard keeps its room at 1280 x 720.
pub const MAX_COLUMN_WIDTH: f32 = 140.0;

/// An inspector grid: labels and values in two striped columns, each at most `MAX_COLUMN_WIDTH` wide.
pub fn grid(id: &str) -> egui::Grid {
    egui::Grid::new(id).num_columns(2).striped(true).spacing([8.0, 4.0]).max_col_width(MAX_COLUMN_WIDTH)
}

/// Units longer than this are given in the tooltip rather than beside the value, to keep the panel narrow.
const MAX_SUFFIX_CHARS: usize = 16;

pub fn tooltip<T>(f: &NumField<T>) -> String {
    let unit = if f.unit.is_empty() { String::new() } else { format!(" {}", f.unit) };
    let long_unit =
        if f.unit.chars().count() > MAX_SUFFIX_CHARS { format!("Unit: {}\n", f.unit) } else { String::new() };
    format!("{}\n\n{long_unit}Valid range: {}{unit}", f.source, f.range_text())
}

/// How fast a drag changes the value: about 1 % of it per point, whole steps for counts.
fn speed<T>(f: &NumField<T>, value: f64) -> f64 {
    if f.integer {
        (value.abs() * 0.005).max(0.25)
    } else if f.max <= 1.0 {
        0.002
    } else {
        (value.abs() * 0.005).max(0.01)
    }
}

/// Large figures with thousands separators (350,000), small ones with their decimals.
fn display(v: f64, decimals: std::ops::RangeInclusive<usize>) -> String {
    if v.abs() >= 10_000.0 { format::count(v) } else { egui::emath::format_with_decimals_in_range(v, decimals) }
}

/// Accepts what `display` shows ("350,000") as well as plain numbers; not "NaN" or "inf".
fn parse(text: &str) -> Option<f64> {
    text.trim().replace([',', '_'], "").parse().ok().filter(|v: &f64| v.is_finite())
}

/// Adds the label and value cells of one grid row (the caller ends the row).
pub fn num_row<T>(ui: &mut Ui, f: &NumField<T>, value: f64, mixed: bool) -> RowOutcome {
    let tip = tooltip(f);
    // Cut to the grid's column (the full label shows on hover) so that a long label never widens the panel.
    let label = ui.add(egui::Label::new(f.label).truncate()).on_hover_text(&tip);
    let mut v = value;
    // Text that is not a number, kept by the parser so that it can be refused with a message instead of
    // silently reverting.
    let not_a_number = std::cell::RefCell::new(None);
    let response: Response = ui
        .horizontal(|ui| {
            // A typed value is committed once, on Enter or when the field loses focus: committing at every
            // keystroke would make "24000" five undo steps and refuse "0.05" while it reads "0".
            let mut widget = DragValue::new(&mut v)
                .speed(speed(f, value))
                .max_decimals(if f.integer { 0 } else { 6 })
                .custom_formatter(display)
                .custom_parser(|text| {
                    let parsed = parse(text);
                    if parsed.is_none() {
                        *not_a_number.borrow_mut() = Some(text.trim().to_string());
                    }
                    parsed
                })
                .update_while_editing(false);
            if !f.unit.is_empty() && f.unit.chars().count() <= MAX_SUFFIX_CHARS {
                widget = widget.suffix(format!(" {}", f.unit));
            }
            let r = ui.add(widget).labelled_by(label.id).on_hover_text(&tip);
            if mixed {
                ui.weak("(differs)");
            }
            r
        })
        .inner;
    let mut out = RowOutcome {
        drag_started: response.drag_started(),
        drag_stopped: response.drag_stopped(),
        ..Default::default()
    };
    if let Some(text) = not_a_number.into_inner() {
        let unit = if f.unit.is_empty() { String::new() } else { format!(" {}", f.unit) };
        out.refused = Some(format!("{} \"{text}\" is not a number, must be {}{unit}", f.label, f.range_text()));
        return out;
    }
    if response.changed() && v != value {
        if response.dragged() {
            let mut clamped = v.clamp(f.min, f.max);
            if f.integer {
                clamped = clamped.round();
            }
            out.value = Some(clamped);
        } else {
            match validate::check_field(f, v) {
                Ok(()) => out.value = Some(v),
                Err(message) => out.refused = Some(message),
            }
        }
    }
    out
}
