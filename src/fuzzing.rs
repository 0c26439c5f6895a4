//! The entry points of the fuzz targets, shared with their corpus replay (test support, not
//! part of the engine's API; hidden from the docs).
//!
//! Why here: the coverage-guided fuzz targets in `fuzz/` (cargo-fuzz, run by `scripts/fuzz`)
//! and the ordinary `cargo test` run (`tests/fuzz_corpus.rs`, which replays the minimised
//! corpus in `fuzz/corpus/`) must feed each input through *the same* code, so that an input
//! the fuzzer kept, or a crash it found, means the same thing on the stable toolchain with
//! no fuzzing tools installed. Each function panics when an invariant breaks, and only then.
//!
//! - [`design_file`]: bytes → the design-file reader the CLI and the page use
//!   ([`Design::from_json_str`], [`PhotoFrame::from_design_json`]). It must answer `Ok` or a
//!   short, named error; an accepted design must re-validate and round-trip through
//!   [`Design::to_json`] to itself.
//! - [`engine`]: bytes → a small design (mostly valid) on a small photo or the template
//!   head → place, render, contrast, and an edit of the hairline. Dots must be finite,
//!   inside the scalp, spaced, and the same twice; figures finite; an edited scene equal to
//!   a fresh one, in dots and in pixels.
//!
//! [`internals`] re-exports a few crate-private geometry functions for the property tests
//! (`tests/properties.rs`).

use glam::DVec2;
use serde_json::{json, Value};

use crate::engine::placement::Dot;
use crate::engine::render::{Age, Stage};
use crate::engine::{Design, DesignError, PhotoFrame, Polygon, Scene, View};

/// Crate-private geometry the property tests check directly (test support only).
pub mod internals {
    pub use crate::engine::geometry::{
        first_self_crossing, polygon_area, segments_cross, SignedDistanceGrid,
    };
}

/// Longest error message the reader may give, in characters: messages reach people (the
/// page shows them, the CLI prints them), so a bad value is quoted as a short excerpt.
pub const MAX_ERROR_CHARS: usize = 400;

/// Full densities the engine target uses, impressions/cm². The blue-noise tile of a new
/// full density takes 10–40 ms to build and the engine caches the last four, so the target
/// keeps to four densities (both ends of the allowed range among them) to stay at thousands
/// of executions a second; the tile itself is checked over other densities in
/// `tests/properties.rs` and `tests/sampling.rs`.
pub const FUZZ_DENSITIES: [f64; 4] = [10.0, 45.0, 90.0, 200.0];

/// Dots never come closer than this fraction of the hexagonal spacing at the design's
/// density (the relaxed tile keeps ρ ≥ 0.88 and the hand scatter moves each point at most
/// 0.2 of the spacing per axis; tests/sampling.rs uses the same bound).
pub const MIN_SPACING_OF_HEX: f64 = 0.31;

/// Feeds `bytes` to the design-file reader; panics if it panics, gives a long error, or
/// accepts a design that does not re-validate or round-trip.
pub fn design_file(bytes: &[u8]) {
    // The CLI reads the file as UTF-8 text; other bytes never reach the parser.
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let design = match Design::from_json_str(text) {
        Ok(design) => design,
        Err(e) => return check_error(&e),
    };
    let value: Value = serde_json::from_str(text).expect("the reader accepted it as JSON");
    // The CLI and the page read the photo frame from the same object.
    let frame = PhotoFrame::from_design_json(&value)
        .expect("an accepted design has an acceptable photo frame");
    check_design(&design);
    if let Some(frame) = frame {
        let size = frame.size_mm();
        assert!(
            size.is_finite() && size.x > 0.0 && size.y > 0.0,
            "{frame:?}"
        );
        let mut written = design.to_json();
        frame.write_into(&mut written);
        assert_eq!(
            PhotoFrame::from_design_json(&written),
            Ok(Some(frame)),
            "the photo frame does not round-trip"
        );
    }
}

/// Checks what every accepted design must satisfy: it re-validates to itself, its JSON
/// reads back as the same design and writes the same JSON, its figures are finite.
fn check_design(design: &Design) {
    assert_eq!(
        design.clone().validated().as_ref(),
        Ok(design),
        "an accepted design does not re-validate"
    );
    let written = design.to_json();
    let text = serde_json::to_string(&written).expect("a design serialises");
    let back = Design::from_json_str(&text)
        .unwrap_or_else(|e| panic!("a written design is refused: {e}\n{text}"));
    assert_eq!(
        &back, design,
        "the design does not round-trip through its file"
    );
    assert_eq!(back.to_json(), written, "writing is not stable");
    let area = design.scalp_area_cm2();
    assert!(area.is_finite() && (1.0..=2000.0).contains(&area), "{area}");
    for warning in design.warnings() {
        assert!(!warning.message.is_empty() && !warning.code.is_empty());
    }
}

