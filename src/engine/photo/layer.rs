//! A client's photo under a scene: the work copy, its frame (size and calibration), the
//! cached hair/scalp analysis, and painting it as the background with hair drawn back over
//! the pigment.
//!
//! Why a layer of its own: [`crate::engine::scene::Scene`] stays about dots and frames; everything a
//! photo adds (analysis cache keyed by calibration and treated region, resampling for the
//! view, occlusion of pigment by hair) lives here and is reached through a few calls.
//! Units: the work copy's pixels; `work_px_per_mm` maps design mm to them (design origin =
//! the photo's top-left corner). Limits: the background is resampled bilinearly from an
//! area-averaged copy when zoomed out, so single hairs thinner than a screen pixel blend in.

use std::sync::Arc;

use glam::DVec2;

use crate::engine::design::{Design, PhotoFrame, Style};
use crate::engine::error::DesignError;
use crate::engine::photo::classify::{classify, from_truth, ClassifyOptions, MadeAnalysis};
use crate::engine::photo::contrast::{self, ContrastReport, Figures};
#[cfg(test)]
use crate::engine::photo::image::resized_plane;
use crate::engine::photo::image::{resize_plane_rows, Photo, WORK_MAX_SIDE_PX};
use crate::engine::photo::scalp_map::ScalpMap;
use crate::engine::placement::density::DensityField;
use crate::engine::placement::dots::Dot;
use crate::engine::render::impressions::ImpressionRenderer;
use crate::engine::render::raster::Pixmap;
use crate::engine::render::timeline::StageLooks;
use crate::engine::view::View;

/// Key of a cached analysis: work px/mm and the treated region, as bits.
type AnalysisKey = (u64, Vec<(u64, u64)>);

/// The photo state of a scene (empty without a photo).
#[derive(Clone, Debug, Default)]
pub struct PhotoLayer {
    photo: Option<Arc<Photo>>,
    frame: Option<PhotoFrame>,
    options: ClassifyOptions,
    analysis: Option<(AnalysisKey, Arc<ScalpMap>)>,
    /// The contrast figures of the photo alone under the cached analysis (they do not
    /// change with the dots, so each contrast after the first measures one image, not two).
    before: Option<Figures>,
    /// The contrast's own impression renderer: its tables are for work photo pixels, and
    /// sharing the view's renderer made every frame after a contrast rebuild the view's
    /// tables (and every contrast after a frame rebuild these), ~0.1–0.2 s each.
    renderer: ImpressionRenderer,
    /// The photo (and its hair coverage) resampled for the last zoom painted: a frame
    /// painted in bands resamples once, not once a band.
    resampled: Option<Resampled>,
    /// Whether the photo is the template head with long thinning hair, generated here
    /// (`thinning`), not a client's photo: the plan says which.
    generated_head: bool,
    /// An analysis of this photo for another treated region, made elsewhere (the page's
    /// engine worker, when a treated area is drawn or the photo calibrated) and handed over
    /// with [`PhotoLayer::take_analysis`]: taken instead of classifying here when the design
    /// comes to that region.
    handed: Option<MadeAnalysis>,
}

/// The photo as sampled for one zoom: `photo` itself when close up, an area-averaged copy
/// when zoomed out; the hair coverage likewise (`cover`, `size` px), if known. A copy is
/// made row by row as the bands painted need them (`rows` made so far): made whole in a
/// frame's first band, a 50 MP photo's took one task of 172 ms at 4× CPU on a phone, past
/// issue 12's 100 ms; a frame in parts now spreads it over its bands.
#[derive(Clone, Debug)]
struct Resampled {
    /// What it was made for: the work photo, the analysis (held, so neither address can be
    /// reused by another while this is kept), and the size.
    photo: Arc<Photo>,
    map: Option<Arc<ScalpMap>>,
    size: (u32, u32),
    /// The photo's RGBA at `size`, its first `rows` rows made; `None` at its own size.
    copy: Option<Vec<u8>>,
    /// The analysis's hair coverage at `size`, its first `rows` rows made; `None` when
    /// not known or at its own size.
    cover: Option<Vec<u8>>,
    rows: u32,
}

