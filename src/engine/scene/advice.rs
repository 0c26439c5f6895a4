//! The scene's advice: the design's own ([`crate::engine::design::Design::warnings`]) and
//! what only the scene can tell, a scar or mark lying off the scalp the design treats where
//! the head shows (its impressions stop at the scalp's edge, a straight cut through the pale
//! patch that nothing explained). Kept apart from the scene's laying and painting.

use glam::DVec2;

use super::Scene;
use crate::engine::design::Warning;
use crate::engine::head::TemplateHead;
use crate::engine::marks::Mark;

impl Scene {
    /// Advice about the design as it is shown ([`crate::engine::design::Design::warnings`]),
    /// and on the template a scar or mark that lies partly off the scalp the design treats,
    /// where the head shows (on the forehead): impressions stop at the scalp's edge, a
    /// straight cut through the pale patch that nothing explained.
    pub fn warnings(&self) -> Vec<Warning> {
        let mut warnings = self.design.warnings();
        let on_photo = self.photo.in_photo_mm(); // (marks are the template's)
        let inputs = MarksInputs {
            marks: self.design.marks.clone(),
            scalp: self.design.scalp.clone(),
            head: self.design.head,
            on_photo,
        };
        let known = self
            .marks_off
            .borrow()
            .as_ref()
            .filter(|(k, _)| *k == inputs)
            .map(|(_, n)| *n);
        let outside = if let Some(n) = known {
            n
        } else if on_photo {
            0
        } else {
            // (Past the head's outline a mark is out of sight, not cut: a strip across the
            // top runs over the skull, beyond the front view's edge. The template's scalp
            // stops 1–2.5 mm inside that outline, the rim's shading.)
            let head = &self.design.head;
            self.design
                .marks
                .partly_outside(|p| !well_inside(head, p) || self.field.can_treat(p))
        };
        *self.marks_off.borrow_mut() = Some((inputs, outside));
        if outside > 0 {
            warnings.push(Warning {
                code: "mark-off-scalp",
                field: "marks",
                message: if outside == 1 {
                    "A scar or mark lies off the scalp this design treats, in part or whole: its impressions stop at the scalp's edge. Move it onto the scalp to see it treated whole.".to_string()
                } else {
                    format!("{outside} scars or marks lie off the scalp this design treats, in part or whole: their impressions stop at the scalp's edge. Move them onto the scalp to see them treated whole.")
                },
            });
        }
        warnings
    }
}

impl Scene {
    /// Whether `mark` would lie where the design's own pigment goes: every point of its
    /// outline on the hairline's treated side of the scalp or, on the template, past the
    /// head's outline (out of sight, as a strip across the top runs over the skull; the
    /// check of marks off the scalp above reads it so). Where the page puts a new scar or
    /// mark: the nearest free spot of the scalp polygon, which runs down over the forehead,
    /// put an FUE area below the hairline (528 impressions on the forehead) and a patch
    /// half off the scalp at the head's edge.
    pub fn mark_on_treated_scalp(&self, mark: &Mark) -> bool {
        let on_photo = self.photo.in_photo_mm();
        let head = &self.design.head;
        mark.outline()
            .into_iter()
            .all(|p| (!on_photo && !well_inside(head, p)) || self.field.on_treated_side(p))
    }
}

/// Whether `p` and the points 3 mm round it are on the template head as drawn. (Past the
/// head's outline a mark is out of sight, not cut. The template's scalp stops 1–2.5 mm
/// inside that outline, the rim's shading.)
fn well_inside(head: &TemplateHead, p: DVec2) -> bool {
    [(3.0, 0.0), (-3.0, 0.0), (0.0, 3.0), (0.0, -3.0)]
        .into_iter()
        .all(|(dx, dy)| head.on_head(p + DVec2::new(dx, dy)))
}

/// What the count of marks off the scalp depends on ([`Scene::warnings`]): the marks, the
/// scalp, the head (a woman's outline limits the field) and whether a photo is under them.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct MarksInputs {
    marks: crate::engine::marks::Marks,
    scalp: Vec<DVec2>,
    head: crate::engine::head::TemplateHead,
    on_photo: bool,
}
