//! The shapes whole-head and close-up impressions are drawn from, built from the
//! appearance model's lobes and cached by a quantised shape key (deposit radius in
//! 0.005 mm, depth in 0.01 mm, fresh or healed):
//! - [`SmallKernel`]: per sub-pixel phase, a `(2h+1)²` pixel kernel, each lobe a Gaussian
//!   of the disc's variance plus its blur integrated exactly over each pixel (separable
//!   `erf`), renormalised to the window and matched to the darkening the dot has at full
//!   resolution (the scale of a 24-step bisection, found with a fifth of its evaluations
//!   and to the bit by [`solve_scale`]: the build was most of a scene's first frame);
//! - [`RadialTable`]: the radial profile a close-up samples per pixel.
//!
//! Both keep fixed-point entries (fractions of their peak) for the splat of
//! `impressions.rs`. Both, and the [`ShapeData`] they start from, are also kept
//! process-wide by their exact inputs ([`small_kernel`], [`radial_table`]; 4 MB at most), so
//! a scene that returns to a zoom, or another scene of the same look, finds them built.

use std::sync::Arc;

use crate::engine::render::appearance::{
    absorbance_per_mm2, darkened_area, lobes, radial_profile, AppearanceOptions, Lobe, LANES,
};
use crate::engine::render::timeline::{concentration, DotState};

/// Sub-pixel phases per axis of the small kernels.
pub(super) const PHASES: usize = 4;

/// How far beyond its deposit a dot's halo is drawn in close-ups, mm (what lies further is
/// folded back in: ≈ 85 % of the darkening lies within 1 mm).
pub(super) const HALO_REACH_MM: f64 = 0.8;

/// Radial table steps.
pub(super) const RADIAL_STEPS: usize = 128;

/// Quantised shape of a dot: radius bin ([`RADIUS_STEP_MM`]), depth bin (0.01 mm), state.
pub(super) type ShapeKey = (i32, i32, DotState);

/// Radius quantisation of the shape tables, mm.
pub(super) const RADIUS_STEP_MM: f64 = 0.005;

/// Radius bins (up to 2 mm) and depth bins (up to 0.31 mm) of the table caches.
pub(super) const RADIUS_BINS: usize = 401;

pub(super) const DEPTH_BINS: usize = 32;

mod cache;
pub(super) use cache::ShapeCache;

/// Bytes of the tables and kernels kept process-wide now: a bounded cache (past
/// [`SHARED_BYTES`], those no scene holds are dropped; the ones scenes hold stay, and
/// counted), which a reading of the memory in use tells from growth as it does the spare
/// frames.
pub fn shared_table_bytes() -> usize {
    SHARED
        .lock()
        .map(|s| s.as_ref().map_or(0, |s| s.bytes))
        .unwrap_or(0)
}

/// Forgets every table and kernel built so far in this process, as a page that has just
/// started has none: for the benchmark of a page's first picture (`benches/engine.rs`).
/// Scenes keep the ones they hold.
#[doc(hidden)]
pub fn forget_built_tables() {
    *SHARED.lock().unwrap_or_else(|e| e.into_inner()) = None;
}

/// The exact inputs a table is built from: its shape key, the years that soften it (bits)
/// and the appearance model (bits of each field); a small kernel adds px/mm (bits) and its
/// half-width.
type TableInputs = (ShapeKey, u64, [u64; 8]);
type KernelInputs = (TableInputs, u64, usize);

/// Tables and kernels already built in this process, by their exact inputs, so that a
/// scene returning to a zoom, a second scene of the same look (the page's engine worker,
/// a clone, the fuzz targets' many small scenes) reuses them: the same inputs build the
/// same bits, so a table from here is the one the scene would build. Bounded: when the
/// entries pass [`SHARED_BYTES`], those no scene holds are dropped. (All were dropped once:
/// the ones scenes held stayed alive but left the count, so the soak's reading of the
/// engine's memory in use, which leaves these tables out, swung by a megabyte with when the
/// store had last been emptied.) Each entry keeps its size in bytes.
#[derive(Default)]
struct Shared {
    shapes: Entries<TableInputs, ShapeData>,
    radial: Entries<TableInputs, RadialTable>,
    small: Entries<KernelInputs, SmallKernel>,
    bytes: usize,
}

type Entries<K, T> = std::collections::HashMap<K, (Arc<T>, usize)>;

