//! The appearance model: how a carbon impression in the scalp looks through skin, at every
//! session and age of the work.
//!
//! **What it models.** An SMP impression is a small deposit of diluted carbon black about
//! 0.1–0.3 mm deep, in the papillary dermis, seen through the epidermis and the upper dermis,
//! which scatter light strongly (reduced scattering μs′ ≈ 3–5 /mm; Jacques 2013). Three
//! things follow, and the renderer shows all of them:
//! - **a dark core with a soft halo**: light that leaves the skin near a deposit has
//!   travelled sideways under the surface, so a deposit darkens a blurred area around it;
//! - **optical dot gain**: light crosses the pigment layer twice (in and out, the
//!   Yule–Nielsen effect of halftone printing), so a buried deposit darkens more than its
//!   own area: a Monte Carlo estimate gives 2.2× for a 0.25 mm dot 0.1 mm deep, 1.7× at
//!   0.2 mm, 1.3× at 0.3 mm ([`dermal_gain`]);
//! - **the blue-grey cast**: red light travels further and deeper in skin than blue, so a
//!   deep absorber takes more red than blue from the light that comes back (Kienle et al.
//!   1996, why veins look blue): black carbon reads "black with a tinge of blue".
//!
//! **How.** Skin's own scattering profile is d'Eon & Luebke's sum of six Gaussians per
//! colour channel (GPU Gems 3, ch. 14, fitted to Donner & Jensen's three-layer skin):
//! [`SKIN_PROFILE`]. That profile is surface-in, surface-out; a deposit at depth `z` only
//! meets the light of the paths that reach `z`. We adapt it by weighting each Gaussian of
//! lateral scale σₖ by the chance that its paths reach the depth, `exp(−z/σₖ)` (diffusion:
//! paths that spread sideways by σ also reach about σ deep). The weighted sum gives, per
//! channel, both the halo's shape (a deposit's disc blurred by each Gaussian) and how much of
//! that channel's light meets the pigment ([`channel_visibility`]): the blue cast. The whole
//! dot's absorbance is then scaled so that an opaque 6:1 deposit darkens [`dermal_gain`]
//! times its area (calibrated numerically per depth, [`absorbance_per_mm2`]).
//!
//! Pigment combines as absorbance (Beer–Lambert): each dot adds an absorbance field
//! `A_c(x)`, and the skin's linear reflectance loses [`darkening`]`(ΣA_c)`, which saturates
//! at the share of the channel's light that reaches the pigment at all. So overlapping
//! halos darken less than their sum, a dense core saturates at a blue-grey, and a deposit
//! that spreads while it heals darkens a little more with the same pigment, as it should.
//!
//! **Sessions and ages** live in [`super::timeline`]: which dots show at a moment of the
//! treatment and how much pigment each holds; the fresh state adds a scab and a little
//! redness ([`lobes`]).
//!
//! Every number is in [`AppearanceOptions`] with its source; `docs/domain.md` gives the
//! references. Limits: the depth adaptation of the profile is a model, not a transport
//! solution; hair and oil on the surface are not modelled; the scab is a disc.

use crate::engine::render::timeline::DotState;

/// Skin's diffuse reflectance profile (d'Eon & Luebke 2007, GPU Gems 3 ch. 14, Table 14-1,
/// fitted to Donner & Jensen's three-layer skin): `(variance mm², [R, G, B] weight)`.
pub const SKIN_PROFILE: [(f64, [f64; 3]); 6] = [
    (0.0064, [0.233, 0.455, 0.649]),
    (0.0484, [0.100, 0.336, 0.344]),
    (0.187, [0.118, 0.198, 0.0]),
    (0.567, [0.113, 0.007, 0.007]),
    (1.99, [0.358, 0.004, 0.0]),
    (7.41, [0.078, 0.0, 0.0]),
];

/// Relative luminance of linear sRGB (ITU-R BT.709).
pub const LUMINANCE: [f64; 3] = [0.2126, 0.7152, 0.0722];

