// A seeded random soak of the designer as people and host pages use it: mouse strokes and
// handle drags, pen strokes, touch pinches, middle-button pans, wheel zoom, slider keys,
// style and stage choices, undo/redo, the compare divider, hair-loss presets and views,
// scars, photos (good and hostile files through the file input), design files (good and
// malformed), exports, a second designer added to the page and removed, and hostile values
// through the page API (NaN, 1e308, 10 MB strings, circular objects, 100,000-point lines,
// unknown stages). After every action: no uncaught error or console error, no crash dialog,
// and every tenth the design on screen is one the engine accepts. The page is reloaded at
// action 50 and at the end (the autosaved design must come back); main-thread tasks over
// 1 s fail the run; the memory the designer holds is read after 100 actions and at the end,
// both times with the same design on screen. Every kind of action comes once in each run
// of as many actions as there are kinds, in a seeded random order. SOAK_PEAKS=1 prints
// each action after which the engine's peak memory rose by over 0.5 MB (what set the wasm
// memory's high-water mark). Shared by the 150-action test (soak.test.mjs) and the long run (scripts/soak).

import { png, scalpPhoto } from './images.mjs';
import { ARTIFACTS } from './harness.mjs';

/** A small seeded generator (mulberry32): the same seed, the same actions. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How many kinds of hostile design the `hostile` action picks from (listed in the page call). */
const HOSTILE_KINDS = 11;

/**
 * Runs `count` actions from `seed` on `page` (opened with openDesigner, touch enabled) and
 * `cdp` (its CDP session, for touch and memory). Returns `{ done, kinds, memory, longTasks }`
 * (`longTasks`: per kind of action, the longest main-thread task it caused, ms, over 50 ms)
 * (`memory`: `{ settled, end }` readings of `readMemory` after 100 actions, or the first,
 * and at the end); throws at the first broken invariant, naming the action
 * number and kind. `beforeAction(n)`, if given, is awaited before action n (a hook for
 * investigations, such as heap snapshots).
 */
