//! A scenario's risk settings (`assumptions.risk`): how many draws, the seed, and each uncertain input's
//! switch and spread (MODEL.md "Risk (Monte Carlo)"). Older files have none and load with the defaults.

use serde::{Deserialize, Serialize};

use crate::model::fields::{NumField, field};
use crate::model::validate::ValidationError;

/// A log-price that wanders around the base path and is pulled back towards it (MODEL.md "Walks").
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WalkInput {
    pub on: bool,
    /// Volatility of the log-price, per square root of a year.
    pub sigma: f64,
    /// Years for a deviation from the base path to halve; 0 means a plain random walk (no pull back).
    pub half_life_years: f64,
}

/// A triangular distribution by its corners; for the multiplicative inputs the mode is the base case (1.0).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Triangle {
    pub low: f64,
    pub mode: f64,
    pub high: f64,
}

/// A multiplier drawn from a triangle, with its switch.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TriangleInput {
    #[serde(default = "on")]
    pub on: bool,
    pub low: f64,
    pub mode: f64,
    pub high: f64,
}

impl TriangleInput {
    pub const fn new(low: f64, mode: f64, high: f64) -> Self {
        TriangleInput { on: true, low, mode, high }
    }

    pub fn triangle(&self) -> Triangle {
        Triangle { low: self.low, mode: self.mode, high: self.high }
    }
}

/// Lead-time and permitting multipliers: one switch for the whole row.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ScheduleInput {
    pub on: bool,
    /// Each new substation's lead time (large transformers slip most).
    pub substation: Triangle,
    /// Each other new component's lead time.
    pub other: Triangle,
    /// Permitting months, when permits are not in hand (one draw per scenario).
    pub permitting: Triangle,
    /// The interconnection queue's months (one draw per scenario); the approval is drawn beside it.
    pub queue: Triangle,
}

/// GPU utilization: triangular(u - below, u, min(1, u + above)) around each GPU-cloud pod's own u.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct UtilizationInput {
    pub on: bool,
    pub below: f64,
    pub above: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RiskSettings {
    pub draws: u32,
    pub seed: u64,
    pub hashprice: WalkInput,
    pub gpu_price: WalkInput,
    pub lease: TriangleInput,
    pub power_price: TriangleInput,
    pub ai_premium: TriangleInput,
    pub schedule: ScheduleInput,
    pub utilization: UtilizationInput,
}

fn on() -> bool {
    true
}

pub const DEFAULT_DRAWS: u32 = 2_000;
pub const MIN_DRAWS: u32 = 100;
pub const MAX_DRAWS: u32 = 100_000;

impl Default for WalkInput {
    fn default() -> Self {
        WalkInput { on: true, sigma: 0.50, half_life_years: 2.0 }
    }
}

impl Default for ScheduleInput {
    fn default() -> Self {
        ScheduleInput {
            on: true,
            substation: Triangle { low: 0.9, mode: 1.0, high: 1.6 },
            other: Triangle { low: 0.9, mode: 1.0, high: 1.3 },
            permitting: Triangle { low: 0.75, mode: 1.0, high: 1.5 },
            queue: Triangle { low: 0.75, mode: 1.0, high: 2.0 },
        }
    }
}

impl Default for UtilizationInput {
    fn default() -> Self {
        UtilizationInput { on: true, below: 0.20, above: 0.05 }
    }
}

impl Default for RiskSettings {
    fn default() -> Self {
        RiskSettings {
            draws: DEFAULT_DRAWS,
            seed: 1,
            hashprice: WalkInput::default(),
            gpu_price: WalkInput { on: true, sigma: 0.30, half_life_years: 2.0 },
            lease: TriangleInput::new(0.70, 1.0, 1.10),
            power_price: TriangleInput::new(0.80, 1.0, 1.40),
            ai_premium: TriangleInput::new(0.90, 1.0, 2.50),
            schedule: ScheduleInput::default(),
            utilization: UtilizationInput::default(),
        }
    }
}

/// One of the seven uncertain inputs, as a planner names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RiskInput {
    Hashprice,
    GpuPrice,
    Lease,
    PowerPrice,
    AiPremium,
    Schedule,
    Utilization,
}

