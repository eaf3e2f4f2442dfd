//! The Markdown report's financing section of a scenario (MODEL.md "Financing and tax"): the after-tax and
//! equity figures, the assumptions with their sources, and the debt, tax and debt service cover by project
//! year.

use std::fmt::Write as _;

use crate::model::Scenario;
use crate::model::fields::ASSUMPTION_FIELDS;
use crate::model::financing::{self, FIELD_KEYS, Financing};
use crate::outputs::format;
use crate::outputs::report;

/// Characters that would break a table cell or start Markdown markup.
fn escape(text: &str) -> String {
    text.replace('|', "\\|").replace('*', "\\*").replace('_', "\\_")
}

pub fn section(out: &mut String, s: &Scenario, f: &Financing) {
    let a = &s.assumptions;
    out.push_str("### Financing and tax\n\n");
    let debt = if f.has_debt() {
        format!(
            "{} of capex borrowed ({} in all); debt still owed at the horizon's end is repaid in its last month, \
             and the equity figures count that repayment",
            format::percent(a.debt_share),
            format::money(f.kpis.debt_drawn_usd)
        )
    } else {
        "all equity: no debt".to_string()
    };
    let exit = if f.kpis.exit_value_usd > 0.0 {
        format!(
            " An exit of {} (untaxed, a simplification) is added in the last month to every view.",
            format::money(f.kpis.exit_value_usd)
        )
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "After tax at {} with depreciation, and the owners' (equity) view with the scenario's debt: {debt}.{exit}\n",
        format::percent(a.tax_rate)
    );
    out.push_str("| Figure | Value |\n|---|---:|\n");
    for (label, row) in report::financing_rows() {
        let _ = writeln!(out, "| {label} | {} |", escape(&row(f, a)));
    }
    out.push('\n');

    out.push_str("| Assumption | Value | Source of the default |\n|---|---:|---|\n");
    for key in FIELD_KEYS {
        let Some(field) = ASSUMPTION_FIELDS.iter().find(|x| x.key == key) else { continue };
        let value = format::value_with_unit((field.get)(a), field.unit);
        let _ = writeln!(out, "| {} | {} | {} |", field.label, escape(&value), escape(field.source));
    }
    let _ = writeln!(
        out,
        "| Bonus depreciation | {} | 100 % bonus depreciation made permanent by the July 2025 tax law for property acquired after 19 January 2025 |\n",
        if a.bonus_depreciation { "yes" } else { "no" }
    );

    out.push_str(
        "| Project year | Debt drawn | Interest | Principal | Balance at end | Taxable income | Loss used | Tax | DSCR |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    let first_operating = f.years.iter().position(|y| y.dscr.is_some());
    for y in &f.years {
        let dscr = match y.dscr {
            Some(d) if d < a.dscr_covenant => {
                format!("**{}** (below {})", format::dscr(d), format::dscr(a.dscr_covenant))
            }
            Some(d) => format::dscr(d),
            None if y.interest > 0.0 && first_operating.is_none_or(|o| (y.year as usize) < o) && y.principal <= 0.0 => {
                "building, interest only".to_string()
            }
            None => "none".to_string(),
        };
        let principal = if y.forced_repayment > 0.0 {
            format!("{} + {} repaid at the end", format::money(y.principal), format::money(y.forced_repayment))
        } else {
            format::money(y.principal)
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {principal} | {} | {} | {} | {} | {dscr} |",
            financing::project_year_label(a.start, y),
            format::money(y.draws),
            format::money(y.interest),
            format::money(y.balance),
            format::money(y.tax_levered.taxable_income),
            format::money(y.tax_levered.loss_used),
            format::money(y.tax_levered.tax),
        );
    }
    out.push_str(
        "\nTaxable income = revenue - opex - interest - depreciation; a loss carried forward offsets at most 80 % of a \
         later year's income. DSCR = (revenue - opex - tax) / (interest + scheduled principal), from the year full \
         power falls in; the repayment forced at the horizon's end is left out.\n\n",
    );
}
