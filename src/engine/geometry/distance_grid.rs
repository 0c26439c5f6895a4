//! The signed distance to a line, exact within a reach, over a grid of cells: the density
//! field asks it for every candidate impression ("how far behind the hairline is it?"), so
//! each cell lists only the segments that can be nearest in it. The acceleration never
//! changes an answer, only how fast it comes.

use glam::DVec2;

use super::{segment_distance, Rect};

/// Most consecutive segments visited as one run when a grid's cells are listed.
const MOST_PER_RUN: usize = 32;

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
    origin: DVec2,
    cell: f64,
    cols: usize,
    rows: usize,
    reach: f64,
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

/// A grid's cells as the listing of candidates sees them.
struct Cells {
    origin: DVec2,
    cell: f64,
    cols: usize,
    rows: usize,
    reach: f64,
    half_diag: f64,
    /// How far past a cell's smallest bound a candidate may still be nearest somewhere in
    /// it: a candidate whose bound exceeds the cell's smallest by more than the cell's
    /// diagonal never is (nor ties), as the segment with the smallest bound is at most that
    /// far from every point of the cell. Such candidates are dropped: a line of 2,000 tiny
    /// segments listed ~370 in a cell, of which ~40 can win. Queries give the same answers.
    slack: f32,
}

impl Cells {
    /// A candidate's bound for a segment `d` mm from a cell's centre, rounded down past f32's
    /// precision, so it never exceeds the true distance of a point in the cell.
    fn bound_at(&self, d: f64) -> f32 {
        ((d - self.half_diag) * (1.0 - 1e-6) - 1e-6) as f32
    }

    fn centre(&self, col: usize, row: usize) -> DVec2 {
        self.origin + DVec2::new(col as f64 + 0.5, row as f64 + 0.5) * self.cell
    }

    /// The cells (columns, rows) within `margin` of the box from `lo` to `hi`.
    fn around(&self, lo: DVec2, hi: DVec2, margin: f64) -> ((usize, usize), (usize, usize)) {
        let lo = (lo - self.origin - DVec2::splat(margin)) / self.cell;
        let hi = (hi - self.origin + DVec2::splat(margin)) / self.cell;
        (
            (
                lo.x.max(0.0) as usize,
                (hi.x.max(0.0) as usize).min(self.cols - 1),
            ),
            (
                lo.y.max(0.0) as usize,
                (hi.y.max(0.0) as usize).min(self.rows - 1),
            ),
        )
    }

    /// An upper bound of each cell's smallest bound, found cheaply: exact in the cells next
    /// to a segment, then carried outwards as a two-pass chamfer distance transform (from
    /// one cell's centre to the next, the distance to the line grows by at most the step).
    fn upper_bounds_of_smallest(&self, segments: &[(DVec2, DVec2)]) -> Vec<f32> {
        let (cols, rows) = (self.cols, self.rows);
        let mut at_most = vec![f32::INFINITY; cols * rows];
        for &(a, b) in segments {
            self.near_one(a, b, &mut at_most);
        }
        // Only over the cells the line can reach (the grid's area may be far larger).
        let (lo, hi) = segments.iter().fold(
            (DVec2::splat(f64::INFINITY), DVec2::splat(f64::NEG_INFINITY)),
            |(lo, hi), &(a, b)| (lo.min(a.min(b)), hi.max(a.max(b))),
        );
        let ((c0, c1), (r0, r1)) = self.around(lo, hi, self.reach + self.cell);
        // (Each step is padded past the rounding of f32 sums: the bound may only be loose.)
        let straight = (self.cell + 1e-3) as f32;
        let diagonal = (self.cell * std::f64::consts::SQRT_2 + 1e-3) as f32;
        let steps = [
            (-1, 0, straight),
            (-1, -1, diagonal),
            (0, -1, straight),
            (1, -1, diagonal),
        ];
        for backwards in [false, true] {
            for r in 0..(r1 + 1).saturating_sub(r0) {
                let row = if backwards { r1 - r } else { r0 + r };
                for k in 0..(c1 + 1).saturating_sub(c0) {
                    let col = if backwards { c1 - k } else { c0 + k };
                    let i = row * cols + col;
                    let mut best = at_most[i];
                    for &(dc, dr, step) in &steps {
                        let (dc, dr) = if backwards { (-dc, -dr) } else { (dc, dr) };
                        let (c, r) = (col as isize + dc, row as isize + dr);
                        if c >= 0 && r >= 0 && (c as usize) < cols && (r as usize) < rows {
                            best = best.min(at_most[r as usize * cols + c as usize] + step);
                        }
                    }
                    at_most[i] = best;
                }
            }
        }
        at_most
    }

    /// Lowers `at_most` in the cells next to the segment `a`–`b` to its bound there.
    fn near_one(&self, a: DVec2, b: DVec2, at_most: &mut [f32]) {
        let ((c0, c1), (r0, r1)) = self.around(a.min(b), a.max(b), self.cell);
        for row in r0..=r1 {
            for col in c0..=c1 {
                let at = &mut at_most[row * self.cols + col];
                *at = at.min(self.bound_at(segment_distance(self.centre(col, row), a, b).0));
            }
        }
    }

