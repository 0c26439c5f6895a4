// The demo's attract loop for screens in waiting rooms and at trade fairs, with no DOM: a
// list of timed scenes played over one app (a hairline is drawn, each session's impressions
// are laid in the engine's laying order, the work heals and ages, the styles take turns,
// the compare divider sweeps, then hair-loss presets from the front and from above), and
// the hand-over: a
// visitor's touch stops the loop and leaves a finished design to play with; after
// `idleSeconds` with no touch, everything the visitor did is wiped and the loop starts
// again. With reduced motion every scene is a still, changed by a calm cross-fade (the view
// fades on `onStill`) instead of moving.

/** The heads the loop shows after the bald one (see `attractScenes`). */
export const DEMO_PRESETS = [
  { preset: 'norwood-3', view: 'front' },
  { preset: 'norwood-5', view: 'top' },
  { preset: 'ludwig-2', view: 'front' },
];

/** Frames between two laying steps: the dots of a session appear in 24 batches. */
const LAY_STEPS = 24;

/** The points of `hairline` (flat [x, y, x, y, …] or [[x, y], …]) as [[x, y], …]. */
function pointsOf(hairline) {
  if (Array.isArray(hairline[0])) return hairline.map(([x, y]) => [x, y]);
  const out = [];
  for (let i = 0; i + 1 < hairline.length; i += 2) out.push([hairline[i], hairline[i + 1]]);
  return out;
}

/**
 * The loop's scenes for a plan of `sessions` and the template's `line` (the preset
 * hairline's points, mm). Each scene is `{ name, seconds, still?, run(app, t) }`: `run` is
 * called with `t` from 0 to 1 over the scene (once with t = 1 for a still). Pure data over
 * the app's actions, so a node test can play it on a fake app.
 */
export function attractScenes({ sessions, line, presets = DEMO_PRESETS }) {
  const scenes = [];
  const stroke = pointsOf(line);
  scenes.push({
    name: 'before', seconds: 2.5, still: true,
    run(app) { app.setCompare({ mode: 'off' }); app.setStage({ session: 0, age: 'healed' }); },
  });
  scenes.push({
    name: 'draw', seconds: 3,
    run(app, t) {
      if (t === 0) app.clear();
      const n = Math.max(2, Math.round(stroke.length * t));
      const points = stroke.slice(0, n).map(([x, y]) => [x, y, 0.5]);
      if (t < 1) app.stroke(t === 0 ? 'start' : 'move', points);
      else { app.stroke('move', stroke.map(([x, y]) => [x, y, 0.5])); app.stroke('end'); }
    },
  });
  for (let s = 1; s <= sessions; s += 1) {
    scenes.push({
      name: `lay session ${s}`, seconds: 4,
      run(app, t) {
        if (t === 0) app.setStage({ session: s, age: 'fresh' });
        app.setLaid(Math.round(t * LAY_STEPS) / LAY_STEPS);
      },
    });
    scenes.push({ name: `session ${s} healed`, seconds: 2, still: true, run(app) { app.setLaid(1); app.setStage({ session: s, age: 'healed' }); } });
  }
  for (const years of ['2', '5']) {
    scenes.push({ name: `${years} years`, seconds: 1.8, still: true, run(app) { app.setStage({ session: sessions, age: years }); } });
  }
  scenes.push({ name: 'healed', seconds: 1.5, still: true, run(app) { app.setStage({ session: sessions, age: 'healed' }); } });
  for (const style of ['sharp', 'density-only', 'soft']) {
    scenes.push({ name: `style ${style}`, seconds: 2.5, still: true, run(app) { app.setField('style', style); } });
  }
  scenes.push({
    name: 'compare', seconds: 5,
    run(app, t) {
      if (t === 0) app.setCompare({ mode: 'slider', before: { session: 0, age: 'healed' }, after: 0 });
      // 0 → 100 → 50 % after: the treated head wipes over the untreated one and settles.
      const after = t < 0.6 ? (t / 0.6) * 100 : 100 - ((t - 0.6) / 0.4) * 50;
      app.setCompare({ after });
      if (t === 1) app.setCompare({ mode: 'off' });
    },
  });
  // The hair-loss presets take turns, each with the design a clinic would start from: a
  // Norwood stage from the front, the crown seen from above, diffuse female thinning.
  for (const head of presets) {
    scenes.push({ name: `preset ${head.preset}${head.view === 'top' ? ' from above' : ''}`, seconds: 4, still: true, run(app) { app.setHead(head); } });
  }
  if (presets.length) {
    scenes.push({ name: 'bald head', seconds: 0.5, still: true, run(app) { app.setHead({ preset: 'bald', view: 'front', sex: 'male' }); } });
  }
  return scenes;
}

