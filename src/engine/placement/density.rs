//! The density field: how many impressions per mm² each point of the scalp should get,
//! and how big and dark they are there, from the design's style.
//!
//! Distances are signed in mm, positive behind the hairline (on the scalp side).
//! - **soft**: from `SCATTER_MM` in front of the line a few stray impressions, then sparse
//!   single impressions at the line (10 % of full), building smoothly to full density over
//!   `transition_mm`. The effective line undulates by ±2 mm (macro-irregularity, ~25 mm
//!   wavelength) and the density alternates along the edge (micro-irregularity, ~3.5 mm).
//!   Both are seeded 2-D noise of *position*, so an edit elsewhere never shifts them. Front
//!   dots are smaller (0.19 mm) and lighter, growing to `dot_mm` and full shade.
//! - **sharp**: nothing in front of the line, 70 % at the line, full within 2 mm; one size.
//!
//! The line itself is drawn with single-prong impressions and the area behind it filled
//! with the three-needle grouping (`FILL_PRONGS`); the share of grouped impressions ramps
//! up with the dot size (soft) or over the 2 mm ramp (sharp). Density-only fills with it.
//! - **density-only**: the whole scalp polygon at full density, feathered over 4 mm at its
//!   border so that the treated patch has no hard edge; the hairline is ignored.
//!
//! Which side of the hairline is the scalp: on the template seen from the front, the side
//! away from the face (the glabella, between the brows, when the line crosses the midline
//! above it); elsewhere (a photo, the view from above, a line that is no hairline of the
//! face) the side holding more of the scalp polygon. The share alone put a high line's pigment on the forehead: the template's
//! scalp runs down the temples, and below an arch that ends high (mid-frontal point 8.5 cm
//! above the brows, ends 4 cm above them) lay more of it than in the cap above.

use glam::DVec2;

use crate::engine::design::{Design, Style};
use crate::engine::error::DesignError;
use std::ops::Range;
use std::sync::Arc;

use crate::engine::geometry::{Polygon, Rect, SignedDistanceGrid};
use crate::engine::random::{hash, value_noise};

mod uniform;
pub use uniform::FieldSquares;

/// How far in front of a soft line stray impressions reach, mm.
pub const SCATTER_MM: f64 = 3.0;
/// Amplitude of the soft line's undulation, mm.
pub const UNDULATION_MM: f64 = 2.0;
/// Wavelength of the undulation, mm.
pub const UNDULATION_WAVELENGTH_MM: f64 = 25.0;
/// Wavelength of the micro-irregularity along the edge, mm.
pub const MICRO_WAVELENGTH_MM: f64 = 3.5;
/// Depth of the micro-irregularity (fraction of the local density).
pub const MICRO_DEPTH: f64 = 0.5;
/// Fraction of full density right at a soft line.
pub const SOFT_EDGE_FRACTION: f64 = 0.10;
/// Fraction of full density right at a sharp line.
pub const SHARP_EDGE_FRACTION: f64 = 0.70;
/// Depth behind a sharp line at which it is full, mm.
pub const SHARP_RAMP_MM: f64 = 2.0;
/// Diameter of the smallest, frontmost soft-line dots, mm: the finest single-prong needles
/// (0.18–0.20 mm, docs/domain.md), so the front reads "dusty", not dotted.
pub const FRONT_DOT_MM: f64 = 0.19;
/// Opacity of the frontmost soft-line dots relative to full shade.
pub const FRONT_OPACITY: f64 = 0.65;
/// Needles in the grouping that fills behind the line: an 0803 round liner is three
/// 0.25 mm needles ("08" the gauge, "03" the count), whose punctures heal into one dot.
pub const FILL_PRONGS: f64 = 3.0;
/// Needles of the single-prong impressions that draw the line itself.
pub const LINE_PRONGS: f64 = 1.0;
/// Feather at the border of a density-only region, mm.
pub const DENSITY_ONLY_FEATHER_MM: f64 = 4.0;

/// Side of the grid cells the treated area is measured on, mm.
const AREA_CELL_MM: f64 = 1.0;

