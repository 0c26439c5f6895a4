//! Pigment impressions on a pixmap: the appearance model ([`super::appearance`]) drawn at
//! any zoom, conserving the darkening.
//!
//! How: each visible dot adds its absorbance, per colour channel, into a scratch buffer
//! over the pixels it reaches; a resolve pass then takes [`darkening`]`(A)` off each
//! pixel's linear reflectance and writes it back as sRGB (Beer–Lambert: overlapping halos
//! combine as they do in skin, and the result does not depend on the order of the dots).
//!
//! Two ways to splat, chosen per dot by its size on screen:
//! - **small** (deposit radius ≤ [`SMALL_RADIUS_PX`], whole-head views): a precomputed
//!   `(2h+1)²` pixel kernel per sub-pixel phase (4 × 4), depth class and state. Each lobe of
//!   the model is a Gaussian of the disc's variance plus its blur, integrated exactly over
//!   each pixel (separable `erf`), truncated to the window and renormalised: every dot
//!   darkens exactly its model amount whatever the zoom. h = 0.5 mm on screen (1–6 px).
//! - **large** (close-ups): the radial profile of its lobes sampled per pixel from a table
//!   (128 steps over the deposit radius + 0.8 mm), with a faint fixed two-lobe rim wobble
//!   per dot when wider than 2.5 px, so close-ups show soft, slightly irregular impressions.
//!
//! Tables are cached per stage (a new stage or model clears them); sizes and depths are
//! quantised (radius in 5 % steps, depth in 0.01 mm) so a frame builds a few dozen tables.
//! Drawing can be clipped to a rectangle, which is how a drag repaints only what changed.

use std::collections::HashMap;
use std::sync::Arc;

use glam::{DVec2, Vec2};

use super::appearance::{
    darkening, lobes, radial_profile, AppearanceOptions, DotState, Lobe, StageLooks, LANES,
    SCAB_TINT,
};
use super::dots::Dot;
use super::raster::{PixelRect, Pixmap};

/// Dots whose deposit radius is at most this many pixels use the small-kernel path.
pub const SMALL_RADIUS_PX: f32 = 1.5;
/// Sub-pixel phases per axis of the small kernels.
const PHASES: usize = 4;
/// How far beyond its deposit a dot's halo is drawn in close-ups, mm (what lies further is
/// folded back in: ≈ 85 % of the darkening lies within 1 mm).
const HALO_REACH_MM: f64 = 0.8;
/// Reach of the small kernels, mm on each side of the centre pixel.
const SMALL_REACH_MM: f64 = 0.5;
/// Radial table steps.
const RADIAL_STEPS: usize = 128;
/// Absorbance quantisation of the resolve pass (steps per unit), and its largest value.
const ABSORBANCE_STEPS: f32 = 256.0;
const ABSORBANCE_MAX: f32 = 16.0;

/// Quantised shape of a dot: radius bin, depth bin (0.01 mm), state.
type ShapeKey = (i32, i32, DotState);

/// The caches and scratch buffers of impression drawing. Create one per scene and keep it:
/// tables built for one frame serve the next.
#[derive(Clone, Debug, Default)]
pub struct ImpressionRenderer {
    options: AppearanceOptions,
    /// What the tables were built for: stage softening (years, as bits) and px/mm (bits).
    years_bits: u64,
    small_ppm_bits: u64,
    radial: HashMap<ShapeKey, Arc<RadialTable>>,
    small: HashMap<ShapeKey, Arc<SmallKernel>>,
    /// Absorbance per pixel and channel over the clip rectangle, zero between calls.
    absorbance: Vec<f32>,
    /// Per row of the clip rectangle: first and one-past-last column touched.
    spans: Vec<(u32, u32)>,
}

#[derive(Clone, Debug)]
struct RadialTable {
    /// Absorbance per unit amount at bin centres, per channel.
    values: Vec<[f32; LANES]>,
    /// Bins per mm.
    bins_per_mm: f32,
    reach_mm: f32,
}

