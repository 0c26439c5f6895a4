//! The hairline as a curve people draw and shape: a freehand stroke becomes a few handles,
//! and the handles become the design's `hairline` polyline.
//!
//! Pipeline, all in design millimetres (y down):
//! 1. **De-noise**: drop non-finite and repeated samples, resample the stroke every
//!    `spacing_mm` along its length (so a slow, jittery finger and a fast pen weigh the
//!    same), then a few passes of a [1, 2, 1] / 4 moving average with the ends pinned.
//! 2. **Fit handles**: Ramer–Douglas–Peucker simplification, its tolerance searched so that
//!    the line keeps between `min_handles` and `max_handles` handles (6–12 for a whole
//!    hairline); spans that stay too long are split at their arc-length middle, so a nearly
//!    straight stroke still gets evenly spread handles to shape.
//! 3. **Curve**: a centripetal Catmull–Rom spline (α = ½) through the handles, sampled
//!    `samples_per_span` times per span. Centripetal parametrisation never forms cusps or
//!    self-loops inside a span (Yuksel et al. 2011), unlike the uniform kind; it passes
//!    through every handle, so dragging a handle moves the line under the finger.
//! 4. **Redraw**: a stroke whose ends come within `snap_mm` of the line replaces only the
//!    handles between them; a stroke that leaves the line at one end replaces the line
//!    from there to that end; a stroke far from the line replaces it.
//! 5. **Mirror**: handles on one side of the facial midline are reflected onto the other,
//!    with one handle on the midline, so that handle `i` and `n − 1 − i` are partners.
//!
//! Which side gets pigment is not decided here: the density field puts it on the side of
//! the line away from the template's face, or on a photo the side holding more of the scalp
//! polygon (`placement/density.rs`), so the direction of a stroke never matters.
//! Handles are ordered left to right (first x ≤ last x) so that redraws and mirroring see
//! one orientation. Known limits: a stroke that doubles back on itself gives handles that
//! may cross; the design's validation refuses such a line with its own message.

pub mod measure;
mod mirror;
mod simplify;
mod splice;

pub use simplify::simplify;
#[cfg(test)]
use simplify::simplify_at_most;
use simplify::Splits;

use std::fmt;

use glam::DVec2;

use crate::engine::geometry::segment_distance;

pub use mirror::{handles_of_mirrored, mirror_middle, symmetrize, MIRROR_TOLERANCE_MM};
pub use splice::curve_moved;

/// Tuning of stroke fitting and curve sampling.
///
/// | field | default | unit | why |
/// |---|---|---|---|
/// | `spacing_mm` | 1.0 | mm | about one impression spacing; finer than any shape a hairline needs |
/// | `smoothing_passes` | 3 | – | removes finger tremor (≈ 1–2 mm) and keeps 10 mm bends |
/// | `min_handles` / `max_handles` | 6 / 12 | – | enough to shape temples and the mid-frontal point, few enough to grab |
/// | `tolerance_mm` | 1.5 | mm | largest departure of the handles' line from the stroke before a handle is added |
/// | `samples_per_span` | 12 | – | < 0.05 mm chord error on 20 mm spans; 133 points for 12 handles |
/// | `snap_mm` | 10.0 | mm | a stroke end this close to the line joins it (a fingertip is ≈ 10 mm wide) |
/// | `min_stroke_mm` | 8.0 | mm | shorter strokes are taps, not lines |
/// | `min_handle_gap_mm` | 3.0 | mm | closer handles are one: a wavering hand's small loop made three within 1.4 mm |
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CurveOptions {
    /// Resampling step of a stroke, mm.
    pub spacing_mm: f64,
    /// Moving-average passes over the resampled stroke.
    pub smoothing_passes: usize,
    /// Fewest handles of a whole line.
    pub min_handles: usize,
    /// Most handles of a whole line.
    pub max_handles: usize,
    /// Largest distance of the stroke from its simplified line, mm.
    pub tolerance_mm: f64,
    /// Curve samples per span between two handles.
    pub samples_per_span: usize,
    /// A stroke end within this distance of the line joins the line, mm.
    pub snap_mm: f64,
    /// Shortest stroke that counts as a line, mm.
    pub min_stroke_mm: f64,
    /// Closest two handles may be, mm: a wavering hand's small loop made handles within
    /// 1.4 mm of each other, whose touch targets lie on top of one another.
    pub min_handle_gap_mm: f64,
}

