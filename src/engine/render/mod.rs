//! How impressions look: the RGBA pixmap, the appearance model of carbon seen through skin,
//! the treatment timeline (sessions, healing, years), and drawing it at any zoom.

pub(crate) mod appearance;
mod blend;
pub(crate) mod impressions;
mod kernels;
pub(crate) mod raster;
pub(crate) mod timeline;

pub use appearance::AppearanceOptions;
pub use impressions::ImpressionRenderer;
#[doc(hidden)]
pub use kernels::forget_built_tables;
pub use kernels::shared_table_bytes;
pub use raster::{PixelRect, Pixmap, Rgba};
pub use timeline::{Age, Plan, Stage, StageLooks, MAX_SESSIONS};
