//! The key KPIs of several scenarios side by side, which scenario is best on each row, and the assumptions
//! that differ between them. Shared by the comparison window and the Markdown report, so "best" is defined
//! once.
//!
//! A comparison must be fair: only rows where more or less is better by nature (NPV, IRR, the after-tax and
//! equity NPVs and IRRs, the debt service cover, time to full power) are ranked; rows whose meaning changes
//! with the business model (payback, capex per MW of IT: a site that builds little pays back at once) are
//! ranked only between scenarios of the same business model; equal best values are marked as a tie; a
//! scenario that breaks a site limit (power, cooling or water) is never marked best, since its figures count
//! on what the site cannot deliver; and assumptions that differ between scenarios are listed, so a difference
//! in a figure can be told apart from a difference in what was assumed.

use crate::model::fields::ASSUMPTION_FIELDS;
use crate::model::financing::Financing;
use crate::model::warnings::by_severity;
use crate::model::{Assumptions, Evaluation, Kpis, Scenario};
use crate::outputs::format;

/// Marks the best value of a row in the report.
pub const BEST_MARK: &str = "★";
/// Marks, in the report, a value that is not ranked because its scenario breaks a site limit.
pub const NOT_RANKED_MARK: &str = "†";

/// Which end of a row wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Better {
    Lower,
    Higher,
}

impl Better {
    pub fn describe(self) -> &'static str {
        match self {
            Better::Lower => "lowest is best",
            Better::Higher => "highest is best",
        }
    }
}

/// How one cell of a ranked row reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Nothing to say: not the best, an unranked row, or every scenario equal.
    None,
    /// The one best value of the row.
    Best,
    /// Shares the best value with another scenario.
    Tie,
    /// Its scenario breaks a site limit, so it is not ranked on this row.
    NotRanked,
}

/// One scenario as the comparison reads it: its inputs, its evaluation and its financing view.
#[derive(Clone, Copy)]
pub struct Compared<'a> {
    pub scenario: &'a Scenario,
    pub evaluation: &'a Evaluation,
    pub financing: &'a Financing,
}

impl<'a> Compared<'a> {
    /// The scenarios with their evaluations and financing views, in order (as many as all three have).
    pub fn all(scenarios: &'a [Scenario], evaluations: &'a [Evaluation], financings: &'a [Financing]) -> Vec<Self> {
        scenarios
            .iter()
            .zip(evaluations)
            .zip(financings)
            .map(|((scenario, evaluation), financing)| Compared { scenario, evaluation, financing })
            .collect()
    }

    fn kpis(&self) -> &'a Kpis {
        &self.evaluation.kpis
    }
}

/// What a site does with its IT load at full build, which sets what payback and capex per MW mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BusinessModel {
    Nothing,
    MiningOnly,
    AiOnly,
    MiningAndAi,
}

impl BusinessModel {
    pub fn of(k: &Kpis) -> Self {
        match (k.it_load_mining_mw > 0.0, k.it_load_ai_mw > 0.0) {
            (false, false) => BusinessModel::Nothing,
            (true, false) => BusinessModel::MiningOnly,
            (false, true) => BusinessModel::AiOnly,
            (true, true) => BusinessModel::MiningAndAi,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            BusinessModel::Nothing => "no IT load",
            BusinessModel::MiningOnly => "mining only",
            BusinessModel::AiOnly => "AI only",
            BusinessModel::MiningAndAi => "mining and AI",
        }
    }
}

/// One row of the comparison: its label, the number compared (`None`: the figure does not exist, which
/// never wins), how it is shown (with the scenario, for calendar months), which end wins (`None`: more is
/// not better or worse by nature, such as capex or IT load, so the row is not ranked), whether it is ranked
/// only between scenarios of one business model, and why (the help lists every row with it).
pub struct CompareRow {
    pub label: &'static str,
    pub value: fn(&Compared) -> Option<f64>,
    pub text: fn(&Compared) -> String,
    pub better: Option<Better>,
    pub same_business_model: bool,
    pub why: &'static str,
}

