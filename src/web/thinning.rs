//! The wasm facade for the template head with thinning hair (issue 5): generates it in the
//! engine (src/engine/photo/thinning.rs) and puts it under the design as a calibrated photo, so
//! density-only work can be tried without a client's photo. No algorithm lives here.
//!
//! Generating the head costs about a second, so the page makes it in a Worker with its own
//! wasm instance (www/ui/engine-worker.js: [`thinning_head_with_truth`], then
//! `export_analysis` of the treated region) and hands the pixels, the hair as drawn (its
//! truth, which the engine takes instead of classifying the head, for any region) and that
//! analysis to the page's designer ([`Designer::show_thinning_head`]);
//! [`Designer::show_thinning_template`] does it all in one call (tests, and browsers
//! without module workers). Either way the same seed gives the same pixels and the same dots.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::photo::{made_analysis_from_js, photo_bytes, photo_from};
use super::{to_js, Designer};
use crate::engine::design::MAX_SEED;
use crate::engine::photo::image::Photo;
use crate::engine::photo::thinning::{self, ThinningOptions};
use crate::engine::render::raster::Rgba;
use crate::engine::template;

fn options(ludwig: f64, wall: Rgba) -> ThinningOptions {
    ThinningOptions {
        ludwig: if ludwig.is_finite() { ludwig } else { 2.0 },
        wall,
        ..ThinningOptions::default()
    }
}

/// The wall colour from the page, `[r, g, b]` bytes; the template's light grey for anything
/// else (none given, or not three values).
fn wall_from(rgb: Option<Vec<u8>>) -> Rgba {
    match rgb.as_deref() {
        Some(&[r, g, b]) => Rgba(r, g, b, 255),
        _ => template::BACKDROP,
    }
}

/// The generated head for a design's `seed` (a whole number from 0 to 2^53 − 1) and Ludwig
/// grade `ludwig`, before a `wall` of that colour; refuses a bad seed.
fn make_head(seed: f64, ludwig: f64, wall: Rgba) -> Result<thinning::ThinningHead, JsError> {
    if !(seed.is_finite() && seed >= 0.0 && seed.fract() == 0.0 && seed <= MAX_SEED as f64) {
        return Err(JsError::new(&format!(
            "thinning-hair head: the seed must be a whole number from 0 to {MAX_SEED}"
        )));
    }
    Ok(thinning::render(seed as u64, &options(ludwig, wall)))
}

/// The template head with thinning hair of Ludwig grade `ludwig` (1–3) for a design's
/// `seed` (a whole number from 0 to 2^53 − 1): its RGBA pixels, `width` × `height` of
/// `thinningFrame()`, to use as a photo. Throws on a bad seed.
#[wasm_bindgen(js_name = thinningHead)]
pub fn thinning_head(seed: f64, ludwig: f64) -> Result<Vec<u8>, JsError> {
    Ok(make_head(seed, ludwig, template::BACKDROP)?
        .photo
        .data()
        .to_vec())
}

/// As [`thinning_head`], with the hair as it was drawn: `{ pixels, truth }`, `truth` one
/// byte a pixel (0 bare skin – 255 hair), for [`Designer::show_thinning_head`], which then
/// knows the head's hair instead of classifying it (the page's engine worker makes both).
/// `wall` (`[r, g, b]`, or undefined for the template's light grey) is the colour behind
/// the head: the page's stage colour.
#[wasm_bindgen(js_name = thinningHeadWithTruth)]
pub fn thinning_head_with_truth(
    seed: f64,
    ludwig: f64,
    wall: Option<Vec<u8>>,
) -> Result<JsValue, JsError> {
    let head = make_head(seed, ludwig, wall_from(wall))?;
    let value = js_sys::Object::new();
    let set = |name: &str, bytes: &[u8]| {
        js_sys::Reflect::set(&value, &name.into(), &js_sys::Uint8Array::from(bytes))
            .map_err(|_| JsError::new(&format!("cannot convert to a JS value: {name}")))
    };
    set("pixels", head.photo.data())?;
    set("truth", &head.coverage)?;
    Ok(value.into())
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
    /// design (seeded from the design's seed), before a wall of the stage's colour
    /// (`set_backdrop`); returns the treated region `[[x, y], …]` in template mm for a
    /// density-only design. `clear_photo` goes back to the bare template.
    pub fn show_thinning_template(&mut self, ludwig: f64) -> Result<JsValue, JsError> {
        let seed = self.scene.design().seed;
        let wall = self.scene.backdrop();
        self.show_head(|| Some(thinning::render(seed, &options(ludwig, wall)).photo))
    }

    /// Shows a head made by `thinningHeadWithTruth` under the design, as
    /// [`Designer::show_thinning_template`] does; returns the treated region. `truth` (or
    /// `null`) is the head's hair as drawn, one byte a pixel: with it the hair is known for
    /// any treated region, as in [`Designer::show_thinning_template`]; without it, it is
    /// classified as a photo's would be. `analysis` (or `null`) is `export_analysis()` of
    /// another designer showing the same head for a density-only design over a region (the
    /// engine worker's, made from the truth off the page's thread), taken as is for that
    /// region. Throws, changing nothing, when `rgba` is not the size of `thinningFrame()`,
    /// `truth` is not one byte a pixel of it or `analysis` is not an analysis.
    pub fn show_thinning_head(
        &mut self,
        rgba: JsValue,
        truth: JsValue,
        analysis: JsValue,
    ) -> Result<JsValue, JsError> {
        let frame = thinning::frame();
        let (w, h) = (frame.width_px, frame.height_px);
        let made = made_analysis_from_js(&analysis, w, h)?;
        let truth = if truth.is_null() || truth.is_undefined() {
            None
        } else {
            let bytes = truth
                .dyn_into::<js_sys::Uint8Array>()
                .ok()
                .filter(|b| b.length() as u64 == w as u64 * h as u64)
                .ok_or_else(|| {
                    JsError::new(&format!(
                        "thinning-hair head: its truth must be {w} × {h} bytes, one a pixel"
                    ))
                })?;
            Some(std::sync::Arc::new(bytes.to_vec()))
        };
        let rgba = photo_bytes(&rgba, w, h)
            .map_err(|e| JsError::new(&format!("thinning-hair head: {}", e.0)))?;
        self.show_head(|| {
            let photo = photo_from(&rgba, w, h, made)?;
            Some(match truth {
                Some(truth) => photo.with_truth(truth),
                None => photo,
            })
        })
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
