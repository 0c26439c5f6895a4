// The in-browser benchmark: in one page load, on the same regions and density fields, times
// our wasm placement against npm poisson-disk-sampling (variable density through its
// distanceFunction, fed our own field) and fast-2d-poisson-disk-sampling (fixed radius, on
// a uniform square), and our full frame (re-lay + render + putImageData of ~50k dots at
// 1920 × 1080). It measures each method's blue-noise quality ρ = d_min / d_hex too.
// window.runBench() resolves to plain figures; bench/run.mjs prints them and judges goals.
// Timing keeps allocation of inputs and all measuring out of the timed part; one warm-up,
// then medians.

import init, { Designer, defaultDesign, densityGrid } from './pkg/hairline.js';

const PoissonDiskSampling = window.benchRequire('poisson-disk-sampling');
const FastPoissonDiskSampling = window.benchRequire('fast-2d-poisson-disk-sampling');

/** Hexagonal spacing (mm) at `perMm2` points per mm². */
const dHex = (perMm2) => Math.sqrt(2 / (Math.sqrt(3) * perMm2));

/** A small seeded RNG (mulberry32) for the peers, so runs are reproducible. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs `fn(i)` once to warm up, then `runs` times; returns sorted times in ms. */
function timeRuns(runs, fn) {
  fn(-1);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn(i);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}

const median = (sorted) => sorted[Math.floor(sorted.length / 2)];
const p90 = (sorted) => sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.9) - 1)];
const summary = (sorted) => ({ median: median(sorted), p90: p90(sorted), runs: sorted.length });

/**
 * Nearest-neighbour statistics of the points `xy` (flat [x0, y0, …], mm) that satisfy
 * `inZone(x, y)`, whose area is `areaMm2`: `{ n, perCm2, dMin, dHex, rho }`. Neighbours are
 * searched among all points (so the zone border is not an artificial edge).
 */
function rhoStats(xy, inZone, areaMm2) {
  const count = xy.length / 2;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < count; i++) {
    minX = Math.min(minX, xy[2 * i]); maxX = Math.max(maxX, xy[2 * i]);
    minY = Math.min(minY, xy[2 * i + 1]); maxY = Math.max(maxY, xy[2 * i + 1]);
  }
  const cell = 1.5;
  const cols = Math.floor((maxX - minX) / cell) + 1;
  const rows = Math.floor((maxY - minY) / cell) + 1;
  const head = new Int32Array(cols * rows).fill(-1);
  const next = new Int32Array(count);
  const cx = (x) => Math.floor((x - minX) / cell);
  const cy = (y) => Math.floor((y - minY) / cell);
  for (let i = 0; i < count; i++) {
    const k = cy(xy[2 * i + 1]) * cols + cx(xy[2 * i]);
    next[i] = head[k];
    head[k] = i;
  }
  let n = 0;
  let dMin2 = Infinity;
  for (let i = 0; i < count; i++) {
    const x = xy[2 * i], y = xy[2 * i + 1];
    if (!inZone(x, y)) continue;
    n++;
    const ix = cx(x), iy = cy(y);
    let best = Infinity;
    for (let ring = 0; ring < Math.max(cols, rows); ring++) {
      for (let gy = iy - ring; gy <= iy + ring; gy++) {
        if (gy < 0 || gy >= rows) continue;
        const edgeRow = gy === iy - ring || gy === iy + ring;
        for (let gx = ix - ring; gx <= ix + ring; gx += edgeRow ? 1 : 2 * ring) {
          if (gx >= 0 && gx < cols) {
            for (let j = head[gy * cols + gx]; j >= 0; j = next[j]) {
              if (j === i) continue;
              const dx = xy[2 * j] - x, dy = xy[2 * j + 1] - y;
              best = Math.min(best, dx * dx + dy * dy);
            }
          }
          if (ring === 0) break;
        }
      }
      if (best <= (ring * cell) ** 2) break;
    }
    dMin2 = Math.min(dMin2, best);
  }
  const perMm2 = n / areaMm2;
  const dMin = Math.sqrt(dMin2);
  return { n, perCm2: perMm2 * 100, dMin, dHex: dHex(perMm2), rho: dMin / dHex(perMm2) };
}