/// Capex per MW of IT at full build (`None` without IT load).
fn capex_per_mw(k: &Kpis) -> Option<f64> {
    (k.it_load_mw > 0.0).then(|| k.capex_total_usd / k.it_load_mw)
}

/// "15 months (Apr 2028)", "at start (Jan 2027)".
fn months_from_start(s: &Scenario, m: u32) -> String {
    let when = format::model_month(s.assumptions.start, m);
    match m {
        0 => format!("at start ({when})"),
        1 => format!("1 month ({when})"),
        _ => format!("{m} months ({when})"),
    }
}

/// The rows of the comparison table, in display order.
pub fn rows() -> Vec<CompareRow> {
    vec![
        CompareRow {
            label: "Capex total",
            value: |c| Some(c.kpis().capex_total_usd),
            text: |c| format::money(c.kpis().capex_total_usd),
            better: None,
            same_business_model: false,
            why: "A bigger site costs more without being worse.",
        },
        CompareRow {
            label: "Capex per MW of IT",
            value: |c| capex_per_mw(c.kpis()),
            text: |c| capex_per_mw(c.kpis()).map_or("n/a".into(), format::money),
            better: Some(Better::Lower),
            same_business_model: true,
            why: "Cheaper per MW is better for sites of one business model; a mining MW and an AI MW are not the \
                  same product, so mining and AI sites are not ranked against each other.",
        },
        CompareRow {
            label: "AI build premium",
            value: |c| Some(c.kpis().capex_ai_premium_usd),
            text: |c| {
                let a = &c.scenario.assumptions;
                format!(
                    "{} ({})",
                    format::money(c.kpis().capex_ai_premium_usd),
                    format::premium(a.ai_build_premium, a.mining_facility_capex_usd_per_mw)
                )
            },
            better: None,
            same_business_model: false,
            why: "What AI-grade building costs above a mining one: more AI means more premium.",
        },
        CompareRow {
            label: "IT load",
            value: |c| Some(c.kpis().it_load_mw),
            text: |c| format::power_mw(c.kpis().it_load_mw),
            better: None,
            same_business_model: false,
            why: "Size, not merit.",
        },
        CompareRow {
            label: "Facility power",
            value: |c| Some(c.kpis().facility_power_mw),
            text: |c| format::power_mw(c.kpis().facility_power_mw),
            better: None,
            same_business_model: false,
            why: "Size, not merit.",
        },
        CompareRow {
            label: "Water per day",
            value: |c| Some(c.kpis().water_m3_per_day),
            text: |c| format::water(c.kpis().water_m3_per_day, c.kpis().water_gal_per_day),
            better: None,
            same_business_model: false,
            why: "Follows size and cooling type; the site's allowance is the limit, checked on its own row.",
        },
        CompareRow {
            label: "First full year EBITDA",
            value: |c| c.kpis().annual_ebitda_usd,
            text: |c| match c.kpis().annual_ebitda_usd {
                None => "n/a".into(),
                Some(v) => format!(
                    "{} ({})",
                    format::money(v),
                    format::first_full_year(c.scenario.assumptions.start, c.kpis().full_power_month)
                ),
            },
            better: None,
            same_business_model: false,
            why: "Each scenario counts its own 12 months from its full power, so the years differ.",
        },
        CompareRow {
            label: "NPV",
            value: |c| Some(c.kpis().npv_usd),
            text: |c| format::money(c.kpis().npv_usd),
            better: Some(Better::Higher),
            same_business_model: false,
            why: "Value created at the discount rate: more is better whatever the site does.",
        },
        CompareRow {
            label: "IRR",
            // An IRR that cannot be read as a return never wins the row.
            value: |c| c.kpis().irr.filter(|_| !c.kpis().irr_ambiguous),
            text: |c| format::irr(c.kpis().irr, c.kpis().irr_ambiguous),
            better: Some(Better::Higher),
            same_business_model: false,
            why: "A higher return is better; an ambiguous IRR never wins.",
        },
        CompareRow {
            label: "Payback",
            value: |c| c.kpis().payback_months,
            text: |c| format::months(c.kpis().payback_months, "not within horizon"),
            better: Some(Better::Lower),
            same_business_model: true,
            why: "Sooner is better for sites of one business model; a site that builds little pays back at once, \
                  so mining and AI sites are not ranked against each other.",
        },
        CompareRow {
            label: "After-tax NPV",
            value: |c| Some(c.financing.kpis.after_tax_npv_usd),
            text: |c| format::money(c.financing.kpis.after_tax_npv_usd),
            better: Some(Better::Higher),
            same_business_model: false,
            why: "NPV after tax, without debt: more is better.",
        },
        CompareRow {
            label: "Equity NPV",
            value: |c| Some(c.financing.kpis.equity_npv_usd),
            text: |c| format::money(c.financing.kpis.equity_npv_usd),
            better: Some(Better::Higher),
            same_business_model: false,
            why: "What the owners make at the discount rate, after tax and debt service: more is better.",
        },
        CompareRow {
            label: "Equity IRR",
            value: |c| c.financing.kpis.equity_irr.filter(|_| !c.financing.kpis.equity_irr_ambiguous),
            text: |c| format::irr(c.financing.kpis.equity_irr, c.financing.kpis.equity_irr_ambiguous),
            better: Some(Better::Higher),
            same_business_model: false,
            why: "The owners' return: higher is better; an ambiguous IRR never wins.",
        },
        CompareRow {
            label: "Peak equity",
            value: |c| Some(c.financing.kpis.peak_equity_usd),
            text: |c| format::money(c.financing.kpis.peak_equity_usd),
            better: None,
            same_business_model: false,
            why: "The most cash the owners put in: a bigger plan needs more, without being worse.",
        },
        CompareRow {
            label: "Min DSCR",
            value: |c| c.financing.kpis.min_dscr,
            text: |c| {
                let k = &c.financing.kpis;
                match k.min_dscr {
                    None => "n/a (no debt)".to_string(),
                    Some(d) if k.first_covenant_breach_year.is_some() => {
                        format!("{} (below {})", format::dscr(d), format::dscr(c.scenario.assumptions.dscr_covenant))
                    }
                    Some(d) => format::dscr(d),
                }
            },
            better: Some(Better::Higher),
            same_business_model: false,
            why: "More cover is safer for lenders and owners; a scenario without debt has none and is not ranked.",
        },
        CompareRow {
            label: "First revenue",
            value: |c| c.kpis().first_revenue_month.map(f64::from),
            text: |c| c.kpis().first_revenue_month.map_or("never".into(), |m| months_from_start(c.scenario, m)),
            better: None,
            same_business_model: false,
            why: "An existing site earns from month 0 whatever it is worth.",
        },
        CompareRow {
            label: "Time to full power",
            value: |c| Some(f64::from(c.kpis().full_power_month)),
            text: |c| months_from_start(c.scenario, c.kpis().full_power_month),
            better: Some(Better::Lower),
            same_business_model: false,
            why: "Sooner is better: less time building, less risk.",
        },
    ]
}