/**
 * A calm version of `scenes` for reduced motion: each scene is a still of at least 3 s
 * showing its end state (the compare holds its divider at 50 %).
 */
export function stillScenes(scenes) {
  return scenes.map((scene) => ({
    ...scene,
    still: true,
    seconds: Math.max(scene.seconds, 3),
    run(app) {
      if (scene.name === 'compare') {
        app.setCompare({ mode: 'slider', before: { session: 0, age: 'healed' }, after: 50 });
        return;
      }
      app.setCompare({ mode: 'off' });
      if (!scene.still) scene.run(app, 0);
      scene.run(app, 1);
    },
  }));
}

/**
 * Plays `scenes` over `app` in a loop. `now()` in ms, `schedule(fn)` the next frame (returns
 * a handle for `cancel`), `idleSeconds` before a visitor's work is wiped, `onStill()` before
 * each still scene (the view cross-fades), `onMode(mode)` with "attract" or "visitor".
 * Returns `{ start(), visitor(), stop(), mode, scene }`; `visitor()` is called on every
 * touch, key or wheel of a person.
 */
export function createDemo(app, { scenes, now, schedule, cancel, idleSeconds, onStill = () => {}, onMode = () => {} }) {
  let mode = 'off';
  let index = 0;
  let sceneStart = 0;
  let lastTouch = 0;
  let handle = null;
  let ran = false;

  const setMode = (next) => { if (mode !== next) { mode = next; onMode(next); } };
  const guard = (fn) => {
    try { fn(); } catch (error) { app.showMessage?.(''); console.warn?.(`demo scene: ${error?.message ?? error}`); }
  };

  function tick() {
    handle = null;
    const t = now();
    if (mode === 'attract') {
      const scene = scenes[index];
      const span = scene.seconds * 1000;
      const fraction = Math.min(1, (t - sceneStart) / span);
      if (scene.still) {
        if (!ran) { onStill(scene); guard(() => scene.run(app, 1)); ran = true; }
      } else {
        if (!ran) { guard(() => scene.run(app, 0)); ran = true; }
        if (fraction > 0) guard(() => scene.run(app, fraction));
      }
      if (fraction >= 1) { // the scene just ran with t = 1: on to the next
        index = (index + 1) % scenes.length;
        sceneStart = t;
        ran = false;
      }
    } else if (mode === 'visitor' && t - lastTouch >= idleSeconds * 1000) {
      guard(() => app.wipe());
      begin(t);
    }
    if (mode !== 'off') handle = schedule(tick);
  }

  function begin(t) {
    index = 0;
    sceneStart = t;
    ran = false;
    setMode('attract');
  }

  return {
    get mode() { return mode; },
    get scene() { return scenes[index]?.name ?? null; },
    /** Starts the loop from a wiped designer. */
    start() {
      guard(() => app.wipe());
      begin(now());
      if (!handle) handle = schedule(tick);
    },
    /** A person touched: the loop hands over (a finished picture to play with); the idle clock restarts. */
    visitor() {
      lastTouch = now();
      if (mode !== 'attract') return;
      guard(() => {
        app.stroke('cancel');
        app.cancel(); // a line cleared for the drawing scene comes back
        app.setLaid(1);
        app.setCompare({ mode: 'off' });
        app.setStage({ session: app.limits.sessions.max, age: 'healed' });
        app.newHistory(); // the loop's own edits are not the visitor's to undo
      });
      setMode('visitor');
    },
    stop() {
      if (handle) cancel(handle);
      handle = null;
      setMode('off');
    },
  };
}
