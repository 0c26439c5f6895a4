//! Contrast figures of a treated region, before and after the simulated pigment.
//!
//! What: [`report`] renders the impressions at a stage of the treatment (any session and
//! age, with the appearance model of `appearance.rs`) onto the work photo *under* the hair
//! (pigment is in the scalp; a hair that covers a dot hides it), then measures both images:
//! - **RMS contrast at viewing scale**: σ/μ of linear luminance inside the region after a
//!   Gaussian low-pass of σ = [`VIEWING_SIGMA_MM`] (0.5 mm, about what the eye resolves at
//!   conversation distance), so it measures scalp showing through, not single hairs;
//! - **hair–scalp Weber contrast**: |Y_hair − Y_scalp| / Y_scalp over the pixels the
//!   classifier calls hair and scalp (unblurred means of linear luminance);
//! - **the step seen from conversation distance**: at a metre or more single hairs and
//!   dots merge, and a thinning area is seen as one tone, the mean of its hair and scalp,
//!   against the tone of full hair (the hair pixels' mean). The step is
//!   (Y_area − Y_hair) / Y_hair, also given in CIELAB L* units; SMP lowers it by darkening
//!   the scalp share of the mix.
//!
//! Why: density-only SMP exists to lower exactly these numbers; the page says how much in
//! plain words ([`plain_words`]). Units: luminance is relative (0–1, linear light);
//! distances mm via the work photo's px per mm. Limits: the simulation is as good as the
//! classification and the appearance model; it is an illustration, not a promise.

use crate::engine::photo::classify::Classification;
use crate::engine::photo::image::{srgb_to_linear_table, Photo};
use crate::engine::photo::scalp_map::blur;
use crate::engine::placement::dots::Dot;
use crate::engine::render::impressions::ImpressionRenderer;
use crate::engine::render::raster::{PixelRect, Pixmap, Rgba};
use crate::engine::render::timeline::StageLooks;

/// σ of the viewing-scale low-pass, mm.
pub const VIEWING_SIGMA_MM: f64 = 0.5;

/// The figures of one image of the region.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Figures {
    /// RMS contrast at viewing scale (σ/μ of low-passed luminance).
    pub rms: f64,
    /// Hair–scalp Weber contrast |Y_hair − Y_scalp| / Y_scalp.
    pub weber: f64,
    /// Step of the whole area against full hair from conversation distance,
    /// (Y_area − Y_hair) / Y_hair (0 without hair pixels).
    pub step: f64,
    /// The same step in CIELAB lightness, L*(area) − L*(hair).
    pub step_lstar: f64,
}

/// Before and after, and where the dots went.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ContrastReport {
    /// RMS contrast of the photo.
    pub rms_before: f64,
    /// RMS contrast with healed pigment.
    pub rms_after: f64,
    /// Weber contrast of the photo.
    pub weber_before: f64,
    /// Weber contrast with healed pigment.
    pub weber_after: f64,
    /// Step against full hair from conversation distance, before.
    pub step_before: f64,
    /// The same, after.
    pub step_after: f64,
    /// The step in L* units, before.
    pub step_lstar_before: f64,
    /// The step in L* units, after.
    pub step_lstar_after: f64,
    /// Number of impressions.
    pub dots: usize,
    /// Fraction of impressions whose centre is on a visible-scalp pixel.
    pub dots_on_scalp_fraction: f64,
    /// Fraction of the region's pixels that are mostly scalp.
    pub scalp_fraction: f64,
}

