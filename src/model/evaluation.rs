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
    /// Curtailment and demand-response credits earned by switching mining off ("Flexible mining").
    pub revenue_curtailment: Vec<f64>,
    /// Peak transmission charges on loads that cannot avoid the peaks (an opex line).
    pub transmission_charge: Vec<f64>,
    /// IT MW of online mining loads switched off for the month because they would lose money.
    pub it_mining_off_mw: Vec<f64>,
    /// IT MW of online, running loads not served for lack of power or cooling.
    pub it_unserved_mw: Vec<f64>,
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

/// What a component is doing in the record month (the full-power month, or the last month when that is
/// beyond the horizon).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum LoadState {
    /// A substation, cooling plant or turbine.
    Supply,
    /// Not online yet.
    NotOnline,
    Running,
    /// Online but not fully served for lack of power or cooling.
    Limited(Shortfall),
    /// A mining load switched off because its revenue does not cover its power (economic curtailment).
    SwitchedOff,
    /// Its fleet reached its life and was not bought again (the refresh would not pay, or refresh is off).
    Stopped,
    /// Retired (its own retirement month, or a hall converted to AI from its pod's build start).
    Retired,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ComponentResult {
    pub id: ComponentId,
    /// Month the component comes online (may lie beyond the horizon).
    pub online_month: u32,
    /// Month its construction starts (0 for existing parts).
    pub build_start_month: u32,
    /// The effective retirement: its own, or a converted hall's conversion start, the earlier.
    pub retire_month: Option<u32>,
    /// Not built: a refused grid request, or a load started after the refusal was known.
    pub cancelled: bool,
    /// For loads: served fraction in the full-power month (or the last month when that is beyond the
    /// horizon) and what limited it; `None` for supplies.
    pub served_fraction: Option<f64>,
    pub shortfall: Option<Shortfall>,
    /// Months a mining load was online with hardware but switched off because it would lose money.
    pub months_switched_off: u32,
    /// The month a load's fleet stopped for good (no refresh); `None` when it never stops.
    pub stopped_month: Option<u32>,
    pub state: LoadState,
    /// Horizon totals for this load: revenue (curtailment credits included), energy and water it paid for.
    pub revenue_usd: f64,
    pub energy_cost_usd: f64,
    pub water_cost_usd: f64,
    /// All capex of this component over the horizon, and the IT hardware part of it.
    pub capex_usd: f64,
    pub hardware_capex_usd: f64,
    /// True when the load stopped because buying its fleet again would not pay (false: hardware refresh is off).
    pub refresh_declined: bool,
    /// The first run of 6 or more months in which the load was ready but got no power or cooling:
    /// (first month, months).
    pub first_wait: Option<(u32, u32)>,
    /// Runs of months a mining load was switched off for economics: (first month, months).
    pub off_runs: Vec<(u32, u32)>,
    /// A mining load (an ASIC hall).
    pub mining: bool,
}

impl ComponentResult {
    /// Why a load earns less than it could in the record month, in words; `None` when it runs in full.
    pub fn reason(&self) -> Option<String> {
        match self.state {
            LoadState::Supply | LoadState::Running => None,
            LoadState::Retired => Some(match self.retire_month {
                Some(m) => format!("Retired from month {m}"),
                None => "Retired".to_string(),
            }),
            LoadState::NotOnline => Some(format!("Not online yet (online in month {})", self.online_month)),
            LoadState::Limited(Shortfall::Power) => {
                Some("Curtailed: not enough grid and turbine capacity for its full power".to_string())
            }
            LoadState::Limited(Shortfall::Cooling) => {
                Some("Curtailed: not enough cooling-plant capacity for its heat".to_string())
            }
            LoadState::SwitchedOff => {
                Some("Switched off: its mining revenue does not cover its power and water this month".to_string())
            }
            LoadState::Stopped if self.refresh_declined => Some(
                "Stopped: its fleet reached the end of its life and buying it again would not pay for itself"
                    .to_string(),
            ),
            LoadState::Stopped => {
                Some("Stopped: its hardware reached the end of its life and hardware refresh is off".to_string())
            }
        }
    }
}