/// Monte Carlo dot gain of an opaque 0.25 mm deposit at depth (mm): `(depth, gain)`.
/// Estimate with skin scattering from Jacques 2013 (μs′ ≈ 3–5 /mm, g ≈ 0.8): see
/// `docs/domain.md`.
pub const DOT_GAIN_BY_DEPTH: [(f64, f64); 3] = [(0.1, 2.2), (0.2, 1.7), (0.3, 1.3)];

/// Parameters of the appearance model: defaults from practice and optics, each with its
/// source (references in `docs/domain.md`). Each dot's own depth (0.12 ± 0.03 mm) and size
/// variation (CV 15 %) are placement choices, in `dots.rs`.
///
/// | field | default | unit | source |
/// |---|---|---|---|
/// | `healed_spread` | 1.25 | × diameter | healed dots spread slightly; healed sizes quoted 0.07–0.5 mm |
/// | `scab_spread` | 1.4 | × diameter | scabs are larger and darker than the final dot |
/// | `scab_mass` | 1.0 | × dermal pigment | an opaque day-0 scab 1.4× wider at the surface darkens its area (1.96×) about as much as the deposit's dot gain (≈ 2× its area) |
/// | `redness_mass` | 0.35 | × dermal pigment | erythema around fresh work (haemoglobin absorbs green and blue) |
/// | `first_session_kept` | 0.6 | – | up to half of a first session's pigment is lost while healing |
/// | `later_session_kept` | 0.8 | – | later sessions into healed skin hold more |
/// | `fade_per_year` | 0.12 | /year | fades gradually over 4–6 years (≈ half left at 5–6 years) |
/// | `spread_per_year` | 0.03 | /year | dots soften and spread slightly over the years |
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AppearanceOptions {
    /// Healed deposit diameter as a multiple of the impression's diameter.
    pub healed_spread: f64,
    /// Day-0 scab diameter as a multiple of the impression's diameter.
    pub scab_spread: f64,
    /// Absorbance of a day-0 scab relative to the dot's dermal pigment.
    pub scab_mass: f64,
    /// Absorbance (green and blue) of the redness around fresh work, relative to the pigment.
    pub redness_mass: f64,
    /// Share of a first session's pigment kept once healed.
    pub first_session_kept: f64,
    /// Share of a later session's pigment kept once healed.
    pub later_session_kept: f64,
    /// Share of the pigment lost per year after healing (compounding).
    pub fade_per_year: f64,
    /// Growth of the deposit diameter per year after healing, relative.
    pub spread_per_year: f64,
}

impl Default for AppearanceOptions {
    fn default() -> Self {
        AppearanceOptions {
            healed_spread: 1.25,
            scab_spread: 1.4,
            scab_mass: 1.0,
            redness_mass: 0.35,
            first_session_kept: 0.6,
            later_session_kept: 0.8,
            fade_per_year: 0.12,
            spread_per_year: 0.03,
        }
    }
}

/// Shallowest and deepest deposit the model accepts, mm.
pub const DEPTH_RANGE_MM: (f64, f64) = (0.06, 0.3);

/// Optical dot gain of an opaque deposit at `depth` mm, interpolated in
/// [`DOT_GAIN_BY_DEPTH`] (held constant outside 0.1–0.3 mm).
pub fn dermal_gain(depth: f64) -> f64 {
    let t = &DOT_GAIN_BY_DEPTH;
    if depth <= t[0].0 {
        return t[0].1;
    }
    for w in t.windows(2) {
        if depth <= w[1].0 {
            let f = (depth - w[0].0) / (w[1].0 - w[0].0);
            return w[0].1 + f * (w[1].1 - w[0].1);
        }
    }
    t[t.len() - 1].1
}

/// Chance that the light of a profile Gaussian of `variance` mm² reaches `depth` mm.
pub fn reach(depth: f64, variance: f64) -> f64 {
    libm::exp(-depth / variance.sqrt())
}

/// Share of each channel's returning light that meets a deposit at `depth` mm:
/// `Σₖ wₖ,c · reach(depth, vₖ)`. Red reaches deeper than blue: the blue cast.
pub fn channel_visibility(depth: f64) -> [f64; 3] {
    let mut v = [0.0; 3];
    for (variance, w) in SKIN_PROFILE {
        let r = reach(depth, variance);
        for c in 0..3 {
            v[c] += w[c] * r;
        }
    }
    v
}

