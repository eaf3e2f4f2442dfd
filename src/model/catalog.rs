//! Presets a planner picks from (miners, GPU systems, cooling types), each carrying the public source of its
//! figures so the app can show where a default comes from. See MODEL.md.

use super::component::{CoolingType, HallCooling};

#[derive(Debug, Clone, PartialEq)]
pub struct MinerPreset {
    pub name: &'static str,
    pub th_s: f64,
    pub kw: f64,
    pub cooling: HallCooling,
    pub source: &'static str,
}

pub const MINERS: [MinerPreset; 3] = [
    MinerPreset {
        name: "Antminer S21",
        th_s: 200.0,
        kw: 3.5,
        cooling: HallCooling::Air,
        source: "Bitmain specification: 200 TH/s at 17.5 J/TH (3.50 kW)",
    },
    MinerPreset {
        name: "Antminer S21 XP",
        th_s: 270.0,
        kw: 3.645,
        cooling: HallCooling::Air,
        source: "Bitmain specification: 270 TH/s at 13.5 J/TH",
    },
    MinerPreset {
        name: "Antminer S21+ Hydro",
        th_s: 319.0,
        kw: 4.785,
        cooling: HallCooling::Hydro,
        source: "Bitmain specification: 319 TH/s at 4.785 kW, water-cooled",
    },
];

#[derive(Debug, Clone, PartialEq)]
pub struct GpuPreset {
    pub name: &'static str,
    pub gpus: u32,
    pub kw: f64,
    pub price_usd: f64,
    pub gpu_hour_usd: f64,
    pub source: &'static str,
}

pub const GPU_SYSTEMS: [GpuPreset; 3] = [
    GpuPreset {
        name: "HGX H100 8-GPU",
        gpus: 8,
        kw: 10.2,
        price_usd: 300_000.0,
        gpu_hour_usd: 2.35,
        source: "DGX H100 lists at about $199k; H100 nodes with InfiniBand quoted $310-317k (2024); \
                 one-year H100 contracts $1.70-2.35 per GPU-hour (2025-26)",
    },
    GpuPreset {
        name: "HGX B200 8-GPU",
        gpus: 8,
        kw: 14.3,
        price_usd: 450_000.0,
        gpu_hour_usd: 3.50,
        source: "DGX B200 draws 14.3 kW; price inferred from about $40k per GPU; GPU-hour price inferred",
    },
    GpuPreset {
        name: "GB200 NVL72 rack",
        gpus: 72,
        kw: 132.0,
        price_usd: 3_000_000.0,
        gpu_hour_usd: 4.00,
        source: "Rack power 120-132 kW; $3M is a widely quoted estimate; GPU-hour price inferred",
    },
];

#[derive(Debug, Clone, PartialEq)]
pub struct CoolingPreset {
    pub cooling_type: CoolingType,
    pub name: &'static str,
    pub parasitic_ratio: f64,
    pub water_l_per_kwh: f64,
    pub capex_usd_per_mw_th: f64,
    pub source: &'static str,
}

pub const COOLING: [CoolingPreset; 4] = [
    CoolingPreset {
        cooling_type: CoolingType::DryCooler,
        name: "Dry cooler",
        parasitic_ratio: 0.04,
        water_l_per_kwh: 0.02,
        capex_usd_per_mw_th: 350_000.0,
        source: "Closed loop, fans only; WUE 0-0.05 L/kWh",
    },
    CoolingPreset {
        cooling_type: CoolingType::AdiabaticDryCooler,
        name: "Adiabatic dry cooler",
        parasitic_ratio: 0.03,
        water_l_per_kwh: 0.25,
        capex_usd_per_mw_th: 450_000.0,
        source: "Sprays water on hot days; WUE 0.10-0.40 L/kWh",
    },
    CoolingPreset {
        cooling_type: CoolingType::EvaporativeTower,
        name: "Evaporative cooling tower",
        parasitic_ratio: 0.06,
        water_l_per_kwh: 1.80,
        capex_usd_per_mw_th: 300_000.0,
        source: "1.6-1.8 L/kWh is common for evaporative cooling; WUE 1.2-2.0 L/kWh",
    },
    CoolingPreset {
        cooling_type: CoolingType::ChillerPlant,
        name: "Chiller plant with towers",
        parasitic_ratio: 0.20,
        water_l_per_kwh: 1.60,
        capex_usd_per_mw_th: 900_000.0,
        source: "For air-cooled white space; chillers add compressor power to the tower's water use",
    },
];

pub fn cooling_preset(cooling_type: CoolingType) -> &'static CoolingPreset {
    match cooling_type {
        CoolingType::DryCooler => &COOLING[0],
        CoolingType::AdiabaticDryCooler => &COOLING[1],
        CoolingType::EvaporativeTower => &COOLING[2],
        CoolingType::ChillerPlant => &COOLING[3],
    }
}

pub fn miner_preset(name: &str) -> Option<&'static MinerPreset> {
    MINERS.iter().find(|p| p.name == name)
}

pub fn gpu_preset(name: &str) -> Option<&'static GpuPreset> {
    GPU_SYSTEMS.iter().find(|p| p.name == name)
}
