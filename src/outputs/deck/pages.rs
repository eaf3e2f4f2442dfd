//! The deck's pages: cover, one per scenario, the comparison and the assumptions appendix.

use krilla::Document;
use krilla::geom::Size;
use krilla::page::PageSettings;
use krilla::surface::Surface;

use super::pen::{self, Fonts, accent, ink, muted, panel, warning};
use super::{DeckInputs, PAGE_HEIGHT, PAGE_WIDTH};
use crate::model::{Evaluation, Project};
use crate::outputs::caveats::scenario_caveats;
use crate::outputs::comparison::{self, AssumptionValue, BEST_MARK, Compared, Mark, NOT_RANKED_MARK, assumption_table};
use crate::outputs::format;
use crate::outputs::report::financing_all;
use crate::outputs::risk::npv_line;
use crate::outputs::slide;

const MARGIN: f32 = 36.0;

/// Runs `draw` on a new page.
fn page(document: &mut Document, draw: impl FnOnce(&mut Surface)) {
    let Some(size) = Size::from_wh(PAGE_WIDTH, PAGE_HEIGHT) else { return };
    let mut page = document.start_page_with(PageSettings::new(size));
    let mut surface = page.surface();
    draw(&mut surface);
    surface.finish();
    page.finish();
}

/// The footer of every page: the project and the page's subject.
fn footer(surface: &mut Surface, fonts: &Fonts, project: &Project, subject: &str) {
    let y = PAGE_HEIGHT - 14.0;
    pen::text(surface, fonts, MARGIN, y, 7.5, false, muted(), &format!("{} · {subject}", project.name));
    pen::text_right(surface, fonts, PAGE_WIDTH - MARGIN, y, 7.5, false, muted(), "Made with Powerplot");
}

pub fn cover(
    document: &mut Document,
    fonts: &Fonts,
    project: &Project,
    evaluations: &[Evaluation],
    inputs: &DeckInputs,
) {
    page(document, |s| {
        pen::rect(s, 0.0, 0.0, PAGE_WIDTH, 8.0, accent());
        let mut y = 110.0;
        y = pen::paragraph(
            s,
            fonts,
            MARGIN + 20.0,
            y,
            34.0,
            true,
            ink(),
            &project.name,
            PAGE_WIDTH - 2.0 * MARGIN - 40.0,
        );
        pen::text(
            s,
            fonts,
            MARGIN + 20.0,
            y + 4.0,
            18.0,
            false,
            accent(),
            "Investor deck: site plan, returns and risk",
        );
        y += 50.0;
        for (label, value) in [
            ("Project file", inputs.cover.project_file.as_str()),
            ("Exported", inputs.cover.exported.as_str()),
            ("Model", &format!("Powerplot {} (every rule in docs/MODEL.md of its sources)", env!("CARGO_PKG_VERSION"))),
        ] {
            pen::text(s, fonts, MARGIN + 20.0, y, 10.0, true, muted(), label);
            pen::text(s, fonts, MARGIN + 120.0, y, 10.0, false, ink(), value);
            y += 16.0;
        }
        y += 18.0;
        pen::text(s, fonts, MARGIN + 20.0, y, 13.0, true, ink(), "Scenarios");
        y += 20.0;
        for (i, (sc, e)) in project.scenarios.iter().zip(evaluations).enumerate() {
            if y > PAGE_HEIGHT - 70.0 {
                pen::text(s, fonts, MARGIN + 20.0, y, 10.0, false, muted(), "… and more on the following pages");
                break;
            }
            let k = &e.kpis;
            let line = format!(
                "{}. {}: NPV {} · IRR {} · capex {} · IT {}",
                i + 1,
                sc.name,
                format::money(k.npv_usd),
                format::irr(k.irr, k.irr_ambiguous),
                format::money(k.capex_total_usd),
                format::power_mw(k.it_load_mw)
            );
            y = pen::paragraph(s, fonts, MARGIN + 20.0, y, 11.0, false, ink(), &line, PAGE_WIDTH - 2.0 * MARGIN - 40.0);
        }
        pen::paragraph(
            s,
            fonts,
            MARGIN + 20.0,
            PAGE_HEIGHT - 48.0,
            8.5,
            false,
            muted(),
            "Nominal US dollars. NPV, IRR and payback are pre-tax and unlevered with no terminal value unless a page \
             says otherwise; equity figures assume the debt left is repaid at the horizon's end. Risk lines are \
             P10/P50/P90 of a Monte Carlo run with each scenario's own draws and seed.",
            PAGE_WIDTH - 2.0 * MARGIN - 40.0,
        );
    });
}

