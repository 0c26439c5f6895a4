//! Tests of the curve module: stroke fitting, handles, partial redraw and mirror.

use super::*;

const MID: f64 = 110.0;

fn assert_close(a: DVec2, b: DVec2, tol: f64) {
    assert!(
        a.distance(b) <= tol,
        "{a} vs {b}: off by {:.4} mm (tolerance {tol})",
        a.distance(b)
    );
}

/// An arch like a hairline: temples low at x = 50 and 170, mid-frontal point at y = 65.
fn arch(n: usize, wobble: f64) -> Vec<DVec2> {
    (0..n)
        .map(|i| {
            let t = i as f64 / (n - 1) as f64;
            let x = 50.0 + 120.0 * t;
            let u = (x - MID) / 60.0;
            // A deterministic "tremor": sum of two incommensurate sines.
            let noise = wobble * ((i as f64 * 1.7).sin() + (i as f64 * 0.61).cos()) * 0.5;
            DVec2::new(x, 65.0 + 30.0 * u * u + noise)
        })
        .collect()
}

#[test]
fn a_noisy_stroke_becomes_6_to_12_handles_near_the_stroke() {
    let stroke = arch(300, 1.0);
    let opts = CurveOptions::default();
    let handles = fit_handles(&stroke, &opts).expect("fits");
    assert!(
        (6..=12).contains(&handles.len()),
        "{} handles",
        handles.len()
    );
    let line = curve(&handles, opts.samples_per_span).expect("curve");
    let clean_arch = arch(300, 0.0);
    for &p in &line {
        let (d, _) = project(&clean_arch, p);
        assert!(
            d < 2.5,
            "curve strays {d:.2} mm from the intended arch at {p}"
        );
    }
    assert!(crate::engine::geometry::first_self_crossing(&line, false).is_none());
}

#[test]
fn a_straight_stroke_still_gets_evenly_spread_handles() {
    let stroke: Vec<DVec2> = (0..=100)
        .map(|i| DVec2::new(60.0 + i as f64, 70.0))
        .collect();
    let handles = fit_handles(&stroke, &CurveOptions::default()).expect("fits");
    assert_eq!(handles.len(), 6);
    for h in &handles {
        assert!((h.y - 70.0).abs() < 1e-9);
    }
}

#[test]
fn stroke_direction_does_not_matter() {
    let mut stroke = arch(200, 0.0);
    let a = fit_handles(&stroke, &CurveOptions::default()).expect("fits");
    stroke.reverse();
    let b = fit_handles(&stroke, &CurveOptions::default()).expect("fits");
    assert!(a[0].x < a[a.len() - 1].x && b[0].x < b[b.len() - 1].x);
    assert_close(a[0], b[0], 1e-9);
}

#[test]
fn the_curve_passes_through_every_handle() {
    let handles = vec![
        DVec2::new(50.0, 100.0),
        DVec2::new(70.0, 75.0),
        DVec2::new(110.0, 65.0),
        DVec2::new(150.0, 75.0),
        DVec2::new(170.0, 100.0),
    ];
    let line = curve(&handles, 12).expect("curve");
    assert_eq!(line.len(), 4 * 12 + 1);
    for (i, &h) in handles.iter().enumerate() {
        assert_close(line[i * 12], h, 0.006);
    }
}

#[test]
fn bad_strokes_are_values_not_panics() {
    let o = CurveOptions::default();
    assert_eq!(fit_handles(&[], &o), Err(CurveError::TooFewPoints));
    assert_eq!(
        fit_handles(&[DVec2::new(1.0, 1.0); 5], &o),
        Err(CurveError::TooFewPoints)
    );
    assert_eq!(
        fit_handles(&[DVec2::new(f64::NAN, 1.0), DVec2::ONE], &o),
        Err(CurveError::NotFinite)
    );
    assert!(matches!(
        fit_handles(&[DVec2::ZERO, DVec2::new(3.0, 0.0)], &o),
        Err(CurveError::TooShort { .. })
    ));
    assert!(curve(&[DVec2::ZERO], 12).is_err());
    assert!(redraw(&[], &[DVec2::new(f64::INFINITY, 0.0)], None, &o).is_err());
    let msg = CurveError::TooShort { length_mm: 2.0 }.to_string();
    assert!(
        msg.starts_with("stroke:") && msg.contains("2.0 mm"),
        "{msg}"
    );
}

