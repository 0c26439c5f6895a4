// Unit tests of the demo's attract loop (www/app/demo.js) on a fake app and a fake clock:
// the scenes lay each session in growing batches, a person's touch hands over a finished
// picture, and after the idle time the visitor's work is wiped and the loop starts again.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attractScenes, createDemo, stillScenes } from '../../www/app/demo.js';

function fakeApp() {
  const calls = [];
  const record = (name) => (...args) => { calls.push([name, ...args]); };
  return {
    calls,
    limits: { sessions: { max: 4 } },
    state: { design: { sessions: 3 } },
    setCompare: record('setCompare'), setStage: record('setStage'), setLaid: record('setLaid'),
    setField: record('setField'), clear: record('clear'), stroke: record('stroke'), cancel: record('cancel'),
    wipe: record('wipe'), showMessage: record('showMessage'), newHistory: record('newHistory'),
    setHead: record('setHead'),
    photo: { thinning: record('thinning'), template: record('template') },
  };
}

function fakeClock() {
  let t = 0;
  let queued = null;
  return {
    now: () => t,
    schedule: (fn) => { queued = fn; return 1; },
    cancel: () => { queued = null; },
    /** Runs frames of 16 ms for `ms`. */
    run(ms) { const end = t + ms; while (t < end && queued) { t += 16; const fn = queued; queued = null; fn(); } },
  };
}

const LINE = [[40, 120], [70, 90], [110, 80], [150, 90], [180, 120]];

test('the loop draws a line, lays each session in growing batches, heals, ages, cycles styles and sweeps the divider', () => {
  const app = fakeApp();
  const clock = fakeClock();
  const scenes = attractScenes({ sessions: 3, line: LINE });
  const total = scenes.reduce((s, x) => s + x.seconds, 0);
  assert.ok(total > 30 && total < 90, `one loop lasts ${total} s`);
  const modes = [];
  const demo = createDemo(app, { scenes, ...clock, idleSeconds: 90, onMode: (m) => modes.push(m) });
  demo.start();
  clock.run(total * 1000 + 500);
  const names = app.calls.map(([n]) => n);
  assert.equal(names[0], 'wipe', 'the loop starts from a clean designer');
  assert.ok(names.includes('clear') && app.calls.some(([n, phase]) => n === 'stroke' && phase === 'end'), 'a hairline is drawn');
  const laid = app.calls.filter(([n]) => n === 'setLaid').map(([, p]) => p);
  const zeros = laid.filter((p) => p === 0).length;
  assert.ok(zeros >= 3, `each of the 3 sessions starts from nothing laid (${zeros})`);
  for (let i = 1; i < laid.length; i += 1) assert.ok(laid[i] >= laid[i - 1] || laid[i] === 0, 'laying only grows within a session');
  const stages = app.calls.filter(([n]) => n === 'setStage').map(([, s]) => `${s.session}/${s.age}`);
  for (const s of ['0/healed', '1/fresh', '1/healed', '2/fresh', '3/fresh', '3/healed', '3/5']) assert.ok(stages.includes(s), `stage ${s}`);
  assert.deepEqual(app.calls.filter(([n]) => n === 'setField').map(([, , v]) => v), ['sharp', 'density-only', 'soft']);
  const afters = app.calls.filter(([n, c]) => n === 'setCompare' && typeof c.after === 'number').map(([, c]) => c.after);
  assert.ok(Math.max(...afters) > 95 && afters.at(-1) === 50, 'the divider sweeps to 100 % and settles at 50 %');
  const heads = app.calls.filter(([n]) => n === 'setHead').map(([, h]) => `${h.preset}/${h.view}`);
  assert.deepEqual(heads, ['norwood-3/front', 'norwood-5/top', 'ludwig-2/front', 'bald/front'], 'presets from the front and from above take turns, then the bald head');
  assert.deepEqual(modes, ['attract']);
  assert.equal(demo.scene, scenes[0].name, 'and the loop starts again');
});

test('a touch hands over a finished picture; after the idle time everything is wiped and the loop returns', () => {
  const app = fakeApp();
  const clock = fakeClock();
  const modes = [];
  const demo = createDemo(app, { scenes: attractScenes({ sessions: 3, line: LINE }), ...clock, idleSeconds: 30, onMode: (m) => modes.push(m) });
  demo.start();
  clock.run(9000); // part-way through laying a session
  app.calls.length = 0;
  demo.visitor();
  assert.equal(demo.mode, 'visitor');
  assert.deepEqual(app.calls.find(([n]) => n === 'setLaid'), ['setLaid', 1], 'the session shows done');
  assert.deepEqual(app.calls.find(([n]) => n === 'setStage'), ['setStage', { session: 4, age: 'healed' }]);
  assert.deepEqual(app.calls.at(-1), ['newHistory'], "the visitor's undo starts at the picture handed over");
  app.calls.length = 0;
  clock.run(20_000);
  demo.visitor(); // still playing: the idle clock restarts
  clock.run(29_000);
  assert.equal(demo.mode, 'visitor');
  assert.equal(app.calls.filter(([n]) => n === 'wipe').length, 0, 'no wipe while the visitor plays');
  clock.run(2_000);
  assert.equal(demo.mode, 'attract', 'back to the loop after 30 s without a touch');
  assert.equal(app.calls.filter(([n]) => n === 'wipe').length, 1, "the visitor's work was wiped");
  assert.deepEqual(modes, ['attract', 'visitor', 'attract']);
  demo.stop();
  assert.equal(demo.mode, 'off');
});

test('reduced motion: every scene is a still of at least 3 s; the compare holds at 50 %', () => {
  const stills = stillScenes(attractScenes({ sessions: 3, line: LINE }));
  assert.ok(stills.every((s) => s.still && s.seconds >= 3));
  const app = fakeApp();
  const lay = stills.find((s) => s.name === 'lay session 2');
  lay.run(app);
  assert.deepEqual(app.calls.filter(([n]) => n === 'setLaid').at(-1), ['setLaid', 1], 'a session appears whole, not dot by dot');
  stills.find((s) => s.name === 'compare').run(app);
  assert.deepEqual(app.calls.at(-1), ['setCompare', { mode: 'slider', before: { session: 0, age: 'healed' }, after: 50 }]);
});
