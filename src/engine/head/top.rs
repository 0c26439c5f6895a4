//! The top (crown) view of the template head: the head seen from above, the forehead at
//! the top of the picture and the back of the head at the bottom, in the same 220 × 300 mm
//! frame as the front view. This is where most density work happens: the crown whorl, the
//! vertex and the mid-scalp.
//!
//! What: the outline ([`outline`]), the default hairline and scalp a design on this view
//! starts from, the hair-loss patterns seen from above ([`hair_cover`]: Norwood's frontal
//! recession and vertex patch growing until they merge, Ludwig's widening parting, areata's
//! patches), and the painting of the bare head ([`paint_bare`]). Numbers are mm in the
//! frame; docs/domain.md ("Template heads and hair-loss presets") gives their reasons.
//!
//! Why a view of its own rather than a projection of the front view: the front view
//! squeezes the top of the head into a thin band above the hairline, so a design's
//! millimetres there are not the scalp's. A design is made on one view; switching view
//! starts that preset's design for the other (the README says so).

use glam::{DVec2, Vec2};

use crate::engine::head::Preset;
use crate::engine::render::raster::{Pixmap, Rgba};
use crate::engine::template::{self, MIDLINE_X};

/// The centre of the head seen from above, mm.
const CENTRE: DVec2 = DVec2::new(MIDLINE_X, 150.0);
/// Half the head's breadth (154 mm, as the front view) and half its length (196 mm), mm.
const HALF: DVec2 = DVec2::new(77.0, 98.0);
/// The crown whorl, where hair grows from in a spiral: behind the vertex, a little right.
pub const WHORL: DVec2 = DVec2::new(MIDLINE_X + 6.0, 196.0);
/// The young frontal hairline at the midline, mm from the top of the frame (≈ 23 mm behind
/// the front of the forehead as seen from above).
const FRONT_Y: f64 = 75.0;

/// A woman's head seen from above is the template's scaled about its centre: adult
/// women's head breadth and length are both about 5 % under men's (Farkas 1994, as
/// remembered, not checked against its tables; docs/domain.md), as the front view's
/// [`template::female_width`] over the skull.
const FEMALE_SCALE: f64 = 0.95;

/// A point of the template's head from above moved onto a woman's head.
pub fn to_female(p: DVec2) -> DVec2 {
    CENTRE + (p - CENTRE) * FEMALE_SCALE
}

/// The inverse of [`to_female`].
pub fn from_female(p: DVec2) -> DVec2 {
    CENTRE + (p - CENTRE) / FEMALE_SCALE
}

/// How much narrower the head is at `y` than an ellipse: up to 8 % at the forehead (an egg).
fn taper(y: f64) -> f64 {
    let t = ((y - CENTRE.y) / HALF.y).clamp(-1.0, 1.0);
    1.0 - 0.08 * (-t).max(0.0)
}

/// Half-width of the head at `y` (mm).
fn half_width(y: f64) -> f64 {
    let t = ((y - CENTRE.y) / HALF.y).clamp(-1.0, 1.0);
    HALF.x * (1.0 - t * t).max(0.0).sqrt() * taper(y)
}

/// The head's outline from above, closed, mm.
pub fn outline() -> Vec<DVec2> {
    let n = 96;
    (0..n)
        .map(|i| {
            let a = std::f64::consts::TAU * i as f64 / n as f64;
            let y = CENTRE.y - HALF.y * a.cos();
            DVec2::new(MIDLINE_X + a.sin() * HALF.x * taper(y), y)
        })
        .collect()
}

/// The default hairline seen from above: an arc across the front, from one temple to the
/// other, mm.
pub fn default_hairline() -> Vec<DVec2> {
    (0..=16)
        .map(|i| {
            let t = i as f64 / 16.0 * 2.0 - 1.0; // −1 left temple … +1 right temple
            let x = MIDLINE_X + t * 58.0;
            let y = FRONT_Y + 34.0 * t * t * t * t + 6.0 * t * t;
            DVec2::new(round(x), round(y))
        })
        .collect()
}

/// The scalp a design on this view may treat: the outline 2 mm inside, mm.
pub fn default_scalp() -> Vec<DVec2> {
    outline()
        .into_iter()
        .map(|p| {
            let d = p - CENTRE;
            let q = CENTRE + d * (1.0 - 2.0 / d.length().max(1.0));
            DVec2::new(round(q.x), round(q.y))
        })
        .collect()
}

/// The hair-bearing scalp behind the default hairline (density-only work on this view).
pub fn hair_bearing() -> Vec<DVec2> {
    let line = default_hairline();
    let mut region: Vec<DVec2> = line.clone();
    // Back round the outline from the right temple to the left one.
    let scalp = default_scalp();
    let mut back: Vec<DVec2> = scalp
        .into_iter()
        .filter(|p| p.y > line[line.len() - 1].y + 2.0)
        .collect();
    back.sort_by(|a, b| {
        let aa = (a.x - CENTRE.x).atan2(a.y - CENTRE.y);
        let bb = (b.x - CENTRE.x).atan2(b.y - CENTRE.y);
        bb.total_cmp(&aa)
    });
    region.extend(back);
    region
}

