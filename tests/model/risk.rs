//! Monte Carlo risk (MODEL.md "Risk (Monte Carlo)"): reproducible on any number of threads, the base case when
//! every input is off, spreads that widen with their sigma, the percentile definition, the walk's coefficients
//! and statistics, triangles, common random numbers and how a draw is applied.

use powerplot::model::component::{BusinessModel, ComponentKind};
use powerplot::model::demo::demo_project;
use powerplot::model::risk::distributions::{walk_coefficients, walk_factors};
use powerplot::model::risk::draw::{DrawInputs, apply, sample};
use powerplot::model::risk::rng::{Purpose, Stream};
use powerplot::model::risk::{Progress, RiskResult, RiskSettings, Spread, Triangle, percentile, run_with};
use powerplot::model::{Scenario, evaluate, validate_scenario};
use powerplot::project_file::parse_project;

use crate::support::{assert_close, close, cloud_pod, colo_pod, existing, lead, substation};

fn demo(name: &str) -> Scenario {
    demo_project().scenarios.into_iter().find(|s| s.name == name).expect("a demo scenario")
}

fn settings(draws: u32) -> RiskSettings {
    RiskSettings { draws, ..RiskSettings::default() }
}

fn run(s: &Scenario, settings: &RiskSettings) -> RiskResult {
    run_with(s, settings, &Progress::default()).expect("not cancelled")
}

fn on_threads(threads: usize, s: &Scenario, settings: &RiskSettings) -> RiskResult {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("a thread pool");
    pool.install(|| run(s, settings))
}

/// Every number of a result as bits, so "identical" means bit for bit (NaN included).
fn bits(r: &RiskResult) -> Vec<u64> {
    let spreads = [r.npv, r.equity_irr, r.payback_months, r.full_power_month, r.annual_ebitda];
    let mut out: Vec<u64> = spreads
        .iter()
        .flat_map(|s| [s.p10, s.p50, s.p90, s.mean, s.std_error])
        .map(|v| v.map_or(u64::MAX, f64::to_bits))
        .collect();
    out.push(u64::from(r.draws_below_base));
    if let Some((_, without, with)) = r.optimism.and_then(|o| o.skew) {
        out.extend([without.to_bits(), with.to_bits()]);
    }
    for v in [r.equity_irr_none_share, r.payback_never_share, r.annual_ebitda_none_share, r.prob_npv_negative] {
        out.push(v.to_bits());
    }
    for series in [&r.fan.p10, &r.fan.p50, &r.fan.p90] {
        out.extend(series.iter().map(|v| v.to_bits()));
    }
    out.extend(r.histogram.counts.iter().map(|&c| c as u64));
    out
}

#[test]
fn one_and_two_threads_give_identical_results() {
    for name in ["Stay mining", "Hybrid", "Full AI"] {
        let s = demo(name);
        let settings = settings(300);
        let one = on_threads(1, &s, &settings);
        let two = on_threads(2, &s, &settings);
        assert_eq!(bits(&one), bits(&two), "{name}");
        assert_eq!(one, two);
        assert_eq!(one.draws, 300);
    }
}

#[test]
fn the_same_seed_repeats_and_another_seed_differs() {
    let s = demo("Hybrid");
    let a = run(&s, &settings(200));
    assert_eq!(bits(&a), bits(&run(&s, &settings(200))));
    let other = run(&s, &RiskSettings { seed: 2, ..settings(200) });
    assert_ne!(a.npv.p50, other.npv.p50);
}

#[test]
fn with_every_input_off_every_percentile_is_the_base_case() {
    for name in ["Stay mining", "Hybrid", "Full AI"] {
        let s = demo(name);
        let base = evaluate(&s).kpis;
        let r = run(&s, &settings(100).all_off());
        for v in [r.npv.p10, r.npv.p50, r.npv.p90] {
            assert_eq!(v, Some(base.npv_usd), "{name}");
        }
        // The mean of 100 equal values is that value up to the rounding of their sum.
        assert_close(r.npv.mean.unwrap(), base.npv_usd, 1e-12);
        assert!(r.npv.std_error.unwrap() < 1e-9 * base.npv_usd.abs());
        assert_eq!(r.full_power_month.p10, Some(base.full_power_month as f64));
        assert_eq!(r.full_power_month.p90, Some(base.full_power_month as f64));
        assert_eq!(r.payback_months.p50, base.payback_months, "{name}");
        assert_eq!(r.annual_ebitda.p90, base.annual_ebitda_usd, "{name}");
        assert_eq!(r.prob_npv_negative, if base.npv_usd < 0.0 { 1.0 } else { 0.0 });
        assert_eq!(r.fan.p10, r.fan.base);
        assert_eq!(r.fan.p90, r.fan.base);
        assert_eq!(r.base_npv, base.npv_usd);
    }
}

