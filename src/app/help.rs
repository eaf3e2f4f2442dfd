//! The Help window, "How is this computed?" (F1 or the Help menu): each figure and each rule of the model
//! in plain words, then every default with its source. The sources are read from `model::fields` and
//! `model::catalog`, and the card explanations from the dashboard's cards, so nothing is written twice.
//! MODEL.md is the reference; the rules here follow `model::simulate`.

use egui::RichText;

use super::PowerplotApp;
use super::dashboard::{cards, plots::PlotKind};
use crate::model::catalog::COOLING;
use crate::model::equipment::Catalog;
use crate::model::fields::{
    ASIC_HALL_FIELDS, ASSUMPTION_FIELDS, COMPONENT_FIELDS, COOLING_PLANT_FIELDS, GAS_TURBINE_FIELDS, GPU_POD_FIELDS,
    NumField, SUBSTATION_FIELDS,
};
use crate::model::{
    AsicHall, Assumptions, Component, CoolingPlant, GasTurbine, GpuPod, KindTag, Kpis, Scenario, Substation,
};

pub const TITLE: &str = "How is this computed?";

/// MODEL.md "Financing and tax" in plain words (docs/model-notes.md gives the engine's choices).
pub const FINANCING_RULES: [(&str, &str); 6] = [
    (
        "Debt",
        "Each month's capex is funded debt share x capex by a tranche drawn that month. A tranche pays interest only (at (1 + debt rate)^(1/12) - 1 a month) from the month after its draw until the later of its draw month + the interest-only months and full power, then level monthly payments that repay it by the end of its tenor. Whatever is still owed in the horizon's last month is repaid then: every equity figure counts that repayment.",
    ),
    (
        "Depreciation",
        "IT hardware is 5-year property, substations, cooling, turbines and the non-building share of facility capex 15-year, the building share 39-year straight line; a retrofit pod's premium is all 15-year fit-out. With bonus depreciation, 5- and 15-year property is deducted in full when placed in service; otherwise the MACRS half-year tables apply. Existing parts carry none (their basis is sunk).",
    ),
    (
        "Tax",
        "Per project year (12 months from the start): taxable income = revenue - opex - interest - depreciation; a loss is carried forward and offsets at most 80 % of a later year's income; tax = tax rate x what is left, paid in equal monthly instalments. The after-tax (unlevered) view computes the same with no interest.",
    ),
    (
        "Cash flows",
        "After tax (unlevered): the project's cash flow - its tax without debt. Equity: revenue - opex - the capex not borrowed - debt service - tax with interest deducted. An exit multiple, if set, adds that multiple of the last 12 months' EBITDA in the last month to every view (untaxed, a simplification).",
    ),
    (
        "Equity figures",
        "Equity NPV and IRR on the owners' cash flow (IRR ambiguous by the same rules as the project's); equity multiple = the owners' positive flows / their negative ones; peak equity = the most cash they have in at once; tax shield = tax without debt - tax with debt. With no debt and no tax every after-tax and equity figure equals its pre-tax twin.",
    ),
    (
        "Debt service cover (DSCR)",
        "Per operating project year (from the year full power falls in) with debt service: (revenue - opex - tax) / (interest + scheduled principal). The forced repayment at the horizon's end is left out, and the construction years, interest only, have no DSCR. The first year below the covenant is named by its months (\"Jan 2030 - Dec 2030\"); the JSON report gives the calendar year and month in which it starts.",
    ),
];

