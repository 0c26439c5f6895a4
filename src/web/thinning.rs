//! The wasm facade for the template head with thinning hair (issue 5): generates it in the
//! engine (src/engine/photo/thinning.rs) and puts it under the design as a calibrated photo, so
//! density-only work can be tried without a client's photo. No algorithm lives here.

use wasm_bindgen::prelude::*;

use super::{to_js, Designer};
use crate::engine::photo::thinning::{self, ThinningOptions};

#[wasm_bindgen]
impl Designer {
    /// Shows the template head with thinning hair of Ludwig grade `ludwig` (1–3) under the
    /// design (seeded from the design's seed); returns the treated region `[[x, y], …]` in
    /// template mm for a density-only design. `clear_photo` goes back to the bare template.
    pub fn show_thinning_template(&mut self, ludwig: f64) -> Result<JsValue, JsError> {
        let options = ThinningOptions {
            ludwig: if ludwig.is_finite() { ludwig } else { 2.0 },
            ..ThinningOptions::default()
        };
        let head = thinning::render(self.scene.design().seed, &options);
        let mut next = self.scene.clone();
        next.clear_photo();
        next.set_photo_frame(Some(thinning::frame()))
            .and_then(|()| next.set_photo(&head.photo))
            .map_err(|e| JsError::new(&e.to_string()))?;
        self.scene = next;
        let region: Vec<[f64; 2]> = thinning::treated_region()
            .iter()
            .map(|p| [p.x, p.y])
            .collect();
        to_js(&serde_json::json!(region))
    }
}
