//! Dots: the impressions of a design, from its density field and the ranked tile.
//!
//! A candidate of the tiling becomes a dot when its rank is below the field's density
//! fraction at its position. Its size and opacity come from the field, with a small
//! per-dot jitter (±12 % diameter, up to −15 % opacity) hashed from the dot's identity:
//! nature is irregular, and the same dot keeps the same jitter across edits.

use glam::DVec2;

use super::density::DensityField;
use super::design::Design;
use super::geometry::Rect;
use super::random::{hash, signed_unit, unit};
use super::sampler::{RankedTile, TiledPlane};

/// Relative diameter jitter (±).
pub const SIZE_JITTER: f64 = 0.12;
/// Largest relative opacity reduction.
pub const OPACITY_JITTER: f64 = 0.15;

/// One pigment impression.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Dot {
    /// Centre, mm.
    pub position: DVec2,
    /// Diameter, mm.
    pub diameter_mm: f64,
    /// Opacity 0–1 before the design's shade (1 = as dark as the shade allows).
    pub opacity: f64,
    /// Rank in `[0, 1)` in the tile: lower ranks are laid first (first session).
    pub rank: f64,
    /// Stable identity (hash of seed and place in the tiling).
    pub identity: u64,
    /// Position in the canonical order of a whole re-layout (see [`merge_relayout`]).
    pub order: u64,
}

/// Places the dots of `design` using `field` (built from the same design).
pub fn place_dots(design: &Design, field: &DensityField) -> Vec<Dot> {
    place_dots_in(design, field, field.bounds())
}

/// Places only the dots of `design` inside `area` (mm), in canonical order.
pub fn place_dots_in(design: &Design, field: &DensityField, area: Rect) -> Vec<Dot> {
    let tile = RankedTile::for_density(design.density_per_cm2 / 100.0);
    let plane = TiledPlane::new(&tile, design.seed);
    let area_cm2 = (area.size().x * area.size().y / 100.0)
        .min(design.scalp_area_cm2())
        .max(0.0);
    let mut dots = Vec::with_capacity((area_cm2 * design.density_per_cm2) as usize + 16);
    plane.for_each_candidate(area, 1.0, |c| {
        let Some(local) = field.at(c.position) else {
            return;
        };
        if c.rank >= local.fraction {
            return;
        }
        let identity = c.identity();
        let size = 1.0 + SIZE_JITTER * signed_unit(hash(&[identity, 1]));
        let fade = 1.0 - OPACITY_JITTER * unit(hash(&[identity, 2]));
        dots.push(Dot {
            position: c.position,
            diameter_mm: local.dot_mm * size,
            opacity: local.opacity * fade,
            rank: c.rank,
            identity,
            order: c.order,
        });
    });
    dots
}

/// The dots of a re-layout limited to `area`: `old` outside `area`, `fresh` (placed with
/// [`place_dots_in`] over `area`) inside, merged into canonical order.
///
/// Because a dot's position never depends on the design and whether it shows depends only
/// on the field at that position, this equals a whole re-layout whenever the field is
/// unchanged outside `area` (tests/relayout.rs checks it against one).
pub fn merge_relayout(old: &[Dot], fresh: Vec<Dot>, area: Rect) -> Vec<Dot> {
    let mut merged = Vec::with_capacity(old.len() + fresh.len());
    let mut kept = old
        .iter()
        .filter(|d| !area.contains(d.position))
        .copied()
        .peekable();
    let mut fresh = fresh.into_iter().peekable();
    loop {
        let take_old = match (kept.peek(), fresh.peek()) {
            (Some(a), Some(b)) => a.order < b.order,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        let next = if take_old { kept.next() } else { fresh.next() };
        merged.extend(next);
    }
    merged
}