pub fn scenario(
    document: &mut Document,
    fonts: &Fonts,
    project: &Project,
    evaluations: &[Evaluation],
    inputs: &DeckInputs,
    index: usize,
) {
    let (Some(sc), Some(e)) = (project.scenarios.get(index), evaluations.get(index)) else { return };
    let f = crate::model::financing::evaluate(sc, e);
    let count = project.scenarios.len();
    page(document, |s| {
        pen::rect(s, 0.0, 0.0, PAGE_WIDTH, 6.0, accent());
        pen::text(s, fonts, MARGIN, 44.0, 24.0, true, accent(), &sc.name);
        let name_width = pen::width(true, 24.0, &sc.name);
        pen::text(s, fonts, MARGIN + name_width + 14.0, 44.0, 12.0, false, muted(), &project.name);
        pen::text_right(
            s,
            fonts,
            PAGE_WIDTH - MARGIN,
            44.0,
            11.0,
            false,
            ink(),
            &format!("Scenario {} of {count}", index + 1),
        );

        // Right column: the slide's cards, two to a row, then the risk line.
        let right_x = 500.0;
        let right_w = PAGE_WIDTH - MARGIN - right_x;
        let gap = 8.0;
        let card_w = (right_w - gap) / 2.0;
        let mut y = 62.0;
        for pair in slide::cards(sc, e, &f).chunks(2) {
            let mut height: f32 = 0.0;
            for (j, card) in pair.iter().enumerate() {
                let x = right_x + j as f32 * (card_w + gap);
                let notes = pen::wrap(false, 8.0, &card.note, card_w - 16.0);
                let h = 46.0 + notes.len() as f32 * 10.0;
                height = height.max(h);
                pen::rect(s, x, y, card_w, h, panel());
                pen::text(s, fonts, x + 8.0, y + 14.0, 9.0, false, ink(), &card.title);
                pen::text(s, fonts, x + 8.0, y + 36.0, 18.0, true, ink(), &card.value);
                for (k, line) in notes.iter().enumerate() {
                    pen::text(s, fonts, x + 8.0, y + 48.0 + k as f32 * 10.0, 8.0, false, muted(), line);
                }
            }
            y += height + gap;
        }
        let risk = match inputs.risk.get(index).copied().flatten() {
            Some(r) => format!("Risk: {}", npv_line(r)),
            None => "Risk: no Monte Carlo run for this export".to_string(),
        };
        y += 6.0;
        pen::paragraph(s, fonts, right_x, y, 9.5, true, ink(), &risk, right_w);

        // Left column: the site plan, then every caveat, laid out so the caveats always fit.
        let left_w = right_x - MARGIN - 20.0;
        let caveats = scenario_caveats(sc, e, &f, inputs.risk.get(index).copied().flatten());
        let size = if caveats.len() > 8 { 7.5 } else { 8.5 };
        let lines: usize =
            caveats.iter().map(|c| pen::wrap(false, size, &format!("• {}", c.text), left_w - 16.0).len()).sum();
        let caveat_h = if caveats.is_empty() { 0.0 } else { 26.0 + lines as f32 * size * 1.3 };
        let bottom = PAGE_HEIGHT - 28.0;
        let plan_h = (bottom - caveat_h - 70.0).max(120.0);
        if let Some(Some(png)) = inputs.site_plans.get(index) {
            pen::picture(s, png, MARGIN, 62.0, left_w, plan_h);
        } else {
            pen::rect(s, MARGIN, 62.0, left_w, plan_h, panel());
            pen::text(s, fonts, MARGIN + 12.0, 82.0, 9.0, false, muted(), "Site plan not drawn for this export");
        }
        if !caveats.is_empty() {
            let top = 62.0 + plan_h + 8.0;
            pen::rect(s, MARGIN, top, left_w, bottom - top, panel());
            pen::text(s, fonts, MARGIN + 8.0, top + 15.0, 10.0, true, ink(), "Caveats, most serious first");
            let mut cy = top + 30.0;
            for c in &caveats {
                let color = if c.serious { warning() } else { ink() };
                cy = pen::paragraph(
                    s,
                    fonts,
                    MARGIN + 8.0,
                    cy,
                    size,
                    false,
                    color,
                    &format!("• {}", c.text),
                    left_w - 16.0,
                );
            }
        }
        footer(s, fonts, project, &format!("scenario {} of {count}", index + 1));
    });
}

