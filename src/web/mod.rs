//! The wasm facade: the `Designer` handle the page holds. No algorithm lives here.
//!
//! Each method converts its inputs, makes one engine call and converts the result. Designs
//! cross as plain JS objects (through `serde_json::Value`, so the engine's validation names
//! the field at fault); dots cross as one `Float32Array`; a frame crosses as one RGBA buffer
//! put on the canvas with one `putImageData`. Engine errors become JS `Error`s carrying the
//! engine's message, and the previous design stays in place.

mod bench;
mod convert;
mod hairline;
mod head;
mod memory;
mod photo;
mod thinning;

pub use memory::{heap_in_use, heap_peak, heap_spare, heap_taken, reset_heap_peak};
pub use thinning::{thinning_frame, thinning_head, thinning_head_with_truth};

use glam::DVec2;
use wasm_bindgen::prelude::*;
use wasm_bindgen::Clamped;
use web_sys::{CanvasRenderingContext2d, ImageData};

use crate::engine::design::Design;
use crate::engine::geometry::Rect;
use crate::engine::render::timeline::{Age, Stage};
use crate::engine::scene::Scene;
use crate::engine::template;
use crate::engine::view::View;

/// Installs the panic hook, so that a panic (a bug) reaches the console with its message.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// `value` as a plain JS value, through one JSON text and the browser's own parser: built
/// from wasm value by value (serde_wasm_bindgen), a design's 250-point hairline crossed into
/// the page a few thousand times, a few ms a frame on a phone while a handle or slider is
/// dragged (issue 12). The same values: serde_json writes each f64 in its shortest exact
/// form, which JSON.parse reads back bit for bit.
fn to_js(value: &serde_json::Value) -> Result<JsValue, JsError> {
    let text = serde_json::to_string(value)
        .map_err(|e| JsError::new(&format!("cannot convert to a JS value: {e}")))?;
    js_sys::JSON::parse(&text).map_err(|_| JsError::new("cannot convert to a JS value"))
}

fn design_from_js(value: JsValue) -> Result<Design, JsError> {
    design_and_frame_from_js(value).map(|(design, _)| design)
}

/// A design and its photo frame (`px_per_mm` and `photo`, when given) from one object.
pub(super) fn design_and_frame_from_js(
    value: JsValue,
) -> Result<(Design, Option<crate::engine::PhotoFrame>), JsError> {
    let json = convert::json_from_js(&value)
        .map_err(|why| JsError::new(&format!("invalid design: {why}")))?;
    let design = Design::from_json(&json).map_err(|e| JsError::new(&e.to_string()))?;
    let frame = crate::engine::PhotoFrame::from_design_json(&json)
        .map_err(|e| JsError::new(&e.to_string()))?;
    Ok((design, frame))
}

/// The default design on the template head, as a plain object.
#[wasm_bindgen(js_name = defaultDesign)]
pub fn default_design() -> Result<JsValue, JsError> {
    to_js(&template::default_design().to_json())
}

/// Every limit and default the page needs, from the engine's own constants (one source:
/// the page keeps no copies): `{ density_per_cm2, dot_mm, transition_mm, shade, sessions,
/// top_up_years, px_per_mm }` each `{ min, max, default? }`, `dot_mm.warn_above`,
/// `coordinate_mm.max` (every point of a design within ± that, mm), `lists: { max_points,
/// max_items }` (the most points a line may have, the longest list any value may hold),
/// `photo: { work_max_side_px, max_pixels }`, `template: { midline_x, frame_mm, glabella_y }`,
/// `marks: { max, length_mm, width_mm, radius_mm, defaults: { strip, fue, patch } }`.
#[wasm_bindgen]
pub fn limits() -> Result<JsValue, JsError> {
    use crate::engine::design::*;
    use crate::engine::photo::image::{MAX_INPUT_PIXELS, WORK_MAX_SIDE_PX};
    let range = |(min, max): (f64, f64), default: Option<f64>| serde_json::json!({ "min": min, "max": max, "default": default });
    to_js(&serde_json::json!({
        "density_per_cm2": range(DENSITY_RANGE, Some(DEFAULT_DENSITY_PER_CM2)),
        "dot_mm": {
            "min": DOT_RANGE.0, "max": DOT_RANGE.1, "default": DEFAULT_DOT_MM, "warn_above": DOT_WARNING_MM,
        },
        "transition_mm": range(TRANSITION_RANGE, Some(DEFAULT_TRANSITION_MM)),
        "shade": range(SHADE_RANGE, Some(DEFAULT_SHADE)),
        "sessions": range(
            (SESSIONS_RANGE.0 as f64, SESSIONS_RANGE.1 as f64),
            Some(DEFAULT_SESSIONS as f64),
        ),
        "top_up_years": range(TOP_UP_RANGE, None),
        "px_per_mm": range(PX_PER_MM_RANGE, None),
        "coordinate_mm": { "max": COORDINATE_LIMIT_MM },
        "lists": {
            "max_points": crate::engine::design::MAX_POINTS,
            "max_items": convert::MAX_LIST_ITEMS,
        },
        "photo": { "work_max_side_px": WORK_MAX_SIDE_PX, "max_pixels": MAX_INPUT_PIXELS },
        "template": {
            "midline_x": template::MIDLINE_X,
            "frame_mm": [template::FRAME_WIDTH_MM, template::FRAME_HEIGHT_MM],
            "glabella_y": template::GLABELLA_Y,
            "vertex_y": template::VERTEX_Y,
        },
        "marks": crate::engine::marks::limits_json(),
    }))
}

