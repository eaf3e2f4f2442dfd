//! Labels that must not collide or be cut: the capex plot's figures and bar names, the canvas parts' MW
//! figures and the KPI cards' values at 1280 x 720, and an inspector refusal that must not push the fields
//! down under the pointer.

use egui::{Pos2, Rect, Shape, vec2};
use powerplot::app::PowerplotApp;
use powerplot::app::dashboard::cards::cards;
use powerplot::app::dashboard::plots::capex::{MINING_BUILD, THIS_DESIGN};
use powerplot::model::demo::demo_project;
use powerplot::model::{Component, ComponentKind, KindTag, Project, evaluate};
use powerplot::outputs::format;

use egui_kittest::kittest::Queryable;

use crate::canvas::{HALL_A, click_world, harness, type_miners};

/// One painted text: what it says, where, and the clip rectangle it was painted under.
pub(crate) struct Painted {
    pub text: String,
    rect: Rect,
    clip: Rect,
    elided: bool,
    /// Characters drawn (an elided text keeps only the start of `text`, and adds "…").
    glyphs: usize,
}

/// Every text painted in the third frame of the window at `size` showing scenario `active`.
pub(crate) fn painted(project: Project, active: usize, size: egui::Vec2) -> Vec<Painted> {
    let ctx = egui::Context::default();
    let mut app = PowerplotApp::new(project, None);
    app.doc.set_active(active);
    let mut out = Vec::new();
    for _ in 0..3 {
        let input = egui::RawInput { screen_rect: Some(Rect::from_min_size(Pos2::ZERO, size)), ..Default::default() };
        let mut output = ctx.run_ui(input, |ui| app.ui_root(ui));
        output.textures_delta.clear();
        out.clear();
        let mut stack: Vec<(Rect, Shape)> = output.shapes.into_iter().map(|c| (c.clip_rect, c.shape)).collect();
        while let Some((clip, shape)) = stack.pop() {
            match shape {
                Shape::Text(t) => out.push(Painted {
                    text: t.galley.text().to_string(),
                    rect: Rect::from_min_size(t.pos, t.galley.size()),
                    clip,
                    elided: t.galley.elided,
                    glyphs: t.galley.rows.iter().map(|r| r.glyphs.len()).sum(),
                }),
                Shape::Vec(shapes) => stack.extend(shapes.into_iter().map(|s| (clip, s))),
                _ => {}
            }
        }
    }
    out
}

const SIZES: [egui::Vec2; 3] = [vec2(1280.0, 720.0), vec2(1366.0, 768.0), vec2(1920.0, 1080.0)];

/// Stay mining with a one-rack retrofit pod: a premium of a few hundred thousand dollars, so both bars stand
/// almost equally high, where the old premium caption ran into the mining build's.
fn small_premium() -> Project {
    let mut p = demo_project();
    let s = &mut p.scenarios[0];
    let mut pod = Component::new(s.next_id(), KindTag::GpuPod, "Tiny pod", 600.0, 400.0);
    if let ComponentKind::GpuPod(g) = &mut pod.kind {
        g.system_count = 1;
        g.retrofit = true;
    }
    s.components.push(pod);
    p
}

#[test]
fn the_capex_plot_labels_never_overlap() {
    let cases = [(demo_project(), 1), (demo_project(), 2), (small_premium(), 0)];
    for (project, active) in cases {
        let k = evaluate(&project.scenarios[active]).kpis;
        let wanted = [
            format::money(k.capex_total_usd),
            format::money(k.capex_as_mining_build_usd()),
            THIS_DESIGN.to_string(),
            MINING_BUILD.to_string(),
        ];
        for size in SIZES {
            let texts = painted(project.clone(), active, size);
            let labels: Vec<&Painted> = texts.iter().filter(|t| wanted.contains(&t.text)).collect();
            for w in &wanted {
                assert!(labels.iter().any(|t| &t.text == w), "{size:?} scenario {active}: {w} is drawn");
            }
            for (i, a) in labels.iter().enumerate() {
                for b in &labels[i + 1..] {
                    assert!(
                        !a.rect.intersects(b.rect),
                        "{size:?} scenario {active}: \"{}\" at {:?} overlaps \"{}\" at {:?}",
                        a.text,
                        a.rect,
                        b.text,
                        b.rect
                    );
                }
            }
        }
    }
}

#[test]
fn at_1280_by_720_no_part_figure_or_card_value_is_cut() {
    for active in 0..3 {
        let project = demo_project();
        let k = evaluate(&project.scenarios[active]).kpis;
        let texts = painted(project.clone(), active, vec2(1280.0, 720.0));
        // Each part's MW figure on the canvas lies wholly inside the part it labels.
        let mut figures = 0;
        for t in texts.iter().filter(|t| t.text.ends_with(" MW") || t.text.ends_with(" MW_th")) {
            if t.clip.width() < 200.0 {
                figures += 1;
                assert!(
                    t.clip.expand(0.5).contains_rect(t.rect),
                    "scenario {active}: \"{}\" is cut by its part",
                    t.text
                );
            }
        }
        assert!(figures >= project.scenarios[active].components.len() / 2, "scenario {active}: figures drawn");
        for value in
            [format::money(k.capex_total_usd), format::money(k.capex_ai_premium_usd), format::power_mw(k.it_load_mw)]
        {
            let card = texts.iter().find(|t| t.text == value).unwrap_or_else(|| panic!("{value} is shown whole"));
            assert!(!card.elided, "{value} is not cut short");
        }
    }
}

