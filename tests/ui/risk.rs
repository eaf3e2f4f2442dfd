//! The Risk tab, driven through the real app: the run happens off the UI thread with progress, shows the
//! model's own figures with each end in words, restarts when the document changes (the old run's figures are
//! never shown for the new document), and the inspector's Risk group edits the settings through commands.

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use powerplot::app::PowerplotApp;
use powerplot::app::dashboard::risk::risk_cards;
use powerplot::app::edit::EditCommand;
use powerplot::app::risk_run::{RunKey, RunState};
use powerplot::model::demo::demo_project;
use powerplot::model::risk::{Progress, run};

const HYBRID: usize = 1;

fn harness(active: usize, draws: u32) -> Harness<'static, PowerplotApp> {
    let mut project = demo_project();
    for s in &mut project.scenarios {
        s.assumptions.risk.draws = draws;
    }
    let mut app = PowerplotApp::new(project, None);
    app.doc.set_active(active);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_ui_state(|ui, app: &mut PowerplotApp| app.ui_root(ui), app);
    h.step();
    h
}

fn key(h: &Harness<'_, PowerplotApp>) -> RunKey {
    RunKey { scenario: h.state().doc.active, revision: h.state().doc.revision }
}

/// Steps frames until the active scenario's run is done (the UI thread never waits on it).
fn until_ready(h: &mut Harness<'_, PowerplotApp>) {
    let started = Instant::now();
    while h.state().risk.state(key(h)) != RunState::Ready {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the run did not finish: {:?}",
            h.state().risk.state(key(h))
        );
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
    h.step();
}

#[test]
fn the_risk_tab_shows_the_models_figures_with_each_end_in_words() {
    let mut h = harness(HYBRID, 100);
    h.get_by_label("Risk").click();
    h.step();
    h.step();
    assert!(matches!(h.state().risk.state(key(&h)), RunState::Running { .. } | RunState::Ready));
    until_ready(&mut h);
    let shown = h.state().risk.result(key(&h)).expect("a result").clone();
    let expected = run(&demo_project_with_draws(100).scenarios[HYBRID], &Progress::default()).expect("runs");
    assert_eq!(*shown, expected, "the tab shows what the model computes for the same seed and draws");
    assert!(h.query_by_label("Probability of loss").is_some());
    assert!(h.query_by_label("NPV P10").is_some());
    // NPV, payback, full power and EBITDA; the equity IRR exists in too few of 100 draws to rank.
    assert!(h.query_all_by_label("1 in 10 draws is worse than this").count() >= 4);
    assert!(h.query_all_by_label_contains("draws have one").count() == 3);
    assert!(h.query_by_label_contains("100 draws, seed 1").is_some());
}

fn demo_project_with_draws(draws: u32) -> powerplot::model::Project {
    let mut p = demo_project();
    for s in &mut p.scenarios {
        s.assumptions.risk.draws = draws;
    }
    p
}

#[test]
fn an_edit_cancels_the_run_and_starts_one_for_the_new_document() {
    let mut h = harness(HYBRID, 2_000);
    h.state_mut().dashboard.show_risk = true;
    h.step();
    let first = key(&h);
    assert!(matches!(h.state().risk.state(first), RunState::Running { .. }), "2,000 draws take a while");
    let mut a = h.state().doc.scenario().assumptions.clone();
    a.power_price_usd_per_mwh = 60.0;
    a.risk.draws = 100;
    assert!(h.state_mut().edit(EditCommand::SetAssumptions { scenario: HYBRID, assumptions: a }));
    h.step();
    let second = key(&h);
    assert_ne!(first, second);
    assert_eq!(h.state().risk.state(first), RunState::Idle, "the old run is cancelled");
    until_ready(&mut h);
    assert!(h.state().risk.result(first).is_none(), "figures are kept only for the revision they were run at");
    assert_eq!(h.state().risk.result(second).expect("a result").draws, 100);
}

#[test]
fn the_window_does_not_repaint_once_the_run_is_over() {
    let mut h = harness(HYBRID, 100);
    h.state_mut().dashboard.show_risk = true;
    h.step();
    until_ready(&mut h);
    // A few more frames settle the layout; after that nothing asks for another frame.
    for _ in 0..3 {
        h.step();
    }
    assert!(!h.state().risk.is_running());
    h.run();
}

#[test]
fn cards_put_the_pessimistic_end_first() {
    let p = demo_project_with_draws(100);
    let r = run(&p.scenarios[HYBRID], &Progress::default()).expect("runs");
    let cards = risk_cards(&r);
    let titles: Vec<&str> = cards.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(titles[..3], ["Probability of loss", "Mean NPV", "Base case NPV"]);
    // NPV: higher is better, so P10 is the pessimistic end; payback: lower is better, so P90 is.
    let npv = titles.iter().position(|t| *t == "NPV P10").expect("NPV cards");
    assert_eq!(titles[npv..npv + 3], ["NPV P10", "NPV P50", "NPV P90"]);
    let payback = titles.iter().position(|t| t.starts_with("Payback")).expect("payback cards");
    assert_eq!(titles[payback..payback + 3], ["Payback P90", "Payback P50", "Payback P10"]);
    assert_eq!(cards[payback].detail, "1 in 10 draws is worse than this");
    assert_eq!(cards[payback + 2].detail, "1 in 10 draws is better than this");
}

