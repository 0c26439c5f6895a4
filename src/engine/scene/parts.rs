//! A whole frame painted band by band over many calls (issue 12): on a phone a whole
//! repaint is hundreds of ms, which must not block a frame of the page, so the page asks
//! for a few ms of it per animation frame and shows the last finished frame meanwhile.
//! Every background is painted in the same bands whether whole or in parts, and a band
//! draws the same dots in the same order, so the finished pixels are those of
//! [`Scene::render`].

use std::sync::Arc;

use glam::DVec2;

use super::{Dirty, FrameKey, Scene, BACKGROUND_ROWS};
use crate::engine::photo::layer::occlude;
use crate::engine::placement::dots::Dot;
use crate::engine::render::impressions::cull_px;
use crate::engine::render::raster::{PixelRect, Pixmap};
use crate::engine::render::timeline::StageLooks;
use crate::engine::view::View;

/// A whole frame part-painted: for which size and view, its pixels so far (background and
/// dots above `next_row`, the backdrop or the scene's background below it), and what it started from.
#[derive(Clone, Debug)]
pub(super) struct PartialFrame {
    key: FrameKey,
    frame: Pixmap,
    next_row: i64,
    edits: u64,
    /// The dots it paints: the scene's when it started. Dots laid meanwhile (a slider's next
    /// value, a design set) are not mixed into the bands still to paint, which would show a
    /// picture of no one design; the frame is finished with these, shown, and painted again.
    dots: Arc<Vec<Dot>>,
    /// Per band, the indices of `dots` that can reach it (in their order), sorted at the
    /// first call.
    bands: Vec<Vec<u32>>,
    /// The background for a new size or view, painted band by band ahead of the dots (its
    /// pixels, their hair coverage, the rows done); `None` when the scene's is current.
    background: Option<(Pixmap, Vec<u8>, u32)>,
    /// The scene's background count when it started (a new head or photo starts over).
    backgrounds: u64,
}

/// Rows painted at a time by [`Scene::render_in_parts`]: a band of a phone's canvas is
/// a few ms of work on a slow phone (the page checks its time budget between bands).
const BAND_ROWS: i64 = 16;

/// The indices of `dots` that can reach each band of `BAND_ROWS` rows of a `height` px frame
/// under `view`, in their order.
fn dots_by_band(dots: &[Dot], view: &View, height: u32) -> Vec<Vec<u32>> {
    let count = (height as i64 + BAND_ROWS - 1) / BAND_ROWS;
    let mut bands = vec![Vec::new(); count as usize];
    let cull = cull_px(view.px_per_mm as f32);
    for (i, dot) in dots.iter().enumerate() {
        let y = view.to_px(dot.position).y;
        if !y.is_finite() {
            continue;
        }
        let first = (((y - cull) / BAND_ROWS as f32).floor() as i64).max(0);
        let last = (((y + cull) / BAND_ROWS as f32).floor() as i64).min(count - 1);
        for band in first..=last {
            bands[band as usize].push(i as u32);
        }
    }
    bands
}

