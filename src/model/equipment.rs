//! The equipment catalog as data: the miners and GPU systems the inspector's preset lists offer, each with the
//! source of its figures and the figures that are estimates. The built-in list is `assets/catalog.ron`,
//! compiled in; a planner's own entries come from a user catalog in the same format, read by the app (the
//! model reads no files) and added after the built-in ones. `catalog` keeps the three presets MODEL.md names,
//! which old files' defaults use; the built-in list starts with the same values.

use std::sync::OnceLock;

use serde::Deserialize;

use super::component::{AsicHall, GpuPod, HallCooling};

/// The built-in catalog's text.
const BUILT_IN: &str = include_str!("../../assets/catalog.ron");

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinerEntry {
    pub name: String,
    pub th_s: f64,
    pub kw: f64,
    pub cooling: HallCooling,
    /// Price of the miner per TH/s; `None` leaves a hall's price as it is.
    #[serde(default)]
    pub usd_per_th_s: Option<f64>,
    pub source: String,
    /// Fields whose figure has no public source ("th_s", "kw", "usd_per_th_s").
    #[serde(default)]
    pub estimates: Vec<String>,
    /// From the user's catalog rather than the built-in one.
    #[serde(skip)]
    pub user: bool,
}

impl MinerEntry {
    /// Fills a hall's miner model, hash rate and power (and its cooling, price when given); the count stays.
    pub fn apply_to(&self, h: &mut AsicHall) {
        h.miner_model = self.name.clone();
        h.miner_th_s = self.th_s;
        h.miner_kw = self.kw;
        if let Some(price) = self.usd_per_th_s {
            h.miner_price_usd_per_th = price;
        }
        if self.cooling != h.cooling {
            h.cooling = self.cooling;
            h.overhead = self.cooling.default_overhead();
        }
    }

    /// The source with its estimates named, as a tooltip.
    pub fn tooltip(&self) -> String {
        tooltip(&self.source, &self.estimates, self.user)
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GpuEntry {
    pub name: String,
    pub gpus: u32,
    pub kw: f64,
    pub price_usd: f64,
    pub gpu_hour_usd: f64,
    pub source: String,
    /// Fields whose figure has no public source ("kw", "price_usd", "gpu_hour_usd").
    #[serde(default)]
    pub estimates: Vec<String>,
    #[serde(skip)]
    pub user: bool,
}

impl GpuEntry {
    /// Fills a pod's system model, GPUs, power, price and GPU-hour price; the count stays.
    pub fn apply_to(&self, p: &mut GpuPod) {
        p.system_model = self.name.clone();
        p.gpus_per_system = self.gpus;
        p.system_kw = self.kw;
        p.system_price_usd = self.price_usd;
        p.gpu_hour_price_usd = self.gpu_hour_usd;
    }

    pub fn tooltip(&self) -> String {
        tooltip(&self.source, &self.estimates, self.user)
    }
}

fn tooltip(source: &str, estimates: &[String], user: bool) -> String {
    let mut text = source.to_string();
    if !estimates.is_empty() {
        text.push_str(&format!("\nEstimates (no public source): {}", estimates.join(", ")));
    }
    if user {
        text.push_str("\nFrom your catalog");
    }
    text
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// When the figures were gathered ("2026-12").
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub miners: Vec<MinerEntry>,
    #[serde(default)]
    pub gpu_systems: Vec<GpuEntry>,
}

/// Why a catalog's text was not read, with the line and column it stopped at.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("line {line}, column {column}: {message}")]
pub struct CatalogError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl Catalog {
    /// Reads a catalog in the format of `assets/catalog.ron`. Entries with a non-positive or non-finite
    /// figure are refused with the entry's name.
    pub fn parse(text: &str) -> Result<Catalog, CatalogError> {
        let catalog: Catalog = ron::Options::default().from_str(text).map_err(|e| CatalogError {
            line: e.span.start.line,
            column: e.span.start.col,
            message: e.code.to_string(),
        })?;
        catalog.check(text)?;
        Ok(catalog)
    }

    /// Figures a hall or pod would refuse: zero, negative, not finite.
    fn check(&self, text: &str) -> Result<(), CatalogError> {
        let bad = |x: f64| !(x.is_finite() && x > 0.0);
        let miners = self.miners.iter().filter_map(|m| {
            let wrong = bad(m.th_s) || bad(m.kw) || m.usd_per_th_s.is_some_and(bad);
            wrong.then_some((&m.name, "hash rate, power and price must be above zero"))
        });
        let gpus = self.gpu_systems.iter().filter_map(|g| {
            let wrong = g.gpus == 0 || bad(g.kw) || bad(g.price_usd) || bad(g.gpu_hour_usd);
            wrong.then_some((&g.name, "GPUs, power, price and GPU-hour price must be above zero"))
        });
        if let Some((name, what)) = miners.chain(gpus).next() {
            // The line of the entry's name, so the planner finds it.
            let needle = format!("\"{name}\"");
            let line = text.lines().position(|l| l.contains(&needle)).map_or(1, |i| i + 1);
            return Err(CatalogError { line, column: 1, message: format!("\"{name}\": {what}") });
        }
        Ok(())
    }

    /// The catalog shipped with the app.
    pub fn built_in() -> &'static Catalog {
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        // The file is part of the source and a test reads it: a broken one fails the build's tests.
        CATALOG.get_or_init(|| Catalog::parse(BUILT_IN).unwrap_or_default())
    }

    /// This catalog followed by `user`'s entries, marked as the user's.
    pub fn with_user(&self, user: &Catalog) -> Catalog {
        let mut out = self.clone();
        out.miners.extend(user.miners.iter().cloned().map(|m| MinerEntry { user: true, ..m }));
        out.gpu_systems.extend(user.gpu_systems.iter().cloned().map(|g| GpuEntry { user: true, ..g }));
        out
    }
}
