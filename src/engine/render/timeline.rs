//! The treatment timeline: sessions, the age of the work, and what each dot of a design
//! looks like at one moment of it.
//!
//! Impressions are laid in 1–4 sessions ([`session_shares`]): session 1 lighter and
//! sparser (hairline and foundation), later sessions add density and darkness, the last a
//! scattered darker layer; the dots of session N include those of session N − 1. A dot of
//! the session shown at age *fresh* is its full pigment, undispersed (its scab and redness
//! are lobes of the appearance model); *healed* (about a month) its deposit has spread and
//! kept part of its pigment (up to half is lost after a first session); over the *years*
//! it fades and spreads; a top-up restores it. [`StageLooks`] turns a [`Stage`] into each
//! dot's [`DotLook`]: its shape class and the pigment it shows, which
//! [`super::appearance`] turns into light. Sources: `docs/domain.md`.

use crate::engine::placement::dots::Dot;
use crate::engine::render::appearance::{absorbance_per_mm2, AppearanceOptions, DEPTH_RANGE_MM};

/// √3: the diameter of three needles' punctures healed into one deposit, in needles.
const SQRT_3: f64 = 1.732_050_807_568_877_2;

/// Most sessions a plan can have (4 for scars and alopecia).
pub const MAX_SESSIONS: u8 = 4;

/// How old the work is when it is looked at.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Age {
    /// Day 0 after the session: darkest, scabbed, a little red.
    Fresh,
    /// About a month after: the final look of that session.
    Healed,
    /// Years after the last session (0.0–10.0), fading and softening.
    Years(f64),
}

impl Age {
    /// Parses `fresh`, `healed` or a number of years (0–10).
    pub fn from_name(name: &str) -> Option<Age> {
        match name {
            "fresh" => Some(Age::Fresh),
            "healed" => Some(Age::Healed),
            other => {
                let years: f64 = other.trim_end_matches('y').parse().ok()?;
                (years.is_finite() && (0.0..=10.0).contains(&years)).then_some(Age::Years(years))
            }
        }
    }

    /// Years since healing (0 for fresh and healed).
    pub fn years(self) -> f64 {
        match self {
            Age::Years(y) => y.max(0.0),
            _ => 0.0,
        }
    }

    /// Plain words for the status line: "fresh (day 0)", "healed (1 month)", "4 years".
    pub fn label(self) -> String {
        match self {
            Age::Fresh => "fresh (day 0)".into(),
            Age::Healed => "healed (about 1 month)".into(),
            Age::Years(y) if (y - 1.0).abs() < 1e-9 => "1 year on".into(),
            Age::Years(y) => format!("{} years on", trim(y)),
        }
    }
}

fn trim(y: f64) -> String {
    if (y - y.round()).abs() < 1e-9 {
        format!("{}", y.round() as i64)
    } else {
        format!("{y:.1}")
    }
}

/// Which moment of the treatment is shown: after which session, and how long after.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stage {
    /// Sessions done so far, 0 (the untreated head, "before") to the design's sessions.
    pub session: u8,
    /// Age of the work since the last of those sessions.
    pub age: Age,
}

impl Stage {
    /// After the last of `sessions`, healed: the final look of the plan.
    pub fn healed_after(sessions: u8) -> Stage {
        Stage {
            session: sessions,
            age: Age::Healed,
        }
    }
}

/// The treatment timeline a design carries: sessions and an optional top-up.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Plan {
    /// Number of sessions, 1–4.
    pub sessions: u8,
    /// Years after healing when a top-up session restores the look (`None`: no top-up).
    pub top_up_years: Option<f64>,
    /// The design's pigment shade, 0.2–1.0.
    pub shade: f64,
}

/// Cumulative share of a design's impressions laid by the end of each session, for a plan
/// of `sessions` (about 14,000 impressions a session, ~40k over three: each session lays
/// about a third, session 1 a little more as the foundation).
pub fn session_shares(sessions: u8) -> &'static [f64] {
    match sessions {
        0 | 1 => &[1.0],
        2 => &[0.55, 1.0],
        3 => &[0.4, 0.75, 1.0],
        _ => &[0.35, 0.62, 0.85, 1.0],
    }
}