/// Depth at which [`darkening`] caps each channel: the typical deposit depth (used through
/// [`CAP_VISIBILITY`], its visibility written out).
#[cfg_attr(not(test), allow(dead_code))]
pub const CAP_DEPTH_MM: f64 = 0.12;

/// How much of a channel's light a pigment absorbance `a` (summed over the dots at a
/// point) removes: `v·(1 − exp(−a/v))`, where `v` is the share of that channel's returning
/// light that reaches the pigment at all ([`channel_visibility`] at [`CAP_DEPTH_MM`]).
/// Light scattered back above the deposit returns whatever lies below, so even an opaque
/// deposit darkens blue at most ≈ 35 % and red ≈ 70 %: dense dermal carbon reads blue-grey,
/// never pitch black. Small absorbances darken by `a` itself.
pub fn darkening(a: f64, channel: usize) -> f64 {
    let v = CAP_VISIBILITY[channel];
    v * (1.0 - libm::exp(-a / v))
}

/// [`channel_visibility`] at [`CAP_DEPTH_MM`] (each at least 1e-6), the cap of
/// [`darkening`], written out: computing it took six `exp` per call, and the kernel build
/// calls [`darkening`] hundreds of thousands of times a frame. The literals are the
/// computed values to the bit (shortest round-trip form; checked by a test).
const CAP_VISIBILITY: [f64; 3] = [0.6991485304994036, 0.45592514043426896, 0.35015520441863146];

/// Channel weights of a deposit at `depth`, normalised to unit luminance: how much more a
/// dot darkens red than blue (≈ 1.4 : 0.9 : 0.7 at 0.12 mm).
pub fn dermal_tint(depth: f64) -> [f64; 3] {
    let v = channel_visibility(depth);
    let lum: f64 = (0..3).map(|c| LUMINANCE[c] * v[c]).sum();
    v.map(|x| x / lum.max(1e-9))
}

/// Share of a dot's absorbance met where light leaves the skin (the exit crossing of the
/// double pass); the rest is met where it entered, spread by skin's profile.
pub const EXIT_CROSSING_SHARE: f64 = 0.5;
/// Blur (σ) of the exit crossing per mm of deposit depth: the climb to the surface through
/// skin whose transport mean free path (1/μs′ ≈ 0.2–0.33 mm) is longer than the climb.
pub const EXIT_BLUR_PER_DEPTH: f64 = 0.6;

/// The tint of a day-0 scab (dark red-brown: dried blood absorbs green and blue more),
/// relative to its luminance absorbance.
pub const SCAB_TINT: [f64; 3] = [0.8, 1.05, 1.15];
/// The tint of the redness around fresh work: absorption in green and blue only.
pub const REDNESS_TINT: [f64; 3] = [0.0, 1.15, 1.44];
/// Spread (σ) of the redness around a fresh impression, mm.
pub const REDNESS_SIGMA_MM: f64 = 0.6;
/// Edge blur of a scab at the surface, mm.
pub const SCAB_EDGE_MM: f64 = 0.02;

/// Lanes of a lobe's weight: absorbance met in the dermis by red, green and blue light
/// (capped by [`darkening`]), then absorbance at the surface (a scab: it blocks all light
/// that meets it, tinted by [`SCAB_TINT`]).
pub const LANES: usize = 4;

/// One radial part of an impression's absorbance: a disc of `radius` mm with its edge
/// blurred by a Gaussian of `sigma` mm, carrying `weight` per lane (its integral).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Lobe {
    /// Disc radius, mm (0: a Gaussian blob).
    pub radius: f64,
    /// Edge blur σ, mm.
    pub sigma: f64,
    /// Integral per lane (absorbance · mm² per unit dot amount, luminance-normalised).
    pub weight: [f64; LANES],
}