impl Default for CurveOptions {
    fn default() -> Self {
        CurveOptions {
            spacing_mm: 1.0,
            smoothing_passes: 3,
            min_handles: 6,
            max_handles: 12,
            tolerance_mm: 1.5,
            samples_per_span: 12,
            snap_mm: 10.0,
            min_stroke_mm: 8.0,
            min_handle_gap_mm: 3.0,
        }
    }
}

/// Why a stroke or a set of handles cannot make a line.
#[derive(Clone, Debug, PartialEq)]
pub enum CurveError {
    /// A coordinate was NaN or infinite.
    NotFinite,
    /// Fewer than two distinct points.
    TooFewPoints,
    /// The stroke is shorter than `min_stroke_mm`.
    TooShort {
        /// Its length, mm.
        length_mm: f64,
    },
}

impl fmt::Display for CurveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CurveError::NotFinite => write!(f, "stroke: every point must be a finite number of mm"),
            CurveError::TooFewPoints => write!(f, "stroke: needs at least two distinct points"),
            CurveError::TooShort { length_mm } => write!(
                f,
                "stroke: {length_mm:.1} mm is too short for a line; draw from temple to temple, or over the part to change"
            ),
        }
    }
}

impl std::error::Error for CurveError {}

/// Which side of the midline to keep when mirroring.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// x below the midline (the face's right, the viewer's left).
    Left,
    /// x above the midline.
    Right,
}

/// Total length of a polyline, mm.
pub fn length(points: &[DVec2]) -> f64 {
    points.windows(2).map(|w| w[0].distance(w[1])).sum()
}

/// Drops repeated points; fails on a non-finite point or fewer than two distinct points.
pub fn clean(points: &[DVec2]) -> Result<Vec<DVec2>, CurveError> {
    if points.iter().any(|p| !p.is_finite()) {
        return Err(CurveError::NotFinite);
    }
    let mut out: Vec<DVec2> = Vec::with_capacity(points.len());
    for &p in points {
        if out.last().map_or(true, |q| q.distance(p) > 1e-6) {
            out.push(p);
        }
    }
    if out.len() < 2 {
        return Err(CurveError::TooFewPoints);
    }
    Ok(out)
}

/// Points every `spacing` mm along `points` (both ends kept; the last step may be shorter).
pub fn resample(points: &[DVec2], spacing: f64) -> Vec<DVec2> {
    let (Some(&first), Some(&last)) = (points.first(), points.last()) else {
        return Vec::new();
    };
    let spacing = if spacing.is_finite() && spacing > 0.0 {
        spacing
    } else {
        1.0
    };
    let mut out = vec![first];
    let mut carried = 0.0; // distance walked since the last emitted point
    for w in points.windows(2) {
        let seg = w[1] - w[0];
        let len = seg.length();
        let mut at = spacing - carried;
        if at > len {
            carried += len;
            continue;
        }
        while at <= len {
            out.push(w[0] + seg * (at / len));
            at += spacing;
        }
        carried = len - (at - spacing);
    }
    if out
        .last()
        .is_some_and(|p| p.distance(last) < spacing * 0.25)
        && out.len() > 1
    {
        out.pop();
    }
    out.push(last);
    out
}

/// `passes` rounds of a [1, 2, 1] / 4 moving average; the two ends stay put.
pub fn smooth(points: &[DVec2], passes: usize) -> Vec<DVec2> {
    let mut pts = points.to_vec();
    if pts.len() < 3 {
        return pts;
    }
    let mut next = pts.clone();
    for _ in 0..passes {
        for i in 1..pts.len() - 1 {
            next[i] = (pts[i - 1] + pts[i] * 2.0 + pts[i + 1]) * 0.25;
        }
        std::mem::swap(&mut pts, &mut next);
    }
    pts
}