impl Scene {
    /// Like [`Scene::render`], but a whole repaint goes band by band while `more()` says
    /// there is time, over as many calls as it takes (issue 12: on a phone a whole frame is
    /// hundreds of ms, which must not block a frame of the page). Returns `Some(true)` when
    /// the frame is done ([`Scene::frame`] and [`Scene::repainted`] as after `render`),
    /// `Some(false)` while it is under way (the canvas keeps the last finished frame; the
    /// engine has none meanwhile),
    /// `None` for an unusable size or view. A small change (a drag's area) is repainted
    /// band by band too, within the last frame (see `render_area_in_parts`). Changes that come in while a frame is under way (new dots, another stage) do
    /// not go into the bands still to paint: the frame is finished with the dots and stage
    /// it started with (a whole picture of the design before), shown, and as
    /// [`Scene::frame_is_current`] is then false, the next call paints it once more. A new
    /// size or view starts over. The finished pixels are those of `render`.
    pub fn render_in_parts(
        &mut self,
        width: u32,
        height: u32,
        view: View,
        mut more: impl FnMut() -> bool,
    ) -> Option<bool> {
        if !view.is_valid() {
            return None;
        }
        let key = self.frame_key(width, height, view);
        match (&self.frame, self.dirty) {
            (Some((k, _)), Dirty::Nothing) if *k == key => {
                self.render(width, height, view)?; // (which ends any frame in parts)
                return Some(true);
            }
            (Some((k, _)), Dirty::Area(area)) if *k == key => {
                return self.render_area_in_parts(view, area, more);
            }
            _ => {}
        }
        let mut part = match self.partial.take() {
            Some(p)
                if (p.key.width, p.key.height, p.key.view) == (width, height, view)
                    && p.backgrounds == self.backgrounds
                    // A frame over the scene's background needs it still there (a still
                    // picture rendered meanwhile at another size replaces it).
                    && (p.background.is_some() || self.background_is_for(width, height, view)) =>
            {
                p
            }
            stale => {
                if let Some(p) = stale {
                    self.recycle_partial(p);
                }
                if !Pixmap::size_is_usable(width, height) {
                    return None; // (refused with the last frame and background kept)
                }
                // The canvas shows the last finished frame until this one is done, so the
                // engine's copy of it, and the background of another size, view or head,
                // go back to the pool for the new frame to reuse: a whole repaint at a new
                // view held four canvas-sized pixmaps (47 MB on a phone at DPR 3), two of
                // them pictures no one would see again (issue 13's soak: the busiest moment
                // sets the wasm memory's size for good).
                if let Some((_, old)) = self.frame.take() {
                    self.buffers.give(old);
                }
                let current = self.background_is_for(width, height, view);
                if !current {
                    self.set_background(None);
                }
                // The background too when the size, view or head is new: band by band,
                // ahead of the dots.
                let mut frame = self.buffers.take(width, height)?;
                let background = match &self.background {
                    Some((_, _, _, bg, _)) if current => {
                        frame.copy_from(bg);
                        None
                    }
                    // (Each band of the frame is restored from it before its dots.)
                    _ => Some((self.buffers.take(width, height)?, Vec::new(), 0)),
                };
                PartialFrame {
                    key,
                    frame,
                    next_row: 0,
                    edits: self.edits,
                    dots: Arc::clone(&self.dots),
                    bands: Vec::new(),
                    background,
                    backgrounds: self.backgrounds,
                }
            }
        };
        if part.bands.is_empty() {
            part.bands = dots_by_band(&part.dots, &view, height);
        }
        // The stage the frame started at, for all of it: a stage that changes on every call
        // (the age timeline swept on a slow phone) would otherwise drop the kernels built so
        // far each time, and the frame would not finish until the sweep stopped. A frame
        // finished at another stage than the scene's is shown, then painted again.
        let looks = StageLooks::new(part.key.stage, &part.key.plan, self.renderer.options())
            .laid(part.key.progress);
        let to_px = |p: DVec2| view.to_px(p);
        let scale = view.px_per_mm as f32;
        loop {
            let band = PixelRect {
                x0: 0,
                y0: part.next_row,
                x1: width as i64,
                y1: (part.next_row + BAND_ROWS).min(height as i64),
            };
            if let Some((bg, occlusion, done)) = &mut part.background {
                while (*done as i64) < band.y1 {
                    let rows = BACKGROUND_ROWS.min(height - *done);
                    self.paint_background_rows(bg, occlusion, view, *done, rows)?;
                    *done += rows;
                }
                // The band's rows of the background under its dots.
                part.frame.restore_from(bg, band);
            }
            let (bg, occlusion) = match (&part.background, &self.background) {
                (Some((bg, occlusion, _)), _) => (bg, occlusion),
                (None, Some((_, _, _, bg, occlusion))) => (bg, occlusion),
                (None, None) => return None,
            };
            let dots = &part.dots;
            let nearby = part.bands[(band.y0 / BAND_ROWS) as usize]
                .iter()
                .map(|&i| &dots[i as usize]);
            // A new stage or zoom builds its dots' kernels as it meets them, within the time
            // given: out of time, the band is put back as it was and drawn on the next call.
            if !self.renderer.draw_each_within(
                &mut part.frame,
                nearby,
                &looks,
                to_px,
                scale,
                band,
                &mut more,
                None,
            ) {
                part.frame.restore_from(bg, band);
                self.partial = Some(part);
                self.repainted = None;
                return Some(false);
            }
            occlude(
                &mut part.frame,
                bg,
                occlusion,
                band.x0,
                band.y0,
                band.x1,
                band.y1,
            );
            part.next_row = band.y1;
            if part.next_row >= height as i64 {
                break;
            }
            if !more() {
                self.partial = Some(part);
                self.repainted = None;
                return Some(false);
            }
        }
        // Done: a whole picture of the dots it started with, at the stage it started at. If
        // either changed meanwhile, it is shown, and painted again.
        let current = part.edits == self.edits && part.key == key;
        if let Some((bg, occlusion, _)) = part.background {
            self.set_background(Some((width, height, view, bg, occlusion)));
        }
        self.repainted = Some(part.frame.bounds());
        if let Some((_, old)) = self.frame.replace((key, part.frame)) {
            self.buffers.give(old);
        }
        self.dirty = if current {
            Dirty::Nothing
        } else {
            Dirty::Everything
        };
        Some(true)
    }

