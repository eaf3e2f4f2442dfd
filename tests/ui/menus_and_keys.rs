//! The Edit menu names what Undo and Redo take back and shows the Cut, Copy and Paste keys; the
//! keyboard-shortcuts window lists every command's keys; a focused text field leaves the app idle.

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use powerplot::app::commands::UiCommand;
use powerplot::app::shortcuts;
use powerplot::model::demo::demo_project;

use crate::canvas::{HALL_A, click_world, drag_world, harness};

fn open_edit_menu(h: &mut egui_kittest::Harness<'_, powerplot::app::PowerplotApp>) {
    h.get_by_label("Edit").click();
    h.run();
}

/// A menu item's accessible label: its text and its keys ("Undo Move Ctrl+Z").
fn item(h: &egui_kittest::Harness<'_, powerplot::app::PowerplotApp>, text: &str, key: Key) -> String {
    let keys = h.ctx.format_shortcut(&egui::KeyboardShortcut::new(Modifiers::COMMAND, key));
    format!("{text} {keys}")
}

#[test]
fn the_edit_menu_says_what_undo_and_redo_take_back() {
    let mut h = harness(demo_project());
    open_edit_menu(&mut h);
    assert!(h.query_by_label(&item(&h, "Undo", Key::Z)).is_some(), "nothing to undo yet: a plain, greyed Undo");
    h.key_press(Key::Escape);
    h.run();

    drag_world(&mut h, (370.0, 90.0), (520.0, 190.0));
    open_edit_menu(&mut h);
    let undo_move = item(&h, "Undo Move", Key::Z);
    assert!(h.query_by_label(&undo_move).is_some(), "the drag is named");
    h.get_by_label(&undo_move).click();
    h.run();
    assert_eq!(h.state().doc.redo_label(), Some("Move"));
    open_edit_menu(&mut h);
    assert!(h.query_by_label(&item(&h, "Redo Move", Key::Y)).is_some());
    assert!(h.query_by_label(&item(&h, "Undo", Key::Z)).is_some(), "after undoing the only step, Undo names nothing");
}

#[test]
fn the_edit_menu_shows_the_cut_copy_and_paste_keys() {
    let mut h = harness(demo_project());
    click_world(&mut h, 370.0, 90.0);
    open_edit_menu(&mut h);
    for (text, key) in [("Cut", Key::X), ("Copy", Key::C), ("Paste", Key::V)] {
        let label = item(&h, text, key);
        assert!(h.query_by_label(&label).is_some(), "the menu shows {label}");
    }
    // The menu's Copy runs the same command as the keys: Paste then adds a copy.
    let before = h.state().doc.scenario().components.len();
    h.get_by_label(&item(&h, "Copy", Key::C)).click();
    h.run();
    open_edit_menu(&mut h);
    h.get_by_label(&item(&h, "Paste", Key::V)).click();
    h.run();
    assert_eq!(h.state().doc.scenario().components.len(), before + 1);
    assert!(h.state().doc.scenario().component(HALL_A).is_some());
}

#[test]
fn the_shortcuts_window_opens_from_the_help_menu_and_lists_every_key() {
    let mut h = harness(demo_project());
    h.get_by_label("Help").click();
    h.run();
    h.get_by_label(&item(&h, shortcuts::TITLE, Key::Slash)).click();
    h.run();
    assert!(h.state().show_shortcuts);
    let ctx = h.ctx.clone();
    for cmd in UiCommand::KEYBOARD.into_iter().chain([UiCommand::Cut, UiCommand::Copy, UiCommand::Paste]) {
        let keys = shortcuts::keys_text(&ctx, cmd);
        assert!(!keys.is_empty(), "{cmd:?} has keys");
        assert!(h.query_all_by_label(&keys).next().is_some(), "{cmd:?}: {keys} is listed");
    }
    assert!(shortcuts::keys_text(&ctx, UiCommand::Redo).contains(" or "), "Redo lists both of its keys");
    assert!(h.query_by_label("Move the selection by 10 m").is_some(), "canvas gestures are listed too");

    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().show_shortcuts, "Escape closes it like the Help window");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Slash);
    h.run();
    assert!(h.state().show_shortcuts, "Ctrl+/ opens it");
}

#[test]
fn a_focused_text_field_asks_for_no_repaint_while_idle() {
    let mut h = harness(demo_project());
    // The harness turns blinking off for its snapshots; a real window starts with egui's default, on.
    h.ctx.all_styles_mut(|style| style.visuals.text_cursor.blink = true);
    click_world(&mut h, 370.0, 90.0);
    h.get_by_label("Miners").click();
    h.run();
    assert!(h.ctx.egui_wants_keyboard_input(), "the Miners field is being edited");
    // The cursor is drawn (and would blink) only while the window has the keyboard focus.
    h.input_mut().focused = true;
    h.step();
    h.step();
    let delay = h.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay;
    // A blinking cursor asks for a repaint within half a second, forever.
    assert_eq!(delay, std::time::Duration::MAX, "an idle focused field schedules no repaint");
}
