//! The checksum of a layout, shared by the native tests (tests/dots.rs) and the browser
//! tests (tests/wasm.rs): the same dots must give the same number on both.

use hairline::engine::placement::Dot;

/// FNV-1a over the bits of every dot's position, size, opacity, depth, session and needles.
pub fn checksum(dots: &[Dot]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for d in dots {
        for v in [
            d.position.x,
            d.position.y,
            d.diameter_mm,
            d.opacity,
            d.depth_mm,
            d.session as f64,
            d.prongs as f64,
        ] {
            for b in v.to_bits().to_le_bytes() {
                h = (h ^ b as u64).wrapping_mul(0x100_0000_01b3);
            }
        }
    }
    h
}
