//! Dots: the impressions of a design, from its density field and the ranked tile.
//!
//! A candidate of the tiling becomes a dot when its rank is below the field's density
//! fraction at its position. Its size and opacity come from the field, with per-dot
//! variation hashed from the dot's identity, so the same dot keeps it across edits:
//! - diameter: log-normal with a coefficient of variation of 15 % (depth and pressure of a
//!   hand-held needle change dot size more than the needle does; docs/domain.md);
//! - depth: 0.12 ± 0.03 mm (papillary dermis under a 60–100 µm epidermis), clamped to
//!   0.06–0.25 mm;
//! - opacity: up to −15 % (how much pigment each impression takes);
//! - needles: single prong or the three-needle grouping, as the field's share says.
//!
//! Its session is where its rank falls within the local density: the lowest ranks (spread
//! evenly, see `sampler.rs`) are laid first, so session 1 is a sparse even foundation that
//! later sessions fill in, and the dots of session N include those of session N − 1.

use glam::DVec2;

use crate::engine::design::Design;
use crate::engine::geometry::Rect;
use crate::engine::placement::density::{
    DensityField, FieldSquares, Local, FILL_PRONGS, LINE_PRONGS,
};
use crate::engine::placement::plane::TiledPlane;
use crate::engine::placement::sampler::RankedTile;
use crate::engine::random::{mix64, normal};
use crate::engine::render::timeline::session_of;

/// Coefficient of variation of the dot diameter.
pub const SIZE_CV: f64 = 0.15;
/// Mean depth of the pigment deposit, mm.
pub const DEPTH_MM: f64 = 0.12;
/// Spread (standard deviation) of the deposit depth, mm.
pub const DEPTH_SPREAD_MM: f64 = 0.03;
/// Shallowest and deepest deposit, mm.
pub const DEPTH_LIMITS_MM: (f64, f64) = (0.06, 0.25);
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
    /// The session that lays it, 1 to the design's sessions.
    pub session: u8,
    /// Depth of its pigment deposit, mm.
    pub depth_mm: f64,
    /// Needles of the impression: 1 (single prong) or 3 (the filling grouping).
    pub prongs: u8,
}

/// Places the dots of `design` using `field` (built from the same design).
pub fn place_dots(design: &Design, field: &DensityField) -> Vec<Dot> {
    place_dots_in(design, field, field.bounds())
}

/// Places only the dots of `design` inside `area` (mm), in canonical order. The field is
/// asked once for each square of ground where it is proved uniform ([`FieldSquares`]).
pub fn place_dots_in(design: &Design, field: &DensityField, area: Rect) -> Vec<Dot> {
    let mut squares = FieldSquares::new(field, area);
    place_with(design, area, |p| squares.at(p))
}

/// [`place_dots_in`] with the field asked at every candidate: what the squares must equal.
#[cfg(test)]
pub fn place_dots_pointwise(design: &Design, field: &DensityField, area: Rect) -> Vec<Dot> {
    place_with(design, area, |p| field.at(p))
}

/// The dots over `area`, the field at a point given by `field_at`.
fn place_with(
    design: &Design,
    area: Rect,
    mut field_at: impl FnMut(DVec2) -> Option<Local>,
) -> Vec<Dot> {
    let tile = RankedTile::for_density(design.density_per_cm2 / 100.0);
    let plane = TiledPlane::cached(&tile, design.seed);
    let area_cm2 = (area.size().x * area.size().y / 100.0)
        .min(design.scalp_area_cm2())
        .max(0.0);
    let mut dots = Vec::with_capacity((area_cm2 * design.density_per_cm2) as usize + 16);
    plane.for_each_candidate(area, 1.0, |c| {
        let Some(local) = field_at(c.position) else {
            return;
        };
        if c.rank >= local.fraction {
            return;
        }
        let identity = c.identity();
        // Each choice is one SplitMix64 round of the identity (already a full hash) with
        // its own constant: a quarter of the mixing `hash(&[identity, k])` costs.
        // Log-normal: exp(σ·N) has a CV of ≈ σ for small σ; clamp the rare tails. exp by
        // its cubic series (|σ·N| ≤ 0.53: error < 0.4 %): a libm exp per dot was 7 % of a
        // whole re-layout and repaint.
        let x = SIZE_CV * normal(mix64(identity ^ 0x51_2E));
        // × ⅙ rather than ÷ 6 (and the rank × 1/n in the sampler): a whole re-layout of
        // 47k dots 2.82 → 2.74 ms natively (`cargo bench --bench engine`).
        let size = (1.0 + x * (1.0 + x * (0.5 + x * (1.0 / 6.0)))).clamp(0.6, 1.6);
        // One hash for the two uniform choices: its high half for the pigment taken, its
        // low half for the needles.
        let h = mix64(identity ^ 0xFADE);
        let fade = 1.0 - OPACITY_JITTER * ((h >> 32) as f64 / 4_294_967_296.0);
        let needles = (h & 0xffff_ffff) as f64 / 4_294_967_296.0;
        let depth = (DEPTH_MM + DEPTH_SPREAD_MM * normal(mix64(identity ^ 0xDE_E9)))
            .clamp(DEPTH_LIMITS_MM.0, DEPTH_LIMITS_MM.1);
        dots.push(Dot {
            position: c.position,
            diameter_mm: local.dot_mm * size,
            opacity: local.opacity * fade,
            rank: c.rank,
            identity,
            order: c.order,
            session: session_of(c.rank / local.fraction, design.sessions),
            depth_mm: depth,
            prongs: if needles * (FILL_PRONGS - LINE_PRONGS) < local.prongs - LINE_PRONGS {
                FILL_PRONGS as u8
            } else {
                LINE_PRONGS as u8
            },
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
