//! Drawing on a deck page: text in the embedded font (measured from the font's own advances, so lines wrap
//! where they should), filled boxes and pictures. Coordinates are PDF points from the page's top left.

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size};
use krilla::num::NormalizedF32;
use krilla::paint::{Fill, FillRule};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};

const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

/// The two faces of the deck, with what is needed to measure text in them.
pub struct Fonts {
    pub regular: Font,
    pub bold: Font,
}

impl Fonts {
    pub fn load() -> Option<Fonts> {
        Some(Fonts { regular: Font::new(REGULAR.into(), 0)?, bold: Font::new(BOLD.into(), 0)? })
    }
}

/// The deck's colours.
pub fn ink() -> rgb::Color {
    rgb::Color::new(0x1d, 0x23, 0x2b)
}
pub fn muted() -> rgb::Color {
    rgb::Color::new(0x55, 0x5e, 0x6b)
}
pub fn accent() -> rgb::Color {
    rgb::Color::new(0x1f, 0x4e, 0x9a)
}
pub fn warning() -> rgb::Color {
    rgb::Color::new(0xb0, 0x3a, 0x12)
}
pub fn panel() -> rgb::Color {
    rgb::Color::new(0xf1, 0xf3, 0xf6)
}

/// Width of `text` at `size` points in the face `bold` or regular.
pub fn width(bold: bool, size: f32, text: &str) -> f32 {
    let data = if bold { BOLD } else { REGULAR };
    let Ok(face) = ttf_parser::Face::parse(data, 0) else { return text.chars().count() as f32 * size * 0.6 };
    let per_unit = size / f32::from(face.units_per_em());
    text.chars()
        .map(|c| {
            face.glyph_index(c).and_then(|g| face.glyph_hor_advance(g)).map_or(size * 0.6, |a| f32::from(a) * per_unit)
        })
        .sum()
}

/// `text` broken into lines no wider than `max` points (at spaces; a word wider than a line stands alone).
pub fn wrap(bold: bool, size: f32, text: &str, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
            if !line.is_empty() && width(bold, size, &candidate) > max {
                lines.push(std::mem::replace(&mut line, word.to_string()));
            } else {
                line = candidate;
            }
        }
        lines.push(line);
    }
    lines
}

/// Draws `text` with its baseline at `y` from the top, starting at `x`.
#[allow(clippy::too_many_arguments)]
pub fn text(
    surface: &mut Surface,
    fonts: &Fonts,
    x: f32,
    y: f32,
    size: f32,
    bold: bool,
    color: rgb::Color,
    text: &str,
) {
    if text.is_empty() {
        return;
    }
    surface.set_fill(Some(fill(color)));
    let font = if bold { fonts.bold.clone() } else { fonts.regular.clone() };
    surface.draw_text(Point::from_xy(x, y), font, size, text, false, TextDirection::Auto);
}

/// Draws `text` right-aligned so it ends at `right`.
#[allow(clippy::too_many_arguments)]
pub fn text_right(
    surface: &mut Surface,
    fonts: &Fonts,
    right: f32,
    y: f32,
    size: f32,
    bold: bool,
    color: rgb::Color,
    content: &str,
) {
    text(surface, fonts, right - width(bold, size, content), y, size, bold, color, content);
}

/// Draws `content` wrapped to `max` points wide from baseline `y`; returns the baseline after the last line.
#[allow(clippy::too_many_arguments)]
pub fn paragraph(
    surface: &mut Surface,
    fonts: &Fonts,
    x: f32,
    mut y: f32,
    size: f32,
    bold: bool,
    color: rgb::Color,
    content: &str,
    max: f32,
) -> f32 {
    for line in wrap(bold, size, content, max) {
        text(surface, fonts, x, y, size, bold, color, &line);
        y += size * 1.3;
    }
    y
}

pub fn fill(color: rgb::Color) -> Fill {
    Fill { paint: color.into(), opacity: NormalizedF32::ONE, rule: FillRule::NonZero }
}

/// A filled rectangle.
pub fn rect(surface: &mut Surface, x: f32, y: f32, w: f32, h: f32, color: rgb::Color) {
    let Some(r) = Rect::from_xywh(x, y, w.max(0.1), h.max(0.1)) else { return };
    let mut path = PathBuilder::new();
    path.push_rect(r);
    if let Some(path) = path.finish() {
        surface.set_fill(Some(fill(color)));
        surface.draw_path(&path);
    }
}

/// Draws a PNG fitted into the box (keeping its aspect ratio), centred; nothing when it cannot be read.
pub fn picture(surface: &mut Surface, png: &[u8], x: f32, y: f32, w: f32, h: f32) {
    let Ok(image) = krilla::image::Image::from_png(png.to_vec().into(), true) else { return };
    let (iw, ih) = image.size();
    if iw == 0 || ih == 0 {
        return;
    }
    let scale = (w / iw as f32).min(h / ih as f32);
    let (dw, dh) = (iw as f32 * scale, ih as f32 * scale);
    let Some(size) = Size::from_wh(dw, dh) else { return };
    surface.push_transform(&krilla::geom::Transform::from_translate(x + (w - dw) / 2.0, y + (h - dh) / 2.0));
    surface.draw_image(image, size);
    surface.pop();
}
