//! The decision variables of one design and how it becomes a scenario (MODEL.md "The best mix", Precisely):
//! each ASIC hall kept, retrofitted (colocation or GPU cloud) or removed; a number of new pods of the chosen
//! system and size, all of one business model; one new cooling plant sized to the plant-cooled heat the current
//! plants cannot carry at the asked redundancy; optionally one new substation.

use serde::Serialize;

use super::placement::{self, Placer};
use crate::model::assumptions::Redundancy;
use crate::model::catalog::{self, GpuPreset};
use crate::model::component::{
    BusinessModel, Component, ComponentId, ComponentKind, CoolingPlant, CoolingType, GpuPod, KindTag, Substation,
};
use crate::model::scenario::Scenario;

use super::full_build;

/// What becomes of one ASIC hall.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HallChoice {
    Keep,
    /// Converted into a colocation pod of the chosen system in the hall's shell (retrofit).
    Colocation,
    /// Converted into a GPU-cloud pod of the chosen system (retrofit).
    GpuCloud,
    /// Taken out: no power, no revenue (its sunk capex stays sunk).
    Remove,
}

impl HallChoice {
    pub const ALL: [HallChoice; 4] =
        [HallChoice::Keep, HallChoice::Colocation, HallChoice::GpuCloud, HallChoice::Remove];

    pub fn label(self) -> &'static str {
        match self {
            HallChoice::Keep => "keep mining",
            HallChoice::Colocation => "colocation retrofit",
            HallChoice::GpuCloud => "GPU-cloud retrofit",
            HallChoice::Remove => "remove",
        }
    }

    /// Whether the choice is open to a hall: only existing halls can be retrofitted (a new hall is either
    /// built or not).
    pub fn open_to(self, existing: bool) -> bool {
        existing || matches!(self, HallChoice::Keep | HallChoice::Remove)
    }
}

/// Sizes tried for an optional new substation (MVA), each with two transformers.
pub const SUBSTATION_SIZES_MVA: [u32; 4] = [50, 100, 200, 400];
/// Transformers of a new substation.
pub const NEW_SUBSTATION_TRANSFORMERS: u32 = 2;
/// Lead time of a retrofit pod (MODEL.md: a retrofit defaults to 12 months).
pub const RETROFIT_LEAD_TIME_MONTHS: u32 = 12;

/// One point of the design space. `current` marks the scenario as drawn (always a candidate).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Design {
    pub current: bool,
    /// One choice per ASIC hall of the scenario, in listed order (see `Space::halls`).
    pub halls: Vec<HallChoice>,
    pub new_pods: u32,
    /// Business model of every new pod (meaningless when `new_pods` is 0; kept as colocation then).
    pub pod_business: BusinessModel,
    /// Type of the new cooling plant; no plant is built when the current plants carry the heat.
    pub cooling: Option<CoolingType>,
    /// Capacity of the new substation, if any.
    pub substation_mva: Option<u32>,
}

impl Design {
    /// Designs that differ only in cooling or substation share a key; the results keep the best of each key.
    pub fn key(&self) -> (Vec<HallChoice>, u32) {
        (self.halls.clone(), self.new_pods)
    }
}

/// What the search may change, read once from the scenario and the settings.
#[derive(Debug, Clone)]
pub struct Space {
    pub base: Scenario,
    /// Indices (into `base.components`) and ids of the ASIC halls, in listed order.
    pub halls: Vec<(usize, ComponentId)>,
    /// The choices open to each hall (same order as `halls`).
    pub open: Vec<Vec<HallChoice>>,
    pub system: &'static GpuPreset,
    pub pod_systems: u32,
    /// Firm capacity of the current design's cooling plants at the asked redundancy (MW_th).
    pub current_firm_cooling_mw: f64,
}

/// A design made concrete: the scenario, and whether its new parts found room inside the boundary.
#[derive(Debug, Clone)]
pub struct Built {
    pub scenario: Scenario,
    /// False when the greedy placement could not fit every new part.
    pub placed: bool,
    /// Ids of the parts the design added (new pods, plant, substation), for checks and the summary.
    pub added: Vec<ComponentId>,
    /// Capacity of the new cooling plant (MW_th), 0 when none was needed.
    pub plant_mw_th: f64,
}

