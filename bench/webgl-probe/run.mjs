// The WebGL2 probe of issue 12: is drawing the dots on the GPU faster here than on the CPU?
// In Debian's headless Chromium on this machine WebGL2 runs on SwiftShader (software, in
// the GPU process). For 0, 2,000 and 8,000 dots redrawn every frame on a phone-sized
// canvas, at 1× and 4× CPU throttling, it prints the frame interval p90 / max (ms) of three
// ways: WebGL2 instanced quads, WebGL2 flat triangles, and the same dots multiplied into an
// ImageData by script and put whole (a CPU full repaint, slower than the engine's, which
// repaints only what changed). A benchmark: it exits 0 whatever the figures.
//   node bench/webgl-probe/run.mjs
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import { CHROMIUM_ARGS, DEVICES } from '../interaction.mjs';

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
const page0 = pathToFileURL(new URL('index.html', import.meta.url).pathname).href;
console.log('  dots  way      1× p90 / max     4× p90 / max   (ms; goal p90 ≤ 20, max ≤ 50)');
for (const n of [0, 2000, 8000]) {
  for (const mode of ['gl', 'flat', 'cpu']) {
    const cells = [];
    for (const rate of [1, 4]) {
      const context = await browser.newContext(DEVICES.phone);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate });
      await page.goto(`${page0}?mode=${mode}&n=${n}`);
      await page.evaluate(() => window.run(20));
      await page.evaluate(() => { window.frames = []; return window.run(120); });
      const t = await page.evaluate(() => window.frames);
      const gaps = t.slice(1).map((x, i) => x - t[i]).sort((a, b) => a - b);
      cells.push(`${Math.round(gaps[Math.floor(gaps.length * 0.9)])} / ${Math.round(gaps.at(-1))}`.padStart(9));
      await context.close();
    }
    console.log(`${String(n).padStart(6)}  ${mode.padEnd(6)} ${cells.join('        ')}`);
  }
}
await browser.close();