#[test]
fn risk_settings_are_edited_through_commands_and_undone() {
    let mut h = harness(HYBRID, 100);
    // The site assumptions above are long: fold them so the Risk group is in view.
    h.get_by_label("Site assumptions").click();
    h.run();
    h.get_by_label("Risk (Monte Carlo)").click();
    // The group opens over a few frames (it is animated); nothing runs, so the window settles.
    h.run();
    assert!(h.query_by_label("Hashprice volatility").is_some(), "the spreads are listed with their sources");
    let before = h.state().doc.scenario().assumptions.risk.clone();
    // The switch is labelled by its input's name (the name's own label comes first).
    h.get_all_by_label("Hashprice path").last().expect("a switch").click();
    h.run();
    assert!(!h.state().doc.scenario().assumptions.risk.hashprice.on);
    assert!(h.query_by_label("Hashprice volatility").is_none(), "a switched-off input hides its spread");
    h.state_mut().doc.undo();
    assert_eq!(h.state().doc.scenario().assumptions.risk, before);
}

#[test]
fn slides_and_the_report_show_the_p10_p50_p90_line_under_npv() {
    let mut h = harness(HYBRID, 100);
    h.state_mut().dashboard.show_risk = true;
    h.step();
    until_ready(&mut h);
    let result = h.state().risk.result(key(&h)).expect("a result").clone();
    let line = powerplot::outputs::risk::npv_line(&result);
    assert!(line.starts_with("NPV P10 ") && line.contains(" · P50 ") && line.contains("100 draws"), "{line}");
    h.state_mut().presentation.active = true;
    h.step();
    h.step();
    let slide_line = powerplot::app::presentation::slide_risk_line(&result);
    assert!(slide_line.starts_with(&format!("Risk: {line}")), "{slide_line}");
    assert!(h.query_by_label(&slide_line).is_some(), "the slide shows the line under its cards");
    // A scenario without risk results starts a run for its slide, says so, then shows its own line.
    h.state_mut().doc.set_active(0);
    h.step();
    assert!(h.query_by_label_contains("Risk: running the Monte Carlo").is_some(), "the slide says the run is going");
    let first = powerplot::app::risk_run::RunKey { scenario: 0, revision: h.state().doc.revision };
    while h.state().risk.result(first).is_none() {
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    h.step();
    let own = powerplot::app::presentation::slide_risk_line(&h.state().risk.result(first).expect("a result").clone());
    assert!(h.query_by_label(&own).is_some(), "the first scenario's slide shows its own line");

    let project = h.state().doc.project.clone();
    let evaluations = powerplot::outputs::report::evaluate_all(&project);
    let images = powerplot::outputs::markdown::ReportImages::default();
    let risk = vec![None, Some(line.clone()), None];
    let text = powerplot::outputs::markdown::markdown_with_risk(&project, &evaluations, &images, &risk);
    assert_eq!(text.matches("Risk (Monte Carlo, pre-tax NPV): ").count(), 1);
    let hybrid = text.find("## Scenario 2: Hybrid").expect("the Hybrid section");
    let full_ai = text.find("## Scenario 3").expect("the next section");
    let at = text.find("Risk (Monte Carlo, pre-tax NPV): ").expect("the line");
    assert!(hybrid < at && at < full_ai, "the line is in Hybrid's section");
}

/// Texts painted in the harness's last frame, with whether each was cut short ("…").
fn painted_texts(h: &Harness<'_, PowerplotApp>) -> Vec<(String, bool, egui::Rect, egui::Rect)> {
    let mut out = Vec::new();
    let mut stack: Vec<(egui::Rect, egui::Shape)> =
        h.output().shapes.iter().map(|c| (c.clip_rect, c.shape.clone())).collect();
    while let Some((clip, shape)) = stack.pop() {
        match shape {
            egui::Shape::Text(t) => {
                let rect = egui::Rect::from_min_size(t.pos, t.galley.size());
                out.push((t.galley.text().to_string(), t.galley.elided, rect, clip));
            }
            egui::Shape::Vec(shapes) => stack.extend(shapes.into_iter().map(|s| (clip, s))),
            _ => {}
        }
    }
    out
}

/// At 1280 x 720 each Risk chart is at least 200 px high, its axis label is drawn whole, and the first rows
/// of cards show their values uncut.
#[test]
fn at_1280_by_720_the_risk_charts_are_tall_enough_and_nothing_is_cut() {
    let mut app = PowerplotApp::new(demo_project_with_draws(100), None);
    app.doc.set_active(HYBRID);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 720.0))
        .build_ui_state(|ui, app: &mut PowerplotApp| app.ui_root(ui), app);
    h.step();
    h.get_by_label("Risk").click();
    h.step();
    until_ready(&mut h);
    for _ in 0..3 {
        h.step();
    }
    let frame = |h: &Harness<'_, PowerplotApp>, id: egui::Id| {
        egui_plot::PlotMemory::load(&h.ctx, id).map(|m| *m.transform().frame()).expect("the chart is drawn")
    };
    let fan = frame(&h, powerplot::app::dashboard::risk::fan_view(HYBRID).plot_id("risk_fan"));
    assert!(fan.height() >= 200.0, "the fan is {} px high", fan.height());
    let texts = painted_texts(&h);
    let axis = texts.iter().find(|t| t.0 == "Cumulative cash flow, $").expect("the fan's axis label");
    assert!(axis.3.expand(0.5).contains_rect(axis.2), "the axis label is whole: {:?} in {:?}", axis.2, axis.3);
    let r = h.state().risk.result(key(&h)).expect("a result").clone();
    for card in risk_cards(&r).iter().take(9) {
        for line in [&card.value, &card.detail] {
            let shown =
                texts.iter().find(|t| &t.0 == line).unwrap_or_else(|| panic!("{}: {line} is shown", card.title));
            assert!(!shown.1, "{}: \"{line}\" is cut short", card.title);
            assert!(shown.3.contains_rect(shown.2), "{}: \"{line}\" is clipped", card.title);
        }
    }
    h.get_by_label("NPV histogram").click();
    for _ in 0..3 {
        h.step();
    }
    let histogram = frame(&h, powerplot::app::dashboard::risk::histogram_view(HYBRID).plot_id("risk_histogram"));
    assert!(histogram.height() >= 200.0, "the histogram is {} px high", histogram.height());
}

