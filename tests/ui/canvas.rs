//! The site canvas and the inspector as a planner uses them, driven through the real app without a GPU:
//! placing parts from the palette, moving, resizing, marquee selection, delete, undo and redo, editing a
//! field and seeing the KPIs move, and a refused out-of-range value.

use egui::{Event, Key, Modifiers, PointerButton, Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use powerplot::app::PowerplotApp;
use powerplot::model::demo::demo_project;
use powerplot::model::{Component, KindTag, Project, Rect};

/// Hall A of the demo's "Stay mining" scenario: an existing hall at (260, 60), 220 x 60 m.
pub(crate) const HALL_A: u64 = 2;
pub(crate) const HALL_B: u64 = 3;

pub(crate) fn harness(project: Project) -> Harness<'static, PowerplotApp> {
    let mut h = Harness::builder()
        .with_size(vec2(1366.0, 768.0))
        .build_ui_state(|ui, app: &mut PowerplotApp| app.ui_root(ui), PowerplotApp::new(project, None));
    h.run();
    h
}

pub(crate) fn screen(h: &Harness<'_, PowerplotApp>, x: f64, y: f64) -> Pos2 {
    h.state().canvas.world_to_screen(x, y)
}

pub(crate) fn part(h: &Harness<'_, PowerplotApp>, id: u64) -> Option<Component> {
    h.state().doc.scenario().component(id).cloned()
}

pub(crate) fn count(h: &Harness<'_, PowerplotApp>) -> usize {
    h.state().doc.scenario().components.len()
}

pub(crate) fn press(h: &mut Harness<'_, PowerplotApp>, at: Pos2, pressed: bool) {
    h.event(Event::PointerButton { pos: at, button: PointerButton::Primary, pressed, modifiers: Modifiers::NONE });
    h.run();
}

pub(crate) fn click_at(h: &mut Harness<'_, PowerplotApp>, at: Pos2) {
    h.hover_at(at);
    h.run();
    press(h, at, true);
    press(h, at, false);
}

pub(crate) fn click_world(h: &mut Harness<'_, PowerplotApp>, x: f64, y: f64) {
    let at = screen(h, x, y);
    click_at(h, at);
}

pub(crate) fn drag_world(h: &mut Harness<'_, PowerplotApp>, from: (f64, f64), to: (f64, f64)) {
    let (a, b) = (screen(h, from.0, from.1), screen(h, to.0, to.1));
    drag(h, a, b);
}

/// A pointer drag in small steps, as a hand would make it.
pub(crate) fn drag(h: &mut Harness<'_, PowerplotApp>, from: Pos2, to: Pos2) {
    h.hover_at(from);
    h.run();
    press(h, from, true);
    for i in 1..=8 {
        h.hover_at(from + (to - from) * (i as f32 / 8.0));
        h.run();
    }
    press(h, to, false);
}

pub(crate) fn undo(h: &mut Harness<'_, PowerplotApp>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
}

pub(crate) fn redo(h: &mut Harness<'_, PowerplotApp>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
}

fn snapped(h: &Harness<'_, PowerplotApp>, v: f64) -> f64 {
    let step = h.state().canvas.grid_step_m();
    (v / step).round() * step
}

#[test]
fn clicking_a_palette_kind_then_the_canvas_adds_a_named_part_there() {
    let mut h = harness(demo_project());
    let before = count(&h);
    h.get_by_label("GPU pod").click();
    h.run();
    assert_eq!(h.state().canvas.armed, Some(KindTag::GpuPod));
    let at = screen(&h, 760.0, 300.0);
    click_at(&mut h, at);

    assert_eq!(count(&h), before + 1);
    let added = h.state().doc.scenario().components.last().cloned().expect("a part was added");
    assert_eq!(added.name, "GPU pod 1");
    assert_eq!(added.tag(), KindTag::GpuPod);
    let (cx, cy) = added.rect.center();
    let step = h.state().canvas.grid_step_m();
    assert!((cx - 760.0).abs() <= step && (cy - 300.0).abs() <= step, "centred on the click: {:?}", added.rect);
    assert!(h.state().doc.selection.contains(&added.id), "the new part is selected");
    assert_eq!(h.state().canvas.armed, None, "one click places one part");

    undo(&mut h);
    assert_eq!(count(&h), before);
    redo(&mut h);
    assert_eq!(count(&h), before + 1);
    assert_eq!(h.state().doc.scenario().components.last().map(|c| c.name.as_str()), Some("GPU pod 1"));
}

