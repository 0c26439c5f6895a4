//! A generator of realistic synthetic scalp photos for the photo and contrast tests.
//!
//! A photo is `w_mm` × `h_mm` at `ppm` px per mm: skin of a given tone under a lighting
//! gradient (1.0 at the top-left down to about 0.55 at the bottom-right, plus soft mottling)
//! with per-pixel sensor noise, and long hair strands lying over it (combed roughly top to
//! bottom in clumps, gently curving, 0.05–0.11 mm thick, each a little lighter or darker). Strands
//! are spawned per vertical zone so that zones are dense, thinning or nearly bald. The
//! generator also returns the truth: the hair coverage of every pixel (0 bare scalp … 1).
//! Seeded SplitMix64: the same arguments give the same photo.

#![allow(dead_code)]

use hairline::engine::photo::Photo;

/// Skin tones, Fitzpatrick I–VI, sRGB.
pub const SKIN: [(&str, [f64; 3]); 6] = [
    ("I", [241.0, 212.0, 192.0]),
    ("II", [226.0, 188.0, 160.0]),
    ("III", [198.0, 150.0, 118.0]),
    ("IV", [160.0, 113.0, 80.0]),
    ("V", [118.0, 80.0, 58.0]),
    ("VI", [80.0, 54.0, 42.0]),
];

/// Hair colours, sRGB.
pub const HAIR: [(&str, [f64; 3]); 5] = [
    ("black", [28.0, 24.0, 22.0]),
    ("brown", [86.0, 58.0, 40.0]),
    ("blond", [196.0, 162.0, 104.0]),
    ("grey", [172.0, 170.0, 166.0]),
    ("red", [142.0, 64.0, 36.0]),
];

/// A zone: x range in mm and target hair coverage 0–1.
#[derive(Clone, Copy, Debug)]
pub struct Zone {
    pub x0: f64,
    pub x1: f64,
    pub coverage: f64,
}

/// The standard layout: dense (95 %), thinning (50 %) and a nearly bald patch (8 %).
pub fn zones(w_mm: f64) -> [Zone; 3] {
    let t = w_mm / 3.0;
    [
        Zone {
            x0: 0.0,
            x1: t,
            coverage: 0.95,
        },
        Zone {
            x0: t,
            x1: 2.0 * t,
            coverage: 0.5,
        },
        Zone {
            x0: 2.0 * t,
            x1: w_mm,
            coverage: 0.08,
        },
    ]
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }
    fn gauss(&mut self) -> f64 {
        let (u, v) = (self.next().max(1e-12), self.next());
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
}

/// A synthetic photo and its truth (hair coverage per pixel).
pub struct Synth {
    pub photo: Photo,
    pub truth: Vec<f32>,
    pub ppm: f64,
}

impl Synth {
    /// Truth hair coverage at the pixel under `p` mm.
    pub fn hair_at_mm(&self, x: f64, y: f64) -> f32 {
        let (px, py) = ((x * self.ppm).floor() as i64, (y * self.ppm).floor() as i64);
        let (w, h) = (self.photo.width() as i64, self.photo.height() as i64);
        if px < 0 || py < 0 || px >= w || py >= h {
            return 1.0;
        }
        self.truth[(py * w + px) as usize]
    }
}

