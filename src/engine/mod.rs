//! The pure engine: geometry, density, sampling, rendering, photos. No web dependency here.
//!
//! Data flows one way: a [`Design`] becomes a [`placement::DensityField`]; the field and
//! the [`placement::RankedTile`] give [`placement::Dot`]s; [`render`] draws them as carbon
//! seen through skin over the [`template`] head or a client's photo ([`photo`]) into RGBA
//! pixels. [`Scene`] keeps all of it between frames.
//!
//! The folders are the architecture:
//! - at the top, what a design *is*: [`Design`] and its validation, [`Scene`], [`View`],
//!   the [`template`] head and the hair-loss presets drawn on it ([`head`]), shared [`geometry`](Rect) and seeded randomness ([`Rng`]), and
//!   the hairline curve (fitting strokes, the guides' measures);
//! - [`placement`]: where impressions go (density field, ranked blue-noise tile, dots,
//!   incremental re-layout);
//! - [`render`]: how they look (pixmap, the appearance model, drawing at any zoom);
//! - [`photo`]: a client's photo (work copy, hair or scalp, visible-scalp map, contrast,
//!   pigment matching, the generated thinning-hair head);
//! - at the end of the flow, the [`TreatmentPlan`] a technician hands the client: sessions,
//!   hours, pigment, needles and the fading forecast of a scene's design.
//!
//! Modules are private to the crate; this file and the folders' `mod.rs` say what the
//! outside (the CLI, tests, benches) may use.

pub mod curve;
pub(crate) mod design;
pub(crate) mod error;
pub(crate) mod geometry;
pub mod head;
pub mod marks;
pub mod photo;
pub mod placement;
pub(crate) mod plan;
pub(crate) mod random;
pub mod render;
pub(crate) mod scene;
pub mod template;
pub(crate) mod view;

pub use design::{excerpt, Design, PhotoFrame, Style, Warning};
pub use error::DesignError;
pub use geometry::{segment_distance, Polygon, Rect};
pub use head::{preset_design, HeadView, Preset, Sex, TemplateHead};
pub use plan::{
    fitzpatrick_from_name, Dilution, ForecastStage, Head, NeedleUse, PigmentAdvice, PlanContext,
    SessionPlan, Skin, TopUp, TreatmentPlan, ValueRange, ZoneFigures,
};
pub use random::Rng;
pub use render::impressions::scratch_bytes;
pub use render::shared_table_bytes;
pub use scene::{spare_bytes, Scene, Stats};
pub use view::View;
