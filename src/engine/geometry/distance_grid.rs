//! The signed distance to a line, exact within a reach, over a grid of cells: the density
//! field asks it for every candidate impression ("how far behind the hairline is it?"), so
//! each cell lists only the segments that can be nearest in it. The acceleration never
//! changes an answer, only how fast it comes.

use glam::DVec2;

use super::{segment_distance, Rect};

mod cells;
use cells::Cells;

/// A signed distance to a set of segments, exact within `reach`, over a grid of cells.
///
/// Each cell lists the segments that can be within `reach` of any point in it. Beyond
/// `reach` the grid only knows the sign (which side of the line a cell is on), which is all
/// the density field needs there. The sign comes from a caller's rule for each segment
/// (left or right of its direction) and, for cells far from every segment, from a flood
/// fill: a connected run of far cells cannot change side without crossing the line.
#[derive(Clone, Debug)]
pub struct SignedDistanceGrid {
    segments: Vec<(DVec2, DVec2)>,
    /// Where the cells lie, how big, and the reach.
    cells: Cells,
    /// Where each cell's candidates start in `candidates` (one more entry than cells).
    cell_start: Vec<u32>,
    /// Every cell's candidate segments, nearest first, one flat list (a list per cell cost
    /// an allocation per cell, rebuilt on every frame of a handle drag).
    candidates: Vec<Candidate>,
    /// Side of far cells: +1 left of the segments' direction, -1 right, 0 near the line.
    far_sign: Vec<i8>,
}

/// A segment that can be within `reach` of a cell, with a lower bound on its distance from
/// any point of the cell. A query walks a cell's candidates by that bound and stops at the
/// first that cannot beat the nearest found: near the hairline a cell lists a few dozen
/// segments (every one within the 17 mm reach), of which the first three or four decide.
#[derive(Clone, Copy, Debug)]
struct Candidate {
    /// Distance from the cell's centre less half its diagonal, rounded down, mm.
    bound: f32,
    segment: u32,
}

/// The answer of a distance query.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SignedDistance {
    /// Signed distance in mm: positive on the left of the segments' direction; when
    /// `exact` is false, a value of magnitude `reach` with the right sign.
    pub distance: f64,
    /// Whether `distance` is exact (the point is within `reach` of a segment).
    pub exact: bool,
}

impl SignedDistanceGrid {
    /// Builds the grid over `area` with cells of `cell` mm; distances are exact up to `reach` mm.
    ///
    /// Consecutive segments are taken as one polyline for the sign at shared vertices.
    pub fn new(
        segments: Vec<(DVec2, DVec2)>,
        area: Rect,
        cell: f64,
        reach: f64,
    ) -> SignedDistanceGrid {
        let cells = Cells::new(area, cell, reach);
        let (cell_start, candidates) = cells.list(&segments);
        let mut grid = SignedDistanceGrid {
            segments,
            far_sign: vec![0; cells.cols * cells.rows],
            cells,
            cell_start,
            candidates,
        };
        grid.fill_far_signs();
        grid
    }

    /// Flood-fills the side of every far cell from its near neighbours.
    fn fill_far_signs(&mut self) {
        let (cols, rows) = (self.cells.cols, self.cells.rows);
        let mut queue = std::collections::VecDeque::new();
        for row in 0..rows {
            for col in 0..cols {
                let i = row * cols + col;
                if self.is_near(i) {
                    // (The distance only where a far neighbour awaits its side: most near
                    // cells have none, and a long line's cells list dozens of segments.)
                    let mut d = None;
                    for (nc, nr) in neighbours(col, row, cols, rows) {
                        let j = nr * cols + nc;
                        if !self.is_near(j) && self.far_sign[j] == 0 {
                            let d = *d.get_or_insert_with(|| {
                                self.nearest_in(i, self.cells.centre(col, row))
                            });
                            self.far_sign[j] = if d >= 0.0 { 1 } else { -1 };
                            queue.push_back((nc, nr));
                        }
                    }
                }
            }
        }
        while let Some((col, row)) = queue.pop_front() {
            let sign = self.far_sign[row * cols + col];
            for (nc, nr) in neighbours(col, row, cols, rows) {
                let j = nr * cols + nc;
                if !self.is_near(j) && self.far_sign[j] == 0 {
                    self.far_sign[j] = sign;
                    queue.push_back((nc, nr));
                }
            }
        }
    }

    /// Whether cell `i` lists any segment (is within `reach` of the line).
    fn is_near(&self, i: usize) -> bool {
        self.cell_start[i] < self.cell_start[i + 1]
    }

