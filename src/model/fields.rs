//! One table per struct of every numeric field a planner edits: label, unit, valid range, the source of its
//! default, and how to read and write it. Validation and the inspector both read these tables, so a range
//! or a source is written once.

use super::assumptions::Assumptions;
use super::component::{AsicHall, Component, CoolingPlant, GasTurbine, GpuPod, Substation};

/// Largest count of miners or systems in one component; far above any real hall, small enough to keep
/// every sum finite and fast.
pub const MAX_COUNT: f64 = 10_000_000.0;
/// Largest price or cost per unit accepted anywhere.
pub const MAX_PRICE: f64 = 1.0e12;

#[derive(Debug, Clone, Copy)]
pub struct NumField<T: 'static> {
    /// The name used in files and messages.
    pub key: &'static str,
    pub label: &'static str,
    pub unit: &'static str,
    pub min: f64,
    pub max: f64,
    /// Whole numbers only (counts, months).
    pub integer: bool,
    /// Where the default comes from, shown as a tooltip.
    pub source: &'static str,
    pub get: fn(&T) -> f64,
    pub set: fn(&mut T, f64),
}

impl<T> NumField<T> {
    pub fn in_range(&self, value: f64) -> bool {
        value.is_finite() && value >= self.min && value <= self.max && (!self.integer || value.fract() == 0.0)
    }

    /// "0 to 1", "1 to 100" etc. for messages and tooltips.
    pub fn range_text(&self) -> String {
        let whole = if self.integer { " (whole number)" } else { "" };
        format!("{} to {}{}", trim_number(self.min), trim_number(self.max), whole)
    }
}

fn trim_number(v: f64) -> String {
    if v.abs() >= 1.0e6 && v.fract() == 0.0 { format!("{v:e}") } else { format!("{v}") }
}

macro_rules! field {
    ($t:ty, $key:literal, $label:literal, $unit:literal, $min:expr, $max:expr, $int:expr, $src:expr, $($path:ident).+) => {
        NumField::<$t> {
            key: $key,
            label: $label,
            unit: $unit,
            min: $min,
            max: $max,
            integer: $int,
            source: $src,
            get: |s: &$t| s.$($path).+ as f64,
            set: |s: &mut $t, v: f64| s.$($path).+ = v as _,
        }
    };
}
pub(crate) use field;

pub const COMPONENT_FIELDS: &[NumField<Component>] = &[
    field!(
        Component,
        "lead_time_months",
        "Lead time",
        "months",
        0.0,
        240.0,
        true,
        "New builds: ASIC hall 6, GPU pod 15 (12 as a retrofit), substation 36 (large transformers averaged 128 weeks in 2025), cooling plant 12, gas turbine 12. Permitting comes on top when permits are not in hand.",
        lead_time_months
    ),
    field!(
        Component,
        "build_start_month",
        "Build start",
        "month",
        0.0,
        240.0,
        true,
        "0: construction starts at the project start. A later start phases the build: its capex is spent then (escalated), and it comes online a lead time later. Ignored for existing parts. For a substation that needs a grid request, the month of the request.",
        build_start_month
    ),
    field!(Component, "x", "X", "m", -1.0e6, 1.0e6, false, "Position of the left edge on the site plan", rect.x),
    field!(Component, "y", "Y", "m", -1.0e6, 1.0e6, false, "Position of the top edge on the site plan", rect.y),
    field!(Component, "w", "Width", "m", 1.0, 1.0e5, false, "Footprint width", rect.w),
    field!(Component, "h", "Depth", "m", 1.0, 1.0e5, false, "Footprint depth", rect.h),
];

