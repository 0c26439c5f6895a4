// End-to-end: the before/after compare as a client and a technician use it. The divider with
// the mouse, a finger and the keys reveals before on one side and after on the other (read
// back from what the screen shows: the "before" is revealed by clipping), Swap and F flip
// the sides, a double-click snaps it to the middle, and side by side shows both halves with
// the same view. The picture itself never changes the design.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, openDesigner, ARTIFACTS, settle } from './harness.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.close(); });

const nextFrames = settle;

/**
 * Mean luma (0–255) of what the screen shows over two crown patches either side of the
 * midline (design mm), read from a screenshot decoded in the page.
 */
async function crownSides(page) {
  await nextFrames(page);
  const png = await page.screenshot();
  const boxes = await page.evaluate(() => ({
    left: [window.hairline.toScreen([84, 34]), window.hairline.toScreen([100, 46])],
    right: [window.hairline.toScreen([120, 34]), window.hairline.toScreen([136, 46])],
  }));
  return page.evaluate(async ({ data, boxes }) => {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const c = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = c.getContext('2d', { willReadFrequently: true });
    ctx.drawImage(bitmap, 0, 0);
    const scale = bitmap.width / window.innerWidth;
    const mean = ([[x0, y0], [x1, y1]]) => {
      const d = ctx.getImageData(Math.round(x0 * scale), Math.round(y0 * scale), Math.round((x1 - x0) * scale), Math.round((y1 - y0) * scale)).data;
      let sum = 0;
      for (let i = 0; i < d.length; i += 4) sum += 0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2];
      return sum / (d.length / 4);
    };
    return { left: mean(boxes.left), right: mean(boxes.right) };
  }, { data: png.toString('base64'), boxes });
}

test('the divider with the mouse and the keys reveals before on one side and after on the other', async () => {
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1400, height: 900 } });
  await page.click('label:has(#guides)');
  const design = await page.evaluate(() => window.hairline.getDesign());
  const plain = await crownSides(page);
  await page.click('#compare');
  const divider = page.locator('#compare-divider');
  assert.equal(await divider.getAttribute('aria-valuetext'), '50 % after');
  // The divider sits on the midline: before (bare skin, lighter) left, after (pigment) right.
  const split = await crownSides(page);
  assert.ok(split.left > plain.left + 2, `left side shows before: ${split.left.toFixed(1)} vs after ${plain.left.toFixed(1)}`);
  assert.ok(Math.abs(split.right - plain.right) < 1, `right side still after: ${split.right.toFixed(1)} vs ${plain.right.toFixed(1)}`);
  await page.locator('#stage').screenshot({ path: `${ARTIFACTS}compare-divider.png` });
  // Drag the divider to the right edge with the mouse: before everywhere over the crown.
  const box = await divider.boundingBox();
  const stage = await page.locator('#stage').boundingBox();
  await page.mouse.move(box.x + box.width / 2, stage.y + stage.height / 2);
  await page.mouse.down();
  await page.mouse.move(stage.x + stage.width * 0.95, stage.y + stage.height / 2, { steps: 8 });
  await page.mouse.up();
  assert.equal(await divider.getAttribute('aria-valuetext'), '5 % after');
  const allBefore = await crownSides(page);
  assert.ok(allBefore.right > plain.right + 2, `right side now before: ${allBefore.right.toFixed(1)} vs ${plain.right.toFixed(1)}`);
  // Keys: End shows all after, Home all before, arrows ±1 %, Shift ±10 %; double-click snaps to 50.
  await divider.focus();
  await page.keyboard.press('End');
  assert.equal(await divider.getAttribute('aria-valuetext'), '100 % after');
  const allAfter = await crownSides(page);
  assert.ok(Math.abs(allAfter.left - plain.left) < 1 && Math.abs(allAfter.right - plain.right) < 1, 'End: after everywhere');
  await page.keyboard.press('Home');
  assert.equal(await divider.getAttribute('aria-valuetext'), '0 % after');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await divider.getAttribute('aria-valuetext'), '1 % after', 'moving the divider left shows more after');
  await page.keyboard.press('Shift+ArrowLeft');
  assert.equal(await divider.getAttribute('aria-valuetext'), '11 % after');
  await page.keyboard.press('ArrowUp');
  assert.equal(await divider.getAttribute('aria-valuenow'), '12');
  await divider.dblclick();
  assert.equal(await divider.getAttribute('aria-valuetext'), '50 % after');
  // F swaps the sides: after on the left now.
  await page.keyboard.press('f');
  const swapped = await crownSides(page);
  assert.ok(swapped.right > plain.right + 2 && Math.abs(swapped.left - plain.left) < 1, `swapped: ${JSON.stringify(swapped)}`);
  assert.match(await page.textContent('#compare-label-left'), /After session 3/);
  await page.click('#compare-flip');
  assert.match(await page.textContent('#compare-label-left'), /Before treatment/);
  assert.deepEqual(await page.evaluate(() => window.hairline.getDesign()), design, 'comparing never edits the design');
  assert.deepEqual(problems, []);
  await context.close();
});