impl ContrastReport {
    /// The report as the CLI prints it and the page reads it (one shape for both).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "rms_before": self.rms_before,
            "rms_after": self.rms_after,
            "weber_before": self.weber_before,
            "weber_after": self.weber_after,
            "step_before": self.step_before,
            "step_after": self.step_after,
            "step_lstar_before": self.step_lstar_before,
            "step_lstar_after": self.step_lstar_after,
            "step_reduction": self.step_reduction(),
            "dots": self.dots,
            "dots_on_scalp_fraction": self.dots_on_scalp_fraction,
            "scalp_fraction": self.scalp_fraction,
            "reduction": self.reduction(),
            "summary": plain_words(self),
        })
    }

    /// Relative drop of the step against full hair, 0–1 (negative if it rose).
    pub fn step_reduction(&self) -> f64 {
        if self.step_before.abs() > 1e-9 {
            1.0 - self.step_after / self.step_before
        } else {
            0.0
        }
    }

    /// Relative drop of the viewing-scale contrast, 0–1 (negative if it rose).
    pub fn reduction(&self) -> f64 {
        if self.rms_before > 0.0 {
            1.0 - self.rms_after / self.rms_before
        } else {
            0.0
        }
    }
}

/// The report in plain words for a client, e.g. "scalp shows 8 % less close up; from a
/// metre away the thinning area stands out 9 % less against the hair".
pub fn plain_words(report: &ContrastReport) -> String {
    let pct = (report.reduction() * 100.0).round();
    let step = (report.step_reduction() * 100.0).round();
    if report.dots == 0 {
        return "no impressions in this area yet".into();
    }
    let near = if pct >= 1.0 {
        format!("scalp shows {pct:.0} % less close up")
    } else {
        "scalp shows about as much as before close up".into()
    };
    if report.step_before > 0.0 && step >= 1.0 {
        format!("{near}; from a metre away the thinning area stands out {step:.0} % less against the hair")
    } else {
        near
    }
}

/// The photo with impressions under the hair: dots are drawn as they look at `looks` at
/// `px_per_mm` (work photo px per mm, design origin at the photo's top-left), then each
/// pixel takes back the photo in proportion to its hair coverage. Only the rectangle
/// holding the region is drawn (outside it the photo stays as it is). `None` for a photo
/// larger than a pixmap allows.
pub fn simulate(
    photo: &Photo,
    classification: &Classification,
    dots: &[Dot],
    px_per_mm: f64,
    looks: &StageLooks,
    renderer: &mut ImpressionRenderer,
) -> Option<Pixmap> {
    let mut frame = Pixmap::new(photo.width(), photo.height(), Rgba(0, 0, 0, 255))?;
    frame.data_mut().copy_from_slice(photo.data());
    frame
        .data_mut()
        .chunks_exact_mut(4)
        .for_each(|p| p[3] = 255);
    // Only the region's pixels are measured: pigment is drawn and hair put back over them
    // alone (a clipped draw gives each pixel inside exactly what a whole one gives it).
    let Some([x0, y0, x1, y1]) = classification.bounds() else {
        return Some(frame);
    };
    let k = px_per_mm as f32;
    let clip = PixelRect {
        x0: x0 as i64,
        y0: y0 as i64,
        x1: x1 as i64,
        y1: y1 as i64,
    };
    renderer.draw_in_bands(&mut frame, dots, looks, |p| p.as_vec2() * k, k, clip);
    let w = photo.width() as usize;
    let cov = classification.coverage_bytes();
    for y in y0..y1 {
        let (a, b) = (y * w + x0, y * w + x1);
        occlude(
            &mut frame.data_mut()[a * 4..b * 4],
            &photo.data()[a * 4..b * 4],
            &cov[a..b],
        );
    }
    Some(frame)
}

/// Puts hair back over pigment: `frame` takes `photo` in proportion to the hair coverage
/// bytes (0 outside the region, 1 scalp … 255 hair), all three row by row, same size.
pub fn occlude(frame: &mut [u8], photo: &[u8], coverage: &[u8]) {
    for ((out, src), &c) in frame
        .chunks_exact_mut(4)
        .zip(photo.chunks_exact(4))
        .zip(coverage)
    {
        if c <= 1 {
            continue;
        }
        let a = (c - 1) as u32 + ((c - 1) as u32 >> 7); // 0..=255
        for k in 0..3 {
            out[k] = ((src[k] as u32 * a + out[k] as u32 * (255 - a) + 127) / 255) as u8;
        }
    }
}

