//! How impressions look: the RGBA pixmap, the appearance model of carbon seen through skin
//! (sessions, healing, years), and drawing it at any zoom.

pub(crate) mod appearance;
pub(crate) mod impressions;
pub(crate) mod raster;

pub use appearance::{Age, AppearanceOptions, Plan, Stage, StageLooks, MAX_SESSIONS};
pub use impressions::ImpressionRenderer;
pub use raster::{PixelRect, Pixmap, Rgba};
