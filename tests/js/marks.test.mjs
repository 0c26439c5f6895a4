// Unit tests of the marks' shape maths (www/app/mark-shapes.js): where a mark's handles
// are, what a drag does to each kind, the engine's limits respected, and the words.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeMark, dragMark, gridInside, handlePoints, nudgeMark, placeNewMark, spreadHandles } from '../../www/app/mark-shapes.js';

const limits = { length_mm: { min: 5, max: 300 }, width_mm: { min: 0.5, max: 10 }, radius_mm: { min: 2, max: 120 } };
const strip = { kind: 'strip', x: 110, y: 45, length_mm: 120, width_mm: 2, angle_deg: 0 };
const area = { kind: 'fue', x: 110, y: 60, rx_mm: 20, ry_mm: 12, angle_deg: 0 };

test('handles sit in the middle and at the end or corner, turned with the mark', () => {
  assert.deepEqual(handlePoints(strip), [[110, 45], [170, 45]]);
  assert.deepEqual(handlePoints(area), [[110, 60], [130, 72]]);
  const [, end] = handlePoints({ ...strip, angle_deg: 90 });
  assert.ok(Math.abs(end[0] - 110) < 1e-9 && Math.abs(end[1] - 105) < 1e-9);
});

test('dragging moves, stretches and turns a strip, resizes an area, within the limits', () => {
  assert.deepEqual(dragMark(strip, 'move', [100, 50], limits), { ...strip, x: 100, y: 50 });
  const turned = dragMark(strip, 'size', [110, 105], limits);
  assert.equal(turned.length_mm, 120);
  assert.equal(turned.angle_deg, 90);
  assert.equal(dragMark(strip, 'size', [110 + 1000, 45], limits).length_mm, 300, 'no longer than the engine allows');
  assert.deepEqual(dragMark(area, 'size', [140, 80], limits), { ...area, rx_mm: 30, ry_mm: 20 });
  assert.equal(dragMark(area, 'size', [110, 60], limits).rx_mm, 2, 'no smaller than 2 mm');
});

test('marks are described in plain words with their size', () => {
  assert.equal(describeMark(strip), 'Strip (FUT) scar, 12.0 cm × 2.0 mm');
  assert.equal(describeMark(area), 'FUE scar area, 4.0 × 2.4 cm');
});

test('a handle taken off its centre moves by what the finger moves, and a mark stays on the head', () => {
  // Taken 12 px (here 4 mm) off the strip's end and moved by nothing, the strip turned 5.5°
  // and lost 9 mm; dragged onto the panel it went to x = 374 mm, off the 220 mm frame.
  const frame = [220, 300];
  const end = handlePoints(strip)[1];
  const grab = [end[0] - (end[0] + 1.5), end[1] - (end[1] + 3.7)]; // the handle, from where the finger is
  const still = dragMark(strip, 'size', [end[0] + 1.5, end[1] + 3.7], limits, { grab, frame });
  assert.equal(still.length_mm, strip.length_mm);
  assert.equal(still.angle_deg, strip.angle_deg);
  const moved = dragMark(strip, 'move', [120 + 2, 50 - 1], limits, { grab: [-2, 1], frame });
  assert.deepEqual([moved.x, moved.y], [120, 50]);
  const off = dragMark(strip, 'move', [374, -35], limits, { frame });
  assert.deepEqual([off.x, off.y], [220, 0], 'kept on the head');
});

test("arrow keys on a strip's end turn it with Up and Down and change its length with Left and Right", () => {
  // Found by an exploratory pass: the keys moved the end a millimetre sideways, which also
  // lengthened the strip (120 → 120.02 mm a press; 6 mm over a quarter turn).
  let mark = strip;
  for (let k = 0; k < 90; k += 1) mark = nudgeMark(mark, 'size', 'ArrowDown', 1, limits);
  assert.equal(mark.angle_deg, 90, 'a quarter turn in 90 presses');
  assert.equal(mark.length_mm, 120, 'the same length');
  assert.equal(nudgeMark(strip, 'size', 'ArrowUp', 5, limits).angle_deg, -5);
  assert.equal(nudgeMark({ ...strip, angle_deg: 178 }, 'size', 'ArrowDown', 5, limits).angle_deg, -177);
  assert.equal(nudgeMark(strip, 'size', 'ArrowRight', 1, limits).length_mm, 122);
  assert.equal(nudgeMark(strip, 'size', 'ArrowLeft', 5, limits).length_mm, 110);
  assert.equal(nudgeMark({ ...strip, length_mm: 6 }, 'size', 'ArrowLeft', 5, limits).length_mm, 5, 'no shorter than the engine allows');
  // The middle handle moves it; an area's corner resizes it as a drag would; other keys do nothing.
  assert.deepEqual(nudgeMark(strip, 'move', 'ArrowRight', 5, limits), { ...strip, x: 115 });
  assert.deepEqual(nudgeMark(area, 'size', 'ArrowRight', 1, limits), { ...area, rx_mm: 21 });
  assert.equal(nudgeMark(strip, 'size', 'Enter', 1, limits), null);
});

