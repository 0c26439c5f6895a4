//! The scale search of the whole-head kernels: the factor that makes one lane of one
//! sub-pixel phase darken exactly as the dot does at full resolution, found to the bit of a
//! 24-step bisection with a handful of evaluations. Split from `kernels.rs`, which builds
//! and caches the kernels that use it.

use crate::engine::render::appearance::{darkening, LANES};

/// One lane of one sub-pixel phase of a kernel to match: the scale `s` at which
/// [`on_pixels`]`(table, lane, amount, pixel_area, s)` reaches `truth`.
pub(super) struct ScaleProblem<'a> {
    pub(super) table: &'a [[f32; LANES]],
    pub(super) lane: usize,
    pub(super) amount: f64,
    pub(super) pixel_area: f64,
    pub(super) truth: f64,
    /// [`on_pixels`] at scale 1 (computed already).
    pub(super) at_one: f64,
    /// The scale of the previous phase, close to this one (a start for the search).
    pub(super) guess: Option<f64>,
}

/// The scales [`solve_scale`] searches, and its bisection steps: the bisection's result
/// defines the scale of a kernel (the golden images were made with it).
pub(super) const SCALE_RANGE: (f64, f64) = (0.2, 1.5);
pub(super) const BISECTION_STEPS: usize = 24;

/// How much lane `c` of a kernel `table` darkens, in mm², for a dot of `amount` scaled by
/// `scale`. The same arithmetic in the same order wherever it is used: the scale found
/// depends on its last bit.
pub(super) fn on_pixels(
    table: &[[f32; LANES]],
    c: usize,
    amount: f64,
    pixel_area: f64,
    scale: f64,
) -> f64 {
    table
        .iter()
        .map(|t| darkening(scale * amount * t[c] as f64, c) * pixel_area)
        .sum()
}

/// The scale at which lane `c` of `table` darkens `truth` mm² ([`on_pixels`]): the
/// midpoint of the bracket left by a bisection of [`SCALE_RANGE`] in [`BISECTION_STEPS`]
/// steps, to the bit, with a fifth of its evaluations.
///
/// Why: the bisection evaluated [`on_pixels`] 24 times per phase and lane (an `exp` per
/// entry each time), most of a kernel's build; a kernel is built per dot shape on the
/// first frame at every zoom, which made that frame take 0.3–0.7 s in the browser and kept
/// the `engine` fuzz target at ~230 executions/s.
///
/// How, exactly: the darkening grows with the scale (every entry is non-negative and
/// [`darkening`] increases), so one evaluation clearly below `truth` at a scale `s` tells
/// the outcome of every bisection step at a midpoint up to `s`, and one clearly above at
/// every midpoint from `s` on. "Clearly" means by more than twice a bound `err` on the
/// rounding error of [`on_pixels`] against exact arithmetic (≤ 6.3 n ε · pixel area for
/// the `1 − exp` of each of n entries, ≤ 1 ulp for libm's `exp`, plus n ε of the sum;
/// `err` takes four times that): then the computed value at the midpoint falls on the same
/// side whatever its rounding. Secant steps from the previous phase's scale find the root
/// (stopping once a step is below 10⁻⁷ of it: the next iterate is then far closer), two
/// evaluations at 1 ± 10⁻¹⁰ of it pin it, and the bisection then runs as before,
/// evaluating only the (rare) midpoints no evaluation decided: about 5.5 evaluations in
/// all instead of 25. Should an entry be negative, every midpoint is evaluated: the plain
/// bisection.
pub(super) fn solve_scale(problem: &ScaleProblem) -> f64 {
    let &ScaleProblem {
        table,
        lane: c,
        amount,
        pixel_area,
        truth,
        at_one: base,
        guess,
    } = problem;
    let f = |scale: f64| on_pixels(table, c, amount, pixel_area, scale);
    let (lo_end, hi_end) = SCALE_RANGE;
    // Scales at or below `below` darken less than `truth`, at or above `above` at least as
    // much (nothing known at first).
    let (mut below, mut above) = (f64::NEG_INFINITY, f64::INFINITY);
    let monotone = amount > 0.0
        && pixel_area > 0.0
        && base.is_finite()
        && truth.is_finite()
        && table.iter().all(|t| t[c] >= 0.0);
    if monotone {
        let n = table.len() as f64;
        let err = 4.0 * n * f64::EPSILON * (6.0 * pixel_area + 2.0 * base);
        let note = |scale: f64, value: f64, below: &mut f64, above: &mut f64| {
            if value < truth - 2.0 * err {
                *below = below.max(scale);
            } else if value >= truth + 2.0 * err {
                *above = above.min(scale);
            }
        };
        note(1.0, base, &mut below, &mut above);
        // Secant steps from 1 and the previous phase's scale, or else the proportional
        // guess (the darkening is concave and zero at zero), kept inside the range.
        let (mut s0, mut f0) = (1.0, base);
        let mut s1 = guess.unwrap_or(truth / base).clamp(lo_end, hi_end);
        for _ in 0..16 {
            if s1 == s0 {
                break;
            }
            let f1 = f(s1);
            note(s1, f1, &mut below, &mut above);
            if f1 == f0 {
                break;
            }
            let next = (s1 - (f1 - truth) * (s1 - s0) / (f1 - f0)).clamp(lo_end, hi_end);
            (s0, f0) = (s1, f1);
            let done = (next - s1).abs() <= 1e-7 * s1;
            s1 = next;
            if done {
                break;
            }
        }
        // Pin the root between two certain evaluations, widening if rounding blurs them.
        for delta in [1e-10, 1e-8, 1e-6, 1e-4] {
            if below >= hi_end || above <= lo_end || above - below <= 4.0 * delta * s1 {
                break;
            }
            let (a, b) = (s1 * (1.0 - delta), s1 * (1.0 + delta));
            if a > below {
                note(a, f(a), &mut below, &mut above);
            }
            if b < above {
                note(b, f(b), &mut below, &mut above);
            }
        }
    }
    let (mut lo, mut hi) = SCALE_RANGE;
    for _ in 0..BISECTION_STEPS {
        let mid = 0.5 * (lo + hi);
        let darker = if mid <= below {
            false
        } else if mid >= above {
            true
        } else {
            // As the bisection compared: anything not below (a NaN too) goes high.
            f(mid).partial_cmp(&truth) != Some(std::cmp::Ordering::Less)
        };
        if darker {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    0.5 * (lo + hi)
}