/// Whether the scenario breaks a site limit (power, cooling or water): it is then never ranked best.
pub fn breaks_limit(e: &Evaluation) -> bool {
    e.warnings.iter().any(|w| w.kind.breaks_limit())
}

/// The site limits a scenario breaks, in words ("within limits" when none).
pub fn limits_text(e: &Evaluation) -> String {
    let broken = titles(&e.warnings, |w| w.kind.breaks_limit());
    if broken.is_empty() { "within limits".to_string() } else { broken.join(", ") }
}

/// The distinct kinds of `warnings` by name, most serious first.
fn titles(warnings: &[crate::model::Warning], keep: impl Fn(&crate::model::Warning) -> bool) -> Vec<&'static str> {
    let mut titles = Vec::new();
    for w in by_severity(warnings).into_iter().filter(|w| keep(w)) {
        if !titles.contains(&w.kind.title()) {
            titles.push(w.kind.title());
        }
    }
    titles
}

/// A scenario's warnings, the simulation's and the financing view's (the DSCR covenant).
pub fn warnings(c: &Compared) -> Vec<crate::model::Warning> {
    c.evaluation.warnings.iter().chain(&c.financing.warnings).cloned().collect()
}

/// A scenario's warnings in one cell: how many, and the two most serious kinds by name ("none" without any).
pub fn warnings_text(c: &Compared) -> String {
    let warnings = warnings(c);
    if warnings.is_empty() {
        return "none".to_string();
    }
    let titles = titles(&warnings, |_| true);
    let more = if titles.len() > 2 { ", ..." } else { "" };
    format!("{}: {}{more}", warnings.len(), titles[..titles.len().min(2)].join(", "))
}

