//! The stages of [`super::classify`], each tested alone: a two-colour split per cell
//! ([`cell_fits`]), which side of a split is hair ([`lighter_is_hair`], [`Orientation`]),
//! the photo's skin and hair colours ([`global_model`]), the local skin colour of every
//! cell ([`local_skin`]) and each pixel's hair coverage ([`hair_coverage`]).

use super::{
    chroma_dist, dist2, features, locus_distance, median, spread_field, two_means, Fit, Pair,
    OFF_LOCUS,
};
use crate::engine::photo::image::Photo;

/// `ln(i + 2)` for every byte value: the log-luminance feature without a log per pixel.
pub(super) fn log_table() -> [f32; 256] {
    let mut ln = [0.0f32; 256];
    for (i, v) in ln.iter_mut().enumerate() {
        *v = libm::logf(i as f32 + 2.0);
    }
    ln
}

/// The cells of a photo and each one's two-colour split (`None`: no pixel of the region).
pub(super) struct CellGrid {
    pub(super) cell: usize,
    pub(super) cols: usize,
    pub(super) rows: usize,
    pub(super) fits: Vec<Option<Fit>>,
}

/// Stage 1: splits the region's pixels of each `cell` × `cell` square into two colours.
pub(super) fn cell_fits(photo: &Photo, inside: &[bool], cell: usize, ln: &[f32; 256]) -> CellGrid {
    let (w, h) = (photo.width() as usize, photo.height() as usize);
    let (cols, rows) = (w.div_ceil(cell), h.div_ceil(cell));
    let mut fits: Vec<Option<Fit>> = vec![None; cols * rows];
    let mut buf = Vec::with_capacity(cell * cell);
    for cy in 0..rows {
        for cx in 0..cols {
            buf.clear();
            for y in cy * cell..((cy + 1) * cell).min(h) {
                for x in cx * cell..((cx + 1) * cell).min(w) {
                    if inside[y * w + x] {
                        buf.push(features(photo.rgb(x as i64, y as i64), ln));
                    }
                }
            }
            fits[cy * cols + cx] = two_means(&buf);
        }
    }
    CellGrid {
        cell,
        cols,
        rows,
        fits,
    }
}

/// Stage 2: whether the lighter colour of a split is the hair, decided once for the photo
/// (per-cell decisions flip on cells where thin strands blend into the skin): it is when
/// it lies off the skin locus (blond, red, grey) or, in its purest cells, is nearly neutral
/// beside strongly coloured skin (grey or white hair on Fitzpatrick III–VI).
pub(super) fn lighter_is_hair(bimodal: &[Fit], ln: &[f32; 256]) -> bool {
    let sat = |c: [f32; 3]| (c[1] * c[1] + c[2] * c[2]).sqrt();
    let quantile = |mut v: Vec<f32>, q: f32| -> f32 {
        if v.is_empty() {
            return 0.0;
        }
        v.sort_by(|a, b| a.total_cmp(b));
        v[((v.len() - 1) as f32 * q) as usize]
    };
    let db = median(
        bimodal
            .iter()
            .map(|f| locus_distance(f.bright, ln))
            .collect(),
    );
    let lead = median(
        bimodal
            .iter()
            .map(|f| locus_distance(f.bright, ln) - locus_distance(f.dark, ln))
            .collect(),
    );
    let neutral = quantile(bimodal.iter().map(|f| sat(f.bright)).collect(), 0.2);
    let coloured = median(bimodal.iter().map(|f| sat(f.dark)).collect());
    (db > OFF_LOCUS && lead > 0.06) || (neutral < 0.10 && coloured > 0.25)
}

/// Which side of a split is hair: the eyedropper's hint when given, else the photo's rule.
pub(super) struct Orientation {
    pub(super) hint: Option<[f32; 3]>,
    pub(super) lighter_is_hair: bool,
}

impl Orientation {
    /// `(skin, hair, skin pixel count)` of a split.
    pub(super) fn orient(&self, f: &Fit) -> ([f32; 3], [f32; 3], usize) {
        let hair_bright = match self.hint {
            Some(t) if chroma_dist(f.dark, f.bright) >= 0.08 => {
                chroma_dist(f.bright, t) < chroma_dist(f.dark, t)
            }
            Some(t) => (f.bright[0] - t[0]).abs() < (f.dark[0] - t[0]).abs(),
            None => self.lighter_is_hair,
        };
        if hair_bright {
            (f.dark, f.bright, f.n_dark)
        } else {
            (f.bright, f.dark, f.n_bright)
        }
    }
}

/// The photo's skin and hair colours (features) and the log-luminance step between them.
pub(super) struct Model {
    pub(super) skin: [f32; 3],
    pub(super) hair: [f32; 3],
    pub(super) step: f32,
    /// Whether any clear split was found (else a plain darkness rule is used).
    pub(super) modelled: bool,
}

