//! Seeded, platform-independent randomness for the engine.
//!
//! Every random choice in the designer comes from here and is derived from the design's
//! `seed`, so the same design gives the same dots natively and in wasm, on every device.
//! SplitMix64 (Steele et al., 2014) is used both as a sequential generator and as a
//! stateless hash: it is tiny, passes BigCrush as a hash of a counter, and needs nothing
//! but integer arithmetic, which is bit-identical on every target.

/// Mixes a 64-bit value into a well-distributed 64-bit hash (SplitMix64 finaliser).
pub fn mix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Hashes several integers (a seed and coordinates or indices) into one 64-bit value.
pub fn hash(parts: &[u64]) -> u64 {
    parts
        .iter()
        .fold(0x51_7C_C1_B7_27_22_0A_95, |acc, &p| mix64(acc ^ mix64(p)))
}

/// Maps a hash to a uniform `f64` in `[0, 1)` using its top 53 bits.
pub fn unit(h: u64) -> f64 {
    (h >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// Maps a hash to a uniform `f64` in `[-1, 1)`.
pub fn signed_unit(h: u64) -> f64 {
    unit(h) * 2.0 - 1.0
}

/// An approximately standard normal number from a hash (sum of four uniforms, scaled):
/// bounded to ±3.5, platform-independent.
pub fn normal(h: u64) -> f64 {
    // The four 16-bit quarters of one hash as four uniforms: one hash per number (this runs
    // for every dot of every re-layout).
    let u: f64 = (0..4)
        .map(|i| (((h >> (16 * i)) & 0xffff) as f64 + 0.5) / 65536.0)
        .sum();
    (u - 2.0) * 3f64.sqrt()
}

/// A sequential seeded generator (SplitMix64 over a counter).
#[derive(Clone, Debug)]
pub struct Rng {
    state: u64,
}

impl Rng {
    /// A generator whose whole sequence is fixed by `seed`.
    pub fn new(seed: u64) -> Self {
        Self { state: mix64(seed) }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix64(self.state)
    }

    /// A uniform `f64` in `[0, 1)`.
    pub fn next_unit(&mut self) -> f64 {
        unit(self.next_u64())
    }
}

/// Smooth 2-D value noise in `[-1, 1]` with unit feature size, seeded.
///
/// Used for the soft hairline's undulation and micro-irregularity. It depends only on the
/// position (not on arc length along the line), so editing one part of a hairline never
/// shifts the irregularity of another part: that keeps dots still while the user edits.
pub fn value_noise(seed: u64, x: f64, y: f64) -> f64 {
    let xf = x.floor();
    let yf = y.floor();
    let (xi, yi) = (xf as i64, yf as i64);
    let (tx, ty) = (x - xf, y - yf);
    let corner = |dx: i64, dy: i64| signed_unit(hash(&[seed, (xi + dx) as u64, (yi + dy) as u64]));
    let sx = tx * tx * (3.0 - 2.0 * tx);
    let sy = ty * ty * (3.0 - 2.0 * ty);
    let top = corner(0, 0) + (corner(1, 0) - corner(0, 0)) * sx;
    let bottom = corner(0, 1) + (corner(1, 1) - corner(0, 1)) * sx;
    top + (bottom - top) * sy
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_sequence_other_seed_other_sequence() {
        let a: Vec<u64> = (0..5)
            .map({
                let mut r = Rng::new(7);
                move |_| r.next_u64()
            })
            .collect();
        let b: Vec<u64> = (0..5)
            .map({
                let mut r = Rng::new(7);
                move |_| r.next_u64()
            })
            .collect();
        let c: Vec<u64> = (0..5)
            .map({
                let mut r = Rng::new(8);
                move |_| r.next_u64()
            })
            .collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn unit_is_uniform_enough() {
        let mut rng = Rng::new(1);
        let n = 100_000;
        let mean = (0..n).map(|_| rng.next_unit()).sum::<f64>() / n as f64;
        assert!((mean - 0.5).abs() < 0.005, "mean {mean}");
    }

    #[test]
    fn value_noise_is_bounded_and_continuous() {
        for i in 0..2000 {
            let x = i as f64 * 0.0137;
            let v = value_noise(3, x, 0.5 * x);
            let w = value_noise(3, x + 1e-6, 0.5 * x);
            assert!((-1.0..=1.0).contains(&v));
            assert!((v - w).abs() < 1e-4);
        }
    }
}
