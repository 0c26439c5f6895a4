//! Pigment matching: which dilution of carbon black suits a client's hair and skin, and
//! when a chosen shade is risky.
//!
//! What: [`HairColour`] (named, or read from an sRGB colour), [`fitzpatrick_from_rgb`]
//! (skin type I–VI from the individual typology angle, ITA° = atan((L* − 50) / b*), with
//! the published bands > 55° I, 41–55° II, 28–41° III, 10–28° IV, −30–10° V, < −30° VI), and
//! [`advise`]: the recommended shade and warnings for a chosen one.
//!
//! Why: docs/domain.md — match hair colour and skin tone; too dark on fair skin risks a bluish
//! cast (carbon seen through fair epidermis scatters blue); darker skin softens contrast,
//! so a shade too light does not read at all. Units: shade is the design's darkness 0.2–1.0
//! (≈ 30:1 to 6:1 water to pigment, i.e. about 6 / shade parts of water per part pigment).
//! Limits: ITA from a photo depends on its white balance and lighting; the page lets the
//! user correct the estimate. The table is a starting point for the first session, which
//! practitioners keep lighter and build up later.

use serde::Serialize;

/// Hair colours the page offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HairColour {
    /// Black.
    Black,
    /// Dark brown.
    DarkBrown,
    /// Brown.
    Brown,
    /// Red or auburn.
    Red,
    /// Blond.
    Blond,
    /// Grey or white.
    Grey,
}

impl HairColour {
    /// All, darkest first.
    pub const ALL: [HairColour; 6] = [
        HairColour::Black,
        HairColour::DarkBrown,
        HairColour::Brown,
        HairColour::Red,
        HairColour::Blond,
        HairColour::Grey,
    ];

    /// The name used by the page and the CLI.
    pub fn name(self) -> &'static str {
        match self {
            HairColour::Black => "black",
            HairColour::DarkBrown => "dark-brown",
            HairColour::Brown => "brown",
            HairColour::Red => "red",
            HairColour::Blond => "blond",
            HairColour::Grey => "grey",
        }
    }

    /// Parses a name from [`HairColour::name`].
    pub fn from_name(name: &str) -> Option<HairColour> {
        HairColour::ALL.into_iter().find(|h| h.name() == name)
    }

    /// The nearest named colour to an sRGB hair colour (e.g. from the eyedropper), by
    /// CIELAB lightness and chroma.
    pub fn from_rgb(rgb: [f64; 3]) -> HairColour {
        let [l, a, b] = lab(rgb);
        let chroma = (a * a + b * b).sqrt();
        if chroma < 9.0 && l > 45.0 {
            HairColour::Grey
        } else if a > 14.0 && a > 0.6 * b && l > 30.0 {
            HairColour::Red
        } else if l >= 55.0 {
            HairColour::Blond
        } else if l >= 26.0 {
            HairColour::Brown
        } else if l >= 16.0 {
            HairColour::DarkBrown
        } else {
            HairColour::Black
        }
    }
}

/// sRGB (0–255) → CIELAB (D65).
pub fn lab(rgb: [f64; 3]) -> [f64; 3] {
    let [r, g, b] = rgb.map(crate::engine::photo::image::srgb_to_linear);
    let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    let f = |t: f64| {
        if t > 0.008856 {
            libm::cbrt(t)
        } else {
            7.787 * t + 16.0 / 116.0
        }
    };
    let (fx, fy, fz) = (f(x), f(y), f(z));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

/// CIELAB lightness L* of a relative linear luminance Y (0–1, white = 1).
pub fn lightness(y: f64) -> f64 {
    if y > 0.008856 {
        116.0 * libm::cbrt(y) - 16.0
    } else {
        903.3 * y
    }
}

/// Individual typology angle of a skin colour, degrees.
pub fn ita_degrees(rgb: [f64; 3]) -> f64 {
    let [l, _, b] = lab(rgb);
    libm::atan2(l - 50.0, b.max(1e-6)).to_degrees()
}

/// Fitzpatrick skin type 1–6 estimated from a skin colour through ITA°.
pub fn fitzpatrick_from_rgb(rgb: [f64; 3]) -> u8 {
    let ita = ita_degrees(rgb);
    match ita {
        a if a > 55.0 => 1,
        a if a > 41.0 => 2,
        a if a > 28.0 => 3,
        a if a > 10.0 => 4,
        a if a > -30.0 => 5,
        _ => 6,
    }
}

/// Recommended first-session shade for each hair colour (rows, as in [`HairColour::ALL`])
/// and Fitzpatrick type I–VI (columns): darker hair and darker skin need darker pigment.
const SHADES: [[f64; 6]; 6] = [
    [0.70, 0.75, 0.85, 0.90, 1.00, 1.00], // black
    [0.60, 0.65, 0.75, 0.80, 0.90, 1.00], // dark brown
    [0.50, 0.55, 0.60, 0.70, 0.80, 0.90], // brown
    [0.40, 0.45, 0.50, 0.60, 0.70, 0.80], // red
    [0.30, 0.35, 0.40, 0.50, 0.60, 0.70], // blond
    [0.25, 0.30, 0.35, 0.45, 0.55, 0.65], // grey
];
/// Darkest shade before a bluish cast becomes a real risk, per Fitzpatrick type.
const BLUISH_ABOVE: [f64; 6] = [0.75, 0.80, 0.90, 1.01, 1.01, 1.01];
/// A chosen shade this far below the recommendation no longer reads against the skin.
const TOO_LIGHT_MARGIN: f64 = 0.25;

/// The recommendation for a hair colour and skin type, and warnings for a chosen shade.
#[derive(Clone, Debug, PartialEq)]
pub struct Advice {
    /// Recommended shade 0.2–1.0.
    pub shade: f64,
    /// Parts of water per part of carbon pigment for that shade (≈ 6 / shade).
    pub water_parts: f64,
    /// Plain-words warnings about the chosen shade (empty when it is fine).
    pub warnings: Vec<String>,
    /// The same warnings as figures, one for each (for a page that says them in its own
    /// language).
    pub cautions: Vec<ShadeCaution>,
}

/// A warning about a chosen shade, as figures.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ShadeCaution {
    /// `"too-dark"` (fair skin: carbon this dark can heal bluish) or `"too-light"` (it will
    /// not read against the skin and hair).
    pub kind: &'static str,
    /// The shade chosen, 0–1.
    pub chosen: f64,
    /// The shade to use instead, 0–1.
    pub advised: f64,
}

