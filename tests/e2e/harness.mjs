// Shared set-up for the end-to-end tests: serves www/ on a free loopback port, launches
// Debian's Chromium through playwright-core, and records what a careful reviewer watches:
// console errors, page errors, failed requests, and any request that leaves the origin.

import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { serve } from '../../scripts/static-server.mjs';

export const ARTIFACTS = new URL('../artifacts/', import.meta.url).pathname;
mkdirSync(ARTIFACTS, { recursive: true });

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Starts the server and the browser; returns `{ url, browser, close }`. */
export async function startHarness() {
  // The bundles and the offline cache's file list follow www/ as it is now, even when only
  // JS was edited.
  execFileSync(process.execPath, [new URL('../../scripts/bundle.mjs', import.meta.url).pathname], { stdio: 'inherit' });
  execFileSync(process.execPath, [new URL('../../scripts/precache-manifest.mjs', import.meta.url).pathname], { stdio: 'ignore' });
  const { server, url } = await serve(new URL('../../www/', import.meta.url).pathname, 0);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  return {
    url,
    browser,
    async close() {
      await browser.close();
      await new Promise((ok) => server.close(ok));
    },
  };
}

/**
 * Opens the designer in a new context (`options` as for `browser.newContext`; `path` the
 * page and fragment to open, default the designer) and waits until every designer on it is ready. Returns `{ page, context, problems }`, where `problems` collects
 * console errors, page errors, failed requests (not those cancelled) and foreign requests as strings.
 */
export async function openDesigner(harness, { path = '/', beforeLoad = null, waitUntilReady = true, ...options } = {}) {
  const context = await harness.browser.newContext(options);
  await beforeLoad?.(context); // e.g. routes that slow a file down
  const page = await context.newPage();
  const problems = [];
  const origin = new URL(harness.url).origin;
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console ${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  // A request cancelled (net::ERR_ABORTED) failed nothing: a reload or a person leaving
  // the page cancels what is still loading (the engine worker's script, started once the
  // first picture is on screen), as does a worker stopped while it loads. Every other
  // failure (blocked, refused, not found) is a problem.
  page.on('requestfailed', (req) => {
    if (req.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`);
  });
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(origin + '/') && !url.startsWith('data:') && !url.startsWith('blob:')) {
      problems.push(`request to another origin: ${url}`);
    }
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  // (`waitUntilReady: false`: back as soon as the designer's markup is there, its engine
  // perhaps held back by a route in `beforeLoad`.)
  if (!waitUntilReady) {
    await page.goto(harness.url + path, { waitUntil: 'commit' });
    await page.waitForFunction(() => document.querySelector('hairline-designer')?.shadowRoot);
    return { page, context, problems };
  }
  await page.goto(harness.url + path, { waitUntil: 'load' });
  // Every designer on the page has painted (the designer page, or a clinic's page with several).
  await page.evaluate(() => Promise.all([...document.querySelectorAll('hairline-designer')].map((el) => el.ready)));
  return { page, context, problems };
}

/**
 * Reads canvas pixels back and measures how dark each sample region is compared with the
 * bare skin around it. `regionsMm` is `{ name: [x0, y0, x1, y1] }` in design mm; returns
 * `{ name: { darkPixels, pixels, mean } }` where a dark pixel is clearly below the local skin
 * tone and `mean` is the region's mean luma (0–255).
 */
export async function canvasDarkness(page, regionsMm) {
  await settle(page);
  return page.evaluate((regions) => {
    const canvas = document.querySelector('hairline-designer').shadowRoot.getElementById('canvas');
    // Read from a copy, so that the page's own context is never read back.
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const ctx = copy.getContext('2d', { willReadFrequently: true });
    ctx.drawImage(canvas, 0, 0);
    const toPx = (x, y) => {
      const rect = canvas.getBoundingClientRect();
      const [cx, cy] = window.hairline.toScreen([x, y]);
      return [((cx - rect.left) * canvas.width) / rect.width, ((cy - rect.top) * canvas.height) / rect.height];
    };
    const out = {};
    for (const [name, [x0, y0, x1, y1]] of Object.entries(regions)) {
      const [px0, py0] = toPx(x0, y0);
      const [px1, py1] = toPx(x1, y1);
      const w = Math.max(1, Math.round(px1 - px0));
      const h = Math.max(1, Math.round(py1 - py0));
      const data = ctx.getImageData(Math.round(px0), Math.round(py0), w, h).data;
      const lum = [];
      for (let i = 0; i < data.length; i += 4) lum.push(0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2]);
      const sorted = [...lum].sort((a, b) => a - b);
      const skin = sorted[Math.floor(sorted.length * 0.9)];
      const mean = lum.reduce((sum, l) => sum + l, 0) / lum.length;
      out[name] = { darkPixels: lum.filter((l) => l < skin - 14).length, pixels: lum.length, mean };
    }
    return out;
  }, regionsMm);
}

/**
 * Two frames, then until every designer's picture is done: a whole repaint is spread over
 * frames (issue 12), so pixels are read only once `settled()` says the canvas is current.
 */
/**
 * Counts the drawings of the guides' overlay from now on in `window.__overlayDrawings`: each
 * is a whole canvas for the browser to take in (issue 12). Drawn by its worker, each is a
 * message to it with a scene (ui/overlay-canvas.js); drawn on the page, each begins with a
 * clearRect.
 */
export const countOverlayDrawings = (page) => page.evaluate(() => {
  window.__overlayDrawings = 0;
  if (window.__countingOverlay) return;
  window.__countingOverlay = true;
  const clear = CanvasRenderingContext2D.prototype.clearRect;
  CanvasRenderingContext2D.prototype.clearRect = function counted(...args) {
    if (this.canvas.id === 'overlay') window.__overlayDrawings += 1;
    return clear.apply(this, args);
  };
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function counted(message, ...rest) {
    if (message?.scene && message?.seq) window.__overlayDrawings += 1;
    return post.call(this, message, ...rest);
  };
});

export const settle = (page) => page.evaluate(async () => {
  await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
  await Promise.all([...document.querySelectorAll('hairline-designer')].map((el) => el.settled?.()));
});

/**
 * A hash of the engine canvas's pixels (read from a copy, like `canvasDarkness`), once
 * settled; `{ now: true }` reads them as they are (mid-gesture, settled() waits for its end).
 */
export const canvasHash = async (page, { now = false } = {}) => (now || await settle(page), pixelHash(page, '#canvas'));

/** A hash of the pixels of the designer's `selector` (a canvas, or an image once loaded), read from a copy. */
export const pixelHash = (page, selector) => page.evaluate((sel) => {
  const source = document.querySelector('hairline-designer').shadowRoot.querySelector(sel);
  const copy = document.createElement('canvas');
  copy.width = source.naturalWidth ?? source.width;
  copy.height = source.naturalHeight ?? source.height;
  const ctx = copy.getContext('2d', { willReadFrequently: true });
  ctx.drawImage(source, 0, 0);
  const d = ctx.getImageData(0, 0, copy.width, copy.height).data;
  let h = 2166136261;
  for (let i = 0; i < d.length; i += 7) h = Math.imul(h ^ d[i], 16777619);
  return h >>> 0;
}, selector);
