//! Reading underlay images: decoded on a thread of their own (an 8,000 x 8,000 aerial takes seconds), shrunk
//! to fit one GPU texture, and kept as egui images for the canvas and the exports.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use egui::ColorImage;

use crate::model::Project;

/// The longest side of an underlay texture. Larger images are shrunk to it (an 8,000 px aerial to about half a
/// metre per texel at 0.25 m per pixel): 64 MiB of texture at most, which every GPU egui runs on accepts,
/// and sharp enough for a whole-site view and for the exports.
pub const MAX_TEXTURE_SIDE: usize = 4096;

/// An image ready to draw: its pixels (shrunk to the texture limit) and the size of the file's image, which
/// the calibration counts in.
#[derive(Clone)]
pub struct LoadedImage {
    pub image: Arc<ColorImage>,
    pub size_px: [u32; 2],
}

/// The pixel size of the image at `path`, read from its header only (fast, for a first calibration).
pub fn dimensions(path: &Path) -> Result<[u32; 2], String> {
    let reader = image::ImageReader::open(path).map_err(|e| format!("Cannot read {}: {e}", path.display()))?;
    let reader = reader.with_guessed_format().map_err(|e| format!("Cannot read {}: {e}", path.display()))?;
    let (w, h) = reader.into_dimensions().map_err(|e| format!("{} is not a PNG or JPEG image: {e}", path.display()))?;
    if w == 0 || h == 0 {
        return Err(format!("{} is an empty image", path.display()));
    }
    Ok([w, h])
}

/// Decodes the image at `path` and shrinks it so that no side exceeds `max_side` pixels.
pub fn load(path: &Path, max_side: usize) -> Result<LoadedImage, String> {
    let reader = image::ImageReader::open(path).map_err(|e| format!("Cannot read {}: {e}", path.display()))?;
    let reader = reader.with_guessed_format().map_err(|e| format!("Cannot read {}: {e}", path.display()))?;
    let decoded =
        reader.decode().map_err(|e| format!("{} is not a readable PNG or JPEG image: {e}", path.display()))?;
    let size_px = [decoded.width(), decoded.height()];
    let side = max_side.max(1) as u32;
    let shrunk = if size_px[0] > side || size_px[1] > side { decoded.thumbnail(side, side) } else { decoded };
    let rgba = shrunk.to_rgba8();
    let image = ColorImage::from_rgba_unmultiplied([rgba.width() as usize, rgba.height() as usize], rgba.as_raw());
    Ok(LoadedImage { image: Arc::new(image), size_px })
}

/// Loads running on background threads; their results come back through one channel.
pub struct Loader {
    sender: Sender<(PathBuf, Result<LoadedImage, String>)>,
    receiver: Receiver<(PathBuf, Result<LoadedImage, String>)>,
}

impl Default for Loader {
    fn default() -> Self {
        let (sender, receiver) = channel();
        Loader { sender, receiver }
    }
}

impl Loader {
    /// Starts loading `path`; `ctx` is asked to repaint when it is done.
    pub fn start(&self, ctx: &egui::Context, path: PathBuf, max_side: usize) {
        let sender = self.sender.clone();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let result = load(&path, max_side);
            // The app may have gone; then nobody waits for the picture.
            let _ = sender.send((path, result));
            ctx.request_repaint();
        });
    }

    /// The loads finished since the last call.
    pub fn finished(&self) -> Vec<(PathBuf, Result<LoadedImage, String>)> {
        self.receiver.try_iter().collect()
    }
}

/// The underlay images of a project, by the path written in its scenarios, for drawing the exports.
#[derive(Clone, Default)]
pub struct UnderlayImages {
    by_path: HashMap<String, LoadedImage>,
}

impl UnderlayImages {
    pub fn insert(&mut self, stored_path: &str, image: LoadedImage) {
        self.by_path.insert(stored_path.to_string(), image);
    }

    pub fn get(&self, stored_path: &str) -> Option<&LoadedImage> {
        self.by_path.get(stored_path)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &LoadedImage)> {
        self.by_path.iter()
    }

    /// Reads every underlay of `project` (saved at `project_file`) now, for a headless export. Returns the
    /// images that could be read and one message for each that could not.
    pub fn load_for(project: &Project, project_file: Option<&Path>) -> (UnderlayImages, Vec<String>) {
        let mut images = UnderlayImages::default();
        let mut problems = Vec::new();
        for u in project.scenarios.iter().filter_map(|s| s.underlay.as_ref()) {
            if images.get(&u.path).is_some() {
                continue;
            }
            match load(&super::resolve(project_file, &u.path), MAX_TEXTURE_SIDE) {
                Ok(image) => images.insert(&u.path, image),
                Err(e) => problems.push(e),
            }
        }
        (images, problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_image_is_shrunk_to_the_texture_limit_keeping_its_shape() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("wide.png");
        image::RgbaImage::from_pixel(300, 100, image::Rgba([10, 20, 30, 255])).save(&path).expect("written");
        let loaded = load(&path, 150).expect("loads");
        assert_eq!(loaded.size_px, [300, 100], "calibration counts the file's pixels");
        assert_eq!(loaded.image.size, [150, 50]);
        assert_eq!(dimensions(&path), Ok([300, 100]));
    }

    #[test]
    fn a_missing_or_broken_file_says_which() {
        let dir = tempfile::tempdir().expect("temp dir");
        let missing = dir.path().join("gone.png");
        assert!(load(&missing, 100).err().is_some_and(|e| e.contains("gone.png")));
        let broken = dir.path().join("broken.png");
        std::fs::write(&broken, b"not an image").expect("written");
        assert!(load(&broken, 100).err().is_some_and(|e| e.contains("broken.png")));
    }
}
