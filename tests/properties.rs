//! Property tests (proptest, shrinking to a smallest failing case): what must hold for
//! *every* input, not just the examples the other tests pick.
//!
//! - geometry: the segment distance is the nearest point's; the band-accelerated
//!   point-in-polygon test answers exactly as a plain even-odd scan; the shoelace area
//!   ignores where the loop starts, its direction and where it lies; star-shaped outlines
//!   never cross themselves and crossings reported are real; the signed distance grid is
//!   exact within its reach and has the right sign on both sides of a line, near and far;
//! - curve fitting: the curve passes through its handles, a moved handle spliced into the
//!   curve gives the curve through the new handles (and into any line, a finite line
//!   through the moved handles, no longer than a design may hold), resampling keeps to the line,
//!   simplification keeps every dropped point within its tolerance, fitted handles are
//!   points of the de-noised stroke, left to right, and mirroring makes partners;
//! - engine invariants on random designs with every optional part (marks, head presets
//!   and views, sessions, top-ups) and any density: dots finite, inside the scalp and
//!   spaced (the checks the engine fuzz target uses, `hairline::fuzzing::check_dots`),
//!   the same after a round trip through the design file, an edited scene equal to a fresh
//!   one, and contrast figures finite on any small photo.
//!
//! tests/sampling.rs keeps its seeded random-design test (star scalps, no marks or heads);
//! these add shrinking and the parts it leaves out. Costly properties run fewer cases.

use glam::DVec2;
use proptest::prelude::*;
use proptest::test_runner::Config;

use hairline::engine::curve::{
    clean, curve, curve_moved, denoise, fit_handles, length, project, resample, simplify,
    symmetrize, CurveOptions, Side,
};
use hairline::engine::placement::{place_dots, DensityField};
use hairline::engine::{segment_distance, Polygon, Rect, Scene, View};
use hairline::fuzzing::internals::{
    first_self_crossing, polygon_area, segments_cross, SignedDistanceGrid,
};
use hairline::fuzzing::{check_contrast, check_dots};
use hairline::Design;
use serde_json::{json, Value};

fn point(range: f64) -> impl Strategy<Value = DVec2> {
    (-range..range, -range..range).prop_map(|(x, y)| DVec2::new(x, y))
}

/// A star-shaped outline around `centre`: angles in order, any radii, so it is simple.
fn star(centre: DVec2, radii: &[(f64, f64)]) -> Vec<DVec2> {
    let n = radii.len() as f64;
    radii
        .iter()
        .enumerate()
        .map(|(i, &(r, jitter))| {
            let a = (i as f64 + 0.9 * jitter) / n * std::f64::consts::TAU;
            centre + DVec2::new(a.cos(), a.sin()) * r
        })
        .collect()
}

/// Plain even-odd point-in-polygon over every edge, with the same crossing arithmetic.
fn even_odd(points: &[DVec2], p: DVec2) -> bool {
    let n = points.len();
    let mut inside = false;
    for i in 0..n {
        let (a, b) = (points[i], points[(i + 1) % n]);
        if (a.y > p.y) != (b.y > p.y) {
            let x = a.x + (p.y - a.y) / (b.y - a.y) * (b.x - a.x);
            if p.x < x {
                inside = !inside;
            }
        }
    }
    inside
}

fn nearest(segments: &[(DVec2, DVec2)], p: DVec2) -> f64 {
    segments
        .iter()
        .map(|&(a, b)| segment_distance(p, a, b).0)
        .fold(f64::INFINITY, f64::min)
}

fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance * (1.0 + a.abs().max(b.abs()))
}

