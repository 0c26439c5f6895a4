//! The built-in template head: a front view of an adult head drawn to scale in mm, with
//! the landmarks a consultation uses, a default scalp outline and a default hairline.
//!
//! Frame: 220 × 300 mm, origin top-left, y down; the face's midline is x = 110. Sizes
//! follow adult anthropometry (head breadth ≈ 154 mm, vertex–menton ≈ 240 mm). Heights are
//! front-view projections: the default mid-frontal point sits 75 mm above the glabella in
//! projection, between the aggressive 70 and the conservative 100 mm of docs/domain.md; along
//! the curve of the forehead that is about 80 mm (Garg's figure), since the forehead
//! slopes back. The thirds are 75 / 65 / 57 mm; the guides show them so a technician can
//! judge a real face. The head is drawn as a clean illustration, not a photo: a client
//! should see the dots, not judge a stranger's face.

use glam::{DVec2, Vec2};

use crate::engine::design::{
    Design, Style, DEFAULT_DENSITY_PER_CM2, DEFAULT_DOT_MM, DEFAULT_SESSIONS, DEFAULT_SHADE,
    DEFAULT_TRANSITION_MM,
};
use crate::engine::render::raster::{at_most, circle, Pixmap, Rgba};

mod female;
pub use female::{female_width, from_female, onto_female, paint_female, to_female};

/// Frame width, mm.
pub const FRAME_WIDTH_MM: f64 = 220.0;
/// Frame height, mm.
pub const FRAME_HEIGHT_MM: f64 = 300.0;
/// x of the facial midline, mm.
pub const MIDLINE_X: f64 = 110.0;
/// y of the glabella (between the brows), mm.
pub const GLABELLA_Y: f64 = 140.0;
/// Default height of the mid-frontal point above the glabella, mm.
pub const DEFAULT_HAIRLINE_HEIGHT_MM: f64 = 75.0;
/// Half distance between the pupils, mm.
pub const MID_PUPIL_HALF_MM: f64 = 32.0;
/// Half distance between the outer eye corners (lateral epicanthal lines), mm.
pub const LATERAL_EPICANTHUS_HALF_MM: f64 = 47.0;
/// y of the nose base (subnasale), mm.
pub const SUBNASALE_Y: f64 = 205.0;
/// y of the chin (menton), mm.
pub const MENTON_Y: f64 = 262.0;
/// y of the top of the head (vertex), mm.
pub const VERTEX_Y: f64 = 22.0;

/// Landmarks used by guides and warnings, mm.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Landmarks {
    /// Between the brows.
    pub glabella: DVec2,
    /// x of the two mid-pupil lines.
    pub mid_pupil_x: [f64; 2],
    /// x of the two lateral epicanthal (outer eye corner) lines.
    pub lateral_epicanthus_x: [f64; 2],
    /// Nose base.
    pub subnasale_y: f64,
    /// Chin.
    pub menton_y: f64,
}

/// The template's landmarks.
pub fn landmarks() -> Landmarks {
    Landmarks {
        glabella: DVec2::new(MIDLINE_X, GLABELLA_Y),
        mid_pupil_x: [MIDLINE_X - MID_PUPIL_HALF_MM, MIDLINE_X + MID_PUPIL_HALF_MM],
        lateral_epicanthus_x: [
            MIDLINE_X - LATERAL_EPICANTHUS_HALF_MM,
            MIDLINE_X + LATERAL_EPICANTHUS_HALF_MM,
        ],
        subnasale_y: SUBNASALE_Y,
        menton_y: MENTON_Y,
    }
}

/// Mirrors a right half, given as (offset from the midline, y), into a left-to-right path.
fn mirrored(right_half_top_down: &[(f64, f64)], closed_at_midline: bool) -> Vec<DVec2> {
    let mut pts: Vec<DVec2> = right_half_top_down
        .iter()
        .rev()
        .map(|&(dx, y)| DVec2::new(MIDLINE_X - dx, y))
        .collect();
    let skip =
        usize::from(closed_at_midline && right_half_top_down.first().is_some_and(|p| p.0 == 0.0));
    pts.extend(
        right_half_top_down
            .iter()
            .skip(skip)
            .map(|&(dx, y)| DVec2::new(MIDLINE_X + dx, y)),
    );
    pts
}

