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
        (
            vec![
                "plan".into(),
                template_file().display().to_string(),
                "--date".into(),
                "2026-02-30".into(),
            ],
            1,
            "invalid plan context: date",
        ),
        (
            vec![
                "plan".into(),
                template_file().display().to_string(),
                "--skin".into(),
                "9".into(),
            ],
            1,
            "--skin",
        ),
        (
            vec![
                "plan".into(),
                template_file().display().to_string(),
                "--format".into(),
                "pdf".into(),
            ],
            1,
            "--format",
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

/// Runs the CLI and returns its stdout, asserting success.
fn stdout_of(args: &[&std::ffi::OsStr]) -> String {
    let out = bin().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn plan_prints_json_whose_figures_match_stats() {
    let design = template_file();
    let d = design.as_os_str();
    let stats: serde_json::Value =
        serde_json::from_str(&stdout_of(&["stats".as_ref(), d])).unwrap();
    let text = stdout_of(&[
        "plan".as_ref(),
        d,
        "--client".as_ref(),
        "Client 0042".as_ref(),
        "--date".as_ref(),
        "2026-11-24".as_ref(),
        "--skin".as_ref(),
        "III".as_ref(),
        "--hair".as_ref(),
        "dark-brown".as_ref(),
    ]);
    let plan: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(text.starts_with("{\n  \""), "pretty JSON");
    assert_eq!(plan["client_reference"], "Client 0042");
    assert_eq!(plan["date"], "2026-11-24");
    assert_eq!(plan["skin"]["fitzpatrick"], 3);
    assert_eq!(plan["hair_colour"], "dark brown", "a colour name in words");
    assert_eq!(plan["head"]["kind"], "template");
    assert_eq!(plan["style"], "soft");
    assert_eq!(plan["hairline_height_mm"], 75.0);
    let total = plan["total_impressions"].as_u64().unwrap();
    assert_eq!(total, stats["dots"].as_u64().unwrap());
    let area = plan["treated_area_cm2"].as_f64().unwrap();
    assert!((area - stats["area_cm2"].as_f64().unwrap()).abs() < 0.005);
    let zones = plan["zones"].as_array().unwrap();
    assert_eq!(zones.len(), 2);
    let zone_area: f64 = zones.iter().map(|z| z["area_cm2"].as_f64().unwrap()).sum();
    assert!((zone_area - area).abs() < 0.01, "{zone_area} {area}");
    let sessions = plan["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 3);
    let laid: u64 = sessions
        .iter()
        .map(|s| s["new_impressions"].as_u64().unwrap())
        .sum();
    assert_eq!(laid, total);
    for (i, s) in sessions.iter().enumerate() {
        assert_eq!(s["day"], 14 * i as u64);
        let n = s["new_impressions"].as_f64().unwrap();
        assert!((s["hours"]["high"].as_f64().unwrap() - n / 3500.0).abs() <= 0.005);
        assert!((s["hours"]["low"].as_f64().unwrap() - n / 7000.0).abs() <= 0.005);
    }
    // Session 2 at the design's 0.75 shade: 8 parts water to 1 of carbon.
    assert_eq!(sessions[1]["shade"], 0.75);
    assert_eq!(sessions[1]["dilution"]["ratio"], "8:1");
    assert_eq!(sessions[0]["needles"][1]["cartridge"], "0803");
    assert_eq!(plan["impressions_per_hour"]["low"], 3500.0);
    assert_eq!(plan["forecast"][1]["stage"], "healed");
    assert_eq!(plan["forecast"].as_array().unwrap().len(), 8);
    assert!(plan["notice"]
        .as_str()
        .unwrap()
        .contains("illustration, not a guarantee"));
    assert!(!plan["sources"].as_array().unwrap().is_empty());
}

#[test]
fn plan_prints_markdown_with_a_table_of_sessions() {
    let design = template_file();
    let d = design.as_os_str();
    let stats: serde_json::Value =
        serde_json::from_str(&stdout_of(&["stats".as_ref(), d])).unwrap();
    let md = stdout_of(&[
        "plan".as_ref(),
        d,
        "--format".as_ref(),
        "md".as_ref(),
        "--client".as_ref(),
        "A|B".as_ref(),
    ]);
    for heading in [
        "# Treatment plan\n",
        "\n## Treated area\n",
        "\n## Sessions\n",
        "\n## Healing and fading\n",
        "\n## Notice\n",
        "\n## Sources\n",
    ] {
        assert!(md.contains(heading), "{heading}");
    }
    assert!(md.contains("| Client | A\\|B |"), "{md}");
    assert!(md.contains("| session | day |"));
    for row in ["\n| 1 | 0 | ", "\n| 2 | 14 | ", "\n| 3 | 28 | "] {
        assert!(md.contains(row), "{row}");
    }
    // The total row carries the engine's impression count, with thousands separated.
    let dots = stats["dots"].as_u64().unwrap();
    let grouped = format!("{},{:03}", dots / 1000, dots % 1000);
    assert!(
        md.contains(&format!("| **total** | | | **{grouped}** |")),
        "{md}"
    );
    assert!(md.contains("7.5 cm"));
    assert!(md.contains("illustration, not a guarantee"));
    // -o writes the same text to a file.
    let out = temp("plan.md");
    stdout_of(&[
        "plan".as_ref(),
        d,
        "--format".as_ref(),
        "md".as_ref(),
        "--client".as_ref(),
        "A|B".as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), md);
}

/// Issue 13 (5): a bad option value was echoed whole; a 100,000-character value now comes
/// back as a short excerpt, still naming the option and what it takes.
#[test]
fn bad_option_values_are_quoted_short() {
    let design = template_file();
    let huge = "9".repeat(100_000);
    for option in ["--age", "--session", "--px-per-mm"] {
        let out = bin()
            .args(["stats"])
            .arg(&design)
            .args([option, huge.as_str()])
            .output()
            .unwrap();
        assert!(!out.status.success(), "{option} refused");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(option), "{option}: {stderr:.200}");
        assert!(
            stderr.chars().count() < 400,
            "{option}: {} characters",
            stderr.len()
        );
    }
}

#[test]
fn presets_are_listed_and_template_writes_a_preset_design_that_renders() {
    let out = bin().arg("presets").output().unwrap();
    assert!(out.status.success());
    let listing = String::from_utf8(out.stdout).unwrap();
    for name in [
        "bald",
        "norwood-1",
        "norwood-7",
        "ludwig-3",
        "alopecia-areata",
        "alopecia-totalis",
    ] {
        assert!(
            listing.lines().any(|l| l.starts_with(name)),
            "{name} listed"
        );
    }
    let dir = std::env::temp_dir().join(format!("hairline-cli-preset-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let design = dir.join("n4.json");
    let status = bin()
        .args([
            "template",
            "--preset",
            "norwood-4",
            "--skin",
            "IV",
            "--hair",
            "black",
            "--sex",
            "male",
            "-o",
        ])
        .arg(&design)
        .status()
        .unwrap();
    assert!(status.success());
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&design).unwrap()).unwrap();
    assert_eq!(
        value["head"],
        serde_json::json!({ "preset": "norwood-4", "view": "front", "sex": "male", "skin": 4, "hair": "black" })
    );
    let png = dir.join("n4.png");
    let status = bin()
        .arg("render")
        .arg(&design)
        .arg("-o")
        .arg(&png)
        .args(["--px-per-mm", "2"])
        .status()
        .unwrap();
    assert!(status.success());
    assert!(std::fs::metadata(&png).unwrap().len() > 1000);
    for (args, words) in [
        (vec!["--preset", "norwood-9"], "--preset must be one of"),
        (vec!["--view", "side"], "--view must be front or top"),
        (vec!["--sex", "x"], "--sex must be male or female"),
        (vec!["--skin", "VII"], "--skin must be a Fitzpatrick type"),
        (vec!["--hair", "green"], "--hair must be"),
    ] {
        let out = bin()
            .arg("template")
            .args(&args)
            .arg("-o")
            .arg(dir.join("bad.json"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(words),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
