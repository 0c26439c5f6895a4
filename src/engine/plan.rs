//! The treatment plan a technician hands a client: what the design means in sessions,
//! hours, pigment, needles and years, every figure computed from the engine's own model.
//!
//! What it holds ([`TreatmentPlan`]): the client's details ([`PlanContext`]), the head
//! (template or photo), style and hairline height (mm above the glabella at the midline,
//! the guides' measure), the treated area per zone (the hairline's transition and the
//! full-density area behind it) in cm², and per session the new and cumulative impressions,
//! hours, shade, dilution, needles and day; then the healing and fading forecast and the
//! top-up, the notice that the picture is an illustration, and the sources.
//!
//! Why from a [`Scene`]: the impressions counted are the very dots the engine lays and
//! draws (the total equals `stats().dots`, the area `stats().area_cm2`), each session's are
//! the dots the renderer shows for it, its shade is the renderer's (design shade × the
//! session's factor, capped at 1), its dilution the pigment advice's (≈ 6 / shade parts of
//! water), and the forecast sums the pigment the appearance model gives each dot.
//!
//! Assumptions, stated in the plan too (sources in docs/domain.md): 3,500–7,000
//! impressions an hour (≈ 14,000 in a 2–4 h session); sessions 14 days apart (10–30
//! allowed); healed about 30 days after the last session; top-ups every 2–6 years.
//! Limits: hours are chair time for the impressions only (no consultation, numbing or
//! breaks); the forecast is the pigment the model keeps, not a measured darkness; on a
//! photo the hairline height is not given (the photo has no landmarks).

mod context;
mod forecast;
mod markdown;
mod sessions;
#[cfg(test)]
mod tests;

pub use context::{fitzpatrick_from_name, fitzpatrick_roman, PlanContext};
pub use forecast::{ForecastStage, TopUp};
pub use sessions::{Dilution, NeedleUse, SessionPlan};

use serde::Serialize;

use crate::engine::curve::measure::measure;
use crate::engine::design::Style;
use crate::engine::error::DesignError;
use crate::engine::photo::pigment::{advise, HairColour, ShadeCaution};
use crate::engine::placement::density::{
    Zone, SCATTER_MM, SHARP_EDGE_FRACTION, SHARP_RAMP_MM, SOFT_EDGE_FRACTION,
};
use crate::engine::scene::Scene;
use crate::engine::template;
use crate::engine::Design;
use forecast::{forecast, top_up};
use sessions::session_plans;

/// Impressions an hour, slow to fast: about 14,000 impressions in a 2–4 h session
/// ([practitioner: jonathangerow.com], docs/domain.md section 6).
pub const IMPRESSIONS_PER_HOUR: (f64, f64) = (3_500.0, 7_000.0);
/// Days between sessions the plan assumes: within the 10–30 days quoted, near the
/// "+10–14 days" of a typical schedule (docs/domain.md section 6; **project choice**).
pub const SESSION_SPACING_DAYS: u32 = 14;
/// Days between sessions practitioners allow ([practitioner: smphaircreations.com;
/// skalptec.com]).
pub const SESSION_SPACING_RANGE_DAYS: (u32, u32) = (10, 30);
/// Days after a session when its final look shows ("about a month",
/// [practitioner: scalpclinic.com]).
pub const HEALED_AFTER_DAYS: u32 = 30;
/// Years the fading forecast runs to (the appearance model's 4–6 years of fading), or
/// past a later planned top-up, to [`FORECAST_YEARS_MOST`].
pub const FORECAST_YEARS: u32 = 6;
/// The furthest the forecast runs: a design's top-up comes at most 10 years on.
pub const FORECAST_YEARS_MOST: u32 = 10;
/// When a top-up is usually needed, years (docs/domain.md section 6).
pub const TOP_UP_WINDOW_YEARS: (f64, f64) = (2.0, 6.0);
/// The notice every plan carries.
pub const NOTICE: &str = "This picture is an illustration, not a guarantee of results. Every scalp takes pigment differently; the figures are estimates from the design.";

/// A low–high range of one quantity (its unit is in the field's name).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ValueRange {
    /// The low end.
    pub low: f64,
    /// The high end.
    pub high: f64,
}

