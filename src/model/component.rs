//! The parts a planner places on a site: loads (ASIC halls, GPU pods) and the supplies that feed them
//! (substations, cooling plants, gas turbines). Defaults follow MODEL.md; their sources live in `catalog`.

use serde::{Deserialize, Serialize};

use super::catalog;
use super::geometry::Rect;

/// Stable identity of a component within its scenario (selection, undo and warnings refer to it).
pub type ComponentId = u64;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Component {
    pub id: ComponentId,
    pub name: String,
    pub rect: Rect,
    /// Already built and energized: no facility capex, online at month 0.
    #[serde(default)]
    pub existing: bool,
    /// Locked on the canvas: it cannot be dragged, resized, nudged, rotated or deleted there until unlocked
    /// (a permitted substation that must not move by accident). The inspector still edits its fields.
    #[serde(default)]
    pub locked: bool,
    /// Months from its build start until a new component is online (permitting comes on top).
    pub lead_time_months: u32,
    /// Month its construction starts and its capex is spent (a substation that needs a grid request: the month
    /// of the request). Ignored for existing parts, which are online at month 0.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub build_start_month: u32,
    /// From this month on the part is gone (no power, no capacity, no upkeep); `None`: never.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retire_month: Option<u32>,
    pub kind: ComponentKind,
}

fn is_zero(v: &u32) -> bool {
    *v == 0
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ComponentKind {
    AsicHall(AsicHall),
    GpuPod(GpuPod),
    Substation(Substation),
    CoolingPlant(CoolingPlant),
    GasTurbine(GasTurbine),
}

/// The five kinds without their data, for palettes, labels and counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KindTag {
    AsicHall,
    GpuPod,
    Substation,
    CoolingPlant,
    GasTurbine,
}

impl KindTag {
    pub const ALL: [KindTag; 5] =
        [KindTag::AsicHall, KindTag::GpuPod, KindTag::Substation, KindTag::CoolingPlant, KindTag::GasTurbine];

    pub fn label(self) -> &'static str {
        match self {
            KindTag::AsicHall => "ASIC hall",
            KindTag::GpuPod => "GPU pod",
            KindTag::Substation => "Substation",
            KindTag::CoolingPlant => "Cooling plant",
            KindTag::GasTurbine => "Gas turbine",
        }
    }

    /// Default lead time for a new component of this kind (MODEL.md).
    pub fn default_lead_time_months(self) -> u32 {
        match self {
            KindTag::AsicHall => 6,
            KindTag::GpuPod => 15,
            KindTag::Substation => 36,
            KindTag::CoolingPlant => 12,
            KindTag::GasTurbine => 12,
        }
    }

    /// Default footprint in metres for a newly placed component.
    pub fn default_size_m(self) -> (f64, f64) {
        match self {
            KindTag::AsicHall => (120.0, 40.0),
            KindTag::GpuPod => (60.0, 40.0),
            KindTag::Substation => (50.0, 40.0),
            KindTag::CoolingPlant => (40.0, 30.0),
            KindTag::GasTurbine => (30.0, 20.0),
        }
    }

    pub fn default_kind(self) -> ComponentKind {
        match self {
            KindTag::AsicHall => ComponentKind::AsicHall(AsicHall::default()),
            KindTag::GpuPod => ComponentKind::GpuPod(GpuPod::default()),
            KindTag::Substation => ComponentKind::Substation(Substation::default()),
            KindTag::CoolingPlant => ComponentKind::CoolingPlant(CoolingPlant::default()),
            KindTag::GasTurbine => ComponentKind::GasTurbine(GasTurbine::default()),
        }
    }
}

impl ComponentKind {
    pub fn tag(&self) -> KindTag {
        match self {
            ComponentKind::AsicHall(_) => KindTag::AsicHall,
            ComponentKind::GpuPod(_) => KindTag::GpuPod,
            ComponentKind::Substation(_) => KindTag::Substation,
            ComponentKind::CoolingPlant(_) => KindTag::CoolingPlant,
            ComponentKind::GasTurbine(_) => KindTag::GasTurbine,
        }
    }
}

