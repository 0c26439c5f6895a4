//! The template head with generated thinning hair (src/engine/photo/thinning.rs), run through the
//! unchanged photo pipeline: classification against the generator's own truth, density-only
//! dots on visible scalp (more where more shows, almost none under dense hair), contrast
//! lower after a realistic session, and determinism for a seed. Writes
//! tests/artifacts/thinning-engine.png (the head with healed dots) to look at.
//!
//! Run `cargo test --release --test thinning -- --nocapture` to see the figures.

use glam::DVec2;
use hairline::engine::photo::plain_words;
use hairline::engine::photo::thinning::{self, ThinningHead, ThinningOptions, PX_PER_MM};
use hairline::engine::photo::{classify, ClassifyOptions};
use hairline::engine::render::{Age, Stage};
use hairline::engine::template::default_design;
use hairline::engine::Scene;
use hairline::engine::View;
use hairline::engine::{Design, Style};

fn truth_at(head: &ThinningHead, p: DVec2) -> f64 {
    let (x, y) = ((p.x * PX_PER_MM) as usize, (p.y * PX_PER_MM) as usize);
    let w = head.photo.width() as usize;
    head.coverage[y * w + x] as f64 / 255.0
}

fn scene_on(head: &ThinningHead, seed: u64) -> Scene {
    let design = Design {
        seed,
        scalp: thinning::treated_region(),
        style: Style::DensityOnly,
        ..default_design()
    };
    let mut scene = Scene::new(design).expect("valid design");
    scene
        .set_photo_frame(Some(thinning::frame()))
        .expect("frame");
    scene.set_photo(&head.photo).expect("photo");
    scene
}

/// Dots per cm² in an axis-aligned box, mm.
fn density_in(scene: &Scene, min: DVec2, max: DVec2) -> f64 {
    let n = scene
        .dots()
        .iter()
        .filter(|d| d.position.cmpge(min).all() && d.position.cmplt(max).all())
        .count();
    n as f64 / ((max - min).x * (max - min).y / 100.0)
}

#[test]
fn the_generated_head_classifies_accurately_against_its_truth() {
    for (name, rgb) in [
        ("default (near-black)", [36, 28, 24]),
        ("black", [28, 24, 22]),
    ] {
        let head = thinning::render(
            20261122,
            &ThinningOptions {
                hair_rgb: rgb,
                ..ThinningOptions::default()
            },
        );
        let region: Vec<DVec2> = thinning::treated_region()
            .iter()
            .map(|&p| p * PX_PER_MM)
            .collect();
        let c = classify(&head.photo, &region, PX_PER_MM, &ClassifyOptions::default());
        let w = head.photo.width() as i64;
        let (mut ok, mut n, mut scalp) = (0usize, 0usize, 0usize);
        for y in 0..head.photo.height() as i64 {
            for x in 0..w {
                if let Some(a) = c.hair_at(x, y) {
                    let truth = head.coverage[(y * w + x) as usize] >= 128;
                    n += 1;
                    scalp += usize::from(!truth);
                    ok += usize::from((a >= 0.5) == truth);
                }
            }
        }
        let accuracy = ok as f64 / n as f64;
        println!(
            "{name} hair: pixel accuracy {:.1} % over {n} px of the treated region ({:.0} % truly scalp)",
            accuracy * 100.0,
            scalp as f64 * 100.0 / n as f64
        );
        assert!(accuracy >= 0.8, "{name}: accuracy {accuracy}");
    }
}