test("a new mark's handles clear the line's handles by a finger's width, on the scalp and the head", () => {
  // Found by an exploratory pass: on a phone (about 1.6 CSS px/mm) an FUE area's default
  // middle sat 5 mm from the line's middle handle (110, 65), under the same finger.
  const line = [[40, 90], [75, 70], [110, 65], [145, 70], [180, 90]];
  const scalp = [[20, 100], [20, 10], [200, 10], [200, 100]];
  const gapMm = 48 / 1.6;
  const placed = placeNewMark(area, { avoid: line, scalp, gapMm, frame: [220, 300] });
  // Where its handles show: the corner pushed out from the middle (spreadHandles).
  for (const [x, y] of spreadHandles(handlePoints(placed), gapMm)) {
    for (const [hx, hy] of line) assert.ok(Math.max(Math.abs(x - hx), Math.abs(y - hy)) >= gapMm, `handle (${x}, ${y}) is within ${gapMm} mm of (${hx}, ${hy})`);
  }
  assert.ok(Math.hypot(placed.x - area.x, placed.y - area.y) < 40, 'near where the default puts it');
  assert.deepEqual({ ...placed, x: area.x, y: area.y }, area, 'the same size and turn');
  // Where the default is clear (a desktop's scale) it stays; with nowhere clear too.
  assert.deepEqual(placeNewMark(area, { avoid: [[10, 290]], scalp, gapMm: 14 }), area);
  assert.deepEqual(placeNewMark(area, { avoid: line, scalp: [[100, 55], [120, 55], [120, 75], [100, 75]], gapMm }), area);
});

test("a small mark's size handle shows far enough from its middle for two fingers' targets", () => {
  // An FUE area on a phone: its corner 32 px right and 19 px down from its middle.
  const [move, size] = spreadHandles([[100, 100], [132, 119]], 46);
  assert.deepEqual(move, [100, 100]);
  assert.ok(Math.abs(size[0] - 146) < 1e-9 && Math.abs(size[1] - (100 + 19 * 46 / 32)) < 1e-9, `${size}`);
  assert.deepEqual(spreadHandles([[0, 0], [60, 5]], 46), [[0, 0], [60, 5]], 'far enough already');
  assert.deepEqual(spreadHandles([[5, 5], [5, 5]], 46), [[5, 5], [51, 51]]);
});

test('with no room clear of the other marks, a new mark goes as far from them as the line allows', () => {
  // A phone's front view: three scars' handles overlapped where nothing was fully clear.
  const patch = { kind: 'patch', x: 5, y: 5, rx_mm: 10, ry_mm: 7, angle_deg: 0 };
  const placed = placeNewMark(patch, { avoid: [], alsoAvoid: [[0, 0]], scalp: [[-1, -1], [21, -1], [21, 21], [-1, 21]], gapMm: 30 });
  assert.equal(Math.max(Math.abs(placed.x), Math.abs(placed.y)), 20, `as far across or down from the other mark as the scalp allows: ${placed.x}, ${placed.y}`);
  // The line's handles stay ruled out even so.
  const kept = placeNewMark(patch, { avoid: [[20, 20]], alsoAvoid: [[0, 0]], scalp: [[0, 0], [20, 0], [20, 20], [0, 20]], gapMm: 30 });
  assert.deepEqual([kept.x, kept.y], [5, 5], 'nowhere clear of the line: where the default puts it');
});

test('the spots a new mark may take are exactly the grid points inside the scalp, however it is shaped', () => {
  // The row-by-row walk (gridInside) against the point-by-point even-odd test it replaced,
  // on seeded random polygons: concave, self-crossing, and with corners and edges on the grid.
  const insideOf = (polygon, [x, y]) => {
    let hit = false;
    for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i, i += 1) {
      const [xi, yi] = polygon[i];
      const [xj, yj] = polygon[j];
      if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
    }
    return hit;
  };
  let seed = 12345;
  const random = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
  for (let n = 0; n < 60; n += 1) {
    const corners = 3 + Math.floor(random() * 12);
    const onGrid = n % 3 === 0; // corners on the 2 mm grid: edges through grid points
    const polygon = Array.from({ length: corners }, () => [random() * 80 - 10, random() * 60 + 5]
      .map((v) => (onGrid ? Math.round(v / 2) * 2 : v)));
    const expected = [];
    const xs = polygon.map((p) => p[0]);
    const ys = polygon.map((p) => p[1]);
    for (let y = Math.ceil(Math.min(...ys) / 2) * 2; y <= Math.max(...ys); y += 2) {
      for (let x = Math.ceil(Math.min(...xs) / 2) * 2; x <= Math.max(...xs); x += 2) {
        if (insideOf(polygon, [x, y])) expected.push([x, y]);
      }
    }
    assert.deepEqual(gridInside(polygon, 2), expected, `polygon ${n}: ${JSON.stringify(polygon)}`);
  }
});