    /// Signed distance from `p` (in cell `i`) to the nearest of the cell's segments; of
    /// equally near ones the first in the line's order, as a scan of all of them gives.
    fn nearest_in(&self, i: usize, p: DVec2) -> f64 {
        let list = &self.candidates[self.cell_start[i] as usize..self.cell_start[i + 1] as usize];
        let mut best = f64::INFINITY;
        // (The first candidate, not a sentinel: were every distance NaN, `side` still
        // gets a segment of the line.)
        let mut best_index = list.first().map_or(0, |c| c.segment as usize);
        let mut best_t = 0.0;
        for candidate in list {
            if f64::from(candidate.bound) > best {
                break; // this and every later candidate is farther than the nearest found
            }
            let index = candidate.segment as usize;
            let (a, b) = self.segments[index];
            let (d, t) = segment_distance(p, a, b);
            if d < best || (d == best && index < best_index) {
                best = d;
                best_index = index;
                best_t = t;
            }
        }
        best * self.side(p, best_index, best_t)
    }

    /// +1 or -1: the side of `p` relative to segment `i` whose nearest point has parameter `t`.
    /// At a shared vertex the bisector of the two segments' normals decides.
    fn side(&self, p: DVec2, i: usize, t: f64) -> f64 {
        let (a, b) = self.segments[i];
        let normal = |(a, b): (DVec2, DVec2)| (b - a).perp().normalize_or_zero();
        let mut n = normal((a, b));
        let mut at = None;
        if t <= 0.0 && i > 0 && self.segments[i - 1].1 == a {
            n += normal(self.segments[i - 1]);
            at = Some(a);
        } else if t >= 1.0 && i + 1 < self.segments.len() && self.segments[i + 1].0 == b {
            n += normal(self.segments[i + 1]);
            at = Some(b);
        }
        let from = at.unwrap_or(a);
        if (p - from).dot(n) >= 0.0 {
            1.0
        } else {
            -1.0
        }
    }

    /// What [`SignedDistanceGrid::query`] answers for every point of `rect`, when it is one
    /// and the same answer: `rect` lies in the grid on far cells of one side only (no point
    /// of it within reach of a segment), where a query answers the reach with that side's
    /// sign. `None` when answers in `rect` may differ, or `rect` leaves the grid. A cell's
    /// column and row grow with the point's, so the corners bound the cells `rect` meets.
    pub fn same_over(&self, rect: Rect) -> Option<SignedDistance> {
        let lo = (rect.min - self.cells.origin) / self.cells.cell;
        let hi = (rect.max - self.cells.origin) / self.cells.cell;
        let (cols, rows) = (self.cells.cols as f64, self.cells.rows as f64);
        if !(lo.x >= 0.0 && lo.y >= 0.0 && hi.x < cols && hi.y < rows) {
            return None;
        }
        let (c0, r0, c1, r1) = (lo.x as usize, lo.y as usize, hi.x as usize, hi.y as usize);
        let first = self.far_sign[r0 * self.cells.cols + c0];
        for row in r0..=r1 {
            for i in row * self.cells.cols + c0..=row * self.cells.cols + c1 {
                if self.is_near(i) || self.far_sign[i] != first {
                    return None;
                }
            }
        }
        Some(SignedDistance {
            distance: self.cells.reach * if first >= 0 { 1.0 } else { -1.0 },
            exact: false,
        })
    }

    /// The signed distance at `p` (exact within `reach`), or `None` outside the grid's area.
    pub fn query(&self, p: DVec2) -> Option<SignedDistance> {
        let local = (p - self.cells.origin) / self.cells.cell;
        if !(local.x >= 0.0 && local.y >= 0.0) {
            return None;
        }
        let (col, row) = (local.x as usize, local.y as usize);
        if col >= self.cells.cols || row >= self.cells.rows {
            return None;
        }
        let i = row * self.cells.cols + col;
        if self.is_near(i) {
            let d = self.nearest_in(i, p);
            if d.abs() <= self.cells.reach {
                return Some(SignedDistance {
                    distance: d,
                    exact: true,
                });
            }
            return Some(SignedDistance {
                distance: self.cells.reach * d.signum(),
                exact: false,
            });
        }
        let sign = if self.far_sign[i] >= 0 { 1.0 } else { -1.0 };
        Some(SignedDistance {
            distance: self.cells.reach * sign,
            exact: false,
        })
    }
}

