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
//!   (1–6 px). These blend straight into the pixels (see `blend`), in order of their rows
//!   of the frame (`scratch.rs`, `DotQueue`), which keeps the pixels they touch in the cache.
//! - **large** (close-ups): the radial profile of its lobes sampled per pixel from a table
//!   (128 steps over the deposit radius + 0.8 mm), with a faint fixed two-lobe rim wobble
//!   per dot when wider than 2.5 px, so close-ups show soft, slightly irregular impressions.
//!
//! Tables are cached per stage (a new stage or model clears them; they come from a
//! process-wide store of tables by exact inputs, `kernels.rs`); sizes and depths are
//! quantised (radius in 0.005 mm steps, depth in 0.01 mm; whole-head kernels in 0.1 px
//! and 0.02 mm, so that they stay in the processor's cache) so a frame builds a few dozen
//! tables (`kernels.rs`); the pixel arithmetic is in `blend.rs`.
//! Drawing can be clipped to a rectangle, which is how a drag repaints only what changed.

use glam::{DVec2, Vec2};

use crate::engine::placement::dots::Dot;
use crate::engine::render::appearance::{AppearanceOptions, LANES};
use crate::engine::render::blend::{
    add, blend, resolve, tables, Tables, AMOUNT_MAX, FIXED_PER_UNIT,
};
use crate::engine::render::kernels::{
    large_shape_key, radial_table, small_kernel, small_shape_key, RadialTable, ShapeCache,
    ShapeKey, SmallKernel, HALO_REACH_MM, PHASES, RADIUS_STEP_MM,
};
use crate::engine::render::raster::{PixelRect, Pixmap};
use crate::engine::render::timeline::{DotLook, StageLooks};

/// Dots whose deposit radius is at most this many pixels use the small-kernel path.
pub const SMALL_RADIUS_PX: f32 = 1.5;
/// Pixels of a clip [`ImpressionRenderer::draw_in_bands`] draws at once: its absorbance
/// scratch (8 bytes a pixel) stays near 2 MB.
pub const SCRATCH_PX: usize = 1 << 18;
/// Reach of the small kernels, mm on each side of the centre pixel.
const SMALL_REACH_MM: f64 = 0.35;

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
    /// between calls; empty until a close-up dot needs it, then as long as the largest clip
    /// one was drawn in (see `Splat::absorbance`).
    absorbance: Scratch,
    /// Per row of the clip rectangle: first and one-past-last column touched.
    spans: Vec<(u32, u32)>,
    /// A call's whole-head dots, put in order of their rows before they are drawn.
    queue: DotQueue,
    /// Kernels and tables put in this renderer's caches so far (built, or found built
    /// process-wide): [`ImpressionRenderer::tables_filled`].
    filled: u64,
}

impl ImpressionRenderer {
    /// A renderer for the appearance model `options`.
    pub fn new(options: AppearanceOptions) -> ImpressionRenderer {
        ImpressionRenderer {
            options,
            ..Default::default()
        }
    }

    /// Pixels of absorbance scratch this renderer holds (tests: it stays near
    /// [`SCRATCH_PX`] whatever the clip).
    #[cfg(test)]
    pub(crate) fn scratch_px(&self) -> usize {
        self.absorbance.0.len()
    }

    /// The model's options.
    pub fn options(&self) -> &AppearanceOptions {
        &self.options
    }

    /// How many kernels and tables this renderer has put in its caches: each is built, or
    /// taken from those built process-wide. (Shows how the work of a new stage or zoom is
    /// spread over a frame in parts.)
    pub fn tables_filled(&self) -> u64 {
        self.filled
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
        self.draw_each_within(
            pixmap,
            dots.iter(),
            looks,
            to_px,
            px_per_mm,
            clip,
            &mut || true,
            None,
        );
    }

