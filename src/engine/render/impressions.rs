//! Pigment impressions on a pixmap: the appearance model ([`crate::engine::render::appearance`]) drawn at
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
//!   each pixel (separable `erf`), truncated to the window and renormalised, then matched
//!   to the darkening the dot has at full resolution (a pixel-averaged core saturates
//!   less): a dot darkens the same within 5 % from 2 px/mm up. h = 0.35 mm on screen
//!   (1–6 px). These blend straight into the pixels (see `blend`).
//! - **large** (close-ups): the radial profile of its lobes sampled per pixel from a table
//!   (128 steps over the deposit radius + 0.8 mm), with a faint fixed two-lobe rim wobble
//!   per dot when wider than 2.5 px, so close-ups show soft, slightly irregular impressions.
//!
//! Tables are cached per stage (a new stage or model clears them); sizes and depths are
//! quantised (radius in 5 % steps, depth in 0.01 mm) so a frame builds a few dozen tables.
//! Drawing can be clipped to a rectangle, which is how a drag repaints only what changed.

use std::sync::Arc;

use glam::{DVec2, Vec2};

use crate::engine::placement::dots::Dot;
use crate::engine::render::appearance::{
    darkened_area, darkening, lobes, radial_profile, AppearanceOptions, Lobe, LANES, SCAB_TINT,
};
use crate::engine::render::raster::{PixelRect, Pixmap};
use crate::engine::render::timeline::{DotState, StageLooks};

/// Dots whose deposit radius is at most this many pixels use the small-kernel path.
pub const SMALL_RADIUS_PX: f32 = 1.5;
/// Sub-pixel phases per axis of the small kernels.
const PHASES: usize = 4;
/// How far beyond its deposit a dot's halo is drawn in close-ups, mm (what lies further is
/// folded back in: ≈ 85 % of the darkening lies within 1 mm).
const HALO_REACH_MM: f64 = 0.8;
/// Reach of the small kernels, mm on each side of the centre pixel.
const SMALL_REACH_MM: f64 = 0.35;
/// Radial table steps.
const RADIAL_STEPS: usize = 128;
/// Absorbance in the buffer is fixed point: this many steps per unit, up to 65535 (16).
/// Integers rather than f32: half the memory (8 bytes a pixel for the four lanes) and no
/// float conversions in the resolve pass; 1/4096 is far below a visible step.
const FIXED_PER_UNIT: f32 = 4096.0;
/// The resolve pass looks darkening up in steps of 1/256 (fixed value >> 4).
const RESOLVE_SHIFT: u32 = 4;
const RESOLVE_STEPS: usize = 65536 >> RESOLVE_SHIFT;
/// Largest fixed-point amount a dot splats with (its products stay within 32 bits).
const AMOUNT_MAX: f32 = 65535.0;

/// Quantised shape of a dot: radius bin ([`RADIUS_STEP_MM`]), depth bin (0.01 mm), state.
type ShapeKey = (i32, i32, DotState);
/// Radius quantisation of the shape tables, mm.
const RADIUS_STEP_MM: f64 = 0.005;
/// Radius bins (up to 2 mm) and depth bins (up to 0.31 mm) of the table caches.
const RADIUS_BINS: usize = 401;
const DEPTH_BINS: usize = 32;

/// Tables by shape key, in a flat array: a frame looks one up per dot, so no hashing.
#[derive(Clone, Debug)]
struct ShapeCache<T> {
    slots: Vec<Option<Arc<T>>>,
}

impl<T> Default for ShapeCache<T> {
    fn default() -> Self {
        ShapeCache { slots: Vec::new() }
    }
}

impl<T> ShapeCache<T> {
    fn index(key: ShapeKey) -> usize {
        let rb = key.0.clamp(0, RADIUS_BINS as i32 - 1) as usize;
        let zb = key.1.clamp(0, DEPTH_BINS as i32 - 1) as usize;
        let state = usize::from(key.2 == DotState::Fresh);
        (state * DEPTH_BINS + zb) * RADIUS_BINS + rb
    }

