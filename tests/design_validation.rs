//! Design validation: every field's bad values are refused with a message naming the field
//! and what is allowed; good files round-trip.

use hairline::engine::template::default_design;
use hairline::Design;
use serde_json::{json, Value};

fn base() -> Value {
    default_design().to_json()
}

fn refused(mutate: impl FnOnce(&mut serde_json::Map<String, Value>)) -> String {
    let mut v = base();
    mutate(v.as_object_mut().unwrap());
    match Design::from_json(&v) {
        Ok(_) => panic!("accepted a bad design: {v}"),
        Err(e) => e.to_string(),
    }
}

fn assert_mentions(message: &str, parts: &[&str]) {
    for p in parts {
        assert!(message.contains(p), "message {message:?} lacks {p:?}");
    }
}

#[test]
fn default_design_round_trips_through_json() {
    let d = default_design();
    let text = serde_json::to_string(&d.to_json()).unwrap();
    assert_eq!(Design::from_json_str(&text).unwrap(), d);
}

#[test]
fn malformed_json_and_non_objects_are_refused() {
    assert_mentions(
        &Design::from_json_str("{ nope").unwrap_err().to_string(),
        &["not valid JSON"],
    );
    assert_mentions(
        &Design::from_json(&json!([1, 2])).unwrap_err().to_string(),
        &["object"],
    );
}

#[test]
fn version_must_be_one() {
    assert_mentions(
        &refused(|o| {
            o.remove("version");
        }),
        &["version", "missing"],
    );
    assert_mentions(
        &refused(|o| {
            o.insert("version".into(), json!(2));
        }),
        &["version", "2", "version 1"],
    );
    assert_mentions(
        &refused(|o| {
            o.insert("version".into(), json!("1"));
        }),
        &["version"],
    );
    // JavaScript may write 1.0.
    let mut v = base();
    v["version"] = json!(1.0);
    assert!(Design::from_json(&v).is_ok());
}

#[test]
fn seed_must_be_a_safe_whole_number() {
    for bad in [
        json!(-1),
        json!(1.5),
        json!("7"),
        json!(null),
        json!(9007199254740992u64),
    ] {
        assert_mentions(
            &refused(|o| {
                o.insert("seed".into(), bad.clone());
            }),
            &["seed", "whole number"],
        );
    }
    assert_mentions(
        &refused(|o| {
            o.remove("seed");
        }),
        &["seed", "missing"],
    );
}

#[test]
fn numbers_must_be_finite_and_in_range() {
    let cases = [
        ("density_per_cm2", json!(5), "10"),
        ("density_per_cm2", json!(250), "200"),
        ("dot_mm", json!(0.1), "0.15"),
        ("dot_mm", json!(1.5), "1"),
        ("transition_mm", json!(2), "3"),
        ("transition_mm", json!(25), "20"),
        ("shade", json!(0.1), "0.2"),
        ("shade", json!(1.1), "1"),
    ];
    for (field, value, allowed) in cases {
        let m = refused(|o| {
            o.insert(field.into(), value.clone());
        });
        assert_mentions(&m, &[field, allowed]);
    }
    for field in ["density_per_cm2", "dot_mm", "transition_mm"] {
        // NaN and infinities arrive as null through JSON and serde.
        assert_mentions(
            &refused(|o| {
                o.insert(field.into(), json!(null));
            }),
            &[field, "not a finite number"],
        );
        assert_mentions(
            &refused(|o| {
                o.insert(field.into(), json!("big"));
            }),
            &[field, "a string"],
        );
        assert_mentions(
            &refused(|o| {
                o.remove(field);
            }),
            &[field, "missing"],
        );
    }
}

#[test]
fn style_must_be_one_of_three() {
    assert_mentions(
        &refused(|o| {
            o.insert("style".into(), json!("spiky"));
        }),
        &["style", "soft", "sharp", "density-only"],
    );
    for good in ["soft", "sharp", "density-only"] {
        let mut v = base();
        v["style"] = json!(good);
        assert_eq!(Design::from_json(&v).unwrap().style.name(), good);
    }
}

#[test]
fn scalp_must_be_a_simple_polygon_of_real_points() {
    assert_mentions(
        &refused(|o| {
            o.insert("scalp".into(), json!([[0, 0], [10, 0]]));
        }),
        &["scalp", "3"],
    );
    assert_mentions(
        &refused(|o| {
            o.insert("scalp".into(), json!("round"));
        }),
        &["scalp", "array"],
    );
    assert_mentions(
        &refused(|o| {
            o.insert("scalp".into(), json!([[0, 0], [100, 0], [100]]));
        }),
        &["scalp[2]", "pair"],
    );
    assert_mentions(
        &refused(|o| {
            o.insert("scalp".into(), json!([[0, 0], [100, 0], [100, null]]));
        }),
        &["scalp[2][1]", "finite"],
    );
    assert_mentions(
        &refused(|o| {
            o.insert("scalp".into(), json!([[0, 0], [1e9, 0], [100, 100]]));
        }),
        &["scalp[1][0]", "2000"],
    );
    assert_mentions(
        &refused(|o| {
            o.insert(
                "scalp".into(),
                json!([[0, 0], [100, 100], [100, 0], [0, 100]]),
            );
        }),
        &["scalp", "crosses itself"],
    );
    assert_mentions(
        &refused(|o| {
            o.insert("scalp".into(), json!([[0, 0], [5, 0], [0, 5]]));
        }),
        &["scalp", "cm²"],
    );
}

