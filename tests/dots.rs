//! Dots through the whole engine: on the scalp only, behind the line, deterministic, and
//! still while the hairline is edited elsewhere.

#[path = "common/checksum.rs"]
mod common_checksum;
use common_checksum::checksum;
use glam::DVec2;
use hairline::engine::placement::{place_dots, Dot};
use hairline::engine::placement::{DensityField, SCATTER_MM, UNDULATION_MM};
use hairline::engine::template::default_design;
use hairline::engine::Scene;
use hairline::engine::{segment_distance, Polygon};
use hairline::{Design, Style};

fn dots_of(design: &Design) -> Vec<Dot> {
    let field = DensityField::new(design).unwrap();
    place_dots(design, &field)
}

fn distance_to_line(p: DVec2, line: &[DVec2]) -> f64 {
    line.windows(2)
        .map(|w| segment_distance(p, w[0], w[1]).0)
        .fold(f64::INFINITY, f64::min)
}

/// Whether `p` is on the forehead side: below the hairline's y at its x (front view).
fn in_front(p: DVec2, line: &[DVec2]) -> bool {
    line.windows(2).any(|w| {
        let (a, b) = (w[0], w[1]);
        let (lo, hi) = (a.x.min(b.x), a.x.max(b.x));
        if p.x < lo || p.x > hi || (b.x - a.x).abs() < 1e-9 {
            return false;
        }
        let y = a.y + (p.x - a.x) / (b.x - a.x) * (b.y - a.y);
        p.y > y && (b.x - a.x).abs() > 0.5 && p.x > 70.0 && p.x < 150.0
    })
}

#[test]
fn every_dot_is_inside_the_scalp_and_finite() {
    for style in [Style::Soft, Style::Sharp, Style::DensityOnly] {
        let design = Design {
            style,
            ..default_design()
        };
        let scalp = Polygon::new(design.scalp.clone()).unwrap();
        let dots = dots_of(&design);
        assert!(dots.len() > 3000, "{style:?}: {} dots", dots.len());
        for d in &dots {
            assert!(d.position.is_finite() && d.diameter_mm.is_finite() && d.opacity.is_finite());
            assert!(
                scalp.contains(d.position),
                "{style:?}: dot outside the scalp at {}",
                d.position
            );
            assert!(
                d.diameter_mm > 0.1 && d.diameter_mm <= 0.4 + 1e-9,
                "{style:?}: diameter {}",
                d.diameter_mm
            );
        }
    }
}

#[test]
fn soft_scatters_only_a_little_in_front_and_sharp_not_at_all() {
    let soft = default_design();
    let sharp = Design {
        style: Style::Sharp,
        ..default_design()
    };
    let front_soft: Vec<_> = dots_of(&soft)
        .into_iter()
        .filter(|d| in_front(d.position, &soft.hairline))
        .collect();
    for d in &front_soft {
        let gap = distance_to_line(d.position, &soft.hairline);
        assert!(
            gap <= SCATTER_MM + UNDULATION_MM + 0.01,
            "soft dot {gap:.2} mm in front of the line"
        );
    }
    assert!(
        !front_soft.is_empty(),
        "a soft line scatters a few dots in front"
    );
    let front_sharp = dots_of(&sharp)
        .into_iter()
        .filter(|d| in_front(d.position, &sharp.hairline))
        .count();
    assert_eq!(front_sharp, 0, "a sharp line has nothing in front");
}

#[test]
fn same_seed_same_dots_other_seed_other_dots() {
    let a = dots_of(&default_design());
    let b = dots_of(&default_design());
    assert_eq!(a, b);
    let c = dots_of(&Design {
        seed: 99,
        ..default_design()
    });
    assert_ne!(
        a.iter().map(|d| d.position).collect::<Vec<_>>(),
        c.iter().map(|d| d.position).collect::<Vec<_>>()
    );
}

#[test]
fn moving_one_hairline_point_leaves_far_dots_where_they_were() {
    let before = default_design();
    let mut after = before.clone();
    // Raise the hairline point closest to the right temple by 4 mm.
    let k = after
        .hairline
        .iter()
        .enumerate()
        .min_by(|a, b| {
            a.1.distance(DVec2::new(165.0, 95.0))
                .total_cmp(&b.1.distance(DVec2::new(165.0, 95.0)))
        })
        .unwrap()
        .0;
    after.hairline[k].y -= 4.0;
    let moved = after.hairline[k];
    // Only dots within the field's reach of the edited segments may change.
    let reach = before.transition_mm + SCATTER_MM + UNDULATION_MM + 2.0;
    let near = |p: DVec2| {
        let segs = [
            after.hairline[k.saturating_sub(1)],
            before.hairline[k],
            moved,
            after.hairline[(k + 1).min(after.hairline.len() - 1)],
        ];
        segs.iter().any(|&s| s.distance(p) < reach + 8.0)
    };
    let far = |dots: Vec<Dot>| {
        dots.into_iter()
            .filter(|d| !near(d.position))
            .collect::<Vec<_>>()
    };
    let (a, b) = (far(dots_of(&before)), far(dots_of(&after)));
    assert!(a.len() > 3000);
    assert_eq!(a, b, "dots away from the edit moved");
    assert_ne!(
        dots_of(&before),
        dots_of(&after),
        "the edit changed nothing at all"
    );
}

