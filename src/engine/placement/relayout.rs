//! Incremental re-layout: after an edit of the hairline alone, which part of the scalp can
//! have different dots, so that only that part is re-laid and repainted.
//!
//! The density field depends on the hairline only within [`hairline_reach_mm`] of its
//! segments (and, beyond that, on which side of the line a point is, which can only change
//! where the line swept across). So the dots can differ only within that reach of the
//! segments that differ between the old and the new line. Dragging one handle changes a few
//! spans of the curve: the area is a few cm², and a frame re-lays a few hundred dots instead
//! of 50k. Anything else (another field changed, the scalp side flipped, the end rays turned
//! so far that the area is the whole scalp) asks for a whole re-layout.

use glam::DVec2;

use crate::engine::design::{Design, Style};
use crate::engine::geometry::Rect;
use crate::engine::placement::density::{extended_segments, hairline_reach_mm};

/// What an edit from `old` to `new` requires.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Relayout {
    /// Nothing that affects dots changed.
    Nothing,
    /// Only dots inside this area (mm) can change.
    Area(Rect),
    /// Re-lay everything.
    Everything,
}

/// The re-layout an edit needs, judged from the designs alone. The caller must still check
/// that the field's scalp side did not flip (see `DensityField::scalp_side`).
pub fn needed(old: &Design, new: &Design) -> Relayout {
    // The shade and the top-up change how the dots look, never where they are or their
    // size: a new shade (its slider dragged) repaints without placing a dot again.
    let same_but_line = Design {
        hairline: old.hairline.clone(),
        shade: old.shade,
        top_up_years: old.top_up_years,
        ..new.clone()
    };
    if same_but_line != *old {
        return Relayout::Everything;
    }
    if old.hairline == new.hairline || new.style == Style::DensityOnly {
        return Relayout::Nothing;
    }
    let (a, b) = (
        extended_segments(&old.hairline),
        extended_segments(&new.hairline),
    );
    let changed: Vec<DVec2> = a
        .iter()
        .filter(|s| !b.contains(s))
        .chain(b.iter().filter(|s| !a.contains(s)))
        .flat_map(|&(p, q)| [p, q])
        .collect();
    let Some(bounds) = Rect::bounding(&changed) else {
        return Relayout::Nothing;
    };
    let area = bounds.expand(hairline_reach_mm(new) + 1.0);
    // A turned end ray reaches metres away: then the edit concerns the whole scalp anyway.
    if area.size().x > 1000.0 || area.size().y > 1000.0 {
        return Relayout::Everything;
    }
    Relayout::Area(area)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::template::default_design;

    #[test]
    fn a_new_shade_or_top_up_places_no_dot_again() {
        let old = default_design();
        let shade = Design {
            shade: old.shade * 0.5,
            top_up_years: Some(3.0),
            ..old.clone()
        };
        assert_eq!(needed(&old, &shade), Relayout::Nothing);
        let denser = Design {
            density_per_cm2: old.density_per_cm2 + 10.0,
            ..shade.clone()
        };
        assert_eq!(needed(&shade, &denser), Relayout::Everything);
        let mut moved = shade.clone();
        moved.hairline[3].y += 2.0;
        assert!(matches!(needed(&old, &moved), Relayout::Area(_)));
    }
}
