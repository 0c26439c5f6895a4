//! Tests of the photo as the engine sees it: sizes refused, down-scaling, the colour
//! around a point (the eyedropper) and how bright its brightest parts are.
use super::*;

#[test]
fn bad_sizes_and_buffers_are_refused_with_a_message() {
    assert!(Photo::new(0, 10, vec![]).unwrap_err().0.contains("0 × 10"));
    assert!(Photo::new(10_000, 10_000, vec![])
        .unwrap_err()
        .0
        .contains("100.0 MP"));
    assert!(Photo::new(2, 2, vec![0; 15])
        .unwrap_err()
        .0
        .contains("expected 16"));
}

#[test]
fn scaling_averages_areas_and_keeps_the_aspect() {
    let mut data = Vec::new();
    for y in 0..300u32 {
        for x in 0..400u32 {
            let v = if (x / 2 + y / 2) % 2 == 0 { 0 } else { 200 };
            data.extend_from_slice(&[v, v, v, 255]);
        }
    }
    let p = Photo::new(400, 300, data).unwrap();
    let s = p.scaled_to_fit(100);
    assert_eq!((s.width(), s.height()), (100, 75));
    let c = s.rgb(50, 30);
    assert!((c[0] as i32 - 100).abs() <= 15, "{c:?}");
    assert_eq!(p.scaled_to_fit(1000), p);
    let m = p.mean_colour(200.0, 150.0, 10.0).unwrap();
    assert!((m[0] - 100.0).abs() < 10.0);
    assert!(p.mean_colour(f64::NAN, 0.0, 1.0).is_none());
}

/// `colour` is `expected`, each channel within one level.
fn assert_colour(colour: Option<[f64; 3]>, expected: [f64; 3]) {
    let c = colour.expect("a colour");
    assert!(
        c.iter().zip(expected).all(|(a, b)| (a - b).abs() < 1.0),
        "{c:?}, not {expected:?}"
    );
}

/// A 60 × 60 photo of fair skin (with a little noise) whose left half has strands of
/// `hair` wherever `strand(x, y)` says.
fn strands_over_skin(strand: impl Fn(u32, u32) -> bool, hair: [u8; 3]) -> Photo {
    let (w, h) = (60u32, 60u32);
    let mut data = Vec::new();
    for y in 0..h {
        for x in 0..w {
            let noise = ((x * 7 + y * 13) % 5) as u8;
            let c = if x < 30 && strand(x, y) {
                hair
            } else {
                [226 - noise, 188 - noise, 160 - noise]
            };
            data.extend_from_slice(&[c[0], c[1], c[2], 255]);
        }
    }
    Photo::new(w, h, data).unwrap()
}

/// The eyedropper's sample on a lock of dark hair over fair skin (four strand pixels in
/// five) is the strands' colour, not their mean with the skin between them; on plain skin
/// (noise only) it is the skin's.
#[test]
fn the_main_colour_of_a_lock_is_its_strands_not_their_mean_with_the_skin() {
    let p = strands_over_skin(|x, y| (x + y) % 5 != 0, [30, 25, 22]);
    assert_colour(p.main_colour(15.0, 30.0, 4.0), [30.0, 25.0, 22.0]);
    let mean = p.mean_colour(15.0, 30.0, 4.0).unwrap();
    assert!(
        mean[0] > 60.0,
        "the mean is a colour between them: {mean:?}"
    );
    let skin = p.main_colour(45.0, 30.0, 4.0).unwrap();
    assert!((skin[0] - 224.0).abs() < 3.0, "{skin:?}");
    assert!(p.main_colour(f64::NAN, 0.0, 1.0).is_none());
    assert!(p.main_colour(-100.0, -100.0, 2.0).is_none());
}

/// On sparse hair (one strand pixel in five over fair skin) the larger part of the disc
/// is the skin: with the photo's skin colour known the pick is the strands', and on
/// plain skin it stays the skin's (nothing else there).
#[test]
fn on_sparse_hair_the_pick_is_the_strands_when_the_skin_is_known() {
    let p = strands_over_skin(|x, y| (x + 2 * y) % 5 == 0, [40, 30, 26]);
    let skin = Some([224.0, 186.0, 158.0]);
    let majority = p.main_colour(15.0, 30.0, 6.0).unwrap();
    assert!(
        majority[0] > 200.0,
        "without the skin, the larger part: {majority:?}"
    );
    assert_colour(
        p.hair_colour_near(15.0, 30.0, 6.0, skin),
        [40.0, 30.0, 26.0],
    );
    let plain = p.hair_colour_near(45.0, 30.0, 6.0, skin).unwrap();
    assert!((plain[0] - 224.0).abs() < 3.0, "{plain:?}");
    // Dense blond strands with a shadow pixel in six: the blond, not the shadows, which
    // are further from the skin (the advice read them as dark brown hair).
    let blond = strands_over_skin(|x, y| (x + y) % 6 != 0, [205, 175, 120]);
    let mut data = blond.data.as_ref().clone();
    for (i, px) in data.chunks_exact_mut(4).enumerate() {
        let (x, y) = ((i % 60) as u32, (i / 60) as u32);
        if x < 30 && (x + y) % 6 == 0 {
            px[..3].copy_from_slice(&[95, 80, 60]);
        }
    }
    let blond = Photo::new(60, 60, data).unwrap();
    assert_colour(
        blond.hair_colour_near(15.0, 30.0, 6.0, skin),
        [205.0, 175.0, 120.0],
    );
}

#[test]
fn a_dim_photo_is_told_from_one_exposed_for_its_scene() {
    // Mid skin (max channel 190, under the threshold) with `white` of its pixels a white
    // ruler, scattered irregularly, at `light` of the exposure.
    let scene = |white: f64, light: f64| {
        let mut data = Vec::new();
        let mut state = 7u64;
        for _ in 0..40_000 {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let u = (state >> 11) as f64 / (1u64 << 53) as f64;
            let rgb = if u < white {
                [250.0, 250.0, 250.0]
            } else {
                [190.0, 150.0, 130.0]
            };
            data.extend(rgb.map(|c: f64| (c * light).round() as u8));
            data.push(255);
        }
        Photo::new(200, 200, data).unwrap()
    };
    // 3 % white: the photo has its near-white, as exposed; at 70 % and 50 % it is grey.
    assert!(scene(0.03, 1.0).highlight_level() >= DIM_PHOTO_HIGHLIGHT);
    assert!(scene(0.03, 0.7).highlight_level() < DIM_PHOTO_HIGHLIGHT);
    assert!(scene(0.03, 0.5).highlight_level() < DIM_PHOTO_HIGHLIGHT);
    // A few glints (0.3 %) are not the photo's highlights: the level is the skin's.
    assert_eq!(scene(0.003, 1.0).highlight_level(), 190);
}