    fn get_or_insert_with(&mut self, key: ShapeKey, make: impl FnOnce() -> T) -> &T {
        if self.slots.is_empty() {
            self.slots = vec![None; 2 * DEPTH_BINS * RADIUS_BINS];
        }
        self.slots[Self::index(key)].get_or_insert_with(|| Arc::new(make()))
    }

    fn clear(&mut self) {
        self.slots.iter_mut().for_each(|s| *s = None);
    }
}

/// The caches and scratch buffers of impression drawing. Create one per scene and keep it:
/// tables built for one frame serve the next.
#[derive(Clone, Debug, Default)]
pub struct ImpressionRenderer {
    options: AppearanceOptions,
    /// What the tables were built for: stage softening (years, as bits) and px/mm (bits).
    years_bits: u64,
    small_ppm_bits: u64,
    radial: ShapeCache<RadialTable>,
    small: ShapeCache<SmallKernel>,
    /// Absorbance per pixel (four lanes, fixed point) over the clip rectangle, zero
    /// between calls.
    absorbance: Vec<[u16; LANES]>,
    /// Per row of the clip rectangle: first and one-past-last column touched.
    spans: Vec<(u32, u32)>,
}

#[derive(Clone, Debug)]
struct RadialTable {
    /// Absorbance per unit amount at bin centres, per lane, as fractions of `peak` (0–65535).
    values: Vec<[u16; LANES]>,
    /// The largest value, per unit amount.
    peak: f32,
    /// Bins per mm.
    bins_per_mm: f32,
    reach_mm: f32,
}

