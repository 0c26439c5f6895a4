// End-to-end: the real page in Debian's Chromium, as a client on a laptop and a technician
// on a touch tablet would open it. Reads pixels back from the canvas; any console error,
// failed request or request to another origin fails the test.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, openDesigner, canvasDarkness, ARTIFACTS, settle } from './harness.mjs';
import { scalpPhoto } from './images.mjs';
import { readFileSync } from 'node:fs';
import init, { limits } from '../../www/pkg/hairline.js';
import { POSTER_FILE } from '../../www/ui/poster.js';

await init({ module_or_path: readFileSync(new URL('../../www/pkg/hairline_bg.wasm', import.meta.url)) });
/** The template's frame, mm, that the designer fits to its stage (and the poster shows). */
const FRAME_MM = limits().template.frame_mm;

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.close(); });

// Regions of the template head in design mm (frame 220 × 300, midline x = 110).
const REGIONS = {
  crown: [85, 32, 135, 48],          // scalp well behind the default hairline (y ≈ 65 at the midline)
  forehead: [90, 88, 130, 118],      // bare forehead, in front of the line and its scatter
  templeScalp: [36, 70, 48, 90],     // the side of the head behind the line
};

async function assertDotsOnScalpOnly(page) {
  const dark = await canvasDarkness(page, REGIONS);
  assert.ok(dark.crown.darkPixels > dark.crown.pixels * 0.01, `crown shows dots: ${JSON.stringify(dark.crown)}`);
  assert.ok(dark.templeScalp.darkPixels > 0, `side scalp shows dots: ${JSON.stringify(dark.templeScalp)}`);
  assert.equal(dark.forehead.darkPixels, 0, `no dots on the forehead: ${JSON.stringify(dark.forehead)}`);
}

const layouts = [
  { name: 'desktop-1920x1080-mouse', viewport: { width: 1920, height: 1080 } },
  { name: 'tablet-1024x768-touch', viewport: { width: 1024, height: 768 }, hasTouch: true, isMobile: true },
  { name: 'tablet-768x1024-touch', viewport: { width: 768, height: 1024 }, hasTouch: true, isMobile: true },
];

for (const layout of layouts) {
  test(`${layout.name}: the engine paints dots behind the hairline and none on the forehead`, async () => {
    const { name, ...options } = layout;
    const { page, context, problems } = await openDesigner(harness, options);
    const stats = await page.evaluate(() => window.hairline.stats());
    assert.ok(stats.dots > 3000, `dots: ${stats.dots}`);
    assert.ok(stats.area_cm2 > 50 && stats.area_cm2 < 200, `area ${stats.area_cm2}`);
    assert.ok(Math.abs(stats.density_per_cm2 - stats.dots / stats.area_cm2) < 1e-6);
    const status = await page.textContent('#status');
    assert.match(status, /impressions .*\scm² treated .*\s\/cm²/);
    await assertDotsOnScalpOnly(page);
    // The whole head is on screen: canvas fills the stage and the stage is visible.
    const box = await page.locator('#canvas').boundingBox();
    assert.ok(box.width > 300 && box.height > 300, `canvas ${box.width}×${box.height}`);
    await page.screenshot({ path: `${ARTIFACTS}${name}.png` });
    assert.deepEqual(problems, []);
    await context.close();
  });
}

// Issue 12 (first dots after navigation): the frame that first puts the design's picture on
// the canvas shows it alone and `firstPicture` resolves at its end; the guides and handles
// follow on the next frame, and `ready` waits for them.
test('on a phone the first picture comes a frame before its guides, and ready waits for both', async () => {
  const { page, context, problems } = await openDesigner(harness, {
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true,
    async beforeLoad(ctx) {
      await ctx.addInitScript(() => {
        window.__shown = {};
        const look = (when) => {
          const root = document.querySelector('hairline-designer').shadowRoot;
          const inked = (id) => {
            const c = root.getElementById(id);
            // (Read through a copy: reading the page's canvases twice warns in the console.)
            const copy = new OffscreenCanvas(c.width, c.height).getContext('2d', { willReadFrequently: true });
            copy.drawImage(c, 0, 0);
            const d = copy.getImageData(0, 0, c.width, c.height).data;
            let n = 0;
            for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n += 1;
            return n / (c.width * c.height);
          };
          window.__shown[when] = { at: performance.now(), picture: inked('canvas'), guides: inked('overlay') };
        };
        customElements.whenDefined('hairline-designer').then(() => {
          const el = document.querySelector('hairline-designer');
          el.firstPicture.then(() => look('first'));
          el.ready.then(() => look('ready'));
        });
      });
    },
  });
  const { first, ready } = await page.evaluate(() => window.__shown);
  assert.ok(first && ready, 'firstPicture and ready both resolved');
  assert.ok(first.at <= ready.at, `firstPicture at ${first.at} ms, ready at ${ready.at} ms`);
  assert.ok(first.picture > 0.99, `the picture covers the canvas at firstPicture: ${first.picture}`);
  assert.equal(first.guides, 0, 'no guides yet at firstPicture');
  assert.ok(ready.guides > 0.001, `the guides are drawn at ready: ${ready.guides}`);
  assert.deepEqual(problems, []);
  await context.close();
});

