//! Scars and marks on the scalp, as shapes a technician adds, moves and resizes: a strip
//! (FUT) scar, an area of FUE dot scars, and a patch (a burn or a birthmark). They are part
//! of the design, in millimetres.
//!
//! What the engine does with them: scar tissue grows no hair, so a mark is treated at the
//! design's full density wherever it lies on the scalp, even in the middle of remaining
//! hair ([`Marks::treated`]), with a blending margin around a strip; and scar tissue takes
//! pigment less evenly than normal skin, so each impression in a mark keeps only a seeded
//! share of its ink ([`Marks::uptake`]: 55–95 % on a strip or patch, 70–100 % over FUE
//! scars, where the dots fall on scars and on normal skin between them). [`paint`] draws
//! the marks on the template head: pale, slightly pink, hairless. Sources and the reasons
//! of each number: docs/domain.md ("Scars and marks").
//!
//! Limits: the shapes are simple (a straight strip, ellipses); the uptake is a spread of
//! per-impression ink, not a model of scar optics.

use glam::{DVec2, Vec2};
use serde_json::{json, Map, Value};

use crate::engine::design::excerpt;
use crate::engine::error::DesignError;
use crate::engine::random::{hash, unit};
use crate::engine::render::raster::Pixmap;

/// Most marks a design may hold.
pub const MAX_MARKS: usize = 20;
/// Strip scar length, mm (FUT scars are 10–30 cm long; shorter ones are allowed for repairs).
pub const STRIP_LENGTH_RANGE: (f64, f64) = (5.0, 300.0);
/// Strip scar width, mm (1–3 mm typical; up to 10 mm for a stretched scar).
pub const STRIP_WIDTH_RANGE: (f64, f64) = (0.5, 10.0);
/// Radii of an FUE area or a patch, mm.
pub const RADIUS_RANGE: (f64, f64) = (2.0, 120.0);
/// Treated margin either side of a strip scar, mm: the impressions blend the scar into
/// the density around it.
pub const STRIP_MARGIN_MM: f64 = 3.0;
/// FUE punch scars per cm² in a harvested area (about one graft in five taken, of ≈ 100
/// follicular units/cm²).
const FUE_SCARS_PER_CM2: f64 = 20.0;
/// Diameter of an FUE punch scar, mm (punches of 0.7–1.0 mm).
const FUE_SCAR_MM: f64 = 0.85;

/// What kind of mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkKind {
    /// A linear FUT (strip) scar.
    Strip,
    /// An area of FUE punch scars.
    Fue,
    /// A burn, birthmark or other patch.
    Patch,
}

impl MarkKind {
    /// `strip`, `fue` or `patch`.
    pub fn name(self) -> &'static str {
        match self {
            MarkKind::Strip => "strip",
            MarkKind::Fue => "fue",
            MarkKind::Patch => "patch",
        }
    }
}

/// One mark: a centre, a size and a turn, mm and degrees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mark {
    /// The kind.
    pub kind: MarkKind,
    /// Centre, mm.
    pub centre: DVec2,
    /// Strip: length and width; FUE area and patch: the two radii. mm.
    pub size: DVec2,
    /// Turn of the long axis from horizontal, degrees (clockwise on screen).
    pub angle_deg: f64,
}

impl Mark {
    /// How far inside the mark's treated shape `p` lies, as a 0–1 weight with a soft edge
    /// of about 1 mm (1 well inside, 0 outside).
    fn weight(&self, p: DVec2) -> f64 {
        let local = DVec2::from_angle(-self.angle_deg.to_radians()).rotate(p - self.centre);
        let edge = |inside_mm: f64| ((inside_mm + 0.5) / 1.0).clamp(0.0, 1.0);
        match self.kind {
            MarkKind::Strip => {
                let half_len = self.size.x * 0.5;
                let along = (local.x.abs() - half_len).max(0.0);
                let d = DVec2::new(along, local.y).length();
                edge(self.size.y * 0.5 + STRIP_MARGIN_MM - d)
            }
            MarkKind::Fue | MarkKind::Patch => {
                let q = local / self.size;
                let r = q.length();
                // Distance to the ellipse's edge, approximately, in mm.
                edge((1.0 - r) * self.size.min_element())
            }
        }
    }