impl Shared {
    /// Drops the entries no scene holds (only the store's `Arc` is left) and recounts.
    fn drop_unused(&mut self) {
        fn keep<K, T>(entries: &mut Entries<K, T>) -> usize {
            entries.retain(|_, (table, _)| Arc::strong_count(table) > 1);
            entries.values().map(|(_, size)| size).sum()
        }
        self.bytes = keep(&mut self.shapes) + keep(&mut self.radial) + keep(&mut self.small);
    }
}

/// Memory the process-wide tables may hold: a whole-head frame at one zoom needs a few
/// hundred shapes and kernels of 3–5 KB each (more when zoomed in).
const SHARED_BYTES: usize = 4 << 20;

static SHARED: std::sync::Mutex<Option<Shared>> = std::sync::Mutex::new(None);

fn table_inputs(key: ShapeKey, years: f64, options: &AppearanceOptions) -> TableInputs {
    let o = options;
    let model = [
        o.healed_spread,
        o.scab_spread,
        o.scab_mass,
        o.redness_mass,
        o.first_session_kept,
        o.later_session_kept,
        o.fade_per_year,
        o.spread_per_year,
    ];
    (key, years.to_bits(), model.map(f64::to_bits))
}

/// Looks `inputs` up in the process-wide store (`pick` chooses the map), or builds it with
/// `make` (outside the lock) and keeps it.
fn shared<K: std::hash::Hash + Eq, T>(
    inputs: K,
    pick: fn(&mut Shared) -> &mut Entries<K, T>,
    bytes: fn(&T) -> usize,
    make: impl FnOnce() -> T,
) -> Arc<T> {
    let lock = || SHARED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((found, _)) = pick(lock().get_or_insert_with(Shared::default)).get(&inputs) {
        return found.clone();
    }
    let made = Arc::new(make());
    let size = bytes(&made);
    let mut guard = lock();
    let store = guard.get_or_insert_with(Shared::default);
    if store.bytes + size > SHARED_BYTES {
        store.drop_unused();
    }
    if let Some((old, old_size)) = pick(store).insert(inputs, (made.clone(), size)) {
        // Built twice at once (two threads): the first one's entry is replaced.
        drop(old);
        store.bytes -= old_size;
    }
    store.bytes += size;
    made
}

/// What every table of one shape starts from, whatever the zoom: its lobes, the radial
/// profile a close-up draws ([`close_up_profile`]) and the darkening of a dot of
/// [`typical_amount`] with that profile, per channel (what small kernels are matched to).
pub(super) struct ShapeData {
    pub(super) lobes: Vec<Lobe>,
    pub(super) reach: f64,
    pub(super) profile: Vec<[f64; LANES]>,
    pub(super) amount: f64,
    pub(super) truths: [f64; 3],
}

impl ShapeData {
    pub(super) fn new(key: ShapeKey, years: f64, options: &AppearanceOptions) -> ShapeData {
        let lobes = key_lobes(key, years, options);
        let (reach, profile) = close_up_profile(&lobes);
        let amount = typical_amount(key);
        let truths = darkened_area(&profile, reach, amount);
        ShapeData {
            lobes,
            reach,
            profile,
            amount,
            truths,
        }
    }
}

/// The [`ShapeData`] of `key` at `years` under `options`, shared process-wide (a zoom
/// change builds new kernels from the same profile).
fn shape_data(key: ShapeKey, years: f64, options: &AppearanceOptions) -> Arc<ShapeData> {
    shared(
        table_inputs(key, years, options),
        |s| &mut s.shapes,
        |d| std::mem::size_of_val(d.profile.as_slice()) + 512,
        || ShapeData::new(key, years, options),
    )
}

/// The close-up table of `key` at `years` under `options`, shared process-wide.
pub(super) fn radial_table(
    key: ShapeKey,
    years: f64,
    options: &AppearanceOptions,
) -> Arc<RadialTable> {
    shared(
        table_inputs(key, years, options),
        |s| &mut s.radial,
        |t| std::mem::size_of_val(t.values.as_slice()) + 64,
        || {
            let data = shape_data(key, years, options);
            RadialTable::from_profile(data.reach, &data.profile)
        },
    )
}

/// The small kernel of `key` at `years` under `options`, `2·half + 1` px wide at
/// `px_per_mm`, matched to its full-resolution darkening and frozen, shared process-wide.
pub(super) fn small_kernel(
    key: ShapeKey,
    years: f64,
    options: &AppearanceOptions,
    px_per_mm: f64,
    half: usize,
) -> Arc<SmallKernel> {
    shared(
        (table_inputs(key, years, options), px_per_mm.to_bits(), half),
        |s| &mut s.small,
        |k| {
            std::mem::size_of_val(k.weights.as_slice())
                + std::mem::size_of_val(k.fixed.as_slice())
                + std::mem::size_of_val(k.rows.as_slice())
                + 64
        },
        || SmallKernel::build(&shape_data(key, years, options), px_per_mm, half),
    )
}