proptest! {
    #![proptest_config(Config::with_cases(512))]

    #[test]
    fn segment_distance_is_that_of_the_nearest_point(
        p in point(100.0), a in point(100.0), b in point(100.0),
    ) {
        let (d, t) = segment_distance(p, a, b);
        prop_assert!((0.0..=1.0).contains(&t));
        prop_assert!(close(d, (a + (b - a) * t).distance(p), 1e-12));
        prop_assert!(d <= p.distance(a) + 1e-9 && d <= p.distance(b) + 1e-9);
        for k in 0..=32 {
            let q = a + (b - a) * (k as f64 / 32.0);
            prop_assert!(d <= q.distance(p) + 1e-9, "{q} is nearer than {d}");
        }
        prop_assert!(close(segment_distance(p, b, a).0, d, 1e-9));
    }

    #[test]
    fn polygon_contains_answers_as_a_plain_even_odd_scan(
        points in prop::collection::vec(point(50.0), 3..40),
        probes in prop::collection::vec((point(60.0), any::<prop::sample::Index>()), 1..40),
    ) {
        // Any outline, crossing or not; probes at random and level with a vertex, where a
        // band boundary may fall.
        let polygon = Polygon::new(points.clone()).unwrap();
        for (p, vertex) in probes {
            let level = DVec2::new(p.x, points[vertex.index(points.len())].y);
            for q in [p, level] {
                prop_assert_eq!(polygon.contains(q), even_odd(&points, q), "at {}", q);
            }
        }
    }

    #[test]
    fn polygon_area_ignores_start_direction_and_place(
        points in prop::collection::vec(point(50.0), 3..30),
        start in 0usize..30,
        shift in point(500.0),
    ) {
        let area = polygon_area(&points);
        let mut rotated = points.clone();
        rotated.rotate_left(start % points.len());
        let reversed: Vec<DVec2> = points.iter().rev().copied().collect();
        let moved: Vec<DVec2> = points.iter().map(|&p| p + shift).collect();
        let scale = points.iter().map(|p| p.length_squared()).sum::<f64>() + 1.0;
        prop_assert!((polygon_area(&rotated) - area).abs() <= 1e-9 * scale);
        prop_assert!((polygon_area(&reversed) - area).abs() <= 1e-9 * scale);
        let far = scale + shift.length_squared() * points.len() as f64;
        prop_assert!((polygon_area(&moved) - area).abs() <= 1e-9 * far);
        prop_assert!(close(Polygon::new(points.clone()).unwrap().area_mm2(), area, 1e-12));
    }

    #[test]
    fn star_outlines_never_cross_and_reported_crossings_are_real(
        centre in point(100.0),
        radii in prop::collection::vec((1.0..80.0f64, 0.0..1.0f64), 3..40),
        scribble in prop::collection::vec(point(50.0), 4..20),
    ) {
        let outline = star(centre, &radii);
        prop_assert_eq!(first_self_crossing(&outline, true), None);
        // The area of a star is the sum of its triangles from the centre.
        let fan: f64 = (0..outline.len())
            .map(|i| (outline[i] - centre).perp_dot(outline[(i + 1) % outline.len()] - centre) * 0.5)
            .sum();
        prop_assert!(close(polygon_area(&outline), fan.abs(), 1e-9));
        // On any scribble, a reported pair of edges does cross, and none before it does.
        for closed in [false, true] {
            let n = scribble.len();
            let edges = if closed { n } else { n - 1 };
            let edge = |i: usize| (scribble[i], scribble[(i + 1) % n]);
            let crossing = |i: usize, j: usize| {
                let ((a, b), (c, d)) = (edge(i), edge(j));
                !(closed && i == 0 && j == edges - 1) && segments_cross(a, b, c, d)
            };
            let first = (0..edges)
                .flat_map(|i| (i + 2..edges).map(move |j| (i, j)))
                .find(|&(i, j)| crossing(i, j));
            prop_assert_eq!(first_self_crossing(&scribble, closed), first);
        }
    }

    #[test]
    fn signed_distance_grid_is_exact_within_its_reach(
        line in prop::collection::vec(point(40.0), 2..12),
        cell in 0.5..4.0f64,
        reach in 1.0..20.0f64,
        probes in prop::collection::vec(point(60.0), 1..60),
    ) {
        let segments: Vec<(DVec2, DVec2)> = line.windows(2).map(|w| (w[0], w[1])).collect();
        let area = Rect { min: DVec2::splat(-50.0), max: DVec2::splat(50.0) };
        let grid = SignedDistanceGrid::new(segments.clone(), area, cell, reach);
        for p in probes {
            let inside = p.cmpge(area.min).all() && p.cmplt(area.max).all();
            let Some(q) = grid.query(p) else {
                prop_assert!(!inside, "no answer inside the area at {}", p);
                continue;
            };
            prop_assert!(area.expand(cell).contains(p), "an answer outside the area at {}", p);
            let truth = nearest(&segments, p);
            if truth < reach - 1e-9 {
                prop_assert!(q.exact, "{} is {} from the line, within reach {}", p, truth, reach);
                prop_assert!(close(q.distance.abs(), truth, 1e-12), "{} vs {}", q.distance, truth);
            } else if truth > reach + 1e-9 {
                prop_assert!(!q.exact && q.distance.abs() == reach, "{:?} at {}", q, p);
            }
        }
    }

    #[test]
    fn signed_distance_grid_puts_each_side_of_a_line_on_its_own_sign(
        heights in prop::collection::vec((-30.0..30.0f64, 0.2..1.0f64), 2..10),
        cell in 0.5..3.0f64,
        reach_cells in 1.0..6.0f64,
        probes in prop::collection::vec(point(50.0), 1..80),
    ) {
        // A line left to right across the whole area (as the density field extends the
        // hairline): y down, so "left of its direction" is below it, and positive.
        let reach = reach_cells * cell;
        let area = Rect { min: DVec2::splat(-50.0), max: DVec2::splat(50.0) };
        let total: f64 = heights.iter().map(|h| h.1).sum();
        let mut x = -60.0 - reach;
        let mut line = vec![DVec2::new(x, heights[0].0)];
        for &(y, step) in &heights {
            x += step / total * (120.0 + 2.0 * reach);
            line.push(DVec2::new(x, y));
        }
        let segments: Vec<(DVec2, DVec2)> = line.windows(2).map(|w| (w[0], w[1])).collect();
        let grid = SignedDistanceGrid::new(segments.clone(), area, cell, reach);
        let line_y = |px: f64| {
            let w = line.windows(2).find(|w| px <= w[1].x).unwrap();
            w[0].y + (px - w[0].x) / (w[1].x - w[0].x) * (w[1].y - w[0].y)
        };
        for p in probes {
            if nearest(&segments, p) < 1e-6 {
                continue; // on the line: either sign
            }
            let q = grid.query(p).unwrap();
            let below = p.y > line_y(p.x);
            prop_assert_eq!(q.distance > 0.0, below, "{} gives {:?}", p, q);
        }
    }
}

