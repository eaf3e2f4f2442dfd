//! The phasing view: each part's build start, its wait (a grid request and its approval, or permits), its
//! construction, the months it is online and when it retires; a hall's months switched off for economics and
//! the month its fleet stops; the halvings. Parts with the same kind and dates share a row. Dragging a single
//! new part's span moves its build start (one undo step, applied by the dashboard). The caption names the part
//! that sets the date of full power.

use egui_plot::{Bar, BarChart, GridMark, PlotItem as _, VLine};

use super::{PlotView, Swatch, axes, palette, show_key};
use crate::model::schedule::permitting_months;
use crate::model::{ComponentId, ComponentKind, Evaluation, KindTag, Scenario, YearMonth};

pub const REQUEST: &str = "Grid request and approval";
pub const PERMITTING: &str = "Permitting";
pub const LEAD_TIME: &str = "Construction (lead time)";
pub const ONLINE: &str = "Online";
pub const EXISTING: &str = "Existing";
pub const SWITCHED_OFF: &str = "Switched off (revenue below power)";
pub const STOPPED: &str = "Stopped (fleet not bought again)";
pub const RETIRED: &str = "Retired or converted";

/// One row of the timeline: one part, or several of the same kind with the same dates.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineRow {
    pub label: String,
    pub ids: Vec<ComponentId>,
    pub existing: bool,
    /// The month construction starts (for a substation beyond the approval, the month of its request).
    pub build_start: u32,
    /// Months waiting for the grid request's approval, from the build start (0 without a request).
    pub request_months: u32,
    /// Months of permitting from the build start (beside the request when both).
    pub permitting_months: u32,
    /// Months of lead time (construction), ending at the online month.
    pub lead_months: u32,
    /// The month the part comes online (`ComponentResult::online_month`).
    pub online_month: u32,
    /// The month it retires (its own, or a converted hall's conversion start).
    pub retire_month: Option<u32>,
    /// The month its fleet stops for good (`ComponentResult::stopped_month`), if it does.
    pub stopped_month: Option<u32>,
    /// Runs of months switched off for economics: (first month, months).
    pub off_runs: Vec<(u32, u32)>,
}

impl TimelineRow {
    /// A single new part: its span can be dragged to move its build start.
    pub fn draggable(&self) -> bool {
        self.ids.len() == 1 && !self.existing
    }