#[derive(Clone, Debug)]
struct SmallKernel {
    half: usize,
    /// Per row, the columns inside the round footprint ([`row_range`], computed once).
    rows: Vec<(usize, usize)>,
    /// Whether any entry has surface absorbance (a fresh scab): only then is lane 3 touched.
    surface: bool,
    /// `PHASES²` tables of `(2h+1)²` entries, per lane, per unit amount (built in f32).
    weights: Vec<[f32; LANES]>,
    /// The same as fractions of `peak` (0–65535), what the splat uses.
    fixed: Vec<[u16; LANES]>,
    /// The largest entry, per unit amount.
    peak: f32,
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
        if self.absorbance.len() < w * h {
            self.absorbance = vec![[0; LANES]; w * h];
        }
        self.spans.clear();
        self.spans.resize(h, (u32::MAX, 0));
        let years = looks.years();
        // ±0.35 mm: a 3 × 3 px kernel at whole-head zoom (≈ 3.5 px/mm). Measured: 5 × 5
        // cost ~2.5× the splat time and looked the same there (the halo is folded in).
        let half = (SMALL_REACH_MM * px_per_mm as f64).round().clamp(1.0, 6.0) as usize;
        let stride = pixmap.width() as usize * 4;
        let mut splat = Splat {
            absorbance: &mut self.absorbance,
            spans: &mut self.spans,
            clip,
            width: w,
            pixels: pixmap.data_mut(),
            stride,
            tables: tables(),
        };
        // No dot reaches further than its largest deposit (< 2 mm) and halo, or the small
        // kernel: cull by position before looking at it (a drag repaints a few cm² of 50k).
        let cull = 2.8 * px_per_mm + half as f32 + 2.0;
        let (cx0, cy0) = (clip.x0 as f32 - cull, clip.y0 as f32 - cull);
        let (cx1, cy1) = (clip.x1 as f32 + cull, clip.y1 as f32 + cull);
        for dot in dots {
            let c = to_px(dot.position);
            if !(c.x > cx0 && c.x < cx1 && c.y > cy0 && c.y < cy1) {
                continue; // also drops non-finite positions
            }
            let Some(look) = looks.of(dot) else {
                continue;
            };
            if look.amount <= 0.0 {
                continue;
            }
            let radius_px = look.radius_mm as f32 * px_per_mm;
            let key = shape_key(look.radius_mm, look.depth_mm, look.state);
            if radius_px <= SMALL_RADIUS_PX {
                let kernel = self.small.get_or_insert_with(key, || {
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
                    kernel.freeze();
                    kernel
                });
                splat.small(kernel, c, look.amount as f32);
            } else {
                let table = self.radial.get_or_insert_with(key, || {
                    RadialTable::new(&key_lobes(key, years, &self.options))
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
    // Both are positive: adding ½ and truncating rounds (f64::round is a call here).
    let rb = ((radius_mm / RADIUS_STEP_MM + 0.5) as i32).max(1);
    let zb = (depth_mm * 100.0 + 0.5) as i32;
    (rb, zb, state)
}

/// A typical amount of a dot of this shape (a second session's dot at shade 0.75, healed),
/// at which small kernels are matched to the full-resolution darkening.
fn typical_amount(key: ShapeKey) -> f64 {
    // The pigment is that of the needles' area: undo the healed spread of the deposit.
    let spread = match key.2 {
        DotState::Healed => AppearanceOptions::default().healed_spread,
        DotState::Fresh => 1.0,
    };
    let radius = key.0 as f64 * RADIUS_STEP_MM / spread;
    let depth = key.1 as f64 / 100.0;
    crate::engine::render::appearance::absorbance_per_mm2(depth)
        * std::f64::consts::PI
        * radius
        * radius
        * crate::engine::render::timeline::concentration(0.75)
        * 0.8
}

/// The lobes of the shape a key stands for.
fn key_lobes(key: ShapeKey, years: f64, options: &AppearanceOptions) -> Vec<Lobe> {
    let radius = key.0 as f64 * RADIUS_STEP_MM;
    lobes(radius, key.1 as f64 / 100.0, key.2, years, options)
}

/// The radial profile a close-up draws of `lobes`, and its reach (mm): the widest deposit
/// plus [`HALO_REACH_MM`]. Whole-head kernels are matched to the same profile.
fn close_up_profile(lobes: &[Lobe]) -> (f64, Vec<[f64; LANES]>) {
    let widest = lobes.iter().map(|l| l.radius).fold(0.0, f64::max);
    let reach = widest + HALO_REACH_MM;
    (reach, radial_profile(lobes, reach, RADIAL_STEPS))
}

impl RadialTable {
    fn new(lobes: &[Lobe]) -> RadialTable {
        let (reach, profile) = close_up_profile(lobes);
        let peak = profile
            .iter()
            .flat_map(|v| v.iter().copied())
            .fold(1e-12, f64::max);
        let values = profile
            .into_iter()
            .map(|v| v.map(|x| (x / peak * 65535.0 + 0.5) as u16))
            .collect();
        RadialTable {
            values,
            peak: peak as f32,
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
                        for (i, v) in out.iter_mut().enumerate() {
                            let x = i as f64 - half as f64 - o;
                            let k = 1.0 / (std::f64::consts::SQRT_2 * s);
                            *v = 0.5 * (libm::erf((x + 0.5) * k) - libm::erf((x - 0.5) * k));
                        }
                    };
                    axis(&mut xs, ox);
                    axis(&mut ys, oy);
                    // Window-normalised over the round footprint: the pixel sums equal the
                    // lobe's weight (px² → mm²).
                    let mut inside = 0.0;
                    for (j, y) in ys.iter().enumerate() {
                        let (a, b) = row_range(half, j);
                        inside += y * xs[a..b].iter().sum::<f64>();
                    }
                    if inside <= 0.0 {
                        continue;
                    }
                    let norm = px_per_mm * px_per_mm / inside;
                    for (j, y) in ys.iter().enumerate() {
                        let (a, b) = row_range(half, j);
                        for (i, x) in xs.iter().enumerate().take(b).skip(a) {
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
        let surface = weights.iter().any(|t| t[3] > 0.0);
        SmallKernel {
            half,
            rows: (0..side).map(|j| row_range(half, j)).collect(),
            surface,
            weights,
            fixed: Vec::new(),
            peak: 1.0,
        }
    }

    /// Converts the finished weights to the fixed-point entries the splat uses.
    fn freeze(&mut self) {
        self.peak = self
            .weights
            .iter()
            .flat_map(|t| t.iter().copied())
            .fold(1e-12, f32::max);
        let k = 65535.0 / self.peak;
        self.fixed = self
            .weights
            .iter()
            .map(|t| t.map(|x| (x * k + 0.5) as u16))
            .collect();
    }

    /// Scales each dermal lane so that a dot of `amount` darkens as much on these pixels as
    /// at full resolution. Absorbance averaged over a pixel saturates less than the sharp
    /// core it stands for (an isolated dark dot would read ~25 % too dark at 2 px/mm): the
    /// scale, found by bisection for each sub-pixel phase, undoes that.
    fn match_saturation(&mut self, lobes: &[Lobe], amount: f64, px_per_mm: f64) {
        // The same profile a close-up draws (`RadialTable`), so both zooms agree.
        let (reach, profile) = close_up_profile(lobes);
        let truths = darkened_area(&profile, reach, amount);
        let side = 2 * self.half + 1;
        let pixel_area = 1.0 / (px_per_mm * px_per_mm);
        for (c, &truth) in truths.iter().enumerate() {
            if truth <= 0.0 {
                continue;
            }
            // Each sub-pixel phase spreads the dot over its pixels differently: match each.
            for table in self.weights.chunks_exact_mut(side * side) {
                let on_pixels = |scale: f64| -> f64 {
                    table
                        .iter()
                        .map(|t| darkening(scale * amount * t[c] as f64, c) * pixel_area)
                        .sum()
                };
                if on_pixels(1.0) <= 0.0 {
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
                for t in table.iter_mut() {
                    t[c] *= scale;
                }
            }
        }
    }
}

/// The columns `a..b` of row `j` of a small kernel drawn: the whole square. (A round
/// footprint, a plus of 5 px at ±1 px, was tried: no faster, and it concentrated a dot so
/// much that its darkening depended on its pigment by ±9 %.)
fn row_range(half: usize, _j: usize) -> (usize, usize) {
    (0, 2 * half + 1)
}

/// The absorbance buffer of one draw call.
struct Splat<'a> {
    /// The pixels small dots blend into directly (`stride` bytes a row).
    pixels: &'a mut [u8],
    stride: usize,
    tables: &'static Tables,
    absorbance: &'a mut [[u16; LANES]],
    spans: &'a mut [(u32, u32)],
    clip: PixelRect,
    width: usize,
}

impl Splat<'_> {
    fn small(&mut self, kernel: &SmallKernel, c: Vec2, amount: f32) {
        let half = kernel.half as i64;
        let side = 2 * kernel.half + 1;
        let (cx, cy) = (c.x - 0.5, c.y - 0.5);
        // floor(x + ½), not round(): f32::round is a libm call in wasm, floor an instruction.
        let (rx, ry) = ((cx + 0.5).floor(), (cy + 0.5).floor());
        let qx = (((cx - rx + 0.5) * PHASES as f32) as usize).min(PHASES - 1);
        let qy = (((cy - ry + 0.5) * PHASES as f32) as usize).min(PHASES - 1);
        let table = &kernel.fixed[(qy * PHASES + qx) * side * side..][..side * side];
        // Fixed-point amount: entry × amount >> 16 is the absorbance in 1/4096 steps.
        let k = (amount * kernel.peak * FIXED_PER_UNIT).clamp(0.0, AMOUNT_MAX) as u32;
        let (x0, y0) = (rx as i64 - half, ry as i64 - half);
        if x0 + side as i64 <= self.clip.x0 || x0 >= self.clip.x1 || k == 0 {
            return;
        }
        // Whole-head dots blend straight into the pixels, each multiplying in the light it
        // keeps: no buffer, no resolve pass. Where two small dots overlap this multiplies
        // their darkenings instead of adding their absorbances, which differs only where
        // both are dark (rare at whole-head density); measured: a repaint took 2.2× the
        // time through the buffer.
        let tables = self.tables;
        let inside = x0 >= self.clip.x0
            && x0 + side as i64 <= self.clip.x1
            && y0 >= self.clip.y0
            && y0 + side as i64 <= self.clip.y1;
        if inside {
            // The common case: no clipping, straight offsets.
            let mut row_start = y0 as usize * self.stride + x0 as usize * 4;
            for (j, &(a, b)) in kernel.rows.iter().enumerate() {
                let entries = &table[j * side + a..j * side + b];
                let pixels = &mut self.pixels[row_start + a * 4..row_start + b * 4];
                for (px, t) in pixels.chunks_exact_mut(4).zip(entries) {
                    blend(px, t, k, kernel.surface, tables);
                }
                row_start += self.stride;
            }
            return;
        }
        for j in 0..side as i64 {
            let y = y0 + j;
            if y < self.clip.y0 || y >= self.clip.y1 {
                continue;
            }
            let (a, b) = kernel.rows[j as usize];
            let xa = (x0 + a as i64).max(self.clip.x0);
            let xb = (x0 + b as i64).min(self.clip.x1);
            if xa >= xb {
                continue;
            }
            let entries = &table[j as usize * side + (xa - x0) as usize..][..(xb - xa) as usize];
            let start = y as usize * self.stride + xa as usize * 4;
            let pixels = &mut self.pixels[start..start + entries.len() * 4];
            for (px, t) in pixels.chunks_exact_mut(4).zip(entries) {
                blend(px, t, k, kernel.surface, tables);
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
        // Values are absorbance per mm² per unit amount, which is the pixel's absorbance.
        let k = (amount * table.peak * FIXED_PER_UNIT).clamp(0.0, AMOUNT_MAX) as u32;
        if k == 0 {
            return;
        }
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
                add(
                    &mut self.absorbance[base + (x - self.clip.x0) as usize],
                    t,
                    k,
                    true,
                );
            }
        }
    }
}

/// Adds `entry × k >> 16` to each lane of `cell`, saturating (lane 3, the surface, only
/// when `surface`).
#[inline(always)]
fn add(cell: &mut [u16; LANES], entry: &[u16; LANES], k: u32, surface: bool) {
    for lane in 0..3 {
        let v = (entry[lane] as u32 * k) >> 16;
        cell[lane] = cell[lane].saturating_add(v.min(65535) as u16);
    }
    if surface {
        let v = (entry[3] as u32 * k) >> 16;
        cell[3] = cell[3].saturating_add(v.min(65535) as u16);
    }
}

/// Takes the darkening of `entry × k >> 16` off one pixel directly, multiplying its sRGB
/// value by the light kept raised to 1/2.2: sRGB's local exponent for skin and hair tones
/// (within one level of 255 of the exact decode–multiply–encode for values above 0.3;
/// measured: the exact path made a whole-head repaint 1.6× slower).
#[inline(always)]
fn blend(px: &mut [u8], entry: &[u16; LANES], k: u32, surface: bool, tables: &Tables) {
    let a = [0, 1, 2].map(|lane| ((entry[lane] as u32 * k) >> 16).min(65535) >> RESOLVE_SHIFT);
    let s = if surface {
        ((entry[3] as u32 * k) >> 16).min(65535) >> RESOLVE_SHIFT
    } else {
        0
    };
    if a == [0, 0, 0] && s == 0 {
        return;
    }
    for c in 0..3 {
        // Masked indices into fixed-size tables: no bounds checks in the hottest loop.
        let mut m = tables.kept_encoded[c][a[c] as usize & (RESOLVE_STEPS - 1)] as u32;
        if s > 0 {
            m = (m * tables.scab_encoded[c][s as usize & (RESOLVE_STEPS - 1)] as u32) >> 16;
        }
        px[c] = ((px[c] as u32 * m + 32768) >> 16) as u8;
    }
}

/// Takes the darkening of its absorbance off every touched pixel's linear reflectance and
/// clears the buffer behind it. All integer: 16-bit linear light × 16-bit share kept.
fn resolve(
    pixmap: &mut Pixmap,
    absorbance: &mut [[u16; LANES]],
    spans: &[(u32, u32)],
    clip: PixelRect,
) {
    let tables = tables();
    let w = (clip.x1 - clip.x0) as usize;
    let stride = pixmap.width() as usize * 4;
    let data = pixmap.data_mut();
    for (row, &(a, b)) in spans.iter().enumerate() {
        if a >= b {
            continue;
        }
        let y = clip.y0 as usize + row;
        let cells = &mut absorbance[row * w + a as usize..row * w + b as usize];
        let first = y * stride + (clip.x0 as usize + a as usize) * 4;
        let pixels = &mut data[first..first + cells.len() * 4];
        for (cell, px) in cells.iter_mut().zip(pixels.chunks_exact_mut(4)) {
            if *cell == [0; LANES] {
                continue;
            }
            let surface = (cell[3] >> RESOLVE_SHIFT) as usize;
            for k in 0..3 {
                let mut kept = tables.kept[k][(cell[k] >> RESOLVE_SHIFT) as usize] as u32;
                if surface > 0 {
                    kept = (kept * tables.scab[k][surface] as u32) >> 16;
                }
                let lin = (tables.linear[px[k] as usize] as u32 * kept) >> 20;
                px[k] = tables.encode[lin as usize];
            }
            *cell = [0; LANES];
        }
    }
}

/// Look-up tables of the resolve pass, 16-bit fixed point.
struct Tables {
    /// sRGB byte → linear reflectance (0–65535).
    linear: [u16; 256],
    /// Per channel, absorbance step (1/256) → the share of light kept, `1 − darkening(A)`.
    kept: [Vec<u16>; 3],
    /// Per channel, surface absorbance step → the share a scab lets through.
    scab: [Vec<u16>; 3],
    /// Linear reflectance (4096 steps) → sRGB byte.
    encode: Vec<u8>,
    /// `kept` and `scab` raised to 1/2.2, for multiplying sRGB values directly.
    kept_encoded: Box<[[u16; RESOLVE_STEPS]; 3]>,
    scab_encoded: Box<[[u16; RESOLVE_STEPS]; 3]>,
}

fn tables() -> &'static Tables {
    static TABLES: std::sync::OnceLock<Tables> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| {
        let lin = crate::engine::photo::image::srgb_to_linear_table();
        let linear = lin.map(|l| (l as f64 * 65535.0 + 0.5) as u16);
        let step =
            |q: usize| (q as f64 + 0.5) / (FIXED_PER_UNIT as f64 / (1 << RESOLVE_SHIFT) as f64);
        let kept = [0, 1, 2].map(|c| {
            (0..RESOLVE_STEPS)
                .map(|q| ((1.0 - darkening(step(q), c)) * 65535.0 + 0.5) as u16)
                .collect()
        });
        let scab = [0, 1, 2].map(|c| {
            (0..RESOLVE_STEPS)
                .map(|q| {
                    let a = if q == 0 { 0.0 } else { step(q) };
                    (libm::exp(-a * SCAB_TINT[c]) * 65535.0 + 0.5) as u16
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
        let encoded = |t: &[Vec<u16>; 3]| {
            let mut out = Box::new([[0u16; RESOLVE_STEPS]; 3]);
            for (o, src) in out.iter_mut().zip(t) {
                for (v, &x) in o.iter_mut().zip(src) {
                    *v = (libm::pow(x as f64 / 65535.0, 1.0 / 2.2) * 65535.0 + 0.5) as u16;
                }
            }
            out
        };
        let (kept_encoded, scab_encoded) = (encoded(&kept), encoded(&scab));
        Tables {
            linear,
            kept,
            scab,
            encode,
            kept_encoded,
            scab_encoded,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::render::raster::Rgba;
    use crate::engine::render::timeline::{Age, Plan, Stage};

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
        let lin = crate::engine::photo::image::srgb_to_linear_table();
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
        // Against the finest render, within 5 % (an isolated dark dot, the hardest case:
        // at 2 px/mm its saturated core is a quarter of a pixel).
        let finest = results[results.len() - 1];
        for r in &results {
            assert!((r / finest - 1.0).abs() < 0.05, "{results:?}");
        }
        assert!(finest > 0.02, "{results:?}");
    }
}
