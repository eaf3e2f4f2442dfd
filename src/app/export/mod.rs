//! Exports from File > Export: the window, the site plan or the dashboard as on screen (egui's screenshot,
//! cropped to the widget); and, drawn offscreen at the chosen export scale (so they need no window), the
//! whole site plan, every dashboard plot, presentation slides and the Markdown report with its pictures.
//! Files go into a folder beside the project file, and a notice says where.

pub mod images;
pub mod job;
pub mod offscreen;
pub mod pack;
pub mod plots;
pub mod png;
pub mod raster;
pub mod report;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use egui::{ColorImage, Rect};

use super::PowerplotApp;
use super::commands::UiCommand;

/// The export scales offered in File > Export > Export scale (pixels per point of the offscreen pictures).
pub const EXPORT_SCALES: [f32; 3] = [1.0, 2.0, 3.0];
/// The scale until the user picks another: crisp on a 4K projector or in a printed report.
pub const DEFAULT_EXPORT_SCALE: f32 = 2.0;

/// The offered export scale nearest to `scale` (a hand-edited or corrupt preference falls back to the default).
pub fn clamp_export_scale(scale: f32) -> f32 {
    if !scale.is_finite() {
        return DEFAULT_EXPORT_SCALE;
    }
    EXPORT_SCALES
        .into_iter()
        .min_by(|a, b| (a - scale).abs().total_cmp(&(b - scale).abs()))
        .unwrap_or(DEFAULT_EXPORT_SCALE)
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("Cannot write {}: {source}", path.display())]
    Write { path: PathBuf, source: std::io::Error },
    #[error("Cannot encode {} as PNG: {source}", path.display())]
    Encode { path: PathBuf, source: image::ImageError },
    #[error("Nothing to write to {}: the picture is empty", path.display())]
    Empty { path: PathBuf },
    /// A failure after some files were written: they are complete and stay; the rest were not written.
    #[error("{source}. {}", left_behind(written))]
    Incomplete { written: Vec<PathBuf>, source: Box<ExportError> },
}

impl ExportError {
    /// `source`, saying which files were written before it (none: `source` itself).
    pub fn incomplete(source: ExportError, written: Vec<PathBuf>) -> ExportError {
        if written.is_empty() { source } else { ExportError::Incomplete { written, source: Box::new(source) } }
    }
}

/// "The export stopped there; 2 files were written before and are complete: a.png, b.png".
fn left_behind(written: &[PathBuf]) -> String {
    let names: Vec<String> = written
        .iter()
        .map(|p| p.file_name().map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned()))
        .collect();
    let folder = written.first().and_then(|p| p.parent()).map(|d| d.display().to_string()).unwrap_or_default();
    format!(
        "The export stopped there; {} file{} written before {} complete and left in {folder}: {}",
        written.len(),
        if written.len() == 1 { " was" } else { "s were" },
        if written.len() == 1 { "is" } else { "are" },
        names.join(", ")
    )
}

/// What part of the window a screenshot export keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShotTarget {
    Window,
    SitePlan,
    Dashboard,
}

impl ShotTarget {
    fn file_name(self) -> &'static str {
        match self {
            ShotTarget::Window => "window.png",
            ShotTarget::SitePlan => "site-plan.png",
            ShotTarget::Dashboard => "dashboard.png",
        }
    }
}

/// A screenshot asked of the window; the picture arrives a frame or two later.
struct PendingShot {
    target: ShotTarget,
    crop: Option<Rect>,
    path: PathBuf,
    receiver: Receiver<Arc<ColorImage>>,
}

pub struct ExportState {
    /// Pixels per point of the pictures drawn offscreen (one of `EXPORT_SCALES`).
    pub scale: f32,
    /// Where the canvas and the dashboard were drawn in the last frame (points).
    site_plan_rect: Option<Rect>,
    dashboard_rect: Option<Rect>,
    pending: Option<PendingShot>,
    /// The workbook, deck, slides or report being written on a thread of their own.
    pub job: Option<job::ExportJob>,
}

impl Default for ExportState {
    fn default() -> Self {
        ExportState {
            scale: DEFAULT_EXPORT_SCALE,
            site_plan_rect: None,
            dashboard_rect: None,
            pending: None,
            job: None,
        }
    }
}

impl ExportState {
    /// Records where the canvas and the dashboard are, so a screenshot can be cut to them.
    pub fn note_rects(&mut self, site_plan: Rect, dashboard: Rect) {
        self.site_plan_rect = Some(site_plan);
        self.dashboard_rect = Some(dashboard);
    }
}

/// Bytes of the project file's name kept in the export folder's name (file names may have 255).
const FOLDER_STEM_BYTES: usize = 200;