#[derive(Clone, Debug)]
struct SmallKernel {
    half: usize,
    /// `PHASES²` tables of `(2h+1)²` entries, per channel, per unit amount.
    weights: Vec<[f32; LANES]>,
}

impl ImpressionRenderer {
    /// A renderer for the appearance model `options`.
    pub fn new(options: AppearanceOptions) -> ImpressionRenderer {
        ImpressionRenderer {
            options,
            ..Default::default()
        }
    }

    /// The model's options.
    pub fn options(&self) -> &AppearanceOptions {
        &self.options
    }

    /// Draws `dots` as they look at `looks` into `pixmap` (which holds the bare skin or photo
    /// under them), only inside `clip`; `to_px` maps mm to pixels at `px_per_mm`.
    pub fn draw(
        &mut self,
        pixmap: &mut Pixmap,
        dots: &[Dot],
        looks: &StageLooks,
        to_px: impl Fn(DVec2) -> Vec2,
        px_per_mm: f32,
        clip: PixelRect,
    ) {
        let clip = clip.intersect(pixmap.bounds());
        if clip.area() == 0 || !(px_per_mm.is_finite() && px_per_mm > 0.0) {
            return;
        }
        if looks.years().to_bits() != self.years_bits {
            self.radial.clear();
            self.small.clear();
            self.years_bits = looks.years().to_bits();
        }
        if (px_per_mm as f64).to_bits() != self.small_ppm_bits {
            self.small.clear();
            self.small_ppm_bits = (px_per_mm as f64).to_bits();
        }
        let (w, h) = ((clip.x1 - clip.x0) as usize, (clip.y1 - clip.y0) as usize);
        if self.absorbance.len() < w * h * LANES {
            self.absorbance = vec![0.0; w * h * LANES];
        }
        self.spans.clear();
        self.spans.resize(h, (u32::MAX, 0));
        let years = looks.years();
        let half = (SMALL_REACH_MM * px_per_mm as f64).round().clamp(1.0, 6.0) as usize;
        let mut splat = Splat {
            absorbance: &mut self.absorbance,
            spans: &mut self.spans,
            clip,
            width: w,
        };
        for dot in dots {
            let Some(look) = looks.of(dot) else {
                continue;
            };
            let c = to_px(dot.position);
            if !(c.x.is_finite() && c.y.is_finite()) || look.amount <= 0.0 {
                continue;
            }
            let radius_px = look.radius_mm as f32 * px_per_mm;
            let key = shape_key(look.radius_mm, look.depth_mm, look.state);
            if radius_px <= SMALL_RADIUS_PX {
                let kernel = self.small.entry(key).or_insert_with(|| {
                    let mut kernel = SmallKernel::new(
                        &key_lobes(key, years, &self.options),
                        px_per_mm as f64,
                        half,
                    );
                    kernel.match_saturation(
                        &key_lobes(key, years, &self.options),
                        typical_amount(key),
                        px_per_mm as f64,
                    );
                    Arc::new(kernel)
                });
                splat.small(kernel, c, look.amount as f32);
            } else {
                let table = self.radial.entry(key).or_insert_with(|| {
                    Arc::new(RadialTable::new(&key_lobes(key, years, &self.options)))
                });
                let wobble = if radius_px > 2.5 { 0.07 } else { 0.0 };
                let phase = (dot.identity & 0xffff) as f32 / 65536.0 * std::f32::consts::TAU;
                splat.large(
                    table,
                    c,
                    look.amount as f32,
                    px_per_mm,
                    radius_px,
                    wobble,
                    phase,
                );
            }
        }
        resolve(pixmap, &mut self.absorbance, &self.spans, clip);
    }
}

