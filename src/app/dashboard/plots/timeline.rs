//! When each part comes online, as Gantt bars: permitting, then lead time (procurement and build), then
//! online to the end of the horizon. Parts with the same kind and dates share a row. The caption names the
//! part that sets the date of full power, which is what the site's permits and grid connection are worth.

use egui_plot::{Bar, BarChart, GridMark, PlotItem as _, VLine};

use super::{PlotView, Swatch, axes, palette, show_key};
use crate::model::{ComponentId, ComponentKind, Evaluation, KindTag, Scenario, YearMonth};

pub const PERMITTING: &str = "Permitting";
pub const LEAD_TIME: &str = "Lead time";
pub const ONLINE: &str = "Online";
pub const EXISTING: &str = "Existing";
pub const STOPPED: &str = "Stopped (fleet not bought again)";

/// One row of the timeline: one part, or several of the same kind with the same dates.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineRow {
    pub label: String,
    pub ids: Vec<ComponentId>,
    pub existing: bool,
    /// Months of permitting, from month 0.
    pub permitting_months: u32,
    /// Months of lead time, after permitting.
    pub lead_months: u32,
    /// The month the part comes online (`ComponentResult::online_month`).
    pub online_month: u32,
    /// The month its fleet stops for good (`ComponentResult::stopped_month`), if it does.
    pub stopped_month: Option<u32>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TimelineData {
    pub rows: Vec<TimelineRow>,
    pub months: u32,
    pub first_revenue_month: Option<u32>,
    pub full_power_month: u32,
}

fn retrofit(kind: &ComponentKind) -> bool {
    matches!(kind, ComponentKind::GpuPod(p) if p.retrofit)
}

/// The timeline's rows from the evaluation's online months, split into permitting and lead time.
pub fn timeline_data(scenario: &Scenario, evaluation: &Evaluation) -> TimelineData {
    let mut groups: Vec<(KindTag, bool, bool, TimelineRow, Vec<String>)> = Vec::new();
    for c in &scenario.components {
        let result = evaluation.component(c.id);
        let online = result.map_or(c.lead_time_months, |r| r.online_month);
        let stopped_month = result.and_then(|r| r.stopped_month);
        let lead = if c.existing { 0 } else { c.lead_time_months.min(online) };
        let row = TimelineRow {
            label: String::new(),
            ids: vec![c.id],
            existing: c.existing,
            permitting_months: online - lead,
            lead_months: lead,
            online_month: online,
            stopped_month,
        };
        let key = (c.tag(), c.existing, retrofit(&c.kind));
        let same = groups.iter_mut().find(|(tag, existing, refit, r, _)| {
            (*tag, *existing, *refit) == key
                && (r.permitting_months, r.lead_months, r.online_month, r.stopped_month)
                    == (row.permitting_months, row.lead_months, online, stopped_month)
        });
        match same {
            Some((_, _, _, r, names)) => {
                r.ids.push(c.id);
                names.push(c.name.clone());
            }
            None => groups.push((key.0, key.1, key.2, row, vec![c.name.clone()])),
        }
    }
    let rows = groups
        .into_iter()
        .map(|(tag, existing, refit, mut row, names)| {
            row.label = match names.as_slice() {
                [one] => one.clone(),
                _ => {
                    let note = if existing {
                        " (existing)"
                    } else if refit {
                        " (retrofit)"
                    } else {
                        ""
                    };
                    format!("{} ×{}{note}", tag.label(), names.len())
                }
            };
            row
        })
        .collect();
    TimelineData {
        rows,
        months: evaluation.series.len() as u32,
        first_revenue_month: evaluation.kpis.first_revenue_month,
        full_power_month: evaluation.kpis.full_power_month,
    }
}

/// What sets the date of full power, in one sentence.
pub fn critical_path_caption(scenario: &Scenario, evaluation: &Evaluation) -> String {
    let a = &scenario.assumptions;
    if scenario.components.is_empty() {
        return format!("{}: no parts on the site yet", scenario.name);
    }
    let full = evaluation.kpis.full_power_month;
    let when = a.start.plus_months(full);
    // The part the schedule names as the one that sets full power.
    let Some((c, r)) = evaluation.kpis.full_power_set_by.and_then(|id| scenario.component(id).zip(evaluation.component(id)))
    else {
        return "Every part is already built: full power from the start.".to_string();
    };
    let on = r.online_month - r.build_start_month;
    let permitting = on - c.lead_time_months.min(on);
    let wait = if permitting > 0 {
        format!("{permitting} months permitting + {} lead time", c.lead_time_months)
    } else {
        format!("{} months lead time", c.lead_time_months)
    };
    format!("Full power {when} (month {full}) waits for {}: {wait}", c.name)
}

