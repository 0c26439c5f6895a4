// End-to-end: the designer as an element on a clinic's own page (www/embed.html): two
// designers side by side stay independent (design, history, storage, keys), fire their
// events, follow their attributes (style, stage, theme, language and strings, logo) and
// refuse bad ones in plain words; reveal="interaction" lets a finger scroll the page until
// the visitor taps in; and the designer works inside an iframe.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, openDesigner, ARTIFACTS, settle } from './harness.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.close(); });

const nextFrames = settle;
const design = (page, id) => page.evaluate((i) => document.getElementById(i).getDesign(), id);

/** Dark pixels (clearly below the skin) in a designer's canvas (`selector` finds the element): dots were painted. */
const darkPixels = (page, selector) => page.evaluate((sel) => {
  const canvas = document.querySelector(sel).shadowRoot.getElementById('canvas');
  const copy = Object.assign(document.createElement('canvas'), { width: canvas.width, height: canvas.height });
  const ctx = copy.getContext('2d', { willReadFrequently: true });
  ctx.drawImage(canvas, 0, 0);
  const d = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  let dark = 0;
  for (let k = 0; k < d.length; k += 4) if (d[k] < 150 && d[k] > 20) dark += 1;
  return { dark, width: canvas.width, height: canvas.height };
}, selector);

/** The colour at the top left of the first designer's canvas, `[r, g, b]`: the stage around the head. */
const stageCorner = (page) => page.evaluate(() => {
  const canvas = document.getElementById('first').shadowRoot.getElementById('canvas');
  const copy = Object.assign(document.createElement('canvas'), { width: 4, height: 4 });
  const ctx = copy.getContext('2d', { willReadFrequently: true });
  ctx.drawImage(canvas, 0, 0);
  return [...ctx.getImageData(2, 2, 1, 1).data.slice(0, 3)];
});