/// Contrast figures of an RGBA image (same size as `classification`) over its region.
pub fn figures(rgba: &[u8], classification: &Classification, px_per_mm: f64) -> Figures {
    let (w, h) = (
        classification.width() as usize,
        classification.height() as usize,
    );
    let lin = srgb_to_linear_table();
    let cov = classification.coverage_bytes();
    // Region bounds, so the blur runs over the region only.
    let (mut x0, mut y0, mut x1, mut y1) = (w, h, 0, 0);
    let (mut ys, mut ns, mut yh, mut nh) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
    let [bx0, by0, bx1, by1] = classification.bounds().unwrap_or([0; 4]);
    for y in by0..by1 {
        for x in bx0..bx1 {
            let c = cov[y * w + x];
            if c == 0 {
                continue;
            }
            (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x + 1), y1.max(y + 1));
            let i = (y * w + x) * 4;
            let l = 0.2126 * lin[rgba[i] as usize]
                + 0.7152 * lin[rgba[i + 1] as usize]
                + 0.0722 * lin[rgba[i + 2] as usize];
            if c < 128 {
                ys += l as f64;
                ns += 1.0;
            } else {
                yh += l as f64;
                nh += 1.0;
            }
        }
    }
    if x1 <= x0 || y1 <= y0 {
        return Figures {
            rms: 0.0,
            weber: 0.0,
            step: 0.0,
            step_lstar: 0.0,
        };
    }
    let weber = if ns > 0.0 && nh > 0.0 && ys > 0.0 {
        ((yh / nh) - (ys / ns)).abs() / (ys / ns)
    } else {
        0.0
    };
    let (hair_step, step_lstar) = if nh > 0.0 && yh > 0.0 {
        let (area, hair) = ((ys + yh) / (ns + nh), yh / nh);
        (
            (area - hair) / hair,
            crate::engine::photo::pigment::lightness(area)
                - crate::engine::photo::pigment::lightness(hair),
        )
    } else {
        (0.0, 0.0)
    };
    // Box-average to about 6 px/mm first (σ = 0.5 mm is then 3 px): same low-pass, less work.
    let step = ((px_per_mm / 6.0).floor() as usize).max(1);
    let (cols, rows) = ((x1 - x0).div_ceil(step), (y1 - y0).div_ceil(step));
    let mut lum = vec![0.0f32; cols * rows];
    let mut mask = vec![0.0f32; cols * rows];
    for y in y0..y1 {
        for x in x0..x1 {
            if cov[y * w + x] == 0 {
                continue;
            }
            let i = (y * w + x) * 4;
            let l = 0.2126 * lin[rgba[i] as usize]
                + 0.7152 * lin[rgba[i + 1] as usize]
                + 0.0722 * lin[rgba[i + 2] as usize];
            let j = ((y - y0) / step) * cols + (x - x0) / step;
            lum[j] += l;
            mask[j] += 1.0;
        }
    }
    let sigma = (VIEWING_SIGMA_MM * px_per_mm / step as f64) as f32;
    let bl = blur(&lum, cols, rows, sigma);
    let bm = blur(&mask, cols, rows, sigma);
    let (mut s1, mut s2, mut n) = (0.0f64, 0.0f64, 0.0f64);
    for j in 0..cols * rows {
        if mask[j] <= 0.0 || bm[j] <= 1e-6 {
            continue;
        }
        let v = (bl[j] / bm[j]) as f64;
        let wgt = mask[j] as f64;
        s1 += v * wgt;
        s2 += v * v * wgt;
        n += wgt;
    }
    let mean = s1 / n.max(1.0);
    let var = (s2 / n.max(1.0) - mean * mean).max(0.0);
    Figures {
        rms: if mean > 0.0 { var.sqrt() / mean } else { 0.0 },
        weber,
        step: hair_step,
        step_lstar,
    }
}

