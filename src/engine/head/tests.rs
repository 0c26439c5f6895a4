//! Tests of the hair-loss presets: the hair is where each pattern says, impressions land
//! only on bald and thinning scalp, advanced loss carries far more impressions, the design
//! file keeps the head, and files without one are the bald template as before.

use super::*;
use crate::engine::marks::Marks;
use crate::engine::photo::pigment::fitzpatrick_from_rgb;
use crate::engine::placement::{place_dots, DensityField};
use crate::engine::render::raster::Pixmap;
use crate::engine::View;

fn head(preset: Preset) -> TemplateHead {
    TemplateHead {
        preset,
        ..TemplateHead::default()
    }
}

fn dots_of(preset: Preset) -> Vec<crate::engine::placement::Dot> {
    let design = preset_design(head(preset));
    let field = DensityField::new(&design).unwrap();
    place_dots(&design, &field)
}

#[test]
fn names_round_trip_and_every_preset_has_words() {
    for p in Preset::ALL {
        assert_eq!(Preset::from_name(&p.name()), Some(p));
        assert!(!p.description().is_empty(), "{}", p.name());
        assert!(!p.title().is_empty());
    }
    assert_eq!(Preset::from_name("norwood-8"), None);
}

#[test]
fn the_patterns_keep_hair_where_the_scales_say() {
    let forehead_temple = DVec2::new(MIDLINE_X + 38.0, 72.0); // the corner an M recedes from
    let top = DVec2::new(MIDLINE_X, 40.0);
    let side = DVec2::new(MIDLINE_X + 70.0, 110.0); // above the ear
    let cover = |p: Preset, at: DVec2| head(p).hair_cover(at);
    assert!(
        cover(Preset::Norwood(1), forehead_temple) > 0.9,
        "Norwood I keeps the temples"
    );
    assert!(
        cover(Preset::Norwood(3), forehead_temple) < 0.1,
        "Norwood III has receded there"
    );
    assert!(cover(Preset::Norwood(3), top) > 0.9);
    assert!(
        cover(Preset::Norwood(5), top) < 0.5,
        "thinning over the top at V"
    );
    assert_eq!(cover(Preset::Norwood(6), top), 0.0, "bald on top at VI");
    for n in 1..=7 {
        assert!(
            cover(Preset::Norwood(n), side) > 0.9,
            "Norwood {n} keeps the sides"
        );
    }
    assert!(cover(Preset::Ludwig(3), top) < cover(Preset::Ludwig(1), top));
    assert!(cover(Preset::Ludwig(2), DVec2::new(MIDLINE_X + 65.0, 100.0)) > 0.9);
    assert_eq!(
        cover(Preset::AlopeciaAreata, DVec2::new(82.0, 50.0)),
        0.0,
        "inside a patch"
    );
    assert!(cover(Preset::AlopeciaAreata, DVec2::new(110.0, 60.0)) > 0.9);
    assert_eq!(cover(Preset::AlopeciaTotalis, side), 0.0);
    assert_eq!(
        cover(Preset::Norwood(2), DVec2::new(MIDLINE_X, 200.0)),
        0.0,
        "no hair on the face"
    );
}

#[test]
fn impressions_land_on_bald_or_thinning_scalp_only() {
    for preset in Preset::ALL {
        let h = head(preset);
        let dots = dots_of(preset);
        if dots.is_empty() {
            continue;
        }
        let on_loss = dots
            .iter()
            .filter(|d| h.hair_cover(d.position) < 0.9)
            .count();
        let share = on_loss as f64 / dots.len() as f64;
        assert!(
            share >= 0.95,
            "{}: {:.1} % of {} dots on bald or thinning scalp",
            preset.name(),
            share * 100.0,
            dots.len()
        );
    }
}

#[test]
fn advanced_loss_carries_several_times_the_impressions() {
    let two = dots_of(Preset::Norwood(2)).len();
    let six = dots_of(Preset::Norwood(6)).len();
    assert!(
        six as f64 > 3.0 * two as f64,
        "Norwood VI {six} vs II {two}"
    );
    let bald = dots_of(Preset::Bald).len();
    assert_eq!(
        bald,
        place_dots(
            &template::default_design(),
            &DensityField::new(&template::default_design()).unwrap()
        )
        .len()
    );
}

