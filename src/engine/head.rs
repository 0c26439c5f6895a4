//! The template head a design is made on: a hair-loss preset with its remaining hair, the
//! client's sex, skin type and hair colour, all in the template's millimetres.
//!
//! What: [`TemplateHead`] is part of a design (the optional `head` field). Its [`Preset`]
//! says exactly where native hair remains ([`TemplateHead::hair_cover`]: 1 under full hair,
//! 0 on bald skin, between on thinning hair), so the density field lays impressions only on
//! bald and thinning scalp ([`crate::engine::placement::DensityField`]), and [`paint`]
//! draws the head with that hair buzzed short (each hair a seeded short stroke, the way an
//! SMP client keeps it) on the chosen skin. [`preset_design`] is the sensible starting
//! design a clinic would propose for the preset.
//!
//! The patterns are the front view of the Hamilton–Norwood scale (I–VII: temple recession,
//! then the front and top thinning and going bald, the sides and back kept), the Ludwig
//! scale (I–III: diffuse thinning over the top behind a kept frontal fringe, widest along
//! the parting), alopecia areata (coin-sized bald patches in full hair) and alopecia
//! totalis (no scalp hair). Heights are mm above the glabella, as the guides measure them;
//! sources and the numbers' reasoning are in docs/domain.md ("Hair-loss presets").
//!
//! Two views ([`HeadView`]): from the front ([`template`]) and from above (`top`), where the
//! crown and vertex show. A woman's head (front view) is her own narrower skull, jaw and
//! neck (`template::to_female`, from adult means) with finer brows, lashes and fuller lips
//! (`template::paint_female`), her hair-loss pattern moved onto it, and a lower line.
//!
//! From above, her head is the template's scaled by 0.95 about its centre (`top::to_female`).
//!
//! Limits: hair is drawn buzzed (long hair on
//! thinning heads is the generated thinning-hair photo, `photo::thinning`, a woman's head
//! made with the same Ludwig pattern function as the Ludwig presets).

use glam::DVec2;
use serde_json::{json, Map, Value};

use crate::engine::design::{Design, Style};
use crate::engine::error::DesignError;
use crate::engine::photo::pigment::HairColour;
use crate::engine::photo::thinning;
use crate::engine::template::{self, GLABELLA_Y, MIDLINE_X};

/// A hair-loss pattern to start from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Preset {
    /// A fully shaved or bald scalp: the template as it always was.
    Bald,
    /// Hamilton–Norwood stage I–VII.
    Norwood(u8),
    /// Ludwig grade I–III.
    Ludwig(u8),
    /// Alopecia areata: round bald patches in full hair.
    AlopeciaAreata,
    /// Alopecia totalis: no scalp hair at all.
    AlopeciaTotalis,
}

impl Preset {
    /// Every preset, in the order the picker shows them.
    pub const ALL: [Preset; 13] = [
        Preset::Bald,
        Preset::Norwood(1),
        Preset::Norwood(2),
        Preset::Norwood(3),
        Preset::Norwood(4),
        Preset::Norwood(5),
        Preset::Norwood(6),
        Preset::Norwood(7),
        Preset::Ludwig(1),
        Preset::Ludwig(2),
        Preset::Ludwig(3),
        Preset::AlopeciaAreata,
        Preset::AlopeciaTotalis,
    ];

    /// The name in design files, the CLI and the element's `preset` attribute.
    pub fn name(self) -> String {
        match self {
            Preset::Bald => "bald".into(),
            Preset::Norwood(n) => format!("norwood-{n}"),
            Preset::Ludwig(n) => format!("ludwig-{n}"),
            Preset::AlopeciaAreata => "alopecia-areata".into(),
            Preset::AlopeciaTotalis => "alopecia-totalis".into(),
        }
    }

