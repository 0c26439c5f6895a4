//! A scene: one design with everything derived from it, kept between frames.
//!
//! This is the long-lived state behind the page's `Designer` and the CLI. Setting a design
//! validates it first and changes nothing on failure. Rendering reuses the painted
//! background (the template head) while the view and canvas size stay the same, so a frame
//! while the hairline is dragged costs a copy of the background and the dots only.
//! A whole frame can also be painted band by band over many calls (`scene/parts.rs`), so
//! that a phone's page never waits for all of it in one frame.

use glam::DVec2;

use crate::engine::design::Design;
use crate::engine::error::DesignError;
use crate::engine::geometry::Rect;
use crate::engine::photo::layer::occlude;
use crate::engine::placement::density::DensityField;
use crate::engine::placement::dots::{place_dots, Dot};
use crate::engine::render::impressions::{reach_px, ImpressionRenderer};
use crate::engine::render::raster::{PixelRect, Pixmap, Rgba};
use crate::engine::render::timeline::{Age, Stage, StageLooks, MAX_SESSIONS};
use crate::engine::template;
use crate::engine::view::View;

mod advice;
mod buffers;
mod laying;
mod parts;
mod photo;
pub use buffers::spare_bytes;
use buffers::PixmapPool;
use parts::PartialFrame;

/// Rows of the background painted at a time: each band walks every hair of a buzzed head
/// once (it culls them by position), so these are wider than the dots' bands.
const BACKGROUND_ROWS: u32 = 128;

/// Figures the status line and the plan show.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stats {
    /// Number of impressions.
    pub dots: usize,
    /// Treated area (where the field is above zero), cm².
    pub area_cm2: f64,
    /// Impressions per cm² over the treated area.
    pub density_per_cm2: f64,
}

/// A design and its derived field, dots and render caches.
#[derive(Clone, Debug)]
pub struct Scene {
    design: Design,
    field: DensityField,
    /// Shared with a frame in parts, which paints the dots it started with (see `parts`).
    dots: std::sync::Arc<Vec<Dot>>,
    /// Computed on first request: the treated area costs a pass over the scalp.
    stats: std::cell::OnceCell<Stats>,
    /// The treated area (a count of 1 mm grid cells) and what it was measured for: a pass
    /// over the scalp (1–2 ms; 8 ms on a phone-class CPU) that a new density, dot size or
    /// shade does not change, so a slider drag measures it once, not per value.
    treated_area: std::cell::RefCell<Option<(AreaInputs, usize)>>,
    /// How many marks lie partly off the treatable scalp ([`Scene::warnings`]) and what that
    /// was counted for: about 1.5 ms with 20 marks, asked for at every laid preview of a
    /// handle drag, whose marks, scalp and head do not change.
    marks_off: std::cell::RefCell<Option<(advice::MarksInputs, usize)>>,
    /// The moment of the treatment shown (its session is capped at the design's sessions).
    stage: Stage,
    /// Share of the shown session laid so far (1: done; the demo animates it).
    progress: f64,
    /// The appearance model's tables and scratch buffers.
    renderer: ImpressionRenderer,
    /// A client's photo under the design, if any (issue 5).
    photo: crate::engine::photo::layer::PhotoLayer,
    /// The head or photo under the dots, for a size and view, with each pixel's hair
    /// coverage on a photo (empty otherwise).
    background: Option<(u32, u32, View, Pixmap, Vec<u8>)>,
    /// The last frame and what it was drawn for; none while a whole frame is painted in
    /// parts (the canvas shows the last one meanwhile, see `parts`).
    frame: Option<(FrameKey, Pixmap)>,
    /// What changed in the dots since the last frame.
    dirty: Dirty,
    /// The pixels the last `render` repainted.
    repainted: Option<PixelRect>,
    /// A whole frame being painted band by band ([`Scene::render_in_parts`]).
    partial: Option<PartialFrame>,
    /// An edit's area being repainted band by band in the last frame: the pixels, the next
    /// row and the edit count it is for ([`Scene::render_in_parts`]).
    area_in_parts: Option<(PixelRect, i64, u64)>,
    /// Counts the changes that need a repaint (dots, background, invalidation): a frame
    /// painted in parts while one came in is painted again.
    edits: u64,
    /// Counts the times the background was dropped (another head, marks or photo).
    backgrounds: u64,
    /// Spare frame-sized pixmaps: frames and backgrounds reuse them (see `buffers`).
    buffers: PixmapPool,
    /// A design being laid over several calls ([`Scene::lay_in_parts`]).
    laying: Option<laying::Laying>,
    /// The colour around the head or photo: the page's (its theme), or the template's
    /// light grey ([`template::BACKDROP`]).
    backdrop: Rgba,
}

