//! The wasm facade for photos (issue 5): thin conversions around the engine's photo layer,
//! classification, contrast and pigment matching. No algorithm lives here.
//!
//! Bulk pixels cross once, as one `Uint8Array`/`Uint8ClampedArray` of RGBA bytes (the page
//! decodes and scales the file off the main thread; the photo never leaves the device).
//! Figures cross as plain objects. Engine errors become JS `Error`s with the engine's
//! message, and the previous state stays.

use glam::DVec2;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::{to_js, Designer};
use crate::engine::design::PhotoFrame;
use crate::engine::geometry::Rect;
use crate::engine::photo::classify::{Classification, ClassifyOptions, MadeAnalysis};
use crate::engine::photo::image::{Photo, PhotoError, DIM_PHOTO_HIGHLIGHT};
use crate::engine::photo::pigment::{advise, fitzpatrick_from_rgb, HairColour};
use crate::engine::view::View;

fn frame_of(width_px: u32, height_px: u32, px_per_mm: f64) -> Result<PhotoFrame, JsError> {
    let value = serde_json::json!({
        "px_per_mm": px_per_mm,
        "photo": { "width_px": width_px, "height_px": height_px },
    });
    PhotoFrame::from_design_json(&value)
        .map_err(|e| JsError::new(&e.to_string()))?
        .ok_or_else(|| JsError::new("invalid design: photo: missing"))
}

/// The bytes of a `Uint8Array` or `Uint8ClampedArray` (an `ImageData`'s), without a copy;
/// `None` for anything else (a method of the wrong type would throw through the engine
/// and leave the designer locked).
fn bytes_of(value: &JsValue) -> Option<js_sys::Uint8Array> {
    if let Some(bytes) = value.dyn_ref::<js_sys::Uint8Array>() {
        return Some(bytes.clone());
    }
    let clamped = value.dyn_ref::<js_sys::Uint8ClampedArray>()?;
    if clamped.length() == 0 {
        // (Its buffer may have been handed to a worker: a view of it would throw through
        // the engine. No bytes is refused by the size check.)
        return Some(js_sys::Uint8Array::new_with_length(0));
    }
    Some(js_sys::Uint8Array::new_with_byte_offset_and_length(
        &clamped.buffer(),
        clamped.byte_offset(),
        clamped.length(),
    ))
}

/// The RGBA bytes in `value` for a `width` × `height` photo, checked before anything is
/// copied (the copy is [`photo_from`]'s, once the old photo is freed).
pub(super) fn photo_bytes(
    value: &JsValue,
    width: u32,
    height: u32,
) -> Result<js_sys::Uint8Array, PhotoError> {
    let bytes = bytes_of(value).ok_or_else(|| {
        PhotoError("its pixels must be a Uint8Array or Uint8ClampedArray of RGBA bytes".into())
    })?;
    Photo::check_size(width, height, bytes.length() as u64)?;
    Ok(bytes)
}

/// The photo of checked `bytes` (see [`photo_bytes`]), with the analysis `made` of it.
pub(super) fn photo_from(
    bytes: &js_sys::Uint8Array,
    width: u32,
    height: u32,
    made: Option<MadeAnalysis>,
) -> Option<Photo> {
    // Copied into memory not zeroed first: for a 50 MP photo's 12.6 MB work copy the
    // zeroing was a pass of its own over fresh memory in `set_photo`, the longest task of
    // its load (issue 12: no task over 100 ms).
    let len = bytes.length() as usize;
    let mut data = Vec::with_capacity(len);
    bytes.copy_to_uninit(&mut data.spare_capacity_mut()[..len]);
    // SAFETY: `copy_to_uninit` wrote all `len` bytes (it panics on a length mismatch,
    // which the slice above rules out).
    unsafe { data.set_len(len) };
    let photo = Photo::new(width, height, data).ok()?;
    Some(match made {
        Some(made) => photo.with_analysis(made),
        None => photo,
    })
}

