//! A handle dragged changes the hairline only near it: the curve through the new handles
//! is spliced into the line as it was, between the unmoved handles two places either side.
//!
//! Why: the centripetal Catmull–Rom span between handles k and k + 1 is shaped by handles
//! k − 1 to k + 2 only, so a moved handle i changes the curve between handles i − 2 and
//! i + 2 and nowhere else. Yet a preset's or an imported line is not the curve through its
//! handles (a preset's 65 points against the curve's 121), and rebuilding the whole line on
//! a drag's first move shifted every part of it by a fraction of a millimetre: the client
//! saw the far temple stir when the middle was dragged, and the engine re-laid every dot of
//! the scalp in that frame (a fresh page's first press at 4× CPU took 83–100 ms between two
//! frames, issue 12). Spliced, the rest of the line keeps its very points, and the engine
//! re-lays only the area the moved part reaches (`placement/relayout.rs` compares
//! segments).
//!
//! A line that is already the curve through its handles gets exactly the curve through the
//! new ones (tested), so strokes and drags on a drawn line behave as before. Where the
//! handles do not lie on the line (they were mirrored first, or the line was replaced
//! meanwhile), there is nothing to splice into: the whole curve is returned.

use glam::DVec2;

use super::{clean, curve, CurveError};
use crate::engine::design::MAX_POINTS;
use crate::engine::geometry::segment_distance;

/// How far a handle may lie from the line and still mark where to cut it, mm: handles are
/// picked on the line (`handles_of`), a symmetric line's right half reflected from its left
/// within the mirror's tolerance (0.05 mm); a handle farther than this was not taken from
/// this line.
const ON_LINE_MM: f64 = 0.1;

/// Points closer than this are one, mm (as `clean` has it).
const SAME_POINT_MM: f64 = 1e-6;

/// The line after handles `before` became `after` (the same count: a drag or a nudge): the
/// curve through `after` where it differs from the curve through `before`, `line` as it was
/// elsewhere. `samples_per_span` as for [`curve`]. When the handles do not lie on `line`,
/// or their count changed, the whole curve through `after`.
pub fn curve_moved(
    line: &[DVec2],
    before: &[DVec2],
    after: &[DVec2],
    samples_per_span: usize,
) -> Result<Vec<DVec2>, CurveError> {
    let whole = || curve(after, samples_per_span);
    let n = after.len();
    // (`curve` drops a handle repeated in place, and then handle i is not sample i × steps.)
    let distinct = |h: &[DVec2]| clean(h).is_ok_and(|c| c.len() == h.len());
    if before.len() != n || n < 2 || line.len() < 2 || !distinct(after) || !distinct(before) {
        return whole();
    }
    if line.iter().any(|p| !p.is_finite()) {
        return whole();
    }
    let changed: Vec<usize> = (0..n).filter(|&i| before[i] != after[i]).collect();
    if changed.is_empty() {
        return Ok(line.to_vec());
    }
    // Runs of moved handles whose reaches (two handles either side) meet are one stretch.
    let mut stretches: Vec<(usize, usize)> = Vec::new();
    for &i in &changed {
        match stretches.last_mut() {
            Some((_, last)) if i <= *last + 4 => *last = i,
            _ => stretches.push((i, i)),
        }
    }
    let steps = samples_per_span.clamp(1, 64);
    let new_curve = whole()?;
    let mut out: Vec<DVec2> = Vec::with_capacity(line.len() + new_curve.len());
    let push = |out: &mut Vec<DVec2>, p: DVec2| {
        if out.last().map_or(true, |q| q.distance(p) > SAME_POINT_MM) {
            out.push(p);
        }
    };
    // Where the line as it was resumes: a vertex index and the cut before it.
    let mut resume: Option<Cut> = Some(Cut::START);
    for &(first, last) in &stretches {
        let from = first.saturating_sub(2);
        let to = (last + 2).min(n - 1);
        // The old line up to the unmoved handle `from` (none when the stretch starts at the
        // line's first handle, moved itself).
        let left = if from < first {
            let Some(cut) = cut_at(line, before[from]) else {
                return whole();
            };
            let Some(start) = resume.filter(|r| r.before(cut)) else {
                return whole();
            };
            for &p in &line[start.next_vertex()..cut.next_vertex()] {
                push(&mut out, p);
            }
            Some(cut)
        } else {
            None
        };
        for &p in &new_curve[from * steps..=to * steps] {
            push(&mut out, p);
        }
        // The old line resumes at the unmoved handle `to` (not at all when the stretch ends
        // at the line's last handle, moved itself).
        resume = if to > last {
            let Some(cut) = cut_at(line, before[to]) else {
                return whole();
            };
            if left.is_some_and(|l| !l.before(cut)) {
                return whole();
            }
            Some(cut)
        } else {
            None
        };
    }
    if let Some(start) = resume {
        for &p in &line[start.next_vertex()..] {
            push(&mut out, p);
        }
    }
    // A long line sparse where it was moved can come out longer than a design may hold: then
    // the curve alone (a drag on an opened 2,000-point line was otherwise refused).
    if out.len() > MAX_POINTS {
        return whole();
    }
    Ok(out)
}

