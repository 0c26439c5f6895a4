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
use crate::engine::photo::classify::{classify, ClassifyOptions};
use crate::engine::photo::contrast::{self, ContrastReport};
use crate::engine::photo::image::{Photo, WORK_MAX_SIDE_PX};
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
    /// Hair coverage of each background pixel, as painted for the last view.
    occlusion: Vec<u8>,
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
        let work = Arc::new(photo.scaled_to_fit(WORK_MAX_SIDE_PX));
        check(Some(&work), self.frame)?;
        self.photo = Some(work);
        self.analysis = None;
        Ok(())
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

    /// Sets what the classifier knows; returns whether it changed.
    pub fn set_options(&mut self, options: ClassifyOptions) -> bool {
        let changed = self.options != options;
        self.options = options;
        if changed {
            self.analysis = None;
        }
        changed
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
        let region: Vec<DVec2> = design.scalp.iter().map(|&p| p * ppm).collect();
        let classification = classify(&photo, &region, ppm, &self.options);
        let map = Arc::new(ScalpMap::new(Arc::new(classification), ppm));
        self.analysis = Some((key, map.clone()));
        Some(map)
    }

    /// `field` of `design`, following the visible scalp when it is density-only on a photo.
    pub fn attach(&mut self, design: &Design, field: DensityField) -> DensityField {
        if design.style != Style::DensityOnly {
            return field;
        }
        match self.scalp_map(design) {
            Some(map) => field.with_scalp_map(map),
            None => field,
        }
    }

    /// Contrast before/after `dots` as they look at `looks`; `None` without a calibrated
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
        contrast::report(
            &photo,
            map.classification(),
            dots,
            map.px_per_mm(),
            looks,
            renderer,
        )
    }

    /// Paints the photo under `view` into `bg` and records each pixel's hair coverage;
    /// returns false (painting nothing) without a calibrated photo.
    pub fn paint_background(&mut self, bg: &mut Pixmap, design: &Design, view: &View) -> bool {
        self.occlusion.clear();
        let (Some(ppm), Some(photo)) = (self.work_px_per_mm(), self.photo.clone()) else {
            return false;
        };
        let map = self.scalp_map(design);
        let coverage = map.as_ref().map(|m| m.classification().coverage_bytes());
        self.occlusion = paint_photo(bg, &photo, coverage, ppm, view);
        true
    }

    /// Draws hair back over pigment in the pixels `x0..x1`, `y0..y1` of `frame` (painted
    /// over `bg` from [`PhotoLayer::paint_background`]).
    pub fn occlude(&self, frame: &mut Pixmap, bg: &Pixmap, x0: i64, y0: i64, x1: i64, y1: i64) {
        let w = frame.width() as i64;
        let h = frame.height() as i64;
        if self.occlusion.len() as i64 != w * h
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
                &self.occlusion[a..b],
            );
        }
    }
}

fn check(photo: Option<&Photo>, frame: Option<PhotoFrame>) -> Result<(), DesignError> {
    let (Some(photo), Some(frame)) = (photo, frame) else {
        return Ok(());
    };
    let loaded = photo.width() as f64 / photo.height() as f64;
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
pub fn paint_photo(
    bg: &mut Pixmap,
    photo: &Photo,
    coverage: Option<&[u8]>,
    ppm: f64,
    view: &View,
) -> Vec<u8> {
    let (w, h) = (bg.width() as usize, bg.height() as usize);
    // Zoomed out: sample an area-averaged copy, so hair does not alias into noise.
    let k = (view.px_per_mm / ppm).min(1.0);
    let (src, cov_src) = if k < 0.75 {
        let sw = ((photo.width() as f64 * k).round() as u32).max(1);
        let sh = ((photo.height() as f64 * k).round() as u32).max(1);
        let cov = coverage.and_then(|c| {
            let grey: Vec<u8> = c.iter().flat_map(|&v| [v, v, v, 255]).collect();
            Photo::new(photo.width(), photo.height(), grey)
                .ok()
                .map(|p| p.resized(sw, sh))
        });
        (photo.resized(sw, sh), cov)
    } else {
        let cov = coverage.and_then(|c| {
            let grey: Vec<u8> = c.iter().flat_map(|&v| [v, v, v, 255]).collect();
            Photo::new(photo.width(), photo.height(), grey).ok()
        });
        (photo.clone(), cov)
    };
    let scale = ppm * src.width() as f64 / photo.width() as f64; // src px per mm
    let mut occlusion = vec![0u8; if cov_src.is_some() { w * h } else { 0 }];
    let data = bg.data_mut();
    for y in 0..h {
        for x in 0..w {
            let mm = view.to_mm(DVec2::new(x as f64 + 0.5, y as f64 + 0.5));
            let s = mm * scale - DVec2::splat(0.5);
            if s.x < -0.5
                || s.y < -0.5
                || s.x > src.width() as f64 - 0.5
                || s.y > src.height() as f64 - 0.5
            {
                continue;
            }
            let (x0, y0) = (s.x.floor() as i64, s.y.floor() as i64);
            let (tx, ty) = (s.x - x0 as f64, s.y - y0 as f64);
            let bil = |p: &Photo, k: usize| {
                let c = |xx: i64, yy: i64| p.rgb(xx, yy)[k] as f64;
                (c(x0, y0) * (1.0 - tx) + c(x0 + 1, y0) * tx) * (1.0 - ty)
                    + (c(x0, y0 + 1) * (1.0 - tx) + c(x0 + 1, y0 + 1) * tx) * ty
            };
            let i = (y * w + x) * 4;
            for k in 0..3 {
                data[i + k] = (bil(&src, k) + 0.5) as u8;
            }
            data[i + 3] = 255;
            if let Some(c) = &cov_src {
                let v = c.rgb((s.x + 0.5) as i64, (s.y + 0.5) as i64)[0];
                occlusion[y * w + x] = v;
            }
        }
    }
    occlusion
}