impl Component {
    /// A new (not existing) component of `tag` with MODEL.md defaults, placed with its top-left at `x`, `y`.
    pub fn new(id: ComponentId, tag: KindTag, name: impl Into<String>, x: f64, y: f64) -> Self {
        let (w, h) = tag.default_size_m();
        Component {
            id,
            name: name.into(),
            rect: Rect::new(x, y, w, h),
            existing: false,
            locked: false,
            lead_time_months: tag.default_lead_time_months(),
            build_start_month: 0,
            retire_month: None,
            kind: tag.default_kind(),
        }
    }

    pub fn tag(&self) -> KindTag {
        self.kind.tag()
    }

    /// IT power in MW for loads, 0 for supplies.
    pub fn it_mw(&self) -> f64 {
        match &self.kind {
            ComponentKind::AsicHall(h) => h.it_mw(),
            ComponentKind::GpuPod(p) => p.it_mw(),
            _ => 0.0,
        }
    }

    /// The headline figure drawn on the canvas label: IT MW for loads, usable MW for substations and
    /// turbines, MW_th for cooling plants.
    pub fn label_mw(&self) -> f64 {
        match &self.kind {
            ComponentKind::AsicHall(h) => h.it_mw(),
            ComponentKind::GpuPod(p) => p.it_mw(),
            ComponentKind::Substation(s) => s.usable_mw(),
            ComponentKind::CoolingPlant(c) => c.capacity_mw_th,
            ComponentKind::GasTurbine(t) => t.capacity_mw,
        }
    }

    pub fn is_load(&self) -> bool {
        matches!(self.kind, ComponentKind::AsicHall(_) | ComponentKind::GpuPod(_))
    }
}

/// How an ASIC hall rejects its heat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum HallCooling {
    /// The miners' own fans; no cooling plant needed.
    Air,
    /// Water-cooled miners; needs cooling-plant capacity.
    Hydro,
    /// Miners in dielectric fluid; needs cooling-plant capacity.
    Immersion,
}

impl HallCooling {
    pub const ALL: [HallCooling; 3] = [HallCooling::Air, HallCooling::Hydro, HallCooling::Immersion];

    pub fn label(self) -> &'static str {
        match self {
            HallCooling::Air => "Air",
            HallCooling::Hydro => "Hydro",
            HallCooling::Immersion => "Immersion",
        }
    }

    /// Hall overhead as a fraction of IT power (MODEL.md).
    pub fn default_overhead(self) -> f64 {
        match self {
            HallCooling::Air => 0.05,
            HallCooling::Hydro => 0.03,
            HallCooling::Immersion => 0.02,
        }
    }

    pub fn needs_plant(self) -> bool {
        !matches!(self, HallCooling::Air)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "super::kind_defaults::AsicHallFields")]
pub struct AsicHall {
    pub miner_model: String,
    pub miner_th_s: f64,
    pub miner_kw: f64,
    pub miner_count: u32,
    pub miner_price_usd_per_th: f64,
    pub miner_life_years: f64,
    pub cooling: HallCooling,
    pub overhead: f64,
    pub uptime: f64,
    /// The fleet installed in an existing hall (MODEL.md "Existing parts as installed"); `None`: as specified
    /// now. A file without them takes the hall's current model and count when it is loaded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub installed_miner_model: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub installed_miner_count: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub installed_miner_th_s: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub installed_miner_kw: Option<f64>,
}

/// The fleet an existing hall holds: model, count, TH/s and kW per miner.
#[derive(Debug, Clone, PartialEq)]
pub struct InstalledFleet {
    pub model: String,
    pub count: u32,
    pub th_s: f64,
    pub kw: f64,
}

impl InstalledFleet {
    pub fn it_mw(&self) -> f64 {
        self.count as f64 * self.kw / 1000.0
    }
}

impl Default for AsicHall {
    fn default() -> Self {
        let preset = &catalog::MINERS[0];
        AsicHall {
            miner_model: preset.name.to_string(),
            miner_th_s: preset.th_s,
            miner_kw: preset.kw,
            miner_count: 1000,
            miner_price_usd_per_th: 15.0,
            miner_life_years: 4.0,
            cooling: HallCooling::Air,
            overhead: HallCooling::Air.default_overhead(),
            uptime: 0.97,
            installed_miner_model: None,
            installed_miner_count: None,
            installed_miner_th_s: None,
            installed_miner_kw: None,
        }
    }
}

