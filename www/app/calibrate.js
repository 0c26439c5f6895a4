// The pure maths of photos on the page: the default scale until the user calibrates, the
// new scale from two marked points a known distance apart, and default and drawn treated
// regions. No DOM here, so node --test checks it directly. Units: mm of the design (origin
// at the photo's top-left corner), px of the original photo.

/** Until calibrated, a photo is assumed to be this wide, mm (a head and shoulders shot). */
export const DEFAULT_PHOTO_WIDTH_MM = 250;

/**
 * The default scale of a photo `originalWidth` px wide, px per mm; `minPxPerMm` is the
 * smallest scale the engine accepts (`limits().px_per_mm.min`). Throws in plain words for a
 * photo too small to show dots (under 125 px wide at 0.5 px/mm): the engine's own message
 * would name a field the user never saw.
 */
export function defaultPxPerMm(originalWidth, minPxPerMm) {
  const scale = originalWidth / DEFAULT_PHOTO_WIDTH_MM;
  if (!(scale >= minPxPerMm)) {
    throw new Error(`This photo is too small (${originalWidth} px wide): use one at least ${minPxPerMm * DEFAULT_PHOTO_WIDTH_MM} px wide.`);
  }
  return scale;
}

/** Longest side of a usable photo as a multiple of its shortest (a head and shoulders shot is ~1.5). */
export const MAX_PHOTO_ASPECT = 10;

/**
 * Throws in plain words for a photo too long and narrow to show a head (issue 13: a
 * 20000 × 50 px image was refused as "another shape" than itself, because its scaled work
 * copy rounds to a few pixels across).
 */
export function checkPhotoShape(width, height) {
  const [long, short] = [Math.max(width, height), Math.min(width, height)];
  if (!(short > 0) || long / short > MAX_PHOTO_ASPECT) {
    throw new Error(`This photo is too long and narrow (${width} × ${height} px) to show a head: use a photo of the head, at most ${MAX_PHOTO_ASPECT} times as long as it is wide.`);
  }
}

/**
 * The scale after marking `a` and `b` (mm under the current scale `pxPerMm`) as `knownMm`
 * apart. Throws an Error in plain words for points too close or a bad distance, and for a
 * scale the design cannot hold (`limits`: the engine's `px_per_mm` range and `coordinate_mm`,
 * the photo `widthPx` × `heightPx`): a slip such as 1 mm typed for 100 was refused in the
 * engine's words ("px_per_mm: must be a finite number from 0.5 to 200 px/mm, got 837.7").
 */
export function recalibrate(pxPerMm, a, b, knownMm, { limits = null, widthPx = 0, heightPx = 0 } = {}) {
  const known = Number(knownMm);
  if (!Number.isFinite(known) || known < 1 || known > 1000) throw new Error('The known distance must be a number from 1 to 1000 mm.');
  const d = Math.hypot(b[0] - a[0], b[1] - a[1]);
  if (!Number.isFinite(d) || d * pxPerMm < 10) throw new Error('Mark two points further apart (at least 10 photo pixels), e.g. the two ends of 10 cm on a ruler.');
  const next = (pxPerMm * d) / known;
  const check = ` Check the known distance (${known} mm): 10 cm of a ruler is 100.`;
  if (limits && next > limits.px_per_mm.max) {
    throw new Error(`With ${known} mm between these two points, the photo would show ${Math.round(next)} pixels per mm, more than any photo of a head.${check}`);
  }
  const spanMm = Math.max(widthPx, heightPx) / next;
  if (limits && (next < limits.px_per_mm.min || spanMm > limits.coordinate_mm.max)) {
    throw new Error(`With ${known} mm between these two points, the photo would be ${(spanMm / 1000).toFixed(1)} m across, larger than any head.${check}`);
  }
  return next;
}

/** Points scaled by `factor` (design mm after a change of scale keep their photo pixels). */
export function rescale(points, factor) {
  return points.map(([x, y]) => [x * factor, y * factor]);
}

/** A default treated region on a `wMm` × `hMm` photo: an ellipse over the middle. */
export function defaultRegion(wMm, hMm, n = 48) {
  return Array.from({ length: n }, (_, i) => {
    const t = (2 * Math.PI * i) / n;
    return [wMm * (0.5 + 0.3 * Math.cos(t)), hMm * (0.45 + 0.3 * Math.sin(t))];
  });
}

/** A default hairline on a `wMm` × `hMm` photo: a gentle arch over the top of the region. */
export function defaultHairline(wMm, hMm) {
  return [[wMm * 0.25, hMm * 0.3], [wMm * 0.5, hMm * 0.2], [wMm * 0.75, hMm * 0.3]];
}

/**
 * A drawn loop as a treated region: one point every `stepMm` mm, at most 400 points, closed
 * where its end crosses back over its start ([`closeLoop`]).
 */
export function loopToRegion(points, stepMm = 2) {
  const out = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (!last || Math.hypot(p[0] - last[0], p[1] - last[1]) >= stepMm) out.push([p[0], p[1]]);
  }
  if (out.length > 400) {
    const k = out.length / 400;
    return closeLoop(Array.from({ length: 400 }, (_, i) => out[Math.floor(i * k)]));
  }
  return closeLoop(out);
}

/** Where segments `a`–`b` and `c`–`d` cross (not at an end), or null. */
function crossing(a, b, c, d) {
  const r = [b[0] - a[0], b[1] - a[1]];
  const s = [d[0] - c[0], d[1] - c[1]];
  const den = r[0] * s[1] - r[1] * s[0];
  if (den === 0) return null;
  const t = ((c[0] - a[0]) * s[1] - (c[1] - a[1]) * s[0]) / den;
  const u = ((c[0] - a[0]) * r[1] - (c[1] - a[1]) * r[0]) / den;
  return t > 0 && t < 1 && u > 0 && u < 1 ? [a[0] + t * r[0], a[1] + t * r[1]] : null;
}

/**
 * A loop as people draw one, ending past its starting point: closed where the end crosses
 * back over the start, the lead-in before the crossing and the tail after it dropped (such a
 * loop crossed itself there and was refused). Only the first and last quarters of the
 * stroke are compared: a figure of eight in its middle stays as drawn, for the engine to
 * refuse in words. A loop that stops short is returned as it is (its last edge closes it).
 */
export function closeLoop(points) {
  const n = points.length;
  if (n < 4) return points;
  const along = [0];
  for (let i = 1; i < n; i += 1) along.push(along[i - 1] + Math.hypot(points[i][0] - points[i - 1][0], points[i][1] - points[i - 1][1]));
  const quarter = along[n - 1] / 4;
  // The earliest segment of the start and the latest of the end that cross: the largest loop.
  for (let i = 0; i < n - 1 && along[i] < quarter; i += 1) {
    for (let j = n - 2; j > i + 1 && along[j + 1] > along[n - 1] - quarter; j -= 1) {
      const at = crossing(points[i], points[i + 1], points[j], points[j + 1]);
      if (at) return [at, ...points.slice(i + 1, j + 1)];
    }
  }
  return points;
}
