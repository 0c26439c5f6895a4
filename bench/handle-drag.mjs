// The handle drag of bench/interaction.mjs (issue 12), two or more builds side by side in one
// run: each build loaded in turn on a throttled phone (alternating order, so that the machine's
// drift falls on all alike), its preset pictures left to paint, then a hairline handle dragged
// 12 mm in 30 steps while the frame intervals are recorded; prints p90, max and mean for each
// load, the longest interval of the press (the first ten) and of the release (the last
// twenty), and a summary per build. `AGAIN=1` drags the handle there and back first on the
// same page and measures the drag after: code the page has run warm (a fresh page's
// WebAssembly runs in baseline code until it has run enough). A benchmark, not a test.
//   node bench/handle-drag.mjs OLD_WWW NEW_WWW        RUNS=3 RATE=4 DEVICE=phone WAIT=2500 AGAIN=

import { chromium } from 'playwright-core';
import { serve } from '../scripts/static-server.mjs';
import { CHROMIUM_ARGS, DEVICES, firstPictures } from './interaction.mjs';
async function framesDuring(page, act) {
  await page.evaluate(() => { window.__frames = []; window.__recording = true; const tick = (t) => { window.__frames.push(t); if (window.__recording) requestAnimationFrame(tick); }; requestAnimationFrame(tick); });
  await act();
  await page.waitForTimeout(150);
  const times = await page.evaluate(() => { window.__recording = false; return window.__frames; });
  const inOrder = times.slice(1).map((t, i) => t - times[i]);
  const gaps = [...inOrder].sort((a, b) => a - b);
  return {
    p90: gaps[Math.floor(gaps.length * 0.9)], max: gaps.at(-1), mean: gaps.reduce((s, g) => s + g, 0) / gaps.length, n: gaps.length,
    press: Math.max(...inOrder.slice(0, 10)), release: Math.max(...inOrder.slice(-20)),
  };
}
async function mouseDrag(page, a, b, steps = 30) {
  await page.mouse.move(...a); await page.mouse.down();
  for (let k = 1; k <= steps; k += 1) { await page.mouse.move(a[0] + ((b[0] - a[0]) * k) / steps, a[1] + ((b[1] - a[1]) * k) / steps); await page.evaluate(() => new Promise((ok) => requestAnimationFrame(ok))); }
  await page.mouse.up();
}
const roots = process.argv.slice(2);
if (roots.length < 2) {
  console.error('usage: node bench/handle-drag.mjs OLD_WWW NEW_WWW [MORE_WWW …]');
  process.exit(2);
}
const servers = await Promise.all(roots.map((r) => serve(r, 0)));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
const res = roots.map(() => []);
for (let run = 0; run < Number(process.env.RUNS ?? 3); run++) {
  for (const i of (run % 2 ? [...roots.keys()].reverse() : [...roots.keys()])) {
    const context = await browser.newContext(DEVICES[process.env.DEVICE ?? 'phone']);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(process.env.RATE ?? 4) });
    await page.goto(servers[i].url, { waitUntil: 'commit' });
    await firstPictures(page);
    await page.waitForTimeout(Number(process.env.WAIT ?? 2500));
    const handles = await page.evaluate(() => window.hairline.handles());
    const mid = handles.reduce((best, p) => (Math.abs(p[0] - 110) < Math.abs(best[0] - 110) ? p : best));
    const a = await page.evaluate((p) => window.hairline.toScreen(p), mid);
    const b = await page.evaluate((p) => window.hairline.toScreen([p[0], p[1] + 12]), mid);
    if (process.env.AGAIN) {
      await mouseDrag(page, a, b, 30);
      await page.waitForTimeout(800);
      await mouseDrag(page, b, a, 30);
      await page.waitForTimeout(1500);
    }
    const r = await framesDuring(page, () => mouseDrag(page, a, b, 30));
    res[i].push(r);
    console.log(roots[i], JSON.stringify({ p90: r.p90.toFixed(0), max: r.max.toFixed(0), press: r.press.toFixed(0), release: r.release.toFixed(0), mean: r.mean.toFixed(1), n: r.n }));
    await context.close();
  }
}
for (const [i, rs] of res.entries()) console.log(roots[i].padEnd(20), 'mean of means', (rs.reduce((s, r) => s + r.mean, 0) / rs.length).toFixed(1), 'p90s', rs.map((r) => r.p90.toFixed(0)).join(','), 'maxes', rs.map((r) => r.max.toFixed(0)).join(','), 'press', rs.map((r) => r.press.toFixed(0)).join(','), 'release', rs.map((r) => r.release.toFixed(0)).join(','));
await browser.close(); for (const s of servers) s.server.close();
