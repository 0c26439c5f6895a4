//! The shared tile placed in the plane for one design: where each candidate impression
//! is, its rank and identity.
//!
//! [`super::sampler`] gives the ranked tile (a periodic square of points, the same for
//! every design, scaled to its density). A design's seed places it in the plane: one of
//! eight orientations, an offset of the tiling, and a hand scatter of every point, so
//! another seed gives another layout while the same seed gives the same dots everywhere.
//! Placement then walks the candidates of an area in a fixed order ([`Candidate::order`]),
//! so lists of candidates from different areas merge into the order one whole pass gives
//! (the incremental re-layout relies on it).

use glam::DVec2;

use crate::engine::geometry::Rect;
use crate::engine::placement::sampler::RankedTile;
use crate::engine::random::{hash, mix64, normal};

/// A candidate impression: where it is, its rank, and a stable identity for jitter.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Candidate {
    /// Position, mm.
    pub position: DVec2,
    /// Rank in `[0, 1)`: the candidate shows where density / tile density exceeds it.
    pub rank: f64,
    /// The hash of the design seed and the candidate's tile: the first three parts of
    /// [`Candidate::identity`]'s hash, folded once per tile rather than once per dot.
    pub cell: u64,
    /// The candidate's place in enumeration order (tile row, tile column, rank): lists of
    /// candidates from different areas merge into the order one whole pass gives.
    pub order: u64,
}

impl Candidate {
    /// A hash of the design seed and the candidate's place in the tiling, for jitter.
    /// Computed on demand: most candidates are rejected before anyone needs it (a fifth
    /// of the re-layout time went to hashing candidates that never became dots).
    /// It is `hash(&[seed, tile column, tile row, rank index])`, finished from the tile's
    /// `cell` (measured: two thirds of the hashing a whole re-layout did).
    pub fn identity(&self) -> u64 {
        mix64(self.cell ^ mix64(self.order & 0x1F_FFFF))
    }
}

/// Packs a tile row, tile column and rank index into an order key (rows first).
fn order_key(i: i64, j: i64, k: usize) -> u64 {
    const BIAS: i64 = 1 << 20;
    (((j + BIAS) as u64) << 42) | (((i + BIAS) as u64) << 21) | k as u64
}

/// Displacement of each point from its relaxed place, per axis, as a fraction of the
/// hexagonal spacing (σ, clamped to [`HAND_SCATTER_LIMIT`]). The relaxed set is the most
/// even a sampler gives (nearest-neighbour distances vary by ~7 %) and reads as a lattice
/// close up; a hand placing ~14,000 impressions by eye is not that even. σ = 0.12 brings
/// the nearest-neighbour variation to about 14 % while no two dots come closer than about
/// 0.44 of the spacing (0.5 mm at 90 /cm², tests/look.rs), so impressions never merge.
pub const HAND_SCATTER: f64 = 0.12;
/// Largest displacement per axis, as a fraction of the hexagonal spacing.
pub const HAND_SCATTER_LIMIT: f64 = 0.2;

/// The shared tile placed in the plane for one seed: an orientation, an offset and a
/// seeded hand scatter of every point.
#[derive(Clone, Debug)]
pub struct TiledPlane {
    seed: u64,
    size: f64,
    offset: DVec2,
    /// Tile points after the seed's orientation and scatter, in rank order (may lie up to
    /// `reach` outside the square).
    points: Vec<DVec2>,
    /// Largest scatter, mm.
    reach: f64,
    density_per_mm2: f64,
}

impl TiledPlane {
    /// The plane of `tile` for `seed`, kept from the last call when both are the same (a
    /// drag re-lays many times a second with one seed; scattering the tile's points anew
    /// each time cost ~0.1 ms).
    pub fn cached(tile: &std::sync::Arc<RankedTile>, seed: u64) -> std::sync::Arc<TiledPlane> {
        use std::sync::{Arc, Mutex};
        // Every tile is the one stored tile scaled: its density names it.
        type Last = Mutex<Option<(u64, u64, Arc<TiledPlane>)>>;
        static LAST: Last = Mutex::new(None);
        let id = tile.density_per_mm2().to_bits();
        if let Ok(last) = LAST.lock() {
            if let Some((i, s, plane)) = last.as_ref() {
                if *i == id && *s == seed {
                    return plane.clone();
                }
            }
        }
        let plane = Arc::new(TiledPlane::new(tile, seed));
        if let Ok(mut last) = LAST.lock() {
            *last = Some((id, seed, plane.clone()));
        }
        plane
    }

