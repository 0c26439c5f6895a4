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
