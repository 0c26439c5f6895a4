//! The listing of a signed distance grid's cells: for each cell, the segments that can be
//! nearest somewhere in it, nearest first. Most of a grid's building is here, and for a
//! long line of tiny segments (a design may hold 2,000 points) most of a design's laying.

use glam::DVec2;

use super::Candidate;
use crate::engine::geometry::{segment_distance, Rect};

/// Most consecutive segments visited as one run when the cells are listed.
const MOST_PER_RUN: usize = 32;

/// A grid's cells as the listing of candidates sees them.
#[derive(Clone, Debug)]
pub(super) struct Cells {
    pub(super) origin: DVec2,
    pub(super) cell: f64,
    pub(super) cols: usize,
    pub(super) rows: usize,
    pub(super) reach: f64,
    half_diag: f64,
    /// How far past a cell's smallest bound a candidate may still be nearest somewhere in
    /// it: a candidate whose bound exceeds the cell's smallest by more than the cell's
    /// diagonal never is (nor ties), as the segment with the smallest bound is at most that
    /// far from every point of the cell. Such candidates are dropped: a line of 2,000 tiny
    /// segments listed ~370 in a cell, of which ~40 can win. Queries give the same answers.
    slack: f32,
}

impl Cells {
    /// The cells of `cell` mm (at least 0.05) over `area`, at most 4096 a side.
    pub(super) fn new(area: Rect, cell: f64, reach: f64) -> Cells {
        let cell = cell.max(0.05);
        let half_diag = cell * std::f64::consts::FRAC_1_SQRT_2;
        Cells {
            origin: area.min,
            cell,
            cols: ((area.size().x / cell).ceil() as usize).clamp(1, 4096),
            rows: ((area.size().y / cell).ceil() as usize).clamp(1, 4096),
            reach,
            half_diag,
            slack: (2.0 * half_diag + 1e-3) as f32,
        }
    }

    /// Each cell's candidates that can be nearest in it, nearest first, as one flat list,
    /// and where each cell's start (one more entry than cells).
    pub(super) fn list(&self, segments: &[(DVec2, DVec2)]) -> (Vec<u32>, Vec<Candidate>) {
        let at_most = self.upper_bounds_of_smallest(segments);
        // (cell, candidate) pairs in segment order, then grouped by cell (a counting sort,
        // stable) and each cell's sorted nearest first. The segments are visited in runs of
        // consecutive ones that reach no more than a cell or two past the widest of them: a
        // cell farther from a run's bounds than its candidates can be skips the whole run. A
        // line of 2,000 tiny segments computed ~800,000 distances here, 20–60 ms of a
        // design's laying in wasm; a line of long segments has runs of one, as before.
        let mut pairs = Pairs::default();
        let mut run_start = 0;
        while run_start < segments.len() {
            let (mut lo, mut hi) = (segments[run_start].0, segments[run_start].0);
            let (mut run_end, mut widest) = (run_start, 0.0f64);
            while run_end < segments.len() && run_end - run_start < MOST_PER_RUN {
                let (a, b) = segments[run_end];
                let (grown_lo, grown_hi) = (lo.min(a.min(b)), hi.max(a.max(b)));
                widest = widest.max((a - b).abs().max_element());
                if run_end > run_start
                    && (grown_hi - grown_lo).max_element() > 2.0 * self.cell + widest
                {
                    break;
                }
                (lo, hi) = (grown_lo, grown_hi);
                run_end += 1;
            }
            self.list_run(segments, run_start..run_end, (lo, hi), &at_most, &mut pairs);
            run_start = run_end;
        }
        self.those_that_can_win(pairs)
    }

    /// A candidate's bound for a segment `d` mm from a cell's centre, rounded down past f32's
    /// precision, so it never exceeds the true distance of a point in the cell.
    fn bound_at(&self, d: f64) -> f32 {
        ((d - self.half_diag) * (1.0 - 1e-6) - 1e-6) as f32
    }

