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
use crate::model::assumptions::Assumptions;
use crate::model::{firm, schedule};

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

/// When the converted halls start their conversion (MODEL.md "The best mix, with time and the grid"): all
/// together, at month 0, at the first halving after the start, or at month 24; until then they mine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConversionTiming {
    Now,
    FirstHalving,
    Month24,
}

impl ConversionTiming {
    pub const ALL: [ConversionTiming; 3] =
        [ConversionTiming::Now, ConversionTiming::FirstHalving, ConversionTiming::Month24];

    /// The month the conversions start; `None` for the halving when no halving falls after the start.
    pub fn month(self, a: &Assumptions) -> Option<u32> {
        match self {
            ConversionTiming::Now => Some(0),
            ConversionTiming::FirstHalving => a
                .halvings
                .iter()
                .map(|h| h.months_since(a.start))
                .filter(|&m| m > 0 && m <= MAX_CONVERSION_MONTH as i64)
                .min()
                .map(|m| m as u32),
            ConversionTiming::Month24 => Some(24),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ConversionTiming::Now => "at once",
            ConversionTiming::FirstHalving => "at the first halving",
            ConversionTiming::Month24 => "at month 24",
        }
    }
}

/// The latest conversion start a design may use (a build start's upper limit).
const MAX_CONVERSION_MONTH: u32 = 240;

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
    /// When the retrofits start (`Now` when no hall is converted).
    pub conversion: ConversionTiming,
    pub new_pods: u32,
    /// Business model of every new pod (meaningless when `new_pods` is 0; kept as colocation then).
    pub pod_business: BusinessModel,
    /// Type of the new cooling plant; no plant is built when the current plants carry the heat.
    pub cooling: Option<CoolingType>,
    /// The current plants retire when the new plant comes online (planned ones are not built), and the new
    /// plant is sized to all the plant-cooled heat.
    pub replace_plants: bool,
    /// Capacity of the new substation, if any.
    pub substation_mva: Option<u32>,
}

/// What makes designs distinct in the results: the halls' choices, the conversion month and the number of
/// new pods (of designs that differ only in cooling or substation the best is kept).
pub type DesignKey = (Vec<HallChoice>, ConversionTiming, u32);

impl Design {
    pub fn key(&self) -> DesignKey {
        (self.halls.clone(), self.conversion, self.new_pods)
    }

    /// Whether any hall is converted (so the conversion month matters).
    pub fn converts(&self) -> bool {
        self.halls.iter().any(|c| matches!(c, HallChoice::Colocation | HallChoice::GpuCloud))
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
    /// The conversion timings that give distinct months on this scenario.
    pub timings: Vec<ConversionTiming>,
    /// Whether the current design has cooling plants that a design may retire and replace.
    pub has_plants: bool,
}

/// A design made concrete: the scenario, and whether its new parts found room inside the boundary.
#[derive(Debug, Clone)]
pub struct Built {
    pub scenario: Scenario,
    /// False when the greedy placement could not fit every new part.
    pub placed: bool,
    /// Ids of the parts the design added (retrofit pods, new pods, plant, substation), for checks and the
    /// summary.
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
        let converted: Vec<ComponentId> = base
            .components
            .iter()
            .filter_map(|c| match &c.kind {
                ComponentKind::GpuPod(p) => p.converts,
                _ => None,
            })
            .collect();
        let open = halls
            .iter()
            .map(|&(i, id)| {
                let existing = base.components[i].existing;
                let allowed = open(id).unwrap_or_else(|| HallChoice::ALL.to_vec());
                // A hall the current design already converts stays as it is.
                let choices: Vec<HallChoice> = HallChoice::ALL
                    .into_iter()
                    .filter(|c| c.open_to(existing) && allowed.contains(c))
                    .filter(|c| !converted.contains(&id) || *c == HallChoice::Keep)
                    .collect();
                if choices.is_empty() { vec![HallChoice::Keep] } else { choices }
            })
            .collect();
        let current_firm_cooling_mw = crate::model::firm::firm_cooling(base).mw;
        let mut timings: Vec<ConversionTiming> = Vec::new();
        let mut months = Vec::new();
        for t in ConversionTiming::ALL {
            if let Some(m) = t.month(&base.assumptions)
                && !months.contains(&m)
            {
                months.push(m);
                timings.push(t);
            }
        }
        let has_plants = base.components.iter().any(|c| c.tag() == KindTag::CoolingPlant);
        Space { base: base.clone(), halls, open, system, pod_systems, current_firm_cooling_mw, timings, has_plants }
    }