/// The lobes of a dot of deposit radius `radius` at `depth` in `state`, after `years` of
/// softening; weights are per unit [`DotLook::amount`] (their luminance sums to 1 for the
/// pigment itself; a fresh dot's scab and redness come on top).
pub fn lobes(
    radius: f64,
    depth: f64,
    state: DotState,
    years: f64,
    options: &AppearanceOptions,
) -> Vec<Lobe> {
    let mut out = Vec::with_capacity(9);
    let v = channel_visibility(depth);
    let tint = dermal_tint(depth);
    // Pigment migrates and softens over the years: widen every Gaussian a little.
    let soften = (radius * options.spread_per_year * years).powi(2);
    // Light crosses the pigment twice. Leaving the skin, it crosses right under its exit
    // point, blurred only by the climb from the deposit to the surface: the dark core,
    // tinted by how much of each channel reaches the depth.
    let exit = EXIT_CROSSING_SHARE;
    out.push(Lobe {
        radius,
        sigma: (EXIT_BLUR_PER_DEPTH * EXIT_BLUR_PER_DEPTH * depth * depth + soften).sqrt(),
        weight: [tint[0] * exit, tint[1] * exit, tint[2] * exit, 0.0],
    });
    // Entering, it crossed where it went in, anywhere its path family spreads: the halo.
    for (variance, w) in SKIN_PROFILE {
        let r = reach(depth, variance);
        let mut weight = [0.0; LANES];
        for c in 0..3 {
            weight[c] = if v[c] > 0.0 {
                (1.0 - exit) * w[c] * r / v[c] * tint[c]
            } else {
                0.0
            };
        }
        if weight.iter().all(|&x| x <= 0.0) {
            continue;
        }
        out.push(Lobe {
            radius,
            sigma: (variance + soften).sqrt(),
            weight,
        });
    }
    if state == DotState::Fresh {
        let scab = radius * options.scab_spread;
        out.push(Lobe {
            radius: scab,
            sigma: SCAB_EDGE_MM,
            weight: [0.0, 0.0, 0.0, options.scab_mass],
        });
        let red = REDNESS_TINT.map(|t| t * options.redness_mass);
        out.push(Lobe {
            radius: 0.0,
            sigma: REDNESS_SIGMA_MM,
            weight: [red[0], red[1], red[2], 0.0],
        });
    }
    out
}

/// Absorbance (mm² per mm² of deposit) that makes an opaque 6:1 deposit 0.25 mm wide at
/// `depth` darken [`dermal_gain`] times its own area, found by bisection on the radial
/// darkening integral of its [`lobes`] (luminance-weighted, [`calibrate`]), per 0.01 mm of
/// depth across [`DEPTH_RANGE_MM`].
pub fn absorbance_per_mm2(depth: f64) -> f64 {
    // Positive: adding ½ and truncating rounds (f64::round is a call, once per dot per frame).
    let bin = (depth.clamp(DEPTH_RANGE_MM.0, DEPTH_RANGE_MM.1) * 100.0 + 0.5) as usize;
    ABSORBANCE_PER_MM2[bin.clamp(FIRST_DEPTH_BIN, LAST_DEPTH_BIN) - FIRST_DEPTH_BIN]
}

/// The 0.01 mm depth bins of [`DEPTH_RANGE_MM`], first and last.
const FIRST_DEPTH_BIN: usize = 6;
const LAST_DEPTH_BIN: usize = 30;

/// [`calibrate`] at each depth bin from 0.06 to 0.30 mm, written out. Why (issue 12, first
/// dots): computed on first use, the bisections (40 radial integrals of 250 rings each, an
/// `exp` per ring and channel) were 27 ms of a phone's first picture at 1× (a CPU profile of
/// a cold page, `bench/first-dots.mjs`), run in the browser's baseline wasm tier. The
/// literals are the computed values to the bit (shortest round-trip form; checked by a test,
/// `the_written_out_absorbances_are_the_calibrated_ones_to_the_bit`).
const ABSORBANCE_PER_MM2: [f64; LAST_DEPTH_BIN - FIRST_DEPTH_BIN + 1] = [
    4.222033354628357,
    4.038959553598946,
    3.8683276747427566,
    3.7117321560930256,
    3.5698332020229326,
    3.331783620799015,
    3.1198974456761333,
    2.931247172420992,
    2.7627946174979257,
    2.611646092261351,
    2.475188172049438,
    2.3511391217796795,
    2.237549246129488,
    2.1327746723115992,
    2.0354401799785755,
    1.9581937892602947,
    1.885573829881421,
    1.8169096615311393,
    1.751639854851147,
    1.689293361354129,
    1.6294738812877911,
    1.5718469856970814,
    1.516129538746789,
    1.4620810200981238,
    1.4094964064227162,
];

