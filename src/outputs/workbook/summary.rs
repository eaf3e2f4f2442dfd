//! The Summary sheet: a cover block, then one column per scenario with every KPI of `report --json` (its key
//! beside each label), NPV, IRR and payback as live formulas under the figures Powerplot computed, the risk
//! percentiles, and each scenario's warnings and caveats.

use rust_xlsxwriter::{Format, Formula, Worksheet, XlsxError};
use serde_json::{Map, Value};

use super::monthly::{COLS, Layout, last_row};
use super::{CoverInfo, Formats, absolute, cell, quoted, result};
use crate::model::financing::Financing;
use crate::model::risk::{RiskResult, Spread};
use crate::model::{Evaluation, Project};
use crate::outputs::caveats::scenario_caveats;
use crate::outputs::report::covenant_breach_month;
use crate::outputs::risk::withheld;

/// The header row of the scenario columns (0-based); the cover block is above it.
pub const HEADER_ROW: u32 = 7;
/// Column of the labels, of the `report --json` keys, and of the first scenario.
const LABEL_COL: u16 = 0;
const KEY_COL: u16 = 1;
pub const FIRST_SCENARIO_COL: u16 = 2;

/// The pre-tax KPIs in reading order, with their labels (units in the labels). A key of the JSON report not
/// listed here is still written, after these, under its own name.
const BASE_ROWS: &[(&str, &str)] = &[
    ("capex_total_usd", "Capex total ($)"),
    ("capex_facility_base_usd", "  facility, mining-grade base ($)"),
    ("capex_ai_premium_usd", "  AI build premium ($)"),
    ("capex_it_hardware_usd", "  IT hardware, refreshes included ($)"),
    ("capex_substation_usd", "  substations ($)"),
    ("capex_cooling_usd", "  cooling ($)"),
    ("capex_generation_usd", "  generation ($)"),
    ("it_load_mw", "IT load at full build (MW)"),
    ("it_load_mining_mw", "  mining (MW)"),
    ("it_load_ai_mw", "  AI (MW)"),
    ("facility_power_mw", "Facility power (MW)"),
    ("pue", "PUE (ratio)"),
    ("hashrate_ph_s", "Hashrate (PH/s)"),
    ("gpus", "GPUs (count)"),
    ("grid_capacity_mw", "Grid capacity (MW)"),
    ("generation_capacity_mw", "On-site generation (MW)"),
    ("grid_headroom_mw", "Grid headroom, turbines included (MW)"),
    ("cooling_capacity_mw", "Cooling capacity (MW_th)"),
    ("cooling_headroom_mw", "Cooling headroom (MW_th)"),
    ("firm_grid_headroom_mw", "Firm grid headroom, AI redundancy (MW)"),
    ("firm_cooling_headroom_mw", "Firm cooling headroom, AI redundancy (MW_th)"),
    ("water_m3_per_day", "Water (m3 per day)"),
    ("water_gal_per_day", "Water (US gal per day)"),
    ("households_power", "Households, power (count)"),
    ("households_water", "Households, water (count)"),
    ("first_revenue_month", "First revenue (model month)"),
    ("full_power_month", "Full power (model month)"),
    ("full_power_set_by", "Full power set by (component id)"),
    ("annual_revenue_usd", "First full year revenue ($)"),
    ("annual_opex_usd", "First full year opex ($)"),
    ("annual_ebitda_usd", "First full year EBITDA ($)"),
    ("revenue_curtailment_usd", "Curtailment credits, horizon ($)"),
    ("transmission_charge_usd", "Transmission charges, horizon ($)"),
    ("npv_usd", "NPV, pre-tax unlevered ($)"),
    ("irr", "IRR, pre-tax unlevered (per year)"),
    ("irr_ambiguous", "IRR ambiguous (several rates fit)"),
    ("payback_months", "Payback (months)"),
    ("discounted_payback_months", "Discounted payback (months)"),
    ("interconnection_mva", "Approved interconnection (MVA)"),
    ("mva_beyond_approval", "MVA beyond the approval (MVA)"),
    ("npv_per_approved_mw", "NPV per approved MW ($)"),
    ("npv_expected_usd", "Expected NPV at the grid odds ($)"),
    ("npv_if_refused_usd", "NPV if the grid request is refused ($)"),
    ("grid_refused", "Grid request refused in the base case"),
];

