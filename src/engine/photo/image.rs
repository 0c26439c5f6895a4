//! A client's photo as the engine sees it: straight RGBA8 pixels, scaled down for work.
//!
//! What: [`Photo`] holds an opaque RGBA8 image of at most [`MAX_INPUT_PIXELS`] pixels and
//! gives area-averaged down-scaling ([`Photo::scaled_to_fit`], [`Photo::resized`]), the
//! colour around a point (the eyedropper takes the one most of a disc shows,
//! [`Photo::main_colour`]) and linear luminance. A generated picture may carry its hair as
//! drawn ([`Photo::with_truth`]), which the photo layer takes instead of classifying.
//!
//! Why: the page decodes the file (the browser knows every format and EXIF orientation) and
//! hands the engine pixels; the CLI decodes PNG. Either way the engine works on a *work
//! copy* of at most [`WORK_MAX_SIDE_PX`] per side: at that size a crown photo still holds
//! 10–15 px per mm (a hair shaft, 0.06–0.10 mm, is about a pixel wide, which is what the
//! classifier needs), while analysis of a 50 MP original would cost seconds and 200 MB.
//!
//! Units: pixels here; the design's `px_per_mm` and `photo` size (see
//! [`crate::engine::design::PhotoFrame`]) map them to millimetres. Limits: the alpha channel is
//! ignored (a photo is opaque); colours are sRGB-encoded as the browser and PNG give them.

use std::fmt;
use std::sync::Arc;

use crate::engine::photo::classify::MadeAnalysis;

/// Most pixels a photo may have when it reaches the engine (a 50 MP camera plus margin).
pub const MAX_INPUT_PIXELS: u64 = 60_000_000;
/// Longest side of the work copy, px (see the module doc for why).
pub const WORK_MAX_SIDE_PX: u32 = 2048;
/// Below this [`Photo::highlight_level`] a photo is dim: its brightest parts are grey, not
/// near white, and a skin colour read from it gives a darker Fitzpatrick type than the
/// skin's (a fair skin at 70 % exposure read type IV, at 50 % type VI, with 1 % of pixels
/// at 178 and 128: a user pass). Project's choice, between those and a normal exposure's
/// 230–255.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // (the page's advice only)
pub const DIM_PHOTO_HIGHLIGHT: u8 = 200;
/// The share of a photo's pixels [`Photo::highlight_level`] is the level of: its brightest
/// 1 % (a ruler or a wall in a corner, not a single glint).
pub const HIGHLIGHT_SHARE: f64 = 0.01;

/// A photo that cannot be used, and why (in plain words).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhotoError(pub String);

impl fmt::Display for PhotoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid photo: {}", self.0)
    }
}

impl std::error::Error for PhotoError {}

/// An opaque RGBA8 image, row by row. The pixels are shared between copies (a work copy of
/// 2048 px a side is 16 MB; the layer keeps the photo it was given without copying it).
#[derive(Clone, Debug, PartialEq)]
pub struct Photo {
    width: u32,
    height: u32,
    data: Arc<Vec<u8>>,
    /// The analysis of one treated region already made from these same pixels elsewhere
    /// (the page's engine worker), which the photo layer takes instead of classifying again.
    made: Option<Arc<MadeAnalysis>>,
    /// Each pixel's hair coverage as made (0 bare skin – 255 hair), for a generated picture
    /// whose hair is known rather than guessed: the thinning-hair head. The photo layer
    /// takes it instead of classifying, for any treated region.
    truth: Option<Arc<Vec<u8>>>,
}

/// The size of a `width` × `height` photo scaled to fit `max_side` px per side
/// ([`Photo::scaled_to_fit`]; the same size if it already fits).
pub fn fit_size(width: u32, height: u32, max_side: u32) -> (u32, u32) {
    let max_side = max_side.max(1);
    let longest = width.max(height);
    if longest <= max_side {
        return (width, height);
    }
    let k = max_side as f64 / longest as f64;
    let w = ((width as f64 * k).round() as u32).clamp(1, max_side);
    let h = ((height as f64 * k).round() as u32).clamp(1, max_side);
    (w, h)
}

/// The least share of an eyedropper's disc that counts as the hair when the skin colour is
/// known ([`Photo::hair_colour_near`]): a few strands over skin, not a speck of noise.
pub const MIN_HAIR_SHARE: f64 = 0.08;

