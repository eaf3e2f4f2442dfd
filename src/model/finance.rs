//! Finance on a monthly cash-flow series: NPV, IRR and payback as MODEL.md defines them.

/// Monthly rate equivalent to an annual rate: (1 + r)^(1/12) - 1.
pub fn monthly_rate(annual: f64) -> f64 {
    (1.0 + annual).powf(1.0 / 12.0) - 1.0
}

/// Net present value at a monthly rate; month 0 is not discounted (numpy-financial's `npv` convention).
pub fn npv(rate_monthly: f64, cash_flows: &[f64]) -> f64 {
    let step = 1.0 / (1.0 + rate_monthly);
    let mut factor = 1.0;
    let mut sum = 0.0;
    for cf in cash_flows {
        sum += cf * factor;
        factor *= step;
    }
    sum
}

/// Monthly internal rate of return: the rate that makes `npv` zero. Among several roots the one closest to
/// zero is returned, as numpy-financial's `irr` does (it takes every real root of the polynomial in
/// 1 / (1 + r), so rates down to -100 % a month and far above +1,000 % count). `None` when the flows never
/// change sign or no root is found.
///
/// g = ln(1 + r) is scanned outwards from 0 on a grid that is fine near 0 and relative further out
/// (g = C sinh(u)), on both sides; each side's first sign change brackets the root closest to zero on that side,
/// refined by bisection. The NPV is evaluated scaled so it never overflows (see `npv_sign_scaled`). Two
/// shortcuts give the same root as the full scan, bit for bit, at a fraction of its cost (the risk draws spend
/// most of their time here): a side stops once every root left on it would be farther from zero than one
/// already found, and flows that change sign once (a single root, by Descartes' rule of signs) find their
/// bracket by binary search over the grid instead of a walk.
pub fn irr_monthly(cash_flows: &[f64]) -> Option<f64> {
    let has_pos = cash_flows.iter().any(|&c| c > 0.0);
    let has_neg = cash_flows.iter().any(|&c| c < 0.0);
    if !(has_pos && has_neg) {
        return None;
    }
    // Zeros before the first and after the last flow change no root (numpy strips them from its polynomial);
    // dropping them keeps the dominant terms of the scaled NPV from underflowing to a false zero.
    let first = cash_flows.iter().position(|&c| c != 0.0)?;
    let last = cash_flows.iter().rposition(|&c| c != 0.0)?;
    let cash_flows = &cash_flows[first..=last];
    let v0 = npv_sign_scaled(0.0, cash_flows);
    if v0 == 0.0 {
        return Some(0.0);
    }
    if sign_changes(cash_flows) == 1 {
        return single_root(cash_flows, v0);
    }
    let mut sides = [Side::new(1.0, v0), Side::new(-1.0, v0)];
    let mut best: Option<f64> = None;
    for i in 1..=IRR_GRID_STEPS {
        for side in &mut sides {
            if side.done {
                continue;
            }
            // Every root this side can still find lies beyond its last grid point, so at least that far from
            // zero. A tie goes to the positive side (the order of the plain scan, positive side first).
            let beyond = |b: f64| {
                let d = side.distance_at(side.prev_g);
                d > b.abs() || (d == b.abs() && side.sign < 0.0)
            };
            if best.is_some_and(beyond) {
                side.done = true;
                continue;
            }
            if let Some(root) = side.step(i, cash_flows) {
                side.done = true;
                if best.is_none_or(|b| root.abs() < b.abs() || (root.abs() == b.abs() && side.sign > 0.0)) {
                    best = Some(root);
                }
            }
        }
        if sides.iter().all(|s| s.done) {
            break;
        }
    }
    best
}

const IRR_GRID_C: f64 = 0.002;
const IRR_GRID_STEPS: usize = 800;

/// The scan grid's i-th point, g >= 0.
fn grid_g(i: usize) -> f64 {
    let u_max = (14.0 / IRR_GRID_C).asinh();
    IRR_GRID_C * (u_max * i as f64 / IRR_GRID_STEPS as f64).sinh()
}

/// One side of the scan (g > 0 or g < 0), walked outwards one grid point at a time.
struct Side {
    sign: f64,
    prev_g: f64,
    prev_v: f64,
    done: bool,
}

impl Side {
    fn new(sign: f64, v0: f64) -> Side {
        Side { sign, prev_g: 0.0, prev_v: v0, done: false }
    }

    /// |r| at g: how far from zero a root at g is.
    fn distance_at(&self, g: f64) -> f64 {
        g.exp_m1().abs()
    }

    /// Looks at grid point `i`; the root when the NPV changes sign (or is zero) there.
    fn step(&mut self, i: usize, cash_flows: &[f64]) -> Option<f64> {
        let g = self.sign * grid_g(i);
        let v = npv_sign_scaled(g, cash_flows);
        if v == 0.0 || (v < 0.0) != (self.prev_v < 0.0) {
            let root_g = if v == 0.0 { g } else { bisect(cash_flows, self.prev_g, g, self.prev_v) };
            return Some(root_g.exp_m1());
        }
        self.prev_g = g;
        self.prev_v = v;
        None
    }
}