pub const ASIC_HALL_FIELDS: &[NumField<AsicHall>] = &[
    field!(AsicHall, "miner_count", "Miners", "", 0.0, MAX_COUNT, true, "1,000 miners by default", miner_count),
    field!(
        AsicHall,
        "miner_th_s",
        "Hashrate per miner",
        "TH/s",
        0.0,
        100_000.0,
        false,
        "Antminer S21: 200 TH/s (manufacturer specification)",
        miner_th_s
    ),
    field!(
        AsicHall,
        "miner_kw",
        "Power per miner",
        "kW",
        0.0,
        1_000.0,
        false,
        "Antminer S21: 3.50 kW, 17.5 J/TH (manufacturer specification)",
        miner_kw
    ),
    field!(
        AsicHall,
        "miner_price_usd_per_th",
        "Miner price",
        "$/TH/s",
        0.0,
        10_000.0,
        false,
        "$15 per TH/s; ASIC price index range $10-20/TH for machines under 25 J/TH (inferred from Hashrate Index reporting)",
        miner_price_usd_per_th
    ),
    field!(
        AsicHall,
        "miner_life_years",
        "Miner life",
        "years",
        0.5,
        40.0,
        false,
        "4 years, then replaced at the same price when hardware refresh is on",
        miner_life_years
    ),
    field!(
        AsicHall,
        "overhead",
        "Hall overhead",
        "fraction of IT",
        0.0,
        1.0,
        false,
        "Air 0.05, hydro 0.03, immersion 0.02: hall fans, lighting, controls (miner fans are in the miner's rated power)",
        overhead
    ),
    field!(AsicHall, "uptime", "Uptime", "fraction", 0.0, 1.0, false, "0.97: curtailment and maintenance", uptime),
];

pub const GPU_POD_FIELDS: &[NumField<GpuPod>] = &[
    field!(GpuPod, "system_count", "Systems", "", 0.0, MAX_COUNT, true, "100 systems by default", system_count),
    field!(
        GpuPod,
        "gpus_per_system",
        "GPUs per system",
        "",
        1.0,
        1_000.0,
        true,
        "HGX H100 and B200: 8; GB200 NVL72 rack: 72",
        gpus_per_system
    ),
    field!(
        GpuPod,
        "system_kw",
        "Power per system",
        "kW",
        0.0,
        10_000.0,
        false,
        "HGX H100 10.2 kW; DGX B200 14.3 kW; GB200 NVL72 120-132 kW",
        system_kw
    ),
    field!(
        GpuPod,
        "system_price_usd",
        "System price",
        "$",
        0.0,
        MAX_PRICE,
        false,
        "H100 node with InfiniBand quoted $310-317k (2024); B200 inferred from about $40k per GPU; NVL72 about $3M (widely quoted estimate)",
        system_price_usd
    ),
    field!(
        GpuPod,
        "lease_usd_per_kw_month",
        "Colocation lease",
        "$/kW-month",
        0.0,
        100_000.0,
        false,
        "$150 per kW of IT per month; 2024-25 deals: Core Scientific-CoreWeave about $121, Applied Digital-CoreWeave about $153, Hut 8-Fluidstack about $159, Cipher-Fluidstack about $149",
        lease_usd_per_kw_month
    ),
    field!(
        GpuPod,
        "lease_escalator",
        "Lease escalator",
        "per year",
        0.0,
        1.0,
        false,
        "3 % a year, as in the Hut 8-Fluidstack lease",
        lease_escalator
    ),
    field!(
        GpuPod,
        "gpu_hour_price_usd",
        "GPU-hour price",
        "$/GPU-hour",
        0.0,
        1_000.0,
        false,
        "H100 $2.35 (one-year contracts $1.70-2.35 in 2025-26); B200 $3.50 and GB200 $4.00 inferred",
        gpu_hour_price_usd
    ),
    field!(
        GpuPod,
        "gpu_price_decline",
        "GPU-hour price decline",
        "per year",
        0.0,
        1.0,
        false,
        "10 % a year as newer GPUs arrive",
        gpu_price_decline
    ),
    field!(
        GpuPod,
        "utilization",
        "GPU utilization",
        "fraction",
        0.0,
        1.0,
        false,
        "0.80 of GPU-hours sold (GPU cloud only)",
        utilization
    ),
    field!(
        GpuPod,
        "life_years",
        "GPU life",
        "years",
        0.5,
        40.0,
        false,
        "5 years, then replaced at the same price when hardware refresh is on",
        life_years
    ),
    field!(
        GpuPod,
        "overhead",
        "Pod overhead",
        "fraction of IT",
        0.0,
        1.0,
        false,
        "0.08: UPS and electrical losses, lighting, coolant distribution units",
        overhead
    ),
    field!(GpuPod, "uptime", "Uptime", "fraction", 0.0, 1.0, false, "0.99", uptime),
];

