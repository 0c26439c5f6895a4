//! Pigment impressions on a pixmap: how one dot of carbon in the skin looks on screen.
//!
//! A dot is a small disc with a soft, slightly irregular rim, a faint diffusion halo and a
//! denser core: carbon sits in the dermis and reads as a dot with a halo, not a flat disc.
//! Ink is conserved for dots smaller than a pixel (their coverage scales with their area),
//! so a zoomed-out view keeps the right overall tone. Sub-pixel dots, the common case at
//! whole-head zoom, come from a precomputed kernel; blending is fixed-point. Drawing can be
//! clipped to a rectangle, which is how a drag repaints only the changed area.

use glam::{DVec2, Vec2};

use super::dots::Dot;
use super::raster::{PixelRect, Pixmap};

impl Pixmap {
    /// Stamps one small dot centred at `c` (px) with opacity `alpha` from the kernel table.
    fn stamp_small(
        &mut self,
        kernel: &SmallDotKernel,
        c: Vec2,
        alpha: f32,
        colour: [u32; 3],
        clip: PixelRect,
    ) {
        if !(c.x.is_finite() && c.y.is_finite()) {
            return;
        }
        let (fx, fy) = (c.x.floor(), c.y.floor());
        let qx = (((c.x - fx) * SUBPIXEL_STEPS as f32) as usize).min(SUBPIXEL_STEPS - 1);
        let qy = (((c.y - fy) * SUBPIXEL_STEPS as f32) as usize).min(SUBPIXEL_STEPS - 1);
        let table = &kernel.weights[qy * SUBPIXEL_STEPS + qx];
        let (x0, y0) = (fx as i64 - 1, fy as i64 - 1);
        let stride = self.width() as usize * 4;
        for ky in 0..4 {
            let y = y0 + ky;
            if y < clip.y0 || y >= clip.y1 {
                continue;
            }
            for kx in 0..4 {
                let x = x0 + kx;
                if x < clip.x0 || x >= clip.x1 {
                    continue;
                }
                let a = ((alpha * table[(ky * 4 + kx) as usize]).min(1.0) * 256.0) as u32;
                if a == 0 {
                    continue;
                }
                let i = y as usize * stride + x as usize * 4;
                let px = &mut self.data_mut()[i..i + 3];
                for k in 0..3 {
                    px[k] = ((px[k] as u32 * (256 - a) + colour[k] * a + 128) >> 8) as u8;
                }
            }
        }
    }

    /// Draws impressions: `to_px` maps mm to pixels, `px_per_mm` is the scale there.
    pub fn draw_dots(
        &mut self,
        dots: &[Dot],
        to_px: impl Fn(DVec2) -> Vec2,
        px_per_mm: f32,
        ink: &Ink,
    ) {
        let all = self.bounds();
        self.draw_dots_clipped(dots, to_px, px_per_mm, ink, all);
    }

