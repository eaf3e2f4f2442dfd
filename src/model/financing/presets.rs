//! Financing presets offered in the inspector: one click sets the debt terms of a typical structure, with
//! the deals that set its figures.

use crate::model::Assumptions;

#[derive(Debug, Clone, Copy)]
pub struct FinancingPreset {
    pub label: &'static str,
    /// The deals the figures come from, shown as the preset's tooltip.
    pub source: &'static str,
    pub debt_share: f64,
    pub debt_rate: f64,
    pub debt_tenor_years: f64,
    pub interest_only_months: u32,
}

impl FinancingPreset {
    /// The assumptions with this preset's debt terms (tax, depreciation and the covenant are kept).
    pub fn applied(&self, a: &Assumptions) -> Assumptions {
        let mut next = a.clone();
        next.debt_share = self.debt_share;
        if self.debt_share > 0.0 {
            next.debt_rate = self.debt_rate;
            next.debt_tenor_years = self.debt_tenor_years;
            next.interest_only_months = self.interest_only_months;
        }
        next
    }

    /// Whether the assumptions already hold this preset's terms (all equity: no debt, whatever the terms).
    pub fn is_applied(&self, a: &Assumptions) -> bool {
        if self.debt_share == 0.0 {
            return a.debt_share == 0.0;
        }
        let same = |x: f64, y: f64| (x - y).abs() < 1e-9;
        same(a.debt_share, self.debt_share)
            && same(a.debt_rate, self.debt_rate)
            && same(a.debt_tenor_years, self.debt_tenor_years)
            && a.interest_only_months == self.interest_only_months
    }
}

/// No debt: every dollar of capex is the owners'.
pub const ALL_EQUITY: FinancingPreset = FinancingPreset {
    label: "All equity",
    source: "No debt: the owners fund all capex (the default). Tax, depreciation and the covenant are kept.",
    debt_share: 0.0,
    debt_rate: 0.08,
    debt_tenor_years: 5.0,
    interest_only_months: 12,
};

/// 80 % of capex borrowed at 7.75 % for 5 years, interest only for the first 12 months or until full power.
pub const PROJECT_FINANCE: FinancingPreset = FinancingPreset {
    label: "Project finance: 80 % at 7.75 %, 5 years",
    source: "80 % of cost as Galaxy's Helios project financing facility; 7.75 % as TeraWulf's senior secured notes \
             due 2030 (5 years from their 2025 issue); interest only for 12 months while the build finishes \
             (TeraWulf: no amortization until each building is complete).",
    debt_share: 0.8,
    debt_rate: 0.0775,
    debt_tenor_years: 5.0,
    interest_only_months: 12,
};

pub const PRESETS: [FinancingPreset; 2] = [ALL_EQUITY, PROJECT_FINANCE];