impl Resampled {
    /// Makes the rows of the copies up to `rows` (at most the copies' height).
    fn make_rows(&mut self, rows: u32) {
        let rows = rows.min(self.size.1);
        if rows <= self.rows {
            return;
        }
        let own = (self.photo.width(), self.photo.height());
        // Room for the whole copy, exactly, made here only: a copy's partial rows cloned
        // with its scene (a calibration is tried on a clone) have room for just those, and
        // growing them by doubling held up to twice a copy's bytes (1.2 MB more in a
        // 1,000-action soak).
        let px = self.size.0 as usize * self.size.1 as usize;
        if let Some(copy) = &mut self.copy {
            copy.reserve_exact((px * 4).saturating_sub(copy.len()));
            self.photo
                .resize_rows(self.size.0, self.size.1, self.rows..rows, copy);
        }
        if let (Some(cover), Some(map)) = (&mut self.cover, &self.map) {
            cover.reserve_exact(px.saturating_sub(cover.len()));
            let plane = map.classification().coverage_bytes();
            resize_plane_rows(plane, own, self.size, self.rows..rows, cover);
        }
        self.rows = rows;
    }

    /// The photo's RGBA at `size` (rows past `rows` not made yet).
    fn pixels(&self) -> &[u8] {
        self.copy.as_deref().unwrap_or(self.photo.data())
    }

    /// The hair coverage at `size`, if known.
    fn cover(&self) -> Option<&[u8]> {
        match (&self.cover, &self.map) {
            (Some(c), _) => Some(c),
            (None, Some(m)) => Some(m.classification().coverage_bytes()),
            (None, None) => None,
        }
    }
}

impl PhotoLayer {
    /// The work copy, if a photo is loaded.
    pub fn photo(&self) -> Option<&Photo> {
        self.photo.as_deref()
    }

    /// The frame (size and calibration), if set.
    pub fn frame(&self) -> Option<PhotoFrame> {
        self.frame
    }

    /// Loads a photo (kept as a work copy of at most [`WORK_MAX_SIDE_PX`] per side); fails,
    /// changing nothing, if its shape does not match the frame.
    pub fn set_photo(&mut self, photo: &Photo) -> Result<(), DesignError> {
        self.take_photo(photo.scaled_to_fit(WORK_MAX_SIDE_PX))
    }

    /// Like [`PhotoLayer::set_photo`], taking the photo: one that fits is kept as it is
    /// (a 12 MP photo is 48 MB of pixels; a copy of it is a peak the wasm memory keeps).
    pub fn take_photo(&mut self, photo: Photo) -> Result<(), DesignError> {
        let work = Arc::new(photo.into_fit(WORK_MAX_SIDE_PX));
        check(Some(&work), self.frame)?;
        self.photo = Some(work);
        self.analysis = None;
        self.handed = None;
        self.generated_head = false;
        Ok(())
    }

    /// Marks the photo as the generated head with long thinning hair (until another photo).
    pub fn mark_generated_head(&mut self) {
        self.generated_head = self.photo.is_some();
    }

    /// Whether the photo is the generated head with long thinning hair.
    pub fn is_generated_head(&self) -> bool {
        self.generated_head && self.photo.is_some()
    }

    /// Whether designs are in a photo's millimetres rather than the template's: a frame is
    /// set (the page sets one only with its photo; the CLI lays a photo's design without
    /// the photo). The template's head, face and marks do not apply there.
    pub fn in_photo_mm(&self) -> bool {
        self.frame.is_some()
    }

    /// Sets the frame; fails, changing nothing, if its shape does not match the photo.
    /// Returns whether anything changed.
    pub fn set_frame(&mut self, frame: Option<PhotoFrame>) -> Result<bool, DesignError> {
        check(self.photo.as_deref(), frame)?;
        let changed = self.frame != frame;
        self.frame = frame;
        if changed {
            self.analysis = None;
        }
        Ok(changed)
    }

    /// Keeps `made`, an analysis of this photo (its work copy's size) for a treated region
    /// the design is about to take, made elsewhere: the next analysis for that region, scale
    /// and classifier options takes it instead of classifying here (a few hundred ms of the
    /// page's thread on a phone for a 12 MP photo, issue 13). Returns false, keeping
    /// nothing, without a photo or for one of another size.
    pub fn take_analysis(&mut self, made: MadeAnalysis) -> bool {
        let fits = self.photo.as_ref().is_some_and(|p| {
            let c = &made.classification;
            (c.width(), c.height()) == (p.width(), p.height())
        });
        self.handed = fits.then_some(made);
        fits
    }

    /// Sets what the classifier knows; returns whether it changed.
    pub fn set_options(&mut self, options: ClassifyOptions) -> bool {
        let changed = self.options != options;
        self.options = options;
        if changed {
            self.analysis = None;
        }
        changed
    }

