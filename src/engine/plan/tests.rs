//! Tests of the treatment plan: its figures agree with the engine's own dots, field,
//! shades and pigment advice, and a bad context is refused in plain words.

use super::context::is_iso_date;
use super::sessions::cartridge;
use super::*;
use crate::engine::photo::pigment::advise;
use crate::engine::photo::pigment::water_parts;
use crate::engine::placement::density::FRONT_DOT_MM;
use crate::engine::render::timeline::session_shade_factors;
use crate::engine::template::default_design;

fn design_in(style: Style) -> Design {
    Design {
        style,
        ..default_design()
    }
}

fn plan_of(design: &Design) -> (Scene, TreatmentPlan) {
    let scene = Scene::new(design.clone()).expect("valid design");
    let plan = TreatmentPlan::new(&scene, &PlanContext::default()).expect("empty context");
    (scene, plan)
}

const STYLES: [Style; 3] = [Style::Soft, Style::Sharp, Style::DensityOnly];

#[test]
fn totals_agree_with_the_engines_dots_and_area_in_every_style() {
    for style in STYLES {
        let (scene, plan) = plan_of(&design_in(style));
        let stats = scene.stats();
        assert_eq!(plan.total_impressions, scene.dots().len(), "{style:?}");
        assert_eq!(plan.total_impressions, stats.dots, "{style:?}");
        assert!(
            (plan.treated_area_cm2 - stats.area_cm2).abs() < 0.005,
            "{style:?}"
        );
        let zone_dots: usize = plan.zones.iter().map(|z| z.impressions).sum();
        assert_eq!(zone_dots, plan.total_impressions, "{style:?}");
        let zone_area: f64 = plan.zones.iter().map(|z| z.area_cm2).sum();
        assert!(
            (zone_area - stats.area_cm2).abs() < 0.01,
            "{style:?}: zones {zone_area} cm², stats {} cm²",
            stats.area_cm2
        );
        let last = plan.sessions.last().expect("sessions");
        assert_eq!(last.cumulative_impressions, plan.total_impressions);
    }
}

#[test]
fn the_hairline_zones_are_a_sparser_transition_and_a_full_area_behind_it() {
    for style in [Style::Soft, Style::Sharp] {
        let (_, plan) = plan_of(&design_in(style));
        let names: Vec<&str> = plan.zones.iter().map(|z| z.zone).collect();
        assert_eq!(names, ["transition", "full"], "{style:?}");
        let (transition, full) = (&plan.zones[0], &plan.zones[1]);
        assert!(
            transition.area_cm2 > 1.0 && full.area_cm2 > transition.area_cm2,
            "{style:?}: {transition:?} {full:?}"
        );
        assert!(
            transition.density_per_cm2 < full.density_per_cm2,
            "{style:?}: {transition:?} {full:?}"
        );
        // Behind the transition the density is the design's, within the sampler's ±10 %.
        assert!((full.density_per_cm2 / 90.0 - 1.0).abs() < 0.1, "{full:?}");
    }
    // The soft line's transition is wider than the sharp line's 2 mm ramp.
    let soft = plan_of(&design_in(Style::Soft)).1.zones[0].area_cm2;
    let sharp = plan_of(&design_in(Style::Sharp)).1.zones[0].area_cm2;
    assert!(soft > 3.0 * sharp, "soft {soft} sharp {sharp}");
    let (_, density_only) = plan_of(&design_in(Style::DensityOnly));
    assert_eq!(density_only.zones.len(), 1);
    assert_eq!(density_only.zones[0].zone, "density-only");
}

