//! Regressions found in a hands-on pass over the whole app, as a demanding user would meet them: text drawn
//! from a stale font atlas, messages that vanished before they could be read, typed values committed at
//! every keystroke, empty sites, and labels that did not fit their parts.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use powerplot::app::PowerplotApp;
use powerplot::model::demo::demo_project;

fn harness(app: PowerplotApp) -> Harness<'static, PowerplotApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_ui_state(|ui, app: &mut PowerplotApp| app.ui_root(ui), app);
    h.run();
    h
}

fn shows(h: &Harness<'_, PowerplotApp>, text: &str) -> bool {
    h.query_by_label_contains(text).is_some()
}

/// Every galley painted in one frame of the whole window.
fn painted_galleys(ctx: &egui::Context, app: &mut PowerplotApp) -> Vec<std::sync::Arc<egui::Galley>> {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1366.0, 768.0))),
        ..Default::default()
    };
    let mut output = ctx.run_ui(input, |ui| app.ui_root(ui));
    output.textures_delta.clear();
    let mut galleys = Vec::new();
    let mut stack: Vec<egui::Shape> = output.shapes.into_iter().map(|c| c.shape).collect();
    while let Some(shape) = stack.pop() {
        match shape {
            egui::Shape::Text(text) => galleys.push(text.galley),
            egui::Shape::Vec(shapes) => stack.extend(shapes),
            _ => {}
        }
    }
    galleys
}

#[test]
fn canvas_labels_are_laid_out_again_after_the_ui_scale_changes() {
    let ctx = egui::Context::default();
    let mut app = PowerplotApp::new(demo_project(), None);
    for _ in 0..3 {
        painted_galleys(&ctx, &mut app);
    }
    app.ui_scale = 1.25;
    let mut galleys = Vec::new();
    for _ in 0..3 {
        galleys = painted_galleys(&ctx, &mut app);
    }
    let ppp = ctx.pixels_per_point();
    assert!((ppp - 1.25).abs() < 1e-6, "the UI scale applies: {ppp}");
    let hall = galleys.iter().find(|g| g.text() == "Hall A").expect("the canvas labels Hall A");
    assert_eq!(hall.pixels_per_point, ppp, "a label laid out for the old scale points into a cleared font atlas");
    let stale: Vec<&str> = galleys.iter().filter(|g| g.pixels_per_point != ppp).map(|g| g.text()).collect();
    assert!(stale.is_empty(), "text drawn from the old font atlas: {stale:?}");
}

#[test]
fn a_broken_file_chosen_with_enter_in_the_open_dialog_stays_on_screen_until_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let broken = dir.path().join("notes.ron");
    std::fs::write(&broken, "hello, this is not a project").expect("write");
    let mut h = harness(PowerplotApp::new(demo_project(), None));
    let before = h.state().doc.project.clone();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Path").set_text_value_accesskit(&broken.display().to_string());
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(!shows(&h, "Open project"), "Enter in the path field opens the file");
    assert!(shows(&h, "Cannot open the file"), "the Enter that chose the file must not dismiss the message too");
    assert_eq!(h.state().doc.project, before);

    h.key_press(egui::Key::Enter);
    h.run();
    assert!(!shows(&h, "Cannot open the file"), "a second Enter confirms the message");
}

#[test]
fn escape_closes_a_notice() {
    let mut h = harness(PowerplotApp::new(demo_project(), None));
    h.state_mut().notify("Exported", "The window was written somewhere.");
    h.run();
    assert!(shows(&h, "Exported"));
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(!shows(&h, "Exported"));
    assert!(h.state().notices.is_empty());
}

const HALL_A: u64 = 2;

fn hall_a_miners(h: &Harness<'_, PowerplotApp>) -> u32 {
    let hall = h.state().doc.scenario().components.iter().find(|c| c.id == HALL_A).cloned();
    match hall.map(|c| c.kind) {
        Some(powerplot::model::ComponentKind::AsicHall(hall)) => hall.miner_count,
        other => panic!("Hall A should be an ASIC hall: {other:?}"),
    }
}

/// Selects Hall A, clicks its "Miners" value and types `text` one key at a time, as a user does.
fn type_miners_key_by_key(h: &mut Harness<'_, PowerplotApp>, text: &str) {
    h.state_mut().doc.selection = [HALL_A].into_iter().collect();
    h.run();
    h.get_by_label("Miners").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    for c in text.chars() {
        h.event(egui::Event::Text(c.to_string()));
        h.run();
    }
    h.key_press(egui::Key::Enter);
    h.run();
}

