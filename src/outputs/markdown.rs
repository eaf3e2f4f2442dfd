//! The Markdown summary of a project: the comparison table with the best value of each row marked, then
//! every scenario's site plan, KPIs, warnings, components and assumptions with their sources. Plot images
//! are named by the caller (they are drawn by the app's renderer and written beside the Markdown).

use std::fmt::Write as _;

use crate::model::fields::{
    ASIC_HALL_FIELDS, ASSUMPTION_FIELDS, COOLING_PLANT_FIELDS, GAS_TURBINE_FIELDS, GPU_POD_FIELDS, NumField,
    SUBSTATION_FIELDS,
};
use crate::model::warnings::by_severity;
use crate::model::{Assumptions, Component, ComponentKind, Evaluation, Project, Scenario};
use crate::outputs::comparison::{self, BEST_MARK, Better, Compared, Mark, NOT_RANKED_MARK};
use crate::outputs::format;
use crate::outputs::report;

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
    markdown_with_risk(project, evaluations, images, &[])
}

/// The whole report with each scenario's P10/P50/P90 line under its key figures (`risk[i]` for scenario i,
/// when it has risk results).
pub fn markdown_with_risk(
    project: &Project,
    evaluations: &[Evaluation],
    images: &ReportImages,
    risk: &[Option<String>],
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}: scenario report\n", escape(&project.name));
    let _ = writeln!(
        out,
        "Made with Powerplot. Figures are in nominal US dollars, from the monthly model described in \
         docs/MODEL.md of the Powerplot sources (every rule, default and its public source). They are pre-tax and \
         unlevered, with no terminal value, except the after-tax and equity figures, which each scenario's \
         Financing and tax section explains. Warnings are listed most serious first.\n"
    );
    comparison_section(&mut out, project, evaluations, &images.comparison);
    let financings = report::financing_all(project, evaluations);
    for (i, ((s, e), f)) in project.scenarios.iter().zip(evaluations).zip(&financings).enumerate() {
        let empty = Vec::new();
        let risk = risk.get(i).and_then(Option::as_deref);
        scenario_section(&mut out, i, s, e, f, images.scenarios.get(i).unwrap_or(&empty), risk);
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
    let financings = crate::outputs::report::financing_all(project, evaluations);
    let compared = Compared::all(&project.scenarios, evaluations, &financings);
    let evals: Vec<&Evaluation> = compared.iter().map(|c| c.evaluation).collect();
    for row in comparison::rows() {
        let _ = write!(out, "| {} |", row.label);
        for (c, mark) in compared.iter().zip(row.marks(&compared)) {
            let value = escape(&(row.text)(c));
            let _ = match mark {
                Mark::Best => write!(out, " **{value}** {BEST_MARK} |"),
                Mark::Tie => write!(out, " **{value}** {BEST_MARK} (tie) |"),
                Mark::NotRanked => write!(out, " {value} {NOT_RANKED_MARK} |"),
                Mark::None => write!(out, " {value} |"),
            };
        }
        out.push('\n');
    }
    out.push_str("| Site limits |");
    for e in &evals {
        let _ = write!(out, " {} |", comparison::limits_text(e));
    }
    out.push_str("\n| Warnings |");
    for c in &compared {
        let _ = write!(out, " {} |", comparison::warnings_text(c));
    }
    out.push('\n');
    let by = |better: Better| -> String {
        comparison::rows().iter().filter(|r| r.better == Some(better)).map(|r| r.label).collect::<Vec<_>>().join(", ")
    };
    let _ = writeln!(
        out,
        "\n{BEST_MARK} marks the best value of each ranked row: lowest {}; highest {}. Shared best values are \
         marked (tie); a row where every scenario is equal marks none. The other rows are not ranked: more is \
         not better or worse by nature. {} {NOT_RANKED_MARK} marks a scenario that breaks a site limit \
         (power, cooling or water): it is never ranked, since its figures count on what the site cannot deliver.\n",
        by(Better::Lower),
        by(Better::Higher),
        across_models(&compared)
    );
    assumption_diff_table(out, &project.scenarios);
    image_lines(out, images);
}

