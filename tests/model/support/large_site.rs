//! A large, realistic site for benchmarks and scale tests: repeating blocks of ten parts (a substation, air,
//! hydro and S21 XP halls, GB200 colocation, H100 GPU cloud and B200 retrofit pods, two cooling plants and a
//! turbine or a third plant), laid out on a grid of 100 m x 60 m cells so nothing overlaps. Half the
//! substations and halls already exist; the rest come online over the first three years, so dispatch
//! curtails mining early on and every code path of the simulation runs.
//!
//! Shared by `benches/evaluate.rs` (through `#[path]`) and the scale tests.

use powerplot::model::catalog::{GPU_SYSTEMS, MINERS};
use powerplot::model::{
    AsicHall, BusinessModel, Component, ComponentKind, CoolingPlant, CoolingType, GasTurbine, GpuPod, KindTag, Project,
    Rect, Scenario, Substation,
};

const COLUMNS: usize = 100;
const CELL_W: f64 = 100.0;
const CELL_H: f64 = 60.0;

pub fn large_site(n: usize) -> Scenario {
    let mut s = Scenario::new(format!("{n} parts"));
    // An approval that covers every substation, so the new ones come online after their lead time.
    s.assumptions.interconnection_mva = Some(100_000.0);
    let rows = n.div_ceil(COLUMNS).max(1);
    s.boundary = Rect::new(0.0, 0.0, COLUMNS as f64 * CELL_W, rows as f64 * CELL_H);
    s.components = (0..n).map(part).collect();
    s
}

pub fn large_project(n: usize) -> Project {
    Project { name: format!("Large site ({n} parts)"), scenarios: vec![large_site(n)] }
}

fn part(i: usize) -> Component {
    let block = i / 10;
    let established = block.is_multiple_of(2);
    let (tag, kind, existing, lead) = match i % 10 {
        0 => (
            KindTag::Substation,
            ComponentKind::Substation(Substation { capacity_mva: 40.0, ..Substation::default() }),
            established,
            36,
        ),
        1 => (KindTag::AsicHall, hall(0, 2_000), established, 6),
        2 => (KindTag::AsicHall, hall(2, 1_500), false, 6),
        3 => (KindTag::GpuPod, pod(2, 40, BusinessModel::Colocation, false), false, 15),
        4 => (KindTag::GpuPod, pod(0, 400, BusinessModel::GpuCloud, false), false, 15),
        5 => (KindTag::GpuPod, pod(1, 300, BusinessModel::Colocation, true), false, 12),
        6 => (KindTag::CoolingPlant, plant(CoolingType::AdiabaticDryCooler), false, 12),
        7 => (KindTag::CoolingPlant, plant(CoolingType::EvaporativeTower), false, 12),
        8 if block % 2 == 1 => (
            KindTag::GasTurbine,
            ComponentKind::GasTurbine(GasTurbine { capacity_mw: 30.0, ..GasTurbine::default() }),
            false,
            12,
        ),
        8 => (KindTag::CoolingPlant, plant(CoolingType::DryCooler), false, 12),
        _ => (KindTag::AsicHall, hall(1, 1_500), false, 6),
    };
    let mut c = Component::new(i as u64 + 1, tag, format!("{} {}", tag.label(), i + 1), 0.0, 0.0);
    c.rect = Rect::new((i % COLUMNS) as f64 * CELL_W, (i / COLUMNS) as f64 * CELL_H, 90.0, 50.0);
    c.kind = kind;
    c.existing = existing;
    c.lead_time_months = lead;
    c
}

fn hall(preset: usize, miners: u32) -> ComponentKind {
    let mut h = AsicHall { miner_count: miners, ..AsicHall::default() };
    h.apply_preset(&MINERS[preset]);
    ComponentKind::AsicHall(h)
}

fn pod(preset: usize, systems: u32, business: BusinessModel, retrofit: bool) -> ComponentKind {
    let mut p = GpuPod { system_count: systems, business, retrofit, ..GpuPod::default() };
    p.apply_preset(&GPU_SYSTEMS[preset]);
    ComponentKind::GpuPod(p)
}

fn plant(t: CoolingType) -> ComponentKind {
    ComponentKind::CoolingPlant(CoolingPlant::of_type(t, 12.0))
}