/// How close (sRGB distance) a part of the eyedropper's disc must be to the analysed skin
/// colour to count as that skin ([`Photo::hair_colour_near`]): a camera's noise and light
/// across a scalp move skin by a few tens of levels; blond hair on fair skin sits about 45
/// away.
pub const SKIN_MATCH: f64 = 30.0;

impl Photo {
    /// A photo from `width` × `height` RGBA8 bytes. Fails on a zero size, more than
    /// [`MAX_INPUT_PIXELS`], or a buffer whose length is not `width × height × 4`.
    pub fn new(width: u32, height: u32, data: Vec<u8>) -> Result<Photo, PhotoError> {
        Photo::check_size(width, height, data.len() as u64)?;
        Ok(Photo {
            width,
            height,
            data: Arc::new(data),
            made: None,
            truth: None,
        })
    }

    /// Whether `bytes` of RGBA make a usable `width` × `height` photo ([`Photo::new`]'s
    /// checks, before any buffer is made).
    pub fn check_size(width: u32, height: u32, bytes: u64) -> Result<(), PhotoError> {
        if width == 0 || height == 0 {
            return Err(PhotoError(format!(
                "the image is {width} × {height} px; it needs at least one pixel"
            )));
        }
        let pixels = width as u64 * height as u64;
        if pixels > MAX_INPUT_PIXELS {
            return Err(PhotoError(format!(
                "the image has {:.1} MP; at most {} MP are accepted",
                pixels as f64 / 1e6,
                MAX_INPUT_PIXELS / 1_000_000
            )));
        }
        if bytes != pixels * 4 {
            return Err(PhotoError(format!(
                "{bytes} bytes for {width} × {height} RGBA pixels; expected {}",
                pixels * 4
            )));
        }
        Ok(())
    }

    /// This photo with the analysis `made` of one region from these same pixels (ignored
    /// when its size is not the photo's). A scaled copy does not keep it.
    pub fn with_analysis(mut self, made: MadeAnalysis) -> Photo {
        let c = &made.classification;
        if (c.width(), c.height()) == (self.width, self.height) {
            self.made = Some(Arc::new(made));
        }
        self
    }

    /// This photo with its hair coverage known, one byte a pixel (0 bare skin – 255 hair),
    /// as a generated head's painter knows it (ignored when not one byte a pixel). A
    /// scaled copy does not keep it.
    pub fn with_truth(mut self, coverage: Arc<Vec<u8>>) -> Photo {
        if coverage.len() as u64 == self.width as u64 * self.height as u64 {
            self.truth = Some(coverage);
        }
        self
    }

    /// The hair coverage the photo was made with, if known (see [`Photo::with_truth`]).
    pub fn truth(&self) -> Option<&[u8]> {
        self.truth.as_deref().map(Vec::as_slice)
    }

    /// The analysis made with the photo, if any (see [`Photo::with_analysis`]).
    pub fn made_analysis(&self) -> Option<&MadeAnalysis> {
        self.made.as_deref()
    }

    /// Width, px.
    pub fn width(&self) -> u32 {
        self.width
    }

    /// Height, px.
    pub fn height(&self) -> u32 {
        self.height
    }

    /// The RGBA bytes.
    pub fn data(&self) -> &[u8] {
        &self.data
    }

    /// How bright the photo's brightest parts are: the sRGB level (0–255) that
    /// [`HIGHLIGHT_SHARE`] of its pixels reach or pass in their brightest channel (every 16th pixel read: about 1 ms
    /// for a 4 MP work copy, asked again at each analysis). A photo
    /// exposed for its scene has something near white (a wall, a ruler, a highlight on the
    /// skin) at 220 and more; a dim indoor photo tops out lower, and every colour in it,
    /// the skin's too, reads darker than it is (see [`DIM_PHOTO_HIGHLIGHT`]).
    pub fn highlight_level(&self) -> u8 {
        let mut histogram = [0u32; 256];
        let mut count = 0u32;
        for pixel in self.data.chunks_exact(4).step_by(16) {
            histogram[pixel[0].max(pixel[1]).max(pixel[2]) as usize] += 1;
            count += 1;
        }
        let mut above = 0u32;
        for level in (0..256).rev() {
            above += histogram[level];
            if above as f64 >= HIGHLIGHT_SHARE * count as f64 {
                return level as u8;
            }
        }
        0
    }

