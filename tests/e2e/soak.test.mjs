// End-to-end: 150 seeded random actions of every kind a person or a host page takes (see
// soak.mjs), with no uncaught error, no console error, no crash and a valid design after
// each. `scripts/soak` runs the same for 1,000 or more actions.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, openDesigner } from './harness.mjs';
import { runSoak } from './soak.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.close(); });

test('150 random mouse, pen, touch, key, file, preset, export, embed and hostile API actions: no error, no crash, a valid design, the design back after reloads', async () => {
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1366, height: 1024 }, hasTouch: true });
  const cdp = await context.newCDPSession(page);
  const { done, kinds } = await runSoak(page, cdp, { count: 150, seed: 20261123, problems });
  assert.equal(done, 150);
  assert.equal(Object.keys(kinds).length, 21, `every kind of action ran: ${JSON.stringify(kinds)}`);
  assert.deepEqual(problems, []);
  await context.close();
});