#[test]
fn a_wider_hashprice_spread_widens_the_npv_range() {
    // Only the hashprice walk on, on the all-mining scenario. Lease and schedule stay at their base case.
    let s = demo("Stay mining");
    let mut narrow = settings(400).all_off();
    narrow.hashprice.on = true;
    narrow.hashprice.sigma = 0.25;
    let wide = RiskSettings {
        hashprice: powerplot::model::risk::WalkInput { sigma: 0.75, ..narrow.hashprice },
        ..narrow.clone()
    };
    let (n, w) = (run(&s, &narrow).npv, run(&s, &wide).npv);
    let range = |r: Spread| r.p90.unwrap() - r.p10.unwrap();
    assert!(range(n) > 0.0);
    assert!(range(w) > 1.5 * range(n), "narrow {} vs wide {}", range(n), range(w));
}

#[test]
fn percentiles_follow_the_sorted_array_definition() {
    // 1..=10: ceil(0.1 x 10) = 1st, ceil(0.5 x 10) = 5th, ceil(0.9 x 10) = 9th.
    let ten: Vec<f64> = (1..=10).map(f64::from).collect();
    assert_eq!([10, 50, 90].map(|p| percentile(&ten, p)), [Some(1.0), Some(5.0), Some(9.0)]);
    // 30 values: ceil(0.1 x 30) = 3 exactly (0.1 x 30 is 3.0000000000000004 in floating point, ceil 4).
    let thirty: Vec<f64> = (1..=30).map(f64::from).collect();
    assert_eq!([10, 50, 90].map(|p| percentile(&thirty, p)), [Some(3.0), Some(15.0), Some(27.0)]);
    // 7 values: ceil(0.7) = 1st, ceil(3.5) = 4th, ceil(6.3) = 7th.
    let seven = [2.0, 3.0, 5.0, 7.0, 11.0, 13.0, 17.0];
    assert_eq!([10, 50, 90].map(|p| percentile(&seven, p)), [Some(2.0), Some(7.0), Some(17.0)]);
    assert_eq!(percentile(&[], 50), None);
    // Against the definition itself on every size 1..200: the smallest value with at least q of the values at
    // or below it.
    for n in 1..200usize {
        let sorted: Vec<f64> = (0..n).map(|i| i as f64 * 1.5 - 40.0).collect();
        for p in [10u32, 50, 90] {
            let expected = sorted.iter().copied().find(|v| {
                let at_or_below = sorted.iter().filter(|x| *x <= v).count();
                at_or_below * 100 >= p as usize * n
            });
            assert_eq!(percentile(&sorted, p), expected, "n {n}, P{p}");
        }
    }
    // Spread sorts its input; mean 4, sample sd sqrt(10/4 ... ) : values 2,4,4,4,5,5,7,9: mean 5, sum of squared
    // deviations 32, sample variance 32/7, standard error sqrt(32/7/8) = 0.7559.
    let s = Spread::of(vec![9.0, 4.0, 2.0, 5.0, 4.0, 7.0, 4.0, 5.0]);
    assert_eq!((s.p10, s.p50, s.p90), (Some(2.0), Some(4.0), Some(9.0)));
    close(s.mean.unwrap(), 5.0);
    assert_close(s.std_error.unwrap(), (32.0f64 / 7.0 / 8.0).sqrt(), 1e-12);
}

#[test]
fn never_paying_draws_rank_above_every_paying_draw() {
    // 10 draws, 3 pay back (in 20, 30 and 40 months): P10 is the 1st (20); P50 is the 5th, a never-paying
    // draw, so it does not exist; the mean and its error are over the paying draws.
    let s = Spread::with_missing_on_top(vec![40.0, 20.0, 30.0], 10);
    assert_eq!((s.p10, s.p50, s.p90), (Some(20.0), None, None));
    close(s.mean.unwrap(), 30.0);
    assert_close(s.std_error.unwrap(), 10.0 / 3.0f64.sqrt(), 1e-12);
}

