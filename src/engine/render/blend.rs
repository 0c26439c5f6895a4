//! Putting absorbance on pixels: the fixed-point buffer's lane arithmetic ([`add`]), the
//! straight blend of whole-head dots into sRGB pixels ([`blend`]), and the resolve pass
//! that takes the buffer's darkening off each touched pixel ([`resolve`]), with their
//! 16-bit look-up tables. All integer on the hot path.

use crate::engine::render::appearance::{darkening, LANES, SCAB_TINT};
use crate::engine::render::raster::{PixelRect, Pixmap};

/// Absorbance in the buffer is fixed point: this many steps per unit, up to 65535 (16).
/// Integers rather than f32: half the memory (8 bytes a pixel for the four lanes) and no
/// float conversions in the resolve pass; 1/4096 is far below a visible step.
pub(super) const FIXED_PER_UNIT: f32 = 4096.0;

/// The resolve pass looks darkening up in steps of 1/256 (fixed value >> 4).
pub(super) const RESOLVE_SHIFT: u32 = 4;

pub(super) const RESOLVE_STEPS: usize = 65536 >> RESOLVE_SHIFT;

/// Largest fixed-point amount a dot splats with (its products stay within 32 bits).
pub(super) const AMOUNT_MAX: f32 = 65535.0;

/// Adds `entry × k >> 16` to each lane of `cell`, saturating (lane 3, the surface, only
/// when `surface`).
#[inline(always)]
pub(super) fn add(cell: &mut [u16; LANES], entry: &[u16; LANES], k: u32, surface: bool) {
    for lane in 0..3 {
        let v = (entry[lane] as u32 * k) >> 16;
        cell[lane] = cell[lane].saturating_add(v.min(65535) as u16);
    }
    if surface {
        let v = (entry[3] as u32 * k) >> 16;
        cell[3] = cell[3].saturating_add(v.min(65535) as u16);
    }
}

/// Takes the darkening of `entry × k >> 16` off one pixel directly, multiplying its sRGB
/// value by the light kept raised to 1/2.2: sRGB's local exponent for skin and hair tones
/// (within one level of 255 of the exact decode–multiply–encode for values above 0.3;
/// measured: the exact path made a whole-head repaint 1.6× slower).
#[inline(always)]
pub(super) fn blend(px: &mut [u8], entry: &[u16; LANES], k: u32, surface: bool, tables: &Tables) {
    // Three named lanes, not an array: in wasm, `[..].map` and comparing the array with
    // `[0, 0, 0]` went through the stack with byte swaps. Measured in Chromium's profiler:
    // the whole-head splat's time halved, the benchmark's full frame went from 1.39× to
    // 1.21× that of 16349ad (`scripts/bench-compare 16349ad 3`).
    let lane = |i: usize| ((entry[i] as u32 * k) >> 16).min(65535) >> RESOLVE_SHIFT;
    let (a0, a1, a2) = (lane(0), lane(1), lane(2));
    let s = if surface { lane(3) } else { 0 };
    if a0 | a1 | a2 | s == 0 {
        return;
    }
    // Masked indices into fixed-size tables: no bounds checks in the hottest loop.
    let mask = RESOLVE_STEPS - 1;
    let mut m = [
        tables.kept_encoded[0][a0 as usize & mask] as u32,
        tables.kept_encoded[1][a1 as usize & mask] as u32,
        tables.kept_encoded[2][a2 as usize & mask] as u32,
    ];
    if s > 0 {
        for (c, m) in m.iter_mut().enumerate() {
            *m = (*m * tables.scab_encoded[c][s as usize & mask] as u32) >> 16;
        }
    }
    px[0] = ((px[0] as u32 * m[0] + 32768) >> 16) as u8;
    px[1] = ((px[1] as u32 * m[1] + 32768) >> 16) as u8;
    px[2] = ((px[2] as u32 * m[2] + 32768) >> 16) as u8;
}

