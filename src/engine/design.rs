//! The design file: what a client and technician chose, in millimetres, and its validation.
//!
//! A design is the whole input of the engine: the same design gives the same dots on every
//! device. It is read from JSON (the design file, or a plain object from the page) through
//! [`Design::from_json`], which checks every field and names the first bad one with its
//! allowed range; nothing downstream has to re-check. Coordinates are mm with y pointing
//! down; on the template head the origin is the top-left of the template frame.
//!
//! | field | unit | allowed | default | source |
//! |---|---|---|---|---|
//! | `version` | – | 1 | – | this file |
//! | `seed` | – | integer 0 ..= 2^53−1 | – | any; same seed, same dots |
//! | `scalp` | mm | closed polygon, 3–2000 points, 1–2000 cm², not self-crossing | template | – |
//! | `hairline` | mm | open polyline, 2–2000 points, ≥ 20 mm, not self-crossing | template | – |
//! | `style` | – | `soft`, `sharp`, `density-only` | `soft` | docs/domain.md |
//! | `density_per_cm2` | impressions/cm² | 10 – 200 | 90 | ≈ 1 mm spacing; 45–50k over a 500 cm² scalp (docs/domain.md) |
//! | `dot_mm` | mm | 0.15 – 1.0 (warning above 0.35) | 0.25 | needle diameter: an 0803 grouping is three 0.25 mm needles (docs/domain.md) |
//! | `transition_mm` | mm | 3 – 20 | 10 | soft zone 0.5–1.5 cm (docs/domain.md) |
//! | `shade` | 0–1 | 0.2 – 1.0 (optional) | 0.75 | carbon black diluted ~30:1 (0.2) to ~6:1 (1.0) |
//! | `px_per_mm` | px/mm | 0.5 – 200 (optional, with `photo`) | – | the user's two-point calibration |
//! | `photo` | px | `{ width_px, height_px }`, 1 – 100000 each (optional, with `px_per_mm`) | – | the photo's size; design mm are then from its top-left |
//! | `sessions` | – | whole number 1 – 4 (optional) | 3 | 2–3 sessions, 4 for scars and alopecia (docs/domain.md) |
//! | `top_up_years` | years | 1 – 10 (optional; absent: no top-up planned) | – | top-ups every 2–6 years (docs/domain.md) |
//! | `marks` | mm, degrees | up to 20 of `{ kind: "strip", x, y, length_mm 5–300, width_mm 0.5–10, angle_deg }`, `{ kind: "fue" \| "patch", x, y, rx_mm 2–120, ry_mm 2–120, angle_deg }` (optional) | none | [`crate::engine::marks`] |
//! | `head` | – | `{ preset, sex, skin, hair }`, each optional: a preset name (`hairline presets`), `male`/`female`, Fitzpatrick 1–6, a hair colour (optional) | bald, male, 2, dark-brown | [`crate::engine::head`] |
//!
//! Files written before sessions existed (no `sessions` field) load as a 3-session plan
//! with no top-up: their dots are the same, and they render with the appearance model.
//! Files without `head` (all written before presets) are on the bald template head, and
//! load, place and render exactly as before; `head` is written only when it is not that.

use glam::DVec2;
use serde_json::{json, Map, Value};

use crate::engine::error::DesignError;
use crate::engine::geometry::{first_self_crossing, polygon_area};

pub(crate) mod quote;
pub use quote::{excerpt, shown};
use quote::{got, kind};

/// The design file version this engine writes and reads.
pub const DESIGN_VERSION: u64 = 1;
/// Allowed target density, impressions/cm².
pub const DENSITY_RANGE: (f64, f64) = (10.0, 200.0);
/// Allowed dot diameter, mm.
pub const DOT_RANGE: (f64, f64) = (0.15, 1.0);
/// Dot diameters above this are accepted with a warning, mm.
pub const DOT_WARNING_MM: f64 = 0.35;
/// Allowed soft transition width, mm.
pub const TRANSITION_RANGE: (f64, f64) = (3.0, 20.0);
/// Allowed pigment shade (darkness as a fraction of undiluted carbon black).
pub const SHADE_RANGE: (f64, f64) = (0.2, 1.0);
/// Coordinates beyond ±this many mm are rejected as nonsense (a head is ~ 200 mm wide).
pub const COORDINATE_LIMIT_MM: f64 = 2000.0;
/// Largest seed: the largest integer a JavaScript number holds exactly.
pub const MAX_SEED: u64 = (1 << 53) - 1;
/// Most points in the scalp polygon or the hairline.
pub const MAX_POINTS: usize = 2000;

