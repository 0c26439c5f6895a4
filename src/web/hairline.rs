//! Drawing and editing the hairline (issue 4), for the page's editor: points cross as flat
//! `[x0, y0, x1, y1, …]` arrays of mm (a JS Array or Float64Array); each function converts,
//! makes one call into `engine::curve` (or the template's landmarks and heads), and converts
//! back. Engine errors become JS `Error`s carrying the engine's message.

use glam::DVec2;
use wasm_bindgen::prelude::*;

use super::{convert, to_js};
use crate::engine::curve::{self, measure, CurveOptions, Side};
use crate::engine::head::{Sex, TemplateHead};
use crate::engine::template;

fn points_from_flat(flat: &[f64], what: &str) -> Result<Vec<DVec2>, JsError> {
    if flat.len() % 2 != 0 {
        return Err(JsError::new(&format!(
            "{what}: expected pairs of numbers [x0, y0, x1, y1, …], got {} numbers",
            flat.len()
        )));
    }
    Ok(flat
        .chunks_exact(2)
        .map(|c| DVec2::new(c[0], c[1]))
        .collect())
}

fn flat_from_points(points: &[DVec2]) -> Vec<f64> {
    points.iter().flat_map(|p| [p.x, p.y]).collect()
}

/// Fits a freehand `stroke` (flat mm) into handles, replacing the part of the line through
/// `handles` (flat mm, empty for none) that it redraws; mirrored about the facial midline
/// when `mirror`. Returns the new handles (flat mm, left to right). Throws on a stroke that
/// is too short or not finite.
#[wasm_bindgen(js_name = fitStroke)]
pub fn fit_stroke(stroke: Vec<f64>, handles: Vec<f64>, mirror: bool) -> Result<Vec<f64>, JsError> {
    let stroke = points_from_flat(&stroke, "stroke")?;
    let handles = points_from_flat(&handles, "handles")?;
    let mid = mirror.then_some(template::MIDLINE_X);
    curve::redraw(&handles, &stroke, mid, &CurveOptions::default())
        .map(|h| flat_from_points(&h))
        .map_err(|e| JsError::new(&e.to_string()))
}

/// The share, 0–1, of `stroke`'s points (flat mm) that lie off the template head `head` (a
/// design's `head`: `{ preset, sex, view }`) as drawn: a stroke made beside the head (a
/// finger scrolling a clinic's page over the designer's empty side) is not a hairline. Throws
/// on a `head` that is not a head or a stroke that is not points.
#[wasm_bindgen(js_name = shareOffHead)]
pub fn share_off_head(head: JsValue, stroke: Vec<f64>) -> Result<f64, JsError> {
    let value = convert::json_from_js(&head).map_err(|e| JsError::new(&e))?;
    let head = TemplateHead::from_json(&value).map_err(|e| JsError::new(&e.to_string()))?;
    let points = points_from_flat(&stroke, "stroke")?;
    if points.is_empty() {
        return Ok(0.0);
    }
    let off = points.iter().filter(|&&p| !head.on_head(p)).count();
    Ok(off as f64 / points.len() as f64)
}

/// The smooth hairline polyline (flat mm) through `handles` (flat mm).
#[wasm_bindgen(js_name = curveThrough)]
pub fn curve_through(handles: Vec<f64>) -> Result<Vec<f64>, JsError> {
    let handles = points_from_flat(&handles, "handles")?;
    curve::curve(&handles, CurveOptions::default().samples_per_span)
        .map(|c| flat_from_points(&c))
        .map_err(|e| JsError::new(&e.to_string()))
}