/// The absorbance per mm² of deposit at depth `z` mm (see [`absorbance_per_mm2`]): the
/// bisection itself, run by the test that checks the written-out table.
#[cfg_attr(not(test), allow(dead_code))]
fn calibrate(z: f64) -> f64 {
    const REACH_MM: f64 = 2.5;
    const STEPS: usize = 250;
    let radius = 0.125;
    let area = std::f64::consts::PI * radius * radius;
    let target = dermal_gain(z) * area;
    let lobes = lobes(
        radius,
        z,
        DotState::Healed,
        0.0,
        &AppearanceOptions::default(),
    );
    let profile = radial_profile(&lobes, REACH_MM, STEPS);
    let darkened = |m: f64| luminance_of(darkened_area(&profile, REACH_MM, m));
    let (mut lo, mut hi) = (0.0, 50.0);
    for _ in 0..40 {
        let mid = 0.5 * (lo + hi);
        if darkened(mid) < target {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi) / area
}

/// How much a dot of `amount` with this radial `profile` (from [`radial_profile`] over
/// `0..reach_mm`) darkens, per channel, saturation included: ∫ darkening(amount · A(r))
/// 2πr dr, in mm² of fully dark skin.
pub fn darkened_area(profile: &[[f64; LANES]], reach_mm: f64, amount: f64) -> [f64; 3] {
    let dr = reach_mm / profile.len().max(1) as f64;
    let mut out = [0.0; 3];
    for (i, a) in profile.iter().enumerate() {
        let ring = 2.0 * std::f64::consts::PI * (i as f64 + 0.5) * dr * dr;
        for (c, o) in out.iter_mut().enumerate() {
            *o += darkening(amount * a[c], c) * ring;
        }
    }
    out
}

/// The luminance of per-channel values.
pub fn luminance_of(rgb: [f64; 3]) -> f64 {
    (0..3).map(|c| LUMINANCE[c] * rgb[c]).sum()
}

/// Samples the summed lobes at `n` radii over `0..reach_mm` (bin centres), per lane, each
/// lobe tapered to zero over the last quarter of the range and normalised to its weight
/// (what lies beyond is folded in, so a dot's darkening is the same whatever the reach).
pub fn radial_profile(lobes: &[Lobe], reach_mm: f64, n: usize) -> Vec<[f64; LANES]> {
    let dr = reach_mm / n as f64;
    let mut out = vec![[0.0; LANES]; n];
    let mut shape = vec![0.0; n];
    for lobe in lobes {
        let mut integral = 0.0;
        for (i, s) in shape.iter_mut().enumerate() {
            let r = (i as f64 + 0.5) * dr;
            // Taper the last quarter of the reach to zero, so a cut-off halo leaves no ring.
            let taper = ((reach_mm - r) / (0.25 * reach_mm)).clamp(0.0, 1.0);
            *s = lobe_shape(lobe, r) * taper * taper * (3.0 - 2.0 * taper);
            integral += *s * 2.0 * std::f64::consts::PI * r * dr;
        }
        if integral <= 0.0 {
            continue;
        }
        for (o, s) in out.iter_mut().zip(&shape) {
            for (lane, w) in o.iter_mut().zip(lobe.weight) {
                *lane += w * s / integral;
            }
        }
    }
    out
}

/// Unnormalised radial shape of a lobe at `r` mm: a disc's edge blurred by a Gaussian
/// (`erfc` across the rim; exact for a blob, close for a disc wider than its blur).
pub fn lobe_shape(lobe: &Lobe, r: f64) -> f64 {
    if lobe.radius <= 1e-6 {
        libm::exp(-r * r / (2.0 * lobe.sigma * lobe.sigma))
    } else {
        0.5 * libm::erfc((r - lobe.radius) / (std::f64::consts::SQRT_2 * lobe.sigma))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_written_out_absorbances_are_the_calibrated_ones_to_the_bit() {
        // The table spans the depth range, bin for bin.
        assert_eq!(FIRST_DEPTH_BIN as f64 / 100.0, DEPTH_RANGE_MM.0);
        assert_eq!(LAST_DEPTH_BIN as f64 / 100.0, DEPTH_RANGE_MM.1);
        for (i, &written) in ABSORBANCE_PER_MM2.iter().enumerate() {
            let z = (FIRST_DEPTH_BIN + i) as f64 / 100.0;
            assert_eq!(written.to_bits(), calibrate(z).to_bits(), "at {z} mm");
            // Every depth of the range, and beyond it, reads its nearest bin.
            assert_eq!(absorbance_per_mm2(z + 0.004).to_bits(), written.to_bits());
        }
        assert_eq!(absorbance_per_mm2(0.0), ABSORBANCE_PER_MM2[0]);
        assert_eq!(
            absorbance_per_mm2(9.0),
            ABSORBANCE_PER_MM2[LAST_DEPTH_BIN - FIRST_DEPTH_BIN]
        );
    }

    #[test]
    fn the_written_out_cap_is_the_computed_one_to_the_bit() {
        let v = channel_visibility(CAP_DEPTH_MM).map(|x| x.max(1e-6).to_bits());
        assert_eq!(CAP_VISIBILITY.map(f64::to_bits), v);
    }

    #[test]
    fn red_meets_deep_pigment_more_than_blue() {
        let t = dermal_tint(0.12);
        assert!(t[0] > t[1] && t[1] > t[2], "{t:?}");
        // Deeper pigment is bluer still.
        let deep = dermal_tint(0.25);
        assert!(deep[0] / deep[2] > t[0] / t[2]);
    }

    #[test]
    fn an_opaque_deposit_darkens_its_dot_gain_times_its_area() {
        for z in [0.1, 0.2, 0.3] {
            let m = absorbance_per_mm2(z);
            let lobes = lobes(
                0.125,
                z,
                DotState::Healed,
                0.0,
                &AppearanceOptions::default(),
            );
            let area = std::f64::consts::PI * 0.125 * 0.125;
            let profile = radial_profile(&lobes, 2.5, 250);
            let gain = luminance_of(darkened_area(&profile, 2.5, m * area)) / area;
            assert!((gain - dermal_gain(z)).abs() < 0.01, "z {z}: gain {gain}");
        }
    }

    #[test]
    fn darkening_lies_mostly_in_a_halo_within_a_millimetre() {
        // The estimate: ~40 % of an opaque 0.25 mm dot's darkening within r < 0.25 mm at
        // 0.1 mm deep, ~85 % within 1 mm. The model puts a little more in the core.
        let z = 0.1;
        let lobes = lobes(
            0.125,
            z,
            DotState::Healed,
            0.0,
            &AppearanceOptions::default(),
        );
        let m = absorbance_per_mm2(z) * std::f64::consts::PI * 0.125 * 0.125;
        let profile = radial_profile(&lobes, 2.5, 250);
        let dr = 2.5 / 250.0;
        let (mut inner, mut within_mm, mut total) = (0.0, 0.0, 0.0);
        for (i, a) in profile.iter().enumerate() {
            let r = (i as f64 + 0.5) * dr;
            let d: f64 = (0..3)
                .map(|c| LUMINANCE[c] * darkening(m * a[c], c))
                .sum::<f64>()
                * r;
            total += d;
            if r < 0.25 {
                inner += d;
            }
            if r < 1.0 {
                within_mm += d;
            }
        }
        let (inner, within_mm) = (inner / total, within_mm / total);
        println!("darkening within 0.25 mm: {inner:.2}, within 1 mm: {within_mm:.2}");
        assert!((0.3..=0.65).contains(&inner), "within 0.25 mm: {inner:.2}");
        assert!(
            (0.8..=0.97).contains(&within_mm),
            "within 1 mm: {within_mm:.2}"
        );
    }
}