pub fn comparison(document: &mut Document, fonts: &Fonts, project: &Project, evaluations: &[Evaluation]) {
    let financings = financing_all(project, evaluations);
    let compared = Compared::all(&project.scenarios, evaluations, &financings);
    let n = compared.len().max(1);
    page(document, |s| {
        pen::rect(s, 0.0, 0.0, PAGE_WIDTH, 6.0, accent());
        pen::text(s, fonts, MARGIN, 44.0, 22.0, true, ink(), "Scenarios compared");
        let label_w = 210.0;
        let col_w = (PAGE_WIDTH - 2.0 * MARGIN - label_w) / n as f32;
        let size = if n > 4 { 7.5 } else { 9.0 };
        let mut y = 74.0;
        pen::rect(s, MARGIN, y - 12.0, PAGE_WIDTH - 2.0 * MARGIN, 18.0, panel());
        for (i, c) in compared.iter().enumerate() {
            let name = pen::wrap(true, size, &c.scenario.name, col_w - 8.0);
            pen::text_right(s, fonts, MARGIN + label_w + (i + 1) as f32 * col_w - 4.0, y, size, true, ink(), &name[0]);
        }
        y += 18.0;
        for row in comparison::rows() {
            pen::text(s, fonts, MARGIN, y, size, false, ink(), row.label);
            for (i, (c, mark)) in compared.iter().zip(row.marks(&compared)).enumerate() {
                let value = (row.text)(c);
                let (text, bold) = match mark {
                    Mark::Best => (format!("{value} {BEST_MARK}"), true),
                    Mark::Tie => (format!("{value} {BEST_MARK}"), true),
                    Mark::NotRanked => (format!("{value} {NOT_RANKED_MARK}"), false),
                    Mark::None => (value, false),
                };
                let right = MARGIN + label_w + (i + 1) as f32 * col_w - 4.0;
                pen::text_right(s, fonts, right, y, size, bold, ink(), &text);
            }
            y += size * 1.7;
        }
        for (label, texts) in [
            ("Site limits", compared.iter().map(|c| comparison::limits_text(c.evaluation)).collect::<Vec<_>>()),
            ("Warnings", compared.iter().map(comparison::warnings_text).collect()),
        ] {
            pen::text(s, fonts, MARGIN, y, size, false, ink(), label);
            let mut next = y;
            for (i, t) in texts.iter().enumerate() {
                let x = MARGIN + label_w + i as f32 * col_w + 4.0;
                next = next.max(pen::paragraph(s, fonts, x, y, size * 0.9, false, ink(), t, col_w - 8.0));
            }
            y = next + 4.0;
        }
        pen::paragraph(
            s,
            fonts,
            MARGIN,
            y + 10.0,
            8.0,
            false,
            muted(),
            &format!(
                "{BEST_MARK} marks the best value of a ranked row (ties marked alike); {NOT_RANKED_MARK} marks a scenario \
                 that breaks a site limit and is not ranked. Some rows are ranked only between scenarios of one \
                 business model."
            ),
            PAGE_WIDTH - 2.0 * MARGIN,
        );
        footer(s, fonts, project, "comparison");
    });
}

