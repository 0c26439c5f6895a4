// End-to-end: drawing and editing the hairline in Debian's Chromium, the way a client with
// a mouse and a technician with fingers would: strokes, handle drags with mirror symmetry,
// undo/redo, styles, pinch-zoom, keyboard-only editing, and screenshots of every layout.
// Any console error, failed request or request to another origin fails the test.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, openDesigner, canvasDarkness, canvasHash, ARTIFACTS, settle, countOverlayDrawings } from './harness.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.close(); });

const nextFrames = settle;
const twoFrames = (page) => page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));

/**
 * Records a hash of the designer's canvas on every frame from now on, in `window.__shown`,
 * until `window.__watching` is set false: the pictures a person saw.
 */
const watchPictures = (page) => page.evaluate(() => {
  const canvas = document.querySelector('hairline-designer').shadowRoot.getElementById('canvas');
  const copy = new OffscreenCanvas(canvas.width, canvas.height);
  const ctx = copy.getContext('2d', { willReadFrequently: true });
  window.__shown = [];
  window.__watching = true;
  const watch = () => {
    ctx.drawImage(canvas, 0, 0);
    const d = ctx.getImageData(0, 0, copy.width, copy.height).data;
    let h = 2166136261;
    for (let i = 0; i < d.length; i += 7) h = Math.imul(h ^ d[i], 16777619);
    window.__shown.push(h >>> 0);
    if (window.__watching) requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);
});
const screen = (page, p) => page.evaluate((q) => window.hairline.toScreen(q), p);
/** Height of the hairline's midline crossing above the glabella (y = 140), mm. */
const midHeight = (line) => {
  for (let i = 1; i < line.length; i += 1) {
    const [a, b] = [line[i - 1], line[i]];
    if ((a[0] - 110) * (b[0] - 110) <= 0 && a[0] !== b[0]) return 140 - (a[1] + ((b[1] - a[1]) * (110 - a[0])) / (b[0] - a[0]));
  }
  return null;
};
/** A hairline-like arch in mm: temples at x = 42 and 178, the middle `height` above the brows. */
const arch = (height, n = 40, [from, to] = [42, 178]) => Array.from({ length: n }, (_, i) => {
  const x = from + ((to - from) * i) / (n - 1); // starts clear of the handles' points, which a press would grab
  const u = (x - 110) / 60;
  return [x, 140 - height + 40 * u * u];
});

test('mouse: a freehand stroke becomes a smooth line with 6–12 handles; undo and redo restore exact designs', async () => {
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1366, height: 1024 } });
  const before = await page.evaluate(() => window.hairline.getDesign());
  const pixelsBefore = await canvasHash(page);
  const points = [];
  for (const p of arch(90, 60)) points.push(await screen(page, p));
  await page.mouse.move(...points[0]);
  await page.mouse.down();
  for (const [k, [x, y]] of points.slice(1).entries()) await page.mouse.move(x + ((k * 7) % 5 - 2) * 0.6, y + ((k * 3) % 5 - 2) * 0.6); // a shaky hand
  await page.mouse.up();
  await nextFrames(page);
  const after = await page.evaluate(() => ({ design: window.hairline.getDesign(), handles: window.hairline.handles() }));
  const h = midHeight(after.design.hairline);
  assert.ok(Math.abs(h - 90) < 3, `mid-frontal point ${h} mm above the glabella, drawn at 90`);
  assert.ok(after.handles.length >= 5 && after.handles.length <= 13, `${after.handles.length} handles`);
  assert.notEqual(await canvasHash(page), pixelsBefore);
  // Undo with the keyboard shortcut, redo with the page API: exact designs come back.
  await page.keyboard.press('Control+z');
  await nextFrames(page);
  assert.deepEqual(await page.evaluate(() => window.hairline.getDesign()), before);
  assert.equal(await page.evaluate(() => window.hairline.redo()), true);
  assert.deepEqual(await page.evaluate(() => window.hairline.getDesign()), after.design);
  await page.click('#undo');
  assert.deepEqual(await page.evaluate(() => window.hairline.getDesign()), before);
  await page.keyboard.press('Control+Shift+Z');
  assert.deepEqual(await page.evaluate(() => window.hairline.getDesign()), after.design);
  assert.deepEqual(problems, []);
  await context.close();
});

