//! The dashboard's plots. Each file holds one plot: a pure function that prepares its points from the
//! evaluation (tested against the simulation's monthly arrays) and a `show_*` function that draws it into
//! any `Ui`, so the dashboard, presentation mode and PNG export share them.

pub mod axes;
pub mod capex;
pub mod cashflow;
pub mod dscr;
pub mod palette;
pub mod power;
pub mod stack;
pub mod timeline;
pub mod tornado;
pub mod water;

/// Where a plot keeps its view (egui_plot remembers pan and zoom per id) and whether to drop that view and
/// fit the data again this frame. Two views with different ids never share a zoom.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlotView {
    pub id: egui::Id,
    pub reset: bool,
}

impl PlotView {
    /// A view keyed by `salt` (e.g. the dashboard, or a comparison column).
    pub fn new(salt: impl std::hash::Hash + std::fmt::Debug) -> Self {
        PlotView { id: egui::Id::unique(("powerplot_plot_view", salt)), reset: false }
    }

    pub fn with_reset(self, reset: bool) -> Self {
        PlotView { reset, ..self }
    }

    /// The egui_plot id of plot `name` in this view.
    pub fn plot_id(&self, name: &str) -> egui::Id {
        self.id.with(name)
    }

    /// An egui_plot `Plot` with this view's id, reset when asked. Its legend is the key above it (`show_key`),
    /// which keeps the small dashboard plot free of an overlay.
    pub fn plot<'a>(&self, name: &str) -> egui_plot::Plot<'a> {
        let plot = egui_plot::Plot::new(name)
            .id(self.plot_id(name))
            .allow_double_click_reset(true)
            .y_grid_spacer(|input| axes::nice_marks(&input, 3.0));
        if self.reset { plot.reset() } else { plot }
    }
}

/// How a key entry is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Swatch {
    Area,
    Line,
    Dashed,
    Marker,
    /// A faint area with a dashed top: power left idle.
    Idle,
}

/// The legend of a plot as one wrapped row of swatches and names above it.
pub fn show_key(ui: &mut egui::Ui, entries: &[(String, egui::Color32, Swatch)]) {
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing = egui::vec2(4.0, 0.0);
        for (name, color, swatch) in entries {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 10.0), egui::Sense::hover());
            let painter = ui.painter();
            let mid = rect.left_center()..=rect.right_center();
            match swatch {
                Swatch::Area => {
                    painter.rect_filled(rect, 1.0, palette::fill(*color));
                }
                Swatch::Line => {
                    painter.line_segment([*mid.start(), *mid.end()], egui::Stroke::new(2.0, *color));
                }
                Swatch::Dashed => {
                    let points = [*mid.start(), *mid.end()];
                    painter.extend(egui::Shape::dashed_line(&points, egui::Stroke::new(1.5, *color), 3.0, 2.0));
                }
                Swatch::Marker => {
                    painter.circle_filled(rect.center(), 4.0, *color);
                }
                Swatch::Idle => {
                    painter.rect_filled(rect, 1.0, color.gamma_multiply(0.25));
                    let top = [rect.left_top(), rect.right_top()];
                    painter.extend(egui::Shape::dashed_line(&top, egui::Stroke::new(1.5, *color), 3.0, 2.0));
                }
            }
            ui.label(egui::RichText::new(name).small());
            ui.add_space(6.0);
        }
    });
}

/// The plots the dashboard offers, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PlotKind {
    #[default]
    Capex,
    Power,
    Water,
    CashFlow,
    Dscr,
    Timeline,
    Sensitivity,
}

impl PlotKind {
    pub const ALL: [PlotKind; 7] = [
        PlotKind::Capex,
        PlotKind::Power,
        PlotKind::Water,
        PlotKind::CashFlow,
        PlotKind::Dscr,
        PlotKind::Timeline,
        PlotKind::Sensitivity,
    ];

    /// The tab's label.
    pub fn label(self) -> &'static str {
        match self {
            PlotKind::Capex => "Capex",
            PlotKind::Power => "Power",
            PlotKind::Water => "Water",
            PlotKind::CashFlow => "Cash flow",
            PlotKind::Dscr => "DSCR",
            PlotKind::Timeline => "Timeline",
            PlotKind::Sensitivity => "Sensitivity",
        }
    }

    /// What the plot answers, shown as the tab's tooltip.
    pub fn question(self) -> &'static str {
        match self {
            PlotKind::Capex => "What the build costs by category, and the same site priced as a mining build",
            PlotKind::Power => "Power drawn each month by use, against the grid and generation capacity",
            PlotKind::Water => "Water used per day by the cooling plants, with the household equivalent",
            PlotKind::CashFlow => {
                "Cumulative cash flow (project, after tax or equity), when it pays back, and the halvings"
            }
            PlotKind::Dscr => "Debt service cover by project year against the lenders' covenant",
            PlotKind::Timeline => "When each part comes online: permitting and lead times",
            PlotKind::Sensitivity => "How NPV moves when each driver is 20 % lower or higher",
        }
    }
}