    /// The month its running span ends: stop, retirement or `horizon`, the earliest.
    fn run_end(&self, horizon: f64) -> f64 {
        let stop = self.stopped_month.map_or(horizon, f64::from);
        self.retire_month.map_or(stop, |r| stop.min(f64::from(r))).min(horizon)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TimelineData {
    pub rows: Vec<TimelineRow>,
    pub months: u32,
    pub first_revenue_month: Option<u32>,
    pub full_power_month: u32,
    /// Model months of the halvings within the horizon.
    pub halvings: Vec<u32>,
}

fn retrofit(kind: &ComponentKind) -> bool {
    matches!(kind, ComponentKind::GpuPod(p) if p.retrofit)
}

/// The timeline's rows from the evaluation's schedule.
pub fn timeline_data(scenario: &Scenario, evaluation: &Evaluation) -> TimelineData {
    let a = &scenario.assumptions;
    let mut groups: Vec<(KindTag, bool, bool, TimelineRow, Vec<String>)> = Vec::new();
    for (i, c) in scenario.components.iter().enumerate() {
        let Some(r) = evaluation.components.get(i).filter(|r| r.id == c.id) else { continue };
        let part = evaluation.schedule.parts.get(i);
        let request = evaluation.schedule.grid.requests.get(i).copied().flatten().is_some();
        let start = if c.existing { 0 } else { r.build_start_month };
        let waited = part.map_or(start, |p| p.construction).saturating_sub(start);
        let lead = if c.existing { 0 } else { c.lead_time_months.min(r.online_month.saturating_sub(start)) };
        let permits = if c.existing || request { 0 } else { permitting_months(c, a) };
        let row = TimelineRow {
            label: String::new(),
            ids: vec![c.id],
            existing: c.existing,
            build_start: start,
            request_months: if request { waited } else { 0 },
            permitting_months: permits,
            lead_months: lead,
            online_month: r.online_month,
            retire_month: r.retire_month,
            stopped_month: r.stopped_month,
            off_runs: r.off_runs.clone(),
        };
        let key = (c.tag(), c.existing, retrofit(&c.kind));
        let same = groups.iter_mut().find(|(tag, existing, refit, other, _)| {
            (*tag, *existing, *refit) == key && TimelineRow { ids: other.ids.clone(), ..row.clone() } == *other
        });
        match same {
            Some((_, _, _, other, names)) => {
                other.ids.push(c.id);
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
    let months = evaluation.series.len() as u32;
    let halvings = a
        .halvings
        .iter()
        .map(|h| h.months_since(a.start))
        .filter(|&m| m >= 0 && m < i64::from(months))
        .map(|m| m as u32)
        .collect();
    TimelineData {
        rows,
        months,
        first_revenue_month: evaluation.kpis.first_revenue_month,
        full_power_month: evaluation.kpis.full_power_month,
        halvings,
    }
}

/// The build start a drag of `dx` months gives a row that started at `from` (whole months, 0 to 240).
pub fn dragged_start(from: u32, dx: f64) -> u32 {
    (f64::from(from) + dx).round().clamp(0.0, 240.0) as u32
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
    let Some((c, r)) =
        evaluation.kpis.full_power_set_by.and_then(|id| scenario.component(id).zip(evaluation.component(id)))
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

/// Where month `month` of row `row` was drawn in the last frame of `view`'s timeline (for tests and tools
/// that drive the window); `None` before it was drawn.
pub fn screen_position(ctx: &egui::Context, view: PlotView, month: f64, row: usize) -> Option<egui::Pos2> {
    let t: egui_plot::PlotTransform = ctx.data(|d| d.get_temp(view.plot_id("timeline_transform")))?;
    Some(egui::pos2(t.position_from_point_x(month), t.position_from_point_y(-(row as f64))))
}

/// Draws the phasing view; returns a new build start when the user dropped a dragged span (part, month).
pub fn show_timeline(
    ui: &mut egui::Ui,
    scenario: &Scenario,
    evaluation: &Evaluation,
    view: PlotView,
) -> Option<(ComponentId, u32)> {
    let data = timeline_data(scenario, evaluation);
    if data.rows.is_empty() {
        ui.label("No parts on the site yet.");
        return None;
    }
    let labels: Vec<String> = data.rows.iter().map(|r| r.label.clone()).collect();
    let rows = labels.len();
    let horizon = data.months as f64;
    let reference = palette::reference(ui);
    let mut key = Vec::new();
    let any = |pick: fn(&TimelineRow) -> bool| data.rows.iter().any(pick);
    if any(|r| r.request_months > 0) {
        key.push((REQUEST.to_string(), palette::SUBSTATION, Swatch::Area));
    }
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
    if any(|r| !r.off_runs.is_empty()) {
        key.push((SWITCHED_OFF.to_string(), palette::SWITCHED_OFF, Swatch::Area));
    }
    if any(|r| r.stopped_month.is_some()) {
        key.push((STOPPED.to_string(), palette::SWITCHED_OFF, Swatch::Idle));
    }
    if any(|r| r.retire_month.is_some()) {
        key.push((RETIRED.to_string(), palette::OVERHEAD, Swatch::Idle));
    }
    if !data.halvings.is_empty() {
        key.push(("Halving".to_string(), palette::HALVING, Swatch::Dashed));
    }
    if data.first_revenue_month.is_some() {
        key.push(("First revenue".to_string(), palette::DISCOUNTED, Swatch::Line));
    }
    key.push(("Full power".to_string(), reference, Swatch::Line));
    show_key(ui, &key);
    let plot = view
        .plot("timeline")
        // A drag moves a part's build start; the view zooms with the wheel and pans with the axes.
        .allow_drag(false)
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
    let drag_id = view.plot_id("timeline_drag");
    let dragging: Option<(usize, f64)> = ui.data(|d| d.get_temp(drag_id));
    let response = axes::calendar_x(plot, scenario.assumptions.start).show(ui, |plot_ui| {
        let segment = |name: &str, color, pick: &dyn Fn(&TimelineRow) -> Vec<(f64, f64)>| {
            let bars: Vec<Bar> = data
                .rows
                .iter()
                .enumerate()
                .flat_map(|(i, r)| {
                    pick(r)
                        .into_iter()
                        .map(move |(from, len)| Bar::new(-(i as f64), len).base_offset(from).name(&r.label))
                })
                .collect();
            let text = bar_text.clone();
            BarChart::new(name, bars)
                .horizontal()
                .width(0.6)
                .color(color)
                .element_formatter(Box::new(move |bar, chart| text(bar, chart)))
        };
        let span = |from: f64, len: f64| -> Vec<(f64, f64)> {
            if len > 0.0 && from < horizon { vec![(from, len.min(horizon - from))] } else { Vec::new() }
        };
        plot_ui
            .bar_chart(segment(REQUEST, palette::SUBSTATION, &|r| span(r.build_start as f64, r.request_months as f64)));
        plot_ui.bar_chart(segment(PERMITTING, palette::PERMITTING, &|r| {
            span(r.build_start as f64, r.permitting_months as f64)
        }));
        plot_ui.bar_chart(segment(LEAD_TIME, palette::LEAD_TIME, &|r| {
            span((r.online_month - r.lead_months) as f64, r.lead_months as f64)
        }));
        plot_ui.bar_chart(segment(ONLINE, palette::ONLINE, &|r| {
            if r.existing {
                Vec::new()
            } else {
                span(r.online_month as f64, r.run_end(horizon) - r.online_month as f64)
            }
        }));
        plot_ui.bar_chart(segment(EXISTING, palette::EXISTING, &|r| {
            if r.existing { span(0.0, r.run_end(horizon)) } else { Vec::new() }
        }));
        plot_ui.bar_chart(segment(SWITCHED_OFF, palette::SWITCHED_OFF, &|r| {
            r.off_runs.iter().flat_map(|&(m, len)| span(m as f64, len as f64)).collect()
        }));
        plot_ui.bar_chart(segment(STOPPED, palette::SWITCHED_OFF.gamma_multiply(0.5), &|r| {
            let end = r.retire_month.map_or(horizon, |m| (m as f64).min(horizon));
            r.stopped_month.map_or(Vec::new(), |m| span(m as f64, end - m as f64))
        }));
        plot_ui.bar_chart(segment(RETIRED, palette::OVERHEAD.gamma_multiply(0.35), &|r| {
            r.retire_month.map_or(Vec::new(), |m| span(m as f64, horizon - m as f64))
        }));
        for &h in &data.halvings {
            plot_ui.vline(
                VLine::new("Halving", h as f64).color(palette::HALVING).style(egui_plot::LineStyle::dashed_loose()),
            );
        }
        if let Some(m) = data.first_revenue_month {
            plot_ui.vline(VLine::new("First revenue", m as f64).color(palette::DISCOUNTED).width(1.5));
        }
        plot_ui.vline(VLine::new("Full power", data.full_power_month as f64).color(reference).width(1.5));
        // The dragged part's new build start, while the drag lasts.
        if let (Some((row, from_x)), Some(pointer)) = (dragging, plot_ui.pointer_coordinate())
            && let Some(r) = data.rows.get(row)
        {
            let to = dragged_start(r.build_start, pointer.x - from_x);
            plot_ui.vline(
                VLine::new(format!("Build start {}", axes::calendar(start, to as f64)), to as f64)
                    .color(reference)
                    .width(2.0),
            );
        }
        plot_ui.pointer_coordinate()
    });
    let pointer = response.inner;
    ui.data_mut(|d| d.insert_temp(view.plot_id("timeline_transform"), response.transform));
    let r = &response.response;
    // Where the press began, in plot coordinates: a drag starts only once the pointer has moved a little.
    let origin = ui.input(|i| i.pointer.press_origin()).map(|p| response.transform.value_from_position(p));
    if r.drag_started()
        && let Some(p) = origin
    {
        let row = (-p.y).round();
        let hit = (row >= 0.0).then_some(row as usize).and_then(|i| data.rows.get(i).map(|r| (i, r)));
        if let Some((i, row)) =
            hit.filter(|(_, row)| row.draggable() && p.x >= row.build_start as f64 - 1.0 && p.x <= row.run_end(horizon))
        {
            let _ = row;
            ui.data_mut(|d| d.insert_temp(drag_id, (i, p.x)));
        }
    }
    if r.drag_stopped() || (dragging.is_some() && !ui.input(|i| i.pointer.any_down())) {
        ui.data_mut(|d| d.remove::<(usize, f64)>(drag_id));
        if let (Some((i, from_x)), Some(p)) = (dragging, pointer)
            && let Some(row) = data.rows.get(i)
        {
            let to = dragged_start(row.build_start, p.x - from_x);
            if to != row.build_start {
                return row.ids.first().map(|&id| (id, to));
            }
        }
    }
    None
}