/// The head the design is drawn on.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Head {
    /// `"template"` (the template head), `"photo"` (the client's photo) or
    /// `"thinning-hair"` (the template head with long thinning hair, a generated picture).
    pub kind: &'static str,
    /// In words: the head's preset, sex and view, or the photo and its scale.
    pub description: String,
    /// The photo's calibration, px per mm (`None` on the template).
    pub px_per_mm: Option<f64>,
    /// A client's photo's size, `[width, height]` px (`None` on the template heads).
    pub photo_px: Option<[u32; 2]>,
    /// On the template: its hair-loss preset (`bald`, `norwood-3`, …), as in the design's
    /// `head`.
    pub preset: Option<String>,
    /// The view (`front`, `top`): the template's, or `front` for the thinning-hair head.
    pub view: Option<&'static str>,
    /// On the template: the sex the head is drawn as (`male`, `female`).
    pub sex: Option<&'static str>,
    /// What the treated area and the impressions count, in words: a view is a flat picture
    /// of a round head, so a plan's figures are the area the view shows on its plane. A
    /// technician comparing them with a full head's ≈ 500 cm² and 40,000 impressions
    /// (docs/domain.md, sections 2 and 6) needs to know the front view leaves the crown out.
    pub area_counted: &'static str,
}

/// [`Head::area_counted`] for a front view (the template's, and the thinning-hair head's).
const FRONT_VIEW_COUNTS: &str = "the area the front view shows, on its plane: the top of the head is foreshortened and the crown is not counted (the view from above shows the top; a whole head's scalp is about 500 cm², 40,000–45,000 impressions)";
/// [`Head::area_counted`] for the view from above.
const TOP_VIEW_COUNTS: &str = "the area the view from above shows, on its plane: the sides and the back below the crown are foreshortened or not counted (a whole head's scalp is about 500 cm², 40,000–45,000 impressions)";
/// [`Head::area_counted`] on a client's photo.
const PHOTO_COUNTS: &str = "the area the photo shows, on its plane at its calibration: scalp turning away from the camera is foreshortened, and what the photo does not show is not counted";

/// The client's skin type.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Skin {
    /// Fitzpatrick type 1–6.
    pub fitzpatrick: u8,
    /// "Fitzpatrick II".
    pub label: String,
}

/// The pigment advice for the client's hair and skin, beside the design's shade.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PigmentAdvice {
    /// The recommended first-session shade, 0.2–1.0.
    pub recommended_shade: f64,
    /// Its parts of water per part of carbon.
    pub water_parts: f64,
    /// The design's shade, 0.2–1.0.
    pub design_shade: f64,
    /// Plain-words warnings about the design's shade (empty when it suits).
    pub warnings: Vec<String>,
    /// The same as figures, one for each.
    pub cautions: Vec<ShadeCaution>,
}

/// One zone of the treated area.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ZoneFigures {
    /// `"transition"`, `"full"` or (density-only) `"density-only"`.
    pub zone: &'static str,
    /// What and where it is, in words.
    pub description: String,
    /// The transition zone's figures in its words (the `"transition"` zone only): how far
    /// strays reach in front of the line, mm (the soft style's only).
    pub strays_mm: Option<f64>,
    /// How deep behind the line density builds to full, mm (the transition zone only).
    pub builds_over_mm: Option<f64>,
    /// The share of full density it builds from, 0–1 (the transition zone only).
    pub starts_at: Option<f64>,
    /// Its area, cm².
    pub area_cm2: f64,
    /// Impressions laid in it over the whole plan.
    pub impressions: usize,
    /// Mean impressions per cm² in it.
    pub density_per_cm2: f64,
}