    /// Parses a name from [`Preset::name`].
    pub fn from_name(name: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.name() == name)
    }

    /// A short title a client understands.
    pub fn title(self) -> String {
        const ROMAN: [&str; 8] = ["", "I", "II", "III", "IV", "V", "VI", "VII"];
        match self {
            Preset::Bald => "Shaved or bald".into(),
            Preset::Norwood(n) => format!("Norwood {}", ROMAN[n as usize]),
            Preset::Ludwig(n) => format!("Ludwig {}", ROMAN[n as usize]),
            Preset::AlopeciaAreata => "Alopecia areata".into(),
            Preset::AlopeciaTotalis => "Alopecia totalis".into(),
        }
    }

    /// What the pattern looks like, in plain words.
    pub fn description(self) -> &'static str {
        match self {
            Preset::Bald => "A shaved head or a scalp with no hair left to keep.",
            Preset::Norwood(1) => "A full, young hairline; hardly any recession.",
            Preset::Norwood(2) => "The temples have started to recede a little.",
            Preset::Norwood(3) => "Deep temple recession: an M-shaped hairline.",
            Preset::Norwood(4) => "The front has gone back and the top is thinning.",
            Preset::Norwood(5) => "Only a thin band of hair left over the top.",
            Preset::Norwood(6) => "Bald on top; hair at the sides and back.",
            Preset::Norwood(7) => "Only a low band of hair around the sides.",
            Preset::Ludwig(1) => "Mild thinning along the parting; the front is kept.",
            Preset::Ludwig(2) => "The parting widens; scalp shows over the top.",
            Preset::Ludwig(3) => "Marked thinning over the whole top.",
            Preset::AlopeciaAreata => "Round bald patches in otherwise full hair.",
            Preset::AlopeciaTotalis => "No scalp hair at all.",
            Preset::Norwood(_) | Preset::Ludwig(_) => "",
        }
    }

    /// The hair-loss pattern as the front view sees it: hairline height at the midline
    /// (mm above the glabella), extra recession at the temples (mm), hair left over the
    /// top (share of full density), and the side fringe (hair beyond this many mm from
    /// the midline, below this y, mm).
    fn pattern(self) -> Pattern {
        let p = |front_mm, temple_mm, top, side_dx, side_y| Pattern {
            front_mm,
            temple_mm,
            top,
            side_dx,
            side_y,
        };
        match self {
            Preset::Bald | Preset::AlopeciaTotalis => p(0.0, 0.0, 0.0, 999.0, 999.0),
            Preset::Norwood(1) => p(62.0, 0.0, 1.0, 56.0, 40.0),
            Preset::Norwood(2) => p(68.0, 12.0, 1.0, 56.0, 40.0),
            Preset::Norwood(3) => p(74.0, 26.0, 1.0, 56.0, 40.0),
            Preset::Norwood(4) => p(88.0, 32.0, 0.7, 57.0, 44.0),
            Preset::Norwood(5) => p(100.0, 34.0, 0.4, 58.0, 50.0),
            Preset::Norwood(6) => p(0.0, 0.0, 0.0, 60.0, 60.0),
            Preset::Norwood(_) => p(0.0, 0.0, 0.0, 66.0, 88.0),
            // Ludwig and areata keep a full frontal hairline; their loss is modulated below.
            Preset::Ludwig(_) => p(60.0, 0.0, 1.0, 56.0, 40.0),
            Preset::AlopeciaAreata => p(64.0, 0.0, 1.0, 56.0, 40.0),
        }
    }
}

/// See [`Preset::pattern`].
struct Pattern {
    front_mm: f64,
    temple_mm: f64,
    top: f64,
    side_dx: f64,
    side_y: f64,
}

/// Alopecia areata's patches on the template: centre (mm) and radius (mm), coin-sized
/// (2–2.5 cm across; docs/domain.md: often 2–3 cm) and all in the hair-bearing scalp.
const AREATA_PATCHES: [(f64, f64, f64); 3] =
    [(82.0, 50.0, 12.5), (139.0, 40.0, 11.0), (114.0, 29.0, 10.0)];