/// Default target density, impressions/cm²: hexagonal spacing of about 1.1 mm, the
/// "about 1 mm apart" of a shaved scalp, and ~45k impressions over a 500 cm² scalp.
pub const DEFAULT_DENSITY_PER_CM2: f64 = 90.0;
/// Default dot diameter, mm (0803 needle).
pub const DEFAULT_DOT_MM: f64 = 0.25;
/// Default soft transition width, mm.
pub const DEFAULT_TRANSITION_MM: f64 = 10.0;
/// Default shade.
pub const DEFAULT_SHADE: f64 = 0.75;
/// Allowed number of sessions.
pub const SESSIONS_RANGE: (u8, u8) = (1, 4);
/// Default number of sessions (a full head is usually done in three).
pub const DEFAULT_SESSIONS: u8 = 3;
/// Allowed top-up time after healing, years.
pub const TOP_UP_RANGE: (f64, f64) = (1.0, 10.0);

/// Advice about an accepted design: not an error, something a technician would point out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// Stable identifier, e.g. `large-dots`.
    pub code: &'static str,
    /// The design field it concerns.
    pub field: &'static str,
    /// One sentence in the page's words.
    pub message: String,
}

impl Warning {
    /// As JSON `{ code, field, message }`, the shape the page and the CLI show.
    pub fn to_json(&self) -> Value {
        json!({ "code": self.code, "field": self.field, "message": self.message })
    }
}

/// How the hairline is finished.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Style {
    /// Natural, feathered, "broken": a transition zone, scatter in front, irregular edge.
    Soft,
    /// Defined, crisp: full density within 2 mm of the line, nothing in front of it.
    Sharp,
    /// No hairline: fill the thinning region to reduce scalp–hair contrast.
    DensityOnly,
}

impl Style {
    /// The name used in design files.
    pub fn name(self) -> &'static str {
        match self {
            Style::Soft => "soft",
            Style::Sharp => "sharp",
            Style::DensityOnly => "density-only",
        }
    }

    /// Parses a design file's style name.
    pub fn from_name(name: &str) -> Option<Style> {
        match name {
            "soft" => Some(Style::Soft),
            "sharp" => Some(Style::Sharp),
            "density-only" => Some(Style::DensityOnly),
            _ => None,
        }
    }
}

/// A validated design. Construct it with [`Design::from_json`] or [`Design::validated`].
#[derive(Clone, Debug, PartialEq)]
pub struct Design {
    /// Seed of every random choice.
    pub seed: u64,
    /// Closed polygon that may receive pigment, mm.
    pub scalp: Vec<DVec2>,
    /// Open polyline from one temple to the other, mm; pigment goes on the scalp side.
    pub hairline: Vec<DVec2>,
    /// Hairline style.
    pub style: Style,
    /// Target density behind the transition zone, impressions/cm².
    pub density_per_cm2: f64,
    /// Full dot diameter, mm.
    pub dot_mm: f64,
    /// Width of the soft transition zone, mm.
    pub transition_mm: f64,
    /// Pigment darkness, 0.2 (light grey) – 1.0 (near black).
    pub shade: f64,
    /// Number of sessions the plan has, 1–4.
    pub sessions: u8,
    /// Years after healing when a top-up restores the look, if one is planned (1–10).
    pub top_up_years: Option<f64>,
    /// The template head the design is made on: hair-loss preset, sex, skin, hair colour.
    pub head: crate::engine::head::TemplateHead,
    /// Scars and marks on the scalp (strip, FUE area, patch), treated at full density.
    pub marks: crate::engine::marks::Marks,
}

