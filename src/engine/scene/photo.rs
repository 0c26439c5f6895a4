//! The scene's photo (issue 5): loading a client's photo or a generated head under the
//! design, its calibration and analysis, and what a new one re-lays. Kept apart from the
//! scene's design, frames and stats: a photo changes the field under every dot, so each
//! change here ends in one whole re-layout (`relayout_all`).

use super::Scene;
use crate::engine::error::DesignError;
use crate::engine::placement::density::DensityField;
use crate::engine::placement::dots::place_dots;

/// A client's photo under the design (issue 5): loading, calibration, analysis, contrast.
impl Scene {
    /// Puts a photo under the design (a work copy is kept); design mm are then from its
    /// top-left corner. Fails, changing nothing, if it does not match the photo frame.
    pub fn set_photo(
        &mut self,
        photo: &crate::engine::photo::image::Photo,
    ) -> Result<(), DesignError> {
        self.photo.set_photo(photo)?;
        self.relayout_all();
        Ok(())
    }

    /// Replaces the photo and its frame at once (a new photo loaded), re-laying the dots
    /// once; fails, changing nothing, when they do not match each other. Checked on a fresh
    /// layer, so no copy of the scene (its frames and tables are tens of MB on a phone) is
    /// needed to keep the old state on failure.
    pub fn replace_photo(
        &mut self,
        photo: crate::engine::photo::image::Photo,
        frame: crate::engine::design::PhotoFrame,
    ) -> Result<(), DesignError> {
        self.install_photo(photo, frame, None)
    }

    /// [`Scene::replace_photo`], showing `design` (already validated) on it when given.
    fn install_photo(
        &mut self,
        photo: crate::engine::photo::image::Photo,
        frame: crate::engine::design::PhotoFrame,
        design: Option<crate::engine::design::Design>,
    ) -> Result<(), DesignError> {
        let mut layer = crate::engine::photo::layer::PhotoLayer::default();
        layer.set_frame(Some(frame))?;
        layer.take_photo(photo)?;
        self.photo = layer;
        if let Some(design) = design {
            self.design = design; // laid with the new photo just below
        }
        self.relayout_all();
        Ok(())
    }

    /// Like [`Scene::replace_photo`] for a `width` × `height` photo that `make` gives: the
    /// shape (and `design`, when given) is checked first (failing, changing nothing), then
    /// the old photo, its analysis and the field's scalp map made from it are freed, and
    /// only then are the new pixels made. So the wasm memory needs room for one photo, not
    /// two: with both alive at once, each new photo could find no hole big enough (a
    /// 1600 × 1200 photo is 7.7 MB) and grew it for good.
    ///
    /// With `design`, the scene shows that design on the new photo, its dots laid once:
    /// the same scene as the photo and then [`Scene::set_design`] give, without laying and
    /// classifying for the old design on the new photo first.
    pub fn replace_photo_from(
        &mut self,
        width: u32,
        height: u32,
        frame: crate::engine::design::PhotoFrame,
        design: Option<crate::engine::design::Design>,
        make: impl FnOnce() -> Option<crate::engine::photo::image::Photo>,
    ) -> Result<(), DesignError> {
        use crate::engine::photo::image::{fit_size, WORK_MAX_SIDE_PX};
        let (w, h) = fit_size(width, height, WORK_MAX_SIDE_PX);
        crate::engine::photo::layer::check_shape(w, h, Some(frame))?;
        let design = design.map(|d| d.validated()).transpose()?;
        if design.is_none() {
            self.settle(); // a design put in place is the one the new photo shows
        }
        self.laying = None; // laid for the photo before
        self.photo = Default::default();
        // A density-only field holds the old photo's scalp map (its coverage per pixel).
        if let Ok(field) = DensityField::new(&self.design) {
            self.field = field;
            self.treated_area.take(); // measured on the field just dropped
        }
        match make() {
            Some(photo) => self.install_photo(photo, frame, design),
            None => {
                // (The caller checked the size first; a scene without the photo it dropped
                // is at least a whole one: the template, laid again.)
                self.clear_photo();
                Err(DesignError::new("photo", "its pixels could not be read"))
            }
        }
    }

    /// Removes the photo and its frame (back to the template head).
    pub fn clear_photo(&mut self) {
        self.photo = Default::default();
        self.relayout_all();
    }

    /// Keeps an analysis of the photo shown for a treated region the design is about to
    /// take, made elsewhere ([`crate::engine::photo::layer::PhotoLayer::take_analysis`]);
    /// false, keeping nothing, when it is not of this photo's size. Nothing is laid again.
    pub fn take_analysis(&mut self, made: crate::engine::photo::classify::MadeAnalysis) -> bool {
        self.photo.take_analysis(made)
    }

    /// Marks the photo shown as the template head with long thinning hair, generated, not
    /// a client's photo (the plan names it so); the next photo clears the mark.
    pub fn mark_generated_head(&mut self) {
        self.photo.mark_generated_head();
    }

    /// Sets the photo's size and calibration (the design file's `photo` and `px_per_mm`);
    /// fails, changing nothing, when its shape does not match the loaded photo.
    pub fn set_photo_frame(
        &mut self,
        frame: Option<crate::engine::design::PhotoFrame>,
    ) -> Result<(), DesignError> {
        if self.photo.set_frame(frame)? {
            self.relayout_all();
        }
        Ok(())
    }

    /// Sets what the classifier knows (the eyedropper's hair colour).
    pub fn set_classify_options(
        &mut self,
        options: crate::engine::photo::classify::ClassifyOptions,
    ) {
        if self.photo.set_options(options) {
            self.relayout_all();
        }
    }

    /// The photo layer (work copy, frame).
    pub fn photo(&self) -> &crate::engine::photo::layer::PhotoLayer {
        &self.photo
    }

    /// The hair/scalp analysis of the treated region; `None` without a calibrated photo.
    pub fn scalp_map(
        &mut self,
    ) -> Option<std::sync::Arc<crate::engine::photo::scalp_map::ScalpMap>> {
        self.settle();
        self.photo.scalp_map(&self.design)
    }

    /// Contrast before and after the pigment at the stage shown; `None` without a
    /// calibrated photo.
    pub fn contrast(&mut self) -> Option<crate::engine::photo::contrast::ContrastReport> {
        self.settle();
        let looks = self.looks();
        self.photo
            .contrast(&self.design, &self.dots, &looks, &mut self.renderer)
    }

    /// Re-lays every dot and repaints everything (the photo or its analysis changed).
    fn relayout_all(&mut self) {
        self.settle(); // a design put in place stays the design
        self.laying = None; // laid for the photo or analysis before
        let design = self.design.clone();
        if let Ok(field) = DensityField::new(&design) {
            let field = self.photo.attach(&design, field);
            self.dots = std::sync::Arc::new(place_dots(&design, &field));
            self.field = field;
        }
        self.stats = std::cell::OnceCell::new();
        self.drop_background();
        self.backgrounds += 1;
        if let Some((_, frame)) = self.frame.take() {
            self.buffers.give(frame);
        }
        self.drop_partial();
        self.edits += 1;
    }
}