#[derive(Clone, Debug)]
pub(super) struct RadialTable {
    /// Absorbance per unit amount at bin centres, per lane, as fractions of `peak` (0–65535).
    pub(super) values: Vec<[u16; LANES]>,
    /// The largest value, per unit amount.
    pub(super) peak: f32,
    /// Bins per mm.
    pub(super) bins_per_mm: f32,
    pub(super) reach_mm: f32,
    /// Per bin, the largest value of any lane at that bin or beyond (non-increasing): how far
    /// a dot of a given amount still adds anything ([`RadialTable::bins_reached`]).
    pub(super) tail_max: Vec<u16>,
}

#[derive(Clone, Debug)]
pub(super) struct SmallKernel {
    pub(super) half: usize,
    /// Per row, the columns inside the round footprint ([`row_range`], computed once).
    pub(super) rows: Vec<(usize, usize)>,
    /// Whether any entry has surface absorbance (a fresh scab): only then is lane 3 touched.
    pub(super) surface: bool,
    /// `PHASES²` tables of `(2h+1)²` entries, per lane, per unit amount (built in f32).
    pub(super) weights: Vec<[f32; LANES]>,
    /// The same as fractions of `peak` (0–65535), what the splat uses.
    pub(super) fixed: Vec<[u16; LANES]>,
    /// The largest entry, per unit amount.
    pub(super) peak: f32,
}

/// The quantised key of a dot's shape.
pub(super) fn shape_key(radius_mm: f64, depth_mm: f64, state: DotState) -> ShapeKey {
    // Both are positive: adding ½ and truncating rounds (f64::round is a call here).
    let rb = ((radius_mm / RADIUS_STEP_MM + 0.5) as i32).max(1);
    let zb = (depth_mm * 100.0 + 0.5) as i32;
    (rb, zb, state)
}

/// Radius step of the whole-head (small) kernels, px on screen. Finer steps change no
/// pixel a viewer could tell apart, and fewer kernels stay in the processor's cache: at the
/// whole-head view a frame of 47k dots met 843 kernels in the 0.005 mm steps of
/// [`shape_key`] (about 1 MB of tables), and missing the cache on them was most of the
/// splat's time.
pub(super) const SMALL_RADIUS_STEP_PX: f64 = 0.1;

/// Depth step of the whole-head kernels, mm (the close-up tables keep 0.01 mm).
pub(super) const SMALL_DEPTH_STEP_MM: f64 = 0.02;

/// The quantised key of a whole-head dot's kernel at `px_per_mm`: the radius to
/// [`SMALL_RADIUS_STEP_PX`] on screen, the depth to [`SMALL_DEPTH_STEP_MM`]. The dot's
/// amount of pigment stays its own; only the shape it is spread with is shared.
pub(super) fn small_shape_key(
    radius_mm: f64,
    depth_mm: f64,
    state: DotState,
    px_per_mm: f64,
) -> ShapeKey {
    let depth = (depth_mm / SMALL_DEPTH_STEP_MM + 0.5) as i32 as f64 * SMALL_DEPTH_STEP_MM;
    shape_key(radius_on_screen(radius_mm, px_per_mm), depth, state)
}

/// `radius_mm` rounded to [`SMALL_RADIUS_STEP_PX`] on screen at `px_per_mm`, never finer
/// than [`RADIUS_STEP_MM`].
fn radius_on_screen(radius_mm: f64, px_per_mm: f64) -> f64 {
    let step_mm = (SMALL_RADIUS_STEP_PX / px_per_mm).max(RADIUS_STEP_MM);
    (radius_mm / step_mm + 0.5) as i32 as f64 * step_mm
}

/// The quantised key of a close-up dot's radial table at `px_per_mm`: the radius to
/// [`SMALL_RADIUS_STEP_PX`] on screen (never finer than [`RADIUS_STEP_MM`]), the depth as
/// [`shape_key`] has it. Zoomed out to a phone's whole head (about 5 px/mm) the dots just
/// past the small kernels met about 300 shapes on a first picture, each a profile to build
/// (most of its kernels' time); 0.1 px of radius is not a difference a viewer can see.
pub(super) fn large_shape_key(
    radius_mm: f64,
    depth_mm: f64,
    state: DotState,
    px_per_mm: f64,
) -> ShapeKey {
    shape_key(radius_on_screen(radius_mm, px_per_mm), depth_mm, state)
}