/// How far (px) a dot of design diameter `dot_mm` can change pixels from its centre at
/// `px_per_mm`: its largest deposit (size variation × healed or scab spread) plus the halo.
pub fn reach_px(dot_mm: f64, px_per_mm: f64) -> f64 {
    let widest_radius = dot_mm * 0.5 * 1.6 * 1.6 * 3f64.sqrt();
    (widest_radius + HALO_REACH_MM.max(SMALL_REACH_MM)) * px_per_mm + 8.0
}

/// The quantised key of a dot's shape.
fn shape_key(radius_mm: f64, depth_mm: f64, state: DotState) -> ShapeKey {
    let rb = (libm::log(radius_mm.max(0.005) / 0.01) / libm::log(1.05)).round() as i32;
    let zb = (depth_mm * 100.0).round() as i32;
    (rb, zb, state)
}

/// A typical amount of a dot of this shape (a second session's dot at shade 0.75, healed),
/// at which small kernels are matched to the full-resolution darkening.
fn typical_amount(key: ShapeKey) -> f64 {
    let radius = 0.01 * libm::pow(1.05, key.0 as f64);
    let depth = key.1 as f64 / 100.0;
    super::appearance::absorbance_per_mm2(depth)
        * std::f64::consts::PI
        * radius
        * radius
        * super::appearance::concentration(0.75)
        * 0.8
}

/// The lobes of the shape a key stands for.
fn key_lobes(key: ShapeKey, years: f64, options: &AppearanceOptions) -> Vec<Lobe> {
    let radius = 0.01 * libm::pow(1.05, key.0 as f64);
    lobes(radius, key.1 as f64 / 100.0, key.2, years, options)
}

impl RadialTable {
    fn new(lobes: &[Lobe]) -> RadialTable {
        let widest = lobes.iter().map(|l| l.radius).fold(0.0, f64::max);
        let reach = widest + HALO_REACH_MM;
        let values = radial_profile(lobes, reach, RADIAL_STEPS)
            .into_iter()
            .map(|v| v.map(|x| x as f32))
            .collect();
        RadialTable {
            values,
            bins_per_mm: (RADIAL_STEPS as f64 / reach) as f32,
            reach_mm: reach as f32,
        }
    }
}

impl SmallKernel {
    /// Pixel-integrated kernels of `lobes` at `px_per_mm`, `2·half + 1` px wide, for each
    /// sub-pixel phase; every lobe keeps its whole weight inside the window.
    fn new(lobes: &[Lobe], px_per_mm: f64, half: usize) -> SmallKernel {
        let side = 2 * half + 1;
        let mut weights = vec![[0.0f32; LANES]; PHASES * PHASES * side * side];
        let mut xs = vec![0.0f64; side];
        let mut ys = vec![0.0f64; side];
        for py in 0..PHASES {
            for px in 0..PHASES {
                // Centre offset from the centre pixel's middle, in pixels, in [-0.5, 0.5).
                let ox = (px as f64 + 0.5) / PHASES as f64 - 0.5;
                let oy = (py as f64 + 0.5) / PHASES as f64 - 0.5;
                let table = &mut weights[(py * PHASES + px) * side * side..][..side * side];
                for lobe in lobes {
                    // A disc of radius R has a per-axis variance of R²/4.
                    let s = ((lobe.radius * lobe.radius * 0.25 + lobe.sigma * lobe.sigma).sqrt()
                        * px_per_mm)
                        .max(1e-3);
                    let axis = |out: &mut [f64], o: f64| {
                        let mut sum = 0.0;
                        for (i, v) in out.iter_mut().enumerate() {
                            let x = i as f64 - half as f64 - o;
                            let k = 1.0 / (std::f64::consts::SQRT_2 * s);
                            *v = 0.5 * (libm::erf((x + 0.5) * k) - libm::erf((x - 0.5) * k));
                            sum += *v;
                        }
                        sum
                    };
                    let (sx, sy) = (axis(&mut xs, ox), axis(&mut ys, oy));
                    if sx <= 0.0 || sy <= 0.0 {
                        continue;
                    }
                    // Window-normalised: the pixel sums equal the lobe's weight (px² → mm²).
                    let norm = px_per_mm * px_per_mm / (sx * sy);
                    for (j, y) in ys.iter().enumerate() {
                        for (i, x) in xs.iter().enumerate() {
                            let v = x * y * norm;
                            let t = &mut table[j * side + i];
                            for (lane, w) in t.iter_mut().zip(lobe.weight) {
                                *lane += (w * v) as f32;
                            }
                        }
                    }
                }
            }
        }
        SmallKernel { half, weights }
    }