export async function runSoak(page, cdp, { count, seed, problems, beforeAction = async () => {} }) {
  const random = rng(seed);
  await watchLongTasks(page);
  const pick = (list) => list[Math.floor(random() * list.length)];
  // Some choices are dealt like the kinds (below): each run of `list.length` picks of `key`
  // has every item once, in a seeded random order. Picked independently, the good photo
  // (one file in four) came first at action 174 after the reload at 50 with the default
  // seed, so the first 100 actions of that page had loaded no photo, the busiest thing it
  // does, and the memory read after them said little.
  const hands = new Map();
  const dealFrom = (key, list) => {
    let hand = hands.get(key);
    if (!hand?.length) {
      hand = list.map((_, i) => i);
      for (let i = hand.length - 1; i > 0; i -= 1) {
        const j = Math.floor(random() * (i + 1));
        [hand[i], hand[j]] = [hand[j], hand[i]];
      }
      hands.set(key, hand);
    }
    return list[hand.pop()];
  };
  const stage = await page.locator('#stage').boundingBox();
  const inStage = () => [stage.x + stage.width * (0.15 + 0.7 * random()), stage.y + stage.height * (0.1 + 0.6 * random())];
  const kinds = {};
  const actions = {
    async stroke() {
      const [x, y] = inStage();
      await page.mouse.move(x, y);
      await page.mouse.down();
      for (let i = 1; i <= 6; i += 1) await page.mouse.move(x + i * 25 * (random() - 0.3), y + 8 * (random() - 0.5));
      await page.mouse.up();
    },
    async drag() {
      const handles = await page.locator('.handle').all();
      if (handles.length === 0) return;
      // A handle can go between listing and grabbing (a preset or the thinning head arrives
      // from the worker and the handles are laid out again): then there is nothing to grab,
      // as for a person whose handle moved away.
      const box = await pick(handles).boundingBox({ timeout: 2000 }).catch(() => null);
      if (!box) return;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width / 2 + 60 * (random() - 0.5), box.y + box.height / 2 + 60 * (random() - 0.5), { steps: 4 });
      await page.mouse.up();
    },
    async pen() {
      const [x, y] = inStage();
      const points = Array.from({ length: 6 }, (_, i) => [x + i * 20, y + 5 * Math.sin(i)]);
      await page.evaluate((pts) => {
        const target = document.querySelector('hairline-designer').shadowRoot.getElementById('stage');
        const at = ([cx, cy], type, pressure) => target.dispatchEvent(new PointerEvent(type, { pointerId: 7, pointerType: 'pen', clientX: cx, clientY: cy, pressure, bubbles: true, cancelable: true, isPrimary: true, button: 0, buttons: type === 'pointerup' ? 0 : 1 }));
        at(pts[0], 'pointerdown', 0.4);
        for (const p of pts.slice(1)) at(p, 'pointermove', 0.7);
        at(pts[pts.length - 1], 'pointerup', 0);
      }, points);
    },
    async pinch() {
      const [cx, cy] = inStage();
      const touch = (type, pts) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: pts.map(([x, y], id) => ({ x, y, id })) });
      const spread = 20 + 40 * random();
      await touch('touchStart', [[cx - 30, cy]]);
      await touch('touchStart', [[cx - 30, cy], [cx + 30, cy]]);
      await touch('touchMove', [[cx - 30 - spread, cy], [cx + 30 + spread, cy]]);
      await touch('touchEnd', []);
    },
    async pan() {
      const [x, y] = inStage();
      await page.mouse.move(x, y);
      await page.mouse.down({ button: 'middle' });
      await page.mouse.move(x + 40 * (random() - 0.5), y + 40 * (random() - 0.5), { steps: 3 });
      await page.mouse.up({ button: 'middle' });
    },
    async wheel() {
      const [x, y] = inStage();
      await page.mouse.move(x, y);
      await page.mouse.wheel(0, random() < 0.5 ? -120 : 120);
    },
    async slider() {
      const id = pick(['#p-density', '#p-dot', '#p-shade', '#t-age']);
      await page.focus(id);
      await page.keyboard.press(pick(['ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp']));
    },
    async style() { await page.click(`label.choice:has(input[value="${pick(['soft', 'sharp', 'density-only'])}"])`); },
    async session() { await page.click(`#t-session label:has-text("${pick(['Before', '1', '2', '3'])}")`).catch(() => {}); },
    async undo() { await page.keyboard.press(random() < 0.6 ? 'Control+z' : 'Control+Shift+z'); },
    async compare() {
      await page.click('#compare');
      if (await page.isVisible('#compare-divider')) {
        await page.focus('#compare-divider');
        await page.keyboard.press(pick(['ArrowLeft', 'Shift+ArrowRight', 'Home', 'End', 'f']));
      }
    },
    async fit() { await page.keyboard.press(pick(['0', '+', '-'])); },
    async preset() {
      const presets = await page.locator('#presets button.preset').all();
      if (presets.length) await tap(pick(presets));
    },
    async head() {
      const [name, value] = pick([['head-sex', 'male'], ['head-sex', 'female'], ['head-view', 'front'], ['head-view', 'top']]);
      await tap(page.locator(`label:has(input[name="${name}"][value="${value}"])`));
    },
    async mark() { await tap(page.locator(pick(['#add-strip', '#add-fue', '#add-patch']))); },
    async photo() {
      const files = [
        () => ({ name: 'scalp.png', mimeType: 'image/png', buffer: photoBytes() }),
        () => ({ name: 'cut.png', mimeType: 'image/png', buffer: photoBytes().subarray(0, 5000) }),
        () => ({ name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a picture at all') }),
        () => ({ name: 'dot.png', mimeType: 'image/png', buffer: png(1, 1, (y, out) => out.fill(200)) }),
      ];
      // Handed over as setInputFiles does (the file's bytes made into a File in the page,
      // then the input's files set and input and change sent), in two steps: the first is
      // the harness's (decoding the 1600 × 1200 photo's bytes took 150 ms of the page's
      // thread and read as the designer's longest task), the second the person's pick.
      const { name, mimeType, buffer } = dealFrom('photo', files)();
      await page.evaluate(({ name, mimeType, base64 }) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        window.soakFile = new File([bytes], name, { type: mimeType });
      }, { name, mimeType, base64: buffer.toString('base64') });
      await page.evaluate(() => window.soakTake()); // the harness's decoding, not the pick's
      await page.evaluate(() => {
        const input = document.querySelector('hairline-designer').shadowRoot.getElementById('photo-file');
        const picked = new DataTransfer();
        picked.items.add(window.soakFile);
        delete window.soakFile;
        input.files = picked.files;
        input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
        input.dispatchEvent(new Event('change', { bubbles: true }));
      });
      await page.waitForTimeout(400); // decoding is off the main thread; a person waits a moment too
    },
    async openFile() {
      const design = await page.evaluate(() => window.hairline.getDesign());
      const texts = [
        JSON.stringify({ ...design, density_per_cm2: 60 + Math.round(random() * 60) }),
        '{"version": 1, "style": "so',
        JSON.stringify({ ...design, version: 7 }),
        JSON.stringify({ version: 1 }),
        '['.repeat(100_000) + ']'.repeat(100_000),
        JSON.stringify({ ...design, hairline: 'a line' }),
      ];
      await page.setInputFiles('#open-design', { name: 'design.json', mimeType: 'application/json', buffer: Buffer.from(pick(texts)) });
      await page.waitForTimeout(100);
    },
    async exportFile() {
      const button = dealFrom('export', ['#export-png', '#save-design']);
      const save = async () => (await Promise.all([
        page.waitForEvent('download', { timeout: 15_000 }).catch(() => null),
        page.click(button),
      ]))[0];
      // Chromium drops about one download in eleven when a page starts many in quick
      // succession (so does a bare page with a download link; measured 2026-11-23): a
      // person clicks again, and so does the soak, once.
      const download = (await save()) ?? (await save());
      if (!download) {
        const why = await page.evaluate((id) => {
          const root = document.querySelector('hairline-designer').shadowRoot;
          const message = root.getElementById('message');
          return { disabled: root.querySelector(id).disabled, message: message.hidden ? null : message.textContent, design: JSON.stringify(window.hairline.getDesign()).slice(0, 300) };
        }, button);
        throw new Error(`${button} gave no file in 15 s: ${JSON.stringify(why)}`);
      }
      await download.delete();
    },
    async embed() {
      // A host page adds a second designer, uses it and takes it away again.
      const kept = await page.evaluate(async (preset) => {
        const el = document.createElement('hairline-designer');
        el.setAttribute('storage-key', 'none');
        el.setAttribute('preset', preset);
        el.style.cssText = 'position: fixed; right: 0; bottom: 0; width: 320px; height: 240px';
        const mine = JSON.stringify(window.hairline.getDesign());
        document.body.append(el);
        await el.ready;
        el.setDesign({ ...el.getDesign(), density_per_cm2: 70 });
        el.undo();
        el.remove();
        return JSON.stringify(window.hairline.getDesign()) === mine;
      }, pick(['norwood-3', 'ludwig-2', 'alopecia-areata', 'template']));
      if (!kept) throw new Error('a second designer changed the first one\'s design');
    },
    async hostile() {
      const index = Math.floor(random() * HOSTILE_KINDS);
      const result = await page.evaluate((i) => {
        const make = [
          (d) => ({ ...d, density_per_cm2: Number.NaN }),
          (d) => ({ ...d, dot_mm: 1e308 }),
          (d) => ({ ...d, style: 'x'.repeat(10_000_000) }),
          (d) => { const c = { ...d }; c.self = c; return c; },
          (d) => ({ ...d, hairline: Array.from({ length: 100_000 }, (_, k) => [k * 0.001, 80]) }),
          (d) => ({ ...d, hairline: [[0, 0], [0, 0]] }),
          (d) => ({ ...d, scalp: [[10, 10], [20, 20], [30, 30]] }),
          (d) => ({ ...d, sessions: 9 }),
          (d) => ({ ...d, version: 99 }),
          () => null,
          () => 'a design',
        ][i];
        const before = JSON.stringify(window.hairline.getDesign());
        let message = null;
        const t0 = performance.now();
        try { window.hairline.setDesign(make(window.hairline.getDesign())); } catch (e) { message = String(e.message); }
        return { message, ms: performance.now() - t0, unchanged: JSON.stringify(window.hairline.getDesign()) === before };
      }, index);
      if (result.message === null && index !== 5 && index !== 6) throw new Error(`hostile value ${index} was accepted`);
      if (result.message !== null && (!result.unchanged || result.message.length > 300)) {
        throw new Error(`hostile value ${index}: changed the design or a long message (${result.message.length} chars)`);
      }
    },
    async stageApi() {
      await page.evaluate((age) => { try { window.hairline.setStage({ age }); } catch { /* refused in words */ } }, pick(['fresh', 'healed', 3, 'someday', 1e9]));
    },
  };
  // SOAK_KINDS=photo,embed runs only those kinds (to chase one problem down).
  const only = process.env.SOAK_KINDS?.split(',');
  const names = Object.keys(actions).filter((name) => !only || only.includes(name));
  // The kinds are dealt like cards: each run of names.length actions is every kind once, in
  // a seeded random order. So the first 100 actions have used every feature four or five
  // times (a photo loaded, an export, a second designer), and what they compiled, cached and
  // allocated is there when the memory is first read; drawn independently, a kind could
  // first come at action 150 and its first use would read as growth.
  let deck = [];
  const deal = () => {
    if (deck.length === 0) {
      deck = [...names];
      for (let i = deck.length - 1; i > 0; i -= 1) {
        const j = Math.floor(random() * (i + 1));
        [deck[i], deck[j]] = [deck[j], deck[i]];
      }
    }
    return deck.pop();
  };
  const startDesign = await page.evaluate(() => window.hairline.getDesign());
  /** The memory before action `n` (or at the end), failing with where it was. */
  const reading = async (n) => {
    try {
      const m = await readMemory(page, cdp, startDesign);
      if (problems.length) throw new Error(problems.join(' | '));
      return m;
    } catch (error) {
      throw new Error(`reading the memory ${n < count ? `before action ${n}` : 'at the end'}: ${error.message.split('\n')[0]}`);
    }
  };
  const memory = {};
  const longTasks = {};
  // Each action's longest task: from the action's start to the soak's next step in the page,
  // so work an action leaves for later (the figures' analysis 200 ms after an edit, a photo
  // still decoding, the autosave) is the action's too; the soak's own steps (its checks,
  // readings, reloads, a file handed over) are taken out.
  let previous = null;
  // SOAK_WINDOWS=1 prints, every 100 actions, the longest task of those 100 and its kind
  // (does the page slow down the longer it runs?).
  let windowLongest = [0, null];
  const takeFor = async (kind) => {
    const longest = await page.evaluate(() => window.soakTake());
    if (kind && longest > (longTasks[kind] ?? 0)) longTasks[kind] = Math.round(longest);
    if (kind && longest > windowLongest[0]) windowLongest = [Math.round(longest), kind];
  };
  for (let n = 0; n < count; n += 1) {
    await takeFor(previous);
    await beforeAction(n);
    if (n === 50) await reload(page);
    if (n === Math.min(100, count - 1)) memory.settled = await reading(n);
    if (process.env.SOAK_DEBUG && n % 100 === 0) console.log(`action ${n}: ${JSON.stringify(await reading(n))}`);
    if (process.env.SOAK_WINDOWS && n % 100 === 0 && n > 0) {
      console.log(`actions ${n - 100}-${n - 1}: longest task ${windowLongest[0]} ms (${windowLongest[1]})`);
      windowLongest = [0, null];
    }
    const kind = deal();
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    await takeFor(null); // the soak's own steps above
    previous = kind;
    try {
      await actions[kind]();
    } catch (error) {
      await page.screenshot({ path: `${ARTIFACTS}soak-failure.png` }).catch(() => {});
      if (process.env.SOAK_DEBUG) console.log(await page.evaluate(() => {
        const root = document.querySelector('hairline-designer').shadowRoot;
        const wide = [...root.querySelectorAll('*')].map((el) => [el.id || el.className || el.tagName, Math.round(el.getBoundingClientRect().right), el.scrollWidth, el.clientWidth]).filter(([, r]) => r > innerWidth).slice(0, 20);
        const scrolled = [...root.querySelectorAll('*')].filter((el) => el.scrollLeft || el.scrollTop).map((el) => `${el.id || el.className}: ${el.scrollLeft},${el.scrollTop}`);
        const rect = (sel) => { const r = root.querySelector(sel)?.getBoundingClientRect(); return r && [r.x, r.y, r.width, r.height].map(Math.round); };
        return JSON.stringify({ innerWidth, scrollX, scrollY, docWidth: document.documentElement.scrollWidth, docHeight: document.documentElement.scrollHeight, scrolled, panel: rect('.panel'), stage: rect('#stage'), exportPng: rect('#export-png'), host: (() => { const r = document.querySelector('hairline-designer').getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; })(), bodyChildren: [...document.body.children].map((e) => e.tagName) });
      }));
      throw new Error(`action ${n} (${kind}): ${error.message.split('\n')[0]} (screenshot: tests/artifacts/soak-failure.png)`);
    }
    if (process.env.SOAK_PEAKS) {
      const m = await page.evaluate(() => window.hairline.memoryUse());
      if (m.wasmPeakBytes > (globalThis.soakPeak ?? 0) + 0.5e6) console.log(`peak after action ${n} (${kind}): ${(m.wasmPeakBytes / 1e6).toFixed(1)} MB, memory ${(m.wasmBytes / 1e6).toFixed(1)} MB (small heap ${(m.wasmTakenBytes[0] / 1e6).toFixed(1)}, large ${(m.wasmTakenBytes[1] / 1e6).toFixed(1)})`);
      globalThis.soakPeak = Math.max(globalThis.soakPeak ?? 0, m.wasmPeakBytes);
    }
    if (problems.length) throw new Error(`action ${n} (${kind}): ${problems.join(' | ')}`);
    if (n % 10 === 9 || n === count - 1) {
      await takeFor(kind);
      const state = await page.evaluate(() => {
        let valid = true;
        try { window.hairline.setDesign(window.hairline.getDesign()); window.hairline.undo(); } catch { valid = false; }
        return { valid, crashed: document.querySelector('hairline-designer').shadowRoot.querySelector('.crash') !== null, dots: window.hairline.stats().dots };
      });
      if (!state.valid || state.crashed) throw new Error(`action ${n} (${kind}): design valid ${state.valid}, crash dialog ${state.crashed}`);
      await takeFor(null); // the check's
    }
  }
  await takeFor(previous);
  memory.end = await reading(count);

  await reload(page);
  if (problems.length) throw new Error(`after the last reload: ${problems.join(' | ')}`);
  return { done: count, kinds, memory, longTasks };
}