/** How far (CSS px) the farthest hairline handle button's centre is from its point on the picture. */
const handleMisplacement = (page) => page.evaluate(() => {
  const root = document.querySelector('hairline-designer').shadowRoot;
  const buttons = [...root.querySelectorAll('#handles .handle')];
  return Math.max(...window.hairline.handles().map((p, i) => {
    const box = buttons[i].getBoundingClientRect();
    const [x, y] = window.hairline.toScreen(p);
    return Math.hypot(box.left + box.width / 2 - x, box.top + box.height / 2 - y);
  }));
});

test('a finger drags the divider; the compare shows another stage; side by side keeps one view', async () => {
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1366, height: 1024 }, hasTouch: true, isMobile: true });
  await page.click('label:has(#guides)');
  await page.click('#compare');
  const cdp = await context.newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', {
    type, touchPoints: points.map(([x, y], id) => ({ x, y, id, radiusX: 4, radiusY: 4, force: 0.6 })),
  });
  const divider = page.locator('#compare-divider');
  const box = await divider.boundingBox();
  const stage = await page.locator('#stage').boundingBox();
  const y = stage.y + stage.height / 2;
  await touch('touchStart', [[box.x + box.width / 2, y]]);
  for (let i = 1; i <= 6; i += 1) await touch('touchMove', [[box.x + box.width / 2 - i * (stage.width * 0.05), y]]);
  await touch('touchEnd', []);
  const value = Number(await divider.getAttribute('aria-valuenow'));
  assert.ok(value > 75 && value < 85, `a finger moved the divider left to ${value} % after`);
  const design = await page.evaluate(() => window.hairline.getDesign());
  assert.deepEqual(design.hairline.length > 0, true);
  // After session 1 against after session 3: the left crown (session 1) is lighter than the right.
  await divider.dblclick();
  await page.selectOption('#compare-before', '1/healed');
  const s1 = await crownSides(page);
  assert.ok(s1.left > s1.right + 1, `session 1 (left) lighter than session 3 (right): ${JSON.stringify(s1)}`);
  assert.match(await page.textContent('#compare-label-left'), /After session 1, healed/);
  // Side by side: both panes, same scale; a zoom in one is a zoom in both.
  await page.click('.compare-bar label:has-text("Side by side")');
  await nextFrames(page);
  const [a, b] = await Promise.all([page.locator('#canvas').boundingBox(), page.locator('#canvas-before').boundingBox()]);
  assert.ok(Math.abs(a.width - b.width) < 1 && b.x + b.width <= a.x + 1, `two panes side by side: ${JSON.stringify({ a, b })}`);
  // The hairline's handles stay on the after picture when it moves to one side, and when
  // flipped to the other (same size: the view keeps where the canvas sits until the
  // compare's layout changes, issue 12).
  assert.ok(await handleMisplacement(page) < 1.5, `handles on the line, side by side: ${await handleMisplacement(page)} px off`);
  await page.click('#compare-flip');
  await nextFrames(page);
  assert.ok(await handleMisplacement(page) < 1.5, `handles on the line, flipped: ${await handleMisplacement(page)} px off`);
  await page.click('#compare-flip');
  await nextFrames(page);
  await page.keyboard.press('+');
  await nextFrames(page);
  const sizes = await page.evaluate(() => [document.querySelector('hairline-designer').shadowRoot.getElementById('canvas').width, document.querySelector('hairline-designer').shadowRoot.getElementById('canvas-before').width]);
  assert.equal(sizes[0], sizes[1]);
  await page.locator('#stage').screenshot({ path: `${ARTIFACTS}compare-side-by-side.png` });
  // Closed and opened again, the compare starts as the slider.
  await page.click('#compare');
  await page.click('#compare');
  await nextFrames(page);
  assert.ok(await page.isVisible('#compare-divider'), 'the compare opens again as the slider');
  assert.ok(await handleMisplacement(page) < 1.5, `handles on the line, slider again: ${await handleMisplacement(page)} px off`);
  await page.click('.compare-bar label:has-text("Side by side")');
  await nextFrames(page);
  assert.deepEqual(await page.evaluate(() => window.hairline.getDesign()), design);
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a stage wider than the largest canvas, the "before" picture is as wide as the stage', async () => {
  // 2,800 CSS px at 3 device px each is past the 8,192 px a canvas may have: the backing
  // store is capped, the stage is not.
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 3200, height: 500 }, deviceScaleFactor: 3 });
  await page.click('#compare');
  await nextFrames(page);
  const widths = await page.evaluate(() => {
    const root = document.querySelector('hairline-designer').shadowRoot;
    return { stage: root.getElementById('stage').getBoundingClientRect().width, before: root.getElementById('canvas-before').getBoundingClientRect().width, backing: root.getElementById('canvas').width };
  });
  assert.ok(widths.backing === 8192 && widths.stage * 3 > 8192, `the canvas is capped: ${JSON.stringify(widths)}`);
  assert.ok(Math.abs(widths.before - widths.stage) < 1, `before ${widths.before} px wide on a ${widths.stage} px stage`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('lowering the sessions planned while comparing: the list and label name what the "before" side shows', async () => {
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 820, height: 1180 }, hasTouch: true });
  await page.click('#compare');
  await page.selectOption('#compare-before', '3/healed');
  await page.selectOption('#t-sessions', '1');
  await settle(page);
  const shown = await page.evaluate(() => {
    const root = document.querySelector('hairline-designer').shadowRoot;
    const select = root.getElementById('compare-before');
    return { value: select.value, option: select.selectedOptions[0]?.textContent ?? '', left: root.getElementById('compare-label-left').textContent };
  });
  // Both sides now show session 1 healed: the label says so (found by an exploratory pass).
  assert.deepEqual(shown, { value: '1/healed', option: 'After session 1, healed', left: 'After session 1, healed: the same as the other side' }, JSON.stringify(shown));
  assert.deepEqual(problems, []);
  await context.close();
});

