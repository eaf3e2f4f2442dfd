//! The demo project compiled into the binary: an existing, permitted West Texas mining site with spare grid
//! capacity, and the three choices its owner weighs (stay mining, hybrid, full AI).
//!
//! Sizes are typical of listed miners' Texas sites (hundreds of MW of interconnect; halls of tens of MW of
//! S21-class miners); prices are MODEL.md's defaults.

use super::catalog;
use super::component::{
    BusinessModel, Component, ComponentKind, CoolingPlant, CoolingType, GpuPod, HallCooling, KindTag, Substation,
};
use super::financing::presets::PROJECT_FINANCE;
use super::geometry::Rect;
use super::scenario::{Project, Scenario};

/// The story told at the top of saves/demo.ron, like the other example files (written there by the ignored
/// test `regenerate_demo_file` in tests/files/examples.rs, after the file's first line).
pub const DEMO_STORY: &str = "\
//
// Story: the built-in demo. A miner owns a permitted West Texas (Permian Basin) site: four air-cooled halls
// of 12,000 Antminer S21s (42 MW of IT each) on a 250 MVA interconnect, with about 60 MW to spare. The owner
// weighs four choices. \"Stay mining\" fills the spare capacity with a fifth hall of 14,000 S21 XPs (51 MW).
// \"Hybrid\" refits halls C and D as GB200 NVL72 colocation space (300 racks, 39.6 MW of IT each) with two
// 50 MW_th adiabatic coolers; halls A and B keep mining as the flexible load. \"Full AI\" refits all four
// halls, adds a new 500-rack AI hall (66 MW) on a second, new 150 MVA substation, and six coolers.
// \"Phased hybrid\" is the hybrid with halls C and D mining until the April 2028 halving,
// when their conversions (and the coolers) start.
//
// Figures (prices and rules are Powerplot's defaults; docs/MODEL.md names the source of each):
// - Sites: listed miners' Texas sites have hundreds of MW of interconnect and halls of tens of MW.
// - Approved interconnection: the existing 250 MVA substation as built (Powerplot's default). Anything beyond
//   it needs a new large-load request: 48 months of queue (ERCOT's large-load queue grew from 63 GW at the
//   end of 2024 to about 439 GW in March 2026, against about 9 GW approved to energize), 50 % odds.
// - Miners: S21 200 TH/s at 3.5 kW, S21 XP 270 TH/s at 13.5 J/TH (Bitmain specifications).
// - GB200 NVL72: 120-132 kW a rack (132 kW used), about $3M each; colocation lease $150 per kW of IT per
//   month (Hut 8-Fluidstack about $159, Cipher-Fluidstack about $149).
// - Build: retrofits take 12 months, the new AI hall 15; the AI build premium is the seed's 10x, $3.5M per
//   MW of IT over a $350,000 mining build (miners' new AI buildings ran about 25x in 2025). Capex spent
//   later costs 3 % a year more (an estimate).
// - Hashprice $40 per PH/s per day, halved in April 2028 and April 2032.
//
// What the model says (pre-tax, unlevered, 10 years): \"Stay mining\" earns $63M of EBITDA in its first full
// year, but after the April 2028 halving the S21 halls' revenue no longer covers their power: they switch off
// (33 months) and their fleets are not bought again in January 2031, and the S21 XP hall follows in July 2031.
// Worth NPV $17M (its S21 XPs, bought when the hall comes online, are of their time). \"Hybrid\" is worth
// $571M: the leases carry the site once mining stops paying, and all of it fits the approved 250 MVA. \"Full
// AI\" relies on capacity beyond it: its new 150 MVA substation fits only because this owner already holds an
// approved expansion to 400 MVA (the scenario says so; Core Scientific's Denton site went from 297 to 394 MW
// of access in 2024). It is worth $1.37B on $910M of capex, with first AI revenue in January 2028. Without
// that approval (set \"Approved interconnection\" back to none: the existing 250 MVA) the substation joins the
// queue, is built from January 2031 and comes online only in January 2034: $1.32B if approved, and about the
// same if refused, because the expansion comes too late to pay within the plan. The phased hybrid is worth
// $454M, $116M less than converting at once: halls C and D earn 15 more months of pre-halving mining, but the
// leases start 15 months later and the deferred build costs 3.7 % more. Converting at once wins on this site.
//
// With tax and debt (21 % federal tax after 100 % bonus depreciation; the AI scenarios borrow 80 % of capex at
// 7.75 % on 5-year notes, as Galaxy's Helios facility and TeraWulf's 2030 notes do; Stay mining is funded by
// its owners). Without debt, after tax: Stay mining $11M, Hybrid $440M (IRR 38.8 %), Full AI $1.03B (30.5 %).
// With the debt, the owners' (equity) figures: Hybrid $462M at an equity IRR of 104 % on $57M of their own
// cash at the peak, the debt covered 1.74x or better every year. Full AI $1.11B on $250M of equity, but its
// notes fall due in January 2032, two years after full power (January 2030): the $728M is repaid in 24
// months, and the debt service cover falls to 1.08x in 2030 and 0.87x in 2031, below the lenders' 1.35x
// covenant; the owners must put cash in again in 2031, so its 77 % equity IRR is ambiguous. Without the
// approved expansion it is worse: the notes cannot amortize before full power in 2034, and that year's cover is
// 0.53x. A finding: Full AI needs longer notes, and the approval.
";