/// The one root of flows that change sign once, on the grid's side where the NPV's sign flips: at g -> +inf
/// the scaled NPV tends to the first flow, at g -> -inf to the last. The first grid point where the sign differs
/// from month 0's is found by binary search (the sign flips once), then bisected as the walk would.
fn single_root(cash_flows: &[f64], v0: f64) -> Option<f64> {
    let first_positive = cash_flows[0] > 0.0;
    let sign = if (v0 > 0.0) != first_positive { 1.0 } else { -1.0 };
    let value = |i: usize| if i == 0 { v0 } else { npv_sign_scaled(sign * grid_g(i), cash_flows) };
    let flipped = |v: f64| v == 0.0 || (v < 0.0) != (v0 < 0.0);
    if !flipped(value(IRR_GRID_STEPS)) {
        return None;
    }
    let (mut lo, mut hi) = (0, IRR_GRID_STEPS);
    while hi - lo > 1 {
        let mid = (lo + hi) / 2;
        if flipped(value(mid)) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    let (g_lo, g_hi) = (if lo == 0 { 0.0 } else { sign * grid_g(lo) }, sign * grid_g(hi));
    let v_hi = value(hi);
    let root_g = if v_hi == 0.0 { g_hi } else { bisect(cash_flows, g_lo, g_hi, value(lo)) };
    Some(root_g.exp_m1())
}

/// NPV at r = e^g - 1 times a positive factor that keeps it finite: for r >= 0 the plain sum of
/// cf_m / (1 + r)^m (every term shrinks), for r < 0 the sum times (1 + r)^(n - 1), i.e. sum cf_m (1 + r)^(n-1-m),
/// whose terms also shrink. Its sign is the sign of the NPV. Expects flows whose first and last are non-zero, so
/// the leading term of each form is a flow itself and never underflows.
fn npv_sign_scaled(g: f64, cash_flows: &[f64]) -> f64 {
    if g >= 0.0 {
        let x = (-g).exp();
        cash_flows.iter().rev().fold(0.0, |acc, cf| acc * x + cf)
    } else {
        let y = g.exp();
        cash_flows.iter().fold(0.0, |acc, cf| acc * y + cf)
    }
}

/// Bisection on g = ln(1 + r) between a bracket's ends, on the scaled NPV.
fn bisect(cash_flows: &[f64], mut lo: f64, mut hi: f64, mut v_lo: f64) -> f64 {
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if mid == lo || mid == hi {
            break;
        }
        let v = npv_sign_scaled(mid, cash_flows);
        if v == 0.0 {
            return mid;
        }
        if (v < 0.0) == (v_lo < 0.0) {
            lo = mid;
            v_lo = v;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

/// How often a series turns from positive to negative or back, zeros skipped. More than one change means
/// more than one rate can make NPV zero, so an IRR alone can mislead.
pub fn sign_changes(cash_flows: &[f64]) -> usize {
    let mut changes = 0;
    let mut last: Option<bool> = None;
    for positive in cash_flows.iter().filter(|v| **v != 0.0).map(|v| *v > 0.0) {
        if last.is_some_and(|l| l != positive) {
            changes += 1;
        }
        last = Some(positive);
    }
    changes
}

/// True when an IRR of `cash_flows` should not be read as a return: the flows change sign more than once
/// (several rates can fit), or they start positive and turn negative (a higher rate then *raises* NPV).
pub fn irr_can_mislead(cash_flows: &[f64]) -> bool {
    let starts_positive = cash_flows.iter().find(|v| **v != 0.0).is_some_and(|v| *v > 0.0);
    sign_changes(cash_flows) > 1 || starts_positive
}

/// Annual IRR, (1 + irr_m)^12 - 1.
pub fn irr_annual(cash_flows: &[f64]) -> Option<f64> {
    irr_monthly(cash_flows).map(|m| (1.0 + m).powi(12) - 1.0).filter(|r| r.is_finite())
}

/// Months until the investment stays recovered (MODEL.md): `None` when the cumulative sum ends below zero,
/// 0 when it never goes below zero, otherwise interpolated within the month of the last crossing.
pub fn payback_months(cash_flows: &[f64]) -> Option<f64> {
    let mut cumulative = 0.0;
    let mut ever_negative = false;
    let mut last_crossing = None;
    for (m, &cf) in cash_flows.iter().enumerate() {
        let before = cumulative;
        cumulative += cf;
        if cumulative < 0.0 {
            ever_negative = true;
        }
        if before < 0.0 && cumulative >= 0.0 {
            last_crossing = Some(m as f64 + (-before) / cf);
        }
    }
    if cumulative < 0.0 {
        None
    } else if !ever_negative {
        Some(0.0)
    } else {
        last_crossing
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain scan the shortcuts must reproduce: both sides walked to their first sign change, positive first.
    fn irr_full_scan(cash_flows: &[f64]) -> Option<f64> {
        if !(cash_flows.iter().any(|&c| c > 0.0) && cash_flows.iter().any(|&c| c < 0.0)) {
            return None;
        }
        let first = cash_flows.iter().position(|&c| c != 0.0)?;
        let last = cash_flows.iter().rposition(|&c| c != 0.0)?;
        let cash_flows = &cash_flows[first..=last];
        let mut best: Option<f64> = None;
        for sign in [1.0, -1.0] {
            let mut side = Side::new(sign, npv_sign_scaled(0.0, cash_flows));
            if side.prev_v == 0.0 {
                return Some(0.0);
            }
            for i in 1..=IRR_GRID_STEPS {
                if let Some(root) = side.step(i, cash_flows) {
                    if best.is_none_or(|b| root.abs() < b.abs()) {
                        best = Some(root);
                    }
                    break;
                }
            }
        }
        best
    }

    #[test]
    fn the_shortcuts_find_the_plain_scans_root_bit_for_bit() {
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        let (mut compared, mut roots) = ([0usize; 2], 0);
        for case in 0..1_000 {
            let n = 2 + (next() * 300.0) as usize;
            let outlay = 1.0 + next() * 1e3;
            let income = next() * outlay / 10.0;
            let mut flows: Vec<f64> = (0..n)
                .map(|m| match m {
                    0 => -outlay,
                    _ if next() < 0.05 => -outlay * next(),
                    _ if next() < 0.05 => 0.0,
                    _ => income * (0.5 + next()) * if next() < 0.3 { -0.3 } else { 1.0 },
                })
                .collect();
            if case % 3 == 0 {
                flows.reverse();
            }
            if case % 7 == 0 {
                flows.iter_mut().for_each(|f| *f = f.abs());
                flows[0] = -outlay * 50.0;
            }
            let (fast, plain) = (irr_monthly(&flows), irr_full_scan(&flows));
            assert_eq!(fast.map(f64::to_bits), plain.map(f64::to_bits), "case {case}: {flows:?}");
            compared[usize::from(sign_changes(&flows) == 1)] += 1;
            roots += usize::from(fast.is_some_and(|r| r != 0.0));
        }
        assert!(compared[0] > 150 && compared[1] > 60, "both paths exercised: {compared:?}");
        assert!(roots > 500, "{roots} of 1,000 cases have a root");
    }

    #[test]
    fn payback_interpolates_within_the_month() {
        // -100 then +40 a month: cumulative -100, -60, -20, +20 -> crosses in month 3: 3 + 20/40.
        assert_eq!(payback_months(&[-100.0, 40.0, 40.0, 40.0]), Some(3.5));
    }

    #[test]
    fn payback_takes_the_last_crossing() {
        // Recovered in month 1, pushed below zero by a refresh in month 2, recovered again in month 3.
        let p = payback_months(&[-10.0, 20.0, -30.0, 40.0]).unwrap();
        assert!((p - (3.0 + 20.0 / 40.0)).abs() < 1e-12, "{p}");
    }

    #[test]
    fn payback_none_and_zero() {
        assert_eq!(payback_months(&[-10.0, 5.0]), None);
        assert_eq!(payback_months(&[0.0, 5.0]), Some(0.0));
        assert_eq!(payback_months(&[]), Some(0.0));
    }

    #[test]
    fn sign_changes_skip_zeros() {
        assert_eq!(sign_changes(&[-1.0, 0.0, 2.0, 3.0]), 1);
        assert_eq!(sign_changes(&[-1.0, 2.0, -3.0, 4.0]), 3);
        assert_eq!(sign_changes(&[]), 0);
    }

    #[test]
    fn irr_misleads_for_several_sign_changes_or_money_first() {
        assert!(!irr_can_mislead(&[-100.0, 60.0, 60.0]));
        assert!(irr_can_mislead(&[-100.0, 60.0, -30.0, 90.0]));
        assert!(irr_can_mislead(&[100.0, -60.0, -60.0]));
    }

    #[test]
    fn irr_none_without_sign_change() {
        assert_eq!(irr_monthly(&[1.0, 2.0]), None);
        assert_eq!(irr_monthly(&[-1.0, -2.0]), None);
        assert_eq!(irr_monthly(&[0.0, 0.0]), None);
    }

    #[test]
    fn irr_of_a_doubling_in_one_period_is_100_percent() {
        let r = irr_monthly(&[-100.0, 200.0]).unwrap();
        assert!((r - 1.0).abs() < 1e-12, "{r}");
    }

    #[test]
    fn monthly_rate_compounds_to_the_annual_rate() {
        let m = monthly_rate(0.10);
        assert!(((1.0 + m).powi(12) - 1.10).abs() < 1e-14);
    }
}