    /// The RGB of pixel `(x, y)`, clamped to the image.
    #[inline]
    pub fn rgb(&self, x: i64, y: i64) -> [u8; 3] {
        let x = x.clamp(0, self.width as i64 - 1) as usize;
        let y = y.clamp(0, self.height as i64 - 1) as usize;
        let i = (y * self.width as usize + x) * 4;
        [self.data[i], self.data[i + 1], self.data[i + 2]]
    }

    /// This photo, or itself scaled down, so its longest side is at most `max_side`; unlike
    /// [`Photo::scaled_to_fit`], a photo that fits is moved, not copied.
    pub fn into_fit(self, max_side: u32) -> Photo {
        if self.width.max(self.height) <= max_side.max(1) {
            self
        } else {
            self.scaled_to_fit(max_side)
        }
    }

    /// A copy no larger than `max_side` px per side (area-averaged; the same photo if it
    /// already fits).
    pub fn scaled_to_fit(&self, max_side: u32) -> Photo {
        let (w, h) = fit_size(self.width, self.height, max_side);
        if (w, h) == (self.width, self.height) {
            return self.clone();
        }
        self.resized(w, h)
    }

    /// This photo resampled to `width` × `height` (each side at least 1): area average when
    /// shrinking, nearest source pixel when growing.
    pub fn resized(&self, width: u32, height: u32) -> Photo {
        let (width, height) = (width.max(1), height.max(1));
        if width == self.width && height == self.height {
            return self.clone();
        }
        let mut data = Vec::with_capacity(width as usize * height as usize * 4);
        self.resize_rows(width, height, 0..height, &mut data);
        Photo {
            width,
            height,
            data: Arc::new(data),
            made: None,
            truth: None,
        }
    }

    /// Appends to `out` the RGBA rows `rows` of this photo resampled to `width` × `height`
    /// (each side at least 1), as [`Photo::resized`] makes them: a copy can be made a few
    /// rows at a time (a frame painted in bands makes the rows each band needs).
    pub fn resize_rows(
        &self,
        width: u32,
        height: u32,
        rows: std::ops::Range<u32>,
        out: &mut Vec<u8>,
    ) {
        let (width, height) = (width.max(1), height.max(1));
        let xs = area_ranges(width, self.width);
        let ys = area_ranges(height, self.height);
        let stride = self.width as usize * 4;
        // Rows are first summed over each output column's span (one pass over the source).
        let mut sums = vec![[0u32; 3]; width as usize];
        let end = rows.end.min(height) as usize;
        let rows = (rows.start as usize).min(end)..end;
        for &(y0, y1) in &ys[rows] {
            sums.iter_mut().for_each(|s| *s = [0; 3]);
            for y in y0..y1 {
                let row = &self.data[y * stride..(y + 1) * stride];
                for (s, &(x0, x1)) in sums.iter_mut().zip(&xs) {
                    for px in row[x0 * 4..x1 * 4].chunks_exact(4) {
                        s[0] += px[0] as u32;
                        s[1] += px[1] as u32;
                        s[2] += px[2] as u32;
                    }
                }
            }
            for (s, &(x0, x1)) in sums.iter().zip(&xs) {
                let n = ((x1 - x0) * (y1 - y0)) as u32;
                out.extend_from_slice(&[
                    ((s[0] + n / 2) / n) as u8,
                    ((s[1] + n / 2) / n) as u8,
                    ((s[2] + n / 2) / n) as u8,
                    255,
                ]);
            }
        }
    }

    /// The colour most of the disc within `radius_px` of `(cx, cy)` shows, sRGB: its pixels
    /// split in two by luminance (a few rounds of two-means), the larger part's mean, or the
    /// whole disc's mean when the two parts are nearly alike. The eyedropper's sample: a
    /// finger on a lock of hair covers skin between the strands too, and the mean of both
    /// (dark hair on fair skin: 82 % hair) was taken for a colour between them, which the
    /// classifier then read as the skin (the advice said blond hair on Fitzpatrick VI).
    /// `None` when the disc misses the image or the numbers are not finite.
    pub fn main_colour(&self, cx: f64, cy: f64, radius_px: f64) -> Option<[f64; 3]> {
        self.hair_colour_near(cx, cy, radius_px, None)
    }

