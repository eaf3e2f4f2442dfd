//! Tax depreciation (MODEL.md "Financing and tax", rule 2): MACRS 5- and 15-year half-year tables or 100 %
//! bonus depreciation, and 39-year straight line for the building share of facility capex.

/// A MACRS recovery class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DepreciationClass {
    /// IT hardware: miners, owned GPUs.
    FiveYear,
    /// Substations, cooling plants, turbines, the non-building share of facility capex, retrofit fit-out.
    FifteenYear,
    /// The building shell: straight line over 468 months.
    ThirtyNineYear,
}

impl DepreciationClass {
    pub fn label(self) -> &'static str {
        match self {
            DepreciationClass::FiveYear => "5-year",
            DepreciationClass::FifteenYear => "15-year",
            DepreciationClass::ThirtyNineYear => "39-year",
        }
    }
}

/// An amount placed in service in a month, in one class.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Depreciable {
    pub in_service_month: u32,
    pub usd: f64,
    pub class: DepreciationClass,
}

/// MACRS 5-year property, half-year convention (IRS Publication 946, Table A-1), in percent; k = 0 is the
/// year placed in service.
pub const MACRS_5: [f64; 6] = [20.0, 32.0, 19.2, 11.52, 11.52, 5.76];
/// MACRS 15-year property, half-year convention (IRS Publication 946, Table A-1), in percent.
pub const MACRS_15: [f64; 16] =
    [5.0, 9.5, 8.55, 7.7, 6.93, 6.23, 5.9, 5.9, 5.91, 5.9, 5.91, 5.9, 5.91, 5.9, 5.91, 2.95];
/// Months of straight-line depreciation of nonresidential real property (39 years).
pub const BUILDING_MONTHS: u32 = 468;

/// Depreciation per month over `n` months. Whatever is left at the horizon's end is not written off.
pub fn schedule(items: &[Depreciable], bonus: bool, n: usize) -> Vec<f64> {
    let mut out = vec![0.0; n];
    for item in items {
        let start = item.in_service_month as usize;
        if start >= n || item.usd == 0.0 {
            continue;
        }
        let table: &[f64] = match item.class {
            DepreciationClass::FiveYear | DepreciationClass::FifteenYear if bonus => {
                out[start] += item.usd;
                continue;
            }
            DepreciationClass::FiveYear => &MACRS_5,
            DepreciationClass::FifteenYear => &MACRS_15,
            DepreciationClass::ThirtyNineYear => {
                let monthly = item.usd / BUILDING_MONTHS as f64;
                let end = (start + BUILDING_MONTHS as usize).min(n);
                for v in &mut out[start..end] {
                    *v += monthly;
                }
                continue;
            }
        };
        // Year k's share spread evenly over the 12 months starting 12 k months after placed in service.
        for (k, pct) in table.iter().enumerate() {
            let from = start + 12 * k;
            if from >= n {
                break;
            }
            let monthly = item.usd * pct / 100.0 / 12.0;
            for v in &mut out[from..(from + 12).min(n)] {
                *v += monthly;
            }
        }
    }
    out
}