/**
 * The poster against the engine's picture on the canvas, in 4 mm cells of the template's
 * frame: the largest difference of a cell's mean luminance (0–255), and the mean.
 */
const posterAgainstCanvas = (page) => page.evaluate(async ({ file, frame: [frameW, frameH] }) => {
  const root = document.querySelector('hairline-designer').shadowRoot;
  const canvas = root.getElementById('canvas');
  const { pxPerMm, offsetX, offsetY } = window.hairline.view();
  const [w, h] = [canvas.width, canvas.height];
  const engine = new OffscreenCanvas(w, h).getContext('2d', { willReadFrequently: true });
  engine.drawImage(canvas, 0, 0);
  const poster = new OffscreenCanvas(w, h).getContext('2d', { willReadFrequently: true });
  const [r, g, b] = engine.getImageData(1, 1, 1, 1).data; // the stage's wash, under the poster's transparent corners
  poster.fillStyle = `rgb(${r} ${g} ${b})`;
  poster.fillRect(0, 0, w, h);
  const image = await createImageBitmap(await (await fetch(file)).blob());
  poster.imageSmoothingQuality = 'high';
  poster.drawImage(image, offsetX, offsetY, frameW * pxPerMm, frameH * pxPerMm);
  const [a, p] = [engine, poster].map((ctx) => ctx.getImageData(0, 0, w, h).data);
  const cell = 4 * pxPerMm;
  let [largest, sum, cells] = [0, 0, 0];
  for (let y0 = Math.max(0, offsetY); y0 + cell <= Math.min(h, offsetY + frameH * pxPerMm); y0 += cell) {
    for (let x0 = Math.max(0, offsetX); x0 + cell <= Math.min(w, offsetX + frameW * pxPerMm); x0 += cell) {
      let [la, lp, n] = [0, 0, 0];
      for (let y = Math.round(y0); y < Math.round(y0 + cell); y += 1) {
        for (let x = Math.round(x0); x < Math.round(x0 + cell); x += 1) {
          const i = 4 * (y * w + x);
          la += 0.2126 * a[i] + 0.7152 * a[i + 1] + 0.0722 * a[i + 2];
          lp += 0.2126 * p[i] + 0.7152 * p[i + 1] + 0.0722 * p[i + 2];
          n += 1;
        }
      }
      const d = Math.abs(la - lp) / n;
      largest = Math.max(largest, d);
      sum += d;
      cells += 1;
    }
  }
  return { largest, mean: sum / cells, cells };
}, { file: POSTER_FILE, frame: FRAME_MM });

/** A page opened with the engine's wasm held back until `release()` (the harness's checks for problems). */
async function openWithEngineHeld(options, path = '/') {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  const opened = await openDesigner(harness, {
    ...options, path, waitUntilReady: false,
    async beforeLoad(context) {
      await context.route('**/hairline_bg.wasm', async (route) => { await held; await route.continue(); });
      await context.addInitScript(() => {
        customElements.whenDefined('hairline-designer').then(() => {
          window.__poster = Boolean(document.querySelector('hairline-designer').shadowRoot.querySelector('.poster'));
        });
      });
    },
  });
  return { ...opened, release };
}

/** Whether a poster is on screen in the first designer within 5 s (its `firstDots` resolved, the engine held). */
const posterShown = (page) => page.evaluate(async () => {
  const el = document.querySelector('hairline-designer');
  return Promise.race([el.firstDots.then(() => el.shadowRoot.querySelector('.poster')?.style.visibility === 'visible'), new Promise((ok) => { setTimeout(() => ok(false), 5000); })]);
});

