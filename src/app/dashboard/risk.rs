//! The Risk tab: P10/P50/P90 cards with each end in words, the probability of loss, a fan of cumulative cash
//! flow (P10-P90 band, P50 line, base line) and the NPV histogram. The run happens off the UI thread
//! (`app::risk_run`); this view asks for it and shows its progress.

use egui::{Align, Layout};
use egui_plot::{Bar, BarChart, FilledArea, HLine, Line, PlotPoints, VLine};

use super::cards::{self, Card, Tone};
use super::plots::{PlotView, Swatch, axes, palette, show_key};
use crate::app::document::Document;
use crate::app::risk_run::{RiskRuns, RunKey, RunState};
use crate::model::risk::{RiskResult, Spread};
use crate::outputs::format;
use crate::outputs::risk as risk_report;

/// Which end of a spread is the pessimistic one.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Better {
    Higher,
    Lower,
}

const PESSIMISTIC: &str = "1 in 10 draws is worse than this";
const MEDIAN: &str = "the middle of the draws";
const OPTIMISTIC: &str = "1 in 10 draws is better than this";

/// Three cards for one figure: the pessimistic end, the median and the optimistic end, in words.
fn three(
    title: &str,
    s: &Spread,
    better: Better,
    show: impl Fn(Option<f64>) -> String,
    tip: &'static str,
) -> [Card; 3] {
    let (worst, best, worst_p, best_p) = match better {
        Better::Higher => (s.p10, s.p90, "P10", "P90"),
        Better::Lower => (s.p90, s.p10, "P90", "P10"),
    };
    let card = |p: &str, v: Option<f64>, words: &str| Card {
        title: format!("{title} {p}"),
        value: show(v),
        detail: words.to_string(),
        tone: Tone::Normal,
        explanation: tip,
        wide: false,
    };
    [card(worst_p, worst, PESSIMISTIC), card("P50", s.p50, MEDIAN), card(best_p, best, OPTIMISTIC)]
}

fn money(v: Option<f64>) -> String {
    v.map_or_else(|| "n/a".to_string(), format::money)
}

/// The Risk tab's cards, in reading order (pure: tests read it).
pub fn risk_cards(r: &RiskResult) -> Vec<Card> {
    let mut out = Vec::new();
    out.push(Card {
        title: "Probability of loss".into(),
        value: format::percent(r.prob_npv_negative),
        detail: format!("of {} draws have NPV < 0", format::count(r.draws as f64)),
        tone: if r.prob_npv_negative >= 0.1 { Tone::Short } else { Tone::Normal },
        explanation: "The share of draws whose pre-tax NPV is below zero.",
        wide: false,
    });
    out.push(Card {
        title: "Mean NPV".into(),
        value: money(r.npv.mean),
        detail: format!("± {} (std. error)", money(r.npv.std_error)),
        tone: Tone::Normal,
        explanation: "The mean NPV over the draws and its Monte Carlo standard error (more draws make it smaller).",
        wide: false,
    });
    let optimistic = r.base_is_optimistic();
    out.push(Card {
        title: "Base case NPV".into(),
        value: format::money(r.base_npv),
        detail: if optimistic {
            format!("above {} of draws: optimistic", format::percent(r.below_base_share()))
        } else {
            format!("every input at its base; above {} of draws", format::percent(r.below_base_share()))
        },
        tone: if optimistic { Tone::Short } else { Tone::Normal },
        explanation: "The deterministic NPV of the other tabs, for comparison. Where it lies above the P75 of its own draws, the base case is optimistic: the uncertain inputs are skewed against it (the line under the cards names the input that skews it most).",
        wide: false,
    });
    out.extend(three("NPV", &r.npv, Better::Higher, money, "Pre-tax unlevered NPV at the discount rate, per draw."));
    let irr_tip = "Equity IRR of the draws (after tax, with the scenario's debt), over the draws where it exists and is not ambiguous; shown only when at least max(100, 5 % of the draws) have one. Not the base case's equity IRR (the dashboard's equity cards) nor the best mix's equity MIRR.";
    let mut irr = three(
        "Equity IRR of draws",
        &r.equity_irr,
        Better::Higher,
        |v| v.map_or("n/a".into(), format::percent),
        irr_tip,
    );
    withhold(&mut irr, &r.equity_irr, r.draws);
    out.extend(irr);
    out.extend(three(
        "Payback",
        &r.payback_months,
        Better::Lower,
        |v| format::months(v, "beyond horizon"),
        "Simple payback per draw; a draw that never pays back ranks above every paying one.",
    ));
    out.extend(three(
        "Full power",
        &r.full_power_month,
        Better::Lower,
        |v| v.map_or("n/a".into(), |m| format!("month {m:.0}")),
        "The month the last part comes online, with drawn lead times and permitting.",
    ));
    let mut ebitda = three(
        "1st-year EBITDA",
        &r.annual_ebitda,
        Better::Higher,
        money,
        "EBITDA over each draw's own 12 months from its full-power month.",
    );
    withhold(&mut ebitda, &r.annual_ebitda, r.draws);
    out.extend(ebitda);
    out
}

