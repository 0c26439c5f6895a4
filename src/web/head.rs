//! The wasm facade for the hair-loss presets (src/engine/head.rs): the list the page's
//! picker shows, and a preset's starting design. No algorithm lives here.

use wasm_bindgen::prelude::*;

use super::{convert, to_js};
use crate::engine::head::{preset_design, Preset, TemplateHead};

/// The presets, in picker order: `[{ name, title, description }]`.
#[wasm_bindgen]
pub fn presets() -> Result<JsValue, JsError> {
    let list: Vec<serde_json::Value> = Preset::ALL
        .iter()
        .map(|p| serde_json::json!({ "name": p.name(), "title": p.title(), "description": p.description() }))
        .collect();
    to_js(&serde_json::Value::Array(list))
}

/// The starting design for a head `{ preset, sex, skin, hair }` (each optional, as in a
/// design file's `head`): the template line, style, density and sessions a clinic would
/// propose; throws with the engine's message on a bad head, e.g. an unknown preset.
#[wasm_bindgen(js_name = presetDesign)]
pub fn preset_design_js(head: JsValue) -> Result<JsValue, JsError> {
    let json = convert::json_from_js(&head)
        .map_err(|why| JsError::new(&format!("invalid head: {why}")))?;
    let head = TemplateHead::from_json(&json).map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&preset_design(head).to_json())
}