    /// Repaints an edit's `area` (mm) in the last frame band by band while `more()` says
    /// there is time, over as many calls as it takes: a handle's area on a tablet at 4× CPU
    /// is about 15 ms of painting, most of a frame. The canvas keeps the last finished
    /// picture meanwhile (the page puts only a finished area on it, [`Scene::repainted`]);
    /// the frame's own pixels in the area are part-painted until then. A change of the
    /// dots meanwhile starts the area over (grown to take in the new change). The finished
    /// pixels are those of [`Scene::render`].
    fn render_area_in_parts(
        &mut self,
        view: View,
        area: crate::engine::geometry::Rect,
        mut more: impl FnMut() -> bool,
    ) -> Option<bool> {
        self.drop_partial();
        let looks = self.looks();
        let to_px = |p: DVec2| view.to_px(p);
        let scale = view.px_per_mm as f32;
        let (Some((_, frame)), Some((_, _, _, bg, occlusion))) =
            (self.frame.as_mut(), self.background.as_ref())
        else {
            return None;
        };
        let rect = super::area_px(area, view, self.design.dot_mm, frame.bounds());
        let mut row = match self.area_in_parts.take() {
            Some((r, row, edits)) if r == rect && edits == self.edits => row,
            _ => rect.y0,
        };
        while row < rect.y1 {
            let band = PixelRect {
                y0: row,
                y1: (row + BAND_ROWS).min(rect.y1),
                ..rect
            };
            frame.restore_from(bg, band);
            self.renderer
                .draw(frame, &self.dots[..], &looks, to_px, scale, band);
            occlude(frame, bg, occlusion, band.x0, band.y0, band.x1, band.y1);
            row = band.y1;
            if row < rect.y1 && !more() {
                self.area_in_parts = Some((rect, row, self.edits));
                self.repainted = None;
                return Some(false);
            }
        }
        self.repainted = Some(rect);
        self.dirty = Dirty::Nothing;
        Some(true)
    }