/// Beside the headline NPV, where the base case lies above the P75 of its own draws: the share of draws
/// below it, the draws' mean and the input that skews them most. `None` when the base case is not optimistic.
pub fn optimism_card(r: &RiskResult) -> Option<Card> {
    if !r.base_is_optimistic() {
        return None;
    }
    Some(Card {
        title: "Base case vs its risk draws".into(),
        value: "optimistic".into(),
        detail: format!("above {} of draws · their mean {}", format::percent(r.below_base_share()), money(r.npv.mean)),
        tone: Tone::Short,
        explanation: "The base-case NPV lies above the P75 of the scenario's own Monte Carlo draws: the uncertain inputs are skewed against it, so the base case is optimistic. The draws' mean is the fairer central figure; the Risk tab names the input whose switch-off moves the draws' P50 most towards the base case.",
        wide: false,
    })
}

/// Too few draws have the figure: its cards say so ("only 30 of 100 draws have one") instead of showing a
/// percentile of a handful of draws; `risk_report::withheld` words it in full for the table and the report.
fn withhold(cards: &mut [Card; 3], s: &Spread, draws: u32) {
    if s.withheld {
        let have = if s.count == 1 { "has" } else { "have" };
        for c in cards {
            c.value = "n/a".into();
            c.detail = format!(
                "only {} of {} draws {have} one",
                format::count(f64::from(s.count)),
                format::count(f64::from(draws))
            );
        }
    }
}

/// Shares left out, in words (shown under the cards), after the optimistic-base-case caveat when there is one.
fn left_out(r: &RiskResult) -> String {
    let caveat = risk_report::optimism_line(r).map(|l| format!("{l} ")).unwrap_or_default();
    caveat
        + &format!(
            "Never pays back in {} of draws; no equity IRR (none or ambiguous) in {}; full-power year beyond the horizon in {}.",
            format::percent(r.payback_never_share),
            format::percent(r.equity_irr_none_share),
            format::percent(r.annual_ebitda_none_share)
        )
}

/// The status line: what is being run or what the figures are.
pub fn status(state: RunState, draws: u32, seed: u64) -> String {
    match state {
        RunState::Running { done, draws } => {
            format!("Running {} of {} draws…", format::count(done as f64), format::count(draws as f64))
        }
        RunState::Ready => format!(
            "{} draws, seed {seed}: the same file, draws and seed give the same figures",
            format::count(draws as f64)
        ),
        RunState::Idle => "Starting…".to_string(),
    }
}

/// A Risk card's least width: its worded end fits whole.
const RISK_CARD_WIDTH: f32 = 152.0;

/// The dashboard's least height while the Risk tab is open: its chart gets at least 200 px at 1280 x 720.
pub const MIN_HEIGHT: f32 = 340.0;

/// The chart shown beside the Risk tab's cards: one at a time, so it gets the dashboard's whole height.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RiskChart {
    #[default]
    Fan,
    Histogram,
}

impl RiskChart {
    pub fn label(self) -> &'static str {
        match self {
            RiskChart::Fan => "Cash-flow fan",
            RiskChart::Histogram => "NPV histogram",
        }
    }
}

/// The plot views of the Risk tab's charts for scenario `active` (tests read their plot memory).
pub fn fan_view(active: usize) -> PlotView {
    PlotView::new(("risk_fan", active))
}

pub fn histogram_view(active: usize) -> PlotView {
    PlotView::new(("risk_histogram", active))
}