/// The parts of a treated area a treatment plan reports separately.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Zone {
    /// The hairline's transition, where density builds up to full: soft, from the strays
    /// in front of the line to `transition_mm` behind it; sharp, the 2 mm behind it.
    Transition,
    /// Full density behind the transition, or the whole of a density-only area.
    Full,
}

/// What the field says at one point.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Local {
    /// Density as a fraction of the design's full density, 0–1.
    pub fraction: f64,
    /// Dot diameter there before per-dot jitter, mm.
    pub dot_mm: f64,
    /// Dot opacity there before jitter and shade, 0–1.
    pub opacity: f64,
    /// Needles per impression there, 1 (single prong at the line) to [`FILL_PRONGS`];
    /// between the two, the share of dots made with the grouping.
    pub prongs: f64,
}

/// What a field's distance grids depend on.
#[derive(Clone, Debug, PartialEq)]
struct GridInputs {
    style: Style,
    hairline: Vec<DVec2>,
    scalp: Vec<DVec2>,
    reach_mm: f64,
    /// Where the face is, on the template seen from the front ([`face_point`]).
    face: Option<DVec2>,
}

impl GridInputs {
    fn of(design: &Design) -> GridInputs {
        let hairline = match design.style {
            Style::Soft | Style::Sharp => design.hairline.clone(),
            Style::DensityOnly => Vec::new(), // its grid is the scalp border's
        };
        GridInputs {
            style: design.style,
            hairline,
            scalp: design.scalp.clone(),
            reach_mm: hairline_reach_mm(design),
            face: face_point(design),
        }
    }
}

/// The glabella when `design` is on the template seen from the front and its hairline
/// crosses the facial midline above the brows, as every hairline does (a photo's field is
/// told by [`DensityField::on_photo`]): the face, and so the front of the line, is there. A
/// line that meets the midline at or below the brows, or not at all, is no hairline of
/// this face (a test's straight line across a square scalp): the scalp's share decides.
fn face_point(design: &Design) -> Option<DVec2> {
    use crate::engine::template::{GLABELLA_Y, MIDLINE_X};
    if design.head.view != crate::engine::head::HeadView::Front {
        return None;
    }
    let mut crossings = design.hairline.windows(2).filter_map(|w| {
        let (a, b) = (w[0], w[1]);
        let (lo, hi) = (a.x.min(b.x), a.x.max(b.x));
        (lo <= MIDLINE_X && MIDLINE_X <= hi && hi > lo)
            .then(|| a.y + (MIDLINE_X - a.x) / (b.x - a.x) * (b.y - a.y))
    });
    let first = crossings.next()?;
    let lowest = crossings.fold(first, f64::max);
    (lowest < GLABELLA_Y).then_some(DVec2::new(MIDLINE_X, GLABELLA_Y))
}

/// The density field of one design.
#[derive(Clone, Debug)]
pub struct DensityField {
    style: Style,
    seed: u64,
    dot_mm: f64,
    transition_mm: f64,
    scalp: Polygon,
    /// Distance to the hairline (soft, sharp), with the sign flipped so that + is scalp.
    /// Shared (`Arc`) with the field of the next design when its line, scalp and style are
    /// the same ([`DensityField::new_after`]): a density or dot-size value needs no new grid.
    hairline: Option<(Arc<SignedDistanceGrid>, f64)>,
    /// The scalp's side of the line by each rule: away from the template's face (the share's
    /// when there is no face to go by), and the side holding more of the scalp polygon
    /// (what a photo's field takes, [`DensityField::on_photo`]).
    sides: (f64, f64),
    /// Distance to the scalp border (density-only).
    border: Option<Arc<SignedDistanceGrid>>,
    /// What the grids were built from: the style, the line, the scalp and the reach.
    grids_of: GridInputs,
    /// Density-only on a photo: how much scalp shows where (see [`DensityField::with_scalp_map`]).
    scalp_map: Option<std::sync::Arc<crate::engine::photo::scalp_map::ScalpMap>>,
    /// On the template: the preset's remaining hair, which keeps impressions off it.
    head: Option<crate::engine::head::TemplateHead>,
    /// On a woman's template head (no photo): her head as drawn, whose outline keeps
    /// impressions on it. Her head is narrower than the template's, and a design's scalp
    /// may reach past it (a file saved before she had her own skull does). The template's
    /// own head sets no such limit: designs may place a scalp anywhere in its frame.
    drawn_head: Option<crate::engine::head::TemplateHead>,
    /// Scars and marks: treated at full density, with scar tissue's uneven uptake.
    marks: crate::engine::marks::Marks,
}

