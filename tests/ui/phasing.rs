//! Time and the grid in the window: converting a hall to AI from the inspector, dragging a part's span on the
//! Timeline to move its build start, and the one-click fix of a load waiting for power; each one undo step.

use egui_kittest::kittest::Queryable;
use powerplot::app::dashboard::plots::timeline::{screen_position, timeline_data};
use powerplot::app::dashboard::plots::{PlotKind, PlotView};
use powerplot::model::{ComponentKind, Project, WarningKind};

use crate::canvas::{drag, part, undo};
use crate::model_support::{existing, hall, lead, plain_site, substation};

const SUBSTATION: u64 = 1;
const NEW_HALL: u64 = 2;
const OLD_HALL: u64 = 3;

/// A new 100 MVA substation within a 100 MVA approval (online at 36), a new hall ready at 6 that waits for it,
/// and an existing hall to convert.
fn project() -> Project {
    // Prices at which the test halls earn more than their power (no halvings), so none switches off.
    let mut s = plain_site();
    s.name = "Phasing".to_string();
    s.assumptions.interconnection_mva = Some(100.0);
    s.components = vec![lead(substation(SUBSTATION, 100.0), 36), hall(NEW_HALL, 1000), existing(hall(OLD_HALL, 1000))];
    Project { name: "Phasing test".to_string(), scenarios: vec![s] }
}

fn select(h: &mut egui_kittest::Harness<'_, powerplot::app::PowerplotApp>, id: u64) {
    h.state_mut().doc.selection = [id].into_iter().collect();
    h.run();
}

fn converting_pod(h: &egui_kittest::Harness<'_, powerplot::app::PowerplotApp>) -> Option<powerplot::model::Component> {
    h.state()
        .doc
        .scenario()
        .components
        .iter()
        .find(|c| matches!(&c.kind, ComponentKind::GpuPod(p) if p.converts == Some(OLD_HALL)))
        .cloned()
}

/// A tall window, so the inspector's conversion form and fixes are on screen without scrolling.
fn harness(project: Project) -> egui_kittest::Harness<'static, powerplot::app::PowerplotApp> {
    let mut h = egui_kittest::Harness::builder().with_size(egui::vec2(1600.0, 1400.0)).build_ui_state(
        |ui, app: &mut powerplot::app::PowerplotApp| app.ui_root(ui),
        powerplot::app::PowerplotApp::new(project, None),
    );
    h.run();
    h
}

#[test]
fn convert_a_hall_drag_its_start_and_fix_a_waiting_load_each_in_one_undo_step() {
    let mut h = harness(project());

    // Convert: the form sizes the pod to the hall's 5 MW in whole systems and starts it in month 0.
    select(&mut h, OLD_HALL);
    h.get_by_label("Convert to AI…").click();
    h.run();
    h.get_by_label("Convert").click();
    h.run();
    let pod = converting_pod(&h).expect("a pod that converts the hall");
    let ComponentKind::GpuPod(p) = &pod.kind else { unreachable!() };
    assert!(p.retrofit && p.system_count > 0);
    assert!(p.it_mw() <= 5.0 + 1e-9, "whole systems within the hall's IT: {}", p.it_mw());
    let e = h.state().results.get(0).expect("evaluated").clone();
    assert_eq!(
        e.component(OLD_HALL).and_then(|r| r.retire_month),
        Some(0),
        "the hall stops when the conversion starts"
    );
    undo(&mut h);
    assert!(converting_pod(&h).is_none(), "one undo takes the conversion back");
    h.state_mut().doc.redo();
    h.run();
    let pod = converting_pod(&h).expect("redone");

    // Drag the pod's span 12 months to the right on the Timeline.
    h.state_mut().dashboard.plot = PlotKind::Timeline;
    h.run();
    h.run();
    let e = h.state().results.get(0).expect("evaluated").clone();
    let data = timeline_data(h.state().doc.scenario(), &e);
    let row = data.rows.iter().position(|r| r.ids == [pod.id]).expect("the pod's row");
    let online = f64::from(e.component(pod.id).expect("pod").online_month);
    let view = PlotView::new(("dashboard", 0usize));
    let from = screen_position(&h.ctx, view, online + 3.0, row).expect("drawn");
    let to = screen_position(&h.ctx, view, online + 15.0, row).expect("drawn");
    drag(&mut h, from, to);
    h.run();
    assert_eq!(part(&h, pod.id).map(|c| c.build_start_month), Some(12), "dragged 12 months later");
    let e = h.state().results.get(0).expect("evaluated");
    assert_eq!(e.component(OLD_HALL).and_then(|r| r.retire_month), Some(12), "the hall mines until then");
    undo(&mut h);
    assert_eq!(part(&h, pod.id).map(|c| c.build_start_month), Some(0), "one undo takes the drag back");

    // The new hall is ready at month 6 but its substation comes at 36: start it at 30 in one click.
    let e = h.state().results.get(0).expect("evaluated");
    assert!(e.warnings_for(NEW_HALL).any(|w| w.kind == WarningKind::WaitingForPower));
    select(&mut h, NEW_HALL);
    h.get_by_label("Start building in Jul 2029").click();
    h.run();
    assert_eq!(part(&h, NEW_HALL).map(|c| c.build_start_month), Some(30));
    let e = h.state().results.get(0).expect("evaluated");
    assert!(!e.warnings_for(NEW_HALL).any(|w| w.kind == WarningKind::WaitingForPower), "no longer waiting");
    undo(&mut h);
    assert_eq!(part(&h, NEW_HALL).map(|c| c.build_start_month), Some(0));
}