impl Design {
    /// Parses and validates a design file's text.
    pub fn from_json_str(text: &str) -> Result<Design, DesignError> {
        let value: Value = serde_json::from_str(text)
            .map_err(|e| DesignError::new("", format!("not valid JSON ({e})")))?;
        Design::from_json(&value)
    }

    /// Validates a design given as a JSON value (a parsed file, or a page's plain object).
    pub fn from_json(value: &Value) -> Result<Design, DesignError> {
        let obj = value
            .as_object()
            .ok_or_else(|| DesignError::new("", "a design must be an object with version, seed, scalp, hairline, style, density_per_cm2, dot_mm and transition_mm"))?;
        match obj.get("version") {
            None => {
                return Err(DesignError::new(
                    "version",
                    "missing; this designer reads version 1",
                ))
            }
            Some(v) if whole(v) == Some(DESIGN_VERSION) => {}
            Some(v) => {
                return Err(DesignError::new(
                    "version",
                    format!("is {}; this designer reads version 1", got(v)),
                ))
            }
        }
        let seed = match required(obj, "seed")? {
            Value::Number(n) => whole(&Value::Number(n.clone()))
                .filter(|&s| s <= MAX_SEED)
                .ok_or_else(|| {
                    DesignError::new(
                        "seed",
                        format!("must be a whole number from 0 to {MAX_SEED}, got {n}"),
                    )
                })?,
            other => {
                return Err(DesignError::new(
                    "seed",
                    format!(
                        "must be a whole number from 0 to {MAX_SEED}, got {}",
                        kind(other)
                    ),
                ))
            }
        };
        let style_value = required(obj, "style")?;
        let style = style_value
            .as_str()
            .and_then(Style::from_name)
            .ok_or_else(|| {
                DesignError::new(
                    "style",
                    format!(
                        "must be \"soft\", \"sharp\" or \"density-only\", got {}",
                        excerpt(style_value)
                    ),
                )
            })?;
        let design = Design {
            seed,
            scalp: points(obj, "scalp")?,
            hairline: points(obj, "hairline")?,
            style,
            density_per_cm2: number(obj, "density_per_cm2", DENSITY_RANGE, "impressions/cm²")?,
            dot_mm: number(obj, "dot_mm", DOT_RANGE, "mm")?,
            transition_mm: number(obj, "transition_mm", TRANSITION_RANGE, "mm")?,
            shade: match obj.get("shade") {
                None => DEFAULT_SHADE,
                Some(_) => number(
                    obj,
                    "shade",
                    SHADE_RANGE,
                    "(fraction of undiluted carbon black)",
                )?,
            },
            sessions: match obj.get("sessions") {
                None => DEFAULT_SESSIONS,
                Some(v) => whole(v)
                    .filter(|n| (SESSIONS_RANGE.0 as u64..=SESSIONS_RANGE.1 as u64).contains(n))
                    .map(|n| n as u8)
                    .ok_or_else(|| {
                        DesignError::new(
                            "sessions",
                            format!(
                                "must be a whole number from {} to {}, got {}",
                                SESSIONS_RANGE.0,
                                SESSIONS_RANGE.1,
                                got(v)
                            ),
                        )
                    })?,
            },
            top_up_years: match obj.get("top_up_years") {
                None | Some(Value::Null) => None,
                Some(_) => Some(number(obj, "top_up_years", TOP_UP_RANGE, "years")?),
            },
            head: match obj.get("head") {
                None | Some(Value::Null) => crate::engine::head::TemplateHead::default(),
                Some(v) => crate::engine::head::TemplateHead::from_json(v)?,
            },
            marks: match obj.get("marks") {
                None | Some(Value::Null) => crate::engine::marks::Marks::default(),
                Some(v) => crate::engine::marks::Marks::from_json(v)?,
            },
        };
        // The optional photo frame is checked here too, so a bad one is refused wherever a
        // design is read; it is kept beside the design (see [`PhotoFrame`]).
        PhotoFrame::from_design_json(value)?;
        design.validated()
    }

