//! RGBA pixels: the pixmap, anti-aliased polygon fills and strokes, pixel rectangles.
//!
//! Polygons are filled with exact area coverage (the signed-area accumulation of font-rs:
//! each edge deposits, per pixel, the area it sweeps; a running sum along each row gives
//! coverage), so edges are smooth at any scale without supersampling. Overlapping
//! sub-polygons of one fill are a union (each is oriented the same way and coverage is
//! clamped to 1), which is how strokes are built from segment quads and round joins.
//!
//! Colours are straight (not premultiplied) RGBA8 over an opaque background. Pigment
//! impressions are drawn by `impressions.rs`.

use glam::Vec2;

/// Largest pixmap side, px (a 50 MP photo is scaled below this before it gets here).
pub const MAX_SIDE_PX: u32 = 8192;

/// An RGBA8 colour, straight alpha.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgba(pub u8, pub u8, pub u8, pub u8);

/// An opaque RGBA8 image.
#[derive(Clone, Debug, PartialEq)]
pub struct Pixmap {
    width: u32,
    height: u32,
    data: Vec<u8>,
}

impl Pixmap {
    /// Whether a pixmap of `width` × `height` can be made: 1 to [`MAX_SIDE_PX`] a side.
    pub fn size_is_usable(width: u32, height: u32) -> bool {
        (1..=MAX_SIDE_PX).contains(&width) && (1..=MAX_SIDE_PX).contains(&height)
    }

    /// A pixmap filled with `colour`; `None` for a zero or over-`MAX_SIDE_PX` size.
    pub fn new(width: u32, height: u32, colour: Rgba) -> Option<Pixmap> {
        if !Pixmap::size_is_usable(width, height) {
            return None;
        }
        let data =
            [colour.0, colour.1, colour.2, colour.3].repeat(width as usize * height as usize);
        Some(Pixmap {
            width,
            height,
            data,
        })
    }

    /// A pixmap whose every pixel the caller paints: transparent black, which a fresh
    /// allocation already is (zeroed memory from the allocator: a new frame-sized buffer
    /// on a phone's canvas, 12 MB, then costs no pass over its bytes before its first use).
    /// `None` for a zero or over-`MAX_SIDE_PX` size.
    pub fn new_for_overwrite(width: u32, height: u32) -> Option<Pixmap> {
        if !Pixmap::size_is_usable(width, height) {
            return None;
        }
        Some(Pixmap {
            width,
            height,
            data: vec![0; width as usize * height as usize * 4],
        })
    }

    /// Fills every pixel with `colour`.
    pub fn clear(&mut self, colour: Rgba) {
        for px in self.data.chunks_exact_mut(4) {
            px.copy_from_slice(&[colour.0, colour.1, colour.2, colour.3]);
        }
    }

    /// Width, px.
    pub fn width(&self) -> u32 {
        self.width
    }

    /// Height, px.
    pub fn height(&self) -> u32 {
        self.height
    }

    /// The RGBA bytes, row by row.
    pub fn data(&self) -> &[u8] {
        &self.data
    }

    /// The RGBA bytes, mutable.
    pub fn data_mut(&mut self) -> &mut [u8] {
        &mut self.data
    }

    /// The colour at `(x, y)`; `None` outside.
    pub fn pixel(&self, x: u32, y: u32) -> Option<Rgba> {
        if x >= self.width || y >= self.height {
            return None;
        }
        let i = (y as usize * self.width as usize + x as usize) * 4;
        Some(Rgba(
            self.data[i],
            self.data[i + 1],
            self.data[i + 2],
            self.data[i + 3],
        ))
    }

    /// Copies `other` into this pixmap if the sizes match; returns whether it did.
    pub fn copy_from(&mut self, other: &Pixmap) -> bool {
        if self.width != other.width || self.height != other.height {
            return false;
        }
        self.data.copy_from_slice(&other.data);
        true
    }

    /// Copies `band` (a pixmap as wide as this one) into rows `y..` (those that fit);
    /// returns false if the widths differ.
    pub fn paste_rows(&mut self, band: &Pixmap, y: u32) -> bool {
        if band.width != self.width || y >= self.height {
            return false;
        }
        let stride = self.width as usize * 4;
        let rows = band.height.min(self.height - y) as usize;
        let at = y as usize * stride;
        self.data[at..at + rows * stride].copy_from_slice(&band.data[..rows * stride]);
        true
    }