#[test]
fn dragging_a_kind_from_the_palette_drops_it_where_released() {
    let mut h = harness(demo_project());
    let before = count(&h);
    let from = h.get_by_label("Cooling plant").rect().center();
    let to = screen(&h, 800.0, 450.0);
    drag(&mut h, from, to);

    assert_eq!(count(&h), before + 1);
    let added = h.state().doc.scenario().components.last().cloned().expect("a part was added");
    assert_eq!(added.tag(), KindTag::CoolingPlant);
    assert_eq!(added.name, "Cooling plant 1");
    let (cx, cy) = added.rect.center();
    let step = h.state().canvas.grid_step_m();
    assert!((cx - 800.0).abs() <= step && (cy - 450.0).abs() <= step, "dropped at the pointer: {:?}", added.rect);
    undo(&mut h);
    assert_eq!(count(&h), before);
}

#[test]
fn dragging_a_part_moves_it_in_one_undo_step() {
    let mut h = harness(demo_project());
    let start = part(&h, HALL_A).expect("Hall A").rect;
    let from = screen(&h, 370.0, 90.0);
    let to = screen(&h, 370.0 + 150.0, 90.0 + 100.0);
    drag(&mut h, from, to);

    let moved = part(&h, HALL_A).expect("Hall A").rect;
    assert_eq!((moved.x, moved.y), (snapped(&h, start.x + 150.0), snapped(&h, start.y + 100.0)));
    assert_eq!((moved.w, moved.h), (start.w, start.h));
    assert_eq!(h.state().doc.selection.iter().copied().collect::<Vec<_>>(), vec![HALL_A]);
    assert!(!h.state().doc.in_gesture(), "the drag's gesture is closed on release");

    undo(&mut h);
    assert_eq!(part(&h, HALL_A).map(|c| c.rect), Some(start), "one undo takes the whole drag back");
    redo(&mut h);
    assert_eq!(part(&h, HALL_A).map(|c| c.rect), Some(moved));
}

#[test]
fn dragging_a_corner_handle_resizes_the_part() {
    let mut h = harness(demo_project());
    click_world(&mut h, 370.0, 90.0);
    assert_eq!(h.state().doc.selection.len(), 1);
    let start = part(&h, HALL_A).expect("Hall A").rect;
    let corner = screen(&h, start.right(), start.bottom());
    let to = screen(&h, start.right() + 60.0, start.bottom() + 40.0);
    drag(&mut h, corner, to);

    let resized = part(&h, HALL_A).expect("Hall A").rect;
    assert_eq!((resized.x, resized.y), (start.x, start.y), "the opposite corner stays put");
    assert_eq!(resized.right(), snapped(&h, start.right() + 60.0));
    assert_eq!(resized.bottom(), snapped(&h, start.bottom() + 40.0));
    assert!(resized.w > start.w && resized.h > start.h);

    undo(&mut h);
    assert_eq!(part(&h, HALL_A).map(|c| c.rect), Some(start));
    redo(&mut h);
    assert_eq!(part(&h, HALL_A).map(|c| c.rect), Some(resized));
}

#[test]
fn a_marquee_selects_two_parts_and_delete_removes_them_until_undone() {
    let mut h = harness(demo_project());
    let before = count(&h);
    // From empty ground left of the halls to below Hall B: touches halls A and B only.
    drag_world(&mut h, (200.0, 40.0), (500.0, 200.0));
    let selected: Vec<u64> = h.state().doc.selection.iter().copied().collect();
    assert_eq!(selected, vec![HALL_A, HALL_B]);

    h.key_press(Key::Delete);
    h.run();
    assert_eq!(count(&h), before - 2);
    assert!(part(&h, HALL_A).is_none() && part(&h, HALL_B).is_none());

    undo(&mut h);
    assert_eq!(count(&h), before);
    assert_eq!(
        h.state().doc.selection.iter().copied().collect::<Vec<_>>(),
        vec![HALL_A, HALL_B],
        "undo restores the selection"
    );
    redo(&mut h);
    assert_eq!(count(&h), before - 2);
}

