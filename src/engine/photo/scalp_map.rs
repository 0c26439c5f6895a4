//! How much scalp shows around each point of a classified photo, in mm, and the density
//! factor that density-only work follows from it.
//!
//! The hair coverage of [`Classification`] is averaged into 0.5 mm cells and blurred with a
//! Gaussian of σ = [`VISIBILITY_SIGMA_MM`] (about what the eye integrates at conversation
//! distance), so a single strand does not make a hole in the treatment and dense hair gets
//! almost no dots. [`blur`] is the separable Gaussian it uses, shared with the contrast
//! figures.

use glam::DVec2;

use crate::engine::photo::classify::{
    Classification, FULL_DOTS_FROM, NO_DOTS_BELOW, VISIBILITY_SIGMA_MM,
};

/// The visible-scalp fraction around each point, in mm, and the density factor it gives.
#[derive(Clone)]
pub struct ScalpMap {
    classification: std::sync::Arc<Classification>,
    px_per_mm: f64,
    cell_mm: f64,
    cols: usize,
    rows: usize,
    visible: Vec<f32>,
}

impl std::fmt::Debug for ScalpMap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "ScalpMap({}×{} cells of {} mm)",
            self.cols, self.rows, self.cell_mm
        )
    }
}

/// The map's grid for a classification at `px_per_mm`: `(px per mm, cell mm, cols, rows)`.
fn grid(classification: &Classification, px_per_mm: f64) -> (f64, f64, usize, usize) {
    let ppm = if px_per_mm.is_finite() && px_per_mm > 0.0 {
        px_per_mm
    } else {
        1.0
    };
    let cell_mm = 0.5;
    let cols = ((classification.width() as f64 / ppm / cell_mm).ceil() as usize).max(1);
    let rows = ((classification.height() as f64 / ppm / cell_mm).ceil() as usize).max(1);
    (ppm, cell_mm, cols, rows)
}

impl ScalpMap {
    /// The map of a classification at `px_per_mm` whose visible-scalp grid was made
    /// elsewhere ([`ScalpMap::visible`] of the same classification: the page's engine
    /// worker makes both, and the page's thread then skips the cell sums and blurs, most of
    /// the longest task while a photo is prepared, issue 12). `None` when `visible` is not
    /// such a grid (its size, or a value outside 0–1).
    pub fn with_visible(
        classification: std::sync::Arc<Classification>,
        px_per_mm: f64,
        visible: Vec<f32>,
    ) -> Option<ScalpMap> {
        let (_, _, cols, rows) = grid(&classification, px_per_mm);
        let fits = visible.len() == cols * rows && visible.iter().all(|v| (0.0..=1.0).contains(v));
        fits.then(|| ScalpMap::from_grid(classification, px_per_mm, visible))
    }

    /// The map of `classification` at `px_per_mm` with the grid `visible` (its size).
    fn from_grid(
        classification: std::sync::Arc<Classification>,
        px_per_mm: f64,
        visible: Vec<f32>,
    ) -> ScalpMap {
        let (ppm, cell_mm, cols, rows) = grid(&classification, px_per_mm);
        ScalpMap {
            classification,
            px_per_mm: ppm,
            cell_mm,
            cols,
            rows,
            visible,
        }
    }

    /// The visible-scalp grid (0.5 mm cells, row by row), for [`ScalpMap::with_visible`].
    pub fn visible(&self) -> &[f32] {
        &self.visible
    }

    /// The map of a classification made at `px_per_mm` (work photo pixels per mm).
    pub fn new(classification: std::sync::Arc<Classification>, px_per_mm: f64) -> ScalpMap {
        let (ppm, cell_mm, cols, rows) = grid(&classification, px_per_mm);
        let mut scalp = vec![0.0f32; cols * rows];
        let mut count = vec![0.0f32; cols * rows];
        cell_sums(
            classification.coverage_bytes(),
            classification.width() as usize,
            ppm,
            cell_mm,
            (cols, rows),
            (&mut scalp, &mut count),
        );
        let sigma = (VISIBILITY_SIGMA_MM / cell_mm) as f32;
        // Only the classified cells (the treated region's) hold anything: the blurs work
        // over them and the blur's reach around them, not the whole photo's grid.
        let inside = nonzero_cells(&count, cols);
        let blurred_scalp = blur_within(&scalp, cols, rows, sigma, inside);
        let blurred_count = blur_within(&count, cols, rows, sigma, inside);
        let visible = blurred_scalp
            .iter()
            .zip(&blurred_count)
            .map(|(s, n)| {
                if *n > 1e-3 {
                    (s / n).clamp(0.0, 1.0)
                } else {
                    0.0
                }
            })
            .collect();
        ScalpMap::from_grid(classification, ppm, visible)
    }

