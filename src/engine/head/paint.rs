//! Painting a template head: the bare head in the chosen skin (front or from above, a
//! man's or a woman's), its scars and marks, and the remaining hair buzzed short, one
//! seeded stroke per hair. Split from `head.rs`, which says where hair is; this says how
//! it looks.

use glam::{DVec2, Vec2};

use super::{top, HeadView, Sex, TemplateHead, HAIR_RGB, SKIN_RGB};
use crate::engine::marks::Marks;
use crate::engine::photo::pigment::HairColour;
use crate::engine::random::{hash, unit};
use crate::engine::render::raster::Pixmap;
use crate::engine::template::{self, MIDLINE_X};

/// Paints the template head of `head` into `pixmap`: the template ([`template::paint`]) in
/// the chosen skin (from the front or from above, [`HeadView`]), its scars and marks (seeded
/// by the design's `seed`), and the remaining hair buzzed short, one seeded short stroke per
/// hair (about 193 hairs/cm² under full hair; fewer where it thins). `to_px` maps mm to
/// pixels, a similarity of `scale` px per mm (a view's: hairs whose root falls far off the
/// pixmap are skipped).
pub fn paint(
    pixmap: &mut Pixmap,
    to_px: &dyn Fn(DVec2) -> Vec2,
    scale: f32,
    head: &TemplateHead,
    marks: &Marks,
    seed: u64,
) {
    match head.view {
        HeadView::Front => {
            if head.sex == Sex::Female {
                template::paint_female(pixmap, to_px, scale);
            } else {
                template::paint(pixmap, to_px, scale);
            }
        }
        HeadView::Top if head.sex == Sex::Female => {
            top::paint_bare(pixmap, &|q| to_px(top::to_female(q)), scale)
        }
        HeadView::Top => top::paint_bare(pixmap, to_px, scale),
    }
    tint_skin(pixmap, head.skin);
    crate::engine::marks::paint(pixmap, to_px, scale, marks, seed);
    if head.has_hair() {
        paint_stubble(pixmap, to_px, scale as f64, head, marks, seed);
    }
}

/// Recolours the painted head from the template's Fitzpatrick II to type `skin`: each
/// skin-like pixel (warm, not the backdrop or the eyes' whites) is scaled channel by channel.
fn tint_skin(pixmap: &mut Pixmap, skin: u8) {
    let target = SKIN_RGB[(skin.clamp(1, 6) - 1) as usize];
    let base = template::SKIN;
    if target == base {
        return;
    }
    let gain = [
        target[0] / base[0],
        target[1] / base[1],
        target[2] / base[2],
    ];
    for px in pixmap.data_mut().chunks_exact_mut(4) {
        let (r, g, b) = (px[0] as f32, px[1] as f32, px[2] as f32);
        if r - b < 25.0 {
            continue; // backdrop, eye whites, the cool greys of the design layer
        }
        px[0] = (r * gain[0]).round().clamp(0.0, 255.0) as u8;
        px[1] = (g * gain[1]).round().clamp(0.0, 255.0) as u8;
        px[2] = (b * gain[2]).round().clamp(0.0, 255.0) as u8;
    }
}

/// Hair spacing of a full buzzed head, mm: one hair per 0.72 mm square, ≈ 193 hairs/cm²
/// (docs/domain.md: 190–200 hairs/cm²).
const HAIR_CELL_MM: f64 = 0.72;
/// A buzzed hair (a number-1 to number-2 clipper) as seen from the front: a shaft of this
/// width, mm ...
const STUBBLE_WIDTH_MM: f64 = 0.08;
/// ... and this visible length, lying forward and down from the crown, mm. About 15 % of
/// the skin is covered under full hair: the "shadow" of a shaved head (a project choice).
const STUBBLE_LENGTH_MM: f64 = 1.3;
/// Where buzzed hair grows from on the template, mm: above the top of the head (the crown
/// whorl seen from the front), so hair lies forward on the top and down at the sides.
const CROWN_MM: (f64, f64) = (MIDLINE_X, -30.0);

