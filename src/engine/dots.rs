//! Dots: the impressions of a design, from its density field and the ranked tile.
//!
//! A candidate of the tiling becomes a dot when its rank is below the field's density
//! fraction at its position. Its size and opacity come from the field, with a small
//! per-dot jitter (±12 % diameter, up to −15 % opacity) hashed from the dot's identity:
//! nature is irregular, and the same dot keeps the same jitter across edits.

use glam::DVec2;

use super::density::DensityField;
use super::design::Design;
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
}

/// Places the dots of `design` using `field` (built from the same design).
pub fn place_dots(design: &Design, field: &DensityField) -> Vec<Dot> {
    let tile = RankedTile::for_density(design.density_per_cm2 / 100.0);
    let plane = TiledPlane::new(&tile, design.seed);
    let mut dots =
        Vec::with_capacity((design.scalp_area_cm2() * design.density_per_cm2) as usize + 16);
    plane.for_each_candidate(field.bounds(), 1.0, |c| {
        let Some(local) = field.at(c.position) else {
            return;
        };
        if c.rank >= local.fraction {
            return;
        }
        let size = 1.0 + SIZE_JITTER * signed_unit(hash(&[c.identity, 1]));
        let fade = 1.0 - OPACITY_JITTER * unit(hash(&[c.identity, 2]));
        dots.push(Dot {
            position: c.position,
            diameter_mm: local.dot_mm * size,
            opacity: local.opacity * fade,
            rank: c.rank,
            identity: c.identity,
        });
    });
    dots
}