#[test]
fn a_refused_value_leaves_the_fields_where_they_were() {
    let mut h = harness(demo_project());
    click_world(&mut h, 370.0, 90.0);
    let before = h.get_by_label("Uptime").rect();
    type_miners(&mut h, "-5");
    assert!(h.state().inspector.message.is_some(), "the value is refused");
    assert!(h.query_by_label_contains("Miners is -5").is_some(), "the refusal is on screen");
    assert_eq!(h.get_by_label("Uptime").rect(), before, "the fields did not move");
    assert!(h.state().doc.scenario().component(HALL_A).is_some());
}

/// At 1280 x 720 the headline figures (NPV and IRR, payback, capex, power, water) are on screen without
/// scrolling: painted whole, inside the cards' visible area and the window.
#[test]
fn at_1280_by_720_the_headline_figures_show_without_scrolling() {
    let window = Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 720.0));
    for active in 0..3 {
        let project = demo_project();
        let s = &project.scenarios[active];
        let all = cards(s, &evaluate(s).kpis);
        let texts = painted(project.clone(), active, window.size());
        for title in ["NPV · IRR", "Payback", "Total capex", "Facility power · PUE", "Water per day"] {
            let card = all.iter().find(|c| c.title == title).unwrap_or_else(|| panic!("a {title} card"));
            let shown = texts
                .iter()
                .find(|t| t.text == card.value)
                .unwrap_or_else(|| panic!("scenario {active}: {title} \"{}\" is painted", card.value));
            assert!(!shown.elided, "scenario {active}: {title} \"{}\" is cut short", card.value);
            assert!(
                shown.clip.expand(0.5).contains_rect(shown.rect) && window.contains_rect(shown.rect),
                "scenario {active}: {title} \"{}\" at {:?} is outside the visible area {:?}",
                card.value,
                shown.rect,
                shown.clip
            );
        }
    }
}

/// Names shorten from the end and keep a readable start ("AI pod C (re…"), never a lone letter ("H…"): where a
/// name and its figure do not both fit, the name keeps the room. The demo as drawn, and with its parts made
/// shallow and narrower, down to where a single line barely fits.
#[test]
fn part_names_shorten_to_a_readable_start_at_every_size() {
    let mut cases = vec![(demo_project(), None)];
    for width in [80.0, 100.0, 120.0, 150.0, 180.0] {
        for height in [34.0, 45.0] {
            let mut p = demo_project();
            for s in &mut p.scenarios {
                for c in &mut s.components {
                    c.rect.w = width;
                    c.rect.h = height;
                }
            }
            cases.push((p, Some((width, height))));
        }
    }
    for (project, width) in cases {
        let mut shown = 0;
        for size in SIZES {
            for active in 0..3 {
                let names: Vec<&str> = project.scenarios[active].components.iter().map(|c| c.name.as_str()).collect();
                let texts = painted(project.clone(), active, size);
                for t in texts.iter().filter(|t| names.contains(&t.text.as_str())) {
                    shown += 1;
                    // An elided name: the letters kept, then "…".
                    let kept = if t.elided { t.glyphs.saturating_sub(1) } else { t.glyphs };
                    assert!(
                        kept >= 4.min(t.text.chars().count()),
                        "{size:?} scenario {active}, parts {width:?} m: \"{}\" cut to {kept} letters",
                        t.text
                    );
                }
            }
        }
        assert!(shown > 0, "parts {width:?} m: names are drawn");
    }
}

/// A hall sized to its capacity too small to hold its label gets it in a callout beside it, name first.
#[test]
fn a_part_too_small_for_its_label_gets_a_callout() {
    let mut project = demo_project();
    let s = &mut project.scenarios[0];
    let hall = s.components.iter_mut().find(|c| c.name == "Hall E (S21 XP)").expect("Hall E");
    if let ComponentKind::AsicHall(h) = &mut hall.kind {
        h.miner_count = 500;
    }
    hall.rect = powerplot::model::footprint::size_to_capacity(hall).expect("a load");
    let mw = format::power_mw(hall.it_mw());
    let texts = painted(project, 0, vec2(1280.0, 720.0));
    let wanted = format!("Hall E (S21 XP) · {mw}");
    let callout = texts.iter().find(|t| t.text == wanted).unwrap_or_else(|| panic!("\"{wanted}\" is drawn"));
    assert!(!callout.elided && callout.clip.contains_rect(callout.rect), "the callout is whole");
}
