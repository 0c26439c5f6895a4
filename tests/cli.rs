//! The `hairline` command line: outputs and exit codes as a clinic's script sees them.

use std::path::PathBuf;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_hairline"))
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hairline-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// A fresh copy of the template design; each call gets its own file, because the tests
/// run in parallel and one must never read another's half-written file.
fn template_file() -> PathBuf {
    static COUNT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = COUNT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let path = temp(&format!("design-{n}.json"));
    let status = bin().args(["template", "-o"]).arg(&path).status().unwrap();
    assert!(status.success());
    path
}

#[test]
fn dots_writes_a_csv_with_the_documented_header() {
    let design = template_file();
    let out = temp("dots.csv");
    let status = bin()
        .arg("dots")
        .arg(&design)
        .arg("-o")
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let csv = std::fs::read_to_string(&out).unwrap();
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("x_mm,y_mm,diameter_mm,session,depth_mm"));
    let rows: Vec<Vec<f64>> = lines
        .map(|l| l.split(',').map(|v| v.parse().unwrap()).collect())
        .collect();
    assert!(rows.len() > 3000);
    assert!(rows
        .iter()
        .all(|r| r.len() == 5 && r.iter().all(|v| v.is_finite())));
    // Every session of the default three-session plan lays some of them.
    for session in 1..=3 {
        assert!(
            rows.iter().any(|r| r[3] == session as f64),
            "session {session}"
        );
    }
    // `--session 1` lists only the first session's dots, a subset of the whole.
    let first = temp("dots-1.csv");
    let status = bin()
        .arg("dots")
        .arg(&design)
        .args(["--session", "1", "-o"])
        .arg(&first)
        .status()
        .unwrap();
    assert!(status.success());
    let first = std::fs::read_to_string(&first).unwrap();
    let first: Vec<&str> = first.lines().skip(1).collect();
    assert!(first.len() > 1000 && first.len() < rows.len());
    assert!(first.iter().all(|l| csv.contains(l)));
}

/// Mean of the green channel of a PNG.
fn mean_green(path: &std::path::Path) -> f64 {
    let decoder = png::Decoder::new(std::io::Cursor::new(std::fs::read(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    let px = &buf[..info.buffer_size()];
    px.chunks(4).map(|p| p[1] as f64).sum::<f64>() / (px.len() / 4) as f64
}

#[test]
fn render_shows_any_session_and_age_and_session_zero_is_the_untreated_head() {
    let design = template_file();
    let render = |extra: &[&str], name: &str| {
        let out = temp(name);
        let status = bin()
            .arg("render")
            .arg(&design)
            .args(["--px-per-mm", "2"])
            .args(extra)
            .arg("-o")
            .arg(&out)
            .status()
            .unwrap();
        assert!(status.success(), "{extra:?}");
        mean_green(&out)
    };
    let before = render(&["--session", "0"], "s0.png");
    let first = render(&["--session", "1", "--age", "healed"], "s1.png");
    let healed = render(&["--age", "healed"], "s3.png");
    let legacy = render(&["--healed"], "s3-legacy.png");
    let fresh = render(&["--session", "3", "--age", "fresh"], "s3-fresh.png");
    let years = render(&["--age", "4"], "s3-4y.png");
    assert!(
        before > first && first > healed,
        "{before} {first} {healed}"
    );
    assert_eq!(healed, legacy, "--healed is --age healed");
    assert!(fresh < healed, "fresh {fresh} healed {healed}");
    assert!(years > healed && years < before, "{years}");
    let out = bin()
        .arg("render")
        .arg(&design)
        .args(["--age", "ancient", "-o", "x.png"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--age"));
}

#[test]
fn render_writes_a_png_of_the_requested_scale() {
    let design = template_file();
    let out = temp("out.png");
    let status = bin()
        .arg("render")
        .arg(&design)
        .args(["--px-per-mm", "2"])
        .arg("-o")
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let reader = decoder.read_info().unwrap();
    assert_eq!((reader.info().width, reader.info().height), (440, 600));
}

#[test]
fn bad_input_gives_one_line_and_a_non_zero_exit() {
    let bad = temp("bad.json");
    std::fs::write(&bad, r#"{"version": 1, "seed": 1, "style": "soft"}"#).unwrap();
    let cases: Vec<(Vec<String>, i32, &str)> = vec![
        (
            vec![
                "dots".into(),
                bad.display().to_string(),
                "-o".into(),
                temp("x.csv").display().to_string(),
            ],
            1,
            "scalp",
        ),
        (
            vec![
                "dots".into(),
                "/no/such/design.json".into(),
                "-o".into(),
                temp("y.csv").display().to_string(),
            ],
            2,
            "cannot read",
        ),
        (
            vec![
                "render".into(),
                template_file().display().to_string(),
                "--px-per-mm".into(),
                "NaN".into(),
                "-o".into(),
                "z.png".into(),
            ],
            1,
            "px-per-mm",
        ),
        (
            vec!["dots".into(), template_file().display().to_string()],
            1,
            "-o",
        ),
        (vec!["paint".into()], 1, "unknown command"),
        (vec![], 1, "usage"),
    ];
    for (args, code, needle) in cases {
        let out = bin().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(code), "{args:?}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
    }
}