/// The simulation's rules, one paragraph each, in the order a month is computed.
pub const RULES: [(&str, &str); 13] = [
    (
        "1. When each part is online",
        "A part that already exists is online from month 0. A new part starts building in its build start month (0 by default) and is online a lead time later; when the site's permits are not in hand, the permitting time comes first. A GPU pod retrofitted into an existing mining hall reuses the hall's permits. A new substation beyond the approved interconnection waits for the grid queue first (see \"Time and the grid\"). A part with a retirement month is gone from that month on. Miners and GPUs exist only from the month their hall or pod comes online.",
    ),
    (
        "2. Capacity",
        "Each month, grid capacity is the sum over online substations of MVA x power factor, and gas turbines add their MW. Cooling capacity is the sum of the online plants' MW of heat. The plants' power and water per MW of heat, and the substations' losses, are averages weighted by capacity.",
    ),
    (
        "3. What each load asks for",
        "A load's facility power is its IT power x (1 + its own overhead + the plants' power per MW of heat if it needs a plant), divided by (1 - the substation losses). GPU pods, hydro and immersion halls need cooling-plant capacity; air-cooled halls cool themselves.",
    ),
    (
        "4. Who gets served",
        "Grid and turbines form one pool. AI loads are served first, in the order they are listed, then mining loads, most profitable first (most PH/s per MW): mining is the flexible load a hybrid site curtails, and an operator runs its best machines first. Each load gets the largest share that fits both the power and the cooling left. A load that is not fully served earns less, and a warning says so. Miners switch off when they lose money: before dispatch, a mining load whose month's revenue at full service is below the cost of its power (and water, if plant-cooled) is off for the month: no power, no revenue, no water, and its power is free for others.",
    ),
    (
        "5. Energy",
        "Energy = facility power x served share x uptime x 730 hours a month. The grid's share of it is paid at the power price, the rest at the turbines' fuel and O&M price.",
    ),
    (
        "6. Water",
        "m3 = plant-cooled heat served (MW) x uptime x 730 hours x the plants' water use (litres per kWh of heat, which is m3 per MWh).",
    ),
    (
        "7. Revenue",
        "Mining: PH/s x served share x uptime x (1 - pool fee) x hashprice x 30.42 days. The hashprice falls by its yearly decline (compounded monthly) and halves from each halving's month on. Colocation: IT kW x served share x lease per kW-month, raised by the escalator every 12 months from the pod's start; the tenant pays its own power (triple net), so that energy is neither our revenue nor our cost, though it counts in every power figure. GPU cloud: GPUs x served share x uptime x utilization x 730 hours x GPU-hour price, which falls by its yearly decline.",
    ),
    (
        "8. Operating costs",
        "Energy + water + fixed O&M, a yearly share of the non-hardware capex spent so far on parts not retired, spread over 12 months, + transmission charges (Flexible mining).",
    ),
    (
        "9. Capex",
        "Facility, substation, cooling-plant and turbine capex is spent in the part's construction month (its build start; for a substation that waits for a grid request, after the wait), and costs (1 + capex escalation)^(months/12) more than at the start; existing parts cost nothing, unless an existing hall is given a different or bigger fleet than the one installed (that fleet, and the facility for the extra MW, are bought in month 0). Hardware is of its time: miners bought in month t have TH/s x (1 - efficiency gain)^(-t/12), GPU systems cost their price x (1 - GPU price decline)^(t/12). A mining hall's facility costs the mining facility capex per MW of IT. A GPU pod's costs that x the AI build premium: the mining-grade base plus the AI premium; a retrofit pays only the premium part. Miners and owned GPUs are bought when their load comes online. At the end of each life a fleet is bought again only if it pays for itself: the present value of its monthly margins (revenue - energy - water, never below zero) over its next life or to the horizon must repay its price; otherwise the load stops for good. A refreshed mining fleet is more efficient: TH/s x (1 - efficiency gain)^(-months/12) for the same power and price. With hardware refresh off, a load stops when its hardware wears out (a colocation tenant owns its GPUs, so a lease keeps running).",
    ),
    ("10. Cash flow", "Cash flow = revenue - operating costs - capex, month by month."),
    (
        "11. Footprint",
        "A load whose IT power per m2 of its rectangle is above the plausible maximum of its kind (air hall 40, hydro or immersion hall 80, GPU pod 60 kW/m2, editable) is flagged: its footprint is drawn far too small. Size to capacity resizes it to a typical density (2.5, 5 and 12 kW/m2).",
    ),
    (
        "12. Flexible mining",
        "A running miner is switched off for the curtailment share of its hours (price spikes, grid events): its revenue, energy and water shrink by that share and each curtailed MWh earns the curtailment value. Loads that cannot avoid the grid's peaks (GPU cloud always, mining unless it avoids them) pay the transmission charge per kW of grid draw; a colocation tenant pays its own.",
    ),
    (
        "13. Firm capacity",
        "AI tenants buy uptime. Firm power counts every transformer and turbine at N, all but the largest unit at N+1, half the pool at 2N; firm cooling likewise over the plants' units. Firm headroom = firm capacity - the AI load at full build; when negative, a warning names the redundancy and the unit that would fail. It is a design check: dispatch is unchanged.",
    ),
];