/**
 * Clicks `locator` as a person taps it; a control switched off for now (inert, as the
 * presets are over a photo, or disabled) is tapped in vain, which is not a failure.
 */
async function tap(locator) {
  const off = await locator.evaluate((el) => el.closest('[inert]') !== null || el.matches(':disabled, :has(:disabled)'));
  if (!off) await locator.click();
}

/** Fails the run on any main-thread task over 1 s (a frozen page), from now on. */
async function watchLongTasks(page) {
  await page.evaluate((limit) => {
    window.soakLongestTask = 0; // since the last take
    const note = (entries) => {
      for (const entry of entries) {
        window.soakLongestTask = Math.max(window.soakLongestTask, entry.duration);
        if (entry.duration > limit) console.error(`soak: the main thread was blocked for ${Math.round(entry.duration)} ms`);
      }
    };
    window.soakLongTasks = new PerformanceObserver((list) => note(list.getEntries()));
    window.soakLongTasks.observe({ type: 'longtask' });
    // The longest task since the last take (entries not yet delivered included), and a new
    // count from now: the soak takes before and after its own steps in the page, so that
    // each action's figure holds the action's work alone (the harness's tasks still count
    // for the 1 s limit above).
    window.soakTake = () => {
      note(window.soakLongTasks.takeRecords());
      const longest = window.soakLongestTask;
      window.soakLongestTask = 0;
      return longest;
    };
  }, Number(process.env.SOAK_LONG_TASK_MS ?? 1000));
}