/** Our dots as flat [x, y] mm. */
function ourPoints(designer) {
  const d = designer.dots();
  const xy = new Float64Array((d.length / 3) * 2);
  for (let i = 0, k = 0; i < d.length; i += 3, k += 2) {
    xy[k] = d[i];
    xy[k + 1] = d[i + 1];
  }
  return xy;
}

/** Flat [x, y] of a peer's points, offset by (x0, y0), kept when `keep(x, y)`. */
function peerPoints(points, x0, y0, keep = () => true) {
  const out = [];
  for (const [x, y] of points) {
    if (keep(x + x0, y + y0)) out.push(x + x0, y + y0);
  }
  return Float64Array.from(out);
}

/**
 * Two copies of `design` that differ by ±1 mm in y at the points `indices` of `key` (the
 * hairline by default), built up front so that each set_design really re-lays.
 */
function alternating(design, index, key = 'hairline', indices = [index]) {
  return [-1, 1].map((s) => {
    const d = structuredClone(design);
    for (const i of indices) d[key][i][1] += s;
    return d;
  });
}

let coldCounter = 0;

/** Times re-laying `design` (warm: tile cached; cold: a fresh tile every run). */
function timeOurPlacement(designer, design, runs, coldRuns, pair = null) {
  const [a, b] = pair ?? alternating(design, Math.floor(design.hairline.length / 2));
  const warm = timeRuns(runs, (i) => designer.set_design(i % 2 ? a : b));
  // A density differing by 1e-6 /cm² per run misses the tile cache (keyed by exact value)
  // and builds a new tile of the same point count: the first re-lay after a density change.
  const colds = Array.from({ length: coldRuns + 1 }, (_, i) => {
    const d = structuredClone(i % 2 ? a : b);
    d.density_per_cm2 += ++coldCounter * 1e-6; // unique across the whole page
    return d;
  });
  const coldTimes = timeRuns(coldRuns, (i) => designer.set_design(colds[i + 1]));
  designer.set_design(design);
  return { warm: summary(warm), cold: summary(coldTimes) };
}

/**
 * Finds the radius factor ρ_t (radius = ρ_t · d_hex(target)) at which `sample(ρ_t)` realises
 * `targetPerCm2` in its zone: n ∝ 1/r², so ρ_t ← ρ_t · sqrt(n_realised / n_target), twice.
 * Untimed; the second pass also warms the peer up.
 */
function calibrate(sample, targetPerCm2) {
  let rhoT = 0.75;
  for (let pass = 0; pass < 2; pass++) {
    const realised = sample(rhoT);
    rhoT *= Math.sqrt(realised / targetPerCm2);
  }
  return rhoT;
}

