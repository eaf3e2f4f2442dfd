//! Exports that take longer than a frame (the workbook, the deck, the slides and the report, each with every
//! scenario's risk line) run on a thread of their own: each scenario's Monte Carlo is taken from the Risk tab's
//! cache when it is current, else run for the export (its own draws and seed), then the files are written.
//! The window shows the stage and the draws done, and can cancel.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::sync::{Arc, Mutex};
use std::thread;

use crate::app::PowerplotApp;
use crate::app::presentation::slide_risk_line;
use crate::app::risk_run::RunKey;
use crate::app::underlay::loader::UnderlayImages;
use crate::model::risk::{Progress, RiskResult, run};
use crate::model::{Evaluation, Project};

/// What an export job writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    Workbook,
    Deck,
    Slides,
    Report,
}

impl JobKind {
    fn noun(self) -> &'static str {
        match self {
            JobKind::Workbook => "The workbook",
            JobKind::Deck => "The deck",
            JobKind::Slides => "The slides",
            JobKind::Report => "The report",
        }
    }
}

/// What the window sees of a running job.
#[derive(Default)]
struct Shared {
    stage: Mutex<String>,
    risk: Mutex<Option<(Arc<Progress>, u32)>>,
    cancelled: std::sync::atomic::AtomicBool,
}

pub struct ExportJob {
    kind: JobKind,
    shared: Arc<Shared>,
    done: Receiver<Result<String, String>>,
}

/// Everything the thread needs, copied from the window when the job starts.
struct Inputs {
    kind: JobKind,
    target: PathBuf,
    project: Project,
    file: Option<PathBuf>,
    evaluations: Vec<Evaluation>,
    cached: Vec<Option<Arc<RiskResult>>>,
    underlays: UnderlayImages,
    dark: bool,
    scale: f32,
}

/// Starts `kind` writing to `target` (a file for the workbook and the deck, a folder otherwise).
pub fn start(app: &mut PowerplotApp, kind: JobKind, target: PathBuf) {
    if app.export.job.is_some() {
        app.notify("An export is running", "Wait for it to finish, or cancel it, before starting another.");
        return;
    }
    app.results.refresh(&app.doc.project, app.doc.revision);
    let cached = (0..app.doc.project.scenarios.len())
        .map(|scenario| app.risk.result(RunKey { scenario, revision: app.doc.revision }).cloned())
        .collect();
    let inputs = Inputs {
        kind,
        target,
        project: app.doc.project.clone(),
        file: app.doc.path.clone(),
        evaluations: app.results.all().to_vec(),
        cached,
        underlays: crate::app::underlay::export_images(app),
        dark: app.dark_mode,
        scale: app.export.scale,
    };
    let shared = Arc::new(Shared::default());
    let (send, done) = channel();
    let worker = Arc::clone(&shared);
    let started = thread::Builder::new()
        .name("powerplot-export".into())
        .spawn(move || {
            // The window may be gone when a long export ends: nothing to tell then.
            let _ = send.send(work(&inputs, &worker));
        })
        .is_ok();
    if started {
        app.export.job = Some(ExportJob { kind, shared, done });
    } else {
        app.notify("The export did not start", "No thread could be started for it.");
    }
}

