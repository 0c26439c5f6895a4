//! Native engine benchmarks (`cargo bench --bench engine`, or `scripts/bench`).
//!
//! Times the stages a user waits for: the tile for a new density (the stored tile scaled;
//! building one, as every density value did before, for comparison), re-laying
//! the dots of a design after an edit, and a whole frame (re-lay + render 50k dots at
//! 1920 × 1080), and the first frame at a new zoom, which builds the renderer's kernels.
//! Medians over repeated runs; no file I/O in the timed part. A plain timing
//! loop rather than criterion keeps the build small; figures go to the README with the
//! machine they came from.

use std::time::Instant;

use glam::DVec2;
use hairline::engine::placement::{RankedTile, TileOptions};
use hairline::engine::template::default_design;
use hairline::engine::Rect;
use hairline::engine::Scene;
use hairline::engine::View;
use hairline::{Design, Style};

fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    f(); // warm-up
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[runs / 2]
}

/// A 200 × 250 mm (500 cm²) scalp at 100 impressions/cm² with a soft line near its lower
/// edge: about 50k dots, a full scalp's worth.
pub fn full_scalp_design() -> Design {
    Design {
        scalp: vec![
            DVec2::new(10.0, 20.0),
            DVec2::new(210.0, 20.0),
            DVec2::new(210.0, 270.0),
            DVec2::new(10.0, 270.0),
        ],
        hairline: vec![
            DVec2::new(0.0, 262.0),
            DVec2::new(110.0, 258.0),
            DVec2::new(220.0, 262.0),
        ],
        density_per_cm2: 100.0,
        style: Style::Soft,
        ..default_design()
    }
}

/// A phone's first picture: the page starts (the template design, laid), then paints its
/// canvas whole (390 × 509 CSS px at DPR 3, the template fitted with a 48 px margin), with
/// no kernel or table built yet in the process, as after a navigation.
fn phone_first_picture() {
    let phone = View {
        px_per_mm: 4.776_666_666_666_666,
        offset: DVec2::new(59.566_666_666_666_72, 48.0),
    };
    let mut started = Scene::new(default_design()).expect("valid template design");
    let start = median_ms(11, || {
        started = Scene::new(default_design()).expect("valid template design");
    });
    let first_picture = median_ms(11, || {
        hairline::engine::render::forget_built_tables();
        let mut scene = started.clone();
        std::hint::black_box(scene.render(1170, 1529, phone).map(|p| p.data()[0]));
    });
    let warm_picture = median_ms(11, || {
        let mut scene = started.clone();
        std::hint::black_box(scene.render(1170, 1529, phone).map(|p| p.data()[0]));
    });
    println!("  phone: page's engine start {start:8.2} ms  (template design laid)");
    println!("  phone: first picture     {first_picture:8.2} ms  (1170×1529, nothing built yet; {warm_picture:.2} ms with its tables built)");
}

fn main() {
    // `cargo bench --bench engine -- phone`: only the phone's first picture (a profile).
    if std::env::args().any(|a| a == "phone") {
        phone_first_picture();
        return;
    }
    println!("native engine benchmarks (median of runs; ms)");
    // `-- frame`: only the full scalp's whole frame (re-lay + render), 400 times: a profile
    // of exactly the row the browser's benchmark times, with no new zoom mixed in.
    if std::env::args().any(|a| a == "frame") {
        full_scalp_frames(400);
        return;
    }
    // `-- full`: only the full scalp (a profile, or a count of instructions under valgrind).
    if std::env::args().any(|a| a == "full") {
        full_scalp();
        return;
    }
    for per_cm2 in [90.0, 200.0] {
        let built = median_ms(5, || {
            std::hint::black_box(RankedTile::build(TileOptions {
                density_per_mm2: per_cm2 / 100.0,
                size_mm: 40.0,
                ..TileOptions::canonical()
            }));
        });
        let scaled = median_ms(21, || {
            std::hint::black_box(RankedTile::canonical().scaled_to(per_cm2 / 100.0));
        });
        println!(
            "  tile at {per_cm2:>5} /cm²: stored tile scaled {scaled:8.3} ms; a 40 mm tile built {built:8.2} ms ({:.0}×)",
            built / scaled.max(1e-6)
        );
    }

    // A value of the dot-size slider: the new design and the stats the page shows with it.
    let mut scene = Scene::new(default_design()).ok();
    let mut k = 0;
    let ms = median_ms(31, || {
        k += 1;
        if let Some(scene) = scene.as_mut() {
            let mut d = scene.design().clone();
            d.dot_mm = 0.2 + (k % 7) as f64 * 0.01;
            let _ = scene.set_design(d);
            std::hint::black_box(scene.stats());
        }
    });
    println!("  dot-size value + stats     {ms:8.2} ms  (template design)");

    // A frame of a handle drag: one hairline point moved ±1 mm, and the stats.
    let mut scene = Scene::new(default_design()).ok();
    let mut flip = false;
    let ms = median_ms(31, || {
        flip = !flip;
        if let Some(scene) = scene.as_mut() {
            let mut d = scene.design().clone();
            d.hairline[10].y += if flip { 1.0 } else { -1.0 };
            let _ = scene.set_design(d);
            std::hint::black_box(scene.stats());
        }
    });
    println!("  handle move + stats        {ms:8.2} ms  (template design)");

    let base = default_design();
    let mut flip = false;
    let ms = median_ms(31, || {
        flip = !flip;
        let mut d = base.clone();
        d.hairline[10].y += if flip { 1.0 } else { -1.0 };
        std::hint::black_box(Scene::new(d).map(|s| s.dots().len()).unwrap_or(0));
    });
    let dots = Scene::new(base.clone())
        .map(|s| s.dots().len())
        .unwrap_or(0);
    println!(
        "  re-lay template design   {ms:8.2} ms  ({dots} dots, {:.1} M dots/s)",
        dots as f64 / ms / 1000.0
    );

    phone_first_picture();
    full_scalp();
}