/// The treatment plan of a design: see the module documentation. Every figure is in the
/// unit its name says; counts are impressions.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TreatmentPlan {
    /// The clinic's reference for the client.
    pub client_reference: Option<String>,
    /// Date of the consultation, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The head the design is drawn on.
    pub head: Head,
    /// Skin type, when given.
    pub skin: Option<Skin>,
    /// Hair colour in words, when given.
    pub hair_colour: Option<String>,
    /// Recommended shade for that hair and skin (when both are given and the colour is one
    /// the advice knows: black, dark-brown, brown, red, blond, grey).
    pub pigment_advice: Option<PigmentAdvice>,
    /// `"soft"`, `"sharp"` or `"density-only"`.
    pub style: &'static str,
    /// Height of the mid-frontal point above the glabella (between the brows), mm, on the
    /// template head; `None` for density-only, on a photo, or a line missing the midline.
    pub hairline_height_mm: Option<f64>,
    /// The design's density behind the transition, impressions/cm².
    pub target_density_per_cm2: f64,
    /// The design's needle diameter, mm.
    pub dot_mm: f64,
    /// The treated area by zone.
    pub zones: Vec<ZoneFigures>,
    /// The whole treated area, cm² (the sum of the zones; the status line's figure).
    pub treated_area_cm2: f64,
    /// Impressions over the whole plan (the status line's figure).
    pub total_impressions: usize,
    /// Mean impressions per cm² over the treated area.
    pub density_per_cm2: f64,
    /// The working rate the hours assume, impressions per hour.
    pub impressions_per_hour: ValueRange,
    /// Chair time for all the impressions, hours.
    pub total_hours: ValueRange,
    /// Days between sessions this plan assumes.
    pub session_spacing_days: u32,
    /// Days between sessions allowed.
    pub session_spacing_range_days: ValueRange,
    /// The sessions, in order.
    pub sessions: Vec<SessionPlan>,
    /// Share of healed pigment lost each year (the appearance model's fading).
    pub fade_per_year: f64,
    /// Fresh, healed, then years 1–6 after the last session.
    pub forecast: Vec<ForecastStage>,
    /// The top-up.
    pub top_up: TopUp,
    /// "This picture is an illustration, not a guarantee of results."
    pub notice: &'static str,
    /// Where the rate, spacing, healing, fading and top-up figures come from.
    pub sources: Vec<&'static str>,
}

impl TreatmentPlan {
    /// The plan of `design` on the template head (its dots laid as a [`Scene`] lays them).
    /// Fails, naming the field, on a bad design or context.
    pub fn for_design(
        design: &Design,
        context: &PlanContext,
    ) -> Result<TreatmentPlan, DesignError> {
        let context = context.clone().validated()?;
        TreatmentPlan::new(&Scene::new(design.clone())?, &context)
    }

    /// The plan of what `scene` shows (its dots, and its photo when one is loaded). Fails,
    /// naming the field, on a bad context.
    pub fn new(scene: &Scene, context: &PlanContext) -> Result<TreatmentPlan, DesignError> {
        let context = context.clone().validated()?;
        let design = scene.design();
        let dots = scene.dots();
        let stats = scene.stats();
        let head = head_of(scene);
        let on_template = head.kind == "template";
        let sessions = session_plans(design, dots);
        let (forecast, fade_per_year) = forecast(scene);
        let last_day = sessions.last().map_or(0, |s| s.day);
        let total = dots.len();
        Ok(TreatmentPlan {
            skin: context.fitzpatrick.map(|f| Skin {
                fitzpatrick: f,
                label: format!("Fitzpatrick {}", fitzpatrick_roman(f)),
            }),
            pigment_advice: pigment_advice(&context, design.shade),
            client_reference: context.client_reference,
            date: context.date,
            hair_colour: context.hair_colour.map(hair_colour_in_words),
            head,
            style: design.style.name(),
            hairline_height_mm: (on_template && design.style != Style::DensityOnly)
                .then(|| measure(&design.hairline).height_mm)
                .flatten()
                .map(|h| round_to(h, 1)),
            target_density_per_cm2: design.density_per_cm2,
            dot_mm: design.dot_mm,
            zones: zones(scene),
            treated_area_cm2: round_to(stats.area_cm2, 2),
            total_impressions: total,
            density_per_cm2: round_to(stats.density_per_cm2, 1),
            impressions_per_hour: ValueRange {
                low: IMPRESSIONS_PER_HOUR.0,
                high: IMPRESSIONS_PER_HOUR.1,
            },
            total_hours: hours_for(total),
            session_spacing_days: SESSION_SPACING_DAYS,
            session_spacing_range_days: ValueRange {
                low: SESSION_SPACING_RANGE_DAYS.0 as f64,
                high: SESSION_SPACING_RANGE_DAYS.1 as f64,
            },
            sessions,
            fade_per_year,
            forecast,
            top_up: top_up(design, last_day),
            notice: NOTICE,
            sources: SOURCES.to_vec(),
        })
    }

