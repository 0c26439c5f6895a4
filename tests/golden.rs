//! Golden images of the renderer: the default design in each style, fresh, healed, years
//! on and after the first session, at 3 px/mm (after the design's last session unless
//! the name says).
//!
//! `UPDATE_GOLDEN=1 cargo test --test golden` rewrites the references after a deliberate
//! change. A mismatch writes `expected | diff | actual` side by side to
//! `tests/artifacts/golden-NAME.png` so a person can see what changed.

use glam::DVec2;
use hairline::engine::render::{Age, Stage, MAX_SESSIONS};
use hairline::engine::template::{default_design, FRAME_HEIGHT_MM, FRAME_WIDTH_MM};
use hairline::engine::Rect;
use hairline::engine::Scene;
use hairline::engine::View;
use hairline::engine::{preset_design, Preset, Sex, TemplateHead};
use hairline::{Design, Style};

const PX_PER_MM: f64 = 3.0;
/// Largest per-channel difference tolerated (rounding across compilers), and how many
/// pixels may exceed it.
const CHANNEL_TOLERANCE: u8 = 2;
const OUTLIERS: usize = 20;

/// After the design's last session (a stage beyond it shows the last), at `age`.
fn last(age: Age) -> Stage {
    Stage {
        session: MAX_SESSIONS,
        age,
    }
}

fn render(design: Design, stage: Stage) -> (u32, u32, Vec<u8>) {
    let mut scene = Scene::new(design).unwrap();
    scene.set_stage(stage);
    let (w, h) = (
        (FRAME_WIDTH_MM * PX_PER_MM) as u32,
        (FRAME_HEIGHT_MM * PX_PER_MM) as u32,
    );
    let frame = Rect {
        min: DVec2::ZERO,
        max: DVec2::new(FRAME_WIDTH_MM, FRAME_HEIGHT_MM),
    };
    let pixmap = scene.render(w, h, View::fit(frame, w, h, 0.0)).unwrap();
    (w, h, pixmap.data().to_vec())
}

fn read_png(path: &str) -> Option<(u32, u32, Vec<u8>)> {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).ok()?));
    let mut reader = decoder.read_info().ok()?;
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).ok()?;
    buf.truncate(info.buffer_size());
    Some((info.width, info.height, buf))
}

fn write_png(path: &str, w: u32, h: u32, rgba: &[u8]) {
    let file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut encoder = png::Encoder::new(file, w, h);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder
        .write_header()
        .unwrap()
        .write_image_data(rgba)
        .unwrap();
}

fn check(name: &str, design: Design, stage: Stage) {
    let root = env!("CARGO_MANIFEST_DIR");
    let reference = format!("{root}/tests/fixtures/golden/{name}.png");
    let (w, h, actual) = render(design, stage);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(format!("{root}/tests/fixtures/golden")).unwrap();
        write_png(&reference, w, h, &actual);
    }
    let (ew, eh, expected) = read_png(&reference)
        .unwrap_or_else(|| panic!("missing {reference}; UPDATE_GOLDEN=1 makes it"));
    assert_eq!((ew, eh), (w, h), "{name}: size changed");
    let bad = expected
        .iter()
        .zip(&actual)
        .enumerate()
        .filter(|(i, (e, a))| i % 4 != 3 && e.abs_diff(**a) > CHANNEL_TOLERANCE)
        .count();
    if bad > OUTLIERS {
        let mut side = vec![0u8; (w * 3 * h * 4) as usize];
        for y in 0..h as usize {
            for x in 0..w as usize {
                let i = (y * w as usize + x) * 4;
                let diff: Vec<u8> = (0..3)
                    .map(|k| 255 - expected[i + k].abs_diff(actual[i + k]).saturating_mul(8))
                    .collect();
                for (panel, px) in [
                    &expected[i..i + 4],
                    &[diff[0], diff[1], diff[2], 255][..],
                    &actual[i..i + 4],
                ]
                .iter()
                .enumerate()
                {
                    let o = (y * 3 * w as usize + panel * w as usize + x) * 4;
                    side[o..o + 4].copy_from_slice(px);
                }
            }
        }
        std::fs::create_dir_all(format!("{root}/tests/artifacts")).unwrap();
        let out = format!("{root}/tests/artifacts/golden-{name}.png");
        write_png(&out, w * 3, h, &side);
        panic!("{name}: {bad} channel values differ by more than {CHANNEL_TOLERANCE}; see {out}");
    }
}

#[test]
fn soft_fresh() {
    check("soft-fresh", default_design(), last(Age::Fresh));
}

#[test]
fn soft_four_years_on() {
    check("soft-4-years", default_design(), last(Age::Years(4.0)));
}

#[test]
fn soft_after_the_first_session() {
    check(
        "soft-session-1-healed",
        default_design(),
        Stage {
            session: 1,
            age: Age::Healed,
        },
    );
}

#[test]
fn soft_healed() {
    check("soft-healed", default_design(), last(Age::Healed));
}

