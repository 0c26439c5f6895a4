//! Plane geometry in millimetres: polygons, polylines and fast distance queries.
//!
//! The sampler asks "is this point on the scalp?" and "how far behind the hairline is it?"
//! for every candidate impression (tens of thousands per frame), so both queries are
//! accelerated: the polygon keeps its edges in horizontal bands, and [`SignedDistanceGrid`]
//! keeps, per grid cell, only the segments that can be near it. Both are exact: the
//! acceleration never changes an answer, only how fast it comes.

use glam::DVec2;

/// An axis-aligned rectangle in millimetres.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Smallest corner.
    pub min: DVec2,
    /// Largest corner.
    pub max: DVec2,
}

impl Rect {
    /// The bounding box of `points`; `None` when there are none.
    pub fn bounding(points: &[DVec2]) -> Option<Rect> {
        let first = *points.first()?;
        Some(points.iter().fold(
            Rect {
                min: first,
                max: first,
            },
            |r, &p| Rect {
                min: r.min.min(p),
                max: r.max.max(p),
            },
        ))
    }

    /// This rectangle grown by `margin` on every side.
    pub fn expand(self, margin: f64) -> Rect {
        Rect {
            min: self.min - DVec2::splat(margin),
            max: self.max + DVec2::splat(margin),
        }
    }

    /// Width and height.
    pub fn size(self) -> DVec2 {
        self.max - self.min
    }

    /// Whether `p` lies inside or on the border.
    pub fn contains(self, p: DVec2) -> bool {
        p.x >= self.min.x && p.x <= self.max.x && p.y >= self.min.y && p.y <= self.max.y
    }
}

