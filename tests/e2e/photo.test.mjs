// End-to-end: a client's photo in Debian's Chromium, the way a person brings one in: the
// real file input (setInputFiles with a PNG generated here), scale calibration by dragging
// along 10 cm of a ruler in the photo, dots at true size, the contrast figures in plain
// words, and a 50 MP photo that loads without a console error or a frozen page (largest gap
// between animation frames measured). Hostile files (issue 13: cut short, text, 1 × 1,
// 20000 × 50, animated GIF, SVG referring to another site, 61 MP) are refused in plain
// words with the design untouched, no console error, no request and no long task.
// Screenshots in tests/artifacts/.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { startHarness, openDesigner, ARTIFACTS, settle, countOverlayDrawings } from './harness.mjs';
import { crc32, png, scalpPhoto } from './images.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.close(); });

const frames = settle;

/** Loads the scalp photo through the file input, as a person picks it, and waits until it is under the design. */
async function loadScalpPhoto(page) {
  await page.setInputFiles('#photo-file', { name: 'scalp.png', mimeType: 'image/png', buffer: scalpPhoto() });
  await page.waitForFunction(() => document.querySelector('hairline-designer').dataset.photo === 'ready', null, { timeout: 60000 });
}

test("the plan sheet says what the page guessed on a client's photo: the area and the scale", async () => {
  // The screen's hint said the area was guessed and the scale assumed; the sheet the client
  // takes home gave "Treated area 202.2 cm²" and "17,113 impressions" as if measured.
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1180, height: 820 } });
  const sheet = async () => {
    await page.click('#print-plan');
    await page.waitForSelector('#plan-dialog:not([hidden]) img');
    const text = await page.textContent('#plan-body');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#plan-dialog', { state: 'hidden' });
    return text;
  };
  assert.doesNotMatch(await sheet(), /guessed by the page|scale was assumed/, 'the template head has nothing guessed');
  await loadScalpPhoto(page);
  const guessed = await sheet();
  assert.match(guessed, /The treated area was guessed by the page on the photo, not drawn by the technician/);
  assert.match(guessed, /The photo's scale was assumed \(25 cm across\), not measured/);
  // A design with its own scale is calibrated: the sheet no longer says the scale was assumed.
  await page.evaluate(() => { const d = window.hairline.getDesign(); window.hairline.setDesign({ ...d, px_per_mm: d.px_per_mm * 1.25 }); });
  assert.doesNotMatch(await sheet(), /scale was assumed/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a photo through the file input: calibrate on a ruler, dots at true size, contrast in plain words', async () => {
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1366, height: 1024 } });
  await page.setInputFiles('#photo-file', { name: 'scalp.png', mimeType: 'image/png', buffer: scalpPhoto() });
  await page.waitForFunction(() => document.querySelector('hairline-designer').dataset.photo === 'ready' || document.querySelector('hairline-designer').dataset.photo === 'error', null, { timeout: 30000 });
  assert.equal(await page.evaluate(() => document.querySelector('hairline-designer').dataset.photo), 'ready', await page.textContent('#message'));
  assert.ok(await page.isVisible('#photo-hint'), 'an uncalibrated photo shows the hint');
  // The area treated is a guess until one is drawn, and the page says so (a front selfie's
  // face was filled without a word; found by a user pass).
  const hint = () => page.evaluate(() => { const h = document.querySelector('hairline-designer').shadowRoot.getElementById('photo-hint'); return h.hidden ? '' : h.textContent.trim(); });
  assert.match(await hint(), /^These impressions fill a guessed area\. Use “Draw treated area”.* Scale not calibrated/);
  let design = await page.evaluate(() => window.hairline.getDesign());
  assert.equal(design.photo.width_px, 1600);
  assert.equal(design.px_per_mm, 1600 / 250);
  await page.screenshot({ path: `${ARTIFACTS}photo-uncalibrated-1366x1024.png` });
  // On a Spanish page the hint is Spanish (the photo's steps and hints stayed English).
  await page.evaluate(() => { document.documentElement.lang = 'es'; });
  await page.waitForFunction(() => /^Estos puntos rellenan una zona supuesta\..* Escala sin calibrar/.test(document.querySelector('hairline-designer').shadowRoot.getElementById('photo-hint').textContent.trim()));
  await page.evaluate(() => { document.documentElement.lang = 'en'; });
  await page.waitForFunction(() => /^These impressions.* Scale not calibrated/.test(document.querySelector('hairline-designer').shadowRoot.getElementById('photo-hint').textContent.trim()));

  // Calibrate: drag from one tick to the other (tick centres at x = 201.5 and 1001.5 px).
  await page.click('#photo-calibrate');
  const ppm0 = design.px_per_mm;
  const a = await page.evaluate((p) => window.hairline.toScreen(p), [201.5 / ppm0, 1130 / ppm0]);
  const b = await page.evaluate((p) => window.hairline.toScreen(p), [1001.5 / ppm0, 1130 / ppm0]);
  const dragRuler = async () => {
    await page.mouse.move(...a);
    await page.mouse.down();
    for (let k = 1; k <= 20; k += 1) await page.mouse.move(a[0] + ((b[0] - a[0]) * k) / 20, a[1] + ((b[1] - a[1]) * k) / 20);
    await page.mouse.up();
    await frames(page);
  };
  // A slip, 1 mm typed for 100: said in the page's words (it was the engine's "px_per_mm:
  // must be a finite number from 0.5 to 200 px/mm, got 837.7"), nothing changed.
  await page.fill('#photo-known', '1');
  await dragRuler();
  assert.match(await page.textContent('#message'), /^With 1 mm between these two points, the photo would show 800 pixels per mm, more than any photo of a head\. Check the known distance \(1 mm\): 10 cm of a ruler is 100\./);
  assert.equal((await page.evaluate(() => window.hairline.getDesign())).px_per_mm, ppm0);
  await page.fill('#photo-known', '100');
  await dragRuler();
  design = await page.evaluate(() => window.hairline.getDesign());
  assert.ok(Math.abs(design.px_per_mm - 8) < 0.08, `calibrated ${design.px_per_mm} px/mm, expected 8`);
  assert.doesNotMatch(await hint(), /Scale not calibrated/, 'the scale\'s hint goes once calibrated');
  assert.match(await hint(), /^These impressions fill a guessed area/, 'the area is still a guess');
  // Undo and redo bring back the calibration with the design it belongs to.
  const calibrated = design;
  await page.evaluate(() => window.hairline.undo());
  const undone = await page.evaluate(() => window.hairline.getDesign());
  assert.ok(Math.abs(undone.px_per_mm - ppm0) < 1e-9, `undo restores ${ppm0} px/mm, got ${undone.px_per_mm}`);
  // Back on the assumed scale, the page says so again (found by a user-pass helper).
  await page.waitForFunction(() => /Scale not calibrated/.test(document.querySelector('hairline-designer').shadowRoot.getElementById('photo-hint').textContent), null, { timeout: 5000 })
    .catch(() => assert.fail('the warning about the assumed scale is back after undo'));
  await page.evaluate(() => window.hairline.redo());
  assert.deepEqual(await page.evaluate(() => window.hairline.getDesign()), calibrated);
  await page.waitForFunction(() => !/Scale not calibrated/.test(document.querySelector('hairline-designer').shadowRoot.getElementById('photo-hint').textContent), null, { timeout: 5000 });
  await frames(page);

  // True size: on the canvas, the two ticks are 100 mm apart at the scale the dots use.
  const check = await page.evaluate(() => {
    const canvas = document.querySelector('hairline-designer').shadowRoot.getElementById('canvas');
    const copy = document.createElement('canvas');
    [copy.width, copy.height] = [canvas.width, canvas.height];
    const ctx = copy.getContext('2d', { willReadFrequently: true });
    ctx.drawImage(canvas, 0, 0);
    const v = window.hairline.view();
    const y = Math.round(1130 / 8 * v.pxPerMm + v.offsetY);
    const row = ctx.getImageData(0, y, canvas.width, 1).data;
    const dark = [];
    for (let x = 0; x < canvas.width; x += 1) if (row[x * 4] < 80) dark.push(x);
    const runs = [];
    for (const x of dark) { const r = runs[runs.length - 1]; if (r && x - r[1] <= 1) r[1] = x; else runs.push([x, x]); }
    const centres = runs.map(([p, q]) => (p + q) / 2);
    return { centres, pxPer100mm: 100 * v.pxPerMm, dotPx: window.hairline.getDesign().dot_mm * v.pxPerMm };
  });
  assert.equal(check.centres.length, 2, JSON.stringify(check));
  const measured = check.centres[1] - check.centres[0];
  assert.ok(Math.abs(measured - check.pxPer100mm) < 0.02 * check.pxPer100mm, `ruler ${measured} px vs ${check.pxPer100mm} px for 100 mm`);

  // Contrast in plain words.
  await page.waitForFunction(() => !document.querySelector('hairline-designer').shadowRoot.getElementById('contrast-words').hidden, null, { timeout: 10000 });
  const words = await page.textContent('#contrast-words');
  assert.match(words, /Scalp shows \d+\s% less|about as much/, words);
  const figures = await page.textContent('#contrast-figures');
  console.log(`photo: ${words} | ${figures} | ruler ${measured.toFixed(1)} px = 100 mm; a 0.25 mm dot = ${check.dotPx.toFixed(2)} canvas px`);
  const stats = await page.evaluate(() => window.hairline.stats());
  assert.ok(stats.dots > 100, `${stats.dots} dots`);
  assert.ok(await page.textContent('#pigment-advice'), 'pigment advice shown');
  await page.screenshot({ path: `${ARTIFACTS}photo-calibrated-1366x1024.png` });
  // Zoom in on the thinning middle to see single impressions at true size.
  const mid = await page.evaluate(() => window.hairline.toScreen([100, 60]));
  for (let i = 0; i < 8; i += 1) await page.mouse.wheel(0, -300), await page.mouse.move(...mid);
  await frames(page);
  await page.screenshot({ path: `${ARTIFACTS}photo-zoomed-1366x1024.png` });
  // A file that is not an image is refused and changes nothing.
  const before = await page.evaluate(() => window.hairline.getDesign());
  await page.setInputFiles('#photo-file', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  await frames(page);
  assert.match(await page.textContent('#message'), /not an image/);
  assert.deepEqual(await page.evaluate(() => window.hairline.getDesign()), before);
  assert.deepEqual(problems, []);
  await context.close();
});

