// The browser's per-frame copies of the page's canvases (issue 12), two builds side by side in
// one run. Chromium compositing in software (as the benchmark runs it, `--disable-gpu`) copies
// every 2D canvas that was drawn on after the page's first paint at every frame the page
// draws, changed or not (`Canvas2DResourceProvider::ProduceCanvasResource` in a trace). This
// loads each build on a phone at 4× CPU throttling, waits for the preset pictures, then traces
// 60 frames in which only a small box outside the designer moves, and prints the copies, their
// time and the frames' commit time for each, alternating builds. A benchmark, not a test.
//   node bench/canvas-copies.mjs OLD_WWW NEW_WWW        RUNS=3 RATE=4 DEVICE=phone

import { chromium } from 'playwright-core';
import { serve } from '../scripts/static-server.mjs';
import { CHROMIUM_ARGS, DEVICES, firstPictures } from './interaction.mjs';

const roots = process.argv.slice(2, 4);
if (roots.length !== 2) {
  console.error('usage: node bench/canvas-copies.mjs OLD_WWW NEW_WWW');
  process.exit(2);
}
const runs = Number(process.env.RUNS ?? 3);
const rate = Number(process.env.RATE ?? 4);
const servers = await Promise.all(roots.map((root) => serve(root, 0)));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });

async function measure(url) {
  const context = await browser.newContext(DEVICES[process.env.DEVICE ?? 'phone']);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await page.goto(url, { waitUntil: 'commit' });
  await firstPictures(page);
  await page.waitForTimeout(3000); // the preset pictures are painted when the page is idle
  await browser.startTracing(page, { categories: ['devtools.timeline', 'blink', 'cc', 'disabled-by-default-devtools.timeline'] });
  await page.evaluate(() => new Promise((done) => {
    const box = document.createElement('div');
    box.style.cssText = 'position:fixed;left:0;top:0;width:10px;height:10px;background:red;z-index:9';
    document.body.append(box);
    let n = 0;
    const tick = () => {
      n += 1;
      box.style.left = `${n % 50}px`;
      if (n < 60) requestAnimationFrame(tick); else done();
    };
    requestAnimationFrame(tick);
  }));
  const { traceEvents } = JSON.parse(await browser.stopTracing());
  await context.close();
  const main = new Set(traceEvents.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const onMain = (name) => traceEvents.filter((e) => main.has(`${e.pid}:${e.tid}`) && e.ph === 'X' && e.name === name);
  const copies = onMain('Canvas2DResourceProvider::ProduceCanvasResource');
  const commits = onMain('Commit');
  const ms = (events) => events.reduce((sum, e) => sum + e.dur, 0) / 1000;
  return { copies: copies.length, copyMs: ms(copies), frames: commits.length, commitMs: ms(commits) };
}

try {
  const totals = roots.map(() => ({ copies: 0, copyMs: 0, frames: 0, commitMs: 0 }));
  for (let run = 0; run < runs; run += 1) {
    for (const side of run % 2 ? [1, 0] : [0, 1]) {
      const r = await measure(servers[side].url);
      for (const key of Object.keys(r)) totals[side][key] += r[key];
      console.log(`${roots[side]}: ${r.copies} canvas copies (${r.copyMs.toFixed(0)} ms) in ${r.frames} frames, commits ${r.commitMs.toFixed(0)} ms`);
    }
  }
  const per = (t, key) => t[key] / t.frames;
  console.log(`per frame, ${runs} runs each at ${rate}×:`);
  for (const [i, t] of totals.entries()) {
    console.log(`  ${roots[i].padEnd(24)} ${per(t, 'copies').toFixed(1)} copies, ${per(t, 'copyMs').toFixed(2)} ms copying, ${per(t, 'commitMs').toFixed(2)} ms committing`);
  }
  console.log(`  ratio (new / old): copies ×${(per(totals[1], 'copies') / per(totals[0], 'copies')).toFixed(2)}, committing ×${(per(totals[1], 'commitMs') / per(totals[0], 'commitMs')).toFixed(2)}`);
} finally {
  await browser.close();
  for (const s of servers) s.server.close();
}