    /// Draws the impressions that touch `clip` (px), and nothing outside it.
    pub fn draw_dots_clipped(
        &mut self,
        dots: &[Dot],
        to_px: impl Fn(DVec2) -> Vec2,
        px_per_mm: f32,
        ink: &Ink,
        clip: PixelRect,
    ) {
        let clip = clip.intersect(self.bounds());
        if clip.area() == 0 {
            return;
        }
        let small = SmallDotKernel::new(ink);
        let colour = ink.colour.map(|c| c as u32);
        for dot in dots {
            let c = to_px(dot.position);
            let r = dot.diameter_mm as f32 * 0.5 * px_per_mm * ink.spread;
            // Below ~0.6 px radius a disc is one pixel wide: widen it, and thin its ink so
            // that its total darkness still matches its true area.
            let drawn = r.max(SMALL_DOT_RADIUS_PX);
            let conserve = (r / drawn) * (r / drawn);
            let alpha = (dot.opacity as f32 * ink.opacity * conserve).min(1.0);
            if r <= SMALL_DOT_RADIUS_PX {
                self.stamp_small(&small, c, alpha, colour, clip);
                continue;
            }
            let soft = ink.edge_px.max(drawn * ink.edge_fraction);
            let halo = r.max(0.5) * ink.halo_width;
            let reach = drawn + soft.max(halo);
            let (xa, xb) = (
                ((c.x - reach).floor() as i64).max(clip.x0),
                ((c.x + reach).ceil() as i64).min(clip.x1 - 1),
            );
            let (ya, yb) = (
                ((c.y - reach).floor() as i64).max(clip.y0),
                ((c.y + reach).ceil() as i64).min(clip.y1 - 1),
            );
            if xa > xb || ya > yb {
                continue;
            }
            // A faint two-lobe wobble of the rim, fixed per dot, for large (zoomed) dots.
            let wobble = if drawn > 2.5 { 0.07 } else { 0.0 };
            let phase = (dot.identity & 0xffff) as f32 / 65536.0 * std::f32::consts::TAU;
            // Per-dot constants; the loop below is the hot path of every frame.
            let inv_soft = 1.0 / soft;
            let inv_halo = if halo > 0.0 { 1.0 / halo } else { 0.0 };
            let inv_radius2 = 1.0 / (drawn * drawn);
            let reach2 = reach * reach;
            let stride = self.width() as usize * 4;
            for y in ya..=yb {
                let dy = y as f32 + 0.5 - c.y;
                let row = y as usize * stride;
                for x in xa..=xb {
                    let dx = x as f32 + 0.5 - c.x;
                    let d2 = dx * dx + dy * dy;
                    if d2 >= reach2 {
                        continue;
                    }
                    let dist = d2.sqrt();
                    let mut radius = drawn;
                    if wobble > 0.0 && dist > 0.0 {
                        let angle = libm::atan2f(dy, dx);
                        radius *= 1.0 + wobble * libm::sinf(2.0 * angle + phase);
                    }
                    let edge = ((radius + soft * 0.5 - dist) * inv_soft).clamp(0.0, 1.0);
                    // A faint halo: pigment that diffused in the dermis around the core.
                    let glow =
                        ink.halo_opacity * (1.0 - (dist - radius).max(0.0) * inv_halo).max(0.0);
                    let coverage = if inv_halo > 0.0 { edge.max(glow) } else { edge };
                    if coverage <= 0.0 {
                        continue;
                    }
                    // Slightly denser centre, as ink is where the needle went deepest.
                    let core = 1.0 - 0.25 * (d2 * inv_radius2).min(1.0);
                    // Fixed-point blend (8 fractional bits): measured ~2× faster than f32 here.
                    let a = ((alpha * coverage * core).min(1.0) * 256.0) as u32;
                    let i = row + x as usize * 4;
                    if let Some(px) = self.data_mut().get_mut(i..i + 3) {
                        for k in 0..3 {
                            px[k] = ((px[k] as u32 * (256 - a) + colour[k] * a + 128) >> 8) as u8;
                        }
                    }
                }
            }
        }
    }
}

/// Dots at or below this radius (px) all look alike: drawn from one precomputed kernel.
const SMALL_DOT_RADIUS_PX: f32 = 0.6;
/// Sub-pixel positions per axis of the small-dot kernel.
const SUBPIXEL_STEPS: usize = 4;

/// The 4 × 4 px footprint of a small dot, precomputed for 4 × 4 sub-pixel positions.
///
/// At whole-head zoom (2–5 px/mm) every impression is below a pixel, and a frame holds up
/// to ~50k of them: evaluating the disc per pixel cost ~15 ms per 1920 × 1080 frame, a table
/// look-up per pixel costs a few. The kernel is the same disc, rim and halo as large dots.
struct SmallDotKernel {
    weights: [[f32; 16]; SUBPIXEL_STEPS * SUBPIXEL_STEPS],
}

