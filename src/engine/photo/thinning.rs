//! The template head with thinning hair: long strands over the template scalp, rendered
//! into a [`Photo`] so that density-only work can be tried without a client's photo.
//!
//! What: [`render`] paints the template head as a woman's ([`template::paint_female`]) at
//! [`PX_PER_MM`] over the whole 220 × 300 mm frame and lays long hair over it: roots over
//! the hair-bearing scalp (above the default hairline), a middle parting, strands that flow
//! from the parting over the skull and fall past the ears, in locks that share a gentle
//! wave. Root density thins towards the parting and the top of the head as in Ludwig
//! grades I–III (diffuse female thinning; the frontal fringe is kept), so scalp shows
//! through there and nowhere else. It also returns the truth: each pixel's hair coverage.
//!
//! Why: the photo pipeline (classification, scalp map, density-only modulation, contrast)
//! then works on it unchanged, and since the frame is the template's, design coordinates
//! stay template coordinates with `px_per_mm` known exactly ([`frame`]): no calibration.
//!
//! Units: mm in the frame, strand widths 0.06–0.10 mm (drawn with sub-pixel coverage),
//! root density in roots/cm², colours sRGB. Limits: a front view only; strands are 2-D
//! curves (no self-shadowing, a simple sheen band); all randomness is SplitMix64 hashing of
//! the seed, so the same seed and options give the same pixels on one platform (the curves
//! use `sin`/`exp`, which may differ in the last bit between platforms).

use std::sync::Arc;

use glam::{DVec2, Vec2};

use crate::engine::design::PhotoFrame;
use crate::engine::photo::classify::region_mask;
use crate::engine::photo::image::Photo;
use crate::engine::random::{hash, mix64, signed_unit, unit, Rng};
use crate::engine::render::raster::{Pixmap, Rgba};
use crate::engine::template::{self, FRAME_HEIGHT_MM, FRAME_WIDTH_MM, MIDLINE_X};

/// Pixels per mm of the generated head: 1430 × 1950 px, within the work-copy limit.
pub const PX_PER_MM: f64 = 6.5;
/// Root density of healthy scalp hair, roots per cm² (docs/domain.md: about 200 on a full head;
/// fewer are drawn, each a little longer-lived on screen, to keep rendering fast).
const FULL_ROOTS_PER_CM2: f64 = 260.0;

/// How the generated head looks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ThinningOptions {
    /// Hair colour, sRGB 0–255 (default near-black brown; lighter brown hair on this
    /// head is classified poorly, see the README).
    pub hair_rgb: [u8; 3],
    /// Ludwig grade of the thinning, 1.0 (mild) to 3.0 (marked); clamped.
    pub ludwig: f64,
    /// Hair length from the root, mm (default 180: shoulder length); clamped to 40–260.
    pub length_mm: f64,
    /// The wall behind the head (default the template's light grey, [`template::BACKDROP`]):
    /// the page's stage colour, so that the head in a dark-themed designer stands before a
    /// dark wall, not in a light box. The hair, its truth and the dots do not depend on it.
    pub wall: Rgba,
}

impl Default for ThinningOptions {
    fn default() -> Self {
        ThinningOptions {
            hair_rgb: [36, 28, 24],
            ludwig: 2.0,
            length_mm: 180.0,
            wall: template::BACKDROP,
        }
    }
}

/// A generated head: the photo, its scale, and the truth.
#[derive(Clone, Debug)]
pub struct ThinningHead {
    /// The rendered head, 220 × 300 mm at [`PX_PER_MM`].
    pub photo: Photo,
    /// Hair coverage of each pixel, 0 (bare skin) to 255 (hair only), row by row (the
    /// photo carries it too, [`Photo::truth`]).
    pub coverage: Arc<Vec<u8>>,
}

/// The photo frame of the generated head: template mm = photo mm, exactly.
pub fn frame() -> PhotoFrame {
    let (w, h) = size_px();
    PhotoFrame {
        width_px: w,
        height_px: h,
        px_per_mm: PX_PER_MM,
    }
}

