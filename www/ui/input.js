// Pointer input on the stage, for fingers, pens and mice (Pointer Events): one finger, a
// pen or the mouse draws a stroke or drags a handle; a second finger turns the gesture into
// a two-finger pinch-zoom and pan (the half-drawn stroke is dropped, so a resting palm or a
// second finger never scribbles); while a pen is down, touches are ignored, and a pen that
// lands on a resting palm takes over from it (palm rejection, whichever came first).
// On desktop the wheel zooms, and the middle button, the Space key or the Move mode pans.
// A quick double tap or double click asks for "fit". The stage has `touch-action: none`
// and captures each pointer, so a gesture keeps its pointer even outside the canvas.
//
// Reports client (CSS px) points; what they mean in mm is canvas-input.js's business. Owns its
// listeners: `dispose()` removes every one.

import { createListeners } from './listeners.js';

/** Movement under which a pointer-up counts as a tap, CSS px. */
export const TAP_SLOP_PX = 10;
/** Longest press that counts as a tap, and longest gap between two taps of a double tap, ms. */
export const TAP_MS = 300;
export const DOUBLE_TAP_MS = 350;

/**
 * Classifies a new pointer given the gesture under way. Pure, so node --test can check it.
 * `active` is the list of pointer types already down; returns one of
 * 'ignore' | 'pinch' | 'pan' | 'drag' | 'stroke'.
 */
export function classify({ pointerType, button = 0, onHandle = false, panMode = false }, active) {
  if (pointerType === 'touch' && active.includes('pen')) return 'ignore';
  // A pen's barrel button (2) or eraser end (5) is no stroke: each replaced the line.
  if (pointerType === 'pen' && button !== 0) return 'ignore';
  // A pen landing on a resting palm takes over (penOverPalm): technicians rest the hand first.
  if (penOverPalm(pointerType, active)) return onHandle ? 'drag' : 'stroke';
  if (pointerType === 'mouse' && button !== 0 && button !== 1) return 'ignore';
  if (pointerType === 'touch' && active.filter((t) => t === 'touch').length === 1) return 'pinch';
  if (active.length > 0) return 'ignore';
  if (button === 1 || panMode) return 'pan';
  return onHandle ? 'drag' : 'stroke';
}

/** Whether a pen comes down while only touches (a palm, fingers) are down. */
export function penOverPalm(pointerType, active) {
  return pointerType === 'pen' && active.length > 0 && active.every((t) => t === 'touch');
}

/**
 * The gesture a new pointer starts, and the report that starts it: `kind` from `classify`,
 * `pointer` `{ id, x, y, point }` (point as reported to `on.stroke`/`on.drag`), `index` the
 * handle under it, `pair` the two touches of a pinch. Pure, so node --test can check it.
 * Returns `{ gesture, report: [callback, ...args] }`.
 */
export function startGesture(kind, { id, x, y, point }, { index = -1, pair = [] } = {}) {
  if (kind === 'pinch') return { gesture: { kind, start: pair }, report: ['pinch', 'start', pair, pair] };
  if (kind === 'pan') return { gesture: { kind, id, last: [x, y] }, report: ['pan', 'start', [0, 0]] };
  if (kind === 'drag') return { gesture: { kind, id, index, last: point, trail: [point] }, report: ['drag', 'start', index, point] };
  const points = [point];
  return { gesture: { kind: 'stroke', id, points }, report: ['stroke', 'start', points] };
}

/**
 * Whether a pointer-up at `(x, y, t)` ends a tap that went down at `down` `{ x0, y0,
 * downAt }`, and whether it makes a double tap with `lastTap` `{ x, y, t }` (or null).
 * Pure. Returns `{ still, double }`.
 */
export function tapAt(down, { x, y, t }, lastTap) {
  const still = Math.hypot(x - down.x0, y - down.y0) < TAP_SLOP_PX && t - down.downAt < TAP_MS;
  const double = still && lastTap !== null && t - lastTap.t < DOUBLE_TAP_MS && Math.hypot(x - lastTap.x, y - lastTap.y) < 30;
  return { still, double };
}