    /// The classification behind the map.
    pub fn classification(&self) -> &Classification {
        &self.classification
    }

    /// Work photo pixels per mm.
    pub fn px_per_mm(&self) -> f64 {
        self.px_per_mm
    }

    /// Fraction 0–1 of scalp showing around `p` (mm), bilinear between cells.
    pub fn visible_at(&self, p: DVec2) -> f64 {
        if !p.is_finite() {
            return 0.0;
        }
        let gx = (p.x / self.cell_mm - 0.5).clamp(0.0, (self.cols - 1) as f64);
        let gy = (p.y / self.cell_mm - 0.5).clamp(0.0, (self.rows - 1) as f64);
        let (x0, y0) = (gx.floor() as usize, gy.floor() as usize);
        let (x1, y1) = ((x0 + 1).min(self.cols - 1), (y0 + 1).min(self.rows - 1));
        let (tx, ty) = (gx - x0 as f64, gy - y0 as f64);
        let v = |x: usize, y: usize| self.visible[y * self.cols + x] as f64;
        (v(x0, y0) * (1.0 - tx) + v(x1, y0) * tx) * (1.0 - ty)
            + (v(x0, y1) * (1.0 - tx) + v(x1, y1) * tx) * ty
    }

    /// Whether the photo pixel under `p` (mm) is visible scalp inside the region.
    pub fn is_scalp_at(&self, p: DVec2) -> bool {
        let q = p * self.px_per_mm;
        q.is_finite()
            && self
                .classification
                .is_scalp(q.x.floor() as i64, q.y.floor() as i64)
    }

    /// How much of full density-only density goes at `p` (mm): none on a hair pixel, none
    /// where less than [`NO_DOTS_BELOW`] of the scalp shows, rising smoothly to full at
    /// [`FULL_DOTS_FROM`]. More scalp showing, more dots; dense hair, almost none.
    pub fn density_factor(&self, p: DVec2) -> f64 {
        if !self.is_scalp_at(p) {
            return 0.0;
        }
        let t = (self.visible_at(p) - NO_DOTS_BELOW) / (FULL_DOTS_FROM - NO_DOTS_BELOW);
        let t = t.clamp(0.0, 1.0);
        t * t * (3.0 - 2.0 * t)
    }
}

/// Adds up, per cell of `cell_mm` (`cols` × `rows`), how much scalp each classified pixel
/// of `coverage` (`width` px a row, at `ppm` px per mm) shows and how many there are. Row
/// by row, with each column's and row's cell worked out once: per pixel, the cell took two
/// divisions of its index and four of its position, most of a 50 MP photo's map (issue 12:
/// `set_photo` was the load's longest task). The same sums in the same order as per pixel.
fn cell_sums(
    coverage: &[u8],
    width: usize,
    ppm: f64,
    cell_mm: f64,
    (cols, rows): (usize, usize),
    (scalp, count): (&mut [f32], &mut [f32]),
) {
    if width == 0 {
        return;
    }
    let cell = |i: usize, last: usize| (((i as f64 + 0.5) / ppm / cell_mm) as usize).min(last);
    let cell_of_column: Vec<usize> = (0..width).map(|x| cell(x, cols - 1)).collect();
    for (y, row) in coverage.chunks_exact(width).enumerate() {
        let base = cell(y, rows - 1) * cols;
        for (&c, &cx) in row.iter().zip(&cell_of_column) {
            if c == 0 {
                continue;
            }
            scalp[base + cx] += 1.0 - (c - 1) as f32 / 254.0;
            count[base + cx] += 1.0;
        }
    }
}

