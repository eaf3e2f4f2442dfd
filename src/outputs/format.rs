//! Human-readable figures: money as $k/$M/$B, power as kW/MW/GW, calendar months as "Apr 2028", rates as
//! percentages with their unit.

use crate::model::YearMonth;

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

/// A multiple of money: "2.35x".
pub fn multiple(v: f64) -> String {
    format!("{v:.2}x")
}

/// A debt service cover ratio: "1.42x".
pub fn dscr(v: f64) -> String {
    format!("{v:.2}x")
}

/// Months as "2.8 years" above two years, else "17 months"; `None` as the given fallback.
pub fn months(m: Option<f64>, none: &str) -> String {
    match m {
        None => none.to_string(),
        Some(m) if m >= 24.0 => format!("{:.1} years", m / 12.0),
        Some(m) => format!("{m:.0} months"),
    }
}

/// A calendar month as a reader says it: "Apr 2028".
pub fn calendar_month(ym: YearMonth) -> String {
    ym.name()
}

/// Model month `m` of a plan starting in `start`, as a calendar month: "Apr 2028".
pub fn model_month(start: YearMonth, m: u32) -> String {
    calendar_month(start.plus_months(m))
}

/// The 12 months counted by the "first full year" figures (from the month of full power): "Apr 2028 - Mar
/// 2029". Every card, slide and report that shows them names the span, since moving full power by a few
/// months can move the counted year past a halving.
pub fn first_full_year(start: YearMonth, full_power_month: u32) -> String {
    format!("{} - {}", model_month(start, full_power_month), model_month(start, full_power_month + 11))
}

/// A value as a planner writes it: whole numbers with separators, others with up to four decimals.
pub fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        return count(v);
    }
    let text = format!("{v:.4}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if v.abs() >= 1000.0 {
        let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
        let whole: f64 = whole.parse().unwrap_or(v.trunc());
        if frac.is_empty() { count(whole) } else { format!("{}.{frac}", count(whole)) }
    } else {
        text.to_string()
    }
}

/// Whether a field in `unit` holds a fraction (a rate or a share), which reads as a percentage.
pub fn is_fraction_unit(unit: &str) -> bool {
    unit == "fraction" || unit == "per year" || unit.starts_with("fraction of ") || unit.starts_with("of ")
}

/// A field's value with its unit, rates and shares as percentages: "10 % per year", "2 %", "1.5 % of
/// non-hardware capex per year", "45 $/MWh", "12,000".
pub fn value_with_unit(v: f64, unit: &str) -> String {
    if is_fraction_unit(unit) {
        let percent = number((v * 100.0 * 1e6).round() / 1e6);
        let rest = unit.strip_prefix("fraction").unwrap_or(unit).trim_start();
        if rest.is_empty() { format!("{percent} %") } else { format!("{percent} % {rest}") }
    } else if unit.is_empty() {
        number(v)
    } else {
        format!("{} {unit}", number(v))
    }
}

/// Water as m3 and US gallons side by side, the same way everywhere: "3,387 m3 (894,726 gal)".
pub fn water(m3: f64, gal: f64) -> String {
    format!("{} m3 ({} gal)", count(m3), count(gal))
}

/// The AI build premium with the facility capex per MW of IT it gives: "10x = $3.5M/MW of IT".
pub fn premium(multiple: f64, mining_capex_usd_per_mw: f64) -> String {
    format!("{}x = {}/MW of IT", number(multiple), money(multiple * mining_capex_usd_per_mw))
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

    #[test]
    fn calendar_months_and_the_first_full_year() {
        let start = YearMonth::new(2027, 1);
        assert_eq!(model_month(start, 0), "Jan 2027");
        // Month 15 from Jan 2027: 2027 has months 0-11, so 15 is the fourth month of 2028.
        assert_eq!(model_month(start, 15), "Apr 2028");
        // Months 15 to 26 are counted: Apr 2028 to Mar 2029.
        assert_eq!(first_full_year(start, 15), "Apr 2028 - Mar 2029");
    }

    #[test]
    fn rates_read_as_percentages_with_their_unit() {
        assert_eq!(value_with_unit(0.1, "per year"), "10 % per year");
        assert_eq!(value_with_unit(0.02, "fraction"), "2 %");
        assert_eq!(value_with_unit(0.97, "fraction of hours"), "97 % of hours");
        assert_eq!(value_with_unit(0.015, "of non-hardware capex per year"), "1.5 % of non-hardware capex per year");
        assert_eq!(value_with_unit(0.0775, "per year"), "7.75 % per year");
        assert_eq!(value_with_unit(45.0, "$/MWh"), "45 $/MWh");
        assert_eq!(value_with_unit(12_000.0, ""), "12,000");
    }

    #[test]
    fn the_premium_shows_its_dollars_per_mw() {
        // 10 x $350,000 = $3.5M; 25 x = $8.75M; 33 x = $11.55M.
        assert_eq!(premium(10.0, 350_000.0), "10x = $3.5M/MW of IT");
        assert_eq!(premium(25.0, 350_000.0), "25x = $8.8M/MW of IT");
        assert_eq!(premium(33.0, 350_000.0), "33x = $11.6M/MW of IT");
    }

    #[test]
    fn numbers_read_like_a_planner_writes_them() {
        assert_eq!(number(12_000.0), "12,000");
        assert_eq!(number(0.97), "0.97");
        assert_eq!(number(350_000.0), "350,000");
        assert_eq!(number(1234.5), "1,234.5");
        assert_eq!(number(0.1), "0.1");
    }

    #[test]
    fn water_shows_both_units() {
        assert_eq!(water(3_387.0, 894_743.0), "3,387 m3 (894,743 gal)");
    }
}

/// Seconds since 1970 as "2026-12-07 21:04 UTC" (the civil calendar, proleptic Gregorian).
pub fn utc_timestamp(seconds: u64) -> String {
    let days = (seconds / 86_400) as i64;
    let (hour, minute) = ((seconds % 86_400) / 3600, (seconds % 3600) / 60);
    // Howard Hinnant's days-to-civil.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02} UTC")
}

#[cfg(test)]
mod timestamp_tests {
    #[test]
    fn utc_timestamps_read_as_calendar_dates() {
        assert_eq!(super::utc_timestamp(0), "1970-01-01 00:00 UTC");
        assert_eq!(super::utc_timestamp(1_709_210_096), "2024-02-29 12:34 UTC");
    }
}
