//! The Markdown summary of a project: the comparison table with the best value of each row marked, then
//! every scenario's site plan, KPIs, warnings, components and assumptions with their sources. Plot images
//! are named by the caller (they are drawn by the app's renderer and written beside the Markdown).

use std::fmt::Write as _;

use crate::comparison::{self, BEST_MARK, Better};
use crate::format;
use crate::model::fields::{
    ASIC_HALL_FIELDS, ASSUMPTION_FIELDS, COOLING_PLANT_FIELDS, GAS_TURBINE_FIELDS, GPU_POD_FIELDS, NumField,
    SUBSTATION_FIELDS,
};
use crate::model::{Assumptions, Component, ComponentKind, Evaluation, Project, Scenario};
use crate::report;

/// An image written beside the report: its file name (relative to the report) and what it shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    pub file: String,
    pub caption: String,
}

/// The images to link: one list for the comparison section and one per scenario, in scenario order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReportImages {
    pub comparison: Vec<Image>,
    pub scenarios: Vec<Vec<Image>>,
}

/// The whole report. `evaluations` must be `evaluate` of each scenario, in order.
pub fn markdown(project: &Project, evaluations: &[Evaluation], images: &ReportImages) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}: scenario report\n", escape(&project.name));
    let _ = writeln!(
        out,
        "Made with Powerplot. All figures are pre-tax, unlevered and in nominal US dollars, from the monthly \
         model described in MODEL.md; no debt, tax or terminal value.\n"
    );
    comparison_section(&mut out, project, evaluations, &images.comparison);
    for (i, (s, e)) in project.scenarios.iter().zip(evaluations).enumerate() {
        let empty = Vec::new();
        scenario_section(&mut out, i, s, e, images.scenarios.get(i).unwrap_or(&empty));
    }
    component_sources(&mut out);
    out
}

/// Characters that would break a table cell or start Markdown markup.
fn escape(text: &str) -> String {
    text.replace('|', "\\|").replace('*', "\\*").replace('_', "\\_")
}

fn image_lines(out: &mut String, images: &[Image]) {
    for image in images {
        let _ = writeln!(out, "![{}]({})\n", escape(&image.caption), image.file.replace(' ', "%20"));
    }
}

fn comparison_section(out: &mut String, project: &Project, evaluations: &[Evaluation], images: &[Image]) {
    out.push_str("## Scenarios compared\n\n|  |");
    for s in &project.scenarios {
        let _ = write!(out, " {} |", escape(&s.name));
    }
    out.push_str("\n|---|");
    out.push_str(&"---:|".repeat(project.scenarios.len()));
    out.push('\n');
    let kpis: Vec<_> = evaluations.iter().map(|e| &e.kpis).collect();
    for row in comparison::rows() {
        let best = row.best(&kpis);
        let _ = write!(out, "| {} |", row.label);
        for (i, k) in kpis.iter().enumerate() {
            let value = (row.text)(k);
            if best.contains(&i) {
                let _ = write!(out, " **{value}** {BEST_MARK} |");
            } else {
                let _ = write!(out, " {value} |");
            }
        }
        out.push('\n');
    }
    let by = |better: Better| -> String {
        comparison::rows().iter().filter(|r| r.better == better).map(|r| r.label).collect::<Vec<_>>().join(", ")
    };
    let _ = writeln!(
        out,
        "\n{BEST_MARK} marks the best value of each row: lowest {}; highest {}. A row where every scenario is \
         equal marks none.\n",
        by(Better::Lower),
        by(Better::Higher)
    );
    image_lines(out, images);
}

fn scenario_section(out: &mut String, index: usize, s: &Scenario, e: &Evaluation, images: &[Image]) {
    let _ = writeln!(out, "## Scenario {}: {}\n", index + 1, escape(&s.name));
    image_lines(out, images);

    out.push_str("### Key figures\n\n| Figure | Value |\n|---|---:|\n");
    for (label, f) in report::kpi_rows() {
        let (indent, label) = if label.starts_with("  ") { ("· ", label.trim_start()) } else { ("", label) };
        let _ = writeln!(out, "| {indent}{label} | {} |", f(&e.kpis));
    }
    let _ = writeln!(out, "| Hashrate | {} PH/s |", format::count(e.kpis.hashrate_ph_s));
    let _ = writeln!(out, "| GPUs | {} |", format::count(e.kpis.gpus));
    out.push('\n');

    if !e.warnings.is_empty() {
        out.push_str("### Warnings\n\n");
        for w in &e.warnings {
            let _ = writeln!(out, "- {}", escape(&w.message));
        }
        out.push('\n');
    }

    components_table(out, s, e);
    assumptions_table(out, &s.assumptions);
}