#[test]
fn the_head_round_trips_through_the_design_file_and_old_files_are_unchanged() {
    let design = preset_design(TemplateHead {
        preset: Preset::Norwood(4),
        view: HeadView::Front,
        sex: Sex::Male,
        skin: 5,
        hair: HairColour::Black,
    });
    let back = Design::from_json(&design.to_json()).unwrap();
    assert_eq!(back, design);
    assert_eq!(back.head.preset, Preset::Norwood(4));
    let plain = template::default_design().to_json();
    assert!(
        plain.get("head").is_none(),
        "the bald default writes no head"
    );
    assert_eq!(
        Design::from_json(&plain).unwrap().head,
        TemplateHead::default()
    );
    let mut bad = design.to_json();
    for (field, value) in [
        ("preset", json!("norwood-9")),
        ("view", json!("side")),
        ("sex", json!(3)),
        ("skin", json!(7)),
        ("skin", json!(2.5)),
        ("hair", json!("green")),
    ] {
        bad["head"] = json!({ field: value });
        let e = Design::from_json(&bad).unwrap_err();
        assert_eq!(e.field, format!("head.{field}"));
    }
    bad["head"] = json!("norwood-3");
    assert_eq!(Design::from_json(&bad).unwrap_err().field, "head");
}

#[test]
fn skin_colours_read_back_as_their_fitzpatrick_type() {
    for (i, rgb) in SKIN_RGB.iter().enumerate() {
        if i == 1 {
            continue; // type II is the template's historical colour (see SKIN_RGB)
        }
        let rgb = [rgb[0] as f64, rgb[1] as f64, rgb[2] as f64];
        assert_eq!(fitzpatrick_from_rgb(rgb), i as u8 + 1, "{rgb:?}");
    }
}

#[test]
fn the_painted_head_shows_its_hair_and_skin() {
    let frame = crate::engine::Rect {
        min: DVec2::ZERO,
        max: DVec2::new(220.0, 300.0),
    };
    let view = View::fit(frame, 440, 600, 0.0);
    let paint_of = |h: TemplateHead| {
        let mut pixmap = Pixmap::new(440, 600, template::BACKDROP).unwrap();
        let to_px = |p: DVec2| view.to_px(p);
        paint(
            &mut pixmap,
            &to_px,
            view.px_per_mm as f32,
            &h,
            &Marks::default(),
            1,
        );
        pixmap
    };
    let luma = |pm: &Pixmap, p: DVec2| {
        let q = view.to_px(p);
        let c = pm.pixel(q.x as u32, q.y as u32).unwrap();
        0.3 * c.0 as f64 + 0.59 * c.1 as f64 + 0.11 * c.2 as f64
    };
    // Mean luma over a 10 mm square: buzzed hair darkens the top of a Norwood II head.
    let mean = |pm: &Pixmap, c: DVec2| {
        let mut sum = 0.0;
        for i in 0..10 {
            for j in 0..10 {
                sum += luma(pm, c + DVec2::new(i as f64 - 5.0, j as f64 - 5.0));
            }
        }
        sum / 100.0
    };
    let bald = paint_of(TemplateHead::default());
    let haired = paint_of(head(Preset::Norwood(2)));
    let top = DVec2::new(MIDLINE_X, 40.0);
    assert!(
        mean(&haired, top) < mean(&bald, top) - 15.0,
        "hair darkens the top"
    );
    let forehead = DVec2::new(MIDLINE_X, 110.0);
    assert!(
        (mean(&haired, forehead) - mean(&bald, forehead)).abs() < 1.0,
        "the forehead is skin"
    );
    let dark = paint_of(TemplateHead {
        skin: 6,
        ..TemplateHead::default()
    });
    assert!(
        mean(&dark, forehead) < mean(&bald, forehead) - 80.0,
        "Fitzpatrick VI is much darker"
    );
}

#[test]
fn marks_are_treated_in_full_hair_and_drawn_without_hair() {
    use crate::engine::marks::{Mark, MarkKind};
    let mut design = preset_design(head(Preset::Norwood(2)));
    let before = {
        let field = DensityField::new(&design).unwrap();
        place_dots(&design, &field)
    };
    // An FUE area in the full hair over the top: no impressions there before, many after.
    let area = Mark {
        kind: MarkKind::Fue,
        centre: DVec2::new(110.0, 45.0),
        size: DVec2::new(18.0, 12.0),
        angle_deg: 0.0,
    };
    design.marks = Marks(vec![area]);
    let field = DensityField::new(&design).unwrap();
    let after = place_dots(&design, &field);
    let inside = |dots: &[crate::engine::placement::Dot]| {
        dots.iter()
            .filter(|d| ((d.position - area.centre) / area.size).length() < 0.9)
            .count()
    };
    assert_eq!(inside(&before), 0);
    let area_cm2 = std::f64::consts::PI * 18.0 * 12.0 / 100.0 * 0.81;
    let density = inside(&after) as f64 / area_cm2;
    assert!(
        density > 0.6 * design.density_per_cm2,
        "{density:.0} /cm² in the FUE area"
    );
    // Scar tissue takes less ink: the mean opacity in the area is below the rest's.
    let mean = |it: Vec<f64>| it.iter().sum::<f64>() / it.len() as f64;
    let scar = mean(
        after
            .iter()
            .filter(|d| ((d.position - area.centre) / area.size).length() < 0.9)
            .map(|d| d.opacity)
            .collect(),
    );
    let rest = mean(
        after
            .iter()
            .filter(|d| ((d.position - area.centre) / area.size).length() > 1.5)
            .map(|d| d.opacity)
            .collect(),
    );
    assert!(scar < rest * 0.95, "scar {scar:.2} vs {rest:.2}");
    // The file keeps the marks; a design without marks writes none.
    assert_eq!(Design::from_json(&design.to_json()).unwrap(), design);
    assert!(template::default_design().to_json().get("marks").is_none());
}