impl CompareRow {
    /// How the row ranks these scenarios, in words: its rule, or why it ranks none of them here.
    pub fn rule(&self, compared: &[Compared]) -> String {
        match self.better {
            None => "not ranked: more is not better or worse by nature".to_string(),
            Some(_) if self.mixes_business_models(compared) => {
                "not ranked here: the scenarios follow different business models (mining only, AI only, or both), \
                 for which it means different things"
                    .to_string()
            }
            Some(b) => b.describe().to_string(),
        }
    }

    /// True when the row ranks only one business model and the scenarios follow more than one.
    pub fn mixes_business_models(&self, compared: &[Compared]) -> bool {
        self.same_business_model
            && compared.windows(2).any(|w| BusinessModel::of(w[0].kpis()) != BusinessModel::of(w[1].kpis()))
    }

    /// How each scenario's cell of this row reads. Unranked rows, a row that ranks one business model when the
    /// scenarios follow several, and a lone scenario mark nothing; a scenario that breaks a limit is
    /// `NotRanked`; among the others the best value is `Best`, or `Tie` when several share it, and nothing when
    /// all of them are equal or only one is left to rank.
    pub fn marks(&self, compared: &[Compared]) -> Vec<Mark> {
        let mut marks = vec![Mark::None; compared.len()];
        let Some(better) = self.better else { return marks };
        if compared.len() < 2 || self.mixes_business_models(compared) {
            return marks;
        }
        let eligible: Vec<bool> = compared.iter().map(|c| !breaks_limit(c.evaluation)).collect();
        let values: Vec<Option<f64>> =
            compared.iter().zip(&eligible).map(|(c, &ok)| (self.value)(c).filter(|v| ok && v.is_finite())).collect();
        for (mark, ok) in marks.iter_mut().zip(&eligible) {
            if !ok {
                *mark = Mark::NotRanked;
            }
        }
        let present: Vec<f64> = values.iter().flatten().copied().collect();
        let Some(best) = present.iter().copied().reduce(|a, b| match better {
            Better::Lower => a.min(b),
            Better::Higher => a.max(b),
        }) else {
            return marks;
        };
        let tolerance = 1e-9 * best.abs().max(1.0);
        let winners: Vec<usize> =
            (0..values.len()).filter(|&i| values[i].is_some_and(|v| (v - best).abs() <= tolerance)).collect();
        // A mark means the scenario beat another that is ranked: none when fewer than two are ranked or all
        // of them are equal.
        if compared.len() - winners.len() == marks.iter().filter(|m| **m == Mark::NotRanked).count() {
            return marks;
        }
        let mark = if winners.len() == 1 { Mark::Best } else { Mark::Tie };
        for i in winners {
            marks[i] = mark;
        }
        marks
    }
}

/// An assumption that is not the same in every scenario: its file key, its label, and each scenario's value
/// as shown (in scenario order).
#[derive(Debug, Clone, PartialEq)]
pub struct AssumptionDiff {
    pub key: String,
    pub label: String,
    pub values: Vec<String>,
}

/// Labels of the assumptions that are not numeric fields (those take theirs from `ASSUMPTION_FIELDS`).
const OTHER_LABELS: &[(&str, &str)] = &[
    ("start", "Start"),
    ("halvings", "Halvings"),
    ("permits_in_hand", "Permits in hand"),
    ("refresh_hardware", "Refresh hardware"),
    ("water_limit_m3_per_day", "Water limit"),
    ("mining_avoids_peaks", "Mining avoids peaks"),
    ("ai_power_redundancy", "AI power redundancy"),
    ("ai_cooling_redundancy", "AI cooling redundancy"),
    ("bonus_depreciation", "Bonus depreciation"),
];

