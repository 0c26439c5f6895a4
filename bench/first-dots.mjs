// First dots after navigation (issue 12), two builds side by side in one run: the time to
// the end of the frame that first showed the design's dots (the element's `firstDots`: the
// poster of the default design, else the engine's picture; `firstPicture` or `ready` in
// builds before it), and to the engine's first picture, on a cold page, alternating between
// the two `www/` folders so that the machine's drift falls on both alike. A benchmark, not
// a test. Usage (each folder built by scripts/build, e.g. an earlier commit's worktree):
//   node bench/first-dots.mjs OLD_WWW NEW_WWW        RUNS=10 RATE=4 DEVICES=phone,tablet

import { chromium } from 'playwright-core';
import { serve } from '../scripts/static-server.mjs';
import { CHROMIUM_ARGS, DEVICES, firstPictures } from './interaction.mjs';

const [oldRoot, newRoot] = process.argv.slice(2);
if (!oldRoot || !newRoot) {
  console.error('usage: node bench/first-dots.mjs OLD_WWW NEW_WWW');
  process.exit(2);
}
const rate = Number(process.env.RATE ?? 1);
const runs = Number(process.env.RUNS ?? 10);
const servers = [await serve(oldRoot, 0), await serve(newRoot, 0)];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
const median = (t) => [...t].sort((a, b) => a - b)[Math.floor(t.length / 2)];
try {
  for (const device of (process.env.DEVICES ?? 'phone,tablet').split(',')) {
    const times = [[], []];
    const pictures = [[], []];
    for (let run = 0; run < runs; run += 1) {
      for (const side of run % 2 ? [1, 0] : [0, 1]) {
        const context = await browser.newContext(DEVICES[device]);
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        if (rate > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate });
        await page.goto(servers[side].url, { waitUntil: 'commit' });
        const { dots, first } = await firstPictures(page);
        times[side].push(Math.round(dots));
        pictures[side].push(Math.round(first));
        await context.close();
      }
    }
    const [a, b] = times.map(median);
    console.log(`${device} ${rate}×: first dots, median of ${runs}: old ${a} ms, new ${b} ms, ×${(b / a).toFixed(2)}`);
    console.log(`  old ${times[0].join(' ')}\n  new ${times[1].join(' ')}`);
    const [c, d] = pictures.map(median);
    console.log(`${device} ${rate}×: the engine's first picture, median of ${runs}: old ${c} ms, new ${d} ms, ×${(d / c).toFixed(2)}`);
    console.log(`  old ${pictures[0].join(" ")}\n  new ${pictures[1].join(" ")}`);
  }
} finally {
  await browser.close();
  for (const { server } of servers) server.close();
}
