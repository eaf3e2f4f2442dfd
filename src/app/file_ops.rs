//! New, Open, Open Recent, Save, Save As, Export and Quit, and the question asked before unsaved changes
//! would be lost: Save / Discard / Cancel. A dropped `.ron` file and a close of the window take the same path.

use std::path::{Path, PathBuf};

use crate::model::Project;
use crate::outputs::report;
use crate::project_file;
use crate::project_file::{DiskStamp, SaveError};

use super::PowerplotApp;
use super::commands::UiCommand;
use super::document::Document;
use super::file_dialog::{DialogPurpose, DialogRequest, FileDialogs};
use super::prefs::RecentFiles;
use super::recovery::{self, Recovery};
use super::results::Results;

/// An action that replaces or closes the document, so it asks first when there are unsaved changes.
#[derive(Debug, Clone, PartialEq)]
pub enum GuardedAction {
    New,
    /// Open with a file dialog.
    Open,
    OpenPath(PathBuf),
    Quit,
}

impl GuardedAction {
    fn question(&self) -> &'static str {
        match self {
            GuardedAction::New => "before starting a new project",
            GuardedAction::Open | GuardedAction::OpenPath(_) => "before opening another project",
            GuardedAction::Quit => "before quitting",
        }
    }
}

/// The file side of the app: dialogs, the recent list, the pending question, autosave.
pub struct FileState {
    pub dialogs: FileDialogs,
    pub recent: RecentFiles,
    pub recovery: Recovery,
    /// An action waiting for the answer to "Save changes?".
    confirm: Option<GuardedAction>,
    /// An action to run once the Save As dialog opened by that question has saved the project.
    after_save: Option<GuardedAction>,
    /// The user agreed to close: the next close request of the window goes through.
    close_confirmed: bool,
    /// The document's file as this window last loaded or saved it, to notice another window's or program's
    /// save in between.
    disk: Option<(PathBuf, DiskStamp)>,
    /// A save found its file changed on disk: the question "Reload, overwrite or save as?" is showing, with
    /// the action to go on with once the project is saved.
    conflict: Option<(PathBuf, Option<GuardedAction>)>,
}

impl Default for FileState {
    fn default() -> Self {
        FileState {
            dialogs: FileDialogs::in_app_only(),
            recent: RecentFiles::default(),
            recovery: Recovery::disabled(),
            confirm: None,
            after_save: None,
            close_confirmed: false,
            disk: None,
            conflict: None,
        }
    }
}

impl FileState {
    /// The question "Save changes?" is showing, for this action.
    pub fn pending_question(&self) -> Option<&GuardedAction> {
        self.confirm.as_ref()
    }

    /// The user confirmed quitting (or there was nothing to lose): the window may close.
    pub fn close_confirmed(&self) -> bool {
        self.close_confirmed
    }

    /// Remembers the file as this window read or wrote it (`stamp` of its bytes).
    pub fn note_disk(&mut self, path: &Path, stamp: DiskStamp) {
        self.disk = Some((path.to_path_buf(), stamp));
    }

    /// The file a save found changed on disk, while the question about it is showing.
    pub fn conflict(&self) -> Option<&Path> {
        self.conflict.as_ref().map(|(p, _)| p.as_path())
    }
}

/// Runs an action now, or first asks about unsaved changes.
pub fn request(app: &mut PowerplotApp, ctx: &egui::Context, action: GuardedAction) {
    if app.files.dialogs.is_open() || app.files.confirm.is_some() || app.files.conflict.is_some() {
        return;
    }
    if app.doc.is_dirty() {
        app.files.confirm = Some(action);
    } else {
        perform(app, ctx, action);
    }
}