/// Stage 3: the model from the clearest half of the clear splits, by median.
pub(super) fn global_model(all_bimodal: &[Fit], orientation: &Orientation) -> Model {
    let mut bimodal = all_bimodal.to_vec();
    bimodal.sort_by(|a, b| b.separation().total_cmp(&a.separation()));
    bimodal.truncate(bimodal.len().div_ceil(2));
    let pairs: Vec<Pair> = bimodal
        .iter()
        .map(|f| {
            let (s, h, _) = orientation.orient(f);
            (s, h)
        })
        .collect();
    let med = |f: &dyn Fn(&Pair) -> f32| median(pairs.iter().map(f).collect());
    Model {
        skin: [med(&|p| p.0[0]), med(&|p| p.0[1]), med(&|p| p.0[2])],
        hair: [med(&|p| p.1[0]), med(&|p| p.1[1]), med(&|p| p.1[2])],
        step: med(&|p| p.1[0] - p.0[0]),
        modelled: !bimodal.is_empty(),
    }
}

/// Stage 4: the local skin colour of every cell: cells whose split agrees with the model,
/// then plain skin cells, spread into the cells where no skin shows.
pub(super) fn local_skin(
    grid: &CellGrid,
    orientation: &Orientation,
    model: &Model,
) -> Vec<[f32; 3]> {
    let (skin_c, hair_c, step) = (model.skin, model.hair, model.step);
    let agrees = |f: &Fit| -> Option<[f32; 3]> {
        let (s, hc, _) = orientation.orient(f);
        let ok = f.bimodal()
            && chroma_dist(s, skin_c) < 0.3
            && chroma_dist(hc, hair_c) < 0.35
            && ((hc[0] - s[0]) - step).abs() < 0.5 * step.abs() + 0.1;
        ok.then_some(s)
    };
    let mut evidence: Vec<([f32; 3], f32)> = grid
        .fits
        .iter()
        .map(
            |f| match f.as_ref().and_then(|f| agrees(f).map(|s| (s, f))) {
                Some((s, f)) => (s, orientation.orient(f).2 as f32),
                None => ([0.0; 3], 0.0),
            },
        )
        .collect();
    let mut skin_field = spread_field(grid.cols, grid.rows, &evidence, skin_c);
    if model.modelled {
        for (i, f) in grid.fits.iter().enumerate() {
            let Some(f) = f else { continue };
            if evidence[i].1 > 0.0 {
                continue;
            }
            let s = skin_field[i];
            let hv = [s[0] + step, hair_c[1], hair_c[2]];
            let m = f.mean;
            if dist2(m, s) < dist2(m, hv) && dist2(m, s).sqrt() < 0.3 && f.spread < 0.25 {
                evidence[i] = (m, f.n() as f32);
            }
        }
        skin_field = spread_field(grid.cols, grid.rows, &evidence, skin_c);
    }
    skin_field
}

/// Hair coverage bytes (0 outside the region, 1 scalp … 255 hair) and the mean colours of
/// the clearly-skin and clearly-hair pixels.
pub(super) struct Coverage {
    pub(super) bytes: Vec<u8>,
    pub(super) skin_rgb: [f64; 3],
    pub(super) hair_rgb: [f64; 3],
}

/// How far, in chromaticity (ln R/G, ln B/G), a pixel may lie from every colour between
/// the local skin and the hair and still be either: beyond it, and not brighter than the
/// skin, it is the background behind the head (a wall). Skin's own variation (mottling,
/// redness, a lighting gradient's cast) stays well within it; a blue-grey wall beside
/// Fitzpatrick II skin lies 0.36 away.
pub(super) const BACKGROUND_CHROMA: f32 = 0.2;
/// A highlight on a shiny scalp is skin plus the light's own colour: brighter than the
/// local skin by more than this (ln luminance), with its chromaticity on the way from the
/// skin's to neutral, within [`HIGHLIGHT_CHROMA`]. Such pixels stay skin, so a light
/// *neutral* wall still reads as scalp (a known limit); a blue-grey one beside dark skin,
/// though brighter, lies off that way and is background.
pub(super) const HIGHLIGHT_LN_STEP: f32 = 0.1;
pub(super) const HIGHLIGHT_CHROMA: f32 = 0.06;

/// Squared distance of chromaticity `p` from the segment `a`–`b`.
fn off_segment(p: [f32; 2], a: [f32; 2], b: [f32; 2]) -> f32 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let (px, py) = (p[0] - a[0], p[1] - a[1]);
    let len = dx * dx + dy * dy;
    let t = if len > 1e-6 {
        ((px * dx + py * dy) / len).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (ox, oy) = (px - t * dx, py - t * dy);
    ox * ox + oy * oy
}

