//! Choosing a file to open or save: the system dialog (rfd, run on its own thread so the window keeps
//! drawing), or, where no system dialog can open (a bare X server without a desktop portal), an in-app
//! dialog with a path field, the project files in `saves/` and the recent files.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

/// A system dialog that returns nothing sooner than this never opened: no person cancels that fast.
const NO_DIALOG_WITHIN: Duration = Duration::from_millis(400);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogPurpose {
    Open,
    SaveAs,
    ExportCsv,
    /// Where the Excel workbook goes (asked when the project was never saved).
    ExportWorkbook,
    /// Where the PDF deck goes (asked when the project was never saved).
    ExportDeck,
    /// A PNG or JPEG image to lay under the site plan.
    UnderlayImage,
}

impl DialogPurpose {
    pub fn title(self) -> &'static str {
        match self {
            DialogPurpose::Open => "Open project",
            DialogPurpose::SaveAs => "Save project as",
            DialogPurpose::ExportCsv => "Export monthly CSV",
            DialogPurpose::ExportWorkbook => "Export Excel workbook",
            DialogPurpose::ExportDeck => "Export investor deck",
            DialogPurpose::UnderlayImage => "Underlay image",
        }
    }

    fn confirm_label(self) -> &'static str {
        match self {
            DialogPurpose::Open => "Open",
            DialogPurpose::SaveAs => "Save",
            DialogPurpose::ExportCsv | DialogPurpose::ExportWorkbook | DialogPurpose::ExportDeck => "Export",
            DialogPurpose::UnderlayImage => "Use image",
        }
    }

    fn extensions(self) -> &'static [&'static str] {
        match self {
            DialogPurpose::Open | DialogPurpose::SaveAs => &["ron"],
            DialogPurpose::ExportCsv => &["csv"],
            DialogPurpose::ExportWorkbook => &["xlsx"],
            DialogPurpose::ExportDeck => &["pdf"],
            DialogPurpose::UnderlayImage => &["png", "jpg", "jpeg"],
        }
    }

    fn filter_name(self) -> &'static str {
        match self {
            DialogPurpose::Open | DialogPurpose::SaveAs => "Powerplot project",
            DialogPurpose::ExportCsv => "CSV table",
            DialogPurpose::ExportWorkbook => "Excel workbook",
            DialogPurpose::ExportDeck => "PDF document",
            DialogPurpose::UnderlayImage => "PNG or JPEG image",
        }
    }

    fn picks_existing(self) -> bool {
        matches!(self, DialogPurpose::Open | DialogPurpose::UnderlayImage)
    }
}

/// What the dialog starts with: the folder and, when saving, the proposed file name.
#[derive(Debug, Clone, PartialEq)]
pub struct DialogRequest {
    pub purpose: DialogPurpose,
    pub folder: PathBuf,
    pub file_name: String,
}

enum NativeOutcome {
    Picked(PathBuf),
    Cancelled,
    Unavailable,
}

struct NativeRunning {
    request: DialogRequest,
    outcome: Receiver<NativeOutcome>,
}

/// The in-app dialog's state while it is shown.
struct InAppDialog {
    request: DialogRequest,
    /// The path being typed.
    path: String,
    /// Why the last confirmation was refused (shown under the field).
    problem: Option<String>,
    /// Project files found in the `saves/` folders, listed for a quick pick.
    examples: Vec<PathBuf>,
    /// What the folder being shown holds, read once per folder.
    listing: Option<Listing>,
    /// The path field takes the keyboard when the dialog opens.
    focus_pending: bool,
}

pub struct FileDialogs {
    /// Try the system dialog first (off in tests, and after it was found missing).
    native: bool,
    /// Set once a system dialog failed to open, so the in-app one says why it is there.
    native_missing: bool,
    running: Option<NativeRunning>,
    in_app: Option<InAppDialog>,
}

impl FileDialogs {
    /// Dialogs drawn inside the window only (tests, and machines known to have no system dialog).
    pub fn in_app_only() -> Self {
        FileDialogs { native: false, native_missing: false, running: None, in_app: None }
    }

    /// System dialogs first, falling back to the in-app dialog where none can open.
    pub fn native_first() -> Self {
        FileDialogs { native: true, ..FileDialogs::in_app_only() }
    }

    /// A dialog is showing (or a system dialog is open): file actions wait for it.
    pub fn is_open(&self) -> bool {
        self.running.is_some() || self.in_app.is_some()
    }