    /// Blends `colour` at `(x, y)` with extra opacity `alpha` in 0–1.
    #[inline]
    fn blend(&mut self, x: usize, y: usize, colour: [f32; 3], alpha: f32) {
        let i = (y * self.width as usize + x) * 4;
        let px = &mut self.data[i..i + 3];
        for k in 0..3 {
            let d = px[k] as f32;
            px[k] = (d + (colour[k] - d) * alpha + 0.5) as u8;
        }
    }

    /// Fills the union of `polygons` (pixel coordinates) with `paint(x, y)` → colour.
    ///
    /// Each row is walked only from the first to the last cell its edges touched (outside,
    /// the running sum is 0, or constant to the right), and the accumulation buffer is
    /// reused and cleared over those cells only: a fill allocates nothing (each fill of a
    /// background band made a new buffer of up to 600 KB, churn in the wasm heap, issue 13).
    /// Within that span, the blocks of 64 cells no edge wrote in are passed over whole (the
    /// sum is constant across them): a thin stroke across a wide box (a head's rim) walked
    /// the whole head's width on every row. The pixels are the same to the byte (test
    /// against the plain walk); `cargo bench --bench engine -- phone` ran 2.7 % fewer
    /// instructions (cachegrind, 5.447 → 5.301 G), and 4.766 G once the window, the edges and
    /// the pixel write were their own functions (shared with that test's plain walk).
    pub fn fill_with(&mut self, polygons: &[Vec<Vec2>], mut paint: impl FnMut(f32, f32) -> Rgba) {
        let Some((x0, y0, width, height)) = self.fill_window(polygons) else {
            return;
        };
        with_accumulator(x0, y0, width, height, |acc| {
            acc.add_polygons(polygons);
            let stride = acc.width + 2;
            let shift = acc.block_shift;
            for row in 0..acc.height {
                let (lo, hi) = acc.touched[row];
                let written = std::mem::take(&mut acc.blocks[row]);
                if lo > hi {
                    continue; // no edge crossed this row: nothing covered
                }
                let cells = &mut acc.cells[row * stride..(row + 1) * stride];
                let y = y0 + row;
                let mut put = |col: usize, coverage: f32| {
                    let x = x0 + col;
                    self.cover(x, y, paint(x as f32 + 0.5, y as f32 + 0.5), coverage);
                };
                let mut sum = 0.0f32;
                let mut col = lo;
                'row: while col < acc.width {
                    let block = col >> shift;
                    let end = ((block + 1) << shift).min(acc.width);
                    if written >> block & 1 == 0 {
                        // No edge wrote in this block: its cells are all zero, so the sum
                        // and the coverage stay as they are across it (a block holds `hi`
                        // only if written, so it lies wholly before or after it).
                        let coverage = at_most(sum.abs(), 1.0);
                        if coverage <= 1.0 / 512.0 {
                            if col > hi {
                                break; // past the last edge with nothing covered
                            }
                        } else {
                            (col..end).for_each(|c| put(c, coverage));
                        }
                    } else {
                        for (c, &cell) in cells.iter().enumerate().take(end).skip(col) {
                            if c <= hi {
                                sum += cell;
                            } else if sum.abs() <= 1.0 / 512.0 {
                                break 'row; // past the last edge with nothing covered
                            }
                            let coverage = at_most(sum.abs(), 1.0);
                            if coverage > 1.0 / 512.0 {
                                put(c, coverage);
                            }
                        }
                    }
                    col = end;
                }
                cells[lo..=hi].fill(0.0);
            }
        });
    }

    /// Lays colour `c` over pixel `(x, y)` at `coverage` (0–1) of its area.
    #[inline]
    fn cover(&mut self, x: usize, y: usize, c: Rgba, coverage: f32) {
        if coverage >= 1.0 && c.3 == 255 {
            // Inside and opaque (most of a head): the blend would give the colour itself,
            // exactly; written straight, a first picture's head costs a fraction less.
            let i = (y * self.width as usize + x) * 4;
            self.data[i..i + 3].copy_from_slice(&[c.0, c.1, c.2]);
        } else {
            let alpha = coverage * c.3 as f32 / 255.0;
            self.blend(x, y, [c.0 as f32, c.1 as f32, c.2 as f32], alpha);
        }
    }

    /// The window of pixels `polygons` can cover, `(x0, y0, width, height)`, clipped to
    /// the pixmap; `None` when it is empty.
    fn fill_window(&self, polygons: &[Vec<Vec2>]) -> Option<(usize, usize, usize, usize)> {
        let (min, max) = bounds_of(polygons.iter().flatten())?;
        let x0 = (min.x.floor().max(0.0)) as usize;
        let y0 = (min.y.floor().max(0.0)) as usize;
        let x1 = (max.x.ceil().min(self.width as f32)).max(0.0) as usize;
        let y1 = (max.y.ceil().min(self.height as f32)).max(0.0) as usize;
        (x1 > x0 && y1 > y0).then(|| (x0, y0, x1 - x0, y1 - y0))
    }

    /// Fills the union of `polygons` with one colour.
    pub fn fill(&mut self, polygons: &[Vec<Vec2>], colour: Rgba) {
        self.fill_with(polygons, |_, _| colour);
    }

    /// Strokes an open polyline of width `width` px with round joins and caps.
    pub fn stroke(&mut self, points: &[Vec2], width: f32, colour: Rgba) {
        self.fill(&stroke_polygons(points, width), colour);
    }

    /// The whole pixmap as a clip rectangle.
    pub fn bounds(&self) -> PixelRect {
        PixelRect {
            x0: 0,
            y0: 0,
            x1: self.width as i64,
            y1: self.height as i64,
        }
    }

    /// Copies the pixels of `rect` (clipped to the pixmap) from `source`, a pixmap of the
    /// same size; returns false if the sizes differ.
    pub fn restore_from(&mut self, source: &Pixmap, rect: PixelRect) -> bool {
        if self.width != source.width || self.height != source.height {
            return false;
        }
        let r = rect.intersect(self.bounds());
        let stride = self.width as usize * 4;
        for y in r.y0..r.y1 {
            let a = y as usize * stride + r.x0 as usize * 4;
            let b = y as usize * stride + r.x1 as usize * 4;
            self.data[a..b].copy_from_slice(&source.data[a..b]);
        }
        true
    }

    /// The RGBA bytes of `rect` (clipped to the pixmap), row by row, and the clipped rect.
    pub fn region(&self, rect: PixelRect) -> (PixelRect, Vec<u8>) {
        let r = rect.intersect(self.bounds());
        let stride = self.width as usize * 4;
        let mut out = Vec::with_capacity(r.area() * 4);
        for y in r.y0..r.y1 {
            let a = y as usize * stride + r.x0 as usize * 4;
            out.extend_from_slice(&self.data[a..a + (r.x1 - r.x0) as usize * 4]);
        }
        (r, out)
    }
}