#[test]
fn each_sessions_impressions_add_up_to_the_total() {
    for sessions in 1..=4 {
        for style in STYLES {
            let design = Design {
                sessions,
                ..design_in(style)
            };
            let (scene, plan) = plan_of(&design);
            assert_eq!(plan.sessions.len(), sessions as usize);
            let sum: usize = plan.sessions.iter().map(|s| s.new_impressions).sum();
            assert_eq!(
                sum, plan.total_impressions,
                "{sessions} sessions, {style:?}"
            );
            let mut cumulative = 0;
            for (i, s) in plan.sessions.iter().enumerate() {
                cumulative += s.new_impressions;
                assert_eq!(s.session as usize, i + 1);
                assert_eq!(s.cumulative_impressions, cumulative);
                assert_eq!(s.day, i as u32 * SESSION_SPACING_DAYS);
                assert!(s.new_impressions > 0, "{s:?}");
                let by_needle: usize = s.needles.iter().map(|n| n.impressions).sum();
                assert_eq!(by_needle, s.new_impressions, "{s:?}");
                let laid = scene
                    .dots()
                    .iter()
                    .filter(|d| d.session == s.session)
                    .count();
                assert_eq!(s.new_impressions, laid);
            }
        }
    }
    // Three sessions lay about 40 %, 75 %, 100 % (the renderer's shares).
    let (_, plan) = plan_of(&default_design());
    for (s, share) in plan.sessions.iter().zip([0.4, 0.75, 1.0]) {
        let got = s.cumulative_impressions as f64 / plan.total_impressions as f64;
        assert!((got - share).abs() < 0.03, "session {}: {got}", s.session);
    }
}

#[test]
fn hours_scale_with_impressions_at_the_stated_rate() {
    let (_, plan) = plan_of(&default_design());
    assert_eq!(
        (
            plan.impressions_per_hour.low,
            plan.impressions_per_hour.high
        ),
        IMPRESSIONS_PER_HOUR
    );
    for s in &plan.sessions {
        let n = s.new_impressions as f64;
        assert!((s.hours.low - n / 7000.0).abs() <= 0.005, "{s:?}");
        assert!((s.hours.high - n / 3500.0).abs() <= 0.005, "{s:?}");
    }
    let total = plan.total_impressions as f64;
    assert!((plan.total_hours.high - total / 3500.0).abs() <= 0.005);
    // Twice the density, about twice the impressions and the hours.
    let (_, dense) = plan_of(&Design {
        density_per_cm2: 180.0,
        ..default_design()
    });
    let k = dense.total_hours.high / plan.total_hours.high;
    let m = dense.total_impressions as f64 / total;
    assert!((k / m - 1.0).abs() < 0.01, "hours ×{k}, impressions ×{m}");
    assert!((1.8..2.2).contains(&m), "{m}");
}

#[test]
fn shades_are_the_renderers_and_dilutions_the_pigment_advices() {
    let (_, plan) = plan_of(&Design {
        shade: 0.9,
        ..default_design()
    });
    let factors = session_shade_factors(3);
    for (s, factor) in plan.sessions.iter().zip(factors) {
        assert_eq!(s.shade_factor, *factor);
        assert!((s.shade - (0.9 * factor).min(1.0)).abs() < 1e-3, "{s:?}");
    }
    // Session 3: 0.9 × 1.15 is capped at full carbon, 6:1.
    assert_eq!(plan.sessions[2].shade, 1.0);
    assert_eq!(plan.sessions[2].dilution.ratio, "6:1");
    // The advice's water for a shade is the plan's for the same shade.
    let (_, plan) = plan_of(&default_design());
    let middle = &plan.sessions[1];
    assert_eq!(middle.shade, 0.75);
    let advice = advise(HairColour::Black, 3, 0.75);
    assert!((water_parts(0.75) - 8.0).abs() < 1e-12);
    assert_eq!(middle.dilution.water_parts, 8.0);
    assert_eq!(middle.dilution.ratio, "8:1");
    assert!((advice.water_parts - water_parts(advice.shade)).abs() < 1e-12);
}