const FINANCING_ROWS: &[(&str, &str)] = &[
    ("after_tax_npv_usd", "After-tax NPV, unlevered ($)"),
    ("after_tax_irr", "After-tax IRR, unlevered (per year)"),
    ("equity_npv_usd", "Equity NPV ($)"),
    ("equity_irr", "Equity IRR (per year)"),
    ("equity_irr_ambiguous", "Equity IRR ambiguous (several rates fit)"),
    ("equity_multiple", "Equity multiple (x)"),
    ("peak_equity_usd", "Peak equity ($)"),
    ("total_tax_usd", "Total tax, with debt ($)"),
    ("tax_shield_usd", "Interest tax shield ($)"),
    ("min_dscr", "Min debt service cover (x)"),
    ("first_covenant_breach_year", "First covenant breach (calendar year)"),
    ("first_covenant_breach_month", "First covenant breach (month)"),
];

/// Which cash-flow column a formula row reads, and what it computes.
#[derive(Clone, Copy)]
enum Live {
    Npv(u16),
    Irr(u16),
    Payback { running: u16, crossing: u16 },
}

/// The live formula written under a KPI's own row.
fn live_after(key: &str) -> Option<Live> {
    Some(match key {
        "npv_usd" => Live::Npv(COLS.cash_flow),
        "irr" => Live::Irr(COLS.cash_flow),
        "payback_months" => Live::Payback { running: COLS.cumulative, crossing: COLS.payback_crossing },
        "discounted_payback_months" => {
            Live::Payback { running: COLS.discounted_cumulative, crossing: COLS.discounted_payback_crossing }
        }
        "after_tax_npv_usd" => Live::Npv(COLS.cash_flow_after_tax),
        "after_tax_irr" => Live::Irr(COLS.cash_flow_after_tax),
        "equity_npv_usd" => Live::Npv(COLS.cash_flow_equity),
        "equity_irr" => Live::Irr(COLS.cash_flow_equity),
        _ => return None,
    })
}

/// Which of a scenario's two KPI objects (pre-tax, financing) a block of rows reads.
type Pick = fn(&(Map<String, Value>, Map<String, Value>)) -> &Map<String, Value>;

/// The label of a formula row: "  = formula over the cash flow".
pub const FORMULA_SUFFIX: &str = " (live formula)";

