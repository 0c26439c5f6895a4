//! A new design laid over several calls, a strip of the scalp at a time, so that a phone's
//! page keeps its frames while a slider or a handle is dragged (issue 12).
//!
//! Why: laying a design is one piece of work per value. On a phone at 4× CPU a density
//! value re-lays every dot (about 15 ms) and a handle move re-lays its area and counts its
//! treated cells again (about 16 ms); with the painting and the overlay on top, each such
//! frame took 33–67 ms. Here the dots of the area to lay are placed a horizontal strip at a
//! time, and the treated area counted a few rows at a time, between checks of the frame's
//! time; the scene keeps showing the design before until the new one is wholly laid, and
//! then takes it in one step. The result is the one [`Scene::set_design`] gives (which is
//! this with no time limit, in one piece): the strips' dots are put back in their
//! canonical order, and a candidate on a strip's edge belongs to the strip above it.

use std::sync::Arc;

use glam::DVec2;

use super::{AreaInputs, Dirty, Scene};
use crate::engine::design::Design;
use crate::engine::error::DesignError;
use crate::engine::geometry::Rect;
use crate::engine::placement::density::DensityField;
use crate::engine::placement::dots::{merge_relayout, place_dots_in, Dot};
use crate::engine::placement::relayout::{self, Relayout};

/// Height of a strip of dots placed between two checks of the time, mm: about 1,200 dots
/// of a full scalp (about 0.3 ms natively, 1–2 ms on a phone at 4× CPU).
const STRIP_MM: f64 = 6.0;

/// Rows of the treated-area grid (1 mm) counted between two checks of the time.
const COUNT_ROWS: usize = 6;

/// A design being laid, and how far it has got.
#[derive(Clone, Debug)]
pub(super) struct Laying {
    design: Design,
    field: DensityField,
    plan: Relayout,
    /// The part of the scalp whose dots are laid again (the edit's area, or all of it).
    area: Rect,
    /// The bottom of the strips placed so far, mm (the next strip starts there).
    placed_to_y: f64,
    /// Whether every strip is placed.
    placed: bool,
    /// The dots placed so far, in strips.
    fresh: Vec<Dot>,
    strips: usize,
    /// The treated area's cells, counted again within the edit's area when the count before
    /// is known, or counted whole (`count_whole`): `(cells so far, next row to count)`.
    treated: Option<(usize, usize)>,
    /// Whether `treated` counts the whole scalp of the new design, not the edit's change.
    count_whole: bool,
    /// Put in place already ([`Scene::place_design`]): the design is the scene's, its dots
    /// still to come.
    in_place: bool,
}

impl Scene {
    /// Starts laying `design` (validated first: on error nothing changes) to be finished by
    /// [`Scene::lay_in_parts`]; the scene shows the design before until then. A design laid
    /// earlier and not finished is given up, as it is by any other change of the design,
    /// the photo or its analysis.
    pub fn begin_design(&mut self, design: Design) -> Result<(), DesignError> {
        let design = design.validated()?;
        let field = DensityField::new_after(&design, Some(&self.field))?;
        let field = self.photo.attach(&design, field);
        let plan = match relayout::needed(&self.design, &design) {
            Relayout::Area(_) | Relayout::Nothing
                if field.scalp_side() != self.field.scalp_side() =>
            {
                Relayout::Everything
            }
            plan => plan,
        };
        let area = match plan {
            Relayout::Area(area) => area,
            Relayout::Everything => field.bounds(),
            Relayout::Nothing => Rect {
                min: DVec2::ZERO,
                max: DVec2::ZERO,
            },
        };
        // The treated area can only have changed within the edit's area too: count that
        // part again (a handle drag measured the whole scalp every frame). The same grid
        // cells, so the count is the one a whole pass gives.
        // The count is read, not taken: it stays the shown design's until a design is laid
        // in its place. (Taken, a handle move given up for the next lost it, so the next
        // move and the drag's end counted the whole scalp: 8 ms of the release's frame on a
        // tablet at 4× CPU, issue 12.)
        let treated = match plan {
            Relayout::Area(_) => self
                .treated_area
                .borrow()
                .as_ref()
                .filter(|(was, _)| *was == AreaInputs::of(&self.design, self.backgrounds))
                .map(|(_, cells)| (*cells, 0)),
            _ => None,
        };
        // A whole re-layout that changes the treated area (a handle drag's first move, which
        // re-fits the preset's line to its handles and turns its end rays; a new style) is
        // counted whole with the laying, a few rows at a time, not by the figures in one
        // piece afterwards (7–12 ms of one frame on a tablet at 4× CPU, issue 12). A new
        // density, dot size or shade leaves the count as it is.
        let count_whole = plan == Relayout::Everything
            && self
                .treated_area
                .borrow()
                .as_ref()
                .map_or(true, |(was, _)| {
                    *was != AreaInputs::of(&design, self.backgrounds)
                });
        self.laying = Some(Laying {
            design,
            field,
            plan,
            area,
            placed_to_y: area.min.y,
            placed: plan == Relayout::Nothing,
            fresh: Vec::new(),
            strips: 0,
            treated: if count_whole { Some((0, 0)) } else { treated },
            count_whole,
            in_place: false,
        });
        Ok(())
    }