/// An error must name its input and be short enough to show.
fn check_error(e: &DesignError) {
    let message = e.to_string();
    assert!(
        message.starts_with("invalid design: "),
        "unexpected error: {message}"
    );
    let chars = message.chars().count();
    assert!(
        chars <= MAX_ERROR_CHARS,
        "a {chars}-character error message: {message}"
    );
}

/// Reads fuzz bytes as numbers; past the end every read gives zero, so every input,
/// however short, decodes to something.
struct Reader<'a> {
    data: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> u8 {
        let b = self.data.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        b
    }

    /// 0–1 in 256 steps (both ends included).
    fn unit(&mut self) -> f64 {
        self.byte() as f64 / 255.0
    }

    /// `lo`–`hi` in 256 steps (both ends included).
    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    /// One of `n` choices.
    fn pick(&mut self, n: usize) -> usize {
        self.byte() as usize % n
    }

    /// The bytes not read yet.
    fn rest(&self) -> &[u8] {
        self.data.get(self.at..).unwrap_or(&[])
    }
}

/// Side of the box the engine target's scalp lies in, mm: small enough that a scene has at
/// most a few thousand dots (at most ~10 cm² of scalp), big enough for the 1 cm² minimum
/// and for the soft transition, the marks and the edge to meet.
const BOX_MM: f64 = 32.0;

/// What the engine target does with one input, decoded from its bytes.
struct Case {
    design: Value,
    photo: Option<crate::engine::photo::Photo>,
    width: u32,
    height: u32,
    view: Option<View>,
    stage: Stage,
    progress: f64,
    /// A hairline point and how far it moves, mm.
    edit: Option<(usize, DVec2)>,
}

fn decode(bytes: &[u8]) -> Case {
    let mut r = Reader { data: bytes, at: 0 };
    let flags = r.byte();
    let style = ["soft", "sharp", "density-only"][(flags & 3) as usize % 3];
    let seed = u32::from_le_bytes([r.byte(), r.byte(), r.byte(), r.byte()]) as u64;
    let mut design = json!({
        "version": 1,
        "seed": seed,
        "style": style,
        "density_per_cm2": FUZZ_DENSITIES[r.pick(4)],
        "dot_mm": r.range(0.15, 1.0),
        "transition_mm": r.range(3.0, 20.0),
        "shade": r.range(0.2, 1.0),
        "sessions": 1 + r.pick(4),
    });
    let obj = design.as_object_mut().expect("an object");
    if flags & 4 != 0 {
        obj.insert("top_up_years".into(), json!(r.range(1.0, 10.0)));
    }
    if flags & 8 != 0 {
        let preset = crate::engine::Preset::ALL[r.pick(13)];
        obj.insert(
            "head".into(),
            json!({
                "preset": preset.name(),
                "view": (["front", "top"])[r.pick(2)],
                "sex": (["male", "female"])[r.pick(2)],
                "skin": 1 + r.pick(6),
                "hair": crate::engine::photo::HairColour::ALL[r.pick(6)].name(),
            }),
        );
    }
    let marks: Vec<Value> = (0..r.pick(4))
        .map(|_| {
            let (x, y, angle) = (
                r.range(-8.0, BOX_MM + 8.0),
                r.range(-8.0, BOX_MM + 8.0),
                r.range(-360.0, 360.0),
            );
            match r.pick(3) {
                0 => json!({ "kind": "strip", "x": x, "y": y, "angle_deg": angle,
                    "length_mm": r.range(5.0, 60.0), "width_mm": r.range(0.5, 10.0) }),
                k => json!({ "kind": (["fue", "patch"])[k - 1], "x": x, "y": y, "angle_deg": angle,
                    "rx_mm": r.range(2.0, 20.0), "ry_mm": r.range(2.0, 20.0) }),
            }
        })
        .collect();
    if !marks.is_empty() {
        obj.insert("marks".into(), Value::Array(marks));
    }
    // The scalp: a star around the box's centre (always simple), or raw points (often
    // crossing, thin or too small: the validation's corners).
    let n = 3 + r.pick(10);
    let scalp: Vec<[f64; 2]> = if flags & 16 == 0 {
        let centre = BOX_MM / 2.0;
        (0..n)
            .map(|i| {
                let a = (i as f64 + 0.9 * r.unit()) / n as f64 * std::f64::consts::TAU;
                let radius = r.range(2.0, BOX_MM / 2.0);
                [centre + radius * a.cos(), centre + radius * a.sin()]
            })
            .collect()
    } else {
        (0..n)
            .map(|_| [r.range(0.0, BOX_MM), r.range(0.0, BOX_MM)])
            .collect()
    };
    obj.insert("scalp".into(), json!(scalp));
    // The hairline: left to right across the box, wandering up and down.
    let m = 2 + r.pick(6);
    let hairline: Vec<[f64; 2]> = (0..m)
        .map(|i| {
            let x = -6.0 + (BOX_MM + 12.0) * (i as f64 + 0.8 * r.unit()) / m as f64;
            [x, r.range(-4.0, BOX_MM + 4.0)]
        })
        .collect();
    obj.insert("hairline".into(), json!(hairline));
    let edit = (flags & 32 != 0).then(|| {
        let k = r.pick(m);
        (k, DVec2::new(r.range(-4.0, 4.0), r.range(-4.0, 4.0)))
    });
    let (width, height) = (1 + r.pick(48) as u32, 1 + r.pick(48) as u32);
    let view = if flags & 64 == 0 {
        None // fitted to the scalp below
    } else {
        // Up to 6 px/mm: small kernels of 3 and 5 px and the close-up path for large dots.
        let px_per_mm = r.range(0.05, 6.0);
        Some(View {
            px_per_mm,
            offset: DVec2::new(
                r.range(-2.0, 1.0) * width as f64,
                r.range(-2.0, 1.0) * height as f64,
            ),
        })
    };
    let stage = Stage {
        session: r.pick(5) as u8,
        age: match r.pick(3) {
            0 => Age::Fresh,
            1 => Age::Healed,
            _ => Age::Years(r.range(0.0, 10.0)),
        },
    };
    let progress = r.unit();
    let photo = (flags & 128 != 0).then(|| {
        let (w, h) = (1 + r.pick(40) as u32, 1 + r.pick(40) as u32);
        let px_per_mm = r.range(0.5, 4.0);
        obj.insert("px_per_mm".into(), json!(px_per_mm));
        obj.insert("photo".into(), json!({ "width_px": w, "height_px": h }));
        // The pixels: the remaining bytes as RGB, repeated; mid grey without any.
        let rest = r.rest();
        let data: Vec<u8> = (0..(w * h) as usize)
            .flat_map(|i| {
                let c = |k: usize| match rest.len() {
                    0 => 128,
                    len => rest[(i * 3 + k) % len],
                };
                [c(0), c(1), c(2), 255]
            })
            .collect();
        crate::engine::photo::Photo::new(w, h, data).expect("a small RGBA photo")
    });
    Case {
        design,
        photo,
        width,
        height,
        view,
        stage,
        progress,
        edit,
    }
}