#[allow(clippy::too_many_arguments)]
pub fn write(
    sheet: &mut Worksheet,
    project: &Project,
    evaluations: &[Evaluation],
    financings: &[Financing],
    risk: &[Option<&RiskResult>],
    sheets: &[String],
    cover: &CoverInfo,
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name("Summary")?;
    sheet.write_string_with_format(0, 0, format!("{}: investor model", project.name), &formats.title)?;
    let cover_rows = [
        ("Project file", cover.project_file.clone()),
        ("Exported", cover.exported.clone()),
        ("Model", format!("Powerplot {} (rules: docs/MODEL.md of its sources)", env!("CARGO_PKG_VERSION"))),
        (
            "Conventions",
            "Nominal US dollars; pre-tax unlevered unless the row says otherwise; no terminal value unless an exit \
             multiple is set. Rows marked \"live formula\" recalculate from the scenario sheets' cash flows; the row \
             above each is Powerplot's own figure."
                .to_string(),
        ),
        ("Risk", "Monte Carlo percentiles from a run made for this export with each scenario's draws and seed.".into()),
    ];
    for (i, (label, value)) in cover_rows.iter().enumerate() {
        sheet.write_string_with_format(1 + i as u32, 0, *label, &formats.bold)?;
        sheet.write_string(1 + i as u32, 1, value)?;
    }
    sheet.write_string_with_format(HEADER_ROW, LABEL_COL, "Figure (unit)", &formats.header)?;
    sheet.write_string_with_format(HEADER_ROW, KEY_COL, "report --json key", &formats.header)?;
    for (i, s) in project.scenarios.iter().enumerate() {
        sheet.write_string_with_format(HEADER_ROW, FIRST_SCENARIO_COL + i as u16, &s.name, &formats.header)?;
        sheet.set_column_width(FIRST_SCENARIO_COL + i as u16, 24)?;
    }
    sheet.set_column_width(LABEL_COL, 44)?;
    sheet.set_column_width(KEY_COL, 26)?;
    sheet.set_freeze_panes(HEADER_ROW + 1, FIRST_SCENARIO_COL)?;

    let values: Vec<(Map<String, Value>, Map<String, Value>)> = project
        .scenarios
        .iter()
        .zip(evaluations)
        .zip(financings)
        .map(|((s, e), f)| {
            let mut fin = object(&f.kpis);
            fin.insert(
                "first_covenant_breach_month".into(),
                covenant_breach_month(&s.assumptions, &f.kpis).map_or(Value::Null, |m| Value::String(m.to_string())),
            );
            (object(&e.kpis), fin)
        })
        .collect();
    let mut row = HEADER_ROW + 1;
    let put = |sheet: &mut Worksheet, row: &mut u32, rows: &[(&str, &str)], pick: Pick| -> Result<(), XlsxError> {
        let mut keys: Vec<(String, String)> = rows.iter().map(|(k, l)| (k.to_string(), l.to_string())).collect();
        if let Some(first) = values.first() {
            for k in pick(first).keys() {
                if !keys.iter().any(|(key, _)| key == k) {
                    keys.push((k.clone(), k.replace('_', " ")));
                }
            }
        }
        for (key, label) in keys {
            sheet.write_string(*row, LABEL_COL, &label)?;
            sheet.write_string(*row, KEY_COL, &key)?;
            for (i, v) in values.iter().enumerate() {
                let value = pick(v).get(&key).unwrap_or(&Value::Null);
                write_value(sheet, *row, FIRST_SCENARIO_COL + i as u16, &key, value, formats)?;
            }
            *row += 1;
            if let Some(live) = live_after(&key) {
                sheet.write_string(*row, LABEL_COL, format!("{}{FORMULA_SUFFIX}", label.trim_start()))?;
                sheet.write_string(*row, KEY_COL, format!("{key}:formula"))?;
                for (i, v) in values.iter().enumerate() {
                    let computed = pick(v).get(&key).and_then(Value::as_f64);
                    let n = evaluations[i].series.len();
                    write_live(sheet, *row, FIRST_SCENARIO_COL + i as u16, &sheets[i], n, live, computed, formats)?;
                }
                *row += 1;
            }
        }
        Ok(())
    };
    section(
        sheet,
        row,
        "Pre-tax, unlevered: the site as built (full-build figures at the full-power month)",
        project,
        formats,
    )?;
    row += 1;
    put(sheet, &mut row, BASE_ROWS, |v| &v.0)?;
    section(
        sheet,
        row,
        "After tax and with debt (equity: the debt left is repaid at the horizon's end)",
        project,
        formats,
    )?;
    row += 1;
    put(sheet, &mut row, FINANCING_ROWS, |v| &v.1)?;

    section(sheet, row, "Risk (Monte Carlo, each scenario's own draws and seed)", project, formats)?;
    row += 1;
    row = risk_rows(sheet, row, risk, project.scenarios.len(), formats)?;

    section(sheet, row, "Warnings and caveats, most serious first", project, formats)?;
    row += 1;
    let caveats: Vec<Vec<String>> = project
        .scenarios
        .iter()
        .zip(evaluations)
        .zip(financings)
        .enumerate()
        .map(|(i, ((s, e), f))| {
            scenario_caveats(s, e, f, risk.get(i).copied().flatten()).into_iter().map(|c| c.text).collect()
        })
        .collect();
    let most = caveats.iter().map(Vec::len).max().unwrap_or(0);
    if most == 0 {
        sheet.write_string(row, LABEL_COL, "none")?;
    }
    for k in 0..most {
        sheet.write_string(row, LABEL_COL, format!("Caveat {}", k + 1))?;
        for (i, list) in caveats.iter().enumerate() {
            if let Some(text) = list.get(k) {
                sheet.write_string_with_format(row, FIRST_SCENARIO_COL + i as u16, text, &formats.caveat)?;
            }
        }
        row += 1;
    }
    Ok(())
}