const HALL_MINERS: u32 = 12_000; // 42 MW of S21s per hall

fn part(id: u64, tag: KindTag, name: &str, rect: Rect, existing: bool) -> Component {
    let mut c = Component::new(id, tag, name, rect.x, rect.y);
    c.rect = rect;
    c.existing = existing;
    c
}

fn substation(id: u64, name: &str, rect: Rect, mva: f64, existing: bool) -> Component {
    let mut c = part(id, KindTag::Substation, name, rect, existing);
    c.kind = ComponentKind::Substation(Substation { capacity_mva: mva, ..Substation::default() });
    c
}

fn hall(id: u64, name: &str, row: usize, existing: bool) -> Component {
    let mut c = part(id, KindTag::AsicHall, name, Rect::new(260.0, 60.0 + row as f64 * 90.0, 220.0, 60.0), existing);
    if let ComponentKind::AsicHall(h) = &mut c.kind {
        h.miner_count = HALL_MINERS;
        h.cooling = HallCooling::Air;
    }
    c
}

fn ai_pod(id: u64, name: &str, rect: Rect, racks: u32, retrofit: bool) -> Component {
    let mut c = part(id, KindTag::GpuPod, name, rect, false);
    let mut pod = GpuPod { system_count: racks, business: BusinessModel::Colocation, retrofit, ..GpuPod::default() };
    pod.apply_preset(&catalog::GPU_SYSTEMS[2]);
    c.kind = ComponentKind::GpuPod(pod);
    c.lead_time_months = if retrofit { 12 } else { 15 };
    c
}

fn plant(id: u64, name: &str, rect: Rect, mw_th: f64) -> Component {
    let mut c = part(id, KindTag::CoolingPlant, name, rect, false);
    c.kind = ComponentKind::CoolingPlant(CoolingPlant::of_type(CoolingType::AdiabaticDryCooler, mw_th));
    c
}

fn base_site(name: &str) -> Scenario {
    let mut s = Scenario::new(name);
    s.components.push(substation(1, "Main substation (250 MVA)", Rect::new(40.0, 60.0, 120.0, 90.0), 250.0, true));
    s
}

/// Four existing 42 MW air-cooled halls on a 250 MVA interconnect (about 60 MW spare), plus a fifth hall of
/// S21 XPs in the spare capacity.
fn stay_mining() -> Scenario {
    let mut s = base_site("Stay mining");
    for (i, id) in (2..=5).enumerate() {
        s.components.push(hall(id, &format!("Hall {}", (b'A' + i as u8) as char), i, true));
    }
    let mut xp = hall(6, "Hall E (S21 XP)", 4, false);
    if let ComponentKind::AsicHall(h) = &mut xp.kind {
        h.apply_preset(&catalog::MINERS[1]);
        h.miner_count = 14_000;
    }
    s.components.push(xp);
    s
}