#[test]
fn an_optimistic_base_case_is_flagged_on_the_dashboard_and_in_compare() {
    let mut h = harness(HYBRID, 100);
    h.get_by_label("Risk").click();
    h.step();
    until_ready(&mut h);
    // Back on the plots: the card beside the headline NPV reads the run just made.
    h.get_by_label("Cash flow").click();
    h.step();
    h.step();
    let r = h.state().risk.result(key(&h)).expect("a result").clone();
    assert!(r.base_is_optimistic(), "Hybrid's base case lies above the P75 of its draws");
    assert!(h.query_by_label("Base case vs its risk draws").is_some(), "the caveat card is on the dashboard");
    let share = powerplot::outputs::format::percent(r.below_base_share());
    let mean = powerplot::outputs::format::money(r.npv.mean.expect("a mean"));
    assert!(h.query_by_label(&format!("above {share} of draws · their mean {mean}")).is_some());

    // Compare runs every scenario's draws in turn and says which base cases are optimistic.
    h.state_mut().compare.open = true;
    let started = Instant::now();
    loop {
        h.step();
        let revision = h.state().doc.revision;
        let lines = powerplot::app::compare::risk_lines(&h.state().doc.project, &h.state().risk, revision);
        if lines.iter().all(|l| !l.ends_with("running…")) {
            assert!(lines[HYBRID].starts_with("Hybrid: Base case above "), "{lines:?}");
            assert!(lines[HYBRID].contains("the base case is optimistic"), "{lines:?}");
            assert!(lines[0].starts_with("Stay mining: base case NPV "), "{lines:?}");
            assert!(lines[0].contains("within its draws"), "{lines:?}");
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(240), "compare's runs did not finish: {lines:?}");
        std::thread::sleep(Duration::from_millis(20));
    }
    h.step();
    assert!(h.query_by_label_contains("Hybrid: Base case above ").is_some(), "the line is shown in the window");
}

#[test]
fn a_figure_too_few_draws_have_is_not_shown_as_percentiles() {
    // Full AI: almost no draw has an equity IRR (the owners put cash in again after the first year).
    let p = demo_project_with_draws(100);
    let full_ai = p.scenarios.iter().find(|s| s.name == "Full AI").expect("Full AI");
    let r = run(full_ai, &Progress::default()).expect("runs");
    assert!(r.equity_irr.withheld, "{:?}", r.equity_irr);
    let cards = risk_cards(&r);
    let irr: Vec<_> = cards.iter().filter(|c| c.title.starts_with("Equity IRR of draws")).collect();
    assert_eq!(irr.len(), 3);
    for c in irr {
        assert_eq!(c.value, "n/a");
        assert_eq!(
            c.detail,
            format!(
                "only {} of 100 draws {} one",
                r.equity_irr.count,
                if r.equity_irr.count == 1 { "has" } else { "have" }
            )
        );
    }
}