/// A typical amount of a dot of this shape (a second session's dot at shade 0.75, healed),
/// at which small kernels are matched to the full-resolution darkening.
pub(super) fn typical_amount(key: ShapeKey) -> f64 {
    // The pigment is that of the needles' area: undo the healed spread of the deposit.
    let spread = match key.2 {
        DotState::Healed => AppearanceOptions::default().healed_spread,
        DotState::Fresh => 1.0,
    };
    let radius = key.0 as f64 * RADIUS_STEP_MM / spread;
    let depth = key.1 as f64 / 100.0;
    absorbance_per_mm2(depth) * std::f64::consts::PI * radius * radius * concentration(0.75) * 0.8
}

/// The lobes of the shape a key stands for.
pub(super) fn key_lobes(key: ShapeKey, years: f64, options: &AppearanceOptions) -> Vec<Lobe> {
    let radius = key.0 as f64 * RADIUS_STEP_MM;
    lobes(radius, key.1 as f64 / 100.0, key.2, years, options)
}

/// The radial profile a close-up draws of `lobes`, and its reach (mm): the widest deposit
/// plus [`HALO_REACH_MM`]. Whole-head kernels are matched to the same profile.
pub(super) fn close_up_profile(lobes: &[Lobe]) -> (f64, Vec<[f64; LANES]>) {
    let widest = lobes.iter().map(|l| l.radius).fold(0.0, f64::max);
    let reach = widest + HALO_REACH_MM;
    (reach, radial_profile(lobes, reach, RADIAL_STEPS))
}

impl RadialTable {
    /// The table of a close-up `profile` ([`close_up_profile`]) reaching `reach` mm.
    pub(super) fn from_profile(reach: f64, profile: &[[f64; LANES]]) -> RadialTable {
        let peak = profile
            .iter()
            .flat_map(|v| v.iter().copied())
            .fold(1e-12, f64::max);
        let values: Vec<[u16; LANES]> = profile
            .iter()
            .map(|v| v.map(|x| (x / peak * 65535.0 + 0.5) as u16))
            .collect();
        let mut tail_max = vec![0u16; values.len()];
        let mut running = 0u16;
        for (i, v) in values.iter().enumerate().rev() {
            running = running.max(v.iter().copied().max().unwrap_or(0));
            tail_max[i] = running;
        }
        RadialTable {
            values,
            peak: peak as f32,
            bins_per_mm: (RADIAL_STEPS as f64 / reach) as f32,
            reach_mm: reach as f32,
            tail_max,
        }
    }

    /// How many bins a dot of fixed-point amount `k` reaches: in every bin from this one on,
    /// every lane's `value × k >> 16` is 0, so those pixels would add nothing. The halo's
    /// faint tail is most of a close-up dot's footprint (it reaches 0.8 mm past the
    /// deposit); a light dot stops well before it, with the same pixels.
    pub(super) fn bins_reached(&self, k: u32) -> usize {
        // tail_max is non-increasing: the first bin where even the largest remaining value
        // adds nothing.
        self.tail_max.partition_point(|&v| (v as u32 * k) >> 16 > 0)
    }
}

impl SmallKernel {
    /// The finished kernel of a shape at `px_per_mm`, `2·half + 1` px wide: built, matched
    /// to the shape's full-resolution darkening, frozen.
    pub(super) fn build(data: &ShapeData, px_per_mm: f64, half: usize) -> SmallKernel {
        let mut kernel = SmallKernel::new(&data.lobes, px_per_mm, half);
        kernel.match_saturation(data, px_per_mm);
        kernel.freeze();
        kernel
    }