/// The template frame `[width_mm, height_mm]`.
#[wasm_bindgen(js_name = templateFrame)]
pub fn template_frame() -> Vec<f64> {
    vec![template::FRAME_WIDTH_MM, template::FRAME_HEIGHT_MM]
}

/// One design and its dots, kept between frames; the page holds one.
#[wasm_bindgen]
pub struct Designer {
    scene: Scene,
    view: View,
    /// Canvas size of the last render: a change means the canvas was cleared.
    painted_size: Option<(u32, u32)>,
}

#[wasm_bindgen]
impl Designer {
    /// Builds a designer for `design` (a plain object); throws with the engine's message.
    #[wasm_bindgen(constructor)]
    pub fn new(design: JsValue) -> Result<Designer, JsError> {
        Designer::with_design(design_from_js(design)?)
    }

    /// A designer for the default design on the template head (`defaultDesign()`), made
    /// from the engine's own value: the page's start had converted that design out to a page
    /// value and back in, value by value (issue 12: about 25 ms of a phone's first dots at 1×,
    /// in the browser's baseline code).
    pub fn for_default_design() -> Result<Designer, JsError> {
        Designer::with_design(template::default_design())
    }
}

impl Designer {
    fn with_design(design: Design) -> Result<Designer, JsError> {
        let scene = Scene::new(design).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(Designer {
            scene,
            view: View {
                px_per_mm: 1.0,
                offset: DVec2::ZERO,
            },
            painted_size: None,
        })
    }
}

