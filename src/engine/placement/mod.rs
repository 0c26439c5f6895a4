//! Where impressions go: the density field of a design, the ranked blue-noise tile that
//! stays still while the design changes (`sampler`) and its placement in the plane for a
//! seed (`plane`), the dots (with each one's size, depth, needles and session), and the
//! incremental re-layout of an edit.

pub(crate) mod density;
pub(crate) mod dots;
pub(crate) mod plane;
pub(crate) mod relayout;
pub(crate) mod sampler;

pub use density::{DensityField, Local, Zone, SCATTER_MM, UNDULATION_MM};
pub use dots::{place_dots, Dot};
pub use plane::TiledPlane;
pub use sampler::{RankedTile, TileOptions};
