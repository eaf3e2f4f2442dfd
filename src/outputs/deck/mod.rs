//! The investor deck (File > Export > Investor deck, `powerplot export --pdf`): a cover, one page per scenario
//! with the slide's headline figures, its risk line and every caveat, a comparison page, and an appendix of
//! every assumption with its source. Text is real PDF text in an embedded font (DejaVu Sans), so it can be
//! searched and copied; the site plan is a picture the caller draws and passes in.

mod pages;
mod pen;

use krilla::Document;
use krilla::metadata::Metadata;

use crate::model::risk::RiskResult;
use crate::model::{Evaluation, Project};
use crate::outputs::workbook::CoverInfo;

/// Page size: 16:9, in PDF points.
pub const PAGE_WIDTH: f32 = 960.0;
pub const PAGE_HEIGHT: f32 = 540.0;

#[derive(Debug, thiserror::Error)]
pub enum DeckError {
    #[error("the deck's font could not be read")]
    Font,
    #[error("the deck could not be written: {0}")]
    Pdf(String),
}

/// What a deck shows besides the project: the cover's facts, each scenario's risk run and site-plan picture.
pub struct DeckInputs<'a> {
    pub cover: &'a CoverInfo,
    /// `risk[i]`: scenario i's Monte Carlo result, when one was run.
    pub risk: &'a [Option<&'a RiskResult>],
    /// `site_plans[i]`: scenario i's site plan as PNG bytes, when the caller drew one.
    pub site_plans: &'a [Option<Vec<u8>>],
}

/// The deck's bytes. `evaluations` are `evaluate` of each scenario, in order.
pub fn deck(project: &Project, evaluations: &[Evaluation], inputs: &DeckInputs) -> Result<Vec<u8>, DeckError> {
    let fonts = pen::Fonts::load().ok_or(DeckError::Font)?;
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(format!("{}: investor deck", project.name))
            .creator(format!("Powerplot {}", env!("CARGO_PKG_VERSION"))),
    );
    pages::cover(&mut document, &fonts, project, evaluations, inputs);
    for i in 0..project.scenarios.len() {
        pages::scenario(&mut document, &fonts, project, evaluations, inputs, i);
    }
    pages::comparison(&mut document, &fonts, project, evaluations);
    pages::appendix(&mut document, &fonts, project);
    document.finish().map_err(|e| DeckError::Pdf(format!("{e:?}")))
}
