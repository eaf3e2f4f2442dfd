//! Site-wide assumptions of a scenario: prices, finance, permitting and the references used for household
//! equivalents. Defaults and sources are in MODEL.md and `fields`.

use serde::{Deserialize, Serialize};

use super::risk::RiskSettings;

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearMonth {
    pub year: i32,
    /// 1 = January .. 12 = December.
    pub month: u32,
}

impl YearMonth {
    pub const fn new(year: i32, month: u32) -> Self {
        Self { year, month }
    }

    /// Months from `start` to `self` (negative when `self` is earlier).
    pub fn months_since(&self, start: YearMonth) -> i64 {
        (self.year as i64 - start.year as i64) * 12 + self.month as i64 - start.month as i64
    }

    /// The month as a reader says it: "Apr 2028".
    pub fn name(&self) -> String {
        const NAMES: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        let name = NAMES.get(self.month.wrapping_sub(1) as usize).copied().unwrap_or("?");
        format!("{name} {}", self.year)
    }

    /// The calendar month `offset` months after `self`.
    pub fn plus_months(&self, offset: u32) -> YearMonth {
        let zero_based = self.year as i64 * 12 + (self.month as i64 - 1) + offset as i64;
        YearMonth { year: zero_based.div_euclid(12) as i32, month: (zero_based.rem_euclid(12) + 1) as u32 }
    }
}

impl std::fmt::Display for YearMonth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Assumptions {
    pub start: YearMonth,
    pub horizon_years: u32,
    pub discount_rate: f64,
    pub power_price_usd_per_mwh: f64,
    pub water_price_usd_per_m3: f64,
    pub hashprice_usd_per_ph_day: f64,
    pub hashprice_decline: f64,
    pub halvings: Vec<YearMonth>,
    pub pool_fee: f64,
    pub ai_build_premium: f64,
    pub mining_facility_capex_usd_per_mw: f64,
    pub permits_in_hand: bool,
    pub permitting_months: u32,
    pub fixed_om: f64,
    pub refresh_hardware: bool,
    pub household_power_kwh_per_year: f64,
    pub household_water_gal_per_day: f64,
    pub water_limit_m3_per_day: Option<f64>,
    /// A fleet bought at a refresh in month t has TH/s x (1 - gain)^(-t/12) (MODEL.md "efficiency gain").
    pub miner_efficiency_gain: f64,
    /// Fraction of hours running mining is switched off for price or grid events ("Flexible mining").
    pub curtailment_share: f64,
    /// What a curtailed MWh of mining earns (resale margin or demand-response payment).
    pub curtailment_value_usd_per_mwh: f64,
    /// Peak-based transmission charge (ERCOT 4CP) on loads that cannot avoid the peaks.
    pub transmission_charge_usd_per_kw_year: f64,
    /// Mining switches off in the peak hours, so it pays no transmission charge.
    pub mining_avoids_peaks: bool,
    /// Firm power the AI load asks for ("Firm capacity").
    pub ai_power_redundancy: Redundancy,
    /// Firm cooling the AI load asks for (N or N+1).
    pub ai_cooling_redundancy: Redundancy,
    /// Plausible maximum IT density of an air-cooled ASIC hall (footprint warning).
    pub max_density_hall_air_kw_per_m2: f64,
    /// Plausible maximum IT density of a hydro or immersion ASIC hall.
    pub max_density_hall_liquid_kw_per_m2: f64,
    /// Plausible maximum IT density of a GPU pod.
    pub max_density_gpu_pod_kw_per_m2: f64,
    /// Financing and tax (MODEL.md "Financing and tax"): share of each month's capex borrowed.
    pub debt_share: f64,
    pub debt_rate: f64,
    pub debt_tenor_years: f64,
    pub interest_only_months: u32,
    /// Sale at the horizon's end for this multiple of the last 12 months' EBITDA (0: none).
    pub exit_multiple: f64,
    pub tax_rate: f64,
    pub bonus_depreciation: bool,
    /// Share of facility capex (base + premium) that is building shell (39-year class).
    pub building_share: f64,
    pub dscr_covenant: f64,
    /// What the utility has approved for the site, MVA (MODEL.md "The approved interconnection"); `None`: the
    /// sum of the existing substations' MVA.
    pub interconnection_mva: Option<f64>,
    /// Months from a new large-load request to an approval that lets construction start.
    pub interconnection_queue_months: u32,
    /// The odds that a request is approved (risk and the expected NPV).
    pub interconnection_approval_probability: f64,
    /// The utility's charge for network upgrades beyond the approval, per kW of new capacity.
    pub network_upgrade_usd_per_kw: f64,
    /// Yearly rise of facility, substation, cooling and turbine capex spent later (third layer, phasing).
    pub capex_escalation: f64,
    /// The best mix's capital budget, USD: every purchase within the horizon except hardware refreshes and
    /// replacement parts (MODEL.md "The best mix, with time and the grid"); `None`: no budget.
    pub capital_budget_usd: Option<f64>,
    /// Monte Carlo settings (MODEL.md "Risk (Monte Carlo)").
    pub risk: RiskSettings,
}

