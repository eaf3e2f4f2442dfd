//! Why a mining hall stands idle, in figures a planner can check: the months it is switched off, the first of
//! them with its cause (the halving, the hashprice's decline, or the price of power), and its revenue and
//! power cost per MWh that month. The switch-off test is MODEL.md step 4 as the simulation applies it, read
//! back from the evaluation (online months, fleet purchases, capacity) rather than kept as a second copy of
//! the dispatch: `tests/model` checks that the months found here are the months the simulation switched off.

use super::component::{ComponentId, ComponentKind};
use super::evaluation::{CapexClass, Evaluation};
use super::scenario::Scenario;
use super::simulate::{DAYS_PER_MONTH, HOURS_PER_MONTH};

/// What made the first month off lose money.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OffCause {
    /// The first month off is a halving month: revenue per PH/s halved.
    Halving,
    /// Revenue fell below power with the hashprice's decline since the month before.
    HashpriceDecline,
    /// The hall loses money from its first month with hardware (or its power became dearer).
    PowerPrice,
}

impl OffCause {
    pub fn label(self) -> &'static str {
        match self {
            OffCause::Halving => "halving",
            OffCause::HashpriceDecline => "hashprice decline",
            OffCause::PowerPrice => "power price",
        }
    }
}

/// The first month a mining hall is switched off, why, and its figures then.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SwitchOff {
    pub first_month: u32,
    pub cause: OffCause,
    /// Mining revenue per MWh of the facility energy the hall would draw at full service.
    pub revenue_usd_per_mwh: f64,
    /// What that MWh costs: the switch-off rule's energy price, plus the water of a plant-cooled hall.
    pub power_usd_per_mwh: f64,
    /// True when the cost includes water (a hall that needs a cooling plant).
    pub includes_water: bool,
}

/// One month of the test for a hall: its revenue and cost per MWh, or `None` when it has no hardware then.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Month {
    revenue: f64,
    cost: f64,
}

impl Month {
    fn off(&self) -> bool {
        self.revenue < self.cost
    }
}

/// The months (from 0) in which mining hall `id` is switched off because it would lose money.
pub fn switched_off_months(s: &Scenario, e: &Evaluation, id: ComponentId) -> Vec<u32> {
    let Some(test) = HallTest::new(s, e, id) else { return Vec::new() };
    (0..test.months).filter(|&m| test.month(m).is_some_and(|x| x.off())).map(|m| m as u32).collect()
}

/// The first month hall `id` is switched off and why; `None` when it never is.
pub fn first_switch_off(s: &Scenario, e: &Evaluation, id: ComponentId) -> Option<SwitchOff> {
    let test = HallTest::new(s, e, id)?;
    let (m, now) = (0..test.months).find_map(|m| test.month(m).filter(Month::off).map(|x| (m, x)))?;
    let start = s.assumptions.start;
    let halving = s.assumptions.halvings.iter().any(|h| h.months_since(start) == m as i64);
    let before = m.checked_sub(1).and_then(|p| test.month(p));
    let cause = match before {
        _ if halving => OffCause::Halving,
        Some(b) if now.revenue < b.revenue && now.cost <= b.cost => OffCause::HashpriceDecline,
        _ => OffCause::PowerPrice,
    };
    Some(SwitchOff {
        first_month: m as u32,
        cause,
        revenue_usd_per_mwh: now.revenue,
        power_usd_per_mwh: now.cost,
        includes_water: test.needs_plant,
    })
}

/// Everything the switch-off test needs about one hall, read from the scenario and its evaluation.
struct HallTest<'a> {
    s: &'a Scenario,
    e: &'a Evaluation,
    months: usize,
    it_mw: f64,
    overhead: f64,
    needs_plant: bool,
    online: usize,
    /// First month without hardware (its stop, or the horizon).
    end: usize,
    /// Fleets in purchase order: (first month, PH/s).
    fleets: Vec<(usize, f64)>,
    /// Hashprice per month, $/PH/s/day (MODEL.md step 7).
    hashprice: Vec<f64>,
}