/// One short stroke per hair: a jittered grid over the scalp's box, each cell kept with the
/// probability of the hair cover there, drawn anti-aliased (sub-pixel strokes as their
/// share of a pixel).
fn paint_stubble(
    pixmap: &mut Pixmap,
    to_px: &dyn Fn(DVec2) -> Vec2,
    scale: f64,
    head: &TemplateHead,
    marks: &Marks,
    seed: u64,
) {
    let colour = HAIR_RGB[HairColour::ALL
        .iter()
        .position(|h| *h == head.hair)
        .unwrap_or(1)];
    let (w, h) = (pixmap.width() as i64, pixmap.height() as i64);
    let half_px = STUBBLE_WIDTH_MM * 0.5 * scale;
    let (x0, y0, x1, y1) = match head.view {
        HeadView::Front => (MIDLINE_X - 80.0, 15.0, MIDLINE_X + 80.0, 170.0),
        HeadView::Top => (MIDLINE_X - 80.0, 50.0, MIDLINE_X + 80.0, 250.0),
    };
    let cells_x = ((x1 - x0) / HAIR_CELL_MM) as i64;
    let cells_y = ((y1 - y0) / HAIR_CELL_MM) as i64;
    let hair_seed = 0x5eed_4a17_u64;
    let crown = DVec2::new(CROWN_MM.0, CROWN_MM.1);
    // A hair whose root lies further outside the pixmap than its longest stroke (plus its
    // width and a pixel of margin) touches no pixel: skipped before its cover and direction
    // are worked out (what a close-up's background cost was most of: every hair of the
    // head, on or off screen). Exact: each hair is seeded by its cell alone.
    let reach = STUBBLE_LENGTH_MM * 1.4 * scale + half_px + 3.0;
    let data = pixmap.data_mut();
    for j in 0..cells_y {
        for i in 0..cells_x {
            let k = hash(&[hair_seed, i as u64, j as u64]);
            let root = DVec2::new(
                x0 + (i as f64 + unit(k)) * HAIR_CELL_MM,
                y0 + (j as f64 + unit(k.rotate_left(21))) * HAIR_CELL_MM,
            );
            let at = to_px(root);
            let slack = reach + 1e-5 * (at.x.abs() + at.y.abs()) as f64;
            let (ax, ay) = (at.x as f64, at.y as f64);
            if ax < -slack || ay < -slack || ax > w as f64 + slack || ay > h as f64 + slack {
                continue;
            }
            let cover = head.hair_cover(root);
            if cover <= 0.0 || unit(k.rotate_left(42)) >= cover {
                continue;
            }
            if !marks.is_empty() && marks.on_scar(root, seed) {
                continue; // scar tissue grows no hair
            }
            let turn = (unit(k.rotate_left(7)) - 0.5) * 0.9; // ±26°
            let dir = match head.view {
                HeadView::Front => {
                    DVec2::from_angle(turn).rotate((root - crown).normalize_or_zero())
                }
                HeadView::Top => {
                    // Away from the crown whorl in a clockwise spiral that straightens with distance.
                    let whorl = if head.sex == Sex::Female {
                        top::to_female(top::WHORL)
                    } else {
                        top::WHORL
                    };
                    let away = root - whorl;
                    let twist = 1.1 * (-away.length() / 45.0).exp();
                    DVec2::from_angle(turn + twist).rotate(away.normalize_or_zero())
                }
            };
            let length = STUBBLE_LENGTH_MM * (0.6 + 0.8 * unit(k.rotate_left(33)));
            let (a, b) = (to_px(root), to_px(root + dir * length));
            let (a, b) = (
                DVec2::new(a.x as f64, a.y as f64),
                DVec2::new(b.x as f64, b.y as f64),
            );
            let lo = a.min(b) - DVec2::splat(half_px + 1.0);
            let hi = a.max(b) + DVec2::splat(half_px + 1.0);
            let ab = b - a;
            let len2 = ab.length_squared().max(1e-12);
            for y in (lo.y.floor() as i64).max(0)..(hi.y.ceil() as i64).min(h) {
                for x in (lo.x.floor() as i64).max(0)..(hi.x.ceil() as i64).min(w) {
                    let c = DVec2::new(x as f64 + 0.5, y as f64 + 0.5);
                    let t = ((c - a).dot(ab) / len2).clamp(0.0, 1.0);
                    let d = c.distance(a + ab * t);
                    let alpha = if half_px < 0.5 {
                        2.0 * half_px * (1.0 - d).clamp(0.0, 1.0)
                    } else {
                        (half_px + 0.5 - d).clamp(0.0, 1.0)
                    } as f32
                        * 0.92;
                    if alpha <= 0.0 {
                        continue;
                    }
                    let o = ((y * w + x) * 4) as usize;
                    for ch in 0..3 {
                        let v = data[o + ch] as f32;
                        data[o + ch] = (v + (colour[ch] - v) * alpha).round() as u8;
                    }
                }
            }
        }
    }
}
