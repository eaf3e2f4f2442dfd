//! The plots' colours: one colour per meaning, the same in every plot (mining orange, AI violet, the AI
//! premium a hot magenta so it stands out from the mining-grade base).

use egui::Color32;

pub const MINING: Color32 = Color32::from_rgb(247, 147, 26);
pub const AI: Color32 = Color32::from_rgb(130, 100, 255);
pub const OVERHEAD: Color32 = Color32::from_rgb(140, 150, 160);
pub const COOLING: Color32 = Color32::from_rgb(40, 180, 190);
pub const LOSSES: Color32 = Color32::from_rgb(170, 120, 90);

pub const FACILITY_BASE: Color32 = Color32::from_rgb(80, 130, 200);
pub const AI_PREMIUM: Color32 = Color32::from_rgb(230, 50, 140);
pub const IT_HARDWARE: Color32 = MINING;
pub const SUBSTATION: Color32 = Color32::from_rgb(220, 190, 60);
pub const GENERATION: Color32 = Color32::from_rgb(150, 110, 170);

pub const SIMPLE: Color32 = Color32::from_rgb(80, 170, 255);
pub const DISCOUNTED: Color32 = Color32::from_rgb(120, 200, 120);
pub const HALVING: Color32 = MINING;

pub const PERMITTING: Color32 = Color32::from_rgb(230, 80, 80);
pub const LEAD_TIME: Color32 = Color32::from_rgb(230, 170, 60);
pub const ONLINE: Color32 = Color32::from_rgb(90, 180, 110);
pub const EXISTING: Color32 = Color32::from_rgb(110, 140, 120);

pub const LOWER: Color32 = Color32::from_rgb(90, 150, 230);
pub const HIGHER: Color32 = Color32::from_rgb(235, 140, 60);

pub const WARNING: Color32 = Color32::from_rgb(235, 70, 70);
/// Mining switched off because it would lose money, and fleets stopped: idle, not broken.
pub const SWITCHED_OFF: Color32 = Color32::from_rgb(150, 150, 165);

/// Colours for a variable number of series (cooling plants by type), readable on dark and light themes.
pub const SERIES: [Color32; 6] = [
    COOLING,
    Color32::from_rgb(90, 140, 230),
    Color32::from_rgb(120, 200, 140),
    Color32::from_rgb(200, 160, 230),
    Color32::from_rgb(230, 200, 90),
    Color32::from_rgb(160, 160, 160),
];

/// A translucent fill of `color` for stacked areas and bars.
pub fn fill(color: Color32) -> Color32 {
    color.gamma_multiply(0.75)
}

/// The colour of reference lines (capacity, zero): the theme's strong text colour.
pub fn reference(ui: &egui::Ui) -> Color32 {
    ui.visuals().strong_text_color()
}
