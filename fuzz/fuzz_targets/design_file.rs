//! Fuzz target `design_file`: arbitrary bytes through the design-file reader the CLI and the
//! page use. It must never panic, and answer `Ok` or a short named error; an accepted design
//! must round-trip (see `hairline::fuzzing::design_file`, which tests/fuzz_corpus.rs also runs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    hairline::fuzzing::design_file(data);
});