#[test]
fn sharp_fresh() {
    check(
        "sharp-fresh",
        Design {
            style: Style::Sharp,
            ..default_design()
        },
        last(Age::Fresh),
    );
}

#[test]
fn density_only_fresh() {
    check(
        "density-only-fresh",
        Design {
            style: Style::DensityOnly,
            ..default_design()
        },
        last(Age::Fresh),
    );
}

/// Healed pigment reads lighter than fresh over the treated scalp, at whole-head and at
/// close zoom: healing spreads and fades a dot, it never adds pigment.
#[test]
fn healed_reads_lighter_than_fresh() {
    let mean_luminance = |age: Age, px_per_mm: f64| {
        let mut scene = Scene::new(default_design()).unwrap();
        scene.set_stage(last(age));
        // The crown, 30 × 20 mm behind the line, filling the frame.
        let area = Rect {
            min: DVec2::new(95.0, 28.0),
            max: DVec2::new(125.0, 48.0),
        };
        let (w, h) = ((30.0 * px_per_mm) as u32, (20.0 * px_per_mm) as u32);
        let pixmap = scene.render(w, h, View::fit(area, w, h, 0.0)).unwrap();
        let d = pixmap.data();
        let sum: f64 = d
            .chunks(4)
            .map(|p| 0.299 * p[0] as f64 + 0.587 * p[1] as f64 + 0.114 * p[2] as f64)
            .sum();
        sum / (d.len() / 4) as f64
    };
    for px_per_mm in [3.0, 12.0, 30.0] {
        let (fresh, healed) = (
            mean_luminance(Age::Fresh, px_per_mm),
            mean_luminance(Age::Healed, px_per_mm),
        );
        assert!(
            healed > fresh,
            "at {px_per_mm} px/mm healed {healed:.2} is not lighter than fresh {fresh:.2}"
        );
    }
}

/// The view of the template's whole frame fitted to `w` × `h` px.
fn whole_head(w: u32, h: u32) -> View {
    View::fit(
        Rect {
            min: DVec2::ZERO,
            max: DVec2::new(FRAME_WIDTH_MM, FRAME_HEIGHT_MM),
        },
        w,
        h,
        0.0,
    )
}

/// Paints `scene` with `render_in_parts`, one band per call, until done; returns the
/// calls it took and the pixels.
fn in_parts(scene: &mut Scene, w: u32, h: u32, view: View) -> (usize, Vec<u8>) {
    for calls in 1..10_000 {
        if scene.render_in_parts(w, h, view, || false).unwrap() {
            return (calls, scene.frame().unwrap().data().to_vec());
        }
    }
    panic!("never finished");
}

/// The template at 240 × 200 px, its whole head in view, painted once band by band:
/// `(scene, width, height, view)`.
fn template_painted_in_parts() -> (Scene, u32, u32, View) {
    let (w, h) = (240u32, 200u32);
    let head = whole_head(w, h);
    let mut scene = Scene::new(default_design()).unwrap();
    in_parts(&mut scene, w, h, head);
    (scene, w, h, head)
}