    /// What the classifier is told (the eyedropper's hair colour).
    pub fn options(&self) -> ClassifyOptions {
        self.options
    }

    /// Work photo pixels per mm: the frame's calibration scaled to the work copy.
    pub fn work_px_per_mm(&self) -> Option<f64> {
        let (photo, frame) = (self.photo.as_ref()?, self.frame?);
        Some(frame.px_per_mm * photo.width() as f64 / frame.width_px as f64)
    }

    /// The analysis of the photo inside `design`'s scalp polygon (cached).
    pub fn scalp_map(&mut self, design: &Design) -> Option<Arc<ScalpMap>> {
        let ppm = self.work_px_per_mm()?;
        let photo = self.photo.clone()?;
        let key = (
            ppm.to_bits(),
            design
                .scalp
                .iter()
                .map(|p| (p.x.to_bits(), p.y.to_bits()))
                .collect::<Vec<_>>(),
        );
        if let Some((k, map)) = &self.analysis {
            if *k == key {
                return Some(map.clone());
            }
        }
        // The resampled copies for the old analysis are freed before the new one is made,
        // and the old analysis with them unless the density field still holds it (a
        // density-only design's field does until it is replaced): both at once set a
        // higher high-water mark in the wasm memory, which never shrinks (issue 13's soak).
        self.analysis = None;
        self.resampled = None;
        // Made with the photo (by the page's engine worker) for this very region: taken as is.
        // Else a generated head's hair is known, not guessed: its truth, for any region.
        let region = || -> Vec<DVec2> { design.scalp.iter().map(|&p| p * ppm).collect() };
        // Taken once used: it is this map's from now on (kept, it held a second coverage).
        let options = self.options;
        let handed = self
            .handed
            .take_if(|made| made.is_for(&design.scalp, ppm, &options));
        let map = match (handed.as_ref().or(photo.made_analysis()), photo.truth()) {
            (Some(made), _) if made.is_for(&design.scalp, ppm, &self.options) => {
                // Its grid too, when it came with it and fits; else made from it here.
                made.visible
                    .clone()
                    .and_then(|v| ScalpMap::with_visible(made.classification.clone(), ppm, v))
                    .unwrap_or_else(|| ScalpMap::new(made.classification.clone(), ppm))
            }
            (_, Some(truth)) => ScalpMap::new(Arc::new(from_truth(&photo, truth, &region())), ppm),
            _ => ScalpMap::new(
                Arc::new(classify(&photo, &region(), ppm, &self.options)),
                ppm,
            ),
        };
        let map = Arc::new(map);
        self.analysis = Some((key, map.clone()));
        self.before = None;
        Some(map)
    }

    /// `field` of `design`, following the visible scalp when it is density-only on a photo.
    pub fn attach(&mut self, design: &Design, field: DensityField) -> DensityField {
        // The template head's outline stops limiting the dots once the design is in a
        // photo's millimetres; the generated long-haired head is drawn in the template's,
        // its face where the template's is.
        let field = if self.in_photo_mm() {
            field.on_photo(self.is_generated_head())
        } else {
            field
        };
        if design.style != Style::DensityOnly {
            return field;
        }
        match self.scalp_map(design) {
            Some(map) => field.with_scalp_map(map),
            None => field,
        }
    }

    /// Contrast before/after `dots` as they look at `looks` under `renderer`'s appearance
    /// model (the scene's renderer; only its model is used); `None` without a calibrated
    /// photo.
    pub fn contrast(
        &mut self,
        design: &Design,
        dots: &[Dot],
        looks: &StageLooks,
        renderer: &mut ImpressionRenderer,
    ) -> Option<ContrastReport> {
        let map = self.scalp_map(design)?;
        let photo = self.photo.clone()?;
        if self.renderer.options() != renderer.options() {
            self.renderer = ImpressionRenderer::new(*renderer.options());
        }
        let before = *self.before.get_or_insert_with(|| {
            contrast::figures(photo.data(), map.classification(), map.px_per_mm())
        });
        contrast::report(
            &photo,
            map.classification(),
            &before,
            dots,
            map.px_per_mm(),
            looks,
            &mut self.renderer,
        )
    }