fn size_px() -> (u32, u32) {
    (
        (FRAME_WIDTH_MM * PX_PER_MM).round() as u32,
        (FRAME_HEIGHT_MM * PX_PER_MM).round() as u32,
    )
}

/// The hair-bearing scalp of this head, a woman's ([`template::to_female`] of
/// [`template_region`]), mm: the treated region for density-only work on it.
pub fn treated_region() -> Vec<DVec2> {
    template::onto_female(template_region())
}

/// The hair-bearing scalp of the template head (the default scalp outline over the top,
/// closed by the default hairline), mm.
pub fn template_region() -> Vec<DVec2> {
    let scalp = template::default_scalp();
    // default_scalp = outer arc (left → top → right) + 7 points back across the forehead.
    let outer = &scalp[..scalp.len().saturating_sub(7)];
    let mut region: Vec<DVec2> = outer.to_vec();
    region.extend(template::default_hairline().into_iter().rev());
    region
        .into_iter()
        .map(|p| (p * 100.0).round() / 100.0)
        .collect()
}

/// Fraction of full root density kept at `p` (mm) for Ludwig grade `grade`: least along the
/// parting and over the top, full at the sides and in a fringe behind the hairline.
pub fn density_fraction(p: DVec2, grade: f64) -> f64 {
    let grade = grade.clamp(1.0, 3.0);
    let loss = 0.25 + 0.22 * (grade - 1.0); // 25 %, 47 %, 69 % lost at the parting
    let half_width = 18.0 + 12.0 * (grade - 1.0); // mm either side of the parting
    let dx = (p.x - MIDLINE_X) / half_width;
    let across = libm::exp(-dx * dx);
    // The frontal fringe (Ludwig) is spared: full density within ~6 mm of the hairline.
    let fringe_y = template::GLABELLA_Y - template::DEFAULT_HAIRLINE_HEIGHT_MM;
    let behind = ((fringe_y - p.y) / 6.0).clamp(0.0, 1.0);
    1.0 - loss * across * behind
}

/// Direction in which hair lies at `p` on `side` of the parting (−1 left, +1 right).
fn flow(p: DVec2, side: f64) -> DVec2 {
    let centre = DVec2::new(MIDLINE_X, 126.0);
    let axes = DVec2::new(76.0, 106.0); // a woman's skull (template::female_width 0.95)
    let q = (p - centre) / axes;
    let r = q.length().max(1e-6);
    // Along the skull's outline, away from the parting, then outwards off the scalp.
    let tangent = (DVec2::new(-q.y, q.x) * side * axes).normalize_or_zero();
    let outward = (q * axes).normalize_or_zero();
    let mut dir = tangent + outward * (1.08 - r).max(0.0) * 2.2;
    // Below the widest part of the head hair falls, a little outwards.
    let fall = smoothstep(-0.15, 0.25, q.y);
    dir = dir.normalize_or_zero() * (1.0 - fall) + DVec2::new(side * 0.12, 1.0) * fall;
    dir.normalize_or_zero()
}