#[test]
fn a_wild_scribble_is_capped_at_the_handle_limit() {
    let scribble: Vec<DVec2> = (0..2000)
        .map(|i| {
            let t = i as f64 * 0.05;
            DVec2::new(60.0 + t * 5.0, 80.0 + 20.0 * (t * 3.0).sin())
        })
        .collect();
    let handles = fit_handles(&scribble, &CurveOptions::default()).expect("fits");
    assert!(
        handles.len() <= 12 && handles.len() >= 6,
        "{}",
        handles.len()
    );
}

#[test]
fn redrawing_the_middle_keeps_the_temples() {
    let o = CurveOptions::default();
    let handles = fit_handles(&arch(300, 0.0), &o).expect("fits");
    // A new middle, 8 mm higher, from x = 85 to 135, starting and ending on the line.
    let on_line = |x: f64| 65.0 + 30.0 * ((x - MID) / 60.0).powi(2);
    let stroke: Vec<DVec2> = (0..=50)
        .map(|i| {
            let x = 85.0 + i as f64;
            let lift = 8.0 * (std::f64::consts::PI * i as f64 / 50.0).sin();
            DVec2::new(x, on_line(x) - lift)
        })
        .collect();
    let next = redraw(&handles, &stroke, None, &o).expect("redraws");
    // Handles outside the redrawn part are the same handles.
    for h in handles.iter().filter(|h| h.x < 80.0 || h.x > 140.0) {
        assert!(
            next.iter().any(|n| n.distance(*h) < 1e-9),
            "lost handle {h}"
        );
    }
    let line = curve(&next, o.samples_per_span).expect("curve");
    let top = line.iter().map(|p| p.y).fold(f64::INFINITY, f64::min);
    assert!(top < 60.0, "middle raised: top at {top}");
}

#[test]
fn a_stroke_far_from_the_line_replaces_it() {
    let o = CurveOptions::default();
    let handles = fit_handles(&arch(300, 0.0), &o).expect("fits");
    let lower: Vec<DVec2> = arch(300, 0.0)
        .iter()
        .map(|p| *p + DVec2::new(0.0, 25.0))
        .collect();
    let next = redraw(&handles, &lower, None, &o).expect("redraws");
    assert!(next.iter().all(|p| p.y > 85.0));
}

#[test]
fn a_stroke_leaving_the_line_replaces_it_to_that_end() {
    let o = CurveOptions::default();
    let handles = fit_handles(&arch(300, 0.0), &o).expect("fits");
    // From the mid-frontal point out to a new right temple, flatter than before.
    let stroke: Vec<DVec2> = (0..=60)
        .map(|i| DVec2::new(110.0 + i as f64, 65.0 + i as f64 * 0.1))
        .collect();
    let next = redraw(&handles, &stroke, None, &o).expect("redraws");
    let right_end = next[next.len() - 1];
    assert_close(right_end, DVec2::new(170.0, 71.0), 1.5);
    assert_close(next[0], handles[0], 1e-9);
}

#[test]
fn mirroring_makes_partners_and_a_midline_handle() {
    let o = CurveOptions::default();
    // Only the left half drawn: mirror completes the line.
    let half: Vec<DVec2> = arch(300, 0.5)
        .into_iter()
        .filter(|p| p.x <= MID + 0.2)
        .collect();
    let h = redraw(&[], &half, Some(MID), &o).expect("redraws");
    let n = h.len();
    assert!(n % 2 == 1, "odd count, got {n}");
    assert!((h[n / 2].x - MID).abs() < 1e-9);
    for i in 0..n {
        let (a, b) = (h[i], h[n - 1 - i]);
        assert!((a.x + b.x - 2.0 * MID).abs() < 1e-9 && (a.y - b.y).abs() < 1e-9);
    }
    let line = curve(&h, o.samples_per_span).expect("curve");
    let m = line.len();
    for i in 0..m {
        assert!((line[i].x + line[m - 1 - i].x - 2.0 * MID).abs() < 0.011);
    }
}