/// Depreciation class of a capex item (MODEL.md "Financing and tax", rule 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum CapexClass {
    /// Miners and owned GPUs (5-year).
    ItHardware,
    /// The mining-grade base of a facility (building share 39-year, the rest 15-year).
    FacilityBase,
    /// The AI premium of a new pod's facility (building share 39-year, the rest 15-year).
    AiPremium,
    /// A retrofit pod's premium: all fit-out (15-year).
    RetrofitFitOut,
    Substation,
    Cooling,
    Generation,
}

/// One capex payment with what financing needs to depreciate it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CapexItem {
    pub component: ComponentId,
    /// The month it is paid.
    pub month: u32,
    /// The month it is placed in service (the component's online month; hardware: the month bought).
    pub in_service_month: u32,
    pub usd: f64,
    pub class: CapexClass,
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
    /// Firm grid + turbine capacity at the AI power redundancy minus the AI loads' facility power.
    pub firm_grid_headroom_mw: f64,
    /// Firm cooling at the AI cooling redundancy minus the AI loads' heat.
    pub firm_cooling_headroom_mw: f64,
    /// Horizon totals of the "Flexible mining" lines.
    pub revenue_curtailment_usd: f64,
    pub transmission_charge_usd: f64,
    /// The part whose online month sets `full_power_month` (none when the site is online at month 0).
    pub full_power_set_by: Option<ComponentId>,
    /// The approved interconnection in effect, MVA (MODEL.md third layer, rule 4).
    pub interconnection_mva: f64,
    /// Sum of the new substations' MVA beyond the approval.
    pub mva_beyond_approval: f64,
    /// NPV / (approved MVA x 0.95); none when nothing is approved.
    pub npv_per_approved_mw: Option<f64>,
    /// p x NPV(approved) + (1 - p) x NPV(refused) where a substation needs a grid request; none otherwise.
    pub npv_expected_usd: Option<f64>,
    /// NPV of the refused run (no request built, no load started after the refusal); none without a request.
    pub npv_if_refused_usd: Option<f64>,
    /// This run's grid requests were refused: it never reaches full power (risk draws, the refused run).
    pub grid_refused: bool,
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
    /// Firm power at the AI redundancy does not cover the AI load.
    FirmPower,
    /// Firm cooling at the AI redundancy does not cover the AI heat.
    FirmCooling,
    /// A part's IT density is above the plausible maximum for its kind: its footprint is drawn too small.
    FootprintDensity,
    /// A mining load is switched off in some months because it would lose money.
    MiningSwitchedOff,
    /// A fleet is not bought again at the end of its life and its load stops.
    FleetStopped,
    /// A new substation beyond the approved interconnection waits for a large-load request.
    InterconnectionRequest,
    /// The existing substations hold more MVA than the approval states.
    ExistingAboveApproval,
    /// A part retires at or before it comes online, so it never runs.
    NeverOnline,
    /// A load online and ready stands idle for 6 months or more, waiting for a supply not yet online.
    WaitingForPower,
}

/// A one-click change that answers a warning (the app offers it as one undoable edit).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum WarningFix {
    /// Start building the component in this month.
    SetBuildStart { component: ComponentId, month: u32 },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Warning {
    pub kind: WarningKind,
    /// The components concerned (empty for site-wide warnings).
    pub components: Vec<ComponentId>,
    pub message: String,
    /// The change that answers it, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<WarningFix>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evaluation {
    pub series: MonthlySeries,
    pub plant_water: Vec<PlantWater>,
    pub kpis: Kpis,
    /// One entry per component, in the scenario's order.
    pub components: Vec<ComponentResult>,
    pub warnings: Vec<Warning>,
    /// Every capex payment by component, month and depreciation class; per month they add up to `series.capex`.
    pub capex_items: Vec<CapexItem>,
    /// When each part builds, comes online and retires, and which substations wait for a grid request.
    pub schedule: super::schedule::Schedule,
}

impl Evaluation {
    pub fn component(&self, id: ComponentId) -> Option<&ComponentResult> {
        self.components.iter().find(|c| c.id == id)
    }

    pub fn warnings_for(&self, id: ComponentId) -> impl Iterator<Item = &Warning> {
        self.warnings.iter().filter(move |w| w.components.contains(&id))
    }
}