    /// [`Photo::main_colour`], knowing the photo's skin colour (`skin`, sRGB, from its
    /// analysis): when the larger part of the disc is that skin, the smaller part, however
    /// little of the disc it covers (down to [`MIN_HAIR_SHARE`]). On sparse hair, where a
    /// finger's disc is mostly skin between a few strands, the larger part was the skin, and
    /// the "hair colour" picked was the skin's. Otherwise, or without `skin`, as
    /// [`Photo::main_colour`]: on dense light hair the larger part is the hair.
    pub fn hair_colour_near(
        &self,
        cx: f64,
        cy: f64,
        radius_px: f64,
        skin: Option<[f64; 3]>,
    ) -> Option<[f64; 3]> {
        if !(cx.is_finite() && cy.is_finite() && radius_px.is_finite()) {
            return None;
        }
        let r = radius_px.clamp(0.5, 200.0);
        let mut pixels: Vec<([f64; 3], f64)> = Vec::new();
        let (y0, y1) = (
            (cy - r).floor().max(0.0) as i64,
            (cy + r).ceil().min(self.height as f64) as i64,
        );
        let (x0, x1) = (
            (cx - r).floor().max(0.0) as i64,
            (cx + r).ceil().min(self.width as f64) as i64,
        );
        for y in y0..y1 {
            for x in x0..x1 {
                let (dx, dy) = (x as f64 + 0.5 - cx, y as f64 + 0.5 - cy);
                if dx * dx + dy * dy <= r * r {
                    let c = self.rgb(x, y).map(|v| v as f64);
                    pixels.push((c, 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]));
                }
            }
        }
        if pixels.is_empty() {
            return None;
        }
        let mean = |part: &[&([f64; 3], f64)]| -> [f64; 3] {
            let n = part.len().max(1) as f64;
            [0, 1, 2].map(|k| part.iter().map(|p| p.0[k]).sum::<f64>() / n)
        };
        let lumas = |part: &[&([f64; 3], f64)]| {
            part.iter().map(|p| p.1).sum::<f64>() / part.len().max(1) as f64
        };
        let all: Vec<&([f64; 3], f64)> = pixels.iter().collect();
        let mut cut = lumas(&all);
        let (mut dark, mut light) = (Vec::new(), Vec::new());
        for _ in 0..8 {
            (dark, light) = all.iter().partition(|p| p.1 < cut);
            if dark.is_empty() || light.is_empty() {
                return Some(mean(&all));
            }
            let next = (lumas(&dark) + lumas(&light)) / 2.0;
            if (next - cut).abs() < 0.5 {
                break;
            }
            cut = next;
        }
        // Nearly alike (one colour and its noise): the whole disc.
        if lumas(&light) < 1.15 * lumas(&dark) + 4.0 {
            return Some(mean(&all));
        }
        let (dark_mean, light_mean) = (mean(&dark), mean(&light));
        let (major, minor, minor_n) = if dark.len() >= light.len() {
            (dark_mean, light_mean, light.len())
        } else {
            (light_mean, dark_mean, dark.len())
        };
        // The larger part is the skin itself (within SKIN_MATCH of the analysed colour): the
        // hair is the smaller part, if it is not a speck. Otherwise the larger part is the
        // hair: dense blond or grey strands sit near fair skin, and the shadows between them
        // (the smaller, darker part) are no hair colour.
        let least = (MIN_HAIR_SHARE * all.len() as f64).ceil() as usize;
        if let Some(skin) = skin.filter(|s| s.iter().all(|v| v.is_finite())) {
            let apart = |c: [f64; 3]| (0..3).map(|k| (c[k] - skin[k]).powi(2)).sum::<f64>().sqrt();
            if minor_n >= least && apart(major) <= SKIN_MATCH {
                return Some(minor);
            }
        }
        Some(major)
    }

    /// Mean sRGB colour of the pixels within `radius_px` of `(cx, cy)`; `None` when the
    /// disc misses the image or the numbers are not finite.
    pub fn mean_colour(&self, cx: f64, cy: f64, radius_px: f64) -> Option<[f64; 3]> {
        if !(cx.is_finite() && cy.is_finite() && radius_px.is_finite()) {
            return None;
        }
        let r = radius_px.clamp(0.5, 200.0);
        let (x0, x1) = (
            (cx - r).floor().max(0.0),
            (cx + r).ceil().min(self.width as f64),
        );
        let (y0, y1) = (
            (cy - r).floor().max(0.0),
            (cy + r).ceil().min(self.height as f64),
        );
        let mut sum = [0.0; 3];
        let mut n = 0.0;
        let mut y = y0;
        while y < y1 {
            let mut x = x0;
            while x < x1 {
                let (dx, dy) = (x + 0.5 - cx, y + 0.5 - cy);
                if dx * dx + dy * dy <= r * r {
                    let c = self.rgb(x as i64, y as i64);
                    for k in 0..3 {
                        sum[k] += c[k] as f64;
                    }
                    n += 1.0;
                }
                x += 1.0;
            }
            y += 1.0;
        }
        (n > 0.0).then(|| sum.map(|s| s / n))
    }
}

