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
