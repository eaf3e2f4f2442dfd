//! The Assumptions sheet (every site and scenario assumption with its unit, valid range and source) and the
//! Components sheet (every part of every scenario with its months, what it converts and its state).

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::Formats;
use crate::model::{ComponentKind, Evaluation, LoadState, Project, Shortfall};
use crate::outputs::comparison::{AssumptionValue, assumption_table};
use crate::outputs::format;
use crate::outputs::markdown::settings;

pub fn assumptions(sheet: &mut Worksheet, project: &Project, formats: &Formats) -> Result<(), XlsxError> {
    sheet.set_name("Assumptions")?;
    sheet.write_string_with_format(0, 0, "Every assumption of every scenario, in file units", &formats.title)?;
    let scenarios = project.scenarios.len() as u16;
    let headers = ["Assumption", "File key", "Unit", "Valid range"];
    for (col, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(2, col as u16, *h, &formats.header)?;
    }
    for (i, s) in project.scenarios.iter().enumerate() {
        sheet.write_string_with_format(2, 4 + i as u16, &s.name, &formats.header)?;
        sheet.set_column_width(4 + i as u16, 18)?;
    }
    let source_col = 4 + scenarios;
    sheet.write_string_with_format(2, source_col, "Source of the default", &formats.header)?;
    for (col, width) in [(0u16, 38.0), (1, 30.0), (2, 20.0), (3, 22.0)] {
        sheet.set_column_width(col, width)?;
    }
    sheet.set_column_width(source_col, 90)?;
    for (r, a) in assumption_table(&project.scenarios).iter().enumerate() {
        let row = 3 + r as u32;
        sheet.write_string(row, 0, &a.label)?;
        sheet.write_string(row, 1, &a.key)?;
        sheet.write_string(row, 2, a.unit)?;
        sheet.write_string(row, 3, &a.range)?;
        for (i, v) in a.values.iter().enumerate() {
            let col = 4 + i as u16;
            match v {
                AssumptionValue::Number(x) if format::is_fraction_unit(a.unit) => {
                    sheet.write_number_with_format(row, col, *x, &formats.percent)?
                }
                AssumptionValue::Number(x) => sheet.write_number_with_format(row, col, *x, &formats.decimal)?,
                AssumptionValue::Text(t) => sheet.write_string(row, col, t)?,
            };
        }
        sheet.write_string_with_format(row, source_col, a.source, &formats.wrap)?;
    }
    sheet.set_freeze_panes(3, 1)?;
    Ok(())
}

pub fn components(
    sheet: &mut Worksheet,
    project: &Project,
    evaluations: &[Evaluation],
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name("Components")?;
    sheet.write_string_with_format(
        0,
        0,
        "Every part of every scenario (months count from the plan's start)",
        &formats.title,
    )?;
    let headers: [(&str, f64); 17] = [
        ("Scenario", 18.0),
        ("Component", 22.0),
        ("Id", 6.0),
        ("Kind", 14.0),
        ("Status", 9.0),
        ("Size", 10.0),
        ("Size unit", 8.0),
        ("Build start (month)", 10.0),
        ("Online (month)", 9.0),
        ("Online (calendar)", 11.0),
        ("Retires (month)", 9.0),
        ("Converts (hall)", 18.0),
        ("Needs a grid request", 10.0),
        ("MVA beyond the approval", 10.0),
        ("State at full build", 30.0),
        ("Served at full build", 9.0),
        ("Settings", 100.0),
    ];
    for (col, (h, width)) in headers.iter().enumerate() {
        sheet.write_string_with_format(2, col as u16, *h, &formats.header)?;
        sheet.set_column_width(col as u16, *width)?;
    }
    sheet.set_row_height(2, 45)?;
    let mut row = 3;
    for (s, e) in project.scenarios.iter().zip(evaluations) {
        let start = s.assumptions.start;
        for (i, c) in s.components.iter().enumerate() {
            let r = e.components.get(i);
            let request = e.schedule.grid.requests.get(i).copied().flatten();
            sheet.write_string(row, 0, &s.name)?;
            sheet.write_string(row, 1, &c.name)?;
            sheet.write_number(row, 2, c.id as f64)?;
            sheet.write_string(row, 3, c.tag().label())?;
            sheet.write_string(row, 4, if c.existing { "existing" } else { "new" })?;
            let (size, unit) = match &c.kind {
                ComponentKind::CoolingPlant(p) => (p.capacity_mw_th, "MW_th"),
                ComponentKind::Substation(x) => (x.capacity_mva, "MVA"),
                _ => (c.label_mw(), "MW"),
            };
            sheet.write_number_with_format(row, 5, size, &formats.decimal)?;
            sheet.write_string(row, 6, unit)?;
            if let Some(r) = r {
                sheet.write_number(row, 7, r.build_start_month as f64)?;
                sheet.write_number(row, 8, r.online_month as f64)?;
                sheet.write_string(row, 9, format::model_month(start, r.online_month))?;
                match r.retire_month {
                    Some(m) => sheet.write_number(row, 10, m as f64)?,
                    None => sheet.write_string(row, 10, "never")?,
                };
                sheet.write_string(row, 14, state(r.state, r.cancelled))?;
                if let Some(served) = r.served_fraction {
                    sheet.write_number_with_format(row, 15, served, &formats.percent)?;
                }
            }
            if let ComponentKind::GpuPod(p) = &c.kind
                && let Some(hall) = p.converts
            {
                let name = s.components.iter().find(|h| h.id == hall).map_or("?", |h| h.name.as_str());
                sheet.write_string(row, 11, format!("{name} (id {hall})"))?;
            }
            if let ComponentKind::Substation(_) = &c.kind {
                sheet.write_string(row, 12, if request.is_some() { "yes" } else { "no" })?;
                sheet.write_number_with_format(row, 13, request.map_or(0.0, |q| q.mva_beyond), &formats.decimal)?;
            }
            sheet.write_string(row, 16, settings(c))?;
            row += 1;
        }
    }
    sheet.set_freeze_panes(3, 2)?;
    Ok(())
}

/// A part's state in a few words.
fn state(state: LoadState, cancelled: bool) -> &'static str {
    if cancelled {
        return "cancelled (grid request refused)";
    }
    match state {
        LoadState::Supply => "supply",
        LoadState::NotOnline => "not online by full power",
        LoadState::Running => "running",
        LoadState::Limited(Shortfall::Power) => "limited: not enough power",
        LoadState::Limited(Shortfall::Cooling) => "limited: not enough cooling",
        LoadState::SwitchedOff => "switched off (loses money)",
        LoadState::Stopped => "stopped (fleet not bought again)",
        LoadState::Retired => "retired",
    }
}
