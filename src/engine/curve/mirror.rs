//! Mirror symmetry of a hairline about the facial midline: mirroring one side of the handles
//! onto the other (the editor's Mirror), and handles for a line that already is its own
//! mirror image. Part of the curve module (`curve.rs`), split out as its own idea.

use glam::DVec2;

use super::{clean, handles_of, left_to_right, length, CurveError, CurveOptions, Side};

/// How far a line may be from its own mirror image and still count as mirror-symmetric, mm:
/// design files round their points to 0.01 mm, a hand never draws within 0.05 mm.
pub const MIRROR_TOLERANCE_MM: f64 = 0.05;

/// Points at `count` + 1 equal fractions of `line`'s length, both ends included (O(n)).
fn at_fractions(line: &[DVec2], count: usize) -> Vec<DVec2> {
    let total = length(line);
    let mut out = Vec::with_capacity(count + 1);
    let (mut walked, mut seg) = (0.0, 0usize);
    for k in 0..=count {
        let want = total * k as f64 / count as f64;
        while seg + 2 < line.len() && walked + line[seg].distance(line[seg + 1]) < want {
            walked += line[seg].distance(line[seg + 1]);
            seg += 1;
        }
        let (a, b) = (line[seg], line[(seg + 1).min(line.len() - 1)]);
        let len = a.distance(b);
        let t = if len > 0.0 {
            ((want - walked) / len).clamp(0.0, 1.0)
        } else {
            0.0
        };
        out.push(a.lerp(b, t));
    }
    out
}

/// The middle of `line` when it is its own mirror image about x = `mid` within `tol` mm
/// (the point a fraction t along it is the reflection of the point 1 − t along it, at 256
/// fractions), else `None`.
pub fn mirror_middle(line: &[DVec2], mid: f64, tol: f64) -> Option<DVec2> {
    const FRACTIONS: usize = 256;
    let pts = clean(line).ok()?;
    let at = at_fractions(&pts, FRACTIONS);
    let reflect = |p: DVec2| DVec2::new(2.0 * mid - p.x, p.y);
    let symmetric = (0..=FRACTIONS).all(|k| at[k].distance(reflect(at[FRACTIONS - k])) <= tol);
    symmetric.then(|| DVec2::new(mid, at[FRACTIONS / 2].y))
}

/// [`handles_of`] for a line that may be mirror-symmetric about x = `mid`: such a line gets
/// mirror-symmetric handles (those picked on its left side, reflected, and its middle on the
/// midline), so that the editor's mirror moves only a handle and its partner. Picked along
/// the whole line from its left end, a symmetric line's handles came 0.4–0.9 mm off
/// symmetric, and the first mirrored nudge or drag mirrored one side onto the other, moving
/// every handle of that side. A left handle within `min_handle_gap_mm` of the midline goes
/// (its partner and the middle handle would be closer than that); a line with no handle
/// left of that keeps the handles picked along it.
pub fn handles_of_mirrored(
    polyline: &[DVec2],
    mid: f64,
    options: &CurveOptions,
) -> Result<Vec<DVec2>, CurveError> {
    let handles = handles_of(polyline, options)?;
    let Some(middle) = mirror_middle(polyline, mid, MIRROR_TOLERANCE_MM) else {
        return Ok(handles);
    };
    let cutoff = mid - options.min_handle_gap_mm;
    let half: Vec<DVec2> = handles
        .iter()
        .copied()
        .take_while(|p| p.x <= cutoff)
        .collect();
    if half.is_empty() {
        return Ok(handles);
    }
    let reflect = |p: DVec2| DVec2::new(2.0 * mid - p.x, p.y);
    let mut mirrored = half.clone();
    mirrored.push(middle);
    mirrored.extend(half.iter().rev().map(|&p| reflect(p)));
    Ok(mirrored)
}

/// Mirrors the `keep` side of the handles onto the other side of x = `mid`, with one
/// handle on the midline; handle `i` and `n − 1 − i` become mirror partners.
///
/// The midline handle sits where the handles' polygon crosses the midline; a line that
/// never reaches it gets the midline handle level with its innermost handle.
pub fn symmetrize(handles: &[DVec2], mid: f64, keep: Side) -> Vec<DVec2> {
    let reflect = |p: DVec2| DVec2::new(2.0 * mid - p.x, p.y);
    // Work on the left side: a right-side keep is reflected first, and back at the end.
    let ordered = left_to_right(handles.to_vec());
    let src: Vec<DVec2> = match keep {
        Side::Left => ordered,
        Side::Right => ordered.into_iter().rev().map(reflect).collect(),
    };
    // Handles on this side run from the outer end to the midline: take that prefix.
    let near = 0.5; // mm: a handle this close to the midline is the midline handle
    let mut half: Vec<DVec2> = Vec::new();
    let mut centre: Option<DVec2> = None;
    for (i, &p) in src.iter().enumerate() {
        if p.x < mid - near {
            half.push(p);
            continue;
        }
        if p.x <= mid + near {
            centre = Some(DVec2::new(mid, p.y));
        } else if let Some(&q) = half.last() {
            let t = (mid - q.x) / (p.x - q.x);
            centre = Some(DVec2::new(mid, q.y + (p.y - q.y) * t));
        } else if i == 0 {
            centre = Some(DVec2::new(mid, p.y));
        }
        break;
    }
    let centre = centre.or_else(|| half.last().map(|q| DVec2::new(mid, q.y)));
    let mut out = half.clone();
    out.extend(centre);
    out.extend(half.iter().rev().map(|&p| reflect(p)));
    if out.len() < 2 {
        return handles.to_vec(); // nothing on the kept side: leave the line as it was
    }
    out
}