    /// Checks the geometry rules that a struct built in code could still break.
    pub fn validated(self) -> Result<Design, DesignError> {
        check_points("scalp", &self.scalp, 3)?;
        check_points("hairline", &self.hairline, 2)?;
        if first_self_crossing(&self.scalp, true).is_some() {
            return Err(DesignError::new(
                "scalp",
                "crosses itself; trace it as one loop",
            ));
        }
        let area_cm2 = polygon_area(&self.scalp) / 100.0;
        if !(1.0..=2000.0).contains(&area_cm2) {
            return Err(DesignError::new(
                "scalp",
                format!("encloses {area_cm2:.2} cm²; allowed 1 to 2000 cm²"),
            ));
        }
        let length: f64 = self.hairline.windows(2).map(|w| w[0].distance(w[1])).sum();
        if length < 20.0 {
            return Err(DesignError::new("hairline", format!("is {length:.1} mm long; it must run at least 20 mm, from one temple to the other")));
        }
        if first_self_crossing(&self.hairline, false).is_some() {
            return Err(DesignError::new(
                "hairline",
                "crosses itself; draw it as one stroke from one temple to the other",
            ));
        }
        for (field, value, range) in [
            ("density_per_cm2", self.density_per_cm2, DENSITY_RANGE),
            ("dot_mm", self.dot_mm, DOT_RANGE),
            ("transition_mm", self.transition_mm, TRANSITION_RANGE),
            ("shade", self.shade, SHADE_RANGE),
        ] {
            if !(value.is_finite() && value >= range.0 && value <= range.1) {
                return Err(DesignError::new(
                    field,
                    format!(
                        "must be from {} to {}, got {}",
                        range.0,
                        range.1,
                        shown(value)
                    ),
                ));
            }
        }
        if !(SESSIONS_RANGE.0..=SESSIONS_RANGE.1).contains(&self.sessions) {
            return Err(DesignError::new(
                "sessions",
                format!(
                    "must be a whole number from {} to {}",
                    SESSIONS_RANGE.0, SESSIONS_RANGE.1
                ),
            ));
        }
        if let Some(t) = self.top_up_years {
            if !(t.is_finite() && t >= TOP_UP_RANGE.0 && t <= TOP_UP_RANGE.1) {
                return Err(DesignError::new(
                    "top_up_years",
                    format!(
                        "must be from {} to {} years, got {}",
                        TOP_UP_RANGE.0,
                        TOP_UP_RANGE.1,
                        shown(t)
                    ),
                ));
            }
        }
        if self.seed > MAX_SEED {
            return Err(DesignError::new(
                "seed",
                format!("must be a whole number from 0 to {MAX_SEED}"),
            ));
        }
        Ok(self)
    }

    /// Advice a technician would give about an accepted design (not errors), as values: a
    /// stable `code`, the design `field` concerned and a sentence in the page's words.
    pub fn warnings(&self) -> Vec<Warning> {
        let mut warnings = Vec::new();
        if self.dot_mm > DOT_WARNING_MM {
            warnings.push(Warning {
                code: "large-dots",
                field: "dot_mm",
                message: format!(
                    "Dot size {:.2} mm is larger than SMP needles make (0.18–0.30 mm): large dots read as the \"helmet\" look.",
                    self.dot_mm
                ),
            });
        }
        warnings
    }

    /// The design as a design file (a JSON object), valid input to [`Design::from_json`].
    pub fn to_json(&self) -> Value {
        let pts = |p: &[DVec2]| Value::Array(p.iter().map(|q| json!([q.x, q.y])).collect());
        let mut value = json!({
            "version": DESIGN_VERSION,
            "seed": self.seed,
            "scalp": pts(&self.scalp),
            "hairline": pts(&self.hairline),
            "style": self.style.name(),
            "density_per_cm2": self.density_per_cm2,
            "dot_mm": self.dot_mm,
            "transition_mm": self.transition_mm,
            "shade": self.shade,
            "sessions": self.sessions,
        });
        if let (Some(t), Some(obj)) = (self.top_up_years, value.as_object_mut()) {
            obj.insert("top_up_years".into(), json!(t));
        }
        // The bald template head with no marks is the default: files without `head` or
        // `marks` stay as they were.
        if let Some(obj) = value.as_object_mut() {
            if self.head != crate::engine::head::TemplateHead::default() {
                obj.insert("head".into(), self.head.to_json());
            }
            if !self.marks.is_empty() {
                obj.insert("marks".into(), self.marks.to_json());
            }
        }
        value
    }

