// Makes www/poster.webp: the engine's own picture of the default design (the template head
// after its planned sessions, healed), the 220 × 300 mm frame the designer fits to its stage
// at 5 px/mm, its backdrop transparent. The designer shows it under its canvas while the
// engine starts (a poster, as <model-viewer> has one: `www/hairline-designer.js`), so a
// visitor sees the head and its dots before the wasm has been fetched and compiled.
// It is made by the page itself in Debian's Chromium, so it is exactly what the engine
// draws; tests/e2e/page.test.mjs fails when the engine's picture and the poster part (the
// look or the default design changed): run this again then.
//   node scripts/make-poster.mjs          (needs scripts/build and scripts/setup --browser)

import { readFile, writeFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { serve } from './static-server.mjs';
import init, { limits } from '../www/pkg/hairline.js';

/** The poster's scale, px per mm: a phone at DPR 3 and a tablet at DPR 2 fit the frame at about 4.9. */
const POSTER_PX_PER_MM = 5;

await init({ module_or_path: await readFile(new URL('../www/pkg/hairline_bg.wasm', import.meta.url)) });
/** The template's frame, mm, that the designer fits to its stage (the engine's limits). */
const FRAME_MM = limits().template.frame_mm;
/** WebP quality: the dots stay single impressions; about 1/10 of the engine's download. */
const QUALITY = 0.8;

const root = new URL('../www/', import.meta.url).pathname;
const { server, url } = await serve(root, 0);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  // A stage tall enough that the engine paints the frame at more than 5 px/mm (the poster
  // is the picture scaled down, never up); a new browser context has no saved design.
  const context = await browser.newContext({ viewport: { width: 1500, height: 1000 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await page.goto(`${url}/`, { waitUntil: 'load' });
  await page.evaluate(() => window.hairline.ready);
  await page.evaluate(() => window.hairline.settled());
  const { bytes, pxPerMm } = await page.evaluate(async ({ frame, scale, quality }) => {
    const view = window.hairline.view();
    const canvas = document.querySelector('hairline-designer').shadowRoot.getElementById('canvas');
    const [width, height] = frame.map((mm) => Math.round(mm * scale));
    const out = new OffscreenCanvas(width, height);
    const ctx = out.getContext('2d');
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(canvas, view.offsetX, view.offsetY, frame[0] * view.pxPerMm, frame[1] * view.pxPerMm, 0, 0, width, height);
    // The backdrop (the stage's wash, in the corners of the frame) made transparent: the
    // poster then sits on whatever wash the page gives the stage (a dark theme, a clinic's).
    const image = ctx.getImageData(0, 0, width, height);
    const d = image.data;
    const [r, g, b] = d;
    for (let i = 0; i < d.length; i += 4) {
      if (Math.abs(d[i] - r) + Math.abs(d[i + 1] - g) + Math.abs(d[i + 2] - b) <= 2) d[i + 3] = 0;
    }
    ctx.putImageData(image, 0, 0);
    const blob = await out.convertToBlob({ type: 'image/webp', quality });
    return { bytes: [...new Uint8Array(await blob.arrayBuffer())], pxPerMm: view.pxPerMm };
  }, { frame: FRAME_MM, scale: POSTER_PX_PER_MM, quality: QUALITY });
  if (pxPerMm < POSTER_PX_PER_MM) throw new Error(`the stage painted ${pxPerMm.toFixed(2)} px/mm, under the poster's ${POSTER_PX_PER_MM}`);
  await writeFile(new URL('../www/poster.webp', import.meta.url), Uint8Array.from(bytes));
  console.log(`poster: www/poster.webp, ${FRAME_MM.map((mm) => mm * POSTER_PX_PER_MM).join(' × ')} px, ${(bytes.length / 1024).toFixed(1)} KiB (from a picture at ${pxPerMm.toFixed(2)} px/mm)`);
} finally {
  await browser.close();
  server.close();
}