/// The sentence on rows ranked only within one business model, naming those left unranked here.
fn across_models(compared: &[Compared]) -> String {
    let rows = comparison::rows();
    let names: Vec<&str> = rows.iter().filter(|r| r.same_business_model).map(|r| r.label).collect();
    let unranked: Vec<&str> = rows.iter().filter(|r| r.mixes_business_models(compared)).map(|r| r.label).collect();
    let here = if unranked.is_empty() {
        String::new()
    } else {
        format!(" Here the scenarios follow different business models, so {} are not ranked.", unranked.join(" and "))
    };
    format!(
        "{} mean different things for mining and AI sites (a site that builds little pays back at once), so they \
         are ranked only between scenarios of one business model.{here}",
        names.join(" and ")
    )
}

/// The assumptions that differ between the scenarios, each value labelled as its scenario's.
fn assumption_diff_table(out: &mut String, scenarios: &[Scenario]) {
    if scenarios.len() < 2 {
        return;
    }
    let diffs = comparison::assumption_diffs(scenarios);
    out.push_str("### Assumptions that differ between the scenarios\n\n");
    if diffs.is_empty() {
        out.push_str("None: every scenario assumes the same.\n\n");
        return;
    }
    out.push_str("| Assumption |");
    for s in scenarios {
        let _ = write!(out, " {}'s |", escape(&s.name));
    }
    out.push_str("\n|---|");
    out.push_str(&"---:|".repeat(scenarios.len()));
    out.push('\n');
    for d in &diffs {
        let _ = write!(out, "| {} |", escape(&d.label));
        for v in &d.values {
            let _ = write!(out, " {} |", escape(v));
        }
        out.push('\n');
    }
    out.push('\n');
}

fn scenario_section(
    out: &mut String,
    index: usize,
    s: &Scenario,
    e: &Evaluation,
    f: &crate::model::financing::Financing,
    images: &[Image],
    risk: Option<&str>,
) {
    let _ = writeln!(out, "## Scenario {}: {}\n", index + 1, escape(&s.name));
    image_lines(out, images);

    out.push_str("### Key figures\n\n| Figure | Value |\n|---|---:|\n");
    for (label, f) in report::kpi_rows() {
        let (indent, label) = if label.starts_with("  ") { ("· ", label.trim_start()) } else { ("", label) };
        let _ = writeln!(out, "| {indent}{label} | {} |", f(&e.kpis, s.assumptions.start));
    }
    let _ = writeln!(out, "| Hashrate | {} PH/s |", format::count(e.kpis.hashrate_ph_s));
    let _ = writeln!(out, "| GPUs | {} |", format::count(e.kpis.gpus));
    out.push('\n');
    if let Some(line) = risk {
        let _ = writeln!(out, "Risk (Monte Carlo, pre-tax NPV): {}\n", escape(line));
    }

    let warnings: Vec<crate::model::Warning> = report::all_warnings(e, f).into_iter().cloned().collect();
    if !warnings.is_empty() {
        out.push_str("### Warnings, most serious first\n\n");
        for w in by_severity(&warnings) {
            let _ = writeln!(out, "- {}", escape(&w.message));
        }
        out.push('\n');
    }

    crate::outputs::financing::section(out, s, f);
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
        let online =
            e.component(c.id).map_or("n/a".to_string(), |r| format::model_month(s.assumptions.start, r.online_month));
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
pub(crate) fn settings(c: &Component) -> String {
    fn values<T>(fields: &[NumField<T>], x: &T) -> Vec<String> {
        fields
            .iter()
            .map(|f| format!("{} {}", f.label.to_lowercase(), format::value_with_unit((f.get)(x), f.unit)))
            .collect()
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

fn assumptions_table(out: &mut String, a: &Assumptions) {
    out.push_str("### Site assumptions\n\n| Assumption | Value | Source of the default |\n|---|---:|---|\n");
    let _ = writeln!(out, "| Start | {} | 2027-01 by default |", a.start);
    // Debt and tax are listed in the Financing and tax section.
    for f in ASSUMPTION_FIELDS.iter().filter(|f| !crate::model::financing::FIELD_KEYS.contains(&f.key)) {
        let mut value = format::value_with_unit((f.get)(a), f.unit);
        if f.key == "ai_build_premium" {
            value = format::premium(a.ai_build_premium, a.mining_facility_capex_usd_per_mw);
        }
        let _ = writeln!(out, "| {} | {} | {} |", f.label, escape(&value), escape(f.source));
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
    let limit = a.water_limit_m3_per_day.map_or("none".to_string(), |l| format!("{} m3/day", format::number(l)));
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