impl RiskInput {
    pub const ALL: [RiskInput; 7] = [
        RiskInput::Hashprice,
        RiskInput::GpuPrice,
        RiskInput::Lease,
        RiskInput::PowerPrice,
        RiskInput::AiPremium,
        RiskInput::Schedule,
        RiskInput::Utilization,
    ];

    /// The input in words, as the Risk tab lists it.
    pub fn label(self) -> &'static str {
        match self {
            RiskInput::Hashprice => "the hashprice path",
            RiskInput::GpuPrice => "the GPU-hour price path",
            RiskInput::Lease => "the colocation lease",
            RiskInput::PowerPrice => "the power price",
            RiskInput::AiPremium => "the AI build premium",
            RiskInput::Schedule => "the schedule (lead times, permits, queue, approval)",
            RiskInput::Utilization => "GPU-cloud utilization",
        }
    }
}

impl RiskSettings {
    /// Whether `input` is drawn (else it keeps its base value).
    pub fn is_on(&self, input: RiskInput) -> bool {
        match input {
            RiskInput::Hashprice => self.hashprice.on,
            RiskInput::GpuPrice => self.gpu_price.on,
            RiskInput::Lease => self.lease.on,
            RiskInput::PowerPrice => self.power_price.on,
            RiskInput::AiPremium => self.ai_premium.on,
            RiskInput::Schedule => self.schedule.on,
            RiskInput::Utilization => self.utilization.on,
        }
    }

    /// The switch of `input`.
    pub fn switch(&mut self, input: RiskInput) -> &mut bool {
        match input {
            RiskInput::Hashprice => &mut self.hashprice.on,
            RiskInput::GpuPrice => &mut self.gpu_price.on,
            RiskInput::Lease => &mut self.lease.on,
            RiskInput::PowerPrice => &mut self.power_price.on,
            RiskInput::AiPremium => &mut self.ai_premium.on,
            RiskInput::Schedule => &mut self.schedule.on,
            RiskInput::Utilization => &mut self.utilization.on,
        }
    }

    /// Every input switched off: each draw is the base case.
    pub fn all_off(&self) -> RiskSettings {
        let mut s = self.clone();
        s.set_all(false);
        s
    }

    pub fn set_all(&mut self, on: bool) {
        self.hashprice.on = on;
        self.gpu_price.on = on;
        self.lease.on = on;
        self.power_price.on = on;
        self.ai_premium.on = on;
        self.schedule.on = on;
        self.utilization.on = on;
    }

    /// Problems with the settings, each naming the field, the value and the valid range.
    pub fn validation_errors(&self, location: &str) -> Vec<ValidationError> {
        let location = format!("{location}, risk");
        let mut errors: Vec<ValidationError> = RISK_FIELDS
            .iter()
            .filter(|f| !f.in_range((f.get)(self)))
            .map(|f| ValidationError {
                location: location.clone(),
                field: f.key.to_string(),
                value: show((f.get)(self)),
                range: f.range_text(),
            })
            .collect();
        for (key, t) in self.triangles() {
            if !(t.low <= t.mode && t.mode <= t.high) {
                errors.push(ValidationError {
                    location: location.clone(),
                    field: key.to_string(),
                    value: format!("low {}, mode {}, high {}", show(t.low), show(t.mode), show(t.high)),
                    range: "low <= mode <= high".to_string(),
                });
            }
        }
        errors
    }