impl SmallDotKernel {
    fn new(ink: &Ink) -> SmallDotKernel {
        let drawn = SMALL_DOT_RADIUS_PX;
        let soft = ink.edge_px.max(drawn * ink.edge_fraction);
        let halo = 0.5 * ink.halo_width;
        let mut weights = [[0.0; 16]; SUBPIXEL_STEPS * SUBPIXEL_STEPS];
        for (q, table) in weights.iter_mut().enumerate() {
            let sx = ((q % SUBPIXEL_STEPS) as f32 + 0.5) / SUBPIXEL_STEPS as f32;
            let sy = ((q / SUBPIXEL_STEPS) as f32 + 0.5) / SUBPIXEL_STEPS as f32;
            for (k, w) in table.iter_mut().enumerate() {
                // Pixel offsets -1..=2 around the pixel holding the centre.
                let dx = (k % 4) as f32 - 1.0 + 0.5 - sx;
                let dy = (k / 4) as f32 - 1.0 + 0.5 - sy;
                let dist = (dx * dx + dy * dy).sqrt();
                let edge = ((drawn + soft * 0.5 - dist) / soft).clamp(0.0, 1.0);
                let glow = if halo > 0.0 {
                    ink.halo_opacity * (1.0 - (dist - drawn).max(0.0) / halo).max(0.0)
                } else {
                    0.0
                };
                let core = 1.0 - 0.25 * (dist / drawn).min(1.0).powi(2);
                *w = edge.max(glow) * core;
            }
        }
        SmallDotKernel { weights }
    }
}

/// Share of a fresh dot's pigment still visible once healed (DOMAIN.md: up to half of a
/// first session fades; 0.75 is a typical healed session, not the worst case).
pub const HEALED_INK_KEPT: f32 = 0.75;

/// How impressions are inked: fresh (crisp) or healed (spread, softer, lighter).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ink {
    /// Pigment colour (linear blend target), 0–255 per channel.
    pub colour: [f32; 3],
    /// Opacity of a full-shade dot, 0–1.
    pub opacity: f32,
    /// Radius multiplier (healed pigment spreads slightly).
    pub spread: f32,
    /// Minimum soft rim width, px.
    pub edge_px: f32,
    /// Soft rim width as a fraction of the radius.
    pub edge_fraction: f32,
    /// Width of the diffusion halo beyond the core, as a multiple of the radius.
    pub halo_width: f32,
    /// Opacity of the halo where it meets the core, relative to the core.
    pub halo_opacity: f32,
}

impl Ink {
    /// Fresh impressions of a pigment of `shade` (0.2 light grey – 1.0 near black).
    pub fn fresh(shade: f64) -> Ink {
        Ink {
            colour: [26.0, 26.0, 30.0],
            opacity: (0.25 + 0.7 * shade) as f32,
            spread: 1.0,
            edge_px: 0.9,
            edge_fraction: 0.25,
            halo_width: 0.8,
            halo_opacity: 0.3,
        }
    }

    /// Healed impressions: 30 % wider, softer rim, cooler, and lighter overall, as carbon
    /// reads through the epidermis at conversation distance a month after a session.
    ///
    /// The ink a dot carries is its opacity times its area: spreading 1.3× multiplies the
    /// area by 1.69, so the opacity is divided by that and multiplied by [`HEALED_INK_KEPT`]: a
    /// healed dot holds less pigment than a fresh one, never more (DOMAIN.md: up to half of
    /// a first session's pigment fades while healing).
    pub fn healed(shade: f64) -> Ink {
        let spread = 1.3f32;
        Ink {
            colour: [52.0, 56.0, 66.0],
            opacity: (0.25 + 0.7 * shade) as f32 * HEALED_INK_KEPT / (spread * spread),
            spread,
            edge_px: 1.2,
            edge_fraction: 0.6,
            halo_width: 1.2,
            halo_opacity: 0.35,
        }
    }
}