/// The first and last column and row holding a non-zero value of a grid `cols` wide
/// (inclusive); `None` when all are zero.
fn nonzero_cells(values: &[f32], cols: usize) -> Option<(usize, usize, usize, usize)> {
    let mut found: Option<(usize, usize, usize, usize)> = None;
    for (y, row) in values.chunks_exact(cols.max(1)).enumerate() {
        let Some(first) = row.iter().position(|&v| v != 0.0) else {
            continue;
        };
        let last = row.iter().rposition(|&v| v != 0.0).unwrap_or(first);
        found = Some(match found {
            None => (first, last, y, y),
            Some((x0, x1, y0, _)) => (x0.min(first), x1.max(last), y0, y),
        });
    }
    found
}

/// [`blur`] of a grid that is zero outside `inside` (its first and last column and row,
/// inclusive; `None`: zero everywhere), worked over those cells and the blur's reach around
/// them only. Why (issue 12): a photo's treated region is a part of the photo's grid, and
/// blurring the whole grid twice was 28 ms of `set_photo`'s 88 ms task for a 50 MP photo
/// on a phone at 4× CPU, the longest while a photo is prepared. Bit for bit the whole
/// grid's blur for a grid of non-negative values (cell sums): every tap it leaves out would
/// add a zero, which changes no such sum.
fn blur_within(
    values: &[f32],
    cols: usize,
    rows: usize,
    sigma: f32,
    inside: Option<(usize, usize, usize, usize)>,
) -> Vec<f32> {
    let Some((x0, x1, y0, y1)) = inside else {
        return vec![0.0; values.len()];
    };
    let reach = (sigma * 3.0).ceil().max(1.0) as usize; // as blur's own
    let (cx0, cx1) = (x0.saturating_sub(reach), (x1 + reach).min(cols - 1));
    let (cy0, cy1) = (y0.saturating_sub(reach), (y1 + reach).min(rows - 1));
    let (w, h) = (cx1 - cx0 + 1, cy1 - cy0 + 1);
    let crop: Vec<f32> = (cy0..=cy1)
        .flat_map(|y| values[y * cols + cx0..=y * cols + cx1].iter().copied())
        .collect();
    let blurred = blur(&crop, w, h, sigma);
    let mut out = vec![0.0; values.len()];
    for (y, row) in blurred.chunks_exact(w).enumerate() {
        let at = (cy0 + y) * cols + cx0;
        out[at..at + w].copy_from_slice(row);
    }
    out
}