/// A de-noised stroke: cleaned, resampled every `spacing_mm`, smoothed.
pub fn denoise(stroke: &[DVec2], options: &CurveOptions) -> Result<Vec<DVec2>, CurveError> {
    let pts = clean(stroke)?;
    let len = length(&pts);
    if len < options.min_stroke_mm {
        return Err(CurveError::TooShort { length_mm: len });
    }
    Ok(smooth(
        &resample(&pts, sample_step(len, options.spacing_mm)),
        options.smoothing_passes,
    ))
}

/// Most samples a line is resampled to for fitting its handles: a 2 m line at the 1 mm
/// step (a hairline is 15–35 cm long). A longer line (a scribble; a design's 2,000-point
/// zigzag is 16 m) is sampled more coarsely, so its fitting stays within milliseconds: the
/// zigzag's 16,000 samples held the page 300–600 ms.
pub const MAX_SAMPLES: usize = 2000;

/// Points of a simplification, per handle wanted, past which the line is taken as too
/// wild for that tolerance (a hand-drawn hairline simplifies to 6–20).
const MOST_CORNERS_PER_HANDLE: usize = 16;

/// The resampling step for a line `length_mm` long: `spacing_mm`, or coarser past
/// [`MAX_SAMPLES`] samples.
fn sample_step(length_mm: f64, spacing_mm: f64) -> f64 {
    spacing_mm.max(length_mm / MAX_SAMPLES as f64)
}

/// Handles for a de-noised, evenly resampled line: between `min` and `max` of them, those
/// the simplification picks none within `options.min_handle_gap_mm` of another (handles
/// added to reach `min` are spread evenly along the line, as close as a short line needs).
fn pick_handles(line: &[DVec2], options: &CurveOptions) -> Vec<DVec2> {
    let (min, max, tolerance) = (
        options.min_handles,
        options.max_handles,
        options.tolerance_mm,
    );
    let (min, max) = (min.max(2), max.max(min.max(2)));
    // A simplification past this many points is a wild line whose handles need a coarser
    // tolerance anyway (handles kept apart from one another are fewer still).
    let most = max.saturating_mul(MOST_CORNERS_PER_HANDLE);
    let mut tol = tolerance.max(1e-3);
    let splits = Splits::search(line, tol, most);
    let simplified = |tol: f64| {
        splits
            .kept_at(tol)
            .map(|kept| apart(line, kept, options.min_handle_gap_mm))
    };
    let mut found = simplified(tol);
    // Too many: raise the tolerance until the count fits (× 1.5, at most 20 times).
    for _ in 0..20 {
        if found.as_ref().is_some_and(|idx| idx.len() <= max) {
            break;
        }
        tol *= 1.5;
        found = simplified(tol);
    }
    // (Still past `most` at 5,000 × the tolerance: the ends, then evenly spread below.)
    let mut idx = found.unwrap_or_else(|| vec![0, line.len().saturating_sub(1)]);
    if idx.len() > max {
        // Still too many (a wild scribble): keep evenly spaced ones.
        let step = (idx.len() - 1) as f64 / (max - 1) as f64;
        idx = (0..max)
            .map(|k| idx[((k as f64 * step).round() as usize).min(idx.len() - 1)])
            .collect();
        idx.dedup();
    }
    // Too few: give the missing handles to the spans whose pieces are longest (samples are
    // evenly spaced, so index gaps are lengths), then spread each span's handles evenly.
    if idx.len() < min {
        let gaps: Vec<usize> = idx.windows(2).map(|w| w[1] - w[0]).collect();
        let mut splits = vec![0usize; gaps.len()];
        for _ in idx.len()..min {
            let widest = (0..gaps.len())
                .filter(|&k| gaps[k] > splits[k] + 1)
                .max_by(|&a, &b| {
                    let piece = |k: usize| gaps[k] as f64 / (splits[k] + 1) as f64;
                    piece(a).total_cmp(&piece(b)).then(b.cmp(&a))
                });
            match widest {
                Some(k) => splits[k] += 1,
                None => break, // nothing left to split
            }
        }
        let mut spread = vec![idx[0]];
        for (k, w) in idx.windows(2).enumerate() {
            for j in 1..=splits[k] {
                let at = w[0] as f64 + gaps[k] as f64 * j as f64 / (splits[k] + 1) as f64;
                spread.push(at.round() as usize);
            }
            spread.push(w[1]);
        }
        spread.dedup();
        idx = spread;
    }
    idx.into_iter().map(|i| line[i]).collect()
}

