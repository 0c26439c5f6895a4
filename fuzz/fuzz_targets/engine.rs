//! Fuzz target `engine`: bytes decoded into a small design on a small photo or the template
//! head, then placed, rendered, contrasted and edited; dots must be finite, inside the scalp
//! and spaced, everything deterministic (see `hairline::fuzzing::engine`, which
//! tests/fuzz_corpus.rs also runs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    hairline::fuzzing::engine(data);
});