    /// As [`ImpressionRenderer::draw`], in bands of rows (each with the dots that can reach
    /// it) when the clip has more than [`SCRATCH_PX`] pixels, so that close-up dots' scratch
    /// (8 bytes a pixel of the clip) stays near 2 MB: for a contrast, drawn at the work
    /// photo's scale (close-up dots) over the whole treated region, and a view's whole frame
    /// (a compare's pictures, the first picture, an export) when it is zoomed in far
    /// enough for close-ups: issue 13's soak kept a 7.7 MB scratch from one. The pixels
    /// are those of `draw`: whole-head dots blend into the pixels in their order and
    /// close-up dots' absorbance is summed per pixel, then resolved. A frame with no dot
    /// drawn close up is drawn in one pass, as `draw` does.
    pub fn draw_in_bands(
        &mut self,
        pixmap: &mut Pixmap,
        dots: &[Dot],
        looks: &StageLooks,
        to_px: impl Fn(DVec2) -> Vec2 + Copy,
        px_per_mm: f32,
        clip: PixelRect,
    ) {
        let clip = clip.intersect(pixmap.bounds());
        let width = (clip.x1 - clip.x0).max(1) as usize;
        let band_rows = (SCRATCH_PX / width).max(1) as i64;
        let rows = clip.y1 - clip.y0;
        if rows <= band_rows {
            self.draw(pixmap, dots, looks, to_px, px_per_mm, clip);
            return;
        }
        // One pass over every dot: whole-head dots blend into the pixels at once (as in
        // `draw`), close-up dots are set aside; only they are then drawn band by band. A
        // frame with none (a whole head) costs what `draw` does: sorting every dot into
        // bands first cost a whole-head 1920 × 1080 frame 7.41 → 8.34 ms in the browser,
        // past issue 12's 8 ms. The pixels are `draw`'s: close-up dots add absorbance that
        // is resolved after every whole-head dot has blended, in either.
        let mut close_ups: Vec<&Dot> = Vec::new();
        self.draw_each_within(
            pixmap,
            dots.iter(),
            looks,
            to_px,
            px_per_mm,
            clip,
            &mut || true,
            Some(&mut close_ups),
        );
        if close_ups.is_empty() {
            return;
        }
        let count = (rows + band_rows - 1) / band_rows;
        let mut bands: Vec<Vec<&Dot>> = vec![Vec::new(); count as usize];
        // Each dot goes to the bands its own reach touches: its close-up table's widest lobe
        // (a fresh scab is wider than the deposit) plus the halo, with a radius bin and 2 px
        // to spare, not the cull's worst case (2.8 mm).
        let scab = self.options.scab_spread.max(1.0);
        let ppm = px_per_mm as f64;
        for dot in close_ups {
            let y = to_px(dot.position).y - clip.y0 as f32;
            let widest = looks.widest_radius_mm(dot, scab);
            let reach = ((widest + RADIUS_STEP_MM + HALO_REACH_MM) * ppm) as f32 + 2.0;
            if !(y.is_finite() && reach.is_finite()) {
                continue;
            }
            let first = (((y - reach) / band_rows as f32).floor() as i64).max(0);
            let last = (((y + reach) / band_rows as f32).floor() as i64).min(count - 1);
            for band in first..=last {
                bands[band as usize].push(dot);
            }
        }
        for (k, band_dots) in bands.iter().enumerate() {
            let y0 = clip.y0 + k as i64 * band_rows;
            let band = PixelRect {
                y0,
                y1: (y0 + band_rows).min(clip.y1),
                ..clip
            };
            self.draw_each_within(
                pixmap,
                band_dots.iter().copied(),
                looks,
                to_px,
                px_per_mm,
                band,
                &mut || true,
                None,
            );
        }
    }