/// A rectangle of pixels, `x0..x1` × `y0..y1` (maximum exclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PixelRect {
    /// First column.
    pub x0: i64,
    /// First row.
    pub y0: i64,
    /// One past the last column.
    pub x1: i64,
    /// One past the last row.
    pub y1: i64,
}

impl PixelRect {
    /// The overlap of two rectangles (empty when they do not meet).
    pub fn intersect(self, other: PixelRect) -> PixelRect {
        let r = PixelRect {
            x0: self.x0.max(other.x0),
            y0: self.y0.max(other.y0),
            x1: self.x1.min(other.x1),
            y1: self.y1.min(other.y1),
        };
        if r.x1 <= r.x0 || r.y1 <= r.y0 {
            PixelRect {
                x0: r.x0,
                y0: r.y0,
                x1: r.x0,
                y1: r.y0,
            }
        } else {
            r
        }
    }

    /// Number of pixels.
    pub fn area(self) -> usize {
        ((self.x1 - self.x0).max(0) * (self.y1 - self.y0).max(0)) as usize
    }
}

/// `x.min(cap)` for a `cap` that is a number, with no call. Why (issue 12, first dots): on
/// wasm `f32::min` is a call to `fminf` (its NaN rules have no single instruction there),
/// which the browser's baseline tier, where a page's first picture runs, does not inline:
/// 7 ms of a phone's first picture at 1× in a CPU profile, in the head's shading alone.
/// The same value as `x.min(cap)` for every `x`, NaN included (it gives `cap`); of two zeros
/// it may give the other sign.
#[inline(always)]
pub(crate) fn at_most(x: f32, cap: f32) -> f32 {
    if x < cap {
        x
    } else {
        cap
    }
}

