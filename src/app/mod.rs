//! The desktop application: a document edited through commands, panels that read it, and the dashboard
//! that shows its evaluation.

pub mod canvas;
pub mod commands;
pub mod compare;
pub mod dashboard;
pub mod document;
pub mod edit;
pub mod export;
pub mod file_dialog;
pub mod file_ops;
pub mod help;
pub mod icons;
pub mod idle_story;
pub mod inspector;
pub mod menus;
pub mod optimize;
pub mod palette;
pub mod prefs;
pub mod presentation;
pub mod recovery;
pub mod results;
pub mod risk_run;
pub mod scenario_tabs;
pub mod shortcuts;
pub mod underlay;
pub mod user_catalog;

use std::path::PathBuf;

use crate::model::Project;
use crate::model::demo::demo_project;
use crate::project_file;

use commands::UiCommand;
use document::Document;
use results::Results;

/// A message shown to the user in a dialog until dismissed (load errors, refused edits, failed saves).
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub title: String,
    pub text: String,
}

pub struct PowerplotApp {
    pub doc: Document,
    pub results: Results,
    pub canvas: canvas::CanvasState,
    pub inspector: inspector::InspectorState,
    pub dashboard: dashboard::DashboardState,
    /// Messages waiting for the user, oldest first.
    pub notices: Vec<Notice>,
    pub dark_mode: bool,
    pub show_help: bool,
    /// The keyboard-shortcuts window (Help menu).
    pub show_shortcuts: bool,
    /// Files: dialogs, recent list, the unsaved-changes question.
    pub files: file_ops::FileState,
    /// View > UI scale (egui zoom factor).
    pub ui_scale: f32,
    pub scenario_tabs: scenario_tabs::ScenarioTabsState,
    pub compare: compare::CompareState,
    pub optimize: optimize::OptimizeState,
    pub presentation: presentation::PresentationState,
    pub export: export::ExportState,
    pub underlay: underlay::UnderlayState,
    /// Monte Carlo runs behind the Risk tab, off the UI thread.
    pub risk: risk_run::RiskRuns,
    /// The miners and GPU systems the inspector offers: the built-in catalog and the user's entries.
    pub catalog: crate::model::equipment::Catalog,
}

impl PowerplotApp {
    /// The app on `project` (no window needed: tests build it directly).
    pub fn new(project: Project, path: Option<PathBuf>) -> Self {
        let mut app = PowerplotApp {
            doc: Document::new(project, path),
            results: Results::default(),
            canvas: canvas::CanvasState::default(),
            inspector: inspector::InspectorState::default(),
            dashboard: dashboard::DashboardState::default(),
            notices: Vec::new(),
            dark_mode: true,
            show_help: false,
            show_shortcuts: false,
            files: file_ops::FileState::default(),
            ui_scale: 1.0,
            scenario_tabs: scenario_tabs::ScenarioTabsState::default(),
            compare: compare::CompareState::default(),
            optimize: optimize::OptimizeState::default(),
            presentation: presentation::PresentationState::default(),
            export: export::ExportState::default(),
            underlay: underlay::UnderlayState::default(),
            risk: risk_run::RiskRuns::default(),
            catalog: crate::model::equipment::Catalog::built_in().clone(),
        };
        app.results.refresh(&app.doc.project, app.doc.revision);
        app
    }

    /// The app on the file given on the command line, or the embedded demo. A file that cannot be opened
    /// leaves the demo open and says why.
    pub fn open_startup(file: Option<PathBuf>) -> Self {
        match file {
            None => PowerplotApp::new(demo_project(), None),
            Some(path) => match project_file::load_project_stamped(&path) {
                Ok((project, stamp)) => {
                    let mut app = PowerplotApp::new(project, Some(path.clone()));
                    app.files.note_disk(&path, stamp);
                    app
                }
                Err(e) => {
                    let mut app = PowerplotApp::new(demo_project(), None);
                    app.notify("Cannot open the file", e.to_string());
                    app
                }
            },
        }
    }

    pub fn notify(&mut self, title: impl Into<String>, text: impl Into<String>) {
        self.notices.push(Notice { title: title.into(), text: text.into() });
    }

    /// Applies an edit; a refused edit is reported to the user and changes nothing.
    pub fn edit(&mut self, cmd: edit::EditCommand) -> bool {
        match self.doc.apply(cmd) {
            Ok(()) => true,
            Err(message) => {
                self.notify("Change refused", message);
                false
            }
        }
    }

    /// The window title: file name, unsaved marker, app name.
    pub fn title(&self) -> String {
        let marker = if self.doc.is_dirty() { "● " } else { "" };
        format!("{marker}{} — {} — Powerplot", self.doc.display_name(), self.doc.project.name)
    }

