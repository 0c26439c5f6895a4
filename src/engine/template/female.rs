//! A woman's template head: the template's outlines moved onto her narrower skull, jaw and
//! neck ([`to_female`]) and her features (finer brows, lashes, fuller lips) painted over
//! the template's face ([`paint_female`]). Split from `template.rs`, which draws the head
//! both share; `head.rs` moves a preset's hair and scalp onto her head with the same map.

use glam::{DVec2, Vec2};

use super::{mirror, paint_lips, paint_with, round_points, smooth, Lips, Painter, MIDLINE_X, SKIN};
use crate::engine::render::raster::{Pixmap, Rgba};

/// A woman's head against the template's (a man's) at height `y`, mm: the share of its
/// half-breadth she keeps: 0.95 over the skull and cheeks, tapering to 0.90 from the jaw
/// down. Adult women's head and face breadths are about 5 % under men's (Farkas 1994, as
/// remembered, not checked against its tables; docs/domain.md, "Template head"); the
/// narrower jaw and chin, 0.90, is a project choice for a recognisably female face. The
/// features (eyes, nose, mouth) and the heights (vertex, glabella, chin) stay where they
/// are, so every guide and landmark holds for both.
pub fn female_width(y: f64) -> f64 {
    let t = ((y - 195.0) / 50.0).clamp(0.0, 1.0);
    0.95 - 0.05 * t * t * (3.0 - 2.0 * t)
}

/// A point of the template's (male) head moved onto a woman's head: towards the midline by
/// [`female_width`] at its height.
pub fn to_female(p: DVec2) -> DVec2 {
    DVec2::new(MIDLINE_X + (p.x - MIDLINE_X) * female_width(p.y), p.y)
}

/// Points of the template's head moved onto a woman's ([`to_female`]), rounded to 0.01 mm
/// as design files keep them.
pub fn onto_female(points: Vec<DVec2>) -> Vec<DVec2> {
    round_points(points.into_iter().map(to_female).collect())
}

/// The inverse of [`to_female`]: a point of a woman's head on the template's.
pub fn from_female(p: DVec2) -> DVec2 {
    DVec2::new(MIDLINE_X + (p.x - MIDLINE_X) / female_width(p.y), p.y)
}

/// Paints a woman's head: her own narrower skull, jaw, neck and shoulders (the template's
/// outlines moved by [`to_female`]) with the template's eyes, nose and mouth, then
/// [`paint_female_features`].
pub fn paint_female(pixmap: &mut Pixmap, to_px: &dyn Fn(DVec2) -> Vec2, scale: f32) {
    paint_with(pixmap, &|q| to_px(to_female(q)), to_px, scale);
    paint_female_features(pixmap, to_px, scale);
}

/// Paints the template's female features over [`paint`]'s face: finer, higher-arched brows
/// (the drawn brows covered with the skin just above them), lashes at the outer corners,
/// and fuller, rosier lips.
fn paint_female_features(pixmap: &mut Pixmap, to_px: &dyn Fn(DVec2) -> Vec2, scale: f32) {
    let mut p = Painter {
        pixmap,
        to_px,
        scale,
    };
    for side in [-1.0, 1.0] {
        // Cover the drawn brow with the forehead's own colour just above it.
        let skin_at = (p.to_px)(DVec2::new(MIDLINE_X + side * 32.0, 128.0));
        let cover = p
            .pixmap
            .pixel(skin_at.x.max(0.0) as u32, skin_at.y.max(0.0) as u32)
            .unwrap_or(Rgba(SKIN[0] as u8, SKIN[1] as u8, SKIN[2] as u8, 255));
        let old_upper = [(11.0, 138.0), (26.0, 133.0), (40.0, 132.5), (53.5, 137.5)];
        let old_lower = [(54.5, 140.5), (40.0, 138.0), (26.0, 139.0), (11.0, 144.0)];
        let mut old = smooth(&mirror(&old_upper, side), 4);
        old.extend(smooth(&mirror(&old_lower, side), 4));
        p.pixmap.fill(&[p.path(&old)], cover);
        // A finer brow that rises to an arch two thirds out and tapers to the tail.
        let upper = [(13.0, 137.5), (27.0, 132.0), (39.0, 130.0), (51.0, 134.5)];
        let lower = [(51.5, 135.8), (39.0, 132.0), (27.0, 134.2), (13.0, 140.0)];
        let mut brow = smooth(&mirror(&upper, side), 4);
        brow.extend(smooth(&mirror(&lower, side), 4));
        p.pixmap.fill(&[p.path(&brow)], Rgba(92, 70, 56, 215));
        // Lashes: short strokes off the outer half of the upper lid.
        for (i, &(x, y)) in [(36.0, 147.0), (40.0, 148.2), (43.5, 150.0), (46.5, 152.4)]
            .iter()
            .enumerate()
        {
            let from = DVec2::new(MIDLINE_X + side * x, y);
            let to = from + DVec2::new(side * (1.2 + 0.3 * i as f64), -1.8);
            p.pixmap
                .stroke(&p.path(&[from, to]), 0.45 * p.scale, Rgba(50, 36, 30, 230));
        }
    }
    // Fuller lips, a little rosier.
    paint_lips(
        &mut p,
        Lips {
            upper: &[(0.0, 218.0), (6.0, 216.0), (14.0, 218.5), (25.0, 223.0)],
            lower: &[(25.0, 223.0), (14.0, 230.0), (0.0, 231.8)],
            colour: Rgba(200, 118, 116, 255),
            parting: &[(23.5, 223.0), (12.0, 223.6), (0.0, 222.8)],
            parting_colour: Rgba(128, 68, 66, 220),
        },
    );
}