    /// As [`ImpressionRenderer::draw`] for the dots an iterator gives (in their order: a band
    /// of a frame painted in parts draws only the dots that can reach it), asking `more()`
    /// after each kernel or table it has to build first: `false` when there was no time left, the drawing given up with
    /// the clip's pixels part-drawn (restore them before drawing it again; what was built is
    /// kept). A frame in parts so spreads the builds of a new stage or zoom over its frames
    /// like its bands: scrubbing the age timeline met about a hundred new kernels in one
    /// band, 100–180 ms at 4× CPU (issue 12). Drawing with no build costs nothing more.
    /// With `set_aside`, the dots to be drawn close up are put there instead of drawn
    /// (whole-head dots are drawn either way; see `draw_in_bands`).
    #[allow(clippy::too_many_arguments)]
    pub fn draw_each_within<'d>(
        &mut self,
        pixmap: &mut Pixmap,
        dots: impl Iterator<Item = &'d Dot>,
        looks: &StageLooks,
        to_px: impl Fn(DVec2) -> Vec2,
        px_per_mm: f32,
        clip: PixelRect,
        more: &mut impl FnMut() -> bool,
        mut set_aside: Option<&mut Vec<&'d Dot>>,
    ) -> bool {
        let clip = clip.intersect(pixmap.bounds());
        if clip.area() == 0 || !(px_per_mm.is_finite() && px_per_mm > 0.0) {
            return true;
        }
        let half = self.start_frame(looks, px_per_mm);
        let (w, h) = ((clip.x1 - clip.x0) as usize, (clip.y1 - clip.y0) as usize);
        self.spans.clear();
        self.spans.resize(h, (u32::MAX, 0));
        let years = looks.years();
        let stride = pixmap.width() as usize * 4;
        let mut splat = Splat {
            absorbance: &mut self.absorbance,
            cells: w * h,
            spans: &mut self.spans,
            clip,
            width: w,
            pixels: pixmap.data_mut(),
            stride,
            tables: tables(),
        };
        let ppm = px_per_mm as f64;
        let options = &self.options;
        let queue = &mut self.queue;
        queue.start(dots.size_hint().1.unwrap_or(0));
        for (dot, c, look, shape) in shapes_in(dots, looks, &to_px, px_per_mm, clip) {
            if let (Shape::Large(_), Some(aside)) = (shape, set_aside.as_deref_mut()) {
                aside.push(dot);
                continue;
            }
            match shape {
                Shape::Small(key) => {
                    let (slot, built) = self
                        .small
                        .slot_or_build(key, || small_kernel(key, years, options, ppm, half));
                    if built {
                        self.filled += 1;
                        if !more() {
                            splat.give_up();
                            return false;
                        }
                    }
                    queue.push(QueuedDot {
                        x: c.x,
                        y: c.y,
                        amount: look.amount as f32,
                        slot: slot as u32,
                    });
                }
                Shape::Large(key) => {
                    let (table, built) = self
                        .radial
                        .get_or_build(key, || radial_table(key, years, options));
                    if built {
                        self.filled += 1;
                        if !more() {
                            splat.give_up();
                            return false;
                        }
                    }
                    let radius_px = look.radius_mm as f32 * px_per_mm;
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
        }
        // Whole-head dots blend into the pixels in order of their rows (a stable sort, by
        // rows of the frame, so any clip draws the dots it shares with another in the same
        // order and the pixels agree to the bit). In the order they are laid (a ranked
        // tile's, far apart on purpose) each dot's rows were a cache miss: a native profile
        // put half the splat's time on loading its first pixel.
        for queued in queue.in_row_order(clip.y0 as f32 - cull_px(px_per_mm)) {
            if let Some(kernel) = self.small.at(queued.slot as usize) {
                splat.small(kernel, Vec2::new(queued.x, queued.y), queued.amount);
            }
        }
        resolve(pixmap, &mut self.absorbance.0, &self.spans, clip);
        true
    }

    /// Drops the tables of another stage or zoom; returns the small kernels' half-width.
    fn start_frame(&mut self, looks: &StageLooks, px_per_mm: f32) -> usize {
        if looks.years().to_bits() != self.years_bits {
            self.radial.clear();
            self.small.clear();
            self.years_bits = looks.years().to_bits();
        }
        if (px_per_mm as f64).to_bits() != self.small_ppm_bits {
            self.small.clear();
            self.small_ppm_bits = (px_per_mm as f64).to_bits();
        }
        // ±0.35 mm: a 3 × 3 px kernel at whole-head zoom (≈ 3.5 px/mm). Measured: 5 × 5
        // cost ~2.5× the splat time and looked the same there (the halo is folded in).
        (SMALL_REACH_MM * px_per_mm as f64).round().clamp(1.0, 6.0) as usize
    }
}

/// Which table a dot is drawn from: a whole-head kernel or a close-up's radial table.
#[derive(Clone, Copy)]
enum Shape {
    Small(ShapeKey),
    Large(ShapeKey),
}

/// The dots of `dots` that can reach `clip`, with their centre (px), their look and shape.
fn shapes_in<'d, 'a>(
    dots: impl Iterator<Item = &'d Dot> + 'a,
    looks: &'a StageLooks,
    to_px: &'a impl Fn(DVec2) -> Vec2,
    px_per_mm: f32,
    clip: PixelRect,
) -> impl Iterator<Item = (&'d Dot, Vec2, DotLook, Shape)> + 'a {
    let cull = cull_px(px_per_mm);
    let ppm = px_per_mm as f64;
    let (cx0, cy0) = (clip.x0 as f32 - cull, clip.y0 as f32 - cull);
    let (cx1, cy1) = (clip.x1 as f32 + cull, clip.y1 as f32 + cull);
    dots.filter_map(move |dot| {
        let c = to_px(dot.position);
        if !(c.x > cx0 && c.x < cx1 && c.y > cy0 && c.y < cy1) {
            return None; // also drops non-finite positions
        }
        let look = looks.of(dot)?;
        if look.amount <= 0.0 {
            return None;
        }
        let shape = if look.radius_mm as f32 * px_per_mm <= SMALL_RADIUS_PX {
            Shape::Small(small_shape_key(
                look.radius_mm,
                look.depth_mm,
                look.state,
                ppm,
            ))
        } else {
            Shape::Large(large_shape_key(
                look.radius_mm,
                look.depth_mm,
                look.state,
                ppm,
            ))
        };
        Some((dot, c, look, shape))
    })
}

/// How far (px) from its centre any dot can change a pixel at `px_per_mm`: its largest
/// deposit (< 2 mm) and halo, or the small kernel. Dots are culled by position with it
/// before they are looked at (a drag repaints a few cm² of 50k).
pub fn cull_px(px_per_mm: f32) -> f32 {
    let half = (SMALL_REACH_MM * px_per_mm as f64).round().clamp(1.0, 6.0) as f32;
    2.8 * px_per_mm + half + 2.0
}

/// How far (px) a dot of design diameter `dot_mm` can change pixels from its centre at
/// `px_per_mm`: its largest deposit (size variation × healed or scab spread) plus the halo.
pub fn reach_px(dot_mm: f64, px_per_mm: f64) -> f64 {
    let widest_radius = dot_mm * 0.5 * 1.6 * 1.6 * 3f64.sqrt();
    (widest_radius + HALO_REACH_MM.max(SMALL_REACH_MM)) * px_per_mm + 8.0
}

/// The absorbance buffer of one draw call.
struct Splat<'a> {
    /// The pixels small dots blend into directly (`stride` bytes a row).
    pixels: &'a mut [u8],
    stride: usize,
    tables: &'static Tables,
    /// Zero over the clip's cells once a close-up dot needs it (whole-head dots blend
    /// straight into the pixels): a frame of whole-head dots allocates none. It was made
    /// for every clip, 8 bytes a pixel: 8 MB for a tablet's canvas, kept as long as the
    /// renderer, the largest single block of the engine in issue 13's soak.
    absorbance: &'a mut Scratch,
    /// The clip's pixels, which `absorbance` has once it is needed.
    cells: usize,
    spans: &'a mut [(u32, u32)],
    clip: PixelRect,
    width: usize,
}

impl Splat<'_> {
    /// Leaves the absorbance zero again (as between calls) without resolving it.
    fn give_up(&mut self) {
        for (row, &(a, b)) in self.spans.iter().enumerate() {
            if a < b {
                self.absorbance.0[row * self.width + a as usize..row * self.width + b as usize]
                    .fill([0; LANES]);
            }
        }
    }

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
        // Values are absorbance per mm² per unit amount, which is the pixel's absorbance.
        let k = (amount * table.peak * FIXED_PER_UNIT).clamp(0.0, AMOUNT_MAX) as u32;
        if k == 0 {
            return;
        }
        self.absorbance.ensure(self.cells);
        let last = table.values.len() - 1;
        let to_bin = table.bins_per_mm / px_per_mm;
        // Only as far as this dot adds anything (bins_reached: the same pixels, fewer
        // visited), widened by the wobble, which can pull a pixel 1/(1 − wobble) nearer,
        // and by one bin against rounding.
        let reached_px = (table.bins_reached(k) + 1) as f32 / to_bin / (1.0 - wobble);
        let reach_px = (table.reach_mm * px_per_mm).min(reached_px);
        let xa = ((c.x - reach_px).floor() as i64).max(self.clip.x0);
        let xb = ((c.x + reach_px).ceil() as i64 + 1).min(self.clip.x1);
        let ya = ((c.y - reach_px).floor() as i64).max(self.clip.y0);
        let yb = ((c.y + reach_px).ceil() as i64 + 1).min(self.clip.y1);
        if xa >= xb || ya >= yb {
            return;
        }
        let reach2 = reach_px * reach_px;
        // The rim wobble is sin(2θ + phase) at the pixel's angle θ. With r² = dx² + dy²,
        // sin 2θ = 2·dx·dy / r² and cos 2θ = (dx² − dy²) / r², so it is
        // (2·dx·dy·cos phase + (dx² − dy²)·sin phase) / r²: no atan2 and no sine per pixel
        // (they were a third of a large splat's time).
        let (wobble_sin, wobble_cos) = (wobble * libm::sinf(phase), wobble * libm::cosf(phase));
        let wobble_reach2 = (radius_px * 1.5) * (radius_px * 1.5);
        for y in ya..yb {
            let dy = y as f32 + 0.5 - c.y;
            let across2 = reach2 - dy * dy;
            if across2 <= 0.0 {
                continue;
            }
            // This row's chord of the reach circle (a pixel more each side against
            // rounding; the distance test below decides): the square's corners are skipped.
            let across = across2.sqrt();
            let x0 = ((c.x - 0.5 - across).floor() as i64).max(xa);
            let x1 = ((c.x - 0.5 + across).ceil() as i64 + 1).min(xb);
            if x0 >= x1 {
                continue;
            }
            let row = (y - self.clip.y0) as usize;
            let span = &mut self.spans[row];
            span.0 = span.0.min((x0 - self.clip.x0) as u32);
            span.1 = span.1.max((x1 - self.clip.x0) as u32);
            let base = row * self.width;
            let cells = &mut self.absorbance.0
                [base + (x0 - self.clip.x0) as usize..base + (x1 - self.clip.x0) as usize];
            for (cell, x) in cells.iter_mut().zip(x0..x1) {
                let dx = x as f32 + 0.5 - c.x;
                let d2 = dx * dx + dy * dy;
                if d2 >= reach2 {
                    continue;
                }
                let mut dist = d2.sqrt();
                if wobble > 0.0 && d2 > 0.0 && d2 < wobble_reach2 {
                    let rim = (2.0 * dx * dy * wobble_cos + (dx * dx - dy * dy) * wobble_sin) / d2;
                    dist /= 1.0 + rim;
                }
                let bin = ((dist * to_bin) as usize).min(last);
                add(cell, &table.values[bin], k, true);
            }
        }
    }
}

mod scratch;
pub use scratch::scratch_bytes;
use scratch::{DotQueue, QueuedDot, Scratch};

#[cfg(test)]
mod tests;