#[wasm_bindgen]
impl Designer {
    /// Puts a photo under the design: `rgba` holds `width` × `height` pixels (already scaled
    /// for work); the original photo was `original_width` × `original_height` px at
    /// `px_per_mm`. `analysis` (or `null`) is `export_analysis()` of another designer holding
    /// the same photo for the density-only design about to be applied (the engine worker's):
    /// this designer takes it instead of classifying the photo on the page's thread (a few
    /// hundred ms on a phone). `design` (or `null`/`undefined`) is the design to show on the
    /// new photo: the dots are then laid once, for it. Without it they are laid for the
    /// current design, whose scalp on a density-only design is the old photo's region, so
    /// a new photo's hair was classified over it on the page's thread (about 260 ms on a
    /// phone at 4× CPU, issue 12) only for the page's next step to replace it; its photo
    /// frame (`px_per_mm`, `photo`), if any, is ignored: the photo's is the one above.
    /// Throws (changing nothing) on a bad size, buffer, scale, analysis or design.
    #[allow(clippy::too_many_arguments)] // the photo's parts as the page holds them
    pub fn set_photo(
        &mut self,
        width: u32,
        height: u32,
        rgba: JsValue,
        original_width: u32,
        original_height: u32,
        px_per_mm: f64,
        analysis: JsValue,
        design: JsValue,
    ) -> Result<(), JsError> {
        let frame = frame_of(original_width, original_height, px_per_mm)?;
        let made = made_analysis_from_js(&analysis, width, height)?;
        let design = if design.is_null() || design.is_undefined() {
            None
        } else {
            let (design, _frame) = super::design_and_frame_from_js(design)?;
            Some(design)
        };
        let rgba = photo_bytes(&rgba, width, height).map_err(|e| JsError::new(&e.to_string()))?;
        // The pixels are copied in only once the old photo is freed (replace_photo_from).
        self.scene
            .replace_photo_from(width, height, frame, design, || {
                photo_from(&rgba, width, height, made)
            })
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// Changes the photo's calibration, px per mm of the original photo; throws on a bad one.
    pub fn set_calibration(&mut self, px_per_mm: f64) -> Result<(), JsError> {
        let frame = self
            .scene
            .photo()
            .frame()
            .ok_or_else(|| JsError::new("calibration: no photo is loaded"))?;
        let next = frame_of(frame.width_px, frame.height_px, px_per_mm)?;
        self.scene
            .set_photo_frame(Some(next))
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// Back to the template head.
    pub fn clear_photo(&mut self) {
        self.scene.clear_photo();
    }

    /// `{ px_per_mm, photo: { width_px, height_px } }` for the design file, or `null`.
    pub fn photo_frame(&self) -> Result<JsValue, JsError> {
        match self.scene.photo().frame() {
            Some(f) => {
                let mut v = serde_json::json!({});
                f.write_into(&mut v);
                to_js(&v)
            }
            None => Ok(JsValue::NULL),
        }
    }

    /// Fits the photo into `width` × `height` px with `margin` px; returns
    /// `[px_per_mm, offset_x, offset_y]`, or an empty array without a photo.
    pub fn fit_photo_view(&mut self, width: u32, height: u32, margin: f64) -> Vec<f64> {
        let Some(frame) = self.scene.photo().frame() else {
            return Vec::new();
        };
        let area = Rect {
            min: DVec2::ZERO,
            max: frame.size_mm(),
        };
        self.view = View::fit(area, width.max(1), height.max(1), margin.max(0.0));
        vec![self.view.px_per_mm, self.view.offset.x, self.view.offset.y]
    }

    /// Keeps `analysis` (`export_analysis()` of another designer holding the same photo,
    /// for the treated region the design is about to take: the engine worker's) for when the
    /// design comes to that region, instead of classifying the photo there on this thread.
    /// Returns whether it was kept (false without a photo); throws on a malformed analysis
    /// or one of another size, keeping nothing. The design and its dots are not changed.
    pub fn take_analysis(&mut self, analysis: JsValue) -> Result<bool, JsError> {
        let Some((width, height)) = self.scene.photo().photo().map(|p| (p.width(), p.height()))
        else {
            return Ok(false);
        };
        match made_analysis_from_js(&analysis, width, height)? {
            Some(made) => Ok(self.scene.take_analysis(made)),
            None => Ok(false),
        }
    }

    /// Uses the eyedropper's hair colour `[r, g, b]` (0–255) in the classifier; `[]` to let
    /// it decide alone.
    pub fn set_hair_hint(&mut self, rgb: Vec<f64>) -> Result<(), JsError> {
        let hint = match rgb.as_slice() {
            [] => None,
            [r, g, b] if [r, g, b].iter().all(|c| c.is_finite()) => Some([*r, *g, *b]),
            _ => {
                return Err(JsError::new(
                    "hair colour: expected [r, g, b] from 0 to 255",
                ))
            }
        };
        self.scene
            .set_classify_options(ClassifyOptions { hair_hint: hint });
        Ok(())
    }

    /// The hair's colour `[r, g, b]` within `radius_mm` of a design point, the eyedropper's:
    /// a lock's strands, not their mean with the skin between them; with the photo's skin
    /// colour `skin` (`[r, g, b]`, from its analysis; empty when not known) the part of the
    /// disc furthest from it, however sparse (`Photo::hair_colour_near`). Empty when there
    /// is no calibrated photo there.
    pub fn photo_colour(&self, x_mm: f64, y_mm: f64, radius_mm: f64, skin: Vec<f64>) -> Vec<f64> {
        let skin = <[f64; 3]>::try_from(skin.as_slice()).ok();
        let (Some(photo), Some(ppm)) = (
            self.scene.photo().photo(),
            self.scene.photo().work_px_per_mm(),
        ) else {
            return Vec::new();
        };
        photo
            .hair_colour_near(x_mm * ppm, y_mm * ppm, radius_mm * ppm, skin)
            .map(|c| c.to_vec())
            .unwrap_or_default()
    }

    /// What the classifier found: `{ skin_rgb, hair_rgb, fitzpatrick, hair_colour,
    /// scalp_fraction, modelled, dim }`, or `null` without a calibrated photo; `dim` when the
    /// photo's brightest parts are grey, so the skin type read from it may be too dark
    /// (`Photo::highlight_level`).
    pub fn photo_analysis(&mut self) -> Result<JsValue, JsError> {
        let dim = self
            .scene
            .photo()
            .photo()
            .is_some_and(|p| p.highlight_level() < DIM_PHOTO_HIGHLIGHT);
        let Some(map) = self.scene.scalp_map() else {
            return Ok(JsValue::NULL);
        };
        let c = map.classification();
        let (inside, scalp) = c.counts();
        to_js(&serde_json::json!({
            "dim": dim,
            "skin_rgb": c.skin_rgb,
            "hair_rgb": c.hair_rgb,
            "fitzpatrick": fitzpatrick_from_rgb(c.skin_rgb),
            "hair_colour": HairColour::from_rgb(c.hair_rgb).name(),
            "scalp_fraction": if inside > 0 { scalp as f64 / inside as f64 } else { 0.0 },
            "modelled": c.modelled,
        }))
    }

    /// The analysis of the photo for the design's treated region, to hand to another
    /// designer with the same photo (the engine worker's to the page's, see
    /// `show_thinning_head`): `{ px_per_mm, scalp, hair_hint, skin_rgb, hair_rgb, modelled,
    /// hair_darker, coverage, visible }` (`coverage` a `Uint8Array`, one byte per work photo
    /// pixel; `visible` a `Float32Array`, the scalp map's grid, optional on the way in), or
    /// `null` without a calibrated photo.
    pub fn export_analysis(&mut self) -> Result<JsValue, JsError> {
        let Some(map) = self.scene.scalp_map() else {
            return Ok(JsValue::NULL);
        };
        let c = map.classification();
        let scalp: Vec<[f64; 2]> = self
            .scene
            .design()
            .scalp
            .iter()
            .map(|p| [p.x, p.y])
            .collect();
        let value = to_js(&serde_json::json!({
            "px_per_mm": map.px_per_mm(),
            "scalp": scalp,
            "hair_hint": self.scene.photo().options().hair_hint,
            "skin_rgb": c.skin_rgb,
            "hair_rgb": c.hair_rgb,
            "modelled": c.modelled,
            "hair_darker": c.hair_darker,
        }))?;
        let coverage = js_sys::Uint8Array::from(c.coverage_bytes());
        js_sys::Reflect::set(&value, &JsValue::from_str("coverage"), &coverage)
            .map_err(|_| JsError::new("cannot convert to a JS value: coverage"))?;
        // The scalp map's grid too: the designer taking this analysis need not make it again.
        let visible = js_sys::Float32Array::from(map.visible());
        js_sys::Reflect::set(&value, &JsValue::from_str("visible"), &visible)
            .map_err(|_| JsError::new("cannot convert to a JS value: visible"))?;
        Ok(value)
    }

    /// Contrast before/after the pigment at the stage shown (`set_stage`): `{ rms_before,
    /// rms_after, weber_before, weber_after, step_before, step_after, step_lstar_before,
    /// step_lstar_after, step_reduction, dots, dots_on_scalp_fraction, scalp_fraction,
    /// reduction, summary }`, or `null` without a calibrated photo.
    pub fn contrast(&mut self) -> Result<JsValue, JsError> {
        let Some(r) = self.scene.contrast() else {
            return Ok(JsValue::NULL);
        };
        to_js(&r.to_json())
    }
}

/// An analysis from `export_analysis` for a photo of `width` × `height` work pixels; `None`
/// for `null` or `undefined`. Throws on anything else that is not one.
pub(super) fn made_analysis_from_js(
    value: &JsValue,
    width: u32,
    height: u32,
) -> Result<Option<MadeAnalysis>, JsError> {
    if value.is_null() || value.is_undefined() {
        return Ok(None);
    }
    let bad = |what: &str| JsError::new(&format!("analysis: {what}"));
    let field = |name: &str| -> Result<serde_json::Value, JsError> {
        let v = js_sys::Reflect::get(value, &JsValue::from_str(name))
            .map_err(|_| bad(&format!("cannot read {name}")))?;
        super::convert::json_from_js(&v).map_err(|why| bad(&format!("{name}: {why}")))
    };
    let rgb = |name: &str| -> Result<[f64; 3], JsError> {
        serde_json::from_value::<[f64; 3]>(field(name)?)
            .ok()
            .filter(|c| c.iter().all(|v| v.is_finite()))
            .ok_or_else(|| bad(&format!("{name} must be [r, g, b]")))
    };
    let flag = |name: &str| -> Result<bool, JsError> {
        field(name)?
            .as_bool()
            .ok_or_else(|| bad(&format!("{name} must be true or false")))
    };
    let px_per_mm = field("px_per_mm")?
        .as_f64()
        .filter(|v| v.is_finite() && *v > 0.0)
        .ok_or_else(|| bad("px_per_mm must be a number above 0"))?;
    let scalp: Vec<DVec2> = serde_json::from_value::<Vec<[f64; 2]>>(field("scalp")?)
        .map_err(|_| bad("scalp must be a list of [x, y]"))?
        .into_iter()
        .map(|[x, y]| DVec2::new(x, y))
        .collect();
    let hair_hint = match field("hair_hint")? {
        serde_json::Value::Null => None,
        _ => Some(rgb("hair_hint")?),
    };
    let coverage = js_sys::Reflect::get(value, &JsValue::from_str("coverage"))
        .ok()
        .and_then(|v| v.dyn_into::<js_sys::Uint8Array>().ok())
        .ok_or_else(|| bad("coverage must be a Uint8Array"))?
        .to_vec();
    let classification = Classification::from_parts(
        width,
        height,
        coverage,
        rgb("skin_rgb")?,
        rgb("hair_rgb")?,
        flag("modelled")?,
        flag("hair_darker")?,
    )
    .ok_or_else(|| bad(&format!("coverage must be {width} × {height} bytes")))?;
    // Its scalp map's grid, when given (checked when it is used: a grid that does not fit
    // the classification is made again there).
    let visible = js_sys::Reflect::get(value, &JsValue::from_str("visible"))
        .ok()
        .and_then(|v| v.dyn_into::<js_sys::Float32Array>().ok())
        .map(|v| v.to_vec());
    Ok(Some(MadeAnalysis {
        px_per_mm,
        scalp,
        options: ClassifyOptions { hair_hint },
        classification: std::sync::Arc::new(classification),
        visible,
    }))
}

/// Pigment advice: `{ shade, water_parts, warnings, cautions }` (the warnings as figures,
/// `[{ kind, chosen, advised }]`) for a hair colour name (`black`,
/// `dark-brown`, `brown`, `red`, `blond`, `grey`), a Fitzpatrick type 1–6 and the chosen shade.
#[wasm_bindgen(js_name = pigmentAdvice)]
pub fn pigment_advice(hair: &str, fitzpatrick: u8, shade: f64) -> Result<JsValue, JsError> {
    let colour = HairColour::from_name(hair).ok_or_else(|| {
        JsError::new(&format!(
            "hair colour: must be one of black, dark-brown, brown, red, blond, grey, got {}",
            crate::engine::excerpt(&serde_json::Value::String(hair.to_string()))
        ))
    })?;
    let a = advise(colour, fitzpatrick, shade);
    to_js(&serde_json::json!({
        "shade": a.shade,
        "water_parts": a.water_parts,
        "warnings": a.warnings,
        "cautions": a.cautions,
    }))
}