impl AsicHall {
    pub fn it_mw(&self) -> f64 {
        self.miner_count as f64 * self.miner_kw / 1000.0
    }

    pub fn hashrate_ph_s(&self) -> f64 {
        self.miner_count as f64 * self.miner_th_s / 1000.0
    }

    /// Price of the whole fleet of miners, bought once.
    pub fn fleet_price_usd(&self) -> f64 {
        self.miner_count as f64 * self.miner_th_s * self.miner_price_usd_per_th
    }

    /// The installed fleet: the recorded one, or the hall as specified where none is recorded.
    pub fn installed(&self) -> InstalledFleet {
        InstalledFleet {
            model: self.installed_miner_model.clone().unwrap_or_else(|| self.miner_model.clone()),
            count: self.installed_miner_count.unwrap_or(self.miner_count),
            th_s: self.installed_miner_th_s.unwrap_or(self.miner_th_s),
            kw: self.installed_miner_kw.unwrap_or(self.miner_kw),
        }
    }

    /// Records the hall as it is specified now as its installed fleet (a hall marked existing, or loaded from
    /// a file without the installed fields).
    pub fn record_installed(&mut self) {
        self.installed_miner_model = Some(self.miner_model.clone());
        self.installed_miner_count = Some(self.miner_count);
        self.installed_miner_th_s = Some(self.miner_th_s);
        self.installed_miner_kw = Some(self.miner_kw);
    }

    /// What an existing hall's fleet as specified costs in month 0 against what is installed: the whole
    /// fleet when the miner differs (model, TH/s or kW), the extra miners when only the count is larger.
    pub fn fleet_change_usd(&self) -> f64 {
        let i = self.installed();
        let same_miner = i.model == self.miner_model && i.th_s == self.miner_th_s && i.kw == self.miner_kw;
        if !same_miner {
            self.fleet_price_usd()
        } else if self.miner_count > i.count {
            (self.miner_count - i.count) as f64 * self.miner_th_s * self.miner_price_usd_per_th
        } else {
            0.0
        }
    }

    pub fn apply_preset(&mut self, preset: &catalog::MinerPreset) {
        self.miner_model = preset.name.to_string();
        self.miner_th_s = preset.th_s;
        self.miner_kw = preset.kw;
        if preset.cooling != self.cooling {
            self.cooling = preset.cooling;
            self.overhead = preset.cooling.default_overhead();
        }
    }
}

/// How a GPU pod earns money.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BusinessModel {
    /// Lease the powered shell per kW of IT; the tenant owns the GPUs and pays its power (triple net).
    Colocation,
    /// Own the GPUs and rent GPU-hours.
    GpuCloud,
}

impl BusinessModel {
    pub const ALL: [BusinessModel; 2] = [BusinessModel::Colocation, BusinessModel::GpuCloud];

    pub fn label(self) -> &'static str {
        match self {
            BusinessModel::Colocation => "Colocation lease",
            BusinessModel::GpuCloud => "GPU cloud",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "super::kind_defaults::GpuPodFields")]
pub struct GpuPod {
    pub system_model: String,
    pub gpus_per_system: u32,
    pub system_kw: f64,
    pub system_price_usd: f64,
    pub system_count: u32,
    pub business: BusinessModel,
    pub lease_usd_per_kw_month: f64,
    pub lease_escalator: f64,
    pub gpu_hour_price_usd: f64,
    pub gpu_price_decline: f64,
    pub utilization: f64,
    pub life_years: f64,
    pub overhead: f64,
    pub uptime: f64,
    /// Reuses an existing mining hall's shell, power distribution and permits: only the premium part of the
    /// facility capex is spent.
    pub retrofit: bool,
    /// The existing ASIC hall this retrofit converts: the hall mines until the pod's build starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub converts: Option<ComponentId>,
}

impl Default for GpuPod {
    fn default() -> Self {
        let preset = &catalog::GPU_SYSTEMS[0];
        GpuPod {
            system_model: preset.name.to_string(),
            gpus_per_system: preset.gpus,
            system_kw: preset.kw,
            system_price_usd: preset.price_usd,
            system_count: 100,
            business: BusinessModel::Colocation,
            lease_usd_per_kw_month: 150.0,
            lease_escalator: 0.03,
            gpu_hour_price_usd: preset.gpu_hour_usd,
            gpu_price_decline: 0.10,
            utilization: 0.80,
            life_years: 5.0,
            overhead: 0.08,
            uptime: 0.99,
            retrofit: false,
            converts: None,
        }
    }
}

