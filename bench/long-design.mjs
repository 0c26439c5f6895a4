// The longest lines a design may hold, set by an embedding page (issue 13: "takes the main
// thread for no more than 100 ms"): on fresh pages of the designer in headless Debian
// Chromium (tablet viewport, 1×), `hairline.setDesign` with a 2,000-point zigzag hairline,
// a smooth 2,000-point hairline, a 2,000-point scalp outline and the template, one after
// another. For each: the call's own time (the caller's task) and the longest task of the
// half second after it (the frame that counts the figures and paints; 0 when none reached
// 50 ms, the browser's long-task threshold). A fresh page is the hard case: V8 runs the
// engine's code in its baseline tier until it has grown hot. Medians, the worst and how many
// pages went over 100 ms; with two www folders, alternating pages of each and the ratio of
// medians (an A/B in one run). A benchmark, not a test: exits 0 whatever the figures.
//   node bench/long-design.mjs                      (this build's www, 12 pages)
//   PAGES=12 node bench/long-design.mjs OLD_WWW www (the build before, then this one)

import { chromium } from 'playwright-core';
import { serve } from '../scripts/static-server.mjs';
import { CHROMIUM_ARGS } from './interaction.mjs';

const GOAL_MS = 100;
const PAGES = Number(process.env.PAGES ?? 12);
const folders = process.argv.slice(2).length ? process.argv.slice(2) : [new URL('../www/', import.meta.url).pathname];

/** One fresh page: `{ case: { call, own, after } }` in ms. */
async function onePage(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1180, height: 820 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  await page.evaluate(() => window.hairline.ready);
  await page.waitForTimeout(500);
  const times = await page.evaluate(async () => {
    const base = window.hairline.getDesign();
    const line = (y) => Array.from({ length: 2000 }, (_, i) => [42 + (136 * i) / 1999, y(i)]);
    const cases = {
      'zigzag hairline': { ...base, hairline: line((i) => 60 + (i % 2) * 8) },
      'smooth hairline': { ...base, hairline: line((i) => 60 + 10 * Math.sin(i / 300)) },
      'scalp outline': { ...base, scalp: Array.from({ length: 2000 }, (_, i) => [110 + 80 * Math.cos((i / 2000) * 2 * Math.PI), 120 + 80 * Math.sin((i / 2000) * 2 * Math.PI)]) },
      template: base,
    };
    const out = {};
    for (const [name, design] of Object.entries(cases)) {
      const tasks = [];
      const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) tasks.push(e); });
      observer.observe({ type: 'longtask' });
      // Set from a task of its own, as a page's click or timer would.
      const call = await new Promise((ok) => setTimeout(() => {
        const t0 = performance.now();
        window.hairline.setDesign(design);
        ok({ start: t0, ms: performance.now() - t0 });
      }, 0));
      await window.hairline.settled();
      await new Promise((ok) => setTimeout(ok, 500));
      observer.disconnect();
      const longest = (list) => (list.length ? Math.max(...list.map((t) => t.duration)) : 0);
      out[name] = {
        call: call.ms,
        // The caller's task as the browser timed it (the call and what the task did around it).
        own: longest(tasks.filter((t) => t.startTime <= call.start + call.ms && t.startTime + t.duration >= call.start)),
        after: longest(tasks.filter((t) => t.startTime > call.start + call.ms)),
      };
    }
    return out;
  });
  await context.close();
  if (errors.length) throw new Error(`console errors on the page: ${errors.join(' | ')}`);
  return times;
}

const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };

const servers = await Promise.all(folders.map((folder) => serve(folder, 0)));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
try {
  const results = folders.map(() => ({}));
  for (let round = 0; round < PAGES; round += 1) {
    // Alternating which build goes first: this machine's load drifts.
    const order = folders.map((_, i) => i);
    if (round % 2) order.reverse();
    for (const i of order) {
      for (const [name, t] of Object.entries(await onePage(browser, servers[i].url))) {
        results[i][name] ??= { call: [], own: [], after: [] };
        for (const key of ['call', 'own', 'after']) results[i][name][key].push(t[key]);
      }
    }
  }
  console.log(`\n== a design with the longest lines, set on a fresh page (${PAGES} pages each; ms; goal: no task over ${GOAL_MS})`);
  for (const name of Object.keys(results[0])) {
    const cells = folders.map((folder, i) => {
      const { call, own, after } = results[i][name];
      const over = [...own, ...after].filter((ms) => ms > GOAL_MS).length + call.filter((ms, k) => ms > GOAL_MS && own[k] <= GOAL_MS).length;
      const ratio = i > 0 ? ` ×${(median(call) / median(results[0][name].call)).toFixed(2)}` : '';
      return `${folder}: setDesign median ${median(call).toFixed(0)}${ratio}, worst ${Math.max(...call).toFixed(0)}; `
        + `its task (long-task entry): worst ${Math.max(...own).toFixed(0)}; the tasks after: worst ${Math.max(...after).toFixed(0)}; tasks over ${GOAL_MS}: ${over} ${over ? 'MISS' : 'PASS'}`;
    });
    console.log(`  ${name}\n    ${cells.join('\n    ')}`);
  }
} finally {
  await browser.close();
  await Promise.all(servers.map(({ server }) => new Promise((ok) => server.close(ok))));
}