/// Hair loss below this share counts as full hair and gets no impressions, so that the
/// soft edges of a pattern do not spread a haze of dots into full hair (a design choice).
pub const VISIBLE_LOSS: f64 = 0.05;
/// Where the sideburns end on the template (the middle of the ear), mm.
const SIDEBURN_END_Y: f64 = 150.0;
/// Width over which hair gives way to bald skin at a pattern's edges, mm.
const EDGE_MM: f64 = 6.0;

/// Which way the template head is seen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HeadView {
    /// From the front: the face, the hairline, the temples ([`template`]).
    Front,
    /// From above: the mid-scalp, the vertex and the crown whorl ([`top`]).
    Top,
}

impl HeadView {
    /// `front` or `top`.
    pub fn name(self) -> &'static str {
        match self {
            HeadView::Front => "front",
            HeadView::Top => "top",
        }
    }
}

/// The client's sex: it sets the default hairline of a preset's design.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Sex {
    /// Male.
    Male,
    /// Female.
    Female,
}

impl Sex {
    /// `male` or `female`.
    pub fn name(self) -> &'static str {
        match self {
            Sex::Male => "male",
            Sex::Female => "female",
        }
    }
}

/// The template head under a design (the optional `head` field of a design file).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TemplateHead {
    /// The hair-loss pattern.
    pub preset: Preset,
    /// The view the design is made on.
    pub view: HeadView,
    /// The client's sex.
    pub sex: Sex,
    /// Fitzpatrick skin type 1–6.
    pub skin: u8,
    /// Colour of the remaining hair.
    pub hair: HairColour,
}

impl Default for TemplateHead {
    /// The template as it always was: a bald head, Fitzpatrick II skin, dark-brown hair.
    fn default() -> Self {
        TemplateHead {
            preset: Preset::Bald,
            view: HeadView::Front,
            sex: Sex::Male,
            skin: 2,
            hair: HairColour::DarkBrown,
        }
    }
}

/// Skin colours of the template per Fitzpatrick type I–VI, sRGB. Types I and III–VI fall in
/// their type's band of the individual typology angle (ITA°, the bands
/// `photo::pigment::fitzpatrick_from_rgb` reads). Type II is the template's own colour,
/// kept so that designs on it look as they always did; its ITA° is 61.6, just inside type
/// I's band, which is why the page tells the photo pipeline the template's type directly.
pub const SKIN_RGB: [[f32; 3]; 6] = [
    [247.0, 222.0, 205.0],
    [233.0, 197.0, 172.0],
    [202.0, 152.0, 118.0],
    [184.0, 132.0, 98.0],
    [140.0, 96.0, 70.0],
    [88.0, 60.0, 46.0],
];

/// Hair colours of buzzed hair, sRGB, as in [`HairColour::ALL`].
const HAIR_RGB: [[f32; 3]; 6] = [
    [22.0, 20.0, 20.0],
    [48.0, 34.0, 26.0],
    [88.0, 60.0, 40.0],
    [132.0, 62.0, 34.0],
    [190.0, 158.0, 110.0],
    [168.0, 166.0, 162.0],
];

impl TemplateHead {
    /// How much native hair grows at `p` (template mm): 1 full, 0 bald, between thinning.
    /// Outside the hair-bearing scalp (the face) it is 0.
    pub fn hair_cover(&self, p: DVec2) -> f64 {
        if self.view == HeadView::Top {
            let p = if self.sex == Sex::Female {
                top::from_female(p)
            } else {
                p
            };
            return top::hair_cover(self.preset, p);
        }
        // A woman's head is the template's moved onto her narrower skull: read the pattern
        // where the point lies on the template.
        let p = if self.sex == Sex::Female {
            template::from_female(p)
        } else {
            p
        };
        let pattern = self.preset.pattern();
        let dx = (p.x - MIDLINE_X).abs();
        let edge = |d: f64| smoothstep((d / EDGE_MM + 0.5).clamp(0.0, 1.0));
        // Over the top: behind the (receded) front line.
        let temple = smoothstep(((dx - 18.0) / 30.0).clamp(0.0, 1.0));
        let front_y = GLABELLA_Y - pattern.front_mm - pattern.temple_mm * temple;
        let mut top = if pattern.front_mm > 0.0 {
            pattern.top * edge(front_y - p.y)
        } else {
            0.0
        };
        match self.preset {
            Preset::Ludwig(grade) => top *= thinning::density_fraction(p, grade as f64),
            Preset::AlopeciaAreata => {
                for (x, y, r) in AREATA_PATCHES {
                    top *= edge(p.distance(DVec2::new(x, y)) - r);
                }
            }
            _ => {}
        }
        // The side fringe, above the ears and down to the sideburns.
        let side =
            edge(dx - pattern.side_dx) * edge(p.y - pattern.side_y) * edge(SIDEBURN_END_Y - p.y);
        top.max(side).clamp(0.0, 1.0) * inside_head(p)
    }