impl GpuPod {
    pub fn it_mw(&self) -> f64 {
        self.system_count as f64 * self.system_kw / 1000.0
    }

    pub fn gpus(&self) -> f64 {
        self.system_count as f64 * self.gpus_per_system as f64
    }

    /// Hardware we pay for: the systems in a GPU cloud, nothing for a colocation tenant's GPUs.
    pub fn owned_hardware_usd(&self) -> f64 {
        match self.business {
            BusinessModel::Colocation => 0.0,
            BusinessModel::GpuCloud => self.system_count as f64 * self.system_price_usd,
        }
    }

    pub fn apply_preset(&mut self, preset: &catalog::GpuPreset) {
        self.system_model = preset.name.to_string();
        self.gpus_per_system = preset.gpus;
        self.system_kw = preset.kw;
        self.system_price_usd = preset.price_usd;
        self.gpu_hour_price_usd = preset.gpu_hour_usd;
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Substation {
    pub capacity_mva: f64,
    pub power_factor: f64,
    pub loss_ratio: f64,
    pub capex_usd_per_mva: f64,
    /// Main transformers sharing the capacity evenly (firm capacity at N+1 loses one).
    pub transformers: u32,
}

impl Default for Substation {
    fn default() -> Self {
        Substation {
            capacity_mva: 100.0,
            power_factor: 0.95,
            loss_ratio: 0.01,
            capex_usd_per_mva: 300_000.0,
            transformers: 2,
        }
    }
}

impl Substation {
    pub fn usable_mw(&self) -> f64 {
        self.capacity_mva * self.power_factor
    }
}

/// Heat-rejection technologies with their parasitic power, water use and cost (MODEL.md table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CoolingType {
    DryCooler,
    AdiabaticDryCooler,
    EvaporativeTower,
    ChillerPlant,
}

impl CoolingType {
    pub const ALL: [CoolingType; 4] = [
        CoolingType::DryCooler,
        CoolingType::AdiabaticDryCooler,
        CoolingType::EvaporativeTower,
        CoolingType::ChillerPlant,
    ];

    pub fn preset(self) -> &'static catalog::CoolingPreset {
        catalog::cooling_preset(self)
    }

    pub fn label(self) -> &'static str {
        self.preset().name
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "super::kind_defaults::CoolingPlantFields")]
pub struct CoolingPlant {
    pub cooling_type: CoolingType,
    pub capacity_mw_th: f64,
    /// MW of electricity per MW of heat rejected.
    pub parasitic_ratio: f64,
    /// Litres per kWh of heat rejected (= m3 per MWh_th).
    pub water_l_per_kwh: f64,
    pub capex_usd_per_mw_th: f64,
    /// Coolers or chillers sharing the capacity evenly (firm capacity at N+1 loses one).
    pub units: u32,
}

impl Default for CoolingPlant {
    fn default() -> Self {
        CoolingPlant::of_type(CoolingType::AdiabaticDryCooler, 50.0)
    }
}

impl CoolingPlant {
    pub fn of_type(cooling_type: CoolingType, capacity_mw_th: f64) -> Self {
        let p = cooling_type.preset();
        CoolingPlant {
            cooling_type,
            capacity_mw_th,
            parasitic_ratio: p.parasitic_ratio,
            water_l_per_kwh: p.water_l_per_kwh,
            capex_usd_per_mw_th: p.capex_usd_per_mw_th,
            units: 4,
        }
    }

    pub fn apply_type(&mut self, cooling_type: CoolingType) {
        *self = CoolingPlant { units: self.units, ..CoolingPlant::of_type(cooling_type, self.capacity_mw_th) };
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GasTurbine {
    pub capacity_mw: f64,
    pub capex_usd_per_mw: f64,
    /// Fuel plus O&M per MWh generated.
    pub energy_cost_usd_per_mwh: f64,
}

impl Default for GasTurbine {
    fn default() -> Self {
        GasTurbine { capacity_mw: 30.0, capex_usd_per_mw: 1_500_000.0, energy_cost_usd_per_mwh: 35.0 }
    }
}