test('mouse: dragging a handle moves its mirrored partner, the hairline and the pixels', async () => {
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1366, height: 1024 } });
  const before = await page.evaluate(() => ({ design: window.hairline.getDesign(), handles: window.hairline.handles() }));
  const pixelsBefore = await canvasHash(page);
  const i = 3; // a handle on the viewer's left, between temple and middle
  const start = await screen(page, before.handles[i]);
  const target = await screen(page, [before.handles[i][0] - 4, before.handles[i][1] + 10]);
  await page.mouse.move(...start);
  await page.mouse.down();
  for (let k = 1; k <= 10; k += 1) {
    await page.mouse.move(start[0] + ((target[0] - start[0]) * k) / 10, start[1] + ((target[1] - start[1]) * k) / 10);
  }
  await page.mouse.up();
  await nextFrames(page);
  const after = await page.evaluate(() => ({ design: window.hairline.getDesign(), handles: window.hairline.handles() }));
  const n = after.handles.length;
  const moved = after.handles.reduce((best, p, k) => (Math.hypot(p[0] - before.handles[i][0] + 4, p[1] - before.handles[i][1] - 10) < Math.hypot(after.handles[best][0] - before.handles[i][0] + 4, after.handles[best][1] - before.handles[i][1] - 10) ? k : best), 0);
  const [mx, my] = after.handles[moved];
  assert.ok(Math.abs(mx - (before.handles[i][0] - 4)) < 0.6 && Math.abs(my - (before.handles[i][1] + 10)) < 0.6, `handle at ${mx}, ${my}`);
  const [px, py] = after.handles[n - 1 - moved];
  assert.ok(Math.abs(px - (220 - mx)) < 1e-6 && Math.abs(py - my) < 1e-6, `partner ${px}, ${py} mirrors ${mx}, ${my}`);
  assert.notDeepEqual(after.design.hairline, before.design.hairline);
  assert.notEqual(await canvasHash(page), pixelsBefore);
  await page.evaluate(() => window.hairline.undo());
  assert.deepEqual(await page.evaluate(() => window.hairline.getDesign()), before.design);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a handle drag rewrites only what it changes: the handles and the figures, not the rest of the panel', async () => {
  // Each rewrite of the same text, `hidden` or attribute made the browser work out style and
  // layout again: on a phone at 4× CPU about 8 ms of every frame of a drag (issue 12).
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1366, height: 1024 } });
  const handles = await page.evaluate(() => window.hairline.handles());
  // The saved-consultations list fills in once, from storage, just after start.
  await page.waitForFunction(() => document.querySelector('hairline-designer').shadowRoot.querySelector('#c-list li'));
  await page.evaluate(() => {
    window.__written = [];
    const root = document.querySelector('hairline-designer').shadowRoot;
    const name = (node) => {
      const el = node.nodeType === 1 ? node : node.parentElement;
      return el ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${el.className}` : '?';
    };
    window.__observer = new MutationObserver((records) => {
      for (const r of records) window.__written.push(`${r.type} ${r.attributeName ?? ''} ${name(r.target)}`);
    });
    window.__observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  const start = await screen(page, handles[3]);
  await page.mouse.move(...start);
  await page.mouse.down();
  for (let k = 1; k <= 8; k += 1) {
    await page.mouse.move(start[0] - k, start[1] + 2 * k);
    await twoFrames(page);
  }
  await page.mouse.up();
  await nextFrames(page);
  // The figures' analysis that follows an edit (200 ms after it) is part of the drag: it
  // showed the photo panel again and rewrote all of it (found by a slow fresh clone's run).
  await page.waitForTimeout(400);
  await nextFrames(page);
  const written = await page.evaluate(() => { window.__observer.disconnect(); return [...new Set(window.__written)]; });
  // The figures and the status line change with the dots; the handles move; the canvases
  // are drawn on (no DOM write); the first visit's hint goes, once, at the first touch.
  // Anything else was written with the value it already had.
  const allowed = /(#fig-dots|#fig-area|#fig-density|#status|\.status-figures|\.status-stage|\.handle|#handles|#message|#undo|#redo|#first-hint)/;
  const others = written.filter((w) => !allowed.test(w));
  assert.deepEqual(others, [], `rewritten during a drag: ${others.join('; ')}`);
  assert.ok(written.some((w) => /\.handle/.test(w)), `the handles moved: ${written.join('; ')}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a slider moved frame by frame measures no layout: the handles and marks keep where the picture sits', async () => {
  // A box measured in a frame after the figures were written made the browser lay out the
  // page once more before the frame's own layout (issue 12: 2–4 ms a frame on a throttled
  // phone, with the compare's measure of the stage even while it was off).
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1366, height: 1024 } });
  await page.click('#add-strip'); // a scar's handles follow the view too
  await nextFrames(page);
  await page.evaluate(() => {
    window.__measured = [];
    const wrap = (proto, name) => {
      const get = Object.getOwnPropertyDescriptor(proto, name);
      if (typeof get.value === 'function') {
        proto[name] = function measured(...args) { window.__measured.push(`${name} ${this.id || this.tagName}`); return get.value.apply(this, args); };
      } else {
        Object.defineProperty(proto, name, { ...get, get() { window.__measured.push(`${name} ${this.id || this.tagName}`); return get.get.call(this); } });
      }
    };
    for (const name of ['getBoundingClientRect', 'clientWidth', 'clientHeight']) wrap(Element.prototype, name);
    for (const name of ['offsetWidth', 'offsetHeight', 'offsetLeft', 'offsetTop']) wrap(HTMLElement.prototype, name);
  });
  await page.focus('#p-density');
  for (let k = 0; k < 6; k += 1) {
    await page.keyboard.press('ArrowRight');
    await twoFrames(page);
  }
  await nextFrames(page);
  const measured = await page.evaluate(() => window.__measured);
  assert.deepEqual(measured, [], `layout read while the density changed: ${measured.join('; ')}`);
  // Nor while the compare's divider moves (only turning it on or side by side moves the canvas).
  await page.click('#compare');
  await nextFrames(page);
  await page.focus('#compare-divider');
  await page.evaluate(() => { window.__measured = []; });
  for (let k = 0; k < 4; k += 1) {
    await page.keyboard.press('ArrowLeft');
    await twoFrames(page);
  }
  const whileComparing = await page.evaluate(() => window.__measured);
  assert.deepEqual(whileComparing, [], `layout read while the divider moved: ${whileComparing.join('; ')}`);
  assert.deepEqual(problems, []);
  await context.close();
});

/** How much of the hairline has an opaque overlay stroke on it, sampled along the line. */
const curveCover = (page) => page.evaluate(() => {
  const root = document.querySelector('hairline-designer').shadowRoot;
  const overlay = root.getElementById('overlay');
  const copy = new OffscreenCanvas(overlay.width, overlay.height);
  const ctx = copy.getContext('2d', { willReadFrequently: true });
  ctx.drawImage(overlay, 0, 0);
  const rect = overlay.getBoundingClientRect();
  const line = window.hairline.getDesign().hairline;
  let covered = 0;
  let samples = 0;
  for (let i = 0; i + 1 < line.length; i += 1) {
    for (const t of [0.25, 0.5, 0.75]) {
      const p = [line[i][0] + (line[i + 1][0] - line[i][0]) * t, line[i][1] + (line[i + 1][1] - line[i][1]) * t];
      const [cx, cy] = window.hairline.toScreen(p);
      const x = Math.round((cx - rect.left) * overlay.width / rect.width);
      const y = Math.round((cy - rect.top) * overlay.height / rect.height);
      const d = ctx.getImageData(x - 1, y - 1, 3, 3).data;
      let opaque = false;
      for (let k = 3; k < d.length; k += 4) opaque ||= d[k] > 150;
      covered += opaque ? 1 : 0;
      samples += 1;
    }
  }
  return covered / samples;
});

/**
 * Opens the designer with its guides' overlay drawn where `where` says (issue 12,
 * ui/overlay-canvas.js): 'worker', this browser's way (the canvas handed to a worker); 'page',
 * a browser that cannot hand a canvas over; 'failed', a worker that cannot start (a host's
 * policy, an old browser), which must leave the drawing to the page.
 */
const openWithOverlay = (where, options) => openDesigner(harness, {
  ...options,
  async beforeLoad(ctx) {
    if (where === 'page') await ctx.addInitScript(() => { delete HTMLCanvasElement.prototype.transferControlToOffscreen; });
    if (where === 'failed') {
      await ctx.route('**/overlay-worker.js', (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: 'throw new Error("no workers here");' }));
    }
  },
});

/** Whether the overlay canvas was handed to a worker (then the page can no longer draw on it). */
const overlayHandedOver = (page) => page.evaluate(() => {
  const overlay = document.querySelector('hairline-designer').shadowRoot.getElementById('overlay');
  try {
    overlay.getContext('2d');
    return false;
  } catch {
    return true;
  }
});

/** The share of the overlay's pixels with any ink on them (the guides, at rest). */
const overlayInk = (page) => page.evaluate(() => {
  const overlay = document.querySelector('hairline-designer').shadowRoot.getElementById('overlay');
  const copy = new OffscreenCanvas(overlay.width, overlay.height).getContext('2d', { willReadFrequently: true });
  copy.drawImage(overlay, 0, 0);
  const d = copy.getImageData(0, 0, overlay.width, overlay.height).data;
  let n = 0;
  for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n += 1;
  return n / (overlay.width * overlay.height);
});