impl DensityField {
    /// Builds the field of a design; fails only for a scalp of fewer than three points,
    /// which [`Design::from_json`] already rejects.
    pub fn new(design: &Design) -> Result<DensityField, DesignError> {
        Self::new_after(design, None)
    }

    /// As [`DensityField::new`], taking the distance grids of `previous` (the field of the
    /// design before) when they were built from the same line, scalp and style: building
    /// the hairline's grid is a third of a re-layout (about 4 ms of a density value's 15 ms
    /// on a phone at 4× CPU, issue 12), and a slider changes none of what it depends on.
    pub fn new_after(
        design: &Design,
        previous: Option<&DensityField>,
    ) -> Result<DensityField, DesignError> {
        let scalp = Polygon::new(design.scalp.clone())
            .ok_or_else(|| DesignError::new("scalp", "needs at least 3 points"))?;
        let area = scalp.bounds().expand(1.0);
        let mut field = DensityField {
            style: design.style,
            seed: design.seed,
            dot_mm: design.dot_mm,
            transition_mm: design.transition_mm,
            scalp,
            hairline: None,
            sides: (0.0, 0.0),
            border: None,
            grids_of: GridInputs::of(design),
            scalp_map: None,
            head: design.head.has_hair().then_some(design.head),
            drawn_head: (design.head.sex == crate::engine::head::Sex::Female)
                .then_some(design.head),
            marks: design.marks.clone(),
        };
        if let Some(previous) = previous.filter(|p| p.grids_of == field.grids_of) {
            field.sides = previous.sides;
            field.hairline = previous
                .hairline
                .clone()
                .map(|(grid, _)| (grid, field.sides.0));
            field.border = previous.border.clone();
            return Ok(field);
        }
        match design.style {
            Style::Soft | Style::Sharp => {
                let reach = field.grids_of.reach_mm;
                let grid =
                    SignedDistanceGrid::new(extended_segments(&design.hairline), area, 2.0, reach);
                let by_share = scalp_side(&field.scalp, &grid);
                let by_face = field
                    .grids_of
                    .face
                    .and_then(|face| grid.query(face))
                    .map_or(by_share, |q| if q.distance >= 0.0 { -1.0 } else { 1.0 });
                field.sides = (by_face, by_share);
                field.hairline = Some((Arc::new(grid), by_face));
            }
            Style::DensityOnly => {
                let edges = field.scalp.edges().collect();
                field.border = Some(Arc::new(SignedDistanceGrid::new(
                    edges,
                    area,
                    2.0,
                    DENSITY_ONLY_FEATHER_MM + 1.0,
                )));
            }
        }
        Ok(field)
    }

    /// Which side of the hairline's direction is the scalp: +1 left, −1 right, 0 when the
    /// style ignores the hairline.
    pub fn scalp_side(&self) -> f64 {
        self.hairline.as_ref().map_or(0.0, |(_, sign)| *sign)
    }

    /// Density-only on a photo: the density follows how much scalp shows
    /// ([`crate::engine::photo::scalp_map::ScalpMap::density_factor`]: none on hair pixels or under
    /// dense hair, full where the scalp shows). Other styles ignore the map.
    pub fn with_scalp_map(
        mut self,
        map: std::sync::Arc<crate::engine::photo::scalp_map::ScalpMap>,
    ) -> Self {
        self.scalp_map = Some(map);
        self.head = None; // a photo shows the client's own hair
        self
    }