    /// Adds the (cell, candidate) pairs of the segments in `run`, whose bounds are `lo`–`hi`,
    /// that may be nearest in a cell (within `at_most` + slack and the reach).
    fn list_run(
        &self,
        segments: &[(DVec2, DVec2)],
        run: std::ops::Range<usize>,
        (lo, hi): (DVec2, DVec2),
        at_most: &[f32],
        pairs: &mut Vec<(u32, Candidate)>,
    ) {
        let far = self.reach + self.half_diag;
        let ((c0, c1), (r0, r1)) = self.around(lo, hi, self.reach + self.cell);
        for row in r0..=r1 {
            for col in c0..=c1 {
                let c = row * self.cols + col;
                let centre = self.centre(col, row);
                let most = at_most[c] + self.slack;
                // No segment of the run is nearer than the run's bounds (taken a hair
                // nearer still, past the rounding of the two ways of measuring).
                let outside = (lo - centre).max(centre - hi).max(DVec2::ZERO).length();
                let outside = outside * (1.0 - 1e-9) - 1e-9;
                if outside > far || self.bound_at(outside) > most {
                    continue;
                }
                for index in run.clone() {
                    let (a, b) = segments[index];
                    let d = segment_distance(centre, a, b).0;
                    if d <= far {
                        let bound = self.bound_at(d);
                        if bound <= most {
                            let segment = index as u32;
                            pairs.push((c as u32, Candidate { bound, segment }));
                        }
                    }
                }
            }
        }
    }

    /// Each cell's candidates that can win, nearest first, as one flat list and where each
    /// cell's starts (one more entry than cells).
    fn those_that_can_win(&self, pairs: Vec<(u32, Candidate)>) -> (Vec<u32>, Vec<Candidate>) {
        let cells = self.cols * self.rows;
        // The exact smallest of each cell, from the pairs kept (the smallest is among them).
        let mut smallest = vec![f32::INFINITY; cells];
        for &(c, candidate) in &pairs {
            let at = &mut smallest[c as usize];
            *at = at.min(candidate.bound);
        }
        let can_win =
            |c: u32, candidate: &Candidate| candidate.bound <= smallest[c as usize] + self.slack;
        let mut cell_start = vec![0u32; cells + 1];
        for (c, candidate) in &pairs {
            if can_win(*c, candidate) {
                cell_start[*c as usize + 1] += 1;
            }
        }
        for i in 0..cells {
            cell_start[i + 1] += cell_start[i];
        }
        let mut next = cell_start.clone();
        let mut candidates = vec![
            Candidate {
                bound: 0.0,
                segment: 0
            };
            cell_start[cells] as usize
        ];
        for (c, candidate) in pairs {
            if can_win(c, &candidate) {
                candidates[next[c as usize] as usize] = candidate;
                next[c as usize] += 1;
            }
        }
        for w in cell_start.windows(2) {
            sort_nearest_first(&mut candidates[w[0] as usize..w[1] as usize]);
        }
        (cell_start, candidates)
    }
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
        let cell = cell.max(0.05);
        let cols = ((area.size().x / cell).ceil() as usize).clamp(1, 4096);
        let rows = ((area.size().y / cell).ceil() as usize).clamp(1, 4096);
        let half_diag = cell * std::f64::consts::FRAC_1_SQRT_2;
        let cells = Cells {
            origin: area.min,
            cell,
            cols,
            rows,
            reach,
            half_diag,
            slack: (2.0 * half_diag + 1e-3) as f32,
        };
        let at_most = cells.upper_bounds_of_smallest(&segments);
        // (cell, candidate) pairs in segment order, then grouped by cell (a counting sort,
        // stable) and each cell's sorted nearest first. The segments are visited in runs of
        // consecutive ones that reach no more than a cell or two past the widest of them: a
        // cell farther from a run's bounds than its candidates can be skips the whole run. A
        // line of 2,000 tiny segments computed ~800,000 distances here, 20–60 ms of a
        // design's laying in wasm; a line of long segments has runs of one, as before.
        let mut pairs: Vec<(u32, Candidate)> = Vec::new();
        let mut run_start = 0;
        while run_start < segments.len() {
            let (mut lo, mut hi) = (segments[run_start].0, segments[run_start].0);
            let (mut run_end, mut widest) = (run_start, 0.0f64);
            while run_end < segments.len() && run_end - run_start < MOST_PER_RUN {
                let (a, b) = segments[run_end];
                let (grown_lo, grown_hi) = (lo.min(a.min(b)), hi.max(a.max(b)));
                widest = widest.max((a - b).abs().max_element());
                if run_end > run_start && (grown_hi - grown_lo).max_element() > 2.0 * cell + widest
                {
                    break;
                }
                (lo, hi) = (grown_lo, grown_hi);
                run_end += 1;
            }
            cells.list_run(
                &segments,
                run_start..run_end,
                (lo, hi),
                &at_most,
                &mut pairs,
            );
            run_start = run_end;
        }
        let (cell_start, candidates) = cells.those_that_can_win(pairs);
        let mut grid = SignedDistanceGrid {
            segments,
            origin: area.min,
            cell,
            cols,
            rows,
            reach,
            cell_start,
            candidates,
            far_sign: vec![0; cols * rows],
        };
        grid.fill_far_signs();
        grid
    }

    fn centre(&self, col: usize, row: usize) -> DVec2 {
        self.origin + DVec2::new(col as f64 + 0.5, row as f64 + 0.5) * self.cell
    }

    /// Flood-fills the side of every far cell from its near neighbours.
    fn fill_far_signs(&mut self) {
        let (cols, rows) = (self.cols, self.rows);
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
                            let d =
                                *d.get_or_insert_with(|| self.nearest_in(i, self.centre(col, row)));
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

    /// The signed distance at `p` (exact within `reach`), or `None` outside the grid's area.
    pub fn query(&self, p: DVec2) -> Option<SignedDistance> {
        let local = (p - self.origin) / self.cell;
        if !(local.x >= 0.0 && local.y >= 0.0) {
            return None;
        }
        let (col, row) = (local.x as usize, local.y as usize);
        if col >= self.cols || row >= self.rows {
            return None;
        }
        let i = row * self.cols + col;
        if self.is_near(i) {
            let d = self.nearest_in(i, p);
            if d.abs() <= self.reach {
                return Some(SignedDistance {
                    distance: d,
                    exact: true,
                });
            }
            return Some(SignedDistance {
                distance: self.reach * d.signum(),
                exact: false,
            });
        }
        let sign = if self.far_sign[i] >= 0 { 1.0 } else { -1.0 };
        Some(SignedDistance {
            distance: self.reach * sign,
            exact: false,
        })
    }
}

