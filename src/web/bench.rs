//! Benchmark-only facade: exports a designer's density field as a grid, so that the
//! in-browser benchmark (`bench/`, `scripts/bench`) can drive the npm Poisson-disk peers
//! with exactly the field our placement uses. One engine call per sample; no algorithm here.

use glam::DVec2;
use wasm_bindgen::prelude::*;

use super::Designer;

/// Most samples one call may ask for (a 4000 × 4000 grid).
const MAX_SAMPLES: usize = 16_000_000;

/// The density fraction (0–1 of the design's full density; 0 outside the scalp) at the
/// grid nodes `(x0_mm + i·step_mm, y0_mm + j·step_mm)`, `i < cols`, `j < rows`, row-major.
/// Throws on a non-finite origin, a step that is not above 0, or too many samples.
#[wasm_bindgen(js_name = densityGrid)]
pub fn density_grid(
    designer: &Designer,
    x0_mm: f64,
    y0_mm: f64,
    step_mm: f64,
    cols: u32,
    rows: u32,
) -> Result<Vec<f32>, JsError> {
    let samples = cols as usize * rows as usize;
    if !(x0_mm.is_finite() && y0_mm.is_finite() && step_mm.is_finite() && step_mm > 0.0)
        || samples > MAX_SAMPLES
    {
        return Err(JsError::new(&format!(
            "densityGrid: needs a finite origin, a step above 0 and at most {MAX_SAMPLES} samples"
        )));
    }
    let field = designer.scene.field();
    let mut out = Vec::with_capacity(samples);
    for j in 0..rows {
        for i in 0..cols {
            let p = DVec2::new(
                x0_mm + f64::from(i) * step_mm,
                y0_mm + f64::from(j) * step_mm,
            );
            out.push(field.at(p).map_or(0.0, |l| l.fraction as f32));
        }
    }
    Ok(out)
}