    /// Whether `p` (template mm) lies on this head as drawn: the template's outline, or a
    /// woman's narrower one, from the front or from above.
    pub fn on_head(&self, p: DVec2) -> bool {
        let female = self.sex == Sex::Female;
        match self.view {
            HeadView::Front if female => template::inside_outline(template::from_female(p)),
            HeadView::Front => template::inside_outline(p),
            HeadView::Top if female => top::inside(top::from_female(p)) > 0.0,
            HeadView::Top => top::inside(p) > 0.0,
        }
    }

    /// How much of the native hair is missing at `p`, 0–1, as the density field uses it: a
    /// loss under [`VISIBLE_LOSS`] does not show and gets no impressions.
    pub fn hair_loss(&self, p: DVec2) -> f64 {
        let loss = 1.0 - self.hair_cover(p);
        ((loss - VISIBLE_LOSS) / (1.0 - VISIBLE_LOSS)).clamp(0.0, 1.0)
    }

    /// Whether the head has any hair to draw or to keep dots off.
    pub fn has_hair(&self) -> bool {
        !matches!(self.preset, Preset::Bald | Preset::AlopeciaTotalis)
    }

    /// The head as the optional `head` object of a design file.
    pub fn to_json(&self) -> Value {
        json!({
            "preset": self.preset.name(),
            "view": self.view.name(),
            "sex": self.sex.name(),
            "skin": self.skin,
            "hair": self.hair.name(),
        })
    }

    /// Reads a design file's `head` object; every field optional (defaults as
    /// [`TemplateHead::default`]), each bad one named.
    pub fn from_json(value: &Value) -> Result<TemplateHead, DesignError> {
        let obj: &Map<String, Value> = value
            .as_object()
            .ok_or_else(|| DesignError::new("head", "must be an object such as { \"preset\": \"norwood-3\", \"sex\": \"male\", \"skin\": 3, \"hair\": \"dark-brown\" }"))?;
        let mut head = TemplateHead::default();
        let text = |key: &str| obj.get(key).map(|v| (v.as_str(), v));
        if let Some((name, v)) = text("preset") {
            head.preset = name.and_then(Preset::from_name).ok_or_else(|| {
                DesignError::new(
                    "head.preset",
                    format!(
                        "must be a preset name such as \"norwood-3\" (hairline presets lists them), got {}",
                        crate::engine::design::excerpt(v)
                    ),
                )
            })?;
        }
        if let Some((name, v)) = text("view") {
            head.view = match name {
                Some("front") => HeadView::Front,
                Some("top") => HeadView::Top,
                _ => {
                    return Err(DesignError::new(
                        "head.view",
                        format!(
                            "must be \"front\" or \"top\", got {}",
                            crate::engine::design::excerpt(v)
                        ),
                    ))
                }
            };
        }
        if let Some((name, v)) = text("sex") {
            head.sex = match name {
                Some("male") => Sex::Male,
                Some("female") => Sex::Female,
                _ => {
                    return Err(DesignError::new(
                        "head.sex",
                        format!(
                            "must be \"male\" or \"female\", got {}",
                            crate::engine::design::excerpt(v)
                        ),
                    ))
                }
            };
        }
        if let Some(v) = obj.get("skin") {
            head.skin = v
                .as_f64()
                .filter(|s| s.fract() == 0.0 && (1.0..=6.0).contains(s))
                .map(|s| s as u8)
                .ok_or_else(|| {
                    DesignError::new(
                        "head.skin",
                        format!(
                            "must be a Fitzpatrick type from 1 to 6, got {}",
                            crate::engine::design::excerpt(v)
                        ),
                    )
                })?;
        }
        if let Some((name, v)) = text("hair") {
            head.hair = name.and_then(HairColour::from_name).ok_or_else(|| {
                DesignError::new(
                    "head.hair",
                    format!(
                        "must be black, dark-brown, brown, red, blond or grey, got {}",
                        crate::engine::design::excerpt(v)
                    ),
                )
            })?;
        }
        Ok(head)
    }
}

