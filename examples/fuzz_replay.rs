//! Replays a fuzz corpus through the `engine` target's own entry function and prints the
//! executions per second: a quick, fuzzer-free way to see what an engine change does to the
//! fuzzing rate (the rate under libFuzzer, with coverage instrumentation and mutations, is
//! higher, since many mutated inputs are refused early).
//!   cargo run --release --example fuzz_replay -- fuzz/work/engine [ROUNDS]

use std::time::Instant;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "fuzz/corpus/engine".into());
    let rounds: usize = std::env::args()
        .nth(2)
        .map(|s| s.parse().expect("ROUNDS is a whole number"))
        .unwrap_or(1);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {dir}: {e}"))
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let inputs: Vec<Vec<u8>> = files
        .iter()
        .map(|p| std::fs::read(p).expect("a readable file"))
        .collect();
    let start = Instant::now();
    for _ in 0..rounds {
        for bytes in &inputs {
            hairline::fuzzing::engine(bytes);
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    let n = inputs.len() * rounds;
    println!(
        "{n} executions in {seconds:.2} s: {:.1}/s",
        n as f64 / seconds
    );
}