impl Space {
    pub fn new(
        base: &Scenario,
        system: &'static GpuPreset,
        pod_systems: u32,
        open: &dyn Fn(ComponentId) -> Option<Vec<HallChoice>>,
    ) -> Self {
        let halls: Vec<(usize, ComponentId)> = base
            .components
            .iter()
            .enumerate()
            .filter(|(_, c)| c.tag() == KindTag::AsicHall)
            .map(|(i, c)| (i, c.id))
            .collect();
        let open = halls
            .iter()
            .map(|&(i, id)| {
                let existing = base.components[i].existing;
                let allowed = open(id).unwrap_or_else(|| HallChoice::ALL.to_vec());
                let choices: Vec<HallChoice> =
                    HallChoice::ALL.into_iter().filter(|c| c.open_to(existing) && allowed.contains(c)).collect();
                if choices.is_empty() { vec![HallChoice::Keep] } else { choices }
            })
            .collect();
        let current_firm_cooling_mw = crate::model::firm::firm_cooling(base).mw;
        Space { base: base.clone(), halls, open, system, pod_systems, current_firm_cooling_mw }
    }

    /// The design that changes nothing but is described like any other (every hall kept, nothing added).
    pub fn current_design(&self) -> Design {
        Design {
            current: true,
            halls: vec![HallChoice::Keep; self.halls.len()],
            new_pods: 0,
            pod_business: BusinessModel::Colocation,
            cooling: None,
            substation_mva: None,
        }
    }

    /// IT power of one new pod (MW).
    pub fn pod_it_mw(&self) -> f64 {
        self.pod_systems as f64 * self.system.kw / 1000.0
    }

    fn gpu_pod(&self, systems: u32, business: BusinessModel, retrofit: bool) -> GpuPod {
        let mut pod = GpuPod { system_count: systems, business, retrofit, ..GpuPod::default() };
        pod.apply_preset(self.system);
        pod
    }

    /// Builds the scenario of a design. With `place` false the new parts keep a provisional position (for the
    /// quick full-build checks, which do not look at positions).
    pub fn build(&self, d: &Design, place: bool) -> Built {
        if d.current {
            return Built { scenario: self.base.clone(), placed: true, added: Vec::new(), plant_mw_th: 0.0 };
        }
        let mut s = self.base.clone();
        let mut removed = Vec::new();
        for (&(index, _), &choice) in self.halls.iter().zip(&d.halls) {
            let c = &mut s.components[index];
            match choice {
                HallChoice::Keep => {}
                HallChoice::Remove => removed.push(index),
                HallChoice::Colocation | HallChoice::GpuCloud => {
                    let business = if choice == HallChoice::Colocation {
                        BusinessModel::Colocation
                    } else {
                        BusinessModel::GpuCloud
                    };
                    // The hall's IT power rounded down to whole systems (a small tolerance keeps 42.0 / 0.132
                    // from losing a system to rounding).
                    let systems = ((c.it_mw() * 1000.0 + 1e-6) / self.system.kw).floor().max(0.0) as u32;
                    c.kind = ComponentKind::GpuPod(self.gpu_pod(systems, business, true));
                    c.name = format!("{} -> {} retrofit", c.name, short_business(business));
                    c.existing = false;
                    c.lead_time_months = RETROFIT_LEAD_TIME_MONTHS;
                }
            }
        }
        for index in removed.into_iter().rev() {
            s.components.remove(index);
        }
        // Ids after every id of the current design, so a new part never takes a removed hall's id.
        let mut next_id = self.base.next_id();
        let mut added = Vec::new();
        let mut new_parts: Vec<Component> = Vec::new();
        if let Some(mva) = d.substation_mva {
            let mut c = Component::new(next_id, KindTag::Substation, format!("New substation ({mva} MVA)"), 0.0, 0.0);
            c.kind = ComponentKind::Substation(Substation {
                capacity_mva: mva as f64,
                transformers: NEW_SUBSTATION_TRANSFORMERS,
                ..Substation::default()
            });
            new_parts.push(c);
            next_id += 1;
        }
        for k in 0..d.new_pods {
            let name = format!("New AI pod {} ({})", k + 1, short_business(d.pod_business));
            let mut c = Component::new(next_id, KindTag::GpuPod, name, 0.0, 0.0);
            c.kind = ComponentKind::GpuPod(self.gpu_pod(self.pod_systems, d.pod_business, false));
            new_parts.push(c);
            next_id += 1;
        }
        // The plant is sized once the loads are known: the plant-cooled heat the current plants cannot carry at
        // the asked redundancy, rounded up to a whole MW_th.
        let mut plant_mw_th = 0.0;
        if let Some(cooling_type) = d.cooling {
            let heat: f64 = s.components.iter().chain(&new_parts).map(full_build::plant_heat_mw).sum();
            let uncovered = heat - self.current_firm_cooling_mw;
            if uncovered > 1e-9 {
                let (capacity, units) = plant_size(uncovered, s.assumptions.ai_cooling_redundancy);
                let mut c = Component::new(
                    next_id,
                    KindTag::CoolingPlant,
                    format!("New {} ({capacity:.0} MW_th)", cooling_type.label().to_lowercase()),
                    0.0,
                    0.0,
                );
                c.kind = ComponentKind::CoolingPlant(CoolingPlant {
                    units,
                    ..CoolingPlant::of_type(cooling_type, capacity)
                });
                // After the substation, before the pods: big parts are placed first.
                let at = usize::from(d.substation_mva.is_some());
                new_parts.insert(at, c);
                plant_mw_th = capacity;
            }
        }
        let mut placed = true;
        if place {
            let mut placer = Placer::new(s.boundary, s.components.iter().map(|c| c.rect));
            for c in &mut new_parts {
                let (w, h) = placement::footprint(c);
                match placer.place(w, h) {
                    Some(rect) => c.rect = rect,
                    None => {
                        placed = false;
                        break;
                    }
                }
            }
        }
        added.extend(new_parts.iter().map(|c| c.id));
        s.components.extend(new_parts);
        Built { scenario: s, placed, added, plant_mw_th }
    }