proptest! {
    #![proptest_config(Config::with_cases(256))]

    #[test]
    fn the_curve_passes_through_every_handle(
        handles in prop::collection::vec(point(150.0), 2..14),
        steps in 1usize..20,
    ) {
        let Ok(kept) = clean(&handles) else {
            return Ok(()); // fewer than two distinct handles
        };
        let out = curve(&handles, steps).unwrap();
        prop_assert_eq!(out.len(), (kept.len() - 1) * steps + 1);
        prop_assert!(out.iter().all(|p| p.is_finite()));
        for (i, h) in kept.iter().enumerate() {
            // Samples are rounded to 0.01 mm.
            prop_assert!(out[i * steps].distance(*h) <= 0.0071, "{} vs {}", out[i * steps], h);
        }
    }

    #[test]
    fn a_handle_moved_on_the_curve_through_its_handles_gives_the_curve_through_the_new_ones(
        steps_x in prop::collection::vec(3.0..40.0f64, 2..14),
        ys in prop::collection::vec(-40.0..40.0f64, 14),
        moves in prop::collection::vec((0usize..14, point(15.0)), 1..3),
    ) {
        // Handles left to right, as a hairline's are.
        let mut x = 20.0;
        let before: Vec<DVec2> = steps_x.iter().enumerate().map(|(i, dx)| { x += dx; DVec2::new(x, 80.0 + ys[i]) }).collect();
        let mut after = before.clone();
        for &(i, by) in &moves {
            let i = i % after.len();
            after[i] += by;
        }
        let line = curve(&before, 12).unwrap();
        let moved = curve_moved(&line, &before, &after, 12).unwrap();
        prop_assert_eq!(moved, curve(&after, 12).unwrap());
    }

    #[test]
    fn a_handle_moved_on_any_line_gives_a_finite_line_through_it_a_design_may_hold(
        line in prop::collection::vec(point(150.0), 2..60),
        before in prop::collection::vec(point(150.0), 2..14),
        moves in prop::collection::vec((0usize..14, point(15.0)), 1..3),
    ) {
        let mut after = before.clone();
        for &(i, by) in &moves {
            let i = i % after.len();
            after[i] += by;
        }
        let Ok(moved) = curve_moved(&line, &before, &after, 12) else {
            prop_assert!(clean(&after).is_err(), "refused only handles that are no line");
            return Ok(());
        };
        prop_assert!(moved.iter().all(|p| p.is_finite()));
        prop_assert!(moved.len() <= 2000, "{} points", moved.len());
        for (h, was) in after.iter().zip(&before) {
            if h != was {
                prop_assert!(moved.iter().any(|p| p.distance(*h) <= 0.0071), "not through the moved handle {}", h);
            }
        }
    }

    #[test]
    fn resampling_keeps_to_the_line_at_most_a_step_apart(
        line in prop::collection::vec(point(100.0), 2..20),
        spacing in 0.2..10.0f64,
    ) {
        let out = resample(&line, spacing);
        prop_assert_eq!(out.first(), line.first());
        prop_assert_eq!(out.last(), line.last());
        // Every step is at most `spacing` along the line; the last one may reach 1.25 of
        // it (a closing piece under a quarter step is merged into the one before).
        let n = out.len();
        for (i, w) in out.windows(2).enumerate() {
            let most = if i + 2 == n { 1.25 } else { 1.0 };
            prop_assert!(w[0].distance(w[1]) <= most * spacing * (1.0 + 1e-9) + 1e-9, "step {} of {}", i, n - 1);
        }
        for p in &out {
            prop_assert!(project(&line, *p).0 < 1e-6, "{} is off the line", p);
        }
    }

    #[test]
    fn simplification_keeps_the_ends_and_drops_only_near_points(
        line in prop::collection::vec(point(100.0), 1..60),
        tolerance in 0.0..20.0f64,
    ) {
        let kept = simplify(&line, tolerance);
        prop_assert_eq!(kept.first().copied(), Some(0));
        prop_assert_eq!(kept.last().copied(), Some(line.len() - 1));
        for w in kept.windows(2) {
            prop_assert!(w[0] < w[1]);
            for k in w[0] + 1..w[1] {
                let d = segment_distance(line[k], line[w[0]], line[w[1]]).0;
                prop_assert!(d <= tolerance, "point {} is {} from the kept line", k, d);
            }
        }
    }

    #[test]
    fn fitted_handles_are_points_of_the_denoised_stroke_left_to_right(
        start in point(50.0),
        steps in prop::collection::vec((0.1..15.0f64, -1.5..1.5f64), 2..80),
    ) {
        // A wandering stroke: each step turns a little from the last.
        let mut heading = 0.0;
        let mut stroke = vec![start];
        for &(len, turn) in &steps {
            heading += turn;
            let last = *stroke.last().unwrap();
            stroke.push(last + DVec2::new(libm::cos(heading), libm::sin(heading)) * len);
        }
        let options = CurveOptions::default();
        let Ok(handles) = fit_handles(&stroke, &options) else {
            prop_assert!(length(&clean(&stroke).unwrap()) < options.min_stroke_mm);
            return Ok(());
        };
        let line = denoise(&stroke, &options).unwrap();
        prop_assert!(handles.len() >= 2 && handles.len() <= options.max_handles);
        if line.len() >= options.min_handles {
            prop_assert!(handles.len() >= options.min_handles, "{} handles", handles.len());
        }
        prop_assert!(handles[0].x <= handles[handles.len() - 1].x);
        let ends = [line[0], line[line.len() - 1]];
        prop_assert!(ends.contains(&handles[0]) && ends.contains(&handles[handles.len() - 1]));
        for h in &handles {
            prop_assert!(line.contains(h), "handle {} is not on the de-noised stroke", h);
        }
    }

    #[test]
    fn mirroring_makes_partners_about_the_midline(
        handles in prop::collection::vec(point(100.0), 2..14),
        mid in -50.0..50.0f64,
        right in any::<bool>(),
    ) {
        let keep = if right { Side::Right } else { Side::Left };
        let out = symmetrize(&handles, mid, keep);
        if out == handles {
            return Ok(()); // nothing on the kept side: left as it was
        }
        let n = out.len();
        prop_assert!(n >= 2);
        for i in 0..n {
            let (a, b) = (out[i], out[n - 1 - i]);
            prop_assert!((a.x + b.x - 2.0 * mid).abs() < 1e-9, "{} and {} about {}", a, b, mid);
            prop_assert!(a.y == b.y);
        }
        if n % 2 == 1 {
            prop_assert!(out[n / 2].x == mid);
        }
    }

    #[test]
    fn projection_finds_the_nearest_point_and_its_place_along_the_line(
        line in prop::collection::vec(point(100.0), 2..20),
        p in point(120.0),
    ) {
        let (d, along) = project(&line, p);
        let total = length(&line);
        prop_assert!(along >= 0.0 && along <= total + 1e-9);
        for q in &line {
            prop_assert!(d <= q.distance(p) + 1e-9);
        }
        // The point that far along the line is that far from p.
        let mut walked = 0.0;
        let mut at = line[line.len() - 1];
        for w in line.windows(2) {
            let len = w[0].distance(w[1]);
            if walked + len >= along && len > 0.0 {
                at = w[0] + (w[1] - w[0]) * ((along - walked) / len).clamp(0.0, 1.0);
                break;
            }
            walked += len;
        }
        prop_assert!((at.distance(p) - d).abs() < 1e-6 * (1.0 + d), "{} vs {}", at.distance(p), d);
    }
}