    /// Runs a user action (from a menu, a shortcut or a test).
    pub fn execute(&mut self, ctx: &egui::Context, cmd: UiCommand) {
        match cmd {
            UiCommand::Undo => {
                self.doc.undo();
            }
            UiCommand::Redo => {
                self.doc.redo();
            }
            UiCommand::ToggleTheme => self.dark_mode = !self.dark_mode,
            UiCommand::Help => self.show_help = !self.show_help,
            UiCommand::Shortcuts => self.show_shortcuts = !self.show_shortcuts,
            UiCommand::Presentation => presentation::toggle(self, ctx),
            UiCommand::CompareScenarios => self.compare.open = !self.compare.open,
            UiCommand::FindBestMix => self.optimize.open = true,
            UiCommand::NewScenario
            | UiCommand::DuplicateScenario
            | UiCommand::RenameScenario
            | UiCommand::DeleteScenario
            | UiCommand::MoveScenarioLeft
            | UiCommand::MoveScenarioRight
            | UiCommand::NextScenario
            | UiCommand::PreviousScenario => scenario_tabs::execute(self, cmd),
            UiCommand::ExportWindowPng
            | UiCommand::ExportCanvasPng
            | UiCommand::ExportDashboardPng
            | UiCommand::ExportSlidesPng
            | UiCommand::ExportReport
            | UiCommand::ExportWorkbook
            | UiCommand::ExportDeck
            | UiCommand::ExportSitePlanScaledPng
            | UiCommand::ExportPlotsPng => export::execute(self, ctx, cmd),
            UiCommand::New => file_ops::request(self, ctx, file_ops::GuardedAction::New),
            UiCommand::Open => file_ops::request(self, ctx, file_ops::GuardedAction::Open),
            UiCommand::Save => file_ops::save(self, ctx),
            UiCommand::SaveAs => file_ops::save_as(self, ctx),
            UiCommand::ExportCsv => file_ops::export_csv(self, ctx),
            UiCommand::Quit => file_ops::request(self, ctx, file_ops::GuardedAction::Quit),
            UiCommand::ImportUnderlay => underlay::ask_for_image(self, ctx, underlay::Pick::Import),
            UiCommand::UnderlayWindow => self.underlay.window_open = !self.underlay.window_open,
            UiCommand::Measure => underlay::tools::toggle_measure(self),
            other => canvas::execute(self, ctx, other),
        }
    }

    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        // While a modal dialog is up (a question, a notice, a file dialog) the keys are its own: Delete must
        // not delete parts behind "Save changes?", and Escape must reach the dialog. An open menu is the same:
        // Escape closes it rather than clearing the selection behind it.
        if ctx.memory(|m| m.top_modal_layer()).is_some() || egui::Popup::is_any_open(ctx) {
            return;
        }
        let typing = ctx.egui_wants_keyboard_input();
        // Escape closes the Help or Compare window first, as it closes a dialog, before it clears the selection.
        let floating = self.show_help || self.show_shortcuts || self.compare.open || self.optimize.open;
        if floating && !typing && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)) {
            self.show_help = false;
            self.show_shortcuts = false;
            self.compare.open = false;
            self.optimize.open = false;
        }
        let mut fired = Vec::new();
        ctx.input_mut(|i| {
            for cmd in UiCommand::KEYBOARD {
                if typing && cmd.yields_to_text_fields() {
                    continue;
                }
                if cmd.shortcuts().iter().any(|s| i.consume_shortcut(s)) {
                    fired.push(cmd);
                }
            }
            for event in &i.events {
                match event {
                    egui::Event::Copy if !typing => fired.push(UiCommand::Copy),
                    egui::Event::Cut if !typing => fired.push(UiCommand::Cut),
                    egui::Event::Paste(_) if !typing => fired.push(UiCommand::Paste),
                    _ => {}
                }
            }
        });
        for cmd in fired {
            self.execute(ctx, cmd);
        }
    }

    /// The whole window's contents. Kept apart from `eframe::App` so tests can drive it headless.
    pub fn ui_root(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        ctx.set_theme(if self.dark_mode { egui::Theme::Dark } else { egui::Theme::Light });
        ctx.set_zoom_factor(self.ui_scale);
        steady_text_cursor(&ctx);
        if self.presentation.active {
            presentation::show(self, ui);
            self.show_notices(&ctx);
            return;
        }
        self.handle_shortcuts(&ctx);
        underlay::update(self, &ctx);
        if !self.doc.in_gesture() {
            self.results.refresh(&self.doc.project, self.doc.revision);
        }

        egui::Panel::top("menu_bar").show(ui, |ui| menus::menu_bar(self, ui));
        egui::Panel::left("palette").resizable(true).default_size(150.0).min_size(120.0).show(ui, |ui| {
            palette::show(self, ui);
        });
        egui::Panel::right("inspector").resizable(true).default_size(300.0).min_size(220.0).show(ui, |ui| {
            inspector::show(self, ui);
        });
        // The Risk tab's chart needs more height than a plot beside the cards (at least 200 px of plot).
        let min_dashboard = if self.dashboard.show_risk { dashboard::risk::MIN_HEIGHT } else { 140.0 };
        let dashboard_rect = egui::Panel::bottom("dashboard")
            .resizable(true)
            .default_size(280.0)
            .min_size(min_dashboard)
            .show(ui, |ui| {
                dashboard::show(self, ui);
            })
            .response
            .rect;
        egui::Panel::top("scenario_tabs").show(ui, |ui| scenario_tabs::show(self, ui));
        let canvas_rect = egui::CentralPanel::default().show(ui, |ui| canvas::show(self, ui)).response.rect;
        self.export.note_rects(canvas_rect, dashboard_rect);
        export::poll(self, &ctx);
        export::job::show(self, &ctx);
        compare::window(self, &ctx);
        underlay::window::show(self, &ctx);
        optimize::window(self, &ctx);

        file_ops::show(self, &ctx);
        self.show_notices(&ctx);
        if self.show_help {
            help::show(self, &ctx);
        }
        if self.show_shortcuts {
            shortcuts::show(self, &ctx);
        }
    }

    fn show_notices(&mut self, ctx: &egui::Context) {
        let id = egui::Id::unique("notice");
        // Enter confirms a notice only once it has been on screen for a frame: the Enter that confirmed a
        // dialog (and so raised this notice) must not dismiss it unread.
        let on_screen = id.with("on_screen");
        let Some(notice) = self.notices.first().cloned() else {
            ctx.data_mut(|d| d.remove::<bool>(on_screen));
            return;
        };
        let enter_counts = ctx.data(|d| d.get_temp::<bool>(on_screen)).unwrap_or(false);
        let mut close = false;
        let modal = egui::Modal::new(id).show(ctx, |ui| {
            ui.set_max_width(520.0);
            ui.heading(&notice.title);
            ui.add_space(6.0);
            // A long message scrolls inside a notice that fits the window, with OK always in view.
            let max_height = (ctx.content_rect().height() - 160.0).max(80.0);
            egui::ScrollArea::vertical().max_height(max_height).show(ui, |ui| ui.label(&notice.text));
            ui.add_space(8.0);
            if ui.button("OK").clicked() || (enter_counts && ui.input(|i| i.key_pressed(egui::Key::Enter))) {
                close = true;
            }
        });
        let close = close || modal.should_close();
        if close {
            self.notices.remove(0);
        }
        ctx.data_mut(|d| d.insert_temp(on_screen, !close));
    }
}