/// The handles `idx` (indices into `line`, in order) less those within `gap` mm of a handle
/// already kept: the ends always stay, an inner handle too close to the last end goes.
fn apart(line: &[DVec2], idx: Vec<usize>, gap: f64) -> Vec<usize> {
    let Some((&last, inner)) = idx.split_last() else {
        return idx;
    };
    let mut kept: Vec<usize> = Vec::with_capacity(idx.len());
    for &i in inner {
        let p = line[i];
        let clear = |k: &usize| line[*k].distance(p) >= gap;
        if kept.iter().all(clear) && (kept.is_empty() || line[last].distance(p) >= gap) {
            kept.push(i);
        }
    }
    kept.push(last);
    kept
}

/// Puts the handles left to right (first x ≤ last x).
fn left_to_right(mut handles: Vec<DVec2>) -> Vec<DVec2> {
    if let (Some(a), Some(b)) = (handles.first(), handles.last()) {
        if a.x > b.x {
            handles.reverse();
        }
    }
    handles
}

/// Fits a whole line's handles to a freehand stroke (mm), left to right.
pub fn fit_handles(stroke: &[DVec2], options: &CurveOptions) -> Result<Vec<DVec2>, CurveError> {
    let line = denoise(stroke, options)?;
    Ok(left_to_right(pick_handles(&line, options)))
}

/// Handles for an existing polyline (a loaded design's hairline), left to right; no
/// smoothing, so the curve through them stays within about `tolerance_mm` of the line.
pub fn handles_of(polyline: &[DVec2], options: &CurveOptions) -> Result<Vec<DVec2>, CurveError> {
    let pts = clean(polyline)?;
    let line = resample(&pts, sample_step(length(&pts), options.spacing_mm));
    Ok(left_to_right(pick_handles(&line, options)))
}

/// The centripetal Catmull–Rom curve through `handles`, `samples_per_span` points per span,
/// rounded to 0.01 mm (design files stay short). Ends are continued by reflection.
pub fn curve(handles: &[DVec2], samples_per_span: usize) -> Result<Vec<DVec2>, CurveError> {
    let h = clean(handles)?;
    let steps = samples_per_span.clamp(1, 64);
    let n = h.len();
    let at = |i: isize| -> DVec2 {
        if i < 0 {
            h[0] * 2.0 - h[1]
        } else if i as usize >= n {
            h[n - 1] * 2.0 - h[n - 2]
        } else {
            h[i as usize]
        }
    };
    let mut out = Vec::with_capacity((n - 1) * steps + 1);
    for i in 0..n - 1 {
        let i = i as isize;
        let (p0, p1, p2, p3) = (at(i - 1), at(i), at(i + 1), at(i + 2));
        // Knot spacing: the square root of the chord length (α = ½), never zero.
        let knot = |a: DVec2, b: DVec2| a.distance(b).sqrt().max(1e-6);
        let t1 = knot(p0, p1);
        let t2 = t1 + knot(p1, p2);
        let t3 = t2 + knot(p2, p3);
        for s in 0..steps {
            let t = t1 + (t2 - t1) * s as f64 / steps as f64;
            let lerp = |a: DVec2, b: DVec2, ta: f64, tb: f64| {
                a * ((tb - t) / (tb - ta)) + b * ((t - ta) / (tb - ta))
            };
            let a1 = lerp(p0, p1, 0.0, t1);
            let a2 = lerp(p1, p2, t1, t2);
            let a3 = lerp(p2, p3, t2, t3);
            let b1 = lerp(a1, a2, 0.0, t2);
            let b2 = lerp(a2, a3, t1, t3);
            out.push(lerp(b1, b2, t1, t2));
        }
    }
    out.push(h[n - 1]);
    Ok(out
        .into_iter()
        .map(|p| (p * 100.0).round() / 100.0)
        .collect())
}

/// Nearest point of a polyline to `p`: (distance, arc length along the line), mm.
pub fn project(line: &[DVec2], p: DVec2) -> (f64, f64) {
    let mut best = (f64::INFINITY, 0.0);
    let mut walked = 0.0;
    for w in line.windows(2) {
        let (d, t) = segment_distance(p, w[0], w[1]);
        let len = w[0].distance(w[1]);
        if d < best.0 {
            best = (d, walked + t * len);
        }
        walked += len;
    }
    best
}