/// Redundancy a load asks of a pool of units (MODEL.md "Firm capacity").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Redundancy {
    /// Every online unit counts.
    N,
    /// The pool must carry the load with its largest unit out.
    #[default]
    NPlus1,
    /// Half of the pool's capacity counts (two independent paths).
    TwoN,
}

impl Redundancy {
    pub const ALL: [Redundancy; 3] = [Redundancy::N, Redundancy::NPlus1, Redundancy::TwoN];

    pub fn label(self) -> &'static str {
        match self {
            Redundancy::N => "N",
            Redundancy::NPlus1 => "N+1",
            Redundancy::TwoN => "2N",
        }
    }
}

impl Default for Assumptions {
    fn default() -> Self {
        Assumptions {
            start: YearMonth::new(2027, 1),
            horizon_years: 10,
            discount_rate: 0.10,
            power_price_usd_per_mwh: 45.0,
            water_price_usd_per_m3: 2.0,
            hashprice_usd_per_ph_day: 40.0,
            hashprice_decline: 0.10,
            halvings: vec![YearMonth::new(2028, 4), YearMonth::new(2032, 4)],
            pool_fee: 0.02,
            ai_build_premium: 10.0,
            mining_facility_capex_usd_per_mw: 350_000.0,
            permits_in_hand: true,
            permitting_months: 36,
            fixed_om: 0.02,
            refresh_hardware: true,
            household_power_kwh_per_year: 10_700.0,
            household_water_gal_per_day: 300.0,
            water_limit_m3_per_day: None,
            miner_efficiency_gain: 0.10,
            curtailment_share: 0.0,
            curtailment_value_usd_per_mwh: 230.0,
            transmission_charge_usd_per_kw_year: 0.0,
            mining_avoids_peaks: true,
            ai_power_redundancy: Redundancy::NPlus1,
            ai_cooling_redundancy: Redundancy::NPlus1,
            max_density_hall_air_kw_per_m2: 40.0,
            max_density_hall_liquid_kw_per_m2: 80.0,
            max_density_gpu_pod_kw_per_m2: 60.0,
            debt_share: 0.0,
            debt_rate: 0.08,
            debt_tenor_years: 5.0,
            interest_only_months: 12,
            exit_multiple: 0.0,
            tax_rate: 0.21,
            bonus_depreciation: true,
            building_share: 0.5,
            dscr_covenant: 1.35,
            interconnection_mva: None,
            interconnection_queue_months: 48,
            interconnection_approval_probability: 0.5,
            network_upgrade_usd_per_kw: 0.0,
            capex_escalation: 0.03,
            capital_budget_usd: None,
            risk: RiskSettings::default(),
        }
    }
}

impl Assumptions {
    pub fn horizon_months(&self) -> usize {
        self.horizon_years as usize * 12
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_arithmetic_crosses_years() {
        let start = YearMonth::new(2027, 1);
        assert_eq!(YearMonth::new(2028, 4).months_since(start), 15);
        assert_eq!(start.plus_months(15), YearMonth::new(2028, 4));
        assert_eq!(YearMonth::new(2026, 12).months_since(start), -1);
        assert_eq!(YearMonth::new(2027, 11).plus_months(2).to_string(), "2028-01");
    }
}
