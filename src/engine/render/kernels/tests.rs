//! Tests of the kernels: every sub-pixel phase darkens as the dot does at full resolution
//! (mirrored phases sharing one scale), the fast scale search equals the bisection to the
//! bit, shared tables equal freshly built ones, and the kernel build's speed (printed, not
//! asserted).
use super::*;
use crate::engine::render::appearance::{channel_visibility, CAP_DEPTH_MM};
use std::time::Instant;

/// The scale as it was found before [`solve_scale`]: every bisection step evaluated,
/// with [`darkening`] computing its cap (six `exp`) on every call.
fn bisection(problem: &ScaleProblem) -> f64 {
    let &ScaleProblem {
        table,
        lane: c,
        amount,
        pixel_area,
        truth,
        ..
    } = problem;
    let darkening = |a: f64, c: usize| {
        let v = channel_visibility(CAP_DEPTH_MM)[c].max(1e-6);
        v * (1.0 - libm::exp(-a / v))
    };
    let on_pixels = |scale: f64| -> f64 {
        table
            .iter()
            .map(|t| darkening(scale * amount * t[c] as f64, c) * pixel_area)
            .sum()
    };
    let (mut lo, mut hi) = (0.2, 1.5);
    for _ in 0..24 {
        let mid = 0.5 * (lo + hi);
        if on_pixels(mid) < truth {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

/// A frozen small kernel of `key` at `px_per_mm`, its scale found by `solve`.
fn kernel(
    key: ShapeKey,
    years: f64,
    px_per_mm: f64,
    solve: impl Fn(&ScaleProblem) -> f64,
) -> SmallKernel {
    let data = ShapeData::new(key, years, &AppearanceOptions::default());
    let half = (0.35 * px_per_mm).round().clamp(1.0, 6.0) as usize;
    let mut k = SmallKernel::new(&data.lobes, px_per_mm, half);
    k.match_saturation_with(&data, px_per_mm, solve);
    k.freeze();
    k
}

fn bits(k: &SmallKernel) -> (Vec<[u32; LANES]>, Vec<[u16; LANES]>, u32) {
    let weights = k.weights.iter().map(|t| t.map(f32::to_bits)).collect();
    (weights, k.fixed.clone(), k.peak.to_bits())
}

/// The shapes a whole-head frame of the template meets, at zooms from a thumbnail to
/// the largest small-kernel zoom, healed, fresh and softened by years.
fn cases() -> Vec<(ShapeKey, f64, f64)> {
    let mut out = Vec::new();
    for (i, ppm) in [0.05, 0.7, 2.0, 3.5, 6.0, 9.0].into_iter().enumerate() {
        for (j, years) in [0.0, 2.5, 10.0].into_iter().enumerate() {
            for state in [DotState::Healed, DotState::Fresh] {
                // Radius bins of 0.02–0.3 mm, depths 0.06–0.3 mm, spread over the cases.
                for k in 0..6 {
                    let rb = 4 + ((k * 11 + i * 5 + j * 3) % 57) as i32;
                    let zb = 6 + ((k * 7 + i * 3 + j) % 25) as i32;
                    out.push(((rb, zb, state), years, ppm));
                }
            }
        }
    }
    out
}

#[test]
fn shared_tables_are_the_ones_a_scene_builds() {
    let options = AppearanceOptions::default();
    for (key, years, ppm) in cases().into_iter().step_by(7) {
        let half = (0.35 * ppm).round().clamp(1.0, 6.0) as usize;
        let data = ShapeData::new(key, years, &options);
        let own = SmallKernel::build(&data, ppm, half);
        // Twice: built into the store, then found there.
        for _ in 0..2 {
            let shared = small_kernel(key, years, &options, ppm, half);
            assert!(bits(&shared) == bits(&own), "{key:?} {years} {ppm}");
            let table = radial_table(key, years, &options);
            let fresh = RadialTable::from_profile(data.reach, &data.profile);
            assert_eq!(table.values, fresh.values);
            assert_eq!(
                (table.peak.to_bits(), table.bins_per_mm.to_bits()),
                (fresh.peak.to_bits(), fresh.bins_per_mm.to_bits())
            );
        }
    }
    // Other inputs, other tables.
    let key = (30, 12, DotState::Healed);
    let a = small_kernel(key, 0.0, &options, 3.5, 1);
    let b = small_kernel(key, 1.0, &options, 3.5, 1);
    let c = small_kernel(key, 0.0, &options, 3.25, 1);
    assert!(bits(&a) != bits(&b) && bits(&a) != bits(&c));
}

#[test]
fn the_fast_scale_is_the_bisections_to_the_bit() {
    for (key, years, ppm) in cases() {
        let fast = kernel(key, years, ppm, solve_scale);
        let slow = kernel(key, years, ppm, bisection);
        assert!(bits(&fast) == bits(&slow), "{key:?} {years} {ppm}");
    }
}

/// Not a timed assertion: prints how long building the kernels takes with the plain
/// bisection and with [`solve_scale`], and the ratio
/// (`cargo test --release --lib kernel_build_speed -- --nocapture`).
#[test]
fn kernel_build_speed() {
    let cases = cases();
    let time = |solve: fn(&ScaleProblem) -> f64| {
        let t = Instant::now();
        for &(key, years, ppm) in &cases {
            std::hint::black_box(kernel(key, years, ppm, solve));
        }
        t.elapsed().as_secs_f64() * 1000.0
    };
    let before = time(bisection);
    let after = time(solve_scale);
    println!(
        "{} small kernels: bisection {before:.1} ms, solve_scale {after:.1} ms, {:.1}x faster",
        cases.len(),
        before / after
    );
}

/// What a whole-head kernel is for: at every sub-pixel phase, each lane of a dot darkens as
/// much on the screen's pixels as the dot does at full resolution. Three phases are solved
/// and the other thirteen take the scale of their mirror image ([`phase_class`]); a mirror
/// that did not hold (or a scale given to the wrong phases) would miss here by far more than
/// the search's precision.
#[test]
fn every_phase_darkens_as_the_dot_at_full_resolution() {
    let options = AppearanceOptions::default();
    let mut checked = 0;
    for (key, years, ppm) in cases() {
        let data = ShapeData::new(key, years, &options);
        let half = (0.35 * ppm).round().clamp(1.0, 6.0) as usize;
        let k = SmallKernel::build(&data, ppm, half);
        let unscaled = SmallKernel::new(&data.lobes, ppm, half);
        let side = 2 * half + 1;
        let pixel_area = 1.0 / (ppm * ppm);
        for (lane, &truth) in data.truths.iter().enumerate() {
            if truth <= 0.0 {
                continue;
            }
            let tables = k.weights.chunks_exact(side * side);
            let before = unscaled.weights.chunks_exact(side * side);
            for (phase, (table, before)) in tables.zip(before).enumerate() {
                let on = on_pixels(table, lane, data.amount, pixel_area, 1.0);
                // A scale at an end of its range could not reach the truth.
                let (i, b) = before
                    .iter()
                    .enumerate()
                    .max_by(|x, y| x.1[lane].total_cmp(&y.1[lane]))
                    .unwrap();
                let scale = table[i][lane] as f64 / b[lane] as f64;
                let (lo, hi) = scale::SCALE_RANGE;
                if on <= 0.0 || scale <= lo * 1.0001 || scale >= hi / 1.0001 {
                    continue;
                }
                assert!(
                    (on - truth).abs() <= 1e-6 * truth,
                    "{key:?} {years} y {ppm} px/mm, lane {lane}, phase {phase}: {on} mm² against {truth}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 5_000, "{checked} phases checked");
}

/// The premise of sharing scales: the tables of one class of phases hold the same values,
/// in another order.
#[test]
fn mirrored_phases_hold_the_same_values() {
    let options = AppearanceOptions::default();
    for (key, years, ppm) in cases().into_iter().step_by(5) {
        let data = ShapeData::new(key, years, &options);
        let half = (0.35 * ppm).round().clamp(1.0, 6.0) as usize;
        let k = SmallKernel::new(&data.lobes, ppm, half);
        let side = 2 * half + 1;
        let sorted = |phase: usize, lane: usize| {
            let mut v: Vec<f32> = k.weights[phase * side * side..][..side * side]
                .iter()
                .map(|t| t[lane])
                .collect();
            v.sort_by(f32::total_cmp);
            v
        };
        for phase in 0..PHASES * PHASES {
            let class = phase_class(phase);
            assert!(class <= phase && phase_class(class) == class);
            for lane in 0..LANES {
                for (a, b) in sorted(phase, lane).iter().zip(sorted(class, lane)) {
                    assert!(
                        (a - b).abs() <= 1e-6 * b.abs().max(1e-30),
                        "{key:?} {ppm}: phase {phase} lane {lane}: {a} vs {b}"
                    );
                }
            }
        }
    }
}

/// When the process-wide store is full, the tables a scene still holds stay in it, and
/// counted: they are alive either way, and dropping them from the count made the soak's
/// reading of the engine's memory in use (which leaves these tables out) swing by a
/// megabyte with when the store had last been emptied. The ones nothing else holds go.
#[test]
fn a_full_store_drops_only_the_tables_no_scene_holds() {
    let options = AppearanceOptions::default();
    let mut store = Shared::default();
    let mut held = Vec::new();
    for (i, (key, years, ppm)) in cases().into_iter().take(6).enumerate() {
        let half = (0.35 * ppm).round().clamp(1.0, 6.0) as usize;
        let kernel = Arc::new(SmallKernel::build(
            &ShapeData::new(key, years, &options),
            ppm,
            half,
        ));
        let size = std::mem::size_of_val(kernel.weights.as_slice());
        store.bytes += size;
        store.small.insert(
            (table_inputs(key, years, &options), ppm.to_bits(), half),
            (kernel.clone(), size),
        );
        if i % 2 == 0 {
            held.push((kernel, size)); // a scene's renderer holds it
        }
    }
    store.drop_unused();
    assert_eq!(store.small.len(), held.len());
    assert_eq!(
        store.bytes,
        held.iter().map(|(_, size)| size).sum::<usize>()
    );
    for (kernel, _) in &held {
        assert!(
            store.small.values().any(|(k, _)| Arc::ptr_eq(k, kernel)),
            "a held kernel stays"
        );
    }
}