/// Shade of each session relative to the design's shade: session 1 lighter, the last a
/// darker scattered layer ("3D" layering).
pub fn session_shade_factors(sessions: u8) -> &'static [f64] {
    match sessions {
        0 | 1 => &[1.0],
        2 => &[0.85, 1.1],
        3 => &[0.8, 1.0, 1.15],
        _ => &[0.8, 0.95, 1.05, 1.15],
    }
}

/// The session (1-based) that lays a dot whose rank is `u` of the local density (0–1).
pub fn session_of(u: f64, sessions: u8) -> u8 {
    let shares = session_shares(sessions);
    shares
        .iter()
        .position(|&s| u < s)
        .unwrap_or(shares.len() - 1) as u8
        + 1
}

/// Where a dot falls in its session's laying order, in `[0, 1)`, from its identity.
fn laying_order(identity: u64) -> f64 {
    // A SplitMix64 finaliser spreads neighbouring identities over the whole range.
    let mut z = identity.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 53) as f64
}

/// Pigment concentration of a shade relative to the darkest (6:1 water to carbon): shade
/// `s` is diluted `6/s` : 1, so its concentration is `1/(1 + 6/s)`, relative `7s/(s + 6)`.
pub fn concentration(shade: f64) -> f64 {
    let s = shade.clamp(0.05, 1.0);
    7.0 * s / (s + 6.0)
}

/// The state of one dot at a stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DotState {
    /// Laid in the session just shown, on day 0.
    Fresh,
    /// Healed (and possibly years old).
    Healed,
}

/// How one dot looks at a stage: the shape class and how much pigment it shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DotLook {
    /// Radius of the pigment deposit (healed) or of the impression (fresh), mm.
    pub radius_mm: f64,
    /// Depth of the deposit, mm.
    pub depth_mm: f64,
    /// Fresh or healed.
    pub state: DotState,
    /// Luminance absorbance integral of the dot, mm² (what it darkens, before saturation).
    pub amount: f64,
}

/// What a stage does to the dots of each session, computed once per frame: which sessions
/// show, their pigment concentration, the share kept, and how far their deposits spread.
#[derive(Clone, Debug, PartialEq)]
pub struct StageLooks {
    stage: Stage,
    /// Per session (index 0 = session 1): `(concentration, kept × faded, radius factor)`.
    sessions: [(f64, f64, f64); MAX_SESSIONS as usize],
    /// How many sessions the plan has (entries of `sessions` in use).
    count: usize,
    /// The session whose dots are fresh (0: none).
    fresh_session: u8,
    years: f64,
    /// Share of the shown session's impressions laid so far, 0–1 (1: the session is done).
    progress: f64,
}

impl StageLooks {
    /// The looks of `plan`'s sessions at `stage` under `options`.
    pub fn new(stage: Stage, plan: &Plan, options: &AppearanceOptions) -> StageLooks {
        let n = plan.sessions.clamp(1, MAX_SESSIONS);
        let factors = session_shade_factors(n);
        // A top-up restores every dot to its healed level; fading starts again from it.
        let mut years = stage.age.years();
        if let Some(t) = plan.top_up_years {
            if t > 0.0 && years >= t {
                years -= t;
            }
        }
        let faded = libm::pow(1.0 - options.fade_per_year, years);
        let spread = options.healed_spread * (1.0 + options.spread_per_year * years);
        let mut sessions = [(0.0, 0.0, 0.0); MAX_SESSIONS as usize];
        for (i, slot) in sessions.iter_mut().enumerate().take(n as usize) {
            let shade = (plan.shade * factors[i.min(factors.len() - 1)]).min(1.0);
            let kept = if i == 0 {
                options.first_session_kept
            } else {
                options.later_session_kept
            };
            *slot = (concentration(shade), kept * faded, spread);
        }
        StageLooks {
            stage,
            sessions,
            count: n as usize,
            fresh_session: if stage.age == Age::Fresh {
                stage.session
            } else {
                0
            },
            years,
            progress: 1.0,
        }
    }