/// 1 inside the head outline's hair-bearing part (above the ears' lower end), else 0;
/// a cheap ellipse test against the template's skull.
fn inside_head(p: DVec2) -> f64 {
    let d = DVec2::new((p.x - MIDLINE_X) / 78.0, (p.y - 112.0) / 92.0);
    if d.length_squared() <= 1.0 && p.y < 168.0 {
        1.0
    } else {
        0.0
    }
}

fn smoothstep(x: f64) -> f64 {
    x * x * (3.0 - 2.0 * x)
}

/// The starting design a clinic would propose for `head`: the template's line raised 5 mm
/// for advanced loss (within the guides' 7–10 cm) and lowered 8 mm for women (6.7 cm, above
/// her 5 cm; project choices),
/// soft for the Norwood stages and totalis, density-only for diffuse (Ludwig) and patchy
/// (areata) loss, with the sessions practice plans (4 for alopecia). See docs/domain.md.
pub fn preset_design(head: TemplateHead) -> Design {
    let mut design = template::default_design();
    design.head = head;
    let top = head.view == HeadView::Top;
    if top {
        design.scalp = top::default_scalp();
        design.hairline = top::default_hairline();
    }
    // A woman's scalp and line on her own, smaller skull.
    let onto_her_head = |points: Vec<DVec2>| -> Vec<DVec2> {
        match (head.sex, top) {
            (Sex::Male, _) => points,
            (Sex::Female, false) => template::onto_female(points),
            (Sex::Female, true) => {
                template::round_points(points.into_iter().map(top::to_female).collect())
            }
        }
    };
    design.scalp = onto_her_head(design.scalp);
    design.hairline = onto_her_head(design.hairline);
    let lift_mm = match (head.preset, head.sex) {
        (Preset::Norwood(n), _) if n >= 4 => 5.0,
        (_, Sex::Female) => -8.0,
        _ => 0.0,
    };
    if lift_mm != 0.0 {
        // Up the picture on the front view; back (down the picture) on the top view.
        let shift = if top { lift_mm } else { -lift_mm };
        for p in &mut design.hairline {
            *p = DVec2::new(p.x, ((p.y + shift) * 100.0).round() / 100.0);
        }
    }
    // Density-only work stays on the hair-bearing scalp: behind the template's hairline.
    let hair_bearing = || {
        if top {
            onto_her_head(top::hair_bearing())
        } else {
            onto_her_head(thinning::template_region())
        }
    };
    match head.preset {
        Preset::Ludwig(_) => {
            design.style = Style::DensityOnly;
            design.density_per_cm2 = 70.0;
            design.scalp = hair_bearing();
        }
        Preset::AlopeciaAreata => {
            design.style = Style::DensityOnly;
            design.sessions = 4;
            design.scalp = hair_bearing();
        }
        Preset::AlopeciaTotalis => design.sessions = 4,
        _ => {}
    }
    design
}

mod paint;
pub use paint::paint;

mod top;

#[cfg(test)]
mod tests;
