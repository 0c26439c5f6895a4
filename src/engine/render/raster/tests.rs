//! Tests of the raster: fills against a plain walk, a shared accumulator left clean,
//! pixmap sizes.

use super::*;

/// `Pixmap::fill_with` as it was before rows skipped the blocks no edge wrote in: each
/// row walked cell by cell from its first touched cell.
fn fill_with_plain(
    pm: &mut Pixmap,
    polygons: &[Vec<Vec2>],
    mut paint: impl FnMut(f32, f32) -> Rgba,
) {
    let Some((x0, y0, width, height)) = pm.fill_window(polygons) else {
        return;
    };
    with_accumulator(x0, y0, width, height, |acc| {
        acc.add_polygons(polygons);
        let stride = acc.width + 2;
        for row in 0..acc.height {
            let (lo, hi) = acc.touched[row];
            if lo > hi {
                continue;
            }
            let cells = &mut acc.cells[row * stride..(row + 1) * stride];
            let y = y0 + row;
            let mut sum = 0.0f32;
            for (col, &cell) in cells.iter().enumerate().take(acc.width).skip(lo) {
                if col <= hi {
                    sum += cell;
                } else if sum.abs() <= 1.0 / 512.0 {
                    break;
                }
                let coverage = sum.abs().min(1.0);
                if coverage > 1.0 / 512.0 {
                    let x = x0 + col;
                    pm.cover(x, y, paint(x as f32 + 0.5, y as f32 + 0.5), coverage);
                }
            }
            cells[lo..=hi].fill(0.0);
        }
    });
}

/// Issue 12: a fill skips whole the blocks of a row no edge wrote in (a head's rim
/// stroke walked the whole head's width on every row). The pixels are the plain walk's
/// to the byte: shapes, strokes across wide boxes, shapes partly outside, shaded and
/// translucent, on pixmaps whose rows have 64-cell blocks and wider ones.
#[test]
fn a_fill_skipping_untouched_blocks_has_the_plain_walks_pixels() {
    let ring = |c: Vec2, r: f32, n: usize, wobble: f32| -> Vec<Vec2> {
        (0..n)
            .map(|k| {
                let a = k as f32 * std::f32::consts::TAU / n as f32;
                let r = r * (1.0 + wobble * (3.0 * a).sin());
                c + Vec2::new(a.cos(), a.sin()) * r
            })
            .collect()
    };
    for (w, h) in [(120u32, 90u32), (1170, 300), (5000, 64)] {
        let (wf, hf) = (w as f32, h as f32);
        let centre = Vec2::new(wf * 0.5 + 0.37, hf * 0.5 - 0.21);
        let mut rim = ring(centre, hf * 0.45, 97, 0.08);
        rim.push(rim[0]);
        let cases: Vec<(Vec<Vec<Vec2>>, Rgba)> = vec![
            (stroke_polygons(&rim, 1.7), Rgba(170, 126, 104, 150)),
            (stroke_polygons(&rim, 0.4), Rgba(9, 9, 9, 255)),
            (vec![ring(centre, hf * 0.4, 61, 0.2)], Rgba(20, 30, 40, 255)),
            (
                vec![
                    ring(centre, hf * 0.4, 7, 0.0),
                    ring(centre, hf * 0.2, 5, 0.0),
                ],
                Rgba(200, 10, 10, 120),
            ),
            (
                stroke_polygons(&[Vec2::new(-5.0, 3.0), Vec2::new(wf + 9.0, hf - 2.5)], 3.3),
                Rgba(1, 2, 3, 255),
            ),
            (
                vec![ring(Vec2::new(wf - 2.0, 1.0), hf * 0.6, 33, 0.1)],
                Rgba(90, 80, 70, 255),
            ),
        ];
        for (polygons, colour) in cases {
            let shade = |x: f32, y: f32| {
                let t = ((x * 0.37 + y * 0.61) % 50.0) / 50.0;
                Rgba((t * 255.0) as u8, colour.1, colour.2, colour.3)
            };
            let mut plain = Pixmap::new(w, h, Rgba(250, 240, 230, 255)).unwrap();
            fill_with_plain(&mut plain, &polygons, shade);
            let mut skipping = Pixmap::new(w, h, Rgba(250, 240, 230, 255)).unwrap();
            skipping.fill_with(&polygons, shade);
            assert!(skipping == plain, "{w} × {h}: {colour:?} differs");
            let mut flat = Pixmap::new(w, h, Rgba(250, 240, 230, 255)).unwrap();
            fill_with_plain(&mut flat, &polygons, |_, _| colour);
            let mut filled = Pixmap::new(w, h, Rgba(250, 240, 230, 255)).unwrap();
            filled.fill(&polygons, colour);
            assert!(filled == flat, "{w} × {h}: flat {colour:?} differs");
        }
    }
}