    /// Pixel-integrated kernels of `lobes` at `px_per_mm`, `2·half + 1` px wide, for each
    /// sub-pixel phase; every lobe keeps its whole weight inside the window.
    pub(super) fn new(lobes: &[Lobe], px_per_mm: f64, half: usize) -> SmallKernel {
        let side = 2 * half + 1;
        let mut weights = vec![[0.0f32; LANES]; PHASES * PHASES * side * side];
        // Centre offset from the centre pixel's middle, in pixels, in [-0.5, 0.5), of each
        // sub-pixel phase (the same along x and y).
        let offset = |phase: usize| (phase as f64 + 0.5) / PHASES as f64 - 0.5;
        for lobe in lobes {
            // A disc of radius R has a per-axis variance of R²/4.
            let s = ((lobe.radius * lobe.radius * 0.25 + lobe.sigma * lobe.sigma).sqrt()
                * px_per_mm)
                .max(1e-3);
            let k = 1.0 / (std::f64::consts::SQRT_2 * s);
            // The lobe's pixel integrals along one axis, per phase: a table of the 16 phases
            // takes its x and y factors from these 4, the same numbers in the same order
            // (they were worked out per table: 8× the `erf` calls; a phone's first picture,
            // `cargo bench --bench engine -- phone`, runs 2.2 % fewer instructions).
            let axes: [Vec<f64>; PHASES] = std::array::from_fn(|phase| {
                (0..side)
                    .map(|i| {
                        let x = i as f64 - half as f64 - offset(phase);
                        0.5 * (libm::erf((x + 0.5) * k) - libm::erf((x - 0.5) * k))
                    })
                    .collect()
            });
            for py in 0..PHASES {
                for px in 0..PHASES {
                    let table = &mut weights[(py * PHASES + px) * side * side..][..side * side];
                    let (xs, ys) = (&axes[px], &axes[py]);
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
    pub(super) fn freeze(&mut self) {
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
    /// scale, defined by a 24-step bisection for each sub-pixel phase ([`solve_scale`]),
    /// undoes that.
    ///
    /// Phases that are mirror images of each other share one scale, found on the first of
    /// them ([`phase_class`]): their tables hold the same values in another order (the
    /// phase offsets are symmetric about the pixel's centre, `erf` is odd, and a table is
    /// the product of its two axes), so they darken alike to the last bits of a sum. Of the
    /// 16 phases, 3 are solved: the search evaluates an `exp` per entry many times, and was
    /// most of a kernel's build, which a first picture does for every dot shape it meets
    /// (issue 12: about 30 ms of a phone's first picture at 1×, in the browser's baseline
    /// code).
    pub(super) fn match_saturation(&mut self, data: &ShapeData, px_per_mm: f64) {
        self.match_saturation_with(data, px_per_mm, solve_scale);
    }

    /// [`SmallKernel::match_saturation`] with the scale found by `solve` (the tests pass
    /// the plain bisection, to compare).
    fn match_saturation_with(
        &mut self,
        data: &ShapeData,
        px_per_mm: f64,
        solve: impl Fn(&ScaleProblem) -> f64,
    ) {
        // Matched to the profile a close-up draws (`RadialTable`), so both zooms agree.
        let amount = data.amount;
        let side = 2 * self.half + 1;
        let pixel_area = 1.0 / (px_per_mm * px_per_mm);
        for (lane, &truth) in data.truths.iter().enumerate() {
            if truth <= 0.0 {
                continue;
            }
            let mut guess = None;
            // The scale of each class of mirrored phases, once solved (None: nothing to
            // scale, the lane is empty there).
            let mut solved: [Option<Option<f32>>; PHASES * PHASES] = [None; PHASES * PHASES];
            // Each sub-pixel phase spreads the dot over its pixels differently: match each
            // class of phases, on its first table.
            for (phase, table) in self.weights.chunks_exact_mut(side * side).enumerate() {
                let class = phase_class(phase);
                let scale = *solved[class].get_or_insert_with(|| {
                    let at_one = on_pixels(table, lane, amount, pixel_area, 1.0);
                    (at_one > 0.0).then(|| {
                        let found = solve(&ScaleProblem {
                            table,
                            lane,
                            amount,
                            pixel_area,
                            truth,
                            at_one,
                            guess,
                        });
                        guess = Some(found);
                        found as f32
                    })
                });
                if let Some(scale) = scale {
                    for t in table.iter_mut() {
                        t[lane] *= scale;
                    }
                }
            }
        }
    }
}

/// The class of sub-pixel phase `phase` (a table's index, `py · PHASES + px`) under the
/// mirrors that map the kernel's tables onto each other: left–right (`px ↔ PHASES−1−px`),
/// up–down, and the diagonal (`px ↔ py`). Phases of one class share a scale
/// ([`SmallKernel::match_saturation`]); the class is the index of its first phase.
pub(super) fn phase_class(phase: usize) -> usize {
    let fold = |p: usize| p.min(PHASES - 1 - p);
    let (y, x) = (fold(phase / PHASES), fold(phase % PHASES));
    x.min(y) * PHASES + x.max(y)
}

/// The columns `a..b` of row `j` of a small kernel drawn: the whole square. (A round
/// footprint, a plus of 5 px at ±1 px, was tried: no faster, and it concentrated a dot so
/// much that its darkening depended on its pigment by ±9 %.)
pub(super) fn row_range(half: usize, _j: usize) -> (usize, usize) {
    (0, 2 * half + 1)
}

mod scale;
use scale::{on_pixels, solve_scale, ScaleProblem};

#[cfg(test)]
mod tests;
