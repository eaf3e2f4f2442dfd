//! Laid-out label text per part (name and MW), kept between frames and redone only when a name or a figure
//! changes, so a frame with a thousand parts allocates no strings.

use std::collections::HashMap;
use std::collections::hash_map::Entry as Slot;
use std::sync::Arc;

use egui::{Color32, FontId, Galley, Painter};

use crate::format;
use crate::model::{Component, ComponentId, ComponentKind};

pub const NAME_SIZE: f32 = 12.0;
pub const FIGURE_SIZE: f32 = 11.0;

struct Entry {
    name: String,
    mw: f64,
    name_galley: Arc<Galley>,
    figure_galley: Arc<Galley>,
}

#[derive(Default)]
pub struct LabelCache {
    entries: HashMap<ComponentId, Entry>,
    existing_tag: Option<Arc<Galley>>,
}

/// "42.0 MW", or "50 MW_th" for a cooling plant's heat capacity.
pub fn figure_text(c: &Component) -> String {
    match c.kind {
        ComponentKind::CoolingPlant(ref p) => format!("{:.0} MW_th", p.capacity_mw_th),
        _ => format::power_mw(c.label_mw()),
    }
}

impl LabelCache {
    /// The name and figure galleys of `c` (colour is given when painting).
    pub fn get(&mut self, painter: &Painter, c: &Component) -> (Arc<Galley>, Arc<Galley>) {
        let mw = c.label_mw();
        let make = || Entry {
            name: c.name.clone(),
            mw,
            name_galley: painter.layout_no_wrap(c.name.clone(), FontId::proportional(NAME_SIZE), Color32::PLACEHOLDER),
            figure_galley: painter.layout_no_wrap(figure_text(c), FontId::proportional(FIGURE_SIZE), Color32::PLACEHOLDER),
        };
        let e = match self.entries.entry(c.id) {
            Slot::Occupied(slot) => {
                let e = slot.into_mut();
                if e.name != c.name || e.mw != mw {
                    *e = make();
                }
                e
            }
            Slot::Vacant(slot) => slot.insert(make()),
        };
        (e.name_galley.clone(), e.figure_galley.clone())
    }

    /// The small "EXISTING" tag drawn on parts already built.
    pub fn existing_tag(&mut self, painter: &Painter) -> Arc<Galley> {
        self.existing_tag
            .get_or_insert_with(|| {
                painter.layout_no_wrap("EXISTING".to_string(), FontId::proportional(9.0), Color32::PLACEHOLDER)
            })
            .clone()
    }

    /// Drops entries of parts no longer on the site once the cache has grown well past the site's size.
    pub fn prune(&mut self, live: usize) {
        if self.entries.len() > live * 2 + 64 {
            self.entries.clear();
        }
    }
}