test('memoryUse tells a kiosk the busiest moment since its last reading: a photo load, then the template again', async () => {
  // The wasm memory never shrinks, so its size alone cannot tell a leak from one busy
  // moment; the peak since the last reading says which moment the size had to make room for.
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1000, height: 800 } });
  const reading = () => page.evaluate(() => window.hairline.memoryUse());
  const before = await reading();
  await loadScalpPhoto(page);
  await page.click('#photo-template');
  await page.evaluate(() => window.hairline.settled());
  const afterPhoto = await reading();
  const MB = 2 ** 20;
  // The 1600 × 1200 photo's pixels alone are 7.3 MB in the engine.
  assert.ok(afterPhoto.wasmPeakBytes - before.wasmInUseBytes > 7 * MB, `the photo's load is the peak: ${JSON.stringify(afterPhoto)} after ${JSON.stringify(before)}`);
  assert.ok(afterPhoto.wasmPeakBytes <= afterPhoto.wasmBytes, 'the peak fits in the memory');
  const again = await reading();
  assert.ok(again.wasmPeakBytes < afterPhoto.wasmPeakBytes - 7 * MB, `a new reading starts afresh from what is held now: ${JSON.stringify(again)}`);
  assert.ok(again.wasmPeakBytes >= again.wasmInUseBytes);
  assert.deepEqual(problems, []);
  await context.close();
});