pub const SUBSTATION_FIELDS: &[NumField<Substation>] = &[
    field!(Substation, "capacity_mva", "Capacity", "MVA", 0.0, 100_000.0, false, "100 MVA", capacity_mva),
    field!(
        Substation,
        "power_factor",
        "Power factor",
        "",
        0.01,
        1.0,
        false,
        "0.95, so 100 MVA gives 95 MW usable",
        power_factor
    ),
    field!(
        Substation,
        "loss_ratio",
        "Losses",
        "fraction of power drawn",
        0.0,
        0.5,
        false,
        "0.01: transformers and distribution",
        loss_ratio
    ),
    field!(
        Substation,
        "capex_usd_per_mva",
        "Capex",
        "$/MVA",
        0.0,
        MAX_PRICE,
        false,
        "$300,000 per MVA, an editable estimate: a dedicated 100-300 MVA substation is quoted at $50-150M (weak public data)",
        capex_usd_per_mva
    ),
    field!(
        Substation,
        "transformers",
        "Main transformers",
        "",
        1.0,
        20.0,
        true,
        "2: large substations have two or more main transformers sharing the capacity; N+1 loses one",
        transformers
    ),
];

pub const COOLING_PLANT_FIELDS: &[NumField<CoolingPlant>] = &[
    field!(CoolingPlant, "capacity_mw_th", "Capacity", "MW_th", 0.0, 100_000.0, false, "50 MW_th", capacity_mw_th),
    field!(
        CoolingPlant,
        "parasitic_ratio",
        "Parasitic power",
        "MW_e per MW_th",
        0.0,
        1.0,
        false,
        "Dry 0.04, adiabatic 0.03, evaporative tower 0.06, chiller plant 0.20",
        parasitic_ratio
    ),
    field!(
        CoolingPlant,
        "water_l_per_kwh",
        "Water use",
        "L per kWh_th",
        0.0,
        10.0,
        false,
        "WUE ranges: dry 0-0.05, adiabatic 0.10-0.40, towers 1.2-2.0 L/kWh",
        water_l_per_kwh
    ),
    field!(
        CoolingPlant,
        "capex_usd_per_mw_th",
        "Capex",
        "$/MW_th",
        0.0,
        MAX_PRICE,
        false,
        "Dry $350k, adiabatic $450k, evaporative tower $300k, chiller plant $900k per MW_th",
        capex_usd_per_mw_th
    ),
    field!(
        CoolingPlant,
        "units",
        "Units",
        "",
        1.0,
        100.0,
        true,
        "4: a plant is a bank of coolers or chillers sharing the capacity; N+1 loses one",
        units
    ),
];

pub const GAS_TURBINE_FIELDS: &[NumField<GasTurbine>] = &[
    field!(GasTurbine, "capacity_mw", "Capacity", "MW", 0.0, 100_000.0, false, "30 MW", capacity_mw),
    field!(
        GasTurbine,
        "capex_usd_per_mw",
        "Capex",
        "$/MW",
        0.0,
        MAX_PRICE,
        false,
        "$1,500,000 per MW, an estimate: turbine prices rose with data-center demand in 2025-26",
        capex_usd_per_mw
    ),
    field!(
        GasTurbine,
        "energy_cost_usd_per_mwh",
        "Fuel and O&M",
        "$/MWh",
        0.0,
        100_000.0,
        false,
        "$35/MWh: heat rate about 9.5 MMBtu/MWh at $3/MMBtu plus O&M",
        energy_cost_usd_per_mwh
    ),
];