for (const where of ['worker', 'page', 'failed']) {
  // (The curve drawn while a handle is dragged was lost once, in the crown-view change.)
  test(`the guides and a dragged handle's curve are drawn with the overlay drawn by ${where === 'failed' ? 'the page when its worker cannot start' : `the ${where}`}`, async () => {
    const { page, context, problems } = await openWithOverlay(where, { viewport: { width: 1366, height: 1024 } });
    assert.equal(await overlayHandedOver(page), where === 'worker', 'the overlay canvas is drawn where expected');
    const ink = await overlayInk(page);
    assert.ok(ink > 0.002 && ink < 0.2, `the guides are on the overlay at rest (${ink} of its pixels)`);
    assert.ok(await curveCover(page) < 0.5, 'at rest the line is shown by the dots, not a stroke');
    const handles = await page.evaluate(() => window.hairline.handles());
    const start = await screen(page, handles[3]);
    await page.mouse.move(...start);
    await page.mouse.down();
    await page.mouse.move(start[0] + 3, start[1] + 8, { steps: 4 });
    await nextFrames(page);
    const dragging = await curveCover(page);
    await page.mouse.up();
    await nextFrames(page);
    assert.ok(dragging > 0.9, `mid-drag the curve is drawn along the line (${dragging})`);
    assert.ok(await curveCover(page) < 0.5, 'after the drag the line is shown by the dots again');
    // A resize (a tablet turned) draws the guides again at the new size.
    await page.setViewportSize({ width: 1024, height: 1366 });
    await nextFrames(page);
    const turned = await page.evaluate(() => {
      const overlay = document.querySelector('hairline-designer').shadowRoot.getElementById('overlay');
      return { size: [overlay.width, overlay.height], box: [overlay.offsetWidth, overlay.offsetHeight] };
    });
    assert.deepEqual(turned.size, turned.box, 'the overlay follows its box at 1×');
    const turnedInk = await overlayInk(page);
    assert.ok(turnedInk > 0.002, `the guides are drawn again after the turn (${turnedInk})`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('touch: one finger draws, two fingers pinch-zoom the view and never the design', async () => {
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1024, height: 768 }, hasTouch: true, isMobile: true });
  const cdp = await context.newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', {
    type, touchPoints: points.map(([x, y], id) => ({ x, y, id, radiusX: 4, radiusY: 4, force: 0.6 })),
  });
  // Draw a lower line with one finger, starting clear of the handles' 44 px targets (at x =
  // 42 mm the finger landed on the second handle's and dragged it, 0.008 mm within the
  // height asserted below).
  const points = [];
  for (const p of arch(72, 40, [36, 184])) points.push(await screen(page, p));
  await touch('touchStart', [points[0]]);
  for (const p of points.slice(1)) await touch('touchMove', [p]);
  await touch('touchEnd', []);
  await nextFrames(page);
  const drawn = await page.evaluate(() => window.hairline.getDesign());
  const h = midHeight(drawn.hairline);
  assert.ok(Math.abs(h - 72) < 1.5, `finger-drawn mid-frontal point at ${h} mm`);
  // Pinch: two fingers move apart around the forehead.
  const viewBefore = await page.evaluate(() => window.hairline.view());
  const [cx, cy] = await screen(page, [110, 100]);
  await touch('touchStart', [[cx - 40, cy]]);
  await touch('touchStart', [[cx - 40, cy], [cx + 40, cy]]);
  for (let k = 1; k <= 8; k += 1) await touch('touchMove', [[cx - 40 - 10 * k, cy + 3 * k], [cx + 40 + 10 * k, cy + 3 * k]]);
  await touch('touchEnd', []);
  await nextFrames(page);
  const viewAfter = await page.evaluate(() => window.hairline.view());
  assert.ok(viewAfter.pxPerMm > viewBefore.pxPerMm * 1.5, `zoomed from ${viewBefore.pxPerMm} to ${viewAfter.pxPerMm}`);
  assert.deepEqual(await page.evaluate(() => window.hairline.getDesign()), drawn, 'a pinch never edits the design');
  // toScreen/toDesign still agree under the new view.
  const back = await page.evaluate(() => window.hairline.toDesign(window.hairline.toScreen([123.4, 56.7])));
  assert.ok(Math.abs(back[0] - 123.4) < 1e-9 && Math.abs(back[1] - 56.7) < 1e-9);
  await page.screenshot({ path: `${ARTIFACTS}tablet-1024x768-pinched.png` });
  // Fit brings the whole head back.
  await page.tap('#fit');
  await nextFrames(page);
  assert.ok(Math.abs((await page.evaluate(() => window.hairline.view())).pxPerMm - viewBefore.pxPerMm) < 1e-9);
  assert.deepEqual(problems, []);
  await context.close();
});

/**
 * How far two screenshots (PNG buffers of one size) differ, decoded in the page: the mean
 * absolute difference per channel (0–255) and the share of pixels off by more than 48.
 */
const pictureDifference = (page, a, b) => page.evaluate(async ([a64, b64]) => {
  const pixels = async (b64data) => {
    const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(b64data), (c) => c.charCodeAt(0))], { type: 'image/png' }));
    const c = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = c.getContext('2d');
    ctx.drawImage(bitmap, 0, 0);
    return ctx.getImageData(0, 0, c.width, c.height).data;
  };
  const [p, q] = [await pixels(a64), await pixels(b64)];
  let sum = 0;
  let off = 0;
  for (let i = 0; i < p.length; i += 4) {
    const d = Math.max(Math.abs(p[i] - q[i]), Math.abs(p[i + 1] - q[i + 1]), Math.abs(p[i + 2] - q[i + 2]));
    sum += Math.abs(p[i] - q[i]) + Math.abs(p[i + 1] - q[i + 1]) + Math.abs(p[i + 2] - q[i + 2]);
    if (d > 48) off += 1;
  }
  return { mean: sum / (p.length / 4) / 3, off: off / (p.length / 4) };
}, [a.toString('base64'), b.toString('base64')]);