/**
 * Reloads the page as a person would. A design on the template must come back from autosave
 * exactly; a photo is never kept on the device, so a design made on one (relative to that
 * photo) gives way to the last template design, with no photo frame.
 */
async function reload(page) {
  const keys = ['hairline', 'scalp', 'density_per_cm2', 'dot_mm', 'shade', 'style', 'sessions', 'head', 'marks'];
  const pickKeys = (d) => JSON.stringify(keys.map((k) => d[k]));
  const design = await page.evaluate(() => window.hairline.getDesign());
  await page.reload({ waitUntil: 'load' });
  await page.evaluate(() => document.querySelector('hairline-designer').ready);
  const back = await page.evaluate(() => window.hairline.getDesign());
  if (design.photo) {
    if (back.photo) throw new Error('a design on a photo came back with a photo frame but no photo');
  } else if (pickKeys(back) !== pickKeys(design)) {
    throw new Error(`a reload lost the design: ${pickKeys(design).slice(0, 200)} became ${pickKeys(back).slice(0, 200)}`);
  }
  await watchLongTasks(page);
}

/**
 * The memory the page holds with the same design on screen, after a forced garbage
 * collection: `{ jsHeapMB, wasmMB, wasmInUseMB, wasmSpareMB }` (the wasm memory's size is
 * its high-water mark; in use is what the engine holds, of which spare is frame buffers
 * kept for reuse). With SOAK_SNAPSHOT set, a heap snapshot also splits the JS heap into
 * `jsCodeMB` (V8's compiled code: it grows as V8 optimises more of the page's functions
 * the longer it runs) and `jsObjectsMB` (everything else V8 holds: the page's objects,
 * strings and closures, and Chromium's script-side objects). The page is first brought
 * back, as a person would, to the template head (leaving a photo), compare off, and
 * `design` (the soak's first), the view fitted and the default stage: memory is compared
 * like with like, as a leak shows. As it stood, a reading with a photo loaded held 9–25 MB
 * more engine memory than one without, and said nothing about leaks.
 */