    /// This field on a client's photo (or the generated thinning-hair head): the template
    /// head's outline no longer applies, and neither do the design's scars and marks. They
    /// are drawn on the bald template head only; on a photo the client's own scar shows, as
    /// bare scalp that density-only fills like the scalp around it, and a mark laid on the
    /// template would fill a place the picture shows no scar with impressions nobody sees
    /// (under the thinning head's hair they were counted, 1,256 of them, and not drawn).
    /// Nor does the template's face, unless `template_face` (the generated long-haired
    /// head, drawn in the template's millimetres): the scalp is the side of the line holding
    /// more of the scalp polygon.
    pub fn on_photo(mut self, template_face: bool) -> Self {
        if let Some((_, side)) = self.hairline.as_mut().filter(|_| !template_face) {
            *side = self.sides.1;
        }
        self.drawn_head = None;
        self.marks = crate::engine::marks::Marks::default();
        self
    }

    /// The scalp polygon.
    pub fn scalp(&self) -> &Polygon {
        &self.scalp
    }

    /// Whether impressions may go at `p` at all: on the scalp polygon and, on a woman's
    /// template head, on her head (what [`DensityField::at`] is `None` outside).
    pub fn can_treat(&self, p: DVec2) -> bool {
        self.scalp.contains(p) && self.drawn_head.as_ref().map_or(true, |h| h.on_head(p))
    }

    /// The field at `p`, or `None` outside the scalp polygon. On a template head with
    /// hair the density is scaled by how much of the native hair is missing there, so
    /// impressions go on bald and thinning scalp only.
    ///
    /// Scars and marks are scar tissue: no hair grows there, so they are treated at full
    /// density whatever the hairline and the hair say, and each impression on them keeps
    /// only part of its ink ([`crate::engine::marks::Marks::uptake`]).
    pub fn at(&self, p: DVec2) -> Option<Local> {
        let mut local = self.at_scalp(p)?;
        if let Some(head) = &self.head {
            local.fraction *= head.hair_loss(p);
        }
        if !self.marks.is_empty() {
            let scar = self.marks.treated(p);
            if scar > 0.0 {
                local.fraction = local.fraction.max(scar);
                local.dot_mm = self.dot_mm;
                local.prongs = local.prongs.max(FILL_PRONGS * scar);
                local.opacity = local.opacity.max(scar) * self.marks.uptake(p, self.seed);
            }
        }
        Some(local)
    }

    /// Whether `p` is where the design's own pigment goes: on the scalp, on the hairline's
    /// treated side (or, density-only, anywhere on it), whatever hair the head keeps there
    /// and whatever scars lie there. A new scar or mark goes there: placed by the nearest
    /// free spot on the scalp polygon, which runs down over the forehead, an FUE area landed
    /// below the hairline and put 528 impressions on the forehead.
    pub fn on_treated_side(&self, p: DVec2) -> bool {
        self.at_scalp(p).is_some_and(|l| l.fraction > 0.0)
    }

    /// [`DensityField::at`] before the head's hair.
    fn at_scalp(&self, p: DVec2) -> Option<Local> {
        if !self.can_treat(p) {
            return None;
        }
        let full = Local {
            fraction: 1.0,
            dot_mm: self.dot_mm,
            opacity: 1.0,
            prongs: FILL_PRONGS,
        };
        match self.style {
            Style::DensityOnly => {
                let border = self.border.as_ref()?.query(p)?;
                let inside = border.distance.abs();
                let shows = self.scalp_map.as_ref().map_or(1.0, |m| m.density_factor(p));
                Some(Local {
                    fraction: smoothstep(inside / DENSITY_ONLY_FEATHER_MM) * shows,
                    ..full
                })
            }
            Style::Sharp => {
                let s = self.behind_line_mm(p)?;
                let fraction = if s < 0.0 {
                    0.0
                } else if s < SHARP_RAMP_MM {
                    SHARP_EDGE_FRACTION + (1.0 - SHARP_EDGE_FRACTION) * s / SHARP_RAMP_MM
                } else {
                    1.0
                };
                let ramp = (s / SHARP_RAMP_MM).clamp(0.0, 1.0);
                Some(Local {
                    fraction,
                    prongs: LINE_PRONGS + (FILL_PRONGS - LINE_PRONGS) * ramp,
                    ..full
                })
            }
            Style::Soft => {
                let s = self.behind_line_mm(p)?;
                let t = self.transition_mm;
                let x = (s / t).clamp(0.0, 1.0);
                let mut fraction = if s < -SCATTER_MM {
                    0.0
                } else if s < 0.0 {
                    let k = 1.0 + s / SCATTER_MM;
                    0.8 * SOFT_EDGE_FRACTION * k * k
                } else {
                    SOFT_EDGE_FRACTION + (1.0 - SOFT_EDGE_FRACTION) * smoothstep(x)
                };
                if fraction > 0.0 && x < 1.0 {
                    let w = MICRO_WAVELENGTH_MM;
                    let micro = value_noise(hash(&[self.seed, 12]), p.x / w, p.y / w);
                    fraction *= 1.0 + MICRO_DEPTH * micro * (1.0 - x);
                }
                let grow = smoothstep((s / (0.6 * t)).clamp(0.0, 1.0));
                let front = FRONT_DOT_MM.min(self.dot_mm);
                Some(Local {
                    fraction: fraction.clamp(0.0, 1.0),
                    dot_mm: front + (self.dot_mm - front) * grow,
                    opacity: FRONT_OPACITY + (1.0 - FRONT_OPACITY) * grow,
                    prongs: LINE_PRONGS + (FILL_PRONGS - LINE_PRONGS) * grow,
                })
            }
        }
    }

