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
    /// Why the picture is incomplete (a file cut short): drawn all the same, with this said beside it.
    pub warning: Option<String>,
}

/// Refuses what is not a regular file before opening it: opening a FIFO waits for a writer forever, and a
/// device or folder is no image.
fn regular_file(path: &Path) -> Result<(), String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("Cannot read {}: {e}", path.display()))?;
    if meta.is_file() {
        Ok(())
    } else {
        Err(format!(
            "{} is not a regular file (a folder, FIFO or device): an underlay must be a PNG or JPEG file",
            path.display()
        ))
    }
}

/// A JPEG ends with its end-of-image marker (FF D9); one cut short in a copy or download does not, and its
/// decoder fills the missing rows with grey instead of failing.
fn truncated_jpeg(bytes: &[u8]) -> bool {
    let end = bytes.iter().rposition(|b| *b != 0).map_or(0, |i| i + 1);
    bytes.starts_with(&[0xFF, 0xD8]) && !bytes[..end].ends_with(&[0xFF, 0xD9])
}

/// The pixel size of the image at `path`, read from its header only (fast, for a first calibration).
pub fn dimensions(path: &Path) -> Result<[u32; 2], String> {
    regular_file(path)?;
    let reader = image::ImageReader::open(path).map_err(|e| format!("Cannot read {}: {e}", path.display()))?;
    let reader = reader.with_guessed_format().map_err(|e| format!("Cannot read {}: {e}", path.display()))?;
    let (w, h) = reader.into_dimensions().map_err(|e| format!("{} is not a PNG or JPEG image: {e}", path.display()))?;
    if w == 0 || h == 0 {
        return Err(format!("{} is an empty image", path.display()));
    }
    Ok([w, h])
}

/// Decodes the image at `path` and shrinks it so that no side exceeds `max_side` pixels. A JPEG cut short is
/// drawn as far as it goes, with a warning that says so.
pub fn load(path: &Path, max_side: usize) -> Result<LoadedImage, String> {
    regular_file(path)?;
    let bytes = std::fs::read(path).map_err(|e| format!("Cannot read {}: {e}", path.display()))?;
    let warning = truncated_jpeg(&bytes).then(|| {
        format!(
            "{} is cut short (an incomplete JPEG): only the part that was read is drawn, the rest is grey",
            path.display()
        )
    });
    let reader = image::ImageReader::new(std::io::Cursor::new(bytes));
    let reader = reader.with_guessed_format().map_err(|e| format!("Cannot read {}: {e}", path.display()))?;
    let decoded =
        reader.decode().map_err(|e| format!("{} is not a readable PNG or JPEG image: {e}", path.display()))?;
    let size_px = [decoded.width(), decoded.height()];
    let side = max_side.max(1) as u32;
    let shrunk = if size_px[0] > side || size_px[1] > side { decoded.thumbnail(side, side) } else { decoded };
    let rgba = shrunk.to_rgba8();
    let image = ColorImage::from_rgba_unmultiplied([rgba.width() as usize, rgba.height() as usize], rgba.as_raw());
    Ok(LoadedImage { image: Arc::new(image), size_px, warning })
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
    /// images that could be read (each with its warning if it is incomplete) and one message for each that
    /// could not.
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

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().expect("temp dir");
        let fifo = dir.path().join("pipe.jpg");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
        assert!(made.success());
        let started = std::time::Instant::now();
        assert!(load(&fifo, 100).err().is_some_and(|e| e.contains("not a regular file")));
        assert!(dimensions(&fifo).err().is_some_and(|e| e.contains("not a regular file")));
        assert!(started.elapsed() < std::time::Duration::from_secs(5), "refused at once");
    }

    #[test]
    fn a_jpeg_cut_short_is_drawn_with_a_warning_and_a_whole_one_without() {
        let dir = tempfile::tempdir().expect("temp dir");
        let whole = dir.path().join("whole.jpg");
        let pixels = image::RgbImage::from_fn(64, 64, |x, y| image::Rgb([(x * 4) as u8, (y * 4) as u8, 90]));
        pixels.save(&whole).expect("written");
        let loaded = load(&whole, 100).expect("loads");
        assert!(loaded.warning.is_none());
        let bytes = std::fs::read(&whole).expect("read");
        let cut = dir.path().join("cut.jpg");
        std::fs::write(&cut, &bytes[..bytes.len() * 2 / 3]).expect("written");
        let loaded = load(&cut, 100).expect("drawn as far as it goes");
        assert_eq!(loaded.size_px, [64, 64]);
        assert!(loaded.warning.is_some_and(|w| w.contains("cut.jpg") && w.contains("cut short")));
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
