// The first visit's hint over the picture: "Drag a circle to shape the hairline, or draw a
// new one with your finger" (or "with the mouse", by the pointer the device has; both are
// in the markup, so the page's language table translates them). A client on a phone saw a
// head, circles and "6,368 impressions · 90.7 cm² treated" and no word of what to do: the
// tools' hints are tooltips, which a phone never shows. It goes at the visitor's first
// touch, click or key on the designer, or when a photo comes; a returning visitor (a
// restored design) and a kiosk (its own invitation) never see it. It takes no pointer.

import { createListeners } from './listeners.js';
import { setHidden } from './dom-write.js';
import { readDemo } from '../app/embed-options.js';

/** Mounts on `root`'s #first-hint; `host` the element (a kiosk's has `demo`). */
export function mountFirstHint(root, app, { host }) {
  const hint = root.getElementById('first-hint');
  const listeners = createListeners();
  let unsubscribe = null;
  const done = () => {
    setHidden(hint, true);
    listeners.removeAll();
    unsubscribe?.();
    unsubscribe = null;
  };
  if (!hint || app.restored || readDemo(host?.getAttribute?.('demo'))) {
    done();
    return { dispose: done };
  }
  setHidden(hint, false);
  for (const type of ['pointerdown', 'keydown']) listeners.listen(root, type, done, { capture: true });
  unsubscribe = app.subscribe((state, changes) => { if (changes.has('photo') && state.photo?.loaded) done(); });
  return { dispose: done };
}