    /// How far behind the hairline `p` lies, mm (negative in front of it), for the soft
    /// and sharp styles; a soft line's undulation is included, so this is the distance the
    /// density ramps over. `None` for density-only or beyond the distance grid.
    fn behind_line_mm(&self, p: DVec2) -> Option<f64> {
        let (grid, sign) = self.hairline.as_ref()?;
        let q = grid.query(p)?;
        let mut s = q.distance * sign;
        if self.style == Style::Soft && q.exact {
            let w = UNDULATION_WAVELENGTH_MM;
            s += UNDULATION_MM * value_noise(hash(&[self.seed, 11]), p.x / w, p.y / w);
        }
        Some(s)
    }

    /// The zone of the treatment `p` lies in, or `None` where the field is zero (untreated).
    ///
    /// Soft: the transition runs from the strays in front of the line to `transition_mm`
    /// behind it (the undulating line); sharp: the `SHARP_RAMP_MM` behind the line.
    /// Density-only is one zone, [`Zone::Full`].
    pub fn zone_at(&self, p: DVec2) -> Option<Zone> {
        if !self.at(p).is_some_and(|l| l.fraction > 0.0) {
            return None;
        }
        let ramp_mm = match self.style {
            Style::DensityOnly => return Some(Zone::Full),
            Style::Sharp => SHARP_RAMP_MM,
            Style::Soft => self.transition_mm,
        };
        let behind = self.behind_line_mm(p).unwrap_or(f64::INFINITY);
        Some(if behind < ramp_mm {
            Zone::Transition
        } else {
            Zone::Full
        })
    }

    /// Area of the scalp where the field is above zero, cm², measured on a 1 mm grid
    /// (about ±1 % on a head; a 0.5 mm grid cost 9 ms per edit, this one about 2.3 ms).
    pub fn treated_area_cm2(&self) -> f64 {
        Self::cells_to_cm2(self.treated_cells_in(None))
    }

    /// How many cells of the treated-area grid are treated, of all or of those whose
    /// centres lie in `within` (an edit's area: the rest cannot have changed).
    pub fn treated_cells_in(&self, within: Option<Rect>) -> usize {
        self.treated_cells_in_rows(within, 0..self.area_rows())
    }

    /// Rows of the treated-area grid (1 mm cells over the scalp's bounds).
    pub fn area_rows(&self) -> usize {
        (self.scalp.bounds().size().y / AREA_CELL_MM).ceil() as usize
    }

    /// [`DensityField::treated_cells_in`] over the grid's `rows` only: counts made a few
    /// rows at a time add up to the whole one.
    pub fn treated_cells_in_rows(&self, within: Option<Rect>, rows: Range<usize>) -> usize {
        let mut cells = 0usize;
        self.for_each_area_cell_in_rows(rows, |p| {
            if within.map_or(true, |r| r.contains(p))
                && self.at(p).is_some_and(|l| l.fraction > 0.0)
            {
                cells += 1;
            }
        });
        cells
    }