    /// The treatment timeline the appearance model needs.
    pub fn plan(&self) -> crate::engine::render::timeline::Plan {
        crate::engine::render::timeline::Plan {
            sessions: self.sessions,
            top_up_years: self.top_up_years,
            shade: self.shade,
        }
    }

    /// Treated scalp area in cm² (the scalp polygon).
    pub fn scalp_area_cm2(&self) -> f64 {
        polygon_area(&self.scalp) / 100.0
    }
}

/// A non-negative whole number, whether JSON wrote it as `1` or `1.0` (JavaScript may).
fn whole(value: &Value) -> Option<u64> {
    value.as_u64().or_else(|| {
        value
            .as_f64()
            .filter(|x| x.is_finite() && *x >= 0.0 && x.fract() == 0.0 && *x <= MAX_SEED as f64)
            .map(|x| x as u64)
    })
}

fn required<'a>(obj: &'a Map<String, Value>, field: &str) -> Result<&'a Value, DesignError> {
    obj.get(field)
        .ok_or_else(|| DesignError::new(field, "missing"))
}

fn number(
    obj: &Map<String, Value>,
    field: &str,
    (lo, hi): (f64, f64),
    unit: &str,
) -> Result<f64, DesignError> {
    let value = required(obj, field)?;
    let allowed = format!("a finite number from {lo} to {hi} {unit}");
    let x = value.as_f64().ok_or_else(|| {
        DesignError::new(field, format!("must be {allowed}, got {}", kind(value)))
    })?;
    if !(x.is_finite() && x >= lo && x <= hi) {
        return Err(DesignError::new(
            field,
            format!("must be {allowed}, got {}", shown(x)),
        ));
    }
    Ok(x)
}

fn points(obj: &Map<String, Value>, field: &str) -> Result<Vec<DVec2>, DesignError> {
    let list = required(obj, field)?
        .as_array()
        .ok_or_else(|| DesignError::new(field, "must be an array of [x_mm, y_mm] points"))?;
    if list.len() > MAX_POINTS {
        return Err(DesignError::new(
            field,
            format!(
                "has {} points; at most {MAX_POINTS} are allowed",
                list.len()
            ),
        ));
    }
    list.iter()
        .enumerate()
        .map(|(i, p)| {
            let pair = p.as_array().filter(|a| a.len() == 2).ok_or_else(|| {
                DesignError::new(format!("{field}[{i}]"), "must be a pair [x_mm, y_mm]")
            })?;
            let coord = |k: usize| {
                pair[k]
                    .as_f64()
                    .filter(|v| v.is_finite() && v.abs() <= COORDINATE_LIMIT_MM)
                    .ok_or_else(|| {
                        DesignError::new(
                            format!("{field}[{i}][{k}]"),
                            format!("must be a finite number of mm within ±{COORDINATE_LIMIT_MM}, got {}", excerpt(&pair[k])),
                        )
                    })
            };
            Ok(DVec2::new(coord(0)?, coord(1)?))
        })
        .collect()
}

fn check_points(field: &str, pts: &[DVec2], min: usize) -> Result<(), DesignError> {
    if pts.len() < min || pts.len() > MAX_POINTS {
        return Err(DesignError::new(
            field,
            format!("has {} points; needs {min} to {MAX_POINTS}", pts.len()),
        ));
    }
    for (i, p) in pts.iter().enumerate() {
        if !(p.is_finite() && p.x.abs() <= COORDINATE_LIMIT_MM && p.y.abs() <= COORDINATE_LIMIT_MM)
        {
            return Err(DesignError::new(
                format!("{field}[{i}]"),
                format!("must be finite mm within ±{COORDINATE_LIMIT_MM}"),
            ));
        }
    }
    Ok(())
}

