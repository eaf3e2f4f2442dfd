//! Label text of a part (name and MW), laid out to fit its footprint: a long name wraps onto a second line
//! when there is room and otherwise ends in "…" (the hover tooltip gives it in full).
//!
//! Layout goes through egui's own galley cache, which answers unchanged text cheaply and is dropped
//! together with the font atlas. Galleys kept by the app across frames would still point into an atlas
//! that a theme, UI scale or presentation change has cleared, and draw as garbage.

use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat, TextWrapping};
use egui::{Color32, FontId, Galley, Painter};

use crate::model::{Component, ComponentKind};
use crate::outputs::format;

pub const NAME_SIZE: f32 = 12.0;
pub const FIGURE_SIZE: f32 = 11.0;

/// Widths are rounded down to this step before an elided layout, so a zoom does not lay out every label
/// again at each fraction of a point.
const WIDTH_STEP: f32 = 4.0;

/// "42.0 MW", or "50 MW_th" for a cooling plant's heat capacity.
pub fn figure_text(c: &Component) -> String {
    match c.kind {
        ComponentKind::CoolingPlant(ref p) => format!("{:.0} MW_th", p.capacity_mw_th),
        _ => format::power_mw(c.label_mw()),
    }
}

/// The part's name in at most `max_rows` lines of `max_width` points, ending in "…" when cut short.
pub fn name(painter: &Painter, c: &Component, max_width: f32, max_rows: usize) -> Arc<Galley> {
    let font = FontId::proportional(NAME_SIZE);
    let whole = painter.layout_no_wrap(c.name.clone(), font.clone(), Color32::PLACEHOLDER);
    if whole.size().x <= max_width {
        return whole;
    }
    let mut job = LayoutJob::single_section(c.name.clone(), TextFormat::simple(font, Color32::PLACEHOLDER));
    job.wrap = TextWrapping {
        max_width: (max_width / WIDTH_STEP).floor() * WIDTH_STEP,
        max_rows: max_rows.max(1),
        break_anywhere: false,
        overflow_character: Some('…'),
    };
    painter.layout_job(job)
}

/// The width of the part's whole name on one line.
pub fn whole_name_width(painter: &Painter, c: &Component) -> f32 {
    painter.layout_no_wrap(c.name.clone(), FontId::proportional(NAME_SIZE), Color32::PLACEHOLDER).size().x
}

/// The text of a callout beside a part too small for its label ("Pod C · 39.6 MW").
pub fn callout(painter: &Painter, text: String) -> Arc<Galley> {
    painter.layout_no_wrap(text, FontId::proportional(FIGURE_SIZE), Color32::PLACEHOLDER)
}

/// The part's MW (or MW_th) figure.
pub fn figure(painter: &Painter, c: &Component) -> Arc<Galley> {
    painter.layout_no_wrap(figure_text(c), FontId::proportional(FIGURE_SIZE), Color32::PLACEHOLDER)
}

/// The small "EXISTING" tag drawn on parts already built.
pub fn existing_tag(painter: &Painter) -> Arc<Galley> {
    painter.layout_no_wrap("EXISTING".to_string(), FontId::proportional(9.0), Color32::PLACEHOLDER)
}

/// The small tag of an idle load ("OFF", "stops 2031-01").
pub fn idle_tag(painter: &Painter, text: &str) -> Arc<Galley> {
    painter.layout_no_wrap(text.to_string(), FontId::proportional(9.0), Color32::PLACEHOLDER)
}

/// The height of one line of a name.
pub fn name_row_height(painter: &Painter) -> f32 {
    painter.fonts_mut(|f| f.row_height(&FontId::proportional(NAME_SIZE)))
}
