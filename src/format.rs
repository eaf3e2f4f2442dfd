//! Human-readable figures: money as $k/$M/$B, power as kW/MW/GW, months as "month 14 (2028-03)".

/// "$1.23B", "$45.6M", "$120k", "-$3.4M".
pub fn money(usd: f64) -> String {
    let sign = if usd < 0.0 { "-" } else { "" };
    let v = usd.abs();
    let body = if v >= 1e9 {
        format!("{:.2}B", v / 1e9)
    } else if v >= 1e6 {
        format!("{:.1}M", v / 1e6)
    } else if v >= 1e3 {
        format!("{:.0}k", v / 1e3)
    } else {
        format!("{v:.0}")
    };
    format!("{sign}${body}")
}

/// Power given in MW: "850 kW", "42.0 MW", "1.25 GW".
pub fn power_mw(mw: f64) -> String {
    let v = mw.abs();
    if v >= 1000.0 {
        format!("{:.2} GW", mw / 1000.0)
    } else if v >= 1.0 || v == 0.0 {
        format!("{mw:.1} MW")
    } else {
        format!("{:.0} kW", mw * 1000.0)
    }
}

/// A plain count with thousands separators: 81,869.
pub fn count(v: f64) -> String {
    let rounded = v.round();
    let digits = format!("{:.0}", rounded.abs());
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if rounded < 0.0 { format!("-{out}") } else { out }
}

pub fn percent(fraction: f64) -> String {
    format!("{:.1} %", fraction * 100.0)
}

/// An IRR as a percentage, "n/a" when there is none, marked "(ambiguous)" when it cannot be read as a return.
pub fn irr(irr: Option<f64>, ambiguous: bool) -> String {
    match irr {
        None => "n/a".to_string(),
        Some(r) if ambiguous => format!("{} (ambiguous)", percent(r)),
        Some(r) => percent(r),
    }
}

/// Months as "2.8 years" above two years, else "17 months"; `None` as the given fallback.
pub fn months(m: Option<f64>, none: &str) -> String {
    match m {
        None => none.to_string(),
        Some(m) if m >= 24.0 => format!("{:.1} years", m / 12.0),
        Some(m) => format!("{m:.0} months"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_picks_the_unit() {
        assert_eq!(money(1_234_000_000.0), "$1.23B");
        assert_eq!(money(45_600_000.0), "$45.6M");
        assert_eq!(money(120_400.0), "$120k");
        assert_eq!(money(-3_400_000.0), "-$3.4M");
        assert_eq!(money(12.0), "$12");
    }

    #[test]
    fn power_picks_the_unit() {
        assert_eq!(power_mw(0.85), "850 kW");
        assert_eq!(power_mw(42.0), "42.0 MW");
        assert_eq!(power_mw(1250.0), "1.25 GW");
        assert_eq!(power_mw(0.0), "0.0 MW");
    }

    #[test]
    fn counts_have_separators() {
        assert_eq!(count(81_869.2), "81,869");
        assert_eq!(count(999.0), "999");
        assert_eq!(count(-1_000_000.0), "-1,000,000");
    }

    #[test]
    fn irr_says_when_it_is_missing_or_ambiguous() {
        assert_eq!(irr(None, false), "n/a");
        assert_eq!(irr(Some(0.385), false), "38.5 %");
        assert_eq!(irr(Some(0.385), true), "38.5 % (ambiguous)");
    }

    #[test]
    fn months_switch_to_years() {
        assert_eq!(months(Some(30.0), "never"), "2.5 years");
        assert_eq!(months(Some(17.2), "never"), "17 months");
        assert_eq!(months(None, "never"), "never");
    }
}
