//! How each component kind looks: its colour and its 64x64 icon from `assets/`, decoded once per window and
//! kept as egui textures.

use std::sync::Arc;

use egui::{Color32, Context, Id, TextureHandle, TextureId, TextureOptions};

use crate::model::KindTag;

/// The colour of a kind's footprint and icon background.
pub fn kind_color(tag: KindTag) -> Color32 {
    match tag {
        KindTag::AsicHall => Color32::from_rgb(232, 145, 45),
        KindTag::GpuPod => Color32::from_rgb(142, 91, 217),
        KindTag::Substation => Color32::from_rgb(61, 125, 216),
        KindTag::CoolingPlant => Color32::from_rgb(36, 166, 164),
        KindTag::GasTurbine => Color32::from_rgb(140, 109, 79),
    }
}

fn png(tag: KindTag) -> &'static [u8] {
    match tag {
        KindTag::AsicHall => include_bytes!("../../assets/asic_hall.png"),
        KindTag::GpuPod => include_bytes!("../../assets/gpu_pod.png"),
        KindTag::Substation => include_bytes!("../../assets/substation.png"),
        KindTag::CoolingPlant => include_bytes!("../../assets/cooling_plant.png"),
        KindTag::GasTurbine => include_bytes!("../../assets/gas_turbine.png"),
    }
}

/// One texture per kind, in `KindTag::ALL` order; `None` where an icon could not be decoded.
#[derive(Clone)]
pub struct Icons {
    handles: Arc<Vec<Option<TextureHandle>>>,
}

impl Icons {
    /// The icons of `ctx`, loaded on first use.
    pub fn get(ctx: &Context) -> Icons {
        let id = Id::unique("powerplot_kind_icons");
        if let Some(icons) = ctx.data(|d| d.get_temp::<Icons>(id)) {
            return icons;
        }
        let handles = KindTag::ALL.iter().map(|&tag| load(ctx, tag)).collect();
        let icons = Icons { handles: Arc::new(handles) };
        ctx.data_mut(|d| d.insert_temp(id, icons.clone()));
        icons
    }

    pub fn texture(&self, tag: KindTag) -> Option<TextureId> {
        let index = KindTag::ALL.iter().position(|&t| t == tag)?;
        self.handles.get(index)?.as_ref().map(|h| h.id())
    }
}

fn load(ctx: &Context, tag: KindTag) -> Option<TextureHandle> {
    let image = image::load_from_memory(png(tag)).ok()?.to_rgba8();
    let size = [image.width() as usize, image.height() as usize];
    let color = egui::ColorImage::from_rgba_unmultiplied(size, image.as_raw());
    Some(ctx.load_texture(format!("icon {}", tag.label()), color, TextureOptions::LINEAR))
}
