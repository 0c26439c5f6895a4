//! A client's photo: the work copy, hair or scalp per pixel, the visible-scalp map that
//! drives density-only work, contrast before and after, pigment matching, the photo layer
//! under a scene, and the generated head with thinning hair.

pub(crate) mod classify;
pub(crate) mod contrast;
pub(crate) mod image;
pub(crate) mod layer;
pub(crate) mod pigment;
pub(crate) mod scalp_map;
pub mod thinning;

pub use classify::{classify, Classification, ClassifyOptions, MadeAnalysis, CELL_MM};
pub use contrast::{figures, plain_words, ContrastReport, Figures};
pub use image::{srgb_to_linear_table, Photo, MAX_INPUT_PIXELS};
pub use pigment::{advise, fitzpatrick_from_rgb, lab, water_parts, Advice, HairColour};
