// End-to-end: the designer with no network. The first visit caches it (service worker);
// with the network cut, a reload opens the designer and drawing, the sliders and the export
// all work. A new version waits for the visitor: "Update available: reload".

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { startHarness, openDesigner } from './harness.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.close(); });

const controlled = (page) => page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });

test('offline: after one visit, a reload with no network opens the designer and everything works', async () => {
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1280, height: 900 } });
  await controlled(page);
  const caches = await page.evaluate(async () => {
    const keys = await caches.keys();
    const cache = await caches.open(keys[0]);
    return { keys, count: (await cache.keys()).length };
  });
  assert.equal(caches.keys.length, 1);
  assert.match(caches.keys[0], /^hairline-[0-9a-f]{16}$/);
  assert.ok(caches.count > 20, `${caches.count} files cached`);
  await context.setOffline(true);
  await page.reload();
  await page.evaluate(() => window.hairline.ready);
  const stats = await page.evaluate(() => window.hairline.stats());
  assert.ok(stats.dots > 1000, `dots offline: ${stats.dots}`);
  // Sliders and export work offline.
  await page.evaluate(() => window.hairline.setDesign({ ...window.hairline.getDesign(), density_per_cm2: 70 }));
  const size = await page.evaluate(async () => (await window.hairline.exportPNG({ kind: 'after', width: 400 })).size);
  assert.ok(size > 10_000);
  // A page with a query (the kiosk's ?demo) is the same cached page.
  await page.goto(`${harness.url}/?kiosk=1`);
  await page.evaluate(() => window.hairline.ready);
  assert.equal(await page.evaluate(() => window.hairline.getDesign().density_per_cm2), 70, 'the autosaved design, offline');
  await context.setOffline(false);
  assert.deepEqual(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED/.test(p)), []);
  await context.close();
});

test('a new version is offered, not forced: "Update available: reload" reloads on a tap', async () => {
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1280, height: 900 } });
  await controlled(page);
  assert.equal(await page.isHidden('#update'), true);
  // Publish a new version: the manifest changes, as after a new build.
  const manifest = new URL('../../www/pkg/precache-manifest.js', import.meta.url).pathname;
  const original = await readFile(manifest, 'utf8');
  try {
    await writeFile(manifest, original.replace(/"version":"[0-9a-f]+"/, '"version":"0000000000000001"'));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await page.waitForSelector('#update:not([hidden])', { timeout: 30_000 });
    const marker = await page.evaluate(() => { window.__stillHere = true; return true; });
    assert.ok(marker);
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(() => window.__stillHere), true, 'no reload by itself');
    await Promise.all([page.waitForEvent('load'), page.click('#update button')]);
    await page.evaluate(() => window.hairline.ready);
    assert.deepEqual(await page.evaluate(async () => caches.keys()), ['hairline-0000000000000001'], 'the old cache is removed');
  } finally {
    await writeFile(manifest, original);
  }
  assert.deepEqual(problems, []);
  await context.close();
});