    /// Keeps the pixmaps of a frame in parts that will not be finished.
    pub(super) fn recycle_partial(&mut self, part: PartialFrame) {
        self.buffers.give(part.frame);
        if let Some((bg, _, _)) = part.background {
            self.buffers.give(bg);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::geometry::Rect;
    use crate::engine::template::default_design;

    impl Scene {
        /// Canvas-sized pixmaps of `width` × `height` the scene holds: its frame and
        /// background, a frame in parts' own, and the spares.
        fn canvas_pixmaps(&self, width: u32, height: u32) -> usize {
            let sized = |p: &Pixmap| (p.width(), p.height()) == (width, height);
            let part = self.partial.as_ref().map_or(0, |p| {
                usize::from(sized(&p.frame))
                    + p.background
                        .as_ref()
                        .map_or(0, |(bg, _, _)| usize::from(sized(bg)))
            });
            self.frame
                .as_ref()
                .map_or(0, |(_, f)| usize::from(sized(f)))
                + self
                    .background
                    .as_ref()
                    .map_or(0, |(_, _, _, bg, _)| usize::from(sized(bg)))
                + part
                + self.buffers.spares_of(width, height)
        }
    }

    /// A render at a size the engine cannot paint (0 px, over 8192 px) is refused and
    /// leaves the frame and background of the last one: a handle moved after it is still
    /// repainted in its area (review of issue 13's change: the background was dropped
    /// before the size was checked, and the area's repaint then failed).
    #[test]
    fn a_refused_size_keeps_the_frame_and_background() {
        let (w, h) = (300u32, 200u32);
        let design = default_design();
        let mut scene = Scene::new(design.clone()).unwrap();
        let view = View::fit(
            Rect {
                min: DVec2::new(0.0, 0.0),
                max: DVec2::new(220.0, 150.0),
            },
            w,
            h,
            0.0,
        );
        while !scene.render_in_parts(w, h, view, || true).unwrap() {}
        assert!(scene.render(0, h, view).is_none());
        assert!(scene.render(9000, h, view).is_none());
        assert!(scene.render_in_parts(w, 0, view, || true).is_none());
        assert!(scene.background.is_some(), "the background was dropped");
        assert!(scene.frame.is_some(), "the frame was dropped");
        let mut moved = design;
        moved.hairline[1].y += 1.0;
        scene.set_design(moved).unwrap();
        let mut calls = 0;
        while !scene
            .render_in_parts(w, h, view, || false)
            .expect("the moved handle's area is repainted")
        {
            calls += 1;
            assert!(calls < 10_000, "never finished");
        }
        assert_eq!(scene.canvas_pixmaps(w, h), 2);
    }

    /// Issue 13: while a whole frame at a new view (a zoom, a pan) is painted band by band,
    /// the canvas shows the last finished one, so the scene holds two canvas-sized pixmaps,
    /// the new frame and its background, not four (the old two were kept to the end: 47 MB
    /// on a phone at DPR 3, and the wasm memory never gives back what its busiest moment
    /// took). At rest after it, two as well.
    #[test]
    fn a_frame_at_a_new_view_holds_two_canvas_sized_pixmaps() {
        let (w, h) = (300u32, 200u32);
        let mut scene = Scene::new(default_design()).unwrap();
        let view = |zoom: f64| {
            View::fit(
                Rect {
                    min: DVec2::new(20.0 * zoom, 10.0 * zoom),
                    max: DVec2::new(200.0, 150.0),
                },
                w,
                h,
                0.0,
            )
        };
        let mut most = 0;
        for step in 0..4 {
            let mut calls = 0;
            while !scene
                .render_in_parts(w, h, view(step as f64 * 0.1), || false)
                .unwrap()
            {
                most = most.max(scene.canvas_pixmaps(w, h));
                calls += 1;
                assert!(calls < 10_000, "never finished");
            }
            assert!(calls > 2, "painted in parts");
        }
        assert_eq!(
            most, 2,
            "pixmaps held while a frame at a new view was painted"
        );
        assert_eq!(scene.canvas_pixmaps(w, h), 2, "pixmaps held at rest");
    }

    /// Issue 13: a whole frame zoomed in far enough for close-up dots (a compare's
    /// pictures, a first picture after a reload while zoomed) draws them band by band: its
    /// scratch stays near 2 MB (a tablet's canvas kept a 7.7 MB one for good), and its
    /// pixels are those of the same frame painted in parts.
    #[test]
    fn a_whole_close_up_frame_keeps_a_small_scratch_and_the_pixels_of_one_in_parts() {
        use crate::engine::render::impressions::SCRATCH_PX;
        let (w, h) = (1200u32, 900u32);
        let view = View::fit(
            Rect {
                min: DVec2::new(80.0, 60.0),
                max: DVec2::new(130.0, 100.0),
            },
            w,
            h,
            0.0,
        );
        assert!(
            view.px_per_mm > 15.0,
            "close-ups at {} px/mm",
            view.px_per_mm
        );
        let mut whole = Scene::new(default_design()).unwrap();
        let whole_frame = whole.render(w, h, view).unwrap().clone();
        assert!(
            whole.renderer.scratch_px() <= SCRATCH_PX,
            "a scratch of {} px for a {w} × {h} frame",
            whole.renderer.scratch_px()
        );
        assert!(whole.renderer.scratch_px() > 0, "no dot was drawn close up");
        let mut parts = Scene::new(default_design()).unwrap();
        while !parts.render_in_parts(w, h, view, || true).unwrap() {}
        let in_parts = parts.frame.as_ref().map(|(_, f)| f.clone()).unwrap();
        assert!(whole_frame == in_parts, "the frame in parts differs");
    }
}
