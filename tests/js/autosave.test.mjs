// Autosave and crash detection (www/autosave.js) with an in-memory storage and event target.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAutosave, isEngineCrash, watchForCrash, KEY, PREVIOUS_KEY } from '../../www/app/autosave.js';

function memoryStorage() {
  const map = new Map();
  return { getItem: (k) => (map.has(k) ? map.get(k) : null), setItem: (k, v) => map.set(k, String(v)), removeItem: (k) => map.delete(k), map };
}

test('a saved design comes back exactly; nothing saved gives null', () => {
  const storage = memoryStorage();
  const autosave = createAutosave(storage);
  assert.equal(autosave.load(), null);
  const design = { version: 1, seed: 7, hairline: [[1.5, 2.25], [30, 2]], style: 'sharp' };
  autosave.save(design);
  assert.deepEqual(autosave.load(), design);
  assert.ok(storage.map.has(KEY));
  autosave.clear();
  assert.equal(autosave.load(), null);
});

test('broken or failing storage never throws', () => {
  const storage = memoryStorage();
  storage.setItem(KEY, '{ not json');
  assert.equal(createAutosave(storage).load(), null);
  storage.setItem(KEY, '[1, 2]');
  assert.equal(createAutosave(storage).load(), null);
  const failing = { getItem() { throw new Error('denied'); }, setItem() { throw new Error('quota'); }, removeItem() { throw new Error('x'); } };
  const autosave = createAutosave(failing);
  assert.doesNotThrow(() => autosave.save({ version: 1 }));
  assert.equal(autosave.load(), null);
  assert.doesNotThrow(() => autosave.clear());
  assert.equal(createAutosave(undefined).load(), null);
});

test('only engine traps count as crashes, and the watcher fires once', () => {
  assert.equal(isEngineCrash(new WebAssembly.RuntimeError('unreachable')), true);
  assert.equal(isEngineCrash(new Error('panicked at src/engine/scene.rs:12:5')), true);
  assert.equal(isEngineCrash(new Error('invalid design: dot_mm: must be from 0.15 to 1')), false);
  assert.equal(isEngineCrash(undefined), false);
  assert.equal(isEngineCrash(new Error('recursive use of an object detected which would lead to unsafe aliasing in rust')), true);
  const target = new EventTarget();
  const seen = [];
  const stop = watchForCrash(target, (e) => seen.push(e));
  const fire = (type, props) => target.dispatchEvent(Object.assign(new Event(type), props));
  fire('error', { error: new Error('ordinary bug') });
  fire('unhandledrejection', { reason: new WebAssembly.RuntimeError('unreachable executed') });
  fire('error', { error: new WebAssembly.RuntimeError('unreachable') });
  assert.equal(seen.length, 1);
  stop();
});

// Issue 13: never lose a design. A save is checked before it replaces the good one, and the
// good one before it is kept.
test('a failed, partial or corrupt save never replaces the good design', () => {
  const storage = memoryStorage();
  const autosave = createAutosave(storage);
  const good = { version: 1, seed: 1, style: 'soft' };
  assert.equal(autosave.save(good), true);
  // Quota: every write fails. The good design stays, and the caller is told.
  const full = { ...storage, setItem() { throw new Error('QuotaExceededError'); } };
  assert.equal(createAutosave(full).save({ version: 1, seed: 2 }), false);
  assert.deepEqual(autosave.load(), good);
  // A storage that keeps only part of what it is given (a torn write).
  const torn = { ...storage, setItem: (k, v) => storage.setItem(k, String(v).slice(0, 10)) };
  assert.equal(createAutosave(torn).save({ version: 1, seed: 3, style: 'sharp' }), false);
  assert.deepEqual(autosave.load(), good);
  // A newer save keeps the previous good one; a corrupt current falls back to it.
  const newer = { version: 1, seed: 4, style: 'sharp' };
  assert.equal(autosave.save(newer), true);
  assert.deepEqual(autosave.candidates(), [newer, good]);
  storage.setItem(KEY, '{ "version": 1, "se');
  assert.deepEqual(autosave.load(), good);
  assert.deepEqual(JSON.parse(storage.getItem(PREVIOUS_KEY)), good);
});
