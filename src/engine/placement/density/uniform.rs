//! Where the density field is the same everywhere: most of a scalp lies far behind the line,
//! inside the scalp polygon, where every point gets the full field, and the rest of a
//! design's box lies outside the scalp, where none gets any. Asking the field once for a
//! square of such ground and giving every candidate in it that answer saves asking it per
//! candidate, a third of a whole re-layout's time (issue 12's whole frame, `cargo bench
//! --bench engine -- frame` under `perf`).
//!
//! The answer is the field's own, not an estimate: a square is taken as uniform only when
//! every step of [`DensityField::at`] is proved to give one result over all of it (the
//! polygon's test, the distance grid's answer, no noise of position, no hair, no marks), so
//! the dots are the same to the bit as when each candidate asks (unit tests compare the
//! two ways over many designs).

use glam::DVec2;

use super::{DensityField, Local, SCATTER_MM};
use crate::engine::design::Style;
use crate::engine::geometry::Rect;

/// Side of the squares the field is asked about once, mm: at 100 impressions/cm², 25
/// candidates each; a square costs about what a few candidates' own questions do.
const SQUARE_MM: f64 = 5.0;

/// What one square of the field says.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Square {
    /// Not yet asked.
    Unknown,
    /// Every point of it gets this answer from [`DensityField::at`].
    Same(Option<Local>),
    /// Answers may differ: ask at each point.
    Varies,
}

/// The field over an area in squares, each asked the first time a candidate falls in it.
pub struct FieldSquares<'a> {
    field: &'a DensityField,
    origin: DVec2,
    cols: usize,
    rows: usize,
    squares: Vec<Square>,
}

