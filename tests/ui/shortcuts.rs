//! Keyboard shortcuts reach the site only when no text field is being edited.

use egui::{Event, Key, Modifiers, PointerButton, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use powerplot::app::PowerplotApp;
use powerplot::app::edit::EditCommand;
use powerplot::model::demo::demo_project;

fn harness() -> Harness<'static, PowerplotApp> {
    let mut h = Harness::builder()
        .with_size(vec2(1366.0, 768.0))
        .build_ui_state(|ui, app: &mut PowerplotApp| app.ui_root(ui), PowerplotApp::new(demo_project(), None));
    h.run();
    h
}

/// Clicks Hall A of the demo (world 370, 90) so the inspector shows its fields.
fn select_hall_a(h: &mut Harness<'_, PowerplotApp>) {
    let at = h.state().canvas.world_to_screen(370.0, 90.0);
    for pressed in [true, false] {
        h.event(Event::PointerButton { pos: at, button: PointerButton::Primary, pressed, modifiers: Modifiers::NONE });
        h.run();
    }
    assert_eq!(h.state().doc.selection.len(), 1);
}

#[test]
fn ctrl_a_and_ctrl_z_in_a_text_field_leave_the_site_alone() {
    let mut h = harness();
    h.state_mut().doc.apply(EditCommand::RenameProject { name: "Edited".into() }).expect("rename");
    select_hall_a(&mut h);
    h.get_by_label("Miners").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    assert_eq!(h.state().doc.selection.len(), 1, "Ctrl+A selects the field's text, not every part");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().doc.project.name, "Edited", "Ctrl+Z in a field does not undo the site");
}

#[test]
fn ctrl_a_and_ctrl_z_on_the_canvas_act_on_the_site() {
    let mut h = harness();
    h.state_mut().doc.apply(EditCommand::RenameProject { name: "Edited".into() }).expect("rename");
    select_hall_a(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    let parts = h.state().doc.scenario().components.len();
    assert_eq!(h.state().doc.selection.len(), parts);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().doc.project.name, demo_project().name);
}