/// Halls C and D become GB200 colocation (retrofits); A and B keep mining as the flexible load.
fn hybrid() -> Scenario {
    let mut s = base_site("Hybrid");
    s.components.push(hall(2, "Hall A", 0, true));
    s.components.push(hall(3, "Hall B", 1, true));
    s.components.push(ai_pod(4, "AI pod C (retrofit)", Rect::new(260.0, 240.0, 220.0, 60.0), 300, true));
    s.components.push(ai_pod(5, "AI pod D (retrofit)", Rect::new(260.0, 330.0, 220.0, 60.0), 300, true));
    s.components.push(plant(6, "Adiabatic coolers 1", Rect::new(540.0, 240.0, 90.0, 60.0), 50.0));
    s.components.push(plant(7, "Adiabatic coolers 2", Rect::new(540.0, 330.0, 90.0, 60.0), 50.0));
    s
}

/// The hybrid phased: halls C and D mine until the April 2028 halving (month 15), when their conversions to
/// GB200 colocation start (`converts`); the coolers start then too, so everything comes online together in
/// April 2029.
fn hybrid_phased() -> Scenario {
    const HALVING: u32 = 15;
    let mut s = base_site("Phased hybrid");
    for (i, id) in (2..=5).enumerate() {
        s.components.push(hall(id, &format!("Hall {}", (b'A' + i as u8) as char), i, true));
    }
    for (id, hall_id, name, row) in
        [(6, 4, "AI pod C (converts hall C)", 2.0), (7, 5, "AI pod D (converts hall D)", 3.0)]
    {
        let mut pod = ai_pod(id, name, Rect::new(260.0, 60.0 + row * 90.0, 220.0, 60.0), 300, true);
        pod.build_start_month = HALVING;
        if let ComponentKind::GpuPod(p) = &mut pod.kind {
            p.converts = Some(hall_id);
        }
        s.components.push(pod);
    }
    for (id, name, y) in [(8, "Adiabatic coolers 1", 240.0), (9, "Adiabatic coolers 2", 330.0)] {
        let mut cooler = plant(id, name, Rect::new(540.0, y, 90.0, 60.0), 50.0);
        cooler.build_start_month = HALVING;
        s.components.push(cooler);
    }
    s
}

/// Every hall converted, plus a new greenfield AI building on a second, new substation.
fn full_ai() -> Scenario {
    let mut s = base_site("Full AI");
    for i in 0..4 {
        let name = format!("AI pod {} (retrofit)", (b'A' + i as u8) as char);
        s.components.push(ai_pod(
            2 + i as u64,
            &name,
            Rect::new(260.0, 60.0 + i as f64 * 90.0, 220.0, 60.0),
            300,
            true,
        ));
    }
    s.components.push(ai_pod(6, "AI hall E (new build)", Rect::new(700.0, 60.0, 220.0, 140.0), 500, false));
    s.components.push(substation(7, "Substation 2 (150 MVA, new)", Rect::new(40.0, 200.0, 120.0, 90.0), 150.0, false));
    // The owner holds an approved expansion to 400 MVA (as Core Scientific's Denton site went from 297 to 394
    // MW of access in 2024), so the new substation needs no new large-load request.
    s.assumptions.interconnection_mva = Some(400.0);
    for i in 0..6 {
        let rect = Rect::new(540.0 + (i % 2) as f64 * 100.0, 240.0 + (i / 2) as f64 * 80.0, 90.0, 60.0);
        s.components.push(plant(8 + i as u64, &format!("Adiabatic coolers {}", i + 1), rect, 50.0));
    }
    s
}

/// The AI scenarios borrow as listed miners' conversions do (80 % at 7.75 %, 5-year notes); staying a miner
/// is funded by the owners.
fn project_finance(mut s: Scenario) -> Scenario {
    s.assumptions = PROJECT_FINANCE.applied(&s.assumptions);
    s
}

pub fn demo_project() -> Project {
    Project {
        name: "Permian Basin site".to_string(),
        scenarios: vec![
            stay_mining(),
            project_finance(hybrid()),
            project_finance(full_ai()),
            project_finance(hybrid_phased()),
        ],
    }
}