/// Advice for `hair` on Fitzpatrick type `fitzpatrick` (clamped to 1–6), checking `chosen`.
pub fn advise(hair: HairColour, fitzpatrick: u8, chosen: f64) -> Advice {
    let f = fitzpatrick.clamp(1, 6) as usize - 1;
    let row = HairColour::ALL.iter().position(|&h| h == hair).unwrap_or(0);
    let shade = SHADES[row][f];
    let mut warnings = Vec::new();
    let mut cautions = Vec::new();
    let roman = ["I", "II", "III", "IV", "V", "VI"][f];
    if chosen.is_finite() {
        if chosen > BLUISH_ABOVE[f] {
            warnings.push(format!(
                "Shade {:.0} % is too dark for fair skin (Fitzpatrick {roman}): carbon this dark can heal with a bluish cast; {:.0} % is safer.",
                chosen * 100.0,
                shade.min(BLUISH_ABOVE[f]) * 100.0
            ));
            cautions.push(ShadeCaution {
                kind: "too-dark",
                chosen,
                advised: shade.min(BLUISH_ABOVE[f]),
            });
        }
        if chosen < shade - TOO_LIGHT_MARGIN {
            warnings.push(format!(
                "Shade {:.0} % is too light to read against Fitzpatrick {roman} skin with {} hair; {:.0} % is recommended.",
                chosen * 100.0,
                hair.name().replace('-', " "),
                shade * 100.0
            ));
            cautions.push(ShadeCaution {
                kind: "too-light",
                chosen,
                advised: shade,
            });
        }
    }
    Advice {
        shade,
        water_parts: water_parts(shade),
        warnings,
        cautions,
    }
}

/// Parts of distilled water per part of carbon pigment that make `shade` (0.2–1.0):
/// `6 / shade`, so 1.0 ↔ 6:1, 0.75 ↔ 8:1, 0.2 ↔ 30:1 (docs/domain.md, section 7). The
/// pigment advice and the treatment plan both use it, so their dilutions agree.
pub fn water_parts(shade: f64) -> f64 {
    6.0 / shade
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skin_types_follow_the_ita_bands() {
        assert_eq!(fitzpatrick_from_rgb([246.0, 226.0, 212.0]), 1);
        assert!(matches!(fitzpatrick_from_rgb([198.0, 150.0, 118.0]), 3 | 4));
        assert_eq!(fitzpatrick_from_rgb([70.0, 45.0, 35.0]), 6);
    }

    #[test]
    fn hair_colours_are_read_from_rgb() {
        assert_eq!(HairColour::from_rgb([25.0, 22.0, 20.0]), HairColour::Black);
        assert_eq!(
            HairColour::from_rgb([190.0, 188.0, 185.0]),
            HairColour::Grey
        );
        assert_eq!(
            HairColour::from_rgb([205.0, 170.0, 110.0]),
            HairColour::Blond
        );
        assert_eq!(HairColour::from_rgb([150.0, 62.0, 35.0]), HairColour::Red);
        assert_eq!(HairColour::from_rgb([95.0, 64.0, 44.0]), HairColour::Brown);
    }

    #[test]
    fn dark_pigment_on_fair_skin_and_light_pigment_on_dark_skin_are_warned() {
        let fair = advise(HairColour::Black, 1, 1.0);
        assert!(fair.warnings[0].contains("bluish"), "{fair:?}");
        assert!(advise(HairColour::Black, 1, fair.shade).warnings.is_empty());
        let dark = advise(HairColour::Black, 6, 0.3);
        assert!(dark.warnings[0].contains("too light"), "{dark:?}");
        assert!((advise(HairColour::Grey, 2, 0.3).water_parts - 20.0).abs() < 1e-9);
    }
}