fn smoothstep(a: f64, b: f64, x: f64) -> f64 {
    let t = ((x - a) / (b - a)).clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

/// The start of [`hash`]'s fold (so that a hash with a fixed first part can be split).
const HASH_START: u64 = 0x51_7C_C1_B7_27_22_0A_95;

/// [`crate::engine::random::value_noise`] read pixel by pixel along rows: the same numbers,
/// with the four corner hashes of a noise cell kept while the pixels stay in it (a cell is
/// 26 px wide here), not hashed again for each pixel.
struct Mottle {
    seed: u64,
    cell: Option<(i64, i64)>,
    corners: [f64; 4],
}

impl Mottle {
    fn new(seed: u64) -> Mottle {
        Mottle {
            seed,
            cell: None,
            corners: [0.0; 4],
        }
    }

    fn at(&mut self, x: f64, y: f64) -> f64 {
        let xf = x.floor();
        let yf = y.floor();
        let (xi, yi) = (xf as i64, yf as i64);
        if self.cell != Some((xi, yi)) {
            let corner = |dx: i64, dy: i64| {
                signed_unit(hash(&[self.seed, (xi + dx) as u64, (yi + dy) as u64]))
            };
            self.corners = [corner(0, 0), corner(1, 0), corner(0, 1), corner(1, 1)];
            self.cell = Some((xi, yi));
        }
        let [c00, c10, c01, c11] = self.corners;
        let (tx, ty) = (x - xf, y - yf);
        let sx = tx * tx * (3.0 - 2.0 * tx);
        let sy = ty * ty * (3.0 - 2.0 * ty);
        let top = c00 + (c10 - c00) * sx;
        let bottom = c01 + (c11 - c01) * sx;
        top + (bottom - top) * sy
    }
}

/// Renders the template head with thinning hair for `seed` (the design's seed).
pub fn render(seed: u64, options: &ThinningOptions) -> ThinningHead {
    let (w, h) = size_px();
    let (wu, hu) = (w as usize, h as usize);
    let ppm = PX_PER_MM;
    let mut skin = Pixmap::new(w, h, options.wall).unwrap_or_else(unreachable_pixmap);
    let to_px = |p: DVec2| Vec2::new((p.x * ppm) as f32, (p.y * ppm) as f32);
    template::paint_female(&mut skin, &to_px, ppm as f32);
    // Skin as a camera sees it: a faint mottle and sensor noise (±2 levels).
    let mut rgb: Vec<[f32; 3]> = Vec::with_capacity(wu * hu);
    let mut mottle = Mottle::new(seed ^ 0x5EED);
    // hash(&[seed, i]) with the seed's part of the fold done once.
    let seeded = mix64(HASH_START ^ mix64(seed));
    for (i, px) in skin.data().chunks_exact(4).enumerate() {
        let (x, y) = ((i % wu) as f64 / ppm, (i / wu) as f64 / ppm);
        let mottle = 1.0 + 0.025 * mottle.at(x / 4.0, y / 4.0);
        let noise = (unit(mix64(seeded ^ mix64(i as u64))) - 0.5) * 4.0;
        rgb.push([0, 1, 2].map(|k| (px[k] as f64 * mottle + noise) as f32));
    }
    let mut cover = vec![0.0f32; wu * hu];

    let region = treated_region();
    let mask = region_mask(&region.iter().map(|&p| p * ppm).collect::<Vec<_>>(), wu, hu);
    let grade = options.ludwig.clamp(1.0, 3.0);
    let length = options.length_mm.clamp(40.0, 260.0);
    let hair = options.hair_rgb.map(|c| c as f64);
    // Roots: a jittered grid at full density, each kept with the local density fraction.
    let spacing = (100.0 / FULL_ROOTS_PER_CM2).sqrt(); // mm
    let mut rng = Rng::new(hash(&[seed, 0x4A1B]));
    let (nx, ny) = (
        (FRAME_WIDTH_MM / spacing) as usize,
        (FRAME_HEIGHT_MM * 0.6 / spacing) as usize,
    );
    for j in 0..ny {
        for i in 0..nx {
            let root = DVec2::new(
                (i as f64 + rng.next_unit()) * spacing,
                (j as f64 + rng.next_unit()) * spacing,
            );
            let keep = rng.next_unit();
            let u = [rng.next_unit(), rng.next_unit(), rng.next_unit()];
            let (px, py) = ((root.x * ppm) as usize, (root.y * ppm) as usize);
            if px >= wu || py >= hu || !mask[py * wu + px] {
                continue;
            }
            if keep > density_fraction(template::from_female(root), grade) {
                continue;
            }
            // Locks: roots within a ~3 mm cell share side, wave and bias.
            let cell = [(root.x / 3.0).floor() as i64, (root.y / 3.0).floor() as i64];
            let lock = |k: u64| unit(hash(&[seed, cell[0] as u64, cell[1] as u64, k]));
            let zig = (lock(1) - 0.5) * 2.5; // the parting zigzags by ±1.2 mm
            let side = if root.x - MIDLINE_X > zig { 1.0 } else { -1.0 };
            let strand = Strand {
                root,
                side,
                length: length * (0.7 + 0.45 * u[0]),
                end_y: FRAME_HEIGHT_MM - 60.0 + 25.0 * lock(6) + 8.0 * u[1],
                width_mm: 0.06 + 0.04 * u[1],
                tone: 0.92 + 0.14 * u[2],
                wave: (0.12 + 0.18 * lock(2), 28.0 + 30.0 * lock(3), lock(4) * 6.3),
                bias: (lock(5) - 0.5) * 0.22,
            };
            draw_strand(&strand, &hair, &mut rng, &mut rgb, &mut cover, wu, hu);
        }
    }
    let mut data = Vec::with_capacity(wu * hu * 4);
    for c in &rgb {
        data.extend(c.map(|v| v.round().clamp(0.0, 255.0) as u8));
        data.push(255);
    }
    let coverage: Arc<Vec<u8>> =
        Arc::new(cover.iter().map(|&c| (c * 255.0).round() as u8).collect());
    // The photo carries the truth: the photo layer takes it instead of classifying the head.
    let photo = Photo::new(w, h, data)
        .unwrap_or_else(|_| unreachable_photo())
        .with_truth(coverage.clone());
    ThinningHead { photo, coverage }
}

// The frame size is a constant well within every limit; these never run.
fn unreachable_pixmap() -> Pixmap {
    Pixmap::new(1, 1, template::BACKDROP).unwrap_or_else(|| panic!("1 × 1 pixmap"))
}
fn unreachable_photo() -> Photo {
    Photo::new(1, 1, vec![0, 0, 0, 255]).unwrap_or_else(|_| panic!("1 × 1 photo"))
}

struct Strand {
    root: DVec2,
    side: f64,
    length: f64,
    /// Lowest y the strand reaches (shoulders), mm.
    end_y: f64,
    width_mm: f64,
    tone: f64,
    /// Amplitude (rad), wavelength (mm) and phase of the lock's wave.
    wave: (f64, f64, f64),
    /// The lock's constant turn away from the flow, rad.
    bias: f64,
}

fn draw_strand(
    s: &Strand,
    hair: &[f64; 3],
    rng: &mut Rng,
    rgb: &mut [[f32; 3]],
    cover: &mut [f32],
    w: usize,
    h: usize,
) {
    let step = 0.8; // mm
    let mut p = s.root;
    let mut wander = 0.0;
    let mut walked = 0.0;
    while walked < s.length && p.y < s.end_y {
        let (amp, lambda, phase) = s.wave;
        // Hair rises off the root first: the wave grows over the first 15 mm.
        let grown = (walked / 15.0).min(1.0);
        let angle = s.bias
            + amp * grown * libm::sin(std::f64::consts::TAU * walked / lambda + phase)
            + wander;
        let d = flow(p, s.side);
        let (sa, ca) = angle.sin_cos();
        let dir = DVec2::new(d.x * ca - d.y * sa, d.x * sa + d.y * ca);
        let next = p + dir * step;
        // Light from the upper left, a sheen band over the top of the head.
        let q = (p - DVec2::new(MIDLINE_X, 126.0)) / DVec2::new(80.0, 106.0);
        // No sheen below the middle of the head (skipping the `exp` there: most of a strand).
        let over = (-q.y).max(0.0);
        let sheen = if over > 0.0 {
            0.12 * libm::exp(-((q.length() - 0.86) / 0.1).powi(2)) * over
        } else {
            0.0
        };
        let shadow = 0.1 * smoothstep(0.0, 1.0, q.x * 0.6 + q.y * 0.5);
        let k = s.tone * (1.0 + sheen - shadow);
        let colour = hair.map(|c| (c * k).min(255.0) as f32);
        segment(p, next, s.width_mm, colour, rgb, cover, w, h);
        p = next;
        walked += step;
        wander = wander * 0.97 + (rng.next_unit() - 0.5) * 0.04;
    }
}

/// Draws one segment of a strand (mm) with the area it covers in each pixel column or row
/// (Wu's line with a sub-pixel width), blending `colour` and accumulating coverage.
#[allow(clippy::too_many_arguments)]
fn segment(
    a: DVec2,
    b: DVec2,
    width_mm: f64,
    colour: [f32; 3],
    rgb: &mut [[f32; 3]],
    cover: &mut [f32],
    w: usize,
    h: usize,
) {
    let (a, b) = (a * PX_PER_MM, b * PX_PER_MM);
    let d = b - a;
    let steep = d.y.abs() > d.x.abs();
    let (major, minor_a, minor_d, major_a) = if steep {
        (d.y, a.x, d.x, a.y)
    } else {
        (d.x, a.y, d.y, a.x)
    };
    if major.abs() < 1e-9 {
        return;
    }
    // Area of the strand within one pixel of the major axis.
    let area = (width_mm * PX_PER_MM * d.length() / major.abs()) as f32;
    let slope = minor_d / major;
    let (from, to) = if major > 0.0 {
        (major_a, major_a + major)
    } else {
        (major_a + major, major_a)
    };
    // Pixels whose centre lies in [from, to): consecutive segments never share one.
    let mut m = (from - 0.5).ceil();
    while m + 0.5 < to {
        let c = m + 0.5;
        let minor = minor_a + (c - major_a) * slope - 0.5;
        let base = minor.floor();
        let frac = (minor - base) as f32;
        for (off, share) in [(0.0, 1.0 - frac), (1.0, frac)] {
            let n = base + off;
            let (x, y) = if steep { (n, m) } else { (m, n) };
            if x < 0.0 || y < 0.0 || x >= w as f64 || y >= h as f64 {
                continue;
            }
            let i = y as usize * w + x as usize;
            let alpha = (area * share).min(1.0);
            for k in 0..3 {
                rgb[i][k] += (colour[k] - rgb[i][k]) * alpha;
            }
            cover[i] = 1.0 - (1.0 - cover[i]) * (1.0 - alpha);
        }
        m += 1.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::random::value_noise;

    #[test]
    fn the_mottle_read_along_rows_is_the_value_noise_bit_for_bit() {
        let seed = 20261122 ^ 0x5EED;
        let mut mottle = Mottle::new(seed);
        for j in 0..40 {
            for i in 0..300 {
                let (x, y) = (i as f64 / PX_PER_MM / 4.0, j as f64 * 3.7 / PX_PER_MM / 4.0);
                assert_eq!(
                    mottle.at(x, y).to_bits(),
                    value_noise(seed, x, y).to_bits(),
                    "{x}, {y}"
                );
            }
        }
        // The split hash is the hash.
        let seeded = mix64(HASH_START ^ mix64(7));
        assert_eq!(mix64(seeded ^ mix64(12345)), hash(&[7, 12345]));
    }

    #[test]
    fn the_wall_takes_the_stage_colour_and_changes_nothing_else() {
        let light = render(7, &ThinningOptions::default());
        let dark_wall = Rgba(18, 23, 27, 255);
        let dark = render(
            7,
            &ThinningOptions {
                wall: dark_wall,
                ..ThinningOptions::default()
            },
        );
        // The hair as drawn (what the dots and the analysis follow) is the same.
        assert_eq!(light.coverage, dark.coverage);
        let (w, h) = size_px();
        let at = |head: &ThinningHead, x: u32, y: u32| {
            let i = (y * w + x) as usize * 4;
            head.photo.data()[i..i + 3].to_vec()
        };
        // A corner is wall: the stage's colour, give or take the camera's noise.
        for (x, y) in [(2, 2), (w - 3, 2)] {
            let px = at(&dark, x, y);
            for (c, want) in px.iter().zip([18, 23, 27]) {
                assert!((*c as i32 - want).abs() <= 3, "{px:?} at {x}, {y}");
            }
            assert!(at(&light, x, y).iter().all(|&c| c > 200));
        }
        // The face is the same to the byte.
        let (cx, cy) = ((MIDLINE_X * PX_PER_MM) as u32, h / 2);
        assert_eq!(at(&light, cx, cy), at(&dark, cx, cy));
    }
}