/// Allowed photo calibration, px per mm (a whole head in a small photo to a macro shot).
pub const PX_PER_MM_RANGE: (f64, f64) = (0.5, 200.0);
/// Largest photo side a design may record, px.
pub const MAX_PHOTO_SIDE_PX: u64 = 100_000;

/// The photo a design is drawn on (optional in a version 1 file): its size in pixels and
/// its calibration. With a photo, design coordinates are mm from the photo's top-left
/// corner and pixel = mm × `px_per_mm`. The photo itself is never stored in the file.
///
/// It lives beside [`Design`] rather than in it so that code building designs field by
/// field (tests, benches) keeps compiling; [`PhotoFrame::from_design_json`] reads it from
/// the same JSON object and [`PhotoFrame::write_into`] writes it back.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PhotoFrame {
    /// Width of the original photo, px.
    pub width_px: u32,
    /// Height of the original photo, px.
    pub height_px: u32,
    /// Calibration: photo pixels per millimetre on the scalp.
    pub px_per_mm: f64,
}

impl PhotoFrame {
    /// Reads `px_per_mm` and `photo` from a design object: `Ok(None)` when both are absent
    /// (a template design), an error naming the field when either is bad or alone.
    pub fn from_design_json(value: &Value) -> Result<Option<PhotoFrame>, DesignError> {
        let Some(obj) = value.as_object() else {
            return Ok(None);
        };
        let (ppm, photo) = (obj.get("px_per_mm"), obj.get("photo"));
        if ppm.is_none() && photo.is_none() {
            return Ok(None);
        }
        let photo = photo.ok_or_else(|| {
            DesignError::new(
                "photo",
                "missing; px_per_mm is the scale of a photo, so give { \"width_px\", \"height_px\" } too",
            )
        })?;
        if ppm.is_none() {
            return Err(DesignError::new(
                "px_per_mm",
                "missing; a design on a photo needs the photo's scale in px per mm",
            ));
        }
        let px_per_mm = number(obj, "px_per_mm", PX_PER_MM_RANGE, "px/mm")?;
        let size = photo.as_object().ok_or_else(|| {
            DesignError::new(
                "photo",
                format!(
                    "must be an object {{ \"width_px\", \"height_px\" }}, got {}",
                    kind(photo)
                ),
            )
        })?;
        let side = |name: &str| -> Result<u32, DesignError> {
            let field = format!("photo.{name}");
            let v = size
                .get(name)
                .ok_or_else(|| DesignError::new(field.clone(), "missing"))?;
            whole(v)
                .filter(|&n| (1..=MAX_PHOTO_SIDE_PX).contains(&n))
                .map(|n| n as u32)
                .ok_or_else(|| {
                    DesignError::new(
                        field,
                        format!("must be a whole number of pixels from 1 to {MAX_PHOTO_SIDE_PX}, got {}", excerpt(v)),
                    )
                })
        };
        let frame = PhotoFrame {
            width_px: side("width_px")?,
            height_px: side("height_px")?,
            px_per_mm,
        };
        let extent = frame.size_mm();
        if extent.x.max(extent.y) > COORDINATE_LIMIT_MM {
            return Err(DesignError::new(
                "px_per_mm",
                format!(
                    "makes the photo {:.0} × {:.0} mm; at most {COORDINATE_LIMIT_MM} mm per side (is the scale in px per mm?)",
                    extent.x, extent.y
                ),
            ));
        }
        Ok(Some(frame))
    }

    /// The photo's size in mm.
    pub fn size_mm(&self) -> DVec2 {
        DVec2::new(self.width_px as f64, self.height_px as f64) / self.px_per_mm
    }

    /// Adds `px_per_mm` and `photo` to a design object (as [`Design::to_json`] gives).
    pub fn write_into(&self, design: &mut Value) {
        if let Some(obj) = design.as_object_mut() {
            obj.insert("px_per_mm".into(), json!(self.px_per_mm));
            obj.insert(
                "photo".into(),
                json!({ "width_px": self.width_px, "height_px": self.height_px }),
            );
        }
    }
}