    /// Shows a dialog for `request`; its answer comes back from `show`.
    pub fn start(&mut self, ctx: &egui::Context, request: DialogRequest) {
        if self.is_open() {
            return;
        }
        if self.native {
            self.running = Some(spawn_native(ctx, request));
        } else {
            self.in_app = Some(InAppDialog::new(request));
        }
    }

    /// Picks up a system dialog's answer and draws the in-app dialog. Returns the chosen path, once.
    pub fn show(&mut self, ctx: &egui::Context, recent: &[PathBuf]) -> Option<(DialogPurpose, PathBuf)> {
        if let Some(running) = &self.running {
            match running.outcome.try_recv() {
                Ok(NativeOutcome::Picked(path)) => {
                    let purpose = running.request.purpose;
                    self.running = None;
                    return Some((purpose, with_extension(path, purpose)));
                }
                Ok(NativeOutcome::Cancelled) | Err(TryRecvError::Disconnected) => self.running = None,
                Ok(NativeOutcome::Unavailable) => {
                    let request = running.request.clone();
                    self.running = None;
                    self.native = false;
                    self.native_missing = true;
                    self.in_app = Some(InAppDialog::new(request));
                }
                Err(TryRecvError::Empty) => {}
            }
        }
        let dialog = self.in_app.as_mut()?;
        match dialog.show(ctx, recent, self.native_missing) {
            InAppAnswer::Waiting => None,
            InAppAnswer::Cancelled => {
                self.in_app = None;
                None
            }
            InAppAnswer::Chosen(path) => {
                let purpose = dialog.request.purpose;
                self.in_app = None;
                Some((purpose, path))
            }
        }
    }
}

/// Opens the system dialog from the UI (main) thread, as rfd advises for macOS, and waits for its answer on
/// another thread so the window keeps drawing.
fn spawn_native(ctx: &egui::Context, request: DialogRequest) -> NativeRunning {
    let (sender, outcome) = channel();
    let ctx = ctx.clone();
    let purpose = request.purpose;
    let dialog = rfd::AsyncFileDialog::new()
        .set_title(purpose.title())
        .add_filter(purpose.filter_name(), purpose.extensions())
        .set_directory(&request.folder);
    let started = Instant::now();
    let answer: Pin<Box<dyn Future<Output = Option<rfd::FileHandle>> + Send>> = if purpose.picks_existing() {
        Box::pin(dialog.pick_file())
    } else {
        Box::pin(dialog.set_file_name(&request.file_name).save_file())
    };
    std::thread::spawn(move || {
        let answer = match pollster::block_on(answer) {
            Some(file) => NativeOutcome::Picked(file.path().to_path_buf()),
            None if started.elapsed() < NO_DIALOG_WITHIN => NativeOutcome::Unavailable,
            None => NativeOutcome::Cancelled,
        };
        // The receiver is gone only when the app is closing; nothing is waiting for the answer then.
        let _ = sender.send(answer);
        ctx.request_repaint();
    });
    NativeRunning { request, outcome }
}

/// Adds the purpose's extension when the user typed a name without one.
fn with_extension(path: PathBuf, purpose: DialogPurpose) -> PathBuf {
    if purpose.picks_existing() || path.extension().is_some() {
        path
    } else {
        path.with_extension(purpose.extensions()[0])
    }
}

/// The `saves/` folders: in the working directory and next to the executable.
fn saves_folders() -> Vec<PathBuf> {
    let mut folders = Vec::new();
    if let Ok(cwd) = std::env::current_dir() {
        folders.push(cwd.join("saves"));
    }
    if let Some(dir) = std::env::current_exe().ok().and_then(|exe| exe.parent().map(Path::to_path_buf)) {
        folders.push(dir.join("saves"));
    }
    let mut seen = Vec::new();
    folders.retain(|f| {
        let key = f.canonicalize().unwrap_or_else(|_| f.clone());
        let fresh = f.is_dir() && !seen.contains(&key);
        seen.push(key);
        fresh
    });
    folders
}

/// The project files in the `saves/` folders, sorted by name.
fn example_projects() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = saves_folders()
        .iter()
        .filter_map(|folder| std::fs::read_dir(folder).ok())
        .flatten()
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")))
        .collect();
    files.sort_by_key(|p| p.file_name().map(|n| n.to_ascii_lowercase()));
    files
}

enum InAppAnswer {
    Waiting,
    Cancelled,
    Chosen(PathBuf),
}

impl InAppDialog {
    fn new(request: DialogRequest) -> Self {
        let path = request.folder.join(&request.file_name).display().to_string();
        let examples = if request.purpose == DialogPurpose::ExportCsv { Vec::new() } else { example_projects() };
        InAppDialog { request, path, problem: None, examples, listing: None, focus_pending: true }
    }

