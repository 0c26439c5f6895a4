//! The wasm facade for the template head with thinning hair (issue 5): generates it in the
//! engine (src/engine/photo/thinning.rs) and puts it under the design as a calibrated photo, so
//! density-only work can be tried without a client's photo. No algorithm lives here.
//!
//! Generating the head costs about a second and classifying its hair most of 0.1 s, so the
//! page does both in a Worker with its own wasm instance (www/ui/engine-worker.js:
//! [`thinning_head`], then `export_analysis`) and hands the pixels and the analysis to the
//! page's designer ([`Designer::show_thinning_head`]); [`Designer::show_thinning_template`]
//! does it all in one call (tests, and browsers without module workers). Either way the
//! same seed gives the same pixels and the same dots.

use wasm_bindgen::prelude::*;

use super::photo::{made_analysis_from_js, photo_bytes, photo_from};
use super::{to_js, Designer};
use crate::engine::design::MAX_SEED;
use crate::engine::photo::image::Photo;
use crate::engine::photo::thinning::{self, ThinningOptions};

fn options(ludwig: f64) -> ThinningOptions {
    ThinningOptions {
        ludwig: if ludwig.is_finite() { ludwig } else { 2.0 },
        ..ThinningOptions::default()
    }
}

/// The template head with thinning hair of Ludwig grade `ludwig` (1–3) for a design's
/// `seed` (a whole number from 0 to 2^53 − 1): its RGBA pixels, `width` × `height` of
/// `thinningFrame()`, for [`Designer::show_thinning_head`]. Throws on a bad seed.
#[wasm_bindgen(js_name = thinningHead)]
pub fn thinning_head(seed: f64, ludwig: f64) -> Result<Vec<u8>, JsError> {
    if !(seed.is_finite() && seed >= 0.0 && seed.fract() == 0.0 && seed <= MAX_SEED as f64) {
        return Err(JsError::new(&format!(
            "thinning-hair head: the seed must be a whole number from 0 to {MAX_SEED}"
        )));
    }
    let head = thinning::render(seed as u64, &options(ludwig));
    Ok(head.photo.data().to_vec())
}

/// The generated head's frame `[width_px, height_px, px_per_mm]`.
#[wasm_bindgen(js_name = thinningFrame)]
pub fn thinning_frame() -> Vec<f64> {
    let f = thinning::frame();
    vec![f.width_px as f64, f.height_px as f64, f.px_per_mm]
}

#[wasm_bindgen]
impl Designer {
    /// Shows the template head with thinning hair of Ludwig grade `ludwig` (1–3) under the
    /// design (seeded from the design's seed); returns the treated region `[[x, y], …]` in
    /// template mm for a density-only design. `clear_photo` goes back to the bare template.
    pub fn show_thinning_template(&mut self, ludwig: f64) -> Result<JsValue, JsError> {
        let seed = self.scene.design().seed;
        self.show_head(|| Some(thinning::render(seed, &options(ludwig)).photo))
    }

    /// Shows a head made by `thinningHead` (its RGBA pixels) under the design, as
    /// [`Designer::show_thinning_template`] does; returns the treated region. `analysis`
    /// (or `null`) is `export_analysis()` of another designer showing the same head for a
    /// density-only design over that region (the engine worker's): this designer then
    /// takes it instead of classifying the head again. Throws, changing nothing, when
    /// `rgba` is not the size of `thinningFrame()` or `analysis` is not an analysis.
    pub fn show_thinning_head(
        &mut self,
        rgba: JsValue,
        analysis: JsValue,
    ) -> Result<JsValue, JsError> {
        let frame = thinning::frame();
        let made = made_analysis_from_js(&analysis, frame.width_px, frame.height_px)?;
        let (w, h) = (frame.width_px, frame.height_px);
        let rgba = photo_bytes(&rgba, w, h)
            .map_err(|e| JsError::new(&format!("thinning-hair head: {}", e.0)))?;
        self.show_head(|| photo_from(&rgba, w, h, made))
    }
}

impl Designer {
    /// Puts the head `make` gives (the frame's size, checked by the caller) under the
    /// design, in place: the old photo is freed before the head's pixels are made, so the
    /// wasm memory needs room for one photo, not two (see `Scene::replace_photo_from`).
    fn show_head(&mut self, make: impl FnOnce() -> Option<Photo>) -> Result<JsValue, JsError> {
        let frame = thinning::frame();
        self.scene
            .replace_photo_from(frame.width_px, frame.height_px, frame, None, make)
            .map_err(|e| JsError::new(&e.to_string()))?;
        self.scene.mark_generated_head();
        let region: Vec<[f64; 2]> = thinning::treated_region()
            .iter()
            .map(|p| [p.x, p.y])
            .collect();
        to_js(&serde_json::json!(region))
    }
}
