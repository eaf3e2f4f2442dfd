//! A small software rasterizer for egui's triangle meshes, so that the site plan and the plots can be drawn
//! to a PNG with no window and no graphics adapter (the command line, CI, a headless server). egui already
//! anti-aliases by feathering edges with vertex alpha, so sampling each pixel at its centre looks like the
//! GPU output. Blending is premultiplied alpha in gamma space, as egui's own renderers do.

use std::collections::HashMap;

use egui::epaint::{ClippedPrimitive, Primitive, Vertex};
use egui::{Color32, ColorImage, TextureId, TexturesDelta};

/// The textures egui asked for (the font atlas and any images), kept up to date from each frame's delta.
#[derive(Default)]
pub struct Textures {
    images: HashMap<TextureId, ColorImage>,
}

impl Textures {
    /// Takes in a frame's texture changes (and empties `delta`, as egui asks of a painter).
    pub fn apply(&mut self, delta: &mut TexturesDelta) {
        for (id, deltas) in &delta.set {
            for d in deltas {
                let egui::ImageData::Color(image) = &d.image;
                match d.pos {
                    None => {
                        self.images.insert(*id, (**image).clone());
                    }
                    Some([x0, y0]) => {
                        let Some(target) = self.images.get_mut(id) else { continue };
                        let [w, h] = image.size;
                        for y in 0..h {
                            for x in 0..w {
                                let (tx, ty) = (x0 + x, y0 + y);
                                if tx < target.size[0] && ty < target.size[1] {
                                    target.pixels[ty * target.size[0] + tx] = image.pixels[y * w + x];
                                }
                            }
                        }
                    }
                }
            }
        }
        for id in &delta.free {
            self.images.remove(id);
        }
        delta.clear();
    }

    fn sample(&self, id: TextureId, u: f32, v: f32) -> [f32; 4] {
        let Some(image) = self.images.get(&id) else { return [1.0; 4] };
        let [w, h] = image.size;
        if w == 0 || h == 0 {
            return [1.0; 4];
        }
        // Bilinear, clamped at the edges.
        let fx = (u * w as f32 - 0.5).clamp(0.0, (w - 1) as f32);
        let fy = (v * h as f32 - 0.5).clamp(0.0, (h - 1) as f32);
        let (x0, y0) = (fx.floor() as usize, fy.floor() as usize);
        let (x1, y1) = ((x0 + 1).min(w - 1), (y0 + 1).min(h - 1));
        let (tx, ty) = (fx - x0 as f32, fy - y0 as f32);
        let px = |x: usize, y: usize| rgba(image.pixels[y * w + x]);
        let (a, b, c, d) = (px(x0, y0), px(x1, y0), px(x0, y1), px(x1, y1));
        std::array::from_fn(|i| {
            let top = a[i] + (b[i] - a[i]) * tx;
            let bottom = c[i] + (d[i] - c[i]) * tx;
            top + (bottom - top) * ty
        })
    }
}

fn rgba(c: Color32) -> [f32; 4] {
    let [r, g, b, a] = c.to_array();
    [r as f32 / 255.0, g as f32 / 255.0, b as f32 / 255.0, a as f32 / 255.0]
}

/// An RGBA canvas in premultiplied gamma-space floats.
pub struct Canvas {
    width: usize,
    height: usize,
    pixels: Vec<[f32; 4]>,
}

impl Canvas {
    pub fn new(width: usize, height: usize, background: Color32) -> Self {
        Canvas { width, height, pixels: vec![rgba(background); width * height] }
    }

    /// Paints `primitives` (positions in points) at `pixels_per_point`.
    pub fn paint(&mut self, primitives: &[ClippedPrimitive], textures: &Textures, pixels_per_point: f32) {
        for p in primitives {
            let Primitive::Mesh(mesh) = &p.primitive else { continue };
            let clip = p.clip_rect;
            let clip_px = [
                (clip.min.x * pixels_per_point).floor().max(0.0) as usize,
                (clip.min.y * pixels_per_point).floor().max(0.0) as usize,
                ((clip.max.x * pixels_per_point).ceil().max(0.0) as usize).min(self.width),
                ((clip.max.y * pixels_per_point).ceil().max(0.0) as usize).min(self.height),
            ];
            for tri in mesh.indices.chunks_exact(3) {
                let v = |i: u32| mesh.vertices.get(i as usize).copied();
                let (Some(a), Some(b), Some(c)) = (v(tri[0]), v(tri[1]), v(tri[2])) else { continue };
                self.triangle([a, b, c], mesh.texture_id, textures, pixels_per_point, clip_px);
            }
        }
    }

    fn triangle(&mut self, v: [Vertex; 3], texture: TextureId, textures: &Textures, ppp: f32, clip: [usize; 4]) {
        let p: [(f32, f32); 3] = std::array::from_fn(|i| (v[i].pos.x * ppp, v[i].pos.y * ppp));
        let area = (p[1].0 - p[0].0) * (p[2].1 - p[0].1) - (p[2].0 - p[0].0) * (p[1].1 - p[0].1);
        if area.abs() < 1e-12 {
            return;
        }
        let min_x = p.iter().map(|q| q.0).fold(f32::INFINITY, f32::min).floor().max(clip[0] as f32) as usize;
        let min_y = p.iter().map(|q| q.1).fold(f32::INFINITY, f32::min).floor().max(clip[1] as f32) as usize;
        let max_x = (p.iter().map(|q| q.0).fold(f32::NEG_INFINITY, f32::max).ceil().max(0.0) as usize).min(clip[2]);
        let max_y = (p.iter().map(|q| q.1).fold(f32::NEG_INFINITY, f32::max).ceil().max(0.0) as usize).min(clip[3]);
        let colors = v.map(|x| rgba(x.color));
        let edge = |a: (f32, f32), b: (f32, f32), x: f32, y: f32| (b.0 - a.0) * (y - a.1) - (b.1 - a.1) * (x - a.0);
        for y in min_y..max_y {
            let py = y as f32 + 0.5;
            for x in min_x..max_x {
                let px = x as f32 + 0.5;
                let w0 = edge(p[1], p[2], px, py) / area;
                let w1 = edge(p[2], p[0], px, py) / area;
                let w2 = 1.0 - w0 - w1;
                if w0 < -1e-6 || w1 < -1e-6 || w2 < -1e-6 {
                    continue;
                }
                let u = w0 * v[0].uv.x + w1 * v[1].uv.x + w2 * v[2].uv.x;
                let t = w0 * v[0].uv.y + w1 * v[1].uv.y + w2 * v[2].uv.y;
                let tex = textures.sample(texture, u, t);
                let src: [f32; 4] =
                    std::array::from_fn(|i| (w0 * colors[0][i] + w1 * colors[1][i] + w2 * colors[2][i]) * tex[i]);
                let dst = &mut self.pixels[y * self.width + x];
                let keep = 1.0 - src[3];
                for i in 0..4 {
                    dst[i] = src[i] + dst[i] * keep;
                }
            }
        }
    }

    pub fn into_image(self) -> ColorImage {
        let pixels = self
            .pixels
            .iter()
            .map(|p| {
                let c = |x: f32| (x.clamp(0.0, 1.0) * 255.0).round() as u8;
                Color32::from_rgba_premultiplied(c(p[0]), c(p[1]), c(p[2]), c(p[3]))
            })
            .collect();
        ColorImage::new([self.width, self.height], pixels)
    }
}