    /// Scales each dermal lane so that a dot of `amount` darkens as much on these pixels as
    /// at full resolution. Absorbance averaged over a pixel saturates less than the sharp
    /// core it stands for (an isolated dark dot would read ~25 % too dark at 2 px/mm): the
    /// scale, found by bisection on the centred phase, undoes that.
    fn match_saturation(&mut self, lobes: &[Lobe], amount: f64, px_per_mm: f64) {
        const REACH_MM: f64 = 1.5;
        const STEPS: usize = 150;
        let profile = radial_profile(lobes, REACH_MM, STEPS);
        let dr = REACH_MM / STEPS as f64;
        let side = 2 * self.half + 1;
        let centred = ((PHASES / 2) * PHASES + PHASES / 2) * side * side;
        let pixel_area = 1.0 / (px_per_mm * px_per_mm);
        for c in 0..3 {
            let truth: f64 = profile
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    let r = (i as f64 + 0.5) * dr;
                    darkening(amount * a[c], c) * 2.0 * std::f64::consts::PI * r * dr
                })
                .sum();
            let table = &self.weights[centred..centred + side * side];
            let on_pixels = |scale: f64| -> f64 {
                table
                    .iter()
                    .map(|t| darkening(scale * amount * t[c] as f64, c) * pixel_area)
                    .sum()
            };
            if truth <= 0.0 || on_pixels(1.0) <= 0.0 {
                continue;
            }
            let (mut lo, mut hi) = (0.2, 1.5);
            for _ in 0..24 {
                let mid = 0.5 * (lo + hi);
                if on_pixels(mid) < truth {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            let scale = (0.5 * (lo + hi)) as f32;
            for t in self.weights.iter_mut() {
                t[c] *= scale;
            }
        }
    }
}

/// The absorbance buffer of one draw call.
struct Splat<'a> {
    absorbance: &'a mut [f32],
    spans: &'a mut [(u32, u32)],
    clip: PixelRect,
    width: usize,
}

