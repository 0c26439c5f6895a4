// Drives the in-browser benchmark: assembles a temporary site from bench/ + www/pkg + a
// generated script of the npm peers, serves it with scripts/static-server.mjs, runs
// window.runBench() in headless Debian Chromium, prints the figures, the ratios and a
// PASS/MISS line per goal. A benchmark, not a test: exits 0 whatever the figures, and
// non-zero only when something crashed. Run through scripts/bench (which builds first).
//   node bench/run.mjs            (WASM_GZ_BYTES=… to pass the gzip size measured by gzip;
//                                  BENCH_PKG=dir to time another build's www/pkg, as
//                                  scripts/bench-compare does for a previous commit)

import { chromium } from 'playwright-core';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { serve } from '../scripts/static-server.mjs';
import { buildPeersScript } from './peers.mjs';

const ROOT = new URL('../', import.meta.url).pathname;
const PEERS = ['poisson-disk-sampling', 'fast-2d-poisson-disk-sampling'];
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

const ms = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const rate = (points, msValue) => {
  const perS = points / (msValue / 1000);
  return perS >= 1e6 ? `${(perS / 1e6).toFixed(2)} M/s` : `${(perS / 1e3).toFixed(0)} k/s`;
};
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

function row(name, points, t, q) {
  return `  ${pad(name, 38)}${lpad(points, 7)}${lpad(ms(t), 10)} ms${lpad(rate(points, t), 12)}` +
    (q ? `${lpad(q.rho.toFixed(3), 8)}${lpad(q.perCm2.toFixed(1), 9)}/cm²` : '');
}
const header = (zone) =>
  `  ${pad('method', 38)}${lpad('points', 7)}${lpad('median', 13)}${lpad('throughput', 12)}${lpad('ρ', 8)}  density ${zone}`;

function report(r, wasmGz) {
  const lines = [];
  const goals = [];
  const v = r.variable;
  const u = r.uniform;
  lines.push(`browser: ${r.userAgent.match(/Chrom\w*\/[\d.]+/)?.[0] ?? r.userAgent}; timer resolution ${r.timerResolutionMs.toFixed(3)} ms (cross-origin isolated: ${r.crossOriginIsolated ? 'yes' : 'no'})`);
  lines.push('');
  lines.push(`(a, b) variable density: ${v.region}`);
  lines.push(header('(full zone)'));
  const ourWarm = v.ours.points / v.ours.warm.median;
  const ourCold = v.ours.points / v.ours.cold.median;
  const pds = v.pds.points / v.pds.time.median;
  lines.push(row('ours, warm (tile cached)', v.ours.points, v.ours.warm.median, v.ours.quality));
  lines.push(row('ours, first run (tile built)', v.ours.points, v.ours.cold.median));
  lines.push(row('poisson-disk-sampling 2.3.1', v.pds.points, v.pds.time.median, v.pds.quality));
  lines.push(`  (peer: distanceFunction from our field on a 0.25 mm grid; r(f) = ρ_t·d_hex(D·f), ρ_t = ${v.pds.rhoTarget.toFixed(3)} calibrated so its full-zone density matches ours;`);
  lines.push(`   minDistance ${v.pds.minDistance.toFixed(3)} mm (f = 1), maxDistance ${v.pds.maxDistance.toFixed(3)} mm (f ≤ 0.1 and outside the scalp); ${v.pds.generated} generated in the box, ${v.pds.points} kept where the field > 0)`);
  lines.push(`  runs: ours warm ${v.ours.warm.runs} (p90 ${ms(v.ours.warm.p90)} ms), first run ${v.ours.cold.runs} (p90 ${ms(v.ours.cold.p90)} ms), peer ${v.pds.time.runs} (p90 ${ms(v.pds.time.p90)} ms)`);
  lines.push(`  ratio of throughput ours / poisson-disk-sampling: warm ${(ourWarm / pds).toFixed(1)}×, first run ${(ourCold / pds).toFixed(1)}×`);
  lines.push('');
  lines.push(`(c) uniform: ${u.region}`);
  lines.push(header('(interior)'));
  const uWarm = u.ours.points / u.ours.warm.median;
  const uCold = u.ours.points / u.ours.cold.median;
  const fast = u.fast.points / u.fast.time.median;
  lines.push(row('ours, warm (tile cached)', u.ours.points, u.ours.warm.median, u.ours.quality));
  lines.push(row('ours, first run (tile built)', u.ours.points, u.ours.cold.median));
  lines.push(row('fast-2d-poisson-disk-sampling 1.0.3', u.fast.points, u.fast.time.median, u.fast.quality));
  lines.push(`  (peer radius ${u.fast.radius.toFixed(3)} mm = ${u.fast.rhoTarget.toFixed(3)}·d_hex(90/cm²), calibrated so its interior density matches ours)`);
  lines.push(`  runs: ours warm ${u.ours.warm.runs} (p90 ${ms(u.ours.warm.p90)} ms), first run ${u.ours.cold.runs} (p90 ${ms(u.ours.cold.p90)} ms), peer ${u.fast.time.runs} (p90 ${ms(u.fast.time.p90)} ms)`);
  lines.push(`  ratio of throughput ours / fast-2d-poisson-disk-sampling: warm ${(uWarm / fast).toFixed(1)}×, first run ${(uCold / fast).toFixed(1)}×`);
  lines.push('');
  const f = r.frame;
  lines.push(`(d) full frame: ${f.dots} dots on a 500 cm² scalp at 100/cm², 1920 × 1080 canvas`);
  lines.push(`  re-lay + render + putImageData: median ${ms(f.frame.median)} ms, p90 ${ms(f.frame.p90)} ms over ${f.frame.runs} frames`);
  lines.push(`  dragging one point of a 41-point line (incremental re-lay and repaint): median ${ms(f.drag.median)} ms, p90 ${ms(f.drag.p90)} ms over ${f.drag.runs} frames`);
  lines.push(`  of which re-lay alone: median ${ms(f.relay.median)} ms; render + putImageData alone: median ${ms(f.render.median)} ms`);
  lines.push('');
  lines.push(`wasm: ${wasmGz} bytes gzipped (${(wasmGz / 1024).toFixed(1)} KiB)`);
  lines.push('');

  const verdict = (ok, text) => goals.push(`  ${ok ? 'PASS' : 'MISS'}  ${text}`);
  const pdsRatio = ourWarm / pds;
  // Since issue 8 our dots carry a hand's scatter on purpose (nearest-neighbour CV ~0.14,
  // tests/look.rs): their ρ is lower by design; the relaxed placement under it has ρ ≥ 0.87.
  verdict(pdsRatio >= 20,
    `placement ≥ 20× poisson-disk-sampling: ${pdsRatio.toFixed(1)}× warm (${(ourCold / pds).toFixed(1)}× first run); ρ ${v.ours.quality.rho.toFixed(3)} (hand scatter, by design) vs ${v.pds.quality.rho.toFixed(3)}`);
  const fastRatio = uWarm / fast;
  verdict(fastRatio >= 10,
    `placement ≥ 10× fast-2d-poisson-disk-sampling (our ρ lower by design, see above): ${fastRatio.toFixed(1)}× warm (${(uCold / fast).toFixed(1)}× first run), ρ ${u.ours.quality.rho.toFixed(3)} vs ${u.fast.quality.rho.toFixed(3)}`);
  verdict(f.frame.median <= 16, `full frame ≤ 16 ms median: ${ms(f.frame.median)} ms (stretch 8 ms: ${f.frame.median <= 8 ? 'met' : 'not met'})`);
  verdict(wasmGz <= 150 * 1024, `wasm ≤ 150 KB gzipped: ${(wasmGz / 1024).toFixed(1)} KiB`);
  lines.push('goals:');
  return lines.concat(goals).join('\n');
}

