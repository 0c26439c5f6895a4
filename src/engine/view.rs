//! The view transform between design millimetres and canvas pixels.
//!
//! `px = mm × px_per_mm + offset`. The page owns pan and zoom (it owns events); the engine
//! only needs the transform to draw at true scale.

use glam::{DVec2, Vec2};

use crate::engine::geometry::Rect;

/// Maps design mm to canvas px.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    /// Pixels per millimetre.
    pub px_per_mm: f64,
    /// Pixel position of the design origin.
    pub offset: DVec2,
}

impl View {
    /// The view that fits `area` (mm) centred into `width` × `height` px with `margin` px.
    pub fn fit(area: Rect, width: u32, height: u32, margin: f64) -> View {
        let size = area.size().max(DVec2::splat(1e-6));
        let avail =
            DVec2::new(width as f64 - 2.0 * margin, height as f64 - 2.0 * margin).max(DVec2::ONE);
        let px_per_mm = (avail.x / size.x).min(avail.y / size.y);
        let centre_mm = (area.min + area.max) * 0.5;
        let centre_px = DVec2::new(width as f64, height as f64) * 0.5;
        View {
            px_per_mm,
            offset: centre_px - centre_mm * px_per_mm,
        }
    }

    /// A pixel position for `mm`.
    pub fn to_px(&self, mm: DVec2) -> Vec2 {
        (mm * self.px_per_mm + self.offset).as_vec2()
    }

    /// The design position under pixel `px`.
    pub fn to_mm(&self, px: DVec2) -> DVec2 {
        (px - self.offset) / self.px_per_mm
    }

    /// Whether the numbers are usable (finite, positive scale).
    pub fn is_valid(&self) -> bool {
        self.px_per_mm.is_finite() && self.px_per_mm > 0.0 && self.offset.is_finite()
    }
}