/// A design file with every optional part: a star scalp near the template's size range,
/// a left-to-right hairline through it, marks, a head, sessions and a top-up.
fn design_json() -> impl Strategy<Value = Value> {
    let numbers = (
        0u64..(1 << 53),
        0usize..3,
        10.0..=200.0f64,
        0.15..=1.0f64,
        3.0..=20.0f64,
        0.2..=1.0f64,
        1u8..=4,
        prop::option::of(1.0..=10.0f64),
    );
    let head = prop::option::of((0usize..13, any::<bool>(), any::<bool>(), 1u8..=6, 0usize..6));
    let mark = (
        0usize..3,
        point(40.0),
        2.0..40.0f64,
        0.5..10.0f64,
        -360.0..360.0f64,
    );
    let shape = (
        prop::collection::vec((6.0..30.0f64, 0.0..1.0f64), 3..16),
        prop::collection::vec(-30.0..30.0f64, 2..8),
    );
    (numbers, head, prop::collection::vec(mark, 0..4), shape).prop_map(
        |((seed, style, density, dot, transition, shade, sessions, top_up), head, marks, (radii, ys))| {
            let centre = DVec2::new(50.0, 50.0);
            let scalp: Vec<[f64; 2]> = star(centre, &radii).iter().map(|p| [p.x, p.y]).collect();
            let m = ys.len();
            let hairline: Vec<[f64; 2]> = ys
                .iter()
                .enumerate()
                .map(|(i, y)| [10.0 + 80.0 * i as f64 / (m - 1) as f64, centre.y + y])
                .collect();
            let mut value = json!({
                "version": 1, "seed": seed, "scalp": scalp, "hairline": hairline,
                "style": (["soft", "sharp", "density-only"])[style],
                "density_per_cm2": density, "dot_mm": dot, "transition_mm": transition,
                "shade": shade, "sessions": sessions,
            });
            let obj = value.as_object_mut().unwrap();
            if let Some(years) = top_up {
                obj.insert("top_up_years".into(), json!(years));
            }
            if let Some((preset, top, female, skin, hair)) = head {
                obj.insert("head".into(), json!({
                    "preset": hairline::engine::Preset::ALL[preset].name(),
                    "view": if top { "top" } else { "front" },
                    "sex": if female { "female" } else { "male" },
                    "skin": skin,
                    "hair": hairline::engine::photo::HairColour::ALL[hair].name(),
                }));
            }
            let marks: Vec<Value> = marks
                .into_iter()
                .map(|(kind, at, size, width, angle)| {
                    let (x, y) = (centre.x + at.x, centre.y + at.y);
                    match kind {
                        0 => json!({ "kind": "strip", "x": x, "y": y, "length_mm": size.max(5.0),
                            "width_mm": width, "angle_deg": angle }),
                        k => json!({ "kind": (["fue", "patch"])[k - 1], "x": x, "y": y,
                            "rx_mm": size, "ry_mm": (size * 0.3 + width).max(2.0), "angle_deg": angle }),
                    }
                })
                .collect();
            if !marks.is_empty() {
                obj.insert("marks".into(), Value::Array(marks));
            }
            value
        },
    )
}

