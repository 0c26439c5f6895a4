//! The sessions of a treatment plan: which impressions each lays, its chair time, shade,
//! dilution, needles and day.
//!
//! Each session's impressions are the dots the engine gave that session (the renderer's
//! 40 / 75 / 100 % for three sessions); its shade is the renderer's (the design's × the
//! session's factor, capped at full carbon); its dilution the pigment advice's
//! (`water_parts`, ≈ 6 / shade); its needles the dots' own (single needle at the line, the
//! three-needle grouping behind it), with the cartridge code when the diameter is a
//! standard gauge. Days follow [`SESSION_SPACING_DAYS`].

use serde::Serialize;

use super::{hours_for, round_to, ValueRange, SESSION_SPACING_DAYS};
use crate::engine::design::{Design, Style};
use crate::engine::photo::pigment::water_parts;
use crate::engine::placement::density::{FILL_PRONGS, FRONT_DOT_MM, LINE_PRONGS};
use crate::engine::placement::dots::Dot;
use crate::engine::render::timeline::session_shade_factors;

/// Needle gauges of SMP cartridges, `(diameter mm, gauge code)`: a cartridge code reads
/// gauge then needle count, "0803" being three 0.25 mm needles (tattoo-cartridge
/// convention, docs/domain.md section 2).
const NEEDLE_GAUGES: [(f64, &str); 4] = [(0.20, "06"), (0.25, "08"), (0.30, "10"), (0.35, "12")];
/// How close a needle must be to a gauge to take its code, mm (0.19 mm is an "06").
const GAUGE_TOLERANCE_MM: f64 = 0.011;

/// Water and carbon of a shade.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Dilution {
    /// Parts of distilled water per part of carbon pigment (≈ 6 / shade).
    pub water_parts: f64,
    /// Parts of carbon pigment (always 1).
    pub pigment_parts: f64,
    /// "8:1" (water : pigment, to the nearest half part).
    pub ratio: String,
}

/// A needle used in a session, and how many impressions it makes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NeedleUse {
    /// `"line"` (single needle at the hairline) or `"fill"` (the grouping behind it).
    pub role: &'static str,
    /// In words: "single needle at the line".
    pub description: String,
    /// Needles in the grouping: 1 or 3.
    pub prongs: u8,
    /// Diameter of each needle, mm.
    pub needle_mm: f64,
    /// Cartridge code ("0803": three 0.25 mm needles), when the diameter is a standard
    /// gauge.
    pub cartridge: Option<String>,
    /// Impressions made with it in the session.
    pub impressions: usize,
}

/// One session of the plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SessionPlan {
    /// 1 to the design's sessions.
    pub session: u8,
    /// Days after session 1.
    pub day: u32,
    /// What the session is for, in words.
    pub purpose: &'static str,
    /// The same as a code: `"whole"` (the only session), `"foundation"` (the first),
    /// `"finishing"` (the last) or `"building"` (one between).
    pub aim: &'static str,
    /// Impressions laid in this session.
    pub new_impressions: usize,
    /// Impressions laid by the end of it.
    pub cumulative_impressions: usize,
    /// Chair time for its impressions, hours (at the plan's `impressions_per_hour`).
    pub hours: ValueRange,
    /// The session's shade relative to the design's (lighter first, darker last).
    pub shade_factor: f64,
    /// Its shade, 0.2–1.0: the design's × `shade_factor`, at most 1.
    pub shade: f64,
    /// Water and carbon for that shade.
    pub dilution: Dilution,
    /// The needles it uses, with their impressions (only those used).
    pub needles: Vec<NeedleUse>,
}

/// The cartridge code of `prongs` needles of `needle_mm`, when that is a standard gauge.
pub(super) fn cartridge(needle_mm: f64, prongs: u8) -> Option<String> {
    NEEDLE_GAUGES
        .iter()
        .find(|(d, _)| (d - needle_mm).abs() <= GAUGE_TOLERANCE_MM)
        .map(|(_, gauge)| format!("{gauge}{prongs:02}"))
}

pub(super) fn session_plans(design: &Design, dots: &[Dot]) -> Vec<SessionPlan> {
    let n = design.sessions;
    let factors = session_shade_factors(n);
    // The line's single needle: the finest at the front of a soft line, the design's on a
    // sharp one; the fill is the design's needle in the three-needle grouping.
    let line_needle_mm = match design.style {
        Style::Soft => FRONT_DOT_MM.min(design.dot_mm),
        _ => design.dot_mm,
    };
    let mut cumulative = 0;
    (1..=n)
        .map(|session| {
            let laid = dots.iter().filter(|d| d.session == session);
            let line = laid
                .clone()
                .filter(|d| d.prongs as f64 <= LINE_PRONGS)
                .count();
            let new = laid.count();
            cumulative += new;
            let shade_factor = factors[(session as usize - 1).min(factors.len() - 1)];
            // The renderer's shade of the session (timeline.rs: capped at full carbon).
            let shade = (design.shade * shade_factor).min(1.0);
            let water = water_parts(shade);
            let needle =
                |role, description: &str, prongs: u8, needle_mm: f64, impressions| NeedleUse {
                    role,
                    description: description.to_string(),
                    prongs,
                    needle_mm,
                    cartridge: cartridge(needle_mm, prongs),
                    impressions,
                };
            let needles = [
                needle(
                    "line",
                    "single needle at the line",
                    LINE_PRONGS as u8,
                    line_needle_mm,
                    line,
                ),
                needle(
                    "fill",
                    "three-needle grouping behind the line",
                    FILL_PRONGS as u8,
                    design.dot_mm,
                    new - line,
                ),
            ]
            .into_iter()
            .filter(|u| u.impressions > 0)
            .collect();
            SessionPlan {
                session,
                day: (session as u32 - 1) * SESSION_SPACING_DAYS,
                purpose: purpose(session, n).1,
                aim: purpose(session, n).0,
                new_impressions: new,
                cumulative_impressions: cumulative,
                hours: hours_for(new),
                shade_factor,
                shade: round_to(shade, 3),
                dilution: Dilution {
                    water_parts: round_to(water, 1),
                    pigment_parts: 1.0,
                    ratio: ratio_text(water),
                },
                needles,
            }
        })
        .collect()
}

/// What session `session` of `sessions` is for: its code and its words.
fn purpose(session: u8, sessions: u8) -> (&'static str, &'static str) {
    if sessions == 1 {
        ("whole", "the whole treatment in one session")
    } else if session == 1 {
        (
            "foundation",
            "foundation: the hairline and an even, sparse first layer, in a lighter shade",
        )
    } else if session == sessions {
        (
            "finishing",
            "finishing: the last impressions, a darker scattered layer for depth",
        )
    } else {
        (
            "building",
            "building density between the first layer's impressions",
        )
    }
}

/// "8:1", "8.5:1": water to pigment, to the nearest half part.
pub(super) fn ratio_text(water: f64) -> String {
    let halves = (water * 2.0).round() / 2.0;
    if halves.fract() == 0.0 {
        format!("{halves:.0}:1")
    } else {
        format!("{halves:.1}:1")
    }
}
