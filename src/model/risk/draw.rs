//! One draw: its inputs from the random streams of (seed, draw index), and the scenario they make.

use super::distributions::{walk_coefficients, walk_factors};
use super::rng::{Purpose, Stream};
use super::settings::{RiskSettings, Triangle};
use crate::model::component::{BusinessModel, ComponentKind};
use crate::model::scenario::Scenario;

/// The drawn inputs of one draw. Every input is drawn whether or not it is switched on (common random
/// numbers); a switched-off input keeps its base value here (multiplier 1, empty walk).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DrawInputs {
    /// exp(X(m)) on hashprice(m), one per month; empty when the walk is off (1.0 every month).
    pub hashprice_factor: Vec<f64>,
    /// exp(X_g(m)) on every GPU-hour price; empty when off.
    pub gpu_price_factor: Vec<f64>,
    pub lease: f64,
    pub power_price: f64,
    pub ai_premium: f64,
    pub permitting: f64,
    /// The uniform quantile applied to each GPU-cloud pod's own utilization triangle (None when off).
    pub utilization_quantile: Option<f64>,
    /// Lead-time multiplier per component, in the scenario's order (1 for existing parts and when off).
    pub lead_time: Vec<f64>,
    /// The interconnection queue's multiplier (1 when off).
    pub queue: f64,
    /// The grid requests are approved (always with the schedule switch off).
    pub approved: bool,
}

/// Draws every input of draw `index` for a scenario of `months` months.
pub fn sample(settings: &RiskSettings, s: &Scenario, months: usize, index: u64, out: &mut DrawInputs) {
    let seed = settings.seed;
    let mut scalars = Stream::new(seed, Purpose::Scalars, index);
    let (u_lease, u_power, u_premium, u_permit, u_util) =
        (scalars.uniform(), scalars.uniform(), scalars.uniform(), scalars.uniform(), scalars.uniform());
    let pick = |on: bool, t: Triangle, u: f64| if on { t.quantile(u) } else { 1.0 };
    out.lease = pick(settings.lease.on, settings.lease.triangle(), u_lease);
    out.power_price = pick(settings.power_price.on, settings.power_price.triangle(), u_power);
    out.ai_premium = pick(settings.ai_premium.on, settings.ai_premium.triangle(), u_premium);
    out.permitting = pick(settings.schedule.on, settings.schedule.permitting, u_permit);
    out.utilization_quantile = settings.utilization.on.then_some(u_util);

    for (walk, purpose, factors) in [
        (&settings.hashprice, Purpose::HashpriceWalk, &mut out.hashprice_factor),
        (&settings.gpu_price, Purpose::GpuPriceWalk, &mut out.gpu_price_factor),
    ] {
        let mut stream = Stream::new(seed, purpose, index);
        walk_factors(&mut stream, walk_coefficients(walk.sigma, walk.half_life_years), months, factors);
        if !walk.on {
            factors.clear();
        }
    }

    let u_queue = Stream::new(seed, Purpose::Queue, index).uniform();
    out.queue = pick(settings.schedule.on, settings.schedule.queue, u_queue);
    let u_approval = Stream::new(seed, Purpose::Approval, index).uniform();
    out.approved = !settings.schedule.on || u_approval < s.assumptions.interconnection_approval_probability;

    out.lead_time.clear();
    out.lead_time.extend(s.components.iter().map(|c| {
        if c.existing {
            return 1.0;
        }
        let u = Stream::new(seed, Purpose::Schedule(c.id), index).uniform();
        let t = match c.kind {
            ComponentKind::Substation(_) => settings.schedule.substation,
            _ => settings.schedule.other,
        };
        pick(settings.schedule.on, t, u)
    }));
}

/// Rounds half away from zero to whole months, within u32.
fn months(base: u32, multiplier: f64) -> u32 {
    (base as f64 * multiplier).round().clamp(0.0, u32::MAX as f64) as u32
}

/// Writes a draw's inputs into `work`, a copy of `base` that earlier draws may have changed: every field a
/// draw can change is set from `base` again, so a reused copy gives the same scenario as a fresh clone.
pub fn apply(settings: &RiskSettings, base: &Scenario, d: &DrawInputs, work: &mut Scenario) {
    let (a, w) = (&base.assumptions, &mut work.assumptions);
    w.power_price_usd_per_mwh = a.power_price_usd_per_mwh * d.power_price;
    // A drawn premium is never below 1 (an AI build never costs less than a mining one).
    w.ai_build_premium = (a.ai_build_premium * d.ai_premium).max(1.0);
    w.permitting_months = months(a.permitting_months, d.permitting);
    w.interconnection_queue_months = months(a.interconnection_queue_months, d.queue);
    let util = settings.utilization;
    for ((b, c), lead) in base.components.iter().zip(work.components.iter_mut()).zip(&d.lead_time) {
        c.lead_time_months = months(b.lead_time_months, *lead);
        let (ComponentKind::GpuPod(bp), ComponentKind::GpuPod(p)) = (&b.kind, &mut c.kind) else { continue };
        match bp.business {
            // An existing lease is signed; only a new one is priced at signing.
            BusinessModel::Colocation if !b.existing => p.lease_usd_per_kw_month = bp.lease_usd_per_kw_month * d.lease,
            BusinessModel::Colocation => {}
            BusinessModel::GpuCloud => {
                p.utilization = match d.utilization_quantile {
                    Some(u) => {
                        let mode = bp.utilization;
                        // MODEL.md: triangular(u - below, u, min(1, u + above)), the value clipped to [0, 1].
                        let t = Triangle { low: mode - util.below, mode, high: (mode + util.above).min(1.0) };
                        t.quantile(u).clamp(0.0, 1.0)
                    }
                    None => bp.utilization,
                }
            }
        }
    }
}