/// A scene of `design`, with `photo` under it at the design's photo frame when given.
fn scene_of(design: &Design, value: &Value, case: &Case) -> Scene {
    let mut scene = Scene::new(design.clone()).expect("a valid design makes a scene");
    if let Some(photo) = &case.photo {
        let frame = PhotoFrame::from_design_json(value).expect("a valid frame");
        scene
            .set_photo_frame(frame)
            .and_then(|()| scene.set_photo(photo))
            .expect("the photo matches its frame");
    }
    scene.set_stage(case.stage);
    scene.set_progress(case.progress);
    scene
}

/// Decodes `bytes` into a small design and scene and checks the engine's invariants;
/// panics when one breaks.
///
/// Cost: the first frame of a scene builds the renderer's kernels for every dot shape it
/// meets (most of an execution's time until the build was made ~12× faster; now about a
/// third, the rest being placement, three times, and painting the head), so the checks
/// below re-render with the same scene (a clone, or after [`Scene::invalidate`]) rather
/// than a fresh one, and the contrast, which renders at the photo's scale, comes last.
pub fn engine(bytes: &[u8]) {
    let case = decode(bytes);
    let design = match Design::from_json(&case.design) {
        Ok(design) => design,
        Err(e) => return check_error(&e),
    };
    let mut scene = scene_of(&design, &case.design, &case);
    check_dots(&design, scene.dots());
    let stats = scene.stats();
    assert_eq!(stats.dots, scene.dots().len());
    assert!(
        stats.area_cm2.is_finite() && stats.area_cm2 >= 0.0,
        "{stats:?}"
    );
    assert!(
        stats.density_per_cm2.is_finite() && stats.density_per_cm2 >= 0.0,
        "{stats:?}"
    );
    // Determinism of placement: a second scene of the same input lays the same dots.
    let again = scene_of(&design, &case.design, &case);
    assert!(
        again.dots() == scene.dots(),
        "placement is not deterministic"
    );
    let view = case.view.unwrap_or_else(|| {
        let bounds = Polygon::new(design.scalp.clone())
            .expect("a valid scalp")
            .bounds();
        View::fit(bounds, case.width, case.height, 1.0)
    });
    let (width, height) = (case.width, case.height);
    let pixels = scene
        .render(width, height, view)
        .expect("a valid size and view render")
        .clone();
    assert_eq!((pixels.width(), pixels.height()), (width, height));
    // Determinism of drawing: a copy of the scene told to repaint everything draws the same.
    let mut copy = scene.clone();
    copy.invalidate();
    let repainted = copy.render(width, height, view).expect("renders");
    assert!(
        repainted.data() == pixels.data(),
        "a whole repaint differs from the first frame"
    );
    // An edit of the hairline re-lays only near the change, and repaints only around it:
    // the result must be what a whole re-layout and a whole repaint give.
    if let Some((k, shift)) = case.edit {
        let mut moved = design.clone();
        moved.hairline[k] += shift;
        let mut value = moved.to_json();
        if let Some(frame) = PhotoFrame::from_design_json(&case.design).expect("a valid frame") {
            frame.write_into(&mut value);
        }
        if let Ok(moved) = Design::from_json(&value) {
            scene
                .set_design(moved.clone())
                .expect("a valid design is accepted");
            let fresh = scene_of(&moved, &value, &case);
            assert!(
                scene.dots() == fresh.dots(),
                "an edited scene's dots differ from a whole re-layout"
            );
            check_dots(&moved, scene.dots());
            let partly = scene.render(width, height, view).expect("renders").clone();
            scene.invalidate();
            let whole = scene.render(width, height, view).expect("renders");
            assert!(
                partly.data() == whole.data(),
                "an edited scene's repaint differs from a whole repaint"
            );
        }
    }
    let contrast = scene.contrast();
    assert_eq!(
        contrast.is_some(),
        case.photo.is_some(),
        "contrast is there exactly with a photo"
    );
    if let Some(report) = &contrast {
        check_contrast(report);
        assert_eq!(report.dots, {
            let looks = scene.looks();
            scene
                .dots()
                .iter()
                .filter(|d| looks.of(d).is_some())
                .count()
        });
        assert_eq!(scene.contrast(), contrast, "contrast is not deterministic");
    }
}

