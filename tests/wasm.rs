//! Engine and facade checks inside a real browser (wasm-bindgen-test in headless Chromium):
//! the same dots as native, bit for bit, and the facade's error behaviour.
#![cfg(target_arch = "wasm32")]

use hairline::engine::density::DensityField;
use hairline::engine::dots::place_dots;
use hairline::engine::template::default_design;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn checksum() -> u64 {
    let design = default_design();
    let field = DensityField::new(&design).unwrap();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for d in place_dots(&design, &field) {
        for v in [d.position.x, d.position.y, d.diameter_mm, d.opacity] {
            for b in v.to_bits().to_le_bytes() {
                h = (h ^ b as u64).wrapping_mul(0x100_0000_01b3);
            }
        }
    }
    h
}

#[wasm_bindgen_test]
fn dots_are_bit_identical_to_native() {
    let recorded = include_str!("fixtures/default-dots.checksum").trim();
    assert_eq!(format!("{:016x}", checksum()), recorded);
}
