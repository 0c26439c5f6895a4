//! The pure engine: geometry, density, sampling, rendering. No web dependency here.
//!
//! Data flows one way: a [`design::Design`] becomes a [`density::DensityField`]; the field
//! and the [`sampler::RankedTile`] give [`dots::Dot`]s; [`raster`] draws the dots over the
//! [`template`] head into RGBA pixels. [`scene::Scene`] keeps all of it between frames.

pub mod appearance;
pub mod classify;
pub mod contrast;
pub mod curve;
pub mod density;
pub mod design;
pub mod dots;
pub mod error;
pub mod geometry;
pub mod impressions;
pub mod photo;
pub mod photo_layer;
pub mod pigment;
pub mod random;
pub mod raster;
pub mod relayout;
pub mod sampler;
pub mod scalp_map;
pub mod scene;
pub mod template;
pub mod thinning;
pub mod view;
