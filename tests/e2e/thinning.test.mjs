// End-to-end: the template head with generated thinning hair (issue 5), in Debian's
// Chromium: the "Try on a template with thinning hair" control, reached by keyboard, turns
// the style density-only, paints dots on the generated head, shows the contrast in plain
// words, and goes back to the bare template; no console error, failed or foreign request.
// Screenshot in tests/artifacts/thinning-1366x1024.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, openDesigner, ARTIFACTS } from './harness.mjs';

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