/// Arc length of each handle along the curve through them (handle `i` sits at sample
/// `i × samples_per_span`).
fn handle_positions(curve_pts: &[DVec2], handles: usize, steps: usize) -> Vec<f64> {
    let mut acc = vec![0.0; curve_pts.len()];
    for i in 1..curve_pts.len() {
        acc[i] = acc[i - 1] + curve_pts[i - 1].distance(curve_pts[i]);
    }
    (0..handles)
        .map(|i| acc[(i * steps).min(curve_pts.len() - 1)])
        .collect()
}

/// Replaces the part of the line (given by its `handles`) that `stroke` redraws; see the
/// module notes. With `mirror_x` set, the side holding most of the stroke is mirrored onto
/// the other about x = `mirror_x`. Returns the new handles, left to right.
pub fn redraw(
    handles: &[DVec2],
    stroke: &[DVec2],
    mirror_x: Option<f64>,
    options: &CurveOptions,
) -> Result<Vec<DVec2>, CurveError> {
    let line = denoise(stroke, options)?;
    let whole = |line: &[DVec2]| left_to_right(pick_handles(line, options));
    let existing = clean(handles).ok();
    let result = match existing {
        None => whole(&line),
        Some(old) => {
            let steps = options.samples_per_span.max(1);
            let old_curve = curve(&old, steps)?;
            let total = length(&old_curve).max(1e-6);
            let pos = handle_positions(&old_curve, old.len(), steps);
            let (first, last) = (line[0], line[line.len() - 1]);
            let (d0, a0) = project(&old_curve, first);
            let (d1, a1) = project(&old_curve, last);
            let (near0, near1) = (d0 <= options.snap_mm, d1 <= options.snap_mm);
            // The arc-length range [lo, hi] to replace, and the stroke oriented along the line.
            let span = if near0 && near1 && (a1 - a0).abs() >= options.min_stroke_mm {
                Some((a0.min(a1), a0.max(a1), a0 > a1))
            } else if near0 != near1 {
                let (anchor, free) = if near0 { (a0, last) } else { (a1, first) };
                // The free end heads for whichever end of the line it is nearer to.
                let to_end =
                    free.distance(old_curve[old_curve.len() - 1]) < free.distance(old_curve[0]);
                // Orientation of the stroke along the line: it runs from anchor to free end.
                let forward_stroke = near0 == to_end;
                if to_end {
                    Some((anchor, total, !forward_stroke))
                } else {
                    Some((0.0, anchor, !forward_stroke))
                }
            } else {
                None
            };
            match span {
                None => whole(&line),
                Some((lo, hi, reversed)) => {
                    let mut part = line.clone();
                    if reversed {
                        part.reverse();
                    }
                    let share = ((hi - lo) / total).clamp(0.0, 1.0);
                    let count = ((options.max_handles as f64 * share).round() as usize).max(2);
                    let part_options = CurveOptions {
                        min_handles: 2,
                        max_handles: count,
                        ..*options
                    };
                    let new_handles = pick_handles(&part, &part_options);
                    // Keep old handles clear of the new part, so no kink forms there.
                    let gap = options.min_handle_gap_mm;
                    let mut out: Vec<DVec2> = old
                        .iter()
                        .zip(&pos)
                        .filter(|&(_, &a)| a < lo - gap)
                        .map(|(&h, _)| h)
                        .collect();
                    out.extend(new_handles);
                    out.extend(
                        old.iter()
                            .zip(&pos)
                            .filter(|&(_, &a)| a > hi + gap)
                            .map(|(&h, _)| h),
                    );
                    left_to_right(out)
                }
            }
        }
    };
    Ok(match mirror_x {
        None => result,
        Some(mid) => {
            let left: f64 = line
                .windows(2)
                .filter(|w| w[0].x + w[1].x < 2.0 * mid)
                .map(|w| w[0].distance(w[1]))
                .sum();
            let keep = if left * 2.0 >= length(&line) {
                Side::Left
            } else {
                Side::Right
            };
            symmetrize(&result, mid, keep)
        }
    })
}

#[cfg(test)]
mod tests;