/// The full scalp's scene and its 1920 × 1080 view, fitted.
fn full_scalp_scene() -> (Design, Scene, View) {
    let big = full_scalp_design();
    let scene = Scene::new(big.clone()).expect("valid benchmark design");
    let frame = Rect {
        min: DVec2::ZERO,
        max: DVec2::new(220.0, 300.0),
    };
    (big, scene, View::fit(frame, 1920, 1080, 16.0))
}

/// The median of `runs` whole frames: the line moved ±1 mm, re-laid and painted.
fn whole_frames(big: &Design, scene: &mut Scene, view: View, runs: usize) -> f64 {
    let mut flip = false;
    median_ms(runs, || {
        flip = !flip;
        let mut d = big.clone();
        d.hairline[1].y += if flip { 1.0 } else { -1.0 };
        scene.set_design(d).expect("valid benchmark design");
        std::hint::black_box(scene.render(1920, 1080, view).map(|p| p.data()[0]));
    })
}

/// The full scalp's whole frame, `runs` times (a profile of the browser's row).
fn full_scalp_frames(runs: usize) {
    let (big, mut scene, view) = full_scalp_scene();
    let frame_ms = whole_frames(&big, &mut scene, view, runs);
    println!("  full scalp: frame        {frame_ms:8.2} ms  ({runs} frames; re-lay + render)");
}

/// A full scalp (about 50k dots) re-laid and painted at 1920 × 1080.
fn full_scalp() {
    let (big, mut scene, view) = full_scalp_scene();
    let dots = scene.dots().len();
    let mut flip = false;
    let relay = median_ms(21, || {
        flip = !flip;
        let mut d = big.clone();
        d.hairline[1].y += if flip { 1.0 } else { -1.0 };
        scene.set_design(d).expect("valid benchmark design");
    });
    let render = median_ms(21, || {
        scene.invalidate(); // an unchanged frame is skipped: time a whole repaint
        std::hint::black_box(scene.render(1920, 1080, view).map(|p| p.data()[0]));
    });
    let frame_ms = whole_frames(&big, &mut scene, view, 21);
    // A new zoom: the renderer builds a kernel for every dot shape it meets (a slightly
    // different scale each run, so nothing is cached from the run before).
    let mut zoom = 0;
    let first = median_ms(11, || {
        zoom += 1;
        let view = View {
            px_per_mm: view.px_per_mm * (1.0 + zoom as f64 * 1e-4),
            ..view
        };
        std::hint::black_box(scene.render(1920, 1080, view).map(|p| p.data()[0]));
    });
    println!("  full scalp: re-lay       {relay:8.2} ms  ({dots} dots)");
    println!(
        "  full scalp: new zoom     {first:8.2} ms  (first frame at a new scale: kernels built)"
    );
    println!("  full scalp: render       {render:8.2} ms  (1920×1080)");
    println!("  full scalp: frame        {frame_ms:8.2} ms  (re-lay + render; browser adds putImageData)");
}