#[test]
fn walk_coefficients_match_the_hand_worked_values() {
    // Half-life 2 years: k = ln 2 / 2 = 0.346574 per year, a = exp(-k / 12) = 0.971532,
    // step = 0.5 x sqrt((1 - a^2) / (2 k)) = 0.5 x sqrt(0.056126 / 0.693147) = 0.142278.
    let c = walk_coefficients(0.5, 2.0);
    assert_close(c.a, 0.971_531_941_153_606, 1e-12);
    assert_close(c.step, 0.142_278_117_397_411, 1e-12);
    // Doubling sigma doubles the step and leaves a alone.
    let c2 = walk_coefficients(1.0, 2.0);
    assert_close(c2.step, 2.0 * c.step, 1e-14);
    assert_eq!(c2.a, c.a);
    // Half-life 0: a plain random walk, step = sigma x sqrt(1/12) = 0.5 x 0.288675 = 0.144338.
    let plain = walk_coefficients(0.5, 0.0);
    assert_eq!(plain.a, 1.0);
    assert_close(plain.step, 0.144_337_567_297_406, 1e-12);
}

/// Variance of X(m) over `paths` walks drawn from their own streams.
fn variance_at(c: powerplot::model::risk::distributions::WalkCoefficients, m: usize, paths: u64) -> (f64, f64) {
    let mut factors = Vec::new();
    let xs: Vec<f64> = (0..paths)
        .map(|i| {
            let mut stream = Stream::new(7, Purpose::HashpriceWalk, i);
            walk_factors(&mut stream, c, m + 1, &mut factors);
            assert_eq!(factors[0], 1.0, "X(0) = 0: month 0 is the base price");
            factors[m].ln()
        })
        .collect();
    let mean = xs.iter().sum::<f64>() / xs.len() as f64;
    (mean, xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (xs.len() - 1) as f64)
}

#[test]
fn the_walk_levels_off_near_sigma_over_sqrt_two_k() {
    // Var X(m) = sigma^2 / (2 k) x (1 - a^(2m)); at m = 120 with sigma 0.5 and a 2-year half-life:
    // 0.25 / 0.693147 x (1 - 0.000977) = 0.360322 (sd 0.6003), far below the plain walk's 0.25 x 10 = 2.5.
    let (mean, var) = variance_at(walk_coefficients(0.5, 2.0), 120, 20_000);
    assert!(mean.abs() < 0.02, "no drift: the median path is the base path ({mean})");
    assert_close(var, 0.360_322, 0.04);
    // Plain walk: Var X(m) = sigma^2 x m / 12 = 0.25 x 24 / 12 = 0.5 at m = 24.
    let (_, plain) = variance_at(walk_coefficients(0.5, 0.0), 24, 20_000);
    assert_close(plain, 0.5, 0.04);
}

#[test]
fn triangles_use_their_corners_as_written() {
    // triangular(0, 1, 2): F(1) = 0.5; u = 0.125 -> sqrt(0.125 x 2 x 1) = 0.5; u = 0.875 -> 2 - 0.5 = 1.5.
    let t = Triangle { low: 0.0, mode: 1.0, high: 2.0 };
    close(t.quantile(0.5), 1.0);
    close(t.quantile(0.125), 0.5);
    close(t.quantile(0.875), 1.5);
    assert_eq!((t.quantile(0.0), t.quantile(1.0)), (0.0, 2.0));
    // The AI premium's triangle is skewed up: F(mode) = 0.1 / 1.6 = 0.0625, so the median lies above the mode
    // (2.5 - sqrt(0.5 x 1.6 x 1.5) = 1.4046): overruns are likelier than savings.
    let premium = RiskSettings::default().ai_premium.triangle();
    assert_close(premium.quantile(0.5), 2.5 - (0.5f64 * 1.6 * 1.5).sqrt(), 1e-12);
    assert_close(premium.quantile(0.0625), 1.0, 1e-12);
    // Zero width: the corner itself.
    assert_eq!(Triangle { low: 1.0, mode: 1.0, high: 1.0 }.quantile(0.3), 1.0);
}

