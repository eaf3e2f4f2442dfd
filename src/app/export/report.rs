//! Writes the Markdown report into a folder with its pictures beside it: the cash-flow comparison and each
//! scenario's site plan, drawn offscreen (no window or graphics adapter needed).

use std::path::{Path, PathBuf};

use super::{ExportError, images, png};
use crate::app::underlay::loader::UnderlayImages;
use crate::model::{Evaluation, Project};
use crate::outputs::markdown::{self as report_markdown, Image, ReportImages};

/// The Markdown file's name inside the report folder.
pub const REPORT_FILE: &str = "report.md";

/// What a report export wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct WrittenReport {
    pub markdown: PathBuf,
    pub images: Vec<PathBuf>,
}

/// Bytes of a scenario's name kept in a file name: with the scenario's number and the longest suffix
/// ("-6-sensitivity.png") the name stays far below the 255 bytes file systems allow.
pub const SLUG_BYTES: usize = 64;

/// A file-name-safe, lower-case form of a scenario name: "Full AI (copy)" -> "full-ai-copy", at most
/// `SLUG_BYTES` bytes (cut at a character boundary). Different names can give the same slug ("Full AI" and
/// "full ai"), so file names also carry the scenario's number.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if out.len() + c.len_utf8() > SLUG_BYTES {
                break;
            }
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            if out.len() + 1 > SLUG_BYTES {
                break;
            }
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() { "scenario".to_string() } else { trimmed.to_string() }
}

/// "2-full-ai": a scenario's number (1-based, in the project's order) and its slug, unique within a project
/// and the same on every export of it.
pub fn scenario_stem(number: usize, name: &str) -> String {
    format!("{number}-{}", slug(name))
}

/// Writes `report.md` and its PNGs into `dir` (created when missing), with `risk[i]`, scenario i's P10/P50/P90
/// line, under its key figures. `scale` is pixels per point of the
/// pictures; `dark` picks their theme; site plans are drawn over the images in `underlays`.
pub fn write_report(
    project: &Project,
    evaluations: &[Evaluation],
    underlays: &UnderlayImages,
    risk: &[Option<String>],
    dir: &Path,
    scale: f32,
    dark: bool,
) -> Result<WrittenReport, ExportError> {
    std::fs::create_dir_all(dir).map_err(|source| ExportError::Write { path: dir.to_path_buf(), source })?;
    let (written, result) = write_report_files(project, evaluations, underlays, risk, dir, scale, dark);
    match result {
        Ok(markdown) => Ok(WrittenReport { markdown, images: written }),
        Err(e) => Err(ExportError::incomplete(e, written)),
    }
}

/// The pictures written (complete), and the Markdown file or the error that stopped the export.
fn write_report_files(
    project: &Project,
    evaluations: &[Evaluation],
    underlays: &UnderlayImages,
    risk: &[Option<String>],
    dir: &Path,
    scale: f32,
    dark: bool,
) -> (Vec<PathBuf>, Result<PathBuf, ExportError>) {
    let mut written = Vec::new();
    let result = write_report_into(project, evaluations, underlays, risk, dir, (scale, dark), &mut written);
    (written, result)
}

fn write_report_into(
    project: &Project,
    evaluations: &[Evaluation],
    underlays: &UnderlayImages,
    risk: &[Option<String>],
    dir: &Path,
    (scale, dark): (f32, bool),
    written: &mut Vec<PathBuf>,
) -> Result<PathBuf, ExportError> {
    let mut save = |image: &egui::ColorImage, file: &str| -> Result<(), ExportError> {
        let path = dir.join(file);
        png::save(image, &path)?;
        written.push(path);
        Ok(())
    };

    let mut links = ReportImages::default();
    let cash_flow = images::cash_flow_comparison(project, evaluations, usize::MAX, dark, scale);
    save(&cash_flow, "cash-flow.png")?;
    links
        .comparison
        .push(Image { file: "cash-flow.png".into(), caption: "Cumulative cash flow of every scenario".into() });
    for (i, s) in project.scenarios.iter().enumerate() {
        let file = format!("site-{}.png", scenario_stem(i + 1, &s.name));
        save(&images::site_plan(s, evaluations.get(i), underlays, dark, scale), &file)?;
        links.scenarios.push(vec![Image { file, caption: format!("Site plan: {}", s.name) }]);
    }

    let markdown = dir.join(REPORT_FILE);
    let text = report_markdown::markdown_with_risk(project, evaluations, &links, risk);
    crate::project_file::write_file_atomically(&markdown, text.as_bytes())
        .map_err(|source| ExportError::Write { path: markdown.clone(), source })?;
    Ok(markdown)
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn slugs_are_safe_file_names() {
        assert_eq!(slug("Full AI (copy)"), "full-ai-copy");
        assert_eq!(slug("  "), "scenario");
        assert_eq!(slug("Hall E / S21 XP"), "hall-e-s21-xp");
        // 200 "é" are 400 bytes; 32 of them fill the 64 bytes.
        assert_eq!(slug(&"é".repeat(200)), "é".repeat(32));
        assert_eq!(super::scenario_stem(3, "!!!"), "3-scenario");
    }
}
