//! Drawing a scenario's underlay under the plan, turned and scaled as calibrated, at its opacity. The
//! textures of the loaded images are kept in the egui context, by the path written in the scenario, so
//! every drawing of a site plan (the canvas, presentation mode, the offscreen exports) finds them.

use std::collections::HashMap;
use std::sync::Arc;

use egui::epaint::{Mesh, Vertex};
use egui::{Color32, Id, Painter, Pos2, Shape, TextureHandle, TextureOptions, pos2};

use super::loader::UnderlayImages;
use crate::model::{Scenario, Underlay};

/// A texture of an underlay image and the file's pixel size.
#[derive(Clone)]
pub struct UnderlayTexture {
    pub texture: TextureHandle,
    pub size_px: [u32; 2],
}

/// The textures of the underlays known to one egui context, by stored path.
#[derive(Clone, Default)]
pub struct Registry(Arc<HashMap<String, UnderlayTexture>>);

fn registry_id() -> Id {
    Id::unique("powerplot_underlay_textures")
}

/// Smooth when shrunk far (mipmaps) and when zoomed in past one texel per pixel.
pub const TEXTURE_OPTIONS: TextureOptions = TextureOptions::LINEAR.with_mipmap_mode(Some(egui::TextureFilter::Linear));

impl Registry {
    pub fn get(ctx: &egui::Context) -> Registry {
        ctx.data(|d| d.get_temp::<Registry>(registry_id())).unwrap_or_default()
    }

    pub fn set(ctx: &egui::Context, textures: HashMap<String, UnderlayTexture>) {
        ctx.data_mut(|d| d.insert_temp(registry_id(), Registry(Arc::new(textures))));
    }

    pub fn texture(&self, stored_path: &str) -> Option<&UnderlayTexture> {
        self.0.get(stored_path)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Uploads `images` into `ctx` (an offscreen context of an export) unless already there.
pub fn register_images(ctx: &egui::Context, images: &UnderlayImages) {
    let known = Registry::get(ctx);
    if images.iter().all(|(path, _)| known.texture(path).is_some()) {
        return;
    }
    let textures = images
        .iter()
        .map(|(path, loaded)| {
            let texture = ctx.load_texture(format!("underlay {path}"), loaded.image.clone(), TEXTURE_OPTIONS);
            (path.clone(), UnderlayTexture { texture, size_px: loaded.size_px })
        })
        .collect();
    Registry::set(ctx, textures);
}

/// Paints `scenario`'s underlay, when it has one that is shown and loaded; `to_screen` maps site metres to
/// screen points.
pub fn scenario_underlay(painter: &Painter, scenario: &Scenario, to_screen: impl Fn(f64, f64) -> Pos2) {
    let Some(u) = scenario.underlay.as_ref().filter(|u| u.visible && u.opacity > 0.0) else { return };
    let registry = Registry::get(painter.ctx());
    let Some(t) = registry.texture(&u.path) else { return };
    painter.add(image_mesh(u, t, to_screen));
}

/// Two triangles carrying the image, corner by corner.
fn image_mesh(u: &Underlay, t: &UnderlayTexture, to_screen: impl Fn(f64, f64) -> Pos2) -> Shape {
    let tint = Color32::WHITE.gamma_multiply(u.opacity as f32);
    let uvs = [pos2(0.0, 0.0), pos2(1.0, 0.0), pos2(1.0, 1.0), pos2(0.0, 1.0)];
    let mut mesh = Mesh::with_texture(t.texture.id());
    for ((x, y), uv) in u.corners(t.size_px).into_iter().zip(uvs) {
        mesh.vertices.push(Vertex { pos: to_screen(x, y), uv, color: tint });
    }
    mesh.add_triangle(0, 1, 2);
    mesh.add_triangle(0, 2, 3);
    Shape::mesh(mesh)
}
