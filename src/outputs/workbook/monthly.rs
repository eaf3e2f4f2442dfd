//! One sheet per scenario: the monthly series, with the cash flow, its running sums and the payback helpers
//! as live formulas (each carrying Powerplot's value), so that the Summary's NPV, IRR and payback follow an
//! analyst's change to any revenue, opex or capex cell.

use rust_xlsxwriter::{Format, Formula, Worksheet, XlsxError};

use super::{Formats, absolute, cell, result};
use crate::model::financing::Financing;
use crate::model::kpis::CapexTotals;
use crate::model::{Evaluation, Scenario};

/// Where things are on a scenario sheet (0-based), for the Summary's formulas.
pub struct Layout;

impl Layout {
    /// The annual discount rate and the monthly rate derived from it.
    pub const RATE_ROW: u32 = 1;
    pub const ANNUAL_RATE_COL: u16 = 1;
    pub const MONTHLY_RATE_COL: u16 = 3;
    pub const HEADER_ROW: u32 = 3;
    /// Month 0's row.
    pub const FIRST_ROW: u32 = 4;
}

/// A column of the sheet: its header (with the unit) and what fills it.
struct Column {
    header: &'static str,
    fill: Fill,
}

enum Fill {
    /// One value a month, from Powerplot's series.
    Values(Vec<f64>, Kind),
    /// A formula a month, built from the month's row, with Powerplot's value as its cached result.
    Formula(fn(&Cols, u32) -> String, Vec<Option<f64>>, Kind),
}

#[derive(Clone, Copy)]
enum Kind {
    Money,
    Mw,
    Month,
}

/// Column indexes of the cells that formulas read.
pub struct Cols {
    pub month: u16,
    pub revenue: u16,
    pub opex: u16,
    pub capex: u16,
    pub cash_flow: u16,
    pub cumulative: u16,
    pub discounted: u16,
    pub discounted_cumulative: u16,
    pub payback_crossing: u16,
    pub discounted_payback_crossing: u16,
    pub cash_flow_after_tax: u16,
    pub cash_flow_equity: u16,
}

/// The columns, in order. Their positions are fixed: `COLS` below names the ones formulas use.
pub const COLS: Cols = Cols {
    month: 0,
    revenue: 2,
    opex: 7,
    capex: 12,
    cash_flow: 19,
    cumulative: 20,
    discounted: 21,
    discounted_cumulative: 22,
    payback_crossing: 23,
    discounted_payback_crossing: 24,
    cash_flow_after_tax: 32,
    cash_flow_equity: 33,
};

/// The last month's row.
pub fn last_row(months: usize) -> u32 {
    Layout::FIRST_ROW + months.max(1) as u32 - 1
}