/// A market check for the AI build premium (MODEL.md "facility capex"): the multiple of mining facility capex
/// and the deal it comes from, offered as presets beside the premium so a plan's premium can be compared
/// with recent builds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PremiumCheck {
    pub multiple: f64,
    pub label: &'static str,
    pub source: &'static str,
}

pub const PREMIUM_MARKET_CHECKS: [PremiumCheck; 3] = [
    PremiumCheck { multiple: 10.0, label: "seed", source: "the seed's AI-ready build at about 10x a mining facility" },
    PremiumCheck {
        multiple: 25.0,
        label: "miners' AI buildings 2025",
        source: "new AI buildings at miners' sites, 2025: $8-11M/MW (TeraWulf, Cipher)",
    },
    PremiumCheck {
        multiple: 33.0,
        label: "greenfield average",
        source: "greenfield average $11.7M/MW (Cushman & Wakefield 2025)",
    },
];

pub const ASSUMPTION_FIELDS: &[NumField<Assumptions>] = &[
    field!(Assumptions, "horizon_years", "Horizon", "years", 1.0, 40.0, true, "10 years", horizon_years),
    field!(Assumptions, "discount_rate", "Discount rate", "per year", 0.0, 1.0, false, "10 % a year", discount_rate),
    field!(
        Assumptions,
        "power_price_usd_per_mwh",
        "Power price",
        "$/MWh",
        0.0,
        10_000.0,
        false,
        "$45/MWh; miners pay 1.8-8 cents/kWh, 4-5 cents is typical",
        power_price_usd_per_mwh
    ),
    field!(
        Assumptions,
        "water_price_usd_per_m3",
        "Water price",
        "$/m3",
        0.0,
        1_000.0,
        false,
        "$2.00 per m3",
        water_price_usd_per_m3
    ),
    field!(
        Assumptions,
        "hashprice_usd_per_ph_day",
        "Hashprice",
        "$/PH/s/day",
        0.0,
        100_000.0,
        false,
        "$40 per PH/s per day; recent range $35-50, a five-year low of about $38 was reported",
        hashprice_usd_per_ph_day
    ),
    field!(
        Assumptions,
        "hashprice_decline",
        "Hashprice decline",
        "per year",
        0.0,
        1.0,
        false,
        "10 % a year: difficulty growth net of the bitcoin price",
        hashprice_decline
    ),
    field!(Assumptions, "pool_fee", "Pool fee", "fraction", 0.0, 1.0, false, "2 %", pool_fee),
    field!(
        Assumptions,
        "ai_build_premium",
        "AI build premium",
        "x mining capex",
        1.0,
        100.0,
        false,
        "10x: the seed's figure, an AI-ready build at about 10x a mining facility. Market checks: new AI buildings at miners' sites 2025 about 25x ($8-11M/MW: TeraWulf, Cipher); greenfield average about 33x ($11.7M/MW, Cushman & Wakefield 2025)",
        ai_build_premium
    ),
    field!(
        Assumptions,
        "mining_facility_capex_usd_per_mw",
        "Mining facility capex",
        "$/MW of IT",
        0.0,
        MAX_PRICE,
        false,
        "$350,000 per MW: crypto-mining builds $0.30-0.35M/MW (Sabre56); Applied Digital Ellendale about $0.56M/MW",
        mining_facility_capex_usd_per_mw
    ),
    field!(
        Assumptions,
        "permitting_months",
        "Permitting time",
        "months",
        0.0,
        240.0,
        true,
        "36 months added to every new component when permits are not in hand",
        permitting_months
    ),
    field!(
        Assumptions,
        "fixed_om",
        "Fixed O&M",
        "of non-hardware capex per year",
        0.0,
        1.0,
        false,
        "2 % a year",
        fixed_om
    ),
    field!(
        Assumptions,
        "household_power_kwh_per_year",
        "Household power use",
        "kWh/year",
        1.0,
        1.0e6,
        false,
        "10,700 kWh a year, average US household (EIA)",
        household_power_kwh_per_year
    ),
    field!(
        Assumptions,
        "household_water_gal_per_day",
        "Household water use",
        "US gal/day",
        1.0,
        1.0e6,
        false,
        "300 gallons a day, average US family (EPA WaterSense)",
        household_water_gal_per_day
    ),
    field!(
        Assumptions,
        "miner_efficiency_gain",
        "Miner efficiency gain",
        "per year",
        0.0,
        0.5,
        false,
        "10 % a year (conservative): J/TH fell from 21.5 (S19 XP, 2022) to 17.5 (S21, 2023) and 13.5 (S21 XP, 2024), about 20 % a year; a refreshed fleet has more TH/s at the same power and price",
        miner_efficiency_gain
    ),
    field!(
        Assumptions,
        "curtailment_share",
        "Curtailment share",
        "fraction of hours",
        0.0,
        0.5,
        false,
        "0 by default; Texas miners switch off 2-8 % of hours for price or grid events",
        curtailment_share
    ),
    field!(
        Assumptions,
        "curtailment_value_usd_per_mwh",
        "Curtailment value",
        "$/MWh curtailed",
        0.0,
        10_000.0,
        false,
        "$230/MWh: Riot Platforms booked $71.2M of power and demand-response credits in 2023, about $230 per MWh over a curtailed 5 % of 700 MW",
        curtailment_value_usd_per_mwh
    ),
    field!(
        Assumptions,
        "transmission_charge_usd_per_kw_year",
        "Transmission charge",
        "$/kW-year of peak",
        0.0,
        10_000.0,
        false,
        "$0 by default; ERCOT four-coincident-peak (4CP) sites pay about $50-150 per kW of peak demand a year (nfmconsulting)",
        transmission_charge_usd_per_kw_year
    ),
    field!(
        Assumptions,
        "max_density_hall_air_kw_per_m2",
        "Max density, air hall",
        "kW/m2",
        0.1,
        1_000.0,
        false,
        "40 kW/m2: a 40-foot mining container packs about 1 MW in 30 m2; typical mining halls run 2-3 kW/m2",
        max_density_hall_air_kw_per_m2
    ),
    field!(
        Assumptions,
        "max_density_hall_liquid_kw_per_m2",
        "Max density, hydro/immersion hall",
        "kW/m2",
        0.1,
        1_000.0,
        false,
        "80 kW/m2: liquid-cooled miners pack about twice as densely as air-cooled ones",
        max_density_hall_liquid_kw_per_m2
    ),
    field!(
        Assumptions,
        "max_density_gpu_pod_kw_per_m2",
        "Max density, GPU pod",
        "kW/m2",
        0.1,
        1_000.0,
        false,
        "60 kW/m2: a GB200 NVL72 rack is 132 kW on about 3 m2 with its aisle, before plant rooms",
        max_density_gpu_pod_kw_per_m2
    ),
    field!(
        Assumptions,
        "debt_share",
        "Debt share",
        "fraction of capex",
        0.0,
        0.95,
        false,
        "0 (all equity); 0.7-0.85 is typical for leased AI capacity: Galaxy's Helios 80 % of cost, Hut 8 up to 85 %",
        debt_share
    ),
    field!(
        Assumptions,
        "debt_rate",
        "Debt rate",
        "per year",
        0.0,
        0.5,
        false,
        "8 % a year: TeraWulf 7.75 % senior secured notes due 2030, Cipher 7.125 %, the TeraWulf/Fluidstack JV's 8.0 % notes",
        debt_rate
    ),
    field!(
        Assumptions,
        "debt_tenor_years",
        "Debt tenor",
        "years",
        0.5,
        40.0,
        false,
        "5 years: TeraWulf's and Cipher's notes issued in 2025 are due in 2030",
        debt_tenor_years
    ),
    field!(
        Assumptions,
        "interest_only_months",
        "Interest-only period",
        "months",
        0.0,
        240.0,
        true,
        "12 months of interest only while the build finishes (TeraWulf: no amortization until each building is complete)",
        interest_only_months
    ),
    field!(
        Assumptions,
        "exit_multiple",
        "Exit multiple",
        "x last 12 months' EBITDA",
        0.0,
        50.0,
        false,
        "0 (no terminal value); data-center platforms have traded at 20x and more, a cautious plan uses 8-12x (estimate)",
        exit_multiple
    ),
    field!(
        Assumptions,
        "tax_rate",
        "Tax rate",
        "of taxable income",
        0.0,
        0.6,
        false,
        "21 %: US federal corporate rate (state taxes not modelled; raise it to include them)",
        tax_rate
    ),
    field!(
        Assumptions,
        "building_share",
        "Building share",
        "of facility capex",
        0.0,
        1.0,
        false,
        "0.5: cost-segregation studies move 45-60 % of a facility's basis to shorter classes",
        building_share
    ),
    field!(
        Assumptions,
        "dscr_covenant",
        "DSCR covenant",
        "x debt service",
        0.0,
        10.0,
        false,
        "1.35x: data-center securitizations trap cash below a 1.35x debt service coverage ratio (DataBank 2023-1)",
        dscr_covenant
    ),
    field!(
        Assumptions,
        "interconnection_queue_months",
        "Interconnection queue",
        "months",
        0.0,
        240.0,
        true,
        "48 months from a new large-load request to an approval that lets construction start: ERCOT's large-load queue grew from 63 GW (end 2024) to about 439 GW (March 2026) against about 9 GW approved to energize; developers are told to plan 24-36+ months site to power. Lower it for a request already in the queue",
        interconnection_queue_months
    ),
    field!(
        Assumptions,
        "interconnection_approval_probability",
        "Approval probability",
        "of a request",
        0.0,
        1.0,
        false,
        "0.5: a judgment, not a statistic. Of ERCOT's ~439 GW of large-load requests about 9 GW were approved to energize, but most requests are speculative; an operating miner asking for less is likelier to get it",
        interconnection_approval_probability
    ),
    field!(
        Assumptions,
        "network_upgrade_usd_per_kw",
        "Network upgrade charge",
        "$/kW beyond the approval",
        0.0,
        10_000.0,
        false,
        "0: site-specific; the utility's charge for network upgrades beyond the approval (Texas' 2025 SB 6 moves such costs towards large loads)",
        network_upgrade_usd_per_kw
    ),
    field!(
        Assumptions,
        "capex_escalation",
        "Capex escalation",
        "per year",
        0.0,
        0.5,
        false,
        "3 % a year (estimate): construction and electrical equipment costs rose faster than that in 2021-25; large transformers' prices rose by well over half. Facility, substation, cooling and turbine capex spent in month t costs (1 + escalation)^(t/12) more",
        capex_escalation
    ),
];

/// Range of the optional approved interconnection, MVA (none: the existing substations' sum).
pub const INTERCONNECTION_MVA_RANGE: (f64, f64) = (0.0, 100_000.0);
/// Range of a component's optional retirement month.
pub const RETIRE_MONTH_RANGE: (f64, f64) = (1.0, 480.0);

/// Range of the optional site water allowance.
pub const WATER_LIMIT_RANGE: (f64, f64) = (0.0, 1.0e9);
/// The best mix's capital budget, USD (`Assumptions::capital_budget_usd`).
pub const CAPITAL_BUDGET_RANGE: (f64, f64) = (0.0, 1.0e13);