/// `x.max(floor)` for a `floor` that is a number, with no call (see [`at_most`]); a NaN `x`
/// gives `floor`, as `max` does.
#[inline(always)]
pub(crate) fn at_least(x: f32, floor: f32) -> f32 {
    if x > floor {
        x
    } else {
        floor
    }
}

/// Bounding box of points; `None` if empty or not finite.
fn bounds_of<'a>(mut points: impl Iterator<Item = &'a Vec2>) -> Option<(Vec2, Vec2)> {
    let first = *points.next()?;
    let (min, max) = points.fold((first, first), |(a, b), &p| (a.min(p), b.max(p)));
    (min.is_finite() && max.is_finite()).then_some((min, max))
}

/// Polygons whose union is the stroke of `points`: a quad per segment, a disc per vertex.
pub fn stroke_polygons(points: &[Vec2], width: f32) -> Vec<Vec<Vec2>> {
    let half = width * 0.5;
    let mut out = Vec::new();
    for w in points.windows(2) {
        let n = (w[1] - w[0]).perp().normalize_or_zero() * half;
        if n != Vec2::ZERO {
            out.push(vec![w[0] - n, w[1] - n, w[1] + n, w[0] + n]);
        }
    }
    for &p in points {
        out.push(circle(p, half, 12));
    }
    out
}

/// A regular polygon approximating a circle.
pub fn circle(centre: Vec2, radius: f32, sides: usize) -> Vec<Vec2> {
    (0..sides)
        .map(|i| {
            let a = i as f32 / sides as f32 * std::f32::consts::TAU;
            centre + Vec2::new(libm::cosf(a), libm::sinf(a)) * radius
        })
        .collect()
}

/// Signed-area coverage accumulation over a window of the pixmap.
struct Accumulator {
    x0: f32,
    y0: f32,
    width: usize,
    height: usize,
    /// `height` rows of `width + 2` cells (two spare cells take the right-edge spill); all
    /// zero between fills.
    cells: Vec<f32>,
    /// Per row, the first and last cell an edge wrote (first > last: none).
    touched: Vec<(usize, usize)>,
    /// Per row, which blocks of `1 << block_shift` cells an edge wrote in (bit b: cells
    /// `b << block_shift` onwards): a fill skips the others whole, their cells all zero (the
    /// inside of a head's rim stroke, the middle of a wide shape's rows).
    blocks: Vec<u64>,
    /// Log2 of a block's cells: 64 cells, or more so that a row has at most 64 blocks.
    block_shift: u32,
}

/// Cells of the accumulation buffer kept between fills (4 MB): a band of a background, a
/// face feature. A larger window (a whole 8192 px export in one fill) gets its own.
const KEPT_CELLS: usize = 1 << 20;

