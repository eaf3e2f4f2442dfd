//! Risk results as text: the `powerplot risk` JSON and table, and the one-line P10/P50/P90 summary that the
//! slides and the Markdown report show under NPV.

use serde_json::{Map, Value, json};

use crate::model::risk::{RiskResult, Spread};
use crate::outputs::format;

fn number(v: Option<f64>) -> Value {
    v.filter(|x| x.is_finite()).map_or(Value::Null, |x| json!(x))
}

fn spread(s: &Spread) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("draws_with_figure".into(), json!(s.count));
    m.insert("withheld".into(), json!(s.withheld));
    m.insert("p10".into(), number(s.p10));
    m.insert("p50".into(), number(s.p50));
    m.insert("p90".into(), number(s.p90));
    m.insert("mean".into(), number(s.mean));
    m.insert("std_error".into(), number(s.std_error));
    m
}

fn spread_with(s: &Spread, key: &str, share: f64) -> Value {
    let mut m = spread(s);
    m.insert(key.into(), json!(share));
    Value::Object(m)
}

/// One scenario's entry of the `risk --json` output.
pub fn scenario_json(name: &str, r: &RiskResult) -> Value {
    json!({
        "name": name,
        "draws": r.draws,
        "seed": r.seed,
        "npv_usd": Value::Object(spread(&r.npv)),
        "equity_irr": spread_with(&r.equity_irr, "none_share", r.equity_irr_none_share),
        "payback_months": spread_with(&r.payback_months, "never_share", r.payback_never_share),
        "full_power_month": Value::Object(spread(&r.full_power_month)),
        "annual_ebitda_usd": spread_with(&r.annual_ebitda, "none_share", r.annual_ebitda_none_share),
        "prob_npv_negative": r.prob_npv_negative,
        "approval_share": r.approval_share,
        "base_npv_usd": number(Some(r.base_npv)),
        "below_base_share": r.below_base_share(),
        "base_case_optimistic": r.base_is_optimistic(),
        "skewing_input": r.optimism.and_then(|o| o.skew).map(|(input, p50_without, p50_with)| json!({
            "input": input.label(),
            "p50_npv_without_usd": number(Some(p50_without)),
            "p50_npv_with_usd": number(Some(p50_with)),
        })),
    })
}

/// `{"project", "scenarios": [...]}`, pretty-printed.
pub fn json(project: &str, results: &[(&str, &RiskResult)]) -> String {
    let scenarios: Vec<Value> = results.iter().map(|(name, r)| scenario_json(name, r)).collect();
    let doc = json!({ "project": project, "scenarios": scenarios });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

fn money(v: Option<f64>) -> String {
    v.map_or_else(|| "n/a".to_string(), format::money)
}

fn irr(v: Option<f64>) -> String {
    v.map_or_else(|| "n/a".to_string(), format::percent)
}

fn months(v: Option<f64>) -> String {
    format::months(v, "beyond the horizon")
}

/// Why a figure's percentiles are not shown: "n/a (only 1 of 2,000 draws have an equity IRR)".
pub fn withheld(s: &Spread, draws: u32, figure: &str) -> Option<String> {
    s.withheld.then(|| {
        let have = if s.count == 1 { "has" } else { "have" };
        format!(
            "n/a (only {} of {} draws {have} {figure})",
            format::count(f64::from(s.count)),
            format::count(f64::from(draws))
        )
    })
}

/// The caveat beside a base-case NPV that lies above the P75 of its own draws: "Base case above 93 % of
/// draws: the base case is optimistic. Mean of the draws $402.1M; the hashprice path skews it most (P50
/// $480.2M with it off, $310.5M on)." `None` when the base case is not above P75.
pub fn optimism_line(r: &RiskResult) -> Option<String> {
    if !r.base_is_optimistic() {
        return None;
    }
    let mut line = format!(
        "Base case above {} of draws: the base case is optimistic. Mean of the draws {}",
        format::percent(r.below_base_share()),
        money(r.npv.mean)
    );
    if let Some((input, without, with)) = r.optimism.and_then(|o| o.skew) {
        line.push_str(&format!(
            "; {} skews it most (P50 {} with it off, {} on)",
            input.label(),
            format::money(without),
            format::money(with)
        ));
    }
    line.push('.');
    Some(line)
}

/// "NPV P10 -$120.4M · P50 $35.2M · P90 $160.0M (2,000 draws)": the line under NPV on slides and in reports.
pub fn npv_line(r: &RiskResult) -> String {
    format!(
        "NPV P10 {} · P50 {} · P90 {} ({} draws, P(NPV < 0) {})",
        money(r.npv.p10),
        money(r.npv.p50),
        money(r.npv.p90),
        format::count(r.draws as f64),
        format::percent(r.prob_npv_negative)
    )
}

/// A plain-text table of one scenario's results for the terminal.
pub fn table(name: &str, r: &RiskResult) -> String {
    let mut out = format!(
        "{name}: {} draws, seed {}; mean NPV {} (standard error {})\n",
        format::count(r.draws as f64),
        r.seed,
        money(r.npv.mean),
        money(r.npv.std_error)
    );
    out.push_str(&format!("  {:<24} {:>18} {:>18} {:>18}\n", "", "P10", "P50", "P90"));
    let mut row = |label: &str, p: [String; 3]| {
        out.push_str(&format!("  {label:<24} {:>18} {:>18} {:>18}\n", p[0], p[1], p[2]));
    };
    let s = |x: &Spread, f: fn(Option<f64>) -> String| [f(x.p10), f(x.p50), f(x.p90)];
    row("NPV (pre-tax)", s(&r.npv, money));
    row("Equity IRR (of draws)", s(&r.equity_irr, irr));
    row("Payback", s(&r.payback_months, months));
    row("Full power", s(&r.full_power_month, |m| m.map_or("n/a".into(), |m| format!("month {m:.0}"))));
    row("First-year EBITDA", s(&r.annual_ebitda, money));
    let lacking =
        [("Equity IRR", &r.equity_irr, "an equity IRR"), ("First-year EBITDA", &r.annual_ebitda, "a full-power year")];
    for (label, spread, figure) in lacking {
        if let Some(why) = withheld(spread, r.draws, figure) {
            out.push_str(&format!("  {label}: {why}\n"));
        }
    }
    out.push_str(&format!(
        "  P(NPV < 0) {}; never pays back {}; no equity IRR {}; no full-power year {}\n",
        format::percent(r.prob_npv_negative),
        format::percent(r.payback_never_share),
        format::percent(r.equity_irr_none_share),
        format::percent(r.annual_ebitda_none_share)
    ));
    out.push_str(&format!("  Base case NPV {} (no draw)\n", format::money(r.base_npv)));
    if let Some(line) = optimism_line(r) {
        out.push_str(&format!("  {line}\n"));
    }
    out
}