fn top(preset: Preset) -> TemplateHead {
    TemplateHead {
        preset,
        view: HeadView::Top,
        ..TemplateHead::default()
    }
}

#[test]
fn the_crown_view_shows_vertex_loss_and_density_work_on_the_vertex() {
    let whorl = top::WHORL;
    assert!(
        top(Preset::Norwood(2)).hair_cover(whorl) > 0.9,
        "Norwood II keeps the crown"
    );
    assert!(
        top(Preset::Norwood(4)).hair_cover(whorl) < 0.1,
        "Norwood IV has a bald vertex"
    );
    assert!(
        top(Preset::Norwood(6)).hair_cover(DVec2::new(110.0, 150.0)) < 0.1,
        "VI: front and crown have merged"
    );
    assert!(
        top(Preset::Norwood(6)).hair_cover(DVec2::new(110.0 + 68.0, 170.0)) > 0.9,
        "VI keeps the sides"
    );
    assert!(
        top(Preset::Ludwig(3)).hair_cover(DVec2::new(110.0, 150.0))
            < top(Preset::Ludwig(1)).hair_cover(DVec2::new(110.0, 150.0))
    );
    // Density work on the vertex: a Norwood V design seen from above puts dots round the whorl.
    for preset in [
        Preset::Norwood(5),
        Preset::Ludwig(2),
        Preset::AlopeciaAreata,
        Preset::Norwood(2),
    ] {
        let h = top(preset);
        let design = preset_design(h);
        assert_eq!(Design::from_json(&design.to_json()).unwrap(), design);
        let field = DensityField::new(&design).unwrap();
        let dots = place_dots(&design, &field);
        let share = dots
            .iter()
            .filter(|d| h.hair_cover(d.position) < 1.0 - VISIBLE_LOSS)
            .count() as f64
            / dots.len().max(1) as f64;
        assert!(
            share >= 0.95,
            "{}: {:.1} % on loss",
            preset.name(),
            share * 100.0
        );
        if preset == Preset::Norwood(5) {
            let near = dots
                .iter()
                .filter(|d| d.position.distance(whorl) < 20.0)
                .count();
            let cm2 = std::f64::consts::PI * 4.0;
            assert!(
                near as f64 / cm2 > 0.5 * design.density_per_cm2,
                "{near} dots within 2 cm of the whorl"
            );
        }
    }
    let two = place_dots(
        &preset_design(top(Preset::Norwood(2))),
        &DensityField::new(&preset_design(top(Preset::Norwood(2)))).unwrap(),
    )
    .len();
    let six = place_dots(
        &preset_design(top(Preset::Norwood(6))),
        &DensityField::new(&preset_design(top(Preset::Norwood(6)))).unwrap(),
    )
    .len();
    assert!(six > 3 * two, "from above too: VI {six} vs II {two}");
}