/// Share of a cell's pixels that must be off the skin–hair colours for those pixels to be
/// background: a wall behind the head is a whole area of them, while in hair and skin they
/// are stray pixels (dark hair's chromaticity is mostly noise, ±0.15; calling such pixels
/// background left them out of the region, dense hair looked thinner and dots went on it).
pub(super) const BACKGROUND_CELL_SHARE: f32 = 0.5;
/// The share is counted on every this many pixels of every this many rows.
const BACKGROUND_SAMPLE_STEP: usize = 3;

/// Whether features `f` are off the skin and hair colours: off the chromaticity segment
/// from the local skin `s` to the hair (`s + dc`) by more than [`BACKGROUND_CHROMA`], and
/// not a highlight. Such a pixel is background when most of its cell is
/// ([`BACKGROUND_CELL_SHARE`]).
pub(super) fn off_colours(f: [f32; 3], s: [f32; 3], dc: [f32; 2]) -> bool {
    let (p, skin) = ([f[1], f[2]], [s[1], s[2]]);
    let hair = [s[1] + dc[0], s[2] + dc[1]];
    if off_segment(p, skin, hair) <= BACKGROUND_CHROMA * BACKGROUND_CHROMA {
        return false;
    }
    let highlight = f[0] > s[0] + HIGHLIGHT_LN_STEP
        && off_segment(p, skin, [0.0, 0.0]) <= HIGHLIGHT_CHROMA * HIGHLIGHT_CHROMA;
    !highlight
}

/// Stage 5: each pixel's hair coverage, from where its colour lies between the local skin
/// and the hair (log-luminance and chroma, each weighted by how far apart they are).
pub(super) fn hair_coverage(
    photo: &Photo,
    inside: &[bool],
    ln: &[f32; 256],
    grid: &CellGrid,
    skin_field: &[[f32; 3]],
    model: &Model,
) -> Coverage {
    let (w, h) = (photo.width() as usize, photo.height() as usize);
    let (skin_c, hair_c, step) = (model.skin, model.hair, model.step);
    let (cell, cols, rows) = (grid.cell, grid.cols, grid.rows);
    let dc = [hair_c[1] - skin_c[1], hair_c[2] - skin_c[2]];
    let wc = dc[0] * dc[0] + dc[1] * dc[1];
    let wl = step * step;
    let sample = |x: f32, y: f32| -> [f32; 3] {
        let gx = (x / cell as f32 - 0.5).clamp(0.0, (cols - 1) as f32);
        let gy = (y / cell as f32 - 0.5).clamp(0.0, (rows - 1) as f32);
        let (x0, y0) = (gx.floor() as usize, gy.floor() as usize);
        let (x1, y1) = ((x0 + 1).min(cols - 1), (y0 + 1).min(rows - 1));
        let (tx, ty) = (gx - x0 as f32, gy - y0 as f32);
        let at = |cx: usize, cy: usize| skin_field[cy * cols + cx];
        let mut out = [0.0; 3];
        for (k, o) in out.iter_mut().enumerate() {
            let top = at(x0, y0)[k] * (1.0 - tx) + at(x1, y0)[k] * tx;
            let bottom = at(x0, y1)[k] * (1.0 - tx) + at(x1, y1)[k] * tx;
            *o = top * (1.0 - ty) + bottom * ty;
        }
        out
    };
    // Which cells are background (a wall behind the head): most of their pixels are off the
    // skin and hair colours. A first pass counts them on every third pixel of every third
    // row, enough for a share: counted on every pixel, the classification of a 2 MP photo
    // took 213 → 295 ms natively (+38 %); sampled, 216 → 233 ms (+8 %, two runs each).
    let background: Vec<bool> = if model.modelled {
        let (mut off, mut all) = (vec![0u32; cols * rows], vec![0u32; cols * rows]);
        for y in (0..h).step_by(BACKGROUND_SAMPLE_STEP) {
            for x in (0..w).step_by(BACKGROUND_SAMPLE_STEP) {
                if !inside[y * w + x] {
                    continue;
                }
                let c = (y / cell) * cols + x / cell;
                all[c] += 1;
                let f = features(photo.rgb(x as i64, y as i64), ln);
                if off_colours(f, sample(x as f32 + 0.5, y as f32 + 0.5), dc) {
                    off[c] += 1;
                }
            }
        }
        off.iter()
            .zip(&all)
            .map(|(&o, &a)| a > 0 && o as f32 >= BACKGROUND_CELL_SHARE * a as f32)
            .collect()
    } else {
        vec![false; cols * rows]
    };
    let mut coverage = vec![0u8; w * h];
    let (mut skin_sum, mut skin_n, mut hair_sum, mut hair_n) = ([0.0f64; 3], 0.0, [0.0f64; 3], 0.0);
    for y in 0..h {
        for x in 0..w {
            if !inside[y * w + x] {
                continue;
            }
            let rgb = photo.rgb(x as i64, y as i64);
            let f = features(rgb, ln);
            let s = sample(x as f32 + 0.5, y as f32 + 0.5);
            if background[(y / cell) * cols + x / cell] && off_colours(f, s, dc) {
                continue; // neither skin nor hair: left out of the region (0)
            }
            let alpha = if model.modelled {
                let (ys, yh, yp) = (libm::expf(s[0]), libm::expf(s[0] + step), libm::expf(f[0]));
                let al = if (ys - yh).abs() > 1e-3 {
                    (ys - yp) / (ys - yh)
                } else {
                    0.0
                };
                let ac = if wc > 1e-6 {
                    ((f[1] - s[1]) * dc[0] + (f[2] - s[2]) * dc[1]) / wc
                } else {
                    0.0
                };
                ((al * wl + ac * wc) / (wl + wc).max(1e-6)).clamp(0.0, 1.0)
            } else if f[0] < s[0] - 0.5 {
                1.0
            } else {
                0.0
            };
            coverage[y * w + x] = 1 + (alpha * 254.0).round() as u8;
            let rgbf = rgb.map(|c| c as f64);
            if alpha < 0.15 {
                (0..3).for_each(|k| skin_sum[k] += rgbf[k]);
                skin_n += 1.0;
            } else if alpha > 0.85 {
                (0..3).for_each(|k| hair_sum[k] += rgbf[k]);
                hair_n += 1.0;
            }
        }
    }
    let mean = |s: [f64; 3], n: f64| if n > 0.0 { s.map(|v| v / n) } else { [0.0; 3] };
    Coverage {
        bytes: coverage,
        skin_rgb: mean(skin_sum, skin_n),
        hair_rgb: mean(hair_sum, hair_n),
    }
}