/// The folder exports go to: "<project file name> export" beside the project file, or "Powerplot export"
/// in the working directory for a project never saved. Absolute, so the notice names the full path.
pub fn export_folder(app: &PowerplotApp) -> PathBuf {
    let folder = match &app.doc.path {
        Some(path) => {
            let stem = path.file_stem().map_or_else(|| "project".into(), |s| s.to_string_lossy().into_owned());
            let stem = cut_to_bytes(&stem, FOLDER_STEM_BYTES);
            let dir = path.parent().map_or_else(PathBuf::new, Path::to_path_buf);
            dir.join(format!("{stem} export"))
        }
        None => PathBuf::from("Powerplot export"),
    };
    std::path::absolute(&folder).unwrap_or(folder)
}

/// The longest start of `text` of at most `max` bytes that ends at a character boundary.
pub fn cut_to_bytes(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Runs File > Export > PNG / report commands.
pub fn execute(app: &mut PowerplotApp, ctx: &egui::Context, cmd: UiCommand) {
    match cmd {
        UiCommand::ExportWindowPng => request_shot(app, ctx, ShotTarget::Window),
        UiCommand::ExportCanvasPng => request_shot(app, ctx, ShotTarget::SitePlan),
        UiCommand::ExportDashboardPng => request_shot(app, ctx, ShotTarget::Dashboard),
        UiCommand::ExportSitePlanScaledPng => export_site_plan(app),
        UiCommand::ExportPlotsPng => export_plots(app),
        UiCommand::ExportSlidesPng => export_slides(app),
        UiCommand::ExportReport => export_report(app),
        UiCommand::ExportWorkbook => export_pack(app, ctx, job::JobKind::Workbook),
        UiCommand::ExportDeck => export_pack(app, ctx, job::JobKind::Deck),
        _ => {}
    }
}

fn request_shot(app: &mut PowerplotApp, ctx: &egui::Context, target: ShotTarget) {
    let crop = match target {
        ShotTarget::Window => None,
        ShotTarget::SitePlan => app.export.site_plan_rect,
        ShotTarget::Dashboard => app.export.dashboard_rect,
    };
    if target != ShotTarget::Window && crop.is_none() {
        app.notify("Nothing to export", "That part of the window has not been drawn yet.");
        return;
    }
    let dir = export_folder(app);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        app.notify("The PNG was not exported", format!("Cannot create {}: {e}", dir.display()));
        return;
    }
    let (sender, receiver) = channel();
    let repaint = ctx.clone();
    ctx.send_viewport_cmd(egui::ViewportCommand::Screenshot(egui::ScreenshotCallback::new(move |image| {
        // The app may have stopped waiting; then nobody needs the picture.
        let _ = sender.send(image);
        repaint.request_repaint();
    })));
    app.export.pending = Some(PendingShot { target, crop, path: dir.join(target.file_name()), receiver });
}

/// Saves a screenshot once it has arrived. Call once a frame.
pub fn poll(app: &mut PowerplotApp, ctx: &egui::Context) {
    let Some(pending) = &app.export.pending else { return };
    let image = match pending.receiver.try_recv() {
        Ok(image) => image,
        Err(TryRecvError::Empty) => return,
        Err(TryRecvError::Disconnected) => {
            app.export.pending = None;
            app.notify("The PNG was not exported", "This window cannot take screenshots (no graphics output to read).");
            return;
        }
    };
    let Some(pending) = app.export.pending.take() else { return };
    let picture = match pending.crop {
        Some(rect) => png::crop(&image, rect, ctx.pixels_per_point()),
        None => (*image).clone(),
    };
    match png::save(&picture, &pending.path) {
        Ok(()) => app.notify(
            "Exported",
            format!(
                "{} ({}x{} pixels) written to {}.",
                describe(pending.target),
                picture.size[0],
                picture.size[1],
                pending.path.display()
            ),
        ),
        Err(e) => app.notify("The PNG was not exported", e.to_string()),
    }
}

fn describe(target: ShotTarget) -> &'static str {
    match target {
        ShotTarget::Window => "The window",
        ShotTarget::SitePlan => "The site plan",
        ShotTarget::Dashboard => "The dashboard",
    }
}

/// "1x, 1366x768 pixels": the scale and the pixel size of a `points` picture at it, for the notices.
fn pixel_size(scale: f32, points: egui::Vec2) -> String {
    format!("{scale}x, {:.0}x{:.0} pixels", points.x * scale, points.y * scale)
}