impl Splat<'_> {
    fn small(&mut self, kernel: &SmallKernel, c: Vec2, amount: f32) {
        let half = kernel.half as i64;
        let side = 2 * kernel.half + 1;
        let (cx, cy) = (c.x - 0.5, c.y - 0.5);
        let (rx, ry) = (cx.round(), cy.round());
        let qx = (((cx - rx + 0.5) * PHASES as f32) as usize).min(PHASES - 1);
        let qy = (((cy - ry + 0.5) * PHASES as f32) as usize).min(PHASES - 1);
        let table = &kernel.weights[(qy * PHASES + qx) * side * side..][..side * side];
        // Kernel weights are absorbance·mm² per px² scaled: divide back to per-pixel values.
        let (x0, y0) = (rx as i64 - half, ry as i64 - half);
        let xa = x0.max(self.clip.x0);
        let xb = (x0 + side as i64).min(self.clip.x1);
        if xa >= xb {
            return;
        }
        for j in 0..side as i64 {
            let y = y0 + j;
            if y < self.clip.y0 || y >= self.clip.y1 {
                continue;
            }
            let row = (y - self.clip.y0) as usize;
            let span = &mut self.spans[row];
            span.0 = span.0.min((xa - self.clip.x0) as u32);
            span.1 = span.1.max((xb - self.clip.x0) as u32);
            let base = row * self.width;
            for x in xa..xb {
                let t = &table[j as usize * side + (x - x0) as usize];
                let i = (base + (x - self.clip.x0) as usize) * LANES;
                let a = &mut self.absorbance[i..i + LANES];
                a[0] += amount * t[0];
                a[1] += amount * t[1];
                a[2] += amount * t[2];
                a[3] += amount * t[3];
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn large(
        &mut self,
        table: &RadialTable,
        c: Vec2,
        amount: f32,
        px_per_mm: f32,
        radius_px: f32,
        wobble: f32,
        phase: f32,
    ) {
        let reach_px = table.reach_mm * px_per_mm;
        let xa = ((c.x - reach_px).floor() as i64).max(self.clip.x0);
        let xb = ((c.x + reach_px).ceil() as i64 + 1).min(self.clip.x1);
        let ya = ((c.y - reach_px).floor() as i64).max(self.clip.y0);
        let yb = ((c.y + reach_px).ceil() as i64 + 1).min(self.clip.y1);
        if xa >= xb || ya >= yb {
            return;
        }
        let last = table.values.len() - 1;
        let to_bin = table.bins_per_mm / px_per_mm;
        let reach2 = reach_px * reach_px;
        // Values are absorbance per mm² of area per unit amount; a pixel is 1/ppm² mm².
        let scale = amount;
        for y in ya..yb {
            let dy = y as f32 + 0.5 - c.y;
            let row = (y - self.clip.y0) as usize;
            let span = &mut self.spans[row];
            span.0 = span.0.min((xa - self.clip.x0) as u32);
            span.1 = span.1.max((xb - self.clip.x0) as u32);
            let base = row * self.width;
            for x in xa..xb {
                let dx = x as f32 + 0.5 - c.x;
                let d2 = dx * dx + dy * dy;
                if d2 >= reach2 {
                    continue;
                }
                let mut dist = d2.sqrt();
                if wobble > 0.0 && dist > 0.0 && dist < radius_px * 1.5 {
                    let angle = libm::atan2f(dy, dx);
                    dist /= 1.0 + wobble * libm::sinf(2.0 * angle + phase);
                }
                let bin = ((dist * to_bin) as usize).min(last);
                let t = &table.values[bin];
                let i = (base + (x - self.clip.x0) as usize) * LANES;
                let a = &mut self.absorbance[i..i + LANES];
                a[0] += scale * t[0];
                a[1] += scale * t[1];
                a[2] += scale * t[2];
                a[3] += scale * t[3];
            }
        }
    }
}

/// Takes the darkening of its absorbance off every touched pixel's linear reflectance and
/// clears the buffer behind it.
fn resolve(pixmap: &mut Pixmap, absorbance: &mut [f32], spans: &[(u32, u32)], clip: PixelRect) {
    let tables = tables();
    let w = (clip.x1 - clip.x0) as usize;
    let stride = pixmap.width() as usize * 4;
    let data = pixmap.data_mut();
    for (row, &(a, b)) in spans.iter().enumerate() {
        if a >= b {
            continue;
        }
        let y = clip.y0 as usize + row;
        for x in a as usize..b as usize {
            let i = (row * w + x) * LANES;
            let abs = &mut absorbance[i..i + LANES];
            if abs[0] <= 0.0 && abs[1] <= 0.0 && abs[2] <= 0.0 && abs[3] <= 0.0 {
                continue;
            }
            let p = y * stride + (clip.x0 as usize + x) * 4;
            let surface = abs[3];
            for k in 0..3 {
                let q = ((abs[k] * ABSORBANCE_STEPS) as usize).min(tables.kept[k].len() - 1);
                let mut kept = tables.kept[k][q];
                if surface > 0.0 {
                    kept *= libm::expf(-surface * SCAB_TINT[k] as f32);
                }
                let lin = tables.linear[data[p + k] as usize] * kept;
                data[p + k] = tables.encode[((lin * 4095.0 + 0.5) as usize).min(4095)];
                abs[k] = 0.0;
            }
            abs[3] = 0.0;
        }
    }
}

/// Look-up tables of the resolve pass.
struct Tables {
    /// sRGB byte → linear reflectance.
    linear: [f32; 256],
    /// Per channel, quantised absorbance → the share of light kept, `1 − darkening(A)`.
    kept: [Vec<f32>; 3],
    /// Linear reflectance (4096 steps) → sRGB byte.
    encode: Vec<u8>,
}

fn tables() -> &'static Tables {
    static TABLES: std::sync::OnceLock<Tables> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| {
        let linear = super::photo::srgb_to_linear_table();
        let kept = [0, 1, 2].map(|c| {
            (0..=(ABSORBANCE_MAX * ABSORBANCE_STEPS) as usize)
                .map(|q| {
                    let a = (q as f64 + 0.5) / ABSORBANCE_STEPS as f64;
                    (1.0 - darkening(a, c)) as f32
                })
                .collect()
        });
        let encode = (0..4096)
            .map(|i| {
                let l = i as f64 / 4095.0;
                let v = if l <= 0.003_130_8 {
                    12.92 * l
                } else {
                    1.055 * libm::pow(l, 1.0 / 2.4) - 0.055
                };
                (v * 255.0 + 0.5).clamp(0.0, 255.0) as u8
            })
            .collect();
        Tables {
            linear,
            kept,
            encode,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::appearance::{Age, Plan, Stage};
    use crate::engine::raster::Rgba;

    fn dot(x: f64, y: f64) -> Dot {
        Dot {
            position: DVec2::new(x, y),
            diameter_mm: 0.25,
            opacity: 1.0,
            rank: 0.0,
            identity: 7,
            order: 0,
            session: 1,
            depth_mm: 0.12,
            prongs: 1,
        }
    }

    /// Mean relative darkening of linear luminance over the pixmap.
    fn darkening(pm: &Pixmap, skin: u8) -> f64 {
        let lin = crate::engine::photo::srgb_to_linear_table();
        let base = lin[skin as usize] as f64;
        let n = (pm.width() * pm.height()) as f64;
        pm.data()
            .chunks_exact(4)
            .map(|p| 1.0 - lin[p[1] as usize] as f64 / base)
            .sum::<f64>()
            / n
    }

    #[test]
    fn a_dot_darkens_the_same_at_every_zoom() {
        let plan = Plan {
            sessions: 1,
            top_up_years: None,
            shade: 1.0,
        };
        let looks = StageLooks::new(
            Stage {
                session: 1,
                age: Age::Healed,
            },
            &plan,
            &AppearanceOptions::default(),
        );
        let mut results = Vec::new();
        for ppm in [2.0f32, 4.0, 8.0, 20.0, 40.0] {
            // A 6 × 6 mm patch, one dot in the middle.
            let side = (6.0 * ppm).round() as u32;
            let mut pm = Pixmap::new(side, side, Rgba(200, 200, 200, 255)).unwrap();
            let mut r = ImpressionRenderer::default();
            let bounds = pm.bounds();
            r.draw(
                &mut pm,
                &[dot(3.0, 3.0)],
                &looks,
                |p| p.as_vec2() * ppm,
                ppm,
                bounds,
            );
            // Darkened area in mm²: mean darkening × patch area.
            results.push(darkening(&pm, 200) * 36.0);
        }
        println!("darkened area (mm²) at 2, 4, 8, 20, 40 px/mm: {results:.4?}");
        // Against the finest render: within 5 % from 4 px/mm up, 15 % at 2 px/mm (an
        // isolated dark dot, the hardest case: its saturated core is a quarter of a pixel).
        let finest = results[results.len() - 1];
        for (i, r) in results.iter().enumerate() {
            let tolerance = if i == 0 { 0.15 } else { 0.05 };
            assert!((r / finest - 1.0).abs() < tolerance, "{results:?}");
        }
        assert!(finest > 0.02, "{results:?}");
    }
}