/// Issue 12: a whole frame painted band by band over many calls (so that no frame of the
/// page waits for all of it) has exactly the pixels of `render`; a change that comes in
/// while it is under way waits for it (the frame is a whole picture of the design before,
/// never bands of two) and then the frame is painted again, a new view starts over, and a
/// small change after it (a handle's area) is repainted band by band too.
#[test]
fn a_frame_painted_in_parts_is_the_rendered_frame() {
    let (w, h) = (240u32, 200u32);
    let whole = |design: Design, view: View| {
        let mut s = Scene::new(design).unwrap();
        s.render(w, h, view).unwrap().data().to_vec()
    };
    let head = whole_head(w, h);
    let close = View::fit(
        Rect {
            min: DVec2::new(95.0, 40.0),
            max: DVec2::new(125.0, 65.0),
        },
        w,
        h,
        0.0,
    );
    // The bald template, and a woman's thinning head with buzzed hair and dark skin (the
    // background's layers: head, tint, stubble), each band by band.
    let buzzed = preset_design(TemplateHead {
        preset: Preset::Norwood(3),
        sex: Sex::Female,
        skin: 5,
        ..TemplateHead::default()
    });
    for design in [default_design(), buzzed] {
        for view in [head, close] {
            let mut scene = Scene::new(design.clone()).unwrap();
            let (calls, pixels) = in_parts(&mut scene, w, h, view);
            assert!(calls > 2, "{calls} calls");
            assert!(pixels == whole(design.clone(), view), "in parts ≠ whole");
        }
    }
    // A new density arrives a few bands in: the frame is finished with the old one (bands
    // of both were a picture of no design: issue 12, a slider let go on a slow phone), and
    // the next frame shows the new one.
    let denser = Design {
        density_per_cm2: 60.0,
        ..default_design()
    };
    // (Its kernels built already, so that each call paints a band rather than builds one.)
    let mut scene = Scene::new(default_design()).unwrap();
    scene.render(w, h, head).unwrap();
    scene.invalidate();
    for _ in 0..2 {
        assert!(!scene.render_in_parts(w, h, head, || false).unwrap());
    }
    scene.set_design(denser.clone()).unwrap();
    let (_, before) = in_parts(&mut scene, w, h, head);
    assert!(
        !scene.frame_is_current(),
        "finished, but not the design as it is"
    );
    let (again, pixels) = in_parts(&mut scene, w, h, head);
    assert!(scene.frame_is_current());
    assert!(again > 2, "painted again in parts");
    assert!(pixels == whole(denser.clone(), head));
    assert!(
        before == whole(default_design(), head),
        "the first frame is wholly the design before"
    );
    // Another view part-way: it starts over, at the new view.
    scene.invalidate();
    assert!(!scene.render_in_parts(w, h, head, || false).unwrap());
    let (_, pixels) = in_parts(&mut scene, w, h, close);
    assert!(pixels == whole(denser.clone(), close));
    // A moved hairline point: its area only, band by band (a handle's area on a tablet at 4×
    // CPU is most of a frame's painting), the last finished frame's area put meanwhile. A
    // second move part-way starts the area over, taking in both.
    let mut moved = denser.clone();
    // (The point in the close view: at the middle of the line.)
    let k = (0..moved.hairline.len())
        .min_by(|&a, &b| {
            let d = |i: usize| (moved.hairline[i].x - 110.0).abs();
            d(a).total_cmp(&d(b))
        })
        .unwrap();
    moved.hairline[k].y += 2.0;
    scene.set_design(moved.clone()).unwrap();
    assert!(!scene.render_in_parts(w, h, close, || false).unwrap());
    assert!(scene.repainted().is_none(), "nothing to put yet");
    moved.hairline[k + 1].y += 1.5;
    scene.set_design(moved.clone()).unwrap();
    let mut calls = 1;
    while !scene.render_in_parts(w, h, close, || false).unwrap() {
        calls += 1;
        assert!(calls < 1_000, "the area is never finished");
    }
    assert!(calls > 2, "the area over {calls} calls");
    let area = scene.repainted().unwrap();
    assert!(area.area() < (w * h) as usize, "{area:?}");
    assert!(scene.frame_is_current());
    assert!(scene.frame().unwrap().data() == &whole(moved.clone(), close)[..]);
    let (calls, pixels) = in_parts(&mut scene, w, h, close);
    assert_eq!(calls, 1, "nothing left to paint");
    assert!(pixels == whole(moved, close));
}

/// Issue 12: a new stage (the age timeline scrubbed) needs new kernels for its dots, which
/// on a throttled phone took 100–180 ms inside the one band that met them. A frame in parts
/// builds them within its time like the bands: a call with no time left fills at most one
/// kernel, so no frame of the page waits for all of them; the finished frame is unchanged.
#[test]
fn a_new_stage_builds_its_kernels_a_few_per_call() {
    let (mut scene, w, h, head) = template_painted_in_parts();
    let years = Stage {
        session: scene.stage().session,
        age: Age::Years(3.0),
    };
    scene.set_stage(years);
    let mut most_in_one_call = 0;
    let start = scene.tables_filled();
    let mut calls = 0;
    loop {
        calls += 1;
        let before = scene.tables_filled();
        let done = scene.render_in_parts(w, h, head, || false).unwrap();
        most_in_one_call = most_in_one_call.max(scene.tables_filled() - before);
        if done {
            break;
        }
        assert!(calls < 10_000, "never finished");
    }
    let built = scene.tables_filled() - start;
    assert!(built > 20, "the new stage filled only {built} kernels");
    assert_eq!(
        most_in_one_call, 1,
        "a call with no time left filled more than one kernel"
    );
    let mut whole = Scene::new(default_design()).unwrap();
    whole.set_stage(years);
    assert!(scene.frame().unwrap().data() == whole.render(w, h, head).unwrap().data());
}

/// Issue 12: the age timeline swept on a slow phone changes the stage on every frame. A
/// frame in parts keeps the stage it started at, so the kernels it has built stay and it
/// finishes (then it is painted again at the stage shown); before, each new stage dropped
/// them and, with no time to spare, the frame never finished while the sweep went on.
#[test]
fn a_frame_in_parts_finishes_while_the_stage_changes_every_call() {
    let (mut scene, w, h, head) = template_painted_in_parts();
    let session = scene.stage().session;
    let at = |years: f64| Stage {
        session,
        age: Age::Years(years),
    };
    scene.set_stage(at(1.0));
    let mut calls = 0;
    while !scene.render_in_parts(w, h, head, || false).unwrap() {
        calls += 1;
        assert!(
            calls < 5_000,
            "a frame in parts never finished while the stage changed"
        );
        scene.set_stage(at(1.0 + (calls % 2) as f64));
    }
    // It was painted at the stage it started at: shown, not current, and painted again.
    let mut whole = Scene::new(default_design()).unwrap();
    whole.set_stage(at(1.0));
    assert!(scene.frame().unwrap().data() == whole.render(w, h, head).unwrap().data());
    assert!(!scene.frame_is_current());
}
