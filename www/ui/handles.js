// The hairline's handles as real buttons over the canvas: each is a 44 × 44 px hit target
// (WCAG 2.5.5, and a fingertip) around a small visible knob, reachable with Tab, showing
// focus, and movable with the arrow keys (0.5 mm a press, 2 mm with Shift). Buttons rather
// than canvas drawings because the browser then gives focus, keyboard and screen-reader
// names for free. Positions follow the view every frame; the elements are reused, so focus
// stays on a handle while it moves.

import { createListeners } from './listeners.js';
import { setAttr, setHidden, setTransform } from './dom-write.js';

/** Arrow-key step, mm (Shift: `NUDGE_LARGE_MM`). */
export const NUDGE_MM = 0.5;
export const NUDGE_LARGE_MM = 2;

/** Direction in mm for an arrow key (`null` for other keys); y grows downwards. */
export function nudgeFor(key, shift) {
  const step = shift ? NUDGE_LARGE_MM : NUDGE_MM;
  return { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[key] ?? null;
}

/**
 * A layer of handle buttons in `container`; `onNudge(index, [dx, dy])` on arrow keys.
 * `describe(i, n, point)` names a handle for screen readers; `describedBy()` says what else
 * the name depends on (language, landmarks), so that a name is made again only when its
 * handle moved or that changed: naming every handle at every move of a drag formatted four
 * numbers each (Intl), about 60 ms of main thread in a 3 s drag on a phone at 4× throttling.
 */
export function createHandleLayer(container, { onNudge, onFocus = () => {}, describe, describedBy = () => '' }) {
  const buttons = [];
  const named = new WeakMap();
  const listeners = createListeners();
  const { listen } = listeners;
  listen(container, 'focusin', (e) => {
    const i = buttons.indexOf(e.target);
    if (i >= 0) onFocus(i, e.target);
  });
  listen(container, 'keydown', (e) => {
    const i = buttons.indexOf(e.target);
    const delta = i >= 0 ? nudgeFor(e.key, e.shiftKey) : null;
    if (!delta) return;
    e.preventDefault();
    onNudge(i, delta);
  });
  return {
    /**
     * Index of the handle under a press on `target` at client `x`, `y`, or -1: of the
     * handles whose hit target holds the point, the one whose knob is nearest. On a phone
     * the knobs lie 12–19 px apart inside 44 px targets, so the target on top (the later
     * button) took presses on its neighbour's knob: a finger on one handle moved the next.
     */
    indexOf(target, x, y) {
      const button = target?.closest?.('.handle');
      const hit = button ? buttons.indexOf(button) : -1;
      if (hit < 0 || !Number.isFinite(x) || !Number.isFinite(y)) return hit;
      let best = hit;
      let bestDistance = Infinity;
      buttons.forEach((b, i) => {
        const r = b.getBoundingClientRect();
        if (b.hidden || x < r.left || x > r.right || y < r.top || y > r.bottom) return;
        const distance = Math.hypot(x - (r.left + r.right) / 2, y - (r.top + r.bottom) / 2);
        if (distance < bestDistance) { best = i; bestDistance = distance; }
      });
      return best;
    },
    /**
     * Shows `handles` (mm) at client positions from `toLocal` (mm → px inside the container);
     * `active` marks the handle being moved and, with `mirror`, its partner.
     */
    update(handles, toLocal, { visible = true, active = -1, mirror = false } = {}) {
      setHidden(container, !visible);
      while (buttons.length > handles.length) buttons.pop().remove();
      while (buttons.length < handles.length) {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'handle';
        container.append(b);
        buttons.push(b);
      }
      const n = handles.length;
      const context = describedBy();
      handles.forEach((p, i) => {
        const b = buttons[i];
        const [x, y] = toLocal(p);
        setTransform(b, `translate(${x.toFixed(1)}px, ${y.toFixed(1)}px)`);
        const key = `${context} ${i}/${n} ${p[0]} ${p[1]}`;
        if (named.get(b) !== key) {
          named.set(b, key);
          setAttr(b, 'aria-label', describe(i, n, p));
        }
        b.classList.toggle('active', i === active);
        b.classList.toggle('partner', mirror && active >= 0 && i === n - 1 - active && i !== active);
      });
    },
    /** Moves keyboard focus to handle `i` (after an edit that rebuilt the handles). */
    // (Without scrolling: the handle is on screen, where it was just dragged or nudged, and
    // working out a scroll into view is work of its own at a drag's release.)
    focus(i) { buttons[Math.max(0, Math.min(i, buttons.length - 1))]?.focus({ preventScroll: true }); },
    dispose() {
      listeners.removeAll();
      buttons.splice(0).forEach((b) => b.remove());
    },
  };
}