test('two designers on a clinic page: both paint, edits, undo, storage and keys stay with their own', async () => {
  const { page, context, problems } = await openDesigner(harness, { path: '/embed.html', viewport: { width: 1280, height: 900 } });
  for (const id of ['first', 'second']) {
    const { dark, width, height } = await darkPixels(page, `#${id}`);
    assert.ok(width > 600 && height > 400, `${id} canvas is ${width}×${height}, sized by its box`);
    assert.ok(dark > 500, `${id} painted its dots (${dark} dark pixels)`);
  }
  // Each element fills the box the clinic gave it (no 300×150 default).
  const boxes = await page.evaluate(() => ['first', 'second'].map((id) => {
    const el = document.getElementById(id);
    const a = el.getBoundingClientRect();
    const b = el.parentElement.getBoundingClientRect();
    return [a.width, a.height, b.width - 2, b.height - 2];
  }));
  for (const [w, h, bw, bh] of boxes) assert.ok(Math.abs(w - bw) < 1 && Math.abs(h - bh) < 1, `element ${w}×${h} in a ${bw}×${bh} box`);
  // The attributes gave the starting designs and stage.
  assert.equal((await design(page, 'first')).style, 'soft');
  assert.equal((await design(page, 'second')).style, 'sharp');
  assert.equal((await page.evaluate(() => document.getElementById('second').stage())).session, 1);
  // The clinic's script heard `ready` and shows the summary.
  assert.match(await page.textContent('#first-summary'), /impressions over .*\scm², soft style/);

  await page.evaluate(() => {
    window.events = [];
    for (const id of ['first', 'second']) {
      document.getElementById(id).addEventListener('designchange', (e) => window.events.push([id, e.detail.design.density_per_cm2, e.detail.design.style]));
    }
  });
  const secondBefore = await design(page, 'second');
  const secondSaved = await page.evaluate(() => localStorage.getItem('clinic.second'));
  // Keys on the first's density slider: End takes it to the engine's maximum.
  await page.focus('#first #p-density');
  await page.keyboard.press('End');
  await nextFrames(page);
  const firstEdited = await design(page, 'first');
  assert.ok(firstEdited.density_per_cm2 > 90, `first density ${firstEdited.density_per_cm2}`);
  assert.deepEqual(await page.evaluate(() => window.events.at(-1)), ['first', firstEdited.density_per_cm2, 'soft']);
  assert.deepEqual(await design(page, 'second'), secondBefore, 'the second designer is untouched');
  assert.equal(JSON.parse(await page.evaluate(() => localStorage.getItem('clinic.first'))).density_per_cm2, firstEdited.density_per_cm2);
  assert.equal(await page.evaluate(() => localStorage.getItem('clinic.second')), secondSaved, "the second's storage is untouched");
  assert.match(await page.textContent('#first-summary'), /soft style/);

  // The second: tap in (it is concealed until then), pick "density only" by its Spanish label.
  await page.click('#second #reveal-button');
  // The preset's words are Spanish too (they stayed English as one "Title: words" text).
  assert.equal(await page.textContent('#second .preset-words'), 'Rapada o calva: Una cabeza rapada o sin pelo que conservar.');
  await page.click('#second label.choice:has(input[value="density-only"])');
  await nextFrames(page);
  assert.equal((await design(page, 'second')).style, 'density-only');
  assert.deepEqual(await page.evaluate(() => window.events.at(-1)), ['second', secondBefore.density_per_cm2, 'density-only']);
  // Ctrl+Z goes to the designer in use: the second steps back, the first keeps its edit.
  await page.keyboard.press('Control+z');
  await nextFrames(page);
  assert.equal((await design(page, 'second')).style, 'sharp');
  assert.equal((await design(page, 'first')).density_per_cm2, firstEdited.density_per_cm2);
  // Clicking into the first hands it the keyboard.
  await page.click('#first #undo');
  assert.equal((await design(page, 'first')).density_per_cm2, 90, 'the first undid its own edit');
  assert.equal((await design(page, 'second')).style, 'sharp');

  await page.screenshot({ path: `${ARTIFACTS}embed-1280x900.png`, fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('attributes change the style, stage, theme and words; bad values are said and change nothing', async () => {
  const { page, context, problems } = await openDesigner(harness, { path: '/embed.html', viewport: { width: 1280, height: 900 } });
  // Style by property (mirrored to the attribute): one undoable step.
  await page.evaluate(() => { document.getElementById('first').designStyle = 'sharp'; });
  assert.equal(await page.getAttribute('#first', 'design-style'), 'sharp');
  assert.equal((await design(page, 'first')).style, 'sharp');
  await page.evaluate(() => document.getElementById('first').undo());
  assert.equal((await design(page, 'first')).style, 'soft');
  // Session and age attributes move the timeline.
  await page.evaluate(() => { const el = document.getElementById('first'); el.session = 'before'; });
  assert.equal((await page.evaluate(() => document.getElementById('first').stage())).session, 0);
  await page.evaluate(() => { const el = document.getElementById('first'); el.session = '3'; el.age = 'fresh'; });
  assert.deepEqual(await page.evaluate(() => { const s = document.getElementById('first').stage(); return [s.session, s.age]; }), [3, 'fresh']);

  // Language: the second is in Spanish; the first takes a clinic's own wording through `strings`.
  assert.match(await page.textContent('#second #undo'), /Deshacer/);
  assert.match(await page.textContent('#second #reveal-button'), /Diseña tu línea capilar/);
  await page.evaluate(() => { document.getElementById('first').strings = JSON.stringify({ Undo: 'Step back', 'Design controls': 'Your design' }); });
  assert.match(await page.textContent('#first #undo'), /Step back/);
  assert.equal(await page.getAttribute('#first .panel', 'aria-label'), 'Your design');
  await page.evaluate(() => { document.getElementById('second').lang = 'en'; });
  assert.match(await page.textContent('#second #undo'), /Undo/, 'back to English');
  await page.evaluate(() => { document.getElementById('second').lang = 'es'; });
  assert.match(await page.textContent('#second #undo'), /Deshacer/);
  // The first has no lang of its own: it follows the page's when a language switch changes it
  // (it stayed in the language it started in), and its own lang, the second's, wins.
  await page.evaluate(() => { document.documentElement.lang = 'es'; });
  await page.waitForFunction(() => /Rehacer/.test(document.getElementById('first').shadowRoot.getElementById('redo').textContent));
  // The sentences with figures follow: the pigment advice and the sliders' millimetres
  // ("Recommended shade for dark brown hair…" and "0.25 mm" beside Spanish words).
  assert.match(await page.textContent('#first #pigment-advice'), /^Tono recomendado para pelo castaño oscuro en piel Fitzpatrick II: \d+\s% \(aprox\. \d+:1 de agua por carbón\)\.$/);
  assert.match(await page.textContent('#first #p-dot-out'), /^0,\d\d\smm$/);
  // Its warning too (the engine's English "Shade 100 % is too dark for fair skin…").
  const shadeBefore = await page.evaluate(() => document.getElementById('first').getDesign().shade);
  await page.evaluate(() => document.getElementById('first').setDesign({ ...document.getElementById('first').getDesign(), shade: 1 }));
  await page.waitForFunction(() => !document.getElementById('first').shadowRoot.getElementById('pigment-warnings').hidden);
  assert.match(await page.textContent('#first #pigment-warnings'), /^Un tono del 100\s% es demasiado oscuro para una piel clara \(Fitzpatrick II\): .*; un \d+\s% es más seguro\.$/);
  await page.evaluate((shade) => document.getElementById('first').setDesign({ ...document.getElementById('first').getDesign(), shade }), shadeBefore);
  // And the compare's list of stages (it stayed "After session 1, healed"…).
  await page.click('#first #compare');
  assert.deepEqual((await page.$$eval('#first #compare-before option', (os) => os.map((o) => o.textContent))).slice(0, 2), ['Antes del tratamiento', 'Tras la sesión 1, cicatrizado']);
  await page.click('#first #compare');
  await page.evaluate(() => { document.documentElement.lang = 'en'; });
  await page.waitForFunction(() => /Redo/.test(document.getElementById('first').shadowRoot.getElementById('redo').textContent));
  assert.match(await page.textContent('#first #pigment-advice'), /^Recommended shade for dark brown hair/);
  assert.match(await page.textContent('#first #p-dot-out'), /^0\.\d\d\smm$/);
  // Moved into a Spanish section it speaks Spanish; moved back, the page's English again.
  await page.evaluate(() => {
    const first = document.getElementById('first');
    window.__home = [first.parentNode, first.nextSibling];
    const section = Object.assign(document.createElement('section'), { lang: 'es' });
    document.body.append(section);
    section.append(first);
  });
  await page.waitForFunction(() => /Rehacer/.test(document.getElementById('first').shadowRoot.getElementById('redo').textContent));
  await page.evaluate(() => { const [parent, next] = window.__home; parent.insertBefore(document.getElementById('first'), next); });
  await page.waitForFunction(() => /Redo/.test(document.getElementById('first').shadowRoot.getElementById('redo').textContent));
  assert.match(await page.textContent('#second #undo'), /Deshacer/);

  // Theme: the clinic's custom properties reach the shadow root; theme="dark" darkens the panel.
  const chosenBorder = await page.evaluate(() => getComputedStyle(document.getElementById('second').shadowRoot.querySelector('.choice:has(input:checked)')).borderTopColor);
  assert.equal(chosenBorder, 'rgb(138, 75, 47)');
  const panelColour = () => page.evaluate(() => getComputedStyle(document.getElementById('first').shadowRoot.querySelector('.panel')).backgroundColor);
  assert.equal(await panelColour(), 'rgb(255, 255, 255)');
  // The stage around the head follows (it stayed the template's light grey in a dark page);
  // an exported picture keeps the light grey (below).
  assert.deepEqual(await stageCorner(page), [238, 240, 243]);
  await page.evaluate(() => { document.getElementById('first').theme = 'dark'; });
  assert.equal(await panelColour(), 'rgb(28, 34, 39)');
  await nextFrames(page);
  assert.deepEqual(await stageCorner(page), [18, 23, 27], "the dark theme's stage");
  // Its lists and fields are dark too (native selects stayed white on the dark panel).
  assert.equal(await page.evaluate(() => getComputedStyle(document.getElementById('first').shadowRoot.querySelector('select')).colorScheme), 'dark');
  await page.evaluate(() => { document.getElementById('first').theme = 'light'; });
  await nextFrames(page);
  assert.deepEqual(await stageCorner(page), [238, 240, 243], 'back to the light theme');
  await page.evaluate(() => { document.getElementById('first').theme = 'dark'; });
  // controls="minimal" shows the essentials only.
  assert.equal(await page.isVisible('#second #params'), false);
  assert.equal(await page.isVisible('#second #style-picker'), true);

  // Bad attributes: a short message in the designer and an `error` event; the design stays.
  await page.evaluate(() => {
    window.errors = [];
    document.getElementById('first').addEventListener('error', (e) => window.errors.push(e.detail.message));
  });
  const kept = await design(page, 'first');
  await page.evaluate(() => { document.getElementById('first').designStyle = `mohawk${'!'.repeat(100000)}`; });
  await page.evaluate(() => { document.getElementById('first').session = '9'; });
  await page.evaluate(() => { document.getElementById('first').strings = '{"Undo": '; });
  await page.evaluate(() => { document.getElementById('first').strings = '[1, 2]'; });
  // A wording that is not text is left as it was, and said (it was dropped without a word).
  await page.evaluate(() => { document.getElementById('first').strings = JSON.stringify({ Undo: 'Step back', 'Design controls': 'Your design', Redo: 5 }); });
  await page.evaluate(() => { document.getElementById('first').age = 'NaN'; });
  await page.evaluate(() => { document.getElementById('first').age = '0x5'; });
  await page.evaluate(() => { document.getElementById('first').preset = 'norwood-99'; });
  const errors = await page.evaluate(() => window.errors);
  assert.equal(errors.length, 8, errors.join('\n'));
  assert.match(errors[0], /^There is no hairline style “mohawk!+…”: use soft, sharp or density-only\.$/);
  assert.match(errors[1], /session must be “before” or a whole number from 0 to \d/);
  assert.match(errors[2], /not JSON/);
  assert.match(errors[3], /must be an object/);
  assert.equal(errors[4], 'strings: “Redo” kept the designer\'s wording: each wording must be text of up to 500 characters.');
  assert.match(errors[5], /age must be fresh, healed or a number of years/);
  assert.match(errors[6], /age must be fresh, healed or a number of years from 0 to 10, not “0x5”\./);
  assert.match(errors[7], /There is no preset “norwood-99”/);
  for (const e of errors) assert.ok(e.length < 200, `short: ${e.length} characters`);
  assert.deepEqual(await design(page, 'first'), kept, 'no bad attribute changed the design');
  assert.match(await page.textContent('#first #message'), /There is no preset/);
  // Several set at once are all said (only the last was), each with its own event.
  await page.evaluate(() => { const el = document.getElementById('first'); el.session = '12'; el.age = 'ancient'; el.designStyle = 'zigzag'; });
  await page.waitForFunction(() => /zigzag/.test(document.getElementById('first').shadowRoot.getElementById('message').textContent));
  const together = await page.textContent('#first #message');
  for (const words of [/session must be/, /age must be/, /no hairline style “zigzag”/]) assert.match(together, words);
  assert.equal((await page.evaluate(() => window.errors)).length, 11, 'an error event for each');
  assert.match(await page.textContent('#first #undo'), /Step back/, 'a bad strings value keeps the wording in place');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a logo from another site, or a javascript: address, is refused before any request, with the page\'s own message', async () => {
  // It was fetched from the other origin (the designer makes no request beyond the page's
  // own), and a javascript: address logged a console error. Found by a user pass.
  const { page, context, problems } = await openDesigner(harness, { path: '/embed.html', viewport: { width: 1280, height: 900 } });
  for (const logo of ['https://elsewhere.example/logo.png', 'javascript:alert(1)', '//elsewhere.example/logo.png']) {
    const said = await page.evaluate((value) => new Promise((ok) => {
      const el = document.getElementById('first');
      el.addEventListener('error', (e) => ok(e.detail?.message ?? String(e.detail)), { once: true });
      el.setAttribute('logo', value);
    }), logo);
    assert.match(said, /The logo attribute does not point to a picture this page can load \(PNG, JPEG or WebP on this site\)/, logo);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test("the clinic's logo attribute is on exported pictures, even one asked for while the logo still loads, and an export fires the export event", async () => {
  // The logo arrives 1.5 s after the page is ready (a slow clinic server): an export asked
  // for at once waits for it rather than leaving it off.
  const slowLogo = (context) => context.route('**/clinic-logo.png', async (route) => {
    await new Promise((ok) => setTimeout(ok, 1500));
    await route.continue();
  });
  const { page, context, problems } = await openDesigner(harness, { path: '/embed.html', viewport: { width: 1280, height: 900 }, beforeLoad: slowLogo });
  const logoPixels = async (id) => page.evaluate(async (i) => {
    const blob = await document.getElementById(i).exportPNG({ width: 1080 });
    const bitmap = await createImageBitmap(blob);
    const c = Object.assign(document.createElement('canvas'), { width: bitmap.width, height: bitmap.height });
    const ctx = c.getContext('2d', { willReadFrequently: true });
    ctx.drawImage(bitmap, 0, 0);
    const top = Math.round(bitmap.height * 0.8);
    const d = ctx.getImageData(0, top, bitmap.width, bitmap.height - top).data;
    let n = 0; // the logo's brown disc: rgb(138, 75, 47)
    for (let k = 0; k < d.length; k += 4) if (Math.abs(d[k] - 138) < 8 && Math.abs(d[k + 1] - 75) < 8 && Math.abs(d[k + 2] - 47) < 8) n += 1;
    return n;
  }, id);
  await page.waitForFunction(() => true);
  assert.ok(await logoPixels('first') > 50, 'the first (with a logo) carries it');
  assert.equal(await logoPixels('second'), 0, 'the second (no logo) does not');
  await page.evaluate(() => {
    window.exports = [];
    document.getElementById('first').theme = 'dark';
    document.getElementById('first').addEventListener('export', (e) => { window.exported = e.detail.blob; window.exports.push([e.detail.kind, e.detail.blob.size, e.detail.blob.type]); });
  });
  const download = page.waitForEvent('download');
  await page.click('#first #export-png');
  await download;
  const [[kind, size, type]] = await page.evaluate(() => window.exports);
  assert.equal(kind, 'after');
  assert.equal(type, 'image/png');
  assert.ok(size > 10000);
  // The first designer is dark: its picture for a file keeps the light grey; its stage, dark.
  const exportedCorner = await page.evaluate(async () => {
    const bitmap = await createImageBitmap(window.exported);
    const ctx = Object.assign(document.createElement('canvas'), { width: 4, height: 4 }).getContext('2d', { willReadFrequently: true });
    ctx.drawImage(bitmap, 0, 0);
    return [...ctx.getImageData(2, 2, 1, 1).data.slice(0, 3)];
  });
  assert.deepEqual(exportedCorner, [238, 240, 243], 'the exported picture of a dark-themed designer');
  await nextFrames(page);
  assert.deepEqual(await stageCorner(page), [18, 23, 27], 'the stage after an export');
  assert.deepEqual(problems, []);
  await context.close();
});

test('reveal="interaction": on a phone a finger over the designer scrolls the page until "Design your hairline" is tapped', async () => {
  const { page, context, problems } = await openDesigner(harness, { path: '/embed.html', viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
  const cdp = await context.newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x, y, id, radiusX: 4, radiusY: 4, force: 0.5 })) });
  await page.evaluate(() => document.getElementById('second').scrollIntoView({ block: 'start' }));
  await nextFrames(page);
  const swipeDown = async () => {
    const box = await page.evaluate(() => { const r = document.getElementById('second').shadowRoot.getElementById('stage').getBoundingClientRect(); return [r.left + r.width * 0.3, r.top + r.height * 0.25]; });
    const [x, y] = box;
    await touch('touchStart', [[x, y]]);
    for (let k = 1; k <= 10; k += 1) await touch('touchMove', [[x, y + 25 * k]]);
    await touch('touchEnd', []);
    await page.waitForTimeout(400);
  };
  const before = await design(page, 'second');
  const scroll0 = await page.evaluate(() => window.scrollY);
  await swipeDown();
  const scroll1 = await page.evaluate(() => window.scrollY);
  assert.ok(scroll0 - scroll1 > 100, `the page scrolled ${scroll0 - scroll1} px under the finger`);
  assert.deepEqual(await design(page, 'second'), before, 'and the designer did not draw');
  await page.screenshot({ path: `${ARTIFACTS}embed-phone-concealed.png` });
  // Tap in: now the same swipe is the designer's (a stroke), and the page stays put.
  await page.evaluate(() => document.getElementById('second').scrollIntoView({ block: 'start' }));
  await nextFrames(page);
  await page.tap('#second #reveal-button');
  assert.equal(await page.isVisible('#second #reveal'), false);
  // The focus goes into the designer just opened, not back to the page's body.
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'second');
  assert.equal(await page.evaluate(() => document.getElementById('second').shadowRoot.activeElement?.closest('.tools') != null), true, 'on its first tool');
  const scroll2 = await page.evaluate(() => window.scrollY);
  await swipeDown();
  assert.ok(Math.abs((await page.evaluate(() => window.scrollY)) - scroll2) < 2, 'the page no longer scrolls under the canvas');
  await page.screenshot({ path: `${ARTIFACTS}embed-phone-revealed.png` });
  assert.deepEqual(problems.filter((p) => !/refused|crosses/.test(p)), []);
  await context.close();
});

test('inside an iframe the designer sizes to the frame, paints and draws with the mouse', async () => {
  const { page, context, problems } = await openDesigner(harness, { path: '/examples/iframe.html', viewport: { width: 1280, height: 900 } });
  const frameElement = await page.waitForSelector('iframe');
  const frame = await frameElement.contentFrame();
  await frame.waitForFunction(() => window.hairline?.ready);
  await frame.evaluate(() => window.hairline.ready);
  const size = await frame.evaluate(() => { const c = document.querySelector('hairline-designer').shadowRoot.getElementById('canvas'); return [c.clientWidth, c.clientHeight]; });
  assert.ok(size[0] > 500 && size[1] > 400, `canvas ${size.join('×')} in the frame`);
  const before = await frame.evaluate(() => window.hairline.getDesign());
  const offset = await frameElement.boundingBox();
  // The wheel over a frame the visitor has not used is the page's (it zoomed at once).
  const zoom = () => frame.evaluate(() => window.hairline.view().pxPerMm);
  const fitted = await zoom();
  await page.mouse.move(offset.x + offset.width / 2, offset.y + offset.height / 2);
  await page.mouse.wheel(0, -120);
  await frame.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  assert.equal(await zoom(), fitted);
  const points = [];
  for (let i = 0; i <= 30; i += 1) {
    const x = 50 + (120 * i) / 30;
    const y = 70 + 0.0025 * (x - 110) ** 2;
    const [cx, cy] = await frame.evaluate((p) => window.hairline.toScreen(p), [x, y]);
    points.push([offset.x + cx, offset.y + cy]);
  }
  await page.mouse.move(...points[0]);
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(...p, { steps: 2 });
  await page.mouse.up();
  await frame.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  const after = await frame.evaluate(() => window.hairline.getDesign());
  assert.notDeepEqual(after.hairline, before.hairline, 'the stroke in the frame reshaped the line');
  await page.screenshot({ path: `${ARTIFACTS}embed-iframe.png` });
  // The frame took the keyboard with the stroke: Ctrl+Z undoes it (it reached nothing).
  await page.keyboard.press('Control+z');
  await frame.waitForFunction((line) => JSON.stringify(window.hairline.getDesign().hairline) === line, JSON.stringify(before.hairline));
  assert.deepEqual(problems, []);
  await context.close();
});

test("the clinic's page keeps its keys: Escape closes its dialog, '-' before any touch zooms nothing, and Ctrl+Z after drawing undoes the stroke, not the visitor's typing", async () => {
  // (600 px tall: the page scrolls. Where the designer is the page, its keys are its own.)
  const { page, context, problems } = await openDesigner(harness, { path: '/examples/plain.html', viewport: { width: 1280, height: 600 } });
  const view = () => page.evaluate(() => document.querySelector('hairline-designer').view().pxPerMm);
  const fitted = await view();
  await page.keyboard.press('-');
  assert.equal(await view(), fitted, 'a key on the page before the designer was used zooms nothing');
  // A dialog of the clinic's (with no designer in it): Escape on its button closes it.
  await page.evaluate(() => {
    const dialog = document.body.appendChild(document.createElement('dialog'));
    dialog.innerHTML = '<p>Book a consultation</p><button>OK</button>';
    dialog.showModal();
    dialog.querySelector('button').focus();
  });
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => document.querySelector('dialog').open), false, "the clinic's dialog closed");
  // The visitor types in the clinic's form, then draws: Ctrl+Z undoes the stroke.
  await page.evaluate(() => document.body.appendChild(document.createElement('input')).focus());
  await page.keyboard.type('John Smith');
  const designer = page.locator('hairline-designer');
  const before = await designer.evaluate((el) => el.getDesign().hairline);
  const points = [];
  for (let i = 0; i <= 20; i += 1) {
    const x = 50 + (120 * i) / 20;
    points.push(await designer.evaluate((el, p) => el.toScreen(p), [x, 68 + 0.0025 * (x - 110) ** 2]));
  }
  await page.mouse.move(...points[0]);
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(...p, { steps: 2 });
  await page.mouse.up();
  await page.waitForFunction((line) => JSON.stringify(document.querySelector('hairline-designer').getDesign().hairline) !== line, JSON.stringify(before));
  await page.keyboard.press('Control+z');
  await page.waitForFunction((line) => JSON.stringify(document.querySelector('hairline-designer').getDesign().hairline) === line, JSON.stringify(before));
  assert.equal(await page.inputValue('body > input'), 'John Smith', "the visitor's typing is kept");
  assert.deepEqual(problems, []);
  await context.close();
});

test("properties a clinic's script set before the designer was defined are kept (storageKey 'none' too), and set again they apply again", async () => {
  // They were lost: the style soft, no preset, and the design written to the default
  // storage key though the clinic asked for nothing to be kept.
  const { page, context, problems } = await openDesigner(harness, { path: '/examples/scripted.html', viewport: { width: 1280, height: 900 } });
  const designer = page.locator('hairline-designer');
  const design = () => designer.evaluate((el) => el.getDesign());
  assert.equal((await design()).style, 'sharp');
  assert.equal((await design()).head?.preset, 'norwood-4');
  assert.equal(await designer.getAttribute('storage-key'), 'none');
  // controls="MINIMAL" (any case, as its check reads it) hides the fine controls.
  assert.equal(await page.isVisible('#params'), false, 'controls="MINIMAL" hides the sliders');
  await page.click('label.choice:has(input[value="soft"])');
  await page.waitForFunction(() => document.querySelector('hairline-designer').getDesign().style === 'soft');
  assert.deepEqual(await page.evaluate(() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)].filter((k) => k.startsWith('hairline'))), [], 'nothing kept');
  // The clinic's "sharp" button sets the value the attribute still holds: it applies again.
  await designer.evaluate((el) => { el.designStyle = 'sharp'; });
  await page.waitForFunction(() => document.querySelector('hairline-designer').getDesign().style === 'sharp');
  // A misspelt reveal is said on screen, not taken silently.
  await designer.evaluate((el) => el.setAttribute('reveal', 'bogus'));
  await page.waitForFunction(() => /reveal must be interaction or none/.test(document.querySelector('hairline-designer').shadowRoot.getElementById('message').textContent));
  // A bad storage-key, read before the designer is up, is said on screen once it is (it was
  // an `error` event only).
  const said = await page.evaluate(async () => {
    const second = document.createElement('hairline-designer');
    second.setAttribute('storage-key', 'no spaces please');
    second.style.height = '500px';
    document.body.append(second);
    await second.ready;
    await new Promise((ok) => setTimeout(ok, 0));
    return second.shadowRoot.getElementById('message').textContent;
  });
  assert.match(said, /storage-key must be up to 100 letters/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("on a clinic's page that scrolls, the wheel scrolls the page until the visitor uses the designer, then zooms it", async () => {
  // Ten wheel notches over the designer zoomed it and left the page where it was.
  const { page, context, problems } = await openDesigner(harness, { path: '/examples/plain.html', viewport: { width: 1280, height: 480 } });
  const designer = page.locator('hairline-designer');
  const box = await designer.boundingBox();
  const zoom = () => designer.evaluate((el) => el.view().pxPerMm);
  const fitted = await zoom();
  await page.mouse.move(box.x + box.width * 0.3, box.y + 150);
  for (let i = 0; i < 3; i += 1) await page.mouse.wheel(0, 120);
  await page.waitForFunction(() => window.scrollY > 0);
  assert.equal(await zoom(), fitted, 'the picture is not zoomed');
  assert.match(await page.textContent('#message'), /click it first or hold Ctrl/);
  // Once the visitor has clicked the picture, the wheel zooms it.
  const at = await designer.evaluate((el) => el.toScreen([110, 150])); // (the face: in view after the scroll)
  await page.mouse.click(...at);
  const scrolled = await page.evaluate(() => window.scrollY);
  await page.mouse.wheel(0, -120);
  await page.waitForFunction((z) => document.querySelector('hairline-designer').view().pxPerMm > z, fitted);
  assert.equal(await page.evaluate(() => window.scrollY), scrolled, 'the page stays');
  assert.deepEqual(problems, []);
  await context.close();
});

/** The plain example page with its designer inside `transform: scale(0.5)`, painted. */
async function openScaledDesigner() {
  const opened = await openDesigner(harness, {
    path: '/examples/plain.html', viewport: { width: 1280, height: 900 },
    beforeLoad: (ctx) => ctx.addInitScript(() => document.addEventListener('DOMContentLoaded', () => {
      const el = document.querySelector('hairline-designer');
      Object.assign(el.style, { transform: 'scale(0.5)', transformOrigin: '0 0' });
    })),
  });
  await opened.page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  return opened;
}

test("inside a page's transform: scale(0.5) the wheel zooms about the pointer, step after step", async () => {
  // While a wheel zoom is under way the picture and its guides are moved by a CSS transform;
  // the pointer's point was worked out with that transform's CSS px taken as client px, and
  // a second step zoomed about a point 20 px from the pointer. Found by a review.
  const { page, context, problems } = await openScaledDesigner();
  const point = [70, 120]; // left of the middle, where a zoom moves what is not under the pointer
  const at = await page.evaluate((p) => document.querySelector('hairline-designer').toScreen(p), point);
  await page.mouse.move(...at);
  for (let k = 0; k < 4; k += 1) {
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -30);
    await page.keyboard.up('Control');
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(ok)));
  }
  await page.evaluate(() => document.querySelector('hairline-designer').ready);
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  const view = await page.evaluate(() => document.querySelector('hairline-designer').view());
  const now = await page.evaluate((p) => document.querySelector('hairline-designer').toScreen(p), point);
  assert.ok(view.pxPerMm > view.fitPxPerMm * 2, `the wheel zoomed in: ${JSON.stringify(view)}`);
  // (Unscaled, four steps to 3.3× leave the point within 2 px: the view's limits.)
  assert.ok(Math.hypot(now[0] - at[0], now[1] - at[1]) < 4, `the point under the pointer stayed: ${at} → ${now}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("inside a page's transform: scale(0.5) the handles sit on the line, and follow the pointer when the scale changes later", async () => {
  // They were placed in client px inside the scaled stage: a handle drawn at (94, 37) for a
  // point at (179, 74), and a drag moved a point away from the circle under the finger.
  const { page, context, problems } = await openScaledDesigner();
  const { knobs, points } = await page.evaluate(() => {
    const el = document.querySelector('hairline-designer');
    const knobs = [...el.shadowRoot.querySelectorAll('.handle')].map((h) => { const r = h.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; });
    return { knobs, points: el.handles().map((p) => el.toScreen(p)) };
  });
  assert.equal(knobs.length, points.length);
  knobs.forEach(([x, y], i) => assert.ok(Math.hypot(x - points[i][0], y - points[i][1]) < 3, `handle ${i} at (${x.toFixed(0)}, ${y.toFixed(0)}), its point at (${points[i].map((v) => v.toFixed(0))})`));
  // The page's transform changes after the start (a dialog's zoom-in ends; no resize follows):
  // a handle dragged 20 px down jumped 31 mm up, as the pointer was read at the old scale.
  await page.evaluate(() => { document.querySelector('hairline-designer').style.transform = 'scale(0.75)'; });
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  const knob = () => page.evaluate(() => {
    const el = document.querySelector('hairline-designer');
    const r = el.shadowRoot.querySelectorAll('.handle')[5].getBoundingClientRect();
    return { at: [r.left + r.width / 2, r.top + r.height / 2], point: el.toScreen(el.handles()[5]) };
  });
  const start = await knob();
  assert.ok(Math.hypot(start.at[0] - start.point[0], start.at[1] - start.point[1]) < 3, `after the new scale, handle 5 at ${start.at}, its point at ${start.point}`);
  await page.mouse.move(...start.at);
  await page.mouse.down();
  await page.mouse.move(start.at[0], start.at[1] + 20, { steps: 5 });
  await page.mouse.up();
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  const end = await knob();
  assert.ok(Math.hypot(end.at[0] - start.at[0], end.at[1] - (start.at[1] + 20)) < 4, `the handle follows the pointer to (${start.at[0].toFixed(0)}, ${(start.at[1] + 20).toFixed(0)}): at (${end.at.map((v) => v.toFixed(0))})`);
  assert.ok(Math.hypot(end.at[0] - end.point[0], end.at[1] - end.point[1]) < 3, 'and sits on its point');
  // A pan (middle button) moves the picture with the pointer, not at the old scale's pace.
  const grip = [end.at[0] + 60, end.at[1] + 60];
  await page.mouse.move(...grip);
  await page.mouse.down({ button: 'middle' });
  await page.mouse.move(grip[0] + 40, grip[1], { steps: 4 });
  await page.mouse.up({ button: 'middle' });
  await page.evaluate(() => document.querySelector('hairline-designer').settled());
  const panned = await knob();
  assert.ok(Math.abs(panned.at[0] - (end.at[0] + 40)) < 3 && Math.abs(panned.at[1] - end.at[1]) < 3, `panned 40 px right, the handle from ${end.at[0].toFixed(0)} to ${panned.at[0].toFixed(0)}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('in a modal dialog with no width, on a right-to-left page and in forced colours the designer is usable', async () => {
  const { page, context, problems } = await openDesigner(harness, { path: '/examples/plain.html', viewport: { width: 1280, height: 900 }, forcedColors: 'active' });
  // Moved into a <dialog> with no width set: it was 0–50 px wide.
  const width = await page.evaluate(async () => {
    document.documentElement.dir = 'rtl';
    const dialog = document.body.appendChild(document.createElement('dialog'));
    dialog.append(document.querySelector('hairline-designer'));
    dialog.showModal();
    await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
    return document.querySelector('hairline-designer').getBoundingClientRect().width;
  });
  assert.ok(width >= 600, `the designer is ${width} px wide in the dialog`);
  // Its own words keep their order on the right-to-left page (the guides read "cm 7.5").
  // (Moved into the dialog, its shadow root's stylesheet is applied again a moment later:
  // read once it is, within a second; one fresh run read the page's rtl before it.)
  await page.waitForFunction(() => getComputedStyle(document.querySelector('hairline-designer').shadowRoot.getElementById('overlay')).direction === 'ltr', null, { timeout: 1000, polling: 50 });
  // In forced colours the chosen style and view still differ from the others.
  const looks = await page.evaluate(() => {
    const root = document.querySelector('hairline-designer').shadowRoot;
    const look = (el) => { const c = getComputedStyle(el); return `${c.backgroundColor} ${c.color} ${c.borderTopColor} ${c.borderTopWidth}`; };
    const span = (checked) => root.querySelector(`.segmented input${checked ? ':checked' : ':not(:checked)'} + span`);
    const choice = (checked) => [...root.querySelectorAll('.choice')].find((c) => c.querySelector('input').checked === checked);
    return { segmented: [look(span(true)), look(span(false))], choice: [look(choice(true)), look(choice(false))] };
  });
  assert.notEqual(looks.segmented[0], looks.segmented[1], `chosen and not chosen look alike: ${looks.segmented}`);
  assert.notEqual(looks.choice[0], looks.choice[1], `chosen style and the others look alike: ${looks.choice}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the designer takes only its own box: the host page does not grow or scroll past it', async () => {
  // The panel's hidden file inputs once hung below the designer (absolutely positioned
  // against the element, not the panel's scroll box): the designer page scrolled into
  // 2,000 px of nothing, and a clinic page jumped when the logo or a file was chosen.
  for (const viewport of [{ width: 1366, height: 1024 }, { width: 390, height: 844 }]) {
    const { page, context, problems } = await openDesigner(harness, { viewport });
    const heights = await page.evaluate(() => ({ doc: document.documentElement.scrollHeight, inner: innerHeight }));
    assert.equal(heights.doc, heights.inner, `the designer page fits the window at ${viewport.width} px: ${JSON.stringify(heights)}`);
    await context.close();
  }
  const { page, context, problems } = await openDesigner(harness, { path: '/embed.html', viewport: { width: 1366, height: 1024 } });
  const bottom = () => page.evaluate(() => {
    const last = [...document.querySelectorAll('hairline-designer')].at(-1).getBoundingClientRect().bottom + scrollY;
    return { doc: document.documentElement.scrollHeight, lastDesigner: Math.round(last) };
  });
  const before = await bottom();
  assert.ok(before.doc - before.lastDesigner < 400, `no empty space below the designers: ${JSON.stringify(before)}`);
  await page.locator('#first').evaluate((el) => el.shadowRoot.getElementById('export-logo').focus());
  assert.deepEqual(await bottom(), before, 'focusing the logo input moves nothing');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a designer taken off the page frees its engine memory and its database connection at once', async () => {
  // Each designer's engine holds its pixels, dots and caches (a few MB). They were freed only
  // when the garbage collector came round, so a page that swaps designers (a host's tabs, a
  // gallery) grew the shared engine memory by about 4 MB a designer: 21 → 60 MB after ten.
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1366, height: 1024 } });
  const wasmMB = () => page.evaluate(() => window.hairline.memoryUse().wasmBytes / 2 ** 20);
  const start = await wasmMB();
  for (let i = 0; i < 10; i += 1) {
    const kept = await page.evaluate(async () => {
      const mine = JSON.stringify(window.hairline.getDesign());
      const el = document.createElement('hairline-designer');
      el.setAttribute('storage-key', 'none');
      el.setAttribute('preset', 'norwood-3');
      el.style.cssText = 'position: fixed; right: 0; bottom: 0; width: 320px; height: 240px';
      document.body.append(el);
      await el.ready;
      el.setDesign({ ...el.getDesign(), density_per_cm2: 70 });
      el.remove();
      await new Promise((ok) => setTimeout(ok, 0));
      el.setAttribute('design-style', 'sharp'); // a removed designer ignores its attributes
      return JSON.stringify(window.hairline.getDesign()) === mine;
    });
    assert.ok(kept, 'the page designer is untouched');
  }
  const grown = (await wasmMB()) - start;
  assert.ok(grown < 20, `engine memory grew ${grown.toFixed(1)} MB for ten designers added and removed`);
  // Each also opened the consultations database for its list, and kept it open: an open
  // connection is a pending activity the browser never collects, and it held the removed
  // designer's consultations store with it (found in the soak's heap snapshots: one per
  // designer added and removed). Only the page's own designer's connection is left.
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { result: prototype } = await cdp.send('Runtime.evaluate', { expression: 'IDBDatabase.prototype' });
  const { objects } = await cdp.send('Runtime.queryObjects', { prototypeObjectId: prototype.objectId });
  const { result: live } = await cdp.send('Runtime.callFunctionOn', { objectId: objects.objectId, functionDeclaration: 'function () { return this.length; }', returnByValue: true });
  assert.ok(live.value <= 1, `${live.value} consultations database connections are open after ten designers were added and removed`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the README's two lines on a plain page: the designer keeps to its default height, head in view", async () => {
  // No box sized around the element (www/examples/plain.html): it was 34 rem tall but its
  // stage grew to the panel's whole length (3,100 px on a laptop, the head drawn 1,700 px
  // down, out of sight) and, on a phone, to 0 px.
  for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    const { page, context, problems } = await openDesigner(harness, { path: '/examples/plain.html', viewport, hasTouch: viewport.width < 500 });
    const box = await page.evaluate(() => {
      const el = document.querySelector('hairline-designer');
      const r = (e) => { const b = e.getBoundingClientRect(); return { top: b.top, bottom: b.bottom, height: b.height }; };
      return { element: r(el), stage: r(el.shadowRoot.getElementById('stage')), panel: r(el.shadowRoot.querySelector('.panel')), head: el.toScreen([110, 150]), fontSize: parseFloat(getComputedStyle(document.documentElement).fontSize) };
    });
    const at = `${viewport.width}×${viewport.height}: ${JSON.stringify(box)}`;
    assert.ok(Math.abs(box.element.height - 34 * box.fontSize) < 1, `the element takes its default 34 rem, ${at}`);
    for (const part of ['stage', 'panel']) {
      assert.ok(box[part].top >= box.element.top - 1 && box[part].bottom <= box.element.bottom + 1, `the ${part} stays inside the element, ${at}`);
    }
    assert.ok(box.stage.height > 0.5 * box.element.height, `the stage has most of the element, ${at}`);
    assert.ok(box.panel.height > 0.3 * box.element.height, `the panel has room to use (it shrank to a 27 px strip on a phone), ${at}`);
    assert.ok(box.head[1] > box.stage.top && box.head[1] < box.stage.bottom, `the head's crown is in the stage, ${at}`);
    const { dark } = await darkPixels(page, 'hairline-designer');
    assert.ok(dark > 500, `dots painted on the canvas (${dark} dark pixels), ${at}`);
    await page.screenshot({ path: `${ARTIFACTS}/plain-page-${viewport.width}.png` });
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('a designer taken off the page and added back starts again; while off, its calls say so', async () => {
  // Found by an exploratory pass: added back, it showed its old picture with no handles,
  // drawing did nothing and every call failed with "null pointer passed to rust".
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1366, height: 1024 } });
  const result = await page.evaluate(async () => {
    const el = document.createElement('hairline-designer');
    el.setAttribute('storage-key', 'none');
    el.style.cssText = 'position: fixed; right: 0; bottom: 0; width: 480px; height: 420px';
    document.body.append(el);
    await el.ready;
    el.remove();
    await new Promise((ok) => setTimeout(ok, 0));
    let whileOff = '';
    try { el.stats(); } catch (error) { whileOff = error.message; }
    document.body.append(el);
    await el.ready;
    el.setDesign({ ...el.getDesign(), density_per_cm2: 60 });
    return {
      whileOff,
      density: el.getDesign().density_per_cm2,
      dots: el.stats().dots,
      handles: el.shadowRoot.querySelectorAll('#handles .handle').length,
      presets: el.shadowRoot.querySelectorAll('#presets .preset').length,
    };
  });
  assert.equal(result.whileOff, 'This designer was taken off the page: add it back and await its ready promise first.');
  assert.equal(result.density, 60);
  assert.ok(result.dots > 1000, `${result.dots} impressions`);
  assert.ok(result.handles > 3, `${result.handles} handles`);
  assert.ok(result.presets > 10, `${result.presets} preset pictures`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("in Spanish the plan sheet's own words and the consultations' rows are Spanish", async () => {
  // "The plan / Client / Date / Head / Style / Treated area / Zone / Area" stayed English
  // beside "Piel / Densidad / Impresiones" (the engine's sentences stay English by design).
  const { page, context, problems } = await openDesigner(harness, { path: '/embed.html', viewport: { width: 1280, height: 900 } });
  await page.evaluate(() => { document.getElementById('first').lang = 'es'; }); // (the second, in Spanish, has minimal controls)
  // (The list is read from the browser's database after the designer is ready.)
  await page.waitForFunction(() => /Aún no hay consultas guardadas\./.test(document.getElementById('first').shadowRoot.getElementById('c-list').textContent));
  // The status line and the handles' names are Spanish too, with decimal commas (they were
  // "6,368 impressions · 90.7 cm² treated · … After session 3 of 3").
  await page.waitForFunction(() => /impresiones .*\scm² tratados · media .* · Tras la sesión 3 de 3, cicatrizado/.test(document.getElementById('first').shadowRoot.getElementById('status').textContent));
  assert.match(await page.textContent('#first #status'), /\d,\d\scm²/);
  await page.evaluate(() => document.getElementById('first').setDesign({ ...document.getElementById('first').getDesign(), density_per_cm2: 85 }));
  await page.waitForFunction(() => /^Punto 1 de \d+ de la línea: .*cm a la izquierda de la línea media/.test(document.getElementById('first').shadowRoot.querySelector('.handle').getAttribute('aria-label')));
  await page.click('#first #print-plan');
  await page.waitForSelector('#first #plan-dialog:not([hidden]) img');
  const sheet = await page.textContent('#first #plan-body');
  for (const words of ['El plan', 'Cliente', 'Fecha', 'Cabeza', 'Estilo', 'Zona tratada', 'Se cuenta', 'Sesión', 'Agujas', 'Pigmento restante', 'Fuentes de las cifras']) {
    assert.ok(sheet.includes(words), `"${words}" on the Spanish plan sheet`);
  }
  for (const words of [/The plan/, /\bClient\b/, /Treated area/, /Sources of the figures/]) assert.doesNotMatch(sheet, words, 'left in English');
  // Its sentences too: they were the engine's English ("template head: shaved or bald, man,
  // front view", "full density behind the hairline", "foundation: …", "2 years on", "No
  // top-up planned yet…", the notice and the sources), the hand-over a client takes home.
  for (const words of ['cabeza modelo: Norwood III, hombre, de frente', 'densidad completa por detrás de la línea', 'impresiones/cm² por detrás de la línea',
    'base: la línea', 'día 14', '2 años después', 'Esta imagen es una ilustración', 'Ritmo: unas 14.000 impresiones']) {
    assert.ok(sheet.includes(words), `"${words}" on the Spanish plan sheet`);
  }
  assert.match(sheet, /Aún no hay retoque previsto|Retoque previsto a los/);
  for (const english of [/template head/, /behind the (line|hairline)/, /foundation:/, /impressions an hour/, /not a guarantee/, /years on/, /top-up/i, /\bRate:/, /\bday \d/]) {
    assert.doesNotMatch(sheet, english, 'an engine sentence left in English');
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('a refusal goes once a good value is taken; a bad theme and a late storage key are said', async () => {
  // Found by an exploratory pass: after age="old" then age="5" the stage showed 5 years
  // under "age must be…"; theme="neon" and a storage-key changed later were taken silently.
  const { page, context, problems } = await openDesigner(harness, { path: '/embed.html', viewport: { width: 1366, height: 1024 } });
  await page.evaluate(() => document.getElementById('first').ready);
  await page.evaluate(() => {
    window.errors = [];
    document.getElementById('first').addEventListener('error', (e) => window.errors.push(e.detail.message));
  });
  const message = () => page.evaluate(() => {
    const m = document.getElementById('first').shadowRoot.getElementById('message');
    return m.hidden ? '' : m.textContent;
  });
  await page.evaluate(() => document.getElementById('first').setAttribute('age', 'old'));
  await page.waitForFunction(() => !document.getElementById('first').shadowRoot.getElementById('message').hidden);
  assert.match(await message(), /age must be/);
  await page.evaluate(() => document.getElementById('first').setAttribute('age', '5'));
  await settle(page);
  assert.equal(await message(), '', 'the refusal went once 5 years was shown');
  await page.evaluate(() => { document.getElementById('first').setAttribute('theme', 'neon'); document.getElementById('first').setAttribute('storage-key', 'elsewhere'); });
  await page.waitForFunction(() => window.errors.length >= 2);
  const errors = await page.evaluate(() => window.errors);
  assert.ok(errors.some((e) => /^theme must be light or dark, not “neon”: the light theme is used\.$/.test(e)), errors.join(' | '));
  assert.ok(errors.some((e) => /^storage-key is read when the designer starts/.test(e)), errors.join(' | '));
  // A session past the plan's: the last is shown, and said.
  await page.evaluate(() => document.getElementById('first').setAttribute('session', '4'));
  await page.waitForFunction(() => window.errors.some((e) => e.startsWith('This plan has')));
  assert.ok((await page.evaluate(() => window.errors)).includes('This plan has 3 sessions: session="4" shows the last, session 3.'));
  assert.deepEqual(problems, []);
  await context.close();
});