function scalpBounds(scalp) {
  const xs = scalp.map((p) => p[0]);
  const ys = scalp.map((p) => p[1]);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

/** (a) + (b): variable density on the template design, ours vs poisson-disk-sampling. */
function variableCase(log) {
  const design = defaultDesign();
  const designer = new Designer(design);
  const D = design.density_per_cm2 / 100; // per mm²
  log('variable: our placement');
  const ours = timeOurPlacement(designer, design, 21, 7);
  const ourXy = ourPoints(designer);

  // The field as a grid of nodes every STEP mm over the scalp's bounds (+1 mm).
  const STEP = 0.25;
  const b = scalpBounds(design.scalp);
  const X0 = b.x0 - 1, Y0 = b.y0 - 1;
  const W = b.x1 - b.x0 + 2, H = b.y1 - b.y0 + 2;
  const cols = Math.ceil(W / STEP) + 1, rows = Math.ceil(H / STEP) + 1;
  const grid = densityGrid(designer, X0, Y0, STEP, cols, rows);
  const nearest = (x, y) => {
    const i = Math.round((x - X0) / STEP), j = Math.round((y - Y0) / STEP);
    return i < 0 || j < 0 || i >= cols || j >= rows ? 0 : grid[j * cols + i];
  };
  const bilinear = (x, y) => {
    // x, y relative to (X0, Y0), as the peer passes them.
    const u = Math.min(Math.max(x / STEP, 0), cols - 1.000001);
    const v = Math.min(Math.max(y / STEP, 0), rows - 1.000001);
    const i = u | 0, j = v | 0, fu = u - i, fv = v - j;
    const k = j * cols + i;
    const top = grid[k] + (grid[k + 1] - grid[k]) * fu;
    const bottom = grid[k + cols] + (grid[k + cols + 1] - grid[k + cols]) * fu;
    return top + (bottom - top) * fv;
  };
  let fullNodes = 0;
  let treatedNodes = 0;
  for (const f of grid) {
    if (f >= 0.999) fullNodes++;
    if (f > 0) treatedNodes++;
  }
  const fullArea = fullNodes * STEP * STEP;
  const inFull = (x, y) => nearest(x, y) >= 0.999;
  const ourRho = rhoStats(ourXy, inFull, fullArea);

  // The peer's radius at fraction f: r(f) = ρ_t · d_hex(D · f) = r_full / sqrt(f); the
  // distanceFunction's 0..1 maps linearly onto minDistance = r_full .. maxDistance =
  // r(F_MIN). Below F_MIN (the last stray dots in front of a soft line) and outside the
  // scalp it returns 1 (maxDistance); points where the field is 0 are dropped afterwards.
  const F_MIN = 0.1;
  const runPeer = (rhoT, seed) => {
    const rFull = rhoT * dHex(D);
    const rMax = rFull / Math.sqrt(F_MIN);
    const pds = new PoissonDiskSampling(
      {
        shape: [W, H],
        minDistance: rFull,
        maxDistance: rMax,
        tries: 30,
        distanceFunction: (p) => {
          const f = bilinear(p[0], p[1]);
          return f <= F_MIN ? 1 : (rFull / Math.sqrt(f) - rFull) / (rMax - rFull);
        },
      },
      mulberry32(seed),
    );
    return { points: pds.fill(), rFull, rMax };
  };
  const keep = (x, y) => nearest(x, y) > 0;
  log('variable: calibrating poisson-disk-sampling');
  const rhoT = calibrate((r) => {
    const xy = peerPoints(runPeer(r, 7).points, X0, Y0);
    return rhoStats(xy, inFull, fullArea).perCm2;
  }, ourRho.perCm2);
  log('variable: poisson-disk-sampling');
  let last = null;
  const peerTimes = timeRuns(5, (i) => {
    last = runPeer(rhoT, 100 + i);
  });
  const peerXy = peerPoints(last.points, X0, Y0, keep);
  const peerAll = peerPoints(last.points, X0, Y0);
  const peerRho = rhoStats(peerAll, inFull, fullArea);
  designer.free();
  return {
    region: `template design (${design.style}, ${design.density_per_cm2}/cm²), ${(W * H / 100).toFixed(0)} cm² box, ${(treatedNodes * STEP * STEP / 100).toFixed(0)} cm² treated, ${(fullArea / 100).toFixed(0)} cm² at full density`,
    ours: { points: ourXy.length / 2, ...ours, quality: ourRho },
    pds: {
      points: peerXy.length / 2,
      generated: last.points.length,
      time: summary(peerTimes),
      quality: peerRho,
      rhoTarget: rhoT,
      minDistance: last.rFull,
      maxDistance: last.rMax,
    },
  };
}

/** (c): uniform 100 × 100 mm density-only square, ours vs fast-2d-poisson-disk-sampling. */
function uniformCase(log) {
  const base = defaultDesign();
  const design = {
    ...base,
    scalp: [[0, 0], [100, 0], [100, 100], [0, 100]],
    hairline: [[0, -5], [50, -6], [100, -5]],
    style: 'density-only',
    density_per_cm2: 90,
  };
  const designer = new Designer(design);
  log('uniform: our placement');
  // Density-only ignores the hairline: move the square's bottom edge by ±1 mm instead.
  const pair = alternating(design, 0, 'scalp', [2, 3]);
  const ours = timeOurPlacement(designer, design, 21, 7, pair);
  const ourXy = ourPoints(designer);
  // Interior window: 8 mm in from each side, clear of the 4 mm feather.
  const M = 8;
  const inner = (x, y) => x >= M && x < 100 - M && y >= M && y < 100 - M;
  const innerArea = (100 - 2 * M) ** 2;
  const ourRho = rhoStats(ourXy, inner, innerArea);
  const run = (rhoT, seed) =>
    new FastPoissonDiskSampling({ shape: [100, 100], radius: rhoT * dHex(0.9), tries: 30 }, mulberry32(seed)).fill();
  log('uniform: calibrating fast-2d-poisson-disk-sampling');
  const rhoT = calibrate((r) => rhoStats(peerPoints(run(r, 7), 0, 0), inner, innerArea).perCm2, ourRho.perCm2);
  log('uniform: fast-2d-poisson-disk-sampling');
  let last = null;
  const times = timeRuns(7, (i) => {
    last = run(rhoT, 200 + i);
  });
  const peerXy = peerPoints(last, 0, 0);
  designer.free();
  return {
    region: '100 × 100 mm square (bottom edge moved ±1 mm per run), density-only, 90/cm² (ρ over the 84 × 84 mm interior)',
    ours: { points: ourXy.length / 2, ...ours, quality: ourRho },
    fast: {
      points: peerXy.length / 2,
      time: summary(times),
      quality: rhoStats(peerXy, inner, innerArea),
      rhoTarget: rhoT,
      radius: rhoT * dHex(0.9),
    },
  };
}

/** (d): re-lay + render + putImageData of a 500 cm² scalp at 100/cm² on a 1920 × 1080 canvas. */
function frameCase(log) {
  const design = {
    ...defaultDesign(),
    scalp: [[10, 20], [210, 20], [210, 270], [10, 270]],
    hairline: [[0, 262], [110, 258], [220, 262]],
    density_per_cm2: 100,
    style: 'soft',
  };
  const canvas = document.createElement('canvas');
  canvas.width = 1920;
  canvas.height = 1080;
  document.body.append(canvas);
  const ctx = canvas.getContext('2d');
  const designer = new Designer(design);
  designer.fit_view(1920, 1080, 16);
  designer.render(ctx);
  const [a, b] = alternating(design, 1);
  log('frame: re-lay + render');
  const frames = timeRuns(41, (i) => {
    designer.set_design(i % 2 ? a : b);
    designer.render(ctx);
  });
  const relay = timeRuns(21, (i) => designer.set_design(i % 2 ? a : b));
  // A frame with nothing changed is skipped by the engine: invalidate to time a whole repaint.
  const render = timeRuns(21, () => {
    designer.invalidate();
    designer.render(ctx);
  });
  // A drag: the same scalp with a 41-point line; one interior point moves ±1 mm per frame,
  // as when a handle is dragged. The engine re-lays and repaints only near the change.
  const line = Array.from({ length: 41 }, (_, k) => [k * 5.5, 258 + 3 * Math.cos((k / 40) * Math.PI * 2)]);
  const dragA = { ...design, hairline: line.map((p, k) => (k === 20 ? [p[0], p[1] - 1] : p)) };
  const dragB = { ...design, hairline: line.map((p, k) => (k === 20 ? [p[0], p[1] + 1] : p)) };
  designer.set_design(dragA);
  designer.render(ctx);
  const drag = timeRuns(41, (i) => {
    designer.set_design(i % 2 ? dragA : dragB);
    designer.render(ctx);
  });
  const dots = designer.stats().dots;
  designer.free();
  canvas.remove();
  return { dots, frame: summary(frames), relay: summary(relay), render: summary(render), drag: summary(drag) };
}

/** Estimates the timer's resolution: the smallest non-zero step of performance.now(). */
function timerResolution() {
  let best = Infinity;
  for (let i = 0; i < 50; i++) {
    const t0 = performance.now();
    let t1 = t0;
    while (t1 === t0) t1 = performance.now();
    best = Math.min(best, t1 - t0);
  }
  return best;
}

window.runBench = async () => {
  await init();
  const status = document.getElementById('status');
  const log = (msg) => {
    status.textContent = msg;
    console.log(msg);
  };
  const result = {
    userAgent: navigator.userAgent,
    crossOriginIsolated: window.crossOriginIsolated,
    timerResolutionMs: timerResolution(),
    variable: variableCase(log),
    uniform: uniformCase(log),
    frame: frameCase(log),
  };
  log('done');
  return result;
};
window.benchReady = true;