    /// These looks part-way through the shown session: only `progress` (0–1) of its
    /// impressions are laid yet, in the laying order (a seeded order spread over the whole
    /// area, as a technician works in passes, fixed by each dot's identity, so the same
    /// dots come first every time). The demo's attract loop shows a session being laid.
    pub fn laid(mut self, progress: f64) -> StageLooks {
        self.progress = if progress.is_finite() {
            progress.clamp(0.0, 1.0)
        } else {
            1.0
        };
        self
    }

    /// Years of softening the healed dots show (after any top-up).
    pub fn years(&self) -> f64 {
        self.years
    }

    /// The stage these looks are for.
    pub fn stage(&self) -> Stage {
        self.stage
    }

    /// The widest radius (mm) a dot's look is drawn with: its deposit's ([`Self::of`]'s
    /// `radius_mm`), times `scab_spread` for a fresh dot (its scab is that much wider), but
    /// without the rest of `of` (a frame drawn in bands sorts every dot by how far it
    /// reaches with it).
    pub fn widest_radius_mm(&self, dot: &Dot, scab_spread: f64) -> f64 {
        let index = (dot.session.max(1) as usize - 1).min(self.count - 1);
        let factor = if dot.session == self.fresh_session {
            scab_spread
        } else {
            self.sessions[index].2
        };
        needles_radius(dot) * factor
    }

    /// Looks at one dot: `None` when it is not there yet (or the stage is "before").
    pub fn of(&self, dot: &Dot) -> Option<DotLook> {
        if self.stage.session == 0 || dot.session > self.stage.session {
            return None;
        }
        if self.progress < 1.0
            && dot.session == self.stage.session
            && laying_order(dot.identity) >= self.progress
        {
            return None;
        }
        let index = (dot.session.max(1) as usize - 1).min(self.count - 1);
        let (concentration, kept, spread) = self.sessions[index];
        let depth = dot.depth_mm.clamp(DEPTH_RANGE_MM.0, DEPTH_RANGE_MM.1);
        let radius = needles_radius(dot);
        let pigment = absorbance_per_mm2(depth)
            * std::f64::consts::PI
            * radius
            * radius
            * concentration
            * dot.opacity;
        if dot.session == self.fresh_session {
            return Some(DotLook {
                radius_mm: radius,
                depth_mm: depth,
                state: DotState::Fresh,
                amount: pigment,
            });
        }
        Some(DotLook {
            radius_mm: radius * spread,
            depth_mm: depth,
            state: DotState::Healed,
            amount: pigment * kept,
        })
    }
}

