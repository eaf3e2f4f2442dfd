//! Locked parts: a permitted substation cannot be dragged, resized, nudged, rotated or deleted on the canvas
//! by accident; locking is one undo step, from the inspector, the context menu or Ctrl+L, and it is saved.

use egui::{Event, Key, Modifiers, PointerButton};
use egui_kittest::kittest::Queryable;
use powerplot::app::PowerplotApp;
use powerplot::model::demo::demo_project;
use powerplot::project_file::{parse_project, to_ron_string};

use crate::canvas::{HALL_A, HALL_B, click_world, drag_world, harness, part, undo};

fn lock_hall_a(h: &mut egui_kittest::Harness<'_, PowerplotApp>) {
    click_world(h, 370.0, 90.0);
    h.get_by_label("Locked").click();
    h.run();
    assert!(part(h, HALL_A).expect("Hall A").locked, "the inspector's Locked box locks it");
}

#[test]
fn a_locked_part_stays_put_when_dragged_nudged_or_resized_and_unlocking_is_undoable() {
    let mut h = harness(demo_project());
    lock_hall_a(&mut h);
    let start = part(&h, HALL_A).expect("Hall A").rect;
    drag_world(&mut h, (370.0, 90.0), (520.0, 190.0));
    assert_eq!(part(&h, HALL_A).expect("Hall A").rect, start, "a drag does not move it");
    h.key_press(Key::ArrowRight);
    h.run();
    assert_eq!(part(&h, HALL_A).expect("Hall A").rect, start, "nor an arrow key");
    // The bottom-right corner, where a resize handle would be.
    drag_world(&mut h, (start.right(), start.bottom()), (start.right() + 60.0, start.bottom() + 40.0));
    assert_eq!(part(&h, HALL_A).expect("Hall A").rect, start, "nor a corner drag");
    assert_eq!(h.state().doc.undo_label(), Some("Lock"));

    undo(&mut h);
    assert!(!part(&h, HALL_A).expect("Hall A").locked, "one undo unlocks it");
    click_world(&mut h, 370.0, 90.0);
    drag_world(&mut h, (370.0, 90.0), (520.0, 190.0));
    assert_ne!(part(&h, HALL_A).expect("Hall A").rect, start, "unlocked, it moves again");
}

#[test]
fn in_a_selection_only_the_unlocked_parts_move_and_delete_keeps_the_locked_one() {
    let mut h = harness(demo_project());
    lock_hall_a(&mut h);
    let (a, b) = (part(&h, HALL_A).expect("A").rect, part(&h, HALL_B).expect("B").rect);
    h.state_mut().doc.selection = [HALL_A, HALL_B].into();
    drag_world(&mut h, (370.0, 180.0), (370.0, 250.0));
    assert_eq!(part(&h, HALL_A).expect("A").rect, a, "the locked hall stays");
    assert_ne!(part(&h, HALL_B).expect("B").rect, b, "the hall grabbed moves");

    h.state_mut().doc.selection = [HALL_A, HALL_B].into();
    h.key_press(Key::Delete);
    h.run();
    assert!(part(&h, HALL_A).is_some(), "Delete keeps the locked hall");
    assert!(part(&h, HALL_B).is_none(), "and deletes the other");
    let notice = h.state().notices.first().expect("a message says why Hall A is still there");
    assert!(notice.text.contains("Hall A") && notice.text.contains("locked"), "{}", notice.text);
}

#[test]
fn the_context_menu_and_ctrl_l_lock_and_unlock() {
    let mut h = harness(demo_project());
    let at = h.state().canvas.world_to_screen(370.0, 90.0);
    h.hover_at(at);
    h.run();
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos: at,
            button: PointerButton::Secondary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        h.run();
    }
    assert_eq!(h.state().doc.selection.iter().copied().collect::<Vec<_>>(), vec![HALL_A], "right click selects");
    let keys = h.ctx.format_shortcut(&egui::KeyboardShortcut::new(Modifiers::COMMAND, Key::L));
    h.get_by_label(&format!("Lock {keys}")).click();
    h.run();
    assert!(part(&h, HALL_A).expect("Hall A").locked);
    h.key_press_modifiers(Modifiers::COMMAND, Key::L);
    h.run();
    assert!(!part(&h, HALL_A).expect("Hall A").locked, "Ctrl+L on a locked selection unlocks it");
}

#[test]
fn the_lock_is_saved_and_older_files_load_unlocked() {
    let mut project = demo_project();
    project.scenarios[0].components[0].locked = true;
    let text = to_ron_string(&project);
    let back = parse_project(&text, "locked.ron").expect("parse");
    assert!(back.scenarios[0].components[0].locked);
    // A file written before the field existed: no `locked` anywhere.
    let old = text.replace("locked: true,", "").replace("locked: false,", "");
    assert!(!old.contains("locked"));
    let back = parse_project(&old, "old.ron").expect("an older file loads");
    assert!(back.scenarios.iter().flat_map(|s| &s.components).all(|c| !c.locked));
}