#[test]
fn needles_are_single_at_the_line_and_an_0803_grouping_behind_it() {
    let (_, soft) = plan_of(&default_design());
    let first = &soft.sessions[0].needles;
    assert_eq!(first.len(), 2, "{first:?}");
    assert_eq!((first[0].role, first[0].prongs), ("line", 1));
    assert_eq!(first[0].needle_mm, FRONT_DOT_MM);
    assert_eq!(first[0].cartridge.as_deref(), Some("0601"));
    assert_eq!((first[1].role, first[1].prongs), ("fill", 3));
    assert_eq!(first[1].needle_mm, 0.25);
    assert_eq!(first[1].cartridge.as_deref(), Some("0803"));
    assert!(first[1].impressions > 10 * first[0].impressions);
    let (_, density_only) = plan_of(&design_in(Style::DensityOnly));
    for s in &density_only.sessions {
        assert_eq!(s.needles.len(), 1);
        assert_eq!(s.needles[0].role, "fill");
    }
    // A needle off the standard gauges has no code, only its diameter.
    assert_eq!(cartridge(0.15, 1), None);
    assert_eq!(cartridge(0.30, 3).as_deref(), Some("1003"));
}

#[test]
fn the_forecast_heals_then_fades_and_a_top_up_restores_it() {
    let (scene, plan) = plan_of(&default_design());
    let stages: Vec<&str> = plan.forecast.iter().map(|f| f.stage.as_str()).collect();
    assert_eq!(
        stages,
        ["fresh", "healed", "year-1", "year-2", "year-3", "year-4", "year-5", "year-6"]
    );
    let (fresh, healed) = (&plan.forecast[0], &plan.forecast[1]);
    assert_eq!(healed.relative_to_healed, 1.0);
    assert!(fresh.relative_to_healed > 1.0 && fresh.pigment_remaining < 1.0);
    // Healing keeps 60 % of session 1's pigment and 80 % of later sessions'.
    assert!((0.6..0.8).contains(&healed.pigment_remaining), "{healed:?}");
    assert_eq!(healed.day, 28 + HEALED_AFTER_DAYS);
    let fade = scene.appearance().fade_per_year;
    assert_eq!(plan.fade_per_year, fade);
    for (year, f) in plan.forecast[2..].iter().enumerate() {
        let expected = (1.0 - fade).powi(year as i32 + 1);
        assert!((f.relative_to_healed - expected).abs() < 0.001, "{f:?}");
        assert!(!f.after_top_up);
    }
    assert_eq!(plan.top_up.planned_after_years, None);
    assert_eq!(
        (
            plan.top_up.recommended_years.low,
            plan.top_up.recommended_years.high
        ),
        TOP_UP_WINDOW_YEARS
    );
    let (_, topped) = plan_of(&Design {
        top_up_years: Some(3.0),
        ..default_design()
    });
    let year3 = &topped.forecast[4];
    assert!(
        year3.after_top_up && year3.relative_to_healed == 1.0,
        "{year3:?}"
    );
    assert!(!topped.forecast[3].after_top_up);
    // The first row past the top-up names it (the table jumped from 57 % to 73 % unsaid);
    // the next does not repeat it.
    assert_eq!(year3.label, "3 years on, after the top-up at 3 years");
    assert_eq!(topped.forecast[5].label, "4 years on");
    assert_eq!(topped.top_up.planned_day, Some(28 + 1096));
    // Fresh is named as the last session's day, which the Day column counts from session 1.
    assert_eq!(plan.forecast[0].label, "fresh, the day of the last session");
    assert_eq!(plan.forecast[0].day, 28);
    // A top-up after 8 years: the forecast runs to year 9, showing it (it stopped at 6).
    let (_, late) = plan_of(&Design {
        top_up_years: Some(8.0),
        ..default_design()
    });
    assert_eq!(late.forecast.last().expect("stages").stage, "year-9");
    // A top-up after 1 year is one year, not "1 years".
    let (_, yearly) = plan_of(&Design {
        top_up_years: Some(1.0),
        ..default_design()
    });
    assert!(
        yearly
            .top_up
            .advice
            .starts_with("Top-up planned 1 year on;"),
        "{}",
        yearly.top_up.advice
    );
    let year8 = &late.forecast[9];
    assert!(
        year8.after_top_up && year8.relative_to_healed == 1.0,
        "{year8:?}"
    );
    assert!(
        !late.forecast[8].after_top_up,
        "year 7: {:?}",
        late.forecast[8]
    );
}