    /// A count of [`DensityField::treated_cells_in`] as cm².
    pub fn cells_to_cm2(cells: usize) -> f64 {
        cells as f64 * AREA_CELL_MM * AREA_CELL_MM / 100.0
    }

    /// The treated area split by [`Zone`], cm²: `(transition, full)`. Measured on the same
    /// grid as [`DensityField::treated_area_cm2`], so the two add up to it (about twice its
    /// cost: it is asked for by the treatment plan, not on every edit).
    pub fn zone_areas_cm2(&self) -> (f64, f64) {
        let (mut transition, mut full) = (0usize, 0usize);
        self.for_each_area_cell(|p| match self.zone_at(p) {
            Some(Zone::Transition) => transition += 1,
            Some(Zone::Full) => full += 1,
            None => {}
        });
        let cell_cm2 = AREA_CELL_MM * AREA_CELL_MM / 100.0;
        (transition as f64 * cell_cm2, full as f64 * cell_cm2)
    }

    /// Calls `visit` with the centre of every [`AREA_CELL_MM`] cell over the scalp's bounds.
    fn for_each_area_cell(&self, visit: impl FnMut(DVec2)) {
        self.for_each_area_cell_in_rows(0..self.area_rows(), visit);
    }

    /// [`DensityField::for_each_area_cell`] over `rows` of the grid only.
    fn for_each_area_cell_in_rows(&self, rows: Range<usize>, mut visit: impl FnMut(DVec2)) {
        let bounds = self.scalp.bounds();
        let step = AREA_CELL_MM;
        let cols = (bounds.size().x / step).ceil() as usize;
        for r in rows.start..rows.end.min(self.area_rows()) {
            for c in 0..cols {
                visit(bounds.min + DVec2::new(c as f64 + 0.5, r as f64 + 0.5) * step);
            }
        }
    }

    /// Bounding box of where dots may go, mm.
    pub fn bounds(&self) -> Rect {
        self.scalp.bounds()
    }
}

/// Cubic smoothstep on `[0, 1]`.
pub fn smoothstep(x: f64) -> f64 {
    let x = x.clamp(0.0, 1.0);
    x * x * (3.0 - 2.0 * x)
}

/// How far from the hairline the field can depend on it, mm: beyond this, only the side
/// of the line matters.
pub fn hairline_reach_mm(design: &Design) -> f64 {
    design.transition_mm + SCATTER_MM + UNDULATION_MM + 2.0
}

/// The hairline's segments with its two end segments extended far outwards, so that the
/// line divides the whole plane into a front and a scalp side.
pub fn extended_segments(line: &[DVec2]) -> Vec<(DVec2, DVec2)> {
    let mut pts = line.to_vec();
    pts.dedup();
    if pts.len() < 2 {
        return Vec::new();
    }
    let n = pts.len();
    let start_dir = (pts[0] - pts[1]).normalize_or_zero();
    let end_dir = (pts[n - 1] - pts[n - 2]).normalize_or_zero();
    let mut segments = Vec::with_capacity(n + 1);
    segments.push((pts[0] + start_dir * 5000.0, pts[0]));
    segments.extend(pts.windows(2).map(|w| (w[0], w[1])));
    segments.push((pts[n - 1], pts[n - 1] + end_dir * 5000.0));
    segments
}

/// +1 if the left side of the hairline's direction holds more of the scalp, else −1.
fn scalp_side(scalp: &Polygon, grid: &SignedDistanceGrid) -> f64 {
    let bounds = scalp.bounds();
    let step = (bounds.size().x.max(bounds.size().y) / 80.0).max(0.25);
    let mut balance = 0i64;
    let mut y = bounds.min.y + step * 0.5;
    while y < bounds.max.y {
        let mut x = bounds.min.x + step * 0.5;
        while x < bounds.max.x {
            let p = DVec2::new(x, y);
            if scalp.contains(p) {
                if let Some(q) = grid.query(p) {
                    balance += if q.distance >= 0.0 { 1 } else { -1 };
                }
            }
            x += step;
        }
        y += step;
    }
    if balance >= 0 {
        1.0
    } else {
        -1.0
    }
}
