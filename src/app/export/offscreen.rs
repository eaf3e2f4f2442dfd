//! Draws egui content into an image with no window: a private egui context runs the content for a few
//! passes (so fonts and plot bounds settle), then its meshes go through the software rasterizer.

use egui::{ColorImage, Pos2, Rect, Vec2, ViewportId, ViewportInfo};

use super::raster::{Canvas, Textures};

/// Passes run before the picture is taken: the first lays out and loads glyphs, the next ones settle
/// sizes that depend on the previous pass (plot bounds, grids).
const PASSES: usize = 3;

/// Renders `content` on a `size` (points) panel at `pixels_per_point` in the dark or light theme.
pub fn render(size: Vec2, pixels_per_point: f32, dark: bool, mut content: impl FnMut(&mut egui::Ui)) -> ColorImage {
    let ctx = egui::Context::default();
    ctx.set_theme(if dark { egui::Theme::Dark } else { egui::Theme::Light });
    let input = || {
        let mut raw = egui::RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, size)),
            max_texture_side: Some(8192),
            ..Default::default()
        };
        raw.viewports.insert(
            ViewportId::ROOT,
            ViewportInfo { native_pixels_per_point: Some(pixels_per_point), ..Default::default() },
        );
        raw
    };
    let mut textures = Textures::default();
    let mut last = None;
    for _ in 0..PASSES {
        let mut output = ctx.run_ui(input(), |ui| {
            let frame = egui::Frame::central_panel(ui.style());
            egui::CentralPanel::default().frame(frame).show(ui, |ui| content(ui));
        });
        textures.apply(&mut output.textures_delta);
        last = Some(output);
    }
    let Some(output) = last else { return ColorImage::filled([1, 1], egui::Color32::TRANSPARENT) };
    let ppp = output.pixels_per_point;
    let primitives = ctx.tessellate(output.shapes, ppp);
    let width = (size.x * ppp).round().max(1.0) as usize;
    let height = (size.y * ppp).round().max(1.0) as usize;
    let mut canvas = Canvas::new(width, height, ctx.global_style().visuals.panel_fill);
    canvas.paint(&primitives, &textures, ppp);
    canvas.into_image()
}