impl<'a> FieldSquares<'a> {
    /// The squares over `area` (none when the field can vary everywhere: hair on the
    /// template, marks, a drawn head, a photo's scalp map).
    pub fn new(field: &'a DensityField, area: Rect) -> FieldSquares<'a> {
        let size = area.size() / SQUARE_MM;
        let uniform_anywhere = field.head.is_none()
            && field.drawn_head.is_none()
            && field.marks.is_empty()
            && field.scalp_map.is_none();
        let (cols, rows) = if uniform_anywhere && size.x.is_finite() && size.y.is_finite() {
            // A bound on the table (an area of 4 m × 4 m): past it every point is asked.
            let (cols, rows) = (
                size.x.ceil().max(0.0) as usize,
                size.y.ceil().max(0.0) as usize,
            );
            if cols.saturating_mul(rows) <= 640_000 {
                (cols, rows)
            } else {
                (0, 0)
            }
        } else {
            (0, 0)
        };
        FieldSquares {
            field,
            origin: area.min,
            cols,
            rows,
            squares: vec![Square::Unknown; cols * rows],
        }
    }

    /// The field at `p`: [`DensityField::at`], from its square when that is uniform.
    pub fn at(&mut self, p: DVec2) -> Option<Local> {
        let local = (p - self.origin) / SQUARE_MM;
        let (col, row) = (local.x.floor(), local.y.floor());
        if !(col >= 0.0 && row >= 0.0 && col < self.cols as f64 && row < self.rows as f64) {
            return self.field.at(p);
        }
        let (col, row) = (col as usize, row as usize);
        let min = self.origin + DVec2::new(col as f64, row as f64) * SQUARE_MM;
        let square = Rect {
            min,
            max: min + DVec2::splat(SQUARE_MM),
        };
        // (A point rounded into the square next to its own: what was proved of the square
        // is not said of it.)
        if !square.contains(p) {
            return self.field.at(p);
        }
        let i = row * self.cols + col;
        if self.squares[i] == Square::Unknown {
            self.squares[i] = self.field.square(square);
        }
        match self.squares[i] {
            Square::Same(local) => local,
            _ => self.field.at(p),
        }
    }
}

impl DensityField {
    /// What [`DensityField::at`] says over `rect`, when it says one thing for all of it.
    /// Only [`DensityField::at_scalp`]'s part is proved here; [`FieldSquares::new`] checks
    /// that no hair, mark, drawn head or scalp map changes it.
    fn square(&self, rect: Rect) -> Square {
        match self.scalp.contains_all_or_none(rect) {
            None => return Square::Varies,
            Some(false) => return Square::Same(None),
            Some(true) => {}
        }
        let grid = match self.style {
            Style::DensityOnly => self.border.as_deref(),
            Style::Soft | Style::Sharp => self.hairline.as_ref().map(|(grid, _)| &**grid),
        };
        let Some(same) = grid.and_then(|g| g.same_over(rect)) else {
            return Square::Varies;
        };
        // The distance is the same everywhere (and not exact: no undulation); the soft
        // style's micro-irregularity is noise of position, added between the strays and
        // the full field: uniform only where it is not added.
        if self.style == Style::Soft {
            let s = same.distance * self.hairline.as_ref().map_or(1.0, |(_, sign)| *sign);
            if !(s >= self.transition_mm || s < -SCATTER_MM) {
                return Square::Varies;
            }
        }
        Square::Same(self.at((rect.min + rect.max) * 0.5))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::design::Design;
    use crate::engine::placement::dots::{place_dots_in, place_dots_pointwise};
    use proptest::prelude::*;

    fn design_with(style: Style, scalp: Vec<DVec2>, line: Vec<DVec2>, per_cm2: f64) -> Design {
        let mut design = crate::engine::template::default_design();
        design.style = style;
        design.scalp = scalp;
        design.hairline = line;
        design.density_per_cm2 = per_cm2;
        design
    }

    /// The benchmark's whole scalp (200 × 250 mm at 100/cm², the line near its lower edge).
    fn whole_scalp(style: Style) -> Design {
        let scalp = [(10.0, 20.0), (210.0, 20.0), (210.0, 270.0), (10.0, 270.0)];
        let line = [(0.0, 262.0), (110.0, 258.0), (220.0, 262.0)];
        let points = |p: &[(f64, f64)]| p.iter().map(|&(x, y)| DVec2::new(x, y)).collect();
        design_with(style, points(&scalp), points(&line), 100.0)
    }

    /// The dots through the squares and through asking at every candidate, compared.
    fn same_dots(design: &Design) {
        let field = DensityField::new(design).expect("valid design");
        let area = field.bounds();
        let squared = place_dots_in(design, &field, area);
        let pointwise = place_dots_pointwise(design, &field, area);
        assert!(!squared.is_empty(), "a design with dots");
        assert_eq!(squared, pointwise);
    }

    #[test]
    fn a_whole_scalp_gets_the_dots_each_candidate_would() {
        for style in [Style::Soft, Style::Sharp, Style::DensityOnly] {
            same_dots(&whole_scalp(style));
        }
        // The template's own design, as the page opens.
        same_dots(&crate::engine::template::default_design());
    }

    #[test]
    fn most_of_a_whole_scalp_is_asked_once_a_square() {
        let design = whole_scalp(Style::Soft);
        let field = DensityField::new(&design).expect("valid design");
        let mut squares = FieldSquares::new(&field, field.bounds());
        let centres: Vec<DVec2> = (0..squares.rows)
            .flat_map(|r| (0..squares.cols).map(move |c| (c, r)))
            .map(|(c, r)| DVec2::new(c as f64 + 0.5, r as f64 + 0.5) * SQUARE_MM)
            .collect();
        let origin = squares.origin;
        for c in &centres {
            squares.at(origin + *c);
        }
        let uniform = squares
            .squares
            .iter()
            .filter(|s| matches!(s, Square::Same(_)))
            .count();
        assert!(
            uniform * 10 >= squares.squares.len() * 8,
            "{uniform} of {} squares uniform",
            squares.squares.len()
        );
    }

    /// A scalp of `n` points on a wobbly ring and a line across it.
    fn wobbly(n: usize, wobble: &[f64], centre: DVec2, radius: f64) -> Vec<DVec2> {
        (0..n)
            .map(|k| {
                let a = k as f64 / n as f64 * std::f64::consts::TAU;
                let r = radius * (1.0 + 0.3 * wobble[k % wobble.len()]);
                centre + DVec2::new(a.cos(), a.sin()) * r
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]
        #[test]
        fn any_scalp_and_line_get_the_dots_each_candidate_would(
            n in 3usize..40,
            wobble in prop::collection::vec(-1.0f64..1.0, 1..12),
            radius in 15.0f64..80.0,
            line_y in -60.0f64..60.0,
            tilt in -0.8f64..0.8,
            style in 0usize..3,
            per_cm2 in 20.0f64..140.0,
            seed in any::<u64>(),
        ) {
            let centre = DVec2::new(110.0, 150.0);
            let scalp = wobbly(n, &wobble, centre, radius);
            let line = vec![
                centre + DVec2::new(-100.0, line_y - 100.0 * tilt),
                centre + DVec2::new(0.0, line_y + 5.0 * wobble[0]),
                centre + DVec2::new(100.0, line_y + 100.0 * tilt),
            ];
            let style = [Style::Soft, Style::Sharp, Style::DensityOnly][style];
            let mut design = design_with(style, scalp, line, per_cm2);
            design.seed = seed;
            let field = DensityField::new(&design).expect("valid design");
            let area = field.bounds();
            prop_assert_eq!(
                place_dots_in(&design, &field, area),
                place_dots_pointwise(&design, &field, area)
            );
        }
    }
}