/// Writes the active scenario's whole site plan, at the export scale, in the current theme.
fn export_site_plan(app: &mut PowerplotApp) {
    let dir = export_folder(app);
    let scenario = app.doc.scenario();
    let path = dir.join(format!("site-plan-{}.png", report::scenario_stem(app.doc.active + 1, &scenario.name)));
    let underlays = crate::app::underlay::export_images(app);
    let image =
        images::site_plan(scenario, app.results.get(app.doc.active), &underlays, app.dark_mode, app.export.scale);
    let written = std::fs::create_dir_all(&dir)
        .map_err(|source| ExportError::Write { path: dir.clone(), source })
        .and_then(|()| png::save(&image, &path));
    match written {
        Ok(()) => app.notify(
            "Exported",
            format!(
                "The site plan ({}) written to {}.",
                pixel_size(app.export.scale, images::SITE_PLAN_SIZE),
                path.display()
            ),
        ),
        Err(e) => app.notify("The site plan was not exported", e.to_string()),
    }
}

/// Writes every dashboard plot of the active scenario, at the export scale, in the current theme.
fn export_plots(app: &mut PowerplotApp) {
    let dir = export_folder(app).join("plots");
    let Some(evaluation) = app.results.get(app.doc.active) else {
        app.notify("Nothing to export", "The scenario has not been evaluated yet.");
        return;
    };
    let number = app.doc.active + 1;
    match plots::write_plots(app.doc.scenario(), number, evaluation, &dir, app.dark_mode, app.export.scale) {
        Ok(paths) => app.notify(
            "Exported",
            format!(
                "{} plots ({} each) written to {}.",
                paths.len(),
                pixel_size(app.export.scale, images::PLOT_SIZE),
                dir.display()
            ),
        ),
        Err(e) => app.notify("The plots were not exported", e.to_string()),
    }
}

/// Writes one presentation slide per scenario (each with its risk line), at the export scale, in the current
/// theme, on the export thread.
fn export_slides(app: &mut PowerplotApp) {
    let dir = export_folder(app);
    job::start(app, job::JobKind::Slides, dir);
}

/// The workbook or the deck: beside the project file, or where the user says when it was never saved.
fn export_pack(app: &mut PowerplotApp, ctx: &egui::Context, kind: job::JobKind) {
    let (purpose, extension) = match kind {
        job::JobKind::Deck => (crate::app::file_dialog::DialogPurpose::ExportDeck, "pdf"),
        _ => (crate::app::file_dialog::DialogPurpose::ExportWorkbook, "xlsx"),
    };
    let stem = app.doc.path.as_ref().and_then(|p| p.file_stem()).map(|s| s.to_string_lossy().into_owned());
    let stem = stem.unwrap_or_else(|| crate::app::file_ops::file_stem_for(&app.doc.project.name));
    let file_name = format!("{}.{extension}", cut_to_bytes(&stem, FOLDER_STEM_BYTES));
    if app.doc.path.is_none() {
        let folder = std::env::current_dir().unwrap_or_default();
        let request = crate::app::file_dialog::DialogRequest { purpose, folder, file_name };
        app.files.dialogs.start(ctx, request);
        return;
    }
    let dir = export_folder(app);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        app.notify("Nothing was exported", format!("Cannot create {}: {e}", dir.display()));
        return;
    }
    job::start(app, kind, dir.join(file_name));
}

/// One PNG slide per scenario in `dir` at `scale` pixels per point ("slide-2-full-ai.png"); returns the files
/// written. On a failure the error lists the slides already written.
pub fn write_slides(
    project: &crate::model::Project,
    evaluations: &[crate::model::Evaluation],
    underlays: &crate::app::underlay::loader::UnderlayImages,
    risk: &[Option<String>],
    dir: &Path,
    dark: bool,
    scale: f32,
) -> Result<Vec<PathBuf>, ExportError> {
    std::fs::create_dir_all(dir).map_err(|source| ExportError::Write { path: dir.to_path_buf(), source })?;
    let mut paths = Vec::new();
    for (i, s) in project.scenarios.iter().enumerate() {
        let path = dir.join(format!("slide-{}.png", report::scenario_stem(i + 1, &s.name)));
        let line = risk.get(i).and_then(Option::as_deref);
        if let Err(e) = png::save(&images::slide(project, evaluations, underlays, line, i, dark, scale), &path) {
            return Err(ExportError::incomplete(e, paths));
        }
        paths.push(path);
    }
    Ok(paths)
}

/// Writes the Markdown report and its pictures (light theme, for reading and printing), each scenario with its
/// risk line, on the export thread.
fn export_report(app: &mut PowerplotApp) {
    let dir = export_folder(app).join("report");
    job::start(app, job::JobKind::Report, dir);
}