fn components_table(out: &mut String, s: &Scenario, e: &Evaluation) {
    out.push_str(
        "### Components\n\n| Component | Kind | Status | Size | Online | Settings |\n|---|---|---|---:|---:|---|\n",
    );
    for c in &s.components {
        let status = if c.existing { "existing" } else { "new" };
        let size = match &c.kind {
            ComponentKind::CoolingPlant(p) => format!("{:.0} MW_th", p.capacity_mw_th),
            _ => format::power_mw(c.label_mw()),
        };
        let online = e.component(c.id).map_or("n/a".to_string(), |r| format!("month {}", r.online_month));
        let _ = writeln!(
            out,
            "| {} | {} | {status} | {size} | {online} | {} |",
            escape(&c.name),
            c.tag().label(),
            escape(&settings(c))
        );
    }
    out.push('\n');
}

/// Every setting of a component in one line: its choices, then its numeric fields with units.
fn settings(c: &Component) -> String {
    fn values<T>(fields: &[NumField<T>], x: &T) -> Vec<String> {
        fields.iter().map(|f| format!("{} {}{}", f.label.to_lowercase(), number((f.get)(x)), unit(f.unit))).collect()
    }
    let mut parts = match &c.kind {
        ComponentKind::AsicHall(h) => {
            let mut p = vec![h.miner_model.clone(), format!("{} cooling", h.cooling.label().to_lowercase())];
            p.extend(values(ASIC_HALL_FIELDS, h));
            p
        }
        ComponentKind::GpuPod(g) => {
            let mut p = vec![g.system_model.clone(), g.business.label().to_string()];
            if g.retrofit {
                p.push("retrofit of a mining hall".to_string());
            }
            p.extend(values(GPU_POD_FIELDS, g));
            p
        }
        ComponentKind::Substation(x) => values(SUBSTATION_FIELDS, x),
        ComponentKind::CoolingPlant(x) => {
            let mut p = vec![x.cooling_type.label().to_string()];
            p.extend(values(COOLING_PLANT_FIELDS, x));
            p
        }
        ComponentKind::GasTurbine(x) => values(GAS_TURBINE_FIELDS, x),
    };
    parts.push(format!("lead time {} months", c.lead_time_months));
    parts.join("; ")
}

fn unit(u: &str) -> String {
    if u.is_empty() { String::new() } else { format!(" {u}") }
}

/// A value as a planner writes it: whole numbers with separators, others with up to four decimals.
fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        return format::count(v);
    }
    let text = format!("{v:.4}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if v.abs() >= 1000.0 {
        let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
        let whole: f64 = whole.parse().unwrap_or(v.trunc());
        if frac.is_empty() { format::count(whole) } else { format!("{}.{frac}", format::count(whole)) }
    } else {
        text.to_string()
    }
}

fn assumptions_table(out: &mut String, a: &Assumptions) {
    out.push_str("### Site assumptions\n\n| Assumption | Value | Source of the default |\n|---|---:|---|\n");
    let _ = writeln!(out, "| Start | {} | 2027-01 by default |", a.start);
    for f in ASSUMPTION_FIELDS {
        let _ = writeln!(out, "| {} | {}{} | {} |", f.label, number((f.get)(a)), unit(f.unit), escape(f.source));
    }
    let halvings: Vec<String> = a.halvings.iter().map(ToString::to_string).collect();
    let _ = writeln!(
        out,
        "| Halvings | {} | the 2028 one is expected at block 1,050,000 in April 2028; 2032 is an estimate |",
        if halvings.is_empty() { "none".to_string() } else { halvings.join(", ") }
    );
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    let _ = writeln!(
        out,
        "| Permits in hand | {} | a site that holds its permits skips permitting time |",
        yes_no(a.permits_in_hand)
    );
    let _ = writeln!(
        out,
        "| Refresh hardware | {} | miners and GPUs are replaced at the same price at end of life |",
        yes_no(a.refresh_hardware)
    );
    let limit = a.water_limit_m3_per_day.map_or("none".to_string(), |l| format!("{} m3/day", number(l)));
    let _ = writeln!(out, "| Water limit | {limit} | the site's water allowance or well capacity |");
    out.push('\n');
}

fn component_sources(out: &mut String) {
    out.push_str("## Sources of the component defaults\n\n");
    fn table<T>(out: &mut String, title: &str, fields: &[NumField<T>]) {
        let _ = writeln!(out, "### {title}\n\n| Field | Unit | Valid range | Source |\n|---|---|---|---|");
        for f in fields {
            let _ = writeln!(out, "| {} | {} | {} | {} |", f.label, escape(f.unit), f.range_text(), escape(f.source));
        }
        out.push('\n');
    }
    table(out, "ASIC hall", ASIC_HALL_FIELDS);
    table(out, "GPU pod", GPU_POD_FIELDS);
    table(out, "Substation", SUBSTATION_FIELDS);
    table(out, "Cooling plant", COOLING_PLANT_FIELDS);
    table(out, "Gas turbine", GAS_TURBINE_FIELDS);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_like_a_planner_writes_them() {
        assert_eq!(number(12_000.0), "12,000");
        assert_eq!(number(0.97), "0.97");
        assert_eq!(number(350_000.0), "350,000");
        assert_eq!(number(1234.5), "1,234.5");
        assert_eq!(number(0.1), "0.1");
    }
}