fn work(inputs: &Inputs, shared: &Shared) -> Result<String, String> {
    let project = &inputs.project;
    let n = project.scenarios.len();
    let mut risk: Vec<Option<Arc<RiskResult>>> = Vec::with_capacity(n);
    for (i, s) in project.scenarios.iter().enumerate() {
        if let Some(r) = inputs.cached.get(i).cloned().flatten() {
            risk.push(Some(r));
            continue;
        }
        let progress = Arc::new(Progress::default());
        if let Ok(mut stage) = shared.stage.lock() {
            *stage = format!("Monte Carlo of \"{}\" ({} of {n})", s.name, i + 1);
        }
        if let Ok(mut slot) = shared.risk.lock() {
            *slot = Some((Arc::clone(&progress), s.assumptions.risk.draws));
        }
        if shared.cancelled.load(std::sync::atomic::Ordering::Relaxed) {
            return Err("cancelled".into());
        }
        let result = run(s, &progress);
        if shared.cancelled.load(std::sync::atomic::Ordering::Relaxed) {
            return Err("cancelled".into());
        }
        risk.push(result.map(Arc::new));
    }
    if let Ok(mut slot) = shared.risk.lock() {
        *slot = None;
    }
    if let Ok(mut stage) = shared.stage.lock() {
        *stage = "Writing the files".to_string();
    }
    let refs: Vec<Option<&RiskResult>> = risk.iter().map(|r| r.as_deref()).collect();
    let lines: Vec<Option<String>> = refs.iter().map(|r| r.map(slide_risk_line)).collect();
    let evaluations = &inputs.evaluations;
    let cover = super::pack::cover_info(inputs.file.as_deref());
    let target = &inputs.target;
    match inputs.kind {
        JobKind::Workbook => super::pack::write_workbook(project, evaluations, &refs, &cover, target)
            .map(|bytes| format!("The workbook ({} kB) was written to {}.", bytes.div_ceil(1024), target.display())),
        JobKind::Deck => super::pack::write_deck(project, evaluations, &refs, &inputs.underlays, &cover, target)
            .map(|bytes| format!("The deck ({} kB) was written to {}.", bytes.div_ceil(1024), target.display())),
        JobKind::Slides => {
            super::write_slides(project, evaluations, &inputs.underlays, &lines, target, inputs.dark, inputs.scale)
                .map(|paths| format!("{} slides were written to {}.", paths.len(), target.display()))
                .map_err(|e| e.to_string())
        }
        JobKind::Report => {
            let npv_lines: Vec<Option<String>> =
                refs.iter().map(|r| r.map(crate::outputs::slide::risk_summary)).collect();
            super::report::write_report(
                project,
                evaluations,
                &inputs.underlays,
                &npv_lines,
                target,
                inputs.scale,
                false,
            )
            .map(|w| format!("The report and {} pictures were written to {}.", w.images.len(), w.markdown.display()))
            .map_err(|e| e.to_string())
        }
    }
}

/// Shows the running job (stage, draws done, Cancel) and reports its end. Call once a frame.
pub fn show(app: &mut PowerplotApp, ctx: &egui::Context) {
    let Some(job) = &app.export.job else { return };
    match job.done.try_recv() {
        Ok(outcome) => {
            let kind = job.kind;
            app.export.job = None;
            match outcome {
                Ok(message) => app.notify("Exported", message),
                Err(e) if e == "cancelled" => {}
                Err(e) => app.notify(format!("{} was not exported", kind.noun()), e),
            }
            return;
        }
        Err(TryRecvError::Disconnected) => {
            app.export.job = None;
            app.notify("The export stopped", "Its thread ended without a result.");
            return;
        }
        Err(TryRecvError::Empty) => {}
    }
    let stage = job.shared.stage.lock().map(|s| s.clone()).unwrap_or_default();
    let fraction = job
        .shared
        .risk
        .lock()
        .ok()
        .and_then(|slot| slot.as_ref().map(|(p, draws)| p.done() as f32 / (*draws).max(1) as f32));
    let mut cancel = false;
    egui::Window::new(format!("Exporting: {}", job.kind.noun().to_lowercase()))
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-16.0, -16.0))
        .show(ctx, |ui| {
            ui.label(if stage.is_empty() { "Starting" } else { stage.as_str() });
            if let Some(f) = fraction {
                ui.add(egui::ProgressBar::new(f).show_percentage());
            }
            cancel = ui.button("Cancel").clicked();
        });
    if cancel {
        job.shared.cancelled.store(true, std::sync::atomic::Ordering::Relaxed);
        if let Ok(slot) = job.shared.risk.lock()
            && let Some((p, _)) = slot.as_ref()
        {
            p.cancel();
        }
    }
    ctx.request_repaint_after(std::time::Duration::from_millis(100));
}
