// Unit tests of the page's photo maths (www/calibrate.js) and file checks (www/photo.js).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPhotoShape, defaultPxPerMm, recalibrate, rescale, defaultRegion, loopToRegion, defaultHairline } from '../../www/app/calibrate.js';
import { isImageFile } from '../../www/ui/photo.js';

/** The engine's smallest scale, px/mm (`limits().px_per_mm.min`). */
const MIN_PX_PER_MM = 0.5;

test('two points 10 cm apart give the scale; bad marks are refused in plain words', () => {
  const ppm = defaultPxPerMm(4000, MIN_PX_PER_MM); // 16 px/mm assumed
  assert.equal(ppm, 16);
  // The user marks points 50 mm apart under the assumed scale; they are really 100 mm apart.
  assert.equal(recalibrate(ppm, [10, 10], [60, 10], 100), 8);
  assert.throws(() => recalibrate(ppm, [10, 10], [10.1, 10], 100), /further apart/);
  assert.throws(() => recalibrate(ppm, [10, 10], [60, 10], Number.NaN), /known distance/);
  // A slip the design cannot hold, said in plain words (not the engine's field names).
  const limits = { px_per_mm: { min: 0.5, max: 200 }, coordinate_mm: { max: 2000 } };
  const photo = { limits, widthPx: 4000, heightPx: 3000 };
  assert.equal(recalibrate(ppm, [10, 10], [60, 10], 100, photo), 8);
  assert.throws(() => recalibrate(ppm, [10, 10], [60, 10], 1, photo), /^Error: With 1 mm between these two points, the photo would show 800 pixels per mm, more than any photo of a head\. Check the known distance/);
  assert.throws(() => recalibrate(ppm, [10, 10], [11, 10], 1000, photo), /the photo would be 250\.0 m across, larger than any head/);
  assert.deepEqual(rescale([[10, 20]], 2), [[20, 40]]);
});

test('default region and hairline lie inside the photo; a drawn loop is thinned', () => {
  for (const [x, y] of defaultRegion(250, 180)) assert.ok(x > 0 && x < 250 && y > 0 && y < 180);
  const line = defaultHairline(250, 180);
  assert.ok(Math.hypot(line[2][0] - line[0][0], line[2][1] - line[0][1]) >= 20);
  const loop = Array.from({ length: 1000 }, (_, i) => [50 + 30 * Math.cos(i / 159), 50 + 30 * Math.sin(i / 159)]);
  const region = loopToRegion(loop);
  assert.ok(region.length > 20 && region.length <= 400, `${region.length}`);
});

test('only images are accepted', () => {
  assert.ok(isImageFile({ type: 'image/jpeg', name: 'a.jpg' }));
  assert.ok(isImageFile({ type: '', name: 'IMG_0001.HEIC' }));
  assert.ok(!isImageFile({ type: 'application/pdf', name: 'a.pdf' }));
  assert.ok(!isImageFile(null));
});

test('a photo too small to show dots is refused in plain words', () => {
  assert.throws(() => defaultPxPerMm(100, MIN_PX_PER_MM), /too small \(100 px wide\).*125 px/);
  assert.throws(() => defaultPxPerMm(NaN, MIN_PX_PER_MM), /too small/);
  assert.equal(defaultPxPerMm(125, MIN_PX_PER_MM), 0.5);
});

// Issue 13 (6): a 20000 × 50 px image was refused in the engine's words ("records a
// 20000 × 50 px photo, but the loaded photo is 2048 × 5 px"); now in the page's own.
test('a photo too long and narrow for a head is refused in plain words', () => {
  assert.throws(() => checkPhotoShape(20000, 50), /too long and narrow \(20000 × 50 px\)/);
  assert.throws(() => checkPhotoShape(50, 20000), /too long and narrow/);
  checkPhotoShape(4000, 3000);
  checkPhotoShape(3000, 4000);
});

/** Whether a closed polygon's edges cross (edges that share a corner aside). */
function selfCrossing(poly) {
  const n = poly.length;
  const cross = (a, b, c, d) => {
    const o = (p, q, r) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
    return o(a, b, c) * o(a, b, d) < 0 && o(c, d, a) * o(c, d, b) < 0;
  };
  for (let i = 0; i < n; i += 1) {
    for (let j = i + 2; j < n; j += 1) {
      if (i === 0 && j === n - 1) continue;
      if (cross(poly[i], poly[(i + 1) % n], poly[j], poly[(j + 1) % n])) return true;
    }
  }
  return false;
}
const area = (poly) => Math.abs(poly.reduce((s, p, i) => { const q = poly[(i + 1) % poly.length]; return s + p[0] * q[1] - q[0] * p[1]; }, 0)) / 2;

test('a treated area drawn past its starting point is closed where it crosses, not refused', () => {
  // As people draw a loop: round, ending 0.1–0.5 rad past where it began (the region
  // "crossed itself (edges 0 and 69)" and was refused).
  for (const past of [0.1, 0.3, 0.5]) {
    const loop = Array.from({ length: 300 }, (_, i) => {
      const t = (i / 299) * (2 * Math.PI + past);
      return [120 + 60 * Math.cos(t), 90 + 40 * Math.sin(t)];
    });
    const region = loopToRegion(loop);
    assert.ok(!selfCrossing(region), `${past} rad past the start: still crosses itself`);
    const ellipse = Math.PI * 60 * 40;
    assert.ok(Math.abs(area(region) - ellipse) < 0.03 * ellipse, `area ${area(region).toFixed(0)} of ${ellipse.toFixed(0)} mm²`);
  }
  // One that stops short is closed by its last edge, as before; a figure of eight in the
  // middle of the stroke is left as it is (the engine says it crosses itself).
  const short = Array.from({ length: 200 }, (_, i) => { const t = (i / 199) * 1.9 * Math.PI; return [100 + 50 * Math.cos(t), 100 + 50 * Math.sin(t)]; });
  assert.deepEqual(loopToRegion(short), loopToRegion(short.slice()));
  assert.ok(!selfCrossing(loopToRegion(short)));
  const eight = Array.from({ length: 400 }, (_, i) => { const t = (i / 399) * 2 * Math.PI; return [100 + 60 * Math.sin(t), 100 + 40 * Math.sin(2 * t)]; });
  assert.ok(selfCrossing(loopToRegion(eight)), 'a figure of eight is not made into something else');
});

test("on a phone the photo picker offers the client's own photos, not only the camera", async () => {
  // A user pass: the picker had capture="environment", with which Android's Chrome and iOS's
  // Safari open the rear camera at once and offer no gallery, though the button says "Use a
  // photo or the camera…" (headless Chromium ignores the attribute). Without it, both offer
  // the photos and the camera.
  const { DESIGNER_MARKUP } = await import('../../www/ui/markup.js');
  const input = /<input[^>]*id="photo-file"[^>]*>/.exec(DESIGNER_MARKUP)?.[0];
  assert.ok(input, 'the photo input is in the markup');
  assert.match(input, /accept="image\/\*"/);
  assert.doesNotMatch(input, /\scapture\b/);
});