/// Catmull-Rom through `points` (open), `steps` samples per span.
pub fn smooth(points: &[DVec2], steps: usize) -> Vec<DVec2> {
    if points.len() < 3 {
        return points.to_vec();
    }
    let n = points.len();
    let mut out = Vec::with_capacity(n * steps);
    for i in 0..n - 1 {
        let p0 = points[i.saturating_sub(1)];
        let (p1, p2) = (points[i], points[i + 1]);
        let p3 = points[(i + 2).min(n - 1)];
        for s in 0..steps {
            let t = s as f64 / steps as f64;
            let t2 = t * t;
            let t3 = t2 * t;
            out.push(
                0.5 * ((2.0 * p1)
                    + (-p0 + p2) * t
                    + (2.0 * p0 - 5.0 * p1 + 4.0 * p2 - p3) * t2
                    + (-p0 + 3.0 * p1 - 3.0 * p2 + p3) * t3),
            );
        }
    }
    out.push(points[n - 1]);
    out
}

/// Right half of the head outline, vertex to chin (offset from midline, y), mm.
const HEAD_RIGHT: [(f64, f64); 15] = [
    (0.0, VERTEX_Y),
    (30.0, 25.0),
    (52.0, 36.0),
    (67.0, 55.0),
    (75.0, 80.0),
    (77.0, 105.0),
    (75.0, 130.0),
    (71.0, 150.0),
    (70.0, 175.0),
    (67.0, 200.0),
    (60.0, 222.0),
    (48.0, 240.0),
    (32.0, 253.0),
    (15.0, 260.0),
    (0.0, MENTON_Y),
];

/// Right half of the default hairline, midline to sideburn, mm. The frontotemporal angle
/// sits on the lateral epicanthal line (47 mm) and is rounded, not square.
const HAIRLINE_RIGHT: [(f64, f64); 9] = [
    (0.0, GLABELLA_Y - DEFAULT_HAIRLINE_HEIGHT_MM),
    (18.0, 67.0),
    (34.0, 73.5),
    (45.0, 82.0),
    (51.0, 92.0),
    (57.0, 104.0),
    (61.5, 120.0),
    (63.5, 140.0),
    (64.5, 158.0),
];

/// The head outline, closed, mm.
pub fn head_outline() -> Vec<DVec2> {
    let half: Vec<(f64, f64)> = right_half().iter().map(|p| (p.x, p.y)).collect();
    // Right side top→chin, then left side chin→top.
    let mut pts: Vec<DVec2> = half
        .iter()
        .map(|&(dx, y)| DVec2::new(MIDLINE_X + dx, y))
        .collect();
    pts.extend(
        half.iter()
            .rev()
            .skip(1)
            .take(half.len() - 2)
            .map(|&(dx, y)| DVec2::new(MIDLINE_X - dx, y)),
    );
    pts
}

/// The right half of the head's outline, top to chin, as (offset from the midline, y), mm.
fn right_half() -> Vec<DVec2> {
    let right: Vec<DVec2> = HEAD_RIGHT
        .iter()
        .map(|&(dx, y)| DVec2::new(dx, y))
        .collect();
    smooth(&right, 6)
}

/// Whether `p` lies on the template head as drawn ([`head_outline`]), mm: its half-breadth
/// at `p.y`, read from the outline once and interpolated (a cheap test the density field
/// makes for every candidate impression).
pub fn inside_outline(p: DVec2) -> bool {
    use std::sync::OnceLock;
    static RIGHT_HALF: OnceLock<Vec<DVec2>> = OnceLock::new();
    let half = RIGHT_HALF.get_or_init(right_half);
    let (first, last) = (half[0], half[half.len() - 1]);
    if !(p.y >= first.y && p.y <= last.y) {
        return false; // also NaN
    }
    let i = half.partition_point(|q| q.y < p.y).clamp(1, half.len() - 1);
    let (a, b) = (half[i - 1], half[i]);
    let t = if b.y > a.y {
        (p.y - a.y) / (b.y - a.y)
    } else {
        0.0
    };
    (p.x - MIDLINE_X).abs() <= a.x + (b.x - a.x) * t
}

/// The default hairline, left sideburn to right sideburn, smoothed, mm.
pub fn default_hairline() -> Vec<DVec2> {
    let control = mirrored(&HAIRLINE_RIGHT, true);
    smooth(&control, 4)
}