/// What a frame was drawn for: any difference means a whole repaint.
#[derive(Clone, Copy, Debug, PartialEq)]
struct FrameKey {
    width: u32,
    height: u32,
    view: View,
    stage: Stage,
    progress: f64,
    plan: crate::engine::render::timeline::Plan,
}

/// What changed in the dots since the last frame.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Dirty {
    Nothing,
    Area(Rect),
    Everything,
}

impl Scene {
    /// A scene for a validated design.
    pub fn new(design: Design) -> Result<Scene, DesignError> {
        let design = design.validated()?;
        let field = DensityField::new(&design)?;
        let dots = std::sync::Arc::new(place_dots(&design, &field));
        Ok(Scene {
            design,
            field,
            dots,
            stats: std::cell::OnceCell::new(),
            treated_area: Default::default(),
            marks_off: Default::default(),
            stage: Stage {
                session: MAX_SESSIONS,
                age: Age::Healed,
            },
            progress: 1.0,
            renderer: ImpressionRenderer::default(),
            photo: Default::default(),
            background: None,
            frame: None,
            dirty: Dirty::Everything,
            repainted: None,
            partial: None,
            area_in_parts: None,
            edits: 0,
            backgrounds: 0,
            buffers: PixmapPool::default(),
            laying: None,
            backdrop: template::BACKDROP,
        })
    }

    /// Replaces the design; on error the scene is unchanged.
    ///
    /// An edit of the hairline alone re-lays only the dots near the changed part of the
    /// line ([`relayout::needed`]); the result is identical to a whole re-layout. The same
    /// as [`Scene::begin_design`] and [`Scene::lay_in_parts`] with no time limit.
    pub fn set_design(&mut self, design: Design) -> Result<(), DesignError> {
        self.begin_design(design)?;
        self.lay(true, &mut || true);
        Ok(())
    }

    /// The current design.
    pub fn design(&self) -> &Design {
        &self.design
    }

    /// The design file of the design in place ([`Scene::design_in_place`]: one put in place
    /// counts before its dots are laid), and the photo's frame when a photo is loaded (so one
    /// object round-trips through [`Scene::set_design_in_frame`]).
    pub fn design_json(&self) -> serde_json::Value {
        let mut value = self.design_in_place().to_json();
        if let (Some(frame), Some(_)) = (self.photo.frame(), self.photo.photo()) {
            frame.write_into(&mut value);
        }
        value
    }

    /// Replaces the design and, with a photo loaded, its frame (calibration) in one step;
    /// on error nothing changes. Without a photo the frame is ignored (a design made on a
    /// photo, opened on the template, keeps its points); without a frame the photo keeps
    /// its calibration.
    pub fn set_design_in_frame(
        &mut self,
        design: Design,
        frame: Option<super::design::PhotoFrame>,
    ) -> Result<(), DesignError> {
        let frame =
            frame.filter(|f| self.photo.photo().is_some() && Some(*f) != self.photo.frame());
        let Some(frame) = frame else {
            return self.set_design(design);
        };
        // A new calibration moves every dot: try it on a copy, keep it only if both apply.
        let mut next = self.clone();
        next.set_photo_frame(Some(frame))?;
        next.set_design(design)?;
        *self = next;
        Ok(())
    }