fn month_span(start: YearMonth, from: f64, months: f64) -> String {
    format!("{:.0} months, {} to {}", months, axes::calendar(start, from), axes::calendar(start, from + months))
}

pub fn show_timeline(ui: &mut egui::Ui, scenario: &Scenario, evaluation: &Evaluation, view: PlotView) {
    let data = timeline_data(scenario, evaluation);
    if data.rows.is_empty() {
        ui.label("No parts on the site yet.");
        return;
    }
    let labels: Vec<String> = data.rows.iter().map(|r| r.label.clone()).collect();
    let rows = labels.len();
    let horizon = data.months as f64;
    let reference = palette::reference(ui);
    let mut key = Vec::new();
    let any = |pick: fn(&TimelineRow) -> bool| data.rows.iter().any(pick);
    if any(|r| r.permitting_months > 0) {
        key.push((PERMITTING.to_string(), palette::PERMITTING, Swatch::Area));
    }
    if any(|r| r.lead_months > 0) {
        key.push((LEAD_TIME.to_string(), palette::LEAD_TIME, Swatch::Area));
    }
    if any(|r| !r.existing) {
        key.push((ONLINE.to_string(), palette::ONLINE, Swatch::Area));
    }
    if any(|r| r.existing) {
        key.push((EXISTING.to_string(), palette::EXISTING, Swatch::Area));
    }
    if any(|r| r.stopped_month.is_some()) {
        key.push((STOPPED.to_string(), palette::SWITCHED_OFF, Swatch::Idle));
    }
    if data.first_revenue_month.is_some() {
        key.push(("First revenue".to_string(), palette::DISCOUNTED, Swatch::Line));
    }
    key.push(("Full power".to_string(), reference, Swatch::Line));
    show_key(ui, &key);
    let plot = view
        .plot("timeline")
        .y_grid_spacer(move |_| (0..rows).map(|i| GridMark { value: -(i as f64), step_size: 1.0 }).collect())
        .y_axis_formatter(move |mark, _| {
            let i = (-mark.value).round();
            if i >= 0.0 { labels.get(i as usize).cloned().unwrap_or_default() } else { String::new() }
        })
        .include_x(0.0)
        .include_x(horizon)
        .include_y(0.6)
        .include_y(-(rows as f64) + 0.4)
        .show_y(false);
    let start = scenario.assumptions.start;
    let bar_text = move |bar: &Bar, chart: &BarChart| {
        let row = bar.name.clone();
        format!("{row}\n{}: {}", chart.name(), month_span(start, bar.base_offset.unwrap_or(0.0), bar.value))
    };
    let bar_text = std::sync::Arc::new(bar_text);
    axes::calendar_x(plot, scenario.assumptions.start).show(ui, |plot_ui| {
        let segment = |name: &str, color, pick: &dyn Fn(&TimelineRow) -> Option<(f64, f64)>| {
            let bars: Vec<Bar> = data
                .rows
                .iter()
                .enumerate()
                .filter_map(|(i, r)| {
                    pick(r).map(|(from, len)| Bar::new(-(i as f64), len).base_offset(from).name(&r.label))
                })
                .collect();
            let text = bar_text.clone();
            BarChart::new(name, bars)
                .horizontal()
                .width(0.6)
                .color(color)
                .element_formatter(Box::new(move |bar, chart| text(bar, chart)))
        };
        let positive = |from: f64, len: f64| (len > 0.0 && from < horizon).then_some((from, len.min(horizon - from)));
        plot_ui.bar_chart(segment(PERMITTING, palette::PERMITTING, &|r| positive(0.0, r.permitting_months as f64)));
        plot_ui.bar_chart(segment(LEAD_TIME, palette::LEAD_TIME, &|r| {
            positive(r.permitting_months as f64, r.lead_months as f64)
        }));
        // Running until the fleet stops (or the horizon's end), then stopped.
        let end = |r: &TimelineRow| r.stopped_month.map_or(horizon, |m| (m as f64).min(horizon));
        plot_ui.bar_chart(segment(ONLINE, palette::ONLINE, &|r| {
            (!r.existing).then(|| positive(r.online_month as f64, end(r) - r.online_month as f64)).flatten()
        }));
        plot_ui
            .bar_chart(segment(EXISTING, palette::EXISTING, &|r| r.existing.then(|| positive(0.0, end(r))).flatten()));
        plot_ui.bar_chart(segment(STOPPED, palette::SWITCHED_OFF.gamma_multiply(0.5), &|r| {
            r.stopped_month.and_then(|m| positive(m as f64, horizon - m as f64))
        }));
        if let Some(m) = data.first_revenue_month {
            plot_ui.vline(VLine::new("First revenue", m as f64).color(palette::DISCOUNTED).width(1.5));
        }
        plot_ui.vline(VLine::new("Full power", data.full_power_month as f64).color(reference).width(1.5));
    });
}
