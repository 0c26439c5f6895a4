// End-to-end: the concrete reliability bugs of issue 13, each as a person or a host page
// meets it. A circular or self-containing design is refused with a sentence and the engine
// keeps working; every way of panning (middle button, the Move tool, Space + drag) moves the
// view with no uncaught error; an undo is saved like any other edit.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, openDesigner } from './harness.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.close(); });

test('a design that contains itself is refused in plain words and the engine keeps working', async () => {
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1280, height: 800 } });
  const result = await page.evaluate(() => {
    const before = JSON.stringify(window.hairline.getDesign());
    const tryIt = (make) => {
      const d = window.hairline.getDesign();
      make(d);
      try { window.hairline.setDesign(d); return null; } catch (e) { return e.message; }
    };
    const self = tryIt((d) => { d.self = d; });
    const line = tryIt((d) => { d.hairline.push(d.hairline); });
    const deep = tryIt((d) => { let x = []; for (let i = 0; i < 100000; i += 1) x = [x]; d.hairline = x; });
    const unchanged = JSON.stringify(window.hairline.getDesign()) === before;
    // Still working: a good edit goes through.
    const d = window.hairline.getDesign();
    window.hairline.setDesign({ ...d, density_per_cm2: 80 });
    return { self, line, deep, unchanged, density: window.hairline.getDesign().density_per_cm2 };
  });
  for (const key of ['self', 'line', 'deep']) {
    assert.match(result[key] ?? '', /contains itself|nested/, `${key}: ${result[key]}`);
    assert.ok(result[key].length < 200, `${key}: ${result[key].length} characters`);
  }
  assert.ok(result.unchanged, 'the design is untouched');
  assert.equal(result.density, 80);
  assert.equal(await page.locator('.crash').count(), 0, 'no crash dialog');
  assert.deepEqual(problems, []);
  await context.close();
});

test('an overlong line is refused at once, and a valid 2,000-point zigzag line is laid without freezing the page', async () => {
  // Found by a hostile-input pass: a 100,000-point line was copied and walked for 216–406 ms
  // before its refusal, and a 2,000-point zigzag (a valid design: 16 m of line) held the
  // page 614–711 ms while its handles were fitted to 16,000 samples.
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1280, height: 800 } });
  const result = await page.evaluate(async () => {
    const tasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) tasks.push(e.duration); }).observe({ type: 'longtask' });
    const base = window.hairline.getDesign();
    const long = { ...base, hairline: Array.from({ length: 100000 }, (_, i) => [42 + 136 * i / 99999, 60]) };
    const t0 = performance.now();
    let said = null;
    try { window.hairline.setDesign(long); } catch (error) { said = error.message; }
    const refusedMs = performance.now() - t0;
    const kept = JSON.stringify(window.hairline.getDesign()) === JSON.stringify(base);
    await new Promise((ok) => setTimeout(ok, 300));
    tasks.length = 0;
    const zigzag = Array.from({ length: 2000 }, (_, i) => [Math.round((42 + 136 * i / 1999) * 100) / 100, 60 + (i % 2) * 8]);
    window.hairline.setDesign({ ...base, hairline: zigzag });
    await new Promise((ok) => setTimeout(ok, 1500));
    return { said, refusedMs, kept, laid: window.hairline.getDesign().hairline.length, longest: Math.max(0, ...tasks), dots: window.hairline.stats().dots };
  });
  assert.match(result.said ?? '', /hairline: it holds a list of 100000 items; its lists hold at most 10000/);
  assert.ok(result.refusedMs < 100, `refused in ${result.refusedMs.toFixed(0)} ms`);
  assert.ok(result.kept, 'the design is untouched');
  assert.equal(result.laid, 2000, 'the zigzag line is the design');
  assert.ok(result.dots > 1000, `dots laid: ${result.dots}`);
  assert.ok(result.longest < 400, `the longest main-thread task laying it: ${result.longest.toFixed(0)} ms`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('panning with the middle button, the Move tool and Space + drag moves the view with no error', async () => {
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1280, height: 800 } });
  const box = await page.locator('#stage').boundingBox();
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const offset = () => page.evaluate(() => { const v = window.hairline.view(); return [v.offsetX, v.offsetY]; });
  const drag = async (button = 'left') => {
    await page.mouse.move(cx, cy);
    await page.mouse.down({ button });
    await page.mouse.move(cx + 40, cy + 25, { steps: 5 });
    await page.mouse.up({ button });
  };
  const moved = async (how, fn) => {
    const before = await offset();
    await fn();
    const after = await offset();
    assert.ok(after[0] > before[0] && after[1] > before[1], `${how}: ${before} → ${after}`);
  };
  await moved('middle button', () => drag('middle'));
  await moved('Move tool', async () => { await page.click('#move'); await drag(); await page.click('#move'); });
  await moved('Space + drag', async () => {
    // Space on a focused button presses it (as it should): a person first clicks away.
    await page.evaluate(() => document.querySelector('hairline-designer').shadowRoot.activeElement?.blur());
    await page.mouse.move(cx, cy);
    await page.keyboard.down('Space');
    await drag();
    await page.keyboard.up('Space');
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('an undo is saved on this device like any edit: reload shows the undone state', async () => {
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1280, height: 800 } });
  const original = (await page.evaluate(() => window.hairline.getDesign())).density_per_cm2;
  await page.focus('#p-density');
  await page.keyboard.press('ArrowRight'); // a keyboard step fires input and change: one edit
  const changed = (await page.evaluate(() => window.hairline.getDesign())).density_per_cm2;
  assert.notEqual(changed, original);
  await page.click('#undo');
  assert.equal((await page.evaluate(() => window.hairline.getDesign())).density_per_cm2, original);
  await page.reload({ waitUntil: 'load' });
  await page.evaluate(() => window.hairline.ready);
  assert.equal((await page.evaluate(() => window.hairline.getDesign())).density_per_cm2, original, 'the undone value came back');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a full undo history holds little memory: 150 edits grow the JS heap by under 0.15 MB', async () => {
  // A phone keeps the page for a whole consultation. The history keeps 100 steps; as object
  // copies they held ~10 KB of heap each for a 2 KB design (+1.0 MB), as whole texts ~4 KB
  // (+0.34–0.43 MB), as fields shared between steps +0.12–0.17 MB for the whole run. With the
  // warm-up below: whole texts +0.30 MB, shared fields +0.05 MB.
  const { page, context, problems } = await openDesigner(harness);
  const cdp = await context.newCDPSession(page);
  const heapMB = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize / 1e6;
  };
  const edit = (count) => page.evaluate(async (n) => {
    for (let i = 0; i < n; i += 1) {
      const design = window.hairline.getDesign();
      design.density_per_cm2 = 60 + (i % 40);
      window.hairline.setDesign(design);
      await new Promise((ok) => setTimeout(ok, 10));
    }
  }, count);
  // Warm up on a full history first, so the reading counts what the history holds rather than
  // the code V8 compiles and optimises for the edit path on its first hundred runs (a fresh
  // CI machine read 0.26 MB with a 5-edit warm-up). Then undo to the start and edit once,
  // which drops the steps ahead: the history holds two steps, and the next 150 edits fill it.
  await edit(150);
  await page.evaluate(() => { for (let i = 0; i < 120; i += 1) window.hairline.undo(); });
  await edit(1);
  const start = await heapMB();
  await edit(150);
  const grown = (await heapMB()) - start;
  assert.ok(grown < 0.15, `the JS heap grew by ${grown.toFixed(2)} MB over 150 edits`);
  assert.equal(await page.evaluate(() => { window.hairline.undo(); return window.hairline.getDesign().density_per_cm2; }), 60 + (148 % 40));
  assert.deepEqual(problems, []);
  await context.close();
});

