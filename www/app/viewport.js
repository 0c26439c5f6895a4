// The view transform between design millimetres and the engine canvas, and the pure maths
// of pan, wheel zoom and two-finger pinch. No DOM here, so node --test checks it directly.
//
// A view is `{ pxPerMm, offsetX, offsetY, ratio }`: canvas device px = mm × pxPerMm +
// offset, and `ratio` device px per CSS px. Client (CSS) px need the canvas's bounding
// rect `{ left, top }` (and its `pxPerClient`, canvas px per client px, where a page's
// transform makes client px differ from the canvas's CSS px). Zoom is kept between half and thirty times the fitted scale: wide
// enough to see the whole head on a phone and single 0.25 mm impressions at true scale.

/** The margin (px) around the head in a still picture of `width` × `height` px (an export). */
export const pictureMargin = (width, height) => Math.round(Math.min(width, height) * 0.03);

/** Zoom limits relative to the fitted scale. */
export const MIN_ZOOM = 0.5;
export const MAX_ZOOM = 30;

/**
 * Canvas device px per client px over `rect`: the rect's own `pxPerClient` when it has one
 * (measured from the canvas as laid out: a page's transform that changed after the canvas
 * was sized, with no resize to follow, made client px another size, and a handle dragged
 * 20 px down jumped 31 mm up), else the view's `ratio`.
 */
const perClient = (view, rect) => (rect.pxPerClient > 0 ? rect.pxPerClient : view.ratio);

/** Design mm → client px. */
export function toClient(view, rect, [x, y]) {
  const r = perClient(view, rect);
  return [rect.left + (x * view.pxPerMm + view.offsetX) / r, rect.top + (y * view.pxPerMm + view.offsetY) / r];
}

/** Client px → design mm. */
export function toDesign(view, rect, [cx, cy]) {
  const r = perClient(view, rect);
  return [((cx - rect.left) * r - view.offsetX) / view.pxPerMm, ((cy - rect.top) * r - view.offsetY) / view.pxPerMm];
}

/** Client px → canvas device px. */
export function toCanvas(view, rect, [cx, cy]) {
  const r = perClient(view, rect);
  return [(cx - rect.left) * r, (cy - rect.top) * r];
}

function clampScale(view, scale) {
  const fit = view.fitPxPerMm ?? view.pxPerMm;
  const lo = fit * MIN_ZOOM;
  const hi = fit * MAX_ZOOM;
  return Math.min(hi, Math.max(lo, scale));
}

/** The view zoomed by `factor` about canvas device point `[px, py]` (that point stays put). */
export function zoomAbout(view, factor, [px, py]) {
  if (!Number.isFinite(factor) || factor <= 0) return view;
  const scale = clampScale(view, view.pxPerMm * factor);
  const k = scale / view.pxPerMm;
  return { ...view, pxPerMm: scale, offsetX: px - (px - view.offsetX) * k, offsetY: py - (py - view.offsetY) * k };
}

/** The view moved by `[dx, dy]` canvas device px. */
export function panBy(view, [dx, dy]) {
  if (!Number.isFinite(dx) || !Number.isFinite(dy)) return view;
  return { ...view, offsetX: view.offsetX + dx, offsetY: view.offsetY + dy };
}

/**
 * Two-finger pinch and pan: `start` is the view when the fingers landed at canvas points
 * `a0`, `b0`; they are now at `a1`, `b1`. The design point under the fingers' midpoint stays
 * under their midpoint, and the scale follows the distance between them.
 */
export function pinch(start, [a0, b0], [a1, b1]) {
  const dist = (p, q) => Math.hypot(q[0] - p[0], q[1] - p[1]);
  const d0 = dist(a0, b0);
  const d1 = dist(a1, b1);
  const factor = d0 > 1 && d1 > 0 ? d1 / d0 : 1;
  const m0 = [(a0[0] + b0[0]) / 2, (a0[1] + b0[1]) / 2];
  const m1 = [(a1[0] + b1[0]) / 2, (a1[1] + b1[1]) / 2];
  const zoomed = zoomAbout(start, factor, m0);
  return panBy(zoomed, [m1[0] - m0[0], m1[1] - m0[1]]);
}

/** Zoom factor for a wheel event's `deltaY` (`deltaMode` 1 = lines); trackpad pinches send ctrlKey. */
export function wheelFactor(deltaY, deltaMode = 0, ctrlKey = false) {
  const px = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * 400 : deltaY;
  const rate = ctrlKey ? 0.01 : 0.0015;
  return Math.exp(-Math.max(-500, Math.min(500, px)) * rate);
}

/**
 * The CSS transform that shows a picture painted at view `painted` as it would look at view
 * `now` (same canvas, `transform-origin` at its top left): a canvas device point q moves to
 * (q − offset₀) × k + offset₁ with k = pxPerMm₁ / pxPerMm₀, written in CSS px. A pinch or pan
 * moves the last picture this way until the fingers stop, when it is painted anew.
 * Returns `{ k, tx, ty, css }` (tx, ty in CSS px), or null when the views do not allow it.
 */
export function previewTransform(painted, now) {
  const k = now.pxPerMm / painted.pxPerMm;
  const tx = (now.offsetX - painted.offsetX * k) / now.ratio;
  const ty = (now.offsetY - painted.offsetY * k) / now.ratio;
  if (!Number.isFinite(k) || !Number.isFinite(tx) || !Number.isFinite(ty) || k <= 0 || now.ratio !== painted.ratio) return null;
  // The same view needs no transform: '' leaves the canvas's style as it is.
  const css = k === 1 && tx === 0 && ty === 0 ? '' : `translate(${tx}px, ${ty}px) scale(${k})`;
  return { k, tx, ty, css };
}

/**
 * The layout box of an element shown under `shift` (a previewTransform, or null): its
 * bounding rect with the transform taken back out, so client px still map to the view.
 * `cssWidth`, the element's own width in CSS px (offsetWidth), scales the shift's CSS px
 * to client px inside a page's `transform: scale()` or `zoom` (at scale 0.5 a second wheel
 * step zoomed about a point 20 px from the pointer).
 */
export function unshiftedRect(rect, shift, cssWidth = 0) {
  if (!shift) return rect;
  const perCss = cssWidth > 0 && rect.width > 0 ? rect.width / (shift.k * cssWidth) : 1;
  const left = rect.left - shift.tx * perCss;
  const top = rect.top - shift.ty * perCss;
  const width = rect.width / shift.k;
  const height = rect.height / shift.k;
  return { left, top, width, height, right: left + width, bottom: top + height, x: left, y: top };
}
