// The long demo soak (scripts/demo-soak; not part of the test suite, which runs two minutes
// of the demo): runs the attract loop in Debian's Chromium for MINUTES (default 30), with a
// visitor's touch and the idle wipe every third minute (from the first), reads the memory the designer holds
// (JS heap with precise figures, wasm linear memory) every minute, and fails if the memory
// of the last visitor cycle is more than 10 % above that of the first settled one, or on
// any console error. The memory is a saw-tooth with one tooth per visitor (3 minutes), so
// like is compared with like: the highest reading of minutes 2-4 (settled: the loop and a
// visit have both run) against the highest of the last three minutes.
//   MINUTES=30 node tests/e2e/demo-soak.mjs

import { startHarness, openDesigner } from './harness.mjs';

const minutes = Number(process.env.MINUTES ?? 30);
const harness = await startHarness();
let failed = false;
try {
  const { page, context, problems } = await openDesigner(harness, { path: '/?demo&idle=20', viewport: { width: 1280, height: 800 }, hasTouch: true });
  const cdp = await context.newCDPSession(page);
  const readings = [];
  const read = async (minute) => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const { wasmBytes } = await page.evaluate(() => window.hairline.memoryUse());
    readings.push({ minute, jsHeapMB: usedSize / 2 ** 20, wasmMB: wasmBytes / 2 ** 20 });
    console.log(`minute ${String(minute).padStart(2)}: JS heap ${(usedSize / 2 ** 20).toFixed(2)} MB, wasm ${(wasmBytes / 2 ** 20).toFixed(1)} MB, mode ${(await page.evaluate(() => window.hairline.demoState().mode))}`);
  };
  for (let minute = 1; minute <= minutes; minute += 1) {
    // Every third minute, from the first, a visitor taps in, plays briefly and walks away
    // (the idle wipe follows): by 2 minutes both the loop and a visit have run once.
    if (minute % 3 === 1) {
      const [x, y] = await page.evaluate(() => window.hairline.toScreen([110, 150]));
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y, id: 0 }] });
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
      await page.click('#p-density');
    }
    await page.waitForTimeout(60_000);
    await read(minute);
  }
  const highest = (from, to) => {
    const cycle = readings.filter((r) => r.minute >= from && r.minute <= to);
    return { jsHeapMB: Math.max(...cycle.map((r) => r.jsHeapMB)), wasmMB: Math.max(...cycle.map((r) => r.wasmMB)) };
  };
  const settled = highest(Math.min(2, minutes), 4);
  const last = highest(minutes - 2, minutes);
  const growth = (key) => (last[key] / settled[key] - 1) * 100;
  const show = (m) => `JS heap ${m.jsHeapMB.toFixed(2)} MB, wasm ${m.wasmMB.toFixed(1)} MB`;
  console.log(`highest of minutes 2-4: ${show(settled)}; of minutes ${minutes - 2}-${minutes}: ${show(last)}`);
  console.log(`after ${minutes} min vs settled: JS heap ${growth('jsHeapMB').toFixed(1)} %, wasm ${growth('wasmMB').toFixed(1)} %`);
  if (growth('jsHeapMB') > 10 || growth('wasmMB') > 10) { console.log('FAIL: memory grew more than 10 %'); failed = true; }
  if (problems.length) { console.log(`FAIL: ${problems.join('\n')}`); failed = true; }
  await context.close();
} finally {
  await harness.close();
}
process.exit(failed ? 1 : 0);