fn neighbours(
    col: usize,
    row: usize,
    cols: usize,
    rows: usize,
) -> impl Iterator<Item = (usize, usize)> {
    let candidates = [
        (col.wrapping_sub(1), row),
        (col + 1, row),
        (col, row.wrapping_sub(1)),
        (col, row + 1),
    ];
    candidates
        .into_iter()
        .filter(move |&(c, r)| c < cols && r < rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each cell's candidates as the plain way gives them: every segment within the reach,
    /// those that cannot win dropped, nearest first.
    fn plain_candidates(grid: &SignedDistanceGrid) -> Vec<Vec<(u32, u32)>> {
        let half_diag = grid.cells.cell * std::f64::consts::FRAC_1_SQRT_2;
        let slack = (2.0 * half_diag + 1e-3) as f32;
        (0..grid.cells.rows * grid.cells.cols)
            .map(|i| {
                let centre = grid.cells.centre(i % grid.cells.cols, i / grid.cells.cols);
                let mut all: Vec<Candidate> = (0..grid.segments.len())
                    .filter_map(|s| {
                        let (a, b) = grid.segments[s];
                        let d = segment_distance(centre, a, b).0;
                        (d <= grid.cells.reach + half_diag).then_some(Candidate {
                            bound: ((d - half_diag) * (1.0 - 1e-6) - 1e-6) as f32,
                            segment: s as u32,
                        })
                    })
                    .collect();
                let smallest = all.iter().map(|c| c.bound).fold(f32::INFINITY, f32::min);
                all.retain(|c| c.bound <= smallest + slack);
                all.sort_by(|x, y| x.bound.total_cmp(&y.bound).then(x.segment.cmp(&y.segment)));
                all.iter().map(|c| (c.bound.to_bits(), c.segment)).collect()
            })
            .collect()
    }

    #[test]
    fn cells_list_the_same_candidates_as_the_plain_way() {
        let line = |n: usize, y: &dyn Fn(usize) -> f64| -> Vec<(DVec2, DVec2)> {
            let points: Vec<DVec2> = (0..n)
                .map(|i| DVec2::new(42.0 + 136.0 * i as f64 / (n - 1) as f64, y(i)))
                .collect();
            points.windows(2).map(|w| (w[0], w[1])).collect()
        };
        let mut rng = crate::engine::random::Rng::new(11);
        let mut scribble: Vec<DVec2> = Vec::new();
        for _ in 0..300 {
            scribble.push(DVec2::new(
                rng.next_unit() * 200.0,
                20.0 + rng.next_unit() * 160.0,
            ));
        }
        let circle: Vec<DVec2> = (0..=600)
            .map(|i| {
                let a = i as f64 / 600.0 * std::f64::consts::TAU;
                DVec2::new(110.0 + 80.0 * a.cos(), 100.0 + 70.0 * a.sin())
            })
            .collect();
        type Segments = Vec<(DVec2, DVec2)>;
        let cases: Vec<(&str, Segments, f64, f64)> = vec![
            (
                "zigzag",
                line(900, &|i| 60.0 + (i % 2) as f64 * 8.0),
                2.0,
                17.0,
            ),
            (
                "smooth",
                line(900, &|i| 60.0 + 10.0 * (i as f64 / 120.0).sin()),
                2.0,
                17.0,
            ),
            ("few long", line(7, &|i| 50.0 + (i * i) as f64), 2.0, 17.0),
            (
                "scribble",
                scribble.windows(2).map(|w| (w[0], w[1])).collect(),
                3.0,
                12.0,
            ),
            (
                "circle",
                circle.windows(2).map(|w| (w[0], w[1])).collect(),
                1.5,
                9.0,
            ),
        ];
        let area = Rect {
            min: DVec2::new(-5.0, 0.0),
            max: DVec2::new(215.0, 200.0),
        };
        for (name, segments, cell, reach) in cases {
            let grid = SignedDistanceGrid::new(segments, area, cell, reach);
            let listed: Vec<Vec<(u32, u32)>> = (0..grid.cells.rows * grid.cells.cols)
                .map(|i| {
                    let list = &grid.candidates
                        [grid.cell_start[i] as usize..grid.cell_start[i + 1] as usize];
                    list.iter()
                        .map(|c| (c.bound.to_bits(), c.segment))
                        .collect()
                })
                .collect();
            assert!(listed == plain_candidates(&grid), "{name}");
        }
    }

    #[test]
    fn grid_distance_matches_brute_force_with_sign() {
        // A bent line from left to right; "left of direction" is +y here (y down means
        // perp() of +x is +y).
        let pts = [
            DVec2::new(0.0, 50.0),
            DVec2::new(40.0, 40.0),
            DVec2::new(60.0, 45.0),
            DVec2::new(100.0, 55.0),
        ];
        let segs: Vec<_> = pts.windows(2).map(|w| (w[0], w[1])).collect();
        let area = Rect {
            min: DVec2::ZERO,
            max: DVec2::new(100.0, 100.0),
        };
        let grid = SignedDistanceGrid::new(segs.clone(), area, 2.0, 12.0);
        let mut rng = crate::engine::random::Rng::new(5);
        for _ in 0..5000 {
            let p = DVec2::new(rng.next_unit() * 100.0, rng.next_unit() * 100.0);
            let brute = segs
                .iter()
                .map(|&(a, b)| segment_distance(p, a, b).0)
                .fold(f64::INFINITY, f64::min);
            let q = grid.query(p).unwrap();
            let expected_sign = if p.y > 50.0 + 0.0 * p.x && brute > 15.0 {
                1.0
            } else {
                q.distance.signum()
            };
            if brute <= 12.0 {
                assert!(q.exact);
                assert!((q.distance.abs() - brute).abs() < 1e-9, "{p} {q:?} {brute}");
            } else {
                assert!(!q.exact);
            }
            if brute > 15.0 {
                assert_eq!(q.distance.signum(), expected_sign, "{p}");
                assert_eq!(
                    q.distance.signum(),
                    if p.y > 50.0 { 1.0 } else { -1.0 },
                    "{p}"
                );
            }
        }
    }
}
