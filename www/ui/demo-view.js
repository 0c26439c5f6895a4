// The demo on screen (the `demo` attribute): plays the attract loop (app/demo.js) over the
// designer, shows the invitation to touch, hands over on a person's first touch, key or
// wheel (that first touch only wakes the designer, it does not draw), cross-fades the
// stills under reduced motion, and holds a screen wake lock while it runs. `host` carries
// `data-demo` ("attract" or "visitor") for styles and tests.

import { attractScenes, createDemo, stillScenes } from '../app/demo.js';
import { holdWakeLock } from './wake-lock.js';
import { createListeners } from './listeners.js';

/**
 * Starts the demo on `host` (the element) with its shadow `root`, over `app`. `line` is the
 * template's preset hairline; `idleSeconds` the wait before a visitor's work is wiped.
 * Returns `{ dispose() }`, which stops everything and leaves the designer as it is.
 */
export function mountDemo(root, host, app, { line, idleSeconds, win = window }) {
  const doc = host.ownerDocument;
  const stage = root.getElementById('stage');
  const invite = root.getElementById('demo-invite');
  const calm = win.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  const scenes = attractScenes({ sessions: app.state.design.sessions, line });
  // What a visitor typed (a caption, a client reference, notes) goes with their design.
  const forgetTyping = () => {
    for (const field of root.querySelectorAll('input[type="text"], input[type="search"], textarea')) field.value = '';
    const keepPhoto = root.getElementById('c-keep-photo');
    if (keepPhoto) keepPhoto.checked = false;
    const share = root.getElementById('share-url');
    if (share) share.hidden = true;
  };
  const fade = () => {
    stage.classList.remove('demo-fade');
    void stage.offsetWidth; // restart the animation
    stage.classList.add('demo-fade');
  };
  const demo = createDemo(app, {
    scenes: calm ? stillScenes(scenes) : scenes,
    now: () => win.performance.now(),
    schedule: (fn) => win.requestAnimationFrame(fn),
    cancel: (h) => win.cancelAnimationFrame(h),
    idleSeconds,
    onStill: () => { if (calm) fade(); },
    onMode: (mode) => {
      host.dataset.demo = mode;
      invite.hidden = mode !== 'attract';
      if (mode === 'attract') forgetTyping();
    },
  });
  host.dataset.demoMotion = calm ? 'calm' : 'full';
  const listeners = createListeners();
  const person = (event) => {
    const waking = demo.mode === 'attract';
    demo.visitor();
    if (waking && event.type === 'pointerdown') {
      event.preventDefault();
      event.stopPropagation(); // the touch that wakes the designer does not draw
    }
  };
  for (const type of ['pointerdown', 'keydown', 'wheel']) listeners.listen(host, type, person, { capture: true, passive: type !== 'pointerdown' });
  // A finger or pen still moving (a long drag of a handle) is a visitor at work: it was
  // wiped mid-gesture when only the touch that began it counted.
  listeners.listen(host, 'pointermove', (event) => {
    if (demo.mode === 'visitor' && event.buttons) demo.visitor();
  }, { capture: true, passive: true });
  listeners.listen(doc, 'keydown', person);
  const release = holdWakeLock(doc, win.navigator);
  demo.start();
  return {
    get mode() { return demo.mode; },
    get scene() { return demo.scene; },
    dispose() {
      demo.stop();
      listeners.removeAll();
      release();
      invite.hidden = true;
      delete host.dataset.demo;
      delete host.dataset.demoMotion;
    },
  };
}