pub fn show(ui: &mut egui::Ui, runs: &mut RiskRuns, chart: &mut RiskChart, doc: &Document) {
    let key = RunKey { scenario: doc.active, revision: doc.revision };
    let scenario = doc.scenario();
    // No run while a drag is under way: it would be cancelled a frame later.
    if !doc.in_gesture() {
        runs.want(scenario, key);
    }
    let state = runs.state(key);
    if let RunState::Running { .. } = state {
        // Progress is shown ten times a second while the run goes; nothing repaints once it is over.
        ui.ctx().request_repaint_after(std::time::Duration::from_millis(100));
    }
    let risk = &scenario.assumptions.risk;
    ui.horizontal(|ui| {
        if let RunState::Running { done, draws } = state {
            ui.add(egui::ProgressBar::new(done as f32 / draws.max(1) as f32).desired_width(160.0).show_percentage());
        }
        ui.label(egui::RichText::new(status(state, risk.draws, risk.seed)).small());
    });
    let Some(result) = runs.result(key).cloned() else {
        ui.label("The figures appear when the run ends; the window stays usable meanwhile. Inputs and spreads are in the inspector under \"Risk (Monte Carlo)\".");
        // Keep the dashboard's height while waiting (the panel would shrink to the line).
        ui.allocate_space(ui.available_size());
        return;
    };
    let full = ui.available_rect_before_wrap();
    // Three cards a row (pessimistic, median, optimistic), as wide as fits under four columns, so the worded
    // ends are not cut off.
    // Three columns of cards wide enough for "1 in 10 draws is better than this" (about 150 pt in small type).
    let three_columns = 3.0 * (RISK_CARD_WIDTH + 4.0) - 4.0;
    let cards_width =
        (full.width() * 0.6).clamp(three_columns, 4.0 * (cards::CARD_WIDTH + 4.0) - 8.0).max(three_columns);
    ui.horizontal_top(|ui| {
        ui.allocate_ui_with_layout(egui::vec2(cards_width + 8.0, full.height()), Layout::top_down(Align::Min), |ui| {
            egui::ScrollArea::vertical().id_salt("risk_cards").auto_shrink([true, false]).show(ui, |ui| {
                cards::show_cards(ui, &risk_cards(&result), cards_width);
                ui.add(egui::Label::new(egui::RichText::new(left_out(&result)).small()).wrap());
            });
        });
        ui.separator();
        ui.vertical(|ui| {
            ui.horizontal(|ui| {
                for c in [RiskChart::Fan, RiskChart::Histogram] {
                    if ui.selectable_label(*chart == c, c.label()).clicked() {
                        *chart = c;
                    }
                }
            });
            match chart {
                RiskChart::Fan => show_fan(ui, doc, &result, fan_view(doc.active)),
                RiskChart::Histogram => show_histogram(ui, &result, histogram_view(doc.active)),
            }
        });
    });
}

/// The fan of cumulative cash flow: P10-P90 band, P50 line and the base case, month m drawn at x = m + 1.
pub fn show_fan(ui: &mut egui::Ui, doc: &Document, r: &RiskResult, view: PlotView) {
    let start = doc.scenario().assumptions.start;
    let band = palette::SIMPLE.gamma_multiply(0.35);
    let reference = palette::reference(ui);
    show_key(
        ui,
        &[
            ("P10-P90 of the draws".to_string(), band, Swatch::Area),
            ("P50".to_string(), palette::SIMPLE, Swatch::Line),
            ("base case".to_string(), reference, Swatch::Dashed),
        ],
    );
    let xs: Vec<f64> = (1..=r.fan.p50.len()).map(|m| m as f64).collect();
    let line = |v: &[f64]| xs.iter().zip(v).map(|(x, y)| [*x, *y]).collect::<PlotPoints<'_>>();
    let plot = axes::money_y(axes::calendar_x(view.plot("risk_fan").include_y(0.0), start), "Cumulative cash flow, $");
    plot.show(ui, |plot_ui| {
        plot_ui.hline(HLine::new("", 0.0).color(reference.gamma_multiply(0.5)).width(1.0));
        plot_ui.add(FilledArea::new("P10-P90", &xs, &r.fan.p10, &r.fan.p90).fill_color(band));
        plot_ui.line(Line::new("P50", line(&r.fan.p50)).color(palette::SIMPLE).width(2.0));
        plot_ui.line(
            Line::new("Base case", line(&r.fan.base)).color(reference).style(egui_plot::LineStyle::dashed_loose()),
        );
    });
}

/// NPV histogram with P10, P50 and P90 marked.
pub fn show_histogram(ui: &mut egui::Ui, r: &RiskResult, view: PlotView) {
    let h = &r.histogram;
    let bars: Vec<Bar> = h.bars().map(|(x, n)| Bar::new(x, n as f64).width(h.width * 0.95)).collect();
    show_key(
        ui,
        &[
            ("draws by NPV".to_string(), palette::SIMPLE, Swatch::Area),
            ("P10 / P50 / P90".to_string(), palette::HIGHER, Swatch::Dashed),
            ("zero".to_string(), palette::WARNING, Swatch::Line),
        ],
    );
    let plot = view.plot("risk_histogram").x_axis_formatter(|mark, _| format::money(mark.value)).y_axis_label("draws");
    plot.show(ui, |plot_ui| {
        plot_ui.bar_chart(BarChart::new("NPV", bars).color(palette::fill(palette::SIMPLE)));
        for (name, v) in [("P10", r.npv.p10), ("P50", r.npv.p50), ("P90", r.npv.p90)] {
            if let Some(v) = v {
                plot_ui.vline(VLine::new(name, v).color(palette::HIGHER).style(egui_plot::LineStyle::dashed_dense()));
            }
        }
        plot_ui.vline(VLine::new("NPV = 0", 0.0).color(palette::WARNING).width(1.0));
    });
}