#[test]
fn full_density_zone_hits_the_target_density() {
    // A 1 cm² window on the crown, far behind the line: within ±10 % of the design density.
    let design = default_design();
    let dots = dots_of(&design);
    for (x, y) in [(100.0, 35.0), (115.0, 32.0), (80.0, 40.0), (135.0, 40.0)] {
        let n = dots
            .iter()
            .filter(|d| (d.position.x - x).abs() < 5.0 && (d.position.y - y).abs() < 5.0)
            .count();
        let err = (n as f64 - design.density_per_cm2).abs() / design.density_per_cm2;
        assert!(
            err <= 0.10,
            "window at ({x}, {y}): {n} dots for {} /cm²",
            design.density_per_cm2
        );
    }
}

#[test]
fn scene_keeps_its_design_when_a_new_one_is_bad() {
    let mut scene = Scene::new(default_design()).unwrap();
    let before = scene.dots().to_vec();
    let bad = Design {
        dot_mm: f64::NAN,
        ..default_design()
    };
    let err = scene.set_design(bad).unwrap_err();
    assert_eq!(err.field, "dot_mm");
    assert_eq!(scene.dots(), before.as_slice());
    assert_eq!(scene.design(), &default_design());
}

/// The same checksum is asserted in the browser by `tests/wasm.rs`: bit-identical dots on
/// native and wasm. `UPDATE_GOLDEN=1 cargo test` rewrites it after a deliberate change.
#[test]
fn default_design_dots_match_the_recorded_checksum() {
    let sum = format!("{:016x}\n", checksum(&dots_of(&default_design())));
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/default-dots.checksum"
    );
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(path, &sum).unwrap();
    }
    let recorded = std::fs::read_to_string(path)
        .expect("tests/fixtures/default-dots.checksum (UPDATE_GOLDEN=1 makes it)");
    assert_eq!(sum, recorded, "the default design's dots changed");
}

/// The stats a scene gives after any run of edits are those of a fresh scene of the same
/// design: the treated area, measured once and kept while only the density, dot size,
/// shade, sessions or top-up change, is measured again when the line, style or scalp does.
#[test]
fn stats_after_edits_are_those_of_a_fresh_scene() {
    let fresh = |d: &Design| Scene::new(d.clone()).unwrap().stats();
    let mut scene = Scene::new(default_design()).unwrap();
    let mut design = default_design();
    let edits: [fn(&mut Design); 9] = [
        |d| d.dot_mm = 0.3,
        |d| d.density_per_cm2 = 60.0,
        |d| d.shade = 0.5,
        |d| d.hairline[2].y -= 6.0,
        |d| d.style = Style::Sharp,
        |d| d.dot_mm = 0.22,
        |d| d.transition_mm = 14.0,
        |d| d.style = Style::DensityOnly,
        |d| d.density_per_cm2 = 120.0,
    ];
    let mut areas = vec![scene.stats().area_cm2];
    for edit in &edits {
        edit(&mut design);
        scene.set_design(design.clone()).unwrap();
        let (got, want) = (scene.stats(), fresh(&design));
        assert_eq!(got.dots, want.dots);
        assert_eq!(got.area_cm2, want.area_cm2, "after {design:?}");
        assert_eq!(got.density_per_cm2, want.density_per_cm2);
        areas.push(got.area_cm2);
    }
    areas.dedup();
    assert!(areas.len() >= 3, "some edits changed the area: {areas:?}");
    // A handle dragged about (each step re-lays and re-counts only the edit's area).
    let mut design = Design {
        style: Style::Soft,
        ..default_design()
    };
    scene.set_design(design.clone()).unwrap();
    let before = scene.stats().area_cm2;
    for step in 0..12 {
        let i = 3 + step % 5;
        design.hairline[i].y += if step % 2 == 0 { 4.0 } else { -2.5 };
        design.hairline[i].x += 1.5;
        scene.set_design(design.clone()).unwrap();
        assert_eq!(scene.stats(), fresh(&design), "after step {step}");
    }
    assert_ne!(scene.stats().area_cm2, before, "the drags changed the area");
}