    pub(super) fn centre(&self, col: usize, row: usize) -> DVec2 {
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
    #[inline(never)] // (see `list_run`)
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
    ///
    /// Never inlined, for the browser's sake: wasm has no on-stack replacement, so a
    /// function runs to its end in the tier it was entered in. Inlined, the whole listing
    /// was one call, run in V8's baseline tier on a fresh page (a long line's `setDesign`
    /// spread over 56–179 ms); as one call per run of segments, the optimised code, compiled
    /// meanwhile in the background, takes over after the first calls.
    #[inline(never)]
    fn list_run(
        &self,
        segments: &[(DVec2, DVec2)],
        run: std::ops::Range<usize>,
        (lo, hi): (DVec2, DVec2),
        at_most: &[f32],
        pairs: &mut Pairs,
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
    fn those_that_can_win(&self, pairs: Pairs) -> (Vec<u32>, Vec<Candidate>) {
        let cells = self.cols * self.rows;
        // The exact smallest of each cell, from the pairs kept (the smallest is among them).
        let mut smallest = vec![f32::INFINITY; cells];
        pairs.each(|c, candidate| {
            let at = &mut smallest[c as usize];
            *at = at.min(candidate.bound);
        });
        let can_win =
            |c: u32, candidate: &Candidate| candidate.bound <= smallest[c as usize] + self.slack;
        let mut cell_start = vec![0u32; cells + 1];
        pairs.each(|c, candidate| {
            if can_win(c, &candidate) {
                cell_start[c as usize + 1] += 1;
            }
        });
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
        pairs.each(|c, candidate| {
            if can_win(c, &candidate) {
                candidates[next[c as usize] as usize] = candidate;
                next[c as usize] += 1;
            }
        });
        for w in cell_start.windows(2) {
            sort_nearest_first(&mut candidates[w[0] as usize..w[1] as usize]);
        }
        (cell_start, candidates)
    }
}

/// The (cell, candidate) pairs of a listing, in blocks of a fixed size. Why blocks: a line
/// of 2,000 tiny segments lists about 265,000 pairs (3 MB), and one growing list was copied
/// at each doubling on the way there (about 6 MB copied, 15 ms of a fresh page's
/// `setDesign` in wasm's first tier); a full block is left as it is and a new one begun.
#[derive(Default)]
struct Pairs {
    blocks: Vec<Vec<(u32, Candidate)>>,
}

impl Pairs {
    /// Pairs a block holds (768 KB).
    const BLOCK: usize = 1 << 16;

    fn push(&mut self, pair: (u32, Candidate)) {
        match self.blocks.last_mut() {
            // (The first block grows as a list would: most lines list a few thousand pairs.)
            Some(block) if block.len() < Self::BLOCK => block.push(pair),
            Some(_) => {
                let mut block = Vec::with_capacity(Self::BLOCK);
                block.push(pair);
                self.blocks.push(block);
            }
            None => self.blocks.push(vec![pair]),
        }
    }

    /// Calls `visit(cell, candidate)` for every pair, in the order pushed (a loop per block:
    /// a flattened iterator checked for the block's end at every pair).
    fn each(&self, mut visit: impl FnMut(u32, Candidate)) {
        for block in &self.blocks {
            for &(c, candidate) in block {
                visit(c, candidate);
            }
        }
    }
}

/// Sorts a cell's candidates nearest first (ties by segment, the line's order): a Shell
/// sort, small in the shipped wasm (the standard library's sort, instantiated for this type,
/// added 11 KB) and quick for the few dozen a cell lists, yet well under quadratic for a
/// pathological line that packs thousands of segments into a few cells.
#[inline(never)] // (one call per cell: see `Cells::list_run`)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_past_a_block_are_all_visited_in_the_order_pushed() {
        let mut pairs = Pairs::default();
        let n = 2 * Pairs::BLOCK + 7;
        for i in 0..n as u32 {
            let candidate = Candidate {
                bound: i as f32,
                segment: i,
            };
            pairs.push((i % 97, candidate));
        }
        assert_eq!(pairs.blocks.len(), 3);
        let mut seen = 0u32;
        pairs.each(|c, candidate| {
            assert_eq!((c, candidate.segment), (seen % 97, seen));
            seen += 1;
        });
        assert_eq!(seen as usize, n);
    }

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
}