/// Distance from `p` to the segment `a`–`b`, and the parameter in `[0, 1]` of the nearest point.
pub fn segment_distance(p: DVec2, a: DVec2, b: DVec2) -> (f64, f64) {
    let ab = b - a;
    let len2 = ab.length_squared();
    let t = if len2 > 0.0 {
        ((p - a).dot(ab) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    ((a + ab * t - p).length(), t)
}

/// Whether the closed segments `a`–`b` and `c`–`d` properly cross (touching ends excluded).
pub fn segments_cross(a: DVec2, b: DVec2, c: DVec2, d: DVec2) -> bool {
    let d1 = (b - a).perp_dot(c - a);
    let d2 = (b - a).perp_dot(d - a);
    let d3 = (d - c).perp_dot(a - c);
    let d4 = (d - c).perp_dot(b - c);
    d1 * d2 < 0.0 && d3 * d4 < 0.0
}

/// Absolute area of a closed polygon in mm² (shoelace formula).
pub fn polygon_area(points: &[DVec2]) -> f64 {
    let n = points.len();
    let twice: f64 = (0..n)
        .map(|i| points[i].perp_dot(points[(i + 1) % n]))
        .sum();
    twice.abs() * 0.5
}

/// The first pair of non-adjacent edges that cross, as edge indices, if any.
///
/// `closed` treats the last point as joined to the first. A sweep along the line's longer
/// extent: edges are taken in order of where they start along it, and each is tested only
/// against the edges that start before it ends and whose spans across overlap its own. A
/// 2,000-point zigzag tested all two million pairs (40 ms of a design's laying in wasm);
/// its edges now meet a few neighbours each. Every crossing pair is found, and the first
/// (by the first edge, then the second) is returned, as the plain double loop gives.
pub fn first_self_crossing(points: &[DVec2], closed: bool) -> Option<(usize, usize)> {
    let n = points.len();
    let edges = if closed { n } else { n.saturating_sub(1) };
    let bounds = Rect::bounding(points)?;
    // (along, across): the sweep runs along the longer extent, where edges overlap least.
    let axes = |p: DVec2| {
        if bounds.size().x >= bounds.size().y {
            (p.x, p.y)
        } else {
            (p.y, p.x)
        }
    };
    // Each edge's span along and across the sweep.
    let spans: Vec<[f64; 4]> = (0..edges)
        .map(|i| {
            let ((a0, a1), (b0, b1)) = (axes(points[i]), axes(points[(i + 1) % n]));
            [a0.min(b0), a0.max(b0), a1.min(b1), a1.max(b1)]
        })
        .collect();
    let mut order: Vec<u32> = (0..edges as u32).collect();
    order.sort_unstable_by(|&i, &j| spans[i as usize][0].total_cmp(&spans[j as usize][0]));
    let mut first: Option<(usize, usize)> = None;
    for (k, &i) in order.iter().enumerate() {
        let [_, end, low, high] = spans[i as usize];
        for &j in &order[k + 1..] {
            let [start, _, other_low, other_high] = spans[j as usize];
            if start > end {
                break; // this and every later edge starts past this one's end
            }
            if other_low > high || other_high < low {
                continue;
            }
            let (i, j) = (i.min(j) as usize, i.max(j) as usize);
            if j < i + 2
                || (closed && i == 0 && j == edges - 1)
                || first.is_some_and(|f| f <= (i, j))
            {
                continue; // neighbours share a vertex; or an earlier pair is already known
            }
            if segments_cross(
                points[i],
                points[(i + 1) % n],
                points[j],
                points[(j + 1) % n],
            ) {
                first = Some((i, j));
            }
        }
    }
    first
}

/// A closed polygon with an exact, band-accelerated point-in-polygon test.
#[derive(Clone, Debug)]
pub struct Polygon {
    points: Vec<DVec2>,
    bounds: Rect,
    band_height: f64,
    /// For each horizontal band, the edges whose y-range overlaps it.
    bands: Vec<Vec<u32>>,
}

impl Polygon {
    /// Builds the polygon; `None` for fewer than three points.
    pub fn new(points: Vec<DVec2>) -> Option<Polygon> {
        if points.len() < 3 {
            return None;
        }
        let bounds = Rect::bounding(&points)?;
        let band_count = points.len().clamp(1, 512);
        let band_height = (bounds.size().y / band_count as f64).max(1e-9);
        let mut bands = vec![Vec::new(); band_count];
        let n = points.len();
        for i in 0..n {
            let (a, b) = (points[i], points[(i + 1) % n]);
            let lo = ((a.y.min(b.y) - bounds.min.y) / band_height).floor() as usize;
            let hi = ((a.y.max(b.y) - bounds.min.y) / band_height).floor() as usize;
            for band in bands
                .iter_mut()
                .take(hi.min(band_count - 1) + 1)
                .skip(lo.min(band_count - 1))
            {
                band.push(i as u32);
            }
        }
        Some(Polygon {
            points,
            bounds,
            band_height,
            bands,
        })
    }

    /// The vertices.
    pub fn points(&self) -> &[DVec2] {
        &self.points
    }

    /// The bounding box.
    pub fn bounds(&self) -> Rect {
        self.bounds
    }

    /// Area in mm².
    pub fn area_mm2(&self) -> f64 {
        polygon_area(&self.points)
    }

    /// What [`Polygon::contains`] says for every point of `rect`, when it says the same for
    /// all of them: `Some(true)` when `rect` lies inside, `Some(false)` when it lies outside
    /// the bounds, `None` when an edge comes within a micrometre of it (or it straddles the
    /// bounds). With no edge near, each edge's test is decided the same way for every
    /// point of `rect` (one left of it never counts, one right of it counts where its rows
    /// do, which the closed border makes the same parity), so the centre speaks for all.
    pub fn contains_all_or_none(&self, rect: Rect) -> Option<bool> {
        const MARGIN_MM: f64 = 1e-3;
        let (b, r) = (self.bounds, rect.expand(MARGIN_MM));
        if r.max.x < b.min.x || r.min.x > b.max.x || r.max.y < b.min.y || r.min.y > b.max.y {
            return Some(false);
        }
        if !(r.min.x >= b.min.x && r.max.x <= b.max.x && r.min.y >= b.min.y && r.max.y <= b.max.y) {
            return None;
        }
        let band_of =
            |y: f64| (((y - b.min.y) / self.band_height) as usize).min(self.bands.len() - 1);
        let n = self.points.len();
        for band in &self.bands[band_of(r.min.y)..=band_of(r.max.y)] {
            for &i in band {
                let (p, q) = (self.points[i as usize], self.points[(i as usize + 1) % n]);
                let near = p.x.min(q.x) <= r.max.x
                    && p.x.max(q.x) >= r.min.x
                    && p.y.min(q.y) <= r.max.y
                    && p.y.max(q.y) >= r.min.y;
                if near {
                    return None;
                }
            }
        }
        Some(self.contains((rect.min + rect.max) * 0.5))
    }

    /// Whether `p` is inside (even-odd rule; points exactly on an edge may go either way).
    pub fn contains(&self, p: DVec2) -> bool {
        if !self.bounds.contains(p) {
            return false;
        }
        let band =
            (((p.y - self.bounds.min.y) / self.band_height) as usize).min(self.bands.len() - 1);
        let n = self.points.len();
        let mut inside = false;
        for &i in &self.bands[band] {
            let (a, b) = (self.points[i as usize], self.points[(i as usize + 1) % n]);
            if (a.y > p.y) != (b.y > p.y) {
                let x = a.x + (p.y - a.y) / (b.y - a.y) * (b.x - a.x);
                if p.x < x {
                    inside = !inside;
                }
            }
        }
        inside
    }

    /// The edges as segments (last point joined to the first).
    pub fn edges(&self) -> impl Iterator<Item = (DVec2, DVec2)> + '_ {
        let n = self.points.len();
        (0..n).map(move |i| (self.points[i], self.points[(i + 1) % n]))
    }
}

mod distance_grid;
pub use distance_grid::SignedDistanceGrid;

#[cfg(test)]
mod tests {
    use super::*;

    fn square() -> Polygon {
        Polygon::new(vec![
            DVec2::new(0.0, 0.0),
            DVec2::new(10.0, 0.0),
            DVec2::new(10.0, 10.0),
            DVec2::new(0.0, 10.0),
        ])
        .unwrap()
    }

    #[test]
    fn polygon_contains_and_area() {
        let sq = square();
        assert!(sq.contains(DVec2::new(5.0, 5.0)));
        assert!(!sq.contains(DVec2::new(-1.0, 5.0)));
        assert!(!sq.contains(DVec2::new(5.0, 10.5)));
        assert!((sq.area_mm2() - 100.0).abs() < 1e-9);
    }

    #[test]
    fn self_crossing_found_for_a_bow_tie_only() {
        let bow = [
            DVec2::new(0.0, 0.0),
            DVec2::new(10.0, 10.0),
            DVec2::new(10.0, 0.0),
            DVec2::new(0.0, 10.0),
        ];
        assert!(first_self_crossing(&bow, true).is_some());
        assert!(first_self_crossing(square().points(), true).is_none());
    }

    /// The plain double loop the sweep replaced: every pair, the first that crosses.
    fn first_crossing_of_every_pair(points: &[DVec2], closed: bool) -> Option<(usize, usize)> {
        let n = points.len();
        let edges = if closed { n } else { n.saturating_sub(1) };
        (0..edges)
            .flat_map(|i| (i + 2..edges).map(move |j| (i, j)))
            .filter(|&(i, j)| !(closed && i == 0 && j == edges - 1))
            .find(|&(i, j)| {
                segments_cross(
                    points[i],
                    points[(i + 1) % n],
                    points[j],
                    points[(j + 1) % n],
                )
            })
    }

    #[test]
    fn the_sweep_finds_the_first_crossing_of_long_lines() {
        let mut rng = crate::engine::random::Rng::new(3);
        let mut wander = vec![DVec2::ZERO];
        for _ in 0..400 {
            let step = DVec2::new(rng.next_unit() - 0.3, rng.next_unit() - 0.5) * 6.0;
            wander.push(*wander.last().unwrap() + step);
        }
        let zigzag: Vec<DVec2> = (0..2000)
            .map(|i| DVec2::new(0.068 * i as f64, (i % 2) as f64 * 8.0))
            .collect();
        let upright: Vec<DVec2> = zigzag.iter().map(|p| DVec2::new(p.y, p.x)).collect();
        let circle: Vec<DVec2> = (0..2000)
            .map(|i| {
                let a = i as f64 / 2000.0 * std::f64::consts::TAU;
                DVec2::new(80.0 * a.cos(), 80.0 * a.sin())
            })
            .collect();
        let mut folded = zigzag.clone();
        folded.push(DVec2::new(70.0, -5.0)); // back across the zigzag's last teeth
        folded.push(DVec2::new(130.0, 4.0));
        for (name, line) in [
            ("wander", &wander),
            ("zigzag", &zigzag),
            ("upright", &upright),
            ("circle", &circle),
            ("folded", &folded),
        ] {
            for closed in [false, true] {
                assert_eq!(
                    first_self_crossing(line, closed),
                    first_crossing_of_every_pair(line, closed),
                    "{name}, closed {closed}"
                );
            }
        }
        assert!(first_self_crossing(&wander, false).is_some());
        assert!(first_self_crossing(&folded, false).is_some());
        assert!(first_self_crossing(&zigzag, false).is_none());
        assert!(first_self_crossing(&circle, true).is_none());
    }
}