/// A high arch whose ends stop well above the temples: the template's scalp runs down the
/// temples, so below such a line lies more of it than in the cap above, and the side
/// holding more scalp put the pigment on the forehead (a client of Norwood VI drawn at
/// 8.5 cm saw her forehead filled and the top of her head bare). The face decides.
#[test]
fn a_high_line_ending_above_the_temples_is_pigmented_behind_not_on_the_forehead() {
    for (ends_y, top_y) in [(100.0, 55.0), (80.0, 52.0), (100.0, 65.0), (130.0, 60.0)] {
        let hairline: Vec<DVec2> = (0..=40)
            .map(|i| {
                let x = 40.0 + 140.0 * f64::from(i) / 40.0;
                let u = (x - 110.0) / 70.0;
                DVec2::new(x, top_y + (ends_y - top_y) * u * u)
            })
            .collect();
        for style in [Style::Soft, Style::Sharp] {
            let design = Design {
                style,
                hairline: hairline.clone(),
                ..default_design()
            }
            .validated()
            .unwrap();
            let dots = dots_of(&design);
            let behind = dots
                .iter()
                .filter(|d| !in_front(d.position, &hairline) && d.position.y < top_y - 5.0)
                .count();
            let forehead = dots
                .iter()
                .filter(|d| {
                    in_front(d.position, &hairline) && distance_to_line(d.position, &hairline) > 5.0
                })
                .count();
            if (ends_y, top_y) == (100.0, 55.0) {
                // On a photo there is no template face: the scalp polygon's share decides,
                // which here is the side below the line.
                let field = DensityField::new(&design).unwrap();
                assert_eq!(
                    field.clone().on_photo(false).scalp_side(),
                    -field.scalp_side()
                );
                // The generated long-haired head is drawn in the template's millimetres, its
                // face where the template's is: the face still decides there.
                assert_eq!(
                    field.clone().on_photo(true).scalp_side(),
                    field.scalp_side()
                );
            }
            assert!(
                behind > 500 && forehead == 0,
                "line at {top_y}–{ends_y} mm, {style:?}: {behind} impressions above the line, {forehead} on the forehead"
            );
        }
    }
}

/// A scar dragged half off the template's scalp (onto the forehead below its edge) is
/// treated on the scalp only, its impressions stopping on a straight line through the pale
/// patch: the advice says so, and says nothing while the scar lies on the scalp.
#[test]
fn a_scar_partly_off_the_scalp_is_pointed_out() {
    use hairline::engine::marks::{MarkKind, Marks};
    let with_patch_at = |x: f64, y: f64| {
        let mut patch = MarkKind::Patch.default_mark();
        patch.centre = DVec2::new(x, y);
        Scene::new(Design {
            marks: Marks(vec![patch]),
            ..default_design()
        })
        .unwrap()
    };
    let codes = |scene: &Scene| scene.warnings().iter().map(|w| w.code).collect::<Vec<_>>();
    assert_eq!(codes(&with_patch_at(85.0, 55.0)), Vec::<&str>::new());
    let half_off = with_patch_at(125.0, 97.0);
    assert_eq!(codes(&half_off), vec!["mark-off-scalp"]);
    // Its impressions do stop at the scalp's edge: none below it inside the patch.
    let scalp = Polygon::new(half_off.design().scalp.clone()).unwrap();
    assert!(half_off.dots().iter().all(|d| scalp.contains(d.position)));
    assert!(
        !scalp.contains(DVec2::new(125.0, 103.0)),
        "part of the patch is off the scalp"
    );
}

/// The marks a technician starts from, each where the page puts a new one, raise no advice:
/// a strip across the top runs past the front view's outline, out of sight, not cut.
#[test]
fn new_marks_where_the_page_puts_them_raise_no_advice() {
    use hairline::engine::marks::{MarkKind, Marks};
    for spot in [
        [(84.0, 32.0), (114.0, 38.0), (134.0, 30.0)],
        [(74.0, 40.0), (110.0, 40.0), (128.0, 34.0)],
        [(138.0, 26.0), (168.0, 46.0), (110.0, 24.0)],
    ] {
        let marks = [MarkKind::Patch, MarkKind::Fue, MarkKind::Strip]
            .into_iter()
            .zip(spot)
            .map(|(kind, (x, y))| {
                let mut mark = kind.default_mark();
                mark.centre = DVec2::new(x, y);
                mark
            })
            .collect();
        let scene = Scene::new(Design {
            marks: Marks(marks),
            ..default_design()
        })
        .unwrap();
        assert!(
            scene.warnings().is_empty(),
            "{spot:?}: {:?}",
            scene.warnings()
        );
    }
}