/// The hairline (flat mm) after handles `before` became `after` (flat mm, a drag or a
/// nudge): the curve through `after` spliced into `line` (flat mm) where the moved handles
/// reach, `line` as it was elsewhere (`engine::curve::curve_moved`); the whole curve when
/// the handles were not taken from `line`.
#[wasm_bindgen(js_name = curveMoved)]
pub fn curve_moved(line: Vec<f64>, before: Vec<f64>, after: Vec<f64>) -> Result<Vec<f64>, JsError> {
    let line = points_from_flat(&line, "hairline")?;
    let before = points_from_flat(&before, "handles")?;
    let after = points_from_flat(&after, "handles")?;
    curve::curve_moved(
        &line,
        &before,
        &after,
        CurveOptions::default().samples_per_span,
    )
    .map(|c| flat_from_points(&c))
    .map_err(|e| JsError::new(&e.to_string()))
}

/// Handles (flat mm) for an existing hairline polyline (flat mm), e.g. a loaded design's;
/// a line mirror-symmetric about the face's midline gets mirror-symmetric handles.
#[wasm_bindgen(js_name = handlesOf)]
pub fn handles_of(hairline: Vec<f64>) -> Result<Vec<f64>, JsError> {
    let line = points_from_flat(&hairline, "hairline")?;
    curve::handles_of_mirrored(&line, template::MIDLINE_X, &CurveOptions::default())
        .map(|h| flat_from_points(&h))
        .map_err(|e| JsError::new(&e.to_string()))
}

/// Mirrors the left (`keep_left`) or right side of `handles` (flat mm) onto the other
/// side of the facial midline; handle `i` and `n − 1 − i` become partners.
#[wasm_bindgen(js_name = symmetrize)]
pub fn symmetrize(handles: Vec<f64>, keep_left: bool) -> Result<Vec<f64>, JsError> {
    let handles = points_from_flat(&handles, "handles")?;
    let side = if keep_left { Side::Left } else { Side::Right };
    Ok(flat_from_points(&curve::symmetrize(
        &handles,
        template::MIDLINE_X,
        side,
    )))
}

/// Consultation measures of a hairline (flat mm) on the template head, for a client of
/// `sex` (`"female"`, else a man's rules):
/// `{ mid_frontal, height_mm, low_height_mm, temples: [left, right], corner_drop_mm, bow_mm,
/// warnings }`, points as `[x, y]` or `null`.
#[wasm_bindgen(js_name = measureHairline)]
pub fn measure_hairline(hairline: Vec<f64>, sex: Option<String>) -> Result<JsValue, JsError> {
    let line = points_from_flat(&hairline, "hairline")?;
    let sex = match sex.as_deref() {
        Some("female") => Sex::Female,
        _ => Sex::Male,
    };
    let m = measure::measure_for(&line, sex);
    let pt = |p: Option<DVec2>| p.map(|p| [p.x, p.y]);
    to_js(&serde_json::json!({
        "mid_frontal": pt(m.mid_frontal),
        "height_mm": m.height_mm,
        "low_height_mm": m.low_height_mm,
        "temples": [pt(m.temples[0]), pt(m.temples[1])],
        "corner_drop_mm": m.corner_drop_mm,
        "bow_mm": m.bow_mm,
        "warnings": m.warnings.iter().map(|w| w.to_json()).collect::<Vec<_>>(),
    }))
}

/// The template's landmarks for guides, mm: `{ midline_x, glabella_y, mid_pupil_x,
/// lateral_epicanthus_x, subnasale_y, menton_y, low_height_mm, high_height_mm }`.
#[wasm_bindgen(js_name = templateLandmarks)]
pub fn template_landmarks() -> Result<JsValue, JsError> {
    let l = template::landmarks();
    to_js(&serde_json::json!({
        "midline_x": l.glabella.x,
        "glabella_y": l.glabella.y,
        "mid_pupil_x": l.mid_pupil_x,
        "lateral_epicanthus_x": l.lateral_epicanthus_x,
        "subnasale_y": l.subnasale_y,
        "menton_y": l.menton_y,
        "low_height_mm": measure::LOW_HEIGHT_MM,
        "high_height_mm": 100.0,
    }))
}
