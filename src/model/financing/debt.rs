//! Debt tranches (MODEL.md "Financing and tax", rule 1): one tranche per month of capex, interest only until
//! the later of its draw month + the interest-only months and full power, then level monthly payments to the
//! end of its tenor; whatever is still owed in the horizon's last month is repaid then.

/// Monthly debt figures, one value per month of the horizon.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DebtSchedule {
    /// Debt drawn in the month (debt share x capex).
    pub draws: Vec<f64>,
    pub interest: Vec<f64>,
    /// Principal repaid, the forced repayment in the last month included.
    pub principal: Vec<f64>,
    /// Interest + principal, the forced repayment included.
    pub debt_service: Vec<f64>,
    /// Principal still owed at the horizon's end and repaid in its last month (only that month is non-zero).
    pub forced_repayment: Vec<f64>,
    /// Balance owed at the end of the month, after its payment.
    pub balance: Vec<f64>,
}

/// The terms of every tranche.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DebtTerms {
    pub share: f64,
    /// Annual rate; the monthly rate is (1 + rate)^(1/12) - 1.
    pub rate: f64,
    /// Months from the draw to the last payment.
    pub tenor_months: u32,
    pub interest_only_months: u32,
}

/// Tenor in years as whole months, rounded half away from zero (MODEL.md "Units"), at least one month.
pub fn tenor_months(years: f64) -> u32 {
    let m = (years * 12.0).round();
    if m.is_finite() && m >= 1.0 { m.min(u32::MAX as f64 / 2.0) as u32 } else { 1 }
}

/// Level payment that repays `principal` in `n` monthly payments at monthly rate `r` (numpy-financial's
/// `-pmt(r, n, principal)`).
pub fn level_payment(principal: f64, r: f64, n: u32) -> f64 {
    let n = n.max(1);
    if r == 0.0 { principal / n as f64 } else { principal * r / (1.0 - (1.0 + r).powi(-(n as i32))) }
}

/// The schedule of all tranches over `n_months` months. `capex[m]` is the month's capex; a tranche of
/// `share x capex[m]` is drawn in month m when that is positive.
pub fn schedule(capex: &[f64], full_power_month: u32, terms: &DebtTerms) -> DebtSchedule {
    let n = capex.len();
    let mut s = DebtSchedule {
        draws: vec![0.0; n],
        interest: vec![0.0; n],
        principal: vec![0.0; n],
        debt_service: vec![0.0; n],
        forced_repayment: vec![0.0; n],
        balance: vec![0.0; n],
    };
    if n == 0 || terms.share <= 0.0 {
        return s;
    }
    let r = super::super::finance::monthly_rate(terms.rate);
    for (d, &k) in capex.iter().enumerate() {
        let amount = terms.share * k;
        if amount <= 0.0 {
            continue;
        }
        s.draws[d] += amount;
        // Interest only through month `io_end` (payments in months d+1 ..= io_end), then level payments in
        // months io_end+1 ..= maturity (at least one).
        let io_end = (d as u64 + terms.interest_only_months as u64).max(full_power_month as u64);
        let maturity = (d as u64 + terms.tenor_months as u64).max(io_end + 1);
        let payments = (maturity - io_end).min(u32::MAX as u64) as u32;
        let payment = level_payment(amount, r, payments);
        let mut balance = amount;
        for m in d..n {
            if m > d {
                let interest = balance * r;
                let principal = if (m as u64) <= io_end {
                    0.0
                } else if (m as u64) >= maturity {
                    balance
                } else {
                    (payment - interest).min(balance)
                };
                balance -= principal;
                s.interest[m] += interest;
                s.principal[m] += principal;
            }
            if m == n - 1 && balance > 0.0 {
                // Still owed at the horizon's end (a tranche drawn in the last month too): repaid now.
                s.forced_repayment[m] += balance;
                s.principal[m] += balance;
                balance = 0.0;
            }
            s.balance[m] += balance;
            if balance <= 0.0 {
                break;
            }
        }
    }
    for m in 0..n {
        s.debt_service[m] = s.interest[m] + s.principal[m];
    }
    s
}