fn object<T: serde::Serialize>(value: &T) -> Map<String, Value> {
    match serde_json::to_value(value) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

fn section(
    sheet: &mut Worksheet,
    row: u32,
    title: &str,
    project: &Project,
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.write_string_with_format(row, LABEL_COL, title, &formats.section)?;
    for col in KEY_COL..FIRST_SCENARIO_COL + project.scenarios.len() as u16 {
        sheet.write_blank(row, col, &formats.section)?;
    }
    Ok(())
}

/// The number format of a KPI, read from its key's unit.
fn format_for<'a>(key: &str, formats: &'a Formats) -> &'a Format {
    if key.ends_with("_usd") || key == "npv_per_approved_mw" {
        &formats.money
    } else if key.contains("irr") || key.ends_with("_share") || key.starts_with("prob_") {
        &formats.percent
    } else if key.starts_with("cooling_") || key == "firm_cooling_headroom_mw" {
        &formats.mw_th
    } else if key.ends_with("_mw") {
        &formats.mw
    } else if key.ends_with("_mva") || key == "mva_beyond_approval" {
        &formats.mva
    } else if key.ends_with("_month") || key.ends_with("_year") || key == "full_power_set_by" {
        &formats.month
    } else if key.ends_with("_months") {
        &formats.decimal
    } else if key == "pue" || key == "min_dscr" || key == "equity_multiple" {
        &formats.ratio
    } else {
        &formats.count
    }
}

fn write_value(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    key: &str,
    value: &Value,
    formats: &Formats,
) -> Result<(), XlsxError> {
    match value {
        Value::Number(n) => {
            sheet.write_number_with_format(row, col, n.as_f64().unwrap_or(0.0), format_for(key, formats))?;
        }
        Value::Bool(true) if key.ends_with("ambiguous") => {
            sheet.write_string(row, col, "AMBIGUOUS: the flows change sign more than once; read NPV")?;
        }
        Value::Bool(b) => {
            sheet.write_string(row, col, if *b { "yes" } else { "no" })?;
        }
        Value::String(s) => {
            sheet.write_string(row, col, s)?;
        }
        _ => {
            sheet.write_string(row, col, "n/a")?;
        }
    }
    Ok(())
}

/// A live formula over scenario sheet `sheet`'s column, with `computed` (Powerplot's figure) as its cached
/// result. An IRR Powerplot found none for is left as "n/a": Excel's IRR would only return an error.
#[allow(clippy::too_many_arguments)]
fn write_live(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    scenario_sheet: &str,
    months: usize,
    live: Live,
    computed: Option<f64>,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let q = quoted(scenario_sheet);
    let first = Layout::FIRST_ROW;
    let last = last_row(months);
    let range = |c: u16, from: u32| format!("{q}!{}:{}", absolute(from, c), absolute(last, c));
    let rate = format!("{q}!{}", absolute(Layout::RATE_ROW, Layout::MONTHLY_RATE_COL));
    match live {
        Live::Npv(c) => {
            let text = if months > 1 {
                format!("=NPV({rate},{})+{q}!{}", range(c, first + 1), absolute(first, c))
            } else {
                format!("={q}!{}", absolute(first, c))
            };
            let formula = Formula::new(text).set_result(result(computed.unwrap_or(0.0)));
            sheet.write_formula_with_format(row, col, formula, &formats.formula_money)?;
        }
        Live::Irr(c) => match computed {
            Some(annual) => {
                // Powerplot's own monthly root as the guess, annualized as MODEL.md does: (1 + r_m)^12 - 1.
                let guess = (1.0 + annual).powf(1.0 / 12.0) - 1.0;
                let text = format!("=(1+IRR({},{}))^12-1", range(c, first), result(guess));
                sheet.write_formula_with_format(
                    row,
                    col,
                    Formula::new(text).set_result(result(annual)),
                    &formats.formula_percent,
                )?;
            }
            None => {
                sheet.write_string(row, col, "n/a (no sign change or no root)")?;
            }
        },
        Live::Payback { running, crossing } => {
            let text = format!(
                "=IF({q}!{}<0,\"none\",IF(MIN({})>=0,0,MAX({})))",
                cell(last, running),
                range(running, first),
                range(crossing, first)
            );
            let cached = computed.map_or_else(|| "none".to_string(), result);
            sheet.write_formula_with_format(
                row,
                col,
                Formula::new(text).set_result(cached),
                &formats.formula_months,
            )?;
        }
    }
    Ok(())
}

