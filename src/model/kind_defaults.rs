//! Reading a component kind from a file: a field left out takes the default of the type or model the file
//! names (a `DryCooler` gets the dry cooler's water use, a "GB200 NVL72 rack" its 72 GPUs and 132 kW), not
//! the kind's default preset. Fields the file gives always win.

use serde::Deserialize;

use super::catalog;
use super::component::{AsicHall, BusinessModel, CoolingPlant, CoolingType, GpuPod, HallCooling};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AsicHallFields {
    miner_model: Option<String>,
    miner_th_s: Option<f64>,
    miner_kw: Option<f64>,
    miner_count: Option<u32>,
    miner_price_usd_per_th: Option<f64>,
    miner_life_years: Option<f64>,
    cooling: Option<HallCooling>,
    overhead: Option<f64>,
    uptime: Option<f64>,
    installed_miner_model: Option<String>,
    installed_miner_count: Option<u32>,
    installed_miner_th_s: Option<f64>,
    installed_miner_kw: Option<f64>,
}

impl From<AsicHallFields> for AsicHall {
    fn from(f: AsicHallFields) -> Self {
        let mut hall = AsicHall::default();
        if let Some(preset) = f.miner_model.as_deref().and_then(catalog::miner_preset) {
            hall.apply_preset(preset);
        }
        if let Some(model) = f.miner_model {
            hall.miner_model = model;
        }
        if let Some(cooling) = f.cooling {
            hall.cooling = cooling;
            hall.overhead = cooling.default_overhead();
        }
        let mut hall = AsicHall {
            miner_th_s: f.miner_th_s.unwrap_or(hall.miner_th_s),
            miner_kw: f.miner_kw.unwrap_or(hall.miner_kw),
            miner_count: f.miner_count.unwrap_or(hall.miner_count),
            miner_price_usd_per_th: f.miner_price_usd_per_th.unwrap_or(hall.miner_price_usd_per_th),
            miner_life_years: f.miner_life_years.unwrap_or(hall.miner_life_years),
            overhead: f.overhead.unwrap_or(hall.overhead),
            uptime: f.uptime.unwrap_or(hall.uptime),
            ..hall
        };
        // A file without the installed fleet holds what the hall specifies (`None`: as specified, see
        // `AsicHall::installed`); the app records it before the first edit of an existing hall's fleet.
        hall.installed_miner_model = f.installed_miner_model;
        hall.installed_miner_count = f.installed_miner_count;
        hall.installed_miner_th_s = f.installed_miner_th_s;
        hall.installed_miner_kw = f.installed_miner_kw;
        hall
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GpuPodFields {
    system_model: Option<String>,
    gpus_per_system: Option<u32>,
    system_kw: Option<f64>,
    system_price_usd: Option<f64>,
    system_count: Option<u32>,
    business: Option<BusinessModel>,
    lease_usd_per_kw_month: Option<f64>,
    lease_escalator: Option<f64>,
    gpu_hour_price_usd: Option<f64>,
    gpu_price_decline: Option<f64>,
    utilization: Option<f64>,
    life_years: Option<f64>,
    overhead: Option<f64>,
    uptime: Option<f64>,
    retrofit: Option<bool>,
    converts: Option<u64>,
}

impl From<GpuPodFields> for GpuPod {
    fn from(f: GpuPodFields) -> Self {
        let mut pod = GpuPod::default();
        if let Some(preset) = f.system_model.as_deref().and_then(catalog::gpu_preset) {
            pod.apply_preset(preset);
        }
        if let Some(model) = f.system_model {
            pod.system_model = model;
        }
        GpuPod {
            gpus_per_system: f.gpus_per_system.unwrap_or(pod.gpus_per_system),
            system_kw: f.system_kw.unwrap_or(pod.system_kw),
            system_price_usd: f.system_price_usd.unwrap_or(pod.system_price_usd),
            system_count: f.system_count.unwrap_or(pod.system_count),
            business: f.business.unwrap_or(pod.business),
            lease_usd_per_kw_month: f.lease_usd_per_kw_month.unwrap_or(pod.lease_usd_per_kw_month),
            lease_escalator: f.lease_escalator.unwrap_or(pod.lease_escalator),
            gpu_hour_price_usd: f.gpu_hour_price_usd.unwrap_or(pod.gpu_hour_price_usd),
            gpu_price_decline: f.gpu_price_decline.unwrap_or(pod.gpu_price_decline),
            utilization: f.utilization.unwrap_or(pod.utilization),
            life_years: f.life_years.unwrap_or(pod.life_years),
            overhead: f.overhead.unwrap_or(pod.overhead),
            uptime: f.uptime.unwrap_or(pod.uptime),
            retrofit: f.retrofit.unwrap_or(pod.retrofit),
            converts: f.converts,
            ..pod
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoolingPlantFields {
    cooling_type: Option<CoolingType>,
    capacity_mw_th: Option<f64>,
    parasitic_ratio: Option<f64>,
    water_l_per_kwh: Option<f64>,
    capex_usd_per_mw_th: Option<f64>,
    units: Option<u32>,
}

impl From<CoolingPlantFields> for CoolingPlant {
    fn from(f: CoolingPlantFields) -> Self {
        let default = CoolingPlant::default();
        let plant = CoolingPlant::of_type(
            f.cooling_type.unwrap_or(default.cooling_type),
            f.capacity_mw_th.unwrap_or(default.capacity_mw_th),
        );
        CoolingPlant {
            parasitic_ratio: f.parasitic_ratio.unwrap_or(plant.parasitic_ratio),
            water_l_per_kwh: f.water_l_per_kwh.unwrap_or(plant.water_l_per_kwh),
            capex_usd_per_mw_th: f.capex_usd_per_mw_th.unwrap_or(plant.capex_usd_per_mw_th),
            units: f.units.unwrap_or(plant.units),
            ..plant
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read<T: serde::de::DeserializeOwned>(text: &str) -> T {
        ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .from_str(text)
            .expect("valid RON")
    }

    #[test]
    fn a_named_cooling_type_brings_its_own_figures() {
        let p: CoolingPlant = read("(cooling_type: DryCooler)");
        assert_eq!((p.parasitic_ratio, p.water_l_per_kwh, p.capex_usd_per_mw_th), (0.04, 0.02, 350_000.0));
        let given: CoolingPlant = read("(cooling_type: DryCooler, water_l_per_kwh: 0.05)");
        assert_eq!(given.water_l_per_kwh, 0.05, "a figure the file gives wins");
    }

    #[test]
    fn a_named_gpu_system_brings_its_own_figures() {
        let p: GpuPod = read("(system_model: \"GB200 NVL72 rack\", system_count: 10)");
        assert_eq!((p.gpus_per_system, p.system_kw, p.system_count), (72, 132.0, 10));
        let custom: GpuPod = read("(system_model: \"In-house design\")");
        assert_eq!(custom.system_model, "In-house design");
        assert_eq!(custom.system_kw, GpuPod::default().system_kw, "an unknown model keeps the default figures");
    }

    #[test]
    fn a_named_miner_and_cooling_bring_their_figures() {
        let h: AsicHall = read("(miner_model: \"Antminer S21+ Hydro\")");
        assert_eq!((h.miner_th_s, h.miner_kw, h.cooling, h.overhead), (319.0, 4.785, HallCooling::Hydro, 0.03));
        let immersion: AsicHall = read("(cooling: Immersion)");
        assert_eq!(immersion.overhead, 0.02);
    }
}
