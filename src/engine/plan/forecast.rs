//! The healing and fading forecast of a treatment plan, and its top-up.
//!
//! Fresh (the day of the last session), healed (about a month later) and years 1–6: at
//! each, the pigment the appearance model gives every dot of the design, summed, as a share
//! of all the pigment laid and of the healed result. So it follows the model exactly:
//! 60 % / 80 % kept at healing (first / later sessions), 12 % lost a year, a planned top-up
//! restoring the healed look. Limits: pigment, not a measured darkness (a ΔL* needs a
//! render of the head; `tests/look.rs` measures that for one design).

use serde::Serialize;

use super::{ratio, round_to, ValueRange, HEALED_AFTER_DAYS, SESSION_SPACING_DAYS};
use super::{FORECAST_YEARS, FORECAST_YEARS_MOST, TOP_UP_WINDOW_YEARS};
use crate::engine::design::Design;
use crate::engine::render::timeline::{Age, Stage};
use crate::engine::scene::Scene;

/// Days in a year, for the forecast's day numbers.
const DAYS_PER_YEAR: f64 = 365.25;

/// One moment of the healing and fading forecast.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ForecastStage {
    /// `"fresh"`, `"healed"` or `"year-1"` … `"year-6"` (to `"year-10"` past a late top-up).
    pub stage: String,
    /// In words: "healed (about 1 month)", "4 years on".
    pub label: String,
    /// Days after session 1.
    pub day: u32,
    /// Share of all the pigment laid that the model still holds, 0–1.
    pub pigment_remaining: f64,
    /// Pigment relative to the healed result (1 = healed; fresh is above 1).
    pub relative_to_healed: f64,
    /// Whether the planned top-up has restored the healed look by then.
    pub after_top_up: bool,
}

/// The top-up: planned, or when one is usually needed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TopUp {
    /// The design's top-up, years on (the forecast's axis; `None`: none planned).
    pub planned_after_years: Option<f64>,
    /// Its day after session 1, when planned.
    pub planned_day: Option<u32>,
    /// When top-ups are usually needed, years.
    pub recommended_years: ValueRange,
    /// In words.
    pub advice: String,
}

/// Fresh, healed and years 1–6 after the last session (further past a later top-up): the pigment the appearance model
/// gives every dot at each, against what was laid. Also returns the fading per year.
pub(super) fn forecast(scene: &Scene) -> (Vec<ForecastStage>, f64) {
    let design = scene.design();
    let dots = scene.dots();
    let n = design.sessions;
    let pigment = |stage: Stage, only_session: Option<u8>| -> f64 {
        let looks = scene.looks_at(stage);
        dots.iter()
            .filter(|d| only_session.map_or(true, |s| d.session == s))
            .filter_map(|d| looks.of(d))
            .map(|l| l.amount)
            .sum()
    };
    // What was laid: each session's dots on their own day 0.
    let laid: f64 = (1..=n)
        .map(|s| {
            pigment(
                Stage {
                    session: s,
                    age: Age::Fresh,
                },
                Some(s),
            )
        })
        .sum();
    let healed = pigment(Stage::healed_after(n), None);
    let last_day = (n as u32 - 1) * SESSION_SPACING_DAYS;
    let mut ages = vec![
        ("fresh".to_string(), Age::Fresh, last_day),
        (
            "healed".to_string(),
            Age::Healed,
            last_day + HEALED_AFTER_DAYS,
        ),
    ];
    // Through the planned top-up and a year past it, when that reaches past the usual six
    // years (a top-up after 5.5 years or more; one after 8 years was planned and never shown).
    let years = design.top_up_years.map_or(FORECAST_YEARS, |t| {
        (t.ceil() as u32 + 1).clamp(FORECAST_YEARS, FORECAST_YEARS_MOST)
    });
    for year in 1..=years {
        let day = last_day + (year as f64 * DAYS_PER_YEAR).round() as u32;
        ages.push((format!("year-{year}"), Age::Years(year as f64), day));
    }
    let mut top_up_named = false;
    let stages = ages
        .into_iter()
        .map(|(stage, age, day)| {
            let held = pigment(Stage { session: n, age }, None);
            let after_top_up = design.top_up_years.is_some_and(|t| age.years() >= t);
            // Fresh is the last session's day 0, which the Day column counts from
            // session 1 ("fresh (day 0)" sat beside day 28).
            let mut label = match age {
                Age::Fresh => "fresh, the day of the last session".to_string(),
                _ => age.label(),
            };
            // The first row past the top-up says so: the table jumped from 57 % to 73 %
            // with no word of why.
            if let (true, false, Some(t)) = (after_top_up, top_up_named, design.top_up_years) {
                let unit = if (t - 1.0).abs() < 1e-9 {
                    "year"
                } else {
                    "years"
                };
                label = format!("{label}, after the top-up at {} {unit}", trim_years(t));
                top_up_named = true;
            }
            ForecastStage {
                stage,
                label,
                day,
                pigment_remaining: round_to(ratio(held, laid), 3),
                relative_to_healed: round_to(ratio(held, healed), 3),
                after_top_up,
            }
        })
        .collect();
    (stages, scene.appearance().fade_per_year)
}

pub(super) fn top_up(design: &Design, last_day: u32) -> TopUp {
    let (low, high) = TOP_UP_WINDOW_YEARS;
    let advice = match design.top_up_years {
        Some(t) => format!(
            "Top-up planned {t} {} on; it brings the work back to its healed look. Top-ups are usually needed every {low:.0}–{high:.0} years.",
            if (t - 1.0).abs() < 1e-9 { "year" } else { "years" }
        ),
        None => format!(
            "No top-up planned yet: one is usually needed every {low:.0}–{high:.0} years, sooner (2–4) for a crisp look, later (5–6) if gentle fading is acceptable."
        ),
    };
    TopUp {
        planned_after_years: design.top_up_years,
        planned_day: design
            .top_up_years
            .map(|t| last_day + (t * DAYS_PER_YEAR).round() as u32),
        recommended_years: ValueRange { low, high },
        advice,
    }
}

/// Years as a person writes them: `3`, `2.5`.
fn trim_years(y: f64) -> String {
    if (y - y.round()).abs() < 1e-9 {
        format!("{}", y.round() as i64)
    } else {
        format!("{y:.1}")
    }
}