#[wasm_bindgen]
impl Designer {
    /// Replaces the design; throws with the engine's message and keeps the old one on error.
    pub fn set_design(&mut self, design: JsValue) -> Result<(), JsError> {
        let (design, frame) = design_and_frame_from_js(design)?;
        self.scene
            .set_design_in_frame(design, frame)
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// Starts laying `design` (as `set_design` takes it) over several calls, for at most
    /// about `budget_ms` now: until it is wholly laid, the canvas, the figures and `design()`
    /// keep showing the design before (issue 12: on a phone a density value or a handle
    /// move is more than a frame of work). Returns whether it is in place; if not, call
    /// `go_on_laying` on the next frames. A new photo calibration is laid at once. Throws
    /// (changing nothing) on a bad design; any other change gives up the one being laid.
    pub fn lay_in_parts(&mut self, design: JsValue, budget_ms: f64) -> Result<bool, JsError> {
        self.begin_laying(design, budget_ms, false)
    }

    /// Puts `design` (as `set_design` takes it) in place now, its dots laid for at most about
    /// `budget_ms` now and by `go_on_laying` on the next frames: `design()` reads it at once,
    /// while the canvas shows the dots before until they are laid; reading the dots or the
    /// figures (`dots`, `stats`, `stage`, `plan`, `contrast`, `settle`) lays the rest at once
    /// first. Returns whether the dots are laid. Throws (changing nothing) on a bad design.
    /// (A handle let go while its last move waited for a frame: issue 12.)
    pub fn place_in_parts(&mut self, design: JsValue, budget_ms: f64) -> Result<bool, JsError> {
        self.begin_laying(design, budget_ms, true)
    }

    /// Lays the rest of a design put in place by `place_in_parts` at once (a picture to
    /// export must show it); a preview being laid is left as it is.
    pub fn settle(&mut self) {
        self.scene.settle();
    }

    /// Goes on laying the design given to `lay_in_parts` for at most about `budget_ms`;
    /// true once it is in place, or when none is being laid.
    pub fn go_on_laying(&mut self, budget_ms: f64) -> bool {
        self.go_on(js_sys::Date::now(), budget_ms)
    }

    /// Whether a design given to `lay_in_parts` or `place_in_parts` is still being laid.
    pub fn is_laying(&self) -> bool {
        self.scene.is_laying()
    }

    /// The current design as a plain object (valid as a design file), with the photo's
    /// frame (`px_per_mm`, `photo`) when a photo is loaded: one object round-trips.
    pub fn design(&self) -> Result<JsValue, JsError> {
        to_js(&self.scene.design_json())
    }

    /// The dots as `[x_mm, y_mm, diameter_mm]` triples.
    pub fn dots(&mut self) -> js_sys::Float32Array {
        self.scene.settle();
        let flat: Vec<f32> = self
            .scene
            .dots()
            .iter()
            .flat_map(|d| {
                [
                    d.position.x as f32,
                    d.position.y as f32,
                    d.diameter_mm as f32,
                ]
            })
            .collect();
        js_sys::Float32Array::from(flat.as_slice())
    }

    /// Whether `mark` (a design's mark object) would lie where the design's own pigment goes,
    /// or run off the template head out of sight (`Scene::mark_on_treated_scalp`): where the
    /// page may put a new scar or mark. Throws on a mark that is not one.
    pub fn mark_on_treated_scalp(&mut self, mark: JsValue) -> Result<bool, JsError> {
        let value = convert::json_from_js(&mark).map_err(|e| JsError::new(&e))?;
        let mark = crate::engine::marks::Mark::from_json(&value, 0)
            .map_err(|e| JsError::new(&e.to_string()))?;
        self.scene.settle();
        Ok(self.scene.mark_on_treated_scalp(&mark))
    }

    /// For each point of `points` (flat mm), 1 where the design's own pigment goes (on the
    /// scalp, on the hairline's treated side), else 0 (`DensityField::on_treated_side`): the
    /// spots a new scar or mark may be tried at. Of the design in place (its dots laid first).
    pub fn treated_side(&mut self, points: Vec<f64>) -> Vec<u8> {
        self.scene.settle();
        let field = self.scene.field();
        points
            .chunks_exact(2)
            .map(|c| u8::from(field.on_treated_side(glam::DVec2::new(c[0], c[1]))))
            .collect()
    }

    /// `{ dots, area_cm2, density_per_cm2, warnings }`, warnings as `{ code, field, message }`.
    pub fn stats(&mut self) -> Result<JsValue, JsError> {
        self.scene.settle();
        let s = self.scene.stats();
        to_js(&serde_json::json!({
            "dots": s.dots,
            "area_cm2": s.area_cm2,
            "density_per_cm2": s.density_per_cm2,
            "warnings": self.scene.warnings().iter().map(|w| w.to_json()).collect::<Vec<_>>(),
        }))
    }

    /// Sets the view: `px = mm × px_per_mm + offset`. Throws on a non-finite or non-positive scale.
    pub fn set_view(
        &mut self,
        px_per_mm: f64,
        offset_x: f64,
        offset_y: f64,
    ) -> Result<(), JsError> {
        let view = View {
            px_per_mm,
            offset: DVec2::new(offset_x, offset_y),
        };
        if !view.is_valid() {
            return Err(JsError::new(
                "view: px_per_mm must be a finite number above 0 and the offset finite",
            ));
        }
        self.view = view;
        Ok(())
    }

    /// Fits the template frame into `width` × `height` px with `margin` px; returns
    /// `[px_per_mm, offset_x, offset_y]`.
    pub fn fit_view(&mut self, width: u32, height: u32, margin: f64) -> Vec<f64> {
        let frame = Rect {
            min: DVec2::ZERO,
            max: DVec2::new(template::FRAME_WIDTH_MM, template::FRAME_HEIGHT_MM),
        };
        self.view = View::fit(frame, width.max(1), height.max(1), margin.max(0.0));
        vec![self.view.px_per_mm, self.view.offset.x, self.view.offset.y]
    }

    /// Shows the treatment after `session` (0: untreated, "before"; beyond the design's
    /// sessions: its last) at `age`: `"fresh"`, `"healed"` or a number of years (0–10).
    /// Throws, changing nothing, on an unknown age.
    pub fn set_stage(&mut self, session: u8, age: &str) -> Result<(), JsError> {
        let age = Age::from_name(age).ok_or_else(|| {
            JsError::new(
                "stage: age must be \"fresh\", \"healed\" or a number of years from 0 to 10",
            )
        })?;
        self.scene.set_stage(Stage { session, age });
        Ok(())
    }

    /// Shows the shown session part-way through: `progress` (0–1) of its impressions laid,
    /// in the engine's seeded laying order (the demo's attract loop); 1 (or NaN) shows it done.
    pub fn set_progress(&mut self, progress: f64) {
        self.scene.set_progress(progress);
    }

    /// The stage shown: `{ session, sessions, age, label, dots }`, `age` as `"fresh"`,
    /// `"healed"` or years, `label` in plain words ("After session 3 of 3, healed (about 1
    /// month)"), `dots` the impressions laid by then (a session's include the ones before;
    /// none before treatment), which the status line gives beside the plan's total.
    pub fn stage(&mut self) -> Result<JsValue, JsError> {
        self.scene.settle();
        let stage = self.scene.stage();
        let laid = self
            .scene
            .dots()
            .iter()
            .filter(|d| d.session <= stage.session)
            .count();
        let sessions = self.scene.design().sessions;
        let age = match stage.age {
            Age::Fresh => serde_json::json!("fresh"),
            Age::Healed => serde_json::json!("healed"),
            Age::Years(y) => serde_json::json!(y),
        };
        // Past a planned top-up, the label says the look is the topped-up one (it named the
        // years only, and a picture restored to its healed look read as four years' fading).
        let topped = match (stage.age, self.scene.design().top_up_years) {
            (Age::Years(years), Some(top_up)) if years >= top_up => {
                let unit = if top_up == 1.0 { "year" } else { "years" };
                format!(", after the top-up at {top_up} {unit}")
            }
            _ => String::new(),
        };
        let label = if stage.session == 0 {
            "Before treatment".to_string()
        } else {
            format!(
                "After session {} of {sessions}, {}{topped}",
                stage.session,
                stage.age.label()
            )
        };
        to_js(&serde_json::json!({
            "session": stage.session,
            "sessions": sessions,
            "age": age,
            "label": label,
            "dots": laid,
        }))
    }

    /// Paints the template, the dots and nothing else onto `ctx`'s whole canvas.
    pub fn render(&mut self, ctx: &CanvasRenderingContext2d) -> Result<(), JsError> {
        let (width, height) = self.canvas_size(ctx)?;
        self.scene
            .render(width, height, self.view)
            .ok_or_else(|| bad_canvas(width, height))?;
        self.put(ctx, width, height)
    }

    /// As `render`, but a whole repaint is painted in bands for at most about `budget_ms`
    /// per call and put on the canvas only when a frame is finished (the canvas keeps the
    /// last finished picture meanwhile). Returns 0 while it is under way (the canvas
    /// unchanged), 1 when a finished frame was put but changes came in while it was painted
    /// (call again: another follows), 2 when the canvas shows the design as it is. One call
    /// per animation frame keeps a phone's page at 60 fps while a whole repaint takes
    /// hundreds of ms. A drag's area is repainted the same way, band by band.
    pub fn render_in_parts(
        &mut self,
        ctx: &CanvasRenderingContext2d,
        budget_ms: f64,
    ) -> Result<u8, JsError> {
        let (width, height) = self.canvas_size(ctx)?;
        let start = js_sys::Date::now();
        let finished = self
            .scene
            .render_in_parts(width, height, self.view, || {
                js_sys::Date::now() - start < budget_ms
            })
            .ok_or_else(|| bad_canvas(width, height))?;
        if !finished {
            return Ok(0);
        }
        self.put(ctx, width, height)?;
        Ok(if self.scene.frame_is_current() { 2 } else { 1 })
    }
}

/// The error for a canvas the engine cannot paint.
fn bad_canvas(width: u32, height: u32) -> JsError {
    JsError::new(&format!(
        "render: cannot draw a {width}×{height} px canvas (1 to 8192 px per side)"
    ))
}

impl Designer {
    /// `lay_in_parts`, or with `in_place` `place_in_parts`.
    fn begin_laying(
        &mut self,
        design: JsValue,
        budget_ms: f64,
        in_place: bool,
    ) -> Result<bool, JsError> {
        let start = js_sys::Date::now();
        let (design, frame) = design_and_frame_from_js(design)?;
        let laying = self
            .scene
            .begin_design_in_frame(design, frame, in_place)
            .map_err(|e| JsError::new(&e.to_string()))?;
        Ok(!laying || self.go_on(start, budget_ms))
    }