fn dots_of(design: &Design) -> Vec<hairline::engine::placement::Dot> {
    place_dots(design, &DensityField::new(design).unwrap())
}

proptest! {
    // Each case builds the blue-noise tile of a new density (tens of ms): fewer cases.
    #![proptest_config(Config::with_cases(24))]

    #[test]
    fn dots_are_finite_inside_spaced_and_the_same_after_a_file_round_trip(value in design_json()) {
        let Ok(design) = Design::from_json(&value) else {
            return Ok(()); // e.g. a hairline crossing itself
        };
        let dots = dots_of(&design);
        check_dots(&design, &dots);
        prop_assert!(dots == dots_of(&design), "placement is not deterministic");
        let text = design.to_json().to_string();
        let reread = Design::from_json_str(&text).unwrap();
        prop_assert_eq!(&reread, &design);
        prop_assert!(dots_of(&reread) == dots, "a reloaded design lays other dots");
    }

    #[test]
    fn an_edited_scene_equals_a_fresh_one(
        value in design_json(),
        which in any::<prop::sample::Index>(),
        shift in point(5.0),
    ) {
        let Ok(design) = Design::from_json(&value) else {
            return Ok(());
        };
        let mut scene = Scene::new(design.clone()).unwrap();
        scene.stats(); // measured before the edit, so the edit updates it (in its area)
        let mut moved = design.clone();
        let k = which.index(moved.hairline.len());
        moved.hairline[k] += shift;
        let Ok(moved) = moved.validated() else {
            return Ok(());
        };
        scene.set_design(moved.clone()).unwrap();
        let fresh = Scene::new(moved.clone()).unwrap();
        prop_assert!(scene.dots() == fresh.dots(), "an edit differs from a whole re-layout");
        prop_assert_eq!(scene.stats(), fresh.stats(), "an edit's stats differ from a fresh scene's");
        check_dots(&moved, scene.dots());
    }

}