#[test]
fn the_plan_names_the_head_the_style_and_the_hairline_height() {
    let context = PlanContext {
        client_reference: Some("  Client 0042 ".into()),
        date: Some("2026-11-24".into()),
        fitzpatrick: Some(2),
        hair_colour: Some("Dark brown".into()),
    };
    let plan = TreatmentPlan::for_design(&default_design(), &context).unwrap();
    assert_eq!(plan.client_reference.as_deref(), Some("Client 0042"));
    assert_eq!(plan.date.as_deref(), Some("2026-11-24"));
    assert_eq!(plan.head.kind, "template");
    assert_eq!(
        plan.skin.as_ref().map(|s| s.label.as_str()),
        Some("Fitzpatrick II")
    );
    assert_eq!(plan.style, "soft");
    assert_eq!(plan.hairline_height_mm, Some(75.0));
    let advice = plan.pigment_advice.expect("dark brown on type II");
    assert_eq!(advice.recommended_shade, 0.65);
    assert!(plan.notice.contains("illustration, not a guarantee"));
    assert!(plan.sources.iter().any(|s| s.contains("14,000")));
    let (_, density_only) = plan_of(&design_in(Style::DensityOnly));
    assert_eq!(density_only.hairline_height_mm, None);
    assert_eq!(density_only.pigment_advice, None);
}

#[test]
fn on_a_photo_the_head_says_so_and_no_template_height_is_claimed() {
    let mut scene = Scene::new(default_design()).unwrap();
    let frame = crate::engine::PhotoFrame {
        width_px: 2200,
        height_px: 3000,
        px_per_mm: 10.0,
    };
    scene.set_photo_frame(Some(frame)).unwrap();
    let plan = TreatmentPlan::new(&scene, &PlanContext::default()).unwrap();
    assert_eq!(plan.head.kind, "photo");
    assert_eq!(plan.head.px_per_mm, Some(10.0));
    assert_eq!(plan.hairline_height_mm, None);
    assert_eq!(plan.total_impressions, scene.stats().dots);
}

#[test]
fn a_bad_context_is_refused_naming_the_field() {
    let bad_dates = [
        "2026-13-01",
        "2026-02-30",
        "2025-02-29",
        "24-11-2026",
        "2026-1-01",
        "tomorrow",
    ];
    for date in bad_dates {
        let context = PlanContext {
            date: Some(date.into()),
            ..Default::default()
        };
        let e = TreatmentPlan::for_design(&default_design(), &context).unwrap_err();
        assert_eq!(e.field, "date", "{date}");
        assert!(
            e.to_string().starts_with("invalid plan context: date: "),
            "{e}"
        );
        assert!(e.to_string().contains(date), "{e}");
    }
    assert!(is_iso_date("2024-02-29") && is_iso_date("2000-02-29") && !is_iso_date("1900-02-29"));
    let e = PlanContext {
        fitzpatrick: Some(9),
        ..Default::default()
    }
    .validated()
    .unwrap_err();
    assert_eq!(e.field, "fitzpatrick");
    assert!(e.to_string().contains("from 1 (I) to 6 (VI), got 9"), "{e}");
    // A long value is quoted as a 40-character excerpt, not whole.
    let e = PlanContext {
        client_reference: Some("x".repeat(5000)),
        ..Default::default()
    }
    .validated()
    .unwrap_err();
    assert_eq!(e.field, "client_reference");
    assert!(e.to_string().len() < 200, "{e}");
    assert!(e.to_string().contains("(5002 characters)"), "{e}");
    let e = PlanContext {
        hair_colour: Some("black\nred".into()),
        ..Default::default()
    }
    .validated()
    .unwrap_err();
    assert!(e.to_string().contains("control characters"), "{e}");
}