test('over a photo the empty overlay is not drawn again as fingers pinch and pan; it still shows a handle drag', async () => {
  // Each drawing of the overlay, even of nothing, is a whole canvas for the browser to take
  // in: about 8 ms of every frame of a pinch over a photo on a throttled phone (issue 12).
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
  await loadScalpPhoto(page);
  await frames(page);
  await countOverlayDrawings(page);
  const cdp = await context.newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
  const box = await page.locator('#canvas').boundingBox();
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  const view = await page.evaluate(() => window.hairline.toScreen([100, 100]));
  await touch('touchStart', [[cx - 30, cy], [cx + 30, cy]]);
  for (let k = 1; k <= 8; k += 1) await touch('touchMove', [[cx - 30 - 4 * k + 3 * k, cy + 2 * k], [cx + 30 + 4 * k + 3 * k, cy + 2 * k]]);
  await touch('touchEnd', []);
  await frames(page);
  assert.notDeepEqual(await page.evaluate(() => window.hairline.toScreen([100, 100])), view, 'the fingers zoomed and moved the view');
  assert.equal(await page.evaluate(() => window.__overlayDrawings), 0, 'nothing to show over the photo: the overlay was left as it was');
  // With a hairline style, a handle dragged over the photo still shows its curve on the overlay.
  await page.click('label.choice:has(input[value="soft"])');
  await frames(page);
  assert.ok(await page.isVisible('#handles .handle'), 'the hairline has handles');
  const handle = await page.evaluate(() => window.hairline.toScreen(window.hairline.handles()[3]));
  await page.mouse.move(...handle);
  await page.mouse.down();
  await page.mouse.move(handle[0] + 3, handle[1] + 6);
  await frames(page);
  const drawnWhileDragging = await page.evaluate(() => window.__overlayDrawings);
  await page.mouse.up();
  assert.ok(drawnWhileDragging > 0, 'the curve is drawn while a handle moves');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a 50 MP photo loads without a console error or a frozen page', async () => {
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1366, height: 1024 } });
  const [w, h] = [8660, 5774];
  const big = png(w, h, (y, out) => {
    const light = 1 - 0.2 * (y / h);
    for (let x = 0; x < w; x += 1) {
      const hair = x % 97 < 2 && y < h * 0.8;
      out[x * 3] = hair ? 40 : 224 * light; out[x * 3 + 1] = hair ? 32 : 186 * light; out[x * 3 + 2] = hair ? 28 : 158 * light;
    }
  }, 1);
  await page.evaluate(() => {
    window.__gaps = [];
    let last = performance.now();
    const tick = (t) => { window.__gaps.push(t - last); last = t; if (!window.__stop) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  const t0 = Date.now();
  await page.setInputFiles('#photo-file', { name: 'camera-50mp.png', mimeType: 'image/png', buffer: big });
  await page.waitForFunction(() => document.querySelector('hairline-designer').dataset.photo === 'ready' || document.querySelector('hairline-designer').dataset.photo === 'error', null, { timeout: 120000, polling: 100 });
  const seconds = (Date.now() - t0) / 1000;
  const gaps = await page.evaluate(() => { window.__stop = true; return window.__gaps; });
  assert.equal(await page.evaluate(() => document.querySelector('hairline-designer').dataset.photo), 'ready', await page.textContent('#message'));
  const design = await page.evaluate(() => window.hairline.getDesign());
  assert.equal(design.photo.width_px, w);
  const worst = Math.max(...gaps);
  const long = gaps.filter((g) => g > 100).length;
  console.log(`50 MP (${w} × ${h}, PNG ${(big.length / 1e6).toFixed(1)} MB): ready in ${seconds.toFixed(1)} s; ${gaps.length} frames, largest gap ${worst.toFixed(0)} ms, ${long} gaps over 100 ms`);
  await page.screenshot({ path: `${ARTIFACTS}photo-50mp-1366x1024.png` });
  assert.ok(worst < 1500, `the page froze for ${worst} ms`);
  assert.deepEqual(problems, []);
  await context.close();
});

/**
 * A GIF of `width` × `height` px with one frame per colour of `frames` ([r, g, b] each),
 * looping: an animation (refused: a photo is one still picture). The LZW data is written uncompressed (8-bit codes, a clear code
 * every 100 pixels, so the code width never grows).
 */
function animatedGif(width, height, frames) {
  const bytes = [...Buffer.from('GIF89a')];
  const u16 = (v) => [v & 255, v >> 8];
  bytes.push(...u16(width), ...u16(height), 0x80 | 0x70 | 6, 0, 0); // 128-colour global table
  const table = new Array(128 * 3).fill(0);
  frames.forEach((rgb, i) => table.splice(i * 3, 3, ...rgb));
  bytes.push(...table);
  bytes.push(0x21, 0xff, 11, ...Buffer.from('NETSCAPE2.0'), 3, 1, 0, 0, 0); // loop forever
  frames.forEach((_, i) => {
    bytes.push(0x21, 0xf9, 4, 0, 50, 0, 0, 0); // half a second a frame
    bytes.push(0x2c, 0, 0, 0, 0, ...u16(width), ...u16(height), 0);
    const codes = [];
    for (let p = 0; p < width * height; p += 1) {
      if (p % 100 === 0) codes.push(128); // clear
      codes.push(i);
    }
    codes.push(129); // end of information
    bytes.push(7);
    for (let k = 0; k < codes.length; k += 255) {
      const block = codes.slice(k, k + 255);
      bytes.push(block.length, ...block);
    }
    bytes.push(0);
  });
  bytes.push(0x3b);
  return Buffer.from(bytes);
}

/**
 * Watches the page's main thread: every task over 50 ms from now on (Long Tasks API).
 * Returns `read()` → `{ longest, tasks }`.
 */
async function watchTasks(page) {
  const from = await page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__long.push({ start: e.startTime, duration: e.duration }); })
      .observe({ type: 'longtask', buffered: true });
    return performance.now();
  });
  return {
    read: () => page.evaluate((t0) => {
      const tasks = window.__long.filter((e) => e.start >= t0 - 1);
      return { longest: Math.max(0, ...tasks.map((e) => e.duration)), tasks };
    }, from),
  };
}