    /// Points around the scar tissue's edge, mm: 48 around an ellipse, and a strip's two
    /// long sides and ends every few millimetres.
    pub(crate) fn outline(&self) -> Vec<DVec2> {
        let turn = DVec2::from_angle(self.angle_deg.to_radians());
        let local: Vec<DVec2> = match self.kind {
            MarkKind::Strip => {
                let (half_len, half_w) = (self.size.x * 0.5, self.size.y * 0.5);
                let steps = (self.size.x / 3.0).ceil().max(2.0) as usize;
                (0..=steps)
                    .flat_map(|i| {
                        let x = -half_len + self.size.x * i as f64 / steps as f64;
                        [DVec2::new(x, -half_w), DVec2::new(x, half_w)]
                    })
                    .collect()
            }
            MarkKind::Fue | MarkKind::Patch => (0..48)
                .map(|i| {
                    let a = std::f64::consts::TAU * f64::from(i) / 48.0;
                    DVec2::new(a.cos(), a.sin()) * self.size
                })
                .collect(),
        };
        local
            .into_iter()
            .map(|q| self.centre + turn.rotate(q))
            .collect()
    }

    /// Whether `p` is on the scar tissue itself (a strip's core, a patch, an FUE punch scar).
    fn on_scar(&self, p: DVec2, seed: u64) -> bool {
        let local = DVec2::from_angle(-self.angle_deg.to_radians()).rotate(p - self.centre);
        match self.kind {
            MarkKind::Strip => {
                local.x.abs() <= self.size.x * 0.5 && local.y.abs() <= self.size.y * 0.5
            }
            MarkKind::Patch => (local / self.size).length() <= 1.0,
            MarkKind::Fue => {
                if (local / self.size).length() > 1.0 {
                    return false;
                }
                fue_scars_near(self, seed, p).any(|c| c.distance(p) <= FUE_SCAR_MM * 0.5)
            }
        }
    }

    /// The mark as a design file object.
    pub fn to_json(&self) -> Value {
        let mut obj = json!({ "kind": self.kind.name(), "x": self.centre.x, "y": self.centre.y });
        let map = obj.as_object_mut().expect("a json! object");
        match self.kind {
            MarkKind::Strip => {
                map.insert("length_mm".into(), json!(self.size.x));
                map.insert("width_mm".into(), json!(self.size.y));
            }
            MarkKind::Fue | MarkKind::Patch => {
                map.insert("rx_mm".into(), json!(self.size.x));
                map.insert("ry_mm".into(), json!(self.size.y));
            }
        }
        map.insert("angle_deg".into(), json!(self.angle_deg));
        obj
    }

    /// Reads one mark of a design file (`marks[index]`), naming the bad field.
    pub fn from_json(value: &Value, index: usize) -> Result<Mark, DesignError> {
        let field = |name: &str| format!("marks[{index}].{name}");
        let obj: &Map<String, Value> = value.as_object().ok_or_else(|| {
            DesignError::new(
                format!("marks[{index}]"),
                "must be an object such as { \"kind\": \"strip\", \"x\": 110, \"y\": 60, \"length_mm\": 150, \"width_mm\": 2 }",
            )
        })?;
        let kind = match obj.get("kind").and_then(Value::as_str) {
            Some("strip") => MarkKind::Strip,
            Some("fue") => MarkKind::Fue,
            Some("patch") => MarkKind::Patch,
            _ => {
                return Err(DesignError::new(
                    field("kind"),
                    format!(
                        "must be \"strip\", \"fue\" or \"patch\", got {}",
                        obj.get("kind").map_or("nothing".into(), excerpt)
                    ),
                ))
            }
        };
        let number = |name: &str, (lo, hi): (f64, f64)| -> Result<f64, DesignError> {
            let v = obj.get(name);
            v.and_then(Value::as_f64)
                .filter(|x| x.is_finite() && (lo..=hi).contains(x))
                .ok_or_else(|| {
                    DesignError::new(
                        field(name),
                        format!(
                            "must be a number from {lo} to {hi} mm, got {}",
                            v.map_or("nothing".into(), excerpt)
                        ),
                    )
                })
        };
        let limit = crate::engine::design::COORDINATE_LIMIT_MM;
        let centre = DVec2::new(number("x", (-limit, limit))?, number("y", (-limit, limit))?);
        let size = match kind {
            MarkKind::Strip => DVec2::new(
                number("length_mm", STRIP_LENGTH_RANGE)?,
                number("width_mm", STRIP_WIDTH_RANGE)?,
            ),
            MarkKind::Fue | MarkKind::Patch => DVec2::new(
                number("rx_mm", RADIUS_RANGE)?,
                number("ry_mm", RADIUS_RANGE)?,
            ),
        };
        let angle_deg = match obj.get("angle_deg") {
            None => 0.0,
            Some(_) => number("angle_deg", (-360.0, 360.0))?,
        };
        Ok(Mark {
            kind,
            centre,
            size,
            angle_deg,
        })
    }
}

