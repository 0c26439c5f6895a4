// Autosave and crash recovery in the real page: a reload brings the last design back, and
// an engine crash blocks input behind a dialog whose button reloads with the saved design.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, openDesigner, ARTIFACTS } from './harness.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.close(); });

test('a reload restores the last design from this device', async () => {
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1280, height: 900 } });
  await page.click('label.choice:has(input[value="sharp"])');
  await page.waitForFunction(() => window.hairline.getDesign().style === 'sharp');
  const before = await page.evaluate(() => window.hairline.getDesign());
  await page.reload();
  await page.evaluate(() => window.hairline.ready);
  assert.deepEqual(await page.evaluate(() => window.hairline.getDesign()), before);
  assert.match(await page.textContent('#message'), /Restored your last design/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('two tabs: each reload brings back its own design; a new tab opens the newest', async () => {
  // A technician with the designer open twice: a touch in the old tab replaced the other
  // tab's saved design, and a reload there "restored" the old tab's.
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1280, height: 900 } });
  const other = await context.newPage();
  await other.goto(harness.url + '/');
  await other.evaluate(() => window.hairline.ready);
  await page.click('label.choice:has(input[value="sharp"])');
  await page.waitForFunction(() => window.hairline.getDesign().style === 'sharp');
  const mine = await page.evaluate(() => window.hairline.getDesign());
  await other.click('label.choice:has(input[value="density-only"])');
  await other.waitForFunction(() => window.hairline.getDesign().style === 'density-only');
  await page.reload();
  await page.evaluate(() => window.hairline.ready);
  assert.deepEqual(await page.evaluate(() => window.hairline.getDesign()), mine, "the tab's own design");
  const fresh = await context.newPage();
  await fresh.goto(harness.url + '/');
  await fresh.evaluate(() => window.hairline.ready);
  assert.equal(await fresh.evaluate(() => window.hairline.getDesign().style), 'density-only', 'the newest');
  assert.deepEqual(problems, []);
  await context.close();
});

test('an engine crash blocks input and offers to reload with the saved design', async () => {
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1024, height: 768 }, hasTouch: true });
  await page.tap('label.choice:has(input[value="density-only"])');
  await page.waitForFunction(() => window.hairline.getDesign().style === 'density-only');
  const saved = await page.evaluate(() => window.hairline.getDesign());
  // What a Rust panic looks like to the page: an uncaught WebAssembly trap.
  await page.evaluate(() => window.dispatchEvent(new ErrorEvent('error', { error: new WebAssembly.RuntimeError('unreachable') })));
  const dialog = page.getByRole('alertdialog');
  await dialog.waitFor();
  await page.screenshot({ path: `${ARTIFACTS}crash-dialog-1024x768.png` });
  // The dialog covers the controls: a tap on a style does not reach them.
  await page.tap('label.choice:has(input[value="soft"])', { force: true });
  assert.equal(await page.evaluate(() => window.hairline.getDesign().style), 'density-only');
  await Promise.all([page.waitForEvent('load'), dialog.getByRole('button', { name: 'Reload and restore' }).click()]);
  await page.evaluate(() => window.hairline.ready);
  assert.deepEqual(await page.evaluate(() => window.hairline.getDesign()), saved);
  assert.deepEqual(problems, []);
  await context.close();
});
