//! NPV sensitivity (the tornado chart): each driver moved down and up by the same share, all else fixed.

use super::component::ComponentKind;
use super::scenario::Scenario;
use super::simulate::evaluate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Driver {
    PowerPrice,
    Hashprice,
    AiPrice,
    AiBuildPremium,
    Capex,
    DiscountRate,
}

impl Driver {
    pub const ALL: [Driver; 6] = [
        Driver::PowerPrice,
        Driver::Hashprice,
        Driver::AiPrice,
        Driver::AiBuildPremium,
        Driver::Capex,
        Driver::DiscountRate,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Driver::PowerPrice => "Power price",
            Driver::Hashprice => "Hashprice",
            Driver::AiPrice => "Colocation lease / GPU-hour price",
            Driver::AiBuildPremium => "AI build premium",
            Driver::Capex => "All capex",
            Driver::DiscountRate => "Discount rate",
        }
    }

    /// The scenario with this driver scaled by `factor` (0.8 for -20 %).
    pub fn apply(self, s: &Scenario, factor: f64) -> Scenario {
        let mut s = s.clone();
        let a = &mut s.assumptions;
        match self {
            Driver::PowerPrice => a.power_price_usd_per_mwh *= factor,
            Driver::Hashprice => a.hashprice_usd_per_ph_day *= factor,
            Driver::DiscountRate => a.discount_rate *= factor,
            Driver::AiBuildPremium => a.ai_build_premium = (a.ai_build_premium * factor).max(1.0),
            Driver::AiPrice => {
                for c in &mut s.components {
                    if let ComponentKind::GpuPod(p) = &mut c.kind {
                        p.lease_usd_per_kw_month *= factor;
                        p.gpu_hour_price_usd *= factor;
                    }
                }
            }
            Driver::Capex => {
                a.mining_facility_capex_usd_per_mw *= factor;
                for c in &mut s.components {
                    match &mut c.kind {
                        ComponentKind::AsicHall(h) => h.miner_price_usd_per_th *= factor,
                        ComponentKind::GpuPod(p) => p.system_price_usd *= factor,
                        ComponentKind::Substation(x) => x.capex_usd_per_mva *= factor,
                        ComponentKind::CoolingPlant(x) => x.capex_usd_per_mw_th *= factor,
                        ComponentKind::GasTurbine(x) => x.capex_usd_per_mw *= factor,
                    }
                }
            }
        }
        s
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TornadoBar {
    pub driver: Driver,
    /// NPV with the driver lowered by `swing`.
    pub npv_low: f64,
    /// NPV with the driver raised by `swing`.
    pub npv_high: f64,
}

impl TornadoBar {
    pub fn spread(&self) -> f64 {
        (self.npv_high - self.npv_low).abs()
    }
}

/// NPV at base and for each driver at (1 - swing) and (1 + swing), widest bar first.
pub fn tornado(s: &Scenario, swing: f64) -> (f64, Vec<TornadoBar>) {
    let base = evaluate(s).kpis.npv_usd;
    let mut bars: Vec<TornadoBar> = Driver::ALL
        .iter()
        .map(|&d| TornadoBar {
            driver: d,
            npv_low: evaluate(&d.apply(s, 1.0 - swing)).kpis.npv_usd,
            npv_high: evaluate(&d.apply(s, 1.0 + swing)).kpis.npv_usd,
        })
        .collect();
    bars.sort_by(|a, b| b.spread().total_cmp(&a.spread()));
    (base, bars)
}