    fn triangles(&self) -> [(&'static str, Triangle); 7] {
        [
            ("lease", self.lease.triangle()),
            ("power_price", self.power_price.triangle()),
            ("ai_premium", self.ai_premium.triangle()),
            ("schedule.substation", self.schedule.substation),
            ("schedule.other", self.schedule.other),
            ("schedule.permitting", self.schedule.permitting),
            ("schedule.queue", self.schedule.queue),
        ]
    }
}

fn show(v: f64) -> String {
    if v.is_nan() { "not a number".to_string() } else { format!("{v}") }
}

const MULT_MAX: f64 = 10.0;
const SIGMA_MAX: f64 = 3.0;
const HALF_LIFE_MAX: f64 = 50.0;
/// The largest seed a project file stores.
pub const SEED_MAX: f64 = 1.0e9;

/// Every numeric risk setting with its range and source; validation, the inspector and the docs read it.
pub const RISK_FIELDS: &[NumField<RiskSettings>] = &[
    field!(
        RiskSettings,
        "draws",
        "Draws",
        "",
        MIN_DRAWS as f64,
        MAX_DRAWS as f64,
        true,
        "2,000 draws: the Monte Carlo standard error of the mean NPV is shown beside it",
        draws
    ),
    field!(
        RiskSettings,
        "seed",
        "Seed",
        "",
        0.0,
        SEED_MAX,
        true,
        "The same file, draws and seed give the same results",
        seed
    ),
    field!(
        RiskSettings,
        "hashprice.sigma",
        "Hashprice volatility",
        "per sqrt(year)",
        0.0,
        SIGMA_MAX,
        false,
        "0.50: bitcoin's one-year realized volatility was about 46 % (40-55 % in 2023-24, spikes near 70 %); hashprice fell from $49 (March 2025) to below $35 (late 2025)",
        hashprice.sigma
    ),
    field!(
        RiskSettings,
        "hashprice.half_life_years",
        "Hashprice half-life",
        "years",
        0.0,
        HALF_LIFE_MAX,
        false,
        "2 years: difficulty adjusts (miners join when hashprice is high and leave when it is low), so a deviation fades; 0 is a plain random walk",
        hashprice.half_life_years
    ),
    field!(
        RiskSettings,
        "gpu_price.sigma",
        "GPU-hour price volatility",
        "per sqrt(year)",
        0.0,
        SIGMA_MAX,
        false,
        "0.30: H100 one-year contracts went from $1.70 (October 2025) to $2.35 (March 2026)",
        gpu_price.sigma
    ),
    field!(
        RiskSettings,
        "gpu_price.half_life_years",
        "GPU-hour price half-life",
        "years",
        0.0,
        HALF_LIFE_MAX,
        false,
        "2 years; 0 is a plain random walk",
        gpu_price.half_life_years
    ),
    field!(RiskSettings, "lease.low", "Lease low", "x lease", 0.0, MULT_MAX, false, LEASE_SOURCE, lease.low),
    field!(RiskSettings, "lease.mode", "Lease mode", "x lease", 0.0, MULT_MAX, false, LEASE_SOURCE, lease.mode),
    field!(RiskSettings, "lease.high", "Lease high", "x lease", 0.0, MULT_MAX, false, LEASE_SOURCE, lease.high),
    field!(
        RiskSettings,
        "power_price.low",
        "Power price low",
        "x price",
        0.0,
        MULT_MAX,
        false,
        POWER_SOURCE,
        power_price.low
    ),
    field!(
        RiskSettings,
        "power_price.mode",
        "Power price mode",
        "x price",
        0.0,
        MULT_MAX,
        false,
        POWER_SOURCE,
        power_price.mode
    ),
    field!(
        RiskSettings,
        "power_price.high",
        "Power price high",
        "x price",
        0.0,
        MULT_MAX,
        false,
        POWER_SOURCE,
        power_price.high
    ),
    field!(
        RiskSettings,
        "ai_premium.low",
        "AI premium low",
        "x premium",
        0.0,
        MULT_MAX,
        false,
        PREMIUM_SOURCE,
        ai_premium.low
    ),
    field!(
        RiskSettings,
        "ai_premium.mode",
        "AI premium mode",
        "x premium",
        0.0,
        MULT_MAX,
        false,
        PREMIUM_SOURCE,
        ai_premium.mode
    ),
    field!(
        RiskSettings,
        "ai_premium.high",
        "AI premium high",
        "x premium",
        0.0,
        MULT_MAX,
        false,
        PREMIUM_SOURCE,
        ai_premium.high
    ),
    field!(
        RiskSettings,
        "schedule.substation.low",
        "Substation lead low",
        "x lead time",
        0.0,
        MULT_MAX,
        false,
        SUBSTATION_SOURCE,
        schedule.substation.low
    ),
    field!(
        RiskSettings,
        "schedule.substation.mode",
        "Substation lead mode",
        "x lead time",
        0.0,
        MULT_MAX,
        false,
        SUBSTATION_SOURCE,
        schedule.substation.mode
    ),
    field!(
        RiskSettings,
        "schedule.substation.high",
        "Substation lead high",
        "x lead time",
        0.0,
        MULT_MAX,
        false,
        SUBSTATION_SOURCE,
        schedule.substation.high
    ),
    field!(
        RiskSettings,
        "schedule.other.low",
        "Other lead low",
        "x lead time",
        0.0,
        MULT_MAX,
        false,
        SCHEDULE_SOURCE,
        schedule.other.low
    ),
    field!(
        RiskSettings,
        "schedule.other.mode",
        "Other lead mode",
        "x lead time",
        0.0,
        MULT_MAX,
        false,
        SCHEDULE_SOURCE,
        schedule.other.mode
    ),
    field!(
        RiskSettings,
        "schedule.other.high",
        "Other lead high",
        "x lead time",
        0.0,
        MULT_MAX,
        false,
        SCHEDULE_SOURCE,
        schedule.other.high
    ),
    field!(
        RiskSettings,
        "schedule.permitting.low",
        "Permitting low",
        "x months",
        0.0,
        MULT_MAX,
        false,
        SCHEDULE_SOURCE,
        schedule.permitting.low
    ),
    field!(
        RiskSettings,
        "schedule.permitting.mode",
        "Permitting mode",
        "x months",
        0.0,
        MULT_MAX,
        false,
        SCHEDULE_SOURCE,
        schedule.permitting.mode
    ),
    field!(
        RiskSettings,
        "schedule.permitting.high",
        "Permitting high",
        "x months",
        0.0,
        MULT_MAX,
        false,
        SCHEDULE_SOURCE,
        schedule.permitting.high
    ),
    field!(
        RiskSettings,
        "schedule.queue.low",
        "Queue low",
        "x months",
        0.0,
        MULT_MAX,
        false,
        QUEUE_SOURCE,
        schedule.queue.low
    ),
    field!(
        RiskSettings,
        "schedule.queue.mode",
        "Queue mode",
        "x months",
        0.0,
        MULT_MAX,
        false,
        QUEUE_SOURCE,
        schedule.queue.mode
    ),
    field!(
        RiskSettings,
        "schedule.queue.high",
        "Queue high",
        "x months",
        0.0,
        MULT_MAX,
        false,
        QUEUE_SOURCE,
        schedule.queue.high
    ),
    field!(
        RiskSettings,
        "utilization.below",
        "Utilization below",
        "fraction",
        0.0,
        1.0,
        false,
        "0.20 below each GPU-cloud pod's utilization (triangle mode)",
        utilization.below
    ),
    field!(
        RiskSettings,
        "utilization.above",
        "Utilization above",
        "fraction",
        0.0,
        1.0,
        false,
        "0.05 above it, capped at 1",
        utilization.above
    ),
];

const LEASE_SOURCE: &str = "0.70 / 1.0 / 1.10 x the pod's lease at signing: miners' hyperscale leases $104-159 per kW-month; CBRE wholesale $184";
const POWER_SOURCE: &str = "0.80 / 1.0 / 1.40 x the grid power price (turbines keep their own price)";
const PREMIUM_SOURCE: &str = "0.90 / 1.0 / 2.50 x the AI build premium, skewed up: new AI buildings at miners' sites cost $8-11M/MW in 2025 (TeraWulf, Cipher); never below 1";
const SUBSTATION_SOURCE: &str =
    "0.9 / 1.0 / 1.6 x each new substation's lead time: transformers 115-210 weeks (Wood Mackenzie)";
const QUEUE_SOURCE: &str = "0.75 / 1.0 / 2.0 x the interconnection queue's months, and the approval drawn at its probability: ERCOT's large-load queue grew to about 439 GW (March 2026) against about 9 GW approved to energize";
const SCHEDULE_SOURCE: &str = "Other new parts 0.9 / 1.0 / 1.3 x lead time, permitting 0.75 / 1.0 / 1.5 x months: 26 % of data-center projects due in 2025 slipped, 30-50 % of 2026's are expected to (Sightline)";