/// The source pixels `a..b` each of `out` output pixels averages when `src` pixels shrink
/// to `out` (or the nearest one when they grow).
fn area_ranges(out: u32, src: u32) -> Vec<(usize, usize)> {
    (0..out)
        .map(|i| {
            let a = (i as u64 * src as u64 / out as u64) as usize;
            let b = (((i as u64 + 1) * src as u64).div_ceil(out as u64) as usize)
                .clamp(a + 1, src as usize);
            (a, b)
        })
        .collect()
}

/// One byte per pixel (`width` × `height`, row by row) resampled to `out_width` ×
/// `out_height` exactly as [`Photo::resized`] resamples each colour channel.
#[cfg(test)]
pub fn resized_plane(
    plane: &[u8],
    size: (u32, u32),
    (out_width, out_height): (u32, u32),
) -> Vec<u8> {
    let (out_width, out_height) = (out_width.max(1), out_height.max(1));
    if (out_width, out_height) == size {
        return plane.to_vec();
    }
    let mut out = Vec::with_capacity(out_width as usize * out_height as usize);
    resize_plane_rows(
        plane,
        size,
        (out_width, out_height),
        0..out_height,
        &mut out,
    );
    out
}

/// Appends to `out` the rows `rows` of [`resized_plane`]'s result (a few at a time, as
/// [`Photo::resize_rows`]).
pub fn resize_plane_rows(
    plane: &[u8],
    (width, height): (u32, u32),
    (out_width, out_height): (u32, u32),
    rows: std::ops::Range<u32>,
    out: &mut Vec<u8>,
) {
    let (out_width, out_height) = (out_width.max(1), out_height.max(1));
    let xs = area_ranges(out_width, width);
    let ys = area_ranges(out_height, height);
    let stride = width as usize;
    let mut sums = vec![0u32; out_width as usize];
    let end = rows.end.min(out_height) as usize;
    let rows = (rows.start as usize).min(end)..end;
    for &(y0, y1) in &ys[rows] {
        sums.iter_mut().for_each(|s| *s = 0);
        for y in y0..y1 {
            let row = &plane[y * stride..(y + 1) * stride];
            for (s, &(x0, x1)) in sums.iter_mut().zip(&xs) {
                *s += row[x0..x1].iter().map(|&v| v as u32).sum::<u32>();
            }
        }
        for (s, &(x0, x1)) in sums.iter().zip(&xs) {
            let n = ((x1 - x0) * (y1 - y0)) as u32;
            out.push(((s + n / 2) / n) as u8);
        }
    }
}

/// sRGB-encoded 0–255 → linear light 0–1 (the IEC 61966-2-1 curve); clamped.
pub fn srgb_to_linear(c255: f64) -> f64 {
    let c = (c255 / 255.0).clamp(0.0, 1.0);
    if c <= 0.04045 {
        c / 12.92
    } else {
        libm::pow((c + 0.055) / 1.055, 2.4)
    }
}

/// [`srgb_to_linear`] for every byte, as a 256-entry table.
pub fn srgb_to_linear_table() -> [f32; 256] {
    let mut t = [0.0f32; 256];
    for (i, v) in t.iter_mut().enumerate() {
        *v = srgb_to_linear(i as f64) as f32;
    }
    t
}

#[cfg(test)]
mod tests;