#[cfg(test)]
mod tests {
    //! Each stage of `classify` alone, on hand-made cells.
    use super::*;

    /// A clear split of `n` pixels into two sRGB colours, half and half.
    fn split(a: [u8; 3], b: [u8; 3], n: usize) -> Fit {
        let ln = log_table();
        let px: Vec<[f32; 3]> = (0..n)
            .map(|i| features(if i % 2 == 0 { a } else { b }, &ln))
            .collect();
        two_means(&px).expect("pixels")
    }

    #[test]
    fn dark_hair_on_skin_is_the_darker_side_and_blond_the_lighter() {
        let ln = log_table();
        let skin = [226, 188, 160];
        let black: Vec<Fit> = (0..8).map(|_| split(skin, [28, 24, 22], 100)).collect();
        assert!(black.iter().all(|f| f.bimodal()));
        assert!(!lighter_is_hair(&black, &ln));
        let blond: Vec<Fit> = (0..8)
            .map(|_| split([118, 80, 58], [196, 162, 104], 100))
            .collect();
        assert!(lighter_is_hair(&blond, &ln), "blond hair on Fitzpatrick V");
    }

    #[test]
    fn the_global_model_takes_skin_and_hair_from_the_clearest_splits() {
        let ln = log_table();
        let (skin, hair) = ([226, 188, 160], [28, 24, 22]);
        let fits: Vec<Fit> = (0..6).map(|_| split(skin, hair, 60)).collect();
        let orientation = Orientation {
            hint: None,
            lighter_is_hair: false,
        };
        let model = global_model(&fits, &orientation);
        assert!(model.modelled);
        assert!(model.step < 0.0, "hair is darker: step {}", model.step);
        assert!(dist2(model.skin, features(skin, &ln)) < 1e-6);
        assert!(dist2(model.hair, features(hair, &ln)) < 1e-6);
        // No clear split at all: no model, and the caller falls back to a darkness rule.
        assert!(!global_model(&[], &orientation).modelled);
    }

    #[test]
    fn cells_without_their_own_skin_get_it_from_their_neighbours() {
        let (skin, hair) = ([226, 188, 160], [28, 24, 22]);
        let orientation = Orientation {
            hint: None,
            lighter_is_hair: false,
        };
        // A 3 × 1 grid: skin-and-hair, all hair (no skin shows), skin-and-hair.
        let ln = log_table();
        let all_hair = two_means(&vec![features(hair, &ln); 40]);
        let grid = CellGrid {
            cell: 10,
            cols: 3,
            rows: 1,
            fits: vec![
                Some(split(skin, hair, 40)),
                all_hair,
                Some(split(skin, hair, 40)),
            ],
        };
        let model = global_model(
            &[split(skin, hair, 40), split(skin, hair, 40)],
            &orientation,
        );
        let field = local_skin(&grid, &orientation, &model);
        assert!(
            dist2(field[1], features(skin, &ln)) < 0.01,
            "{:?}",
            field[1]
        );
    }
}