pub fn write(
    sheet: &mut Worksheet,
    name: &str,
    s: &Scenario,
    e: &Evaluation,
    f: &Financing,
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(name)?;
    let series = &e.series;
    let n = series.len();
    let a = &s.assumptions;
    sheet.write_string_with_format(0, 0, format!("{}: monthly series, nominal US dollars", s.name), &formats.title)?;
    sheet.write_string(Layout::RATE_ROW, 0, "Discount rate (per year)")?;
    sheet.write_number_with_format(Layout::RATE_ROW, Layout::ANNUAL_RATE_COL, a.discount_rate, &formats.percent)?;
    sheet.write_string(Layout::RATE_ROW, 2, "Monthly rate")?;
    let annual = cell(Layout::RATE_ROW, Layout::ANNUAL_RATE_COL);
    sheet.write_formula_with_format(
        Layout::RATE_ROW,
        Layout::MONTHLY_RATE_COL,
        Formula::new(format!("=(1+{annual})^(1/12)-1"))
            .set_result(result(crate::model::finance::monthly_rate(a.discount_rate))),
        &Format::new().set_num_format("0.000000%"),
    )?;
    sheet.write_string_with_format(
        2,
        0,
        "Cash flow, its running sums and the payback helpers are formulas: change a revenue, opex or capex cell and \
         the Summary's NPV, IRR and payback follow. The after-tax and equity flows are Powerplot's (the tax and \
         debt schedules are not re-derived here).",
        &formats.bold,
    )?;

    let mut capex_by_class = vec![CapexTotals::default(); n];
    for item in &e.capex_items {
        if let Some(month) = capex_by_class.get_mut(item.month as usize) {
            month.add(item.class, item.usd);
        }
    }
    let class = |get: fn(&CapexTotals) -> f64| capex_by_class.iter().map(get).collect::<Vec<f64>>();
    let fs = &f.series;
    let some = |v: &[f64]| v.iter().map(|x| Some(*x)).collect::<Vec<_>>();
    let crossing = |values: &[f64]| {
        let mut sum = 0.0;
        let mut out = Vec::with_capacity(values.len());
        for (m, cf) in values.iter().enumerate() {
            let before: f64 = sum;
            sum += cf;
            out.push((before < 0.0 && sum >= 0.0).then(|| m as f64 + (-before) / cf));
        }
        out
    };
    let discounted: Vec<f64> = {
        let r = crate::model::finance::monthly_rate(a.discount_rate);
        series.cash_flow.iter().enumerate().map(|(m, cf)| cf / (1.0 + r).powi(m as i32)).collect()
    };
    let discounted_cumulative: Vec<f64> = discounted
        .iter()
        .scan(0.0, |acc, v| {
            *acc += v;
            Some(*acc)
        })
        .collect();
    use Kind::{Money, Mw};
    let columns = vec![
        Column { header: "Month", fill: Fill::Values((0..n).map(|m| m as f64).collect(), Kind::Month) },
        Column { header: "Calendar month", fill: Fill::Values(Vec::new(), Kind::Month) },
        Column { header: "Revenue ($)", fill: Fill::Values(series.revenue.clone(), Money) },
        Column { header: "Revenue: mining ($)", fill: Fill::Values(series.revenue_mining.clone(), Money) },
        Column { header: "Revenue: colocation ($)", fill: Fill::Values(series.revenue_colocation.clone(), Money) },
        Column { header: "Revenue: GPU cloud ($)", fill: Fill::Values(series.revenue_gpu_cloud.clone(), Money) },
        Column {
            header: "Revenue: curtailment credits ($)",
            fill: Fill::Values(series.revenue_curtailment.clone(), Money),
        },
        Column { header: "Opex ($)", fill: Fill::Values(series.opex.clone(), Money) },
        Column { header: "Opex: energy ($)", fill: Fill::Values(series.energy_cost.clone(), Money) },
        Column { header: "Opex: water ($)", fill: Fill::Values(series.water_cost.clone(), Money) },
        Column { header: "Opex: fixed O&M ($)", fill: Fill::Values(series.fixed_om.clone(), Money) },
        Column {
            header: "Opex: transmission charges ($)",
            fill: Fill::Values(series.transmission_charge.clone(), Money),
        },
        Column { header: "Capex ($)", fill: Fill::Values(series.capex.clone(), Money) },
        Column {
            header: "Capex: facility, mining-grade base ($)",
            fill: Fill::Values(class(|c| c.facility_base), Money),
        },
        Column { header: "Capex: AI build premium ($)", fill: Fill::Values(class(|c| c.ai_premium), Money) },
        Column { header: "Capex: IT hardware ($)", fill: Fill::Values(class(|c| c.it_hardware), Money) },
        Column { header: "Capex: substations ($)", fill: Fill::Values(class(|c| c.substation), Money) },
        Column { header: "Capex: cooling ($)", fill: Fill::Values(class(|c| c.cooling), Money) },
        Column { header: "Capex: generation ($)", fill: Fill::Values(class(|c| c.generation), Money) },
        Column {
            header: "Cash flow, pre-tax unlevered ($) = revenue - opex - capex",
            fill: Fill::Formula(
                |c, r| format!("={}-{}-{}", cell(r, c.revenue), cell(r, c.opex), cell(r, c.capex)),
                some(&series.cash_flow),
                Money,
            ),
        },
        Column {
            header: "Cumulative cash flow ($)",
            fill: Fill::Formula(
                |c, r| {
                    if r == Layout::FIRST_ROW {
                        format!("={}", cell(r, c.cash_flow))
                    } else {
                        format!("={}+{}", cell(r - 1, c.cumulative), cell(r, c.cash_flow))
                    }
                },
                some(&series.cumulative_cash_flow),
                Money,
            ),
        },
        Column {
            header: "Discounted cash flow ($)",
            fill: Fill::Formula(
                |c, r| {
                    format!(
                        "={}/(1+{})^{}",
                        cell(r, c.cash_flow),
                        absolute(Layout::RATE_ROW, Layout::MONTHLY_RATE_COL),
                        cell(r, c.month)
                    )
                },
                some(&discounted),
                Money,
            ),
        },
        Column {
            header: "Discounted cumulative cash flow ($)",
            fill: Fill::Formula(
                |c, r| {
                    if r == Layout::FIRST_ROW {
                        format!("={}", cell(r, c.discounted))
                    } else {
                        format!("={}+{}", cell(r - 1, c.discounted_cumulative), cell(r, c.discounted))
                    }
                },
                some(&discounted_cumulative),
                Money,
            ),
        },
        Column {
            header: "Payback helper: month of a crossing to >= 0 (months)",
            fill: Fill::Formula(
                |c, r| crossing_formula(r, c.cumulative, c.cash_flow, c.month),
                crossing(&series.cash_flow),
                Kind::Month,
            ),
        },
        Column {
            header: "Discounted payback helper (months)",
            fill: Fill::Formula(
                |c, r| crossing_formula(r, c.discounted_cumulative, c.discounted, c.month),
                crossing(&discounted),
                Kind::Month,
            ),
        },
        Column { header: "Interest ($)", fill: Fill::Values(fs.debt.interest.clone(), Money) },
        Column {
            header: "Principal ($, incl. the repayment at the horizon's end)",
            fill: Fill::Values(fs.debt.principal.clone(), Money),
        },
        Column { header: "Debt service ($)", fill: Fill::Values(fs.debt.debt_service.clone(), Money) },
        Column { header: "Depreciation ($)", fill: Fill::Values(fs.depreciation.clone(), Money) },
        Column { header: "Tax, unlevered ($)", fill: Fill::Values(fs.tax_unlevered.clone(), Money) },
        Column { header: "Tax, with debt ($)", fill: Fill::Values(fs.tax_levered.clone(), Money) },
        Column { header: "Exit value ($)", fill: Fill::Values(fs.exit.clone(), Money) },
        Column {
            header: "Cash flow after tax, unlevered ($)",
            fill: Fill::Values(fs.cash_flow_after_tax.clone(), Money),
        },
        Column { header: "Cash flow to equity ($)", fill: Fill::Values(fs.cash_flow_equity.clone(), Money) },
        Column { header: "IT served: mining (MW)", fill: Fill::Values(series.it_mining_mw.clone(), Mw) },
        Column { header: "IT served: AI (MW)", fill: Fill::Values(series.it_ai_mw.clone(), Mw) },
        Column { header: "Facility power (MW)", fill: Fill::Values(series.facility_mw.clone(), Mw) },
        Column { header: "Grid capacity (MW)", fill: Fill::Values(series.grid_capacity_mw.clone(), Mw) },
        Column { header: "Water (m3 a month)", fill: Fill::Values(series.water_m3.clone(), Kind::Month) },
    ];
    debug_assert_eq!(columns[COLS.cash_flow_equity as usize].header, "Cash flow to equity ($)");

    for (col, column) in columns.iter().enumerate() {
        let col = col as u16;
        sheet.write_string_with_format(Layout::HEADER_ROW, col, column.header, &formats.header)?;
        let width = if col == 1 { 11.0 } else { 15.0 };
        sheet.set_column_width(col, width)?;
        let format = |kind: Kind| match kind {
            Money => &formats.money,
            Mw => &formats.mw,
            Kind::Month => &formats.decimal,
        };
        for m in 0..n {
            let row = Layout::FIRST_ROW + m as u32;
            match &column.fill {
                Fill::Values(values, _) if col == 1 => {
                    let _ = values;
                    sheet.write_string(row, col, a.start.plus_months(m as u32).to_string())?;
                }
                Fill::Values(values, kind) => {
                    let v = values.get(m).copied().unwrap_or(0.0);
                    if col == COLS.month {
                        sheet.write_number_with_format(row, col, v, &formats.month)?;
                    } else {
                        sheet.write_number_with_format(row, col, v, format(*kind))?;
                    }
                }
                Fill::Formula(build, values, kind) => {
                    let formula = Formula::new(build(&COLS, row));
                    let formula = match values.get(m).copied().flatten() {
                        Some(v) => formula.set_result(result(v)),
                        None => formula.set_result(""),
                    };
                    sheet.write_formula_with_format(row, col, formula, format(*kind))?;
                }
            }
        }
    }
    sheet.set_row_height(Layout::HEADER_ROW, 60)?;
    sheet.set_freeze_panes(Layout::FIRST_ROW, 2)?;
    Ok(())
}

/// `=IF(AND(prev<0, this>=0), month + (-prev)/flow, "")`: the interpolated month in which a running sum comes
/// back to zero or above (MODEL.md "Simple payback"); empty in month 0, where the sum before is 0.
fn crossing_formula(row: u32, running: u16, flow: u16, month: u16) -> String {
    if row == Layout::FIRST_ROW {
        return "=\"\"".to_string();
    }
    let (prev, this) = (cell(row - 1, running), cell(row, running));
    format!("=IF(AND({prev}<0,{this}>=0),{}+(-{prev})/{},\"\")", cell(row, month), cell(row, flow))
}
