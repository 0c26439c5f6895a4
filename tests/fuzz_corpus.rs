//! Replays the minimised fuzz corpus (fuzz/corpus/<target>/, kept by scripts/fuzz) through
//! the fuzz targets' own entry functions (hairline::fuzzing), so the ordinary `cargo test`
//! on stable Rust checks every input the fuzzer found interesting, and every crash it found
//! once, without any fuzzing tools. Also the regression tests of the bugs fuzzing found.

use std::path::{Path, PathBuf};

use hairline::fuzzing;
use hairline::Design;

/// The corpus files of one target, sorted (a missing folder is an error: it is committed).
fn corpus(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

/// Runs `entry` on every corpus file of `target`; fails naming each file that panics.
fn replay(target: &str, entry: fn(&[u8])) {
    let files = corpus(target);
    assert!(!files.is_empty(), "fuzz/corpus/{target} is empty");
    let failed: Vec<String> = files
        .iter()
        .filter(|path| {
            let bytes = std::fs::read(path).expect("a readable corpus file");
            std::panic::catch_unwind(|| entry(&bytes)).is_err()
        })
        .map(|path| path.display().to_string())
        .collect();
    assert!(
        failed.is_empty(),
        "{} of {} {target} corpus inputs panicked (messages above):\n{}",
        failed.len(),
        files.len(),
        failed.join("\n")
    );
}

#[test]
fn design_file_corpus_replays_without_a_panic() {
    replay("design_file", fuzzing::design_file);
}

#[test]
fn engine_corpus_replays_without_a_panic() {
    replay("engine", fuzzing::engine);
}

#[test]
fn empty_and_tiny_inputs_are_handled() {
    for bytes in [&b""[..], b"\0", b"{", b"[]", b"null", b"\xff\xfe"] {
        fuzzing::design_file(bytes);
        fuzzing::engine(bytes);
    }
}

/// Found by the design_file target: a coordinate written by the engine (or by a browser's
/// JSON.stringify, both give the shortest text that reads back exactly) was read back one
/// unit in the last place off, because serde_json's default float parser is not exact, so a
/// saved design did not reload as the same design. Fixed by serde_json's `float_roundtrip`.
#[test]
fn a_written_design_reads_back_bit_for_bit() {
    let text = r#"{"version":1,"seed":1,"style":"soft","density_per_cm2":90,"dot_mm":0.25,
        "transition_mm":10,"scalp":[[40,26],[156.3877777777778,33],[51,166]],
        "hairline":[[30,60],[170,60]]}"#;
    let design = Design::from_json_str(text).unwrap();
    assert_eq!(design.scalp[1].x, 156.3877777777778_f64);
    let again = Design::from_json_str(&design.to_json().to_string()).unwrap();
    assert_eq!(again, design);
    // Every shortest representation reads back exactly.
    for x in [
        156.3877777777778_f64,
        0.1 + 0.2,
        1.0 / 3.0,
        1999.9999999999998,
        5e-324,
    ] {
        let value: serde_json::Value = serde_json::from_str(&x.to_string()).unwrap();
        assert_eq!(value.as_f64(), Some(x), "{x}");
    }
}