/// The radius (mm) of a dot's needles' area: the punctures of a grouping heal into one
/// deposit of their summed area.
fn needles_radius(dot: &Dot) -> f64 {
    dot.diameter_mm
        * 0.5
        * match dot.prongs {
            0 | 1 => 1.0,
            3 => SQRT_3,
            n => (n as f64).sqrt(),
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The widest radius a frame drawn in bands sorts dots by is their look's, times the
    /// scab's spread for fresh dots, for every session and stage (groupings included).
    #[test]
    fn the_widest_radius_is_the_looks_and_a_fresh_dots_scab() {
        let plan = Plan {
            sessions: 3,
            top_up_years: Some(4.0),
            shade: 0.8,
        };
        let options = AppearanceOptions::default();
        for session in 1..=3u8 {
            for age in [Age::Fresh, Age::Healed, Age::Years(2.0), Age::Years(6.0)] {
                let looks = StageLooks::new(Stage { session, age }, &plan, &options);
                for (dot_session, prongs, diameter) in [(1u8, 1u8, 0.25), (2, 3, 0.2), (3, 2, 0.3)]
                {
                    let dot = Dot {
                        position: glam::DVec2::ZERO,
                        diameter_mm: diameter,
                        opacity: 1.0,
                        rank: 0.0,
                        identity: 1,
                        order: 0,
                        session: dot_session,
                        depth_mm: 0.12,
                        prongs,
                    };
                    let Some(look) = looks.of(&dot) else { continue };
                    let scab = if look.state == DotState::Fresh {
                        1.4
                    } else {
                        1.0
                    };
                    let widest = looks.widest_radius_mm(&dot, 1.4);
                    assert!(
                        (widest - look.radius_mm * scab).abs() < 1e-12,
                        "session {session} {age:?}, dot of session {dot_session}: {widest} vs {}",
                        look.radius_mm
                    );
                }
            }
        }
    }

    #[test]
    fn sessions_build_up_and_years_fade() {
        assert_eq!(session_of(0.1, 3), 1);
        assert_eq!(session_of(0.5, 3), 2);
        assert_eq!(session_of(0.99, 3), 3);
        assert_eq!(session_of(0.99, 1), 1);
        let dot = Dot {
            position: glam::DVec2::ZERO,
            diameter_mm: 0.25,
            opacity: 1.0,
            rank: 0.1,
            identity: 1,
            order: 0,
            session: 1,
            depth_mm: 0.12,
            prongs: 1,
        };
        let plan = Plan {
            sessions: 3,
            top_up_years: Some(4.0),
            shade: 0.75,
        };
        let o = AppearanceOptions::default();
        let at = |session, age| {
            StageLooks::new(Stage { session, age }, &plan, &o)
                .of(&dot)
                .map(|l| l.amount)
        };
        assert_eq!(at(0, Age::Healed), None);
        let fresh = at(1, Age::Fresh).unwrap();
        let healed = at(1, Age::Healed).unwrap();
        assert!(healed < fresh * 0.7);
        let y3 = at(3, Age::Years(3.0)).unwrap();
        assert!(y3 < healed);
        // The top-up at 4 years restores the healed level.
        assert!((at(3, Age::Years(4.0)).unwrap() - healed).abs() < 1e-12);
    }

    #[test]
    fn a_session_part_way_lays_that_share_of_its_dots_and_keeps_earlier_sessions() {
        let plan = Plan {
            sessions: 3,
            top_up_years: None,
            shade: 0.75,
        };
        let o = AppearanceOptions::default();
        let dots: Vec<Dot> = (0..4000u64)
            .map(|i| Dot {
                position: glam::DVec2::ZERO,
                diameter_mm: 0.25,
                opacity: 1.0,
                rank: 0.1,
                identity: i.wrapping_mul(0x2545_f491_4f6c_dd1d),
                order: i,
                session: (i % 2 + 1) as u8,
                depth_mm: 0.12,
                prongs: 1,
            })
            .collect();
        let stage = Stage {
            session: 2,
            age: Age::Fresh,
        };
        let shown = |progress: f64, session: u8| {
            let looks = StageLooks::new(stage, &plan, &o).laid(progress);
            dots.iter()
                .filter(|d| d.session == session && looks.of(d).is_some())
                .count()
        };
        assert_eq!(shown(1.0, 2), 2000);
        assert_eq!(shown(0.0, 2), 0);
        let half = shown(0.5, 2);
        assert!((900..1100).contains(&half), "{half} of 2000 laid at 50 %");
        assert_eq!(
            shown(0.3, 1),
            2000,
            "session 1 stays whole while session 2 is laid"
        );
        assert_eq!(shown(f64::NAN, 2), 2000, "NaN shows the session done");
        // Laying only adds: every dot shown at 30 % is still shown at 60 %.
        let (a, b) = (
            StageLooks::new(stage, &plan, &o).laid(0.3),
            StageLooks::new(stage, &plan, &o).laid(0.6),
        );
        assert!(dots.iter().all(|d| a.of(d).is_none() || b.of(d).is_some()));
    }

    #[test]
    fn ages_parse_and_read_in_plain_words() {
        assert_eq!(Age::from_name("fresh"), Some(Age::Fresh));
        assert_eq!(Age::from_name("4"), Some(Age::Years(4.0)));
        assert_eq!(Age::from_name("11"), None);
        assert_eq!(Age::from_name("NaN"), None);
        assert_eq!(Age::Years(4.0).label(), "4 years on");
    }
}