test('the page is served with the host policy and works under it: no violation, no foreign request', async () => {
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1280, height: 800 } });
  const violations = [];
  await page.exposeFunction('reportViolation', (v) => violations.push(v));
  await page.evaluate(() => document.addEventListener('securitypolicyviolation', (e) => window.reportViolation(`${e.violatedDirective} ${e.blockedURI}`)));
  // (The engine worker starts once the page is up, for the preset pictures: a reload while
  // its script loads would abort that request, which is no failure of the page.)
  await page.waitForLoadState('networkidle');
  const response = await page.reload({ waitUntil: 'load' });
  await page.evaluate(() => window.hairline.ready);
  const headers = response.headers();
  for (const directive of ["script-src 'self' 'wasm-unsafe-eval'", "object-src 'none'", "base-uri 'none'", "form-action 'none'", 'frame-ancestors']) {
    assert.ok(headers['content-security-policy'].includes(directive), directive);
  }
  assert.equal(headers['x-content-type-options'], 'nosniff');
  assert.equal(headers['referrer-policy'], 'no-referrer');
  // Work under it: an edit, a zoom, the timeline; then no violation was reported.
  await page.evaluate(() => window.hairline.setDesign({ ...window.hairline.getDesign(), density_per_cm2: 70 }));
  await page.keyboard.press('+');
  await page.evaluate(() => window.hairline.setStage({ age: 'fresh' }));
  await page.evaluate(() => document.addEventListener('securitypolicyviolation', (e) => window.reportViolation(`${e.violatedDirective} ${e.blockedURI}`)));
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  assert.deepEqual(violations, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('full or blocked storage: one message, the design stays on screen and editing goes on', async () => {
  const context = await harness.browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => {
    Storage.prototype.setItem = function setItem() { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
  });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  await page.goto(harness.url + '/', { waitUntil: 'load' });
  await page.evaluate(() => window.hairline.ready);
  await page.evaluate(() => window.hairline.setDesign({ ...window.hairline.getDesign(), density_per_cm2: 70 }));
  assert.match(await page.textContent('#message'), /storage is full or blocked: your design stays on screen/);
  await page.evaluate(() => window.hairline.setDesign({ ...window.hairline.getDesign(), density_per_cm2: 75 }));
  assert.equal((await page.evaluate(() => window.hairline.getDesign())).density_per_cm2, 75);
  assert.deepEqual(problems, []);
  await context.close();
});