// (568 × 320, a small phone held sideways, found by the tenth pass: the grip sat under the
// box, and a finger on it dragged nothing.)
for (const [name, viewport] of [['upright', { width: 390, height: 844 }], ['sideways', { width: 844, height: 390 }], ['sideways, a small one,', { width: 568, height: 320 }]]) {
  test(`on a phone held ${name} the compare box is one row over the chin, not three over the face`, async () => {
    // Found by exploratory passes: its three rows took 41 % of the picture's height upright
    // and covered the lower face (divider) or most of both heads (side by side); sideways
    // they hid the divider's grip and all but a fifth of the head.
    const { page, context, problems } = await openDesigner(harness, { viewport, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
    await page.tap('#compare');
    await page.waitForSelector('#compare-bar:not([hidden])');
    await settle(page);
    const grip = await page.locator('.compare-divider .grip').boundingBox();
    let bar = await page.locator('#compare-bar').boundingBox();
    const overlap = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    assert.ok(!overlap(grip, bar), `the divider's grip is clear of the box (${JSON.stringify([grip, bar])})`);
    await page.tap('label:has(input[name="compare-mode"][value="side"])');
    await settle(page);
    bar = await page.locator('#compare-bar').boundingBox();
    const tools = await page.locator('.tools').boundingBox();
    await page.screenshot({ path: `${ARTIFACTS}compare-phone-${viewport.width}x${viewport.height}.png` });
    assert.ok(bar.height <= 56, `one row: ${bar.height.toFixed(0)} px tall`);
    assert.ok(bar.y + bar.height <= tools.y + 1, `above the toolbar (${JSON.stringify([bar, tools])})`);
    assert.ok(bar.width <= viewport.width, `inside the phone: ${bar.width.toFixed(0)} px wide`);
    for (const part of ['#compare-before', '#compare-flip', 'label:has(input[name="compare-mode"][value="side"])']) {
      const box = await page.locator(part).boundingBox();
      assert.ok(box.height >= 44, `${part} is a 44 px target: ${box.height.toFixed(0)} px`);
    }
    assert.ok(await page.evaluate(() => document.querySelector('hairline-designer').shadowRoot.getElementById('compare-before').labels[0].textContent.includes('Compare with')), 'still labelled for screen readers');
    await page.tap('#compare-flip');
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("on a tablet either way up the compare's labels leave the status line readable", async () => {
  // With the status in the corner beside the head, "Before treatment" sat on it and hid the
  // stage its figures are for.
  for (const viewport of [{ width: 1180, height: 820 }, { width: 820, height: 1180 }]) {
    const { page, context, problems } = await openDesigner(harness, { viewport, hasTouch: true });
    await page.tap('#compare');
    await page.waitForSelector('#compare-label-left:not([hidden])');
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    const [status, left, right] = await page.evaluate(() => ['status', 'compare-label-left', 'compare-label-right'].map((id) => {
      const r = document.querySelector('hairline-designer').shadowRoot.getElementById(id).getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    }));
    const apart = (a, b) => a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
    assert.ok(apart(status, left) && apart(status, right), `${viewport.width}×${viewport.height}: status ${JSON.stringify(status)}, labels ${JSON.stringify([left, right])}`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('turning compare on or off paints only the "before" picture: the live one on screen is already the design', async () => {
  // Both were painted whole in one frame (a 50 ms task on a tablet at 1×, 271 ms at 4× CPU
  // throttling); the live picture had not changed. Counted at the canvas: the
  // engine puts its pixels with putImageData.
  // (The "before" is painted off screen and drawn on its canvas with the live picture it
  // matches: a drawImage of a canvas onto #canvas-before counts as its painting.)
  const beforeLoad = (context) => context.addInitScript(() => {
    window.__puts = new Map();
    const count = (id) => window.__puts.set(id, (window.__puts.get(id) ?? 0) + 1);
    const put = CanvasRenderingContext2D.prototype.putImageData;
    CanvasRenderingContext2D.prototype.putImageData = function counted(...args) {
      count(this.canvas.id || 'other');
      return put.apply(this, args);
    };
    const draw = CanvasRenderingContext2D.prototype.drawImage;
    CanvasRenderingContext2D.prototype.drawImage = function counted(image, ...rest) {
      if (this.canvas.id === 'canvas-before' && image instanceof HTMLCanvasElement && !image.id) count('canvas-before');
      return draw.call(this, image, ...rest);
    };
  });
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1400, height: 900 }, beforeLoad });
  await nextFrames(page);
  const puts = () => page.evaluate(() => Object.fromEntries(window.__puts));
  const liveBefore = (await puts()).canvas ?? 0;
  assert.ok(liveBefore > 0, 'the live picture was put on #canvas');
  const plain = await crownSides(page);
  await page.click('#compare');
  const split = await crownSides(page);
  assert.ok(split.left > plain.left + 2 && Math.abs(split.right - plain.right) < 1, `before on the left, after on the right: ${JSON.stringify({ plain, split })}`);
  await page.click('#compare');
  const off = await crownSides(page);
  assert.ok(Math.abs(off.left - plain.left) < 1 && Math.abs(off.right - plain.right) < 1, `compare off shows the design again: ${JSON.stringify({ plain, off })}`);
  const counts = await puts();
  assert.equal(counts.canvas ?? 0, liveBefore, `the live canvas was painted again: ${JSON.stringify(counts)}`);
  assert.ok((counts['canvas-before'] ?? 0) > 0, `the "before" was painted: ${JSON.stringify(counts)}`);
  // A change of the design while comparing paints both, and the live one shows it.
  await page.click('#compare');
  await page.evaluate(() => window.hairline.setDesign({ ...window.hairline.getDesign(), density_per_cm2: 40 }));
  await nextFrames(page);
  assert.ok(((await puts()).canvas ?? 0) > liveBefore, 'a new design while comparing is painted on the live canvas');
  assert.deepEqual(problems, []);
  await context.close();
});

test('comparing at a close-up, an edit paints both pictures over several frames and shows them together', async () => {
  // Both were painted whole in the edit's frame: 100–230 ms tasks on a photo at a close-up
  // (issue 13's soak, compare on). Now each goes in parts, the page's frames running on, and
  // the "before" goes on its canvas in the frame the live one does, so the two match.
  const beforeLoad = (context) => context.addInitScript(() => {
    window.__frame = 0;
    const tick = () => { window.__frame += 1; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    window.__shown = [];
    const put = CanvasRenderingContext2D.prototype.putImageData;
    CanvasRenderingContext2D.prototype.putImageData = function noted(...args) {
      if (this.canvas.id) window.__shown.push([this.canvas.id, window.__frame]);
      return put.apply(this, args);
    };
    const draw = CanvasRenderingContext2D.prototype.drawImage;
    CanvasRenderingContext2D.prototype.drawImage = function noted(image, ...rest) {
      if (this.canvas.id === 'canvas-before') window.__shown.push(['canvas-before', window.__frame]);
      return draw.call(this, image, ...rest);
    };
  });
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1400, height: 900 }, beforeLoad });
  const handles = await page.evaluate(() => window.hairline.handles());
  const middle = handles[Math.floor(handles.length / 2)];
  const [x, y] = await page.evaluate((p) => window.hairline.toScreen(p), [middle[0], middle[1] - 20]);
  await page.mouse.move(x, y);
  for (let i = 0; i < 14; i += 1) {
    await page.mouse.wheel(0, -120);
    await page.waitForTimeout(20);
  }
  await page.click('#compare');
  await page.evaluate(() => window.hairline.setStage({ session: 1, age: 'fresh' }));
  await nextFrames(page);
  assert.ok((await page.evaluate(() => window.hairline.view().pxPerMm)) > 20, 'zoomed in to a close-up');
  const edited = await page.evaluate(() => {
    window.__shown = [];
    window.hairline.setDesign({ ...window.hairline.getDesign(), density_per_cm2: 95 });
    return window.__frame;
  });
  await nextFrames(page);
  const shown = await page.evaluate(() => window.__shown);
  const live = shown.filter(([id]) => id === 'canvas').map(([, f]) => f);
  const before = shown.filter(([id]) => id === 'canvas-before').map(([, f]) => f);
  assert.ok(live.length > 0 && before.length > 0, `both pictures were painted: ${JSON.stringify(shown)}`);
  assert.equal(before.at(-1), live.at(-1), `the "before" came with the live picture: ${JSON.stringify(shown)}`);
  assert.ok(live[0] > edited + 1, `the pictures were painted over frames after the edit's (edit in frame ${edited}): ${JSON.stringify(shown)}`);
  assert.deepEqual(problems, []);
  await context.close();
});