impl<'a> HallTest<'a> {
    fn new(s: &'a Scenario, e: &'a Evaluation, id: ComponentId) -> Option<HallTest<'a>> {
        let c = s.component(id)?;
        let ComponentKind::AsicHall(h) = &c.kind else { return None };
        let r = e.component(id)?;
        let a = &s.assumptions;
        let months = e.series.len();
        let online = r.online_month as usize;
        let retired = r.retire_month.map_or(months, |m| m as usize);
        let end = r.stopped_month.map_or(months, |m| m as usize).min(retired).min(months);
        // A fleet bought in month t (the first one too: hardware is of its time) has the same count and kW,
        // TH/s x (1 - gain)^(-t/12).
        let gain = (1.0 - a.miner_efficiency_gain).max(1e-9);
        let mut fleets = vec![(online, h.hashrate_ph_s() * gain.powf(-(online as f64) / 12.0))];
        let mut refreshes: Vec<usize> = e
            .capex_items
            .iter()
            .filter(|i| i.component == id && i.class == CapexClass::ItHardware && i.month as usize > online)
            .map(|i| i.month as usize)
            .collect();
        refreshes.sort_unstable();
        refreshes.dedup();
        fleets.extend(refreshes.into_iter().map(|t| (t, h.hashrate_ph_s() * gain.powf(-(t as f64) / 12.0))));
        Some(HallTest {
            s,
            e,
            months,
            it_mw: c.it_mw(),
            overhead: h.overhead,
            needs_plant: h.cooling.needs_plant(),
            online,
            end,
            fleets,
            hashprice: super::simulate::hashprice_series(&s.assumptions, months),
        })
    }

    fn month(&self, m: usize) -> Option<Month> {
        if m < self.online || m >= self.end || self.it_mw <= 0.0 {
            return None;
        }
        let a = &self.s.assumptions;
        let ph_s = self.fleets.iter().rev().find(|f| f.0 <= m).map_or(0.0, |f| f.1);
        let supply = self.supply(m);
        let facility_mw = self.it_mw * (1.0 + self.overhead + if self.needs_plant { supply.parasitic } else { 0.0 })
            / (1.0 - supply.loss);
        let mwh = facility_mw * HOURS_PER_MONTH;
        let revenue = ph_s * (1.0 - a.pool_fee) * self.hashprice[m] * DAYS_PER_MONTH;
        let mut cost = mwh * supply.price;
        if self.needs_plant {
            cost += self.it_mw * HOURS_PER_MONTH * supply.water * a.water_price_usd_per_m3;
        }
        Some(Month { revenue: revenue / mwh, cost: cost / mwh })
    }

    /// The capacity-weighted ratios of the supplies online in month `m` (MODEL.md step 2) and the switch-off
    /// rule's energy price.
    fn supply(&self, m: usize) -> Supply {
        let mut sums = [0.0f64; 7];
        for (c, part) in self.s.components.iter().zip(&self.e.schedule.parts) {
            if !part.active(m as u32) {
                continue;
            }
            match &c.kind {
                ComponentKind::Substation(x) => {
                    sums[0] += x.usable_mw();
                    sums[1] += x.usable_mw() * x.loss_ratio;
                }
                ComponentKind::GasTurbine(x) => {
                    sums[2] += x.capacity_mw;
                    sums[3] += x.capacity_mw * x.energy_cost_usd_per_mwh;
                }
                ComponentKind::CoolingPlant(x) => {
                    sums[4] += x.capacity_mw_th;
                    sums[5] += x.capacity_mw_th * x.parasitic_ratio;
                    sums[6] += x.capacity_mw_th * x.water_l_per_kwh;
                }
                _ => {}
            }
        }
        let ratio = |num: f64, den: f64| if den > 0.0 { num / den } else { 0.0 };
        let power_price = self.s.assumptions.power_price_usd_per_mwh;
        let price = if sums[0] <= 0.0 && sums[2] > 0.0 { ratio(sums[3], sums[2]) } else { power_price };
        Supply {
            loss: ratio(sums[1], sums[0]).clamp(0.0, 0.99),
            parasitic: ratio(sums[5], sums[4]),
            water: ratio(sums[6], sums[4]),
            price,
        }
    }
}

struct Supply {
    loss: f64,
    parasitic: f64,
    /// m3 per MWh of heat.
    water: f64,
    price: f64,
}
