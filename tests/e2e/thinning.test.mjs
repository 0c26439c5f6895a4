// End-to-end: the template head with generated thinning hair (issue 5), in Debian's
// Chromium: the "Try on a template with thinning hair" control, reached by keyboard, turns
// the style density-only, paints dots on the generated head, shows the contrast in plain
// words, and goes back to the bare template; no console error, failed or foreign request.
// The head is made in the engine worker (issue 13): from the click until its dots and words
// show, no main-thread task over 250 ms (Long Tasks API; the longest is reported), the
// message line says "Preparing the thinning-hair head…", and the figures are those of the
// head made on the main thread. Screenshot in tests/artifacts/thinning-1366x1024.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, openDesigner, ARTIFACTS, settle } from './harness.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.close(); });

test('the thinning-hair template: density-only dots and contrast words without a photo', async () => {
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1366, height: 1024 } });
  const button = page.locator('#photo-thinning');
  const box = await button.boundingBox();
  assert.ok(box.height >= 44 && box.width >= 44, `touch target ${box.width} × ${box.height}`);
  await button.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('hairline-designer').dataset.photo === 'thinning', null, { timeout: 30000 });
  const design = await page.evaluate(() => window.hairline.getDesign());
  assert.equal(design.style, 'density-only');
  // The design names the head shown, as a saved file and `designchange` carry it (it still
  // named the head before, a man's; found by a user pass).
  assert.deepEqual([design.head.preset, design.head.sex, design.head.view], ['ludwig-2', 'female', 'front']);
  assert.equal(await page.inputValue('#skin-type'), '2', 'the template skin is Fitzpatrick II');
  await page.waitForFunction(() => !document.querySelector('hairline-designer').shadowRoot.getElementById('contrast-words').hidden, null, { timeout: 10000 });
  const words = await page.textContent('#contrast-words');
  assert.match(words, /less|more/i, words);
  const impressions = Number((words.match(/\(([\d,]+) impressions/) ?? [, '0'])[1].replace(/,/g, ''));
  assert.ok(impressions > 100, `dots painted: ${words}`);
  await page.screenshot({ path: `${ARTIFACTS}thinning-1366x1024.png` });
  // The eyedropper takes a plain tap (click) on a lock of hair beside the face.
  await page.click('#photo-eyedropper');
  assert.equal(await page.getAttribute('#photo-eyedropper', 'aria-pressed'), 'true');
  const [hx, hy] = await page.evaluate(() => window.hairline.toScreen([48, 200]));
  await page.mouse.click(hx, hy);
  await page.waitForFunction(() => document.querySelector('hairline-designer').shadowRoot.getElementById('photo-eyedropper').getAttribute('aria-pressed') === 'false');
  await page.click('#photo-template');
  const back = await page.evaluate(() => window.hairline.getDesign());
  assert.notEqual(back.style, 'density-only');
  assert.equal(back.px_per_mm, undefined);
  assert.deepEqual(problems, [], `problems: ${JSON.stringify(problems)}`);
  await context.close();
});