/// The default scalp polygon: the head outline 1 mm inside, down to the sideburns, closed
/// across the forehead well in front of the default hairline, mm.
pub fn default_scalp() -> Vec<DVec2> {
    let outline: Vec<(f64, f64)> = [
        (0.0, VERTEX_Y + 1.0),
        (30.0, 26.0),
        (51.0, 37.0),
        (66.0, 56.0),
        (74.0, 80.0),
        (76.0, 105.0),
        (74.0, 130.0),
        (70.0, 150.0),
        (69.0, 166.0),
    ]
    .to_vec();
    let inner: [(f64, f64); 4] = [(59.0, 166.0), (54.0, 128.0), (42.0, 100.0), (0.0, 92.0)];
    let right_outer = smooth(
        &outline
            .iter()
            .map(|&(x, y)| DVec2::new(x, y))
            .collect::<Vec<_>>(),
        4,
    );
    // Clockwise on screen: over the top from the left, down the right side, back across.
    let mut pts: Vec<DVec2> = right_outer
        .iter()
        .rev()
        .map(|p| DVec2::new(MIDLINE_X - p.x, p.y))
        .collect();
    pts.extend(
        right_outer
            .iter()
            .skip(1)
            .map(|p| DVec2::new(MIDLINE_X + p.x, p.y)),
    );
    pts.extend(inner.iter().map(|&(dx, y)| DVec2::new(MIDLINE_X + dx, y)));
    pts.extend(
        inner
            .iter()
            .rev()
            .skip(1)
            .map(|&(dx, y)| DVec2::new(MIDLINE_X - dx, y)),
    );
    pts
}

/// The design the page opens with: the template head, the soft style, default numbers.
pub fn default_design() -> Design {
    Design {
        seed: 20261122,
        scalp: round_points(default_scalp()),
        hairline: round_points(default_hairline()),
        style: Style::Soft,
        density_per_cm2: DEFAULT_DENSITY_PER_CM2,
        dot_mm: DEFAULT_DOT_MM,
        transition_mm: DEFAULT_TRANSITION_MM,
        shade: DEFAULT_SHADE,
        sessions: DEFAULT_SESSIONS,
        top_up_years: None,
        head: crate::engine::head::TemplateHead::default(),
        marks: crate::engine::marks::Marks::default(),
    }
}

/// Rounds to 0.01 mm so that design files stay short and readable.
pub(crate) fn round_points(points: Vec<DVec2>) -> Vec<DVec2> {
    points
        .into_iter()
        .map(|p| (p * 100.0).round() / 100.0)
        .collect()
}

/// Background of the canvas around the head.
pub const BACKDROP: Rgba = Rgba(238, 240, 243, 255);
/// The template's skin colour (sRGB), a Fitzpatrick II scalp.
pub const SKIN: [f32; 3] = [233.0, 197.0, 172.0];
const SKIN_SHADOW: [f32; 3] = [206.0, 164.0, 140.0];
const FEATURE_LINE: Rgba = Rgba(120, 84, 70, 200);
const BROW: Rgba = Rgba(92, 70, 56, 230);

/// Paints the template head into `pixmap`; `to_px` maps mm to pixels, `scale` is px per mm.
pub fn paint(pixmap: &mut Pixmap, to_px: &dyn Fn(DVec2) -> Vec2, scale: f32) {
    paint_with(pixmap, to_px, to_px, scale);
}

/// The head's outlines (neck, ears, skull and jaw) through `outline_px`, its face (brows,
/// eyes, nose, mouth) through `face_px`.
fn paint_with(
    pixmap: &mut Pixmap,
    outline_px: &dyn Fn(DVec2) -> Vec2,
    face_px: &dyn Fn(DVec2) -> Vec2,
    scale: f32,
) {
    let mut outline = Painter {
        pixmap: &mut *pixmap,
        to_px: outline_px,
        scale,
    };
    paint_neck(&mut outline);
    paint_ears(&mut outline);
    paint_head(&mut outline);
    let mut face = Painter {
        pixmap,
        to_px: face_px,
        scale,
    };
    paint_brows(&mut face);
    paint_eyes(&mut face);
    paint_nose(&mut face);
    paint_mouth(&mut face);
}

/// Where the template is painted: the pixmap, mm → px, and px per mm.
struct Painter<'a> {
    pixmap: &'a mut Pixmap,
    to_px: &'a dyn Fn(DVec2) -> Vec2,
    scale: f32,
}

impl Painter<'_> {
    /// Points in mm as pixels.
    fn path(&self, pts: &[DVec2]) -> Vec<Vec2> {
        pts.iter().map(|&q| (self.to_px)(q)).collect()
    }
}

/// Points given as (offset from the midline, y) on one `side` (−1 left, +1 right), mm.
fn mirror(pts: &[(f64, f64)], side: f64) -> Vec<DVec2> {
    pts.iter()
        .map(|&(dx, y)| DVec2::new(MIDLINE_X + side * dx, y))
        .collect()
}