fn round(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

fn smoothstep(x: f64) -> f64 {
    let x = x.clamp(0.0, 1.0);
    x * x * (3.0 - 2.0 * x)
}

/// 0 outside the head, 1 inside (from above).
pub(crate) fn inside(p: DVec2) -> f64 {
    let w = half_width(p.y);
    if (p.y - CENTRE.y).abs() <= HALF.y && (p.x - MIDLINE_X).abs() <= w {
        1.0
    } else {
        0.0
    }
}

/// Native hair at `p` on the top view for `preset`: 1 full, 0 bald.
pub fn hair_cover(preset: Preset, p: DVec2) -> f64 {
    let dx = (p.x - MIDLINE_X).abs();
    let edge = |inside_mm: f64| smoothstep(inside_mm / 6.0 + 0.5);
    // (front line at the midline, extra at the temples, vertex patch radius, hair left
    // between them, side fringe half-width beyond which hair stays)
    let (front, temples, vertex_r, bridge, side) = match preset {
        Preset::Bald | Preset::AlopeciaTotalis => return 0.0,
        Preset::Norwood(1) => (FRONT_Y, 0.0, 0.0, 1.0, 999.0),
        Preset::Norwood(2) => (FRONT_Y + 6.0, 14.0, 0.0, 1.0, 999.0),
        Preset::Norwood(3) => (FRONT_Y + 12.0, 28.0, 0.0, 1.0, 999.0),
        Preset::Norwood(4) => (FRONT_Y + 26.0, 32.0, 24.0, 0.8, 999.0),
        Preset::Norwood(5) => (FRONT_Y + 40.0, 34.0, 38.0, 0.45, 999.0),
        Preset::Norwood(6) => (999.0, 0.0, 0.0, 0.0, 50.0),
        Preset::Norwood(_) => (999.0, 0.0, 0.0, 0.0, 62.0),
        Preset::Ludwig(_) | Preset::AlopeciaAreata => (FRONT_Y - 5.0, 0.0, 0.0, 1.0, 999.0),
    };
    let temple = smoothstep((dx - 15.0) / 35.0);
    let front_y = front + temples * temple;
    let mut top = bridge * edge(p.y - front_y);
    if vertex_r > 0.0 {
        top *= 1.0 - edge(vertex_r - p.distance(WHORL));
    }
    match preset {
        Preset::Ludwig(grade) => {
            // The parting widens from the front to the crown (Ludwig's "Christmas tree").
            let g = grade as f64;
            let loss = 0.25 + 0.22 * (g - 1.0);
            let along = smoothstep((p.y - front_y - 8.0) / 30.0)
                * (1.0 - smoothstep((p.y - WHORL.y - 20.0) / 25.0));
            let width = 12.0 + 9.0 * g + 0.1 * (p.y - front_y).max(0.0);
            top *= 1.0 - loss * along * (-(dx / width).powi(2)).exp();
        }
        Preset::AlopeciaAreata => {
            for (c, r) in [
                (DVec2::new(86.0, 120.0), 12.5),
                (DVec2::new(140.0, 170.0), 11.0),
                (DVec2::new(104.0, 215.0), 10.0),
            ] {
                top *= edge(p.distance(c) - r);
            }
        }
        _ => {}
    }
    // The horseshoe fringe kept at the sides and back (Norwood VI – VII): a band along the
    // head's rim, from the temples round the back.
    let fringe = if side < 999.0 {
        let r = ((p - CENTRE) / HALF).length();
        let band = side / HALF.x; // the rim band's inner edge, as a share of the radius
        let mm = (r - band) * HALF.x;
        // It starts at the temples, thinning out forwards over about 3 cm.
        edge(mm) * smoothstep((p.y - (FRONT_Y + 30.0)) / 30.0)
    } else {
        0.0
    };
    top.max(fringe).clamp(0.0, 1.0) * inside(p)
}

/// Paints the bare head from above into `pixmap` (the template's Fitzpatrick II skin,
/// re-tinted after by the caller): the ears, the nose tip beyond the forehead and the head,
/// shaded towards its rim.
pub fn paint_bare(pixmap: &mut Pixmap, to_px: &dyn Fn(DVec2) -> Vec2, scale: f32) {
    let skin = template::SKIN;
    let shade = |k: f32| -> Rgba {
        Rgba(
            (skin[0] * k) as u8,
            (skin[1] * k) as u8,
            (skin[2] * k) as u8,
            255,
        )
    };
    let path = |pts: &[DVec2]| -> Vec<Vec2> { pts.iter().map(|&q| to_px(q)).collect() };
    let ellipse = |c: DVec2, r: DVec2, n: usize| -> Vec<DVec2> {
        (0..n)
            .map(|i| {
                let a = std::f64::consts::TAU * i as f64 / n as f64;
                c + DVec2::new(r.x * a.cos(), r.y * a.sin())
            })
            .collect()
    };
    // Ears and the nose tip.
    for side in [-1.0, 1.0] {
        let ear = ellipse(
            DVec2::new(MIDLINE_X + side * 80.0, 158.0),
            DVec2::new(7.0, 26.0),
            32,
        );
        pixmap.fill(&[path(&ear)], shade(0.9));
    }
    let nose = ellipse(DVec2::new(MIDLINE_X, 46.0), DVec2::new(12.0, 14.0), 32);
    pixmap.fill(&[path(&nose)], shade(0.95));
    // The head, lit from above: brightest at the vertex, darker towards the rim.
    let c = to_px(DVec2::new(MIDLINE_X, 165.0));
    let r = (HALF.y as f32) * scale;
    let head = outline();
    pixmap.fill_with(&[path(&head)], move |x, y| {
        let d = ((Vec2::new(x, y) - c) / r).length().min(1.0);
        shade(1.0 - 0.14 * d * d)
    });
    let mut rim = head.clone();
    rim.push(head[0]);
    pixmap.stroke(&path(&rim), 0.5 * scale, Rgba(170, 126, 104, 150));
}
