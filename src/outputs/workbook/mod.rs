//! The Excel model an analyst can audit (File > Export > Excel workbook, `powerplot export --xlsx`): a Summary
//! of every scenario's KPIs with NPV, IRR and payback as live formulas over the scenario sheets' cash flows
//! (each beside the figure Powerplot computed), every assumption with its unit, range and source, every part
//! with its months, and one sheet of monthly series per scenario. Formula cells carry Powerplot's result, so a
//! viewer that does not recalculate still shows numbers.

mod monthly;
mod summary;
mod tables;

use rust_xlsxwriter::{Format, FormatAlign, Workbook, XlsxError};

use crate::model::risk::RiskResult;
use crate::model::{Evaluation, Project};
use crate::outputs::report;

/// What the cover block names besides the project: where it came from and when it was exported.
#[derive(Debug, Clone, Default)]
pub struct CoverInfo {
    /// The project file, as the user knows it ("embedded demo project" when none).
    pub project_file: String,
    /// When the export was made, e.g. "2026-12-07 21:04 UTC".
    pub exported: String,
}

#[derive(Debug, thiserror::Error)]
#[error("the workbook could not be built: {0}")]
pub struct WorkbookError(#[from] XlsxError);

/// The workbook's bytes. `evaluations` are `evaluate` of each scenario in order; `risk[i]` is scenario i's
/// Monte Carlo result when one was run (its rows read "not run" otherwise).
pub fn workbook(
    project: &Project,
    evaluations: &[Evaluation],
    risk: &[Option<&RiskResult>],
    cover: &CoverInfo,
) -> Result<Vec<u8>, WorkbookError> {
    let financings = report::financing_all(project, evaluations);
    let formats = Formats::new();
    let mut book = Workbook::new();
    let names: Vec<String> = project.scenarios.iter().enumerate().map(|(i, s)| sheet_name(i, &s.name)).collect();
    // The Summary's formulas point into the scenario sheets, which are laid out by `monthly`.
    summary::write(book.add_worksheet(), project, evaluations, &financings, risk, &names, cover, &formats)?;
    tables::assumptions(book.add_worksheet(), project, &formats)?;
    tables::components(book.add_worksheet(), project, evaluations, &formats)?;
    for (((s, e), f), name) in project.scenarios.iter().zip(evaluations).zip(&financings).zip(&names) {
        monthly::write(book.add_worksheet(), name, s, e, f, &formats)?;
    }
    book.set_properties(
        &rust_xlsxwriter::DocProperties::new()
            .set_title(format!("{}: Powerplot model", project.name))
            .set_comment(format!("Powerplot {}", env!("CARGO_PKG_VERSION"))),
    );
    Ok(book.save_to_buffer()?)
}

/// The scenario sheet's name: "1 Hybrid", cut to Excel's 31 characters, without the characters a sheet name
/// may not hold. The number keeps names unique.
pub fn sheet_name(index: usize, scenario: &str) -> String {
    let cleaned: String = scenario
        .chars()
        .map(|c| if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') || c.is_control() { '_' } else { c })
        .collect();
    let name: String = format!("{} {}", index + 1, cleaned.trim()).chars().take(31).collect();
    // A sheet name may not end with an apostrophe.
    name.trim_end_matches('\'').trim_end().to_string()
}

/// A sheet name quoted for a formula: 'It''s'.
fn quoted(sheet: &str) -> String {
    format!("'{}'", sheet.replace('\'', "''"))
}

/// "A1"-style name of a cell (0-based row and column).
fn cell(row: u32, col: u16) -> String {
    format!("{}{}", column_letters(col), row + 1)
}

/// "$A$1"-style absolute name of a cell.
fn absolute(row: u32, col: u16) -> String {
    format!("${}${}", column_letters(col), row + 1)
}

fn column_letters(col: u16) -> String {
    let mut n = col as u32 + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A number as a formula's cached result: every digit kept.
fn result(v: f64) -> String {
    format!("{v:?}")
}

/// The number formats and styles used across the sheets.
struct Formats {
    title: Format,
    bold: Format,
    header: Format,
    section: Format,
    money: Format,
    percent: Format,
    mw: Format,
    mva: Format,
    mw_th: Format,
    count: Format,
    decimal: Format,
    ratio: Format,
    month: Format,
    wrap: Format,
    formula_money: Format,
    formula_percent: Format,
    formula_months: Format,
    caveat: Format,
}

impl Formats {
    fn new() -> Formats {
        let formula = |f: Format| f.set_font_color(rust_xlsxwriter::Color::RGB(0x1F4E9A)).set_italic();
        let money = Format::new().set_num_format("$#,##0;-$#,##0");
        let percent = Format::new().set_num_format("0.00%");
        let months = Format::new().set_num_format("0.0");
        Formats {
            title: Format::new().set_bold().set_font_size(14),
            bold: Format::new().set_bold(),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(rust_xlsxwriter::Color::RGB(0xDDE4EE))
                .set_border_bottom(rust_xlsxwriter::FormatBorder::Thin),
            section: Format::new().set_bold().set_background_color(rust_xlsxwriter::Color::RGB(0xF0F0F0)),
            formula_money: formula(money.clone()),
            formula_percent: formula(percent.clone()),
            formula_months: formula(months.clone()),
            money,
            percent,
            mw: Format::new().set_num_format("#,##0.0 \"MW\""),
            mva: Format::new().set_num_format("#,##0 \"MVA\""),
            mw_th: Format::new().set_num_format("#,##0.0 \"MW_th\""),
            count: Format::new().set_num_format("#,##0"),
            decimal: Format::new().set_num_format("#,##0.0###"),
            ratio: Format::new().set_num_format("0.000"),
            month: Format::new().set_num_format("0"),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            caveat: Format::new().set_text_wrap().set_align(FormatAlign::Top).set_font_size(9),
        }
    }
}
