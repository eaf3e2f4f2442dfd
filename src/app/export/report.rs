//! Writes the Markdown report into a folder with its pictures beside it: the cash-flow comparison and each
//! scenario's site plan, drawn offscreen (no window or graphics adapter needed).

use std::path::{Path, PathBuf};

use super::{ExportError, images, png};
use crate::app::underlay::loader::UnderlayImages;
use crate::model::{Evaluation, Project};
use crate::report_markdown::{self, Image, ReportImages};

/// The Markdown file's name inside the report folder.
pub const REPORT_FILE: &str = "report.md";

/// What a report export wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct WrittenReport {
    pub markdown: PathBuf,
    pub images: Vec<PathBuf>,
}

/// A file-name-safe, lower-case form of a scenario name: "Full AI (copy)" -> "full-ai-copy".
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() { "scenario".to_string() } else { trimmed.to_string() }
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
    let mut written = Vec::new();
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
        let file = format!("site-{}-{}.png", i + 1, slug(&s.name));
        save(&images::site_plan(s, evaluations.get(i), underlays, dark, scale), &file)?;
        links.scenarios.push(vec![Image { file, caption: format!("Site plan: {}", s.name) }]);
    }

    let markdown = dir.join(REPORT_FILE);
    let text = report_markdown::markdown_with_risk(project, evaluations, &links, risk);
    std::fs::write(&markdown, text).map_err(|source| ExportError::Write { path: markdown.clone(), source })?;
    Ok(WrittenReport { markdown, images: written })
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn slugs_are_safe_file_names() {
        assert_eq!(slug("Full AI (copy)"), "full-ai-copy");
        assert_eq!(slug("  "), "scenario");
        assert_eq!(slug("Hall E / S21 XP"), "hall-e-s21-xp");
    }
}