/// The accumulation buffer is shared by fills: each must leave it clean, or the next
/// fill (a face feature after the head) would be drawn with the last one's edges.
#[test]
fn a_fill_after_others_has_the_pixels_it_has_alone() {
    let star = |c: Vec2, r: f32| -> Vec<Vec2> {
        (0..10)
            .map(|k| {
                let a = k as f32 * std::f32::consts::TAU / 10.0;
                let r = if k % 2 == 0 { r } else { r * 0.45 };
                c + Vec2::new(a.cos(), a.sin()) * r
            })
            .collect()
    };
    let alone = {
        let mut pm = Pixmap::new(120, 90, Rgba(255, 255, 255, 255)).unwrap();
        pm.fill(&[star(Vec2::new(70.3, 40.7), 30.0)], Rgba(20, 30, 40, 200));
        pm
    };
    let mut after = Pixmap::new(120, 90, Rgba(255, 255, 255, 255)).unwrap();
    // Others first, elsewhere on another pixmap, overlapping the same cells of the buffer.
    let mut other = Pixmap::new(200, 200, Rgba(0, 0, 0, 255)).unwrap();
    other.fill(
        &[star(Vec2::new(100.0, 100.0), 95.0)],
        Rgba(200, 10, 10, 255),
    );
    other.stroke(
        &[Vec2::new(3.0, 3.0), Vec2::new(190.0, 150.0)],
        4.0,
        Rgba(9, 9, 9, 255),
    );
    // Partly outside its pixmap, which clamps edges into the spare cells.
    other.fill(&[star(Vec2::new(195.0, 10.0), 40.0)], Rgba(1, 2, 3, 255));
    after.fill(&[star(Vec2::new(70.3, 40.7), 30.0)], Rgba(20, 30, 40, 200));
    assert_eq!(after, alone);
}

#[test]
fn square_fill_has_exact_coverage() {
    let mut pm = Pixmap::new(10, 10, Rgba(255, 255, 255, 255)).unwrap();
    let sq = vec![
        Vec2::new(2.0, 2.0),
        Vec2::new(6.5, 2.0),
        Vec2::new(6.5, 6.0),
        Vec2::new(2.0, 6.0),
    ];
    pm.fill(&[sq], Rgba(0, 0, 0, 255));
    assert_eq!(pm.pixel(3, 3), Some(Rgba(0, 0, 0, 255)));
    assert_eq!(pm.pixel(1, 3), Some(Rgba(255, 255, 255, 255)));
    // Half-covered column at x = 6.
    let half = pm.pixel(6, 3).unwrap().0;
    assert!((126..=129).contains(&half), "{half}");
}

#[test]
fn shapes_partly_outside_do_not_panic() {
    let mut pm = Pixmap::new(20, 20, Rgba(255, 255, 255, 255)).unwrap();
    let tri = vec![
        Vec2::new(-30.0, -5.0),
        Vec2::new(50.0, 10.0),
        Vec2::new(5.0, 60.0),
    ];
    pm.fill(&[tri], Rgba(0, 0, 0, 255));
    pm.stroke(
        &[Vec2::new(-5.0, -5.0), Vec2::new(25.0, 25.0)],
        3.0,
        Rgba(0, 0, 0, 255),
    );
    assert_eq!(pm.pixel(10, 10), Some(Rgba(0, 0, 0, 255)));
}

#[test]
fn zero_or_huge_pixmaps_are_refused() {
    assert!(Pixmap::new(0, 10, Rgba(0, 0, 0, 255)).is_none());
    assert!(Pixmap::new(10, MAX_SIDE_PX + 1, Rgba(0, 0, 0, 255)).is_none());
}

#[test]
fn at_most_and_at_least_give_min_and_max() {
    let values = [
        -2.5,
        -1.0,
        -0.0,
        0.0,
        0.25,
        0.999_999_94,
        1.0,
        1.000_000_1,
        7.0,
        f32::INFINITY,
        f32::NEG_INFINITY,
        f32::NAN,
        f32::MIN_POSITIVE,
    ];
    // The same value (NaN gives the bound, as min and max do); of two zeros, either sign.
    let same = |a: f32, b: f32| a.to_bits() == b.to_bits() || (a == 0.0 && b == 0.0);
    for x in values {
        for bound in [0.0f32, -0.0, 1.0, -3.0, 640.5] {
            assert!(same(at_most(x, bound), x.min(bound)), "{x} min {bound}");
            assert!(same(at_least(x, bound), x.max(bound)), "{x} max {bound}");
        }
    }
}