impl MarkKind {
    /// A new mark of this kind where a technician would start from on the template head:
    /// a 12 cm strip across the top (FUT scars run 10–30 cm), an FUE area 4 × 2.4 cm, a
    /// 2 × 1.4 cm patch.
    pub fn default_mark(self) -> Mark {
        let (centre, size) = match self {
            MarkKind::Strip => (DVec2::new(110.0, 45.0), DVec2::new(120.0, 2.0)),
            MarkKind::Fue => (DVec2::new(110.0, 60.0), DVec2::new(20.0, 12.0)),
            MarkKind::Patch => (DVec2::new(85.0, 55.0), DVec2::new(10.0, 7.0)),
        };
        Mark {
            kind: self,
            centre,
            size,
            angle_deg: 0.0,
        }
    }
}

/// The marks' limits and a new mark of each kind, for the page (one source of them).
pub fn limits_json() -> Value {
    let range = |(lo, hi): (f64, f64)| json!({ "min": lo, "max": hi });
    json!({
        "max": MAX_MARKS,
        "length_mm": range(STRIP_LENGTH_RANGE),
        "width_mm": range(STRIP_WIDTH_RANGE),
        "radius_mm": range(RADIUS_RANGE),
        "defaults": {
            "strip": MarkKind::Strip.default_mark().to_json(),
            "fue": MarkKind::Fue.default_mark().to_json(),
            "patch": MarkKind::Patch.default_mark().to_json(),
        },
    })
}

/// The marks of a design.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Marks(pub Vec<Mark>);

impl Marks {
    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many marks have part of their scar tissue's edge where `treatable` says no
    /// impression can go (off the design's scalp): those are treated on the scalp only.
    pub fn partly_outside(&self, treatable: impl Fn(DVec2) -> bool) -> usize {
        self.0
            .iter()
            .filter(|m| m.outline().into_iter().any(|p| !treatable(p)))
            .count()
    }

    /// How much `p` is inside some mark's treated shape, 0–1.
    pub fn treated(&self, p: DVec2) -> f64 {
        self.0.iter().map(|m| m.weight(p)).fold(0.0, f64::max)
    }

    /// Share of an impression's ink that scar tissue at `p` keeps (1 off scars): seeded by
    /// `seed` and the position, so the same design gives the same spread everywhere.
    pub fn uptake(&self, p: DVec2, seed: u64) -> f64 {
        let Some(mark) = self.0.iter().find(|m| m.weight(p) > 0.5) else {
            return 1.0;
        };
        let (lo, hi) = match mark.kind {
            MarkKind::Strip | MarkKind::Patch => (0.55, 0.95),
            MarkKind::Fue => (0.7, 1.0),
        };
        let key = hash(&[
            seed,
            0x5ca7,
            (p.x * 1000.0).round() as i64 as u64,
            (p.y * 1000.0).round() as i64 as u64,
        ]);
        lo + (hi - lo) * unit(key)
    }

    /// Whether `p` lies on scar tissue (no hair grows there).
    pub fn on_scar(&self, p: DVec2, seed: u64) -> bool {
        self.0.iter().any(|m| m.on_scar(p, seed))
    }