test('a first visit on a phone shows the engine\'s own picture of the default design (the poster) while the engine loads, where the engine then paints it; a returning visitor sees none', async () => {
  const { context, page, problems, release } = await openWithEngineHeld({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
  // The engine held back: the poster alone is on screen once firstDots resolves.
  assert.equal(await posterShown(page), true, 'the poster is shown while the engine loads');
  const shown = await page.evaluate(async () => {
    const el = document.querySelector('hairline-designer');
    const root = el.shadowRoot;
    const poster = root.querySelector('.poster');
    const box = poster.getBoundingClientRect();
    const scale = Math.min(box.width / poster.naturalWidth, box.height / poster.naturalHeight);
    const [w, h] = [poster.naturalWidth * scale, poster.naturalHeight * scale];
    const canvas = root.getElementById('canvas');
    return {
      underCanvas: poster.compareDocumentPosition(canvas) === Node.DOCUMENT_POSITION_FOLLOWING,
      canvasBlank: canvas.width === 0 || !canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data.some((v) => v !== 0),
      frame: [box.x + (box.width - w) / 2, box.y + (box.height - h) / 2, w, h],
      pictureYet: await Promise.race([el.firstPicture.then(() => true), new Promise((ok) => { setTimeout(() => ok(false), 50); })]),
    };
  });
  assert.deepEqual({ ...shown, frame: undefined }, { underCanvas: true, canvasBlank: true, frame: undefined, pictureYet: false });
  // The panel under the poster shows no half-written line: the preset's words, not yet
  // known, read a lone ":" while the engine started.
  const presetLine = () => page.evaluate(() => {
    const line = document.querySelector('hairline-designer').shadowRoot.querySelector('.preset-words');
    return { seen: line.checkVisibility({ visibilityProperty: true }), text: line.textContent.trim() };
  });
  assert.deepEqual(await presetLine(), { seen: false, text: ':' });
  release();
  await page.evaluate(() => window.hairline.ready);
  await settle(page);
  const named = await presetLine();
  assert.ok(named.seen && /^Shaved or bald: \S/.test(named.text), `the preset's line once the engine is up: ${JSON.stringify(named)}`);
  // Where the engine fits the template's frame, in CSS px.
  const frame = await page.evaluate(([frameW, frameH]) => {
    const { pxPerMm, offsetX, offsetY } = window.hairline.view();
    const canvas = document.querySelector('hairline-designer').shadowRoot.getElementById('canvas');
    const box = canvas.getBoundingClientRect();
    const css = box.width / canvas.width;
    return [box.x + offsetX * css, box.y + offsetY * css, frameW * pxPerMm * css, frameH * pxPerMm * css];
  }, FRAME_MM);
  shown.frame.forEach((v, i) => assert.ok(Math.abs(v - frame[i]) < 1, `the poster's frame ${shown.frame.map(Math.round)} is the engine's ${frame.map(Math.round)}`));
  assert.equal(await page.evaluate(() => document.querySelector('hairline-designer').shadowRoot.querySelector('.poster')), null, 'the poster is gone once the engine has painted');
  // The same picture: each 4 mm cell's mean luminance within 3 of 255 (a stale poster, or
  // the look or the default design changed: run `node scripts/make-poster.mjs`).
  const same = await posterAgainstCanvas(page);
  assert.ok(same.largest < 3 && same.mean < 0.5, `the poster is the engine's picture: ${JSON.stringify(same)}`);
  // The check sees a change: the same head at 60 impressions/cm² is not the poster.
  await page.evaluate(() => window.hairline.setDesign({ ...window.hairline.getDesign(), density_per_cm2: 60 }));
  await settle(page);
  const other = await posterAgainstCanvas(page);
  assert.ok(other.largest > 3, `another density differs from the poster: ${JSON.stringify(other)}`);
  // A returning visitor opens the saved design: no poster of the default.
  await page.reload({ waitUntil: 'load' });
  await page.evaluate(() => window.hairline.ready);
  assert.equal(await page.evaluate(() => window.__poster), false, 'no poster over a saved design');
  assert.equal(await page.evaluate(() => window.hairline.getDesign().density_per_cm2), 60);
  assert.deepEqual(problems, []);
  await context.close();
});

// The page gives the poster as a child (index.html, `<img slot="poster">`), so the browser
// fetches it while it reads the page: the poster's bytes are in before the designer's
// script has even arrived, and the designer shows that image in its first frame. (Fetched
// by the element once its script ran, the bytes came 130–230 ms after navigation on a
// phone, while the engine was starting, and the poster missed the one frame it had in about
// half of the loads: `node bench/first-dots.mjs`.)
test("the page's poster is fetched while the page is read, before the designer's script, and is the one the designer shows", async () => {
  let posterLoaded;
  const loaded = new Promise((resolve) => { posterLoaded = resolve; });
  let scriptWaitedFor = null;
  const { context, page, problems } = await openDesigner(harness, {
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true,
    async beforeLoad(context) {
      context.on('requestfinished', (request) => { if (request.url().endsWith(`/${POSTER_FILE}`)) posterLoaded(); });
      // The designer's script is held until the poster is in (or 5 s): a poster fetched only
      // by the script would never come first.
      await context.route('**/main.bundle.js', async (route) => {
        scriptWaitedFor = await Promise.race([loaded.then(() => 'poster'), new Promise((ok) => { setTimeout(() => ok('5 s'), 5000); })]);
        await route.continue();
      });
    },
  });
  assert.equal(scriptWaitedFor, 'poster', 'the poster was fetched before the designer\'s script');
  // The designer took the page's image: nothing left in the page, a second fetch never made.
  const shown = await page.evaluate(() => {
    const el = document.querySelector('hairline-designer');
    return { leftInPage: el.querySelectorAll('img').length, fetches: performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/poster.webp')).length };
  });
  assert.deepEqual(shown, { leftInPage: 0, fetches: 1 });
  assert.deepEqual(problems, []);
  await context.close();
});

test('no poster where another picture opens: a kiosk (?demo, set after the element is on the page) starts on the untreated head; a designer taken off the page takes its poster with it', async () => {
  const kiosk = await openWithEngineHeld({ viewport: { width: 1280, height: 800 } }, '/?demo');
  assert.equal(await kiosk.page.evaluate(() => document.querySelector('hairline-designer').shadowRoot.querySelector('.poster')), null, 'the kiosk drops the poster of the treated head');
  kiosk.release();
  await kiosk.page.evaluate(() => window.hairline.ready);
  assert.deepEqual(kiosk.problems, []);
  await kiosk.context.close();
  const removed = await openWithEngineHeld({ viewport: { width: 1280, height: 800 } });
  assert.equal(await posterShown(removed.page), true);
  const left = await removed.page.evaluate(() => {
    const el = document.querySelector('hairline-designer');
    el.remove();
    return new Promise((ok) => { requestAnimationFrame(() => ok(el.shadowRoot.querySelectorAll('.poster').length)); });
  });
  assert.equal(left, 0, 'the poster goes with the designer');
  removed.release();
  assert.deepEqual(removed.problems, []);
  await removed.context.close();
});

// A page whose engine cannot load (a clinic's server missing the .wasm) says so on screen,
// and both of the element's promises reject: a script awaiting either does not wait forever.
test('an engine that cannot load rejects ready and firstPicture and says so on screen', async () => {
  const context = await harness.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route('**/hairline_bg.wasm', (route) => route.fulfill({ status: 404, body: 'not here' }));
  const page = await context.newPage();
  await page.goto(harness.url + '/', { waitUntil: 'load' });
  const settled = await page.evaluate(async () => {
    const el = document.querySelector('hairline-designer');
    const within = (p) => Promise.race([
      p.then(() => 'resolved', () => 'rejected'),
      new Promise((ok) => { setTimeout(() => ok('still waiting after 10 s'), 10_000); }),
    ]);
    return { ready: await within(el.ready), firstPicture: await within(el.firstPicture) };
  });
  assert.deepEqual(settled, { ready: 'rejected', firstPicture: 'rejected' });
  assert.match(await page.textContent('.boot-failure'), /The designer could not start/);
  await context.close();
});

test('setDesign with a broken design throws a clear message and changes nothing', async () => {
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1280, height: 800 } });
  const result = await page.evaluate(() => {
    const before = window.hairline.getDesign();
    const attempts = {
      nanDensity: { ...before, density_per_cm2: NaN },
      hugeDot: { ...before, dot_mm: 5 },
      badStyle: { ...before, style: 'spiky' },
      noScalp: (() => { const d = { ...before }; delete d.scalp; return d; })(),
      futureVersion: { ...before, version: 7 },
      scribble: { ...before, hairline: [[60, 80], [160, 80], [70, 60], [150, 110], [65, 100]] },
      notAnObject: 'hello',
    };
    const messages = {};
    for (const [name, design] of Object.entries(attempts)) {
      try {
        window.hairline.setDesign(design);
        messages[name] = null;
      } catch (error) {
        messages[name] = error instanceof Error ? error.message : `not an Error: ${error}`;
      }
    }
    return { before, after: window.hairline.getDesign(), messages, stats: window.hairline.stats() };
  });
  assert.deepEqual(result.after, result.before);
  assert.match(result.messages.nanDensity, /density_per_cm2.*10.*200/);
  assert.match(result.messages.hugeDot, /dot_mm.*0\.15.*1/);
  assert.match(result.messages.badStyle, /style.*soft.*sharp.*density-only/);
  assert.match(result.messages.noScalp, /scalp.*missing/);
  assert.match(result.messages.futureVersion, /version.*7/);
  assert.match(result.messages.scribble, /hairline.*crosses itself/);
  assert.match(result.messages.notAnObject, /design/);
  assert.ok(result.stats.dots > 3000);
  assert.deepEqual(problems, []);
  await context.close();
});

