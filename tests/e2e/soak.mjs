// A seeded random soak of the designer as people and host pages use it: mouse strokes and
// handle drags, pen strokes, touch pinches, middle-button pans, wheel zoom, slider keys,
// style and stage choices, undo/redo, the compare divider, and hostile values through the
// page API (NaN, 1e308, 10 MB strings, circular objects, 100,000-point lines, unknown
// stages). After every action: no uncaught error or console error, no crash dialog, and
// the design on screen is one the engine accepts. Shared by the 150-action test
// (soak.test.mjs) and the long run (scripts/soak).

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
 * `cdp` (its CDP session, for touch). Returns `{ done, kinds }`; throws at the first
 * broken invariant, naming the action number and kind.
 */
export async function runSoak(page, cdp, { count, seed, problems }) {
  const random = rng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
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
      const box = await pick(handles).boundingBox();
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
  const names = Object.keys(actions);
  for (let n = 0; n < count; n += 1) {
    const kind = pick(names);
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    await actions[kind]();
    if (problems.length) throw new Error(`action ${n} (${kind}): ${problems.join(' | ')}`);
    if (n % 10 === 9 || n === count - 1) {
      const state = await page.evaluate(() => {
        let valid = true;
        try { window.hairline.setDesign(window.hairline.getDesign()); window.hairline.undo(); } catch { valid = false; }
        return { valid, crashed: document.querySelector('hairline-designer').shadowRoot.querySelector('.crash') !== null, dots: window.hairline.stats().dots };
      });
      if (!state.valid || state.crashed) throw new Error(`action ${n} (${kind}): design valid ${state.valid}, crash dialog ${state.crashed}`);
    }
  }
  return { done: count, kinds };
}
