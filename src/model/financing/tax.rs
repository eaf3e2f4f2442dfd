//! Tax per project year (MODEL.md "Financing and tax", rule 3): a loss is carried forward without limit and
//! offsets at most 80 % of a later year's positive taxable income; the year's tax is paid in equal monthly
//! instalments over its months.

/// Share of a year's positive taxable income that a carried loss may offset (US rule since 2018).
pub const LOSS_OFFSET_CAP: f64 = 0.8;

/// One project year's tax computation.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct TaxYear {
    pub taxable_income: f64,
    /// Carried loss used against this year's income.
    pub loss_used: f64,
    /// Loss carried into the next year.
    pub loss_carried: f64,
    pub tax: f64,
}

/// The tax of each project year (months 12y .. 12y+11, the last possibly shorter) from the monthly taxable
/// income, and the same tax spread over each year's months.
pub fn by_year(taxable_income: &[f64], rate: f64) -> (Vec<TaxYear>, Vec<f64>) {
    let mut years = Vec::with_capacity(taxable_income.len().div_ceil(12));
    let mut monthly = vec![0.0; taxable_income.len()];
    let mut carried = 0.0f64;
    for (y, months) in taxable_income.chunks(12).enumerate() {
        let ti: f64 = months.iter().sum();
        let (loss_used, tax) = if ti > 0.0 {
            let used = carried.min(LOSS_OFFSET_CAP * ti);
            carried -= used;
            (used, (rate * (ti - used)).max(0.0))
        } else {
            carried -= ti;
            (0.0, 0.0)
        };
        let instalment = tax / months.len() as f64;
        for v in &mut monthly[12 * y..12 * y + months.len()] {
            *v = instalment;
        }
        years.push(TaxYear { taxable_income: ti, loss_used, loss_carried: carried, tax });
    }
    (years, monthly)
}
