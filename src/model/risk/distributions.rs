//! The distributions of MODEL.md "Risk (Monte Carlo)": triangles by their inverse CDF and the mean-reverting
//! walk of a log-price.

use super::rng::Stream;
use super::settings::Triangle;

impl Triangle {
    /// The value at cumulative probability `u` in [0, 1] (inverse CDF); a triangle of zero width is its corner.
    pub fn quantile(&self, u: f64) -> f64 {
        let Triangle { low: a, mode: c, high: b } = *self;
        let width = b - a;
        if width <= 0.0 {
            return c;
        }
        let at_mode = (c - a) / width;
        let v = if u < at_mode { a + (u * width * (c - a)).sqrt() } else { b - ((1.0 - u) * width * (b - c)).sqrt() };
        v.clamp(a, b)
    }
}

/// Coefficients of X(m) = a x X(m-1) + step x Z(m).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WalkCoefficients {
    pub a: f64,
    pub step: f64,
}

/// MODEL.md "Walks": k = ln 2 / half-life (per year), a = exp(-k / 12), step = sigma x sqrt((1 - a^2) / (2 k));
/// a half-life of 0 is a plain random walk (a = 1, step = sigma x sqrt(1 / 12)).
pub fn walk_coefficients(sigma: f64, half_life_years: f64) -> WalkCoefficients {
    if half_life_years <= 0.0 {
        return WalkCoefficients { a: 1.0, step: sigma * (1.0f64 / 12.0).sqrt() };
    }
    let k = std::f64::consts::LN_2 / half_life_years;
    let a = (-k / 12.0).exp();
    WalkCoefficients { a, step: sigma * ((1.0 - a * a) / (2.0 * k)).sqrt() }
}

/// The multipliers exp(X(m)) for months 0..n (X(0) = 0, so month 0 is the base price). Draws n - 1 normals
/// from `stream` whatever the coefficients, so a switched-off or narrower walk keeps the same luck.
pub fn walk_factors(stream: &mut Stream, c: WalkCoefficients, n: usize, out: &mut Vec<f64>) {
    out.clear();
    let mut x = 0.0f64;
    for m in 0..n {
        if m > 0 {
            x = c.a * x + c.step * stream.normal();
        }
        out.push(x.exp());
    }
}