/**
 * Attaches to `stage`. `on` holds callbacks, all optional:
 * stroke(start|move|end|cancel, points), drag(start|move|end, index, point) (a move that returns
 * 'stroke' turns the drag into a stroke of the pointer's path so far), pinch(start|move|end,
 * startPoints, points), pan(start|move|end, delta), wheel(factor, point, event), wheelPassed() (a
 * wheel step left to the page: `wheelZooms(event)` said no), doubleTap(point).
 * `handleIndex(target, clientX, clientY)` → index of the handle under the pointer or -1; `panMode()` → bool.
 */
export function attachInput(stage, { on = {}, handleIndex = () => -1, panMode = () => false, wheelFactor, wheelZooms = () => true }) {
  const pointers = new Map(); // id → { type, x, y, downAt, x0, y0 }
  const cover = stage.querySelector?.('.reveal');
  const concealed = () => Boolean(cover && !cover.hidden);
  let gesture = null; // { kind, id, points, index, start, last }
  let lastTap = null;
  const listeners = createListeners();
  const { listen } = listeners;
  const point = (e) => ({ x: e.clientX, y: e.clientY, pressure: e.pressure || 0.5, type: e.pointerType });
  const touchPair = () => [...pointers.entries()].filter(([, p]) => p.type === 'touch').slice(0, 2);

  function endGesture(cancelled) {
    if (!gesture) return;
    const g = gesture;
    gesture = null;
    if (g.kind === 'stroke') on.stroke?.(cancelled ? 'cancel' : 'end', g.points);
    if (g.kind === 'drag') on.drag?.('end', g.index, g.last, cancelled);
    if (g.kind === 'pinch') on.pinch?.('end');
    if (g.kind === 'pan') on.pan?.('end');
  }

  // A palm that lands on the toolbar (it floats over the lower canvas, where the hand
  // rests) while the pen draws presses nothing: a tap there switched Compare on mid-stroke.
  // Only that pointer's click is dropped (a key press or another finger's tap has another
  // pointerId); the guard ends with its click, or a while after its lift (a palm that slid
  // off makes no click). Not at once after the lift: the browser makes a tap's click from
  // the touch's end as an input event of its own, and on a busy tablet a timer set at the
  // lift ran first, so the palm's click pressed Compare after all (seen in a full test run).
  const PALM_CLICK_WAIT_MS = 1000;
  let palmOnControl = null; // the palm's pointerId
  listen(stage, 'click', (e) => {
    if (palmOnControl === null || e.pointerId !== palmOnControl) return;
    palmOnControl = null;
    e.preventDefault();
    e.stopPropagation();
  }, { capture: true });
  const palmLifted = (e) => {
    if (e.pointerId === palmOnControl) setTimeout(() => { if (palmOnControl === e.pointerId) palmOnControl = null; }, PALM_CLICK_WAIT_MS);
  };
  listen(stage, 'pointerup', palmLifted, { capture: true });
  listen(stage, 'pointercancel', palmLifted, { capture: true });

  listen(stage, 'pointerdown', (e) => {
    // Controls floating over the canvas (the toolbar, the message) keep their own clicks; under the
    // reveal cover (ui/reveal.js) the page's gestures pass through untouched.
    if (concealed()) return;
    const index = handleIndex(e.target, e.clientX, e.clientY);
    if (e.target?.closest?.('button, input, select, label, a, [role="slider"], #message') && index < 0) {
      if (e.pointerType === 'touch' && [...pointers.values()].some((p) => p.type === 'pen')) palmOnControl = e.pointerId;
      return;
    }
    const active = [...pointers.values()].map((p) => p.type);
    const palm = penOverPalm(e.pointerType, active);
    const kind = !palm && (gesture?.kind === 'pinch' || gesture?.kind === 'done') ? 'ignore' : classify({ pointerType: e.pointerType, button: e.button, onHandle: index >= 0, panMode: panMode() }, active);
    if (kind === 'ignore') return;
    if (palm) {
      // What the palm began (a stroke, a pinch) is dropped, and its touches are forgotten:
      // their moves and lifts no longer count.
      endGesture(true);
      for (const [id, p] of pointers) if (p.type === 'touch') pointers.delete(id);
    }
    e.preventDefault();
    pointers.set(e.pointerId, { type: e.pointerType, x: e.clientX, y: e.clientY, x0: e.clientX, y0: e.clientY, downAt: e.timeStamp });
    try { stage.setPointerCapture(e.pointerId); } catch { /* a synthetic pointer cannot be captured */ }
    if (kind === 'pinch') endGesture(true); // the first finger's stroke or drag is dropped, not applied
    const pair = kind === 'pinch' ? touchPair().map(([, p]) => [p.x, p.y]) : [];
    const started = startGesture(kind, { id: e.pointerId, x: e.clientX, y: e.clientY, point: point(e) }, { index, pair });
    gesture = started.gesture;
    const [name, ...args] = started.report;
    on[name]?.(...args);
  });

  listen(stage, 'pointermove', (e) => {
    const p = pointers.get(e.pointerId);
    if (!p) return;
    p.x = e.clientX;
    p.y = e.clientY;
    if (!gesture) return;
    if (gesture.kind === 'pinch') {
      const pair = touchPair().map(([, q]) => [q.x, q.y]);
      if (pair.length === 2) on.pinch?.('move', gesture.start, pair);
    } else if (gesture.id !== e.pointerId) {
      return;
    } else if (gesture.kind === 'stroke') {
      const events = e.getCoalescedEvents?.() ?? [];
      for (const c of events.length ? events : [e]) gesture.points.push(point(c));
      on.stroke?.('move', gesture.points);
    } else if (gesture.kind === 'drag') {
      const events = e.getCoalescedEvents?.() ?? [];
      for (const c of events.length ? events : [e]) gesture.trail.push(point(c));
      gesture.last = point(e);
      if (on.drag?.('move', gesture.index, gesture.last) === 'stroke') {
        // The pointer went on far past the handle it grabbed: a stroke begun on a handle.
        // The drag was dropped; its path so far is the stroke's start.
        const points = gesture.trail;
        gesture = { kind: 'stroke', id: gesture.id, points };
        on.stroke?.('start', points.slice(0, 1));
        on.stroke?.('move', points);
      }
    } else if (gesture.kind === 'pan') {
      const [lx, ly] = gesture.last;
      gesture.last = [e.clientX, e.clientY];
      on.pan?.('move', [e.clientX - lx, e.clientY - ly]);
    }
  });

  const release = (cancelled) => (e) => {
    const p = pointers.get(e.pointerId);
    if (!p) return;
    pointers.delete(e.pointerId);
    const now = { x: e.clientX, y: e.clientY, t: e.timeStamp };
    const { still, double } = tapAt(p, now, lastTap);
    if (gesture?.kind === 'pinch') {
      endGesture(false);
      if (pointers.size > 0) gesture = { kind: 'done' }; // wait until every finger is up
    } else if (gesture?.kind === 'done') {
      if (pointers.size === 0) gesture = null;
    } else if (gesture && gesture.id === e.pointerId) {
      if (still && gesture.kind === 'stroke') {
        gesture = null;
        on.stroke?.('cancel', []);
      } else {
        endGesture(cancelled);
      }
    }
    if (!cancelled && still && pointers.size === 0) {
      lastTap = double ? null : now;
      if (double) on.doubleTap?.([now.x, now.y]);
    }
  };
  listen(stage, 'pointerup', release(false));
  listen(stage, 'pointercancel', release(true));

  listen(stage, 'wheel', (e) => {
    if (concealed()) return; // the wheel scrolls the clinic's page until the visitor taps in
    if (!wheelZooms(e)) { on.wheelPassed?.(); return; } // the page scrolls (see canvas-input.js)
    e.preventDefault();
    on.wheel?.(wheelFactor(e.deltaY, e.deltaMode, e.ctrlKey), [e.clientX, e.clientY]);
  }, { passive: false });
  // No context menu or text selection on long presses over the drawing surface.
  listen(stage, 'contextmenu', (e) => e.preventDefault());

  return {
    /** Whether a stroke, drag, pinch or pan is under way. */
    get busy() { return gesture !== null; },
    /** Drops the gesture under way (e.g. on Escape) without applying it. */
    cancel() { endGesture(true); },
    dispose() {
      endGesture(true);
      listeners.removeAll();
    },
  };
}