    /// What the design changes, in words ("Hall C -> colocation retrofit; 3 new GPU-cloud pods; ...").
    pub fn describe(&self, d: &Design, built: &Built) -> Vec<String> {
        if d.current {
            return vec!["the current design, unchanged".to_string()];
        }
        let mut out = Vec::new();
        for (&(index, _), &choice) in self.halls.iter().zip(&d.halls) {
            if choice != HallChoice::Keep {
                out.push(format!("{}: {}", self.base.components[index].name, choice.label()));
            }
        }
        if d.new_pods > 0 {
            out.push(format!(
                "{} new {} pod{} of {} x {} ({:.1} MW IT)",
                d.new_pods,
                short_business(d.pod_business),
                if d.new_pods == 1 { "" } else { "s" },
                self.pod_systems,
                self.system.name,
                d.new_pods as f64 * self.pod_it_mw()
            ));
        }
        if let Some(t) = d.cooling
            && built.plant_mw_th > 0.0
        {
            out.push(format!("new {} plant of {:.0} MW_th", t.label().to_lowercase(), built.plant_mw_th));
        }
        if let Some(mva) = d.substation_mva {
            out.push(format!("new {mva} MVA substation"));
        }
        if out.is_empty() {
            out.push("no change".to_string());
        }
        out
    }
}

fn short_business(b: BusinessModel) -> &'static str {
    match b {
        BusinessModel::Colocation => "colocation",
        BusinessModel::GpuCloud => "GPU-cloud",
    }
}

/// Capacity and units of a new plant for `heat` MW_th at `redundancy`: the heat rounded up to a whole MW_th in 4
/// units, one more unit of the same size at N+1 (so that losing any unit leaves the heat covered), twice the
/// units at 2N.
pub fn plant_size(heat: f64, redundancy: Redundancy) -> (f64, u32) {
    let n_capacity = (heat - 1e-9).ceil().max(1.0);
    match redundancy {
        Redundancy::N => (n_capacity, 4),
        Redundancy::NPlus1 => (n_capacity * 5.0 / 4.0, 5),
        Redundancy::TwoN => (n_capacity * 2.0, 8),
    }
}

/// The preset of the planner's chosen system, by name (`None` when the name is unknown).
pub fn system_by_name(name: &str) -> Option<&'static GpuPreset> {
    catalog::gpu_preset(name)
}