#[test]
fn density_only_dots_land_on_visible_scalp_and_follow_how_much_shows() {
    let head = thinning::render(20261122, &ThinningOptions::default());
    let mut scene = scene_on(&head, 20261122);
    let dots = scene.dots().to_vec();
    assert!(dots.len() > 250, "{} dots", dots.len());
    let on_scalp = dots
        .iter()
        .filter(|d| truth_at(&head, d.position) < 0.5)
        .count() as f64
        / dots.len() as f64;
    // The parting over the top, where Ludwig thinning shows most, against the sides where
    // long hair lies thick over the temples.
    let parting = density_in(&scene, DVec2::new(100.0, 30.0), DVec2::new(120.0, 55.0));
    let beside = density_in(&scene, DVec2::new(125.0, 35.0), DVec2::new(145.0, 55.0));
    let sides = density_in(&scene, DVec2::new(166.0, 110.0), DVec2::new(178.0, 150.0)).max(
        density_in(&scene, DVec2::new(42.0, 110.0), DVec2::new(54.0, 150.0)),
    );
    let r = scene.contrast().expect("a calibrated photo");
    println!(
        "{} dots, {:.1} % on true scalp; parting {parting:.1} /cm², beside it {beside:.1}, dense sides {sides:.1}",
        dots.len(),
        on_scalp * 100.0
    );
    println!(
        "contrast at 90 /cm², 0.25 mm, shade 0.75, healed: RMS {:.3} → {:.3}, Weber {:.3} → {:.3}, scalp showing {:.0} %: {}",
        r.rms_before,
        r.rms_after,
        r.weber_before,
        r.weber_after,
        r.scalp_fraction * 100.0,
        plain_words(&r)
    );
    // A picture to look at: the head fitted into 660 × 900 px, healed.
    scene.set_stage(Stage {
        session: 3,
        age: Age::Healed,
    });
    let view = View {
        px_per_mm: 3.0,
        offset: DVec2::ZERO,
    };
    let frame = scene.render(660, 900, view).expect("frame").clone();
    save_png(
        "thinning-engine.png",
        frame.width(),
        frame.height(),
        frame.data(),
    );
    let zoom = View {
        px_per_mm: 12.0,
        offset: DVec2::new(-60.0 * 12.0, -20.0 * 12.0),
    };
    let frame = scene.render(1200, 600, zoom).expect("frame").clone();
    save_png(
        "thinning-engine-zoom.png",
        frame.width(),
        frame.height(),
        frame.data(),
    );
    // The head's own truth is its analysis (the classifier put only about a third of the
    // dots on pixels the truth calls scalp: at 6.5 px/mm its strands are sub-pixel).
    assert!(on_scalp >= 0.95, "on scalp {on_scalp}");
    assert!(
        parting > 5.0 * beside && parting > 5.0 * sides,
        "{parting} {beside} {sides}"
    );
    assert!(parting >= 20.0, "parting {parting}");
    assert!(sides <= 4.0, "dense sides {sides}");
    assert!(r.rms_after < r.rms_before, "{r:?}");
    assert!(r.weber_after <= r.weber_before, "{r:?}");
}

#[test]
fn the_generated_head_is_deterministic_for_a_seed_and_opt_in() {
    let a = thinning::render(7, &ThinningOptions::default());
    let b = thinning::render(7, &ThinningOptions::default());
    let c = thinning::render(8, &ThinningOptions::default());
    assert_eq!(a.photo, b.photo);
    assert_eq!(a.coverage, b.coverage);
    assert_ne!(a.photo, c.photo);
    // Milder thinning shows less scalp on the parting.
    let shows = |grade: f64| {
        let h = thinning::render(
            7,
            &ThinningOptions {
                ludwig: grade,
                ..ThinningOptions::default()
            },
        );
        let w = h.photo.width() as usize;
        let (mut bare, mut n) = (0, 0);
        for y in (35.0 * PX_PER_MM) as usize..(55.0 * PX_PER_MM) as usize {
            for x in (95.0 * PX_PER_MM) as usize..(125.0 * PX_PER_MM) as usize {
                n += 1;
                bare += usize::from(h.coverage[y * w + x] < 128);
            }
        }
        bare as f64 / n as f64
    };
    let (mild, marked) = (shows(1.0), shows(3.0));
    println!(
        "scalp showing on the parting: Ludwig I {:.0} %, Ludwig III {:.0} %",
        mild * 100.0,
        marked * 100.0
    );
    assert!(marked > mild, "{mild} {marked}");
    // Without it, the scene paints the bare template as before (golden images test that).
    let scene = Scene::new(default_design()).expect("default");
    assert!(scene.photo().photo().is_none());
}

fn save_png(name: &str, w: u32, h: u32, rgba: &[u8]) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/artifacts");
    let _ = std::fs::create_dir_all(&dir);
    let Ok(file) = std::fs::File::create(dir.join(name)) else {
        return;
    };
    let mut enc = png::Encoder::new(std::io::BufWriter::new(file), w, h);
    enc.set_color(png::ColorType::Rgba);
    enc.set_depth(png::BitDepth::Eight);
    if let Ok(mut writer) = enc.write_header() {
        let _ = writer.write_image_data(rgba);
    }
}

/// Found by an exploratory pass: on the long-haired head the work asked for did not rise
/// with the Ludwig grade (I: 778 impressions, II: 388, III: 575 on the page), since the
/// classifier read sub-pixel strands as scalp by a margin that varied with the seed. The
/// head's own truth is its analysis now: more thinning, more impressions.
#[test]
fn the_work_asked_for_rises_with_the_ludwig_grade() {
    let seed = default_design().seed;
    let dots: Vec<usize> = [1.0, 2.0, 3.0]
        .into_iter()
        .map(|ludwig| {
            let head = thinning::render(
                seed,
                &ThinningOptions {
                    ludwig,
                    ..ThinningOptions::default()
                },
            );
            scene_on(&head, seed).dots().len()
        })
        .collect();
    println!("impressions on the long-haired head, Ludwig I, II, III: {dots:?}");
    assert!(dots[0] < dots[1] && dots[1] < dots[2], "{dots:?}");
}