#[test]
fn a_context_is_read_from_json_with_every_field_optional() {
    use serde_json::json;
    assert_eq!(
        PlanContext::from_json(&json!(null)).unwrap(),
        PlanContext::default()
    );
    assert_eq!(
        PlanContext::from_json(&json!({})).unwrap(),
        PlanContext::default()
    );
    let full = PlanContext::from_json(&json!({
        "client_reference": "A-17", "date": "2026-11-24", "fitzpatrick": 4.0, "hair_colour": "black"
    }))
    .unwrap();
    assert_eq!(full.fitzpatrick, Some(4));
    assert_eq!(full.client_reference.as_deref(), Some("A-17"));
    let refused = [
        (json!({ "fitzpatrick": 9 }), "fitzpatrick"),
        (json!({ "fitzpatrick": "IV" }), "fitzpatrick"),
        (json!({ "fitzpatrick": 2.5 }), "fitzpatrick"),
        (json!({ "date": 20261124 }), "date"),
        (json!({ "client_reference": ["a"] }), "client_reference"),
        (json!({ "fitzpatric": 2 }), "unknown field \"fitzpatric\""),
        (json!(42), "must be an object"),
    ];
    for (value, needle) in refused {
        let e = PlanContext::from_json(&value).unwrap_err();
        assert!(e.to_string().contains(needle), "{value}: {e}");
        assert!(e.to_string().starts_with("invalid plan context: "), "{e}");
    }
    assert_eq!(fitzpatrick_from_name("iv"), Some(4));
    assert_eq!(fitzpatrick_from_name("6"), Some(6));
    assert_eq!(fitzpatrick_from_name("VII"), None);
}

#[test]
fn the_markdown_has_its_sections_and_a_row_per_session() {
    let context = PlanContext {
        client_reference: Some("A|B".into()),
        ..Default::default()
    };
    let plan = TreatmentPlan::for_design(&default_design(), &context).unwrap();
    let md = plan.to_markdown();
    for heading in [
        "# Treatment plan",
        "## Design",
        "## Treated area",
        "## Sessions",
        "## Healing and fading",
        "## Notice",
        "## Sources",
    ] {
        assert!(
            md.contains(&format!("\n{heading}\n")) || md.starts_with(heading),
            "{heading}"
        );
    }
    assert!(md.contains("| Client | A\\|B |"), "{md}");
    for s in &plan.sessions {
        assert!(
            md.contains(&format!("\n| {} | {} | ", s.session, s.day)),
            "{md}"
        );
    }
    assert!(md.contains("75.0 mm"));
    assert!(md.contains("0803 three-needle grouping"));
    assert!(md.contains("illustration, not a guarantee"));
}

