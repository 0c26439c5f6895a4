// The overlay: consultation guides on the template head, the editable curve, the stroke
// being drawn and the "cleared" wash, painted on a second canvas layered over the engine's
// (by a worker where the browser can, overlay-worker.js: so no DOM here).
//
// Why a second canvas and not the engine: the engine's frame (one putImageData of template
// and dots) only has to be redrawn when the design or the view changes, while the stroke
// under a finger and the guides' labels change at pointer rate; redrawing a few lines here
// costs well under a millisecond, a whole engine frame several. Text also renders crisper
// with the browser's fonts. The guides are measured by the engine (`measureHairline`,
// `templateLandmarks`); this module only draws them.

import { wordsFor } from '../app/words.js';

const INK = 'rgba(23, 86, 92, 0.9)';
const HALO = 'rgba(255, 255, 255, 0.85)';
const WARN = 'rgba(176, 92, 0, 0.95)';

const english = wordsFor('en');

/** Formats mm as cm with one decimal, in English: 75 → "7.5 cm" (words.js: every language). */
export const cm = (mm) => english.cm(mm);

/** A hairline handle's name for a screen reader, in English (words.js `handleName`). */
export const handleName = (...args) => english.handleName(...args);

/** Whether drawOverlay would draw nothing for this scene (a photo, with no curve or stroke). */
export function overlayIsEmpty({ marks, hairline, stroke, guides, cleared, showCurve }) {
  return !marks || (!guides && !cleared && !(showCurve && hairline?.length > 1) && !(stroke?.length > 1));
}

/**
 * Radius round a handle's centre that labels and the temple points keep out of, CSS px: its
 * 14 px circle, grown a quarter when focused, and its shadow. (Its 44 px touch target is
 * clear: keeping labels out of that moved the glabella's across the height bar on a phone.)
 */
export const HANDLE_KEEP_OUT_CSS_PX = 11;

/**
 * Paints the overlay. `view` maps mm to device px; `marks` are the template landmarks;
 * `measures` the engine's measures of the current hairline; `hairline` and `stroke` are
 * lists of [x, y] mm (stroke points may carry a pressure as a third value); `keepOut` the
 * centres of the handles shown over it (mm): a label moves to a side where no handle's
 * circle covers it, and a temple point under a handle is not drawn (the handle marks it).
 */