#[test]
fn every_input_is_drawn_whether_or_not_it_is_on() {
    // Common random numbers: switching the hashprice walk off leaves every other input of the draw unchanged,
    // and adding a part does not change another part's schedule draw.
    let s = demo("Full AI");
    let all = RiskSettings::default();
    let mut no_hash = all.clone();
    no_hash.hashprice.on = false;
    let (mut a, mut b) = (DrawInputs::default(), DrawInputs::default());
    for i in 0..20 {
        sample(&all, &s, 120, i, &mut a);
        sample(&no_hash, &s, 120, i, &mut b);
        assert!(b.hashprice_factor.is_empty());
        assert_eq!(a.gpu_price_factor, b.gpu_price_factor);
        assert_eq!(
            (a.lease, a.power_price, a.ai_premium, a.permitting),
            (b.lease, b.power_price, b.ai_premium, b.permitting)
        );
        assert_eq!(a.lead_time, b.lead_time);
    }
    let mut bigger = s.clone();
    bigger.components.insert(0, substation(99, 100.0));
    sample(&all, &s, 120, 3, &mut a);
    sample(&all, &bigger, 120, 3, &mut b);
    assert_eq!(a.lead_time[..], b.lead_time[1..]);
    // A different horizon draws more walk months but the same scalars.
    sample(&all, &s, 240, 3, &mut b);
    assert_eq!(b.hashprice_factor[..120], a.hashprice_factor[..]);
    assert_eq!(b.lease, a.lease);
}

#[test]
fn a_draw_applies_each_input_as_model_md_says() {
    let mut s = Scenario::new("draw");
    s.assumptions.permits_in_hand = false;
    s.assumptions.permitting_months = 36;
    s.assumptions.ai_build_premium = 1.05;
    s.components = vec![
        lead(substation(1, 100.0), 36),
        existing(colo_pod(2, 10)),
        lead(colo_pod(3, 10), 15),
        lead(cloud_pod(4, 10), 15),
    ];
    let settings = RiskSettings::default();
    let d = DrawInputs {
        lease: 0.8,
        power_price: 1.25,
        ai_premium: 0.9,
        permitting: 1.2,
        utilization_quantile: Some(0.0),
        lead_time: vec![1.5, 1.0, 1.1, 1.3],
        queue: 1.3,
        ..DrawInputs::default()
    };
    let mut work = s.clone();
    apply(&settings, &s, &d, &mut work);
    let a = &work.assumptions;
    close(a.power_price_usd_per_mwh, 45.0 * 1.25);
    // 1.05 x 0.9 = 0.945 would make an AI build cheaper than a mining one: never below 1.
    assert_eq!(a.ai_build_premium, 1.0);
    // 36 x 1.2 = 43.2 -> 43; leads 36 x 1.5 = 54, 15 x 1.1 = 16.5 -> 17 (half away from zero), 15 x 1.3 = 19.5 -> 20;
    // the existing pod keeps its own (it is online at month 0 whatever it says).
    assert_eq!(a.permitting_months, 43);
    // The queue: 48 x 1.3 = 62.4 -> 62 months.
    assert_eq!(a.interconnection_queue_months, 62);
    let leads: Vec<u32> = work.components.iter().map(|c| c.lead_time_months).collect();
    assert_eq!(leads, [54, 15, 17, 20]);
    let pod = |i: usize| match &work.components[i].kind {
        ComponentKind::GpuPod(p) => p.clone(),
        _ => unreachable!("a pod"),
    };
    // The existing lease is signed; the new one is drawn at 0.8 x $150.
    assert_eq!(pod(1).lease_usd_per_kw_month, 150.0);
    close(pod(2).lease_usd_per_kw_month, 120.0);
    // Utilization at quantile 0 of triangular(0.8 - 0.2, 0.8, 0.85) = 0.6.
    assert_eq!(pod(3).business, BusinessModel::GpuCloud);
    close(pod(3).utilization, 0.6);
    // Applying a second draw to the same copy gives what a fresh copy would.
    let d2 = DrawInputs {
        lead_time: vec![1.0; 4],
        lease: 1.0,
        power_price: 1.0,
        ai_premium: 1.0,
        permitting: 1.0,
        queue: 1.0,
        utilization_quantile: None,
        ..d
    };
    apply(&settings, &s, &d2, &mut work);
    assert_eq!(work, s);
}

#[test]
fn risk_settings_load_from_files_and_are_validated() {
    // An older file without `risk` loads with the defaults.
    let old = r#"(version: 1, name: "Old", scenarios: [(name: "Base case")])"#;
    let p = parse_project(old, "old").expect("loads");
    assert_eq!(p.scenarios[0].assumptions.risk, RiskSettings::default());
    assert_eq!(RiskSettings::default().draws, 2_000);
    assert_eq!(RiskSettings::default().seed, 1);

    let mut s = Scenario::new("Bad risk");
    s.assumptions.risk.draws = 50;
    s.assumptions.risk.ai_premium.low = 1.2;
    let errors: Vec<String> = validate_scenario(&s).iter().map(|e| e.to_string()).collect();
    assert!(errors.iter().any(|e| e.contains("risk: draws is 50, must be 100 to 100000 (whole number)")), "{errors:?}");
    assert!(
        errors.iter().any(|e| e.contains("ai_premium is low 1.2, mode 1, high 2.5, must be low <= mode <= high")),
        "{errors:?}"
    );
}