#[test]
fn a_typed_value_is_one_edit_committed_on_enter_not_one_per_keystroke() {
    let mut h = harness(PowerplotApp::new(demo_project(), None));
    let before = h.state().doc.project.clone();
    type_miners_key_by_key(&mut h, "24000");
    assert_eq!(hall_a_miners(&h), 24_000);
    assert!(h.state().inspector.message.is_none(), "{:?}", h.state().inspector.message);
    h.state_mut().doc.undo();
    h.run();
    assert_eq!(h.state().doc.project, before, "one undo step takes the whole typed value back");
}

#[test]
fn an_absurd_typed_count_is_refused_whole_and_leaves_the_part_alone() {
    let mut h = harness(PowerplotApp::new(demo_project(), None));
    let before = h.state().doc.project.clone();
    type_miners_key_by_key(&mut h, "1e30");
    assert_eq!(h.state().doc.project, before, "no digit typed on the way to 1e30 was committed");
    let message = h.state().inspector.message.clone().expect("a refusal message");
    assert!(message.contains("Miners is"), "{message}");
    assert!(shows(&h, "Not changed"), "the message is on screen");
}

#[test]
fn text_that_is_not_a_number_is_refused_with_a_message() {
    for typed in ["lots", "NaN", "inf"] {
        let mut h = harness(PowerplotApp::new(demo_project(), None));
        let before = h.state().doc.project.clone();
        type_miners_key_by_key(&mut h, typed);
        assert_eq!(h.state().doc.project, before, "{typed}");
        let message = h.state().inspector.message.clone().unwrap_or_default();
        assert!(message.contains(&format!("\"{typed}\" is not a number")), "{typed}: {message}");
    }
}

#[test]
fn a_negative_price_and_a_ten_thousand_month_lead_time_are_refused() {
    for (label, typed, expected) in
        [("Power price", "-5", "Power price is -5"), ("Lead time", "10000", "Lead time is 10000")]
    {
        let mut h = harness(PowerplotApp::new(demo_project(), None));
        h.state_mut().doc.selection = [HALL_A].into_iter().collect();
        h.run();
        let before = h.state().doc.project.clone();
        // With a part selected, its economics come first and the site's fields start lower in the panel.
        h.get_by_label(label).scroll_to_me();
        h.run();
        h.get_by_label(label).click();
        h.run();
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        h.event(egui::Event::Text(typed.to_string()));
        h.key_press(egui::Key::Enter);
        h.run();
        assert_eq!(h.state().doc.project, before, "{label} {typed}");
        let message = h.state().inspector.message.clone().unwrap_or_default();
        assert!(message.contains(expected) && message.contains("must be"), "{label}: {message}");
    }
}

#[test]
fn after_deleting_every_part_each_tab_says_why_it_is_empty_and_payback_is_n_a() {
    let mut h = harness(PowerplotApp::new(demo_project(), None));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.key_press(egui::Key::Delete);
    h.run();
    assert!(h.state().doc.scenario().components.is_empty(), "every part deleted");
    assert!(!shows(&h, "0 months"), "no payback or full-power month is made up for an empty site");
    assert!(shows(&h, "nothing invested"));
    for (tab, sentence) in [
        ("Capex", "Nothing to build yet"),
        ("Power", "No parts on the site yet: add parts"),
        ("Water", "No cooling plants"),
        ("Cash flow", "Nothing built, nothing earned"),
        ("Timeline", "No parts on the site yet."),
        ("Sensitivity", "no driver moves NPV"),
    ] {
        h.get_by_label(tab).click();
        h.run();
        assert!(shows(&h, sentence), "{tab}: {sentence}");
    }
}

/// Non-ASCII characters inside string literals of `dir` (comment lines skipped), with one place each.
fn literal_characters(dir: &std::path::Path, found: &mut std::collections::BTreeMap<char, String>) {
    let paths: Vec<std::path::PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries.flatten().map(|e| e.path()).collect(),
        Err(_) => vec![dir.to_path_buf()],
    };
    for path in paths {
        if path.is_dir() {
            literal_characters(&path, found);
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("source is UTF-8");
        for (n, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            let (mut quoted, mut previous) = (false, ' ');
            for c in line.chars() {
                if c == '"' && previous != '\\' {
                    quoted = !quoted;
                } else if quoted && !c.is_ascii() {
                    found.entry(c).or_insert_with(|| format!("{}:{}", path.display(), n + 1));
                }
                previous = c;
            }
        }
    }
}

