//! Every user action with its menu label and keyboard shortcut. Menus, shortcuts and tests all go through
//! `PowerplotApp::execute`, so an action behaves the same however it is triggered.

use egui::{Key, KeyboardShortcut, Modifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UiCommand {
    New,
    Open,
    Save,
    SaveAs,
    ExportCsv,
    Quit,
    Undo,
    Redo,
    Cut,
    Copy,
    Paste,
    Duplicate,
    Delete,
    SelectAll,
    ClearSelection,
    Rotate,
    FitSite,
    ZoomIn,
    ZoomOut,
    ToggleGrid,
    ToggleSnap,
    ToggleTheme,
    Presentation,
    Help,
    Shortcuts,
    ToggleLock,
    SizeToCapacity,
    NewScenario,
    DuplicateScenario,
    RenameScenario,
    DeleteScenario,
    MoveScenarioLeft,
    MoveScenarioRight,
    NextScenario,
    PreviousScenario,
    CompareScenarios,
    FindBestMix,
    ExportWindowPng,
    ExportCanvasPng,
    ExportDashboardPng,
    ExportSlidesPng,
    ExportReport,
    ExportWorkbook,
    ExportDeck,
    ExportSitePlanScaledPng,
    ExportPlotsPng,
    ImportUnderlay,
    UnderlayWindow,
    Measure,
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers { shift: true, ..Modifiers::COMMAND };

impl UiCommand {
    pub fn label(self) -> &'static str {
        match self {
            UiCommand::New => "New",
            UiCommand::Open => "Open…",
            UiCommand::Save => "Save",
            UiCommand::SaveAs => "Save As…",
            UiCommand::ExportCsv => "Export monthly CSV…",
            UiCommand::Quit => "Quit",
            UiCommand::Undo => "Undo",
            UiCommand::Redo => "Redo",
            UiCommand::Cut => "Cut",
            UiCommand::Copy => "Copy",
            UiCommand::Paste => "Paste",
            UiCommand::Duplicate => "Duplicate",
            UiCommand::Delete => "Delete",
            UiCommand::SelectAll => "Select all",
            UiCommand::ClearSelection => "Clear selection",
            UiCommand::Rotate => "Rotate 90°",
            UiCommand::FitSite => "Fit site",
            UiCommand::ZoomIn => "Zoom in",
            UiCommand::ZoomOut => "Zoom out",
            UiCommand::ToggleGrid => "Grid",
            UiCommand::ToggleSnap => "Snap to grid",
            UiCommand::ToggleTheme => "Dark theme",
            UiCommand::Presentation => "Presentation",
            UiCommand::Help => "How is this computed?",
            UiCommand::Shortcuts => "Keyboard shortcuts",
            UiCommand::ToggleLock => "Lock / unlock",
            UiCommand::SizeToCapacity => "Size to capacity",
            UiCommand::NewScenario => "New scenario",
            UiCommand::DuplicateScenario => "Duplicate scenario",
            UiCommand::RenameScenario => "Rename scenario…",
            UiCommand::DeleteScenario => "Delete scenario",
            UiCommand::MoveScenarioLeft => "Move scenario left",
            UiCommand::MoveScenarioRight => "Move scenario right",
            UiCommand::NextScenario => "Next scenario",
            UiCommand::PreviousScenario => "Previous scenario",
            UiCommand::CompareScenarios => "Compare scenarios",
            UiCommand::FindBestMix => "Find the best mix…",
            UiCommand::ExportWindowPng => "Window as PNG…",
            UiCommand::ExportCanvasPng => "Site plan as PNG (as on screen)…",
            UiCommand::ExportDashboardPng => "Dashboard as PNG (as on screen)…",
            UiCommand::ExportSlidesPng => "Slides as PNG (every scenario)…",
            UiCommand::ExportReport => "Markdown report…",
            UiCommand::ExportWorkbook => "Excel workbook (.xlsx)…",
            UiCommand::ExportDeck => "Investor deck (PDF)…",
            UiCommand::ExportSitePlanScaledPng => "Site plan as PNG (whole site)…",
            UiCommand::ExportPlotsPng => "Plots as PNG (one file each)…",
            UiCommand::ImportUnderlay => "Import underlay image…",
            UiCommand::UnderlayWindow => "Underlay…",
            UiCommand::Measure => "Measure distance and area",
        }
    }

    /// The shortcuts that trigger this command; the first is shown in menus.
    pub fn shortcuts(self) -> Vec<KeyboardShortcut> {
        const fn ks(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
            KeyboardShortcut::new(modifiers, key)
        }
        match self {
            UiCommand::New => vec![ks(CMD, Key::N)],
            UiCommand::Open => vec![ks(CMD, Key::O)],
            UiCommand::Save => vec![ks(CMD, Key::S)],
            UiCommand::SaveAs => vec![ks(CMD_SHIFT, Key::S)],
            UiCommand::Quit => vec![ks(CMD, Key::Q)],
            UiCommand::Undo => vec![ks(CMD, Key::Z)],
            UiCommand::Redo => vec![ks(CMD, Key::Y), ks(CMD_SHIFT, Key::Z)],
            UiCommand::Duplicate => vec![ks(CMD, Key::D)],
            UiCommand::Delete => vec![ks(Modifiers::NONE, Key::Delete), ks(Modifiers::NONE, Key::Backspace)],
            UiCommand::SelectAll => vec![ks(CMD, Key::A)],
            UiCommand::ClearSelection => vec![ks(Modifiers::NONE, Key::Escape)],
            UiCommand::Rotate => vec![ks(Modifiers::NONE, Key::R)],
            UiCommand::FitSite => vec![ks(Modifiers::NONE, Key::F)],
            UiCommand::ZoomIn => vec![ks(CMD, Key::Plus), ks(CMD, Key::Equals)],
            UiCommand::ZoomOut => vec![ks(CMD, Key::Minus)],
            UiCommand::ToggleGrid => vec![ks(Modifiers::NONE, Key::G)],
            UiCommand::ToggleSnap => vec![ks(Modifiers::NONE, Key::S)],
            UiCommand::Presentation => vec![ks(Modifiers::NONE, Key::F5)],
            UiCommand::Help => vec![ks(Modifiers::NONE, Key::F1)],
            UiCommand::Measure => vec![ks(Modifiers::NONE, Key::M)],
            UiCommand::Shortcuts => vec![ks(CMD, Key::Slash)],
            UiCommand::ToggleLock => vec![ks(CMD, Key::L)],
            UiCommand::NextScenario => vec![ks(CMD, Key::PageDown)],
            UiCommand::PreviousScenario => vec![ks(CMD, Key::PageUp)],
            UiCommand::SizeToCapacity
            | UiCommand::NewScenario
            | UiCommand::DuplicateScenario
            | UiCommand::RenameScenario
            | UiCommand::DeleteScenario
            | UiCommand::MoveScenarioLeft
            | UiCommand::MoveScenarioRight
            | UiCommand::CompareScenarios
            | UiCommand::FindBestMix
            | UiCommand::ExportWindowPng
            | UiCommand::ExportCanvasPng
            | UiCommand::ExportDashboardPng
            | UiCommand::ExportSlidesPng
            | UiCommand::ExportReport
            | UiCommand::ExportWorkbook
            | UiCommand::ExportDeck
            | UiCommand::ExportSitePlanScaledPng
            | UiCommand::ExportPlotsPng
            | UiCommand::ImportUnderlay
            | UiCommand::UnderlayWindow => vec![],
            // Cut, copy and paste arrive as egui events (Event::Cut/Copy/Paste), not as key presses.
            UiCommand::Cut | UiCommand::Copy | UiCommand::Paste | UiCommand::ToggleTheme | UiCommand::ExportCsv => {
                vec![]
            }
        }
    }

    /// The shortcut shown beside the command in menus and in the shortcuts window. Cut, copy and paste have
    /// the platform's keys, which reach the app as clipboard events rather than key presses.
    pub fn menu_shortcut(self) -> Option<KeyboardShortcut> {
        match self {
            UiCommand::Cut => Some(KeyboardShortcut::new(CMD, Key::X)),
            UiCommand::Copy => Some(KeyboardShortcut::new(CMD, Key::C)),
            UiCommand::Paste => Some(KeyboardShortcut::new(CMD, Key::V)),
            other => other.shortcuts().first().copied(),
        }
    }

    /// Commands a focused text field handles itself: plain keys (Delete, R, F, G, S, Escape) and the text
    /// editing shortcuts Ctrl+A, Ctrl+Z and Ctrl+Y, which must edit the text rather than the site.
    pub fn yields_to_text_fields(self) -> bool {
        let plain = self.shortcuts().first().is_some_and(|s| s.modifiers.is_none())
            && !matches!(self, UiCommand::Presentation | UiCommand::Help);
        plain || matches!(self, UiCommand::SelectAll | UiCommand::Undo | UiCommand::Redo)
    }

    pub const KEYBOARD: [UiCommand; 24] = [
        UiCommand::SaveAs,
        UiCommand::New,
        UiCommand::Open,
        UiCommand::Save,
        UiCommand::Quit,
        UiCommand::Redo,
        UiCommand::Undo,
        UiCommand::Duplicate,
        UiCommand::Delete,
        UiCommand::SelectAll,
        UiCommand::ClearSelection,
        UiCommand::Rotate,
        UiCommand::FitSite,
        UiCommand::ZoomIn,
        UiCommand::ZoomOut,
        UiCommand::ToggleGrid,
        UiCommand::ToggleSnap,
        UiCommand::Presentation,
        UiCommand::Help,
        UiCommand::Shortcuts,
        UiCommand::ToggleLock,
        UiCommand::NextScenario,
        UiCommand::PreviousScenario,
        UiCommand::Measure,
    ];
}