/// The risk settings' numeric field named by a dotted key ("risk.hashprice.sigma").
fn risk_field(key: &str) -> Option<&'static crate::model::fields::NumField<crate::model::risk::RiskSettings>> {
    let rest = key.strip_prefix("risk.")?;
    crate::model::risk::RISK_FIELDS.iter().find(|f| f.key == rest)
}

fn label_of(key: &str) -> String {
    if let Some(f) = ASSUMPTION_FIELDS.iter().find(|f| f.key == key) {
        return f.label.to_string();
    }
    if let Some(f) = risk_field(key) {
        return format!("Risk: {}", f.label);
    }
    if let Some((_, label)) = OTHER_LABELS.iter().find(|(k, _)| *k == key) {
        return label.to_string();
    }
    let words = key.replace(['_', '.'], " ");
    let mut chars = words.chars();
    chars.next().map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}

/// Every assumption as (dotted file key, value), nested settings (such as `risk`) field by field, in a form
/// that can be compared and copied. The file's own names are used, so a new assumption is compared without
/// being listed here.
fn assumption_values(a: &Assumptions) -> Vec<(String, serde_json::Value)> {
    fn flatten(prefix: &str, v: serde_json::Value, out: &mut Vec<(String, serde_json::Value)>) {
        if year_month_text(&v).is_none()
            && let serde_json::Value::Object(map) = v
        {
            for (k, x) in map {
                let key = if prefix.is_empty() { k } else { format!("{prefix}.{k}") };
                flatten(&key, x, out);
            }
        } else {
            out.push((prefix.to_string(), v));
        }
    }
    let mut out = Vec::new();
    if let Ok(v) = serde_json::to_value(a) {
        flatten("", v, &mut out);
    }
    out
}

fn value_of<'a>(values: &'a [(String, serde_json::Value)], key: &str) -> Option<&'a serde_json::Value> {
    values.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

fn year_month_text(v: &serde_json::Value) -> Option<String> {
    let year = v.get("year")?.as_i64()?;
    let month = v.get("month")?.as_u64()?;
    Some(format::calendar_month(crate::model::YearMonth::new(i32::try_from(year).ok()?, u32::try_from(month).ok()?)))
}

/// One assumption's value as a reader sees it: rates as %, months as calendar months, yes/no, "none".
fn value_text(key: &str, a: &Assumptions, v: &serde_json::Value) -> String {
    if let Some(f) = ASSUMPTION_FIELDS.iter().find(|f| f.key == key) {
        return format::value_with_unit((f.get)(a), f.unit);
    }
    if let Some(f) = risk_field(key) {
        return format::value_with_unit((f.get)(&a.risk), f.unit);
    }
    match v {
        serde_json::Value::Null => "none".to_string(),
        serde_json::Value::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
        serde_json::Value::Number(n) if key == "water_limit_m3_per_day" => {
            format!("{} m3/day", format::number(n.as_f64().unwrap_or(0.0)))
        }
        serde_json::Value::Number(n) => format::number(n.as_f64().unwrap_or(0.0)),
        serde_json::Value::String(s) => match s.as_str() {
            "NPlus1" => "N+1".to_string(),
            "TwoN" => "2N".to_string(),
            other => other.to_string(),
        },
        serde_json::Value::Array(items) if items.is_empty() => "none".to_string(),
        serde_json::Value::Array(items) => {
            items.iter().map(|i| year_month_text(i).unwrap_or_else(|| i.to_string())).collect::<Vec<_>>().join(", ")
        }
        serde_json::Value::Object(_) => year_month_text(v).unwrap_or_else(|| v.to_string()),
    }
}