#[test]
fn symmetrize_keeps_the_chosen_side() {
    let h = vec![
        DVec2::new(50.0, 100.0),
        DVec2::new(80.0, 70.0),
        DVec2::new(140.0, 60.0),
        DVec2::new(170.0, 90.0),
    ];
    let left = symmetrize(&h, MID, Side::Left);
    assert_eq!(left.len(), 5);
    assert_close(left[0], h[0], 1e-9);
    assert_close(left[2], DVec2::new(MID, 65.0), 1e-9);
    assert_close(left[4], DVec2::new(170.0, 100.0), 1e-9);
    let right = symmetrize(&h, MID, Side::Right);
    assert_close(right[4], h[3], 1e-9);
    assert_close(right[0], DVec2::new(50.0, 90.0), 1e-9);
}

#[test]
fn the_default_hairline_refits_closely() {
    let design = crate::engine::template::default_design();
    let o = CurveOptions::default();
    let h = handles_of(&design.hairline, &o).expect("fits");
    assert!((6..=12).contains(&h.len()), "{}", h.len());
    let line = curve(&h, o.samples_per_span).expect("curve");
    for &p in &line {
        assert!(project(&design.hairline, p).0 < 2.0);
    }
}

#[test]
fn resampling_spaces_points_evenly() {
    let pts = [DVec2::ZERO, DVec2::new(10.0, 0.0), DVec2::new(10.0, 10.5)];
    let r = resample(&pts, 1.0);
    assert_eq!(r.first(), Some(&DVec2::ZERO));
    assert_eq!(r.last(), Some(&DVec2::new(10.0, 10.5)));
    for w in r.windows(2) {
        let d = w[0].distance(w[1]);
        assert!(d <= 1.0 + 1e-9 && d > 0.2, "step {d}");
    }
}

/// A stroke with a small loop in it (a hand that wavered) became three handles within
/// 1.4 mm of one another, whose touch targets lie on top of each other: no two handles are
/// now closer than `min_handle_gap_mm`, and the line still follows the stroke.
#[test]
fn a_small_loop_in_a_stroke_leaves_no_handles_on_top_of_each_other() {
    let options = CurveOptions::default();
    for radius in [1.5, 2.5, 4.0] {
        let mut stroke = Vec::new();
        for i in 0..=100 {
            let t = i as f64 / 100.0;
            let p = DVec2::new(
                70.0 + 80.0 * t,
                80.0 - 15.0 * (t * std::f64::consts::PI).sin(),
            );
            stroke.push(p);
            if i == 50 {
                for k in 1..32 {
                    let a = k as f64 / 32.0 * std::f64::consts::TAU;
                    stroke.push(p + DVec2::new(radius * a.sin(), radius - radius * a.cos()));
                }
            }
        }
        let handles = fit_handles(&stroke, &options).unwrap();
        for (i, a) in handles.iter().enumerate() {
            for b in &handles[i + 1..] {
                assert!(
                    a.distance(*b) >= options.min_handle_gap_mm - 1e-9,
                    "loop of {radius} mm: handles {a} and {b} are {:.2} mm apart: {handles:?}",
                    a.distance(*b)
                );
            }
        }
        assert!(handles.len() >= options.min_handles, "{handles:?}");
        assert_close(handles[0], stroke[0], 1.0);
        assert_close(*handles.last().unwrap(), *stroke.last().unwrap(), 1.0);
    }
}