test('choosing the sharp style by touch changes the design and the pixels at the edge', async () => {
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1024, height: 768 }, hasTouch: true });
  // A band just in front of the line at the midline: soft scatters a few dots there.
  const band = { front: [95, 60, 125, 66] };
  const soft = await canvasDarkness(page, band);
  await page.tap('label.choice:has(input[value="sharp"])');
  await page.waitForFunction(() => window.hairline.getDesign().style === 'sharp');
  await settle(page);
  const sharp = await canvasDarkness(page, band);
  assert.notDeepEqual(sharp, soft);
  assert.equal(await page.isChecked('input[value="sharp"]'), true);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the status line stays inside the stage and off the top of the head, and the head is large enough to edit, on a phone held either way and on a small laptop', async () => {
  // On a phone in landscape (844 × 390) it was one line 690 px wide over a 524 px stage,
  // cut off at both ends ("…ressions · 90.7 cm² … (about").
  // A smaller phone sideways (667 × 375) and a laptop at 200 % zoom (640 × 400 CSS px) had
  // the panel below the picture: the head's top 52 px tall, under the hint and the toolbar.
  // A 568 × 320 phone sideways: nine narrow lines of status ran down beside the head into
  // the first visit's hint (its figures alone there now; the panel's timeline says the stage).
  // (Its stage is 285 px tall: the head's top is 66 px there, the least this test asks.)
  const small = [{ width: 667, height: 375, phone: true }, { width: 640, height: 400, phone: false }, { width: 568, height: 320, phone: true, headTop: 60 }];
  for (const viewport of [{ width: 844, height: 390 }, { width: 390, height: 844 }, { width: 1024, height: 600 }, { width: 1366, height: 900 }, ...small]) {
    const phone = viewport.phone ?? viewport.width < 900;
    const { page, context, problems } = await openDesigner(harness, { viewport: { width: viewport.width, height: viewport.height }, deviceScaleFactor: phone ? 3 : 2, isMobile: phone, hasTouch: phone });
    await settle(page);
    const { stage, status, text, head, tools } = await page.evaluate(() => {
      const root = document.querySelector('hairline-designer').shadowRoot;
      const box = (id) => { const r = (root.getElementById(id) ?? root.querySelector(`.${id}`)).getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top, bottom: r.bottom }; };
      // The top of the head, where the hairline is drawn: from the vertex (y 22 mm) to the
      // temples' handles (y 100 mm), 70 mm either side of the midline (x 110 mm).
      const [topLeft, bottomRight] = [[40, 22], [180, 100]].map((p) => window.hairline.toScreen(p));
      const head = { left: topLeft[0], top: topLeft[1], right: bottomRight[0], bottom: bottomRight[1] };
      return { stage: box('stage'), status: box('status'), text: root.getElementById('status').textContent, head, tools: box('tools') };
    });
    const at = `${viewport.width}×${viewport.height}: status ${JSON.stringify(status)} in stage ${JSON.stringify(stage)}`;
    assert.match(text, /impressions .* treated/);
    assert.ok(status.left >= stage.left && status.right <= stage.right, at);
    // (A stage under 350 px tall beside the panel: a few lines beside the head, in its top half.)
    const share = viewport.phone !== undefined ? 2 : 3;
    assert.ok(status.bottom < stage.top + (stage.bottom - stage.top) / share, `it stays at the top of the stage, ${at}`);
    // Sideways it covered the top of the head and the topmost handle (status bottom 62 px
    // below the vertex's place).
    const clear = status.bottom <= head.top || status.right <= head.left || status.left >= head.right;
    assert.ok(clear, `the status leaves the top of the head (${JSON.stringify(head)}) in view, ${at}`);
    // Sideways, the page's own bar is one slim line (it took 76 px of a 320 px screen).
    if (viewport.phone !== undefined) {
      const bar = await page.evaluate(() => document.querySelector('.bar').getBoundingClientRect().height);
      assert.ok(bar <= 48, `the page's bar is ${bar.toFixed(0)} px tall at ${at}`);
    }
    // The top of the head, where the line is drawn, is large enough to edit, above the toolbar.
    assert.ok(head.bottom - head.top >= (viewport.headTop ?? 70) && head.bottom <= tools.top, `the head's top is ${(head.bottom - head.top).toFixed(0)} px tall, to ${head.bottom.toFixed(0)}; toolbar from ${tools.top.toFixed(0)}; ${at}`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('on a phone every visible word is at least 12 px and every control at least 44 px tall; with a photo its buttons keep a button height', async () => {
  // Preset names, help and figure labels were 11.5–11.8 px, the sliders 32 px tall, and with
  // a photo "Back to the template head" was 120 px tall.
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
  const survey = () => page.evaluate(() => {
    const root = document.querySelector('hairline-designer').shadowRoot;
    const shown = (el) => { const r = el.getBoundingClientRect(); return r.width > 2 && r.height > 2 && getComputedStyle(el).visibility !== 'hidden' && !el.closest('[hidden], .visually-hidden') && r.width * r.height > 20; };
    const small = [];
    for (const el of root.querySelectorAll('*')) {
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      if (!own || !shown(el)) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < 12) small.push(`${el.id || el.className || el.tagName} "${el.textContent.trim().slice(0, 20)}" ${size.toFixed(1)} px`);
    }
    const short = [];
    // (The preset cards are pictures: tall by design.)
    for (const el of root.querySelectorAll('button, select, input:not([type="file"]):not([type="checkbox"]):not([type="radio"]), .file-button')) {
      if (!shown(el)) continue;
      const h = el.getBoundingClientRect().height;
      if (h < 43.5 || (h > 70 && !el.classList.contains('preset'))) short.push(`${el.id || el.className || el.tagName} ${h.toFixed(0)} px`);
    }
    return { small, short };
  });
  let { small, short } = await survey();
  assert.deepEqual(small, [], 'words under 12 px');
  assert.deepEqual(short, [], 'controls under 44 px or over 70 px tall');
  await page.setInputFiles('#photo-file', { name: 'scalp.png', mimeType: 'image/png', buffer: scalpPhoto() });
  await page.waitForFunction(() => document.querySelector('hairline-designer').dataset.photo === 'ready', null, { timeout: 30000 });
  ({ small, short } = await survey());
  assert.deepEqual(small, [], 'with a photo: words under 12 px');
  assert.deepEqual(short, [], 'with a photo: controls under 44 px or over 70 px tall');
  assert.deepEqual(problems, []);
  await context.close();
});