    /// The `marks` array of a design file.
    pub fn to_json(&self) -> Value {
        Value::Array(self.0.iter().map(Mark::to_json).collect())
    }

    /// Reads a design file's `marks` array.
    pub fn from_json(value: &Value) -> Result<Marks, DesignError> {
        let list = value.as_array().ok_or_else(|| {
            DesignError::new("marks", "must be a list of marks (strip, fue or patch)")
        })?;
        if list.len() > MAX_MARKS {
            return Err(DesignError::new(
                "marks",
                format!("at most {MAX_MARKS} marks, got {}", list.len()),
            ));
        }
        list.iter()
            .enumerate()
            .map(|(i, v)| Mark::from_json(v, i))
            .collect::<Result<Vec<_>, _>>()
            .map(Marks)
    }
}

/// The FUE punch scars of `mark` in the cells around `p` (seeded jittered grid).
fn fue_scars_near(mark: &Mark, seed: u64, p: DVec2) -> impl Iterator<Item = DVec2> + '_ {
    let cell = (100.0 / FUE_SCARS_PER_CM2).sqrt();
    let c = (p / cell).floor();
    let key = hash(&[
        seed,
        0xf0e,
        mark.centre.x.to_bits(),
        mark.centre.y.to_bits(),
    ]);
    (-1..=1).flat_map(move |j| {
        (-1..=1).map(move |i| {
            let (cx, cy) = (c.x as i64 + i, c.y as i64 + j);
            let k = hash(&[key, cx as u64, cy as u64]);
            DVec2::new(
                (cx as f64 + unit(k)) * cell,
                (cy as f64 + unit(k.rotate_left(29))) * cell,
            )
        })
    })
}

/// Scar tissue's colour over the skin: paler and a little pink, sRGB.
const SCAR_RGB: [f32; 3] = [240.0, 214.0, 206.0];