    fn show(&mut self, ctx: &egui::Context, recent: &[PathBuf], native_missing: bool) -> InAppAnswer {
        let purpose = self.request.purpose;
        let mut answer = InAppAnswer::Waiting;
        let mut confirmed = None;
        let path_before = self.path.clone();
        let modal = egui::Modal::new(egui::Id::unique("in_app_file_dialog")).show(ctx, |ui| {
            ui.set_width(560.0);
            ui.heading(purpose.title());
            if native_missing {
                ui.label("No system file dialog is available here (no desktop portal), so choose the file below.");
            }
            ui.add_space(4.0);
            let folder = shown_folder(&self.path, &self.request.folder);
            if self.listing.as_ref().is_none_or(|l| l.folder != folder) {
                self.listing = Some(Listing::read(&folder, purpose.extensions()));
            }
            ui.label(format!("Current folder: {}", folder.display()));
            ui.horizontal(|ui| {
                let label = ui.label("Path");
                let field = egui::TextEdit::singleline(&mut self.path).desired_width(f32::INFINITY).show(ui);
                let response = field.response.response.labelled_by(label.id);
                if std::mem::take(&mut self.focus_pending) {
                    // As system dialogs do: the file name is selected, ready to be typed over.
                    response.request_focus();
                    let mut state = field.state;
                    let (start, end) = name_span(&self.path, &self.request.file_name);
                    state.cursor.set_char_range(Some(egui::text::CCursorRange::two(
                        egui::text::CCursor::new(start),
                        egui::text::CCursor::new(end),
                    )));
                    state.store(ui.ctx(), response.id);
                }
                if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    confirmed = Some(PathBuf::from(self.path.trim()));
                }
            });
            if let Some(problem) = &self.problem {
                ui.colored_label(ui.visuals().warn_fg_color, problem);
            } else if !purpose.picks_existing() && Path::new(self.path.trim()).is_file() {
                ui.label("This file exists and will be replaced.");
            }
            egui::ScrollArea::vertical().max_height(260.0).show(ui, |ui| {
                if let Some(listing) = &self.listing {
                    listing.show(ui, &mut self.path, &mut confirmed);
                }
                if purpose != DialogPurpose::ExportCsv {
                    file_list(ui, "Projects in saves/", &self.examples, &mut self.path, &mut confirmed);
                    file_list(ui, "Recent files", recent, &mut self.path, &mut confirmed);
                }
            });
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui.button(purpose.confirm_label()).clicked() {
                    confirmed = Some(PathBuf::from(self.path.trim()));
                }
                if ui.button("Cancel").clicked() {
                    answer = InAppAnswer::Cancelled;
                }
            });
        });
        if modal.should_close() && matches!(answer, InAppAnswer::Waiting) && confirmed.is_none() {
            answer = InAppAnswer::Cancelled;
        }
        if self.path != path_before {
            self.problem = None;
        }
        if let Some(path) = confirmed {
            match self.check(path) {
                Ok(path) => answer = InAppAnswer::Chosen(path),
                Err(problem) => self.problem = Some(problem),
            }
        }
        answer
    }

    /// The chosen path if it can be used for this purpose, or what is wrong with it.
    fn check(&self, path: PathBuf) -> Result<PathBuf, String> {
        let purpose = self.request.purpose;
        if path.as_os_str().is_empty() {
            return Err("Type a path first.".into());
        }
        let path = if path.is_relative() { self.request.folder.join(path) } else { path };
        if purpose.picks_existing() {
            let special = std::fs::metadata(&path).ok().and_then(|m| crate::project_file::special_kind(&m));
            return if path.is_file() {
                Ok(path)
            } else if let Some(kind) = special {
                Err(format!("{} is {kind}.", path.display()))
            } else if path.is_dir() {
                Err(format!("{} is a folder; add the name of a project file in it.", path.display()))
            } else {
                Err(format!("There is no file at {}.", path.display()))
            };
        }
        if path.is_dir() {
            return Err(format!("{} is a folder; add a file name.", path.display()));
        }
        let path = with_extension(path, purpose);
        match path.parent() {
            Some(folder) if folder.is_dir() => Ok(path),
            _ => Err(format!("The folder of {} does not exist.", path.display())),
        }
    }
}