/// The plan names the head the design is on: its hair-loss preset, sex and view (it said
/// "template head, front view" whatever the preset), and the hair colour in words, as a
/// client reads it (the page passes the picker's `dark-brown`).
#[test]
fn the_plan_names_the_preset_head_and_the_hair_colour_in_words() {
    use crate::engine::head::{preset_design, HeadView, Preset, Sex, TemplateHead};
    let head = TemplateHead {
        preset: Preset::Ludwig(2),
        view: HeadView::Top,
        sex: Sex::Female,
        ..TemplateHead::default()
    };
    let context = PlanContext {
        hair_colour: Some("dark-brown".into()),
        ..PlanContext::default()
    };
    let plan = TreatmentPlan::for_design(&preset_design(head), &context).unwrap();
    assert_eq!(plan.head.kind, "template");
    assert_eq!(plan.head.preset.as_deref(), Some("ludwig-2"));
    assert_eq!(
        (plan.head.view, plan.head.sex),
        (Some("top"), Some("female"))
    );
    assert_eq!(
        plan.head.description,
        "template head: Ludwig II, woman, seen from above (220 × 300 mm)"
    );
    assert_eq!(plan.hair_colour.as_deref(), Some("dark brown"));
    // Free words stay as written; the default head reads as before, with its preset.
    let context = PlanContext {
        hair_colour: Some("Salt and pepper".into()),
        ..PlanContext::default()
    };
    let plan = TreatmentPlan::for_design(&default_design(), &context).unwrap();
    assert_eq!(plan.hair_colour.as_deref(), Some("Salt and pepper"));
    assert_eq!(
        plan.head.description,
        "template head: shaved or bald, man, front view (220 × 300 mm)"
    );
}

/// The generated head with long thinning hair is a picture to the engine, but not the
/// client's photo: the plan says which head it is until another photo comes.
#[test]
fn the_thinning_hair_head_is_named_as_such_not_as_the_clients_photo() {
    use crate::engine::photo::image::Photo;
    let frame = crate::engine::PhotoFrame {
        width_px: 22,
        height_px: 30,
        px_per_mm: 0.1,
    };
    let picture = || Photo::new(22, 30, vec![150; 22 * 30 * 4]).unwrap();
    let head = crate::engine::head::TemplateHead {
        preset: crate::engine::head::Preset::Ludwig(2),
        sex: crate::engine::head::Sex::Female,
        ..Default::default()
    };
    let mut scene = Scene::new(crate::engine::head::preset_design(head)).unwrap();
    scene.replace_photo(picture(), frame).unwrap();
    scene.mark_generated_head();
    let plan = TreatmentPlan::new(&scene, &PlanContext::default()).unwrap();
    assert_eq!(plan.head.kind, "thinning-hair");
    // Its grade and the woman's head it is (the plan said neither).
    assert!(
        plan.head
            .description
            .starts_with("template head with long thinning hair: Ludwig II, woman, front view"),
        "{}",
        plan.head.description
    );
    assert_eq!(
        (plan.head.preset.as_deref(), plan.head.sex),
        (Some("ludwig-2"), Some("female"))
    );
    scene.replace_photo(picture(), frame).unwrap();
    let plan = TreatmentPlan::new(&scene, &PlanContext::default()).unwrap();
    assert_eq!(plan.head.kind, "photo");
    scene.clear_photo();
    scene.mark_generated_head(); // no photo: nothing to mark
    let plan = TreatmentPlan::new(&scene, &PlanContext::default()).unwrap();
    assert_eq!(plan.head.kind, "template");
}

/// A view is a flat picture of a round head: the plan says what its area counts (a front
/// view's 90 cm² and 6,000 impressions beside a whole head's 500 cm² and 40,000 read as a
/// mistake to a technician), and the Markdown carries it under the area table.
#[test]
fn the_plan_says_what_its_area_counts_for_each_view() {
    use crate::engine::head::{preset_design, HeadView, TemplateHead};
    let front = TreatmentPlan::for_design(&default_design(), &PlanContext::default()).unwrap();
    assert!(
        front.head.area_counted.contains("the crown is not counted"),
        "{}",
        front.head.area_counted
    );
    assert!(front.head.area_counted.contains("500 cm²"));
    let top = preset_design(TemplateHead {
        view: HeadView::Top,
        ..TemplateHead::default()
    });
    let top = TreatmentPlan::for_design(&top, &PlanContext::default()).unwrap();
    assert!(
        top.head
            .area_counted
            .starts_with("the area the view from above shows"),
        "{}",
        top.head.area_counted
    );
    let md = front.to_markdown();
    assert!(
        md.contains("Counted: the area the front view shows"),
        "{md}"
    );
}