    /// Lays on until `budget_ms` after `start` (ms since the epoch); true once laid.
    fn go_on(&mut self, start: f64, budget_ms: f64) -> bool {
        self.scene
            .lay_in_parts(|| js_sys::Date::now() - start < budget_ms)
    }

    /// The size of `ctx`'s canvas; a new size (a cleared canvas) is painted whole.
    fn canvas_size(&mut self, ctx: &CanvasRenderingContext2d) -> Result<(u32, u32), JsError> {
        let canvas = ctx
            .canvas()
            .ok_or_else(|| JsError::new("render: the context has no canvas"))?;
        let (width, height) = (canvas.width(), canvas.height());
        if self.painted_size != Some((width, height)) {
            // A resized canvas is a cleared canvas: paint it whole.
            self.scene.invalidate();
            self.painted_size = Some((width, height));
        }
        Ok((width, height))
    }

    /// Puts what the engine's last render repainted onto `ctx`.
    fn put(&self, ctx: &CanvasRenderingContext2d, width: u32, height: u32) -> Result<(), JsError> {
        // Put only what the engine repainted: after a drag, a few cm² instead of 8 MB.
        let (Some(rect), Some(frame)) = (self.scene.repainted(), self.scene.frame()) else {
            return Ok(());
        };
        let put = |bytes: &[u8], x: i64, y: i64, w: u32, h: u32| {
            let image = ImageData::new_with_u8_clamped_array_and_sh(Clamped(bytes), w, h)
                .map_err(|_| JsError::new("render: the browser refused the image buffer"))?;
            ctx.put_image_data(&image, x as f64, y as f64)
                .map_err(|_| JsError::new("render: putImageData failed"))
        };
        if rect == frame.bounds() {
            return put(frame.data(), 0, 0, width, height);
        }
        let (r, bytes) = frame.region(rect);
        if r.area() == 0 {
            return Ok(());
        }
        put(
            &bytes,
            r.x0,
            r.y0,
            (r.x1 - r.x0) as u32,
            (r.y1 - r.y0) as u32,
        )
    }
}

#[wasm_bindgen]
impl Designer {
    /// Makes the next `render` repaint the whole canvas (after drawing over it elsewhere).
    pub fn invalidate(&mut self) {
        self.scene.invalidate();
    }