#[test]
fn a_woman_has_her_own_narrower_skull_and_jaw_and_her_work_stays_on_it() {
    let frame = crate::engine::Rect {
        min: DVec2::ZERO,
        max: DVec2::new(220.0, 300.0),
    };
    let view = View::fit(frame, 880, 1200, 0.0); // 4 px/mm
    let paint_of = |h: TemplateHead| {
        let mut pixmap = Pixmap::new(880, 1200, template::BACKDROP).unwrap();
        let to_px = |p: DVec2| view.to_px(p);
        paint(&mut pixmap, &to_px, 4.0, &h, &Marks::default(), 1);
        pixmap
    };
    // The head's breadth at height y: the run of non-backdrop pixels across the midline.
    let breadth_mm = |pm: &Pixmap, y: f64| {
        let row = view.to_px(DVec2::new(0.0, y)).y as u32;
        let skin = |x: u32| pm.pixel(x, row).unwrap() != template::BACKDROP;
        let mid = view.to_px(DVec2::new(MIDLINE_X, y)).x as u32;
        let (mut a, mut b) = (mid, mid);
        while a > 0 && skin(a - 1) {
            a -= 1;
        }
        while b + 1 < 880 && skin(b + 1) {
            b += 1;
        }
        (b - a + 1) as f64 / 4.0
    };
    let man = paint_of(TemplateHead::default());
    let woman = paint_of(TemplateHead {
        sex: Sex::Female,
        ..TemplateHead::default()
    });
    // Skull (above the ears) and jaw (below them, where the ears do not widen the run).
    for (y, low, high) in [(90.0, 0.93, 0.97), (235.0, 0.88, 0.93)] {
        let ratio = breadth_mm(&woman, y) / breadth_mm(&man, y);
        assert!(
            (low..=high).contains(&ratio),
            "y {y}: her head is {ratio:.3} of his breadth"
        );
    }
    // Her head's outline, front view.
    let outline = crate::engine::geometry::Polygon::new(
        template::head_outline()
            .into_iter()
            .map(template::to_female)
            .collect(),
    )
    .unwrap();
    // Her presets put scalp, line, hair and impressions on her head, not his.
    for preset in [Preset::Bald, Preset::Norwood(3), Preset::Ludwig(2)] {
        let her = TemplateHead {
            preset,
            sex: Sex::Female,
            ..TemplateHead::default()
        };
        let design = preset_design(her);
        // The scalp runs about 1 mm inside the outline (its points rounded to 0.01 mm).
        let inward = |p: DVec2| p + (DVec2::new(MIDLINE_X, p.y) - p).normalize_or_zero() * 0.5;
        assert!(
            design.scalp.iter().all(|&p| outline.contains(inward(p))),
            "{}: scalp off her head",
            preset.name()
        );
        let field = DensityField::new(&design).unwrap();
        let dots = place_dots(&design, &field);
        assert!(!dots.is_empty(), "{}", preset.name());
        let inside = dots.iter().filter(|d| outline.contains(d.position)).count();
        assert_eq!(inside, dots.len(), "{}: dots off her head", preset.name());
        // Where his head has hair at the temple's edge, hers is already off the skull.
        let edge = DVec2::new(MIDLINE_X + 75.5, 105.0);
        assert!(head(preset).hair_cover(edge) >= her.hair_cover(edge));
        assert_eq!(her.hair_cover(edge), 0.0, "no hair beyond her skull");
    }
    // A file saved before she had her own skull carries the template's wider scalp: its
    // impressions still stay on her head.
    let her = TemplateHead {
        sex: Sex::Female,
        ..TemplateHead::default()
    };
    let older = Design {
        head: her,
        ..template::default_design()
    };
    let dots = place_dots(&older, &DensityField::new(&older).unwrap());
    let off = dots
        .iter()
        .filter(|d| !outline.contains(d.position))
        .count();
    assert!(dots.len() > 3000);
    assert!(
        off <= dots.len() / 500,
        "{off} of {} dots off her head",
        dots.len()
    );
    // A photo chosen but not yet calibrated still shows her template head: the limit holds.
    let mut scene = crate::engine::Scene::new(older.clone()).unwrap();
    let photo = crate::engine::photo::image::Photo::new(64, 48, vec![128; 64 * 48 * 4]).unwrap();
    scene.set_photo(&photo).unwrap();
    let off = scene
        .dots()
        .iter()
        .filter(|d| !outline.contains(d.position))
        .count();
    assert!(off <= scene.dots().len() / 500, "{off} dots off her head");
    // From above: her head is smaller, and her crown work stays on it.
    for preset in [Preset::Norwood(5), Preset::Ludwig(3)] {
        let her = TemplateHead {
            preset,
            sex: Sex::Female,
            view: HeadView::Top,
            ..TemplateHead::default()
        };
        let outline = crate::engine::geometry::Polygon::new(
            top::outline().into_iter().map(top::to_female).collect(),
        )
        .unwrap();
        let design = preset_design(her);
        let dots = place_dots(&design, &DensityField::new(&design).unwrap());
        assert!(dots.len() > 1000, "{}: {} dots", preset.name(), dots.len());
        assert!(
            dots.iter().all(|d| outline.contains(d.position)),
            "{}: dots off her head from above",
            preset.name()
        );
        let side = DVec2::new(MIDLINE_X + 75.0, 150.0); // inside his head, outside hers
        assert!(!outline.contains(side));
        assert_eq!(her.hair_cover(side), 0.0);
    }
}