#[test]
fn a_mirror_symmetric_line_gets_mirror_symmetric_handles_and_a_lopsided_one_its_own() {
    // The template's line: picked along it from its left end, its handles came 0.4–0.9 mm
    // off symmetric, and the editor's mirror then moved a whole side at the first nudge.
    let given = [
        (45.5, 158.0),
        (49.5, 115.2),
        (63.2, 84.3),
        (72.7, 75.5),
        (83.3, 69.9),
        (110.0, 65.0),
    ];
    let mut handles: Vec<DVec2> = given.iter().map(|&(x, y)| DVec2::new(x, y)).collect();
    handles.extend(
        given[..5]
            .iter()
            .rev()
            .map(|&(x, y)| DVec2::new(2.0 * MID - x, y)),
    );
    let line = curve(&handles, CurveOptions::default().samples_per_span).unwrap();
    let reflect = |p: DVec2| DVec2::new(2.0 * MID - p.x, p.y);
    let off_symmetric = |h: &[DVec2]| {
        (0..h.len())
            .map(|i| h[i].distance(reflect(h[h.len() - 1 - i])))
            .fold(0.0, f64::max)
    };
    let options = CurveOptions::default();
    let plain = handles_of(&line, &options).unwrap();
    assert!(
        off_symmetric(&plain) > 0.1,
        "the plain pick is lopsided: {}",
        off_symmetric(&plain)
    );
    let mirrored = handles_of_mirrored(&line, MID, &options).unwrap();
    assert!(off_symmetric(&mirrored) < 1e-9, "{mirrored:?}");
    assert_eq!(mirrored.len() % 2, 1);
    assert_close(mirrored[mirrored.len() / 2], DVec2::new(MID, 65.0), 0.02);
    // The curve through them is the line still, either way round (no loop, no overshoot).
    let again = curve(&mirrored, options.samples_per_span).unwrap();
    let farthest = |from: &[DVec2], to: &[DVec2]| {
        from.iter()
            .map(|&p| {
                to.windows(2)
                    .map(|w| segment_distance(p, w[0], w[1]).0)
                    .fold(f64::INFINITY, f64::min)
            })
            .fold(0.0, f64::max)
    };
    let far = farthest(&line, &again).max(farthest(&again, &line));
    assert!(
        far < options.tolerance_mm,
        "the curve through the handles strays {far} mm"
    );
    // A line 1 mm lopsided keeps the handles picked along it.
    let mut lopsided = line.clone();
    for p in lopsided.iter_mut().filter(|p| p.x > MID + 20.0) {
        p.y += 1.0;
    }
    assert_eq!(
        handles_of_mirrored(&lopsided, MID, &options).unwrap(),
        handles_of(&lopsided, &options).unwrap()
    );
    // A line of one repeated point, or NaN, is refused as before, not a panic.
    assert!(handles_of_mirrored(&[DVec2::new(MID, 65.0); 3], MID, &options).is_err());
    assert!(mirror_middle(&[DVec2::new(f64::NAN, 1.0), DVec2::ZERO], MID, 0.05).is_none());
}

#[test]
fn mirrored_handles_stay_in_order_and_apart() {
    // Symmetric lines with flat, rounded and narrow tops: every pair of neighbouring handles
    // at least `min_handle_gap_mm` apart (a left handle near the midline, reflected, would
    // put three handles within a fingertip), left to right.
    let options = CurveOptions::default();
    for d in [0.3, 1.0, 2.5, 4.0, 8.0] {
        let handles: Vec<DVec2> = [
            (40.0, 150.0),
            (60.0, 90.0),
            (80.0, 75.0),
            (MID - d, 62.0),
            (MID + d, 62.0),
            (140.0, 75.0),
            (160.0, 90.0),
            (180.0, 150.0),
        ]
        .iter()
        .map(|&(x, y)| DVec2::new(x, y))
        .collect();
        let line = curve(&handles, options.samples_per_span).unwrap();
        let mirrored = handles_of_mirrored(&line, MID, &options).unwrap();
        assert_eq!(mirrored.len() % 2, 1, "{mirrored:?}");
        for w in mirrored.windows(2) {
            assert!(
                w[0].distance(w[1]) >= options.min_handle_gap_mm,
                "top {d}: {mirrored:?}"
            );
            assert!(w[0].x < w[1].x, "top {d}, in order: {mirrored:?}");
        }
    }
    // A symmetric line too short to have a handle clear of the midline keeps its own.
    let short = [
        DVec2::new(MID - 1.0, 60.0),
        DVec2::new(MID, 59.0),
        DVec2::new(MID + 1.0, 60.0),
    ];
    assert_eq!(
        handles_of_mirrored(&short, MID, &options).unwrap(),
        handles_of(&short, &options).unwrap()
    );
}