    /// Puts `design` in place now (validated first: on error nothing changes), its dots laid
    /// by [`Scene::lay_in_parts`] as for [`Scene::begin_design`]: until they are, the
    /// picture shows the dots before, while the design read out ([`Scene::design_in_place`],
    /// [`Scene::design_json`]) is already this one, and [`Scene::settle`] lays the rest at
    /// once for whoever needs the dots or the figures.
    ///
    /// Why: a handle let go while its last move still waited for a frame laid that move in
    /// the release's own task (on a tablet at 4× CPU, 13–23 ms of a 38–52 ms task, and the
    /// frame after it painted: 67–83 ms between two frames, issue 12). Put in place, the
    /// move is the design at once (the undo step and the save record it, and the next edit
    /// builds on it) and its dots come over the next frames within their budget.
    pub fn place_design(&mut self, design: Design) -> Result<(), DesignError> {
        self.begin_design(design)?;
        if let Some(job) = self.laying.as_mut() {
            job.in_place = true;
        }
        Ok(())
    }

    /// The design in place: one put in place whose dots are still being laid, else the
    /// design shown.
    pub fn design_in_place(&self) -> &Design {
        match &self.laying {
            Some(job) if job.in_place => &job.design,
            _ => &self.design,
        }
    }

    /// Lays the rest of a design put in place ([`Scene::place_design`]) at once, so that the
    /// dots, the figures and everything made from them are that design's. Nothing to do
    /// otherwise (a preview being laid stays as it is).
    pub fn settle(&mut self) {
        if self.laying.as_ref().is_some_and(|job| job.in_place) {
            self.lay(true, &mut || true);
        }
    }

    /// Goes on laying the design given to [`Scene::begin_design`], asking `more()` after
    /// each strip whether there is time for another; true once the design is in place (or
    /// when none is being laid). With `more` always true it is laid in one piece.
    pub fn lay_in_parts(&mut self, mut more: impl FnMut() -> bool) -> bool {
        self.lay(false, &mut more)
    }

    /// Whether a design given to [`Scene::begin_design`] or [`Scene::place_design`] is still
    /// being laid.
    pub fn is_laying(&self) -> bool {
        self.laying.is_some()
    }

    /// Lays what is left of the design being laid; in one piece when `at_once`.
    pub(super) fn lay(&mut self, at_once: bool, more: &mut dyn FnMut() -> bool) -> bool {
        let Some(mut job) = self.laying.take() else {
            return true;
        };
        loop {
            if !job.placed {
                let top = if at_once {
                    job.area.max.y
                } else {
                    (job.placed_to_y + STRIP_MM).min(job.area.max.y)
                };
                let last = top >= job.area.max.y;
                let strip = Rect {
                    min: DVec2::new(job.area.min.x, job.placed_to_y),
                    max: DVec2::new(job.area.max.x, top),
                };
                let mut dots = place_dots_in(&job.design, &job.field, strip);
                if !last {
                    // On the edge: the next strip's (areas include their edges).
                    dots.retain(|d| d.position.y < top);
                }
                if job.fresh.is_empty() {
                    job.fresh = dots;
                } else {
                    job.fresh.extend(dots);
                }
                job.strips += 1;
                job.placed_to_y = top;
                job.placed = last;
            } else if at_once && job.count_whole {
                // Laid in one piece: the figures count it when they are asked for.
                job.treated = None;
                job.count_whole = false;
            } else if let Some((cells, row)) = job.treated.filter(|(_, row)| {
                let field = if job.count_whole {
                    &job.field
                } else {
                    &self.field
                };
                *row < field.area_rows()
            }) {
                let last_row = if job.count_whole {
                    job.field.area_rows()
                } else {
                    self.field.area_rows()
                };
                let rows = if at_once {
                    row..last_row
                } else {
                    row..(row + COUNT_ROWS).min(last_row)
                };
                let end = rows.end;
                let cells = if job.count_whole {
                    cells + job.field.treated_cells_in_rows(None, rows)
                } else {
                    let within = Some(job.area);
                    cells + job.field.treated_cells_in_rows(within, rows.clone())
                        - self.field.treated_cells_in_rows(within, rows)
                };
                job.treated = Some((cells, end));
            } else {
                break;
            }
            if !at_once && !more() {
                self.laying = Some(job);
                return false;
            }
        }
        self.take_laid(job);
        true
    }

