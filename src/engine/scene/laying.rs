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
    /// is known: `(cells so far, next row to count)`.
    treated: Option<(usize, usize)>,
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
        let treated = match plan {
            Relayout::Area(_) => {
                let mut cached = self.treated_area.borrow_mut();
                cached
                    .take()
                    .filter(|(was, _)| *was == AreaInputs::of(&self.design, self.backgrounds))
                    .map(|(_, cells)| (cells, 0))
            }
            _ => None,
        };
        self.laying = Some(Laying {
            design,
            field,
            plan,
            area,
            placed_to_y: area.min.y,
            placed: plan == Relayout::Nothing,
            fresh: Vec::new(),
            strips: 0,
            treated,
        });
        Ok(())
    }

    /// Goes on laying the design given to [`Scene::begin_design`], asking `more()` after
    /// each strip whether there is time for another; true once the design is in place (or
    /// when none is being laid). With `more` always true it is laid in one piece.
    pub fn lay_in_parts(&mut self, mut more: impl FnMut() -> bool) -> bool {
        self.lay(false, &mut more)
    }

    /// Whether a design given to [`Scene::begin_design`] is still being laid.
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
            } else if let Some((cells, row)) =
                job.treated.filter(|(_, row)| *row < self.field.area_rows())
            {
                let rows = if at_once {
                    row..self.field.area_rows()
                } else {
                    row..row + COUNT_ROWS
                };
                let end = rows.end;
                let within = Some(job.area);
                let cells = cells + job.field.treated_cells_in_rows(within, rows.clone())
                    - self.field.treated_cells_in_rows(within, rows);
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