#[test]
fn the_wheel_zooms_about_the_cursor() {
    let mut h = harness(demo_project());
    let cursor = screen(&h, 300.0, 200.0);
    let scale = h.state().canvas.view.scale;
    h.hover_at(cursor);
    h.run();
    h.event(Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: vec2(0.0, 120.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: Modifiers::NONE,
    });
    for _ in 0..20 {
        h.hover_at(cursor);
        h.step();
    }
    assert!(h.state().canvas.view.scale > scale * 1.2, "zoomed in");
    let (x, y) = h.state().canvas.screen_to_world(cursor);
    assert!((x - 300.0).abs() < 0.5 && (y - 200.0).abs() < 0.5, "the point under the cursor stays: ({x}, {y})");
}

#[test]
fn keyboard_duplicates_rotates_and_nudges_the_selection() {
    let mut h = harness(demo_project());
    click_world(&mut h, 370.0, 90.0);
    let before = count(&h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run();
    assert_eq!(count(&h), before + 1);
    let copy = h.state().doc.scenario().components.last().cloned().expect("a duplicate");
    assert_eq!(copy.name, "Hall A 2");
    assert_eq!((copy.rect.x, copy.rect.y), (270.0, 70.0));
    assert_eq!(h.state().doc.selection.iter().copied().collect::<Vec<_>>(), vec![copy.id], "the copy is selected");

    h.key_press(Key::R);
    h.run();
    let turned = part(&h, copy.id).expect("copy").rect;
    assert_eq!((turned.w, turned.h), (copy.rect.h, copy.rect.w));

    h.key_press(Key::ArrowRight);
    h.run();
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowDown);
    h.run();
    let nudged = part(&h, copy.id).expect("copy").rect;
    assert_eq!((nudged.x, nudged.y), (turned.x + 1.0, turned.y + 10.0));

    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().doc.selection.is_empty());
}

#[test]
fn copy_and_paste_add_offset_copies_with_new_ids_also_from_clipboard_text() {
    let mut h = harness(demo_project());
    click_world(&mut h, 370.0, 90.0);
    h.event(Event::Copy);
    h.step();
    let copied_text = h.output().platform_output.commands.iter().find_map(|c| match c {
        egui::OutputCommand::CopyText(text) => Some(text.clone()),
        _ => None,
    });
    h.run();
    let text = copied_text.expect("the parts went to the system clipboard as text");
    assert!(text.contains("Hall A"), "{text}");

    let before = count(&h);
    h.event(Event::Paste(String::new()));
    h.run();
    assert_eq!(count(&h), before + 1, "the app's clipboard is pasted");
    let pasted = h.state().doc.scenario().components.last().cloned().expect("pasted");
    assert_ne!(pasted.id, HALL_A);
    assert_eq!((pasted.rect.x, pasted.rect.y), (270.0, 70.0));

    // Text copied in another window arrives as a paste event.
    h.event(Event::Paste(text));
    h.run();
    assert_eq!(count(&h), before + 2);
    let names: Vec<String> = h.state().doc.scenario().components.iter().map(|c| c.name.clone()).collect();
    assert!(names.contains(&"Hall A 2".to_string()) && names.contains(&"Hall A 3".to_string()), "{names:?}");
}

/// Selects Hall A and types `text` into its "Miners" field.
pub(crate) fn type_miners(h: &mut Harness<'_, PowerplotApp>, text: &str) {
    click_world(h, 370.0, 90.0);
    h.get_by_label("Miners").click();
    h.run();
    h.get_by_label("Miners").type_text(text);
    h.run();
    h.key_press(Key::Enter);
    h.run();
}

#[test]
fn typing_a_count_in_the_inspector_changes_the_part_and_the_kpis() {
    let mut h = harness(demo_project());
    let it_before = h.state().results.get(0).expect("evaluated").kpis.it_load_mw;
    type_miners(&mut h, "24000");

    match part(&h, HALL_A).map(|c| c.kind) {
        Some(powerplot::model::ComponentKind::AsicHall(hall)) => assert_eq!(hall.miner_count, 24_000),
        other => panic!("Hall A should be an ASIC hall: {other:?}"),
    }
    let it_after = h.state().results.get(0).expect("evaluated").kpis.it_load_mw;
    assert!((it_after - it_before - 42.0).abs() < 1e-6, "12,000 more S21s add 42 MW: {it_before} -> {it_after}");
    undo(&mut h);
    let it_undone = h.state().results.get(0).expect("evaluated").kpis.it_load_mw;
    assert!((it_undone - it_before).abs() < 1e-9);
}