test('sliders say their values as shown, once; at 200 % text the session choice stays inside the panel', async () => {
  // A screen reader heard the shade as "0.75" (the screen shows "75 %"), the dot size "0.25"
  // and the density "90" without units, and every step of a drag twice (the output beside
  // each slider was a live region); at 200 % text the sessions' "3" was cut off the panel.
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1280, height: 800 } });
  const said = await page.evaluate(() => {
    const root = document.querySelector('hairline-designer').shadowRoot;
    return ['p-shade', 'p-dot', 'p-density'].map((id) => [root.getElementById(id).getAttribute('aria-valuetext'), root.getElementById(`${id}-out`).getAttribute('aria-live')]);
  });
  assert.deepEqual(said, [['75\u00a0%', 'off'], ['0.25\u00a0mm', 'off'], ['90\u00a0/cm²', 'off']]);
  await page.focus('#p-shade');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getAttribute('#p-shade', 'aria-valuetext'), '80\u00a0%');
  const overflow = await page.evaluate(async () => {
    const el = document.querySelector('hairline-designer');
    document.documentElement.style.fontSize = '32px'; // (the browser's text size at 200 %)
    await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
    const session = el.shadowRoot.getElementById('t-session');
    return session.scrollWidth - session.clientWidth;
  });
  assert.ok(overflow <= 1, `the session choice runs ${overflow} px past its box`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a first visit says what to do (a finger on a phone, the mouse on a laptop) until the first touch; a returning visitor is not told again', async () => {
  // A client on a phone saw a head, circles and figures and no word of what to do: the
  // tools' hints are tooltips, which a phone never shows.
  const hint = (page) => page.evaluate(() => {
    const el = document.querySelector('hairline-designer').shadowRoot.getElementById('first-hint');
    const shown = [...el.children].filter((c) => getComputedStyle(c).display !== 'none').map((c) => c.textContent);
    return el.hidden || getComputedStyle(el).display === 'none' ? null : shown.join(' ');
  });
  const phone = await openDesigner(harness, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
  assert.equal(await hint(phone.page), 'Drag a circle to shape the hairline, or draw a new one with your finger.');
  // It takes no touch: a drag on a handle under it moves the handle, and puts it away.
  const before = await phone.page.evaluate(() => window.hairline.getDesign().hairline);
  const knob = await phone.page.locator('.handle').nth(5).boundingBox();
  const [x, y] = [knob.x + knob.width / 2, knob.y + knob.height / 2];
  await phone.page.touchscreen.tap(x, y);
  assert.equal(await hint(phone.page), null, 'gone at the first touch');
  const cdp = await phone.context.newCDPSession(phone.page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([px, py]) => ({ x: px, y: py, id: 1, radiusX: 4, radiusY: 4, force: 0.6 })) });
  await touch('touchStart', [[x, y]]);
  for (let k = 1; k <= 4; k += 1) await touch('touchMove', [[x, y - 4 * k]]);
  await touch('touchEnd', []);
  await settle(phone.page);
  assert.notDeepEqual(await phone.page.evaluate(() => window.hairline.getDesign().hairline), before);
  await phone.page.reload();
  await phone.page.evaluate(() => window.hairline.ready);
  assert.equal(await hint(phone.page), null, 'a returning visitor (a restored design) is not told again');
  assert.deepEqual(phone.problems, []);
  await phone.context.close();
  const laptop = await openDesigner(harness, { viewport: { width: 1366, height: 900 } });
  assert.equal(await hint(laptop.page), 'Drag a circle to shape the hairline, or draw a new one with the mouse.');
  await laptop.page.keyboard.press('Tab'); // into the designer
  await laptop.page.keyboard.press('Tab');
  assert.equal(await hint(laptop.page), null, 'gone at the first key in the designer');
  assert.deepEqual(laptop.problems, []);
  await laptop.context.close();
});

