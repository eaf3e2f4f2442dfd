//! Over 10,000 generated inputs fed to the loader: random bytes, truncations and mutations of valid files,
//! huge numbers and deep nesting. Each must end in a project or a typed error, quickly, without a panic;
//! every project accepted must also validate and evaluate.

use std::time::{Duration, Instant};

use powerplot::model::{evaluate, validate_project};
use powerplot::project_file::{LoadError, load_project, parse_project};

/// Slowest a single input may take (debug build) before it counts as a hang.
const SLOW: Duration = Duration::from_secs(2);

const SMALL: &str = r#"(
    version: 1,
    name: "Fuzz site",
    scenarios: [
        (
            name: "Base",
            assumptions: (horizon_years: 2, water_limit_m3_per_day: 500.0, halvings: [(year: 2028, month: 4)]),
            boundary: (x: 0.0, y: 0.0, w: 500.0, h: 300.0),
            components: [
                (id: 1, name: "Grid", rect: (x: 10.0, y: 10.0, w: 50.0, h: 40.0), existing: true,
                 lead_time_months: 36, kind: Substation(capacity_mva: 100.0)),
                (id: 2, name: "Hall", rect: (x: 100.0, y: 10.0, w: 120.0, h: 40.0), lead_time_months: 6,
                 kind: AsicHall(miner_count: 1000, cooling: Hydro)),
                (id: 3, name: "Pod", rect: (x: 100.0, y: 100.0, w: 60.0, h: 40.0), lead_time_months: 15,
                 kind: GpuPod(system_count: 10, business: GpuCloud, retrofit: true)),
                (id: 4, name: "Cooler", rect: (x: 300.0, y: 10.0, w: 40.0, h: 30.0), lead_time_months: 12,
                 kind: CoolingPlant(cooling_type: DryCooler, capacity_mw_th: 20.0)),
                (id: 5, name: "Turbine", rect: (x: 300.0, y: 100.0, w: 30.0, h: 20.0), lead_time_months: 12,
                 kind: GasTurbine(capacity_mw: 5.0)),
            ],
        ),
    ],
)
"#;

/// Tokens that matter to RON and to the model's ranges.
const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "'",
    "/",
    "*",
    "//",
    "/*",
    "#",
    "!",
    "\\",
    "\n",
    " ",
    "0",
    "1",
    "-",
    ".",
    "e",
    "_",
    "-1",
    "1e308",
    "1e999",
    "-1e999",
    "NaN",
    "inf",
    "99999999999999999999",
    "18446744073709551616",
    "4294967296",
    "0x7f",
    "0b101",
    "None",
    "Some(",
    "true",
    "false",
    "version",
    "version: 2",
    "AsicHall",
    "GpuPod(",
    "kind: ",
    "r#\"",
    "\u{feff}",
    "\u{0}",
    "é",
    "#![enable(implicit_some)]",
    "#![enable(nope)]",
];

/// A deterministic generator (splitmix64) so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }
}

fn char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Replaces, inserts or deletes a few pieces of `base`.
fn mutate(rng: &mut Rng, base: &str) -> String {
    let mut text = base.to_string();
    for _ in 0..1 + rng.below(4) {
        let at = char_boundary(&text, rng.below(text.len() + 1));
        let token = TOKENS[rng.below(TOKENS.len())];
        match rng.below(3) {
            0 => text.insert_str(at, token),
            1 => {
                let end = char_boundary(&text, (at + 1 + rng.below(8)).min(text.len()));
                text.replace_range(at..end, "");
            }
            _ => {
                let end = char_boundary(&text, (at + token.len()).min(text.len()));
                text.replace_range(at..end, token);
            }
        }
    }
    text
}

/// Replaces one number of `base` with an extreme one.
fn huge_number(rng: &mut Rng, base: &str) -> String {
    const EXTREMES: &[&str] =
        &["1e308", "-1e308", "1e999", "4294967295", "4294967296", "18446744073709551615", "-0.0", "5e-324", "NaN"];
    let digits: Vec<usize> = base.match_indices(|c: char| c.is_ascii_digit()).map(|(i, _)| i).collect();
    let start = digits[rng.below(digits.len())];
    let end = base[start..].find(|c: char| !(c.is_ascii_digit() || c == '.')).map_or(base.len(), |n| start + n);
    format!("{}{}{}", &base[..start], EXTREMES[rng.below(EXTREMES.len())], &base[end..])
}

/// Inserts a deep run of brackets somewhere in `base`.
fn deep_nesting(rng: &mut Rng, base: &str) -> String {
    let at = char_boundary(base, rng.below(base.len() + 1));
    let bracket = ["(", "[", "{", "Some(", "AsicHall("][rng.below(5)];
    format!("{}{}{}", &base[..at], bracket.repeat(1 + rng.below(100_000)), &base[at..])
}

/// Loads `text`, checks the outcome and how long it took.
fn check(text: &str, case: usize) -> Result<(), LoadError> {
    let start = Instant::now();
    let result = parse_project(text, "fuzz.ron");
    assert!(start.elapsed() < SLOW, "case {case} took {:?}", start.elapsed());
    let project = result?;
    assert!(validate_project(&project).is_ok(), "case {case}: an accepted project does not validate");
    for scenario in &project.scenarios {
        let k = evaluate(scenario).kpis;
        assert!(k.npv_usd.is_finite() && k.capex_total_usd.is_finite(), "case {case}: {k:?}");
    }
    Ok(())
}

#[test]
fn ten_thousand_generated_inputs_end_in_a_project_or_a_typed_error() {
    let mut rng = Rng(0x5eed_2026);
    let demo = powerplot::project_file::to_ron_string(&powerplot::model::demo::demo_project());
    let mut inputs: Vec<String> = Vec::new();
    for _ in 0..2_000 {
        let len = rng.below(300);
        inputs.push(String::from_utf8_lossy(&rng.bytes(len)).into_owned());
    }
    for cut in (0..SMALL.len()).step_by(2) {
        inputs.push(SMALL[..char_boundary(SMALL, cut)].to_string());
    }
    for cut in (0..demo.len()).step_by(demo.len() / 200) {
        inputs.push(demo[..char_boundary(&demo, cut)].to_string());
    }
    for _ in 0..6_500 {
        inputs.push(mutate(&mut rng, SMALL));
    }
    for _ in 0..300 {
        inputs.push(mutate(&mut rng, &demo));
    }
    for _ in 0..800 {
        inputs.push(huge_number(&mut rng, SMALL));
    }
    for _ in 0..100 {
        inputs.push(deep_nesting(&mut rng, SMALL));
    }
    assert!(inputs.len() >= 10_000, "{}", inputs.len());

    let start = Instant::now();
    let mut accepted = 0;
    for (case, text) in inputs.iter().enumerate() {
        accepted += usize::from(check(text, case).is_ok());
    }
    assert!(accepted > 0 && accepted < inputs.len(), "{accepted} of {} accepted", inputs.len());
    eprintln!("{} inputs, {accepted} accepted, in {:?}", inputs.len(), start.elapsed());
}

#[test]
fn random_bytes_from_disk_end_in_a_typed_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng(7);
    for case in 0..200 {
        let path = dir.path().join(format!("{case}.ron"));
        let len = rng.below(2_000);
        std::fs::write(&path, rng.bytes(len)).unwrap();
        assert!(load_project(&path).is_err(), "case {case}");
    }
}