    /// Places `tile` for `seed`.
    pub fn new(tile: &RankedTile, seed: u64) -> TiledPlane {
        let h = hash(&[seed, 0x7111e]);
        let orientation = h & 7;
        let size = tile.size();
        let offset = DVec2::new(
            crate::engine::random::unit(hash(&[seed, 1])) * size,
            crate::engine::random::unit(hash(&[seed, 2])) * size,
        );
        let d_hex = (2.0 / (3f64.sqrt() * tile.density_per_mm2().max(1e-9))).sqrt();
        let reach = HAND_SCATTER_LIMIT * d_hex;
        let points = tile
            .points()
            .iter()
            .enumerate()
            .map(|(k, &p)| {
                let (mut x, mut y) = (p.x, p.y);
                if orientation & 1 != 0 {
                    x = size - x;
                }
                if orientation & 2 != 0 {
                    y = size - y;
                }
                if orientation & 4 != 0 {
                    std::mem::swap(&mut x, &mut y);
                }
                // Keep points inside [0, size) after mirroring, then scatter them.
                let scatter = |axis: u64| {
                    (HAND_SCATTER * d_hex * normal(hash(&[seed, 0x5ca7, k as u64, axis])))
                        .clamp(-reach, reach)
                };
                DVec2::new(
                    x.rem_euclid(size) + scatter(0),
                    y.rem_euclid(size) + scatter(1),
                )
            })
            .collect();
        TiledPlane {
            seed,
            size,
            offset,
            points,
            reach,
            density_per_mm2: tile.density_per_mm2(),
        }
    }

    /// Points per mm² at rank 1 (every candidate shown).
    pub fn density_per_mm2(&self) -> f64 {
        self.density_per_mm2
    }

    /// Calls `visit` for every candidate inside `area` whose rank is below `max_rank`.
    pub fn for_each_candidate(&self, area: Rect, max_rank: f64, mut visit: impl FnMut(Candidate)) {
        let n = self.points.len();
        let count = ((max_rank.clamp(0.0, 1.0) * n as f64).ceil() as usize).min(n);
        // Scattered points may sit just outside their own square: look one reach further.
        let first = ((area.min - self.offset - DVec2::splat(self.reach)) / self.size).floor();
        let last = ((area.max - self.offset + DVec2::splat(self.reach)) / self.size).floor();
        let (i0, i1) = (first.x as i64, last.x as i64);
        let (j0, j1) = (first.y as i64, last.y as i64);
        // A multiplication per candidate rather than a division.
        let per_point = 1.0 / n as f64;
        for j in j0..=j1 {
            for i in i0..=i1 {
                let origin = self.offset + DVec2::new(i as f64, j as f64) * self.size;
                let cell = hash(&[self.seed, i as u64, j as u64]);
                for (k, &p) in self.points[..count].iter().enumerate() {
                    let position = origin + p;
                    if area.contains(position) {
                        let rank = (k as f64 + 0.5) * per_point;
                        visit(Candidate {
                            position,
                            rank,
                            cell,
                            order: order_key(i, j, k),
                        });
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiling_is_seamless_and_seed_changes_layout() {
        let tile = RankedTile::for_density(0.9);
        let area = Rect {
            min: DVec2::new(-50.0, -50.0),
            max: DVec2::new(50.0, 50.0),
        };
        let collect = |seed| {
            let plane = TiledPlane::new(&tile, seed);
            let mut v = Vec::new();
            plane.for_each_candidate(area, 1.0, |c| v.push(c.position));
            v
        };
        let a = collect(1);
        // Density over the 100 x 100 mm area is the tile's.
        let density = a.len() as f64 / 10_000.0;
        assert!((density - 0.9).abs() < 0.02, "density {density}");
        // Minimum distance across tile seams is the tile's own.
        let mut d_min = f64::INFINITY;
        for i in 0..a.len() {
            for j in i + 1..a.len() {
                let d = a[i].distance_squared(a[j]);
                if d < d_min {
                    d_min = d;
                }
            }
        }
        let d_hex = (2.0 / (3f64.sqrt() * 0.9)).sqrt();
        // The relaxed tile's 0.88 less twice the largest hand scatter (0.2 per axis, so
        // 0.28 each) is the worst case, 0.31: a seam that duplicated points would give ~0.
        assert!(
            d_min.sqrt() / d_hex >= 0.31,
            "rho across seams {}",
            d_min.sqrt() / d_hex
        );
        assert_eq!(a, collect(1));
        assert_ne!(a, collect(2));
    }
}