proptest! {
    // Analysing a photo and building the renderer's kernels for it: a few cases only (the
    // engine fuzz target runs this path far more often, see README "Fuzzing").
    #![proptest_config(Config::with_cases(8))]

    #[test]
    fn contrast_figures_are_finite_on_any_small_photo(
        value in design_json(),
        size in (8u32..40, 8u32..40),
        px_per_mm in 0.5..2.0f64,
        pixels in prop::collection::vec(any::<[u8; 3]>(), 1..64),
    ) {
        let (w, h) = size;
        let mut value = value;
        value["px_per_mm"] = json!(px_per_mm);
        value["photo"] = json!({ "width_px": w, "height_px": h });
        let Ok(design) = Design::from_json(&value) else {
            return Ok(());
        };
        let frame = hairline::engine::PhotoFrame::from_design_json(&value).unwrap();
        let data: Vec<u8> = (0..(w * h) as usize)
            .flat_map(|i| {
                let [r, g, b] = pixels[i % pixels.len()];
                [r, g, b, 255]
            })
            .collect();
        let photo = hairline::engine::photo::Photo::new(w, h, data).unwrap();
        let mut scene = Scene::new(design.clone()).unwrap();
        scene.set_photo_frame(frame).unwrap();
        scene.set_photo(&photo).unwrap();
        check_dots(&design, scene.dots());
        let view = View::fit(Rect { min: DVec2::ZERO, max: DVec2::new(100.0, 100.0) }, 48, 48, 1.0);
        prop_assert!(scene.render(48, 48, view).is_some());
        let report = scene.contrast().unwrap();
        check_contrast(&report);
    }
}
