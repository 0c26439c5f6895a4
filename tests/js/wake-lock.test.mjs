// Unit test of the demo's screen wake lock (www/ui/wake-lock.js) on a fake document and
// navigator: taken at once, taken again when the page comes back into view after the
// browser dropped it, released on dispose, and a refusal is quiet.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { holdWakeLock } from '../../www/ui/wake-lock.js';

function fakes({ refuse = false } = {}) {
  const listeners = {};
  const doc = {
    visibilityState: 'visible',
    addEventListener: (type, fn) => { listeners[type] = fn; },
    removeEventListener: (type) => { delete listeners[type]; },
  };
  const locks = [];
  const nav = {
    wakeLock: {
      async request(type) {
        if (refuse) throw new Error('NotAllowedError');
        const lock = { type, released: false, async release() { lock.released = true; } };
        locks.push(lock);
        return lock;
      },
    },
  };
  return { doc, nav, locks, listeners };
}

const settle = () => new Promise((ok) => setTimeout(ok, 0));

test('the wake lock is held, taken again after the page was hidden, and released on dispose', async () => {
  const { doc, nav, locks, listeners } = fakes();
  const release = holdWakeLock(doc, nav);
  await settle();
  assert.equal(locks.length, 1);
  // Hidden: the browser drops the lock; visible again: it is taken again.
  doc.visibilityState = 'hidden';
  locks[0].released = true;
  listeners.visibilitychange();
  await settle();
  assert.equal(locks.length, 1, 'not taken while hidden');
  doc.visibilityState = 'visible';
  listeners.visibilitychange();
  await settle();
  assert.equal(locks.length, 2);
  release();
  await settle();
  assert.equal(locks[1].released, true);
  assert.equal(listeners.visibilitychange, undefined);
});

test('a refused wake lock or a browser without one is quiet', async () => {
  const { doc, nav } = fakes({ refuse: true });
  const release = holdWakeLock(doc, nav);
  await settle();
  release();
  holdWakeLock(doc, {})();
});