test('on a tablet nothing in the panel runs past its edge (the figures\' names wrap)', async () => {
  // "Average density" ran 14 px out of the panel at 1180 × 820, cut at its edge.
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1180, height: 820 }, deviceScaleFactor: 2, hasTouch: true });
  const over = await page.evaluate(() => {
    const root = document.querySelector('hairline-designer').shadowRoot;
    const panel = root.querySelector('.panel').getBoundingClientRect();
    return [...root.querySelectorAll('.panel *')].filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && !el.closest('.preset-strip, [hidden]') && (r.right > panel.right + 0.5 || r.left < panel.left - 0.5);
    }).map((el) => `${el.id || el.className || el.tagName} ${Math.round(el.getBoundingClientRect().right)} > ${Math.round(panel.right)}`);
  });
  assert.deepEqual(over, [], 'past the panel');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the file buttons show the keyboard focus ring, and a button alone in a group keeps a button height', async () => {
  // Tabbing onto "Open design…", "Clinic logo…" or "Import…" showed no ring (the ring rule
  // waited for focus inside the label, but the input follows it); "Save consultation" was
  // 120 px tall.
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1280, height: 900 } });
  const ring = (id) => page.evaluate((i) => {
    const root = document.querySelector('hairline-designer').shadowRoot;
    const label = root.querySelector(`label[for="${i}"]`);
    return getComputedStyle(label).outlineStyle;
  }, id);
  for (const id of ['photo-file', 'export-logo', 'open-design', 'c-import']) {
    assert.equal(await ring(id), 'none', `${id}: no ring before`);
    await page.focus(`#${id}`);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab'); // a keyboard's focus, as a person tabs onto it
    assert.equal(await ring(id), 'solid', `${id}: the ring shows on its button`);
  }
  const height = await page.evaluate(() => document.querySelector('hairline-designer').shadowRoot.getElementById('c-save').getBoundingClientRect().height);
  assert.ok(height >= 44 && height < 60, `Save consultation is ${height} px tall`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a clinic's long wording stays inside the phone's toolbar, and the status keeps its order on a right-to-left page", async () => {
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
  await page.evaluate(() => {
    document.documentElement.dir = 'rtl';
    document.querySelector('hairline-designer').setAttribute('strings', JSON.stringify({ Undo: 'تراجع عن آخر تعديل على التصميم', Compare: 'قارن قبل وبعد العلاج بالتفصيل' }));
  });
  await settle(page);
  const seen = await page.evaluate(() => {
    const root = document.querySelector('hairline-designer').shadowRoot;
    const bar = root.querySelector('.tools').getBoundingClientRect();
    const tools = [...root.querySelectorAll('.tools .tool')].filter((t) => t.getClientRects().length).map((t) => {
      const r = t.getBoundingClientRect();
      return { id: t.id, left: r.left, right: r.right, inked: t.scrollWidth <= t.clientWidth + 1 || getComputedStyle(t).textOverflow === 'ellipsis' };
    });
    return { bar: { left: bar.left, right: bar.right }, tools, undo: root.getElementById('undo').textContent, direction: getComputedStyle(root.getElementById('status')).direction };
  });
  assert.match(seen.undo, /تراجع/, 'the wording is the clinic\u2019s');
  for (const t of seen.tools) {
    assert.ok(t.left >= seen.bar.left - 1 && t.right <= seen.bar.right + 1, `${t.id} inside the bar: ${JSON.stringify(seen)}`);
    assert.ok(t.inked, `${t.id}: its text is cut with an ellipsis, not run over the next`);
  }
  for (let i = 1; i < seen.tools.length; i += 1) {
    const [a, b] = [seen.tools[i - 1], seen.tools[i]];
    assert.ok(a.right <= b.left + 1 || b.right <= a.left + 1, `${a.id} and ${b.id} do not overlap`);
  }
  assert.equal(seen.direction, 'ltr', "the engine's English sentence keeps its order");
  assert.deepEqual(problems, []);
  await context.close();
});

