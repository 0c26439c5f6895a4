//! Incremental re-layout and repaint give exactly what a whole re-layout and a whole
//! repaint give: the fast path while dragging must never show something else.

use glam::DVec2;
use hairline::engine::template::default_design;
use hairline::engine::Rect;
use hairline::engine::Rng;
use hairline::engine::Scene;
use hairline::engine::View;
use hairline::Style;

fn view() -> View {
    View::fit(
        Rect {
            min: DVec2::ZERO,
            max: DVec2::new(220.0, 300.0),
        },
        900,
        700,
        10.0,
    )
}

#[test]
fn dragging_hairline_points_matches_a_fresh_scene_dots_and_pixels() {
    for style in [Style::Soft, Style::Sharp, Style::DensityOnly] {
        let mut design = hairline::Design {
            style,
            ..default_design()
        };
        let mut live = Scene::new(design.clone()).unwrap();
        live.render(900, 700, view()).unwrap();
        let mut rng = Rng::new(7);
        for step in 0..25 {
            // Drag one point (and, every few steps, its mirror) by up to ±2 mm.
            let n = design.hairline.len();
            let k = 1 + (rng.next_u64() as usize % (n - 2));
            let shift = DVec2::new(rng.next_unit() * 4.0 - 2.0, rng.next_unit() * 4.0 - 2.0);
            design.hairline[k] += shift;
            if step % 3 == 0 {
                design.hairline[n - 1 - k] += DVec2::new(-shift.x, shift.y);
            }
            if live.set_design(design.clone()).is_err() {
                design = live.design().clone(); // a move made the line cross itself
                continue;
            }
            let fresh = Scene::new(design.clone()).unwrap();
            assert_eq!(
                live.dots(),
                fresh.dots(),
                "{style:?} step {step}: dots differ from a whole re-layout"
            );
            let repainted = live.render(900, 700, view()).unwrap().clone();
            let mut reference = Scene::new(design.clone()).unwrap();
            let expected = reference.render(900, 700, view()).unwrap();
            assert!(
                repainted.data() == expected.data(),
                "{style:?} step {step}: pixels differ from a whole repaint"
            );
        }
    }
}

#[test]
fn a_small_drag_repaints_a_small_area_and_an_unchanged_frame_nothing() {
    let mut design = default_design();
    let mut scene = Scene::new(design.clone()).unwrap();
    scene.render(900, 700, view()).unwrap();
    assert_eq!(scene.repainted().map(|r| r.area()), Some(900 * 700));
    scene.render(900, 700, view()).unwrap();
    assert_eq!(
        scene.repainted(),
        None,
        "an unchanged frame is not repainted"
    );
    let k = design.hairline.len() / 3;
    design.hairline[k].y -= 1.0;
    scene.set_design(design).unwrap();
    scene.render(900, 700, view()).unwrap();
    let area = scene.repainted().map(|r| r.area()).unwrap_or(0);
    assert!(
        area > 0 && area < 900 * 700 / 4,
        "repainted {area} px for a 1 mm drag"
    );
}

/// Lays `design` on `scene` a strip at a time (no time to spare: one strip or a few rows
/// per call), checking that the scene shows the design before until the end; returns the
/// calls it took.
fn lay_a_strip_at_a_time(scene: &mut Scene, design: hairline::Design) -> usize {
    let (before, dots_before) = (scene.design().clone(), scene.dots().to_vec());
    scene.begin_design(design).unwrap();
    let mut calls = 1;
    while !scene.lay_in_parts(|| false) {
        assert_eq!(
            scene.design(),
            &before,
            "call {calls}: the design before is shown"
        );
        assert!(
            scene.dots() == &dots_before[..],
            "call {calls}: its dots too"
        );
        calls += 1;
        assert!(calls < 10_000, "laying never ends");
    }
    assert!(!scene.is_laying());
    calls
}