    /// Puts a wholly laid design in place.
    fn take_laid(&mut self, job: Laying) {
        let Laying {
            design,
            field,
            plan,
            mut fresh,
            strips,
            treated,
            ..
        } = job;
        if strips > 1 {
            // Strips cut across the tiles, whose order is the dots' canonical one.
            fresh.sort_unstable_by_key(|d| d.order);
        }
        if let Some((cells, _)) = treated {
            *self.treated_area.borrow_mut() =
                Some((AreaInputs::of(&design, self.backgrounds), cells));
        }
        if plan != Relayout::Nothing {
            self.edits += 1;
        }
        match plan {
            Relayout::Nothing => {}
            Relayout::Area(area) => {
                self.dots = Arc::new(merge_relayout(&self.dots, fresh, area));
                self.dirty = match self.dirty {
                    Dirty::Nothing => Dirty::Area(area),
                    Dirty::Area(before) => Dirty::Area(Rect {
                        min: before.min.min(area.min),
                        max: before.max.max(area.max),
                    }),
                    Dirty::Everything => Dirty::Everything,
                };
            }
            Relayout::Everything => {
                self.dots = Arc::new(fresh);
                self.dirty = Dirty::Everything;
            }
        }
        if design.head != self.design.head || design.marks != self.design.marks {
            self.drop_background(); // another preset, skin, hair or marks: repaint the head
            self.backgrounds += 1;
            self.dirty = Dirty::Everything;
            self.edits += 1;
        }
        self.design = design;
        self.field = field;
        self.stats = std::cell::OnceCell::new();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::design::Style;
    use crate::engine::template::default_design;

    /// The treated area's count and what it was measured for, as the scene keeps it.
    fn kept_count(scene: &Scene) -> Option<usize> {
        let kept = scene.treated_area.borrow();
        kept.as_ref()
            .filter(|(was, _)| *was == AreaInputs::of(&scene.design, scene.backgrounds))
            .map(|(_, cells)| *cells)
    }

    #[test]
    fn a_handle_move_given_up_for_the_next_keeps_the_treated_area_counted_by_the_edit() {
        let start = default_design();
        let mut scene = Scene::new(start.clone()).unwrap();
        scene.stats(); // the figures shown at rest: the whole scalp counted once
        assert!(kept_count(&scene).is_some());
        let moved = |dy: f64| {
            let mut design = start.clone();
            let middle = design.hairline.len() / 2;
            design.hairline[middle].y += dy;
            design
        };
        // A drag: one move begun and given up for the next before it is laid (a phone's
        // frame had no time left), then the next laid.
        scene.begin_design(moved(2.0)).unwrap();
        assert!(
            !scene.lay_in_parts(|| false),
            "the first move is still being laid"
        );
        scene.begin_design(moved(3.0)).unwrap();
        assert!(
            scene.laying.as_ref().unwrap().treated.is_some(),
            "the next move counts only its edit's rows again"
        );
        while !scene.lay_in_parts(|| true) {}
        let counted = kept_count(&scene).expect("and keeps the count for the design laid");
        let whole = Scene::new(moved(3.0)).unwrap();
        assert_eq!(
            counted,
            whole.field.treated_cells_in(None),
            "the count a whole pass gives"
        );
        assert_eq!(scene.stats(), whole.stats());
    }

    #[test]
    fn a_whole_re_layout_laid_in_parts_counts_its_new_treated_area_as_it_goes() {
        let start = default_design();
        let mut scene = Scene::new(start.clone()).unwrap();
        scene.stats();
        // Another style: every dot laid again, and the treated area changes.
        let restyled = Design {
            style: if start.style == Style::Sharp {
                Style::Soft
            } else {
                Style::Sharp
            },
            ..start.clone()
        };
        scene.begin_design(restyled.clone()).unwrap();
        let mut calls = 1;
        while !scene.lay_in_parts(|| false) {
            calls += 1;
        }
        assert!(calls > 10, "laid over {calls} calls");
        let counted = kept_count(&scene).expect("the new design's count is known once it is laid");
        let whole = Scene::new(restyled.clone()).unwrap();
        assert_eq!(
            counted,
            whole.field.treated_cells_in(None),
            "the count a whole pass gives"
        );
        assert_ne!(
            counted,
            Scene::new(start.clone())
                .unwrap()
                .field
                .treated_cells_in(None)
        );
        assert_eq!(scene.stats(), whole.stats());
        // A new density keeps the count it has; laid in one piece, nothing is counted ahead.
        scene
            .set_design(Design {
                density_per_cm2: 60.0,
                ..restyled.clone()
            })
            .unwrap();
        assert_eq!(kept_count(&scene), Some(counted));
        let mut at_once = Scene::new(start).unwrap();
        at_once.stats();
        at_once.set_design(restyled).unwrap();
        assert_eq!(
            kept_count(&at_once),
            None,
            "a design set in one piece is counted when its figures are asked for"
        );
        assert_eq!(at_once.stats(), whole.stats());
    }

    #[test]
    fn a_design_put_in_place_is_read_out_at_once_and_its_dots_come_as_set_design_lays_them() {
        let start = default_design();
        let moved = |dy: f64| {
            let mut design = start.clone();
            let middle = design.hairline.len() / 2;
            design.hairline[middle].y += dy;
            design
        };
        let mut scene = Scene::new(start.clone()).unwrap();
        let dots_before = scene.dots().to_vec();
        scene.place_design(moved(3.0)).unwrap();
        assert_eq!(
            scene.design_json(),
            Scene::new(moved(3.0)).unwrap().design_json(),
            "read out at once"
        );
        assert_eq!(
            scene.dots(),
            &dots_before[..],
            "the picture keeps its dots meanwhile"
        );
        let mut calls = 1;
        while !scene.lay_in_parts(|| false) {
            calls += 1;
        }
        assert!(calls > 1, "laid over {calls} calls");
        let mut set = Scene::new(start.clone()).unwrap();
        set.set_design(moved(3.0)).unwrap();
        assert_eq!(scene.dots(), set.dots(), "the dots set_design lays");
        assert_eq!(scene.stats(), set.stats());

        // The next edit builds on the design in place before its dots are laid: the dots of
        // both edits one after the other.
        scene.place_design(moved(5.0)).unwrap();
        scene.begin_design(moved(6.0)).unwrap();
        assert!(
            !scene.laying.as_ref().unwrap().in_place,
            "a preview is not in place"
        );
        while !scene.lay_in_parts(|| true) {}
        set.set_design(moved(6.0)).unwrap();
        assert_eq!(scene.dots(), set.dots());

        // Settled, it is laid at once; a preview being laid is left as it is.
        scene.place_design(moved(8.0)).unwrap();
        scene.settle();
        assert!(!scene.is_laying());
        set.set_design(moved(8.0)).unwrap();
        assert_eq!(scene.dots(), set.dots());
        scene.begin_design(moved(9.0)).unwrap();
        scene.settle();
        assert!(scene.is_laying(), "a preview's laying is the frames' to do");
        assert_eq!(
            scene.design_json(),
            set.design_json(),
            "and not read out before it is laid"
        );
    }

    #[test]
    fn a_design_put_in_place_stays_the_design_when_everything_is_laid_again() {
        let start = default_design();
        let mut moved = start.clone();
        let middle = moved.hairline.len() / 2;
        moved.hairline[middle].y += 4.0;
        let mut scene = Scene::new(start).unwrap();
        scene.place_design(moved.clone()).unwrap();
        // Back to the template (no photo) re-lays everything: for the design in place, not
        // the one before, whose dots were still the picture's.
        scene.clear_photo();
        assert!(!scene.is_laying());
        assert_eq!(scene.design(), &moved.validated().unwrap());
    }
}