#[test]
fn every_character_the_ui_writes_has_a_glyph_in_its_fonts() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = std::collections::BTreeMap::new();
    // The window's code, the model's messages and the outputs the window shows (format, slide cards, caveats, risk
    // lines). Left out: comparison.rs (its ★ marks the report's and the deck's best values, never the window's) and
    // the workbook and the deck, which carry their own fonts.
    for dir in ["app", "model"] {
        literal_characters(&root.join(dir), &mut found);
    }
    for file in ["format.rs", "slide.rs", "caveats.rs", "risk.rs", "report.rs"] {
        literal_characters(&root.join("outputs").join(file), &mut found);
    }
    assert!(found.contains_key(&'…'), "the scan sees the menus' ellipses");
    let ctx = egui::Context::default();
    ctx.run_ui(Default::default(), |_| {}).textures_delta.clear();
    let has = |c: char| ctx.fonts_mut(|f| f.has_glyph(&egui::FontId::proportional(14.0), c));
    assert!(!has('★') && !has('✓'), "the check can see a missing glyph");
    // The unsaved marker is in the window title, which the desktop draws with its own fonts.
    found.remove(&'●');
    let missing: Vec<String> = found
        .iter()
        .filter(|(c, _)| {
            !ctx.fonts_mut(|f| {
                f.has_glyph(&egui::FontId::proportional(14.0), **c) && f.has_glyph(&egui::FontId::monospace(14.0), **c)
            })
        })
        .map(|(c, at)| format!("{c:?} at {at}"))
        .collect();
    assert!(missing.is_empty(), "drawn as boxes: {missing:?}");
}

#[test]
fn escape_closes_an_open_menu_and_keeps_the_selection() {
    let mut h = harness(PowerplotApp::new(demo_project(), None));
    h.state_mut().doc.selection = [HALL_A].into_iter().collect();
    h.run();
    h.get_by_label("View").click();
    h.run();
    assert!(shows(&h, "Zoom out"), "the View menu is open");
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(!shows(&h, "Zoom out"), "Escape closes the menu");
    assert!(h.state().doc.selection.contains(&HALL_A), "the Escape was the menu's, not Clear selection");
}

#[test]
fn escape_closes_the_help_window_before_it_clears_the_selection() {
    let mut h = harness(PowerplotApp::new(demo_project(), None));
    h.state_mut().doc.selection = [HALL_A].into_iter().collect();
    h.key_press(egui::Key::F1);
    h.run();
    assert!(h.state().show_help);
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(!h.state().show_help, "Escape closes Help");
    assert!(h.state().doc.selection.contains(&HALL_A));
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.state().doc.selection.is_empty(), "the next Escape clears the selection");
}

#[test]
fn opening_a_folder_in_the_in_app_dialog_says_it_is_a_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("sites.ron");
    std::fs::create_dir(&folder).expect("mkdir");
    let mut h = harness(PowerplotApp::new(demo_project(), None));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Path").set_text_value_accesskit(&folder.display().to_string());
    h.run();
    h.get_by_label("Open").click();
    h.run();
    assert!(shows(&h, "is a folder"), "not \"there is no file\": the folder is there");
    assert!(shows(&h, "Open project"), "the dialog stays open to pick a file");
}

#[test]
fn undoing_back_to_the_saved_state_clears_the_unsaved_marker() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("site.ron");
    powerplot::project_file::save_project(&path, &demo_project()).expect("write");
    let mut h = harness(PowerplotApp::open_startup(Some(path)));
    assert!(!h.state().title().contains('●'));
    h.state_mut().doc.selection = [HALL_A].into_iter().collect();
    h.key_press(egui::Key::Delete);
    h.run();
    assert!(h.state().title().starts_with("● site.ron"), "{}", h.state().title());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(!h.state().title().contains('●'), "back to the file's content: {}", h.state().title());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Y);
    h.run();
    assert!(h.state().title().starts_with("● site.ron"), "redo brings the change back: {}", h.state().title());
}