/// Takes the darkening of its absorbance off every touched pixel's linear reflectance and
/// clears the buffer behind it. All integer: 16-bit linear light × 16-bit share kept.
pub(super) fn resolve(
    pixmap: &mut Pixmap,
    absorbance: &mut [[u16; LANES]],
    spans: &[(u32, u32)],
    clip: PixelRect,
) {
    let tables = tables();
    let w = (clip.x1 - clip.x0) as usize;
    let stride = pixmap.width() as usize * 4;
    let data = pixmap.data_mut();
    for (row, &(a, b)) in spans.iter().enumerate() {
        if a >= b {
            continue;
        }
        let y = clip.y0 as usize + row;
        let cells = &mut absorbance[row * w + a as usize..row * w + b as usize];
        let first = y * stride + (clip.x0 as usize + a as usize) * 4;
        let pixels = &mut data[first..first + cells.len() * 4];
        for (cell, px) in cells.iter_mut().zip(pixels.chunks_exact_mut(4)) {
            if *cell == [0; LANES] {
                continue;
            }
            let surface = (cell[3] >> RESOLVE_SHIFT) as usize;
            for k in 0..3 {
                let mut kept = tables.kept[k][(cell[k] >> RESOLVE_SHIFT) as usize] as u32;
                if surface > 0 {
                    kept = (kept * tables.scab[k][surface] as u32) >> 16;
                }
                let lin = (tables.linear[px[k] as usize] as u32 * kept) >> 20;
                px[k] = tables.encode[lin as usize];
            }
            *cell = [0; LANES];
        }
    }
}

/// Look-up tables of the resolve pass, 16-bit fixed point.
pub(super) struct Tables {
    /// sRGB byte → linear reflectance (0–65535).
    pub(super) linear: [u16; 256],
    /// Per channel, absorbance step (1/256) → the share of light kept, `1 − darkening(A)`.
    pub(super) kept: [Vec<u16>; 3],
    /// Per channel, surface absorbance step → the share a scab lets through.
    pub(super) scab: [Vec<u16>; 3],
    /// Linear reflectance (4096 steps) → sRGB byte.
    pub(super) encode: Vec<u8>,
    /// `kept` and `scab` raised to 1/2.2, for multiplying sRGB values directly.
    pub(super) kept_encoded: Box<[[u16; RESOLVE_STEPS]; 3]>,
    pub(super) scab_encoded: Box<[[u16; RESOLVE_STEPS]; 3]>,
}

pub(super) fn tables() -> &'static Tables {
    static TABLES: std::sync::OnceLock<Tables> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| {
        let lin = crate::engine::photo::image::srgb_to_linear_table();
        let linear = lin.map(|l| (l as f64 * 65535.0 + 0.5) as u16);
        let step =
            |q: usize| (q as f64 + 0.5) / (FIXED_PER_UNIT as f64 / (1 << RESOLVE_SHIFT) as f64);
        let kept = [0, 1, 2].map(|c| {
            (0..RESOLVE_STEPS)
                .map(|q| ((1.0 - darkening(step(q), c)) * 65535.0 + 0.5) as u16)
                .collect()
        });
        let scab = [0, 1, 2].map(|c| {
            (0..RESOLVE_STEPS)
                .map(|q| {
                    let a = if q == 0 { 0.0 } else { step(q) };
                    (libm::exp(-a * SCAB_TINT[c]) * 65535.0 + 0.5) as u16
                })
                .collect()
        });
        let encode = (0..4096)
            .map(|i| {
                let l = i as f64 / 4095.0;
                let v = if l <= 0.003_130_8 {
                    12.92 * l
                } else {
                    1.055 * libm::pow(l, 1.0 / 2.4) - 0.055
                };
                (v * 255.0 + 0.5).clamp(0.0, 255.0) as u8
            })
            .collect();
        let encoded = |t: &[Vec<u16>; 3]| {
            let mut out = Box::new([[0u16; RESOLVE_STEPS]; 3]);
            for (o, src) in out.iter_mut().zip(t) {
                for (v, &x) in o.iter_mut().zip(src) {
                    *v = (libm::pow(x as f64 / 65535.0, 1.0 / 2.2) * 65535.0 + 0.5) as u16;
                }
            }
            out
        };
        let (kept_encoded, scab_encoded) = (encoded(&kept), encoded(&scab));
        Tables {
            linear,
            kept,
            scab,
            encode,
            kept_encoded,
            scab_encoded,
        }
    })
}