    /// Sets the colour around the head or photo, `[r, g, b]` (the page's theme); stills
    /// for paper set it back to the template's light grey, [`Designer::default_backdrop`].
    pub fn set_backdrop(&mut self, r: u8, g: u8, b: u8) {
        self.scene
            .set_backdrop(crate::engine::render::raster::Rgba(r, g, b, 255));
    }

    /// The template's light grey around the head, `[r, g, b]`.
    pub fn default_backdrop() -> Vec<u8> {
        let c = template::BACKDROP;
        vec![c.0, c.1, c.2]
    }

    /// The treatment plan of the current design (on its photo when one is loaded) as a
    /// plain object (see `TreatmentPlan` in the engine for every field and its unit).
    /// `context` is `{ client_reference, date: "YYYY-MM-DD", fitzpatrick: 1–6, hair_colour }`,
    /// each optional, or undefined/null; throws with the engine's message on a bad one.
    pub fn plan(&mut self, context: JsValue) -> Result<JsValue, JsError> {
        use serde::Serialize;
        self.scene.settle();
        let json = convert::json_from_js(&context)
            .map_err(|why| JsError::new(&format!("invalid plan context: {why}")))?;
        let context = crate::engine::PlanContext::from_json(&json)
            .map_err(|e| JsError::new(&e.to_string()))?;
        let plan = crate::engine::TreatmentPlan::new(&self.scene, &context)
            .map_err(|e| JsError::new(&e.to_string()))?;
        plan.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
            .map_err(|e| JsError::new(&format!("cannot convert the plan to a JS value: {e}")))
    }
}