/// Paints `marks` on the head in `pixmap`: scar tissue pale and slightly pink over the
/// skin. `to_px` maps mm to pixels, `scale` is px per mm; `seed` places FUE scars.
pub fn paint(
    pixmap: &mut Pixmap,
    to_px: &dyn Fn(DVec2) -> Vec2,
    scale: f32,
    marks: &Marks,
    seed: u64,
) {
    if marks.is_empty() {
        return;
    }
    let (w, h) = (pixmap.width(), pixmap.height());
    // Whole pixels of each mark's bounding box, tested at their centres.
    for mark in &marks.0 {
        let reach = mark.size.max_element() + STRIP_MARGIN_MM + 1.0;
        let (a, b) = (
            to_px(mark.centre - DVec2::splat(reach)),
            to_px(mark.centre + DVec2::splat(reach)),
        );
        let x0 = a.x.min(b.x).floor().max(0.0) as u32;
        let y0 = a.y.min(b.y).floor().max(0.0) as u32;
        let x1 = (a.x.max(b.x).ceil().max(0.0) as u32).min(w);
        let y1 = (a.y.max(b.y).ceil().max(0.0) as u32).min(h);
        let origin = to_px(DVec2::ZERO);
        let px_mm = 1.0 / scale.max(1e-3) as f64;
        let data = pixmap.data_mut();
        for y in y0..y1 {
            for x in x0..x1 {
                let p = DVec2::new(
                    (x as f64 + 0.5 - origin.x as f64) * px_mm,
                    (y as f64 + 0.5 - origin.y as f64) * px_mm,
                );
                if !mark.on_scar(p, seed) {
                    continue;
                }
                let o = ((y * w + x) * 4) as usize;
                let (r, g, bl) = (data[o] as f32, data[o + 1] as f32, data[o + 2] as f32);
                if r - bl < 25.0 {
                    continue; // not skin (the backdrop beyond the head)
                }
                let a = 0.55;
                data[o] = (r + (SCAR_RGB[0] - r) * a).round() as u8;
                data[o + 1] = (g + (SCAR_RGB[1] - g) * a).round() as u8;
                data[o + 2] = (bl + (SCAR_RGB[2] - bl) * a).round() as u8;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip() -> Mark {
        Mark {
            kind: MarkKind::Strip,
            centre: DVec2::new(110.0, 60.0),
            size: DVec2::new(100.0, 2.0),
            angle_deg: 0.0,
        }
    }

    #[test]
    fn a_strip_is_treated_along_its_length_with_a_margin_and_nowhere_else() {
        let m = Marks(vec![strip()]);
        assert_eq!(m.treated(DVec2::new(110.0, 60.0)), 1.0);
        assert_eq!(m.treated(DVec2::new(150.0, 63.0)), 1.0, "within the margin");
        assert_eq!(m.treated(DVec2::new(110.0, 70.0)), 0.0);
        assert_eq!(m.treated(DVec2::new(170.0, 60.0)), 0.0, "beyond its end");
        let turned = Marks(vec![Mark {
            angle_deg: 90.0,
            ..strip()
        }]);
        assert_eq!(turned.treated(DVec2::new(110.0, 100.0)), 1.0);
        assert_eq!(turned.treated(DVec2::new(150.0, 60.0)), 0.0);
    }

    #[test]
    fn scar_tissue_keeps_a_seeded_share_of_the_ink() {
        let m = Marks(vec![strip()]);
        let shares: Vec<f64> = (0..200)
            .map(|i| m.uptake(DVec2::new(70.0 + i as f64 * 0.4, 60.0), 7))
            .collect();
        assert!(shares.iter().all(|s| (0.55..=0.95).contains(s)));
        let mean = shares.iter().sum::<f64>() / shares.len() as f64;
        assert!((0.7..0.8).contains(&mean), "{mean}");
        assert_eq!(
            m.uptake(DVec2::new(70.0, 60.0), 7),
            m.uptake(DVec2::new(70.0, 60.0), 7)
        );
        assert_eq!(
            m.uptake(DVec2::new(110.0, 90.0), 7),
            1.0,
            "normal skin keeps all"
        );
    }

    #[test]
    fn fue_areas_hold_punch_scars_at_the_documented_density() {
        let fue = Mark {
            kind: MarkKind::Fue,
            centre: DVec2::new(110.0, 60.0),
            size: DVec2::new(30.0, 20.0),
            angle_deg: 0.0,
        };
        let m = Marks(vec![fue]);
        // Share of a fine grid on scar: 20 scars/cm² × π(0.425 mm)² = 11.3 mm² per 100 mm².
        let mut on = 0;
        let mut all = 0;
        for i in 0..200 {
            for j in 0..100 {
                let p = DVec2::new(95.0 + i as f64 * 0.15, 52.0 + j as f64 * 0.15);
                all += 1;
                if m.on_scar(p, 3) {
                    on += 1;
                }
            }
        }
        let share = on as f64 / all as f64;
        assert!((0.09..0.14).contains(&share), "{share}");
    }

    #[test]
    fn marks_round_trip_and_bad_ones_are_named() {
        let marks = Marks(vec![
            strip(),
            Mark {
                kind: MarkKind::Patch,
                centre: DVec2::new(80.0, 40.0),
                size: DVec2::new(15.0, 10.0),
                angle_deg: 20.0,
            },
        ]);
        assert_eq!(Marks::from_json(&marks.to_json()).unwrap(), marks);
        for (value, field) in [
            (
                json!([{ "kind": "tattoo", "x": 1, "y": 1 }]),
                "marks[0].kind",
            ),
            (
                json!([{ "kind": "strip", "x": 1, "y": 1, "length_mm": 1000, "width_mm": 2 }]),
                "marks[0].length_mm",
            ),
            (
                json!([{ "kind": "fue", "x": f64::MAX, "y": 1, "rx_mm": 5, "ry_mm": 5 }]),
                "marks[0].x",
            ),
            (
                json!([{ "kind": "patch", "x": 1, "y": 1, "rx_mm": 5 }]),
                "marks[0].ry_mm",
            ),
            (json!([1]), "marks[0]"),
            (json!({}), "marks"),
        ] {
            assert_eq!(
                Marks::from_json(&value).unwrap_err().field,
                field,
                "{value}"
            );
        }
        let many = Value::Array(vec![strip().to_json(); MAX_MARKS + 1]);
        assert_eq!(Marks::from_json(&many).unwrap_err().field, "marks");
    }
}