async function main() {
  const pkgDir = process.env.BENCH_PKG ?? join(ROOT, 'www/pkg');
  const wasm = join(pkgDir, 'hairline_bg.wasm');
  const wasmGz = Number(process.env.WASM_GZ_BYTES) || gzipSync(readFileSync(wasm)).length;
  const dir = mkdtempSync(join(tmpdir(), 'hairline-bench-'));
  let server = null;
  let browser = null;
  try {
    for (const file of ['index.html', 'bench.js']) copyFileSync(join(ROOT, 'bench', file), join(dir, file));
    writeFileSync(join(dir, 'peers.js'), buildPeersScript(PEERS, join(ROOT, 'node_modules')));
    const pkg = join(dir, 'pkg');
    mkdirSync(pkg);
    for (const file of ['hairline.js', 'hairline_bg.wasm']) copyFileSync(join(pkgDir, file), join(pkg, file));

    let url;
    ({ server, url } = await serve(dir, 0, { headers: {} })); // a test bench, not the designer
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
    });
    const context = await browser.newContext();
    // Cross-origin isolation gives performance.now() 5 µs resolution instead of 100 µs:
    // add the two headers to what the static server sends.
    await context.route('**/*', async (route) => {
      const response = await route.fetch();
      await route.fulfill({
        response,
        headers: {
          ...response.headers(),
          'cross-origin-opener-policy': 'same-origin',
          'cross-origin-embedder-policy': 'require-corp',
        },
      });
    });
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
      else if (process.env.BENCH_VERBOSE) console.error(`  [page] ${m.text()}`);
    });
    await page.goto(`${url}/`, { waitUntil: 'load' });
    await page.waitForFunction(() => window.benchReady === true || undefined, null, { timeout: 30_000 })
      .catch(() => { throw new Error(`the benchmark page did not start: ${problems.join('; ') || 'no error reported'}`); });
    // BENCH_PROFILE=FILE writes a CPU profile of the run (open it in Chromium's DevTools);
    // wasm functions keep their Rust names, so it shows where an engine frame goes.
    const profiler = process.env.BENCH_PROFILE ? await context.newCDPSession(page) : null;
    if (profiler) {
      await profiler.send('Profiler.enable');
      await profiler.send('Profiler.setSamplingInterval', { interval: 100 });
      await profiler.send('Profiler.start');
    }
    const result = await page.evaluate(() => window.runBench());
    if (profiler) {
      const { profile } = await profiler.send('Profiler.stop');
      writeFileSync(process.env.BENCH_PROFILE, JSON.stringify(profile));
    }
    if (problems.length > 0) throw new Error(problems.join('\n'));
    console.log(report(result, wasmGz));
  } finally {
    await browser?.close();
    if (server) await new Promise((ok) => server.close(ok));
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`in-browser benchmark (${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores)`);
main().catch((e) => {
  console.error(`bench: ${e.stack ?? e}`);
  process.exit(1);
});