#[test]
fn a_cancelled_run_returns_nothing() {
    let progress = Progress::default();
    progress.cancel();
    assert!(run_with(&demo("Hybrid"), &settings(1_000), &progress).is_none());
}

#[test]
fn percentiles_need_max_100_or_5_percent_of_the_draws() {
    // Worked by hand: of 2,000 draws at least max(100, 100) must have the figure; of 20,000, max(100, 1,000).
    assert_eq!(powerplot::model::risk::min_draws_with_figure(2_000), 100);
    assert_eq!(powerplot::model::risk::min_draws_with_figure(20_000), 1_000);
    assert_eq!(powerplot::model::risk::min_draws_with_figure(100), 100);
    let values = |n: usize| (0..n).map(|i| i as f64).collect::<Vec<f64>>();
    let thin = Spread::of_draws(values(99), 2_000);
    assert!(thin.withheld && thin.p50.is_none() && thin.mean.is_none(), "{thin:?}");
    assert_eq!(thin.count, 99);
    let enough = Spread::of_draws(values(100), 2_000);
    assert!(!enough.withheld);
    assert_eq!(enough.p50, Some(49.0), "P50 of 0..99 is the 50th value");
    assert!(Spread::of_draws(values(999), 20_000).withheld);
    let text = powerplot::outputs::risk::withheld(&thin, 2_000, "an equity IRR");
    assert_eq!(text.as_deref(), Some("n/a (only 99 of 2,000 draws have an equity IRR)"));
    assert_eq!(powerplot::outputs::risk::withheld(&enough, 2_000, "an equity IRR"), None);
}

#[test]
fn an_optimistic_base_case_is_flagged_with_its_share_and_the_input_that_skews_it() {
    use powerplot::model::risk::draw::DrawInputs;
    use powerplot::model::risk::run::evaluate_draw;
    use powerplot::model::risk::{RiskInput, SKEW_DRAWS};
    let s = demo("Hybrid");
    let settings = settings(100);
    let r = run(&s, &settings);
    // The share, counted draw by draw here.
    let base = evaluate(&s);
    let npvs_with = |settings: &RiskSettings| -> Vec<f64> {
        let (mut work, mut inputs) = (s.clone(), DrawInputs::default());
        (0..100).map(|i| evaluate_draw(settings, &s, &base, i, &mut work, &mut inputs).npv).collect()
    };
    let below = npvs_with(&settings).iter().filter(|v| **v < base.kpis.npv_usd).count();
    assert_eq!(r.draws_below_base as usize, below);
    assert!(below >= 75, "Hybrid's base case is above the P75 of its draws ({below} of 100 below it)");
    assert!(r.base_is_optimistic());
    // The skewing input: of every input switched off alone on the same draws, the one that lifts P50 most.
    const { assert!(100 <= SKEW_DRAWS, "all 100 draws take part") };
    let (input, without, with) = r.optimism.and_then(|o| o.skew).expect("an input skews the draws");
    assert_eq!(Some(with), r.npv.p50);
    let lifted: Vec<(RiskInput, f64)> = RiskInput::ALL
        .into_iter()
        .map(|i| {
            let mut off = settings.clone();
            *off.switch(i) = false;
            let mut npvs = npvs_with(&off);
            npvs.sort_by(f64::total_cmp);
            (i, percentile(&npvs, 50).expect("a P50"))
        })
        .collect();
    let best = lifted.iter().max_by(|a, b| a.1.total_cmp(&b.1)).expect("seven inputs");
    assert_eq!((input, without), *best, "{lifted:?}");
    let line = powerplot::outputs::risk::optimism_line(&r).expect("a caveat");
    assert!(line.starts_with("Base case above "), "{line}");
    assert!(line.contains(input.label()), "{line}");

    // Stay mining's base case lies below the middle of its draws: no caveat.
    let stay = run(&demo("Stay mining"), &settings);
    assert!(!stay.base_is_optimistic() && stay.optimism.is_none());
    assert_eq!(powerplot::outputs::risk::optimism_line(&stay), None);
}