fn perform(app: &mut PowerplotApp, ctx: &egui::Context, action: GuardedAction) {
    match action {
        GuardedAction::New => replace_document(app, ctx, Project::default(), None),
        GuardedAction::Open => {
            let request =
                DialogRequest { purpose: DialogPurpose::Open, folder: current_folder(app), file_name: String::new() };
            app.files.dialogs.start(ctx, request);
        }
        GuardedAction::OpenPath(path) => {
            open_path(app, ctx, &path);
        }
        GuardedAction::Quit => {
            app.files.close_confirmed = true;
            recovery::discard_copy(app);
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
}

/// Save: to the document's file, or through Save As for a project never saved.
pub fn save(app: &mut PowerplotApp, ctx: &egui::Context) {
    match app.doc.path.clone() {
        Some(path) => {
            save_to(app, &path);
        }
        None => save_as(app, ctx),
    }
}

pub fn save_as(app: &mut PowerplotApp, ctx: &egui::Context) {
    let file_name =
        app.doc.path.as_ref().and_then(|p| p.file_name()).map_or_else(
            || format!("{}.ron", file_stem_for(&app.doc.project.name)),
            |n| n.to_string_lossy().into_owned(),
        );
    let request = DialogRequest { purpose: DialogPurpose::SaveAs, folder: current_folder(app), file_name };
    app.files.dialogs.start(ctx, request);
}

pub fn export_csv(app: &mut PowerplotApp, ctx: &egui::Context) {
    let file_name = format!("{} monthly.csv", file_stem_for(&app.doc.scenario().name));
    let request = DialogRequest { purpose: DialogPurpose::ExportCsv, folder: current_folder(app), file_name };
    app.files.dialogs.start(ctx, request);
}

/// Saves the document to `path`. On failure the user is told why and the document stays unsaved. A file
/// changed on disk since this window loaded or saved it is not overwritten: the user is asked what to do.
pub fn save_to(app: &mut PowerplotApp, path: &Path) -> bool {
    let known = app.files.disk.as_ref().filter(|(p, _)| p == path).map(|(_, stamp)| *stamp);
    save_checked(app, path, known.as_ref())
}

/// Saves over whatever is on disk (the user chose "Overwrite").
fn overwrite(app: &mut PowerplotApp, path: &Path) -> bool {
    save_checked(app, path, None)
}

fn save_checked(app: &mut PowerplotApp, path: &Path, known: Option<&DiskStamp>) -> bool {
    super::underlay::rename_paths_for(app, path);
    match project_file::save_project_if_unchanged(path, &app.doc.project, known) {
        Ok(stamp) => {
            app.doc.mark_saved(path.to_path_buf());
            app.files.note_disk(path, stamp);
            app.files.recent.add(path);
            recovery::discard_copy(app);
            true
        }
        Err(SaveError::ChangedOnDisk { .. }) => {
            app.files.conflict = Some((path.to_path_buf(), None));
            false
        }
        Err(e) => {
            app.notify("The project was not saved", e.to_string());
            false
        }
    }
}

/// Opens `path` in place of the document. A file that cannot be opened leaves the document as it was and
/// shows the loader's message.
pub fn open_path(app: &mut PowerplotApp, ctx: &egui::Context, path: &Path) -> bool {
    match project_file::load_project_stamped(path) {
        Ok((project, stamp)) => {
            replace_document(app, ctx, project, Some(path.to_path_buf()));
            app.files.note_disk(path, stamp);
            app.files.recent.add(path);
            // Said once, when a file saved before the time-and-grid rules opens (saving writes the new fields).
            if std::fs::read_to_string(path).is_ok_and(|text| !text.contains("interconnection_queue_months")) {
                app.notify("Opened a file saved before the time-and-grid rules", NEW_RULES_NOTICE);
            }
            true
        }
        Err(e) => {
            app.files.recent.drop_missing();
            app.notify("Cannot open the file", e.to_string());
            false
        }
    }
}

/// What the third layer of the model changes in a file saved before it (MODEL.md "Time and the grid").
pub const NEW_RULES_NOTICE: &str = "Powerplot now models time and the grid, so some figures of this file may differ from \
when it was saved: a new substation beyond the site's approved interconnection (by default the existing \
substations' MVA) waits for a large-load request (48 months) before it is built; hardware bought later is of its \
time (faster miners, cheaper GPUs); capex spent later is escalated (3 % a year); an existing hall's installed \
fleet is recorded when you first change it. Parts can now start later, retire, and convert a hall. Save to keep \
the file in the new form; this note will not show again for it.";

/// Puts a fresh document in place of the current one, fitted in the view; its recovery copy is no longer wanted.
pub fn replace_document(app: &mut PowerplotApp, ctx: &egui::Context, project: Project, path: Option<PathBuf>) {
    app.doc = Document::new(project, path);
    app.results = Results::default();
    app.results.refresh(&app.doc.project, app.doc.revision);
    app.execute(ctx, UiCommand::FitSite);
    recovery::discard_copy(app);
}

fn export_csv_to(app: &mut PowerplotApp, path: &Path) {
    let scenario = app.doc.scenario();
    let Some(evaluation) = app.results.get(app.doc.active) else { return };
    let months = evaluation.series.len();
    let text = report::csv(scenario, evaluation);
    let name = scenario.name.clone();
    match project_file::write_file_atomically(path, text.as_bytes()) {
        Ok(()) => app.notify("Exported", format!("{months} months of \"{name}\" written to {}.", path.display())),
        Err(e) => app.notify("The CSV was not exported", format!("Cannot write {}: {e}", path.display())),
    }
}

/// The folder dialogs start in: the document's, else the last recent file's, else `saves/` or the
/// working directory.
fn current_folder(app: &PowerplotApp) -> PathBuf {
    let known = app.doc.path.iter().chain(app.files.recent.paths()).find_map(|p| p.parent().filter(|d| d.is_dir()));
    if let Some(folder) = known {
        return std::path::absolute(folder).unwrap_or_else(|_| folder.to_path_buf());
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    let saves = cwd.join("saves");
    if saves.is_dir() { saves } else { cwd }
}

/// Bytes of a project or scenario name kept in a proposed file name (file systems allow 255 in all).
const STEM_BYTES: usize = 100;

/// A file name made from a project or scenario name (characters that file systems refuse become '-'), at
/// most `STEM_BYTES` bytes long.
pub(crate) fn file_stem_for(name: &str) -> String {
    let stem: String =
        name.trim().chars().map(|c| if c.is_control() || "/\\:*?\"<>|".contains(c) { '-' } else { c }).collect();
    let stem = super::export::cut_to_bytes(&stem, STEM_BYTES).trim_end();
    if stem.is_empty() || stem.chars().all(|c| c == '.') { "Untitled".to_string() } else { stem.to_string() }
}

/// Everything the file side does each frame: dropped files, the window's close button, the question about
/// unsaved changes, dialog answers, autosave and the recovery offer.
pub fn show(app: &mut PowerplotApp, ctx: &egui::Context) {
    handle_dropped_files(app, ctx);
    handle_close_request(app, ctx);
    show_question(app, ctx);
    show_conflict(app, ctx);
    if let Some((purpose, path)) = app.files.dialogs.show(ctx, app.files.recent.paths()) {
        match purpose {
            DialogPurpose::Open => {
                open_path(app, ctx, &path);
            }
            DialogPurpose::SaveAs => {
                if save_to(app, &path)
                    && let Some(action) = app.files.after_save.take()
                {
                    perform(app, ctx, action);
                }
            }
            DialogPurpose::ExportCsv => export_csv_to(app, &path),
            DialogPurpose::ExportWorkbook => {
                super::export::job::start(app, super::export::job::JobKind::Workbook, path)
            }
            DialogPurpose::ExportDeck => super::export::job::start(app, super::export::job::JobKind::Deck, path),
            DialogPurpose::UnderlayImage => super::underlay::dialog_answered(app, &path),
        }
    }
    if !app.files.dialogs.is_open() {
        app.files.after_save = None;
    }
    recovery::show(app, ctx);
}

fn handle_dropped_files(app: &mut PowerplotApp, ctx: &egui::Context) {
    let (hovering, dropped) = ctx.input(|i| (!i.raw.hovered_files.is_empty(), i.raw.dropped_files.clone()));
    if hovering {
        let painter = ctx.layer_painter(egui::LayerId::new(egui::Order::Foreground, egui::Id::unique("drop_hint")));
        let screen = ctx.content_rect();
        painter.rect_filled(screen, 0.0, egui::Color32::from_black_alpha(160));
        painter.text(
            screen.center(),
            egui::Align2::CENTER_CENTER,
            "Drop a .ron project to open it, or a PNG or JPEG as the site underlay",
            egui::FontId::proportional(24.0),
            egui::Color32::WHITE,
        );
    }
    let Some(file) = dropped.first().map(|f| f.path().to_path_buf()) else { return };
    if file.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")) {
        request(app, ctx, GuardedAction::OpenPath(file));
    } else {
        app.notify("Cannot open the file", format!("{} is not a Powerplot project (a .ron file).", file.display()));
    }
}

fn handle_close_request(app: &mut PowerplotApp, ctx: &egui::Context) {
    if !ctx.input(|i| i.viewport().close_requested()) {
        return;
    }
    if app.files.close_confirmed || !app.doc.is_dirty() {
        recovery::discard_copy(app);
        return;
    }
    ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
    request(app, ctx, GuardedAction::Quit);
}

fn show_question(app: &mut PowerplotApp, ctx: &egui::Context) {
    let Some(action) = app.files.confirm.clone() else { return };
    #[derive(PartialEq)]
    enum Answer {
        Save,
        Discard,
        Cancel,
    }
    let mut answer = None;
    let modal = egui::Modal::new(egui::Id::unique("unsaved_changes")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        ui.heading("Unsaved changes");
        ui.add_space(6.0);
        ui.label(format!("Save the changes to \"{}\" {}?", app.doc.display_name(), action.question()));
        ui.add_space(10.0);
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                answer = Some(Answer::Save);
            }
            if ui.button("Discard").clicked() {
                answer = Some(Answer::Discard);
            }
            if ui.button("Cancel").clicked() {
                answer = Some(Answer::Cancel);
            }
        });
    });
    if answer.is_none() && modal.should_close() {
        answer = Some(Answer::Cancel);
    }
    let Some(answer) = answer else { return };
    app.files.confirm = None;
    match answer {
        Answer::Cancel => {}
        Answer::Discard => perform(app, ctx, action),
        Answer::Save => match app.doc.path.clone() {
            Some(path) => {
                if save_to(app, &path) {
                    perform(app, ctx, action);
                } else if let Some((_, then)) = &mut app.files.conflict {
                    *then = Some(action);
                }
            }
            None => {
                save_as(app, ctx);
                app.files.after_save = Some(action);
            }
        },
    }
}

