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
 * apart. Throws an Error in plain words for points too close or a bad distance.
 */
export function recalibrate(pxPerMm, a, b, knownMm) {
  const known = Number(knownMm);
  if (!Number.isFinite(known) || known < 1 || known > 1000) throw new Error('The known distance must be a number from 1 to 1000 mm.');
  const d = Math.hypot(b[0] - a[0], b[1] - a[1]);
  if (!Number.isFinite(d) || d * pxPerMm < 10) throw new Error('Mark two points further apart (at least 10 photo pixels), e.g. the two ends of 10 cm on a ruler.');
  return (pxPerMm * d) / known;
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

/** A drawn loop as a treated region: one point every `stepMm` mm, at most 400 points. */
export function loopToRegion(points, stepMm = 2) {
  const out = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (!last || Math.hypot(p[0] - last[0], p[1] - last[1]) >= stepMm) out.push([p[0], p[1]]);
  }
  if (out.length > 400) {
    const k = out.length / 400;
    return Array.from({ length: 400 }, (_, i) => out[Math.floor(i * k)]);
  }
  return out;
}
