// Shows where the demo soak's slow JS-heap creep comes from (README, "Demo and kiosk mode"):
// Chromium keeps the last 200 `longtask` and 200 `long-animation-frame` performance entries
// of a page (with their script attribution) for observers that ask for buffered entries,
// whether or not anyone asks. The demo has a few tasks over 50 ms a minute (painting a new
// preset's head), so its heap grows by about 0.5 KB an entry until both buffers are full
// (about 40 minutes), then stops. This script makes 400 tasks of 60 ms in an empty page and
// prints the heap and the buffer sizes after every 50.
//   node tests/e2e/timeline-buffer.mjs

import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from './harness.mjs';

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
const page = await browser.newPage();
await page.goto('data:text/html,<p>an empty page</p>');
const cdp = await page.context().newCDPSession(page);
const heap = async () => {
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
};
const buffered = (type) => page.evaluate((t) => new Promise((ok) => {
  new PerformanceObserver((list, observer) => { ok(list.getEntries().length); observer.disconnect(); }).observe({ type: t, buffered: true });
  setTimeout(() => ok(0), 500);
}), type);
const base = await heap();
for (let round = 1; round <= 8; round += 1) {
  await page.evaluate(async () => {
    for (let i = 0; i < 50; i += 1) {
      const t = performance.now();
      while (performance.now() - t < 60) { /* a 60 ms task */ }
      await new Promise((ok) => setTimeout(ok, 5));
    }
  });
  const grown = ((await heap()) - base) / 1024;
  console.log(`${round * 50} long tasks: heap +${grown.toFixed(0)} KB, buffered longtask ${await buffered('longtask')}, long-animation-frame ${await buffered('long-animation-frame')}`);
}
await browser.close();