test('a pressed toggle under the pointer keeps its colours: white words on the accent, not on the wash', async () => {
  // Found by an exploratory pass: after a tap on Compare (Chromium keeps :hover on a tapped
  // button) or with the mouse over a pressed Mirror, the hover wash replaced the accent:
  // white words on #eef0f3.
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1180, height: 820 }, hasTouch: true });
  const contrast = (id) => page.$eval(id, (b) => {
    const c = getComputedStyle(b);
    const lum = (text) => {
      const [r, g, bl] = text.match(/[\d.]+/g).slice(0, 3).map((v) => Number(v) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
    };
    const [a, z] = [lum(c.color), lum(c.backgroundColor)].sort((x, y) => y - x);
    return { pressed: b.getAttribute('aria-pressed'), ratio: (a + 0.05) / (z + 0.05) };
  });
  await page.tap('#compare');
  await page.waitForFunction(() => document.querySelector('hairline-designer').shadowRoot.getElementById('compare').getAttribute('aria-pressed') === 'true');
  const compare = await contrast('#compare');
  assert.ok(compare.ratio >= 4.5, `a tapped, pressed Compare: contrast ${compare.ratio.toFixed(2)}:1`);
  await page.hover('#mirror');
  const mirror = await contrast('#mirror');
  assert.equal(mirror.pressed, 'true');
  assert.ok(mirror.ratio >= 4.5, `a pressed Mirror under the mouse: contrast ${mirror.ratio.toFixed(2)}:1`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a phone's toolbar shows its icons when its words do not fit, never words cut to a letter", async () => {
  // Found by an exploratory pass: at 360 px, and in Spanish at 390 px, the tools read
  // "U… R… Mi… M… Com…" and "Des… Reh… Es… M… En… Com…".
  for (const [width, lang] of [[360, 'en'], [390, 'es'], [1180, 'en']]) {
    const { page, context, problems } = await openDesigner(harness, { viewport: { width, height: 800 }, deviceScaleFactor: 2, hasTouch: true });
    await page.evaluate((l) => document.querySelector('hairline-designer').setAttribute('lang', l), lang);
    await settle(page);
    const seen = await page.evaluate(() => {
      const root = document.querySelector('hairline-designer').shadowRoot;
      const bar = root.querySelector('.tools');
      return {
        icons: bar.classList.contains('icons-only'),
        tools: [...bar.querySelectorAll('.tool')].map((t) => {
          const [icon, label] = [t.querySelector('.icon'), t.querySelector('.label')];
          return { id: t.id, cut: t.scrollWidth > t.clientWidth + 1, icon: getComputedStyle(icon).display !== 'none', label: label.getBoundingClientRect().width > 2, name: label.textContent };
        }),
      };
    });
    for (const t of seen.tools) {
      assert.ok(!t.cut, `${width} px, ${lang}: ${t.id} cut: ${JSON.stringify(seen)}`);
      assert.ok(t.icon || t.label, `${width} px, ${lang}: ${t.id} shows something`);
      assert.ok(t.name.length > 1, 'the word is there for screen readers');
    }
    if (width === 1180) assert.equal(seen.icons, false, 'a tablet keeps its words');
    else assert.equal(seen.icons, true, `${width} px, ${lang}: icons`);
    if (width === 390) await page.locator('.tools').screenshot({ path: `${ARTIFACTS}toolbar-es-390.png` });
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('"Illustrative simulation, not a guarantee of results" shows on a phone and a tablet held upright', async () => {
  // Found by an exploratory pass: hidden by the page's style in portrait, so clients on
  // phones never read it on screen.
  for (const viewport of [{ width: 390, height: 844 }, { width: 820, height: 1180 }]) {
    const { page, context, problems } = await openDesigner(harness, { viewport, hasTouch: true });
    const box = await page.locator('.honesty').boundingBox();
    assert.ok(box && box.width > 50 && box.x + box.width <= viewport.width, `${viewport.width} px: ${JSON.stringify(box)}`);
    assert.equal(await page.locator('.honesty').isVisible(), true);
    if (viewport.width === 390) await page.locator('header.bar').screenshot({ path: `${ARTIFACTS}header-phone.png` });
    assert.deepEqual(problems, []);
    await context.close();
  }
});