/// Before/after figures of `dots` (design mm, origin at the photo's top-left) on `photo`
/// at `px_per_mm` work px per mm, as they look at `looks`; `before` is [`figures`] of the
/// photo itself (it depends on the photo and its classification only, so the caller keeps
/// it between reports). `None` if the photo is too large to render (over 8192 px a side;
/// work copies never are).
pub fn report(
    photo: &Photo,
    classification: &Classification,
    before: &Figures,
    dots: &[Dot],
    px_per_mm: f64,
    looks: &StageLooks,
    renderer: &mut ImpressionRenderer,
) -> Option<ContrastReport> {
    let after = simulate(photo, classification, dots, px_per_mm, looks, renderer)?;
    let after_f = figures(after.data(), classification, px_per_mm);
    let on_scalp = dots
        .iter()
        .filter(|d| {
            let q = d.position * px_per_mm;
            classification.is_scalp(q.x.floor() as i64, q.y.floor() as i64)
        })
        .count();
    let (inside, scalp) = classification.counts();
    Some(ContrastReport {
        rms_before: before.rms,
        rms_after: after_f.rms,
        weber_before: before.weber,
        weber_after: after_f.weber,
        step_before: before.step,
        step_after: after_f.step,
        step_lstar_before: before.step_lstar,
        step_lstar_after: after_f.step_lstar,
        dots: dots.iter().filter(|d| looks.of(d).is_some()).count(),
        dots_on_scalp_fraction: if dots.is_empty() {
            1.0
        } else {
            on_scalp as f64 / dots.len() as f64
        },
        scalp_fraction: if inside > 0 {
            scalp as f64 / inside as f64
        } else {
            0.0
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::photo::layer::tests::{design, photo, rect};
    use crate::engine::render::timeline::{Age, Stage};
    use crate::engine::{Design, Scene};

    #[test]
    fn the_report_is_that_of_the_whole_photo_drawn_with_every_dot() {
        let (photo, frame) = photo();
        let mut scene = Scene::new(design(rect(10.0, 10.0, 90.0, 65.0))).unwrap();
        scene.set_photo_frame(Some(frame)).unwrap();
        scene.set_photo(&photo).unwrap();
        for (stage, scalp) in [
            (
                Stage {
                    session: 3,
                    age: Age::Healed,
                },
                rect(10.0, 10.0, 90.0, 65.0),
            ),
            (
                Stage {
                    session: 1,
                    age: Age::Fresh,
                },
                rect(10.0, 10.0, 90.0, 65.0),
            ),
            (
                Stage {
                    session: 2,
                    age: Age::Healed,
                },
                rect(30.0, 20.0, 70.0, 60.0),
            ),
        ] {
            scene
                .set_design(Design {
                    scalp,
                    ..scene.design().clone()
                })
                .unwrap();
            scene.set_stage(stage);
            let report = scene.contrast().unwrap();
            assert_eq!(scene.contrast().unwrap(), report, "the same twice");
            // As first written: every dot drawn over the whole photo, hair put back everywhere,
            // and the photo's own figures measured afresh.
            let map = scene.scalp_map().unwrap();
            let c = map.classification();
            let mut all = Pixmap::new(photo.width(), photo.height(), Rgba(0, 0, 0, 255)).unwrap();
            all.data_mut().copy_from_slice(photo.data());
            let k = map.px_per_mm() as f32;
            let bounds = all.bounds();
            ImpressionRenderer::default().draw(
                &mut all,
                scene.dots(),
                &scene.looks(),
                |p| p.as_vec2() * k,
                k,
                bounds,
            );
            occlude(all.data_mut(), photo.data(), c.coverage_bytes());
            let before = figures(photo.data(), c, map.px_per_mm());
            let after = figures(all.data(), c, map.px_per_mm());
            assert!(report.dots > 100, "{} dots", report.dots);
            assert_eq!(
                [
                    report.rms_before,
                    report.weber_before,
                    report.step_before,
                    report.step_lstar_before
                ],
                [before.rms, before.weber, before.step, before.step_lstar]
            );
            assert_eq!(
                [
                    report.rms_after,
                    report.weber_after,
                    report.step_after,
                    report.step_lstar_after
                ],
                [after.rms, after.weber, after.step, after.step_lstar]
            );
            assert!(
                report.rms_after != report.rms_before,
                "the dots change the picture"
            );
        }
    }
}
