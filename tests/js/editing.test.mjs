// Unit tests of the page's pure editing modules: undo history, view maths (zoom, pan,
// pinch), mirrored handle moves and the frames' share of the laying and painting budgets.
// No browser, no engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHistory } from '../../www/app/history.js';
import { createFrameBudget, MIN_SHARE, FRAME_MS, OUTLIER_MS } from '../../www/app/frame-budget.js';
import { toClient, toDesign, zoomAbout, panBy, pinch, wheelFactor, MAX_ZOOM, previewTransform, unshiftedRect } from '../../www/app/viewport.js';
import { moveHandle, partnerOf, isSymmetric, flatten, pairs, createEditor } from '../../www/app/editor.js';

/** The template's midline, mm (the engine's `limits().template.midline_x`). */
const MID = 110;

const close = (a, b, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test('history undoes and redoes exact snapshots and forgets the redo branch on a new edit', () => {
  const h = createHistory({ design: { a: 1 } });
  assert.equal(h.canUndo, false);
  h.push({ design: { a: 2 } });
  h.push({ design: { a: 3 } });
  assert.deepEqual(h.undo(), { design: { a: 2 } });
  assert.deepEqual(h.undo(), { design: { a: 1 } });
  assert.equal(h.undo(), null);
  assert.deepEqual(h.redo(), { design: { a: 2 } });
  h.push({ design: { a: 9 } });
  assert.equal(h.canRedo, false);
  assert.equal(h.redo(), null);
  assert.deepEqual(h.current(), { design: { a: 9 } });
});

test('history snapshots are copies, and the oldest drop out past the limit', () => {
  const state = { design: { line: [[1, 2]] } };
  const h = createHistory(state, 3);
  state.design.line[0][0] = 99;
  assert.deepEqual(h.current(), { design: { line: [[1, 2]] } });
  for (let k = 0; k < 5; k += 1) h.push({ k });
  assert.deepEqual(h.undo(), { k: 3 });
  assert.deepEqual(h.undo(), { k: 2 });
  assert.equal(h.undo(), null);
});

test('history gives back each step exactly when fields come, go and change shape between steps', () => {
  const steps = [
    { design: { version: 1, hairline: [[1, 2], [3, 4]], style: 'soft', photo: null }, handles: [[1, 2]] },
    { design: { version: 1, hairline: [[1, 2], [3, 5]], style: 'soft', photo: null }, handles: [[1, 2]] },
    { design: { version: 1, hairline: [[1, 2], [3, 5]], style: 'soft', photo: { px_per_mm: 4.5 }, marks: [] }, handles: [[1, 2]] },
    { design: { version: 1, style: 'sharp', hairline: [[1, 2], [3, 5]] }, handles: [] },
    { k: 'not an object at all', n: 0.1 + 0.2 },
  ];
  const h = createHistory(steps[0]);
  for (const step of steps.slice(1)) h.push(step);
  // What JSON leaves out or writes its own way comes back as JSON would give it.
  const odd = { design: { a: 1, gone: undefined, f: () => 1, when: new Date(0), ['__proto__']: { x: 1 } } };
  const h2 = createHistory(odd);
  assert.deepEqual(h2.current(), JSON.parse(JSON.stringify(odd)));
  assert.deepEqual(Object.keys(h2.current().design), ['a', 'when', '__proto__']);
  for (let i = steps.length - 1; i > 0; i -= 1) {
    assert.deepEqual(h.current(), steps[i]);
    assert.deepEqual(Object.keys(h.current().design ?? {}), Object.keys(steps[i].design ?? {}), 'key order kept');
    h.undo();
  }
  assert.deepEqual(h.current(), steps[0]);
});

const view = { pxPerMm: 4, offsetX: 100, offsetY: 50, ratio: 2, fitPxPerMm: 4 };
const rect = { left: 10, top: 20 };

test('client and design coordinates round-trip under the view', () => {
  const [cx, cy] = toClient(view, rect, [110, 65]);
  close(cx, 10 + (110 * 4 + 100) / 2);
  const [x, y] = toDesign(view, rect, [cx, cy]);
  close(x, 110);
  close(y, 65);
});

test('zooming about a point keeps that point still and respects the limits', () => {
  const z = zoomAbout(view, 2, [300, 200]);
  close(z.pxPerMm, 8);
  const before = [(300 - view.offsetX) / view.pxPerMm, (200 - view.offsetY) / view.pxPerMm];
  const after = [(300 - z.offsetX) / z.pxPerMm, (200 - z.offsetY) / z.pxPerMm];
  close(before[0], after[0]);
  close(before[1], after[1]);
  close(zoomAbout(view, 1e6, [0, 0]).pxPerMm, 4 * MAX_ZOOM);
  assert.deepEqual(zoomAbout(view, NaN, [0, 0]), view);
  assert.deepEqual(panBy(view, [5, -5]), { ...view, offsetX: 105, offsetY: 45 });
});

test('a pinch scales with the finger distance and pans with their midpoint', () => {
  const p = pinch(view, [[100, 100], [200, 100]], [[50, 120], [250, 120]]);
  close(p.pxPerMm, 8);
  // The design point under the start midpoint (150, 100) is now under (150, 120).
  const d0 = [(150 - view.offsetX) / view.pxPerMm, (100 - view.offsetY) / view.pxPerMm];
  close(d0[0] * p.pxPerMm + p.offsetX, 150);
  close(d0[1] * p.pxPerMm + p.offsetY, 120);
  // Fingers that did not move leave the view alone.
  assert.deepEqual(pinch(view, [[0, 0], [10, 0]], [[0, 0], [10, 0]]), { ...view });
});

test('wheel zoom: down zooms out, up zooms in, huge deltas are bounded', () => {
  assert.ok(wheelFactor(100) < 1 && wheelFactor(-100) > 1);
  assert.ok(wheelFactor(1e9) > 0.4);
  close(wheelFactor(3, 1), wheelFactor(48, 0));
});

test('a mirrored move drags the partner, and the middle handle stays on the midline', () => {
  const h = [[50, 100], [80, 70], [110, 65], [140, 70], [170, 100]];
  assert.equal(partnerOf(1, 5), 3);
  assert.ok(isSymmetric(h, MID));
  const moved = moveHandle(h, 1, [78, 60], true, MID);
  assert.deepEqual(moved[1], [78, 60]);
  assert.deepEqual(moved[3], [142, 60]);
  assert.ok(isSymmetric(moved, MID));
  assert.deepEqual(moveHandle(h, 2, [120, 55], true, MID)[2], [110, 55]);
  const free = moveHandle(h, 1, [78, 60], false, MID);
  assert.deepEqual(free[3], [140, 70]);
  assert.deepEqual(moveHandle(h, 1, [NaN, 1], true, MID), h);
  assert.deepEqual(h[1], [80, 70], 'the input is not changed');
});

test('the editor symmetrizes a lopsided line before a mirrored drag, keeping the grabbed side', () => {
  const calls = [];
  const engine = {
    curveThrough: (flat) => flat,
    symmetrize: (flat, keepLeft) => { calls.push(keepLeft); return flatten([[50, 90], [110, 60], [170, 90]]); },
    handlesOf: (flat) => flat,
    fitStroke: (stroke, base, mirror) => { calls.push(mirror); return stroke; },
  };
  const editor = createEditor(engine, { midline: MID });
  editor.handles = [[50, 90], [110, 60], [170, 100]];
  const { handles, index } = editor.prepareDrag(2);
  assert.deepEqual(calls, [false]);
  assert.equal(index, 2);
  assert.ok(isSymmetric(handles, MID));
  const { hairline } = editor.stroke([[0, 0], [50, 0]]);
  assert.deepEqual(hairline, [[0, 0], [50, 0]]);
  assert.deepEqual(pairs(flatten([[1, 2], [3, 4]])), [[1, 2], [3, 4]]);
});

import { classify } from '../../www/ui/input.js';
import { actionFor } from '../../www/ui/shortcuts.js';
import { nudgeFor } from '../../www/ui/handles.js';

test('pointer classification: a second finger pinches, a palm under a pen is ignored', () => {
  assert.equal(classify({ pointerType: 'touch' }, []), 'stroke');
  assert.equal(classify({ pointerType: 'touch' }, ['touch']), 'pinch');
  assert.equal(classify({ pointerType: 'touch' }, ['touch', 'touch']), 'ignore');
  assert.equal(classify({ pointerType: 'touch' }, ['pen']), 'ignore');
  // A pen's barrel button and eraser end draw nothing (each replaced the line).
  assert.equal(classify({ pointerType: 'pen', button: 2 }, []), 'ignore');
  assert.equal(classify({ pointerType: 'pen', button: 5 }, []), 'ignore');
  assert.equal(classify({ pointerType: 'pen', button: 5 }, ['touch']), 'ignore');
  assert.equal(classify({ pointerType: 'pen', button: 0 }, ['touch']), 'stroke');
  assert.equal(classify({ pointerType: 'pen', onHandle: true }, []), 'drag');
  // A pen that lands on a resting palm (or two) takes over: technicians rest the hand first.
  assert.equal(classify({ pointerType: 'pen' }, ['touch']), 'stroke');
  assert.equal(classify({ pointerType: 'pen', onHandle: true }, ['touch', 'touch']), 'drag');
  assert.equal(classify({ pointerType: 'mouse' }, ['touch']), 'ignore');
  assert.equal(classify({ pointerType: 'mouse', button: 1 }, []), 'pan');
  assert.equal(classify({ pointerType: 'mouse', button: 2 }, []), 'ignore');
  assert.equal(classify({ pointerType: 'mouse', panMode: true }, []), 'pan');
});

test('shortcuts: undo, redo, zoom and fit; arrow nudges in mm', () => {
  assert.equal(actionFor({ key: 'z', ctrlKey: true }), 'undo');
  assert.equal(actionFor({ key: 'Z', metaKey: true, shiftKey: true }), 'redo');
  assert.equal(actionFor({ key: 'y', ctrlKey: true }), 'redo');
  assert.equal(actionFor({ key: '+' }), 'zoomIn');
  assert.equal(actionFor({ key: '0' }), 'fit');
  assert.equal(actionFor({ key: 'z' }), null);
  assert.deepEqual(nudgeFor('ArrowUp', false), [0, -0.5]);
  assert.deepEqual(nudgeFor('ArrowRight', true), [2, 0]);
  assert.equal(nudgeFor('a', false), null);
});

import { startGesture, tapAt } from '../../www/ui/input.js';

test('a new pointer starts the gesture its kind says, reporting it once', () => {
  const pointer = { id: 3, x: 10, y: 20, point: { x: 10, y: 20, pressure: 0.5 } };
  const stroke = startGesture('stroke', pointer);
  assert.deepEqual(stroke.gesture, { kind: 'stroke', id: 3, points: [pointer.point] });
  assert.equal(stroke.report[0], 'stroke');
  assert.equal(stroke.report[2], stroke.gesture.points, 'the stroke reports its own growing list');
  assert.deepEqual(startGesture('drag', pointer, { index: 4 }).report, ['drag', 'start', 4, pointer.point]);
  assert.deepEqual(startGesture('pan', pointer).gesture, { kind: 'pan', id: 3, last: [10, 20] });
  const pair = [[0, 0], [50, 0]];
  assert.deepEqual(startGesture('pinch', pointer, { pair }).report, ['pinch', 'start', pair, pair]);
});

test('a tap is short and still; a second tap soon after and nearby is a double tap', () => {
  const down = { x0: 100, y0: 100, downAt: 1000 };
  assert.deepEqual(tapAt(down, { x: 104, y: 103, t: 1200 }, null), { still: true, double: false });
  assert.deepEqual(tapAt(down, { x: 100, y: 130, t: 1100 }, null), { still: false, double: false }, 'moved: a stroke');
  assert.deepEqual(tapAt(down, { x: 100, y: 100, t: 1400 }, null), { still: false, double: false }, 'held: not a tap');
  assert.deepEqual(tapAt(down, { x: 101, y: 100, t: 1100 }, { x: 110, y: 95, t: 900 }), { still: true, double: true });
  assert.deepEqual(tapAt(down, { x: 101, y: 100, t: 1100 }, { x: 200, y: 95, t: 900 }), { still: true, double: false }, 'too far from the first');
  assert.deepEqual(tapAt(down, { x: 101, y: 100, t: 1100 }, { x: 100, y: 100, t: 500 }), { still: true, double: false }, 'too late');
});

test('a moved picture shows every design point where the new view puts it', () => {
  const painted = { pxPerMm: 4, offsetX: 30, offsetY: -12, ratio: 2, fitPxPerMm: 4 };
  const now = pinch(painted, [[100, 200], [300, 200]], [[60, 230], [380, 250]]);
  const shift = previewTransform(painted, now);
  const rect = { left: 10, top: 50, width: 400, height: 300 };
  for (const p of [[0, 0], [110, 65], [37.5, 180]]) {
    // Where the picture painted at `painted` shows p once moved by the CSS transform...
    const [cx, cy] = toClient(painted, { left: 0, top: 0 }, p);
    const shown = [rect.left + shift.tx + cx * shift.k, rect.top + shift.ty + cy * shift.k];
    // ...is where the new view draws it (the overlay, the handles).
    const expected = toClient(now, rect, p);
    assert.ok(Math.hypot(shown[0] - expected[0], shown[1] - expected[1]) < 1e-9, `${p}: ${shown} vs ${expected}`);
  }
  // The moved canvas's client rect, taken back to its layout box.
  const moved = { left: rect.left + shift.tx, top: rect.top + shift.ty, width: rect.width * shift.k, height: rect.height * shift.k };
  const back = unshiftedRect(moved, shift);
  for (const k of ['left', 'top', 'width', 'height']) assert.ok(Math.abs(back[k] - rect[k]) < 1e-9, k);
  // Inside a page's transform: scale(0.5) the shift's CSS px are half as many client px.
  const scale = 0.5;
  const small = { left: 10, top: 50, width: 400 * scale, height: 300 * scale };
  const movedSmall = { left: small.left + shift.tx * scale, top: small.top + shift.ty * scale, width: small.width * shift.k, height: small.height * shift.k };
  const backSmall = unshiftedRect(movedSmall, shift, 400);
  for (const k of ['left', 'top', 'width', 'height']) assert.ok(Math.abs(backSmall[k] - small[k]) < 1e-9, `${k} at scale 0.5: ${backSmall[k]} vs ${small[k]}`);
  assert.equal(previewTransform(painted, { ...now, ratio: 3 }), null, 'a new pixel ratio is painted, not moved');
});

test("a handle's name says where it is in words a screen reader reads right", async () => {
  const { handleName } = await import('../../www/ui/guides.js');
  // Below the brows, on the midline: "-1.8 cm above the brows", "0.0 cm left of the midline" before.
  assert.equal(handleName(0, 12, [52.3, 127.5], 110, 109.8), 'Hairline handle 1 of 12: 5.8\u00a0cm left of the midline, 1.8\u00a0cm below the brows');
  assert.equal(handleName(5, 12, [109.98, 34.8], 110, 109.8), 'Hairline handle 6 of 12: on the midline, 7.5\u00a0cm above the brows');
  assert.equal(handleName(11, 12, [167.7, 109.81], 110, 109.8), 'Hairline handle 12 of 12: 5.8\u00a0cm right of the midline, level with the brows');
  assert.equal(handleName(2, 3, [120, 50], 110, null), 'Hairline handle 3 of 3: 1.0\u00a0cm right of the midline');
});

test('a step that changes nothing is no undo step, and leaves the redo steps', () => {
  // Found by an exploratory pass: tapping the chosen preset again made undo steps that
  // changed nothing, and Undo looked broken.
  const h = createHistory({ design: { density: 90 }, handles: [[0, 0]] });
  assert.equal(h.push({ design: { density: 80 }, handles: [[0, 0]] }), true);
  assert.equal(h.push({ design: { density: 80 }, handles: [[0, 0]] }), false, 'the same again');
  assert.deepEqual(h.undo(), { design: { density: 90 }, handles: [[0, 0]] }, 'one Undo goes back');
  assert.equal(h.canUndo, false);
  assert.equal(h.push({ design: { density: 90 }, handles: [[0, 0]] }), false);
  assert.equal(h.canRedo, true, 'a no-op keeps what can be redone');
});

test('frames that overrun the display shrink the next ones\' laying and painting; frames with room give it back', () => {
  const budget = createFrameBudget();
  assert.equal(budget.share, 1);
  // A phone at 4× CPU: the browser's work alone takes most of the frame.
  budget.ended(FRAME_MS * 2);
  assert.ok(budget.share < 1 && budget.share >= MIN_SHARE);
  for (let i = 0; i < 20; i += 1) budget.ended(40);
  assert.equal(budget.share, MIN_SHARE, 'never below a quarter: the dots still come');
  // A frame on time but with little room changes nothing; one with room gives a little back.
  budget.ended(FRAME_MS * 0.9);
  assert.equal(budget.share, MIN_SHARE);
  for (let i = 0; i < 40; i += 1) budget.ended(5);
  assert.equal(budget.share, 1, 'a fast machine keeps the whole budgets');
  // A cost no budget could have kept to a frame (a photo applied, a tab put away and back)
  // and nonsense from a clock are ignored.
  for (const cost of [NaN, -3, Infinity, 5000, OUTLIER_MS + 1]) budget.ended(cost);
  assert.equal(budget.share, 1);
});

test('the guides keep their labels off the handles and draw no temple point under one', async () => {
  // On a phone the 7 cm marker's label lay under the middle handle (a raised line), a new
  // strip scar's middle handle covered the 10 cm one, and the temple points sat under the
  // hairline's handles on a woman's head.
  const { drawOverlay, HANDLE_KEEP_OUT_CSS_PX } = await import('../../www/ui/guides.js');
  const drawn = { texts: [], boxes: [], dots: [] };
  const ctx = {
    canvas: { width: 800, height: 1000 },
    font: '', textAlign: 'left', textBaseline: 'middle', fillStyle: '', strokeStyle: '', lineWidth: 1, lineCap: 'butt',
    clearRect() {}, save() {}, restore() {}, setLineDash() {}, beginPath() {}, moveTo() {}, lineTo() {}, stroke() {}, fill() {},
    arc(x, y, radius) { drawn.dots.push([x, y, radius]); },
    roundRect(left, top, width, height) { drawn.boxes.push({ left, top, width, height }); },
    fillText(text, x, y) { drawn.texts.push({ text, x, y }); },
    measureText: (text) => ({ width: text.length * 7 }),
  };
  const view = { pxPerMm: 3, offsetX: 0, offsetY: 0, ratio: 1 };
  const marks = { midline_x: 110, glabella_y: 140, mid_pupil_x: [78, 142], lateral_epicanthus_x: [63, 157], subnasale_y: 205, menton_y: 262, low_height_mm: 70, high_height_mm: 100 };
  const measures = { mid_frontal: [110, 62], height_mm: 78, low_height_mm: 70, temples: [[63, 80], [157, 80]], corner_drop_mm: 18, bow_mm: 18, warnings: [] };
  // A handle on the 7 cm label's place (just right of the midline at 7 cm) and on each temple point.
  const keepOut = [[116, 67], [63, 80], [157, 80]];
  drawOverlay(ctx, { view, marks, measures, hairline: [[40, 150], [110, 62], [180, 150]], stroke: null, guides: true, cleared: false, showCurve: true, keepOut });
  const circles = keepOut.map(([x, y]) => [x * 3, y * 3]);
  const covered = ({ left, top, width, height }) => circles.some(([cx, cy]) => Math.hypot(cx - Math.min(Math.max(cx, left), left + width), cy - Math.min(Math.max(cy, top), top + height)) < HANDLE_KEEP_OUT_CSS_PX);
  assert.ok(drawn.texts.some((t) => t.text === '7 cm'), 'the 7 cm marker is labelled');
  const labelBoxes = drawn.boxes;
  assert.equal(labelBoxes.length, drawn.texts.length);
  drawn.texts.forEach((t, k) => assert.ok(!covered(labelBoxes[k]), `“${t.text}” lies under a handle`));
  const templeDots = drawn.dots.filter(([x, y, radius]) => radius === 4.5 && circles.some(([cx, cy]) => Math.hypot(x - cx, y - cy) < 1));
  assert.deepEqual(templeDots, [], 'no temple point drawn under a handle');
});