/// Neck and shoulders behind the head, with the shadow under the jaw.
fn paint_neck(p: &mut Painter) {
    let neck = [
        (40.0, 215.0),
        (42.0, 262.0),
        (48.0, 282.0),
        (95.0, 292.0),
        (110.0, 300.0),
    ];
    let mut neck_poly = mirror(&neck, 1.0);
    neck_poly.extend(mirror(&neck, -1.0).into_iter().rev());
    p.pixmap
        .fill(&[p.path(&neck_poly)], Rgba(214, 174, 150, 255));
    let jaw_shadow = [(44.0, 236.0), (30.0, 262.0), (0.0, 272.0)];
    let mut shadow = mirror(&jaw_shadow, 1.0);
    shadow.extend(mirror(&jaw_shadow, -1.0).into_iter().rev().skip(1));
    p.pixmap
        .fill(&[p.path(&smooth(&shadow, 6))], Rgba(180, 138, 116, 110));
}

/// Ears, with an inner fold.
fn paint_ears(p: &mut Painter) {
    let ear = [
        (69.0, 142.0),
        (76.0, 135.0),
        (82.0, 139.0),
        (84.5, 152.0),
        (82.0, 172.0),
        (78.0, 192.0),
        (72.0, 202.0),
        (67.0, 198.0),
    ];
    for side in [-1.0, 1.0] {
        let e = smooth(&mirror(&ear, side), 5);
        p.pixmap.fill(&[p.path(&e)], Rgba(222, 180, 156, 255));
        let inner = smooth(
            &mirror(
                &[(73.0, 146.0), (79.0, 148.0), (80.0, 165.0), (76.0, 185.0)],
                side,
            ),
            5,
        );
        p.pixmap
            .stroke(&p.path(&inner), 0.9 * p.scale, Rgba(176, 130, 110, 160));
    }
}

/// The head, shaded as lit from the upper left, darker towards its rim.
fn paint_head(p: &mut Painter) {
    let centre = (p.to_px)(DVec2::new(MIDLINE_X, 120.0));
    let per_px = 1.0 / (150.0 * p.scale);
    let shaded = move |x: f32, y: f32| -> Rgba {
        // (The squared distance as it is, no square root or division a pixel: the head
        // covers most of every picture. 1 % fewer instructions for a phone's first picture;
        // 4 of its 5.4 million channel values moved by one level.)
        let v = (Vec2::new(x, y) - centre) * per_px;
        let d2 = at_most(v.length_squared(), 1.0);
        let side = v.x.clamp(0.0, 1.0);
        let t = at_most(d2 * 0.9 + side * 0.15, 1.0);
        // No collection per pixel: the head covers most of the canvas, and an allocation
        // per pixel was most of the time of a new view's repaint (a pinch on a phone).
        let lane = |k: usize| (SKIN[k] + (SKIN_SHADOW[k] - SKIN[k]) * t) as u8;
        Rgba(lane(0), lane(1), lane(2), 255)
    };
    let head = head_outline();
    p.pixmap.fill_with(&[p.path(&head)], shaded);
    let mut rim = head.clone();
    rim.push(head[0]);
    p.pixmap
        .stroke(&p.path(&rim), 0.5 * p.scale, Rgba(170, 126, 104, 150));
}

/// Brows: tapered shapes from the inner end to the tail.
fn paint_brows(p: &mut Painter) {
    for side in [-1.0, 1.0] {
        let upper = [(12.0, 139.0), (26.0, 134.0), (40.0, 133.5), (52.0, 138.0)];
        let lower = [(53.0, 139.5), (40.0, 137.0), (26.0, 138.0), (12.0, 143.0)];
        let mut brow = smooth(&mirror(&upper, side), 4);
        brow.extend(smooth(&mirror(&lower, side), 4));
        p.pixmap.fill(&[p.path(&brow)], BROW);
    }
}

