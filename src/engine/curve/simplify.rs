//! Ramer–Douglas–Peucker simplification of a line, as the handles' fitting uses it: which
//! points to keep so that none dropped lies more than a tolerance from the line kept, found
//! once for every tolerance the fitting tries.

use glam::DVec2;

use crate::engine::geometry::segment_distance;

/// Ramer–Douglas–Peucker: indices of the points kept so that no dropped point lies more
/// than `tolerance` mm from the simplified line. Iterative, so long strokes cannot
/// overflow the stack.
pub fn simplify(points: &[DVec2], tolerance: f64) -> Vec<usize> {
    simplify_at_most(points, tolerance, usize::MAX).unwrap_or_default()
}

/// [`simplify`], or None when it would keep more than `most` points.
pub(super) fn simplify_at_most(
    points: &[DVec2],
    tolerance: f64,
    most: usize,
) -> Option<Vec<usize>> {
    Splits::search(points, tolerance, most).kept_at(tolerance)
}

/// Ramer–Douglas–Peucker's splits of a line, for every tolerance from one up at once.
///
/// Which point splits a span does not depend on the tolerance, only whether it does: a
/// split is made at a tolerance when its point and every split's above it lie farther
/// than the tolerance from their chords. So each split is keyed by the least of those
/// distances, and found best first (a heap): the simplification at any tolerance is the
/// splits found before the key falls to it. The handles' search tries up to twenty
/// tolerances on a wild line, and simplified it anew at each: a 2,000-point zigzag's
/// unbalanced splits scanned the whole line for every kept point, seven times over.
/// The search stops past `most` points kept (the caller then simplifies more coarsely).
pub(super) struct Splits {
    points: usize,
    /// (key, the point kept), in the order found: keys never rise along the list.
    found: Vec<(f64, usize)>,
    /// When the search stopped at `most` points kept, the key of the split it did not take
    /// (any tolerance under it keeps more than `most`); else minus infinity.
    not_taken: f64,
    most: usize,
}

/// A span waiting to be split, keyed as in [`Splits`]; ordered by key for the heap.
struct Span {
    key: f64,
    a: usize,
    b: usize,
    farthest: usize,
}

impl PartialEq for Span {
    fn eq(&self, other: &Span) -> bool {
        self.cmp(other) == std::cmp::Ordering::Equal
    }
}
impl Eq for Span {}
impl PartialOrd for Span {
    fn partial_cmp(&self, other: &Span) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Span {
    fn cmp(&self, other: &Span) -> std::cmp::Ordering {
        self.key.total_cmp(&other.key)
    }
}

impl Splits {
    /// Finds the splits made at `tolerance` or any coarser one, or the first that keep more
    /// than `most` points.
    pub(super) fn search(points: &[DVec2], tolerance: f64, most: usize) -> Splits {
        let n = points.len();
        let mut found = Vec::new();
        let mut waiting = std::collections::BinaryHeap::new();
        let span = |a: usize, b: usize, above: f64| {
            let (distance, farthest) = farthest_between(points, a, b);
            Span {
                key: distance.min(above),
                a,
                b,
                farthest,
            }
        };
        if n >= 3 {
            waiting.push(span(0, n - 1, f64::INFINITY));
        }
        let mut not_taken = f64::NEG_INFINITY;
        while let Some(top) = waiting.pop() {
            if top.key <= tolerance {
                break;
            }
            if 2 + found.len() >= most {
                not_taken = top.key; // one more would keep past `most`
                break;
            }
            found.push((top.key, top.farthest));
            for (a, b) in [(top.a, top.farthest), (top.farthest, top.b)] {
                if b - a >= 2 {
                    waiting.push(span(a, b, top.key));
                }
            }
        }
        Splits {
            points: n,
            found,
            not_taken,
            most,
        }
    }

    /// The indices kept at `tolerance` (at least the search's), in order, or None past `most`.
    pub(super) fn kept_at(&self, tolerance: f64) -> Option<Vec<usize>> {
        if self.points < 3 {
            return Some((0..self.points).collect());
        }
        let made = self.found.partition_point(|&(key, _)| key > tolerance);
        if tolerance < self.not_taken || 2 + made > self.most {
            return None;
        }
        let mut kept: Vec<usize> = self.found[..made].iter().map(|&(_, i)| i).collect();
        kept.extend([0, self.points - 1]);
        kept.sort_unstable();
        Some(kept)
    }
}

/// The point strictly between `a` and `b` farthest from the chord `a`–`b`, and how far.
fn farthest_between(points: &[DVec2], a: usize, b: usize) -> (f64, usize) {
    let mut worst = (0.0, 0usize);
    for (i, &p) in points.iter().enumerate().take(b).skip(a + 1) {
        let d = segment_distance(p, points[a], points[b]).0;
        if d > worst.0 {
            worst = (d, i);
        }
    }
    worst
}