#[test]
fn an_out_of_range_value_is_refused_with_a_message_and_changes_nothing() {
    let mut h = harness(demo_project());
    let project = h.state().doc.project.clone();
    let revision = h.state().doc.revision;
    type_miners(&mut h, "-5");

    assert_eq!(h.state().doc.project, project, "the document is unchanged");
    assert_eq!(h.state().doc.revision, revision);
    let message = h.state().inspector.message.clone().expect("a refusal message");
    assert!(message.contains("Hall A") && message.contains("Miners is -5") && message.contains("0 to"), "{message}");
    assert!(h.query_by_label_contains("Miners is -5").is_some(), "the message is on screen");
}

#[test]
fn dragging_an_inspector_value_is_one_undo_step() {
    let mut h = harness(demo_project());
    click_world(&mut h, 370.0, 90.0);
    let start = part(&h, HALL_A).expect("Hall A");
    let value = h.get_by_label("Miners").rect().center();
    drag(&mut h, value, value + vec2(80.0, 0.0));
    let dragged = part(&h, HALL_A).expect("Hall A");
    assert_ne!(dragged.kind, start.kind, "the drag changed the miner count");
    assert!(!h.state().doc.in_gesture());
    undo(&mut h);
    assert_eq!(part(&h, HALL_A), Some(start), "one undo takes the whole drag back");
}

#[test]
fn a_part_dragged_off_the_site_is_flagged_outside_the_boundary() {
    let mut h = harness(demo_project());
    let boundary: Rect = h.state().doc.scenario().boundary;
    drag_world(&mut h, (370.0, 90.0), (370.0, 90.0 - 140.0));
    let hall = part(&h, HALL_A).expect("Hall A");
    assert!(!hall.rect.inside(&boundary), "{:?}", hall.rect);
    let e = h.state().results.get(0).expect("evaluated");
    assert!(e.warnings_for(HALL_A).any(|w| w.kind == powerplot::model::WarningKind::OutsideBoundary));
}

#[test]
fn a_middle_button_drag_pans_the_view_and_leaves_the_site_alone() {
    let mut h = harness(demo_project());
    let project = h.state().doc.project.clone();
    let from = screen(&h, 700.0, 500.0);
    let world_before = h.state().canvas.screen_to_world(from);
    h.hover_at(from);
    h.run();
    let button =
        |pos, pressed| Event::PointerButton { pos, button: PointerButton::Middle, pressed, modifiers: Modifiers::NONE };
    h.event(button(from, true));
    h.run();
    for i in 1..=6 {
        h.hover_at(from + vec2(-20.0 * i as f32, 10.0 * i as f32));
        h.run();
    }
    let to = from + vec2(-120.0, 60.0);
    h.event(button(to, false));
    h.run();

    let (x, y) = h.state().canvas.screen_to_world(to);
    assert!((x - world_before.0).abs() < 1.0 && (y - world_before.1).abs() < 1.0, "the ground followed the pointer");
    assert_eq!(h.state().doc.project, project, "panning changes no part");
}

#[test]
fn shift_click_adds_and_removes_parts_from_the_selection() {
    let mut h = harness(demo_project());
    click_world(&mut h, 370.0, 90.0);
    let hall_b = screen(&h, 370.0, 180.0);
    h.event(Event::ModifiersChanged(Modifiers::SHIFT));
    click_at(&mut h, hall_b);
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    h.run();
    assert_eq!(h.state().doc.selection.iter().copied().collect::<Vec<_>>(), vec![HALL_A, HALL_B]);
    assert!(h.query_by_label_contains("2 parts selected").is_some(), "the inspector shows the shared fields");
    h.event(Event::ModifiersChanged(Modifiers::SHIFT));
    click_at(&mut h, hall_b);
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    h.run();
    assert_eq!(h.state().doc.selection.iter().copied().collect::<Vec<_>>(), vec![HALL_A]);
}