thread_local! {
    static ACCUMULATOR: std::cell::RefCell<Vec<f32>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Runs `fill` with an all-zero accumulator over the window; `fill` leaves it zero again.
fn with_accumulator(
    x0: usize,
    y0: usize,
    width: usize,
    height: usize,
    fill: impl FnOnce(&mut Accumulator),
) {
    let cells = (width + 2) * height;
    let kept = if cells <= KEPT_CELLS {
        ACCUMULATOR.with(|a| a.try_borrow_mut().ok().map(|mut a| std::mem::take(&mut *a)))
    } else {
        None
    };
    let mut buffer = kept.unwrap_or_default();
    if buffer.len() < cells {
        buffer.resize(cells, 0.0);
    }
    let mut acc = Accumulator {
        x0: x0 as f32,
        y0: y0 as f32,
        width,
        height,
        cells: buffer,
        touched: vec![(usize::MAX, 0); height],
        blocks: vec![0; height],
        block_shift: block_shift(width + 2),
    };
    fill(&mut acc);
    if cells <= KEPT_CELLS {
        ACCUMULATOR.with(|a| {
            if let Ok(mut a) = a.try_borrow_mut() {
                *a = acc.cells;
            }
        });
    }
}

/// The block size ([`Accumulator::block_shift`]) for rows of `cells`: at least 64 cells,
/// and at most 64 blocks a row (one bit each in a `u64`).
fn block_shift(cells: usize) -> u32 {
    let mut shift = 6;
    while cells.div_ceil(1 << shift) > 64 {
        shift += 1;
    }
    shift
}

impl Accumulator {
    /// Deposits the edges of `polygons` (each of at least 3 points, either winding: the
    /// union is filled).
    fn add_polygons(&mut self, polygons: &[Vec<Vec2>]) {
        for poly in polygons {
            let n = poly.len();
            if n < 3 {
                continue;
            }
            let twice_area: f32 = (0..n).map(|i| poly[i].perp_dot(poly[(i + 1) % n])).sum();
            let flip = twice_area < 0.0;
            for i in 0..n {
                let (a, b) = (poly[i], poly[(i + 1) % n]);
                if flip {
                    self.line(b, a);
                } else {
                    self.line(a, b);
                }
            }
        }
    }

    /// Deposits the signed area swept by the edge `a`→`b` (pixel coordinates).
    fn line(&mut self, a: Vec2, b: Vec2) {
        let (a, b) = (
            a - Vec2::new(self.x0, self.y0),
            b - Vec2::new(self.x0, self.y0),
        );
        if (a.y - b.y).abs() <= f32::EPSILON {
            return;
        }
        let (dir, p0, p1) = if a.y < b.y { (1.0, a, b) } else { (-1.0, b, a) };
        let dxdy = (p1.x - p0.x) / (p1.y - p0.y);
        let mut x = p0.x;
        if p0.y < 0.0 {
            x -= p0.y * dxdy;
        }
        let stride = self.width + 2;
        let max_x = self.width as f32;
        let row_start = p0.y.max(0.0) as usize;
        let row_end = (p1.y.ceil().max(0.0) as usize).min(self.height);
        for row in row_start..row_end {
            let base = row * stride;
            let dy = at_most((row + 1) as f32, p1.y) - at_least(row as f32, p0.y);
            let x_next = x + dxdy * dy;
            let d = dy * dir;
            // Clamping x to the window keeps the coverage of pixels inside it exact.
            let (xa, xb) = (x.clamp(0.0, max_x), x_next.clamp(0.0, max_x));
            let (x0, x1) = if xa < xb { (xa, xb) } else { (xb, xa) };
            let x0_floor = x0.floor();
            let x0i = x0_floor as usize;
            let x1_ceil = x1.ceil();
            let x1i = x1_ceil as usize;
            let span = &mut self.touched[row];
            let last = x1i.max(x0i + 1);
            span.0 = span.0.min(x0i);
            span.1 = span.1.max(last);
            let (b0, b1) = (x0i >> self.block_shift, last >> self.block_shift);
            let bits = if b1 - b0 >= 63 {
                u64::MAX
            } else {
                (2u64 << (b1 - b0)) - 1
            };
            self.blocks[row] |= bits << b0;
            if x1i <= x0i + 1 {
                let xmf = 0.5 * (xa + xb) - x0_floor;
                self.cells[base + x0i] += d - d * xmf;
                self.cells[base + x0i + 1] += d * xmf;
            } else {
                let s = (x1 - x0).recip();
                let x0f = x0 - x0_floor;
                let a0 = 0.5 * s * (1.0 - x0f) * (1.0 - x0f);
                let x1f = x1 - x1_ceil + 1.0;
                let am = 0.5 * s * x1f * x1f;
                self.cells[base + x0i] += d * a0;
                if x1i == x0i + 2 {
                    self.cells[base + x0i + 1] += d * (1.0 - a0 - am);
                } else {
                    let a1 = s * (1.5 - x0f);
                    self.cells[base + x0i + 1] += d * (a1 - a0);
                    for xi in x0i + 2..x1i - 1 {
                        self.cells[base + xi] += d * s;
                    }
                    let a2 = a1 + (x1i - x0i - 3) as f32 * s;
                    self.cells[base + x1i - 1] += d * (1.0 - a2 - am);
                }
                self.cells[base + x1i] += d * am;
            }
            x = x_next;
        }
    }
}

#[cfg(test)]
mod tests;
