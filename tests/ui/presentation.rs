//! The presentation slide's cash-flow plot as an audience sees it: labelled ticks on both axes and axis
//! titles clear of them, from the first frame after F5 and after the window changes size, on a laptop
//! screen, a full-HD projector and a 4K display, in both themes.

use egui::{Pos2, Rect, vec2};
use egui_kittest::Harness;
use powerplot::app::PowerplotApp;
use powerplot::model::demo::demo_project;

const LAPTOP: egui::Vec2 = vec2(1366.0, 768.0);
const FULL_HD: egui::Vec2 = vec2(1920.0, 1080.0);
const UHD: egui::Vec2 = vec2(3840.0, 2160.0);

const Y_TITLE: &str = "cumulative cash flow, $M";
const X_TITLE: &str = "year";

/// One piece of text painted in the last frame and the screen area its glyphs cover.
struct Painted {
    text: String,
    rect: Rect,
}

fn harness(size: egui::Vec2, dark: bool) -> Harness<'static, PowerplotApp> {
    let mut app = PowerplotApp::new(demo_project(), None);
    app.dark_mode = dark;
    let mut h = Harness::builder().with_size(size).build_ui_state(|ui, app: &mut PowerplotApp| app.ui_root(ui), app);
    h.run();
    h
}

/// Presses F5 and returns after the first frame that shows the slide: the frame of the key press itself
/// still draws the editor.
fn enter_presentation(h: &mut Harness<'_, PowerplotApp>) {
    h.key_down(egui::Key::F5);
    h.step();
    assert!(h.state().presentation.active, "F5 enters presentation mode");
    h.key_up(egui::Key::F5);
    h.step();
}

fn painted_texts(h: &Harness<'_, PowerplotApp>) -> Vec<Painted> {
    let mut texts = Vec::new();
    let mut stack: Vec<egui::Shape> = h.output().shapes.iter().map(|c| c.shape.clone()).collect();
    while let Some(shape) = stack.pop() {
        match shape {
            egui::Shape::Text(t) => {
                texts.push(Painted { text: t.galley.text().to_string(), rect: t.visual_bounding_rect() })
            }
            egui::Shape::Vec(shapes) => stack.extend(shapes),
            _ => {}
        }
    }
    texts
}

/// The plot's tick labels (the only whole numbers on a slide), split into the x axis (one row, all at the
/// same height) and the y axis (the rest).
fn tick_labels(texts: &[Painted]) -> (Vec<&Painted>, Vec<&Painted>) {
    let ticks: Vec<&Painted> = texts.iter().filter(|t| t.text.parse::<i64>().is_ok()).collect();
    let row_of = |t: &Painted| ticks.iter().filter(|o| (o.rect.bottom() - t.rect.bottom()).abs() < 0.5).count();
    ticks.iter().partition(|t| row_of(t) >= 3)
}

/// What a viewer of the slide in `h` cannot read: missing tick labels or titles, text off the screen, and
/// axis text drawn over other axis text. Empty when the plot is readable.
fn unreadable(h: &Harness<'_, PowerplotApp>, size: egui::Vec2) -> Vec<String> {
    let texts = painted_texts(h);
    let (x_ticks, y_ticks) = tick_labels(&texts);
    let mut problems = Vec::new();
    if x_ticks.len() < 3 {
        problems.push(format!("{} year labels on the x axis", x_ticks.len()));
    }
    if y_ticks.len() < 3 {
        problems.push(format!("{} value labels on the y axis", y_ticks.len()));
    }
    let mut axis_text: Vec<&Painted> = x_ticks.iter().chain(&y_ticks).copied().collect();
    for title in [X_TITLE, Y_TITLE] {
        match texts.iter().find(|t| t.text == title) {
            Some(t) => axis_text.push(t),
            None => problems.push(format!("no axis title {title:?}")),
        }
    }
    let screen = Rect::from_min_size(Pos2::ZERO, size);
    for (i, a) in axis_text.iter().enumerate() {
        if !screen.contains_rect(a.rect) {
            problems.push(format!("{:?} runs off the screen at {:?}", a.text, a.rect));
        }
        for b in &axis_text[i + 1..] {
            if a.rect.intersects(b.rect) {
                problems.push(format!("{:?} at {:?} overlaps {:?} at {:?}", a.text, a.rect, b.text, b.rect));
            }
        }
    }
    problems
}

#[test]
fn the_slides_cash_flow_plot_is_readable_from_the_first_frame_on_every_screen() {
    for size in [LAPTOP, FULL_HD, UHD] {
        for dark in [true, false] {
            let mut h = harness(size, dark);
            enter_presentation(&mut h);
            let problems = unreadable(&h, size);
            assert!(problems.is_empty(), "{size:?}, dark {dark}: {problems:#?}");
        }
    }
}

#[test]
fn the_plot_is_laid_out_again_when_the_window_changes_size_during_a_presentation() {
    let mut h = harness(LAPTOP, true);
    enter_presentation(&mut h);
    h.run();
    for size in [UHD, FULL_HD, LAPTOP] {
        h.set_size(size);
        h.step();
        let problems = unreadable(&h, size);
        assert!(problems.is_empty(), "first frame at {size:?}: {problems:#?}");
    }
}

#[test]
fn tick_labels_grow_with_the_slide_type() {
    let label_height = |size| {
        let mut h = harness(size, true);
        enter_presentation(&mut h);
        let texts = painted_texts(&h);
        let (x_ticks, _) = tick_labels(&texts);
        x_ticks.first().map_or(0.0, |t| t.rect.height())
    };
    let laptop = label_height(LAPTOP);
    let uhd = label_height(UHD);
    assert!(laptop > 0.0, "year labels on the laptop");
    assert!(uhd > 2.5 * laptop, "year labels {uhd} pt high on 4K against {laptop} on a laptop: readable across a room");
}
