//! The pure engine: geometry, density, sampling, rendering. No web dependency here.
//!
//! Data flows one way: a [`design::Design`] becomes a [`density::DensityField`], the field
//! and the shared [`sampler::RankedTile`] give [`dots::Dot`]s, and [`raster`] turns dots
//! over a background into RGBA pixels.

pub mod design;
pub mod error;
pub mod geometry;
pub mod random;
pub mod sampler;