#[test]
fn a_design_laid_a_strip_at_a_time_is_the_one_laid_at_once_dots_figures_and_pixels() {
    // Each edit as a phone lays it over frames (issue 12): a density value (every dot), a
    // dot size, a handle move (its area, and the treated area counted again there), a style.
    let base = default_design();
    let mut line = base.hairline.clone();
    line[5].y += 3.0;
    let edits = [
        hairline::Design {
            density_per_cm2: base.density_per_cm2 + 17.0,
            ..base.clone()
        },
        hairline::Design {
            dot_mm: base.dot_mm + 0.04,
            ..base.clone()
        },
        hairline::Design {
            hairline: line,
            ..base.clone()
        },
        hairline::Design {
            style: Style::Sharp,
            ..base.clone()
        },
    ];
    for (k, edit) in edits.into_iter().enumerate() {
        let mut at_once = Scene::new(base.clone()).unwrap();
        let mut in_parts = Scene::new(base.clone()).unwrap();
        for scene in [&mut at_once, &mut in_parts] {
            scene.stats(); // the treated area known before, as on the page
            scene.render(900, 700, view()).unwrap();
        }
        at_once.set_design(edit.clone()).unwrap();
        let calls = lay_a_strip_at_a_time(&mut in_parts, edit);
        assert!(calls > 3, "edit {k}: laid in {calls} calls, not split");
        assert_eq!(
            in_parts.dots(),
            at_once.dots(),
            "edit {k}: the same dots in the same order"
        );
        assert_eq!(
            in_parts.stats(),
            at_once.stats(),
            "edit {k}: the same figures"
        );
        let fresh = Scene::new(at_once.design().clone()).unwrap();
        assert_eq!(
            in_parts.stats(),
            fresh.stats(),
            "edit {k}: the figures of a fresh scene"
        );
        let painted = in_parts.render(900, 700, view()).unwrap().clone();
        let expected = at_once.render(900, 700, view()).unwrap();
        assert!(
            painted.data() == expected.data(),
            "edit {k}: the same pixels"
        );
    }
}

#[test]
fn another_design_gives_up_the_one_being_laid() {
    let base = default_design();
    let mut scene = Scene::new(base.clone()).unwrap();
    let denser = hairline::Design {
        density_per_cm2: base.density_per_cm2 + 20.0,
        ..base.clone()
    };
    scene.begin_design(denser).unwrap();
    assert!(
        !scene.lay_in_parts(|| false),
        "one strip is not the whole scalp"
    );
    let sparser = hairline::Design {
        density_per_cm2: base.density_per_cm2 - 20.0,
        ..base.clone()
    };
    scene.set_design(sparser.clone()).unwrap();
    assert!(!scene.is_laying());
    assert!(scene.lay_in_parts(|| false), "nothing left to lay");
    assert_eq!(scene.design().density_per_cm2, sparser.density_per_cm2);
    assert!(scene.dots() == Scene::new(sparser.clone()).unwrap().dots());
    // A bad design is refused and leaves the scene as it was, laying nothing.
    let bad = hairline::Design {
        density_per_cm2: f64::NAN,
        ..base
    };
    assert!(scene.begin_design(bad.clone()).is_err());
    assert!(!scene.is_laying());
    // Nor does it give up a design being laid.
    let denser = hairline::Design {
        density_per_cm2: sparser.density_per_cm2 + 30.0,
        ..sparser
    };
    scene.begin_design(denser.clone()).unwrap();
    assert!(!scene.lay_in_parts(|| false));
    assert!(scene.begin_design(bad).is_err());
    assert!(scene.is_laying(), "the design being laid goes on");
    while !scene.lay_in_parts(|| true) {}
    assert_eq!(scene.design().density_per_cm2, denser.density_per_cm2);
}

/// A page's dark theme sets the colour around the head: the next frame shows it wherever
/// the template's light grey was, the head and its dots as before (but for its
/// anti-aliased outline, blended with the new colour), and the same frame a fresh scene
/// with that colour paints.
#[test]
fn a_new_backdrop_repaints_around_the_head_and_nothing_else() {
    use hairline::engine::render::Rgba;
    use hairline::engine::template::BACKDROP;
    let dark = Rgba(18, 23, 27, 255);
    let mut live = Scene::new(default_design()).unwrap();
    let light = live.render(900, 700, view()).unwrap().clone();
    live.set_backdrop(dark);
    assert_eq!(live.backdrop(), dark);
    let themed = live.render(900, 700, view()).unwrap().clone();
    let mut fresh = Scene::new(default_design()).unwrap();
    fresh.set_backdrop(dark);
    assert!(
        themed.data() == fresh.render(900, 700, view()).unwrap().data(),
        "the themed frame differs from a fresh scene's"
    );
    let (mut around, mut head, mut outline) = (0, 0, 0);
    for y in 0..700 {
        for x in 0..900 {
            let (before, after) = (light.pixel(x, y).unwrap(), themed.pixel(x, y).unwrap());
            if before == BACKDROP {
                // (A dot's faint halo past the outline can take a level off.)
                let near = |a: u8, b: u8| a.abs_diff(b) <= 2;
                assert!(
                    near(after.0, dark.0) && near(after.1, dark.1) && near(after.2, dark.2),
                    "({x}, {y}) around the head: {after:?}"
                );
                around += 1;
            } else if after == before {
                head += 1;
            } else {
                outline += 1;
            }
        }
    }
    assert!(
        around > 50_000 && head > 100_000,
        "{around} px around, {head} on the head"
    );
    assert!(
        outline * 50 < head,
        "{outline} px of the head changed, of {head}"
    );
    // The same colour again repaints nothing.
    live.set_backdrop(dark);
    live.render(900, 700, view()).unwrap();
    assert_eq!(live.repainted(), None, "an unchanged backdrop repainted");
}