/// The folder the dialog shows: the typed path if it is a folder, else the typed path's folder, else the
/// folder the dialog started in.
fn shown_folder(typed: &str, start: &Path) -> PathBuf {
    let typed = Path::new(typed.trim());
    let typed = if typed.is_relative() { start.join(typed) } else { typed.to_path_buf() };
    if typed.is_dir() {
        return typed;
    }
    match typed.parent() {
        Some(parent) if parent.is_dir() => parent.to_path_buf(),
        _ => start.to_path_buf(),
    }
}

/// Most entries of a folder listed; a folder of thousands of files would make a list nobody reads.
const LISTED_ENTRIES: usize = 500;

/// The subfolders and the files of the dialog's extensions in a folder, sorted by name.
struct Listing {
    folder: PathBuf,
    folders: Vec<PathBuf>,
    files: Vec<PathBuf>,
    /// Entries not listed beyond `LISTED_ENTRIES`.
    more: usize,
}

impl Listing {
    fn read(folder: &Path, extensions: &[&str]) -> Listing {
        let mut folders = Vec::new();
        let mut files = Vec::new();
        for entry in std::fs::read_dir(folder).into_iter().flatten().filter_map(Result::ok) {
            let path = entry.path();
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            // `file_type` does not follow links, `metadata` does: a link to a folder is listed as one. Neither
            // opens the file, so a named pipe here cannot block the window (and it is not listed).
            let Ok(meta) = std::fs::metadata(&path) else { continue };
            if hidden {
                continue;
            }
            if meta.is_dir() {
                folders.push(path);
            } else if meta.is_file()
                && path.extension().is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
            {
                files.push(path);
            }
        }
        let by_name = |p: &PathBuf| p.file_name().map(|n| n.to_string_lossy().to_lowercase());
        folders.sort_by_key(by_name);
        files.sort_by_key(by_name);
        let total = folders.len() + files.len();
        folders.truncate(LISTED_ENTRIES);
        files.truncate(LISTED_ENTRIES - folders.len());
        let more = total - folders.len() - files.len();
        Listing { folder: folder.to_path_buf(), folders, files, more }
    }

    /// The folder's parent and subfolders (a click goes into one) and its files (a click picks one, a double
    /// click chooses it).
    fn show(&self, ui: &mut egui::Ui, path: &mut String, chosen: &mut Option<PathBuf>) {
        ui.strong(format!(
            "In {}",
            self.folder
                .file_name()
                .map_or_else(|| self.folder.display().to_string(), |n| n.to_string_lossy().into_owned())
        ));
        let into = |folder: &Path| format!("{}{}", folder.display(), std::path::MAIN_SEPARATOR);
        if let Some(parent) = self.folder.parent()
            && ui.selectable_label(false, "..").on_hover_text(parent.display().to_string()).clicked()
        {
            *path = into(parent);
        }
        for folder in &self.folders {
            let name = folder.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            if ui.selectable_label(false, format!("{name}{}", std::path::MAIN_SEPARATOR)).clicked() {
                *path = into(folder);
            }
        }
        for file in &self.files {
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let text = file.display().to_string();
            let response = ui.selectable_label(*path == text, name).on_hover_text(&text);
            if response.clicked() {
                *path = text;
            }
            if response.double_clicked() {
                *chosen = Some(file.clone());
            }
        }
        if self.folders.is_empty() && self.files.is_empty() {
            ui.weak("No folders or matching files here.");
        }
        if self.more > 0 {
            ui.weak(format!("and {} more not listed: type the name", self.more));
        }
    }
}

/// Where the file name's stem sits in `path`, in characters (the end of the path when there is no name).
fn name_span(path: &str, file_name: &str) -> (usize, usize) {
    let total = path.chars().count();
    if file_name.is_empty() || !path.ends_with(file_name) {
        return (total, total);
    }
    let start = total - file_name.chars().count();
    let stem = Path::new(file_name).file_stem().map_or(0, |s| s.to_string_lossy().chars().count());
    (start, start + stem)
}

/// A titled list of files; a click puts one in the path field, a double click chooses it.
fn file_list(ui: &mut egui::Ui, title: &str, files: &[PathBuf], path: &mut String, chosen: &mut Option<PathBuf>) {
    if files.is_empty() {
        return;
    }
    ui.add_space(4.0);
    ui.strong(title);
    for file in files {
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let folder = file.parent().map(|p| p.display().to_string()).unwrap_or_default();
        let text = file.display().to_string();
        let response = ui
            .horizontal(|ui| {
                let response = ui.selectable_label(*path == text, name).on_hover_text(&text);
                ui.weak(folder);
                response
            })
            .inner;
        if response.clicked() {
            *path = text;
        }
        if response.double_clicked() {
            *chosen = Some(file.clone());
        }
    }
}