    /// [`Scene::begin_design`] (or, `in_place`, [`Scene::place_design`]) with a photo frame,
    /// as [`Scene::set_design_in_frame`] takes it: a new calibration (which moves every dot)
    /// is set at once with the design, and false returned; otherwise true, the design to be
    /// laid by [`Scene::lay_in_parts`].
    pub fn begin_design_in_frame(
        &mut self,
        design: Design,
        frame: Option<super::design::PhotoFrame>,
        in_place: bool,
    ) -> Result<bool, DesignError> {
        let new_frame =
            frame.is_some_and(|f| self.photo.photo().is_some() && Some(f) != self.photo.frame());
        if new_frame {
            self.set_design_in_frame(design, frame)?; // (gives up a design being laid)
            return Ok(false);
        }
        if in_place {
            self.place_design(design)?;
        } else {
            self.begin_design(design)?;
        }
        Ok(true)
    }

    /// The impressions.
    pub fn dots(&self) -> &[Dot] {
        &self.dots
    }

    /// Dot count, treated area, density.
    pub fn stats(&self) -> Stats {
        *self.stats.get_or_init(|| {
            let inputs = AreaInputs::of(&self.design, self.backgrounds);
            let mut cached = self.treated_area.borrow_mut();
            let cells = match cached.as_ref() {
                Some((was, cells)) if *was == inputs => *cells,
                _ => {
                    let cells = self.field.treated_cells_in(None);
                    *cached = Some((inputs, cells));
                    cells
                }
            };
            stats_of(self.dots.len(), DensityField::cells_to_cm2(cells))
        })
    }

    /// The density field.
    pub fn field(&self) -> &DensityField {
        &self.field
    }

    /// Shows the treatment at `stage` (a session beyond the design's shows its last).
    pub fn set_stage(&mut self, stage: Stage) {
        self.stage = stage;
    }

    /// Shows the shown session part-way: `progress` (0–1) of its impressions laid (see
    /// [`StageLooks::laid`]); 1 shows it done.
    pub fn set_progress(&mut self, progress: f64) {
        self.progress = if progress.is_finite() {
            progress.clamp(0.0, 1.0)
        } else {
            1.0
        };
    }

    /// How many kernels and tables the scene's renderer has filled its caches with so far
    /// ([`ImpressionRenderer::tables_filled`]).
    pub fn tables_filled(&self) -> u64 {
        self.renderer.tables_filled()
    }

    /// The stage shown, with its session capped at the design's sessions.
    pub fn stage(&self) -> Stage {
        Stage {
            session: self.stage.session.min(self.design.sessions),
            age: self.stage.age,
        }
    }

    /// The appearance model the scene renders with (healing, fading per year, …).
    pub fn appearance(&self) -> &crate::engine::render::AppearanceOptions {
        self.renderer.options()
    }

    /// How the dots look at the stage shown.
    pub fn looks(&self) -> StageLooks {
        self.looks_at(self.stage()).laid(self.progress)
    }

    /// How the dots look at any `stage` of the design's timeline, under the renderer's own
    /// appearance model (the treatment plan's forecast uses it).
    pub fn looks_at(&self, stage: Stage) -> StageLooks {
        StageLooks::new(stage, &self.design.plan(), self.renderer.options())
    }

    /// Whether the background kept is the one for `width` × `height` under `view`.
    fn background_is_for(&self, width: u32, height: u32, view: View) -> bool {
        matches!(&self.background, Some((w, h, v, _, _)) if *w == width && *h == height && *v == view)
    }

    /// The head or photo under the dots for `width` × `height` under `view`, painted when
    /// the size, view or head changed; `None` for an unusable size.
    fn background(&mut self, width: u32, height: u32, view: View) -> Option<&Pixmap> {
        if !Pixmap::size_is_usable(width, height) {
            return None; // (refused with the last background kept)
        }
        if !self.background_is_for(width, height, view) {
            self.set_background(None); // (its buffer serves the new one)
            let mut bg = self.buffers.take(width, height)?;
            let mut occlusion = Vec::new();
            let mut y = 0;
            while y < height {
                let rows = BACKGROUND_ROWS.min(height - y);
                self.paint_background_rows(&mut bg, &mut occlusion, view, y, rows)?;
                y += rows;
            }
            self.set_background(Some((width, height, view, bg, occlusion)));
        }
        self.background.as_ref().map(|(_, _, _, bg, _)| bg)
    }