#[test]
fn hairline_must_be_one_stroke_of_real_length() {
    assert_mentions(
        &refused(|o| {
            o.insert("hairline".into(), json!([[0, 0]]));
        }),
        &["hairline", "2"],
    );
    assert_mentions(
        &refused(|o| {
            o.insert("hairline".into(), json!([[100, 60], [105, 60]]));
        }),
        &["hairline", "20 mm"],
    );
    let scribble = json!([[60, 80], [160, 80], [70, 60], [150, 110], [65, 100]]);
    assert_mentions(
        &refused(|o| {
            o.insert("hairline".into(), scribble.clone());
        }),
        &["hairline", "crosses itself"],
    );
}

#[test]
fn large_dots_are_accepted_with_a_warning() {
    let mut v = base();
    v["dot_mm"] = json!(0.6);
    let d = Design::from_json(&v).unwrap();
    assert!(d
        .warnings()
        .iter()
        .any(|w| w.message.contains("helmet") && w.field == "dot_mm" && w.code == "large-dots"));
    assert!(default_design().warnings().is_empty());
}

/// Issue 13 (5): a 10 MB value in a field gave a 10,000,000-character message. Every
/// message quotes at most a short, escaped excerpt, and still names the field and the rule.
#[test]
fn huge_bad_values_are_quoted_as_a_short_excerpt() {
    let huge = "x\"<script>\n".repeat(1_000_000);
    let cases: Vec<(&str, Value, &[&str])> = vec![
        (
            "style",
            json!(huge),
            &["style", "soft", "sharp", "density-only", "characters"],
        ),
        ("version", json!(huge), &["version", "version 1"]),
        (
            "hairline",
            json!([[huge, 1.0], [2.0, 3.0]]),
            &["hairline[0][0]", "mm"],
        ),
    ];
    for (field, value, parts) in cases {
        let message = refused(|o| {
            o.insert(field.into(), value);
        });
        assert!(
            message.chars().count() < 200,
            "{field}: {} characters",
            message.len()
        );
        assert_mentions(&message, parts);
        assert!(
            !message.contains('\n'),
            "{field}: the excerpt is one line: {message:?}"
        );
    }
    let mut v = base();
    v["photo"] = json!({ "width_px": huge, "height_px": 10 });
    v["px_per_mm"] = json!(10.0);
    let message = Design::from_json(&v).unwrap_err().to_string();
    assert!(
        message.chars().count() < 200,
        "photo: {} characters",
        message.len()
    );
    assert_mentions(&message, &["photo.width_px"]);
}

/// Issue 13 (5), found by the 1,000-action soak: a huge or tiny number (1e308 in `dot_mm`)
/// was quoted with all 309 digits. Numbers are quoted short, still naming the field and rule.
#[test]
fn huge_and_tiny_numbers_are_quoted_short() {
    for (field, value) in [
        ("dot_mm", 1e308),
        ("density_per_cm2", -1e300),
        ("shade", 1e-300),
        ("transition_mm", 123456789.0),
        ("top_up_years", 1e200),
    ] {
        let message = refused(|o| {
            o.insert(field.into(), json!(value));
        });
        assert!(
            message.chars().count() < 120,
            "{field}: {} characters: {message}",
            message.len()
        );
        assert_mentions(&message, &[field, "must be"]);
    }
}

/// A refusal quotes a bad number by its value, as a person wrote it ("got 0", "is 2"): it
/// said "got a number" for `sessions: 0` and "unsupported version 2.0" for `version: 2`;
/// and a crossing line says so without the engine's segment numbers.
#[test]
fn refusals_quote_numbers_as_written_and_no_engine_internals() {
    let sessions = refused(|o| {
        o.insert("sessions".into(), json!(0));
    });
    assert_mentions(&sessions, &["sessions", "from 1 to 4", "got 0"]);
    assert_mentions(
        &refused(|o| {
            o.insert("sessions".into(), json!(2.5));
        }),
        &["got 2.5"],
    );
    assert_mentions(
        &refused(|o| {
            o.insert("sessions".into(), json!("two"));
        }),
        &["got a string"],
    );
    let version = refused(|o| {
        o.insert("version".into(), json!(2.0));
    });
    assert_mentions(&version, &["version: is 2;", "reads version 1"]);
    assert!(!version.contains("2.0"), "{version}");
    let crossing = refused(|o| {
        o.insert(
            "hairline".into(),
            json!([[70.0, 80.0], [150.0, 70.0], [150.0, 80.0], [70.0, 70.0]]),
        );
    });
    assert_mentions(&crossing, &["hairline", "crosses itself", "one stroke"]);
    assert!(!crossing.contains("segment"), "{crossing}");
}
