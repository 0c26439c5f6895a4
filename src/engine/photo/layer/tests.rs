//! Tests of the photo layer: painting a photo under the design, its resample cache and
//! hair occlusion (a synthetic 100 × 75 mm photo, `photo()`, is shared with other tests).

use super::*;
use crate::engine::photo::classify::{Classification, MadeAnalysis};
use crate::engine::render::raster::Rgba;
use crate::engine::template::default_design;

/// 100 × 75 mm at 4 px/mm: fair skin, dark strands dense on the left, sparse on the right.
pub(crate) fn photo() -> (Photo, PhotoFrame) {
    let (w, h) = (400u32, 300u32);
    let mut data = Vec::with_capacity((w * h * 4) as usize);
    for y in 0..h {
        for x in 0..w {
            let every = if x < 200 { 3 } else { 11 };
            let hair = (x + y / 7) % every == 0;
            let light = 1.0 - 0.2 * y as f64 / h as f64;
            let c = if hair {
                [34.0, 28.0, 24.0]
            } else {
                [226.0 * light, 188.0 * light, 160.0 * light]
            };
            data.extend(c.map(|v| v as u8));
            data.push(255);
        }
    }
    let frame = PhotoFrame {
        width_px: w,
        height_px: h,
        px_per_mm: 4.0,
    };
    (Photo::new(w, h, data).unwrap(), frame)
}

pub(crate) fn design(scalp: Vec<DVec2>) -> Design {
    Design {
        scalp,
        hairline: vec![DVec2::new(0.0, 0.5), DVec2::new(100.0, 0.5)],
        style: Style::DensityOnly,
        ..default_design()
    }
}