    /// The plan as Markdown: headed sections, a table of sessions, the forecast, the notice.
    pub fn to_markdown(&self) -> String {
        markdown::render(self)
    }
}

/// Where the plan's assumptions come from (details in docs/domain.md).
const SOURCES: [&str; 7] = [
    "Rate: about 14,000 impressions in a 2–4 h session, so 3,500–7,000 an hour [practitioner: jonathangerow.com] (docs/domain.md §6)",
    "Sessions: 2–3, a 4th for scars or alopecia [practitioner: smphaircreations.com; scalpguru.com] (§8)",
    "Spacing: 10–30 days between sessions, at least 7 [practitioner: smphaircreations.com; skalptec.com]; 14 days is the project's default (§6)",
    "Healing: the final look about a month after a session [practitioner: scalpclinic.com]; up to half of a first session's pigment is lost while healing (practitioner lore) (§6, §8)",
    "Fading: gradual over 4–6 years [practitioner: ultrascalp-ink.co.uk; skalptec.com]; modelled as 12 % of the pigment a year (appearance model, docs/domain.md)",
    "Top-ups: quoted every 3–4 years [practitioner: toplinesmp.com] to 4–6 years [practitioner: ultrascalp-ink.co.uk]; the 2–6 year window is docs/domain.md's summary (§6, §8)",
    "Dilution: carbon black in distilled water, 6:1 to 20:1 [practitioner: courses.tabauk.com], the lightest about 30:1 (not verified); about 6 / shade parts of water, as the pigment advice (§7)",
];

fn round_to(x: f64, decimals: i32) -> f64 {
    let k = 10f64.powi(decimals);
    (x * k).round() / k
}

fn ratio(part: f64, whole: f64) -> f64 {
    if whole > 0.0 {
        part / whole
    } else {
        0.0
    }
}

/// Chair time for `impressions` at the plan's rate, hours.
fn hours_for(impressions: usize) -> ValueRange {
    let n = impressions as f64;
    ValueRange {
        low: round_to(n / IMPRESSIONS_PER_HOUR.1, 2),
        high: round_to(n / IMPRESSIONS_PER_HOUR.0, 2),
    }
}

fn head_of(scene: &Scene) -> Head {
    match scene.photo().frame() {
        Some(frame) if scene.photo().is_generated_head() => {
            // The long-haired head is a woman's, from the front, of the design's Ludwig grade.
            let head = scene.design().head;
            let grade = match head.preset {
                crate::engine::head::Preset::Ludwig(_) => format!("{}, ", head.preset.title()),
                _ => String::new(),
            };
            Head {
                kind: "thinning-hair",
                description: format!(
                    "template head with long thinning hair: {grade}woman, front view (a generated picture at {:.2} px/mm)",
                    frame.px_per_mm
                ),
                px_per_mm: Some(frame.px_per_mm),
                photo_px: None,
                preset: Some(head.preset.name()),
                view: Some(crate::engine::head::HeadView::Front.name()),
                sex: Some(crate::engine::head::Sex::Female.name()),
                area_counted: FRONT_VIEW_COUNTS,
            }
        }
        Some(frame) => Head {
            kind: "photo",
            description: format!(
                "the client's photo, {} × {} px at {:.2} px/mm",
                frame.width_px, frame.height_px, frame.px_per_mm
            ),
            px_per_mm: Some(frame.px_per_mm),
            photo_px: Some([frame.width_px, frame.height_px]),
            preset: None,
            view: None,
            sex: None,
            area_counted: PHOTO_COUNTS,
        },
        None => {
            let head = scene.design().head;
            let title = match head.preset {
                // A title, but not a name: in the middle of a sentence.
                crate::engine::head::Preset::Bald => "shaved or bald".to_string(),
                preset => preset.title(),
            };
            let sex = match head.sex {
                crate::engine::head::Sex::Male => "man",
                crate::engine::head::Sex::Female => "woman",
            };
            let view = match head.view {
                crate::engine::head::HeadView::Front => "front view",
                crate::engine::head::HeadView::Top => "seen from above",
            };
            Head {
                kind: "template",
                description: format!(
                    "template head: {title}, {sex}, {view} ({:.0} × {:.0} mm)",
                    template::FRAME_WIDTH_MM,
                    template::FRAME_HEIGHT_MM
                ),
                px_per_mm: None,
                photo_px: None,
                preset: Some(head.preset.name()),
                view: Some(head.view.name()),
                sex: Some(head.sex.name()),
                area_counted: match head.view {
                    crate::engine::head::HeadView::Front => FRONT_VIEW_COUNTS,
                    crate::engine::head::HeadView::Top => TOP_VIEW_COUNTS,
                },
            }
        }
    }
}