    /// The design that changes nothing but is described like any other (every hall kept, nothing added).
    pub fn current_design(&self) -> Design {
        Design {
            current: true,
            halls: vec![HallChoice::Keep; self.halls.len()],
            conversion: ConversionTiming::Now,
            new_pods: 0,
            pod_business: BusinessModel::Colocation,
            cooling: None,
            replace_plants: false,
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
    ///
    /// Months (MODEL.md "The best mix, with time and the grid"): retrofits start at the design's conversion
    /// month and name the hall they convert, which mines until then; a new substation starts at month 0 (its
    /// request month); new pod k starts just in time, when the firm power and cooling online cover the AI
    /// load of the retrofits and pods 1..k; the new plant starts so that it is online when the first load it
    /// cools is; replaced plants retire when it comes online.
    pub fn build(&self, d: &Design, place: bool) -> Built {
        if d.current {
            return Built { scenario: self.base.clone(), placed: true, added: Vec::new(), plant_mw_th: 0.0 };
        }
        let a = &self.base.assumptions;
        let mut s = self.base.clone();
        let conversion_month = if d.converts() { d.conversion.month(a).unwrap_or(0) } else { 0 };
        // Ids after every id of the current design, so a new part never takes a removed hall's id.
        let mut next_id = self.base.next_id();
        let mut retrofits: Vec<Component> = Vec::new();
        let mut gone: Vec<usize> = Vec::new();
        let mut removed: Vec<usize> = Vec::new();
        for (&(index, id), &choice) in self.halls.iter().zip(&d.halls) {
            let hall = &s.components[index];
            match choice {
                HallChoice::Keep => {}
                HallChoice::Remove => {
                    removed.push(index);
                    gone.push(index);
                }
                HallChoice::Colocation | HallChoice::GpuCloud => {
                    let business = if choice == HallChoice::Colocation {
                        BusinessModel::Colocation
                    } else {
                        BusinessModel::GpuCloud
                    };
                    // The hall's IT power rounded down to whole systems (a small tolerance keeps 42.0 / 0.132
                    // from losing a system to rounding).
                    let systems = ((hall.it_mw() * 1000.0 + 1e-6) / self.system.kw).floor().max(0.0) as u32;
                    let name = format!("{} -> {} retrofit", hall.name, short_business(business));
                    let mut pod = Component::new(next_id, KindTag::GpuPod, name, hall.rect.x, hall.rect.y);
                    next_id += 1;
                    pod.rect = hall.rect;
                    let mut kind = self.gpu_pod(systems, business, true);
                    kind.converts = Some(id);
                    pod.kind = ComponentKind::GpuPod(kind);
                    pod.lead_time_months = RETROFIT_LEAD_TIME_MONTHS;
                    pod.build_start_month = conversion_month;
                    retrofits.push(pod);
                    gone.push(index);
                }
            }
        }
        let replaced: Vec<usize> = if d.replace_plants && d.cooling.is_some() {
            (s.components.iter().enumerate())
                .filter(|(_, c)| c.tag() == KindTag::CoolingPlant && c.retire_month.is_none())
                .map(|(i, _)| i)
                .collect()
        } else {
            Vec::new()
        };
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
        let mut pods: Vec<Component> = Vec::new();
        for k in 0..d.new_pods {
            let name = format!("New AI pod {} ({})", k + 1, short_business(d.pod_business));
            let mut c = Component::new(next_id, KindTag::GpuPod, name, 0.0, 0.0);
            c.kind = ComponentKind::GpuPod(self.gpu_pod(self.pod_systems, d.pod_business, false));
            pods.push(c);
            next_id += 1;
        }
        // The plant is sized once the loads are known: the plant-cooled heat the current plants cannot carry at
        // the asked redundancy (all of it when they are replaced), rounded up to a whole MW_th.
        let heat: f64 = (s.components.iter().enumerate())
            .filter(|(i, _)| !gone.contains(i))
            .map(|(_, c)| c)
            .chain(&retrofits)
            .chain(&pods)
            .map(full_build::plant_heat_mw)
            .sum();
        let covered = if replaced.is_empty() { self.current_firm_cooling_mw } else { 0.0 };
        let mut plant_mw_th = 0.0;
        let mut plant_at = None;
        if let Some(cooling_type) = d.cooling
            && heat - covered > 1e-9
        {
            let (capacity, units) = plant_size(heat - covered, s.assumptions.ai_cooling_redundancy);
            let mut c = Component::new(
                next_id,
                KindTag::CoolingPlant,
                format!("New {} ({capacity:.0} MW_th)", cooling_type.label().to_lowercase()),
                0.0,
                0.0,
            );
            c.kind =
                ComponentKind::CoolingPlant(CoolingPlant { units, ..CoolingPlant::of_type(cooling_type, capacity) });
            // After the substation, before the pods: big parts are placed first.
            plant_at = Some(new_parts.len());
            new_parts.push(c);
            plant_mw_th = capacity;
        }
        new_parts.extend(pods);

        // Planned plants that are replaced are not built; existing ones retire later (below).
        let dropped: Vec<usize> = replaced.iter().copied().filter(|&i| !s.components[i].existing).collect();
        let mut drop: Vec<usize> = removed.iter().chain(&dropped).copied().collect();
        drop.sort_unstable();
        let retiring: Vec<ComponentId> =
            replaced.iter().filter(|i| !dropped.contains(i)).map(|&i| s.components[i].id).collect();
        for index in drop.into_iter().rev() {
            s.components.remove(index);
        }
        let first_new = s.components.len();
        let retrofit_count = retrofits.len();
        s.components.extend(retrofits);
        let added_from = first_new;
        s.components.extend(new_parts);
        let plant_index = plant_at.map(|k| first_new + retrofit_count + k);
        let pods_from =
            first_new + retrofit_count + usize::from(d.substation_mva.is_some()) + usize::from(plant_at.is_some());
        schedule_just_in_time(&mut s, pods_from, plant_index, &retiring, conversion_month);

        let mut placed = true;
        if place {
            let mut placer = Placer::new(s.boundary, s.components[..first_new + retrofit_count].iter().map(|c| c.rect));
            for c in &mut s.components[first_new + retrofit_count..] {
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
        let added = s.components[added_from..].iter().map(|c| c.id).collect();
        Built { scenario: s, placed, added, plant_mw_th }
    }

    /// What the design changes, in words ("Hall C -> colocation retrofit; 3 new GPU-cloud pods; ...").
    pub fn describe(&self, d: &Design, built: &Built) -> Vec<String> {
        if d.current {
            return vec!["the current design, unchanged".to_string()];
        }
        let mut out = Vec::new();
        let a = &self.base.assumptions;
        for (&(index, _), &choice) in self.halls.iter().zip(&d.halls) {
            match choice {
                HallChoice::Keep => {}
                HallChoice::Colocation | HallChoice::GpuCloud => {
                    let month = d.conversion.month(a).unwrap_or(0);
                    let when = a.start.plus_months(month).name();
                    let until = if month > 0 { "; it mines until then" } else { "" };
                    out.push(format!(
                        "{}: {}, conversion starts {} (month {month}, {when}){until}",
                        self.base.components[index].name,
                        choice.label(),
                        d.conversion.label()
                    ));
                }
                HallChoice::Remove => out.push(format!("{}: {}", self.base.components[index].name, choice.label())),
            }
        }
        if d.new_pods > 0 {
            out.push(format!(
                "{} new {} pod{} of {} x {} ({:.1} MW IT), each started just in time for its power and cooling",
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
            if d.replace_plants {
                out.push("the current cooling plants retire when it comes online (planned ones are not built)".into());
            }
        }
        if let Some(mva) = d.substation_mva {
            let request = built
                .scenario
                .components
                .iter()
                .position(|c| c.name == format!("New substation ({mva} MVA)") && !c.existing)
                .and_then(|i| crate::model::interconnection::approval(&built.scenario).requests[i]);
            match request {
                Some(r) => out.push(format!(
                    "new {mva} MVA substation: {:.0} MVA beyond the approved interconnection, so it waits for \
                     the grid request (approval odds {:.0} %)",
                    r.mva_beyond,
                    a.interconnection_approval_probability * 100.0
                )),
                None => out.push(format!("new {mva} MVA substation, within the approved interconnection")),
            }
        }
        if out.is_empty() {
            out.push("no change".to_string());
        }
        out
    }
}

/// Sets the build starts of the design's new pods (from `pods_from` to the end of `s.components`) just in
/// time, and of the new plant at `plant`, and retires the `retiring` plants when the new plant is online.
fn schedule_just_in_time(
    s: &mut Scenario,
    pods_from: usize,
    plant: Option<usize>,
    retiring: &[ComponentId],
    conversion_month: u32,
) {
    let a = s.assumptions.clone();
    let lead = |c: &Component| c.lead_time_months.saturating_add(schedule::permitting_months(c, &a));
    // Everything at its earliest: the months at which supply grows are the candidate online months.
    let sched = schedule::of(s, false);
    let mut months: Vec<u32> = sched.parts.iter().map(|p| p.online).collect();
    months.sort_unstable();
    months.dedup();
    // Firm power and cooling online in each candidate month (the new plant counted from its earliest).
    let firm_at: Vec<(u32, f64, f64)> = months
        .iter()
        .map(|&m| {
            let active: Vec<bool> = sched.parts.iter().map(|p| p.active(m)).collect();
            (m, firm::firm_power_in(s, &active).mw, firm::firm_cooling_in(s, &active).mw)
        })
        .collect();
    let fb = full_build::full_build(s);
    let factor = if fb.ai_it_mw > 0.0 { fb.ai_facility_mw / fb.ai_it_mw } else { 1.0 };
    // The AI load before the new pods: existing pods, planned pods and retrofits.
    let ai_before: f64 = (s.components[..pods_from].iter().zip(&sched.parts))
        .filter(|(c, p)| matches!(c.kind, ComponentKind::GpuPod(_)) && p.runs())
        .map(|(c, _)| c.it_mw())
        .sum();
    let last = firm_at.last().map_or(0, |f| f.0);
    let mut it = ai_before;
    for i in pods_from..s.components.len() {
        it += s.components[i].it_mw();
        let online = firm_at
            .iter()
            .find(|(_, power, cooling)| it * factor <= power + 1e-6 && it <= cooling + 1e-6)
            .map_or(last, |f| f.0);
        let start = online.saturating_sub(lead(&s.components[i]));
        s.components[i].build_start_month = start.min(MAX_CONVERSION_MONTH);
    }
    let Some(p) = plant else { return };
    // The plant is online when the first load it cools comes online: with replaced plants every plant-cooled
    // load; otherwise the first retrofit or new pod beyond what the current plants carry.
    let sched = schedule::of(s, false);
    let firm_without: f64 = {
        let mut active = sched.in_full_build();
        active[p] = false;
        firm::firm_cooling_in(s, &active).mw
    };
    let loads: Vec<(f64, u32)> = (s.components.iter().zip(&sched.parts))
        .filter(|(_, t)| t.runs())
        .map(|(c, t)| (full_build::plant_heat_mw(c), t.online))
        .filter(|l| l.0 > 0.0)
        .collect();
    let mut first_load: Option<u32> = None;
    let mut heat = 0.0;
    for (h, online) in loads {
        heat += h;
        if !retiring.is_empty() || heat > firm_without + 1e-6 {
            first_load = Some(first_load.map_or(online, |f| f.min(online)));
        }
    }
    let target = first_load.unwrap_or(conversion_month);
    let start = target.saturating_sub(lead(&s.components[p])).min(MAX_CONVERSION_MONTH);
    s.components[p].build_start_month = start;
    let online = start + lead(&s.components[p]);
    for c in &mut s.components {
        if retiring.contains(&c.id) {
            c.retire_month = Some(online.clamp(1, 480));
        }
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