test('the thinning-hair head is made off the main thread: no long task, progress shown, same picture', async (t) => {
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1366, height: 1024 } });
  // Every main-thread task over 50 ms (Long Tasks API, buffered) and every gap between
  // animation frames from the click until the head, its dots and its contrast words show;
  // and what the message line says meanwhile.
  const t0 = await page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__long.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    window.__gaps = [];
    let last = performance.now();
    const tick = (now) => { window.__gaps.push(now - last); last = now; if (!window.__stop) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    const root = document.querySelector('hairline-designer').shadowRoot;
    window.__said = [];
    new MutationObserver(() => window.__said.push(root.getElementById('message').textContent))
      .observe(root.getElementById('message'), { childList: true, characterData: true, subtree: true });
    return performance.now();
  });
  await page.click('#photo-thinning');
  await page.waitForFunction(() => document.querySelector('hairline-designer').dataset.photo === 'thinning', null, { timeout: 30000 });
  await page.waitForFunction(() => !document.querySelector('hairline-designer').shadowRoot.getElementById('contrast-words').hidden, null, { timeout: 10000 });
  await settle(page);
  const seen = await page.evaluate((from) => {
    window.__stop = true;
    return {
      long: window.__long.filter((e) => e.start >= from - 1),
      gaps: window.__gaps,
      said: window.__said,
      ms: performance.now() - from,
    };
  }, t0);
  const worst = Math.max(0, ...seen.long.map((e) => e.duration));
  const gap = Math.max(...seen.gaps);
  t.diagnostic(`thinning head ready in ${seen.ms.toFixed(0)} ms; longest main-thread task ${worst.toFixed(0)} ms (${seen.long.length} over 50 ms); largest gap between frames ${gap.toFixed(0)} ms`);
  assert.ok(worst <= 250, `a main-thread task took ${worst.toFixed(0)} ms: ${JSON.stringify(seen.long)}`);
  assert.ok(seen.said.includes('Preparing the thinning-hair head…'), `the status said ${JSON.stringify(seen.said)}`);
  assert.equal(await page.textContent('#message'), '', 'the progress message goes once the head shows');
  // The head came from the worker: the same picture and figures as made on this thread.
  const design = await page.evaluate(() => window.hairline.getDesign());
  assert.equal(design.style, 'density-only');
  const here = await page.evaluate(async () => {
    const engine = await import('/pkg/hairline.js');
    await engine.default(); // the page's own copy is in its bundle: this one starts itself
    const d = new engine.Designer(engine.defaultDesign());
    const region = d.show_thinning_template(2);
    d.set_design({ ...window.hairline.getDesign(), scalp: region });
    const c = d.contrast();
    const { label } = d.stage();
    d.free();
    return { dots: c.dots, rms: [c.rms_before, c.rms_after], summary: c.summary, label };
  });
  const words = await page.textContent('#contrast-figures');
  assert.ok(words.includes(`${here.rms[0].toFixed(3)} → ${here.rms[1].toFixed(3)}`), `${words} vs ${JSON.stringify(here)}`);
  // The page says the engine's own summary (the page builds it from the figures, so that it
  // can say it in the visitor's language).
  const sentence = (await page.textContent('#contrast-words')).replace(/\u00a0/g, ' '); // no-break spaces before %
  const engineSays = `${here.summary[0].toUpperCase()}${here.summary.slice(1)}: ${here.label.replace(/^A/, 'a')} (${here.dots.toLocaleString('en')} impressions`;
  assert.ok(sentence.startsWith(engineSays), `${sentence} vs ${engineSays}`);
  // On a Spanish page the sentence and the figures are Spanish, with decimal commas.
  await page.evaluate(() => { document.documentElement.lang = 'es'; });
  await page.waitForFunction(() => document.querySelector('hairline-designer').shadowRoot.getElementById('contrast-figures').textContent.startsWith('Contraste'));
  const spanish = { words: (await page.textContent('#contrast-words')).replace(/\u00a0/g, ' '), figures: await page.textContent('#contrast-figures') };
  assert.match(spanish.words, /^De cerca, el cuero cabelludo se ve (un \d+ % menos|más o menos como antes).*: tras la sesión \d de \d, .*\(\d[\d.]* impresiones, \d+ % sobre cuero cabelludo visible\)\.$/, spanish.words);
  assert.ok(spanish.figures.includes(`${here.rms[0].toFixed(3).replace('.', ',')} → ${here.rms[1].toFixed(3).replace('.', ',')}`), spanish.figures);
  await page.evaluate(() => { document.documentElement.lang = 'en'; });
  assert.deepEqual(problems, [], `problems: ${JSON.stringify(problems)}`);
  await context.close();
});

// Found by an exploratory pass: a reload on the thinning-hair head brought back the
// short-haired template head (only template designs were saved), and scars added there
// were counted (1,256 impressions under the hair) but neither drawn nor given handles.
test('the thinning-hair head: a reload brings it back with the design, and scars are not offered on it', async () => {
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1366, height: 1024 } });
  const thinning = () => page.waitForFunction(() => document.querySelector('hairline-designer').dataset.photo === 'thinning', null, { timeout: 30000 });
  // Scars on the bald head first: the thinning head leaves them out of its figures.
  await page.click('#add-strip');
  await page.click('#add-fue');
  await settle(page);
  await page.click('#photo-thinning');
  await thinning();
  await settle(page);
  const withMarks = await page.evaluate(() => ({ design: window.hairline.getDesign(), dots: window.hairline.stats().dots }));
  assert.equal(withMarks.design.marks?.length, 2, 'the scars stay in the design');
  const bare = await page.evaluate((design) => {
    const { marks, ...rest } = design;
    window.hairline.setDesign(rest);
    return window.hairline.stats().dots;
  }, withMarks.design);
  assert.equal(withMarks.dots, bare, 'scars left out on the thinning head: no impressions nobody sees');
  assert.equal(await page.isDisabled('#add-strip'), true);
  assert.equal(await page.isVisible('#marks-on-photo'), true);
  assert.match(await page.textContent('#marks-on-photo'), /not on the long-haired head or a photo/);
  // Density changed on the thinning head, then a reload: the same head and design.
  await page.evaluate(() => window.hairline.undo());
  // A treated area of its own too (drawn with the photo tools on that head): it comes back
  // as drawn, not as the head's default region.
  await page.evaluate(() => {
    const d = window.hairline.getDesign();
    const [cx, cy] = d.scalp.reduce(([x, y], p) => [x + p[0] / d.scalp.length, y + p[1] / d.scalp.length], [0, 0]);
    window.hairline.setDesign({ ...d, density_per_cm2: 30, scalp: d.scalp.map(([x, y]) => [Math.round((cx + 0.8 * (x - cx)) * 100) / 100, Math.round((cy + 0.8 * (y - cy)) * 100) / 100]) });
  });
  const before = await page.evaluate(() => window.hairline.getDesign());
  await page.reload();
  await page.evaluate(() => window.hairline.ready);
  // Made in the engine worker after the reload too, not on the page's thread.
  const longest = await page.evaluate(() => new Promise((ok) => {
    new PerformanceObserver((list) => ok(Math.max(0, ...list.getEntries().map((e) => e.duration)))).observe({ type: 'longtask', buffered: true });
    setTimeout(() => ok(0), 200);
  }));
  assert.ok(longest <= 700, `the longest task after the reload took ${longest.toFixed(0)} ms (the head made on the page's thread takes a second)`);
  assert.equal(await page.evaluate(() => document.querySelector('hairline-designer').dataset.photo), 'thinning');
  assert.deepEqual(await page.evaluate(() => window.hairline.getDesign()), before);
  assert.equal(await page.textContent('#message'), 'Restored your last design from this device, on the long-haired head.', 'no "Reset to preset line" where there is no line');
  // Back on the bald head, scars are offered again.
  await page.click('#photo-template');
  assert.equal(await page.isDisabled('#add-strip'), false);
  assert.equal(await page.isVisible('#marks-on-photo'), false);
  assert.deepEqual(problems, [], `problems: ${JSON.stringify(problems)}`);
  await context.close();
});