export function drawOverlay(ctx, { view, marks, measures, hairline, stroke, guides, cleared, showCurve, keepOut = [], words = english }) {
  const { cm } = words;
  const say = words.guide;
  const { width, height } = ctx.canvas;
  ctx.clearRect(0, 0, width, height);
  if (!marks) return;
  const r = view.ratio;
  // Small screens (a phone shows the head at about 2 CSS px/mm): shorter labels, fewer words.
  const compact = view.pxPerMm / r < 2.6;
  // One font for every label, set once: each new font string makes the canvas work out
  // the page's style before it can measure text (issue 12: a few ms a frame on a phone).
  ctx.font = `600 ${(compact ? 10 : 12) * r}px system-ui, sans-serif`;
  const px = ([x, y]) => [x * view.pxPerMm + view.offsetX, y * view.pxPerMm + view.offsetY];
  const line = (a, b, { color = INK, w = 1, dash = [] } = {}) => {
    ctx.save();
    ctx.setLineDash(dash.map((d) => d * r));
    ctx.lineCap = 'round';
    for (const [c, lw] of [[HALO, w + 2], [color, w]]) {
      ctx.strokeStyle = c;
      ctx.lineWidth = lw * r;
      ctx.beginPath();
      ctx.moveTo(...px(a));
      ctx.lineTo(...px(b));
      ctx.stroke();
    }
    ctx.restore();
  };
  // The handles' circles, device px: a label under one was hidden by it (the 7 cm marker
  // under the middle handle on a phone, the 10 cm one under a new strip scar's).
  const circles = keepOut.map((p) => px(p));
  const keepR = HANDLE_KEEP_OUT_CSS_PX * r;
  const underAHandle = ([x, y]) => circles.some(([cx, cy]) => Math.hypot(x - cx, y - cy) < keepR);
  // (And off the labels drawn before: a label moved off a handle landed on the next one's.)
  const labelled = [];
  const circleOver = (cx, cy, { left, top, width: w, height: h }) =>
    Math.hypot(cx - Math.min(Math.max(cx, left), left + w), cy - Math.min(Math.max(cy, top), top + h)) < keepR;
  const boxCovered = (box) => circles.some(([cx, cy]) => circleOver(cx, cy, box))
    || labelled.some((b) => box.left < b.left + b.width && b.left < box.left + box.width && box.top < b.top + b.height && b.top < box.top + box.height);
  const label = (text, at, { align = 'left', color = INK, dx = 6, dy = 0 } = {}) => {
    ctx.save();
    ctx.textBaseline = 'middle';
    const [x, y] = px(at);
    const w = ctx.measureText(text).width;
    const place = (side, down) => {
      const tx = x + (side === 'left' ? dx : side === 'right' ? -dx : 0) * r;
      const left = side === 'left' ? tx : side === 'right' ? tx - w : tx - w / 2;
      const ty = y + (dy + down) * r;
      return { side, tx, ty, box: { left: left - 4 * r, top: ty - 9 * r, width: w + 8 * r, height: 18 * r } };
    };
    // Where it was, else the other side of its point, else just clear of the handle over
    // it, moved away from it (up or down, as little as it takes): the first clear of
    // handles and labels. Not past the handle: on a phone that put the 7 cm label by the
    // 10 cm tick. Where none is clear it stays where it was.
    const flip = { left: 'right', right: 'left', center: 'center' }[align];
    const first = place(align, 0);
    const over = circles.find(([cx, cy]) => circleOver(cx, cy, first.box));
    const tries = [first, place(flip, 0)];
    if (over) {
      const [, cy] = over;
      const clear = (9 + HANDLE_KEEP_OUT_CSS_PX + 1) * r; // box half-height and the circle
      const away = first.ty >= cy ? 1 : -1;
      const toClear = (target) => (target - first.ty) / r;
      for (const side of [align, flip]) tries.push(place(side, toClear(cy + away * clear)));
    }
    const at2 = (circles.length && tries.find((t) => !boxCovered(t.box))) || first;
    labelled.push(at2.box);
    ctx.textAlign = at2.side;
    ctx.fillStyle = 'rgba(255, 255, 255, 0.88)';
    ctx.beginPath();
    ctx.roundRect(at2.box.left, at2.box.top, at2.box.width, at2.box.height, 9 * r);
    ctx.fill();
    ctx.fillStyle = color;
    ctx.fillText(text, at2.tx, at2.ty);
    ctx.restore();
  };
  const dot = (at, radius, color) => {
    const [x, y] = px(at);
    ctx.save();
    ctx.fillStyle = HALO;
    ctx.beginPath();
    ctx.arc(x, y, (radius + 1.5) * r, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = color;
    ctx.beginPath();
    ctx.arc(x, y, radius * r, 0, Math.PI * 2);
    ctx.fill();
    ctx.restore();
  };

  const mid = marks.midline_x;
  const gy = marks.glabella_y;
  if (guides) {
    // The height bar (drawn below) is in place before any label: none is moved across it.
    const top = measures?.mid_frontal;
    if (top && measures.height_mm != null) {
      const [bx, by] = px([mid - 14, top[1]]);
      labelled.push({ left: bx - r, top: by, width: 2 * r, height: px([mid, gy])[1] - by }); // (as wide as its stroke: its own label sits 6 px beside it)
    }
    // Midline and the lateral epicanthal (outer eye corner) lines.
    line([mid, 30], [mid, marks.menton_y], { w: 1, dash: [2, 5], color: 'rgba(23, 86, 92, 0.55)' });
    for (const x of marks.lateral_epicanthus_x) line([x, 55], [x, 156], { w: 1, dash: [6, 4] });
    if (!compact) label(say.eyeCorner, [marks.lateral_epicanthus_x[1], 156], { align: 'center', dy: 14 });
    // Height of the mid-frontal point above the glabella, with the markers of the lowest
    // usual line for the client (7 cm for a man, 5 cm for a woman) and of 10 cm.
    line([mid - 9, gy], [mid + 9, gy], { w: 1.5 });
    label(say.glabella, [mid + 9, gy]);
    const lowest = measures?.low_height_mm ?? marks.low_height_mm;
    for (const [h, text] of [[lowest, `${lowest / 10} cm`], [marks.high_height_mm, '10 cm']]) {
      line([mid - 5, gy - h], [mid + 5, gy - h], { w: 1.5 });
      label(text, [mid + 5, gy - h], { dy: -9 });
    }
    const m = measures?.mid_frontal;
    if (m && measures.height_mm != null) {
      const low = measures.height_mm < lowest;
      line([mid - 14, gy], [mid - 14, m[1]], { w: 2, color: low ? WARN : INK });
      line([mid - 17, m[1]], [mid - 11, m[1]], { w: 2, color: low ? WARN : INK });
      label(compact ? cm(measures.height_mm) : say.aboveBrows(cm(measures.height_mm)), [mid - 14, (gy + m[1]) / 2], { align: 'right', color: low ? WARN : INK });
    }
    // Thirds of the face: hairline–brow–nose base–chin, at the side of the face.
    if (m) {
      const x = mid + 84;
      const stops = [m[1], gy, marks.subnasale_y, marks.menton_y];
      line([x, stops[0]], [x, stops[3]], { w: 1.2 });
      stops.forEach((y) => line([x - 3, y], [x + 3, y], { w: 1.2 }));
      say.thirds.forEach((name, k) => label(compact ? cm(stops[k + 1] - stops[k]) : say.third(name, cm(stops[k + 1] - stops[k])), [x, (stops[k] + stops[k + 1]) / 2], { dx: 8 }));
    }
    // Temple points (frontotemporal angles).
    (measures?.temples ?? []).forEach((t) => t && !underAHandle(px(t)) && dot(t, 4.5, INK));
    const t = measures?.temples?.[0];
    if (t && !compact) label(say.templePoint, t, { align: 'right', dx: 10 });
  }
  if (showCurve && hairline?.length > 1 && !cleared) {
    ctx.save();
    ctx.lineJoin = 'round';
    for (const [c, w] of [['rgba(255,255,255,0.7)', 3], ['rgba(23, 86, 92, 0.75)', 1.2]]) {
      ctx.strokeStyle = c;
      ctx.lineWidth = w * r;
      ctx.beginPath();
      hairline.forEach((p, i) => (i ? ctx.lineTo(...px(p)) : ctx.moveTo(...px(p))));
      ctx.stroke();
    }
    ctx.restore();
  }
  if (cleared) {
    ctx.fillStyle = 'rgba(238, 240, 243, 0.6)';
    ctx.fillRect(0, 0, width, height);
    label('Draw the new hairline from temple to temple', [mid, gy - 85], { align: 'center', dx: 0 });
  }
  if (stroke?.length > 1) {
    ctx.save();
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = 'rgba(26, 115, 232, 0.9)';
    for (let i = 1; i < stroke.length; i += 1) {
      const pressure = stroke[i][2] ?? 0.5;
      ctx.lineWidth = (2 + 2.5 * pressure) * r;
      ctx.beginPath();
      ctx.moveTo(...px(stroke[i - 1]));
      ctx.lineTo(...px(stroke[i]));
      ctx.stroke();
    }
    ctx.restore();
  }
}