    /// Paints `rows` rows of the background under `view` from row `y` into `bg`, and their
    /// hair coverage into `occlusion` on a photo. Every background is painted in the same
    /// bands (a band pixmap under the view shifted to it), whole or in parts, so both give
    /// the same pixels.
    fn paint_background_rows(
        &mut self,
        bg: &mut Pixmap,
        occlusion: &mut Vec<u8>,
        view: View,
        y: u32,
        rows: u32,
    ) -> Option<()> {
        let width = bg.width();
        let band = self.buffers.band(width, rows, self.backdrop)?;
        let shifted = View {
            px_per_mm: view.px_per_mm,
            offset: view.offset - DVec2::new(0.0, y as f64),
        };
        match self
            .photo
            .paint_background_band(band, &self.design, &shifted)
        {
            Some(covered) if !covered.is_empty() => {
                let (w, h) = (width as usize, bg.height() as usize);
                occlusion.resize(w * h, 0);
                let at = y as usize * w;
                occlusion[at..at + covered.len()].copy_from_slice(&covered);
            }
            Some(_) => {}
            None => {
                let to_px = |p: DVec2| shifted.to_px(p);
                crate::engine::head::paint(
                    band,
                    &to_px,
                    view.px_per_mm as f32,
                    &self.design.head,
                    &self.design.marks,
                    self.design.seed,
                );
            }
        }
        bg.paste_rows(band, y).then_some(())
    }

    /// Installs `background` (or none), keeping the old one's pixels for reuse.
    fn set_background(&mut self, background: Option<(u32, u32, View, Pixmap, Vec<u8>)>) {
        if let Some((_, _, _, old, _)) = std::mem::replace(&mut self.background, background) {
            self.buffers.give(old);
        }
    }

    /// Drops the background (the head, marks or photo changed).
    fn drop_background(&mut self) {
        self.set_background(None);
    }

    /// Ends a frame in parts under way, keeping its pixmaps for reuse.
    fn drop_partial(&mut self) {
        if let Some(part) = self.partial.take() {
            self.recycle_partial(part);
        }
    }

    /// What a frame of `width` × `height` under `view` shows now.
    fn frame_key(&self, width: u32, height: u32, view: View) -> FrameKey {
        FrameKey {
            width,
            height,
            view,
            stage: self.stage(),
            progress: self.progress,
            plan: self.design.plan(),
        }
    }

    /// Renders a `width` × `height` frame under `view`; `None` for an unusable size or view.
    pub fn render(&mut self, width: u32, height: u32, view: View) -> Option<&Pixmap> {
        if !view.is_valid() {
            return None;
        }
        // A frame in parts under way would be taken up later with bands of an older state
        // (and holds two frames of pixels meanwhile): a whole render ends it.
        self.drop_partial();
        self.area_in_parts = None; // (its area, if any, is painted whole below)
        self.background(width, height, view)?;
        let (_, _, _, bg, occlusion) = self.background.as_ref()?;
        let key = self.frame_key(width, height, view);
        let looks = self.looks();
        let to_px = |p: DVec2| view.to_px(p);
        let scale = view.px_per_mm as f32;
        match (&mut self.frame, self.dirty) {
            (Some((k, _)), Dirty::Nothing) if *k == key => self.repainted = None,
            (Some((k, frame)), Dirty::Area(area)) if *k == key => {
                let rect = area_px(area, view, self.design.dot_mm, frame.bounds());
                frame.restore_from(bg, rect);
                self.renderer
                    .draw_in_bands(frame, &self.dots[..], &looks, to_px, scale, rect);
                self.repainted = Some(rect);
            }
            (slot, _) => {
                let mut frame = match slot.take() {
                    Some((_, mut f)) => {
                        if !f.copy_from(bg) {
                            f = bg.clone();
                        }
                        f
                    }
                    None => {
                        let mut f = self.buffers.take(width, height)?;
                        if !f.copy_from(bg) {
                            f = bg.clone();
                        }
                        f
                    }
                };
                let all = frame.bounds();
                self.renderer
                    .draw_in_bands(&mut frame, &self.dots[..], &looks, to_px, scale, all);
                self.repainted = Some(frame.bounds());
                *slot = Some((key, frame));
            }
        }
        if let (Some(r), Some((_, frame))) = (self.repainted, self.frame.as_mut()) {
            // Pigment sits in the scalp: where a hair covers it, the hair shows.
            occlude(frame, bg, occlusion, r.x0, r.y0, r.x1, r.y1);
        }
        self.dirty = Dirty::Nothing;
        self.frame.as_ref().map(|(_, f)| f)
    }