/// A blinking text cursor repaints the window twice a second for as long as a field has the focus (about
/// 1 s of CPU per 10 s under Xvfb, a laptop battery's worth): the cursor stays lit instead. Set once; the
/// check keeps the styles untouched on every later frame.
fn steady_text_cursor(ctx: &egui::Context) {
    let blinks = |theme| ctx.style_of(theme).visuals.text_cursor.blink;
    if blinks(egui::Theme::Dark) || blinks(egui::Theme::Light) {
        ctx.all_styles_mut(|style| style.visuals.text_cursor.blink = false);
    }
}

impl eframe::App for PowerplotApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let title = self.title();
        self.ui_root(ui);
        if self.title() != title || ui.ctx().cumulative_frame_nr() == 1 {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Title(self.title()));
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, prefs::STORAGE_KEY, &self.prefs());
    }
}

/// Opens the window on `file` (or the embedded demo).
pub fn run(file: Option<PathBuf>) -> Result<(), eframe::Error> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Powerplot")
            .with_inner_size([1366.0, 768.0])
            .with_min_inner_size([900.0, 560.0])
            .with_drag_and_drop(true),
        // Window size and position are restored by eframe from its storage.
        persist_window: true,
        ..Default::default()
    };
    eframe::run_native(
        "Powerplot",
        options,
        Box::new(move |cc| {
            let prefs = cc.storage.and_then(|s| eframe::get_value(s, prefs::STORAGE_KEY)).unwrap_or_default();
            let mut app = PowerplotApp::open_startup(file).with_prefs(prefs);
            app.files.dialogs = file_dialog::FileDialogs::native_first();
            if let Some(dir) = project_file::RecoveryDir::user_default() {
                app = app.with_recovery(dir);
            }
            if let Some(path) = user_catalog::default_path() {
                app = app.with_user_catalog(&path);
            }
            Ok(Box::new(app))
        }),
    )
}