test('hostile photos are refused in plain words before they are decoded; the design stays as it was', async (t) => {
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1366, height: 1024 } });
  // A real JPEG from the browser's own encoder, to cut short.
  const jpeg = Buffer.from(await page.evaluate(() => {
    const c = document.createElement('canvas');
    [c.width, c.height] = [800, 600];
    const ctx = c.getContext('2d');
    const g = ctx.createLinearGradient(0, 0, 800, 600);
    g.addColorStop(0, '#e2bca0');
    g.addColorStop(1, '#5a3c2a');
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, 800, 600);
    for (let i = 0; i < 400; i += 1) { ctx.fillStyle = i % 2 ? '#201814' : '#c49a80'; ctx.fillRect((i * 37) % 800, (i * 53) % 600, 3, 40); }
    return c.toDataURL('image/jpeg', 0.92).split(',')[1];
  }), 'base64');
  const skin = (y, out) => { for (let x = 0; x < out.length; x += 3) { out[x] = 226; out[x + 1] = 188; out[x + 2] = 160; } };
  const pngPhoto = png(600, 400, skin);
  // 61 MP of black: a real, whole PNG (its rows compress to almost nothing).
  const [bw, bh] = [10000, 6100];
  const huge = (() => {
    const whole = png(1, 1, skin);
    const ihdr = whole.subarray(8, 33);
    const fresh = Buffer.from(ihdr);
    fresh.writeUInt32BE(bw, 8);
    fresh.writeUInt32BE(bh, 12);
    fresh.writeUInt32BE(crc32(fresh.subarray(4, 21)), 21);
    const idat = deflateSync(Buffer.alloc((bw * 3 + 1) * bh), { level: 1 });
    const len = Buffer.alloc(4);
    len.writeUInt32BE(idat.length);
    const td = Buffer.concat([Buffer.from('IDAT'), idat]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([whole.subarray(0, 8), fresh, len, td, crc, whole.subarray(whole.length - 12)]);
  })();
  const svg = Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="800" height="600"><image href="https://example.com/tracker.png" xlink:href="https://example.com/tracker.png" width="800" height="600"/><rect width="800" height="600" fill="url(https://example.com/p.svg#g)"/></svg>');
  const cases = [
    { what: 'a JPEG cut short', file: { name: 'scalp.jpg', mimeType: 'image/jpeg', buffer: jpeg.subarray(0, Math.floor(jpeg.length * 0.6)) }, says: /“scalp\.jpg” is incomplete: the file ends before the picture does/ },
    { what: 'a PNG cut short', file: { name: 'scalp.png', mimeType: 'image/png', buffer: pngPhoto.subarray(0, Math.floor(pngPhoto.length * 0.6)) }, says: /“scalp\.png” is incomplete/ },
    { what: 'text named .jpg', file: { name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('Client notes: crown thinning, Fitzpatrick II.\n'.repeat(50)) }, says: /“notes\.jpg” is not an image \(it holds text\)/ },
    { what: 'random bytes named .jpg', file: { name: 'noise.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919 + 13) % 251)) }, says: /“noise\.jpg” could not be opened: it is not a photo this browser can read, or it is damaged/ },
    { what: 'a 1 × 1 PNG', file: { name: 'dot.png', mimeType: 'image/png', buffer: png(1, 1, skin) }, says: /too small \(1 px wide\)/ },
    { what: 'a 20000 × 50 PNG', file: { name: 'strip.png', mimeType: 'image/png', buffer: png(20000, 50, skin, 1) }, says: /too long and narrow \(20000 × 50 px\)/ },
    { what: 'an SVG referring to another site', file: { name: 'head.svg', mimeType: 'image/svg+xml', buffer: svg }, says: /“head\.svg” is a drawing \(SVG\), not a photo/ },
    { what: 'an SVG named .jpg', file: { name: 'head.jpg', mimeType: 'image/jpeg', buffer: svg }, says: /“head\.jpg” is a drawing \(SVG\), not a photo/ },
    { what: 'an animated GIF', file: { name: 'turn.gif', mimeType: 'image/gif', buffer: animatedGif(500, 400, [[200, 40, 40], [40, 40, 200]]) }, says: /“turn\.gif” is an animation \(2 frames\), not a photo/ },
    { what: 'a 61 MP PNG', file: { name: 'huge.png', mimeType: 'image/png', buffer: huge }, says: /61\.0 MP \(10000 × 6100 px\); at most 60 MP are accepted/ },
  ];
  const before = await page.evaluate(() => window.hairline.getDesign());
  const failures = []; // every case is tried; all that fail are named at the end
  for (const c of cases) {
    try {
      const watch = await watchTasks(page);
      const t0 = Date.now();
      await page.evaluate(() => { document.querySelector('hairline-designer').shadowRoot.getElementById('message').textContent = ''; });
      await page.setInputFiles('#photo-file', c.file);
      await page.waitForFunction(() => document.querySelector('hairline-designer').shadowRoot.getElementById('message').textContent !== '', null, { timeout: 15000 });
      const said = await page.textContent('#message');
      const { longest, tasks } = await watch.read();
      t.diagnostic(`${c.what}: “${said}” after ${Date.now() - t0} ms; longest main-thread task ${longest.toFixed(0)} ms`);
      assert.match(said, c.says);
      assert.match(said, /Your current design is kept\.$/);
      assert.ok(said.length <= 220, `a short message (${said.length} characters)`);
      assert.equal(await page.evaluate(() => document.querySelector('hairline-designer').dataset.photo), 'error');
      assert.deepEqual(await page.evaluate(() => window.hairline.getDesign()), before, 'the design is untouched');
      assert.ok(longest <= 250, `a main-thread task took ${longest} ms: ${JSON.stringify(tasks)}`);
    } catch (error) {
      failures.push(`${c.what}: ${error.message.split('\n')[0]}`);
      if (await page.evaluate(() => window.hairline.getDesign().photo !== undefined)) await page.click('#photo-template'); // loaded after all: back for the next case
    }
  }
  assert.deepEqual(failures, []);
  // The checks refuse only what they should: the whole JPEG and a still GIF open as photos.
  for (const file of [
    { name: 'whole.jpg', mimeType: 'image/jpeg', buffer: jpeg },
    { name: 'still.gif', mimeType: 'image/gif', buffer: animatedGif(500, 400, [[200, 40, 40]]) },
  ]) {
    await page.evaluate(() => { delete document.querySelector('hairline-designer').dataset.photo; });
    await page.setInputFiles('#photo-file', file);
    await page.waitForFunction(() => ['ready', 'error'].includes(document.querySelector('hairline-designer').dataset.photo), null, { timeout: 30000 });
    assert.equal(await page.evaluate(() => document.querySelector('hairline-designer').dataset.photo), 'ready', `${file.name}: ${await page.textContent('#message')}`);
  }
  assert.deepEqual(problems, [], `problems (a request to another origin would be here): ${JSON.stringify(problems)}`);
  await context.close();
});

test('undo never lays a template design over a photo, nor a photo design over the template; back on it, its own design', async () => {
  // Undo after loading a photo kept the photo and put the template's scalp and line over
  // it (and back on the template, undo brought the photo's design over the template head).
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1366, height: 1024 } });
  await page.evaluate(() => window.hairline.setDesign({ ...window.hairline.getDesign(), density_per_cm2: 95 }));
  await loadScalpPhoto(page);
  const onPhoto = await page.evaluate(() => window.hairline.getDesign());
  assert.equal(await page.evaluate(() => window.hairline.undo()), false, 'nothing to undo into from a new photo');
  assert.deepEqual(await page.evaluate(() => window.hairline.getDesign()), onPhoto);
  assert.equal(await page.isDisabled('#undo'), true);
  // An edit on the photo is undone as usual.
  await page.evaluate(() => window.hairline.setDesign({ ...window.hairline.getDesign(), density_per_cm2: 70 }));
  assert.equal(await page.evaluate(() => window.hairline.undo()), true);
  assert.deepEqual(await page.evaluate(() => window.hairline.getDesign()), onPhoto);
  // Back to the template head: undo does not bring the photo's design over it.
  await page.click('#photo-template');
  await page.waitForFunction(() => document.querySelector('hairline-designer').dataset.photo !== 'ready');
  const template = await page.evaluate(() => window.hairline.getDesign());
  assert.equal(template.photo, undefined);
  // It is the template design from before the photo (the default came back: a technician's
  // line gone with nothing to undo), with the measured guides shown again.
  assert.equal(template.density_per_cm2, 95, 'the design the template head had');
  assert.equal(await page.isChecked('#guides'), true, 'the guides are back');
  assert.equal(await page.evaluate(() => window.hairline.undo()), false);
  assert.deepEqual(await page.evaluate(() => window.hairline.getDesign()), template);
  assert.deepEqual(problems, []);
  await context.close();
});