async function readMemory(page, cdp, design) {
  // A photo still loading (or a thinning head being made) would arrive mid-reading.
  await page.waitForFunction(() => !['loading', 'thinning'].includes(document.querySelector('hairline-designer').dataset.photo), null, { timeout: 60_000 });
  if (await page.isVisible('#photo-template')) {
    await page.click('#photo-template');
    // With work on the photo it asks first: a second tap goes.
    if (await page.evaluate(() => Boolean(document.querySelector('hairline-designer').dataset.photo))) await page.click('#photo-template');
  }
  if ((await page.getAttribute('#compare', 'aria-pressed')) === 'true') await page.click('#compare');
  // The view fitted and the plan's last session, healed, shown: what the engine keeps for
  // a zoom or a stage (its tables, the dots of a close-up) is kept for the one shown.
  if (await page.isVisible('#fit')) await page.click('#fit');
  await page.evaluate(async (d) => {
    window.hairline.setStage({ session: window.hairline.stage().sessions, age: 'healed' });
    window.hairline.setDesign(d);
    await window.hairline.settled();
  }, design);
  await page.waitForTimeout(300);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const { wasmBytes, wasmInUseBytes, wasmSpareBytes, wasmPeakBytes } = await page.evaluate(() => window.hairline.memoryUse());
  const MB = 2 ** 20;
  const reading = { jsHeapMB: usedSize / MB, wasmMB: wasmBytes / MB, wasmInUseMB: wasmInUseBytes / MB, wasmSpareMB: wasmSpareBytes / MB, wasmPeakMB: wasmPeakBytes / MB };
  return process.env.SOAK_SNAPSHOT ? { ...reading, ...(await heapSplit(cdp)) } : reading;
}

/** A heap snapshot's V8 objects summed as `{ jsCodeMB, jsObjectsMB }` (Blink's own, "native", left out). */
async function heapSplit(cdp) {
  const chunks = [];
  const take = (e) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', take);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', take);
  const { snapshot: { meta }, nodes } = JSON.parse(chunks.join(''));
  const stride = meta.node_fields.length;
  const typeAt = meta.node_fields.indexOf('type');
  const sizeAt = meta.node_fields.indexOf('self_size');
  const types = meta.node_types[typeAt];
  let code = 0;
  let objects = 0;
  for (let i = 0; i < nodes.length; i += stride) {
    const type = types[nodes[i + typeAt]];
    if (type === 'code') code += nodes[i + sizeAt];
    else if (type !== 'native' && type !== 'synthetic') objects += nodes[i + sizeAt];
  }
  return { jsCodeMB: code / 2 ** 20, jsObjectsMB: objects / 2 ** 20 };
}

/** A 1600 × 1200 px scalp photo (dense, thinning and sparse hair and a ruler), made once. */
let photoCache = null;
function photoBytes() {
  photoCache ??= scalpPhoto();
  return photoCache;
}
