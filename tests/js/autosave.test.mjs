// Autosave and crash detection (www/autosave.js) with an in-memory storage and event target.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAutosave, isEngineCrash, watchForCrash, KEY } from '../../www/autosave.js';

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