/// Eyes: almond outline, iris, pupil, a highlight, the lid line and a crease.
fn paint_eyes(p: &mut Painter) {
    for side in [-1.0, 1.0] {
        let cx = MIDLINE_X + side * MID_PUPIL_HALF_MM;
        let upper = [
            (17.0, 153.0),
            (24.0, 148.0),
            (32.0, 146.5),
            (41.0, 148.5),
            (47.0, 153.0),
        ];
        let lower = [
            (47.0, 153.0),
            (40.0, 156.5),
            (32.0, 157.5),
            (23.0, 156.0),
            (17.0, 153.0),
        ];
        let mut eye = smooth(&mirror(&upper, side), 4);
        eye.extend(smooth(&mirror(&lower, side), 4));
        p.pixmap.fill(&[p.path(&eye)], Rgba(250, 247, 244, 255));
        let iris_c = (p.to_px)(DVec2::new(cx, 152.0));
        p.pixmap
            .fill(&[circle(iris_c, 5.2 * p.scale, 32)], Rgba(104, 78, 58, 255));
        p.pixmap
            .fill(&[circle(iris_c, 2.2 * p.scale, 24)], Rgba(30, 24, 22, 255));
        p.pixmap.fill(
            &[circle(
                iris_c + Vec2::new(-1.3, -1.4) * p.scale,
                0.9 * p.scale,
                12,
            )],
            Rgba(255, 255, 255, 200),
        );
        // Upper lid line over the eye, and a crease.
        p.pixmap.stroke(
            &p.path(&smooth(&mirror(&upper, side), 4)),
            1.1 * p.scale,
            Rgba(70, 50, 42, 235),
        );
        let crease = [
            (19.0, 148.0),
            (26.0, 143.5),
            (33.0, 142.5),
            (41.0, 144.0),
            (46.0, 148.0),
        ];
        p.pixmap.stroke(
            &p.path(&smooth(&mirror(&crease, side), 4)),
            0.5 * p.scale,
            FEATURE_LINE,
        );
    }
}

/// Nose: soft side shadows, nostrils and the tip.
fn paint_nose(p: &mut Painter) {
    for side in [-1.0, 1.0] {
        let bridge = [(8.0, 160.0), (9.0, 178.0), (12.0, 192.0)];
        p.pixmap.stroke(
            &p.path(&smooth(&mirror(&bridge, side), 4)),
            0.6 * p.scale,
            Rgba(170, 124, 104, 90),
        );
        let ala = [
            (10.0, 194.0),
            (16.5, 197.0),
            (17.0, 202.0),
            (12.0, 205.0),
            (6.0, 204.0),
        ];
        p.pixmap.stroke(
            &p.path(&smooth(&mirror(&ala, side), 4)),
            0.8 * p.scale,
            FEATURE_LINE,
        );
        let nostril = [(4.5, 203.0), (8.0, 201.5), (10.5, 203.0), (7.5, 204.3)];
        p.pixmap.fill(
            &[p.path(&smooth(&mirror(&nostril, side), 3))],
            Rgba(120, 80, 66, 200),
        );
    }
}

/// Mouth: the lips and their parting.
fn paint_mouth(p: &mut Painter) {
    paint_lips(
        p,
        Lips {
            upper: &[(0.0, 219.0), (6.0, 217.5), (14.0, 219.5), (24.0, 223.0)],
            lower: &[(24.0, 223.0), (14.0, 228.5), (0.0, 230.0)],
            colour: Rgba(196, 128, 118, 255),
            parting: &[(24.0, 223.0), (12.0, 223.3), (0.0, 222.6)],
            parting_colour: Rgba(128, 72, 66, 220),
        },
    );
}

/// A mouth's shape: each lip's outline and the parting, from the midline out to the
/// corner on one side (mirrored to the other), as (offset from the midline, y) in mm.
struct Lips<'a> {
    upper: &'a [(f64, f64)],
    lower: &'a [(f64, f64)],
    colour: Rgba,
    parting: &'a [(f64, f64)],
    parting_colour: Rgba,
}

/// Fills `lips` mirrored about the midline and strokes their parting (his mouth and hers).
fn paint_lips(p: &mut Painter, lips: Lips) {
    let mut outline = mirror(lips.upper, -1.0);
    outline.reverse();
    outline.extend(mirror(lips.upper, 1.0).into_iter().skip(1));
    outline.extend(mirror(lips.lower, 1.0).into_iter().skip(1));
    outline.extend(mirror(lips.lower, -1.0).into_iter().rev().skip(1));
    p.pixmap.fill(&[p.path(&smooth(&outline, 4))], lips.colour);
    let mut line = mirror(lips.parting, -1.0);
    line.reverse();
    line.extend(mirror(lips.parting, 1.0).into_iter().skip(1));
    p.pixmap.stroke(
        &p.path(&smooth(&line, 4)),
        0.7 * p.scale,
        lips.parting_colour,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_design_is_valid_and_to_scale() {
        let d = default_design().validated().expect("default design valid");
        let top = d.hairline.iter().map(|p| p.y).fold(f64::INFINITY, f64::min);
        let height = GLABELLA_Y - top;
        assert!(
            (70.0..=100.0).contains(&height),
            "mid-frontal height {height} mm"
        );
        let area = d.scalp_area_cm2();
        assert!(
            (80.0..300.0).contains(&area),
            "front-view scalp area {area} cm²"
        );
    }
}
