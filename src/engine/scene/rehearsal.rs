//! A rehearsal of the edit a visitor is about to make, run while the page is idle after its
//! first picture, changing nothing in the scene.
//!
//! Why (issue 12): a browser runs a page's WebAssembly in baseline code until each function
//! has run enough to be compiled again, optimised (V8's dynamic tiering). The first handle
//! drag on a fresh page paid for that: on a tablet at 4× CPU its press took frames of
//! 83–100 ms, while a second drag on the same page had none over 34 ms, and three designs
//! set through the page API before the drag took those frames away just as well. So the
//! scene runs an edit's code a few times on designs it throws away: the line moved by a
//! millimetre, its distance grid and density field, the dots of the moved area merged into
//! the scene's, rows of the treated area, and those dots drawn into a small scratch picture.

use glam::DVec2;

use super::Scene;
use crate::engine::placement::density::DensityField;
use crate::engine::placement::dots::{merge_relayout, place_dots_in};
use crate::engine::placement::relayout::{self, Relayout};
use crate::engine::render::raster::{Pixmap, Rgba};
use crate::engine::view::View;

/// Edits rehearsed: the experiment above needed three; a few more cover the ones that tier
/// up later.
pub const REHEARSAL_ROUNDS: usize = 6;

/// Side of the scratch picture the rehearsal draws into, px.
const SCRATCH_SIDE_PX: u32 = 96;

/// Rows of the treated-area grid counted in a round (a laying counts a few at a time).
const COUNT_ROWS: usize = 6;

/// How far a rehearsal has got.
#[derive(Clone, Debug, Default)]
pub struct Rehearsal {
    rounds: usize,
}

impl Rehearsal {
    /// Whether every round has been run.
    pub fn done(&self) -> bool {
        self.rounds >= REHEARSAL_ROUNDS
    }
}

impl Scene {
    /// Runs one round of `rehearsal` (none once it is done), drawing under `view` (the page's,
    /// whose kernels the renderer has built); true once it is done. The scene's design, dots,
    /// figures and pictures are left as they were: only the renderer's scratch and the tables
    /// a render keeps are touched, as by any render.
    pub fn rehearse(&mut self, rehearsal: &mut Rehearsal, view: View) -> bool {
        if !rehearsal.done() {
            self.rehearse_round(rehearsal.rounds, view);
            rehearsal.rounds += 1;
        }
        rehearsal.done()
    }

    fn rehearse_round(&mut self, round: usize, view: View) {
        let mut design = self.design.clone();
        let middle = design.hairline.len() / 2;
        if let Some(point) = design.hairline.get_mut(middle) {
            point.y += if round % 2 == 0 { 1.0 } else { -1.0 };
        }
        let Ok(design) = design.validated() else {
            return;
        };
        let Ok(field) = DensityField::new_after(&design, Some(&self.field)) else {
            return;
        };
        let area = match relayout::needed(&self.design, &design) {
            Relayout::Area(area) => area,
            _ => field.bounds(),
        };
        let fresh = place_dots_in(&design, &field, area);
        let merged = merge_relayout(&self.dots, fresh, area);
        let rows = field.area_rows();
        std::hint::black_box(field.treated_cells_in_rows(Some(area), 0..COUNT_ROWS.min(rows)));
        if !view.is_valid() {
            return;
        }
        let Some(mut scratch) = Pixmap::new(SCRATCH_SIDE_PX, SCRATCH_SIDE_PX, Rgba(0, 0, 0, 255))
        else {
            return;
        };
        // The view moved so that the middle of the moved area lies in the scratch picture.
        let centre = view.to_px((area.min + area.max) / 2.0).as_dvec2();
        let scratch_view = View {
            px_per_mm: view.px_per_mm,
            offset: view.offset - centre + DVec2::splat(f64::from(SCRATCH_SIDE_PX) / 2.0),
        };
        let looks = self.looks();
        let bounds = scratch.bounds();
        self.renderer.draw_in_bands(
            &mut scratch,
            &merged,
            &looks,
            |p| scratch_view.to_px(p),
            view.px_per_mm as f32,
            bounds,
        );
        std::hint::black_box(scratch.data().first().copied());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::template::default_design;

    #[test]
    fn a_rehearsal_changes_nothing_a_page_can_see() {
        let mut scene = Scene::new(default_design()).unwrap();
        let view = View {
            px_per_mm: 4.0,
            offset: DVec2::new(10.0, 20.0),
        };
        let before = scene.render(400, 500, view).unwrap().data().to_vec();
        let (design, dots, stats) = (scene.design_json(), scene.dots().to_vec(), scene.stats());
        let mut rehearsal = Rehearsal::default();
        let mut rounds = 0;
        while !scene.rehearse(&mut rehearsal, view) {
            rounds += 1;
        }
        assert_eq!(rounds + 1, REHEARSAL_ROUNDS);
        assert!(scene.rehearse(&mut rehearsal, view), "done stays done");
        assert_eq!(scene.design_json(), design);
        assert_eq!(scene.dots(), &dots[..]);
        assert_eq!(scene.stats(), stats);
        assert!(scene.frame_is_current());
        let after = scene.render(400, 500, view).unwrap().data().to_vec();
        assert!(after == before, "the same picture");
    }
}
