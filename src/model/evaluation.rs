//! What `evaluate` returns: the monthly series, the KPIs, per-component results and warnings.

use serde::Serialize;

use super::component::ComponentId;

/// Monthly arrays, one value per month of the horizon.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MonthlySeries {
    pub revenue: Vec<f64>,
    pub revenue_mining: Vec<f64>,
    pub revenue_colocation: Vec<f64>,
    pub revenue_gpu_cloud: Vec<f64>,
    pub opex: Vec<f64>,
    pub energy_cost: Vec<f64>,
    pub water_cost: Vec<f64>,
    pub fixed_om: Vec<f64>,
    pub capex: Vec<f64>,
    pub cash_flow: Vec<f64>,
    pub cumulative_cash_flow: Vec<f64>,
    pub discounted_cumulative_cash_flow: Vec<f64>,
    /// Served IT power of mining loads, MW.
    pub it_mining_mw: Vec<f64>,
    /// Served IT power of AI loads, MW.
    pub it_ai_mw: Vec<f64>,
    /// Loads' own overhead (hall fans, UPS, lighting), MW.
    pub overhead_mw: Vec<f64>,
    /// Cooling plants' parasitic power, MW.
    pub cooling_mw: Vec<f64>,
    /// Substation losses, MW.
    pub losses_mw: Vec<f64>,
    /// Facility power served (IT + overhead + cooling + losses), MW.
    pub facility_mw: Vec<f64>,
    /// Usable capacity of online substations, MW.
    pub grid_capacity_mw: Vec<f64>,
    /// Capacity of online gas turbines, MW.
    pub generation_capacity_mw: Vec<f64>,
    /// Power drawn from the grid, MW (the rest comes from turbines).
    pub grid_draw_mw: Vec<f64>,
    /// Water used in the month, m3.
    pub water_m3: Vec<f64>,
}

impl MonthlySeries {
    pub fn len(&self) -> usize {
        self.revenue.len()
    }

    pub fn is_empty(&self) -> bool {
        self.revenue.is_empty()
    }
}

/// Water of one cooling plant per month (its capacity share of the site's plant-cooled water).
#[derive(Debug, Clone, PartialEq)]
pub struct PlantWater {
    pub id: ComponentId,
    pub m3: Vec<f64>,
}

/// What limited a load when it was not fully served.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Shortfall {
    Power,
    Cooling,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ComponentResult {
    pub id: ComponentId,
    /// Month the component comes online (may lie beyond the horizon).
    pub online_month: u32,
    /// For loads: served fraction in the full-power month (or the last month when that is beyond the
    /// horizon) and what limited it; `None` for supplies.
    pub served_fraction: Option<f64>,
    pub shortfall: Option<Shortfall>,
}

/// Headline figures. `None` means the figure does not exist (JSON null), never a made-up number.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Kpis {
    pub capex_total_usd: f64,
    pub capex_facility_base_usd: f64,
    pub capex_ai_premium_usd: f64,
    pub capex_it_hardware_usd: f64,
    pub capex_substation_usd: f64,
    pub capex_cooling_usd: f64,
    pub capex_generation_usd: f64,
    pub it_load_mw: f64,
    pub it_load_mining_mw: f64,
    pub it_load_ai_mw: f64,
    pub facility_power_mw: f64,
    pub pue: Option<f64>,
    pub grid_capacity_mw: f64,
    pub generation_capacity_mw: f64,
    pub grid_headroom_mw: f64,
    pub cooling_capacity_mw: f64,
    pub cooling_headroom_mw: f64,
    pub water_m3_per_day: f64,
    pub water_gal_per_day: f64,
    pub households_power: f64,
    pub households_water: f64,
    pub hashrate_ph_s: f64,
    pub gpus: f64,
    pub annual_revenue_usd: Option<f64>,
    pub annual_opex_usd: Option<f64>,
    pub annual_ebitda_usd: Option<f64>,
    pub npv_usd: f64,
    pub irr: Option<f64>,
    /// The cash flow changes sign more than once, so another rate may also make NPV zero.
    pub irr_ambiguous: bool,
    pub payback_months: Option<f64>,
    pub discounted_payback_months: Option<f64>,
    pub first_revenue_month: Option<u32>,
    pub full_power_month: u32,
}

impl Kpis {
    /// The same site priced as a mining build: every capex category except the AI premium.
    pub fn capex_as_mining_build_usd(&self) -> f64 {
        self.capex_total_usd - self.capex_ai_premium_usd
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum WarningKind {
    UnservedLoad,
    PowerDeficit,
    CoolingDeficit,
    WaterLimit,
    OutsideBoundary,
    Overlap,
    PermitRisk,
    BeyondHorizon,
    /// The cash flow changes sign more than once, so IRR is not unique.
    AmbiguousIrr,
    /// A project year's debt service cover is below the DSCR covenant (financing view).
    DscrCovenant,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Warning {
    pub kind: WarningKind,
    /// The components concerned (empty for site-wide warnings).
    pub components: Vec<ComponentId>,
    pub message: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evaluation {
    pub series: MonthlySeries,
    pub plant_water: Vec<PlantWater>,
    pub kpis: Kpis,
    /// One entry per component, in the scenario's order.
    pub components: Vec<ComponentResult>,
    pub warnings: Vec<Warning>,
}

impl Evaluation {
    pub fn component(&self, id: ComponentId) -> Option<&ComponentResult> {
        self.components.iter().find(|c| c.id == id)
    }

    pub fn warnings_for(&self, id: ComponentId) -> impl Iterator<Item = &Warning> {
        self.warnings.iter().filter(move |w| w.components.contains(&id))
    }
}