    /// The last rendered frame, if any (none while a whole frame is painted in parts).
    pub fn frame(&self) -> Option<&Pixmap> {
        self.frame.as_ref().map(|(_, f)| f)
    }

    /// Sets the colour around the head or photo (a page's dark theme: a light grey stage in
    /// a dark page looked unfinished); a change repaints the next frame whole. Opaque: the
    /// alpha given is ignored.
    pub fn set_backdrop(&mut self, colour: Rgba) {
        let colour = Rgba(colour.0, colour.1, colour.2, 255);
        if colour != self.backdrop {
            self.backdrop = colour;
            self.drop_background();
            self.invalidate();
        }
    }

    /// The colour around the head or photo ([`Scene::set_backdrop`]).
    pub fn backdrop(&self) -> Rgba {
        self.backdrop
    }

    /// Forgets the last frame: the next render repaints everything (call it when the
    /// target was cleared or drawn over by someone else).
    pub fn invalidate(&mut self) {
        self.dirty = Dirty::Everything;
        self.edits += 1;
    }

    /// The pixels the last [`Scene::render`] changed (`None`: the frame was already current).
    pub fn repainted(&self) -> Option<PixelRect> {
        self.repainted
    }

    /// Whether the last frame shows the design and stage as they are now: false after a
    /// change, and after a frame in parts that finished with changes that came in while it
    /// was painted (it is shown, and another must follow).
    pub fn frame_is_current(&self) -> bool {
        self.frame.is_some() && self.dirty == Dirty::Nothing
    }
}

/// The pixels of a frame under `view` that an edit's `area` (mm) can change: the area grown
/// by the widest footprint of a dot of `dot_mm`, within `bounds`.
fn area_px(area: Rect, view: View, dot_mm: f64, bounds: PixelRect) -> PixelRect {
    let margin = reach_px(dot_mm, view.px_per_mm);
    let (a, b) = (view.to_px(area.min), view.to_px(area.max));
    PixelRect {
        x0: (a.x.min(b.x) as f64 - margin).floor() as i64,
        y0: (a.y.min(b.y) as f64 - margin).floor() as i64,
        x1: (a.x.max(b.x) as f64 + margin).ceil() as i64,
        y1: (a.y.max(b.y) as f64 + margin).ceil() as i64,
    }
    .intersect(bounds)
}

fn stats_of(dots: usize, area_cm2: f64) -> Stats {
    let density_per_cm2 = if area_cm2 > 0.0 {
        dots as f64 / area_cm2
    } else {
        0.0
    };
    Stats {
        dots,
        area_cm2,
        density_per_cm2,
    }
}

/// What the treated area depends on: the design less what only sets how many dots show,
/// how large and how dark (the field is above zero at the same places whatever they are),
/// and the count of photo, head and marks changes (a photo's scalp map shapes it).
#[derive(Clone, Debug, PartialEq)]
struct AreaInputs {
    design: Design,
    backgrounds: u64,
}

impl AreaInputs {
    fn of(design: &Design, backgrounds: u64) -> AreaInputs {
        // (Zeros: a key, never a design anyone lays.)
        AreaInputs {
            design: Design {
                density_per_cm2: 0.0,
                dot_mm: 0.0,
                shade: 0.0,
                sessions: 0,
                top_up_years: None,
                ..design.clone()
            },
            backgrounds,
        }
    }
}