/// A hair colour as the client reads it: a colour's name from the page's picker
/// (`dark-brown`) in words (`dark brown`); anything else as it was written.
fn hair_colour_in_words(text: String) -> String {
    match HairColour::from_name(&text.to_lowercase().replace(' ', "-")) {
        Some(colour) => colour.name().replace('-', " "),
        None => text,
    }
}

fn pigment_advice(context: &PlanContext, design_shade: f64) -> Option<PigmentAdvice> {
    let skin = context.fitzpatrick?;
    let name = context
        .hair_colour
        .as_deref()?
        .to_lowercase()
        .replace(' ', "-");
    let hair = HairColour::from_name(&name)?;
    let advice = advise(hair, skin, design_shade);
    Some(PigmentAdvice {
        recommended_shade: advice.shade,
        water_parts: round_to(advice.water_parts, 1),
        design_shade,
        warnings: advice.warnings,
        cautions: advice.cautions,
    })
}

/// The treated area by zone, from the scene's own field and dots.
fn zones(scene: &Scene) -> Vec<ZoneFigures> {
    let field = scene.field();
    let design = scene.design();
    let (transition_cm2, full_cm2) = field.zone_areas_cm2();
    let in_transition = scene
        .dots()
        .iter()
        .filter(|d| field.zone_at(d.position) == Some(Zone::Transition))
        .count();
    let figures = |zone, description: String, area_cm2: f64, impressions: usize| ZoneFigures {
        zone,
        description,
        strays_mm: None,
        builds_over_mm: None,
        starts_at: None,
        area_cm2: round_to(area_cm2, 2),
        impressions,
        density_per_cm2: round_to(ratio(impressions as f64, area_cm2), 1),
    };
    let total = scene.dots().len();
    let (strays_mm, builds_over_mm, starts_at) = match design.style {
        Style::Soft => (Some(SCATTER_MM), design.transition_mm, SOFT_EDGE_FRACTION),
        _ => (None, SHARP_RAMP_MM, SHARP_EDGE_FRACTION),
    };
    let transition = match design.style {
        Style::DensityOnly => {
            return vec![figures(
                "density-only",
                "the thinning area, at full density with a feathered border".into(),
                transition_cm2 + full_cm2,
                total,
            )]
        }
        Style::Soft => format!(
            "hairline transition: from strays up to {SCATTER_MM:.0} mm in front of the line to {:.0} mm behind it, density building from {:.0} % to full",
            design.transition_mm,
            SOFT_EDGE_FRACTION * 100.0
        ),
        Style::Sharp => format!(
            "hairline edge: the {SHARP_RAMP_MM:.0} mm behind the line, density building from {:.0} % to full",
            SHARP_EDGE_FRACTION * 100.0
        ),
    };
    vec![
        ZoneFigures {
            strays_mm,
            builds_over_mm: Some(builds_over_mm),
            starts_at: Some(starts_at),
            ..figures("transition", transition, transition_cm2, in_transition)
        },
        figures(
            "full",
            "full density behind the hairline".into(),
            full_cm2,
            total - in_transition,
        ),
    ]
}