test('in a dark-themed designer the long-haired head stands before a dark wall, not in a light box', async () => {
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1366, height: 900 } });
  await page.evaluate(() => { document.querySelector('hairline-designer').theme = 'dark'; });
  await page.click('#photo-thinning');
  await page.waitForFunction(() => document.querySelector('hairline-designer').dataset.photo === 'thinning', null, { timeout: 30000 });
  await settle(page);
  // The picture's colour at template mm points: the wall beside the head's top corners, and
  // the middle of the face.
  const colourAt = (mm) => page.evaluate(([x, y]) => {
    const [cx, cy] = window.hairline.toScreen([x, y]);
    const canvas = document.querySelector('hairline-designer').shadowRoot.getElementById('canvas');
    const box = canvas.getBoundingClientRect();
    const px = Math.round((cx - box.left) * canvas.width / box.width);
    const py = Math.round((cy - box.top) * canvas.height / box.height);
    const copy = Object.assign(document.createElement('canvas'), { width: 1, height: 1 });
    const ctx = copy.getContext('2d', { willReadFrequently: true });
    ctx.drawImage(canvas, px, py, 1, 1, 0, 0, 1, 1);
    return [...ctx.getImageData(0, 0, 1, 1).data.slice(0, 3)];
  }, mm);
  for (const wall of [[6, 8], [214, 8]]) {
    const rgb = await colourAt(wall);
    assert.ok(rgb.every((c) => c < 60), `the wall at ${wall} mm is ${rgb} (the template's light grey is 238, 240, 243)`);
  }
  const face = await colourAt([110, 150]);
  assert.ok(face[0] > 150 && face[0] > face[2], `the face is skin: ${face}`);
  await page.screenshot({ path: `${ARTIFACTS}thinning-dark-1366x900.png` });
  // The theme switched back while the head is shown (a clinic site's own dark-mode switch):
  // the wall follows; the design, its undo and the view stay.
  const density = await page.evaluate(() => window.hairline.getDesign().density_per_cm2);
  await page.evaluate((d) => window.hairline.setDesign({ ...window.hairline.getDesign(), density_per_cm2: d + 10 }), density);
  const edited = await page.evaluate(() => ({ design: window.hairline.getDesign(), at: window.hairline.toScreen([110, 150]) }));
  await page.evaluate(() => { document.querySelector('hairline-designer').theme = 'light'; });
  await page.waitForFunction(() => document.querySelector('hairline-designer').dataset.photo === 'thinning');
  let wall = null;
  for (let i = 0; i < 100; i += 1) {
    await settle(page);
    wall = await colourAt([6, 8]);
    if (wall.every((c) => c > 200)) break;
    await page.waitForTimeout(100);
  }
  assert.ok(wall.every((c) => c > 200), `the wall after the switch to the light theme: ${wall}`);
  assert.deepEqual(await page.evaluate(() => ({ design: window.hairline.getDesign(), at: window.hairline.toScreen([110, 150]) })), edited);
  await page.evaluate(() => window.hairline.undo());
  assert.equal(await page.evaluate(() => window.hairline.getDesign().density_per_cm2), density, 'the edit before the switch is still undone by Undo');
  assert.deepEqual(problems, [], `problems: ${JSON.stringify(problems)}`);
  await context.close();
});