pub fn appendix(document: &mut Document, fonts: &Fonts, project: &Project) {
    let rows = assumption_table(&project.scenarios);
    let n = project.scenarios.len().max(1);
    let label_w = 170.0;
    let value_w = (330.0 / n as f32).min(90.0);
    let source_x = MARGIN + label_w + value_w * n as f32 + 8.0;
    let source_w = PAGE_WIDTH - MARGIN - source_x;
    let size = 7.0;
    let mut start = 0;
    let mut part = 1;
    while start < rows.len() {
        page(document, |s| {
            pen::text(s, fonts, MARGIN, 34.0, 16.0, true, ink(), "Appendix: assumptions and their sources");
            if part > 1 {
                pen::text_right(s, fonts, PAGE_WIDTH - MARGIN, 34.0, 9.0, false, muted(), &format!("part {part}"));
            }
            let mut y = 56.0;
            pen::rect(s, MARGIN, y - 10.0, PAGE_WIDTH - 2.0 * MARGIN, 14.0, panel());
            pen::text(s, fonts, MARGIN + 2.0, y, size, true, ink(), "Assumption");
            for (i, sc) in project.scenarios.iter().enumerate() {
                let name = pen::wrap(true, size, &sc.name, value_w - 4.0);
                pen::text(s, fonts, MARGIN + label_w + i as f32 * value_w, y, size, true, ink(), &name[0]);
            }
            pen::text(s, fonts, source_x, y, size, true, ink(), "Source of the default, valid range");
            y += 13.0;
            while start < rows.len() {
                let row = &rows[start];
                let source = match (row.source, row.range.as_str()) {
                    ("", "") => String::new(),
                    ("", range) => format!("valid {range}"),
                    (source, "") => source.to_string(),
                    (source, range) => format!("{source} (valid {range})"),
                };
                let source_lines = pen::wrap(false, size, &source, source_w);
                let values: Vec<Vec<String>> = row
                    .values
                    .iter()
                    .map(|v| {
                        let text = match v {
                            AssumptionValue::Number(x) => format::value_with_unit(*x, row.unit),
                            AssumptionValue::Text(t) => t.clone(),
                        };
                        pen::wrap(false, size, &text, value_w - 4.0)
                    })
                    .collect();
                let label_lines = pen::wrap(false, size, &row.label, label_w - 6.0);
                let lines =
                    source_lines.len().max(label_lines.len()).max(values.iter().map(Vec::len).max().unwrap_or(1));
                let height = lines as f32 * size * 1.25 + 2.0;
                if y + height > PAGE_HEIGHT - 24.0 {
                    break;
                }
                for (k, line) in label_lines.iter().enumerate() {
                    pen::text(s, fonts, MARGIN + 2.0, y + k as f32 * size * 1.25, size, false, ink(), line);
                }
                for (i, v) in values.iter().enumerate() {
                    for (k, line) in v.iter().enumerate() {
                        let x = MARGIN + label_w + i as f32 * value_w;
                        pen::text(s, fonts, x, y + k as f32 * size * 1.25, size, false, ink(), line);
                    }
                }
                for (k, line) in source_lines.iter().enumerate() {
                    pen::text(s, fonts, source_x, y + k as f32 * size * 1.25, size, false, muted(), line);
                }
                y += height;
                start += 1;
            }
            footer(s, fonts, project, "assumptions");
        });
        part += 1;
    }
}