#[test]
fn a_wild_line_gets_a_handful_of_handles_on_it_from_bounded_work() {
    // A design's 2,000-point zigzag (16 m of line) and a 20,000-point scribble: fitting them
    // held the page 300 ms to 1.2 s (16,000 samples, and a simplification whose thousands of
    // corners each rescanned the line). Now at most MAX_SAMPLES samples, and a
    // simplification past 16 points per handle gives up for a coarser tolerance.
    let options = CurveOptions::default();
    let zigzag: Vec<DVec2> = (0..2000)
        .map(|i| {
            DVec2::new(
                42.0 + 136.0 * i as f64 / 1999.0,
                60.0 + (i % 2) as f64 * 8.0,
            )
        })
        .collect();
    let mut rng = crate::engine::random::Rng::new(7);
    let scribble: Vec<DVec2> = (0..20_000)
        .map(|_| {
            DVec2::new(
                40.0 + 140.0 * rng.next_unit(),
                40.0 + 100.0 * rng.next_unit(),
            )
        })
        .collect();
    for (name, line) in [("zigzag", &zigzag), ("scribble", &scribble)] {
        let resampled = resample(line, sample_step(length(line), options.spacing_mm));
        assert!(
            resampled.len() <= MAX_SAMPLES + 2,
            "{name}: {} samples",
            resampled.len()
        );
        for handles in [
            handles_of(line, &options).unwrap(),
            fit_handles(line, &options).unwrap(),
        ] {
            assert!(
                (options.min_handles..=options.max_handles).contains(&handles.len()),
                "{name}: {} handles",
                handles.len()
            );
            let bounds = crate::engine::geometry::Rect::bounding(line).unwrap();
            for h in &handles {
                assert!(
                    h.x >= bounds.min.x - 1e-9 && h.x <= bounds.max.x + 1e-9,
                    "{name}: {h}"
                );
            }
        }
    }
    // The simplification gives up past its bound rather than scanning on.
    assert_eq!(simplify_at_most(&zigzag, 0.1, 50), None);
    assert_eq!(
        simplify_at_most(&zigzag, 0.1, usize::MAX).map(|k| k.len()),
        Some(2000)
    );
}

/// Ramer–Douglas–Peucker as it reads in the books: a stack of spans, each split at its
/// farthest point while that lies past the tolerance; None past `most` points.
fn plain_simplification(points: &[DVec2], tolerance: f64, most: usize) -> Option<Vec<usize>> {
    let n = points.len();
    if n < 3 {
        return Some((0..n).collect());
    }
    let mut keep = vec![false; n];
    (keep[0], keep[n - 1]) = (true, true);
    let mut stack = vec![(0usize, n - 1)];
    while let Some((a, b)) = stack.pop() {
        let mut worst = (0.0, 0usize);
        for i in a + 1..b {
            let d = crate::engine::geometry::segment_distance(points[i], points[a], points[b]).0;
            if d > worst.0 {
                worst = (d, i);
            }
        }
        if worst.0 > tolerance {
            keep[worst.1] = true;
            stack.push((a, worst.1));
            stack.push((worst.1, b));
        }
    }
    let kept: Vec<usize> = (0..n).filter(|&i| keep[i]).collect();
    (kept.len() <= most).then_some(kept)
}

#[test]
fn one_search_simplifies_as_the_plain_way_at_every_tolerance_tried() {
    let mut rng = crate::engine::random::Rng::new(8);
    let mut lines: Vec<Vec<DVec2>> = Vec::new();
    for length in [2usize, 3, 5, 40, 300, 1200] {
        let mut wiggle = vec![DVec2::ZERO];
        for _ in 1..length {
            let step = DVec2::new(1.0, (rng.next_unit() - 0.5) * 3.0);
            wiggle.push(*wiggle.last().unwrap() + step);
        }
        lines.push(wiggle);
    }
    lines.push(
        (0..900)
            .map(|i| DVec2::new(i as f64 * 0.1, (i % 2) as f64 * 8.0))
            .collect(),
    );
    lines.push(
        (0..400)
            .map(|i| DVec2::new(i as f64, ((i / 7) % 2) as f64))
            .collect(),
    ); // ties
    for line in &lines {
        for most in [3usize, 8, 50, 192, usize::MAX] {
            for start in [1e-3, 0.25, 1.0] {
                let splits = Splits::search(line, start, most);
                let mut tolerance = start;
                for _ in 0..22 {
                    assert_eq!(
                        splits.kept_at(tolerance),
                        plain_simplification(line, tolerance, most),
                        "{} points, most {most}, tolerance {tolerance}",
                        line.len()
                    );
                    tolerance *= 1.5;
                }
            }
        }
    }
}