/// Generates a photo.
pub fn synth(
    seed: u64,
    skin: [f64; 3],
    hair: [f64; 3],
    w_mm: f64,
    h_mm: f64,
    ppm: f64,
    zones: &[Zone],
) -> Synth {
    let (w, h) = ((w_mm * ppm).round() as usize, (h_mm * ppm).round() as usize);
    let mut rng = Rng(seed);
    // Skin colour (before lighting), with a soft mottle of ±4 %.
    let mut rgb = vec![[0.0f64; 3]; w * h];
    let phase = [rng.next() * 6.0, rng.next() * 6.0];
    for y in 0..h {
        for x in 0..w {
            let (xm, ym) = (x as f64 / ppm, y as f64 / ppm);
            let mottle = 1.0 + 0.04 * ((xm / 7.0 + phase[0]).sin() * (ym / 9.0 + phase[1]).cos());
            rgb[y * w + x] = skin.map(|c| c * mottle);
        }
    }
    let mut truth = vec![0.0f32; w * h];
    for z in zones {
        let width_mean = 0.08;
        let n = (-(z.x1 - z.x0) / width_mean * (1.0 - z.coverage.min(0.995)).ln()).round() as usize;
        // Long hair lies in clumps (partings show scalp between them): strands gather
        // around clump centres about 1.6 mm apart, ±0.35 mm.
        let clumps: Vec<f64> = (0..((z.x1 - z.x0) / 1.6).ceil() as usize)
            .map(|_| z.x0 + rng.next() * (z.x1 - z.x0))
            .collect();
        for _ in 0..n {
            let centre =
                clumps[((rng.next() * clumps.len() as f64) as usize).min(clumps.len() - 1)];
            let mut x = (centre + rng.gauss() * 0.35).clamp(z.x0, z.x1);
            let mut y = -5.0 + rng.next() * (h_mm * 0.3);
            let mut angle = std::f64::consts::FRAC_PI_2 + (rng.next() - 0.5) * 0.5;
            let bend = (rng.next() - 0.5) * 0.02;
            let thick = 0.05 + rng.next() * 0.06;
            let tone = 0.82 + rng.next() * 0.3;
            let colour = hair.map(|c| (c * tone).min(255.0));
            let length = h_mm * (0.8 + rng.next() * 0.6);
            let step = 0.5;
            let mut walked = 0.0;
            while walked < length {
                let (nx, ny) = (x + angle.cos() * step, y + angle.sin() * step);
                stroke(
                    &mut rgb,
                    &mut truth,
                    w,
                    h,
                    ppm,
                    (x, y),
                    (nx, ny),
                    thick,
                    colour,
                );
                (x, y) = (nx, ny);
                angle += bend + (rng.next() - 0.5) * 0.03;
                walked += step;
            }
        }
    }
    // Lighting (both skin and hair), then sensor noise.
    let mut data = Vec::with_capacity(w * h * 4);
    for y in 0..h {
        for x in 0..w {
            let (u, v) = (x as f64 / w as f64, y as f64 / h as f64);
            let light = 1.0 - 0.25 * u - 0.2 * v;
            let c = rgb[y * w + x];
            for ck in c {
                let noisy = ck * light + rng.gauss() * 3.0;
                data.push(noisy.round().clamp(0.0, 255.0) as u8);
            }
            data.push(255);
        }
    }
    Synth {
        photo: Photo::new(w as u32, h as u32, data).expect("generator sizes are valid"),
        truth,
        ppm,
    }
}

/// Paints one anti-aliased segment of a strand and accumulates its coverage in `truth`.
#[allow(clippy::too_many_arguments)]
fn stroke(
    rgb: &mut [[f64; 3]],
    truth: &mut [f32],
    w: usize,
    h: usize,
    ppm: f64,
    a: (f64, f64),
    b: (f64, f64),
    thick_mm: f64,
    colour: [f64; 3],
) {
    let (ax, ay, bx, by) = (a.0 * ppm, a.1 * ppm, b.0 * ppm, b.1 * ppm);
    let half = thick_mm * ppm * 0.5;
    let pad = half + 1.0;
    let (x0, x1) = (
        (ax.min(bx) - pad).floor().max(0.0) as usize,
        ((ax.max(bx) + pad).ceil().max(0.0) as usize).min(w),
    );
    let (y0, y1) = (
        (ay.min(by) - pad).floor().max(0.0) as usize,
        ((ay.max(by) + pad).ceil().max(0.0) as usize).min(h),
    );
    let (dx, dy) = (bx - ax, by - ay);
    let len2 = (dx * dx + dy * dy).max(1e-9);
    for y in y0..y1 {
        for x in x0..x1 {
            let (px, py) = (x as f64 + 0.5, y as f64 + 0.5);
            let t = (((px - ax) * dx + (py - ay) * dy) / len2).clamp(0.0, 1.0);
            let d = ((px - ax - t * dx).powi(2) + (py - ay - t * dy).powi(2)).sqrt();
            // Coverage of a line of width 2·half through a 1 px pixel, clamped at 1.
            let cov = (half + 0.5 - d).clamp(0.0, 1.0).min(2.0 * half);
            if cov <= 0.0 {
                continue;
            }
            let i = y * w + x;
            // Segments of one strand overlap at joints: keep the larger coverage there
            // rather than compounding (max against what this pixel already has of hair).
            let before = truth[i];
            let after = 1.0 - (1.0 - before) * (1.0 - cov as f32);
            let added = ((after - before) / (1.0 - before).max(1e-6)).clamp(0.0, 1.0) as f64;
            for k in 0..3 {
                rgb[i][k] += (colour[k] - rgb[i][k]) * added;
            }
            truth[i] = after;
        }
    }
}