/// A place on a polyline: segment `segment` at parameter `t` (0 at its start, 1 at its end).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Cut {
    segment: usize,
    t: f64,
}

impl Cut {
    /// Before the line's first vertex.
    const START: Cut = Cut {
        segment: 0,
        t: -1.0,
    };

    /// The index of the line's first vertex past this place. (A vertex at the place itself
    /// may count on either side: next to the curve's handle point there, one of the two is
    /// dropped as the same point.)
    fn next_vertex(self) -> usize {
        if self.t < 0.0 {
            self.segment
        } else {
            self.segment + 1
        }
    }

    fn before(self, other: Cut) -> bool {
        (self.segment, self.t) < (other.segment, other.t)
    }
}

/// Where `handle` lies on `line`: its nearest place, when within [`ON_LINE_MM`].
fn cut_at(line: &[DVec2], handle: DVec2) -> Option<Cut> {
    let mut best: Option<(f64, Cut)> = None;
    for (segment, w) in line.windows(2).enumerate() {
        let (d, t) = segment_distance(handle, w[0], w[1]);
        if best.map_or(true, |(b, _)| d < b) {
            best = Some((d, Cut { segment, t }));
        }
    }
    best.filter(|(d, _)| *d <= ON_LINE_MM).map(|(_, cut)| cut)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::curve::{handles_of, CurveOptions};

    const STEPS: usize = 12;

    /// A hairline-like arch, 65 points, that is not the curve through its handles.
    fn preset_like() -> Vec<DVec2> {
        (0..65)
            .map(|i| {
                let x = 50.0 + 120.0 * i as f64 / 64.0;
                let u = (x - 110.0) / 60.0;
                DVec2::new(x, 65.0 + 30.0 * u * u * u.abs().sqrt())
            })
            .collect()
    }

    fn handles(line: &[DVec2]) -> Vec<DVec2> {
        handles_of(line, &CurveOptions::default()).expect("handles of the arch")
    }

    #[test]
    fn a_moved_handle_changes_the_line_only_between_the_handles_two_places_either_side() {
        let line = preset_like();
        let before = handles(&line);
        let n = before.len();
        assert!(n >= 7, "{n} handles");
        let i = n / 2;
        let mut after = before.clone();
        after[i].y += 4.0;
        let moved = curve_moved(&line, &before, &after, STEPS).expect("spliced");
        let (left, right) = (before[i - 2].x, before[i + 2].x);
        // Every point of the line outside that stretch is still there, unchanged.
        for p in line
            .iter()
            .filter(|p| p.x < left - 1e-9 || p.x > right + 1e-9)
        {
            assert!(moved.contains(p), "{p} of the line was lost");
        }
        // Within it, the line is the curve through the new handles, through the moved one.
        let through = curve(&after, STEPS).expect("curve");
        for p in moved
            .iter()
            .filter(|p| p.x > left + 1e-9 && p.x < right - 1e-9)
        {
            assert!(
                through.contains(p),
                "{p} is not on the curve through the handles"
            );
        }
        assert!(moved.iter().any(|p| p.distance(after[i]) < 0.01));
        // And the whole curve would have moved points far from the handle.
        let whole = curve(&after, STEPS).expect("curve");
        assert!(line.iter().any(|p| p.x < left && !whole.contains(p)));
    }

    #[test]
    fn a_line_that_is_the_curve_through_its_handles_becomes_the_curve_through_the_new_ones() {
        let before = handles(&preset_like());
        let line = curve(&before, STEPS).expect("curve");
        for i in 0..before.len() {
            for mirrored in [false, true] {
                let mut after = before.clone();
                after[i] += DVec2::new(0.7, -3.1);
                if mirrored {
                    let j = before.len() - 1 - i;
                    after[j] = DVec2::new(2.0 * 110.0 - after[i].x, after[i].y);
                }
                let moved = curve_moved(&line, &before, &after, STEPS).expect("spliced");
                assert_eq!(moved, curve(&after, STEPS).expect("curve"), "handle {i}");
            }
        }
    }

    #[test]
    fn a_handle_moved_back_gives_the_line_as_it_was() {
        let line = preset_like();
        let before = handles(&line);
        let moved = curve_moved(&line, &before, &before, STEPS).expect("same");
        assert_eq!(moved, line);
    }

    #[test]
    fn handles_not_on_the_line_or_a_new_count_give_the_whole_curve() {
        let line = preset_like();
        let before = handles(&line);
        let mut off = before.clone();
        off[2].y += 1.0; // (mirrored first, say: no longer on the line)
        let mut after = off.clone();
        after[4].y -= 2.0;
        let whole = curve(&after, STEPS).expect("curve");
        assert_eq!(
            curve_moved(&line, &off, &after, STEPS).expect("whole"),
            whole
        );
        let fewer = &after[1..];
        assert_eq!(
            curve_moved(&line, &before, fewer, STEPS).expect("whole"),
            curve(fewer, STEPS).expect("curve")
        );
    }

    #[test]
    fn the_first_and_last_handles_move_the_line_to_its_ends() {
        let line = preset_like();
        let before = handles(&line);
        let n = before.len();
        let mut after = before.clone();
        after[0].y -= 5.0;
        after[n - 1].y -= 5.0;
        let moved = curve_moved(&line, &before, &after, STEPS).expect("spliced");
        assert_eq!(moved[0], after[0]);
        assert_eq!(*moved.last().expect("points"), after[n - 1]);
        // The middle keeps the line's own points.
        let middle = line
            .iter()
            .filter(|p| p.x > before[2].x && p.x < before[n - 3].x);
        for p in middle {
            assert!(moved.contains(p), "{p} of the middle was lost");
        }
    }

    #[test]
    fn a_long_line_never_comes_out_longer_than_a_design_may_hold() {
        // 1,998 points crowded at the left temple, then one long straight run.
        let mut line: Vec<DVec2> = (0..MAX_POINTS - 2)
            .map(|i| {
                DVec2::new(
                    50.0 + 10.0 * i as f64 / (MAX_POINTS - 3) as f64,
                    80.0 - 0.5 * (i as f64 * 0.01).sin(),
                )
            })
            .collect();
        line.push(DVec2::new(110.0, 62.0));
        line.push(DVec2::new(170.0, 80.0));
        let before = handles(&line);
        let i = before.len() - 1; // (its stretch, the last two spans, lies on the run)
        assert!(before[i - 2].x > 60.0, "{before:?}");
        let mut after = before.clone();
        after[i].y += 3.0;
        let moved = curve_moved(&line, &before, &after, STEPS).expect("moved");
        assert!(moved.len() <= MAX_POINTS, "{} points", moved.len());
        assert!(
            moved.iter().any(|p| p.distance(after[i]) < 0.01),
            "through the moved handle"
        );
    }

    #[test]
    fn nan_in_the_line_gives_the_whole_curve_not_a_panic() {
        let mut line = preset_like();
        let before = handles(&line);
        line[10].x = f64::NAN;
        let mut after = before.clone();
        after[3].y += 1.0;
        assert_eq!(
            curve_moved(&line, &before, &after, STEPS).expect("whole"),
            curve(&after, STEPS).expect("curve")
        );
    }
}