    /// Paints the photo under `view` into `band` (a band of a frame, `view` shifted to it)
    /// and returns each of its pixels' hair coverage (empty when the hair is not known);
    /// `None` (painting nothing) without a calibrated photo. The zoomed-out copy is kept
    /// for the next band.
    pub fn paint_background_band(
        &mut self,
        band: &mut Pixmap,
        design: &Design,
        view: &View,
    ) -> Option<Vec<u8>> {
        let (Some(ppm), Some(photo)) = (self.work_px_per_mm(), self.photo.clone()) else {
            return None;
        };
        let map = self.scalp_map(design);
        let size = sample_size(&photo, ppm, view);
        let current = self.resampled.as_ref().is_some_and(|r| {
            Arc::ptr_eq(&r.photo, &photo)
                && r.size == size
                && match (&r.map, &map) {
                    (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                    (None, None) => true,
                    _ => false,
                }
        });
        if !current {
            self.resampled = None; // (freed before the next is made, as the analysis)
            self.resampled = Some(resample(&photo, map, size));
        }
        let r = self.resampled.as_mut()?;
        // The rows this band samples: bilinear, so down to the row below its last pixel's.
        let scale = ppm * size.0 as f64 / photo.width() as f64; // copy px per mm
        let last = view.to_mm(DVec2::new(0.0, band.height() as f64 - 0.5)).y * scale - 0.5;
        let needed = if last.is_finite() {
            // (+1 row to spare against rounding in the view's mapping.)
            (last.floor() + 3.0).clamp(1.0, size.1 as f64) as u32
        } else {
            size.1
        };
        r.make_rows(needed);
        let cover = r.cover().map(|c| (c, r.size));
        Some(paint_sampled(
            band,
            photo.width(),
            (r.pixels(), r.size),
            cover,
            ppm,
            view,
        ))
    }
}

/// Draws hair back over pigment in the pixels `x0..x1`, `y0..y1` of `frame` (painted over
/// `bg`, whose pixels' hair coverage is `occlusion`; nothing when it is not known).
pub fn occlude(
    frame: &mut Pixmap,
    bg: &Pixmap,
    occlusion: &[u8],
    x0: i64,
    y0: i64,
    x1: i64,
    y1: i64,
) {
    let w = frame.width() as i64;
    let h = frame.height() as i64;
    if occlusion.len() as i64 != w * h
        || bg.width() != frame.width()
        || bg.height() != frame.height()
    {
        return;
    }
    let (x0, x1) = (x0.clamp(0, w) as usize, x1.clamp(0, w) as usize);
    let (y0, y1) = (y0.clamp(0, h) as usize, y1.clamp(0, h) as usize);
    if x1 <= x0 {
        return;
    }
    let w = w as usize;
    for y in y0..y1 {
        let (a, b) = (y * w + x0, y * w + x1);
        contrast::occlude(
            &mut frame.data_mut()[a * 4..b * 4],
            &bg.data()[a * 4..b * 4],
            &occlusion[a..b],
        );
    }
}

fn check(photo: Option<&Photo>, frame: Option<PhotoFrame>) -> Result<(), DesignError> {
    match photo {
        Some(photo) => check_shape(photo.width(), photo.height(), frame),
        None => Ok(()),
    }
}

/// Whether a loaded photo of `width` × `height` px (its work copy's size) can have `frame`.
pub fn check_shape(width: u32, height: u32, frame: Option<PhotoFrame>) -> Result<(), DesignError> {
    let Some(frame) = frame else {
        return Ok(());
    };
    let loaded = width as f64 / height as f64;
    let recorded = frame.width_px as f64 / frame.height_px as f64;
    if (loaded / recorded - 1.0).abs() > 0.02 {
        // Plain words, not pixel counts: the loaded photo is a scaled work copy, and its
        // size means nothing to the person who chose it (issue 13).
        let how = if loaded > recorded { "wider" } else { "taller" };
        return Err(DesignError::new(
            "photo",
            format!(
                "this photo is {how} than the one this design was made on; load that photo again, or start a new design on this one"
            ),
        ));
    }
    Ok(())
}

/// Paints `photo` (work copy at `ppm` px per mm) under `view` into `bg`; returns the hair
/// coverage byte of each `bg` pixel (0 where there is no region or no analysis).
#[cfg(test)]
pub fn paint_photo(
    bg: &mut Pixmap,
    photo: &Photo,
    coverage: Option<&[u8]>,
    ppm: f64,
    view: &View,
) -> Vec<u8> {
    let size = sample_size(photo, ppm, view);
    let own = (photo.width(), photo.height());
    let cover = coverage.map(|c| resized_plane(c, own, size));
    let sampled = photo.resized(size.0, size.1);
    paint_sampled(
        bg,
        photo.width(),
        (sampled.data(), size),
        cover.as_deref().map(|c| (c, size)),
        ppm,
        view,
    )
}

/// The size the photo is sampled at under `view`: its own when close up; zoomed out, an
/// area-averaged copy at the screen's scale, so hair does not alias into noise.
fn sample_size(photo: &Photo, ppm: f64, view: &View) -> (u32, u32) {
    let k = (view.px_per_mm / ppm).min(1.0);
    if k < 0.75 {
        (
            ((photo.width() as f64 * k).round() as u32).max(1),
            ((photo.height() as f64 * k).round() as u32).max(1),
        )
    } else {
        (photo.width(), photo.height())
    }
}

/// `photo` and the hair coverage of `map` at `size` (see [`sample_size`]), no row made yet.
fn resample(photo: &Arc<Photo>, map: Option<Arc<ScalpMap>>, size: (u32, u32)) -> Resampled {
    let own = (photo.width(), photo.height());
    let (copy, cover) = if size == own {
        // At its own size the photo and the analysis's coverage are read as they are.
        (None, None)
    } else {
        // (Their room is made with their first rows: `Resampled::make_rows`.)
        (Some(Vec::new()), map.as_ref().map(|_| Vec::new()))
    };
    Resampled {
        photo: photo.clone(),
        map,
        size,
        copy,
        cover,
        rows: 0,
    }
}

/// Paints `src` (the work photo, `work_width` px wide, as sampled by [`resample`]) under
/// `view` into `bg`, bilinear; returns each pixel's hair coverage from `cover` (empty
/// without it).
fn paint_sampled(
    bg: &mut Pixmap,
    work_width: u32,
    (pixels, (src_width, src_height)): (&[u8], (u32, u32)),
    cover: Option<(&[u8], (u32, u32))>,
    ppm: f64,
    view: &View,
) -> Vec<u8> {
    let (w, h) = (bg.width() as usize, bg.height() as usize);
    let (sw, sh) = (src_width as i64, src_height as i64);
    // The rows of a copy made so far (see `Resampled::make_rows`: all a band samples), which
    // a row is clamped to, as to the copy's last row: never reached past what is made.
    let made = |len: usize, width: u32, height: u32| {
        (len / width.max(1) as usize).min(height as usize) as i64
    };
    let made_rows = made(pixels.len() / 4, src_width, src_height);
    let cov_src = cover.map(|(c, (cw, ch))| (c, cw, made(c.len(), cw, ch)));
    let scale = ppm * src_width as f64 / work_width as f64; // src px per mm
    let mut occlusion = vec![0u8; if cov_src.is_some() { w * h } else { 0 }];
    if sw == 0 || made_rows == 0 {
        return occlusion;
    }
    let at = |x: i64, y: i64| {
        let i = (y.clamp(0, made_rows - 1) * sw + x.clamp(0, sw - 1)) as usize * 4;
        [pixels[i] as f64, pixels[i + 1] as f64, pixels[i + 2] as f64]
    };
    let data = bg.data_mut();
    for y in 0..h {
        for x in 0..w {
            let mm = view.to_mm(DVec2::new(x as f64 + 0.5, y as f64 + 0.5));
            let s = mm * scale - DVec2::splat(0.5);
            if s.x < -0.5 || s.y < -0.5 || s.x > sw as f64 - 0.5 || s.y > sh as f64 - 0.5 {
                continue;
            }
            let (x0, y0) = (s.x.floor() as i64, s.y.floor() as i64);
            let (tx, ty) = (s.x - x0 as f64, s.y - y0 as f64);
            let (c00, c10, c01, c11) = (
                at(x0, y0),
                at(x0 + 1, y0),
                at(x0, y0 + 1),
                at(x0 + 1, y0 + 1),
            );
            let i = (y * w + x) * 4;
            for k in 0..3 {
                let v = (c00[k] * (1.0 - tx) + c10[k] * tx) * (1.0 - ty)
                    + (c01[k] * (1.0 - tx) + c11[k] * tx) * ty;
                data[i + k] = (v + 0.5) as u8;
            }
            data[i + 3] = 255;
            if let Some((c, cw, ch)) = cov_src.filter(|&(_, cw, ch)| cw > 0 && ch > 0) {
                let (cx, cy) = ((s.x + 0.5) as i64, (s.y + 0.5) as i64);
                let (cx, cy) = (cx.clamp(0, cw as i64 - 1), cy.clamp(0, ch - 1));
                occlusion[y * w + x] = c[cy as usize * cw as usize + cx as usize];
            }
        }
    }
    occlusion
}

#[cfg(test)]
pub(super) mod tests;