pub(crate) fn rect(x0: f64, y0: f64, x1: f64, y1: f64) -> Vec<DVec2> {
    [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
        .map(|(x, y)| DVec2::new(x, y))
        .to_vec()
}

fn layer(photo: &Photo, frame: PhotoFrame) -> PhotoLayer {
    let mut layer = PhotoLayer::default();
    layer.set_frame(Some(frame)).unwrap();
    layer.set_photo(photo).unwrap();
    layer
}

/// A treated area drawn on the photo: the engine worker's analysis of it, handed over, is
/// taken when the design comes to that area (at that scale, with those options), and only
/// then; one of another size is not kept, and a new photo drops it.
#[test]
fn an_analysis_handed_over_for_a_new_area_is_taken_for_that_area_only() {
    let (photo, frame) = photo();
    let drawn = design(rect(20.0, 15.0, 70.0, 50.0));
    let marker =
        Classification::from_parts(400, 300, vec![1; 400 * 300], [1.0; 3], [2.0; 3], true, true)
            .unwrap();
    let handed = || MadeAnalysis {
        px_per_mm: 4.0,
        scalp: drawn.scalp.clone(),
        options: ClassifyOptions::default(),
        classification: Arc::new(marker.clone()),
        visible: None,
    };
    let mut layer = layer(&photo, frame);
    let first = design(rect(10.0, 10.0, 90.0, 65.0));
    let classified = layer.scalp_map(&first).unwrap();
    assert!(layer.take_analysis(handed()));
    // The first area again: still its own classification, not the handed one.
    assert_eq!(
        layer.scalp_map(&first).unwrap().classification(),
        classified.classification()
    );
    assert_eq!(layer.scalp_map(&drawn).unwrap().classification(), &marker);
    // Not of this photo's size: not kept.
    let small = Classification::from_parts(4, 3, vec![1; 12], [1.0; 3], [2.0; 3], true, true);
    assert!(!layer.take_analysis(MadeAnalysis {
        classification: Arc::new(small.unwrap()),
        ..handed()
    }));
    // A new photo drops what was handed over for the old one.
    let mut fresh = self::layer(&photo, frame);
    assert!(fresh.take_analysis(handed()));
    fresh.set_photo(&photo).unwrap();
    assert_ne!(fresh.scalp_map(&drawn).unwrap().classification(), &marker);
}

#[test]
fn an_analysis_made_with_the_photo_is_taken_for_its_own_region_only() {
    let (photo, frame) = photo();
    let here = design(rect(10.0, 10.0, 90.0, 65.0));
    let computed = layer(&photo, frame).scalp_map(&here).unwrap();
    // A stand-in analysis anyone could tell apart: every pixel bare scalp.
    let marker =
        Classification::from_parts(400, 300, vec![1; 400 * 300], [1.0; 3], [2.0; 3], true, true)
            .unwrap();
    assert_ne!(computed.classification(), &marker);
    let made = |scalp: Vec<DVec2>, hint: Option<[f64; 3]>| MadeAnalysis {
        px_per_mm: 4.0,
        scalp,
        options: ClassifyOptions { hair_hint: hint },
        classification: Arc::new(marker.clone()),
        visible: None,
    };
    let with = photo.clone().with_analysis(made(here.scalp.clone(), None));
    let mut taken = layer(&with, frame);
    let map = taken.scalp_map(&here).unwrap();
    assert_eq!(map.classification(), &marker);
    // With its grid (made elsewhere with it), the grid is taken as it came: the same map.
    let grid = map.visible().to_vec();
    let mut odd = grid.clone();
    odd[0] = 0.5 * (1.0 - odd[0]); // a value the marker's own grid does not have there
    let with_grid = photo.clone().with_analysis(MadeAnalysis {
        visible: Some(odd.clone()),
        ..made(here.scalp.clone(), None)
    });
    assert_eq!(
        layer(&with_grid, frame).scalp_map(&here).unwrap().visible(),
        &odd[..]
    );
    // One that is no such grid (its size, a value past 0–1) is made here instead.
    for bad in [
        grid[1..].to_vec(),
        vec![f32::NAN; grid.len()],
        vec![2.0; grid.len()],
    ] {
        let with_bad = photo.clone().with_analysis(MadeAnalysis {
            visible: Some(bad),
            ..made(here.scalp.clone(), None)
        });
        assert_eq!(
            layer(&with_bad, frame).scalp_map(&here).unwrap().visible(),
            &grid[..]
        );
    }
    // Another region, other options or another scale: classified here, as without it.
    let elsewhere = design(rect(12.0, 10.0, 90.0, 65.0));
    let mut other = layer(&with, frame);
    assert_ne!(
        other.scalp_map(&elsewhere).unwrap().classification(),
        &marker
    );
    let hinted = photo
        .clone()
        .with_analysis(made(here.scalp.clone(), Some([30.0; 3])));
    assert_eq!(
        layer(&hinted, frame)
            .scalp_map(&here)
            .unwrap()
            .classification(),
        computed.classification()
    );
    let rescaled = PhotoFrame {
        px_per_mm: 5.0,
        ..frame
    };
    assert_ne!(
        layer(&with, rescaled)
            .scalp_map(&here)
            .unwrap()
            .classification(),
        &marker
    );
    // One of another size is not attached at all.
    let small = Classification::from_parts(4, 3, vec![1; 12], [1.0; 3], [2.0; 3], true, true);
    let wrong = photo.clone().with_analysis(MadeAnalysis {
        classification: Arc::new(small.unwrap()),
        ..made(here.scalp.clone(), None)
    });
    assert!(wrong.made_analysis().is_none());
    assert!(
        Classification::from_parts(4, 3, vec![1; 11], [0.0; 3], [0.0; 3], true, true).is_none()
    );
}

#[test]
fn painting_the_photo_is_the_same_zoomed_out_and_close_up_with_its_hair_coverage() {
    let (photo, frame) = photo();
    let here = design(rect(10.0, 10.0, 90.0, 65.0));
    let mut l = layer(&photo, frame);
    let map = l.scalp_map(&here).unwrap();
    let cov = map.classification().coverage_bytes();
    for ppm in [1.3, 3.0, 4.0, 7.5] {
        let view = View {
            px_per_mm: ppm,
            offset: DVec2::new(-3.0, 5.0),
        };
        let mut bg =
            Pixmap::new(300, 200, crate::engine::render::raster::Rgba(0, 0, 0, 255)).unwrap();
        let occlusion = paint_photo(&mut bg, &photo, Some(cov), 4.0, &view);
        // Against the first way of painting it: the coverage as a grey photo.
        let k = (ppm / 4.0).min(1.0);
        let grey: Vec<u8> = cov.iter().flat_map(|&v| [v, v, v, 255]).collect();
        let grey = Photo::new(400, 300, grey).unwrap();
        let (sw, sh) = if k < 0.75 {
            ((400.0 * k).round() as u32, (300.0 * k).round() as u32)
        } else {
            (400, 300)
        };
        let (src, cov_src) = (photo.resized(sw, sh), grey.resized(sw, sh));
        let scale = 4.0 * sw as f64 / 400.0;
        for y in 0..200usize {
            for x in 0..300usize {
                let s = view.to_mm(DVec2::new(x as f64 + 0.5, y as f64 + 0.5)) * scale
                    - DVec2::splat(0.5);
                let i = (y * 300 + x) * 4;
                if s.x < -0.5 || s.y < -0.5 || s.x > sw as f64 - 0.5 || s.y > sh as f64 - 0.5 {
                    assert_eq!(&bg.data()[i..i + 4], &[0, 0, 0, 255]);
                    continue;
                }
                let (x0, y0) = (s.x.floor() as i64, s.y.floor() as i64);
                let (tx, ty) = (s.x - x0 as f64, s.y - y0 as f64);
                for k in 0..3 {
                    let c = |xx: i64, yy: i64| src.rgb(xx, yy)[k] as f64;
                    let v = (c(x0, y0) * (1.0 - tx) + c(x0 + 1, y0) * tx) * (1.0 - ty)
                        + (c(x0, y0 + 1) * (1.0 - tx) + c(x0 + 1, y0 + 1) * tx) * ty;
                    assert_eq!(bg.data()[i + k], (v + 0.5) as u8, "{ppm} px/mm at {x}, {y}");
                }
                let c = cov_src.rgb((s.x + 0.5) as i64, (s.y + 0.5) as i64)[0];
                assert_eq!(occlusion[y * 300 + x], c);
            }
        }
    }
}

/// Issue 12: a zoomed-out photo's area-averaged copy is made row by row as the bands of a
/// frame need them. Made whole in the first band, a 50 MP photo's took one 172 ms task at 4×
/// CPU on a phone; now a band makes only the rows it samples, and the frame's bands
/// together make them all, the pixels those of the copy made whole.
#[test]
fn a_zoomed_out_copy_is_made_as_the_bands_need_its_rows() {
    let (photo, frame) = photo();
    let here = design(rect(10.0, 10.0, 90.0, 65.0));
    let mut layer = layer(&photo, frame);
    // 1.5 px/mm: a copy at 3/8 of the 4 px/mm photo, the photo filling the frame's height.
    let (w, h, rows) = (150u32, 113u32, 16u32);
    let view = View {
        px_per_mm: 1.5,
        offset: DVec2::ZERO,
    };
    let mut banded = Pixmap::new(w, h, Rgba(0, 0, 0, 255)).unwrap();
    let mut covered = Vec::new();
    let mut y = 0;
    while y < h {
        let n = rows.min(h - y);
        let mut band = Pixmap::new(w, n, Rgba(0, 0, 0, 255)).unwrap();
        let shifted = View {
            offset: view.offset - DVec2::new(0.0, y as f64),
            ..view
        };
        covered.extend(
            layer
                .paint_background_band(&mut band, &here, &shifted)
                .unwrap(),
        );
        let made = layer.resampled.as_ref().map_or(0, |r| r.rows);
        let copy_rows = layer.resampled.as_ref().map_or(0, |r| r.size.1);
        if y == 0 {
            assert!(
                made <= copy_rows / 4,
                "the first band made {made} of the copy's {copy_rows} rows"
            );
        }
        banded.paste_rows(&band, y);
        y += n;
    }
    let mut whole = Pixmap::new(w, h, Rgba(0, 0, 0, 255)).unwrap();
    let map = layer.scalp_map(&here).unwrap();
    let coverage = map.classification().coverage_bytes();
    let expected = paint_photo(&mut whole, &photo, Some(coverage), 4.0, &view);
    assert!(
        banded == whole,
        "the banded photo differs from one painted whole"
    );
    assert_eq!(covered, expected, "the hair coverage differs");
}

/// Issue 13: a scene tried on a clone (a new calibration) clones its zoomed-out copy with
/// only the rows made so far; finishing that copy must hold one copy's bytes, not the up to
/// twice as many that growing it by doubling held (1,000-action soaks read the engine's
/// memory in use 10.9 -> 12.2 MB at the end with the row-by-row copy before this).
#[test]
fn a_cloned_half_made_copy_holds_one_copy_when_finished() {
    let (photo, frame) = photo();
    let here = design(rect(10.0, 10.0, 90.0, 65.0));
    let mut layer = layer(&photo, frame);
    let view = View {
        px_per_mm: 1.5,
        offset: DVec2::ZERO,
    };
    // The top band only: the copy is part made.
    let mut band = Pixmap::new(150, 16, Rgba(0, 0, 0, 255)).unwrap();
    layer
        .paint_background_band(&mut band, &here, &view)
        .unwrap();
    let mut tried = layer.clone();
    // The rest of the frame on the clone.
    let mut rest = Pixmap::new(150, 113, Rgba(0, 0, 0, 255)).unwrap();
    tried
        .paint_background_band(&mut rest, &here, &view)
        .unwrap();
    let r = tried.resampled.as_ref().unwrap();
    let px = r.size.0 as usize * r.size.1 as usize;
    assert_eq!(r.rows, r.size.1, "the copy is finished");
    let copy = r.copy.as_ref().unwrap();
    assert_eq!(copy.len(), px * 4);
    assert_eq!(
        copy.capacity(),
        px * 4,
        "the copy holds more than its pixels"
    );
    let cover = r.cover.as_ref().unwrap();
    assert_eq!(
        cover.capacity(),
        px,
        "the coverage holds more than its pixels"
    );
}

/// Scars and marks are drawn on the bald template head only. On a photo (and the
/// generated thinning-hair head) a mark laid on the template filled a place the picture
/// shows no scar with impressions that were counted and never seen (1,256 of them under
/// the thinning head's hair); the photo's own scar is bare scalp, which density-only fills.
#[test]
fn on_a_photo_the_templates_marks_add_no_impressions() {
    use crate::engine::marks::{MarkKind, Marks};
    use crate::engine::scene::Scene;
    let (photo, frame) = photo();
    let plain = design(rect(10.0, 10.0, 90.0, 65.0));
    let marked = Design {
        marks: Marks(vec![crate::engine::marks::Mark {
            centre: DVec2::new(30.0, 40.0),
            ..MarkKind::Fue.default_mark()
        }]),
        ..plain.clone()
    };
    let count = |design: &Design| {
        let mut scene = Scene::new(design.clone()).unwrap();
        scene.replace_photo(photo.clone(), frame).unwrap();
        scene.dots().len()
    };
    // On the photo (dense hair where the mark lies) it adds none: the scalp map, not the
    // mark, says where the scalp shows.
    assert_eq!(count(&marked), count(&plain));
}
