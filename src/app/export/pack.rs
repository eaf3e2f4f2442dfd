//! The investor pack (the Excel workbook and the PDF deck) as files, for File > Export and `powerplot export`:
//! each scenario's site plan drawn offscreen for the deck, the bytes built by `crate::outputs`, and the file
//! written atomically (a temporary file renamed over the target, as project saves do).

use std::path::Path;

use crate::app::underlay::loader::UnderlayImages;
use crate::model::risk::RiskResult;
use crate::model::{Evaluation, Project};
use crate::outputs::deck::{self, DeckInputs};
use crate::outputs::workbook::{self, CoverInfo};

/// Pixels per point of the site plans in the deck (1200x720 points at 1.5: sharp in print, a few MB at most).
const DECK_PICTURE_SCALE: f32 = 1.5;

/// Writes the workbook to `path`; returns its size in bytes.
pub fn write_workbook(
    project: &Project,
    evaluations: &[Evaluation],
    risk: &[Option<&RiskResult>],
    cover: &CoverInfo,
    path: &Path,
) -> Result<usize, String> {
    let bytes = workbook::workbook(project, evaluations, risk, cover).map_err(|e| e.to_string())?;
    crate::project_file::write_file_atomically(path, &bytes)
        .map_err(|e| format!("Cannot write {}: {e}", path.display()))?;
    Ok(bytes.len())
}

/// Draws each scenario's site plan (light theme) and writes the deck to `path`; returns its size in bytes.
pub fn write_deck(
    project: &Project,
    evaluations: &[Evaluation],
    risk: &[Option<&RiskResult>],
    underlays: &UnderlayImages,
    cover: &CoverInfo,
    path: &Path,
) -> Result<usize, String> {
    let site_plans: Vec<Option<Vec<u8>>> = project
        .scenarios
        .iter()
        .zip(evaluations)
        .map(|(s, e)| {
            let image = super::images::site_plan(s, Some(e), underlays, false, DECK_PICTURE_SCALE);
            super::png::encode(&image, path).ok()
        })
        .collect();
    let inputs = DeckInputs { cover, risk, site_plans: &site_plans };
    let bytes = deck::deck(project, evaluations, &inputs).map_err(|e| e.to_string())?;
    crate::project_file::write_file_atomically(path, &bytes)
        .map_err(|e| format!("Cannot write {}: {e}", path.display()))?;
    Ok(bytes.len())
}

/// The cover block's facts: the project file (or that it was never saved) and the time now, in UTC.
pub fn cover_info(file: Option<&Path>) -> CoverInfo {
    let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    CoverInfo {
        project_file: file.map_or_else(|| "not saved to a file".to_string(), |p| p.display().to_string()),
        exported: crate::outputs::format::utc_timestamp(seconds),
    }
}