/// Sorts a cell's candidates nearest first (ties by segment, the line's order): a Shell
/// sort, small in the shipped wasm (the standard library's sort, instantiated for this type,
/// added 11 KB) and quick for the few dozen a cell lists, yet well under quadratic for a
/// pathological line that packs thousands of segments into a few cells.
fn sort_nearest_first(list: &mut [Candidate]) {
    let before = |x: &Candidate, y: &Candidate| {
        x.bound.total_cmp(&y.bound).then(x.segment.cmp(&y.segment)) == std::cmp::Ordering::Less
    };
    let n = list.len();
    let mut pass = |gap: usize| {
        for i in gap..n {
            let item = list[i];
            let mut j = i;
            while j >= gap && before(&item, &list[j - gap]) {
                list[j] = list[j - gap];
                j -= gap;
            }
            list[j] = item;
        }
    };
    // Ciura's gaps, extended by ×2.25 past the last for long lists (no allocation: this runs
    // for every cell of every grid, one grid per frame of a handle drag).
    const CIURA: [usize; 8] = [1, 4, 10, 23, 57, 132, 301, 701];
    let mut gap = CIURA[7];
    while gap * 9 / 4 < n {
        gap = gap * 9 / 4;
    }
    while gap > CIURA[7] {
        pass(gap);
        gap = gap * 4 / 9;
    }
    for &gap in CIURA.iter().rev().filter(|&&g| g < n) {
        pass(gap);
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

    #[test]
    fn candidates_sort_nearest_first_then_by_segment_at_any_length() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for n in [0usize, 1, 2, 7, 40, 300, 3000] {
            let mut list: Vec<Candidate> = (0..n)
                .map(|i| Candidate {
                    bound: (next() % 50) as f32 * 0.25 - 1.0, // ties on purpose
                    segment: (i as u32).wrapping_mul(2_654_435_761) % 10_000,
                })
                .collect();
            let mut expected = list.clone();
            expected.sort_by(|x, y| x.bound.total_cmp(&y.bound).then(x.segment.cmp(&y.segment)));
            sort_nearest_first(&mut list);
            let key = |c: &Candidate| (c.bound.to_bits(), c.segment);
            assert_eq!(
                list.iter().map(key).collect::<Vec<_>>(),
                expected.iter().map(key).collect::<Vec<_>>(),
                "{n} candidates"
            );
        }
    }

    /// Each cell's candidates as the plain way gives them: every segment within the reach,
    /// those that cannot win dropped, nearest first.
    fn plain_candidates(grid: &SignedDistanceGrid) -> Vec<Vec<(u32, u32)>> {
        let half_diag = grid.cell * std::f64::consts::FRAC_1_SQRT_2;
        let slack = (2.0 * half_diag + 1e-3) as f32;
        (0..grid.rows * grid.cols)
            .map(|i| {
                let centre = grid.centre(i % grid.cols, i / grid.cols);
                let mut all: Vec<Candidate> = (0..grid.segments.len())
                    .filter_map(|s| {
                        let (a, b) = grid.segments[s];
                        let d = segment_distance(centre, a, b).0;
                        (d <= grid.reach + half_diag).then_some(Candidate {
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
            let listed: Vec<Vec<(u32, u32)>> = (0..grid.rows * grid.cols)
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
