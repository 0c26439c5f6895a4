// End-to-end: one source of limits and defaults (issue 11, part 1). The sliders' ranges and
// the sessions a plan may have come from the engine's `limits()`, not from copies in the
// page; warnings arrive as { code, field, message } in the page's words, in every style.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, openDesigner } from './harness.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.close(); });

test('slider ranges and the sessions list are the engine\'s; warnings are values in plain words', async () => {
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1280, height: 800 } });
  const { limits, ranges, sessions } = await page.evaluate(async () => {
    const { default: start, limits: engineLimits } = await import('./pkg/hairline.js');
    await start(); // the page's own copy is in its bundle: this one starts itself
    const range = (id) => { const el = document.querySelector('hairline-designer').shadowRoot.getElementById(id); return [Number(el.min), Number(el.max)]; };
    return {
      limits: engineLimits(),
      ranges: { density_per_cm2: range('p-density'), dot_mm: range('p-dot'), transition_mm: range('p-transition'), shade: range('p-shade') },
      sessions: [...document.querySelector('hairline-designer').shadowRoot.querySelectorAll('#t-sessions option')].map((o) => Number(o.value)),
    };
  });
  for (const [field, [min, max]] of Object.entries(ranges)) {
    assert.deepEqual([min, max], [limits[field].min, limits[field].max], field);
  }
  assert.deepEqual(sessions, [1, 2, 3, 4].filter((n) => n >= limits.sessions.min && n <= limits.sessions.max));
  assert.equal(limits.template.midline_x, 110);
  // A large dot: the engine's warning, as a value, shown in the page's words in every style.
  for (const style of ['soft', 'density-only']) {
    const stats = await page.evaluate((s) => {
      window.hairline.setDesign({ ...window.hairline.getDesign(), style: s, dot_mm: 0.4 });
      return window.hairline.stats();
    }, style);
    assert.deepEqual(stats.warnings.map((w) => [w.code, w.field]), [['large-dots', 'dot_mm']], style);
    const advice = await page.textContent('#advice');
    assert.match(advice, /Dot size 0\.40 mm is larger than SMP needles make/, `${style}: ${advice}`);
    assert.doesNotMatch(advice, /dot_mm/, style);
  }
  assert.deepEqual(problems, []);
  await context.close();
});