/// What the headline figures mean beyond the cards: the full build, finance conventions.
pub const DEFINITIONS: [(&str, &str); 5] = [
    (
        "Full build",
        "Every part online and every load fully served: what the layout asks for. The power, cooling and water cards describe it; the headroom cards say whether the site can deliver it.",
    ),
    (
        "First full year",
        "The 12 months starting at the month of full power (none when they do not fit in the horizon).",
    ),
    (
        "Payback",
        "The month after which the cumulative cash flow stays at or above zero, interpolated within the month. None when it ends the horizon below zero; zero when it never goes below zero. Discounted payback: the same on discounted cash flows.",
    ),
    (
        "NPV and IRR",
        "NPV = sum of CF(m) / (1 + r)^m with the monthly rate r = (1 + discount rate)^(1/12) - 1; month 0 is not discounted. IRR: the monthly rate that makes NPV zero, shown as a yearly rate (1 + r)^12 - 1; none when the cash flow never changes sign. When it changes sign more than once (hardware refreshes, halvings) or earns before it spends, IRR is marked ambiguous: another rate may fit too, so read NPV and payback first. All figures are pre-tax, unlevered (no debt), in nominal dollars, with no terminal value.",
    ),
    (
        "Sensitivity",
        "Each driver is moved 20 % down and up with everything else fixed and NPV is computed again: power price, hashprice, colocation lease or GPU-hour price, AI build premium (never below 1x), all capex, and the discount rate.",
    ),
];

fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        crate::outputs::format::count(v)
    } else {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// One table of defaults: field, default with unit, valid range, source.
fn defaults_table<T>(ui: &mut egui::Ui, id: &str, fields: &[NumField<T>], defaults: &T) {
    egui::Grid::new(id).striped(true).num_columns(3).spacing([12.0, 4.0]).show(ui, |ui| {
        ui.label(RichText::new("Field").strong());
        ui.label(RichText::new("Default").strong());
        ui.label(RichText::new("Source / note").strong());
        ui.end_row();
        for f in fields {
            ui.label(f.label);
            ui.label(format!("{} {}", number((f.get)(defaults)), f.unit))
                .on_hover_text(format!("Valid: {}", f.range_text()));
            ui.add(egui::Label::new(f.source).wrap());
            ui.end_row();
        }
    });
}

fn paragraph(ui: &mut egui::Ui, title: &str, text: &str) {
    ui.label(RichText::new(title).strong());
    ui.add(egui::Label::new(text).wrap());
    ui.add_space(4.0);
}

/// The Risk tab in words (MODEL.md "Risk (Monte Carlo)").
/// MODEL.md third layer, in the planner's words.
const TIME_AND_GRID_HELP: [(&str, &str); 5] = [
    (
        "Phasing",
        "Every new part has a build start: its capex is spent then (escalated by the capex escalation, 3 % a year by default, an estimate: construction and electrical equipment costs rose faster in 2021-25) and it comes online a lead time later. A part can retire: from that month it draws no power, adds no capacity, earns nothing, and its fixed O&M stops. The full build is the site at its full-power month, the latest online month of the parts that run (like-for-like replacements left out); its card names the part that sets it.",
    ),
    (
        "Converting a hall",
        "A retrofit pod may convert an existing hall (\"Convert to AI…\" on the hall): the hall mines until the pod's build start and retires then; the pod comes online a lead time (12 months) later, sized to the hall's IT in whole GPU systems. It pays the AI premium, and full facility capex only on IT above the hall's installed IT.",
    ),
    (
        "The approved interconnection",
        "The scarce asset of a mining site is power the utility has already approved: by default the MVA of the existing substations. A new substation within it comes online after its lead time. One beyond it needs a new large-load request: it waits for the queue (48 months by default) beside any permitting, then its lead time, and pays the network upgrade charge per kW beyond the approval. ERCOT's large-load queue grew from 63 GW (end of 2024) to about 439 GW (March 2026) against about 9 GW approved to energize; developers are told to plan 24-36+ months from site to power.",
    ),
    (
        "If approved, and the expected NPV",
        "Where a substation needs a request, every figure assumes it is approved and says \"if approved\". The expected NPV weighs in a refused run (no request built, no load started after the refusal is known) at the approval probability (0.5 by default, a judgment). Without an exit multiple an expansion that comes online late rarely pays within the horizon, so the refused run can be worth more. Risk draws the queue (x 0.75 / 1.0 / 2.0) and the approval itself.",
    ),
    (
        "Waiting for power",
        "A load that is ready but gets no power or cooling for 6 months or more is flagged with the part it waits for, and the inspector offers to start building it later, in the month that brings it online with that part (one undo step).",
    ),
];

const RISK_HELP: [(&str, &str); 7] = [
    (
        "What a draw is",
        "Each draw picks the uncertain inputs at random and runs the whole model on them, financing included: a \
         hashprice path and a GPU-hour price path that wander around the base path and are pulled back towards it \
         (mean-reverting walks), and triangular draws of the colocation lease, the power price, the AI build \
         premium, every new part's lead time and the permitting months, and GPU utilization. Each input has a \
         switch and its spread in the inspector (\"Risk (Monte Carlo)\").",
    ),
    (
        "P10, P50, P90",
        "Pq is the value at position ceil(q x N) of the N sorted draws: q of the draws are at or below it. Where \
         more is better (NPV, IRR, EBITDA) P10 is the pessimistic end: 1 in 10 draws is worse than this. Where \
         less is better (payback, full power) P90 is. A draw that never pays back ranks after every paying one; a \
         percentile among them reads \"beyond horizon\".",
    ),
    (
        "Too few draws for a percentile",
        "A figure some draws lack (the equity IRR where it does not exist or is ambiguous, the first full-power \
         year beyond the horizon) shows its percentiles and mean only when at least max(100, 5 % of the draws) \
         have it; otherwise it reads \"only N of M draws have one\". \"Equity IRR of draws\" is this spread; the \
         dashboard's Equity IRR is the base case's, and the best mix ranks on an equity MIRR.",
    ),
    (
        "An optimistic base case",
        "Where the base-case NPV lies above the P75 of its own draws, the uncertain inputs are skewed against it: \
         the Risk tab, the dashboard (once a run exists), Compare, the slides, the report, the workbook and the \
         deck say so with the share of draws below it and the draws' mean, and name the input whose switch-off \
         (on the same first 500 draws) lifts P50 NPV most towards the base case.",
    ),
    (
        "Probability of loss",
        "The share of draws whose pre-tax NPV is below zero. The mean NPV comes with its Monte Carlo standard error: \
         more draws make it smaller.",
    ),
    (
        "The fan and the histogram",
        "The fan shows, month by month, the P10-P90 band and the P50 of the cumulative cash flow over the draws, \
         with the base case dashed. The histogram counts draws by NPV, with P10, P50 and P90 marked.",
    ),
    (
        "Same luck, same figures",
        "Draw i of every scenario uses the same random numbers, switched on or not, so scenarios and switches are \
         compared on the same luck; the same file, draws and seed give the same figures on any machine. The run \
         goes on in the background and starts again when the document changes.",
    ),
];

fn contents(ui: &mut egui::Ui) {
    ui.label(
        "Powerplot simulates the site month by month over the horizon, then sums the months into the figures on \
         the cards. Hover a card or a plot for its values; this window says how each is computed.",
    );
    ui.add_space(6.0);
    egui::CollapsingHeader::new("The figures on the cards").default_open(true).show(ui, |ui| {
        // The firm-capacity cards show only on a site with AI load.
        let with_ai = Kpis { it_load_ai_mw: 1.0, ..Kpis::default() };
        let scenario = Scenario::new("");
        let with_request = Kpis { npv_expected_usd: Some(0.0), npv_if_refused_usd: Some(0.0), ..Kpis::default() };
        let all = cards::cards(&scenario, &Kpis::default())
            .into_iter()
            .chain(cards::firm_cards(&scenario, &with_ai))
            .chain(cards::grid_cards(&scenario, &with_request));
        for card in all {
            paragraph(ui, &card.title, card.explanation);
        }
        for (title, text) in DEFINITIONS {
            paragraph(ui, title, text);
        }
    });
    egui::CollapsingHeader::new("How a month is simulated").default_open(true).show(ui, |ui| {
        for (title, text) in RULES {
            paragraph(ui, title, text);
        }
    });
    egui::CollapsingHeader::new("Time and the grid").default_open(true).show(ui, |ui| {
        for (title, text) in TIME_AND_GRID_HELP {
            paragraph(ui, title, text);
        }
    });
    egui::CollapsingHeader::new("Financing and tax").show(ui, |ui| {
        for (title, text) in FINANCING_RULES {
            paragraph(ui, title, text);
        }
        for p in &crate::model::financing::presets::PRESETS {
            paragraph(ui, &format!("Preset: {}", p.label), p.source);
        }
    });
    egui::CollapsingHeader::new("Comparing scenarios: which rows are ranked").show(ui, |ui| {
        ui.add(
            egui::Label::new(
                "A row is ranked only where more or less is better by nature; an ambiguous IRR never wins; a \
                 scenario over a site limit is never ranked; a row marked \"one business model\" is ranked only \
                 when every scenario compared is mining only, AI only, or both.",
            )
            .wrap(),
        );
        for row in crate::outputs::comparison::rows() {
            let rule = match (row.better, row.same_business_model) {
                (None, _) => "not ranked".to_string(),
                (Some(b), false) => b.describe().to_string(),
                (Some(b), true) => format!("{}, within one business model", b.describe()),
            };
            paragraph(ui, &format!("{} ({rule})", row.label), row.why);
        }
    });
    egui::CollapsingHeader::new("Find the best mix").show(ui, |ui| {
        for (title, text) in super::optimize::HELP {
            paragraph(ui, title, text);
        }
    });
    egui::CollapsingHeader::new("The plots").show(ui, |ui| {
        for kind in PlotKind::ALL {
            paragraph(ui, kind.label(), kind.question());
        }
        ui.label("Drag to pan, scroll or drag an axis to zoom, double-click or \"Reset view\" to fit the data again.");
    });
    egui::CollapsingHeader::new("Risk (Monte Carlo)").show(ui, |ui| {
        for (title, text) in RISK_HELP {
            paragraph(ui, title, text);
        }
        defaults_table(ui, "help_risk", crate::model::risk::RISK_FIELDS, &crate::model::risk::RiskSettings::default());
    });
    egui::CollapsingHeader::new("Defaults and their sources").show(ui, |ui| {
        let a = Assumptions::default();
        ui.label(RichText::new("Site assumptions").strong());
        defaults_table(ui, "help_assumptions", ASSUMPTION_FIELDS, &a);
        let halvings: Vec<String> = a.halvings.iter().map(|h| h.to_string()).collect();
        ui.add(
            egui::Label::new(format!(
                "Start {}. Halvings {}: each halves the hashprice from its month on (the 2028 one is expected at \
                 block 1,050,000; 2032 is an estimate). Permits in hand by default. Hardware refresh on by default.",
                a.start,
                halvings.join(", ")
            ))
            .wrap(),
        );
        ui.add_space(6.0);
        ui.label(RichText::new("Every part").strong());
        defaults_table(ui, "help_component", &COMPONENT_FIELDS[..1], &Component::new(0, KindTag::GpuPod, "", 0.0, 0.0));
        for (title, id) in [
            (KindTag::AsicHall, "help_hall"),
            (KindTag::GpuPod, "help_pod"),
            (KindTag::Substation, "help_substation"),
            (KindTag::CoolingPlant, "help_plant"),
            (KindTag::GasTurbine, "help_turbine"),
        ] {
            ui.add_space(6.0);
            ui.label(RichText::new(title.label()).strong());
            match title {
                KindTag::AsicHall => defaults_table(ui, id, ASIC_HALL_FIELDS, &AsicHall::default()),
                KindTag::GpuPod => defaults_table(ui, id, GPU_POD_FIELDS, &GpuPod::default()),
                KindTag::Substation => defaults_table(ui, id, SUBSTATION_FIELDS, &Substation::default()),
                KindTag::CoolingPlant => defaults_table(ui, id, COOLING_PLANT_FIELDS, &CoolingPlant::default()),
                KindTag::GasTurbine => defaults_table(ui, id, GAS_TURBINE_FIELDS, &GasTurbine::default()),
            }
        }
        ui.add_space(6.0);
        let catalog = Catalog::built_in();
        ui.label(RichText::new(format!("Presets (equipment catalog of {})", catalog.date)).strong());
        ui.add(
            egui::Label::new(
                "Your own miners and GPU systems go in catalog.ron in your config folder (docs/file-format.md, \"Equipment catalog\"); the inspector lists them after these.",
            )
            .wrap(),
        );
        for m in &catalog.miners {
            paragraph(ui, &m.name, &m.tooltip());
        }
        for g in &catalog.gpu_systems {
            paragraph(ui, &g.name, &g.tooltip());
        }
        for c in &COOLING {
            paragraph(ui, c.name, c.source);
        }
    });
}

/// The Help window, open while `app.show_help` is set (its close button clears it).
pub fn show(app: &mut PowerplotApp, ctx: &egui::Context) {
    egui::Window::new(TITLE)
        .open(&mut app.show_help)
        .pivot(egui::Align2::CENTER_CENTER)
        .default_pos(ctx.content_rect().center())
        .default_size([620.0, 520.0])
        .resizable(true)
        .vscroll(true)
        .show(ctx, contents);
}