/// The assumptions that differ between `scenarios`: numeric fields in the inspector's order, then the rest.
/// Empty for fewer than two scenarios or when every scenario assumes the same.
pub fn assumption_diffs(scenarios: &[Scenario]) -> Vec<AssumptionDiff> {
    if scenarios.len() < 2 {
        return Vec::new();
    }
    let values: Vec<_> = scenarios.iter().map(|s| assumption_values(&s.assumptions)).collect();
    let mut keys: Vec<String> = ASSUMPTION_FIELDS.iter().map(|f| f.key.to_string()).collect();
    let rest: Vec<String> = values[0].iter().map(|(k, _)| k.clone()).filter(|k| !keys.contains(k)).collect();
    keys.extend(rest);
    keys.into_iter()
        .filter(|k| values.iter().any(|v| value_of(v, k) != value_of(&values[0], k)))
        .map(|key| AssumptionDiff {
            label: label_of(&key),
            values: scenarios
                .iter()
                .zip(&values)
                .map(|(s, v)| value_text(&key, &s.assumptions, value_of(v, &key).unwrap_or(&serde_json::Value::Null)))
                .collect(),
            key,
        })
        .collect()
}

/// One assumption of every scenario, for a table of all of them (the workbook's Assumptions sheet): its file
/// key, label, unit, valid range and source (empty where it has none) and each scenario's value.
#[derive(Debug, Clone, PartialEq)]
pub struct AssumptionRow {
    pub key: String,
    pub label: String,
    pub unit: &'static str,
    pub range: String,
    pub source: &'static str,
    pub values: Vec<AssumptionValue>,
}

/// A value as a table holds it: numeric fields as numbers in their file units, the rest as shown in words.
#[derive(Debug, Clone, PartialEq)]
pub enum AssumptionValue {
    Number(f64),
    Text(String),
}

/// Every assumption of `scenarios`, the numeric fields in the inspector's order, then the rest (risk settings
/// field by field, the choices and dates) as the file names them.
pub fn assumption_table(scenarios: &[Scenario]) -> Vec<AssumptionRow> {
    let values: Vec<_> = scenarios.iter().map(|s| assumption_values(&s.assumptions)).collect();
    let mut keys: Vec<String> = ASSUMPTION_FIELDS.iter().map(|f| f.key.to_string()).collect();
    if let Some(first) = values.first() {
        let rest: Vec<String> = first.iter().map(|(k, _)| k.clone()).filter(|k| !keys.contains(k)).collect();
        keys.extend(rest);
    }
    keys.into_iter()
        .map(|key| {
            let field = ASSUMPTION_FIELDS.iter().find(|f| f.key == key);
            let risk = risk_field(&key);
            let (unit, range, source) = match (field, risk) {
                (Some(f), _) => (f.unit, f.range_text(), f.source),
                (None, Some(f)) => (f.unit, f.range_text(), f.source),
                (None, None) => ("", String::new(), ""),
            };
            let values = scenarios
                .iter()
                .zip(&values)
                .map(|(s, v)| match (field, risk) {
                    (Some(f), _) => AssumptionValue::Number((f.get)(&s.assumptions)),
                    (None, Some(f)) => AssumptionValue::Number((f.get)(&s.assumptions.risk)),
                    (None, None) => AssumptionValue::Text(value_text(
                        &key,
                        &s.assumptions,
                        value_of(v, &key).unwrap_or(&serde_json::Value::Null),
                    )),
                })
                .collect();
            AssumptionRow { label: label_of(&key), key, unit, range, source, values }
        })
        .collect()
}