test('pinch and pan move the picture under the fingers at once and paint it sharp when they stop', async () => {
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
  // The picture is what is compared here: the guides over it move by the same transform,
  // scaled with it until the fingers lift (the next test).
  await page.locator('#guides').uncheck();
  await page.evaluate(() => window.scrollTo(0, 0));
  await nextFrames(page);
  const cdp = await context.newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
  const box = await page.evaluate(() => { const r = document.querySelector('hairline-designer').shadowRoot.getElementById('stage').getBoundingClientRect(); return { x: r.left, y: r.top, width: r.width, height: r.height }; });
  const clip = { x: box.x, y: box.y + 60, width: box.width, height: Math.min(360, box.height - 60) };
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 3];
  const untouched = await page.screenshot({ clip });
  const painted = await canvasHash(page);
  // Two fingers spread (zoom in about 1.8×) and drift.
  await touch('touchStart', [[cx - 40, cy]]);
  await touch('touchStart', [[cx - 40, cy], [cx + 40, cy]]);
  for (let k = 1; k <= 8; k += 1) await touch('touchMove', [[cx - 40 - 4 * k + k, cy - 2 * k], [cx + 40 + 4 * k + k, cy - 2 * k]]);
  await twoFrames(page); // not settle(): settled() waits for the gesture's end
  const during = await page.screenshot({ clip });
  assert.equal(await canvasHash(page, { now: true }), painted, 'no engine frame while the fingers move: the last picture is moved');
  await touch('touchEnd', []);
  await nextFrames(page);
  const settled = await page.screenshot({ clip });
  assert.notEqual(await canvasHash(page), painted, 'the new view is painted once the fingers lift');
  const moved = await pictureDifference(page, untouched, during);
  const agree = await pictureDifference(page, during, settled);
  assert.ok(moved.off > 0.05, `the pinch moved the picture (${(moved.off * 100).toFixed(1)} % of pixels changed)`);
  assert.ok(agree.mean < 4 && agree.off < 0.03, `the moved picture is the painted one, blurred: mean ${agree.mean.toFixed(2)}, ${(agree.off * 100).toFixed(2)} % of pixels off`);
  // Pan with the Move tool and a mouse: the same, but for the strip the pan brings into
  // view (54 × 30 CSS px on the left and top), which was never painted and stays the
  // stage's colour until the button is let go.
  const kept = { x: clip.x + 60, y: clip.y + 36, width: clip.width - 60, height: clip.height - 36 };
  await page.tap('#move');
  const hash = await canvasHash(page);
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let k = 1; k <= 6; k += 1) await page.mouse.move(cx + 9 * k, cy + 5 * k);
  await twoFrames(page);
  const panning = await page.screenshot({ clip: kept });
  assert.equal(await canvasHash(page, { now: true }), hash, 'no engine frame while the view is dragged');
  await page.mouse.up();
  await nextFrames(page);
  const panned = await page.screenshot({ clip: kept });
  const panAgree = await pictureDifference(page, panning, panned);
  assert.ok(panAgree.mean < 1 && panAgree.off < 0.002, `a pan shows the painted picture: mean ${panAgree.mean.toFixed(2)}, ${(panAgree.off * 100).toFixed(2)} %`);
  assert.notEqual(await canvasHash(page), hash);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a pinch carries the guides with the picture and draws them once, sharp, when the fingers lift', async () => {
  // Drawing the guides at every step of a pinch was a canvas for the browser to take in at
  // every frame (issue 12); they move with the picture instead, by the same transform.
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
  await nextFrames(page);
  await countOverlayDrawings(page);
  const transforms = () => page.evaluate(() => {
    const root = document.querySelector('hairline-designer').shadowRoot;
    return { canvas: root.getElementById('canvas').style.transform, overlay: root.getElementById('overlay').style.transform };
  });
  const cdp = await context.newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
  const [cx, cy] = await page.evaluate(() => window.hairline.toScreen([110, 120]));
  const glabella = await page.evaluate(() => window.hairline.toScreen([110, 140]));
  await touch('touchStart', [[cx - 40, cy]]);
  await touch('touchStart', [[cx - 40, cy], [cx + 40, cy]]);
  await twoFrames(page);
  await page.evaluate(() => { window.__overlayDrawings = 0; }); // (one finger down began a stroke, two dropped it)
  for (let k = 1; k <= 8; k += 1) {
    await touch('touchMove', [[cx - 40 - 4 * k, cy - k], [cx + 40 + 4 * k, cy - k]]);
    await twoFrames(page);
  }
  const during = await transforms();
  assert.match(during.canvas, /scale/, 'the picture is moved while the fingers move');
  assert.equal(during.overlay, during.canvas, 'the guides move with it, by the same transform');
  assert.equal(await page.evaluate(() => window.__overlayDrawings), 0, 'the guides were not drawn again while the fingers moved');
  await touch('touchEnd', []);
  await nextFrames(page);
  assert.deepEqual(await transforms(), { canvas: '', overlay: '' }, 'both are painted for the new view');
  assert.equal(await page.evaluate(() => window.__overlayDrawings), 1, 'the guides are drawn once, for the new view');
  const moved = await page.evaluate(() => window.hairline.toScreen([110, 140]));
  assert.ok(Math.hypot(moved[0] - glabella[0], moved[1] - glabella[1]) > 10, 'the pinch moved the view');
  // A pointer still lands where it is shown: a press on a handle after the pinch takes it.
  const handle = await page.evaluate(() => window.hairline.toScreen(window.hairline.handles()[3]));
  const before = await page.evaluate(() => window.hairline.handles()[3]);
  await touch('touchStart', [handle]);
  for (let k = 1; k <= 4; k += 1) await touch('touchMove', [[handle[0], handle[1] + 3 * k]]);
  await touch('touchEnd', []);
  await nextFrames(page);
  const after = await page.evaluate(() => window.hairline.handles());
  assert.ok(after.some((p) => Math.abs(p[0] - before[0]) < 1 && p[1] > before[1] + 1), `the handle under the finger moved down: ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a phone turned during a pinch sizes the picture for its new box, not the pinched one', async () => {
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
  await nextFrames(page);
  const cdp = await context.newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
  const [cx, cy] = await page.evaluate(() => window.hairline.toScreen([110, 120]));
  await touch('touchStart', [[cx - 40, cy]]);
  await touch('touchStart', [[cx - 40, cy], [cx + 40, cy]]);
  for (let k = 1; k <= 8; k += 1) {
    await touch('touchMove', [[cx - 40 - 5 * k, cy], [cx + 40 + 5 * k, cy]]);
    await twoFrames(page);
  }
  await page.setViewportSize({ width: 844, height: 390 });
  await twoFrames(page);
  await touch('touchEnd', []);
  await nextFrames(page);
  const sizes = await page.evaluate(() => {
    const root = document.querySelector('hairline-designer').shadowRoot;
    const [canvas, overlay] = ['canvas', 'overlay'].map((id) => root.getElementById(id));
    return { canvas: [canvas.width, canvas.height], overlay: [overlay.width, overlay.height], box: [overlay.offsetWidth, overlay.offsetHeight] };
  });
  for (const which of ['canvas', 'overlay']) {
    assert.ok(Math.abs(sizes[which][0] - 2 * sizes.box[0]) <= 2 && Math.abs(sizes[which][1] - 2 * sizes.box[1]) <= 2, `${which} ${sizes[which]} for a box of ${sizes.box} CSS px at 2×`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a slow phone a new density is painted over several frames, never half-shown, and lands whole', async () => {
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true });
  const cdp = await context.newCDPSession(page);
  // Close up (large dots are the costly kind), then a slow phone: 6× CPU throttling.
  for (let k = 0; k < 3; k += 1) await page.keyboard.press('+');
  const old = await canvasHash(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
  // Change the density, then read the canvas after each frame until the picture is done.
  const seen = await page.evaluate(async () => {
    const canvas = document.querySelector('hairline-designer').shadowRoot.getElementById('canvas');
    const copy = new OffscreenCanvas(canvas.width, canvas.height);
    const ctx = copy.getContext('2d', { willReadFrequently: true });
    const hash = () => {
      ctx.drawImage(canvas, 0, 0);
      const d = ctx.getImageData(0, 0, copy.width, copy.height).data;
      let h = 2166136261;
      for (let i = 0; i < d.length; i += 7) h = Math.imul(h ^ d[i], 16777619);
      return h >>> 0;
    };
    const design = window.hairline.getDesign();
    window.hairline.setDesign({ ...design, density_per_cm2: design.density_per_cm2 - 25 });
    const hashes = [];
    let done = false;
    window.hairline.settled().then(() => { done = true; });
    for (let f = 0; f < 400 && !done; f += 1) {
      await new Promise((ok) => requestAnimationFrame(ok));
      hashes.push(hash());
    }
    return { hashes, done };
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  const final = await canvasHash(page);
  assert.ok(seen.done, 'the picture was finished');
  assert.notEqual(final, old);
  const kinds = new Set(seen.hashes);
  assert.ok(seen.hashes.length > 1 && kinds.has(old), `painted over ${seen.hashes.length} frames, the old picture shown meanwhile`);
  assert.ok([...kinds].every((h) => h === old || h === final), `every frame shows the old picture or the new one, never part of each (${kinds.size} kinds)`);
  // A second change lands while the first is being painted: settled() waits for the
  // picture of the last one, the same pixels as that design painted afresh.
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
  const last = await page.evaluate(async () => {
    const d = window.hairline.getDesign();
    window.hairline.setDesign({ ...d, density_per_cm2: d.density_per_cm2 + 10 });
    await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
    const next = { ...d, density_per_cm2: d.density_per_cm2 + 20 };
    window.hairline.setDesign(next);
    await window.hairline.settled();
    return next;
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  const settledHash = await canvasHash(page);
  await page.evaluate((d) => { window.hairline.setDesign({ ...d, density_per_cm2: d.density_per_cm2 - 30 }); }, last);
  await canvasHash(page);
  await page.evaluate((d) => { window.hairline.setDesign(d); }, last);
  assert.equal(settledHash, await canvasHash(page), 'settled() resolved on the last design\'s whole picture');
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a slow phone a slider dragged across shows only whole pictures of values it passed', async () => {
  // Each value a drag passes while a picture is painted over frames waits for that picture:
  // laid at once, it re-laid every dot on every frame and the picture under way showed
  // bands of several values (issue 12).
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true });
  const cdp = await context.newCDPSession(page);
  const old = await canvasHash(page);
  await page.locator('#p-density').scrollIntoViewIfNeeded();
  const box = await page.locator('#p-density').boundingBox();
  const y = box.y + box.height / 2;
  await page.evaluate(() => {
    const root = document.querySelector('hairline-designer').shadowRoot;
    window.__values = [];
    root.getElementById('p-density').addEventListener('input', (e) => window.__values.push(Number(e.target.value)));
  });
  await watchPictures(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
  await page.mouse.move(box.x + box.width * 0.5, y);
  await page.mouse.down();
  for (let k = 1; k <= 8; k += 1) {
    await page.mouse.move(box.x + box.width * (0.5 - 0.05 * k), y);
    await twoFrames(page);
  }
  await page.mouse.up();
  await nextFrames(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  const { shown, values } = await page.evaluate(() => { window.__watching = false; return { shown: window.__shown, values: window.__values }; });
  // The whole picture of each value the drag passed, painted afresh.
  const design = await page.evaluate(() => window.hairline.getDesign());
  const pictures = new Set([old]);
  for (const density of new Set(values)) {
    await page.evaluate((d) => window.hairline.setDesign(d), { ...design, density_per_cm2: density });
    pictures.add(await canvasHash(page));
  }
  const kinds = [...new Set(shown)];
  assert.ok(values.length >= 4 && kinds.length >= 2, `the drag passed ${values.length} values and showed ${kinds.length} pictures`);
  const torn = kinds.filter((h) => !pictures.has(h));
  assert.deepEqual(torn, [], `${torn.length} of ${kinds.length} pictures shown were of no one value`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a slider dragged and let go on a slow phone keeps the value it showed: one undo step, kept by a reload', async () => {
  // (The release ends on the drag's last value as it is being laid, not laid again: issue 12.)
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true });
  const cdp = await context.newCDPSession(page);
  const before = await page.evaluate(() => window.hairline.getDesign().density_per_cm2);
  await page.locator('#p-density').scrollIntoViewIfNeeded();
  const box = await page.locator('#p-density').boundingBox();
  const y = box.y + box.height / 2;
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
  await page.mouse.move(box.x + box.width * 0.5, y);
  await page.mouse.down();
  for (let k = 1; k <= 6; k += 1) {
    await page.mouse.move(box.x + box.width * (0.5 + 0.07 * k), y);
    await twoFrames(page);
  }
  await page.mouse.up(); // let go while its last value is still being laid or waits for a frame
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await page.evaluate(() => window.hairline.settled());
  const shown = Number(await page.inputValue('#p-density'));
  const after = await page.evaluate(() => ({ design: window.hairline.getDesign().density_per_cm2, dots: window.hairline.stats().dots }));
  assert.ok(shown > before, `the slider moved: ${before} → ${shown}`);
  assert.equal(after.design, shown, 'the design is the value let go');
  await page.click('#undo');
  await page.evaluate(() => window.hairline.settled());
  assert.equal(await page.evaluate(() => window.hairline.getDesign().density_per_cm2), before, 'one undo step takes the whole drag back');
  await page.click('#redo');
  await page.evaluate(() => window.hairline.settled());
  await page.reload({ waitUntil: 'load' });
  await page.evaluate(() => document.querySelector('hairline-designer').ready);
  assert.equal(await page.evaluate(() => window.hairline.getDesign().density_per_cm2), shown, 'a reload keeps it');
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a slow tablet the dots follow a dragged handle while it moves, not only when it stops', async () => {
  // Each move is laid over frames and its area repainted band by band (issue 12); a move laid
  // while the area before was still being repainted started that area over, so the dots under
  // a handle moved every frame never reached the canvas until the hand rested.
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1180, height: 820 }, deviceScaleFactor: 2, hasTouch: true });
  const cdp = await context.newCDPSession(page);
  const handles = await page.evaluate(() => window.hairline.handles());
  const mid = handles.reduce((best, p) => (Math.abs(p[0] - 110) < Math.abs(best[0] - 110) ? p : best));
  const a = await page.evaluate((p) => window.hairline.toScreen(p), mid);
  const b = await page.evaluate((p) => window.hairline.toScreen([p[0], p[1] + 12]), mid);
  await watchPictures(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
  await page.mouse.move(...a);
  await page.mouse.down();
  const steps = 24;
  for (let k = 1; k <= steps; k += 1) {
    await page.mouse.move(a[0] + ((b[0] - a[0]) * k) / steps, a[1] + ((b[1] - a[1]) * k) / steps);
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(ok)));
  }
  const whileMoving = await page.evaluate(() => new Set(window.__shown).size);
  await page.mouse.up();
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await page.evaluate(() => { window.__watching = false; });
  assert.ok(whileMoving >= 4, `the picture changed ${whileMoving - 1} times during a ${steps}-move drag`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('styles change the edge profile in pixels; sliders re-lay the dots with units shown', async () => {
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1366, height: 1024 } });
  // The line is at y ≈ 65 on the midline; the scalp is above it (smaller y).
  // The front band stays clear of the line: at x = 100–120 the line is at y ≤ 65.7.
  const bands = { behind: [95, 59, 125, 64.5], front: [100, 67, 120, 71] };
  const soft = await canvasDarkness(page, bands);
  await page.click('label.choice:has(input[value="sharp"])');
  await nextFrames(page);
  const sharp = await canvasDarkness(page, bands);
  assert.ok(sharp.behind.darkPixels > soft.behind.darkPixels, `sharp is denser just behind the line: ${JSON.stringify({ soft, sharp })}`);
  assert.ok(sharp.front.darkPixels <= soft.front.darkPixels, 'and has no scatter in front');
  assert.equal(await page.isDisabled('#p-transition'), true, 'transition applies to soft only');
  const dots = (await page.evaluate(() => window.hairline.stats())).dots;
  await page.locator('#p-density').fill('150');
  await nextFrames(page);
  assert.equal((await page.evaluate(() => window.hairline.getDesign())).density_per_cm2, 150);
  assert.equal(await page.textContent('#p-density-out'), '150\u00a0/cm²');
  assert.ok((await page.evaluate(() => window.hairline.stats())).dots > dots * 1.4);
  assert.deepEqual(problems, []);
  await context.close();
});

test('keyboard only: reach a handle with Tab, move it with arrows, undo with Ctrl+Z', async () => {
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1366, height: 1024 } });
  const before = await page.evaluate(() => window.hairline.getDesign());
  let onHandle = false;
  for (let k = 0; k < 10 && !onHandle; k += 1) {
    await page.keyboard.press('Tab');
    onHandle = await page.evaluate(() => document.querySelector('hairline-designer').shadowRoot.activeElement?.classList.contains('handle'));
  }
  assert.ok(onHandle, 'Tab reaches a hairline handle');
  const label = await page.evaluate(() => document.querySelector('hairline-designer').shadowRoot.activeElement.getAttribute('aria-label'));
  assert.match(label, /Hairline handle 1 of \d+/);
  const focusRing = await page.evaluate(() => getComputedStyle(document.querySelector('hairline-designer').shadowRoot.activeElement).outlineStyle);
  assert.notEqual(focusRing, 'none');
  for (let k = 0; k < 4; k += 1) await page.keyboard.press('Shift+ArrowUp');
  const after = await page.evaluate(() => ({ design: window.hairline.getDesign(), handles: window.hairline.handles() }));
  assert.notDeepEqual(after.design.hairline, before.hairline);
  const n = after.handles.length;
  assert.ok(Math.abs(after.handles[0][1] - after.handles[n - 1][1]) < 1e-9, 'the mirrored partner moved with it');
  // Its name follows it (names are made again only for handles that moved).
  const focusedLabel = () => page.evaluate(() => document.querySelector('hairline-designer').shadowRoot.activeElement.getAttribute('aria-label'));
  const movedLabel = await focusedLabel();
  assert.match(movedLabel, /Hairline handle 1 of \d+/);
  assert.notEqual(movedLabel, label, 'the moved handle is named where it is now');
  for (let k = 0; k < 4; k += 1) await page.keyboard.press('Control+z');
  assert.deepEqual(await page.evaluate(() => window.hairline.getDesign()), before);
  await page.waitForFunction((was) => document.querySelector('hairline-designer').shadowRoot.querySelector('.handle').getAttribute('aria-label') === was, label);
  // Sliders and buttons are reachable and operable too.
  await page.focus('#p-dot');
  await page.keyboard.press('ArrowRight');
  assert.equal((await page.evaluate(() => window.hairline.getDesign())).dot_mm, 0.26);
  await page.focus('#reset');
  await page.keyboard.press('Enter');
  assert.deepEqual((await page.evaluate(() => window.hairline.getDesign())).hairline, before.hairline);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a scribble that crosses itself is refused with a message and the design stays', async () => {
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1366, height: 1024 } });
  await page.click('#mirror'); // free drawing, so the scribble is kept as drawn
  const before = await page.evaluate(() => window.hairline.getDesign());
  const loop = [[75, 100], [160, 80], [150, 110], [110, 40], [70, 110], [65, 70]];
  const pts = [];
  for (let k = 0; k < loop.length - 1; k += 1) {
    for (let s = 0; s < 10; s += 1) {
      const t = s / 10;
      pts.push(await screen(page, [loop[k][0] + (loop[k + 1][0] - loop[k][0]) * t, loop[k][1] + (loop[k + 1][1] - loop[k][1]) * t]));
    }
  }
  await page.mouse.move(...pts[0]);
  await page.mouse.down();
  for (const p of pts) await page.mouse.move(...p);
  await page.mouse.up();
  await nextFrames(page);
  assert.deepEqual(await page.evaluate(() => window.hairline.getDesign()), before);
  assert.match(await page.textContent('#message'), /hairline.*crosses itself.*previous line is kept/);
  assert.deepEqual(problems, []);
  await context.close();
});

/** One finger's touches on `page` through CDP: `touch(type, points)`, each point [x, y] in client px. */
async function fingers(context, page) {
  const cdp = await context.newCDPSession(page);
  return (type, points) => cdp.send('Input.dispatchTouchEvent', {
    type, touchPoints: points.map(([x, y], id) => ({ x, y, id, radiusX: 4, radiusY: 4, force: 0.6 })),
  });
}

/** A one-finger stroke through `points` (client px) with `touch` from `fingers`. */
async function swipe(touch, points) {
  await touch('touchStart', [points[0]]);
  for (const p of points.slice(1)) await touch('touchMove', [p]);
  await touch('touchEnd', []);
}

test('phone: a swipe over the face (up the nose, across the mouth) is no hairline: refused, the line kept', async () => {
  // The page scrolls only in the panel, so a client swipes on the picture: each swipe
  // replaced the line, one down the midline labelled "-12.1 cm" above the brows.
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const touch = await fingers(context, page);
  const before = await page.evaluate(() => window.hairline.getDesign());
  for (const [from, to] of [[[108, 215], [108, 95]], [[70, 200], [150, 203]]]) {
    const points = [];
    for (let k = 0; k <= 12; k += 1) points.push(await screen(page, [from[0] + ((to[0] - from[0]) * k) / 12, from[1] + ((to[1] - from[1]) * k) / 12]));
    await swipe(touch, points);
    await nextFrames(page);
    assert.deepEqual(await page.evaluate(() => window.hairline.getDesign()), before, `the swipe from ${from} to ${to}`);
    assert.match(await page.textContent('#message'), /below the brows.*previous line is kept/);
  }
  // A line drawn across the forehead is still taken, low as it is (with its warning); it
  // starts past the temple handles, whose touch targets would take the press on a phone.
  const points = [];
  for (const p of arch(45, 30).filter(([x]) => x > 70 && x < 150)) points.push(await screen(page, p));
  await swipe(touch, points);
  await nextFrames(page);
  const h = midHeight((await page.evaluate(() => window.hairline.getDesign())).hairline);
  assert.ok(Math.abs(h - 45) < 4, `a low line drawn at ${h} mm (${await page.textContent('#message')})`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('phone: a finger on a handle\'s knob moves that handle, not the neighbour whose target lies on top', async () => {
  // The knobs lie 12–19 px apart inside 44 px targets: a press on 4 of 11 knobs moved the next.
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
  const touch = await fingers(context, page);
  const knobs = () => page.evaluate(() => [...document.querySelector('hairline-designer').shadowRoot.querySelectorAll('.handle')]
    .map((b) => { const r = b.getBoundingClientRect(); return [(r.left + r.right) / 2, (r.top + r.bottom) / 2]; }));
  const start = await knobs();
  assert.ok(start.length >= 9, `${start.length} handles`);
  const wrong = [];
  for (let k = 0; k < start.length; k += 1) {
    const [x, y] = start[k];
    await swipe(touch, [0, 1, 2, 3, 4].map((step) => [x, y - 3 * step]));
    await nextFrames(page);
    const moved = await knobs();
    if (!(moved[k][1] < y - 6)) wrong.push(`${k} (from ${start[k].map(Math.round)} to ${moved[k].map(Math.round)})`);
    await page.evaluate(() => window.hairline.undo());
    await nextFrames(page);
  }
  assert.deepEqual(wrong, [], 'handles that did not follow a finger on their own knob');
  assert.deepEqual(problems, []);
  await context.close();
});

test('zoomed in, Tab to a handle outside the picture pans the view to it; the picture stays in its place', async () => {
  // Found by a user pass: the browser scrolled the whole stage to show the focused handle
  // (its overflow was hidden, not clipped): the head, status line and toolbar jumped up or
  // went blank, and only 0 or a reload brought them back. The keyboard had no way to pan.
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1366, height: 1024 } });
  const canvasBox = () => page.evaluate(() => { const r = document.querySelector('hairline-designer').shadowRoot.getElementById('canvas').getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; });
  const at = await canvasBox();
  const mid = await page.evaluate(() => window.hairline.toScreen([110, 75]));
  await page.mouse.move(...mid);
  for (let k = 0; k < 5; k += 1) await page.mouse.wheel(0, -200);
  await settle(page);
  // A handle off the picture whose neighbour before it is on it: Tab goes from one to the next.
  const pick = await page.evaluate(() => {
    const root = document.querySelector('hairline-designer').shadowRoot;
    const box = root.getElementById('stage').getBoundingClientRect();
    const inside = (b) => { const r = b.getBoundingClientRect(); const [x, y] = [(r.left + r.right) / 2, (r.top + r.bottom) / 2]; return x > box.left && x < box.right && y > box.top && y < box.bottom; };
    const buttons = [...root.querySelectorAll('.handle')];
    const i = buttons.findIndex((b, k) => k > 0 && !inside(b) && inside(buttons[k - 1]));
    if (i > 0) buttons[i - 1].focus({ preventScroll: true });
    return i;
  });
  assert.ok(pick > 0, 'zoomed in, a handle lies outside the picture');
  await page.keyboard.press('Tab');
  await settle(page);
  const after = await page.evaluate((i) => {
    const root = document.querySelector('hairline-designer').shadowRoot;
    const stage = root.getElementById('stage');
    const box = stage.getBoundingClientRect();
    const r = root.querySelectorAll('.handle')[i].getBoundingClientRect();
    const [x, y] = [(r.left + r.right) / 2, (r.top + r.bottom) / 2];
    return { focused: root.activeElement === root.querySelectorAll('.handle')[i], scrolled: [stage.scrollLeft, stage.scrollTop, window.scrollX, window.scrollY], inside: x > box.left && x < box.right && y > box.top && y < box.bottom };
  }, pick);
  assert.ok(after.focused, 'Tab reached the handle');
  assert.deepEqual(after.scrolled, [0, 0, 0, 0], 'nothing was scrolled');
  assert.deepEqual(await canvasBox(), at, 'the picture stays where it was');
  assert.ok(after.inside, 'the view panned to show the focused handle');
  assert.deepEqual(problems, []);
  await context.close();
});

test('with the keyboard on a handle, + and - zoom about that handle, which stays where it is', async () => {
  // Found by a user pass: the keys zoomed about the picture's centre, the first handle went
  // off screen, and the arrows then moved a handle no one could see.
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1366, height: 1024 } });
  const where = () => page.evaluate(() => { const r = document.querySelector('hairline-designer').shadowRoot.activeElement.getBoundingClientRect(); return [(r.left + r.right) / 2, (r.top + r.bottom) / 2]; });
  await page.evaluate(() => document.querySelector('hairline-designer').shadowRoot.querySelector('.handle').focus());
  const start = await where();
  for (let k = 0; k < 6; k += 1) await page.keyboard.press('+');
  await settle(page);
  const zoomed = await where();
  assert.ok(Math.hypot(zoomed[0] - start[0], zoomed[1] - start[1]) < 3, `the handle stayed: ${start} → ${zoomed}`);
  assert.ok((await page.evaluate(() => window.hairline.view().pxPerMm / window.hairline.view().fitPxPerMm)) > 3, 'zoomed in');
  for (let k = 0; k < 3; k += 1) await page.keyboard.press('-');
  await settle(page);
  const back = await where();
  assert.ok(Math.hypot(back[0] - start[0], back[1] - start[1]) < 3, `and zoomed out about it: ${start} → ${back}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a stroke under way when the tablet turns keeps what was drawn where it was drawn', async () => {
  // The whole stroke was mapped to mm again through the new view on every move: half a
  // line drawn before the turn landed elsewhere on the head, and the line looped.
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1180, height: 820 } });
  await page.click('#mirror'); // the line as drawn
  const line = arch(95, 40).filter(([x]) => x > 66 && x < 154); // clear of the handles
  const half = Math.floor(line.length / 2);
  await page.mouse.move(...await screen(page, line[0]));
  await page.mouse.down();
  for (const p of line.slice(1, half)) await page.mouse.move(...await screen(page, p));
  await page.setViewportSize({ width: 820, height: 1180 });
  await page.waitForFunction(() => window.hairline.view().pxPerMm > 0);
  await twoFrames(page);
  for (const p of line.slice(half)) await page.mouse.move(...await screen(page, p));
  await page.mouse.up();
  await nextFrames(page);
  const drawn = (await page.evaluate(() => window.hairline.getDesign())).hairline;
  const h = midHeight(drawn);
  assert.ok(h !== null && Math.abs(h - 95) < 3, `mid-frontal point ${h} mm, drawn at 95 (${await page.textContent('#message')})`);
  const xs = drawn.map(([x]) => x);
  assert.ok(Math.min(...xs) < 72 && Math.max(...xs) > 148, `the line spans what was drawn: ${Math.min(...xs)}–${Math.max(...xs)} mm`);
  assert.deepEqual(problems, []);
  await context.close();
});

