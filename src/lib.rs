//! SMP hairline designer: where scalp micropigmentation impressions go, and how they look.
//!
//! The crate has two halves:
//! - [`engine`]: plain Rust (geometry, density field, ranked blue-noise sampler, raster,
//!   template head), tested natively with `cargo test` and used by the `hairline` CLI;
//! - `web` (wasm32 only): the thin `#[wasm_bindgen]` facade the page calls.
//!
//! All quantities are physical: millimetres, cm², impressions per cm².
#![warn(missing_docs)]

pub mod engine;

#[cfg(target_arch = "wasm32")]
pub mod web;

/// Test support: the fuzz targets' entry points, shared with their corpus replay.
#[cfg(not(target_arch = "wasm32"))]
#[doc(hidden)]
pub mod fuzzing;

pub use engine::DesignError;
pub use engine::{Design, Style};