/// Every scenario's assumptions with assumption `key` set to scenario `from`'s value ("apply this value to
/// all scenarios"). `None` when there is no such scenario or key.
pub fn with_value_everywhere(scenarios: &[Scenario], key: &str, from: usize) -> Option<Vec<Assumptions>> {
    let pointer = format!("/{}", key.replace('.', "/"));
    let source = serde_json::to_value(&scenarios.get(from)?.assumptions).ok()?;
    let value = source.pointer(&pointer)?.clone();
    scenarios
        .iter()
        .map(|s| {
            let mut target = serde_json::to_value(&s.assumptions).ok()?;
            *target.pointer_mut(&pointer)? = value.clone();
            serde_json::from_value(target).ok()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Warning, WarningKind};

    fn row(label: &str) -> CompareRow {
        rows().into_iter().find(|r| r.label == label).expect("row exists")
    }

    fn eval(kpis: Kpis) -> Evaluation {
        Evaluation { kpis, ..Evaluation::default() }
    }

    fn marks(label: &str, evaluations: &[Evaluation]) -> Vec<Mark> {
        let scenario = Scenario::new("x");
        let financing = Financing::default();
        let compared: Vec<Compared> = evaluations
            .iter()
            .map(|e| Compared { scenario: &scenario, evaluation: e, financing: &financing })
            .collect();
        row(label).marks(&compared)
    }

    fn text(label: &str, e: &Evaluation) -> String {
        let (scenario, financing) = (Scenario::new("x"), Financing::default());
        (row(label).text)(&Compared { scenario: &scenario, evaluation: e, financing: &financing })
    }

    #[test]
    fn an_ambiguous_irr_never_wins() {
        let plain = eval(Kpis { irr: Some(0.30), ..Kpis::default() });
        let ambiguous = eval(Kpis { irr: Some(0.45), irr_ambiguous: true, ..Kpis::default() });
        assert_eq!(marks("IRR", &[plain, ambiguous.clone()]), vec![Mark::Best, Mark::None]);
        assert_eq!(text("IRR", &ambiguous), "45.0 % (ambiguous)");
    }

    #[test]
    fn highest_npv_and_lowest_capex_per_mw_win_and_capex_alone_is_not_ranked() {
        // Capex per MW of IT: 9M/1 = $9M, 8M/2 = $4M, 12M/1 = $12M, so the second wins; the plain capex row
        // ranks nobody (a bigger site costs more without being worse).
        let ai = |npv: f64, capex: f64, mw: f64| {
            eval(Kpis { npv_usd: npv, capex_total_usd: capex, it_load_mw: mw, it_load_ai_mw: mw, ..Kpis::default() })
        };
        let (a, b, c) = (ai(5.0e6, 9.0e6, 1.0), ai(7.0e6, 8.0e6, 2.0), ai(-1.0e6, 12.0e6, 1.0));
        let all = [a, b, c];
        assert_eq!(marks("NPV", &all), vec![Mark::None, Mark::Best, Mark::None]);
        assert_eq!(marks("Capex per MW of IT", &all), vec![Mark::None, Mark::Best, Mark::None]);
        assert_eq!(marks("Capex total", &all), vec![Mark::None; 3]);
        assert_eq!(marks("IT load", &all), vec![Mark::None; 3]);
    }

    #[test]
    fn shared_best_values_are_ties_and_all_equal_marks_nothing() {
        let fast = eval(Kpis { payback_months: Some(30.0), ..Kpis::default() });
        let slow = eval(Kpis { payback_months: Some(60.0), ..Kpis::default() });
        assert_eq!(marks("Payback", &[fast.clone(), fast.clone(), slow]), vec![Mark::Tie, Mark::Tie, Mark::None]);
        assert_eq!(marks("Payback", &[fast.clone(), fast.clone()]), vec![Mark::None; 2]);
        assert_eq!(marks("Payback", std::slice::from_ref(&fast)), vec![Mark::None]);
    }

    #[test]
    fn a_scenario_that_breaks_a_limit_is_never_best() {
        let mut towers = eval(Kpis { npv_usd: 9.0e6, ..Kpis::default() });
        towers.warnings.push(Warning {
            fix: None,
            kind: WarningKind::WaterLimit,
            components: Vec::new(),
            message: "Water use of 3,387 m3/day is above the site's allowance of 378 m3/day".into(),
        });
        let dry = eval(Kpis { npv_usd: 6.0e6, ..Kpis::default() });
        let worse = eval(Kpis { npv_usd: 1.0e6, ..Kpis::default() });
        assert_eq!(marks("NPV", &[towers.clone(), dry.clone(), worse]), vec![Mark::NotRanked, Mark::Best, Mark::None]);
        // With the towers out, the dry coolers have nothing left to beat: no mark.
        assert_eq!(marks("NPV", &[towers.clone(), dry]), vec![Mark::NotRanked, Mark::None]);
        assert_eq!(limits_text(&towers), "water above allowance");
    }

    #[test]
    fn payback_and_capex_per_mw_are_not_ranked_across_business_models() {
        // Issue 23: staying a miner builds little and pays back at once, which says nothing against an AI
        // conversion. Mining only (3 months, $0.5M/MW) beside AI only (40 months, $12M/MW): no marks.
        let mining = eval(Kpis {
            payback_months: Some(3.0),
            capex_total_usd: 5.0e6,
            it_load_mw: 10.0,
            it_load_mining_mw: 10.0,
            npv_usd: 1.0e6,
            ..Kpis::default()
        });
        let ai = |payback: f64, npv: f64| {
            eval(Kpis {
                payback_months: Some(payback),
                capex_total_usd: 120.0e6,
                it_load_mw: 10.0,
                it_load_ai_mw: 10.0,
                npv_usd: npv,
                ..Kpis::default()
            })
        };
        let (slow, fast) = (ai(40.0, 9.0e6), ai(30.0, 8.0e6));
        let mixed = [mining.clone(), slow.clone(), fast.clone()];
        assert_eq!(marks("Payback", &mixed), vec![Mark::None; 3]);
        assert_eq!(marks("Capex per MW of IT", &mixed), vec![Mark::None; 3]);
        // NPV means the same for every business model: still ranked.
        assert_eq!(marks("NPV", &mixed), vec![Mark::None, Mark::Best, Mark::None]);
        // Two AI sites are ranked on payback as before.
        assert_eq!(marks("Payback", &[slow, fast]), vec![Mark::None, Mark::Best]);
        let (scenario, financing) = (Scenario::new("x"), Financing::default());
        let compared: Vec<Compared> =
            mixed.iter().map(|e| Compared { scenario: &scenario, evaluation: e, financing: &financing }).collect();
        assert!(row("Payback").rule(&compared).starts_with("not ranked here: the scenarios follow different"));
        assert_eq!(row("NPV").rule(&compared), "highest is best");
    }

    #[test]
    fn a_missing_figure_never_wins() {
        let never = eval(Kpis { payback_months: None, ..Kpis::default() });
        let slow = eval(Kpis { payback_months: Some(60.0), ..Kpis::default() });
        assert_eq!(marks("Payback", &[never, slow]), vec![Mark::None, Mark::Best]);
    }

    #[test]
    fn differing_assumptions_are_listed_and_can_be_applied_everywhere() {
        let a = Scenario::new("A");
        let mut b = Scenario::new("B");
        b.assumptions.power_price_usd_per_mwh = 30.0;
        b.assumptions.discount_rate = 0.12;
        b.assumptions.permits_in_hand = false;
        let scenarios = [a, b];
        let diffs = assumption_diffs(&scenarios);
        let labels: Vec<&str> = diffs.iter().map(|d| d.label.as_str()).collect();
        assert_eq!(labels, ["Discount rate", "Power price", "Permits in hand"]);
        assert_eq!(diffs[0].values, ["10 % per year", "12 % per year"]);
        assert_eq!(diffs[2].values, ["yes", "no"]);
        let applied = with_value_everywhere(&scenarios, "power_price_usd_per_mwh", 1).expect("applied");
        assert!(applied.iter().all(|a| a.power_price_usd_per_mwh == 30.0));
        assert_eq!(applied[0].discount_rate, 0.10, "other assumptions are kept");
        assert!(with_value_everywhere(&scenarios, "no_such_key", 0).is_none());

        // Nested settings compare and copy field by field.
        let mut c = Scenario::new("C");
        c.assumptions.risk.draws = 500;
        let scenarios = [Scenario::new("A"), c];
        let diffs = assumption_diffs(&scenarios);
        assert_eq!(diffs.len(), 1, "{diffs:?}");
        assert_eq!(
            (diffs[0].label.as_str(), diffs[0].values.as_slice()),
            ("Risk: Draws", &["2,000".to_string(), "500".to_string()][..])
        );
        let applied = with_value_everywhere(&scenarios, &diffs[0].key, 1).expect("applied");
        assert!(applied.iter().all(|a| a.risk.draws == 500));
    }
}