/// Every dot finite, inside the scalp, in range, and no two closer than the spacing bound
/// (also used by tests/properties.rs).
pub fn check_dots(design: &Design, dots: &[Dot]) {
    let scalp = Polygon::new(design.scalp.clone()).expect("a valid scalp");
    for d in dots {
        assert!(
            d.position.is_finite()
                && d.diameter_mm.is_finite()
                && d.opacity.is_finite()
                && d.depth_mm.is_finite()
                && d.rank.is_finite(),
            "a non-finite dot: {d:?}"
        );
        assert!(scalp.contains(d.position), "a dot outside the scalp: {d:?}");
        assert!(
            d.diameter_mm > 0.0 && d.diameter_mm <= design.dot_mm * 1.6 + 1e-9,
            "dot size out of range: {d:?}"
        );
        assert!(
            (0.0..=1.0).contains(&d.opacity),
            "opacity out of range: {d:?}"
        );
        assert!((0.0..1.0).contains(&d.rank), "rank out of range: {d:?}");
        assert!(
            (1..=design.sessions).contains(&d.session),
            "session out of range: {d:?}"
        );
        assert!(d.prongs == 1 || d.prongs == 3, "{d:?}");
    }
    let d_hex = (2.0 / (3f64.sqrt() * design.density_per_cm2 / 100.0)).sqrt();
    let closest = closest_pair(dots);
    assert!(
        closest >= MIN_SPACING_OF_HEX * d_hex * 0.999,
        "dots {closest:.4} mm apart, below {MIN_SPACING_OF_HEX} of the {d_hex:.3} mm spacing"
    );
}

/// Smallest distance between two dots (sweep over x); infinity for fewer than two.
fn closest_pair(dots: &[Dot]) -> f64 {
    let mut p: Vec<DVec2> = dots.iter().map(|d| d.position).collect();
    p.sort_by(|a, b| a.x.total_cmp(&b.x));
    let mut best = f64::INFINITY;
    for i in 0..p.len() {
        for q in &p[i + 1..] {
            if q.x - p[i].x >= best {
                break;
            }
            best = best.min(p[i].distance(*q));
        }
    }
    best
}

/// Every contrast figure finite, the fractions within 0–1, the summary there (also used by
/// tests/properties.rs).
pub fn check_contrast(report: &crate::engine::photo::ContrastReport) {
    let figures = [
        report.rms_before,
        report.rms_after,
        report.weber_before,
        report.weber_after,
        report.step_before,
        report.step_after,
        report.step_lstar_before,
        report.step_lstar_after,
        report.reduction(),
        report.step_reduction(),
    ];
    assert!(
        figures.iter().all(|x| x.is_finite()),
        "a non-finite contrast figure: {report:?}"
    );
    assert!(
        (0.0..=1.0).contains(&report.dots_on_scalp_fraction)
            && (0.0..=1.0).contains(&report.scalp_fraction),
        "a fraction out of range: {report:?}"
    );
    let json = report.to_json();
    assert!(json["summary"].as_str().is_some_and(|s| !s.is_empty()));
}