const layouts = [
  { name: 'layout-1024x768-touch', viewport: { width: 1024, height: 768 }, hasTouch: true, isMobile: true },
  { name: 'layout-1366x1024-touch', viewport: { width: 1366, height: 1024 }, hasTouch: true, isMobile: true },
  { name: 'layout-768x1024-touch', viewport: { width: 768, height: 1024 }, hasTouch: true, isMobile: true },
  { name: 'layout-390x844-phone', viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 },
  { name: 'layout-1920x1080-mouse', viewport: { width: 1920, height: 1080 } },
];

for (const layout of layouts) {
  test(`${layout.name}: the canvas gets most of the screen and the tools are in reach`, async () => {
    const { name, ...options } = layout;
    const { page, context, problems } = await openDesigner(harness, options);
    await nextFrames(page);
    const { width, height } = layout.viewport;
    const canvas = await page.locator('#canvas').boundingBox();
    assert.ok(canvas.width * canvas.height > width * height * 0.45, `canvas ${canvas.width}×${canvas.height} of ${width}×${height}`);
    for (const id of ['#undo', '#redo', '#mirror', '#fit']) {
      const box = await page.locator(id).boundingBox();
      assert.ok(box.y + box.height <= height && box.x >= 0 && box.x + box.width <= width, `${id} on screen: ${JSON.stringify(box)}`);
      assert.ok(box.height >= 44 && box.width >= 44, `${id} is a 44 px target`);
    }
    const handle = await page.locator('.handle').first().boundingBox();
    assert.ok(handle.width >= 44 && handle.height >= 44);
    await page.screenshot({ path: `${ARTIFACTS}${name}.png` });
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('a new line drawn from where the old one ends is drawn, though it begins on a handle: finger on a phone, pen on a tablet', async () => {
  // The stroke grabbed the end handle (its target is about 14 mm wide on a phone), which
  // slid up and down the temple while the finger crossed the forehead: the line was not
  // redrawn and nothing was said. Found trying it as a client would.
  for (const [device, options, pointerType] of [
    ['phone', { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true }, 'touch'],
    ['tablet', { viewport: { width: 1180, height: 820 }, deviceScaleFactor: 2, hasTouch: true }, 'pen'],
  ]) {
    const { page, context, problems } = await openDesigner(harness, options);
    const cdp = await context.newCDPSession(page);
    const before = await page.evaluate(() => ({ design: window.hairline.getDesign(), handles: window.hairline.handles() }));
    const [sx, sy] = before.handles[0];
    // From 2 mm beside the end handle over the forehead to the other temple, its middle
    // 30 mm lower than the old line's.
    const mm = Array.from({ length: 41 }, (_, i) => { const t = i / 40; return [sx + 1 + t * 127, sy - 2 - Math.sin(Math.PI * t) * 62]; });
    const points = [];
    for (const p of mm) points.push(await page.evaluate((q) => window.hairline.toScreen(q), p));
    const onHandle = await page.evaluate(([x, y]) => Boolean(document.querySelector('hairline-designer').shadowRoot.elementFromPoint(x, y)?.closest?.('#handles button, #handles [role="slider"], .handle')), points[0]);
    assert.ok(onHandle, `${device}: the stroke begins on the end handle's target`);
    if (pointerType === 'touch') {
      const touch = (type, list) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: list.map(([x, y]) => ({ x, y, id: 3, radiusX: 10, radiusY: 10, force: 0.5 })) });
      await touch('touchStart', [points[0]]);
      for (const p of points.slice(1)) await touch('touchMove', [p]);
      await touch('touchEnd', []);
    } else {
      const pen = (type, [x, y]) => cdp.send('Input.dispatchMouseEvent', { type, x, y, button: 'left', buttons: type === 'mouseReleased' ? 0 : 1, clickCount: type === 'mouseMoved' ? 0 : 1, pointerType: 'pen', force: 0.5 });
      await pen('mousePressed', points[0]);
      for (const p of points.slice(1)) await pen('mouseMoved', p);
      await pen('mouseReleased', points.at(-1));
    }
    await settle(page);
    const after = await page.evaluate(() => window.hairline.getDesign().hairline);
    const middle = (line) => line.reduce((a, b) => (Math.abs(b[0] - 110) < Math.abs(a[0] - 110) ? b : a));
    const drawnTop = Math.min(...mm.map(([, y]) => y));
    assert.ok(Math.abs(middle(after)[1] - drawnTop) < 4, `${device}: the line's middle is where the stroke went (${middle(after)[1].toFixed(1)} mm, drawn ${drawnTop.toFixed(1)}; it was ${middle(before.design.hairline)[1].toFixed(1)})`);
    assert.equal(await page.evaluate(() => window.hairline.undo()), true);
    assert.deepEqual(await page.evaluate(() => window.hairline.getDesign()), before.design, `${device}: one undo step, the drag left nothing`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('a pen draws while the palm rests on the tablet, however they landed', async () => {
  // The palm's touch landed first and the pen's whole stroke was ignored (palm rejection
  // worked only when the pen came first): the way technicians hold a pen.
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1180, height: 820 }, deviceScaleFactor: 2, hasTouch: true });
  const cdp = await context.newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y]) => ({ x, y, id: 7, radiusX: 12, radiusY: 12, force: 0.5 })) });
  const pen = (type, [x, y]) => cdp.send('Input.dispatchMouseEvent', { type, x, y, button: 'left', buttons: type === 'mouseReleased' ? 0 : 1, clickCount: type === 'mouseMoved' ? 0 : 1, pointerType: 'pen', force: 0.5 });
  const toScreen = (p) => page.evaluate((q) => window.hairline.toScreen(q), p);
  const before = await page.evaluate(() => window.hairline.getDesign().hairline);
  const palm = await toScreen([150, 250]);
  await touch('touchStart', [palm]);
  await touch('touchMove', [[palm[0] + 2, palm[1] + 1]]);
  const line = [];
  for (let i = 0; i <= 40; i += 1) line.push(await toScreen([55 + i * 2.75, 85 - 25 * Math.sin((Math.PI * i) / 40)]));
  await pen('mousePressed', line[0]);
  for (const [k, p] of line.slice(1).entries()) {
    await pen('mouseMoved', p);
    if (k % 8 === 0) await touch('touchMove', [[palm[0] + 2 + k / 4, palm[1] + 1]]); // the palm shifts a little
  }
  await pen('mouseReleased', line.at(-1));
  await touch('touchEnd', []);
  await settle(page);
  const after = await page.evaluate(() => window.hairline.getDesign().hairline);
  assert.notDeepEqual(after, before, "the pen's stroke drew the line");
  const top = Math.min(...after.map(([, y]) => y));
  assert.ok(Math.abs(top - 60) < 4, `the new line peaks where the pen went (${top.toFixed(1)} mm)`);
  assert.equal(await page.evaluate(() => window.hairline.undo()), true);
  assert.deepEqual(await page.evaluate(() => window.hairline.getDesign().hairline), before, 'one undo step, the palm drew nothing');
  // The palm lands on the toolbar mid-stroke: it presses nothing (it switched Compare on).
  const compare = await page.locator('#compare').boundingBox();
  await pen('mousePressed', line[0]);
  for (const [k, p] of line.slice(1).entries()) {
    await pen('mouseMoved', p);
    if (k === 10) {
      await touch('touchStart', [[compare.x + compare.width / 2, compare.y + compare.height / 2]]);
      await touch('touchEnd', []);
    }
  }
  await pen('mouseReleased', line.at(-1));
  await settle(page);
  assert.equal(await page.getAttribute('#compare', 'aria-pressed'), 'false', 'a palm on the toolbar pressed Compare');
  // A finger's tap on Compare afterwards still presses it (the guard is the palm's alone).
  await page.touchscreen.tap(compare.x + compare.width / 2, compare.y + compare.height / 2);
  assert.equal(await page.getAttribute('#compare', 'aria-pressed'), 'true', 'a later tap on Compare');
  await page.touchscreen.tap(compare.x + compare.width / 2, compare.y + compare.height / 2);
  assert.notDeepEqual(await page.evaluate(() => window.hairline.getDesign().hairline), before, 'the pen drew');
  await page.evaluate(() => window.hairline.undo());
  // The barrel button and the eraser end draw nothing (each replaced the line).
  const barrel = (type, [x, y]) => cdp.send('Input.dispatchMouseEvent', { type, x, y, button: 'right', buttons: type === 'mouseReleased' ? 0 : 2, clickCount: type === 'mouseMoved' ? 0 : 1, pointerType: 'pen', force: 0.5 });
  await barrel('mousePressed', line[0]);
  for (const p of line.slice(1)) await barrel('mouseMoved', p);
  await barrel('mouseReleased', line.at(-1));
  await settle(page);
  assert.deepEqual(await page.evaluate(() => window.hairline.getDesign().hairline), before, "the pen's barrel button drew");
  assert.deepEqual(problems, []);
  await context.close();
});

test('a line drawn in density-only style is kept and the page says why nothing shows', async () => {
  // A photo opens in density-only, which draws no hairline: a line drawn then changed
  // nothing on screen and nothing was said.
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1366, height: 1024 } });
  await page.evaluate(() => window.hairline.setDesign({ ...window.hairline.getDesign(), style: 'density-only' }));
  await nextFrames(page);
  const before = (await page.evaluate(() => window.hairline.getDesign())).hairline;
  const points = [];
  for (const p of arch(90, 40)) points.push(await screen(page, p));
  await page.mouse.move(...points[0]);
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(...p);
  await page.mouse.up();
  await nextFrames(page);
  assert.notDeepEqual((await page.evaluate(() => window.hairline.getDesign())).hairline, before, 'the line is kept');
  assert.match(await page.textContent('#message'), /density-only follows the scalp, not a hairline: choose Soft or Sharp/);
  assert.deepEqual(problems, []);
  await context.close();
});