test('"Pick hair colour" on a lock of dark hair keeps it dark hair on fair skin, and the figures follow the pick', async () => {
  // Found by an exploratory pass: a tap on dense dark hair took the mean of the strands and
  // the skin between them, which the classifier read as the skin: the advice turned to
  // "blond hair on Fitzpatrick VI", and the status line kept the impressions from before.
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1180, height: 820 } });
  await loadScalpPhoto(page);
  await page.evaluate(() => window.hairline.settled());
  const advice = () => page.textContent('#pigment-advice');
  assert.match(await advice(), /(black|dark brown) hair on Fitzpatrick II/);
  await page.click('#photo-eyedropper');
  const at = await page.evaluate(() => window.hairline.toScreen([100 / 6.4, 500 / 6.4])); // the dense strands at the left
  await page.mouse.click(at[0], at[1]);
  await page.waitForFunction(() => document.querySelector('hairline-designer').shadowRoot.getElementById('photo-eyedropper').getAttribute('aria-pressed') === 'false');
  await page.evaluate(() => window.hairline.settled());
  await page.waitForTimeout(600); // the advice follows the analysis after a short pause
  assert.match(await advice(), /(black|dark brown) hair on Fitzpatrick (I|II|III) skin/);
  assert.notEqual(await page.inputValue('#hair-colour'), 'blond');
  const dots = await page.evaluate(() => window.hairline.stats().dots);
  assert.match(await page.textContent('#status'), new RegExp(`^${dots.toLocaleString('en')} impressions`), 'the status line has the impressions shown');
  // On the thinning hair, where a fingertip's disc is more skin than strands, the pick is
  // still the strands (it took the skin: the larger part of the disc).
  for (const x of [700, 800, 900, 1000]) {
    await page.click('#photo-eyedropper');
    const spot = await page.evaluate((p) => window.hairline.toScreen(p), [x / 6.4, 500 / 6.4]);
    await page.mouse.click(spot[0], spot[1]);
    await page.waitForFunction(() => document.querySelector('hairline-designer').shadowRoot.getElementById('photo-eyedropper').getAttribute('aria-pressed') === 'false');
    await page.evaluate(() => window.hairline.settled());
    await page.waitForTimeout(600);
    assert.match(await advice(), /(black|dark brown) hair on Fitzpatrick (I|II|III) skin/, `a pick on the thinning hair at x = ${x} px`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('"Back to the template head" asks first when there is work on the photo to lose', async () => {
  // Found by an exploratory pass: one tap beside the photo tools dropped the photo's
  // calibration and treated area, with nothing to undo.
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
  await loadScalpPhoto(page);
  await page.evaluate(() => window.hairline.setDesign({ ...window.hairline.getDesign(), density_per_cm2: 60 }));
  await page.tap('#photo-template');
  assert.equal(await page.evaluate(() => document.querySelector('hairline-designer').dataset.photo), 'ready', 'the photo stays after one tap');
  assert.equal(await page.textContent('#photo-template'), 'Your work on this photo goes: tap again');
  await page.tap('#photo-template');
  await page.waitForFunction(() => !document.querySelector('hairline-designer').dataset.photo);
  assert.equal(await page.textContent('#photo-template'), 'Back to the template head');
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a tablet held upright the fitted photo is clear of the toolbar and the status line: its bottom edge can be touched', async () => {
  // The toolbar covered the photo's bottom 70 px, where a ruler is held: a calibration drag
  // along it pressed Undo, and the next stroke was taken as the calibration.
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 820, height: 1180 }, hasTouch: true });
  await loadScalpPhoto(page);
  await settle(page);
  const boxes = await page.evaluate(() => {
    const el = document.querySelector('hairline-designer');
    const design = el.getDesign();
    const mm = [1600 / design.px_per_mm, 1200 / design.px_per_mm]; // the photo's size
    const [x0, y0] = el.toScreen([0, 0]);
    const [x1, y1] = el.toScreen(mm);
    const box = (sel) => { const r = el.shadowRoot.querySelector(sel).getBoundingClientRect(); return { top: r.top, bottom: r.bottom }; };
    return { photo: { left: x0, top: y0, right: x1, bottom: y1 }, tools: box('.tools'), status: box('#status') };
  });
  const at = JSON.stringify(boxes);
  assert.ok(boxes.photo.bottom <= boxes.tools.top, `the photo ends above the toolbar: ${at}`);
  assert.ok(boxes.photo.top >= boxes.status.bottom, `and starts below the status line: ${at}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a reload in the middle of a client's photo says so, and the same photo loaded again brings its design back", async () => {
  // A reload (or a tablet's browser reloading a tab left in the background) gave the
  // template's design back with nothing said: the photo, its calibration, treated area and
  // line were gone.
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1366, height: 1024 } });
  await loadScalpPhoto(page);
  await page.evaluate(() => window.hairline.setDesign({ ...window.hairline.getDesign(), density_per_cm2: 65, px_per_mm: 7 }));
  const worked = await page.evaluate(() => window.hairline.getDesign());
  await page.fill('#c-reference', 'JD-RELOAD');
  await page.fill('#c-notes', 'soft temples');
  await page.waitForTimeout(300); // (the photo's SHA-256 comes back asynchronously)
  await page.reload();
  await page.evaluate(() => window.hairline.ready);
  assert.match(await page.textContent('#message'), /not kept across the reload.*Load the same photo again/);
  // The consultation's typed words come back too (they were lost).
  assert.deepEqual([await page.inputValue('#c-reference'), await page.inputValue('#c-notes')], ['JD-RELOAD', 'soft temples']);
  // Another photo first, and a second reload: the work waits for its own photo.
  await page.setInputFiles('#photo-file', { name: 'other.png', mimeType: 'image/png', buffer: png(640, 480, (y, out) => out.fill(150 + (y % 5))) });
  await page.waitForFunction(() => document.querySelector('hairline-designer').dataset.photo === 'ready', null, { timeout: 60000 });
  await page.waitForTimeout(300);
  await page.reload();
  await page.evaluate(() => window.hairline.ready);
  await loadScalpPhoto(page);
  await page.waitForFunction(() => window.hairline.getDesign().density_per_cm2 === 65);
  assert.deepEqual(await page.evaluate(() => window.hairline.getDesign()), worked);
  assert.match(await page.textContent('#message'), /Restored your work on this photo/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("on a phone, Calibrate scale says what to do over the picture and a finger's drag under that notice calibrates", async () => {
  // A user pass: the notice over the picture still spoke of the guessed area, the tool's
  // instruction was in the panel a scroll away, and the notice lay over the ruler: a drag
  // along it landed on the notice and did nothing, with no word.
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
  const cdp = await context.newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y]) => ({ x, y, id: 1, radiusX: 4, radiusY: 4, force: 0.5 })) });
  await loadScalpPhoto(page);
  await page.tap('#photo-calibrate');
  await page.evaluate(() => window.scrollTo(0, 0));
  assert.match(await page.textContent('#message'), /^Drag along something of known length/);
  const px = (await page.evaluate(() => window.hairline.getDesign())).px_per_mm;
  // A drag along the notice, over the photo under it (where the helper's ruler lay), from
  // one end of the notice to the other: the photo's px it spans over 100 mm is the scale.
  const box = await page.locator('#message').boundingBox();
  const a = [box.x + 8, box.y + box.height / 2];
  const b = [box.x + box.width - 8, box.y + box.height / 2];
  const under = await page.evaluate(([x, y]) => document.querySelector('hairline-designer').shadowRoot.elementsFromPoint(x, y).map((e) => e.id), a);
  assert.ok(under.includes('canvas'), `the notice lies over the photo here (${under.join(', ')})`);
  const [ma, mb] = await page.evaluate(([p, q]) => [window.hairline.toDesign(p), window.hairline.toDesign(q)], [a, b]);
  const expected = (Math.hypot(mb[0] - ma[0], mb[1] - ma[1]) * px) / 100;
  await touch('touchStart', [a]);
  for (let k = 1; k <= 20; k += 1) await touch('touchMove', [[a[0] + ((b[0] - a[0]) * k) / 20, a[1] + ((b[1] - a[1]) * k) / 20]]);
  await touch('touchEnd', []);
  await page.waitForFunction((e) => Math.abs(window.hairline.getDesign().px_per_mm - e) < 0.05 * e, expected, { timeout: 10000 });
  assert.doesNotMatch(await page.textContent('#message'), /^Drag along/, 'the tip goes with the tool');
  assert.deepEqual(problems, []);
  await context.close();
});

test("a dim photo's skin type is said to be uncertain until the technician chooses it", async () => {
  // A user pass: the same fair skin read Fitzpatrick I as exposed, IV at 70 % of its light
  // and VI at 50 %, with a darker shade advised each time, and nothing said the photo was
  // too dark to judge.
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1366, height: 1024 } });
  const hint = () => page.textContent('#photo-hint');
  await loadScalpPhoto(page);
  await page.waitForFunction(() => !document.querySelector('hairline-designer').shadowRoot.getElementById('photo-hint').hidden);
  assert.doesNotMatch(await hint(), /looks dim/, 'a photo exposed for its scene');
  // The same kind of scene at 55 % of its light: skin, hair, and a ruler at most grey.
  await page.setInputFiles('#photo-file', { name: 'dim.png', mimeType: 'image/png', buffer: png(1200, 900, (y, out) => { for (let i = 0; i < out.length; i += 3) { const ruler = y > 800 && y < 850; out.set(ruler ? [140, 140, 140] : (i / 3) % 7 === 0 ? [22, 16, 12] : [130, 116, 108], i); } }) });
  await page.waitForFunction(() => document.querySelector('hairline-designer').dataset.photo === 'ready', null, { timeout: 60000 });
  await page.waitForFunction(() => /looks dim/.test(document.querySelector('hairline-designer').shadowRoot.getElementById('photo-hint').textContent), null, { timeout: 10000 });
  // Chosen by the technician: said no more.
  await page.selectOption('#skin-type', '2');
  await page.waitForFunction(() => !/looks dim/.test(document.querySelector('hairline-designer').shadowRoot.getElementById('photo-hint').textContent));
  assert.deepEqual(problems, []);
  await context.close();
});

test("a design file or share link opened over a client's photo sets the photo's work aside: the same photo loaded again brings it back", async () => {
  // Found by a user pass: a technician's calibrated, edited photo went with no question
  // and no undo when a design file, a share link or a consultation was opened over it
  // ("Back to the template head" asks first), and loading the photo again began anew.
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1366, height: 1024 } });
  const template = await page.evaluate(() => window.hairline.getDesign());
  const link = await page.evaluate(() => window.hairline.shareLink());
  for (const how of ['design file', 'share link']) {
    await loadScalpPhoto(page);
    const density = how === 'design file' ? 65 : 72;
    await page.evaluate((d) => window.hairline.setDesign({ ...window.hairline.getDesign(), density_per_cm2: d, px_per_mm: 7 }), density);
    const worked = await page.evaluate(() => window.hairline.getDesign());
    await page.waitForTimeout(300); // (the photo's SHA-256 comes back asynchronously)
    if (how === 'design file') {
      await page.setInputFiles('#open-design', { name: 'other.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(template)) });
    } else {
      await page.evaluate((hash) => { window.location.hash = hash; }, link.slice(link.indexOf('#')));
    }
    await page.waitForFunction(() => !document.querySelector('hairline-designer').dataset.photo);
    assert.match(await page.textContent('#message'), /is opened on the template head\. Your work on the photo is kept in this tab: load the same photo again/, how);
    assert.equal((await page.evaluate(() => window.hairline.getDesign())).density_per_cm2, template.density_per_cm2);
    await loadScalpPhoto(page);
    await page.waitForFunction((d) => window.hairline.getDesign().density_per_cm2 === d, density);
    assert.deepEqual(await page.evaluate(() => window.hairline.getDesign()), worked, `${how}: the photo's work is back`);
    assert.equal(await page.textContent('#message'), 'Restored your work on this photo.');
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('a treated area drawn on a photo: its hair is classified off the page’s thread, the dots follow it, and a phone keeps moving', async () => {
  // Drawing a treated area on a photo classified the photo's hair in the new area on the
  // page's thread: one task of 100–130 ms here, 300–500 ms on a phone at 4× CPU for a 12 MP
  // photo (issue 13 allows 100). The engine worker classifies it now and the designer takes
  // its analysis. On a 4× throttled page the drawing's longest task stays under 120 ms.
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1366, height: 1024 } });
  const cdp = await context.newCDPSession(page);
  await loadScalpPhoto(page);
  await settle(page);
  const before = await page.evaluate(() => window.hairline.getDesign());
  await page.click('#photo-region');
  assert.equal(await page.getAttribute('#photo-region', 'aria-pressed'), 'true');
  // A loop around a smaller area in the middle of the first one, drawn with the mouse.
  const [cx, cy] = before.scalp.reduce(([x, y], p) => [x + p[0] / before.scalp.length, y + p[1] / before.scalp.length], [0, 0]);
  const loop = Array.from({ length: 25 }, (_, k) => [cx + 18 * Math.cos((k / 24) * 2 * Math.PI), cy + 12 * Math.sin((k / 24) * 2 * Math.PI)]);
  const points = await page.evaluate((mm) => mm.map((p) => window.hairline.toScreen(p)), loop);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.evaluate(() => {
    window.__tasks = [];
    window.__taskObserver = new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__tasks.push(e.duration); });
    window.__taskObserver.observe({ type: 'longtask' });
  });
  await page.mouse.move(...points[0]);
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(...p, { steps: 2 });
  await page.mouse.up();
  await page.waitForFunction((old) => JSON.stringify(window.hairline.getDesign().scalp) !== old, JSON.stringify(before.scalp), { timeout: 30000 });
  await page.waitForTimeout(500);
  const longest = await page.evaluate(() => { window.__taskObserver.disconnect(); return Math.max(0, ...window.__tasks); });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await settle(page);
  const after = await page.evaluate(() => ({ design: window.hairline.getDesign(), dots: window.hairline.stats().dots, progress: document.querySelector('hairline-designer').shadowRoot.getElementById('photo-progress').hidden }));
  // The new area is the loop drawn (within its 18 × 12 mm), density-only, with dots in it.
  const xs = after.design.scalp.map((p) => p[0]);
  assert.ok(Math.min(...xs) > cx - 20 && Math.max(...xs) < cx + 20, `the treated area is the loop drawn: ${JSON.stringify(after.design.scalp.slice(0, 4))}`);
  assert.equal(after.design.style, 'density-only');
  assert.ok(after.dots > 0, 'dots in the new area');
  assert.equal(after.progress, true, 'the bar is put away');
  assert.equal(await page.getAttribute('#photo-region', 'aria-pressed'), 'false');
  // (Before: 209 ms for this 1600 × 1200 photo; after: 0–58 ms in runs here.)
  assert.ok(longest <= 120, `the longest main-thread task at 4× CPU was ${longest.toFixed(0)} ms`);
  const guessed = () => page.evaluate(() => /guessed area/.test(document.querySelector('hairline-designer').shadowRoot.getElementById('photo-hint').textContent));
  assert.equal(await guessed(), false, 'a drawn area is no guess: the hint about it goes');
  // Undo brings the first area back, and with it the hint that it is a guess.
  await page.keyboard.press('Control+z');
  assert.deepEqual((await page.evaluate(() => window.hairline.getDesign())).scalp, before.scalp);
  await page.waitForFunction(() => /guessed area/.test(document.querySelector('hairline-designer').shadowRoot.getElementById('photo-hint').textContent), null, { timeout: 5000 });
  assert.deepEqual(problems, [], `problems: ${JSON.stringify(problems)}`);
  await context.close();
});