/// The inspector scrolled down to the assumptions shows a newly selected part from its top: the part's
/// header (its summary and Size to capacity) in view, not the assumptions the last part was scrolled to.
#[test]
fn a_new_selection_shows_the_inspector_from_the_top() {
    let mut h = harness(demo_project());
    click_world(&mut h, 370.0, 90.0);
    let heading = h.get_by_label("Inspector").rect();
    let top_of = |h: &Harness<'_, PowerplotApp>| h.get_by_label("Size to capacity").rect().top();
    assert!(top_of(&h) > heading.bottom(), "Hall A's header is in view");
    let over_inspector = Pos2::new(heading.center().x, 500.0);
    for _ in 0..10 {
        h.hover_at(over_inspector);
        h.event(Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: vec2(0.0, -400.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers: Modifiers::NONE,
        });
        h.run_steps(8);
    }
    assert!(top_of(&h) < heading.bottom(), "scrolled down past Hall A's header");
    click_world(&mut h, 370.0, 180.0);
    assert_eq!(h.state().doc.selection.iter().copied().collect::<Vec<_>>(), vec![HALL_B]);
    assert!(top_of(&h) > heading.bottom(), "Hall B's header is in view");
}

fn harness_with_catalog(text: &str) -> (Harness<'static, PowerplotApp>, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("catalog.ron");
    std::fs::write(&path, text).expect("write");
    let app = PowerplotApp::new(demo_project(), None).with_user_catalog(&path);
    let mut h = Harness::builder()
        .with_size(vec2(1366.0, 768.0))
        .build_ui_state(|ui, app: &mut PowerplotApp| app.ui_root(ui), app);
    h.run();
    (h, dir)
}

/// The user's catalog file adds its miners after the built-in ones in the hall's preset list; picking one
/// fills the hall's figures.
#[test]
fn the_miner_list_shows_built_in_and_user_entries() {
    let user = "(miners: [(name: \"Garage S23\", th_s: 300.0, kw: 3.3, cooling: Air, usd_per_th_s: Some(18.0), \
                source: \"our own quote, 2026\")])";
    let (mut h, _dir) = harness_with_catalog(user);
    assert!(h.state().notices.is_empty(), "a good file is read silently");
    click_world(&mut h, 370.0, 90.0);
    h.get_by_label("Miner model").click();
    h.run();
    assert!(h.query_by_label("Antminer S21 XP Hydro").is_some(), "built-in entries are listed");
    assert!(h.query_by_label("Whatsminer M66S").is_some(), "built-in entries are listed");
    // The list is longer than its popup: the user's entries come last.
    h.get_by_label("Garage S23").scroll_to_me();
    h.run();
    h.get_by_label("Garage S23").click();
    h.run();
    let Some(Component { kind: powerplot::model::ComponentKind::AsicHall(hall), .. }) = part(&h, HALL_A) else {
        panic!("Hall A is a hall")
    };
    assert_eq!((hall.miner_model.as_str(), hall.miner_th_s, hall.miner_kw), ("Garage S23", 300.0, 3.3));
    assert_eq!(hall.miner_price_usd_per_th, 18.0, "the user's price is applied");
}

/// A broken user catalog is reported with its line and ignored: the built-in list is offered, the app runs.
#[test]
fn a_broken_user_catalog_is_reported_by_line_and_ignored() {
    let user = "(\n    miners: [\n        (name: \"Garage S23\", th_s: 300.0 kw: 3.3),\n    ],\n)\n";
    let (mut h, _dir) = harness_with_catalog(user);
    assert!(h.query_by_label_contains("Your equipment catalog was not read").is_some(), "the notice is shown");
    assert!(h.query_by_label_contains("catalog.ron, line 3").is_some(), "it names the file and line");
    h.get_by_label("OK").click();
    h.run();
    click_world(&mut h, 370.0, 90.0);
    h.get_by_label("Miner model").click();
    h.run();
    assert!(h.query_by_label("Antminer S21 Pro").is_some(), "the built-in list is offered");
    assert!(h.query_by_label("Garage S23").is_none(), "nothing of the broken file");
}