/// The question after a save found its file changed on disk by another window or program: reload it (this
/// window's changes are dropped), overwrite it (the other changes survive only in the `.bak`), save this
/// window's work under another name, or cancel.
fn show_conflict(app: &mut PowerplotApp, ctx: &egui::Context) {
    let Some((path, then)) = app.files.conflict.clone() else { return };
    #[derive(PartialEq)]
    enum Answer {
        Reload,
        Overwrite,
        SaveAs,
        Cancel,
    }
    let mut answer = None;
    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let modal = egui::Modal::new(egui::Id::unique("changed_on_disk")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading("The file changed on disk");
        ui.add_space(6.0);
        ui.label(format!(
            "{} was saved by another window or program after this window opened or saved it. Saving now would \
             replace those changes with yours.",
            path.display()
        ));
        ui.add_space(10.0);
        ui.horizontal_wrapped(|ui| {
            if ui
                .button(format!("Reload {name}"))
                .on_hover_text("Open the file as it is now; your changes here are dropped")
                .clicked()
            {
                answer = Some(Answer::Reload);
            }
            if ui.button("Overwrite").on_hover_text("Save your version; the other one is kept as the .bak").clicked() {
                answer = Some(Answer::Overwrite);
            }
            if ui.button("Save as…").clicked() {
                answer = Some(Answer::SaveAs);
            }
            if ui.button("Cancel").clicked() {
                answer = Some(Answer::Cancel);
            }
        });
    });
    if answer.is_none() && modal.should_close() {
        answer = Some(Answer::Cancel);
    }
    let Some(answer) = answer else { return };
    app.files.conflict = None;
    match answer {
        Answer::Cancel => {}
        Answer::Reload => {
            open_path(app, ctx, &path);
        }
        Answer::Overwrite => {
            if overwrite(app, &path)
                && let Some(action) = then
            {
                perform(app, ctx, action);
            }
        }
        Answer::SaveAs => {
            save_as(app, ctx);
            app.files.after_save = then;
        }
    }
}
