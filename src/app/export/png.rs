//! Writing images as PNG files and cutting a widget out of a window screenshot.

use std::path::Path;

use egui::{ColorImage, Rect};

use super::ExportError;

/// Saves `image` as a PNG at `path` (straight alpha, as PNG expects). The picture is encoded first and the
/// file replaced in one step, so a failure (a full disk) never leaves a cut-off PNG.
pub fn save(image: &ColorImage, path: &Path) -> Result<(), ExportError> {
    let encoded = encode(image, path)?;
    crate::project_file::write_file_atomically(path, &encoded)
        .map_err(|source| ExportError::Write { path: path.to_path_buf(), source })
}

/// `image` as PNG bytes (`path` names the file in errors).
pub fn encode(image: &ColorImage, path: &Path) -> Result<Vec<u8>, ExportError> {
    let [w, h] = image.size;
    let bytes: Vec<u8> = image.pixels.iter().flat_map(|c| c.to_srgba_unmultiplied()).collect();
    let Some(buffer) = image::RgbaImage::from_raw(w as u32, h as u32, bytes) else {
        return Err(ExportError::Empty { path: path.to_path_buf() });
    };
    let mut encoded = std::io::Cursor::new(Vec::new());
    buffer
        .write_to(&mut encoded, image::ImageFormat::Png)
        .map_err(|source| ExportError::Encode { path: path.to_path_buf(), source })?;
    Ok(encoded.into_inner())
}

/// The part of a screenshot under `rect` (points), at `pixels_per_point`; clamped to the image, so a
/// widget partly off screen gives its visible part.
pub fn crop(image: &ColorImage, rect: Rect, pixels_per_point: f32) -> ColorImage {
    let [w, h] = image.size;
    let px = |v: f32, max: usize| ((v * pixels_per_point).round().max(0.0) as usize).min(max);
    let (x0, y0) = (px(rect.min.x, w), px(rect.min.y, h));
    let (x1, y1) = (px(rect.max.x, w).max(x0), px(rect.max.y, h).max(y0));
    image.region_by_pixels([x0, y0], [x1 - x0, y1 - y0])
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{Color32, pos2};

    #[test]
    fn crop_scales_by_pixels_per_point_and_stays_inside() {
        let mut image = ColorImage::filled([100, 50], Color32::BLACK);
        image.pixels[20 * 100 + 40] = Color32::RED;
        let part = crop(&image, Rect::from_min_max(pos2(20.0, 10.0), pos2(30.0, 20.0)), 2.0);
        assert_eq!(part.size, [20, 20]);
        assert_eq!(part.pixels[0], Color32::RED);
        let clamped = crop(&image, Rect::from_min_max(pos2(40.0, 20.0), pos2(80.0, 40.0)), 2.0);
        assert_eq!(clamped.size, [20, 10]);
    }
}