/// Separable Gaussian blur of a `cols` × `rows` grid, σ in cells, zero outside.
///
/// Each output is the sum of its taps in kernel order from 0, skipping taps outside the
/// grid; the loops run over whole rows for each tap (no bounds test per tap), which adds
/// the same numbers in the same order, so the result is bit for bit that of the plain
/// double loop.
pub fn blur(values: &[f32], cols: usize, rows: usize, sigma: f32) -> Vec<f32> {
    let r = (sigma * 3.0).ceil().max(1.0) as i64;
    let kernel: Vec<f32> = (-r..=r)
        .map(|i| libm::expf(-((i * i) as f32) / (2.0 * sigma * sigma).max(1e-6)))
        .collect();
    let r = r as usize;
    let n = cols * rows;
    let len = values.len();
    if n == 0 {
        return vec![0.0; len];
    }
    let values = &values[..n];
    // Along rows: output x takes tap k from x + k − r, for the x where that is inside.
    let mut tmp = vec![0.0f32; n];
    for (src, out) in values.chunks_exact(cols).zip(tmp.chunks_exact_mut(cols)) {
        for (k, &wgt) in kernel.iter().enumerate() {
            let x0 = r.saturating_sub(k);
            let x1 = (cols + r).saturating_sub(k).min(cols);
            if x0 >= x1 {
                continue;
            }
            let from = x0 + k - r;
            for (o, &v) in out[x0..x1].iter_mut().zip(&src[from..from + (x1 - x0)]) {
                *o += v * wgt;
            }
        }
    }
    // Along columns: output row y takes tap k from row y + k − r.
    let mut out = vec![0.0f32; len];
    for (y, row) in out[..n].chunks_exact_mut(cols).enumerate() {
        for (k, &wgt) in kernel.iter().enumerate() {
            let Some(yy) = (y + k).checked_sub(r).filter(|&yy| yy < rows) else {
                continue;
            };
            for (o, &v) in row.iter_mut().zip(&tmp[yy * cols..(yy + 1) * cols]) {
                *o += v * wgt;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::random::{hash, unit};

    /// The cell sums as first written: per pixel, its cell from its index.
    fn cell_sums_plain(
        coverage: &[u8],
        w: usize,
        ppm: f64,
        cell_mm: f64,
        (cols, rows): (usize, usize),
    ) -> (Vec<f32>, Vec<f32>) {
        let (mut scalp, mut count) = (vec![0.0f32; cols * rows], vec![0.0f32; cols * rows]);
        for (i, &c) in coverage.iter().enumerate() {
            if c == 0 {
                continue;
            }
            let (x, y) = ((i % w) as f64 + 0.5, (i / w) as f64 + 0.5);
            let cx = ((x / ppm / cell_mm) as usize).min(cols - 1);
            let cy = ((y / ppm / cell_mm) as usize).min(rows - 1);
            scalp[cy * cols + cx] += 1.0 - (c - 1) as f32 / 254.0;
            count[cy * cols + cx] += 1.0;
        }
        (scalp, count)
    }

    /// A benchmark, not a test (it asserts nothing and is ignored by the suite): a 50 MP
    /// photo's work copy (2048 × 1536) summed into cells row by row and pixel by pixel, the
    /// best of 15 each. `cargo test --release --lib cell_sums_time -- --ignored --nocapture`
    /// (2026-11-24, AMD EPYC, 2 cores): 3.23 ms row by row, 11.88 ms pixel by pixel (×0.27).
    #[test]
    #[ignore]
    fn cell_sums_time() {
        let (w, h, ppm) = (2048usize, 1536usize, 9.7f64);
        let coverage: Vec<u8> = (0..w * h)
            .map(|i| {
                if (i / 7) % 3 == 0 {
                    0
                } else {
                    (i % 251) as u8 + 1
                }
            })
            .collect();
        let cols = ((w as f64 / ppm / 0.5).ceil() as usize).max(1);
        let rows = ((h as f64 / ppm / 0.5).ceil() as usize).max(1);
        let mut best = [f64::MAX; 2];
        for _ in 0..15 {
            let t = std::time::Instant::now();
            let (mut a, mut b) = (vec![0.0f32; cols * rows], vec![0.0f32; cols * rows]);
            cell_sums(&coverage, w, ppm, 0.5, (cols, rows), (&mut a, &mut b));
            std::hint::black_box((&a, &b));
            best[0] = best[0].min(t.elapsed().as_secs_f64() * 1e3);
            let t = std::time::Instant::now();
            std::hint::black_box(cell_sums_plain(&coverage, w, ppm, 0.5, (cols, rows)));
            best[1] = best[1].min(t.elapsed().as_secs_f64() * 1e3);
        }
        println!(
            "cell sums of 2048 × 1536 px: row by row {:.2} ms, pixel by pixel {:.2} ms (×{:.2})",
            best[0],
            best[1],
            best[0] / best[1]
        );
    }

    #[test]
    fn the_cell_sums_row_by_row_are_those_pixel_by_pixel_to_the_bit() {
        for (w, h, ppm) in [
            (173usize, 91usize, 3.7f64),
            (400, 300, 4.0),
            (64, 200, 11.3),
        ] {
            let coverage: Vec<u8> = (0..w * h)
                .map(|i| (unit(hash(&[i as u64, w as u64])) * 300.0).min(255.0) as u8)
                .collect();
            let cols = ((w as f64 / ppm / 0.5).ceil() as usize).max(1);
            let rows = ((h as f64 / ppm / 0.5).ceil() as usize).max(1);
            let (mut scalp, mut count) = (vec![0.0f32; cols * rows], vec![0.0f32; cols * rows]);
            cell_sums(
                &coverage,
                w,
                ppm,
                0.5,
                (cols, rows),
                (&mut scalp, &mut count),
            );
            let (plain_scalp, plain_count) = cell_sums_plain(&coverage, w, ppm, 0.5, (cols, rows));
            let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&scalp), bits(&plain_scalp), "{w} × {h} at {ppm}");
            assert_eq!(bits(&count), bits(&plain_count), "{w} × {h} at {ppm}");
        }
    }

    /// The blur as first written: a bounds test per tap.
    fn blur_plain(values: &[f32], cols: usize, rows: usize, sigma: f32) -> Vec<f32> {
        let r = (sigma * 3.0).ceil().max(1.0) as i64;
        let kernel: Vec<f32> = (-r..=r)
            .map(|i| libm::expf(-((i * i) as f32) / (2.0 * sigma * sigma).max(1e-6)))
            .collect();
        let mut tmp = vec![0.0f32; values.len()];
        for y in 0..rows {
            for x in 0..cols {
                let mut s = 0.0;
                for (k, wgt) in kernel.iter().enumerate() {
                    let xx = x as i64 + k as i64 - r;
                    if xx >= 0 && xx < cols as i64 {
                        s += values[y * cols + xx as usize] * wgt;
                    }
                }
                tmp[y * cols + x] = s;
            }
        }
        let mut out = vec![0.0f32; values.len()];
        for y in 0..rows {
            for x in 0..cols {
                let mut s = 0.0;
                for (k, wgt) in kernel.iter().enumerate() {
                    let yy = y as i64 + k as i64 - r;
                    if yy >= 0 && yy < rows as i64 {
                        s += tmp[yy as usize * cols + x] * wgt;
                    }
                }
                out[y * cols + x] = s;
            }
        }
        out
    }

    #[test]
    fn the_blur_is_bit_for_bit_the_plain_double_loop() {
        for (cols, rows, sigma) in [
            (37, 23, 3.0),
            (5, 40, 3.25),
            (1, 1, 1.5),
            (64, 3, 0.2),
            (9, 9, 12.0),
        ] {
            let values: Vec<f32> = (0..cols * rows)
                .map(|i| (unit(hash(&[cols as u64, i as u64])) * 3.0 - 1.0) as f32)
                .collect();
            let fast = blur(&values, cols, rows, sigma);
            let plain = blur_plain(&values, cols, rows, sigma);
            assert_eq!(
                fast.iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
                plain.iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
                "{cols} × {rows}, σ {sigma}"
            );
        }
        assert!(blur(&[], 0, 0, 1.0).is_empty());
    }

    #[test]
    fn the_blur_within_the_nonzero_cells_is_bit_for_bit_the_whole_grids() {
        for (cols, rows, sigma, (x0, x1, y0, y1)) in [
            (80, 60, 3.0, (20, 45, 10, 30)),
            (80, 60, 3.0, (0, 5, 50, 59)),
            (40, 40, 3.0, (0, 39, 0, 39)),
            (30, 20, 12.0, (14, 15, 9, 9)),
            (7, 5, 0.5, (3, 3, 2, 2)),
        ] {
            // Non-negative values (cell sums) inside the box, zeros elsewhere.
            let values: Vec<f32> = (0..cols * rows)
                .map(|i| {
                    let (x, y) = (i % cols, i / cols);
                    let inside = (x0..=x1).contains(&x) && (y0..=y1).contains(&y);
                    if inside && i % 3 != 0 {
                        (unit(hash(&[cols as u64, i as u64])) * 40.0) as f32
                    } else {
                        0.0
                    }
                })
                .collect();
            let inside = nonzero_cells(&values, cols);
            let within = blur_within(&values, cols, rows, sigma, inside);
            let whole = blur(&values, cols, rows, sigma);
            assert_eq!(
                within.iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
                whole.iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
                "{cols} × {rows}, σ {sigma}, inside {inside:?}"
            );
        }
        assert_eq!(
            blur_within(&[0.0; 12], 4, 3, 3.0, nonzero_cells(&[0.0; 12], 4)),
            vec![0.0; 12]
        );
    }
}