/// The risk rows: P10/P50/P90 and mean of NPV, equity IRR, payback, full power and first-year EBITDA, then the
/// shares; keys as `risk --json` names them. Returns the next free row.
fn risk_rows(
    sheet: &mut Worksheet,
    mut row: u32,
    risk: &[Option<&RiskResult>],
    scenarios: usize,
    formats: &Formats,
) -> Result<u32, XlsxError> {
    type Pick = fn(&RiskResult) -> &Spread;
    let spreads: [(&str, &str, Pick, &Format, &str); 5] = [
        ("npv_usd", "NPV, pre-tax ($)", |r| &r.npv, &formats.money, "an NPV"),
        ("equity_irr", "Equity IRR of draws (per year)", |r| &r.equity_irr, &formats.percent, "an equity IRR"),
        ("payback_months", "Payback (months)", |r| &r.payback_months, &formats.decimal, "a payback"),
        ("full_power_month", "Full power (model month)", |r| &r.full_power_month, &formats.decimal, "full power"),
        ("annual_ebitda_usd", "First full year EBITDA ($)", |r| &r.annual_ebitda, &formats.money, "a full-power year"),
    ];
    let label = |sheet: &mut Worksheet, row: u32, label: &str, key: &str| -> Result<(), XlsxError> {
        sheet.write_string(row, LABEL_COL, label)?;
        sheet.write_string(row, KEY_COL, key)?;
        Ok(())
    };
    label(sheet, row, "Draws (count)", "risk.draws")?;
    for i in 0..scenarios {
        let col = FIRST_SCENARIO_COL + i as u16;
        match risk.get(i).copied().flatten() {
            Some(r) => sheet.write_number_with_format(row, col, r.draws as f64, &formats.count)?,
            None => sheet.write_string(row, col, "not run")?,
        };
    }
    row += 1;
    label(sheet, row, "Seed", "risk.seed")?;
    for (i, r) in risk.iter().enumerate().take(scenarios) {
        if let Some(r) = r {
            sheet.write_number(row, FIRST_SCENARIO_COL + i as u16, r.seed as f64)?;
        }
    }
    row += 1;
    for (key, name, pick, format, figure) in spreads {
        for (stat, get) in [
            ("p10", (|s: &Spread| s.p10) as fn(&Spread) -> Option<f64>),
            ("p50", |s| s.p50),
            ("p90", |s| s.p90),
            ("mean", |s| s.mean),
        ] {
            label(sheet, row, &format!("{name}: {}", stat.to_uppercase()), &format!("risk.{key}.{stat}"))?;
            for (i, r) in risk.iter().enumerate().take(scenarios) {
                let Some(r) = r else { continue };
                let col = FIRST_SCENARIO_COL + i as u16;
                match (get(pick(r)), withheld(pick(r), r.draws, figure)) {
                    (_, Some(why)) => sheet.write_string(row, col, why)?,
                    (Some(v), None) => sheet.write_number_with_format(row, col, v, format)?,
                    (None, None) => sheet.write_string(row, col, "n/a")?,
                };
            }
            row += 1;
        }
    }
    type Share = fn(&RiskResult) -> Option<f64>;
    let shares: [(&str, &str, Share); 6] = [
        ("prob_npv_negative", "P(NPV < 0)", |r| Some(r.prob_npv_negative)),
        ("equity_irr.none_share", "Draws without an equity IRR (share)", |r| Some(r.equity_irr_none_share)),
        ("payback_months.never_share", "Draws that never pay back (share)", |r| Some(r.payback_never_share)),
        ("annual_ebitda_usd.none_share", "Draws without a full year (share)", |r| Some(r.annual_ebitda_none_share)),
        ("approval_share", "Draws with the grid request approved (share)", |r| r.approval_share),
        ("below_base_share", "Draws below the base case's NPV (share)", |r| Some(r.below_base_share())),
    ];
    for (key, name, get) in shares {
        label(sheet, row, name, &format!("risk.{key}"))?;
        for (i, r) in risk.iter().enumerate().take(scenarios) {
            let Some(r) = r else { continue };
            let col = FIRST_SCENARIO_COL + i as u16;
            match get(r) {
                Some(v) => sheet.write_number_with_format(row, col, v, &formats.percent)?,
                None => sheet.write_string(row, col, "n/a")?,
            };
        }
        row += 1;
    }
    Ok(row)
}
